/**
 * A Hyperlane relayer between chains that each run a Mailbox and a MerkleTreeHook, for a message-id multisig ISM.
 *
 * Each round ({@link Relayer.runOnce}), for every origin chain:
 * 1. reads the Mailbox's `Dispatch` and the MerkleTreeHook's `InsertedIntoTree` logs from the persisted block cursor
 *    up to the chain's head, replays the insertions into its copy of the tree (to know each checkpoint's root) and
 *    queues every message bound for one of the other chains;
 * 2. for each queued message: skips it if the destination Mailbox says it is `delivered`; otherwise asks the
 *    validators to sign its checkpoint, builds the ISM metadata from `threshold` of the signatures of the validators
 *    the recipient's ISM lists (in its order), and calls `Mailbox.process(metadata, message)` on the destination. A
 *    delivery that reverts (a refusing recipient, too few signatures) stays queued and is retried in a later round,
 *    after a back-off.
 *
 * The cursor file (JSON, rewritten atomically: a temporary file, fsync, rename) holds per origin Mailbox the next block
 * to scan, the tree's state at that block, the queued messages and the ids delivered. A relayer started on the same
 * file resumes exactly where the last one stopped; a message delivered by a relayer that stopped before recording it
 * is found `delivered` on the destination and not sent again (and the Mailbox refuses a second delivery anyway).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import path from "node:path";

import {
  BaseError,
  ContractFunctionRevertedError,
  getAddress,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";

import { hyperlaneTransportAbi } from "../../../sdk/src/abi/index.js";
import type { Deployer } from "./deploy.js";
import { bytes32ToAddress, mailboxAbi, merkleTreeHookAbi, messageId, multisigIsmAbi, parseMessage } from "./message.js";
import { IncrementalMerkleTree, type MerkleTreeState } from "./merkle.js";
import { messageIdMultisigMetadata, type Checkpoint, type CheckpointSignature, type Validator } from "./validator.js";

/** One chain the relayer serves: as origin it is scanned, as destination messages are delivered to it. */
export interface RelayChain {
  name: string;
  /** The chain id, which is its Hyperlane domain. */
  domain: number;
  publicClient: PublicClient;
  /** The relayer's account on this chain (it pays for `process`). */
  walletClient: Deployer;
  mailbox: Address;
  merkleTreeHook: Address;
  /** The first block to scan (the Mailbox's deployment block). */
  fromBlock: bigint;
}

export interface RelayerOptions {
  chains: readonly RelayChain[];
  validators: readonly Validator[];
  /** The cursor file; created when missing. */
  cursorPath: string;
  /** Blocks per `eth_getLogs` request (default 1 000). */
  blockBatch?: bigint;
  /** Wait before retrying a failed delivery, doubled per failure up to 16 times (default 1 000 ms). */
  retryDelayMs?: number;
  log?: (line: string) => void;
  /**
   * Custom errors to name in a failed delivery's reason, besides the Mailbox's and HyperlaneTransport's (the
   * gateway's, say).
   */
  errorAbi?: Abi;
}

/** A message seen on its origin and not yet known to be delivered. */
export interface QueuedMessage {
  id: Hex;
  message: Hex;
  destination: number;
  /** Leaf index and root of the checkpoint that follows the message's insertion. */
  index: number;
  root: Hex;
  /** The origin block of the insertion. */
  blockNumber: string;
  attempts: number;
  /** Epoch milliseconds before which the relayer does not try again. */
  notBefore: number;
  lastError?: string;
}

/** What the relayer persists per origin Mailbox. */
export interface OriginCursor {
  nextBlock: string;
  tree: MerkleTreeState;
  queue: QueuedMessage[];
  delivered: Hex[];
}

export interface CursorFile {
  version: 1;
  /** Keyed by `<domain>:<mailbox>`, so a redeployed Mailbox on the same chain starts afresh. */
  origins: Record<string, OriginCursor>;
}

/** What one round did. */
export interface RelayRound {
  /** Messages newly queued. */
  queued: Hex[];
  /** Messages this round delivered (`process` succeeded). */
  delivered: Hex[];
  /** Queued messages found already delivered on their destination (by another relayer, or before a restart). */
  alreadyDelivered: Hex[];
  /** Deliveries that failed this round, with the reason; they stay queued. */
  failed: { id: Hex; error: string }[];
}

/** Reads a cursor file, or an empty cursor when it does not exist. */
export function readCursorFile(cursorPath: string): CursorFile {
  if (!existsSync(cursorPath)) return { version: 1, origins: {} };
  const parsed = JSON.parse(readFileSync(cursorPath, "utf8")) as CursorFile;
  if (parsed.version !== 1) throw new Error(`${cursorPath}: unknown relayer cursor version ${String(parsed.version)}`);
  return parsed;
}

