/**
 * The `@cargo-rails/sdk/trade-finance` entry against the real contracts, deployed by the Ignition module
 * (ignition/modules/CargoRails.ts, the localhost plan) on Hardhat's in-process network: trust receipts, documents
 * against acceptance with a payment obligation, through `tradeFinance(rails)` bound to each party's client.
 */
import { expect } from "chai";
import { network } from "hardhat";
import {
  createPublicClient,
  createWalletClient,
  custom,
  encodeErrorResult,
  getAddress,
  type Address,
  type EIP1193Provider,
} from "viem";

import { loadDeploymentPlan } from "../../ignition/plan.js";
import { deployCargoRails } from "../../scripts/lib/deployment.js";
import {
  billOfLadingRegistryAbi,
  ContractRevertError,
  createCargoRails,
  decodeRevertData,
  type CargoRailsAddresses,
} from "../../sdk/src/index.js";
import {
  acceptanceAuthorizationFromJson,
  acceptanceAuthorizationToJson,
  discountOfferFromJson,
  discountOfferToJson,
  paymentObligationsAbi,
  tradeFinance,
  TradeFinanceNotConfiguredError,
  trustReceiptFromJson,
  trustReceiptToJson,
  trustReceiptsAbi,
  type TradeFinanceRevertError,
} from "../../sdk/src/tradeFinance/index.js";
import { rejects } from "./helpers.js";
import { toOrderDocument } from "./system.js";

const connection = await network.create();
const { networkHelpers } = connection;
const transport = custom(connection.provider as unknown as EIP1193Provider, { retryCount: 0 });
const publicClient = createPublicClient({ transport, pollingInterval: 10 });
const accounts = (await createWalletClient({ transport }).getAddresses()).map((a) => getAddress(a));
// ignition/parameters/localhost.json: account 2 the carrier, 3 the exporter (CN trader), 4 the importer (HK
// trader), 5 Harbour Bank (the HKD issuer), 6 Pudong Bank (a CN bank).
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
  const plan = loadDeploymentPlan("localhost");
  const d = await deployCargoRails(connection, plan, { deploymentId: `sdk-trade-finance-${Date.now()}` });
  const addresses = {
    participantRegistry: getAddress(d.participantRegistry),
    accessManager: getAddress(d.accessManager),
    eblRegistry: getAddress(d.eblRegistry),
    deposits: { HKD: getAddress(d.deposits.HKD!) },
    trustReceipts: getAddress(d.trustReceipts),
    paymentObligations: getAddress(d.paymentObligations),
    documentsAgainstAcceptance: getAddress(d.documentsAgainstAcceptance),
  } satisfies CargoRailsAddresses;
  const as = (account: Address) =>
    createCargoRails({
      publicClient,
      walletClient: createWalletClient({ account, transport, pollingInterval: 10 }),
      addresses,
    });
  const bank = as(hkBank);
  for (const to of [importer, cnBank]) {
    await (await bank.deposits.HKD.mint({ to, amount: "500000.00", bankReference: "TF-FUNDING" })).wait();
  }
  return { addresses, as };
}

let reference = 0;
/** A to-order eBL issued to the exporter; with `toBank`, endorsed and delivered to Harbour Bank (title with it). */
async function eblFor(as: (a: Address) => ReturnType<typeof createCargoRails>, toBank: boolean): Promise<bigint> {
  const issued = await as(carrier).ebl.issue({
    document: toOrderDocument(`OSLU26TF${String(++reference).padStart(4, "0")}`),
    shipper: exporter,
  });
  await issued.wait();
  if (toBank) await (await as(exporter).ebl.endorseAndDeliver({ tokenId: issued.tokenId, endorsee: hkBank })).wait();
  return issued.tokenId;
}

