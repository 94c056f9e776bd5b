// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantRegistry} from "../../../contracts/access/ParticipantRegistry.sol";
import {RailsAccessManager} from "../../../contracts/access/RailsAccessManager.sol";
import {ParticipantKinds} from "../../../contracts/access/ParticipantKinds.sol";
import {TokenizedDeposit} from "../../../contracts/deposits/TokenizedDeposit.sol";
import {IParticipantRegistry} from "../../../contracts/interfaces/IParticipantRegistry.sol";
import {ITokenizedDeposit} from "../../../contracts/interfaces/ITokenizedDeposit.sol";
import {RailsRoles} from "./RailsRoles.sol";
import {vm} from "./Vm.sol";

/**
 * @title DepositFixture
 * @notice Deploys a participant register and an HKD tokenized deposit (2 decimals, no cap) for the Solidity tests.
 * The deployer is the access manager's admin (which may call the register's functions, never wired here);
 * `_grantAllRoles` gives an operator every operational role of the token.
 */
abstract contract DepositFixture {
    RailsAccessManager internal manager;
    ParticipantRegistry internal registry;
    TokenizedDeposit internal token;
    address internal constant BANK = address(0xBA4C);

    function _deploy(address operator) internal {
        _deploy();
        _grantAllRoles(operator);
    }

    function _deploy() internal {
        vm.warp(1_750_000_000);
        manager = new RailsAccessManager(address(this));
        registry = new ParticipantRegistry(address(manager));
        _register(BANK, ParticipantKinds.BANK);
        token = new TokenizedDeposit(
            ITokenizedDeposit.Config({
                name: "Bank of Cargo HKD Deposit",
                symbol: "bcHKD",
                decimals: 2,
                currency: "HKD",
                registry: registry,
                issuer: BANK,
                issuerId: bytes32("LEI:5493001KJTIIGC8Y1R12"),
                supplyCap: 0,
                authority: address(manager)
            })
        );
        RailsRoles.wire(manager, token);
    }

    function _grantAllRoles(address operator) internal {
        for (uint64 role = RailsRoles.MINTER; role <= RailsRoles.SANCTIONS; ++role) {
            manager.grantRole(RailsRoles.deposit("HKD", role), operator, 0);
        }
    }

    function _register(address account, uint32 kinds) internal {
        registry.register(
            account,
            IParticipantRegistry.Registration({
                kinds: kinds,
                jurisdiction: "HK",
                validUntil: uint64(block.timestamp + 3650 days),
                kycReference: keccak256(abi.encode(account))
            })
        );
    }
}
