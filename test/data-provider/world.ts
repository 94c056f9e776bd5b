/**
 * The chain the data provider tests share: one anvil process on 127.0.0.1 with the rails deployed by the Ignition
 * module, the TradeDocumentRegistry and the ConsentRegistry among them (ignition/parameters/localhost.json's
 * participants: the exporter and the importer are traders, the two banks are banks). Started once for every file of
 * test/data-provider (the first `world()` starts it), stopped and its Ignition folder removed when the process exits.
 *
 * Helpers register documents and grant consents as their parties do on chain, and start a data provider in this
 * process (`startProvider`, real HTTP on loopback); test/data-provider/process.ts starts it as a separate process.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import hre from "hardhat";
import { getAddress, parseEventLogs, sha256, type Address, type Hex, type PublicClient } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";

import { loadDeploymentPlan, type DeploymentPlan } from "../../ignition/plan.js";
import { startAnvil, type AnvilNode } from "../../scripts/lib/anvil.js";
import { chainClients } from "../../scripts/lib/crosschain.js";
import { deployCargoRails } from "../../scripts/lib/deployment.js";
import { devPrivateKey } from "../../scripts/lib/hyperlane/validator.js";
import { consentRegistryAbi, tradeDocumentRegistryAbi } from "../../sdk/src/abi/index.js";
import { addressesFromIgnition } from "../../sdk/src/node.js";
import {
  consentPurposes,
  consentScopeKinds,
  createDataProviderClient,
  documentReferenceOf,
  documentTypes,
  type ConsentPurpose,
  type ConsentScopeKind,
  type DataProviderClient,
} from "../../sdk/src/index.js";
import { createDataProvider, type DataProvider } from "../../services/data-provider/src/provider.js";
import { REPO_ROOT } from "../helpers/dcsa.js";

export const CHAIN_ID = 31337;

/** IConsentRegistry.ScopeKind and Purpose by name, from the SDK's tables. */
export const scopeKind = (name: ConsentScopeKind) => consentScopeKinds.indexOf(name);
export const purpose = (name: ConsentPurpose) => consentPurposes.indexOf(name);

const key = (index: number) => devPrivateKey(index);
/** Anvil's development accounts as ignition/parameters/localhost.json casts them. */
export const keys = {
  deployer: key(0),
  exporter: key(3), // Shanghai Silk Export: trader, issues and owns the invoice
  importer: key(4), // Kowloon Trading: trader
  hkBank: key(5), // the importer's bank: the grantee
  cnBank: key(6), // another verified bank: never granted anything
  provider: key(15), // the data provider's account (not a participant: it only records accesses)
};
export const account = (k: Hex): PrivateKeyAccount => privateKeyToAccount(k);

export interface World {
  anvil: AnvilNode;
  publicClient: PublicClient;
  wallet: (k: Hex) => ReturnType<ReturnType<typeof chainClients>["walletFor"]>;
  eblRegistry: Address;
  tradeDocumentRegistry: Address;
  consentRegistry: Address;
  /** The Ignition deployment's folder (deployed_addresses.json). */
  deploymentDir: string;
  /** A fresh temporary directory for databases. */
  tmp: string;
}

let shared: Promise<World> | undefined;
/** What to undo after the run, recorded as soon as it exists (a failed deployment still stops the node). */
const cleanUp: (() => Promise<void> | void)[] = [];

// A root hook: runs once after every file of the run, whichever of them started the chain.
after(async function () {
  for (const step of cleanUp.splice(0).reverse()) await step();
});

/** The shared chain, started and deployed on first use. */
export function world(): Promise<World> {
  shared ??= setUp();
  return shared;
}

/** The localhost plan without the interbank contracts' reserves, which these tests do not use. */
function plan(): DeploymentPlan {
  const full = loadDeploymentPlan("localhost");
  const { reserves, fxDealer, ...rest } = full;
  void reserves;
  void fxDealer;
  return { ...rest, deposits: full.deposits.map(({ interbank, ...deposit }) => (void interbank, deposit)) };
}

async function setUp(): Promise<World> {
  const tmp = mkdtempSync(path.join(tmpdir(), "cargo-rails-data-provider-"));
  cleanUp.push(() => rmSync(tmp, { recursive: true, force: true }));
  const anvil = await startAnvil({ chainId: CHAIN_ID });
  cleanUp.push(() => anvil.stop());
  const deploymentId = `e2e-data-provider-${anvil.port}`;
  const deploymentDir = path.join(REPO_ROOT, "ignition/deployments", deploymentId);
  cleanUp.push(() => rmSync(deploymentDir, { recursive: true, force: true }));
  const connection = await hre.network.create({ network: "localhost", override: { url: anvil.url } });
  const deployment = await deployCargoRails(connection, plan(), { deploymentId });
  const { publicClient, walletFor } = chainClients(anvil.url, CHAIN_ID, "anvil");
  const addresses = await addressesFromIgnition(deploymentDir);
  return {
    anvil,
    publicClient,
    wallet: walletFor,
    eblRegistry: getAddress(deployment.eblRegistry),
    tradeDocumentRegistry: addresses.tradeDocumentRegistry!,
    consentRegistry: addresses.consentRegistry!,
    deploymentDir,
    tmp,
  };
}

