import { expect } from "chai";

import { Kinds } from "../ebl/helpers.js";
import { ALLOWANCE, HKD, deploySystem, ethers, networkHelpers } from "./fixture.js";

const { loadFixture } = networkHelpers;

/**
 * DepositRail: the payment leg of both settlement contracts. It pays only for them, makes sure the payee receives the
 * amount in full, binds an EIP-3009 authorisation to the payment id, and keeps nothing.
 */
describe("DepositRail", function () {
  describe("pay", function () {
    it("refuses a payer's allowance to anyone but the two settlement contracts (RailUnauthorizedCaller)", async function () {
      const f = await loadFixture(deploySystem);
      await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), HKD(1_000));
      await expect(
        f.rail
          .connect(f.outsider)
          .pay(
            await f.hkd.getAddress(),
            f.importer.address,
            f.outsider.address,
            HKD(1_000),
            ethers.ZeroHash,
            ALLOWANCE,
          ),
      )
        .to.be.revertedWithCustomError(f.rail, "RailUnauthorizedCaller")
        .withArgs(f.outsider.address);
      expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
    });

    it("refuses even a party of the trade calling it directly (RailUnauthorizedCaller)", async function () {
      const f = await loadFixture(deploySystem);
      await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), HKD(1_000));
      await expect(
        f.rail
          .connect(f.exporter)
          .pay(
            await f.hkd.getAddress(),
            f.importer.address,
            f.exporter.address,
            HKD(1_000),
            ethers.ZeroHash,
            ALLOWANCE,
          ),
      )
        .to.be.revertedWithCustomError(f.rail, "RailUnauthorizedCaller")
        .withArgs(f.exporter.address);
    });

    it("knows the two settlement contracts it was deployed for", async function () {
      const f = await loadFixture(deploySystem);
      expect(await f.rail.SIGNED_SETTLEMENT()).to.equal(await f.settlement.getAddress());
      expect(await f.rail.ESCROWED_DEALS()).to.equal(await f.escrow.getAddress());
    });

    it("a payee short-changed by a fee-on-transfer token: RailPaymentShortfall, nothing moves", async function () {
      const f = await loadFixture(deploySystem);
      const evil = await ethers.deployContract("MaliciousPaymentToken");
      const evilAddress = await evil.getAddress();
      await f.settlement.connect(f.admin).setMarket(await f.ebl.getAddress(), evilAddress, await f.rail.getAddress());
      await evil.mint(f.importer.address, HKD(100_000));
      await evil.connect(f.importer).approve(await f.rail.getAddress(), ethers.MaxUint256);
      await evil.setFeeBps(200); // 2 %
      const t = await f.terms({ paymentToken: evilAddress });
      await f.ebl.connect(f.exporter).approve(await f.settlement.getAddress(), f.tokenId);
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.be.revertedWithCustomError(f.rail, "RailPaymentShortfall")
        .withArgs(t.amount, (t.amount * 98n) / 100n);
      expect(await evil.balanceOf(f.importer.address)).to.equal(HKD(100_000));
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
    });

    it("EIP-3009: the authorization names the rail, pays through it and leaves nothing there", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const hash = await f.settlement.hashTerms(t);
      const auth = await f.paymentAuthorization(f.importer, t.amount, hash);
      await f.ebl.connect(f.exporter).approve(await f.settlement.getAddress(), f.tokenId);
      const tx = f.settlement.connect(f.relayer).settle(await f.signed(t, { paymentAuth: auth }));
      await expect(tx)
        .to.emit(f.hkd, "Transfer")
        .withArgs(f.importer.address, await f.rail.getAddress(), t.amount);
      await expect(tx)
        .to.emit(f.hkd, "Transfer")
        .withArgs(await f.rail.getAddress(), f.exporter.address, t.amount);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.importer, f.exporter, f.rail],
        [-t.amount, t.amount, 0n],
      );
    });

    it("EIP-3009: the authorization is bound to the payment id (its nonce is keccak256(paymentId, salt))", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const hash = await f.settlement.hashTerms(t);
      const auth = await f.paymentAuthorization(f.importer, t.amount, hash);
      await f.ebl.connect(f.exporter).approve(await f.settlement.getAddress(), f.tokenId);
      await f.settlement.connect(f.relayer).settle(await f.signed(t, { paymentAuth: auth }));
      const bound = ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [hash, auth.nonce]),
      );
      expect(await f.hkd.authorizationState(f.importer.address, bound)).to.equal(true);
      // The salt alone, unbound, was never used.
      expect(await f.hkd.authorizationState(f.importer.address, auth.nonce)).to.equal(false);
    });

    it("EIP-3009: an authorization bound to another payment id is refused by the token (ERC3009InvalidSignature)", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const auth = await f.paymentAuthorization(f.importer, t.amount, ethers.id("another payment"));
      await f.ebl.connect(f.exporter).approve(await f.settlement.getAddress(), f.tokenId);
      await expect(
        f.settlement.connect(f.relayer).settle(await f.signed(t, { paymentAuth: auth })),
      ).to.be.revertedWithCustomError(f.hkd, "ERC3009InvalidSignature");
    });

    it("EIP-2612: a permit naming the rail pays, and its allowance is used up", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.ebl.connect(f.exporter).approve(await f.settlement.getAddress(), f.tokenId);
      const s = await f.signed(t, { paymentAuth: await f.paymentPermit(f.importer, t.amount) });
      await expect(f.settlement.connect(f.relayer).settle(s)).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.importer, f.exporter],
        [-t.amount, t.amount],
      );
      expect(await f.hkd.allowance(f.importer.address, await f.rail.getAddress())).to.equal(0n);
    });

    it("EIP-2612: a permit naming the settlement contract instead of the rail gives the rail nothing (ERC20InsufficientAllowance)", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.ebl.connect(f.exporter).approve(await f.settlement.getAddress(), f.tokenId);
      const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
      const signature = await f.importer.signTypedData(
        f.domains.hkd,
        {
          Permit: [
            { name: "owner", type: "address" },
            { name: "spender", type: "address" },
            { name: "value", type: "uint256" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint256" },
          ],
        },
        {
          owner: f.importer.address,
          spender: await f.settlement.getAddress(),
          value: t.amount,
          nonce: await f.hkd.nonces(f.importer.address),
          deadline,
        },
      );
      const paymentAuth = { method: 1, validAfter: 0, deadline, nonce: ethers.ZeroHash, signature };
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t, { paymentAuth })))
        .to.be.revertedWithCustomError(f.hkd, "ERC20InsufficientAllowance")
        .withArgs(await f.rail.getAddress(), 0n, t.amount);
    });
  });

  describe("recoverStrayToken", function () {
    it("the settlement admin sends back tokens that reached the rail by a plain transfer", async function () {
      const f = await loadFixture(deploySystem);
      const [token, rail] = [await f.hkd.getAddress(), await f.rail.getAddress()];
      await f.hkd.connect(f.hkBank).transfer(rail, HKD(300));
      await expect(f.rail.connect(f.admin).recoverStrayToken(token, f.hkBank.address, HKD(300)))
        .to.emit(f.rail, "StrayTokenRecovered")
        .withArgs(token, f.hkBank.address, HKD(300));
      expect(await f.hkd.balanceOf(rail)).to.equal(0n);
    });

    it("refuses anyone but the settlement admin (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deploySystem);
      await f.hkd.connect(f.hkBank).transfer(await f.rail.getAddress(), HKD(300));
      await expect(f.rail.connect(f.outsider).recoverStrayToken(await f.hkd.getAddress(), f.outsider.address, HKD(300)))
        .to.be.revertedWithCustomError(f.rail, "AccessManagedUnauthorized")
        .withArgs(f.outsider.address);
    });

    it("refuses the zero recipient (RailsZeroAddress)", async function () {
      const f = await loadFixture(deploySystem);
      await expect(
        f.rail.connect(f.admin).recoverStrayToken(await f.hkd.getAddress(), ethers.ZeroAddress, 0n),
      ).to.be.revertedWithCustomError(f.rail, "RailsZeroAddress");
    });
  });

  describe("constructor", function () {
    it("refuses a zero signed-settlement address (RailsZeroAddress)", async function () {
      const f = await loadFixture(deploySystem);
      const factory = await ethers.getContractFactory("DepositRail");
      await expect(
        factory.deploy(await f.manager.getAddress(), ethers.ZeroAddress, await f.escrow.getAddress()),
      ).to.be.revertedWithCustomError(factory, "RailsZeroAddress");
    });

    it("refuses a zero escrowed-deals address (RailsZeroAddress)", async function () {
      const f = await loadFixture(deploySystem);
      const factory = await ethers.getContractFactory("DepositRail");
      await expect(
        factory.deploy(await f.manager.getAddress(), await f.settlement.getAddress(), ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(factory, "RailsZeroAddress");
    });
  });
  describe("a rail the admin routed a market to, trusted by measurement", function () {
    it("EscrowedDeals counts what arrived, not what a rail reports: a rail that passes on less fails the deposit (SettlementPaymentShortfall)", async function () {
      const f = await loadFixture(deploySystem);
      const shortRail = await ethers.deployContract("ShortPayingRail");
      const shortRailAddress = await shortRail.getAddress();
      await f.register(shortRailAddress, Kinds.SETTLEMENT);
      await f.escrow.connect(f.admin).setMarket(await f.ebl.getAddress(), await f.hkd.getAddress(), shortRailAddress);
      const t = await f.terms();
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await f.hkd.connect(f.importer).approve(shortRailAddress, t.amount);
      await expect(f.escrow.connect(f.importer).depositPayment(t, t.amount, "0x", ALLOWANCE))
        .to.be.revertedWithCustomError(f.escrow, "SettlementPaymentShortfall")
        .withArgs(t.amount, t.amount - 1n);
      expect(await f.escrow.escrowedBalance(await f.hkd.getAddress())).to.equal(0n);
      expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
    });
  });
});
