import { expect } from "chai";
import { createHardhatRuntimeEnvironment } from "hardhat/hre";

import userConfig from "../../hardhat.config.js";

import { DeploymentPlanError, handoverCommand, loadDeploymentPlan, planNameFor } from "../../ignition/plan.js";

describe("Deployment scripts: which plan, and the handover hint", function () {
  it("takes the plan from CARGO_RAILS_PLAN, else the network's name, and localhost for the in-process network", function () {
    expect(planNameFor("sepolia", {})).to.equal("sepolia");
    expect(planNameFor("default", {})).to.equal("localhost");
    expect(planNameFor("custom", { CARGO_RAILS_PLAN: "hk-pilot" })).to.equal("hk-pilot");
    expect(planNameFor("default", { CARGO_RAILS_PLAN: "hk-pilot" })).to.equal("hk-pilot");
  });

  it("the hint after a deployment with CARGO_RAILS_PLAN names that plan, which the handover then loads", function () {
    // Deployed to the custom network with the localhost plan: the handover must not look for ignition/parameters/custom.json.
    expect(() => loadDeploymentPlan("custom")).to.throw(DeploymentPlanError, /custom\.json/);
    const hint = handoverCommand("custom", "localhost");
    expect(hint).to.equal("CARGO_RAILS_PLAN=localhost npm run handover -- --network custom");
    const [, plan] = /^CARGO_RAILS_PLAN=(\S+) /.exec(hint)!;
    expect(loadDeploymentPlan(planNameFor("custom", { CARGO_RAILS_PLAN: plan })).admin).to.match(/^0x/);
  });

  it("the hint names no plan when the handover finds it by the network's name", function () {
    expect(handoverCommand("sepolia", "sepolia")).to.equal("npm run handover -- --network sepolia");
    expect(handoverCommand("localhost", "localhost")).to.equal("npm run handover -- --network localhost");
  });
});

describe("Hardhat config: --network localhost", function () {
  let saved: string | undefined;
  beforeEach(function () {
    saved = process.env.LOCALHOST_RPC_URL;
  });
  afterEach(function () {
    if (saved === undefined) delete process.env.LOCALHOST_RPC_URL;
    else process.env.LOCALHOST_RPC_URL = saved;
  });

  /** The URL `--network localhost` connects to, resolved by a fresh Hardhat runtime (values are cached per runtime). */
  async function localhostUrl(): Promise<string> {
    const hre = await createHardhatRuntimeEnvironment(userConfig);
    const localhost = hre.config.networks.localhost;
    if (localhost?.type !== "http") throw new Error("localhost is not an http network");
    return localhost.url.get();
  }

  it("connects to http://127.0.0.1:8545 when LOCALHOST_RPC_URL is not set", async function () {
    delete process.env.LOCALHOST_RPC_URL;
    expect(await localhostUrl()).to.equal("http://127.0.0.1:8545");
  });

  it("takes its URL from the LOCALHOST_RPC_URL configuration variable", async function () {
    process.env.LOCALHOST_RPC_URL = "http://10.0.0.7:9545";
    expect(await localhostUrl()).to.equal("http://10.0.0.7:9545");
  });
});
