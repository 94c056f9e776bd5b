/**
 * Deploying the suite and handing its admin roles over, as functions shared by `scripts/deploy.ts`,
 * `scripts/handover.ts`, the demo and the tests.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { network } from "hardhat";

import { buildCargoRailsModule } from "../../ignition/modules/CargoRails.js";
import { ADMIN_ROLE, platformRoles } from "../../sdk/src/index.js";
import type { DeploymentPlan } from "../../ignition/plan.js";

type Connection = Awaited<ReturnType<typeof network.create>>;

/** The addresses of one deployment, by contract; deposits by currency. */
export interface CargoRailsDeployment {
  accessManager: string;
  participantRegistry: string;
  eblRegistry: string;
  signedSettlement: string;
  escrowedDeals: string;
  depositRail: string;
  interbankPayments: string;
  crossBankSettlement: string;
  /** The eBL gateway between chains (EblGateway). */
  eblGateway: string;
  /** The gateway to other eBL platforms, DCSA PINT (PlatformGateway). */
  platformGateway: string;
  /** The gateway's Hyperlane adapter, when the plan has `crossChain.hyperlane`. */
  hyperlaneTransport?: string;
  /** The trade document registry (TradeDocumentRegistry). */
  tradeDocumentRegistry: string;
  /** The settlement condition that requires trade documents (DocumentsCondition). */
  documentsCondition: string;
  /** The consent registry (ConsentRegistry). */
  consentRegistry: string;
  /** Import loans under trust receipts (TrustReceipts). */
  trustReceipts: string;
  /** Digital payment obligations, the accepted bills of D/A (PaymentObligations, ERC-721 "DPO"). */
  paymentObligations: string;
  /** Documents against acceptance (DocumentsAgainstAcceptance). */
  documentsAgainstAcceptance: string;
  /** The letters of credit (DocumentaryCredits). */
  documentaryCredits: string;
  deposits: Record<string, string>;
  /** The tokenized reserves (WholesaleReserve) by currency. */
  reserves: Record<string, string>;
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
  const reserves: Record<string, string> = {};
  for (const r of plan.reserves ?? []) {
    const future = (result as Record<string, { getAddress(): Promise<string> }>)[`reserve${r.currency}`];
    if (future === undefined) throw new Error(`the deployment has no reserves for ${r.currency}`);
    reserves[r.currency] = await future.getAddress();
  }
  return {
    accessManager: await result.accessManager.getAddress(),
    participantRegistry: await result.participantRegistry.getAddress(),
    eblRegistry: await result.eblRegistry.getAddress(),
    signedSettlement: await result.signedSettlement.getAddress(),
    escrowedDeals: await result.escrowedDeals.getAddress(),
    depositRail: await result.depositRail.getAddress(),
    interbankPayments: await result.interbankPayments.getAddress(),
    crossBankSettlement: await result.crossBankSettlement.getAddress(),
    eblGateway: await result.eblGateway.getAddress(),
    platformGateway: await result.platformGateway.getAddress(),
    tradeDocumentRegistry: await result.tradeDocumentRegistry.getAddress(),
    documentsCondition: await result.documentsCondition.getAddress(),
    consentRegistry: await result.consentRegistry.getAddress(),
    trustReceipts: await result.trustReceipts.getAddress(),
    paymentObligations: await result.paymentObligations.getAddress(),
    documentsAgainstAcceptance: await result.documentsAgainstAcceptance.getAddress(),
    documentaryCredits: await result.documentaryCredits.getAddress(),
    ...(plan.crossChain?.hyperlane === undefined
      ? {}
      : {
          hyperlaneTransport: await (
            result as unknown as Record<string, { getAddress(): Promise<string> }>
          ).hyperlaneTransport!.getAddress(),
        }),
    deposits,
    reserves,
  };
}

/** One step of the handover: a role granted to the planned admin, or renounced by the deployer. */
export interface HandoverStep {
  action: "grant" | "renounce";
  role: string;
  account: string;
}

/**
 * The handover, run by the deployer: grants the manager's ADMIN_ROLE to the planned admin (with the plan's
 * `adminDelay` as its execution delay), then renounces every role the deployer held to wire the deployment
 * (registrar, settlement admin, cross-chain admin, ADMIN_ROLE last, once the planned admin holds it). Idempotent: a role already
 * granted or renounced is skipped, so a re-run after an interruption finishes the job and a re-run after success
 * changes nothing.
 */
export async function handOver(
  connection: Connection,
  deployment: CargoRailsDeployment,
  plan: DeploymentPlan,
  deployer: HardhatEthersSigner,
): Promise<HandoverStep[]> {
  const manager = await connection.ethers.getContractAt("RailsAccessManager", deployment.accessManager, deployer);
  const steps: HandoverStep[] = [];
  const holds = async (role: bigint, account: string) => (await manager.hasRole(role, account))[0];
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (same(plan.admin, deployer.address)) return steps;
  if (!(await holds(ADMIN_ROLE, plan.admin))) {
    await (await manager.grantRole(ADMIN_ROLE, plan.admin, plan.adminDelay)).wait();
    steps.push({ action: "grant", role: "ADMIN", account: plan.admin });
  }
  const deployerRoles = [
    ...(same(plan.registrar, deployer.address) ? [] : [platformRoles.participants.REGISTRAR]),
    platformRoles.settlement.ADMIN,
    platformRoles.crossChain.ADMIN,
    { id: ADMIN_ROLE, label: "ADMIN" },
  ];
  for (const role of deployerRoles) {
    // ADMIN_ROLE last, and only once the planned admin holds it: the rails are never left without an admin.
    if (role.id === ADMIN_ROLE && !(await holds(ADMIN_ROLE, plan.admin))) break;
    if (!(await holds(role.id, deployer.address))) continue;
    await (await manager.renounceRole(role.id, deployer.address)).wait();
    steps.push({ action: "renounce", role: role.label, account: deployer.address });
  }
  return steps;
}
