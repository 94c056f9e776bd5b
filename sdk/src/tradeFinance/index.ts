/**
 * @packageDocumentation
 * `@cargo-rails/sdk/trade-finance`: the trade-finance instruments around the eBL registry and the tokenized
 * deposits, bound to a client of the core entry. Trust receipts (TrustReceipts), documents against acceptance with a
 * digital payment obligation (DocumentsAgainstAcceptance, PaymentObligations) and documentary credits
 * (DocumentaryCredits). In an entry of its own, so that `createCargoRails`'s bundle does not carry it.
 *
 * @example
 * ```ts
 * import { createCargoRails } from "@cargo-rails/sdk";
 * import { tradeFinance } from "@cargo-rails/sdk/trade-finance";
 *
 * const rails = createCargoRails({ publicClient, walletClient, addresses });
 * const { trustReceipts, acceptances, credits } = tradeFinance(rails);
 * ```
 */
import { type Address } from "viem";

import { type CargoRails } from "../client.js";
import { assertAddress } from "../guards.js";
import { assertDeployed } from "../internal/contract.js";
import { createAcceptances, type AcceptancesNamespace } from "./acceptances.js";
import { createCredits, type CreditsNamespace } from "./credits.js";
import { addTradeFinanceErrors, TradeFinanceNotConfiguredError } from "./errors.js";
import { bind, type TradeFinanceContractName } from "./shared.js";
import { createTrustReceipts, type TrustReceiptsNamespace } from "./trustReceipts.js";

/** The trade-finance contracts' addresses; by default those of the client's `addresses`. */
export interface TradeFinanceAddresses {
  /** The TrustReceipts contract (the `trustReceipts` namespace). */
  trustReceipts?: Address | undefined;
  /** The PaymentObligations contract, the DPO tokens (the `acceptances` namespace). */
  paymentObligations?: Address | undefined;
  /** The DocumentsAgainstAcceptance contract (the `acceptances` namespace). */
  documentsAgainstAcceptance?: Address | undefined;
  /** The DocumentaryCredits contract (the `credits` namespace). */
  documentaryCredits?: Address | undefined;
}

/** The trade-finance namespaces bound to a client: {@link tradeFinance}'s result. */
export interface TradeFinance {
  /**
   * Trust receipts.
   * @throws {TradeFinanceNotConfiguredError} On access when the TrustReceipts address is not configured.
   */
  readonly trustReceipts: TrustReceiptsNamespace;
  /**
   * Documents against acceptance and the payment obligations they issue.
   * @throws {TradeFinanceNotConfiguredError} On access when the DocumentsAgainstAcceptance or PaymentObligations
   * address is not configured.
   */
  readonly acceptances: AcceptancesNamespace;
  /**
   * Documentary credits.
   * @throws {TradeFinanceNotConfiguredError} On access when the DocumentaryCredits address is not configured.
   */
  readonly credits: CreditsNamespace;
  /**
   * Checks that every configured trade-finance address holds code.
   * @throws {ContractNotDeployedError} For the first address without code.
   */
  verify(): Promise<void>;
  /** The addresses bound. */
  readonly addresses: Readonly<TradeFinanceAddresses>;
}

/**
 * Binds the trade-finance namespaces to a client: the same public and wallet clients, signer and deposit clients,
 * and the addresses of `rails.config.addresses` (`trustReceipts`, `paymentObligations`,
 * `documentsAgainstAcceptance`, `documentaryCredits`, as `addressesFromIgnition` reads them), or those given. Every
 * write is simulated first like the client's, and its `wait()` decodes the whole transaction's events, the core
 * contracts' and the trade-finance contracts'. The contracts' custom errors decode as typed
 * `ContractRevertError`s from then on, in this client and any other.
 *
 * @throws {InvalidAddressError} When a given address is malformed.
 *
 * @example
 * ```ts
 * const tf = tradeFinance(rails);
 * const terms = await tf.trustReceipts.prepare({ importer, tokenId, token: "HKD", amount: "180000.00", dueDate, reference: "TR-0001" });
 * ```
 */
