import {
  isAddress,
  isHex,
  keccak256,
  stringToBytes,
  toHex,
  zeroAddress,
  type Address,
  type Hex,
  type TypedDataDomain,
} from "viem";

import { billOfLadingRegistryAbi, deliveryVersusPaymentAbi } from "./abi/index.js";
import { type Amount } from "./amounts.js";
import { decodeRevertData, type CargoRailsRevertError } from "./contractErrors.js";
import { type DepositClient } from "./deposits.js";
import { createEbl, type EblPermit } from "./ebl.js";
import { enumName, paymentMethods, termsStatuses, type TermsStatus } from "./enums.js";
import { InvalidArgumentError } from "./errors.js";
import { assertAddress, assertBytes32, toUnixSeconds } from "./guards.js";
import {
  chainTime,
  eip712DomainReader,
  extendWait,
  readContract,
  walletAccount,
  writeContract,
  type ContractContext,
  type WriteResult,
} from "./internal/contract.js";
import {
  hashSettlementDeal,
  hashSettlementEblDeposit,
  hashSettlementTerms,
  settlementAuthorizationNonce,
  signDepositPermit,
  signReceiveAuthorization,
  signSettlementDeal,
  signSettlementEblDeposit,
  signSettlementTerms,
  type SettlementTerms,
} from "./signing.js";

/** The result of a write on the settlement contract. */
export type SettlementWriteResult = WriteResult<typeof deliveryVersusPaymentAbi>;

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
}

