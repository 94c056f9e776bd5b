// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/**
 * @title TestSmartAccount
 * @notice Test-only stand-in for a bank's smart account or a custody / settlement contract: it forwards calls from its
 * owner, validates ERC-1271 signatures made by its owner key, and accepts (or refuses) ERC-721 tokens.
 * @dev Never deployed outside tests.
 */
contract TestSmartAccount is IERC1271, IERC721Receiver {
    /// @notice The EOA whose signatures this account accepts and whose calls it forwards.
    address public immutable owner;
    /// @notice Whether `onERC721Received` accepts tokens.
    bool public acceptsTokens = true;
    /// @notice Optional call made from inside `onERC721Received` (to test reentrancy); empty means none.
    address public hookTarget;
    /// @notice Calldata of the call made from inside `onERC721Received`.
    bytes public hookData;

    /// @notice The forwarded call reverted; carries its revert data.
    error TestSmartAccountCallFailed(bytes data);
    /// @notice Only the owner may use the account.
    error TestSmartAccountNotOwner(address caller);

    /// @notice Creates an account controlled by `accountOwner`.
    /// @param accountOwner The controlling EOA.
    constructor(address accountOwner) {
        owner = accountOwner;
    }

    /**
     * @notice Forwards a call; bubbles up the revert data verbatim.
     * @param target The contract to call.
     * @param data The calldata.
     * @return result The call's return data.
     */
    function execute(address target, bytes calldata data) external returns (bytes memory result) {
        if (msg.sender != owner) revert TestSmartAccountNotOwner(msg.sender);
        bool ok;
        // A smart account forwards arbitrary calls by design.
        // solhint-disable-next-line avoid-low-level-calls
        (ok, result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
    }

    /**
     * @notice Switches acceptance of ERC-721 tokens.
     * @param accepts Whether `onERC721Received` accepts.
     */
    function setAcceptsTokens(bool accepts) external {
        acceptsTokens = accepts;
    }

    /**
     * @notice Sets a call to make when a token arrives.
     * @param target The contract to call (zero: none).
     * @param data The calldata.
     */
    function setHook(address target, bytes calldata data) external {
        hookTarget = target;
        hookData = data;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes memory signature) external view returns (bytes4) {
        (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && signer == owner ? IERC1271.isValidSignature.selector : bytes4(0);
    }

    /// @inheritdoc IERC721Receiver
    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        if (!acceptsTokens) return bytes4(0);
        if (hookTarget != address(0)) {
            // The hook exists to make arbitrary (reentrant) calls.
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory result) = hookTarget.call(hookData);
            if (!ok) revert TestSmartAccountCallFailed(result);
        }
        return IERC721Receiver.onERC721Received.selector;
    }
}
