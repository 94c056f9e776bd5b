// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRailsErrors} from "./IRailsErrors.sol";

/**
 * @title IParticipantRegistry
 * @notice The on-chain register of verified (KYC/KYB) participants of the rails. Every other contract asks it,
 * on every transfer, whether an address may take part.
 */
interface IParticipantRegistry is IRailsErrors {
    /**
     * @notice One participant's record. Packed so that `isVerified` and `isVerifiedAs` read a single storage slot.
     * @param active False once revoked (or never registered).
     * @param kinds Bitmask of {ParticipantKinds}.
     * @param jurisdiction ISO 3166-1 alpha-2 country code in upper-case ASCII, e.g. "HK", "CN".
     * @param validUntil Unix time (seconds) at which the verification lapses; verified only while `block.timestamp < validUntil`.
     * @param kycReference Off-chain reference: an LEI, or the hash of the KYC file.
     */
    struct Participant {
        bool active;
        uint32 kinds;
        bytes2 jurisdiction;
        uint64 validUntil;
        bytes32 kycReference;
    }

    /**
     * @notice What a registrar supplies to register or update a participant.
     * @param kinds Bitmask of {ParticipantKinds}; at least one bit; a custodian kind (SETTLEMENT, CUSTODY) alone.
     * @param jurisdiction ISO 3166-1 alpha-2 code, upper-case ASCII.
     * @param validUntil Unix time at which the verification lapses; must be in the future.
     * @param kycReference Off-chain reference (LEI, hash of the KYC file).
     */
    struct Registration {
        uint32 kinds;
        bytes2 jurisdiction;
        uint64 validUntil;
        bytes32 kycReference;
    }

    /**
     * @notice Emitted on every change of a record, with the full record before and after, so the register can be
     * rebuilt from logs alone.
     * @param account The participant's address.
     * @param previous The record before the change (all zero when first registered).
     * @param current The record after the change.
     * @param operator The registrar who made the change.
     */
    event ParticipantChanged(
        address indexed account,
        Participant previous,
        Participant current,
        address indexed operator
    );

    /// @notice `register` was called for an account that is already registered and not revoked; use `update`.
    error ParticipantAlreadyRegistered(address account);
    /// @notice `update` or `revoke` was called for an account that is not registered (or already revoked).
    error ParticipantNotRegistered(address account);
    /// @notice The jurisdiction is not two upper-case ASCII letters.
    error ParticipantInvalidJurisdiction(bytes2 jurisdiction);
    /// @notice The kinds are empty, hold bits that no {ParticipantKinds} defines, or combine a custodian kind
    /// (SETTLEMENT, CUSTODY) with any other kind.
    error ParticipantInvalidKinds(uint32 kinds);
    /// @notice The expiry is not in the future.
    error ParticipantExpiryNotInFuture(uint64 validUntil, uint256 nowTimestamp);
    /// @notice The arrays of a batch call differ in length, or are empty.
    error ParticipantBatchLengthMismatch(uint256 accounts, uint256 records);

    /**
     * @notice Whether `account` is verified now: registered, not revoked, not lapsed.
     * @dev One storage read. Other contracts call this on every transfer.
     * @param account The address to check.
     * @return True when `account` may take part now.
     */
    function isVerified(address account) external view returns (bool);

    /**
     * @notice Whether `account` is verified now and holds at least one of the kinds in `kindMask`.
     * @dev One storage read.
     * @param account The address to check.
     * @param kindMask Bitmask of {ParticipantKinds}; any one of them suffices.
     * @return True when `account` is verified and of one of those kinds.
     */
    function isVerifiedAs(address account, uint32 kindMask) external view returns (bool);

    /**
     * @notice The kinds of `account` if it is verified now, else zero.
     * @dev One storage read. Lets a caller that applies several kind rules to one party ask once.
     * @param account The address to check.
     * @return kinds Bitmask of {ParticipantKinds}: the registered kinds while verified, zero when not registered,
     * revoked or lapsed (a registration always has at least one kind).
     */
    function verifiedKinds(address account) external view returns (uint32 kinds);

    /**
     * @notice {verifiedKinds} of two accounts in one call, e.g. the sender and recipient of a transfer.
     * @dev Two storage reads.
     * @param first The first address.
     * @param second The second address.
     * @return firstKinds The kinds of `first` while verified, else zero.
     * @return secondKinds The kinds of `second` while verified, else zero.
     */
    function verifiedKindsOfPair(
        address first,
        address second
    ) external view returns (uint32 firstKinds, uint32 secondKinds);

    /**
     * @notice The full record of `account` (all zero if never registered).
     * @param account The address to look up.
     * @return The stored record, whether or not it is currently verified.
     */
    function participant(address account) external view returns (Participant memory);

    /**
     * @notice Registers a new participant, or re-registers a revoked one.
     * @dev Only the registrar. Emits {ParticipantChanged}.
     * @param account The participant's address.
     * @param registration Its kinds, jurisdiction, expiry and off-chain reference.
     */
    function register(address account, Registration calldata registration) external;

    /**
     * @notice Registers many participants in one transaction (all or nothing).
     * @dev Only the registrar. Emits one {ParticipantChanged} per account.
     * @param accounts The participants' addresses.
     * @param registrations Their records, in the same order as `accounts`.
     */
    function registerBatch(address[] calldata accounts, Registration[] calldata registrations) external;

    /**
     * @notice Replaces the record of a registered participant: new kinds, jurisdiction, expiry (renewal) or reference.
     * @dev Only the registrar. Works on a lapsed record too (that is how a verification is renewed). Emits {ParticipantChanged}.
     * @param account The participant's address.
     * @param registration Its new kinds, jurisdiction, expiry and off-chain reference.
     */
    function update(address account, Registration calldata registration) external;

    /**
     * @notice Revokes a participant's verification at once. The record is kept (inactive) for the audit trail.
     * @dev Only the registrar. Emits {ParticipantChanged}.
     * @param account The participant's address.
     */
    function revoke(address account) external;
}
