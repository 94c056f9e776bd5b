// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ParticipantKinds} from "../access/ParticipantKinds.sol";

/**
 * @title FaultyParticipantRegistry
 * @notice Test-only stand-in for the participant registry that answers the deposit token's questions and can be set
 * to fail the pair query of a transfer: revert with its own error, or answer with one word instead of two. It shows
 * what the token does when its registry misbehaves (the real registry never answers short).
 * @dev Never deployed outside tests. Anyone may set the fault. Every address is a verified trader (and a bank, so a
 * deposit token can be deployed against it).
 */
contract FaultyParticipantRegistry {
    /// @notice How {verifiedKindsOfPair} misbehaves.
    enum Fault {
        None,
        Revert,
        ShortAnswer
    }

    /// @notice The fault currently set.
    Fault public fault;

    /// @notice The error {verifiedKindsOfPair} reverts with under {Fault.Revert}.
    error RegistryUnavailable();

    /**
     * @notice Sets how {verifiedKindsOfPair} misbehaves from now on.
     * @param newFault The fault.
     */
    function setFault(Fault newFault) external {
        fault = newFault;
    }

    /**
     * @notice Every address is verified as every kind asked for.
     * @return Always true.
     */
    function isVerifiedAs(address, uint32) external pure returns (bool) {
        return true;
    }

    /**
     * @notice Every address is a verified trader and bank.
     * @return The kinds of every address.
     */
    function verifiedKinds(address) external pure returns (uint32) {
        return ParticipantKinds.TRADER | ParticipantKinds.BANK;
    }

    /**
     * @notice Both parties are verified traders and banks, unless a fault is set.
     * @return The kinds of the first party.
     * @return The kinds of the second party.
     */
    function verifiedKindsOfPair(address, address) external view returns (uint32, uint32) {
        Fault current = fault;
        if (current == Fault.Revert) revert RegistryUnavailable();
        if (current == Fault.ShortAnswer) {
            assembly ("memory-safe") {
                mstore(0x00, 4)
                return(0x00, 0x20)
            }
        }
        uint32 kinds = ParticipantKinds.TRADER | ParticipantKinds.BANK;
        return (kinds, kinds);
    }
}
