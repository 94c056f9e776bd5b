// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRailsErrors} from "./IRailsErrors.sol";

/**
 * @title IDeliveryVersusPayment
 * @notice Swaps an electronic bill of lading against a tokenized-deposit payment atomically, in two ways:
 * - **signed settlement**: seller and buyer sign the same EIP-712 {Terms}; anyone submits them once and both legs move
 *   straight between the parties in one transaction, the contract holding nothing;
 * - **escrowed deal**: the terms are registered as a deal, the seller deposits the eBL and the buyer the payment in any
 *   order; the leg that completes the deal settles it in the same transaction. Until then either party may cancel, and
 *   after the deadline anyone may trigger the refund.
 * A terms hash settles at most once, in either way; a cancelled one never settles. Either way a settlement completes
 * only with the title outcome the terms state: the eBL recipient holds the eBL and the title is with the title
 * recipient (see {Terms}).
 */
interface IDeliveryVersusPayment is IRailsErrors {
    // ------------------------------------------------------------------ types

    /**
     * @notice What seller and buyer agree. Its EIP-712 hash identifies a signed settlement and is the id of a deal.
     * @param registry The eBL registry (must be allowed by the admin).
     * @param tokenId The eBL.
     * @param documentHash The transport document version the buyer pays for (the token's current DCSA checksum);
     * settlement fails if the token's document changed since.
     * @param paymentToken The tokenized deposit paid in (must be allowed by the admin).
     * @param amount The price, in the payment token's base units; non-zero, at most 2^128 - 1.
     * @param seller The eBL's holder, who gives it up.
     * @param buyer The payer.
     * @param eblRecipient Who receives possession of the eBL (the buyer, or a bank taking it as a pledge).
     * @param titleRecipient Who holds title once settled, always stated. To-order B/L: the endorsee (may be the eBL
     * recipient), or zero for a bearer bill (blank endorsed after settlement). Straight B/L: its consignee, which
     * never changes. When the title is already there (a blank-endorsed bill sold as bearer, a pledgee bank delivering
     * back to the importer with title) only possession moves; otherwise the seller's eBL is endorsed to it (in blank
     * for zero), which needs a to-order bill whose holder has title. Else nothing moves
     * ({SettlementTitleNotDeliverable}).
     * @param paymentRecipient Who receives the money (the seller or its bank).
     * @param deadline Unix time after which the terms can no longer settle.
     * @param salt Makes otherwise equal terms distinct (a trade reference, or random).
     */
    struct Terms {
        address registry;
        uint256 tokenId;
        bytes32 documentHash;
        address paymentToken;
        uint256 amount;
        address seller;
        address buyer;
        address eblRecipient;
        address titleRecipient;
        address paymentRecipient;
        uint256 deadline;
        bytes32 salt;
    }

    /// @notice How the payment leg is authorised.
    enum PaymentMethod {
        /// A prior ERC-20 allowance from the buyer to this contract.
        Allowance,
        /// An EIP-2612 permit signed by the buyer, executed in the same call.
        Permit,
        /// An EIP-3009 `receiveWithAuthorization` signed by the buyer, with a nonce bound to these terms or this deal.
        Authorization
    }

    /**
     * @notice The buyer's authorisation of the payment leg.
     * @param method Allowance, Permit or Authorization.
     * @param validAfter Authorization only: the EIP-3009 `validAfter`.
     * @param deadline Permit: the permit deadline. Authorization: the EIP-3009 `validBefore`.
     * @param nonce Authorization only: the buyer's salt; the EIP-3009 nonce actually signed is
     * `keccak256(abi.encode(termsHash, nonce))` for a signed settlement and `keccak256(abi.encode(hashDeal(terms),
     * nonce))` for a deal deposit, so the authorisation pays for these terms, in that way, and nothing else.
     * @param signature Permit / Authorization: the buyer's signature (65-byte ECDSA or ERC-1271). Empty for Allowance.
     */
    struct PaymentAuth {
        PaymentMethod method;
        uint256 validAfter;
        uint256 deadline;
        bytes32 nonce;
        bytes signature;
    }

    /**
     * @notice The seller's authorisation of the eBL leg.
     * @param deadline The ERC-4494 permit deadline (ignored when `signature` is empty).
     * @param signature The seller's ERC-4494 permit naming this contract as spender; empty when this contract is
     * already approved for the token (or for all the seller's tokens).
     */
    struct EblAuth {
        uint256 deadline;
        bytes signature;
    }

