/**
 * What the data provider reads and writes on chain: the document registry (current version and hash of a document),
 * the consent registry (grants, `covers`, the request digest, replays, `recordAccess`), signatures (ECDSA or
 * ERC-1271, through viem), and the chain's clock. Writes are sent one at a time from the provider's account, each
 * waited for until its receipt.
 */
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
  type Chain as ViemChain,
  type Account,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { consentRegistryAbi, tradeDocumentRegistryAbi } from "../../../sdk/src/abi/index.js";
import {
  DATA_PROVIDER_DOMAIN_NAME,
  DATA_PROVIDER_DOMAIN_VERSION,
  documentUploadTypes,
} from "../../../sdk/src/dataProvider.js";

/** A document's current version as the registry holds it. */
export interface RegistryDocument {
  documentType: number;
  /** 0 None, 1 Issued, 2 Superseded, 3 Revoked (ITradeDocumentRegistry.DocumentStatus). */
  status: number;
  version: number;
  issuer: Address;
  owner: Address;
  sha256Hash: Hex;
}

/** A grant as the consent registry holds it (zero owner when unknown). */
export interface RegistryGrant {
  owner: Address;
  revoked: boolean;
  grantee: Address;
  purpose: number;
}

/** IConsentRegistry.DataRequest. */
export interface DataRequest {
  grantId: Hex;
  documentId: Hex;
  purpose: number;
  nonce: Hex;
  deadline: bigint;
}

/** The upload a document's issuer or owner signs (see `documentUploadTypes` in the SDK). */
export interface DocumentUpload {
  provider: Address;
  documentId: Hex;
  sha256Hash: Hex;
  contentType: string;
  deadline: bigint;
}

export interface ChainOptions {
  rpcUrl: string;
  chainId: number;
  consentRegistry: Address;
  tradeDocumentRegistry: Address;
  privateKey: Hex;
  /**
   * How to reach the node instead of `rpcUrl`: a viem transport, for a provider run in the same process as the chain
   * (the demo, on Hardhat's in-process network). The CLI always uses `rpcUrl`.
   */
  transport?: Transport;
  /** Milliseconds before an RPC request is given up (default 10 s). */
  rpcTimeoutMs?: number;
  /** Milliseconds to wait for a receipt (default 60 s). */
  receiptTimeoutMs?: number;
}

