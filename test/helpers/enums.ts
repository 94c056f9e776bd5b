/**
 * The contracts' enums, as the SDK names them, turned into the `Name: value` objects tests read best
 * (`Status.SurrenderedForDelivery`). One source: a second copy here could drift from the SDK and the contracts.
 */
import {
  billKinds,
  billStatuses,
  collectionStatuses,
  obligationStatuses,
  paymentMethods,
  termsStatuses,
  trustReceiptStatuses,
} from "../../sdk/src/index.js";

/** `["none", "issued"]` → `{ None: 0, Issued: 1 }`: the SDK's names, capitalised, with their on-chain values. */
export function enumOf<const T extends readonly string[]>(
  names: T,
): { readonly [K in T[number] as Capitalize<K>]: number } {
  return Object.fromEntries(names.map((name, value) => [name.charAt(0).toUpperCase() + name.slice(1), value])) as {
    readonly [K in T[number] as Capitalize<K>]: number;
  };
}

/** IBillOfLadingRegistry.BillKind */
export const BillKind = enumOf(billKinds);
/** IBillOfLadingRegistry.BillStatus */
export const Status = enumOf(billStatuses);
/** IPaymentRail.PaymentMethod */
export const PaymentMethod = enumOf(paymentMethods);
/** ISettlement.TermsStatus */
export const TermsStatus = enumOf(termsStatuses);
/** ITrustReceipts.Status */
export const TrustReceiptStatus = enumOf(trustReceiptStatuses);
/** IPaymentObligations.ObligationStatus */
export const ObligationStatus = enumOf(obligationStatuses);
/** IDocumentsAgainstAcceptance.CollectionStatus */
export const CollectionStatus = enumOf(collectionStatuses);
