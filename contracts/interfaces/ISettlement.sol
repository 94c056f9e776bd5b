// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRailsErrors} from "./IRailsErrors.sol";

/**
 * @title ISettlement
 * @notice What the two settlement contracts share: the terms seller and buyer agree, the markets they may trade in,
 * the title outcome, and the errors and events of the eBL leg. Delivery versus payment happens in two ways, each a
 * contract of its own on the same core (`SettlementCore`):
 * - {ISignedSettlement}: both parties sign the terms; anyone submits them once and both legs move straight between the
 *   parties in one transaction, the contract holding nothing;
 * - {IEscrowedDeals}: the terms are registered as a deal, the seller deposits the eBL and the buyer the payment in any
 *   order; the leg that completes the deal settles it.
 * Either way the money moves through the payment rail of the market ({IPaymentRail}), a condition the terms name must
 * agree ({ISettlementCondition}), and a settlement completes only with the title outcome the terms state: the eBL
 * recipient holds the eBL and the title is with the title recipient.
 */
interface ISettlement is IRailsErrors {
    // ------------------------------------------------------------------ types

    /**
     * @notice What seller and buyer agree. Its EIP-712 hash under a settlement contract identifies a signed
     * settlement there, or a deal of the escrowed-deals contract (each contract has its own EIP-712 domain, so a
     * signature for one never acts on the other).
     * @param registry The eBL registry.
     * @param tokenId The eBL.
     * @param documentHash The transport document version the buyer pays for (the token's current DCSA checksum);
     * settlement fails if the token's document changed since.
     * @param paymentToken The tokenized deposit paid in; the market (registry, payment token) must be open.
     * @param amount The price, in the payment token's base units; non-zero, at most 2^128 - 1.
     * @param seller The eBL's holder, who gives it up.
     * @param buyer The payer.
     * @param eblRecipient Who receives possession of the eBL (the buyer, or a bank taking it as a pledge).
     * @param titleRecipient Who holds title once settled, always stated. To-order B/L: the endorsee (may be the eBL
     * recipient), or zero for a bearer bill (blank endorsed after settlement). Straight B/L: its consignee, which
     * never changes. When the title is already there (a blank-endorsed bill sold as bearer, a pledgee bank delivering
     * back to the importer with title) only possession moves; otherwise the seller's eBL is endorsed to it (in blank
     * for zero), which needs a live to-order bill, not on legal hold, whose holder has title. Else nothing moves
     * ({SettlementTitleNotDeliverable}).
     * @param paymentRecipient Who receives the money (the seller or its bank).
     * @param condition An {ISettlementCondition} that must agree before the legs move, or zero for none.
     * @param conditionData The condition's parameters (e.g. which documents it requires); zero when there is none.
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
        address condition;
        bytes32 conditionData;
        uint256 deadline;
        bytes32 salt;
    }

    /**
     * @notice The seller's authorisation of the eBL leg.
     * @param deadline The ERC-4494 permit deadline (ignored when `signature` is empty).
     * @param signature The seller's ERC-4494 permit naming the settlement contract as spender; empty when it is
     * already approved for the token (or for all the seller's tokens).
     */
    struct EblAuth {
        uint256 deadline;
        bytes signature;
    }

    /// @notice What happened to a terms hash. `Open` is used by deals only.
    enum TermsStatus {
        None,
        Open,
        Settled,
        Cancelled
    }

    /**
     * @notice The state of a terms hash in a settlement contract; the terms themselves are not stored (callers pass
     * them, the contract checks their hash). A signed settlement uses `status` only.
     * @param status Open while it can still settle; Settled or Cancelled when over.
     * @param eblHeld True while this contract holds the deal's eBL (deposited, not yet delivered or returned).
     * @param paid The payment this contract holds for the deal (deposited, not yet paid out or returned).
     */
    struct Deal {
        TermsStatus status;
        bool eblHeld;
        uint128 paid;
    }

    // ------------------------------------------------------------------ events

    /**
     * @notice Both legs moved: the eBL to `eblRecipient` with title to `titleRecipient` (bearer if zero), the payment
     * to `paymentRecipient`. Emitted by the contract that settled (signed settlement or escrowed deals).
     * @param termsHash The terms' EIP-712 hash (the deal id for escrowed deals).
     * @param seller The seller.
     * @param buyer The buyer.
     * @param registry The eBL registry.
     * @param tokenId The eBL.
     * @param paymentToken The deposit token.
     * @param amount The amount paid.
     */
    event Settled(
        bytes32 indexed termsHash,
        address indexed seller,
        address indexed buyer,
        address registry,
        uint256 tokenId,
        address paymentToken,
        uint256 amount
    );

