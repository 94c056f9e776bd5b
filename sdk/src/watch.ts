/**
 * Typed watchers of the rails' contract events, in the shape of viem's `watchContractEvent`: `onLogs` receives the
 * new events decoded, with the value types of the SDK's reads (B/L kinds and references as text, deposit amounts as
 * decimal strings in token units, token ids as bigint); the call returns the function that stops watching.
 *
 * They are functions of a {@link CargoRails} client, as viem's actions are functions of a client, rather than
 * namespace methods, so that an application that does not watch does not bundle them (tree-shaking).
 */
import {
  getAddress,
  type Abi,
  type Address,
  type ContractEventArgs,
  type ContractEventArgsFromTopics,
  type ContractEventName,
  type Hex,
  type Log,
} from "viem";

import {
  billOfLadingRegistryAbi,
  crossBankSettlementAbi,
  eblGatewayAbi,
  escrowedDealsAbi,
  interbankPaymentsAbi,
  signedSettlementAbi,
  tokenizedDepositAbi,
  wholesaleReserveAbi,
} from "./abi/index.js";
import { ContractNotConfiguredError } from "./addresses.js";
import { type CargoRails } from "./client.js";
import { InvalidArgumentError, type CargoRailsError } from "./errors.js";
import { toCargoRailsError } from "./internal/contract.js";
import {
  convertEventArgs,
  type ArgsWithOverrides,
  type RailsContractName,
  type RailsEventArgTypes,
} from "./receiptEvents.js";

/** Stops a watcher: no `onLogs` call follows, and the node is no longer polled. */
export type Unwatch = () => void;

/** One decoded event as a watcher delivers it. */
export interface WatchedEvent<TName extends string, TArgs> {
  /** The event's name, e.g. `"Endorsed"`. */
  eventName: TName;
  /** Its arguments, by name, with the SDK's value types. */
  args: TArgs;
  /** The contract that emitted it. */
  address: Address;
  /** The block it was mined in. */
  blockNumber: bigint;
  /** The block's hash. */
  blockHash: Hex;
  /** The transaction's hash. */
  transactionHash: Hex;
  /** The log's index in its block. */
  logIndex: number;
}

/**
 * An event's arguments as the ABI declares them, with some replaced: `TOverrides` maps a name to its SDK type, or to
 * `never` to drop it (a renamed argument).
 */
export type EventArgsWith<TAbi extends Abi, TName extends ContractEventName<TAbi>, TOverrides> = ArgsWithOverrides<
  ContractEventArgsFromTopics<TAbi, TName>,
  TOverrides
>;

/** The event `TName` of the contract `TAbi` with the SDK's value types (`TOverrides` per event name). */
export type ContractRailsEvent<
  TAbi extends Abi,
  TName extends ContractEventName<TAbi>,
  TOverrides,
> = TName extends unknown
  ? WatchedEvent<TName, EventArgsWith<TAbi, TName, TName extends keyof TOverrides ? TOverrides[TName] : {}>>
  : never;

/**
 * What a watcher takes, as viem's `watchContractEvent` does. Without `eventName` every event of the contract is
 * delivered. `args` filters on indexed arguments, in their on-chain form (addresses, token ids as bigint, references
 * as bytes32 hex), and needs `eventName`; an array matches any of its values.
 */
export interface WatchOptions<TAbi extends Abi, TName extends ContractEventName<TAbi>, TEvent> {
  /** Only this event (default: every event of the contract). */
  eventName?: TName | undefined;
  /** Filter on the event's indexed arguments (needs `eventName`). */
  args?: ContractEventArgs<TAbi, TName> | undefined;
  /** How often to poll the node, in milliseconds (default: the publicClient's `pollingInterval`). */
  pollingInterval?: number | undefined;
  /** Deliver events from this block on, instead of only new ones. */
  fromBlock?: bigint | undefined;
  /** Receives each batch of new events, decoded, in chain order (batches in order too). */
  onLogs: (events: TEvent[]) => void;
  /** Receives a failed poll or decoding, as a {@link CargoRailsError}; the watcher goes on polling. */
  onError?: ((error: CargoRailsError) => void) | undefined;
}