/** How the buyer authorises the payment leg. */
export type SettlementPayment =
  | {
      /** A prior ERC-20 allowance from the buyer to the settlement contract. */
      method: "allowance";
    }
  | {
      /** An EIP-2612 permit signed by the buyer for the settlement contract. */
      method: "permit";
      /** The permit's deadline. */
      deadline: bigint;
      /** The buyer's permit signature. */
      signature: Hex;
    }
  | {
      /**
       * An EIP-3009 ReceiveWithAuthorization bound through its nonce to the terms (for `settle`) or to the deal
       * consent `hashDeal(terms)` (for `depositPayment`): one made for either cannot pay the other.
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
  /** The seller's signature of the terms (omit when the seller submits). */
  sellerSignature?: Hex | undefined;
  /** The buyer's signature of the terms (omit when the buyer submits). */
  buyerSignature?: Hex | undefined;
  /** The seller's eBL permit for the settlement contract (omit when the contract is already approved). */
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

/** A deal's (or signed terms') state. */
export interface Deal {
  /** `none`, `open` (deals only), `settled` or `cancelled`. */
  status: TermsStatus;
  /** True while the settlement contract holds the deal's eBL. */
  eblHeld: boolean;
  /**
   * The payment held for the deal, in base units of the terms' payment token (`dealOf` does not say which token);
   * `formatAmount(paidBaseUnits, decimals)` or the token's `format` gives the amount.
   */
  paidBaseUnits: bigint;
}

/** The `settlement` namespace: delivery versus payment of eBLs against tokenized deposits. */
export interface SettlementNamespace {
  /** The settlement contract's address. */
  readonly address: Address;
  /** Its EIP-712 domain (read once from the chain). */
  domain(): Promise<TypedDataDomain>;

  // ---------------------------------------------------------------- terms and signatures (no gas)
  /** Builds complete terms from the essentials, reading the document hash, the B/L kind and the token's decimals. */
  prepare(input: TermsInput): Promise<SettlementTerms>;
  /** The terms' EIP-712 hash, computed locally (equal to the contract's `hashTerms`): the deal id. */
  hashTerms(terms: SettlementTerms): Promise<Hex>;
  /** Signs the terms with the wallet's account (seller's or buyer's consent to a signed settlement). */
  signTerms(terms: SettlementTerms): Promise<Hex>;
  /** The hash of a party's consent to an escrowed deal on the terms, computed locally (equal to `hashDeal`). */
  hashDeal(terms: SettlementTerms): Promise<Hex>;
  /**
   * Signs the wallet account's consent to an escrowed deal on the terms: the seller's for `createDeal`, the buyer's
   * for `depositPayment` by allowance or permit. A `signTerms` signature is not accepted there, nor this one in
   * `settle`.
   */
  signDeal(terms: SettlementTerms): Promise<Hex>;
  /** The hash of the seller's consent to someone else depositing its eBL into the deal (equal to `hashEblDeposit`). */
  hashEblDeposit(terms: SettlementTerms): Promise<Hex>;
  /**
   * The seller signs its consent to someone else (a relayer, the buyer) depositing its eBL into the deal on these
   * terms (`depositEbl`). A standing approval of the settlement contract is not enough for that; neither a `signDeal`
   * nor a `signTerms` signature is accepted.
   */
  signEblDeposit(terms: SettlementTerms): Promise<Hex>;
  /** The seller signs an ERC-4494 permit letting the settlement contract move the eBL (default one hour). */
  signEblPermit(terms: SettlementTerms, options?: { deadline?: bigint | Date | undefined }): Promise<EblPermit>;
  /**
   * The buyer authorises the payment leg: an EIP-3009 `ReceiveWithAuthorization` (default), or an EIP-2612 permit.
   * An authorization is bound to these terms for `settle`, or with `deal: true` to the escrowed deal on them for
   * `depositPayment`; one made for either is refused by the other. `amount` (a decimal string in the token's units)
   * defaults to the price (pass less for a partial deal deposit).
   */
  signPayment(
    terms: SettlementTerms,
    options?: {
      method?: "authorization" | "permit" | undefined;
      /** Authorization only: pay into the escrowed deal on these terms (`depositPayment`) instead of `settle`. */
      deal?: boolean | undefined;
      amount?: Amount | undefined;
      validAfter?: bigint | Date | undefined;
      validBefore?: bigint | Date | undefined;
      salt?: Hex | undefined;
    },
  ): Promise<SettlementPayment>;
  /** The seller's part of a gasless settlement: its signature of the terms and its eBL permit. */
  signAsSeller(
    terms: SettlementTerms,
    options?: { deadline?: bigint | Date | undefined },
  ): Promise<{ sellerSignature: Hex; eblPermit: EblPermit }>;
  /** The buyer's part of a gasless settlement: its signature of the terms and its payment authorisation. */
  signAsBuyer(
    terms: SettlementTerms,
    options?: { method?: "authorization" | "permit" | undefined; validBefore?: bigint | Date | undefined },
  ): Promise<{ buyerSignature: Hex; payment: SettlementPayment }>;

  // ---------------------------------------------------------------- signed settlement
  /** Settles signed terms in one transaction (anyone may submit). */
  settle(submission: SettlementSubmission): Promise<SettlementWriteResult>;
  /**
   * Settles many; each item is all-or-nothing on its own. `wait()` adds `results`, one per item, with the typed
   * error of each failed item (from its `BatchItemFailed` event).
   */
  settleBatch(
    submissions: readonly SettlementSubmission[],
  ): Promise<WriteResult<typeof deliveryVersusPaymentAbi, { results: BatchItemResult[] }>>;
  /** Cancels terms before they settle (seller or buyer). */
  cancelTerms(terms: SettlementTerms): Promise<SettlementWriteResult>;

  // ---------------------------------------------------------------- escrowed deal
  /** Opens an escrowed deal (the seller, or anyone with its `signDeal` signature). The deal id is the terms' hash. */
  createDeal(
    terms: SettlementTerms,
    options?: { sellerSignature?: Hex | undefined },
  ): Promise<SettlementWriteResult & { dealId: Hex }>;
  /**
   * Moves the seller's eBL into custody (prior approval, or the seller's permit). Someone other than the seller needs
   * the seller's `signEblDeposit` signature.
   */
  depositEbl(
    terms: SettlementTerms,
    options?: {
      sellerSignature?: Hex | undefined;
      eblPermit?: Pick<EblPermit, "deadline" | "signature"> | undefined;
    },
  ): Promise<SettlementWriteResult>;
  /**
   * Pays (part of) the price into custody; `amount` (a decimal string in the token's units) defaults to the whole
   * price. Someone other than the buyer needs
   * the buyer's `signDeal` signature, or an EIP-3009 authorization as `payment`.
   */
  depositPayment(
    terms: SettlementTerms,
    options?: {
      amount?: Amount | undefined;
      buyerSignature?: Hex | undefined;
      payment?: SettlementPayment | undefined;
    },
  ): Promise<SettlementWriteResult>;
  /** Cancels an open deal and returns its legs (seller or buyer). */
  cancelDeal(terms: SettlementTerms): Promise<SettlementWriteResult>;
  /** After the deadline (or a failed return), returns a deal's legs (anyone). */
  refund(terms: SettlementTerms): Promise<SettlementWriteResult>;

  // ---------------------------------------------------------------- reads
  /** The state of a terms hash / deal. */
  deal(termsHash: Hex): Promise<Deal>;
  /**
   * The deal holding an eBL in custody (from its deposit until it leaves), or `null`; a deal that has not received
   * its eBL reserves nothing (registry defaults to `addresses.eblRegistry`).
   */
  openDealOf(tokenId: bigint, registry?: Address): Promise<Hex | null>;
  /** What the contract holds for deals in `token` (label or address), in the token's units (`"25000.00"`). */
  escrowedBalance(token: string): Promise<Amount>;
  /** Whether settlements may use the eBL registry. */
  isRegistryAllowed(registry: Address): Promise<boolean>;
  /** Whether settlements may pay in `token` (label or address). */
  isPaymentTokenAllowed(token: string): Promise<boolean>;
  /** Whether the contract is paused. */
  paused(): Promise<boolean>;

  // ---------------------------------------------------------------- admin
  /** Allows or disallows an eBL registry (default admin). */
  setRegistryAllowed(params: { registry: Address; allowed: boolean }): Promise<SettlementWriteResult>;
  /** Allows or disallows a payment token, by label or address (default admin). */
  setPaymentTokenAllowed(params: { token: string; allowed: boolean }): Promise<SettlementWriteResult>;
  /** Pauses new settlements and deals (`PAUSER_ROLE`). */
  pause(): Promise<SettlementWriteResult>;
  /** Ends a pause (`PAUSER_ROLE`). */
  unpause(): Promise<SettlementWriteResult>;
  /** Sends away deposit tokens that reached the contract outside any deal; `amount` in token units (default admin). */
  recoverStrayToken(params: { token: string; to: Address; amount: Amount }): Promise<SettlementWriteResult>;
  /** Sends away an eBL that reached the contract outside any deal (default admin). */
  recoverStrayEbl(params: { tokenId: bigint; to: Address; registry?: Address }): Promise<SettlementWriteResult>;
}

/** @internal What the settlement namespace needs from the rest of the client. */
export interface SettlementDependencies {
  /** The configured eBL registry, if any. */
  eblRegistry: Address | undefined;
  /** The deposit client of a label or address (one is created for an unknown address). */
  deposit(token: string): DepositClient;
}

const ZERO32: Hex = `0x${"00".repeat(32)}`;

function randomSalt(): Hex {
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
    deadline: uint("deadline"),
    salt: assertBytes32(t.salt, "terms.salt"),
  };
}

