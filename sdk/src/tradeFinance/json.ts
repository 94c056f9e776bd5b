/**
 * The JSON exchange forms of what the parties of the trade-finance instruments sign off chain and hand to another:
 * the importer's trust receipt (to the bank), a holder's discount offer (to the discounting bank), the applicant's
 * credit application (to the issuing bank) and the drawee's EIP-3009 authorisation given at acceptance. Every bigint
 * is an integer decimal string; amounts are base units, named so (`amountBaseUnits`). Each reader checks every field
 * and refuses another kind or version.
 */
import { type Address, type Hex } from "viem";

import { InvalidArgumentError } from "../errors.js";
import { assertAddress, assertBytes32 } from "../guards.js";
import { decimal, hex, object } from "../settlementJson.js";
import { type AcceptanceAuthorization } from "./acceptances.js";
import {
  assertCreditApplication,
  assertDiscountOffer,
  assertTrustReceiptTerms,
  type CreditApplication,
  type DiscountOffer,
  type TrustReceiptTerms,
} from "./signing.js";

/** A trust receipt signed by the importer, as the bank submits it to `trustReceipts.open`. */
export interface SignedTrustReceipt {
  /** The terms. */
  terms: TrustReceiptTerms;
  /** The importer's EIP-712 signature of the terms. */
  importerSignature: Hex;
}

/** A discount offer signed by the obligation's holder, as the buying bank submits it to `acceptances.discount`. */
export interface SignedDiscountOffer {
  /** The offer. */
  offer: DiscountOffer;
  /** The holder's EIP-712 signature of the offer. */
  holderSignature: Hex;
}

/** A credit application signed by the applicant, as the issuing bank submits it to `credits.issue`. */
export interface SignedCreditApplication {
  /** The application. */
  application: CreditApplication;
  /** The applicant's EIP-712 signature of the application. */
  applicantSignature: Hex;
}

/** The JSON form of a {@link SignedCreditApplication}. */
export interface SignedCreditApplicationJson {
  /** The format's version, so that a reader can refuse what it does not know. */
  version: 1;
  /** What the text holds. */
  kind: "creditApplication";
  application: {
    terms: {
      issuingBank: Address;
      applicant: Address;
      beneficiary: Address;
      /** The zero address for none. */
      nominatedBank: Address;
      token: Address;
      /** The credit's amount, in the token's base units. */
      amountBaseUnits: string;
      /** Unix seconds. */
      expiry: string;
      /** Unix seconds. */
      latestPresentation: string;
      /** Seconds. */
      examinationPeriod: string;
      partialDrawings: boolean;
      /** 0: the issuing bank, 1: the applicant. */
      eblRecipient: number;
      /** The bitmask of required document types (bit `t` for type `t`), as a decimal string. */
      requiredDocumentTypes: string;
      creditReference: Hex;
    };
    nonce: string;
    /** Unix seconds. */
    deadline: string;
  };
  applicantSignature: Hex;
}

/** The JSON form of a {@link SignedTrustReceipt}. */
export interface SignedTrustReceiptJson {
  /** The format's version, so that a reader can refuse what it does not know. */
  version: 1;
  /** What the text holds. */
  kind: "trustReceipt";
  terms: {
    bank: Address;
    importer: Address;
    registry: Address;
    tokenId: string;
    token: Address;
    /** What the importer owes, in the token's base units. */
    amountBaseUnits: string;
    /** Unix seconds. */
    dueDate: string;
    loanReference: Hex;
    nonce: string;
    /** Unix seconds. */
    deadline: string;
  };
  importerSignature: Hex;
}

/** The JSON form of a {@link SignedDiscountOffer}. */
export interface SignedDiscountOfferJson {
  /** The format's version, so that a reader can refuse what it does not know. */
  version: 1;
  /** What the text holds. */
  kind: "discountOffer";
  offer: {
    obligationId: string;
    buyer: Address;
    /** What the buyer pays, in the obligation token's base units. */
    priceBaseUnits: string;
    nonce: string;
    /** Unix seconds. */
    deadline: string;
  };
  holderSignature: Hex;
}

