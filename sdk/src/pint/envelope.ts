import { type Address, type Hex } from "viem";

import { documentChecksum } from "../checksum.js";
import { canonicalJson, type JsonValue } from "../canonicalJson.js";
import { type EblHistory, type EblHistoryEntry } from "../history.js";
import { pintActionsFromHistory, pintPartyOf, type PintPartyOptions } from "./actions.js";
import { PintBuildError } from "./errors.js";
import { bytesChecksum, signJws, signedContentChecksum, unverifiedPayload } from "./jws.js";
import {
  type PintDocument,
  type PintDocumentMetadata,
  type PintEnvelope,
  type PintEnvelopeManifest,
  type PintIssuanceManifest,
  type PintParty,
  type PintSigner,
  type PintTransaction,
  type PintTransferChainEntry,
  type PintTransportDocument,
} from "./types.js";
import { sha256, stringToBytes } from "viem";

/** A document to send with an envelope: name, media type and bytes (size and checksum are computed). */
export interface PintDocumentInput {
  name: string;
  mediaType: string;
  content: Uint8Array;
}

/** The last transaction of an envelope: what hands the eBL to a party on the receiving platform. */
export interface PintTransferInput {
  /** The party on the receiving platform (its `eblPlatform` is the receiver's code). */
  recipient: PintParty;
  /** Default `TRANSFER` (possession). */
  actionCode?:
    "TRANSFER" | "ENDORSE" | "ENDORSE_TO_ORDER" | "SURRENDER_FOR_DELIVERY" | "SURRENDER_FOR_AMENDMENT" | undefined;
  /** Who acts (default: the holder after the history's last entry). */
  actor?: Address | undefined;
  /** When (default: now). */
  actionDateTime?: Date | undefined;
  /** PINT `reasonCode` (SURRENDER_FOR_AMENDMENT: `SWTP`, `COD`, `SWI`). */
  reasonCode?: string | undefined;
  /** PINT `comments` (1..255 characters). */
  comments?: string | undefined;
}

/** What {@link buildEnvelope} needs. */
export interface BuildEnvelopeInput extends PintPartyOptions {
  /** The transport document of the eBL's current version: its checksum must be the registry's document hash. */
  transportDocument: PintTransportDocument;
  /** The eBL's history, as `ebl.history(tokenId)` returns it (read to the latest block). */
  history: EblHistory;
  /** The platform's signing key: signs the new chain entry and the manifest. */
  signer: PintSigner;
  /** The carrier's key for the issuance manifest of a chain that starts here (default: `signer`). */
  issuer?: PintSigner | undefined;
  /** The hand-over to the receiving platform's party; without it the envelope only carries the history. */
  transfer?: PintTransferInput | undefined;
  /**
   * The transfer chain the eBL arrived with from another platform (its envelope's `envelopeTransferChain`), kept as
   * is: the new entry links to its last entry and carries the history after the eBL's last IMPORT.
   */
  previousChain?: readonly string[] | undefined;
  /** Supporting documents, sent separately and named in the manifest by SHA-256. */
  supportingDocuments?: readonly PintDocumentInput[] | undefined;
  /** The carrier's rendering of the B/L, named in the manifest and in a chain that starts here. */
  eBLVisualisationByCarrier?: PintDocumentInput | undefined;
  /** The Control Tracking Registry's base URI, for a chain that starts here. */
  controlTrackingRegistry?: string | undefined;
}

/** {@link buildEnvelope}'s result. */
export interface BuiltEnvelope {
  /** The PINT 3.0 `EblEnvelope` to POST to the receiver's `/v3/envelopes`. */
  envelope: PintEnvelope;
  /** The manifest the envelope's `envelopeManifestSignedContent` signs. */
  manifest: PintEnvelopeManifest;
  /** The entry this platform appended (the payload of the chain's last JWS). */
  entry: PintTransferChainEntry;
  /** Lower-case hex SHA-256 of the chain's last JWS: what the receiver's response names. */
  lastEntryChecksum: string;
  /** Lower-case hex SHA-256 of the transport document's RFC 8785 form. */
  transportDocumentChecksum: string;
  /** The supporting documents (and the visualisation) to PUT to `additional-documents/{checksum}`. */
  documents: PintDocument[];
}

