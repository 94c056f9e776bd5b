/** Endorsement of a to-order eBL: endorse (title only), blankEndorse (bearer) and endorseAndDeliver (both). */
import { expect } from "chai";

import { shouldRefuseUnverifiedReceivers } from "../helpers/behaviours.js";
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

/** A to-order eBL held by the shipper, made out to the order of bank A: the shipper holds it without title. */
async function toBank() {
  const f = await fixture();
  const id = await f.issueToOrder("TO-BANK", f.bankA.address);
  return { ...f, id, before: await billState(f.ebl, id) };
}

/** A straight B/L with the shipper, the consignee its title holder. */
async function straight() {
  const f = await fixture();
  const id = await f.issueStraight();
  return { ...f, id, before: await billState(f.ebl, id) };
}

/** A to-order eBL with the shipper on legal hold. */
async function onHold() {
  const f = await fixture();
  const id = await f.issueToOrder();
  await f.ebl.connect(f.regulator).placeLegalHold(id, HOLD_REASON);
  return { ...f, id, before: await billState(f.ebl, id) };
}

/** A to-order eBL with the shipper, the registry paused. */
async function paused() {
  const f = await fixture();
  const id = await f.issueToOrder();
  await f.ebl.connect(f.admin).pause();
  return { ...f, id, before: await billState(f.ebl, id) };
}