/** Writes `cursor` to `cursorPath` atomically: a reader (or a restart) sees the old file or the new one, never half. */
export function writeCursorFile(cursorPath: string, cursor: CursorFile): void {
  mkdirSync(path.dirname(cursorPath), { recursive: true });
  const temporary = `${cursorPath}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, `${JSON.stringify(cursor, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, cursorPath);
}

function errorText(error: unknown): string {
  if (error instanceof BaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      const name = revert.data?.errorName;
      if (name !== undefined && name !== "Error") return `${name}(${(revert.data?.args ?? []).join(", ")})`;
      return revert.reason ?? revert.shortMessage;
    }
    return error.shortMessage;
  }
  return error instanceof Error ? error.message : String(error);
}

export class Relayer {
  readonly #chains: Map<number, RelayChain>;
  readonly #validators: readonly Validator[];
  readonly #cursorPath: string;
  readonly #blockBatch: bigint;
  readonly #retryDelayMs: number;
  readonly #log: (line: string) => void;
  readonly #processAbi: typeof mailboxAbi;
  #cursor: CursorFile;
  #running: Promise<void> | undefined;
  #stopRequested = false;

  constructor(options: RelayerOptions) {
    this.#chains = new Map(options.chains.map((c) => [c.domain, c]));
    if (this.#chains.size !== options.chains.length) throw new Error("two relay chains share a domain");
    this.#validators = options.validators;
    this.#cursorPath = options.cursorPath;
    this.#blockBatch = options.blockBatch ?? 1_000n;
    this.#retryDelayMs = options.retryDelayMs ?? 1_000;
    this.#log = options.log ?? (() => {});
    // Only the ABI's errors matter beyond the Mailbox's: viem names a revert with any error in it.
    this.#processAbi = [
      ...mailboxAbi,
      ...hyperlaneTransportAbi.filter((item) => item.type === "error"),
      ...(options.errorAbi ?? []).filter((item) => item.type === "error"),
    ] as unknown as typeof mailboxAbi;
    this.#cursor = readCursorFile(this.#cursorPath);
  }

