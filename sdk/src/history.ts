import {
  decodeEventLog,
  encodeEventTopics,
  getAddress,
  hexToBigInt,
  numberToHex,
  pad,
  zeroAddress,
  type Address,
  type DecodeEventLogReturnType,
  type Hex,
} from "viem";

import { billOfLadingRegistryAbi } from "./abi/index.js";
import { billKinds, enumName, type BillKind } from "./enums.js";
import { InvalidArgumentError } from "./errors.js";
import { toCargoRailsError, type ContractContext } from "./internal/contract.js";
import { decodeReference } from "./references.js";

/**
 * How {@link EblNamespace.history} reads the logs. Block ranges are inclusive. Without `limit` one call reads the
 * whole range; with it, the call returns a page and the result's `cursor` (or `nextBlock`) reads the next one.
 */
export interface HistoryOptions {
  /**
   * First block to read (default: the client's `deploymentBlock`, else `addresses.deployBlocks.eblRegistry` as
   * `addressesFromIgnition` reads it, else 0). Ignored with a `cursor`.
   */
  fromBlock?: bigint | undefined;
  /** Last block to read (default: the latest block, fixed by the first page). Ignored with a `cursor`. */
  toBlock?: bigint | undefined;
  /** Blocks per `eth_getLogs` request (default 10 000, which public RPC providers accept). */
  blockRange?: bigint | undefined;
  /**
   * The most entries a page holds: reading stops after the block range in which it is reached, and the page ends
   * with the last whole block that keeps it at or under `limit` (a page never splits a block, so a single block with
   * more entries than `limit` is returned whole). Default: no limit (one page to `toBlock`).
   */
  limit?: number | undefined;
  /** The `cursor` of the previous page: reads the next page, with the holder state the previous pages built. */
  cursor?: EblHistoryCursor | undefined;
}

/**
 * Where the next page of an eBL's history starts, and what the pages before it established (the holder, the title
 * holder, the custody contracts and their principals) so that the next page's entries are the ones a single read
 * would give. Pass it back as `history(tokenId, { cursor })`; it is plain data (bigints and addresses).
 */
export interface EblHistoryCursor {
  /** The eBL. */
  tokenId: bigint;
  /** The first block not read yet. */
  nextBlock: bigint;
  /** The last block the pages read (fixed by the first page). */
  toBlock: bigint;
  /** The blocks per `eth_getLogs` request. */
  blockRange: bigint;
  /** The most entries a page holds. */
  limit: number | undefined;
  /** The holder after the last entry read. */
  holder: Address | null;
  /** The title holder after the last entry read (`undefined` before the issue was read). */
  titleHolder: Address | null | undefined;
  /** The custody and settlement contracts recognised so far. */
  custodians: Address[];
  /** Each custodian holding the eBL, with the principal it holds it for. */
  principals: [custodian: Address, principal: Address][];
}

/** The registry's domain events that make up an eBL's history, in the SDK's words. */
export type EblAction =
  | "ISSUE"
  | "TRANSFER"
  | "ENDORSE"
  | "BLANK_ENDORSE"
  | "SURRENDER_FOR_DELIVERY"
  | "SURRENDER_FOR_AMENDMENT"
  | "SURRENDER_ACCEPTED"
  | "SURRENDER_REJECTED"
  | "AMENDMENT_ISSUED"
  | "SWITCH_TO_PAPER_REQUESTED"
  | "SWITCH_TO_PAPER_CANCELLED"
  | "SWITCHED_TO_PAPER"
  | "LEGAL_HOLD_PLACED"
  | "LEGAL_HOLD_LIFTED"
  | "EXPORT"
  | "IMPORT";

