import {
  getAddress,
  isAddress,
  keccak256,
  parseEventLogs,
  toHex,
  type Address,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type TypedDataDomain,
  type WalletClient,
} from "viem";

import { depositRailAbi, escrowedDealsAbi, signedSettlementAbi } from "./abi/index.js";
import { type Amount } from "./amounts.js";
import { type CargoRailsRevertError } from "./contractErrors.js";
import { type DepositClient } from "./deposits.js";
import { type EblPermit } from "./ebl.js";
import { type RailsEventDecoder } from "./receiptEvents.js";
import { type TypedDataSigner } from "./signing.js";
import { paymentMethods, type TermsStatus } from "./enums.js";
import { InvalidArgumentError } from "./errors.js";
import { assertAddress, assertBytes32 } from "./guards.js";
import { type WriteAction, type WriteResult } from "./internal/contract.js";
import { settlementAuthorizationNonce, type SettlementTerms } from "./signing.js";

/**
 * The two ways of settling, each a contract of its own: `"signed"` (SignedSettlement: both parties sign the terms,
 * anyone submits them, both legs move in one transaction) and `"escrowed"` (EscrowedDeals: the legs are deposited in
 * any order and the completing one settles). Each has its own EIP-712 domain, so terms hash differently in each.
 */
export type SettlementWay = "signed" | "escrowed";

/** The result of a write on the SignedSettlement contract. */
export type SignedSettlementWriteResult = WriteResult<typeof signedSettlementAbi>;
/** The result of a write on the EscrowedDeals contract. */
export type EscrowedDealsWriteResult = WriteResult<typeof escrowedDealsAbi>;
/** The result of a write on either settlement contract. */
export type SettlementWriteResult = SignedSettlementWriteResult | EscrowedDealsWriteResult;
/** The result of a write on the DepositRail (the recovery of stray tokens). */
export type DepositRailWriteResult = WriteResult<typeof depositRailAbi>;

/** A `Settled` event, with the way (the contract) that settled. */
export interface SettledEvent {
  /** Which contract emitted it: SignedSettlement (`"signed"`) or EscrowedDeals (`"escrowed"`). */
  way: SettlementWay;
  /** The contract that emitted it. */
  address: Address;
  /** The terms' hash under that contract (the deal id for an escrowed deal). */
  termsHash: Hex;
  /** The seller. */
  seller: Address;
  /** The buyer. */
  buyer: Address;
  /** The eBL registry. */
  registry: Address;
  /** The eBL. */
  tokenId: bigint;
  /** The deposit token paid in. */
  paymentToken: Address;
  /** The price paid, in the token's base units. */
  amountBaseUnits: bigint;
  /** The transaction's hash. */
  transactionHash: Hex;
  /** The log's index in its block. */
  logIndex: number;
}

/** What {@link SettlementNamespace.prepare} needs; everything else has a default. */
export interface TermsInput {
  /** The eBL. */
  tokenId: bigint;
  /** The deposit token paid in: its label in `addresses.deposits` (e.g. `"HKD"`) or its address. */
  paymentToken: string;
  /** The price: a decimal string in the token's units (`"25000.00"`); the terms carry it in base units. */
  amount: Amount;
  /** The eBL's holder, who sells. */
  seller: Address;
  /** The payer. */
  buyer: Address;
  /** Who receives possession (default: the buyer). */
  eblRecipient?: Address | undefined;
  /**
   * Who holds title once settled. Default: the eBL recipient for a to-order B/L, the consignee for a straight B/L
   * (the only title recipient a straight B/L accepts). `"bearer"`, for a to-order B/L only: the bill is endorsed in
   * blank unless it already is (the terms carry the zero address). `null` is refused: it used to mean "possession
   * only", so a caller written for that meaning must name the party that keeps title.
   */
  titleRecipient?: Address | "bearer" | undefined;
  /** Who receives the money (default: the seller). */
  paymentRecipient?: Address | undefined;
  /** When the terms lapse: a Date or Unix seconds (default: 24 hours after the chain's current time). */
  deadline?: bigint | Date | undefined;
  /** 32 bytes of hex, or a trade reference whose keccak256 is taken (default: random). */
  salt?: string | undefined;
  /** The document version paid for (default: the eBL's current document hash). */
  documentHash?: Hex | undefined;
  /** The eBL registry (default: `addresses.eblRegistry`). */
  registry?: Address | undefined;
  /** A settlement condition (`ISettlementCondition`) that must agree before the legs move (default: none, zero). */
  condition?: Address | undefined;
  /** The condition's parameters, 32 bytes of hex (default: zero bytes). */
  conditionData?: Hex | undefined;
}

