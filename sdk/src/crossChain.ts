/**
 * eBLs across chains: the types of the `crossChain` namespace (the EblGateway of one chain), and the helpers that
 * follow an eBL over several chains, each through its own {@link CargoRails} client (one client per chain, each
 * connected to its chain).
 */
import { type Address, type Hex } from "viem";

import { eblGatewayAbi } from "./abi/index.js";
import { type CargoRails } from "./client.js";
import { type BillStatus } from "./enums.js";
import { CargoRailsError, InvalidArgumentError } from "./errors.js";
import { assertBytes32 } from "./guards.js";
import { type EblHistoryEntry, type HistoryOptions } from "./history.js";
import { toCargoRailsError, type WriteAction, type WriteResult } from "./internal/contract.js";

/** The result of a write on the EblGateway. */
export type CrossChainWriteResult = WriteResult<typeof eblGatewayAbi>;

/** What {@link CrossChainNamespace.exportBill}'s `wait()` adds: the transfer it started, from the gateway's `BillSent`. */
export interface ExportReceipt {
  /** The transfer's id, the same on every chain. */
  transferId: Hex;
  /** The transport's id of the message (what its relayer follows). */
  messageId: Hex;
  /** The eBL. */
  tokenId: bigint;
  /** Where it goes. */
  destinationChainId: number;
  /** The holder that exported it (who gets it back if the destination refuses). */
  holder: Address;
  /** The holder it will have at the destination. */
  receiver: Address;
}

/** The result of {@link CrossChainNamespace.exportBill}: `wait()` also gives the transfer ({@link ExportReceipt}). */
export type ExportResult = WriteResult<typeof eblGatewayAbi, ExportReceipt>;

/** What {@link CrossChainNamespace.exportBill} and {@link CrossChainNamespace.quoteExport} take. */
export interface ExportInput {
  /** The eBL's token id. */
  tokenId: bigint;
  /** The EIP-155 chain id of the destination (a chain the gateway's transport knows). */
  destinationChainId: number;
  /** The holder at the destination: a verified participant there, else the destination refuses the transfer. */
  receiver: Address;
}

/** Where a transfer that left a chain is, as its gateway records it (`OutboundStatus`). */
export type OutboundTransferStatus = "none" | "sent" | "refused" | "restored";
/** What became of a transfer that arrived on a chain, as its gateway records it (`InboundStatus`). */
export type InboundTransferStatus = "none" | "imported" | "refused";

/** The gateway's statuses of outbound transfers, in the contract's order. */
export const outboundTransferStatuses = ["none", "sent", "refused", "restored"] as const;
/** The gateway's statuses of inbound transfers, in the contract's order. */
export const inboundTransferStatuses = ["none", "imported", "refused"] as const;

/** A transfer that left this chain (`outboundTransfer`). */
export interface OutboundTransfer {
  /** The transfer's id. */
  transferId: Hex;
  /**
   * `sent`: exported, no refusal came back (the destination imported it, or has not yet processed it);
   * `refused`: the destination refused and the eBL waits here to be restored ({@link CrossChainNamespace.restore});
   * `restored`: refused and given back to its holder here; `none`: no such transfer from this gateway.
   */
  status: OutboundTransferStatus;
  /** The eBL (`0n` for `none`). */
  tokenId: bigint;
  /** The holder that exported it (`null` for `none`). */
  holder: Address | null;
  /** Where it was sent (`0` for `none`). */
  destinationChainId: number;
  /** Whether the holder had the custody title right when it exported (given back with the eBL). */
  custodyForTitle: boolean;
}

/** A transfer that arrived on this chain (`inboundTransfer`). */
export interface InboundTransfer {
  /** The transfer's id. */
  transferId: Hex;
  /** `imported`: the eBL arrived (it lives here, or did until it moved on); `refused`: refused, the refusal sent back; `none`: never arrived. */
  status: InboundTransferStatus;
  /** The eBL (`0n` for `none`). */
  tokenId: bigint;
  /** The chain it came from (`0` for `none`). */
  originChainId: number;
}

