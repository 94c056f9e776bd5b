/**
 * The main job, end to end: deploy the whole suite with Hardhat Ignition, then run a cross-border trade (cash against
 * documents, then bank financing with a pledge, through the SDK; then a settlement across two banks and two
 * currencies through the interbank contracts) and print it as a narrative.
 *
 *   npm run demo                          # Hardhat's in-process network
 *
 * `npm run demo` compiles first through scripts/quiet-build.ts (solc's warnings about dependencies are printed by
 * `npx hardhat build`, not before the story), then runs this script with `--no-compile`.
 *   npm run demo -- --network localhost   # a node at http://127.0.0.1:8545 (npx hardhat node, or anvil);
 *                                         # LOCALHOST_RPC_URL=<url> for a node elsewhere
 */
import { network } from "hardhat";
import { createPublicClient, createWalletClient, custom, getAddress, type Address, type EIP1193Provider } from "viem";

import { loadDeploymentPlan } from "../ignition/plan.js";
import { deployCargoRails } from "./lib/deployment.js";
import { crossBankParties } from "./lib/cross-bank-act.js";
import { runTradeStory, storyParties, storyPlan } from "./lib/story.js";

const connection = await network.create();
const provider = connection.provider as unknown as EIP1193Provider;
const chainId = (await connection.ethers.provider.getNetwork()).chainId;
const accounts = (await createWalletClient({ transport: custom(provider) }).getAddresses()).map((a) => getAddress(a));
const parties = storyParties(accounts);

// The network as a user knows it: "default" names Hardhat's in-process chain only to those who read its config. A
// node's URL is not printed: it may carry an API key.
const where =
  connection.networkConfig.type === "edr-simulated"
    ? "Hardhat's in-process network"
    : `the ${connection.networkName} network`;
console.log(`Cargo Rails demo on ${where} (chain ${chainId})`);

// The platform is deployed with its carrier, banks and regulator; the traders are verified during the story.
const plan = storyPlan(loadDeploymentPlan("localhost"));
process.stdout.write("\n▸ Deploying the suite with Hardhat Ignition (ignition/modules/CargoRails.ts) …");
const deployment = await deployCargoRails(connection, plan, { deploymentId: `demo-${chainId}-${Date.now()}` });
console.log(" done");
console.log(`  ParticipantRegistry    ${deployment.participantRegistry}`);
console.log(`  BillOfLadingRegistry   ${deployment.eblRegistry}`);
console.log(`  SignedSettlement       ${deployment.signedSettlement}`);
console.log(`  EscrowedDeals          ${deployment.escrowedDeals}`);
console.log(`  DepositRail            ${deployment.depositRail}`);
for (const [currency, address] of Object.entries(deployment.deposits)) {
  console.log(`  TokenizedDeposit ${currency}   ${address}`);
}
for (const [currency, address] of Object.entries(deployment.reserves)) {
  console.log(`  WholesaleReserve ${currency}   ${address}`);
}
console.log(`  InterbankPayments      ${deployment.interbankPayments}`);
console.log(`  CrossBankSettlement    ${deployment.crossBankSettlement}`);

const transport = custom(provider, { retryCount: 0 });
const progress = process.stderr.isTTY
  ? (done: number, total: number, label: string) => {
      const width = 24;
      const filled = Math.round((done / total) * width);
      process.stderr.write(
        `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${label.slice(0, 60).padEnd(60)}`,
      );
      if (done === total) process.stderr.write("\n");
    }
  : undefined;

await runTradeStory({
  publicClient: createPublicClient({ transport, pollingInterval: 50 }),
  walletFor: (account: Address) => createWalletClient({ account, transport, pollingInterval: 50 }),
  addresses: {
    participantRegistry: getAddress(deployment.participantRegistry),
    eblRegistry: getAddress(deployment.eblRegistry),
    signedSettlement: getAddress(deployment.signedSettlement),
    escrowedDeals: getAddress(deployment.escrowedDeals),
    deposits: { HKD: getAddress(deployment.deposits.HKD!) },
  },
  parties,
  crossBank: {
    addresses: {
      interbankPayments: getAddress(deployment.interbankPayments),
      crossBankSettlement: getAddress(deployment.crossBankSettlement),
      deposits: { HKD: getAddress(deployment.deposits.HKD!), CNH: getAddress(deployment.deposits.CNH!) },
      reserves: { HKD: getAddress(deployment.reserves.HKD!), CNH: getAddress(deployment.reserves.CNH!) },
    },
    parties: crossBankParties(accounts),
  },
  log: (line) => {
    if (progress) process.stderr.write("\r\x1b[2K");
    console.log(line);
  },
  progress,
});
