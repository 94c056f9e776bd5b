// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRailsErrors} from "../../interfaces/IRailsErrors.sol";
import {IStrayAssetRecovery} from "../IStrayAssetRecovery.sol";
import {IPaymentRail} from "../../settlement/rails/IPaymentRail.sol";

/**
 * @title IPaymentObligations
 * @notice Digital payment obligations (DPO): one ERC-721 token ("Cargo Rails Payment Obligation", symbol "DPO") per
 * accepted bill of exchange (a time draft), in the spirit of ICC's URDTT and the UK Electronic Trade Documents Act
 * 2023's treatment of bills of exchange. The drawee (the importer) accepted to pay `amount` of a tokenized deposit at
 * `maturity`; the token's holder is the party entitled to that payment. The drawer (the exporter) is the first holder
 * and may sell the obligation to a bank at a discount ({discount}, atomic: the price against the token). At or after
 * maturity anyone may {collect} it from the drawee by the payment arrangement stored at issue (an allowance, or an
 * EIP-3009 authorisation that the token itself refuses before maturity); the drawee may {pay} it; the holder may
 * {present} it, which collects it or records the dishonour with the failure's reason. A bank's guarantee ({avalise})
 * makes the avalist answerable too ({payUnderAval}). An obligation is paid at most once, exactly its amount, to the
 * holder of the moment.
 * @dev Recourse: after a dishonour the holder keeps the token (it stays transferable) and may collect later (the
 * drawee's late payment), or be paid by the avalist. Recourse against the drawer (and earlier endorsers) is not
 * enforced here: it stays off chain, under the law of the bill (e.g. Bills of Exchange Act 1882 s. 47-48, Geneva
 * Uniform Law art. 43-44; URDTT art. 13 on non-payment), with {ObligationDishonoured} and the token's transfer
 * history as the evidence of presentment, non-payment and holding.
 *
 * Ids: `obligationId = uint256(keccak256(abi.encode(issuer, issuerReference)))` ({obligationIdOf}), where `issuer` is the
 * contract holding the `OBLIGATION ISSUER` role that issued it and `issuerReference` the issuer's unique reference (the
 * D/A collection id). An id is never issued twice. The drawee can therefore sign the EIP-3009 authorisation for an
 * obligation before it exists: payee (`to`) = this contract, `value` = amount, `validAfter` = maturity - 1,
 * `validBefore` >= maturity + {MIN_COLLECTION_WINDOW}, nonce signed = `keccak256(abi.encode(bytes32(obligationId),
 * salt))` (the {IPaymentRail-PaymentAuth} convention with `paymentId = bytes32(obligationId)`).
 *
 * EIP-712 domain: name "Cargo Rails Payment Obligations", version "1". Discount offers are signed by the holder as
 * `Discount(uint256 obligationId,address buyer,uint256 price,uint256 nonce,uint256 deadline)`, `nonce` =
 * `nonces(holder)` (consumed on use).
 */
interface IPaymentObligations is IRailsErrors, IStrayAssetRecovery {
    /// @notice Where an obligation stands.
    enum ObligationStatus {
        /// Never issued.
        None,
        /// Issued and not paid: collectable from maturity on.
        Outstanding,
        /// Paid, once, to the holder of the moment. Final; the token no longer moves.
        Paid,
        /// Presented at or after maturity and not paid by the drawee. Still payable (late by the drawee, or by the
        /// avalist), still transferable.
        Dishonoured
    }

    /**
     * @notice What the issuer states about a new obligation.
     * @param issuerReference The issuer's unique reference (the D/A contract: the collection id); with the issuer it
     * gives the obligation id.
     * @param drawer Who drew the bill (the exporter); the first holder. A verified trader, bank or agent.
     * @param drawee Who accepted it and pays at maturity (the importer).
     * @param token The tokenized deposit it is payable in.
     * @param amount Base units of `token` payable at maturity.
     * @param maturity Unix time from which it is payable.
     * @param registry The eBL registry of the bill of lading it was accepted against (zero if none).
     * @param eblTokenId That bill of lading (zero if none).
     */
    struct ObligationTerms {
        bytes32 issuerReference;
        address drawer;
        address drawee;
        address token;
        uint256 amount;
        uint64 maturity;
        address registry;
        uint256 eblTokenId;
    }

