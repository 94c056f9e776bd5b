/**
 * Trade documents (TradeDocumentRegistry, DocumentsCondition): the types of the `documents` namespace, the hashes
 * and ids the SDK computes off chain exactly as the contracts do, and the errors of a document that is not what the
 * registry says. The documents themselves never go on chain: only their SHA-256, their issuer's hashed number and
 * who they belong to.
 */
import { encodeAbiParameters, keccak256, sha256, stringToBytes, type Address, type Hex } from "viem";

import { type documentsConditionAbi, type tradeDocumentRegistryAbi } from "./abi/index.js";
import { ContractNotConfiguredError } from "./addresses.js";
import { documentChecksum } from "./checksum.js";
import { type ContractRevertError } from "./contractErrors.js";
import { documentTypeId, type DocumentType, type DocumentTypeName } from "./documentTypes.js";
import { CargoRailsError, InvalidArgumentError } from "./errors.js";
import { assertAddress, assertBytes32 } from "./guards.js";
import { type WriteAction, type WriteResult } from "./internal/contract.js";
import { type ParticipantKind } from "./participantKinds.js";

// ---------------------------------------------------------------- hashes and ids (no chain)

/**
 * The SHA-256 of a file's bytes as the registry stores it (0x-prefixed bytes32): for a PDF, an image, an XML or EDI
 * message, anything kept as bytes.
 *
 * @throws {InvalidArgumentError} When `bytes` is not a Uint8Array (a Node.js Buffer is one) or an ArrayBuffer.
 */
export function hashDocumentFile(bytes: Uint8Array | ArrayBuffer): Hex {
  if (bytes instanceof ArrayBuffer) return sha256(new Uint8Array(bytes));
  if (bytes instanceof Uint8Array) return sha256(bytes);
  throw new InvalidArgumentError("bytes", bytes, "the file's bytes as a Uint8Array (or Buffer) or an ArrayBuffer");
}

/**
 * The SHA-256 of a JSON document as the registry stores it: over the UTF-8 bytes of its RFC 8785 canonical JSON, as
 * the eBL's transport document ({@link documentChecksum}), so formatting and member order do not matter.
 *
 * @param value The document as a parsed value, or as JSON text (parsed first).
 * @throws {CanonicalJsonError} When the value is not JSON (or the text does not parse).
 */
export function hashDocumentJson(value: unknown): Hex {
  return documentChecksum(value);
}

/**
 * The `documentReference` of an issuer's document number: `keccak256` of its UTF-8 bytes, exactly as written (no
 * trimming, no case folding). The number itself never goes on chain.
 *
 * @param number The issuer's own number of the document, e.g. the invoice number `"INV-2026-0042"`.
 * @throws {InvalidArgumentError} For an empty or non-string number.
 */
export function documentReferenceOf(number: string): Hex {
  if (typeof number !== "string" || number.length === 0) {
    throw new InvalidArgumentError("number", number, "the issuer's document number, a non-empty string");
  }
  return keccak256(stringToBytes(number));
}

/**
 * A document's id, computed off chain as the registry does: `keccak256(abi.encode(issuer, uint8 documentType,
 * documentReference))`. The same issuer, type and number always give the same id, across versions.
 *
 * @param issuer Who issues (registers) the document.
 * @param documentType Its type.
 * @param documentReference {@link documentReferenceOf} the issuer's document number.
 */
export function documentIdOf(issuer: Address, documentType: DocumentType, documentReference: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "address" }, { type: "uint8" }, { type: "bytes32" }],
      [
        assertAddress(issuer, "issuer"),
        documentTypeId(documentType),
        assertBytes32(documentReference, "documentReference"),
      ],
    ),
  );
}

/** One document a requirement lists, as the DocumentsCondition stores it. */
export interface RequiredDocument {
  /** The type the document must have (on-chain id). */
  documentType: number;
  /** The document. */
  documentId: Hex;
}

