import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  HttpRequestError,
  SocketClosedError,
  TimeoutError,
  WebSocketRequestError,
  zeroAddress,
  decodeErrorResult,
  type Abi,
  type Address,
  type ContractErrorArgs,
  type ContractErrorName,
  type Hex,
} from "viem";

import {
  billOfLadingRegistryAbi,
  consentRegistryAbi,
  crossBankSettlementAbi,
  depositRailAbi,
  documentsConditionAbi,
  eblGatewayAbi,
  escrowedDealsAbi,
  participantRegistryAbi,
  railsAccessManagerAbi,
  signedSettlementAbi,
  interbankPaymentsAbi,
  tokenizedDepositAbi,
  tradeDocumentRegistryAbi,
  wholesaleReserveAbi,
} from "./abi/index.js";
import { CargoRailsError, RpcConnectionError } from "./errors.js";
import { billStatuses, enumName, termsStatuses } from "./enums.js";
import { kindNames } from "./participantKinds.js";
import { roleIdLabel } from "./roles.js";

/** How the SDK explains one custom error: a sentence built from its arguments, and what to do. */
export interface ErrorExplanation<TArgs extends readonly unknown[] = readonly unknown[]> {
  /** A human sentence saying what went wrong, from the error's decoded arguments. */
  message: (args: TArgs) => string;
  /** What to do about it. */
  hint: string;
}

/**
 * A table explaining every custom error of a contract ABI. Declaring a table as `ErrorTable<typeof abi>` makes the
 * compiler demand an entry for each custom error, so a new error in a contract cannot ship unexplained.
 */
export type ErrorTable<TAbi extends Abi> = {
  [TName in ContractErrorName<TAbi>]: ErrorExplanation<ErrorArgs<TAbi, TName>>;
};

/** The decoded arguments of the custom error `TName` of `TAbi`, as a tuple. */
export type ErrorArgs<TAbi extends Abi, TName extends ContractErrorName<TAbi>> =
  ContractErrorArgs<TAbi, TName> extends infer TArgs extends readonly unknown[] ? TArgs : readonly unknown[];

/**
 * A contract call reverted. `errorName` is the contract's custom error, e.g. `"ParticipantNotRegistered"` (`name`
 * is the class name, `"ContractRevertError"`, as for every SDK error); `args` are its decoded arguments, typed from
 * the ABI when narrowed on `errorName`.
 * `shortMessage` is a human sentence and `hint` says what to do.
 *
 * Solidity's built-in errors come back as `"Error"` (a `require` message: `args` is `[reason]`) and `"Panic"`
 * (`args` is `[code]`); revert data that matches nothing in the ABI as `"UnknownRevert"` with the raw `data`.
 */
export class ContractRevertError<
  TName extends string = string,
  TArgs extends readonly unknown[] = readonly unknown[],
> extends CargoRailsError {
  override name = "ContractRevertError";
  /** The contract's custom error, e.g. `"ParticipantNotRegistered"`, for narrowing `args`. */
  readonly errorName: TName;
  /** The custom error's decoded arguments. */
  readonly args: TArgs;
  /** The raw revert data, if the node returned it. */
  readonly data: Hex | undefined;
  /** The contract that reverted, when known. */
  readonly contractAddress: Address | undefined;
  /** The function that was called, when known. */
  readonly functionName: string | undefined;

  constructor(params: {
    errorName: TName;
    args: TArgs;
    shortMessage: string;
    details?: string | undefined;
    hint?: string | undefined;
    data?: Hex | undefined;
    contractAddress?: Address | undefined;
    functionName?: string | undefined;
    cause?: unknown;
  }) {
    super(params.shortMessage, { details: params.details, hint: params.hint, cause: params.cause });
    this.errorName = params.errorName;
    this.args = params.args;
    this.data = params.data;
    this.contractAddress = params.contractAddress;
    this.functionName = params.functionName;
  }
}

/** Reverts that any contract can produce: `require` messages, panics, and data the ABI does not know. */
export type BuiltinRevertError =
  | ContractRevertError<"Error", readonly [reason: string]>
  | ContractRevertError<"Panic", readonly [code: bigint]>
  | ContractRevertError<"UnknownRevert", readonly []>;

/**
 * The revert errors a call on a contract with ABI `TAbi` can raise: a union discriminated by `errorName`, each
 * member with its arguments typed from the ABI.
 *
 * @example
 * ```ts
 * const error: ContractRevertErrorOf<typeof participantRegistryAbi> = ...;
 * if (error.errorName === "ParticipantNotRegistered") error.args[0]; // `0x${string}`
 * ```
 */
export type ContractRevertErrorOf<TAbi extends Abi> =
  | {
      [TName in ContractErrorName<TAbi>]: ContractRevertError<TName, ErrorArgs<TAbi, TName>>;
    }[ContractErrorName<TAbi>]
  | BuiltinRevertError;

/** The ABI of any of the Cargo Rails contracts (a union of the generated ABIs). */
export type CargoRailsAbi =
  | typeof participantRegistryAbi
  | typeof billOfLadingRegistryAbi
  | typeof tokenizedDepositAbi
  | typeof signedSettlementAbi
  | typeof escrowedDealsAbi
  | typeof depositRailAbi
  | typeof railsAccessManagerAbi
  | typeof wholesaleReserveAbi
  | typeof interbankPaymentsAbi
  | typeof crossBankSettlementAbi;

/**
 * A revert of any Cargo Rails contract: the custom errors of every contract (and the built-in reverts), typed
 * like {@link ContractRevertErrorOf}. A call on one contract can raise another's error, bubbled up from a call it
 * makes: a settlement refused by the buyer's frozen deposit account reverts with `DepositAccountFrozen`.
 *
 * @example
 * ```ts
 * if (error.errorName === "DepositAccountFrozen") error.args[0]; // the frozen account, `0x${string}`
 * ```
 */
export type CargoRailsRevertError = ContractRevertErrorOf<CargoRailsAbi>;

// ---------------------------------------------------------------- explanation tables

/** OpenZeppelin's AccessManaged errors, shared by every contract that asks the rails' access manager. */
export type AccessManagedErrorName =
  "AccessManagedUnauthorized" | "AccessManagedRequiredDelay" | "AccessManagedInvalidAuthority";

/** OpenZeppelin AccessManaged errors: the contract asked the rails' access manager, which said no (or not yet). */
export const accessManagedErrors: Pick<ErrorTable<typeof participantRegistryAbi>, AccessManagedErrorName> = {
  AccessManagedUnauthorized: {
    message: ([caller]) => `${caller} holds no role allowed to call this function.`,
    hint: "Send the transaction from an account holding the function's role, or ask the role's admin to grant it (access.grantRole; access.functionRole names the role).",
  },
  AccessManagedRequiredDelay: {
    message: ([caller, delay]) => `${caller} must schedule this call: its role has an execution delay of ${delay} s.`,
    hint: "Schedule it with access.schedule, then execute it with access.execute once the delay has passed.",
  },
  AccessManagedInvalidAuthority: {
    message: ([authority]) => `${authority} is not a contract, so it cannot be the authority.`,
    hint: "Point the contract at a deployed access manager.",
  },
};

