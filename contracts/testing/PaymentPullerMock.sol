// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

import {IERC3009Signatures} from "../interfaces/IERC3009Signatures.sol";

/**
 * @title PaymentPullerMock
 * @notice Test-only stand-in for the settlement contract: pulls a payment from a payer to itself in one transaction,
 * either with an EIP-3009 `receiveWithAuthorization` or with an EIP-2612 `permit` followed by `transferFrom`.
 * @dev Not for deployment.
 */
contract PaymentPullerMock {
    /**
     * @notice Pulls `value` from `from` with `from`'s ERC-3009 receive authorization for this contract.
     * @param token The deposit token to pull.
     * @param from The payer, who signed the authorization with this contract as payee.
     * @param value Base units to pull.
     * @param validAfter Unix time after which the authorization is valid (exclusive).
     * @param validBefore Unix time before which the authorization is valid (exclusive).
     * @param nonce The payer's random nonce for this authorization.
     * @param signature The payer's signature (65-byte ECDSA or ERC-1271 data).
     */
    function pullWithAuthorization(
        IERC3009Signatures token,
        address from,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external {
        token.receiveWithAuthorization(from, address(this), value, validAfter, validBefore, nonce, signature);
    }

    /**
     * @notice Pulls `value` from `owner` with `owner`'s EIP-2612 permit for this contract, then `transferFrom`.
     * @param token The ERC-20 token with permit to pull.
     * @param owner The payer, who signed the permit with this contract as spender.
     * @param value Base units to permit and pull.
     * @param deadline Timestamp after which the permit signature is no longer accepted.
     * @param v Recovery byte of `owner`'s permit signature.
     * @param r First 32 bytes of `owner`'s permit signature.
     * @param s Second 32 bytes of `owner`'s permit signature.
     */
    function pullWithPermit(
        address token,
        address owner,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        IERC20Permit(token).permit(owner, address(this), value, deadline, v, r, s);
        IERC20(token).transferFrom(owner, address(this), value);
    }
}