/** How the buyer authorises the payment leg. */
export type SettlementPayment =
  | {
      /** A prior ERC-20 allowance from the buyer to the market's payment rail (`settlement.paymentRailOf`). */
      method: "allowance";
    }
  | {
      /** An EIP-2612 permit signed by the buyer, with the market's payment rail as spender. */
      method: "permit";
      /** The permit's deadline. */
      deadline: bigint;
      /** The buyer's permit signature. */
      signature: Hex;
    }
  | {
      /**
       * An EIP-3009 ReceiveWithAuthorization to the market's payment rail, bound through its nonce to the terms' hash
       * under SignedSettlement (for `settle`) or to the deal consent `hashDeal(terms)` of EscrowedDeals (for
       * `depositPayment`): one made for either cannot pay the other.
       */
      method: "authorization";
      /** Valid after (Unix seconds). */
      validAfter: bigint;
      /** Valid before (Unix seconds). */
      validBefore: bigint;
      /**
       * The buyer's salt; the nonce signed is `settlementAuthorizationNonce(termsHash, salt)` for `settle`,
       * `settlementAuthorizationNonce(hashDeal(terms), salt)` for `depositPayment`.
       */
      salt: Hex;
      /** The buyer's signature. */
      signature: Hex;
    };

/** A signed settlement as submitted: the terms, both consents and both legs' authorisations. */
export interface SettlementSubmission {
  /** The terms. */
  terms: SettlementTerms;
  /**
   * Which contract's EIP-712 domain the signatures and the payment authorisation are under: `"signed"`
   * (SignedSettlement, the default, what `settle` takes) or `"escrowed"` (EscrowedDeals: deal consents and a deal
   * deposit's authorization, for `createDeal` and `depositPayment`). `settle` refuses `"escrowed"`.
   */
  way?: SettlementWay | undefined;
  /** The seller's signature of the terms (omit when the seller submits). */
  sellerSignature?: Hex | undefined;
  /** The buyer's signature of the terms (omit when the buyer submits). */
  buyerSignature?: Hex | undefined;
  /** The seller's eBL permit for the SignedSettlement contract (omit when it is already approved). */
  eblPermit?: Pick<EblPermit, "deadline" | "signature"> | undefined;
  /** The payment authorisation (default: allowance). */
  payment?: SettlementPayment | undefined;
}

/** The outcome of one item of `settleBatch`. */
export type BatchItemResult =
  | {
      /** The item's position. */
      index: number;
      /** Its terms hash. */
      termsHash: Hex;
      /** It settled. */
      settled: true;
    }
  | {
      /** The item's position. */
      index: number;
      /** Its terms hash. */
      termsHash: Hex;
      /** It failed and was rolled back alone. */
      settled: false;
      /** Why: the typed revert of the settlement, registry or token (narrowing on `errorName` types `args`). */
      error: CargoRailsRevertError;
    };

/** A deal's state (EscrowedDeals' `dealOf`). */
export interface Deal {
  /** `none`, `open`, `settled` or `cancelled`. */
  status: TermsStatus;
  /** True while EscrowedDeals holds the deal's eBL. */
  eblHeld: boolean;
  /**
   * The payment held for the deal, in base units of the terms' payment token (`dealOf` does not say which token);
   * `formatAmount(paidBaseUnits, decimals)` or the token's `format` gives the amount.
   */
  paidBaseUnits: bigint;
}

