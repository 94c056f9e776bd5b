// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IPaymentRail} from "../settlement/rails/IPaymentRail.sol";
import {ISettlement} from "./ISettlement.sol";

/**
 * @title ISignedSettlement
 * @notice Signed delivery versus payment: seller and buyer sign the same EIP-712 {ISettlement-Terms}; anyone submits
 * them once and both legs move straight between the parties in one transaction, this contract holding nothing. A
 * terms hash settles at most once; cancelled terms never settle. See {ISettlement} and docs/settlement.md.
 */
interface ISignedSettlement is ISettlement {
    /**
     * @notice One signed settlement as submitted: the terms, both parties' consent, both legs' authorisations.
     * @param terms The terms.
     * @param sellerSignature The seller's EIP-712 signature of the terms; may be empty when the seller submits.
     * @param buyerSignature The buyer's EIP-712 signature of the terms; may be empty when the buyer submits.
     * @param eblAuth Authorisation of the eBL leg (this contract as spender).
     * @param paymentAuth Authorisation of the payment leg (the market's rail as spender; an EIP-3009 nonce is bound to
     * the terms' hash).
     */
    struct Settlement {
        Terms terms;
        bytes sellerSignature;
        bytes buyerSignature;
        EblAuth eblAuth;
        IPaymentRail.PaymentAuth paymentAuth;
    }

    /**
     * @notice An item of {settleBatch} failed and was rolled back on its own; the others went ahead.
     * @param index The item's position in the batch.
     * @param termsHash The item's terms hash.
     * @param reason The revert data (a custom error of this contract, the registry, the rail, the token or a
     * condition), cut to its first 260 bytes (a selector and eight words: every custom error of the rails fits whole);
     * empty when the item ran out of its gas allowance (`BATCH_ITEM_GAS`) or reverted without data.
     */
    event BatchItemFailed(uint256 indexed index, bytes32 indexed termsHash, bytes reason);

    /// @notice Only this contract may call the function (batch items).
    error SettlementOnlySelf();
    /// @notice Too little gas is left to give batch item `index` its full allowance: the submitter must send more.
    error SettlementBatchGasTooLow(uint256 index, uint256 needed, uint256 left);

    /**
     * @notice Settles signed terms in one transaction: payment from the buyer to the payment recipient through the
     * market's rail, the eBL from the seller to the eBL recipient, with title to the title recipient. Nothing is held
     * by this contract.
     * @dev Anyone may submit. Fails unless the condition (if any) agrees, both legs move in full and the eBL recipient
     * ends holding the eBL with the title the terms state ({SettlementTitleNotDeliverable} before anything moves,
     * {SettlementTitleMismatch} after). Emits {Settled}.
     * @param settlement The terms, both signatures and both legs' authorisations.
     */
    function settle(Settlement calldata settlement) external;

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
    function settleBatch(Settlement[] calldata settlements) external returns (bool[] memory settled);
}