/** Explanations of every custom error of the RailsAccessManager (OpenZeppelin AccessManager). */
export const railsAccessManagerErrors: ErrorTable<typeof railsAccessManagerAbi> = {
  AccessManagerAlreadyScheduled: {
    message: ([id]) => `Operation ${id} is already scheduled.`,
    hint: "Wait for it and execute it, or cancel it before scheduling it again.",
  },
  AccessManagerBadConfirmation: {
    message: () => "An account can only renounce a role for itself.",
    hint: "Call renounceRole with your own address as the confirmation argument (access.renounceRole does).",
  },
  AccessManagerExpired: {
    message: ([id]) => `Operation ${id} expired: it was not executed within a week of its time.`,
    hint: "Schedule it again.",
  },
  AccessManagerInvalidInitialAdmin: {
    message: ([admin]) => `${admin} cannot be the manager's first admin.`,
    hint: "Deploy the manager with a non-zero admin (the deployer).",
  },
  AccessManagerLockedFunction: {
    message: ([selector]) => `The manager's function ${selector} cannot be restricted to another role.`,
    hint: "The manager's own administration functions stay with ADMIN_ROLE and the roles' admins.",
  },
  AccessManagerLockedRole: {
    message: ([role]) => `${roleIdLabel(role)} cannot be changed this way (ADMIN and PUBLIC are fixed).`,
    hint: "ADMIN_ROLE administers itself and PUBLIC_ROLE holds everyone: neither can be granted an admin or a guardian.",
  },
  AccessManagerNotReady: {
    message: ([id]) => `Operation ${id} is scheduled but its time has not come.`,
    hint: "Wait until access.scheduledAt(operationId), then execute it.",
  },
  AccessManagerNotScheduled: {
    message: ([id]) => `Operation ${id} is not scheduled (never, cancelled, executed or expired).`,
    hint: "Schedule it first with access.schedule: the caller's role has an execution delay.",
  },
  AccessManagerUnauthorizedAccount: {
    message: ([account, role]) => `${account} does not hold ${roleIdLabel(role)}, which this operation requires.`,
    hint: "Send it from an account holding the role (the role's admin, for grants and revocations).",
  },
  AccessManagerUnauthorizedCall: {
    message: ([caller, target, selector]) => `${caller} may not call ${selector} on ${target}.`,
    hint: "Ask the admin of the function's role (access.functionRole) to grant the role.",
  },
  AccessManagerUnauthorizedCancel: {
    message: ([sender, caller, target, selector]) =>
      `${sender} may not cancel ${caller}'s scheduled call of ${selector} on ${target}.`,
    hint: "Only the caller who scheduled it, a guardian of the function's role, or the manager's admin may cancel.",
  },
  AccessManagerUnauthorizedConsume: {
    message: ([target]) => `${target} may not consume a scheduled operation meant for another contract.`,
    hint: "Scheduled calls are consumed by their own target only.",
  },
  AddressEmptyCode: {
    message: ([target]) => `${target} has no code.`,
    hint: "Execute calls on deployed contracts only.",
  },
  FailedCall: {
    message: () => "The executed call failed without a reason.",
    hint: "Check the call's arguments against the target contract.",
  },
  InsufficientBalance: {
    message: ([balance, needed]) => `The manager holds ${balance} wei, ${needed} were needed.`,
    hint: "Send the call's value with execute.",
  },
  SafeCastOverflowedUintDowncast: {
    message: ([bits, value]) => `The value ${value} does not fit in ${bits} bits.`,
    hint: "Pass a smaller value (delays are 32-bit seconds, times 48-bit).",
  },
};

/** A token id as the SDK writes it in messages: 0x-prefixed hex (a token id is a 256-bit hash, unreadable in decimal). */
export const hexId = (tokenId: bigint): string => `0x${tokenId.toString(16)}`;

const when = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString();

/** The refusals every Cargo Rails contract makes alike (`IRailsErrors`), each under one name. */
export type RailsErrorName =
  "RailsNotVerified" | "RailsZeroAddress" | "RailsZeroAmount" | "RailsExpired" | "RailsInvalidSignature";

/**
 * The errors of `IRailsErrors`, which every Cargo Rails contract inherits: explained once, with hints that hold
 * whichever contract refused.
 */
export const railsErrors: Pick<ErrorTable<typeof participantRegistryAbi>, RailsErrorName> = {
  RailsNotVerified: {
    message: ([account]) =>
      `${account} is not a verified participant now (never registered, revoked, or its verification lapsed): it cannot hold or receive eBLs or deposit tokens.`,
    hint: "Have the registrar register or renew the account (participants.register / participants.update); check it with participants.isVerified(account).",
  },
  RailsZeroAddress: {
    message: () => "A zero address was passed where an address is required.",
    hint: "Pass the real address: the participant, the participant registry (at deployment), the registry or token to allow, or the recipient.",
  },
  RailsZeroAmount: {
    message: () => "The amount is zero.",
    hint: "Pass a positive amount.",
  },
  RailsExpired: {
    message: ([deadline, now]) => `The signed message expired at ${when(deadline)} (chain time ${when(now)}).`,
    hint: "Sign again with a later deadline: new settlement terms agreed by both parties, or a new permit from the eBL's holder (by the chain's clock, which can differ from yours).",
  },
  RailsInvalidSignature: {
    message: ([signer]) => `The signature is not ${signer}'s consent to this message.`,
    hint:
      "Have the signer sign exactly this message, with its current nonce: settlement.signTerms for settle, " +
      "settlement.signDeal for createDeal and depositPayment, settlement.signEblDeposit for a depositEbl sent by " +
      "someone other than the seller (each is refused by the others), ebl.signPermit for an eBL permit (its nonce " +
      "changes on every transfer and permit), deposits.<currency>.signPermit for a deposit permit. Any change of a " +
      "field needs a new signature.",
  },
};

/** Explanations of every custom error of the ParticipantRegistry. */
export const participantRegistryErrors: ErrorTable<typeof participantRegistryAbi> = {
  ...accessManagedErrors,
  ...railsErrors,
  ParticipantAlreadyRegistered: {
    message: ([account]) => `${account} is already registered (possibly lapsed, but not revoked).`,
    hint: "Use participants.update to change or renew the record; register is only for new or revoked accounts.",
  },
  ParticipantNotRegistered: {
    message: ([account]) => `${account} is not a registered participant (never registered, or revoked).`,
    hint: "Register the account first with participants.register.",
  },
  ParticipantInvalidJurisdiction: {
    message: ([jurisdiction]) => `The jurisdiction ${jurisdiction} is not two upper-case ASCII letters.`,
    hint: 'Pass an ISO 3166-1 alpha-2 code such as "HK" or "CN".',
  },
  ParticipantInvalidKinds: {
    message: ([kinds]) =>
      `The kinds bitmask ${kinds} is empty, holds undefined bits, or combines a custodian kind (settlement, custody) with another kind.`,
    hint: `Pass at least one of: ${kindNames.join(", ")}; settlement and custody only on their own (a custodian contract is never also a trader, bank, agent, carrier or regulator).`,
  },
  ParticipantExpiryNotInFuture: {
    message: ([validUntil, now]) =>
      `The verification would lapse at ${new Date(Number(validUntil) * 1000).toISOString()}, which is not after the chain's time ${new Date(Number(now) * 1000).toISOString()}.`,
    hint: "Pass a validUntil in the future (by the chain's clock, which can differ from yours).",
  },
  ParticipantBatchLengthMismatch: {
    message: ([accounts, records]) =>
      `A batch needs as many records as accounts, and at least one (got ${accounts} accounts, ${records} records).`,
    hint: "Pass a non-empty list of registrations.",
  },
};

/** OpenZeppelin's Pausable and EIP-712 short-string errors, shared by the eBL registry, deposits and settlement. */
const pausableErrors: Pick<
  ErrorTable<typeof billOfLadingRegistryAbi>,
  "EnforcedPause" | "ExpectedPause" | "InvalidShortString" | "StringTooLong"
> = {
  EnforcedPause: {
    message: () => "The contract is paused.",
    hint:
      "Wait until its pauser unpauses it; reads, and the operations documented to work while paused, still do. A " +
      "settlement refused this way may come from the settlement contract, the eBL registry or the deposit token: " +
      "read their paused().",
  },
  ExpectedPause: {
    message: () => "The contract is not paused.",
    hint: "Only unpause a paused contract.",
  },
  InvalidShortString: {
    message: () => "A string is not a valid short string.",
    hint: "This is a deployment problem of the EIP-712 domain; redeploy with a shorter name.",
  },
  StringTooLong: {
    message: ([str]) => `The string "${str}" is too long to be stored as a short string.`,
    hint: "Use a name of at most 31 bytes for the EIP-712 domain.",
  },
};