/**
 * The `crossChain` namespace: the rails' EblGateway on this chain. An export burns the eBL here (status `exported`)
 * and sends it to the gateway of another chain, which re-creates it under the same token id for the receiver named;
 * if that chain refuses, the eBL comes back to the holder that exported it. Fees are in wei of the native currency.
 */
export interface CrossChainNamespace {
  /** The EblGateway's address. */
  readonly address: Address;
  /** The eBL registry of this chain that the gateway exports from and imports into. */
  registry(): Promise<Address>;
  /** The transport adapter that sends (`null` until one is set). */
  transport(): Promise<Address | null>;
  /** Whether `account` is a transport trusted to deliver. */
  isTrustedTransport(account: Address): Promise<boolean>;
  /** Whether exports and deliveries are paused. */
  paused(): Promise<boolean>;
  /** The transport's fee for exporting this eBL now, in wei: what `exportBill` sends by default. */
  quoteExport(input: ExportInput): Promise<bigint>;
  /** A transfer that left this chain (status `none` when the gateway knows no such transfer). */
  outboundTransfer(transferId: Hex): Promise<OutboundTransfer>;
  /** A transfer that arrived on this chain (status `none` when it never arrived). */
  inboundTransfer(transferId: Hex): Promise<InboundTransfer>;
  /** The last transfer that took the eBL away from this chain, or `null` if it never left. */
  lastExportOf(tokenId: bigint): Promise<Hex | null>;

  /**
   * Exports an eBL to the rails on `destinationChainId`, for `receiver` (the holder, or its approved operator, sends).
   * `value` pays the transport, in wei (default: {@link CrossChainNamespace.quoteExport}; any excess is refunded).
   * `wait()` adds the transfer: `transferId`, `messageId` ({@link ExportReceipt}).
   * @throws {InvalidArgumentError} For a destination chain id that is not a positive (safe) integer, or a zero receiver.
   */
  exportBill: WriteAction<[input: ExportInput & { value?: bigint | undefined }], ExportResult>;
  /** Gives a refused eBL back to the holder that exported it, when that failed on the refusal's arrival (anyone). */
  restore: WriteAction<[params: { transferId: Hex }], CrossChainWriteResult>;
  /** Sets the transport that sends from now on (also trusted to deliver) (cross-chain admin). */
  setTransport: WriteAction<[params: { transport: Address }], CrossChainWriteResult>;
  /** Stops trusting a former transport to deliver (cross-chain admin). */
  revokeTransport: WriteAction<[params: { transport: Address }], CrossChainWriteResult>;
  /** Withdraws native currency the gateway holds for refusal fees, in wei (cross-chain admin). */
  withdrawFees: WriteAction<[params: { to: Address; amount: bigint }], CrossChainWriteResult>;
  /** Stops exports and deliveries; messages wait in the transport (cross-chain pauser). */
  pause: WriteAction<[], CrossChainWriteResult>;
  /** Resumes exports and deliveries (cross-chain pauser). */
  unpause: WriteAction<[], CrossChainWriteResult>;
}

/** @internal Checks a destination chain id: a positive integer that fits the gateway's `uint64`. */
export function assertChainId(value: unknown, argument = "destinationChainId"): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new InvalidArgumentError(argument, value, "an EIP-155 chain id: a positive integer");
  }
  return value;
}

// ---------------------------------------------------------------- several chains

/**
 * One chain of the rails for the multi-chain helpers: its client, connected to that chain (with `eblRegistry` and
 * `eblGateway` configured), or the client and the chain id its gateway stands for. The chain id defaults to the
 * node's (`eth_chainId`); give it when several gateways share one node, as test transports do, where each stands
 * for a chain of its own.
 */
export type ChainRails = CargoRails | { rails: CargoRails; chainId: number };

/** @internal A side with its chain id resolved. */
interface Side {
  rails: CargoRails;
  chainId: number;
}

