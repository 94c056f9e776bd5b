/**
 * Explanations of every custom error of the trade-finance contracts. In the `@cargo-rails/sdk/trade-finance` entry,
 * not in `contractErrors.ts`: `createCargoRails`'s bundle stays within its 150 kB (sdk/README.md, "Bundle size").
 * `tradeFinance(rails)` adds them to the decoding (`addErrorExplanations`), so that a revert of these contracts
 * is a typed `ContractRevertError` with a sentence and a hint like any other, wherever it is decoded.
 */
import {
  documentaryCreditsAbi,
  documentsAgainstAcceptanceAbi,
  paymentObligationsAbi,
  trustReceiptsAbi,
} from "../abi/index.js";
import { collectionStatuses, enumName, obligationStatuses, paymentMethods, trustReceiptStatuses } from "../enums.js";
import {
  accessManagedErrors,
  addErrorExplanations,
  depositRailErrors,
  hexId,
  railsErrors,
  settlementCoreErrors,
  tokenizedDepositErrors,
  type ContractRevertError,
  type ContractRevertErrorOf,
  type CargoRailsAbi,
  type ErrorTable,
} from "../contractErrors.js";
import { CargoRailsError } from "../errors.js";
import type { Hex } from "viem";

/** The ABI of any trade-finance contract. */
export type TradeFinanceAbi =
  | typeof trustReceiptsAbi
  | typeof paymentObligationsAbi
  | typeof documentsAgainstAcceptanceAbi
  | typeof documentaryCreditsAbi;

/**
 * A revert of a trade-finance contract or of a core contract it calls (the registry, a deposit token): a
 * `ContractRevertError` whose `args` are typed once narrowed on `errorName`.
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

/**
 * The refusal shared by the four trade-finance contracts' recovery of stray assets (`TRADE FINANCE ADMIN`): what the
 * admin asked for belongs to an instrument.
 */
const strayRecoveryErrors = {
  TradeFinanceAssetHeld: {
    message: ([asset, amountOrTokenId]: readonly [Hex, bigint]) =>
      `${asset} ${hexId(amountOrTokenId)} is held for an instrument (an eBL a trust receipt, a Lodged collection or a pending presentation holds, or money escrowed for Issued credits), not stray.`,
    hint: "Only an eBL no instrument claims, and only the token balance above the credits' escrow, can be recovered; let the instrument run its course.",
  },
} as const;

const when = (time: bigint | number) => new Date(Number(time) * 1000).toISOString();

/**
 * Explanations of every custom error of TrustReceipts (import loans under trust receipts). Not in the core's explanations:
 * the trade-finance contracts are served by their own SDK entry, outside `createCargoRails`'s bundle budget, which
 * registers this table for its decoding.
 */