    /**
     * @notice One signed settlement as submitted: the terms, both parties' consent, both legs' authorisations.
     * @param terms The terms.
     * @param sellerSignature The seller's EIP-712 signature of the terms; may be empty when the seller submits.
     * @param buyerSignature The buyer's EIP-712 signature of the terms; may be empty when the buyer submits.
     * @param eblAuth Authorisation of the eBL leg.
     * @param paymentAuth Authorisation of the payment leg.
     */
    struct SignedSettlement {
        Terms terms;
        bytes sellerSignature;
        bytes buyerSignature;
        EblAuth eblAuth;
        PaymentAuth paymentAuth;
    }

    /// @notice What happened to a terms hash. `Open` is used by deals only.
    enum TermsStatus {
        None,
        Open,
        Settled,
        Cancelled
    }

    /**
     * @notice A deal's state; the terms themselves are not stored (callers pass them, the contract checks their hash).
     * @param status Open while it can still settle; Settled or Cancelled when over.
     * @param eblHeld True while this contract holds the deal's eBL (deposited, not yet delivered or returned).
     * @param paid The payment this contract holds for the deal (deposited, not yet paid out or returned).
     */
    struct Deal {
        TermsStatus status;
        bool eblHeld;
        uint128 paid;
    }

    /// @notice Why a deal ended without settling.
    enum CancelReason {
        /// A party cancelled it.
        Cancelled,
        /// Its deadline passed.
        Expired
    }

    // ------------------------------------------------------------------ events

    /**
     * @notice Both legs moved: the eBL to `eblRecipient` with title to `titleRecipient` (bearer if zero), the payment
     * to `paymentRecipient`.
     * @param termsHash The terms' EIP-712 hash (the deal id for escrowed deals).
     * @param seller The seller.
     * @param buyer The buyer.
     * @param registry The eBL registry.
     * @param tokenId The eBL.
     * @param paymentToken The deposit token.
     * @param amount The amount paid.
     * @param escrowed True for an escrowed deal, false for a signed settlement.
     */
    event Settled(
        bytes32 indexed termsHash,
        address indexed seller,
        address indexed buyer,
        address registry,
        uint256 tokenId,
        address paymentToken,
        uint256 amount,
        bool escrowed
    );

    /**
     * @notice Signed terms were cancelled by one of their signers before settling.
     * @param termsHash The terms' hash.
     * @param by The seller or buyer who cancelled.
     */
    event TermsCancelled(bytes32 indexed termsHash, address indexed by);

    /**
     * @notice An item of {settleBatch} failed and was rolled back on its own; the others went ahead.
     * @param index The item's position in the batch.
     * @param termsHash The item's terms hash.
     * @param reason The revert data (a custom error of this contract, the registry or the token), cut to its first 260
     * bytes (a selector and eight words: every custom error of the rails fits whole); empty when the item ran out of
     * its gas allowance (`BATCH_ITEM_GAS`) or reverted without data.
     */
    event BatchItemFailed(uint256 indexed index, bytes32 indexed termsHash, bytes reason);

    /**
     * @notice An escrowed deal was opened.
     * @param dealId The terms' hash.
     * @param terms The full terms, so a back office can reconcile without other sources.
     * @param creator Who opened it.
     */
    event DealCreated(bytes32 indexed dealId, Terms terms, address indexed creator);

    /**
     * @notice The seller's eBL entered custody for a deal.
     * @param dealId The deal.
     * @param seller The seller it came from.
     * @param registry The eBL registry.
     * @param tokenId The eBL.
     */
    event EblDeposited(bytes32 indexed dealId, address indexed seller, address registry, uint256 tokenId);

    /**
     * @notice The buyer paid (part of) a deal's price into custody.
     * @param dealId The deal.
     * @param buyer The payer.
     * @param amount What this deposit added (as actually received).
     * @param totalPaid What the deal now holds in total.
     */
    event PaymentDeposited(bytes32 indexed dealId, address indexed buyer, uint256 amount, uint256 totalPaid);

    /**
     * @notice A deal ended without settling; its deposited legs are returned (see {EblReturned}, {PaymentReturned}).
     * @param dealId The deal.
     * @param by Who ended it.
     * @param reason Cancelled by a party, or expired.
     */
    event DealCancelled(bytes32 indexed dealId, address indexed by, CancelReason reason);

    /**
     * @notice A cancelled deal's eBL went back to the seller.
     * @param dealId The deal.
     * @param seller The seller.
     */
    event EblReturned(bytes32 indexed dealId, address indexed seller);

