import { expect } from "chai";

import { ALLOWANCE, HKD, NO_EBL_AUTH, deploySystem, ethers, networkHelpers } from "./fixture.js";

describe("DeliveryVersusPayment smoke", function () {
  it("settles signed terms with prior approvals", async function () {
    const f = await networkHelpers.loadFixture(deploySystem);
    const t = await f.terms();
    await f.ebl.connect(f.exporter).approve(await f.dvp.getAddress(), f.tokenId);
    await f.hkd.connect(f.importer).approve(await f.dvp.getAddress(), t.amount);
    const tx = f.dvp.connect(f.relayer).settle({
      terms: t,
      sellerSignature: await f.signTerms(f.exporter, t),
      buyerSignature: await f.signTerms(f.importer, t),
      eblAuth: NO_EBL_AUTH,
      paymentAuth: ALLOWANCE,
    });
    await expect(tx).to.emit(f.dvp, "Settled");
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
    expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
    expect(await f.hkd.balanceOf(f.exporter.address)).to.equal(HKD(25_000));
    const r = await (await tx).wait();
    console.log("gas approvals", r!.gasUsed);
  });

  it("settles in one transaction with permits and an EIP-3009 authorization", async function () {
    const f = await networkHelpers.loadFixture(deploySystem);
    const t = await f.terms();
    const hash = await f.dvp.hashTerms(t);
    const tx = await f.dvp.connect(f.relayer).settle({
      terms: t,
      sellerSignature: await f.signTerms(f.exporter, t),
      buyerSignature: await f.signTerms(f.importer, t),
      eblAuth: await f.eblPermit(f.exporter),
      paymentAuth: await f.paymentAuthorization(f.importer, t.amount, hash),
    });
    const r = await tx.wait();
    console.log("gas 3009", r!.gasUsed);
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
    expect(await f.hkd.balanceOf(f.exporter.address)).to.equal(HKD(25_000));
  });

  it("escrows both legs and settles when the second arrives", async function () {
    const f = await networkHelpers.loadFixture(deploySystem);
    const t = await f.terms();
    const dealId = await f.dvp.hashTerms(t);
    await f.dvp.connect(f.exporter).createDeal(t, "0x");
    await f.dvp.connect(f.relayer).depositEbl(t, await f.eblPermit(f.exporter));
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(await f.dvp.getAddress());
    await f.dvp
      .connect(f.relayer)
      .depositPayment(
        t,
        HKD(10_000),
        "0x",
        await f.paymentAuthorization(f.importer, HKD(10_000), dealId, ethers.id("a")),
      );
    await expect(
      f.dvp
        .connect(f.relayer)
        .depositPayment(
          t,
          HKD(15_000),
          "0x",
          await f.paymentAuthorization(f.importer, HKD(15_000), dealId, ethers.id("b")),
        ),
    ).to.emit(f.dvp, "Settled");
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
    expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
    expect(await f.hkd.balanceOf(f.exporter.address)).to.equal(HKD(25_000));
    expect(await f.dvp.escrowedBalance(await f.hkd.getAddress())).to.equal(0n);
  });
});