export const trustReceiptsErrors: ErrorTable<typeof trustReceiptsAbi> = {
  ...accessManagedErrors,
  ...railsErrors,
  ...strayRecoveryErrors,
  InvalidShortString: settlementCoreErrors.InvalidShortString,
  StringTooLong: settlementCoreErrors.StringTooLong,
  InvalidAccountNonce: tokenizedDepositErrors.InvalidAccountNonce,
  SafeERC20FailedOperation: {
    message: ([token]) => `The deposit token ${token} refused the repayment.`,
    hint: "Check the payer's balance and its allowance (or permit) to the TrustReceipts contract, and that the bank may receive the token.",
  },
  RailPaymentShortfall: depositRailErrors.RailPaymentShortfall,
  TrustReceiptWrongRegistry: {
    message: ([registry]) =>
      `The terms name the eBL registry ${registry}, which this TrustReceipts contract does not serve.`,
    hint: "Sign terms naming the contract's registry (trustReceipts.registry()), or use the TrustReceipts deployed for that registry.",
  },
  TrustReceiptInvalidDueDate: {
    message: ([dueDate]) => `The due date ${when(dueDate)} is not in the future.`,
    hint: "Have the importer sign terms with a later due date.",
  },
  TrustReceiptStraightBill: {
    message: ([tokenId]) =>
      `The eBL ${hexId(tokenId)} is a straight B/L: only its consignee can surrender it and it cannot be endorsed, so it cannot be held under a trust receipt.`,
    hint: "Trust receipts work on to-order eBLs the bank holds with title; a straight B/L must be delivered to its consignee.",
  },
  TrustReceiptBankNotHolder: {
    message: ([tokenId, holder]) => `The bank does not hold the eBL ${hexId(tokenId)}; ${holder} does.`,
    hint: "The bank must hold the eBL (with title) when it opens the trust receipt.",
  },
  TrustReceiptNoTitle: {
    message: ([tokenId, bank]) =>
      `${bank} holds the eBL ${hexId(tokenId)} without title (it is neither the title holder nor holding it blank endorsed).`,
    hint: "The title holder must endorse the eBL to the bank (or in blank) before the bank can release it under a trust receipt.",
  },
  TrustReceiptNotBank: {
    message: ([receiptId, account]) => `${account} is not the bank of the trust receipt ${receiptId}.`,
    hint: "Only the bank named in the terms opens, releases or recalls the receipt.",
  },
  TrustReceiptNotImporter: {
    message: ([receiptId, account]) => `${account} is not the importer of the trust receipt ${receiptId}.`,
    hint: "Only the importer, the bank's trustee, surrenders the eBL for delivery or returns it to the bank.",
  },
  TrustReceiptInvalidStatus: {
    message: ([receiptId, status]) =>
      `The trust receipt ${receiptId} is ${enumName(trustReceiptStatuses, status)}: this action is not allowed now.`,
    hint: "Read the receipt (receiptOf): Active allows surrender, return and recall; Surrendered and Defaulted come back to Active by resume once the carrier rejects; Repaid, Released, Returned and Recalled are final.",
  },
  TrustReceiptNotInDefault: {
    message: ([receiptId, dueDate]) =>
      `The trust receipt ${receiptId} is not in default: its due date ${when(dueDate)} has not passed.`,
    hint: "The bank may recall the eBL (or a default be recorded) only after the due date, if the loan is not repaid.",
  },
  TrustReceiptInDefault: {
    message: ([receiptId, dueDate]) =>
      `The importer is in default under the trust receipt ${receiptId} (due ${when(dueDate)}): it may no longer take delivery.`,
    hint: "Repay in full (title then passes to the importer), return the eBL to the bank, or ask the bank to release it.",
  },
  TrustReceiptOverpayment: {
    message: ([receiptId, outstanding, amount]) =>
      `The repayment of ${amount} exceeds the ${outstanding} outstanding under the trust receipt ${receiptId}.`,
    hint: "Repay at most the outstanding amount (amount - repaid in receiptOf).",
  },
  TrustReceiptEblNotBack: {
    message: ([receiptId, tokenId]) =>
      `The eBL ${hexId(tokenId)} of the trust receipt ${receiptId} is not back in the contract's custody.`,
    hint: "resume works once the carrier has rejected the surrender; an accepted surrender (goods delivered) does not come back.",
  },
  TrustReceiptActionNotAllowed: {
    message: ([selector]) =>
      `The TrustReceipts contract has no function ${selector}: an eBL under a trust receipt cannot be transferred, endorsed or approved.`,
    hint: "The importer may only surrender the eBL for delivery or return it to the bank; title passes on full repayment or release.",
  },
};

/**
 * Explanations of every custom error of PaymentObligations (digital payment obligations, ERC-721 "DPO"). Not part of
 * the core decoder's tables (the core bundle's budget): the trade-finance entry registers it.
 */
