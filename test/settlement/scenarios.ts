import { expect } from "chai";

import { BillKind, Status } from "../ebl/helpers.js";
import {
  ALLOWANCE,
  CancelReason,
  HKD,
  NO_EBL_AUTH,
  TermsStatus,
  deploySystem,
  ethers,
  networkHelpers,
} from "./fixture.js";

const { loadFixture, time } = networkHelpers;

/**
 * The trade flows of docs/settlement.md and the shared domain notes, end to end with the real contracts: the
 * participant register, the eBL registry, the HKD tokenized deposit, the two settlement contracts and their rail.
 */
describe("Settlement scenarios", function () {
  it("cash against documents: the Hong Kong importer pays HKD to the Shanghai exporter, receives the eBL, surrenders it and the carrier delivers", async function () {
    const f = await loadFixture(deploySystem);
    const settlementAddress = await f.settlement.getAddress();
    // 1. The carrier issued a to-order B/L to the exporter (fixture). Both sides agree on the terms of the
    //    document version the importer has seen.
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
    expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.exporter.address);
    expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
    const t = await f.terms();
    const hash = await f.settlement.hashTerms(t);

    // 2. They sign terms, the eBL permit and an EIP-3009 authorization; the importer's bank relays one transaction.
    const s = await f.signed(t, {
      eblAuth: await f.eblPermit(f.exporter),
      paymentAuth: await f.paymentAuthorization(f.importer, t.amount, hash),
    });
    const tx = f.settlement.connect(f.hkBank).settle(s);
    await expect(tx)
      .to.emit(f.settlement, "Settled")
      .withArgs(hash, f.exporter.address, f.importer.address, t.registry, t.tokenId, t.paymentToken, t.amount);
    await expect(tx).to.emit(f.ebl, "Endorsed");
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
    expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
    expect(await f.hkd.balanceOf(f.exporter.address)).to.equal(HKD(25_000));
    expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(75_000));
    expect(await f.hkd.balanceOf(settlementAddress)).to.equal(0n);
    expect(await f.hkd.balanceOf(await f.rail.getAddress())).to.equal(0n);
    expect(await f.settlement.statusOf(hash)).to.equal(BigInt(TermsStatus.Settled));

    // 3. At Hong Kong the importer surrenders the eBL for delivery; the carrier accepts and the B/L is accomplished.
    await expect(f.ebl.connect(f.importer).surrenderForDelivery(f.tokenId)).to.emit(f.ebl, "Surrendered");
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.carrier.address);
    await expect(f.ebl.connect(f.carrier).acceptSurrender(f.tokenId))
      .to.emit(f.ebl, "SurrenderAccepted")
      .withArgs(f.tokenId, f.carrier.address, f.importer.address);
    expect(await f.lens.statusOf(f.ebl, f.tokenId)).to.equal(BigInt(Status.Accomplished));
    expect(await f.ebl.holderOf(f.tokenId)).to.equal(ethers.ZeroAddress);

    // The settled terms can never be used again.
    await expect(f.settlement.connect(f.hkBank).settle(s))
      .to.be.revertedWithCustomError(f.settlement, "SettlementTermsUsed")
      .withArgs(hash, TermsStatus.Settled);
  });

  it("bank financing: the bank pays the exporter and holds the eBL as pledge; the importer repays in a second DvP and receives the eBL", async function () {
    const f = await loadFixture(deploySystem);
    const escrowAddress = await f.escrow.getAddress();
    // 1. First DvP (signed): the HK bank pays HKD 25 000 to the exporter; title is endorsed to the importer,
    //    possession goes to the bank as pledgee.
    const finance = await f.terms({
      buyer: f.hkBank.address,
      eblRecipient: f.hkBank.address,
      titleRecipient: f.importer.address,
      salt: ethers.id("LOAN-2026-0007"),
    });
    await f.hkd.connect(f.hkBank).approve(await f.rail.getAddress(), finance.amount);
    const s1 = await f.signed(finance, { buyer: null, eblAuth: await f.eblPermit(f.exporter) });
    await expect(f.settlement.connect(f.hkBank).settle(s1)).to.changeTokenBalances(
      ethers,
      f.hkd,
      [f.hkBank, f.exporter],
      [-finance.amount, finance.amount],
    );
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.hkBank.address);
    expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
    // The bank holds without title: it cannot surrender the goods for itself.
    expect(await f.lens.canSurrender(f.ebl, f.tokenId, f.hkBank.address)).to.equal(false);

    // 2. Second DvP (escrowed): the importer repays principal and interest; title is already with the importer (the
    //    title recipient), so only possession moves.
    const repay = await f.terms({
      seller: f.hkBank.address,
      buyer: f.importer.address,
      eblRecipient: f.importer.address,
      titleRecipient: f.importer.address,
      paymentRecipient: f.hkBank.address,
      amount: HKD(25_250),
      salt: ethers.id("LOAN-2026-0007/REPAY"),
    });
    const dealId = await f.escrow.hashTerms(repay);
    await expect(f.escrow.connect(f.hkBank).createDeal(repay, "0x")).to.emit(f.escrow, "DealCreated");
    await f.ebl.connect(f.hkBank).approve(escrowAddress, f.tokenId);
    await expect(f.escrow.connect(f.hkBank).depositEbl(repay, "0x", NO_EBL_AUTH))
      .to.emit(f.escrow, "EblDeposited")
      .withArgs(dealId, f.hkBank.address, repay.registry, repay.tokenId);
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(escrowAddress);
    expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);

    // The importer repays in two instalments, each by EIP-3009 authorization relayed by its bank.
    await f.escrow
      .connect(f.relayer)
      .depositPayment(
        repay,
        HKD(10_000),
        "0x",
        await f.paymentAuthorization(f.importer, HKD(10_000), await f.escrow.hashDeal(repay), ethers.id("i1")),
      );
    expect(await f.escrow.escrowedBalance(repay.paymentToken)).to.equal(HKD(10_000));
    const last = f.escrow
      .connect(f.relayer)
      .depositPayment(
        repay,
        HKD(15_250),
        "0x",
        await f.paymentAuthorization(f.importer, HKD(15_250), await f.escrow.hashDeal(repay), ethers.id("i2")),
      );
    await expect(last)
      .to.emit(f.escrow, "Settled")
      .withArgs(
        dealId,
        f.hkBank.address,
        f.importer.address,
        repay.registry,
        repay.tokenId,
        repay.paymentToken,
        repay.amount,
      );
    await expect(last).not.to.emit(f.ebl, "Endorsed");
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
    expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
    expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000) - HKD(25_250));
    expect(await f.hkd.balanceOf(f.hkBank.address)).to.equal(HKD(1_000_000) - HKD(25_000) + HKD(25_250));
    expect(await f.escrow.escrowedBalance(repay.paymentToken)).to.equal(0n);

    // 3. The importer now has title and possession and can take delivery.
    await f.ebl.connect(f.importer).surrenderForDelivery(f.tokenId);
    await f.ebl.connect(f.carrier).acceptSurrender(f.tokenId);
    expect(await f.lens.statusOf(f.ebl, f.tokenId)).to.equal(BigInt(Status.Accomplished));
  });

  it("straight B/L paid on delivery: the consignee pays into escrow, the shipper deposits the eBL, possession moves without endorsement", async function () {
    const f = await loadFixture(deploySystem);
    const bill = await f.issueBill("SHA2HKG-STR-01", BillKind.Straight, f.importer.address);
    expect(await f.ebl.titleHolderOf(bill.id)).to.equal(f.importer.address);
    // The title recipient of a straight B/L is its consignee, which never changes.
    const t = await f.terms({
      tokenId: bill.id,
      documentHash: bill.hash,
      titleRecipient: f.importer.address,
      amount: HKD(40_000),
    });
    const dealId = await f.escrow.hashTerms(t);
    await f.escrow.connect(f.exporter).createDeal(t, "0x");
    await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), t.amount);
    await expect(f.escrow.connect(f.importer).depositPayment(t, t.amount, "0x", ALLOWANCE))
      .to.emit(f.escrow, "PaymentDeposited")
      .withArgs(dealId, f.importer.address, t.amount, t.amount);
    expect(await f.ebl.ownerOf(bill.id)).to.equal(f.exporter.address);

    const tx = f.escrow
      .connect(f.relayer)
      .depositEbl(
        t,
        await f.signEblDeposit(f.exporter, t),
        await f.eblPermit(f.exporter, bill.id, undefined, await f.escrow.getAddress()),
      );
    await expect(tx)
      .to.emit(f.escrow, "Settled")
      .withArgs(dealId, f.exporter.address, f.importer.address, t.registry, bill.id, t.paymentToken, t.amount);
    await expect(tx).not.to.emit(f.ebl, "Endorsed");
    expect(await f.ebl.ownerOf(bill.id)).to.equal(f.importer.address);
    expect(await f.ebl.titleHolderOf(bill.id)).to.equal(f.importer.address);
    expect(await f.hkd.balanceOf(f.exporter.address)).to.equal(t.amount);

    await f.ebl.connect(f.importer).surrenderForDelivery(bill.id);
    await f.ebl.connect(f.carrier).acceptSurrender(bill.id);
    expect(await f.lens.statusOf(f.ebl, bill.id)).to.equal(BigInt(Status.Accomplished));
  });

  it("a deal that expires: the buyer never completes payment, anyone refunds after the deadline and each party has what it had", async function () {
    const f = await loadFixture(deploySystem);
    const t = await f.terms();
    const dealId = await f.escrow.hashTerms(t);
    await f.escrow.connect(f.exporter).createDeal(t, "0x");
    await f.escrow
      .connect(f.relayer)
      .depositEbl(
        t,
        await f.signEblDeposit(f.exporter, t),
        await f.eblPermit(f.exporter, f.tokenId, undefined, await f.escrow.getAddress()),
      );
    await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), HKD(5_000));
    await f.escrow.connect(f.importer).depositPayment(t, HKD(5_000), "0x", ALLOWANCE);
    expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Open), true, HKD(5_000)]);

    await expect(f.escrow.connect(f.relayer).refund(t)).to.be.revertedWithCustomError(f.escrow, "SettlementNotExpired");
    await time.increaseTo(t.deadline + 1n);
    await expect(
      f.escrow.connect(f.importer).depositPayment(t, HKD(20_000), "0x", ALLOWANCE),
    ).to.be.revertedWithCustomError(f.escrow, "RailsExpired");
    const tx = f.escrow.connect(f.relayer).refund(t);
    await expect(tx).to.emit(f.escrow, "DealCancelled").withArgs(dealId, f.relayer.address, CancelReason.Expired);
    await expect(tx).to.emit(f.escrow, "EblReturned").withArgs(dealId, f.exporter.address);
    await expect(tx).to.emit(f.escrow, "PaymentReturned").withArgs(dealId, f.importer.address, HKD(5_000));
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
    expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.exporter.address);
    expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
    expect(await f.hkd.balanceOf(await f.escrow.getAddress())).to.equal(0n);
    expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(ethers.ZeroHash);
  });

  describe("a cancellation in each state returns every deposited leg to whoever deposited it", function () {
    const states = [
      { name: "nothing deposited", ebl: false, paid: 0n },
      { name: "eBL only", ebl: true, paid: 0n },
      { name: "partial payment", ebl: false, paid: HKD(12_000) },
      { name: "payment only (in full)", ebl: false, paid: HKD(25_000) },
      { name: "eBL and partial payment", ebl: true, paid: HKD(24_999) },
    ] as const;
    const cases = states.flatMap((state) => (["exporter", "importer"] as const).map((by) => ({ ...state, by })));

    for (const state of cases) {
      it(`${state.name}, cancelled by the ${state.by}`, async function () {
        const f = await loadFixture(deploySystem);
        const t = await f.terms();
        const dealId = await f.escrow.hashTerms(t);
        const escrowAddress = await f.escrow.getAddress();
        await f.escrow.connect(f.exporter).createDeal(t, "0x");
        await f.approveBoth(HKD(25_000), escrowAddress);
        if (state.ebl) await f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH);
        if (state.paid !== 0n) await f.escrow.connect(f.importer).depositPayment(t, state.paid, "0x", ALLOWANCE);
        expect(await f.ebl.ownerOf(f.tokenId)).to.equal(state.ebl ? escrowAddress : f.exporter.address);
        expect(await f.hkd.balanceOf(escrowAddress)).to.equal(state.paid);

        const canceller = state.by === "exporter" ? f.exporter : f.importer;
        const tx = f.escrow.connect(canceller).cancelDeal(t);
        await expect(tx).to.emit(f.escrow, "DealCancelled").withArgs(dealId, canceller.address, CancelReason.Cancelled);
        if (state.ebl) await expect(tx).to.emit(f.escrow, "EblReturned").withArgs(dealId, f.exporter.address);
        else await expect(tx).not.to.emit(f.escrow, "EblReturned");
        if (state.paid !== 0n)
          await expect(tx).to.emit(f.escrow, "PaymentReturned").withArgs(dealId, f.importer.address, state.paid);
        else await expect(tx).not.to.emit(f.escrow, "PaymentReturned");

        expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
        expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.exporter.address);
        expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
        expect(await f.hkd.balanceOf(escrowAddress)).to.equal(0n);
        expect(await f.escrow.escrowedBalance(t.paymentToken)).to.equal(0n);
        expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Cancelled), false, 0n]);
        expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(ethers.ZeroHash);
      });
    }
  });
});
