/**
 * The JSON shapes of DCSA's PINT 3.0 (EBL_PINT_v3.0.0.yaml) that the `@cargo-rails/sdk/pint` entry builds and
 * reads. Members the SDK does not use are kept (index signatures of `unknown`), as the schema allows them.
 */
import { type JsonValue } from "../canonicalJson.js";
import { type DcsaActionCode, type DcsaParty } from "../history.js";

/** A transport document: DCSA's `TransportDocument` object, as JSON. */
export type PintTransportDocument = { readonly [key: string]: JsonValue };

/** PINT 3.0's `Transaction.actionCode`. */
export type PintActionCode = DcsaActionCode | "SIGN";

/** PINT 3.0's `IdentifyingCode`. */
export interface PintIdentifyingCode {
  codeListProvider: string;
  partyCode: string;
  codeListName?: string;
}

/** PINT 3.0's `ActorParty` / `RecipientParty`: a party with its eBL platform and at least one identifying code. */
export type PintParty = DcsaParty;

/** PINT 3.0's `Transaction`: one action of the endorsement chain. */
export interface PintTransaction {
  actionCode: PintActionCode;
  actor: PintParty;
  recipient?: PintParty;
  /** RFC 3339 UTC with milliseconds. */
  actionDateTime: string;
  reasonCode?: string;
  comments?: string;
  auditReference?: string;
  [key: string]: unknown;
}

/** PINT 3.0's `DocumentMetadata`: a supporting document by name, size, media type and SHA-256 checksum. */
export interface PintDocumentMetadata {
  name: string;
  /** Bytes of the decoded document. */
  size: number;
  mediaType: string;
  /** Lower-case hex SHA-256 of the document's bytes (no `0x`). */
  documentChecksum: string;
}

/** PINT 3.0's `EnvelopeManifest`: the payload of `envelopeManifestSignedContent`. */
export interface PintEnvelopeManifest {
  transportDocumentChecksum: string;
  lastEnvelopeTransferChainEntrySignedContentChecksum: string;
  eBLVisualisationByCarrier?: PintDocumentMetadata;
  supportingDocuments?: PintDocumentMetadata[];
}

/** PINT 3.0's `IssuanceManifest`: the carrier's signed checksums of what it issued. */
export interface PintIssuanceManifest {
  documentChecksum: string;
  eBLVisualisationByCarrierChecksum?: string;
  issueToChecksum: string;
}

/** PINT 3.0's `EnvelopeTransferChainEntry`: the payload of one `envelopeTransferChain[]` JWS. */
export interface PintTransferChainEntry {
  eblPlatform: string;
  transportDocumentChecksum: string;
  previousEnvelopeTransferChainEntrySignedContentChecksum?: string;
  issuanceManifestSignedContent?: string;
  controlTrackingRegistry?: string;
  eBLVisualisationByCarrier?: PintDocumentMetadata;
  transactions: PintTransaction[];
}

/** PINT 3.0's `EblEnvelope`: what `POST /v3/envelopes` carries. */
export interface PintEnvelope {
  transportDocument: PintTransportDocument;
  /** JWS compact serialisation of a {@link PintEnvelopeManifest}. */
  envelopeManifestSignedContent: string;
  /** JWS compact serialisations of {@link PintTransferChainEntry}s, oldest first. */
  envelopeTransferChain: string[];
}

/** PINT 3.0's `EnvelopeTransferFinishedResponse.responseCode`. */
export type PintResponseCode = "RECE" | "DUPE" | "BSIG" | "BENV" | "INCD" | "MDOC" | "DISE";

/** PINT 3.0's `EnvelopeTransferFinishedResponse`: the receiver's answer, sent signed. */
export interface PintFinishedResponse {
  lastEnvelopeTransferChainEntrySignedContentChecksum: string;
  responseCode: PintResponseCode;
  /** For `DUPE`: the last chain entry (JWS) of the envelope accepted before. */
  duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent?: string;
  /** Free text (at most 255 characters); omitted with `RECE`. */
  reason?: string;
  /** With `MDOC`: the checksums of the documents still missing. */
  missingAdditionalDocumentChecksums?: string[];
  /** With `RECE` or `DUPE`: the checksums of the documents received. */
  receivedAdditionalDocumentChecksums?: string[];
}

/** A public key as a JSON Web Key (RFC 7517); `kid` names it in a JWKS. */
export interface PintJwk {
  kty: string;
  kid?: string;
  alg?: string;
  use?: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  [parameter: string]: unknown;
}

/** A JSON Web Key Set: what a platform publishes (e.g. at `/.well-known/jwks.json`). */
export interface PintJwks {
  keys: PintJwk[];
}

/** The JWS algorithms the SDK signs and accepts: ES256 (default), RS256, PS256. */
export type PintAlgorithm = "ES256" | "RS256" | "PS256";

/**
 * A WebCrypto `CryptoKey` (`crypto.subtle.generateKey`, `importKey`, or jose's `generateKeyPair`/`importPKCS8`), as
 * far as the SDK reads it. Declared here so the entry's types need neither the DOM library nor jose's.
 */
export interface PintCryptoKey {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: { readonly name: string };
  readonly usages: readonly string[];
}

/**
 * A platform's signing key: its private key (a WebCrypto `CryptoKey` or a private JWK), the `kid` its published
 * JWKS names the public key by (the `kid` header of every JWS), and the algorithm (default ES256).
 */
export interface PintSigner {
  kid: string;
  privateKey: PintCryptoKey | PintJwk;
  alg?: PintAlgorithm | undefined;
}

/** A document sent with an envelope (`PUT .../additional-documents/{checksum}`): its metadata and bytes. */
export interface PintDocument extends PintDocumentMetadata {
  /** The decoded bytes. */
  content: Uint8Array;
}
