// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {ParticipantKinds} from "../access/ParticipantKinds.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IERC7943Fungible} from "../interfaces/IERC7943.sol";
import {ITokenizedDeposit} from "../interfaces/ITokenizedDeposit.sol";
import {SignatureVerification} from "../utils/SignatureVerification.sol";
import {ERC3009Authorization} from "./ERC3009Authorization.sol";
import {ITransferPolicy} from "./policy/ITransferPolicy.sol";

/**
 * @title TokenizedDeposit
 * @notice A bank deposit in one currency, represented 1:1 as an ERC-20 token, issued and redeemed by one bank and
 * held only by verified participants of the rails.
 * @dev OpenZeppelin {ERC20} with {ERC20Permit} and ERC-3009 ({ERC3009Authorization}) on one EIP-712 domain,
 * {Pausable}, and {AccessManaged}: each power is its own role in the rails' access manager, a role of this token
 * alone (see docs/architecture.md, "Role model").
 *
 * Every balance change passes through one of two functions, which apply the same rules in the same order:
 * {_transferBetween} for a movement between two accounts (transfer, transferFrom, permit and ERC-3009 payments) and
 * {_move} for a mint, a burn or redemption, and a forced transfer. {transfer} and {transferFrom} call the first
 * directly; every other path reaches them through the override of {_update}. The rules:
 * - not paused;
 * - a sender (not for mints) is verified, not frozen, and moves no more than its unfrozen balance;
 * - a recipient (not for burns) is verified and not frozen;
 * - a mint keeps the supply within the cap and within {MAX_SUPPLY}.
 * A forced transfer skips the sender's rules and the pause (the recipient's rules always apply) and then trims the
 * sender's frozen part to what is left. Only {forcedTransfer} asks for that, by an argument of {_move}: no state is
 * left that another path could find set.
 *
 * A movement between two accounts then asks the transfer policy, if one is set ({ITransferPolicy}): after the
 * token's own rules, before any balance changes. Mints, burns, redemptions and forced transfers never ask it.
 *
 * ERC-7943 (uRWA): {canTransfer} answers from the same rules (and the policy's {ITransferPolicy-canTransfer}), so
 * that a `true` means the transfer succeeds now; {setFrozenTokens} sets the frozen part that {freezeAmount} adds to
 * and {unfreezeAmount} takes from; the three-argument {forcedTransfer} is the four-argument one with the reason code
 * {ERC7943_REASON}.
 *
 * Storage and gas: the balance, frozen part and full-freeze flag of an account share one storage word, the pause flag
 * and the policy's address share another ({paused} reads it, not OpenZeppelin's `_paused`, which stays unused), and
 * the registry is asked once per movement (both parties of a transfer in one call), so a transfer without a policy
 * reads the controls word, one registry answer and one word per party, and writes one word per party. Balances and the total supply are
 * therefore kept here, not in OpenZeppelin's private `_balances` / `_totalSupply`: {balanceOf}, {totalSupply} and
 * {_update} are overridden completely (OpenZeppelin's {ERC20} touches those two variables nowhere else). Every amount
 * (balance, frozen part) is at most the total supply, which {_move} keeps at most {MAX_SUPPLY} = 2^120 - 1, so each
 * fits its 120-bit field by construction.
 */
