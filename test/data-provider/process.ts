/**
 * The data provider as its operator runs it: `npm run data-provider` from the repository root, a separate process
 * configured by a JSON file and environment variables, against a real anvil node. It serves over HTTP, stops
 * gracefully on SIGTERM, and once restarted on the same database still serves what it held (no new upload) and still
 * refuses a request it served before.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import hre from "hardhat";
import { bytesToHex, type Hex } from "viem";

import { DataProviderReplayError, type DataProviderError } from "../../sdk/src/index.js";
import { freePort } from "../../scripts/lib/anvil.js";
import { openStore } from "../../services/data-provider/src/store.js";
import { REPO_ROOT } from "../helpers/dcsa.js";
import {
  CHAIN_ID,
  accessesRecorded,
  account,
  client,
  grantConsent,
  keys,
  registerDocument,
  world,
  type World,
} from "./world.js";

interface Running {
  child: ChildProcess;
  url: string;
  output: () => { stdout: string; stderr: string };
  /** Resolves when every process of the group has closed its output (npm, the shell, tsx, the service). */
  closed: Promise<void>;
}

/** Starts `npm run data-provider` with this environment and waits until its health endpoint answers. */
async function startProcess(env: Record<string, string>, port: number): Promise<Running> {
  // Its own process group, as a shell runs a command: a signal to the group reaches the service itself (npm does
  // not pass SIGTERM on to the script it runs).
  const child = spawn("npm", ["run", "--silent", "data-provider"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`data-provider exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid!, "SIGKILL");
      throw new Error(`data-provider did not answer on ${url}: ${stdout}\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, url, closed, output: () => ({ stdout, stderr }) };
}

/** SIGTERM to the process group (as `kill -TERM -<pgid>`, or Ctrl-C's SIGINT); resolves once all of it has exited. */
async function stopProcess(running: Running): Promise<void> {
  process.kill(-running.child.pid!, "SIGTERM");
  const timer = setTimeout(() => process.kill(-running.child.pid!, "SIGKILL"), 20_000);
  await running.closed;
  clearTimeout(timer);
}

describe("Data provider: `npm run data-provider` as a separate process", function () {
  this.timeout(300_000);

  let w: World;
  let env: Record<string, string>;
  let port: number;
  let database: string;
  const started: Running[] = [];

  before(async function () {
    if (hre.globalOptions.coverage) this.skip(); // a real node refuses the instrumented contracts (see AnvilNode.ts)
    w = await world();
    port = await freePort();
    database = path.join(w.tmp, "process.sqlite");
    const configFile = path.join(w.tmp, "data-provider.json");
    writeFileSync(configFile, JSON.stringify({ rpcUrl: w.anvil.url, chainId: CHAIN_ID, port, database }));
    env = {
      DATA_PROVIDER_CONFIG: configFile,
      DATA_PROVIDER_PRIVATE_KEY: keys.provider,
      // The registries' addresses come from the Ignition deployment, as after `npm run deploy`.
      DATA_PROVIDER_DEPLOYMENT: path.join(w.deploymentDir, "deployed_addresses.json"),
      DATA_PROVIDER_LOG_LEVEL: "warn",
    };
  });

  after(async function () {
    for (const running of started) {
      try {
        process.kill(-running.child.pid!, "SIGKILL");
      } catch {
        // the group has exited
      }
    }
  });

  it("serves, stops on SIGTERM, and serves again from the same database after a restart", async function () {
    const invoice = await registerDocument(w);
    const grantId = await grantConsent(w);
    const bank = account(keys.hkBank);
    const ask = (url: string, same?: { nonce: Hex; deadline: bigint }) =>
      client(w, url).requestDocument({
        signer: bank,
        grantId,
        documentId: invoice.documentId,
        purpose: "financing",
        ...same,
      });

    const first = await startProcess(env, port);
    started.push(first);
    expect(first.output().stdout).to.contain(`listening on ${first.url}`);
    await client(w, first.url).upload({
      signer: account(keys.exporter),
      documentId: invoice.documentId,
      content: invoice.content,
      contentType: "application/json",
    });
    const firstRequest = {
      nonce: bytesToHex(crypto.getRandomValues(new Uint8Array(32))),
      deadline: (await w.publicClient.getBlock()).timestamp + 3_600n,
    };
    const served = await ask(first.url, firstRequest);
    expect(bytesToHex(served.content)).to.equal(bytesToHex(invoice.content));
    await stopProcess(first);
    expect(first.output().stdout).to.contain("data-provider: SIGTERM, stopping");
    expect(first.output().stdout).to.contain("data-provider: stopped"); // server closed, then the database
    await fetch(`${first.url}/v1/health`).then(
      () => expect.fail("still listening after SIGTERM"),
      () => undefined,
    );

    const second = await startProcess(env, port);
    started.push(second);
    const again = await ask(second.url); // no upload since the restart
    expect(bytesToHex(again.content)).to.equal(bytesToHex(invoice.content));
    expect(again.requestHash).not.to.equal(served.requestHash);
    // The request served before the restart is still known as served.
    const replay = (await ask(second.url, firstRequest).catch((e: unknown) => e)) as DataProviderError;
    expect(replay).to.be.instanceOf(DataProviderReplayError);
    await stopProcess(second);
    expect(second.output().stdout).to.contain("data-provider: stopped");

    // Both accesses are in the audit log that survived the restarts, and on chain.
    const store = await openStore(database);
    try {
      expect(store.accesses().map((a) => [a.requestHash, a.status])).to.deep.equal([
        [served.requestHash.toLowerCase(), "recorded"],
        [again.requestHash.toLowerCase(), "recorded"],
      ]);
    } finally {
      store.close();
    }
    const onChain = (await accessesRecorded(w)).map((e) => e.args.requestHash);
    expect(onChain).to.include.members([served.requestHash, again.requestHash]);
    // node:sqlite's ExperimentalWarning is silenced, and nothing else was written to stderr.
    expect(first.output().stderr + second.output().stderr).to.equal("");
  });

  it("exits with status 2 and names the setting when the configuration is incomplete", async function () {
    const child = spawn("npm", ["run", "--silent", "data-provider"], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, DATA_PROVIDER_PRIVATE_KEY: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).to.equal(2);
    expect(stderr).to.contain("DATA_PROVIDER_PRIVATE_KEY");
  });
});
