// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title IRailsErrors
 * @notice The refusals that several contracts of the rails make alike, each under one name, so that a wallet, a bank's
 * back office or the SDK handles each of them once, whichever contract refused. Every interface of the rails inherits
 * them (as OpenZeppelin's `draft-IERC6093.sol` gathers the errors of ERC-20, ERC-721 and ERC-1155).
 * @dev What is not here, and why:
 * - An error that is a contract's own keeps that contract's prefix (`EblStraightNotEndorsable`,
 *   `SettlementTitleMismatch`, `DepositAccountFrozen`, ...).
 * - A paused contract reverts with OpenZeppelin's `Pausable` errors `EnforcedPause()` and `ExpectedPause()`, which
 *   every pausable contract of the rails already inherits (and which cannot be declared twice).
 * - The paths of a published token standard keep that standard's errors: `ERC20*` and `ERC721*` (IERC6093),
 *   `ERC2612ExpiredSignature` / `ERC2612InvalidSigner` (both permit forms of a deposit token) and `ERC3009*`.
 */
interface IRailsErrors {
    /// @notice `account` is not a verified participant now: never registered, revoked, or its verification lapsed. The
    /// rails refuse it as receiver (and, for deposits, as sender) of an eBL or a deposit.
    error RailsNotVerified(address account);

    /// @notice A zero address where an address is required: a participant, the participant registry given at
    /// deployment, an allowed registry or token, or the recipient of a recovery.
    error RailsZeroAddress();

    /// @notice An amount of zero where a positive amount is required: a mint, burn, redemption, forced transfer,
    /// partial (un)freeze, the price of settlement terms, or a payment into a deal.
    error RailsZeroAmount();

    /// @notice The deadline of a signed message (settlement terms, an eBL permit) has passed: the chain's time
    /// `nowTimestamp` is after `deadline`.
    error RailsExpired(uint256 deadline, uint256 nowTimestamp);

    /// @notice The signature is not `signer`'s (ECDSA, or ERC-1271 for a contract account) for this message: another
    /// signer, other fields, a used nonce, or another contract or chain.
    error RailsInvalidSignature(address signer);
}
