import { hexToBigInt, stringToBytes, type Address, type Hex } from "viem";

import { documentsConditionAbi, tradeDocumentRegistryAbi } from "./abi/index.js";
import { ContractNotConfiguredError } from "./addresses.js";
import { ContractRevertError } from "./contractErrors.js";
import { documentTypeId, documentTypeName } from "./documentTypes.js";
import {
  DocumentMismatchError,
  DocumentNotCurrentError,
  assertRequirement,
  documentIdOf,
  documentReferenceOf,
  documentStatuses,
  documentsSyncMembers,
  hashDocumentFile,
  hashDocumentJson,
  requirementHash,
  type DocumentContent,
  type DocumentSubject,
  type DocumentsNamespace,
  type RequirementFailure,
  type TradeDocument,
  type TradeDocumentVerification,
} from "./documents.js";
import { enumName } from "./enums.js";
import { InvalidArgumentError } from "./errors.js";
import { assertAddress, assertBytes32 } from "./guards.js";
import {
  action,
  extendWait,
  readContract,
  senderOf,
  writeContract,
  type ContractContext,
} from "./internal/contract.js";
import { decodeKinds, encodeKinds } from "./participantKinds.js";

/** @internal What the namespace needs from the rest of the client. */
export interface DocumentsDependencies {
  /** The TradeDocumentRegistry. */
  ctx: ContractContext<typeof tradeDocumentRegistryAbi>;
  /** The DocumentsCondition, if configured. */
  condition: Address | undefined;
  /** The configured eBL registry, if any (the default subject contract of a `tokenId`). */
  eblRegistry: Address | undefined;
  /** The configured EscrowedDeals, if any (the default subject contract of a `dealId`). */
  escrowedDeals: Address | undefined;
}

/** The condition's errors, by the failure they mean. */
const FAILURES: Readonly<Record<string, RequirementFailure>> = {
  DocumentsUnknownRequirement: "unknownRequirement",
  DocumentsMissing: "missing",
  DocumentsRevoked: "revoked",
  DocumentsWrongType: "wrongType",
  DocumentsNotBound: "notBound",
  DocumentsIssuerNotQualified: "issuerNotQualified",
};

/** @internal The SHA-256 of a document's content as the SDK takes it. */
export function hashOfContent(content: DocumentContent, argument = "document"): Hex {
  if (typeof content === "object" && content !== null) {
    if ("file" in content) return hashDocumentFile(content.file);
    if ("json" in content) return hashDocumentJson(content.json);
    if ("sha256Hash" in content) {
      const hash = assertBytes32(content.sha256Hash, `${argument}.sha256Hash`);
      if (/^0x0{64}$/.test(hash)) throw new InvalidArgumentError(`${argument}.sha256Hash`, hash, "a non-zero SHA-256");
      return hash;
    }
  }
  throw new InvalidArgumentError(argument, content, "{ file: bytes }, { json: document } or { sha256Hash }");
}

