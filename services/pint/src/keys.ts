/**
 * The platform's keys: the private signing key (a JWK or PEM file), the public JWKS this platform publishes (the
 * current key and the retired ones still inside their overlap), and the published keys of the peer platforms.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";

import type { PintJwk, PintJwks, PintSigner } from "../../../sdk/src/pint/index.js";
import { ConfigError, type PeerPlatform } from "./config.js";

/** A public JWK as published (`kid`, `alg`, `use` set). */
export type PublicJwk = Record<string, unknown> & { kid: string; alg: string; kty: string };

/** The key this platform signs with. */
export interface SigningKey {
  /** The private key (node:crypto; `jose` accepts it). */
  privateKey: KeyObject;
  /** Its `kid`. */
  kid: string;
  /** The JWS algorithm: ES256 for a P-256 key, PS256 for an RSA key (PINT's digital signature guide allows both). */
  alg: "ES256" | "PS256";
  /** The public half, as published. */
  publicJwk: PublicJwk;
  /** What the SDK signs with (`buildEnvelope`, `signResponse`): the private JWK, `kid` and `alg`. */
  signer: PintSigner;
}

/** Reads the signing key from `file` (a private JWK as JSON, or PKCS#8 / SEC1 / PKCS#1 PEM). */
export function loadSigningKey(file: string, kid?: string): SigningKey {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`Cannot read the signing key ${file}: ${(error as Error).message}`);
  }
  let privateKey: KeyObject;
  let jwkKid: string | undefined;
  try {
    if (source.trimStart().startsWith("{")) {
      const jwk = JSON.parse(source) as Record<string, unknown>;
      jwkKid = typeof jwk.kid === "string" ? jwk.kid : undefined;
      privateKey = createPrivateKey({ key: jwk as never, format: "jwk" });
    } else {
      privateKey = createPrivateKey(source);
    }
  } catch (error) {
    throw new ConfigError(`The signing key ${file} is not a private JWK or PEM: ${(error as Error).message}`);
  }
  return signingKeyOf(privateKey, kid ?? jwkKid);
}

/** The signing key of a private key object (kid: the given one, else the RFC 7638 thumbprint). */
export function signingKeyOf(privateKey: KeyObject, kid?: string): SigningKey {
  const jwk = createPublicKey(privateKey).export({ format: "jwk" }) as Record<string, string>;
  let alg: SigningKey["alg"];
  if (jwk.kty === "EC" && jwk.crv === "P-256") alg = "ES256";
  else if (jwk.kty === "RSA" && Buffer.from(jwk.n!, "base64url").length >= 256) alg = "PS256";
  else
    throw new ConfigError(
      `The signing key must be EC P-256 or RSA of 2048 bits or more (it is ${jwk.kty} ${jwk.crv ?? ""}).`,
    );
  const id = kid ?? thumbprint(jwk);
  const privateJwk = { ...(privateKey.export({ format: "jwk" }) as PintJwk), kid: id, alg };
  return {
    privateKey,
    kid: id,
    alg,
    publicJwk: { ...jwk, kid: id, alg, use: "sig" } as unknown as PublicJwk,
    signer: { kid: id, alg, privateKey: privateJwk },
  };
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url) over the key's required members. */
export function thumbprint(jwk: Record<string, string>): string {
  const members =
    jwk.kty === "EC" ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return createHash("sha256").update(JSON.stringify(members)).digest("base64url");
}

/** The JWKS this platform publishes: its current key first, then the retired keys (public JWKs) still honoured. */
export function publishedJwks(key: SigningKey, retiredKeysFile?: string): { keys: PublicJwk[] } {
  const retired: PublicJwk[] = [];
  if (retiredKeysFile !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(retiredKeysFile, "utf8"));
    } catch (error) {
      throw new ConfigError(`Cannot read the retired keys ${retiredKeysFile}: ${(error as Error).message}`);
    }
    const keys = (parsed as { keys?: unknown }).keys;
    if (!Array.isArray(keys)) throw new ConfigError(`${retiredKeysFile} must be a JWKS ({ "keys": [...] }).`);
    for (const k of keys as Record<string, unknown>[]) {
      if (typeof k.kid !== "string" || "d" in k) {
        throw new ConfigError(`${retiredKeysFile}: every retired key needs a kid and must be public (no "d").`);
      }
      if (k.kid !== key.kid) retired.push(k as PublicJwk);
    }
  }
  return { keys: [key.publicJwk, ...retired] };
}

/** The peers' published keys, by platform code (what the SDK's verifier takes). */
export function peerKeys(peers: Record<string, PeerPlatform>): Record<string, PintJwks> {
  return Object.fromEntries(Object.entries(peers).map(([code, peer]) => [code, peer.jwks]));
}
