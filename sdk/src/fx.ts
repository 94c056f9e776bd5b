/**
 * FX dealers' quotes for interbank payments in two currencies: the EIP-712 `Quote` of InterbankPayments, its rate
 * as a decimal string, what it gives for an amount (rounded down as the contract rounds), its hash and signature, and
 * its expiry. The pure helpers read nothing from the chain; the `fx` namespace fills in decimals and the domain.
 */
import { hashTypedData, zeroAddress, type Address, type Hex, type TypedDataDomain } from "viem";

import { formatAmount, type Amount } from "./amounts.js";
import { InvalidArgumentError } from "./errors.js";
import { assertAddress, toUnixSeconds } from "./guards.js";
import { signTypedData, type TypedDataSigner } from "./signing.js";

/** The EIP-712 domain name of the InterbankPayments contract (version {@link INTERBANK_PAYMENTS_DOMAIN_VERSION}). */
export const INTERBANK_PAYMENTS_DOMAIN_NAME = "Cargo Rails Interbank Payments";
/** The EIP-712 domain version of the InterbankPayments contract. */
export const INTERBANK_PAYMENTS_DOMAIN_VERSION = "1";
/** The scale of a quote's `rate` (the contract's `RATE_SCALE`): a rate of `RATE_SCALE` gives one base unit per base unit. */
export const RATE_SCALE = 10n ** 18n;

