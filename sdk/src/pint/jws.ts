import {
  base64url,
  CompactSign,
  compactVerify,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from "jose";
import { sha256, stringToBytes } from "viem";

import { canonicalJson, type JsonValue } from "../canonicalJson.js";
import { PintKeyError } from "./errors.js";
import { type PintAlgorithm, type PintCryptoKey, type PintJwk, type PintJwks, type PintSigner } from "./types.js";

/** The payload of a compact JWS, decoded but NOT verified; `undefined` when it is not a JSON object. */
export function unverifiedPayload(jws: string): Record<string, unknown> | undefined {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(base64url.decode(jws.split(".")[1] ?? ""));
    const payload: unknown = JSON.parse(text);
    return typeof payload === "object" && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The algorithms accepted on verification. */
export const PINT_ALGORITHMS: readonly PintAlgorithm[] = ["ES256", "RS256", "PS256"];

/**
 * The SHA-256 of a JWS compact serialisation, lower-case hex without `0x`: PINT's checksum of a signed content
 * (`previousEnvelopeTransferChainEntrySignedContentChecksum`, `lastEnvelopeTransferChainEntrySignedContentChecksum`),
 * computed over the UTF-8 bytes of the whole compact string.
 */
export function signedContentChecksum(jws: string): string {
  return sha256(stringToBytes(jws)).slice(2);
}

/** The SHA-256 of bytes, lower-case hex without `0x`: PINT's `documentChecksum` of a supporting document. */
export function bytesChecksum(content: Uint8Array): string {
  return sha256(content).slice(2);
}

/**
 * Signs a JSON payload as a JWS compact serialisation: protected header `{ alg, kid }`, payload the RFC 8785
 * canonical JSON of `payload`.
 * @throws {PintKeyError} When the key cannot sign with the algorithm.
 */
export async function signJws(payload: JsonValue | object, signer: PintSigner): Promise<string> {
  const alg = signer.alg ?? "ES256";
  if (!PINT_ALGORITHMS.includes(alg)) throw new PintKeyError(signer.kid, `unsupported algorithm ${String(alg)}`);
  if (typeof signer.kid !== "string" || signer.kid === "") throw new PintKeyError(undefined, "the kid is empty");
  let key: CryptoKey | Uint8Array;
  try {
    key = isCryptoKey(signer.privateKey)
      ? (signer.privateKey as CryptoKey)
      : await importJWK(signer.privateKey as JWK, alg);
  } catch (error) {
    throw new PintKeyError(signer.kid, "the private JWK does not import", error);
  }
  try {
    return await new CompactSign(stringToBytes(canonicalJson(payload as JsonValue)))
      .setProtectedHeader({ alg, kid: signer.kid })
      .sign(key);
  } catch (error) {
    throw new PintKeyError(signer.kid, `it does not sign with ${alg}`, error);
  }
}

function isCryptoKey(key: unknown): boolean {
  return typeof key === "object" && key !== null && "algorithm" in key && "type" in key && !("kty" in key);
}

/** The outcome of {@link verifyJws}: the parsed payload and the key id, or why not. */
export type JwsVerification =
  | { ok: true; payload: unknown; kid: string; alg: PintAlgorithm }
  | { ok: false; reason: string; badSignature: boolean };

/**
 * Verifies a JWS compact serialisation against a JWKS: the `kid` header must name a key of the set, the algorithm
 * be ES256, RS256 or PS256 (and the key's, when the key names one), the signature verify. Never throws.
 * `badSignature` is false only when the signature verified but the payload is not JSON.
 */
export async function verifyJws(jws: unknown, keys: PintJwks | undefined): Promise<JwsVerification> {
  if (typeof jws !== "string") return { ok: false, reason: "the signed content is not a string", badSignature: true };
  let header: { alg?: unknown; kid?: unknown };
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return { ok: false, reason: "the JWS header does not decode", badSignature: true };
  }
  const { alg, kid } = header;
  if (typeof alg !== "string" || !(PINT_ALGORITHMS as readonly string[]).includes(alg)) {
    return {
      ok: false,
      reason: `the JWS algorithm ${String(alg)} is not one of ES256, RS256, PS256`,
      badSignature: true,
    };
  }
  if (typeof kid !== "string") return { ok: false, reason: "the JWS has no kid header", badSignature: true };
  const jwk = keys?.keys.find((key) => key.kid === kid);
  if (jwk === undefined) return { ok: false, reason: `unknown signing key "${kid}"`, badSignature: true };
  if (jwk.alg !== undefined && jwk.alg !== alg) {
    return { ok: false, reason: `key "${kid}" is for ${jwk.alg}, the JWS says ${alg}`, badSignature: true };
  }
  let payload: Uint8Array;
  try {
    const key = await importJWK(publicPart(jwk) as JWK, alg);
    ({ payload } = await compactVerify(jws, key, { algorithms: [alg] }));
  } catch {
    return { ok: false, reason: `the signature of key "${kid}" does not verify`, badSignature: true };
  }
  try {
    return {
      ok: true,
      payload: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload)),
      kid,
      alg: alg as PintAlgorithm,
    };
  } catch {
    return { ok: false, reason: "the signed payload is not JSON", badSignature: false };
  }
}

/** A JWK without its private members (a published JWKS must not carry them; verification never needs them). */
function publicPart(jwk: PintJwk): PintJwk {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, oth: _oth, ...rest } = jwk;
  return rest;
}

/** A fresh key pair of {@link generatePintKeyPair}. */
export interface PintKeyPair {
  /** The signer to pass to `buildEnvelope` / `signResponse`. */
  signer: PintSigner;
  /** The public key, with `kid`, `alg` and `use: "sig"`, to publish in the platform's JWKS. */
  publicJwk: PintJwk;
  /** The private key as a JWK, to store in the platform's secret store (never publish it). */
  privateJwk: PintJwk;
}

/**
 * Generates a signing key pair for a platform (ES256 by default), extractable so the private JWK can be stored.
 *
 * @example
 * ```ts
 * const { signer, publicJwk } = await generatePintKeyPair({ kid: "cargo-rails-2026-12" });
 * const jwks = { keys: [publicJwk] }; // publish at the platform's JWKS address
 * ```
 */
export async function generatePintKeyPair(options: {
  kid: string;
  alg?: PintAlgorithm | undefined;
}): Promise<PintKeyPair> {
  const alg = options.alg ?? "ES256";
  if (!PINT_ALGORITHMS.includes(alg)) throw new PintKeyError(options.kid, `unsupported algorithm ${String(alg)}`);
  const { publicKey, privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === "ES256" ? {} : { modulusLength: 2048 }),
  });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: options.kid, alg, use: "sig" } as PintJwk;
  const privateJwk = { ...(await exportJWK(privateKey)), kid: options.kid, alg } as PintJwk;
  return { signer: { kid: options.kid, alg, privateKey: privateKey as PintCryptoKey }, publicJwk, privateJwk };
}