export const paymentObligationsErrors: ErrorTable<typeof paymentObligationsAbi> = {
  ...accessManagedErrors,
  ...railsErrors,
  ...strayRecoveryErrors,
  ERC721IncorrectOwner: {
    message: ([sender, tokenId, owner]) => `${sender} does not hold obligation ${hexId(tokenId)}; ${owner} does.`,
    hint: "Pass the current holder as `from` (ownerOf(obligationId)).",
  },
  ERC721InsufficientApproval: {
    message: ([operator, tokenId]) => `${operator} neither holds obligation ${hexId(tokenId)} nor is approved for it.`,
    hint: "Send from the holder's account, or have the holder approve the operator.",
  },
  ERC721InvalidApprover: {
    message: ([approver]) => `${approver} cannot approve: it is not the holder or an operator of the holder.`,
    hint: "Approve from the holder's account.",
  },
  ERC721InvalidOperator: {
    message: ([operator]) => `${operator} cannot be an operator.`,
    hint: "Pass a non-zero operator.",
  },
  ERC721InvalidOwner: {
    message: ([owner]) => `${owner} is not a valid holder.`,
    hint: "Pass a non-zero address.",
  },
  ERC721InvalidReceiver: {
    message: ([receiver]) =>
      `${receiver} cannot receive obligations (the zero address, or a contract that refused it).`,
    hint: "Send to a verified trader, bank or agent; a contract receiver of safeTransferFrom must implement onERC721Received.",
  },
  ERC721InvalidSender: {
    message: ([sender]) => `${sender} is not a valid sender.`,
    hint: "An obligation is only created by an acceptance; transfer it from its holder.",
  },
  ERC721NonexistentToken: {
    message: ([tokenId]) => `Obligation ${hexId(tokenId)} does not exist.`,
    hint: "Check the id: obligationIdOf(the D/A contract, the collection id).",
  },
  InvalidAccountNonce: {
    message: ([account, nonce]) => `The nonce of ${account} is ${nonce}, not the one signed.`,
    hint: "Sign the offer again with the holder's current nonce (nonces(holder)).",
  },
  InvalidShortString: {
    message: () => "A short string could not be decoded.",
    hint: "Internal to the EIP-712 domain; redeploy with a name of at most 31 bytes.",
  },
  StringTooLong: {
    message: ([text]) => `"${text}" is longer than 31 bytes.`,
    hint: "Internal to the EIP-712 domain; redeploy with a name of at most 31 bytes.",
  },
  ReentrancyGuardReentrantCall: {
    message: () => "The obligations contract was re-entered.",
    hint: "A token called back into the obligations contract; pay with the rails' own deposit tokens.",
  },
  SafeERC20FailedOperation: {
    message: ([token]) => `The deposit token ${token} refused the transfer.`,
    hint: "Check the payer's balance and its allowance to the PaymentObligations contract.",
  },
  RailPaymentShortfall: {
    message: ([expected, received]) => `The payment delivered ${received} base units instead of ${expected}.`,
    hint: "The payment token takes a fee or misbehaves; obligations are payable in Cargo Rails deposit tokens only.",
  },
  ObligationNotFound: {
    message: ([obligationId]) => `No obligation ${hexId(obligationId)} was issued.`,
    hint: "Compute the id with obligationIdOf(issuer, reference): for D/A, the D/A contract and the collection id.",
  },
  ObligationAlreadyIssued: {
    message: ([obligationId]) => `Obligation ${hexId(obligationId)} was issued already; ids are never reused.`,
    hint: "An issuer issues one obligation per reference; use a new reference.",
  },
  ObligationInvalidMaturity: {
    message: ([maturity, now]) => `The maturity ${when(maturity)} is not after the chain time ${when(now)}.`,
    hint: "Issue with a maturity in the future.",
  },
  ObligationUnsupportedArrangement: {
    message: ([method]) =>
      `The drawee's arrangement uses the ${enumName(paymentMethods, method)} method; an obligation is paid by allowance or by an EIP-3009 authorisation.`,
    hint: "Accept with an allowance to the PaymentObligations contract, or sign a receiveWithAuthorization to it.",
  },
  ObligationAuthorizationMismatch: {
    message: ([validAfter, validBefore, maturity]) =>
      `The authorisation's window (validAfter ${validAfter}, validBefore ${validBefore}) does not fit the maturity ${when(maturity)}.`,
    hint: "Sign validAfter = maturity - 1 and validBefore at least MIN_COLLECTION_WINDOW (3 days) after maturity.",
  },
  ObligationInvalidHolder: {
    message: ([account]) => `${account} may not hold payment obligations: it is not a verified trader, bank or agent.`,
    hint: "Transfer to a verified trader, bank or agent (participants.get), or have the registrar renew the account.",
  },
  ObligationNotVerifiedBank: {
    message: ([account]) => `${account} is not a verified bank: only banks discount or guarantee obligations.`,
    hint: "Send from a verified bank's account.",
  },
  ObligationNotHolder: {
    message: ([obligationId, account]) => `${account} does not hold obligation ${hexId(obligationId)}.`,
    hint: "Only the holder presents it; anyone may collect it (collect).",
  },
  ObligationNotDrawee: {
    message: ([obligationId, account]) => `${account} is not the drawee of obligation ${hexId(obligationId)}.`,
    hint: "Only the drawee pays with pay; the holder may collect by the drawee's arrangement (collect).",
  },
  ObligationNotAvalist: {
    message: ([obligationId, account]) => `${account} is not the avalist of obligation ${hexId(obligationId)}.`,
    hint: "Only the bank that guaranteed it (obligation(id).avalist) pays under aval.",
  },
  ObligationNotBuyer: {
    message: ([buyer, caller]) => `The discount offer names ${buyer} as buyer; ${caller} submitted it.`,
    hint: "Only the buyer named in the offer may take it: submit it from that bank's account.",
  },
  ObligationPriceAboveAmount: {
    message: ([price, amount]) => `The offered price ${price} is above the obligation's amount ${amount}.`,
    hint: "A discount pays at most the amount; sign an offer at or below it.",
  },
  ObligationAlreadyAvalised: {
    message: ([obligationId, avalist]) => `Obligation ${hexId(obligationId)} is already guaranteed by ${avalist}.`,
    hint: "One aval per obligation.",
  },
  ObligationNotDue: {
    message: ([obligationId, maturity, now]) =>
      `Obligation ${hexId(obligationId)} matures at ${when(maturity)}; the chain time is ${when(now)}.`,
    hint: "Collect, pay or present it at or after maturity.",
  },
  ObligationAlreadyPaid: {
    message: ([obligationId]) => `Obligation ${hexId(obligationId)} was paid already; it no longer moves.`,
    hint: "An obligation is paid once; read its ObligationPaid event for who received what.",
  },
  ObligationInvalidStatus: {
    message: ([obligationId, status]) =>
      `Obligation ${hexId(obligationId)} is ${enumName(obligationStatuses, status)}, which does not allow this step.`,
    hint: "A dishonoured obligation cannot be discounted, avalised or presented again; it can still be paid (collect, pay, payUnderAval).",
  },
  ObligationInsufficientGas: {
    message: () => "The collection tried by present ran out of gas.",
    hint: "Present again with a higher gas limit (let the node estimate it): a dishonour is never recorded for lack of gas.",
  },
};

