/**
 * End to end on a real JSON-RPC node: anvil runs as a separate process on 127.0.0.1 at a free port; the suite is
 * deployed with the Ignition module over HTTP exactly as an integrator deploys it, the demo's trade runs through the
 * SDK over HTTP, and every outcome is checked. The node is stopped (even when a test fails) and its temporary state
 * and deployment journal removed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import hre, { network } from "hardhat";
import { createPublicClient, createWalletClient, getAddress, http, type Address, type PublicClient } from "viem";

import { loadDeploymentPlan } from "../../ignition/plan.js";
import { RpcConnectionError, createCargoRails, type CargoRailsAddresses } from "../../sdk/src/index.js";
import { addressesFromIgnition } from "../../sdk/src/node.js";
import { startAnvil, type AnvilNode } from "../../scripts/lib/anvil.js";
import { deployCargoRails, type CargoRailsDeployment } from "../../scripts/lib/deployment.js";
import {
  runTradeStory,
  storyParties,
  storyPlan,
  type StoryOutcome,
  type StoryParties,
} from "../../scripts/lib/story.js";
import { crossBankParties, type CrossBankParties } from "../../scripts/lib/cross-bank-act.js";
import { REPO_ROOT } from "../helpers/dcsa.js";

describe("End to end on an anvil node over HTTP", function () {
  this.timeout(180_000);

  const plan = storyPlan(loadDeploymentPlan("localhost"));
  const stateDir = mkdtempSync(path.join(tmpdir(), "cargo-rails-e2e-"));
  const statePath = path.join(stateDir, "anvil-state.json");
  let node: AnvilNode | undefined;
  let deploymentId = "";
  let deployment: CargoRailsDeployment;
  let addresses: CargoRailsAddresses & { deposits: { HKD: Address } };
  let parties: StoryParties;
  let crossParties: CrossBankParties;
  let outcome: StoryOutcome;

  const clients = (url: string) => {
    const transport = http(url, { retryCount: 0, timeout: 5_000 });
    const publicClient: PublicClient = createPublicClient({ transport, pollingInterval: 50 });
    return {
      publicClient,
      walletFor: (account: Address) => createWalletClient({ account, transport, pollingInterval: 50 }),
    };
  };
  const railsAs = (account: Address | undefined) => {
    const { publicClient, walletFor } = clients(node!.url);
    return createCargoRails({ publicClient, walletClient: account ? walletFor(account) : undefined, addresses });
  };

  before(async function () {
    // Coverage instruments the contracts beyond the 24 KiB size limit a real node enforces, and it measures only the
    // in-process network anyway: this suite runs in `npm test`, not in `npm run coverage`.
    if (hre.globalOptions.coverage) this.skip();
    node = await startAnvil({ statePath });
    deploymentId = `e2e-${node.port}`;
    const connection = await network.create({ network: "localhost", override: { url: node.url } });
    deployment = await deployCargoRails(connection, plan, { deploymentId });
    const accounts = await createWalletClient({ transport: http(node.url) }).getAddresses();
    parties = storyParties(accounts.map((a) => getAddress(a)));
    crossParties = crossBankParties(accounts.map((a) => getAddress(a)));
  });

  after(async function () {
    await node?.stop();
    rmSync(stateDir, { recursive: true, force: true });
    if (deploymentId)
      rmSync(path.join(REPO_ROOT, "ignition/deployments", deploymentId), { recursive: true, force: true });
  });

  it("deploys with Ignition over HTTP and writes the addresses file the SDK reads", async function () {
    const read = await addressesFromIgnition(path.join(REPO_ROOT, "ignition/deployments", deploymentId));
    expect(read.participantRegistry).to.equal(getAddress(deployment.participantRegistry));
    expect(read.eblRegistry).to.equal(getAddress(deployment.eblRegistry));
    expect(read.signedSettlement).to.equal(getAddress(deployment.signedSettlement));
    expect(read.escrowedDeals).to.equal(getAddress(deployment.escrowedDeals));
    expect(read.depositRail).to.equal(getAddress(deployment.depositRail));
    // The eBL gateway, deployed on every network under the future id the SDK looks for (CargoRails#EblGateway).
    expect(read.eblGateway).to.equal(getAddress(deployment.eblGateway));
    expect(read.deposits).to.deep.equal({
      HKD: getAddress(deployment.deposits.HKD!),
      CNH: getAddress(deployment.deposits.CNH!),
    });
    addresses = { ...read, deposits: { HKD: read.deposits!.HKD! } };
    const rails = railsAs(undefined);
    for (const contract of [addresses.signedSettlement!, addresses.escrowedDeals!, addresses.depositRail!]) {
      expect(await rails.participants.isVerifiedAs(contract, ["settlement"])).to.equal(true);
    }
    for (const way of ["signed", "escrowed"] as const) {
      expect(await rails.settlement.paymentRailOf("HKD", { way })).to.equal(addresses.depositRail);
    }
  });

  it("reads each contract's deployment block from the Ignition journal: code there, none in the block before", async function () {
    const read = await addressesFromIgnition(path.join(REPO_ROOT, "ignition/deployments", deploymentId));
    const blocks = read.deployBlocks!;
    const { publicClient } = clients(node!.url);
    const contracts: [Address, bigint | undefined][] = [
      [read.participantRegistry, blocks.participantRegistry],
      [read.eblRegistry!, blocks.eblRegistry],
      [read.signedSettlement!, blocks.signedSettlement],
      [read.escrowedDeals!, blocks.escrowedDeals],
      [read.depositRail!, blocks.depositRail],
      [read.deposits!.HKD!, blocks.deposits?.HKD],
    ];
    for (const [address, block] of contracts) {
      expect(block, address).to.be.a("bigint");
      expect(await publicClient.getCode({ address, blockNumber: block! })).to.match(/^0x[0-9a-f]{2,}$/);
      expect(await publicClient.getCode({ address, blockNumber: block! - 1n })).to.be.oneOf([undefined, "0x"]);
    }
    // The client starts ebl.history there.
    const rails = createCargoRails({ publicClient, addresses: read });
    expect((await rails.ebl.history(1n)).fromBlock).to.equal(blocks.eblRegistry);
  });

  it("runs the demo's trade through the SDK and leaves every party where the story says", async function () {
    const lines: string[] = [];
    const crossBank = {
      addresses: {
        interbankPayments: getAddress(deployment.interbankPayments),
        crossBankSettlement: getAddress(deployment.crossBankSettlement),
        deposits: { HKD: getAddress(deployment.deposits.HKD!), CNH: getAddress(deployment.deposits.CNH!) },
        reserves: { HKD: getAddress(deployment.reserves.HKD!), CNH: getAddress(deployment.reserves.CNH!) },
      },
      parties: crossParties,
    };
    outcome = await runTradeStory({
      ...clients(node!.url),
      addresses,
      parties,
      crossBank,
      log: (line) => lines.push(line),
    });
    const rails = railsAs(undefined);
    const hkd = rails.deposits.HKD;

    // Money: the exporter was paid twice (250 000 by the importer, 180 000 advanced by the bank); the bank was repaid.
    expect(outcome.balances).to.deep.equal({ exporter: 43_000_000n, importer: 0n, hkBank: 18_150_000n });
    expect(await hkd.balanceOf(parties.exporter)).to.equal("430000.00");
    expect(await hkd.totalSupply()).to.equal("611500.00"); // 250 000 + 180 000 + 181 500 minted
    expect(await rails.settlement.escrowedBalance("HKD")).to.equal("0.00");

    // Title documents: both delivered and accomplished, nothing left with the settlement contract.
    for (const tokenId of Object.values(outcome.tokenIds)) {
      expect(await rails.ebl.status(tokenId)).to.equal("accomplished");
      expect(await rails.ebl.holder(tokenId)).to.equal(null);
    }

    // Every settlement transaction emitted exactly one Settled event for its eBL, from SignedSettlement.
    const { publicClient } = clients(node!.url);
    const settledTokens: bigint[] = [];
    for (const hash of outcome.settlements) {
      const receipt = await publicClient.getTransactionReceipt({ hash });
      expect(receipt.status).to.equal("success");
      const settled = rails.settlement.settledEvents(receipt);
      expect(settled.map((e) => e.way)).to.deep.equal(["signed"]);
      settledTokens.push(settled[0]!.tokenId);
    }
    const { cashAgainstDocuments: a, financed: b } = outcome.tokenIds;
    expect(settledTokens).to.deep.equal([a, b, b]);

    // The endorsement chains, from events: who held and who had title after each step.
    const steps = (h: StoryOutcome["histories"]["financed"]) =>
      h.entries.map((e) => [e.action, e.holder, e.titleHolder]);
    expect(steps(outcome.histories.cashAgainstDocuments)).to.deep.equal([
      ["ISSUE", parties.exporter, parties.exporter],
      ["ENDORSE", parties.importer, parties.importer],
      ["SURRENDER_FOR_DELIVERY", parties.carrier, parties.importer],
      ["SURRENDER_ACCEPTED", null, null], // accomplished: burned, no holder and no title left
    ]);
    expect(steps(outcome.histories.financed)).to.deep.equal([
      ["ISSUE", parties.exporter, parties.exporter],
      ["ENDORSE", parties.exporter, parties.importer], // title to the importer, possession still with the exporter…
      ["TRANSFER", parties.hkBank, parties.importer], // …then to the bank as pledgee, in the same settlement
      ["TRANSFER", parties.importer, parties.importer], // repayment: possession to the importer
      ["SURRENDER_FOR_DELIVERY", parties.carrier, parties.importer],
      ["SURRENDER_ACCEPTED", null, null], // accomplished: burned, no holder and no title left
    ]);
    // Who acted in law, and the settlement contract that submitted for them: the pledge as a banker reads it.
    const acts = (h: StoryOutcome["histories"]["financed"]) =>
      h.entries.map((e) => [e.action, e.actor, e.operator, e.to]);
    expect(acts(outcome.histories.financed).slice(0, 4)).to.deep.equal([
      ["ISSUE", parties.carrier, null, parties.exporter],
      ["ENDORSE", parties.exporter, addresses.signedSettlement, parties.importer], // the exporter endorses to the importer…
      ["TRANSFER", parties.exporter, addresses.signedSettlement, parties.hkBank], // …and delivers to the bank, its pledgee
      ["TRANSFER", parties.hkBank, addresses.signedSettlement, parties.importer], // the bank releases the eBL on repayment
    ]);
    const text = lines.join("\n");
    expect(text).to.include("DCSA endorsement chain: ISSUE → ENDORSE → TRANSFER → SURRENDER_FOR_DELIVERY → SACC");
    expect(text).to.include("4 registry events, 5 DCSA actions: the endorse-and-deliver is two (ENDORSE + TRANSFER)");

    // Act 3, across banks and currencies on the node: HKD 500 000 burned at Harbour Bank, CNH 460 750 (at 0.9215)
    // minted at Pudong Bank, both legs in reserves through the dealer, the eBL with the importer, in one transaction.
    const cross = outcome.crossBank!;
    const change = Object.fromEntries(cross.balances.map((b) => [b.label, b.after - b.before]));
    expect(change).to.deep.equal({
      "Kowloon Trading (importer), HKD at Harbour Bank": -50_000_000n,
      "Shanghai Silk Export (exporter), CNH at Pudong Bank": 46_075_000n,
      "Harbour Bank, HKD reserves": -50_000_000n,
      "Pudong Bank, CNH reserves": 46_075_000n,
      "Lantau FX Bank (dealer), HKD reserves": 50_000_000n,
      "Lantau FX Bank (dealer), CNH reserves": -46_075_000n,
      "supply: HKD deposits (Harbour Bank)": -50_000_000n,
      "supply: CNH deposits (Pudong Bank)": 46_075_000n,
      "supply: HKD reserves": 0n,
      "supply: CNH reserves": 0n,
    });
    expect(await rails.ebl.holder(cross.tokenId)).to.equal(parties.importer);
    const crossReceipt = await publicClient.getTransactionReceipt({ hash: cross.settlement });
    expect(crossReceipt.status).to.equal("success");
  });

  it("resumes a settlement after the node is stopped mid-flow and restarted with its state", async function () {
    const url = node!.url;
    const carrier = railsAs(parties.carrier);
    const bank = railsAs(parties.hkBank);
    const document = { hash: ("0x" + "ab".repeat(32)) as `0x${string}` };
    const { tokenId, wait } = await carrier.ebl.issue({
      shipper: parties.exporter,
      transportDocumentReference: "OSLU26SHA0003",
      kind: "toOrder",
      titleHolder: parties.exporter,
      documentHash: document.hash,
    });
    await wait();
    await (
      await bank.deposits.HKD.mint({ to: parties.importer, amount: "1000.00", bankReference: "DEP-2026-0003" })
    ).wait();

    // The parties sign while the node runs…
    const relayer = railsAs(parties.relayer);
    const terms = await relayer.settlement.prepare({
      tokenId,
      paymentToken: "HKD",
      amount: "1000.00",
      seller: parties.exporter,
      buyer: parties.importer,
    });
    const seller = await railsAs(parties.exporter).settlement.signAsSeller(terms);
    const buyer = await railsAs(parties.importer).settlement.signAsBuyer(terms);

    // …the node goes down (anvil writes its state on exit): the SDK says so, and nothing was sent.
    await node!.stop();
    const error = await relayer.settlement.settle({ terms, ...seller, ...buyer }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RpcConnectionError);
    expect((error as RpcConnectionError).message).to.include(url.replace("http://", ""));

    // Restarted on the same port with its state, the same signatures settle.
    node = await startAnvil({ statePath, port: node!.port });
    expect(node.url).to.equal(url);
    const { wait: settled } = await relayer.settlement.settle({ terms, ...seller, ...buyer });
    await settled();
    expect(await relayer.ebl.holder(tokenId)).to.equal(parties.importer);
    expect(await relayer.ebl.titleHolder(tokenId)).to.equal(parties.importer);
    expect(await relayer.deposits.HKD.balanceOf(parties.exporter)).to.equal("431000.00");

    // Ignition resumes from its journal: deploying again under the same id sends nothing and yields the same addresses.
    const connection = await network.create({ network: "localhost", override: { url } });
    const blockBefore = await connection.ethers.provider.getBlockNumber();
    expect(await deployCargoRails(connection, plan, { deploymentId })).to.deep.equal(deployment);
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(blockBefore);
  });
});