/** Explanations of every custom error of the BillOfLadingRegistry (eBL registry). */
export const billOfLadingRegistryErrors: ErrorTable<typeof billOfLadingRegistryAbi> = {
  ...accessManagedErrors,
  ...pausableErrors,
  ...railsErrors,
  ERC721IncorrectOwner: {
    message: ([sender, tokenId, owner]) => `${sender} is not the holder of eBL ${hexId(tokenId)}; ${owner} is.`,
    hint: "Pass the current holder as `from` (read it with ebl.holder(tokenId)).",
  },
  ERC721InsufficientApproval: {
    message: ([operator, tokenId]) => `${operator} is neither the holder of eBL ${hexId(tokenId)} nor approved for it.`,
    hint: "Send from the holder's account, or have the holder approve a verified settlement or custody contract.",
  },
  ERC721InvalidApprover: {
    message: ([approver]) => `${approver} cannot approve: it is not the holder or an operator of the holder.`,
    hint: "Approve from the holder's account.",
  },
  ERC721InvalidOperator: {
    message: ([operator]) => `${operator} cannot be an operator.`,
    hint: "Pass a verified settlement or custody contract other than the holder itself.",
  },
  ERC721InvalidOwner: {
    message: ([owner]) => `${owner} is not a valid holder.`,
    hint: "Pass a non-zero address.",
  },
  ERC721InvalidReceiver: {
    message: ([receiver]) => `${receiver} cannot receive eBLs (zero address, or a contract that refused it).`,
    hint: "Send to a verified participant; a contract receiver must implement onERC721Received.",
  },
  ERC721InvalidSender: {
    message: ([sender]) => `${sender} is not a valid sender.`,
    hint: "An eBL is only created by issue; transfer from its holder.",
  },
  ERC721NonexistentToken: {
    message: ([tokenId]) => `eBL ${hexId(tokenId)} does not exist (never issued, or burned).`,
    hint: "Check the token id (ebl.tokenIdOf(issuer, reference)) and its status (ebl.status(tokenId)).",
  },
  EblAlreadyIssued: {
    message: ([tokenId]) => `eBL ${hexId(tokenId)} was issued before; a B/L can never be issued twice.`,
    hint: "Use a new transport document reference; an amendment goes through surrenderForAmendment and issueAmendment.",
  },
  EblDocumentHashUnchanged: {
    message: ([tokenId, hash]) => `The amendment of eBL ${hexId(tokenId)} carries the current document hash ${hash}.`,
    hint: "Issue the amendment with the checksum of the amended document (documentChecksum(amended)).",
  },
  EblInvalidDocumentHash: {
    message: () => "The document hash is zero.",
    hint: "Pass the DCSA checksum of the transport document (documentChecksum(document)).",
  },
  EblInvalidReference: {
    message: ([reference]) =>
      `The transport document reference "${reference}" is empty, longer than 20 bytes, or starts or ends with whitespace.`,
    hint: "Use the carrier's B/L number as in the DCSA document: 1 to 20 bytes, no surrounding whitespace.",
  },
  EblInvalidStatus: {
    message: ([tokenId, status]) =>
      `eBL ${hexId(tokenId)} is ${enumName(billStatuses, status)}, which does not allow this action.`,
    hint: "Read its status with ebl.bill(tokenId): a surrender, switch to paper or end of life changes what is possible.",
  },
  EblInvalidTitleHolder: {
    message: ([account]) => `${account} cannot hold title: it is not a verified trader, bank or agent.`,
    hint: "Register the party with participants.register (kind trader, bank or agent), or name another party.",
  },
  EblIssuerNotVerifiedCarrier: {
    message: ([account]) => `${account} is not a verified carrier and cannot issue eBLs.`,
    hint: "Have the registrar register (or renew) the carrier with kind carrier.",
  },
  EblNoTitle: {
    message: ([tokenId, holder]) => `The holder ${holder} of eBL ${hexId(tokenId)} does not have title to it.`,
    hint: "Only the holder with title (title holder, bearer of a blank-endorsed eBL, or its custodian) may endorse or surrender; the title holder must endorse it first.",
  },
  EblNotHolder: {
    message: ([tokenId, account]) =>
      `${account} is neither the holder of eBL ${hexId(tokenId)} nor an operator it approved.`,
    hint: "Send from the holder's account (ebl.holder(tokenId)).",
  },
  EblNotIssuer: {
    message: ([tokenId, account]) => `${account} is not the carrier that issued eBL ${hexId(tokenId)}.`,
    hint: "Only the issuing carrier answers surrenders, amends and switches to paper; send from its account.",
  },
  EblNotOnLegalHold: {
    message: ([tokenId]) => `eBL ${hexId(tokenId)} is not on legal hold.`,
    hint: "Nothing to lift; check ebl.bill(tokenId).onLegalHold.",
  },
  EblNotRejectable: {
    message: ([tokenId]) => `eBL ${hexId(tokenId)} has no delivery its holder may reject.`,
    hint: "Only a transfer or endorse-and-deliver the sender made itself through act (not a custodian or operator) can be rejected, and only before the eBL moves, is permitted or is endorsed onward; ebl.handover(tokenId) shows the last one.",
  },
  EblRejectionWindowClosed: {
    message: ([tokenId, deadline]) =>
      `The window to reject the delivery of eBL ${hexId(tokenId)} closed at ${when(deadline)}.`,
    hint: "Rejection is possible for 7 days after the delivery; the holder may now transfer or endorse the eBL back instead.",
  },
  EblOnLegalHold: {
    message: ([tokenId]) =>
      `eBL ${hexId(tokenId)} is on legal hold: it cannot move or change until the hold is lifted.`,
    hint: "Ask the authority that placed the hold to lift it (liftLegalHold).",
  },
  EblOperatorNotCustodian: {
    message: ([operator]) =>
      `${operator} is not a verified settlement or custody participant, so it cannot be approved.`,
    hint: "Approvals may only name registered settlement or custody contracts (exclusive control); transfer the eBL instead.",
  },
  EblStraightNotEndorsable: {
    message: ([tokenId]) => `eBL ${hexId(tokenId)} is a straight B/L and cannot be endorsed.`,
    hint: "Transfer possession to the consignee (or its bank or agent) instead; title stays with the consignee.",
  },
  EblStraightRecipientNotAllowed: {
    message: ([tokenId, to]) =>
      `${to} may not receive the straight B/L ${hexId(tokenId)}: not its consignee, shipper or carrier, nor a verified bank, agent, settlement or custody participant.`,
    hint: "Transfer a straight B/L only to its consignee or a bank or agent acting for it.",
  },
};

