/**
 * Measures a history read of 1,000 events through the cursor API against a real node: anvil (from the npm package
 * `@foundry-rs/anvil`) on 127.0.0.1, the suite deployed with Ignition as an integrator deploys it, one eBL issued and
 * then endorsed and delivered back and forth 999 times (1,000 history entries, one block each). The read pages
 * through `ebl.history(tokenId, { limit })` and its cursor from the deployment block `addressesFromIgnition` read
 * from the journal; the count and the order are checked, and the figure is written to bench/results/history.json.
 *
 *   npm run bench:history          (about a minute: most of it is the 1,000 transactions)
 *
 * Environment: HISTORY_EVENTS (default 1000), HISTORY_PAGE (entries per page, default 100).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { network } from "hardhat";
import { createPublicClient, createWalletClient, getAddress, http, type Address } from "viem";

import { loadDeploymentPlan } from "../ignition/plan.js";
import { createCargoRails, type EblHistory } from "../sdk/src/index.js";
import { addressesFromIgnition } from "../sdk/src/node.js";
import { startAnvil } from "../scripts/lib/anvil.js";
import { deployCargoRails } from "../scripts/lib/deployment.js";
import { storyParties } from "../scripts/lib/story.js";
import { toOrderDocument } from "../test/sdk/system.js";
import { REPO_ROOT } from "../test/helpers/dcsa.js";

const EVENTS = Number(process.env.HISTORY_EVENTS ?? 1000);
const PAGE = Number(process.env.HISTORY_PAGE ?? 100);

const stateDir = mkdtempSync(path.join(tmpdir(), "cargo-rails-bench-history-"));
const node = await startAnvil({ statePath: path.join(stateDir, "state.json") });
const deploymentId = `bench-history-${node.port}`;
const deploymentDir = path.join(REPO_ROOT, "ignition/deployments", deploymentId);
try {
  const connection = await network.create({ network: "localhost", override: { url: node.url } });
  await deployCargoRails(connection, loadDeploymentPlan("localhost"), { deploymentId });
  const addresses = await addressesFromIgnition(deploymentDir);
  if (addresses.deployBlocks?.eblRegistry === undefined) throw new Error("no deployment block in the journal");

  const transport = http(node.url, { retryCount: 0, timeout: 10_000 });
  const publicClient = createPublicClient({ transport, pollingInterval: 20 });
  const accounts = (await createWalletClient({ transport }).getAddresses()).map((a) => getAddress(a));
  const { carrier, exporter, importer } = storyParties(accounts);
  const as = (account: Address) =>
    createCargoRails({
      publicClient,
      walletClient: createWalletClient({ account, transport, pollingInterval: 20 }),
      addresses,
    });

  console.log(`Creating ${EVENTS} history entries on anvil (${node.url})…`);
  const issued = await as(carrier).ebl.issue({ document: toOrderDocument("BENCH0000001"), shipper: exporter });
  await issued.wait();
  const rails = { [exporter]: as(exporter), [importer]: as(importer) };
  for (let i = 1; i < EVENTS; i++) {
    const [from, to] = i % 2 === 1 ? [exporter, importer] : [importer, exporter];
    await (await rails[from]!.ebl.endorseAndDeliver({ tokenId: issued.tokenId, endorsee: to })).wait();
  }

  const reader = createCargoRails({ publicClient, addresses });
  const started = performance.now();
  const pages: EblHistory[] = [await reader.ebl.history(issued.tokenId, { limit: PAGE })];
  while (pages.at(-1)!.cursor !== null) {
    pages.push(await reader.ebl.history(issued.tokenId, { cursor: pages.at(-1)!.cursor! }));
  }
  const milliseconds = performance.now() - started;

  const entries = pages.flatMap((page) => page.entries);
  if (entries.length !== EVENTS) throw new Error(`read ${entries.length} entries, expected ${EVENTS}`);
  entries.forEach((entry, i) => {
    const expected = i === 0 ? "ISSUE" : "ENDORSE";
    if (entry.action !== expected) throw new Error(`entry ${i} is ${entry.action}, expected ${expected}`);
    if (i > 0 && entry.blockNumber <= entries[i - 1]!.blockNumber) throw new Error(`entry ${i} is out of order`);
  });
  if (pages[0]!.fromBlock !== addresses.deployBlocks.eblRegistry) throw new Error("did not start at the deploy block");

  const result = {
    events: EVENTS,
    pageSize: PAGE,
    pages: pages.length,
    blocksRead: Number(pages.at(-1)!.toBlock - pages[0]!.fromBlock + 1n),
    milliseconds: Math.round(milliseconds),
    node: "anvil (@foundry-rs/anvil) over HTTP on 127.0.0.1",
    measuredAt: new Date().toISOString().slice(0, 10),
  };
  writeFileSync(path.join(REPO_ROOT, "bench/results/history.json"), JSON.stringify(result, null, 2) + "\n");
  console.log(
    `Read ${EVENTS} history entries in ${pages.length} pages of ${PAGE} in ${result.milliseconds} ms ` +
      `(bench/results/history.json).`,
  );
} finally {
  await node.stop();
  rmSync(stateDir, { recursive: true, force: true });
  rmSync(deploymentDir, { recursive: true, force: true });
}
