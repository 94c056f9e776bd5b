// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ParticipantKinds} from "../access/ParticipantKinds.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {ITokenizedDeposit} from "../interfaces/ITokenizedDeposit.sol";
import {ERC3009Authorization} from "./ERC3009Authorization.sol";

/**
 * @title TokenizedDeposit
 * @notice A bank deposit in one currency, represented 1:1 as an ERC-20 token, issued and redeemed by one bank and
 * held only by verified participants of the rails.
 * @dev OpenZeppelin {ERC20} with {ERC20Permit} and ERC-3009 ({ERC3009Authorization}) on one EIP-712 domain,
 * {Pausable}, and {AccessControlDefaultAdminRules} (two-step admin handover). Each power is its own role.
 *
 * Every rule about who may move what lives in one place, {_update}, through which every balance change passes
 * (transfer, transferFrom, permit and ERC-3009 payments, mint, burn, redemption, forced transfer):
 * - not paused;
 * - a sender (not for mints) is verified, not frozen, and moves no more than its unfrozen balance;
 * - a recipient (not for burns) is verified and not frozen;
 * - a mint keeps the supply within the cap.
 * A forced transfer sets a transient flag that makes {_update} skip the sender's rules and the pause (the
 * recipient's rules always apply) and then trims the sender's frozen part to what is left.
 */