/** Which settlement contract an operation is for: `way` defaults to `"signed"`. */
export interface WayOption {
  /** `"signed"` (SignedSettlement, the default) or `"escrowed"` (EscrowedDeals). */
  way?: SettlementWay | undefined;
}

/**
 * The `settlement` namespace: delivery versus payment of eBLs against tokenized deposits, both ways. Signed
 * settlements (`signTerms`, `signAsSeller`, `signAsBuyer`, `settle`, `settleBatch`) go to SignedSettlement; escrowed
 * deals (`signDeal`, `signEblDeposit`, `createDeal`, `depositEbl`, `depositPayment`, `cancelDeal`, `refund`) to
 * EscrowedDeals. The buyer pays through the market's payment rail (`paymentRailOf`), which its allowance, permit or
 * authorization names; the seller's eBL approval or permit names the settlement contract of the way.
 */
export interface SettlementNamespace {
  /** The SignedSettlement contract's address, if configured. */
  readonly signedSettlement: Address | undefined;
  /** The EscrowedDeals contract's address, if configured. */
  readonly escrowedDeals: Address | undefined;
  /** The EIP-712 domain of the way's contract (read once from the chain; default the SignedSettlement's). */
  domain(way?: SettlementWay): Promise<TypedDataDomain>;

  // ---------------------------------------------------------------- terms and signatures (no gas)
  /** Builds complete terms from the essentials, reading the document hash, the B/L kind and the token's decimals. */
  prepare(input: TermsInput): Promise<SettlementTerms>;
  /**
   * The terms' EIP-712 hash under the way's contract, computed locally (equal to its `hashTerms`): what the parties
   * sign for a signed settlement, and with `way: "escrowed"` the deal id.
   */
  hashTerms(terms: SettlementTerms, options?: WayOption): Promise<Hex>;
  /** Signs the terms under SignedSettlement's domain with the wallet's account (consent to a signed settlement). */
  signTerms(terms: SettlementTerms): Promise<Hex>;
  /** The hash of a party's consent to an escrowed deal on the terms, computed locally (equal to `hashDeal`). */
  hashDeal(terms: SettlementTerms): Promise<Hex>;
  /**
   * Signs the wallet account's consent to an escrowed deal on the terms, under EscrowedDeals' domain: the seller's
   * for `createDeal`, the buyer's for `depositPayment` by allowance or permit. A `signTerms` signature is not
   * accepted there, nor this one in `settle`.
   */
  signDeal(terms: SettlementTerms): Promise<Hex>;
  /** The hash of the seller's consent to someone else depositing its eBL into the deal (equal to `hashEblDeposit`). */
  hashEblDeposit(terms: SettlementTerms): Promise<Hex>;
  /**
   * The seller signs its consent to someone else (a relayer, the buyer) depositing its eBL into the deal on these
   * terms (`depositEbl`). A standing approval of EscrowedDeals is not enough for that; neither a `signDeal` nor a
   * `signTerms` signature is accepted.
   */
  signEblDeposit(terms: SettlementTerms): Promise<Hex>;
  /**
   * The seller signs an ERC-4494 permit letting the way's contract move the eBL (default one hour): SignedSettlement
   * for `settle`, EscrowedDeals (`way: "escrowed"`) for `depositEbl`.
   */
  signEblPermit(
    terms: SettlementTerms,
    options?: { deadline?: bigint | Date | undefined; way?: SettlementWay | undefined },
  ): Promise<EblPermit>;
  /**
   * The buyer authorises the payment leg through the market's payment rail: an EIP-3009 `ReceiveWithAuthorization`
   * to the rail (default), or an EIP-2612 permit with the rail as spender. An authorization is bound to these terms
   * for `settle`, or with `way: "escrowed"` to the escrowed deal on them for `depositPayment`; one made for either is
   * refused by the other. `amount` (a decimal string in the token's units) defaults to the price (pass less for a
   * partial deal deposit).
   * @throws {ContractRevertError} `SettlementMarketClosed` when the way's contract has no rail for the market.
   */
  signPayment(
    terms: SettlementTerms,
    options?: {
      method?: "authorization" | "permit" | undefined;
      /** `"escrowed"`: pay into the escrowed deal on these terms (`depositPayment`) instead of `settle`. */
      way?: SettlementWay | undefined;
      amount?: Amount | undefined;
      validAfter?: bigint | Date | undefined;
      validBefore?: bigint | Date | undefined;
      salt?: Hex | undefined;
    },
  ): Promise<SettlementPayment>;
  /** The seller's part of a gasless signed settlement: its signature of the terms and its eBL permit. */
  signAsSeller(
    terms: SettlementTerms,
    options?: { deadline?: bigint | Date | undefined },
  ): Promise<{ sellerSignature: Hex; eblPermit: EblPermit }>;
  /** The buyer's part of a gasless signed settlement: its signature of the terms and its payment authorisation. */
  signAsBuyer(
    terms: SettlementTerms,
    options?: { method?: "authorization" | "permit" | undefined; validBefore?: bigint | Date | undefined },
  ): Promise<{ buyerSignature: Hex; payment: SettlementPayment }>;