/** @internal Builds the namespace; use {@link createCargoRails}. */
export function createDocuments(deps: DocumentsDependencies): DocumentsNamespace {
  const { ctx } = deps;
  const conditionCtx = () => {
    if (deps.condition === undefined) {
      throw new ContractNotConfiguredError(
        "documents.defineRequirement",
        "DocumentsCondition (addresses.documentsCondition)",
      );
    }
    return { ...ctx, address: deps.condition, abi: documentsConditionAbi };
  };
  const subjectOf = (subject: DocumentSubject | undefined): [Address, bigint] => {
    if (typeof subject !== "object" || subject === null) {
      throw new InvalidArgumentError("subject", subject, "{ tokenId }, { dealId } or { subjectContract, subjectId }");
    }
    if ("subjectContract" in subject) {
      if (typeof subject.subjectId !== "bigint" || subject.subjectId < 0n) {
        throw new InvalidArgumentError("subject.subjectId", subject.subjectId, "a uint256 as a bigint");
      }
      return [assertAddress(subject.subjectContract, "subject.subjectContract"), subject.subjectId];
    }
    if ("tokenId" in subject) {
      if (typeof subject.tokenId !== "bigint" || subject.tokenId < 0n) {
        throw new InvalidArgumentError("subject.tokenId", subject.tokenId, "the eBL's token id as a bigint");
      }
      const registry = subject.registry ?? deps.eblRegistry;
      if (registry === undefined) {
        throw new InvalidArgumentError(
          "subject.registry",
          undefined,
          "the eBL registry (none in addresses.eblRegistry)",
        );
      }
      return [assertAddress(registry, "subject.registry"), subject.tokenId];
    }
    if ("dealId" in subject) {
      const deals = subject.escrowedDeals ?? deps.escrowedDeals;
      if (deals === undefined) {
        throw new InvalidArgumentError(
          "subject.escrowedDeals",
          undefined,
          "the EscrowedDeals contract (none in addresses.escrowedDeals)",
        );
      }
      return [
        assertAddress(deals, "subject.escrowedDeals"),
        hexToBigInt(assertBytes32(subject.dealId, "subject.dealId")),
      ];
    }
    throw new InvalidArgumentError("subject", subject, "{ tokenId }, { dealId } or { subjectContract, subjectId }");
  };
  const versionNumber = (version: unknown) => {
    if (typeof version !== "number" || !Number.isInteger(version) || version < 1 || version >= 2 ** 32) {
      throw new InvalidArgumentError("version", version, "a version number from 1 (uint32)");
    }
    return version;
  };

  const documentOf = async (documentId: Hex): Promise<TradeDocument | null> => {
    const id = assertBytes32(documentId, "documentId");
    const d = await readContract(ctx, "documentOf", [id]);
    if (d.status === 0) return null;
    return {
      documentId: id,
      documentType: d.documentType,
      typeName: documentTypeName(d.documentType),
      status: enumName(documentStatuses, d.status),
      version: d.version,
      issuedAt: new Date(d.issuedAt * 1000),
      issuer: d.issuer,
      owner: d.owner,
      subjectContract: d.subjectContract,
      subjectId: d.subjectId,
      sha256Hash: d.sha256Hash,
    };
  };

  const verify = async (documentId: Hex, content: DocumentContent): Promise<TradeDocumentVerification> => {
    const id = assertBytes32(documentId, "documentId");
    const sha256Hash = hashOfContent(content, "content");
    const document = await documentOf(id);
    if (document === null) return { result: "unknown", documentId: id, sha256Hash, version: null, document: null };
    let version: number | null = null;
    if (document.sha256Hash === sha256Hash) version = document.version;
    else {
      // Earlier versions, newest first: a document rarely has more than a few.
      for (let v = document.version - 1; v >= 1 && version === null; v--) {
        const [hash] = await readContract(ctx, "versionOf", [id, v]);
        if (hash === sha256Hash) version = v;
      }
    }
    if (version === null) return { result: "mismatch", documentId: id, sha256Hash, version: null, document };
    const result = document.status === "revoked" ? "revoked" : version === document.version ? "current" : "superseded";
    return { result, documentId: id, sha256Hash, version, document } as TradeDocumentVerification;
  };

  const ns: DocumentsNamespace = {
    ...documentsSyncMembers(ctx.address, deps.condition),
    async issuerKindsOf(documentType) {
      return decodeKinds(await readContract(ctx, "issuerKindsOf", [documentTypeId(documentType)]));
    },
    documentOf,
    async versionOf(documentId, version) {
      const [hash, status] = await readContract(ctx, "versionOf", [
        assertBytes32(documentId, "documentId"),
        versionNumber(version),
      ]);
      return { sha256Hash: /^0x0{64}$/.test(hash) ? null : hash, status: enumName(documentStatuses, status) };
    },
    isCurrent: (documentId, sha256Hash) =>
      readContract(ctx, "isCurrent", [
        assertBytes32(documentId, "documentId"),
        assertBytes32(sha256Hash, "sha256Hash"),
      ]),
    isIssuerQualified: (documentId) =>
      readContract(ctx, "isIssuerQualified", [assertBytes32(documentId, "documentId")]),
    async documentsOf(subject) {
      return [...(await readContract(ctx, "documentsOf", subjectOf(subject)))];
    },
    verify,
    async requireCurrent(documentId, content) {
      const v = await verify(documentId, content);
      if (v.result === "current") return v.document;
      if (v.result === "mismatch") throw new DocumentMismatchError(v);
      throw new DocumentNotCurrentError(v);
    },

    register: action(1, async (call, p) => {
      if (typeof p !== "object" || p === null) {
        throw new InvalidArgumentError("params", p, "{ documentType, number, owner, subject, document }");
      }
      const documentType = documentTypeId(p.documentType);
      const documentReference = documentReferenceOf(p.number);
      const owner = assertAddress(p.owner, "owner");
      const [subjectContract, subjectId] = subjectOf(p.subject);
      const sha256Hash = hashOfContent(p.document);
      const issuer = senderOf(ctx, "documents.register", call);
      const result = await writeContract(
        ctx,
        "documents.register",
        "register",
        [documentType, documentReference, owner, subjectContract, subjectId, sha256Hash],
        call,
      );
      return { ...result, documentId: documentIdOf(issuer, documentType, documentReference), sha256Hash };
    }),
    supersede: action(1, async (call, p) => {
      const documentId = assertBytes32(p?.documentId, "documentId");
      const sha256Hash = hashOfContent(p.document);
      const result = await writeContract(ctx, "documents.supersede", "supersede", [documentId, sha256Hash], call);
      const extended = extendWait(result, ({ events }) => {
        for (const event of events) {
          if (
            event.contract === "TradeDocumentRegistry" &&
            event.eventName === "DocumentSuperseded" &&
            event.args.documentId === documentId
          ) {
            return { version: event.args.version };
          }
        }
        // A successful supersede always emits DocumentSuperseded.
        throw new InvalidArgumentError(
          "addresses.tradeDocumentRegistry",
          ctx.address,
          "a TradeDocumentRegistry (no DocumentSuperseded in the receipt)",
        );
      });
      return { ...extended, sha256Hash };
    }),
    revoke: action(1, async (call, p) => {
      const documentId = assertBytes32(p?.documentId, "documentId");
      const reason = p.reason;
      const bytes = typeof reason === "string" ? stringToBytes(reason).length : 0;
      if (bytes < 1 || bytes > 256) {
        throw new InvalidArgumentError("reason", reason, "why the document is revoked, 1 to 256 bytes of UTF-8");
      }
      return writeContract(ctx, "documents.revoke", "revoke", [documentId, reason], call);
    }),
    setDocumentType: action(1, async (call, p) => {
      const documentType = documentTypeId(p?.documentType);
      const kinds = p.issuerKinds;
      if (!Array.isArray(kinds)) {
        throw new InvalidArgumentError("issuerKinds", kinds, "a list of participant kinds (empty: disables the type)");
      }
      const mask = kinds.length === 0 ? 0 : encodeKinds(kinds, "issuerKinds");
      return writeContract(ctx, "documents.setDocumentType", "setDocumentType", [documentType, mask], call);
    }),

    defineRequirement: action(1, async (call, documents) => {
      const list = assertRequirement(documents);
      const result = await writeContract(
        conditionCtx(),
        "documents.defineRequirement",
        "defineRequirement",
        [list],
        call,
      );
      return { ...result, requirementId: requirementHash(list) };
    }),
    async requirementOf(requirementId) {
      const list = await readContract(conditionCtx(), "requirementOf", [assertBytes32(requirementId, "requirementId")]);
      return list.map((entry) => ({ documentType: entry.documentType, documentId: entry.documentId }));
    },
    async checkRequirement(requirementId, subject) {
      const id = assertBytes32(requirementId, "requirementId");
      const [registry, tokenId] = subjectOf(subject);
      try {
        await readContract(conditionCtx(), "check", [id, registry, tokenId]);
        return { satisfied: true, requirementId: id };
      } catch (error) {
        const reason = error instanceof ContractRevertError ? FAILURES[error.errorName] : undefined;
        if (reason === undefined) throw error;
        const first = (error as ContractRevertError).args[0];
        const documentId = reason === "unknownRequirement" ? null : (first as Hex);
        return { satisfied: false, requirementId: id, reason, documentId, error: error as ContractRevertError };
      }
    },
  };
  return ns;
}