/** One document a requirement lists, as the SDK takes it (the type by name or id). */
export interface RequiredDocumentInput {
  /** The type the document must have. */
  documentType: DocumentType;
  /** The document. */
  documentId: Hex;
}

/** The most documents a requirement lists (the DocumentsCondition's `MAX_DOCUMENTS`). */
export const MAX_REQUIRED_DOCUMENTS = 16;

/** @internal Checks a requirement's list: 1 to 16 entries, no document twice. */
export function assertRequirement(list: unknown): RequiredDocument[] {
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_REQUIRED_DOCUMENTS) {
    throw new InvalidArgumentError(
      "documents",
      list,
      `a list of 1 to ${MAX_REQUIRED_DOCUMENTS} required documents ({ documentType, documentId })`,
    );
  }
  const seen = new Set<string>();
  return list.map((entry: unknown, i) => {
    if (typeof entry !== "object" || entry === null) {
      throw new InvalidArgumentError(`documents[${i}]`, entry, "{ documentType, documentId }");
    }
    const e = entry as Record<string, unknown>;
    const documentId = assertBytes32(e.documentId, `documents[${i}].documentId`);
    if (seen.has(documentId)) {
      throw new InvalidArgumentError(`documents[${i}].documentId`, documentId, "each document once");
    }
    seen.add(documentId);
    return { documentType: documentTypeId(e.documentType as DocumentType, `documents[${i}].documentType`), documentId };
  });
}

/**
 * A requirement's id, computed off chain as the DocumentsCondition does: `keccak256(abi.encode(documents))` over the
 * list in the order given (the same documents in another order make another requirement). Settlement terms name it
 * as `conditionData`, with the DocumentsCondition as `condition`.
 *
 * @throws {InvalidArgumentError} For an empty list, more than 16 documents, a document twice or an unknown type.
 */
export function requirementIdOf(documents: readonly RequiredDocumentInput[]): Hex {
  return requirementHash(assertRequirement(documents));
}

/** @internal {@link requirementIdOf} of a checked list. */
export function requirementHash(documents: readonly RequiredDocument[]): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        {
          type: "tuple[]",
          components: [
            { name: "documentType", type: "uint8" },
            { name: "documentId", type: "bytes32" },
          ],
        },
      ],
      [documents],
    ),
  );
}

// ---------------------------------------------------------------- types of the namespace

/** The statuses of a document version (`DocumentStatus`), in the contract's order. */
export const documentStatuses = ["none", "issued", "superseded", "revoked"] as const;
/**
 * A document version's status: `issued` (the current version, good), `superseded` (replaced by a later version),
 * `revoked` (withdrawn by its issuer: final), `none` (never registered).
 */
export type DocumentStatus = (typeof documentStatuses)[number];

/** A document's current version, as the registry records it (`documentOf`). */
export interface TradeDocument {
  /** The document's id. */
  documentId: Hex;
  /** Its type (on-chain id). */
  documentType: number;
  /** The standard name of the type, or `null` for a type the SDK does not name. */
  typeName: DocumentTypeName | null;
  /** The current version's status: `issued` or `revoked`. */
  status: DocumentStatus;
  /** The current version, from 1. */
  version: number;
  /** When the current version was registered. */
  issuedAt: Date;
  /** Who issued it (and alone may supersede or revoke it). */
  issuer: Address;
  /** The data owner, who alone may grant access to it (the `consent` namespace). */
  owner: Address;
  /** The eBL registry (or deal contract) it belongs to. */
  subjectContract: Address;
  /** The eBL's token id (or the deal id as a number). */
  subjectId: bigint;
  /** SHA-256 of the current version. */
  sha256Hash: Hex;
}

/**
 * A document's content as the SDK hashes it: a file's bytes, a JSON document (parsed, or JSON text), or the SHA-256
 * computed elsewhere ({@link hashDocumentFile}, {@link hashDocumentJson}).
 */
export type DocumentContent = { file: Uint8Array | ArrayBuffer } | { json: unknown } | { sha256Hash: Hex };

