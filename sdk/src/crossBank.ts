import { hashTypedData, zeroAddress, type Address, type Hex, type TypedDataDomain } from "viem";

import { billOfLadingRegistryAbi, crossBankSettlementAbi } from "./abi/index.js";
import { type Amount } from "./amounts.js";
import { type DepositClient } from "./deposits.js";
import { createEbl, type EblPermit } from "./ebl.js";
import { enumName, termsStatuses, type TermsStatus } from "./enums.js";
import { InvalidArgumentError } from "./errors.js";
import { assertQuote, interbankQuoteTypes, quotedBaseUnits, ZERO_QUOTE, type InterbankQuote } from "./fx.js";
import { assertAddress, assertBytes32 } from "./guards.js";
import {
  action,
  eip712DomainReader,
  readContract,
  walletAccount,
  writeContract,
  type ContractContext,
  type WriteAction,
  type WriteResult,
} from "./internal/contract.js";
import { assertTerms, createSettlement, eblAuthOf, type TermsInput } from "./settlement.js";
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

/** @internal What the namespace needs from the rest of the client. */
export interface CrossBankDependencies {
  /** The CrossBankSettlement contract. */
  ctx: ContractContext<typeof crossBankSettlementAbi>;
  /** The InterbankPayments contract, if configured (the default rail of `setMarket`). */
  interbankPayments: Address | undefined;
  /** The configured eBL registry, if any. */
  eblRegistry: Address | undefined;
  /** The deposit client of a label or address. */
  deposit(token: string): DepositClient;
}

