// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";

import {ParticipantKinds} from "../../access/ParticipantKinds.sol";
import {IParticipantRegistry} from "../../interfaces/IParticipantRegistry.sol";
import {IRailsErrors} from "../../interfaces/IRailsErrors.sol";
import {ITokenizedDeposit} from "../../interfaces/ITokenizedDeposit.sol";
import {ITransferPolicy} from "./ITransferPolicy.sol";

/**
 * @title TransferPolicy
 * @notice The transfer rules of one deposit token beyond its own: per-account per-transfer and daily limits,
 * permitted jurisdiction pairs read from the participant register, and a sanctions list. See {ITransferPolicy} for
 * the rules and their order; the token consults it once set with `setTransferPolicy`.
 * @dev {AccessManaged} by the rails' access manager: the limits and jurisdiction pairs are the token's policy admin
 * role's, the sanctions list its sanctions role's (roles of that token's currency, see docs/deposits.md). Only the
 * token may call {enforceTransfer}, which records what a sender sent each UTC day.
 */
contract TransferPolicy is ITransferPolicy, IRailsErrors, AccessManaged {
    /// @dev No limit: the initial default, and the value that lifts a limit.
    uint256 private constant NO_LIMIT = type(uint256).max;

    /*
     * The assigned ISO 3166-1 alpha-2 codes (249, as of 2024) as a bitmap of 26 * 26 = 676 bits: code "XY" is bit
     * (X - 'A') * 26 + (Y - 'A'), in word bit / 256. Built from the ISO 3166 Maintenance Agency's list of officially
     * assigned codes (exceptionally and transitionally reserved codes, such as EU, UK or YU, are not assigned).
     */
    uint256 private constant ISO_3166_0 = 0x340400f7818068d0015fb9fb0095c000e00d48015843f27deddbdefeedf5978;
    uint256 private constant ISO_3166_1 = 0x9fbb3ae7fdf1510040000001538f3c400100084b25d7fffcfd4f8141f42b1d00;
    uint256 private constant ISO_3166_2 = 0x0001004004080010000000004002004085570410419a;

    /// @dev An account's own limits; `set` false: the defaults apply.
    struct AccountLimits {
        bool set;
        uint256 perTransfer;
        uint256 daily;
    }

    /// @dev What an account sent on UTC day `day` (days since 1970-01-01).
    struct DailySpend {
        uint64 day;
        uint192 spent;
    }

    address private immutable _token;
    IParticipantRegistry private immutable _registry;

    uint256 private _defaultPerTransfer = NO_LIMIT;
    uint256 private _defaultDaily = NO_LIMIT;
    bool private _pairsEnforced;
    mapping(address account => AccountLimits) private _limits;
    mapping(address account => DailySpend) private _spends;
    mapping(address account => bool) private _sanctioned;
    mapping(bytes2 fromJurisdiction => mapping(bytes2 toJurisdiction => bool)) private _permittedPairs;

    /**
     * @notice Deploys the policy of `depositToken`; it applies once the token's policy admin sets it on the token.
     * @param depositToken The deposit token served; its participant register gives the jurisdictions and kinds.
     * @param initialAuthority The rails' access manager.
     */
    constructor(ITokenizedDeposit depositToken, address initialAuthority) AccessManaged(initialAuthority) {
        if (address(depositToken) == address(0)) revert RailsZeroAddress();
        _token = address(depositToken);
        _registry = depositToken.registry();
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ITransferPolicy
    function token() external view returns (address) {
        return _token;
    }

    /// @inheritdoc ITransferPolicy
    function limitsOf(address account) public view returns (uint256 perTransfer, uint256 daily) {
        AccountLimits storage own = _limits[account];
        return own.set ? (own.perTransfer, own.daily) : (_defaultPerTransfer, _defaultDaily);
    }

    /// @inheritdoc ITransferPolicy
    function defaultLimits() external view returns (uint256 perTransfer, uint256 daily) {
        return (_defaultPerTransfer, _defaultDaily);
    }

    /// @inheritdoc ITransferPolicy
    function spentToday(address account) public view returns (uint256) {
        DailySpend memory spend = _spends[account];
        return spend.day == _today() ? spend.spent : 0;
    }

    /// @inheritdoc ITransferPolicy
    function isSanctioned(address account) external view returns (bool) {
        return _sanctioned[account];
    }

    /// @inheritdoc ITransferPolicy
    function isPermittedPair(bytes2 fromJurisdiction, bytes2 toJurisdiction) external view returns (bool) {
        return _permittedPairs[fromJurisdiction][toJurisdiction];
    }

    /// @inheritdoc ITransferPolicy
    function jurisdictionPairsEnforced() external view returns (bool) {
        return _pairsEnforced;
    }

    /// @inheritdoc ITransferPolicy
    function checkTransfer(address from, address to, uint256 amount) public view {
        _check(from, to, amount);
    }

    /// @inheritdoc ITransferPolicy
    function canTransfer(address from, address to, uint256 amount) external view returns (bool allowed) {
        try this.checkTransfer(from, to, amount) {
            return true;
        } catch {
            return false;
        }
    }

    // ------------------------------------------------------------------ the token

    /// @inheritdoc ITransferPolicy
    function enforceTransfer(address from, address to, uint256 amount) external {
        if (msg.sender != _token) revert PolicyUnauthorizedToken(msg.sender);
        (bool counted, uint256 spent) = _check(from, to, amount);
        if (counted) {
            // the token moves at most its supply (< 2^120) at a time, and the total saturates at 2^192 - 1
            uint256 total = spent + amount;
            _spends[from] = DailySpend(_today(), total > type(uint192).max ? type(uint192).max : uint192(total));
        }
    }

    // ------------------------------------------------------------------ administration

    /// @inheritdoc ITransferPolicy
    function setDefaultLimits(uint256 perTransfer, uint256 daily) external restricted {
        _checkLimits(perTransfer, daily);
        _defaultPerTransfer = perTransfer;
        _defaultDaily = daily;
        emit DefaultLimitsChanged(perTransfer, daily, _msgSender());
    }

    /// @inheritdoc ITransferPolicy
    function setAccountLimits(address account, uint256 perTransfer, uint256 daily) external restricted {
        if (account == address(0)) revert RailsZeroAddress();
        _checkLimits(perTransfer, daily);
        _limits[account] = AccountLimits(true, perTransfer, daily);
        emit AccountLimitsChanged(account, perTransfer, daily, _msgSender());
    }

    /// @inheritdoc ITransferPolicy
    function clearAccountLimits(address account) external restricted {
        delete _limits[account];
        emit AccountLimitsCleared(account, _msgSender());
    }

    /// @inheritdoc ITransferPolicy
    function setJurisdictionPair(bytes2 fromJurisdiction, bytes2 toJurisdiction, bool permitted) external restricted {
        if (!isAssignedJurisdiction(fromJurisdiction)) revert PolicyInvalidJurisdiction(fromJurisdiction);
        if (!isAssignedJurisdiction(toJurisdiction)) revert PolicyInvalidJurisdiction(toJurisdiction);
        _permittedPairs[fromJurisdiction][toJurisdiction] = permitted;
        emit JurisdictionPairChanged(fromJurisdiction, toJurisdiction, permitted, _msgSender());
    }

    /// @inheritdoc ITransferPolicy
    function setJurisdictionPairsEnforced(bool enforced) external restricted {
        _pairsEnforced = enforced;
        emit JurisdictionPairsEnforced(enforced, _msgSender());
    }

    /// @inheritdoc ITransferPolicy
    function setSanctioned(address account, bool sanctioned) external restricted {
        if (account == address(0)) revert RailsZeroAddress();
        _sanctioned[account] = sanctioned;
        emit SanctionChanged(account, sanctioned, _msgSender());
    }

    /**
     * @notice Whether `code` is an officially assigned ISO 3166-1 alpha-2 code (two upper-case ASCII letters, e.g.
     * "HK", "CN"; not "EU", "UK" or "XK").
     * @param code The code, two ASCII bytes.
     * @return True if assigned.
     */
    function isAssignedJurisdiction(bytes2 code) public pure returns (bool) {
        uint8 first = uint8(code[0]);
        uint8 second = uint8(code[1]);
        if (first < 65 || first > 90 || second < 65 || second > 90) return false;
        uint256 bit = (uint256(first) - 65) * 26 + (uint256(second) - 65);
        uint256 word =
            bit < 256
                ? ISO_3166_0
                : bit < 512
                    ? ISO_3166_1
                    : ISO_3166_2;
        return (word >> (bit % 256)) & 1 == 1;
    }

    // ------------------------------------------------------------------ the rules

    /**
     * @dev The four rules in order (see {ITransferPolicy}); reverts with the first refusal. Returns whether the
     * transfer counts against the sender's daily limit (not for a custodian contract) and what it sent today.
     */
    function _check(address from, address to, uint256 amount) private view returns (bool counted, uint256 spent) {
        if (_sanctioned[from]) revert PolicySanctioned(from);
        if (_sanctioned[to]) revert PolicySanctioned(to);
        IParticipantRegistry.Participant memory sender = _registry.participant(from);
        if (sender.kinds & ParticipantKinds.CONTRACT_CUSTODIAN != 0) return (false, 0);
        if (_pairsEnforced) {
            IParticipantRegistry.Participant memory recipient = _registry.participant(to);
            if (
                recipient.kinds & ParticipantKinds.CONTRACT_CUSTODIAN == 0 &&
                !_permittedPairs[sender.jurisdiction][recipient.jurisdiction]
            ) {
                revert PolicyJurisdictionPairNotPermitted(from, to, sender.jurisdiction, recipient.jurisdiction);
            }
        }
        (uint256 perTransfer, uint256 daily) = limitsOf(from);
        if (amount > perTransfer) revert PolicyTransferLimitExceeded(from, perTransfer, amount);
        spent = spentToday(from);
        // written so that no amount overflows, and a limit lowered below today's spending refuses any amount
        if (daily != NO_LIMIT && (spent > daily || amount > daily - spent)) {
            revert PolicyDailyLimitExceeded(from, daily, spent, amount);
        }
        return (true, spent);
    }

    function _checkLimits(uint256 perTransfer, uint256 daily) private pure {
        if (perTransfer == 0) revert PolicyInvalidLimit(perTransfer);
        if (daily == 0) revert PolicyInvalidLimit(daily);
    }

    function _today() private view returns (uint64) {
        return uint64(block.timestamp / 1 days);
    }
}
