import { encodeAbiParameters, keccak256, zeroAddress, type Address, type Hex, type TypedDataDomain } from "viem";

import { documentaryCreditsAbi } from "../abi/index.js";
import { type Amount } from "../amounts.js";
import { documentTypeId, type DocumentType } from "../documentTypes.js";
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
import {
  assertCreditApplication,
  eblRecipients,
  hashCreditApplication,
  signCreditApplication,
  type CreditApplication,
  type EblRecipient,
} from "./signing.js";
import { type SignedCreditApplication } from "./json.js";

/** A credit's status (`IDocumentaryCredits.CreditStatus`), by name. */
export const creditStatuses = ["none", "issued", "closed"] as const;
/** A credit's status by name. */
export type CreditStatus = (typeof creditStatuses)[number];

/** A presentation's status (`IDocumentaryCredits.PresentationStatus`), by name. */
export const presentationStatuses = ["none", "presented", "discrepant", "honoured", "refused", "withdrawn"] as const;
/** A presentation's status by name. */
export type PresentationStatus = (typeof presentationStatuses)[number];

/** The default examination period: five banking days (UCP 600 art. 14(b)), counted as five days. */
export const DEFAULT_EXAMINATION_PERIOD = 5n * 86_400n;

/** A documentary credit as `credits.get` reads it; amounts in the token's units. */
export interface DocumentaryCredit {
  /** Its id: the EIP-712 digest of the application. */
  creditId: Hex;
  /** Where it stands. */
  status: CreditStatus;
  /** The issuing bank. */
  issuingBank: Address;
  /** The applicant. */
  applicant: Address;
  /** The beneficiary. */
  beneficiary: Address;
  /** The nominated bank, or `null`. */
  nominatedBank: Address | null;
  /** The deposit token: the credit's currency. */
  token: Address;
  /** The credit's amount. */
  amount: Amount;
  /** What was paid to the beneficiary. */
  drawn: Amount;
  /** What presentations under examination hold. */
  reserved: Amount;
  /** What is left to draw: `amount - drawn - reserved`. */
  available: Amount;
  /** What the applicant reimbursed the issuing bank. */
  reimbursed: Amount;
  /** Expiry, Unix seconds. */
  expiry: bigint;
  /** The latest presentation, Unix seconds. */
  latestPresentation: bigint;
  /** The examination period, seconds. */
  examinationPeriod: bigint;
  /** Whether partial drawings are allowed. */
  partialDrawings: boolean;
  /** Who receives the eBL at honour. */
  eblRecipient: EblRecipient;
  /** The required supporting documents' type ids, ascending. */
  requiredDocumentTypes: number[];
  /** The issuing bank's credit reference, 32 bytes. */
  reference: Hex;
  /** How many presentations were made. */
  presentations: number;
}

/** A presentation as `credits.presentation` reads it. */
export interface Presentation {
  /** Its id. */
  presentationId: Hex;
  /** The credit. */
  creditId: Hex;
  /** Where it stands. */
  status: PresentationStatus;
  /** The examination deadline (or, discrepant, the waiver deadline), Unix seconds. */
  deadline: bigint;
  /** The eBL presented. */
  tokenId: bigint;
  /** The drawing, in the token's units. */
  amount: Amount;
  /** The DocumentsCondition requirement the documents were checked against. */
  requirementId: Hex;
  /** The hash of the discrepancies recorded at refusal (zero if none). */
  discrepanciesHash: Hex;
  /** How many discrepancies were recorded. */
  discrepancyCount: bigint;
}

/** What `credits.prepare` takes. */
export interface CreditInput {
  /** The applicant (the importer), who signs. */
  applicant: Address;
  /** The beneficiary (the exporter). */
  beneficiary: Address;
  /** The deposit token (a label of `addresses.deposits`, or its address). */
  token: string;
  /** The credit's amount, a decimal string in the token's units. */
  amount: Amount;
  /** Expiry. */
  expiry: bigint | Date;
  /** The latest presentation (default: the expiry). */
  latestPresentation?: bigint | Date | undefined;
  /** Seconds the examiners have (default: {@link DEFAULT_EXAMINATION_PERIOD}). */
  examinationPeriod?: bigint | number | undefined;
  /** Whether partial drawings are allowed (default false). */
  partialDrawings?: boolean | undefined;
  /** The supporting documents required besides the eBL, by type (default none). */
  requiredDocuments?: readonly DocumentType[] | undefined;
  /** Who receives the eBL at honour (default the issuing bank). */
  eblRecipient?: EblRecipient | undefined;
  /** The bank's credit reference: text of at most 32 bytes, or 32 bytes of hex. */
  reference: string;
  /** A nominated bank that may examine (default none). */
  nominatedBank?: Address | undefined;
  /** The issuing bank (default: the wallet's account). */
  issuingBank?: Address | undefined;
  /** The applicant's signature deadline (default: one day after the chain's time). */
  deadline?: bigint | Date | undefined;
}

