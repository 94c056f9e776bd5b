import { type CanonicalJsonError } from "../canonicalJson.js";
import { documentChecksum } from "../checksum.js";
import { issueToChecksum } from "./envelope.js";
import { bytesChecksum, signedContentChecksum, unverifiedPayload, verifyJws } from "./jws.js";
import { validatePintSchema } from "./schema.js";
import {
  type PintDocumentMetadata,
  type PintEnvelopeManifest,
  type PintIssuanceManifest,
  type PintJwks,
  type PintTransaction,
  type PintTransferChainEntry,
  type PintTransportDocument,
} from "./types.js";

/**
 * The published keys of the platforms an envelope's JWSs come from: a JWKS per PINT `eblPlatform` code, or a
 * function that returns it (`undefined` for a platform whose keys are not known: its signatures count as unknown
 * keys, BSIG).
 */
export type PintKeyring = Readonly<Record<string, PintJwks>> | ((platform: string) => PintJwks | undefined);

/** Options of {@link verifyEnvelope}. */
export interface VerifyEnvelopeOptions {
  /** The platforms' published keys, by `eblPlatform` code. */
  keys: PintKeyring;
  /** The carriers' keys for issuance manifests (default: the keys of the first entry's platform). */
  issuerKeys?: PintJwks | undefined;
  /** The receiving platform's code: when given, the last transaction's recipient must be on it. */
  receivingPlatform?: string | undefined;
  /** The time to check the transactions against (default: now); none may be dated more than 5 minutes after it. */
  now?: Date | undefined;
}

/** One chain entry that verified: its JWS, the JWS's checksum, the payload and the key that signed it. */
export interface VerifiedChainEntry {
  signedContent: string;
  /** Lower-case hex SHA-256 of `signedContent`. */
  checksum: string;
  entry: PintTransferChainEntry;
  kid: string;
}

/** An envelope that passed every check of {@link verifyEnvelope}. */
export interface VerifiedEnvelope {
  ok: true;
  transportDocument: PintTransportDocument;
  /** Lower-case hex SHA-256 of the transport document's RFC 8785 form (equal to the manifest's and every entry's). */
  transportDocumentChecksum: string;
  manifest: PintEnvelopeManifest;
  /** The manifest's signing key. */
  manifestKid: string;
  chain: VerifiedChainEntry[];
  /** Every transaction of the chain, oldest first. */
  transactions: PintTransaction[];
  /** Checksum of the chain's last JWS: what the signed response names. */
  lastEntryChecksum: string;
  /** The documents the receiver must get before it accepts: the visualisation, if any, then the supporting documents. */
  documents: PintDocumentMetadata[];
}

/** An envelope refused: the PINT response code the standard names, and why. */
export interface RefusedEnvelope {
  ok: false;
  /** `BSIG`: a signature does not verify or its key is unknown; `BENV`: anything else wrong with the envelope. */
  responseCode: "BSIG" | "BENV";
  /** What is wrong, in one sentence (fits PINT's 255-character `reason`). */
  reason: string;
}

/** {@link verifyEnvelope}'s result. */
export type EnvelopeVerification = VerifiedEnvelope | RefusedEnvelope;

const SKEW_MS = 5 * 60_000;

const bsig = (reason: string): RefusedEnvelope => ({ ok: false, responseCode: "BSIG", reason: reason.slice(0, 255) });
const benv = (reason: string): RefusedEnvelope => ({ ok: false, responseCode: "BENV", reason: reason.slice(0, 255) });

function keysOf(keys: PintKeyring, platform: string): PintJwks | undefined {
  return typeof keys === "function" ? keys(platform) : Object.hasOwn(keys, platform) ? keys[platform] : undefined;
}

/** The `eblPlatform` of a chain entry's payload, read before its signature is checked (to pick the platform's keys). */
function claimedPlatform(jws: string): string | undefined {
  const platform = unverifiedPayload(jws)?.eblPlatform;
  return typeof platform === "string" ? platform : undefined;
}

/**
 * Verifies a PINT 3.0 envelope received from another platform. Never throws on bad input: the result is either the
 * verified content or the response code PINT names for the refusal.
 *
 * Checks, in order: the envelope against DCSA's `EblEnvelope` schema (BENV); every chain entry's JWS against its
 * platform's published keys by `kid` (unknown key or bad signature: BSIG) and its payload against
 * `EnvelopeTransferChainEntry` (BENV); the links (the first entry has no previous checksum, each other names the
 * SHA-256 of the JWS before it: BENV); the first transaction is the only ISSUE and nothing follows an SACC; the
 * first entry's issuance manifest (carrier's signature: BSIG; its document and `issueTo` checksums: BENV); every
 * entry's transport document checksum equals the document's RFC 8785 SHA-256 (BENV); the manifest's signature (the
 * last entry's platform: BSIG), schema, document checksum and last-entry checksum (BENV); transactions in time order
 * and not in the future; the last recipient on `receivingPlatform` when given.
 *
 * The supporting documents are checked as they arrive: {@link verifyAdditionalDocument}, {@link missingDocuments}.
 */
