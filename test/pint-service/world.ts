/**
 * Two eBL platforms on Hardhat's in-process chain, each with its own eBL registry and PlatformGateway, sharing the
 * participant register and the access manager of test/sdk/system.ts: platform "CRLA" on the system's registry,
 * platform "CRLB" on a second registry. Each runs a PINT service in this process (real HTTP on 127.0.0.1, its own
 * SQLite file, its own signing key, the other's published keys as its peer), as `npm run pint` would.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { custom, encodeAbiParameters, type Address, type EIP1193Provider, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { createCargoRails, type CargoRailsAddresses } from "../../sdk/src/index.js";
import { platformCode } from "../../services/pint/src/chain.js";
import type { PeerPlatform, PintConfig } from "../../services/pint/src/config.js";
import { signingKeyOf, type SigningKey } from "../../services/pint/src/keys.js";
import { createPintService, type PintService } from "../../services/pint/src/service.js";
import { freePort } from "../../scripts/lib/anvil.js";
import { grant, wire } from "../helpers/access.js";
import { HARDHAT_KEYS, createSystemChain, toOrderDocument } from "../sdk/system.js";

export const CHAIN_ID = 31337;
export type Json = Record<string, unknown>;

export interface Platform {
  code: string;
  eblRegistry: Address;
  platformGateway: Address;
  addresses: CargoRailsAddresses;
  /** The SDK for `account` on this platform's registry. */
  as: (account: Address) => ReturnType<typeof createCargoRails>;
  /** The service's operator key (PINT OPERATOR on this gateway). */
  operatorKey: Hex;
  key: SigningKey;
  keyFile: string;
  port: number;
  url: string;
  database: string;
  service?: PintService;
}