contract TokenizedDeposit is ITokenizedDeposit, ERC20Permit, ERC3009Authorization, Pausable, AccessManaged {
    bytes32 private constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    /**
     * @notice Hard bound on the total supply in base units, whatever the supply cap: 2^120 - 1 (about 1.3e36, i.e.
     * 1.3e18 whole tokens at 18 decimals). A mint above it fails with {DepositSupplyCapExceeded} naming this bound.
     */
    uint256 public constant MAX_SUPPLY = type(uint120).max;

    /// @notice The reason code recorded by ERC-7943's three-argument {forcedTransfer}: "ERC-7943", left-aligned ASCII.
    bytes32 public constant ERC7943_REASON = "ERC-7943";

    bytes32 private constant TRANSFER_WITH_REFERENCE_AUTHORIZATION_TYPEHASH = keccak256(
        "TransferWithReferenceAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce,bytes32 paymentReference)"
    );
    bytes32 private constant RECEIVE_WITH_REFERENCE_AUTHORIZATION_TYPEHASH = keccak256(
        "ReceiveWithReferenceAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce,bytes32 paymentReference)"
    );

    /*
     * Everything a movement needs about one account is one storage word, `_accounts[account]`:
     *   bits   0..119  balance                       _balance(word)       = word & AMOUNT_MASK
     *   bits 120..239  frozen amount                 _frozenAmount(word)  = (word >> FROZEN_AMOUNT_SHIFT) & AMOUNT_MASK
     *   bit  240       full freeze                   _isFrozen(word)      = word & FROZEN_FLAG != 0
     *   bits 241..255  zero
     * Balance and frozen amount never exceed the total supply, which never exceeds MAX_SUPPLY = 2^120 - 1, so each
     * fits its field. Hence adding an amount to the word or subtracting one from it changes the balance field only:
     * a credit cannot carry into the frozen amount (balance + amount <= supply) and a debit cannot borrow from it
     * (amount <= balance). A plain uint256 rather than a struct so that a movement loads and stores each party's word
     * exactly once (Solidity re-reads the slot for every write to a field of a packed struct).
     */
    uint256 private constant AMOUNT_MASK = type(uint120).max;
    uint256 private constant FROZEN_AMOUNT_SHIFT = 120;
    uint256 private constant FROZEN_FLAG = 1 << 240;

    /*
     * The token's controls, one storage word `_controls`, read once by every transfer:
     *   bits   0..159  the transfer policy's address (zero: none)
     *   bit  160       paused
     */
    uint256 private constant PAUSED_FLAG = 1 << 160;

    /// @dev What asked {_move} for a movement: the holder's rules apply to an ordinary one (a mint, a redemption, an
    /// OpenZeppelin burn); a bank burn must also not take from a custodian contract; a forced transfer skips the
    /// pause and the sender's rules. Only {burn} and {forcedTransfer} pass the last two.
    enum Movement {
        Ordinary,
        BankBurn,
        Forced
    }

    IParticipantRegistry private immutable _registry;
    address private immutable _issuer;
    bytes32 private immutable _issuerId;
    bytes3 private immutable _currency;
    uint8 private immutable _decimals;

    // OpenZeppelin's private `_balances` (slot 0) and `_totalSupply` (slot 2) keep their slots but stay unused:
    // balances live in `_accounts`, the supply in `_supply` (see {_transferBetween} and {_move}).
    uint256 private _supplyCap;
    uint256 private _redemptionCount;
    mapping(address account => uint256 word) private _accounts;
    uint256 private _supply;
    uint256 private _controls;

    /**
     * @notice Deploys the deposit token of one issuing bank and currency; the issuer must be a verified BANK.
     * @param config See {ITokenizedDeposit-Config}.
     */
    constructor(
        Config memory config
    ) ERC20(config.name, config.symbol) ERC20Permit(config.name) AccessManaged(config.authority) {
        if (config.decimals > 18) revert DepositInvalidDecimals(config.decimals);
        if (!_isCurrencyCode(config.currency)) revert DepositInvalidCurrency(config.currency);
        if (address(config.registry) == address(0)) revert RailsZeroAddress();
        if (!config.registry.isVerifiedAs(config.issuer, ParticipantKinds.BANK)) {
            revert DepositInvalidIssuer(config.issuer);
        }
        _registry = config.registry;
        _issuer = config.issuer;
        _issuerId = config.issuerId;
        _currency = config.currency;
        _decimals = config.decimals;
        if (config.supplyCap != 0) {
            _checkCap(config.supplyCap);
            _supplyCap = config.supplyCap;
            emit SupplyCapChanged(0, config.supplyCap, _msgSender());
        }
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ERC20
    function totalSupply() public view override(ERC20, IERC20) returns (uint256) {
        return _supply;
    }

    /// @inheritdoc ERC20
    function balanceOf(address account) public view override(ERC20, IERC20) returns (uint256) {
        return _balance(_accounts[account]);
    }

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
        return _isFrozen(_accounts[account]);
    }

    /// @inheritdoc ITokenizedDeposit
    function frozenAmount(address account) external view returns (uint256) {
        return _frozenAmount(_accounts[account]);
    }

    /// @inheritdoc ITokenizedDeposit
    function availableBalance(address account) external view returns (uint256) {
        uint256 word = _accounts[account];
        return _isFrozen(word) ? 0 : _balance(word) - _frozenAmount(word);
    }

    /// @inheritdoc ITokenizedDeposit
    function redemptionCount() external view returns (uint256) {
        return _redemptionCount;
    }

    /// @inheritdoc ITokenizedDeposit
    /// @dev The pause flag of the controls word (see {_controls}); OpenZeppelin's `_paused` is not used.
    function paused() public view override(ITokenizedDeposit, Pausable) returns (bool) {
        return _controls & PAUSED_FLAG != 0;
    }

    /// @inheritdoc ITokenizedDeposit
    function transferPolicy() public view returns (ITransferPolicy) {
        return ITransferPolicy(address(uint160(_controls)));
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC7943Fungible).interfaceId || interfaceId == type(IERC165).interfaceId;
    }

    /// @inheritdoc IERC7943Fungible
    function getFrozenTokens(address account) external view returns (uint256) {
        return _frozenAmount(_accounts[account]);
    }

    /**
     * @inheritdoc IERC7943Fungible
     * @dev Verified in the register, not frozen entirely, and not sanctioned by the transfer policy if one is set.
     * The pause, which stops everyone, is {canTransfer}'s business.
     */
    function canSend(address account) external view returns (bool) {
        return _canHold(account);
    }

    /// @inheritdoc IERC7943Fungible
    /// @dev The same conditions as {canSend}.
    function canReceive(address account) external view returns (bool) {
        return _canHold(account);
    }

    /**
     * @inheritdoc IERC7943Fungible
     * @dev Every rule of {_transferBetween}, as a boolean: neither party the zero address, not paused, both verified
     * and not frozen, `amount` within the sender's balance and its unfrozen part, and the policy's
     * {ITransferPolicy-canTransfer} if one is set. True means a transfer or transferFrom (given the allowance) of
     * `amount` from `from` to `to` succeeds in the same state.
     */
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        uint256 controls = _controls;
        if (from == address(0) || to == address(0) || controls & PAUSED_FLAG != 0) return false;
        (uint32 fromKinds, uint32 toKinds) = _verifiedKindsOfPair(from, to);
        uint256 fromWord = _accounts[from];
        if (fromKinds == 0 || toKinds == 0 || _isFrozen(fromWord) || _isFrozen(_accounts[to])) return false;
        if (amount > _balance(fromWord) - _frozenAmount(fromWord)) return false;
        address policy = address(uint160(controls));
        return policy == address(0) || ITransferPolicy(policy).canTransfer(from, to, amount);
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, IERC20Permit) returns (uint256) {
        return super.nonces(owner);
    }

    // ------------------------------------------------------------------ issuance and redemption

    /// @inheritdoc ITokenizedDeposit
    function mint(address to, uint256 amount, bytes32 bankReference) external restricted {
        _checkAmountAndReference(amount, bankReference);
        _mint(to, amount);
        emit Minted(to, amount, bankReference, _msgSender());
    }

    /// @inheritdoc ITokenizedDeposit
    function burn(address from, uint256 amount, bytes32 bankReference) external restricted {
        _checkAmountAndReference(amount, bankReference);
        // OpenZeppelin's {ERC20-_burn} check, then the holder's rules and the custodian rule of a bank burn
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        _move(from, address(0), amount, Movement.BankBurn);
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
    function forcedTransfer(address from, address to, uint256 amount, bytes32 reasonCode) external restricted {
        _forcedTransfer(from, to, amount, reasonCode);
    }

    /// @inheritdoc ITokenizedDeposit
    function forcedTransfer(address from, address to, uint256 amount) external restricted returns (bool) {
        _forcedTransfer(from, to, amount, ERC7943_REASON);
        return true;
    }

    /// @inheritdoc ITokenizedDeposit
    function setFrozenTokens(address account, uint256 amount) external restricted returns (bool) {
        uint256 word = _accounts[account];
        uint256 balance = _balance(word);
        if (amount > balance) revert DepositFreezeExceedsBalance(account, balance, amount);
        _setFrozenAmount(account, word, amount);
        return true;
    }

    /// @inheritdoc ITokenizedDeposit
    function setTransferPolicy(ITransferPolicy policy) external restricted {
        if (address(policy) != address(0)) {
            address served = policy.token();
            if (served != address(this)) revert DepositPolicyTokenMismatch(policy, served);
        }
        uint256 controls = _controls;
        emit TransferPolicyChanged(ITransferPolicy(address(uint160(controls))), policy, _msgSender());
        _controls = (controls & PAUSED_FLAG) | uint160(address(policy));
    }

    /// @inheritdoc ITokenizedDeposit
    function freeze(address account) external restricted {
        uint256 word = _accounts[account];
        if (_isFrozen(word)) revert DepositAccountFrozen(account);
        _accounts[account] = word | FROZEN_FLAG;
        emit AccountFrozen(account, _msgSender());
    }

    /// @inheritdoc ITokenizedDeposit
    function unfreeze(address account) external restricted {
        uint256 word = _accounts[account];
        if (!_isFrozen(word)) revert DepositAccountNotFrozen(account);
        _accounts[account] = word & ~FROZEN_FLAG;
        emit AccountUnfrozen(account, _msgSender());
    }

    /// @inheritdoc ITokenizedDeposit
    function freezeAmount(address account, uint256 amount) external restricted {
        if (amount == 0) revert RailsZeroAmount();
        uint256 word = _accounts[account];
        uint256 previous = _frozenAmount(word);
        // saturating: an absurd amount is refused with the error below, not with an overflow panic
        uint256 next = Math.saturatingAdd(previous, amount);
        uint256 balance = _balance(word);
        if (next > balance) revert DepositFreezeExceedsBalance(account, balance, next);
        _setFrozenAmount(account, word, next);
    }

    /// @inheritdoc ITokenizedDeposit
    function unfreezeAmount(address account, uint256 amount) external restricted {
        if (amount == 0) revert RailsZeroAmount();
        uint256 word = _accounts[account];
        uint256 previous = _frozenAmount(word);
        if (amount > previous) revert DepositUnfreezeExceedsFrozen(account, previous, amount);
        _setFrozenAmount(account, word, previous - amount);
    }

    /// @inheritdoc ITokenizedDeposit
    function setSupplyCap(uint256 newCap) external restricted {
        _checkCap(newCap);
        emit SupplyCapChanged(_supplyCap, newCap, _msgSender());
        _supplyCap = newCap;
    }

    /// @inheritdoc ITokenizedDeposit
    function pause() external restricted {
        uint256 controls = _controls;
        if (controls & PAUSED_FLAG != 0) revert EnforcedPause();
        _controls = controls | PAUSED_FLAG;
        emit Paused(_msgSender());
    }

    /// @inheritdoc ITokenizedDeposit
    function unpause() external restricted {
        uint256 controls = _controls;
        if (controls & PAUSED_FLAG == 0) revert ExpectedPause();
        _controls = controls & ~PAUSED_FLAG;
        emit Unpaused(_msgSender());
    }

    // ------------------------------------------------------------------ transfers

    /**
     * @inheritdoc ERC20
     * @dev OpenZeppelin's {ERC20-transfer}, calling {_transferBetween} directly rather than through
     * {ERC20-_transfer} and {_update} (about 200 gas less on the most frequent call). Same checks, errors and event.
     */
    function transfer(address to, uint256 value) public override(ERC20, IERC20) returns (bool) {
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        _transferBetween(_msgSender(), to, value);
        return true;
    }

    /**
     * @inheritdoc ERC20
     * @dev OpenZeppelin's {ERC20-transferFrom} (the allowance spent first), calling {_transferBetween} directly like
     * {transfer}. Same checks, errors and events.
     */
    function transferFrom(address from, address to, uint256 value) public override(ERC20, IERC20) returns (bool) {
        // `from` is not the zero address past this line: it has no allowance, so spending one reverts
        // (ERC20InsufficientAllowance, or ERC20InvalidApprover for a zero value), as in OpenZeppelin's order
        _spendAllowance(from, _msgSender(), value);
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        _transferBetween(from, to, value);
        return true;
    }

    // ------------------------------------------------------------------ payment references

    /// @inheritdoc ITokenizedDeposit
    function transferWithReference(address to, uint256 amount, bytes32 paymentReference) external returns (bool) {
        _checkPaymentReference(paymentReference);
        transfer(to, amount);
        emit PaymentReference(_msgSender(), to, amount, paymentReference);
        return true;
    }

    /// @inheritdoc ITokenizedDeposit
    function transferFromWithReference(
        address from,
        address to,
        uint256 amount,
        bytes32 paymentReference
    ) external returns (bool) {
        _checkPaymentReference(paymentReference);
        transferFrom(from, to, amount);
        emit PaymentReference(from, to, amount, paymentReference);
        return true;
    }

    /// @inheritdoc ITokenizedDeposit
    function transferWithReferenceAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes32 paymentReference,
        bytes memory signature
    ) external {
        _referenceAuthorization(
            TRANSFER_WITH_REFERENCE_AUTHORIZATION_TYPEHASH,
            from,
            to,
            value,
            validAfter,
            validBefore,
            nonce,
            paymentReference,
            signature
        );
    }

    /// @inheritdoc ITokenizedDeposit
    function receiveWithReferenceAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes32 paymentReference,
        bytes memory signature
    ) external {
        if (to != _msgSender()) revert ERC3009CallerNotPayee(_msgSender(), to);
        _referenceAuthorization(
            RECEIVE_WITH_REFERENCE_AUTHORIZATION_TYPEHASH,
            from,
            to,
            value,
            validAfter,
            validBefore,
            nonce,
            paymentReference,
            signature
        );
    }

    // ------------------------------------------------------------------ gasless approvals

    /// @inheritdoc ITokenizedDeposit
    function permit(address owner, address spender, uint256 value, uint256 deadline, bytes memory signature) external {
        if (block.timestamp > deadline) revert ERC2612ExpiredSignature(deadline);
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline));
        if (!SignatureVerification.isValidNow(owner, _hashTypedDataV4(structHash), signature)) {
            revert RailsInvalidSignature(owner);
        }
        _approve(owner, spender, value);
    }

    // ------------------------------------------------------------------ the rules

    /**
     * @dev Every balance change of OpenZeppelin's {ERC20} passes through here (mint, burn, and the transfers it makes
     * for transferFrom, permit and ERC-3009 payments). Replaces OpenZeppelin's {ERC20-_update} (not called): same
     * `Transfer` event and {ERC20InsufficientBalance} error, but balances in the packed account words (layout above)
     * and the supply in `_supply`. A movement between two accounts goes to {_transferBetween}, a mint or a burn to
     * {_move}.
     */
    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) _transferBetween(from, to, value);
        else _move(from, to, value, Movement.Ordinary);
    }

    /**
     * @dev A movement between two accounts, neither the zero address: transfer, transferFrom, permit and ERC-3009
     * payments. Checks, in this order: pause; sender verified, not frozen, within its unfrozen part; recipient
     * verified, not frozen; balance ({ERC20InsufficientBalance}, so a transfer of more than the balance is reported as
     * such rather than as a partial-freeze breach). The registry is asked once for both parties; each party's word is
     * hashed, loaded and stored once.
     *
     * The most frequent call on the rails, so the rules are written out here rather than in helpers shared with
     * {_move} (each helper call costs about 50 gas of stack handling; docs/gas.md holds a transfer to 1.3x a plain
     * ERC-20's). {_move} applies the same sender and recipient rules, in the same order, with the same errors.
     */
    function _transferBetween(address from, address to, uint256 value) private {
        // the controls word, read once: the pause flag and the policy
        uint256 controls = _controls;
        if (controls & PAUSED_FLAG != 0) revert EnforcedPause();
        (uint32 fromKinds, uint32 toKinds) = _verifiedKindsOfPair(from, to);

        uint256 fromSlot = _accountSlot(from);
        uint256 fromWord = _load(fromSlot);
        // {_checkSender}, written out
        if (fromKinds == 0) revert RailsNotVerified(from);
        if (_isFrozen(fromWord)) revert DepositAccountFrozen(from);
        uint256 balance = _balance(fromWord);
        uint256 locked = _frozenAmount(fromWord);
        // nested rather than one `&&` chain: the compiler then tests only `locked` on the common path (46 gas)
        if (locked != 0) {
            if (value <= balance && value > balance - locked) {
                revert DepositFrozenAmountExceeded(from, balance - locked, value);
            }
        }

        if (toKinds == 0) revert RailsNotVerified(to);
        uint256 toSlot = _accountSlot(to);
        uint256 toWord = _load(toSlot);
        if (_isFrozen(toWord)) revert DepositAccountFrozen(to);

        if (balance < value) revert ERC20InsufficientBalance(from, balance, value);
        // the policy last, after the token's own rules, before any balance changes (it refuses with its rule's error)
        if (controls != 0) {
            address policy = address(uint160(controls));
            if (policy != address(0)) ITransferPolicy(policy).enforceTransfer(from, to, value);
        }
        unchecked {
            // value <= balance: only the balance field changes (see the layout above)
            fromWord -= value;
            _store(fromSlot, fromWord);
            if (to == from) toWord = fromWord; // a self-transfer credits the word just debited
            // balance + value <= supply <= MAX_SUPPLY: only the balance field changes (see the layout above)
            _store(toSlot, toWord + value);
        }

        emit Transfer(from, to, value);
    }

    /**
     * @dev A mint (`from` is zero), a burn (`to` is zero) or a forced transfer (neither is zero, `movement` is
     * {Movement.Forced}). The sender's and the recipient's rules are those of {_transferBetween}, in the same order; a
     * bank burn ({Movement.BankBurn}) also refuses a custodian contract, right after the sender's verification; a
     * forced transfer skips the pause and the sender's rules (the recipient's always apply) and then trims the
     * sender's frozen part to what is left. A mint must keep the supply within the cap and {MAX_SUPPLY}. The registry
     * is asked once, for the one party whose rules apply ({forcedTransfer} reads the sender's kinds beforehand).
     */
    function _move(address from, address to, uint256 value, Movement movement) private {
        bool forcing = movement == Movement.Forced;
        uint32 fromKinds;
        uint32 toKinds;
        if (forcing) {
            toKinds = _registry.verifiedKinds(to);
        } else {
            if (paused()) revert EnforcedPause();
            if (from == address(0)) toKinds = _registry.verifiedKinds(to);
            else fromKinds = _registry.verifiedKinds(from);
        }

        uint256 fromWord;
        if (from != address(0)) {
            fromWord = _accounts[from];
            if (!forcing) _checkSender(from, fromKinds, fromWord, value, movement == Movement.BankBurn);
        }
        uint256 toWord;
        if (to != address(0)) {
            if (toKinds == 0) revert RailsNotVerified(to);
            toWord = _accounts[to];
            if (_isFrozen(toWord)) revert DepositAccountFrozen(to);
        }

        if (from == address(0)) {
            _increaseSupply(value);
        } else {
            uint256 balance = _balance(fromWord);
            if (balance < value) revert ERC20InsufficientBalance(from, balance, value);
            unchecked {
                // value <= balance: only the balance field changes (see the layout above)
                fromWord -= value;
            }
            _accounts[from] = fromWord;
            if (to == from) toWord = fromWord; // a forced self-transfer credits the word just debited
        }

        unchecked {
            if (to == address(0)) {
                // value <= the sender's balance <= the supply
                _supply -= value;
            } else {
                // balance + value <= supply <= MAX_SUPPLY: only the balance field changes (see the layout above)
                _accounts[to] = toWord + value;
            }
        }

        emit Transfer(from, to, value);

        if (forcing) _trimFrozenAmount(from);
    }

    /// @dev Both forms of {forcedTransfer}: OpenZeppelin's {ERC20-_transfer} checks, then the movement with the
    /// sender's rules and the pause lifted; emits ERC-7943's event and this token's (with the reason and operator).
    function _forcedTransfer(address from, address to, uint256 amount, bytes32 reasonCode) private {
        _checkAmountAndReference(amount, reasonCode);
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        _checkNotCustodian(from);
        _move(from, to, amount, Movement.Forced);
        emit ForcedTransfer(from, to, amount);
        emit ForcedTransfer(from, to, amount, reasonCode, _msgSender());
    }

    /// @dev An EIP-3009 payment whose signed message (`typehash`) covers `paymentReference`: the signature, then
    /// OpenZeppelin's validity, nonce and transfer (through {_update}), then {PaymentReference}.
    function _referenceAuthorization(
        bytes32 typehash,
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes32 paymentReference,
        bytes memory signature
    ) private {
        _checkPaymentReference(paymentReference);
        _checkSignature(
            from,
            keccak256(abi.encode(typehash, from, to, value, validAfter, validBefore, nonce, paymentReference)),
            signature
        );
        _transferWithAuthorization(from, to, value, validAfter, validBefore, nonce);
        emit PaymentReference(from, to, value, paymentReference);
    }

    /// @dev ERC-7943's {canSend} and {canReceive}: verified, not frozen entirely, not sanctioned by the policy.
    function _canHold(address account) private view returns (bool) {
        if (_registry.verifiedKinds(account) == 0 || _isFrozen(_accounts[account])) return false;
        ITransferPolicy policy = transferPolicy();
        return address(policy) == address(0) || !policy.isSanctioned(account);
    }

    /// @dev Refuses a forced transfer out of a contract that holds deposits for others (kind SETTLEMENT or CUSTODY):
    /// its books say which client each unit belongs to, so taking money from it unasked would take from an unknown
    /// client (and a settlement's later refund from another deal's escrow). The kinds are read from the register's
    /// record whether or not the contract is verified now: a revoked custodian still owes its clients. (A bank burn
    /// makes the same check in {_move} with the sender's verified kinds, as it refuses an unverified sender anyway.)
    function _checkNotCustodian(address account) private view {
        if (_registry.participant(account).kinds & ParticipantKinds.CONTRACT_CUSTODIAN != 0) {
            revert DepositCustodianAccount(account);
        }
    }

    /// @dev The sender's rules of a burn or redemption (a transfer applies the same lines, written out in
    /// {_transferBetween}): verified, not frozen, within its unfrozen part (unless it moves more than its balance,
    /// which is then reported as {ERC20InsufficientBalance}). A bank burn (`bankBurn`) also refuses a verified
    /// custodian contract ({DepositCustodianAccount}); an unverified one is refused as such first.
    function _checkSender(address from, uint32 kinds, uint256 word, uint256 value, bool bankBurn) private pure {
        if (kinds == 0) revert RailsNotVerified(from);
        if (bankBurn && kinds & ParticipantKinds.CONTRACT_CUSTODIAN != 0) revert DepositCustodianAccount(from);
        if (_isFrozen(word)) revert DepositAccountFrozen(from);
        uint256 balance = _balance(word);
        uint256 locked = _frozenAmount(word);
        if (locked != 0 && value <= balance && value > balance - locked) {
            revert DepositFrozenAmountExceeded(from, balance - locked, value);
        }
    }

    /// @dev A mint: the new supply must stay within the cap and {MAX_SUPPLY}, whichever is lower.
    function _increaseSupply(uint256 value) private {
        // saturating: an absurd amount is refused with the error below, not with an overflow panic
        uint256 supply = Math.saturatingAdd(_supply, value);
        uint256 cap = _supplyCap;
        if (cap == 0) cap = MAX_SUPPLY; // a cap is never above MAX_SUPPLY ({_checkCap})
        if (supply > cap) revert DepositSupplyCapExceeded(supply, cap);
        _supply = supply;
    }

    /// @dev After a forced transfer, the sender's frozen part shrinks to what is left. Reads the word again, after
    /// the credit, so that a forced self-transfer (balance unchanged) keeps it.
    function _trimFrozenAmount(address from) private {
        uint256 word = _accounts[from];
        uint256 rest = _balance(word);
        if (_frozenAmount(word) > rest) _setFrozenAmount(from, word, rest);
    }

    /// @dev Sets the frozen amount of `account`, whose current word is `word`, to `next` (at most its balance).
    function _setFrozenAmount(address account, uint256 word, uint256 next) private {
        _accounts[account] = (word & ~(AMOUNT_MASK << FROZEN_AMOUNT_SHIFT)) | (next << FROZEN_AMOUNT_SHIFT);
        emit FrozenAmountChanged(account, _frozenAmount(word), next, _msgSender());
        emit Frozen(account, next);
    }

    function _balance(uint256 word) private pure returns (uint256) {
        return word & AMOUNT_MASK;
    }

    function _frozenAmount(uint256 word) private pure returns (uint256) {
        return (word >> FROZEN_AMOUNT_SHIFT) & AMOUNT_MASK;
    }

    function _isFrozen(uint256 word) private pure returns (bool) {
        return word & FROZEN_FLAG != 0;
    }

    /**
     * @dev The registry's answer for both parties of a movement, in one call. Encoded and decoded by hand (about 300
     * gas less than the compiler's code on every transfer): the two addresses after the selector, the two words of the
     * answer in scratch space. A revert of the registry is passed on as it is; an answer shorter than two words cannot
     * come from the registry the token was deployed with, and is refused.
     */
    function _verifiedKindsOfPair(address from, address to) private view returns (uint32 fromKinds, uint32 toKinds) {
        IParticipantRegistry participants = _registry;
        bytes4 selector = IParticipantRegistry.verifiedKindsOfPair.selector;
        bool answered;
        assembly ("memory-safe") {
            let query := mload(0x40)
            mstore(query, selector)
            mstore(add(query, 0x04), from)
            mstore(add(query, 0x24), to)
            if iszero(staticcall(gas(), participants, query, 0x44, 0x00, 0x40)) {
                returndatacopy(query, 0x00, returndatasize())
                revert(query, returndatasize())
            }
            answered := iszero(lt(returndatasize(), 0x40))
            fromKinds := and(mload(0x00), 0xffffffff)
            toKinds := and(mload(0x20), 0xffffffff)
        }
        if (!answered) revert DepositInvalidRegistry();
    }

    /// @dev The slot of `_accounts[account]` (Solidity's mapping layout), hashed once per party of a transfer rather
    /// than once for the read and again for the write.
    function _accountSlot(address account) private pure returns (uint256 slot) {
        assembly ("memory-safe") {
            mstore(0x00, account)
            mstore(0x20, _accounts.slot)
            slot := keccak256(0x00, 0x40)
        }
    }

    function _load(uint256 slot) private view returns (uint256 word) {
        assembly ("memory-safe") {
            word := sload(slot)
        }
    }

    function _store(uint256 slot, uint256 word) private {
        assembly ("memory-safe") {
            sstore(slot, word)
        }
    }

    /// @dev A cap the supply could never reach would only mislead readers of {supplyCap}.
    function _checkCap(uint256 cap) private pure {
        if (cap > MAX_SUPPLY) revert DepositSupplyCapAboveMaximum(cap, MAX_SUPPLY);
    }

    function _checkPaymentReference(bytes32 paymentReference) private pure {
        if (paymentReference == bytes32(0)) revert DepositZeroReference();
    }

    function _checkAmountAndReference(uint256 amount, bytes32 ref) private pure {
        if (amount == 0) revert RailsZeroAmount();
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