function eblAuthOf(permit: Pick<EblPermit, "deadline" | "signature"> | undefined) {
  return permit === undefined
    ? { deadline: 0n, signature: "0x" as Hex }
    : { deadline: permit.deadline, signature: permit.signature };
}

function paymentAuthOf(payment: SettlementPayment | undefined) {
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

/** @internal Builds the namespace; use {@link createCargoRails}. */
export function createSettlement(
  ctx: ContractContext<typeof deliveryVersusPaymentAbi>,
  deps: SettlementDependencies,
): SettlementNamespace {
  const domain = eip712DomainReader(ctx);
  const registryOf = (registry: Address | undefined, argument: string): Address => {
    if (registry !== undefined) return assertAddress(registry, argument);
    if (deps.eblRegistry === undefined) {
      throw new InvalidArgumentError(argument, undefined, "the eBL registry's address (none in addresses.eblRegistry)");
    }
    return deps.eblRegistry;
  };
  const ebl = (registry: Address) =>
    createEbl({
      publicClient: ctx.publicClient,
      walletClient: ctx.walletClient,
      address: registry,
      abi: billOfLadingRegistryAbi,
    });
  const tokenAddress = (token: string) => deps.deposit(token).address;
  const submission = (s: SettlementSubmission) => {
    if (typeof s !== "object" || s === null) {
      throw new InvalidArgumentError(
        "submission",
        s,
        "{ terms, sellerSignature?, buyerSignature?, eblPermit?, payment? }",
      );
    }
    return {
      terms: assertTerms(s.terms),
      sellerSignature: s.sellerSignature ?? "0x",
      buyerSignature: s.buyerSignature ?? "0x",
      eblAuth: eblAuthOf(s.eblPermit),
      paymentAuth: paymentAuthOf(s.payment),
    } as const;
  };

  const ns: SettlementNamespace = {
    address: ctx.address,
    domain,

    async prepare(input) {
      if (typeof input !== "object" || input === null) {
        throw new InvalidArgumentError("input", input, "{ tokenId, paymentToken, amount, seller, buyer, ... }");
      }
      const registry = registryOf(input.registry, "registry");
      const seller = assertAddress(input.seller, "seller");
      const buyer = assertAddress(input.buyer, "buyer");
      const eblRecipient = input.eblRecipient === undefined ? buyer : assertAddress(input.eblRecipient, "eblRecipient");
      const paymentRecipient =
        input.paymentRecipient === undefined ? seller : assertAddress(input.paymentRecipient, "paymentRecipient");
      if (seller === buyer || eblRecipient === seller || paymentRecipient === buyer) {
        throw new InvalidArgumentError(
          "parties",
          { seller, buyer },
          "distinct seller and buyer, an eBL recipient other than the seller and a payment recipient other than the buyer",
        );
      }
      const deposit = deps.deposit(input.paymentToken);
      const amount = await deposit.parse(input.amount);
      const registryNs = ebl(registry);
      const bill = await registryNs.bill(input.tokenId);
      let titleRecipient: Address;
      if (input.titleRecipient === "bearer") {
        if (bill.kind !== "toOrder") {
          throw new InvalidArgumentError("titleRecipient", "bearer", "the consignee: a straight B/L cannot be bearer");
        }
        titleRecipient = zeroAddress;
      } else if ((input.titleRecipient as unknown) === null) {
        throw new InvalidArgumentError(
          "titleRecipient",
          null,
          'the address that holds title after settlement, or "bearer"',
          'null no longer means "possession only": name the party that keeps title (e.g. the importer when a pledgee bank delivers back), or pass "bearer" for a blank-endorsed bill.',
        );
      } else if (input.titleRecipient !== undefined) {
        titleRecipient = assertAddress(input.titleRecipient, "titleRecipient");
      } else {
        titleRecipient = bill.kind === "toOrder" ? eblRecipient : (bill.titleHolder ?? zeroAddress);
      }
      let salt: Hex;
      if (input.salt === undefined) salt = randomSalt();
      else if (isHex(input.salt, { strict: true }) && input.salt.length === 66) salt = input.salt;
      else if (typeof input.salt === "string" && input.salt.length > 0) salt = keccak256(stringToBytes(input.salt));
      else throw new InvalidArgumentError("salt", input.salt, "32 bytes of hex or a non-empty trade reference");
      const deadline =
        input.deadline === undefined
          ? (await chainTime(ctx.publicClient)) + 24n * 3600n
          : toUnixSeconds(input.deadline, "deadline");
      return {
        registry,
        tokenId: bill.tokenId,
        documentHash:
          input.documentHash === undefined ? bill.documentHash : assertBytes32(input.documentHash, "documentHash"),
        paymentToken: deposit.address,
        amount,
        seller,
        buyer,
        eblRecipient,
        titleRecipient,
        paymentRecipient,
        deadline,
        salt,
      };
    },
    hashTerms: async (terms) => hashSettlementTerms(assertTerms(terms), await domain()),
    async signTerms(terms) {
      const { wallet } = walletAccount(ctx, "settlement.signTerms");
      return signSettlementTerms(wallet, { domain: await domain(), terms: assertTerms(terms) });
    },
    hashDeal: async (terms) => hashSettlementDeal(assertTerms(terms), await domain()),
    async signDeal(terms) {
      const { wallet } = walletAccount(ctx, "settlement.signDeal");
      return signSettlementDeal(wallet, { domain: await domain(), terms: assertTerms(terms) });
    },
    hashEblDeposit: async (terms) => hashSettlementEblDeposit(assertTerms(terms), await domain()),
    async signEblDeposit(terms) {
      const { wallet } = walletAccount(ctx, "settlement.signEblDeposit");
      return signSettlementEblDeposit(wallet, { domain: await domain(), terms: assertTerms(terms) });
    },
    async signEblPermit(terms, options = {}) {
      const t = assertTerms(terms);
      return ebl(t.registry).signPermit({ tokenId: t.tokenId, spender: ctx.address, deadline: options.deadline });
    },
    async signPayment(terms, options = {}) {
      const t = assertTerms(terms);
      const method = options.method ?? "authorization";
      const deposit = deps.deposit(t.paymentToken);
      const value = options.amount === undefined ? t.amount : await deposit.parse(options.amount);
      const { wallet, account } = walletAccount(ctx, "settlement.signPayment");
      const tokenDomain = await deposit.domain();
      const now = await chainTime(ctx.publicClient);
      const until = (value: bigint | Date | undefined) =>
        value === undefined
          ? t.deadline < now + 3600n
            ? t.deadline
            : now + 3600n
          : toUnixSeconds(value, "validBefore");
      if (method === "permit") {
        const deadline = until(options.validBefore);
        const signature = await signDepositPermit(wallet, {
          domain: tokenDomain,
          owner: account.address,
          spender: ctx.address,
          value,
          nonce: await deposit.permitNonce(account.address),
          deadline,
        });
        return { method, deadline, signature };
      }
      if (method !== "authorization") {
        throw new InvalidArgumentError("method", method, '"authorization" or "permit"');
      }
      if (options.deal !== undefined && typeof options.deal !== "boolean") {
        throw new InvalidArgumentError("deal", options.deal, "true for a deal deposit, false or absent for settle");
      }
      const salt = options.salt === undefined ? randomSalt() : assertBytes32(options.salt, "salt");
      const validAfter = options.validAfter === undefined ? 0n : toUnixSeconds(options.validAfter, "validAfter");
      const validBefore = until(options.validBefore);
      const signature = await signReceiveAuthorization(wallet, {
        domain: tokenDomain,
        message: {
          from: account.address,
          to: ctx.address,
          value,
          validAfter,
          validBefore,
          nonce: settlementAuthorizationNonce(
            options.deal === true ? await ns.hashDeal(t) : await ns.hashTerms(t),
            salt,
          ),
        },
      });
      return { method, validAfter, validBefore, salt, signature };
    },
    async signAsSeller(terms, options = {}) {
      const sellerSignature = await ns.signTerms(terms);
      const eblPermit = await ns.signEblPermit(terms, options);
      return { sellerSignature, eblPermit };
    },
    async signAsBuyer(terms, options = {}) {
      const buyerSignature = await ns.signTerms(terms);
      const payment = await ns.signPayment(terms, options);
      return { buyerSignature, payment };
    },

    settle: async (s) => writeContract(ctx, "settlement.settle", "settle", [submission(s)]),
    async settleBatch(submissions) {
      if (!Array.isArray(submissions) || submissions.length === 0) {
        throw new InvalidArgumentError("submissions", submissions, "a non-empty list of signed settlements");
      }
      const items = submissions.map(submission);
      const hashes = await Promise.all(items.map((item) => ns.hashTerms(item.terms)));
      const result = await writeContract(ctx, "settlement.settleBatch", "settleBatch", [items]);
      return extendWait(result, ({ events }) => {
        const failed = new Map<number, CargoRailsRevertError>();
        for (const event of events) {
          if (event.eventName === "BatchItemFailed") {
            failed.set(
              Number(event.args.index),
              decodeRevertData(event.args.reason, { contractAddress: ctx.address, functionName: "settleBatch" }),
            );
          }
        }
        const results = hashes.map((termsHash, index): BatchItemResult => {
          const error = failed.get(index);
          return error === undefined
            ? { index, termsHash, settled: true }
            : { index, termsHash, settled: false, error };
        });
        return { results };
      });
    },
    cancelTerms: async (terms) => writeContract(ctx, "settlement.cancelTerms", "cancelTerms", [assertTerms(terms)]),

    async createDeal(terms, options = {}) {
      const t = assertTerms(terms);
      const result = await writeContract(ctx, "settlement.createDeal", "createDeal", [
        t,
        options.sellerSignature ?? "0x",
      ]);
      return { ...result, dealId: await ns.hashTerms(t) };
    },
    depositEbl: async (terms, options = {}) =>
      writeContract(ctx, "settlement.depositEbl", "depositEbl", [
        assertTerms(terms),
        options.sellerSignature ?? "0x",
        eblAuthOf(options.eblPermit),
      ]),
    async depositPayment(terms, options = {}) {
      const t = assertTerms(terms);
      const amount = options.amount === undefined ? t.amount : await deps.deposit(t.paymentToken).parse(options.amount);
      return writeContract(ctx, "settlement.depositPayment", "depositPayment", [
        t,
        amount,
        options.buyerSignature ?? "0x",
        paymentAuthOf(options.payment),
      ]);
    },
    cancelDeal: async (terms) => writeContract(ctx, "settlement.cancelDeal", "cancelDeal", [assertTerms(terms)]),
    refund: async (terms) => writeContract(ctx, "settlement.refund", "refund", [assertTerms(terms)]),

    async deal(termsHash) {
      const d = await readContract(ctx, "dealOf", [assertBytes32(termsHash, "termsHash")]);
      return { status: enumName(termsStatuses, d.status), eblHeld: d.eblHeld, paidBaseUnits: d.paid };
    },
    async openDealOf(tokenId, registry) {
      const id = await readContract(ctx, "openDealOf", [registryOf(registry, "registry"), tokenId]);
      return id === ZERO32 ? null : id;
    },
    async escrowedBalance(token) {
      const deposit = deps.deposit(token);
      return deposit.format(await readContract(ctx, "escrowedBalance", [deposit.address]));
    },
    isRegistryAllowed: async (registry) =>
      readContract(ctx, "isRegistryAllowed", [assertAddress(registry, "registry")]),
    isPaymentTokenAllowed: async (token) => readContract(ctx, "isPaymentTokenAllowed", [tokenAddress(token)]),
    paused: async () => readContract(ctx, "paused", []),

    setRegistryAllowed: async (p) =>
      writeContract(ctx, "settlement.setRegistryAllowed", "setRegistryAllowed", [
        assertAddress(p?.registry, "registry"),
        Boolean(p.allowed),
      ]),
    setPaymentTokenAllowed: async (p) =>
      writeContract(ctx, "settlement.setPaymentTokenAllowed", "setPaymentTokenAllowed", [
        tokenAddress(p?.token),
        Boolean(p.allowed),
      ]),
    pause: async () => writeContract(ctx, "settlement.pause", "pause", []),
    unpause: async () => writeContract(ctx, "settlement.unpause", "unpause", []),
    async recoverStrayToken(p) {
      const deposit = deps.deposit(p?.token);
      return writeContract(ctx, "settlement.recoverStrayToken", "recoverStrayToken", [
        deposit.address,
        assertAddress(p.to, "to"),
        await deposit.parse(p.amount),
      ]);
    },
    recoverStrayEbl: async (p) =>
      writeContract(ctx, "settlement.recoverStrayEbl", "recoverStrayEbl", [
        registryOf(p?.registry, "registry"),
        p.tokenId,
        assertAddress(p.to, "to"),
      ]),
  };
  return ns;
}

/** @internal Whether a string is an address (for label-or-address arguments). */
export const looksLikeAddress = (value: string) => isAddress(value, { strict: false });
