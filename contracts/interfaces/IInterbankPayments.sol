// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRailsErrors} from "./IRailsErrors.sol";

/**
 * @title IInterbankPayments
 * @notice A customer of one bank pays a customer of another, in one transaction: the payer's bank burns the payer's
 * tokenized deposit, reserves (tokenized wholesale money, {IWholesaleReserve}) move from the payer's bank to the
 * payee's bank, and the payee's bank mints its deposit to the payee. In two currencies an FX dealer (a verified bank)
 * takes the payer's currency in reserves and gives the payee's currency in reserves at the rate of its signed quote:
 * payment versus payment, both currency legs or neither. Every event of every contract involved carries the one
 * payment id.
 * @dev A bank takes part by opting in for each of its deposit tokens ({setBankAccount}: the reserves it settles in,
 * and how much may flow out and in through this contract, both revocable at once) and by granting this contract its
 * token's minter and burner roles in the rails' access manager; the central bank of each currency admits this contract
 * as a settlement agent of its reserves. There is no overdraft and no intraday credit: the paying bank (and, for FX,
 * the dealer) must hold the reserves when the payment runs. See docs/interbank.md.
 */
interface IInterbankPayments is IRailsErrors {
    // ------------------------------------------------------------------ types

    /**
     * @notice One interbank payment.
     * @param payerToken The payer's bank's deposit token (the payer's currency).
     * @param payer Whose deposit is burned.
     * @param payAmount In the payer token's base units.
     * @param payeeToken The payee's bank's deposit token (the payee's currency).
     * @param payee Who is credited.
     * @param receiveAmount In the payee token's base units: equal to `payAmount` in one currency; in two, at most what
     * the dealer's quote gives for `payAmount` (rounded down).
     * @param paymentId The payment's id: non-zero; for {pay}, the payer's end-to-end reference, used once among direct
     * payments; for {payFor}, the caller's (the cross-bank settlement's terms hash, which settles once).
     */
    struct Payment {
        address payerToken;
        address payer;
        uint256 payAmount;
        address payeeToken;
        address payee;
        uint256 receiveAmount;
        bytes32 paymentId;
    }

    /**
     * @notice An FX dealer's firm quote, signed by the dealer (EIP-712, this contract's domain): it takes up to
     * `maxPayAmount` of `payReserve`'s currency and gives `rate / RATE_SCALE` base units of `receiveReserve`'s currency
     * per base unit taken, once, until `expiry`, for the payer `taker`.
     * @param dealer The dealer: a verified bank holding reserves in both currencies.
     * @param taker The payer the quote is for (the buyer of a cross-bank settlement); zero for whoever presents it
     * first. Naming the taker keeps anyone who sees the quote from taking it first (which would make the taker's
     * settlement fail with {InterbankQuoteUsed}), and tells the dealer whom it deals with.
     * @param payReserve The reserves the dealer receives (the payer's currency).
     * @param receiveReserve The reserves the dealer gives (the payee's currency).
     * @param rate Base units of the receive currency per base unit of the pay currency, times `RATE_SCALE` (1e18).
     * @param maxPayAmount The most the quote takes, in the pay currency's base units.
     * @param expiry Unix time after which the quote cannot be taken.
     * @param nonce The dealer's number for the quote; each nonce is taken or cancelled once.
     */
    struct Quote {
        address dealer;
        address taker;
        address payReserve;
        address receiveReserve;
        uint256 rate;
        uint256 maxPayAmount;
        uint256 expiry;
        uint256 nonce;
    }

    /**
     * @notice A bank's participation for one of its deposit tokens.
     * @param bank The token's issuing bank, whose reserves pay and receive.
     * @param reserve The reserves it settles in (same currency and decimals as the token); zero when not open.
     * @param outflowCapacity How much more may leave the bank through this contract (deposits burned, reserves paid).
     * @param inflowCapacity How much more may reach the bank through this contract (reserves received, deposits minted).
     */
    struct BankAccount {
        address bank;
        address reserve;
        uint128 outflowCapacity;
        uint128 inflowCapacity;
    }

    // ------------------------------------------------------------------ events

