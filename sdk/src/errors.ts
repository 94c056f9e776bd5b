import { SDK_VERSION } from "./version.js";

/** Options every {@link CargoRailsError} accepts. */
export interface CargoRailsErrorOptions {
  /** Longer explanation: the values involved, the underlying error's message. */
  details?: string | undefined;
  /** What to do about it. */
  hint?: string | undefined;
  /** The error that caused this one. */
  cause?: unknown;
}

/**
 * Base class of every error the SDK throws. Like viem's errors: a one-line `shortMessage`, optional `details`
 * (what exactly went wrong) and `hint` (what to do), and the full `message` that combines them.
 *
 * @example
 * ```ts
 * try { await rails.participants.register(input); }
 * catch (error) {
 *   if (error instanceof CargoRailsError) console.error(error.shortMessage, error.hint);
 * }
 * ```
 */
export class CargoRailsError extends Error {
  override name: string = "CargoRailsError";
  /** One line saying what went wrong. */
  readonly shortMessage: string;
  /** Longer explanation, if any. */
  readonly details: string | undefined;
  /** What to do about it, if the SDK knows. */
  readonly hint: string | undefined;
  /** The SDK version that raised the error. */
  readonly version: string = SDK_VERSION;

  constructor(shortMessage: string, options: CargoRailsErrorOptions = {}) {
    const lines = [shortMessage, ""];
    if (options.details) lines.push(`Details: ${options.details}`);
    if (options.hint) lines.push(`Hint: ${options.hint}`);
    lines.push(`Version: @cargo-rails/sdk@${SDK_VERSION}`);
    super(lines.join("\n"), options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
    this.hint = options.hint;
  }
}

/** An argument is not a valid 20-byte hex address. Raised before any request is sent. */
export class InvalidAddressError extends CargoRailsError {
  override name = "InvalidAddressError";
  /** The value that was given. */
  readonly address: unknown;
  /** Which argument it was (e.g. `account`). */
  readonly argument: string;

  constructor(address: unknown, argument = "address") {
    super(`Invalid address for \`${argument}\`: ${describe(address)}.`, {
      hint: "Pass a 0x-prefixed 20-byte hex address (40 hex digits). Mixed-case addresses must carry a valid EIP-55 checksum.",
    });
    this.address = address;
    this.argument = argument;
  }
}

/** An argument has the wrong shape or value (an unknown participant kind, a malformed jurisdiction, ...). */
export class InvalidArgumentError extends CargoRailsError {
  override name = "InvalidArgumentError";
  /** Which argument it was. */
  readonly argument: string;
  /** The value that was given. */
  readonly value: unknown;

  constructor(argument: string, value: unknown, expected: string, hint?: string, cause?: unknown) {
    super(`Invalid \`${argument}\`: ${describe(value)}. Expected ${expected}.`, {
      hint,
      details: cause instanceof Error ? cause.message.split("\n")[0] : undefined,
      cause,
    });
    this.argument = argument;
    this.value = value;
  }
}

/** An amount is not a non-negative decimal string (e.g. a bigint, a JavaScript number, "-1", "1,000"). */
export class InvalidAmountError extends CargoRailsError {
  override name = "InvalidAmountError";
  /** The value that was given. */
  readonly value: unknown;

  constructor(value: unknown, reason: string, hint?: string) {
    super(`Invalid amount ${describe(value)}: ${reason}.`, {
      hint:
        hint ??
        'Pass a decimal string in token units (e.g. "1250.50"); convert base units with formatAmount(units, decimals). JavaScript numbers are refused because they lose precision.',
    });
    this.value = value;
  }
}

/** An amount has more fractional digits than the token's decimals allow. */
export class AmountPrecisionError extends CargoRailsError {
  override name = "AmountPrecisionError";
  /** The decimal string that was given. */
  readonly value: string;
  /** The token's decimals. */
  readonly decimals: number;

  constructor(value: string, decimals: number) {
    super(`Amount "${value}" has more than ${decimals} decimal places, the precision of this token.`, {
      hint: `Round the amount to at most ${decimals} decimal places before passing it; the SDK never rounds money for you.`,
    });
    this.value = value;
    this.decimals = decimals;
  }
}

/** A write was called on a client created without a `walletClient` (or one without an account). */
export class WalletRequiredError extends CargoRailsError {
  override name = "WalletRequiredError";
  /** The operation that needed a wallet, e.g. `participants.register`. */
  readonly operation: string;