/** What every entry of an eBL's history has, whatever its action. */
export interface EblHistoryEntryBase {
  /**
   * The legal actor: the party whose act it is in law, whose title or possession passes. ISSUE and the carrier's
   * answers: the carrier; legal holds: the authority; ENDORSE and BLANK_ENDORSE: the title holder before (for a
   * blank-endorsed eBL, the holder, or the principal of a custodian holding it); TRANSFER, SURRENDER_* and
   * SWITCH_TO_PAPER_*: the holder, or the principal of a custodian holding it; EXPORT: the holder that exported it
   * (or the principal of a custodian holding it); IMPORT: the gateway that re-created it here. A settlement or custody contract is
   * the actor only of its own acts: handing an eBL back to its principal (a cancelled or expired deal), where
   * `operator` is null; when it acts for someone else it is the {@link EblHistoryEntryBase.operator}.
   */
  actor: Address;
  /**
   * The account that submitted the action to the registry (the caller) when it is not the
   * {@link EblHistoryEntryBase.actor}: an operator the holder approved (SignedSettlement in a signed
   * settlement), or a custodian holding the eBL for its principal (EscrowedDeals in an escrowed deal).
   * `null` when the actor acted itself.
   */
  operator: Address | null;
  /** The party the action comes from, if any (see the README's table: the holder, surrenderer or carrier). */
  from: Address | null;
  /** The party the action goes to (the DCSA recipient), if any. */
  to: Address | null;
  /** The holder after the action (`null` once burned). */
  holder: Address | null;
  /** The title holder after the action (`null` while blank endorsed or once burned). */
  titleHolder: Address | null;
  /** The block number. */
  blockNumber: bigint;
  /** The block's Unix timestamp in seconds. */
  blockTimestamp: bigint;
  /** The block time as a Date. */
  time: Date;
  /** The transaction's hash. */
  transactionHash: Hex;
  /** The log's index in its block. */
  logIndex: number;
}

/** An entry of one action, from one registry event, with what that action carries. */
export type EblHistoryVariant<
  A extends EblAction,
  E extends EblHistoryEventName,
  Carries = unknown,
> = EblHistoryEntryBase & {
  /** What happened. */
  action: A;
  /** The registry event it comes from, e.g. `"Endorsed"`. */
  eventName: E;
} & Carries;

/**
 * One action in an eBL's history: one domain event of the registry, discriminated by `action` (each action has one
 * event). `actor` is the legal actor, `operator` the account that submitted it for the actor (if another), `from`
 * and `to` the parties, `holder` and `titleHolder` the state after it.
 */
export type EblHistoryEntry =
  | EblHistoryVariant<
      "ISSUE",
      "BillIssued",
      {
        /** The kind of B/L. */
        kind: BillKind;
        /** The document hash of version 1. */
        documentHash: Hex;
        /** Always 1. */
        version: number;
        /** The carrier's B/L number. */
        transportDocumentReference: string;
      }
    >
  | EblHistoryVariant<"TRANSFER", "PossessionTransferred">
  | EblHistoryVariant<
      "ENDORSE",
      "Endorsed",
      {
        /** True when possession moved to the endorsee in the same action (endorse and deliver). */
        delivered: boolean;
        /** The title holder before (`null` when the eBL was blank endorsed). */
        previousTitleHolder: Address | null;
      }
    >
  | EblHistoryVariant<
      "BLANK_ENDORSE",
      "BlankEndorsed",
      {
        /** The title holder before (`null` when the eBL was already blank endorsed). */
        previousTitleHolder: Address | null;
      }
    >
  | EblHistoryVariant<"SURRENDER_FOR_DELIVERY", "Surrendered">
  | EblHistoryVariant<"SURRENDER_FOR_AMENDMENT", "Surrendered">
  | EblHistoryVariant<"SURRENDER_ACCEPTED", "SurrenderAccepted">
  | EblHistoryVariant<
      "SURRENDER_REJECTED",
      "SurrenderRejected",
      {
        /** Whether the rejected surrender was for amendment. */
        forAmendment: boolean;
      }
    >
  | EblHistoryVariant<
      "AMENDMENT_ISSUED",
      "AmendmentIssued",
      {
        /** The document hash of the new version. */
        documentHash: Hex;
        /** The document hash of the version it replaces. */
        previousDocumentHash: Hex;
        /** The new version. */
        version: number;
      }
    >
  | EblHistoryVariant<"SWITCH_TO_PAPER_REQUESTED", "SwitchToPaperRequested">
  | EblHistoryVariant<"SWITCH_TO_PAPER_CANCELLED", "SwitchToPaperCancelled">
  | EblHistoryVariant<"SWITCHED_TO_PAPER", "SwitchedToPaper">
  | EblHistoryVariant<
      "LEGAL_HOLD_PLACED",
      "LegalHoldPlaced",
      {
        /** The reason code, as text when it is text (see {@link decodeReference}). */
        reasonCode: string;
      }
    >
  | EblHistoryVariant<
      "LEGAL_HOLD_LIFTED",
      "LegalHoldLifted",
      {
        /** The reason code, as text when it is text (see {@link decodeReference}). */
        reasonCode: string;
      }
    >
  | EblHistoryVariant<
      "EXPORT",
      "BillExported",
      {
        /**
         * The rails' gateway that took the eBL off this chain (`to`); its `BillSent` in the same transaction names
         * the transfer, the destination chain and the receiver (`crossChainHistory` links them).
         */
        gateway: Address;
      }
    >
  | EblHistoryVariant<
      "IMPORT",
      "BillImported",
      {
        /**
         * The rails' gateway that re-created the eBL here (the actor and `from`): its `BillReceived` (arrived from
         * another chain) or `BillRestored` (a refused export given back) in the same transaction names the transfer.
         */
        gateway: Address;
        /** The document hash of the current version, as on the other chain. */
        documentHash: Hex;
        /** The document version, as on the other chain. */
        version: number;
      }
    >;

