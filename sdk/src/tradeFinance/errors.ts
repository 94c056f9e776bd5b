/**
 * Explanations of every custom error of the trade-finance contracts. In the `@cargo-rails/sdk/trade-finance` entry,
 * not in `contractErrors.ts`: `createCargoRails`'s bundle stays within its 150 kB (sdk/README.md, "Bundle size").
 * `tradeFinance(rails)` adds them to the decoding ({@link addErrorExplanations}), so that a revert of these contracts
 * is a typed {@link ContractRevertError} with a sentence and a hint like any other, wherever it is decoded.
 */
import {
  documentaryCreditsAbi,
  documentsAgainstAcceptanceAbi,
  paymentObligationsAbi,
  trustReceiptsAbi,
} from "../abi/index.js";
import {
  addErrorExplanations,
  billOfLadingRegistryErrors,
  railsErrors,
  trustReceiptsErrors,
  type ContractRevertError,
  type ContractRevertErrorOf,
  type CargoRailsAbi,
  type ErrorTable,
} from "../contractErrors.js";
import { CargoRailsError } from "../errors.js";
import { collectionStatuses, obligationStatuses } from "./acceptances.js";
import { creditStatuses, presentationStatuses } from "./credits.js";

/** The ABI of any trade-finance contract. */
export type TradeFinanceAbi =
  | typeof trustReceiptsAbi
  | typeof paymentObligationsAbi
  | typeof documentsAgainstAcceptanceAbi
  | typeof documentaryCreditsAbi;

/**
 * A revert of a trade-finance contract or of a core contract it calls (the registry, a deposit token): a
 * {@link ContractRevertError} whose `args` are typed once narrowed on `errorName`.
 *
 * @example
 * ```ts
 * if (error.errorName === "TrustReceiptOverpayment") error.args[1]; // the outstanding amount, base units
 * ```
 */
export type TradeFinanceRevertError = ContractRevertErrorOf<TradeFinanceAbi | CargoRailsAbi>;

/** A trade-finance namespace was used whose contract address is not in the client's `addresses`. */
export class TradeFinanceNotConfiguredError extends CargoRailsError {
  override name = "TradeFinanceNotConfiguredError";

  constructor(member: string, contract: string) {
    super(`\`${member}\` needs the address of the ${contract}, which is not in the client's addresses.`, {
      hint: "Pass it in `addresses` when creating the client (addressesFromIgnition of `@cargo-rails/sdk/node` reads it from an Ignition deployment).",
    });
  }
}

const name = (names: readonly string[], value: number) => names[value] ?? `unknown(${value})`;
const when = (time: bigint | number) => new Date(Number(time) * 1000).toISOString();

/** The ERC-721 errors of PaymentObligations (the DPO token), explained as for the eBL registry. */
const {
  ERC721IncorrectOwner,
  ERC721InsufficientApproval,
  ERC721InvalidApprover,
  ERC721InvalidOperator,
  ERC721InvalidOwner,
  ERC721InvalidReceiver,
  ERC721InvalidSender,
  ERC721NonexistentToken,
} = billOfLadingRegistryErrors;

