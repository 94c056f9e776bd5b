import { expect } from "chai";

import { ALLOWANCE, HKD, NO_EBL_AUTH, TermsStatus, deploySystem, ethers, networkHelpers } from "./fixture.js";

const { loadFixture } = networkHelpers;

/** SwitchableCondition.Mode */
const Mode = { Agree: 0, Refuse: 1, WrongAnswer: 2 } as const;
const CONDITION_DATA = ethers.id("documents: invoice, packing list, certificate of origin");

/** The system with a switchable condition, approvals for both settlement contracts, and terms naming the condition. */
async function withCondition() {
  const f = await deploySystem();
  const condition = await ethers.deployContract("SwitchableCondition");
  const conditionAddress = await condition.getAddress();
  await f.ebl.connect(f.exporter).setApprovalForAll(await f.settlement.getAddress(), true);
  await f.ebl.connect(f.exporter).setApprovalForAll(await f.escrow.getAddress(), true);
  await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), HKD(100_000));
  const t = await f.terms({ condition: conditionAddress, conditionData: CONDITION_DATA });
  return { f, condition, conditionAddress, t };
}

type System = Awaited<ReturnType<typeof withCondition>>;

/** What must not move when a condition refuses: the eBL's holder and every party's, the escrow's and the rail's HKD. */
async function holdings({ f, t }: System) {
  const accounts = [f.importer.address, f.exporter.address, await f.escrow.getAddress(), await f.rail.getAddress()];
  return {
    holder: await f.ebl.ownerOf(t.tokenId),
    title: await f.ebl.titleHolderOf(t.tokenId),
    hkd: await Promise.all(accounts.map((a) => f.hkd.balanceOf(a))),
  };
}

/** An open deal on the condition's terms holding the eBL and HKD 5 000 of HKD 25 000. */
async function dealWithCondition() {
  const c = await withCondition();
  const { f, t } = c;
  await f.escrow.connect(f.exporter).createDeal(t, "0x");
  await f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH);
  await f.escrow.connect(f.importer).depositPayment(t, HKD(5_000), "0x", ALLOWANCE);
  return { ...c, dealId: await f.escrow.hashTerms(t) };
}

