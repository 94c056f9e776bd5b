// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC3009, IERC3009Cancel} from "@openzeppelin/contracts/interfaces/draft-IERC3009.sol";

/**
 * @title IERC3009Signatures
 * @notice ERC-3009 (transfer with authorization) with the `bytes signature` overloads of USDC v2.2, so that smart
 * contract wallets (ERC-1271) can authorize payments as well as EOAs.
 * @dev The `(v, r, s)` functions of {IERC3009} and {IERC3009Cancel} stay available; both forms accept the same
 * EIP-712 messages and share one set of nonces.
 */
interface IERC3009Signatures is IERC3009, IERC3009Cancel {
    // The errors `ERC3009InvalidSignature()` and `ERC3009UsedAuthorization(authorizer, nonce)` are declared by
    // OpenZeppelin's `ERC3009`, which implementations extend.

    /// @notice `block.timestamp` is not yet after `validAfter`.
    error ERC3009AuthorizationNotYetValid(uint256 validAfter, uint256 nowTimestamp);
    /// @notice `block.timestamp` is no longer before `validBefore`.
    error ERC3009AuthorizationExpired(uint256 validBefore, uint256 nowTimestamp);
    /// @notice `receiveWithAuthorization` was called by someone other than the payee `to`.
    error ERC3009CallerNotPayee(address caller, address payee);

    /**
     * @notice Moves `value` from `from` to `to` on the strength of `from`'s signed authorization; anyone may submit it.
     * @param from The payer, who signed the authorization.
     * @param to The payee.
     * @param value Base units to move.
     * @param validAfter Unix time after which the authorization is valid (exclusive).
     * @param validBefore Unix time before which the authorization is valid (exclusive).
     * @param nonce The authorizer's unique random nonce for this authorization.
     * @param signature 65-byte ECDSA signature by `from`, or any signature `from`'s ERC-1271 wallet accepts.
     * @dev Emits {AuthorizationUsed} and {IERC20-Transfer}. Fails if not `validAfter < now < validBefore`, if the
     * nonce is used, or if the signature is wrong.
     */
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) external;

    /**
     * @notice Like {transferWithAuthorization}, but only the payee `to` may submit it, so that a contract that pulls a
     * payment (e.g. a settlement contract) cannot be front-run with the same authorization.
     * @param from The payer, who signed the authorization.
     * @param to The payee; must be the caller.
     * @param value Base units to move.
     * @param validAfter Unix time after which the authorization is valid (exclusive).
     * @param validBefore Unix time before which the authorization is valid (exclusive).
     * @param nonce The authorizer's unique random nonce for this authorization.
     * @param signature 65-byte ECDSA signature by `from`, or any signature `from`'s ERC-1271 wallet accepts.
     */
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) external;

    /**
     * @notice Cancels an unused authorization of `authorizer`: the nonce can never be used afterwards.
     * @param authorizer The account whose authorization is cancelled, and who signed the cancellation.
     * @param nonce The nonce of the authorization to cancel.
     * @param signature Signature by `authorizer` of `CancelAuthorization(authorizer, nonce)` (ECDSA or ERC-1271).
     * @dev Emits {AuthorizationCanceled}.
     */
    function cancelAuthorization(address authorizer, bytes32 nonce, bytes memory signature) external;
}
