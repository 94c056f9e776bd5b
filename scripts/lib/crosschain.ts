/**
 * Cargo Rails on several chains connected by Hyperlane: deploying one side, connecting two, and relaying between
 * them. The demo (scripts/demo.ts) and the end-to-end tests use these functions; nothing else deploys a cross-chain
 * set-up.
 *
 * - {@link deploySide}: on one chain, Hyperlane's core for the given validators and threshold
 *   (`deployHyperlaneCore`, scripts/lib/hyperlane/deploy.ts: Mailbox, MerkleTreeHook, zero ProtocolFee, message-id
 *   multisig ISM), then the rails with Hardhat Ignition from a deployment plan whose `crossChain.hyperlane` is set to
 *   that Mailbox and ISM: the module deploys the EblGateway and its HyperlaneTransport and sets the transport. The
 *   deployer is the chain's first account (Ignition's account 0); it holds CROSS-CHAIN ADMIN until the handover.
 * - {@link connectSides}: enrols each side's adapter as the other's remote (`HyperlaneTransport.enrollRemote`, sent
 *   by the deployer as CROSS-CHAIN ADMIN). Run it before the handover (`handOver` renounces the deployer's role).
 * - {@link createRelayer}: the TypeScript relayer (scripts/lib/hyperlane/relayer.ts) over sides, with the validators'
 *   keys (each validator checks a message on its origin chain before signing) and a cursor file. `runOnce()` relays
 *   one round; `start()` / `stop()` run it continuously.
 * - {@link railsOn}: an SDK client (`createCargoRails`) on a side, for an account or read-only.
 *
 * A chain is reached through a Hardhat network connection (`network.create()`, in-process or HTTP) or a plain RPC
 * URL ({@link ChainRpc}); Ignition needs a connection, so {@link deploySide} opens one (`--network localhost` with the
 * URL) when given a URL. The chain id is the Hyperlane domain: two sides need different chain ids (in process:
 * `network.create({ override: { chainId: 7777 } })`).
 *
 * @example
 * ```ts
 * const validators = [7, 8, 9].map(devPrivateKey);
 * const shanghai = await deploySide(shanghaiConnection, { name: "Shanghai", plan: shanghaiPlan, validators, threshold: 2 });
 * const hongKong = await deploySide(hongKongConnection, { name: "Hong Kong", plan: hongKongPlan, validators, threshold: 2 });
 * await connectSides(shanghai, hongKong);
 * const relayer = createRelayer([shanghai, hongKong], { validators, cursorPath: ".hyperlane/cursor.json" });
 * // … rails.crossChain.exportBill on Shanghai …
 * await relayer.runOnce();
 * ```
 */
