import { CargoRailsError } from "../errors.js";

/** Why {@link buildEnvelope} refused its input. */
export type PintBuildErrorReason =
  "no-issue" | "document-mismatch" | "empty-chain" | "previous-chain" | "party" | "remark";

/**
 * `buildEnvelope` was given what cannot make a valid PINT envelope: a history without the eBL's issue, a transport
 * document that is not the version the registry holds, a previous chain that is not a chain, a party PINT refuses,
 * a remark whose text does not match the hash on chain. Raised before anything is signed.
 */
export class PintBuildError extends CargoRailsError {
  override name = "PintBuildError";
  /** What is wrong. */
  readonly reason: PintBuildErrorReason;

  constructor(reason: PintBuildErrorReason, message: string, hint: string, details?: string) {
    super(message, { hint, details });
    this.reason = reason;
  }
}

/**
 * A signing key that cannot sign PINT JWSs: not a private key, an algorithm other than ES256, RS256 or PS256, or a
 * key that does not fit the algorithm. Raised before anything is sent.
 */
export class PintKeyError extends CargoRailsError {
  override name = "PintKeyError";
  /** The `kid` of the key, if it has one. */
  readonly kid: string | undefined;

  constructor(kid: string | undefined, what: string, cause?: unknown) {
    super(`PINT signing key ${kid === undefined ? "without a kid" : `"${kid}"`} cannot be used: ${what}.`, {
      hint: "Pass { kid, privateKey, alg } with a private key of the algorithm (ES256: a P-256 key; RS256/PS256: an RSA key of at least 2048 bits), e.g. from generatePintKeyPair().",
      details: cause instanceof Error ? cause.message : undefined,
      cause,
    });
    this.kid = kid;
  }
}
