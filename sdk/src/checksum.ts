import { sha256, stringToBytes, type Hex } from "viem";

import { canonicalJson, parseJsonText } from "./canonicalJson.js";

/**
 * The DCSA document checksum of a transport document, as a 0x-prefixed bytes32: SHA-256 (not keccak256) over the
 * UTF-8 bytes of the document's RFC 8785 canonical JSON ({@link canonicalJson}). Without the `0x` it is exactly
 * the `documentChecksum` that DCSA's issuance manifest and PINT carry, so any DCSA platform can check it; with the
 * `0x` it is what the eBL registry stores as the document hash.
 *
 * DCSA's issuance API (EBL_ISS 3.0) and PINT's `DocumentChecksum` name RFC 8785. PINT's
 * `EnvelopeManifest.transportDocumentChecksum` text links another canonical-JSON note instead; the two can differ,
 * notably on numbers with a fraction (`1231.1`), so compare with care when a peer platform computes that field.
 *
 * @param transportDocument The document as a parsed value, or as JSON text (parsed, then canonicalised: the
 * formatting and member order of the text do not matter).
 * @throws {CanonicalJsonError} When the value is not JSON (or the text does not parse).
 *
 * @example
 * ```ts
 * const hash = documentChecksum(transportDocument); // "0x…" (32 bytes)
 * const dcsaChecksum = hash.slice(2);              // DCSA's lower-case hex form
 * ```
 */
export function documentChecksum(transportDocument: unknown): Hex {
  const value = typeof transportDocument === "string" ? parseJsonText(transportDocument) : transportDocument;
  return sha256(stringToBytes(canonicalJson(value)));
}