/** The history entry of one action, e.g. `EblHistoryEntryOf<"ENDORSE">`. */
export type EblHistoryEntryOf<A extends EblAction> = Extract<EblHistoryEntry, { action: A }>;

/** An eBL's history: every action from issuance, in chain order. */
export interface EblHistory {
  /** The eBL. */
  tokenId: bigint;
  /** The registry it was read from. */
  registry: Address;
  /** The chain id. */
  chainId: number;
  /** The first block read (inclusive). */
  fromBlock: bigint;
  /** The last block read (inclusive): `nextBlock - 1` for a page that is not the last, else the range's end. */
  toBlock: bigint;
  /** The actions, oldest first. */
  entries: EblHistoryEntry[];
  /** The first block not read yet, or `null` when the range up to `toBlock` is read completely. */
  nextBlock: bigint | null;
  /** What reads the next page (`history(tokenId, { cursor })`), or `null` when done. */
  cursor: EblHistoryCursor | null;
}

/** The registry events an eBL's history is rebuilt from, one per action (the ERC-721 `Transfer` is not among them). */
export type EblHistoryEventName =
  | "BillIssued"
  | "PossessionTransferred"
  | "Endorsed"
  | "BlankEndorsed"
  | "Surrendered"
  | "SurrenderAccepted"
  | "SurrenderRejected"
  | "AmendmentIssued"
  | "SwitchToPaperRequested"
  | "SwitchToPaperCancelled"
  | "SwitchedToPaper"
  | "LegalHoldPlaced"
  | "LegalHoldLifted"
  | "BillExported"
  | "BillImported";

/** Each history event once: the Record type makes the compiler demand every name of the union, and no other. */
const HISTORY_EVENTS: Record<EblHistoryEventName, true> = {
  BillIssued: true,
  PossessionTransferred: true,
  Endorsed: true,
  BlankEndorsed: true,
  Surrendered: true,
  SurrenderAccepted: true,
  SurrenderRejected: true,
  AmendmentIssued: true,
  SwitchToPaperRequested: true,
  SwitchToPaperCancelled: true,
  SwitchedToPaper: true,
  LegalHoldPlaced: true,
  LegalHoldLifted: true,
  BillExported: true,
  BillImported: true,
};
const EVENT_NAMES = Object.keys(HISTORY_EVENTS) as EblHistoryEventName[];

const orNull = (address: Address): Address | null => (address === zeroAddress ? null : address);

interface RawLog {
  topics: [Hex, ...Hex[]];
  data: Hex;
  blockNumber: Hex;
  transactionHash: Hex;
  logIndex: Hex;
}

