/**
 * Deploying the suite and handing its admin roles over, as functions shared by `scripts/deploy.ts`,
 * `scripts/handover.ts`, the demo and the tests.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { network } from "hardhat";

import { buildCargoRailsModule } from "../../ignition/modules/CargoRails.js";
import type { DeploymentPlan } from "../../ignition/plan.js";

type Connection = Awaited<ReturnType<typeof network.create>>;

/** The addresses of one deployment, by contract; deposits by currency. */
export interface CargoRailsDeployment {
  participantRegistry: string;
  eblRegistry: string;
  settlement: string;
  deposits: Record<string, string>;
}

/**
 * Deploys (or resumes deploying) the whole suite with Hardhat Ignition. The deployment id is stable per chain, so a
 * re-run after an interruption continues where it stopped and a re-run after success changes nothing.
 */
export async function deployCargoRails(
  connection: Connection,
  plan: DeploymentPlan,
  options: { deploymentId?: string; displayUi?: boolean } = {},
): Promise<CargoRailsDeployment> {
  const chainId = (await connection.ethers.provider.getNetwork()).chainId;
  const result = await connection.ignition.deploy(buildCargoRailsModule(plan), {
    deploymentId: options.deploymentId ?? `cargo-rails-${chainId}`,
    displayUi: options.displayUi ?? false,
  });
  const deposits: Record<string, string> = {};
  for (const d of plan.deposits) {
    const future = (result as Record<string, { getAddress(): Promise<string> }>)[`deposit${d.currency}`];
    if (future === undefined) throw new Error(`the deployment has no deposit token for ${d.currency}`);
    deposits[d.currency] = await future.getAddress();
  }
  return {
    participantRegistry: await result.participantRegistry.getAddress(),
    eblRegistry: await result.eblRegistry.getAddress(),
    settlement: await result.settlement.getAddress(),
    deposits,
  };
}

/** One contract whose default admin moves from the deployer to its planned admin. */
export interface HandoverStep {
  contract: string;
  address: string;
  to: string;
}

/** Which admin each contract of a deployment goes to: the plan's admin, or a deposit's own bank admin. */
export function handoverSteps(deployment: CargoRailsDeployment, plan: DeploymentPlan): HandoverStep[] {
  return [
    { contract: "ParticipantRegistry", address: deployment.participantRegistry, to: plan.admin },
    { contract: "BillOfLadingRegistry", address: deployment.eblRegistry, to: plan.admin },
    { contract: "DeliveryVersusPayment", address: deployment.settlement, to: plan.admin },
    ...plan.deposits.map((d) => ({
      contract: `TokenizedDeposit ${d.currency}`,
      address: deployment.deposits[d.currency]!,
      to: d.admin ?? plan.admin,
    })),
  ];
}

/**
 * First half of the handover, run by the deployer: starts the two-step transfer of every default admin role to its
 * planned admin, and renounces the registrar role it held to wire the deployment (the planned registrar already
 * has its own). The planned admins complete it with {@link acceptHandover} once the admin delay has passed.
 * Idempotent: steps already started or done are skipped.
 */
export async function beginHandover(
  connection: Connection,
  deployment: CargoRailsDeployment,
  plan: DeploymentPlan,
  deployer: HardhatEthersSigner,
): Promise<HandoverStep[]> {
  const { ethers } = connection;
  const started: HandoverStep[] = [];
  for (const step of handoverSteps(deployment, plan)) {
    if (step.to.toLowerCase() === deployer.address.toLowerCase()) continue;
    const contract = await ethers.getContractAt("ParticipantRegistry", step.address, deployer); // same admin ABI
    const [pending] = await contract.pendingDefaultAdmin();
    // compared without case: a plan may spell addresses in lower case, and starting again would reset the delay
    const admin = await contract.defaultAdmin();
    if (admin.toLowerCase() !== deployer.address.toLowerCase() || pending.toLowerCase() === step.to.toLowerCase()) {
      continue;
    }
    await (await contract.beginDefaultAdminTransfer(step.to)).wait();
    started.push(step);
  }
  const registry = await ethers.getContractAt("ParticipantRegistry", deployment.participantRegistry, deployer);
  const registrar = await registry.REGISTRAR_ROLE();
  if (
    plan.registrar.toLowerCase() !== deployer.address.toLowerCase() &&
    (await registry.hasRole(registrar, deployer.address))
  ) {
    await (await registry.renounceRole(registrar, deployer.address)).wait();
  }
  return started;
}

/** Second half, run by each planned admin after the delay: accepts the default admin role of its contracts. */
export async function acceptHandover(
  connection: Connection,
  deployment: CargoRailsDeployment,
  plan: DeploymentPlan,
  admin: HardhatEthersSigner,
): Promise<HandoverStep[]> {
  const accepted: HandoverStep[] = [];
  for (const step of handoverSteps(deployment, plan)) {
    if (step.to.toLowerCase() !== admin.address.toLowerCase()) continue;
    const contract = await connection.ethers.getContractAt("ParticipantRegistry", step.address, admin);
    const [pending] = await contract.pendingDefaultAdmin();
    if (pending !== admin.address) continue;
    await (await contract.acceptDefaultAdminTransfer()).wait();
    accepted.push(step);
  }
  return accepted;
}
