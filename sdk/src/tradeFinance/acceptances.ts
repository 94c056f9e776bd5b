import { encodeAbiParameters, keccak256, numberToHex, type Address, type Hex, type TypedDataDomain } from "viem";

import { documentsAgainstAcceptanceAbi, paymentObligationsAbi } from "../abi/index.js";
import { type Amount } from "../amounts.js";
import {
  collectionStatuses,
  enumName,
  obligationStatuses,
  paymentMethods,
  type CollectionStatus,
  type ObligationStatus,
  type PaymentMethod,
} from "../enums.js";
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
import { paymentAuthOf, randomSalt } from "../settlement.js";
import { settlementAuthorizationNonce } from "../signing.js";
import {
  bytes32,
  duration,
  eventsNamed,
  now,
  referenceOf,
  seconds,
  signPaymentTo,
  tradeWrite,
  uintId,
  type Binding,
  type SignPaymentOptions,
  type TradeFinanceWriteResult,
  type TradePayment,
} from "./shared.js";
import { assertDiscountOffer, hashDiscountOffer, signDiscountOffer, type DiscountOffer } from "./signing.js";
import { type SignedDiscountOffer } from "./json.js";

/** A D/A collection as `acceptances.collection` reads it; the amount in the token's units. */
export interface Collection {
  /** Its id. */
  collectionId: Hex;
  /** Where it stands. */
  status: CollectionStatus;
  /** The exporter who lodged the eBL (the drawer of the bill). */
  lodger: Address;
  /** The importer who is to accept (the drawee). */
  drawee: Address;
  /** The eBL in custody until acceptance. */
  tokenId: bigint;
  /** The deposit token of the bill. */
  token: Address;
  /** The bill's amount, in the token's units. */
  amount: Amount;
  /** Seconds from acceptance to maturity. */
  tenor: bigint;
  /** The last moment of acceptance, Unix seconds. */
  acceptBy: bigint;
  /** The obligation issued at acceptance, or `null` before. */
  obligationId: bigint | null;
}

/** A digital payment obligation (the accepted bill, a DPO token) as `acceptances.obligation` reads it. */
export interface PaymentObligation {
  /** Its token id. */
  obligationId: bigint;
  /** Where it stands. */
  status: ObligationStatus;
  /** Who holds it now: who is paid at maturity. */
  holder: Address;
  /** The exporter who drew the bill (its first holder). */
  drawer: Address;
  /** The importer who accepted it and pays at maturity. */
  drawee: Address;
  /** The deposit token it is payable in. */
  token: Address;
  /** What is payable, in the token's units. */
  amount: Amount;
  /** Maturity, Unix seconds. */
  maturity: bigint;
  /** The bank that guaranteed it (aval), or `null`. */
  avalist: Address | null;
  /** The eBL registry of the eBL it was accepted against (zero address if none). */
  registry: Address;
  /** The eBL it was accepted against (0 if none). */
  eblTokenId: bigint;
  /** How the drawee pays at maturity: by allowance, or the EIP-3009 authorisation given at acceptance. */
  arrangement: PaymentMethod;
}

/**
 * The drawee's EIP-3009 authorisation, given at acceptance, to pay the obligation at maturity: a
 * `ReceiveWithAuthorization` of exactly the amount to PaymentObligations, valid after `maturity - 1`, its nonce bound
 * to the obligation (`settlementAuthorizationNonce(bytes32(obligationId), salt)`). Its `validAfter + 1` is the
 * obligation's maturity.
 */
export interface AcceptanceAuthorization {
  /** The collection it accepts. */
  collectionId: Hex;
  /** The obligation the acceptance will issue (`obligationIdOf`). */
  obligationId: bigint;
  /** The drawee, who signs and accepts. */
  drawee: Address;
  /** The deposit token. */
  token: Address;
  /** The bill's amount, in base units. */
  amount: bigint;
  /** `maturity - 1`, Unix seconds. */
  validAfter: bigint;
  /** The end of the collection window, Unix seconds. */
  validBefore: bigint;
  /** The salt: the contract's `PaymentAuth.nonce`. */
  salt: Hex;
  /** The drawee's signature. */
  signature: Hex;
}

