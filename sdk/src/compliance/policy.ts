/**
 * @internal The policy namespace: one deposit token's TransferPolicy (limits, jurisdiction pairs, sanctions), its
 * reads, writes and prepared forms, amounts in the token's units.
 */
import { decodeEventLog, stringToHex, type Address, type Hash, type Hex, type TransactionReceipt } from "viem";

import { transferPolicyAbi } from "../abi/index.js";
import { type Amount } from "../amounts.js";
import { type CargoRails } from "../client.js";
import { type DepositClient } from "../deposits.js";
import { InvalidArgumentError } from "../errors.js";
import { assertAddress } from "../guards.js";
import {
  action,
  readContract,
  toCargoRailsError,
  writeContract,
  type ContractContext,
  type WriteAction,
} from "../internal/contract.js";
import { limitOf, policyRefusalOf, type PolicyRefusalError } from "./errors.js";

/** A limit in token units (`"50000.00"`), or `"unlimited"` (`type(uint256).max` on chain). Never zero. */
export type PolicyLimit = Amount | "unlimited";

/** An account's limits. */
export interface PolicyLimits {
  /** The largest single transfer. */
  perTransfer: PolicyLimit;
  /** The most it may send per UTC day. */
  daily: PolicyLimit;
}

/** An event of the TransferPolicy contract, decoded. */
export interface PolicyEvent {
  /** The event's name (`SanctionChanged`, `AccountLimitsChanged`, ...). */
  eventName: string;
  /** Its arguments by name, as the ABI types them (limits in base units, jurisdictions as bytes2 hex). */
  args: Readonly<Record<string, unknown>>;
  /** The log's index in its block. */
  logIndex: number;
}

/** What a policy write returns: the hash at once, `wait()` for the receipt and the policy's events. */
export interface PolicyWriteResult {
  /** The transaction's hash. */
  hash: Hash;
  /**
   * Waits until the transaction is mined.
   * @throws {TransactionRevertedError} When it was mined but reverted.
   */
  wait(options?: { confirmations?: number; timeout?: number }): Promise<{
    receipt: TransactionReceipt;
    events: PolicyEvent[];
  }>;
}

/**
 * One deposit token's transfer policy: `await compliance(rails).policy("HKD")`. Amounts in the token's units
 * (`"50000.00"`), limits `"unlimited"` when there is none, jurisdictions ISO 3166-1 alpha-2 (`"HK"`). Every write is
 * simulated first and has a prepared form (`.prepare(params, { account })`).
 */
export interface PolicyClient {
  /** The policy's address. */
  readonly address: Address;
  /** The deposit token it serves. */
  readonly deposit: DepositClient;

  // ---------------------------------------------------------------- reads
  /** The limits that apply to `account` (its own, else the defaults). */
  limitsOf(account: Address): Promise<PolicyLimits>;
  /** The limits of every account without limits of its own. */
  defaultLimits(): Promise<PolicyLimits>;
  /** What `account` sent since 00:00 UTC, as counted against its daily limit. */
  spentToday(account: Address): Promise<Amount>;
  /** Whether `account` is on the sanctions list. */
  isSanctioned(account: Address): Promise<boolean>;
  /** Whether payments from jurisdiction `from` to `to` are permitted (while pairs are enforced). */
  isPermittedPair(from: string, to: string): Promise<boolean>;
  /** Whether a payment's jurisdiction pair must be permitted. */
  jurisdictionPairsEnforced(): Promise<boolean>;
  /** Whether the policy's rules alone would let `amount` go from `from` to `to` now. */
  canTransfer(from: Address, to: Address, amount: Amount): Promise<boolean>;
  /**
   * Which rule would refuse a payment of `amount` from `from` to `to` now: the rule's typed error (not thrown), or
   * `undefined` when every rule lets it through. Ask before signing.
   */
  check(from: Address, to: Address, amount: Amount): Promise<PolicyRefusalError | undefined>;

  // ---------------------------------------------------------------- the policy admin (POLICY_ADMIN)
  /** Sets the limits of every account without limits of its own. */
  setDefaultLimits: WriteAction<[params: PolicyLimits], PolicyWriteResult>;
  /** Gives `account` limits of its own. */
  setAccountLimits: WriteAction<[params: PolicyLimits & { account: Address }], PolicyWriteResult>;
  /** Removes `account`'s own limits: the defaults apply again. */
  clearAccountLimits: WriteAction<[params: { account: Address }], PolicyWriteResult>;
  /** Permits (or stops permitting) payments from jurisdiction `from` to `to` (`"HK"` → `"CN"`). */
  setJurisdictionPair: WriteAction<[params: { from: string; to: string; permitted: boolean }], PolicyWriteResult>;
  /** Turns the jurisdiction-pair rule on or off. */
  setJurisdictionPairsEnforced: WriteAction<[params: { enforced: boolean }], PolicyWriteResult>;

  // ---------------------------------------------------------------- the sanctions officer (SANCTIONS)
  /** Puts `account` on the sanctions list, or takes it off. */
  setSanctioned: WriteAction<[params: { account: Address; sanctioned: boolean }], PolicyWriteResult>;
}

const MAX = 2n ** 256n - 1n;

/** @internal A jurisdiction code as bytes2: two upper-case ASCII letters (whether assigned, the contract checks). */
export function jurisdictionCode(value: unknown, argument: string): Hex {
  if (typeof value !== "string" || !/^[A-Z]{2}$/.test(value)) {
    throw new InvalidArgumentError(argument, value, 'an ISO 3166-1 alpha-2 code: two upper-case letters, e.g. "HK"');
  }
  return stringToHex(value, { size: 2 });
}

