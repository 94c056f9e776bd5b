// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IBillOfLadingRegistry} from "../interfaces/IBillOfLadingRegistry.sol";
import {ICrossBankSettlement} from "../interfaces/ICrossBankSettlement.sol";
import {IInterbankPayments} from "../interfaces/IInterbankPayments.sol";
import {ISettlement} from "../interfaces/ISettlement.sol";
import {SettlementCore} from "./SettlementCore.sol";

/**
 * @title CrossBankSettlement
 * @notice Signed delivery versus payment across banks and currencies: the eBL leg of {SettlementCore}, the payment leg
 * through {IInterbankPayments}. See {ICrossBankSettlement}.
 * @dev Invariant: the eBL moves only together with every payment leg (the interbank payment reverts on any refusal,
 * and nothing here catches it), and a terms hash settles once. Holds nothing. Must be a verified SETTLEMENT participant
 * (the eBL registry lets only verified custodians move eBLs for others) and hold the interbank settler role (the
 * interbank contract's `payFor`).
 */
contract CrossBankSettlement is ICrossBankSettlement, SettlementCore {
    /// @notice The EIP-712 type hash of {CrossBankTerms} (the referenced types in alphabetical order, per EIP-712).
    bytes32 public constant CROSS_BANK_TERMS_TYPEHASH = keccak256(
        "CrossBankTerms(Terms terms,address payeeToken,uint256 payeeAmount,Quote quote)"
        "Quote(address dealer,address taker,address payReserve,address receiveReserve,uint256 rate,uint256 maxPayAmount,"
        "uint256 expiry,uint256 nonce)"
        "Terms(address registry,uint256 tokenId,bytes32 documentHash,address paymentToken,uint256 amount,"
        "address seller,address buyer,address eblRecipient,address titleRecipient,address paymentRecipient,"
        "address condition,bytes32 conditionData,uint256 deadline,bytes32 salt)"
    );

    /// @dev The EIP-712 type hash of a dealer's quote (as the interbank contract defines it).
    bytes32 private constant QUOTE_TYPEHASH = keccak256(
        "Quote(address dealer,address taker,address payReserve,address receiveReserve,uint256 rate,uint256 maxPayAmount,"
        "uint256 expiry,uint256 nonce)"
    );

    /**
     * @notice Deploys the cross-bank settlement contract with no market open yet.
     * @param initialAuthority The rails' access manager, which says who may open markets, recover stray assets and
     * pause.
     * @dev EIP-712 domain "Cargo Rails Cross-Bank DvP", version "2": OpenZeppelin's {EIP712} refuses a name above 31
     * bytes ("Cargo Rails Cross-Bank Settlement", 33 bytes, made every deployment revert with `StringTooLong`).
     */
    constructor(address initialAuthority) SettlementCore("Cargo Rails Cross-Bank DvP", initialAuthority) {}

    /// @inheritdoc ICrossBankSettlement
    function settleCrossBank(CrossBankSettlement calldata s) external nonReentrant whenNotPaused {
        CrossBankTerms calldata c = s.terms;
        Terms calldata terms = c.terms;
        bytes32 termsHash = _hashCrossBankTerms(c);
        address interbank = _checkTerms(terms);
        Deal storage record = _deals[termsHash];
        TermsStatus status = record.status;
        if (status != TermsStatus.None) revert SettlementTermsUsed(termsHash, status);
        address submitter = _msgSender();
        _checkConsent(termsHash, terms.seller, s.sellerSignature, submitter);
        _checkConsent(termsHash, terms.buyer, s.buyerSignature, submitter);

        IBillOfLadingRegistry registry = IBillOfLadingRegistry(terms.registry);
        address titleHolder = _checkEblLeg(registry, terms);
        _authorizeEbl(registry, terms.tokenId, terms.seller, s.eblAuth);

        record.status = TermsStatus.Settled;
        _checkCondition(termsHash, terms);

        // Every leg of the payment, or a revert: burn at the buyer's bank, reserves between the banks, mint at the
        // payee's bank; the terms' hash is the payment id in every event. The payee's balance in the token the parties
        // signed is measured, so the eBL leaves the seller only against the payment, whatever rail the market names.
        uint256 before = IERC20(c.payeeToken).balanceOf(terms.paymentRecipient);
        IInterbankPayments(interbank).payFor(
            IInterbankPayments.Payment({
                payerToken: terms.paymentToken,
                payer: terms.buyer,
                payAmount: terms.amount,
                payeeToken: c.payeeToken,
                payee: terms.paymentRecipient,
                receiveAmount: c.payeeAmount,
                paymentId: termsHash
            }),
            c.quote,
            s.dealerSignature
        );
        uint256 current = IERC20(c.payeeToken).balanceOf(terms.paymentRecipient);
        uint256 received = current > before ? current - before : 0;
        if (received != c.payeeAmount) revert SettlementPayeeShortPaid(c.payeeAmount, received);
        _deliverEbl(registry, terms, terms.seller, titleHolder);

        emit Settled(
            termsHash,
            terms.seller,
            terms.buyer,
            terms.registry,
            terms.tokenId,
            terms.paymentToken,
            terms.amount
        );
    }

    /// @inheritdoc ICrossBankSettlement
    function cancelCrossBankTerms(CrossBankTerms calldata terms) external nonReentrant {
        bytes32 termsHash = _hashCrossBankTerms(terms);
        address caller = _msgSender();
        if (caller != terms.terms.seller && caller != terms.terms.buyer) revert SettlementNotParty(caller);
        Deal storage record = _deals[termsHash];
        TermsStatus status = record.status;
        if (status != TermsStatus.None) revert SettlementTermsUsed(termsHash, status);
        record.status = TermsStatus.Cancelled;
        emit TermsCancelled(termsHash, caller);
    }

    /**
     * @notice Refused: cross-bank terms are cancelled with {cancelCrossBankTerms}.
     * @dev Reverts with {SettlementCrossBankTermsRequired}.
     */
    function cancelTerms(Terms calldata) external pure override(ISettlement, SettlementCore) {
        revert SettlementCrossBankTermsRequired();
    }

    /// @inheritdoc ICrossBankSettlement
    function hashCrossBankTerms(CrossBankTerms calldata terms) external view returns (bytes32) {
        return _hashCrossBankTerms(terms);
    }

    function _hashCrossBankTerms(CrossBankTerms calldata c) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        CROSS_BANK_TERMS_TYPEHASH,
                        _termsStructHash(c.terms),
                        c.payeeToken,
                        c.payeeAmount,
                        keccak256(abi.encode(QUOTE_TYPEHASH, c.quote))
                    )
                )
            );
    }

    /// @dev A cross-bank settlement holds nothing for anyone: all it has is stray.
    function _heldForDeals(address) internal pure override returns (uint256) {
        return 0;
    }

    /// @dev A cross-bank settlement holds no eBL for anyone.
    function _isHeldForDeal(address, uint256) internal pure override returns (bool) {
        return false;
    }
}
