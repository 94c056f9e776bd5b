// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/**
 * @title MisbehavingEblReceiver
 * @notice Test-only eBL recipient (registered as a verified participant by the test) whose `onERC721Received` can be
 * set to refuse an eBL in every way a contract can: answer with the wrong selector, revert with no data, with a
 * reason string, with a custom error, or with a huge custom error (tens of kilobytes of revert data, which every
 * caller up the stack copies). When {Behaviour.Accept} it takes the eBL, so a test can show the honest path still
 * works afterwards.
 * @dev Never deployed outside tests. Anyone may set the behaviour. Gas-burning receivers are in a separate contract.
 */
contract MisbehavingEblReceiver is IERC721Receiver {
    /// @notice How {onERC721Received} answers.
    enum Behaviour {
        /// Returns the ERC-721 receiver selector.
        Accept,
        /// Returns the ERC-1155 single-receiver selector instead.
        WrongSelector,
        /// Reverts with no data.
        RevertEmpty,
        /// Reverts with `Error(string)`.
        RevertReason,
        /// Reverts with {MisbehavingEblReceiverRefused}.
        RevertCustomError,
        /// Reverts with {MisbehavingEblReceiverBlob} carrying {hugeRevertSize} bytes.
        RevertHuge
    }

    /// @notice The reason string of {Behaviour.RevertReason}.
    string public constant REVERT_REASON = "MisbehavingEblReceiver: no";
    /// @notice The selector returned under {Behaviour.WrongSelector}: `onERC1155Received(address,address,uint256,uint256,bytes)`.
    bytes4 public constant WRONG_SELECTOR = 0xf23a6e61;

    /// @notice How {onERC721Received} answers now.
    Behaviour public behaviour;
    /// @notice The length of the blob carried by {MisbehavingEblReceiverBlob}.
    uint256 public hugeRevertSize;

    /// @notice The error of {Behaviour.RevertCustomError}.
    /// @param tokenId The eBL refused.
    error MisbehavingEblReceiverRefused(uint256 tokenId);
    /// @notice The error of {Behaviour.RevertHuge}.
    /// @param blob {hugeRevertSize} zero bytes.
    error MisbehavingEblReceiverBlob(bytes blob);

    /**
     * @notice Sets how {onERC721Received} answers from now on.
     * @param newBehaviour The behaviour.
     * @param revertSize The blob length for {Behaviour.RevertHuge} (ignored otherwise).
     */
    function setBehaviour(Behaviour newBehaviour, uint256 revertSize) external {
        behaviour = newBehaviour;
        hugeRevertSize = revertSize;
    }

    /// @inheritdoc IERC721Receiver
    function onERC721Received(address, address, uint256 tokenId, bytes calldata) external view returns (bytes4) {
        Behaviour current = behaviour;
        if (current == Behaviour.WrongSelector) return WRONG_SELECTOR;
        if (current == Behaviour.RevertEmpty) {
            assembly ("memory-safe") {
                revert(0, 0)
            }
        }
        // The point of this behaviour is a revert with a reason string.
        // solhint-disable-next-line gas-custom-errors
        if (current == Behaviour.RevertReason) revert(REVERT_REASON);
        if (current == Behaviour.RevertCustomError) revert MisbehavingEblReceiverRefused(tokenId);
        if (current == Behaviour.RevertHuge) revert MisbehavingEblReceiverBlob(new bytes(hugeRevertSize));
        return IERC721Receiver.onERC721Received.selector;
    }
}
