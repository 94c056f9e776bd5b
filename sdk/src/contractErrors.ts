import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  HttpRequestError,
  SocketClosedError,
  TimeoutError,
  WebSocketRequestError,
  decodeErrorResult,
  keccak256,
  stringToBytes,
  type Abi,
  type Address,
  type ContractErrorArgs,
  type ContractErrorName,
  type Hex,
} from "viem";

import { participantRegistryAbi } from "./abi/index.js";
import { CargoRailsError, RpcConnectionError } from "./errors.js";
import { kindNames } from "./participantKinds.js";

/** How the SDK explains one custom error: a sentence built from its arguments, and what to do. */
export interface ErrorExplanation<TArgs extends readonly unknown[] = readonly unknown[]> {
  /** A human sentence saying what went wrong, from the error's decoded arguments. */
  message: (args: TArgs) => string;
  /** What to do about it. */
  hint: string;
}

/**
 * A table explaining every custom error of a contract ABI. Declaring a table as `ErrorTable<typeof abi>` makes the
 * compiler demand an entry for each custom error, so a new error in a contract cannot ship unexplained.
 */
export type ErrorTable<TAbi extends Abi> = {
  [TName in ContractErrorName<TAbi>]: ErrorExplanation<ErrorArgs<TAbi, TName>>;
};

/** The decoded arguments of the custom error `TName` of `TAbi`, as a tuple. */
export type ErrorArgs<TAbi extends Abi, TName extends ContractErrorName<TAbi>> =
  ContractErrorArgs<TAbi, TName> extends infer TArgs extends readonly unknown[] ? TArgs : readonly unknown[];

/**
 * A contract call reverted. `errorName` (and `name`) is the contract's custom error, e.g.
 * `"ParticipantNotRegistered"`; `args` are its decoded arguments, typed from the ABI when narrowed on `errorName`.
 * `shortMessage` is a human sentence and `hint` says what to do.
 *
 * Solidity's built-in errors come back as `"Error"` (a `require` message: `args` is `[reason]`) and `"Panic"`
 * (`args` is `[code]`); revert data that matches nothing in the ABI as `"UnknownRevert"` with the raw `data`.
 */
export class ContractRevertError<
  TName extends string = string,
  TArgs extends readonly unknown[] = readonly unknown[],
> extends CargoRailsError {
  /** The custom error's name, e.g. `"ParticipantNotRegistered"`. */
  override name: TName;
  /** The custom error's name (same as `name`), for narrowing. */
  readonly errorName: TName;
  /** The custom error's decoded arguments. */
  readonly args: TArgs;
  /** The raw revert data, if the node returned it. */
  readonly data: Hex | undefined;
  /** The contract that reverted, when known. */
  readonly contractAddress: Address | undefined;
  /** The function that was called, when known. */
  readonly functionName: string | undefined;

  constructor(params: {
    errorName: TName;
    args: TArgs;
    shortMessage: string;
    details?: string | undefined;
    hint?: string | undefined;
    data?: Hex | undefined;
    contractAddress?: Address | undefined;
    functionName?: string | undefined;
    cause?: unknown;
  }) {
    super(params.shortMessage, { details: params.details, hint: params.hint, cause: params.cause });
    this.name = params.errorName;
    this.errorName = params.errorName;
    this.args = params.args;
    this.data = params.data;
    this.contractAddress = params.contractAddress;
    this.functionName = params.functionName;
  }
}

/** Reverts that any contract can produce: `require` messages, panics, and data the ABI does not know. */
export type BuiltinRevertError =
  | ContractRevertError<"Error", readonly [reason: string]>
  | ContractRevertError<"Panic", readonly [code: bigint]>
  | ContractRevertError<"UnknownRevert", readonly []>;

