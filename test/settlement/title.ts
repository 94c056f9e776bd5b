import { expect } from "chai";

import { hashSettlementEblDeposit } from "../../sdk/src/index.js";
import { BillKind, Kinds } from "../ebl/helpers.js";
import {
  ALLOWANCE,
  HKD,
  NO_EBL_AUTH,
  TermsStatus,
  deploySystem,
  ethers,
  networkHelpers,
  type Terms,
} from "./fixture.js";

const { loadFixture } = networkHelpers;

type System = Awaited<ReturnType<typeof deploySystem>>;

/**
 * The exporter holds a blank-endorsed (bearer) eBL and has approved the settlement contract for all its eBLs, as a
 * seller who trades often does; the importer has allowed the price. The terms sell it as bearer (titleRecipient zero).
 */
async function bearerSale() {
  const f = await deploySystem();
  await f.ebl.connect(f.exporter).blankEndorse(f.tokenId);
  await f.ebl.connect(f.exporter).setApprovalForAll(await f.settlement.getAddress(), true);
  await f.ebl.connect(f.exporter).setApprovalForAll(await f.escrow.getAddress(), true);
  await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), HKD(100_000));
  const t = await f.terms({ titleRecipient: ethers.ZeroAddress });
  return { f, t };
}

/** What each side holds, to show that a refused settlement moved nothing. */
async function snapshot(f: System) {
  return {
    holder: await f.ebl.holderOf(f.tokenId),
    title: await f.ebl.titleHolderOf(f.tokenId),
    importer: await f.hkd.balanceOf(f.importer.address),
    exporter: await f.hkd.balanceOf(f.exporter.address),
    custody: await f.hkd.balanceOf(await f.escrow.getAddress()),
    rail: await f.hkd.balanceOf(await f.rail.getAddress()),
  };
}

/** The buyer can use a bearer eBL it received: it holds it, may surrender it and may endorse it onward. */
async function expectBuyerHoldsBearer(f: System) {
  expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.importer.address);
  expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(ethers.ZeroAddress);
  expect(await f.lens.canSurrender(f.ebl, f.tokenId, f.importer.address)).to.equal(true);
  expect(await f.ebl.canEndorse(f.tokenId, f.importer.address)).to.equal(true);
}

