/**
 * The deployment plan: what `ignition/parameters/<network>.json` says about one network's Cargo Rails deployment.
 * Read and checked at build time by {@link loadDeploymentPlan}, turned into an Ignition module by
 * `ignition/modules/CargoRails.ts`. Nothing in the modules is specific to one network.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { isAddress, zeroAddress } from "viem";

import { participantKinds, type ParticipantKind } from "../sdk/src/index.js";

export const PARAMETERS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "parameters");

/** Participant kinds by name, as the bit flags of contracts/access/ParticipantKinds.sol (the SDK's table). */
export const PARTICIPANT_KINDS = participantKinds;

export type ParticipantKindName = ParticipantKind;

export interface PlannedParticipant {
  /** The participant's address. */
  account: string;
  /** Its kinds, by name. */
  kinds: ParticipantKindName[];
  /** ISO 3166-1 alpha-2 code, e.g. "HK". */
  jurisdiction: string;
  /** Off-chain reference (LEI, hash of the KYC file) as bytes32 hex; zero if omitted. */
  kycReference?: string;
}

export interface PlannedDeposit {
  /** ISO 4217 code, e.g. "HKD"; also names the deposit in the deployment ("TokenizedDeposit_HKD", which the SDK maps to `deposits.HKD`). */
  currency: string;
  name: string;
  symbol: string;
  /** 0..18; fiat tokens commonly use 2. */
  decimals: number;
  /** The issuing bank: must be among `participants` with kind "bank". Gets every operational role of this token. */
  issuer: string;
  /** The bank's identifier (LEI or BIC) as bytes32 hex. */
  issuerId: string;
  /** Supply cap in base units as a decimal string; "0" for none. */
  supplyCap: string;
  /**
   * The bank's admin (its multisig): holds this token's admin role ("HKD ADMIN"), which grants, revokes and guards
   * the token's other roles, with `adminDelay`. Defaults to the plan's admin.
   */
  admin?: string;
}

export interface DeploymentPlan {
  /**
   * Execution delay (seconds) of the access manager's admin and of each bank's admin role: role grants and
   * revocations, and changes of a role's admin, are scheduled and run after it.
   */
  adminDelay: number;
  /** Execution delay (seconds) of the settlement admin: markets (`setMarket`) and the recovery of stray assets. */
  settlementAdminDelay: number;
  /** Seconds before a newly granted operational role takes effect (the role's grant delay). */
  grantDelay: number;
  /**
   * Seconds the manager's admin waits, at least, to reassign a contract's functions to other roles or point it at
   * another authority (the target admin delay). Like `grantDelay`, it takes effect five days after deployment
   * (OpenZeppelin's `minSetback`).
   */
  targetAdminDelay: number;
  /**
   * Final admin of the rails (the operator's multisig): gets the manager's ADMIN_ROLE (with `adminDelay`) and the
   * settlement admin role (with `settlementAdminDelay`); the deployer hands over to it.
   */
  admin: string;
  /** The platform operator's registrar (KYC/KYB desk). */
  registrar: string;
  /** Until when the planned participants' verifications run (ISO 8601 date). */
  verifiedUntil: string;
  /**
   * Participants registered at deployment; the two settlement contracts and the deposit rail are added automatically.
   */
  participants: PlannedParticipant[];
  /** Carriers granted the eBL issuer role (each must be a participant of kind "carrier"). */
  carriers: string[];
  /** Regulators / courts granted the eBL legal-hold role. */
  legalHold: string[];
  /** Accounts granted the pause roles of the eBL registry and of both settlement contracts (no execution delay). */
  pausers: string[];
  /** One tokenized deposit per entry. */
  deposits: PlannedDeposit[];
}

