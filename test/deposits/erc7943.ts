/**
 * ERC-7943 (uRWA) on the deposit token, and payment references: the interface id, canSend / canReceive /
 * canTransfer against the token's rules, setFrozenTokens (sets) beside freezeAmount (adds), the EIP's three-argument
 * forcedTransfer, and a 32-byte reference carried by transfer, transferFrom and EIP-3009 payments whose signature
 * covers it.
 */
import { expect } from "chai";

import { HKD, NAME, deployDeposit, ethers, networkHelpers, randomNonce, ref } from "./fixture.js";

const { loadFixture, time } = networkHelpers;
const ERC7943_ID = "0x3edbb4c4";
const REFERENCE = ethers.id("pain.001 EndToEndId E2E-2026-0001");

const referenceTypes = (primary: "TransferWithReferenceAuthorization" | "ReceiveWithReferenceAuthorization") => ({
  [primary]: [
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "validAfter", type: "uint256" },
    { name: "validBefore", type: "uint256" },
    { name: "nonce", type: "bytes32" },
    { name: "paymentReference", type: "bytes32" },
  ],
});

describe("TokenizedDeposit — ERC-7943 and payment references", function () {
  describe("ERC-7943", function () {
    it("answers ERC-165 for ERC-7943 (0x3edbb4c4) and ERC-165, not for anything else", async function () {
      const { token } = await loadFixture(deployDeposit);
      expect(await token.supportsInterface(ERC7943_ID)).to.equal(true);
      expect(await token.supportsInterface("0x01ffc9a7")).to.equal(true);
      expect(await token.supportsInterface("0xffffffff")).to.equal(false);
    });

    it("canSend / canReceive: verified and not frozen entirely", async function () {
      const { token, freezer, alice, mallory } = await loadFixture(deployDeposit);
      expect(await token.canSend(alice.address)).to.equal(true);
      expect(await token.canReceive(mallory.address)).to.equal(false);
      await token.connect(freezer).freeze(alice.address);
      expect(await token.canSend(alice.address)).to.equal(false);
      expect(await token.canReceive(alice.address)).to.equal(false);
    });

    it("canTransfer: false for each rule a transfer would break, true when it succeeds", async function () {
      const { token, freezer, pauser, alice, bob, mallory } = await loadFixture(deployDeposit);
      expect(await token.canTransfer(alice.address, bob.address, HKD(1000))).to.equal(true);
      expect(await token.canTransfer(alice.address, bob.address, HKD(1001))).to.equal(false);
      expect(await token.canTransfer(alice.address, mallory.address, 1n)).to.equal(false);
      expect(await token.canTransfer(alice.address, ethers.ZeroAddress, 1n)).to.equal(false);
      await token.connect(freezer).freezeAmount(alice.address, HKD(1));
      expect(await token.canTransfer(alice.address, bob.address, HKD(1000))).to.equal(false);
      expect(await token.canTransfer(alice.address, bob.address, HKD(999))).to.equal(true);
      await token.connect(pauser).pause();
      expect(await token.canTransfer(alice.address, bob.address, 1n)).to.equal(false);
      await token.connect(pauser).unpause();
      await token.connect(alice).transfer(bob.address, HKD(999));
    });

    it("setFrozenTokens sets the frozen part (freezeAmount adds to it), emits Frozen and FrozenAmountChanged, never above the balance", async function () {
      const { token, freezer, alice } = await loadFixture(deployDeposit);
      await token.connect(freezer).freezeAmount(alice.address, HKD(100));
      await expect(token.connect(freezer).setFrozenTokens(alice.address, HKD(30)))
        .to.emit(token, "Frozen")
        .withArgs(alice.address, HKD(30))
        .and.to.emit(token, "FrozenAmountChanged")
        .withArgs(alice.address, HKD(100), HKD(30), freezer.address);
      expect(await token.getFrozenTokens(alice.address)).to.equal(HKD(30));
      await token.connect(freezer).freezeAmount(alice.address, HKD(20));
      expect(await token.getFrozenTokens(alice.address)).to.equal(HKD(50));
      await expect(token.connect(freezer).setFrozenTokens(alice.address, HKD(1001)))
        .to.be.revertedWithCustomError(token, "DepositFreezeExceedsBalance")
        .withArgs(alice.address, HKD(1000), HKD(1001));
      await expect(token.connect(alice).setFrozenTokens(alice.address, 0n))
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(alice.address);
    });

    it("the three-argument forcedTransfer is the compliance role's, with reason ERC-7943, and emits both events", async function () {
      const { token, compliance, freezer, alice, carol } = await loadFixture(deployDeposit);
      const forced = "forcedTransfer(address,address,uint256)";
      await expect(token.connect(freezer)[forced](alice.address, carol.address, 1n))
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(freezer.address);
      const tx = token.connect(compliance)[forced](alice.address, carol.address, HKD(5));
      await expect(tx)
        .to.emit(token, "ForcedTransfer(address,address,uint256)")
        .withArgs(alice.address, carol.address, HKD(5));
      await expect(tx)
        .to.emit(token, "ForcedTransfer(address,address,uint256,bytes32,address)")
        .withArgs(alice.address, carol.address, HKD(5), ethers.encodeBytes32String("ERC-7943"), compliance.address);
      expect(await token.balanceOf(carol.address)).to.equal(HKD(5));
    });
  });

  describe("payment references", function () {
    it("transferWithReference and transferFromWithReference emit PaymentReference after Transfer; a zero reference is refused", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployDeposit);
      await expect(token.connect(alice).transferWithReference(bob.address, HKD(1), REFERENCE))
        .to.emit(token, "PaymentReference")
        .withArgs(alice.address, bob.address, HKD(1), REFERENCE);
      await token.connect(alice).approve(carol.address, HKD(2));
      await expect(token.connect(carol).transferFromWithReference(alice.address, bob.address, HKD(2), REFERENCE))
        .to.emit(token, "PaymentReference")
        .withArgs(alice.address, bob.address, HKD(2), REFERENCE);
      await expect(
        token.connect(alice).transferWithReference(bob.address, 1n, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(token, "DepositZeroReference");
      expect(await token.balanceOf(bob.address)).to.equal(HKD(503));
      expect(await token.allowance(alice.address, carol.address)).to.equal(0n);
    });

    it("an EIP-3009 payment's signature covers the reference: another reference is refused, the signed one pays", async function () {
      const { token, domain, alice, bob, relayer } = await loadFixture(deployDeposit);
      const nonce = randomNonce();
      const validBefore = (await time.latest()) + 3600;
      const message = { from: alice.address, to: bob.address, value: HKD(7), validAfter: 0, validBefore, nonce };
      const signature = await alice.signTypedData(domain, referenceTypes("TransferWithReferenceAuthorization"), {
        ...message,
        paymentReference: REFERENCE,
      });
      const args = [alice.address, bob.address, HKD(7), 0, validBefore, nonce] as const;
      await expect(
        token.connect(relayer).transferWithReferenceAuthorization(...args, ethers.id("other"), signature),
      ).to.be.revertedWithCustomError(token, "ERC3009InvalidSignature");
      await expect(token.connect(relayer).transferWithReferenceAuthorization(...args, REFERENCE, signature))
        .to.emit(token, "PaymentReference")
        .withArgs(alice.address, bob.address, HKD(7), REFERENCE)
        .and.to.emit(token, "AuthorizationUsed")
        .withArgs(alice.address, nonce);
      expect(await token.balanceOf(bob.address)).to.equal(HKD(507));
      expect(NAME).to.equal(domain.name);
    });

    it("receiveWithReferenceAuthorization is the payee's only, and shares the EIP-3009 nonces", async function () {
      const { token, domain, alice, bob, relayer } = await loadFixture(deployDeposit);
      const nonce = randomNonce();
      const validBefore = (await time.latest()) + 3600;
      const signature = await alice.signTypedData(domain, referenceTypes("ReceiveWithReferenceAuthorization"), {
        from: alice.address,
        to: bob.address,
        value: HKD(3),
        validAfter: 0,
        validBefore,
        nonce,
        paymentReference: REFERENCE,
      });
      const args = [alice.address, bob.address, HKD(3), 0, validBefore, nonce, REFERENCE, signature] as const;
      await expect(token.connect(relayer).receiveWithReferenceAuthorization(...args))
        .to.be.revertedWithCustomError(token, "ERC3009CallerNotPayee")
        .withArgs(relayer.address, bob.address);
      await expect(token.connect(bob).receiveWithReferenceAuthorization(...args))
        .to.emit(token, "PaymentReference")
        .withArgs(alice.address, bob.address, HKD(3), REFERENCE);
      await expect(token.connect(bob).receiveWithReferenceAuthorization(...args))
        .to.be.revertedWithCustomError(token, "ERC3009UsedAuthorization")
        .withArgs(alice.address, nonce);
      expect(await token.authorizationState(alice.address, nonce)).to.equal(true);
      expect(ref("x")).to.not.equal(REFERENCE);
    });
  });
});