/** The eBL registry's event names. */
export type EblEventName = ContractEventName<typeof billOfLadingRegistryAbi>;
/** What an eBL event's arguments carry in the SDK's types instead of the ABI's (the same as in `wait()`). */
export type EblEventOverrides = RailsEventArgTypes["BillOfLadingRegistry"];
/** An event of the eBL registry, decoded, e.g. `EblEvent<"Endorsed">`. */
export type EblEvent<TName extends EblEventName = EblEventName> = ContractRailsEvent<
  typeof billOfLadingRegistryAbi,
  TName,
  EblEventOverrides
>;
/** What {@link watchEblEvents} takes. */
export type EblWatchOptions<TName extends EblEventName = EblEventName> = WatchOptions<
  typeof billOfLadingRegistryAbi,
  TName,
  EblEvent<TName>
>;

/** A deposit token's event names. */
export type DepositEventName = ContractEventName<typeof tokenizedDepositAbi>;
/** What a deposit event's arguments carry in the SDK's types: amounts as decimal strings, references as text. */
export type DepositEventOverrides = RailsEventArgTypes["TokenizedDeposit"];
/** An event of a deposit token, decoded, e.g. `DepositEvent<"Transfer">`. */
export type DepositEvent<TName extends DepositEventName = DepositEventName> = ContractRailsEvent<
  typeof tokenizedDepositAbi,
  TName,
  DepositEventOverrides
>;
/** What {@link watchDepositEvents} takes. */
export type DepositWatchOptions<TName extends DepositEventName = DepositEventName> = WatchOptions<
  typeof tokenizedDepositAbi,
  TName,
  DepositEvent<TName>
>;

/** The event names of both settlement contracts (SignedSettlement's are a subset of EscrowedDeals'). */
export type SettlementEventName = ContractEventName<typeof escrowedDealsAbi>;
/**
 * What a settlement event's arguments carry in the SDK's types (the same as in `wait()`). `Settled` names its payment
 * token, so its amount is a decimal string in that token's units; an escrowed deal's payment events do not (neither
 * does `deal()`), so their amounts are base units, named as `deal()` names them.
 */
export type SettlementEventOverrides = RailsEventArgTypes["EscrowedDeals"];
/** An event of SignedSettlement or EscrowedDeals, decoded, with the `way` (contract) that emitted it. */
export type SettlementEvent<TName extends SettlementEventName = SettlementEventName> = TName extends unknown
  ? ContractRailsEvent<typeof escrowedDealsAbi, TName, SettlementEventOverrides> & {
      /** Which contract emitted it: SignedSettlement (`"signed"`) or EscrowedDeals (`"escrowed"`). */
      way: "signed" | "escrowed";
    }
  : never;
/** What {@link watchSettlementEvents} takes: also `way`, to watch one contract only (default: both configured). */
export type SettlementWatchOptions<TName extends SettlementEventName = SettlementEventName> = WatchOptions<
  typeof escrowedDealsAbi,
  TName,
  SettlementEvent<TName>
> & {
  /** Watch one contract only (default: each configured one that has the event). */
  way?: "signed" | "escrowed" | undefined;
};

/** A reserve token's event names. */
export type ReserveEventName = ContractEventName<typeof wholesaleReserveAbi>;
/** An event of a reserve token, decoded: amounts in the currency's units, references as text. */
export type ReserveEvent<TName extends ReserveEventName = ReserveEventName> = ContractRailsEvent<
  typeof wholesaleReserveAbi,
  TName,
  RailsEventArgTypes["WholesaleReserve"]
>;
/** What {@link watchReserveEvents} takes. */
export type ReserveWatchOptions<TName extends ReserveEventName = ReserveEventName> = WatchOptions<
  typeof wholesaleReserveAbi,
  TName,
  ReserveEvent<TName>
>;

/** The InterbankPayments contract's event names. */
export type InterbankEventName = ContractEventName<typeof interbankPaymentsAbi>;
/** An event of InterbankPayments, decoded: amounts in each deposit token's units, payment ids as text when text. */
export type InterbankEvent<TName extends InterbankEventName = InterbankEventName> = ContractRailsEvent<
  typeof interbankPaymentsAbi,
  TName,
  RailsEventArgTypes["InterbankPayments"]
