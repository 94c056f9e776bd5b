// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title IERC4494
 * @notice Signature-based approval of a single ERC-721 token (ERC-4494): the owner signs an EIP-712 `Permit` off-chain
 * and anyone submits it.
 * @dev ERC-165 interface id 0x5604e225.
 */
interface IERC4494 {
    /**
     * @notice Approves `spender` for `tokenId` with the owner's signature instead of a transaction from the owner.
     * @param spender The account to approve.
     * @param tokenId The token.
     * @param deadline Unix time after which the signature is no longer accepted.
     * @param sig The owner's signature over the EIP-712 `Permit(address spender,uint256 tokenId,uint256 nonce,uint256 deadline)`:
     * a 65-byte ECDSA signature, or anything the owner's ERC-1271 contract accepts.
     */
    function permit(address spender, uint256 tokenId, uint256 deadline, bytes calldata sig) external;

    /**
     * @notice The nonce the next permit for `tokenId` must carry; it increases on every permit and every transfer.
     * @param tokenId The token.
     */
    function nonces(uint256 tokenId) external view returns (uint256);

    // solhint-disable-next-line func-name-mixedcase
    /// @notice The EIP-712 domain separator the permit signatures are bound to.
    function DOMAIN_SEPARATOR() external view returns (bytes32);
}
