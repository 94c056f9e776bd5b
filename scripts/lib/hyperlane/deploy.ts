/**
 * Deploys Hyperlane's core contracts (from @hyperlane-xyz/core 12.1.0, compiled by our build) on one chain with viem,
 * and the eBL gateway's Hyperlane adapter next to them:
 *
 * - `Mailbox(localDomain = chain id)`, deployed directly and initialised right after (no proxy: its constructor
 *   takes only the domain and `initialize` sets owner, default ISM, default hook and required hook; it does not
 *   disable initialisers, so the deployer must initialise it in the next transaction, which {@link deployHyperlaneCore}
 *   does and then checks);
 * - `MerkleTreeHook(mailbox)`, the required hook: every message id goes into its tree, which validators checkpoint;
 * - `ProtocolFee(maxFee 0, fee 0)`, the default hook: takes no fee and can never take one (its maximum is zero);
 * - `StaticMessageIdMultisigIsmFactory` and, from it, a `StaticMessageIdMultisigIsm` for the platforms' validators
 *   and threshold (a minimal proxy whose validator list and threshold are immutable; rotating them is deploying a new
 *   one with {@link deployMessageIdMultisigIsm} and pointing the adapter at it).
 *
 * Bytecode comes from the Hardhat artifacts (`npx hardhat build` first).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import {
  getAddress,
  zeroAddress,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";

import { mailboxAbi, staticMultisigIsmFactoryAbi } from "./message.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The Hardhat artifact (ABI and creation bytecode) at `artifacts/<file>/<contract>.json`. */
export function readArtifact(file: string, contract: string): { abi: Abi; bytecode: Hex } {
  const artifactPath = path.join(REPO_ROOT, "artifacts", file, `${contract}.json`);
  let json: { abi: Abi; bytecode: Hex };
  try {
    json = JSON.parse(readFileSync(artifactPath, "utf8")) as { abi: Abi; bytecode: Hex };
  } catch (cause) {
    throw new Error(`No artifact ${artifactPath}: run \`npx hardhat build\` first.`, { cause });
  }
  return { abi: json.abi, bytecode: json.bytecode };
}

export const HYPERLANE_ARTIFACTS = {
  Mailbox: ["hyperlane/Mailbox.sol", "Mailbox"],
  MerkleTreeHook: ["hyperlane/hooks/MerkleTreeHook.sol", "MerkleTreeHook"],
  ProtocolFee: ["hyperlane/hooks/ProtocolFee.sol", "ProtocolFee"],
  StaticMessageIdMultisigIsmFactory: [
    "hyperlane/isms/multisig/StaticMultisigIsm.sol",
    "StaticMessageIdMultisigIsmFactory",
  ],
  HyperlaneTransport: ["contracts/crosschain/transport/HyperlaneTransport.sol", "HyperlaneTransport"],
} as const satisfies Record<string, readonly [string, string]>;

/** A wallet client with its account (the deployer). */
export type Deployer = WalletClient<Transport, Chain | undefined, Account>;

export interface ChainClients {
  publicClient: PublicClient;
  walletClient: Deployer;
}

/** What {@link deployHyperlaneCore} deployed on one chain. */
export interface HyperlaneCoreDeployment {
  /** The chain id, which is also the Hyperlane domain. */
  chainId: number;
  mailbox: Address;
  merkleTreeHook: Address;
  /** The default hook: a ProtocolFee whose fee is and stays zero. */
  protocolFee: Address;
  ismFactory: Address;
  /** The Mailbox's default ISM: the message-id multisig ISM of `validators` and `threshold`. */
  ism: Address;
  validators: Address[];
  threshold: number;
  /** The block of the Mailbox's deployment: a relayer scans the chain from there. */
  deployBlock: bigint;
}

