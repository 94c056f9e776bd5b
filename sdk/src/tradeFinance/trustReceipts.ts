import { type Address, type Hex, type TypedDataDomain } from "viem";

import { trustReceiptsAbi } from "../abi/index.js";
import { type Amount } from "../amounts.js";
import { enumName, trustReceiptStatuses, type TrustReceiptStatus } from "../enums.js";
import { InvalidArgumentError } from "../errors.js";
import { assertAddress } from "../guards.js";
import {
  action,
  eip712DomainReader,
  extendWait,
  readContract,
  walletAccount,
  writeContract,
  type WriteAction,
} from "../internal/contract.js";
import { paymentAuthOf } from "../settlement.js";
import {
  bytes32,
  eventsNamed,
  referenceOf,
  seconds,
  signPaymentTo,
  tradeWrite,
  type Binding,
  type SignPaymentOptions,
  type TradeFinanceWriteResult,
  type TradePayment,
} from "./shared.js";
import {
  assertTrustReceiptTerms,
  hashTrustReceiptTerms,
  signTrustReceiptTerms,
  type TrustReceiptTerms,
} from "./signing.js";
import { type SignedTrustReceipt } from "./json.js";

/** A trust receipt as `trustReceipts.get` reads it; amounts in the token's units. */
export interface TrustReceipt {
  /** Its id: the EIP-712 digest of the terms the importer signed. */
  receiptId: Hex;
  /** Where it stands. */
  status: TrustReceiptStatus;
  /** The bank, which keeps title (its security interest). */
  bank: Address;
  /** The importer, the bank's trustee. */
  importer: Address;
  /** The eBL. */
  tokenId: bigint;
  /** The deposit token of the debt. */
  token: Address;
  /** What the importer owes in all, in the token's units. */
  amount: Amount;
  /** What it repaid so far. */
  repaid: Amount;
  /** What remains: `amount - repaid`. */
  outstanding: Amount;
  /** The due date, Unix seconds. */
  dueDate: bigint;
  /** Whether the due date has passed with money outstanding (the bank may recall the eBL before surrender). */
  inDefault: boolean;
}

/** What `trustReceipts.prepare` takes. */
export interface TrustReceiptInput {
  /** The importer, who will sign. */
  importer: Address;
  /** The eBL the bank holds with title. */
  tokenId: bigint;
  /** The deposit token (a label of `addresses.deposits`, or its address). */
  token: string;
  /** What the importer will owe: a decimal string in the token's units. */
  amount: Amount;
  /** The repayment date. */
  dueDate: bigint | Date;
  /** The bank's facility or loan reference: text of at most 32 bytes, or 32 bytes of hex. */
  reference: string;
  /** The bank (default: the wallet's account). */
  bank?: Address | undefined;
  /** The importer's signature deadline (default: one day after the chain's time). */
  deadline?: bigint | Date | undefined;
}

/**
 * Trust receipts (TrustReceipts): the bank that holds an eBL with title lets the importer take delivery while it
 * keeps its security interest. The importer signs the terms (`prepare`, `sign`); the bank opens the receipt (`open`,
 * the eBL into the contract's custody); the importer may only surrender the eBL to the carrier
 * (`surrenderForDelivery`) or return it (`returnToBank`); it repays (`repay`, partial allowed) and receives title
 * when repaid in full, unless the bank released it first (`release`). In default, before surrender, the bank
 * recalls the eBL (`recall`); after surrender, anyone records the default (`markDefaulted`).
 */
