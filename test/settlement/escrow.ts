import { expect } from "chai";

import {
  ALLOWANCE,
  CancelReason,
  HKD,
  NO_EBL_AUTH,
  TermsStatus,
  deploySystem,
  ethers,
  networkHelpers,
  type Terms,
} from "./fixture.js";

const { loadFixture, time } = networkHelpers;

/** The system with an open deal on the default terms (created by the exporter) and both legs approved. */
async function openDeal() {
  const f = await deploySystem();
  const t = await f.terms();
  const dealId = await f.escrow.hashTerms(t);
  await f.escrow.connect(f.exporter).createDeal(t, "0x");
  await f.approveBoth(HKD(25_000), await f.escrow.getAddress());
  return { f, t, dealId };
}

type System = Awaited<ReturnType<typeof deploySystem>>;

const pay = (f: System, t: Terms, amount: bigint) =>
  f.escrow.connect(f.importer).depositPayment(t, amount, "0x", ALLOWANCE);
const depositEbl = (f: System, t: Terms) => f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH);

describe("EscrowedDeals", function () {
  describe("createDeal", function () {
    it("opens a deal when the seller calls; nothing moves and nothing is reserved before the deposit", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const dealId = await f.escrow.hashTerms(t);
      expect(await f.escrow.connect(f.exporter).createDeal.staticCall(t, "0x")).to.equal(dealId);
      await expect(f.escrow.connect(f.exporter).createDeal(t, "0x"))
        .to.emit(f.escrow, "DealCreated")
        .withArgs(dealId, Object.values(t), f.exporter.address);
      expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Open), false, 0n]);
      expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(ethers.ZeroHash);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address); // nothing moves yet
    });

    it("opens a deal submitted by a relayer with the seller's signature of the deal", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await expect(f.escrow.connect(f.relayer).createDeal(t, await f.signDeal(f.exporter, t)))
        .to.emit(f.escrow, "DealCreated")
        .withArgs(await f.escrow.hashTerms(t), Object.values(t), f.relayer.address);
    });

    it("refuses the seller's signature of the terms (a settle consent) as a deal consent", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await expect(f.escrow.connect(f.relayer).createDeal(t, await f.signTerms(f.exporter, t)))
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
    });

    it("refuses the buyer (or anyone) without the seller's signature", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await expect(f.escrow.connect(f.importer).createDeal(t, "0x"))
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
      await expect(f.escrow.connect(f.importer).createDeal(t, await f.signDeal(f.importer, t)))
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
    });

    it("refuses the same terms twice (SettlementTermsUsed)", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await expect(f.escrow.connect(f.exporter).createDeal(t, "0x"))
        .to.be.revertedWithCustomError(f.escrow, "SettlementTermsUsed")
        .withArgs(dealId, TermsStatus.Open);
    });

    it("lets two deals name one eBL; the one it is deposited into holds it, the other cannot get it (no double sale)", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      const t2 = await f.terms({
        amount: HKD(20_000),
        buyer: f.hkBank.address,
        eblRecipient: f.hkBank.address,
        titleRecipient: f.hkBank.address,
      });
      const deal2 = await f.escrow.hashTerms(t2);
      await f.escrow.connect(f.exporter).createDeal(t2, "0x");
      await depositEbl(f, t);
      expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(dealId);
      await expect(depositEbl(f, t2))
        .to.be.revertedWithCustomError(f.escrow, "SettlementEblInOpenDeal")
        .withArgs(t.registry, t.tokenId, dealId);
      expect(await f.escrow.dealOf(deal2)).to.deep.equal([BigInt(TermsStatus.Open), false, 0n]);
    });

    it("checks the terms like a signed settlement (deadline, amount, parties, open market)", async function () {
      const f = await loadFixture(deploySystem);
      const now = BigInt(await time.latest());
      const expired = await f.terms({ deadline: now });
      await time.setNextBlockTimestamp(now + 1n);
      await expect(f.escrow.connect(f.exporter).createDeal(expired, "0x"))
        .to.be.revertedWithCustomError(f.escrow, "RailsExpired")
        .withArgs(now, now + 1n);
      await expect(
        f.escrow.connect(f.exporter).createDeal(await f.terms({ amount: 0n }), "0x"),
      ).to.be.revertedWithCustomError(f.escrow, "RailsZeroAmount");
      await expect(
        f.escrow.connect(f.exporter).createDeal(await f.terms({ buyer: f.exporter.address }), "0x"),
      ).to.be.revertedWithCustomError(f.escrow, "SettlementInvalidParties");
      // a recipient that is the contract itself: the leg would belong to no deal
      const escrowAddress = await f.escrow.getAddress();
      for (const override of [{ paymentRecipient: escrowAddress }, { eblRecipient: escrowAddress }]) {
        await expect(
          f.escrow.connect(f.exporter).createDeal(await f.terms(override), "0x"),
        ).to.be.revertedWithCustomError(f.escrow, "SettlementInvalidParties");
      }
      await expect(f.escrow.connect(f.exporter).createDeal(await f.terms({ registry: f.outsider.address }), "0x"))
        .to.be.revertedWithCustomError(f.escrow, "SettlementMarketClosed")
        .withArgs(f.outsider.address, await f.hkd.getAddress());
      await expect(f.escrow.connect(f.exporter).createDeal(await f.terms({ paymentToken: f.outsider.address }), "0x"))
        .to.be.revertedWithCustomError(f.escrow, "SettlementMarketClosed")
        .withArgs(await f.ebl.getAddress(), f.outsider.address);
    });
  });

  describe("depositEbl", function () {
    it("takes the eBL into custody (possession only; title stays with the seller)", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await expect(depositEbl(f, t))
        .to.emit(f.escrow, "EblDeposited")
        .withArgs(dealId, f.exporter.address, t.registry, t.tokenId);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(await f.escrow.getAddress());
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.exporter.address);
      expect((await f.ebl.billOf(f.tokenId)).custodyForTitle).to.equal(true);
      expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Open), true, 0n]);
    });

    it("can be submitted by anyone with the seller's deposit consent and eBL permit, no prior approval", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await expect(
        f.escrow
          .connect(f.relayer)
          .depositEbl(
            t,
            await f.signEblDeposit(f.exporter, t),
            await f.eblPermit(f.exporter, f.tokenId, undefined, await f.escrow.getAddress()),
          ),
      ).to.emit(f.escrow, "EblDeposited");
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(await f.escrow.getAddress());
    });

    it("refuses a second deposit, an unknown deal, and a deal past its deadline", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await depositEbl(f, t);
      await expect(depositEbl(f, t))
        .to.be.revertedWithCustomError(f.escrow, "SettlementEblAlreadyDeposited")
        .withArgs(dealId);
      const unknown = { ...t, salt: ethers.id("never created") };
      await expect(depositEbl(f, unknown))
        .to.be.revertedWithCustomError(f.escrow, "SettlementDealNotOpen")
        .withArgs(await f.escrow.hashTerms(unknown), TermsStatus.None);

      const bill = await f.issueBill("LATE-0001");
      const late = await f.terms({ tokenId: bill.id, documentHash: bill.hash });
      await f.escrow.connect(f.exporter).createDeal(late, "0x");
      await f.ebl.connect(f.exporter).approve(await f.escrow.getAddress(), bill.id);
      await time.setNextBlockTimestamp(late.deadline + 1n);
      await expect(depositEbl(f, late))
        .to.be.revertedWithCustomError(f.escrow, "RailsExpired")
        .withArgs(late.deadline, late.deadline + 1n);
    });

    it("refuses an eBL amended since the deal was agreed (SettlementDocumentChanged)", async function () {
      const { f, t } = await loadFixture(openDeal);
      await f.ebl.connect(f.exporter).surrenderForAmendment(f.tokenId);
      await f.ebl.connect(f.carrier).issueAmendment(f.tokenId, f.amendedHash);
      await f.ebl.connect(f.exporter).approve(await f.escrow.getAddress(), f.tokenId);
      await expect(depositEbl(f, t))
        .to.be.revertedWithCustomError(f.escrow, "SettlementDocumentChanged")
        .withArgs(f.doc.hash, f.amendedHash);
    });

    it("refuses when the seller no longer holds the eBL, or has not authorised the contract", async function () {
      const { f, t } = await loadFixture(openDeal);
      await f.ebl.connect(f.exporter).approve(ethers.ZeroAddress, f.tokenId);
      await expect(f.escrow.connect(f.relayer).depositEbl(t, await f.signEblDeposit(f.exporter, t), NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "SettlementEblNotAuthorized")
        .withArgs(f.tokenId);
      await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, f.cnBank.address, f.tokenId);
      await expect(f.escrow.connect(f.relayer).depositEbl(t, await f.signEblDeposit(f.exporter, t), NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "SettlementSellerNotHolder")
        .withArgs(f.exporter.address, f.cnBank.address);
    });
  });

  describe("depositPayment", function () {
    it("adds partial payments up, with the running total in each event", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      const token = await f.hkd.getAddress();
      await expect(pay(f, t, HKD(10_000)))
        .to.emit(f.escrow, "PaymentDeposited")
        .withArgs(dealId, f.importer.address, HKD(10_000), HKD(10_000));
      await expect(pay(f, t, HKD(5_000)))
        .to.emit(f.escrow, "PaymentDeposited")
        .withArgs(dealId, f.importer.address, HKD(5_000), HKD(15_000));
      expect(await f.escrow.escrowedBalance(token)).to.equal(HKD(15_000));
      expect(await f.hkd.balanceOf(await f.escrow.getAddress())).to.equal(HKD(15_000));
      expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Open), false, HKD(15_000)]);
    });

    it("refuses more than what the deal still needs", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await pay(f, t, HKD(20_000));
      await expect(pay(f, t, HKD(5_000) + 1n))
        .to.be.revertedWithCustomError(f.escrow, "SettlementOverpayment")
        .withArgs(dealId, HKD(5_000), HKD(5_000) + 1n);
    });

    it("refuses a zero amount", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await pay(f, t, HKD(20_000));
      await expect(pay(f, t, 0n)).to.be.revertedWithCustomError(f.escrow, "RailsZeroAmount");
      expect((await f.escrow.dealOf(dealId)).paid).to.equal(HKD(20_000));
    });

    it("takes a payment submitted by a relayer with the buyer's terms signature and EIP-2612 permit", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await expect(
        f.escrow
          .connect(f.relayer)
          .depositPayment(
            t,
            HKD(1_000),
            await f.signDeal(f.importer, t),
            await f.paymentPermit(f.importer, HKD(1_000)),
          ),
      ).to.changeTokenBalances(ethers, f.hkd, [f.importer, f.escrow], [-HKD(1_000), HKD(1_000)]);
    });

    it("takes a payment submitted by a relayer with only an EIP-3009 authorization bound to the deal", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const dealId = await f.escrow.hashTerms(t);
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      const auth = await f.paymentAuthorization(f.importer, HKD(2_000), await f.escrow.hashDeal(t));
      await expect(f.escrow.connect(f.relayer).depositPayment(t, HKD(2_000), "0x", auth))
        .to.emit(f.escrow, "PaymentDeposited")
        .withArgs(dealId, f.importer.address, HKD(2_000), HKD(2_000));
    });

    it("refuses an authorization that is bound to another deal, expired, not yet valid, or for another amount", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const consent = await f.escrow.hashDeal(t);
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      const otherDeal = await f.escrow.hashDeal({ ...t, salt: ethers.id("other") });
      await expect(
        f.escrow
          .connect(f.relayer)
          .depositPayment(t, HKD(1), "0x", await f.paymentAuthorization(f.importer, HKD(1), otherDeal)),
      ).to.be.revertedWithCustomError(f.hkd, "ERC3009InvalidSignature");
      // bound to the terms' hash (what a signed settlement's authorization is bound to): not a deal payment
      await expect(
        f.escrow
          .connect(f.relayer)
          .depositPayment(
            t,
            HKD(1),
            "0x",
            await f.paymentAuthorization(f.importer, HKD(1), await f.escrow.hashTerms(t)),
          ),
      ).to.be.revertedWithCustomError(f.hkd, "ERC3009InvalidSignature");
      await expect(
        f.escrow
          .connect(f.relayer)
          .depositPayment(t, HKD(2), "0x", await f.paymentAuthorization(f.importer, HKD(1), consent)),
      ).to.be.revertedWithCustomError(f.hkd, "ERC3009InvalidSignature");

      const now = BigInt(await time.latest());
      const future = await f.paymentAuthorization(f.importer, HKD(1), consent, ethers.id("f"), {
        validAfter: now + 1000n,
        validBefore: now + 5000n,
      });
      await time.setNextBlockTimestamp(now + 1n);
      await expect(f.escrow.connect(f.relayer).depositPayment(t, HKD(1), "0x", future))
        .to.be.revertedWithCustomError(f.hkd, "ERC3009AuthorizationNotYetValid")
        .withArgs(now + 1000n, now + 1n);
      const expiring = await f.paymentAuthorization(f.importer, HKD(1), consent, ethers.id("e"), {
        validBefore: now + 10n,
      });
      await time.setNextBlockTimestamp(now + 11n);
      await expect(f.escrow.connect(f.relayer).depositPayment(t, HKD(1), "0x", expiring))
        .to.be.revertedWithCustomError(f.hkd, "ERC3009AuthorizationExpired")
        .withArgs(now + 10n, now + 11n);
    });

    it("refuses a deposit from anyone but the buyer without the buyer's consent (no pouring someone's allowance)", async function () {
      const { f, t } = await loadFixture(openDeal);
      await expect(f.escrow.connect(f.exporter).depositPayment(t, HKD(1_000), "0x", ALLOWANCE))
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.importer.address);
      await expect(
        f.escrow.connect(f.outsider).depositPayment(t, HKD(1_000), await f.signDeal(f.outsider, t), ALLOWANCE),
      )
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.importer.address);
      // The buyer's consent to a signed settlement of the same terms is not a consent to pay into a deal.
      await expect(
        f.escrow.connect(f.outsider).depositPayment(t, HKD(1_000), await f.signTerms(f.importer, t), ALLOWANCE),
      )
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.importer.address);
    });

    it("refuses deposits after the deadline and into a deal that is not open", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await time.increaseTo(t.deadline);
      await expect(pay(f, t, HKD(1))).to.be.revertedWithCustomError(f.escrow, "RailsExpired");
      await f.escrow.connect(f.importer).cancelDeal(t);
      await expect(pay(f, t, HKD(1)))
        .to.be.revertedWithCustomError(f.escrow, "SettlementDealNotOpen")
        .withArgs(dealId, TermsStatus.Cancelled);
    });
  });

  describe("settlement of a deal", function () {
    it("eBL first, then payment in two parts: the completing payment settles in the same transaction", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await depositEbl(f, t);
      await pay(f, t, HKD(10_000));
      const tx = pay(f, t, HKD(15_000));
      await expect(tx)
        .to.emit(f.escrow, "Settled")
        .withArgs(dealId, f.exporter.address, f.importer.address, t.registry, t.tokenId, t.paymentToken, t.amount);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.importer, f.exporter, f.escrow],
        [-HKD(15_000), t.amount, -HKD(10_000)],
      );
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Settled), false, 0n]);
      expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(ethers.ZeroHash);
      expect(await f.escrow.escrowedBalance(t.paymentToken)).to.equal(0n);
      await expect(pay(f, t, HKD(1)))
        .to.be.revertedWithCustomError(f.escrow, "SettlementDealNotOpen")
        .withArgs(dealId, TermsStatus.Settled);
    });

    it("payment first, then the eBL: the eBL deposit settles in the same transaction", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await pay(f, t, t.amount);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
      const tx = depositEbl(f, t);
      await expect(tx).to.emit(f.escrow, "EblDeposited");
      await expect(tx)
        .to.emit(f.escrow, "Settled")
        .withArgs(dealId, f.exporter.address, f.importer.address, t.registry, t.tokenId, t.paymentToken, t.amount);
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.exporter, f.escrow], [t.amount, -t.amount]);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
    });

    it("pledge terms from custody: the contract endorses title to the importer and delivers to the bank", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms({
        buyer: f.hkBank.address,
        eblRecipient: f.hkBank.address,
        titleRecipient: f.importer.address,
      });
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await f.escrow
        .connect(f.relayer)
        .depositEbl(
          t,
          await f.signEblDeposit(f.exporter, t),
          await f.eblPermit(f.exporter, f.tokenId, undefined, await f.escrow.getAddress()),
        );
      await f.hkd.connect(f.hkBank).approve(await f.rail.getAddress(), t.amount);
      const tx = f.escrow.connect(f.hkBank).depositPayment(t, t.amount, "0x", ALLOWANCE);
      await expect(tx)
        .to.emit(f.ebl, "Endorsed")
        .withArgs(
          f.tokenId,
          await f.escrow.getAddress(),
          f.importer.address,
          f.exporter.address,
          await f.escrow.getAddress(),
          false,
        );
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.hkBank.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.hkd.balanceOf(f.exporter.address)).to.equal(t.amount);
    });

    it("the settling deposit fails as a whole when the eBL in custody is put on legal hold; the deal stays open", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await depositEbl(f, t);
      await pay(f, t, HKD(5_000));
      await f.ebl.connect(f.regulator).placeLegalHold(f.tokenId, ethers.id("court"));
      await expect(pay(f, t, HKD(20_000)))
        .to.be.revertedWithCustomError(f.ebl, "EblOnLegalHold")
        .withArgs(f.tokenId);
      expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Open), true, HKD(5_000)]);
      await f.ebl.connect(f.regulator).liftLegalHold(f.tokenId, ethers.id("court"));
      await expect(pay(f, t, HKD(20_000))).to.emit(f.escrow, "Settled");
    });

    it("the settling deposit fails as a whole when the payment recipient is frozen; the deal stays open", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await depositEbl(f, t);
      await f.hkd.connect(f.hkBank).freeze(f.exporter.address);
      await expect(pay(f, t, t.amount))
        .to.be.revertedWithCustomError(f.hkd, "DepositAccountFrozen")
        .withArgs(f.exporter.address);
      expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Open), true, 0n]);
    });
  });

  describe("cancelDeal", function () {
    it("nothing deposited, cancelled by the seller: the eBL is free for a new deal", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      const tx = f.escrow.connect(f.exporter).cancelDeal(t);
      await expect(tx).to.emit(f.escrow, "DealCancelled").withArgs(dealId, f.exporter.address, CancelReason.Cancelled);
      await expect(tx).not.to.emit(f.escrow, "EblReturned");
      await expect(tx).not.to.emit(f.escrow, "PaymentReturned");
      expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Cancelled), false, 0n]);
      expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(ethers.ZeroHash);
      await expect(f.escrow.connect(f.exporter).createDeal({ ...t, salt: ethers.id("again") }, "0x")).to.emit(
        f.escrow,
        "DealCreated",
      );
    });

    it("eBL only, cancelled by the buyer: the eBL goes back to the seller with its title", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await depositEbl(f, t);
      const tx = f.escrow.connect(f.importer).cancelDeal(t);
      await expect(tx).to.emit(f.escrow, "DealCancelled").withArgs(dealId, f.importer.address, CancelReason.Cancelled);
      await expect(tx).to.emit(f.escrow, "EblReturned").withArgs(dealId, f.exporter.address);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.exporter.address);
      expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(ethers.ZeroHash);
    });

    it("partial payment only, cancelled by the seller: the buyer gets its money back", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await pay(f, t, HKD(7_000));
      const tx = f.escrow.connect(f.exporter).cancelDeal(t);
      await expect(tx).to.emit(f.escrow, "PaymentReturned").withArgs(dealId, f.importer.address, HKD(7_000));
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.importer, f.escrow], [HKD(7_000), -HKD(7_000)]);
      expect(await f.escrow.escrowedBalance(t.paymentToken)).to.equal(0n);
    });

    it("full payment only, cancelled by the buyer", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await pay(f, t, t.amount);
      await expect(f.escrow.connect(f.importer).cancelDeal(t))
        .to.emit(f.escrow, "PaymentReturned")
        .withArgs(dealId, f.importer.address, t.amount);
      expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
    });

    it("eBL and a partial payment, cancelled by the seller: both legs go back", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await depositEbl(f, t);
      await pay(f, t, HKD(1_000));
      const tx = f.escrow.connect(f.exporter).cancelDeal(t);
      await expect(tx).to.emit(f.escrow, "EblReturned").withArgs(dealId, f.exporter.address);
      await expect(tx).to.emit(f.escrow, "PaymentReturned").withArgs(dealId, f.importer.address, HKD(1_000));
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
      expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
    });

    it("refuses anyone but the parties, a deal already cancelled, and unknown terms", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await expect(f.escrow.connect(f.relayer).cancelDeal(t))
        .to.be.revertedWithCustomError(f.escrow, "SettlementNotParty")
        .withArgs(f.relayer.address);
      await f.escrow.connect(f.exporter).cancelDeal(t);
      await expect(f.escrow.connect(f.exporter).cancelDeal(t))
        .to.be.revertedWithCustomError(f.escrow, "SettlementDealNotOpen")
        .withArgs(dealId, TermsStatus.Cancelled);
      const unknown = { ...t, salt: ethers.id("unknown") };
      await expect(f.escrow.connect(f.exporter).cancelDeal(unknown))
        .to.be.revertedWithCustomError(f.escrow, "SettlementDealNotOpen")
        .withArgs(await f.escrow.hashTerms(unknown), TermsStatus.None);
    });
  });

  describe("refund", function () {
    it("is refused before the deadline", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await depositEbl(f, t);
      await expect(f.escrow.connect(f.outsider).refund(t))
        .to.be.revertedWithCustomError(f.escrow, "SettlementNotExpired")
        .withArgs(dealId, t.deadline);
    });

    it("after the deadline anyone may end the deal and return both legs", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await depositEbl(f, t);
      await pay(f, t, HKD(3_000));
      await time.increaseTo(t.deadline + 1n);
      const tx = f.escrow.connect(f.outsider).refund(t);
      await expect(tx).to.emit(f.escrow, "DealCancelled").withArgs(dealId, f.outsider.address, CancelReason.Expired);
      await expect(tx).to.emit(f.escrow, "EblReturned").withArgs(dealId, f.exporter.address);
      await expect(tx).to.emit(f.escrow, "PaymentReturned").withArgs(dealId, f.importer.address, HKD(3_000));
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
      expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
      expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Cancelled), false, 0n]);
    });

    it("with nothing left to return, and for a settled or unknown deal, fails with SettlementNothingToRefund", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      await f.escrow.connect(f.importer).cancelDeal(t);
      await expect(f.escrow.refund(t))
        .to.be.revertedWithCustomError(f.escrow, "SettlementNothingToRefund")
        .withArgs(dealId);
      const unknown = { ...t, salt: ethers.id("unknown") };
      await expect(f.escrow.refund(unknown)).to.be.revertedWithCustomError(f.escrow, "SettlementNothingToRefund");

      const t2 = await f.terms({ salt: ethers.id("settles") });
      await f.escrow.connect(f.exporter).createDeal(t2, "0x");
      await pay(f, t2, t2.amount);
      await depositEbl(f, t2);
      await time.increaseTo(t2.deadline + 1n);
      await expect(f.escrow.refund(t2))
        .to.be.revertedWithCustomError(f.escrow, "SettlementNothingToRefund")
        .withArgs(await f.escrow.hashTerms(t2));
    });

    describe("a return that fails stays held and attributed, then a retry returns it", function () {
      it("the buyer's account is frozen: ReturnFailed for the payment, the eBL is returned; retry after unfreeze", async function () {
        const { f, t, dealId } = await loadFixture(openDeal);
        await depositEbl(f, t);
        await pay(f, t, HKD(4_000));
        await f.hkd.connect(f.hkBank).freeze(f.importer.address);
        const reason = f.hkd.interface.encodeErrorResult("DepositAccountFrozen", [f.importer.address]);
        const tx = f.escrow.connect(f.exporter).cancelDeal(t);
        await expect(tx).to.emit(f.escrow, "ReturnFailed").withArgs(dealId, false, reason);
        await expect(tx).to.emit(f.escrow, "EblReturned").withArgs(dealId, f.exporter.address);
        expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Cancelled), false, HKD(4_000)]);
        expect(await f.escrow.escrowedBalance(t.paymentToken)).to.equal(HKD(4_000));
        // Still frozen: the retry fails the same way, nothing lost.
        await expect(f.escrow.connect(f.outsider).refund(t))
          .to.emit(f.escrow, "ReturnFailed")
          .withArgs(dealId, false, reason);
        await f.hkd.connect(f.hkBank).unfreeze(f.importer.address);
        await expect(f.escrow.connect(f.outsider).refund(t))
          .to.emit(f.escrow, "PaymentReturned")
          .withArgs(dealId, f.importer.address, HKD(4_000));
        expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
        expect(await f.escrow.escrowedBalance(t.paymentToken)).to.equal(0n);
        await expect(f.escrow.refund(t)).to.be.revertedWithCustomError(f.escrow, "SettlementNothingToRefund");
      });

      it("the token is paused: ReturnFailed for the payment until unpaused, the eBL is returned regardless", async function () {
        const { f, t, dealId } = await loadFixture(openDeal);
        await depositEbl(f, t);
        await pay(f, t, HKD(4_000));
        await f.hkd.connect(f.hkBank).pause();
        const reason = f.hkd.interface.encodeErrorResult("EnforcedPause", []);
        const tx = f.escrow.connect(f.importer).cancelDeal(t);
        await expect(tx).to.emit(f.escrow, "ReturnFailed").withArgs(dealId, false, reason);
        await expect(tx).to.emit(f.escrow, "EblReturned").withArgs(dealId, f.exporter.address);
        expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
        await f.hkd.connect(f.hkBank).unpause();
        await expect(f.escrow.refund(t))
          .to.emit(f.escrow, "PaymentReturned")
          .withArgs(dealId, f.importer.address, HKD(4_000));
      });

      it("the eBL is on legal hold: ReturnFailed for the eBL, the payment is returned; the eBL stays held for the deal until the hold is lifted", async function () {
        const { f, t, dealId } = await loadFixture(openDeal);
        await depositEbl(f, t);
        await pay(f, t, HKD(4_000));
        await f.ebl.connect(f.regulator).placeLegalHold(f.tokenId, ethers.id("court"));
        const reason = f.ebl.interface.encodeErrorResult("EblOnLegalHold", [f.tokenId]);
        const tx = f.escrow.connect(f.importer).cancelDeal(t);
        await expect(tx).to.emit(f.escrow, "ReturnFailed").withArgs(dealId, true, reason);
        await expect(tx).to.emit(f.escrow, "PaymentReturned").withArgs(dealId, f.importer.address, HKD(4_000));
        expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Cancelled), true, 0n]);
        expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(dealId);
        // the seller cannot sell it elsewhere meanwhile: a new deal can open but never gets the eBL
        const resell = await f.terms({ salt: ethers.id("resell") });
        await f.escrow.connect(f.exporter).createDeal(resell, "0x");
        await expect(depositEbl(f, resell))
          .to.be.revertedWithCustomError(f.escrow, "SettlementEblInOpenDeal")
          .withArgs(t.registry, t.tokenId, dealId);
        await expect(f.escrow.connect(f.admin).recoverStrayEbl(t.registry, t.tokenId, f.admin.address))
          .to.be.revertedWithCustomError(f.escrow, "SettlementAssetInEscrow")
          .withArgs(t.registry, t.tokenId);

        await f.ebl.connect(f.regulator).liftLegalHold(f.tokenId, ethers.id("court"));
        await expect(f.escrow.connect(f.outsider).refund(t))
          .to.emit(f.escrow, "EblReturned")
          .withArgs(dealId, f.exporter.address);
        expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
        expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(ethers.ZeroHash);
      });

      it("the seller's verification lapsed: ReturnFailed for the eBL; retry once verified again", async function () {
        const { f, t, dealId } = await loadFixture(openDeal);
        await depositEbl(f, t);
        await f.participants.connect(f.registrar).revoke(f.exporter.address);
        const reason = f.ebl.interface.encodeErrorResult("RailsNotVerified", [f.exporter.address]);
        await expect(f.escrow.connect(f.importer).cancelDeal(t))
          .to.emit(f.escrow, "ReturnFailed")
          .withArgs(dealId, true, reason);
        await f.register(f.exporter.address, 4 /* TRADER */, "CN");
        await expect(f.escrow.refund(t)).to.emit(f.escrow, "EblReturned").withArgs(dealId, f.exporter.address);
        expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
      });

      it("the buyer's verification lapsed: ReturnFailed for the payment; retry once verified again", async function () {
        const { f, t, dealId } = await loadFixture(openDeal);
        await pay(f, t, HKD(4_000));
        await f.participants.connect(f.registrar).revoke(f.importer.address);
        const reason = f.hkd.interface.encodeErrorResult("RailsNotVerified", [f.importer.address]);
        await expect(f.escrow.connect(f.exporter).cancelDeal(t))
          .to.emit(f.escrow, "ReturnFailed")
          .withArgs(dealId, false, reason);
        await f.register(f.importer.address, 4 /* TRADER */);
        await expect(f.escrow.refund(t))
          .to.emit(f.escrow, "PaymentReturned")
          .withArgs(dealId, f.importer.address, HKD(4_000));
      });
    });
  });

  describe("views", function () {
    it("openDealOf and escrowedBalance follow a deal from creation to settlement", async function () {
      const { f, t, dealId } = await loadFixture(openDeal);
      expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(ethers.ZeroHash);
      await pay(f, t, HKD(5_000));
      expect(await f.escrow.escrowedBalance(t.paymentToken)).to.equal(HKD(5_000));
      await depositEbl(f, t);
      expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(dealId);
      await pay(f, t, HKD(20_000));
      expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(ethers.ZeroHash);
      expect(await f.escrow.escrowedBalance(t.paymentToken)).to.equal(0n);
    });
  });
});
