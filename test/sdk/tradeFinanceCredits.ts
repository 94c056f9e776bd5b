/**
 * `tradeFinance(rails).credits` against the real DocumentaryCredits, deployed by the Ignition module (the localhost
 * plan) on Hardhat's in-process network: the applicant's signed application as JSON, issue funded in escrow,
 * presentation, honour, refusal with a waiver, reimbursement by an EIP-3009 authorisation, close after expiry, and
 * the refusals the issue names (a presentation after expiry, an examination by a non-examiner).
 */
import { expect } from "chai";
import { network } from "hardhat";
import { createPublicClient, createWalletClient, custom, getAddress, type Address, type EIP1193Provider } from "viem";

import { loadDeploymentPlan } from "../../ignition/plan.js";
import { deployCargoRails } from "../../scripts/lib/deployment.js";
import { ContractRevertError, createCargoRails, type CargoRailsAddresses } from "../../sdk/src/index.js";
import {
  creditApplicationFromJson,
  creditApplicationToJson,
  documentaryCreditsAbi,
  tradeFinance,
} from "../../sdk/src/tradeFinance/index.js";
import { rejects } from "./helpers.js";
import { toOrderDocument } from "./system.js";

const connection = await network.create();
const { networkHelpers } = connection;
const transport = custom(connection.provider as unknown as EIP1193Provider, { retryCount: 0 });
const publicClient = createPublicClient({ transport, pollingInterval: 10 });
const accounts = (await createWalletClient({ transport }).getAddresses()).map((a) => getAddress(a));
// ignition/parameters/localhost.json: 2 the carrier, 3 the exporter, 4 the importer, 5 Harbour Bank (HKD issuer).
const [, , carrier, exporter, importer, hkBank, cnBank] = accounts as [
  Address,
  Address,
  Address,
  Address,
  Address,
  Address,
  Address,
];
const DAY = 86_400n;

async function deployed() {
  const d = await deployCargoRails(connection, loadDeploymentPlan("localhost"), {
    deploymentId: `sdk-credits-${Date.now()}`,
  });
  const addresses = {
    participantRegistry: getAddress(d.participantRegistry),
    eblRegistry: getAddress(d.eblRegistry),
    deposits: { HKD: getAddress(d.deposits.HKD!) },
    documentaryCredits: getAddress(d.documentaryCredits),
  } satisfies CargoRailsAddresses;
  const as = (account: Address) =>
    createCargoRails({
      publicClient,
      walletClient: createWalletClient({ account, transport, pollingInterval: 10 }),
      addresses,
    });
  for (const to of [importer, hkBank]) {
    await (await as(hkBank).deposits.HKD.mint({ to, amount: "300000.00", bankReference: "LC-FUNDS" })).wait();
  }
  return { addresses, as };
}

/** A credit of HKD 250,000.00 issued by Harbour Bank for the importer in favour of the exporter, and an eBL. */
async function issued() {
  const { addresses, as } = await networkHelpers.loadFixture(deployed);
  const importerTf = tradeFinance(as(importer));
  const expiry = (await publicClient.getBlock()).timestamp + 30n * DAY;
  const application = await importerTf.credits.prepare({
    issuingBank: hkBank,
    applicant: importer,
    beneficiary: exporter,
    token: "HKD",
    amount: "250000.00",
    expiry,
    examinationPeriod: 3 * 86_400,
    reference: "LC-HB-0001",
  });
  const text = creditApplicationToJson({ application, applicantSignature: await importerTf.credits.sign(application) });
  const bankTf = tradeFinance(as(hkBank));
  await (await as(hkBank).deposits.HKD.approve({ spender: addresses.documentaryCredits, amount: "250000.00" })).wait();
  const { creditId } = await (await bankTf.credits.issue(creditApplicationFromJson(text))).wait();
  const document = toOrderDocument(`OSLU26LC${Date.now() % 100000}`);
  const bill = await as(carrier).ebl.issue({ document, shipper: exporter });
  await bill.wait();
  await (await as(exporter).ebl.approve({ tokenId: bill.tokenId, operator: addresses.documentaryCredits })).wait();
  return {
    addresses,
    as,
    application,
    creditId,
    expiry,
    tokenId: bill.tokenId,
    importerTf,
    bankTf,
    exporterTf: tradeFinance(as(exporter)),
  };
}

