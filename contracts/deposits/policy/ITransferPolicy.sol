// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title ITransferPolicy
 * @notice The transfer rules of one deposit token beyond the token's own (verification, freezes, pause): per-account
 * per-transfer and daily limits, permitted jurisdiction pairs read from the participant register, and a sanctions
 * list kept by a compliance role. Optional: the token consults its policy only when one is set, on every movement
 * between two accounts (transfer, transferFrom, permit and EIP-3009 payments, with or without a payment reference);
 * never on a mint, a burn, a redemption or a forced transfer.
 * @dev The rules, in the order they are checked (each refusal its own error, naming the rule):
 * 1. sanctions: neither party is on the list ({PolicySanctioned});
 * 2. jurisdictions: while pairs are enforced, the pair (sender's jurisdiction, recipient's jurisdiction), in that
 *    direction, is permitted ({PolicyJurisdictionPairNotPermitted}); domestic pairs (e.g. HK -> HK) must be permitted
 *    too;
 * 3. per-transfer limit of the sender ({PolicyTransferLimitExceeded});
 * 4. daily limit of the sender: what it sent this UTC day (`block.timestamp / 1 days`) plus the amount
 *    ({PolicyDailyLimitExceeded}).
 * A contract that holds deposits for others (registered kind SETTLEMENT or CUSTODY) is transparent to rules 2-4: its
 * outgoing payments do not count against limits (its clients' payments in were counted), and a pair with such a
 * contract on either side is not checked (the payer's and the payee's jurisdictions are not both known to the token
 * at either leg). Sanctions apply to every account.
 * A limit is never zero ({PolicyInvalidLimit}): "no limit" is `type(uint256).max`, the initial default; an account
 * that must not send at all is frozen on the token or sanctioned here.
 */
interface ITransferPolicy {
    // ------------------------------------------------------------------ events

    /**
     * @notice The limits that apply to every account without limits of its own changed.
     * @param perTransfer The largest single transfer, in base units (`type(uint256).max`: none).
     * @param daily The most an account may send per UTC day, in base units (`type(uint256).max`: none).
     * @param operator The policy admin that called {setDefaultLimits}.
     */
    event DefaultLimitsChanged(uint256 perTransfer, uint256 daily, address indexed operator);

    /**
     * @notice `account` now has limits of its own (they replace the defaults for it).
     * @param account The account.
     * @param perTransfer Its largest single transfer, in base units.
     * @param daily The most it may send per UTC day, in base units.
     * @param operator The policy admin that called {setAccountLimits}.
     */
    event AccountLimitsChanged(address indexed account, uint256 perTransfer, uint256 daily, address indexed operator);

    /**
     * @notice `account`'s own limits were removed: the defaults apply to it again.
     * @param account The account.
     * @param operator The policy admin that called {clearAccountLimits}.
     */
    event AccountLimitsCleared(address indexed account, address indexed operator);

    /**
     * @notice Transfers from accounts of jurisdiction `fromJurisdiction` to accounts of `toJurisdiction` are now
     * permitted (`permitted`) or not.
     * @param fromJurisdiction The sender's ISO 3166-1 alpha-2 code.
     * @param toJurisdiction The recipient's ISO 3166-1 alpha-2 code.
     * @param permitted Whether the pair is permitted.
     * @param operator The policy admin that called {setJurisdictionPair}.
     */
    event JurisdictionPairChanged(
        bytes2 indexed fromJurisdiction,
        bytes2 indexed toJurisdiction,
        bool permitted,
        address indexed operator
    );

    /**
     * @notice Jurisdiction pairs are now checked (`enforced`) or not.
     * @param enforced Whether a transfer's jurisdiction pair must be permitted.
     * @param operator The policy admin that called {setJurisdictionPairsEnforced}.
     */
    event JurisdictionPairsEnforced(bool enforced, address indexed operator);

    /**
     * @notice `account` was put on (`sanctioned`) or taken off the sanctions list.
     * @param account The account.
     * @param sanctioned Whether it is on the list now.
     * @param operator The sanctions officer that called {setSanctioned}.
     */
    event SanctionChanged(address indexed account, bool sanctioned, address indexed operator);

    // ------------------------------------------------------------------ errors

    /// @notice Rule 1: `account` (the sender or the recipient) is on the sanctions list.
    error PolicySanctioned(address account);
    /// @notice Rule 2: transfers from jurisdiction `fromJurisdiction` (of `from`) to `toJurisdiction` (of `to`) are
    /// not permitted.
    error PolicyJurisdictionPairNotPermitted(address from, address to, bytes2 fromJurisdiction, bytes2 toJurisdiction);
    /// @notice Rule 3: `amount` is above `account`'s per-transfer limit `limit`.
    error PolicyTransferLimitExceeded(address account, uint256 limit, uint256 amount);
    /// @notice Rule 4: `account` already sent `spentToday` this UTC day; `amount` more would pass its daily limit
    /// `limit`.
    error PolicyDailyLimitExceeded(address account, uint256 limit, uint256 spentToday, uint256 amount);
    /// @notice A limit of zero. "No limit" is `type(uint256).max`; to stop an account, freeze or sanction it.
    error PolicyInvalidLimit(uint256 limit);
    /// @notice A jurisdiction code that is not ISO 3166-1 alpha-2 (two upper-case ASCII letters, assigned).
    error PolicyInvalidJurisdiction(bytes2 jurisdiction);
    /// @notice {enforceTransfer} called by `caller`, not the policy's token.
    error PolicyUnauthorizedToken(address caller);

    // ------------------------------------------------------------------ views

    /// @notice The deposit token this policy serves (the only caller of {enforceTransfer}).
    function token() external view returns (address);

    /**
     * @notice The limits that apply to `account`: its own if set, else the defaults.
     * @param account The account.
     * @return perTransfer Its largest single transfer (`type(uint256).max`: none).
     * @return daily The most it may send per UTC day (`type(uint256).max`: none).
     */
    function limitsOf(address account) external view returns (uint256 perTransfer, uint256 daily);

    /**
     * @notice The limits of every account without limits of its own.
     * @return perTransfer The largest single transfer (`type(uint256).max`: none).
     * @return daily The most an account may send per UTC day (`type(uint256).max`: none).
     */
    function defaultLimits() external view returns (uint256 perTransfer, uint256 daily);

    /**
     * @notice What `account` sent so far this UTC day, as counted against its daily limit.
     * @param account The account.
     * @return The base units sent since 00:00 UTC.
     */
    function spentToday(address account) external view returns (uint256);

    /**
     * @notice Whether `account` is on the sanctions list.
     * @param account The account.
     * @return True if sanctioned.
     */
    function isSanctioned(address account) external view returns (bool);

    /**
     * @notice Whether transfers from `fromJurisdiction` to `toJurisdiction` are permitted (when pairs are enforced).
     * @param fromJurisdiction The sender's ISO 3166-1 alpha-2 code.
     * @param toJurisdiction The recipient's ISO 3166-1 alpha-2 code.
     * @return True if permitted.
     */
    function isPermittedPair(bytes2 fromJurisdiction, bytes2 toJurisdiction) external view returns (bool);

    /// @notice Whether a transfer's jurisdiction pair must be permitted.
    function jurisdictionPairsEnforced() external view returns (bool);

    /**
     * @notice Applies the rules to a transfer of `amount` from `from` to `to` now, without recording it: returns if it
     * would pass, else reverts with the error of the first rule that refuses (simulate it to learn which rule).
     * @param from The sender.
     * @param to The recipient.
     * @param amount Base units.
     */
    function checkTransfer(address from, address to, uint256 amount) external view;

    /**
     * @notice {checkTransfer} as a boolean: whether the transfer would pass the rules now.
     * @param from The sender.
     * @param to The recipient.
     * @param amount Base units.
     * @return allowed True if it would pass.
     */
    function canTransfer(address from, address to, uint256 amount) external view returns (bool allowed);

    // ------------------------------------------------------------------ the token

    /**
     * @notice Applies the rules to a transfer the token is making, and counts it against the sender's daily limit.
     * @dev Only the token ({PolicyUnauthorizedToken}). Reverts with the error of the first rule that refuses.
     * @param from The sender.
     * @param to The recipient.
     * @param amount Base units.
     */
    function enforceTransfer(address from, address to, uint256 amount) external;

    // ------------------------------------------------------------------ administration

    /**
     * @notice Sets the limits of every account without limits of its own. Policy admin role.
     * @param perTransfer Not zero ({PolicyInvalidLimit}); `type(uint256).max` for none.
     * @param daily Not zero ({PolicyInvalidLimit}); `type(uint256).max` for none.
     */
    function setDefaultLimits(uint256 perTransfer, uint256 daily) external;

    /**
     * @notice Gives `account` limits of its own, in place of the defaults. Policy admin role.
     * @param account The account.
     * @param perTransfer Not zero ({PolicyInvalidLimit}); `type(uint256).max` for none.
     * @param daily Not zero ({PolicyInvalidLimit}); `type(uint256).max` for none.
     */
    function setAccountLimits(address account, uint256 perTransfer, uint256 daily) external;

    /**
     * @notice Removes `account`'s own limits: the defaults apply again. Policy admin role.
     * @param account The account.
     */
    function clearAccountLimits(address account) external;

    /**
     * @notice Permits, or stops permitting, transfers from `fromJurisdiction` to `toJurisdiction`. Policy admin role.
     * @param fromJurisdiction ISO 3166-1 alpha-2 ({PolicyInvalidJurisdiction}).
     * @param toJurisdiction ISO 3166-1 alpha-2 ({PolicyInvalidJurisdiction}).
     * @param permitted Whether the pair is permitted.
     */
    function setJurisdictionPair(bytes2 fromJurisdiction, bytes2 toJurisdiction, bool permitted) external;

    /**
     * @notice Turns the jurisdiction-pair rule on or off (off when deployed). Policy admin role.
     * @param enforced Whether a transfer's pair must be permitted.
     */
    function setJurisdictionPairsEnforced(bool enforced) external;

    /**
     * @notice Puts `account` on the sanctions list, or takes it off. Sanctions role.
     * @param account The account.
     * @param sanctioned Whether it is sanctioned.
     */
    function setSanctioned(address account, bool sanctioned) external;
}