/**
 * Explanations of every custom error of DocumentsAgainstAcceptance (the D/A collection). Not part of the core
 * decoder's tables (the core bundle's budget): the trade-finance entry registers it.
 */
export const documentsAgainstAcceptanceErrors: ErrorTable<typeof documentsAgainstAcceptanceAbi> = {
  ...accessManagedErrors,
  ...railsErrors,
  ...strayRecoveryErrors,
  SafeERC20FailedOperation: settlementCoreErrors.SafeERC20FailedOperation,
  CollectionNotHolder: {
    message: ([tokenId, account]) => `${account} does not hold eBL ${hexId(tokenId)}.`,
    hint: "Lodge from the holder's account, after approving the D/A contract for the eBL.",
  },
  CollectionBillNotEndorsable: {
    message: ([tokenId]) =>
      `eBL ${hexId(tokenId)} cannot be endorsed to the drawee: not to order, not issued and live, on legal hold, or held without title.`,
    hint: "Lodge a live to-order eBL you hold with title (title holder, or blank endorsed); a straight B/L cannot go D/A.",
  },
  CollectionDraweeNotTrader: {
    message: ([drawee]) => `The drawee ${drawee} is not a verified trader.`,
    hint: "Name the importer's verified account; the registrar registers or renews it.",
  },
  CollectionInvalidTenor: {
    message: ([tenor]) => `The tenor ${tenor} s is zero or too long.`,
    hint: "Give a positive tenor (seconds from acceptance to maturity); a sight draft is a cash-against-documents settlement.",
  },
  CollectionNotLodged: {
    message: ([collectionId, status]) =>
      `Collection ${collectionId} is ${enumName(collectionStatuses, status)}, not lodged.`,
    hint: "Accept, refuse, withdraw and return apply to a lodged collection only; read collection(id).",
  },
  CollectionNotDrawee: {
    message: ([collectionId, account]) => `${account} is not the drawee of collection ${collectionId}.`,
    hint: "Only the drawee accepts or refuses.",
  },
  CollectionNotLodger: {
    message: ([collectionId, account]) => `${account} did not lodge collection ${collectionId}.`,
    hint: "Only the lodger withdraws; after the acceptance deadline anyone may return the eBL (returnUnaccepted).",
  },
  CollectionAcceptancePeriodOpen: {
    message: ([collectionId, acceptBy]) => `Collection ${collectionId} may still be accepted until ${when(acceptBy)}.`,
    hint: "Return it after the deadline, or have the lodger withdraw it now.",
  },
  CollectionInvalidMaturity: {
    message: ([maturity, earliest, latest]) =>
      `The authorisation's maturity (validAfter + 1 = ${maturity}) is outside ${when(earliest)} .. ${when(latest)}.`,
    hint: "Sign validAfter = maturity - 1 with the maturity at least the tenor after acceptance and at most acceptBy + tenor.",
  },
};

