/** Switch to paper: the holder with title asks, the carrier confirms (the eBL is burned) or either withdraws. */
import { expect } from "chai";

import {
  BillKind,
  HOLD_REASON,
  Status,
  billState,
  ethers,
  expectUnchanged,
  fixture,
  issued,
  loadFixture,
} from "./fixture.js";

/** A to-order eBL whose holder, the shipper, asked for a switch to paper. */
async function requested() {
  const f = await fixture();
  const id = await f.issueToOrder();
  await f.ebl.connect(f.shipper).requestSwitchToPaper(id);
  return { ...f, id, before: await billState(f.ebl, id) };
}

/** Places a legal hold on `id` and returns its record. */
async function hold(f: Awaited<ReturnType<typeof issued>>) {
  await f.ebl.connect(f.regulator).placeLegalHold(f.id, HOLD_REASON);
  return billState(f.ebl, f.id);
}

describe("BillOfLadingRegistry — switch to paper", function () {
  it("freezes the eBL on request; the carrier's confirmation burns it for good", async function () {
    const { ebl, lens, carrier, shipper, bankA, doc, id } = await loadFixture(issued);
    await expect(ebl.connect(shipper).requestSwitchToPaper(id))
      .to.emit(ebl, "SwitchToPaperRequested")
      .withArgs(id, shipper.address, shipper.address);
    expect(await lens.statusOf(ebl, id)).to.equal(Status.SwitchToPaperRequested);
    await expect(ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id))
      .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
      .withArgs(id, Status.SwitchToPaperRequested);
    await expect(ebl.connect(carrier).confirmSwitchToPaper(id))
      .to.emit(ebl, "SwitchedToPaper")
      .withArgs(id, carrier.address, shipper.address)
      .and.to.emit(ebl, "Transfer")
      .withArgs(shipper.address, ethers.ZeroAddress, id);
    expect(await lens.statusOf(ebl, id)).to.equal(Status.SwitchedToPaper);
    expect(await ebl.holderOf(id)).to.equal(ethers.ZeroAddress);
    await expect(
      ebl.connect(carrier).issue(shipper.address, "TO-ORDER-0001", BillKind.ToOrder, shipper.address, doc.hash),
    )
      .to.be.revertedWithCustomError(ebl, "EblAlreadyIssued")
      .withArgs(id);
  });

  it("lets an approved operator request", async function () {
    const { ebl, shipper, custodian, id } = await loadFixture(issued);
    await ebl.connect(shipper).approve(custodian.address, id);
    await expect(ebl.connect(custodian).requestSwitchToPaper(id))
      .to.emit(ebl, "SwitchToPaperRequested")
      .withArgs(id, shipper.address, custodian.address);
  });

  it("is withdrawn by the holder or declined by the carrier", async function () {
    const { ebl, lens, carrier, shipper, id } = await loadFixture(requested);
    await expect(ebl.connect(shipper).cancelSwitchToPaper(id))
      .to.emit(ebl, "SwitchToPaperCancelled")
      .withArgs(id, shipper.address, shipper.address);
    expect(await lens.statusOf(ebl, id)).to.equal(Status.Issued);
    await ebl.connect(shipper).requestSwitchToPaper(id);
    await expect(ebl.connect(carrier).cancelSwitchToPaper(id))
      .to.emit(ebl, "SwitchToPaperCancelled")
      .withArgs(id, shipper.address, carrier.address);
    expect(await lens.statusOf(ebl, id)).to.equal(Status.Issued);
  });

  describe("requestSwitchToPaper refusals", function () {
    it("refuses a request by a holder without title (the shipper of a straight B/L)", async function () {
      const { ebl, shipper, issueStraight } = await loadFixture(fixture);
      const id = await issueStraight();
      const before = await billState(ebl, id);
      await expect(ebl.connect(shipper).requestSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblNoTitle")
        .withArgs(id, shipper.address);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a request by a non-holder", async function () {
      const { ebl, bankA, id, before } = await loadFixture(issued);
      await expect(ebl.connect(bankA).requestSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblNotHolder")
        .withArgs(id, bankA.address);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a request for an eBL on legal hold", async function () {
      const f = await loadFixture(issued);
      const before = await hold(f);
      await expect(f.ebl.connect(f.shipper).requestSwitchToPaper(f.id))
        .to.be.revertedWithCustomError(f.ebl, "EblOnLegalHold")
        .withArgs(f.id);
      await expectUnchanged(f.ebl, f.id, before);
    });

    it("refuses a request while paused", async function () {
      const { ebl, admin, shipper, id, before } = await loadFixture(issued);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(shipper).requestSwitchToPaper(id)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a second request", async function () {
      const { ebl, shipper, id, before } = await loadFixture(requested);
      await expect(ebl.connect(shipper).requestSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.SwitchToPaperRequested);
      await expectUnchanged(ebl, id, before);
    });
  });

  describe("cancelSwitchToPaper refusals", function () {
    it("refuses a cancel without a request", async function () {
      const { ebl, shipper, id, before } = await loadFixture(issued);
      await expect(ebl.connect(shipper).cancelSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.Issued);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a cancel by a stranger (another carrier)", async function () {
      const { ebl, carrier2, id, before } = await loadFixture(requested);
      await expect(ebl.connect(carrier2).cancelSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblNotHolder")
        .withArgs(id, carrier2.address);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a cancel while the eBL is on legal hold", async function () {
      const f = await loadFixture(requested);
      const before = await hold(f);
      await expect(f.ebl.connect(f.shipper).cancelSwitchToPaper(f.id))
        .to.be.revertedWithCustomError(f.ebl, "EblOnLegalHold")
        .withArgs(f.id);
      await expectUnchanged(f.ebl, f.id, before);
    });

    it("refuses a cancel while paused", async function () {
      const { ebl, admin, shipper, id, before } = await loadFixture(requested);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(shipper).cancelSwitchToPaper(id)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
      await expectUnchanged(ebl, id, before);
    });
  });

  describe("confirmSwitchToPaper refusals", function () {
    it("refuses a confirmation without a request", async function () {
      const { ebl, carrier, id, before } = await loadFixture(issued);
      await expect(ebl.connect(carrier).confirmSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.Issued);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a confirmation by another carrier", async function () {
      const { ebl, carrier2, id, before } = await loadFixture(requested);
      await expect(ebl.connect(carrier2).confirmSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblNotIssuer")
        .withArgs(id, carrier2.address);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a confirmation while the eBL is on legal hold", async function () {
      const f = await loadFixture(requested);
      const before = await hold(f);
      await expect(f.ebl.connect(f.carrier).confirmSwitchToPaper(f.id))
        .to.be.revertedWithCustomError(f.ebl, "EblOnLegalHold")
        .withArgs(f.id);
      await expectUnchanged(f.ebl, f.id, before);
    });

    it("refuses a confirmation while paused", async function () {
      const { ebl, admin, carrier, id, before } = await loadFixture(requested);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(carrier).confirmSwitchToPaper(id)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
      await expectUnchanged(ebl, id, before);
    });
  });
});
