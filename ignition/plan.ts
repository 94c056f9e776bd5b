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
  /**
   * The bank's participation in interbank payments for this token (InterbankPayments.setBankAccount, sent by the
   * issuer): needs the reserves of the token's currency among `reserves`. Omitted: the bank does not take part, and
   * the token has no cross-bank market.
   */
  interbank?: PlannedInterbankAccount;
}

/** A bank's interbank participation for one of its deposit tokens; amounts in base units as decimal strings. */
export interface PlannedInterbankAccount {
  /** How much may leave the bank through the interbank contract (deposits burned, reserves paid), at most 2^128 - 1. */
  outflowCapacity: string;
  /** How much may reach the bank through it (reserves received, deposits minted), at most 2^128 - 1. */
  inflowCapacity: string;
  /** Reserves the central bank issues to the bank at deployment ("0" for none). */
  initialReserves: string;
}

/** The tokenized reserves of one currency (WholesaleReserve), issued by its central bank to banks. */
export interface PlannedReserve {
  /** ISO 4217 code, e.g. "HKD"; names the reserves in the deployment ("WholesaleReserve_HKD"). */
  currency: string;
  name: string;
  symbol: string;
  /** 0..18; a deposit token settles in these reserves only with the same decimals. */
  decimals: number;
  /** The central bank (or settlement operator) that owns, issues and redeems them: a participant of kind "centralBank". */
  centralBank: string;
}

/** An FX dealer: a bank that quotes between the reserves' currencies and holds reserves in each. */
export interface PlannedFxDealer {
  /** The dealer's address: a participant of kind "bank". */
  account: string;
  /** Reserves issued to it at deployment, by currency, in base units as decimal strings. */
  reserves: Record<string, string>;
}

/**
 * The Hyperlane contracts of this chain the eBL gateway's adapter (HyperlaneTransport) uses: deployed beforehand, by
 * Hyperlane or by `deployHyperlaneCore` (scripts/lib/hyperlane/deploy.ts).
 */
export interface PlannedHyperlane {
  /** The chain's Hyperlane Mailbox (its local domain must be this chain's id: the adapter's constructor checks it). */
  mailbox: string;
  /** The interchain security module verifying incoming messages: a message-id multisig ISM of the validators. */
  ism: string;
}

/**
 * How the deployment's eBL gateway reaches other chains. The gateway (EblGateway) is deployed on every network; with
 * a transport planned here, the module also deploys the transport's adapter and sets it as the gateway's transport.
 * The other chains' adapters are enrolled afterwards (`enrollRemote`, CROSS-CHAIN ADMIN): see docs/deploying.md.
 */
export interface PlannedCrossChain {
  /** Hyperlane: the adapter HyperlaneTransport on this chain's Mailbox, verifying with `ism`. */
  hyperlane?: PlannedHyperlane;
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
  /**
   * The PINT service's keys, granted PINT OPERATOR on the platform gateway (no execution delay): they complete and
   * cancel exports to other eBL platforms and record eBLs arriving from them. None if omitted (the admin grants the
   * role later).
   */
  pintOperators?: string[];
  /** One tokenized deposit per entry. */
  deposits: PlannedDeposit[];
  /**
   * Tokenized reserves, one per currency (none if omitted). The module sends each central bank's admission of the
   * interbank contract and its issues from the central bank's account, and each bank's opt-in (`deposits[].interbank`)
   * from the bank's: on a network where the deployer cannot send as them, leave these out and let each institution
   * send its own transactions.
   */
  reserves?: PlannedReserve[];
  /** The FX dealer of interbank payments in two currencies (none if omitted). */
  fxDealer?: PlannedFxDealer;
  /**
   * The gateway's transport to other chains (none if omitted: the gateway is deployed without a transport, and
   * exports fail until the cross-chain admin sets one).
   */
  crossChain?: PlannedCrossChain;
}

