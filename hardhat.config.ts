import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";

import hardhatToolboxMochaEthersPlugin from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig, overrideTask } from "hardhat/config";
import type { HardhatPlugin } from "hardhat/types/plugins";

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

/**
 * The settlement contracts are compiled through the IR pipeline (`viaIR`), the rest with the legacy one, as Seaport and
 * Uniswap v4 are. Measured on the same code (docs/gas.md, "What the settlement split changed"): via IR the signed
 * settlement costs about 4 100 gas less (steady state 163 195 → 159 047) and the escrowed deal's three transactions
 * about 7 800 less, and the code is smaller (docs/architecture.md, "Contract sizes"). The escrowed-deals contract is
 * optimised for 1 000 runs instead of 10 000: 14 953 bytes instead of 16 735 (the target for a new contract is 16 000;
 * the legacy pipeline gives 19 273), for 126 more gas over a deal's three transactions.
 */
export const settlementCompiler = {
  ...compiler,
  settings: { ...compiler.settings, viaIR: true },
};

/**
 * Per-file compiler settings: the settlement contracts (see {@link settlementCompiler}), and DocumentaryCredits, whose
 * access manager and escrow accounting for the recovery of stray assets took it to 21 907 bytes with the legacy
 * pipeline; via IR it is 19 801. The eBL registry is optimised for 1 000 runs: with the holder-action entry (remarks,
 * signing, rejection of a delivery) it is 24 055 bytes at 10 000 runs, over the 23 000-byte gate, and 20 631 at 1 000
 * (via IR: 21 875); docs/architecture.md, "Contract sizes", gives the gas this costs.
 */
export const compilerOverrides: Record<string, typeof settlementCompiler> = {
  "contracts/settlement/SignedSettlement.sol": settlementCompiler,
  "contracts/settlement/CrossBankSettlement.sol": settlementCompiler,
  "contracts/settlement/rails/DepositRail.sol": settlementCompiler,
  "contracts/finance/credits/DocumentaryCredits.sol": settlementCompiler,
  "contracts/ebl/BillOfLadingRegistry.sol": {
    ...compiler,
    settings: { ...compiler.settings, optimizer: { enabled: true, runs: 1_000 } },
  },
  "contracts/settlement/EscrowedDeals.sol": {
    ...settlementCompiler,
    settings: { ...settlementCompiler.settings, optimizer: { enabled: true, runs: 1_000 } },
  },
};

/**
 * Hyperlane (`@hyperlane-xyz/core`, pinned exactly in package.json), the cross-chain transport of the eBL gateway
 * (docs/cross-chain.md). Its sources import OpenZeppelin Contracts 4.x (`@openzeppelin/contracts/...` and
 * `@openzeppelin/contracts-upgradeable/...`) but the package declares no dependency on them: it ships them vendored under
 * `dependencies/` (OpenZeppelin 4.9.3, the copies its own Foundry build uses through remappings it does not publish).
 * {@link hyperlaneRemappingsPlugin} gives the package those remappings, so Hyperlane's files compile against the exact
 * OpenZeppelin it was built and audited with, while our own contracts keep resolving `@openzeppelin/contracts` to 5.x.
 */
export const HYPERLANE_PACKAGE = "@hyperlane-xyz/core";
const HYPERLANE_REMAPPINGS = [
  "@openzeppelin/contracts/=dependencies/@openzeppelin-contracts-4.9.3/contracts/",
  "@openzeppelin/contracts-upgradeable/=dependencies/@openzeppelin-contracts-upgradeable-4.9.3/contracts/",
];

/**
 * The Hyperlane contracts we deploy (scripts/lib/hyperlane/deploy.ts); no project file imports them. `hyperlane/` is
 * remapped to the package's contracts/ folder in remappings.txt: the package's `exports` publishes no file in it.
 */
export const HYPERLANE_FILES = [
  "hyperlane/Mailbox.sol",
  "hyperlane/hooks/MerkleTreeHook.sol",
  "hyperlane/hooks/ProtocolFee.sol",
  "hyperlane/isms/multisig/StaticMultisigIsm.sol",
];