    /**
     * @notice Everything recorded about an obligation.
     * @param drawer The drawer (the first holder).
     * @param maturity Unix time from which it is payable.
     * @param status See {ObligationStatus}.
     * @param drawee The acceptor, who pays.
     * @param token The tokenized deposit.
     * @param avalist The bank that guaranteed it ({avalise}); zero if none.
     * @param registry The eBL registry of the underlying bill of lading (zero if none).
     * @param amount Base units payable.
     * @param eblTokenId The underlying bill of lading (zero if none).
     * @param arrangement How the drawee pays at maturity: `method` Allowance (a standing ERC-20 allowance to this
     * contract, nothing else set) or Authorization (the drawee's EIP-3009 `receiveWithAuthorization` to this contract:
     * `validAfter` = maturity - 1, `deadline` = validBefore, `nonce` = the salt, `signature`). Permit is not accepted.
     */
    struct Obligation {
        address drawer;
        uint64 maturity;
        ObligationStatus status;
        address drawee;
        address token;
        address avalist;
        address registry;
        uint256 amount;
        uint256 eblTokenId;
        IPaymentRail.PaymentAuth arrangement;
    }

    /**
     * @notice The holder's signed offer to sell an obligation to `buyer` for `price` (EIP-712 `Discount`).
     * @param obligationId The obligation offered.
     * @param buyer The bank that may take it (and must submit it).
     * @param price What the buyer pays the holder, in the obligation's token; at most its amount.
     * @param nonce The holder's {nonces} value when signing; consumed.
     * @param deadline Unix time after which the offer is void.
     */
    struct DiscountOffer {
        uint256 obligationId;
        address buyer;
        uint256 price;
        uint256 nonce;
        uint256 deadline;
    }

    /**
     * @notice An obligation was issued and minted to its drawer.
     * @param obligationId The new id ({obligationIdOf}).
     * @param drawer The first holder.
     * @param drawee The acceptor.
     * @param issuer The contract that issued it (the D/A collection contract).
     * @param terms The full terms.
     * @param method How the drawee pays at maturity (Allowance or Authorization).
     */
    event ObligationIssued(
        uint256 indexed obligationId,
        address indexed drawer,
        address indexed drawee,
        address issuer,
        ObligationTerms terms,
        IPaymentRail.PaymentMethod method
    );

    /**
     * @notice A bank guaranteed payment of the obligation (an aval): it is answerable for it like the drawee.
     * @param obligationId The obligation.
     * @param avalist The guaranteeing bank.
     */
    event ObligationAvalised(uint256 indexed obligationId, address indexed avalist);

    /**
     * @notice The holder sold the obligation to a bank: `price` paid to the seller and the token passed to the buyer,
     * in one transaction.
     * @param obligationId The obligation.
     * @param seller The former holder, who signed the offer.
     * @param buyer The bank, the new holder.
     * @param price What the buyer paid.
     * @param offerHash The offer's EIP-712 digest ({hashDiscount}); the payment id of the price.
     */
    event ObligationDiscounted(
        uint256 indexed obligationId,
        address indexed seller,
        address indexed buyer,
        uint256 price,
        bytes32 offerHash
    );

    /**
     * @notice The obligation was paid: `amount` reached the holder of the moment. Emitted once per obligation.
     * @param obligationId The obligation.
     * @param payer The drawee, or the avalist ({payUnderAval}).
     * @param holder Who received the payment (the holder then).
     * @param amount The obligation's amount.
     * @param late True when it had been dishonoured before.
     */
    event ObligationPaid(
        uint256 indexed obligationId,
        address indexed payer,
        address indexed holder,
        uint256 amount,
        bool late
    );

