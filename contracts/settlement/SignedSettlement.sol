// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IBillOfLadingRegistry} from "../interfaces/IBillOfLadingRegistry.sol";
import {ISignedSettlement} from "../interfaces/ISignedSettlement.sol";
import {SettlementCore} from "./SettlementCore.sol";
import {IPaymentRail} from "./rails/IPaymentRail.sol";

/**
 * @title SignedSettlement
 * @notice Signed delivery versus payment of electronic bills of lading against tokenized deposits: both parties sign
 * the terms, anyone submits them, and either both legs move in one transaction or neither does. See
 * {ISignedSettlement} and docs/settlement.md.
 * @dev Holds nothing: the payment goes from the buyer to the payment recipient through the market's rail, the eBL
 * from the seller to the eBL recipient. State changes precede the calls that move assets.
 */
contract SignedSettlement is ISignedSettlement, SettlementCore {
    /**
     * @notice The gas each item of {settleBatch} runs with: an item that needs more fails alone (and can be settled
     * with {settle}); party code that burns gas in an item takes no more than this from the batch.
     * @dev Sized from test/settlement/batchGas.ts, which measures the heaviest honest items and fails if one of them
     * passes half of this. See docs/gas.md.
     */
    uint256 public constant BATCH_ITEM_GAS = 500_000;

    /// @dev What a capped item needs left before it starts: EIP-150 passes a callee at most 63/64 of the gas left, so
    /// a cap of `g` is really given only when `g * 64 / 63` (rounded up here by `g / 63`) and the reserve are left.
    uint256 private constant _BATCH_ITEM_GAS_NEEDED = BATCH_ITEM_GAS + BATCH_ITEM_GAS / 63 + 1 + _GAS_RESERVE;

    /**
     * @notice Deploys the signed-settlement contract with no market open yet.
     * @param initialAuthority The rails' access manager, which says who may open markets, recover stray assets and
     * pause.
     */
    constructor(address initialAuthority) SettlementCore("Cargo Rails Signed Settlement", initialAuthority) {}

    /// @inheritdoc ISignedSettlement
    function settle(Settlement calldata settlement) external nonReentrant whenNotPaused {
        _settle(settlement, _msgSender());
    }

    /// @inheritdoc ISignedSettlement
    function settleBatch(
        Settlement[] calldata settlements
    ) external nonReentrant whenNotPaused returns (bool[] memory settled) {
        uint256 n = settlements.length;
        settled = new bool[](n);
        address submitter = _msgSender();
        for (uint256 i; i < n; ++i) {
            // An external self-call gives each item its own revert scope: a failing item rolls back alone. It gets
            // BATCH_ITEM_GAS and no more, so party code that burns gas (an eBL recipient's `onERC721Received`, an
            // ERC-1271 `isValidSignature`, a condition) sinks its own item, not the batch.
            bytes memory data = abi.encodeCall(this.settleBatchItem, (settlements[i], submitter));
            // Without the full allowance an honest item could "fail" for want of gas the submitter held back.
            uint256 left = gasleft();
            if (left < _BATCH_ITEM_GAS_NEEDED) revert SettlementBatchGasTooLow(i, _BATCH_ITEM_GAS_NEEDED, left);
            (bool ok, bytes memory reason) = _cappedCall(address(this), data, BATCH_ITEM_GAS);
            if (ok) settled[i] = true;
            else emit BatchItemFailed(i, _hashTerms(settlements[i].terms), reason);
        }
    }

    /**
     * @notice One item of {settleBatch}, in its own revert scope. Only this contract may call it.
     * @param settlement The item.
     * @param submitter The account that submitted the batch (it may stand in for its own signature).
     */
    function settleBatchItem(Settlement calldata settlement, address submitter) external {
        if (_msgSender() != address(this)) revert SettlementOnlySelf();
        _settle(settlement, submitter);
    }

    function _settle(Settlement calldata s, address submitter) private {
        Terms calldata terms = s.terms;
        bytes32 termsHash = _hashTerms(terms);
        address rail = _checkTerms(terms);
        Deal storage record = _deals[termsHash];
        TermsStatus status = record.status;
        if (status != TermsStatus.None) revert SettlementTermsUsed(termsHash, status);
        _checkConsent(termsHash, terms.seller, s.sellerSignature, submitter);
        _checkConsent(termsHash, terms.buyer, s.buyerSignature, submitter);

        IBillOfLadingRegistry registry = IBillOfLadingRegistry(terms.registry);
        address titleHolder = _checkEblLeg(registry, terms);
        _authorizeEbl(registry, terms.tokenId, terms.seller, s.eblAuth);

        record.status = TermsStatus.Settled;
        _checkCondition(termsHash, terms);

        // The rail pays the buyer's money to the payment recipient, or reverts (an EIP-3009 authorisation is bound to
        // the terms' hash, so it pays these terms and nothing else).
        IPaymentRail(rail).pay(
            terms.paymentToken,
            terms.buyer,
            terms.paymentRecipient,
            terms.amount,
            termsHash,
            s.paymentAuth
        );
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

    /// @dev A signed settlement holds nothing for anyone: all it has is stray.
    function _heldForDeals(address) internal pure override returns (uint256) {
        return 0;
    }

    /// @dev A signed settlement holds no eBL for anyone.
    function _isHeldForDeal(address, uint256) internal pure override returns (bool) {
        return false;
    }
}
