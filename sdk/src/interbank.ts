import { zeroAddress, type Address, type Hex } from "viem";

import { interbankPaymentsAbi } from "./abi/index.js";
import { type Amount } from "./amounts.js";
import { type DepositClient } from "./deposits.js";
import { InvalidArgumentError } from "./errors.js";
import { assertQuote, quotedBaseUnits, ZERO_QUOTE, type SignedQuote } from "./fx.js";
import { assertAddress } from "./guards.js";
import {
  action,
  readContract,
  senderOf,
  writeContract,
  type ContractContext,
  type WriteAction,
  type WriteResult,
} from "./internal/contract.js";
import { encodeReference } from "./references.js";
import { type ReserveClient } from "./reserves.js";

/** The result of a write on the InterbankPayments contract. */
export type InterbankWriteResult = WriteResult<typeof interbankPaymentsAbi>;

/** A bank's participation in interbank payments for one of its deposit tokens (`bankAccountOf`). */
export interface BankAccount {
  /** The deposit token. */
  token: Address;
  /** The token's issuing bank, whose reserves pay and receive (zero address when it never opted in). */
  bank: Address;
  /** The reserves it settles in; `null` when not open (never opened, or closed). */
  reserve: Address | null;
  /** How much more may leave the bank through interbank payments, in the token's units (`"50000.00"`). */
  outflowCapacity: Amount;
  /** How much more may reach the bank through interbank payments, in the token's units. */
  inflowCapacity: Amount;
}

/** An interbank payment as the payer sends it (the payer is the sending account). */
export interface InterbankPaymentInput {
  /** The payer's bank's deposit token: a label of `addresses.deposits` (`"HKD"`) or its address. */
  payerToken: string;
  /** The payee's bank's deposit token: a label or its address (another bank's token than the payer's). */
  payeeToken: string;
  /** Who is credited at the payee's bank. */
  payee: Address;
  /** What the payer pays, in the payer token's units (`"1000.00"`). */
  amount: Amount;
  /**
   * What the payee receives, in the payee token's units. Default: `amount` in one currency; in two, what the quote
   * gives for `amount`, rounded down (`fx.quotedAmount`). The contract refuses more than that.
   */
  receiveAmount?: Amount | undefined;
  /**
   * The payment's id, used once: 32 bytes of hex, or an end-to-end reference of at most 32 bytes of text (stored as
   * `encodeReference` stores it, so the deposit tokens' `Burned` / `Minted` events read it back as text).
   */
  paymentId: string;
  /** The dealer's signed quote, for a payment in two currencies (none in one). */
  quote?: SignedQuote | undefined;
}

/**
 * The `interbank` namespace: payments from a customer of one bank to a customer of another, in one currency or two,
 * settled in the same transaction in tokenized reserves (burn at the payer's bank, reserves between the banks,
 * through an FX dealer's quote in two currencies, mint at the payee's bank). Amounts are decimal strings in each
 * deposit token's units.
 */
export interface InterbankNamespace {
  /** The InterbankPayments contract's address. */
  readonly address: Address;
  /** A deposit token's participation (label or address); capacities in the token's units. */
  bankAccount(token: string): Promise<BankAccount>;
  /** Whether a dealer's quote nonce was taken or cancelled. */
  isQuoteUsed(dealer: Address, nonce: bigint): Promise<boolean>;
  /**
   * Whether a direct payment (`pay`) with this id (32 bytes of hex, or the reference text it was paid under) completed.
   * A cross-bank settlement's payment id is its terms' hash, kept unique by the settlement: `crossBank.status`.
   */
  isPaymentIdUsed(paymentId: string): Promise<boolean>;
  /** Whether payments are paused. */
  paused(): Promise<boolean>;

  /**
   * Opens, changes or closes (`reserve: null`) a bank's participation for its deposit token (the token's issuing bank):
   * the reserves it settles in (a currency of `addresses.reserves` or an address) and the capacities, in the token's
   * units. A zero capacity stops that direction at once.
   */
  setBankAccount: WriteAction<
    [params: { token: string; reserve: string | null; outflowCapacity: Amount; inflowCapacity: Amount }],
    InterbankWriteResult
  >;
  /** Pays as the payer (the sending account), in one currency or, with a dealer's quote, in two. */
  pay: WriteAction<[payment: InterbankPaymentInput], InterbankWriteResult>;
  /** Withdraws one of the sending dealer's quotes before it is taken. */
  cancelQuote: WriteAction<[params: { nonce: bigint }], InterbankWriteResult>;
  /** Stops new payments (interbank pauser). */
  pause: WriteAction<[], InterbankWriteResult>;
  /** Resumes payments (interbank pauser). */
  unpause: WriteAction<[], InterbankWriteResult>;
}

