/**
 * The CargoRails module with a cross-chain transport (`crossChain.hyperlane` in the plan), and the cross-chain
 * deployment library (scripts/lib/crosschain.ts) on two in-process chains (chain ids 7777 and 31337): Hyperlane's
 * real core on each, the rails deployed by Ignition with the Hyperlane adapter, the two sides connected, and an eBL
 * carried from one to the other by the TypeScript relayer.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, type Address } from "viem";

import { loadDeploymentPlan } from "../../ignition/plan.js";
import { functionRoles, platformRoles, whereIs } from "../../sdk/src/index.js";
import { connectSides, createRelayer, deploySide, railsOn, type CrossChainSide } from "../../scripts/lib/crosschain.js";
import { handOver } from "../../scripts/lib/deployment.js";
import { addressToBytes32 } from "../../scripts/lib/hyperlane/message.js";
import { devPrivateKey } from "../../scripts/lib/hyperlane/validator.js";
import { storyPlan } from "../../scripts/lib/story.js";
import { demoTransportDocument } from "../../scripts/lib/transport-document.js";

const validators = [7, 8, 9].map(devPrivateKey);
const plan = loadDeploymentPlan("localhost");
const shanghaiConnection = await network.create({ override: { chainId: 7777 } });
const hongKongConnection = await network.create();

describe("Ignition: the CargoRails module with crossChain.hyperlane, deployed by scripts/lib/crosschain.ts", function () {
  this.timeout(300_000);
  const dir = mkdtempSync(path.join(tmpdir(), "cargo-rails-crosschain-"));
  let shanghai: CrossChainSide;
  let hongKong: CrossChainSide;
  let accounts: Address[];

  before(async function () {
    const stamp = Date.now();
    shanghai = await deploySide(shanghaiConnection, {
      name: "Shanghai",
      plan,
      validators,
      threshold: 2,
      deploymentId: `test-sh-${stamp}`,
    });
    hongKong = await deploySide(hongKongConnection, {
      name: "Hong Kong",
      plan,
      validators,
      threshold: 2,
      deploymentId: `test-hk-${stamp}`,
    });
    accounts = ((await hongKongConnection.provider.request({ method: "eth_accounts" })) as Address[]).map((a) =>
      getAddress(a),
    );
  });

  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it("deploys the Hyperlane adapter on the planned Mailbox and ISM, for the gateway, and sets it as the gateway's transport", async function () {
    const { ethers } = shanghaiConnection;
    expect(shanghai.chainId).to.equal(7777);
    const adapter = await ethers.getContractAt("HyperlaneTransport", shanghai.deployment.hyperlaneTransport);
    const gateway = await ethers.getContractAt("EblGateway", shanghai.deployment.eblGateway);
    expect(await adapter.mailbox()).to.equal(shanghai.hyperlane.mailbox);
    expect(await adapter.interchainSecurityModule()).to.equal(shanghai.hyperlane.ism);
    expect(await adapter.gateway()).to.equal(shanghai.deployment.eblGateway);
    expect(await adapter.authority()).to.equal(shanghai.deployment.accessManager);
    expect(await gateway.transport()).to.equal(shanghai.deployment.hyperlaneTransport);
    expect(await gateway.isTrustedTransport(shanghai.deployment.hyperlaneTransport)).to.equal(true);
  });

  it("assigns the adapter's enrolment and ISM to CROSS-CHAIN ADMIN", async function () {
    const manager = await shanghaiConnection.ethers.getContractAt(
      "RailsAccessManager",
      shanghai.deployment.accessManager,
    );
    const lines = functionRoles("hyperlaneTransport");
    expect(lines.map((l) => l.label)).to.deep.equal(["CROSS-CHAIN ADMIN"]);
    for (const selector of lines[0]!.selectors) {
      expect(await manager.getTargetFunctionRole(shanghai.deployment.hyperlaneTransport, selector)).to.equal(
        platformRoles.crossChain.ADMIN.id,
      );
    }
  });

  it("connects the two sides: each adapter enrols the other's for its chain id", async function () {
    await connectSides(shanghai, hongKong);
    const adapterOf = (side: CrossChainSide, connection: typeof shanghaiConnection) =>
      connection.ethers.getContractAt("HyperlaneTransport", side.deployment.hyperlaneTransport);
    const sh = await adapterOf(shanghai, shanghaiConnection);
    const hk = await adapterOf(hongKong, hongKongConnection);
    expect(await sh.remoteAdapter(hongKong.chainId)).to.equal(
      addressToBytes32(getAddress(hongKong.deployment.hyperlaneTransport)),
    );
    expect(await hk.remoteAdapter(shanghai.chainId)).to.equal(
      addressToBytes32(getAddress(shanghai.deployment.hyperlaneTransport)),
    );
  });

  it("carries an eBL issued on one side to the other with the relayer: exported there, live here", async function () {
    const [, , carrier, exporter, importer] = accounts;
    const document = demoTransportDocument({
      reference: "OSLU26SHA0900",
      toOrder: true,
      shippedOnBoardDate: "2026-11-20",
      container: "OSLU4470900",
      declaredValueHkd: "1.00",
    });
    const { tokenId } = await railsOn(shanghai, carrier).ebl.issue({ document, shipper: exporter! });
    const input = { tokenId, destinationChainId: hongKong.chainId, receiver: importer! };
    const fee = await railsOn(shanghai).crossChain.quoteExport(input);
    await (await railsOn(shanghai, exporter).crossChain.exportBill({ ...input, value: fee })).wait();
    const relayer = createRelayer([shanghai, hongKong], {
      validators,
      cursorPath: path.join(dir, "cursor.json"),
      retryDelayMs: 0,
    });
    const round = await relayer.runOnce();
    expect([round.delivered.length, round.failed]).to.deep.equal([1, []]);
    const where = await whereIs(tokenId, [railsOn(shanghai), railsOn(hongKong)]);
    expect(where.liveOn).to.equal(hongKong.chainId);
    expect(where.chains.map((c) => [c.chainId, c.status, c.holder])).to.deep.equal([
      [shanghai.chainId, "exported", null],
      [hongKong.chainId, "issued", importer],
    ]);
  });

  it("hands over: the deployer renounces CROSS-CHAIN ADMIN and can no longer enrol an adapter", async function () {
    const { ethers } = hongKongConnection;
    const [deployer] = await ethers.getSigners();
    const steps = await handOver(hongKongConnection, hongKong.deployment, plan, deployer!);
    expect(steps.map((s) => `${s.action} ${s.role}`)).to.include("renounce CROSS-CHAIN ADMIN");
    const adapter = await ethers.getContractAt("HyperlaneTransport", hongKong.deployment.hyperlaneTransport);
    await expect(adapter.enrollRemote(1n, addressToBytes32(deployer!.address as Address)))
      .to.be.revertedWithCustomError(adapter, "AccessManagedUnauthorized")
      .withArgs(deployer!.address);
  });
});

describe("The demo's two plans follow the home-chain policy", function () {
  it("the carrier is an issuer on the Shanghai chain only, and a verified carrier on both; the exporter is verified on Shanghai", function () {
    const shanghaiPlan = loadDeploymentPlan("shanghai");
    const hongKongPlan = storyPlan(loadDeploymentPlan("localhost"), { carrierIssuesHere: false });
    const carrier = plan.carriers[0]!;
    const exporter = plan.participants.find((p) => p.kinds.includes("trader") && p.jurisdiction === "CN")!.account;
    const kindsOf = (p: typeof plan, account: string) => p.participants.find((x) => x.account === account)?.kinds;
    expect(shanghaiPlan.carriers).to.deep.equal([carrier]);
    expect(hongKongPlan.carriers).to.deep.equal([]);
    expect(kindsOf(shanghaiPlan, carrier)).to.deep.equal(["carrier"]);
    expect(kindsOf(hongKongPlan, carrier)).to.deep.equal(["carrier"]);
    expect(kindsOf(shanghaiPlan, exporter)).to.deep.equal(["trader"]);
    // Single-chain deployments keep the carrier's issuer role (that chain is its home).
    expect(storyPlan(plan).carriers).to.deep.equal([carrier]);
  });
});
