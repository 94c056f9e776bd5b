import { expect } from "chai";
import { network } from "hardhat";

import {
  DeploymentPlanError,
  MAX_DEPOSIT_SUPPLY,
  checkDeploymentPlan,
  loadDeploymentPlan,
  type DeploymentPlan,
} from "../../ignition/plan.js";
import { acceptHandover, beginHandover, deployCargoRails } from "../../scripts/lib/deployment.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const ROLE = (name: string) => ethers.id(name);

async function deployFromLocalhostPlan() {
  const plan = loadDeploymentPlan("localhost");
  const deployment = await deployCargoRails(connection, plan, { deploymentId: `test-${Date.now()}` });
  const [deployer, operator, carrier, exporter, importer, hkBank, cnBank, regulator] = await ethers.getSigners();
  return { plan, deployment, deployer, operator, carrier, exporter, importer, hkBank, cnBank, regulator };
}

describe("Ignition: the CargoRails module from ignition/parameters/localhost.json", function () {
  it("registers the planned participants and the settlement contract as a settlement participant", async function () {
    const { deployment, carrier, exporter, hkBank, regulator } =
      await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const registry = await ethers.getContractAt("ParticipantRegistry", deployment.participantRegistry);
    for (const account of [carrier, exporter, hkBank, regulator])
      expect(await registry.isVerified(account.address)).to.equal(true);
    expect(await registry.isVerifiedAs(deployment.settlement, 1 << 4)).to.equal(true);
    expect(await registry.isVerifiedAs(carrier.address, 1)).to.equal(true);
  });

  it("grants the eBL roles to the planned carrier, regulator and pauser", async function () {
    const { deployment, carrier, regulator, operator } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const ebl = await ethers.getContractAt("BillOfLadingRegistry", deployment.eblRegistry);
    expect(await ebl.hasRole(ROLE("ISSUER_ROLE"), carrier.address)).to.equal(true);
    expect(await ebl.hasRole(ROLE("LEGAL_HOLD_ROLE"), regulator.address)).to.equal(true);
    expect(await ebl.hasRole(ROLE("PAUSER_ROLE"), operator.address)).to.equal(true);
    expect(await ebl.participants()).to.equal(deployment.participantRegistry);
  });

  it("deploys one deposit per planned currency with the bank's roles, allowed for settlement", async function () {
    const { deployment, hkBank, cnBank } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const settlement = await ethers.getContractAt("DeliveryVersusPayment", deployment.settlement);
    expect(Object.keys(deployment.deposits)).to.deep.equal(["HKD", "CNH"]);
    for (const [currency, bank] of [
      ["HKD", hkBank],
      ["CNH", cnBank],
    ] as const) {
      const token = await ethers.getContractAt("TokenizedDeposit", deployment.deposits[currency]!);
      expect(ethers.toUtf8String(await token.currency())).to.equal(currency);
      expect(await token.decimals()).to.equal(2n);
      expect(await token.MAX_SUPPLY(), "the plan checks caps against this bound").to.equal(MAX_DEPOSIT_SUPPLY);
      expect(await token.issuer()).to.equal(bank.address);
      for (const role of [
        "MINTER_ROLE",
        "BURNER_ROLE",
        "PAUSER_ROLE",
        "FREEZER_ROLE",
        "COMPLIANCE_ROLE",
        "CAP_MANAGER_ROLE",
      ]) {
        expect(await token.hasRole(ROLE(role), bank.address), role).to.equal(true);
      }
      expect(await settlement.isPaymentTokenAllowed(await token.getAddress())).to.equal(true);
    }
    expect(await settlement.isRegistryAllowed(deployment.eblRegistry)).to.equal(true);
  });

  it("hands every admin role to the planned admin in two steps, and the deployer keeps no role", async function () {
    const { plan, deployment, deployer, operator } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const started = await beginHandover(connection, deployment, plan, deployer);
    expect(started.map((s) => s.contract)).to.deep.equal([
      "ParticipantRegistry",
      "BillOfLadingRegistry",
      "DeliveryVersusPayment",
      "TokenizedDeposit HKD",
      "TokenizedDeposit CNH",
    ]);
    // Run again, even from a plan that spells the addresses in lower case, it starts nothing again (a second start
    // would reset the delay the new admin is waiting out).
    const lowerCase = structuredClone(plan);
    lowerCase.admin = plan.admin.toLowerCase();
    lowerCase.deposits = plan.deposits.map((d) => ({ ...d, admin: d.admin?.toLowerCase() }));
    expect(await beginHandover(connection, deployment, lowerCase, deployer)).to.deep.equal([]);
    // Before the delay the new admin cannot accept.
    const registry = await ethers.getContractAt("ParticipantRegistry", deployment.participantRegistry, operator);
    await expect(registry.acceptDefaultAdminTransfer()).to.be.revertedWithCustomError(
      registry,
      "AccessControlEnforcedDefaultAdminDelay",
    );
    await networkHelpers.time.increase(plan.adminDelay + 1);
    expect((await acceptHandover(connection, deployment, plan, operator)).length).to.equal(5);

    const addresses = [
      deployment.participantRegistry,
      deployment.eblRegistry,
      deployment.settlement,
      ...Object.values(deployment.deposits),
    ];
    for (const address of addresses) {
      const c = await ethers.getContractAt("ParticipantRegistry", address);
      expect(await c.defaultAdmin()).to.equal(operator.address);
      expect(await c.hasRole(ethers.ZeroHash, deployer.address)).to.equal(false);
    }
    expect(await registry.hasRole(ROLE("REGISTRAR_ROLE"), deployer.address)).to.equal(false);
    expect(await registry.hasRole(ROLE("REGISTRAR_ROLE"), plan.registrar)).to.equal(true);
    // Running the first half again finds nothing left to do.
    expect(await beginHandover(connection, deployment, plan, deployer)).to.deep.equal([]);
  });
});