/** Explanations of every custom error of the TokenizedDeposit (a bank's deposit token). */
export const tokenizedDepositErrors: ErrorTable<typeof tokenizedDepositAbi> = {
  ...accessManagedErrors,
  ...pausableErrors,
  ...railsErrors,
  DepositAccountFrozen: {
    message: ([account]) => `The account ${account} is frozen: it can neither send nor receive.`,
    hint: "Ask the issuing bank to unfreeze it; nothing else can move its deposits.",
  },
  DepositAccountNotFrozen: {
    message: ([account]) => `The account ${account} is not frozen.`,
    hint: "Nothing to unfreeze; a partial freeze is lifted with unfreezeAmount.",
  },
  DepositCustodianAccount: {
    message: ([account]) =>
      `${account} is a settlement or custody contract that holds deposits for others: no forced transfer or bank burn out of it.`,
    hint: "Act on the client's own account (the settlement contract refunds it first), or have the registrar remove the account's settlement and custody kinds before acting on the contract itself.",
  },
  DepositFreezeExceedsBalance: {
    message: ([account, balance, frozen]) =>
      `Freezing would make ${frozen} base units of ${account} frozen, more than its balance ${balance}.`,
    hint: "Freeze at most the account's balance minus what is already frozen.",
  },
  DepositFrozenAmountExceeded: {
    message: ([account, available, amount]) =>
      `${account} can move ${available} base units (the rest is frozen), less than ${amount}.`,
    hint: "Send at most availableBalance(account), or ask the bank to release the frozen part.",
  },
  DepositInvalidCurrency: {
    message: ([currency]) => `The currency ${currency} is not three upper-case letters.`,
    hint: 'Deploy with an ISO 4217 code such as "HKD".',
  },
  DepositInvalidDecimals: {
    message: ([decimals]) => `${decimals} decimals is more than the 18 allowed.`,
    hint: "Deploy with 0 to 18 decimals (2 for most fiat currencies).",
  },
  DepositInvalidIssuer: {
    message: ([issuer]) => `The issuer ${issuer} is not a verified bank.`,
    hint: "Register the issuing bank with kind bank before deploying its token.",
  },
  DepositInvalidRegistry: {
    message: () => "The participant registry did not answer a transfer's query with two words.",
    hint: "The token was deployed with a contract that is not the rails' ParticipantRegistry: it cannot move and must be redeployed with the registry's address.",
  },
  DepositSupplyCapAboveMaximum: {
    message: ([cap, maximum]) => `The supply cap ${cap} is above the token's hard bound MAX_SUPPLY (${maximum}).`,
    hint: "Set a cap of at most MAX_SUPPLY base units, or 0 for no cap (the bound applies anyway).",
  },
  DepositSupplyCapExceeded: {
    message: ([supply, cap]) => `The mint would raise the supply to ${supply} base units, above the cap ${cap}.`,
    hint: "Mint less, or have the cap manager raise the cap (setSupplyCap).",
  },
  DepositUnfreezeExceedsFrozen: {
    message: ([account, frozen, amount]) =>
      `Only ${frozen} base units of ${account} are frozen, less than the ${amount} to release.`,
    hint: "Release at most frozenAmount(account).",
  },
  DepositZeroReference: {
    message: () => "The bank reference, payout reference or reason code is zero.",
    hint: "Pass the reference of the booking (a short text or 32 bytes of hex) so that the ledger reconciles.",
  },
  ECDSAInvalidSignature: {
    message: () => "The signature is not a valid ECDSA signature.",
    hint: "Sign again with the SDK's signing helpers; do not alter the signature bytes.",
  },
  ECDSAInvalidSignatureLength: {
    message: ([length]) => `The signature is ${length} bytes long, not 65.`,
    hint: "Pass the 65-byte signature as produced by signTypedData.",
  },
  ECDSAInvalidSignatureS: {
    message: ([s]) => `The signature's s value ${s} is in the upper half (a malleable signature).`,
    hint: "Sign again with a standard signer; it produces low-s signatures.",
  },
  ERC20InsufficientAllowance: {
    message: ([spender, allowance, needed]) =>
      `${spender} may spend ${allowance} base units, less than the ${needed} needed.`,
    hint: "Have the owner approve more (approve, or a signed permit); a buyer approves the market's payment rail (settlement.paymentRailOf), not the settlement contract.",
  },
  ERC20InsufficientBalance: {
    message: ([sender, balance, needed]) => `${sender} holds ${balance} base units, less than the ${needed} needed.`,
    hint: "Send less, or fund the account first (the bank mints against a deposit).",
  },
  ERC20InvalidApprover: {
    message: ([approver]) => `${approver} cannot approve.`,
    hint: "Approve from a non-zero account.",
  },
  ERC20InvalidReceiver: {
    message: ([receiver]) => `${receiver} cannot receive tokens.`,
    hint: "Send to a verified participant's address, not the zero address.",
  },
  ERC20InvalidSender: {
    message: ([sender]) => `${sender} cannot send tokens.`,
    hint: "Send from a non-zero account.",
  },
  ERC20InvalidSpender: {
    message: ([spender]) => `${spender} cannot be approved.`,
    hint: "Approve a non-zero spender.",
  },
  ERC2612ExpiredSignature: {
    message: ([deadline]) => `The permit expired at ${when(deadline)}.`,
    hint: "Have the owner sign a new permit with a later deadline.",
  },
  ERC2612InvalidSigner: {
    message: ([signer, owner]) => `The permit was signed by ${signer}, not by the owner ${owner}.`,
    hint: "Have the owner sign the permit, with its current nonce.",
  },
  ERC3009AuthorizationExpired: {
    message: ([validBefore, now]) => `The authorization expired at ${when(validBefore)} (chain time ${when(now)}).`,
    hint: "Have the payer sign a new authorization with a later validBefore.",
  },
  ERC3009AuthorizationNotYetValid: {
    message: ([validAfter, now]) =>
      `The authorization is valid only after ${when(validAfter)} (chain time ${when(now)}).`,
    hint: "Submit it later, or have the payer sign one with an earlier validAfter.",
  },
  ERC3009CallerNotPayee: {
    message: ([caller, payee]) => `${caller} submitted a receive authorization whose payee is ${payee}.`,
    hint: "Only the payee may submit receiveWithAuthorization; use transferWithAuthorization for a relayer.",
  },
  ERC3009InvalidAuthorizationTime: {
    message: ([validAfter, validBefore]) =>
      `The authorization's window is empty (validAfter ${validAfter}, validBefore ${validBefore}).`,
    hint: "Sign with validAfter before validBefore.",
  },
  ERC3009InvalidSignature: {
    message: () => "The authorization is not signed by the payer (or its fields differ from what was signed).",
    hint: "Submit exactly the fields that were signed, with the payer's signature; sign again if in doubt.",
  },
  ERC3009UsedAuthorization: {
    message: ([authorizer, nonce]) => `The authorization ${nonce} of ${authorizer} was already used or cancelled.`,
    hint: "Each authorization works once; have the payer sign a new one with a fresh nonce.",
  },
  InvalidAccountNonce: {
    message: ([account, nonce]) => `The nonce of ${account} is ${nonce}, not the one signed.`,
    hint: "Sign the permit again with the account's current nonce.",
  },
};

/** @internal Explanations of the custom errors both settlement contracts share (SettlementCore). */
/** @internal The errors SignedSettlement and EscrowedDeals share (and other contracts with the same OpenZeppelin parts). */
export const settlementCoreErrors = {
  ...accessManagedErrors,
  ...pausableErrors,
  ...railsErrors,
  ReentrancyGuardReentrantCall: {
    message: () => "The settlement contract was re-entered.",
    hint: "A token or receiver called back into the settlement; use the rails' own deposit tokens and registry.",
  },
  SafeERC20FailedOperation: {
    message: ([token]) => `The payment token ${token} refused the transfer.`,
    hint: "Check the buyer's balance and its allowance to the market's payment rail (settlement.paymentRailOf), and that the token is a Cargo Rails deposit token.",
  },
  SettlementAssetInEscrow: {
    message: ([asset, amountOrTokenId]) =>
      `${amountOrTokenId} of ${asset} is held for an open deal (or exceeds what is held outside deals).`,
    hint: "Only stray assets can be recovered; escrowed ones leave through settlement, cancellation or refund.",
  },
  SettlementConditionRefused: {
    message: ([condition]) => `The condition ${condition} named by the terms did not answer as a settlement condition.`,
    hint: "Name a contract that implements ISettlementCondition (or the zero address for none) in terms.condition.",
  },
  SettlementDocumentChanged: {
    message: ([agreed, current]) =>
      `The eBL's document changed: the terms name ${agreed}, the eBL now carries ${current}.`,
    hint: "The B/L was amended; agree new terms on its current document (ebl.document(tokenId)).",
  },
  SettlementEblNotAuthorized: {
    message: ([tokenId]) => `The settlement contract is not approved for eBL ${hexId(tokenId)}.`,
    hint: "Have the seller sign an eBL permit for this contract (settlement.signAsSeller, settlement.signEblPermit with the way) or approve it (ebl.approve).",
  },
  SettlementInvalidAmount: {
    message: ([amount]) => `The amount ${amount} does not fit in 128 bits.`,
    hint: "Pass a price below 2^128 base units.",
  },
  SettlementInvalidParties: {
    message: () =>
      "The terms have a zero party or recipient, the same seller and buyer, an eBL recipient equal to the seller, a payment recipient equal to the buyer, or the settlement contract as a recipient.",
    hint: "Check seller, buyer, eblRecipient and paymentRecipient.",
  },
  SettlementMarketClosed: {
    message: ([registry, paymentToken]) => `No market is open for eBLs of ${registry} paid in ${paymentToken}.`,
    hint: "Ask the settlement admin to open it in this contract (settlement.setMarket with the token's payment rail), or pay in a token whose market is open (settlement.paymentRailOf).",
  },
  SettlementNotParty: {
    message: ([caller]) => `${caller} is neither the seller nor the buyer of these terms.`,
    hint: "Send from the seller's or the buyer's account.",
  },
  SettlementSellerNotHolder: {
    message: ([seller, holder]) => `The seller ${seller} does not hold the eBL; ${holder} does.`,
    hint: "The seller must hold the eBL when it settles; agree terms with the current holder.",
  },
  SettlementTermsUsed: {
    message: ([termsHash, status]) =>
      `The terms ${termsHash} are already ${enumName(termsStatuses, status)}; terms settle at most once.`,
    hint: "Agree new terms (another salt) for a new settlement.",
  },
  SettlementTitleMismatch: {
    message: ([tokenId, titleHolder, holder]) =>
      `After delivery eBL ${hexId(tokenId)} has title holder ${titleHolder} and holder ${holder}, not those the terms name; the settlement was undone.`,
    hint: "Something acted on the eBL during delivery (a receiving contract's onERC721Received); receive it without moving or endorsing it in the same call.",
  },
  SettlementTitleNotDeliverable: {
    message: ([tokenId, expected, current]) =>
      `The terms promise title to eBL ${hexId(tokenId)} to ${expected === zeroAddress ? "the bearer (blank endorsed)" : expected}, ` +
      `but the title is with ${current === zeroAddress ? "the bearer (blank endorsed)" : current} and the seller cannot endorse it now.`,
    hint: "Check ebl.bill(tokenId): a straight B/L keeps its consignee as title recipient; a to-order B/L needs a holder with title and no legal hold. Agree terms on the eBL's actual title.",
  },
  SettlementUnsolicitedEbl: {
    message: ([operator, tokenId]) => `eBL ${hexId(tokenId)} was pushed to the settlement contract by ${operator}.`,
    hint: "eBLs enter EscrowedDeals only through a deal deposit (settlement.depositEbl); SignedSettlement never holds one.",
  },
} satisfies Partial<ErrorTable<typeof signedSettlementAbi>> & Partial<ErrorTable<typeof escrowedDealsAbi>>;

