// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ParticipantKinds} from "../../access/ParticipantKinds.sol";
import {IParticipantRegistry} from "../../interfaces/IParticipantRegistry.sol";
import {DepositPayments} from "../../settlement/rails/DepositPayments.sol";
import {IPaymentRail} from "../../settlement/rails/IPaymentRail.sol";
import {SignatureVerification} from "../../utils/SignatureVerification.sol";
import {IStrayAssetRecovery} from "../IStrayAssetRecovery.sol";
import {IPaymentObligations} from "./IPaymentObligations.sol";

/**
 * @title PaymentObligations
 * @notice Digital payment obligations: one ERC-721 token per accepted bill of exchange, held by whoever is entitled to
 * its payment, paid once at or after maturity. See {IPaymentObligations} and docs/trade-finance.md.
 * @dev No owner, no pause of its own: only {issue} (the `OBLIGATION ISSUER` role of the rails' access manager) and the
 * recovery of stray assets ({recoverStrayToken}, {recoverStrayEbl}: `TRADE FINANCE ADMIN`) are restricted; it holds
 * no eBL and, between calls, no money. Registered as a verified CUSTODY participant, because an EIP-3009 payment passes through it on its way to
 * the holder. Every payment goes through {DepositPayments} (the holder must receive exactly the amount). The status
 * is written before the payment's calls, so a re-entrant call finds the obligation paid.
 */
