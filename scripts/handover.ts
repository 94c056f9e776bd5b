/**
 * Hands every admin role of a deployment from the deployer to the admins of the plan, in two steps:
 *
 *   npm run handover -- --network sepolia      # the deployer starts the transfers and renounces its registrar role
 *   (after the admin delay, each planned admin calls acceptDefaultAdminTransfer() from its multisig)
 *
 * On a network whose accounts include the planned admins (local development), `CARGO_RAILS_ACCEPT=1` also accepts.
 */
import { network } from "hardhat";

import { loadDeploymentPlan, planNameFor } from "../ignition/plan.js";
import { acceptHandover, beginHandover, deployCargoRails } from "./lib/deployment.js";

const connection = await network.create();
const planName = planNameFor(connection.networkName);
const plan = loadDeploymentPlan(planName);
const [deployer] = await connection.ethers.getSigners();

// Re-running the deployment is a no-op once it completed; it yields the addresses.
const deployment = await deployCargoRails(connection, plan);
const started = await beginHandover(connection, deployment, plan, deployer!);
for (const step of started) console.log(`${step.contract} (${step.address}): admin transfer to ${step.to} started`);
console.log(`The new admins accept after ${plan.adminDelay} s with acceptDefaultAdminTransfer().`);

if (process.env.CARGO_RAILS_ACCEPT === "1") {
  await connection.networkHelpers?.time.increase(plan.adminDelay + 1);
  const signers = await connection.ethers.getSigners();
  for (const admin of new Set([plan.admin, ...plan.deposits.map((d) => d.admin ?? plan.admin)])) {
    const signer = signers.find((s) => s.address.toLowerCase() === admin.toLowerCase());
    if (signer === undefined) continue;
    for (const step of await acceptHandover(connection, deployment, plan, signer)) {
      console.log(`${step.contract}: accepted by ${admin}`);
    }
  }
}
