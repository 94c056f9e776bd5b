/**
 * A typed HTTP client for a Cargo Rails data provider (services/data-provider): it holds trade documents off chain
 * and releases one to a grantee only under a live consent (ConsentRegistry), recording the access on chain first.
 *
 * - {@link DataProviderClient.upload}: the document's issuer or owner uploads the bytes of its current version,
 *   signing an EIP-712 `DocumentUpload` ({@link documentUploadTypes}) for that provider, content type and SHA-256.
 * - {@link DataProviderClient.requestDocument}: the grantee signs a `DataRequest` (the consent registry's EIP-712
 *   type, with the consent module's {@link signDataRequest}), or passes one signed already, sends it, and gets the bytes once the provider recorded the access; the client checks the bytes' SHA-256
 *   against the document registry itself, not against what the provider says.
 *
 * Every refusal is a {@link DataProviderError} subclass per HTTP status, with the provider's reason (`reason`, the
 * on-chain error name for a consent refused) and what to do (`hint`).
 */
import { bytesToHex, getAddress, sha256, type Address, type Hex, type PublicClient } from "viem";

import { consentRegistryAbi, tradeDocumentRegistryAbi } from "./abi/index.js";
import {
  assertDataRequest,
  requestOnChain,
  signDataRequest,
  type ConsentPurpose,
  type DataRequest,
  type SignedDataRequest,
} from "./consent.js";
import { CargoRailsError, InvalidArgumentError } from "./errors.js";
import { assertAddress, assertBytes32, toUnixSeconds } from "./guards.js";
import { signTypedData, signerAddress, type TypedDataSigner } from "./signing.js";

/** The EIP-712 domain name of a data provider's upload authorisations. */
export const DATA_PROVIDER_DOMAIN_NAME = "Cargo Rails Data Provider";
/** The EIP-712 domain version of a data provider's upload authorisations. */
export const DATA_PROVIDER_DOMAIN_VERSION = "1";

/**
 * `DocumentUpload(address provider,bytes32 documentId,bytes32 sha256Hash,string contentType,uint256 deadline)`: the
 * issuer or owner of a document lets one provider hold these bytes, of this content type, under that document id.
 * Domain: {@link DATA_PROVIDER_DOMAIN_NAME}, {@link DATA_PROVIDER_DOMAIN_VERSION}, the chain id (no verifying contract:
 * the provider is named in the message).
 */
