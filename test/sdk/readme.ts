import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { expect } from "chai";
import { custom } from "viem";

import ParticipantRegistryModule from "../../ignition/modules/ParticipantRegistry.js";
import { createCargoRails } from "../../sdk/src/index.js";
import { createChain, readmeExample, repoRoot } from "./helpers.js";

/** Replaces `from` exactly once, so that an edit of the README that moves it fails loudly here. */
function replaceOnce(source: string, from: string, to: string): string {
  const parts = source.split(from);
  if (parts.length !== 2) throw new Error(`the README example must contain ${JSON.stringify(from)} exactly once`);
  return parts.join(to);
}

describe("SDK: the README's quick start runs", function () {
  it("registers a carrier against a fresh Ignition deployment, as the README says", async function () {
    const chain = await createChain();
    const { participantRegistry } = await chain.connection.ignition.deploy(ParticipantRegistryModule);
    const deployment = mkdtempSync(path.join(tmpdir(), "cargo-rails-readme-"));
    mkdirSync(path.join(deployment, "chain-31337"));
    writeFileSync(
      path.join(deployment, "chain-31337", "deployed_addresses.json"),
      JSON.stringify({ "ParticipantRegistry#ParticipantRegistry": await participantRegistry.getAddress() }),
    );

    // The example as written, with the node, the deployment directory and the package pointed at this test's.
    let source = readmeExample("quickstart");
    source = replaceOnce(source, 'http("http://127.0.0.1:8545")', "(globalThis as any).__readmeTransport");
    source = replaceOnce(
      source,
      '"ignition/deployments/chain-31337"',
      JSON.stringify(path.join(deployment, "chain-31337")),
    );
    source = replaceOnce(
      source,
      '"@cargo-rails/sdk"',
      JSON.stringify(pathToFileURL(path.join(repoRoot, "sdk/src/index.ts")).href),
    );
    const file = path.join(repoRoot, "cache", `readme-quickstart-${process.pid}.ts`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, source);

    const logged: unknown[][] = [];
    const log = console.log;
    (globalThis as Record<string, unknown>).__readmeTransport = custom(chain.provider, { retryCount: 0 });
    console.log = (...args: unknown[]) => logged.push(args);
    try {
      await import(pathToFileURL(file).href);
    } finally {
      console.log = log;
      rmSync(file, { force: true });
      rmSync(deployment, { recursive: true, force: true });
    }

    const carrier = chain.accounts.registrar; // the node's second account: the README's `carrier`
    const rails = createCargoRails({
      publicClient: chain.publicClient,
      addresses: { participantRegistry: (await participantRegistry.getAddress()) as `0x${string}` },
    });
    expect(await rails.participants.isVerifiedAs(carrier, ["carrier"])).to.equal(true);
    expect((await rails.participants.get(carrier)).jurisdiction).to.equal("HK");
    expect(logged[1]).to.deep.equal(["ParticipantChanged", "0x484b"]);
    expect(logged[2]).to.deep.equal([true]);
    expect(logged[4]?.[0]).to.equal(`${carrier} is already registered (possibly lapsed, but not revoked).`);
    expect(logged).to.have.length(6);
  });
});
