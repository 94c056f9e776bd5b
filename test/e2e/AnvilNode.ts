/**
 * End to end on a real JSON-RPC node: anvil runs as a separate process on 127.0.0.1; the suite is deployed with the
 * Ignition module over HTTP exactly as an integrator deploys it, and driven through the SDK over HTTP.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import hre, { network } from "hardhat";
import { createPublicClient, http, type PublicClient } from "viem";

import { loadDeploymentPlan } from "../../ignition/plan.js";
import { RpcConnectionError, addressesFromIgnition, createCargoRails } from "../../sdk/src/index.js";
import { startAnvil, type AnvilNode } from "../../scripts/lib/anvil.js";
import { deployCargoRails, type CargoRailsDeployment } from "../../scripts/lib/deployment.js";
import { REPO_ROOT } from "../helpers/dcsa.js";

describe("End to end on an anvil node over HTTP", function () {
  this.timeout(120_000);

  const plan = loadDeploymentPlan("localhost");
  const stateDir = mkdtempSync(path.join(tmpdir(), "cargo-rails-e2e-"));
  const statePath = path.join(stateDir, "anvil-state.json");
  let node: AnvilNode | undefined;
  let deploymentId = "";
  let deployment: CargoRailsDeployment;

  const publicClientFor = (url: string): PublicClient =>
    createPublicClient({ transport: http(url, { retryCount: 0, timeout: 5_000 }), pollingInterval: 50 });

  before(async function () {
    // Coverage instruments the contracts beyond the 24 KiB size limit a real node enforces, and it measures only the
    // in-process network anyway: this suite runs in `npm test`, not in `npm run coverage`.
    if (hre.globalOptions.coverage) this.skip();
    node = await startAnvil({ statePath });
    deploymentId = `e2e-${node.port}`;
    const connection = await network.create({ network: "localhost", override: { url: node.url } });
    deployment = await deployCargoRails(connection, plan, { deploymentId });
  });

  after(async function () {
    await node?.stop();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(path.join(REPO_ROOT, "ignition/deployments", deploymentId), { recursive: true, force: true });
  });

  it("deploys with Ignition and writes the addresses file the SDK reads", async function () {
    const addresses = await addressesFromIgnition(path.join(REPO_ROOT, "ignition/deployments", deploymentId));
    expect(addresses.participantRegistry).to.equal(deployment.participantRegistry);
    const rails = createCargoRails({ publicClient: publicClientFor(node!.url), addresses });
    for (const p of plan.participants)
      expect(await rails.participants.isVerified(p.account as `0x${string}`)).to.equal(true);
    expect(await rails.participants.isVerifiedAs(deployment.settlement as `0x${string}`, ["settlement"])).to.equal(
      true,
    );
  });

  it("reports a stopped node as a connection error, and resumes after a restart with its state", async function () {
    const url = node!.url;
    const rails = createCargoRails({
      publicClient: publicClientFor(url),
      addresses: { participantRegistry: deployment.participantRegistry as `0x${string}` },
    });
    const carrier = plan.carriers[0] as `0x${string}`;
    expect(await rails.participants.isVerified(carrier)).to.equal(true);

    await node!.stop(); // anvil writes its state on exit
    const error = await rails.participants.isVerified(carrier).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RpcConnectionError);
    expect((error as RpcConnectionError).hint).to.match(/node|RPC|URL/i);

    node = await startAnvil({ statePath, port: node!.port });
    expect(node.url).to.equal(url);
    expect(await rails.participants.isVerified(carrier)).to.equal(true);

    // Ignition resumes from its journal: deploying again under the same id sends nothing and yields the same addresses.
    const connection = await network.create({ network: "localhost", override: { url } });
    const before = await connection.ethers.provider.getBlockNumber();
    expect(await deployCargoRails(connection, plan, { deploymentId })).to.deep.equal(deployment);
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(before);
  });
});
