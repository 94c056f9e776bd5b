/** The contracts' enums by name, in declaration order (the index is the on-chain value). */

/** The kinds of B/L (`BillKind`): `straight` (non-negotiable) or `toOrder` (negotiable). */
export const billKinds = ["straight", "toOrder"] as const;
/** A kind of B/L by name. */
export type BillKind = (typeof billKinds)[number];

/** The lifecycle statuses of an eBL (`BillStatus`); `none` means never issued, `exported` that it lives on another chain. */
export const billStatuses = [
  "none",
  "issued",
  "surrenderedForDelivery",
  "surrenderedForAmendment",
  "switchToPaperRequested",
  "accomplished",
  "switchedToPaper",
  "exported",
] as const;
/** An eBL's lifecycle status by name. */
export type BillStatus = (typeof billStatuses)[number];

/** What happened to a settlement's terms hash (`TermsStatus`); `open` is used by deals only. */
export const termsStatuses = ["none", "open", "settled", "cancelled"] as const;
/** A terms / deal status by name. */
export type TermsStatus = (typeof termsStatuses)[number];

/** Where a trust receipt is in its lifecycle (`ITrustReceipts.Status`). */
export const trustReceiptStatuses = [
  "none",
  "active",
  "surrendered",
  "defaulted",
  "repaid",
  "released",
  "returned",
  "recalled",
] as const;
/** A trust receipt's status by name. */
export type TrustReceiptStatus = (typeof trustReceiptStatuses)[number];

/** How the payment leg of a settlement is authorised (`PaymentMethod`). */
export const paymentMethods = ["allowance", "permit", "authorization"] as const;
/** A payment method by name. */
export type PaymentMethod = (typeof paymentMethods)[number];

/** Where a digital payment obligation stands (`ObligationStatus` of PaymentObligations). */
export const obligationStatuses = ["none", "outstanding", "paid", "dishonoured"] as const;
/** An obligation's status by name. */
export type ObligationStatus = (typeof obligationStatuses)[number];

/** Where a documents-against-acceptance collection stands (`CollectionStatus` of DocumentsAgainstAcceptance). */
export const collectionStatuses = ["none", "lodged", "accepted", "withdrawn", "refused", "returned"] as const;
/** A collection's status by name. */
export type CollectionStatus = (typeof collectionStatuses)[number];

/** @internal The name of an on-chain enum value, or `unknown(n)` for a value the SDK does not know. */
export function enumName<T extends string>(names: readonly T[], value: number | bigint): T {
  return names[Number(value)] ?? (`unknown(${value})` as T);
}
