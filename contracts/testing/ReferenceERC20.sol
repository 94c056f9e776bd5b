// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/**
 * @title ReferenceERC20
 * @notice Test-only: OpenZeppelin's ERC-20 with EIP-2612 permit, unchanged, with an open mint and burn. The conformance
 * tests put it next to the tokenized deposit, in the same situation, and expect the same outcome wherever the
 * deposit's rules allow it.
 * @dev Never deployed outside tests: anyone can mint and burn.
 */
contract ReferenceERC20 is ERC20Permit {
    /// @notice Deploys a token with no supply.
    constructor() ERC20("Reference ERC-20", "REF20") ERC20Permit("Reference ERC-20") {}

    /**
     * @notice Creates `value` tokens for `to`, as OpenZeppelin's {ERC20-_mint}.
     * @param to The receiver.
     * @param value The amount.
     */
    function mint(address to, uint256 value) external {
        _mint(to, value);
    }

    /**
     * @notice Destroys `value` tokens of `from`, without allowance, as OpenZeppelin's {ERC20-_burn}.
     * @param from The holder.
     * @param value The amount.
     */
    function burn(address from, uint256 value) external {
        _burn(from, value);
    }
}
