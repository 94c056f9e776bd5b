import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Deploys the register of verified participants.
 *
 * Parameters (ignition/parameters/<network>.json, under "ParticipantRegistry"):
 * - `admin`: the default admin (defaults to the deployer).
 * - `registrar`: the first registrar (defaults to the deployer).
 * - `adminDelay`: seconds a new admin waits before accepting the role (default two days).
 */
export default buildModule("ParticipantRegistry", (m) => {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const registrar = m.getParameter("registrar", deployer);
  const adminDelay = m.getParameter("adminDelay", 2n * 24n * 60n * 60n);

  const participantRegistry = m.contract("ParticipantRegistry", [adminDelay, admin, registrar]);
  return { participantRegistry };
});