    /**
     * @notice Terms were cancelled by their seller or buyer before settling; they can never settle here.
     * @param termsHash The terms' hash.
     * @param by The seller or buyer who cancelled.
     */
    event TermsCancelled(bytes32 indexed termsHash, address indexed by);

    /**
     * @notice The admin opened, rerouted or closed a market: eBLs of `registry` against payments in `paymentToken`.
     * @param registry The eBL registry.
     * @param paymentToken The deposit token.
     * @param rail The payment rail that pays in this market; zero when closed.
     */
    event MarketSet(address indexed registry, address indexed paymentToken, address rail);

    /**
     * @notice The admin sent away an asset that reached the contract outside any settlement (a plain transfer).
     * @param asset The token contract.
     * @param to The recipient.
     * @param amountOrTokenId The amount (ERC-20) or token id (eBL).
     */
    event StrayAssetRecovered(address indexed asset, address indexed to, uint256 amountOrTokenId);

    // ------------------------------------------------------------------ errors

    /// @notice No market is open for eBLs of `registry` paid in `paymentToken`.
    error SettlementMarketClosed(address registry, address paymentToken);
    /// @notice The terms already settled or were cancelled (or, for a new deal, are already a deal).
    error SettlementTermsUsed(bytes32 termsHash, TermsStatus status);
    /// @notice The amount does not fit 128 bits (a zero amount is refused with {RailsZeroAmount}).
    error SettlementInvalidAmount(uint256 amount);
    /// @notice A party or recipient of the terms is the zero address; seller and buyer are the same; the eBL goes back
    /// to the seller or the payment back to the buyer; or a recipient is the settlement contract.
    error SettlementInvalidParties();
    /// @notice The caller is neither the seller nor the buyer of the terms.
    error SettlementNotParty(address caller);
    /// @notice The eBL's current document is not the one the terms were agreed on.
    error SettlementDocumentChanged(bytes32 agreed, bytes32 current);
    /// @notice The seller is not the eBL's holder.
    error SettlementSellerNotHolder(address seller, address holder);
    /// @notice After the permit (if any) the settlement contract is still not approved for the eBL.
    error SettlementEblNotAuthorized(uint256 tokenId);
    /// @notice The terms promise title to `expectedTitleHolder` (zero: bearer), the title is with `currentTitleHolder`
    /// (zero: blank endorsed), and the seller cannot endorse the eBL (a straight B/L, no title, not live, or on legal
    /// hold): nothing moves.
    error SettlementTitleNotDeliverable(uint256 tokenId, address expectedTitleHolder, address currentTitleHolder);
    /// @notice After delivery the title holder or the holder is not the one the terms name (something acted on the
    /// eBL during the delivery, e.g. a receiver's `onERC721Received`); the settlement is undone.
    error SettlementTitleMismatch(uint256 tokenId, address titleHolder, address holder);
    /// @notice The condition the terms name did not return its selector (an account without code, or not a condition).
    error SettlementConditionRefused(address condition);
    /// @notice An eBL was pushed to the contract with `safeTransferFrom`; it is refused.
    error SettlementUnsolicitedEbl(address operator, uint256 tokenId);
    /// @notice The asset is held for an open deal (or the amount exceeds what is held outside deals).
    error SettlementAssetInEscrow(address asset, uint256 amountOrTokenId);

    // ------------------------------------------------------------------ functions

    /**
     * @notice Cancels terms before they settle; they can then never settle in this contract.
     * @dev Caller: the seller or the buyer. For an open deal use `cancelDeal`. Emits {TermsCancelled}.
     * @param terms The terms.
     */
    function cancelTerms(Terms calldata terms) external;

    /**
     * @notice Opens, reroutes or closes a market: eBLs of `registry` against payments in `paymentToken`, paid through
     * `rail` (zero closes it). New settlements need an open market; open deals can always be cancelled and refunded.
     * @dev Restricted (settlement admin). Emits {MarketSet}.
     * @param registry The eBL registry.
     * @param paymentToken The deposit token.
     * @param rail The payment rail, or zero.
     */
    function setMarket(address registry, address paymentToken, address rail) external;

    /**
     * @notice The EIP-712 hash of the terms under this contract's domain: what the parties sign for a signed
     * settlement, the replay key and the deal id.
     * @param terms The terms.
     * @return The typed-data hash.
     */
    function hashTerms(Terms calldata terms) external view returns (bytes32);

    /**
     * @notice What happened to a terms hash in this contract.
     * @param termsHash The terms' hash.
     * @return None, Open (a deal), Settled or Cancelled.
     */
    function statusOf(bytes32 termsHash) external view returns (TermsStatus);

    /**
     * @notice The payment rail of a market.
     * @param registry The eBL registry.
     * @param paymentToken The deposit token.
     * @return The rail, or zero when the market is closed.
     */
    function paymentRailOf(address registry, address paymentToken) external view returns (address);
}