export class ChainAccess {
  readonly chainId: number;
  readonly provider: Address;
  readonly consentRegistry: Address;
  readonly tradeDocumentRegistry: Address;
  readonly publicClient: PublicClient;
  readonly #wallet: WalletClient<Transport, ViemChain, Account>;
  readonly #receiptTimeoutMs: number;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(options: ChainOptions) {
    const chain = defineChain({
      id: options.chainId,
      name: `chain ${options.chainId}`,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [options.rpcUrl] } },
    });
    // No retries: a node that does not answer is reported at once (503), not after a minute of back-off.
    const transport =
      options.transport ?? http(options.rpcUrl, { retryCount: 0, timeout: options.rpcTimeoutMs ?? 10_000 });
    const account = privateKeyToAccount(options.privateKey);
    this.chainId = options.chainId;
    this.provider = account.address;
    this.consentRegistry = options.consentRegistry;
    this.tradeDocumentRegistry = options.tradeDocumentRegistry;
    this.publicClient = createPublicClient({ chain, transport, pollingInterval: 250 }) as PublicClient;
    this.#wallet = createWalletClient({ chain, transport, account });
    this.#receiptTimeoutMs = options.receiptTimeoutMs ?? 60_000;
  }

  /** The chain id the node reports. */
  nodeChainId(): Promise<number> {
    return this.publicClient.getChainId();
  }

  /** The latest block's number and timestamp: the clock consent and request deadlines are judged by. */
  async head(): Promise<{ number: bigint; timestamp: bigint }> {
    const block = await this.publicClient.getBlock({ blockTag: "latest" });
    return { number: block.number, timestamp: block.timestamp };
  }

  async document(documentId: Hex): Promise<RegistryDocument> {
    const d = await this.publicClient.readContract({
      address: this.tradeDocumentRegistry,
      abi: tradeDocumentRegistryAbi,
      functionName: "documentOf",
      args: [documentId],
    });
    return {
      documentType: Number(d.documentType),
      status: Number(d.status),
      version: Number(d.version),
      issuer: d.issuer,
      owner: d.owner,
      sha256Hash: d.sha256Hash,
    };
  }

  async grant(grantId: Hex): Promise<RegistryGrant> {
    const g = await this.publicClient.readContract({
      address: this.consentRegistry,
      abi: consentRegistryAbi,
      functionName: "grantOf",
      args: [grantId],
    });
    return { owner: g.owner, revoked: g.revoked, grantee: g.terms.grantee, purpose: Number(g.terms.purpose) };
  }

  /** The request's EIP-712 digest, as the consent registry computes it (its own domain). */
  hashDataRequest(request: DataRequest): Promise<Hex> {
    return this.publicClient.readContract({
      address: this.consentRegistry,
      abi: consentRegistryAbi,
      functionName: "hashDataRequest",
      args: [request],
    });
  }

  isRecorded(requestHash: Hex): Promise<boolean> {
    return this.publicClient.readContract({
      address: this.consentRegistry,
      abi: consentRegistryAbi,
      functionName: "isRecorded",
      args: [requestHash],
    });
  }

  /** Resolves if the grant covers the request for this provider now; rejects with the registry's revert otherwise. */
  async covers(request: DataRequest, grantee: Address): Promise<void> {
    await this.publicClient.readContract({
      address: this.consentRegistry,
      abi: consentRegistryAbi,
      functionName: "covers",
      args: [request.grantId, grantee, request.documentId, request.purpose, this.provider],
    });
  }

  /** Whether `signer` signed `hash` (ECDSA for an account, ERC-1271 for a contract). */
  verifyHash(signer: Address, hash: Hex, signature: Hex): Promise<boolean> {
    return this.publicClient.verifyHash({ address: signer, hash, signature });
  }

  /** Whether `signer` signed the upload (ECDSA or ERC-1271). */
  verifyUpload(signer: Address, upload: DocumentUpload, signature: Hex): Promise<boolean> {
    return this.publicClient.verifyTypedData({
      address: signer,
      domain: { name: DATA_PROVIDER_DOMAIN_NAME, version: DATA_PROVIDER_DOMAIN_VERSION, chainId: this.chainId },
      types: documentUploadTypes,
      primaryType: "DocumentUpload",
      message: { ...upload },
      signature,
    });
  }

  /**
   * Records the access on chain and waits for the receipt. The call is simulated first, so a refusal comes back as
   * the registry's revert and nothing is sent. `onSent` gets the hash as soon as the transaction is out.
   */
  recordAccess(
    request: DataRequest,
    signature: Hex,
    onSent: (hash: Hex) => void,
  ): Promise<{ hash: Hex; blockNumber: bigint; success: boolean }> {
    const run = async () => {
      const { request: call } = await this.publicClient.simulateContract({
        account: this.#wallet.account,
        address: this.consentRegistry,
        abi: consentRegistryAbi,
        functionName: "recordAccess",
        args: [request, signature],
      });
      const hash = await this.#wallet.writeContract(call);
      onSent(hash);
      const receipt = await this.publicClient.waitForTransactionReceipt({
        hash,
        timeout: this.#receiptTimeoutMs,
      });
      return { hash, blockNumber: receipt.blockNumber, success: receipt.status === "success" };
    };
    // One transaction at a time, so that the account's nonces never collide.
    const result = this.#writes.then(run, run);
    this.#writes = result.catch(() => undefined);
    return result;
  }
}
