import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import hre from "hardhat";
import { ContractFunctionRevertedError } from "viem";

import { publint } from "publint";

import {
  COMPLIANCE_BUDGET,
  CORE_BUDGET,
  PINT_BUDGET,
  PINT_LAZY_BUDGET,
  TRADE_FINANCE_BUDGET,
  bundleForBrowser,
  measureSdk,
} from "../../scripts/sdk-size.js";
import { eblTokenId } from "../../sdk/src/index.js";
import { readmeExample, repoRoot } from "./helpers.js";

const sdkDir = path.join(repoRoot, "sdk");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** Where a dependency of the SDK is installed in this repository (the workspace may nest it under sdk/). */
function installed(name: string): string {
  const require = createRequire(path.join(sdkDir, "package.json"));
  let dir = path.dirname(require.resolve(`${name}/package.json`));
  dir = realpathSync(dir);
  return dir;
}

describe("SDK: the viem peer dependency", function () {
  it("starts no lower than the viem release that added ContractFunctionRevertedError.raw, which decoding reads", function () {
    // decodeContractError decodes a revert that viem left undecoded (one raised by another contract) from `raw`.
    const raw = new ContractFunctionRevertedError({ abi: [], data: "0x12345678", functionName: "f" }).raw;
    expect(raw).to.equal("0x12345678");
    // The release that added it, from the CHANGELOG of the viem installed here: the heading above its entry.
    const changelog = readFileSync(path.join(installed("viem"), "CHANGELOG.md"), "utf8");
    const entry = changelog.indexOf("Added `raw` property to `ContractFunctionRevertedError`");
    expect(entry, "the entry in viem's CHANGELOG").to.be.greaterThan(-1);
    const added = [...changelog.slice(0, entry).matchAll(/^## (\d+)\.(\d+)\.(\d+)$/gm)].at(-1)!.slice(1).map(Number);
    const pkg = JSON.parse(readFileSync(path.join(sdkDir, "package.json"), "utf8")) as {
      peerDependencies: Record<string, string>;
    };
    const floor = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(pkg.peerDependencies.viem!)!.slice(1).map(Number);
    const rank = ([major, minor, patch]: number[]) => major! * 1e6 + minor! * 1e3 + patch!;
    expect(added).to.deep.equal([2, 22, 12]);
    expect(rank(floor), `peer range ${pkg.peerDependencies.viem}`).to.be.at.least(rank(added));
  });
});

describe("SDK: the published package", function () {
  this.timeout(600_000); // npm pack builds the package twice (ESM and CommonJS) before the tests
  let app: string;
  let tarball: string;

  before(function () {
    // The package's build, types and bundle exercise no contract: `npm run coverage` (which measures contracts/)
    // skips them; `npm test` runs them.
    if (hre.globalOptions.coverage) this.skip();
    // Pack it as npm publishes it, from a tree without a build: `prepack` must build it. Then install the tarball
    // into a scratch project with no network: unpack it to node_modules (what `npm install <tarball>` does) and link
    // its dependencies, viem (peer) and zod, from this repository.
    rmSync(path.join(sdkDir, "dist"), { recursive: true, force: true });
    const scratch = mkdtempSync(path.join(tmpdir(), "cargo-rails-sdk-package-"));
    const [packed] = JSON.parse(run(npm, ["pack", "--json", "--pack-destination", scratch], sdkDir)) as {
      filename: string;
    }[];
    tarball = path.join(scratch, packed!.filename);
    app = path.join(scratch, "app");
    const target = path.join(app, "node_modules", "@cargo-rails", "sdk");
    mkdirSync(target, { recursive: true });
    run("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"], scratch);
    for (const dependency of ["viem", "zod", "jose", "ajv"])
      symlinkSync(installed(dependency), path.join(app, "node_modules", dependency), "dir");
    writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  });

  after(function () {
    if (app) rmSync(path.dirname(app), { recursive: true, force: true });
  });

  it("ships the JavaScript and declarations prepack built (ESM and CommonJS) and the LICENSE, not the tests or configuration", function () {
    const target = path.join(app, "node_modules", "@cargo-rails", "sdk");
    for (const file of [
      "index.js",
      "index.d.ts",
      "node.js",
      "tradeFinance/index.js",
      "tradeFinance/index.d.ts",
      "abi/ParticipantRegistry.js",
      "cjs/index.js",
      "cjs/index.d.ts",
      "cjs/tradeFinance/index.js",
      "cjs/tradeFinance/index.d.ts",
      "compliance/index.js",
      "cjs/compliance/index.js",
      "cjs/compliance/index.d.ts",
      "pint/index.js",
      "pint/index.d.ts",
      "cjs/pint/index.js",
      "cjs/pint/index.d.ts",
    ]) {
      expect(existsSync(path.join(target, "dist", file)), file).to.equal(true);
    }
    expect(readFileSync(path.join(target, "dist", "cjs", "package.json"), "utf8")).to.contain('"type":"commonjs"');
    expect(readFileSync(path.join(target, "LICENSE"), "utf8")).to.equal(
      readFileSync(path.join(repoRoot, "LICENSE"), "utf8"),
    );
    expect(readdirSync(target).sort()).to.deep.equal(
      [
        "LICENSE",
        "README.md",
        "compliance",
        "data",
        "dist",
        "docs",
        "node",
        "package.json",
        "pint",
        "src",
        "trade-finance",
      ].sort(),
    );
  });

  it("require() loads it from CommonJS, with the same exports as import, and the /node and /trade-finance subpaths too", function () {
    const script = `
      const sdk = require("@cargo-rails/sdk");
      const node = require("@cargo-rails/sdk/node");
      const trade = require("@cargo-rails/sdk/trade-finance");
      Promise.all([import("@cargo-rails/sdk"), import("@cargo-rails/sdk/trade-finance")]).then(async ([esm, tradeEsm]) => {
        const id = sdk.eblTokenId("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "HHL71800000");
        const addresses = await node.addressesFromIgnition({ "M#ParticipantRegistry": "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" });
        console.log(JSON.stringify({
          same: JSON.stringify(Object.keys(sdk).sort()) === JSON.stringify(Object.keys(esm).sort()),
          sameTrade: JSON.stringify(Object.keys(trade).sort()) === JSON.stringify(Object.keys(tradeEsm).sort()),
          tradeFinance: typeof trade.tradeFinance,
          tradeErrors: new trade.TradeFinanceNotConfiguredError("credits", "x") instanceof sdk.CargoRailsError,
          version: sdk.SDK_VERSION, id: id.toString(), create: typeof sdk.createCargoRails,
          errors: new node.IgnitionAddressesError("x") instanceof sdk.CargoRailsError,
          addresses,
        }));
      });`;
    writeFileSync(path.join(app, "consumer.cjs"), script);
    const output = JSON.parse(run(process.execPath, ["consumer.cjs"], app)) as Record<string, unknown>;
    expect(output).to.deep.equal({
      same: true,
      sameTrade: true,
      tradeFinance: "function",
      tradeErrors: true,
      version: "0.1.0",
      id: eblTokenId("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "HHL71800000").toString(),
      create: "function",
      errors: true,
      addresses: { participantRegistry: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" },
    });
  });

  it("publint finds nothing to report in the tarball, not even a suggestion", async function () {
    const { messages } = await publint({
      pack: { tarball: readFileSync(tarball).buffer as ArrayBuffer },
      strict: true,
    });
    expect(messages).to.deep.equal([]);
  });

  it("are-the-types-wrong finds no problem in the tarball, for import and require, in every resolution mode", function () {
    const attw = path.join(repoRoot, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js");
    let report: { problems: Record<string, unknown>; analysis: { entrypoints: Record<string, unknown> } };
    try {
      report = JSON.parse(run(process.execPath, [attw, tarball, "--format", "json"], app)) as typeof report;
    } catch (error) {
      expect.fail(`attw reports problems:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
    }
    expect(Object.keys(report.analysis.entrypoints).sort()).to.deep.equal([
      ".",
      "./compliance",
      "./node",
      "./package.json",
      "./pint",
      "./trade-finance",
    ]);
    expect(report.problems).to.deep.equal({});
  });

  it(`createCargoRails bundles for the browser (esbuild) within ${CORE_BUDGET / 1000} kB minified, viem left out`, async function () {
    const sizes = await measureSdk(app);
    expect(sizes.core).to.be.at.most(CORE_BUDGET);
    // The measure is of the SDK's code: every namespace is in it (at least its contract's ABI), viem is not.
    for (const [namespace, bytes] of Object.entries(sizes.namespaces)) expect(bytes, namespace).to.be.greaterThan(500);
    // zod/mini (the document validator) is a chunk of its own, loaded by `import()` on first use only.
    expect(sizes.zod, "zod loaded up front").to.equal(0);
    expect(sizes.lazyZod, "zod in the lazy chunk").to.be.greaterThan(20_000);
    expect(sizes.lazy).to.be.greaterThan(sizes.lazyZod);
    expect(sizes.coreWithViem).to.be.greaterThan(sizes.core + 20_000);
  });

  it(`tradeFinance (@cargo-rails/sdk/trade-finance) adds at most ${TRADE_FINANCE_BUDGET / 1000} kB to createCargoRails, which carries none of it`, async function () {
    const sizes = await measureSdk(app);
    expect(sizes.tradeFinanceInCore, "trade-finance modules in createCargoRails's bundle").to.deep.equal([]);
    // Its namespaces and its contracts' ABIs are in it: more than a stand-in.
    expect(sizes.tradeFinance).to.be.greaterThan(10_000);
    expect(sizes.tradeFinance).to.be.at.most(TRADE_FINANCE_BUDGET);
    const entry = await bundleForBrowser('export * from "@cargo-rails/sdk/trade-finance";\n', app, ["viem"]);
    expect(entry.text, "the trade-finance entry bundles for the browser").not.to.match(/["']node:/);
  });

  it(`compliance (@cargo-rails/sdk/compliance) adds at most ${COMPLIANCE_BUDGET / 1000} kB to createCargoRails, which carries none of it`, async function () {
    const sizes = await measureSdk(app);
    expect(sizes.complianceInCore, "compliance modules in createCargoRails's bundle").to.deep.equal([]);
    // The policy namespace, its errors, the policy's ABI and the payment references: more than a stand-in.
    expect(sizes.compliance).to.be.greaterThan(5_000);
    expect(sizes.compliance).to.be.at.most(COMPLIANCE_BUDGET);
    const entry = await bundleForBrowser('export * from "@cargo-rails/sdk/compliance";\n', app, ["viem"]);
    expect(entry.text, "the compliance entry bundles for the browser").not.to.match(/["']node:/);
  });

  it(`the pint entry (@cargo-rails/sdk/pint) adds at most ${PINT_BUDGET / 1000} kB up front and ${PINT_LAZY_BUDGET / 1000} kB lazily, and createCargoRails carries none of it`, async function () {
    const sizes = await measureSdk(app);
    expect(sizes.pintInCore, "pint modules in createCargoRails's bundle").to.deep.equal([]);
    // jose and the entry's code are loaded up front; ajv and DCSA's schemas (over 140 kB of JSON) lazily.
    expect(sizes.pint).to.be.greaterThan(15_000);
    expect(sizes.pint).to.be.at.most(PINT_BUDGET);
    expect(sizes.pintLazy).to.be.greaterThan(200_000);
    expect(sizes.pintLazy).to.be.at.most(PINT_LAZY_BUDGET);
    const entry = await bundleForBrowser('export * from "@cargo-rails/sdk/pint";\n', app, ["viem"]);
    expect(entry.text, "the pint entry bundles for the browser").not.to.match(/["']node:/);
  });

  it("the pint entry loads from CommonJS and ESM, and ships DCSA's specification with its notice", function () {
    const target = path.join(app, "node_modules", "@cargo-rails", "sdk");
    expect(readFileSync(path.join(target, "data", "dcsa", "EBL_PINT_v3.0.0.yaml"))).to.deep.equal(
      readFileSync(path.join(sdkDir, "data", "dcsa", "EBL_PINT_v3.0.0.yaml")),
    );
    expect(readFileSync(path.join(target, "data", "dcsa", "NOTICE"), "utf8")).to.contain("Apache License");
    const script = `
      const pint = require("@cargo-rails/sdk/pint");
      import("@cargo-rails/sdk/pint").then(async (esm) => {
        const { signer, publicJwk } = await pint.generatePintKeyPair({ kid: "k1" });
        const signed = await pint.signResponse({ lastEnvelopeTransferChainEntrySignedContentChecksum: "ab".repeat(32), responseCode: "RECE" }, signer);
        const verified = await esm.verifyResponse(signed, { keys: { keys: [publicJwk] } });
        console.log(JSON.stringify({
          same: JSON.stringify(Object.keys(pint).sort()) === JSON.stringify(Object.keys(esm).sort()),
          verified: verified.ok,
          refused: (await esm.verifyEnvelope({}, { keys: {} })).responseCode,
        }));
      });`;
    writeFileSync(path.join(app, "pint-consumer.cjs"), script);
    const output = JSON.parse(run(process.execPath, ["pint-consumer.cjs"], app)) as Record<string, unknown>;
    expect(output).to.deep.equal({ same: true, verified: true, refused: "BENV" });
  });

  it("the whole core entry bundles for the browser, while the /node subpath (node:fs) does not", async function () {
    const all = await bundleForBrowser('export * from "@cargo-rails/sdk";\n', app, ["viem"]);
    expect(all.text).not.to.match(/["']node:/);
    let refused: unknown;
    await bundleForBrowser('export * from "@cargo-rails/sdk/node";\n', app, ["viem"]).catch((error: unknown) => {
      refused = error;
    });
    expect(String(refused)).to.contain("node:fs/promises");
  });

  it("imports as ESM through the exports map, and refuses deep imports past it", function () {
    const script = `
      import * as sdk from "@cargo-rails/sdk";
      import pkg from "@cargo-rails/sdk/package.json" with { type: "json" };
      import { addressesFromIgnition } from "@cargo-rails/sdk/node";
      const id = sdk.eblTokenId("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "HHL71800000");
      let deep = "allowed";
      try { await import("@cargo-rails/sdk/dist/index.js"); } catch (e) { deep = e.code; }
      console.log(JSON.stringify({
        version: sdk.SDK_VERSION, pkg: pkg.version, id: id.toString(), deep,
        functions: ["createCargoRails", "documentChecksum", "canonicalJson",
          "validateTransportDocument", "parseAmount", "formatAmount", "decodeContractError"].filter((f) => typeof sdk[f] !== "function"),
        errors: new sdk.ContractRevertError({ errorName: "X", args: [], shortMessage: "x" }) instanceof sdk.CargoRailsError,
        abi: sdk.participantRegistryAbi.length > 0,
        node: typeof addressesFromIgnition, coreHasNode: "addressesFromIgnition" in sdk,
      }));`;
    const output = JSON.parse(run(process.execPath, ["--input-type=module", "-e", script], app)) as Record<
      string,
      unknown
    >;
    expect(output).to.deep.equal({
      version: "0.1.0",
      pkg: "0.1.0",
      id: eblTokenId("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "HHL71800000").toString(), // same as the source
      deep: "ERR_PACKAGE_PATH_NOT_EXPORTED",
      functions: [],
      errors: true,
      abi: true,
      node: "function",
      coreHasNode: false,
    });
  });

  it("gives types to a TypeScript consumer, wrong arguments fail to compile, and the guide's first example and sdk/examples type check", function () {
    cpSync(path.join(sdkDir, "test-types", "consumer.ts"), path.join(app, "consumer.ts"));
    writeFileSync(path.join(app, "quickstart.ts"), readmeExample("quickstart"));
    // The examples import `@cargo-rails/sdk` by name: here it resolves to the installed tarball, as in an application.
    const examples = readdirSync(path.join(sdkDir, "examples")).filter((file) => file.endsWith(".ts"));
    expect(examples.length, "sdk/examples").to.be.at.least(4);
    mkdirSync(path.join(app, "examples"), { recursive: true });
    for (const file of examples) cpSync(path.join(sdkDir, "examples", file), path.join(app, "examples", file));
    writeFileSync(
      path.join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          target: "es2022",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ["consumer.ts", "quickstart.ts", ...examples.map((file) => `examples/${file}`)],
      }),
    );
    const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    try {
      run(process.execPath, [tsc, "-p", "tsconfig.json"], app);
    } catch (error) {
      expect.fail(`tsc failed on the consumer:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
    }
  });

  it("the type test can fail: a @ts-expect-error that meets no error breaks the compile", function () {
    writeFileSync(
      path.join(app, "unused.ts"),
      'import { parseAmount } from "@cargo-rails/sdk";\n// @ts-expect-error\nparseAmount("1.5", 2);\n',
    );
    writeFileSync(
      path.join(app, "tsconfig.unused.json"),
      JSON.stringify({
        compilerOptions: { module: "nodenext", strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ["unused.ts"],
      }),
    );
    const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    let output = "";
    try {
      run(process.execPath, [tsc, "-p", "tsconfig.unused.json"], app);
    } catch (error) {
      output = (error as { stdout?: string }).stdout ?? "";
    }
    expect(output).to.contain("Unused '@ts-expect-error' directive");
  });
});
