import { expect } from "chai";

import { roleId } from "../../sdk/src/index.js";
import { Kinds } from "../helpers/participants.js";
import { ALLOWANCE, HKD, NO_EBL_AUTH, TermsStatus, deploySystem, ethers, networkHelpers } from "./fixture.js";

const { loadFixture, time } = networkHelpers;
const ONE_DAY = 24 * 3600;

/** An open deal holding the eBL and HKD 5 000, plus an unrelated signed settlement ready to go. */
async function dealInProgress() {
  const f = await deploySystem();
  const t = await f.terms();
  const dealId = await f.dvp.hashTerms(t);
  await f.dvp.connect(f.exporter).createDeal(t, "0x");
  await f.approveBoth();
  await f.dvp.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH);
  await f.dvp.connect(f.importer).depositPayment(t, HKD(5_000), "0x", ALLOWANCE);
  return { f, t, dealId };
}

describe("DeliveryVersusPayment: administration", function () {
  describe("allow lists", function () {
    it("the admin allows and disallows registries and tokens, with events", async function () {
      const f = await loadFixture(deploySystem);
      const other = f.outsider.address;
      await expect(f.dvp.connect(f.admin).setRegistryAllowed(other, true))
        .to.emit(f.dvp, "RegistryAllowed")
        .withArgs(other, true);
      expect(await f.dvp.isRegistryAllowed(other)).to.equal(true);
      await expect(f.dvp.connect(f.admin).setRegistryAllowed(other, false))
        .to.emit(f.dvp, "RegistryAllowed")
        .withArgs(other, false);
      expect(await f.dvp.isRegistryAllowed(other)).to.equal(false);
      await expect(f.dvp.connect(f.admin).setPaymentTokenAllowed(other, true))
        .to.emit(f.dvp, "PaymentTokenAllowed")
        .withArgs(other, true);
      expect(await f.dvp.isPaymentTokenAllowed(other)).to.equal(true);
      await expect(f.dvp.connect(f.admin).setPaymentTokenAllowed(other, false))
        .to.emit(f.dvp, "PaymentTokenAllowed")
        .withArgs(other, false);
      expect(await f.dvp.isPaymentTokenAllowed(other)).to.equal(false);
    });

    it("refuses the zero address and anyone without the default admin role", async function () {
      const f = await loadFixture(deploySystem);
      await expect(f.dvp.connect(f.admin).setRegistryAllowed(ethers.ZeroAddress, true)).to.be.revertedWithCustomError(
        f.dvp,
        "RailsZeroAddress",
      );
      await expect(
        f.dvp.connect(f.admin).setPaymentTokenAllowed(ethers.ZeroAddress, true),
      ).to.be.revertedWithCustomError(f.dvp, "RailsZeroAddress");
      await expect(f.dvp.connect(f.outsider).setRegistryAllowed(f.outsider.address, true))
        .to.be.revertedWithCustomError(f.dvp, "AccessManagedUnauthorized")
        .withArgs(f.outsider.address);
      await expect(f.dvp.connect(f.outsider).setPaymentTokenAllowed(f.outsider.address, true))
        .to.be.revertedWithCustomError(f.dvp, "AccessManagedUnauthorized")
        .withArgs(f.outsider.address);
    });

    it("a disallowed registry or token blocks new settlements and deposits, but an open deal can still be cancelled", async function () {
      const { f, t, dealId } = await loadFixture(dealInProgress);
      await f.dvp.connect(f.admin).setPaymentTokenAllowed(t.paymentToken, false);
      await expect(f.dvp.connect(f.importer).depositPayment(t, HKD(1), "0x", ALLOWANCE))
        .to.be.revertedWithCustomError(f.dvp, "SettlementPaymentTokenNotAllowed")
        .withArgs(t.paymentToken);
      await f.dvp.connect(f.admin).setRegistryAllowed(t.registry, false);
      await expect(f.dvp.connect(f.importer).depositPayment(t, HKD(1), "0x", ALLOWANCE))
        .to.be.revertedWithCustomError(f.dvp, "SettlementRegistryNotAllowed")
        .withArgs(t.registry);
      const bill = await f.issueBill("NEW-0001");
      const t2 = await f.terms({ tokenId: bill.id, documentHash: bill.hash });
      await expect(f.dvp.connect(f.exporter).createDeal(t2, "0x")).to.be.revertedWithCustomError(
        f.dvp,
        "SettlementRegistryNotAllowed",
      );
      await expect(
        f.dvp.connect(f.exporter).settle(await f.signed(t2, { seller: null })),
      ).to.be.revertedWithCustomError(f.dvp, "SettlementRegistryNotAllowed");
      const tx = f.dvp.connect(f.importer).cancelDeal(t);
      await expect(tx).to.emit(f.dvp, "EblReturned").withArgs(dealId, f.exporter.address);
      await expect(tx).to.emit(f.dvp, "PaymentReturned").withArgs(dealId, f.importer.address, HKD(5_000));
    });
  });

  describe("pause", function () {
    it("the pauser pauses and unpauses with events; others are refused", async function () {
      const f = await loadFixture(deploySystem);
      await expect(f.dvp.connect(f.outsider).pause())
        .to.be.revertedWithCustomError(f.dvp, "AccessManagedUnauthorized")
        .withArgs(f.outsider.address);
      await expect(f.dvp.connect(f.admin).pause()).to.emit(f.dvp, "Paused").withArgs(f.admin.address);
      expect(await f.dvp.paused()).to.equal(true);
      await expect(f.dvp.connect(f.outsider).unpause())
        .to.be.revertedWithCustomError(f.dvp, "AccessManagedUnauthorized")
        .withArgs(f.outsider.address);
      await expect(f.dvp.connect(f.admin).unpause()).to.emit(f.dvp, "Unpaused").withArgs(f.admin.address);
      expect(await f.dvp.paused()).to.equal(false);
    });

    it("blocks new settlements, deals and deposits (EnforcedPause)", async function () {
      const { f, t } = await loadFixture(dealInProgress);
      const bill = await f.issueBill("NEW-0002");
      const t2 = await f.terms({ tokenId: bill.id, documentHash: bill.hash });
      await f.dvp.connect(f.admin).pause();
      await expect(f.dvp.connect(f.exporter).settle(await f.signed(t2))).to.be.revertedWithCustomError(
        f.dvp,
        "EnforcedPause",
      );
      await expect(f.dvp.connect(f.exporter).createDeal(t2, "0x")).to.be.revertedWithCustomError(
        f.dvp,
        "EnforcedPause",
      );
      await expect(f.dvp.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH)).to.be.revertedWithCustomError(
        f.dvp,
        "EnforcedPause",
      );
      await expect(f.dvp.connect(f.importer).depositPayment(t, HKD(1), "0x", ALLOWANCE)).to.be.revertedWithCustomError(
        f.dvp,
        "EnforcedPause",
      );
    });

    it("never blocks cancelDeal", async function () {
      const { f, t, dealId } = await loadFixture(dealInProgress);
      await f.dvp.connect(f.admin).pause();
      await expect(f.dvp.connect(f.exporter).cancelDeal(t))
        .to.emit(f.dvp, "EblReturned")
        .withArgs(dealId, f.exporter.address);
    });

    it("never blocks refund after the deadline", async function () {
      const { f, t, dealId } = await loadFixture(dealInProgress);
      await f.dvp.connect(f.admin).pause();
      await time.increaseTo(t.deadline + 1n);
      await expect(f.dvp.connect(f.outsider).refund(t))
        .to.emit(f.dvp, "PaymentReturned")
        .withArgs(dealId, f.importer.address, HKD(5_000));
      expect((await f.dvp.dealOf(dealId)).status).to.equal(BigInt(TermsStatus.Cancelled));
    });
  });

  describe("stray assets", function () {
    it("recoverStrayToken returns a plain transfer to its sender, never the escrowed payments", async function () {
      const { f, t } = await loadFixture(dealInProgress);
      const token = t.paymentToken;
      const dvpAddress = await f.dvp.getAddress();
      await f.hkd.connect(f.hkBank).transfer(dvpAddress, HKD(300)); // a mistake: outside any deal
      expect(await f.hkd.balanceOf(dvpAddress)).to.equal(HKD(5_300));
      await expect(f.dvp.connect(f.admin).recoverStrayToken(token, f.hkBank.address, HKD(300) + 1n))
        .to.be.revertedWithCustomError(f.dvp, "SettlementAssetInEscrow")
        .withArgs(token, HKD(300) + 1n);
      await expect(f.dvp.connect(f.admin).recoverStrayToken(token, f.hkBank.address, HKD(300)))
        .to.emit(f.dvp, "StrayAssetRecovered")
        .withArgs(token, f.hkBank.address, HKD(300));
      expect(await f.hkd.balanceOf(dvpAddress)).to.equal(HKD(5_000));
      expect(await f.dvp.escrowedBalance(token)).to.equal(HKD(5_000));
      await expect(f.dvp.connect(f.admin).recoverStrayToken(token, f.hkBank.address, 1n)).to.be.revertedWithCustomError(
        f.dvp,
        "SettlementAssetInEscrow",
      );
    });

    it("the deposit token refuses to force-transfer or burn escrowed money out of the settlement contract", async function () {
      const { f, t } = await loadFixture(dealInProgress);
      const dvpAddress = await f.dvp.getAddress();
      const escrowed = await f.dvp.escrowedBalance(t.paymentToken);
      await expect(
        f.hkd
          .connect(f.compliance)
          .forcedTransfer(dvpAddress, f.hkBank.address, HKD(1_000), ethers.encodeBytes32String("COURT-ORDER")),
      )
        .to.be.revertedWithCustomError(f.hkd, "DepositCustodianAccount")
        .withArgs(dvpAddress);
      await expect(f.hkd.connect(f.hkBank).burn(dvpAddress, HKD(1_000), ethers.encodeBytes32String("CBS-RED")))
        .to.be.revertedWithCustomError(f.hkd, "DepositCustodianAccount")
        .withArgs(dvpAddress);
      expect(await f.hkd.balanceOf(dvpAddress)).to.equal(escrowed);
    });

    it("recoverStrayToken finds nothing stray after escrowed money was taken out anyway (no underflow)", async function () {
      const { f, t } = await loadFixture(dealInProgress);
      const dvpAddress = await f.dvp.getAddress();
      // Only possible once the registrar has taken the settlement kind away: then the bank can force money out.
      const record = await f.participants.participant(dvpAddress);
      await f.participants.connect(f.registrar).update(dvpAddress, {
        kinds: Kinds.TRADER,
        jurisdiction: record.jurisdiction,
        validUntil: record.validUntil,
        kycReference: record.kycReference,
      });
      await f.hkd
        .connect(f.compliance)
        .forcedTransfer(dvpAddress, f.hkBank.address, HKD(1_000), ethers.encodeBytes32String("COURT-ORDER"));
      expect(await f.hkd.balanceOf(dvpAddress)).to.be.lessThan(await f.dvp.escrowedBalance(t.paymentToken));
      await expect(f.dvp.connect(f.admin).recoverStrayToken(t.paymentToken, f.hkBank.address, 1n))
        .to.be.revertedWithCustomError(f.dvp, "SettlementAssetInEscrow")
        .withArgs(t.paymentToken, 1n);
    });

    it("recoverStrayToken refuses the zero recipient and anyone but the admin", async function () {
      const { f, t } = await loadFixture(dealInProgress);
      await expect(
        f.dvp.connect(f.admin).recoverStrayToken(t.paymentToken, ethers.ZeroAddress, 0n),
      ).to.be.revertedWithCustomError(f.dvp, "RailsZeroAddress");
      await expect(f.dvp.connect(f.outsider).recoverStrayToken(t.paymentToken, f.outsider.address, 0n))
        .to.be.revertedWithCustomError(f.dvp, "AccessManagedUnauthorized")
        .withArgs(f.outsider.address);
    });

    it("recoverStrayEbl returns an eBL sent by a plain transferFrom, never one held for a deal", async function () {
      const { f, t } = await loadFixture(dealInProgress);
      const dvpAddress = await f.dvp.getAddress();
      const bill = await f.issueBill("STRAY-0001");
      await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, dvpAddress, bill.id);
      expect(await f.ebl.ownerOf(bill.id)).to.equal(dvpAddress);
      await expect(f.dvp.connect(f.admin).recoverStrayEbl(t.registry, t.tokenId, f.admin.address))
        .to.be.revertedWithCustomError(f.dvp, "SettlementAssetInEscrow")
        .withArgs(t.registry, t.tokenId);
      await expect(f.dvp.connect(f.admin).recoverStrayEbl(t.registry, bill.id, f.exporter.address))
        .to.emit(f.dvp, "StrayAssetRecovered")
        .withArgs(t.registry, f.exporter.address, bill.id);
      expect(await f.ebl.ownerOf(bill.id)).to.equal(f.exporter.address);
      expect(await f.ebl.ownerOf(t.tokenId)).to.equal(dvpAddress);
    });

    it("recoverStrayEbl refuses the zero recipient and anyone but the admin", async function () {
      const { f, t } = await loadFixture(dealInProgress);
      await expect(
        f.dvp.connect(f.admin).recoverStrayEbl(t.registry, t.tokenId, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(f.dvp, "RailsZeroAddress");
      await expect(f.dvp.connect(f.outsider).recoverStrayEbl(t.registry, t.tokenId, f.outsider.address))
        .to.be.revertedWithCustomError(f.dvp, "AccessManagedUnauthorized")
        .withArgs(f.outsider.address);
    });

    it("refuses an eBL pushed with safeTransferFrom (SettlementUnsolicitedEbl)", async function () {
      const f = await loadFixture(deploySystem);
      const dvpAddress = await f.dvp.getAddress();
      await expect(
        f.ebl
          .connect(f.exporter)
          ["safeTransferFrom(address,address,uint256)"](f.exporter.address, dvpAddress, f.tokenId),
      )
        .to.be.revertedWithCustomError(f.dvp, "SettlementUnsolicitedEbl")
        .withArgs(f.exporter.address, f.tokenId);
      await expect(f.dvp.onERC721Received(f.outsider.address, f.outsider.address, 7n, "0x"))
        .to.be.revertedWithCustomError(f.dvp, "SettlementUnsolicitedEbl")
        .withArgs(f.outsider.address, 7n);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
    });
  });

  describe("admin powers refused to everyone else", function () {
    it("refuses a settlement role grant to a non-admin of the manager", async function () {
      const f = await loadFixture(deploySystem);
      const pauser = roleId({ contract: "settlement", name: "PAUSER" });
      await expect(f.manager.connect(f.outsider).grantRole(pauser, f.outsider.address, 0))
        .to.be.revertedWithCustomError(f.manager, "AccessManagerUnauthorizedAccount")
        .withArgs(f.outsider.address, 0n);
    });

    it("refuses setAuthority to anyone but the manager (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deploySystem);
      await expect(f.dvp.connect(f.admin).setAuthority(f.admin.address))
        .to.be.revertedWithCustomError(f.dvp, "AccessManagedUnauthorized")
        .withArgs(f.admin.address);
    });

    it("refuses the allow lists to the pauser, who holds no settlement admin role", async function () {
      const f = await loadFixture(deploySystem);
      await f.manager
        .connect(f.admin)
        .grantRole(roleId({ contract: "settlement", name: "PAUSER" }), f.regulator.address, 0);
      await expect(f.dvp.connect(f.regulator).setRegistryAllowed(f.outsider.address, true))
        .to.be.revertedWithCustomError(f.dvp, "AccessManagedUnauthorized")
        .withArgs(f.regulator.address);
    });
  });

  describe("an admin action with an execution delay", function () {
    /** The settlement admin role given to the regulator with a one-day execution delay. */
    async function delayedAdmin() {
      const f = await deploySystem();
      await f.manager
        .connect(f.admin)
        .grantRole(roleId({ contract: "settlement", name: "ADMIN" }), f.regulator.address, ONE_DAY);
      const target = await f.dvp.getAddress();
      const data = f.dvp.interface.encodeFunctionData("setRegistryAllowed", [f.outsider.address, true]);
      return { ...f, target, data };
    }

    it("is refused when called directly without a schedule (AccessManagerNotScheduled)", async function () {
      const f = await loadFixture(delayedAdmin);
      await expect(
        f.dvp.connect(f.regulator).setRegistryAllowed(f.outsider.address, true),
      ).to.be.revertedWithCustomError(f.manager, "AccessManagerNotScheduled");
    });

    it("is refused before its delay once scheduled (AccessManagerNotReady)", async function () {
      const f = await loadFixture(delayedAdmin);
      await f.manager.connect(f.regulator).schedule(f.target, f.data, 0);
      await networkHelpers.time.increase(ONE_DAY - 10);
      await expect(f.manager.connect(f.regulator).execute(f.target, f.data)).to.be.revertedWithCustomError(
        f.manager,
        "AccessManagerNotReady",
      );
      expect(await f.dvp.isRegistryAllowed(f.outsider.address)).to.equal(false);
    });

    it("runs after its delay, through the manager or directly by the caller", async function () {
      const f = await loadFixture(delayedAdmin);
      await f.manager.connect(f.regulator).schedule(f.target, f.data, 0);
      await networkHelpers.time.increase(ONE_DAY);
      await expect(f.manager.connect(f.regulator).execute(f.target, f.data))
        .to.emit(f.dvp, "RegistryAllowed")
        .withArgs(f.outsider.address, true);
      const again = f.dvp.interface.encodeFunctionData("setRegistryAllowed", [f.outsider.address, false]);
      await f.manager.connect(f.regulator).schedule(f.target, again, 0);
      await networkHelpers.time.increase(ONE_DAY);
      await expect(f.dvp.connect(f.regulator).setRegistryAllowed(f.outsider.address, false))
        .to.emit(f.dvp, "RegistryAllowed")
        .withArgs(f.outsider.address, false);
    });
  });

  describe("pause refusals", function () {
    it("refuses a second pause (EnforcedPause) and an unpause when not paused (ExpectedPause)", async function () {
      const f = await loadFixture(deploySystem);
      await expect(f.dvp.connect(f.admin).unpause()).to.be.revertedWithCustomError(f.dvp, "ExpectedPause");
      await f.dvp.connect(f.admin).pause();
      await expect(f.dvp.connect(f.admin).pause()).to.be.revertedWithCustomError(f.dvp, "EnforcedPause");
    });
  });
});