  // ---------------------------------------------------------------- signed settlement
  /** Settles signed terms in one transaction (anyone may submit). */
  settle: WriteAction<[submission: SettlementSubmission], SignedSettlementWriteResult>;
  /**
   * Settles many; each item is all-or-nothing on its own. `wait()` adds `results`, one per item, with the typed
   * error of each failed item (from its `BatchItemFailed` event).
   */
  settleBatch: WriteAction<
    [submissions: readonly SettlementSubmission[]],
    WriteResult<typeof signedSettlementAbi, { results: BatchItemResult[] }>
  >;
  /** Cancels terms in the way's contract before they settle there (seller or buyer). */
  cancelTerms: WriteAction<[terms: SettlementTerms, options?: WayOption], SettlementWriteResult>;

  // ---------------------------------------------------------------- escrowed deal
  /**
   * Opens an escrowed deal (the seller, or anyone with its `signDeal` signature). The deal id is the terms' hash
   * under EscrowedDeals (`hashTerms(terms, { way: "escrowed" })`).
   */
  createDeal: WriteAction<
    [terms: SettlementTerms, options?: { sellerSignature?: Hex | undefined }],
    EscrowedDealsWriteResult & { dealId: Hex }
  >;
  /**
   * Moves the seller's eBL into EscrowedDeals' custody (prior approval of EscrowedDeals, or the seller's permit from
   * `signEblPermit(terms, { way: "escrowed" })`). Someone other than the seller needs the seller's `signEblDeposit`
   * signature.
   */
  depositEbl: WriteAction<
    [
      terms: SettlementTerms,
      options?: {
        sellerSignature?: Hex | undefined;
        eblPermit?: Pick<EblPermit, "deadline" | "signature"> | undefined;
      },
    ],
    EscrowedDealsWriteResult
  >;
  /**
   * Pays (part of) the price into custody through the market's rail; `amount` (a decimal string in the token's
   * units) defaults to the whole price. Someone other than the buyer needs the buyer's `signDeal` signature, or an
   * EIP-3009 authorization (`signPayment(terms, { way: "escrowed" })`) as `payment`.
   */
  depositPayment: WriteAction<
    [
      terms: SettlementTerms,
      options?: {
        amount?: Amount | undefined;
        buyerSignature?: Hex | undefined;
        payment?: SettlementPayment | undefined;
      },
    ],
    EscrowedDealsWriteResult
  >;
  /** Cancels an open deal and returns its legs (seller or buyer). */
  cancelDeal: WriteAction<[terms: SettlementTerms], EscrowedDealsWriteResult>;
  /** After the deadline (or a failed return), returns a deal's legs (anyone). */
  refund: WriteAction<[terms: SettlementTerms], EscrowedDealsWriteResult>;

