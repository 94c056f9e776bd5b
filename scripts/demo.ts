/**
 * The main job, end to end: deploy the whole suite with Hardhat Ignition on two chains connected by Hyperlane, then run
 * a cross-border trade (cash against documents, then bank financing with a pledge, through the SDK; then a settlement
 * across two banks and two currencies through the interbank contracts) and print it as a narrative.
 *
 * Two chains: the Shanghai chain (chain id 7777, always Hardhat's in-process network; ignition/parameters/shanghai.json),
 * the carrier's home chain, where it issues the eBLs; and the Hong Kong chain (the selected network;
 * ignition/parameters/localhost.json without the carrier's issuer role), where they are traded and settled. Each has
 * Hyperlane's core (a message-id multisig ISM of 2 of 3 validators) and the rails with the eBL gateway and its
 * Hyperlane adapter (scripts/lib/crosschain.ts); the exporter moves each eBL to Hong Kong and an in-process relayer
 * carries the message.
 *
 *   npm run demo                          # Hardhat's in-process network (two chains)
 *
 * `npm run demo` compiles first through scripts/quiet-build.ts (solc's warnings about dependencies are printed by
 * `npx hardhat build`, not before the story), then runs this script with `--no-compile`.
 *   npm run demo -- --network localhost   # a node at http://127.0.0.1:8545 (npx hardhat node, or anvil);
 *                                         # LOCALHOST_RPC_URL=<url> for a node elsewhere
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { network } from "hardhat";
import { createPublicClient, createWalletClient, custom, getAddress, type Address, type EIP1193Provider } from "viem";

import { loadDeploymentPlan } from "../ignition/plan.js";
import { createDataProvider } from "../services/data-provider/src/provider.js";
import { chainClients, connectSides, createRelayer, deploySide } from "./lib/crosschain.js";
import { crossBankParties } from "./lib/cross-bank-act.js";
import { devPrivateKey } from "./lib/hyperlane/validator.js";
import { runTradeStory, storyParties, storyPlan } from "./lib/story.js";

/** The Shanghai chain's id (the Hong Kong chain is the selected network's). */
const SHANGHAI_CHAIN_ID = 7777;
/** The platforms' validators (development keys; `npm run hyperlane:local` uses the same), 2 of 3 to sign. */
const VALIDATORS = [7, 8, 9].map(devPrivateKey);

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
if (Number(chainId) === SHANGHAI_CHAIN_ID)
  throw new Error(`the Hong Kong chain must not be chain ${SHANGHAI_CHAIN_ID}`);
console.log(
  `Cargo Rails demo on two chains: Shanghai (chain ${SHANGHAI_CHAIN_ID}, Hardhat's in-process network) and Hong Kong (chain ${chainId}, ${where})`,
);

// Shanghai: the carrier's home chain, where it holds the issuer role; the exporter is verified there.
process.stdout.write(
  "\n▸ Deploying Hyperlane and the rails on the Shanghai chain (ignition/parameters/shanghai.json) …",
);
const shanghaiConnection = await network.create({ network: "default", override: { chainId: SHANGHAI_CHAIN_ID } });
const shanghai = await deploySide(shanghaiConnection, {
  name: "Shanghai",
  plan: loadDeploymentPlan("shanghai"),
  validators: VALIDATORS,
  threshold: 2,
  deploymentId: `demo-${SHANGHAI_CHAIN_ID}-${Date.now()}`,
});
console.log(" done");
console.log(`  ParticipantRegistry    ${shanghai.deployment.participantRegistry}`);
console.log(`  BillOfLadingRegistry   ${shanghai.deployment.eblRegistry}`);
console.log(`  EblGateway             ${shanghai.deployment.eblGateway}`);
console.log(`  HyperlaneTransport     ${shanghai.deployment.hyperlaneTransport}`);
console.log(`  Hyperlane Mailbox      ${shanghai.hyperlane.mailbox} (ISM: 2 of 3 validators)`);

