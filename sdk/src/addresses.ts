import { type Address } from "viem";

import { CargoRailsError } from "./errors.js";
import { assertAddress } from "./guards.js";

/** The deployed contracts the SDK talks to. More members arrive with the eBL, deposit and settlement contracts. */
export interface CargoRailsAddresses {
  /** The ParticipantRegistry. */
  participantRegistry: Address;
}

/** Where each address comes from in an Ignition deployment: the contract's future id (after `#`). */
const IGNITION_IDS: { readonly [K in keyof CargoRailsAddresses]: string } = {
  participantRegistry: "ParticipantRegistry",
};

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
  // Only paths need the file system; imported lazily so that bundles for browsers do not pull in node:fs.
  const { readFile, stat } = await import("node:fs/promises");
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
 * after `#`, whatever the module is called.
 *
 * @param source The parsed `deployed_addresses.json`, its JSON text, the path of the file, or the path of the
 * deployment directory (`ignition/deployments/chain-31337`).
 * @throws {IgnitionAddressesError} When the source cannot be read, or a contract is missing or ambiguous.
 * @throws {InvalidAddressError} When an address in the file is malformed.
 *
 * @example
 * ```ts
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
  const pick = (contractId: string): Address => {
    const matches = entries.filter(([futureId]) => futureId.slice(futureId.indexOf("#") + 1) === contractId);
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
  };
  return {
    participantRegistry: pick(IGNITION_IDS.participantRegistry),
  };
}
