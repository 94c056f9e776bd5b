// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title IPaymentRail
 * @notice How the money leg of a settlement moves: a payment rail takes `amount` of the payer's token from the payer,
 * on the payer's authorisation, and makes sure the payee receives it in full, or reverts. The settlement contracts
 * decide whether a payment is due (terms, consent, the eBL leg); a rail decides only how it is paid.
 * @dev The first rail is {DepositRail}: one bank's tokenized deposit, paid from the payer's account to the payee's in
 * the same token. The interbank rail (a customer of one bank paying a customer of another, in the same or another
 * currency) implements this interface too. A rail moves the payer's money only for the settlement contracts it was
 * deployed for: they check the payer's consent before they call it.
 */
interface IPaymentRail {
    /// @notice How the payer authorised the payment.
    enum PaymentMethod {
        /// A prior ERC-20 allowance from the payer to the rail.
        Allowance,
        /// An EIP-2612 permit naming the rail as spender, signed by the payer and executed in the same call.
        Permit,
        /// An EIP-3009 `receiveWithAuthorization` to the rail, signed by the payer, with a nonce bound to the payment.
        Authorization
    }

    /**
     * @notice The payer's authorisation of one payment.
     * @param method Allowance, Permit or Authorization.
     * @param validAfter Authorization only: the EIP-3009 `validAfter`.
     * @param deadline Permit: the permit deadline. Authorization: the EIP-3009 `validBefore`.
     * @param nonce Authorization only: the payer's salt; the EIP-3009 nonce actually signed is
     * `keccak256(abi.encode(paymentId, nonce))`, so the authorisation pays this payment and nothing else.
     * @param signature Permit / Authorization: the payer's signature (65-byte ECDSA or ERC-1271). Empty for Allowance.
     */
    struct PaymentAuth {
        PaymentMethod method;
        uint256 validAfter;
        uint256 deadline;
        bytes32 nonce;
        bytes signature;
    }

    /// @notice Only the settlement contracts the rail serves may ask it to pay.
    error RailUnauthorizedCaller(address caller);

    /// @notice The payee received less than the amount (a fee-on-transfer or lying token): nothing moves.
    error RailPaymentShortfall(uint256 expected, uint256 received);

    /**
     * @notice Pays `amount` of `token` from `payer` to `payee`, authorised by `auth`; reverts unless the payee receives
     * exactly `amount`.
     * @dev Caller: a settlement contract the rail serves, which has checked the payer's consent to the payment
     * `paymentId` (the terms' or the deal's EIP-712 hash).
     * @param token The payer's token.
     * @param payer Whose money moves.
     * @param payee Who receives it.
     * @param amount In the token's base units.
     * @param paymentId The hash of what the payer consented to; binds an EIP-3009 authorisation to this payment.
     * @param auth The payer's authorisation.
     */
    function pay(
        address token,
        address payer,
        address payee,
        uint256 amount,
        bytes32 paymentId,
        PaymentAuth calldata auth
    ) external;
}
