/**
 * @packageDocumentation
 * `@cargo-rails/sdk`: typed access to the Cargo Rails contracts (participants, eBLs, tokenized deposits, settlement),
 * built on viem.
 */

export { SDK_VERSION } from "./version.js";

// Entry point and namespaces
export { createCargoRails, type CargoRails, type CargoRailsConfig } from "./client.js";
export { addressesFromIgnition, IgnitionAddressesError, type CargoRailsAddresses } from "./addresses.js";
export { type Participant, type ParticipantRegistration, type ParticipantsNamespace } from "./participants.js";
export { type WriteReceipt, type WriteResult } from "./internal/contract.js";

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
export { eblTokenId } from "./tokenId.js";
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
  TransactionRevertedError,
  type CargoRailsErrorOptions,
} from "./errors.js";
export {
  ContractRevertError,
  decodeContractError,
  isContractRevert,
  roleName,
  accessControlErrors,
  participantRegistryErrors,
  type AccessControlErrorName,
  type BuiltinRevertError,
  type ErrorArgs,
  type ContractRevertErrorOf,
  type ErrorExplanation,
  type ErrorTable,
} from "./contractErrors.js";

// ABIs
export { participantRegistryAbi } from "./abi/index.js";
