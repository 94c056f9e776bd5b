/**
 * Measures what the SDK weighs in a browser bundle: esbuild, `--platform=browser --minify`, ESM, bundling from the
 * built package (`sdk/dist`: run `npm run build --workspace sdk` first):
 *
 *   npx tsx scripts/sdk-size.ts      prints the table of sdk/README.md ("Bundle size"); exits 1 above the budget
 *
 * test/sdk/package.ts runs the same measurement on the packed tarball and fails above {@link CORE_BUDGET}, or when
 * `@cargo-rails/sdk/trade-finance` adds more than {@link TRADE_FINANCE_BUDGET} to it, `@cargo-rails/sdk/compliance`
 * more than {@link COMPLIANCE_BUDGET}, or `@cargo-rails/sdk/pint` more than {@link PINT_BUDGET} up front or
 * {@link PINT_LAZY_BUDGET} in its lazy chunk.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";

/**
 * The most `createCargoRails` (viem left out) may weigh in a minified browser bundle, in bytes: what a page loads
 * before any call, so the lazily loaded document validator is not counted in it (it is measured apart). The issue's
 * target; since the validator (`zod/mini`, about 27 kB) is loaded on first use the core is well under it.
 */
export const CORE_BUDGET = 150_000;

/**
 * The most `tradeFinance` (the `@cargo-rails/sdk/trade-finance` entry: trust receipts, D/A and payment obligations,
 * documentary credits) may add to `createCargoRails` in a minified browser bundle, viem left out, in bytes. The
 * entry is opt-in: the core's {@link CORE_BUDGET} does not carry it.
 */
export const TRADE_FINANCE_BUDGET = 90_000;

/**
 * The most `compliance` (the `@cargo-rails/sdk/compliance` entry: the transfer policy namespace, its typed refusals,
 * payment references) may add to `createCargoRails` in a minified browser bundle, viem left out, in bytes. Opt-in,
 * like {@link TRADE_FINANCE_BUDGET}.
 */
export const COMPLIANCE_BUDGET = 25_000;

/**
 * The most `@cargo-rails/sdk/pint` (DCSA PINT 3.0 envelopes: its code and jose) may add, loaded up front, to
 * `createCargoRails` in a minified browser bundle, viem left out, in bytes. Opt-in like the trade-finance entry.
 */
export const PINT_BUDGET = 45_000;

/**
 * The most the pint entry's lazy chunk (ajv and DCSA's PINT schemas, fetched on the first envelope or response
 * checked) may weigh, minified, in bytes. DCSA's schemas are shipped unchanged, descriptions included.
 */
export const PINT_LAZY_BUDGET = 290_000;

/** The SDK's modules by namespace: each namespace's own module(s) and the ABI of its contract. */
export const NAMESPACE_MODULES: Readonly<Record<string, readonly string[]>> = {
  participants: ["participants", "abi/ParticipantRegistry"],
  ebl: ["ebl", "history", "abi/BillOfLadingRegistry"],
  deposits: ["deposits", "abi/TokenizedDeposit"],
  settlement: ["settlement", "settlementJson", "abi/SignedSettlement", "abi/EscrowedDeals", "abi/DepositRail"],
};

