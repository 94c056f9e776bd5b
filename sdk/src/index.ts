/**
 * @packageDocumentation
 * `@cargo-rails/sdk`: typed access to the Cargo Rails contracts (participants, eBLs, tokenized deposits, settlement),
 * built on viem.
 */

export { SDK_VERSION } from "./version.js";

// Entry point and namespaces
export {
  createCargoRails,
  connectCargoRails,
  type CargoRails,
  type CargoRailsConfig,
  type DepositClients,
  type LabelledClients,
  type ReserveClients,
} from "./client.js";
// Reading an Ignition deployment from disk (addressesFromIgnition) needs Node.js: `@cargo-rails/sdk/node`.
export { ContractNotConfiguredError, type CargoRailsAddresses, type DeployBlocks } from "./addresses.js";
export { type Participant, type ParticipantRegistration, type ParticipantsNamespace } from "./participants.js";
export {
  type DocumentVerification,
  type EblBill,
  type EblIssueExplicit,
  type EblIssueFromDocument,
  type EblIssueResult,
  type EblNamespace,
  type EblPermit,
  type EblWriteResult,
  type TokenIdArg,
} from "./ebl.js";
export {
  toDcsaEndorsementChain,
  toDcsaTransactionsByEntry,
  type DcsaActionCode,
  type DcsaExportOptions,
  type DcsaParty,
  type DcsaTransaction,
  type DcsaTransactionsOfEntry,
  type EblAction,
  type EblHistory,
  type EblHistoryEntry,
  type EblHistoryCursor,
  type EblHistoryEntryBase,
  type EblHistoryEntryOf,
  type EblHistoryVariant,
  type EblHistoryEventName,
  type HistoryOptions,
} from "./history.js";
export {
  type AuthorizationRequest,
  type DepositClient,
  type DepositMetadata,
  type DepositPermit,
  type DepositWriteResult,
  type SignedAuthorization,
} from "./deposits.js";
export {
  type BatchItemResult,
  type Deal,
  type DepositRailWriteResult,
  type EscrowedDealsWriteResult,
  type SettledEvent,
  type SettlementNamespace,
  type SettlementPayment,
  type SettlementSubmission,
  type SettlementWay,
  type SettlementWriteResult,
  type SignedSettlementWriteResult,
  type TermsInput,
  type WayOption,
} from "./settlement.js";
export {
  type ContractRailsEvent,
  type DepositEvent,
  type DepositEventName,
  type DepositEventOverrides,
  type DepositWatchOptions,
  type EblEvent,
  type EblEventName,
  type EblEventOverrides,
  type EblWatchOptions,
  type EventArgsWith,
  type WatchedEvent,
  type SettlementEvent,
  type SettlementEventName,
  type SettlementEventOverrides,
  type SettlementWatchOptions,
  type Unwatch,
  type WatchOptions,
  type CrossBankEvent,
  type CrossBankEventName,
  type CrossBankWatchOptions,
  type InterbankEvent,
  type InterbankEventName,
  type InterbankWatchOptions,
  type ReserveEvent,
  type ReserveEventName,
  type ReserveWatchOptions,
  watchDepositEvents,
  watchEblEvents,
  watchSettlementEvents,
  watchReserveEvents,
  watchInterbankEvents,
  watchCrossBankEvents,
  watchCrossChainEvents,
  type CrossChainEvent,
  type CrossChainEventName,
  type CrossChainWatchOptions,
} from "./watch.js";
export {
  TransferTimeoutError,
  crossChainHistory,
  followTransfer,
  inboundTransferStatuses,
  outboundTransferStatuses,
  waitForTransfer,
  whereIs,
  type ChainRails,
  type CrossChainHistory,
  type CrossChainHistoryEntry,
  type CrossChainLink,
  type CrossChainNamespace,
  type CrossChainWriteResult,
  type EblOnChain,
  type EblWhereabouts,
  type ExportInput,
  type ExportReceipt,
  type ExportResult,
  type InboundTransfer,
  type InboundTransferStatus,
  type OutboundTransfer,
  type OutboundTransferStatus,
  type TransferProgress,
  type TransferStatus,
  type WaitForTransferOptions,
} from "./crossChain.js";
export { settlementFromJson, settlementToJson, type SettlementSubmissionJson } from "./settlementJson.js";
export { type ReserveClient, type ReserveMetadata, type ReserveWriteResult } from "./reserves.js";
export {
  type BankAccount,
  type InterbankNamespace,
  type InterbankPaymentInput,
  type InterbankWriteResult,
} from "./interbank.js";
export {
  INTERBANK_PAYMENTS_DOMAIN_NAME,
  INTERBANK_PAYMENTS_DOMAIN_VERSION,
  RATE_SCALE,
  ZERO_QUOTE,
  interbankQuoteTypes,
  parseRate,
  formatRate,
  quotedBaseUnits,
  quoteSecondsLeft,
  isQuoteExpired,
  hashInterbankQuote,
  signInterbankQuote,
  type FxNamespace,
  type InterbankQuote,
  type QuoteDecimals,
  type QuoteInput,
  type SignedQuote,
} from "./fx.js";
export {
  CROSS_BANK_SETTLEMENT_DOMAIN_NAME,
  crossBankTermsTypes,
  hashCrossBankTerms,
  signCrossBankTerms,
  type CrossBankNamespace,
  type CrossBankSubmission,
  type CrossBankTerms,
  type CrossBankTermsInput,
  type CrossBankWriteResult,
} from "./crossBank.js";
export {
  crossBankFromJson,
  crossBankToJson,
  fxQuoteFromJson,
  fxQuoteToJson,
  type CrossBankSubmissionJson,
  type InterbankQuoteJson,
  type SignedQuoteJson,
} from "./crossBankJson.js";
export {
  ADMIN_ROLE,
  PUBLIC_ROLE,
  platformRoles,
  depositRoles,
  roleId,
  roleLabel,
  roleOf,
  roleIdLabel,
  functionRoles,
  settlementTargets,
  crossChainTargets,
  type CrossChainTarget,
  type SettlementTarget,
  type RailsRole,
  type PlatformContract,
  type DepositRoleName,
  type FunctionRole,
} from "./roles.js";
export { type AccessNamespace, type AccessWriteResult, type ManagedCall } from "./access.js";
export {
  type PrepareOptions,
  type PreparedRequest,
  type PreparedWrite,
  type WriteAction,
  type WriteOptions,
  type WriteReceipt,
  type WriteResult,
} from "./internal/contract.js";
export {
  type ParticipantRecord,
  type RailsContractAbis,
  type RailsContractEvent,
  type ArgsWithOverrides,
  type RailsEventArgTypes,
  type RailsContractName,
  type RailsEvent,
} from "./receiptEvents.js";
export {
  SAFE_TX_TYPEHASH,
  hashSafeTransaction,
  safeTransactionTypedData,
  safeTxTypes,
  toSafeTransaction,
  type SafeContext,
  type SafeTransactionData,
} from "./safe.js";
export {
  billKinds,
  billStatuses,
  termsStatuses,
  paymentMethods,
  type BillKind,
  type BillStatus,
  type TermsStatus,
  type PaymentMethod,
} from "./enums.js";

