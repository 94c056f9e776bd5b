/** Approvals (approve / setApprovalForAll): only verified settlement or custody participants may act for a holder. */
import { expect } from "chai";

import { billState, ethers, expectUnchanged, fixture, issued, loadFixture } from "./fixture.js";

describe("BillOfLadingRegistry — approvals (restricted to verified settlement / custody participants)", function () {
  describe("approve", function () {
    it("approves a verified custody participant and a settlement contract", async function () {
      const { ebl, shipper, custodian, settlement, id } = await loadFixture(issued);
      await expect(ebl.connect(shipper).approve(custodian.address, id))
        .to.emit(ebl, "Approval")
        .withArgs(shipper.address, custodian.address, id);
      const s = await settlement.getAddress();
      await ebl.connect(shipper).approve(s, id);
      expect(await ebl.getApproved(id)).to.equal(s);
    });

    it("clears an approval with the zero address", async function () {
      const { ebl, shipper, custodian, id } = await loadFixture(issued);
      await ebl.connect(shipper).approve(custodian.address, id);
      await expect(ebl.connect(shipper).approve(ethers.ZeroAddress, id))
        .to.emit(ebl, "Approval")
        .withArgs(shipper.address, ethers.ZeroAddress, id);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress);
    });

    it("lets an operator for all approve a custodian, but not once it is no longer a verified custodian itself", async function () {
      const { ebl, participants, registrar, shipper, custodian, settlement, id } = await loadFixture(issued);
      const other = await settlement.getAddress();
      await ebl.connect(shipper).setApprovalForAll(custodian.address, true);
      await expect(ebl.connect(custodian).approve(other, id))
        .to.emit(ebl, "Approval")
        .withArgs(shipper.address, other, id);
      await ebl.connect(shipper).approve(ethers.ZeroAddress, id);
      await participants.connect(registrar).revoke(custodian.address);
      await expect(ebl.connect(custodian).approve(other, id))
        .to.be.revertedWithCustomError(ebl, "EblOperatorNotCustodian")
        .withArgs(custodian.address);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress);
    });

    // Exclusive control: nobody but a custodian may hold a second key to the eBL.
    it("refuses to approve a trader (exclusive control)", async function () {
      const { ebl, shipper, buyer, id, before } = await loadFixture(issued);
      await expect(ebl.connect(shipper).approve(buyer.address, id))
        .to.be.revertedWithCustomError(ebl, "EblOperatorNotCustodian")
        .withArgs(buyer.address);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses to approve a bank (exclusive control)", async function () {
      const { ebl, shipper, bankA, id, before } = await loadFixture(issued);
      await expect(ebl.connect(shipper).approve(bankA.address, id))
        .to.be.revertedWithCustomError(ebl, "EblOperatorNotCustodian")
        .withArgs(bankA.address);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses to approve an unverified account (exclusive control)", async function () {
      const { ebl, shipper, outsider, id, before } = await loadFixture(issued);
      await expect(ebl.connect(shipper).approve(outsider.address, id))
        .to.be.revertedWithCustomError(ebl, "EblOperatorNotCustodian")
        .withArgs(outsider.address);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses approve by someone else than the holder", async function () {
      const { ebl, bankA, custodian, id, before } = await loadFixture(issued);
      await expect(ebl.connect(bankA).approve(custodian.address, id))
        .to.be.revertedWithCustomError(ebl, "ERC721InvalidApprover")
        .withArgs(bankA.address);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses to approve a nonexistent token with ERC721NonexistentToken, before the custodian rule", async function () {
      const { ebl, shipper, buyer, carrier } = await loadFixture(fixture);
      const missing = await ebl.tokenIdOf(carrier.address, "NEVER-ISSUED");
      await expect(ebl.connect(shipper).approve(buyer.address, missing))
        .to.be.revertedWithCustomError(ebl, "ERC721NonexistentToken")
        .withArgs(missing);
    });

    it("refuses approve by a non-holder with ERC721InvalidApprover, before the custodian rule", async function () {
      const { ebl, bankA, buyer, id, before } = await loadFixture(issued);
      await expect(ebl.connect(bankA).approve(buyer.address, id))
        .to.be.revertedWithCustomError(ebl, "ERC721InvalidApprover")
        .withArgs(bankA.address);
      await expectUnchanged(ebl, id, before);
    });
  });

  describe("setApprovalForAll", function () {
    it("sets an operator for all for a custodian", async function () {
      const { ebl, shipper, custodian } = await loadFixture(fixture);
      await expect(ebl.connect(shipper).setApprovalForAll(custodian.address, true))
        .to.emit(ebl, "ApprovalForAll")
        .withArgs(shipper.address, custodian.address, true);
      expect(await ebl.isApprovedForAll(shipper.address, custodian.address)).to.equal(true);
    });

    it("refuses an operator for all that is not a custodian", async function () {
      const { ebl, shipper, bankA } = await loadFixture(fixture);
      await expect(ebl.connect(shipper).setApprovalForAll(bankA.address, true))
        .to.be.revertedWithCustomError(ebl, "EblOperatorNotCustodian")
        .withArgs(bankA.address);
      expect(await ebl.isApprovedForAll(shipper.address, bankA.address)).to.equal(false);
    });

    it("refuses a zero operator with OpenZeppelin's ERC721InvalidOperator(0), before the custodian rule", async function () {
      const { ebl, shipper } = await loadFixture(fixture);
      await expect(ebl.connect(shipper).setApprovalForAll(ethers.ZeroAddress, true))
        .to.be.revertedWithCustomError(ebl, "ERC721InvalidOperator")
        .withArgs(ethers.ZeroAddress);
    });

    it("lets the holder revoke any operator for all, custodian or not (revoking is always allowed)", async function () {
      const { ebl, shipper, bankA } = await loadFixture(fixture);
      await expect(ebl.connect(shipper).setApprovalForAll(bankA.address, false))
        .to.emit(ebl, "ApprovalForAll")
        .withArgs(shipper.address, bankA.address, false);
    });
  });
});
