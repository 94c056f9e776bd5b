/**
 * The events of a whole transaction, decoded with the ABIs of every contract of the rails and given the value types
 * of the reads: what a write's `wait()` and {@link CargoRails.waitForTransaction} return.
 */
import {
  decodeEventLog,
  getAddress,
  type Abi,
  type Address,
  type Hash,
  type Hex,
  type Log,
  type ParseEventLogsReturnType,
  type TransactionReceipt,
} from "viem";

import {
  billOfLadingRegistryAbi,
  consentRegistryAbi,
  crossBankSettlementAbi,
  documentsConditionAbi,
  depositRailAbi,
  eblGatewayAbi,
  eblLensAbi,
  escrowedDealsAbi,
  interbankPaymentsAbi,
  participantRegistryAbi,
  railsAccessManagerAbi,
  signedSettlementAbi,
  tokenizedDepositAbi,
  tradeDocumentRegistryAbi,
  wholesaleReserveAbi,
} from "./abi/index.js";
import { type Amount } from "./amounts.js";
import { billKinds, enumName, type BillKind } from "./enums.js";
import { decodeJurisdiction, decodeKinds, type ParticipantKind } from "./participantKinds.js";
import { decodeReference } from "./references.js";

/** The ABI of each contract of the rails, by name. */
export interface RailsContractAbis {
  ParticipantRegistry: typeof participantRegistryAbi;
  RailsAccessManager: typeof railsAccessManagerAbi;
  BillOfLadingRegistry: typeof billOfLadingRegistryAbi;
  EblLens: typeof eblLensAbi;
  TokenizedDeposit: typeof tokenizedDepositAbi;
  SignedSettlement: typeof signedSettlementAbi;
  EscrowedDeals: typeof escrowedDealsAbi;
  DepositRail: typeof depositRailAbi;
  WholesaleReserve: typeof wholesaleReserveAbi;
  InterbankPayments: typeof interbankPaymentsAbi;
  CrossBankSettlement: typeof crossBankSettlementAbi;
  EblGateway: typeof eblGatewayAbi;
  TradeDocumentRegistry: typeof tradeDocumentRegistryAbi;
  DocumentsCondition: typeof documentsConditionAbi;
  ConsentRegistry: typeof consentRegistryAbi;
}

const railsAbis: RailsContractAbis = {
  ParticipantRegistry: participantRegistryAbi,
  RailsAccessManager: railsAccessManagerAbi,
  BillOfLadingRegistry: billOfLadingRegistryAbi,
  EblLens: eblLensAbi,
  TokenizedDeposit: tokenizedDepositAbi,
  SignedSettlement: signedSettlementAbi,
  EscrowedDeals: escrowedDealsAbi,
  DepositRail: depositRailAbi,
  WholesaleReserve: wholesaleReserveAbi,
  InterbankPayments: interbankPaymentsAbi,
  CrossBankSettlement: crossBankSettlementAbi,
  EblGateway: eblGatewayAbi,
  TradeDocumentRegistry: tradeDocumentRegistryAbi,
  DocumentsCondition: documentsConditionAbi,
  ConsentRegistry: consentRegistryAbi,
};

/** A contract of the rails by name: the `contract` of a {@link RailsEvent}. */
export type RailsContractName = keyof RailsContractAbis;

/** A participant's record as a `ParticipantChanged` event carries it, decoded as `participants.get` reads it. */
export interface ParticipantRecord {
  /** False when revoked or never registered. */
  active: boolean;
  /** Its kinds by name, in bit order. */
  kinds: ParticipantKind[];
  /** The raw kinds bitmask. */
  kindMask: number;
  /** ISO 3166-1 alpha-2 code; `null` when never registered. */
  jurisdiction: string | null;
  /** Unix time (seconds) at which the verification lapses. */
  validUntil: bigint;
  /** The off-chain reference. */
  kycReference: Hex;
}

/**
 * The event arguments whose type the SDK changes from the ABI's, per contract and event: records decoded as
 * `participants.get` reads them, the B/L kind by name, deposit amounts as decimal strings in the token's units.
 */