// Hong Kong: the platform with its carrier, banks and regulator; the traders are verified during the story. The
// carrier is verified here but issues on its home chain only (docs/deploying.md, "Home chain").
const plan = storyPlan(loadDeploymentPlan("localhost"), { carrierIssuesHere: false });
process.stdout.write(
  "\n▸ Deploying Hyperlane and the suite on the Hong Kong chain with Hardhat Ignition (ignition/modules/CargoRails.ts) …",
);
const hongKong = await deploySide(connection, {
  name: "Hong Kong",
  plan,
  validators: VALIDATORS,
  threshold: 2,
  deploymentId: `demo-${chainId}-${Date.now()}`,
});
const deployment = hongKong.deployment;
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
console.log(`  EblGateway             ${deployment.eblGateway}`);
console.log(`  HyperlaneTransport     ${deployment.hyperlaneTransport}`);
console.log(`  TradeDocumentRegistry  ${deployment.tradeDocumentRegistry}`);
console.log(`  DocumentsCondition     ${deployment.documentsCondition}`);
console.log(`  ConsentRegistry        ${deployment.consentRegistry}`);
console.log(`  DocumentaryCredits     ${deployment.documentaryCredits}`);
console.log(`  TrustReceipts          ${deployment.trustReceipts}`);
console.log(`  DocumentsAgainstAcceptance ${deployment.documentsAgainstAcceptance}`);
console.log(`  PaymentObligations     ${deployment.paymentObligations}`);
console.log(`  Hyperlane Mailbox      ${hongKong.hyperlane.mailbox} (ISM: 2 of 3 validators)`);

process.stdout.write("\n▸ Connecting the two chains: each Hyperlane adapter enrols the other's …");
await connectSides(shanghai, hongKong);
console.log(" done");
const cursorDir = mkdtempSync(path.join(tmpdir(), "cargo-rails-demo-relayer-"));
process.once("exit", () => rmSync(cursorDir, { recursive: true, force: true }));
// The story's relayer (development account 8) pays for the deliveries.
const relayer = createRelayer([shanghai, hongKong], {
  validators: VALIDATORS,
  cursorPath: path.join(cursorDir, "cursor.json"),
  relayerKey: devPrivateKey(8),
});
const shanghaiClients = chainClients(shanghaiConnection, SHANGHAI_CHAIN_ID, "Shanghai");

const transport = custom(provider, { retryCount: 0 });

// The data provider the exporter deposits its trade documents with: the real service (services/data-provider), on
// 127.0.0.1 at a free port, its SQLite store in a temporary directory, reaching the in-process Hong Kong chain
// directly; development account 13 records the accesses.
const providerDir = mkdtempSync(path.join(tmpdir(), "cargo-rails-demo-provider-"));
const dataProvider = await createDataProvider(
  {
    rpcUrl: "in-process",
    chainId: Number(chainId),
    consentRegistry: getAddress(deployment.consentRegistry),
    tradeDocumentRegistry: getAddress(deployment.tradeDocumentRegistry),
    privateKey: devPrivateKey(13),
    host: "127.0.0.1",
    port: 0,
    database: path.join(providerDir, "provider.sqlite"),
    maxDocumentBytes: 10 * 1024 * 1024,
    logLevel: "silent",
  },
  { transport },
);
const dataProviderUrl = await dataProvider.start();
console.log(`\n▸ The data provider (services/data-provider) listens on ${dataProviderUrl}`);
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
    eblGateway: getAddress(deployment.eblGateway),
    tradeDocumentRegistry: getAddress(deployment.tradeDocumentRegistry),
    documentsCondition: getAddress(deployment.documentsCondition),
    consentRegistry: getAddress(deployment.consentRegistry),
  },
  parties,
  documents: {
    parties: { originAuthority: accounts[12]! },
    dataProvider: { url: dataProviderUrl, account: dataProvider.chain.provider },
  },
  originChain: {
    name: "Shanghai",
    publicClient: shanghaiClients.publicClient,
    walletFor: (account: Address) => shanghaiClients.walletFor(account),
    addresses: shanghai.addresses,
    relay: () => relayer.runOnce(),
  },
  crossBank: {
    addresses: {
      interbankPayments: getAddress(deployment.interbankPayments),
      crossBankSettlement: getAddress(deployment.crossBankSettlement),
      deposits: { HKD: getAddress(deployment.deposits.HKD!), CNH: getAddress(deployment.deposits.CNH!) },
      reserves: { HKD: getAddress(deployment.reserves.HKD!), CNH: getAddress(deployment.reserves.CNH!) },
    },
    parties: crossBankParties(accounts),
  },
  tradeFinance: {
    addresses: {
      trustReceipts: getAddress(deployment.trustReceipts),
      paymentObligations: getAddress(deployment.paymentObligations),
      documentsAgainstAcceptance: getAddress(deployment.documentsAgainstAcceptance),
      documentaryCredits: getAddress(deployment.documentaryCredits),
    },
    discounter: crossBankParties(accounts).cnBank,
  },
  log: (line) => {
    if (progress) process.stderr.write("\r\x1b[2K");
    console.log(line);
  },
  progress,
});

await dataProvider.stop();
rmSync(providerDir, { recursive: true, force: true });
