/**
 * The EIP-712 typed data the parties of the trade-finance instruments sign off chain: the importer's trust receipt
 * (TrustReceipts) and a holder's discount offer (PaymentObligations). Pure: no chain access.
 */
import { hashTypedData, type Address, type Hex, type TypedDataDomain } from "viem";

import { InvalidArgumentError } from "../errors.js";
import { signTypedData, type TypedDataSigner } from "../signing.js";

/** The EIP-712 domain name of TrustReceipts (version `"1"`). */
export const TRUST_RECEIPTS_DOMAIN_NAME = "Cargo Rails Trust Receipts";
/** The EIP-712 domain name of PaymentObligations (version `"1"`). */
export const PAYMENT_OBLIGATIONS_DOMAIN_NAME = "Cargo Rails Payment Obligations";
/** The EIP-712 domain name of DocumentaryCredits (version `"1"`). */
export const DOCUMENTARY_CREDITS_DOMAIN_NAME = "Cargo Rails Documentary Credits";

/**
 * `TrustReceiptTerms(address bank,address importer,address registry,uint256 tokenId,address token,uint256 amount,
 * uint64 dueDate,bytes32 loanReference,uint256 nonce,uint256 deadline)`: what the importer signs to hold the bank's eBL
 * in trust and repay `amount` by `dueDate`.
 */