>;
/** What {@link watchInterbankEvents} takes. */
export type InterbankWatchOptions<TName extends InterbankEventName = InterbankEventName> = WatchOptions<
  typeof interbankPaymentsAbi,
  TName,
  InterbankEvent<TName>
>;

/** The CrossBankSettlement contract's event names. */
export type CrossBankEventName = ContractEventName<typeof crossBankSettlementAbi>;
/** An event of CrossBankSettlement, decoded: `Settled`'s amount in the buyer's deposit token's units. */
export type CrossBankEvent<TName extends CrossBankEventName = CrossBankEventName> = ContractRailsEvent<
  typeof crossBankSettlementAbi,
  TName,
  RailsEventArgTypes["CrossBankSettlement"]
>;
/** What {@link watchCrossBankEvents} takes. */
export type CrossBankWatchOptions<TName extends CrossBankEventName = CrossBankEventName> = WatchOptions<
  typeof crossBankSettlementAbi,
  TName,
  CrossBankEvent<TName>
>;

/** The EblGateway's event names. */
export type CrossChainEventName = ContractEventName<typeof eblGatewayAbi>;
/** An event of the EblGateway, decoded (its arguments as the ABI gives them: ids as hex, chain ids as bigint). */
export type CrossChainEvent<TName extends CrossChainEventName = CrossChainEventName> = ContractRailsEvent<
  typeof eblGatewayAbi,
  TName,
  {}
>;
/** What {@link watchCrossChainEvents} takes. */
export type CrossChainWatchOptions<TName extends CrossChainEventName = CrossChainEventName> = WatchOptions<
  typeof eblGatewayAbi,
  TName,
  CrossChainEvent<TName>
>;

type Args = Record<string, unknown>;
type Convert = (eventName: string, args: Args) => Args | Promise<Args>;

/**
 * Watches the eBL registry's events (viem's `watchContractEvent` shape): `onLogs` receives each batch of new events,
 * decoded, the B/L kind by name and reason codes as text. Filter with `eventName` and, on indexed arguments, `args`.
 *
 * @param rails The client (its `publicClient` polls; `addresses.eblRegistry` is watched).
 * @param options What to watch and where to deliver it.
 * @returns The function that stops watching.
 * @throws {ContractNotConfiguredError} When `addresses.eblRegistry` was not given.
 *
 * @example
 * ```ts
 * const unwatch = watchEblEvents(rails, {
 *   eventName: "Endorsed",
 *   args: { tokenId },
 *   onLogs: (events) => events.forEach((e) => console.log(e.args.endorsee, e.args.delivered)),
 * });
 * ```
 */
export function watchEblEvents<const TName extends EblEventName = EblEventName>(
  rails: CargoRails,
  options: EblWatchOptions<TName>,
): Unwatch {
  const contract = { address: rails.ebl.address, abi: billOfLadingRegistryAbi };
  return watchContracts(
    rails,
    [contract],
    options as never,
    converter("BillOfLadingRegistry", contract.address),
    "watchEblEvents",
  );
}

/**
 * Watches a deposit token's events (viem's `watchContractEvent` shape): `onLogs` receives each batch of new events,
 * decoded, amounts as decimal strings in token units (as the token's `format` writes them, e.g. `"1250.50"`) and
 * references as text. Filter with `eventName` and, on indexed arguments, `args` (e.g. `{ to: account }`).
 *
 * @param rails The client (its `publicClient` polls).
 * @param token The token: a label of `addresses.deposits` (`"HKD"`) or a token address.
 * @param options What to watch and where to deliver it.
 * @returns The function that stops watching.
 * @throws {InvalidArgumentError} For an unknown label.
 */
export function watchDepositEvents<const TName extends DepositEventName = DepositEventName>(
  rails: CargoRails,
  token: string,
  options: DepositWatchOptions<TName>,
): Unwatch {
  const deposit = rails.deposit(token);
  return watchContracts(
    rails,
    [{ address: deposit.address, abi: tokenizedDepositAbi }],
    options as never,
    converter("TokenizedDeposit", deposit.address, (_token, units) => deposit.format(units)),
    `watchDepositEvents(${token})`,
  );
}

