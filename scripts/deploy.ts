/**
 * Deploys the whole suite to the selected network from `ignition/parameters/<network>.json`:
 *
 *   npm run deploy -- --network sepolia
 *
 * The in-process network uses `localhost.json` (Hardhat's and anvil's development accounts); `CARGO_RAILS_PLAN=<name>`
 * picks another file (`ignition/parameters/<name>.json`). Addresses are written by Ignition to
 * `ignition/deployments/cargo-rails-<chainId>/deployed_addresses.json`, which the SDK reads with
 * `addressesFromIgnition` (`@cargo-rails/sdk/node`).
 */
import { existsSync } from "node:fs";

import { network } from "hardhat";

import { handoverCommand, loadDeploymentPlan, planNameFor } from "../ignition/plan.js";
import { deployCargoRails } from "./lib/deployment.js";

const connection = await network.create();
const planName = planNameFor(connection.networkName);
const plan = loadDeploymentPlan(planName);
const chainId = (await connection.ethers.provider.getNetwork()).chainId;

console.log(
  `Deploying Cargo Rails to ${connection.networkName} (chain ${chainId}) with ignition/parameters/${planName}.json`,
);
const deployment = await deployCargoRails(connection, plan, { displayUi: true });
console.log(JSON.stringify(deployment, null, 2));
const addressesFile = `ignition/deployments/cargo-rails-${chainId}/deployed_addresses.json`;
if (existsSync(addressesFile)) {
  console.log(`Addresses: ${addressesFile} (read it with addressesFromIgnition of @cargo-rails/sdk/node)`);
  console.log(
    `Next: \`${handoverCommand(connection.networkName, planName)}\` hands the access manager over to the planned admin.`,
  );
} else {
  console.log("The in-process network keeps no deployment files; use --network localhost (or a testnet) to keep one.");
}