  constructor(operation: string, reason = "no walletClient was given to createCargoRails") {
    super(`\`${operation}\` sends a transaction, but ${reason}.`, {
      hint: "Pass a viem WalletClient with an account: createCargoRails({ publicClient, walletClient, addresses }), e.g. createWalletClient({ account, transport }).",
    });
    this.operation = operation;
  }
}

/** The JSON-RPC node could not be reached, or did not answer in time. */
export class RpcConnectionError extends CargoRailsError {
  override name = "RpcConnectionError";
  /** The node's URL, when the transport knows it. */
  readonly url: string | undefined;

  constructor(options: { url?: string | undefined; details?: string | undefined; cause?: unknown }) {
    super(`Could not reach the JSON-RPC node${options.url ? ` at ${options.url}` : ""}.`, {
      details: options.details,
      hint: "Check that the node is running and the RPC URL is right, then retry: reads are safe to repeat, and a write that failed here was not sent (or check its hash before resending).",
      cause: options.cause,
    });
    this.url = options.url;
  }
}

/** A transaction was mined but reverted (the state changed between the simulation and the block). */
export class TransactionRevertedError extends CargoRailsError {
  override name = "TransactionRevertedError";
  /** The transaction's hash. */
  readonly hash: `0x${string}`;

  constructor(hash: `0x${string}`, operation: string) {
    super(`The transaction of \`${operation}\` was mined but reverted (${hash}).`, {
      hint: "The chain's state changed after the SDK simulated the call. Read the current state and retry; the simulation will then say why it fails.",
    });
    this.hash = hash;
  }
}

/**
 * No contract is deployed at a configured address on the node's chain: the address is wrong, or the client is on
 * another chain. Raised by `rails.verify()` / `connectCargoRails`, by a write before it is sent, and by a read that
 * returned no data.
 */
export class ContractNotDeployedError extends CargoRailsError {
  override name = "ContractNotDeployedError";
  /** The address that holds no code. */
  readonly address: `0x${string}`;
  /** The contract expected there, e.g. `"BillOfLadingRegistry"` or `"TokenizedDeposit HKD"`. */
  readonly contract: string;
  /** The chain the node is on, when known. */
  readonly chainId: number | undefined;

  constructor(params: { address: `0x${string}`; contract: string; chainId?: number | undefined; cause?: unknown }) {
    const chain = params.chainId === undefined ? "this chain" : `chain ${params.chainId}`;
    super(`No ${params.contract} is deployed at ${params.address} on ${chain}.`, {
      hint: "Check the address and the chain.",
      cause: params.cause,
    });
    this.address = params.address;
    this.contract = params.contract;
    this.chainId = params.chainId;
  }
}

/** The node is on another chain than the one expected (the wallet's chain, or the `chainId` option). */
export class ChainMismatchError extends CargoRailsError {
  override name = "ChainMismatchError";
  /** The chain expected. */
  readonly expectedChainId: number;
  /** The chain the node is on. */
  readonly actualChainId: number;
  /** Where the expected chain came from, e.g. `walletClient.chain`. */
  readonly source: string;

  constructor(params: { expectedChainId: number; actualChainId: number; source: string }) {
    super(
      `The node is on chain ${params.actualChainId}, but ${params.source} expects chain ${params.expectedChainId}.`,
      {
        hint: "Point the publicClient at the expected chain, or use that chain's addresses.",
      },
    );
    this.expectedChainId = params.expectedChainId;
    this.actualChainId = params.actualChainId;
    this.source = params.source;
  }
}

/**
 * The node or the wallet answered a request with an error that is neither a revert nor a connection failure: an
 * RPC error (method not supported, invalid parameters, a nonce or fee problem), a wallet that refused to sign, a
 * receipt that did not come in time. The underlying error is the `cause`; its message is in `details`.
 */
export class RpcRequestError extends CargoRailsError {
  override name = "RpcRequestError";
  /** The SDK operation or RPC request that failed, e.g. `ebl.transfer` or `eth_getLogs`. */
  readonly operation: string;

  constructor(operation: string, options: { details?: string | undefined; cause?: unknown }) {
    super(`\`${operation}\` failed: the node or the wallet returned an error.`, {
      details: options.details,
      hint: "Reads are safe to retry; a write may have been sent: check its hash first.",
      cause: options.cause,
    });
    this.operation = operation;
  }
}

/** @internal A short, safe rendering of a user-supplied value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? value.slice(0, 77) + "..." : value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? "invalid" : value.toISOString()})`;
  if (Array.isArray(value)) return `array(${value.length})`;
  return typeof value;
}
