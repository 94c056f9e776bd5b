import { type Address } from "viem";

import { wholesaleReserveAbi } from "./abi/index.js";
import { formatAmount, parseAmount, type Amount } from "./amounts.js";
import { InvalidArgumentError } from "./errors.js";
import { assertAddress } from "./guards.js";
import {
  action,
  readContract,
  writeContract,
  type ContractContext,
  type WriteAction,
  type WriteResult,
} from "./internal/contract.js";
import { decodeReference, encodeReference } from "./references.js";

/** The result of a write on a WholesaleReserve. */
export type ReserveWriteResult = WriteResult<typeof wholesaleReserveAbi>;

/** A reserve token's fixed metadata. */
export interface ReserveMetadata {
  /** The token's address. */
  address: Address;
  /** ERC-20 name (e.g. "HKD Wholesale Reserve"). */
  name: string;
  /** ERC-20 symbol (e.g. "rHKD"). */
  symbol: string;
  /** Decimals of the base unit (those of the currency's deposit tokens). */
  decimals: number;
  /** ISO 4217 code, e.g. `"HKD"`. */
  currency: string;
}

/**
 * The tokenized reserves of one currency (a WholesaleReserve): `rails.reserves.HKD`. Wholesale settlement money issued
 * and redeemed by that currency's central bank only, held by verified banks only, moved between banks by the
 * settlement agents the central bank admitted (the InterbankPayments contract). Amounts are decimal strings in the
 * currency's units, as for deposits (`"1250.50"`; a bigint is refused).
 */
export interface ReserveClient {
  /** The token's address. */
  readonly address: Address;

  // ---------------------------------------------------------------- reads
  /** Name, symbol, decimals and currency (read once, cached). */
  metadata(): Promise<ReserveMetadata>;
  /** The decimals (read once, cached). */
  decimals(): Promise<number>;
  /** The ISO 4217 code, e.g. `"HKD"` (read once, cached). */
  currency(): Promise<string>;
  /** The central bank: the owner, who issues, redeems, pauses and admits settlement agents. */
  centralBank(): Promise<Address>;
  /** A bank's reserves, in the currency's units. */
  balanceOf(bank: Address): Promise<Amount>;
  /** All reserves issued and not redeemed, in the currency's units. */
  totalSupply(): Promise<Amount>;
  /** Whether `agent` may move reserves between banks (the central bank admitted it). */
  isSettlementAgent(agent: Address): Promise<boolean>;
  /** Whether movements of reserves are paused. */
  paused(): Promise<boolean>;
  /** Base units → a decimal string in the currency's units (at least 2 fraction digits when it has them). */
  format(units: bigint): Promise<string>;
  /** A decimal string in the currency's units → base units, checked against the decimals (a bigint is refused). */
  parse(amount: Amount): Promise<bigint>;

  // ---------------------------------------------------------------- the central bank
  /** Credits `bank` with `amount` of new reserves, booked under `bookingReference` (the central bank). */
  issue: WriteAction<[params: { bank: Address; amount: Amount; bookingReference: string }], ReserveWriteResult>;
  /** Debits `amount` of `bank`'s reserves, booked under `bookingReference` (the central bank). */
  redeem: WriteAction<[params: { bank: Address; amount: Amount; bookingReference: string }], ReserveWriteResult>;
  /** Admits (or, `admitted: false`, removes) a settlement system that may move reserves between banks. */
  setSettlementAgent: WriteAction<[params: { agent: Address; admitted: boolean }], ReserveWriteResult>;
  /** Stops every movement of reserves (the central bank). */
  pause: WriteAction<[], ReserveWriteResult>;
  /** Resumes movements of reserves (the central bank). */
  unpause: WriteAction<[], ReserveWriteResult>;
}

/** @internal Builds one reserve client; use {@link createCargoRails}. */
export function createReserve(ctx: ContractContext<typeof wholesaleReserveAbi>, label: string): ReserveClient {
  let metadata: Promise<ReserveMetadata> | undefined;
  let decimals: Promise<number> | undefined;
  const op = (name: string) => `reserves.${label}.${name}`;
  const reference = (value: string) => encodeReference(value, "bookingReference");
  const client: ReserveClient = {
    address: ctx.address,
    metadata() {
      metadata ??= Promise.all([
        readContract(ctx, "name", []),
        readContract(ctx, "symbol", []),
        client.decimals(),
        readContract(ctx, "currency", []),
      ]).then(([name, symbol, d, currency]) => ({
        address: ctx.address,
        name,
        symbol,
        decimals: d,
        currency: decodeReference(currency),
      }));
      metadata.catch(() => (metadata = undefined));
      return metadata;
    },
    decimals() {
      decimals ??= readContract(ctx, "decimals", []);
      decimals.catch(() => (decimals = undefined));
      return decimals;
    },
    currency: async () => (await client.metadata()).currency,
    centralBank: () => readContract(ctx, "owner", []),
    balanceOf: async (bank) => client.format(await readContract(ctx, "balanceOf", [assertAddress(bank, "bank")])),
    totalSupply: async () => client.format(await readContract(ctx, "totalSupply", [])),
    isSettlementAgent: (agent) => readContract(ctx, "isSettlementAgent", [assertAddress(agent, "agent")]),
    paused: () => readContract(ctx, "paused", []),
    format: async (units) => {
      const d = await client.decimals();
      return formatAmount(units, d, { minimumFractionDigits: Math.min(d, 2) });
    },
    parse: async (amount) => {
      parseAmount(typeof amount === "string" ? amount.split(".")[0]! : amount, 0);
      return parseAmount(amount, await client.decimals());
    },
    issue: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("issue"),
        "issue",
        [assertAddress(p?.bank, "bank"), await client.parse(p.amount), reference(p.bookingReference)],
        call,
      ),
    ),
    redeem: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("redeem"),
        "redeem",
        [assertAddress(p?.bank, "bank"), await client.parse(p.amount), reference(p.bookingReference)],
        call,
      ),
    ),
    setSettlementAgent: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("setSettlementAgent"),
        "setSettlementAgent",
        [assertAddress(p?.agent, "agent"), flag(p.admitted)],
        call,
      ),
    ),
    pause: action(0, async (call) => writeContract(ctx, op("pause"), "pause", [], call)),
    unpause: action(0, async (call) => writeContract(ctx, op("unpause"), "unpause", [], call)),
  };
  return client;
}

function flag(value: unknown): boolean {
  if (typeof value !== "boolean") throw new InvalidArgumentError("admitted", value, "true or false");
  return value;
}