/** @internal Reads and decodes an eBL's history. */
export async function readEblHistory(
  ctx: ContractContext<typeof billOfLadingRegistryAbi>,
  tokenId: bigint,
  options: HistoryOptions = {},
): Promise<EblHistory> {
  const { cursor } = options;
  if (cursor !== undefined && (typeof cursor !== "object" || cursor === null || cursor.tokenId !== tokenId)) {
    throw new InvalidArgumentError("cursor", cursor, `the cursor of a previous page of this eBL's history`);
  }
  const blockRange = cursor?.blockRange ?? options.blockRange ?? 10_000n;
  if (typeof blockRange !== "bigint" || blockRange < 1n) {
    throw new InvalidArgumentError("blockRange", blockRange, "a positive bigint number of blocks");
  }
  const limit = cursor !== undefined ? cursor.limit : options.limit;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit > 0)) {
    throw new InvalidArgumentError("limit", limit, "a positive integer number of entries");
  }
  const client = ctx.publicClient;
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw toCargoRailsError(error, { abi: ctx.abi, operation: "ebl.history" });
    }
  };
  // Uncached: viem caches the block number for the polling interval, which would cut off the latest actions.
  const [chainId, latest] = await call(() =>
    Promise.all([
      client.getChainId(),
      cursor !== undefined || options.toBlock !== undefined ? 0n : client.getBlockNumber({ cacheTime: 0 }),
    ]),
  );
  const fromBlock = cursor?.nextBlock ?? options.fromBlock ?? 0n;
  const toBlock = cursor?.toBlock ?? options.toBlock ?? latest;
  if (fromBlock < 0n || toBlock < fromBlock) {
    throw new InvalidArgumentError("fromBlock", fromBlock, `a block number from 0 to toBlock (${toBlock})`);
  }

  const selectors = EVENT_NAMES.map(
    (eventName) => encodeEventTopics({ abi: billOfLadingRegistryAbi, eventName } as never)[0] as Hex,
  );
  const tokenTopic = pad(numberToHex(tokenId), { size: 32 });
  let logs: RawLog[] = [];
  let readTo = fromBlock - 1n; // the last block read
  for (let start = fromBlock; start <= toBlock; start += blockRange) {
    const end = start + blockRange - 1n < toBlock ? start + blockRange - 1n : toBlock;
    const page = await call(() =>
      client.request({
        method: "eth_getLogs",
        params: [
          {
            address: ctx.address,
            fromBlock: numberToHex(start),
            toBlock: numberToHex(end),
            topics: [selectors, tokenTopic],
          },
        ],
      }),
    );
    logs.push(...(page as unknown as RawLog[]));
    readTo = end;
    if (limit !== undefined && logs.length >= limit) break;
  }
  logs.sort((a, b) => {
    const byBlock = hexToBigInt(a.blockNumber) - hexToBigInt(b.blockNumber);
    return byBlock !== 0n ? (byBlock < 0n ? -1 : 1) : Number(hexToBigInt(a.logIndex) - hexToBigInt(b.logIndex));
  });
  if (limit !== undefined && logs.length > limit) {
    // End the page with the last whole block that keeps it within the limit (the first block whole, whatever its size).
    const firstBlockOver = hexToBigInt(logs[limit]!.blockNumber);
    const kept = logs.filter((log) => hexToBigInt(log.blockNumber) < firstBlockOver);
    const cutAt = kept.length > 0 ? firstBlockOver : firstBlockOver + 1n;
    logs = logs.filter((log) => hexToBigInt(log.blockNumber) < cutAt);
    readTo = cutAt - 1n;
  }
  const nextBlock = readTo < toBlock ? readTo + 1n : null;

  const blockNumbers = [...new Set(logs.map((log) => log.blockNumber))];
  const timestamps = new Map<string, bigint>(
    await call(() =>
      Promise.all(
        blockNumbers.map(
          async (n) => [n, (await client.getBlock({ blockNumber: hexToBigInt(n) })).timestamp] as [string, bigint],
        ),
      ),
    ),
  );

  const events = logs.map((log) => ({
    log,
    event: decodeEventLog({ abi: billOfLadingRegistryAbi, topics: log.topics, data: log.data, strict: true }),
  }));
  const issuer = issuerOfTokenId(tokenId);
  const custodians = custodiansIn(
    events.map(({ event }) => event),
    issuer,
    new Set(cursor?.custodians),
    cursor?.titleHolder,
  );
  // A custodian's principal: the party it holds the eBL for, the legal holder that moved the eBL into its custody.
  const principals = new Map<Address, Address>(cursor?.principals);
  const legalHolder = (account: Address): Address =>
    custodians.has(account) ? (principals.get(account) ?? account) : account;

  let holder: Address | null = cursor?.holder ?? null;
  let titleHolder: Address | null | undefined = cursor?.titleHolder;
  const entries: EblHistoryEntry[] = [];
  for (const { log, event } of events) {
    const blockTimestamp = timestamps.get(log.blockNumber)!;
    const base = {
      eventName: event.eventName,
      blockNumber: hexToBigInt(log.blockNumber),
      blockTimestamp,
      time: new Date(Number(blockTimestamp) * 1000),
      transactionHash: log.transactionHash,
      logIndex: Number(hexToBigInt(log.logIndex)),
    };
    /** The legal actor and, when another account called the registry for it, that account. */
    const acts = (actor: Address, caller: Address) => ({ actor, operator: caller === actor ? null : caller });
    let entry: DistributiveOmit<EblHistoryEntry, keyof typeof base | "holder" | "titleHolder">;
    switch (event.eventName) {
      case "BillIssued": {
        const a = event.args;
        holder = a.holder;
        titleHolder = orNull(a.titleHolder);
        entry = {
          action: "ISSUE",
          ...acts(a.issuer, a.issuer),
          from: null,
          to: a.holder,
          kind: enumName(billKinds, a.kind),
          documentHash: a.documentHash,
          version: 1,
          transportDocumentReference: a.transportDocumentReference,
        };
        break;
      }
      case "PossessionTransferred": {
        const { from, to, actor: caller } = event.args;
        const principal = custodians.has(from) ? principals.get(from) : undefined;
        principals.delete(from);
        // A custodian hands the eBL on for its principal; handing it back to the principal is its own act.
        const actor = principal !== undefined && principal !== to ? principal : from;
        if (custodians.has(to) && principal !== to) principals.set(to, actor);
        holder = to;
        entry = { action: "TRANSFER", ...acts(actor, caller), from, to };
        break;
      }
      case "Endorsed": {
        const a = event.args;
        const previous = orNull(a.previousTitleHolder);
        titleHolder = a.endorsee;
        if (a.delivered) holder = a.endorsee;
        entry = {
          action: "ENDORSE",
          ...acts(previous ?? legalHolder(a.holder), a.actor),
          from: a.holder,
          to: a.endorsee,
          delivered: a.delivered,
          previousTitleHolder: previous,
        };
        if (a.delivered) principals.delete(a.holder);
        break;
      }
      case "BlankEndorsed": {
        const a = event.args;
        const previous = orNull(a.previousTitleHolder);
        titleHolder = null;
        entry = {
          action: "BLANK_ENDORSE",
          ...acts(previous ?? legalHolder(a.holder), a.actor),
          from: a.holder,
          to: null,
          previousTitleHolder: previous,
        };
        break;
      }
      case "Surrendered": {
        const a = event.args;
        holder = a.carrier;
        entry = {
          action: a.forAmendment ? "SURRENDER_FOR_AMENDMENT" : "SURRENDER_FOR_DELIVERY",
          ...acts(legalHolder(a.surrenderer), a.actor),
          from: a.surrenderer,
          to: a.carrier,
        };
        break;
      }
      case "SurrenderAccepted":
        holder = null;
        titleHolder = null;
        entry = {
          action: "SURRENDER_ACCEPTED",
          ...acts(event.args.carrier, event.args.carrier),
          from: event.args.carrier,
          to: event.args.surrenderer,
        };
        break;
      case "SurrenderRejected":
        holder = event.args.surrenderer;
        entry = {
          action: "SURRENDER_REJECTED",
          ...acts(event.args.carrier, event.args.carrier),
          from: event.args.carrier,
          to: event.args.surrenderer,
          forAmendment: event.args.forAmendment,
        };
        break;
      case "AmendmentIssued":
        holder = event.args.holder;
        entry = {
          action: "AMENDMENT_ISSUED",
          ...acts(event.args.carrier, event.args.carrier),
          from: event.args.carrier,
          to: event.args.holder,
          documentHash: event.args.documentHash,
          previousDocumentHash: event.args.previousDocumentHash,
          version: event.args.version,
        };
        break;
      case "SwitchToPaperRequested":
        entry = {
          action: "SWITCH_TO_PAPER_REQUESTED",
          ...acts(legalHolder(event.args.holder), event.args.actor),
          from: event.args.holder,
          to: null,
        };
        break;
      case "SwitchToPaperCancelled": {
        const caller = event.args.actor;
        entry = {
          action: "SWITCH_TO_PAPER_CANCELLED",
          // declined by the carrier, or withdrawn by the holder
          ...acts(caller === issuer ? issuer : legalHolder(event.args.holder), caller),
          from: null,
          to: event.args.holder,
        };
        break;
      }
      case "SwitchedToPaper":
        holder = null;
        titleHolder = null;
        entry = {
          action: "SWITCHED_TO_PAPER",
          ...acts(event.args.carrier, event.args.carrier),
          from: event.args.carrier,
          to: event.args.holder,
        };
        break;
      case "LegalHoldPlaced":
      case "LegalHoldLifted":
        entry = {
          action: event.eventName === "LegalHoldPlaced" ? "LEGAL_HOLD_PLACED" : "LEGAL_HOLD_LIFTED",
          ...acts(event.args.authority, event.args.authority),
          from: null,
          to: null,
          reasonCode: decodeReference(event.args.reasonCode),
        };
        break;
      case "BillExported": {
        // The token is burned here: no holder, no title holder on this chain until it comes back.
        const { holder: from, gateway, actor: caller } = event.args;
        const actor = legalHolder(from);
        principals.delete(from);
        holder = null;
        titleHolder = null;
        entry = { action: "EXPORT", ...acts(actor, caller), from, to: gateway, gateway };
        break;
      }
      case "BillImported": {
        const a = event.args;
        holder = a.holder;
        titleHolder = orNull(a.titleHolder);
        entry = {
          action: "IMPORT",
          ...acts(a.gateway, a.gateway),
          from: a.gateway,
          to: a.holder,
          gateway: a.gateway,
          documentHash: a.documentHash,
          version: a.version,
        };
        break;
      }
      default:
        continue; // another event of the registry that carries the token id as first topic: not part of the chain
    }
    entries.push({ ...entry, ...base, holder, titleHolder: titleHolder ?? null } as EblHistoryEntry);
  }
  return {
    tokenId,
    registry: ctx.address,
    chainId,
    fromBlock,
    toBlock: nextBlock === null ? toBlock : nextBlock - 1n,
    entries,
    nextBlock,
    cursor:
      nextBlock === null
        ? null
        : {
            tokenId,
            nextBlock,
            toBlock,
            blockRange,
            limit,
            holder,
            titleHolder,
            custodians: [...custodians],
            principals: [...principals],
          },
  };
}

