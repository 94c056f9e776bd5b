import { expect } from "chai";
import { network } from "hardhat";

import {
  DeploymentPlanError,
  MAX_DEPOSIT_SUPPLY,
  checkDeploymentPlan,
  loadDeploymentPlan,
  type DeploymentPlan,
} from "../../ignition/plan.js";
import {
  functionRoles,
  interbankQuoteTypes,
  participantKinds,
  platformRoles,
  roleId,
  type DepositRoleName,
} from "../../sdk/src/index.js";
import { DEPOSIT_BANK_ROLES, DEPOSIT_INTERBANK_ROLES } from "../../ignition/modules/CargoRails.js";
import { deployCargoRails, handOver } from "../../scripts/lib/deployment.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function deployFromLocalhostPlan() {
  const plan = loadDeploymentPlan("localhost");
  const deployment = await deployCargoRails(connection, plan, { deploymentId: `test-${Date.now()}` });
  const [deployer, operator, carrier, exporter, importer, hkBank, cnBank, regulator, , hkma, cnhOperator, dealer] =
    await ethers.getSigners();
  // the deployer is account 0 (Ignition's), the planned admin and registrar account 1
  return {
    plan,
    deployment,
    deployer,
    operator,
    carrier,
    exporter,
    importer,
    hkBank,
    cnBank,
    regulator,
    hkma,
    cnhOperator,
    dealer,
  };
}

