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
  documentsAgainstAcceptanceErrors,
  paymentObligationsErrors,
  railsErrors,
  trustReceiptsErrors,
  type ContractRevertError,
  type ContractRevertErrorOf,
  type CargoRailsAbi,
  type ErrorTable,
} from "../contractErrors.js";
import { CargoRailsError } from "../errors.js";
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

