// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ParticipantRegistry} from "../../../contracts/access/ParticipantRegistry.sol";
import {RailsAccessManager} from "../../../contracts/access/RailsAccessManager.sol";
import {ParticipantKinds} from "../../../contracts/access/ParticipantKinds.sol";
import {BillOfLadingRegistry} from "../../../contracts/ebl/BillOfLadingRegistry.sol";
import {IBillOfLadingRegistry} from "../../../contracts/interfaces/IBillOfLadingRegistry.sol";
import {IParticipantRegistry} from "../../../contracts/interfaces/IParticipantRegistry.sol";
import {RailsRoles} from "./RailsRoles.sol";
import {vm} from "./Vm.sol";

/**
 * @title EblFixture
 * @notice Deploys a participant register and an eBL registry for the Solidity tests, with a verified carrier
 * (the eBL issuer role), shipper and consignee (traders). The deployer is the access manager's admin and registrar.
 */
abstract contract EblFixture {
    RailsAccessManager internal manager;
    ParticipantRegistry internal participants;
    BillOfLadingRegistry internal ebl;

    address internal constant CARRIER = address(0xC0);
    address internal constant SHIPPER = address(0x51);
    address internal constant CONSIGNEE = address(0xC1);
    bytes32 internal constant HASH = keccak256("transport document");

    function _deployEbl() internal {
        vm.warp(1_750_000_000);
        manager = new RailsAccessManager(address(this));
        participants = new ParticipantRegistry(address(manager));
        ebl = new BillOfLadingRegistry(participants, address(manager));
        RailsRoles.wire(manager, ebl);
        participants.register(CARRIER, _registration(ParticipantKinds.CARRIER, 3650 days));
        participants.register(SHIPPER, _registration(ParticipantKinds.TRADER, 3650 days));
        participants.register(CONSIGNEE, _registration(ParticipantKinds.TRADER, 3650 days));
        manager.grantRole(RailsRoles.EBL_ISSUER, CARRIER, 0);
    }

    function _registration(uint32 kinds, uint256 ttl) internal view returns (IParticipantRegistry.Registration memory) {
        return
            IParticipantRegistry.Registration({
                kinds: kinds,
                jurisdiction: "HK",
                validUntil: uint64(block.timestamp + ttl),
                kycReference: bytes32(0)
            });
    }

    /// @dev The carrier issues `ref` to `holder`: to order with title to the holder, or straight to the consignee.
    function _issue(string memory ref, IBillOfLadingRegistry.BillKind kind, address holder) internal returns (uint256) {
        vm.prank(CARRIER);
        return ebl.issue(holder, ref, kind, kind == IBillOfLadingRegistry.BillKind.Straight ? CONSIGNEE : holder, HASH);
    }
}
