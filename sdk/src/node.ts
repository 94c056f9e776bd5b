/**
 * @packageDocumentation
 * `@cargo-rails/sdk/node`: what needs Node.js (the file system), kept out of the core entry so that it bundles for
 * browsers.
 */

import { readFile, stat } from "node:fs/promises";

import { type Address } from "viem";

import { type CargoRailsAddresses } from "./addresses.js";
import { CargoRailsError } from "./errors.js";
import { assertAddress } from "./guards.js";

/** Where each address comes from in an Ignition deployment: the contract's future id (after `#`). */
const IGNITION_IDS = {
  participantRegistry: "ParticipantRegistry",
  accessManager: "RailsAccessManager",
  eblRegistry: "BillOfLadingRegistry",
  eblLens: "EblLens",
  signedSettlement: "SignedSettlement",
  escrowedDeals: "EscrowedDeals",
  depositRail: "DepositRail",
  /** Deposits: `TokenizedDeposit_<LABEL>`, e.g. `TokenizedDeposit_HKD` → `deposits.HKD`. */
  depositPrefix: "TokenizedDeposit_",
} as const;

/** An Ignition deployment's addresses could not be read or lack a contract the SDK needs. */
export class IgnitionAddressesError extends CargoRailsError {
  override name = "IgnitionAddressesError";

  constructor(shortMessage: string, details?: string) {
    super(shortMessage, {
      details,
      hint: "Pass the deployed_addresses.json of an Ignition deployment (ignition/deployments/<id>/deployed_addresses.json), its directory, its parsed content, or its JSON text.",
    });
  }
}

function looksLikeJson(text: string): boolean {
  return text.trimStart().startsWith("{");
}

async function readSource(source: string): Promise<string> {
  let file = source;
  try {
    if ((await stat(source)).isDirectory()) file = `${source.replace(/[\\/]+$/, "")}/deployed_addresses.json`;
    return await readFile(file, "utf8");
  } catch (error) {
    throw new IgnitionAddressesError(`Cannot read Ignition addresses from ${file}.`, (error as Error).message);
  }
}

/**
 * Reads the contract addresses of a Hardhat Ignition deployment. Ignition's `deployed_addresses.json` maps future
 * ids such as `"ParticipantRegistry#ParticipantRegistry"` to addresses; each SDK address is found by the part
 * after `#`, whatever the module is called: `ParticipantRegistry` (required), `RailsAccessManager`, `BillOfLadingRegistry`,
 * `EblLens`, `SignedSettlement`, `EscrowedDeals`, `DepositRail`, and one `TokenizedDeposit_<LABEL>` per deposit token (`TokenizedDeposit_HKD` →
 * `deposits.HKD`).
 *
 * @param source The parsed `deployed_addresses.json`, its JSON text, the path of the file, or the path of the
 * deployment directory (`ignition/deployments/chain-31337`).
 * @throws {IgnitionAddressesError} When the source cannot be read, or a contract is missing or ambiguous.
 * @throws {InvalidAddressError} When an address in the file is malformed.
 *
 * @example
 * ```ts
 * import { addressesFromIgnition } from "@cargo-rails/sdk/node";
 *
 * const addresses = await addressesFromIgnition("ignition/deployments/chain-11155111");
 * ```
 */
export async function addressesFromIgnition(
  source: string | Readonly<Record<string, string>>,
): Promise<CargoRailsAddresses> {
  let deployed: unknown = source;
  if (typeof source === "string") {
    const text = looksLikeJson(source) ? source : await readSource(source);
    try {
      deployed = JSON.parse(text) as unknown;
    } catch (error) {
      throw new IgnitionAddressesError("The Ignition addresses are not valid JSON.", (error as Error).message);
    }
  }
  if (typeof deployed !== "object" || deployed === null || Array.isArray(deployed)) {
    throw new IgnitionAddressesError("The Ignition addresses must be a JSON object of future ids to addresses.");
  }
  const entries = Object.entries(deployed as Record<string, unknown>);
  const contractIdOf = (futureId: string) => futureId.slice(futureId.indexOf("#") + 1);
  function pick(contractId: string): Address;
  function pick(contractId: string, optional: true): Address | undefined;
  function pick(contractId: string, optional = false): Address | undefined {
    const matches = entries.filter(([futureId]) => contractIdOf(futureId) === contractId);
    if (optional && matches.length === 0) return undefined;
    if (matches.length !== 1) {
      throw new IgnitionAddressesError(
        matches.length === 0
          ? `The Ignition deployment has no ${contractId}.`
          : `The Ignition deployment has several ${contractId} contracts: ${matches.map(([id]) => id).join(", ")}.`,
        `Future ids found: ${entries.map(([id]) => id).join(", ") || "none"}.`,
      );
    }
    const [futureId, address] = matches[0]!;
    return assertAddress(address, futureId);
  }
  const addresses: CargoRailsAddresses = { participantRegistry: pick(IGNITION_IDS.participantRegistry) };
  const accessManager = pick(IGNITION_IDS.accessManager, true);
  if (accessManager !== undefined) addresses.accessManager = accessManager;
  const eblRegistry = pick(IGNITION_IDS.eblRegistry, true);
  if (eblRegistry !== undefined) addresses.eblRegistry = eblRegistry;
  const eblLens = pick(IGNITION_IDS.eblLens, true);
  if (eblLens !== undefined) addresses.eblLens = eblLens;
  for (const key of ["signedSettlement", "escrowedDeals", "depositRail"] as const) {
    const address = pick(IGNITION_IDS[key], true);
    if (address !== undefined) addresses[key] = address;
  }
  const deposits: Record<string, Address> = {};
  for (const [futureId] of entries) {
    const id = contractIdOf(futureId);
    if (id.startsWith(IGNITION_IDS.depositPrefix) && id.length > IGNITION_IDS.depositPrefix.length) {
      deposits[id.slice(IGNITION_IDS.depositPrefix.length)] = pick(id);
    }
  }
  if (Object.keys(deposits).length > 0) addresses.deposits = deposits;
  return addresses;
}
