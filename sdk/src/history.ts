import {
  decodeEventLog,
  encodeEventTopics,
  hexToBigInt,
  numberToHex,
  pad,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";

import { billOfLadingRegistryAbi } from "./abi/index.js";
import { decodeContractError } from "./contractErrors.js";
import { billKinds, enumName, type BillKind } from "./enums.js";
import { InvalidArgumentError } from "./errors.js";
import { type ContractContext } from "./internal/contract.js";
import { decodeReference } from "./references.js";

/** How {@link EblNamespace.history} reads the logs. */
export interface HistoryOptions {
  /** First block to read (default: the client's `deploymentBlock`, else 0). */
  fromBlock?: bigint | undefined;
  /** Last block to read (default: the latest block). */
  toBlock?: bigint | undefined;
  /** Blocks per `eth_getLogs` request (default 10 000, which public RPC providers accept). */
  blockRange?: bigint | undefined;
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
  | "LEGAL_HOLD_LIFTED";

/**
 * One action in an eBL's history: one domain event of the registry. `from` and `to` are the parties the action
 * goes from and to (see the README's table: e.g. TRANSFER: previous and new holder; ENDORSE: holder and endorsee;
 * SURRENDER_*: surrenderer and carrier); `holder` and `titleHolder` are the state after it.
 */
export interface EblHistoryEntry {
  /** What happened. */
  action: EblAction;
  /** The registry event it comes from, e.g. `"Endorsed"`. */
  eventName: EblHistoryEventName;
  /** Who did it (the caller: holder, approved operator, carrier or authority). */
  actor: Address;
  /** The party the action comes from, if any. */
  from: Address | null;
  /** The party the action goes to (the DCSA recipient), if any. */
  to: Address | null;
  /** The holder after the action (`null` once burned). */
  holder: Address | null;
  /** The title holder after the action (`null` while blank endorsed or once burned). */
  titleHolder: Address | null;
  /** ENDORSE: true when possession moved to the endorsee in the same action (endorse and deliver). */
  delivered?: boolean;
  /** ISSUE and AMENDMENT_ISSUED: the document hash of the version issued. */
  documentHash?: Hex;
  /** ISSUE: 1; AMENDMENT_ISSUED: the new version. */
  version?: number;
  /** ISSUE: the kind of B/L. */
  kind?: BillKind;
  /** ISSUE: the carrier's B/L number. */
  transportDocumentReference?: string;
  /** SURRENDER_REJECTED: whether the rejected surrender was for amendment. */
  forAmendment?: boolean;
  /** LEGAL_HOLD_*: the reason code, as text when it is text (see {@link decodeReference}). */
  reasonCode?: string;
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

/** An eBL's history: every action from issuance, in chain order. */
export interface EblHistory {
  /** The eBL. */
  tokenId: bigint;
  /** The registry it was read from. */
  registry: Address;
  /** The chain id. */
  chainId: number;
  /** The blocks read. */
  fromBlock: bigint;
  /** The blocks read. */
  toBlock: bigint;
  /** The actions, oldest first. */
  entries: EblHistoryEntry[];
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
  | "LegalHoldLifted";

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
  const blockRange = options.blockRange ?? 10_000n;
  if (typeof blockRange !== "bigint" || blockRange < 1n) {
    throw new InvalidArgumentError("blockRange", blockRange, "a positive bigint number of blocks");
  }
  const client = ctx.publicClient;
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw decodeContractError(error, ctx.abi) ?? error;
    }
  };
  // Uncached: viem caches the block number for the polling interval, which would cut off the latest actions.
  const [chainId, latest] = await call(() =>
    Promise.all([client.getChainId(), client.getBlockNumber({ cacheTime: 0 })]),
  );
  const fromBlock = options.fromBlock ?? 0n;
  const toBlock = options.toBlock ?? latest;
  if (fromBlock < 0n || toBlock < fromBlock) {
    throw new InvalidArgumentError("fromBlock", fromBlock, `a block number from 0 to toBlock (${toBlock})`);
  }

  const selectors = EVENT_NAMES.map(
    (eventName) => encodeEventTopics({ abi: billOfLadingRegistryAbi, eventName } as never)[0] as Hex,
  );
  const tokenTopic = pad(numberToHex(tokenId), { size: 32 });
  const logs: RawLog[] = [];
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
  }
  logs.sort((a, b) => {
    const byBlock = hexToBigInt(a.blockNumber) - hexToBigInt(b.blockNumber);
    return byBlock !== 0n ? (byBlock < 0n ? -1 : 1) : Number(hexToBigInt(a.logIndex) - hexToBigInt(b.logIndex));
  });

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

  let holder: Address | null = null;
  let titleHolder: Address | null = null;
  const entries: EblHistoryEntry[] = [];
  for (const log of logs) {
    const event = decodeEventLog({ abi: billOfLadingRegistryAbi, topics: log.topics, data: log.data, strict: true });
    const blockTimestamp = timestamps.get(log.blockNumber)!;
    const base = {
      eventName: event.eventName,
      blockNumber: hexToBigInt(log.blockNumber),
      blockTimestamp,
      time: new Date(Number(blockTimestamp) * 1000),
      transactionHash: log.transactionHash,
      logIndex: Number(hexToBigInt(log.logIndex)),
    };
    let entry: Omit<EblHistoryEntry, keyof typeof base | "holder" | "titleHolder">;
    switch (event.eventName) {
      case "BillIssued": {
        const a = event.args;
        holder = a.holder;
        titleHolder = orNull(a.titleHolder);
        entry = {
          action: "ISSUE",
          actor: a.issuer,
          from: null,
          to: a.holder,
          kind: enumName(billKinds, a.kind),
          documentHash: a.documentHash,
          version: 1,
          transportDocumentReference: a.transportDocumentReference,
        };
        break;
      }
      case "PossessionTransferred":
        holder = event.args.to;
        entry = { action: "TRANSFER", actor: event.args.actor, from: event.args.from, to: event.args.to };
        break;
      case "Endorsed": {
        const a = event.args;
        titleHolder = a.endorsee;
        if (a.delivered) holder = a.endorsee;
        entry = { action: "ENDORSE", actor: a.actor, from: a.holder, to: a.endorsee, delivered: a.delivered };
        break;
      }
      case "BlankEndorsed":
        titleHolder = null;
        entry = { action: "BLANK_ENDORSE", actor: event.args.actor, from: event.args.holder, to: null };
        break;
      case "Surrendered": {
        const a = event.args;
        holder = a.carrier;
        entry = {
          action: a.forAmendment ? "SURRENDER_FOR_AMENDMENT" : "SURRENDER_FOR_DELIVERY",
          actor: a.actor,
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
          actor: event.args.carrier,
          from: event.args.carrier,
          to: event.args.surrenderer,
        };
        break;
      case "SurrenderRejected":
        holder = event.args.surrenderer;
        entry = {
          action: "SURRENDER_REJECTED",
          actor: event.args.carrier,
          from: event.args.carrier,
          to: event.args.surrenderer,
          forAmendment: event.args.forAmendment,
        };
        break;
      case "AmendmentIssued":
        holder = event.args.holder;
        entry = {
          action: "AMENDMENT_ISSUED",
          actor: event.args.carrier,
          from: event.args.carrier,
          to: event.args.holder,
          documentHash: event.args.documentHash,
          version: event.args.version,
        };
        break;
      case "SwitchToPaperRequested":
        entry = {
          action: "SWITCH_TO_PAPER_REQUESTED",
          actor: event.args.actor,
          from: event.args.holder,
          to: null,
        };
        break;
      case "SwitchToPaperCancelled":
        entry = {
          action: "SWITCH_TO_PAPER_CANCELLED",
          actor: event.args.actor,
          from: null,
          to: event.args.holder,
        };
        break;
      case "SwitchedToPaper":
        holder = null;
        titleHolder = null;
        entry = {
          action: "SWITCHED_TO_PAPER",
          actor: event.args.carrier,
          from: event.args.carrier,
          to: event.args.holder,
        };
        break;
      case "LegalHoldPlaced":
      case "LegalHoldLifted":
        entry = {
          action: event.eventName === "LegalHoldPlaced" ? "LEGAL_HOLD_PLACED" : "LEGAL_HOLD_LIFTED",
          actor: event.args.authority,
          from: null,
          to: null,
          reasonCode: decodeReference(event.args.reasonCode),
        };
        break;
      default:
        continue; // another event of the registry that carries the token id as first topic: not part of the chain
    }
    entries.push({ ...entry, ...base, holder, titleHolder } as EblHistoryEntry);
  }
  return { tokenId, registry: ctx.address, chainId, fromBlock, toBlock, entries };
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
  /** Who acted. */
  actor: DcsaParty;
  /** The designated recipient, when the action has one. */
  recipient?: DcsaParty;
  /** RFC 3339 UTC timestamp with milliseconds: the block time. */
  actionDateTime: string;
  /** `SWTP` (switch to paper) on the SURRENDER_FOR_AMENDMENT that asks for paper. */
  reasonCode?: string;
  /** Free text. */
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
 * - legal holds have no DCSA code and are left out.
 *
 * `auditReference` is the transaction hash, `actionDateTime` the block time.
 *
 * @param history What `ebl.history(tokenId)` returned.
 * @param options How to name parties and endorsements.
 */
export function toDcsaEndorsementChain(history: EblHistory, options: DcsaExportOptions = {}): DcsaTransaction[] {
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
  const chain: DcsaTransaction[] = [];
  const issuer = history.entries.find((entry) => entry.action === "ISSUE")?.actor ?? null;
  for (const entry of history.entries) {
    const link = (
      actionCode: DcsaActionCode,
      actor: Address,
      recipient: Address | null,
      extra: Partial<DcsaTransaction> = {},
    ) => {
      chain.push({
        actionCode,
        actor: party(actor),
        ...(recipient === null ? {} : { recipient: party(recipient) }),
        actionDateTime: entry.time.toISOString(),
        ...extra,
        auditReference: entry.transactionHash,
      });
    };
    switch (entry.action) {
      case "ISSUE":
        link("ISSUE", entry.actor, entry.to);
        break;
      case "TRANSFER":
        link("TRANSFER", entry.actor, entry.to);
        break;
      case "ENDORSE":
        link(endorseCode, entry.actor, entry.to);
        if (entry.delivered) link("TRANSFER", entry.actor, entry.to);
        break;
      case "BLANK_ENDORSE":
        link("BLANK_ENDORSE", entry.actor, null);
        break;
      case "SURRENDER_FOR_DELIVERY":
      case "SURRENDER_FOR_AMENDMENT":
        link(entry.action, entry.actor, entry.to);
        break;
      case "SURRENDER_ACCEPTED":
        link("SACC", entry.actor, entry.to);
        break;
      case "SURRENDER_REJECTED":
        link("SREJ", entry.actor, entry.to);
        break;
      case "AMENDMENT_ISSUED":
        link("SACC", entry.actor, entry.to, { comments: "Surrender for amendment accepted." });
        link("ISSUE", entry.actor, entry.to, { comments: `Amended version ${entry.version ?? ""} issued.`.trim() });
        break;
      case "SWITCH_TO_PAPER_REQUESTED":
        link("SURRENDER_FOR_AMENDMENT", entry.actor, issuer, { reasonCode: "SWTP" });
        break;
      case "SWITCHED_TO_PAPER":
        link("SACC", entry.actor, entry.to, { comments: "Switch to paper confirmed." });
        break;
      case "SWITCH_TO_PAPER_CANCELLED":
        // Declined by the carrier: SREJ. Withdrawn by the holder: DCSA has no code for a withdrawal; left out.
        if (entry.actor === issuer) link("SREJ", entry.actor, entry.to, { comments: "Switch to paper declined." });
        break;
      default:
        break; // legal holds: no DCSA action code
    }
  }
  return chain;
}
