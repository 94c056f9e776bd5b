/**
 * The transfer policy's refusals, as typed errors naming the rule that refused; the registration of the policy
 * contract's error explanations (sdk/src/transferPolicyErrors.ts). In the `@cargo-rails/sdk/compliance` entry, not in `contractErrors.ts`:
 * `createCargoRails`'s bundle stays within its budget. `compliance(rails)` adds the explanations to the decoding
 * (`addErrorExplanations`), so that a transfer the policy refuses is a typed `ContractRevertError` with a sentence and
 * a hint wherever it is decoded, and {@link policyRefusalOf} turns it into the rule's class.
 */
import { hexToString, type Address, type Hex } from "viem";

import { transferPolicyAbi } from "../abi/index.js";
import { formatAmount, type Amount } from "../amounts.js";
import { addErrorExplanations, ContractRevertError, type ContractRevertErrorOf } from "../contractErrors.js";
import { CargoRailsError } from "../errors.js";
import { transferPolicyErrors } from "../transferPolicyErrors.js";

/** A revert of the TransferPolicy contract, its `args` typed once narrowed on `errorName`. */
export type TransferPolicyRevertError = ContractRevertErrorOf<typeof transferPolicyAbi>;

/** The rule of a transfer policy that refused a transfer. */
export type PolicyRule = "sanctions" | "jurisdiction-pair" | "transfer-limit" | "daily-limit";

/** A two-letter jurisdiction code from a `bytes2` (`0x484b` → `"HK"`). */
export const jurisdictionOf = (code: Hex): string => hexToString(code, { size: 2 });

const MAX = 2n ** 256n - 1n;
/** A limit as the policy client shows it: `"unlimited"` for `type(uint256).max`, else token units. */
export const limitOf = (units: bigint, decimals: number): Amount | "unlimited" =>
  units === MAX ? "unlimited" : formatAmount(units, decimals, { minimumFractionDigits: Math.min(decimals, 2) });

/**
 * A transfer the token's transfer policy refuses (or would refuse). Narrow on the subclass, or on `rule`:
 * {@link SanctionedAccountError}, {@link JurisdictionPairNotPermittedError}, {@link TransferLimitExceededError},
 * {@link DailyLimitExceededError}. `cause` is the decoded contract revert.
 */
export abstract class PolicyRefusalError extends CargoRailsError {
  /** The rule that refused. */
  abstract readonly rule: PolicyRule;
}

/** Rule 1: the sender or the recipient is on the policy's sanctions list. */
export class SanctionedAccountError extends PolicyRefusalError {
  override name = "SanctionedAccountError";
  readonly rule = "sanctions";
  /** The sanctioned account (the sender or the recipient). */
  readonly account: Address;

  constructor(account: Address, cause?: unknown) {
    super(`${account} is on the transfer policy's sanctions list: it may neither send nor receive.`, {
      hint: "No payment to or from it can be made. If the listing is wrong, the sanctions officer (SANCTIONS role) takes it off with compliance.policy(currency).setSanctioned({ account, sanctioned: false }).",
      cause,
    });
    this.account = account;
  }
}

/** Rule 2: transfers from the sender's jurisdiction to the recipient's are not permitted. */
export class JurisdictionPairNotPermittedError extends PolicyRefusalError {
  override name = "JurisdictionPairNotPermittedError";
  readonly rule = "jurisdiction-pair";
  /** The sender. */
  readonly from: Address;
  /** The recipient. */
  readonly to: Address;
  /** The sender's jurisdiction (ISO 3166-1 alpha-2, e.g. `"HK"`). */
  readonly fromJurisdiction: string;
  /** The recipient's jurisdiction. */
  readonly toJurisdiction: string;

  constructor(from: Address, to: Address, fromJurisdiction: string, toJurisdiction: string, cause?: unknown) {
    super(
      `The transfer policy does not permit payments from ${fromJurisdiction} (${from}) to ${toJurisdiction} (${to}).`,
      {
        hint: `Pay through an account in a permitted jurisdiction (compliance.policy(currency).isPermittedPair reads the pairs), or have the policy admin permit ${fromJurisdiction} -> ${toJurisdiction} with setJurisdictionPair if the regulation allows it.`,
        cause,
      },
    );
    this.from = from;
    this.to = to;
    this.fromJurisdiction = fromJurisdiction;
    this.toJurisdiction = toJurisdiction;
  }
}

