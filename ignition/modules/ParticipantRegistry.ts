import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { platformRoles, functionRoles } from "../../sdk/src/index.js";

/**
 * Deploys the register of verified participants under its own access manager (a register used without the rest of
 * the rails), the deployer its admin: the registrar role may call the register's functions. The deployer hands the
 * manager over like scripts/handover.ts does (grant ADMIN_ROLE to the new admin, then renounce).
 *
 * Parameters (ignition/parameters/<network>.json, under "ParticipantRegistry"):
 * - `registrar`: the first registrar (defaults to the deployer).
 */
export default buildModule("ParticipantRegistry", (m) => {
  const deployer = m.getAccount(0);
  const registrar = m.getParameter("registrar", deployer);

  const accessManager = m.contract("RailsAccessManager", [deployer]);
  const participantRegistry = m.contract("ParticipantRegistry", [accessManager]);
  const [line] = functionRoles("participants");
  m.call(accessManager, "setTargetFunctionRole", [participantRegistry, line!.selectors, line!.roleId]);
  m.call(accessManager, "labelRole", [platformRoles.participants.REGISTRAR.id, line!.label]);
  m.call(accessManager, "grantRole", [platformRoles.participants.REGISTRAR.id, registrar, 0]);
  return { accessManager, participantRegistry };
});
