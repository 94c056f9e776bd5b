import { isHex, type Hex } from "viem";

import { InvalidArgumentError } from "./errors.js";
import { assertBytes32 } from "./guards.js";
import {
  assertTerms,
  wayOf,
  type SettlementPayment,
  type SettlementSubmission,
  type SettlementWay,
} from "./settlement.js";
import type { SettlementTerms } from "./signing.js";

/**
 * The JSON form of a {@link SettlementSubmission}: what one party sends another (or a relayer) between signing and
 * submitting. Every bigint is an integer written as a decimal string, so `JSON.stringify` / `JSON.parse` carry it
 * losslessly; addresses and hex values are strings as they are. The price is `terms.amountBaseUnits`: the base units
 * the parties signed (`"2500000"` is HKD 25,000.00 on a 2-decimal token), named so that no reader takes it for token
 * units; `formatAmount(BigInt(amountBaseUnits), decimals)` gives the amount.
 */
export interface SettlementSubmissionJson {
  /**
   * The format's version, so that a reader can refuse what it does not know (3: the terms carry `condition` and
   * `conditionData`, and `way` names the contract whose domain the signatures are under; 2 had neither).
   */
  version: 3;
  /** Whose EIP-712 domain the signatures are under: SignedSettlement (`"signed"`) or EscrowedDeals (`"escrowed"`). */
  way: SettlementWay;
  terms: {
    [K in Exclude<keyof SettlementTerms, "amount">]: SettlementTerms[K] extends bigint ? string : SettlementTerms[K];
  } & {
    /** The price in the payment token's base units, as an integer decimal string. */
    amountBaseUnits: string;
  };
  sellerSignature?: Hex;
  buyerSignature?: Hex;
  eblPermit?: { deadline: string; signature: Hex };
  payment?:
    | { method: "allowance" }
    | { method: "permit"; deadline: string; signature: Hex }
    | { method: "authorization"; validAfter: string; validBefore: string; salt: Hex; signature: Hex };
}

/**
 * Writes a settlement submission (terms, and whichever signatures and authorisations it has so far) as JSON text, to
 * hand to the other party or a relayer. {@link settlementFromJson} reads it back, checked.
 *
 * @example
 * const seller = await exporterRails.settlement.signAsSeller(terms);
 * const text = settlementToJson({ terms, ...seller }); // send to the buyer
 */
export function settlementToJson(submission: SettlementSubmission): string {
  const json: SettlementSubmissionJson = {
    version: 3,
    way: wayOf(submission.way, "way"),
    terms: termsToJson(submission.terms),
  };
  if (submission.sellerSignature !== undefined)
    json.sellerSignature = hex(submission.sellerSignature, "sellerSignature");
  if (submission.buyerSignature !== undefined) json.buyerSignature = hex(submission.buyerSignature, "buyerSignature");
  if (submission.eblPermit !== undefined) {
    json.eblPermit = {
      deadline: uint(submission.eblPermit.deadline, "eblPermit.deadline").toString(),
      signature: hex(submission.eblPermit.signature, "eblPermit.signature"),
    };
  }
  if (submission.payment !== undefined) json.payment = paymentToJson(submission.payment);
  return JSON.stringify(json);
}

/**
 * Reads a settlement submission written by {@link settlementToJson}, checking every field (addresses, 32-byte values,
 * amounts, signatures, the payment method, the way), so that what reaches `settle` or `createDeal` is well-formed.
 * Whether the signatures are valid is for the chain to say (or `hashTerms` and your own check before that).
 *
 * @throws {InvalidArgumentError} naming the first field that is missing or malformed, or if the text is not JSON.
 */
export function settlementFromJson(text: string): SettlementSubmission {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError("json", text, `JSON text (${(error as Error).message})`);
  }
  const json = object(parsed, "json");
  if (json.version !== 3) {
    throw new InvalidArgumentError(
      "json.version",
      json.version,
      "3",
      json.version === 1 || json.version === 2
        ? "Earlier versions had no settlement condition and no way (signatures were for the single settlement contract of before); agree and sign the terms again with this SDK, then export them with settlementToJson."
        : undefined,
    );
  }
  if (json.way !== "signed" && json.way !== "escrowed") {
    throw new InvalidArgumentError("json.way", json.way, '"signed" or "escrowed"');
  }
  const submission: SettlementSubmission = { terms: termsFromJson(json.terms), way: json.way };
  if (json.sellerSignature !== undefined) submission.sellerSignature = hex(json.sellerSignature, "sellerSignature");
  if (json.buyerSignature !== undefined) submission.buyerSignature = hex(json.buyerSignature, "buyerSignature");
  if (json.eblPermit !== undefined) {
    const permit = object(json.eblPermit, "eblPermit");
    submission.eblPermit = {
      deadline: decimal(permit.deadline, "eblPermit.deadline"),
      signature: hex(permit.signature, "eblPermit.signature"),
    };
  }
  if (json.payment !== undefined) submission.payment = paymentFromJson(object(json.payment, "payment"));
  return submission;
}