let documentNumber = 0;

/** Registers a document on chain as `issuer` (version 1) and returns its id and content. */
export async function registerDocument(
  w: World,
  options: { issuer?: Hex; owner?: Hex; type?: number; tokenId?: bigint; content?: Uint8Array } = {},
): Promise<{ documentId: Hex; content: Uint8Array; sha256Hash: Hex; number: string }> {
  const issuer = options.issuer ?? keys.exporter;
  const number = `INV-${process.pid}-${++documentNumber}`;
  const content =
    options.content ??
    new TextEncoder().encode(
      JSON.stringify({ invoiceNumber: number, seller: "Shanghai Silk Export", amount: "125000.00" }),
    );
  const sha256Hash = sha256(content);
  const wallet = w.wallet(issuer);
  const { request, result } = await w.publicClient.simulateContract({
    account: wallet.account,
    address: w.tradeDocumentRegistry,
    abi: tradeDocumentRegistryAbi,
    functionName: "register",
    args: [
      options.type ?? documentTypes.COMMERCIAL_INVOICE,
      documentReferenceOf(number),
      account(options.owner ?? issuer).address,
      w.eblRegistry,
      options.tokenId ?? 1n,
      sha256Hash,
    ],
  });
  await mined(w, await wallet.writeContract(request));
  return { documentId: result, content, sha256Hash, number };
}

/** Grants a consent as `owner` (by transaction) and returns the grant id. */
export async function grantConsent(
  w: World,
  terms: {
    owner?: Hex;
    grantee?: Hex;
    scopeKind?: number;
    documentTypes?: bigint;
    target?: Address;
    targetId?: bigint;
    purpose?: number;
    /** Seconds from the chain's time (default 30 days). */
    validFor?: bigint;
  } = {},
): Promise<Hex> {
  const wallet = w.wallet(terms.owner ?? keys.exporter);
  const now = (await w.publicClient.getBlock()).timestamp;
  const { request, result } = await w.publicClient.simulateContract({
    account: wallet.account,
    address: w.consentRegistry,
    abi: consentRegistryAbi,
    functionName: "grant",
    args: [
      {
        grantee: account(terms.grantee ?? keys.hkBank).address,
        scopeKind: terms.scopeKind ?? scopeKind("ownerDocuments"),
        documentTypes: terms.documentTypes ?? 1n << BigInt(documentTypes.COMMERCIAL_INVOICE),
        target: terms.target ?? "0x0000000000000000000000000000000000000000",
        targetId: terms.targetId ?? 0n,
        purpose: terms.purpose ?? purpose("financing"),
        expiresAt: Number(now + (terms.validFor ?? 30n * 86_400n)),
      },
    ],
  });
  await mined(w, await wallet.writeContract(request));
  return result;
}

/** Sends a write of `from` and waits for it. */
export async function write(
  w: World,
  from: Hex,
  call: { address: Address; abi: readonly unknown[]; functionName: string; args: readonly unknown[] },
): Promise<void> {
  const wallet = w.wallet(from);
  const { request } = await w.publicClient.simulateContract({ account: wallet.account, ...call } as never);
  await mined(w, await wallet.writeContract(request as never));
}

async function mined(w: World, hash: Hex): Promise<void> {
  const receipt = await w.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
}

/** Every AccessRecorded event of the consent registry so far. */
export async function accessesRecorded(w: World) {
  const logs = await w.publicClient.getLogs({ address: w.consentRegistry, fromBlock: 0n });
  return parseEventLogs({ abi: consentRegistryAbi, logs, eventName: "AccessRecorded" });
}

/** Moves the chain's clock forward and mines a block. */
export async function advanceTime(w: World, seconds: number): Promise<void> {
  await w.publicClient.request({ method: "evm_increaseTime" as never, params: [seconds] as never });
  await w.publicClient.request({ method: "evm_mine" as never, params: [] as never });
}

/** A data provider in this process, on a free loopback port, over its own database (a fresh one by default). */
export async function startProvider(
  w: World,
  options: { database?: string; rpcUrl?: string; maxDocumentBytes?: number } = {},
): Promise<{ provider: DataProvider; url: string }> {
  const provider = await createDataProvider({
    rpcUrl: options.rpcUrl ?? w.anvil.url,
    chainId: CHAIN_ID,
    consentRegistry: w.consentRegistry,
    tradeDocumentRegistry: w.tradeDocumentRegistry,
    privateKey: keys.provider,
    host: "127.0.0.1",
    port: 0,
    database:
      options.database ?? path.join(w.tmp, `provider-${Date.now()}-${Math.random().toString(16).slice(2)}.sqlite`),
    maxDocumentBytes: options.maxDocumentBytes ?? 1024 * 1024,
    logLevel: "silent",
  });
  return { provider, url: await provider.start() };
}

/** The SDK's client for a provider at `url`, reading this chain. */
export function client(w: World, url: string): DataProviderClient {
  return createDataProviderClient({
    url,
    publicClient: w.publicClient,
    tradeDocumentRegistry: w.tradeDocumentRegistry,
    consentRegistry: w.consentRegistry,
  });
}

/** A raw HTTP call (for what the SDK never sends: malformed bodies, forged signatures). */
export async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${url}/v1/requests`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
