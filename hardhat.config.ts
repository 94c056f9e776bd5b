import { createRequire } from "node:module";

import hardhatToolboxMochaEthersPlugin from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

/**
 * The one place where the compiler is pinned. The npm package `solc` in
 * package.json must carry exactly this version (no caret): Hardhat compiles
 * with the local soljson.js and never downloads a compiler, so builds are
 * reproducible and work on air-gapped machines.
 */
export const SOLC_VERSION = "0.8.30";

/** Cancun: supported by Ethereum mainnet, Sepolia, the major L2s and current Besu / Geth permissioned chains. */
export const EVM_VERSION = "cancun";

const require = createRequire(import.meta.url);
const solcJsPath = require.resolve("solc/soljson.js");
const installedSolc: string = require("solc/package.json").version;
if (installedSolc !== SOLC_VERSION) {
  throw new Error(
    `Compiler mismatch: hardhat.config.ts pins solc ${SOLC_VERSION} but node_modules holds solc ${installedSolc}. ` +
      `Run \`npm ci\`, or change SOLC_VERSION and the exact "solc" version in package.json together.`,
  );
}

/** The project's compiler (also used by hardhat.bench.config.ts for contracts/ and bench/contracts). */
export const compiler = {
  version: SOLC_VERSION,
  path: solcJsPath,
  settings: {
    evmVersion: EVM_VERSION,
    optimizer: { enabled: true, runs: 10_000 },
  },
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthersPlugin],
  solidity: {
    profiles: {
      default: compiler,
      production: compiler,
    },
  },
  test: {
    solidity: {
      // Fixed seed (Hardhat's default): a CI failure reproduces locally. Raise runs for a deeper local campaign.
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 32, failOnRevert: false },
    },
  },
  paths: {
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
    // A local node (`npx hardhat node`, anvil): LOCALHOST_RPC_URL (keystore or environment) when it listens elsewhere.
    localhost: {
      type: "http",
      chainType: "l1",
      url: configVariable("LOCALHOST_RPC_URL", { default: "http://127.0.0.1:8545" }),
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
