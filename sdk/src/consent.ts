/**
 * Consent to share trade data (ConsentRegistry): the types of the `consent` namespace, the EIP-712 types of a grant,
 * a revocation and a data request, and the helpers that hash and sign them off chain exactly as the contract checks
 * them. A data owner grants a verified participant access to a scope of its documents, for one purpose, until an
 * expiry; the grantee signs each request; the data provider records it on chain before it releases the data.
 */
import {
  encodeAbiParameters,
  hashTypedData,
  keccak256,
  zeroAddress,
  type Address,
  type Hex,
  type TypedDataDomain,
} from "viem";

import { type consentRegistryAbi } from "./abi/index.js";
import { type ContractRevertError } from "./contractErrors.js";
import { encodeDocumentTypes, type DocumentType } from "./documentTypes.js";
import { enumName } from "./enums.js";
import { InvalidArgumentError } from "./errors.js";
import { assertAddress, assertBytes32 } from "./guards.js";
import { type WriteAction, type WriteResult } from "./internal/contract.js";
import { signTypedData, type TypedDataSigner } from "./signing.js";

/** The EIP-712 domain name of the ConsentRegistry (version {@link CONSENT_DOMAIN_VERSION}). */
export const CONSENT_DOMAIN_NAME = "Cargo Rails Consent";
/** The EIP-712 domain version of the ConsentRegistry. */
export const CONSENT_DOMAIN_VERSION = "1";

/** What a grant opens (`ScopeKind`), in the contract's order. */
export const consentScopeKinds = ["ownerDocuments", "billDocuments", "providerFeed"] as const;
/**
 * What a grant opens: `ownerDocuments` (the owner's documents of the types given, wherever bound), `billDocuments`
 * (those bound to one eBL), `providerFeed` (those one data provider holds).
 */
export type ConsentScopeKind = (typeof consentScopeKinds)[number];

/** The purposes of a grant (`Purpose`), in the contract's order; `none` is never granted. */
export const consentPurposes = ["none", "financing", "compliance", "tradeVerification"] as const;
/**
 * Why the grantee may read: `financing` (trade finance, a documentary credit, a pledge), `compliance` (KYC/KYB,
 * sanctions, trade-based money laundering checks), `tradeVerification` (that the trade is genuine).
 */
export type ConsentPurpose = Exclude<(typeof consentPurposes)[number], "none">;

