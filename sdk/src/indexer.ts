/**
 * @internal Reads from a Cargo Rails indexer (`indexerUrl`), and the chain scan `ebl.heldBy` falls back to without
 * one: loaded with `import()` on first use, so a browser bundle of `createCargoRails` carries it in a chunk of its own.
 */
import { getAddress, numberToHex, pad, type Address, type Hex } from "viem";

import { billOfLadingRegistryAbi } from "./abi/index.js";
import { type EblBill } from "./ebl.js";
import { type BillKind, type BillStatus } from "./enums.js";
import { InvalidArgumentError } from "./errors.js";
import { assertAddress } from "./guards.js";
import { type EblHistory, type EblHistoryEntry } from "./history.js";
import { IndexerRequestError, type EblHolding, type EblHoldingsPage, type HeldByOptions } from "./indexerTypes.js";
import { type ContractContext } from "./internal/contract.js";
import { callsOf } from "./internal/paging.js";

async function getJson<T>(url: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" } });
  } catch (cause) {
    throw new IndexerRequestError(url, { details: (cause as Error).message, cause });
  }
  const text = await response.text();
  if (!response.ok) throw new IndexerRequestError(url, { status: response.status, details: text.slice(0, 500) });
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new IndexerRequestError(url, { status: response.status, details: "The answer is not JSON.", cause });
  }
}

function pageOf(options: HeldByOptions | undefined): { page: number; pageSize: number } {
  const page = options?.page ?? 0;
  const pageSize = options?.pageSize ?? 100;
  if (!Number.isSafeInteger(page) || page < 0) throw new InvalidArgumentError("page", page, "an integer from 0");
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new InvalidArgumentError("pageSize", pageSize, "an integer from 1 to 1000");
  }
  return { page, pageSize };
}

const address = (value: string | null): Address | null => (value === null ? null : getAddress(value));

interface IndexedBill {
  tokenId: string;
  issuer: string;
  kind: BillKind;
  status: BillStatus;
  onLegalHold: boolean;
  holder: string;
  titleHolder: string | null;
  version: number;
  documentHash: Hex;
}

/** @internal What `ebl` reads with: the indexer's URL, if any, and the deployment block. */
interface ReadDefaults {
  indexerUrl?: string | undefined;
  historyFromBlock?: bigint | undefined;
}

/** @internal `ebl.heldBy`: through the indexer when one is configured, else by a scan of the chain. */
export async function heldBy(
  ctx: ContractContext<typeof billOfLadingRegistryAbi>,
  bill: (tokenId: bigint) => Promise<EblBill>,
  defaults: ReadDefaults,
  holder: Address,
  options: HeldByOptions | undefined,
): Promise<EblHoldingsPage> {
  return defaults.indexerUrl !== undefined
    ? heldByFromIndexer(defaults.indexerUrl, holder, options)
    : heldByFromChain(ctx, bill, holder, options, defaults.historyFromBlock ?? 0n);
}

/** `ebl.heldBy` through the indexer. */
async function heldByFromIndexer(
  indexerUrl: string,
  holder: Address,
  options: HeldByOptions | undefined,
): Promise<EblHoldingsPage> {
  const { page, pageSize } = pageOf(options);
  const url = `${indexerUrl.replace(/\/$/, "")}/rails/held-by/${assertAddress(holder, "holder")}?page=${page}&pageSize=${pageSize}`;
  const body = await getJson<{ items: IndexedBill[]; nextPage: number | null }>(url);
  return {
    items: body.items.map((row) => ({
      tokenId: BigInt(row.tokenId),
      issuer: getAddress(row.issuer),
      kind: row.kind,
      status: row.status,
      onLegalHold: row.onLegalHold,
      holder: getAddress(row.holder),
      titleHolder: address(row.titleHolder),
      version: row.version,
      documentHash: row.documentHash,
    })),
    page,
    nextPage: body.nextPage,
    source: "indexer",
  };
}

/**
 * `ebl.heldBy` without an indexer: every token ever transferred to `holder` (the registry's ERC-721
 * `Transfer` logs, in block ranges from `fromBlock`), then each one's current record, kept when `holder` still holds it.
 */