/** Rule 3: the amount is above the sender's per-transfer limit. */
export class TransferLimitExceededError extends PolicyRefusalError {
  override name = "TransferLimitExceededError";
  readonly rule = "transfer-limit";
  /** The sender. */
  readonly account: Address;
  /** Its per-transfer limit, in token units. */
  readonly limit: Amount;
  /** The amount refused, in token units. */
  readonly amount: Amount;

  constructor(account: Address, limit: Amount, amount: Amount, cause?: unknown) {
    super(`${amount} is above the per-transfer limit of ${account}, ${limit}.`, {
      hint: "Send at most the limit per transfer (splitting a payment still counts against the daily limit), or have the policy admin raise the account's limit with setAccountLimits.",
      cause,
    });
    this.account = account;
    this.limit = limit;
    this.amount = amount;
  }
}

/** Rule 4: what the sender sent today plus the amount passes its daily limit. */
export class DailyLimitExceededError extends PolicyRefusalError {
  override name = "DailyLimitExceededError";
  readonly rule = "daily-limit";
  /** The sender. */
  readonly account: Address;
  /** Its daily limit, in token units. */
  readonly limit: Amount;
  /** What it sent since 00:00 UTC, in token units. */
  readonly spentToday: Amount;
  /** The amount refused, in token units. */
  readonly amount: Amount;

  constructor(account: Address, limit: Amount, spentToday: Amount, amount: Amount, cause?: unknown) {
    super(`${account} sent ${spentToday} today; ${amount} more would pass its daily limit of ${limit}.`, {
      hint: "Wait for the next UTC day (the count restarts at 00:00 UTC), send what is left of the limit, or have the policy admin raise the account's daily limit with setAccountLimits.",
      cause,
    });
    this.account = account;
    this.limit = limit;
    this.spentToday = spentToday;
    this.amount = amount;
  }
}

/**
 * The typed refusal of a policy rule in `error` (a `ContractRevertError` the SDK raised from a transfer, a check or a
 * simulation), its amounts in token units of `decimals`; `undefined` when `error` is not a policy rule's refusal.
 *
 * @example
 * ```ts
 * try { await rails.deposits.HKD.transfer({ to, amount: "500000.00" }); }
 * catch (error) {
 *   const refusal = policyRefusalOf(error, await rails.deposits.HKD.decimals());
 *   if (refusal instanceof DailyLimitExceededError) console.log(refusal.spentToday, refusal.limit);
 * }
 * ```
 */
export function policyRefusalOf(error: unknown, decimals: number): PolicyRefusalError | undefined {
  if (!(error instanceof ContractRevertError)) return undefined;
  const amount = (units: bigint) => formatAmount(units, decimals, { minimumFractionDigits: Math.min(decimals, 2) });
  const args = error.args as readonly unknown[];
  switch (error.errorName) {
    case "PolicySanctioned":
      return new SanctionedAccountError(args[0] as Address, error);
    case "PolicyJurisdictionPairNotPermitted":
      return new JurisdictionPairNotPermittedError(
        args[0] as Address,
        args[1] as Address,
        jurisdictionOf(args[2] as Hex),
        jurisdictionOf(args[3] as Hex),
        error,
      );
    case "PolicyTransferLimitExceeded":
      return new TransferLimitExceededError(
        args[0] as Address,
        amount(args[1] as bigint),
        amount(args[2] as bigint),
        error,
      );
    case "PolicyDailyLimitExceeded":
      return new DailyLimitExceededError(
        args[0] as Address,
        amount(args[1] as bigint),
        amount(args[2] as bigint),
        amount(args[3] as bigint),
        error,
      );
    default:
      return undefined;
  }
}

/** A policy namespace was asked for a token that has no transfer policy. */
export class TransferPolicyNotSetError extends CargoRailsError {
  override name = "TransferPolicyNotSetError";
  /** The deposit token. */
  readonly token: Address;

  constructor(label: string, token: Address) {
    super(`The deposit token ${label} (${token}) has no transfer policy.`, {
      hint: "Deploy a TransferPolicy for the token and have the policy admin set it with rails.deposits[label].setTransferPolicy({ policy }), or use compliance(rails).policyAt(address, label) for a policy not set yet.",
    });
    this.token = token;
  }
}

let added = false;
/** @internal Registers the TransferPolicy's error explanations (`transferPolicyErrors`) with the decoding (once). */
export function addComplianceErrors(): void {
  if (added) return;
  added = true;
  addErrorExplanations(transferPolicyErrors, transferPolicyAbi);
}