/**
 * Documentary credits (DocumentaryCredits), the essentials of UCP 600: the applicant signs its application
 * (`prepare`, `sign`); the issuing bank issues the credit, funding it in escrow (`issue`); the beneficiary presents
 * the eBL and the required documents (`present`); the issuing or nominated bank examines within the deadline
 * (`honour`, which pays the beneficiary and passes the eBL in one transaction, or `refuse` with the discrepancies,
 * optionally seeking the applicant's waiver: `waive`, `rejectWaiver`); the applicant reimburses the bank
 * (`reimburse`); amendments need the beneficiary's consent (`proposeAmendment`, `acceptAmendment`); after expiry,
 * `close` returns the undrawn escrow.
 */
export interface CreditsNamespace {
  /** The DocumentaryCredits contract. */
  readonly address: Address;
  /** Its EIP-712 domain, read once. */
  domain(): Promise<TypedDataDomain>;
  /** Builds the application: the applicant's current nonce, the amount in base units, the documents' bitmask. */
  prepare(input: CreditInput): Promise<CreditApplication>;
  /** The credit id of an application: the EIP-712 digest the applicant signs (the contract's `hashApplication`). */
  hashApplication(application: CreditApplication): Promise<Hex>;
  /** Signs the application as the applicant. */
  sign(application: CreditApplication): Promise<Hex>;
  /** Signs, as the issuing bank, the funding of the escrow (a permit, or an authorisation bound to the credit id). */
  signFunding(application: CreditApplication, options?: SignPaymentOptions): Promise<TradePayment>;
  /** The issuing bank issues the credit and funds it (allowance by default); `wait()` adds the `creditId`. */
  issue: WriteAction<
    [params: SignedCreditApplication & { funding?: TradePayment | undefined }],
    TradeFinanceWriteResult<{ creditId: Hex }>
  >;
  /**
   * The beneficiary presents the eBL (the contract approved on the registry) and one document per required type,
   * in ascending type order, for `amount`; `wait()` adds the `presentationId`.
   */
  present: WriteAction<
    [params: { creditId: Hex; tokenId: bigint; documentIds?: readonly Hex[] | undefined; amount: Amount }],
    TradeFinanceWriteResult<{ presentationId: Hex }>
  >;
  /** An examiner honours (or anyone once the examination deadline passed without a decision). */
  honour: WriteAction<[presentationId: Hex], TradeFinanceWriteResult>;
  /** An examiner refuses with the discrepancies (texts of at most 32 bytes each); with `seekWaiver`, the eBL stays while the applicant decides. */
  refuse: WriteAction<
    [params: { presentationId: Hex; discrepancies: readonly string[]; seekWaiver?: boolean | undefined }],
    TradeFinanceWriteResult
  >;
  /** The applicant waives the discrepancies: the presentation is honoured. */
  waive: WriteAction<[presentationId: Hex], TradeFinanceWriteResult>;
  /** The applicant rejects the waiver: the eBL goes back to the beneficiary. */
  rejectWaiver: WriteAction<[presentationId: Hex], TradeFinanceWriteResult>;
  /** The beneficiary withdraws a discrepant presentation: the eBL goes back. */
  withdraw: WriteAction<[presentationId: Hex], TradeFinanceWriteResult>;
  /** Anyone, after the waiver deadline: the eBL goes back to the beneficiary. */
  returnUnwaived: WriteAction<[presentationId: Hex], TradeFinanceWriteResult>;
  /** The applicant (or anyone for it) reimburses the issuing bank, by allowance (default), permit or authorisation. */
  reimburse: WriteAction<
    [params: { creditId: Hex; amount: Amount; payment?: TradePayment | undefined }],
    TradeFinanceWriteResult
  >;
  /** Signs a reimbursement as the payer: a permit to the contract or an authorisation bound to the credit. */
  signReimbursement(params: { creditId: Hex; amount: Amount } & SignPaymentOptions): Promise<TradePayment>;
  /** The issuing bank proposes new terms (an increase funded now: allowance by default). */
  proposeAmendment: WriteAction<
    [
      params: {
        creditId: Hex;
        amount: Amount;
        expiry: bigint | Date;
        latestPresentation: bigint | Date;
        funding?: TradePayment | undefined;
      },
    ],
    TradeFinanceWriteResult
  >;
  /** The beneficiary accepts the pending amendment. */
  acceptAmendment: WriteAction<[creditId: Hex], TradeFinanceWriteResult>;
  /** The beneficiary (or the bank) rejects the pending amendment. */
  rejectAmendment: WriteAction<[creditId: Hex], TradeFinanceWriteResult>;
  /** Anyone, after expiry with nothing pending: the undrawn escrow goes back to the issuing bank. */
  close: WriteAction<[creditId: Hex], TradeFinanceWriteResult>;
  /** A credit. */
  get(creditId: Hex): Promise<DocumentaryCredit>;
  /** A presentation. */
  presentation(presentationId: Hex): Promise<Presentation>;
  /** The pending amendment of a credit, or `null`. */
  amendment(creditId: Hex): Promise<{ amount: Amount; expiry: bigint; latestPresentation: bigint } | null>;
  /** The applicant's next nonce. */
  nonce(applicant: Address): Promise<bigint>;
  /** The id of a credit's `number`-th presentation (from 1). */
  presentationIdOf(creditId: Hex, number: bigint | number): Hex;
}