export const documentUploadTypes = {
  DocumentUpload: [
    { name: "provider", type: "address" },
    { name: "documentId", type: "bytes32" },
    { name: "sha256Hash", type: "bytes32" },
    { name: "contentType", type: "string" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** The reasons a data provider gives (the `error` of its JSON body), by HTTP status. */
export const dataProviderReasons = {
  400: ["MalformedRequest"],
  401: ["InvalidSignature", "RequestExpired"],
  403: [
    "ConsentNotFound",
    "ConsentRevokedGrant",
    "ConsentExpired",
    "ConsentNotGrantee",
    "ConsentWrongPurpose",
    "ConsentOutOfScope",
    "RailsNotVerified",
  ],
  404: ["DocumentNotFound", "DocumentNotHeld", "RouteNotFound"],
  409: ["ConsentRequestReplayed"],
  410: ["DocumentRevoked", "DocumentSuperseded"],
  413: ["PayloadTooLarge"],
  415: ["UnsupportedMediaType"],
  422: ["DocumentHashMismatch", "StoredDocumentMismatch"],
  500: ["InternalError"],
  503: ["ChainUnavailable", "AccessNotRecorded"],
} as const;

/** A reason a data provider gives. */
export type DataProviderReason = (typeof dataProviderReasons)[keyof typeof dataProviderReasons][number];

const HINTS: Record<DataProviderReason, string> = {
  MalformedRequest: "Fix the request as the message says; the SDK builds well-formed requests.",
  InvalidSignature:
    "The request must be signed by the grant's grantee (an upload by the document's issuer or owner), on this chain and for this provider.",
  RequestExpired: "Sign a new request with a later deadline.",
  ConsentNotFound: "Check the grant id: the data owner's ConsentGranted event gives it.",
  ConsentRevokedGrant: "The data owner revoked this consent: ask it for a new grant.",
  ConsentExpired: "The consent has expired: ask the data owner for a new grant.",
  ConsentNotGrantee: "Only the grant's grantee may read under it.",
  ConsentWrongPurpose: "State the purpose the consent was granted for, or ask for a grant for this purpose.",
  ConsentOutOfScope:
    "The document is outside the grant's scope (owner, type, eBL or provider): ask for a grant that covers it.",
  RailsNotVerified: "The data owner or the grantee is not a verified participant now: the registrar must renew it.",
  DocumentNotFound: "The document registry has no such document: check the document id.",
  DocumentNotHeld:
    "This provider holds no bytes of the document: ask its issuer or owner to upload it, or ask another provider.",
  RouteNotFound: "Check the provider's URL (the API is under /v1).",
  ConsentRequestReplayed:
    "A signed request is served once: sign a new one (requestDocument makes a fresh nonce each call).",
  DocumentRevoked: "The issuer revoked the document: it is no longer good and is not released.",
  DocumentSuperseded:
    "The provider holds an older version only: ask the issuer or owner to upload the current version.",
  PayloadTooLarge: "The document is larger than this provider accepts.",
  UnsupportedMediaType: "Send the request as application/json.",
  DocumentHashMismatch: "The bytes are not the registry's current version of the document: upload the right file.",
  StoredDocumentMismatch:
    "The provider's copy does not match the registry (altered or corrupted) and is withheld: the issuer or owner must upload it again.",
  InternalError: "The provider failed; nothing was released. Retry later or tell its operator.",
  ChainUnavailable: "The provider cannot reach its chain node now; nothing was released or recorded. Retry later.",
  AccessNotRecorded:
    "The recording transaction reverted (the consent changed meanwhile?); nothing was released. Check the consent, then sign a new request.",
};

/** A data provider refused, or could not be reached; `status` and `reason` say why, `hint` what to do. */
export class DataProviderError extends CargoRailsError {
  override name = "DataProviderError";
  /** The HTTP status (0 when the provider could not be reached). */
  readonly status: number;
  /** The provider's reason (`error` of its JSON body), e.g. `ConsentRevokedGrant`. */
  readonly reason: string;
  /** The provider's JSON body, as sent. */
  readonly body: Readonly<Record<string, unknown>>;

  constructor(status: number, reason: string, message: string, body: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { hint: HINTS[reason as DataProviderReason], details: `HTTP ${status} ${reason}`, cause });
    this.status = status;
    this.reason = reason;
    this.body = body;
  }
}

/** 400: the request is malformed. */
export class DataProviderBadRequestError extends DataProviderError {
  override name = "DataProviderBadRequestError";
}
/** 401: the signature is not the expected signer's, or the signed request has expired. */
export class DataProviderUnauthorizedError extends DataProviderError {
  override name = "DataProviderUnauthorizedError";
}
/** 403: the consent registry refuses the access; `reason` is its error name (`ConsentRevokedGrant`, ...). */
export class DataProviderConsentRefusedError extends DataProviderError {
  override name = "DataProviderConsentRefusedError";
}
/** 404: no such document in the registry (`DocumentNotFound`), or the provider holds none of it (`DocumentNotHeld`). */
export class DataProviderNotFoundError extends DataProviderError {
  override name = "DataProviderNotFoundError";
}
/** 409: this signed request was served already (`ConsentRequestReplayed`). */
export class DataProviderReplayError extends DataProviderError {
  override name = "DataProviderReplayError";
}
/** 410: the document is revoked, or the provider holds a superseded version only; `currentVersion` says which is current. */
export class DataProviderGoneError extends DataProviderError {
  override name = "DataProviderGoneError";
  /** The registry's current version of the document. */
  get currentVersion(): number | undefined {
    return typeof this.body.currentVersion === "number" ? this.body.currentVersion : undefined;
  }
}
/** 413 / 415: the body is too large, or of the wrong type. */
export class DataProviderPayloadError extends DataProviderError {
  override name = "DataProviderPayloadError";
}
/**
 * 422, or the client's own check: bytes that do not hash to the registry's current version. From the provider:
 * `DocumentHashMismatch` (an upload) or `StoredDocumentMismatch` (its copy is altered); from the client:
 * `ReleasedDocumentMismatch` (the provider released bytes that are not the registry's).
 */
export class DataProviderIntegrityError extends DataProviderError {
  override name = "DataProviderIntegrityError";
}
/** 5xx, or no answer: the provider cannot serve now (`ChainUnavailable`, `AccessNotRecorded`, `Unreachable`). */
export class DataProviderUnavailableError extends DataProviderError {
  override name = "DataProviderUnavailableError";
}

const ERROR_BY_STATUS: Record<number, typeof DataProviderError> = {
  400: DataProviderBadRequestError,
  401: DataProviderUnauthorizedError,
  403: DataProviderConsentRefusedError,
  404: DataProviderNotFoundError,
  409: DataProviderReplayError,
  410: DataProviderGoneError,
  413: DataProviderPayloadError,
  415: DataProviderPayloadError,
  422: DataProviderIntegrityError,
};

/** The typed error for an HTTP refusal of a data provider. */
export function dataProviderError(status: number, body: Record<string, unknown>): DataProviderError {
  const reason = typeof body.error === "string" ? body.error : `HTTP${status}`;
  const message = typeof body.message === "string" ? body.message : `The data provider answered HTTP ${status}.`;
  const Class = ERROR_BY_STATUS[status] ?? (status >= 500 ? DataProviderUnavailableError : DataProviderError);
  return new Class(status, reason, message, body);
}

/** What the provider says about itself (`GET /v1/health`). */
export interface DataProviderHealth {
  status: "ok";
  chainId: number;
  blockNumber: bigint;
  /** The provider's account: it records accesses, and uploads are signed for it. */
  provider: Address;
  consentRegistry: Address;
  tradeDocumentRegistry: Address;
  documentsHeld: number;
}

/** The provider's answer to an upload. */
export interface DataProviderUpload {
  documentId: Hex;
  version: number;
  sha256: Hex;
  contentType: string;
  size: number;
  /** The issuer or owner whose signature the provider accepted. */
  uploadedBy: Address;
}

/** A document released to the grantee. */
export interface ReleasedDocument {
  /** The bytes; their SHA-256 is the registry's current version's, checked by the client. */
  content: Uint8Array;
  contentType: string;
  documentId: Hex;
  version: number;
  sha256: Hex;
  /** The EIP-712 digest of the signed request (the `requestHash` of `AccessRecorded`). */
  requestHash: Hex;
  /** The transaction that recorded the access (`ConsentRegistry.recordAccess`). */
  accessTransaction: Hex;
  accessBlock: bigint;
}

/** Options of {@link createDataProviderClient}. */
export interface DataProviderClientOptions {
  /** The provider's base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /**
   * Reads the chain: the document registry (to check released bytes), the consent registry's EIP-712 domain (to sign
   * requests), the chain id (to sign uploads). Needed by {@link DataProviderClient.requestDocument} and
   * {@link DataProviderClient.upload}.
   */
  publicClient?: PublicClient;
  /** The TradeDocumentRegistry whose hashes the client trusts (not the provider's word). */
  tradeDocumentRegistry?: Address;
  /** The ConsentRegistry whose `DataRequest` the grantee signs. */
  consentRegistry?: Address;
  /** A `fetch` to use (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /** Milliseconds before a call is given up (default 120 s: the provider waits for the recording's block). */
  timeoutMs?: number;
}

/** What {@link DataProviderClient.upload} sends: the bytes of a document's current version, signed by its issuer or owner. */
export interface UploadParams {
  /** The document's issuer or owner. */
  signer: TypedDataSigner;
  documentId: Hex;
  content: Uint8Array;
  /** E.g. `application/pdf`, `application/json` (kept and sent back on release). */
  contentType: string;
  /** Until when the signature may be used (default: 10 minutes from now). */
  deadline?: bigint | Date;
}

/**
 * What {@link DataProviderClient.requestDocument} sends: a request the client signs with the grantee's `signer`, or
 * one signed already (`rails.consent.signDataRequest`, e.g. by a custody platform).
 */
export type RequestDocumentParams =
  | {
      /** The grant's grantee. */
      signer: TypedDataSigner;
      grantId: Hex;
      documentId: Hex;
      /** The purpose the grant was given for. */
      purpose: ConsentPurpose;
      /** Default: 32 random bytes (a request is served once). */
      nonce?: Hex | undefined;
      /** Until when the request may be served (default: ten minutes after the chain's latest block). */
      deadline?: bigint | Date | undefined;
    }
  | {
      /** A request signed by the grantee (`rails.consent.signDataRequest`). */
      signed: Pick<SignedDataRequest, "request" | "signature">;
    };

/** A client for one data provider (see {@link createDataProviderClient}). */
export interface DataProviderClient {
  /** The provider's base URL. */
  readonly url: string;
  /** `GET /v1/health`: the provider's account, chain and contracts. */
  health(): Promise<DataProviderHealth>;
  /** `PUT /v1/documents/:documentId`: signs the upload with `signer` and sends the bytes. */
  upload(params: UploadParams): Promise<DataProviderUpload>;
  /**
   * `POST /v1/requests`: signs the request (or takes a signed one), sends it, and returns the bytes once their
   * SHA-256 is checked against the registry's current version.
   */
  requestDocument(params: RequestDocumentParams): Promise<ReleasedDocument>;
}

const DEFAULT_VALIDITY_SECONDS = 600n;

/**
 * A client for one data provider.
 *
 * @example
 * ```ts
 * const provider = createDataProviderClient({
 *   url: "http://127.0.0.1:8787",
 *   publicClient,
 *   tradeDocumentRegistry: addresses.tradeDocumentRegistry,
 *   consentRegistry: addresses.consentRegistry,
 * });
 * await provider.upload({ signer: exporterWallet, documentId, content: invoicePdf, contentType: "application/pdf" });
 * const invoice = await provider.requestDocument({ signer: bankWallet, grantId, documentId, purpose: "financing" });
 * ```
 */
export function createDataProviderClient(options: DataProviderClientOptions): DataProviderClient {
  let base: URL;
  try {
    base = new URL(options.url);
  } catch (error) {
    throw new InvalidArgumentError("url", options.url, "an http(s) URL", undefined, error);
  }
  const url = base.href.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 120_000;

  async function call(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new DataProviderUnavailableError(
        0,
        "Unreachable",
        `The data provider at ${url} could not be reached: ${(error as Error).message}.`,
        {},
        error,
      );
    }
    if (response.ok) return response;
    let body: Record<string, unknown> = {};
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch {
      // not JSON: the status alone says what happened
    }
    throw dataProviderError(response.status, body);
  }

  function chainNeeded(operation: string): PublicClient {
    if (options.publicClient === undefined) {
      throw new InvalidArgumentError(
        "publicClient",
        undefined,
        "a viem PublicClient",
        `${operation} reads the chain: pass publicClient to createDataProviderClient.`,
      );
    }
    return options.publicClient;
  }

  async function health(): Promise<DataProviderHealth> {
    const body = (await (await call("/v1/health", { method: "GET" })).json()) as Record<string, unknown>;
    return {
      status: "ok",
      chainId: Number(body.chainId),
      blockNumber: BigInt(body.blockNumber as string),
      provider: getAddress(body.provider as string),
      consentRegistry: getAddress(body.consentRegistry as string),
      tradeDocumentRegistry: getAddress(body.tradeDocumentRegistry as string),
      documentsHeld: Number(body.documentsHeld),
    };
  }

  async function upload(params: UploadParams): Promise<DataProviderUpload> {
    const publicClient = chainNeeded("dataProvider.upload");
    signerAddress(params.signer, "dataProvider.upload");
    const documentId = assertBytes32(params.documentId, "documentId");
    if (!(params.content instanceof Uint8Array) || params.content.length === 0) {
      throw new InvalidArgumentError("content", params.content, "the document's bytes (a non-empty Uint8Array)");
    }
    if (typeof params.contentType !== "string" || params.contentType === "") {
      throw new InvalidArgumentError("contentType", params.contentType, "a media type, e.g. application/pdf");
    }
    const [chainId, { provider }] = await Promise.all([publicClient.getChainId(), health()]);
    const deadline = await deadlineOf(publicClient, params.deadline, "deadline");
    const sha256Hash = sha256(params.content);
    const signature = await signTypedData(params.signer, "dataProvider.upload", {
      domain: { name: DATA_PROVIDER_DOMAIN_NAME, version: DATA_PROVIDER_DOMAIN_VERSION, chainId },
      types: documentUploadTypes,
      primaryType: "DocumentUpload",
      message: { provider, documentId, sha256Hash, contentType: params.contentType, deadline },
    });
    const response = await call(`/v1/documents/${documentId}`, {
      method: "PUT",
      headers: {
        "content-type": params.contentType,
        "x-upload-signature": signature,
        "x-upload-deadline": deadline.toString(),
      },
      body: params.content as Uint8Array<ArrayBuffer>,
    });
    const body = (await response.json()) as Record<string, unknown>;
    return {
      documentId: body.documentId as Hex,
      version: Number(body.version),
      sha256: body.sha256 as Hex,
      contentType: body.contentType as string,
      size: Number(body.size),
      uploadedBy: getAddress(body.uploadedBy as string),
    };
  }

  async function requestDocument(params: RequestDocumentParams): Promise<ReleasedDocument> {
    const publicClient = chainNeeded("dataProvider.requestDocument");
    const documents = assertAddress(options.tradeDocumentRegistry, "tradeDocumentRegistry");
    let request: DataRequest;
    let signature: Hex;
    if ("signed" in params) {
      request = assertDataRequest(params.signed?.request, "signed.request");
      signature = params.signed.signature;
    } else {
      const consent = assertAddress(options.consentRegistry, "consentRegistry");
      signerAddress(params.signer, "dataProvider.requestDocument");
      request = assertDataRequest({
        grantId: params.grantId,
        documentId: params.documentId,
        purpose: params.purpose,
        nonce: params.nonce ?? randomNonce(),
        deadline: await deadlineOf(publicClient, params.deadline, "deadline"),
      });
      const [, name, version, chainId, verifyingContract] = await publicClient.readContract({
        address: consent,
        abi: consentRegistryAbi,
        functionName: "eip712Domain",
      });
      signature = await signDataRequest(params.signer, {
        domain: { name, version, chainId, verifyingContract },
        request,
      });
    }
    const onChain = requestOnChain(request);
    const response = await call("/v1/requests", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ request: { ...onChain, deadline: onChain.deadline.toString() }, signature }),
    });
    const content = new Uint8Array(await response.arrayBuffer());
    const hash = sha256(content);
    const current = await publicClient.readContract({
      address: documents,
      abi: tradeDocumentRegistryAbi,
      functionName: "isCurrent",
      args: [request.documentId, hash],
    });
    const header = (name: string) => response.headers.get(name) ?? "";
    if (!current) {
      throw new DataProviderIntegrityError(
        response.status,
        "ReleasedDocumentMismatch",
        `The provider released bytes hashing to ${hash}, which are not the current version of document ${request.documentId} in the registry ${documents}.`,
        { sha256: hash, claimedSha256: header("x-document-sha256") },
      );
    }
    return {
      content,
      contentType: header("content-type"),
      documentId: request.documentId,
      version: Number(header("x-document-version")),
      sha256: hash,
      requestHash: header("x-request-hash") as Hex,
      accessTransaction: header("x-access-transaction") as Hex,
      accessBlock: BigInt(header("x-access-block") || "0"),
    };
  }

  return { url, health, upload, requestDocument };
}

function randomNonce(): Hex {
  return bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/** The deadline given, or ten minutes after the chain's latest block. */
async function deadlineOf(publicClient: PublicClient, value: bigint | Date | undefined, argument: string) {
  if (value !== undefined) return toUnixSeconds(value, argument);
  const block = await publicClient.getBlock({ blockTag: "latest" });
  return block.timestamp + DEFAULT_VALIDITY_SECONDS;
}
