// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {DepositRail} from "../../../contracts/settlement/rails/DepositRail.sol";
import {ICrossBankSettlement} from "../../../contracts/interfaces/ICrossBankSettlement.sol";
import {EscrowedDeals} from "../../../contracts/settlement/EscrowedDeals.sol";
import {SignedSettlement} from "../../../contracts/settlement/SignedSettlement.sol";
import {vm} from "./Vm.sol";

/**
 * @dev Deploys `artifact` ("path/File.sol:Name") from its Hardhat artifact with the ABI-encoded constructor `args`.
 * The settlement contracts are compiled with settings of their own (via IR; hardhat.config.ts), which a `new` in a
 * test would not get: the test file's compilation would embed another bytecode. Deploying the artifact tests the
 * bytecode that is deployed.
 */
function deployArtifact(string memory artifact, bytes memory args) returns (address deployed) {
    bytes memory code = bytes.concat(vm.getCode(artifact), args);
    assembly ("memory-safe") {
        deployed := create(0, add(code, 0x20), mload(code))
    }
    require(deployed != address(0), "deployArtifact: creation failed");
}

/// @dev The signed-settlement contract, from its artifact.
function deploySignedSettlement(address authority) returns (SignedSettlement) {
    return
        SignedSettlement(
            deployArtifact("contracts/settlement/SignedSettlement.sol:SignedSettlement", abi.encode(authority))
        );
}

/// @dev The escrowed-deals contract, from its artifact.
function deployEscrowedDeals(address authority) returns (EscrowedDeals) {
    return EscrowedDeals(deployArtifact("contracts/settlement/EscrowedDeals.sol:EscrowedDeals", abi.encode(authority)));
}

/// @dev The deposit rail serving `signed` and `escrow`, from its artifact.
function deployDepositRail(address authority, address signed, address escrow) returns (DepositRail) {
    return
        DepositRail(
            deployArtifact(
                "contracts/settlement/rails/DepositRail.sol:DepositRail",
                abi.encode(authority, signed, escrow)
            )
        );
}

/// @dev The cross-bank settlement contract, from its artifact (by its interface: its source needs the IR pipeline).
function deployCrossBankSettlement(address authority) returns (ICrossBankSettlement) {
    return
        ICrossBankSettlement(
            deployArtifact("contracts/settlement/CrossBankSettlement.sol:CrossBankSettlement", abi.encode(authority))
        );
}