/**
 * Watches the events of both settlement contracts, or of one with `way` (viem's `watchContractEvent` shape): each
 * event carries the `way` that emitted it; `Settled`'s amount is a decimal string in the payment token's units.
 * Filter with `eventName` and, on indexed arguments, `args` (e.g. `{ eventName: "Settled", args: { buyer } }`); a
 * contract whose ABI lacks the event (SignedSettlement has no deal events) is not watched.
 *
 * @param rails The client (its `publicClient` polls).
 * @param options What to watch and where to deliver it; `way` to watch one contract only.
 * @returns The function that stops watching.
 * @throws {ContractNotConfiguredError} When the contract of `way` (or both, without `way`) was not given.
 */
export function watchSettlementEvents<const TName extends SettlementEventName = SettlementEventName>(
  rails: CargoRails,
  options: SettlementWatchOptions<TName>,
): Unwatch {
  const { signedSettlement, escrowedDeals } = rails.config.addresses;
  const way = options?.way;
  const contracts = [
    {
      address: signedSettlement,
      abi: signedSettlementAbi as Abi,
      extra: { way: "signed" },
      wanted: way !== "escrowed",
    },
    { address: escrowedDeals, abi: escrowedDealsAbi as Abi, extra: { way: "escrowed" }, wanted: way !== "signed" },
  ].filter((c) => c.wanted && (c.address !== undefined || way !== undefined));
  const watched = contracts.filter((c): c is typeof c & { address: Address } => c.address !== undefined);
  if (watched.length < contracts.length || watched.length === 0) {
    throw new ContractNotConfiguredError(
      "watchSettlementEvents",
      way === undefined
        ? "settlement contracts"
        : `${way === "signed" ? "SignedSettlement" : "EscrowedDeals"} contract`,
    );
  }
  const format = (token: Address, units: bigint) => rails.deposit(token).format(units);
  return watchContracts(
    rails,
    watched.map((c) => ({ ...c, address: getAddress(c.address) })),
    options as never,
    converter("EscrowedDeals", undefined, format),
    "watchSettlementEvents",
  );
}

/**
 * Watches the reserves of one currency (viem's `watchContractEvent` shape): amounts in the currency's units, booking
 * references and payment ids as text (when they are text).
 *
 * @param rails The client (its `publicClient` polls).
 * @param currency A currency of `addresses.reserves` (`"HKD"`) or a reserve token's address.
 * @param options What to watch and where to deliver it.
 * @returns The function that stops watching.
 * @throws {InvalidArgumentError} For an unknown currency.
 */
export function watchReserveEvents<const TName extends ReserveEventName = ReserveEventName>(
  rails: CargoRails,
  currency: string,
  options: ReserveWatchOptions<TName>,
): Unwatch {
  const reserve = rails.reserve(currency);
  return watchContracts(
    rails,
    [{ address: reserve.address, abi: wholesaleReserveAbi }],
    options as never,
    converter("WholesaleReserve", reserve.address, (_token, units) => reserve.format(units)),
    `watchReserveEvents(${currency})`,
  );
}

/**
 * Watches the EblGateway (viem's `watchContractEvent` shape): transfers sent (`BillSent`), received (`BillReceived`),
 * refused (`TransferRefused`, and `RefusalReceived` back on the source), restored (`BillRestored`) or waiting to be
 * (`RestoreFailed`), and the administration's events. To follow one transfer, filter on `transferId` with an
 * `eventName`, on both chains' clients.
 *
 * @param rails The client (its `publicClient` polls; `addresses.eblGateway` is watched).
 * @param options What to watch and where to deliver it.
 * @returns The function that stops watching.
 *
 * @example
 * ```ts
 * const unwatch = watchCrossChainEvents(hongKongRails, {
 *   eventName: "BillReceived",
 *   args: { transferId },
 *   onLogs: ([event]) => console.log(`${event.args.tokenId} arrived for ${event.args.receiver}`),
 * });
 * ```
 */
export function watchCrossChainEvents<const TName extends CrossChainEventName = CrossChainEventName>(
  rails: CargoRails,
  options: CrossChainWatchOptions<TName>,
): Unwatch {
  return watchContracts(
    rails,
    [{ address: rails.crossChain.address, abi: eblGatewayAbi }],
    options as never,
    (_eventName, args) => args,
    "watchCrossChainEvents",
  );
}