export interface SdkSizes {
  /**
   * `createCargoRails` for the browser, minified, without viem (a peer dependency: the application bundles it):
   * the entry chunk and the chunks it imports statically, i.e. what a page loads before any call.
   */
  core: number;
  /** The same with viem bundled in: what an application that did not use viem yet grows by. */
  coreWithViem: number;
  /** Every export of the core entry (`import * as sdk`), without viem, lazy chunks included. */
  everything: number;
  /** What each namespace's modules (its code and its contract's ABI) take of {@link SdkSizes.core}. */
  namespaces: Record<string, number>;
  /** Zod's part (`zod/mini`) of {@link SdkSizes.core}: none, since the document validator is loaded lazily. */
  zod: number;
  /** The rest of {@link SdkSizes.core}: client, error decoding, signing, helpers, ABI entries common to several contracts. */
  shared: number;
  /**
   * The chunk of `createCargoRails`'s bundle loaded on first use only (`import()`): the DCSA document validator,
   * fetched when `ebl.issue` or `ebl.issueAmendment` is given a document. Not part of {@link SdkSizes.core}.
   */
  lazy: number;
  /** Zod's part (`zod/mini` and its English messages) of {@link SdkSizes.lazy}. */
  lazyZod: number;
  /**
   * What `tradeFinance` of `@cargo-rails/sdk/trade-finance` adds, loaded up front, to a page that has
   * `createCargoRails` (viem left out): its namespaces, JSON forms, typed data, errors and its contracts' ABIs.
   */
  tradeFinance: number;
  /** The SDK modules of {@link SdkSizes.core}'s bundle that belong to the trade-finance entry: none expected. */
  tradeFinanceInCore: string[];
  /** What `compliance` of `@cargo-rails/sdk/compliance` adds, loaded up front, to a page that has `createCargoRails`. */
  compliance: number;
  /** The SDK modules of {@link SdkSizes.core}'s bundle that belong to the compliance entry: none expected. */
  complianceInCore: string[];
  /** What `@cargo-rails/sdk/pint` adds, loaded up front, to a page that has `createCargoRails` (viem left out). */
  pint: number;
  /** The pint entry's lazy chunk: ajv and DCSA's schemas, loaded on the first validation. */
  pintLazy: number;
  /** The SDK modules of {@link SdkSizes.core}'s bundle that belong to the pint entry: none expected. */
  pintInCore: string[];
}

/** A browser bundle: the bytes and inputs loaded up front (entry and static imports) and those loaded lazily. */
export interface BrowserBundle {
  /** The entry chunk and every chunk it imports statically, in bytes. */
  bytes: number;
  /** The text of every chunk, lazy ones included, concatenated. */
  text: string;
  /** The bytes each input file contributes to {@link BrowserBundle.bytes}. */
  inputs: Record<string, number>;
  /** The chunks reached only through `import()`, in bytes. */
  lazyBytes: number;
  /** The bytes each input file contributes to {@link BrowserBundle.lazyBytes}. */
  lazyInputs: Record<string, number>;
}

/**
 * Bundles `source` for the browser from `resolveDir` (where `@cargo-rails/sdk` resolves), with code splitting as
 * an application's bundler does it: a dynamic `import()` becomes a chunk of its own. Returns what is loaded up
 * front and what lazily, with the bytes each input file contributes. Fails, as esbuild does, on anything a browser
 * cannot load (a `node:` import).
 */
export async function bundleForBrowser(
  source: string,
  resolveDir: string,
  external: string[] = [],
): Promise<BrowserBundle> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: "js" },
    absWorkingDir: resolveDir,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    splitting: true,
    external,
    outdir: "bundle",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const outputs = result.metafile.outputs;
  // The page's own entry: a chunk made for an `import()` has an `entryPoint` too (the imported module).
  const entry = Object.keys(outputs).find((file) => outputs[file]!.entryPoint === "<stdin>")!;
  // The chunks loaded up front: the entry and, transitively, what it imports statically.
  const eager = new Set<string>([entry]);
  for (const file of eager) {
    for (const { path: imported, kind } of outputs[file]!.imports) {
      if (kind === "import-statement" && imported in outputs) eager.add(imported);
    }
  }
  const text = (file: string) =>
    result.outputFiles.find((output) => path.relative(resolveDir, output.path) === file)!.text;
  const bundle: BrowserBundle = { bytes: 0, text: "", inputs: {}, lazyBytes: 0, lazyInputs: {} };
  for (const [file, output] of Object.entries(outputs)) {
    if (file.endsWith(".map")) continue;
    const isEager = eager.has(file);
    const inputs = isEager ? bundle.inputs : bundle.lazyInputs;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      inputs[input] = (inputs[input] ?? 0) + bytesInOutput;
    }
    bundle.text += text(file);
    if (isEager) bundle.bytes += output.bytes;
    else bundle.lazyBytes += output.bytes;
  }
  return bundle;
}

