import { zeroAddress, type Address } from "viem";

import { billOfLadingRegistryAbi, crossBankSettlementAbi } from "./abi/index.js";
import { assertCrossBankTerms, hashCrossBankTerms, signCrossBankTerms, type CrossBankNamespace } from "./crossBank.js";
import { type DepositClient } from "./deposits.js";
import { createEbl } from "./ebl.js";
import { enumName, termsStatuses } from "./enums.js";
import { InvalidArgumentError } from "./errors.js";
import { assertQuote, quotedBaseUnits, ZERO_QUOTE } from "./fx.js";
import { assertAddress, assertBytes32 } from "./guards.js";
import {
  action,
  eip712DomainReader,
  readContract,
  walletAccount,
  writeContract,
  type ContractContext,
} from "./internal/contract.js";
import { createSettlement } from "./internal/settlementNamespace.js";
import { eblAuthOf } from "./settlement.js";

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
        if (quote.taker !== zeroAddress && quote.taker !== terms.buyer) {
          throw new InvalidArgumentError(
            "quote.taker",
            quote.taker,
            `the buyer ${terms.buyer} (the quote is made out to another payer), or the zero address`,
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
