/** Shared set-up of the SDK tests: the DCSA fixtures, and viem clients on Hardhat's in-process network. */
import { deployManager, grant, wire } from "../helpers/access.js";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

import { network } from "hardhat";
import {
  createPublicClient,
  createWalletClient,
  custom,
  getAddress,
  type Address,
  type EIP1193Provider,
  type PublicClient,
  type WalletClient,
} from "viem";

import type { EblAction, EblHistoryEntry, EblHistoryEntryOf } from "../../sdk/src/index.js";
import { REPO_ROOT, readDcsaText } from "../helpers/dcsa.js";

export const repoRoot = REPO_ROOT;

/** The text of a DCSA sample (found as test/helpers/dcsa.ts says). */
export const readFixture = readDcsaText;

/** The SDK's Markdown documentation: sdk/README.md and the guides in sdk/docs/. */
export function sdkDocs(): string[] {
  const guides = path.join(repoRoot, "sdk", "docs");
  return [
    path.join(repoRoot, "sdk", "README.md"),
    ...readdirSync(guides)
      .filter((file) => file.endsWith(".md"))
      .sort()
      .map((file) => path.join(guides, file)),
  ];
}

/** The ts code block that follows `<!-- example:<name> -->` in sdk/README.md or a guide of sdk/docs/ (exactly one). */
export function readmeExample(name: string): string {
  const pattern = new RegExp(`<!-- example:${name} -->\\s*\`\`\`ts\\n([\\s\\S]*?)\\n\`\`\`\\n`, "g");
  const found = sdkDocs().flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(pattern)].map((match) => match[1]!),
  );
  if (found.length !== 1) {
    throw new Error(`the SDK docs have ${found.length} \`\`\`ts blocks after <!-- example:${name} -->, not one`);
  }
  return found[0]!;
}

/** Expects a history entry of `action`, and returns it typed as one (the entries are a union on `action`). */
export function entryOf<A extends EblAction>(entry: EblHistoryEntry | undefined, action: A): EblHistoryEntryOf<A> {
  if (entry?.action !== action) throw new Error(`expected a ${action} entry, got ${entry?.action ?? "none"}`);
  return entry as EblHistoryEntryOf<A>;
}

/** Deep copy of a JSON value, to mutate a sample without touching the original. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export const ONE_YEAR = 365n * 24n * 60n * 60n;

/** A fresh in-process chain and viem clients for its unlocked accounts. */
export async function createChain() {
  const connection = await network.create();
  const provider = connection.provider as unknown as EIP1193Provider;
  const publicClient: PublicClient = createPublicClient({
    transport: custom(provider, { retryCount: 0 }),
    pollingInterval: 10,
  });
  const [admin, registrar, carrier, exporter, importer, bank, stranger] = (
    await createWalletClient({ transport: custom(provider) }).getAddresses()
  ).map((account) => getAddress(account));
  const wallet = (account: Address): WalletClient =>
    createWalletClient({ account, transport: custom(provider, { retryCount: 0 }), pollingInterval: 10 });
  return {
    connection,
    provider,
    publicClient,
    wallet,
    accounts: {
      admin: admin!,
      registrar: registrar!,
      carrier: carrier!,
      exporter: exporter!,
      importer: importer!,
      bank: bank!,
      stranger: stranger!,
    },
  };
}

/**
 * Deploys a ParticipantRegistry under its own access manager (`admin` its admin) with `registrar` as registrar;
 * returns both addresses.
 */
export async function deployParticipantRegistry(
  chain: Awaited<ReturnType<typeof createChain>>,
): Promise<{ participantRegistry: Address; accessManager: Address }> {
  const { admin, registrar } = chain.accounts;
  const { ethers } = chain.connection;
  const deployer = await ethers.getSigner(admin);
  const manager = await deployManager(ethers, deployer);
  const accessManager = (await manager.getAddress()) as Address;
  const registry = await ethers.deployContract("ParticipantRegistry", [accessManager], deployer);
  const participantRegistry = (await registry.getAddress()) as Address;
  await wire(manager, deployer, "participants", participantRegistry);
  await grant(manager, deployer, { contract: "participants", name: "REGISTRAR" }, registrar);
  return { participantRegistry, accessManager };
}

/** Runs `fn`, expecting it to reject with an instance of `type` whose message matches `pattern`; returns the error. */
export async function rejects<T extends Error>(
  fn: Promise<unknown> | (() => Promise<unknown>),
  type: abstract new (...args: never[]) => T,
  pattern?: RegExp | string,
): Promise<T> {
  try {
    await (typeof fn === "function" ? fn() : fn);
  } catch (error) {
    if (!(error instanceof type)) throw new Error(`expected a ${type.name}, got: ${String(error)}`, { cause: error });
    if (
      pattern !== undefined &&
      !(typeof pattern === "string" ? error.message.includes(pattern) : pattern.test(error.message))
    ) {
      throw new Error(`${type.name} message does not match ${String(pattern)}: ${error.message}`);
    }
    return error;
  }
  throw new Error(`expected a rejection with ${type.name}, but it resolved`);
}