async function sideOf(side: ChainRails, argument: string): Promise<Side> {
  if (typeof side !== "object" || side === null) {
    throw new InvalidArgumentError(argument, side, "a CargoRails client, or { rails, chainId }");
  }
  if ("rails" in side) return { rails: side.rails, chainId: assertChainId(side.chainId, `${argument}.chainId`) };
  try {
    return { rails: side, chainId: await side.config.publicClient.getChainId() };
  } catch (error) {
    throw toCargoRailsError(error, { abi: [], operation: "eth_chainId" });
  }
}

/**
 * Where a transfer is, seen from both ends:
 * - `sent`: exported on the source; the destination has not processed it yet (in flight, or waiting for a relayer);
 * - `delivered`: imported at the destination, which holds the eBL now (or did, until it moved on);
 * - `refused`: the destination refused it (receiver not verified there, registry paused, the B/L live there), and
 *   the eBL is not back with its holder yet: the refusal is on its way back, or it arrived but the eBL could not be
 *   restored yet (the source gateway's `restore` gives it back once the cause is gone);
 * - `returned`: refused and restored to the holder that exported it, on the source.
 */
export type TransferStatus = "sent" | "delivered" | "refused" | "returned";

/** What {@link followTransfer} finds. */
export interface TransferProgress {
  /** The transfer's id. */
  transferId: Hex;
  /** Where it is (see {@link TransferStatus}). */
  status: TransferStatus;
  /** The eBL. */
  tokenId: bigint;
  /** The chain it left. */
  sourceChainId: number;
  /** The chain it was sent to. */
  destinationChainId: number;
  /** The holder that exported it. */
  holder: Address;
  /** The source gateway's record. */
  outbound: OutboundTransfer;
  /** The destination gateway's record (status `none` while in flight). */
  inbound: InboundTransfer;
}

/**
 * Follows a transfer from both ends: reads the source gateway's `outboundTransfer` and the destination gateway's
 * `inboundTransfer` and says where it is ({@link TransferStatus}).
 *
 * @param transferId The transfer's id (`exportBill`'s `wait()` gives it, as does `crossChain.lastExportOf`).
 * @param chains The client of the chain it left and of the chain it was sent to (see {@link ChainRails}).
 * @throws {InvalidArgumentError} When the source gateway knows no such transfer, or it was sent to another chain
 * than `destination`'s.
 *
 * @example
 * ```ts
 * const { status } = await followTransfer(transferId, { source: shanghaiRails, destination: hongKongRails });
 * ```
 */
export async function followTransfer(
  transferId: Hex,
  chains: { source: ChainRails; destination: ChainRails },
): Promise<TransferProgress> {
  const id = assertBytes32(transferId, "transferId");
  if (typeof chains !== "object" || chains === null) {
    throw new InvalidArgumentError("chains", chains, "{ source, destination }: a CargoRails client of each chain");
  }
  const [source, destination] = await Promise.all([
    sideOf(chains.source, "source"),
    sideOf(chains.destination, "destination"),
  ]);
  const outbound = await source.rails.crossChain.outboundTransfer(id);
  if (outbound.status === "none") {
    throw new InvalidArgumentError(
      "transferId",
      id,
      `a transfer that left the source gateway ${source.rails.crossChain.address}`,
      "Pass the client of the chain the eBL was exported from as `source`.",
    );
  }
  if (outbound.destinationChainId !== destination.chainId) {
    throw new InvalidArgumentError(
      "destination",
      destination.chainId,
      `the client of chain ${outbound.destinationChainId}, where the transfer was sent`,
    );
  }
  const inbound = await destination.rails.crossChain.inboundTransfer(id);
  const status: TransferStatus =
    outbound.status === "restored"
      ? "returned"
      : outbound.status === "refused" || inbound.status === "refused"
        ? "refused"
        : inbound.status === "imported"
          ? "delivered"
          : "sent";
  return {
    transferId: id,
    status,
    tokenId: outbound.tokenId,
    sourceChainId: source.chainId,
    destinationChainId: outbound.destinationChainId,
    holder: outbound.holder!,
    outbound,
    inbound,
  };
}

/** A transfer did not reach the awaited status in time (see {@link waitForTransfer}). */
export class TransferTimeoutError extends CargoRailsError {
  override name = "TransferTimeoutError";
  /** The transfer. */
  readonly transferId: Hex;
  /** Where it was at the last read. */
  readonly progress: TransferProgress;

