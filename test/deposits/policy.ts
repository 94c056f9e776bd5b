/**
 * The optional transfer policy of a deposit token (contracts/deposits/policy/TransferPolicy.sol): who may set it,
 * the bad input it refuses, each rule's named refusal (which leaves both balances as they were), the custodian
 * exemption, the daily window, and that the token's ERC-7943 `canTransfer` agrees with the policy.
 */
import { expect } from "chai";
import { toFunctionSelector } from "viem";

import { transferPolicyRoles } from "../../sdk/src/roles.js";
import { depositRole, grant } from "../helpers/access.js";
import { HKD, Kind, deployDeposit, ethers, networkHelpers, ref } from "./fixture.js";

const { loadFixture, time } = networkHelpers;
const code = (jurisdiction: string) => ethers.hexlify(ethers.toUtf8Bytes(jurisdiction));
const NO_LIMIT = ethers.MaxUint256;

/** The deposit fixture with a policy deployed, wired to the HKD roles, and set on the token; carol is in CN. */
async function withPolicy() {
  const f = await deployDeposit();
  const [policyAdmin, sanctions] = (await ethers.getSigners()).slice(14, 16);
  const policy = await ethers.deployContract("TransferPolicy", [
    await f.token.getAddress(),
    await f.manager.getAddress(),
  ]);
  for (const [name, signatures] of Object.entries(transferPolicyRoles)) {
    await f.manager.connect(f.admin).setTargetFunctionRole(
      await policy.getAddress(),
      signatures.map((s) => toFunctionSelector(s)),
      depositRole("HKD", name as keyof typeof transferPolicyRoles),
    );
  }
  await grant(f.manager, f.admin, depositRole("HKD", "POLICY_ADMIN"), policyAdmin!.address);
  await grant(f.manager, f.admin, depositRole("HKD", "SANCTIONS"), sanctions!.address);
  await f.token.connect(policyAdmin).setTransferPolicy(await policy.getAddress());
  await f.registry.connect(f.registrar).update(f.carol.address, {
    kinds: Kind.TRADER,
    jurisdiction: code("CN"),
    validUntil: f.validUntil,
    kycReference: ethers.id("kyc:carol"),
  });
  return { ...f, policy, policyAdmin: policyAdmin!, sanctions: sanctions! };
}