/** @internal A payment id as the contract takes it: 32 bytes of hex as is, text as `encodeReference` writes it. */
export function paymentIdOf(value: string): Hex {
  return encodeReference(value, "paymentId");
}

function assertNonce(value: unknown): bigint {
  if (typeof value !== "bigint" || value < 0n || value >= 2n ** 256n) {
    throw new InvalidArgumentError("nonce", value, "a uint256 as a bigint");
  }
  return value;
}

/** @internal Builds the namespace; use {@link createCargoRails}. */
export function createInterbank(
  ctx: ContractContext<typeof interbankPaymentsAbi>,
  lookup: { deposit(token: string): DepositClient; reserve(currency: string): ReserveClient },
): InterbankNamespace {
  const capacity = async (deposit: DepositClient, value: Amount, argument: string) => {
    const units = await deposit.parse(value);
    if (units >= 2n ** 128n) throw new InvalidArgumentError(argument, value, "an amount below 2^128 base units");
    return units;
  };
  return {
    address: ctx.address,
    async bankAccount(token) {
      const deposit = lookup.deposit(token);
      const account = await readContract(ctx, "bankAccountOf", [deposit.address]);
      return {
        token: deposit.address,
        bank: account.bank,
        reserve: account.reserve === zeroAddress ? null : account.reserve,
        outflowCapacity: await deposit.format(account.outflowCapacity),
        inflowCapacity: await deposit.format(account.inflowCapacity),
      };
    },
    isQuoteUsed: (dealer, nonce) =>
      readContract(ctx, "isQuoteUsed", [assertAddress(dealer, "dealer"), assertNonce(nonce)]),
    isPaymentIdUsed: (paymentId) => readContract(ctx, "isPaymentIdUsed", [paymentIdOf(paymentId)]),
    paused: () => readContract(ctx, "paused", []),

    setBankAccount: action(1, async (call, p) => {
      const deposit = lookup.deposit(p?.token);
      const reserve = p.reserve === null ? zeroAddress : lookup.reserve(p.reserve).address;
      return writeContract(
        ctx,
        "interbank.setBankAccount",
        "setBankAccount",
        [
          deposit.address,
          reserve,
          await capacity(deposit, p.outflowCapacity, "outflowCapacity"),
          await capacity(deposit, p.inflowCapacity, "inflowCapacity"),
        ],
        call,
      );
    }),
    pay: action(1, async (call, p) => {
      if (typeof p !== "object" || p === null) {
        throw new InvalidArgumentError("payment", p, "{ payerToken, payeeToken, payee, amount, paymentId, quote? }");
      }
      const payer = senderOf(ctx, "interbank.pay", call);
      const payerToken = lookup.deposit(p.payerToken);
      const payeeToken = lookup.deposit(p.payeeToken);
      const payAmount = await payerToken.parse(p.amount);
      const quote = p.quote === undefined ? ZERO_QUOTE : assertQuote(p.quote.quote, "quote.quote");
      const receiveAmount =
        p.receiveAmount !== undefined
          ? await payeeToken.parse(p.receiveAmount)
          : p.quote === undefined
            ? payAmount
            : quotedBaseUnits(quote, payAmount);
      const payment = {
        payerToken: payerToken.address,
        payer,
        payAmount,
        payeeToken: payeeToken.address,
        payee: assertAddress(p.payee, "payee"),
        receiveAmount,
        paymentId: paymentIdOf(p.paymentId),
      };
      const signature = p.quote === undefined ? "0x" : p.quote.signature;
      return writeContract(ctx, "interbank.pay", "pay", [payment, quote, signature], call);
    }),
    cancelQuote: action(1, async (call, p) =>
      writeContract(ctx, "interbank.cancelQuote", "cancelQuote", [assertNonce(p?.nonce)], call),
    ),
    pause: action(0, async (call) => writeContract(ctx, "interbank.pause", "pause", [], call)),
    unpause: action(0, async (call) => writeContract(ctx, "interbank.unpause", "unpause", [], call)),
  };
}
