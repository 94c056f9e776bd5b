/** A regulator's legal hold on one eBL, and the pause of the whole registry. */
import { expect } from "chai";

import { HOLD_REASON, Status, billState, ethers, expectUnchanged, fixture, issued, loadFixture } from "./fixture.js";

/** A to-order eBL on legal hold, and its record. */
async function onHold() {
  const f = await fixture();
  const id = await f.issueToOrder();
  await f.ebl.connect(f.regulator).placeLegalHold(id, HOLD_REASON);
  return { ...f, id, before: await billState(f.ebl, id) };
}

describe("BillOfLadingRegistry — legal hold and pause", function () {
  describe("legal hold", function () {
    it("is placed and lifted by the legal hold role with a reason code, also while paused", async function () {
      const { ebl, lens, admin, regulator, id } = await loadFixture(issued);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(regulator).placeLegalHold(id, HOLD_REASON))
        .to.emit(ebl, "LegalHoldPlaced")
        .withArgs(id, regulator.address, HOLD_REASON);
      expect(await lens.isOnLegalHold(ebl, id)).to.equal(true);
      expect((await ebl.billOf(id)).onLegalHold).to.equal(true);
      const release = ethers.encodeBytes32String("RELEASED");
      await expect(ebl.connect(regulator).liftLegalHold(id, release))
        .to.emit(ebl, "LegalHoldLifted")
        .withArgs(id, regulator.address, release);
      expect(await lens.isOnLegalHold(ebl, id)).to.equal(false);
    });

    it("can freeze a surrendered eBL in the carrier's hands", async function () {
      const { ebl, regulator, shipper, id } = await loadFixture(issued);
      await ebl.connect(shipper).surrenderForDelivery(id);
      await expect(ebl.connect(regulator).placeLegalHold(id, HOLD_REASON)).to.emit(ebl, "LegalHoldPlaced");
    });

    describe("refusals", function () {
      it("refuses a hold by an account without the role", async function () {
        const { ebl, carrier, id, before } = await loadFixture(issued);
        await expect(ebl.connect(carrier).placeLegalHold(id, HOLD_REASON))
          .to.be.revertedWithCustomError(ebl, "AccessManagedUnauthorized")
          .withArgs(carrier.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a lift by an account without the role", async function () {
        const { ebl, carrier, id, before } = await loadFixture(onHold);
        await expect(ebl.connect(carrier).liftLegalHold(id, HOLD_REASON))
          .to.be.revertedWithCustomError(ebl, "AccessManagedUnauthorized")
          .withArgs(carrier.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a hold on a token never issued", async function () {
        const { ebl, lens, regulator } = await loadFixture(fixture);
        await expect(ebl.connect(regulator).placeLegalHold(5n, HOLD_REASON))
          .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
          .withArgs(5n, Status.None);
        expect(await lens.isOnLegalHold(ebl, 5n)).to.equal(false);
      });

      it("refuses a hold on a burned (accomplished) eBL", async function () {
        const { ebl, regulator, carrier, shipper, id } = await loadFixture(issued);
        await ebl.connect(shipper).surrenderForDelivery(id);
        await ebl.connect(carrier).acceptSurrender(id);
        const before = await billState(ebl, id);
        await expect(ebl.connect(regulator).placeLegalHold(id, HOLD_REASON))
          .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
          .withArgs(id, Status.Accomplished);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a second hold", async function () {
        const { ebl, regulator, id, before } = await loadFixture(onHold);
        await expect(ebl.connect(regulator).placeLegalHold(id, HOLD_REASON))
          .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
          .withArgs(id);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses lifting without a hold", async function () {
        const { ebl, regulator, id, before } = await loadFixture(issued);
        await expect(ebl.connect(regulator).liftLegalHold(id, HOLD_REASON))
          .to.be.revertedWithCustomError(ebl, "EblNotOnLegalHold")
          .withArgs(id);
        await expectUnchanged(ebl, id, before);
      });
    });
  });

  describe("pause", function () {
    it("is switched by the pauser role (Paused / Unpaused name it) and leaves approvals working", async function () {
      const { ebl, lens, admin, shipper, custodian, id } = await loadFixture(issued);
      await expect(ebl.connect(admin).pause()).to.emit(ebl, "Paused").withArgs(admin.address);
      expect(await lens.canSurrender(ebl, id, shipper.address)).to.equal(false);
      await expect(ebl.connect(shipper).approve(custodian.address, id)).to.emit(ebl, "Approval");
      await expect(ebl.connect(admin).unpause()).to.emit(ebl, "Unpaused").withArgs(admin.address);
      expect(await lens.canSurrender(ebl, id, shipper.address)).to.equal(true);
    });

    describe("refusals", function () {
      it("refuses a pause by an account without the pauser role", async function () {
        const { ebl, carrier } = await loadFixture(fixture);
        await expect(ebl.connect(carrier).pause())
          .to.be.revertedWithCustomError(ebl, "AccessManagedUnauthorized")
          .withArgs(carrier.address);
        expect(await ebl.paused()).to.equal(false);
      });

      it("refuses an unpause by an account without the pauser role", async function () {
        const { ebl, admin, carrier } = await loadFixture(fixture);
        await ebl.connect(admin).pause();
        await expect(ebl.connect(carrier).unpause())
          .to.be.revertedWithCustomError(ebl, "AccessManagedUnauthorized")
          .withArgs(carrier.address);
        expect(await ebl.paused()).to.equal(true);
      });

      it("refuses a second pause (EnforcedPause)", async function () {
        const { ebl, admin } = await loadFixture(fixture);
        await ebl.connect(admin).pause();
        await expect(ebl.connect(admin).pause()).to.be.revertedWithCustomError(ebl, "EnforcedPause");
        expect(await ebl.paused()).to.equal(true);
      });

      it("refuses an unpause when not paused (ExpectedPause)", async function () {
        const { ebl, admin } = await loadFixture(fixture);
        await expect(ebl.connect(admin).unpause()).to.be.revertedWithCustomError(ebl, "ExpectedPause");
        expect(await ebl.paused()).to.equal(false);
      });
    });
  });
});