describe("Ignition: the CargoRails module from ignition/parameters/localhost.json", function () {
  it("registers the planned participants, and the settlement contracts and the payment rail as settlement participants", async function () {
    const { deployment, carrier, exporter, hkBank, regulator } =
      await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const registry = await ethers.getContractAt("ParticipantRegistry", deployment.participantRegistry);
    for (const account of [carrier, exporter, hkBank, regulator])
      expect(await registry.isVerified(account.address)).to.equal(true);
    for (const contract of [
      deployment.signedSettlement,
      deployment.escrowedDeals,
      deployment.depositRail,
      deployment.crossBankSettlement,
    ]) {
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
      ["crossBankSettlement", deployment.crossBankSettlement],
      ["interbank", deployment.interbankPayments],
      ["eblGateway", deployment.eblGateway],
      ["pint", deployment.platformGateway],
      ["platformGateway", deployment.platformGateway],
      ["documents", deployment.tradeDocumentRegistry],
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

  it("deploys the eBL gateway holding the registry's EBL GATEWAY role, without a transport when the plan has no crossChain", async function () {
    const { plan, deployment, deployer, operator } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const manager = await ethers.getContractAt("RailsAccessManager", deployment.accessManager);
    const gateway = await ethers.getContractAt("EblGateway", deployment.eblGateway);
    expect(plan.crossChain).to.equal(undefined);
    expect(await gateway.registry()).to.equal(deployment.eblRegistry);
    expect(await gateway.authority()).to.equal(deployment.accessManager);
    expect(await gateway.transport()).to.equal(ethers.ZeroAddress);
    expect(deployment.hyperlaneTransport).to.equal(undefined);
    expect(await manager.hasRole(platformRoles.ebl.GATEWAY.id, deployment.eblGateway)).to.deep.equal([true, 0n]);
    // CROSS-CHAIN ADMIN: the planned admin with the admin delay, the deployer (until the handover) without;
    // CROSS-CHAIN PAUSER: the planned pausers.
    expect(await manager.hasRole(platformRoles.crossChain.ADMIN.id, operator.address)).to.deep.equal([
      true,
      BigInt(plan.adminDelay),
    ]);
    expect(await manager.hasRole(platformRoles.crossChain.ADMIN.id, deployer.address)).to.deep.equal([true, 0n]);
    for (const pauser of plan.pausers) {
      expect(await manager.hasRole(platformRoles.crossChain.PAUSER.id, pauser)).to.deep.equal([true, 0n]);
    }
    await gateway.connect(operator).pause();
    expect(await gateway.paused()).to.equal(true);
  });

  it("deploys the platform gateway (PINT) as a verified CUSTODY participant holding EBL GATEWAY, PINT OPERATOR to the planned operators only", async function () {
    const { plan, deployment, deployer, operator } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const manager = await ethers.getContractAt("RailsAccessManager", deployment.accessManager);
    const participants = await ethers.getContractAt("ParticipantRegistry", deployment.participantRegistry);
    const gateway = await ethers.getContractAt("PlatformGateway", deployment.platformGateway);
    expect(await gateway.registry()).to.equal(deployment.eblRegistry);
    expect(await gateway.authority()).to.equal(deployment.accessManager);
    expect(await participants.isVerifiedAs(deployment.platformGateway, participantKinds.custody)).to.equal(true);
    expect(await manager.hasRole(platformRoles.ebl.GATEWAY.id, deployment.platformGateway)).to.deep.equal([true, 0n]);
    expect(plan.pintOperators).to.have.length(1);
    for (const account of plan.pintOperators!) {
      expect(await manager.hasRole(platformRoles.pint.OPERATOR.id, account)).to.deep.equal([true, 0n]);
    }
    for (const account of [deployer.address, operator.address]) {
      expect((await manager.hasRole(platformRoles.pint.OPERATOR.id, account))[0]).to.equal(false);
    }
    const pintOperator = await ethers.getSigner(plan.pintOperators![0]!);
    await expect(gateway.connect(pintOperator).completeExport(1n, ethers.id("RECE")))
      .to.be.revertedWithCustomError(gateway, "PintInvalidExportStatus")
      .withArgs(1n, 0n);
    await gateway.connect(operator).pause();
    expect(await gateway.paused()).to.equal(true);
  });

  it("guards the recovery of stray assets on the four trade-finance contracts with TRADE FINANCE ADMIN, granted to the planned admin only", async function () {
    const { plan, deployment, deployer, operator } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const manager = await ethers.getContractAt("RailsAccessManager", deployment.accessManager);
    const contracts = [
      deployment.trustReceipts,
      deployment.documentsAgainstAcceptance,
      deployment.paymentObligations,
      deployment.documentaryCredits,
    ];
    for (const address of contracts) {
      const managed = await ethers.getContractAt("TrustReceipts", address);
      expect(await managed.authority()).to.equal(deployment.accessManager);
      for (const line of functionRoles("tradeFinance")) {
        for (const selector of line.selectors) {
          expect(await manager.getTargetFunctionRole(address, selector)).to.equal(14n);
        }
      }
    }
    expect(await manager.hasRole(platformRoles.tradeFinance.ADMIN.id, operator.address)).to.deep.equal([
      true,
      BigInt(plan.adminDelay),
    ]);
    expect((await manager.hasRole(platformRoles.tradeFinance.ADMIN.id, deployer.address))[0]).to.equal(false);
    const credits = await ethers.getContractAt("DocumentaryCredits", deployment.documentaryCredits);
    await expect(credits.connect(deployer).recoverStrayToken(deployment.eblRegistry, deployer.address, 0n))
      .to.be.revertedWithCustomError(credits, "AccessManagedUnauthorized")
      .withArgs(deployer.address);
  });

  it("deploys the trade document registry with the seven standard types, its condition, and DOCUMENT ADMIN to the planned admin only", async function () {
    const { plan, deployment, deployer, operator } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const manager = await ethers.getContractAt("RailsAccessManager", deployment.accessManager);
    const documents = await ethers.getContractAt("TradeDocumentRegistry", deployment.tradeDocumentRegistry);
    const condition = await ethers.getContractAt("DocumentsCondition", deployment.documentsCondition);
    expect(await documents.participants()).to.equal(deployment.participantRegistry);
    expect(await documents.authority()).to.equal(deployment.accessManager);
    expect(await condition.documents()).to.equal(deployment.tradeDocumentRegistry);
    const kinds = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((type) => documents.issuerKindsOf(type)));
    // trader, trader, authority, insurer, inspector, trader | agent, carrier; type 8 is not defined
    expect(kinds).to.deep.equal([4n, 4n, 1024n, 512n, 256n, 12n, 1n, 0n]);
    expect(await manager.hasRole(platformRoles.documents.ADMIN.id, operator.address)).to.deep.equal([
      true,
      BigInt(plan.adminDelay),
    ]);
    expect((await manager.hasRole(platformRoles.documents.ADMIN.id, deployer.address))[0]).to.equal(false);
    await expect(documents.connect(deployer).setDocumentType(8, 4))
      .to.be.revertedWithCustomError(documents, "AccessManagedUnauthorized")
      .withArgs(deployer.address);
  });

  it("deploys the consent registry on the participant and trade document registries, with the EIP-712 domain Cargo Rails Consent 1", async function () {
    const { deployment } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const consent = await ethers.getContractAt("ConsentRegistry", deployment.consentRegistry);
    expect(await consent.participants()).to.equal(deployment.participantRegistry);
    expect(await consent.documents()).to.equal(deployment.tradeDocumentRegistry);
    const domain = await consent.eip712Domain();
    expect([domain.name, domain.version, domain.verifyingContract]).to.deep.equal([
      "Cargo Rails Consent",
      "1",
      deployment.consentRegistry,
    ]);
  });

  it("deploys TrustReceipts on the eBL registry as a verified CUSTODY participant, with the EIP-712 domain Cargo Rails Trust Receipts 1", async function () {
    const { deployment } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const trustReceipts = await ethers.getContractAt("TrustReceipts", deployment.trustReceipts);
    const participants = await ethers.getContractAt("ParticipantRegistry", deployment.participantRegistry);
    expect(await trustReceipts.registry()).to.equal(deployment.eblRegistry);
    expect(await participants.isVerifiedAs(deployment.trustReceipts, participantKinds.custody)).to.equal(true);
    const domain = await trustReceipts.eip712Domain();
    expect([domain.name, domain.version, domain.verifyingContract]).to.deep.equal([
      "Cargo Rails Trust Receipts",
      "1",
      deployment.trustReceipts,
    ]);
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

  it("deploys the reserves of each planned currency, owned by its central bank, the interbank contract their settlement agent", async function () {
    const { plan, deployment, hkma, cnhOperator } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    expect(Object.keys(deployment.reserves)).to.deep.equal(["HKD", "CNH"]);
    for (const [currency, centralBank] of [
      ["HKD", hkma],
      ["CNH", cnhOperator],
    ] as const) {
      const planned = plan.reserves!.find((r) => r.currency === currency)!;
      const reserve = await ethers.getContractAt("WholesaleReserve", deployment.reserves[currency]!);
      expect(await reserve.owner()).to.equal(centralBank.address);
      expect(ethers.toUtf8String(await reserve.currency())).to.equal(currency);
      expect([await reserve.name(), await reserve.symbol(), await reserve.decimals()]).to.deep.equal([
        planned.name,
        planned.symbol,
        BigInt(planned.decimals),
      ]);
      expect(await reserve.registry()).to.equal(deployment.participantRegistry);
      expect(await reserve.isSettlementAgent(deployment.interbankPayments)).to.equal(true);
    }
  });

  it("issues the planned reserves to each participating bank and to the FX dealer, and nothing else", async function () {
    const { plan, deployment, hkBank, cnBank, dealer } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const initial = (currency: string) =>
      BigInt(plan.deposits.find((d) => d.currency === currency)!.interbank!.initialReserves);
    for (const [currency, bank] of [
      ["HKD", hkBank],
      ["CNH", cnBank],
    ] as const) {
      const reserve = await ethers.getContractAt("WholesaleReserve", deployment.reserves[currency]!);
      const dealerReserves = BigInt(plan.fxDealer!.reserves[currency]!);
      expect(await reserve.balanceOf(bank.address), currency).to.equal(initial(currency));
      expect(await reserve.balanceOf(dealer.address), currency).to.equal(dealerReserves);
      expect(await reserve.totalSupply(), currency).to.equal(initial(currency) + dealerReserves);
    }
  });

  it("opts each bank in for its deposit token, the interbank contract its minter and burner under the bank's admin role", async function () {
    const { plan, deployment, hkBank, cnBank } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const interbank = await ethers.getContractAt("InterbankPayments", deployment.interbankPayments);
    const manager = await ethers.getContractAt("RailsAccessManager", deployment.accessManager);
    for (const [currency, bank] of [
      ["HKD", hkBank],
      ["CNH", cnBank],
    ] as const) {
      const planned = plan.deposits.find((d) => d.currency === currency)!.interbank!;
      const account = await interbank.bankAccountOf(deployment.deposits[currency]!);
      expect([account.bank, account.reserve, account.outflowCapacity, account.inflowCapacity]).to.deep.equal([
        bank.address,
        deployment.reserves[currency],
        BigInt(planned.outflowCapacity),
        BigInt(planned.inflowCapacity),
      ]);
      const role = (name: DepositRoleName) => roleId({ contract: "deposit", currency, name });
      for (const name of DEPOSIT_INTERBANK_ROLES) {
        expect(await manager.hasRole(role(name), deployment.interbankPayments), name).to.deep.equal([true, 0n]);
        expect(await manager.getRoleAdmin(role(name)), name).to.equal(role("ADMIN"));
      }
    }
  });

  it("lets CrossBankSettlement pay through the interbank contract, its markets open, and the pauser pause interbank payments", async function () {
    const { deployment, operator, exporter } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const manager = await ethers.getContractAt("RailsAccessManager", deployment.accessManager);
    const interbank = await ethers.getContractAt("InterbankPayments", deployment.interbankPayments);
    const crossBank = await ethers.getContractAt("CrossBankSettlement", deployment.crossBankSettlement);
    const payFor = interbank.interface.getFunction("payFor").selector;
    expect(await manager.canCall(deployment.crossBankSettlement, deployment.interbankPayments, payFor)).to.deep.equal([
      true,
      0n,
    ]);
    expect(await manager.canCall(exporter.address, deployment.interbankPayments, payFor)).to.deep.equal([false, 0n]);
    for (const currency of ["HKD", "CNH"]) {
      expect(await crossBank.paymentRailOf(deployment.eblRegistry, deployment.deposits[currency]!), currency).to.equal(
        deployment.interbankPayments,
      );
    }
    await interbank.connect(operator).pause();
    expect(await interbank.paused()).to.equal(true);
    await crossBank.connect(operator).pause();
    expect(await crossBank.paused()).to.equal(true);
  });

  it("pays across banks and currencies right after deployment: HKD burned, reserves through the dealer, CNH minted", async function () {
    const { deployment, importer, exporter, hkBank, cnBank, dealer } =
      await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const interbank = await ethers.getContractAt("InterbankPayments", deployment.interbankPayments);
    const hkd = await ethers.getContractAt("TokenizedDeposit", deployment.deposits.HKD!);
    const cnh = await ethers.getContractAt("TokenizedDeposit", deployment.deposits.CNH!);
    const rHkd = await ethers.getContractAt("WholesaleReserve", deployment.reserves.HKD!);
    const rCnh = await ethers.getContractAt("WholesaleReserve", deployment.reserves.CNH!);
    await hkd.connect(hkBank).mint(importer.address, 100_000n, ethers.id("DEP-1"));
    const quote = {
      dealer: dealer.address,
      taker: importer.address,
      payReserve: deployment.reserves.HKD!,
      receiveReserve: deployment.reserves.CNH!,
      rate: 920_000_000_000_000_000n, // 0.92 CNH per HKD
      maxPayAmount: 100_000n,
      expiry: BigInt(await networkHelpers.time.latest()) + 3600n,
      nonce: 1n,
    };
    const domain = {
      name: "Cargo Rails Interbank Payments",
      version: "1",
      chainId: (await ethers.provider.getNetwork()).chainId,
      verifyingContract: deployment.interbankPayments,
    };
    const types = { Quote: [...interbankQuoteTypes.Quote] };
    const signature = await dealer.signTypedData(domain, types, quote);
    const before = await Promise.all([rHkd, rCnh].flatMap((r) => [hkBank, cnBank, dealer].map((a) => r.balanceOf(a))));
    const payment = {
      payerToken: deployment.deposits.HKD!,
      payer: importer.address,
      payAmount: 100_000n,
      payeeToken: deployment.deposits.CNH!,
      payee: exporter.address,
      receiveAmount: 92_000n,
      paymentId: ethers.id("INV-1"),
    };
    await expect(interbank.connect(importer).pay(payment, quote, signature))
      .to.emit(interbank, "InterbankPaid")
      .withArgs(
        payment.paymentId,
        payment.payerToken,
        payment.payeeToken,
        importer.address,
        exporter.address,
        100_000n,
        92_000n,
        dealer.address,
      );
    expect([await hkd.balanceOf(importer.address), await hkd.totalSupply()]).to.deep.equal([0n, 0n]);
    expect([await cnh.balanceOf(exporter.address), await cnh.totalSupply()]).to.deep.equal([92_000n, 92_000n]);
    const after = await Promise.all([rHkd, rCnh].flatMap((r) => [hkBank, cnBank, dealer].map((a) => r.balanceOf(a))));
    // HKD reserves: Harbour Bank → dealer; CNH reserves: dealer → Pudong Bank.
    expect(after.map((a, i) => a - before[i]!)).to.deep.equal([-100_000n, 0n, 100_000n, 0n, 92_000n, -92_000n]);
  });

  it("hands the manager to the planned admin (grant, then renounce), and the deployer keeps no role", async function () {
    const { plan, deployment, deployer, operator } = await networkHelpers.loadFixture(deployFromLocalhostPlan);
    const manager = await ethers.getContractAt("RailsAccessManager", deployment.accessManager);
    const steps = await handOver(connection, deployment, plan, deployer);
    expect(steps.map((s) => `${s.action} ${s.role}`)).to.deep.equal([
      "grant ADMIN",
      "renounce REGISTRAR",
      "renounce SETTLEMENT ADMIN",
      "renounce CROSS-CHAIN ADMIN",
      "renounce ADMIN",
    ]);
    // Run again, even from a plan that spells the addresses in lower case, it finds nothing left to do.
    const lowerCase = structuredClone(plan);
    lowerCase.admin = plan.admin.toLowerCase();
    expect(await handOver(connection, deployment, lowerCase, deployer)).to.deep.equal([]);
    expect(await manager.hasRole(0n, operator.address)).to.deep.equal([true, BigInt(plan.adminDelay)]);
    for (const role of [
      0n,
      platformRoles.participants.REGISTRAR.id,
      platformRoles.settlement.ADMIN.id,
      platformRoles.crossChain.ADMIN.id,
    ]) {
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
    [
      "reserves whose central bank is not a participant of kind centralBank",
      (p: DeploymentPlan) => (p.reserves![0]!.centralBank = p.deposits[0]!.issuer),
      /reserves\[0\]\.centralBank is not a participant of kind "centralBank"/,
    ],
    [
      "two reserves in one currency",
      (p: DeploymentPlan) => (p.reserves![1]!.currency = "HKD"),
      /one reserve per currency/,
    ],
    [
      "interbank participation without reserves in the deposit's currency",
      (p: DeploymentPlan) => (p.reserves = p.reserves!.filter((r) => r.currency !== "CNH")),
      /deposits\[1\]\.interbank needs reserves in CNH/,
    ],
    [
      "interbank participation in reserves of other decimals",
      (p: DeploymentPlan) => (p.reserves![0]!.decimals = 6),
      /deposits\[0\]\.interbank: the HKD reserves have 6 decimals/,
    ],
    [
      "an interbank capacity above uint128",
      (p: DeploymentPlan) => (p.deposits[0]!.interbank!.outflowCapacity = String(2n ** 128n)),
      /outflowCapacity is above 2\^128 - 1/,
    ],
    [
      "non-numeric initial reserves",
      (p: DeploymentPlan) => (p.deposits[0]!.interbank!.initialReserves = "5e9"),
      /initialReserves must be a decimal string/,
    ],
    [
      "an FX dealer that is not a bank",
      (p: DeploymentPlan) => (p.fxDealer!.account = p.participants[0]!.account),
      /fxDealer\.account is not a participant of kind "bank"/,
    ],
    [
      "an FX dealer with reserves in one currency only",
      (p: DeploymentPlan) => (p.fxDealer!.reserves = { HKD: "1" }),
      /fxDealer\.reserves must name at least two currencies/,
    ],
    [
      "an FX dealer with reserves in a currency without planned reserves",
      (p: DeploymentPlan) => (p.fxDealer!.reserves = { HKD: "1", USD: "1" }),
      /fxDealer\.reserves\.USD: no reserves planned in USD/,
    ],
    [
      "a PINT operator at the zero address",
      (p: DeploymentPlan) => (p.pintOperators = ["0x" + "0".repeat(40)]),
      /pintOperators\[0\] must be a non-zero address/,
    ],
    [
      "an unknown cross-chain transport",
      (p: DeploymentPlan) => (p.crossChain = { wormhole: {} } as DeploymentPlan["crossChain"]),
      /crossChain\.wormhole is not a known transport/,
    ],
    [
      "a Hyperlane section without a Mailbox",
      (p: DeploymentPlan) => (p.crossChain = { hyperlane: { ism: p.admin } } as DeploymentPlan["crossChain"]),
      /crossChain\.hyperlane\.mailbox must be a non-zero address/,
    ],
    [
      "a Hyperlane ISM at the zero address",
      (p: DeploymentPlan) => (p.crossChain = { hyperlane: { mailbox: p.admin, ism: "0x" + "0".repeat(40) } }),
      /crossChain\.hyperlane\.ism must be a non-zero address/,
    ],
    [
      "a crossChain section that is not an object",
      (p: DeploymentPlan) => (p.crossChain = "hyperlane" as DeploymentPlan["crossChain"]),
      /crossChain must be an object/,
    ],
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