/** @internal Builds the namespace; use {@link createCargoRails}. */
export function createCrossBank(deps: CrossBankDependencies): CrossBankNamespace {
  const { ctx } = deps;
  const domain = eip712DomainReader(ctx);
  // The eBL leg's terms are built as for a single-bank settlement (no settlement contract needed for that).
  const single = createSettlement({
    ...ctx,
    signedSettlement: undefined,
    escrowedDeals: undefined,
    depositRail: undefined,
    eblRegistry: deps.eblRegistry,
    deposit: deps.deposit,
  });
  const registryOf = (registry: Address | undefined) => {
    if (registry !== undefined) return assertAddress(registry, "registry");
    if (deps.eblRegistry === undefined) {
      throw new InvalidArgumentError(
        "registry",
        undefined,
        "the eBL registry's address (none in addresses.eblRegistry)",
      );
    }
    return deps.eblRegistry;
  };
  const ns: CrossBankNamespace = {
    address: ctx.address,
    domain,
    async prepare(input) {
      if (typeof input !== "object" || input === null) {
        throw new InvalidArgumentError(
          "input",
          input,
          "{ tokenId, paymentToken, amount, seller, buyer, payeeToken, quote?, ... }",
        );
      }
      const quote = input.quote === undefined ? undefined : assertQuote(input.quote);
      const payer = deps.deposit(input.paymentToken);
      const payee = deps.deposit(input.payeeToken);
      if (payer.address === payee.address) {
        throw new InvalidArgumentError(
          "payeeToken",
          input.payeeToken,
          "another bank's deposit token than the buyer's",
          "Buyer and payee at the same bank settle through settlement.prepare / settle (SignedSettlement).",
        );
      }
      const [payerCurrency, payeeCurrency] = await Promise.all([
        payer.metadata().then((m) => m.currency),
        payee.metadata().then((m) => m.currency),
      ]);
      if (quote === undefined && payerCurrency !== payeeCurrency) {
        throw new InvalidArgumentError(
          "quote",
          undefined,
          `an FX dealer's quote: the buyer pays in ${payerCurrency}, the payee receives ${payeeCurrency}`,
        );
      }
      if (quote !== undefined && payerCurrency === payeeCurrency) {
        throw new InvalidArgumentError("quote", quote, `no quote: both sides are in ${payerCurrency}`);
      }
      const terms = await single.prepare({
        ...input,
        deadline: input.deadline ?? quote?.expiry,
      });
      let payeeAmount: bigint;
      if (quote === undefined) {
        payeeAmount = input.payeeAmount === undefined ? terms.amount : await payee.parse(input.payeeAmount);
      } else {
        if (terms.amount > quote.maxPayAmount) {
          throw new InvalidArgumentError(
            "amount",
            input.amount,
            `at most the quote's maxPayAmount (${await payer.format(quote.maxPayAmount)})`,
          );
        }
        const quoted = quotedBaseUnits(quote, terms.amount);
        payeeAmount = input.payeeAmount === undefined ? quoted : await payee.parse(input.payeeAmount);
        if (payeeAmount > quoted) {
          throw new InvalidArgumentError(
            "payeeAmount",
            input.payeeAmount,
            `at most what the quote gives for the amount (${await payee.format(quoted)})`,
          );
        }
      }
      return { terms, payeeToken: payee.address, payeeAmount, quote: quote ?? ZERO_QUOTE };
    },
    hashTerms: async (terms) => hashCrossBankTerms(assertCrossBankTerms(terms), await domain()),
    async signTerms(terms) {
      const { wallet } = walletAccount(ctx, "crossBank.signTerms");
      return signCrossBankTerms(wallet, { domain: await domain(), terms: assertCrossBankTerms(terms) });
    },
    async signAsSeller(terms, options = {}) {
      const c = assertCrossBankTerms(terms);
      const sellerSignature = await ns.signTerms(c);
      const ebl = createEbl({ ...ctx, address: c.terms.registry, abi: billOfLadingRegistryAbi });
      const eblPermit = await ebl.signPermit({
        tokenId: c.terms.tokenId,
        spender: ctx.address,
        deadline: options.deadline,
      });
      return { sellerSignature, eblPermit };
    },
    signAsBuyer: async (terms) => ({ buyerSignature: await ns.signTerms(terms) }),
    settle: action(1, async (call, s) => {
      if (typeof s !== "object" || s === null) {
        throw new InvalidArgumentError(
          "submission",
          s,
          "{ terms, sellerSignature?, buyerSignature?, eblPermit?, dealerSignature? }",
        );
      }
      const settlement = {
        terms: assertCrossBankTerms(s.terms),
        sellerSignature: s.sellerSignature ?? "0x",
        buyerSignature: s.buyerSignature ?? "0x",
        eblAuth: eblAuthOf(s.eblPermit),
        dealerSignature: s.dealerSignature ?? "0x",
      } as const;
      return writeContract(ctx, "crossBank.settle", "settleCrossBank", [settlement], call);
    }),
    cancelTerms: action(1, async (call, terms) =>
      writeContract(ctx, "crossBank.cancelTerms", "cancelCrossBankTerms", [assertCrossBankTerms(terms)], call),
    ),
    status: async (termsHash) =>
      enumName(termsStatuses, await readContract(ctx, "statusOf", [assertBytes32(termsHash, "termsHash")])),
    async paymentRailOf(token, options = {}) {
      const rail = await readContract(ctx, "paymentRailOf", [
        registryOf(options.registry),
        deps.deposit(token).address,
      ]);
      return rail === zeroAddress ? null : rail;
    },
    paused: () => readContract(ctx, "paused", []),
    setMarket: action(1, async (call, p) => {
      let rail: Address;
      if (p?.rail === null) rail = zeroAddress;
      else if (p?.rail !== undefined) rail = assertAddress(p.rail, "rail");
      else if (deps.interbankPayments !== undefined) rail = deps.interbankPayments;
      else
        throw new InvalidArgumentError(
          "rail",
          undefined,
          "the InterbankPayments address (none in addresses.interbankPayments)",
        );
      return writeContract(
        ctx,
        "crossBank.setMarket",
        "setMarket",
        [registryOf(p.registry), deps.deposit(p.token).address, rail],
        call,
      );
    }),
    pause: action(0, async (call) => writeContract(ctx, "crossBank.pause", "pause", [], call)),
    unpause: action(0, async (call) => writeContract(ctx, "crossBank.unpause", "unpause", [], call)),
  };
  return ns;
}