    /**
     * @notice A bank opened, changed or closed (reserve zero) its participation for a deposit token.
     * @param depositToken The deposit token.
     * @param bank Its issuing bank.
     * @param reserve The reserves it settles in; zero when closed.
     * @param outflowCapacity The new outflow capacity.
     * @param inflowCapacity The new inflow capacity.
     */
    event BankAccountSet(
        address indexed depositToken,
        address indexed bank,
        address reserve,
        uint256 outflowCapacity,
        uint256 inflowCapacity
    );

    /**
     * @notice A payment completed: `payAmount` burned from the payer at its bank, reserves moved, `receiveAmount`
     * minted to the payee at its bank.
     * @param paymentId The payment's id, also in the deposit tokens' `Burned` / `Minted` and the reserves'
     * `ReservesSettled` events of the same payment.
     * @param payerToken The payer's deposit token.
     * @param payeeToken The payee's deposit token.
     * @param payer The payer.
     * @param payee The payee.
     * @param payAmount Burned at the payer's bank.
     * @param receiveAmount Minted at the payee's bank.
     * @param dealer The FX dealer, or zero in one currency.
     */
    event InterbankPaid(
        bytes32 indexed paymentId,
        address indexed payerToken,
        address indexed payeeToken,
        address payer,
        address payee,
        uint256 payAmount,
        uint256 receiveAmount,
        address dealer
    );

    /**
     * @notice A dealer withdrew a quote before it was taken.
     * @param dealer The dealer.
     * @param nonce The quote's nonce.
     */
    event QuoteCancelled(address indexed dealer, uint256 indexed nonce);

    // ------------------------------------------------------------------ errors

    /// @notice Only the deposit token's issuing bank sets its participation.
    error InterbankNotIssuer(address depositToken, address caller);
    /// @notice The reserves are not in the deposit token's currency, or have other decimals.
    error InterbankReserveMismatch(address depositToken, address reserve);
    /// @notice The deposit token's bank has not opted in (or closed its participation).
    error InterbankBankNotOpen(address depositToken);
    /// @notice The payment would take more out of the bank than its outflow capacity left.
    error InterbankOutflowCapacityExceeded(address depositToken, uint256 capacity, uint256 amount);
    /// @notice The payment would bring more into the bank than its inflow capacity left.
    error InterbankInflowCapacityExceeded(address depositToken, uint256 capacity, uint256 amount);
    /// @notice The caller of {pay} is not the payer (a settlement contract pays for a payer with {payFor}).
    error InterbankNotPayer(address caller, address payer);
    /// @notice Payer and payee use the same deposit token: a payment within one bank goes through the deposit token
    /// itself (or the single-bank settlement), not between banks.
    error InterbankSameToken(address depositToken);
    /// @notice The payment id is zero, or (for {pay}) was used by a direct payment before.
    error InterbankPaymentIdUsed(bytes32 paymentId);
    /// @notice In one currency, the amount received must equal the amount paid.
    error InterbankAmountMismatch(uint256 payAmount, uint256 receiveAmount);
    /// @notice A payment in one currency named an FX dealer's quote (it needs none).
    error InterbankQuoteNotExpected(address dealer);
    /// @notice The quote's currency pair is not the payment's: `payReserve` and `receiveReserve` must be the payer's
    /// and the payee's banks' reserves.
    error InterbankQuotePairMismatch(address payReserve, address receiveReserve);
    /// @notice The quote is for another payer.
    error InterbankQuoteTakerMismatch(address taker, address payer);
    /// @notice The quote was already taken or cancelled.
    error InterbankQuoteUsed(address dealer, uint256 nonce);
    /// @notice The payment takes more than the quote's `maxPayAmount`.
    error InterbankQuoteSizeExceeded(uint256 maxPayAmount, uint256 payAmount);
    /// @notice The payee would receive more than the quote gives for the amount paid (`payAmount * rate / RATE_SCALE`,
    /// rounded down).
    error InterbankQuoteRateExceeded(uint256 quoted, uint256 receiveAmount);

    // ------------------------------------------------------------------ functions