/** Explanations of every custom error of the SignedSettlement contract. */
export const signedSettlementErrors: ErrorTable<typeof signedSettlementAbi> = {
  ...settlementCoreErrors,
  SettlementBatchGasTooLow: {
    message: ([index, needed, left]) =>
      `Only ${left} gas was left for batch item ${index}, which needs ${needed} to run with its full allowance.`,
    hint:
      "Send the batch with a higher gas limit (let the node estimate it); each item runs with BATCH_ITEM_GAS, so a " +
      "batch needs that much headroom above what its items use.",
  },
  SettlementOnlySelf: {
    message: () => "Only the settlement contract itself may call settleBatchItem.",
    hint: "Use settlement.settleBatch.",
  },
};

/** Explanations of every custom error of the EscrowedDeals contract. */
export const escrowedDealsErrors: ErrorTable<typeof escrowedDealsAbi> = {
  ...settlementCoreErrors,
  SettlementDealNotOpen: {
    message: ([dealId, status]) => `Deal ${dealId} is ${enumName(termsStatuses, status)}, not open.`,
    hint: "Check the deal with settlement.deal(dealId); pass exactly the terms the deal was created with.",
  },
  SettlementEblAlreadyDeposited: {
    message: ([dealId]) => `Deal ${dealId} already holds the eBL.`,
    hint: "Nothing to do: the deal settles when the payment is complete.",
  },
  SettlementEblInOpenDeal: {
    message: ([registry, tokenId, dealId]) =>
      `eBL ${hexId(tokenId)} of ${registry} is held in custody by EscrowedDeals for the deal ${dealId}.`,
    hint: "Settle it in that deal, or have a party cancel the deal (settlement.cancelDeal) so that it returns to the seller first.",
  },
  SettlementNotExpired: {
    message: ([dealId, deadline]) => `Deal ${dealId} is open until ${when(deadline)}.`,
    hint: "Before the deadline only the seller or the buyer can end the deal (settlement.cancelDeal).",
  },
  SettlementNothingToRefund: {
    message: ([dealId]) => `Deal ${dealId} has nothing to refund (settled, or nothing left in custody).`,
    hint: "Check the deal with settlement.deal(dealId).",
  },
  SettlementOverpayment: {
    message: ([dealId, remaining, amount]) =>
      `Deal ${dealId} still needs ${remaining} base units; ${amount} is more than that.`,
    hint: "Pay at most what the deal still needs (its price minus settlement.deal(dealId).paidBaseUnits).",
  },
  SettlementPaymentShortfall: {
    message: ([expected, received]) => `The deal's custody received ${received} base units instead of ${expected}.`,
    hint: "The payment token takes a fee or misbehaves; pay with a Cargo Rails deposit token.",
  },
  SettlementReturnGasTooLow: {
    message: ([needed, left]) =>
      `Only ${left} gas was left to return a leg, which needs ${needed} to run with its full allowance.`,
    hint:
      "Send cancelDeal or refund with a higher gas limit (let the node estimate it); each leg's return runs with " +
      "RETURN_GAS. Nothing was returned or changed.",
  },
};

/** Explanations of every custom error of the DepositRail (the single-bank payment rail). */
export const depositRailErrors: ErrorTable<typeof depositRailAbi> = {
  ...accessManagedErrors,
  ...railsErrors,
  SafeERC20FailedOperation: settlementCoreErrors.SafeERC20FailedOperation,
  RailUnauthorizedCaller: {
    message: ([caller]) => `${caller} is not a settlement contract this payment rail serves.`,
    hint: "Payments go through the settlement contracts (settle, depositPayment); nobody calls the rail directly.",
  },
  RailPaymentShortfall: {
    message: ([expected, received]) => `The payment delivered ${received} base units instead of ${expected}.`,
    hint: "The payment token takes a fee or misbehaves; pay with a Cargo Rails deposit token.",
  },
};

/** Explanations of every custom error of a WholesaleReserve (tokenized reserves of one currency). */
export const wholesaleReserveErrors: ErrorTable<typeof wholesaleReserveAbi> = {
  ...pausableErrors,
  ...railsErrors,
  ERC20InsufficientAllowance: tokenizedDepositErrors.ERC20InsufficientAllowance,
  ERC20InsufficientBalance: tokenizedDepositErrors.ERC20InsufficientBalance,
  ERC20InvalidApprover: tokenizedDepositErrors.ERC20InvalidApprover,
  ERC20InvalidReceiver: tokenizedDepositErrors.ERC20InvalidReceiver,
  ERC20InvalidSender: tokenizedDepositErrors.ERC20InvalidSender,
  ERC20InvalidSpender: tokenizedDepositErrors.ERC20InvalidSpender,
  OwnableUnauthorizedAccount: {
    message: ([account]) => `${account} is not the central bank that owns these reserves.`,
    hint: "Only the currency's central bank (reserves.owner) issues, redeems, pauses and admits settlement agents.",
  },
  OwnableInvalidOwner: {
    message: ([owner]) => `${owner} cannot own the reserves.`,
    hint: "Hand over to the central bank's new account with transferOwnership, then acceptOwnership from it.",
  },
  ReserveHolderNotBank: {
    message: ([account]) =>
      `${account} is not a verified bank: reserves are held, sent and received by verified banks only.`,
    hint: "Have the registrar register it as a bank (kind bank), or pay another bank.",
  },
  ReserveIssuerNotCentralBank: {
    message: ([issuer]) =>
      issuer === zeroAddress
        ? "Reserves cannot be left without an issuer."
        : `The reserves' owner ${issuer} is not a verified central bank now.`,
    hint: "Have the registrar register or renew the central bank (kind centralBank); hand over with transferOwnership / acceptOwnership.",
  },
  ReserveUnauthorizedAgent: {
    message: ([caller]) => `${caller} is not a settlement system the central bank admitted.`,
    hint: "The central bank admits settlement systems with setSettlementAgent (reserves.isSettlementAgent tells).",
  },
  ReserveInvalidCurrency: {
    message: ([currency]) => `${currency} is not three upper-case ASCII letters.`,
    hint: "Pass an ISO 4217 alphabetic code such as HKD or CNH.",
  },
  ReserveInvalidDecimals: {
    message: ([decimals]) => `${decimals} decimals is above 18.`,
    hint: "Use the decimals of the currency's deposit tokens (commonly 2).",
  },
  ReserveZeroReference: {
    message: () => "The booking reference or payment id is zero.",
    hint: "Pass the central bank's booking reference or the payment id.",
  },
};