/** The JSON form of an {@link AcceptanceAuthorization}: the drawee's EIP-3009 authorisation given at acceptance. */
export interface AcceptanceAuthorizationJson {
  /** The format's version, so that a reader can refuse what it does not know. */
  version: 1;
  /** What the text holds. */
  kind: "acceptanceAuthorization";
  authorization: {
    collectionId: Hex;
    obligationId: string;
    drawee: Address;
    token: Address;
    /** The bill's amount, in the token's base units. */
    amountBaseUnits: string;
    /** `maturity - 1`, Unix seconds. */
    validAfter: string;
    /** Unix seconds. */
    validBefore: string;
    salt: Hex;
    signature: Hex;
  };
}

/** @internal Parses JSON text of the given kind and version 1, or throws naming what is wrong. */
export function parseKind(text: string, kind: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError("json", text, `JSON text (${(error as Error).message})`);
  }
  const json = object(parsed, "json");
  if (json.kind !== kind) throw new InvalidArgumentError("json.kind", json.kind, JSON.stringify(kind));
  if (json.version !== 1) throw new InvalidArgumentError("json.version", json.version, "1");
  return json;
}

/**
 * Writes a trust receipt the importer signed as JSON text, to hand to the bank; {@link trustReceiptFromJson} reads it
 * back, checked.
 *
 * @example
 * const importerSignature = await importerTf.trustReceipts.sign(terms);
 * const text = trustReceiptToJson({ terms, importerSignature }); // send to the bank
 */
export function trustReceiptToJson(signed: SignedTrustReceipt): string {
  const t = assertTrustReceiptTerms(signed?.terms);
  const json: SignedTrustReceiptJson = {
    version: 1,
    kind: "trustReceipt",
    terms: {
      bank: assertAddress(t.bank, "terms.bank"),
      importer: assertAddress(t.importer, "terms.importer"),
      registry: assertAddress(t.registry, "terms.registry"),
      tokenId: t.tokenId.toString(),
      token: assertAddress(t.token, "terms.token"),
      amountBaseUnits: t.amount.toString(),
      dueDate: t.dueDate.toString(),
      loanReference: assertBytes32(t.loanReference, "terms.loanReference"),
      nonce: t.nonce.toString(),
      deadline: t.deadline.toString(),
    },
    importerSignature: hex(signed.importerSignature, "importerSignature"),
  };
  return JSON.stringify(json);
}

/**
 * Reads a trust receipt written by {@link trustReceiptToJson}, checking every field. Whether the signature is the
 * importer's is for the chain (or `trustReceipts.hashTerms` and your own check) to say.
 *
 * @throws {InvalidArgumentError} naming the first field that is missing or malformed, or if the text is not JSON.
 */
export function trustReceiptFromJson(text: string): SignedTrustReceipt {
  const json = parseKind(text, "trustReceipt");
  const t = object(json.terms, "terms");
  return {
    terms: assertTrustReceiptTerms({
      bank: assertAddress(t.bank, "terms.bank"),
      importer: assertAddress(t.importer, "terms.importer"),
      registry: assertAddress(t.registry, "terms.registry"),
      tokenId: decimal(t.tokenId, "terms.tokenId"),
      token: assertAddress(t.token, "terms.token"),
      amount: decimal(t.amountBaseUnits, "terms.amountBaseUnits"),
      dueDate: decimal(t.dueDate, "terms.dueDate"),
      loanReference: assertBytes32(t.loanReference, "terms.loanReference"),
      nonce: decimal(t.nonce, "terms.nonce"),
      deadline: decimal(t.deadline, "terms.deadline"),
    }),
    importerSignature: hex(json.importerSignature, "importerSignature"),
  };
}

