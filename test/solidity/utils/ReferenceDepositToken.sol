// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ReferenceERC20} from "../../../contracts/testing/ReferenceERC20.sol";

/**
 * @title ReferenceDepositToken
 * @notice Test-only: the honest token of the adversary walk. OpenZeppelin's ERC-20 with permit ({ReferenceERC20}) plus
 * the tokenized deposit's payments with a reference, which the deposit rail uses to pay the payee: the same rules as
 * `transfer` / `transferFrom`, then the deposit's `PaymentReference` event. No deposit rules (participants, freezes,
 * policies), so that the walk's honest leg fails only for what the adversaries do.
 */
contract ReferenceDepositToken is ReferenceERC20 {
    /**
     * @notice As the tokenized deposit's event: a payment carried `paymentReference`.
     * @param from The payer.
     * @param to The payee.
     * @param amount The amount.
     * @param paymentReference The reference (a settlement's id when the rail pays).
     */
    event PaymentReference(address indexed from, address indexed to, uint256 amount, bytes32 indexed paymentReference);

    /**
     * @notice {transfer} carrying `paymentReference`.
     * @param to The payee.
     * @param amount The amount.
     * @param paymentReference The reference.
     * @return True.
     */
    function transferWithReference(address to, uint256 amount, bytes32 paymentReference) external returns (bool) {
        transfer(to, amount);
        emit PaymentReference(msg.sender, to, amount, paymentReference);
        return true;
    }

    /**
     * @notice {transferFrom} carrying `paymentReference`.
     * @param from The payer, who gave the caller an allowance.
     * @param to The payee.
     * @param amount The amount.
     * @param paymentReference The reference.
     * @return True.
     */
    function transferFromWithReference(
        address from,
        address to,
        uint256 amount,
        bytes32 paymentReference
    ) external returns (bool) {
        transferFrom(from, to, amount);
        emit PaymentReference(from, to, amount, paymentReference);
        return true;
    }
}
