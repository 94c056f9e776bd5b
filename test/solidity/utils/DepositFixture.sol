// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantRegistry} from "../../../contracts/access/ParticipantRegistry.sol";
import {ParticipantKinds} from "../../../contracts/access/ParticipantKinds.sol";
import {TokenizedDeposit} from "../../../contracts/deposits/TokenizedDeposit.sol";
import {IParticipantRegistry} from "../../../contracts/interfaces/IParticipantRegistry.sol";
import {ITokenizedDeposit} from "../../../contracts/interfaces/ITokenizedDeposit.sol";
import {vm} from "./Vm.sol";

/**
 * @title DepositFixture
 * @notice Deploys a participant register and an HKD tokenized deposit (2 decimals, no cap) for the Solidity tests.
 * The deployer is registrar and token admin; `_grantAllRoles` gives an operator every operational role.
 */
abstract contract DepositFixture {
    ParticipantRegistry internal registry;
    TokenizedDeposit internal token;
    address internal constant BANK = address(0xBA4C);

    function _deploy(address operator) internal {
        _deploy();
        _grantAllRoles(operator);
    }

    function _deploy() internal {
        vm.warp(1_750_000_000);
        registry = new ParticipantRegistry(0, address(this), address(this));
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
                adminDelay: 0,
                admin: address(this)
            })
        );
    }

    function _grantAllRoles(address operator) internal {
        token.grantRole(token.MINTER_ROLE(), operator);
        token.grantRole(token.BURNER_ROLE(), operator);
        token.grantRole(token.PAUSER_ROLE(), operator);
        token.grantRole(token.FREEZER_ROLE(), operator);
        token.grantRole(token.COMPLIANCE_ROLE(), operator);
        token.grantRole(token.CAP_MANAGER_ROLE(), operator);
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
