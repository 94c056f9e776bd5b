// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {IERC3009, IERC3009Cancel} from "@openzeppelin/contracts/interfaces/draft-IERC3009.sol";
import {ERC3009} from "@openzeppelin/contracts/token/ERC20/extensions/draft-ERC3009.sol";

import {IERC3009Signatures} from "../interfaces/IERC3009Signatures.sol";
import {SignatureVerification} from "../utils/SignatureVerification.sol";

/**
 * @title ERC3009Authorization
 * @notice ERC-3009 transfer / receive / cancel with authorization, random `bytes32` nonces, timestamps only, and
 * signatures checked by {SignatureVerification} so that ERC-1271 wallets are accepted in both the `(v, r, s)` and the
 * `bytes signature` forms (as USDC v2.2 does).
 * @dev Built on OpenZeppelin's {ERC3009} (EIP-712 domain shared with {ERC20Permit}, nonce store, events). Changes:
 * - every signature goes through {SignatureVerification} (ECDSA, rejecting malleable `s`; else ERC-1271 for contracts);
 * - `validAfter` / `validBefore` are Unix timestamps only (OpenZeppelin's block-number mode is not used) and a failure
 *   says which bound was missed;
 * - `receiveWithAuthorization` by anyone but the payee fails with {ERC3009CallerNotPayee}.
 * The transfer itself goes through `_transfer`, hence through the token's `_update` and all of its rules.
 */
abstract contract ERC3009Authorization is ERC3009, IERC3009Signatures {
    /// @inheritdoc IERC3009Signatures
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) public virtual {
        _checkSignature(
            from,
            keccak256(
                abi.encode(TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce)
            ),
            signature
        );
        _transferWithAuthorization(from, to, value, validAfter, validBefore, nonce);
    }

    /**
     * @notice Same as the `bytes signature` form; ERC-1271 wallets may sign with a 65-byte signature here too.
     * @param from The payer, who signed the authorization.
     * @param to The payee.
     * @param value Base units to move.
     * @param validAfter Unix time after which the authorization is valid (exclusive).
     * @param validBefore Unix time before which the authorization is valid (exclusive).
     * @param nonce The authorizer's unique random nonce for this authorization.
     * @param v Recovery byte of `from`'s signature.
     * @param r First 32 bytes of `from`'s signature.
     * @param s Second 32 bytes of `from`'s signature.
     */
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) public virtual override(ERC3009, IERC3009) {
        transferWithAuthorization(from, to, value, validAfter, validBefore, nonce, abi.encodePacked(r, s, v));
    }

    /// @inheritdoc IERC3009Signatures
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) public virtual {
        if (to != _msgSender()) revert ERC3009CallerNotPayee(_msgSender(), to);
        _checkSignature(
            from,
            keccak256(abi.encode(RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce)),
            signature
        );
        _transferWithAuthorization(from, to, value, validAfter, validBefore, nonce);
    }

    /**
     * @notice Same as the `bytes signature` form; only the payee `to` may call it.
     * @param from The payer, who signed the authorization.
     * @param to The payee; must be the caller.
     * @param value Base units to move.
     * @param validAfter Unix time after which the authorization is valid (exclusive).
     * @param validBefore Unix time before which the authorization is valid (exclusive).
     * @param nonce The authorizer's unique random nonce for this authorization.
     * @param v Recovery byte of `from`'s signature.
     * @param r First 32 bytes of `from`'s signature.
     * @param s Second 32 bytes of `from`'s signature.
     */
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) public virtual override(ERC3009, IERC3009) {
        receiveWithAuthorization(from, to, value, validAfter, validBefore, nonce, abi.encodePacked(r, s, v));
    }

    /// @inheritdoc IERC3009Signatures
    function cancelAuthorization(address authorizer, bytes32 nonce, bytes memory signature) public virtual {
        _checkSignature(authorizer, keccak256(abi.encode(CANCEL_AUTHORIZATION_TYPEHASH, authorizer, nonce)), signature);
        _cancelAuthorization(authorizer, nonce);
    }

    /**
     * @notice Same as the `bytes signature` form.
     * @param authorizer The account whose authorization is cancelled, and who signed the cancellation.
     * @param nonce The nonce of the authorization to cancel.
     * @param v Recovery byte of `authorizer`'s signature.
     * @param r First 32 bytes of `authorizer`'s signature.
     * @param s Second 32 bytes of `authorizer`'s signature.
     */
    function cancelAuthorization(
        address authorizer,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) public virtual override(ERC3009, IERC3009Cancel) {
        cancelAuthorization(authorizer, nonce, abi.encodePacked(r, s, v));
    }

    /// @dev Timestamps only: valid strictly after `validAfter` and strictly before `validBefore` (as ERC-3009 says).
    function _checkValidity(uint256 validAfter, uint256 validBefore) internal view virtual override {
        if (block.timestamp <= validAfter) revert ERC3009AuthorizationNotYetValid(validAfter, block.timestamp);
        if (block.timestamp >= validBefore) revert ERC3009AuthorizationExpired(validBefore, block.timestamp);
    }

    /// @dev Reverts with {ERC3009InvalidSignature} unless `signer` signed the EIP-712 message of `structHash`.
    function _checkSignature(address signer, bytes32 structHash, bytes memory signature) internal view virtual {
        if (!SignatureVerification.isValidNow(signer, _hashTypedDataV4(structHash), signature)) {
            revert ERC3009InvalidSignature();
        }
    }
}
