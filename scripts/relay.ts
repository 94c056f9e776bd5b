/**
 * The Hyperlane relayer, continuously, between the chains of a relay configuration file (scripts/lib/hyperlane/).
 *
 *   npm run hyperlane:local    # two anvil nodes, Shanghai (7777) and Hong Kong (8888), Hyperlane and the rails on
 *                              # both, connected; writes .hyperlane/relay.json and keeps the nodes running
 *   npm run relay              # in another terminal: relays between them until Ctrl-C
 *
 * Configuration (environment):
 * - HYPERLANE_RELAY_CONFIG   the relay configuration file (default .hyperlane/relay.json): for each chain its name,
 *                            chain id, RPC URL, Mailbox, MerkleTreeHook and first block, as written by
 *                            `writeRelayConfig` after `deployHyperlaneCore` (scripts/lib/hyperlane/deploy.ts).
 * - HYPERLANE_CURSOR         the relayer's cursor file (default .hyperlane/relayer-cursor.json): where it resumes.
 * - RELAYER_PRIVATE_KEY      the account that pays for `Mailbox.process` on every chain (default: anvil's
 *                            development account 1).
 * - HYPERLANE_VALIDATOR_KEYS the validators' private keys, comma-separated (default: anvil's development accounts 7,
 *                            8 and 9, the validators `npm run hyperlane:local` deploys the ISMs with). Each validator
 *                            checks a message on its origin chain before signing it. In production each platform
 *                            operator runs its own validator; this process holding all keys is for local use.
 * - RELAY_POLL_MS            the wait between rounds (default 1000).
 *
 * The relayer is scripts/lib/crosschain.ts's `createRelayer` (scripts/lib/hyperlane/relayer.ts; a failed delivery's
 * reason names the gateway's errors). The development keys are public: never use them, nor this single-process
 * set-up, on a real network.
 */
import path from "node:path";

import type { Hex } from "viem";

import { createRelayer } from "./lib/crosschain.js";
import { readRelayConfig } from "./lib/hyperlane/deploy.js";
import { devPrivateKey } from "./lib/hyperlane/validator.js";

const configPath = path.resolve(process.env.HYPERLANE_RELAY_CONFIG ?? ".hyperlane/relay.json");
const cursorPath = path.resolve(process.env.HYPERLANE_CURSOR ?? ".hyperlane/relayer-cursor.json");
const relayerKey = (process.env.RELAYER_PRIVATE_KEY ?? devPrivateKey(1)) as Hex;
const validatorKeys = (process.env.HYPERLANE_VALIDATOR_KEYS?.split(",") ?? [7, 8, 9].map(devPrivateKey)).map(
  (k) => k.trim() as Hex,
);
const pollMs = Number(process.env.RELAY_POLL_MS ?? 1_000);

const config = readRelayConfig(configPath);
const chains = config.chains.map((c) => ({
  name: c.name,
  rpc: c.rpcUrl,
  hyperlane: {
    chainId: c.chainId,
    mailbox: c.mailbox,
    merkleTreeHook: c.merkleTreeHook,
    deployBlock: BigInt(c.fromBlock),
  },
}));
const relayer = createRelayer(chains, {
  validators: validatorKeys,
  cursorPath,
  relayerKey,
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
});

console.log(
  `Relaying between ${chains.map((c) => `${c.name} (${c.hyperlane.chainId})`).join(" and ")}; cursor ${cursorPath}`,
);
relayer.start(pollMs);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log("Stopping after this round…");
    void relayer.stop().then(() => process.exit(0));
  });
}
