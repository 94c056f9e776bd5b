// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IPaymentRail} from "../settlement/rails/IPaymentRail.sol";

/**
 * @title ShortPayingRail
 * @notice TEST ONLY. A broken or malicious payment rail that an admin routed a market to: it takes the whole amount
 * from the payer (by allowance) but passes on one base unit less, and reports success. Tests check that the
 * escrowed-deals contract measures what arrives instead of trusting the rail.
 */
contract ShortPayingRail is IPaymentRail {
    /// @inheritdoc IPaymentRail
    function pay(address token, address payer, address payee, uint256 amount, bytes32, PaymentAuth calldata) external {
        IERC20(token).transferFrom(payer, address(this), amount);
        IERC20(token).transfer(payee, amount - 1);
    }
}
