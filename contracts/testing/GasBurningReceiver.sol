// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/**
 * @title GasBurningReceiver
 * @notice Test-only attacker: an eBL recipient (registered as a verified participant by the test) whose
 * `onERC721Received` either burns every unit of gas it is given, or reverts with `revertBytes` bytes of payload (a
 * "return bomb", whose copying costs every caller up the stack). Either way the delivery fails; the question is what it
 * costs the rest of a batch.
 * @dev Never deployed outside tests.
 */
contract GasBurningReceiver is IERC721Receiver {
    /// @notice Zero: burn all gas; otherwise the length of the payload `onERC721Received` reverts with.
    uint256 public immutable revertBytes;

    /// @notice The return bomb: a revert whose payload is `revertBytes` long.
    error GasBurningReceiverBomb(bytes payload);

    /**
     * @notice Creates the receiver.
     * @param revertBytes_ Zero to burn all gas; otherwise the payload length of the revert.
     */
    constructor(uint256 revertBytes_) {
        revertBytes = revertBytes_;
    }

    /**
     * @notice Burns all gas, or reverts with a payload of `revertBytes` bytes (each 0xab).
     * @return Never returns.
     */
    function onERC721Received(address, address, uint256, bytes calldata) external view returns (bytes4) {
        uint256 size = revertBytes;
        if (size == 0) {
            // An endless loop (counting in scratch memory): the call ends when its gas does.
            assembly {
                for {} 1 {} {
                    mstore(0, add(mload(0), 1))
                }
            }
        }
        bytes memory payload = new bytes(size);
        for (uint256 i; i < size; i += 32) {
            assembly ("memory-safe") {
                mstore(
                    add(add(payload, 0x20), i),
                    not(0x5454545454545454545454545454545454545454545454545454545454545454)
                )
            }
        }
        revert GasBurningReceiverBomb(payload);
    }
}