    /**
     * @notice The holder presented the obligation at or after maturity and the drawee's payment failed: non-payment
     * is recorded (the evidence for recourse, see the contract's notes).
     * @param obligationId The obligation.
     * @param holder The presenting holder.
     * @param reason The revert data of the failed collection (e.g. an insufficient balance, a cancelled or expired
     * authorisation, a frozen account), cut to its first {MAX_REASON_LENGTH} bytes.
     */
    event ObligationDishonoured(uint256 indexed obligationId, address indexed holder, bytes reason);

    /// @notice No obligation with this id was issued.
    error ObligationNotFound(uint256 obligationId);

    /// @notice The issuer already issued an obligation under this reference (ids are never reused).
    error ObligationAlreadyIssued(uint256 obligationId);

    /// @notice The maturity is not in the future at issue.
    error ObligationInvalidMaturity(uint64 maturity, uint256 nowTimestamp);

    /// @notice The drawee's payment arrangement uses the Permit method (a permit's sequential nonce would be spent by
    /// any later permit); use an allowance or an EIP-3009 authorisation.
    error ObligationUnsupportedArrangement(IPaymentRail.PaymentMethod method);

    /// @notice The EIP-3009 authorisation does not fit the obligation: `validAfter` must be maturity - 1 (so the token
    /// refuses it before maturity and accepts it from maturity on) and `validBefore` at least maturity +
    /// {MIN_COLLECTION_WINDOW}.
    error ObligationAuthorizationMismatch(uint256 validAfter, uint256 validBefore, uint64 maturity);

    /// @notice `account` may not hold an obligation: it is not a verified trader, bank or agent.
    error ObligationInvalidHolder(address account);

    /// @notice `account` must be a verified bank here (to discount or avalise).
    error ObligationNotVerifiedBank(address account);

    /// @notice Only the obligation's holder may do this (present it).
    error ObligationNotHolder(uint256 obligationId, address account);

    /// @notice Only the obligation's drawee may do this (pay it voluntarily).
    error ObligationNotDrawee(uint256 obligationId, address account);

    /// @notice Only the obligation's avalist may pay under its aval.
    error ObligationNotAvalist(uint256 obligationId, address account);

    /// @notice The discount offer names another buyer than the caller.
    error ObligationNotBuyer(address buyer, address caller);

    /// @notice The offered price is above the obligation's amount.
    error ObligationPriceAboveAmount(uint256 price, uint256 amount);

    /// @notice The obligation already has an avalist.
    error ObligationAlreadyAvalised(uint256 obligationId, address avalist);

    /// @notice The obligation is not payable yet: `maturity` is after now.
    error ObligationNotDue(uint256 obligationId, uint64 maturity, uint256 nowTimestamp);

    /// @notice The obligation was paid already: nothing more is due, and the token no longer moves.
    error ObligationAlreadyPaid(uint256 obligationId);

    /// @notice The obligation is not in the status this step needs (e.g. discounting or avalising a dishonoured one,
    /// presenting it twice).
    error ObligationInvalidStatus(uint256 obligationId, ObligationStatus status);

    /// @notice {present} was sent with too little gas to give the collection its full budget (`COLLECTION_GAS`):
    /// resend with more gas (a dishonour is never recorded for the presenter's lack of gas).
    error ObligationInsufficientGas();

    /**
     * @notice Issues an obligation and mints it to its drawer.
     * @dev Restricted: the `OBLIGATION ISSUER` role (13), held by the D/A collection contract. Checks: addresses
     * non-zero, amount positive, maturity in the future, drawer a verified trader / bank / agent, the arrangement an
     * allowance or a fitting EIP-3009 authorisation whose signature is the drawee's (checked against the token's
     * EIP-712 domain now, so a bad signature is refused at acceptance, not discovered at maturity). Emits
     * {ObligationIssued} and ERC-721 `Transfer`.
     * @param terms See {ObligationTerms}.
     * @param arrangement How the drawee pays at maturity (see {Obligation}).
     * @return obligationId `uint256(keccak256(abi.encode(msg.sender, terms.issuerReference)))`.
     */
    function issue(
        ObligationTerms calldata terms,
        IPaymentRail.PaymentAuth calldata arrangement
    ) external returns (uint256 obligationId);

