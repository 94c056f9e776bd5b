/**
 * Surrender to the carrier (for delivery or for amendment) and the carrier's answer: accept (the eBL is accomplished),
 * reject (it goes back), or issue an amendment (it goes back with the new document).
 */
import { expect } from "chai";

import {
  BillKind,
  HOLD_REASON,
  Kinds,
  Status,
  billState,
  ethers,
  expectUnchanged,
  fixture,
  issued,
  loadFixture,
  networkHelpers,
} from "./fixture.js";

/** A to-order eBL the shipper surrendered for delivery, with the carrier. */
async function surrenderedForDelivery() {
  const f = await fixture();
  const id = await f.issueToOrder();
  await f.ebl.connect(f.shipper).surrenderForDelivery(id);
  return { ...f, id, before: await billState(f.ebl, id) };
}

/** A to-order eBL the shipper surrendered for amendment, with the carrier. */
async function surrenderedForAmendment() {
  const f = await fixture();
  const id = await f.issueToOrder();
  await f.ebl.connect(f.shipper).surrenderForAmendment(id);
  return { ...f, id, before: await billState(f.ebl, id) };
}

/** Places a legal hold on `id` and returns its record. */
async function hold(f: Awaited<ReturnType<typeof issued>>) {
  await f.ebl.connect(f.regulator).placeLegalHold(f.id, HOLD_REASON);
  return billState(f.ebl, f.id);
}

