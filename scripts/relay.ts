/**
 * The Hyperlane relayer, continuously, between the chains of a relay configuration file (scripts/lib/hyperlane/).
 *
 *   npm run hyperlane:local    # two anvil nodes, Shanghai (7777) and Hong Kong (8888), Hyperlane on both; writes
 *                              # .hyperlane/relay.json and keeps the nodes running
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
 * The development keys are public: never use them, nor this single-process set-up, on a real network.
 */
import path from "node:path";

import { createPublicClient, createWalletClient, defineChain, http, type Hex, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { readRelayConfig } from "./lib/hyperlane/deploy.js";
import { Relayer, type RelayChain } from "./lib/hyperlane/relayer.js";
import { Validator, devPrivateKey } from "./lib/hyperlane/validator.js";

const configPath = path.resolve(process.env.HYPERLANE_RELAY_CONFIG ?? ".hyperlane/relay.json");
const cursorPath = path.resolve(process.env.HYPERLANE_CURSOR ?? ".hyperlane/relayer-cursor.json");
const relayerKey = (process.env.RELAYER_PRIVATE_KEY ?? devPrivateKey(1)) as Hex;
const validatorKeys = (process.env.HYPERLANE_VALIDATOR_KEYS?.split(",") ?? [7, 8, 9].map(devPrivateKey)).map(
  (k) => k.trim() as Hex,
);
const pollMs = Number(process.env.RELAY_POLL_MS ?? 1_000);

const config = readRelayConfig(configPath);
const chains: RelayChain[] = config.chains.map((c) => {
  const chain = defineChain({
    id: c.chainId,
    name: c.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [c.rpcUrl] } },
  });
  const transport = http(c.rpcUrl);
  return {
    name: c.name,
    domain: c.chainId,
    publicClient: createPublicClient({ chain, transport }) as PublicClient,
    walletClient: createWalletClient({ chain, transport, account: privateKeyToAccount(relayerKey) }),
    mailbox: c.mailbox,
    merkleTreeHook: c.merkleTreeHook,
    fromBlock: BigInt(c.fromBlock),
  };
});
const origins = Object.fromEntries(chains.map((c) => [c.domain, c.publicClient]));
const relayer = new Relayer({
  chains,
  validators: validatorKeys.map((k) => new Validator(k, origins)),
  cursorPath,
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
});

console.log(`Relaying between ${chains.map((c) => `${c.name} (${c.domain})`).join(" and ")}; cursor ${cursorPath}`);
relayer.start(pollMs);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log("Stopping after this round…");
    void relayer.stop().then(() => process.exit(0));
  });
}
