// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title MaliciousPaymentToken
 * @notice Test-only hostile ERC-20 that an admin might allow by mistake as a payment token: it can take a fee on
 * every transfer (the recipient receives less than was sent) and can call back into a target on every transfer (to
 * try reentrancy), recording the outcome of the call back.
 * @dev Never deployed outside tests. Anyone may mint and configure it.
 */
contract MaliciousPaymentToken is ERC20 {
    /// @notice The fee taken on every transfer, in basis points of the amount (burned).
    uint256 public feeBps;
    /// @notice The contract called back on every transfer; zero for none.
    address public reentryTarget;
    /// @notice The calldata of the call back.
    bytes public reentryData;
    /// @notice How many call backs were attempted.
    uint256 public attempts;
    /// @notice Whether the last call back succeeded (it must not).
    bool public lastReentrySucceeded;
    /// @notice The revert data of the last refused call back.
    bytes public lastRevertData;

    bool private _inCallback;

    /// @notice Creates the token with no supply.
    constructor() ERC20("Malicious Dollar", "EVIL") {}

    /**
     * @notice Mints tokens to anyone.
     * @param to The recipient.
     * @param amount The amount.
     */
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /**
     * @notice Sets the fee taken on each transfer.
     * @param bps Basis points of the amount (at most 10 000).
     */
    function setFeeBps(uint256 bps) external {
        feeBps = bps;
    }

    /**
     * @notice Sets the call back made on every transfer.
     * @param target The contract to call back (zero: none).
     * @param data The calldata.
     */
    function setReentry(address target, bytes calldata data) external {
        reentryTarget = target;
        reentryData = data;
    }

    /// @dev Burns the fee out of every transfer, then tries the call back (once, not recursively).
    function _update(address from, address to, uint256 value) internal override {
        uint256 fee = from == address(0) || to == address(0) ? 0 : (value * feeBps) / 10_000;
        if (fee != 0) super._update(from, address(0), fee);
        super._update(from, to, value - fee);
        address target = reentryTarget;
        if (target != address(0) && !_inCallback && from != address(0)) {
            _inCallback = true;
            ++attempts;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory result) = target.call(reentryData);
            lastReentrySucceeded = ok;
            lastRevertData = ok ? bytes("") : result;
            _inCallback = false;
        }
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
