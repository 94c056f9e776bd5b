// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IERC3009Signatures} from "../../interfaces/IERC3009Signatures.sol";
import {IRailsErrors} from "../../interfaces/IRailsErrors.sol";
import {ITokenizedDeposit} from "../../interfaces/ITokenizedDeposit.sol";
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
        uint256 before = IERC20(token).balanceOf(payee);
        if (auth.method == PaymentMethod.Authorization) {
            // Only the payee of `receiveWithAuthorization` may submit it, so it pays this rail, which cannot be called
            // outside a settlement; the money leaves again at once.
            uint256 held = IERC20(token).balanceOf(address(this));
            IERC3009Signatures(token).receiveWithAuthorization(
                payer,
                address(this),
                amount,
                auth.validAfter,
                auth.deadline,
                keccak256(abi.encode(paymentId, auth.nonce)),
                auth.signature
            );
            _checkReceived(amount, held, IERC20(token).balanceOf(address(this)));
            IERC20(token).safeTransfer(payee, amount);
        } else {
            if (auth.method == PaymentMethod.Permit) {
                // A front-run permit leaves the allowance in place; transferFrom below is what must succeed.
                // solhint-disable no-empty-blocks
                try
                    ITokenizedDeposit(token).permit(payer, address(this), amount, auth.deadline, auth.signature)
                {} catch {}
                // solhint-enable no-empty-blocks
            }
            IERC20(token).safeTransferFrom(payer, payee, amount);
        }
        _checkReceived(amount, before, IERC20(token).balanceOf(payee));
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

    function _checkReceived(uint256 amount, uint256 before, uint256 current) private pure {
        uint256 received = current > before ? current - before : 0;
        if (received != amount) revert RailPaymentShortfall(amount, received);
    }
}
