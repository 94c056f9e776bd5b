import { expect } from "chai";

import { wireSettlement } from "../helpers/access.js";
import { Kinds } from "../ebl/helpers.js";
import {
  ALLOWANCE,
  HKD,
  NO_EBL_AUTH,
  TermsStatus,
  connection,
  deploySystem,
  ethers,
  networkHelpers,
  type Terms,
} from "./fixture.js";

const { loadFixture, time } = networkHelpers;

/**
 * A verified trader that is a reentrant contract: it holds HKD, buys in two deals (A settles into it, B stays open
 * with a partial payment) and, when deal A's eBL arrives, tries to re-enter the settlement contract.
 */
async function reentrantBuyer() {
  const f = await deploySystem();
  const attacker = await ethers.deployContract("ReentrantEblReceiver", [f.outsider.address]);
  const attackerAddress = await attacker.getAddress();
  await f.register(attackerAddress, Kinds.TRADER);
  await f.hkd.connect(f.hkBank).mint(attackerAddress, HKD(100_000), ethers.encodeBytes32String("DEP-ATTACK"));
  const escrowAddress = await f.escrow.getAddress();
  const railAddress = await f.rail.getAddress();
  await attacker
    .connect(f.outsider)
    .execute(await f.hkd.getAddress(), f.hkd.interface.encodeFunctionData("approve", [railAddress, ethers.MaxUint256]));
  const bill = await f.issueBill("ATTACK-0002");
  const now = BigInt(await time.latest());
  const party = { buyer: attackerAddress, eblRecipient: attackerAddress, titleRecipient: attackerAddress };
  const a = await f.terms({ ...party, deadline: now + 30n * 86400n });
  const b = await f.terms({ ...party, tokenId: bill.id, documentHash: bill.hash, deadline: now + 86400n });
  await f.ebl.connect(f.exporter).setApprovalForAll(escrowAddress, true);
  await f.ebl.connect(f.exporter).setApprovalForAll(await f.settlement.getAddress(), true);
  for (const t of [a, b]) {
    await f.escrow.connect(f.exporter).createDeal(t, "0x");
    await f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH);
  }
  const payB = f.escrow.interface.encodeFunctionData("depositPayment", [b, HKD(1_000), "0x", ALLOWANCE]);
  await attacker.connect(f.outsider).execute(escrowAddress, payB);
  return { f, attacker, attackerAddress, a, b };
}

type System = Awaited<ReturnType<typeof deploySystem>>;

/** Calldata of `cancelDeal(terms)` or `refund(terms)`. */
function reenter(f: System, fn: "cancelDeal" | "refund", terms: Terms): string {
  return fn === "cancelDeal"
    ? f.escrow.interface.encodeFunctionData("cancelDeal", [terms])
    : f.escrow.interface.encodeFunctionData("refund", [terms]);
}