/**
 * The revert errors a call on a contract with ABI `TAbi` can raise: a union discriminated by `errorName`, each
 * member with its arguments typed from the ABI.
 *
 * @example
 * ```ts
 * const error: ContractRevertErrorOf<typeof participantRegistryAbi> = ...;
 * if (error.errorName === "ParticipantNotRegistered") error.args[0]; // `0x${string}`
 * ```
 */
export type ContractRevertErrorOf<TAbi extends Abi> =
  | {
      [TName in ContractErrorName<TAbi>]: ContractRevertError<TName, ErrorArgs<TAbi, TName>>;
    }[ContractErrorName<TAbi>]
  | BuiltinRevertError;

// ---------------------------------------------------------------- role names

const ROLE_NAMES = ["DEFAULT_ADMIN_ROLE", "REGISTRAR_ROLE"] as const;

/**
 * The name of a role hash (`keccak256("REGISTRAR_ROLE")` → `"REGISTRAR_ROLE"`; zero → `"DEFAULT_ADMIN_ROLE"`), or
 * the hash itself when the SDK does not know the role.
 *
 * @param role A role identifier (bytes32).
 */
export function roleName(role: Hex): string {
  for (const name of ROLE_NAMES) {
    const id = name === "DEFAULT_ADMIN_ROLE" ? `0x${"00".repeat(32)}` : keccak256(stringToBytes(name));
    if (id === role.toLowerCase()) return name;
  }
  return role;
}

// ---------------------------------------------------------------- explanation tables

/** OpenZeppelin's AccessControl, AccessControlDefaultAdminRules and SafeCast errors. */
export type AccessControlErrorName =
  | "AccessControlBadConfirmation"
  | "AccessControlEnforcedDefaultAdminDelay"
  | "AccessControlEnforcedDefaultAdminRules"
  | "AccessControlInvalidDefaultAdmin"
  | "AccessControlUnauthorizedAccount"
  | "SafeCastOverflowedUintDowncast";

/** OpenZeppelin AccessControl (with default admin rules) and SafeCast errors, shared by every role-based contract. */
export const accessControlErrors: Pick<ErrorTable<typeof participantRegistryAbi>, AccessControlErrorName> = {
  AccessControlUnauthorizedAccount: {
    message: ([account, role]) => `${account} does not hold ${roleName(role)}, which this operation requires.`,
    hint: "Send the transaction from an account that holds the role, or ask the role's admin to grant it (grantRole).",
  },
  AccessControlBadConfirmation: {
    message: () => "An account can only renounce a role for itself.",
    hint: "Call renounceRole with your own address as the confirmation argument.",
  },
  AccessControlEnforcedDefaultAdminDelay: {
    message: ([schedule]) =>
      `The default admin transfer cannot be completed before ${new Date(Number(schedule) * 1000).toISOString()}.`,
    hint: "Wait until the scheduled time (the admin delay protects against a hijacked admin), then accept again.",
  },
  AccessControlEnforcedDefaultAdminRules: {
    message: () => "The default admin role cannot be granted, revoked or renounced directly.",
    hint: "Hand the default admin over in two steps: beginDefaultAdminTransfer, then acceptDefaultAdminTransfer.",
  },
  AccessControlInvalidDefaultAdmin: {
    message: ([account]) => `${account} is not a valid (pending) default admin.`,
    hint: "Only the pending default admin can accept the transfer, and the zero address cannot be made admin.",
  },
  SafeCastOverflowedUintDowncast: {
    message: ([bits, value]) => `The value ${value} does not fit in ${bits} bits.`,
    hint: "Pass a smaller value (delays and timestamps are 48-bit seconds).",
  },
};