export async function verifyEnvelope(envelope: unknown, options: VerifyEnvelopeOptions): Promise<EnvelopeVerification> {
  try {
    return await verify(envelope, options);
  } catch (error) {
    // Every check above returns a refusal; what throws is a malformed value reaching a library (a defect, or input
    // no schema describes): refuse the envelope rather than the caller.
    return benv(
      `the envelope cannot be read: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    );
  }
}

async function verify(envelope: unknown, options: VerifyEnvelopeOptions): Promise<EnvelopeVerification> {
  const violation = await validatePintSchema("EblEnvelope", envelope);
  if (violation !== null) return benv(`the envelope does not conform to DCSA's EblEnvelope schema: ${violation}`);
  const { transportDocument, envelopeManifestSignedContent, envelopeTransferChain } = envelope as {
    transportDocument: PintTransportDocument;
    envelopeManifestSignedContent: string;
    envelopeTransferChain: string[];
  };

  // Signatures first: a tampered byte anywhere in a JWS is a bad signature, whatever else it breaks.
  const chain: VerifiedChainEntry[] = [];
  for (const [index, signedContent] of envelopeTransferChain.entries()) {
    const platform = claimedPlatform(signedContent);
    const verified = await verifyJws(
      signedContent,
      platform === undefined ? undefined : keysOf(options.keys, platform),
    );
    if (!verified.ok) {
      return verified.badSignature
        ? bsig(`chain entry ${index}${platform === undefined ? "" : ` (${platform})`}: ${verified.reason}`)
        : benv(`chain entry ${index}: ${verified.reason}`);
    }
    const invalid = await validatePintSchema("EnvelopeTransferChainEntry", verified.payload);
    if (invalid !== null) return benv(`chain entry ${index} does not conform to DCSA's schema: ${invalid}`);
    chain.push({
      signedContent,
      checksum: signedContentChecksum(signedContent),
      entry: verified.payload as PintTransferChainEntry,
      kid: verified.kid,
    });
  }
  const last = chain.at(-1)!; // the schema requires at least one entry
  const manifestSignature = await verifyJws(
    envelopeManifestSignedContent,
    keysOf(options.keys, last.entry.eblPlatform),
  );
  if (!manifestSignature.ok) {
    return manifestSignature.badSignature
      ? bsig(`envelope manifest (${last.entry.eblPlatform}): ${manifestSignature.reason}`)
      : benv(`envelope manifest: ${manifestSignature.reason}`);
  }
  const first = chain[0]!.entry;
  let issuance: unknown;
  if (first.issuanceManifestSignedContent === undefined) {
    return benv("the first chain entry has no issuanceManifestSignedContent");
  } else {
    const verified = await verifyJws(
      first.issuanceManifestSignedContent,
      options.issuerKeys ?? keysOf(options.keys, first.eblPlatform),
    );
    if (!verified.ok) {
      return verified.badSignature
        ? bsig(`issuance manifest: ${verified.reason}`)
        : benv(`issuance manifest: ${verified.reason}`);
    }
    issuance = verified.payload;
  }

  // Links and order.
  for (const [index, { entry }] of chain.entries()) {
    const previous = entry.previousEnvelopeTransferChainEntrySignedContentChecksum;
    if (index === 0) {
      if (previous !== undefined) return benv("the first chain entry names a previous entry");
    } else {
      if (previous !== chain[index - 1]!.checksum) {
        return benv(`chain entry ${index} does not link to entry ${index - 1} (a broken or forked chain)`);
      }
      if (entry.issuanceManifestSignedContent !== undefined || entry.controlTrackingRegistry !== undefined) {
        return benv(`chain entry ${index} carries what only the first entry may (issuance manifest, CTR)`);
      }
    }
  }
  const transactions = chain.flatMap(({ entry }) => entry.transactions);
  if (transactions[0]!.actionCode !== "ISSUE") return benv("the chain does not start with an ISSUE transaction");
  if (transactions.slice(1).some((transaction) => transaction.actionCode === "ISSUE")) {
    return benv("the chain has more than one ISSUE transaction");
  }
  const accepted = transactions.findIndex((transaction) => transaction.actionCode === "SACC");
  if (accepted >= 0 && accepted < transactions.length - 1) {
    return benv("the chain has transactions after an accepted surrender (SACC)");
  }
  const limit = (options.now ?? new Date()).getTime() + SKEW_MS;
  let before = -Infinity;
  for (const [index, transaction] of transactions.entries()) {
    const time = Date.parse(transaction.actionDateTime);
    if (!(time >= before)) return benv(`transaction ${index} is dated before the one it follows`);
    if (time > limit) return benv(`transaction ${index} is dated in the future`);
    before = time;
  }

  // The transport document against what the chain, the issuance and the manifest say.
  let transportDocumentChecksum: string;
  try {
    transportDocumentChecksum = documentChecksum(transportDocument).slice(2);
  } catch (error) {
    return benv(`the transport document cannot be canonicalised: ${(error as CanonicalJsonError).shortMessage}`);
  }
  const issuanceInvalid = await validatePintSchema("IssuanceManifest", issuance);
  if (issuanceInvalid !== null)
    return benv(`the issuance manifest does not conform to DCSA's schema: ${issuanceInvalid}`);
  const issued = issuance as PintIssuanceManifest;
  if (issued.documentChecksum !== transportDocumentChecksum) {
    return benv("the issuance manifest's document checksum is not the transport document's");
  }
  if (issued.issueToChecksum !== issueToChecksum(transactions[0]!.recipient)) {
    return benv("the issuance manifest's issueTo checksum is not that of the ISSUE's recipient");
  }
  for (const [index, { entry }] of chain.entries()) {
    if (entry.transportDocumentChecksum !== transportDocumentChecksum) {
      return benv(`chain entry ${index} names another transport document (its checksum differs)`);
    }
  }
  const manifestInvalid = await validatePintSchema("EnvelopeManifest", manifestSignature.payload);
  if (manifestInvalid !== null)
    return benv(`the envelope manifest does not conform to DCSA's schema: ${manifestInvalid}`);
  const manifest = manifestSignature.payload as PintEnvelopeManifest;
  if (manifest.transportDocumentChecksum !== transportDocumentChecksum) {
    return benv("the manifest's transport document checksum is not the document's");
  }
  if (manifest.lastEnvelopeTransferChainEntrySignedContentChecksum !== last.checksum) {
    return benv("the manifest's last chain entry checksum is not that of the chain's last entry");
  }
  const visualisation = manifest.eBLVisualisationByCarrier;
  if (visualisation !== undefined) {
    const same = (other: PintDocumentMetadata | undefined) =>
      other === undefined ||
      (other.documentChecksum === visualisation.documentChecksum && other.size === visualisation.size);
    if (!chain.every(({ entry }) => same(entry.eBLVisualisationByCarrier))) {
      return benv("a chain entry names another eBLVisualisationByCarrier than the manifest");
    }
    if (
      issued.eBLVisualisationByCarrierChecksum !== undefined &&
      issued.eBLVisualisationByCarrierChecksum !== visualisation.documentChecksum
    ) {
      return benv("the issuance manifest names another eBLVisualisationByCarrier than the manifest");
    }
  }
  const recipient = transactions.at(-1)!.recipient;
  if (options.receivingPlatform !== undefined && recipient?.eblPlatform !== options.receivingPlatform) {
    return benv(`the last transaction's recipient is not on platform ${options.receivingPlatform}`);
  }
  const documents = [...(visualisation === undefined ? [] : [visualisation]), ...(manifest.supportingDocuments ?? [])];
  const checksums = documents.map((document) => document.documentChecksum);
  if (new Set(checksums).size !== checksums.length) return benv("the manifest names a document twice");
  return {
    ok: true,
    transportDocument,
    transportDocumentChecksum,
    manifest,
    manifestKid: manifestSignature.kid,
    chain,
    transactions,
    lastEntryChecksum: last.checksum,
    documents,
  };
}

/** {@link verifyAdditionalDocument}'s result. */
export type AdditionalDocumentVerification =
  { ok: true; document: PintDocumentMetadata } | { ok: false; responseCode: "INCD"; reason: string };

/**
 * Checks a document received for an envelope (`PUT .../additional-documents/{checksum}`): the manifest must name
 * `checksum`, and the bytes must have that SHA-256 and the size the manifest gives. Refusal: INCD. Never throws.
 *
 * @param documents The verified envelope's `documents`.
 */
export function verifyAdditionalDocument(
  documents: readonly PintDocumentMetadata[],
  checksum: string,
  content: Uint8Array,
): AdditionalDocumentVerification {
  const document = documents.find((candidate) => candidate.documentChecksum === checksum);
  if (document === undefined)
    return { ok: false, responseCode: "INCD", reason: `the manifest names no document ${checksum}` };
  if (bytesChecksum(content) !== checksum) {
    return { ok: false, responseCode: "INCD", reason: `the document's SHA-256 is not ${checksum}` };
  }
  if (content.byteLength !== document.size) {
    return {
      ok: false,
      responseCode: "INCD",
      reason: `the document has ${content.byteLength} bytes, the manifest says ${document.size}`,
    };
  }
  return { ok: true, document };
}

/**
 * The checksums of the documents the manifest names that have not been received yet: while it is not empty the
 * receiver answers a finish request with MDOC and these as `missingAdditionalDocumentChecksums`.
 */
export function missingDocuments(documents: readonly PintDocumentMetadata[], received: Iterable<string>): string[] {
  const have = new Set(received);
  return documents.map((document) => document.documentChecksum).filter((checksum) => !have.has(checksum));
}