contract PaymentObligations is IPaymentObligations, ERC721, EIP712, Nonces, AccessManaged, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice EIP-712 type of a holder's discount offer.
    bytes32 public constant DISCOUNT_TYPEHASH = keccak256(
        "Discount(uint256 obligationId,address buyer,uint256 price,uint256 nonce,uint256 deadline)"
    );

    /// @notice The shortest time an EIP-3009 authorisation must stay usable after maturity (its `validBefore`), so
    /// the holder has a real chance to collect before presenting.
    uint256 public constant MIN_COLLECTION_WINDOW = 3 days;

    /**
     * @notice The gas {present} gives the collection it tries: an honest payment (an allowance, or an EIP-3009
     * authorisation with an ERC-1271 check) needs a fraction of it. A drawee whose own code (an ERC-1271 wallet)
     * needs more fails its own payment.
     */
    uint256 public constant COLLECTION_GAS = 500_000;

    /// @notice The longest failure reason {ObligationDishonoured} carries; longer ones are cut.
    uint256 public constant MAX_REASON_LENGTH = 260;

    /// @dev EIP-3009's `ReceiveWithAuthorization` type (the deposit token's), to check the drawee's signature at issue.
    bytes32 private constant _RECEIVE_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );

    /// @dev What {present} needs left before the collection: EIP-150 passes a callee at most 63/64 of the gas left,
    /// so COLLECTION_GAS is really given only with `COLLECTION_GAS * 64 / 63` left, plus the record of a dishonour.
    uint256 private constant _PRESENT_GAS_NEEDED = COLLECTION_GAS + COLLECTION_GAS / 63 + 1 + 40_000;

    /// @dev Who may hold an obligation: parties to a bill and their banks or agents, never a contract custodian.
    uint32 private constant _HOLDER_KINDS = ParticipantKinds.TRADER | ParticipantKinds.BANK | ParticipantKinds.AGENT;

    /// @notice The participant registry: who may hold, buy and guarantee obligations.
    IParticipantRegistry public immutable participants;

    mapping(uint256 obligationId => Obligation) private _obligations;

    /**
     * @notice Deploys the obligations token.
     * @param participantRegistry The participant registry.
     * @param initialAuthority The rails' access manager, which says who holds the `OBLIGATION ISSUER` role.
     */
    constructor(
        IParticipantRegistry participantRegistry,
        address initialAuthority
    )
        ERC721("Cargo Rails Payment Obligation", "DPO")
        EIP712("Cargo Rails Payment Obligations", "1")
        AccessManaged(initialAuthority)
    {
        if (address(participantRegistry) == address(0)) revert RailsZeroAddress();
        participants = participantRegistry;
    }

    // ------------------------------------------------------------------ issue

    /// @inheritdoc IPaymentObligations
    function issue(
        ObligationTerms calldata terms,
        IPaymentRail.PaymentAuth calldata arrangement
    ) external restricted returns (uint256 obligationId) {
        if (terms.drawer == address(0) || terms.drawee == address(0) || terms.token == address(0)) {
            revert RailsZeroAddress();
        }
        if (terms.amount == 0) revert RailsZeroAmount();
        if (terms.maturity <= block.timestamp) revert ObligationInvalidMaturity(terms.maturity, block.timestamp);
        obligationId = obligationIdOf(_msgSender(), terms.issuerReference);
        if (_obligations[obligationId].status != ObligationStatus.None) revert ObligationAlreadyIssued(obligationId);
        _checkArrangement(obligationId, terms, arrangement);

        Obligation storage o = _obligations[obligationId];
        o.drawer = terms.drawer;
        o.maturity = terms.maturity;
        o.status = ObligationStatus.Outstanding;
        o.drawee = terms.drawee;
        o.token = terms.token;
        o.registry = terms.registry;
        o.amount = terms.amount;
        o.eblTokenId = terms.eblTokenId;
        // An allowance needs nothing stored beyond its method.
        if (arrangement.method == IPaymentRail.PaymentMethod.Authorization) o.arrangement = arrangement;
        // Not `_safeMint`: the drawer is a verified party, and no receiver code runs inside an acceptance.
        _mint(terms.drawer, obligationId);
        emit ObligationIssued(obligationId, terms.drawer, terms.drawee, _msgSender(), terms, arrangement.method);
    }

    // ------------------------------------------------------------------ stray assets

    /// @inheritdoc IStrayAssetRecovery
    /// @dev Payments pass straight through to the holder: any balance here is stray.
    function recoverStrayToken(address token, address to, uint256 amount) external restricted {
        if (to == address(0)) revert RailsZeroAddress();
        emit StrayAssetRecovered(token, to, amount);
        IERC20(token).safeTransfer(to, amount);
    }

    /// @inheritdoc IStrayAssetRecovery
    /// @dev This contract never holds an eBL for an obligation (it only records which one the bill was drawn on).
    function recoverStrayEbl(address registry, uint256 tokenId, address to) external restricted {
        if (to == address(0)) revert RailsZeroAddress();
        emit StrayAssetRecovered(registry, to, tokenId);
        IERC721(registry).transferFrom(address(this), to, tokenId);
    }

    // ------------------------------------------------------------------ aval and discount

    /// @inheritdoc IPaymentObligations
    function avalise(uint256 obligationId) external {
        address bank = _msgSender();
        if (!participants.isVerifiedAs(bank, ParticipantKinds.BANK)) revert ObligationNotVerifiedBank(bank);
        Obligation storage o = _outstanding(obligationId);
        if (o.avalist != address(0)) revert ObligationAlreadyAvalised(obligationId, o.avalist);
        o.avalist = bank;
        emit ObligationAvalised(obligationId, bank);
    }

    /// @inheritdoc IPaymentObligations
    function discount(
        DiscountOffer calldata offer,
        bytes calldata holderSignature,
        IPaymentRail.PaymentAuth calldata auth
    ) external nonReentrant {
        address buyer = _msgSender();
        if (offer.buyer != buyer) revert ObligationNotBuyer(offer.buyer, buyer);
        if (!participants.isVerifiedAs(buyer, ParticipantKinds.BANK)) revert ObligationNotVerifiedBank(buyer);
        uint256 obligationId = offer.obligationId;
        Obligation storage o = _outstanding(obligationId);
        if (offer.price == 0) revert RailsZeroAmount();
        if (offer.price > o.amount) revert ObligationPriceAboveAmount(offer.price, o.amount);
        if (block.timestamp > offer.deadline) revert RailsExpired(offer.deadline, block.timestamp);
        address holder = _ownerOf(obligationId);
        bytes32 offerHash = hashDiscount(offer);
        // A used or future nonce is a signature that does not authorise this offer now.
        if (
            offer.nonce != nonces(holder) ||
            !SignatureVerification.isValidNowCalldata(holder, offerHash, holderSignature)
        ) revert RailsInvalidSignature(holder);
        _useNonce(holder);

        DepositPayments.pay(o.token, buyer, holder, offer.price, offerHash, auth);
        _transfer(holder, buyer, obligationId);
        emit ObligationDiscounted(obligationId, holder, buyer, offer.price, offerHash);
    }

    // ------------------------------------------------------------------ payment

    /// @inheritdoc IPaymentObligations
    function collect(uint256 obligationId) external nonReentrant {
        Obligation storage o = _due(obligationId);
        _settle(obligationId, o, o.drawee, o.arrangement);
    }

    /// @inheritdoc IPaymentObligations
    function pay(uint256 obligationId, IPaymentRail.PaymentAuth calldata auth) external nonReentrant {
        Obligation storage o = _due(obligationId);
        if (_msgSender() != o.drawee) revert ObligationNotDrawee(obligationId, _msgSender());
        _settle(obligationId, o, o.drawee, auth);
    }

    /// @inheritdoc IPaymentObligations
    function payUnderAval(uint256 obligationId, IPaymentRail.PaymentAuth calldata auth) external nonReentrant {
        Obligation storage o = _due(obligationId);
        address avalist = o.avalist;
        if (avalist == address(0) || _msgSender() != avalist) revert ObligationNotAvalist(obligationId, _msgSender());
        _settle(obligationId, o, avalist, auth);
    }

    /// @inheritdoc IPaymentObligations
    function present(uint256 obligationId) external returns (bool paid) {
        // Not `nonReentrant`: it calls {collect} on itself, which is. Nothing here runs after that call but the
        // record of a failure, and a re-entrant call during the collection finds the obligation Paid.
        Obligation storage o = _outstanding(obligationId);
        address holder = _ownerOf(obligationId);
        if (_msgSender() != holder) revert ObligationNotHolder(obligationId, _msgSender());
        if (block.timestamp < o.maturity) revert ObligationNotDue(obligationId, o.maturity, block.timestamp);

        // The collection runs with a fixed budget that the presenter must provide in full: a presenter cannot turn a
        // payable obligation into a recorded dishonour by sending too little gas.
        if (gasleft() < _PRESENT_GAS_NEEDED) revert ObligationInsufficientGas();
        (bool ok, bytes memory reason) = _cappedSelfCall(abi.encodeCall(this.collect, (obligationId)));
        if (ok) return true;
        o.status = ObligationStatus.Dishonoured;
        emit ObligationDishonoured(obligationId, holder, reason);
        return false;
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IPaymentObligations
    function obligation(uint256 obligationId) external view returns (Obligation memory) {
        return _obligations[obligationId];
    }

    /// @inheritdoc IPaymentObligations
    function obligationIdOf(address issuer, bytes32 issuerReference) public pure returns (uint256) {
        return uint256(keccak256(abi.encode(issuer, issuerReference)));
    }

    /// @inheritdoc IPaymentObligations
    function hashDiscount(DiscountOffer calldata offer) public view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        DISCOUNT_TYPEHASH,
                        offer.obligationId,
                        offer.buyer,
                        offer.price,
                        offer.nonce,
                        offer.deadline
                    )
                )
            );
    }

    // ------------------------------------------------------------------ internals

    /**
     * @dev Every move of a token: only to a verified trader, bank or agent, and never once paid (the paid holder
     * keeps the token as the record of what it received). Obligations are never burned.
     */
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        if (_obligations[tokenId].status == ObligationStatus.Paid) revert ObligationAlreadyPaid(tokenId);
        if (!participants.isVerifiedAs(to, _HOLDER_KINDS)) revert ObligationInvalidHolder(to);
        return super._update(to, tokenId, auth);
    }

    /// @dev Pays the obligation from `payer` to its holder now, once: the status is written first.
    function _settle(
        uint256 obligationId,
        Obligation storage o,
        address payer,
        IPaymentRail.PaymentAuth memory auth
    ) private {
        bool late = o.status == ObligationStatus.Dishonoured;
        address holder = _ownerOf(obligationId);
        o.status = ObligationStatus.Paid;
        uint256 amount = o.amount;
        DepositPayments.pay(o.token, payer, holder, amount, bytes32(obligationId), auth);
        emit ObligationPaid(obligationId, payer, holder, amount, late);
    }

    /// @dev The drawer must be able to hold it; the drawee pays by allowance or by an authorisation that fits.
    function _checkArrangement(
        uint256 obligationId,
        ObligationTerms calldata terms,
        IPaymentRail.PaymentAuth calldata arrangement
    ) private view {
        if (!participants.isVerifiedAs(terms.drawer, _HOLDER_KINDS)) revert ObligationInvalidHolder(terms.drawer);
        IPaymentRail.PaymentMethod method = arrangement.method;
        if (method == IPaymentRail.PaymentMethod.Allowance) return;
        if (method != IPaymentRail.PaymentMethod.Authorization) revert ObligationUnsupportedArrangement(method);
        uint64 maturity = terms.maturity;
        // validAfter = maturity - 1: the token refuses it before maturity (EIP-3009 wants validAfter < now).
        if (arrangement.validAfter != maturity - 1 || arrangement.deadline < maturity + MIN_COLLECTION_WINDOW) {
            revert ObligationAuthorizationMismatch(arrangement.validAfter, arrangement.deadline, maturity);
        }
        bytes32 structHash = keccak256(
            abi.encode(
                _RECEIVE_WITH_AUTHORIZATION_TYPEHASH,
                terms.drawee,
                address(this),
                terms.amount,
                arrangement.validAfter,
                arrangement.deadline,
                keccak256(abi.encode(bytes32(obligationId), arrangement.nonce))
            )
        );
        bytes32 digest = MessageHashUtils.toTypedDataHash(IERC20Permit(terms.token).DOMAIN_SEPARATOR(), structHash);
        if (!SignatureVerification.isValidNowCalldata(terms.drawee, digest, arrangement.signature)) {
            revert RailsInvalidSignature(terms.drawee);
        }
    }

    /// @dev The obligation, if it is Outstanding; else the error its status calls for.
    function _outstanding(uint256 obligationId) private view returns (Obligation storage o) {
        o = _obligations[obligationId];
        ObligationStatus status = o.status;
        if (status == ObligationStatus.Outstanding) return o;
        if (status == ObligationStatus.None) revert ObligationNotFound(obligationId);
        if (status == ObligationStatus.Paid) revert ObligationAlreadyPaid(obligationId);
        revert ObligationInvalidStatus(obligationId, status);
    }

    /// @dev The obligation, if it is payable now: issued, not paid, matured.
    function _due(uint256 obligationId) private view returns (Obligation storage o) {
        o = _obligations[obligationId];
        ObligationStatus status = o.status;
        if (status == ObligationStatus.None) revert ObligationNotFound(obligationId);
        if (status == ObligationStatus.Paid) revert ObligationAlreadyPaid(obligationId);
        if (block.timestamp < o.maturity) revert ObligationNotDue(obligationId, o.maturity, block.timestamp);
    }

    /// @dev Calls this contract with {COLLECTION_GAS}, keeping at most {MAX_REASON_LENGTH} bytes of a revert reason
    /// (a long reason cannot make the caller pay to copy it).
    function _cappedSelfCall(bytes memory data) private returns (bool ok, bytes memory reason) {
        assembly ("memory-safe") {
            ok := call(COLLECTION_GAS, address(), 0, add(data, 0x20), mload(data), 0, 0)
            let size := returndatasize()
            if gt(size, MAX_REASON_LENGTH) {
                size := MAX_REASON_LENGTH
            }
            reason := mload(0x40)
            mstore(reason, size)
            returndatacopy(add(reason, 0x20), 0, size)
            mstore(0x40, add(add(reason, 0x20), and(add(size, 0x1f), not(0x1f))))
        }
    }
}