/** `Omit` applied to each member of a union (plain `Omit` would merge the members). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The issuing carrier encoded in a token id's top 160 bits (see `eblTokenId`). */
function issuerOfTokenId(tokenId: bigint): Address {
  return getAddress(numberToHex(tokenId >> 96n, { size: 20 }));
}

type HistoryEvent = DecodeEventLogReturnType<typeof billOfLadingRegistryAbi>;

/**
 * The settlement and custody contracts among an eBL's holders, recognised from the registry's rules alone (its
 * events do not name kinds):
 * - an account that acted on the eBL while another held it is an approved operator, and the registry lets only
 *   verified settlement or custody contracts be operators (the carrier cancelling a switch to paper aside);
 * - a holder that endorsed, surrendered or asked for paper without being the named title holder had the custody
 *   title right, which only a settlement or custody contract that received the eBL from a party with title has.
 * A custody contract that only ever received a bearer eBL and acted on it itself is not recognised: it is then
 * named as the actor.
 */
function custodiansIn(
  events: readonly HistoryEvent[],
  issuer: Address,
  custodians: Set<Address>,
  titleHolderBefore: Address | null | undefined,
): Set<Address> {
  const operator = (caller: Address, holder: Address) => {
    if (caller !== holder) custodians.add(caller);
  };
  // The title holder, once known from the issue or an endorsement; undefined before (a late fromBlock).
  let titleHolder = titleHolderBefore;
  const titleAct = (holder: Address, title: Address | null | undefined) => {
    if (title !== undefined && title !== null && holder !== title) custodians.add(holder);
  };
  for (const event of events) {
    switch (event.eventName) {
      case "BillIssued":
        titleHolder = orNull(event.args.titleHolder);
        break;
      case "PossessionTransferred":
        operator(event.args.actor, event.args.from);
        break;
      case "Endorsed":
      case "BlankEndorsed":
        operator(event.args.actor, event.args.holder);
        titleAct(event.args.holder, orNull(event.args.previousTitleHolder));
        titleHolder = event.eventName === "Endorsed" ? event.args.endorsee : null;
        break;
      case "Surrendered":
        operator(event.args.actor, event.args.surrenderer);
        titleAct(event.args.surrenderer, titleHolder);
        break;
      case "SwitchToPaperRequested":
        operator(event.args.actor, event.args.holder);
        titleAct(event.args.holder, titleHolder);
        break;
      case "SwitchToPaperCancelled":
        if (event.args.actor !== issuer) operator(event.args.actor, event.args.holder);
        break;
      case "BillExported":
        operator(event.args.actor, event.args.holder);
        break;
      default:
        break;
    }
  }
  return custodians;
}