    /**
     * @notice A cancelled deal's payment went back to the buyer.
     * @param dealId The deal.
     * @param buyer The buyer.
     * @param amount The amount returned.
     */
    event PaymentReturned(bytes32 indexed dealId, address indexed buyer, uint256 amount);

    /**
     * @notice Returning a leg failed (the party is no longer verified, the account frozen, the token paused, the eBL on
     * legal hold); the leg stays in custody, attributed to the deal, and {refund} retries it.
     * @param dealId The deal.
     * @param ebl True for the eBL leg, false for the payment leg.
     * @param reason The revert data of the failed return, cut to its first 260 bytes; empty for a token that returned
     * `false` or a return that ran out of its gas allowance (`RETURN_GAS`).
     */
    event ReturnFailed(bytes32 indexed dealId, bool ebl, bytes reason);

    /**
     * @notice The admin allowed or disallowed an eBL registry.
     * @param registry The registry.
     * @param allowed Whether new settlements may use it.
     */
    event RegistryAllowed(address indexed registry, bool allowed);

    /**
     * @notice The admin allowed or disallowed a payment token.
     * @param token The deposit token.
     * @param allowed Whether new settlements may use it.
     */
    event PaymentTokenAllowed(address indexed token, bool allowed);

    /**
     * @notice The admin sent away an asset that reached this contract outside any deal (a plain transfer).
     * @param asset The token contract.
     * @param to The recipient.
     * @param amountOrTokenId The amount (ERC-20) or token id (eBL).
     */
    event StrayAssetRecovered(address indexed asset, address indexed to, uint256 amountOrTokenId);

    // ------------------------------------------------------------------ errors

    /// @notice The eBL registry is not allowed by the admin.
    error SettlementRegistryNotAllowed(address registry);
    /// @notice The payment token is not allowed by the admin.
    error SettlementPaymentTokenNotAllowed(address token);
    /// @notice The terms already settled or were cancelled (or, for a new deal, are already a deal).
    error SettlementTermsUsed(bytes32 termsHash, TermsStatus status);
    /// @notice The amount does not fit 128 bits (a zero amount is refused with {RailsZeroAmount}).
    error SettlementInvalidAmount(uint256 amount);
    /// @notice A party or recipient of the terms is the zero address; seller and buyer are the same; the eBL goes back
    /// to the seller or the payment back to the buyer; or a recipient is this contract.
    error SettlementInvalidParties();
    /// @notice The caller is neither the seller nor the buyer of the terms.
    error SettlementNotParty(address caller);
    /// @notice The eBL's current document is not the one the terms were agreed on.
    error SettlementDocumentChanged(bytes32 agreed, bytes32 current);
    /// @notice The seller is not the eBL's holder.
    error SettlementSellerNotHolder(address seller, address holder);
    /// @notice After the permit (if any) this contract is still not approved for the eBL.
    error SettlementEblNotAuthorized(uint256 tokenId);
    /// @notice The payment recipient (or this contract) received less than the amount: a fee-on-transfer token.
    error SettlementPaymentShortfall(uint256 expected, uint256 received);
    /// @notice No open deal has these terms.
    error SettlementDealNotOpen(bytes32 dealId, TermsStatus status);
    /// @notice This contract holds the eBL in custody for the deal `openDealId` (open, or cancelled with the eBL's
    /// return pending), so its seller cannot sell or deposit it elsewhere.
    error SettlementEblInOpenDeal(address registry, uint256 tokenId, bytes32 openDealId);
    /// @notice The deal already holds the eBL.
    error SettlementEblAlreadyDeposited(bytes32 dealId);
    /// @notice The deposit exceeds what the deal still needs (a zero deposit is refused with {RailsZeroAmount}).
    error SettlementOverpayment(bytes32 dealId, uint256 remaining, uint256 amount);
    /// @notice The deal's deadline has not passed, so only a party may cancel it.
    error SettlementNotExpired(bytes32 dealId, uint256 deadline);
    /// @notice The deal is settled, or cancelled with nothing left to return.
    error SettlementNothingToRefund(bytes32 dealId);
    /// @notice Only this contract may call the function (batch items).
    error SettlementOnlySelf();
    /// @notice Too little gas is left to give batch item `index` its full allowance: the submitter must send more.
    error SettlementBatchGasTooLow(uint256 index, uint256 needed, uint256 left);
    /// @notice Too little gas is left to give a leg's return its full allowance: the caller must send more.
    error SettlementReturnGasTooLow(uint256 needed, uint256 left);
    /// @notice An eBL was pushed to this contract outside a deposit; it is refused.
    error SettlementUnsolicitedEbl(address operator, uint256 tokenId);
    /// @notice The asset is held for an open deal (or the amount exceeds what is held outside deals).
    error SettlementAssetInEscrow(address asset, uint256 amountOrTokenId);
    /// @notice The terms promise title to `expectedTitleHolder` (zero: bearer), the title is with `currentTitleHolder`
    /// (zero: blank endorsed), and the seller cannot endorse the eBL now: a straight B/L whose consignee is another
    /// party, a seller without title (it endorsed the bill away), or an eBL that cannot be endorsed at the moment
    /// (legal hold, registry paused, surrendered).
    error SettlementTitleNotDeliverable(uint256 tokenId, address expectedTitleHolder, address currentTitleHolder);
    /// @notice After delivery the title holder or the holder is not the one the terms name (something acted on the
    /// eBL during the delivery, e.g. a receiver's `onERC721Received`); the settlement is undone.
    error SettlementTitleMismatch(uint256 tokenId, address titleHolder, address holder);

