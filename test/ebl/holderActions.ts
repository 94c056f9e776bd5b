/**
 * The holder-action entry `act`: remarks and DCSA reason codes on every holder action (event Remarked), SIGN (Signed),
 * and the rejection of a holder-to-holder delivery within the window (TransferRejected), with the custody rule: a
 * delivery by a custody or settlement contract, or by an operator, is never rejectable.
 */
import { expect } from "chai";

import { remarkHash } from "../../sdk/src/index.js";
import {
  HOLD_REASON,
  Status,
  billState,
  ethers,
  expectUnchanged,
  fixture,
  issued,
  loadFixture,
  networkHelpers,
} from "./fixture.js";

/** `IBillOfLadingRegistry.HolderAction`, in declaration order. */
const Action = {
  Transfer: 0,
  Endorse: 1,
  BlankEndorse: 2,
  EndorseAndDeliver: 3,
  SurrenderForDelivery: 4,
  SurrenderForAmendment: 5,
  RequestSwitchToPaper: 6,
  CancelSwitchToPaper: 7,
  Sign: 8,
  RejectTransfer: 9,
} as const;

const NONE = ethers.ZeroHash;
const ZERO = ethers.ZeroAddress;
const COD = ethers.encodeBytes32String("COD");
const SWTP = ethers.encodeBytes32String("SWTP");
const WINDOW = 7n * 24n * 3600n;