// ---------------------------------------------------------------- DCSA export

/** A party in DCSA's PINT 3.0 `Transaction` (`ActorParty` / `RecipientParty`). */
export interface DcsaParty {
  /** Name of the party (at most 70 characters). */
  partyName: string;
  /** The party's eBL platform code (at most 4 characters). */
  eblPlatform: string;
  /** At least one identifying code. */
  identifyingCodes: { codeListProvider: string; partyCode: string; codeListName?: string }[];
  [key: string]: unknown;
}

/** DCSA's endorsement-chain action codes (PINT 3.0 `Transaction.actionCode`) the SDK produces. */
export type DcsaActionCode =
  | "ISSUE"
  | "TRANSFER"
  | "ENDORSE"
  | "ENDORSE_TO_ORDER"
  | "BLANK_ENDORSE"
  | "SURRENDER_FOR_DELIVERY"
  | "SURRENDER_FOR_AMENDMENT"
  | "SACC"
  | "SREJ";

/** One link of a DCSA endorsement chain, shaped as PINT 3.0's `Transaction`. */
export interface DcsaTransaction {
  /** The DCSA action code. */
  actionCode: DcsaActionCode;
  /** The legal actor: the party whose act it is (see `EblHistoryEntry.actor`). */
  actor: DcsaParty;
  /** The designated recipient, when the action has one. */
  recipient?: DcsaParty;
  /** RFC 3339 UTC timestamp with milliseconds: the block time. */
  actionDateTime: string;
  /** `SWTP` (switch to paper) on the SURRENDER_FOR_AMENDMENT that asks for paper. */
  reasonCode?: string;
  /** Free text; names the account that submitted the action when it is not the actor (at most 255 characters). */
  comments?: string;
  /** The transaction hash that recorded the action on chain. */
  auditReference: string;
}