/** The metadata of a document: its size and SHA-256 checksum. */
export function pintDocument(input: PintDocumentInput): PintDocument {
  return {
    name: input.name,
    size: input.content.byteLength,
    mediaType: input.mediaType,
    documentChecksum: bytesChecksum(input.content),
    content: input.content,
  };
}

function metadata(document: PintDocument): PintDocumentMetadata {
  const { name, size, mediaType, documentChecksum: checksum } = document;
  return { name, size, mediaType, documentChecksum: checksum };
}

/** The document hash the registry holds for the eBL after its history: that of its last issue, amendment or import. */
/** The time of the last transaction of a chain entry (a JWS this platform received and verified). */
function lastActionTime(entry: string): number {
  const transactions = unverifiedPayload(entry)?.transactions;
  const time = Array.isArray(transactions)
    ? Date.parse(String((transactions.at(-1) as { actionDateTime?: unknown } | undefined)?.actionDateTime))
    : NaN;
  if (Number.isNaN(time)) {
    throw new PintBuildError(
      "previous-chain",
      "The last entry of `previousChain` has no dated transaction.",
      "Pass the chain exactly as it arrived (the verified envelope's `envelopeTransferChain`).",
    );
  }
  return time;
}

function currentDocumentHash(entries: readonly EblHistoryEntry[]): Hex | undefined {
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index]!;
    if (entry.action === "ISSUE" || entry.action === "AMENDMENT_ISSUED" || entry.action === "IMPORT") {
      return entry.documentHash;
    }
  }
  return undefined;
}

/**
 * Builds the PINT 3.0 envelope of one of our eBLs from its on-chain history.
 *
 * A chain that starts here (no `previousChain`) has one entry: the carrier-signed issuance manifest and the history's
 * transactions from the last ISSUE (an amended eBL starts a new chain, as PINT says) followed by `transfer`. With
 * `previousChain`, the chain is kept and one entry is appended with the transactions after the eBL's last IMPORT.
 * The entry and the manifest are JWSs signed with `signer` (`kid` header). The manifest names the transport
 * document's checksum, the last entry's checksum and the supporting documents.
 *
 * @throws {PintBuildError} When the history has no issue (or, with a previous chain, no import), when the transport
 * document is not the version the registry holds, or when `previousChain` is empty.
 * @throws {PintKeyError} When a key cannot sign.
 */
