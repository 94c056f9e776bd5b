/** ERC-4494 permits: the holder's signature approves a custodian, once, before its deadline. */
import { expect } from "chai";

import { EBL_REGISTRY_DOMAIN_NAME, eblPermitTypes } from "../../sdk/src/index.js";
import { forEthers } from "../helpers/eip712.js";
import {
  BillKind,
  billState,
  eblDomain,
  ethers,
  expectUnchanged,
  fixture,
  loadFixture,
  networkHelpers,
  signPermit,
} from "./fixture.js";

/** A to-order eBL with the shipper (holder and title holder), a deadline in an hour, and the eBL's record. */
async function issued() {
  const f = await fixture();
  const id = await f.issueToOrder();
  const deadline = BigInt((await networkHelpers.time.latest()) + 3600);
  return { ...f, id, deadline, before: await billState(f.ebl, id) };
}

describe("BillOfLadingRegistry — permit (ERC-4494)", function () {
  describe("EIP-712", function () {
    it("exposes the EIP-712 domain separator, named as the SDK names it", async function () {
      const { ebl } = await loadFixture(fixture);
      expect(await ebl.DOMAIN_SEPARATOR()).to.equal(ethers.TypedDataEncoder.hashDomain(await eblDomain(ebl)));
      const domain = await ebl.eip712Domain();
      expect(domain.name).to.equal(EBL_REGISTRY_DOMAIN_NAME);
      expect(domain.version).to.equal("1");
    });

    it("PERMIT_TYPEHASH is the hash of the documented type string, as are the SDK's types", async function () {
      const { ebl } = await loadFixture(fixture);
      const documented = ethers.id("Permit(address spender,uint256 tokenId,uint256 nonce,uint256 deadline)");
      expect(await ebl.PERMIT_TYPEHASH()).to.equal(documented);
      expect(ethers.id(ethers.TypedDataEncoder.from(forEthers(eblPermitTypes)).encodeType("Permit"))).to.equal(
        documented,
      );
    });
  });

  it("approves the settlement contract from the holder's EOA signature, submitted by anyone, once", async function () {
    const { ebl, shipper, outsider, settlement, id, deadline } = await loadFixture(issued);
    const s = await settlement.getAddress();
    const sig = await signPermit(ebl, shipper, s, id, deadline);
    await expect(ebl.connect(outsider).permit(s, id, deadline, sig))
      .to.emit(ebl, "Approval")
      .withArgs(shipper.address, s, id);
    expect(await ebl.getApproved(id)).to.equal(s);
    expect(await ebl.nonces(id)).to.equal(1n);
    await expect(ebl.connect(outsider).permit(s, id, deadline, sig))
      .to.be.revertedWithCustomError(ebl, "RailsInvalidSignature")
      .withArgs(shipper.address);
  });

  it("accepts an ERC-1271 signature of a bank's smart account and refuses a wrong one", async function () {
    const { ebl, carrier, bankAccount, bankA, bankB, custodian, doc } = await loadFixture(fixture);
    const account = await bankAccount.getAddress();
    await ebl.connect(carrier).issue(account, "SA-1", BillKind.ToOrder, account, doc.hash);
    const id = await ebl.tokenIdOf(carrier.address, "SA-1");
    const deadline = BigInt((await networkHelpers.time.latest()) + 3600);
    const bad = await signPermit(ebl, bankA, custodian.address, id, deadline);
    await expect(ebl.permit(custodian.address, id, deadline, bad))
      .to.be.revertedWithCustomError(ebl, "RailsInvalidSignature")
      .withArgs(account);
    const good = await signPermit(ebl, bankB, custodian.address, id, deadline);
    await expect(ebl.permit(custodian.address, id, deadline, good))
      .to.emit(ebl, "Approval")
      .withArgs(account, custodian.address, id);
  });

  describe("refusals", function () {
    it("refuses an expired permit", async function () {
      const { ebl, shipper, custodian, id, before } = await loadFixture(issued);
      const deadline = BigInt((await networkHelpers.time.latest()) + 10);
      const sig = await signPermit(ebl, shipper, custodian.address, id, deadline);
      await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
      await expect(ebl.permit(custodian.address, id, deadline, sig))
        .to.be.revertedWithCustomError(ebl, "RailsExpired")
        .withArgs(deadline, deadline + 1n);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a signature by someone other than the holder", async function () {
      const { ebl, shipper, bankA, custodian, id, deadline, before } = await loadFixture(issued);
      const sig = await signPermit(ebl, bankA, custodian.address, id, deadline);
      await expect(ebl.permit(custodian.address, id, deadline, sig))
        .to.be.revertedWithCustomError(ebl, "RailsInvalidSignature")
        .withArgs(shipper.address);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a malformed signature", async function () {
      const { ebl, shipper, custodian, id, deadline, before } = await loadFixture(issued);
      await expect(ebl.permit(custodian.address, id, deadline, "0x1234"))
        .to.be.revertedWithCustomError(ebl, "RailsInvalidSignature")
        .withArgs(shipper.address);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a permit naming a non-custodian spender", async function () {
      const { ebl, shipper, buyer, id, deadline, before } = await loadFixture(issued);
      const sig = await signPermit(ebl, shipper, buyer.address, id, deadline);
      await expect(ebl.permit(buyer.address, id, deadline, sig))
        .to.be.revertedWithCustomError(ebl, "EblOperatorNotCustodian")
        .withArgs(buyer.address);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a permit signed before a transfer, even once the eBL is back with the signer", async function () {
      const { ebl, shipper, bankA, custodian, id, deadline } = await loadFixture(issued);
      const sig = await signPermit(ebl, shipper, custodian.address, id, deadline);
      await ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id);
      await ebl.connect(bankA).transferFrom(bankA.address, shipper.address, id);
      const before = await billState(ebl, id);
      await expect(ebl.permit(custodian.address, id, deadline, sig))
        .to.be.revertedWithCustomError(ebl, "RailsInvalidSignature")
        .withArgs(shipper.address);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a token that does not exist", async function () {
      const { ebl, shipper, custodian } = await loadFixture(fixture);
      const deadline = BigInt((await networkHelpers.time.latest()) + 3600);
      const sig = await signPermit(ebl, shipper, custodian.address, 7n, deadline);
      await expect(ebl.permit(custodian.address, 7n, deadline, sig))
        .to.be.revertedWithCustomError(ebl, "ERC721NonexistentToken")
        .withArgs(7n);
    });
  });
});