/** Options of {@link toDcsaEndorsementChain}. */
export interface DcsaExportOptions {
  /**
   * Maps an address to its DCSA party (name, platform, codes); return `undefined` to use the default party: the
   * address as name, `eblPlatform`, and a W3C `did:pkh:eip155:<chainId>:<address>` identifying code.
   */
  party?: ((address: Address) => DcsaParty | undefined) | undefined;
  /** The eBL platform code of default parties (default `"ZZZ"`, DCSA's "mutually defined"). */
  eblPlatform?: string | undefined;
  /**
   * The action code of an endorsement to a named party. `"ENDORSE"` (default, the code the issue names) or
   * `"ENDORSE_TO_ORDER"`, DCSA's code for an endorsee that may endorse further, as an endorsee of a to-order eBL
   * here can.
   */
  endorseCode?: "ENDORSE" | "ENDORSE_TO_ORDER" | undefined;
}

/**
 * Exports an eBL's history as a DCSA endorsement chain: a list of PINT 3.0 `Transaction`s, oldest first.
 *
 * Mapping (following DCSA's `actionCode` definitions):
 * - ISSUE → `ISSUE` (carrier → shipper);
 * - TRANSFER → `TRANSFER`; ENDORSE → `ENDORSE` (or `ENDORSE_TO_ORDER`), and when delivered in the same action a
 *   `TRANSFER` to the endorsee follows; BLANK_ENDORSE → `BLANK_ENDORSE`;
 * - SURRENDER_FOR_DELIVERY / SURRENDER_FOR_AMENDMENT → the same codes (recipient: the carrier);
 * - the carrier's answers: SURRENDER_ACCEPTED → `SACC`, SURRENDER_REJECTED → `SREJ`; AMENDMENT_ISSUED → `SACC` of
 *   the surrender for amendment followed by `ISSUE` of the amended version (DCSA reissues an amended eBL);
 * - switch to paper, which DCSA treats as an amendment: the request → `SURRENDER_FOR_AMENDMENT` with reasonCode
 *   `SWTP` (recipient: the carrier), the carrier's confirmation → `SACC`, its refusal → `SREJ` (a withdrawal by the
 *   holder has no DCSA code and is left out);
 * - legal holds have no DCSA code and are left out;
 * - EXPORT and IMPORT (the eBL moving between the rails' registries on two chains) have no DCSA code and are left
 *   out: the record moves between two ledgers of one platform and no party acts in law (a receiver other than the
 *   exporting holder shows as the `holder` of the IMPORT in the other chain's history, not in this one).
 * So the chain has one transaction per history entry, except an endorse-and-deliver and an amendment (two each), and
 * a legal hold or a withdrawn switch to paper (none); {@link toDcsaTransactionsByEntry} shows the mapping entry by
 * entry.
 *
 * `actor` is the entry's legal actor (the party whose title or possession passes, never a contract acting for it);
 * DCSA has no field for the account that submitted the action, so when an operator submitted it for the actor,
 * `comments` says so ("Submitted by … for …"). `auditReference` is the transaction hash, `actionDateTime` the
 * block time.
 *
 * @param history What `ebl.history(tokenId)` returned.
 * @param options How to name parties and endorsements.
 */