/** Explanations of every custom error of the ParticipantRegistry. */
export const participantRegistryErrors: ErrorTable<typeof participantRegistryAbi> = {
  ...accessControlErrors,
  ParticipantZeroAddress: {
    message: () => "The zero address cannot be registered as a participant.",
    hint: "Pass the participant's real address.",
  },
  ParticipantAlreadyRegistered: {
    message: ([account]) => `${account} is already registered (possibly lapsed, but not revoked).`,
    hint: "Use participants.update to change or renew the record; register is only for new or revoked accounts.",
  },
  ParticipantNotRegistered: {
    message: ([account]) => `${account} is not a registered participant (never registered, or revoked).`,
    hint: "Register the account first with participants.register.",
  },
  ParticipantInvalidJurisdiction: {
    message: ([jurisdiction]) => `The jurisdiction ${jurisdiction} is not two upper-case ASCII letters.`,
    hint: 'Pass an ISO 3166-1 alpha-2 code such as "HK" or "CN".',
  },
  ParticipantInvalidKinds: {
    message: ([kinds]) => `The kinds bitmask ${kinds} is empty or holds undefined bits.`,
    hint: `Pass at least one of: ${kindNames.join(", ")}.`,
  },
  ParticipantExpiryNotInFuture: {
    message: ([validUntil, now]) =>
      `The verification would lapse at ${new Date(Number(validUntil) * 1000).toISOString()}, which is not after the chain's time ${new Date(Number(now) * 1000).toISOString()}.`,
    hint: "Pass a validUntil in the future (by the chain's clock, which can differ from yours).",
  },
  ParticipantBatchLengthMismatch: {
    message: ([accounts, records]) =>
      `A batch needs as many records as accounts, and at least one (got ${accounts} accounts, ${records} records).`,
    hint: "Pass a non-empty list of registrations.",
  },
};

/**
 * Every explanation the SDK knows, by custom error name. A contract's table is added here with one spread; names
 * shared by several contracts (the AccessControl errors) must mean the same everywhere.
 */
const explanations: Record<string, { message: (args: never) => string; hint: string } | undefined> = {
  ...participantRegistryErrors,
};

const PANIC_REASONS: Record<number, string> = {
  0x01: "an assertion failed",
  0x11: "an arithmetic operation overflowed or underflowed",
  0x12: "division or modulo by zero",
  0x21: "a value was out of range for an enum",
  0x31: "pop() on an empty array",
  0x32: "an array index was out of bounds",
  0x41: "too much memory was allocated",
  0x51: "an uninitialised function was called",
};

function formatArg(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  } catch {
    return String(value);
  }
}