import type { network } from "hardhat";
import {
  createPublicClient,
  createWalletClient,
  custom,
  defineChain,
  getAddress,
  http,
  type Account,
  type Address,
  type Chain,
  type EIP1193Provider,
  type Hex,
  type PublicClient,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

import type { DeploymentPlan } from "../../ignition/plan.js";
import { hyperlaneTransportAbi } from "../../sdk/src/abi/index.js";
import { createCargoRails, eblGatewayAbi, type CargoRails, type CargoRailsAddresses } from "../../sdk/src/index.js";
import { deployCargoRails, type CargoRailsDeployment } from "./deployment.js";
import { deployHyperlaneCore, type Deployer, type HyperlaneCoreDeployment } from "./hyperlane/deploy.js";
import { addressToBytes32 } from "./hyperlane/message.js";
import { Relayer } from "./hyperlane/relayer.js";
import { Validator, devPrivateKey } from "./hyperlane/validator.js";

/** A Hardhat network connection (`await network.create(...)`). */
export type HardhatConnection = Awaited<ReturnType<typeof network.create>>;

/** How a chain is reached: a Hardhat network connection, or the URL of its JSON-RPC endpoint. */
export type ChainRpc = HardhatConnection | string;

/** One chain with Hyperlane and the rails, as {@link deploySide} left it. */
export interface CrossChainSide {
  /** A name for logs and messages, e.g. "Shanghai". */
  name: string;
  /** The chain id, which is also its Hyperlane domain. */
  chainId: number;
  rpc: ChainRpc;
  publicClient: PublicClient;
  /** The deployer (the chain's first account): holds CROSS-CHAIN ADMIN until the handover. */
  deployer: Deployer;
  hyperlane: HyperlaneCoreDeployment;
  /** The rails' addresses, with the gateway and its Hyperlane adapter. */
  deployment: CargoRailsDeployment & { hyperlaneTransport: string };
  /** The addresses as the SDK takes them (`createCargoRails`, or {@link railsOn}). */
  addresses: CargoRailsAddresses & { eblGateway: Address; eblRegistry: Address };
}

/** What {@link createRelayer} needs of a side: {@link CrossChainSide} has it, and so does a relay configuration. */
export interface RelaySide {
  name: string;
  rpc: ChainRpc;
  hyperlane: Pick<HyperlaneCoreDeployment, "chainId" | "mailbox" | "merkleTreeHook" | "deployBlock">;
}

function viemTransport(rpc: ChainRpc): Transport {
  return typeof rpc === "string"
    ? http(rpc, { retryCount: 0 })
    : custom(rpc.provider as unknown as EIP1193Provider, { retryCount: 0 });
}

function chainOf(rpc: ChainRpc, chainId: number, name: string): Chain {
  return defineChain({
    id: chainId,
    name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    // An in-process chain has no URL; viem uses the transport given to each client, not this one.
    rpcUrls: { default: { http: [typeof rpc === "string" ? rpc : "http://127.0.0.1"] } },
  });
}

/** A public client and wallet clients for `rpc`; `account` is a private key (signed here) or an unlocked account. */
export function chainClients(
  rpc: ChainRpc,
  chainId: number,
  name = `chain ${chainId}`,
): {
  publicClient: PublicClient;
  walletFor: (account: Address | Hex | Account) => Deployer;
} {
  const transport = viemTransport(rpc);
  const chain = chainOf(rpc, chainId, name);
  return {
    publicClient: createPublicClient({ chain, transport, pollingInterval: 50 }) as PublicClient,
    walletFor: (account) =>
      createWalletClient({
        chain,
        transport,
        pollingInterval: 50,
        account: typeof account === "string" && account.length === 66 ? privateKeyToAccount(account) : account,
      }) as Deployer,
  };
}

export interface DeploySideOptions {
  /** A name for logs, e.g. "Shanghai". */
  name: string;
  /** The rails' plan for this chain; its `crossChain` section is set by this function (any given is replaced). */
  plan: DeploymentPlan;
  /** The validators' private keys (or addresses): the ISM lists their addresses, in this order. */
  validators: readonly (Hex | Address)[];
  /** How many of them must sign a message. */
  threshold: number;
  /** The Ignition deployment id (default `cargo-rails-<chainId>`); a re-run with the same id resumes the deployment. */
  deploymentId?: string;
}

/**
 * Deploys one side: Hyperlane's core on the chain of `rpc` for `validators` / `threshold`, then the rails with
 * Ignition from `plan` with `crossChain.hyperlane` = that Mailbox and ISM (the gateway, its adapter, the transport
 * set). The deployer is the chain's first account; it keeps CROSS-CHAIN ADMIN for {@link connectSides}.
 */
export async function deploySide(rpc: ChainRpc, options: DeploySideOptions): Promise<CrossChainSide> {
  const connection =
    typeof rpc === "string"
      ? await (await import("hardhat")).network.create({ network: "localhost", override: { url: rpc } })
      : rpc;
  const chainId = Number(await connection.provider.request({ method: "eth_chainId" }));
  const { publicClient, walletFor } = chainClients(rpc, chainId, options.name);
  const [first] = (await connection.provider.request({ method: "eth_accounts" })) as Address[];
  if (first === undefined) throw new Error(`${options.name}: the connection has no account to deploy from`);
  const deployer = walletFor({ address: getAddress(first), type: "json-rpc" });
  const validators = options.validators.map((v) => (v.length === 66 ? privateKeyToAccount(v).address : getAddress(v)));
  const hyperlane = await deployHyperlaneCore(
    { publicClient, walletClient: deployer },
    { validators, threshold: options.threshold },
  );
  const plan: DeploymentPlan = {
    ...options.plan,
    crossChain: { hyperlane: { mailbox: hyperlane.mailbox, ism: hyperlane.ism } },
  };
  const deployment = await deployCargoRails(connection, plan, {
    deploymentId: options.deploymentId ?? `cargo-rails-${chainId}`,
  });
  if (deployment.hyperlaneTransport === undefined) throw new Error(`${options.name}: no HyperlaneTransport deployed`);
  const a = (value: string) => getAddress(value);
  return {
    name: options.name,
    chainId,
    rpc,
    publicClient,
    deployer,
    hyperlane,
    deployment: deployment as CrossChainSide["deployment"],
    addresses: {
      participantRegistry: a(deployment.participantRegistry),
      accessManager: a(deployment.accessManager),
      eblRegistry: a(deployment.eblRegistry),
      signedSettlement: a(deployment.signedSettlement),
      escrowedDeals: a(deployment.escrowedDeals),
      depositRail: a(deployment.depositRail),
      interbankPayments: a(deployment.interbankPayments),
      crossBankSettlement: a(deployment.crossBankSettlement),
      eblGateway: a(deployment.eblGateway),
      deposits: Object.fromEntries(Object.entries(deployment.deposits).map(([k, v]) => [k, a(v)])),
      reserves: Object.fromEntries(Object.entries(deployment.reserves).map(([k, v]) => [k, a(v)])),
    },
  };
}

/**
 * Connects two sides: each side's HyperlaneTransport enrols the other's as its remote for the other's chain id, sent
 * by each side's deployer (CROSS-CHAIN ADMIN). Run it once per pair, before the handover.
 */
export async function connectSides(a: CrossChainSide, b: CrossChainSide): Promise<void> {
  if (a.chainId === b.chainId) throw new Error(`${a.name} and ${b.name} are the same chain (${a.chainId})`);
  for (const [side, remote] of [
    [a, b],
    [b, a],
  ] as const) {
    const hash = await side.deployer.writeContract({
      address: getAddress(side.deployment.hyperlaneTransport),
      abi: hyperlaneTransportAbi,
      functionName: "enrollRemote",
      args: [BigInt(remote.chainId), addressToBytes32(getAddress(remote.deployment.hyperlaneTransport))],
      account: side.deployer.account,
      chain: side.deployer.chain ?? null,
    });
    const receipt = await side.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${side.name}: enrollRemote(${remote.chainId}) reverted`);
  }
}

export interface CreateRelayerOptions {
  /** The validators' private keys: each signs only messages it finds inserted on their origin chain. */
  validators: readonly Hex[];
  /** The relayer's cursor file (created when missing); a relayer on the same file resumes where the last stopped. */
  cursorPath: string;
  /** The key that pays for `Mailbox.process` on every chain (default: development account 1). */
  relayerKey?: Hex;
  /** Wait before retrying a failed delivery, doubled per failure (default 1 000 ms). */
  retryDelayMs?: number;
  log?: (line: string) => void;
}

/** The relayer between `sides` (at least two), from Hardhat connections or RPC URLs. */
export function createRelayer(sides: readonly RelaySide[], options: CreateRelayerOptions): Relayer {
  if (sides.length < 2) throw new Error("a relayer serves at least two chains");
  const relayerKey = options.relayerKey ?? devPrivateKey(1);
  const chains = sides.map((side) => {
    const { publicClient, walletFor } = chainClients(side.rpc, side.hyperlane.chainId, side.name);
    return {
      name: side.name,
      domain: side.hyperlane.chainId,
      publicClient,
      walletClient: walletFor(relayerKey),
      mailbox: side.hyperlane.mailbox,
      merkleTreeHook: side.hyperlane.merkleTreeHook,
      fromBlock: side.hyperlane.deployBlock,
    };
  });
  const origins = Object.fromEntries(chains.map((c) => [c.domain, c.publicClient]));
  return new Relayer({
    chains,
    validators: options.validators.map((key) => new Validator(key, origins)),
    cursorPath: options.cursorPath,
    errorAbi: eblGatewayAbi,
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
}

/** An SDK client on `side`: acting as `account` (a private key, or an account the node signs for), or read-only. */
export function railsOn(
  side: Pick<CrossChainSide, "rpc" | "chainId" | "name" | "addresses">,
  account?: Address | Hex,
): CargoRails<CrossChainSide["addresses"]> {
  const { publicClient, walletFor } = chainClients(side.rpc, side.chainId, side.name);
  return createCargoRails({
    publicClient,
    ...(account === undefined
      ? {}
      : {
          walletClient: walletFor(
            account.length === 66 ? (account as Hex) : { address: getAddress(account), type: "json-rpc" },
          ),
        }),
    addresses: side.addresses,
  });
}