export class DeploymentPlanError extends Error {
  override name = "DeploymentPlanError";
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
/** TokenizedDeposit.MAX_SUPPLY: no cap above it can be set (DepositSupplyCapAboveMaximum). */
export const MAX_DEPOSIT_SUPPLY = 2n ** 120n - 1n;

function need(condition: unknown, message: string): asserts condition {
  if (!condition) throw new DeploymentPlanError(message);
}

/** Checks a plan; throws a {@link DeploymentPlanError} naming the first wrong field. */
export function checkDeploymentPlan(plan: DeploymentPlan, source = "plan"): DeploymentPlan {
  // Checked here rather than on chain, where a bad address would fail the deployment halfway: a mixed-case address
  // must carry a valid EIP-55 checksum, and the zero address is refused (nobody could accept an admin role there).
  const address = (value: unknown, field: string) =>
    need(
      typeof value === "string" && isAddress(value, { strict: true }) && value.toLowerCase() !== zeroAddress,
      `${source}: ${field} must be a non-zero address (EIP-55 checksum if mixed case), got ${String(value)}`,
    );
  for (const field of ["adminDelay", "settlementAdminDelay", "grantDelay", "targetAdminDelay"] as const) {
    // The manager keeps delays as uint32 seconds.
    const value = plan[field];
    need(Number.isInteger(value) && value >= 0 && value < 2 ** 32, `${source}: ${field} must be whole seconds`);
  }
  address(plan.admin, "admin");
  address(plan.registrar, "registrar");
  need(!Number.isNaN(Date.parse(plan.verifiedUntil)), `${source}: verifiedUntil must be an ISO 8601 date`);
  need(
    Date.parse(plan.verifiedUntil) > Date.now(),
    `${source}: verifiedUntil ${plan.verifiedUntil} is not in the future (the registry refuses a past expiry)`,
  );
  need(
    Array.isArray(plan.participants) && plan.participants.length > 0,
    `${source}: participants is empty; plan at least the issuing banks (the registry refuses an empty batch)`,
  );
  const kindsOf = new Map<string, Set<string>>();
  plan.participants.forEach((p, i) => {
    address(p.account, `participants[${i}].account`);
    need(/^[A-Z]{2}$/.test(p.jurisdiction), `${source}: participants[${i}].jurisdiction must be like "HK"`);
    need(p.kinds.length > 0, `${source}: participants[${i}].kinds is empty`);
    for (const k of p.kinds) need(k in PARTICIPANT_KINDS, `${source}: participants[${i}] has unknown kind "${k}"`);
    const custodian = p.kinds.filter((k) => k === "settlement" || k === "custody");
    need(
      custodian.length === 0 || custodian.length === p.kinds.length,
      `${source}: participants[${i}] combines ${custodian.join(" and ")} with another kind; a custodian kind stands alone (the registry refuses it)`,
    );
    if (p.kycReference !== undefined) need(BYTES32.test(p.kycReference), `${source}: participants[${i}].kycReference`);
    need(!kindsOf.has(p.account.toLowerCase()), `${source}: participants[${i}] is listed twice`);
    kindsOf.set(p.account.toLowerCase(), new Set(p.kinds));
  });
  const hasKind = (account: string, kind: ParticipantKindName) => kindsOf.get(account.toLowerCase())?.has(kind);
  plan.carriers.forEach((c, i) => {
    address(c, `carriers[${i}]`);
    need(hasKind(c, "carrier"), `${source}: carriers[${i}] is not a participant of kind "carrier"`);
  });
  plan.legalHold.forEach((a, i) => address(a, `legalHold[${i}]`));
  plan.pausers.forEach((a, i) => address(a, `pausers[${i}]`));
  const currencies = new Set<string>();
  plan.deposits.forEach((d, i) => {
    need(/^[A-Z]{3}$/.test(d.currency), `${source}: deposits[${i}].currency must be an ISO 4217 code`);
    need(!currencies.has(d.currency), `${source}: deposits[${i}]: one deposit per currency (${d.currency} twice)`);
    currencies.add(d.currency);
    need(Number.isInteger(d.decimals) && d.decimals >= 0 && d.decimals <= 18, `${source}: deposits[${i}].decimals`);
    address(d.issuer, `deposits[${i}].issuer`);
    need(hasKind(d.issuer, "bank"), `${source}: deposits[${i}].issuer is not a participant of kind "bank"`);
    need(BYTES32.test(d.issuerId), `${source}: deposits[${i}].issuerId must be bytes32 hex`);
    need(/^\d+$/.test(d.supplyCap), `${source}: deposits[${i}].supplyCap must be a decimal string of base units`);
    need(
      BigInt(d.supplyCap) <= MAX_DEPOSIT_SUPPLY,
      `${source}: deposits[${i}].supplyCap is above the token's MAX_SUPPLY (2^120 - 1 base units)`,
    );
    if (d.admin !== undefined) address(d.admin, `deposits[${i}].admin`);
  });
  return plan;
}

/**
 * The plan a deployment script uses on a network: `CARGO_RAILS_PLAN` when set, otherwise the network's name
 * (`localhost` for the in-process network, called `default`).
 */
export function planNameFor(
  networkName: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  return env.CARGO_RAILS_PLAN ?? (networkName === "default" ? "localhost" : networkName);
}

/**
 * The command that hands a deployment's admin roles over, naming the plan it was deployed with when the handover
 * would not find it by itself (a `CARGO_RAILS_PLAN` other than the network's name).
 */
export function handoverCommand(networkName: string, planName: string): string {
  const command = `npm run handover -- --network ${networkName}`;
  return planNameFor(networkName, {}) === planName ? command : `CARGO_RAILS_PLAN=${planName} ${command}`;
}

/** Reads `ignition/parameters/<network>.json` (section "CargoRails") and checks it. */
export function loadDeploymentPlan(network: string, dir = PARAMETERS_DIR): DeploymentPlan {
  const file = path.join(dir, `${network}.json`);
  let parsed: { CargoRails?: DeploymentPlan };
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DeploymentPlanError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (parsed.CargoRails === undefined) throw new DeploymentPlanError(`${file} has no "CargoRails" section`);
  return checkDeploymentPlan(parsed.CargoRails, path.relative(process.cwd(), file));
}
