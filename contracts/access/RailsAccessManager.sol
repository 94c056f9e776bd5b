// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";

/**
 * @title RailsAccessManager
 * @notice The one authority for the rails' permissions: OpenZeppelin's {AccessManager}, unchanged. The participant
 * registry, the eBL registry, the settlement contract and every deposit token ask it, through `restricted`, who may
 * call their operational functions.
 * @dev A deployable copy of OpenZeppelin's AccessManager so that Hardhat Ignition and the tests have an artifact to
 * deploy; it adds nothing. Roles, their members, admins, guardians and execution delays are set by the deployment
 * plan (ignition/modules/CargoRails.ts); see docs/architecture.md, "Role model".
 */
contract RailsAccessManager is AccessManager {
    /**
     * @notice Deploys the manager with `initialAdmin` as the only member of `ADMIN_ROLE`.
     * @param initialAdmin The first admin (the deployer, which hands over with scripts/handover.ts).
     */
    constructor(address initialAdmin) AccessManager(initialAdmin) {}
}
