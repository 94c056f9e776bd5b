/**
 * Two local chains with Hyperlane, for `npm run relay` and for trying the cross-chain eBL by hand: starts two anvil
 * nodes on 127.0.0.1, Shanghai (chain id 7777) and Hong Kong (8888), deploys Hyperlane's core on each (Mailbox,
 * MerkleTreeHook, zero ProtocolFee, a message-id multisig ISM of anvil's development accounts 7, 8 and 9 with
 * threshold 2; deployer: development account 0), writes .hyperlane/relay.json (HYPERLANE_RELAY_CONFIG elsewhere)
 * and keeps the nodes running until Ctrl-C.
 *
 *   npx hardhat build && npm run hyperlane:local
 */
import path from "node:path";

import { createPublicClient, createWalletClient, defineChain, http, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { startAnvil } from "./lib/anvil.js";
import { deployHyperlaneCore, relayChainConfig, writeRelayConfig } from "./lib/hyperlane/deploy.js";
import { devPrivateKey } from "./lib/hyperlane/validator.js";

const configPath = path.resolve(process.env.HYPERLANE_RELAY_CONFIG ?? ".hyperlane/relay.json");
const validators = [7, 8, 9].map((i) => privateKeyToAccount(devPrivateKey(i)).address);

const sides = [
  { name: "Shanghai", chainId: 7777 },
  { name: "Hong Kong", chainId: 8888 },
];
const nodes = await Promise.all(sides.map((s) => startAnvil({ chainId: s.chainId })));
const entries = [];
for (const [i, side] of sides.entries()) {
  const node = nodes[i]!;
  const chain = defineChain({
    id: side.chainId,
    name: side.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [node.url] } },
  });
  const transport = http(node.url);
  const core = await deployHyperlaneCore(
    {
      publicClient: createPublicClient({ chain, transport }) as PublicClient,
      walletClient: createWalletClient({ chain, transport, account: privateKeyToAccount(devPrivateKey(0)) }),
    },
    { validators, threshold: 2 },
  );
  console.log(`${side.name} (${side.chainId}) at ${node.url}: Mailbox ${core.mailbox}, ISM ${core.ism}`);
  entries.push(relayChainConfig(side.name, node.url, core));
}
writeRelayConfig(configPath, { chains: entries });
console.log(`Wrote ${configPath}. Run \`npm run relay\` in another terminal; Ctrl-C here stops the nodes.`);

const stop = () => void Promise.all(nodes.map((n) => n.stop())).then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
