// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IERC3009Signatures} from "../../interfaces/IERC3009Signatures.sol";
import {ITokenizedDeposit} from "../../interfaces/ITokenizedDeposit.sol";
import {IPaymentRail} from "./IPaymentRail.sol";

/**
 * @title DepositPayments
 * @notice One payment of a tokenized deposit from a payer to a payee, authorised by the payer's allowance, EIP-2612
 * permit or EIP-3009 authorisation ({IPaymentRail-PaymentAuth}): the body of {DepositRail-pay}, shared with the
 * trade-finance contracts that collect money themselves (trust receipts, payment obligations, credits).
 * @dev Runs in the calling contract: an allowance or permit must name the caller as spender, and an EIP-3009
 * authorisation must name it as payee (`receiveWithAuthorization` may only be submitted by its payee), so the
 * money passes through the caller, which must therefore be a verified participant that may hold deposits (kind
 * SETTLEMENT or CUSTODY). A token's `true` is never taken at its word: the payee's balance must grow by exactly
 * the amount.
 *
 * Payment reference: the payment to the payee carries `paymentId` (the settlement's id: the terms', deal's, credit's
 * or obligation's hash or number, which the payer consented to) as its reference, so the token emits
 * {ITokenizedDeposit-PaymentReference} with it and the bank's reconciliation matches the payment with the settlement
 * without reading the settlement contract. Nothing the payer signs changes. An EIP-3009 payment into the calling
 * contract itself (an escrow) carries none: the money only enters the contract's custody.
 */
library DepositPayments {
    using SafeERC20 for IERC20;

    /**
     * @dev Pays `amount` of `token` from `payer` to `payee`; reverts with {IPaymentRail-RailPaymentShortfall} unless
     * the payee receives exactly `amount`. `paymentId` binds an EIP-3009 authorisation to this payment: the nonce
     * the payer signed is `keccak256(abi.encode(paymentId, auth.nonce))`.
     */
    function pay(
        address token,
        address payer,
        address payee,
        uint256 amount,
        bytes32 paymentId,
        IPaymentRail.PaymentAuth memory auth
    ) internal {
        uint256 before = IERC20(token).balanceOf(payee);
        if (auth.method == IPaymentRail.PaymentMethod.Authorization) {
            // Only the payee of `receiveWithAuthorization` may submit it, so it pays this contract, and the money
            // leaves again at once.
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
            checkReceived(amount, held, IERC20(token).balanceOf(address(this)));
            if (payee == address(this)) return;
            _checkReturned(token, ITokenizedDeposit(token).transferWithReference(payee, amount, paymentId));
        } else {
            if (auth.method == IPaymentRail.PaymentMethod.Permit) {
                // A front-run permit leaves the allowance in place; transferFrom below is what must succeed.
                // solhint-disable no-empty-blocks
                try
                    ITokenizedDeposit(token).permit(payer, address(this), amount, auth.deadline, auth.signature)
                {} catch {}
                // solhint-enable no-empty-blocks
            }
            _checkReturned(token, ITokenizedDeposit(token).transferFromWithReference(payer, payee, amount, paymentId));
        }
        checkReceived(amount, before, IERC20(token).balanceOf(payee));
    }

    /// @dev A token that answers `false` is refused as SafeERC20 refuses it.
    function _checkReturned(address token, bool returned) private pure {
        if (!returned) revert SafeERC20.SafeERC20FailedOperation(token);
    }

    /// @dev Reverts with {IPaymentRail-RailPaymentShortfall} unless a balance grew from `before` to `current` by `amount`.
    function checkReceived(uint256 amount, uint256 before, uint256 current) internal pure {
        uint256 received = current > before ? current - before : 0;
        if (received != amount) revert IPaymentRail.RailPaymentShortfall(amount, received);
    }
}