    /**
     * @notice Opens, changes or closes (reserve zero) the participation of a deposit token's bank: the reserves it
     * settles in and what may flow out of and into it through this contract. Setting a capacity to zero stops that
     * direction at once.
     * @dev Caller: the token's issuing bank (`ITokenizedDeposit.issuer`). Emits {BankAccountSet}.
     * @param depositToken The bank's deposit token.
     * @param reserve The reserves of the token's currency (same decimals), or zero to close.
     * @param outflowCapacity The most that may still leave (deposits burned, reserves paid), in base units.
     * @param inflowCapacity The most that may still arrive (reserves received, deposits minted), in base units.
     */
    function setBankAccount(
        address depositToken,
        address reserve,
        uint128 outflowCapacity,
        uint128 inflowCapacity
    ) external;

    /**
     * @notice Pays between banks as the payer: see {Payment}.
     * @dev Caller: the payer. Reverts with the refusing contract's error (a frozen or short payer at its bank, a payee
     * its bank does not accept, reserves short, a capacity reached, a paused token or reserve, a bad quote) and then
     * nothing moves. Emits {InterbankPaid}.
     * @param payment The payment.
     * @param quote The dealer's quote in two currencies; all zero in one.
     * @param dealerSignature The dealer's EIP-712 signature of the quote (ECDSA or ERC-1271); empty in one currency.
     */
    function pay(Payment calldata payment, Quote calldata quote, bytes calldata dealerSignature) external;

    /**
     * @notice Pays between banks for a payer whose consent the caller checked (a settlement contract).
     * @dev Restricted (the interbank settler role, held by the cross-bank settlement contract). Otherwise as {pay},
     * except that the caller, not this contract, keeps the payment id unique (it is not recorded: 22 000 gas less).
     * @param payment The payment.
     * @param quote The dealer's quote in two currencies; all zero in one.
     * @param dealerSignature The dealer's signature of the quote; empty in one currency.
     */
    function payFor(Payment calldata payment, Quote calldata quote, bytes calldata dealerSignature) external;

    /**
     * @notice Withdraws one of the caller's quotes before it is taken.
     * @dev Caller: the dealer. Emits {QuoteCancelled}.
     * @param nonce The quote's nonce.
     */
    function cancelQuote(uint256 nonce) external;

    /**
     * @notice Stops new payments.
     * @dev Restricted (the interbank pauser role).
     */
    function pause() external;

    /**
     * @notice Resumes payments.
     * @dev Restricted (the interbank pauser role).
     */
    function unpause() external;

    /**
     * @notice A deposit token's participation.
     * @param depositToken The deposit token.
     * @return The bank, its reserves (zero when not open) and the capacities left.
     */
    function bankAccountOf(address depositToken) external view returns (BankAccount memory);

    /**
     * @notice Whether a dealer's quote nonce was taken or cancelled.
     * @param dealer The dealer.
     * @param nonce The nonce.
     * @return True when it can no longer be taken.
     */
    function isQuoteUsed(address dealer, uint256 nonce) external view returns (bool);

    /**
     * @notice Whether a direct payment ({pay}) with this id completed. A {payFor} caller keeps its own ids unique (the
     * cross-bank settlement: `statusOf(termsHash)`), so they are not recorded here.
     * @param paymentId The id.
     * @return True when a direct payment with this id completed.
     */
    function isPaymentIdUsed(bytes32 paymentId) external view returns (bool);

    /**
     * @notice The EIP-712 hash of a quote under this contract's domain: what the dealer signs.
     * @param quote The quote.
     * @return The typed-data hash.
     */
    function hashQuote(Quote calldata quote) external view returns (bytes32);

    /**
     * @notice What a quote gives for `payAmount`: `payAmount * rate / RATE_SCALE`, rounded down (the dealer never
     * gives more than its rate; the payee bears the rounding, less than one base unit).
     * @param quote The quote.
     * @param payAmount In the pay currency's base units.
     * @return In the receive currency's base units.
     */
    function quotedAmount(Quote calldata quote, uint256 payAmount) external pure returns (uint256);
}
