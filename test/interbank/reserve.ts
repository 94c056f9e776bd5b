import { expect } from "chai";

import { Kinds } from "../ebl/helpers.js";
import { ethers, networkHelpers } from "../settlement/fixture.js";
import { HKD, deployInterbank } from "./fixture.js";

const { loadFixture } = networkHelpers;

const HKD_CODE = ethers.hexlify(ethers.toUtf8Bytes("HKD"));
const REF = ethers.encodeBytes32String("RTGS-9001");
const PAYMENT_ID = ethers.id("E2E-DIRECT-0001");

/** The fixture, with `relayer` admitted by the HKD central bank as a settlement agent of the HKD reserves. */
async function withAgent() {
  const f = await deployInterbank();
  await f.rHKD.connect(f.hkdCentralBank).setSettlementAgent(f.relayer.address, true);
  return f;
}

describe("WholesaleReserve", function () {
  describe("deployment", function () {
    it("records its currency, decimals, register and central bank, with nothing issued", async function () {
      const f = await loadFixture(deployInterbank);
      const r = await ethers.deployContract("WholesaleReserve", [
        "HKD Wholesale Reserve",
        "rHKD",
        HKD_CODE,
        2,
        await f.participants.getAddress(),
        f.hkdCentralBank.address,
      ]);
      expect(await r.name()).to.equal("HKD Wholesale Reserve");
      expect(await r.symbol()).to.equal("rHKD");
      expect(await r.currency()).to.equal(HKD_CODE);
      expect(await r.decimals()).to.equal(2n);
      expect(await r.registry()).to.equal(await f.participants.getAddress());
      expect(await r.owner()).to.equal(f.hkdCentralBank.address);
      expect(await r.totalSupply()).to.equal(0n);
      expect(await r.paused()).to.equal(false);
    });

    it("refuses a zero participant register (RailsZeroAddress)", async function () {
      const f = await loadFixture(deployInterbank);
      const factory = await ethers.getContractFactory("WholesaleReserve");
      await expect(
        factory.deploy("r", "r", HKD_CODE, 2, ethers.ZeroAddress, f.hkdCentralBank.address),
      ).to.be.revertedWithCustomError(f.rHKD, "RailsZeroAddress");
    });

    it("refuses more than 18 decimals (ReserveInvalidDecimals)", async function () {
      const f = await loadFixture(deployInterbank);
      const factory = await ethers.getContractFactory("WholesaleReserve");
      await expect(factory.deploy("r", "r", HKD_CODE, 19, await f.participants.getAddress(), f.hkdCentralBank.address))
        .to.be.revertedWithCustomError(f.rHKD, "ReserveInvalidDecimals")
        .withArgs(19);
    });

    it("refuses a currency code that is not three upper-case letters (ReserveInvalidCurrency)", async function () {
      const f = await loadFixture(deployInterbank);
      const factory = await ethers.getContractFactory("WholesaleReserve");
      const lower = ethers.hexlify(ethers.toUtf8Bytes("hkd"));
      await expect(factory.deploy("r", "r", lower, 2, await f.participants.getAddress(), f.hkdCentralBank.address))
        .to.be.revertedWithCustomError(f.rHKD, "ReserveInvalidCurrency")
        .withArgs(lower);
    });

    it("refuses an owner that is not a verified central bank, even a verified bank (ReserveIssuerNotCentralBank)", async function () {
      const f = await loadFixture(deployInterbank);
      const factory = await ethers.getContractFactory("WholesaleReserve");
      await expect(factory.deploy("r", "r", HKD_CODE, 2, await f.participants.getAddress(), f.hkBank.address))
        .to.be.revertedWithCustomError(f.rHKD, "ReserveIssuerNotCentralBank")
        .withArgs(f.hkBank.address);
    });
  });

  describe("issue and redeem", function () {
    it("the central bank credits a bank: ReservesIssued with its booking reference, supply up", async function () {
      const f = await loadFixture(deployInterbank);
      const supply = await f.rHKD.totalSupply();
      const tx = f.rHKD.connect(f.hkdCentralBank).issue(f.hkBank.address, HKD(250_000), REF);
      await expect(tx).to.emit(f.rHKD, "ReservesIssued").withArgs(f.hkBank.address, HKD(250_000), REF);
      await expect(tx).to.emit(f.rHKD, "Transfer").withArgs(ethers.ZeroAddress, f.hkBank.address, HKD(250_000));
      expect(await f.rHKD.balanceOf(f.hkBank.address)).to.equal(HKD(1_250_000));
      expect(await f.rHKD.totalSupply()).to.equal(supply + HKD(250_000));
    });

    it("the central bank debits a bank: ReservesRedeemed with its booking reference, supply down", async function () {
      const f = await loadFixture(deployInterbank);
      const supply = await f.rHKD.totalSupply();
      const tx = f.rHKD.connect(f.hkdCentralBank).redeem(f.hkBank.address, HKD(400_000), REF);
      await expect(tx).to.emit(f.rHKD, "ReservesRedeemed").withArgs(f.hkBank.address, HKD(400_000), REF);
      await expect(tx).to.emit(f.rHKD, "Transfer").withArgs(f.hkBank.address, ethers.ZeroAddress, HKD(400_000));
      expect(await f.rHKD.balanceOf(f.hkBank.address)).to.equal(HKD(600_000));
      expect(await f.rHKD.totalSupply()).to.equal(supply - HKD(400_000));
    });

    it("the central bank redeems the reserves of a bank whose registration was revoked: nothing stuck", async function () {
      const f = await loadFixture(deployInterbank);
      await f.participants.connect(f.registrar).revoke(f.hkBank.address);
      await expect(f.rHKD.connect(f.hkdCentralBank).redeem(f.hkBank.address, HKD(1_000_000), REF))
        .to.emit(f.rHKD, "ReservesRedeemed")
        .withArgs(f.hkBank.address, HKD(1_000_000), REF);
      expect(await f.rHKD.balanceOf(f.hkBank.address)).to.equal(0n);
    });

    it("refuses an issue by anyone but the central bank, a bank included (OwnableUnauthorizedAccount)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkBank).issue(f.hkBank.address, HKD(1), REF))
        .to.be.revertedWithCustomError(f.rHKD, "OwnableUnauthorizedAccount")
        .withArgs(f.hkBank.address);
    });

    it("refuses a redemption by anyone but the central bank (OwnableUnauthorizedAccount)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkBank).redeem(f.hkBank.address, HKD(1), REF))
        .to.be.revertedWithCustomError(f.rHKD, "OwnableUnauthorizedAccount")
        .withArgs(f.hkBank.address);
    });

    it("refuses an issue while the central bank's registration is revoked, and accepts it once renewed (ReserveIssuerNotCentralBank)", async function () {
      const f = await loadFixture(deployInterbank);
      const registration = await f.participants.participant(f.hkdCentralBank.address);
      await f.participants.connect(f.registrar).revoke(f.hkdCentralBank.address);
      await expect(f.rHKD.connect(f.hkdCentralBank).issue(f.hkBank.address, HKD(1), REF))
        .to.be.revertedWithCustomError(f.rHKD, "ReserveIssuerNotCentralBank")
        .withArgs(f.hkdCentralBank.address);
      await f.participants.connect(f.registrar).register(f.hkdCentralBank.address, {
        kinds: registration.kinds,
        jurisdiction: registration.jurisdiction,
        validUntil: registration.validUntil,
        kycReference: registration.kycReference,
      });
      await expect(f.rHKD.connect(f.hkdCentralBank).issue(f.hkBank.address, HKD(1), REF)).to.emit(
        f.rHKD,
        "ReservesIssued",
      );
    });

    it("refuses reserves to an account that is not a verified bank, e.g. a trader (ReserveHolderNotBank)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkdCentralBank).issue(f.importer.address, HKD(1), REF))
        .to.be.revertedWithCustomError(f.rHKD, "ReserveHolderNotBank")
        .withArgs(f.importer.address);
      expect(await f.rHKD.balanceOf(f.importer.address)).to.equal(0n);
    });

    it("refuses an issue of zero (RailsZeroAmount)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkdCentralBank).issue(f.hkBank.address, 0n, REF)).to.be.revertedWithCustomError(
        f.rHKD,
        "RailsZeroAmount",
      );
    });

    it("refuses an issue without a booking reference (ReserveZeroReference)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(
        f.rHKD.connect(f.hkdCentralBank).issue(f.hkBank.address, HKD(1), ethers.ZeroHash),
      ).to.be.revertedWithCustomError(f.rHKD, "ReserveZeroReference");
    });

    it("refuses to redeem more than the bank holds (ERC20InsufficientBalance)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkdCentralBank).redeem(f.hkBank.address, HKD(1_000_001), REF))
        .to.be.revertedWithCustomError(f.rHKD, "ERC20InsufficientBalance")
        .withArgs(f.hkBank.address, HKD(1_000_000), HKD(1_000_001));
    });
  });

  describe("settlement agents", function () {
    it("the central bank admits and removes an agent (SettlementAgentSet)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkdCentralBank).setSettlementAgent(f.relayer.address, true))
        .to.emit(f.rHKD, "SettlementAgentSet")
        .withArgs(f.relayer.address, true);
      expect(await f.rHKD.isSettlementAgent(f.relayer.address)).to.equal(true);
      await expect(f.rHKD.connect(f.hkdCentralBank).setSettlementAgent(f.relayer.address, false))
        .to.emit(f.rHKD, "SettlementAgentSet")
        .withArgs(f.relayer.address, false);
      expect(await f.rHKD.isSettlementAgent(f.relayer.address)).to.equal(false);
      expect(await f.rHKD.isSettlementAgent(await f.interbank.getAddress())).to.equal(true);
    });

    it("refuses an agent named by anyone but the central bank (OwnableUnauthorizedAccount)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkBank).setSettlementAgent(f.hkBank.address, true))
        .to.be.revertedWithCustomError(f.rHKD, "OwnableUnauthorizedAccount")
        .withArgs(f.hkBank.address);
    });

    it("refuses the zero address as agent (RailsZeroAddress)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(
        f.rHKD.connect(f.hkdCentralBank).setSettlementAgent(ethers.ZeroAddress, true),
      ).to.be.revertedWithCustomError(f.rHKD, "RailsZeroAddress");
    });

    it("an admitted agent moves reserves between banks: Transfer and ReservesSettled with the payment id", async function () {
      const f = await loadFixture(withAgent);
      const tx = f.rHKD.connect(f.relayer).settle(f.hkBank.address, f.kowloonBank.address, HKD(7_000), PAYMENT_ID);
      await expect(tx)
        .to.emit(f.rHKD, "ReservesSettled")
        .withArgs(PAYMENT_ID, f.hkBank.address, f.kowloonBank.address, HKD(7_000), f.relayer.address);
      await expect(tx).to.changeTokenBalances(ethers, f.rHKD, [f.hkBank, f.kowloonBank], [-HKD(7_000), HKD(7_000)]);
    });

    it("refuses settle by an account the central bank did not admit, even the paying bank (ReserveUnauthorizedAgent)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkBank).settle(f.hkBank.address, f.kowloonBank.address, HKD(1), PAYMENT_ID))
        .to.be.revertedWithCustomError(f.rHKD, "ReserveUnauthorizedAgent")
        .withArgs(f.hkBank.address);
    });

    it("refuses settle by an agent once removed (ReserveUnauthorizedAgent)", async function () {
      const f = await loadFixture(withAgent);
      await f.rHKD.connect(f.hkdCentralBank).setSettlementAgent(f.relayer.address, false);
      await expect(f.rHKD.connect(f.relayer).settle(f.hkBank.address, f.kowloonBank.address, HKD(1), PAYMENT_ID))
        .to.be.revertedWithCustomError(f.rHKD, "ReserveUnauthorizedAgent")
        .withArgs(f.relayer.address);
    });

    it("refuses settle without a payment id (ReserveZeroReference)", async function () {
      const f = await loadFixture(withAgent);
      await expect(
        f.rHKD.connect(f.relayer).settle(f.hkBank.address, f.kowloonBank.address, HKD(1), ethers.ZeroHash),
      ).to.be.revertedWithCustomError(f.rHKD, "ReserveZeroReference");
    });

    it("refuses settle of zero (RailsZeroAmount)", async function () {
      const f = await loadFixture(withAgent);
      await expect(
        f.rHKD.connect(f.relayer).settle(f.hkBank.address, f.kowloonBank.address, 0n, PAYMENT_ID),
      ).to.be.revertedWithCustomError(f.rHKD, "RailsZeroAmount");
    });

    it("refuses settle to an account that is not a bank (ReserveHolderNotBank)", async function () {
      const f = await loadFixture(withAgent);
      await expect(f.rHKD.connect(f.relayer).settle(f.hkBank.address, f.supplier.address, HKD(1), PAYMENT_ID))
        .to.be.revertedWithCustomError(f.rHKD, "ReserveHolderNotBank")
        .withArgs(f.supplier.address);
    });

    it("refuses settle of more than the paying bank holds: no overdraft (ERC20InsufficientBalance)", async function () {
      const f = await loadFixture(withAgent);
      await expect(
        f.rHKD.connect(f.relayer).settle(f.hkBank.address, f.kowloonBank.address, HKD(1_000_001), PAYMENT_ID),
      )
        .to.be.revertedWithCustomError(f.rHKD, "ERC20InsufficientBalance")
        .withArgs(f.hkBank.address, HKD(1_000_000), HKD(1_000_001));
    });
  });

  describe("holders", function () {
    it("a bank transfers reserves to another bank", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkBank).transfer(f.kowloonBank.address, HKD(5))).to.changeTokenBalances(
        ethers,
        f.rHKD,
        [f.hkBank, f.kowloonBank],
        [-HKD(5), HKD(5)],
      );
    });

    it("refuses a transfer to a trader (ReserveHolderNotBank)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkBank).transfer(f.importer.address, HKD(5)))
        .to.be.revertedWithCustomError(f.rHKD, "ReserveHolderNotBank")
        .withArgs(f.importer.address);
    });

    it("refuses a transfer to the central bank itself: it redeems instead (ReserveHolderNotBank)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkBank).transfer(f.hkdCentralBank.address, HKD(5)))
        .to.be.revertedWithCustomError(f.rHKD, "ReserveHolderNotBank")
        .withArgs(f.hkdCentralBank.address);
    });

    it("a bank whose registration is revoked can no longer send its reserves (ReserveHolderNotBank)", async function () {
      const f = await loadFixture(deployInterbank);
      await f.participants.connect(f.registrar).revoke(f.hkBank.address);
      await expect(f.rHKD.connect(f.hkBank).transfer(f.kowloonBank.address, HKD(5)))
        .to.be.revertedWithCustomError(f.rHKD, "ReserveHolderNotBank")
        .withArgs(f.hkBank.address);
      expect(await f.rHKD.balanceOf(f.hkBank.address)).to.equal(HKD(1_000_000));
    });
  });

  describe("pause", function () {
    async function pausedReserves() {
      const f = await withAgent();
      await f.rHKD.connect(f.hkBank).approve(f.kowloonBank.address, HKD(10));
      await f.rHKD.connect(f.hkdCentralBank).pause();
      return f;
    }

    it("the central bank pauses and unpauses (Paused, Unpaused)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkdCentralBank).pause())
        .to.emit(f.rHKD, "Paused")
        .withArgs(f.hkdCentralBank.address);
      expect(await f.rHKD.paused()).to.equal(true);
      await expect(f.rHKD.connect(f.hkdCentralBank).unpause())
        .to.emit(f.rHKD, "Unpaused")
        .withArgs(f.hkdCentralBank.address);
      await expect(f.rHKD.connect(f.hkBank).transfer(f.kowloonBank.address, HKD(5))).to.changeTokenBalances(
        ethers,
        f.rHKD,
        [f.hkBank, f.kowloonBank],
        [-HKD(5), HKD(5)],
      );
    });

    it("refuses a pause by anyone but the central bank (OwnableUnauthorizedAccount)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkBank).pause())
        .to.be.revertedWithCustomError(f.rHKD, "OwnableUnauthorizedAccount")
        .withArgs(f.hkBank.address);
    });

    it("refuses an unpause by anyone but the central bank (OwnableUnauthorizedAccount)", async function () {
      const f = await loadFixture(pausedReserves);
      await expect(f.rHKD.connect(f.hkBank).unpause())
        .to.be.revertedWithCustomError(f.rHKD, "OwnableUnauthorizedAccount")
        .withArgs(f.hkBank.address);
    });

    it("refuses a transfer while paused (EnforcedPause)", async function () {
      const f = await loadFixture(pausedReserves);
      await expect(f.rHKD.connect(f.hkBank).transfer(f.kowloonBank.address, HKD(5))).to.be.revertedWithCustomError(
        f.rHKD,
        "EnforcedPause",
      );
    });

    it("refuses a transferFrom while paused (EnforcedPause)", async function () {
      const f = await loadFixture(pausedReserves);
      await expect(
        f.rHKD.connect(f.kowloonBank).transferFrom(f.hkBank.address, f.kowloonBank.address, HKD(5)),
      ).to.be.revertedWithCustomError(f.rHKD, "EnforcedPause");
    });

    it("refuses an issue while paused (EnforcedPause)", async function () {
      const f = await loadFixture(pausedReserves);
      await expect(f.rHKD.connect(f.hkdCentralBank).issue(f.hkBank.address, HKD(5), REF)).to.be.revertedWithCustomError(
        f.rHKD,
        "EnforcedPause",
      );
    });

    it("refuses a redemption while paused (EnforcedPause)", async function () {
      const f = await loadFixture(pausedReserves);
      await expect(
        f.rHKD.connect(f.hkdCentralBank).redeem(f.hkBank.address, HKD(5), REF),
      ).to.be.revertedWithCustomError(f.rHKD, "EnforcedPause");
    });

    it("refuses settle while paused (EnforcedPause)", async function () {
      const f = await loadFixture(pausedReserves);
      await expect(
        f.rHKD.connect(f.relayer).settle(f.hkBank.address, f.kowloonBank.address, HKD(5), PAYMENT_ID),
      ).to.be.revertedWithCustomError(f.rHKD, "EnforcedPause");
    });

    it("refuses a second pause (EnforcedPause)", async function () {
      const f = await loadFixture(pausedReserves);
      await expect(f.rHKD.connect(f.hkdCentralBank).pause()).to.be.revertedWithCustomError(f.rHKD, "EnforcedPause");
    });

    it("refuses an unpause while not paused (ExpectedPause)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkdCentralBank).unpause()).to.be.revertedWithCustomError(f.rHKD, "ExpectedPause");
    });
  });

  describe("ownership", function () {
    it("refuses renounceOwnership: reserves without an issuer could never be issued or unpaused (ReserveIssuerNotCentralBank)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkdCentralBank).renounceOwnership())
        .to.be.revertedWithCustomError(f.rHKD, "ReserveIssuerNotCentralBank")
        .withArgs(ethers.ZeroAddress);
      expect(await f.rHKD.owner()).to.equal(f.hkdCentralBank.address);
    });

    it("refuses renounceOwnership by anyone else (OwnableUnauthorizedAccount)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.rHKD.connect(f.hkBank).renounceOwnership())
        .to.be.revertedWithCustomError(f.rHKD, "OwnableUnauthorizedAccount")
        .withArgs(f.hkBank.address);
    });

    it("hands over in two steps to another central bank, which then issues; the old one can no longer", async function () {
      const f = await loadFixture(deployInterbank);
      const successor = f.cnhCentralBank;
      await f.rHKD.connect(f.hkdCentralBank).transferOwnership(successor.address);
      expect(await f.rHKD.owner()).to.equal(f.hkdCentralBank.address);
      await f.rHKD.connect(successor).acceptOwnership();
      expect(await f.rHKD.owner()).to.equal(successor.address);
      await expect(f.rHKD.connect(successor).issue(f.hkBank.address, HKD(1), REF)).to.emit(f.rHKD, "ReservesIssued");
      await expect(f.rHKD.connect(f.hkdCentralBank).issue(f.hkBank.address, HKD(1), REF))
        .to.be.revertedWithCustomError(f.rHKD, "OwnableUnauthorizedAccount")
        .withArgs(f.hkdCentralBank.address);
    });

    it("an owner handed over to an account that is not a central bank can do nothing until registered as one (ReserveIssuerNotCentralBank)", async function () {
      const f = await loadFixture(deployInterbank);
      await f.rHKD.connect(f.hkdCentralBank).transferOwnership(f.outsider.address);
      await f.rHKD.connect(f.outsider).acceptOwnership();
      await expect(f.rHKD.connect(f.outsider).pause())
        .to.be.revertedWithCustomError(f.rHKD, "ReserveIssuerNotCentralBank")
        .withArgs(f.outsider.address);
      await f.registerParticipant(f.outsider.address, Kinds.CENTRAL_BANK, "HK");
      await expect(f.rHKD.connect(f.outsider).pause()).to.emit(f.rHKD, "Paused");
    });

    it("an owner verified as a bank but not as a central bank issues nothing (ReserveIssuerNotCentralBank)", async function () {
      const f = await loadFixture(deployInterbank);
      await f.rHKD.connect(f.hkdCentralBank).transferOwnership(f.outsider.address);
      await f.rHKD.connect(f.outsider).acceptOwnership();
      await f.registerParticipant(f.outsider.address, Kinds.BANK, "HK");
      await expect(f.rHKD.connect(f.outsider).issue(f.hkBank.address, HKD(1), REF))
        .to.be.revertedWithCustomError(f.rHKD, "ReserveIssuerNotCentralBank")
        .withArgs(f.outsider.address);
    });
  });
});
