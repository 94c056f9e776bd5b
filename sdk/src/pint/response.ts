import { InvalidArgumentError } from "../errors.js";
import { signJws, verifyJws } from "./jws.js";
import { validatePintSchema } from "./schema.js";
import { type PintFinishedResponse, type PintJwks, type PintSigner } from "./types.js";

/**
 * Signs the receiver's answer to an envelope transfer (PINT's `EnvelopeTransferFinishedResponseSignedContent`):
 * a JWS of the response, `kid` header.
 *
 * @throws {InvalidArgumentError} When the response does not conform to DCSA's schema, or carries a member its
 * code does not take (`missingAdditionalDocumentChecksums` other than with MDOC, `duplicateOf...` other than with
 * DUPE, `receivedAdditionalDocumentChecksums` other than with RECE/DUPE, a `reason` with RECE).
 * @throws {PintKeyError} When the key cannot sign.
 */
export async function signResponse(response: PintFinishedResponse, signer: PintSigner): Promise<string> {
  const problem = await responseProblem(response);
  if (problem !== null) {
    throw new InvalidArgumentError(
      "response",
      response,
      "a PINT EnvelopeTransferFinishedResponse",
      `Fix the response: ${problem}.`,
    );
  }
  return signJws(response, signer);
}

async function responseProblem(response: unknown): Promise<string | null> {
  const invalid = await validatePintSchema("EnvelopeTransferFinishedResponse", response);
  if (invalid !== null) return `it does not conform to DCSA's schema (${invalid})`;
  const { responseCode: code, ...rest } = response as PintFinishedResponse;
  if (rest.missingAdditionalDocumentChecksums !== undefined && code !== "MDOC") {
    return "missingAdditionalDocumentChecksums goes with MDOC only";
  }
  if (code === "MDOC" && (rest.missingAdditionalDocumentChecksums ?? []).length === 0) {
    return "MDOC names the missing documents' checksums";
  }
  if (rest.duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent !== undefined && code !== "DUPE") {
    return "duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent goes with DUPE only";
  }
  if (rest.receivedAdditionalDocumentChecksums !== undefined && code !== "RECE" && code !== "DUPE") {
    return "receivedAdditionalDocumentChecksums goes with RECE or DUPE only";
  }
  if (rest.reason !== undefined && code === "RECE") return "RECE carries no reason";
  return null;
}

/** Options of {@link verifyResponse}. */
export interface VerifyResponseOptions {
  /** The receiving platform's published keys. */
  keys: PintJwks;
  /** The checksum of the last chain entry of the envelope sent: the response must name it. */
  lastEntryChecksum?: string | undefined;
}

/** {@link verifyResponse}'s result. */
export type ResponseVerification =
  { ok: true; response: PintFinishedResponse; kid: string } | { ok: false; reason: string };

/**
 * Verifies a receiver's signed response: the signature against its published keys by `kid`, the payload against
 * DCSA's schema and the member rules {@link signResponse} enforces, and (when given) the envelope it answers.
 * Never throws: a response that does not verify must not be acted on (PINT: the HTTP status is not signed).
 */
export async function verifyResponse(
  signedContent: unknown,
  options: VerifyResponseOptions,
): Promise<ResponseVerification> {
  const verified = await verifyJws(signedContent, options.keys);
  if (!verified.ok) return { ok: false, reason: verified.reason };
  const problem = await responseProblem(verified.payload);
  if (problem !== null) return { ok: false, reason: `the response is malformed: ${problem}` };
  const response = verified.payload as PintFinishedResponse;
  if (
    options.lastEntryChecksum !== undefined &&
    response.lastEnvelopeTransferChainEntrySignedContentChecksum !== options.lastEntryChecksum
  ) {
    return { ok: false, reason: "the response answers another envelope (its last chain entry checksum differs)" };
  }
  return { ok: true, response, kid: verified.kid };
}