  constructor(progress: TransferProgress, timeout: number, until: readonly TransferStatus[]) {
    super(
      `The cross-chain transfer ${progress.transferId} is still ${progress.status} after ${timeout} ms (awaited: ${until.join(" or ")}).`,
      {
        hint:
          progress.status === "refused"
            ? "The refusal has not come back, or the eBL could not be restored yet: relay the refusal, or call crossChain.restore(transferId) on the source once its holder is verified and the registry unpaused."
            : "A message waits for its relayer: check that the transport's relayer runs for both chains, then wait again.",
      },
    );
    this.transferId = progress.transferId;
    this.progress = progress;
  }
}

/** What {@link waitForTransfer} takes. */
export interface WaitForTransferOptions {
  /** The statuses that end the wait (default: `delivered` or `returned`, where the eBL is live again). */
  until?: readonly TransferStatus[] | undefined;
  /** How long to wait, in milliseconds (default 600 000: ten minutes). */
  timeout?: number | undefined;
  /** How often to read both gateways, in milliseconds (default: the source publicClient's `pollingInterval`). */
  pollingInterval?: number | undefined;
}

/**
 * Reads both gateways ({@link followTransfer}) until the transfer reaches one of `until` (default: `delivered` or
 * `returned`), and returns where it is.
 *
 * @throws {TransferTimeoutError} When it does not within `timeout`; its `progress` says where it was.
 *
 * @example
 * ```ts
 * const { status } = await waitForTransfer(transferId, { source, destination }, { timeout: 120_000 });
 * ```
 */
export async function waitForTransfer(
  transferId: Hex,
  chains: { source: ChainRails; destination: ChainRails },
  options: WaitForTransferOptions = {},
): Promise<TransferProgress> {
  const until = options.until ?? (["delivered", "returned"] as const);
  const timeout = options.timeout ?? 600_000;
  if (!Number.isFinite(timeout) || timeout < 0) {
    throw new InvalidArgumentError("timeout", timeout, "a non-negative number of milliseconds");
  }
  const deadline = Date.now() + timeout;
  let interval: number | undefined;
  for (;;) {
    const progress = await followTransfer(transferId, chains); // the first read checks the transfer and the clients
    if (until.includes(progress.status)) return progress;
    if (Date.now() >= deadline) throw new TransferTimeoutError(progress, timeout, until);
    const source = "rails" in chains.source ? chains.source.rails : chains.source;
    const wait = (interval ??= options.pollingInterval ?? source.config.publicClient.pollingInterval);
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, Math.max(0, deadline - Date.now()))));
  }
}

/** The statuses in which an eBL is live on a chain: it has a token there (within a surrender or a switch to paper too). */
const LIVE: readonly BillStatus[] = [
  "issued",
  "surrenderedForDelivery",
  "surrenderedForAmendment",
  "switchToPaperRequested",
];

/** One chain's view of an eBL in {@link whereIs}. */
export interface EblOnChain {
  /** The chain. */
  chainId: number;
  /** The registry read. */
  registry: Address;
  /** The eBL's status there (`exported` once it left, `none` if it never came). */
  status: BillStatus;
  /** Its holder there (`null` unless live there). */
  holder: Address | null;
  /** Its title holder there (`null` while blank endorsed, or unless live there). */
  titleHolder: Address | null;
  /** Whether it is live there (issued or within a surrender or switch to paper, not exported or ended). */
  live: boolean;
}

/** Where an eBL lives across chains ({@link whereIs}). */
export interface EblWhereabouts {
  /** The eBL. */
  tokenId: bigint;
  /** The chain where it is live, or `null` while it is in flight between two (or ended: accomplished, on paper). */
  liveOn: number | null;
  /** Each chain's view, in the order of the clients given. */
  chains: EblOnChain[];
}

/**
 * Where an eBL lives: its status and holder on each chain, and the one chain where it is live (the rails keep at most
 * one; none while a transfer is in flight).
 *
 * @param tokenId The eBL's token id.
 * @param chains A client of each chain of the rails (see {@link ChainRails}).
 */