describe("Settlement: attacks", function () {
  describe("a reentrant eBL receiver", function () {
    const guardError = () => ethers.id("ReentrancyGuardReentrantCall()").slice(0, 10);

    for (const fn of ["cancelDeal", "refund"] as const) {
      it(`cannot ${fn} another deal from inside the settlement that delivers to it (ReentrancyGuardReentrantCall)`, async function () {
        const { f, attacker, attackerAddress, a, b } = await loadFixture(reentrantBuyer);
        const escrowAddress = await f.escrow.getAddress();
        if (fn === "refund") await time.increaseTo(b.deadline + 1n); // B expired: refund would otherwise succeed
        await attacker.setReentry(escrowAddress, reenter(f, fn, b));

        const payA = f.escrow.interface.encodeFunctionData("depositPayment", [a, a.amount, "0x", ALLOWANCE]);
        await expect(attacker.connect(f.outsider).execute(escrowAddress, payA)).to.emit(f.escrow, "Settled");
        expect(await attacker.attempts()).to.equal(1n);
        expect(await attacker.lastReentrySucceeded()).to.equal(false);
        expect(await attacker.lastRevertData()).to.equal(guardError());
        expect(await f.ebl.ownerOf(a.tokenId)).to.equal(attackerAddress);
        // Deal B was untouched by the attempt; the same call made normally goes through.
        const dealB = await f.escrow.hashTerms(b);
        expect(await f.escrow.dealOf(dealB)).to.deep.equal([BigInt(TermsStatus.Open), true, HKD(1_000)]);
        await attacker.setReentry(ethers.ZeroAddress, "0x");
        await expect(attacker.connect(f.outsider).execute(escrowAddress, reenter(f, fn, b)))
          .to.emit(f.escrow, "PaymentReturned")
          .withArgs(dealB, attackerAddress, HKD(1_000));
      });
    }

    it("cannot settle other terms from inside a signed settlement that delivers to it", async function () {
      const { f, attacker, attackerAddress } = await loadFixture(reentrantBuyer);
      const settlementAddress = await f.settlement.getAddress();
      const bill = await f.issueBill("ATTACK-0003");
      const c = await f.terms({
        tokenId: bill.id,
        documentHash: bill.hash,
        buyer: attackerAddress,
        eblRecipient: attackerAddress,
        titleRecipient: ethers.ZeroAddress,
        salt: ethers.id("c"),
      });
      const d = { ...c, salt: ethers.id("d") };
      const inner = await f.signed(d, { buyer: null });
      await attacker.setReentry(settlementAddress, f.settlement.interface.encodeFunctionData("settle", [inner]));
      const outer = await f.signed(c, { buyer: null });
      await expect(
        attacker
          .connect(f.outsider)
          .execute(settlementAddress, f.settlement.interface.encodeFunctionData("settle", [outer])),
      ).to.emit(f.settlement, "Settled");
      expect(await attacker.lastRevertData()).to.equal(guardError());
      expect(await f.settlement.statusOf(await f.settlement.hashTerms(d))).to.equal(BigInt(TermsStatus.None));
    });
  });

  describe("a malicious payment token allowed by an admin mistake", function () {
    async function evilToken() {
      const f = await deploySystem();
      const evil = await ethers.deployContract("MaliciousPaymentToken");
      const evilAddress = await evil.getAddress();
      for (const c of [f.settlement, f.escrow]) {
        await c.connect(f.admin).setMarket(await f.ebl.getAddress(), evilAddress, await f.rail.getAddress());
      }
      await evil.mint(f.importer.address, HKD(100_000));
      await evil.connect(f.importer).approve(await f.rail.getAddress(), ethers.MaxUint256);
      // An honest HKD deal in progress, which the evil token must not be able to touch.
      const bill = await f.issueBill("HONEST-0001");
      const honest = await f.terms({ tokenId: bill.id, documentHash: bill.hash, salt: ethers.id("honest") });
      await f.escrow.connect(f.exporter).createDeal(honest, "0x");
      await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), HKD(10_000));
      await f.escrow.connect(f.importer).depositPayment(honest, HKD(10_000), "0x", ALLOWANCE);
      const t = await f.terms({ paymentToken: evilAddress });
      return { f, evil, evilAddress, honest, t };
    }

    it("a fee on transfer makes a signed settlement fail with the rail's RailPaymentShortfall instead of short-paying", async function () {
      const { f, evil, t } = await loadFixture(evilToken);
      await evil.setFeeBps(100); // 1 %
      await f.ebl.connect(f.exporter).approve(await f.settlement.getAddress(), f.tokenId);
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.be.revertedWithCustomError(f.rail, "RailPaymentShortfall")
        .withArgs(t.amount, (t.amount * 99n) / 100n);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
    });

    it("a fee on transfer makes an escrow deposit fail at the rail (RailPaymentShortfall); the HKD escrow of other deals is untouched", async function () {
      const { f, evil, evilAddress, t } = await loadFixture(evilToken);
      await evil.setFeeBps(50);
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await expect(f.escrow.connect(f.importer).depositPayment(t, HKD(1_000), "0x", ALLOWANCE))
        .to.be.revertedWithCustomError(f.rail, "RailPaymentShortfall")
        .withArgs(HKD(1_000), HKD(995));
      expect(await f.escrow.escrowedBalance(evilAddress)).to.equal(0n);
      expect(await f.escrow.escrowedBalance(await f.hkd.getAddress())).to.equal(HKD(10_000));
      expect(await f.hkd.balanceOf(await f.escrow.getAddress())).to.equal(HKD(10_000));
    });

    it("a token that calls back on transfer cannot refund or cancel another deal, and its escrow stays its own", async function () {
      const { f, evil, evilAddress, honest, t } = await loadFixture(evilToken);
      const escrowAddress = await f.escrow.getAddress();
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await evil.setReentry(escrowAddress, f.escrow.interface.encodeFunctionData("cancelDeal", [honest]));
      await f.escrow.connect(f.importer).depositPayment(t, HKD(2_000), "0x", ALLOWANCE);
      expect(await evil.attempts()).to.equal(1n);
      expect(await evil.lastRevertData()).to.equal(ethers.id("ReentrancyGuardReentrantCall()").slice(0, 10));
      expect(await f.escrow.escrowedBalance(evilAddress)).to.equal(HKD(2_000));
      expect(await f.escrow.escrowedBalance(await f.hkd.getAddress())).to.equal(HKD(10_000));
      expect((await f.escrow.dealOf(await f.escrow.hashTerms(honest))).status).to.equal(BigInt(TermsStatus.Open));
      // The evil deal unwinds on its own.
      await evil.setReentry(ethers.ZeroAddress, "0x");
      await expect(f.escrow.connect(f.importer).cancelDeal(t)).to.emit(f.escrow, "PaymentReturned");
      expect(await f.escrow.escrowedBalance(evilAddress)).to.equal(0n);
    });
  });

  describe("front-running", function () {
    /** Sends two transactions into the same block, `first` with the higher priority fee, and mines it. */
    async function sameBlock(
      first: () => Promise<{ wait: () => Promise<unknown> }>,
      second: () => Promise<{ wait: () => Promise<unknown> }>,
    ): Promise<[boolean, boolean]> {
      await connection.provider.request({ method: "evm_setAutomine", params: [false] });
      try {
        const a = await first();
        const b = await second();
        await connection.provider.request({ method: "evm_mine", params: [] });
        const ok = (tx: { wait: () => Promise<unknown> }) =>
          tx.wait().then(
            () => true,
            () => false,
          );
        return [await ok(a), await ok(b)];
      } finally {
        await connection.provider.request({ method: "evm_setAutomine", params: [true] });
      }
    }

    const fast = {
      gasLimit: 1_000_000n,
      maxPriorityFeePerGas: ethers.parseUnits("50", "gwei"),
      maxFeePerGas: ethers.parseUnits("100", "gwei"),
    };
    const slow = {
      gasLimit: 1_000_000n,
      maxPriorityFeePerGas: ethers.parseUnits("1", "gwei"),
      maxFeePerGas: ethers.parseUnits("100", "gwei"),
    };

    it("a settlement that front-runs a cancellation wins; the cancellation then fails, never both", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.approveBoth();
      const s = await f.signed(t);
      const [settled, cancelled] = await sameBlock(
        () => f.settlement.connect(f.relayer).settle(s, fast),
        () => f.settlement.connect(f.importer).cancelTerms(t, slow),
      );
      expect([settled, cancelled]).to.deep.equal([true, false]);
      expect(await f.settlement.statusOf(await f.settlement.hashTerms(t))).to.equal(BigInt(TermsStatus.Settled));
      await expect(f.settlement.connect(f.importer).cancelTerms(t))
        .to.be.revertedWithCustomError(f.settlement, "SettlementTermsUsed")
        .withArgs(await f.settlement.hashTerms(t), TermsStatus.Settled);
    });

    it("a cancellation mined first stops the settlement; nothing moves", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.approveBoth();
      const s = await f.signed(t);
      const [cancelled, settled] = await sameBlock(
        () => f.settlement.connect(f.exporter).cancelTerms(t, fast),
        () => f.settlement.connect(f.relayer).settle(s, slow),
      );
      expect([cancelled, settled]).to.deep.equal([true, false]);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
      expect(await f.hkd.balanceOf(f.exporter.address)).to.equal(0n);
    });

    it("the EIP-3009 authorization cannot be submitted to the token by a front-runner (only the rail is the payee)", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const hash = await f.settlement.hashTerms(t);
      const auth = await f.paymentAuthorization(f.importer, t.amount, hash);
      const nonce = ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [hash, auth.nonce]),
      );
      const railAddress = await f.rail.getAddress();
      const args = [
        f.importer.address,
        railAddress,
        t.amount,
        auth.validAfter,
        auth.deadline,
        nonce,
        auth.signature,
      ] as const;
      await expect(
        f.hkd
          .connect(f.outsider)
          ["receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)"](...args),
      )
        .to.be.revertedWithCustomError(f.hkd, "ERC3009CallerNotPayee")
        .withArgs(f.outsider.address, railAddress);
      await expect(
        f.hkd
          .connect(f.outsider)
          ["transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)"](...args),
      ).to.be.revertedWithCustomError(f.hkd, "ERC3009InvalidSignature");
      const s = await f.signed(t, { eblAuth: await f.eblPermit(f.exporter), paymentAuth: auth });
      await expect(f.settlement.connect(f.relayer).settle(s)).to.emit(f.settlement, "Settled");
    });
  });

  describe("replaying terms", function () {
    it("terms settled as a signed settlement cannot settle again as a deal, nor a settled deal's terms as a signed settlement", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.approveBoth();
      await f.ebl.connect(f.exporter).setApprovalForAll(await f.escrow.getAddress(), true);
      await f.settlement.connect(f.relayer).settle(await f.signed(t));
      // The two contracts keep their own books (their own domains): the same terms may open as a deal there, but the
      // seller no longer holds the eBL, so the deal can never get it.
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await expect(f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "SettlementSellerNotHolder")
        .withArgs(f.exporter.address, f.importer.address);

      // The importer sells the eBL on in a deal; once settled, those terms can never settle again.
      const onward = await f.terms({
        seller: f.importer.address,
        buyer: f.cnBank.address,
        eblRecipient: f.cnBank.address,
        titleRecipient: f.cnBank.address,
        paymentRecipient: f.importer.address,
        amount: HKD(1),
      });
      await f.hkd.connect(f.hkBank).transfer(f.cnBank.address, HKD(10));
      await f.hkd.connect(f.cnBank).approve(await f.rail.getAddress(), HKD(10));
      await f.ebl.connect(f.importer).approve(await f.escrow.getAddress(), f.tokenId);
      await f.escrow.connect(f.importer).createDeal(onward, "0x");
      await f.escrow.connect(f.importer).depositEbl(onward, "0x", NO_EBL_AUTH);
      await f.escrow.connect(f.cnBank).depositPayment(onward, HKD(1), "0x", ALLOWANCE);
      expect(await f.escrow.statusOf(await f.escrow.hashTerms(onward))).to.equal(BigInt(TermsStatus.Settled));
      await f.ebl.connect(f.importer).setApprovalForAll(await f.settlement.getAddress(), true);
      await expect(f.settlement.connect(f.cnBank).settle(await f.signed(onward, { seller: f.importer, buyer: null })))
        .to.be.revertedWithCustomError(f.settlement, "SettlementSellerNotHolder")
        .withArgs(f.importer.address, f.cnBank.address);
    });

    it("signatures for one settlement contract do not work on another deployment", async function () {
      const f = await loadFixture(deploySystem);
      const other = await ethers.deployContract("SignedSettlement", [await f.manager.getAddress()]);
      await wireSettlement(f.manager, f.admin, other);
      const otherAddress = await other.getAddress();
      await f.register(otherAddress, Kinds.SETTLEMENT);
      await other
        .connect(f.admin)
        .setMarket(await f.ebl.getAddress(), await f.hkd.getAddress(), await f.rail.getAddress());
      await f.ebl.connect(f.exporter).approve(otherAddress, f.tokenId);
      await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), HKD(25_000));
      const s = await f.signed(await f.terms());
      await expect(other.connect(f.relayer).settle(s))
        .to.be.revertedWithCustomError(other, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
    });

    it("an EIP-3009 authorization for one deal cannot pay into another deal", async function () {
      const f = await loadFixture(deploySystem);
      const t1 = await f.terms();
      const bill = await f.issueBill("REPLAY-0002");
      const t2 = await f.terms({ tokenId: bill.id, documentHash: bill.hash });
      await f.escrow.connect(f.exporter).createDeal(t1, "0x");
      await f.escrow.connect(f.exporter).createDeal(t2, "0x");
      const auth = await f.paymentAuthorization(f.importer, HKD(1_000), await f.escrow.hashDeal(t1));
      await expect(
        f.escrow.connect(f.relayer).depositPayment(t2, HKD(1_000), "0x", auth),
      ).to.be.revertedWithCustomError(f.hkd, "ERC3009InvalidSignature");
      await f.escrow.connect(f.relayer).depositPayment(t1, HKD(1_000), "0x", auth);
      // Spent: the same authorization cannot pay twice.
      await expect(
        f.escrow.connect(f.relayer).depositPayment(t1, HKD(1_000), "0x", auth),
      ).to.be.revertedWithCustomError(f.hkd, "ERC3009UsedAuthorization");
    });

    it("a pending settlement cannot be turned into a deal: its signatures are no deal consent", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const hash = await f.settlement.hashTerms(t);
      const eblAuth = await f.eblPermit(f.exporter);
      const paymentAuth = await f.paymentAuthorization(f.importer, t.amount, hash);
      const s = await f.signed(t, { eblAuth, paymentAuth });
      // A front-runner copies the seller's signature from the pending settlement into createDeal: refused.
      await expect(f.escrow.connect(f.outsider).createDeal(t, s.sellerSignature))
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
      expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(ethers.ZeroHash);
      // The settlement goes through as signed.
      await expect(f.settlement.connect(f.relayer).settle(s))
        .to.emit(f.settlement, "Settled")
        .withArgs(hash, f.exporter.address, f.importer.address, t.registry, t.tokenId, t.paymentToken, t.amount);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.hkd.balanceOf(f.exporter.address)).to.equal(t.amount);
    });

    it("a buyer's EIP-3009 authorization given for a signed settlement cannot fund a deal on the same terms", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const hash = await f.settlement.hashTerms(t);
      const paymentAuth = await f.paymentAuthorization(f.importer, t.amount, hash);
      // The seller takes the buyer's authorization meant for settle and tries to move the money into escrow instead.
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await expect(
        f.escrow.connect(f.exporter).depositPayment(t, t.amount, "0x", paymentAuth),
      ).to.be.revertedWithCustomError(f.hkd, "ERC3009InvalidSignature");
      expect(await f.escrow.dealOf(await f.escrow.hashTerms(t))).to.deep.equal([BigInt(TermsStatus.Open), false, 0n]);
      expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
    });
  });

  describe("griefing", function () {
    it("nobody can deposit into someone else's deal: not a payment without the buyer's consent, not someone else's eBL", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await f.approveBoth();
      // The outsider tries to pour the importer's standing allowance into the deal.
      await expect(f.escrow.connect(f.outsider).depositPayment(t, HKD(1), "0x", ALLOWANCE))
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.importer.address);
      // A relayer may deposit the seller's eBL with the seller's consent to the deposit, but only the seller's own eBL.
      await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, f.cnBank.address, f.tokenId);
      await expect(f.escrow.connect(f.outsider).depositEbl(t, await f.signEblDeposit(f.exporter, t), NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "SettlementSellerNotHolder")
        .withArgs(f.exporter.address, f.cnBank.address);
      expect(await f.escrow.dealOf(await f.escrow.hashTerms(t))).to.deep.equal([BigInt(TermsStatus.Open), false, 0n]);
    });

    it("a deal opened by someone who does not hold the eBL blocks neither a signed settlement nor the holder's deal", async function () {
      const f = await loadFixture(deploySystem);
      // The outsider opens a deal naming the exporter's eBL with itself as seller and a deadline that never comes.
      const bogus = await f.terms({
        seller: f.outsider.address,
        buyer: f.relayer.address,
        eblRecipient: f.relayer.address,
        titleRecipient: f.relayer.address,
        paymentRecipient: f.outsider.address,
        amount: 1n,
        deadline: ethers.MaxUint256,
        salt: ethers.id("grief-forever"),
      });
      await f.escrow.connect(f.outsider).createDeal(bogus, "0x");
      expect(await f.escrow.openDealOf(bogus.registry, bogus.tokenId)).to.equal(ethers.ZeroHash);
      // It can never get the eBL.
      await expect(f.escrow.connect(f.outsider).depositEbl(bogus, "0x", NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "SettlementSellerNotHolder")
        .withArgs(f.outsider.address, f.exporter.address);
      // The holder's own deal and its signed settlement still go through.
      const deal = await f.terms({ salt: ethers.id("real-deal") });
      await f.escrow.connect(f.exporter).createDeal(deal, "0x");
      const t = await f.terms();
      await f.approveBoth();
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t))).to.emit(f.settlement, "Settled");
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
    });

    it("nobody can lock a seller's eBL in a deal the seller did not sign", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms({ amount: 1n, salt: ethers.id("grief") });
      await expect(f.escrow.connect(f.outsider).createDeal(t, await f.signDeal(f.outsider, t)))
        .to.be.revertedWithCustomError(f.escrow, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
      expect(await f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(ethers.ZeroHash);
    });
  });
});