describe("BillOfLadingRegistry — surrender and the carrier's answer", function () {
  describe("surrender for delivery / for amendment", function () {
    it("hands a to-order eBL from the holder with title to the carrier", async function () {
      const { ebl, lens, carrier, shipper, id } = await loadFixture(issued);
      expect(await lens.canSurrender(ebl, id, shipper.address)).to.equal(true);
      await expect(ebl.connect(shipper).surrenderForDelivery(id))
        .to.emit(ebl, "Surrendered")
        .withArgs(id, shipper.address, carrier.address, false, shipper.address)
        .and.to.emit(ebl, "Transfer")
        .withArgs(shipper.address, carrier.address, id);
      expect(await ebl.ownerOf(id)).to.equal(carrier.address);
      expect(await lens.statusOf(ebl, id)).to.equal(Status.SurrenderedForDelivery);
      expect(await ebl.surrendererOf(id)).to.equal(shipper.address);
      expect(await ebl.titleHolderOf(id)).to.equal(shipper.address);
      expect(await lens.canSurrender(ebl, id, carrier.address)).to.equal(false);
    });

    it("surrenders for amendment, by an approved operator", async function () {
      const { ebl, lens, carrier, shipper, custodian, id } = await loadFixture(issued);
      await ebl.connect(shipper).approve(custodian.address, id);
      expect(await lens.canSurrender(ebl, id, custodian.address)).to.equal(true);
      await expect(ebl.connect(custodian).surrenderForAmendment(id))
        .to.emit(ebl, "Surrendered")
        .withArgs(id, shipper.address, carrier.address, true, custodian.address);
      expect(await lens.statusOf(ebl, id)).to.equal(Status.SurrenderedForAmendment);
    });

    it("lets only the consignee surrender a straight B/L, not the shipper holding it", async function () {
      const { ebl, lens, carrier, shipper, consignee, issueStraight } = await loadFixture(fixture);
      const id = await issueStraight();
      expect(await lens.canSurrender(ebl, id, shipper.address)).to.equal(false);
      await expect(ebl.connect(shipper).surrenderForDelivery(id))
        .to.be.revertedWithCustomError(ebl, "EblNoTitle")
        .withArgs(id, shipper.address);
      await ebl.connect(shipper).transferFrom(shipper.address, consignee.address, id);
      await expect(ebl.connect(consignee).surrenderForDelivery(id))
        .to.emit(ebl, "Surrendered")
        .withArgs(id, consignee.address, carrier.address, false, consignee.address);
    });

    it("refuses a surrender for amendment by a holder that could not take the eBL back; for delivery it may", async function () {
      const { ebl, participants, registrar, carrier, shipper, id } = await loadFixture(issued);
      await participants.connect(registrar).revoke(shipper.address);
      // an amendment (or a rejection) would hand the eBL back to an unverified party: it would stay with the carrier
      await expect(ebl.connect(shipper).surrenderForAmendment(id))
        .to.be.revertedWithCustomError(ebl, "RailsNotVerified")
        .withArgs(shipper.address);
      expect(await ebl.ownerOf(id)).to.equal(shipper.address);
      await expect(ebl.connect(shipper).surrenderForDelivery(id))
        .to.emit(ebl, "Surrendered")
        .withArgs(id, shipper.address, carrier.address, false, shipper.address);
    });

    it("gives the custody title right back only to a surrenderer that is still a verified custodian", async function () {
      const { ebl, lens, participants, registrar, carrier, shipper, custodian, id } = await loadFixture(issued);
      await ebl.connect(shipper).transferFrom(shipper.address, custodian.address, id);
      expect((await ebl.billOf(id)).custodyForTitle).to.equal(true);
      await ebl.connect(custodian).surrenderForAmendment(id);
      const record = await participants.participant(custodian.address);
      await participants.connect(registrar).update(custodian.address, {
        kinds: Kinds.AGENT,
        jurisdiction: record.jurisdiction,
        validUntil: record.validUntil,
        kycReference: record.kycReference,
      });
      await ebl.connect(carrier).issueAmendment(id, ethers.id("amended document"));
      expect(await ebl.ownerOf(id)).to.equal(custodian.address);
      expect((await ebl.billOf(id)).custodyForTitle).to.equal(false);
      expect(await lens.canSurrender(ebl, id, custodian.address)).to.equal(false);
      expect(await ebl.titleHolderOf(id)).to.equal(shipper.address);
    });

    describe("refusals", function () {
      it("refuses a surrender by a non-holder", async function () {
        const { ebl, bankA, id, before } = await loadFixture(issued);
        await expect(ebl.connect(bankA).surrenderForDelivery(id))
          .to.be.revertedWithCustomError(ebl, "EblNotHolder")
          .withArgs(id, bankA.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a surrender by a holder without title", async function () {
        const { ebl, shipper, bankA, issueToOrder } = await loadFixture(fixture);
        const id = await issueToOrder("TO-BANK", bankA.address);
        const before = await billState(ebl, id);
        await expect(ebl.connect(shipper).surrenderForAmendment(id))
          .to.be.revertedWithCustomError(ebl, "EblNoTitle")
          .withArgs(id, shipper.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a second surrender (by the carrier holding it)", async function () {
        const { ebl, carrier, id, before } = await loadFixture(surrenderedForDelivery);
        await expect(ebl.connect(carrier).surrenderForDelivery(id))
          .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
          .withArgs(id, Status.SurrenderedForDelivery);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a surrender of an eBL on legal hold", async function () {
        const f = await loadFixture(issued);
        const before = await hold(f);
        await expect(f.ebl.connect(f.shipper).surrenderForDelivery(f.id))
          .to.be.revertedWithCustomError(f.ebl, "EblOnLegalHold")
          .withArgs(f.id);
        await expectUnchanged(f.ebl, f.id, before);
      });

      it("refuses a surrender while paused", async function () {
        const { ebl, admin, shipper, id, before } = await loadFixture(issued);
        await ebl.connect(admin).pause();
        await expect(ebl.connect(shipper).surrenderForAmendment(id)).to.be.revertedWithCustomError(
          ebl,
          "EnforcedPause",
        );
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a surrender to a carrier no longer verified, and accepts it once the carrier is registered again", async function () {
        const { ebl, participants, registrar, shipper, carrier, id, before } = await loadFixture(issued);
        await participants.connect(registrar).revoke(carrier.address);
        await expect(ebl.connect(shipper).surrenderForDelivery(id))
          .to.be.revertedWithCustomError(ebl, "RailsNotVerified")
          .withArgs(carrier.address);
        await expectUnchanged(ebl, id, before);
        await participants.connect(registrar).register(carrier.address, {
          kinds: Kinds.CARRIER,
          jurisdiction: "0x484b",
          validUntil: (await networkHelpers.time.latest()) + 1000,
          kycReference: ethers.ZeroHash,
        });
        await ebl.connect(shipper).surrenderForDelivery(id);
        expect(await ebl.ownerOf(id)).to.equal(carrier.address);
      });
    });
  });

  describe("acceptSurrender", function () {
    it("burns the eBL as accomplished; it can never be issued again", async function () {
      const { ebl, lens, carrier, shipper, doc, id } = await loadFixture(surrenderedForDelivery);
      await expect(ebl.connect(carrier).acceptSurrender(id))
        .to.emit(ebl, "SurrenderAccepted")
        .withArgs(id, carrier.address, shipper.address)
        .and.to.emit(ebl, "Transfer")
        .withArgs(carrier.address, ethers.ZeroAddress, id);
      expect(await lens.statusOf(ebl, id)).to.equal(Status.Accomplished);
      expect(await ebl.holderOf(id)).to.equal(ethers.ZeroAddress);
      expect(await ebl.balanceOf(carrier.address)).to.equal(0n);
      expect(await ebl.surrendererOf(id)).to.equal(ethers.ZeroAddress);
      await expect(ebl.ownerOf(id)).to.be.revertedWithCustomError(ebl, "ERC721NonexistentToken").withArgs(id);
      await expect(
        ebl.connect(carrier).issue(shipper.address, "TO-ORDER-0001", BillKind.ToOrder, shipper.address, doc.hash),
      )
        .to.be.revertedWithCustomError(ebl, "EblAlreadyIssued")
        .withArgs(id);
    });

    describe("refusals", function () {
      it("refuses an acceptance of an eBL not surrendered", async function () {
        const { ebl, carrier, id, before } = await loadFixture(issued);
        await expect(ebl.connect(carrier).acceptSurrender(id))
          .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
          .withArgs(id, Status.Issued);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses an acceptance of a surrender for amendment", async function () {
        const { ebl, carrier, id, before } = await loadFixture(surrenderedForAmendment);
        await expect(ebl.connect(carrier).acceptSurrender(id))
          .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
          .withArgs(id, Status.SurrenderedForAmendment);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses an acceptance by another carrier", async function () {
        const { ebl, carrier2, id, before } = await loadFixture(surrenderedForDelivery);
        await expect(ebl.connect(carrier2).acceptSurrender(id))
          .to.be.revertedWithCustomError(ebl, "EblNotIssuer")
          .withArgs(id, carrier2.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses an acceptance of a token id the carrier never issued", async function () {
        const { ebl, lens, carrier } = await loadFixture(fixture);
        const never = await ebl.tokenIdOf(carrier.address, "NEVER-ISSUED");
        await expect(ebl.connect(carrier).acceptSurrender(never))
          .to.be.revertedWithCustomError(ebl, "EblNotIssuer")
          .withArgs(never, carrier.address);
        expect(await lens.statusOf(ebl, never)).to.equal(Status.None);
      });

      it("refuses an acceptance while the eBL is on legal hold", async function () {
        const f = await loadFixture(surrenderedForDelivery);
        const before = await hold(f);
        await expect(f.ebl.connect(f.carrier).acceptSurrender(f.id))
          .to.be.revertedWithCustomError(f.ebl, "EblOnLegalHold")
          .withArgs(f.id);
        await expectUnchanged(f.ebl, f.id, before);
      });

      it("refuses an acceptance while paused", async function () {
        const { ebl, admin, carrier, id, before } = await loadFixture(surrenderedForDelivery);
        await ebl.connect(admin).pause();
        await expect(ebl.connect(carrier).acceptSurrender(id)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
        await expectUnchanged(ebl, id, before);
      });
    });
  });

  describe("rejectSurrender", function () {
    for (const forAmendment of [false, true]) {
      it(`returns the eBL to the surrenderer with nothing else changed (for ${forAmendment ? "amendment" : "delivery"})`, async function () {
        const { ebl, carrier, shipper, doc, issueToOrder } = await loadFixture(fixture);
        const id = await issueToOrder();
        const before = await ebl.billOf(id);
        await (forAmendment
          ? ebl.connect(shipper).surrenderForAmendment(id)
          : ebl.connect(shipper).surrenderForDelivery(id));
        await expect(ebl.connect(carrier).rejectSurrender(id))
          .to.emit(ebl, "SurrenderRejected")
          .withArgs(id, carrier.address, shipper.address, forAmendment)
          .and.to.emit(ebl, "Transfer")
          .withArgs(carrier.address, shipper.address, id);
        const after = await ebl.billOf(id);
        expect(after.holder).to.equal(shipper.address);
        expect(after.status).to.equal(Status.Issued);
        expect(after.titleHolder).to.equal(before.titleHolder);
        expect(after.documentHash).to.equal(doc.hash);
        expect(after.version).to.equal(1n);
        expect(await ebl.surrendererOf(id)).to.equal(ethers.ZeroAddress);
      });
    }

    it("restores a custodian's title right when it surrendered on behalf of the title holder", async function () {
      const { ebl, lens, admin, carrier, shipper, settlement, id } = await loadFixture(issued);
      const s = await settlement.getAddress();
      await ebl.connect(shipper).transferFrom(shipper.address, s, id);
      await settlement
        .connect(admin)
        .execute(await ebl.getAddress(), ebl.interface.encodeFunctionData("surrenderForDelivery", [id]));
      await ebl.connect(carrier).rejectSurrender(id);
      expect(await ebl.ownerOf(id)).to.equal(s);
      expect((await ebl.billOf(id)).custodyForTitle).to.equal(true);
      expect(await lens.canSurrender(ebl, id, s)).to.equal(true);
    });

    describe("refusals", function () {
      it("refuses a rejection of an eBL not surrendered", async function () {
        const { ebl, carrier, id, before } = await loadFixture(issued);
        await expect(ebl.connect(carrier).rejectSurrender(id))
          .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
          .withArgs(id, Status.Issued);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a rejection by another carrier", async function () {
        const { ebl, carrier2, id, before } = await loadFixture(surrenderedForDelivery);
        await expect(ebl.connect(carrier2).rejectSurrender(id))
          .to.be.revertedWithCustomError(ebl, "EblNotIssuer")
          .withArgs(id, carrier2.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a rejection of a token id the carrier never issued", async function () {
        const { ebl, lens, carrier } = await loadFixture(fixture);
        const never = await ebl.tokenIdOf(carrier.address, "NEVER-ISSUED");
        await expect(ebl.connect(carrier).rejectSurrender(never))
          .to.be.revertedWithCustomError(ebl, "EblNotIssuer")
          .withArgs(never, carrier.address);
        expect(await lens.statusOf(ebl, never)).to.equal(Status.None);
      });

      it("refuses a rejection while the eBL is on legal hold", async function () {
        const f = await loadFixture(surrenderedForDelivery);
        const before = await hold(f);
        await expect(f.ebl.connect(f.carrier).rejectSurrender(f.id))
          .to.be.revertedWithCustomError(f.ebl, "EblOnLegalHold")
          .withArgs(f.id);
        await expectUnchanged(f.ebl, f.id, before);
      });

      it("refuses a rejection while paused", async function () {
        const { ebl, admin, carrier, id, before } = await loadFixture(surrenderedForDelivery);
        await ebl.connect(admin).pause();
        await expect(ebl.connect(carrier).rejectSurrender(id)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a rejection to a surrenderer no longer verified (the eBL stays with the carrier)", async function () {
        const { ebl, participants, registrar, carrier, shipper, id, before } =
          await loadFixture(surrenderedForDelivery);
        await participants.connect(registrar).revoke(shipper.address);
        await expect(ebl.connect(carrier).rejectSurrender(id))
          .to.be.revertedWithCustomError(ebl, "RailsNotVerified")
          .withArgs(shipper.address);
        await expectUnchanged(ebl, id, before);
      });
    });
  });

  describe("issueAmendment", function () {
    it("reissues under the same id with the new hash and version + 1, to the same holder and title holder", async function () {
      const { ebl, lens, carrier, shipper, bankA, doc, amended, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder("TO-BANK", bankA.address);
      await ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id);
      await ebl.connect(bankA).surrenderForAmendment(id);
      await expect(ebl.connect(carrier).issueAmendment(id, amended))
        .to.emit(ebl, "AmendmentIssued")
        .withArgs(id, carrier.address, bankA.address, doc.hash, amended, 2n)
        .and.to.emit(ebl, "Transfer")
        .withArgs(carrier.address, bankA.address, id);
      expect(await ebl.documentOf(id)).to.deep.equal([amended, 2n]);
      expect(await ebl.ownerOf(id)).to.equal(bankA.address);
      expect(await ebl.titleHolderOf(id)).to.equal(bankA.address);
      expect(await lens.statusOf(ebl, id)).to.equal(Status.Issued);
    });

    describe("refusals", function () {
      it("refuses an amendment after a surrender for delivery", async function () {
        const { ebl, carrier, amended, id, before } = await loadFixture(surrenderedForDelivery);
        await expect(ebl.connect(carrier).issueAmendment(id, amended))
          .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
          .withArgs(id, Status.SurrenderedForDelivery);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses an amendment by another carrier", async function () {
        const { ebl, carrier2, amended, id, before } = await loadFixture(surrenderedForAmendment);
        await expect(ebl.connect(carrier2).issueAmendment(id, amended))
          .to.be.revertedWithCustomError(ebl, "EblNotIssuer")
          .withArgs(id, carrier2.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses an amendment with a zero document hash", async function () {
        const { ebl, carrier, id, before } = await loadFixture(surrenderedForAmendment);
        await expect(ebl.connect(carrier).issueAmendment(id, ethers.ZeroHash)).to.be.revertedWithCustomError(
          ebl,
          "EblInvalidDocumentHash",
        );
        await expectUnchanged(ebl, id, before);
      });

      it("refuses an amendment with an unchanged document hash", async function () {
        const { ebl, carrier, doc, id, before } = await loadFixture(surrenderedForAmendment);
        await expect(ebl.connect(carrier).issueAmendment(id, doc.hash))
          .to.be.revertedWithCustomError(ebl, "EblDocumentHashUnchanged")
          .withArgs(id, doc.hash);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses an amendment while the eBL is on legal hold", async function () {
        const f = await loadFixture(surrenderedForAmendment);
        const before = await hold(f);
        await expect(f.ebl.connect(f.carrier).issueAmendment(f.id, f.amended))
          .to.be.revertedWithCustomError(f.ebl, "EblOnLegalHold")
          .withArgs(f.id);
        await expectUnchanged(f.ebl, f.id, before);
      });
    });
  });
});