/** What `acceptances.lodge` takes. */
export interface LodgeInput {
  /** The eBL (to order, held by the exporter with title, the contract approved on the registry). */
  tokenId: bigint;
  /** The importer who is to accept: a verified trader. */
  drawee: Address;
  /** The deposit token (a label of `addresses.deposits`, or its address). */
  token: string;
  /** The bill's amount, a decimal string in the token's units. */
  amount: Amount;
  /** Seconds from acceptance to maturity (a time draft at 90 days: `90 * 86_400`). */
  tenor: bigint | number;
  /** The last moment of acceptance. */
  acceptBy: bigint | Date;
}

/**
 * Documents against acceptance with a digital payment obligation (DocumentsAgainstAcceptance, PaymentObligations):
 * the exporter lodges the eBL (`lodge`); the importer accepts the time draft (`accept`, by allowance or with the
 * EIP-3009 authorisation of `signAcceptance`) and in the same transaction receives the eBL while the exporter
 * receives the obligation, a token; the holder may sell it to a bank at a discount (`prepareDiscount`,
 * `signDiscount`, then the bank's `discount`, atomic); at maturity anyone `collect`s it from the drawee for the
 * holder, or the holder `present`s it and a failed payment is recorded as dishonour; an avalising bank
 * (`avalise`) then pays under its aval (`payUnderAval`).
 */
export interface AcceptancesNamespace {
  /** The DocumentsAgainstAcceptance contract. */
  readonly address: Address;
  /** The PaymentObligations contract (the DPO tokens). */
  readonly obligations: Address;
  /** PaymentObligations' EIP-712 domain (discount offers), read once. */
  domain(): Promise<TypedDataDomain>;

  // ---------------------------------------------------------------- the collection
  /** The exporter lodges the eBL with its instruction; `wait()` adds the `collectionId`. */
  lodge: WriteAction<[input: LodgeInput], TradeFinanceWriteResult<{ collectionId: Hex }>>;
  /**
   * The drawee signs its payment at maturity for accepting `collectionId`: an EIP-3009 authorisation to
   * PaymentObligations. `maturity` defaults to the chain's time + tenor + 15 minutes (the acceptance must be mined
   * within them, and the maturity is at most `acceptBy + tenor`); `validBefore` to 30 days after maturity.
   */
  signAcceptance(params: {
    collectionId: Hex;
    maturity?: bigint | Date | undefined;
    validBefore?: bigint | Date | undefined;
    salt?: Hex | undefined;
  }): Promise<AcceptanceAuthorization>;
  /**
   * The drawee accepts: the obligation is issued to the lodger and the eBL endorsed and delivered to the drawee, in
   * one transaction. Without `authorization` the drawee pays at maturity by allowance to PaymentObligations.
   * `wait()` adds the `obligationId` and `maturity`.
   */
  accept: WriteAction<
    [params: { collectionId: Hex; authorization?: AcceptanceAuthorization | undefined }],
    TradeFinanceWriteResult<{ obligationId: bigint; maturity: bigint }>
  >;
  /** The drawee refuses to accept (its reason: text of at most 32 bytes, or 32 bytes of hex); the eBL goes back. */
  refuse: WriteAction<[params: { collectionId: Hex; reason: string }], TradeFinanceWriteResult>;
  /** The lodger withdraws the collection before acceptance; the eBL goes back. */
  withdraw: WriteAction<[collectionId: Hex], TradeFinanceWriteResult>;
  /** Anyone, after `acceptBy`: the eBL goes back to the lodger. */
  returnUnaccepted: WriteAction<[collectionId: Hex], TradeFinanceWriteResult>;
  /** A collection. */
  collection(collectionId: Hex): Promise<Collection>;

