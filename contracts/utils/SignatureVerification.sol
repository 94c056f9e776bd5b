// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/**
 * @title SignatureVerification
 * @notice Checks that `signer` signed `hash`: by ECDSA for a key, or by ERC-1271 for a contract account.
 * @dev Differs from OpenZeppelin's {SignatureChecker-isValidSignatureNow} only in the order of the checks: it
 * tries ECDSA recovery first and asks the account (ERC-1271) only when the recovered address is not `signer`.
 * OpenZeppelin first reads `signer.code.length`, which costs 2 600 gas for an account the transaction has not touched
 * yet (EIP-2929): the typical case for a party that signed off-chain and is not the submitter. Recovering `signer`
 * proves that the holder of its key signed, which is consent whether or not the address also has code (an EIP-7702
 * delegated account): the key controls that account anyway. A contract without a key cannot be recovered (that would
 * need a keccak-256 preimage), so contracts are still judged by their own `isValidSignature`. Malleable (high-s)
 * signatures are rejected by OpenZeppelin's {ECDSA}.
 *
 * The ERC-1271 call gets all the gas left, as in OpenZeppelin. A cap low enough to matter would refuse legitimate
 * smart accounts whose check is expensive, and a capped call needs its own 63/64 check, or a caller sending too little
 * gas could make a valid contract signature look invalid. Callers that must bound a party's gas do it around the
 * whole operation (the settlement contract's batch items, docs/gas.md).
 */
library SignatureVerification {
    /**
     * @notice Whether `signature` is `signer`'s signature of `hash` now (ECDSA, else ERC-1271).
     * @param signer The account whose consent is checked.
     * @param hash The signed digest (EIP-712).
     * @param signature A 65-byte ECDSA signature (r, s, v), or whatever `signer`'s ERC-1271 implementation accepts.
     * @return True when the signature is valid for `signer`.
     */
    function isValidNowCalldata(address signer, bytes32 hash, bytes calldata signature) internal view returns (bool) {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(hash, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return true;
        // An account without code answers the static call with no data, which OpenZeppelin reads as `false`.
        return SignatureChecker.isValidERC1271SignatureNowCalldata(signer, hash, signature);
    }

    /**
     * @notice {isValidNowCalldata} for a signature in memory (e.g. assembled from `v`, `r`, `s`).
     * @param signer The account whose consent is checked.
     * @param hash The signed digest (EIP-712).
     * @param signature A 65-byte ECDSA signature (r, s, v), or whatever `signer`'s ERC-1271 implementation accepts.
     * @return True when the signature is valid for `signer`.
     */
    function isValidNow(address signer, bytes32 hash, bytes memory signature) internal view returns (bool) {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(hash, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return true;
        return SignatureChecker.isValidERC1271SignatureNow(signer, hash, signature);
    }
}
