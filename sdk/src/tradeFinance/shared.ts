/**
 * @internal What the three trade-finance namespaces share: their contract contexts bound to a client, payments
 * authorised to a contract, amounts, dates and references.
 */
import {
  decodeEventLog,
  getAddress,
  isHex,
  type Abi,
  type Address,
  type Hash,
  type Hex,
  type ParseEventLogsReturnType,
  type TransactionReceipt,
} from "viem";

import { type Amount } from "../amounts.js";
import { type CargoRails } from "../client.js";
import { type DepositClient } from "../deposits.js";
import { InvalidArgumentError } from "../errors.js";
import { toUnixSeconds } from "../guards.js";
import { boundDecoders } from "../internal/bound.js";
import { chainTime, type ContractContext, type WriteResult } from "../internal/contract.js";
import { type RailsEvent, type RailsEventDecoder } from "../receiptEvents.js";
import { encodeReference } from "../references.js";
import { randomSalt, type SettlementPayment } from "../settlement.js";
import { settlementAuthorizationNonce } from "../signing.js";
import {
  documentaryCreditsAbi,
  documentsAgainstAcceptanceAbi,
  paymentObligationsAbi,
  trustReceiptsAbi,
} from "../abi/index.js";

/**
 * How a payer authorises a payment to a trade-finance contract (a repayment, a discount price, a reimbursement, a
 * credit's funding): a prior allowance to the contract, an EIP-2612 permit with the contract as spender, or an
 * EIP-3009 `ReceiveWithAuthorization` to the contract whose nonce binds it to the payment
 * (`settlementAuthorizationNonce(paymentId, salt)`). The same shape as a settlement's payment.
 */
export type TradePayment = SettlementPayment;

/** The ABI of each trade-finance contract, by name. */
export interface TradeFinanceAbis {
  TrustReceipts: typeof trustReceiptsAbi;
  PaymentObligations: typeof paymentObligationsAbi;
  DocumentsAgainstAcceptance: typeof documentsAgainstAcceptanceAbi;
  DocumentaryCredits: typeof documentaryCreditsAbi;
}

/** A trade-finance contract by name: the `contract` of a {@link TradeFinanceEvent}. */
export type TradeFinanceContractName = keyof TradeFinanceAbis;

/**
 * An event of a trade-finance contract, a union discriminated by `contract` and `eventName`, with its arguments as
 * the ABI gives them (amounts in base units, ids as bigint or bytes32 hex, enums as numbers).
 */
export type TradeFinanceEvent = {
  [TContract in TradeFinanceContractName]: ParseEventLogsReturnType<
    TradeFinanceAbis[TContract],
    undefined,
    true
  >[number] extends infer TEvent
    ? TEvent extends { eventName: infer TName extends string; args: infer TArgs }
      ? {
          /** The contract that emitted the event. */
          contract: TContract;
          /** Its address. */
          address: Address;
          /** The event's name. */
          eventName: TName;
          /** The arguments by name, as the ABI types them (amounts in base units). */
          args: TArgs;
          /** The log's index in its block. */
          logIndex: number;
          /** The transaction's hash. */
          transactionHash: Hash;
          /** The block it was mined in. */
          blockNumber: bigint;
        }
      : never
    : never;
}[TradeFinanceContractName];

/**
 * A mined trade-finance write: the receipt, and the events of the whole transaction in log order, of the core
 * contracts (the registry's `Transfer` and `Endorsed`, the deposit's `Transfer`, ...: {@link RailsEvent}) and of the
 * trade-finance contracts ({@link TradeFinanceEvent}).
 */
export interface TradeFinanceReceipt {
  /** The transaction receipt (status `success`: a reverted transaction throws instead). */
  receipt: TransactionReceipt;
  /** The decoded events, in log order. */
  events: (RailsEvent | TradeFinanceEvent)[];
}

/** What a trade-finance write returns: the hash at once, `wait()` for the receipt, events and `TExtra`. */
export interface TradeFinanceWriteResult<TExtra extends object = {}> {
  /** The transaction's hash, known as soon as the node accepted it. */
  hash: Hash;
  /**
   * Waits until the transaction is mined and returns its receipt, decoded events and `TExtra`.
   * @throws {TransactionRevertedError} When the transaction was mined but reverted.
   */
  wait(options?: { confirmations?: number; timeout?: number }): Promise<TradeFinanceReceipt & TExtra>;
}

/** @internal The ABI of each trade-finance contract. */
export const tradeFinanceAbis: TradeFinanceAbis = {
  TrustReceipts: trustReceiptsAbi,
  PaymentObligations: paymentObligationsAbi,
  DocumentsAgainstAcceptance: documentsAgainstAcceptanceAbi,
  DocumentaryCredits: documentaryCreditsAbi,
};

/** @internal What a namespace is built from. */
export interface Binding {
  rails: CargoRails;
  /** A context for a contract of the entry, whose writes' `wait()` decode the whole transaction. */
  context<TAbi extends Abi>(address: Address, abi: TAbi): ContractContext<TAbi>;
}

/**
 * @internal Binds to a client: its clients and signer, and an event decoder that adds the trade-finance contracts'
 * events (at `contracts`) to the client's own.
 */