/**
 * Writes a discount offer the holder signed as JSON text, to hand to the buying bank; {@link discountOfferFromJson}
 * reads it back, checked.
 */
export function discountOfferToJson(signed: SignedDiscountOffer): string {
  const o = assertDiscountOffer(signed?.offer);
  const json: SignedDiscountOfferJson = {
    version: 1,
    kind: "discountOffer",
    offer: {
      obligationId: o.obligationId.toString(),
      buyer: assertAddress(o.buyer, "offer.buyer"),
      priceBaseUnits: o.price.toString(),
      nonce: o.nonce.toString(),
      deadline: o.deadline.toString(),
    },
    holderSignature: hex(signed.holderSignature, "holderSignature"),
  };
  return JSON.stringify(json);
}

/**
 * Reads a discount offer written by {@link discountOfferToJson}, checking every field.
 *
 * @throws {InvalidArgumentError} naming the first field that is missing or malformed, or if the text is not JSON.
 */
export function discountOfferFromJson(text: string): SignedDiscountOffer {
  const json = parseKind(text, "discountOffer");
  const o = object(json.offer, "offer");
  return {
    offer: assertDiscountOffer({
      obligationId: decimal(o.obligationId, "offer.obligationId"),
      buyer: assertAddress(o.buyer, "offer.buyer"),
      price: decimal(o.priceBaseUnits, "offer.priceBaseUnits"),
      nonce: decimal(o.nonce, "offer.nonce"),
      deadline: decimal(o.deadline, "offer.deadline"),
    }),
    holderSignature: hex(json.holderSignature, "holderSignature"),
  };
}

/**
 * Writes the drawee's acceptance authorisation (from `acceptances.signAcceptance`) as JSON text, e.g. for the
 * drawee's treasury to hand to whoever submits the acceptance or to show the exporter's bank how the bill will be
 * paid; {@link acceptanceAuthorizationFromJson} reads it back, checked.
 */
export function acceptanceAuthorizationToJson(authorization: AcceptanceAuthorization): string {
  const a = authorization;
  if (typeof a !== "object" || a === null) {
    throw new InvalidArgumentError("authorization", a, "an AcceptanceAuthorization from acceptances.signAcceptance");
  }
  const json: AcceptanceAuthorizationJson = {
    version: 1,
    kind: "acceptanceAuthorization",
    authorization: {
      collectionId: assertBytes32(a.collectionId, "authorization.collectionId"),
      obligationId: decimalOf(a.obligationId, "authorization.obligationId"),
      drawee: assertAddress(a.drawee, "authorization.drawee"),
      token: assertAddress(a.token, "authorization.token"),
      amountBaseUnits: decimalOf(a.amount, "authorization.amount"),
      validAfter: decimalOf(a.validAfter, "authorization.validAfter"),
      validBefore: decimalOf(a.validBefore, "authorization.validBefore"),
      salt: assertBytes32(a.salt, "authorization.salt"),
      signature: hex(a.signature, "authorization.signature"),
    },
  };
  return JSON.stringify(json);
}

/**
 * Reads an acceptance authorisation written by {@link acceptanceAuthorizationToJson}, checking every field.
 *
 * @throws {InvalidArgumentError} naming the first field that is missing or malformed, or if the text is not JSON.
 */
export function acceptanceAuthorizationFromJson(text: string): AcceptanceAuthorization {
  const json = parseKind(text, "acceptanceAuthorization");
  const a = object(json.authorization, "authorization");
  return {
    collectionId: assertBytes32(a.collectionId, "authorization.collectionId"),
    obligationId: decimal(a.obligationId, "authorization.obligationId"),
    drawee: assertAddress(a.drawee, "authorization.drawee"),
    token: assertAddress(a.token, "authorization.token"),
    amount: decimal(a.amountBaseUnits, "authorization.amountBaseUnits"),
    validAfter: decimal(a.validAfter, "authorization.validAfter"),
    validBefore: decimal(a.validBefore, "authorization.validBefore"),
    salt: assertBytes32(a.salt, "authorization.salt"),
    signature: hex(a.signature, "authorization.signature"),
  };
}