function explain(
  errorName: string,
  args: readonly unknown[],
  context: {
    data?: Hex | undefined;
    contractAddress?: Address | undefined;
    functionName?: string | undefined;
    cause: unknown;
  },
): ContractRevertError {
  const where = `${context.functionName ? `\`${context.functionName}\`` : "The call"}${context.contractAddress ? ` on ${context.contractAddress}` : ""}`;
  let shortMessage: string;
  let hint: string | undefined;
  const explanation = explanations[errorName];
  if (explanation) {
    shortMessage = explanation.message(args as never);
    hint = explanation.hint;
  } else if (errorName === "Error") {
    shortMessage = `The contract reverted: ${String(args[0])}`;
  } else if (errorName === "Panic") {
    shortMessage = `The contract panicked: ${PANIC_REASONS[Number(args[0])] ?? `code ${String(args[0])}`}.`;
    hint = "A panic is a bug or an unchecked input in the contract; report it with the transaction's inputs.";
  } else if (errorName === "UnknownRevert") {
    shortMessage = `${where} reverted${context.data && context.data !== "0x" ? ` with data the ABI does not know (${context.data.slice(0, 10)})` : " without a reason"}.`;
    hint = "Check that the address is the right contract for this ABI and that the SDK is as recent as the deployment.";
  } else {
    shortMessage = `The contract reverted with ${errorName}.`;
  }
  return new ContractRevertError({
    errorName,
    args,
    shortMessage,
    details: `${where} reverted with ${errorName}(${args.map(formatArg).join(", ")}).`,
    hint,
    data: context.data,
    contractAddress: context.contractAddress,
    functionName: context.functionName,
    cause: context.cause,
  });
}

/**
 * Turns an error thrown by viem into the SDK's typed errors:
 * - a revert becomes a {@link ContractRevertError} named after the contract's custom error, with its decoded
 *   arguments (typed from `abi`), a human sentence and a hint;
 * - a node that cannot be reached (HTTP failure, timeout, closed socket) becomes an {@link RpcConnectionError}.
 *
 * It walks the error's `cause` chain, so it works on what `readContract`, `simulateContract`, `writeContract` and
 * `estimateGas` throw. SDK errors are returned unchanged.
 *
 * @param error What was thrown.
 * @param abi The ABI of the contract that was called (used to decode revert data viem left undecoded).
 * @returns The typed error, or `null` when the error is neither a revert nor a connection failure.
 *
 * @example
 * ```ts
 * try { await publicClient.simulateContract({ address, abi: participantRegistryAbi, functionName: "revoke", args: [a] }); }
 * catch (e) {
 *   const error = decodeContractError(e, participantRegistryAbi);
 *   if (error instanceof ContractRevertError && error.errorName === "ParticipantNotRegistered") console.log(error.args[0]);
 * }
 * ```
 */
export function decodeContractError<const TAbi extends Abi>(
  error: unknown,
  abi: TAbi,
): ContractRevertErrorOf<TAbi> | RpcConnectionError | CargoRailsError | null {
  if (error instanceof CargoRailsError) return error;
  if (!(error instanceof BaseError)) return null;

  const execution = error.walk(
    (e) => e instanceof ContractFunctionExecutionError,
  ) as ContractFunctionExecutionError | null;
  const context = {
    contractAddress: execution?.contractAddress,
    functionName: execution?.functionName,
    cause: error,
  };

  const reverted = error.walk(
    (e) => e instanceof ContractFunctionRevertedError,
  ) as ContractFunctionRevertedError | null;
  if (reverted) {
    const data = reverted.raw;
    if (reverted.data?.errorName) {
      return explain(reverted.data.errorName, reverted.data.args ?? [], {
        ...context,
        data,
      }) as ContractRevertErrorOf<TAbi>;
    }
    if (data && data !== "0x") {
      try {
        const decoded = decodeErrorResult({ abi, data });
        return explain(decoded.errorName, (decoded.args ?? []) as readonly unknown[], {
          ...context,
          data,
        }) as ContractRevertErrorOf<TAbi>;
      } catch {
        // Not in the ABI: reported as an unknown revert below.
      }
    }
    if (reverted.reason !== undefined) {
      return explain("Error", [reverted.reason], { ...context, data }) as ContractRevertErrorOf<TAbi>;
    }
    return explain("UnknownRevert", [], { ...context, data }) as ContractRevertErrorOf<TAbi>;
  }

  const connection = error.walk(
    (e) =>
      e instanceof HttpRequestError ||
      e instanceof TimeoutError ||
      e instanceof SocketClosedError ||
      e instanceof WebSocketRequestError,
  ) as HttpRequestError | TimeoutError | SocketClosedError | WebSocketRequestError | null;
  if (connection) {
    const url = "url" in connection && typeof connection.url === "string" ? connection.url : undefined;
    return new RpcConnectionError({ url, details: connection.shortMessage, cause: error });
  }
  return null;
}

/**
 * Type guard: is `error` a revert with the custom error `errorName` of `abi`? Narrows `args` to that error's
 * arguments.
 *
 * @example
 * ```ts
 * if (isContractRevert(error, participantRegistryAbi, "ParticipantAlreadyRegistered")) error.args[0];
 * ```
 */
export function isContractRevert<const TAbi extends Abi, TName extends ContractErrorName<TAbi>>(
  error: unknown,
  _abi: TAbi,
  errorName: TName,
): error is ContractRevertError<TName, ErrorArgs<TAbi, TName>> {
  return error instanceof ContractRevertError && error.errorName === errorName;
}