/** Explanations of every custom error of InterbankPayments (payments between banks and currencies). */
export const interbankPaymentsErrors: ErrorTable<typeof interbankPaymentsAbi> = {
  ...accessManagedErrors,
  ...pausableErrors,
  ...railsErrors,
  ReentrancyGuardReentrantCall: settlementCoreErrors.ReentrancyGuardReentrantCall,
  InvalidShortString: settlementCoreErrors.InvalidShortString,
  StringTooLong: settlementCoreErrors.StringTooLong,
  InterbankNotIssuer: {
    message: ([depositToken, caller]) => `${caller} is not the issuing bank of the deposit token ${depositToken}.`,
    hint: "A bank opts in for its own deposit token, from the token's issuer account (deposits.<currency>.issuer).",
  },
  InterbankReserveMismatch: {
    message: ([depositToken, reserve]) =>
      `The reserves ${reserve} are not in the currency (or decimals) of the deposit token ${depositToken}.`,
    hint: "Name the reserves of the token's own currency, with the same decimals.",
  },
  InterbankBankNotOpen: {
    message: ([depositToken]) =>
      `The bank of the deposit token ${depositToken} does not take part in interbank payments.`,
    hint: "The bank opts in with setBankAccount (interbank.bankAccount tells), or pay at a bank that has.",
  },
  InterbankOutflowCapacityExceeded: {
    message: ([depositToken, capacity, amount]) =>
      `The bank of ${depositToken} allows ${capacity} base units more out through interbank payments; the payment needs ${amount}.`,
    hint: "Ask the payer's bank to raise its outflow capacity (setBankAccount), or pay less.",
  },
  InterbankInflowCapacityExceeded: {
    message: ([depositToken, capacity, amount]) =>
      `The bank of ${depositToken} accepts ${capacity} base units more through interbank payments; the payment brings ${amount}.`,
    hint: "Ask the payee's bank to raise its inflow capacity (setBankAccount), or pay less.",
  },
  InterbankNotPayer: {
    message: ([caller, payer]) => `${caller} is not the payer ${payer}.`,
    hint: "Send the payment from the payer's account; a settlement pays for its buyer through the cross-bank settlement.",
  },
  InterbankSameToken: {
    message: ([depositToken]) => `Payer and payee both use ${depositToken}: that is a payment within one bank.`,
    hint: "Transfer the deposit token (or settle through the single-bank settlement contracts).",
  },
  InterbankPaymentIdUsed: {
    message: ([paymentId]) => `The payment id ${paymentId} is zero or was used before.`,
    hint: "Give each payment its own non-zero id (interbank.isPaymentIdUsed tells).",
  },
  InterbankAmountMismatch: {
    message: ([payAmount, receiveAmount]) =>
      `In one currency the payee must receive what the payer pays: ${payAmount} paid, ${receiveAmount} to receive.`,
    hint: "Pass the same amount for both sides.",
  },
  InterbankQuoteNotExpected: {
    message: ([dealer]) => `A payment in one currency named the FX quote of dealer ${dealer}.`,
    hint: "Pass an empty quote (all zero) and no dealer signature in one currency.",
  },
  InterbankQuotePairMismatch: {
    message: ([payReserve, receiveReserve]) =>
      `The quote is for ${payReserve} → ${receiveReserve}, not the payer's and payee's banks' reserves.`,
    hint: "Take a quote for the payer's currency into the payee's (fx.quote with the banks' reserves).",
  },
  InterbankQuoteTakerMismatch: {
    message: ([taker, payer]) => `The quote is made out to ${taker}, not to the payer ${payer}.`,
    hint: "Ask the dealer for a quote naming this payer as taker (or none).",
  },
  InterbankQuoteUsed: {
    message: ([dealer, nonce]) => `Dealer ${dealer}'s quote ${nonce} was already taken or cancelled.`,
    hint: "Ask the dealer for a new quote (a new nonce).",
  },
  InterbankQuoteSizeExceeded: {
    message: ([maxPayAmount, payAmount]) =>
      `The quote takes at most ${maxPayAmount} base units; the payment is ${payAmount}.`,
    hint: "Ask the dealer for a quote of at least the amount paid.",
  },
  InterbankQuoteRateExceeded: {
    message: ([quoted, receiveAmount]) =>
      `The quote gives ${quoted} base units for the amount paid; the payee was to receive ${receiveAmount}.`,
    hint: "Compute what the payee receives from the quote (fx.quotedAmount, rounded down).",
  },
};

/** Explanations of every custom error of the CrossBankSettlement contract. */
export const crossBankSettlementErrors: ErrorTable<typeof crossBankSettlementAbi> = {
  ...settlementCoreErrors,
  SettlementPayeeShortPaid: {
    message: ([expected, received]) =>
      `The payee received ${received} base units of the payee token instead of ${expected}; the settlement was undone.`,
    hint: "The market's rail did not pay: have the settlement admin route it to InterbankPayments (crossBank.paymentRailOf).",
  },
  SettlementCrossBankTermsRequired: {
    message: () => "Cross-bank terms are cancelled with cancelCrossBankTerms, not cancelTerms.",
    hint: "Call cancelCrossBankTerms with the cross-bank terms.",
  },
};

/** Explanations of every custom error of the EblGateway contract. */
export const eblGatewayErrors: ErrorTable<typeof eblGatewayAbi> = {
  ...accessManagedErrors,
  ...railsErrors,
  EnforcedPause: pausableErrors.EnforcedPause,
  ExpectedPause: pausableErrors.ExpectedPause,
  ReentrancyGuardReentrantCall: settlementCoreErrors.ReentrancyGuardReentrantCall,
  GatewayUnauthorizedTransport: {
    message: ([caller]) => `${caller} is not a transport the eBL gateway trusts to deliver messages.`,
    hint: "Only the gateway's transport adapter delivers; an admin sets it with setTransport.",
  },
  GatewayNoTransport: {
    message: () => "The eBL gateway has no transport: nothing can be sent to another chain.",
    hint: "The cross-chain admin sets the transport adapter with setTransport (the deployment does).",
  },
  GatewayTransportInUse: {
    message: ([transport]) => `The transport ${transport} is the one that sends; it cannot be revoked.`,
    hint: "Set the new transport first (setTransport), then revoke the old one once nothing is in flight on it.",
  },
  GatewayTransferReplayed: {
    message: ([transferId]) => `The cross-chain transfer ${transferId} was processed here before.`,
    hint: "A transfer is imported (or refused) at most once; read crossChain.inboundTransfer for what became of it.",
  },
  GatewayUnknownTransfer: {
    message: ([transferId, origin]) =>
      `A refusal from chain ${origin} names the transfer ${transferId}, which was not sent there from here or was answered.`,
    hint: "Refusals only answer this gateway's own transfers, once; read crossChain.outboundTransfer(transferId).",
  },
  GatewayNothingToRestore: {
    message: ([transferId]) => `The cross-chain transfer ${transferId} is not refused and waiting to be restored.`,
    hint: "Only a refused transfer whose eBL did not go back to its holder can be restored; read crossChain.outboundTransfer.",
  },
  GatewayUnknownMessage: {
    message: ([kind]) => `The cross-chain message is of kind ${kind}, which no gateway of the rails sends.`,
    hint: "Messages come only from the peer gateway, through the transport; check the transport's enrolled peers.",
  },
  GatewayInsufficientFee: {
    message: ([required, provided]) => `The transport needs a fee of ${required} wei; ${provided} wei was provided.`,
    hint: "Send at least crossChain.quoteExport(...) as value; a refusal's fee comes from the gateway's balance, which its operator funds.",
  },
  GatewayInsufficientGas: {
    message: ([required, left]) => `The delivery needs at least ${required} gas at the gateway; ${left} was left.`,
    hint: "Relay the message again with a higher gas limit: the gateway never refuses a transfer for lack of gas.",
  },
  GatewayPaymentFailed: {
    message: ([to, amount]) => `Sending ${amount} wei to ${to} failed.`,
    hint: "The recipient must accept native currency; pay from an account that does, or withdraw to another address.",
  },
};

/** Explanations of every custom error of the TradeDocumentRegistry contract. */
export const tradeDocumentRegistryErrors: ErrorTable<typeof tradeDocumentRegistryAbi> = {
  ...accessManagedErrors,
  ...railsErrors,
  DocumentUnknownType: {
    message: ([documentType]) => `Document type ${documentType} is not defined (or disabled): nobody may issue it.`,
    hint: "Use a defined type (documents.issuerKindsOf); the DOCUMENT ADMIN defines new ones with setDocumentType.",
  },
  DocumentIssuerNotQualified: {
    message: ([issuer, documentType]) =>
      `${issuer} is not verified as a kind of participant that may issue documents of type ${documentType}.`,
    hint: "Check documents.issuerKindsOf(type) and the issuer's verification (participants.get); the registrar renews or extends it.",
  },
  DocumentAlreadyRegistered: {
    message: ([documentId]) => `The document ${documentId} is registered already (issued, superseded or revoked).`,
    hint: "A new version of the same document is a supersede; a new document needs its own document number.",
  },
  DocumentNotFound: {
    message: ([documentId]) => `No document has the id ${documentId}.`,
    hint: "Compute the id from the issuer, the type and the document number (documentIdOf), or read documentsOf(subject).",
  },
  DocumentNotIssuer: {
    message: ([documentId, caller]) =>
      `${caller} did not issue the document ${documentId}: only its issuer may change it.`,
    hint: "Send the supersede or revoke from the issuer's account.",
  },
  DocumentIsRevoked: {
    message: ([documentId]) => `The document ${documentId} is revoked: it can no longer change.`,
    hint: "A revoked document is final; register the replacement under a new document number.",
  },
  DocumentInvalidHash: {
    message: ([sha256Hash]) =>
      `${sha256Hash} is not a valid SHA-256 for this document (zero, or the current version's own hash).`,
    hint: "Pass the SHA-256 of the document (of its RFC 8785 canonical JSON, or of the file's bytes); a new version must differ.",
  },
  DocumentNoSubject: {
    message: () => "A document must belong to an eBL or a deal: the subject contract is zero.",
    hint: "Pass the eBL registry and the token id (or the deal contract and the deal id).",
  },
  DocumentInvalidReason: {
    message: () => "A revocation needs a reason of 1 to 256 bytes.",
    hint: "Give a short reason in words; it is kept in the event only.",
  },
};

