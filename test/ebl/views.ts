/** The registry's views: what they answer for a token never issued, and whom they let surrender or endorse. */
import { expect } from "chai";

import { HOLD_REASON, Status, ethers, fixture, loadFixture } from "./fixture.js";

describe("BillOfLadingRegistry — views", function () {
  it("return zeros for a token never issued", async function () {
    const { ebl, lens } = await loadFixture(fixture);
    const bill = await ebl.billOf(1n);
    expect(bill.issuer).to.equal(ethers.ZeroAddress);
    expect(bill.status).to.equal(Status.None);
    expect(bill.holder).to.equal(ethers.ZeroAddress);
    expect(await ebl.holderOf(1n)).to.equal(ethers.ZeroAddress);
    expect(await lens.issuerOf(ebl, 1n)).to.equal(ethers.ZeroAddress);
    expect(await ebl.documentOf(1n)).to.deep.equal([ethers.ZeroHash, 0n]);
    expect(await ebl.isBlankEndorsed(1n)).to.equal(false);
    expect(await lens.canSurrender(ebl, 1n, ethers.ZeroAddress)).to.equal(false);
    expect(await ebl.canEndorse(1n, ethers.ZeroAddress)).to.equal(false);
  });

  it("canSurrender / canEndorse follow holder, operator, title, kind, hold and operator verification", async function () {
    const {
      ebl,
      lens,
      participants,
      registrar,
      regulator,
      shipper,
      consignee,
      custodian,
      buyer,
      issueToOrder,
      issueStraight,
    } = await loadFixture(fixture);
    const id = await issueToOrder();
    expect(await ebl.canEndorse(id, buyer.address)).to.equal(false, "stranger");
    await ebl.connect(shipper).approve(custodian.address, id);
    expect(await ebl.canEndorse(id, custodian.address)).to.equal(true, "approved custodian");
    await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
    expect(await lens.canSurrender(ebl, id, shipper.address)).to.equal(false, "on hold");
    await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
    await participants.connect(registrar).revoke(custodian.address);
    expect(await ebl.canEndorse(id, custodian.address)).to.equal(false, "operator no longer verified");
    const straight = await issueStraight();
    await ebl.connect(shipper).transferFrom(shipper.address, consignee.address, straight);
    expect(await lens.canSurrender(ebl, straight, consignee.address)).to.equal(true, "consignee of a straight B/L");
    expect(await ebl.canEndorse(straight, consignee.address)).to.equal(false, "straight B/L");
  });
});
