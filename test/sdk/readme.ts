import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { expect } from "chai";
import { createPublicClient, custom, http } from "viem";

import ParticipantRegistryModule from "../../ignition/modules/ParticipantRegistry.js";
import { createCargoRails } from "../../sdk/src/index.js";
import { createChain, readmeExample, repoRoot, sdkDocs } from "./helpers.js";
import { createSystemChain, toOrderDocument } from "./system.js";

/** Replaces `from` exactly once, so that an edit of the README that moves it fails loudly here. */
function replaceOnce(source: string, from: string, to: string): string {
  const parts = source.split(from);
  if (parts.length !== 2) throw new Error(`the README example must contain ${JSON.stringify(from)} exactly once`);
  return parts.join(to);
}

describe("SDK: the getting-started guide's first write and read runs", function () {
  it("registers a carrier against a fresh Ignition deployment, as sdk/docs/getting-started.md says", async function () {
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
    source = replaceOnce(
      source,
      '"@cargo-rails/sdk/node"',
      JSON.stringify(pathToFileURL(path.join(repoRoot, "sdk/src/node.ts")).href),
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
    expect(logged[1]).to.deep.equal(["ParticipantChanged", "HK"]);
    expect(logged[2]).to.deep.equal([true]);
    expect(logged[4]?.[0]).to.equal(`${carrier} is already registered (possibly lapsed, but not revoked).`);
    expect(logged).to.have.length(6);
  });
});

describe("SDK: the gasless settlement of sdk/docs/namespaces.md runs", function () {
  it("settles in three calls after prepare, as the guide says", async function () {
    const chain = await createSystemChain();
    const { as } = await chain.system();
    const { carrier, exporter, importer, relayer } = chain.accounts;
    const issued = await as(carrier).ebl.issue({ document: toOrderDocument("SHA2HKG000777"), shipper: exporter });
    await issued.wait();

    const source =
      "export default async function run({ relayerRails, exporterRails, importerRails, tokenId, exporter, importer }: any) {\n" +
      readmeExample("settlement") +
      "\n}\n";
    const file = path.join(repoRoot, "cache", `readme-settlement-${process.pid}.ts`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, source);
    const logged: unknown[][] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => logged.push(args);
    try {
      const { default: run } = (await import(pathToFileURL(file).href)) as {
        default: (scope: Record<string, unknown>) => Promise<void>;
      };
      await run({
        relayerRails: as(relayer),
        exporterRails: as(exporter, true),
        importerRails: as(importer, true),
        tokenId: issued.tokenId,
        exporter,
        importer,
      });
    } finally {
      console.log = log;
      rmSync(file, { force: true });
    }
    expect(logged).to.deep.equal([["25000.00"], [true]]);
    expect(await as(undefined).deposits.HKD.balanceOf(exporter)).to.equal("25000.00");
  });
});

describe("SDK: the documentation names only members the namespaces have", function () {
  it("every `participants.x`, `ebl.x`, `settlement.x`, `deposits.HKD.x`, `reserves.HKD.x`, `interbank.x`, `fx.x`, `crossBank.x`, `documents.x` and `consent.x` in the README and doc comments exists", function () {
    const address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    const rails = createCargoRails({
      publicClient: createPublicClient({ transport: http("http://127.0.0.1:9") }), // never called
      addresses: {
        participantRegistry: address,
        eblRegistry: address,
        signedSettlement: address,
        escrowedDeals: address,
        deposits: { HKD: address },
        reserves: { HKD: address },
        interbankPayments: address,
        crossBankSettlement: address,
        tradeDocumentRegistry: address,
        documentsCondition: address,
        consentRegistry: address,
      },
    });
    const namespaces: Record<string, object> = {
      participants: rails.participants,
      ebl: rails.ebl,
      settlement: rails.settlement,
      deposits: rails.deposits.HKD,
      reserves: rails.reserves.HKD,
      interbank: rails.interbank,
      fx: rails.fx,
      crossBank: rails.crossBank,
      documents: rails.documents,
      consent: rails.consent,
    };
    const sources = [
      ...sdkDocs(),
      ...readdirSync(path.join(repoRoot, "sdk", "src"))
        .filter((file) => file.endsWith(".ts"))
        .map((file) => path.join(repoRoot, "sdk", "src", file)),
    ];
    // `settlement.signPayment`, `rails.deposits.HKD.mint`, `deposits.X.signPermit`; not file names (`./ebl.js`).
    const reference =
      /(?<![\w/-])(participants|ebl|settlement|interbank|fx|crossBank|documents|consent|(?:deposits|reserves)\.(?:[A-Z]{3}|X))\.([a-z]\w*)\b(?!\.\w)/g;
    const missing: string[] = [];
    let count = 0;
    for (const file of sources) {
      for (const [match, namespace, member] of readFileSync(file, "utf8").matchAll(reference)) {
        if (["js", "ts", "md"].includes(member!)) continue;
        count += 1;
        if (!(member! in namespaces[namespace!.split(".")[0]!]!)) missing.push(`${path.basename(file)}: ${match}`);
      }
    }
    expect(missing).to.deep.equal([]);
    expect(count).to.be.greaterThan(50);
  });
});

describe("SDK: the amounts guide's example runs", function () {
  it("parses, formats and refuses too many decimals as sdk/docs/amounts.md says", async function () {
    let source = readmeExample("amounts");
    source = replaceOnce(
      source,
      '"@cargo-rails/sdk"',
      JSON.stringify(pathToFileURL(path.join(repoRoot, "sdk/src/index.ts")).href),
    );
    const file = path.join(repoRoot, "cache", `readme-amounts-${process.pid}.ts`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, source);
    const logged: unknown[][] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => logged.push(args);
    try {
      await import(pathToFileURL(file).href);
    } finally {
      console.log = log;
      rmSync(file, { force: true });
    }
    // The values the guide's comments give, in order.
    expect(logged).to.deep.equal([[125050n], ["1250.5"], ["1250.50"], ["AmountPrecisionError"]]);
  });
});

describe("SDK: the errors catalogue", function () {
  it("sdk/docs/errors.md has a row for every error class @cargo-rails/sdk and its /node and /trade-finance subpaths export", async function () {
    const core = (await import("../../sdk/src/index.js")) as Record<string, unknown>;
    const node = (await import("../../sdk/src/node.js")) as Record<string, unknown>;
    const trade = (await import("../../sdk/src/tradeFinance/index.js")) as Record<string, unknown>;
    const classes = Object.entries({ ...core, ...node, ...trade })
      .filter(
        ([, value]) => typeof value === "function" && (value as { prototype?: unknown }).prototype instanceof Error,
      )
      .map(([name]) => name)
      .sort();
    // The classes are found by what they are, not by a list: a new error class is caught here.
    expect(classes).to.include.members([
      "CargoRailsError",
      "ContractRevertError",
      "IgnitionAddressesError",
      "TradeFinanceNotConfiguredError",
    ]);
    expect(classes.length).to.be.greaterThan(15);
    const catalogue = readFileSync(path.join(repoRoot, "sdk", "docs", "errors.md"), "utf8");
    // A row of the table names each class first: "| `RpcConnectionError` |" (or a few together, comma-separated).
    const rows = catalogue.split("\n").filter((line) => line.startsWith("| `"));
    const named = new Set(rows.flatMap((row) => [...row.split("|")[1]!.matchAll(/`(\w+)`/g)].map((m) => m[1]!)));
    named.add("CargoRailsError"); // the base class, described above the table
    expect(catalogue).to.contain("Every error the SDK throws extends `CargoRailsError`");
    expect(classes.filter((name) => !named.has(name))).to.deep.equal([]);
  });
});
