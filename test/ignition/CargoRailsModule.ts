import { expect } from "chai";
import { network } from "hardhat";

import {
  DeploymentPlanError,
  MAX_DEPOSIT_SUPPLY,
  checkDeploymentPlan,
  loadDeploymentPlan,
  type DeploymentPlan,
} from "../../ignition/plan.js";
import { functionRoles, platformRoles, roleId, type DepositRoleName } from "../../sdk/src/index.js";
import { DEPOSIT_BANK_ROLES } from "../../ignition/modules/CargoRails.js";
import { deployCargoRails, handOver } from "../../scripts/lib/deployment.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function deployFromLocalhostPlan() {
  const plan = loadDeploymentPlan("localhost");
  const deployment = await deployCargoRails(connection, plan, { deploymentId: `test-${Date.now()}` });
  const [deployer, operator, carrier, exporter, importer, hkBank, cnBank, regulator] = await ethers.getSigners();
  // the deployer is account 0 (Ignition's), the planned admin and registrar account 1
  return { plan, deployment, deployer, operator, carrier, exporter, importer, hkBank, cnBank, regulator };
}

describe("Ignition: the CargoRails module from ignition/parameters/localhost.json", function () {
  it("registers the planned participants, and both settlement contracts and the payment rail as settlement participants", async function () {
    const { deployment, carrier, exporter, hkBank, regulator } =
      await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const registry = await ethers.getContractAt("ParticipantRegistry", deployment.participantRegistry);
    for (const account of [carrier, exporter, hkBank, regulator])
      expect(await registry.isVerified(account.address)).to.equal(true);
    for (const contract of [deployment.signedSettlement, deployment.escrowedDeals, deployment.depositRail]) {
      expect(await registry.isVerifiedAs(contract, 1 << 4), contract).to.equal(true);
    }
    expect(await registry.isVerifiedAs(carrier.address, 1)).to.equal(true);
  });

  it("grants the eBL roles to the planned carrier, regulator and pauser, without delay", async function () {
    const { deployment, carrier, regulator, operator } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const manager = await ethers.getContractAt("RailsAccessManager", deployment.accessManager);
    const ebl = await ethers.getContractAt("BillOfLadingRegistry", deployment.eblRegistry);
    expect(await manager.hasRole(platformRoles.ebl.ISSUER.id, carrier.address)).to.deep.equal([true, 0n]);
    expect(await manager.hasRole(platformRoles.ebl.LEGAL_HOLD.id, regulator.address)).to.deep.equal([true, 0n]);
    expect(await manager.hasRole(platformRoles.ebl.PAUSER.id, operator.address)).to.deep.equal([true, 0n]);
    expect(await manager.hasRole(platformRoles.settlement.PAUSER.id, operator.address)).to.deep.equal([true, 0n]);
    expect(await ebl.participants()).to.equal(deployment.participantRegistry);
  });

  it("assigns every restricted function of every contract to its role, labelled, with the target admin delay", async function () {
    const { plan, deployment } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const manager = await ethers.getContractAt("RailsAccessManager", deployment.accessManager);
    const targets: [Parameters<typeof functionRoles>[0], string][] = [
      ["participants", deployment.participantRegistry],
      ["ebl", deployment.eblRegistry],
      ["signedSettlement", deployment.signedSettlement],
      ["escrowedDeals", deployment.escrowedDeals],
      ["depositRail", deployment.depositRail],
      ...Object.entries(deployment.deposits).map(
        ([currency, address]) => [{ deposit: currency }, address] as [{ deposit: string }, string],
      ),
    ];
    const labels = new Set<string>();
    for (const [contract, address] of targets) {
      expect(await (await ethers.getContractAt("ParticipantRegistry", address)).authority()).to.equal(
        deployment.accessManager,
      );
      for (const line of functionRoles(contract)) {
        for (const selector of line.selectors) {
          expect(await manager.getTargetFunctionRole(address, selector), line.label).to.equal(line.roleId);
        }
        labels.add(line.label);
      }
      // Set at deployment, it takes effect after OpenZeppelin's minSetback (5 days).
      expect(await manager.getTargetAdminDelay(address)).to.equal(0n);
    }
    await networkHelpers.time.increase(5 * 24 * 3600);
    for (const [, address] of targets) {
      expect(await manager.getTargetAdminDelay(address)).to.equal(BigInt(plan.targetAdminDelay));
    }
    const labelled = (await manager.queryFilter(manager.filters.RoleLabel())).map((e) => e.args.label);
    expect(labelled).to.include.members([...labels, "HKD ADMIN", "CNH ADMIN"]);
  });

  it("deploys one deposit per planned currency with the bank's roles, its market open in both ways through the rail", async function () {
    const { deployment, hkBank, cnBank } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const signed = await ethers.getContractAt("SignedSettlement", deployment.signedSettlement);
    const escrowed = await ethers.getContractAt("EscrowedDeals", deployment.escrowedDeals);
    const rail = await ethers.getContractAt("DepositRail", deployment.depositRail);
    expect(await rail.SIGNED_SETTLEMENT()).to.equal(deployment.signedSettlement);
    expect(await rail.ESCROWED_DEALS()).to.equal(deployment.escrowedDeals);
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
      const manager = await ethers.getContractAt("RailsAccessManager", deployment.accessManager);
      const role = (name: DepositRoleName) => roleId({ contract: "deposit", currency, name });
      for (const name of DEPOSIT_BANK_ROLES) {
        expect(await manager.hasRole(role(name), bank.address), name).to.deep.equal([true, 0n]);
        // administered and guarded by the bank's admin role, not by the manager's admin
        expect(await manager.getRoleAdmin(role(name)), name).to.equal(role("ADMIN"));
        expect(await manager.getRoleGuardian(role(name)), name).to.equal(role("ADMIN"));
      }
      expect(await manager.getRoleAdmin(role("ADMIN"))).to.equal(role("ADMIN"));
      for (const settlement of [signed, escrowed]) {
        expect(await settlement.paymentRailOf(deployment.eblRegistry, await token.getAddress())).to.equal(
          deployment.depositRail,
        );
      }
    }
    // No other market: a registry the module did not deploy trades nowhere.
    expect(await signed.paymentRailOf(deployment.participantRegistry, deployment.deposits.HKD!)).to.equal(
      ethers.ZeroAddress,
    );
  });

  it("lets the planned pauser pause both settlement contracts, and nobody without the admin role recover from the rail", async function () {
    const { plan, deployment, operator, exporter } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const settlementContracts = [
      await ethers.getContractAt("SignedSettlement", deployment.signedSettlement),
      await ethers.getContractAt("EscrowedDeals", deployment.escrowedDeals),
    ];
    for (const contract of settlementContracts) {
      await contract.connect(operator).pause();
      expect(await contract.paused()).to.equal(true);
      await expect(contract.connect(exporter).unpause()).to.be.revertedWithCustomError(
        contract,
        "AccessManagedUnauthorized",
      );
    }
    // The planned admin may recover from the rail too, behind the settlement admin's execution delay; others may not.
    const rail = await ethers.getContractAt("DepositRail", deployment.depositRail);
    const manager = await ethers.getContractAt("RailsAccessManager", deployment.accessManager);
    const recover = rail.interface.getFunction("recoverStrayToken").selector;
    expect(await manager.canCall(operator.address, deployment.depositRail, recover)).to.deep.equal([
      false,
      BigInt(plan.settlementAdminDelay),
    ]);
    await expect(
      rail.connect(exporter).recoverStrayToken(deployment.deposits.HKD!, exporter.address, 1n),
    ).to.be.revertedWithCustomError(rail, "AccessManagedUnauthorized");
  });

  it("gives each bank's admin role to the planned admin with the admin delay", async function () {
    const { plan, deployment, operator } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const manager = await ethers.getContractAt("RailsAccessManager", deployment.accessManager);
    for (const currency of ["HKD", "CNH"]) {
      const bankAdmin = roleId({ contract: "deposit", currency, name: "ADMIN" });
      expect(await manager.hasRole(bankAdmin, operator.address)).to.deep.equal([true, BigInt(plan.adminDelay)]);
    }
  });

  it("hands the manager to the planned admin (grant, then renounce), and the deployer keeps no role", async function () {
    const { plan, deployment, deployer, operator } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const manager = await ethers.getContractAt("RailsAccessManager", deployment.accessManager);
    const steps = await handOver(connection, deployment, plan, deployer);
    expect(steps.map((s) => `${s.action} ${s.role}`)).to.deep.equal([
      "grant ADMIN",
      "renounce REGISTRAR",
      "renounce SETTLEMENT ADMIN",
      "renounce ADMIN",
    ]);
    // Run again, even from a plan that spells the addresses in lower case, it finds nothing left to do.
    const lowerCase = structuredClone(plan);
    lowerCase.admin = plan.admin.toLowerCase();
    expect(await handOver(connection, deployment, lowerCase, deployer)).to.deep.equal([]);
    expect(await manager.hasRole(0n, operator.address)).to.deep.equal([true, BigInt(plan.adminDelay)]);
    for (const role of [0n, platformRoles.participants.REGISTRAR.id, platformRoles.settlement.ADMIN.id]) {
      expect((await manager.hasRole(role, deployer.address))[0], String(role)).to.equal(false);
    }
    expect((await manager.hasRole(platformRoles.participants.REGISTRAR.id, plan.registrar))[0]).to.equal(true);
    // The planned admin's own calls wait the admin delay: a role grant must be scheduled.
    const grant = manager.interface.encodeFunctionData("grantRole", [platformRoles.ebl.ISSUER.id, operator.address, 0]);
    await expect(
      manager.connect(operator).grantRole(platformRoles.ebl.ISSUER.id, operator.address, 0),
    ).to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled");
    await manager.connect(operator).schedule(deployment.accessManager, grant, 0);
    await networkHelpers.time.increase(plan.adminDelay);
    await manager.connect(operator).execute(deployment.accessManager, grant);
    expect((await manager.hasRole(platformRoles.ebl.ISSUER.id, operator.address))[0]).to.equal(true);
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