// EIP-712 signing (no chain access)
export {
  EBL_REGISTRY_DOMAIN_NAME,
  SIGNED_SETTLEMENT_DOMAIN_NAME,
  ESCROWED_DEALS_DOMAIN_NAME,
  SETTLEMENT_DOMAIN_VERSION,
  eblPermitTypes,
  depositPermitTypes,
  transferAuthorizationTypes,
  receiveAuthorizationTypes,
  cancelAuthorizationTypes,
  settlementTermsTypes,
  settlementDealTypes,
  settlementEblDepositTypes,
  signEblPermit,
  signDepositPermit,
  signTransferAuthorization,
  signReceiveAuthorization,
  signCancelAuthorization,
  signSettlementTerms,
  hashSettlementTerms,
  signSettlementDeal,
  hashSettlementDeal,
  signSettlementEblDeposit,
  hashSettlementEblDeposit,
  settlementAuthorizationNonce,
  type AuthorizationMessage,
  type SettlementTerms,
  type TypedDataSigner,
  type TypedDataSignFn,
  type TypedDataToSign,
} from "./signing.js";

// Pure helpers
export { canonicalJson, CanonicalJsonError, type CanonicalJsonErrorReason, type JsonValue } from "./canonicalJson.js";
export { documentChecksum } from "./checksum.js";
export {
  validateTransportDocument,
  transportDocumentIssues,
  TransportDocumentValidationError,
  type DocumentParty,
  type TransportDocument,
  type TransportDocumentIssue,
} from "./transportDocument.js";
export { eblTokenId, assertTransportDocumentReference } from "./tokenId.js";
export { encodeReference, decodeReference } from "./references.js";
export { parseAmount, formatAmount, type Amount } from "./amounts.js";
export { assertAddress } from "./guards.js";
export {
  participantKinds,
  kindNames,
  encodeKinds,
  decodeKinds,
  encodeJurisdiction,
  decodeJurisdiction,
  type ParticipantKind,
} from "./participantKinds.js";

// Errors
export {
  CargoRailsError,
  InvalidAddressError,
  InvalidArgumentError,
  InvalidAmountError,
  AmountPrecisionError,
  WalletRequiredError,
  RpcConnectionError,
  RpcRequestError,
  ContractNotDeployedError,
  ChainMismatchError,
  TransactionRevertedError,
  type CargoRailsErrorOptions,
} from "./errors.js";
export {
  ContractRevertError,
  decodeContractError,
  decodeRevertData,
  isContractRevert,
  accessManagedErrors,
  railsAccessManagerErrors,
  railsErrors,
  participantRegistryErrors,
  billOfLadingRegistryErrors,
  tokenizedDepositErrors,
  signedSettlementErrors,
  escrowedDealsErrors,
  depositRailErrors,
  wholesaleReserveErrors,
  interbankPaymentsErrors,
  eblGatewayErrors,
  crossBankSettlementErrors,
  tradeDocumentRegistryErrors,
  documentsConditionErrors,
  type AccessManagedErrorName,
  type RailsErrorName,
  type BuiltinRevertError,
  type ErrorArgs,
  type ContractRevertErrorOf,
  type CargoRailsAbi,
  type CargoRailsRevertError,
  type ErrorExplanation,
  type ErrorTable,
} from "./contractErrors.js";
export { hyperlaneTransportErrors } from "./hyperlaneTransportErrors.js";

// ABIs
export {
  participantRegistryAbi,
  billOfLadingRegistryAbi,
  tokenizedDepositAbi,
  signedSettlementAbi,
  escrowedDealsAbi,
  depositRailAbi,
  railsAccessManagerAbi,
  wholesaleReserveAbi,
  interbankPaymentsAbi,
  crossBankSettlementAbi,
  eblGatewayAbi,
  hyperlaneTransportAbi,
  tradeDocumentRegistryAbi,
  documentsConditionAbi,
} from "./abi/index.js";