/**
 * Adds {@link HYPERLANE_REMAPPINGS} to the remappings Hardhat reads for the `@hyperlane-xyz/core` package (Hardhat 3
 * resolves every npm package's imports with that package's own remappings.txt files; Hyperlane publishes none).
 */
export const hyperlaneRemappingsPlugin: HardhatPlugin = {
  id: "cargo-rails-hyperlane-remappings",
  hookHandlers: {
    solidity: async () => ({
      default: async () => ({
        readNpmPackageRemappings: async (context, packageName, packageVersion, packagePath, next) => {
          const remappings = await next(context, packageName, packageVersion, packagePath);
          if (packageName !== HYPERLANE_PACKAGE) return remappings;
          return [
            ...remappings,
            { remappings: HYPERLANE_REMAPPINGS, source: path.join(packagePath, "remappings.txt") },
          ];
        },
      }),
    }),
  },
};

/**
 * The seed of the fuzz and invariant campaigns: `FUZZ_SEED` when set (to replay a run), else a fresh random one, so
 * every CI run explores new sequences. Printed before the Solidity tests run, with the command that replays them.
 */
export const FUZZ_SEED = fuzzSeed(process.env.FUZZ_SEED);

function fuzzSeed(fromEnvironment: string | undefined): string {
  if (fromEnvironment === undefined || fromEnvironment === "") return `0x${randomBytes(32).toString("hex")}`;
  if (!/^0x[0-9a-fA-F]{1,64}$/.test(fromEnvironment)) {
    throw new Error(`FUZZ_SEED must be a hex number of at most 32 bytes with a 0x prefix, got "${fromEnvironment}"`);
  }
  return fromEnvironment.toLowerCase();
}

/**
 * Solidity test profiles (`--test-profile <name>`, or `HARDHAT_TEST_PROFILE`). `default` is every run of `npm test`;
 * `deep` is the auditors' campaign behind `npm run fuzz:deep` (SECURITY.md); `coverage` is `npm run coverage`'s. The
 * `forge-config: default.…` comments in the test files tune the default profile only; under `deep` (and `coverage`)
 * every test gets that profile's numbers.
 */
const solidityTestProfiles = {
  default: {
    fuzz: { runs: 256, seed: FUZZ_SEED },
    invariant: { runs: 64, depth: 32, failOnRevert: false },
  },
  deep: {
    fuzz: { runs: 10_000, seed: FUZZ_SEED },
    invariant: { runs: 256, depth: 100, failOnRevert: false },
  },
  /**
   * `npm run coverage`: the same tests with fewer runs. Coverage measures which lines run, which a quarter of the
   * default runs reach as well (same seed, 0x2a); the instrumented campaigns are what makes coverage slow.
   * `npm test` keeps the default profile's numbers.
   */
  coverage: {
    fuzz: { runs: 64, seed: FUZZ_SEED },
    invariant: { runs: 16, depth: 32, failOnRevert: false },
  },
};

/** The command that replays this run's Solidity tests with the same seed. */
function replayCommand(profile: string): string {
  if (profile === "deep") return `FUZZ_SEED=${FUZZ_SEED} npm run fuzz:deep`;
  if (profile === "coverage") return `FUZZ_SEED=${FUZZ_SEED} npm run coverage`;
  return `FUZZ_SEED=${FUZZ_SEED} npm test`;
}

export default defineConfig({
  plugins: [hardhatToolboxMochaEthersPlugin, hyperlaneRemappingsPlugin],
  solidity: {
    profiles: {
      default: { compilers: [compiler], overrides: compilerOverrides },
      production: { compilers: [compiler], overrides: compilerOverrides },
    },
    // npm files Hardhat builds (and writes artifacts for) although no project file imports them.
    npmFilesToBuild: HYPERLANE_FILES,
  },
  test: {
    solidity: { profiles: solidityTestProfiles },
  },
  tasks: [
    overrideTask(["test", "solidity"])
      .setInlineAction(async (args, _hre, runSuper) => {
        const profile = String(args.testProfile ?? process.env.HARDHAT_TEST_PROFILE ?? "default");
        console.log(`Fuzz seed ${FUZZ_SEED} (test profile ${profile}); replay: ${replayCommand(profile)}`);
        return runSuper(args);
      })
      .build(),
  ],
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