  // ---------------------------------------------------------------- the obligation
  /** The id of the obligation an acceptance of `collectionId` issues (known before it exists). */
  obligationIdOf(collectionId: Hex): bigint;
  /** An obligation. */
  obligation(obligationId: bigint): Promise<PaymentObligation>;
  /** Builds a discount offer of the obligation to `buyer` for `price` (the holder's current nonce). */
  prepareDiscount(params: {
    obligationId: bigint;
    buyer: Address;
    price: Amount;
    deadline?: bigint | Date | undefined;
  }): Promise<DiscountOffer>;
  /** The EIP-712 digest of an offer (the contract's `hashDiscount`): the payment id of its price. */
  hashDiscount(offer: DiscountOffer): Promise<Hex>;
  /** Signs a discount offer as the holder. */
  signDiscount(offer: DiscountOffer): Promise<Hex>;
  /** Signs, as the buying bank, the payment of an offer's price to the holder (through PaymentObligations). */
  signDiscountPayment(offer: DiscountOffer, options?: SignPaymentOptions): Promise<TradePayment>;
  /** The buying bank (a verified bank) pays the price to the holder and receives the obligation, atomically. */
  discount: WriteAction<
    [params: SignedDiscountOffer & { payment?: TradePayment | undefined }],
    TradeFinanceWriteResult
  >;
  /** A verified bank guarantees the obligation (aval) while it is outstanding. */
  avalise: WriteAction<[obligationId: bigint], TradeFinanceWriteResult>;
  /** Anyone, at or after maturity: the drawee pays the holder by the arrangement given at acceptance. */
  collect: WriteAction<[obligationId: bigint], TradeFinanceWriteResult>;
  /** The drawee pays at or after maturity, by allowance (default), permit or authorisation (`signPayment`). */
  pay: WriteAction<[params: { obligationId: bigint; payment?: TradePayment | undefined }], TradeFinanceWriteResult>;
  /**
   * The holder presents the obligation at or after maturity: it is collected, or the failed payment is recorded as
   * dishonour (the `ObligationDishonoured` event carries the reason). `wait()` adds `paid`.
   */
  present: WriteAction<[obligationId: bigint], TradeFinanceWriteResult<{ paid: boolean }>>;
  /** The avalist pays a dishonoured (or due) obligation under its guarantee. */
  payUnderAval: WriteAction<
    [params: { obligationId: bigint; payment?: TradePayment | undefined }],
    TradeFinanceWriteResult
  >;
  /** Signs, as the payer (drawee or avalist), a payment of the obligation's amount to PaymentObligations. */
  signPayment(obligationId: bigint, options?: SignPaymentOptions): Promise<TradePayment>;
  /** The holder transfers the obligation (to a verified trader, bank or agent). */
  transfer: WriteAction<[params: { obligationId: bigint; to: Address }], TradeFinanceWriteResult>;
}

/** The id PaymentObligations gives the obligation `issuer` issues under `reference`: `uint256(keccak256(abi.encode(issuer, reference)))`. */
export function obligationIdOf(issuer: Address, reference: Hex): bigint {
  return BigInt(
    keccak256(
      encodeAbiParameters([{ type: "address" }, { type: "bytes32" }], [assertAddress(issuer, "issuer"), reference]),
    ),
  );
}

/** The payment id of an obligation's payment at maturity: `bytes32(obligationId)`. */
export const obligationPaymentId = (obligationId: bigint): Hex => numberToHex(obligationId, { size: 32 });

const AUTHORIZATION = paymentMethods.indexOf("authorization");

