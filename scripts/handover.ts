/**
 * Hands the rails' access manager from the deployer to the admin of the plan:
 *
 *   npm run handover -- --network sepolia
 *
 * The deployer grants the manager's ADMIN_ROLE to the planned admin (its calls then wait the plan's `adminDelay`:
 * they are scheduled, then executed), and renounces the roles it held to wire the deployment: registrar, settlement
 * admin, cross-chain admin (enrol the other chains' adapters before: docs/deploying.md, "Across chains"), and
 * ADMIN_ROLE itself. Safe to run again: what is done is skipped.
 */
import { network } from "hardhat";

import { loadDeploymentPlan, planNameFor } from "../ignition/plan.js";
import { deployCargoRails, handOver } from "./lib/deployment.js";

const connection = await network.create();
const planName = planNameFor(connection.networkName);
const plan = loadDeploymentPlan(planName);
const [deployer] = await connection.ethers.getSigners();

// Re-running the deployment is a no-op once it completed; it yields the addresses.
const deployment = await deployCargoRails(connection, plan);
const steps = await handOver(connection, deployment, plan, deployer!);
for (const step of steps) console.log(`${step.action} ${step.role}: ${step.account}`);
if (steps.length === 0) console.log("Nothing to hand over: the planned admin holds ADMIN_ROLE and the deployer none.");
console.log(
  `The access manager (${deployment.accessManager}) is administered by ${plan.admin}, with a ${plan.adminDelay} s delay.`,
);