export interface TrustReceiptsNamespace {
  /** The TrustReceipts contract. */
  readonly address: Address;
  /** Its EIP-712 domain, read once. */
  domain(): Promise<TypedDataDomain>;
  /** Builds the terms: the importer's current nonce, the registry, the amount in base units. */
  prepare(input: TrustReceiptInput): Promise<TrustReceiptTerms>;
  /** The receipt id of `terms`: the EIP-712 digest the importer signs (as the contract's `hashTerms`). */
  hashTerms(terms: TrustReceiptTerms): Promise<Hex>;
  /** Signs the terms as the importer (the client's signer must be the importer). */
  sign(terms: TrustReceiptTerms): Promise<Hex>;
  /**
   * Opens the receipt (the bank, which approved the contract for the eBL on the registry): the eBL moves into the
   * contract's custody. `wait()` adds the `receiptId`.
   */
  open: WriteAction<[signed: SignedTrustReceipt], TradeFinanceWriteResult<{ receiptId: Hex }>>;
  /** The importer surrenders the eBL to the carrier to take delivery (title stays with the bank). */
  surrenderForDelivery: WriteAction<[receiptId: Hex], TradeFinanceWriteResult>;
  /** Anyone: the carrier rejected the surrender and the eBL is back in custody; the receipt is active again. */
  resume: WriteAction<[receiptId: Hex], TradeFinanceWriteResult>;
  /** The importer returns the eBL to the bank. */
  returnToBank: WriteAction<[receiptId: Hex], TradeFinanceWriteResult>;
  /**
   * Repays `amount` (decimal string in the token's units) to the bank from the caller's deposits, by allowance to
   * the contract (default), permit or authorisation (`signRepayment`, signed by the caller). Anyone may repay for the
   * importer, from its own deposits. Repaid in full, the eBL (if still in custody) is endorsed and delivered to the
   * importer.
   */
  repay: WriteAction<
    [params: { receiptId: Hex; amount: Amount; payment?: TradePayment | undefined }],
    TradeFinanceWriteResult
  >;
  /**
   * Signs a repayment as the payer, who then submits it (`repay`): a permit to the contract or an EIP-3009
   * authorisation to it bound to the receipt.
   */
  signRepayment(params: { receiptId: Hex; amount: Amount } & SignPaymentOptions): Promise<TradePayment>;
  /** The bank waives its security interest: the eBL is endorsed and delivered to the importer. */
  release: WriteAction<[receiptId: Hex], TradeFinanceWriteResult>;
  /** The bank recalls the eBL in default (due date passed, money outstanding), before it was surrendered. */
  recall: WriteAction<[receiptId: Hex], TradeFinanceWriteResult>;
  /** Anyone records a default after surrender (due date passed, money outstanding). */
  markDefaulted: WriteAction<[receiptId: Hex], TradeFinanceWriteResult>;
  /** A receipt. */
  get(receiptId: Hex): Promise<TrustReceipt>;
  /** The receipt holding the eBL in custody, or `null`. */
  receiptOfEbl(tokenId: bigint): Promise<Hex | null>;
  /** The importer's next nonce for signing terms. */
  nonce(importer: Address): Promise<bigint>;
}

const ZERO32 = `0x${"0".repeat(64)}` as Hex;