export async function whereIs(tokenId: bigint, chains: readonly ChainRails[]): Promise<EblWhereabouts> {
  if (!Array.isArray(chains) || chains.length === 0) {
    throw new InvalidArgumentError("chains", chains, "a non-empty list of CargoRails clients, one per chain");
  }
  const sides = await Promise.all(chains.map((c, i) => sideOf(c, `chains[${i}]`)));
  const views = await Promise.all(
    sides.map(async ({ rails, chainId }): Promise<EblOnChain> => {
      const bill = await rails.ebl.bill(tokenId);
      const live = LIVE.includes(bill.status);
      return {
        chainId,
        registry: rails.ebl.address,
        status: bill.status,
        holder: live ? bill.holder : null,
        titleHolder: live ? bill.titleHolder : null,
        live,
      };
    }),
  );
  return { tokenId, liveOn: views.find((v) => v.live)?.chainId ?? null, chains: views };
}

/** How an entry of {@link crossChainHistory} links to the transfer that took the eBL away or brought it. */
export interface CrossChainLink {
  /** The transfer's id. */
  transferId: Hex;
  /**
   * `sent`: the EXPORT that started it; `received`: the IMPORT at the destination that ended it; `restored`: the
   * IMPORT on the source that gave a refused transfer back to its holder.
   */
  kind: "sent" | "received" | "restored";
  /** The chain the transfer left. */
  sourceChainId: number;
  /** The chain it was sent to. */
  destinationChainId: number;
  /** The holder named at the destination (`sent` only). */
  receiver?: Address | undefined;
}

/** An entry of an eBL's history across chains: the chain's entry, with the chain and its transfer link. */
export type CrossChainHistoryEntry = EblHistoryEntry & {
  /** The chain it happened on. */
  chainId: number;
  /** The registry that recorded it. */
  registry: Address;
  /** For EXPORT and IMPORT entries: the transfer (`null` otherwise). */
  transfer: CrossChainLink | null;
};

/** An eBL's history across chains ({@link crossChainHistory}). */
export interface CrossChainHistory {
  /** The eBL. */
  tokenId: bigint;
  /** Every action, in causal order, from the issue to the last action on the chain where it is now. */
  entries: CrossChainHistoryEntry[];
  /** A transfer still in flight at the end (exported, neither imported nor restored yet), or `null`. */
  inFlight: Hex | null;
}

/**
 * An eBL's history across chains, in causal order: starting on the chain that holds its ISSUE, each chain's entries
 * (`ebl.history`) up to an EXPORT; then, following that transfer (the gateway's `BillSent` in the same transaction),
 * the destination from its IMPORT (the gateway's `BillReceived` for that transfer) on, or, if the destination refused,
 * the source from the IMPORT that restored the eBL to its holder (`BillRestored`). Entries carry their `chainId`.
 * A transfer not imported nor restored yet ends the walk (`inFlight`).
 *
 * @param tokenId The eBL's token id.
 * @param chains A client of each chain of the rails (see {@link ChainRails}).
 * @param options How each chain's history is read (`fromBlock`, `toBlock`, `blockRange`; no paging).
 * @throws {InvalidArgumentError} When no chain holds the eBL's ISSUE, or a transfer went to a chain not given.
 */
