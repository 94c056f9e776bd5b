/**
 * The PINT service as its operator runs it: `npm run pint` from the repository root, a separate process configured by
 * a JSON file and environment variables. It refuses to start without its settings (exit status 2, the setting named),
 * publishes its key, and stops gracefully on SIGTERM. (The PINT exchanges themselves are in transfer.ts and
 * receiving.ts, against services in the test's process.)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import { freePort } from "../../scripts/lib/anvil.js";
import { REPO_ROOT } from "../helpers/dcsa.js";

interface Running {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  closed: Promise<number | null>;
}

function run(env: Record<string, string>, args: string[] = []): Running {
  // Its own process group: a signal to the group reaches the service (npm does not pass SIGTERM on).
  const child = spawn("npm", ["run", "--silent", "pint", "--", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return { child, closed, output: () => ({ stdout, stderr }) };
}

describe("PINT service: `npm run pint` as a separate process", function () {
  this.timeout(90_000);
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), "cargo-rails-pint-process-"));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const base = {
    PINT_CHAIN_ID: "31337",
    PINT_EBL_REGISTRY: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    PINT_PLATFORM_GATEWAY: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    PINT_PRIVATE_KEY: `0x${"59".repeat(32)}`,
    PINT_PLATFORM: "CRLS",
    PINT_LOG_LEVEL: "silent",
  };

  it("refuses to start without a signing key: exit status 2 and the setting named", async function () {
    const running = run(base);
    expect(await running.closed).to.equal(2);
    expect(running.output().stderr).to.match(/PINT_SIGNING_KEY_FILE/);
  });

  it("starts from a JSON file, publishes its key at /.well-known/jwks.json and stops on SIGTERM", async function () {
    const pem = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "pem", type: "pkcs8" });
    writeFileSync(path.join(tmp, "key.pem"), pem);
    const port = await freePort();
    const config = path.join(tmp, "pint.json");
    writeFileSync(
      config,
      JSON.stringify({
        signingKeyFile: "key.pem",
        signingKeyId: "crls-2026-12",
        port,
        database: path.join(tmp, "pint.sqlite"),
      }),
    );
    const running = run(base, ["--config", config]);
    const url = `http://127.0.0.1:${port}`;
    let jwks: { keys: { kid: string; alg: string; kty: string; d?: string }[] } | undefined;
    for (const deadline = Date.now() + 60_000; jwks === undefined && Date.now() < deadline;) {
      if (running.child.exitCode !== null) throw new Error(`pint exited: ${running.output().stderr}`);
      try {
        jwks = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as typeof jwks;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    expect(jwks?.keys.map((k) => [k.kid, k.alg, k.kty, k.d])).to.deep.equal([
      ["crls-2026-12", "ES256", "EC", undefined],
    ]);
    expect(running.output().stdout).to.match(
      /pint: listening on http:\/\/127\.0\.0\.1:\d+ \(platform CRLS, key crls-2026-12/,
    );
    process.kill(-running.child.pid!, "SIGTERM");
    await running.closed;
    // Stopped: nothing listens on its port any more.
    let refused = false;
    await fetch(`${url}/.well-known/jwks.json`).catch(() => (refused = true));
    expect(refused).to.equal(true);
  });
});