export function tradeFinance(rails: CargoRails, options: { addresses?: TradeFinanceAddresses } = {}): TradeFinance {
  addTradeFinanceErrors();
  const configured = (rails.config.addresses ?? {}) as TradeFinanceAddresses;
  const given = { ...configured, ...options.addresses };
  const pick = (key: keyof TradeFinanceAddresses) =>
    given[key] === undefined ? undefined : assertAddress(given[key], `addresses.${key}`);
  const addresses = {
    trustReceipts: pick("trustReceipts"),
    paymentObligations: pick("paymentObligations"),
    documentsAgainstAcceptance: pick("documentsAgainstAcceptance"),
    documentaryCredits: pick("documentaryCredits"),
  };
  const contracts = (
    [
      [addresses.trustReceipts, "TrustReceipts"],
      [addresses.paymentObligations, "PaymentObligations"],
      [addresses.documentsAgainstAcceptance, "DocumentsAgainstAcceptance"],
      [addresses.documentaryCredits, "DocumentaryCredits"],
    ] as [Address | undefined, TradeFinanceContractName][]
  ).filter((entry): entry is [Address, TradeFinanceContractName] => entry[0] !== undefined);
  const binding = bind(rails, contracts);
  let trustReceipts: TrustReceiptsNamespace | undefined;
  let acceptances: AcceptancesNamespace | undefined;
  let credits: CreditsNamespace | undefined;
  return {
    get trustReceipts() {
      if (addresses.trustReceipts === undefined) {
        throw new TradeFinanceNotConfiguredError("trustReceipts", "TrustReceipts contract (addresses.trustReceipts)");
      }
      return (trustReceipts ??= createTrustReceipts(binding, addresses.trustReceipts));
    },
    get acceptances() {
      if (addresses.documentsAgainstAcceptance === undefined || addresses.paymentObligations === undefined) {
        throw new TradeFinanceNotConfiguredError(
          "acceptances",
          "DocumentsAgainstAcceptance and PaymentObligations contracts (addresses.documentsAgainstAcceptance, addresses.paymentObligations)",
        );
      }
      return (acceptances ??= createAcceptances(
        binding,
        addresses.documentsAgainstAcceptance,
        addresses.paymentObligations,
      ));
    },
    get credits() {
      if (addresses.documentaryCredits === undefined) {
        throw new TradeFinanceNotConfiguredError(
          "credits",
          "DocumentaryCredits contract (addresses.documentaryCredits)",
        );
      }
      return (credits ??= createCredits(binding, addresses.documentaryCredits));
    },
    async verify() {
      for (const [address, name] of contracts) await assertDeployed(rails.config.publicClient, address, name);
    },
    addresses: Object.freeze(addresses),
  };
}

export {
  TRUST_RECEIPTS_DOMAIN_NAME,
  PAYMENT_OBLIGATIONS_DOMAIN_NAME,
  DOCUMENTARY_CREDITS_DOMAIN_NAME,
  trustReceiptTermsTypes,
  discountTypes,
  creditApplicationTypes,
  eblRecipients,
  hashTrustReceiptTerms,
  signTrustReceiptTerms,
  hashDiscountOffer,
  signDiscountOffer,
  hashCreditApplication,
  signCreditApplication,
  type TrustReceiptTerms,
  type DiscountOffer,
  type CreditTerms,
  type CreditApplication,
  type EblRecipient,
} from "./signing.js";
export {
  trustReceiptToJson,
  trustReceiptFromJson,
  discountOfferToJson,
  discountOfferFromJson,
  creditApplicationToJson,
  creditApplicationFromJson,
  acceptanceAuthorizationToJson,
  acceptanceAuthorizationFromJson,
  type SignedTrustReceipt,
  type SignedTrustReceiptJson,
  type SignedDiscountOffer,
  type SignedDiscountOfferJson,
  type SignedCreditApplication,
  type SignedCreditApplicationJson,
  type AcceptanceAuthorizationJson,
} from "./json.js";
export { type TrustReceipt, type TrustReceiptInput, type TrustReceiptsNamespace } from "./trustReceipts.js";
export { trustReceiptStatuses, type TrustReceiptStatus } from "../enums.js";
export {
  obligationIdOf,
  obligationPaymentId,
  type AcceptanceAuthorization,
  type AcceptancesNamespace,
  type Collection,
  type LodgeInput,
  type PaymentObligation,
} from "./acceptances.js";
export { collectionStatuses, obligationStatuses, type CollectionStatus, type ObligationStatus } from "../enums.js";
export {
  creditStatuses,
  presentationStatuses,
  presentationIdOf,
  DEFAULT_EXAMINATION_PERIOD,
  type CreditInput,
  type CreditsNamespace,
  type CreditStatus,
  type DocumentaryCredit,
  type Presentation,
  type PresentationStatus,
} from "./credits.js";
export {
  TradeFinanceNotConfiguredError,
  trustReceiptsErrors,
  paymentObligationsErrors,
  documentsAgainstAcceptanceErrors,
  documentaryCreditsErrors,
  type TradeFinanceAbi,
  type TradeFinanceRevertError,
} from "./errors.js";
export {
  type SignPaymentOptions,
  type TradeFinanceAbis,
  type TradeFinanceContractName,
  type TradeFinanceEvent,
  type TradeFinanceReceipt,
  type TradeFinanceWriteResult,
  type TradePayment,
} from "./shared.js";
export {
  trustReceiptsAbi,
  paymentObligationsAbi,
  documentsAgainstAcceptanceAbi,
  documentaryCreditsAbi,
} from "../abi/index.js";
