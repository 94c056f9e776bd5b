import { recoverTypedDataAddress, toHex, zeroAddress, type Hex } from "viem";

import { interbankPaymentsAbi } from "./abi/index.js";
import { InvalidArgumentError } from "./errors.js";
import {
  assertQuote,
  formatRate,
  hashInterbankQuote,
  interbankQuoteTypes,
  isQuoteExpired,
  parseRate,
  quotedBaseUnits,
  quoteSecondsLeft,
  signInterbankQuote,
  type FxNamespace,
  type InterbankQuote,
  type QuoteDecimals,
} from "./fx.js";
import { assertAddress, toUnixSeconds } from "./guards.js";
import {
  chainTime,
  eip712DomainReader,
  toCargoRailsError,
  walletAccount,
  type ContractContext,
} from "./internal/contract.js";
import { type ReserveClient } from "./reserves.js";

const UINT256 = 2n ** 256n;

/** @internal Builds the namespace; use {@link createCargoRails}. */
export function createFx(
  ctx: ContractContext<typeof interbankPaymentsAbi>,
  reserve: (currency: string) => ReserveClient,
): FxNamespace {
  const domain = eip712DomainReader(ctx);
  const decimalsOf = async (quote: InterbankQuote): Promise<QuoteDecimals> => {
    const [payDecimals, receiveDecimals] = await Promise.all([
      reserve(quote.payReserve).decimals(),
      reserve(quote.receiveReserve).decimals(),
    ]);
    return { payDecimals, receiveDecimals };
  };
  const clock = async (now: bigint | Date | undefined) =>
    now === undefined ? chainTime(ctx.publicClient) : toUnixSeconds(now, "now");
  const ns: FxNamespace = {
    interbankPayments: ctx.address,
    domain,
    async quote(input) {
      if (typeof input !== "object" || input === null) {
        throw new InvalidArgumentError("input", input, "{ pay, receive, rate, maxPayAmount, taker, expiry?, nonce? }");
      }
      const pay = reserve(input.pay);
      const receive = reserve(input.receive);
      if (pay.address === receive.address) {
        throw new InvalidArgumentError("receive", input.receive, "the reserves of another currency than pay's");
      }
      const dealer =
        input.dealer === undefined
          ? walletAccount(ctx, "fx.quote").account.address
          : assertAddress(input.dealer, "dealer");
      const [payDecimals, receiveDecimals] = await Promise.all([pay.decimals(), receive.decimals()]);
      const nonce = input.nonce ?? BigInt(toHex(globalThis.crypto.getRandomValues(new Uint8Array(32))));
      if (typeof nonce !== "bigint" || nonce < 0n || nonce >= UINT256) {
        throw new InvalidArgumentError("nonce", nonce, "a uint256 as a bigint");
      }
      if (input.taker === undefined) {
        throw new InvalidArgumentError(
          "taker",
          input.taker,
          "the payer the quote is for, or null for whoever presents it first",
        );
      }
      const taker = input.taker === null ? zeroAddress : assertAddress(input.taker, "taker");
      return {
        dealer,
        taker,
        payReserve: pay.address,
        receiveReserve: receive.address,
        rate: parseRate(input.rate, { payDecimals, receiveDecimals }),
        maxPayAmount: await pay.parse(input.maxPayAmount),
        expiry:
          input.expiry === undefined
            ? (await chainTime(ctx.publicClient)) + 900n
            : toUnixSeconds(input.expiry, "expiry"),
        nonce,
      };
    },
    hashQuote: async (quote) => hashInterbankQuote(assertQuote(quote), await domain()),
    async signQuote(quote) {
      const q = assertQuote(quote);
      const { wallet, account } = walletAccount(ctx, "fx.signQuote");
      if (account.address !== q.dealer) {
        throw new InvalidArgumentError(
          "quote.dealer",
          q.dealer,
          `the signer's address (${account.address})`,
          "Only the dealer named in the quote can sign it: the contract checks the signature against quote.dealer.",
        );
      }
      return { quote: q, signature: await signInterbankQuote(wallet, { domain: await domain(), quote: q }) };
    },
    async verifyQuote(signed) {
      const q = assertQuote(signed?.quote);
      const hash = hashInterbankQuote(q, await domain());
      try {
        const recovered = await recoverTypedDataAddress({
          domain: await domain(),
          types: interbankQuoteTypes,
          primaryType: "Quote",
          message: q,
          signature: signed.signature,
        });
        if (recovered === q.dealer) return true;
      } catch {
        // not a recoverable ECDSA signature: the dealer may still be a contract account
      }
      let code: Hex | undefined;
      try {
        code = await ctx.publicClient.getCode({ address: q.dealer });
      } catch (error) {
        throw toCargoRailsError(error, { abi: [], operation: "eth_getCode" });
      }
      if (code === undefined || code === "0x") return false;
      try {
        const magic = await ctx.publicClient.readContract({
          address: q.dealer,
          abi: erc1271Abi,
          functionName: "isValidSignature",
          args: [hash, signed.signature],
        });
        return magic === "0x1626ba7e";
      } catch {
        return false; // a contract without ERC-1271, or one that refuses: not a valid signature, as on chain
      }
    },
    async quotedAmount(quote, payAmount) {
      const q = assertQuote(quote);
      const units = quotedBaseUnits(q, await reserve(q.payReserve).parse(payAmount));
      return reserve(q.receiveReserve).format(units);
    },
    rate: async (quote) => {
      const q = assertQuote(quote);
      return formatRate(q.rate, await decimalsOf(q));
    },
    isExpired: async (quote, now) => isQuoteExpired(assertQuote(quote), await clock(now)),
    secondsLeft: async (quote, now) => quoteSecondsLeft(assertQuote(quote), await clock(now)),
  };
  return ns;
}

const erc1271Abi = [
  {
    type: "function",
    name: "isValidSignature",
    stateMutability: "view",
    inputs: [
      { name: "hash", type: "bytes32" },
      { name: "signature", type: "bytes" },
    ],
    outputs: [{ name: "", type: "bytes4" }],
  },
] as const;