describe("Deployment plan checks", function () {
  const valid = (): DeploymentPlan => structuredClone(loadDeploymentPlan("localhost"));

  for (const [what, mutate, message] of [
    ["a malformed admin", (p: DeploymentPlan) => (p.admin = "0x1234"), /admin must be a non-zero address/],
    ["an unknown kind", (p: DeploymentPlan) => (p.participants[0]!.kinds = ["shipowner" as "carrier"]), /unknown kind/],
    ["the zero address as admin", (p: DeploymentPlan) => (p.admin = "0x" + "0".repeat(40)), /non-zero address/],
    [
      "a mixed-case address with a wrong checksum",
      (p: DeploymentPlan) => (p.registrar = "0x70997970C51812dc3A010C7d01b50e0d17dc79c8"),
      /EIP-55 checksum/,
    ],
    ["no participants", (p: DeploymentPlan) => (p.participants = []), /participants is empty/],
    [
      "an expiry in the past",
      (p: DeploymentPlan) => (p.verifiedUntil = "2020-01-01T00:00:00Z"),
      /verifiedUntil .* is not in the future/,
    ],
    [
      "a custodian kind with another kind",
      (p: DeploymentPlan) => (p.participants[0]!.kinds = ["bank", "custody"]),
      /custodian kind stands alone/,
    ],
    ["a lower-case jurisdiction", (p: DeploymentPlan) => (p.participants[0]!.jurisdiction = "hk"), /jurisdiction/],
    [
      "a carrier that is not a carrier participant",
      (p: DeploymentPlan) => (p.carriers = [p.participants[1]!.account]),
      /not a participant of kind "carrier"/,
    ],
    [
      "a deposit issuer that is not a bank",
      (p: DeploymentPlan) => (p.deposits[0]!.issuer = p.participants[1]!.account),
      /not a participant of kind "bank"/,
    ],
    [
      "two deposits in one currency",
      (p: DeploymentPlan) => (p.deposits[1]!.currency = "HKD"),
      /one deposit per currency/,
    ],
    ["19 decimals", (p: DeploymentPlan) => (p.deposits[0]!.decimals = 19), /decimals/],
    ["a non-numeric cap", (p: DeploymentPlan) => (p.deposits[0]!.supplyCap = "1e9"), /supplyCap/],
    ["a cap above MAX_SUPPLY", (p: DeploymentPlan) => (p.deposits[0]!.supplyCap = String(2n ** 120n)), /MAX_SUPPLY/],
    ["a bad date", (p: DeploymentPlan) => (p.verifiedUntil = "next year"), /verifiedUntil/],
  ] as const) {
    it(`refuses ${what}, naming the field`, function () {
      const plan = valid();
      mutate(plan);
      expect(() => checkDeploymentPlan(plan)).to.throw(DeploymentPlanError, message);
    });
  }

  it("refuses a network without a parameters file", function () {
    expect(() => loadDeploymentPlan("no-such-network")).to.throw(DeploymentPlanError, /cannot read/);
  });
});