/**
 * What a document belongs to: an eBL (`tokenId`, in `registry`, default `addresses.eblRegistry`), a deal (`dealId`, in
 * `escrowedDeals`, default `addresses.escrowedDeals`), or any contract and id.
 */
export type DocumentSubject =
  | { tokenId: bigint; registry?: Address | undefined }
  | { dealId: Hex; escrowedDeals?: Address | undefined }
  | { subjectContract: Address; subjectId: bigint };

/** What {@link DocumentsNamespace.register} takes. */
export interface TradeDocumentRegistration {
  /** The document's type; the issuer (the client's account) must be verified as one of its issuer kinds. */
  documentType: DocumentType;
  /** The issuer's own number of the document (hashed: {@link documentReferenceOf}); it makes the id. */
  number: string;
  /** The data owner (the trader the data belongs to), a verified participant. */
  owner: Address;
  /** The eBL or deal it belongs to. */
  subject: DocumentSubject;
  /** The document (its bytes or JSON, hashed here) or its SHA-256. */
  document: DocumentContent;
}

/** The result of a write on the TradeDocumentRegistry. */
export type DocumentsWriteResult = WriteResult<typeof tradeDocumentRegistryAbi>;
/** The result of a write on the DocumentsCondition. */
export type DocumentsConditionWriteResult = WriteResult<typeof documentsConditionAbi>;

/** {@link DocumentsNamespace.register}'s result: the document's id and hash are known before it is mined. */
export type DocumentRegistrationResult = DocumentsWriteResult & {
  /** The document's id ({@link documentIdOf} the issuer, type and number). */
  documentId: Hex;
  /** The SHA-256 registered. */
  sha256Hash: Hex;
};

/** {@link DocumentsNamespace.supersede}'s result: `wait()` adds the new version (from `DocumentSuperseded`). */
export type DocumentSupersedeResult = WriteResult<typeof tradeDocumentRegistryAbi, { version: number }> & {
  /** The SHA-256 of the new version. */
  sha256Hash: Hex;
};

/** {@link DocumentsNamespace.defineRequirement}'s result: the requirement's id is known before it is mined. */
export type RequirementDefinitionResult = DocumentsConditionWriteResult & {
  /** The requirement's id ({@link requirementIdOf}). */
  requirementId: Hex;
};

/**
 * What a document in hand is, according to the registry ({@link DocumentsNamespace.verify}):
 * - `current`: it hashes to the current, issued version;
 * - `superseded`: it hashes to an earlier version (`version`); the current one is `document.version`;
 * - `revoked`: it hashes to a version of a document its issuer revoked;
 * - `mismatch`: it hashes to no version of the document (altered, or another document);
 * - `unknown`: no document has this id.
 */
export type TradeDocumentVerification =
  | MatchedVerification<"current">
  | MatchedVerification<"superseded">
  | MatchedVerification<"revoked">
  | {
      result: "mismatch";
      documentId: Hex;
      /** The hash of the document in hand. */
      sha256Hash: Hex;
      version: null;
      /** The document's current version on chain. */
      document: TradeDocument;
    }
  | { result: "unknown"; documentId: Hex; sha256Hash: Hex; version: null; document: null };

/** A {@link TradeDocumentVerification} whose document in hand hashes to a version of the document. */
export interface MatchedVerification<TResult extends "current" | "superseded" | "revoked"> {
  result: TResult;
  /** The document's id. */
  documentId: Hex;
  /** The hash of the document in hand. */
  sha256Hash: Hex;
  /** The version it hashes to. */
  version: number;
  /** The document's current version on chain. */
  document: TradeDocument;
}

/** Why a requirement fails, from the DocumentsCondition's error. */
export type RequirementFailure =
  "unknownRequirement" | "missing" | "revoked" | "wrongType" | "notBound" | "issuerNotQualified";