export interface RailsEventArgTypes {
  ParticipantRegistry: { ParticipantChanged: { previous: ParticipantRecord; current: ParticipantRecord } };
  BillOfLadingRegistry: {
    /** The B/L kind by name. */
    BillIssued: { kind: BillKind };
    /** The reason code as text (see {@link decodeReference}). */
    LegalHoldPlaced: { reasonCode: string };
    /** The reason code as text (see {@link decodeReference}). */
    LegalHoldLifted: { reasonCode: string };
  };
  TokenizedDeposit: {
    /** The amount in token units. */
    Transfer: { value: Amount };
    /** The allowance in token units. */
    Approval: { value: Amount };
    /** The amount in token units; the bank's reference as text. */
    Minted: { amount: Amount; bankReference: string };
    /** The amount in token units; the bank's reference as text. */
    Burned: { amount: Amount; bankReference: string };
    /** The amount in token units; the reason code as text. */
    ForcedTransfer: { amount: Amount; reasonCode: string };
    /** Both amounts in token units. */
    FrozenAmountChanged: { previousAmount: Amount; newAmount: Amount };
    /** The amount in token units; the payout reference as text. */
    RedemptionRequested: { amount: Amount; payoutReference: string };
    /** Both caps in token units. */
    SupplyCapChanged: { previousCap: Amount; newCap: Amount };
  };
  SignedSettlement: {
    /** The price paid, in the payment token's units (the event names the token). */
    Settled: { amount: Amount };
  };
  EscrowedDeals: {
    /** The price paid, in the payment token's units (the event names the token). */
    Settled: { amount: Amount };
    /** The payment and the deal's total in base units: the event does not name its token (nor does `deal()`). */
    PaymentDeposited: { amount: never; totalPaid: never; amountBaseUnits: bigint; totalPaidBaseUnits: bigint };
    /** The payment returned, in base units of the deal's payment token. */
    PaymentReturned: { amount: never; amountBaseUnits: bigint };
  };
  CrossBankSettlement: {
    /** The price the buyer paid, in its deposit token's units (the event names the token). */
    Settled: { amount: Amount };
  };
  WholesaleReserve: {
    /** The amount in the currency's units. */
    Transfer: { value: Amount };
    /** The allowance in the currency's units. */
    Approval: { value: Amount };
    /** The amount in the currency's units; the central bank's booking reference as text. */
    ReservesIssued: { amount: Amount; bookingReference: string };
    /** The amount in the currency's units; the central bank's booking reference as text. */
    ReservesRedeemed: { amount: Amount; bookingReference: string };
    /** The amount in the currency's units; the payment id as text when it is text (else its hex). */
    ReservesSettled: { amount: Amount; paymentId: string };
  };
  InterbankPayments: {
    /** Both capacities in the deposit token's units. */
    BankAccountSet: { outflowCapacity: Amount; inflowCapacity: Amount };
    /**
     * `payAmount` in the payer token's units, `receiveAmount` in the payee token's; the payment id as text when it is
     * text (a cross-bank settlement's is its terms' hash, which stays hex).
     */
    InterbankPaid: { payAmount: Amount; receiveAmount: Amount; paymentId: string };
  };
}

/**
 * An event's arguments `TArgs` with some replaced: `TOverrides` maps a name to its SDK type, or to `never` to drop it
 * (a renamed argument).
 */
export type ArgsWithOverrides<TArgs, TOverrides> = {
  [
    K in keyof (Omit<TArgs, keyof TOverrides> & {
      [O in keyof TOverrides as [TOverrides[O]] extends [never] ? never : O]: TOverrides[O];
    })
  ]: (Omit<TArgs, keyof TOverrides> & {
    [O in keyof TOverrides as [TOverrides[O]] extends [never] ? never : O]: TOverrides[O];
  })[K];
};

/** The decoded events of one contract of the rails. */
export type RailsContractEvent<TContract extends RailsContractName> = ParseEventLogsReturnType<
  RailsContractAbis[TContract],
  undefined,
  true