/** EIP-712 types of a consent signed by its owner (`ConsentGrant` with its `ConsentTerms`). */
export const consentGrantTypes = {
  ConsentGrant: [
    { name: "owner", type: "address" },
    { name: "terms", type: "ConsentTerms" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
  ConsentTerms: [
    { name: "grantee", type: "address" },
    { name: "scopeKind", type: "uint8" },
    { name: "documentTypes", type: "uint256" },
    { name: "target", type: "address" },
    { name: "targetId", type: "uint256" },
    { name: "purpose", type: "uint8" },
    { name: "expiresAt", type: "uint40" },
  ],
} as const;

/** EIP-712 types of a revocation signed by the grant's owner. */
export const consentRevocationTypes = {
  ConsentRevocation: [
    { name: "grantId", type: "bytes32" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** EIP-712 types of a grantee's request for one document. */
export const dataRequestTypes = {
  DataRequest: [
    { name: "grantId", type: "bytes32" },
    { name: "documentId", type: "bytes32" },
    { name: "purpose", type: "uint8" },
    { name: "nonce", type: "bytes32" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/**
 * What a data owner consents to, as the contract's `ConsentTerms` (enums by name): what {@link signConsentGrant}
 * signs, {@link ConsentNamespace.grant} sends and {@link ConsentNamespace.grantOf} reads.
 */
export interface ConsentTerms {
  /** The verified participant that may read. */
  grantee: Address;
  /** What it may read. */
  scopeKind: ConsentScopeKind;
  /** Bit `t` set: documents of type `t` ({@link encodeDocumentTypes}). */
  documentTypes: bigint;
  /** The eBL registry (`billDocuments`) or the data provider (`providerFeed`); the zero address for `ownerDocuments`. */
  target: Address;
  /** The eBL's token id (`billDocuments`); 0 otherwise. */
  targetId: bigint;
  /** Why it may read. */
  purpose: ConsentPurpose;
  /** When the consent ends (unix seconds). */
  expiresAt: number;
}

/**
 * The scope of a consent as the SDK takes it: the owner's documents wherever bound; those of one eBL (`tokenId` in
 * `registry`, default `addresses.eblRegistry`); or those one data provider holds.
 */
export type ConsentScope =
  | { kind: "ownerDocuments" }
  | { kind: "billDocuments"; tokenId: bigint; registry?: Address | undefined }
  | { kind: "providerFeed"; provider: Address };

/** What {@link ConsentNamespace.grant} and {@link ConsentNamespace.signGrant} take. */
export interface ConsentTermsInput {
  /** The verified participant (a bank, most often) that may read. */
  grantee: Address;
  /** What it may read. */
  scope: ConsentScope;
  /** The types of document it may read (at least one). */
  documentTypes: readonly DocumentType[];
  /** Why it may read: the purpose each of its requests must state. */
  purpose: ConsentPurpose;
  /** When the consent ends: a Date or unix seconds, in the future. */
  expiresAt: Date | bigint;
}

/** A grant as recorded ({@link ConsentNamespace.grantOf}). */
export interface ConsentGrant {
  /** The grant's id. */
  grantId: Hex;
  /** The data owner who granted it. */
  owner: Address;
  /** Whether the owner revoked it. */
  revoked: boolean;
  /** What was granted. */
  terms: ConsentTerms;
  /** The type ids `terms.documentTypes` opens. */
  documentTypes: number[];
  /** When it ends. */
  expiresAt: Date;
}

/** A grant its owner signed, for anyone to relay ({@link ConsentNamespace.grantWithSignature}); plain data. */
export interface SignedConsentGrant {
  /** The data owner who signed. */
  owner: Address;
  /** What is granted. */
  terms: ConsentTerms;
  /** The owner's nonce signed (its next one when signed: {@link ConsentNamespace.nonces}). */
  nonce: bigint;
  /** Until when the signature may be relayed (unix seconds). */
  deadline: bigint;
  /** The owner's EIP-712 signature of `ConsentGrant`. */
  signature: Hex;
  /** The id the grant will have: {@link grantIdOf}(owner, nonce). */
  grantId: Hex;
}

/** A revocation the grant's owner signed, for anyone to relay ({@link ConsentNamespace.revokeWithSignature}). */
export interface SignedConsentRevocation {
  /** The grant revoked. */
  grantId: Hex;
  /** Until when the signature may be relayed (unix seconds). */
  deadline: bigint;
  /** The owner's EIP-712 signature of `ConsentRevocation`. */
  signature: Hex;
}

/** A grantee's request for one document under a grant, as the contract's `DataRequest` (purpose by name). */
export interface DataRequest {
  /** The grant relied on. */
  grantId: Hex;
  /** The document asked for. */
  documentId: Hex;
  /** The purpose stated (must be the grant's). */
  purpose: ConsentPurpose;
  /** A value never used before in a request (random). */
  nonce: Hex;
  /** Until when the request may be served and recorded (unix seconds). */
  deadline: bigint;
}

/** A request with the grantee's signature: what the grantee sends to the data provider. */
export interface SignedDataRequest {
  /** The request. */
  request: DataRequest;
  /** The grantee's EIP-712 signature of it. */
  signature: Hex;
  /** Its EIP-712 digest: the hash in `AccessRecorded`, and the replay key. */
  requestHash: Hex;
}

/** Why a grant does not cover a request, from the contract's error, in the order {@link ConsentNamespace.covers} checks. */
export type ConsentRefusal =
  | "notFound"
  | "revoked"
  | "expired"
  | "notVerified"
  | "notGrantee"
  | "wrongPurpose"
  | "documentUnavailable"
  | "outOfScope";

/** What {@link ConsentNamespace.covers} finds. */
export type ConsentCoverage =
  | { covered: true }
  | {
      covered: false;
      /** Why not. */
      reason: ConsentRefusal;
      /** The contract's error, with its explanation and hint. */
      error: ContractRevertError;
    };

/** What {@link ConsentNamespace.covers} checks: may `grantee` read `documentId` for `purpose` now, from `provider`? */
export interface CoverageQuery {
  /** The grant. */
  grantId: Hex;
  /** Who asks (default: the client's account). */
  grantee?: Address | undefined;
  /** The document asked for. */
  documentId: Hex;
  /** The purpose stated. */
  purpose: ConsentPurpose;
  /** The data provider serving it (checked against a `providerFeed` grant's target; default the zero address). */
  provider?: Address | undefined;
}

/** One access recorded on chain (`AccessRecorded`), with where and when. */
export interface AccessRecord {
  /** The grant relied on. */
  grantId: Hex;
  /** Who read. */
  grantee: Address;
  /** What was read. */
  documentId: Hex;
  /** The EIP-712 digest of the grantee's signed request. */
  requestHash: Hex;
  /** The purpose stated. */
  purpose: ConsentPurpose;
  /** Who recorded it (the data provider, or the grantee). */
  recorder: Address;
  /** The block it was recorded in. */
  blockNumber: bigint;
  /** That block's timestamp (unix seconds). */
  blockTimestamp: bigint;
  /** The same as a Date. */
  time: Date;
  /** The transaction. */
  transactionHash: Hex;
  /** The log's index in its block. */
  logIndex: number;
}

/** Whose accesses {@link ConsentNamespace.accessLog} reads: one grant's, or those under every grant of an owner. */
export type AccessLogQuery = { grantId: Hex } | { owner: Address };

/** How {@link ConsentNamespace.accessLog} reads, as `ebl.history` does: in block ranges, in pages. */
export interface AccessLogOptions {
  /** First block to read (default: `addresses.deployBlocks.consentRegistry`, else 0). Ignored with a `cursor`. */
  fromBlock?: bigint | undefined;
  /** Last block to read (default: the latest block, fixed by the first page). Ignored with a `cursor`. */
  toBlock?: bigint | undefined;
  /** Blocks per `eth_getLogs` request (default 10 000). */
  blockRange?: bigint | undefined;
  /** The most records a page holds (a page never splits a block). Default: no limit. */
  limit?: number | undefined;
  /** The `cursor` of the previous page: reads the next page. */
  cursor?: AccessLogCursor | undefined;
}

/** Where the next page of an access log starts (plain data: pass it back as `accessLog(query, { cursor })`). */
export interface AccessLogCursor {
  /** The query the pages answer. */
  query: AccessLogQuery;
  /** The first block not read yet. */
  nextBlock: bigint;
  /** The last block the pages read. */
  toBlock: bigint;
  /** Blocks per request. */
  blockRange: bigint;
  /** The most records a page holds. */
  limit: number | undefined;
  /** For an owner's log: the owner's grants found so far. */
  grantIds: Hex[];
}

/** A page of an access log. */
export interface AccessLog {
  /** The records, oldest first. */
  records: AccessRecord[];
  /** The first block read. */
  fromBlock: bigint;
  /** The last block read. */
  toBlock: bigint;
  /** The next page's cursor, `null` when `toBlock` was reached. */
  cursor: AccessLogCursor | null;
}

/** The result of a write on the ConsentRegistry. */
export type ConsentWriteResult = WriteResult<typeof consentRegistryAbi>;

/** A grant's result: `wait()` adds the grant's id (from `ConsentGranted`). */
export type ConsentGrantResult = WriteResult<typeof consentRegistryAbi, { grantId: Hex }>;

/** Recording an access: `wait()` adds the request's digest (from `AccessRecorded`). */
export type AccessRecordResult = WriteResult<typeof consentRegistryAbi, { requestHashes: Hex[] }>;

/**
 * The `consent` namespace: data owners grant and revoke consent (by transaction or by signature anyone relays),
 * grantees sign their requests, data providers check them and record each access; anyone audits who read what.
 */
export interface ConsentNamespace {
  /** The ConsentRegistry's address. */
  readonly address: Address;
  /** Its EIP-712 domain (read once from the chain). */
  domain(): Promise<TypedDataDomain>;

  // ---------------------------------------------------------------- owners
  /** Grants consent as the client's account (the data owner); `wait()` gives the grant's id. */
  grant: WriteAction<[terms: ConsentTermsInput], ConsentGrantResult>;
  /**
   * Signs a grant with the client's signer (the data owner), for anyone to relay. The nonce defaults to the owner's
   * next one (read now: sign the next grant after relaying this one), the deadline to one hour from the chain's time.
   */
  signGrant(
    terms: ConsentTermsInput,
    options?: { nonce?: bigint | undefined; deadline?: bigint | Date | undefined },
  ): Promise<SignedConsentGrant>;
  /** Relays a grant its owner signed (anyone); `wait()` gives the grant's id. */
  grantWithSignature: WriteAction<[signed: SignedConsentGrant], ConsentGrantResult>;
  /** Revokes a grant of the client's account at once. */
  revoke: WriteAction<[params: { grantId: Hex }], ConsentWriteResult>;
  /** Signs a revocation with the client's signer (the grant's owner); deadline default: one hour from the chain's time. */
  signRevocation(grantId: Hex, options?: { deadline?: bigint | Date | undefined }): Promise<SignedConsentRevocation>;
  /** Relays a revocation its owner signed (anyone). */
  revokeWithSignature: WriteAction<[signed: SignedConsentRevocation], ConsentWriteResult>;

  // ---------------------------------------------------------------- reads
  /** A grant, or `null` if no grant has this id. */
  grantOf(grantId: Hex): Promise<ConsentGrant | null>;
  /** Whether the grant is live now: known, not revoked, not expired, its owner and grantee still verified. */
  isLive(grantId: Hex): Promise<boolean>;
  /** Whether the grant covers a request now, or why not (the contract's checks, without a signature). */
  covers(query: CoverageQuery): Promise<ConsentCoverage>;
  /**
   * {@link ConsentNamespace.covers}, throwing the contract's error when the grant does not cover the request.
   * @throws {ContractRevertError} `ConsentNotFound`, `ConsentRevokedGrant`, `ConsentExpired`, `RailsNotVerified`,
   * `ConsentNotGrantee`, `ConsentWrongPurpose`, `ConsentDocumentUnavailable` or `ConsentOutOfScope`.
   */
  assertCovers(query: CoverageQuery): Promise<void>;
  /** An owner's next grant nonce (default: the client's account). */
  nonces(owner?: Address): Promise<bigint>;
  /** Whether a request with this digest was recorded. */
  isRecorded(requestHash: Hex): Promise<boolean>;

  // ---------------------------------------------------------------- grantees and data providers
  /**
   * Signs a request for one document with the client's signer (the grantee). The purpose defaults to the grant's
   * (read from the chain), the nonce to 32 random bytes, the deadline to ten minutes from the chain's time.
   */
  signDataRequest(params: {
    grantId: Hex;
    documentId: Hex;
    purpose?: ConsentPurpose | undefined;
    nonce?: Hex | undefined;
    deadline?: bigint | Date | undefined;
  }): Promise<SignedDataRequest>;
  /** A request's EIP-712 digest, computed locally (equal to the contract's `hashDataRequest`). */
  hashDataRequest(request: DataRequest): Promise<Hex>;
  /**
   * Records an access on the grantee's signed request (the data provider, before it releases the data, or anyone
   * holding the request); refused unless the grant covers it with the caller as provider.
   */
  recordAccess: WriteAction<[signed: SignedDataRequest], AccessRecordResult>;
  /** Records several accesses in one transaction (a provider's batch); all or nothing. */
  recordAccesses: WriteAction<[signed: readonly SignedDataRequest[]], AccessRecordResult>;
  /**
   * The accesses recorded under one grant, or under every grant of an owner, oldest first, read from the
   * `AccessRecorded` events in block ranges and pages as `ebl.history` reads.
   */
  accessLog(query: AccessLogQuery, options?: AccessLogOptions): Promise<AccessLog>;
}

// ---------------------------------------------------------------- helpers (no chain)

/** A grant's id: `keccak256(abi.encode(owner, nonce))`, as the contract derives it. */
export function grantIdOf(owner: Address, nonce: bigint): Hex {
  if (typeof nonce !== "bigint" || nonce < 0n) throw new InvalidArgumentError("nonce", nonce, "a uint256 as a bigint");
  return keccak256(
    encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [assertAddress(owner, "owner"), nonce]),
  );
}

const purposeIndex = (purpose: unknown, argument: string): number => {
  const i = consentPurposes.indexOf(purpose as ConsentPurpose);
  if (i < 1) throw new InvalidArgumentError(argument, purpose, `a purpose: ${consentPurposes.slice(1).join(", ")}`);
  return i;
};

/**
 * @internal Consent terms as the SDK takes them, checked, with the eBL registry of a `billDocuments` scope given.
 * The contract's other rules (an expiry in the future, a verified grantee) are the contract's to enforce.
 */
export function toConsentTerms(input: ConsentTermsInput, eblRegistry: Address | undefined): ConsentTerms {
  if (typeof input !== "object" || input === null) {
    throw new InvalidArgumentError("terms", input, "{ grantee, scope, documentTypes, purpose, expiresAt }");
  }
  const scope = input.scope as ConsentScope | undefined;
  let target: Address = zeroAddress;
  let targetId = 0n;
  switch (scope?.kind) {
    case "ownerDocuments":
      break;
    case "billDocuments": {
      if (typeof scope.tokenId !== "bigint" || scope.tokenId < 0n) {
        throw new InvalidArgumentError("scope.tokenId", scope.tokenId, "the eBL's token id as a bigint");
      }
      const registry = scope.registry ?? eblRegistry;
      if (registry === undefined) {
        throw new InvalidArgumentError("scope.registry", undefined, "the eBL registry (none in addresses.eblRegistry)");
      }
      target = assertAddress(registry, "scope.registry");
      targetId = scope.tokenId;
      break;
    }
    case "providerFeed":
      target = assertAddress(scope.provider, "scope.provider");
      break;
    default:
      throw new InvalidArgumentError(
        "scope",
        scope,
        '{ kind: "ownerDocuments" }, { kind: "billDocuments", tokenId }, or { kind: "providerFeed", provider }',
      );
  }
  purposeIndex(input.purpose, "purpose");
  let expiresAt: number;
  if (input.expiresAt instanceof Date && !Number.isNaN(input.expiresAt.getTime())) {
    expiresAt = Math.floor(input.expiresAt.getTime() / 1000);
  } else if (typeof input.expiresAt === "bigint" && input.expiresAt > 0n && input.expiresAt < 2n ** 40n) {
    expiresAt = Number(input.expiresAt);
  } else {
    throw new InvalidArgumentError("expiresAt", input.expiresAt, "a Date or unix seconds as a bigint (uint40)");
  }
  return {
    grantee: assertAddress(input.grantee, "grantee"),
    scopeKind: scope.kind,
    documentTypes: encodeDocumentTypes(input.documentTypes),
    target,
    targetId,
    purpose: input.purpose,
    expiresAt,
  };
}

/** @internal Checks terms given as {@link ConsentTerms} (a signed grant's, from JSON or another party). */
export function assertConsentTerms(terms: unknown, argument = "terms"): ConsentTerms {
  if (typeof terms !== "object" || terms === null) {
    throw new InvalidArgumentError(argument, terms, "ConsentTerms (from consent.signGrant)");
  }
  const t = terms as Record<string, unknown>;
  if (!consentScopeKinds.includes(t.scopeKind as ConsentScopeKind)) {
    throw new InvalidArgumentError(`${argument}.scopeKind`, t.scopeKind, consentScopeKinds.join(", "));
  }
  purposeIndex(t.purpose, `${argument}.purpose`);
  for (const key of ["documentTypes", "targetId"] as const) {
    if (typeof t[key] !== "bigint" || (t[key] as bigint) < 0n || (t[key] as bigint) >= 2n ** 256n) {
      throw new InvalidArgumentError(`${argument}.${key}`, t[key], "a uint256 as a bigint");
    }
  }
  if (
    typeof t.expiresAt !== "number" ||
    !Number.isSafeInteger(t.expiresAt) ||
    t.expiresAt < 0 ||
    t.expiresAt >= 2 ** 40
  ) {
    throw new InvalidArgumentError(`${argument}.expiresAt`, t.expiresAt, "unix seconds as a number (uint40)");
  }
  return {
    grantee: assertAddress(t.grantee, `${argument}.grantee`),
    scopeKind: t.scopeKind as ConsentScopeKind,
    documentTypes: t.documentTypes as bigint,
    target: assertAddress(t.target, `${argument}.target`),
    targetId: t.targetId as bigint,
    purpose: t.purpose as ConsentPurpose,
    expiresAt: t.expiresAt,
  };
}

/** @internal The contract's `ConsentTerms` (enums as numbers). */
export function termsOnChain(terms: ConsentTerms) {
  return {
    ...terms,
    scopeKind: consentScopeKinds.indexOf(terms.scopeKind),
    purpose: consentPurposes.indexOf(terms.purpose),
  };
}

/** @internal {@link ConsentTerms} from the contract's struct. */
export function termsFromChain(terms: {
  grantee: Address;
  scopeKind: number;
  documentTypes: bigint;
  target: Address;
  targetId: bigint;
  purpose: number;
  expiresAt: number;
}): ConsentTerms {
  return {
    ...terms,
    scopeKind: enumName(consentScopeKinds, terms.scopeKind),
    purpose: enumName(consentPurposes, terms.purpose) as ConsentPurpose,
  };
}

/** @internal Checks a data request. */
export function assertDataRequest(request: unknown, argument = "request"): DataRequest {
  if (typeof request !== "object" || request === null) {
    throw new InvalidArgumentError(argument, request, "a DataRequest (from consent.signDataRequest)");
  }
  const r = request as Record<string, unknown>;
  purposeIndex(r.purpose, `${argument}.purpose`);
  if (typeof r.deadline !== "bigint" || r.deadline < 0n || r.deadline >= 2n ** 256n) {
    throw new InvalidArgumentError(`${argument}.deadline`, r.deadline, "unix seconds as a bigint");
  }
  return {
    grantId: assertBytes32(r.grantId, `${argument}.grantId`),
    documentId: assertBytes32(r.documentId, `${argument}.documentId`),
    purpose: r.purpose as ConsentPurpose,
    nonce: assertBytes32(r.nonce, `${argument}.nonce`),
    deadline: r.deadline,
  };
}

/** @internal The contract's `DataRequest` (purpose as a number). */
export function requestOnChain(request: DataRequest) {
  return { ...request, purpose: consentPurposes.indexOf(request.purpose) };
}

/**
 * A data request's EIP-712 digest, computed locally: equal to the contract's `hashDataRequest(request)`, the hash in
 * `AccessRecorded`.
 *
 * @param request The request.
 * @param domain The ConsentRegistry's domain: `{ name: "Cargo Rails Consent", version: "1", chainId, verifyingContract }`.
 */
export function hashDataRequest(request: DataRequest, domain: TypedDataDomain): Hex {
  return hashTypedData({
    domain,
    types: dataRequestTypes,
    primaryType: "DataRequest",
    message: requestOnChain(assertDataRequest(request)),
  });
}

/**
 * The EIP-712 digest of a signed grant (`ConsentGrant`), computed locally: what the owner's signature is over.
 *
 * @param params The ConsentRegistry's domain, the owner, the terms, the owner's nonce and the deadline.
 */
export function hashConsentGrant(params: {
  domain: TypedDataDomain;
  owner: Address;
  terms: ConsentTerms;
  nonce: bigint;
  deadline: bigint;
}): Hex {
  return hashTypedData(consentGrantTypedData(params));
}

/**
 * Signs a consent (EIP-712 `ConsentGrant` under the ConsentRegistry's domain) as its owner, for anyone to relay.
 *
 * @param signer The data owner's wallet, account or signing callback (an HSM, a custody platform).
 * @param params The ConsentRegistry's domain, the owner (the signer's address), the terms, the owner's next nonce and
 * the deadline of the signature.
 * @returns The 65-byte signature.
 */
export async function signConsentGrant(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; owner: Address; terms: ConsentTerms; nonce: bigint; deadline: bigint },
): Promise<Hex> {
  return signTypedData(signer, "signConsentGrant", consentGrantTypedData(params));
}

/** The EIP-712 typed data of a grant, its fields checked: what {@link hashConsentGrant} hashes and the owner signs. */
function consentGrantTypedData(params: {
  domain: TypedDataDomain;
  owner: Address;
  terms: ConsentTerms;
  nonce: bigint;
  deadline: bigint;
}) {
  return {
    domain: params.domain,
    types: consentGrantTypes,
    primaryType: "ConsentGrant" as const,
    message: {
      owner: assertAddress(params.owner, "owner"),
      terms: termsOnChain(assertConsentTerms(params.terms)),
      nonce: params.nonce,
      deadline: params.deadline,
    },
  };
}

/**
 * Signs the revocation of a grant (EIP-712 `ConsentRevocation`) as its owner, for anyone to relay.
 *
 * @param signer The grant owner's wallet, account or signing callback.
 * @param params The ConsentRegistry's domain, the grant and the deadline of the signature.
 * @returns The 65-byte signature.
 */
export async function signConsentRevocation(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; grantId: Hex; deadline: bigint },
): Promise<Hex> {
  return signTypedData(signer, "signConsentRevocation", {
    domain: params.domain,
    types: consentRevocationTypes,
    primaryType: "ConsentRevocation",
    message: { grantId: assertBytes32(params.grantId, "grantId"), deadline: params.deadline },
  });
}

/**
 * Signs a data request (EIP-712 `DataRequest`) as the grantee.
 *
 * @param signer The grantee's wallet, account or signing callback.
 * @param params The ConsentRegistry's domain and the request.
 * @returns The 65-byte signature.
 */
export async function signDataRequest(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; request: DataRequest },
): Promise<Hex> {
  return signTypedData(signer, "signDataRequest", {
    domain: params.domain,
    types: dataRequestTypes,
    primaryType: "DataRequest",
    message: requestOnChain(assertDataRequest(params.request)),
  });
}

/** @internal The refusal of each error `covers` can revert with. */
export const consentRefusals: Readonly<Record<string, ConsentRefusal>> = {
  ConsentNotFound: "notFound",
  ConsentRevokedGrant: "revoked",
  ConsentExpired: "expired",
  RailsNotVerified: "notVerified",
  ConsentNotGrantee: "notGrantee",
  ConsentWrongPurpose: "wrongPurpose",
  ConsentDocumentUnavailable: "documentUnavailable",
  ConsentOutOfScope: "outOfScope",
};