export async function createWorld() {
  const chain = await createSystemChain();
  const sys = await chain.system();
  const { ethers } = chain.connection;
  const { admin, registrar, carrier, exporter, importer } = chain.accounts;
  const adminSigner = await ethers.getSigner(admin);
  const manager = await ethers.getContractAt("RailsAccessManager", sys.addresses.accessManager, adminSigner);
  const deploy = async (name: string, args: unknown[]) =>
    (await (await ethers.deployContract(name, args, adminSigner)).getAddress()) as Address;
  const transport = custom(chain.connection.provider as unknown as EIP1193Provider, { retryCount: 0 });
  const tmp = mkdtempSync(path.join(tmpdir(), "cargo-rails-pint-"));

  const secondRegistry = await deploy("BillOfLadingRegistry", [
    sys.addresses.participantRegistry,
    sys.addresses.accessManager,
  ]);
  await wire(manager, adminSigner, "ebl", secondRegistry);

  const registrarRails = createCargoRails({
    publicClient: chain.publicClient,
    walletClient: chain.wallet(registrar),
    addresses: { participantRegistry: sys.addresses.participantRegistry },
  });
  const adminRails = createCargoRails({
    publicClient: chain.publicClient,
    walletClient: chain.wallet(admin),
    addresses: sys.addresses,
  });

  const platform = async (code: string, eblRegistry: Address, operatorIndex: number): Promise<Platform> => {
    const platformGateway = await deploy("PlatformGateway", [eblRegistry, sys.addresses.accessManager]);
    await wire(manager, adminSigner, "pint", platformGateway);
    await grant(manager, adminSigner, { contract: "ebl", name: "GATEWAY" }, platformGateway);
    const operatorKey = HARDHAT_KEYS[operatorIndex]!;
    await grant(manager, adminSigner, { contract: "pint", name: "OPERATOR" }, privateKeyToAccount(operatorKey).address);
    const validUntil = BigInt(Math.floor(Date.now() / 1000)) + 5n * 365n * 86_400n;
    await (
      await registrarRails.participants.register({
        account: platformGateway,
        kinds: ["custody"],
        jurisdiction: "HK",
        validUntil,
        kycReference: `0x${"11".repeat(32)}`,
      })
    ).wait();
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const key = signingKeyOf(privateKey, `${code.toLowerCase()}-2026-12`);
    const keyFile = path.join(tmp, `${code}.key.json`);
    writeFileSync(keyFile, JSON.stringify(key.signer.privateKey));
    const addresses: CargoRailsAddresses = { ...sys.addresses, eblRegistry, platformGateway };
    const port = await freePort();
    return {
      code,
      eblRegistry,
      platformGateway,
      addresses,
      as: (account) =>
        createCargoRails({ publicClient: chain.publicClient, walletClient: chain.wallet(account), addresses }),
      operatorKey,
      key,
      keyFile,
      port,
      url: `http://127.0.0.1:${port}`,
      database: path.join(tmp, `${code}.sqlite`),
    };
  };
  const a = await platform("CRLA", sys.eblRegistry, 7);
  const b = await platform("CRLB", secondRegistry, 8);
  void adminRails;

  const peerOf = (p: Platform): PeerPlatform => ({ url: p.url, jwks: { keys: [p.key.publicJwk] } });
  const configOf = (p: Platform, peers: Record<string, PeerPlatform>): PintConfig => ({
    rpcUrl: "http://127.0.0.1:0",
    chainId: CHAIN_ID,
    eblRegistry: p.eblRegistry,
    platformGateway: p.platformGateway,
    privateKey: p.operatorKey,
    platform: p.code,
    signingKeyFile: p.keyFile,
    peers,
    // The carrier issues on both platforms: its code on the other platform maps to its account on our register.
    carriers: { [`did:pkh:eip155:${CHAIN_ID}:${carrier}`]: carrier },
    host: "127.0.0.1",
    port: p.port,
    database: p.database,
    maxDocumentBytes: 1024 * 1024,
    logLevel: "silent",
  });

  /** Starts (or restarts, over the same database) a platform's service. */
  const start = async (p: Platform, peers: Record<string, PeerPlatform>) => {
    p.service = await createPintService(configOf(p, peers), { transport, attempts: 3, backoffMs: 20 });
    await p.service.start();
    return p.service;
  };
  const stop = async (p: Platform) => {
    await p.service?.stop();
    p.service = undefined;
  };

  let serial = 0;
  /** Issues a to-order eBL on `p` to the exporter; returns the token id and its transport document. */
  const issue = async (p: Platform) => {
    const document = toOrderDocument(`PINT${process.pid}X${++serial}`);
    const { tokenId, wait } = await p.as(carrier).ebl.issue({ document, shipper: exporter });
    await wait();
    return { tokenId, document };
  };
  /** The holder locks `tokenId` on `p`'s gateway for `to` (a transfer to the gateway carrying the lock's data). */
  const lock = async (p: Platform, holder: Address, tokenId: bigint, to: string) => {
    const data = encodeAbiParameters(
      [{ type: "bytes32" }, { type: "bytes32" }],
      [platformCode(to), `0x${tokenId.toString(16).padStart(64, "0").slice(-64)}`],
    );
    const wallet = chain.wallet(holder);
    const hash = await wallet.writeContract({
      account: holder,
      chain: null,
      address: p.eblRegistry,
      abi: [
        {
          type: "function",
          name: "safeTransferFrom",
          stateMutability: "nonpayable",
          inputs: [
            { name: "from", type: "address" },
            { name: "to", type: "address" },
            { name: "tokenId", type: "uint256" },
            { name: "data", type: "bytes" },
          ],
          outputs: [],
        },
      ] as const,
      functionName: "safeTransferFrom",
      args: [holder, p.platformGateway, tokenId, data],
    });
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error("lock reverted");
  };

  /** Every event of a platform's registry and gateway after block `after`: none, when nothing changed there. */
  /**
   * The latest block, read from the node. Not `publicClient.getBlockNumber()`: viem shares one answer per client (a
   * request in flight, or an answer younger than the polling interval), so it can name a block from before the
   * transaction just awaited (a receipt poller's request still pending), and a window opened there is not empty.
   */
  const head = async () => BigInt(await chain.publicClient.request({ method: "eth_blockNumber" }));

  const logsSince = async (p: Platform, after: bigint) =>
    (await chain.publicClient.getLogs({ address: [p.eblRegistry, p.platformGateway], fromBlock: after + 1n })).map(
      (log) => log.topics[0],
    );

  const cleanUp = async () => {
    await stop(a);
    await stop(b);
    rmSync(tmp, { recursive: true, force: true });
  };

  return {
    chain,
    sys,
    a,
    b,
    peerOf,
    start,
    stop,
    issue,
    lock,
    head,
    logsSince,
    cleanUp,
    tmp,
    accounts: chain.accounts,
    carrier,
    exporter,
    importer,
  };
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/** The PINT party of `account` on platform `code`. */
export function party(code: string, account: Address) {
  return {
    partyName: account,
    eblPlatform: code,
    identifyingCodes: [
      { codeListProvider: "W3C", partyCode: `did:pkh:eip155:${CHAIN_ID}:${account}`, codeListName: "DID" },
    ],
  };
}

/** A raw PINT call to a platform, as another platform's client sends it. */
export async function pint(
  url: string,
  method: "POST" | "PUT",
  route: string,
  body?: unknown,
): Promise<{ status: number; body: unknown; apiVersion: string | null }> {
  const request = () =>
    fetch(`${url}${route}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined
        ? {}
        : { body: typeof body === "string" && body.startsWith("{") ? body : JSON.stringify(body) }),
    });
  // A kept-alive connection to a server that restarted fails once; a sender retries (PINT: until a signed answer).
  const response = await request().catch(() => request());
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? undefined : JSON.parse(text),
    apiVersion: response.headers.get("api-version"),
  };
}

export { toOrderDocument };