/** What {@link DocumentsNamespace.checkRequirement} finds, as a settlement would now. */
export type RequirementCheck =
  | { satisfied: true; requirementId: Hex }
  | {
      satisfied: false;
      requirementId: Hex;
      /** Why. */
      reason: RequirementFailure;
      /** The first document that fails (`null` for an unknown requirement). */
      documentId: Hex | null;
      /** The condition's error, with its explanation and hint. */
      error: ContractRevertError;
    };

/**
 * The `documents` namespace: trade documents bound to an eBL or a deal (TradeDocumentRegistry) and the document
 * requirements settlements can be conditioned on (DocumentsCondition). Issuers register, supersede and revoke;
 * anyone reads and verifies a document in hand against its registered hash.
 */
export interface DocumentsNamespace {
  /** The TradeDocumentRegistry's address. */
  readonly address: Address;
  /** The DocumentsCondition's address, if configured (`addresses.documentsCondition`). */
  readonly condition: Address | undefined;

  // ---------------------------------------------------------------- reads
  /** The participant kinds that may issue documents of a type now (empty: the type is not defined). */
  issuerKindsOf(documentType: DocumentType): Promise<ParticipantKind[]>;
  /** A document's current version, or `null` if no document has this id. */
  documentOf(documentId: Hex): Promise<TradeDocument | null>;
  /** The SHA-256 and status of one version of a document (`sha256Hash` `null` and status `none` if there is none). */
  versionOf(documentId: Hex, version: number): Promise<{ sha256Hash: Hex | null; status: DocumentStatus }>;
  /** Whether `sha256Hash` is the current, issued version of the document. */
  isCurrent(documentId: Hex, sha256Hash: Hex): Promise<boolean>;
  /** Whether the document's issuer is verified now as a kind that may issue its type. */
  isIssuerQualified(documentId: Hex): Promise<boolean>;
  /** The ids of the documents bound to an eBL or a deal, in order of registration (revoked ones included). */
  documentsOf(subject: DocumentSubject): Promise<Hex[]>;
  /** Hashes the document in hand and says what it is according to the registry ({@link TradeDocumentVerification}). */
  verify(documentId: Hex, content: DocumentContent): Promise<TradeDocumentVerification>;
  /**
   * {@link DocumentsNamespace.verify}, throwing unless the document in hand is the current, issued version; returns
   * the document's record.
   * @throws {DocumentMismatchError} When it hashes to no version of the document.
   * @throws {DocumentNotCurrentError} When it is superseded or revoked, or no document has this id.
   */
  requireCurrent(documentId: Hex, content: DocumentContent): Promise<TradeDocument>;

  // ---------------------------------------------------------------- issuers
  /**
   * Registers a document as version 1, issued by the client's account; the id and hash are returned at once.
   * @throws {CanonicalJsonError} When `document.json` is not JSON (nothing is sent).
   */
  register: WriteAction<[params: TradeDocumentRegistration], DocumentRegistrationResult>;
  /** Records a new version of a document the client's account issued; `wait()` gives the new version. */
  supersede: WriteAction<[params: { documentId: Hex; document: DocumentContent }], DocumentSupersedeResult>;
  /** Withdraws a document the client's account issued, with a reason (1 to 256 bytes, in the event only); final. */
  revoke: WriteAction<[params: { documentId: Hex; reason: string }], DocumentsWriteResult>;
  /** Defines a document type, or changes (empty list: disables) who may issue it (document admin). */
  setDocumentType: WriteAction<
    [params: { documentType: DocumentType; issuerKinds: readonly ParticipantKind[] }],
    DocumentsWriteResult
  >;