    // ------------------------------------------------------------------ signed settlement

    /**
     * @notice Settles signed terms in one transaction: payment from the buyer to the payment recipient, the eBL from the
     * seller to the eBL recipient, with title to the title recipient. Nothing is held by this contract.
     * @dev Anyone may submit. Fails unless both legs move in full and the eBL recipient ends holding the eBL with the
     * title the terms state ({SettlementTitleNotDeliverable} before anything moves, {SettlementTitleMismatch} after).
     * Emits {Settled}.
     * @param settlement The terms, both signatures and both legs' authorisations.
     */
    function settle(SignedSettlement calldata settlement) external;

    /**
     * @notice Settles many signed settlements; each item is all-or-nothing on its own, a failing item is rolled back
     * and reported by {BatchItemFailed} while the others go ahead.
     * @dev Returns which items settled, in order. Each item runs with a fixed gas allowance (`BATCH_ITEM_GAS`), so an
     * item whose party code burns gas fails alone; an item that needs more than the allowance fails too, and can be
     * settled alone with {settle}. Reverts with {SettlementBatchGasTooLow} when the gas left cannot give the next item
     * its whole allowance, so an honest item never fails for want of gas the submitter held back.
     * @param settlements The items.
     * @return settled `settled[i]` is true when item `i` settled.
     */
    function settleBatch(SignedSettlement[] calldata settlements) external returns (bool[] memory settled);

    /**
     * @notice Cancels terms before they settle; they can then never settle, signed or as a deal.
     * @dev Caller: the seller or the buyer. For an open deal use {cancelDeal}. Emits {TermsCancelled}.
     * @param terms The terms.
     */
    function cancelTerms(Terms calldata terms) external;

    // ------------------------------------------------------------------ escrowed deal

    /**
     * @notice Opens an escrowed deal on these terms. Nothing is reserved yet: several deals may name the same eBL, and
     * it is bound to the one it is deposited into ({depositEbl}); until then the seller may sell it elsewhere, and a
     * deal whose eBL never arrives is cancelled by a party or refunded after its deadline.
     * @dev Caller: the seller, or anyone with the seller's signature of the deal ({hashDeal}: the EIP-712 type
     * `Deal(Terms terms)`). A signature of the terms themselves ({hashTerms}, a consent to a signed settlement) does
     * not open a deal, so a pending {settle} cannot be turned into a deal by a third party. Emits {DealCreated}.
     * @param terms The terms.
     * @param sellerSignature The seller's signature of {hashDeal}; empty when the seller calls.
     * @return dealId The terms' hash.
     */
    function createDeal(Terms calldata terms, bytes calldata sellerSignature) external returns (bytes32 dealId);

    /**
     * @notice Moves the seller's eBL into custody for the deal; settles the deal if it is fully paid.
     * @dev Caller: the seller, or anyone with the seller's signature of this deposit ({hashEblDeposit}: the EIP-712
     * type `EblDeposit(Terms terms)`). An approval of this contract (even for all the seller's eBLs) or a permit only
     * lets the eBL move; it does not choose the deal, so nobody can push the seller's eBL into an old deal the seller
     * once agreed to. The seller's {hashDeal} signature, public once the deal is created, is not a deposit consent. A
     * deal holds its eBL at most once (it ends when the eBL leaves), so the consent cannot be replayed. The seller must
     * hold the eBL, so an eBL that another deal holds fails with {SettlementEblInOpenDeal}; and the title the terms
     * promise must be deliverable ({SettlementTitleNotDeliverable}). From here until it leaves custody the eBL is bound
     * to this deal ({openDealOf}). Emits {EblDeposited} (and {Settled}).
     * @param terms The deal's terms.
     * @param sellerSignature The seller's signature of {hashEblDeposit}; empty when the seller calls.
     * @param eblAuth A prior approval, or the seller's ERC-4494 permit.
     */
    function depositEbl(Terms calldata terms, bytes calldata sellerSignature, EblAuth calldata eblAuth) external;

