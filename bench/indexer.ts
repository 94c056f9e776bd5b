/**
 * Measures the indexer against a real node: anvil on 127.0.0.1, the suite deployed with Ignition, then BILLS eBLs
 * issued and passed between two traders (possession transfers) in rounds, for at least 10,000 registry actions. Then:
 * - indexing throughput: a fresh indexer (`ponder start`, embedded PGlite) started on the built chain, timed until
 *   its historical sync is done (the time includes its start-up) — actions per second on this machine;
 * - "all eBLs held by X": `ebl.heldBy` through the indexer against the chain scan (the registry's Transfer logs and
 *   each candidate's record), both answers checked equal;
 * - "the chain of one eBL": `ebl.history` through the indexer against the chain read, both checked deep-equal.
 * The ratios come from one run; figures go to bench/results/indexer.json.
 *
 *   npm run bench:indexer          (a few minutes: most of it is the transactions)
 *
 * Environment: INDEXER_BENCH_BILLS (default 2500: 2500 issues + 3 rounds of 2500 transfers + 1250 = 11,250 actions).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";

import { network } from "hardhat";
import { deepStrictEqual } from "node:assert";
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  getAddress,
  http,
  keccak256,
  toHex,
  type Address,
} from "viem";

import { loadDeploymentPlan } from "../ignition/plan.js";
import { billOfLadingRegistryAbi, createCargoRails, eblTokenId } from "../sdk/src/index.js";
import { addressesFromIgnition } from "../sdk/src/node.js";
import { startAnvil } from "../scripts/lib/anvil.js";
import { deployCargoRails } from "../scripts/lib/deployment.js";
import { storyParties } from "../scripts/lib/story.js";
import { startIndexer } from "../indexer/process.js";
import { REPO_ROOT } from "../test/helpers/dcsa.js";

const BILLS = Number(process.env.INDEXER_BENCH_BILLS ?? 2500);
const BATCH = 200;

const stateDir = mkdtempSync(path.join(tmpdir(), "cargo-rails-bench-indexer-"));
const node = await startAnvil();
const deploymentId = `indexer-bench-${node.port}`;
const deploymentDir = path.join(REPO_ROOT, "ignition/deployments", deploymentId);
let indexer: Awaited<ReturnType<typeof startIndexer>> | undefined;
try {
  const connection = await network.create({ network: "localhost", override: { url: node.url } });
  await deployCargoRails(connection, loadDeploymentPlan("localhost"), { deploymentId });
  const addresses = await addressesFromIgnition(deploymentDir);
  const registry = addresses.eblRegistry!;
  const transport = http(node.url, { retryCount: 0, timeout: 60_000, batch: { batchSize: BATCH } });
  const publicClient = createPublicClient({ transport, pollingInterval: 20 });
  const accounts = (await createWalletClient({ transport }).getAddresses()).map((a) => getAddress(a));
  const { carrier, exporter, importer } = storyParties(accounts);

  // Transactions go in without automine, a batch at a time, each sender's in nonce order, then one block mines them.
  await publicClient.request({ method: "evm_setAutomine", params: [false] } as never);
  const send = async (from: Address, data: `0x${string}`[]) => {
    for (let i = 0; i < data.length; i += BATCH) {
      const nonce = await publicClient.getTransactionCount({ address: from, blockTag: "pending" });
      const hashes = await Promise.all(
        data.slice(i, i + BATCH).map(
          (input, j) =>
            publicClient.request({
              method: "eth_sendTransaction",
              params: [{ from, to: registry, data: input, gas: toHex(400_000), nonce: toHex(nonce + j) }],
            } as never) as Promise<`0x${string}`>,
        ),
      );
      await publicClient.request({ method: "evm_mine" } as never);
      const last = await publicClient.getTransactionReceipt({ hash: hashes.at(-1)! });
      if (last.status !== "success") throw new Error(`a transaction of ${from} reverted`);
    }
  };
  const started = performance.now();
  const references = Array.from({ length: BILLS }, (_, i) => `BENCH${String(i).padStart(7, "0")}`);
  const tokenIds = references.map((reference) => eblTokenId(carrier, reference));
  await send(
    carrier,
    references.map((reference) =>
      encodeFunctionData({
        abi: billOfLadingRegistryAbi,
        functionName: "issue",
        args: [exporter, reference, 1, exporter, keccak256(toHex(reference))],
      }),
    ),
  );
  const rounds: [Address, Address, bigint[]][] = [
    [exporter, importer, tokenIds],
    [importer, exporter, tokenIds],
    [exporter, importer, tokenIds],
    [importer, exporter, tokenIds.slice(0, BILLS / 2)],
  ];
  for (const [from, to, ids] of rounds) {
    await send(
      from,
      ids.map((id) =>
        encodeFunctionData({ abi: billOfLadingRegistryAbi, functionName: "transferFrom", args: [from, to, id] }),
      ),
    );
  }
  await publicClient.request({ method: "evm_setAutomine", params: [true] } as never);
  const actions = BILLS + rounds.reduce((n, [, , ids]) => n + ids.length, 0);
  const head = await publicClient.getBlockNumber();
  console.log(`${actions} registry actions in ${Math.round((performance.now() - started) / 1000)} s; indexing…`);

  const indexStart = performance.now();
  indexer = await startIndexer({
    rpcUrl: node.url,
    deployment: deploymentDir,
    schema: "bench",
    pgliteDirectory: path.join(stateDir, "pglite"),
  });
  await indexer.waitFor(head, 600_000);
  const indexSeconds = (performance.now() - indexStart) / 1000;

  const viaChain = createCargoRails({ publicClient, addresses });
  const viaIndexer = createCargoRails({ publicClient, addresses, indexerUrl: indexer.url });
  const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const t = performance.now();
    const value = await fn();
    return [value, performance.now() - t];
  };
  const allHeld = async (rails: typeof viaChain) => {
    const items = [];
    for (let page: number | null = 0; page !== null;) {
      const result = await rails.ebl!.heldBy(importer, { page, pageSize: 1000 });
      items.push(...result.items);
      page = result.nextPage;
    }
    return items;
  };
  const [heldIndexed, heldIndexerMs] = await time(() => allHeld(viaIndexer));
  const [heldChain, heldChainMs] = await time(() => allHeld(viaChain));
  deepStrictEqual(heldIndexed, heldChain);
  if (heldIndexed.length !== BILLS / 2) throw new Error(`importer holds ${heldIndexed.length}, expected ${BILLS / 2}`);
  const one = tokenIds[0]!;
  const [historyIndexed, historyIndexerMs] = await time(() => viaIndexer.ebl!.history(one));
  const [historyChain, historyChainMs] = await time(() => viaChain.ebl!.history(one));
  deepStrictEqual(historyIndexed.entries, historyChain.entries);

  const round = (n: number, digits = 1) => Number(n.toFixed(digits));
  const result = {
    actions,
    bills: BILLS,
    blocks: Number(head),
    cores: cpus().length,
    indexing: { seconds: round(indexSeconds), actionsPerSecond: round(actions / indexSeconds, 0), database: "PGlite" },
    heldBy: {
      eblsHeld: heldIndexed.length,
      indexerMs: round(heldIndexerMs),
      chainScanMs: round(heldChainMs),
      ratio: round(heldChainMs / heldIndexerMs),
    },
    history: {
      entries: historyIndexed.entries.length,
      indexerMs: round(historyIndexerMs),
      chainMs: round(historyChainMs),
      ratio: round(historyChainMs / historyIndexerMs),
    },
    node: "anvil (@foundry-rs/anvil) over HTTP on 127.0.0.1",
    measuredAt: new Date().toISOString().slice(0, 10),
  };
  writeFileSync(path.join(REPO_ROOT, "bench/results/indexer.json"), JSON.stringify(result, null, 2) + "\n");
  console.log(JSON.stringify(result, null, 2));
} finally {
  await indexer?.stop();
  await node.stop();
  rmSync(stateDir, { recursive: true, force: true });
  rmSync(deploymentDir, { recursive: true, force: true });
}