describe("BillOfLadingRegistry — endorsement", function () {
  describe("endorse", function () {
    it("lets the holder with title name a new title holder; possession stays", async function () {
      const { ebl, shipper, buyer, id } = await loadFixture(issued);
      expect(await ebl.canEndorse(id, shipper.address)).to.equal(true);
      await expect(ebl.connect(shipper).endorse(id, buyer.address))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, shipper.address, buyer.address, shipper.address, shipper.address, false);
      expect(await ebl.titleHolderOf(id)).to.equal(buyer.address);
      expect(await ebl.ownerOf(id)).to.equal(shipper.address);
      expect(await ebl.canEndorse(id, shipper.address)).to.equal(false, "the holder gave up title");
    });

    it("lets an approved custody operator endorse on the holder's behalf", async function () {
      const { ebl, shipper, buyer, custodian, id } = await loadFixture(issued);
      await ebl.connect(shipper).approve(custodian.address, id);
      await expect(ebl.connect(custodian).endorse(id, buyer.address))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, shipper.address, buyer.address, shipper.address, custodian.address, false);
    });

    describe("refusals", function () {
      it("refuses a straight B/L", async function () {
        const { ebl, consignee, buyer, shipper, id } = await loadFixture(straight);
        await ebl.connect(shipper).transferFrom(shipper.address, consignee.address, id);
        const before = await billState(ebl, id);
        await expect(ebl.connect(consignee).endorse(id, buyer.address))
          .to.be.revertedWithCustomError(ebl, "EblStraightNotEndorsable")
          .withArgs(id);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a caller that is neither holder nor approved operator", async function () {
        const { ebl, buyer, id, before } = await loadFixture(issued);
        await expect(ebl.connect(buyer).endorse(id, buyer.address))
          .to.be.revertedWithCustomError(ebl, "EblNotHolder")
          .withArgs(id, buyer.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a holder without title (made out to the order of a bank)", async function () {
        const { ebl, shipper, buyer, id, before } = await loadFixture(toBank);
        await expect(ebl.connect(shipper).endorse(id, buyer.address))
          .to.be.revertedWithCustomError(ebl, "EblNoTitle")
          .withArgs(id, shipper.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses an unverified endorsee", async function () {
        const { ebl, shipper, outsider, id, before } = await loadFixture(issued);
        await expect(ebl.connect(shipper).endorse(id, outsider.address))
          .to.be.revertedWithCustomError(ebl, "EblInvalidTitleHolder")
          .withArgs(outsider.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a custody-only endorsee", async function () {
        const { ebl, shipper, custodian, id, before } = await loadFixture(issued);
        await expect(ebl.connect(shipper).endorse(id, custodian.address))
          .to.be.revertedWithCustomError(ebl, "EblInvalidTitleHolder")
          .withArgs(custodian.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a token never issued", async function () {
        const { ebl, shipper, buyer } = await loadFixture(fixture);
        await expect(ebl.connect(shipper).endorse(99n, buyer.address))
          .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
          .withArgs(99n, Status.None);
        expect((await ebl.billOf(99n)).titleHolder).to.equal(ethers.ZeroAddress);
      });

      it("refuses an eBL surrendered for amendment", async function () {
        const { ebl, shipper, buyer, id } = await loadFixture(issued);
        await ebl.connect(shipper).surrenderForAmendment(id);
        const before = await billState(ebl, id);
        await expect(ebl.connect(shipper).endorse(id, buyer.address))
          .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
          .withArgs(id, Status.SurrenderedForAmendment);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses an eBL on legal hold", async function () {
        const { ebl, shipper, buyer, id, before } = await loadFixture(onHold);
        await expect(ebl.connect(shipper).endorse(id, buyer.address))
          .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
          .withArgs(id);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses an endorsement while paused", async function () {
        const { ebl, shipper, buyer, id, before } = await loadFixture(paused);
        await expect(ebl.connect(shipper).endorse(id, buyer.address)).to.be.revertedWithCustomError(
          ebl,
          "EnforcedPause",
        );
        await expectUnchanged(ebl, id, before);
      });
    });
  });

  describe("blankEndorse", function () {
    it("makes the eBL a bearer document: the next holder has title", async function () {
      const { ebl, lens, shipper, bankA, buyer, id } = await loadFixture(issued);
      await expect(ebl.connect(shipper).blankEndorse(id))
        .to.emit(ebl, "BlankEndorsed")
        .withArgs(id, shipper.address, shipper.address, shipper.address);
      expect(await ebl.isBlankEndorsed(id)).to.equal(true);
      expect(await ebl.titleHolderOf(id)).to.equal(ethers.ZeroAddress);
      await ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id);
      expect(await ebl.canEndorse(id, bankA.address)).to.equal(true);
      expect(await lens.canSurrender(ebl, id, bankA.address)).to.equal(true);
      await expect(ebl.connect(bankA).endorse(id, buyer.address))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, bankA.address, buyer.address, ethers.ZeroAddress, bankA.address, false);
      expect(await ebl.isBlankEndorsed(id)).to.equal(false);
    });

    it("lets an approved operator endorse in blank", async function () {
      const { ebl, shipper, custodian, id } = await loadFixture(issued);
      await ebl.connect(shipper).setApprovalForAll(custodian.address, true);
      await expect(ebl.connect(custodian).blankEndorse(id))
        .to.emit(ebl, "BlankEndorsed")
        .withArgs(id, shipper.address, shipper.address, custodian.address);
    });

    describe("refusals", function () {
      it("refuses a straight B/L", async function () {
        const { ebl, shipper, id, before } = await loadFixture(straight);
        await expect(ebl.connect(shipper).blankEndorse(id))
          .to.be.revertedWithCustomError(ebl, "EblStraightNotEndorsable")
          .withArgs(id);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a non-holder", async function () {
        const { ebl, consignee, id, before } = await loadFixture(toBank);
        await expect(ebl.connect(consignee).blankEndorse(id))
          .to.be.revertedWithCustomError(ebl, "EblNotHolder")
          .withArgs(id, consignee.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a holder without title", async function () {
        const { ebl, shipper, id, before } = await loadFixture(toBank);
        await expect(ebl.connect(shipper).blankEndorse(id))
          .to.be.revertedWithCustomError(ebl, "EblNoTitle")
          .withArgs(id, shipper.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses an eBL on legal hold", async function () {
        const { ebl, shipper, id, before } = await loadFixture(onHold);
        await expect(ebl.connect(shipper).blankEndorse(id))
          .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
          .withArgs(id);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a blank endorsement while paused", async function () {
        const { ebl, shipper, id, before } = await loadFixture(paused);
        await expect(ebl.connect(shipper).blankEndorse(id)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
        await expectUnchanged(ebl, id, before);
      });
    });
  });

  describe("endorseAndDeliver", function () {
    it("moves title and possession to the endorsee in one call", async function () {
      const { ebl, shipper, bankA, id } = await loadFixture(issued);
      await expect(ebl.connect(shipper).endorseAndDeliver(id, bankA.address))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, shipper.address, bankA.address, shipper.address, shipper.address, true)
        .and.to.emit(ebl, "Transfer")
        .withArgs(shipper.address, bankA.address, id);
      expect(await ebl.ownerOf(id)).to.equal(bankA.address);
      expect(await ebl.titleHolderOf(id)).to.equal(bankA.address);
      expect(await ebl.canEndorse(id, bankA.address)).to.equal(true);
    });

    it("lets the approved settlement contract endorse and deliver on the holder's behalf", async function () {
      const { ebl, admin, shipper, buyer, settlement, id } = await loadFixture(issued);
      const s = await settlement.getAddress();
      await ebl.connect(shipper).approve(s, id);
      const call = ebl.interface.encodeFunctionData("endorseAndDeliver", [id, buyer.address]);
      await expect(settlement.connect(admin).execute(await ebl.getAddress(), call))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, shipper.address, buyer.address, shipper.address, s, true);
      expect(await ebl.ownerOf(id)).to.equal(buyer.address);
    });

    it("lets a settlement contract holding possession for the title holder endorse as holder, never taking title", async function () {
      const { ebl, admin, shipper, buyer, settlement, id } = await loadFixture(issued);
      const s = await settlement.getAddress();
      await ebl.connect(shipper)["safeTransferFrom(address,address,uint256)"](shipper.address, s, id);
      expect(await ebl.titleHolderOf(id)).to.equal(shipper.address, "custody moves possession only");
      expect((await ebl.billOf(id)).custodyForTitle).to.equal(true);
      expect(await ebl.canEndorse(id, s)).to.equal(true);
      const call = ebl.interface.encodeFunctionData("endorseAndDeliver", [id, buyer.address]);
      await expect(settlement.connect(admin).execute(await ebl.getAddress(), call))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, s, buyer.address, shipper.address, s, true);
      expect(await ebl.ownerOf(id)).to.equal(buyer.address);
      expect(await ebl.titleHolderOf(id)).to.equal(buyer.address);
      expect((await ebl.billOf(id)).custodyForTitle).to.equal(false);
    });

    it("does not give a custodian title it was not given: deposited by a holder without title", async function () {
      const { ebl, admin, shipper, buyer, settlement, id } = await loadFixture(toBank);
      const s = await settlement.getAddress();
      await ebl.connect(shipper).transferFrom(shipper.address, s, id);
      expect((await ebl.billOf(id)).custodyForTitle).to.equal(false);
      const before = await billState(ebl, id);
      const call = ebl.interface.encodeFunctionData("endorseAndDeliver", [id, buyer.address]);
      await expect(settlement.connect(admin).execute(await ebl.getAddress(), call))
        .to.be.revertedWithCustomError(ebl, "EblNoTitle")
        .withArgs(id, s);
      await expectUnchanged(ebl, id, before);
    });

    it("keeps state consistent when a contract endorsee reenters from onERC721Received", async function () {
      const { ebl, shipper, bankAccount, bankA, id } = await loadFixture(issued);
      const account = await bankAccount.getAddress();
      // On receipt, the smart account passes the eBL straight on to bank A (it is holder and title holder by then).
      await bankAccount.setHook(
        await ebl.getAddress(),
        ebl.interface.encodeFunctionData("endorseAndDeliver", [id, bankA.address]),
      );
      await expect(ebl.connect(shipper).endorseAndDeliver(id, account))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, account, bankA.address, account, account, true);
      expect(await ebl.ownerOf(id)).to.equal(bankA.address);
      expect(await ebl.titleHolderOf(id)).to.equal(bankA.address);
      expect(await ebl.balanceOf(account)).to.equal(0n);
    });

    describe("refusals", function () {
      it("refuses a straight B/L", async function () {
        const { ebl, shipper, buyer, id, before } = await loadFixture(straight);
        await expect(ebl.connect(shipper).endorseAndDeliver(id, buyer.address))
          .to.be.revertedWithCustomError(ebl, "EblStraightNotEndorsable")
          .withArgs(id);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a holder without title", async function () {
        const { ebl, shipper, buyer, id, before } = await loadFixture(toBank);
        await expect(ebl.connect(shipper).endorseAndDeliver(id, buyer.address))
          .to.be.revertedWithCustomError(ebl, "EblNoTitle")
          .withArgs(id, shipper.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a non-holder", async function () {
        const { ebl, buyer, id, before } = await loadFixture(issued);
        await expect(ebl.connect(buyer).endorseAndDeliver(id, buyer.address))
          .to.be.revertedWithCustomError(ebl, "EblNotHolder")
          .withArgs(id, buyer.address);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses a contract endorsee that does not accept ERC-721 tokens", async function () {
        const { ebl, shipper, bankAccount, id, before } = await loadFixture(issued);
        await bankAccount.setAcceptsTokens(false);
        const account = await bankAccount.getAddress();
        await expect(ebl.connect(shipper).endorseAndDeliver(id, account))
          .to.be.revertedWithCustomError(ebl, "ERC721InvalidReceiver")
          .withArgs(account);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses an eBL on legal hold", async function () {
        const { ebl, shipper, buyer, id, before } = await loadFixture(onHold);
        await expect(ebl.connect(shipper).endorseAndDeliver(id, buyer.address))
          .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
          .withArgs(id);
        await expectUnchanged(ebl, id, before);
      });

      it("refuses endorseAndDeliver while paused", async function () {
        const { ebl, shipper, buyer, id, before } = await loadFixture(paused);
        await expect(ebl.connect(shipper).endorseAndDeliver(id, buyer.address)).to.be.revertedWithCustomError(
          ebl,
          "EnforcedPause",
        );
        await expectUnchanged(ebl, id, before);
      });
    });

    describe("endorseAndDeliver: only verified participants may receive", function () {
      shouldRefuseUnverifiedReceivers(
        async () => {
          const { ebl, participants, registrar, shipper, bankA, outsider, id } = await loadFixture(issued);
          return {
            contract: ebl,
            participants,
            registrar,
            receiver: bankA.address,
            stranger: outsider.address,
            move: (to) => ebl.connect(shipper).endorseAndDeliver(id, to),
            balanceOf: (account) => ebl.balanceOf(account),
            // The endorsee must be able to hold title: an unverified one is refused as a title holder.
            error: "EblInvalidTitleHolder",
            time: networkHelpers.time,
          };
        },
        { zeroAddressError: "EblInvalidTitleHolder" },
      );
    });
  });
});