/** Explanations of every custom error of the DocumentsCondition contract. */
export const documentsConditionErrors: ErrorTable<typeof documentsConditionAbi> = {
  ...railsErrors,
  DocumentsUnknownRequirement: {
    message: ([requirementId]) => `The terms name the document requirement ${requirementId}, which was never defined.`,
    hint: "Define the requirement (defineRequirement) before the terms are signed; its id is the hash of its list.",
  },
  DocumentsInvalidRequirement: {
    message: () => "A document requirement must list 1 to 16 documents, each once, with a type and an id.",
    hint: "Fix the list and define it again.",
  },
  DocumentsMissing: {
    message: ([documentId]) => `The required document ${documentId} is not in the document registry.`,
    hint: "Its issuer must register it (bound to the eBL traded) before the settlement.",
  },
  DocumentsRevoked: {
    message: ([documentId]) => `The required document ${documentId} was revoked by its issuer.`,
    hint: "The settlement cannot go ahead on it: agree new terms naming a requirement with the replacement document.",
  },
  DocumentsWrongType: {
    message: ([documentId, required, actual]) =>
      `The required document ${documentId} is of type ${actual}, not ${required} as the requirement says.`,
    hint: "The requirement names the wrong document; define one with the right document for each type.",
  },
  DocumentsNotBound: {
    message: ([documentId, registry, tokenId]) =>
      `The required document ${documentId} is not bound to the eBL ${hexId(tokenId)} of ${registry} that the terms trade.`,
    hint: "Require the documents registered for this eBL (documents.documentsOf(registry, tokenId)).",
  },
  DocumentsIssuerNotQualified: {
    message: ([documentId, issuer]) =>
      `The issuer ${issuer} of the required document ${documentId} is no longer verified as a kind that may issue it.`,
    hint: "The registrar must renew the issuer's verification, or the document be reissued by a qualified issuer.",
  },
};

const CONSENT_PURPOSES = ["none", "financing", "compliance", "tradeVerification"] as const;
const purposeName = (purpose: number) => CONSENT_PURPOSES[purpose] ?? `purpose ${purpose}`;

/** Explanations of every custom error of the ConsentRegistry contract. */
export const consentRegistryErrors: ErrorTable<typeof consentRegistryAbi> = {
  ...railsErrors,
  InvalidShortString: settlementCoreErrors.InvalidShortString,
  StringTooLong: settlementCoreErrors.StringTooLong,
  ConsentNotFound: {
    message: ([grantId]) => `No consent has the grant id ${grantId}.`,
    hint: "The id is keccak256(abi.encode(owner, nonce)) with the owner's nonce at the time; take it from the ConsentGranted event.",
  },
  ConsentNotOwner: {
    message: ([grantId, caller]) =>
      `${caller} is not the owner of the consent ${grantId}: only its owner may revoke it.`,
    hint: "Send the revocation from the data owner's account, or relay the owner's signed ConsentRevocation.",
  },
  ConsentNotGrantee: {
    message: ([grantId, account]) =>
      `${account} is not the grantee of the consent ${grantId}: only the grantee may read under it.`,
    hint: "Ask the data owner for a consent of your own.",
  },
  ConsentRevokedGrant: {
    message: ([grantId]) => `The consent ${grantId} was revoked by its owner.`,
    hint: "Nothing can be read under it any more; ask the data owner for a new consent.",
  },
  ConsentExpired: {
    message: ([grantId, expiresAt, now]) =>
      `The consent ${grantId} expired at ${when(BigInt(expiresAt))} (chain time ${when(now)}).`,
    hint: "Ask the data owner for a new consent.",
  },
  ConsentInvalidTerms: {
    message: ([reason]) => `The consent terms are malformed: ${reason}.`,
    hint: "grantee: a verified participant other than the owner; documentTypes: non-zero, bit 0 clear; target and targetId: zero for OwnerDocuments, the eBL registry (and token id) for BillDocuments, a verified provider (and zero) for ProviderFeed; purpose: not none; expiresAt: in the future.",
  },
  ConsentWrongPurpose: {
    message: ([grantId, granted, purpose]) =>
      `The consent ${grantId} is for ${purposeName(granted)}, not for ${purposeName(purpose)}.`,
    hint: "State the purpose the owner consented to, or ask for a consent for this purpose.",
  },
  ConsentOutOfScope: {
    message: ([grantId, documentId]) =>
      `The document ${documentId} is outside the scope of the consent ${grantId} (another owner, type, eBL or data provider).`,
    hint: "Read the grant (grantOf) and ask only for the owner's documents of its types, on its eBL or from its provider.",
  },
  ConsentDocumentUnavailable: {
    message: ([documentId]) => `The document ${documentId} is unknown or revoked in the trade document registry.`,
    hint: "Check the document id (documentIdOf), or ask the issuer for the replacement of a revoked document.",
  },
  ConsentRequestReplayed: {
    message: ([requestHash]) => `The data request ${requestHash} was recorded already.`,
    hint: "Sign a new request with a fresh nonce.",
  },
  ConsentInvalidNonce: {
    message: ([owner, nonce]) => `${nonce} is not the next grant nonce of ${owner} (used, or not yet reached).`,
    hint: "Read nonces(owner) and have the owner sign the grant again with it.",
  },
  ConsentBatchLengthMismatch: {
    message: ([requests, signatures]) =>
      `The batch has ${requests} requests but ${signatures} signatures: one signature per request.`,
    hint: "Pass the grantee's signature of each request, in the same order.",
  },
};

/**
 * Every explanation the SDK knows, by custom error name. A contract's table is added here with one spread; names
 * shared by several contracts (`railsErrors`, the AccessManaged and OpenZeppelin errors) must mean the same everywhere.
 */
const explanations: Record<string, { message: (args: never) => string; hint: string } | undefined> = {
  ...participantRegistryErrors,
  ...billOfLadingRegistryErrors,
  ...tokenizedDepositErrors,
  ...signedSettlementErrors,
  ...escrowedDealsErrors,
  ...depositRailErrors,
  ...railsAccessManagerErrors,
  ...wholesaleReserveErrors,
  ...interbankPaymentsErrors,
  ...crossBankSettlementErrors,
  ...eblGatewayErrors,
  ...tradeDocumentRegistryErrors,
  ...documentsConditionErrors,
  ...consentRegistryErrors,
};

/**
 * @internal Teaches the decoding the custom errors of contracts outside the core entry (the trade-finance contracts of
 * `@cargo-rails/sdk/trade-finance`, added when that entry binds to a client): their explanations, and their ABI's
 * errors, so that one bubbling up from a call they make is decoded too. Names the SDK explains already keep their
 * explanation (a shared error means the same everywhere); adding the same table again changes nothing.
 */
export function addErrorExplanations(table: Readonly<Record<string, ErrorExplanation<never>>>, abi: Abi): void {
  // A name the core explains already (ERC-721, OpenZeppelin, the rails' shared errors) keeps its explanation: a
  // revert of the eBL registry must not read as one of another contract's.
  for (const [name, explanation] of Object.entries(table)) explanations[name] ??= explanation;
  const known = new Set(allErrorsAbi.map((item) => JSON.stringify(item)));
  for (const item of abi) {
    if (item.type === "error" && !known.has(JSON.stringify(item))) (allErrorsAbi as Abi[number][]).push(item);
  }
}

