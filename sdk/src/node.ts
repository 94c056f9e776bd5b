/**
 * @packageDocumentation
 * `@cargo-rails/sdk/node`: what needs Node.js (the file system), kept out of the core entry so that it bundles for
 * browsers.
 */

import { readFile, stat } from "node:fs/promises";

import { type Address } from "viem";

import { type CargoRailsAddresses, type DeployBlocks } from "./addresses.js";
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
  interbankPayments: "InterbankPayments",
  crossBankSettlement: "CrossBankSettlement",
  eblGateway: "EblGateway",
  platformGateway: "PlatformGateway",
  tradeDocumentRegistry: "TradeDocumentRegistry",
  documentsCondition: "DocumentsCondition",
  consentRegistry: "ConsentRegistry",
  trustReceipts: "TrustReceipts",
  paymentObligations: "PaymentObligations",
  documentsAgainstAcceptance: "DocumentsAgainstAcceptance",
  documentaryCredits: "DocumentaryCredits",
  /** Reserves: `WholesaleReserve_<CUR>`, e.g. `WholesaleReserve_HKD` → `reserves.HKD`. */
  reservePrefix: "WholesaleReserve_",
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

async function readSource(source: string): Promise<{ text: string; directory: string }> {
  let file = source;
  try {
    if ((await stat(source)).isDirectory()) file = `${source.replace(/[\\/]+$/, "")}/deployed_addresses.json`;
    return { text: await readFile(file, "utf8"), directory: file.replace(/[\\/][^\\/]*$/, "") };
  } catch (error) {
    throw new IgnitionAddressesError(`Cannot read Ignition addresses from ${file}.`, (error as Error).message);
  }
}

/**
 * The block of each contract deployment in an Ignition journal (`journal.jsonl`: one JSON message a line), by
 * future id: the block of the confirmed receipt that created the contract. Empty when there is no journal.
 */
async function readDeployBlocks(directory: string): Promise<Map<string, bigint>> {
  const blocks = new Map<string, bigint>();
  let journal: string;
  try {
    journal = await readFile(`${directory}/journal.jsonl`, "utf8");
  } catch {
    return blocks; // no journal next to the addresses (copied file): no blocks
  }
  for (const line of journal.split("\n")) {
    if (!line.includes('"TRANSACTION_CONFIRM"')) continue;
    let message: { type?: unknown; futureId?: unknown; receipt?: { blockNumber?: unknown; contractAddress?: unknown } };
    try {
      message = JSON.parse(line) as typeof message;
    } catch (error) {
      throw new IgnitionAddressesError("The Ignition journal has a line that is not JSON.", (error as Error).message);
    }
    const block = message.receipt?.blockNumber;
    if (
      message.type === "TRANSACTION_CONFIRM" &&
      typeof message.futureId === "string" &&
      typeof message.receipt?.contractAddress === "string" &&
      (typeof block === "number" || typeof block === "string")
    ) {
      blocks.set(message.futureId, BigInt(block));
    }
  }
  return blocks;
}

/**
 * Reads the contract addresses of a Hardhat Ignition deployment. Ignition's `deployed_addresses.json` maps future
 * ids such as `"ParticipantRegistry#ParticipantRegistry"` to addresses; each SDK address is found by the part
 * after `#`, whatever the module is called: `ParticipantRegistry` (required), `RailsAccessManager`, `BillOfLadingRegistry`,
 * `EblLens`, `SignedSettlement`, `EscrowedDeals`, `DepositRail`, `InterbankPayments`, `CrossBankSettlement`, `EblGateway`,
 * `PlatformGateway`, `TradeDocumentRegistry`, `DocumentsCondition`, `ConsentRegistry`, `TrustReceipts`, `PaymentObligations`,
 * `DocumentsAgainstAcceptance`, `DocumentaryCredits`, one
 * `TokenizedDeposit_<LABEL>` per deposit token (`TokenizedDeposit_HKD` → `deposits.HKD`) and one
 * `WholesaleReserve_<CUR>` per currency's reserves (`WholesaleReserve_HKD` → `reserves.HKD`).
 *
 * Given a path, it also reads the deployment's journal (`journal.jsonl`, next to `deployed_addresses.json`) for the
 * block of each contract's deployment transaction and returns them as `deployBlocks` (a contract Ignition did not
 * deploy itself, e.g. one it only referenced with `contractAt`, has none). `createCargoRails` starts `ebl.history` at
 * `deployBlocks.eblRegistry`. Without a journal (parsed content, JSON text, a copied file) there is no
 * `deployBlocks`, and history starts at the client's `deploymentBlock`, else block 0.
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
  let directory: string | undefined;
  if (typeof source === "string") {
    let text = source;
    if (!looksLikeJson(source)) ({ text, directory } = await readSource(source));
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
  const journalBlocks = directory === undefined ? new Map<string, bigint>() : await readDeployBlocks(directory);
  const deployBlocks: DeployBlocks & { deposits: Record<string, bigint>; reserves: Record<string, bigint> } = {
    deposits: {},
    reserves: {},
  };
  let blockOfLastPick: bigint | undefined;
  function pick(contractId: string): Address;
  function pick(contractId: string, optional: true): Address | undefined;
  function pick(contractId: string, optional = false): Address | undefined {
    blockOfLastPick = undefined;
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
    blockOfLastPick = journalBlocks.get(futureId);
    return assertAddress(address, futureId);
  }
  const addresses: CargoRailsAddresses = { participantRegistry: pick(IGNITION_IDS.participantRegistry) };
  if (blockOfLastPick !== undefined) deployBlocks.participantRegistry = blockOfLastPick;
  for (const key of [
    "accessManager",
    "eblRegistry",
    "eblLens",
    "signedSettlement",
    "escrowedDeals",
    "depositRail",
    "interbankPayments",
    "crossBankSettlement",
    "eblGateway",
    "platformGateway",
    "tradeDocumentRegistry",
    "documentsCondition",
    "consentRegistry",
    "trustReceipts",
    "paymentObligations",
    "documentsAgainstAcceptance",
    "documentaryCredits",
  ] as const) {
    const address = pick(IGNITION_IDS[key], true);
    if (address !== undefined) addresses[key] = address;
    if (blockOfLastPick !== undefined) deployBlocks[key] = blockOfLastPick;
  }
  for (const [key, prefix] of [
    ["deposits", IGNITION_IDS.depositPrefix],
    ["reserves", IGNITION_IDS.reservePrefix],
  ] as const) {
    const labelled: Record<string, Address> = {};
    for (const [futureId] of entries) {
      const id = contractIdOf(futureId);
      if (id.startsWith(prefix) && id.length > prefix.length) {
        const label = id.slice(prefix.length);
        labelled[label] = pick(id);
        if (blockOfLastPick !== undefined) deployBlocks[key][label] = blockOfLastPick;
      }
    }
    if (Object.keys(labelled).length > 0) addresses[key] = labelled;
    if (Object.keys(deployBlocks[key]).length === 0) delete (deployBlocks as DeployBlocks)[key];
  }
  if (journalBlocks.size > 0) addresses.deployBlocks = deployBlocks;
  return addresses;
}