    /**
     * @notice Pays `amount` of the deal's price into custody (partial payments add up); settles the deal when the
     * price is reached and the eBL is held.
     * @dev Caller: the buyer, or anyone with the buyer's signature of the deal ({hashDeal}), or anyone with an EIP-3009
     * authorization whose nonce is bound to {hashDeal} (one given for a signed settlement of the same terms is refused
     * by the token). Emits {PaymentDeposited} (and {Settled}).
     * @param terms The deal's terms.
     * @param amount What to pay now; at most what the deal still needs.
     * @param buyerSignature The buyer's signature of {hashDeal}; empty when the buyer calls or pays by authorization.
     * @param paymentAuth Allowance, permit or authorization.
     */
    function depositPayment(
        Terms calldata terms,
        uint256 amount,
        bytes calldata buyerSignature,
        PaymentAuth calldata paymentAuth
    ) external;

    /**
     * @notice Cancels an open deal and returns each deposited leg to whoever deposited it.
     * @dev Caller: the seller or the buyer. Works while paused. Emits {DealCancelled} and a return event per leg.
     * Each return runs with `RETURN_GAS`; with less gas left than that needs, reverts with {SettlementReturnGasTooLow}.
     * @param terms The deal's terms.
     */
    function cancelDeal(Terms calldata terms) external;

    /**
     * @notice After the deadline anyone may end an open deal and return its legs; for a cancelled deal whose return
     * failed earlier, anyone may retry it.
     * @dev Works while paused. Emits {DealCancelled} (first time) and a return or {ReturnFailed} event per leg held.
     * Each return runs with `RETURN_GAS`; with less gas left than that needs, reverts with {SettlementReturnGasTooLow}.
     * @param terms The deal's terms.
     */
    function refund(Terms calldata terms) external;

    // ------------------------------------------------------------------ views

    /**
     * @notice The EIP-712 hash of the terms: what the parties sign, the replay key and the deal id.
     * @param terms The terms.
     * @return The typed-data hash under this contract's domain.
     */
    function hashTerms(Terms calldata terms) external view returns (bytes32);

    /**
     * @notice The EIP-712 hash of `Deal(Terms terms)`: what a party signs to let others open ({createDeal}) or pay
     * into ({depositPayment}) an escrowed deal on these terms for it. Distinct from {hashTerms}, so a consent to one
     * way of settling cannot be used for the other. The deal's id stays {hashTerms}.
     * @param terms The terms.
     * @return The typed-data hash under this contract's domain.
     */
    function hashDeal(Terms calldata terms) external view returns (bytes32);

    /**
     * @notice The EIP-712 hash of `EblDeposit(Terms terms)`: what the seller signs to let someone else deposit its eBL
     * into the deal on these terms ({depositEbl}). Distinct from {hashTerms} and {hashDeal}.
     * @param terms The terms.
     * @return The typed-data hash under this contract's domain.
     */
    function hashEblDeposit(Terms calldata terms) external view returns (bytes32);

    /**
     * @notice The state of a terms hash / deal.
     * @param termsHash The terms' hash.
     * @return The deal record (status is also set for signed terms that settled or were cancelled).
     */
    function dealOf(bytes32 termsHash) external view returns (Deal memory);

    /**
     * @notice The deal that holds an eBL in custody (open, or cancelled with the eBL's return pending), if any.
     * @param registry The eBL registry.
     * @param tokenId The eBL.
     * @return The deal id, or zero.
     */
    function openDealOf(address registry, uint256 tokenId) external view returns (bytes32);

    /**
     * @notice Whether new settlements may use this eBL registry.
     * @param registry The registry.
     * @return True when allowed.
     */
    function isRegistryAllowed(address registry) external view returns (bool);

    /**
     * @notice Whether new settlements may pay in this token.
     * @param token The deposit token.
     * @return True when allowed.
     */
    function isPaymentTokenAllowed(address token) external view returns (bool);

    /**
     * @notice How much of `token` this contract holds for open or unreturned deals.
     * @param token The deposit token.
     * @return The total escrowed.
     */
    function escrowedBalance(address token) external view returns (uint256);
}