  // ---------------------------------------------------------------- requirements (DocumentsCondition)
  /**
   * Defines a requirement (idempotent; anyone): the documents a settlement naming it needs. Its id is returned at
   * once ({@link requirementIdOf}).
   * @throws {ContractNotConfiguredError} When `addresses.documentsCondition` was not given.
   */
  defineRequirement: WriteAction<[documents: readonly RequiredDocumentInput[]], RequirementDefinitionResult>;
  /** The requirement's id, computed locally ({@link requirementIdOf}). */
  requirementIdOf(documents: readonly RequiredDocumentInput[]): Hex;
  /** What a requirement lists (empty when it was never defined). */
  requirementOf(requirementId: Hex): Promise<RequiredDocument[]>;
  /**
   * Checks a requirement against an eBL (or any subject) now, as a settlement would: `satisfied`, or the reason and
   * the first document that fails.
   */
  checkRequirement(requirementId: Hex, subject: DocumentSubject): Promise<RequirementCheck>;
  /**
   * What settlement terms name to require these documents: `{ condition, conditionData }` for
   * `settlement.prepare` (the requirement must be defined before the settlement runs: {@link DocumentsNamespace.defineRequirement}).
   */
  conditionFor(documents: readonly RequiredDocumentInput[]): { condition: Address; conditionData: Hex };
}

/** @internal The members of the namespace that need no chain (given up front, not loaded lazily). */
export function documentsSyncMembers(
  address: Address,
  condition: Address | undefined,
): Pick<DocumentsNamespace, "address" | "condition" | "requirementIdOf" | "conditionFor"> {
  return {
    address,
    condition,
    requirementIdOf: (documents) => requirementHash(assertRequirement(documents)),
    conditionFor(documents) {
      if (condition === undefined) {
        throw new ContractNotConfiguredError(
          "documents.conditionFor",
          "DocumentsCondition (addresses.documentsCondition)",
        );
      }
      return { condition, conditionData: requirementHash(assertRequirement(documents)) };
    },
  };
}

// ---------------------------------------------------------------- errors

/** A document in hand does not hash to any version of the document the registry has under its id. */
export class DocumentMismatchError extends CargoRailsError {
  override name = "DocumentMismatchError";
  /** The document's id. */
  readonly documentId: Hex;
  /** The hash of the document in hand. */
  readonly sha256Hash: Hex;
  /** The hash of the current version on chain. */
  readonly currentHash: Hex;

  constructor(verification: Extract<TradeDocumentVerification, { result: "mismatch" }>) {
    super(
      `The document in hand (SHA-256 ${verification.sha256Hash}) is not any version of document ${verification.documentId}, whose current version ${verification.document.version} has SHA-256 ${verification.document.sha256Hash}.`,
      {
        hint: "The copy was altered, is another document, or was hashed another way: hash a file's exact bytes (hashDocumentFile) and a JSON document's canonical form (hashDocumentJson), as the issuer did.",
      },
    );
    this.documentId = verification.documentId;
    this.sha256Hash = verification.sha256Hash;
    this.currentHash = verification.document.sha256Hash;
  }
}

/** A document in hand is a superseded or revoked version, or no document has the id asked for. */
export class DocumentNotCurrentError extends CargoRailsError {
  override name = "DocumentNotCurrentError";
  /** What the document is: `superseded`, `revoked` or `unknown`. */
  readonly result: "superseded" | "revoked" | "unknown";
  /** The full verification. */
  readonly verification: TradeDocumentVerification;

  constructor(verification: Extract<TradeDocumentVerification, { result: "superseded" | "revoked" | "unknown" }>) {
    const { documentId, result } = verification;
    const shortMessage =
      verification.result === "unknown"
        ? `No trade document has the id ${documentId}.`
        : verification.result === "revoked"
          ? `Document ${documentId} was revoked by its issuer ${verification.document.issuer}.`
          : `The document in hand is version ${verification.version} of ${documentId}, superseded by version ${verification.document.version}.`;
    super(shortMessage, {
      hint:
        result === "unknown"
          ? "Check the id (documentIdOf(issuer, type, documentReferenceOf(number))) and that the registry is the one the issuer used."
          : result === "revoked"
            ? "A revoked document is no longer good (the reason is in its DocumentRevoked event): ask its issuer for a new one."
            : "Ask the issuer or the data owner for the current version.",
    });
    this.result = result;
    this.verification = verification;
  }
}