describe("TokenizedDeposit — transfer policy", function () {
  describe("setting it", function () {
    it("is the policy admin's: anyone else gets AccessManagedUnauthorized, and it emits TransferPolicyChanged", async function () {
      const { token, policy, policyAdmin, alice } = await loadFixture(withPolicy);
      await expect(token.connect(alice).setTransferPolicy(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(alice.address);
      await expect(token.connect(policyAdmin).setTransferPolicy(ethers.ZeroAddress))
        .to.emit(token, "TransferPolicyChanged")
        .withArgs(await policy.getAddress(), ethers.ZeroAddress, policyAdmin.address);
      expect(await token.transferPolicy()).to.equal(ethers.ZeroAddress);
    });

    it("refuses a policy of another token (DepositPolicyTokenMismatch)", async function () {
      const { token, manager, policyAdmin, config } = await loadFixture(withPolicy);
      const other = await ethers.deployContract("TokenizedDeposit", [{ ...config, symbol: "bcHKD2" }]);
      const foreign = await ethers.deployContract("TransferPolicy", [
        await other.getAddress(),
        await manager.getAddress(),
      ]);
      await expect(token.connect(policyAdmin).setTransferPolicy(await foreign.getAddress()))
        .to.be.revertedWithCustomError(token, "DepositPolicyTokenMismatch")
        .withArgs(await foreign.getAddress(), await other.getAddress());
    });

    it("keeps the pause flag when the policy changes, and the policy when the token is paused", async function () {
      const { token, policy, policyAdmin, pauser } = await loadFixture(withPolicy);
      await token.connect(pauser).pause();
      await token.connect(policyAdmin).setTransferPolicy(ethers.ZeroAddress);
      expect(await token.paused()).to.equal(true);
      await token.connect(policyAdmin).setTransferPolicy(await policy.getAddress());
      await token.connect(pauser).unpause();
      expect(await token.paused()).to.equal(false);
      expect(await token.transferPolicy()).to.equal(await policy.getAddress());
    });
  });

  describe("bad input", function () {
    it("refuses a zero limit (PolicyInvalidLimit), default or per account", async function () {
      const { policy, policyAdmin, alice } = await loadFixture(withPolicy);
      await expect(policy.connect(policyAdmin).setDefaultLimits(0n, HKD(10)))
        .to.be.revertedWithCustomError(policy, "PolicyInvalidLimit")
        .withArgs(0n);
      await expect(policy.connect(policyAdmin).setAccountLimits(alice.address, HKD(10), 0n))
        .to.be.revertedWithCustomError(policy, "PolicyInvalidLimit")
        .withArgs(0n);
    });

    it("refuses a jurisdiction that is not an assigned ISO 3166-1 alpha-2 code (PolicyInvalidJurisdiction)", async function () {
      const { policy, policyAdmin } = await loadFixture(withPolicy);
      for (const bad of ["hk", "EU", "UK", "XK", "H1", "ZZ"]) {
        await expect(policy.connect(policyAdmin).setJurisdictionPair(code("HK"), code(bad), true), bad)
          .to.be.revertedWithCustomError(policy, "PolicyInvalidJurisdiction")
          .withArgs(code(bad));
      }
      for (const good of ["HK", "CN", "MO", "SG", "GB", "US", "AD", "ZW"]) {
        expect(await policy.isAssignedJurisdiction(code(good)), good).to.equal(true);
      }
    });

    it("lets only the token record a transfer (PolicyUnauthorizedToken) and only the roles administer it", async function () {
      const { policy, alice, bob, sanctions } = await loadFixture(withPolicy);
      await expect(policy.connect(alice).enforceTransfer(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(policy, "PolicyUnauthorizedToken")
        .withArgs(alice.address);
      await expect(policy.connect(sanctions).setDefaultLimits(1n, 1n))
        .to.be.revertedWithCustomError(policy, "AccessManagedUnauthorized")
        .withArgs(sanctions.address);
      await expect(policy.connect(alice).setSanctioned(bob.address, true))
        .to.be.revertedWithCustomError(policy, "AccessManagedUnauthorized")
        .withArgs(alice.address);
    });
  });

  describe("the rules, each refusal named and leaving both balances", function () {
    it("sanctions: refuses a sanctioned sender or recipient (PolicySanctioned) on every transfer path", async function () {
      const { token, policy, sanctions, alice, bob } = await loadFixture(withPolicy);
      await expect(policy.connect(sanctions).setSanctioned(bob.address, true))
        .to.emit(policy, "SanctionChanged")
        .withArgs(bob.address, true, sanctions.address);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(policy, "PolicySanctioned")
        .withArgs(bob.address);
      await expect(token.connect(bob).transfer(alice.address, 1n))
        .to.be.revertedWithCustomError(policy, "PolicySanctioned")
        .withArgs(bob.address);
      await token.connect(bob).approve(alice.address, 1n);
      await expect(token.connect(alice).transferFrom(bob.address, alice.address, 1n))
        .to.be.revertedWithCustomError(policy, "PolicySanctioned")
        .withArgs(bob.address);
      expect(await token.balanceOf(alice.address)).to.equal(HKD(1000));
      expect(await token.balanceOf(bob.address)).to.equal(HKD(500));
      expect(await token.canSend(bob.address)).to.equal(false);
      expect(await token.canReceive(bob.address)).to.equal(false);
      expect(await token.canTransfer(alice.address, bob.address, 1n)).to.equal(false);
    });

    it("jurisdictions: refuses a pair not permitted (PolicyJurisdictionPairNotPermitted), in its direction", async function () {
      const { token, policy, policyAdmin, alice, bob, carol } = await loadFixture(withPolicy);
      await policy.connect(policyAdmin).setJurisdictionPairsEnforced(true);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(policy, "PolicyJurisdictionPairNotPermitted")
        .withArgs(alice.address, bob.address, code("HK"), code("HK"));
      await expect(policy.connect(policyAdmin).setJurisdictionPair(code("HK"), code("CN"), true))
        .to.emit(policy, "JurisdictionPairChanged")
        .withArgs(code("HK"), code("CN"), true, policyAdmin.address);
      await token.connect(alice).transfer(carol.address, HKD(10));
      expect(await token.canTransfer(carol.address, alice.address, 1n)).to.equal(false);
      await expect(token.connect(carol).transfer(alice.address, 1n))
        .to.be.revertedWithCustomError(policy, "PolicyJurisdictionPairNotPermitted")
        .withArgs(carol.address, alice.address, code("CN"), code("HK"));
      expect(await token.balanceOf(carol.address)).to.equal(HKD(10));
      expect(await token.balanceOf(alice.address)).to.equal(HKD(990));
    });

    it("per transfer: refuses more than the sender's limit (PolicyTransferLimitExceeded); an account's own limit replaces the default", async function () {
      const { token, policy, policyAdmin, alice, bob } = await loadFixture(withPolicy);
      await policy.connect(policyAdmin).setDefaultLimits(HKD(100), NO_LIMIT);
      await expect(token.connect(alice).transfer(bob.address, HKD(101)))
        .to.be.revertedWithCustomError(policy, "PolicyTransferLimitExceeded")
        .withArgs(alice.address, HKD(100), HKD(101));
      await token.connect(alice).transfer(bob.address, HKD(100));
      await expect(policy.connect(policyAdmin).setAccountLimits(alice.address, HKD(300), NO_LIMIT))
        .to.emit(policy, "AccountLimitsChanged")
        .withArgs(alice.address, HKD(300), NO_LIMIT, policyAdmin.address);
      await token.connect(alice).transfer(bob.address, HKD(300));
      await policy.connect(policyAdmin).clearAccountLimits(alice.address);
      expect(await policy.limitsOf(alice.address)).to.deep.equal([HKD(100), NO_LIMIT]);
      expect(await token.balanceOf(bob.address)).to.equal(HKD(900));
    });

    it("daily: refuses what would pass the sender's daily limit this UTC day (PolicyDailyLimitExceeded), and counts anew the next day", async function () {
      const { token, policy, policyAdmin, alice, bob } = await loadFixture(withPolicy);
      await policy.connect(policyAdmin).setAccountLimits(alice.address, NO_LIMIT, HKD(250));
      const now = await time.latest();
      await time.setNextBlockTimestamp(now - (now % 86400) + 86400 + 60); // 00:01 UTC tomorrow
      await token.connect(alice).transfer(bob.address, HKD(200));
      expect(await policy.spentToday(alice.address)).to.equal(HKD(200));
      expect(await token.canTransfer(alice.address, bob.address, HKD(51))).to.equal(false);
      await expect(token.connect(alice).transfer(bob.address, HKD(51)))
        .to.be.revertedWithCustomError(policy, "PolicyDailyLimitExceeded")
        .withArgs(alice.address, HKD(250), HKD(200), HKD(51));
      await expect(policy.checkTransfer(alice.address, bob.address, HKD(51)))
        .to.be.revertedWithCustomError(policy, "PolicyDailyLimitExceeded")
        .withArgs(alice.address, HKD(250), HKD(200), HKD(51));
      await token.connect(alice).transfer(bob.address, HKD(50));
      await time.increase(86400);
      expect(await policy.spentToday(alice.address)).to.equal(0n);
      await token.connect(alice).transfer(bob.address, HKD(250));
      expect(await token.balanceOf(alice.address)).to.equal(HKD(500));
    });

    it("exempts a custodian contract's outgoing payments from limits and pairs, and a pair with one on either side", async function () {
      const { token, policy, policyAdmin, register, alice, carol, relayer } = await loadFixture(withPolicy);
      await register(relayer.address, Kind.SETTLEMENT); // stands in for a settlement contract's account
      await policy.connect(policyAdmin).setDefaultLimits(HKD(100), HKD(100));
      await policy.connect(policyAdmin).setJurisdictionPairsEnforced(true);
      await token.connect(alice).transfer(relayer.address, HKD(100)); // counted against alice, pair not checked
      await expect(token.connect(alice).transfer(relayer.address, 1n))
        .to.be.revertedWithCustomError(policy, "PolicyDailyLimitExceeded")
        .withArgs(alice.address, HKD(100), HKD(100), 1n);
      await token.connect(relayer).transfer(carol.address, HKD(100)); // out of the custodian: no limit, no pair
      expect(await token.balanceOf(carol.address)).to.equal(HKD(100));
      expect(await policy.spentToday(relayer.address)).to.equal(0n);
    });

    it("is not asked for mints, burns and forced transfers", async function () {
      const { token, policy, sanctions, minter, compliance, alice, bob } = await loadFixture(withPolicy);
      await policy.connect(sanctions).setSanctioned(alice.address, true);
      await token.connect(minter).mint(alice.address, 1n, ref("CBS-1"));
      await token
        .connect(compliance)
        ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, bob.address, 1n, ref("COURT"));
      expect(await token.balanceOf(alice.address)).to.equal(HKD(1000));
    });
  });
});