export class DeploymentPlanError extends Error {
  override name = "DeploymentPlanError";
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
/** TokenizedDeposit.MAX_SUPPLY: no cap above it can be set (DepositSupplyCapAboveMaximum). */
export const MAX_DEPOSIT_SUPPLY = 2n ** 120n - 1n;
/** InterbankPayments keeps capacities as uint128. */
export const MAX_INTERBANK_CAPACITY = 2n ** 128n - 1n;

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
  need(
    plan.pintOperators === undefined || Array.isArray(plan.pintOperators),
    `${source}: pintOperators must be a list of addresses`,
  );
  (plan.pintOperators ?? []).forEach((a, i) => address(a, `pintOperators[${i}]`));
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
  const units = (value: unknown, field: string, max?: bigint) => {
    need(
      typeof value === "string" && /^\d+$/.test(value),
      `${source}: ${field} must be a decimal string of base units`,
    );
    if (max !== undefined) need(BigInt(value) <= max, `${source}: ${field} is above 2^128 - 1 (a uint128)`);
  };
  const reserves = new Map<string, PlannedReserve>();
  (plan.reserves ?? []).forEach((r, i) => {
    need(/^[A-Z]{3}$/.test(r.currency), `${source}: reserves[${i}].currency must be an ISO 4217 code`);
    need(!reserves.has(r.currency), `${source}: reserves[${i}]: one reserve per currency (${r.currency} twice)`);
    reserves.set(r.currency, r);
    need(Number.isInteger(r.decimals) && r.decimals >= 0 && r.decimals <= 18, `${source}: reserves[${i}].decimals`);
    need(typeof r.name === "string" && r.name !== "", `${source}: reserves[${i}].name is empty`);
    need(typeof r.symbol === "string" && r.symbol !== "", `${source}: reserves[${i}].symbol is empty`);
    address(r.centralBank, `reserves[${i}].centralBank`);
    need(
      hasKind(r.centralBank, "centralBank"),
      `${source}: reserves[${i}].centralBank is not a participant of kind "centralBank" (the reserves refuse another owner)`,
    );
  });
  plan.deposits.forEach((d, i) => {
    if (d.interbank === undefined) return;
    const reserve = reserves.get(d.currency);
    need(reserve !== undefined, `${source}: deposits[${i}].interbank needs reserves in ${d.currency} (none planned)`);
    need(
      reserve.decimals === d.decimals,
      `${source}: deposits[${i}].interbank: the ${d.currency} reserves have ${reserve.decimals} decimals, the deposit ${d.decimals} (InterbankReserveMismatch)`,
    );
    units(d.interbank.outflowCapacity, `deposits[${i}].interbank.outflowCapacity`, MAX_INTERBANK_CAPACITY);
    units(d.interbank.inflowCapacity, `deposits[${i}].interbank.inflowCapacity`, MAX_INTERBANK_CAPACITY);
    units(d.interbank.initialReserves, `deposits[${i}].interbank.initialReserves`);
  });
  if (plan.fxDealer !== undefined) {
    const dealer = plan.fxDealer;
    address(dealer.account, "fxDealer.account");
    need(hasKind(dealer.account, "bank"), `${source}: fxDealer.account is not a participant of kind "bank"`);
    const currencies = Object.keys(dealer.reserves ?? {});
    need(
      currencies.length >= 2,
      `${source}: fxDealer.reserves must name at least two currencies (a dealer gives one for another)`,
    );
    for (const currency of currencies) {
      need(reserves.has(currency), `${source}: fxDealer.reserves.${currency}: no reserves planned in ${currency}`);
      units(dealer.reserves[currency], `fxDealer.reserves.${currency}`);
    }
  }
  if (plan.crossChain !== undefined) {
    const crossChain = plan.crossChain as unknown;
    need(
      typeof crossChain === "object" && crossChain !== null && !Array.isArray(crossChain),
      `${source}: crossChain must be an object such as { "hyperlane": { "mailbox": ..., "ism": ... } }`,
    );
    for (const key of Object.keys(crossChain)) {
      need(key === "hyperlane", `${source}: crossChain.${key} is not a known transport (known: hyperlane)`);
    }
    const hyperlane = plan.crossChain.hyperlane as unknown;
    if (hyperlane !== undefined) {
      need(
        typeof hyperlane === "object" && hyperlane !== null,
        `${source}: crossChain.hyperlane must be an object with "mailbox" and "ism"`,
      );
      address((hyperlane as PlannedHyperlane).mailbox, "crossChain.hyperlane.mailbox");
      address((hyperlane as PlannedHyperlane).ism, "crossChain.hyperlane.ism");
    }
  }
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
