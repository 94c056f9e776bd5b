// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

import {IParticipantRegistry} from "./IParticipantRegistry.sol";
import {IRailsErrors} from "./IRailsErrors.sol";

/**
 * @title IWholesaleReserve
 * @notice Tokenized wholesale settlement money of one currency: a bank's reserves at the central bank (or the
 * currency's settlement operator), represented 1:1 as an ERC-20 token. Only that central bank issues and redeems it;
 * only verified banks hold it; banks settle between themselves in it.
 * @dev The central bank is the token's owner (two-step transfer) and must be a verified CENTRAL_BANK participant
 * whenever it acts. The rails' access manager has no power over this token: the central bank alone decides who is
 * credited, what is redeemed, when the token pauses, and which settlement systems may move reserves between banks
 * ({setSettlementAgent}). See docs/interbank.md.
 */
interface IWholesaleReserve is IERC20Metadata, IRailsErrors {
    // ------------------------------------------------------------------ events

    /**
     * @notice The central bank credited `bank` with `amount` of reserves (a transfer in from its real-time gross
     * settlement account, booked under `bookingReference`).
     * @param bank The bank credited.
     * @param amount Base units issued.
     * @param bookingReference The central bank's booking reference.
     */
    event ReservesIssued(address indexed bank, uint256 amount, bytes32 indexed bookingReference);

    /**
     * @notice The central bank debited `amount` of `bank`'s reserves (a transfer out to its real-time gross settlement
     * account, booked under `bookingReference`).
     * @param bank The bank debited.
     * @param amount Base units redeemed.
     * @param bookingReference The central bank's booking reference.
     */
    event ReservesRedeemed(address indexed bank, uint256 amount, bytes32 indexed bookingReference);

    /**
     * @notice A settlement agent moved reserves between two banks for the payment `paymentId` (the same id every
     * contract of that payment logs, so each bank reconciles from its own events).
     * @param paymentId The payment's id.
     * @param from The paying bank.
     * @param to The receiving bank.
     * @param amount Base units moved.
     * @param agent The settlement system that moved them.
     */
    event ReservesSettled(
        bytes32 indexed paymentId,
        address indexed from,
        address indexed to,
        uint256 amount,
        address agent
    );

    /**
     * @notice The central bank admitted or removed a settlement system that may move reserves between banks.
     * @param agent The settlement system's contract.
     * @param admitted True when admitted, false when removed.
     */
    event SettlementAgentSet(address indexed agent, bool admitted);

    // ------------------------------------------------------------------ errors

    /// @notice `account` is not a verified bank: reserves are held, sent and received by verified banks only (the
    /// central bank redeems a bank's reserves whether or not it is verified now).
    error ReserveHolderNotBank(address account);
    /// @notice The central bank (the owner) is not a verified CENTRAL_BANK participant now; nothing is issued,
    /// redeemed or changed until it is again.
    error ReserveIssuerNotCentralBank(address issuer);
    /// @notice The caller is not a settlement system the central bank admitted.
    error ReserveUnauthorizedAgent(address caller);
    /// @notice The currency code is not three upper-case ASCII letters.
    error ReserveInvalidCurrency(bytes3 currency);
    /// @notice The decimals are above 18.
    error ReserveInvalidDecimals(uint8 decimals);
    /// @notice A booking reference or payment id of zero: every change of reserves names what it settles.
    error ReserveZeroReference();

    // ------------------------------------------------------------------ functions

    /**
     * @notice Credits `bank` with `amount` of new reserves.
     * @dev Caller: the central bank (owner), verified as CENTRAL_BANK. `bank` must be a verified bank. Emits
     * {ReservesIssued} and `Transfer` from zero.
     * @param bank The bank credited.
     * @param amount Base units, non-zero.
     * @param bookingReference The central bank's booking reference, non-zero.
     */
    function issue(address bank, uint256 amount, bytes32 bookingReference) external;

    /**
     * @notice Debits `amount` of `bank`'s reserves (the bank moves them back to its account outside the chain).
     * @dev Caller: the central bank (owner), verified as CENTRAL_BANK. Emits {ReservesRedeemed} and `Transfer` to zero.
     * A bank redeems by asking its central bank, as with any reserve account; the central bank is trusted with its
     * own money. `bank` need not be verified now: the reserves of a bank whose registration lapsed or was revoked
     * can still be redeemed (nothing else can move them).
     * @param bank The bank debited.
     * @param amount Base units, non-zero, at most the bank's balance.
     * @param bookingReference The central bank's booking reference, non-zero.
     */
    function redeem(address bank, uint256 amount, bytes32 bookingReference) external;

    /**
     * @notice Moves `amount` of reserves from bank `from` to bank `to` for the payment `paymentId`.
     * @dev Caller: a settlement agent the central bank admitted; the agent answers for the paying bank's consent (its
     * opt-in and caps: see IInterbankPayments). Both banks verified, the token not paused. Emits `Transfer` and
     * {ReservesSettled}.
     * @param from The paying bank.
     * @param to The receiving bank.
     * @param amount Base units.
     * @param paymentId The payment's id, non-zero.
     */
    function settle(address from, address to, uint256 amount, bytes32 paymentId) external;

    /**
     * @notice Admits or removes a settlement system that may move reserves between banks ({settle}).
     * @dev Caller: the central bank (owner), verified as CENTRAL_BANK. Emits {SettlementAgentSet}.
     * @param agent The settlement system's contract.
     * @param admitted True to admit, false to remove.
     */
    function setSettlementAgent(address agent, bool admitted) external;

    /// @notice Stops every movement of reserves (transfers, settlements, issue and redemption). Caller: the central bank.
    function pause() external;

    /// @notice Resumes movements of reserves. Caller: the central bank.
    function unpause() external;

    /**
     * @notice Whether `agent` may move reserves between banks.
     * @param agent The address to check.
     * @return True when the central bank admitted it.
     */
    function isSettlementAgent(address agent) external view returns (bool);

    /**
     * @notice The currency, ISO 4217 alphabetic code as three ASCII bytes (e.g. "HKD").
     * @return The currency code.
     */
    function currency() external view returns (bytes3);

    /**
     * @notice The participant register asked on every movement.
     * @return The register.
     */
    function registry() external view returns (IParticipantRegistry);

    /**
     * @notice Whether movements are paused.
     * @return True while paused.
     */
    function paused() external view returns (bool);
}