describe("Settlement conditions", function () {
  describe("signed settlement", function () {
    it("terms without a condition never call one", async function () {
      const c = await loadFixture(withCondition);
      const t = await c.f.terms(); // condition zero
      await expect(c.f.settlement.connect(c.f.relayer).settle(await c.f.signed(t))).to.emit(c.f.settlement, "Settled");
      expect(await c.condition.agreed()).to.equal(0n);
    });

    it("an agreeing condition is asked exactly once, with the terms hash and conditionData, and the trade settles", async function () {
      const c = await loadFixture(withCondition);
      const hash = await c.f.settlement.hashTerms(c.t);
      await expect(c.f.settlement.connect(c.f.relayer).settle(await c.f.signed(c.t))).to.emit(
        c.f.settlement,
        "Settled",
      );
      expect(await c.condition.agreed()).to.equal(1n);
      expect(await c.condition.lastTermsHash()).to.equal(hash);
      expect(await c.condition.lastConditionData()).to.equal(CONDITION_DATA);
    });

    it("the condition is asked before anything moves: its call comes before the rail and before any eBL move", async function () {
      const c = await loadFixture(withCondition);
      // A condition that refuses reverts the whole settlement; one that agrees is asked inside it. Checking the trace
      // order: the condition's call comes before the registry's and the token's (the first Transfer is the payment).
      const tx = await c.f.settlement.connect(c.f.relayer).settle(await c.f.signed(c.t));
      const receipt = await tx.wait();
      const trace = (await ethers.provider.send("debug_traceTransaction", [
        receipt!.hash,
        { tracer: "callTracer" },
      ])) as { calls?: { to: string; input: string }[] };
      const selector = c.condition.interface.getFunction("checkSettlement").selector;
      const calls = (trace.calls ?? []).map((call) => ({ to: call.to.toLowerCase(), input: call.input.slice(0, 10) }));
      const conditionAt = calls.findIndex(
        (call) => call.to === c.conditionAddress.toLowerCase() && call.input === selector,
      );
      const railAt = calls.findIndex((call) => call.to === (c.f.rail.target as string).toLowerCase());
      const moves = calls.findIndex(
        (call) =>
          call.to === (c.f.ebl.target as string).toLowerCase() &&
          (["safeTransferFrom(address,address,uint256)", "endorseAndDeliver", "endorse", "blankEndorse"] as const).some(
            (fn) => call.input === c.f.ebl.interface.getFunction(fn)!.selector,
          ),
      );
      expect(conditionAt).to.be.greaterThanOrEqual(0);
      expect(conditionAt).to.be.lessThan(railAt);
      expect(conditionAt).to.be.lessThan(moves);
    });

    it("a refusing condition's own error bubbles up (ConditionNotMet); nothing moves and the terms stay unused", async function () {
      const c = await loadFixture(withCondition);
      const hash = await c.f.settlement.hashTerms(c.t);
      await c.condition.setMode(Mode.Refuse);
      const before = await holdings(c);
      await expect(c.f.settlement.connect(c.f.relayer).settle(await c.f.signed(c.t)))
        .to.be.revertedWithCustomError(c.condition, "ConditionNotMet")
        .withArgs(hash, CONDITION_DATA);
      expect(await holdings(c)).to.deep.equal(before);
      expect(await c.f.settlement.statusOf(hash)).to.equal(BigInt(TermsStatus.None));
      // Once the condition agrees, the same signed terms settle.
      await c.condition.setMode(Mode.Agree);
      await expect(c.f.settlement.connect(c.f.relayer).settle(await c.f.signed(c.t))).to.emit(
        c.f.settlement,
        "Settled",
      );
    });

    it("a condition answering something other than its selector is a refusal (SettlementConditionRefused); nothing moves", async function () {
      const c = await loadFixture(withCondition);
      await c.condition.setMode(Mode.WrongAnswer);
      const before = await holdings(c);
      await expect(c.f.settlement.connect(c.f.relayer).settle(await c.f.signed(c.t)))
        .to.be.revertedWithCustomError(c.f.settlement, "SettlementConditionRefused")
        .withArgs(c.conditionAddress);
      expect(await holdings(c)).to.deep.equal(before);
    });

    it("a condition address without code makes the settlement revert (no data); nothing moves", async function () {
      const c = await loadFixture(withCondition);
      const t = await c.f.terms({ condition: c.f.outsider.address, conditionData: CONDITION_DATA });
      const before = await holdings(c);
      await expect(c.f.settlement.connect(c.f.relayer).settle(await c.f.signed(t))).to.be.revertedWithoutReason(ethers);
      expect(await holdings(c)).to.deep.equal(before);
    });

    it("settleBatch: a refusing condition fails its item alone (BatchItemFailed carries ConditionNotMet); the next item settles", async function () {
      const c = await loadFixture(withCondition);
      await c.condition.setMode(Mode.Refuse);
      const bill = await c.f.issueBill("COND-0002");
      const good = await c.f.terms({ tokenId: bill.id, documentHash: bill.hash, salt: ethers.id("no condition") });
      const hash = await c.f.settlement.hashTerms(c.t);
      const reason = c.condition.interface.encodeErrorResult("ConditionNotMet", [hash, CONDITION_DATA]);
      const tx = c.f.settlement.connect(c.f.relayer).settleBatch([await c.f.signed(c.t), await c.f.signed(good)]);
      await expect(tx).to.emit(c.f.settlement, "BatchItemFailed").withArgs(0n, hash, reason);
      await expect(tx).to.emit(c.f.settlement, "Settled");
      expect(await c.f.ebl.ownerOf(c.t.tokenId)).to.equal(c.f.exporter.address);
      expect(await c.f.ebl.ownerOf(good.tokenId)).to.equal(c.f.importer.address);
      expect(await c.f.settlement.statusOf(hash)).to.equal(BigInt(TermsStatus.None));
    });
  });

  describe("escrowed deal", function () {
    it("the condition is not asked while the deal is incomplete", async function () {
      const c = await loadFixture(dealWithCondition);
      expect(await c.condition.agreed()).to.equal(0n);
    });

    it("an agreeing condition is asked exactly once, with the deal id and conditionData, by the deposit that completes the deal", async function () {
      const c = await loadFixture(dealWithCondition);
      await expect(c.f.escrow.connect(c.f.importer).depositPayment(c.t, HKD(20_000), "0x", ALLOWANCE)).to.emit(
        c.f.escrow,
        "Settled",
      );
      expect(await c.condition.agreed()).to.equal(1n);
      expect(await c.condition.lastTermsHash()).to.equal(c.dealId);
      expect(await c.condition.lastConditionData()).to.equal(CONDITION_DATA);
    });

    it("a refusing condition reverts the completing payment deposit with its own error (ConditionNotMet); the deal stays open with both legs", async function () {
      const c = await loadFixture(dealWithCondition);
      await c.condition.setMode(Mode.Refuse);
      const before = await holdings(c);
      await expect(c.f.escrow.connect(c.f.importer).depositPayment(c.t, HKD(20_000), "0x", ALLOWANCE))
        .to.be.revertedWithCustomError(c.condition, "ConditionNotMet")
        .withArgs(c.dealId, CONDITION_DATA);
      expect(await holdings(c)).to.deep.equal(before);
      expect(await c.f.escrow.dealOf(c.dealId)).to.deep.equal([BigInt(TermsStatus.Open), true, HKD(5_000)]);
    });

    it("a refusing condition reverts the completing eBL deposit (ConditionNotMet); the deal stays open with the payment", async function () {
      const c = await loadFixture(withCondition);
      await c.f.escrow.connect(c.f.exporter).createDeal(c.t, "0x");
      await c.f.escrow.connect(c.f.importer).depositPayment(c.t, c.t.amount, "0x", ALLOWANCE);
      const dealId = await c.f.escrow.hashTerms(c.t);
      await c.condition.setMode(Mode.Refuse);
      const before = await holdings(c);
      await expect(c.f.escrow.connect(c.f.exporter).depositEbl(c.t, "0x", NO_EBL_AUTH))
        .to.be.revertedWithCustomError(c.condition, "ConditionNotMet")
        .withArgs(dealId, CONDITION_DATA);
      expect(await holdings(c)).to.deep.equal(before);
      expect(await c.f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Open), false, c.t.amount]);
    });

    it("a refused deal can still be cancelled: both legs go back", async function () {
      const c = await loadFixture(dealWithCondition);
      await c.condition.setMode(Mode.Refuse);
      await expect(
        c.f.escrow.connect(c.f.importer).depositPayment(c.t, HKD(20_000), "0x", ALLOWANCE),
      ).to.be.revertedWithCustomError(c.condition, "ConditionNotMet");
      const tx = c.f.escrow.connect(c.f.importer).cancelDeal(c.t);
      await expect(tx).to.emit(c.f.escrow, "EblReturned").withArgs(c.dealId, c.f.exporter.address);
      await expect(tx).to.emit(c.f.escrow, "PaymentReturned").withArgs(c.dealId, c.f.importer.address, HKD(5_000));
      expect(await c.f.ebl.ownerOf(c.t.tokenId)).to.equal(c.f.exporter.address);
      expect(await c.f.hkd.balanceOf(c.f.importer.address)).to.equal(HKD(100_000));
    });

    it("a refused deal can still be refunded after its deadline: both legs go back", async function () {
      const c = await loadFixture(dealWithCondition);
      await c.condition.setMode(Mode.Refuse);
      await networkHelpers.time.increaseTo(c.t.deadline + 1n);
      const tx = c.f.escrow.connect(c.f.outsider).refund(c.t);
      await expect(tx).to.emit(c.f.escrow, "EblReturned").withArgs(c.dealId, c.f.exporter.address);
      await expect(tx).to.emit(c.f.escrow, "PaymentReturned").withArgs(c.dealId, c.f.importer.address, HKD(5_000));
    });

    it("a condition answering something other than its selector refuses the completing deposit (SettlementConditionRefused)", async function () {
      const c = await loadFixture(dealWithCondition);
      await c.condition.setMode(Mode.WrongAnswer);
      const before = await holdings(c);
      await expect(c.f.escrow.connect(c.f.importer).depositPayment(c.t, HKD(20_000), "0x", ALLOWANCE))
        .to.be.revertedWithCustomError(c.f.escrow, "SettlementConditionRefused")
        .withArgs(c.conditionAddress);
      expect(await holdings(c)).to.deep.equal(before);
    });

    it("a condition address without code makes the completing deposit revert (no data); the deal stays open", async function () {
      const c = await loadFixture(withCondition);
      const t = await c.f.terms({ condition: c.f.outsider.address, conditionData: CONDITION_DATA });
      await c.f.escrow.connect(c.f.exporter).createDeal(t, "0x");
      await c.f.escrow.connect(c.f.exporter).depositEbl(t, "0x", NO_EBL_AUTH);
      await expect(
        c.f.escrow.connect(c.f.importer).depositPayment(t, t.amount, "0x", ALLOWANCE),
      ).to.be.revertedWithoutReason(ethers);
      expect(await c.f.escrow.dealOf(await c.f.escrow.hashTerms(t))).to.deep.equal([
        BigInt(TermsStatus.Open),
        true,
        0n,
      ]);
    });
  });
});
