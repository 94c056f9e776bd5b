// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";

/**
 * @title GasBurningSigner
 * @notice Test-only attacker: a contract party (registered as a verified participant by the test) whose ERC-1271
 * `isValidSignature` burns every unit of gas it is given. OpenZeppelin's `SignatureChecker` (and so the settlement
 * contract's consent check) calls it with all the gas left.
 * @dev Never deployed outside tests.
 */
contract GasBurningSigner is IERC1271 {
    /**
     * @notice Burns all gas given to it.
     * @return Never returns.
     */
    function isValidSignature(bytes32, bytes memory) external pure returns (bytes4) {
        // An endless loop (counting in scratch memory): the call ends when its gas does.
        assembly {
            for {} 1 {} {
                mstore(0, add(mload(0), 1))
            }
        }
        return bytes4(0);
    }
}