/** The SDK module an esbuild input is, as `ebl` or `abi/BillOfLadingRegistry`; undefined for a dependency. */
function sdkModule(input: string): string | undefined {
  if (input.includes("node_modules/") && !input.includes("node_modules/@cargo-rails/sdk/")) return undefined;
  return /\/dist\/(.+)\.js$/.exec(input)?.[1];
}

/** Measures the SDK as it resolves from `resolveDir` (a directory whose node_modules holds `@cargo-rails/sdk`). */
export async function measureSdk(resolveDir: string): Promise<SdkSizes> {
  const core =
    'import { createCargoRails } from "@cargo-rails/sdk";\nglobalThis.createCargoRails = createCargoRails;\n';
  const all = 'import * as sdk from "@cargo-rails/sdk";\nglobalThis.sdk = sdk;\n';
  const withTradeFinance =
    core + 'import { tradeFinance } from "@cargo-rails/sdk/trade-finance";\nglobalThis.tradeFinance = tradeFinance;\n';
  const withCompliance =
    core +
    'import { compliance, paymentReference } from "@cargo-rails/sdk/compliance";\nglobalThis.compliance = [compliance, paymentReference];\n';
  const withPint = core + 'import * as pint from "@cargo-rails/sdk/pint";\nglobalThis.pint = pint;\n';
  const viem = ["viem", "viem/*"];
  const [withoutViem, withViem, everything, trade, withPolicy, pint] = await Promise.all([
    bundleForBrowser(core, resolveDir, viem),
    bundleForBrowser(core, resolveDir),
    bundleForBrowser(all, resolveDir, viem),
    bundleForBrowser(withTradeFinance, resolveDir, viem),
    bundleForBrowser(withCompliance, resolveDir, viem),
    bundleForBrowser(withPint, resolveDir, viem),
  ]);
  const sizes: SdkSizes = {
    core: withoutViem.bytes,
    coreWithViem: withViem.bytes,
    everything: everything.bytes + everything.lazyBytes,
    namespaces: Object.fromEntries(Object.keys(NAMESPACE_MODULES).map((name) => [name, 0])),
    zod: 0,
    shared: 0,
    lazy: withoutViem.lazyBytes,
    lazyZod: 0,
    tradeFinance: trade.bytes - withoutViem.bytes,
    tradeFinanceInCore: Object.keys(withoutViem.inputs)
      .map((input) => sdkModule(input))
      .filter((module): module is string => module?.startsWith("tradeFinance/") === true),
    compliance: withPolicy.bytes - withoutViem.bytes,
    complianceInCore: Object.keys(withoutViem.inputs)
      .map((input) => sdkModule(input))
      .filter(
        (module): module is string =>
          module?.startsWith("compliance/") === true ||
          module === "paymentReferences" ||
          module === "abi/TransferPolicy",
      ),
    pint: pint.bytes - withoutViem.bytes,
    pintLazy: pint.lazyBytes - withoutViem.lazyBytes,
    pintInCore: Object.keys(withoutViem.inputs)
      .map((input) => sdkModule(input))
      .filter((module): module is string => module?.startsWith("pint/") === true),
  };
  for (const [input, bytes] of Object.entries(withoutViem.inputs)) {
    const module = sdkModule(input);
    const namespace = Object.keys(NAMESPACE_MODULES).find((name) => NAMESPACE_MODULES[name]!.includes(module ?? ""));
    if (namespace !== undefined) sizes.namespaces[namespace]! += bytes;
    else if (input.includes("node_modules/zod/")) sizes.zod += bytes;
    else sizes.shared += bytes;
  }
  for (const [input, bytes] of Object.entries(withoutViem.lazyInputs)) {
    if (input.includes("node_modules/zod/")) sizes.lazyZod += bytes;
  }
  return sizes;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The figures as the Markdown table of sdk/README.md. */
export function sizeTable(sizes: SdkSizes): string {
  const rows: [string, number][] = [
    ["`createCargoRails`, viem left out, loaded up front (target and gate 150 kB)", sizes.core],
    ...Object.entries(sizes.namespaces).map(([name, bytes]): [string, number] => [
      `- of which \`${name}\` (its code and its contract's ABI)`,
      bytes,
    ]),
    ["- of which the rest (client, access, error decoding, signing, helpers, shared ABI entries)", sizes.shared],
    ["`createCargoRails`'s lazy chunks: the document validator and the namespaces' code", sizes.lazy],
    ["- of which `zod/mini` (with its English messages)", sizes.lazyZod],
    ["`createCargoRails` with viem bundled, loaded up front", sizes.coreWithViem],
    [
      `\`tradeFinance\` (\`@cargo-rails/sdk/trade-finance\`) added to \`createCargoRails\`, viem left out (gate ${kB(TRADE_FINANCE_BUDGET)})`,
      sizes.tradeFinance,
    ],
    [
      `\`compliance\` (\`@cargo-rails/sdk/compliance\`) added to \`createCargoRails\`, viem left out (gate ${kB(COMPLIANCE_BUDGET)})`,
      sizes.compliance,
    ],
    [
      `\`@cargo-rails/sdk/pint\` added to \`createCargoRails\`, viem left out, loaded up front (gate ${kB(PINT_BUDGET)})`,
      sizes.pint,
    ],
    [
      `- its lazy chunk: ajv and DCSA's PINT schemas, on the first validation (gate ${kB(PINT_LAZY_BUDGET)})`,
      sizes.pintLazy,
    ],
    ["every export of `@cargo-rails/sdk`, viem left out, lazy chunks included", sizes.everything],
  ];
  return [
    "| bundle (esbuild, browser, minified) | size |",
    "| --- | ---: |",
    ...rows.map(([what, bytes]) => `| ${what} | ${kB(bytes)} |`),
  ].join("\n");
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = await measureSdk(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
  console.log(sizeTable(sizes));
  if (sizes.core > CORE_BUDGET) {
    console.error(`createCargoRails weighs ${kB(sizes.core)}, above the budget of ${kB(CORE_BUDGET)}.`);
    process.exitCode = 1;
  }
  if (sizes.tradeFinance > TRADE_FINANCE_BUDGET) {
    console.error(`tradeFinance adds ${kB(sizes.tradeFinance)}, above its budget of ${kB(TRADE_FINANCE_BUDGET)}.`);
    process.exitCode = 1;
  }
  if (sizes.compliance > COMPLIANCE_BUDGET) {
    console.error(`compliance adds ${kB(sizes.compliance)}, above its budget of ${kB(COMPLIANCE_BUDGET)}.`);
    process.exitCode = 1;
  }
  if (sizes.complianceInCore.length > 0) {
    console.error(`createCargoRails bundles compliance modules: ${sizes.complianceInCore.join(", ")}.`);
    process.exitCode = 1;
  }
  if (sizes.pint > PINT_BUDGET || sizes.pintLazy > PINT_LAZY_BUDGET) {
    console.error(
      `the pint entry adds ${kB(sizes.pint)} up front and ${kB(sizes.pintLazy)} lazily, above its budgets of ${kB(PINT_BUDGET)} and ${kB(PINT_LAZY_BUDGET)}.`,
    );
    process.exitCode = 1;
  }
  if (sizes.pintInCore.length > 0) {
    console.error(`createCargoRails bundles pint modules: ${sizes.pintInCore.join(", ")}.`);
    process.exitCode = 1;
  }
  if (sizes.tradeFinanceInCore.length > 0) {
    console.error(`createCargoRails bundles trade-finance modules: ${sizes.tradeFinanceInCore.join(", ")}.`);
    process.exitCode = 1;
  }
}
