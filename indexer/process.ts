/**
 * Runs the indexer (`ponder start`) as a child process on 127.0.0.1 at a free port, for the tests and the bench:
 * waits until it serves, reads how far it has indexed, and stops it (SIGTERM, then SIGKILL after 10 s).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { freePort } from "../scripts/lib/anvil.js";

const INDEXER_ROOT = path.dirname(fileURLToPath(import.meta.url));

/** How to run one indexer. */
export interface IndexerOptions {
  /** The node's JSON-RPC URL. */
  rpcUrl: string;
  /** The Ignition deployment directory. */
  deployment: string;
  /** The database schema to write (one per deployment and run). */
  schema: string;
  /** Postgres connection string; without it, embedded PGlite in `pgliteDirectory`. */
  databaseUrl?: string | undefined;
  /** PGlite's directory (required without `databaseUrl`). */
  pgliteDirectory?: string | undefined;
  /** How often the indexer polls the node, in ms (default 100). */
  pollingInterval?: number | undefined;
}

/** A running indexer. */
export interface IndexerProcess {
  /** Its base URL, e.g. `http://127.0.0.1:42133`. */
  url: string;
  /** The last block it has indexed. */
  indexedBlock(): Promise<bigint>;
  /** Waits until it has indexed `block`. */
  waitFor(block: bigint, timeoutMs?: number): Promise<void>;
  /** What it printed, for failing tests. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `ponder start` and waits until its HTTP server is up (then `waitFor` the block to read up to). */
export async function startIndexer(options: IndexerOptions): Promise<IndexerProcess> {
  const port = await freePort();
  const bin = path.resolve(INDEXER_ROOT, "../node_modules/ponder/dist/esm/bin/ponder.js");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    PONDER_LOG_LEVEL: "warn",
    PONDER_RPC_URL: options.rpcUrl,
    CARGO_RAILS_DEPLOYMENT: options.deployment,
    PONDER_POLLING_INTERVAL: String(options.pollingInterval ?? 100),
    DATABASE_URL: options.databaseUrl ?? "",
    PGLITE_DIRECTORY: options.pgliteDirectory ?? "",
  };
  if (options.databaseUrl === undefined) delete env.DATABASE_URL;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      bin,
      "start",
      "--root",
      INDEXER_ROOT,
      "--port",
      String(port),
      "--hostname",
      "127.0.0.1",
      "--schema",
      options.schema,
    ],
    { cwd: INDEXER_ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const indexedBlock = async (): Promise<bigint> => {
    const response = await fetch(`${url}/status`);
    if (!response.ok) return -1n;
    const status = (await response.json()) as Record<string, { block?: { number: number } | null }>;
    const chain = Object.values(status)[0];
    return BigInt(chain?.block?.number ?? -1);
  };
  const until = async (ready: () => Promise<boolean>, what: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!running) throw new Error(`The indexer exited while ${what}:\n${output}`);
      if (await ready().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`The indexer did not finish ${what} in ${timeoutMs} ms:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await until(async () => (await fetch(`${url}/health`)).ok, "starting", 180_000);

  return {
    url,
    indexedBlock,
    waitFor: (block, timeoutMs = 60_000) =>
      until(async () => (await indexedBlock()) >= block, `indexing block ${block}`, timeoutMs),
    output: () => output,
    async stop() {
      if (!running) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