/** Explanations of every custom error of DocumentsAgainstAcceptance. */
export const documentsAgainstAcceptanceErrors: ErrorTable<typeof documentsAgainstAcceptanceAbi> = {
  ...railsErrors,
  CollectionNotHolder: {
    message: ([tokenId, account]) => `${account} does not hold the eBL 0x${tokenId.toString(16)} it tries to lodge.`,
    hint: "The exporter lodges an eBL it holds with title, having approved the collection contract for it.",
  },
  CollectionBillNotEndorsable: {
    message: ([tokenId]) => `The eBL 0x${tokenId.toString(16)} cannot be endorsed to the drawee by the collection.`,
    hint: "Lodge a live to-order eBL held with title (or endorsed in blank).",
  },
  CollectionDraweeNotTrader: {
    message: ([drawee]) => `The drawee ${drawee} is not a verified trader.`,
    hint: "Have the registrar verify the importer as a trader first.",
  },
  CollectionZeroTenor: {
    message: () => "A tenor of zero is a sight draft (documents against payment), not documents against acceptance.",
    hint: "Give the time draft's tenor in seconds (90 days: 7776000); pay at sight with a settlement instead.",
  },
  CollectionNotLodged: {
    message: ([collectionId, status]) =>
      `The collection ${collectionId} is ${name(collectionStatuses, status)}, not awaiting acceptance.`,
    hint: "Read acceptances.collection(collectionId) for its status.",
  },
  CollectionNotDrawee: {
    message: ([collectionId, account]) => `${account} is not the drawee of the collection ${collectionId}.`,
    hint: "Only the drawee accepts or refuses the bill.",
  },
  CollectionNotLodger: {
    message: ([collectionId, account]) => `${account} did not lodge the collection ${collectionId}.`,
    hint: "Only the lodger withdraws before acceptance; anyone may return it after the acceptance deadline.",
  },
  CollectionAcceptancePeriodOpen: {
    message: ([collectionId, acceptBy]) =>
      `The collection ${collectionId} may still be accepted until ${when(acceptBy)}.`,
    hint: "Wait for the acceptance deadline to pass, or have the lodger withdraw it.",
  },
  CollectionInvalidMaturity: {
    message: ([maturity, earliest, latest]) =>
      `The authorisation fixes the maturity at ${when(maturity)}, outside ${when(earliest)} to ${when(latest)}.`,
    hint: "Sign the acceptance again (acceptances.signAcceptance) and accept before its maturity - tenor.",
  },
};

/** Explanations of every custom error of PaymentObligations. */
export const paymentObligationsErrors: ErrorTable<typeof paymentObligationsAbi> = {
  ...railsErrors,
  ERC721IncorrectOwner,
  ERC721InsufficientApproval,
  ERC721InvalidApprover,
  ERC721InvalidOperator,
  ERC721InvalidOwner,
  ERC721InvalidReceiver,
  ERC721InvalidSender,
  ERC721NonexistentToken,
  ObligationNotFound: {
    message: ([obligationId]) => `No payment obligation ${obligationId} was issued.`,
    hint: "Check the id (acceptances.obligationIdOf(collectionId) gives the one an acceptance issues).",
  },
  ObligationAlreadyIssued: {
    message: ([obligationId]) => `The payment obligation ${obligationId} was issued already.`,
    hint: "An issuer issues once per reference; ids are never reused.",
  },
  ObligationInvalidMaturity: {
    message: ([maturity]) => `The maturity ${when(maturity)} is not in the future.`,
    hint: "A time draft matures after its acceptance.",
  },
  ObligationUnsupportedArrangement: {
    message: ([method]) => `Payment method ${method} cannot be stored for payment at maturity.`,
    hint: "Accept with an allowance or an EIP-3009 authorisation (acceptances.signAcceptance), not a permit.",
  },
  ObligationAuthorizationMismatch: {
    message: ([validAfter, validBefore, maturity]) =>
      `The authorisation (valid after ${validAfter}, before ${validBefore}) does not fit the maturity ${when(maturity)}.`,
    hint: "Sign it with acceptances.signAcceptance: validAfter = maturity - 1 and a collection window after it.",
  },
  ObligationInvalidHolder: {
    message: ([account]) => `${account} may not hold a payment obligation: it is not a verified trader, bank or agent.`,
    hint: "Transfer obligations to verified participants only.",
  },
  ObligationNotVerifiedBank: {
    message: ([account]) => `${account} is not a verified bank.`,
    hint: "Only verified banks discount or avalise obligations.",
  },
  ObligationNotHolder: {
    message: ([obligationId, account]) => `${account} does not hold the payment obligation ${obligationId}.`,
    hint: "Only the holder presents it (or offers it for discount).",
  },
  ObligationNotDrawee: {
    message: ([obligationId, account]) => `${account} is not the drawee of the payment obligation ${obligationId}.`,
    hint: "Only the drawee pays it voluntarily; anyone may collect it at maturity.",
  },
  ObligationNotAvalist: {
    message: ([obligationId, account]) => `${account} is not the avalist of the payment obligation ${obligationId}.`,
    hint: "Only the bank that avalised it pays under its aval.",
  },
  ObligationNotBuyer: {
    message: ([buyer, caller]) => `The discount offer is made to ${buyer}, not to ${caller}.`,
    hint: "The buyer named in the offer submits it.",
  },
  ObligationPriceAboveAmount: {
    message: ([price, amount]) => `The price ${price} is above the obligation's amount ${amount} (base units).`,
    hint: "A discount pays at most the face amount.",
  },
  ObligationAlreadyAvalised: {
    message: ([obligationId, avalist]) => `The payment obligation ${obligationId} is avalised by ${avalist} already.`,
    hint: "One aval per obligation.",
  },
  ObligationNotDue: {
    message: ([obligationId, maturity]) =>
      `The payment obligation ${obligationId} is not due before ${when(maturity)}.`,
    hint: "Collect or present it at or after maturity.",
  },
  ObligationAlreadyPaid: {
    message: ([obligationId]) => `The payment obligation ${obligationId} was paid already.`,
    hint: "A bill is paid once; nothing more is due.",
  },
  ObligationInvalidStatus: {
    message: ([obligationId, status]) =>
      `The payment obligation ${obligationId} is ${name(obligationStatuses, status)}: the step is not allowed now.`,
    hint: "Read acceptances.obligation(obligationId) for its status.",
  },
  ObligationInsufficientGas: {
    message: () => "The collection tried by present ran out of gas; no dishonour was recorded.",
    hint: "Send the presentment again with a higher gas limit.",
  },
};