export async function crossChainHistory(
  tokenId: bigint,
  chains: readonly ChainRails[],
  options: Pick<HistoryOptions, "fromBlock" | "toBlock" | "blockRange"> = {},
): Promise<CrossChainHistory> {
  if (!Array.isArray(chains) || chains.length === 0) {
    throw new InvalidArgumentError("chains", chains, "a non-empty list of CargoRails clients, one per chain");
  }
  const sides = await Promise.all(chains.map((c, i) => sideOf(c, `chains[${i}]`)));
  const read = await Promise.all(sides.map((side) => readSide(side, tokenId, options)));
  let at = read.findIndex((side) => side.entries.some((entry) => entry.action === "ISSUE"));
  if (at < 0) {
    throw new InvalidArgumentError("chains", chains, `the chain on which eBL ${tokenId} was issued, among others`);
  }
  const next = read.map(() => 0); // per chain, the first entry not walked yet
  const entries: CrossChainHistoryEntry[] = [];
  for (;;) {
    const side = read[at]!;
    const rest = side.entries.slice(next[at]);
    const exportAt = rest.findIndex((entry) => entry.action === "EXPORT");
    const walked = exportAt < 0 ? rest : rest.slice(0, exportAt + 1);
    entries.push(...walked);
    next[at]! += walked.length;
    if (exportAt < 0) return { tokenId, entries, inFlight: null };
    const sent = walked[walked.length - 1]!.transfer!;
    // Arrived: the destination's IMPORT of this transfer. Refused: the source's IMPORT that restored it.
    const destination = read.findIndex((s) => s.chainId === sent.destinationChainId);
    if (destination < 0) {
      throw new InvalidArgumentError(
        "chains",
        chains,
        `a client of chain ${sent.destinationChainId}, where transfer ${sent.transferId} went`,
      );
    }
    const found = [destination, at]
      .map((chain) => ({
        chain,
        index: read[chain]!.entries.findIndex(
          (entry, i) =>
            i >= next[chain]! && entry.transfer?.transferId === sent.transferId && entry.action === "IMPORT",
        ),
      }))
      .find(({ index }) => index >= 0);
    if (found === undefined) return { tokenId, entries, inFlight: sent.transferId };
    const link = read[found.chain]!.entries[found.index]!.transfer!;
    if (link.kind === "restored") link.destinationChainId = sent.destinationChainId;
    at = found.chain;
    next[at] = found.index;
  }
}

/** One chain's history, each entry linked to the gateway's event of its transaction. */
async function readSide(
  { rails, chainId }: Side,
  tokenId: bigint,
  options: Pick<HistoryOptions, "fromBlock" | "toBlock" | "blockRange">,
): Promise<{ chainId: number; entries: CrossChainHistoryEntry[] }> {
  const history = await rails.ebl.history(tokenId, options);
  const gateway = rails.crossChain.address;
  const range = { fromBlock: history.fromBlock, toBlock: history.toBlock };
  let logs: { eventName: string; args: Record<string, unknown>; transactionHash: Hex }[];
  try {
    logs = (await Promise.all(
      (["BillSent", "BillReceived", "BillRestored"] as const).map((eventName) =>
        rails.config.publicClient.getContractEvents({
          address: gateway,
          abi: eblGatewayAbi,
          eventName,
          args: { tokenId },
          ...range,
          strict: true,
        }),
      ),
    ).then((all) => all.flat())) as unknown as typeof logs;
  } catch (error) {
    throw toCargoRailsError(error, { abi: eblGatewayAbi, operation: "crossChainHistory", address: gateway });
  }
  const byTransaction = new Map(logs.map((log) => [log.transactionHash, log]));
  const entries = history.entries.map((entry): CrossChainHistoryEntry => {
    const log =
      entry.action === "EXPORT" || entry.action === "IMPORT" ? byTransaction.get(entry.transactionHash) : undefined;
    const a = log?.args;
    let transfer: CrossChainLink | null = null;
    if (log?.eventName === "BillSent") {
      transfer = {
        transferId: a!.transferId as Hex,
        kind: "sent",
        sourceChainId: chainId,
        destinationChainId: Number(a!.destinationChainId),
        receiver: a!.receiver as Address,
      };
    } else if (log?.eventName === "BillReceived") {
      transfer = {
        transferId: a!.transferId as Hex,
        kind: "received",
        sourceChainId: Number(a!.originChainId),
        destinationChainId: chainId,
      };
    } else if (log?.eventName === "BillRestored") {
      // The chain that refused is the export's destination: filled in by the walk.
      transfer = { transferId: a!.transferId as Hex, kind: "restored", sourceChainId: chainId, destinationChainId: 0 };
    }
    return { ...entry, chainId, registry: history.registry, transfer };
  });
  return { chainId, entries };
}