describe("BillOfLadingRegistry — holder actions with remarks (act)", function () {
  it("transfers possession with a remark: PossessionTransferred, then Remarked with the remark's hash", async function () {
    const { ebl, shipper, bankA, id } = await loadFixture(issued);
    const remark = remarkHash("Original delivered to the bank for collection");
    await expect(ebl.connect(shipper).act(id, Action.Transfer, bankA.address, NONE, remark))
      .to.emit(ebl, "PossessionTransferred")
      .withArgs(id, shipper.address, bankA.address, shipper.address)
      .and.to.emit(ebl, "Remarked")
      .withArgs(id, shipper.address, Action.Transfer, remark, NONE);
    expect(await ebl.ownerOf(id)).to.equal(bankA.address);
    expect(await ebl.titleHolderOf(id)).to.equal(shipper.address);
  });

  it("emits no Remarked when neither a remark nor a reason is given", async function () {
    const { ebl, shipper, buyer, id } = await loadFixture(issued);
    await expect(ebl.connect(shipper).act(id, Action.Endorse, buyer.address, NONE, NONE))
      .to.emit(ebl, "Endorsed")
      .withArgs(id, shipper.address, buyer.address, shipper.address, shipper.address, false)
      .and.not.to.emit(ebl, "Remarked");
  });

  it("endorses, blank endorses and endorses-and-delivers through act with their own events", async function () {
    const { ebl, shipper, buyer, bankA, id } = await loadFixture(issued);
    const r = remarkHash("Endorsed against payment");
    await expect(ebl.connect(shipper).act(id, Action.BlankEndorse, ZERO, NONE, r))
      .to.emit(ebl, "BlankEndorsed")
      .withArgs(id, shipper.address, shipper.address, shipper.address)
      .and.to.emit(ebl, "Remarked")
      .withArgs(id, shipper.address, Action.BlankEndorse, r, NONE);
    await expect(ebl.connect(shipper).act(id, Action.EndorseAndDeliver, buyer.address, NONE, r))
      .to.emit(ebl, "Endorsed")
      .withArgs(id, shipper.address, buyer.address, ZERO, shipper.address, true);
    await expect(ebl.connect(buyer).act(id, Action.Endorse, bankA.address, NONE, r))
      .to.emit(ebl, "Endorsed")
      .withArgs(id, buyer.address, bankA.address, buyer.address, buyer.address, false);
    expect(await ebl.ownerOf(id)).to.equal(buyer.address);
    expect(await ebl.titleHolderOf(id)).to.equal(bankA.address);
  });

  it("surrenders for amendment with the reason code COD (change of destination)", async function () {
    const { ebl, shipper, carrier, id } = await loadFixture(issued);
    await expect(ebl.connect(shipper).act(id, Action.SurrenderForAmendment, ZERO, COD, NONE))
      .to.emit(ebl, "Surrendered")
      .withArgs(id, shipper.address, carrier.address, true, shipper.address)
      .and.to.emit(ebl, "Remarked")
      .withArgs(id, shipper.address, Action.SurrenderForAmendment, NONE, COD);
    expect((await ebl.billOf(id)).status).to.equal(Status.SurrenderedForAmendment);
  });

  it("surrenders for delivery through act", async function () {
    const { ebl, shipper, carrier, id } = await loadFixture(issued);
    await expect(ebl.connect(shipper).act(id, Action.SurrenderForDelivery, ZERO, NONE, NONE))
      .to.emit(ebl, "Surrendered")
      .withArgs(id, shipper.address, carrier.address, false, shipper.address);
  });

  it("requests a switch to paper with the reason SWTP and cancels it through act", async function () {
    const { ebl, shipper, id } = await loadFixture(issued);
    await expect(ebl.connect(shipper).act(id, Action.RequestSwitchToPaper, ZERO, SWTP, NONE))
      .to.emit(ebl, "SwitchToPaperRequested")
      .withArgs(id, shipper.address, shipper.address)
      .and.to.emit(ebl, "Remarked")
      .withArgs(id, shipper.address, Action.RequestSwitchToPaper, NONE, SWTP);
    await expect(ebl.connect(shipper).act(id, Action.CancelSwitchToPaper, ZERO, NONE, NONE))
      .to.emit(ebl, "SwitchToPaperCancelled")
      .withArgs(id, shipper.address, shipper.address);
    expect((await ebl.billOf(id)).status).to.equal(Status.Issued);
  });

  it("applies the named function's refusals: a holder without title cannot endorse through act", async function () {
    const { ebl, shipper, bankA, buyer, id } = await loadFixture(issued);
    await ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id);
    const before = await billState(ebl, id);
    await expect(ebl.connect(bankA).act(id, Action.Endorse, buyer.address, NONE, remarkHash("x")))
      .to.be.revertedWithCustomError(ebl, "EblNoTitle")
      .withArgs(id, bankA.address);
    await expectUnchanged(ebl, id, before);
  });

  describe("SIGN", function () {
    it("lets the holder sign the eBL in its possession: Signed, nothing else changes", async function () {
      const { ebl, shipper, bankA, id } = await loadFixture(issued);
      await ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id);
      const before = await billState(ebl, id);
      const r = remarkHash("Signed for the consignee's bank");
      await expect(ebl.connect(bankA).act(id, Action.Sign, ZERO, NONE, r))
        .to.emit(ebl, "Signed")
        .withArgs(id, bankA.address, bankA.address)
        .and.to.emit(ebl, "Remarked")
        .withArgs(id, bankA.address, Action.Sign, r, NONE);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a signature by anyone but the holder (EblNotHolder)", async function () {
      const { ebl, bankA, id } = await loadFixture(issued);
      await expect(ebl.connect(bankA).act(id, Action.Sign, ZERO, NONE, NONE))
        .to.be.revertedWithCustomError(ebl, "EblNotHolder")
        .withArgs(id, bankA.address);
    });

    it("refuses a signature on legal hold (EblOnLegalHold) or once surrendered (EblInvalidStatus)", async function () {
      const { ebl, shipper, regulator, id } = await loadFixture(issued);
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      await expect(ebl.connect(shipper).act(id, Action.Sign, ZERO, NONE, NONE))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
      await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
      await ebl.connect(shipper).surrenderForDelivery(id);
      await expect(ebl.connect(shipper).act(id, Action.Sign, ZERO, NONE, NONE))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.SurrenderedForDelivery);
    });
  });

  describe("rejection of a delivery (RejectTransfer)", function () {
    it("returns possession to the sender of a transfer; the sender can use the eBL again", async function () {
      const { ebl, shipper, bankA, buyer, id } = await loadFixture(issued);
      await ebl.connect(shipper).act(id, Action.Transfer, bankA.address, NONE, NONE);
      const handover = await ebl.handoverOf(id);
      expect(handover.from).to.equal(shipper.address);
      expect(handover.titleMoved).to.equal(false);
      const r = remarkHash("Not the agreed bank");
      await expect(ebl.connect(bankA).act(id, Action.RejectTransfer, ZERO, NONE, r))
        .to.emit(ebl, "TransferRejected")
        .withArgs(id, bankA.address, shipper.address, shipper.address, bankA.address)
        .and.to.emit(ebl, "Remarked")
        .withArgs(id, bankA.address, Action.RejectTransfer, r, NONE)
        .and.not.to.emit(ebl, "PossessionTransferred");
      expect(await ebl.ownerOf(id)).to.equal(shipper.address);
      expect(await ebl.titleHolderOf(id)).to.equal(shipper.address);
      await expect(ebl.connect(shipper).endorseAndDeliver(id, buyer.address)).to.emit(ebl, "Endorsed");
    });

    it("returns possession and title of an endorse-and-deliver; title back to blank when it was blank", async function () {
      const { ebl, shipper, buyer, bankA, id } = await loadFixture(issued);
      await ebl.connect(shipper).act(id, Action.EndorseAndDeliver, buyer.address, NONE, NONE);
      await expect(ebl.connect(buyer).act(id, Action.RejectTransfer, ZERO, NONE, NONE))
        .to.emit(ebl, "TransferRejected")
        .withArgs(id, buyer.address, shipper.address, shipper.address, buyer.address);
      expect(await ebl.titleHolderOf(id)).to.equal(shipper.address);

      await ebl.connect(shipper).blankEndorse(id);
      await ebl.connect(shipper).act(id, Action.EndorseAndDeliver, bankA.address, NONE, NONE);
      expect((await ebl.handoverOf(id)).wasBlankEndorsed).to.equal(true);
      await expect(ebl.connect(bankA).act(id, Action.RejectTransfer, ZERO, NONE, NONE))
        .to.emit(ebl, "TransferRejected")
        .withArgs(id, bankA.address, shipper.address, ZERO, bankA.address);
      expect(await ebl.isBlankEndorsed(id)).to.equal(true);
      expect(await ebl.ownerOf(id)).to.equal(shipper.address);
    });

    it("refuses after the 7-day window (EblRejectionWindowClosed), and accepts on its last second", async function () {
      const { ebl, shipper, bankA, id } = await loadFixture(issued);
      await ebl.connect(shipper).act(id, Action.Transfer, bankA.address, NONE, NONE);
      const deadline = (await ebl.handoverOf(id)).deadline;
      expect(deadline).to.equal(BigInt(await networkHelpers.time.latest()) + WINDOW);
      const snapshot = await networkHelpers.takeSnapshot();
      await networkHelpers.time.setNextBlockTimestamp(deadline);
      await expect(ebl.connect(bankA).act(id, Action.RejectTransfer, ZERO, NONE, NONE)).to.emit(
        ebl,
        "TransferRejected",
      );
      await snapshot.restore();
      await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
      const before = await billState(ebl, id);
      await expect(ebl.connect(bankA).act(id, Action.RejectTransfer, ZERO, NONE, NONE))
        .to.be.revertedWithCustomError(ebl, "EblRejectionWindowClosed")
        .withArgs(id, deadline);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a rejection when there was no delivery through act (EblNotRejectable)", async function () {
      const { ebl, shipper, bankA, id } = await loadFixture(issued);
      await ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id);
      await expect(ebl.connect(bankA).act(id, Action.RejectTransfer, ZERO, NONE, NONE))
        .to.be.revertedWithCustomError(ebl, "EblNotRejectable")
        .withArgs(id);
    });

    it("refuses once the receiver moved the eBL on, or endorsed the title onward", async function () {
      const { ebl, shipper, bankA, buyer, id } = await loadFixture(issued);
      await ebl.connect(shipper).act(id, Action.Transfer, bankA.address, NONE, NONE);
      await ebl.connect(bankA).transferFrom(bankA.address, buyer.address, id);
      await ebl.connect(buyer).transferFrom(buyer.address, bankA.address, id);
      await expect(ebl.connect(bankA).act(id, Action.RejectTransfer, ZERO, NONE, NONE))
        .to.be.revertedWithCustomError(ebl, "EblNotRejectable")
        .withArgs(id);

      const other = await loadFixture(issued);
      await other.ebl.connect(other.shipper).act(other.id, Action.EndorseAndDeliver, other.buyer.address, NONE, NONE);
      await other.ebl.connect(other.buyer).endorse(other.id, other.bankA.address);
      await expect(other.ebl.connect(other.buyer).act(other.id, Action.RejectTransfer, ZERO, NONE, NONE))
        .to.be.revertedWithCustomError(other.ebl, "EblNotRejectable")
        .withArgs(other.id);
    });

    it("refuses a rejection by anyone but the receiver (EblNotHolder)", async function () {
      const { ebl, shipper, bankA, id } = await loadFixture(issued);
      await ebl.connect(shipper).act(id, Action.Transfer, bankA.address, NONE, NONE);
      await expect(ebl.connect(shipper).act(id, Action.RejectTransfer, ZERO, NONE, NONE))
        .to.be.revertedWithCustomError(ebl, "EblNotHolder")
        .withArgs(id, shipper.address);
    });

    it("never makes a custodian's delivery rejectable: a paid settlement cannot be undone", async function () {
      const { ebl, shipper, custodian, buyer, id } = await loadFixture(issued);
      // The custodian (a verified custody participant) holds the eBL for title, as a settlement does before payment.
      await ebl.connect(shipper).transferFrom(shipper.address, custodian.address, id);
      await ebl.connect(custodian).act(id, Action.EndorseAndDeliver, buyer.address, NONE, NONE);
      expect((await ebl.handoverOf(id)).deadline).to.equal(0n, "no handover recorded");
      const before = await billState(ebl, id);
      await expect(ebl.connect(buyer).act(id, Action.RejectTransfer, ZERO, NONE, NONE))
        .to.be.revertedWithCustomError(ebl, "EblNotRejectable")
        .withArgs(id);
      await expectUnchanged(ebl, id, before);
    });

    it("never makes an operator's delivery rejectable (operators are custodians)", async function () {
      const { ebl, shipper, custodian, bankA, id } = await loadFixture(issued);
      await ebl.connect(shipper).approve(custodian.address, id);
      await ebl.connect(custodian).act(id, Action.Transfer, bankA.address, NONE, NONE);
      await expect(ebl.connect(bankA).act(id, Action.RejectTransfer, ZERO, NONE, NONE))
        .to.be.revertedWithCustomError(ebl, "EblNotRejectable")
        .withArgs(id);
    });

    it("refuses a rejection while the eBL is on legal hold or the registry is paused", async function () {
      const { ebl, admin, shipper, bankA, regulator, id } = await loadFixture(issued);
      await ebl.connect(shipper).act(id, Action.Transfer, bankA.address, NONE, NONE);
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      await expect(ebl.connect(bankA).act(id, Action.RejectTransfer, ZERO, NONE, NONE))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
      await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(bankA).act(id, Action.RejectTransfer, ZERO, NONE, NONE)).to.be.revertedWithCustomError(
        ebl,
        "EnforcedPause",
      );
      await ebl.connect(admin).unpause();
      await expect(ebl.connect(bankA).act(id, Action.RejectTransfer, ZERO, NONE, NONE)).to.emit(
        ebl,
        "TransferRejected",
      );
    });
  });
});