  /** A copy of the persisted state (for inspection). */
  get cursor(): CursorFile {
    return structuredClone(this.#cursor);
  }

  /** One round: scan every origin, then try every queued delivery that is due. */
  async runOnce(): Promise<RelayRound> {
    const round: RelayRound = { queued: [], delivered: [], alreadyDelivered: [], failed: [] };
    for (const origin of this.#chains.values()) await this.#scan(origin, round);
    for (const origin of this.#chains.values()) await this.#deliverQueue(origin, round);
    return round;
  }

  /** Runs rounds every `pollMs` until {@link stop}; a failing round is logged and the next one runs. */
  start(pollMs = 1_000): void {
    if (this.#running) throw new Error("the relayer is running");
    this.#stopRequested = false;
    this.#running = (async () => {
      while (!this.#stopRequested) {
        try {
          const r = await this.runOnce();
          if (r.queued.length + r.delivered.length + r.failed.length > 0) {
            this.#log(
              `round: ${r.queued.length} queued, ${r.delivered.length} delivered, ${r.alreadyDelivered.length} found delivered, ${r.failed.length} failed`,
            );
          }
        } catch (error) {
          this.#log(`round failed: ${errorText(error)}`);
        }
        if (!this.#stopRequested) await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    })();
  }

  /** Stops after the current round (the cursor is saved after every step of it). */
  async stop(): Promise<void> {
    this.#stopRequested = true;
    await this.#running;
    this.#running = undefined;
  }

  #originCursor(origin: RelayChain): OriginCursor {
    const key = `${origin.domain}:${getAddress(origin.mailbox)}`;
    this.#cursor.origins[key] ??= {
      nextBlock: origin.fromBlock.toString(),
      tree: new IncrementalMerkleTree().state(),
      queue: [],
      delivered: [],
    };
    return this.#cursor.origins[key];
  }

  #save(): void {
    writeCursorFile(this.#cursorPath, this.#cursor);
  }

  async #scan(origin: RelayChain, round: RelayRound): Promise<void> {
    const cursor = this.#originCursor(origin);
    // No cached head: a message dispatched just before the round must be seen in it.
    const head = await origin.publicClient.getBlockNumber({ cacheTime: 0 });
    while (BigInt(cursor.nextBlock) <= head) {
      const fromBlock = BigInt(cursor.nextBlock);
      const toBlock = fromBlock + this.#blockBatch - 1n < head ? fromBlock + this.#blockBatch - 1n : head;
      const [dispatches, insertions] = await Promise.all([
        origin.publicClient.getLogs({ address: origin.mailbox, event: mailboxAbi[0], fromBlock, toBlock }),
        origin.publicClient.getLogs({
          address: origin.merkleTreeHook,
          event: merkleTreeHookAbi[0],
          fromBlock,
          toBlock,
        }),
      ]);
      const messages = new Map<Hex, Hex>();
      for (const log of dispatches) messages.set(messageId(log.args.message!), log.args.message!);
      const tree = new IncrementalMerkleTree(cursor.tree);
      for (const log of insertions) {
        const id = log.args.messageId!;
        if (log.args.index !== tree.count) {
          throw new Error(
            `${origin.name}: the tree inserted ${id} at index ${log.args.index}, the relayer's copy is at ${tree.count} (cursor ${this.#cursorPath} does not match this chain)`,
          );
        }
        tree.insert(id);
        const message = messages.get(id);
        if (message === undefined)
          throw new Error(`${origin.name}: ${id} was inserted but not dispatched by the Mailbox`);
        const { destination } = parseMessage(message);
        if (!this.#chains.has(destination) || destination === origin.domain) continue;
        cursor.queue.push({
          id,
          message,
          destination,
          index: tree.count - 1,
          root: tree.root(),
          blockNumber: log.blockNumber!.toString(),
          attempts: 0,
          notBefore: 0,
        });
        round.queued.push(id);
        this.#log(`${origin.name}: queued ${id} (leaf ${tree.count - 1}) for ${this.#chains.get(destination)!.name}`);
      }
      cursor.tree = tree.state();
      cursor.nextBlock = (toBlock + 1n).toString();
      this.#save();
    }
  }

  async #deliverQueue(origin: RelayChain, round: RelayRound): Promise<void> {
    const cursor = this.#originCursor(origin);
    for (const queued of [...cursor.queue]) {
      if (this.#stopRequested) return;
      const destination = this.#chains.get(queued.destination)!;
      const done = (list: Hex[]) => {
        list.push(queued.id);
        cursor.queue = cursor.queue.filter((q) => q.id !== queued.id);
        cursor.delivered.push(queued.id);
        this.#save();
      };
      if (await this.#isDelivered(destination, queued.id)) {
        done(round.alreadyDelivered);
        continue;
      }
      if (queued.notBefore > Date.now()) continue;
      try {
        await this.#deliver(origin, destination, queued);
        done(round.delivered);
        this.#log(`${origin.name} → ${destination.name}: delivered ${queued.id}`);
      } catch (error) {
        queued.attempts += 1;
        queued.lastError = errorText(error);
        queued.notBefore = Date.now() + this.#retryDelayMs * 2 ** Math.min(queued.attempts - 1, 16);
        round.failed.push({ id: queued.id, error: queued.lastError });
        this.#save();
        this.#log(
          `${origin.name} → ${destination.name}: ${queued.id} not delivered (${queued.lastError}); retried later`,
        );
      }
    }
  }

  #isDelivered(destination: RelayChain, id: Hex): Promise<boolean> {
    return destination.publicClient.readContract({
      address: destination.mailbox,
      abi: mailboxAbi,
      functionName: "delivered",
      args: [id],
    });
  }

  /** Builds the ISM metadata from the validators' signatures and calls `process` on the destination Mailbox. */
  async #deliver(origin: RelayChain, destination: RelayChain, queued: QueuedMessage): Promise<void> {
    const recipient = bytes32ToAddress(parseMessage(queued.message).recipient);
    const ism = await destination.publicClient.readContract({
      address: destination.mailbox,
      abi: mailboxAbi,
      functionName: "recipientIsm",
      args: [recipient],
    });
    const [ismValidators, threshold] = await destination.publicClient.readContract({
      address: ism,
      abi: multisigIsmAbi,
      functionName: "validatorsAndThreshold",
      args: [queued.message],
    });
    const checkpoint: Checkpoint = {
      origin: origin.domain,
      merkleTreeHook: origin.merkleTreeHook,
      root: queued.root,
      index: queued.index,
      messageId: queued.id,
    };
    const listed = new Set(ismValidators.map((v) => getAddress(v)));
    const signatures: CheckpointSignature[] = [];
    for (const validator of this.#validators) {
      if (!listed.has(validator.address) || signatures.length === threshold) continue;
      try {
        signatures.push({
          validator: validator.address,
          signature: await validator.signCheckpoint(checkpoint, BigInt(queued.blockNumber)),
        });
      } catch (error) {
        this.#log(`validator ${validator.address} did not sign ${queued.id}: ${errorText(error)}`);
      }
    }
    const metadata = messageIdMultisigMetadata(checkpoint, signatures, ismValidators, threshold);
    const { request } = await destination.publicClient.simulateContract({
      address: destination.mailbox,
      abi: this.#processAbi,
      functionName: "process",
      args: [metadata, queued.message],
      account: destination.walletClient.account,
    });
    const hash = await destination.walletClient.writeContract({
      ...request,
      chain: destination.walletClient.chain ?? null,
    });
    const receipt = await destination.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`process reverted (${hash})`);
  }
}