describe("SDK: trade finance (@cargo-rails/sdk/trade-finance), Ignition deployment", function () {
  this.timeout(300_000);

  it("binds to a client's addresses, and a namespace without its address throws TradeFinanceNotConfiguredError", async function () {
    const { addresses, as } = await networkHelpers.loadFixture(deployed);
    const tf = tradeFinance(as(importer));
    expect(tf.trustReceipts.address).to.equal(addresses.trustReceipts);
    expect(tf.acceptances.obligations).to.equal(addresses.paymentObligations);
    await tf.verify();
    const bare = tradeFinance(
      createCargoRails({ publicClient, addresses: { participantRegistry: addresses.participantRegistry } }),
    );
    const error = await rejects(async () => bare.credits, TradeFinanceNotConfiguredError);
    expect(error.message).to.contain("addresses.documentaryCredits");
    expect(() => bare.trustReceipts).to.throw(TradeFinanceNotConfiguredError);
  });

  it("binding adds the trade-finance errors to the decoding without changing how a shared error of the core reads", async function () {
    const { as } = await networkHelpers.loadFixture(deployed);
    tradeFinance(as(importer));
    // ERC721NonexistentToken(uint256): explained by the eBL registry's table and by PaymentObligations' (the DPO).
    const data = encodeErrorResult({
      abi: paymentObligationsAbi,
      errorName: "ERC721NonexistentToken",
      args: [255n],
    });
    expect(decodeRevertData(data).shortMessage).to.equal(
      decodeRevertData(
        encodeErrorResult({ abi: billOfLadingRegistryAbi, errorName: "ERC721NonexistentToken", args: [255n] }),
      ).shortMessage,
    );
    expect(decodeRevertData(data).shortMessage).not.to.contain("bligation");
    // A trade-finance error decodes with its explanation wherever it is met.
    const overpaid = decodeRevertData(
      encodeErrorResult({
        abi: trustReceiptsAbi,
        errorName: "TrustReceiptOverpayment",
        args: [`0x${"11".repeat(32)}`, 5n, 6n],
      }),
    );
    expect(overpaid.errorName).to.equal("TrustReceiptOverpayment");
    expect(overpaid.hint).to.be.a("string").and.not.empty;
  });

  describe("trust receipts", function () {
    async function opened() {
      const { addresses, as } = await networkHelpers.loadFixture(deployed);
      const tokenId = await eblFor(as, true);
      const bank = tradeFinance(as(hkBank));
      const time = (await publicClient.getBlock()).timestamp;
      const terms = await bank.trustReceipts.prepare({
        importer,
        tokenId,
        token: "HKD",
        amount: "180000.00",
        dueDate: time + 90n * DAY,
        reference: "TR-HB-0001",
      });
      // The importer signs on its side; the terms travel as JSON.
      const text = trustReceiptToJson({
        terms,
        importerSignature: await tradeFinance(as(importer)).trustReceipts.sign(terms),
      });
      await (await as(hkBank).ebl.approve({ tokenId, operator: addresses.trustReceipts })).wait();
      const open = await bank.trustReceipts.open(trustReceiptFromJson(text));
      const { receiptId, events } = await open.wait();
      return { addresses, as, tokenId, terms, receiptId, events, bank, importerTf: tradeFinance(as(importer)) };
    }

    it("opens a receipt on the importer's signed terms: the id is the terms' digest, the eBL in custody, the events decoded", async function () {
      const { addresses, as, tokenId, terms, receiptId, events, bank } = await opened();
      expect(receiptId).to.equal(await bank.trustReceipts.hashTerms(terms));
      const receipt = await bank.trustReceipts.get(receiptId);
      expect(receipt).to.deep.include({
        status: "active",
        bank: hkBank,
        importer,
        amount: "180000.00",
        repaid: "0.00",
      });
      expect(receipt.outstanding).to.equal("180000.00");
      expect(await bank.trustReceipts.receiptOfEbl(tokenId)).to.equal(receiptId);
      const bill = await as(importer).ebl.bill(tokenId);
      expect(bill.holder).to.equal(addresses.trustReceipts);
      expect(bill.titleHolder).to.equal(hkBank);
      // The receipt's own event and the registry's transfer, in one list, in log order.
      const names = events.map((e) => `${e.contract}.${e.eventName}`);
      expect(names).to.include("TrustReceipts.TrustReceiptOpened");
      expect(names).to.include("BillOfLadingRegistry.Transfer");
      expect(await bank.trustReceipts.nonce(importer)).to.equal(terms.nonce + 1n);
    });

    it("the importer surrenders for delivery, the carrier rejects, anyone resumes; partial then full repayment (allowance, then an EIP-3009 authorisation) delivers title to the importer", async function () {
      const { addresses, as, tokenId, receiptId, importerTf } = await opened();
      await (await importerTf.trustReceipts.surrenderForDelivery(receiptId)).wait();
      expect((await importerTf.trustReceipts.get(receiptId)).status).to.equal("surrendered");
      await (await as(carrier).ebl.rejectSurrender({ tokenId })).wait();
      await (await tradeFinance(as(cnBank)).trustReceipts.resume(receiptId)).wait();
      expect((await importerTf.trustReceipts.get(receiptId)).status).to.equal("active");

      const hkd = as(importer).deposits.HKD;
      await (await hkd.approve({ spender: addresses.trustReceipts, amount: "80000.00" })).wait();
      await (await importerTf.trustReceipts.repay({ receiptId, amount: "80000.00" })).wait();
      expect((await importerTf.trustReceipts.get(receiptId)).outstanding).to.equal("100000.00");

      const payment = await importerTf.trustReceipts.signRepayment({ receiptId, amount: "100000.00" });
      expect(payment.method).to.equal("authorization");
      await (await importerTf.trustReceipts.repay({ receiptId, amount: "100000.00", payment })).wait();
      const receipt = await importerTf.trustReceipts.get(receiptId);
      expect(receipt).to.deep.include({ status: "repaid", repaid: "180000.00", outstanding: "0.00" });
      const bill = await as(importer).ebl.bill(tokenId);
      expect([bill.holder, bill.titleHolder]).to.deep.equal([importer, importer]);
      expect(await hkd.balanceOf(importer)).to.equal("320000.00");
    });

    it("a repayment above the outstanding is a typed TrustReceiptOverpayment before anything is sent, and nothing moves", async function () {
      const { as, receiptId, importerTf } = await opened();
      const hkd = as(importer).deposits.HKD;
      const before = await hkd.balanceOf(importer);
      const nonce = await publicClient.getTransactionCount({ address: importer });
      const error = await rejects(
        () => importerTf.trustReceipts.repay({ receiptId, amount: "180000.01" }),
        ContractRevertError,
      );
      const typed = error as TradeFinanceRevertError;
      expect(typed.errorName).to.equal("TrustReceiptOverpayment");
      if (typed.errorName === "TrustReceiptOverpayment") expect(typed.args[1]).to.equal(18_000_000n);
      expect(typed.shortMessage).to.contain("exceeds the 18000000 outstanding");
      expect(await publicClient.getTransactionCount({ address: importer })).to.equal(nonce);
      expect(await hkd.balanceOf(importer)).to.equal(before);
      expect((await importerTf.trustReceipts.get(receiptId)).repaid).to.equal("0.00");
    });

    it("the bank cannot recall before default (TrustReceiptNotInDefault); after the due date it recalls the eBL", async function () {
      const { as, tokenId, receiptId, terms, bank } = await opened();
      const early = await rejects(() => bank.trustReceipts.recall(receiptId), ContractRevertError);
      expect(early.errorName).to.equal("TrustReceiptNotInDefault");
      await networkHelpers.time.increaseTo(terms.dueDate + 1n);
      expect((await bank.trustReceipts.get(receiptId)).inDefault).to.equal(true);
      await (await bank.trustReceipts.recall(receiptId)).wait();
      expect((await bank.trustReceipts.get(receiptId)).status).to.equal("recalled");
      expect((await as(hkBank).ebl.bill(tokenId)).holder).to.equal(hkBank);
    });

    it("a prepared write is simulated for the given account and not sent", async function () {
      const { receiptId, bank } = await opened();
      const prepared = await bank.trustReceipts.release.prepare(receiptId, { account: hkBank });
      expect(prepared.operation).to.equal("trustReceipts.release");
      expect(prepared.to).to.equal(bank.trustReceipts.address);
      expect((await bank.trustReceipts.get(receiptId)).status).to.equal("active");
    });
  });

  describe("documents against acceptance and the payment obligation", function () {
    async function accepted() {
      const { addresses, as } = await networkHelpers.loadFixture(deployed);
      const tokenId = await eblFor(as, false);
      const exporterTf = tradeFinance(as(exporter));
      await (await as(exporter).ebl.approve({ tokenId, operator: addresses.documentsAgainstAcceptance })).wait();
      const time = (await publicClient.getBlock()).timestamp;
      const { collectionId } = await (
        await exporterTf.acceptances.lodge({
          tokenId,
          drawee: importer,
          token: "HKD",
          amount: "120000.00",
          tenor: 90 * 86_400,
          acceptBy: time + 7n * DAY,
        })
      ).wait();
      const importerTf = tradeFinance(as(importer));
      // The drawee's treasury signs the authorisation for maturity; it travels as JSON to whoever accepts.
      const authorization = acceptanceAuthorizationFromJson(
        acceptanceAuthorizationToJson(await importerTf.acceptances.signAcceptance({ collectionId })),
      );
      const { obligationId, maturity } = await (
        await importerTf.acceptances.accept({ collectionId, authorization })
      ).wait();
      return { addresses, as, tokenId, collectionId, obligationId, maturity, exporterTf, importerTf, authorization };
    }

    it("acceptance issues the obligation to the exporter and delivers the eBL to the importer, in one transaction", async function () {
      const { as, tokenId, collectionId, obligationId, maturity, exporterTf, authorization } = await accepted();
      expect(obligationId).to.equal(exporterTf.acceptances.obligationIdOf(collectionId));
      expect(maturity).to.equal(authorization.validAfter + 1n);
      const obligation = await exporterTf.acceptances.obligation(obligationId);
      expect(obligation).to.deep.include({
        status: "outstanding",
        holder: exporter,
        drawer: exporter,
        drawee: importer,
        amount: "120000.00",
        arrangement: "authorization",
        avalist: null,
      });
      expect((await exporterTf.acceptances.collection(collectionId)).status).to.equal("accepted");
      const bill = await as(importer).ebl.bill(tokenId);
      expect([bill.holder, bill.titleHolder]).to.deep.equal([importer, importer]);
    });

    it("a bank discounts it atomically on the holder's signed offer (JSON), and collects at maturity once", async function () {
      const { as, obligationId, maturity, exporterTf } = await accepted();
      const offer = await exporterTf.acceptances.prepareDiscount({ obligationId, buyer: cnBank, price: "118200.00" });
      const text = discountOfferToJson({ offer, holderSignature: await exporterTf.acceptances.signDiscount(offer) });
      const bankTf = tradeFinance(as(cnBank));
      const signed = discountOfferFromJson(text);
      const payment = await bankTf.acceptances.signDiscountPayment(signed.offer);
      const hkd = as(cnBank).deposits.HKD;
      const [exporterBefore, bankBefore] = [await hkd.balanceOf(exporter), await hkd.balanceOf(cnBank)];
      await (await bankTf.acceptances.discount({ ...signed, payment })).wait();
      expect(await hkd.balanceOf(exporter)).to.equal((Number(exporterBefore) + 118_200).toFixed(2));
      expect((await bankTf.acceptances.obligation(obligationId)).holder).to.equal(cnBank);

      const early = await rejects(() => bankTf.acceptances.collect(obligationId), ContractRevertError);
      expect(early.errorName).to.equal("ObligationNotDue");

      await networkHelpers.time.increaseTo(maturity);
      const { events } = await (await tradeFinance(as(exporter)).acceptances.collect(obligationId)).wait();
      expect(events.some((e) => e.contract === "PaymentObligations" && e.eventName === "ObligationPaid")).to.equal(
        true,
      );
      expect(await hkd.balanceOf(cnBank)).to.equal((Number(bankBefore) - 118_200 + 120_000).toFixed(2));
      expect((await bankTf.acceptances.obligation(obligationId)).status).to.equal("paid");
      const again = await rejects(() => bankTf.acceptances.collect(obligationId), ContractRevertError);
      expect(["ObligationAlreadyPaid", "ObligationInvalidStatus"]).to.include(again.errorName);
    });

    it("only the drawee accepts: another party's acceptance is a typed CollectionNotDrawee and the eBL stays in custody", async function () {
      const { addresses, as } = await networkHelpers.loadFixture(deployed);
      const tokenId = await eblFor(as, false);
      await (await as(exporter).ebl.approve({ tokenId, operator: addresses.documentsAgainstAcceptance })).wait();
      const time = (await publicClient.getBlock()).timestamp;
      const { collectionId } = await (
        await tradeFinance(as(exporter)).acceptances.lodge({
          tokenId,
          drawee: importer,
          token: "HKD",
          amount: "1000.00",
          tenor: 30 * 86_400,
          acceptBy: time + DAY,
        })
      ).wait();
      const error = await rejects(
        () => tradeFinance(as(cnBank)).acceptances.accept({ collectionId }),
        ContractRevertError,
      );
      expect(error.errorName).to.equal("CollectionNotDrawee");
      expect(error.hint).to.be.a("string").and.not.empty;
      expect((await as(exporter).ebl.bill(tokenId)).holder).to.equal(addresses.documentsAgainstAcceptance);
    });
  });
});