export const trustReceiptTermsTypes = {
  TrustReceiptTerms: [
    { name: "bank", type: "address" },
    { name: "importer", type: "address" },
    { name: "registry", type: "address" },
    { name: "tokenId", type: "uint256" },
    { name: "token", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "dueDate", type: "uint64" },
    { name: "loanReference", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** `Discount(uint256 obligationId,address buyer,uint256 price,uint256 nonce,uint256 deadline)`: a holder's offer. */
export const discountTypes = {
  Discount: [
    { name: "obligationId", type: "uint256" },
    { name: "buyer", type: "address" },
    { name: "price", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** A trust receipt's terms as the importer signs them and the bank submits them; amounts in base units. */
export interface TrustReceiptTerms {
  /** The bank that finances and keeps its security interest (title holder of the eBL). */
  bank: Address;
  /** The importer, who holds the eBL in trust for the bank. */
  importer: Address;
  /** The eBL registry. */
  registry: Address;
  /** The eBL. */
  tokenId: bigint;
  /** The deposit token the importer repays in. */
  token: Address;
  /** What the importer owes, in the token's base units. */
  amount: bigint;
  /** The repayment date, Unix seconds: after it, unpaid, the bank may recall the eBL (before surrender). */
  dueDate: bigint;
  /** The bank's facility or loan reference, 32 bytes (`encodeReference` or a hash). */
  loanReference: Hex;
  /** The importer's nonce at TrustReceipts (`nonces(importer)`), consumed on opening. */
  nonce: bigint;
  /** The signature's deadline, Unix seconds. */
  deadline: bigint;
}

/** A holder's offer to sell a payment obligation to a discounting bank; `price` in base units. */
export interface DiscountOffer {
  /** The obligation (the DPO token id). */
  obligationId: bigint;
  /** The bank that buys it (and calls `discount`). */
  buyer: Address;
  /** What the buyer pays the holder, in the obligation token's base units (at most its amount). */
  price: bigint;
  /** The holder's nonce at PaymentObligations (`nonces(holder)`), consumed on discounting. */
  nonce: bigint;
  /** The offer's deadline, Unix seconds. */
  deadline: bigint;
}

const MAX_UINT64 = (1n << 64n) - 1n;

function hashTyped(argument: string, value: unknown, hash: () => Hex): Hex {
  try {
    return hash();
  } catch (error) {
    throw new InvalidArgumentError(argument, value, "typed data viem can encode", undefined, error);
  }
}

/** @internal Checks a trust receipt's terms field by field. */
export function assertTrustReceiptTerms(terms: TrustReceiptTerms, argument = "terms"): TrustReceiptTerms {
  if (typeof terms !== "object" || terms === null) {
    throw new InvalidArgumentError(argument, terms, "TrustReceiptTerms from trustReceipts.prepare");
  }
  for (const key of ["tokenId", "amount", "dueDate", "nonce", "deadline"] as const) {
    if (typeof terms[key] !== "bigint" || terms[key] < 0n) {
      throw new InvalidArgumentError(`${argument}.${key}`, terms[key], "a non-negative bigint");
    }
  }
  if (terms.dueDate > MAX_UINT64) throw new InvalidArgumentError(`${argument}.dueDate`, terms.dueDate, "a uint64");
  return terms;
}

/**
 * The EIP-712 digest the importer signs for `terms` under TrustReceipts' `domain`: the trust receipt's id (the
 * contract's `hashTerms`).
 */
export function hashTrustReceiptTerms(terms: TrustReceiptTerms, domain: TypedDataDomain): Hex {
  const t = assertTrustReceiptTerms(terms);
  return hashTyped("terms", terms, () =>
    hashTypedData({ domain, types: trustReceiptTermsTypes, primaryType: "TrustReceiptTerms", message: { ...t } }),
  );
}

/**
 * Signs a trust receipt: the importer's undertaking to hold the eBL in trust for the bank and repay by the due date.
 *
 * @param signer The importer's wallet (or account, or signing callback).
 * @param params TrustReceipts' EIP-712 domain and the terms.
 * @returns The 65-byte signature the bank passes to `open`.
 */
export async function signTrustReceiptTerms(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; terms: TrustReceiptTerms },
): Promise<Hex> {
  return signTypedData(signer, "signTrustReceiptTerms", {
    domain: params.domain,
    types: trustReceiptTermsTypes,
    primaryType: "TrustReceiptTerms",
    message: { ...assertTrustReceiptTerms(params.terms) },
  });
}

/** @internal Checks a discount offer field by field. */
export function assertDiscountOffer(offer: DiscountOffer, argument = "offer"): DiscountOffer {
  if (typeof offer !== "object" || offer === null) {
    throw new InvalidArgumentError(argument, offer, "a DiscountOffer from acceptances.prepareDiscount");
  }
  for (const key of ["obligationId", "price", "nonce", "deadline"] as const) {
    if (typeof offer[key] !== "bigint" || offer[key] < 0n) {
      throw new InvalidArgumentError(`${argument}.${key}`, offer[key], "a non-negative bigint");
    }
  }
  return offer;
}

/** The EIP-712 digest the holder signs for a discount offer under PaymentObligations' `domain`. */
export function hashDiscountOffer(offer: DiscountOffer, domain: TypedDataDomain): Hex {
  const o = assertDiscountOffer(offer);
  return hashTyped("offer", offer, () =>
    hashTypedData({ domain, types: discountTypes, primaryType: "Discount", message: { ...o } }),
  );
}

/**
 * Signs a discount offer: the obligation's holder agrees to sell it to `buyer` for `price`.
 *
 * @param signer The holder's wallet (or account, or signing callback).
 * @param params PaymentObligations' EIP-712 domain and the offer.
 * @returns The 65-byte signature the buyer passes to `discount`.
 */
export async function signDiscountOffer(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; offer: DiscountOffer },
): Promise<Hex> {
  return signTypedData(signer, "signDiscountOffer", {
    domain: params.domain,
    types: discountTypes,
    primaryType: "Discount",
    message: { ...assertDiscountOffer(params.offer) },
  });
}

/**
 * `CreditApplication(address issuingBank,address applicant,address beneficiary,address nominatedBank,address token,
 * uint256 amount,uint64 expiry,uint64 latestPresentation,uint64 examinationPeriod,bool partialDrawings,
 * uint8 eblRecipient,uint256 requiredDocumentTypes,bytes32 creditReference,uint256 nonce,uint256 deadline)`: the
 * applicant's application for the credit and undertaking to reimburse the issuing bank.
 */
export const creditApplicationTypes = {
  CreditApplication: [
    { name: "issuingBank", type: "address" },
    { name: "applicant", type: "address" },
    { name: "beneficiary", type: "address" },
    { name: "nominatedBank", type: "address" },
    { name: "token", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "expiry", type: "uint64" },
    { name: "latestPresentation", type: "uint64" },
    { name: "examinationPeriod", type: "uint64" },
    { name: "partialDrawings", type: "bool" },
    { name: "eblRecipient", type: "uint8" },
    { name: "requiredDocumentTypes", type: "uint256" },
    { name: "creditReference", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** Who receives the eBL when a presentation is honoured (`IDocumentaryCredits.EblRecipient`), by name. */
export const eblRecipients = ["issuingBank", "applicant"] as const;
/** Who receives the eBL at honour. */
export type EblRecipient = (typeof eblRecipients)[number];

/** A credit's terms as the contract takes them (`IDocumentaryCredits.CreditTerms`); the amount in base units. */
export interface CreditTerms {
  /** The issuing bank, whose deposit funds the credit in escrow. */
  issuingBank: Address;
  /** The applicant (the importer): a verified trader. */
  applicant: Address;
  /** The beneficiary (the exporter): a verified trader. */
  beneficiary: Address;
  /** A nominated bank that may examine too, or the zero address. */
  nominatedBank: Address;
  /** The deposit token: the credit's currency. */
  token: Address;
  /** The credit's amount, in base units. */
  amount: bigint;
  /** Expiry, Unix seconds. */
  expiry: bigint;
  /** The latest presentation, Unix seconds (at most the expiry). */
  latestPresentation: bigint;
  /** Seconds the examiners have from a presentation. */
  examinationPeriod: bigint;
  /** Whether partial drawings are allowed. */
  partialDrawings: boolean;
  /** Who receives the eBL at honour: 0 the issuing bank, 1 the applicant. */
  eblRecipient: number;
  /** Bit `t` set: one supporting document of trade document type `t` is required. */
  requiredDocumentTypes: bigint;
  /** The issuing bank's credit number (or its hash), 32 bytes. */
  creditReference: Hex;
}

/** A credit application: the terms and the applicant's nonce and signature deadline. */
export interface CreditApplication {
  /** The terms. */
  terms: CreditTerms;
  /** The applicant's nonce at DocumentaryCredits (`nonces(applicant)`), consumed at issue. */
  nonce: bigint;
  /** The signature's deadline, Unix seconds. */
  deadline: bigint;
}

/** @internal Checks a credit application field by field. */
export function assertCreditApplication(application: CreditApplication, argument = "application"): CreditApplication {
  if (typeof application !== "object" || application === null || typeof application.terms !== "object") {
    throw new InvalidArgumentError(argument, application, "a CreditApplication from credits.prepare");
  }
  const t = application.terms;
  for (const key of ["amount", "expiry", "latestPresentation", "examinationPeriod", "requiredDocumentTypes"] as const) {
    if (typeof t[key] !== "bigint" || t[key] < 0n) {
      throw new InvalidArgumentError(`${argument}.terms.${key}`, t[key], "a non-negative bigint");
    }
  }
  for (const key of ["expiry", "latestPresentation", "examinationPeriod"] as const) {
    if (t[key] > MAX_UINT64) throw new InvalidArgumentError(`${argument}.terms.${key}`, t[key], "a uint64");
  }
  if (typeof t.partialDrawings !== "boolean") {
    throw new InvalidArgumentError(`${argument}.terms.partialDrawings`, t.partialDrawings, "a boolean");
  }
  if (t.eblRecipient !== 0 && t.eblRecipient !== 1) {
    throw new InvalidArgumentError(
      `${argument}.terms.eblRecipient`,
      t.eblRecipient,
      "0 (issuing bank) or 1 (applicant)",
    );
  }
  for (const key of ["nonce", "deadline"] as const) {
    if (typeof application[key] !== "bigint" || application[key] < 0n) {
      throw new InvalidArgumentError(`${argument}.${key}`, application[key], "a non-negative bigint");
    }
  }
  return application;
}

const applicationMessage = (a: CreditApplication) => ({
  ...assertCreditApplication(a).terms,
  nonce: a.nonce,
  deadline: a.deadline,
});

/** The credit id of an application: the EIP-712 digest the applicant signs under DocumentaryCredits' `domain`. */
export function hashCreditApplication(application: CreditApplication, domain: TypedDataDomain): Hex {
  return hashTyped("application", application, () =>
    hashTypedData({
      domain,
      types: creditApplicationTypes,
      primaryType: "CreditApplication",
      message: applicationMessage(application),
    }),
  );
}

/**
 * Signs a credit application: the applicant applies for the credit and undertakes to reimburse the issuing bank.
 *
 * @param signer The applicant's wallet (or account, or signing callback).
 * @param params DocumentaryCredits' EIP-712 domain and the application.
 * @returns The 65-byte signature the issuing bank passes to `issue`.
 */
export async function signCreditApplication(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; application: CreditApplication },
): Promise<Hex> {
  return signTypedData(signer, "signCreditApplication", {
    domain: params.domain,
    types: creditApplicationTypes,
    primaryType: "CreditApplication",
    message: applicationMessage(params.application),
  });
}
