import { type Address, type Hex } from "viem";

import { assertCrossBankTerms, type CrossBankSubmission } from "./crossBank.js";
import { InvalidArgumentError } from "./errors.js";
import { assertQuote, type InterbankQuote, type SignedQuote } from "./fx.js";
import { assertAddress } from "./guards.js";
import {
  decimal,
  hex,
  object,
  termsFromJson,
  termsToJson,
  uint,
  type SettlementSubmissionJson,
} from "./settlementJson.js";

/**
 * The JSON form of an {@link InterbankQuote}: every bigint an integer decimal string, base units named as such
 * (`rateScaled` is the contract's rate, times `RATE_SCALE`, in base units of both currencies).
 */
export interface InterbankQuoteJson {
  dealer: Address;
  /** The payer the quote is made out to; the zero address for anyone. */
  taker: Address;
  payReserve: Address;
  receiveReserve: Address;
  /** The contract's `rate` (base units of the receive currency per base unit of the pay currency, × 1e18). */
  rateScaled: string;
  /** The most the quote takes, in the pay currency's base units. */
  maxPayAmountBaseUnits: string;
  /** Unix seconds. */
  expiry: string;
  nonce: string;
}

/** The JSON form of a {@link SignedQuote}: what a dealer sends a payer, or the parties of a settlement. */
export interface SignedQuoteJson {
  /** The format's version, so that a reader can refuse what it does not know. */
  version: 1;
  /** What the text holds. */
  kind: "interbankQuote";
  quote: InterbankQuoteJson;
  signature: Hex;
}

/**
 * The JSON form of a {@link CrossBankSubmission}: what one party sends another (or a relayer) between signing and
 * submitting. The settlement terms are written as in {@link SettlementSubmissionJson}; the payee's amount and the
 * quote's amounts are base units, named so.
 */
export interface CrossBankSubmissionJson {
  /** The format's version, so that a reader can refuse what it does not know. */
  version: 1;
  /** What the text holds (a single-bank submission has `way` instead). */
  kind: "crossBankSettlement";
  terms: {
    terms: SettlementSubmissionJson["terms"];
    payeeToken: Address;
    /** What the payee receives, in the payee token's base units. */
    payeeAmountBaseUnits: string;
    quote: InterbankQuoteJson;
  };
  sellerSignature?: Hex;
  buyerSignature?: Hex;
  eblPermit?: { deadline: string; signature: Hex };
  dealerSignature?: Hex;
}

function quoteToJson(value: InterbankQuote): InterbankQuoteJson {
  const q = assertQuote(value);
  return {
    dealer: q.dealer,
    taker: q.taker,
    payReserve: q.payReserve,
    receiveReserve: q.receiveReserve,
    rateScaled: q.rate.toString(),
    maxPayAmountBaseUnits: q.maxPayAmount.toString(),
    expiry: q.expiry.toString(),
    nonce: q.nonce.toString(),
  };
}

function quoteFromJson(value: unknown, argument: string): InterbankQuote {
  const q = object(value, argument);
  return assertQuote(
    {
      dealer: assertAddress(q.dealer, `${argument}.dealer`),
      taker: assertAddress(q.taker, `${argument}.taker`),
      payReserve: assertAddress(q.payReserve, `${argument}.payReserve`),
      receiveReserve: assertAddress(q.receiveReserve, `${argument}.receiveReserve`),
      rate: decimal(q.rateScaled, `${argument}.rateScaled`),
      maxPayAmount: decimal(q.maxPayAmountBaseUnits, `${argument}.maxPayAmountBaseUnits`),
      expiry: decimal(q.expiry, `${argument}.expiry`),
      nonce: decimal(q.nonce, `${argument}.nonce`),
    },
    argument,
  );
}

/** Parses JSON text of the given kind and version 1, or throws naming what is wrong. */
function parse(text: string, kind: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError("json", text, `JSON text (${(error as Error).message})`);
  }
  const json = object(parsed, "json");
  if (json.kind !== kind) throw new InvalidArgumentError("json.kind", json.kind, JSON.stringify(kind));
  if (json.version !== 1) throw new InvalidArgumentError("json.version", json.version, "1");
  return json;
}