/** @internal Builds the namespace; use `tradeFinance(rails).trustReceipts`. */
export function createTrustReceipts(binding: Binding, address: Address): TrustReceiptsNamespace {
  const { rails } = binding;
  const ctx = binding.context(address, trustReceiptsAbi);
  const domain = eip712DomainReader(ctx);
  const id = (receiptId: unknown) => bytes32(receiptId, "receiptId");
  const simple = (
    operation: keyof TrustReceiptsNamespace & string,
    fn: "surrenderForDelivery" | "resume" | "returnToBank" | "release" | "recall" | "markDefaulted",
  ) =>
    action(1, async (call, receiptId: Hex) =>
      tradeWrite(await writeContract(ctx, `trustReceipts.${operation}`, fn, [id(receiptId)], call)),
    );
  const ns: TrustReceiptsNamespace = {
    address,
    domain,
    async prepare(input) {
      if (typeof input !== "object" || input === null) {
        throw new InvalidArgumentError("input", input, "{ importer, tokenId, token, amount, dueDate, reference }");
      }
      const bank =
        input.bank === undefined
          ? walletAccount(ctx, "trustReceipts.prepare").account.address
          : assertAddress(input.bank, "bank");
      const importer = assertAddress(input.importer, "importer");
      if (typeof input.tokenId !== "bigint" || input.tokenId < 0n) {
        throw new InvalidArgumentError("tokenId", input.tokenId, "the eBL's token id as a bigint");
      }
      const deposit = rails.deposit(input.token);
      const [amount, nonce, registry, time] = await Promise.all([
        deposit.parse(input.amount),
        ns.nonce(importer),
        readContract(ctx, "registry", []),
        rails.config.publicClient.getBlock().then((b) => b.timestamp),
      ]);
      return assertTrustReceiptTerms({
        bank,
        importer,
        registry,
        tokenId: input.tokenId,
        token: deposit.address,
        amount,
        dueDate: seconds(input.dueDate, "dueDate"),
        loanReference: referenceOf(input.reference, "reference"),
        nonce,
        deadline: input.deadline === undefined ? time + 86_400n : seconds(input.deadline, "deadline"),
      });
    },
    hashTerms: async (terms) => hashTrustReceiptTerms(terms, await domain()),
    async sign(terms) {
      const { wallet } = walletAccount(ctx, "trustReceipts.sign");
      return signTrustReceiptTerms(wallet, { domain: await domain(), terms });
    },
    open: action(1, async (call, signed: SignedTrustReceipt) => {
      if (typeof signed !== "object" || signed === null) {
        throw new InvalidArgumentError("signed", signed, "{ terms, importerSignature }");
      }
      const terms = assertTrustReceiptTerms(signed.terms);
      const result = await writeContract(ctx, "trustReceipts.open", "open", [terms, signed.importerSignature], call);
      return tradeWrite(
        extendWait(result, ({ events }) => ({
          receiptId: eventsNamed(events, "TrustReceipts", "TrustReceiptOpened")[0]!.args.receiptId,
        })),
      );
    }),
    surrenderForDelivery: simple("surrenderForDelivery", "surrenderForDelivery"),
    resume: simple("resume", "resume"),
    returnToBank: simple("returnToBank", "returnToBank"),
    repay: action(1, async (call, params: { receiptId: Hex; amount: Amount; payment?: TradePayment | undefined }) => {
      const receiptId = id(params?.receiptId);
      const receipt = await readContract(ctx, "receiptOf", [receiptId]);
      const amount = await rails.deposit(receipt.token).parse(params.amount);
      return tradeWrite(
        await writeContract(
          ctx,
          "trustReceipts.repay",
          "repay",
          [receiptId, amount, paymentAuthOf(params.payment)],
          call,
        ),
      );
    }),
    async signRepayment(params) {
      const receiptId = id(params?.receiptId);
      const receipt = await readContract(ctx, "receiptOf", [receiptId]);
      return signPaymentTo(rails.deposit(receipt.token), address, receiptId, params.amount, params);
    },
    release: simple("release", "release"),
    recall: simple("recall", "recall"),
    markDefaulted: simple("markDefaulted", "markDefaulted"),
    async get(receiptId) {
      const r = await readContract(ctx, "receiptOf", [id(receiptId)]);
      if (r.status === 0) throw new InvalidArgumentError("receiptId", receiptId, "the id of an opened trust receipt");
      const deposit = rails.deposit(r.token);
      const outstanding = r.amount - r.repaid;
      const time = (await rails.config.publicClient.getBlock()).timestamp;
      const [amount, repaid, left] = await Promise.all([
        deposit.format(r.amount),
        deposit.format(r.repaid),
        deposit.format(outstanding),
      ]);
      return {
        receiptId: id(receiptId),
        status: enumName(trustReceiptStatuses, r.status),
        bank: r.bank,
        importer: r.importer,
        tokenId: r.tokenId,
        token: r.token,
        amount,
        repaid,
        outstanding: left,
        dueDate: BigInt(r.dueDate),
        inDefault: r.status >= 1 && r.status <= 3 && outstanding > 0n && time > BigInt(r.dueDate),
      };
    },
    async receiptOfEbl(tokenId) {
      const receiptId = await readContract(ctx, "receiptOfEbl", [tokenId]);
      return receiptId === ZERO32 ? null : receiptId;
    },
    nonce: (importer) => readContract(ctx, "nonces", [assertAddress(importer, "importer")]),
  };
  return ns;
}
