/**
 * Measures what the SDK weighs in a browser bundle: esbuild, `--platform=browser --minify`, ESM, bundling from the
 * built package (`sdk/dist`: run `npm run build --workspace sdk` first):
 *
 *   npx tsx scripts/sdk-size.ts      prints the table of sdk/README.md ("Bundle size"); exits 1 above the budget
 *
 * test/sdk/package.ts runs the same measurement on the packed tarball and fails above {@link CORE_BUDGET}.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";

/**
 * The most `createCargoRails` (viem left out) may weigh in a minified browser bundle, in bytes. 160 kB since the
 * `access` namespace: the access manager's ABI and error table add about 6 kB.
 */
export const CORE_BUDGET = 160_000;

/** The SDK's modules by namespace: each namespace's own module(s) and the ABI of its contract. */
export const NAMESPACE_MODULES: Readonly<Record<string, readonly string[]>> = {
  participants: ["participants", "abi/ParticipantRegistry"],
  ebl: ["ebl", "history", "abi/BillOfLadingRegistry"],
  deposits: ["deposits", "abi/TokenizedDeposit"],
  settlement: ["settlement", "settlementJson", "abi/SignedSettlement", "abi/EscrowedDeals", "abi/DepositRail"],
};

export interface SdkSizes {
  /** `createCargoRails` for the browser, minified, without viem (a peer dependency: the application bundles it). */
  core: number;
  /** The same with viem bundled in: what an application that did not use viem yet grows by. */
  coreWithViem: number;
  /** Every export of the core entry (`import * as sdk`), without viem. */
  everything: number;
  /** What each namespace's modules (its code and its contract's ABI) take of {@link SdkSizes.core}. */
  namespaces: Record<string, number>;
  /** Zod's part (`zod/mini`) of {@link SdkSizes.core}. */
  zod: number;
  /** The rest of {@link SdkSizes.core}: client, error decoding, signing, helpers, ABI entries common to several contracts. */
  shared: number;
}

/**
 * Bundles `source` for the browser from `resolveDir` (where `@cargo-rails/sdk` resolves): its size, and the bytes
 * each input file contributes. Fails, as esbuild does, on anything a browser cannot load (a `node:` import).
 */
export async function bundleForBrowser(
  source: string,
  resolveDir: string,
  external: string[] = [],
): Promise<{ bytes: number; text: string; inputs: Record<string, number> }> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: "js" },
    absWorkingDir: resolveDir,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    external,
    outfile: "bundle.js",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [output] = Object.values(result.metafile.outputs);
  const inputs: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output!.inputs)) inputs[input] = bytesInOutput;
  return { bytes: result.outputFiles[0]!.contents.byteLength, text: result.outputFiles[0]!.text, inputs };
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
  const viem = ["viem", "viem/*"];
  const [withoutViem, withViem, everything] = await Promise.all([
    bundleForBrowser(core, resolveDir, viem),
    bundleForBrowser(core, resolveDir),
    bundleForBrowser(all, resolveDir, viem),
  ]);
  const sizes: SdkSizes = {
    core: withoutViem.bytes,
    coreWithViem: withViem.bytes,
    everything: everything.bytes,
    namespaces: Object.fromEntries(Object.keys(NAMESPACE_MODULES).map((name) => [name, 0])),
    zod: 0,
    shared: 0,
  };
  for (const [input, bytes] of Object.entries(withoutViem.inputs)) {
    const module = sdkModule(input);
    const namespace = Object.keys(NAMESPACE_MODULES).find((name) => NAMESPACE_MODULES[name]!.includes(module ?? ""));
    if (namespace !== undefined) sizes.namespaces[namespace]! += bytes;
    else if (input.includes("node_modules/zod/")) sizes.zod += bytes;
    else sizes.shared += bytes;
  }
  return sizes;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The figures as the Markdown table of sdk/README.md. */
export function sizeTable(sizes: SdkSizes): string {
  const rows: [string, number][] = [
    ["`createCargoRails`, viem left out (target 150 kB, gate 160 kB)", sizes.core],
    ...Object.entries(sizes.namespaces).map(([name, bytes]): [string, number] => [
      `- of which \`${name}\` (its code and its contract's ABI)`,
      bytes,
    ]),
    ["- of which `zod/mini` (document validation)", sizes.zod],
    ["- of which the rest (client, access, error decoding, signing, helpers, shared ABI entries)", sizes.shared],
    ["`createCargoRails` with viem bundled", sizes.coreWithViem],
    ["every export of `@cargo-rails/sdk`, viem left out", sizes.everything],
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
}