    /**
     * @notice The caller, a verified bank, guarantees the obligation (aval): it may then pay it ({payUnderAval}).
     * @dev Only while Outstanding and without an avalist. Emits {ObligationAvalised}.
     * @param obligationId The obligation.
     */
    function avalise(uint256 obligationId) external;

    /**
     * @notice Buys an Outstanding obligation from its holder at a discount: pays `offer.price` from the caller (the
     * offer's buyer, a verified bank) to the holder and transfers the token to the caller, in one transaction.
     * @dev The price is paid through the deposit payment of the rails with `paymentId` = {hashDiscount}`(offer)`
     * (allowance or permit naming this contract, or an EIP-3009 authorisation to it). Emits {ObligationDiscounted}.
     * @param offer The holder's offer.
     * @param holderSignature The holder's EIP-712 signature of `offer` (ECDSA or ERC-1271).
     * @param auth The buyer's authorisation of the price.
     */
    function discount(
        DiscountOffer calldata offer,
        bytes calldata holderSignature,
        IPaymentRail.PaymentAuth calldata auth
    ) external;

    /**
     * @notice Collects the obligation from the drawee by the stored arrangement and pays the holder; anyone may call
     * it at or after maturity, once (also after a dishonour: the drawee's late payment).
     * @dev Reverts with the payment's error if the drawee's payment fails (nothing recorded: see {present}). Emits
     * {ObligationPaid}.
     * @param obligationId The obligation.
     */
    function collect(uint256 obligationId) external;

    /**
     * @notice The drawee pays the obligation itself, at or after maturity (also after a dishonour).
     * @dev `auth`: allowance or permit naming this contract, or an EIP-3009 authorisation to it, with
     * `paymentId = bytes32(obligationId)`. Emits {ObligationPaid}.
     * @param obligationId The obligation.
     * @param auth The drawee's authorisation.
     */
    function pay(uint256 obligationId, IPaymentRail.PaymentAuth calldata auth) external;

    /**
     * @notice The holder presents the Outstanding obligation at or after maturity: it is collected as by {collect},
     * or, if the drawee's payment fails, the dishonour is recorded (status Dishonoured, {ObligationDishonoured} with
     * the failure's reason).
     * @dev Holder only. The collection runs with a fixed gas budget (`COLLECTION_GAS`), which the presenter must
     * provide in full ({ObligationInsufficientGas}), so a dishonour records the drawee's failure, never the
     * presenter's lack of gas.
     * @param obligationId The obligation.
     * @return paid True when collected, false when dishonoured.
     */
    function present(uint256 obligationId) external returns (bool paid);

    /**
     * @notice The avalist pays the obligation under its guarantee, at or after maturity (Outstanding or Dishonoured).
     * @dev Avalist only. `auth` as for {pay}, the avalist paying. Emits {ObligationPaid}.
     * @param obligationId The obligation.
     * @param auth The avalist's authorisation.
     */
    function payUnderAval(uint256 obligationId, IPaymentRail.PaymentAuth calldata auth) external;

    /**
     * @notice The obligation's record.
     * @param obligationId The obligation.
     * @return The record (all zero if never issued).
     */
    function obligation(uint256 obligationId) external view returns (Obligation memory);

    /**
     * @notice The id an issuer's reference gives: `uint256(keccak256(abi.encode(issuer, issuerReference)))`.
     * @param issuer The issuing contract.
     * @param issuerReference Its reference.
     * @return The obligation id.
     */
    function obligationIdOf(address issuer, bytes32 issuerReference) external pure returns (uint256);

    /**
     * @notice The EIP-712 digest of a discount offer (what the holder signs; the price's payment id).
     * @param offer The offer.
     * @return The digest.
     */
    function hashDiscount(DiscountOffer calldata offer) external view returns (bytes32);
}