/** @internal The custom errors of every Cargo Rails contract: a revert bubbling up from another contract decodes too. */
export const allErrorsAbi: Abi = [
  ...participantRegistryAbi,
  ...billOfLadingRegistryAbi,
  ...tokenizedDepositAbi,
  ...signedSettlementAbi,
  ...escrowedDealsAbi,
  ...depositRailAbi,
  ...railsAccessManagerAbi,
  ...wholesaleReserveAbi,
  ...interbankPaymentsAbi,
  ...crossBankSettlementAbi,
  ...eblGatewayAbi,
  ...tradeDocumentRegistryAbi,
  ...documentsConditionAbi,
  ...consentRegistryAbi,
].filter((item) => item.type === "error");

const PANIC_REASONS: Record<number, string> = {
  0x01: "an assertion failed",
  0x11: "an arithmetic operation overflowed or underflowed",
  0x12: "division or modulo by zero",
  0x21: "a value was out of range for an enum",
  0x31: "pop() on an empty array",
  0x32: "an array index was out of bounds",
  0x41: "too much memory was allocated",
  0x51: "an uninitialised function was called",
};

function formatArg(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  } catch {
    return String(value);
  }
}

/** Which arguments of the custom error `errorName` are token ids (written in hex), from the ABI's parameter names. */
function tokenIdArgs(errorName: string): boolean[] {
  const item = allErrorsAbi.find((entry) => entry.type === "error" && entry.name === errorName);
  return item?.type === "error" ? item.inputs.map((input) => input.name === "tokenId") : [];
}

function explain(
  errorName: string,
  args: readonly unknown[],
  context: {
    data?: Hex | undefined;
    contractAddress?: Address | undefined;
    functionName?: string | undefined;
    cause: unknown;
  },
): ContractRevertError {
  const where = `${context.functionName ? `\`${context.functionName}\`` : "The call"}${context.contractAddress ? ` on ${context.contractAddress}` : ""}`;
  let shortMessage: string;
  let hint: string | undefined;
  const explanation = explanations[errorName];
  if (explanation) {
    shortMessage = explanation.message(args as never);
    hint = explanation.hint;
  } else if (errorName === "Error") {
    shortMessage = `The contract reverted: ${String(args[0])}`;
  } else if (errorName === "Panic") {
    shortMessage = `The contract panicked: ${PANIC_REASONS[Number(args[0])] ?? `code ${String(args[0])}`}.`;
    hint = "A panic is a bug or an unchecked input in the contract; report it with the transaction's inputs.";
  } else if (errorName === "UnknownRevert") {
    shortMessage = `${where} reverted${context.data && context.data !== "0x" ? ` with data the ABI does not know (${context.data.slice(0, 10)})` : " without a reason"}.`;
    hint = "Check that the address is the right contract for this ABI and that the SDK is as recent as the deployment.";
  } else {
    shortMessage = `The contract reverted with ${errorName}.`;
  }
  return new ContractRevertError({
    errorName,
    args,
    shortMessage,
    details: `${where} reverted with ${errorName}(${args.map((arg, i) => (tokenIdArgs(errorName)[i] && typeof arg === "bigint" ? hexId(arg) : formatArg(arg))).join(", ")}).`,
    hint,
    data: context.data,
    contractAddress: context.contractAddress,
    functionName: context.functionName,
    cause: context.cause,
  });
}

/**
 * Turns an error thrown by viem into the SDK's typed errors:
 * - a revert becomes a {@link ContractRevertError} named after the contract's custom error, with its decoded
 *   arguments, a human sentence and a hint. It is decoded against `abi` and the custom errors of every Cargo Rails
 *   contract (a revert can bubble up from another contract), so its type is {@link ContractRevertErrorOf} over
 *   `abi` and every Cargo Rails ABI: narrowing on `errorName` types `args`;
 * - a node that cannot be reached (HTTP failure, timeout, closed socket) becomes an {@link RpcConnectionError}.
 *
 * It walks the error's `cause` chain, so it works on what `readContract`, `simulateContract`, `writeContract` and
 * `estimateGas` throw. A `ContractRevertError` or `RpcConnectionError` is returned unchanged; any other error,
 * including the SDK's other errors (bad input, no wallet, ...), gives `null`.
 *
 * @param error What was thrown.
 * @param abi The ABI of the contract that was called (used to decode revert data viem left undecoded).
 * @returns The typed error, or `null` when the error is neither a revert nor a connection failure.
 *
 * @example
 * ```ts
 * try { await publicClient.simulateContract({ address, abi: participantRegistryAbi, functionName: "revoke", args: [a] }); }
 * catch (e) {
 *   const error = decodeContractError(e, participantRegistryAbi);
 *   if (error instanceof ContractRevertError && error.errorName === "ParticipantNotRegistered") console.log(error.args[0]);
 * }
 * ```
 */
export function decodeContractError<const TAbi extends Abi>(
  error: unknown,
  abi: TAbi,
): ContractRevertErrorOf<TAbi | CargoRailsAbi> | RpcConnectionError | null {
  type Reverted = ContractRevertErrorOf<TAbi | CargoRailsAbi>;
  if (error instanceof ContractRevertError) return error as Reverted;
  if (error instanceof RpcConnectionError) return error;
  if (!(error instanceof BaseError)) return null;

  const execution = error.walk(
    (e) => e instanceof ContractFunctionExecutionError,
  ) as ContractFunctionExecutionError | null;
  const context = {
    contractAddress: execution?.contractAddress,
    functionName: execution?.functionName,
    cause: error,
  };

  const reverted = error.walk(
    (e) => e instanceof ContractFunctionRevertedError,
  ) as ContractFunctionRevertedError | null;
  if (reverted) {
    const data = reverted.raw;
    if (reverted.data?.errorName) {
      return explain(reverted.data.errorName, reverted.data.args ?? [], {
        ...context,
        data,
      }) as Reverted;
    }
    if (data && data !== "0x") {
      try {
        const decoded = decodeErrorResult({ abi: [...abi, ...allErrorsAbi], data });
        return explain(decoded.errorName, (decoded.args ?? []) as readonly unknown[], {
          ...context,
          data,
        }) as Reverted;
      } catch {
        // Not in the ABI: reported as an unknown revert below.
      }
    }
    if (reverted.reason !== undefined) {
      return explain("Error", [reverted.reason], { ...context, data }) as Reverted;
    }
    return explain("UnknownRevert", [], { ...context, data }) as Reverted;
  }

  const connection = error.walk(
    (e) =>
      e instanceof HttpRequestError ||
      e instanceof TimeoutError ||
      e instanceof SocketClosedError ||
      e instanceof WebSocketRequestError,
  ) as HttpRequestError | TimeoutError | SocketClosedError | WebSocketRequestError | null;
  if (connection) {
    const url = "url" in connection && typeof connection.url === "string" ? connection.url : undefined;
    return new RpcConnectionError({ url, details: connection.shortMessage, cause: error });
  }
  return null;
}

/**
 * Type guard: is `error` a revert with the custom error `errorName` of `abi`? Narrows `args` to that error's
 * arguments.
 *
 * @example
 * ```ts
 * if (isContractRevert(error, participantRegistryAbi, "ParticipantAlreadyRegistered")) error.args[0];
 * ```
 */
export function isContractRevert<const TAbi extends Abi, TName extends ContractErrorName<TAbi>>(
  error: unknown,
  _abi: TAbi,
  errorName: TName,
): error is ContractRevertError<TName, ErrorArgs<TAbi, TName>> {
  return error instanceof ContractRevertError && error.errorName === errorName;
}

/**
 * Decodes raw revert data (e.g. the `reason` of a settlement's `BatchItemFailed` or `ReturnFailed` event) into the
 * SDK's typed {@link ContractRevertError}, using the custom errors of every Cargo Rails contract: a
 * {@link CargoRailsRevertError}, whose `args` are typed once narrowed on `errorName`.
 *
 * @param data The revert data (selector and ABI-encoded arguments).
 * @param context Where it came from, for the message.
 */
export function decodeRevertData(
  data: Hex,
  context: { contractAddress?: Address | undefined; functionName?: string | undefined } = {},
): CargoRailsRevertError {
  const unknown = () => explain("UnknownRevert", [], { ...context, data, cause: undefined }) as CargoRailsRevertError;
  if (data === "0x" || data.length < 10) return unknown();
  try {
    const decoded = decodeErrorResult({ abi: allErrorsAbi, data });
    return explain(decoded.errorName, (decoded.args ?? []) as readonly unknown[], {
      ...context,
      data,
      cause: undefined,
    }) as CargoRailsRevertError;
  } catch {
    return unknown();
  }
}
