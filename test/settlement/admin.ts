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
  const dealId = await f.escrow.hashTerms(t);
  await f.escrow.connect(f.exporter).createDeal(t, "0x");
  await f.approveBoth(HKD(25_000), await f.escrow.getAddress());
  await f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH);
  await f.escrow.connect(f.importer).depositPayment(t, HKD(5_000), "0x", ALLOWANCE);
  return { f, t, dealId };
}

describe("Settlement: administration", function () {
  describe("markets", function () {
    for (const which of ["settlement", "escrow"] as const) {
      it(`${which}: the admin opens, reroutes and closes a market, with events`, async function () {
        const f = await loadFixture(deploySystem);
        const c = f[which];
        const [registry, token, rail] = [f.outsider.address, await f.hkd.getAddress(), await f.rail.getAddress()];
        await expect(c.connect(f.admin).setMarket(registry, token, rail))
          .to.emit(c, "MarketSet")
          .withArgs(registry, token, rail);
        expect(await c.paymentRailOf(registry, token)).to.equal(rail);
        await expect(c.connect(f.admin).setMarket(registry, token, f.cnBank.address))
          .to.emit(c, "MarketSet")
          .withArgs(registry, token, f.cnBank.address);
        expect(await c.paymentRailOf(registry, token)).to.equal(f.cnBank.address);
        await expect(c.connect(f.admin).setMarket(registry, token, ethers.ZeroAddress))
          .to.emit(c, "MarketSet")
          .withArgs(registry, token, ethers.ZeroAddress);
        expect(await c.paymentRailOf(registry, token)).to.equal(ethers.ZeroAddress);
      });

      it(`${which}: refuses a market with the zero registry (RailsZeroAddress)`, async function () {
        const f = await loadFixture(deploySystem);
        await expect(
          f[which].connect(f.admin).setMarket(ethers.ZeroAddress, await f.hkd.getAddress(), await f.rail.getAddress()),
        ).to.be.revertedWithCustomError(f[which], "RailsZeroAddress");
      });

      it(`${which}: refuses a market with the zero payment token (RailsZeroAddress)`, async function () {
        const f = await loadFixture(deploySystem);
        await expect(
          f[which].connect(f.admin).setMarket(await f.ebl.getAddress(), ethers.ZeroAddress, await f.rail.getAddress()),
        ).to.be.revertedWithCustomError(f[which], "RailsZeroAddress");
      });

      it(`${which}: refuses setMarket to anyone without the settlement admin role`, async function () {
        const f = await loadFixture(deploySystem);
        await expect(f[which].connect(f.outsider).setMarket(f.outsider.address, f.outsider.address, f.outsider.address))
          .to.be.revertedWithCustomError(f[which], "AccessManagedUnauthorized")
          .withArgs(f.outsider.address);
      });
    }

    it("each settlement contract has its own markets: closing one leaves the other open", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.settlement.connect(f.admin).setMarket(t.registry, t.paymentToken, ethers.ZeroAddress);
      expect(await f.escrow.paymentRailOf(t.registry, t.paymentToken)).to.equal(await f.rail.getAddress());
      await expect(f.escrow.connect(f.exporter).createDeal(t, "0x")).to.emit(f.escrow, "DealCreated");
      await f.approveBoth();
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.be.revertedWithCustomError(f.settlement, "SettlementMarketClosed")
        .withArgs(t.registry, t.paymentToken);
    });

    it("a rerouted market pays through its new rail: the buyer's allowance of the old rail no longer pays", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const newRail = await ethers.deployContract("DepositRail", [
        await f.manager.getAddress(),
        await f.settlement.getAddress(),
        await f.escrow.getAddress(),
      ]);
      await f.register(await newRail.getAddress(), Kinds.SETTLEMENT);
      await f.settlement.connect(f.admin).setMarket(t.registry, t.paymentToken, await newRail.getAddress());
      await f.approveBoth(); // the old rail
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.be.revertedWithCustomError(f.hkd, "ERC20InsufficientAllowance")
        .withArgs(await newRail.getAddress(), 0n, t.amount);
      await f.hkd.connect(f.importer).approve(await newRail.getAddress(), t.amount);
      const tx = f.settlement.connect(f.relayer).settle(await f.signed(t));
      await expect(tx).to.emit(f.settlement, "Settled");
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.importer, f.exporter], [-t.amount, t.amount]);
    });

    it("a closed market refuses a payment deposit into an open deal (SettlementMarketClosed)", async function () {
      const { f, t } = await loadFixture(dealInProgress);
      await f.escrow.connect(f.admin).setMarket(t.registry, t.paymentToken, ethers.ZeroAddress);
      await expect(f.escrow.connect(f.importer).depositPayment(t, HKD(1), "0x", ALLOWANCE))
        .to.be.revertedWithCustomError(f.escrow, "SettlementMarketClosed")
        .withArgs(t.registry, t.paymentToken);
    });

    it("a closed market refuses an eBL deposit into an open deal (SettlementMarketClosed)", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await f.escrow.connect(f.admin).setMarket(t.registry, t.paymentToken, ethers.ZeroAddress);
      await f.approveBoth(HKD(25_000), await f.escrow.getAddress());
      await expect(f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "SettlementMarketClosed")
        .withArgs(t.registry, t.paymentToken);
    });

    it("a closed market refuses a new deal (SettlementMarketClosed)", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.escrow.connect(f.admin).setMarket(t.registry, t.paymentToken, ethers.ZeroAddress);
      await expect(f.escrow.connect(f.exporter).createDeal(t, "0x"))
        .to.be.revertedWithCustomError(f.escrow, "SettlementMarketClosed")
        .withArgs(t.registry, t.paymentToken);
    });

    it("a closed market refuses a signed settlement (SettlementMarketClosed)", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.settlement.connect(f.admin).setMarket(t.registry, t.paymentToken, ethers.ZeroAddress);
      await f.approveBoth();
      await expect(f.settlement.connect(f.exporter).settle(await f.signed(t, { seller: null })))
        .to.be.revertedWithCustomError(f.settlement, "SettlementMarketClosed")
        .withArgs(t.registry, t.paymentToken);
    });

    it("a closed market still lets a party cancel an open deal: both legs go back", async function () {
      const { f, t, dealId } = await loadFixture(dealInProgress);
      await f.escrow.connect(f.admin).setMarket(t.registry, t.paymentToken, ethers.ZeroAddress);
      const tx = f.escrow.connect(f.importer).cancelDeal(t);
      await expect(tx).to.emit(f.escrow, "EblReturned").withArgs(dealId, f.exporter.address);
      await expect(tx).to.emit(f.escrow, "PaymentReturned").withArgs(dealId, f.importer.address, HKD(5_000));
      expect(await f.ebl.ownerOf(t.tokenId)).to.equal(f.exporter.address);
    });

    it("a closed market still lets anyone refund an expired deal: both legs go back", async function () {
      const { f, t, dealId } = await loadFixture(dealInProgress);
      await f.escrow.connect(f.admin).setMarket(t.registry, t.paymentToken, ethers.ZeroAddress);
      await time.increaseTo(t.deadline + 1n);
      const tx = f.escrow.connect(f.outsider).refund(t);
      await expect(tx).to.emit(f.escrow, "EblReturned").withArgs(dealId, f.exporter.address);
      await expect(tx).to.emit(f.escrow, "PaymentReturned").withArgs(dealId, f.importer.address, HKD(5_000));
    });
  });

  describe("pause", function () {
    for (const which of ["settlement", "escrow"] as const) {
      it(`${which}: the pauser pauses and unpauses with events; others are refused`, async function () {
        const f = await loadFixture(deploySystem);
        const c = f[which];
        await expect(c.connect(f.outsider).pause())
          .to.be.revertedWithCustomError(c, "AccessManagedUnauthorized")
          .withArgs(f.outsider.address);
        await expect(c.connect(f.admin).pause()).to.emit(c, "Paused").withArgs(f.admin.address);
        expect(await c.paused()).to.equal(true);
        await expect(c.connect(f.outsider).unpause())
          .to.be.revertedWithCustomError(c, "AccessManagedUnauthorized")
          .withArgs(f.outsider.address);
        await expect(c.connect(f.admin).unpause()).to.emit(c, "Unpaused").withArgs(f.admin.address);
        expect(await c.paused()).to.equal(false);
      });
    }

    it("blocks new settlements, deals and deposits (EnforcedPause)", async function () {
      const { f, t } = await loadFixture(dealInProgress);
      const bill = await f.issueBill("NEW-0002");
      const t2 = await f.terms({ tokenId: bill.id, documentHash: bill.hash });
      await f.settlement.connect(f.admin).pause();
      await f.escrow.connect(f.admin).pause();
      await expect(f.settlement.connect(f.exporter).settle(await f.signed(t2))).to.be.revertedWithCustomError(
        f.settlement,
        "EnforcedPause",
      );
      await expect(f.escrow.connect(f.exporter).createDeal(t2, "0x")).to.be.revertedWithCustomError(
        f.escrow,
        "EnforcedPause",
      );
      await expect(f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH)).to.be.revertedWithCustomError(
        f.escrow,
        "EnforcedPause",
      );
      await expect(
        f.escrow.connect(f.importer).depositPayment(t, HKD(1), "0x", ALLOWANCE),
      ).to.be.revertedWithCustomError(f.escrow, "EnforcedPause");
    });

    it("never blocks cancelDeal", async function () {
      const { f, t, dealId } = await loadFixture(dealInProgress);
      await f.escrow.connect(f.admin).pause();
      await expect(f.escrow.connect(f.exporter).cancelDeal(t))
        .to.emit(f.escrow, "EblReturned")
        .withArgs(dealId, f.exporter.address);
    });

    it("never blocks refund after the deadline", async function () {
      const { f, t, dealId } = await loadFixture(dealInProgress);
      await f.escrow.connect(f.admin).pause();
      await time.increaseTo(t.deadline + 1n);
      await expect(f.escrow.connect(f.outsider).refund(t))
        .to.emit(f.escrow, "PaymentReturned")
        .withArgs(dealId, f.importer.address, HKD(5_000));
      expect((await f.escrow.dealOf(dealId)).status).to.equal(BigInt(TermsStatus.Cancelled));
    });
  });

  describe("stray assets", function () {
    it("recoverStrayToken returns a plain transfer to its sender, never the escrowed payments", async function () {
      const { f, t } = await loadFixture(dealInProgress);
      const token = t.paymentToken;
      const escrowAddress = await f.escrow.getAddress();
      await f.hkd.connect(f.hkBank).transfer(escrowAddress, HKD(300)); // a mistake: outside any deal
      expect(await f.hkd.balanceOf(escrowAddress)).to.equal(HKD(5_300));
      await expect(f.escrow.connect(f.admin).recoverStrayToken(token, f.hkBank.address, HKD(300) + 1n))
        .to.be.revertedWithCustomError(f.escrow, "SettlementAssetInEscrow")
        .withArgs(token, HKD(300) + 1n);
      await expect(f.escrow.connect(f.admin).recoverStrayToken(token, f.hkBank.address, HKD(300)))
        .to.emit(f.escrow, "StrayAssetRecovered")
        .withArgs(token, f.hkBank.address, HKD(300));
      expect(await f.hkd.balanceOf(escrowAddress)).to.equal(HKD(5_000));
      expect(await f.escrow.escrowedBalance(token)).to.equal(HKD(5_000));
      await expect(
        f.escrow.connect(f.admin).recoverStrayToken(token, f.hkBank.address, 1n),
      ).to.be.revertedWithCustomError(f.escrow, "SettlementAssetInEscrow");
    });

    it("the deposit token refuses to force-transfer or burn escrowed money out of the settlement contract", async function () {
      const { f, t } = await loadFixture(dealInProgress);
      const escrowAddress = await f.escrow.getAddress();
      const escrowed = await f.escrow.escrowedBalance(t.paymentToken);
      await expect(
        f.hkd
          .connect(f.compliance)
          ["forcedTransfer(address,address,uint256,bytes32)"](
            escrowAddress,
            f.hkBank.address,
            HKD(1_000),
            ethers.encodeBytes32String("COURT-ORDER"),
          ),
      )
        .to.be.revertedWithCustomError(f.hkd, "DepositCustodianAccount")
        .withArgs(escrowAddress);
      await expect(f.hkd.connect(f.hkBank).burn(escrowAddress, HKD(1_000), ethers.encodeBytes32String("CBS-RED")))
        .to.be.revertedWithCustomError(f.hkd, "DepositCustodianAccount")
        .withArgs(escrowAddress);
      expect(await f.hkd.balanceOf(escrowAddress)).to.equal(escrowed);
    });

    it("recoverStrayToken finds nothing stray after escrowed money was taken out anyway (no underflow)", async function () {
      const { f, t } = await loadFixture(dealInProgress);
      const escrowAddress = await f.escrow.getAddress();
      // Only possible once the registrar has taken the settlement kind away: then the bank can force money out.
      const record = await f.participants.participant(escrowAddress);
      await f.participants.connect(f.registrar).update(escrowAddress, {
        kinds: Kinds.TRADER,
        jurisdiction: record.jurisdiction,
        validUntil: record.validUntil,
        kycReference: record.kycReference,
      });
      await f.hkd
        .connect(f.compliance)
        ["forcedTransfer(address,address,uint256,bytes32)"](
          escrowAddress,
          f.hkBank.address,
          HKD(1_000),
          ethers.encodeBytes32String("COURT-ORDER"),
        );
      expect(await f.hkd.balanceOf(escrowAddress)).to.be.lessThan(await f.escrow.escrowedBalance(t.paymentToken));
      await expect(f.escrow.connect(f.admin).recoverStrayToken(t.paymentToken, f.hkBank.address, 1n))
        .to.be.revertedWithCustomError(f.escrow, "SettlementAssetInEscrow")
        .withArgs(t.paymentToken, 1n);
    });

    for (const which of ["settlement", "escrow"] as const) {
      it(`${which}: recoverStrayToken refuses the zero recipient (RailsZeroAddress)`, async function () {
        const { f, t } = await loadFixture(dealInProgress);
        await expect(
          f[which].connect(f.admin).recoverStrayToken(t.paymentToken, ethers.ZeroAddress, 0n),
        ).to.be.revertedWithCustomError(f[which], "RailsZeroAddress");
      });

      it(`${which}: recoverStrayToken refuses anyone but the admin (AccessManagedUnauthorized)`, async function () {
        const { f, t } = await loadFixture(dealInProgress);
        await expect(f[which].connect(f.outsider).recoverStrayToken(t.paymentToken, f.outsider.address, 0n))
          .to.be.revertedWithCustomError(f[which], "AccessManagedUnauthorized")
          .withArgs(f.outsider.address);
      });

      it(`${which}: recoverStrayEbl refuses the zero recipient (RailsZeroAddress)`, async function () {
        const { f, t } = await loadFixture(dealInProgress);
        await expect(
          f[which].connect(f.admin).recoverStrayEbl(t.registry, t.tokenId, ethers.ZeroAddress),
        ).to.be.revertedWithCustomError(f[which], "RailsZeroAddress");
      });

      it(`${which}: recoverStrayEbl refuses anyone but the admin (AccessManagedUnauthorized)`, async function () {
        const { f, t } = await loadFixture(dealInProgress);
        await expect(f[which].connect(f.outsider).recoverStrayEbl(t.registry, t.tokenId, f.outsider.address))
          .to.be.revertedWithCustomError(f[which], "AccessManagedUnauthorized")
          .withArgs(f.outsider.address);
      });
    }

    it("SignedSettlement holds nothing for anyone: recoverStrayToken may send its whole balance back", async function () {
      const f = await loadFixture(deploySystem);
      const [token, settlementAddress] = [await f.hkd.getAddress(), await f.settlement.getAddress()];
      await f.hkd.connect(f.hkBank).transfer(settlementAddress, HKD(300)); // a mistake: no settlement holds money
      await expect(f.settlement.connect(f.admin).recoverStrayToken(token, f.hkBank.address, HKD(300)))
        .to.emit(f.settlement, "StrayAssetRecovered")
        .withArgs(token, f.hkBank.address, HKD(300));
      expect(await f.hkd.balanceOf(settlementAddress)).to.equal(0n);
    });

    it("SignedSettlement holds no eBL for anyone: recoverStrayEbl returns one sent by a plain transferFrom", async function () {
      const f = await loadFixture(deploySystem);
      const settlementAddress = await f.settlement.getAddress();
      await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, settlementAddress, f.tokenId);
      await expect(
        f.settlement.connect(f.admin).recoverStrayEbl(await f.ebl.getAddress(), f.tokenId, f.exporter.address),
      )
        .to.emit(f.settlement, "StrayAssetRecovered")
        .withArgs(await f.ebl.getAddress(), f.exporter.address, f.tokenId);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
    });

    it("recoverStrayEbl returns an eBL sent by a plain transferFrom, never one held for a deal", async function () {
      const { f, t } = await loadFixture(dealInProgress);
      const escrowAddress = await f.escrow.getAddress();
      const bill = await f.issueBill("STRAY-0001");
      await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, escrowAddress, bill.id);
      expect(await f.ebl.ownerOf(bill.id)).to.equal(escrowAddress);
      await expect(f.escrow.connect(f.admin).recoverStrayEbl(t.registry, t.tokenId, f.admin.address))
        .to.be.revertedWithCustomError(f.escrow, "SettlementAssetInEscrow")
        .withArgs(t.registry, t.tokenId);
      await expect(f.escrow.connect(f.admin).recoverStrayEbl(t.registry, bill.id, f.exporter.address))
        .to.emit(f.escrow, "StrayAssetRecovered")
        .withArgs(t.registry, f.exporter.address, bill.id);
      expect(await f.ebl.ownerOf(bill.id)).to.equal(f.exporter.address);
      expect(await f.ebl.ownerOf(t.tokenId)).to.equal(escrowAddress);
    });

    for (const which of ["settlement", "escrow"] as const) {
      it(`${which}: refuses an eBL pushed with safeTransferFrom (SettlementUnsolicitedEbl)`, async function () {
        const f = await loadFixture(deploySystem);
        const c = f[which];
        const contractAddress = await c.getAddress();
        await expect(
          f.ebl
            .connect(f.exporter)
            ["safeTransferFrom(address,address,uint256)"](f.exporter.address, contractAddress, f.tokenId),
        )
          .to.be.revertedWithCustomError(c, "SettlementUnsolicitedEbl")
          .withArgs(f.exporter.address, f.tokenId);
        await expect(c.onERC721Received(f.outsider.address, f.outsider.address, 7n, "0x"))
          .to.be.revertedWithCustomError(c, "SettlementUnsolicitedEbl")
          .withArgs(f.outsider.address, 7n);
        expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
      });
    }
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
      for (const c of [f.settlement, f.escrow, f.rail]) {
        await expect(c.connect(f.admin).setAuthority(f.admin.address))
          .to.be.revertedWithCustomError(c, "AccessManagedUnauthorized")
          .withArgs(f.admin.address);
      }
    });

    it("refuses setMarket to the pauser, who holds no settlement admin role", async function () {
      const f = await loadFixture(deploySystem);
      await f.manager
        .connect(f.admin)
        .grantRole(roleId({ contract: "settlement", name: "PAUSER" }), f.regulator.address, 0);
      await expect(
        f.settlement.connect(f.regulator).setMarket(f.outsider.address, f.outsider.address, f.outsider.address),
      )
        .to.be.revertedWithCustomError(f.settlement, "AccessManagedUnauthorized")
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
      const target = await f.settlement.getAddress();
      const [registry, token, rail] = [f.outsider.address, await f.hkd.getAddress(), await f.rail.getAddress()];
      const data = f.settlement.interface.encodeFunctionData("setMarket", [registry, token, rail]);
      return { ...f, target, data, registry, token, railAddress: rail };
    }

    it("is refused when called directly without a schedule (AccessManagerNotScheduled)", async function () {
      const f = await loadFixture(delayedAdmin);
      await expect(
        f.settlement.connect(f.regulator).setMarket(f.registry, f.token, f.railAddress),
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
      expect(await f.settlement.paymentRailOf(f.registry, f.token)).to.equal(ethers.ZeroAddress);
    });

    it("runs after its delay, through the manager or directly by the caller", async function () {
      const f = await loadFixture(delayedAdmin);
      await f.manager.connect(f.regulator).schedule(f.target, f.data, 0);
      await networkHelpers.time.increase(ONE_DAY);
      await expect(f.manager.connect(f.regulator).execute(f.target, f.data))
        .to.emit(f.settlement, "MarketSet")
        .withArgs(f.registry, f.token, f.railAddress);
      const again = f.settlement.interface.encodeFunctionData("setMarket", [f.registry, f.token, ethers.ZeroAddress]);
      await f.manager.connect(f.regulator).schedule(f.target, again, 0);
      await networkHelpers.time.increase(ONE_DAY);
      await expect(f.settlement.connect(f.regulator).setMarket(f.registry, f.token, ethers.ZeroAddress))
        .to.emit(f.settlement, "MarketSet")
        .withArgs(f.registry, f.token, ethers.ZeroAddress);
    });
  });

  describe("pause refusals", function () {
    for (const which of ["settlement", "escrow"] as const) {
      it(`${which}: refuses a second pause (EnforcedPause) and an unpause when not paused (ExpectedPause)`, async function () {
        const f = await loadFixture(deploySystem);
        const c = f[which];
        await expect(c.connect(f.admin).unpause()).to.be.revertedWithCustomError(c, "ExpectedPause");
        await c.connect(f.admin).pause();
        await expect(c.connect(f.admin).pause()).to.be.revertedWithCustomError(c, "EnforcedPause");
      });
    }
  });
});
