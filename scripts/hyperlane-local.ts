/**
 * Two local chains with Hyperlane and the rails, for `npm run relay` and for trying the cross-chain eBL by hand:
 * starts two anvil nodes on 127.0.0.1, Shanghai (chain id 7777) and Hong Kong (8888), and deploys on each, with
 * scripts/lib/crosschain.ts (`deploySide`), Hyperlane's core (Mailbox, MerkleTreeHook, zero ProtocolFee, a message-id
 * multisig ISM of anvil's development accounts 7, 8 and 9 with threshold 2) and the rails from
 * ignition/parameters/localhost.json with the EblGateway and its HyperlaneTransport; then enrols each adapter as the
 * other's remote (`connectSides`). The carrier issues on Shanghai, its home chain, only: on Hong Kong it is a verified
 * carrier without the issuer role (docs/deploying.md, "Home chain"). Unlike the demo's Shanghai chain
 * (ignition/parameters/shanghai.json: the carrier and the exporter), both chains verify every participant of
 * localhost.json, so that an eBL can also come back to Shanghai with the importer or a bank as its holder.
 *
 * It writes .hyperlane/relay.json (HYPERLANE_RELAY_CONFIG elsewhere), which `npm run relay` reads, and
 * .hyperlane/rails.json next to it (each chain's RPC URL and the addresses to give `createCargoRails`), removes the
 * relayer's cursor of earlier runs (HYPERLANE_CURSOR, default .hyperlane/relayer-cursor.json: these are new chains),
 * prints the addresses, and keeps the nodes running until Ctrl-C, which stops them and removes their Ignition
 * deployment folders (ignition/deployments/local-<chain id>).
 *
 *   npx hardhat build && npm run hyperlane:local
 *   npm run relay      # in another terminal
 */
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { loadDeploymentPlan } from "../ignition/plan.js";
import { startAnvil } from "./lib/anvil.js";
import { connectSides, deploySide } from "./lib/crosschain.js";
import { relayChainConfig, writeRelayConfig } from "./lib/hyperlane/deploy.js";
import { devPrivateKey } from "./lib/hyperlane/validator.js";

const configPath = path.resolve(process.env.HYPERLANE_RELAY_CONFIG ?? ".hyperlane/relay.json");
const railsPath = path.join(path.dirname(configPath), "rails.json");
const cursorPath = path.resolve(process.env.HYPERLANE_CURSOR ?? ".hyperlane/relayer-cursor.json");
const validators = [7, 8, 9].map(devPrivateKey);

const plan = loadDeploymentPlan("localhost");
const sides = [
  { name: "Shanghai", chainId: 7777, plan },
  { name: "Hong Kong", chainId: 8888, plan: { ...plan, carriers: [] } }, // the carrier's home chain is Shanghai
];
const deploymentDir = (chainId: number) => path.resolve("ignition/deployments", `local-${chainId}`);
// New chains: an Ignition journal or a relayer cursor of an earlier run would describe chains that are gone.
for (const s of sides) rmSync(deploymentDir(s.chainId), { recursive: true, force: true });
rmSync(cursorPath, { force: true });

const nodes = await Promise.all(sides.map((s) => startAnvil({ chainId: s.chainId })));
const stop = () =>
  void Promise.all(nodes.map((n) => n.stop())).then(() => {
    for (const s of sides) rmSync(deploymentDir(s.chainId), { recursive: true, force: true });
    process.exit(0);
  });
process.once("SIGINT", stop);
process.once("SIGTERM", stop);

try {
  const [shanghai, hongKong] = await Promise.all(
    sides.map((s, i) =>
      deploySide(nodes[i]!.url, {
        name: s.name,
        plan: s.plan,
        validators,
        threshold: 2,
        deploymentId: `local-${s.chainId}`,
      }),
    ),
  );
  await connectSides(shanghai!, hongKong!);

  const deployed = [shanghai!, hongKong!];
  writeRelayConfig(configPath, {
    chains: deployed.map((side, i) => relayChainConfig(side.name, nodes[i]!.url, side.hyperlane)),
  });
  const rails = deployed.map((side, i) => ({
    name: side.name,
    chainId: side.chainId,
    rpcUrl: nodes[i]!.url,
    addresses: side.addresses,
  }));
  writeFileSync(railsPath, `${JSON.stringify({ chains: rails }, null, 2)}\n`);
  for (const [i, side] of deployed.entries()) {
    console.log(`\n${side.name} (chain id ${side.chainId}) at ${nodes[i]!.url}`);
    console.log(`  Mailbox ${side.hyperlane.mailbox}, ISM ${side.hyperlane.ism} (validators 7, 8, 9; threshold 2)`);
    console.log(`  EblGateway ${side.addresses.eblGateway}, HyperlaneTransport ${side.deployment.hyperlaneTransport}`);
    console.log(`  SDK: createCargoRails({ publicClient, walletClient, addresses }) with addresses =`);
    console.log(JSON.stringify(side.addresses, null, 2).replace(/^/gm, "    "));
  }
  console.log(`\nWrote ${configPath} (for \`npm run relay\`) and ${railsPath} (each chain's URL and addresses).`);
  console.log("Run `npm run relay` in another terminal; Ctrl-C here stops the nodes.");
} catch (error) {
  console.error(error);
  stop();
}
