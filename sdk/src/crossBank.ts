import { hashTypedData, type Address, type Hex, type TypedDataDomain } from "viem";

import { crossBankSettlementAbi } from "./abi/index.js";
import { type Amount } from "./amounts.js";
import { type EblPermit } from "./ebl.js";
import { type TermsStatus } from "./enums.js";
import { InvalidArgumentError } from "./errors.js";
import { assertQuote, interbankQuoteTypes, type InterbankQuote } from "./fx.js";
import { assertAddress } from "./guards.js";
import { type WriteAction, type WriteResult } from "./internal/contract.js";
import { assertTerms, type TermsInput } from "./settlement.js";
import { settlementTermsTypes, signTypedData, type SettlementTerms, type TypedDataSigner } from "./signing.js";

/** The EIP-712 domain name of the CrossBankSettlement contract (version `"2"`, {@link SETTLEMENT_DOMAIN_VERSION}). */
export const CROSS_BANK_SETTLEMENT_DOMAIN_NAME = "Cargo Rails Cross-Bank DvP";

/**
 * EIP-712 types of {@link CrossBankTerms}: `CrossBankTerms(Terms terms,address payeeToken,uint256 payeeAmount,Quote
 * quote)` with the settlement's `Terms` and the dealer's `Quote`.
 */
export const crossBankTermsTypes = {
  CrossBankTerms: [
    { name: "terms", type: "Terms" },
    { name: "payeeToken", type: "address" },
    { name: "payeeAmount", type: "uint256" },
    { name: "quote", type: "Quote" },
  ],
  Quote: interbankQuoteTypes.Quote,
  Terms: settlementTermsTypes.Terms,
} as const;

/**
 * What seller and buyer agree for a cross-bank settlement, exactly as the contract's `CrossBankTerms` (base units).
 * Its EIP-712 hash under the CrossBankSettlement domain is what both sign, the replay key and the payment id of every
 * event of the payment.
 */
export interface CrossBankTerms {
  /** The eBL leg and the buyer's side of the payment (`paymentToken`, `amount`), as in a single-bank settlement. */
  terms: SettlementTerms;
  /** The payee's bank's deposit token (`terms.paymentRecipient` is credited in it). */
  payeeToken: Address;
  /** What the payee receives, in `payeeToken`'s base units. */
  payeeAmount: bigint;
  /** The FX dealer's quote the parties take (all zero in one currency). */
  quote: InterbankQuote;
}

/** A cross-bank settlement as submitted: the terms, both consents, the eBL permit and the dealer's signature. */
export interface CrossBankSubmission {
  /** The terms. */
  terms: CrossBankTerms;
  /** The seller's signature of the terms (omit when the seller submits). */
  sellerSignature?: Hex | undefined;
  /** The buyer's signature of the terms (omit when the buyer submits). */
  buyerSignature?: Hex | undefined;
  /** The seller's eBL permit for the CrossBankSettlement contract (omit when it is already approved). */
  eblPermit?: Pick<EblPermit, "deadline" | "signature"> | undefined;
  /** The dealer's signature of `terms.quote` (omit in one currency). */
  dealerSignature?: Hex | undefined;
}

/** What {@link CrossBankNamespace.prepare} needs: a settlement's essentials, the payee's token and the quote. */
export interface CrossBankTermsInput extends TermsInput {
  /** The payee's bank's deposit token: a label of `addresses.deposits` (`"CNH"`) or its address. */
  payeeToken: string;
  /**
   * What the payee receives, in the payee token's units. Default: `amount` in one currency; in two, what the quote
   * gives for `amount`, rounded down.
   */
  payeeAmount?: Amount | undefined;
  /**
   * The dealer's quote (`signedQuote.quote`), for two currencies. The terms' `deadline` defaults to its expiry
   * (the settlement cannot run after it).
   */
  quote?: InterbankQuote | undefined;
}

/** The result of a write on the CrossBankSettlement contract. */
export type CrossBankWriteResult = WriteResult<typeof crossBankSettlementAbi>;

/**
 * The `crossBank` namespace: delivery versus payment across banks and currencies (CrossBankSettlement). The buyer pays
 * in its bank's deposit token, the seller's payee receives its own bank's (in the same currency, or another at an FX
 * dealer's quote), the eBL moves, all in one transaction. Both parties sign the same terms; anyone submits them. The
 * buyer's signature is its whole consent: the interbank contract burns its deposit, no allowance is needed.
 */