>[number] extends infer TEvent
  ? TEvent extends { eventName: infer TName extends string; args: infer TArgs }
    ? {
        /** The contract that emitted the event. */
        contract: TContract;
        /** Its address. */
        address: Address;
        /** The event's name. */
        eventName: TName;
        /**
         * The arguments by name, typed as the reads return them: participant kinds by name, amounts of a deposit
         * token as decimal strings in its units (`"1250.50"`), token ids as bigint.
         */
        args: TContract extends keyof RailsEventArgTypes
          ? TName extends keyof RailsEventArgTypes[TContract]
            ? ArgsWithOverrides<TArgs, RailsEventArgTypes[TContract][TName]>
            : TArgs
          : TArgs;
        /** The log's index in its block. */
        logIndex: number;
        /** The transaction's hash. */
        transactionHash: Hash;
        /** The block it was mined in. */
        blockNumber: bigint;
      }
    : never
  : never;

/**
 * An event of any contract of the rails, a union discriminated by `contract` and `eventName`:
 * `if (e.contract === "TokenizedDeposit" && e.eventName === "Transfer") e.args.value // "1250.50"`.
 * The escrow's `PaymentDeposited` / `PaymentReturned` do not name their token: base units (bigint) as
 * `amountBaseUnits` / `totalPaidBaseUnits`, as the `Deal` read names them; settlement terms inside `DealCreated` keep
 * the terms' base units. The watchers deliver the same types ({@link RailsEventArgTypes}).
 */
export type RailsEvent = { [TContract in RailsContractName]: RailsContractEvent<TContract> }[RailsContractName];

/** @internal Decodes a receipt's events; built once per client. */
export type RailsEventDecoder = (receipt: TransactionReceipt) => Promise<RailsEvent[]>;

/** @internal What the decoder knows: the configured contracts, and how to format a deposit token's base units. */
export interface EventDecoderConfig {
  /** The contracts of the rails (addresses in any case) by name. */
  contracts: readonly (readonly [Address, string])[];
  /** Base units of a deposit token as its reads give them; without it amounts stay bigint. */
  format?: ((token: Address, units: bigint) => Promise<Amount>) | undefined;
}

/** @internal A decoder over the configured contracts (plus any deposit token a settlement event names). */
export function createEventDecoder(config: EventDecoderConfig): RailsEventDecoder {
  const known = new Map<string, RailsContractName>();
  for (const [address, name] of config.contracts) {
    const contract = (
      name.startsWith("TokenizedDeposit")
        ? "TokenizedDeposit"
        : name.startsWith("WholesaleReserve")
          ? "WholesaleReserve"
          : name
    ) as RailsContractName;
    if (contract in railsAbis) known.set(address.toLowerCase(), contract);
  }
  return async (receipt) => {
    const contracts = new Map(known);
    const decodeLog = (log: Log, contract: RailsContractName): DecodedLog | undefined => {
      try {
        const { eventName, args } = decodeEventLog({
          abi: railsAbis[contract] as Abi,
          data: log.data,
          topics: log.topics,
          strict: true,
        });
        return { contract, log, eventName: String(eventName), args: (args ?? {}) as Record<string, unknown> };
      } catch {
        return undefined; // an event of another ABI sharing the address (none on the rails), or an anonymous log
      }
    };
    const decoded: (DecodedLog | undefined)[] = receipt.logs.map((log) => {
      const contract = contracts.get(log.address.toLowerCase());
      return contract === undefined ? undefined : decodeLog(log, contract);
    });
    // A payment token named by a settlement or interbank event is a deposit token, configured or not.
    for (const event of decoded) {
      for (const token of [
        event?.args.paymentToken ?? (event?.args.terms as { paymentToken?: Address } | undefined)?.paymentToken,
        event?.args.payerToken,
        event?.args.payeeToken,
      ]) {
        if (typeof token === "string" && !contracts.has(token.toLowerCase()))
          contracts.set(token.toLowerCase(), "TokenizedDeposit");
      }
    }
    receipt.logs.forEach((log, index) => {
      if (decoded[index] !== undefined) return;
      const contract = contracts.get(log.address.toLowerCase());
      if (contract !== undefined) decoded[index] = decodeLog(log, contract);
    });
    const events: RailsEvent[] = [];
    for (const event of decoded) {
      if (event === undefined) continue;
      const args = await convertEventArgs(
        event.contract,
        event.eventName,
        event.args,
        event.log.address,
        config.format,
      );
      events.push({
        contract: event.contract,
        address: getAddress(event.log.address),
        eventName: event.eventName,
        args,
        logIndex: event.log.logIndex ?? 0,
        transactionHash: event.log.transactionHash ?? receipt.transactionHash,
        blockNumber: event.log.blockNumber ?? receipt.blockNumber,
      } as RailsEvent);
    }
    return events;
  };
}

