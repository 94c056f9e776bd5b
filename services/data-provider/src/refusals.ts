/**
 * Every refusal of the data provider: an HTTP status and a JSON body `{ error, message, ... }` naming the reason.
 * Reasons decided on chain carry the contract's error name (`ConsentRevokedGrant`, `ConsentWrongPurpose`, ...); the
 * others are the service's own names. The table in README.md lists them all.
 */
import {
  ContractRevertError,
  RpcConnectionError,
  dataProviderReasons,
  decodeContractError,
  type CargoRailsAbi,
} from "../../../sdk/src/index.js";
import { consentRegistryAbi, tradeDocumentRegistryAbi } from "../../../sdk/src/abi/index.js";

/** The statuses the service answers with, by reason. */
export const REFUSAL_STATUS = {
  MalformedRequest: 400,
  InvalidSignature: 401,
  RequestExpired: 401,
  // Consent refused on chain (IConsentRegistry.covers / recordAccess), by its error name.
  ConsentNotFound: 403,
  ConsentRevokedGrant: 403,
  ConsentExpired: 403,
  ConsentNotGrantee: 403,
  ConsentWrongPurpose: 403,
  ConsentOutOfScope: 403,
  RailsNotVerified: 403,
  DocumentNotFound: 404,
  DocumentNotHeld: 404,
  RouteNotFound: 404,
  ConsentRequestReplayed: 409,
  DocumentRevoked: 410,
  DocumentSuperseded: 410,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  DocumentHashMismatch: 422,
  StoredDocumentMismatch: 422,
  InternalError: 500,
  ChainUnavailable: 503,
  AccessNotRecorded: 503,
} as const;

export type RefusalReason = keyof typeof REFUSAL_STATUS;

/** A refusal: thrown by the handlers, turned into the HTTP answer by the server's error handler. */
export class Refusal extends Error {
  override name = "Refusal";
  readonly reason: RefusalReason;
  readonly status: number;
  /** Extra fields of the JSON body (e.g. `currentVersion`). */
  readonly extra: Record<string, unknown>;

  constructor(reason: RefusalReason, message: string, extra: Record<string, unknown> = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.reason = reason;
    this.status = REFUSAL_STATUS[reason];
    this.extra = extra;
  }

  /** The JSON body. */
  body(): Record<string, unknown> {
    return { error: this.reason, message: this.message, ...this.extra };
  }
}

/** The contract's refusals of a consent, answered 403 under their own names (the SDK's client knows them so). */
const CONSENT_REFUSALS = new Set<string>(dataProviderReasons[403]);

const ABI = [...consentRegistryAbi, ...tradeDocumentRegistryAbi] as const;

/**
 * What a failed chain call means for the requester: a {@link Refusal} for a revert the service knows (a consent
 * refused, a replay, an expired request or a bad signature), `ChainUnavailable` when the node cannot be reached.
 * `ConsentDocumentUnavailable` is returned as is (a {@link ContractRevertError}): the caller tells an unknown document
 * from a revoked one by reading the registry. Anything else is rethrown.
 */
export function refusalFromChain(error: unknown): Refusal | ContractRevertError {
  if (error instanceof Refusal) return error;
  const decoded = decodeContractError(error, ABI as unknown as CargoRailsAbi);
  if (decoded instanceof RpcConnectionError) {
    return new Refusal("ChainUnavailable", `The chain cannot be reached: ${decoded.details ?? decoded.shortMessage}`);
  }
  if (decoded === null) {
    if (looksLikeConnectionFailure(error)) {
      return new Refusal("ChainUnavailable", `The chain cannot be reached: ${(error as Error).message.split("\n")[0]}`);
    }
    throw error;
  }
  const name: string = decoded.errorName;
  if (CONSENT_REFUSALS.has(name)) {
    return new Refusal(name as RefusalReason, decoded.shortMessage, { args: jsonArgs(decoded.args) }, decoded);
  }
  if (name === "ConsentRequestReplayed") {
    return new Refusal("ConsentRequestReplayed", "This request was served and recorded already: sign a new one.", {
      args: jsonArgs(decoded.args),
    });
  }
  if (name === "RailsExpired") return new Refusal("RequestExpired", decoded.shortMessage, {}, decoded);
  if (name === "RailsInvalidSignature") {
    return new Refusal("InvalidSignature", decoded.shortMessage, { args: jsonArgs(decoded.args) }, decoded);
  }
  if (name === "ConsentDocumentUnavailable") return decoded as ContractRevertError;
  throw decoded;
}

function looksLikeConnectionFailure(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /HttpRequestError|fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|TimeoutError|took too long/i.test(text);
}

/** Decoded error arguments as JSON values (bigints as decimal strings). */
export function jsonArgs(args: readonly unknown[]): unknown[] {
  return args.map((a) => (typeof a === "bigint" ? a.toString() : a));
}