/** Explanations of every custom error of DocumentaryCredits. */
export const documentaryCreditsErrors: ErrorTable<typeof documentaryCreditsAbi> = {
  ...railsErrors,
  CreditNotOpen: {
    message: ([creditId, status]) => `The credit ${creditId} is ${name(creditStatuses, status)}, not open.`,
    hint: "Read credits.get(creditId) for its status.",
  },
  CreditNotIssuingBank: {
    message: ([caller]) => `${caller} is not the credit's issuing bank (verified as a bank).`,
    hint: "The issuing bank issues the credit and proposes amendments.",
  },
  CreditNotBeneficiary: {
    message: ([caller]) => `${caller} is not the credit's beneficiary.`,
    hint: "The beneficiary presents, withdraws and answers amendments.",
  },
  CreditNotApplicant: {
    message: ([caller]) => `${caller} is not the credit's applicant.`,
    hint: "The applicant waives discrepancies or rejects the waiver (and reimburses by allowance or permit).",
  },
  CreditNotExaminer: {
    message: ([caller]) => `${caller} may not examine the presentation: it is neither the issuing nor the nominated bank.`,
    hint: "Only the issuing bank or the nominated bank honours or refuses before the examination deadline.",
  },
  CreditInvalidDates: {
    message: ([expiry, latest]) => `Invalid dates: expiry ${when(expiry)}, latest presentation ${when(latest)}.`,
    hint: "The expiry must be in the future and the latest presentation not after it.",
  },
  CreditInvalidExaminationPeriod: {
    message: ([period]) => `An examination period of ${period} seconds is out of range.`,
    hint: "Give from 1 second to 30 days (default five days).",
  },
  CreditInvalidDocumentTypes: {
    message: ([types]) => `The required document types 0x${types.toString(16)} are invalid.`,
    hint: "Bit 0 must be clear and at most 16 types named.",
  },
  CreditPresentationPeriodOver: {
    message: ([creditId, deadline]) => `Presentations under ${creditId} closed at ${when(deadline)}.`,
    hint: "A presentation after expiry or the latest presentation date is refused; ask the bank for an amendment.",
  },
  CreditDocumentsMismatch: {
    message: ([expected, given]) => `The credit requires ${expected} documents; ${given} were given.`,
    hint: "Give one document id per required type, in ascending type order.",
  },
  CreditEblNotDeliverable: {
    message: ([tokenId]) => `The eBL 0x${tokenId.toString(16)} could not be passed to the recipient at honour.`,
    hint: "Present a live to-order eBL held with title, or one made out to the recipient.",
  },
  CreditDrawingExceedsAvailable: {
    message: ([drawing, available]) => `A drawing of ${drawing} exceeds the ${available} available (base units).`,
    hint: "Draw at most the credit's amount less what is drawn and reserved.",
  },
  CreditPartialDrawingNotAllowed: {
    message: ([drawing, available]) =>
      `Partial drawings are not allowed: draw the whole ${available}, not ${drawing} (base units).`,
    hint: "Present for the full available amount.",
  },
  CreditInvalidPresentationStatus: {
    message: ([presentationId, status]) =>
      `The presentation ${presentationId} is ${name(presentationStatuses, status)}: the step is not allowed now.`,
    hint: "Read credits.presentation(presentationId) for its status.",
  },
  CreditExaminationPeriodOver: {
    message: ([presentationId, deadline]) =>
      `The examination of ${presentationId} ended at ${when(deadline)}: the bank may no longer refuse.`,
    hint: "UCP 600 art. 16(f): past the deadline the bank is precluded from refusing; anyone may honour.",
  },
  CreditNoDiscrepancies: {
    message: () => "A refusal must state at least one discrepancy.",
    hint: "UCP 600 art. 16(d): list each discrepancy.",
  },
  CreditWaiverPeriodRunning: {
    message: ([presentationId, deadline]) =>
      `The applicant may still waive the discrepancies of ${presentationId} until ${when(deadline)}.`,
    hint: "Wait for the waiver deadline, or have the applicant reject or the beneficiary withdraw.",
  },
  CreditReimbursementExceedsDrawn: {
    message: ([amount, outstanding]) =>
      `A reimbursement of ${amount} exceeds the ${outstanding} the applicant owes (base units).`,
    hint: "Reimburse at most what was drawn less what was reimbursed.",
  },
  CreditAmendmentPending: {
    message: ([creditId]) => `An amendment of ${creditId} is pending already.`,
    hint: "The beneficiary must accept or reject it first.",
  },
  CreditNoAmendment: {
    message: ([creditId]) => `No amendment of ${creditId} is pending.`,
    hint: "The issuing bank proposes one first (credits.proposeAmendment).",
  },
  CreditAmendmentBelowDrawn: {
    message: ([amount, committed]) =>
      `The amended amount ${amount} is below the ${committed} drawn or reserved (base units).`,
    hint: "An amendment may not reduce the credit below what is drawn and reserved.",
  },
  CreditNotExpired: {
    message: ([creditId, expiry]) => `The credit ${creditId} runs until ${when(expiry)}.`,
    hint: "Close it after its expiry.",
  },
  CreditPresentationPending: {
    message: ([creditId]) => `A presentation under ${creditId} is still pending.`,
    hint: "It must be honoured, refused or withdrawn before the credit closes.",
  },
};

let added = false;

/** @internal Adds the trade-finance explanations to the SDK's decoding (once). */
export function addTradeFinanceErrors(): void {
  if (added) return;
  added = true;
  const tables: [Record<string, unknown>, readonly unknown[]][] = [
    [trustReceiptsErrors, trustReceiptsAbi],
    [documentsAgainstAcceptanceErrors, documentsAgainstAcceptanceAbi],
    [paymentObligationsErrors, paymentObligationsAbi],
    [documentaryCreditsErrors, documentaryCreditsAbi],
  ];
  for (const [table, abi] of tables) addErrorExplanations(table as never, abi as never);
}