/** @internal Settlement terms in their JSON form (bigints as decimal strings, the price as `amountBaseUnits`). */
export function termsToJson(value: SettlementTerms): SettlementSubmissionJson["terms"] {
  const { amount, ...terms } = assertTerms(value);
  return {
    ...terms,
    tokenId: terms.tokenId.toString(),
    amountBaseUnits: amount.toString(),
    deadline: terms.deadline.toString(),
  };
}

/** @internal Settlement terms read back from {@link termsToJson}'s form, checked. */
export function termsFromJson(value: unknown, argument = "terms"): SettlementTerms {
  const { amountBaseUnits, ...rawTerms } = object(value, argument);
  return assertTerms({
    ...rawTerms,
    tokenId: decimal(rawTerms.tokenId, `${argument}.tokenId`),
    amount: decimal(amountBaseUnits, `${argument}.amountBaseUnits`),
    deadline: decimal(rawTerms.deadline, `${argument}.deadline`),
  });
}

function paymentToJson(payment: SettlementPayment): NonNullable<SettlementSubmissionJson["payment"]> {
  switch (payment.method) {
    case "allowance":
      return { method: "allowance" };
    case "permit":
      return {
        method: "permit",
        deadline: uint(payment.deadline, "payment.deadline").toString(),
        signature: hex(payment.signature, "payment.signature"),
      };
    case "authorization":
      return {
        method: "authorization",
        validAfter: uint(payment.validAfter, "payment.validAfter").toString(),
        validBefore: uint(payment.validBefore, "payment.validBefore").toString(),
        salt: assertBytes32(payment.salt, "payment.salt"),
        signature: hex(payment.signature, "payment.signature"),
      };
    default:
      throw new InvalidArgumentError(
        "payment.method",
        (payment as { method: unknown }).method,
        '"allowance", "permit" or "authorization"',
      );
  }
}

function paymentFromJson(p: Record<string, unknown>): SettlementPayment {
  switch (p.method) {
    case "allowance":
      return { method: "allowance" };
    case "permit":
      return {
        method: "permit",
        deadline: decimal(p.deadline, "payment.deadline"),
        signature: hex(p.signature, "payment.signature"),
      };
    case "authorization":
      return {
        method: "authorization",
        validAfter: decimal(p.validAfter, "payment.validAfter"),
        validBefore: decimal(p.validBefore, "payment.validBefore"),
        salt: assertBytes32(p.salt, "payment.salt"),
        signature: hex(p.signature, "payment.signature"),
      };
    default:
      throw new InvalidArgumentError("payment.method", p.method, '"allowance", "permit" or "authorization"');
  }
}

/** @internal A JSON object, or an {@link InvalidArgumentError} naming `argument`. */
export function object(value: unknown, argument: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(argument, value, "a JSON object");
  }
  return value as Record<string, unknown>;
}

/** @internal A uint256 written as a decimal string (no sign, exponent or leading zeros). */
export function decimal(value: unknown, argument: string): bigint {
  if (typeof value !== "string" || !/^(0|[1-9]\d*)$/.test(value) || BigInt(value) >= 2n ** 256n) {
    throw new InvalidArgumentError(argument, value, 'a uint256 as a decimal string, e.g. "2500000"');
  }
  return BigInt(value);
}

/** @internal A uint256 as a bigint. */
export function uint(value: unknown, argument: string): bigint {
  if (typeof value !== "bigint" || value < 0n || value >= 2n ** 256n) {
    throw new InvalidArgumentError(argument, value, "a uint256 as a bigint");
  }
  return value;
}

/** @internal 0x-prefixed hex bytes. */
export function hex(value: unknown, argument: string): Hex {
  if (typeof value !== "string" || !isHex(value, { strict: true }) || value.length % 2 !== 0) {
    throw new InvalidArgumentError(argument, value, "0x-prefixed hex bytes");
  }
  return value;
}