/** @internal Builds the namespace; use `tradeFinance(rails).acceptances`. */
export function createAcceptances(binding: Binding, address: Address, obligations: Address): AcceptancesNamespace {
  const { rails } = binding;
  const da = binding.context(address, documentsAgainstAcceptanceAbi);
  const po = binding.context(obligations, paymentObligationsAbi);
  const domain = eip712DomainReader(po);
  const cid = (value: unknown) => bytes32(value, "collectionId");
  const oid = (value: unknown) => uintId(value, "obligationId");
  const daWrite = (operation: string, fn: "withdraw" | "returnUnaccepted") =>
    action(1, async (call, collectionId: Hex) =>
      tradeWrite(await writeContract(da, `acceptances.${operation}`, fn, [cid(collectionId)], call)),
    );
  const poWrite = (operation: string, fn: "avalise" | "collect") =>
    action(1, async (call, obligationId: bigint) =>
      tradeWrite(await writeContract(po, `acceptances.${operation}`, fn, [oid(obligationId)], call)),
    );
  const holderOf = (obligationId: bigint) => readContract(po, "ownerOf", [obligationId]);
  const ns: AcceptancesNamespace = {
    address,
    obligations,
    domain,
    lodge: action(1, async (call, input: LodgeInput) => {
      if (typeof input !== "object" || input === null) {
        throw new InvalidArgumentError("input", input, "{ tokenId, drawee, token, amount, tenor, acceptBy }");
      }
      const deposit = rails.deposit(input.token);
      const instruction = {
        eblTokenId: uintId(input.tokenId, "tokenId"),
        drawee: assertAddress(input.drawee, "drawee"),
        token: deposit.address,
        amount: await deposit.parse(input.amount),
        tenor: duration(input.tenor, "tenor"),
        acceptBy: seconds(input.acceptBy, "acceptBy"),
      };
      const result = await writeContract(da, "acceptances.lodge", "lodge", [instruction], call);
      return tradeWrite(
        extendWait(result, ({ events }) => ({
          collectionId: eventsNamed(events, "DocumentsAgainstAcceptance", "CollectionLodged")[0]!.args.collectionId,
        })),
      );
    }),
    async signAcceptance(params) {
      const collectionId = cid(params?.collectionId);
      const c = await readContract(da, "collection", [collectionId]);
      if (c.status !== 1) {
        throw new InvalidArgumentError("collectionId", collectionId, "a collection awaiting acceptance (lodged)");
      }
      const latest = BigInt(c.acceptBy) + BigInt(c.tenor);
      const time = await now(rails);
      let maturity: bigint;
      if (params.maturity !== undefined) maturity = seconds(params.maturity, "maturity");
      else {
        maturity = time + BigInt(c.tenor) + 900n;
        if (maturity > latest) maturity = latest;
      }
      const validBefore =
        params.validBefore === undefined ? maturity + 30n * 86_400n : seconds(params.validBefore, "validBefore");
      const obligationId = obligationIdOf(address, collectionId);
      const salt = params.salt ?? randomSalt();
      const deposit = rails.deposit(c.token);
      const signed = await deposit.signReceiveAuthorization({
        to: obligations,
        amount: await deposit.format(c.amount),
        validAfter: maturity - 1n,
        validBefore,
        nonce: settlementAuthorizationNonce(obligationPaymentId(obligationId), salt),
      });
      return {
        collectionId,
        obligationId,
        drawee: signed.from,
        token: c.token,
        amount: c.amount,
        validAfter: signed.validAfter,
        validBefore: signed.validBefore,
        salt,
        signature: signed.signature,
      };
    },
    accept: action(
      1,
      async (call, params: { collectionId: Hex; authorization?: AcceptanceAuthorization | undefined }) => {
        const collectionId = cid(params?.collectionId);
        const a = params.authorization;
        if (a !== undefined && cid(a.collectionId) !== collectionId) {
          throw new InvalidArgumentError(
            "authorization.collectionId",
            a.collectionId,
            `the collection ${collectionId}`,
          );
        }
        const arrangement =
          a === undefined
            ? paymentAuthOf(undefined)
            : paymentAuthOf({
                method: "authorization",
                validAfter: a.validAfter,
                validBefore: a.validBefore,
                salt: a.salt,
                signature: a.signature,
              });
        const result = await writeContract(da, "acceptances.accept", "accept", [collectionId, arrangement], call);
        return tradeWrite(
          extendWait(result, ({ events }) => {
            const accepted = eventsNamed(events, "DocumentsAgainstAcceptance", "CollectionAccepted")[0]!;
            return { obligationId: accepted.args.obligationId, maturity: BigInt(accepted.args.maturity) };
          }),
        );
      },
    ),
    refuse: action(1, async (call, params: { collectionId: Hex; reason: string }) =>
      tradeWrite(
        await writeContract(
          da,
          "acceptances.refuse",
          "refuse",
          [cid(params?.collectionId), referenceOf(params.reason, "reason")],
          call,
        ),
      ),
    ),
    withdraw: daWrite("withdraw", "withdraw"),
    returnUnaccepted: daWrite("returnUnaccepted", "returnUnaccepted"),
    async collection(collectionId) {
      const id = cid(collectionId);
      const c = await readContract(da, "collection", [id]);
      if (c.status === 0) throw new InvalidArgumentError("collectionId", collectionId, "the id of a lodged collection");
      return {
        collectionId: id,
        status: enumName(collectionStatuses, c.status),
        lodger: c.lodger,
        drawee: c.drawee,
        tokenId: c.eblTokenId,
        token: c.token,
        amount: await rails.deposit(c.token).format(c.amount),
        tenor: BigInt(c.tenor),
        acceptBy: BigInt(c.acceptBy),
        obligationId: c.obligationId === 0n ? null : c.obligationId,
      };
    },
    obligationIdOf: (collectionId) => obligationIdOf(address, cid(collectionId)),
    async obligation(obligationId) {
      const id = oid(obligationId);
      const o = await readContract(po, "obligation", [id]);
      if (o.status === 0)
        throw new InvalidArgumentError("obligationId", obligationId, "the id of an issued obligation");
      const [holder, amount] = await Promise.all([holderOf(id), rails.deposit(o.token).format(o.amount)]);
      return {
        obligationId: id,
        status: enumName(obligationStatuses, o.status),
        holder,
        drawer: o.drawer,
        drawee: o.drawee,
        token: o.token,
        amount,
        maturity: BigInt(o.maturity),
        avalist: /^0x0{40}$/.test(o.avalist) ? null : o.avalist,
        registry: o.registry,
        eblTokenId: o.eblTokenId,
        arrangement: o.arrangement.method === AUTHORIZATION ? "authorization" : "allowance",
      };
    },
    async prepareDiscount(params) {
      if (typeof params !== "object" || params === null) {
        throw new InvalidArgumentError("params", params, "{ obligationId, buyer, price, deadline? }");
      }
      const id = oid(params.obligationId);
      const o = await readContract(po, "obligation", [id]);
      const holder = await holderOf(id);
      const [price, nonce, time] = await Promise.all([
        rails.deposit(o.token).parse(params.price),
        readContract(po, "nonces", [holder]),
        now(rails),
      ]);
      return assertDiscountOffer({
        obligationId: id,
        buyer: assertAddress(params.buyer, "buyer"),
        price,
        nonce,
        deadline: params.deadline === undefined ? time + 86_400n : seconds(params.deadline, "deadline"),
      });
    },
    hashDiscount: async (offer) => hashDiscountOffer(offer, await domain()),
    async signDiscount(offer) {
      const { wallet } = walletAccount(po, "acceptances.signDiscount");
      return signDiscountOffer(wallet, { domain: await domain(), offer });
    },
    async signDiscountPayment(offer, options = {}) {
      const o = assertDiscountOffer(offer);
      const { token } = await readContract(po, "obligation", [o.obligationId]);
      const deposit = rails.deposit(token);
      return signPaymentTo(deposit, obligations, await ns.hashDiscount(o), await deposit.format(o.price), options);
    },
    discount: action(1, async (call, params: SignedDiscountOffer & { payment?: TradePayment | undefined }) => {
      if (typeof params !== "object" || params === null) {
        throw new InvalidArgumentError("params", params, "{ offer, holderSignature, payment? }");
      }
      const offer = assertDiscountOffer(params.offer);
      return tradeWrite(
        await writeContract(
          po,
          "acceptances.discount",
          "discount",
          [offer, params.holderSignature, paymentAuthOf(params.payment)],
          call,
        ),
      );
    }),
    avalise: poWrite("avalise", "avalise"),
    collect: poWrite("collect", "collect"),
    pay: action(1, async (call, params: { obligationId: bigint; payment?: TradePayment | undefined }) =>
      tradeWrite(
        await writeContract(
          po,
          "acceptances.pay",
          "pay",
          [oid(params?.obligationId), paymentAuthOf(params.payment)],
          call,
        ),
      ),
    ),
    present: action(1, async (call, obligationId: bigint) => {
      const result = await writeContract(po, "acceptances.present", "present", [oid(obligationId)], call);
      return tradeWrite(
        extendWait(result, ({ events }) => ({
          paid: eventsNamed(events, "PaymentObligations", "ObligationPaid").length > 0,
        })),
      );
    }),
    payUnderAval: action(1, async (call, params: { obligationId: bigint; payment?: TradePayment | undefined }) =>
      tradeWrite(
        await writeContract(
          po,
          "acceptances.payUnderAval",
          "payUnderAval",
          [oid(params?.obligationId), paymentAuthOf(params.payment)],
          call,
        ),
      ),
    ),
    async signPayment(obligationId, options = {}) {
      const id = oid(obligationId);
      const o = await readContract(po, "obligation", [id]);
      const deposit = rails.deposit(o.token);
      return signPaymentTo(deposit, obligations, obligationPaymentId(id), await deposit.format(o.amount), options);
    },
    transfer: action(1, async (call, params: { obligationId: bigint; to: Address }) => {
      const id = oid(params?.obligationId);
      const holder = await holderOf(id);
      return tradeWrite(
        await writeContract(
          po,
          "acceptances.transfer",
          "transferFrom",
          [holder, assertAddress(params.to, "to"), id],
          call,
        ),
      );
    }),
  };
  return ns;
}