export function bind(rails: CargoRails, contracts: readonly (readonly [Address, TradeFinanceContractName])[]): Binding {
  const core = boundDecoders.get(rails);
  const known = new Map(contracts.map(([address, name]) => [address.toLowerCase(), name]));
  const events: RailsEventDecoder = async (receipt) => {
    const own: TradeFinanceEvent[] = [];
    for (const log of receipt.logs) {
      const name = known.get(log.address.toLowerCase());
      if (name === undefined) continue;
      try {
        const { eventName, args } = decodeEventLog({
          abi: tradeFinanceAbis[name] as Abi,
          data: log.data,
          topics: log.topics,
          strict: true,
        });
        own.push({
          contract: name,
          address: getAddress(log.address),
          eventName,
          args,
          logIndex: log.logIndex ?? 0,
          transactionHash: log.transactionHash ?? receipt.transactionHash,
          blockNumber: log.blockNumber ?? receipt.blockNumber,
        } as unknown as TradeFinanceEvent);
      } catch {
        // not an event of the ABI (none expected)
      }
    }
    const all: (RailsEvent | TradeFinanceEvent)[] = [...(core === undefined ? [] : await core(receipt)), ...own];
    return all.sort((a, b) => a.logIndex - b.logIndex) as RailsEvent[];
  };
  const { publicClient, walletClient, signer } = rails.config;
  return {
    rails,
    context: (address, abi) => ({ publicClient, walletClient, signer, events, address, abi }),
  };
}

/** @internal A write's result typed as a trade-finance one (its `wait()` decodes the trade-finance events too). */
export function tradeWrite<TExtra extends object = {}>(
  result: WriteResult<Abi, TExtra> | WriteResult<Abi>,
): TradeFinanceWriteResult<TExtra> {
  return result as unknown as TradeFinanceWriteResult<TExtra>;
}

/** @internal The events of one trade-finance contract and name in a receipt's events. */
export function eventsNamed<
  TContract extends TradeFinanceContractName,
  TName extends Extract<TradeFinanceEvent, { contract: TContract }>["eventName"],
>(
  events: readonly (RailsEvent | TradeFinanceEvent)[],
  contract: TContract,
  eventName: TName,
): Extract<TradeFinanceEvent, { contract: TContract; eventName: TName }>[] {
  return events.filter((e) => e.contract === contract && e.eventName === eventName) as Extract<
    TradeFinanceEvent,
    { contract: TContract; eventName: TName }
  >[];
}

/** @internal A 32-byte reference: text of at most 32 bytes (`encodeReference`), or 32 bytes of hex as they are. */
export const referenceOf = (value: string, argument: string): Hex => encodeReference(value, argument);

/** @internal A date as Unix seconds (a Date or a bigint). */
export const seconds = (value: bigint | Date, argument: string): bigint => toUnixSeconds(value, argument);

/** @internal A non-negative number of seconds. */
export function duration(value: unknown, argument: string): bigint {
  if (typeof value === "bigint" && value >= 0n) return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw new InvalidArgumentError(argument, value, "a number of seconds (a non-negative integer or bigint)");
}

/** @internal A 32-byte id. */
export function bytes32(value: unknown, argument: string): Hex {
  if (typeof value !== "string" || !isHex(value, { strict: true }) || value.length !== 66) {
    throw new InvalidArgumentError(argument, value, "a 0x-prefixed 32-byte hex id");
  }
  return value.toLowerCase() as Hex;
}

/** @internal A uint256 id. */
export function uintId(value: unknown, argument: string): bigint {
  if (typeof value === "bigint" && value >= 0n && value < 1n << 256n) return value;
  throw new InvalidArgumentError(argument, value, "an id as a non-negative bigint");
}

/** Options of signing a payment to a trade-finance contract. */
export interface SignPaymentOptions {
  /** `"authorization"` (default: an EIP-3009 `ReceiveWithAuthorization`) or `"permit"` (EIP-2612). */
  method?: "authorization" | "permit" | undefined;
  /** An authorisation's start (default 0: at once). */
  validAfter?: bigint | Date | undefined;
  /** The authorisation's end or the permit's deadline (default: one hour after the chain's time). */
  validBefore?: bigint | Date | undefined;
  /** The authorisation's salt (default: random). */
  salt?: Hex | undefined;
}

/**
 * @internal Signs, as the deposit client's signer, a payment of `amount` to `contract`: a permit with the contract
 * as spender, or a `ReceiveWithAuthorization` to it bound to `paymentId`.
 */
export async function signPaymentTo(
  deposit: DepositClient,
  contract: Address,
  paymentId: Hex,
  amount: Amount,
  options: SignPaymentOptions = {},
): Promise<TradePayment> {
  const method = options.method ?? "authorization";
  if (method === "permit") {
    const permit = await deposit.signPermit({ spender: contract, amount, deadline: options.validBefore });
    return { method: "permit", deadline: permit.deadline, signature: permit.signature };
  }
  if (method !== "authorization") {
    throw new InvalidArgumentError("method", method, '"authorization" or "permit"');
  }
  const salt = options.salt ?? randomSalt();
  const signed = await deposit.signReceiveAuthorization({
    to: contract,
    amount,
    validAfter: options.validAfter,
    validBefore: options.validBefore,
    nonce: settlementAuthorizationNonce(paymentId, salt),
  });
  return {
    method: "authorization",
    validAfter: signed.validAfter,
    validBefore: signed.validBefore,
    salt,
    signature: signed.signature,
  };
}

/** @internal The chain's time. */
export const now = (rails: CargoRails): Promise<bigint> => chainTime(rails.config.publicClient);