/**
 * Writes a dealer's signed quote as JSON text; {@link fxQuoteFromJson} reads it back, checked.
 *
 * @example
 * const signed = await dealerRails.fx.signQuote(quote);
 * const text = fxQuoteToJson(signed); // send to the payer
 */
export function fxQuoteToJson(signed: SignedQuote): string {
  const json: SignedQuoteJson = {
    version: 1,
    kind: "interbankQuote",
    quote: quoteToJson(signed?.quote),
    signature: hex(signed.signature, "signature"),
  };
  return JSON.stringify(json);
}

/**
 * Reads a signed quote written by {@link fxQuoteToJson}, checking every field. Whether the signature is the dealer's
 * is for `fx.verifyQuote` (or the chain) to say.
 *
 * @throws {InvalidArgumentError} naming the first field that is missing or malformed, or if the text is not JSON.
 */
export function fxQuoteFromJson(text: string): SignedQuote {
  const json = parse(text, "interbankQuote");
  return { quote: quoteFromJson(json.quote, "quote"), signature: hex(json.signature, "signature") };
}

/**
 * Writes a cross-bank settlement submission (terms, and whichever signatures it has so far) as JSON text, to hand to
 * the other party or a relayer. {@link crossBankFromJson} reads it back, checked.
 *
 * @example
 * const seller = await exporterRails.crossBank.signAsSeller(terms);
 * const text = crossBankToJson({ terms, ...seller, dealerSignature: signedQuote.signature }); // send to the buyer
 */
export function crossBankToJson(submission: CrossBankSubmission): string {
  const c = assertCrossBankTerms(submission?.terms);
  const json: CrossBankSubmissionJson = {
    version: 1,
    kind: "crossBankSettlement",
    terms: {
      terms: termsToJson(c.terms),
      payeeToken: c.payeeToken,
      payeeAmountBaseUnits: c.payeeAmount.toString(),
      quote: quoteToJson(c.quote),
    },
  };
  for (const key of ["sellerSignature", "buyerSignature", "dealerSignature"] as const) {
    if (submission[key] !== undefined) json[key] = hex(submission[key], key);
  }
  if (submission.eblPermit !== undefined) {
    json.eblPermit = {
      deadline: uint(submission.eblPermit.deadline, "eblPermit.deadline").toString(),
      signature: hex(submission.eblPermit.signature, "eblPermit.signature"),
    };
  }
  return JSON.stringify(json);
}

/**
 * Reads a cross-bank settlement submission written by {@link crossBankToJson}, checking every field, so that what
 * reaches `crossBank.settle` is well-formed. Whether the signatures are valid is for the chain to say (or
 * `crossBank.hashTerms` and `fx.verifyQuote` before that).
 *
 * @throws {InvalidArgumentError} naming the first field that is missing or malformed, or if the text is not JSON.
 */
export function crossBankFromJson(text: string): CrossBankSubmission {
  const json = parse(text, "crossBankSettlement");
  const raw = object(json.terms, "terms");
  const submission: CrossBankSubmission = {
    terms: assertCrossBankTerms({
      terms: termsFromJson(raw.terms, "terms.terms"),
      payeeToken: assertAddress(raw.payeeToken, "terms.payeeToken"),
      payeeAmount: decimal(raw.payeeAmountBaseUnits, "terms.payeeAmountBaseUnits"),
      quote: quoteFromJson(raw.quote, "terms.quote"),
    }),
  };
  for (const key of ["sellerSignature", "buyerSignature", "dealerSignature"] as const) {
    if (json[key] !== undefined) submission[key] = hex(json[key], key);
  }
  if (json.eblPermit !== undefined) {
    const permit = object(json.eblPermit, "eblPermit");
    submission.eblPermit = {
      deadline: decimal(permit.deadline, "eblPermit.deadline"),
      signature: hex(permit.signature, "eblPermit.signature"),
    };
  }
  return submission;
}