interface DecodedLog {
  contract: RailsContractName;
  log: Log;
  eventName: string;
  args: Record<string, unknown>;
}

/** Amount arguments of the deposit token's events. */
const depositAmounts: Readonly<Record<string, readonly string[]>> = {
  Transfer: ["value"],
  Approval: ["value"],
  Minted: ["amount"],
  Burned: ["amount"],
  ForcedTransfer: ["amount"],
  FrozenAmountChanged: ["previousAmount", "newAmount"],
  RedemptionRequested: ["amount"],
  SupplyCapChanged: ["previousCap", "newCap"],
};

/** Reference arguments (bytes32 text) of the deposit token's events. */
const DEPOSIT_REFERENCES = ["bankReference", "reasonCode", "payoutReference"];

function participantRecord(record: {
  active: boolean;
  kinds: number;
  jurisdiction: Hex;
  validUntil: bigint;
  kycReference: Hex;
}): ParticipantRecord {
  return {
    active: record.active,
    kinds: decodeKinds(record.kinds),
    kindMask: record.kinds,
    jurisdiction: decodeJurisdiction(record.jurisdiction),
    validUntil: record.validUntil,
    kycReference: record.kycReference,
  };
}

/**
 * @internal An event's arguments in the SDK's value types ({@link RailsEventArgTypes}): the one conversion behind
 * `wait()` and the watchers. `format` writes a deposit token's base units in its units (amounts stay bigint without it).
 */
export async function convertEventArgs(
  contract: RailsContractName,
  eventName: string,
  args: Record<string, unknown>,
  address: Address,
  format: EventDecoderConfig["format"],
): Promise<Record<string, unknown>> {
  const out = { ...args };
  if (contract === "ParticipantRegistry" && eventName === "ParticipantChanged") {
    out.previous = participantRecord(args.previous as Parameters<typeof participantRecord>[0]);
    out.current = participantRecord(args.current as Parameters<typeof participantRecord>[0]);
  } else if (contract === "BillOfLadingRegistry") {
    if (eventName === "BillIssued") out.kind = enumName(billKinds, args.kind as number);
    if (eventName.startsWith("LegalHold")) out.reasonCode = decodeReference(args.reasonCode as Hex);
  } else if (contract === "TokenizedDeposit") {
    if (format !== undefined) {
      for (const key of depositAmounts[eventName] ?? []) out[key] = await format(address, args[key] as bigint);
    }
    for (const key of DEPOSIT_REFERENCES)
      if (typeof args[key] === "string") out[key] = decodeReference(args[key] as Hex);
  } else if (contract === "WholesaleReserve" || contract === "InterbankPayments") {
    // Loaded with the interbank namespaces' code, on first use (as they are).
    const { convertInterbankEventArgs } = await import("./internal/interbankNamespaces.js");
    await convertInterbankEventArgs(contract, eventName, args, out, address, format);
  } else if (contract === "SignedSettlement" || contract === "EscrowedDeals" || contract === "CrossBankSettlement") {
    if (eventName === "Settled" && format !== undefined) {
      out.amount = await format(args.paymentToken as Address, args.amount as bigint);
    } else if (eventName === "PaymentDeposited" || eventName === "PaymentReturned") {
      // The events do not name their token: base units, under the names `deal()` uses.
      out.amountBaseUnits = args.amount;
      delete out.amount;
      if (eventName === "PaymentDeposited") {
        out.totalPaidBaseUnits = args.totalPaid;
        delete out.totalPaid;
      }
    }
  }
  return out;
}
