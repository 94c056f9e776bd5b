/**
 * Hardhat config of the gas benchmark only (`npm run bench` = `hardhat --config hardhat.bench.config.ts run
 * bench/gas.ts`, docs/gas.md). It is the project's config (hardhat.config.ts) plus the benchmark's anchors and helpers,
 * built into their own directories (artifacts-bench/, cache-bench/) so that `npm test`, `npm run lint`, coverage and
 * the production build never compile Seaport, and the bench build never touches the project's artifacts (read by the
 * SDK's ABI check and scripts/audit) or its typechain types.
 */
import { createRequire } from "node:module";

import { defineConfig } from "hardhat/config";

import projectConfig, { compiler, compilerOverrides } from "./hardhat.config.js";

const require = createRequire(import.meta.url);

/**
 * Resolves the soljson.js of the npm package `packageName` (here the alias `solc-0.8.24` = `npm:solc@0.8.24` of
 * package.json), failing loudly when node_modules holds another version. Like the project's compiler, never
 * downloaded.
 */
function localSolc(packageName: string, version: string): string {
  const installed: string = require(`${packageName}/package.json`).version;
  if (installed !== version) {
    throw new Error(
      `Compiler mismatch: hardhat.bench.config.ts pins ${packageName} at solc ${version} but node_modules holds solc ${installed}. ` +
        `Run \`npm ci\`, or change the version here and the exact "${packageName}" version in package.json together.`,
    );
  }
  return require.resolve(`${packageName}/soljson.js`);
}

/**
 * Seaport 1.6 (seaport-core 1.6.6), compiled in place from node_modules as its own project builds it (seaport-core's
 * foundry.toml): solc 0.8.24, via IR, 4 294 967 295 optimizer runs, Cancun, no metadata hash. Listed in `compilers`
 * too, but Hardhat picks the newest compiler a file's pragma allows, so contracts/ and bench/contracts (^0.8.24)
 * always get the project's compiler; only the override files get these settings.
 */
const SEAPORT_SOLC_VERSION = "0.8.24";
const seaportCompiler = {
  version: SEAPORT_SOLC_VERSION,
  path: localSolc("solc-0.8.24", SEAPORT_SOLC_VERSION),
  settings: {
    evmVersion: "cancun",
    viaIR: true,
    optimizer: { enabled: true, runs: 4_294_967_295 },
    metadata: { bytecodeHash: "none" },
  },
};
const SEAPORT_FILES = ["seaport-core/src/Seaport.sol", "seaport-core/src/conduit/ConduitController.sol"];
const seaportOverrides = Object.fromEntries(SEAPORT_FILES.map((file) => [file, seaportCompiler]));
const benchProfile = {
  compilers: [compiler, seaportCompiler],
  overrides: { ...compilerOverrides, ...seaportOverrides },
};

export default defineConfig({
  ...projectConfig,
  solidity: {
    profiles: {
      default: benchProfile,
      production: benchProfile,
    },
    // npm files Hardhat builds (and writes artifacts for) although no project file imports them.
    npmFilesToBuild: SEAPORT_FILES,
  },
  // bench/ is type checked against the project's types (types/, from the main build); the bench contracts are
  // deployed by name as plain ethers contracts, so the bench build generates no types of its own.
  typechain: { dontOverrideCompile: true },
  paths: {
    ...projectConfig.paths,
    // bench/contracts: the benchmark's own helpers (plain tokens, the naive swap), not part of the product.
    sources: ["./contracts", "./bench/contracts"],
    artifacts: "./artifacts-bench",
    cache: "./cache-bench",
  },
});