contract TokenizedDeposit is
    ITokenizedDeposit,
    ERC20Permit,
    ERC3009Authorization,
    Pausable,
    AccessControlDefaultAdminRules
{
    /// @notice Issues tokens against deposits ({mint}).
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    /// @notice Redeems holders' tokens on their off-chain instruction ({burn}).
    bytes32 public constant BURNER_ROLE = keccak256("BURNER_ROLE");
    /// @notice Pauses and unpauses the token.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice Freezes and unfreezes accounts and parts of balances.
    bytes32 public constant FREEZER_ROLE = keccak256("FREEZER_ROLE");
    /// @notice Executes forced transfers (court orders, lost keys, recovery from revoked holders).
    bytes32 public constant COMPLIANCE_ROLE = keccak256("COMPLIANCE_ROLE");
    /// @notice Sets the supply cap.
    bytes32 public constant CAP_MANAGER_ROLE = keccak256("CAP_MANAGER_ROLE");

    bytes32 private constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    /// @dev Freeze state of one account, in one slot so that {_update} reads it with one SLOAD.
    struct AccountStatus {
        bool frozen;
        uint248 frozenAmount;
    }

    IParticipantRegistry private immutable _registry;
    address private immutable _issuer;
    bytes32 private immutable _issuerId;
    bytes3 private immutable _currency;
    uint8 private immutable _decimals;

    uint256 private _supplyCap;
    uint256 private _redemptionCount;
    mapping(address account => AccountStatus) private _status;

    /// @dev Set only for the duration of {forcedTransfer}.
    bool private transient _forcing;

    /**
     * @notice Deploys the deposit token of one issuing bank and currency; the issuer must be a verified BANK.
     * @param config See {ITokenizedDeposit-Config}.
     */
    constructor(
        Config memory config
    )
        ERC20(config.name, config.symbol)
        ERC20Permit(config.name)
        AccessControlDefaultAdminRules(config.adminDelay, config.admin)
    {
        if (config.decimals > 18) revert DepositInvalidDecimals(config.decimals);
        if (!_isCurrencyCode(config.currency)) revert DepositInvalidCurrency(config.currency);
        if (address(config.registry) == address(0)) revert DepositInvalidRegistry();
        if (!config.registry.isVerifiedAs(config.issuer, ParticipantKinds.BANK)) {
            revert DepositInvalidIssuer(config.issuer);
        }
        _registry = config.registry;
        _issuer = config.issuer;
        _issuerId = config.issuerId;
        _currency = config.currency;
        _decimals = config.decimals;
        if (config.supplyCap != 0) {
            _supplyCap = config.supplyCap;
            emit SupplyCapChanged(0, config.supplyCap, _msgSender());
        }
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ERC20
    function decimals() public view override(ERC20, IERC20Metadata) returns (uint8) {
        return _decimals;
    }

    /// @inheritdoc ITokenizedDeposit
    function registry() external view returns (IParticipantRegistry) {
        return _registry;
    }

    /// @inheritdoc ITokenizedDeposit
    function issuer() external view returns (address) {
        return _issuer;
    }

    /// @inheritdoc ITokenizedDeposit
    function issuerId() external view returns (bytes32) {
        return _issuerId;
    }

    /// @inheritdoc ITokenizedDeposit
    function currency() external view returns (bytes3) {
        return _currency;
    }

    /// @inheritdoc ITokenizedDeposit
    function supplyCap() external view returns (uint256) {
        return _supplyCap;
    }

    /// @inheritdoc ITokenizedDeposit
    function isFrozen(address account) external view returns (bool) {
        return _status[account].frozen;
    }

    /// @inheritdoc ITokenizedDeposit
    function frozenAmount(address account) external view returns (uint256) {
        return _status[account].frozenAmount;
    }

    /// @inheritdoc ITokenizedDeposit
    function availableBalance(address account) external view returns (uint256) {
        AccountStatus memory status = _status[account];
        return status.frozen ? 0 : balanceOf(account) - status.frozenAmount;
    }

    /// @inheritdoc ITokenizedDeposit
    function redemptionCount() external view returns (uint256) {
        return _redemptionCount;
    }

    /// @inheritdoc ITokenizedDeposit
    function paused() public view override(ITokenizedDeposit, Pausable) returns (bool) {
        return super.paused();
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, IERC20Permit) returns (uint256) {
        return super.nonces(owner);
    }

    // ------------------------------------------------------------------ issuance and redemption

    /// @inheritdoc ITokenizedDeposit
    function mint(address to, uint256 amount, bytes32 bankReference) external onlyRole(MINTER_ROLE) {
        _checkAmountAndReference(amount, bankReference);
        _mint(to, amount);
        emit Minted(to, amount, bankReference, _msgSender());
    }

    /// @inheritdoc ITokenizedDeposit
    function burn(address from, uint256 amount, bytes32 bankReference) external onlyRole(BURNER_ROLE) {
        _checkAmountAndReference(amount, bankReference);
        _burn(from, amount);
        emit Burned(from, amount, bankReference, _msgSender());
    }

    /// @inheritdoc ITokenizedDeposit
    function requestRedemption(uint256 amount, bytes32 payoutReference) external returns (uint256 requestId) {
        _checkAmountAndReference(amount, payoutReference);
        address holder = _msgSender();
        _burn(holder, amount);
        requestId = ++_redemptionCount;
        emit RedemptionRequested(requestId, holder, amount, payoutReference);
    }

    // ------------------------------------------------------------------ controls

    /// @inheritdoc ITokenizedDeposit
    function forcedTransfer(
        address from,
        address to,
        uint256 amount,
        bytes32 reasonCode
    ) external onlyRole(COMPLIANCE_ROLE) {
        _checkAmountAndReference(amount, reasonCode);
        _forcing = true;
        _transfer(from, to, amount);
        _forcing = false;
        emit ForcedTransfer(from, to, amount, reasonCode, _msgSender());
    }

    /// @inheritdoc ITokenizedDeposit
    function freeze(address account) external onlyRole(FREEZER_ROLE) {
        AccountStatus storage status = _status[account];
        if (status.frozen) revert DepositAccountFrozen(account);
        status.frozen = true;
        emit AccountFrozen(account, _msgSender());
    }

    /// @inheritdoc ITokenizedDeposit
    function unfreeze(address account) external onlyRole(FREEZER_ROLE) {
        AccountStatus storage status = _status[account];
        if (!status.frozen) revert DepositAccountNotFrozen(account);
        status.frozen = false;
        emit AccountUnfrozen(account, _msgSender());
    }

    /// @inheritdoc ITokenizedDeposit
    function freezeAmount(address account, uint256 amount) external onlyRole(FREEZER_ROLE) {
        if (amount == 0) revert DepositZeroAmount();
        uint256 previous = _status[account].frozenAmount;
        uint256 next = previous + amount;
        uint256 balance = balanceOf(account);
        if (next > balance) revert DepositFreezeExceedsBalance(account, balance, next);
        _setFrozenAmount(account, previous, next);
    }

    /// @inheritdoc ITokenizedDeposit
    function unfreezeAmount(address account, uint256 amount) external onlyRole(FREEZER_ROLE) {
        if (amount == 0) revert DepositZeroAmount();
        uint256 previous = _status[account].frozenAmount;
        if (amount > previous) revert DepositUnfreezeExceedsFrozen(account, previous, amount);
        _setFrozenAmount(account, previous, previous - amount);
    }

    /// @inheritdoc ITokenizedDeposit
    function setSupplyCap(uint256 newCap) external onlyRole(CAP_MANAGER_ROLE) {
        emit SupplyCapChanged(_supplyCap, newCap, _msgSender());
        _supplyCap = newCap;
    }

    /// @inheritdoc ITokenizedDeposit
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc ITokenizedDeposit
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    // ------------------------------------------------------------------ gasless approvals

    /// @inheritdoc ITokenizedDeposit
    function permit(address owner, address spender, uint256 value, uint256 deadline, bytes memory signature) external {
        if (block.timestamp > deadline) revert ERC2612ExpiredSignature(deadline);
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline));
        if (!SignatureChecker.isValidSignatureNow(owner, _hashTypedDataV4(structHash), signature)) {
            revert DepositInvalidPermitSignature(owner);
        }
        _approve(owner, spender, value);
    }

    // ------------------------------------------------------------------ the rules

    /**
     * @dev The one place where the rules of the token are enforced; see the contract documentation. The external
     * registry is asked once per party (`isVerified`, one storage read there); the freeze state of each party is one
     * storage read here. A transfer of more than the balance fails with OpenZeppelin's {ERC20InsufficientBalance}
     * before the partial-freeze check is reported.
     */
    function _update(address from, address to, uint256 value) internal override {
        bool forcing = _forcing;
        if (!forcing) {
            if (paused()) revert DepositPaused();
            if (from != address(0)) {
                _requireVerified(from);
                AccountStatus memory status = _status[from];
                if (status.frozen) revert DepositAccountFrozen(from);
                uint256 locked = status.frozenAmount;
                if (locked != 0) {
                    uint256 balance = balanceOf(from);
                    if (value <= balance && value > balance - locked) {
                        revert DepositFrozenAmountExceeded(from, balance - locked, value);
                    }
                }
            }
        }
        if (to != address(0)) {
            _requireVerified(to);
            if (_status[to].frozen) revert DepositAccountFrozen(to);
        }

        super._update(from, to, value);

        if (from == address(0)) {
            uint256 cap = _supplyCap;
            if (cap != 0 && totalSupply() > cap) revert DepositSupplyCapExceeded(totalSupply(), cap);
        } else if (forcing) {
            uint256 locked = _status[from].frozenAmount;
            uint256 remaining = balanceOf(from);
            if (locked > remaining) _setFrozenAmount(from, locked, remaining);
        }
    }

    function _setFrozenAmount(address account, uint256 previous, uint256 next) private {
        _status[account].frozenAmount = SafeCast.toUint248(next);
        emit FrozenAmountChanged(account, previous, next, _msgSender());
    }

    function _requireVerified(address account) private view {
        if (!_registry.isVerified(account)) revert DepositNotVerified(account);
    }

    function _checkAmountAndReference(uint256 amount, bytes32 ref) private pure {
        if (amount == 0) revert DepositZeroAmount();
        if (ref == bytes32(0)) revert DepositZeroReference();
    }

    /// @dev Three upper-case ASCII letters. Whether they are an assigned ISO 4217 code is the deployer's check.
    function _isCurrencyCode(bytes3 code) private pure returns (bool) {
        for (uint256 i; i < 3; ++i) {
            if (code[i] < "A" || code[i] > "Z") return false;
        }
        return true;
    }
}