/**
 * Watches InterbankPayments (viem's `watchContractEvent` shape): `InterbankPaid` with both amounts in their deposit
 * tokens' units, `BankAccountSet`'s capacities in the token's units, `QuoteCancelled`.
 *
 * @param rails The client (its `publicClient` polls).
 * @param options What to watch and where to deliver it.
 * @returns The function that stops watching.
 * @throws {ContractNotConfiguredError} When `addresses.interbankPayments` was not given.
 */
export function watchInterbankEvents<const TName extends InterbankEventName = InterbankEventName>(
  rails: CargoRails,
  options: InterbankWatchOptions<TName>,
): Unwatch {
  const address = rails.interbank.address;
  return watchContracts(
    rails,
    [{ address, abi: interbankPaymentsAbi }],
    options as never,
    converter("InterbankPayments", address, (token, units) => rails.deposit(token).format(units)),
    "watchInterbankEvents",
  );
}

/**
 * Watches CrossBankSettlement (viem's `watchContractEvent` shape): `Settled` with the amount in the buyer's deposit
 * token's units, `TermsCancelled`, `MarketSet`...
 *
 * @param rails The client (its `publicClient` polls).
 * @param options What to watch and where to deliver it.
 * @returns The function that stops watching.
 * @throws {ContractNotConfiguredError} When `addresses.crossBankSettlement` was not given.
 */
export function watchCrossBankEvents<const TName extends CrossBankEventName = CrossBankEventName>(
  rails: CargoRails,
  options: CrossBankWatchOptions<TName>,
): Unwatch {
  return watchContracts(
    rails,
    [{ address: rails.crossBank.address, abi: crossBankSettlementAbi }],
    options as never,
    converter("CrossBankSettlement", undefined, (token, units) => rails.deposit(token).format(units)),
    "watchCrossBankEvents",
  );
}

/**
 * Watches contracts through viem's `watchContractEvent` and delivers the events converted, in order. Contracts whose
 * ABI lacks the `eventName` asked for are not watched.
 */
function watchContracts(
  rails: CargoRails,
  contracts: readonly { address: Address; abi: Abi; extra?: object }[],
  options: WatchOptions<Abi, string, unknown>,
  convert: Convert,
  operation: string,
): Unwatch {
  if (typeof options?.onLogs !== "function") {
    throw new InvalidArgumentError("onLogs", options?.onLogs, "a function that receives the events");
  }
  const { eventName, onLogs, onError } = options;
  let active = true;
  let queue = Promise.resolve();
  const report = (error: unknown) => {
    if (active) onError?.(toCargoRailsError(error, { abi: contracts[0]?.abi ?? [], operation }));
  };
  const unwatches = contracts
    .filter(
      ({ abi }) => eventName === undefined || abi.some((item) => item.type === "event" && item.name === eventName),
    )
    .map(({ address, abi, extra }) =>
      rails.config.publicClient.watchContractEvent({
        address,
        abi,
        eventName,
        args: options.args,
        fromBlock: options.fromBlock,
        pollingInterval: options.pollingInterval,
        strict: true,
        onError: report,
        onLogs: (logs: (Log<bigint, number, false> & { eventName: string; args: unknown })[]) => {
          queue = queue
            .then(async () => {
              const events = await Promise.all(
                logs.map(async (log) => ({
                  ...extra,
                  eventName: log.eventName,
                  args: await convert(log.eventName, log.args as Args),
                  address: getAddress(log.address),
                  blockNumber: log.blockNumber,
                  blockHash: log.blockHash,
                  transactionHash: log.transactionHash,
                  logIndex: log.logIndex,
                })),
              );
              if (active && events.length > 0) onLogs(events);
            })
            .catch(report);
        },
      } as Parameters<CargoRails["config"]["publicClient"]["watchContractEvent"]>[0]),
    );
  return () => {
    active = false;
    for (const unwatch of unwatches) unwatch();
  };
}

/**
 * The arguments of a watched contract's events in the SDK's types: the same conversion as `wait()`'s
 * ({@link convertEventArgs}). `format` writes a deposit token's base units in its units.
 */
function converter(
  contract: RailsContractName,
  address: Address | undefined,
  format?: (token: Address, units: bigint) => Promise<string>,
): Convert {
  return (eventName, args) =>
    convertEventArgs(contract, eventName, args, (address ?? args.paymentToken) as Address, format);
}
