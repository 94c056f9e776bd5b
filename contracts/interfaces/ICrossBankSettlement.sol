// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IInterbankPayments} from "./IInterbankPayments.sol";
import {ISettlement} from "./ISettlement.sol";

/**
 * @title ICrossBankSettlement
 * @notice Signed delivery versus payment across banks and currencies: the buyer pays in its bank's deposit token, the
 * seller's payee receives its bank's deposit token (in the same currency, or in another at an FX dealer's quote), and
 * the eBL moves, all in one transaction: the eBL moves only if every payment leg succeeds. Both parties sign the same
 * EIP-712 {CrossBankTerms}; anyone submits them once; this contract holds nothing. See {ISettlement} (the eBL leg,
 * its title rule, markets and conditions are the single-bank settlement's), {IInterbankPayments} and
 * docs/interbank.md.
 * @dev The payment leg: `terms.paymentToken` and `terms.amount` are the buyer's deposit token and what the buyer pays;
 * `terms.paymentRecipient` is the payee, credited `payeeAmount` of `payeeToken`. The market (registry, the buyer's
 * deposit token) must be open with the interbank payments contract as its rail. The terms' hash is the payment id of
 * every event of the payment (the deposit tokens' `Burned` and `Minted`, the reserves' `ReservesSettled`, the
 * interbank contract's `InterbankPaid`).
 */
interface ICrossBankSettlement is ISettlement {
    /**
     * @notice What seller and buyer agree for a cross-bank settlement.
     * @param terms The eBL leg and the buyer's side of the payment, as in a single-bank settlement.
     * @param payeeToken The payee's bank's deposit token.
     * @param payeeAmount What the payee receives, in `payeeToken`'s base units: `terms.amount` in one currency; in two,
     * at most what `quote` gives for `terms.amount` (rounded down).
     * @param quote The FX dealer's quote the parties take (all zero in one currency).
     */
    struct CrossBankTerms {
        Terms terms;
        address payeeToken;
        uint256 payeeAmount;
        IInterbankPayments.Quote quote;
    }

    /**
     * @notice One cross-bank settlement as submitted.
     * @param terms The cross-bank terms.
     * @param sellerSignature The seller's EIP-712 signature of the terms; may be empty when the seller submits.
     * @param buyerSignature The buyer's EIP-712 signature of the terms; may be empty when the buyer submits.
     * @param eblAuth Authorisation of the eBL leg (this contract as spender).
     * @param dealerSignature The dealer's signature of the quote (empty in one currency).
     */
    struct CrossBankSettlement {
        CrossBankTerms terms;
        bytes sellerSignature;
        bytes buyerSignature;
        EblAuth eblAuth;
        bytes dealerSignature;
    }

    /// @notice Cross-bank terms are cancelled with {cancelCrossBankTerms}: {ISettlement-cancelTerms} would cancel a
    /// hash no cross-bank settlement uses.
    error SettlementCrossBankTermsRequired();

    /// @notice The payee's balance in the payee token grew by `received` instead of the `expected` payee amount (a rail
    /// that did not pay): nothing moves.
    error SettlementPayeeShortPaid(uint256 expected, uint256 received);

    /**
     * @notice Settles signed cross-bank terms: the buyer's deposit burned at its bank, reserves between the banks
     * (through the dealer in two currencies), the payee's deposit minted at its bank, the eBL from the seller to the
     * eBL recipient with title to the title recipient.
     * @dev Anyone may submit. Fails, and nothing moves, unless both parties consented, the market is open, the
     * condition (if any) agrees, every payment leg succeeds and the eBL recipient ends holding the eBL with the title
     * the terms state. Emits {Settled} (the buyer's token and amount).
     * @param settlement The terms, the signatures and the eBL authorisation.
     */
    function settleCrossBank(CrossBankSettlement calldata settlement) external;

    /**
     * @notice Cancels cross-bank terms before they settle; they can then never settle here.
     * @dev Caller: the seller or the buyer. Emits {TermsCancelled}.
     * @param terms The cross-bank terms.
     */
    function cancelCrossBankTerms(CrossBankTerms calldata terms) external;

    /**
     * @notice The EIP-712 hash of cross-bank terms under this contract's domain: what the parties sign, the replay key
     * and the payment id.
     * @param terms The cross-bank terms.
     * @return The typed-data hash.
     */
    function hashCrossBankTerms(CrossBankTerms calldata terms) external view returns (bytes32);
}