/** The id of a credit's `number`-th presentation: `keccak256(abi.encode(creditId, number))`. */
export function presentationIdOf(creditId: Hex, number: bigint | number): Hex {
  return keccak256(
    encodeAbiParameters([{ type: "bytes32" }, { type: "uint256" }], [bytes32(creditId, "creditId"), BigInt(number)]),
  );
}

/** @internal The bitmask of document types (bit `t` for type `t`). */
export function documentTypesMask(types: readonly DocumentType[]): bigint {
  let mask = 0n;
  for (const [i, type] of types.entries()) mask |= 1n << BigInt(documentTypeId(type, `requiredDocuments[${i}]`));
  return mask;
}

/** @internal The type ids of a bitmask, ascending. */
export function documentTypesOf(mask: bigint): number[] {
  const types: number[] = [];
  for (let t = 1; t < 256; t++) if ((mask >> BigInt(t)) & 1n) types.push(t);
  return types;
}

/** @internal Builds the namespace; use `tradeFinance(rails).credits`. */
export function createCredits(binding: Binding, address: Address): CreditsNamespace {
  const { rails } = binding;
  const ctx = binding.context(address, documentaryCreditsAbi);
  const domain = eip712DomainReader(ctx);
  const credit = (value: unknown) => bytes32(value, "creditId");
  const pid = (value: unknown) => bytes32(value, "presentationId");
  const byPresentation = (operation: string, fn: "honour" | "waive" | "rejectWaiver" | "withdraw" | "returnUnwaived") =>
    action(1, async (call, presentationId: Hex) =>
      tradeWrite(await writeContract(ctx, `credits.${operation}`, fn, [pid(presentationId)], call)),
    );
  const byCredit = (operation: string, fn: "acceptAmendment" | "rejectAmendment" | "close") =>
    action(1, async (call, creditId: Hex) =>
      tradeWrite(await writeContract(ctx, `credits.${operation}`, fn, [credit(creditId)], call)),
    );
  const tokenOf = async (creditId: Hex) => (await readContract(ctx, "creditOf", [credit(creditId)])).terms.token;
  const ns: CreditsNamespace = {
    address,
    domain,
    async prepare(input) {
      if (typeof input !== "object" || input === null) {
        throw new InvalidArgumentError(
          "input",
          input,
          "{ applicant, beneficiary, token, amount, expiry, reference, ... }",
        );
      }
      const issuingBank =
        input.issuingBank === undefined
          ? walletAccount(ctx, "credits.prepare").account.address
          : assertAddress(input.issuingBank, "issuingBank");
      const applicant = assertAddress(input.applicant, "applicant");
      const recipient = eblRecipients.indexOf(input.eblRecipient ?? "issuingBank");
      if (recipient < 0) {
        throw new InvalidArgumentError("eblRecipient", input.eblRecipient, '"issuingBank" or "applicant"');
      }
      const deposit = rails.deposit(input.token);
      const expiry = seconds(input.expiry, "expiry");
      const [amount, nonce, time] = await Promise.all([deposit.parse(input.amount), ns.nonce(applicant), now(rails)]);
      return assertCreditApplication({
        terms: {
          issuingBank,
          applicant,
          beneficiary: assertAddress(input.beneficiary, "beneficiary"),
          nominatedBank:
            input.nominatedBank === undefined ? zeroAddress : assertAddress(input.nominatedBank, "nominatedBank"),
          token: deposit.address,
          amount,
          expiry,
          latestPresentation:
            input.latestPresentation === undefined ? expiry : seconds(input.latestPresentation, "latestPresentation"),
          examinationPeriod:
            input.examinationPeriod === undefined
              ? DEFAULT_EXAMINATION_PERIOD
              : duration(input.examinationPeriod, "examinationPeriod"),
          partialDrawings: input.partialDrawings ?? false,
          eblRecipient: recipient,
          requiredDocumentTypes: documentTypesMask(input.requiredDocuments ?? []),
          creditReference: referenceOf(input.reference, "reference"),
        },
        nonce,
        deadline: input.deadline === undefined ? time + 86_400n : seconds(input.deadline, "deadline"),
      });
    },
    hashApplication: async (application) => hashCreditApplication(application, await domain()),
    async sign(application) {
      const { wallet } = walletAccount(ctx, "credits.sign");
      return signCreditApplication(wallet, { domain: await domain(), application });
    },
    async signFunding(application, options = {}) {
      const a = assertCreditApplication(application);
      const deposit = rails.deposit(a.terms.token);
      return signPaymentTo(
        deposit,
        address,
        await ns.hashApplication(a),
        await deposit.format(a.terms.amount),
        options,
      );
    },
    issue: action(1, async (call, params: SignedCreditApplication & { funding?: TradePayment | undefined }) => {
      if (typeof params !== "object" || params === null) {
        throw new InvalidArgumentError("params", params, "{ application, applicantSignature, funding? }");
      }
      const a = assertCreditApplication(params.application);
      const result = await writeContract(
        ctx,
        "credits.issue",
        "issue",
        [a.terms, a.deadline, params.applicantSignature, paymentAuthOf(params.funding)],
        call,
      );
      return tradeWrite(
        extendWait(result, ({ events }) => ({
          creditId: eventsNamed(events, "DocumentaryCredits", "CreditIssued")[0]!.args.creditId,
        })),
      );
    }),
    present: action(
      1,
      async (
        call,
        params: { creditId: Hex; tokenId: bigint; documentIds?: readonly Hex[] | undefined; amount: Amount },
      ) => {
        const creditId = credit(params?.creditId);
        const documentIds = (params.documentIds ?? []).map((d, i) => bytes32(d, `documentIds[${i}]`));
        const amount = await rails.deposit(await tokenOf(creditId)).parse(params.amount);
        const result = await writeContract(
          ctx,
          "credits.present",
          "present",
          [creditId, uintId(params.tokenId, "tokenId"), documentIds, amount],
          call,
        );
        return tradeWrite(
          extendWait(result, ({ events }) => ({
            presentationId: eventsNamed(events, "DocumentaryCredits", "Presented")[0]!.args.presentationId,
          })),
        );
      },
    ),
    honour: byPresentation("honour", "honour"),
    refuse: action(
      1,
      async (
        call,
        params: { presentationId: Hex; discrepancies: readonly string[]; seekWaiver?: boolean | undefined },
      ) => {
        if (!Array.isArray(params?.discrepancies)) {
          throw new InvalidArgumentError("discrepancies", params?.discrepancies, "an array of texts");
        }
        const discrepancies = params.discrepancies.map((d, i) => referenceOf(d, `discrepancies[${i}]`));
        return tradeWrite(
          await writeContract(
            ctx,
            "credits.refuse",
            "refuse",
            [pid(params.presentationId), discrepancies, params.seekWaiver ?? false],
            call,
          ),
        );
      },
    ),
    waive: byPresentation("waive", "waive"),
    rejectWaiver: byPresentation("rejectWaiver", "rejectWaiver"),
    withdraw: byPresentation("withdraw", "withdraw"),
    returnUnwaived: byPresentation("returnUnwaived", "returnUnwaived"),
    reimburse: action(
      1,
      async (call, params: { creditId: Hex; amount: Amount; payment?: TradePayment | undefined }) => {
        const creditId = credit(params?.creditId);
        const amount = await rails.deposit(await tokenOf(creditId)).parse(params.amount);
        return tradeWrite(
          await writeContract(
            ctx,
            "credits.reimburse",
            "reimburse",
            [creditId, amount, paymentAuthOf(params.payment)],
            call,
          ),
        );
      },
    ),
    async signReimbursement(params) {
      const creditId = credit(params?.creditId);
      return signPaymentTo(rails.deposit(await tokenOf(creditId)), address, creditId, params.amount, params);
    },
    proposeAmendment: action(
      1,
      async (
        call,
        params: {
          creditId: Hex;
          amount: Amount;
          expiry: bigint | Date;
          latestPresentation: bigint | Date;
          funding?: TradePayment | undefined;
        },
      ) => {
        const creditId = credit(params?.creditId);
        const amount = await rails.deposit(await tokenOf(creditId)).parse(params.amount);
        return tradeWrite(
          await writeContract(
            ctx,
            "credits.proposeAmendment",
            "proposeAmendment",
            [
              creditId,
              amount,
              seconds(params.expiry, "expiry"),
              seconds(params.latestPresentation, "latestPresentation"),
              paymentAuthOf(params.funding),
            ],
            call,
          ),
        );
      },
    ),
    acceptAmendment: byCredit("acceptAmendment", "acceptAmendment"),
    rejectAmendment: byCredit("rejectAmendment", "rejectAmendment"),
    close: byCredit("close", "close"),
    async get(creditId) {
      const id = credit(creditId);
      const c = await readContract(ctx, "creditOf", [id]);
      if (c.status === 0) throw new InvalidArgumentError("creditId", creditId, "the id of an issued credit");
      const t = c.terms;
      const deposit = rails.deposit(t.token);
      const [amount, drawn, reserved, available, reimbursed] = await Promise.all(
        [t.amount, c.drawn, c.reserved, t.amount - c.drawn - c.reserved, c.reimbursed].map((v) => deposit.format(v)),
      );
      return {
        creditId: id,
        status: creditStatuses[c.status] ?? "none",
        issuingBank: t.issuingBank,
        applicant: t.applicant,
        beneficiary: t.beneficiary,
        nominatedBank: t.nominatedBank === zeroAddress ? null : t.nominatedBank,
        token: t.token,
        amount: amount!,
        drawn: drawn!,
        reserved: reserved!,
        available: available!,
        reimbursed: reimbursed!,
        expiry: BigInt(t.expiry),
        latestPresentation: BigInt(t.latestPresentation),
        examinationPeriod: BigInt(t.examinationPeriod),
        partialDrawings: t.partialDrawings,
        eblRecipient: eblRecipients[t.eblRecipient] ?? "issuingBank",
        requiredDocumentTypes: documentTypesOf(t.requiredDocumentTypes),
        reference: t.creditReference,
        presentations: Number(c.presentations),
      };
    },
    async presentation(presentationId) {
      const id = pid(presentationId);
      const p = await readContract(ctx, "presentationOf", [id]);
      if (p.status === 0) throw new InvalidArgumentError("presentationId", presentationId, "the id of a presentation");
      return {
        presentationId: id,
        creditId: p.creditId,
        status: presentationStatuses[p.status] ?? "none",
        deadline: BigInt(p.deadline),
        tokenId: p.tokenId,
        amount: await rails.deposit(await tokenOf(p.creditId)).format(p.amount),
        requirementId: p.requirementId,
        discrepanciesHash: p.discrepanciesHash,
        discrepancyCount: p.discrepancyCount,
      };
    },
    async amendment(creditId) {
      const id = credit(creditId);
      const a = await readContract(ctx, "amendmentOf", [id]);
      if (!a.pending) return null;
      return {
        amount: await rails.deposit(await tokenOf(id)).format(a.amount),
        expiry: BigInt(a.expiry),
        latestPresentation: BigInt(a.latestPresentation),
      };
    },
    nonce: (applicant) => readContract(ctx, "nonces", [assertAddress(applicant, "applicant")]),
    presentationIdOf,
  };
  return ns;
}
