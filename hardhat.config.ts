import { createRequire } from "node:module";

import hardhatToolboxMochaEthersPlugin from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

/**
 * The one place where the compiler is pinned. The npm package `solc` in
 * package.json must carry exactly this version (no caret): Hardhat compiles
 * with the local soljson.js and never downloads a compiler, so builds are
 * reproducible and work on air-gapped machines.
 */
const SOLC_VERSION = "0.8.30";

/** Cancun: supported by Ethereum mainnet, Sepolia, the major L2s and current Besu / Geth permissioned chains. */
const EVM_VERSION = "cancun";

const require = createRequire(import.meta.url);

/**
 * Resolves the soljson.js of an npm package that carries solc `version` (the project's `solc`, or an alias such as
 * `solc-0.8.24` = `npm:solc@0.8.24`), failing loudly when node_modules holds another version.
 */
function localSolc(packageName: string, version: string): string {
  const installed: string = require(`${packageName}/package.json`).version;
  if (installed !== version) {
    throw new Error(
      `Compiler mismatch: hardhat.config.ts pins ${packageName} at solc ${version} but node_modules holds solc ${installed}. ` +
        `Run \`npm ci\`, or change the version here and the exact "${packageName}" version in package.json together.`,
    );
  }
  return require.resolve(`${packageName}/soljson.js`);
}

const compiler = {
  version: SOLC_VERSION,
  path: localSolc("solc", SOLC_VERSION),
  settings: {
    evmVersion: EVM_VERSION,
    optimizer: { enabled: true, runs: 10_000 },
  },
};

/**
 * Benchmark anchors (`npm run bench`, docs/gas.md): reference implementations compiled in place from node_modules as
 * their own projects build them, each with its own local compiler. Seaport 1.6 (seaport-core 1.6.6; settings of
 * seaport-core's foundry.toml): solc 0.8.24, via IR, 4 294 967 295 optimizer runs, Cancun, no metadata hash.
 * Listed in `compilers` too, but Hardhat picks the newest compiler a file's pragma allows, so contracts/ and bench/
 * (^0.8.24) always get SOLC_VERSION; only the override files get these settings.
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

export default defineConfig({
  plugins: [hardhatToolboxMochaEthersPlugin],
  solidity: {
    profiles: {
      default: { compilers: [compiler, seaportCompiler], overrides: seaportOverrides },
      production: { compilers: [compiler, seaportCompiler], overrides: seaportOverrides },
    },
    // npm files Hardhat builds (and writes artifacts for) although no project file imports them.
    npmFilesToBuild: SEAPORT_FILES,
  },
  test: {
    solidity: {
      // Fixed seed (Hardhat's default): a CI failure reproduces locally. Raise runs for a deeper local campaign.
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 32, failOnRevert: false },
    },
  },
  paths: {
    // bench/contracts: the benchmark's own helpers (plain tokens, the naive swap), not part of the product.
    sources: ["./contracts", "./bench/contracts"],
    tests: {
      mocha: "./test",
      solidity: "./test",
    },
  },
  networks: {
    hardhatMainnet: {
      type: "edr-simulated",
      chainType: "l1",
      hardfork: EVM_VERSION,
    },
    localhost: {
      type: "http",
      chainType: "l1",
      url: "http://127.0.0.1:8545",
    },
    // Secrets come from the Hardhat keystore (`npx hardhat keystore set SEPOLIA_RPC_URL`) or the environment,
    // never from the repository. They are read only when the network is used.
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
    // Any other EVM chain (a bank's permissioned network, another testnet): `--network custom`.
    custom: {
      type: "http",
      chainType: "l1",
      url: configVariable("CARGO_RAILS_RPC_URL"),
      accounts: [configVariable("CARGO_RAILS_PRIVATE_KEY")],
    },
  },
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
  },
});