describe("SDK: documentary credits (@cargo-rails/sdk/trade-finance), Ignition deployment", function () {
  this.timeout(300_000);

  it("issues on the applicant's application (JSON): the credit id is the application's digest, the amount in escrow", async function () {
    const { addresses, as, application, creditId, bankTf } = await issued();
    expect(creditId).to.equal(await bankTf.credits.hashApplication(application));
    const onChain = await publicClient.readContract({
      address: addresses.documentaryCredits,
      abi: documentaryCreditsAbi,
      functionName: "hashApplication",
      args: [application.terms, application.nonce, application.deadline],
    });
    expect(onChain).to.equal(creditId);
    const credit = await bankTf.credits.get(creditId);
    expect(credit).to.deep.include({
      status: "issued",
      issuingBank: hkBank,
      applicant: importer,
      beneficiary: exporter,
      nominatedBank: null,
      amount: "250000.00",
      available: "250000.00",
      drawn: "0.00",
      eblRecipient: "issuingBank",
      examinationPeriod: 3n * DAY,
    });
    expect(await as(hkBank).deposits.HKD.balanceOf(addresses.documentaryCredits)).to.equal("250000.00");
    expect(await bankTf.credits.nonce(importer)).to.equal(application.nonce + 1n);
  });

  it("the exporter presents; the bank honours: the exporter paid and the eBL to the bank in one transaction", async function () {
    const { as, creditId, tokenId, bankTf, exporterTf } = await issued();
    const { presentationId } = await (
      await exporterTf.credits.present({ creditId, tokenId, amount: "250000.00" })
    ).wait();
    expect(presentationId).to.equal(exporterTf.credits.presentationIdOf(creditId, 1));
    expect((await bankTf.credits.presentation(presentationId)).status).to.equal("presented");
    expect((await bankTf.credits.get(creditId)).reserved).to.equal("250000.00");
    const before = await as(exporter).deposits.HKD.balanceOf(exporter);
    const { events } = await (await bankTf.credits.honour(presentationId)).wait();
    const names = events.map((e) => `${e.contract}.${e.eventName}`);
    expect(names).to.include.members(["DocumentaryCredits.Honoured", "TokenizedDeposit.Transfer"]);
    expect(Number(await as(exporter).deposits.HKD.balanceOf(exporter)) - Number(before)).to.equal(250_000);
    const bill = await as(exporter).ebl.bill(tokenId);
    expect([bill.holder, bill.titleHolder]).to.deep.equal([hkBank, hkBank]);
    expect(await bankTf.credits.get(creditId)).to.deep.include({ drawn: "250000.00", available: "0.00" });
  });

  it("a refusal seeking a waiver holds the eBL; the applicant's waiver honours it", async function () {
    const { as, creditId, tokenId, bankTf, importerTf, exporterTf } = await issued();
    const { presentationId } = await (
      await exporterTf.credits.present({ creditId, tokenId, amount: "250000.00" })
    ).wait();
    await (await bankTf.credits.refuse({ presentationId, discrepancies: ["LATE SHIPMENT"], seekWaiver: true })).wait();
    const discrepant = await bankTf.credits.presentation(presentationId);
    expect(discrepant).to.deep.include({ status: "discrepant", discrepancyCount: 1n });
    await (await importerTf.credits.waive(presentationId)).wait();
    expect((await bankTf.credits.presentation(presentationId)).status).to.equal("honoured");
    expect((await as(exporter).ebl.bill(tokenId)).holder).to.equal(hkBank);
  });

  it("the applicant reimburses the bank by an EIP-3009 authorisation that anyone submits", async function () {
    const { as, creditId, tokenId, bankTf, importerTf, exporterTf } = await issued();
    const { presentationId } = await (
      await exporterTf.credits.present({ creditId, tokenId, amount: "250000.00" })
    ).wait();
    await (await bankTf.credits.honour(presentationId)).wait();
    const payment = await importerTf.credits.signReimbursement({ creditId, amount: "250000.00" });
    const bankBefore = await as(hkBank).deposits.HKD.balanceOf(hkBank);
    await (await tradeFinance(as(cnBank)).credits.reimburse({ creditId, amount: "250000.00", payment })).wait();
    expect((await bankTf.credits.get(creditId)).reimbursed).to.equal("250000.00");
    expect(Number(await as(hkBank).deposits.HKD.balanceOf(hkBank)) - Number(bankBefore)).to.equal(250_000);
  });

  it("a presentation after expiry is a typed CreditPresentationPeriodOver and nothing moves; anyone then closes the credit", async function () {
    const { addresses, as, creditId, expiry, tokenId, bankTf, exporterTf } = await issued();
    await networkHelpers.time.increaseTo(expiry + 1n);
    const error = await rejects(
      () => exporterTf.credits.present({ creditId, tokenId, amount: "250000.00" }),
      ContractRevertError,
    );
    expect(error.errorName).to.equal("CreditPresentationPeriodOver");
    expect(error.shortMessage).to.contain(creditId);
    expect((await as(exporter).ebl.bill(tokenId)).holder).to.equal(exporter);
    expect(await as(exporter).deposits.HKD.balanceOf(addresses.documentaryCredits)).to.equal("250000.00");
    const before = await as(hkBank).deposits.HKD.balanceOf(hkBank);
    await (await tradeFinance(as(cnBank)).credits.close(creditId)).wait();
    expect((await bankTf.credits.get(creditId)).status).to.equal("closed");
    expect(Number(await as(hkBank).deposits.HKD.balanceOf(hkBank)) - Number(before)).to.equal(250_000);
  });

  it("an examination by another than the issuing or nominated bank is a typed CreditNotExaminer", async function () {
    const { as, creditId, tokenId, bankTf, exporterTf } = await issued();
    const { presentationId } = await (
      await exporterTf.credits.present({ creditId, tokenId, amount: "250000.00" })
    ).wait();
    const error = await rejects(() => tradeFinance(as(cnBank)).credits.honour(presentationId), ContractRevertError);
    expect(error.errorName).to.equal("CreditNotExaminer");
    expect(error.hint).to.be.a("string").and.not.empty;
    expect((await bankTf.credits.presentation(presentationId)).status).to.equal("presented");
  });
});
