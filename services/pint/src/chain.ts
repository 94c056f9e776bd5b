/**
 * What the service reads and writes on chain: the eBL registry (bills, histories) through the SDK, and the platform
 * gateway (PlatformGateway) as its PINT OPERATOR: import an accepted envelope's eBL, complete or cancel an export.
 */
import {
  createPublicClient,
  createWalletClient,
  http,
  type Address,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";

import { billOfLadingRegistryAbi, participantRegistryAbi, platformGatewayAbi } from "../../../sdk/src/abi/index.js";
import { createCargoRails, type CargoRails, type EblBill, type EblHistory } from "../../../sdk/src/index.js";
import type { ImportPlan } from "./parties.js";

/** IPlatformGateway.ExportStatus. */
export const exportStatuses = ["none", "locked", "completed", "cancelled", "returned"] as const;
export type GatewayExportStatus = (typeof exportStatuses)[number];

/** The gateway's export record of one eBL. */
export interface GatewayExport {
  holder: Address;
  titleHolder: Address;
  lockedAt: bigint;
  status: GatewayExportStatus;
  /** The receiving platform's code (decoded from bytes32). */
  platform: string;
  envelopeReference: Hex;
  responseHash: Hex;
}

/** A PINT code as bytes32: ASCII, left-aligned, zero padded. */
export function platformCode(code: string): Hex {
  return `0x${Buffer.from(code, "ascii").toString("hex").padEnd(64, "0")}`;
}

function codeOf(value: Hex): string {
  return Buffer.from(value.slice(2), "hex").toString("ascii").replace(/\0+$/, "");
}

export class ChainAccess {
  readonly chainId: number;
  readonly eblRegistry: Address;
  readonly platformGateway: Address;
  readonly operator: PrivateKeyAccount;
  readonly publicClient: PublicClient;
  readonly walletClient: WalletClient;
  #rails: Promise<CargoRails<{ eblRegistry: Address; participantRegistry: Address }>> | undefined;

  constructor(options: {
    rpcUrl: string;
    chainId: number;
    eblRegistry: Address;
    platformGateway: Address;
    privateKey: Hex;
    transport?: Transport;
  }) {
    this.chainId = options.chainId;
    this.eblRegistry = options.eblRegistry;
    this.platformGateway = options.platformGateway;
    this.operator = privateKeyToAccount(options.privateKey);
    const transport = options.transport ?? http(options.rpcUrl, { retryCount: 2, timeout: 30_000 });
    const chain = {
      id: options.chainId,
      name: `chain ${options.chainId}`,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [options.rpcUrl] } },
    } as const;
    this.publicClient = createPublicClient({ chain, transport, pollingInterval: 200 }) as PublicClient;
    this.walletClient = createWalletClient({ chain, transport, account: this.operator });
  }

  /** The SDK over our registry (its participant register read from it on first use). */
  #sdk() {
    this.#rails ??= this.participantRegistry().then((participantRegistry) =>
      createCargoRails({
        publicClient: this.publicClient,
        walletClient: this.walletClient,
        addresses: { eblRegistry: this.eblRegistry, participantRegistry },
      }),
    );
    return this.#rails;
  }

  /** The participant register the registry checks receivers against. */
  participantRegistry(): Promise<Address> {
    return this.publicClient.readContract({
      address: this.eblRegistry,
      abi: billOfLadingRegistryAbi,
      functionName: "participants",
    });
  }

  nodeChainId(): Promise<number> {
    return this.publicClient.getChainId();
  }

  async bill(tokenId: bigint): Promise<EblBill> {
    return (await this.#sdk()).ebl.bill(tokenId);
  }

  async history(tokenId: bigint): Promise<EblHistory> {
    return (await this.#sdk()).ebl.history(tokenId);
  }

  async exportOf(tokenId: bigint): Promise<GatewayExport> {
    const e = await this.publicClient.readContract({
      address: this.platformGateway,
      abi: platformGatewayAbi,
      functionName: "exportOf",
      args: [tokenId],
    });
    return {
      holder: e.holder,
      titleHolder: e.titleHolder,
      lockedAt: e.lockedAt,
      status: exportStatuses[e.status] ?? "none",
      platform: codeOf(e.platform),
      envelopeReference: e.envelopeReference,
      responseHash: e.responseHash,
    };
  }

  /** The token id imported under a chain's last entry (0n if none). */
  importedUnder(lastEntryChecksum: string): Promise<bigint> {
    return this.publicClient.readContract({
      address: this.platformGateway,
      abi: platformGatewayAbi,
      functionName: "importedUnder",
      args: [`0x${lastEntryChecksum}`],
    });
  }

  /** Whether `account` may receive eBLs here: a verified participant of the registry's participant register. */
  async acceptsEbls(account: Address): Promise<boolean> {
    return this.publicClient.readContract({
      address: await this.participantRegistry(),
      abi: participantRegistryAbi,
      functionName: "isVerified",
      args: [account],
    });
  }

  /** Sends `importFromPlatform` (simulated first: a revert throws before anything is sent). */
  async sendImport(plan: ImportPlan, senderPlatform: string, lastEntryChecksum: string): Promise<Hex> {
    const { request } = await this.publicClient.simulateContract({
      account: this.operator,
      address: this.platformGateway,
      abi: platformGatewayAbi,
      functionName: "importFromPlatform",
      args: [plan.tokenId, plan.holder, plan.bill, platformCode(senderPlatform), `0x${lastEntryChecksum}`],
    });
    return this.walletClient.writeContract(request);
  }

  /** Sends `completeExport` or `cancelExport` with the SHA-256 of the receiver's signed response. */
  async sendSettle(kind: "completeExport" | "cancelExport", tokenId: bigint, responseHash: Hex): Promise<Hex> {
    const { request } = await this.publicClient.simulateContract({
      account: this.operator,
      address: this.platformGateway,
      abi: platformGatewayAbi,
      functionName: kind,
      args: [tokenId, responseHash],
    });
    return this.walletClient.writeContract(request);
  }

  /** Waits for a transaction: true if it succeeded, false if it reverted. */
  async mined(hash: Hex): Promise<boolean> {
    const receipt = await this.publicClient.waitForTransactionReceipt({ hash, timeout: 120_000 });
    return receipt.status === "success";
  }
}
