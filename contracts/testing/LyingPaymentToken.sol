// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

import {ERC3009Authorization} from "../deposits/ERC3009Authorization.sol";

/**
 * @title LyingPaymentToken
 * @notice Test-only ERC-20 (with EIP-2612 and the project's EIP-3009) that an admin might allow by mistake as a payment
 * token, and that can be set to lie about what it moved: report success without moving anything, answer `false`
 * without moving anything, move the amount but report the recipient's balance grown by twice as much, or debit the
 * sender without crediting the recipient. {ledgerBalanceOf} tells the truth, for test ghost ledgers. The lie can
 * be limited to transfers out of one account (e.g. the settlement contract's payouts and refunds), so the other legs
 * of a test stay honest.
 * @dev Never deployed outside tests. Anyone may mint and set the lie. Signatures are checked for real (the
 * EIP-3009 code is the deposit token's).
 */
contract LyingPaymentToken is ERC20, ERC20Permit, ERC3009Authorization {
    /// @notice What the token lies about.
    enum Lie {
        /// No lie.
        None,
        /// `transfer`, `transferFrom` and EIP-3009 payments succeed (and return true) but move nothing.
        NoOpTransfer,
        /// `transfer` and `transferFrom` return false and move nothing.
        ReturnFalse,
        /// Transfers move the amount, but `balanceOf` of the recipient grows by twice the amount.
        InflatedBalance,
        /// Transfers succeed (and return true) and debit the sender, but credit nobody: the amount vanishes.
        DebitWithoutCredit
    }

    /// @notice The lie told now.
    Lie public lie;
    /// @notice Only transfers out of this account lie; zero: every transfer lies.
    address public liesOnlyFrom;

    /// @dev The part of each balance that `balanceOf` makes up.
    mapping(address account => uint256) private _phantom;

    /// @notice Creates the token with no supply.
    constructor() ERC20("Lying Dollar", "LIAR") ERC20Permit("Lying Dollar") {}

    /**
     * @notice Mints tokens to anyone (honestly).
     * @param to The recipient.
     * @param amount The amount.
     */
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /**
     * @notice Sets the lie from now on.
     * @param newLie The lie.
     * @param onlyFrom Lie only about transfers out of this account; zero for every transfer.
     */
    function setLie(Lie newLie, address onlyFrom) external {
        lie = newLie;
        liesOnlyFrom = onlyFrom;
    }

    /**
     * @notice The balance, including what {Lie.InflatedBalance} made up.
     * @param account The account.
     * @return The reported balance.
     */
    function balanceOf(address account) public view override returns (uint256) {
        return super.balanceOf(account) + _phantom[account];
    }

    /**
     * @notice The balance the token really holds for `account` (without what {Lie.InflatedBalance} made up).
     * @param account The account.
     * @return The true balance.
     */
    function ledgerBalanceOf(address account) external view returns (uint256) {
        return super.balanceOf(account);
    }

    /**
     * @notice ERC-20 transfer; under {Lie.ReturnFalse} returns false and moves nothing.
     * @param to The recipient.
     * @param value The amount.
     * @return Whether the transfer succeeded (a lie under {Lie.NoOpTransfer}).
     */
    function transfer(address to, uint256 value) public override returns (bool) {
        if (_lies(_msgSender(), Lie.ReturnFalse)) return false;
        return super.transfer(to, value);
    }

    /**
     * @notice ERC-20 transferFrom; under {Lie.ReturnFalse} returns false and moves nothing.
     * @param from The payer.
     * @param to The recipient.
     * @param value The amount.
     * @return Whether the transfer succeeded (a lie under {Lie.NoOpTransfer}).
     */
    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (_lies(from, Lie.ReturnFalse)) return false;
        return super.transferFrom(from, to, value);
    }

    /// @dev Movements between accounts lie as set; mints and burns never do.
    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) {
            if (_lies(from, Lie.NoOpTransfer)) return;
            if (_lies(from, Lie.InflatedBalance)) _phantom[to] += value;
            if (_lies(from, Lie.DebitWithoutCredit)) to = address(0);
        }
        super._update(from, to, value);
    }

    function _lies(address from, Lie kind) private view returns (bool) {
        address only = liesOnlyFrom;
        return lie == kind && (only == address(0) || only == from);
    }

    /**
     * @notice The deposit token's transfer with a payment reference (which this token does not record).
     * @param to The recipient.
     * @param value The amount.
     * @return What {transfer} returns.
     */
    function transferWithReference(address to, uint256 value, bytes32) external returns (bool) {
        return transfer(to, value);
    }

    /**
     * @notice The deposit token's transferFrom with a payment reference (which this token does not record).
     * @param from The payer.
     * @param to The recipient.
     * @param value The amount.
     * @return What {transferFrom} returns.
     */
    function transferFromWithReference(address from, address to, uint256 value, bytes32) external returns (bool) {
        return transferFrom(from, to, value);
    }
}
