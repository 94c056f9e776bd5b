import { type trustReceiptsAbi } from "./abi/index.js";
import {
  consentRegistryErrors,
  depositRailErrors,
  hexId,
  railsErrors,
  tokenizedDepositErrors,
  type ErrorTable,
} from "./contractErrors.js";
import { enumName, trustReceiptStatuses } from "./enums.js";

const when = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString();

/**
 * Explanations of every custom error of TrustReceipts (import loans under trust receipts). In a module of its own,
 * which `createCargoRails` does not load (the browser bundle's 150 kB gate, sdk/README.md "Bundle size"): the
 * trade-finance contracts are served by their own SDK entry, which registers this table for its decoding;
 * `decodeContractError` of the core does not know these errors.
 */
export const trustReceiptsErrors: ErrorTable<typeof trustReceiptsAbi> = {
  ...railsErrors,
  InvalidShortString: consentRegistryErrors.InvalidShortString,
  StringTooLong: consentRegistryErrors.StringTooLong,
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
