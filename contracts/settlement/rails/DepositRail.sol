// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IRailsErrors} from "../../interfaces/IRailsErrors.sol";
import {DepositPayments} from "./DepositPayments.sol";
import {IPaymentRail} from "./IPaymentRail.sol";

/**
 * @title DepositRail
 * @notice The single-bank payment rail: the payer's tokenized deposit moves to the payee's account at the same bank,
 * in the same token, by the payer's allowance, EIP-2612 permit or EIP-3009 authorisation. See {IPaymentRail}.
 * @dev Payers approve this rail (not the settlement contracts), once for both ways of settling. It pays only when
 * one of the two settlement contracts it was deployed for asks: they check the payer's consent first. It holds
 * nothing between calls (an EIP-3009 payment arrives here and leaves in the same call), so it must be a verified
 * participant of the rails (kind SETTLEMENT) to receive it. A token's `true` is never taken at its word: the payee's
 * balance must grow by exactly the amount.
 */
contract DepositRail is IPaymentRail, IRailsErrors, AccessManaged {
    using SafeERC20 for IERC20;

    /// @notice The signed-settlement contract this rail pays for.
    address public immutable SIGNED_SETTLEMENT;
    /// @notice The escrowed-deals contract this rail pays into.
    address public immutable ESCROWED_DEALS;

    /**
     * @notice The admin sent away tokens that reached this rail outside a payment (a plain transfer).
     * @param token The token.
     * @param to The recipient.
     * @param amount The amount.
     */
    event StrayTokenRecovered(address indexed token, address indexed to, uint256 amount);

    /**
     * @notice Deploys the rail for two settlement contracts.
     * @param initialAuthority The rails' access manager (who may recover stray tokens).
     * @param signedSettlement The signed-settlement contract.
     * @param escrowedDeals The escrowed-deals contract.
     */
    constructor(
        address initialAuthority,
        address signedSettlement,
        address escrowedDeals
    ) AccessManaged(initialAuthority) {
        if (signedSettlement == address(0) || escrowedDeals == address(0)) revert RailsZeroAddress();
        SIGNED_SETTLEMENT = signedSettlement;
        ESCROWED_DEALS = escrowedDeals;
    }

    /// @inheritdoc IPaymentRail
    function pay(
        address token,
        address payer,
        address payee,
        uint256 amount,
        bytes32 paymentId,
        PaymentAuth calldata auth
    ) external {
        if (msg.sender != SIGNED_SETTLEMENT && msg.sender != ESCROWED_DEALS) revert RailUnauthorizedCaller(msg.sender);
        DepositPayments.pay(token, payer, payee, amount, paymentId, auth);
    }

    /**
     * @notice Sends away tokens that reached this rail outside a payment; the rail holds nothing of anyone's between
     * calls, so its whole balance is stray.
     * @param token The token.
     * @param to The recipient (normally whoever sent it by mistake).
     * @param amount The amount.
     */
    function recoverStrayToken(address token, address to, uint256 amount) external restricted {
        if (to == address(0)) revert RailsZeroAddress();
        IERC20(token).safeTransfer(to, amount);
        emit StrayTokenRecovered(token, to, amount);
    }
}