const PRESENTATION_STATUSES = ["None", "Presented", "Discrepant", "Honoured", "Refused", "Withdrawn"] as const;
const CREDIT_STATUSES = ["None", "Issued", "Closed"] as const;

/**
 * Explanations of every custom error of the DocumentaryCredits contract (letters of credit). Not in the core's
 * explanations: the trade-finance entry registers it.
 */
export const documentaryCreditsErrors: ErrorTable<typeof documentaryCreditsAbi> = {
  ...accessManagedErrors,
  ...railsErrors,
  ...strayRecoveryErrors,
  InvalidShortString: settlementCoreErrors.InvalidShortString,
  StringTooLong: settlementCoreErrors.StringTooLong,
  InvalidAccountNonce: tokenizedDepositErrors.InvalidAccountNonce,
  ReentrancyGuardReentrantCall: settlementCoreErrors.ReentrancyGuardReentrantCall,
  SafeERC20FailedOperation: settlementCoreErrors.SafeERC20FailedOperation,
  RailPaymentShortfall: depositRailErrors.RailPaymentShortfall,
  CreditNotOpen: {
    message: ([creditId, status]) =>
      `The credit ${creditId} is ${enumName(CREDIT_STATUSES, status)}, not Issued: ${status === 0 ? "it was never issued" : "it is closed"}.`,
    hint: "Check the credit id (the applicant's signed CreditApplication digest, from the CreditIssued event).",
  },
  CreditNotIssuingBank: {
    message: ([caller]) => `${caller} is not the credit's issuing bank (verified as a bank).`,
    hint: "Only the issuing bank named in the terms issues the credit and proposes amendments; send from its account.",
  },
  CreditNotBeneficiary: {
    message: ([caller]) => `${caller} is not the credit's beneficiary.`,
    hint: "Only the beneficiary presents, withdraws a presentation and answers an amendment.",
  },
  CreditNotApplicant: {
    message: ([caller]) => `${caller} is not the credit's applicant.`,
    hint: "Only the applicant waives or rejects discrepancies, and reimburses by allowance or permit (anyone may submit its EIP-3009 authorisation).",
  },
  CreditNotExaminer: {
    message: ([caller]) =>
      `${caller} may not examine this presentation: it is neither the issuing nor the nominated bank.`,
    hint: "The issuing or nominated bank honours or refuses; anyone may honour only after the examination deadline.",
  },
  CreditInvalidDates: {
    message: ([expiry, latestPresentation]) =>
      `Invalid dates: latest presentation ${when(BigInt(latestPresentation))} must be in the future and not after the expiry ${when(BigInt(expiry))}.`,
    hint: "Set a latest presentation date in the future and an expiry on or after it.",
  },
  CreditInvalidExaminationPeriod: {
    message: ([period]) => `An examination period of ${period} seconds is not allowed: 1 second to 30 days.`,
    hint: "UCP 600 gives five banking days; 432000 seconds (5 days) is the usual choice.",
  },
  CreditInvalidDocumentTypes: {
    message: ([types]) => `The required document types ${types} set bit 0 or name more than 16 types.`,
    hint: "Set bit t for each required document type t (1 to 255), at most 16 of them.",
  },
  CreditPresentationPeriodOver: {
    message: ([creditId, deadline]) =>
      `Presentations under the credit ${creditId} closed at ${when(BigInt(deadline))} (the latest presentation date).`,
    hint: "A late presentation cannot be made; ask the issuing bank for an amendment extending the dates.",
  },
  CreditDocumentsMismatch: {
    message: ([expected, given]) => `The presentation gives ${given} documents; the credit requires ${expected}.`,
    hint: "Give one document id per required type, in ascending type order.",
  },
  CreditEblNotDeliverable: {
    message: ([tokenId]) =>
      `The eBL ${hexId(tokenId)} could not be delivered to the credit's recipient at honour: it is neither made out to the recipient nor a to-order B/L the beneficiary holds with title.`,
    hint: "Present a to-order eBL you hold with title (or blank endorsed), or one already made out to the recipient.",
  },
  CreditDrawingExceedsAvailable: {
    message: ([drawing, available]) => `The drawing ${drawing} exceeds what the credit has available (${available}).`,
    hint: "Draw at most the available amount (availableOf): the amount less what is drawn and what pending presentations reserve.",
  },
  CreditPartialDrawingNotAllowed: {
    message: ([drawing, available]) =>
      `Partial drawings are not allowed: the drawing must be the whole available amount ${available}, not ${drawing}.`,
    hint: "Draw the whole available amount, or ask for an amendment allowing partial drawings.",
  },
  CreditInvalidPresentationStatus: {
    message: ([presentationId, status]) =>
      `The presentation ${presentationId} is ${enumName(PRESENTATION_STATUSES, status)}: that does not allow this step.`,
    hint: "Honour and refuse need Presented; waive, rejectWaiver and returnUnwaived need Discrepant; withdraw either.",
  },
  CreditExaminationPeriodOver: {
    message: ([presentationId, deadline]) =>
      `The examination deadline of ${presentationId} passed at ${when(BigInt(deadline))}: it may no longer be refused.`,
    hint: "UCP 600 art. 16(f): the bank is precluded from refusing; the presentation can only be honoured now.",
  },
  CreditNoDiscrepancies: {
    message: () => "A refusal must list at least one discrepancy.",
    hint: "State every discrepancy in the one refusal notice (UCP 600 art. 16(d)).",
  },
  CreditWaiverPeriodRunning: {
    message: ([presentationId, deadline]) =>
      `The applicant may decide on a waiver of ${presentationId} until ${when(BigInt(deadline))}.`,
    hint: "Until then only the applicant (waive, rejectWaiver) or the beneficiary (withdraw) may end the hold.",
  },
  CreditReimbursementExceedsDrawn: {
    message: ([amount, outstanding]) => `The reimbursement ${amount} exceeds what is owed (${outstanding}).`,
    hint: "Reimburse at most drawn − reimbursed (creditOf).",
  },
  CreditAmendmentPending: {
    message: ([creditId]) => `The credit ${creditId} has an amendment the beneficiary has not answered yet.`,
    hint: "Wait for the beneficiary to accept or reject it (amendmentOf).",
  },
  CreditNoAmendment: {
    message: ([creditId]) => `The credit ${creditId} has no pending amendment.`,
    hint: "The issuing bank proposes an amendment first (proposeAmendment).",
  },
  CreditAmendmentBelowDrawn: {
    message: ([amount, committed]) =>
      `The amount ${amount} is below what is drawn or reserved by pending presentations (${committed}).`,
    hint: "Amend to at least the drawn and reserved amount, or wait for pending presentations to end.",
  },
  CreditNotExpired: {
    message: ([creditId, expiry]) => `The credit ${creditId} expires at ${when(BigInt(expiry))}: it cannot close yet.`,
    hint: "Close it after the expiry.",
  },
  CreditPresentationPending: {
    message: ([creditId]) => `The credit ${creditId} has a presentation pending (Presented or Discrepant).`,
    hint: "It must be honoured, refused, withdrawn or returned first; after its deadlines anyone can end it.",
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