export async function buildEnvelope(input: BuildEnvelopeInput): Promise<BuiltEnvelope> {
  const { history, platform } = input;
  const transportDocumentChecksum = documentChecksum(input.transportDocument).slice(2);
  const onChain = currentDocumentHash(history.entries);
  if (onChain === undefined) {
    throw new PintBuildError(
      "no-issue",
      `The history of eBL ${history.tokenId} has no issue.`,
      "Read the history from the registry's deployment block (ebl.history(tokenId) without fromBlock), to the latest block.",
    );
  }
  if (onChain.slice(2) !== transportDocumentChecksum) {
    throw new PintBuildError(
      "document-mismatch",
      "The transport document is not the version the registry holds for this eBL.",
      "Pass the document whose RFC 8785 SHA-256 (documentChecksum) is the registry's document hash of the current version.",
      `document checksum ${transportDocumentChecksum}, registry ${onChain.slice(2)}`,
    );
  }
  const all = pintActionsFromHistory(history, input);
  const previous = input.previousChain;
  let transactions: PintTransaction[];
  let floor = -Infinity; // the time of the previous chain's last transaction
  if (previous === undefined) {
    const issued = all.map((transaction) => transaction.actionCode).lastIndexOf("ISSUE");
    transactions = all.slice(issued); // the history has an issue: `issued` >= 0
  } else {
    if (previous.length === 0) {
      throw new PintBuildError(
        "empty-chain",
        "`previousChain` is empty.",
        "Pass the chain the eBL arrived with, or none for a chain that starts here.",
      );
    }
    const imported = history.entries.map((entry) => entry.action).lastIndexOf("IMPORT");
    if (imported < 0) {
      throw new PintBuildError(
        "previous-chain",
        `eBL ${history.tokenId} did not arrive from another platform: its history has no import.`,
        "Pass `previousChain` only for an eBL imported from another platform.",
      );
    }
    transactions = pintActionsFromHistory({ ...history, entries: history.entries.slice(imported + 1) }, input);
    // Our actions are dated by our chain's blocks, the hand-over that brought the eBL by the sending platform's
    // clock: the two may disagree. Every action here came after that hand-over, so none is dated before it (the
    // receiver requires non-decreasing times along the chain).
    floor = lastActionTime(previous.at(-1)!);
    transactions = transactions.map((transaction) =>
      Date.parse(transaction.actionDateTime) >= floor
        ? transaction
        : { ...transaction, actionDateTime: new Date(floor).toISOString() },
    );
  }
  if (input.transfer !== undefined) {
    const last = history.entries.at(-1)!;
    const actor = input.transfer.actor ?? last.holder;
    if (actor === null) {
      throw new PintBuildError(
        "party",
        "The eBL has no holder: it cannot be transferred.",
        "Build the envelope of a live eBL.",
      );
    }
    transactions.push({
      actionCode: input.transfer.actionCode ?? "TRANSFER",
      actor: input.party?.(actor) ?? pintPartyOf(actor, history.chainId, platform),
      recipient: input.transfer.recipient,
      // Default: now, but never before the last action on chain (a block's time may run ahead of this clock).
      actionDateTime: (
        input.transfer.actionDateTime ?? new Date(Math.max(Date.now(), last.time.getTime(), floor))
      ).toISOString(),
      ...(input.transfer.reasonCode === undefined ? {} : { reasonCode: input.transfer.reasonCode }),
      ...(input.transfer.comments === undefined ? {} : { comments: input.transfer.comments }),
    });
  }
  if (transactions.length === 0) {
    throw new PintBuildError(
      "empty-chain",
      "The new chain entry would have no transaction.",
      "Pass `transfer` (the hand-over to the receiving platform's party).",
    );
  }
  const visualisation =
    input.eBLVisualisationByCarrier === undefined ? undefined : pintDocument(input.eBLVisualisationByCarrier);
  const supporting = (input.supportingDocuments ?? []).map(pintDocument);
  const startsHere = previous === undefined;
  const entry: PintTransferChainEntry = {
    eblPlatform: platform,
    transportDocumentChecksum,
    ...(startsHere
      ? {
          issuanceManifestSignedContent: await signJws(
            issuanceManifest(transportDocumentChecksum, transactions[0]!, visualisation),
            input.issuer ?? input.signer,
          ),
        }
      : { previousEnvelopeTransferChainEntrySignedContentChecksum: signedContentChecksum(previous.at(-1)!) }),
    ...(startsHere && input.controlTrackingRegistry !== undefined
      ? { controlTrackingRegistry: input.controlTrackingRegistry }
      : {}),
    ...(visualisation === undefined ? {} : { eBLVisualisationByCarrier: metadata(visualisation) }),
    transactions,
  };
  const chain = [...(previous ?? []), await signJws(entry, input.signer)];
  const lastEntryChecksum = signedContentChecksum(chain.at(-1)!);
  const manifest: PintEnvelopeManifest = {
    transportDocumentChecksum,
    lastEnvelopeTransferChainEntrySignedContentChecksum: lastEntryChecksum,
    ...(visualisation === undefined ? {} : { eBLVisualisationByCarrier: metadata(visualisation) }),
    ...(supporting.length === 0 ? {} : { supportingDocuments: supporting.map(metadata) }),
  };
  return {
    envelope: {
      transportDocument: input.transportDocument,
      envelopeManifestSignedContent: await signJws(manifest, input.signer),
      envelopeTransferChain: chain,
    },
    manifest,
    entry,
    lastEntryChecksum,
    transportDocumentChecksum,
    documents: [...(visualisation === undefined ? [] : [visualisation]), ...supporting],
  };
}

/** The issuance manifest of a chain: the document, the visualisation and the ISSUE's recipient (`issueTo`) by checksum. */
function issuanceManifest(
  transportDocumentChecksum: string,
  issue: PintTransaction,
  visualisation: PintDocument | undefined,
): PintIssuanceManifest {
  return {
    documentChecksum: transportDocumentChecksum,
    ...(visualisation === undefined ? {} : { eBLVisualisationByCarrierChecksum: visualisation.documentChecksum }),
    issueToChecksum: issueToChecksum(issue.recipient),
  };
}

/** SHA-256 of the RFC 8785 form of the ISSUE's recipient (PINT's `issueTo`), lower-case hex. */
export function issueToChecksum(issueTo: unknown): string {
  return sha256(stringToBytes(canonicalJson((issueTo ?? null) as JsonValue))).slice(2);
}
