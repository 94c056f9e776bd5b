/**
 * Explanations of the custom errors of the documents-against-acceptance contracts (PaymentObligations,
 * DocumentsAgainstAcceptance). Kept out of `contractErrors.ts`, which the core bundle loads: the trade-finance entry
 * registers these tables with its decoder. Declared as `ErrorTable<typeof abi>`, so the compiler demands an entry for
 * every custom error of each contract.
 */
import { documentsAgainstAcceptanceAbi, paymentObligationsAbi } from "./abi/index.js";
import { accessManagedErrors, hexId, railsErrors, when, type ErrorTable } from "./contractErrors.js";
import { collectionStatuses, enumName, obligationStatuses, paymentMethods } from "./enums.js";

/**
 * Explanations of every custom error of PaymentObligations (digital payment obligations, ERC-721 "DPO").
 */
export const paymentObligationsErrors: ErrorTable<typeof paymentObligationsAbi> = {
  ...accessManagedErrors,
  ...railsErrors,
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
    message: () => "present was sent with too little gas to give the collection its full budget.",
    hint: "Present again with a higher gas limit (let the node estimate it): the collection must get its full COLLECTION_GAS, so a dishonour is never recorded for lack of gas.",
  },
};

/**
 * Explanations of every custom error of DocumentsAgainstAcceptance (the D/A collection).
 */
export const documentsAgainstAcceptanceErrors: ErrorTable<typeof documentsAgainstAcceptanceAbi> = {
  ...railsErrors,
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
