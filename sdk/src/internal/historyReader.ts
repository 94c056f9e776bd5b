/**
 * @internal Reads and decodes an eBL's history (`ebl.history`): loaded with `import()` on the first call, so that a
 * browser bundle of `createCargoRails` carries it in a chunk of its own.
 */
import {
  decodeEventLog,
  encodeEventTopics,
  hexToBigInt,
  numberToHex,
  pad,
  zeroAddress,
  zeroHash,
  type Address,
  type DecodeEventLogReturnType,
  type Hex,
} from "viem";

import { billOfLadingRegistryAbi } from "../abi/index.js";
import { billKinds, enumName } from "../enums.js";
import { InvalidArgumentError } from "../errors.js";
import {
  issuerOfTokenId,
  type EblHistory,
  type EblHistoryEntry,
  type EblHistoryEventName,
  type HistoryOptions,
} from "../history.js";
import { type ContractContext } from "./contract.js";
import { callsOf, cutPage, pageSettings } from "./paging.js";
import { decodeReference } from "../references.js";

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
  Signed: true,
  TransferRejected: true,
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
  const { blockRange, limit } = pageSettings(cursor, options, "entries");
  const client = ctx.publicClient;
  const call = callsOf(ctx, "ebl.history");
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

  // `Remarked` is no action of its own: it adds a remark hash and a reason code to the action before it.
  const selectors = [...EVENT_NAMES, "Remarked"].map(
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
  ({ logs, readTo } = cutPage(logs, limit, readTo));
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
      case "Signed":
        entry = {
          action: "SIGN",
          ...acts(legalHolder(event.args.holder), event.args.actor),
          from: event.args.holder,
          to: null,
        };
        break;
      case "TransferRejected": {
        const a = event.args;
        principals.delete(a.holder);
        holder = a.returnedTo;
        titleHolder = orNull(a.titleHolder);
        entry = { action: "TRANSFER_REJECTED", ...acts(a.holder, a.actor), from: a.holder, to: a.returnedTo };
        break;
      }
      case "Remarked": {
        // Emitted right after its action's event, in the same transaction.
        const last = entries[entries.length - 1];
        if (last !== undefined && last.transactionHash === log.transactionHash) {
          const { remarkHash, reasonCode } = event.args;
          if (remarkHash !== zeroHash) last.remarkHash = remarkHash;
          if (reasonCode !== zeroHash) last.reasonCode = decodeReference(reasonCode);
        }
        continue;
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
      case "Signed":
      case "TransferRejected":
        operator(event.args.actor, event.args.holder);
        break;
      default:
        break;
    }
  }
  return custodians;
}