  // ---------------------------------------------------------------- reads
  /** What happened to a terms hash in the way's contract: `none`, `open` (deals), `settled` or `cancelled`. */
  status(termsHash: Hex, options?: WayOption): Promise<TermsStatus>;
  /** The state of a deal of EscrowedDeals. */
  deal(dealId: Hex): Promise<Deal>;
  /**
   * The deal holding an eBL in custody (from its deposit until it leaves), or `null`; a deal that has not received
   * its eBL reserves nothing (registry defaults to `addresses.eblRegistry`).
   */
  openDealOf(tokenId: bigint, registry?: Address): Promise<Hex | null>;
  /** What EscrowedDeals holds for deals in `token` (label or address), in the token's units (`"25000.00"`). */
  escrowedBalance(token: string): Promise<Amount>;
  /**
   * The payment rail of a market in the way's contract (eBLs of `registry`, default `addresses.eblRegistry`, paid in
   * `token`, a label or address): the spender the buyer approves. `null` when the market is closed.
   */
  paymentRailOf(
    token: string,
    options?: { registry?: Address | undefined; way?: SettlementWay | undefined },
  ): Promise<Address | null>;
  /** The `Settled` events of a transaction's receipt, from either settlement contract, with the `way` that settled. */
  settledEvents(receipt: Pick<TransactionReceipt, "logs">): SettledEvent[];
  /** Whether the way's contract is paused. */
  paused(way: SettlementWay): Promise<boolean>;

  // ---------------------------------------------------------------- admin
  /**
   * Opens, reroutes or closes (`rail: null`) a market in the way's contract: eBLs of `registry` (default
   * `addresses.eblRegistry`) against payments in `token` (label or address), paid through `rail` (settlement admin).
   * Each contract has its own markets: open a market in both to settle it both ways.
   */
  setMarket: WriteAction<
    [params: { way: SettlementWay; token: string; rail: Address | null; registry?: Address | undefined }],
    SettlementWriteResult
  >;
  /** Pauses new settlements and deals in the way's contract (settlement pauser). */
  pause: WriteAction<[way: SettlementWay], SettlementWriteResult>;
  /** Ends a pause of the way's contract (settlement pauser). */
  unpause: WriteAction<[way: SettlementWay], SettlementWriteResult>;
  /**
   * Sends away deposit tokens that reached a settlement contract or the payment rail (`from: "rail"`, the market's
   * rail for `token`) outside any deal; `amount` in token units (settlement admin).
   */
  recoverStrayToken: WriteAction<
    [params: { from: SettlementWay | "rail"; token: string; to: Address; amount: Amount }],
    SettlementWriteResult | DepositRailWriteResult
  >;
  /** Sends away an eBL that reached the way's contract outside any deal (settlement admin). */
  recoverStrayEbl: WriteAction<
    [params: { way: SettlementWay; tokenId: bigint; to: Address; registry?: Address | undefined }],
    SettlementWriteResult
  >;
}

/** @internal What the settlement namespace needs from the rest of the client. */
export interface SettlementDependencies {
  /** The clients. */
  publicClient: PublicClient;
  walletClient: WalletClient | undefined;
  /** Who signs typed data (default: the walletClient). */
  signer?: TypedDataSigner | undefined;
  /** The client's decoder of a receipt's events. */
  events?: RailsEventDecoder | undefined;
  /** The SignedSettlement contract, if configured. */
  signedSettlement: Address | undefined;
  /** The EscrowedDeals contract, if configured. */
  escrowedDeals: Address | undefined;
  /** The payment rail given in the addresses, if any (else each market's rail is read from the chain). */
  depositRail: Address | undefined;
  /** The configured eBL registry, if any. */
  eblRegistry: Address | undefined;
  /** The deposit client of a label or address (one is created for an unknown address). */
  deposit(token: string): DepositClient;
}

/** @internal */
export const ZERO32: Hex = `0x${"00".repeat(32)}`;

