// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IPaymentRail} from "../settlement/rails/IPaymentRail.sol";
import {ISettlement} from "./ISettlement.sol";

/**
 * @title IEscrowedDeals
 * @notice Escrowed delivery versus payment: the terms are registered as a deal, the seller deposits the eBL and the
 * buyer the payment (through the market's rail) in any order; the leg that completes the deal settles it in the same
 * transaction. Until then either party may cancel, and after the deadline anyone may trigger the refund. A deal
 * settles at most once; a cancelled one never settles. See {ISettlement} and docs/settlement.md.
 */
interface IEscrowedDeals is ISettlement {
    /// @notice Why a deal ended without settling.
    enum CancelReason {
        /// A party cancelled it.
        Cancelled,
        /// Its deadline passed.
        Expired
    }

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
    /// @notice Too little gas is left to give a leg's return its full allowance: the caller must send more.
    error SettlementReturnGasTooLow(uint256 needed, uint256 left);
    /// @notice This contract received less than the deposit from the rail (a fee-on-transfer or lying token).
    error SettlementPaymentShortfall(uint256 expected, uint256 received);

    /**
     * @notice Opens an escrowed deal on these terms. Nothing is reserved yet: several deals may name the same eBL, and
     * it is bound to the one it is deposited into ({depositEbl}); until then the seller may sell it elsewhere, and a
     * deal whose eBL never arrives is cancelled by a party or refunded after its deadline.
     * @dev Caller: the seller, or anyone with the seller's signature of the deal ({hashDeal}: the EIP-712 type
     * `Deal(Terms terms)`). Emits {DealCreated}.
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
     * once agreed to. A deal holds its eBL at most once (it ends when the eBL leaves), so the consent cannot be
     * replayed. The seller must hold the eBL, so an eBL that another deal holds fails with {SettlementEblInOpenDeal};
     * and the title the terms promise must be deliverable ({SettlementTitleNotDeliverable}). From here until it leaves
     * custody the eBL is bound to this deal ({openDealOf}). Emits {EblDeposited} (and {Settled}).
     * @param terms The deal's terms.
     * @param sellerSignature The seller's signature of {hashEblDeposit}; empty when the seller calls.
     * @param eblAuth A prior approval, or the seller's ERC-4494 permit.
     */
    function depositEbl(Terms calldata terms, bytes calldata sellerSignature, EblAuth calldata eblAuth) external;

    /**
     * @notice Pays `amount` of the deal's price into custody through the market's rail (partial payments add up);
     * settles the deal when the price is reached and the eBL is held.
     * @dev Caller: the buyer, or anyone with the buyer's signature of the deal ({hashDeal}), or anyone with an EIP-3009
     * authorization to the rail whose nonce is bound to {hashDeal}. Emits {PaymentDeposited} (and {Settled}).
     * @param terms The deal's terms.
     * @param amount What to pay now; at most what the deal still needs.
     * @param buyerSignature The buyer's signature of {hashDeal}; empty when the buyer calls or pays by authorization.
     * @param paymentAuth Allowance, permit or authorization, with the rail as spender.
     */
    function depositPayment(
        Terms calldata terms,
        uint256 amount,
        bytes calldata buyerSignature,
        IPaymentRail.PaymentAuth calldata paymentAuth
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

    /**
     * @notice The EIP-712 hash of `Deal(Terms terms)`: what a party signs to let others open ({createDeal}) or pay
     * into ({depositPayment}) a deal on these terms for it. The deal's id stays {ISettlement-hashTerms}.
     * @param terms The terms.
     * @return The typed-data hash under this contract's domain.
     */
    function hashDeal(Terms calldata terms) external view returns (bytes32);

    /**
     * @notice The EIP-712 hash of `EblDeposit(Terms terms)`: what the seller signs to let someone else deposit its eBL
     * into the deal on these terms ({depositEbl}).
     * @param terms The terms.
     * @return The typed-data hash under this contract's domain.
     */
    function hashEblDeposit(Terms calldata terms) external view returns (bytes32);

    /**
     * @notice The state of a deal.
     * @param dealId The deal id (the terms' hash).
     * @return The deal record.
     */
    function dealOf(bytes32 dealId) external view returns (Deal memory);

    /**
     * @notice The deal that holds an eBL in custody (open, or cancelled with the eBL's return pending), if any.
     * @param registry The eBL registry.
     * @param tokenId The eBL.
     * @return The deal id, or zero.
     */
    function openDealOf(address registry, uint256 tokenId) external view returns (bytes32);

    /**
     * @notice How much of `token` this contract holds for open or unreturned deals.
     * @param token The deposit token.
     * @return The total escrowed.
     */
    function escrowedBalance(address token) external view returns (uint256);
}