export interface CrossBankNamespace {
  /** The CrossBankSettlement contract's address. */
  readonly address: Address;
  /** Its EIP-712 domain (read once from the chain). */
  domain(): Promise<TypedDataDomain>;
  /**
   * Builds complete terms from the essentials (as `settlement.prepare`), with the payee's token and amount and the
   * quote. Refuses two currencies without a quote, a quote smaller than the amount, or a payee amount above what it
   * gives.
   */
  prepare(input: CrossBankTermsInput): Promise<CrossBankTerms>;
  /** The terms' EIP-712 hash, computed locally (equal to the contract's `hashCrossBankTerms`): the payment id. */
  hashTerms(terms: CrossBankTerms): Promise<Hex>;
  /** Signs the terms with the client's signer (the seller's or the buyer's consent). */
  signTerms(terms: CrossBankTerms): Promise<Hex>;
  /** The seller's part: its signature of the terms and an ERC-4494 permit of the eBL for this contract. */
  signAsSeller(
    terms: CrossBankTerms,
    options?: { deadline?: bigint | Date | undefined },
  ): Promise<{ sellerSignature: Hex; eblPermit: EblPermit }>;
  /** The buyer's part: its signature of the terms (its deposit is burned by the interbank contract, no allowance). */
  signAsBuyer(terms: CrossBankTerms): Promise<{ buyerSignature: Hex }>;
  /** Settles signed cross-bank terms (anyone may submit). */
  settle: WriteAction<[submission: CrossBankSubmission], CrossBankWriteResult>;
  /** Cancels the terms before they settle (seller or buyer). */
  cancelTerms: WriteAction<[terms: CrossBankTerms], CrossBankWriteResult>;
  /** What happened to a terms hash: `none`, `settled` or `cancelled`. */
  status(termsHash: Hex): Promise<TermsStatus>;
  /**
   * The rail of a market (eBLs of `registry`, default `addresses.eblRegistry`, paid in the buyer's `token`, a label or
   * address): the InterbankPayments contract when open, `null` when closed.
   */
  paymentRailOf(token: string, options?: { registry?: Address | undefined }): Promise<Address | null>;
  /** Whether the contract is paused. */
  paused(): Promise<boolean>;
  /**
   * Opens (through `rail`, default `addresses.interbankPayments`) or closes (`rail: null`) a market: eBLs of `registry`
   * (default `addresses.eblRegistry`) against payments from buyers in `token` (settlement admin).
   */
  setMarket: WriteAction<
    [params: { token: string; rail?: Address | null | undefined; registry?: Address | undefined }],
    CrossBankWriteResult
  >;
  /** Pauses new settlements (settlement pauser). */
  pause: WriteAction<[], CrossBankWriteResult>;
  /** Ends a pause (settlement pauser). */
  unpause: WriteAction<[], CrossBankWriteResult>;
}

/** @internal Checks cross-bank terms given by a caller. */
export function assertCrossBankTerms(terms: unknown): CrossBankTerms {
  if (typeof terms !== "object" || terms === null) {
    throw new InvalidArgumentError("terms", terms, "cross-bank terms (from crossBank.prepare)");
  }
  const c = terms as Record<string, unknown>;
  if (typeof c.payeeAmount !== "bigint" || c.payeeAmount < 0n || c.payeeAmount >= 2n ** 256n) {
    throw new InvalidArgumentError("terms.payeeAmount", c.payeeAmount, "a uint256 as a bigint");
  }
  return {
    terms: assertTerms(c.terms),
    payeeToken: assertAddress(c.payeeToken, "terms.payeeToken"),
    payeeAmount: c.payeeAmount,
    quote: assertQuote(c.quote, "terms.quote"),
  };
}

/**
 * The EIP-712 hash of cross-bank terms, computed locally: equal to the contract's `hashCrossBankTerms(terms)`.
 *
 * @param terms The terms.
 * @param domain The CrossBankSettlement domain: `{ name: "Cargo Rails Cross-Bank Settlement", version: "2", chainId,
 * verifyingContract }`.
 */
export function hashCrossBankTerms(terms: CrossBankTerms, domain: TypedDataDomain): Hex {
  return hashTypedData({
    domain,
    types: crossBankTermsTypes,
    primaryType: "CrossBankTerms",
    message: assertCrossBankTerms(terms),
  });
}

/**
 * Signs cross-bank terms (EIP-712 `CrossBankTerms` under the CrossBankSettlement domain): a party's consent.
 *
 * @param signer The seller's or buyer's wallet, account or signing callback.
 * @param params The CrossBankSettlement domain and the terms.
 * @returns The 65-byte signature.
 */
export async function signCrossBankTerms(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; terms: CrossBankTerms },
): Promise<Hex> {
  return signTypedData(signer, "signCrossBankTerms", {
    domain: params.domain,
    types: crossBankTermsTypes,
    primaryType: "CrossBankTerms",
    message: { ...assertCrossBankTerms(params.terms) },
  });
}