export function toDcsaEndorsementChain(history: EblHistory, options: DcsaExportOptions = {}): DcsaTransaction[] {
  return toDcsaTransactionsByEntry(history, options).flatMap(({ transactions }) => transactions);
}

/** One history entry and the DCSA transactions it becomes (none, one or two). */
export interface DcsaTransactionsOfEntry {
  /** The history entry. */
  entry: EblHistoryEntry;
  /** Its DCSA transactions, in order (empty for an action DCSA has no code for). */
  transactions: DcsaTransaction[];
}

/**
 * The DCSA export of {@link toDcsaEndorsementChain}, entry by entry: which history entry became which DCSA
 * transactions, to explain why the chain is longer or shorter than the history.
 *
 * @param history What `ebl.history(tokenId)` returned.
 * @param options How to name parties and endorsements.
 */
export function toDcsaTransactionsByEntry(
  history: EblHistory,
  options: DcsaExportOptions = {},
): DcsaTransactionsOfEntry[] {
  const platform = options.eblPlatform ?? "ZZZ";
  const endorseCode = options.endorseCode ?? "ENDORSE";
  const party = (address: Address): DcsaParty =>
    options.party?.(address) ?? {
      partyName: address,
      eblPlatform: platform,
      identifyingCodes: [
        { codeListProvider: "W3C", partyCode: `did:pkh:eip155:${history.chainId}:${address}`, codeListName: "DID" },
      ],
    };
  const issuer = issuerOfTokenId(history.tokenId);
  return history.entries.map((entry) => {
    const transactions: DcsaTransaction[] = [];
    const submitted =
      entry.operator === null
        ? undefined
        : `Submitted by ${party(entry.operator).partyName} for ${party(entry.actor).partyName}.`;
    const link = (actionCode: DcsaActionCode, recipient: Address | null, extra: Partial<DcsaTransaction> = {}) => {
      const comments = [extra.comments, submitted].filter((text) => text !== undefined).join(" ");
      transactions.push({
        actionCode,
        actor: party(entry.actor),
        ...(recipient === null ? {} : { recipient: party(recipient) }),
        actionDateTime: entry.time.toISOString(),
        ...extra,
        ...(comments === "" ? {} : { comments: comments.slice(0, 255).trim() }),
        auditReference: entry.transactionHash,
      });
    };
    switch (entry.action) {
      case "ISSUE":
      case "TRANSFER":
        link(entry.action, entry.to);
        break;
      case "ENDORSE":
        link(endorseCode, entry.to);
        if (entry.delivered) link("TRANSFER", entry.to);
        break;
      case "BLANK_ENDORSE":
        link("BLANK_ENDORSE", null);
        break;
      case "SURRENDER_FOR_DELIVERY":
      case "SURRENDER_FOR_AMENDMENT":
        link(entry.action, entry.to);
        break;
      case "SURRENDER_ACCEPTED":
        link("SACC", entry.to);
        break;
      case "SURRENDER_REJECTED":
        link("SREJ", entry.to);
        break;
      case "AMENDMENT_ISSUED":
        link("SACC", entry.to, { comments: "Surrender for amendment accepted." });
        link("ISSUE", entry.to, { comments: `Amended version ${entry.version} issued.` });
        break;
      case "SWITCH_TO_PAPER_REQUESTED":
        link("SURRENDER_FOR_AMENDMENT", issuer, { reasonCode: "SWTP" });
        break;
      case "SWITCHED_TO_PAPER":
        link("SACC", entry.to, { comments: "Switch to paper confirmed." });
        break;
      case "SWITCH_TO_PAPER_CANCELLED":
        // Declined by the carrier: SREJ. Withdrawn by the holder: DCSA has no code for a withdrawal; left out.
        if (entry.actor === issuer) link("SREJ", entry.to, { comments: "Switch to paper declined." });
        break;
      case "LEGAL_HOLD_PLACED":
      case "LEGAL_HOLD_LIFTED":
      case "EXPORT":
      case "IMPORT":
        break; // no DCSA action code
    }
    return { entry, transactions };
  });
}