/** EIP-712 types of an FX dealer's {@link InterbankQuote}. */
export const interbankQuoteTypes = {
  Quote: [
    { name: "dealer", type: "address" },
    { name: "taker", type: "address" },
    { name: "payReserve", type: "address" },
    { name: "receiveReserve", type: "address" },
    { name: "rate", type: "uint256" },
    { name: "maxPayAmount", type: "uint256" },
    { name: "expiry", type: "uint256" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

/**
 * An FX dealer's firm quote, exactly as the contract's `Quote` struct (base units): it takes up to `maxPayAmount` of
 * `payReserve`'s currency and gives `rate / RATE_SCALE` base units of `receiveReserve`'s currency per base unit
 * taken, once (its `nonce`), until `expiry`, for the payer `taker` (or anyone when zero).
 */
export interface InterbankQuote {
  /** The dealer: a verified bank holding reserves in both currencies, who signs the quote. */
  dealer: Address;
  /**
   * The payer the quote is made out to (the buyer of a cross-bank settlement), or the zero address for whoever
   * presents it first. A named taker keeps anyone who sees the quote from taking it first.
   */
  taker: Address;
  /** The reserves the dealer receives (the payer's currency). */
  payReserve: Address;
  /** The reserves the dealer gives (the payee's currency). */
  receiveReserve: Address;
  /** Base units of the receive currency per base unit of the pay currency, times {@link RATE_SCALE}. */
  rate: bigint;
  /** The most the quote takes, in the pay currency's base units. */
  maxPayAmount: bigint;
  /** Unix seconds after which the quote cannot be taken. */
  expiry: bigint;
  /** The dealer's number for the quote; each nonce is taken or cancelled once. */
  nonce: bigint;
}

/** A quote with its dealer's EIP-712 signature: what a dealer hands to a payer (or to the parties of a settlement). */
export interface SignedQuote {
  /** The quote. */
  quote: InterbankQuote;
  /** The dealer's signature of the quote under the InterbankPayments domain. */
  signature: Hex;
}

/** The decimals of the quote's two currencies (their reserves', equal to their deposit tokens'). */
export interface QuoteDecimals {
  /** Decimals of the pay currency. */
  payDecimals: number;
  /** Decimals of the receive currency. */
  receiveDecimals: number;
}

/** The quote of a payment in one currency: all zero (no dealer, no signature). */
export const ZERO_QUOTE: InterbankQuote = /* @__PURE__ */ Object.freeze({
  dealer: zeroAddress,
  taker: zeroAddress,
  payReserve: zeroAddress,
  receiveReserve: zeroAddress,
  rate: 0n,
  maxPayAmount: 0n,
  expiry: 0n,
  nonce: 0n,
});

const UINT256 = 2n ** 256n;
const RATE = /^(\d+)(?:\.(\d+))?$/;

function checkDecimals(decimals: QuoteDecimals): void {
  for (const name of ["payDecimals", "receiveDecimals"] as const) {
    const d = decimals?.[name];
    if (!Number.isSafeInteger(d) || d < 0 || d > 18) throw new InvalidArgumentError(name, d, "an integer from 0 to 18");
  }
}

/** The power of ten between a decimal rate and the contract's: `RATE_SCALE × 10^(receiveDecimals − payDecimals)`. */
function rateExponent({ payDecimals, receiveDecimals }: QuoteDecimals): number {
  return 18 + receiveDecimals - payDecimals;
}

/**
 * A decimal rate (units of the receive currency per unit of the pay currency, `"0.9234"`: 1 HKD gives 0.9234 CNH)
 * as the contract's base-unit rate: `rate × 10^receiveDecimals / 10^payDecimals × RATE_SCALE`, exactly.
 *
 * @throws {InvalidArgumentError} When the rate is not a positive decimal string, or has more digits than the base-unit
 * rate can carry (it would be rounded).
 *
 * @example
 * ```ts
 * parseRate("0.9234", { payDecimals: 2, receiveDecimals: 2 }); // 923400000000000000n
 * parseRate("20.5", { payDecimals: 2, receiveDecimals: 0 });  // 205000000000000000n (HKD cents → JPY)
 * ```
 */
export function parseRate(rate: string, decimals: QuoteDecimals): bigint {
  checkDecimals(decimals);
  const match = typeof rate === "string" ? RATE.exec(rate) : null;
  if (match === null) throw new InvalidArgumentError("rate", rate, 'a decimal string such as "0.9234"');
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  const exponent = rateExponent(decimals) - fraction.length;
  if (exponent < 0) {
    throw new InvalidArgumentError(
      "rate",
      rate,
      `at most ${rateExponent(decimals)} fraction digits for these decimals (the contract's rate is an integer)`,
    );
  }
  const scaled = BigInt(match[1]! + fraction) * 10n ** BigInt(exponent);
  if (scaled === 0n || scaled >= UINT256) throw new InvalidArgumentError("rate", rate, "a positive rate below 2^256");
  return scaled;
}

/**
 * The contract's base-unit rate as a decimal rate (units of the receive currency per unit of the pay currency), exact
 * and without trailing zeros: the inverse of {@link parseRate}.
 */
export function formatRate(rate: bigint, decimals: QuoteDecimals): string {
  checkDecimals(decimals);
  if (typeof rate !== "bigint" || rate < 0n) throw new InvalidArgumentError("rate", rate, "a non-negative bigint");
  return formatAmount(rate, rateExponent(decimals));
}

/**
 * What a quote gives for `payAmountBaseUnits` of the pay currency, in base units of the receive currency:
 * `payAmount × rate / RATE_SCALE` rounded down, exactly as the contract's `quotedAmount` (the payee bears the rounding,
 * less than one base unit).
 */
export function quotedBaseUnits(quote: Pick<InterbankQuote, "rate">, payAmountBaseUnits: bigint): bigint {
  const rate = quote?.rate;
  if (typeof rate !== "bigint" || rate < 0n)
    throw new InvalidArgumentError("quote.rate", rate, "a non-negative bigint");
  if (typeof payAmountBaseUnits !== "bigint" || payAmountBaseUnits < 0n) {
    throw new InvalidArgumentError("payAmountBaseUnits", payAmountBaseUnits, "a non-negative bigint");
  }
  return (payAmountBaseUnits * rate) / RATE_SCALE;
}

/**
 * Seconds until the quote can no longer be taken, by the clock `now` (Unix seconds or a Date; the chain's block time
 * is what counts): 0 once expired. The contract accepts a quote in a block whose timestamp is at most `expiry`.
 */
export function quoteSecondsLeft(quote: Pick<InterbankQuote, "expiry">, now: bigint | Date): bigint {
  const t = toUnixSeconds(now, "now");
  return quote.expiry > t ? quote.expiry - t : 0n;
}

/** Whether the quote has expired by the clock `now`: a block at `now` would refuse it (`now > expiry`). */
export function isQuoteExpired(quote: Pick<InterbankQuote, "expiry">, now: bigint | Date): boolean {
  return toUnixSeconds(now, "now") > quote.expiry;
}

/** @internal Checks a quote given by a caller (all fields, right types) and checksums its addresses. */
export function assertQuote(quote: unknown, argument = "quote"): InterbankQuote {
  if (typeof quote !== "object" || quote === null) {
    throw new InvalidArgumentError(argument, quote, "an interbank quote (from fx.quote)");
  }
  const q = quote as Record<string, unknown>;
  const uint = (name: string) => {
    const v = q[name];
    if (typeof v !== "bigint" || v < 0n || v >= UINT256) {
      throw new InvalidArgumentError(`${argument}.${name}`, v, "a uint256 as a bigint");
    }
    return v;
  };
  return {
    dealer: assertAddress(q.dealer, `${argument}.dealer`),
    taker: assertAddress(q.taker, `${argument}.taker`),
    payReserve: assertAddress(q.payReserve, `${argument}.payReserve`),
    receiveReserve: assertAddress(q.receiveReserve, `${argument}.receiveReserve`),
    rate: uint("rate"),
    maxPayAmount: uint("maxPayAmount"),
    expiry: uint("expiry"),
    nonce: uint("nonce"),
  };
}

/**
 * The EIP-712 hash of a quote, computed locally: equal to the contract's `hashQuote(quote)`, what the dealer signs.
 *
 * @param quote The quote.
 * @param domain The InterbankPayments domain: `{ name: "Cargo Rails Interbank Payments", version: "1", chainId,
 * verifyingContract }`.
 */
export function hashInterbankQuote(quote: InterbankQuote, domain: TypedDataDomain): Hex {
  return hashTypedData({ domain, types: interbankQuoteTypes, primaryType: "Quote", message: assertQuote(quote) });
}

/**
 * Signs a quote as its dealer (EIP-712 `Quote` under the InterbankPayments domain).
 *
 * @param signer The dealer's wallet, account or signing callback.
 * @param params The InterbankPayments domain and the quote.
 * @returns The 65-byte signature.
 */
export async function signInterbankQuote(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; quote: InterbankQuote },
): Promise<Hex> {
  return signTypedData(signer, "signInterbankQuote", {
    domain: params.domain,
    types: interbankQuoteTypes,
    primaryType: "Quote",
    message: { ...assertQuote(params.quote) },
  });
}

/** What {@link FxNamespace.quote} needs; expiry, nonce and dealer have defaults. */
export interface QuoteInput {
  /** The pay currency's reserves: a currency of `addresses.reserves` (`"HKD"`) or the reserves' address. */
  pay: string;
  /** The receive currency's reserves: a currency of `addresses.reserves` (`"CNH"`) or the reserves' address. */
  receive: string;
  /** Units of the receive currency per unit of the pay currency, a decimal string (`"0.9234"`). */
  rate: string;
  /** The most the quote takes, in the pay currency's units (`"1000000.00"`). */
  maxPayAmount: Amount;
  /** When it lapses: a Date or Unix seconds (default 15 minutes after the chain's current time). */
  expiry?: bigint | Date | undefined;
  /** The dealer's nonce (default random; consecutive nonces share a storage word, so they cost less gas to take). */
  nonce?: bigint | undefined;
  /** The dealer (default: the client's signer, who will sign it). */
  dealer?: Address | undefined;
  /**
   * The payer the quote is made out to (the importer, the buyer of a cross-bank settlement), or `null` for a firm
   * offer to whoever presents it first. Stated, not defaulted: a quote for anyone can be taken by anyone who sees it,
   * which makes the intended payer's settlement fail (`InterbankQuoteUsed`).
   */
  taker: Address | null;
}

/**
 * The `fx` namespace: an FX dealer's quotes for interbank payments in two currencies, under the InterbankPayments
 * contract's EIP-712 domain. Rates are decimal strings (units of the receive currency per unit of the pay currency),
 * amounts decimal strings in each currency's units; the quote itself carries base units, as the contract does.
 */
export interface FxNamespace {
  /** The InterbankPayments contract, whose domain quotes are signed under. */
  readonly interbankPayments: Address;
  /** The InterbankPayments EIP-712 domain (read once from the chain). */
  domain(): Promise<TypedDataDomain>;
  /** Builds a quote from a decimal rate and amounts in the pay currency's units, reading both reserves' decimals. */
  quote(input: QuoteInput): Promise<InterbankQuote>;
  /** The quote's EIP-712 hash, computed locally (equal to the contract's `hashQuote`). */
  hashQuote(quote: InterbankQuote): Promise<Hex>;
  /** Signs the quote as its dealer with the client's signer (which must be `quote.dealer`). */
  signQuote(quote: InterbankQuote): Promise<SignedQuote>;
  /**
   * Whether the signature is the dealer's, as the contract checks it: ECDSA recovery first, else the dealer's
   * ERC-1271 `isValidSignature` when it is a contract. Says nothing of expiry, size or nonce.
   */
  verifyQuote(signed: SignedQuote): Promise<boolean>;
  /** What the quote gives for `payAmount` (pay currency units), in the receive currency's units, rounded down. */
  quotedAmount(quote: InterbankQuote, payAmount: Amount): Promise<Amount>;
  /** The quote's rate as a decimal string (units of the receive currency per unit of the pay currency). */
  rate(quote: InterbankQuote): Promise<string>;
  /** Whether the quote has expired at `now` (default: the latest block's time). */
  isExpired(quote: InterbankQuote, now?: bigint | Date): Promise<boolean>;
  /** Seconds left before the quote expires at `now` (default: the latest block's time); 0 once expired. */
  secondsLeft(quote: InterbankQuote, now?: bigint | Date): Promise<bigint>;
}