describe("Settlement: the title the terms promise", function () {
  describe("a seller who re-endorses the eBL after the buyer agreed", function () {
    it("signed: re-endorsed to itself, the bearer terms still give the buyer a bearer eBL it can surrender and endorse", async function () {
      const { f, t } = await loadFixture(bearerSale);
      const s = await f.signed(t); // the buyer has signed
      await f.ebl.connect(f.exporter).endorse(f.tokenId, f.exporter.address);
      await expect(f.settlement.connect(f.relayer).settle(s))
        .to.emit(f.ebl, "BlankEndorsed")
        .withArgs(f.tokenId, f.exporter.address, f.exporter.address, await f.settlement.getAddress());
      await expectBuyerHoldsBearer(f);
    });

    it("signed: re-endorsed to a third party, the settlement is refused (SettlementTitleNotDeliverable) and nothing moves", async function () {
      const { f, t } = await loadFixture(bearerSale);
      const s = await f.signed(t);
      await f.ebl.connect(f.exporter).endorse(f.tokenId, f.cnBank.address);
      const before = await snapshot(f);
      await expect(f.settlement.connect(f.relayer).settle(s))
        .to.be.revertedWithCustomError(f.settlement, "SettlementTitleNotDeliverable")
        .withArgs(f.tokenId, ethers.ZeroAddress, f.cnBank.address);
      expect(await snapshot(f)).to.deep.equal(before);
    });

    it("deal: the buyer has paid; the seller re-endorses to a third party and deposits: refused, and the buyer can take its money back", async function () {
      const { f, t } = await loadFixture(bearerSale);
      const dealId = await f.escrow.hashTerms(t);
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await f.escrow.connect(f.importer).depositPayment(t, t.amount, "0x", ALLOWANCE);
      await f.ebl.connect(f.exporter).endorse(f.tokenId, f.cnBank.address);
      const before = await snapshot(f);
      await expect(f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "SettlementTitleNotDeliverable")
        .withArgs(f.tokenId, ethers.ZeroAddress, f.cnBank.address);
      expect(await snapshot(f)).to.deep.equal(before);
      expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Open), false, t.amount]);
      await expect(f.escrow.connect(f.importer).cancelDeal(t))
        .to.emit(f.escrow, "PaymentReturned")
        .withArgs(dealId, f.importer.address, t.amount);
    });

    it("deal: the buyer has paid; the seller re-endorses to itself and deposits: the deal settles with a bearer eBL for the buyer", async function () {
      const { f, t } = await loadFixture(bearerSale);
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await f.escrow.connect(f.importer).depositPayment(t, t.amount, "0x", ALLOWANCE);
      await f.ebl.connect(f.exporter).endorse(f.tokenId, f.exporter.address);
      await expect(f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH)).to.emit(f.escrow, "Settled");
      await expectBuyerHoldsBearer(f);
    });

    it("batch: the item whose seller re-endorsed away fails alone with SettlementTitleNotDeliverable", async function () {
      const { f, t } = await loadFixture(bearerSale);
      const other = await f.issueBill("TITLE-BATCH-01");
      const t2 = await f.terms({ tokenId: other.id, documentHash: other.hash, salt: ethers.id("second") });
      const items = [await f.signed(t), await f.signed(t2)];
      await f.ebl.connect(f.exporter).endorse(f.tokenId, f.cnBank.address);
      const reason = f.settlement.interface.encodeErrorResult("SettlementTitleNotDeliverable", [
        f.tokenId,
        ethers.ZeroAddress,
        f.cnBank.address,
      ]);
      await expect(f.settlement.connect(f.relayer).settleBatch(items))
        .to.emit(f.settlement, "BatchItemFailed")
        .withArgs(0n, await f.settlement.hashTerms(t), reason);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.exporter.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.cnBank.address);
      expect(await f.ebl.holderOf(other.id)).to.equal(f.importer.address);
      expect(await f.ebl.titleHolderOf(other.id)).to.equal(f.importer.address);
    });
  });

  describe("blank-endorsed (bearer) eBLs", function () {
    it("bearer to bearer: only possession moves, no endorsement", async function () {
      const { f, t } = await loadFixture(bearerSale);
      const tx = f.settlement.connect(f.relayer).settle(await f.signed(t));
      await expect(tx).to.emit(f.settlement, "Settled");
      await expect(tx).not.to.emit(f.ebl, "Endorsed");
      await expect(tx).not.to.emit(f.ebl, "BlankEndorsed");
      await expectBuyerHoldsBearer(f);
    });

    it("bearer to a named endorsee: endorsed and delivered to the buyer, who then has title", async function () {
      const { f } = await loadFixture(bearerSale);
      const t = await f.terms(); // titleRecipient: the importer
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.emit(f.ebl, "Endorsed")
        .withArgs(
          f.tokenId,
          f.exporter.address,
          f.importer.address,
          ethers.ZeroAddress,
          await f.settlement.getAddress(),
          true,
        );
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.ebl.canEndorse(f.tokenId, f.importer.address)).to.equal(true);
    });

    it("to order to bearer: the settlement endorses in blank, then delivers", async function () {
      const f = await loadFixture(deploySystem);
      await f.approveBoth();
      const t = await f.terms({ titleRecipient: ethers.ZeroAddress });
      const tx = f.settlement.connect(f.relayer).settle(await f.signed(t));
      await expect(tx)
        .to.emit(f.ebl, "BlankEndorsed")
        .withArgs(f.tokenId, f.exporter.address, f.exporter.address, await f.settlement.getAddress());
      await expectBuyerHoldsBearer(f);
    });

    it("bearer to bearer in an escrowed deal, relayed with the seller's deposit consent", async function () {
      const { f, t } = await loadFixture(bearerSale);
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await f.escrow.connect(f.importer).depositPayment(t, t.amount, "0x", ALLOWANCE);
      await expect(
        f.escrow.connect(f.relayer).depositEbl(t, await f.signEblDeposit(f.exporter, t), NO_EBL_AUTH),
      ).to.emit(f.escrow, "Settled");
      await expectBuyerHoldsBearer(f);
    });
  });

  describe("straight B/Ls", function () {
    async function straightSale() {
      const f = await deploySystem();
      const bill = await f.issueBill("TITLE-STR-01", BillKind.Straight, f.importer.address);
      await f.ebl.connect(f.exporter).setApprovalForAll(await f.settlement.getAddress(), true);
      await f.ebl.connect(f.exporter).setApprovalForAll(await f.escrow.getAddress(), true);
      await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), HKD(100_000));
      const on = (overrides: Partial<Terms>) =>
        f.terms({ tokenId: bill.id, documentHash: bill.hash, titleRecipient: f.importer.address, ...overrides });
      return { f, bill, on };
    }

    it("refuses terms that name another title recipient than the consignee (SettlementTitleNotDeliverable)", async function () {
      const { f, bill, on } = await loadFixture(straightSale);
      const t = await on({ titleRecipient: f.cnBank.address });
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.be.revertedWithCustomError(f.settlement, "SettlementTitleNotDeliverable")
        .withArgs(bill.id, f.cnBank.address, f.importer.address);
      expect(await f.ebl.holderOf(bill.id)).to.equal(f.exporter.address);
    });

    it("refuses bearer terms (a straight B/L cannot be endorsed in blank)", async function () {
      const { f, bill, on } = await loadFixture(straightSale);
      const t = await on({ titleRecipient: ethers.ZeroAddress });
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.be.revertedWithCustomError(f.settlement, "SettlementTitleNotDeliverable")
        .withArgs(bill.id, ethers.ZeroAddress, f.importer.address);
    });

    it("refuses a deposit into a deal whose terms name another title recipient than the consignee", async function () {
      const { f, bill, on } = await loadFixture(straightSale);
      const t = await on({ titleRecipient: f.cnBank.address });
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await expect(f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "SettlementTitleNotDeliverable")
        .withArgs(bill.id, f.cnBank.address, f.importer.address);
      expect(await f.ebl.holderOf(bill.id)).to.equal(f.exporter.address);
    });

    it("keeps the registry's possession rule: a receiver who is not the consignee, shipper, carrier or an intermediary is refused", async function () {
      const { f, bill, on } = await loadFixture(straightSale);
      await f.register(f.relayer.address, Kinds.TRADER);
      const t = await on({ eblRecipient: f.relayer.address });
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.be.revertedWithCustomError(f.ebl, "EblStraightRecipientNotAllowed")
        .withArgs(bill.id, f.relayer.address);
    });

    it("delivers to a bank of the consignee with the consignee's title unchanged", async function () {
      const { f, bill, on } = await loadFixture(straightSale);
      const t = await on({ eblRecipient: f.hkBank.address });
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t))).to.emit(f.settlement, "Settled");
      expect(await f.ebl.holderOf(bill.id)).to.equal(f.hkBank.address);
      expect(await f.ebl.titleHolderOf(bill.id)).to.equal(f.importer.address);
    });
  });

  describe("the outcome is checked after delivery", function () {
    it("an eBL recipient that endorses the eBL away from inside onERC721Received undoes the settlement (SettlementTitleMismatch)", async function () {
      const f = await loadFixture(deploySystem);
      const receiver = await ethers.deployContract("ReentrantEblReceiver", [f.outsider.address]);
      const receiverAddress = await receiver.getAddress();
      await f.register(receiverAddress, Kinds.TRADER);
      await f.approveBoth();
      const t = await f.terms({ eblRecipient: receiverAddress, titleRecipient: receiverAddress });
      // On receipt, the new holder with title blank-endorses it: the title is no longer the one the terms state.
      await receiver.setReentry(
        await f.ebl.getAddress(),
        f.ebl.interface.encodeFunctionData("blankEndorse", [f.tokenId]),
      );
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.be.revertedWithCustomError(f.settlement, "SettlementTitleMismatch")
        .withArgs(f.tokenId, ethers.ZeroAddress, receiverAddress);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.exporter.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.exporter.address);
      expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
    });
  });

  describe("a deposit of the seller's eBL by anyone else needs the seller's consent to that deposit", function () {
    /**
     * The exporter once agreed to sell its eBL to the importer at HKD 25 000 (an old deal, still open) and has a
     * standing approval of the settlement contract; it now sells the same eBL to the HK bank at HKD 30 000.
     */
    async function oldDeal() {
      const f = await deploySystem();
      await f.ebl.connect(f.exporter).setApprovalForAll(await f.settlement.getAddress(), true);
      await f.ebl.connect(f.exporter).setApprovalForAll(await f.escrow.getAddress(), true);
      const old = await f.terms({ salt: ethers.id("old deal") });
      await f.escrow.connect(f.exporter).createDeal(old, "0x");
      await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), old.amount);
      await f.escrow.connect(f.importer).depositPayment(old, old.amount, "0x", ALLOWANCE);
      const sale = await f.terms({
        buyer: f.hkBank.address,
        eblRecipient: f.hkBank.address,
        titleRecipient: f.hkBank.address,
        amount: HKD(30_000),
        salt: ethers.id("new sale"),
      });
      return { f, old, sale };
    }

    it("the old deal's buyer cannot front-run the new sale by pushing the eBL into the old deal (RailsInvalidSignature)", async function () {
      const { f, old } = await loadFixture(oldDeal);
      const before = await snapshot(f);
      await expect(f.escrow.connect(f.importer).depositEbl(old, "0x", NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
      expect(await snapshot(f)).to.deep.equal(before);
      expect(await f.escrow.openDealOf(old.registry, old.tokenId)).to.equal(ethers.ZeroHash);
    });

    it("the seller's new sale then goes through", async function () {
      const { f, old, sale } = await loadFixture(oldDeal);
      await expect(f.escrow.connect(f.importer).depositEbl(old, "0x", NO_EBL_AUTH)).to.be.revertedWithCustomError(
        f.escrow,
        "RailsInvalidSignature",
      );
      await f.hkd.connect(f.hkBank).approve(await f.rail.getAddress(), sale.amount);
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(sale, { buyer: f.hkBank }))).to.emit(
        f.settlement,
        "Settled",
      );
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.hkBank.address);
    });

    it("refuses the seller's public deal signature (hashDeal) as deposit consent", async function () {
      const { f, old } = await loadFixture(oldDeal);
      await expect(f.escrow.connect(f.importer).depositEbl(old, await f.signDeal(f.exporter, old), NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
    });

    it("refuses the seller's signature of the terms (hashTerms) as deposit consent", async function () {
      const { f, old } = await loadFixture(oldDeal);
      await expect(f.escrow.connect(f.importer).depositEbl(old, await f.signTerms(f.exporter, old), NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
    });

    it("refuses a deposit consent the seller gave for another deal", async function () {
      const { f, old, sale } = await loadFixture(oldDeal);
      await expect(f.escrow.connect(f.importer).depositEbl(old, await f.signEblDeposit(f.exporter, sale), NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
    });

    it("refuses a deposit consent signed by someone other than the seller", async function () {
      const { f, old } = await loadFixture(oldDeal);
      await expect(f.escrow.connect(f.importer).depositEbl(old, await f.signEblDeposit(f.importer, old), NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
    });

    it("accepts a relayed deposit with the seller's consent, which cannot be replayed once the deal has ended", async function () {
      const { f, old } = await loadFixture(oldDeal);
      const consent = await f.signEblDeposit(f.exporter, old);
      const dealId = await f.escrow.hashTerms(old);
      await expect(f.escrow.connect(f.relayer).depositEbl(old, consent, NO_EBL_AUTH))
        .to.emit(f.escrow, "Settled")
        .withArgs(
          dealId,
          f.exporter.address,
          f.importer.address,
          old.registry,
          old.tokenId,
          old.paymentToken,
          old.amount,
        );
      // The importer sells the eBL back to the exporter; the old consent cannot pull it into the ended deal.
      await f.ebl.connect(f.importer).transferFrom(f.importer.address, f.exporter.address, f.tokenId);
      await expect(f.escrow.connect(f.relayer).depositEbl(old, consent, NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "SettlementDealNotOpen")
        .withArgs(dealId, TermsStatus.Settled);
    });
  });

  describe("views", function () {
    it("EBL_DEPOSIT_TYPEHASH is the hash of the documented type string", async function () {
      const f = await loadFixture(deploySystem);
      expect(await f.escrow.EBL_DEPOSIT_TYPEHASH()).to.equal(
        ethers.id(
          "EblDeposit(Terms terms)Terms(address registry,uint256 tokenId,bytes32 documentHash,address paymentToken," +
            "uint256 amount,address seller,address buyer,address eblRecipient,address titleRecipient," +
            "address paymentRecipient,address condition,bytes32 conditionData,uint256 deadline,bytes32 salt)",
        ),
      );
    });

    it("hashEblDeposit equals the SDK's hash, and differs from hashTerms and hashDeal", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const onChain = await f.escrow.hashEblDeposit(t);
      const domain = { ...f.domains.escrow, verifyingContract: f.domains.escrow.verifyingContract as `0x${string}` };
      expect(onChain).to.equal(
        hashSettlementEblDeposit(
          {
            ...t,
            registry: t.registry as `0x${string}`,
            documentHash: t.documentHash as `0x${string}`,
            paymentToken: t.paymentToken as `0x${string}`,
            seller: t.seller as `0x${string}`,
            buyer: t.buyer as `0x${string}`,
            eblRecipient: t.eblRecipient as `0x${string}`,
            titleRecipient: t.titleRecipient as `0x${string}`,
            paymentRecipient: t.paymentRecipient as `0x${string}`,
            condition: t.condition as `0x${string}`,
            conditionData: t.conditionData as `0x${string}`,
            salt: t.salt as `0x${string}`,
          },
          domain,
        ),
      );
      expect(onChain).to.not.equal(await f.escrow.hashTerms(t));
      expect(onChain).to.not.equal(await f.escrow.hashDeal(t));
    });
  });
});