/** @internal */
export function randomSalt(): Hex {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/** @internal Checks terms given by a caller (all fields, right types). */
export function assertTerms(terms: unknown): SettlementTerms {
  if (typeof terms !== "object" || terms === null) {
    throw new InvalidArgumentError("terms", terms, "settlement terms (from settlement.prepare)");
  }
  const t = terms as Record<string, unknown>;
  const uint = (name: string) => {
    if (typeof t[name] !== "bigint" || (t[name] as bigint) < 0n) {
      throw new InvalidArgumentError(`terms.${name}`, t[name], "a non-negative bigint");
    }
    return t[name] as bigint;
  };
  return {
    registry: assertAddress(t.registry, "terms.registry"),
    tokenId: uint("tokenId"),
    documentHash: assertBytes32(t.documentHash, "terms.documentHash"),
    paymentToken: assertAddress(t.paymentToken, "terms.paymentToken"),
    amount: uint("amount"),
    seller: assertAddress(t.seller, "terms.seller"),
    buyer: assertAddress(t.buyer, "terms.buyer"),
    eblRecipient: assertAddress(t.eblRecipient, "terms.eblRecipient"),
    titleRecipient: assertAddress(t.titleRecipient, "terms.titleRecipient"),
    paymentRecipient: assertAddress(t.paymentRecipient, "terms.paymentRecipient"),
    condition: assertAddress(t.condition, "terms.condition"),
    conditionData: assertBytes32(t.conditionData, "terms.conditionData"),
    deadline: uint("deadline"),
    salt: assertBytes32(t.salt, "terms.salt"),
  };
}

/** @internal The contract's `EblAuth` from an optional eBL permit (none: a prior approval). */
export function eblAuthOf(permit: Pick<EblPermit, "deadline" | "signature"> | undefined) {
  return permit === undefined
    ? { deadline: 0n, signature: "0x" as Hex }
    : { deadline: permit.deadline, signature: permit.signature };
}

/** @internal */
export function paymentAuthOf(payment: SettlementPayment | undefined) {
  const p = payment ?? { method: "allowance" };
  const method = paymentMethods.indexOf(p.method);
  if (method < 0)
    throw new InvalidArgumentError("payment.method", p.method, '"allowance", "permit" or "authorization"');
  switch (p.method) {
    case "allowance":
      return { method, validAfter: 0n, deadline: 0n, nonce: ZERO32, signature: "0x" as Hex };
    case "permit":
      return { method, validAfter: 0n, deadline: p.deadline, nonce: ZERO32, signature: p.signature };
    default:
      return { method, validAfter: p.validAfter, deadline: p.validBefore, nonce: p.salt, signature: p.signature };
  }
}

/** @internal Checks a way given by a caller (default `"signed"`). */
export function wayOf(way: unknown, argument = "way"): SettlementWay {
  if (way === undefined) return "signed";
  if (way !== "signed" && way !== "escrowed") {
    throw new InvalidArgumentError(argument, way, '"signed" (SignedSettlement) or "escrowed" (EscrowedDeals)');
  }
  return way;
}

/** @internal Whether a string is an address (for label-or-address arguments). */
export const looksLikeAddress = (value: string) => isAddress(value, { strict: false });

/**
 * @internal The `Settled` events of a receipt from the configured settlement contracts (`settlement.settledEvents`):
 * synchronous, so it is given up front while the namespace's code loads on first use.
 */
export function settledEventsOf(
  receipt: Pick<TransactionReceipt, "logs">,
  deps: { signedSettlement: Address | undefined; escrowedDeals: Address | undefined },
): SettledEvent[] {
  const ways = new Map<string, SettlementWay>();
  if (deps.signedSettlement !== undefined) ways.set(deps.signedSettlement.toLowerCase(), "signed");
  if (deps.escrowedDeals !== undefined) ways.set(deps.escrowedDeals.toLowerCase(), "escrowed");
  const logs = (receipt?.logs ?? []).filter((log) => ways.has(log.address.toLowerCase()));
  return parseEventLogs({ abi: signedSettlementAbi, logs, eventName: "Settled", strict: true }).map((event) => ({
    way: ways.get(event.address.toLowerCase())!,
    address: getAddress(event.address),
    termsHash: event.args.termsHash,
    seller: event.args.seller,
    buyer: event.args.buyer,
    registry: event.args.registry,
    tokenId: event.args.tokenId,
    paymentToken: event.args.paymentToken,
    amountBaseUnits: event.args.amount,
    transactionHash: event.transactionHash,
    logIndex: event.logIndex,
  }));
}
