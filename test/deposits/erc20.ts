/**
 * ERC-20 conformance: for verified, unfrozen participants and an unpaused token, TokenizedDeposit behaves exactly as
 * OpenZeppelin ERC20 (same return values, balances, allowances, events and IERC6093 errors). The cases follow
 * OpenZeppelin's own ERC20.behavior.js; the last block shows that the same calls fail for non-participants.
 */
import { expect } from "chai";

import { deployDeposit, DECIMALS, HKD, NAME, SYMBOL, ethers, networkHelpers } from "./fixture.js";

const { loadFixture } = networkHelpers;

describe("TokenizedDeposit — ERC-20 behaviour of OpenZeppelin ERC20 for verified participants", function () {
  describe("metadata and supply", function () {
    it("has the name, symbol and decimals given at deployment", async function () {
      const { token } = await loadFixture(deployDeposit);
      expect(await token.name()).to.equal(NAME);
      expect(await token.symbol()).to.equal(SYMBOL);
      expect(await token.decimals()).to.equal(DECIMALS);
    });

    it("reports the total supply and each balance (zero for an account without tokens)", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployDeposit);
      expect(await token.totalSupply()).to.equal(HKD(1500));
      expect(await token.balanceOf(alice.address)).to.equal(HKD(1000));
      expect(await token.balanceOf(bob.address)).to.equal(HKD(500));
      expect(await token.balanceOf(carol.address)).to.equal(0n);
    });
  });

  describe("transfer", function () {
    it("returns true, moves the amount and emits Transfer", async function () {
      const { token, alice, carol } = await loadFixture(deployDeposit);
      expect(await token.connect(alice).transfer.staticCall(carol.address, HKD(100))).to.equal(true);
      const tx = await token.connect(alice).transfer(carol.address, HKD(100));
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, carol.address, HKD(100));
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, carol], [-HKD(100), HKD(100)]);
      expect(await token.totalSupply()).to.equal(HKD(1500));
    });

    it("transfers the whole balance", async function () {
      const { token, alice, carol } = await loadFixture(deployDeposit);
      await token.connect(alice).transfer(carol.address, HKD(1000));
      expect(await token.balanceOf(alice.address)).to.equal(0n);
      expect(await token.balanceOf(carol.address)).to.equal(HKD(1000));
    });

    it("reverts with ERC20InsufficientBalance(sender, balance, needed) above the balance", async function () {
      const { token, alice, carol } = await loadFixture(deployDeposit);
      await expect(token.connect(alice).transfer(carol.address, HKD(1000) + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, HKD(1000), HKD(1000) + 1n);
    });

    it("reverts with ERC20InsufficientBalance for an account with no tokens", async function () {
      const { token, carol, alice } = await loadFixture(deployDeposit);
      await expect(token.connect(carol).transfer(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(carol.address, 0n, 1n);
    });

    it("reverts with ERC20InvalidReceiver(0) towards the zero address", async function () {
      const { token, alice } = await loadFixture(deployDeposit);
      await expect(token.connect(alice).transfer(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
    });

    it("allows a zero-amount transfer and emits Transfer with 0", async function () {
      const { token, alice, carol } = await loadFixture(deployDeposit);
      const tx = await token.connect(alice).transfer(carol.address, 0n);
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, carol.address, 0n);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, carol], [0n, 0n]);
    });

    it("allows a zero-amount transfer from an account with no tokens", async function () {
      const { token, carol, alice } = await loadFixture(deployDeposit);
      await expect(token.connect(carol).transfer(alice.address, 0n))
        .to.emit(token, "Transfer")
        .withArgs(carol.address, alice.address, 0n);
    });

    it("allows a self-transfer: emits Transfer and leaves the balance unchanged", async function () {
      const { token, alice } = await loadFixture(deployDeposit);
      const tx = await token.connect(alice).transfer(alice.address, HKD(400));
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, alice.address, HKD(400));
      await expect(tx).to.changeTokenBalance(ethers, token, alice, 0n);
    });
  });

  describe("approve and allowance", function () {
    it("returns true, sets the allowance and emits Approval", async function () {
      const { token, alice, relayer } = await loadFixture(deployDeposit);
      expect(await token.allowance(alice.address, relayer.address)).to.equal(0n);
      expect(await token.connect(alice).approve.staticCall(relayer.address, HKD(5))).to.equal(true);
      await expect(token.connect(alice).approve(relayer.address, HKD(5)))
        .to.emit(token, "Approval")
        .withArgs(alice.address, relayer.address, HKD(5));
      expect(await token.allowance(alice.address, relayer.address)).to.equal(HKD(5));
    });

    it("replaces (does not add to) a previous allowance, and may exceed the balance", async function () {
      const { token, alice, relayer } = await loadFixture(deployDeposit);
      await token.connect(alice).approve(relayer.address, HKD(5));
      await token.connect(alice).approve(relayer.address, HKD(5000));
      expect(await token.allowance(alice.address, relayer.address)).to.equal(HKD(5000));
      await token.connect(alice).approve(relayer.address, 0n);
      expect(await token.allowance(alice.address, relayer.address)).to.equal(0n);
    });

    it("reverts with ERC20InvalidSpender(0) for the zero spender", async function () {
      const { token, alice } = await loadFixture(deployDeposit);
      await expect(token.connect(alice).approve(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidSpender")
        .withArgs(ethers.ZeroAddress);
    });

    it("lets any account approve: an approval moves nothing, so it needs no verification", async function () {
      const { token, mallory, alice } = await loadFixture(deployDeposit);
      await expect(token.connect(mallory).approve(alice.address, 1n))
        .to.emit(token, "Approval")
        .withArgs(mallory.address, alice.address, 1n);
    });
  });

  describe("transferFrom", function () {
    async function approved() {
      const f = await deployDeposit();
      await f.token.connect(f.alice).approve(f.relayer.address, HKD(300));
      return f;
    }

    it("returns true, moves the amount, decreases the allowance and emits Transfer but no Approval", async function () {
      const { token, alice, carol, relayer } = await loadFixture(approved);
      expect(await token.connect(relayer).transferFrom.staticCall(alice.address, carol.address, HKD(100))).to.equal(
        true,
      );
      const tx = await token.connect(relayer).transferFrom(alice.address, carol.address, HKD(100));
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, carol.address, HKD(100));
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, carol, relayer], [-HKD(100), HKD(100), 0n]);
      await expect(tx).not.to.emit(token, "Approval");
      expect(await token.allowance(alice.address, relayer.address)).to.equal(HKD(200));
    });

    it("spends exactly the whole allowance", async function () {
      const { token, alice, carol, relayer } = await loadFixture(approved);
      await token.connect(relayer).transferFrom(alice.address, carol.address, HKD(300));
      expect(await token.allowance(alice.address, relayer.address)).to.equal(0n);
    });

    it("reverts with ERC20InsufficientAllowance(spender, allowance, needed) above the allowance", async function () {
      const { token, alice, carol, relayer } = await loadFixture(approved);
      await expect(token.connect(relayer).transferFrom(alice.address, carol.address, HKD(300) + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(relayer.address, HKD(300), HKD(300) + 1n);
    });

    it("reverts with ERC20InsufficientBalance when the allowance is enough but the balance is not", async function () {
      const { token, alice, carol, relayer } = await loadFixture(approved);
      await token.connect(alice).approve(relayer.address, HKD(2000));
      await expect(token.connect(relayer).transferFrom(alice.address, carol.address, HKD(1000) + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, HKD(1000), HKD(1000) + 1n);
    });

    it("does not decrease an infinite allowance (type(uint256).max) and emits no Approval", async function () {
      const { token, alice, carol, relayer } = await loadFixture(approved);
      await token.connect(alice).approve(relayer.address, ethers.MaxUint256);
      const tx = await token.connect(relayer).transferFrom(alice.address, carol.address, HKD(700));
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, carol.address, HKD(700));
      await expect(tx).not.to.emit(token, "Approval");
      expect(await token.allowance(alice.address, relayer.address)).to.equal(ethers.MaxUint256);
    });

    it("reverts with ERC20InvalidReceiver(0) towards the zero address", async function () {
      const { token, alice, relayer } = await loadFixture(approved);
      await expect(token.connect(relayer).transferFrom(alice.address, ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
    });

    it("refuses the zero address as sender, as OpenZeppelin does: it has no allowance to spend", async function () {
      const { token, carol, relayer } = await loadFixture(approved);
      await expect(token.connect(relayer).transferFrom(ethers.ZeroAddress, carol.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(relayer.address, 0n, 1n);
      await expect(token.connect(relayer).transferFrom(ethers.ZeroAddress, carol.address, 0n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidApprover")
        .withArgs(ethers.ZeroAddress);
    });

    it("allows a zero-amount transferFrom without allowance", async function () {
      const { token, bob, carol, relayer } = await loadFixture(approved);
      await expect(token.connect(relayer).transferFrom(bob.address, carol.address, 0n))
        .to.emit(token, "Transfer")
        .withArgs(bob.address, carol.address, 0n);
    });

    it("allows a self transferFrom by the owner, which needs and spends the owner's own allowance", async function () {
      const { token, alice } = await loadFixture(approved);
      await expect(token.connect(alice).transferFrom(alice.address, alice.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(alice.address, 0n, 1n);
      await token.connect(alice).approve(alice.address, 5n);
      await expect(token.connect(alice).transferFrom(alice.address, alice.address, 2n))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, alice.address, 2n);
      expect(await token.allowance(alice.address, alice.address)).to.equal(3n);
      expect(await token.balanceOf(alice.address)).to.equal(HKD(1000));
    });
  });

  describe("where the deposit differs: both parties must be verified participants", function () {
    it("refuses a transfer to a non-participant with RailsNotVerified(recipient)", async function () {
      const { token, alice, mallory } = await loadFixture(deployDeposit);
      await expect(token.connect(alice).transfer(mallory.address, 1n))
        .to.be.revertedWithCustomError(token, "RailsNotVerified")
        .withArgs(mallory.address);
    });

    it("refuses even a zero-amount transfer from a non-participant with RailsNotVerified(sender)", async function () {
      const { token, alice, mallory } = await loadFixture(deployDeposit);
      await expect(token.connect(mallory).transfer(alice.address, 0n))
        .to.be.revertedWithCustomError(token, "RailsNotVerified")
        .withArgs(mallory.address);
    });

    it("refuses transferFrom to a non-participant even with allowance; the spender itself need not be verified", async function () {
      const { token, alice, carol, mallory } = await loadFixture(deployDeposit);
      await token.connect(alice).approve(mallory.address, HKD(10));
      await expect(token.connect(mallory).transferFrom(alice.address, mallory.address, HKD(1)))
        .to.be.revertedWithCustomError(token, "RailsNotVerified")
        .withArgs(mallory.address);
      await expect(token.connect(mallory).transferFrom(alice.address, carol.address, HKD(1)))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, carol.address, HKD(1));
    });
  });
});
