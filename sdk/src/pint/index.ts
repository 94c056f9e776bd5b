/**
 * @packageDocumentation
 * `@cargo-rails/sdk/pint`: DCSA PINT 3.0 (eBL Platform Interoperability) for the rails' eBLs. Build the envelope of
 * one of our eBLs from its on-chain history (transport document, signed manifest, supporting documents by SHA-256,
 * hash-linked transfer chain of JWS-signed entries), verify an envelope received from another platform (DCSA's
 * schema, signatures by the sender's published keys, the checksum chain), sign and verify the receiver's
 * responses, and map PINT actions to the registry's. In an entry of its own: `createCargoRails`'s bundle does not
 * carry it (nor `jose` and `ajv`).
 *
 * @example
 * ```ts
 * import { buildEnvelope, verifyEnvelope } from "@cargo-rails/sdk/pint";
 *
 * const history = await rails.ebl.history(tokenId);
 * const { envelope, documents } = await buildEnvelope({ transportDocument, history, platform: "CRLS", signer,
 *   transfer: { recipient } });
 * const result = await verifyEnvelope(envelope, { keys: { CRLS: jwks } }); // { ok: true, ... } | { ok: false, responseCode }
 * ```
 */
export {
  addressOfPintParty,
  pintActionsFromHistory,
  pintPartyOf,
  registryActionOf,
  type PintPartyOptions,
} from "./actions.js";
export {
  buildEnvelope,
  issueToChecksum,
  pintDocument,
  type BuildEnvelopeInput,
  type BuiltEnvelope,
  type PintDocumentInput,
  type PintTransferInput,
} from "./envelope.js";
export { PintBuildError, PintKeyError, type PintBuildErrorReason } from "./errors.js";
export {
  bytesChecksum,
  generatePintKeyPair,
  signedContentChecksum,
  signJws,
  verifyJws,
  type JwsVerification,
  type PintKeyPair,
} from "./jws.js";
export { signResponse, verifyResponse, type ResponseVerification, type VerifyResponseOptions } from "./response.js";
export { DCSA_PINT_VERSION, fromOpenApi30, validatePintSchema, type PintSchemaName } from "./schema.js";
export type * from "./types.js";
export {
  missingDocuments,
  verifyAdditionalDocument,
  verifyEnvelope,
  type AdditionalDocumentVerification,
  type EnvelopeVerification,
  type PintKeyring,
  type RefusedEnvelope,
  type VerifiedChainEntry,
  type VerifiedEnvelope,
  type VerifyEnvelopeOptions,
} from "./verify.js";