async function deploy(
  { publicClient, walletClient }: ChainClients,
  artifact: readonly [string, string],
  args: readonly unknown[],
): Promise<{ address: Address; blockNumber: bigint }> {
  const { abi, bytecode } = readArtifact(...artifact);
  const hash = await walletClient.deployContract({
    abi,
    bytecode,
    args,
    account: walletClient.account,
    chain: walletClient.chain ?? null,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) throw new Error(`deploying ${artifact[1]} failed`);
  return { address: getAddress(receipt.contractAddress), blockNumber: receipt.blockNumber };
}

async function send(
  { publicClient, walletClient }: ChainClients,
  request: Parameters<Deployer["writeContract"]>[0],
): Promise<void> {
  const hash = await walletClient.writeContract(request);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${request.functionName} reverted (${hash})`);
}

/**
 * Deploys (or reuses, as the factory's CREATE2 address is fixed by its inputs) the message-id multisig ISM of
 * `validators` with `threshold` from `factory`. The ISM keeps the list in the order given, and signatures in its
 * metadata must follow that order.
 */
export async function deployMessageIdMultisigIsm(
  clients: ChainClients,
  factory: Address,
  validators: readonly Address[],
  threshold: number,
): Promise<Address> {
  const args = [validators.map((v) => getAddress(v)), threshold] as const;
  const ism = await clients.publicClient.readContract({
    address: factory,
    abi: staticMultisigIsmFactoryAbi,
    functionName: "getAddress",
    args,
  });
  await send(clients, {
    address: factory,
    abi: staticMultisigIsmFactoryAbi,
    functionName: "deploy",
    args,
    account: clients.walletClient.account,
    chain: clients.walletClient.chain ?? null,
  });
  return getAddress(ism);
}

/**
 * Deploys Hyperlane's core on the chain of `clients` and initialises the Mailbox: default ISM the message-id multisig
 * ISM of `validators` / `threshold`, default hook a zero ProtocolFee, required hook the MerkleTreeHook, owner `owner`
 * (the deployer by default).
 */
export async function deployHyperlaneCore(
  clients: ChainClients,
  options: { validators: readonly Address[]; threshold: number; owner?: Address },
): Promise<HyperlaneCoreDeployment> {
  const chainId = await clients.publicClient.getChainId();
  if (chainId > 0xffffffff) throw new Error(`chain id ${chainId} does not fit a Hyperlane domain (uint32)`);
  const owner = getAddress(options.owner ?? clients.walletClient.account.address);
  const mailbox = await deploy(clients, HYPERLANE_ARTIFACTS.Mailbox, [chainId]);
  const merkleTreeHook = await deploy(clients, HYPERLANE_ARTIFACTS.MerkleTreeHook, [mailbox.address]);
  const protocolFee = await deploy(clients, HYPERLANE_ARTIFACTS.ProtocolFee, [0n, 0n, owner, owner]);
  const ismFactory = await deploy(clients, HYPERLANE_ARTIFACTS.StaticMessageIdMultisigIsmFactory, []);
  const ism = await deployMessageIdMultisigIsm(clients, ismFactory.address, options.validators, options.threshold);
  await send(clients, {
    address: mailbox.address,
    abi: mailboxAbi,
    functionName: "initialize",
    args: [owner, ism, protocolFee.address, merkleTreeHook.address],
    account: clients.walletClient.account,
    chain: clients.walletClient.chain ?? null,
  });
  // Nobody else initialised it first (the call above would have reverted), and it is wired as meant.
  const read = <F extends "owner" | "defaultIsm" | "defaultHook" | "requiredHook">(functionName: F) =>
    clients.publicClient.readContract({ address: mailbox.address, abi: mailboxAbi, functionName });
  const wired = [await read("owner"), await read("defaultIsm"), await read("defaultHook"), await read("requiredHook")];
  const expected = [owner, ism, protocolFee.address, merkleTreeHook.address];
  if (wired.some((a, i) => getAddress(a) !== expected[i])) throw new Error(`Mailbox ${mailbox.address} is miswired`);
  return {
    chainId,
    mailbox: mailbox.address,
    merkleTreeHook: merkleTreeHook.address,
    protocolFee: protocolFee.address,
    ismFactory: ismFactory.address,
    ism,
    validators: options.validators.map((v) => getAddress(v)),
    threshold: options.threshold,
    deployBlock: mailbox.blockNumber,
  };
}

/**
 * Deploys the gateway's Hyperlane adapter (`HyperlaneTransport`) on `mailbox`, verifying with `ism`, administered by
 * the access manager `authority`. Enrol the other chain's adapter afterwards (`enrollRemote`, a restricted call).
 */
export async function deployHyperlaneTransport(
  clients: ChainClients,
  options: { mailbox: Address; gateway: Address; ism: Address; authority: Address },
): Promise<Address> {
  if (options.gateway === zeroAddress) throw new Error("the adapter needs its gateway");
  const { address } = await deploy(clients, HYPERLANE_ARTIFACTS.HyperlaneTransport, [
    options.mailbox,
    options.gateway,
    options.ism,
    options.authority,
  ]);
  return address;
}

/**
 * The relayer's configuration file (read by `npm run relay`, see scripts/relay.ts): each chain's name, chain id, RPC
 * URL, Mailbox, MerkleTreeHook and the block to scan from.
 */
export interface RelayConfig {
  chains: {
    name: string;
    chainId: number;
    rpcUrl: string;
    mailbox: Address;
    merkleTreeHook: Address;
    fromBlock: string;
  }[];
}

/** The relay configuration entry of a chain where {@link deployHyperlaneCore} deployed `core`. */
export function relayChainConfig(
  name: string,
  rpcUrl: string,
  core: HyperlaneCoreDeployment,
): RelayConfig["chains"][0] {
  return {
    name,
    chainId: core.chainId,
    rpcUrl,
    mailbox: core.mailbox,
    merkleTreeHook: core.merkleTreeHook,
    fromBlock: core.deployBlock.toString(),
  };
}

/** Writes the relay configuration file that `npm run relay` reads. */
export function writeRelayConfig(configPath: string, config: RelayConfig): void {
  mkdirSync(path.dirname(configPath), { recursive: true });
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
}

/** Reads a relay configuration file, checking its shape. */
export function readRelayConfig(configPath: string): RelayConfig {
  const config = JSON.parse(readFileSync(configPath, "utf8")) as RelayConfig;
  if (!Array.isArray(config.chains) || config.chains.length < 2) {
    throw new Error(`${configPath}: a relay configuration lists at least two chains`);
  }
  for (const c of config.chains) {
    for (const field of ["name", "chainId", "rpcUrl", "mailbox", "merkleTreeHook", "fromBlock"] as const) {
      if (c[field] === undefined) throw new Error(`${configPath}: chain ${c.name ?? "?"} has no ${field}`);
    }
  }
  return config;
}