async function heldByFromChain(
  ctx: ContractContext<typeof billOfLadingRegistryAbi>,
  bill: (tokenId: bigint) => Promise<EblBill>,
  holder: Address,
  options: HeldByOptions | undefined,
  fromBlock: bigint,
): Promise<EblHoldingsPage> {
  const { page, pageSize } = pageOf(options);
  const account = assertAddress(holder, "holder");
  const call = callsOf(ctx, "ebl.heldBy");
  const latest = await call(() => ctx.publicClient.getBlockNumber({ cacheTime: 0 }));
  const candidates = new Set<bigint>();
  const transfer = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
  for (let start = fromBlock; start <= latest; start += 10_000n) {
    const end = start + 9_999n < latest ? start + 9_999n : latest;
    const logs = (await call(() =>
      ctx.publicClient.request({
        method: "eth_getLogs",
        params: [
          {
            address: ctx.address,
            fromBlock: numberToHex(start),
            toBlock: numberToHex(end),
            topics: [transfer, null, pad(account.toLowerCase() as Hex, { size: 32 })],
          },
        ],
      }),
    )) as unknown as { topics: Hex[] }[];
    for (const log of logs) candidates.add(BigInt(log.topics[3]!));
  }
  const held: EblHolding[] = [];
  for (const tokenId of [...candidates].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const b = await bill(tokenId);
    if (b.holder !== account || b.issuer === null) continue;
    const { issuer, kind, status, onLegalHold, titleHolder, version, documentHash } = b;
    held.push({ tokenId, issuer, kind, status, onLegalHold, holder: account, titleHolder, version, documentHash });
  }
  const items = held.slice(page * pageSize, (page + 1) * pageSize);
  return { items, page, nextPage: held.length > (page + 1) * pageSize ? page + 1 : null, source: "chain" };
}

interface IndexedEntry {
  action: EblHistoryEntry["action"];
  eventName: EblHistoryEntry["eventName"];
  actor: string;
  operator: string | null;
  from: string | null;
  to: string | null;
  holder: string | null;
  titleHolder: string | null;
  remarkHash: Hex | null;
  details: Record<string, string | number | boolean | null>;
  blockNumber: string;
  blockTimestamp: string;
  transactionHash: Hex;
  logIndex: number;
}

/** @internal `ebl.history` through the indexer: the same entries as the chain read, to the block it has indexed. */
export async function historyFromIndexer(
  indexerUrl: string,
  ctx: ContractContext<typeof billOfLadingRegistryAbi>,
  tokenId: bigint,
  defaults: ReadDefaults,
): Promise<EblHistory> {
  const fromBlock = defaults.historyFromBlock ?? 0n;
  const base = indexerUrl.replace(/\/$/, "");
  const [body, status, chainId] = await Promise.all([
    getJson<{ entries: IndexedEntry[] }>(`${base}/rails/history/${tokenId}`),
    getJson<Record<string, { block?: { number: number } | null }>>(`${base}/status`),
    ctx.publicClient.getChainId(),
  ]);
  const toBlock = BigInt(Object.values(status)[0]?.block?.number ?? 0);
  const entries = body.entries.map((row) => {
    const details = Object.fromEntries(
      Object.entries(row.details).map(([key, value]) => [
        key,
        typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value) ? getAddress(value) : value,
      ]),
    );
    const blockTimestamp = BigInt(row.blockTimestamp);
    return {
      action: row.action,
      actor: getAddress(row.actor),
      operator: address(row.operator),
      from: address(row.from),
      to: address(row.to),
      ...details,
      eventName: row.eventName,
      blockNumber: BigInt(row.blockNumber),
      blockTimestamp,
      time: new Date(Number(blockTimestamp) * 1000),
      transactionHash: row.transactionHash,
      logIndex: row.logIndex,
      holder: address(row.holder),
      titleHolder: address(row.titleHolder),
      ...(row.remarkHash === null ? {} : { remarkHash: row.remarkHash }),
    } as EblHistoryEntry;
  });
  return { tokenId, registry: ctx.address, chainId, fromBlock, toBlock, entries, nextBlock: null, cursor: null };
}