/** @internal Builds a policy client; use `compliance(rails).policy(currency)`. */
export function createPolicy(rails: CargoRails, address: Address, deposit: DepositClient, label: string): PolicyClient {
  const { publicClient, walletClient, signer } = rails.config;
  const events = async (receipt: TransactionReceipt) => {
    const out: PolicyEvent[] = [];
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== address.toLowerCase()) continue;
      const { eventName, args } = decodeEventLog({ abi: transferPolicyAbi, data: log.data, topics: log.topics });
      out.push({ eventName, args: args as Record<string, unknown>, logIndex: log.logIndex ?? 0 });
    }
    return out as never[];
  };
  const ctx: ContractContext<typeof transferPolicyAbi> = {
    publicClient,
    walletClient,
    signer,
    address,
    abi: transferPolicyAbi,
    events,
  };
  const op = (name: string) => `compliance.policy(${label}).${name}`;
  const limit = async (value: unknown, argument: string): Promise<bigint> =>
    value === "unlimited"
      ? MAX
      : deposit.parse(value as Amount).catch((error: unknown) => {
          throw new InvalidArgumentError(argument, value, 'an amount in token units or "unlimited"', undefined, error);
        });
  const limits = async ([perTransfer, daily]: readonly [bigint, bigint]): Promise<PolicyLimits> => {
    const decimals = await deposit.decimals();
    return { perTransfer: limitOf(perTransfer, decimals), daily: limitOf(daily, decimals) };
  };
  const policy: PolicyClient = {
    address,
    deposit,
    limitsOf: async (account) => limits(await readContract(ctx, "limitsOf", [assertAddress(account, "account")])),
    defaultLimits: async () => limits(await readContract(ctx, "defaultLimits", [])),
    spentToday: async (account) =>
      deposit.format(await readContract(ctx, "spentToday", [assertAddress(account, "account")])),
    isSanctioned: async (account) => readContract(ctx, "isSanctioned", [assertAddress(account, "account")]),
    isPermittedPair: async (from, to) =>
      readContract(ctx, "isPermittedPair", [jurisdictionCode(from, "from"), jurisdictionCode(to, "to")]),
    jurisdictionPairsEnforced: async () => readContract(ctx, "jurisdictionPairsEnforced", []),
    canTransfer: async (from, to, amount) =>
      readContract(ctx, "canTransfer", [
        assertAddress(from, "from"),
        assertAddress(to, "to"),
        await deposit.parse(amount),
      ]),
    async check(from, to, amount) {
      const args = [assertAddress(from, "from"), assertAddress(to, "to"), await deposit.parse(amount)] as const;
      try {
        await publicClient.readContract({ address, abi: transferPolicyAbi, functionName: "checkTransfer", args });
        return undefined;
      } catch (error) {
        const decoded = toCargoRailsError(error, { abi: transferPolicyAbi, operation: op("check"), address });
        const refusal = policyRefusalOf(decoded, await deposit.decimals());
        if (refusal === undefined) throw decoded;
        return refusal;
      }
    },

    setDefaultLimits: action(1, async (call, p: PolicyLimits) =>
      writeContract(
        ctx,
        op("setDefaultLimits"),
        "setDefaultLimits",
        [await limit(p?.perTransfer, "perTransfer"), await limit(p.daily, "daily")],
        call,
      ),
    ) as unknown as PolicyClient["setDefaultLimits"],
    setAccountLimits: action(1, async (call, p: PolicyLimits & { account: Address }) =>
      writeContract(
        ctx,
        op("setAccountLimits"),
        "setAccountLimits",
        [
          assertAddress(p?.account, "account"),
          await limit(p.perTransfer, "perTransfer"),
          await limit(p.daily, "daily"),
        ],
        call,
      ),
    ) as unknown as PolicyClient["setAccountLimits"],
    clearAccountLimits: action(1, async (call, p: { account: Address }) =>
      writeContract(ctx, op("clearAccountLimits"), "clearAccountLimits", [assertAddress(p?.account, "account")], call),
    ) as unknown as PolicyClient["clearAccountLimits"],
    setJurisdictionPair: action(1, async (call, p: { from: string; to: string; permitted: boolean }) =>
      writeContract(
        ctx,
        op("setJurisdictionPair"),
        "setJurisdictionPair",
        [jurisdictionCode(p?.from, "from"), jurisdictionCode(p.to, "to"), flag(p.permitted, "permitted")],
        call,
      ),
    ) as unknown as PolicyClient["setJurisdictionPair"],
    setJurisdictionPairsEnforced: action(1, async (call, p: { enforced: boolean }) =>
      writeContract(
        ctx,
        op("setJurisdictionPairsEnforced"),
        "setJurisdictionPairsEnforced",
        [flag(p?.enforced, "enforced")],
        call,
      ),
    ) as unknown as PolicyClient["setJurisdictionPairsEnforced"],
    setSanctioned: action(1, async (call, p: { account: Address; sanctioned: boolean }) =>
      writeContract(
        ctx,
        op("setSanctioned"),
        "setSanctioned",
        [assertAddress(p?.account, "account"), flag(p.sanctioned, "sanctioned")],
        call,
      ),
    ) as unknown as PolicyClient["setSanctioned"],
  };
  return policy;
}

function flag(value: unknown, argument: string): boolean {
  if (typeof value !== "boolean") throw new InvalidArgumentError(argument, value, "true or false");
  return value;
}