/**
 * Writes a credit application the applicant signed as JSON text, to hand to the issuing bank;
 * {@link creditApplicationFromJson} reads it back, checked.
 *
 * @example
 * const applicantSignature = await importerTf.credits.sign(application);
 * const text = creditApplicationToJson({ application, applicantSignature }); // send to the bank
 */
export function creditApplicationToJson(signed: SignedCreditApplication): string {
  const a = assertCreditApplication(signed?.application);
  const t = a.terms;
  const json: SignedCreditApplicationJson = {
    version: 1,
    kind: "creditApplication",
    application: {
      terms: {
        issuingBank: assertAddress(t.issuingBank, "application.terms.issuingBank"),
        applicant: assertAddress(t.applicant, "application.terms.applicant"),
        beneficiary: assertAddress(t.beneficiary, "application.terms.beneficiary"),
        nominatedBank: assertAddress(t.nominatedBank, "application.terms.nominatedBank"),
        token: assertAddress(t.token, "application.terms.token"),
        amountBaseUnits: t.amount.toString(),
        expiry: t.expiry.toString(),
        latestPresentation: t.latestPresentation.toString(),
        examinationPeriod: t.examinationPeriod.toString(),
        partialDrawings: t.partialDrawings,
        eblRecipient: t.eblRecipient,
        requiredDocumentTypes: t.requiredDocumentTypes.toString(),
        creditReference: assertBytes32(t.creditReference, "application.terms.creditReference"),
      },
      nonce: a.nonce.toString(),
      deadline: a.deadline.toString(),
    },
    applicantSignature: hex(signed.applicantSignature, "applicantSignature"),
  };
  return JSON.stringify(json);
}

/**
 * Reads a credit application written by {@link creditApplicationToJson}, checking every field. Whether the signature
 * is the applicant's is for the chain (or `credits.hashApplication` and your own check) to say.
 *
 * @throws {InvalidArgumentError} naming the first field that is missing or malformed, or if the text is not JSON.
 */
export function creditApplicationFromJson(text: string): SignedCreditApplication {
  const json = parseKind(text, "creditApplication");
  const a = object(json.application, "application");
  const t = object(a.terms, "application.terms");
  const arg = (key: string) => `application.terms.${key}`;
  return {
    application: assertCreditApplication({
      terms: {
        issuingBank: assertAddress(t.issuingBank, arg("issuingBank")),
        applicant: assertAddress(t.applicant, arg("applicant")),
        beneficiary: assertAddress(t.beneficiary, arg("beneficiary")),
        nominatedBank: assertAddress(t.nominatedBank, arg("nominatedBank")),
        token: assertAddress(t.token, arg("token")),
        amount: decimal(t.amountBaseUnits, arg("amountBaseUnits")),
        expiry: decimal(t.expiry, arg("expiry")),
        latestPresentation: decimal(t.latestPresentation, arg("latestPresentation")),
        examinationPeriod: decimal(t.examinationPeriod, arg("examinationPeriod")),
        partialDrawings: t.partialDrawings as boolean,
        eblRecipient: t.eblRecipient as number,
        requiredDocumentTypes: decimal(t.requiredDocumentTypes, arg("requiredDocumentTypes")),
        creditReference: assertBytes32(t.creditReference, arg("creditReference")),
      },
      nonce: decimal(a.nonce, "application.nonce"),
      deadline: decimal(a.deadline, "application.deadline"),
    }),
    applicantSignature: hex(json.applicantSignature, "applicantSignature"),
  };
}

/** @internal A non-negative bigint as a decimal string. */
export function decimalOf(value: unknown, argument: string): string {
  if (typeof value !== "bigint" || value < 0n) throw new InvalidArgumentError(argument, value, "a non-negative bigint");
  return value.toString();
}
