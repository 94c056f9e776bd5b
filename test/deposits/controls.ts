/**
 * The issuer side of TokenizedDeposit: deployment checks, issuance and redemption with references, the supply cap,
 * pause, full and partial freeze, forced transfer, the participant checks and the separation of roles.
 * Every external function: success with its events, then each refusal with its error and arguments.
 */
import { expect } from "chai";

import { functionRoles } from "../../sdk/src/index.js";
import { depositRole, grant, wire } from "../helpers/access.js";
import { shouldRefuseUnverifiedReceivers } from "../helpers/behaviours.js";
import { CURRENCY, HKD, ISSUER_ID, Kind, ROLES, deployDeposit, ethers, networkHelpers, ref } from "./fixture.js";

const { loadFixture, time } = networkHelpers;
type Deposit = Awaited<ReturnType<typeof deployDeposit>>;

describe("TokenizedDeposit — issuer operations and controls", function () {
  describe("deployment", function () {
    it("stores currency, issuer, issuer id, registry and authority, and starts unpaused without a cap", async function () {
      const { token, registry, bank, manager } = await loadFixture(deployDeposit);
      expect(await token.currency()).to.equal(CURRENCY);
      expect(ethers.toUtf8String(await token.currency())).to.equal("HKD");
      expect(await token.issuer()).to.equal(bank.address);
      expect(await token.issuerId()).to.equal(ISSUER_ID);
      expect(await token.registry()).to.equal(await registry.getAddress());
      expect(await token.paused()).to.equal(false);
      expect(await token.supplyCap()).to.equal(0n);
      expect(await token.redemptionCount()).to.equal(0n);
      expect(await token.authority()).to.equal(await manager.getAddress());
    });

    it("accepts any decimals from 0 to 18 and refuses 19 with DepositInvalidDecimals", async function () {
      const { config } = await loadFixture(deployDeposit);
      for (const decimals of [0, 6, 18]) {
        const t = await ethers.deployContract("TokenizedDeposit", [{ ...config, decimals }]);
        expect(await t.decimals()).to.equal(decimals);
      }
      const factory = await ethers.getContractFactory("TokenizedDeposit");
      await expect(ethers.deployContract("TokenizedDeposit", [{ ...config, decimals: 19 }]))
        .to.be.revertedWithCustomError(factory, "DepositInvalidDecimals")
        .withArgs(19);
    });

    it("refuses a currency code that is not three upper-case letters with DepositInvalidCurrency", async function () {
      const { config } = await loadFixture(deployDeposit);
      const factory = await ethers.getContractFactory("TokenizedDeposit");
      for (const code of ["hkd", "HK1", "H D", "[KD", "HK@"]) {
        const currency = ethers.hexlify(ethers.toUtf8Bytes(code));
        await expect(ethers.deployContract("TokenizedDeposit", [{ ...config, currency }]))
          .to.be.revertedWithCustomError(factory, "DepositInvalidCurrency")
          .withArgs(currency);
      }
      await expect(ethers.deployContract("TokenizedDeposit", [{ ...config, currency: "0x000000" }]))
        .to.be.revertedWithCustomError(factory, "DepositInvalidCurrency")
        .withArgs("0x000000");
    });

    it("refuses the zero registry with RailsZeroAddress", async function () {
      const { config } = await loadFixture(deployDeposit);
      const factory = await ethers.getContractFactory("TokenizedDeposit");
      await expect(
        ethers.deployContract("TokenizedDeposit", [{ ...config, registry: ethers.ZeroAddress }]),
      ).to.be.revertedWithCustomError(factory, "RailsZeroAddress");
    });

    it("refuses an issuer that is not a verified BANK with DepositInvalidIssuer", async function () {
      const { config, alice, mallory } = await loadFixture(deployDeposit);
      const factory = await ethers.getContractFactory("TokenizedDeposit");
      for (const issuer of [alice.address, mallory.address, ethers.ZeroAddress]) {
        await expect(ethers.deployContract("TokenizedDeposit", [{ ...config, issuer }]))
          .to.be.revertedWithCustomError(factory, "DepositInvalidIssuer")
          .withArgs(issuer);
      }
    });

    it("sets an initial cap with SupplyCapChanged(0, cap, deployer)", async function () {
      const { config, admin } = await loadFixture(deployDeposit);
      const t = await ethers.deployContract("TokenizedDeposit", [{ ...config, supplyCap: HKD(1_000_000) }], admin);
      expect(await t.supplyCap()).to.equal(HKD(1_000_000));
      await expect(t.deploymentTransaction())
        .to.emit(t, "SupplyCapChanged")
        .withArgs(0n, HKD(1_000_000), admin.address);
    });

    it("refuses an initial cap above MAX_SUPPLY with DepositSupplyCapAboveMaximum", async function () {
      const { config, admin } = await loadFixture(deployDeposit);
      const max = 2n ** 120n - 1n;
      const factory = await ethers.getContractFactory("TokenizedDeposit", admin);
      await expect(factory.deploy({ ...config, supplyCap: max + 1n }))
        .to.be.revertedWithCustomError(factory, "DepositSupplyCapAboveMaximum")
        .withArgs(max + 1n, max);
    });
  });

  describe("mint", function () {
    it("issues to a verified holder with Transfer(0, to, amount) and Minted(to, amount, bankReference, minter)", async function () {
      const { token, minter, carol } = await loadFixture(deployDeposit);
      const tx = await token.connect(minter).mint(carol.address, HKD(250), ref("CBS-0001"));
      await expect(tx).to.emit(token, "Transfer").withArgs(ethers.ZeroAddress, carol.address, HKD(250));
      await expect(tx).to.emit(token, "Minted").withArgs(carol.address, HKD(250), ref("CBS-0001"), minter.address);
      expect(await token.balanceOf(carol.address)).to.equal(HKD(250));
      expect(await token.totalSupply()).to.equal(HKD(1750));
    });

    it("is refused to anyone without the minter role (AccessManagedUnauthorized)", async function () {
      const { token, admin, burner, carol } = await loadFixture(deployDeposit);
      for (const caller of [admin, burner, carol]) {
        await expect(token.connect(caller).mint(carol.address, 1n, ref("X")))
          .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });

    it("refuses a zero amount (RailsZeroAmount) and a zero bank reference (DepositZeroReference)", async function () {
      const { token, minter, carol } = await loadFixture(deployDeposit);
      await expect(token.connect(minter).mint(carol.address, 0n, ref("X"))).to.be.revertedWithCustomError(
        token,
        "RailsZeroAmount",
      );
      await expect(token.connect(minter).mint(carol.address, 1n, ethers.ZeroHash)).to.be.revertedWithCustomError(
        token,
        "DepositZeroReference",
      );
    });

    describe("only verified participants may receive", function () {
      shouldRefuseUnverifiedReceivers(
        async () => {
          const { token, registry, registrar, minter, mallory, carol } = await loadFixture(deployDeposit);
          return {
            contract: token,
            participants: registry,
            registrar,
            receiver: carol.address,
            stranger: mallory.address,
            move: (to) => token.connect(minter).mint(to, 1n, ref("X")),
            balanceOf: (account) => token.balanceOf(account),
            error: "RailsNotVerified",
            time,
          };
        },
        { zeroAddressError: "ERC20InvalidReceiver" },
      );
    });

    it("refuses the zero address (ERC20InvalidReceiver), a frozen account and a paused token", async function () {
      const { token, minter, freezer, pauser, carol } = await loadFixture(deployDeposit);
      await expect(token.connect(minter).mint(ethers.ZeroAddress, 1n, ref("X")))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
      await token.connect(freezer).freeze(carol.address);
      await expect(token.connect(minter).mint(carol.address, 1n, ref("X")))
        .to.be.revertedWithCustomError(token, "DepositAccountFrozen")
        .withArgs(carol.address);
      await token.connect(pauser).pause();
      await expect(token.connect(minter).mint(carol.address, 1n, ref("X"))).to.be.revertedWithCustomError(
        token,
        "EnforcedPause",
      );
    });
  });

  describe("supply cap", function () {
    it("setSupplyCap emits SupplyCapChanged(previous, new, operator); minting up to the cap works, above fails", async function () {
      const { token, capManager, minter, carol } = await loadFixture(deployDeposit);
      await expect(token.connect(capManager).setSupplyCap(HKD(2000)))
        .to.emit(token, "SupplyCapChanged")
        .withArgs(0n, HKD(2000), capManager.address);
      expect(await token.supplyCap()).to.equal(HKD(2000));
      await token.connect(minter).mint(carol.address, HKD(500), ref("CBS-CAP-1"));
      await expect(token.connect(minter).mint(carol.address, 1n, ref("CBS-CAP-2")))
        .to.be.revertedWithCustomError(token, "DepositSupplyCapExceeded")
        .withArgs(HKD(2000) + 1n, HKD(2000));
    });

    it("a cap below the supply stops issuance but not transfers or burns; 0 removes the cap", async function () {
      const { token, capManager, minter, burner, alice, carol } = await loadFixture(deployDeposit);
      await token.connect(capManager).setSupplyCap(HKD(100));
      await expect(token.connect(minter).mint(carol.address, 1n, ref("X")))
        .to.be.revertedWithCustomError(token, "DepositSupplyCapExceeded")
        .withArgs(HKD(1500) + 1n, HKD(100));
      await token.connect(alice).transfer(carol.address, HKD(1));
      await token.connect(burner).burn(alice.address, HKD(1), ref("CBS-B"));
      await expect(token.connect(capManager).setSupplyCap(0n))
        .to.emit(token, "SupplyCapChanged")
        .withArgs(HKD(100), 0n, capManager.address);
      await token.connect(minter).mint(carol.address, HKD(1_000_000), ref("CBS-BIG"));
    });

    it("MAX_SUPPLY (2^120 - 1) bounds the supply with no cap or a higher cap, reported as the cap", async function () {
      const { token, capManager, minter, carol } = await loadFixture(deployDeposit);
      const max = 2n ** 120n - 1n;
      expect(await token.MAX_SUPPLY()).to.equal(max);
      const supply = await token.totalSupply();
      await expect(token.connect(minter).mint(carol.address, max - supply + 1n, ref("CBS-MAX-1")))
        .to.be.revertedWithCustomError(token, "DepositSupplyCapExceeded")
        .withArgs(max + 1n, max);
      await expect(token.connect(capManager).setSupplyCap(max + 1n))
        .to.be.revertedWithCustomError(token, "DepositSupplyCapAboveMaximum")
        .withArgs(max + 1n, max);
      await expect(token.connect(capManager).setSupplyCap(max))
        .to.emit(token, "SupplyCapChanged")
        .withArgs(0n, max, capManager.address);
      await expect(token.connect(minter).mint(carol.address, ethers.MaxUint256, ref("CBS-MAX-2")))
        .to.be.revertedWithCustomError(token, "DepositSupplyCapExceeded")
        .withArgs(ethers.MaxUint256, max);
      await expect(token.connect(minter).mint(carol.address, max - supply, ref("CBS-MAX-3")))
        .to.emit(token, "Minted")
        .withArgs(carol.address, max - supply, ref("CBS-MAX-3"), minter.address);
      expect(await token.totalSupply()).to.equal(max);
      expect(await token.balanceOf(carol.address)).to.equal(max - supply);
    });

    it("is refused to anyone without the cap manager role", async function () {
      const { token, minter } = await loadFixture(deployDeposit);
      await expect(token.connect(minter).setSupplyCap(1n))
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(minter.address);
    });
  });

  describe("burn (bank redemption on the holder's off-chain instruction)", function () {
    it("burns without allowance with Transfer(from, 0, amount) and Burned(from, amount, bankReference, burner)", async function () {
      const { token, burner, alice } = await loadFixture(deployDeposit);
      const tx = await token.connect(burner).burn(alice.address, HKD(100), ref("CBS-RED-1"));
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, ethers.ZeroAddress, HKD(100));
      await expect(tx).to.emit(token, "Burned").withArgs(alice.address, HKD(100), ref("CBS-RED-1"), burner.address);
      expect(await token.balanceOf(alice.address)).to.equal(HKD(900));
      expect(await token.totalSupply()).to.equal(HKD(1400));
    });

    it("is refused to anyone without the burner role", async function () {
      const { token, minter, alice } = await loadFixture(deployDeposit);
      await expect(token.connect(minter).burn(alice.address, 1n, ref("X")))
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(minter.address);
    });

    it("refuses the zero address as the holder with ERC20InvalidSender(0), as OpenZeppelin's burn does", async function () {
      const { token, burner } = await loadFixture(deployDeposit);
      await expect(token.connect(burner).burn(ethers.ZeroAddress, 1n, ref("X")))
        .to.be.revertedWithCustomError(token, "ERC20InvalidSender")
        .withArgs(ethers.ZeroAddress);
    });

    it("refuses zero amount, zero reference and more than the balance (ERC20InsufficientBalance)", async function () {
      const { token, burner, alice } = await loadFixture(deployDeposit);
      await expect(token.connect(burner).burn(alice.address, 0n, ref("X"))).to.be.revertedWithCustomError(
        token,
        "RailsZeroAmount",
      );
      await expect(token.connect(burner).burn(alice.address, 1n, ethers.ZeroHash)).to.be.revertedWithCustomError(
        token,
        "DepositZeroReference",
      );
      await expect(token.connect(burner).burn(alice.address, HKD(1001), ref("X")))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, HKD(1000), HKD(1001));
    });

    it("applies the holder's rules: verified, not frozen, frozen part untouched, not paused", async function () {
      const { token, registry, registrar, burner, freezer, pauser, alice, bob } = await loadFixture(deployDeposit);
      await token.connect(freezer).freezeAmount(alice.address, HKD(800));
      await expect(token.connect(burner).burn(alice.address, HKD(201), ref("X")))
        .to.be.revertedWithCustomError(token, "DepositFrozenAmountExceeded")
        .withArgs(alice.address, HKD(200), HKD(201));
      await token.connect(burner).burn(alice.address, HKD(200), ref("X"));
      await token.connect(freezer).freeze(bob.address);
      await expect(token.connect(burner).burn(bob.address, 1n, ref("X")))
        .to.be.revertedWithCustomError(token, "DepositAccountFrozen")
        .withArgs(bob.address);
      await token.connect(freezer).unfreeze(bob.address);
      await registry.connect(registrar).revoke(bob.address);
      await expect(token.connect(burner).burn(bob.address, 1n, ref("X")))
        .to.be.revertedWithCustomError(token, "RailsNotVerified")
        .withArgs(bob.address);
      await token.connect(pauser).pause();
      await expect(token.connect(burner).burn(alice.address, 1n, ref("X"))).to.be.revertedWithCustomError(
        token,
        "EnforcedPause",
      );
    });
  });

  describe("requestRedemption (holder-initiated)", function () {
    it("burns the caller's tokens and emits Transfer and RedemptionRequested(id, holder, amount, reference), ids 1, 2, ...", async function () {
      const { token, alice, bob } = await loadFixture(deployDeposit);
      expect(await token.connect(alice).requestRedemption.staticCall(HKD(10), ref("PAYOUT-A"))).to.equal(1n);
      const tx = await token.connect(alice).requestRedemption(HKD(10), ref("PAYOUT-A"));
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, ethers.ZeroAddress, HKD(10));
      await expect(tx).to.emit(token, "RedemptionRequested").withArgs(1n, alice.address, HKD(10), ref("PAYOUT-A"));
      await expect(token.connect(bob).requestRedemption(HKD(500), ref("PAYOUT-B")))
        .to.emit(token, "RedemptionRequested")
        .withArgs(2n, bob.address, HKD(500), ref("PAYOUT-B"));
      expect(await token.redemptionCount()).to.equal(2n);
      expect(await token.totalSupply()).to.equal(HKD(990));
      expect(await token.balanceOf(bob.address)).to.equal(0n);
    });

    it("refuses zero amount, zero reference, more than the balance", async function () {
      const { token, alice } = await loadFixture(deployDeposit);
      await expect(token.connect(alice).requestRedemption(0n, ref("P"))).to.be.revertedWithCustomError(
        token,
        "RailsZeroAmount",
      );
      await expect(token.connect(alice).requestRedemption(1n, ethers.ZeroHash)).to.be.revertedWithCustomError(
        token,
        "DepositZeroReference",
      );
      await expect(token.connect(alice).requestRedemption(HKD(1001), ref("P")))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, HKD(1000), HKD(1001));
    });

    it("applies the holder's rules: not verified, frozen, frozen part, paused", async function () {
      const { token, freezer, pauser, alice, bob, mallory } = await loadFixture(deployDeposit);
      await expect(token.connect(mallory).requestRedemption(1n, ref("P")))
        .to.be.revertedWithCustomError(token, "RailsNotVerified")
        .withArgs(mallory.address);
      await token.connect(freezer).freezeAmount(alice.address, HKD(1000));
      await expect(token.connect(alice).requestRedemption(1n, ref("P")))
        .to.be.revertedWithCustomError(token, "DepositFrozenAmountExceeded")
        .withArgs(alice.address, 0n, 1n);
      await token.connect(freezer).freeze(bob.address);
      await expect(token.connect(bob).requestRedemption(1n, ref("P")))
        .to.be.revertedWithCustomError(token, "DepositAccountFrozen")
        .withArgs(bob.address);
      await token.connect(freezer).unfreeze(bob.address);
      await token.connect(pauser).pause();
      await expect(token.connect(bob).requestRedemption(1n, ref("P"))).to.be.revertedWithCustomError(
        token,
        "EnforcedPause",
      );
    });
  });

  describe("pause", function () {
    it("pause/unpause emit Paused/Unpaused(pauser); paused stops transfer, transferFrom, mint, burn, redemption", async function () {
      const { token, pauser, minter, burner, alice, bob, carol } = await loadFixture(deployDeposit);
      await token.connect(alice).approve(bob.address, HKD(10));
      await expect(token.connect(pauser).pause()).to.emit(token, "Paused").withArgs(pauser.address);
      expect(await token.paused()).to.equal(true);
      const refused = [
        token.connect(alice).transfer(carol.address, 1n),
        token.connect(alice).transfer(carol.address, 0n),
        token.connect(bob).transferFrom(alice.address, carol.address, 1n),
        token.connect(minter).mint(carol.address, 1n, ref("X")),
        token.connect(burner).burn(alice.address, 1n, ref("X")),
        token.connect(alice).requestRedemption(1n, ref("X")),
      ];
      for (const call of refused) await expect(call).to.be.revertedWithCustomError(token, "EnforcedPause");
      // approvals move nothing and stay possible
      await token.connect(alice).approve(bob.address, HKD(20));
      await expect(token.connect(pauser).unpause()).to.emit(token, "Unpaused").withArgs(pauser.address);
      await token.connect(alice).transfer(carol.address, 1n);
    });

    it("refuses a second pause (EnforcedPause), unpause when not paused (ExpectedPause) and non-pausers", async function () {
      const { token, pauser, freezer } = await loadFixture(deployDeposit);
      await expect(token.connect(pauser).unpause()).to.be.revertedWithCustomError(token, "ExpectedPause");
      await expect(token.connect(freezer).pause())
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(freezer.address);
      await token.connect(pauser).pause();
      await expect(token.connect(pauser).pause()).to.be.revertedWithCustomError(token, "EnforcedPause");
      await expect(token.connect(freezer).unpause())
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(freezer.address);
    });
  });

  describe("full freeze", function () {
    it("freeze emits AccountFrozen; a frozen account can neither send nor receive; unfreeze restores both", async function () {
      const { token, freezer, alice, bob } = await loadFixture(deployDeposit);
      await expect(token.connect(freezer).freeze(alice.address))
        .to.emit(token, "AccountFrozen")
        .withArgs(alice.address, freezer.address);
      expect(await token.isFrozen(alice.address)).to.equal(true);
      expect(await token.availableBalance(alice.address)).to.equal(0n);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "DepositAccountFrozen")
        .withArgs(alice.address);
      await expect(token.connect(bob).transfer(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "DepositAccountFrozen")
        .withArgs(alice.address);
      await token.connect(alice).approve(bob.address, 1n);
      await expect(token.connect(bob).transferFrom(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(token, "DepositAccountFrozen")
        .withArgs(alice.address);
      await expect(token.connect(freezer).unfreeze(alice.address))
        .to.emit(token, "AccountUnfrozen")
        .withArgs(alice.address, freezer.address);
      expect(await token.isFrozen(alice.address)).to.equal(false);
      await token.connect(alice).transfer(bob.address, 1n);
      await token.connect(bob).transfer(alice.address, 1n);
    });

    it("refuses freezing a frozen account, unfreezing an unfrozen one, and non-freezers", async function () {
      const { token, freezer, compliance, alice } = await loadFixture(deployDeposit);
      await expect(token.connect(freezer).unfreeze(alice.address))
        .to.be.revertedWithCustomError(token, "DepositAccountNotFrozen")
        .withArgs(alice.address);
      await expect(token.connect(compliance).freeze(alice.address))
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(compliance.address);
      await token.connect(freezer).freeze(alice.address);
      await expect(token.connect(freezer).freeze(alice.address))
        .to.be.revertedWithCustomError(token, "DepositAccountFrozen")
        .withArgs(alice.address);
      await expect(token.connect(compliance).unfreeze(alice.address))
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(compliance.address);
    });
  });

  describe("partial freeze", function () {
    it("freezeAmount adds to the frozen part with FrozenAmountChanged(previous, new); only the rest can move", async function () {
      const { token, freezer, alice, bob } = await loadFixture(deployDeposit);
      await expect(token.connect(freezer).freezeAmount(alice.address, HKD(300)))
        .to.emit(token, "FrozenAmountChanged")
        .withArgs(alice.address, 0n, HKD(300), freezer.address);
      await expect(token.connect(freezer).freezeAmount(alice.address, HKD(300)))
        .to.emit(token, "FrozenAmountChanged")
        .withArgs(alice.address, HKD(300), HKD(600), freezer.address);
      expect(await token.frozenAmount(alice.address)).to.equal(HKD(600));
      expect(await token.availableBalance(alice.address)).to.equal(HKD(400));
      await expect(token.connect(alice).transfer(bob.address, HKD(400) + 1n))
        .to.be.revertedWithCustomError(token, "DepositFrozenAmountExceeded")
        .withArgs(alice.address, HKD(400), HKD(400) + 1n);
      await token.connect(alice).transfer(bob.address, HKD(400));
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "DepositFrozenAmountExceeded")
        .withArgs(alice.address, 0n, 1n);
      // a zero transfer and receiving stay possible
      await token.connect(alice).transfer(bob.address, 0n);
      await token.connect(bob).transfer(alice.address, HKD(50));
      expect(await token.availableBalance(alice.address)).to.equal(HKD(50));
    });

    it("unfreezeAmount releases part of the frozen amount with FrozenAmountChanged", async function () {
      const { token, freezer, alice, bob } = await loadFixture(deployDeposit);
      await token.connect(freezer).freezeAmount(alice.address, HKD(1000));
      await expect(token.connect(freezer).unfreezeAmount(alice.address, HKD(250)))
        .to.emit(token, "FrozenAmountChanged")
        .withArgs(alice.address, HKD(1000), HKD(750), freezer.address);
      await token.connect(alice).transfer(bob.address, HKD(250));
      await expect(token.connect(freezer).unfreezeAmount(alice.address, HKD(750)))
        .to.emit(token, "FrozenAmountChanged")
        .withArgs(alice.address, HKD(750), 0n, freezer.address);
      await token.connect(alice).transfer(bob.address, HKD(750));
    });

    it("refuses freezing more than the balance, unfreezing more than frozen, zero amounts and non-freezers", async function () {
      const { token, freezer, minter, alice, carol } = await loadFixture(deployDeposit);
      await expect(token.connect(freezer).freezeAmount(alice.address, HKD(1000) + 1n))
        .to.be.revertedWithCustomError(token, "DepositFreezeExceedsBalance")
        .withArgs(alice.address, HKD(1000), HKD(1000) + 1n);
      await expect(token.connect(freezer).freezeAmount(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "DepositFreezeExceedsBalance")
        .withArgs(carol.address, 0n, 1n);
      await token.connect(freezer).freezeAmount(alice.address, HKD(10));
      // An amount that would overflow the sum is refused with the same error (the sum saturates), not a panic.
      await expect(token.connect(freezer).freezeAmount(alice.address, ethers.MaxUint256))
        .to.be.revertedWithCustomError(token, "DepositFreezeExceedsBalance")
        .withArgs(alice.address, HKD(1000), ethers.MaxUint256);
      await expect(token.connect(freezer).unfreezeAmount(alice.address, HKD(10) + 1n))
        .to.be.revertedWithCustomError(token, "DepositUnfreezeExceedsFrozen")
        .withArgs(alice.address, HKD(10), HKD(10) + 1n);
      await expect(token.connect(freezer).freezeAmount(alice.address, 0n)).to.be.revertedWithCustomError(
        token,
        "RailsZeroAmount",
      );
      await expect(token.connect(freezer).unfreezeAmount(alice.address, 0n)).to.be.revertedWithCustomError(
        token,
        "RailsZeroAmount",
      );
      await expect(token.connect(minter).freezeAmount(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(minter.address);
      await expect(token.connect(minter).unfreezeAmount(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(minter.address);
    });

    it("a full freeze on top of a partial one blocks everything; unfreeze keeps the partial freeze", async function () {
      const { token, freezer, alice, bob } = await loadFixture(deployDeposit);
      await token.connect(freezer).freezeAmount(alice.address, HKD(900));
      await token.connect(freezer).freeze(alice.address);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "DepositAccountFrozen")
        .withArgs(alice.address);
      await token.connect(freezer).unfreeze(alice.address);
      expect(await token.frozenAmount(alice.address)).to.equal(HKD(900));
      expect(await token.availableBalance(alice.address)).to.equal(HKD(100));
    });
  });

  describe("forcedTransfer", function () {
    it("moves without consent and emits Transfer and ForcedTransfer(from, to, amount, reasonCode, operator)", async function () {
      const { token, compliance, alice, carol } = await loadFixture(deployDeposit);
      const tx = await token
        .connect(compliance)
        ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, carol.address, HKD(100), ref("COURT"));
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, carol.address, HKD(100));
      await expect(tx)
        .to.emit(token, "ForcedTransfer(address,address,uint256,bytes32,address)")
        .withArgs(alice.address, carol.address, HKD(100), ref("COURT"), compliance.address);
      await expect(tx).not.to.emit(token, "FrozenAmountChanged");
      expect(await token.balanceOf(carol.address)).to.equal(HKD(100));
      expect(await token.totalSupply()).to.equal(HKD(1500));
    });

    it("ignores the pause, a full freeze and a revoked verification of the sender (lost keys, revoked holder)", async function () {
      const { token, registry, registrar, compliance, freezer, pauser, bank, alice } = await loadFixture(deployDeposit);
      await token.connect(freezer).freeze(alice.address);
      await registry.connect(registrar).revoke(alice.address);
      await token.connect(pauser).pause();
      await expect(
        token
          .connect(compliance)
          ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, bank.address, HKD(1000), ref("LOST_KEYS")),
      )
        .to.emit(token, "ForcedTransfer(address,address,uint256,bytes32,address)")
        .withArgs(alice.address, bank.address, HKD(1000), ref("LOST_KEYS"), compliance.address);
      expect(await token.balanceOf(bank.address)).to.equal(HKD(1000));
      expect(await token.isFrozen(alice.address)).to.equal(true);
    });

    it("takes the free part first; reaching into the frozen part shrinks it to the remaining balance", async function () {
      const { token, compliance, freezer, alice, carol } = await loadFixture(deployDeposit);
      await token.connect(freezer).freezeAmount(alice.address, HKD(600));
      // 400 free: taking 300 leaves the frozen 600 untouched
      let tx = await token
        .connect(compliance)
        ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, carol.address, HKD(300), ref("COURT"));
      await expect(tx).not.to.emit(token, "FrozenAmountChanged");
      expect(await token.frozenAmount(alice.address)).to.equal(HKD(600));
      // 100 free + 500 of the frozen part: 200 remain, all frozen
      tx = await token
        .connect(compliance)
        ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, carol.address, HKD(500), ref("COURT"));
      await expect(tx)
        .to.emit(token, "FrozenAmountChanged")
        .withArgs(alice.address, HKD(600), HKD(200), compliance.address);
      expect(await token.frozenAmount(alice.address)).to.equal(HKD(200));
      expect(await token.balanceOf(alice.address)).to.equal(HKD(200));
      expect(await token.availableBalance(alice.address)).to.equal(0n);
    });

    it("still requires a verified, unfrozen recipient and real addresses", async function () {
      const { token, compliance, freezer, alice, carol, mallory } = await loadFixture(deployDeposit);
      await expect(
        token
          .connect(compliance)
          ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, mallory.address, 1n, ref("COURT")),
      )
        .to.be.revertedWithCustomError(token, "RailsNotVerified")
        .withArgs(mallory.address);
      await token.connect(freezer).freeze(carol.address);
      await expect(
        token
          .connect(compliance)
          ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, carol.address, 1n, ref("COURT")),
      )
        .to.be.revertedWithCustomError(token, "DepositAccountFrozen")
        .withArgs(carol.address);
      await expect(
        token
          .connect(compliance)
          ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, ethers.ZeroAddress, 1n, ref("COURT")),
      )
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
      await expect(
        token
          .connect(compliance)
          ["forcedTransfer(address,address,uint256,bytes32)"](ethers.ZeroAddress, carol.address, 1n, ref("COURT")),
      )
        .to.be.revertedWithCustomError(token, "ERC20InvalidSender")
        .withArgs(ethers.ZeroAddress);
    });

    it("refuses zero amount, zero reason code, more than the balance, and non-compliance callers", async function () {
      const { token, compliance, freezer, alice, bob } = await loadFixture(deployDeposit);
      await expect(
        token
          .connect(compliance)
          ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, bob.address, 0n, ref("COURT")),
      ).to.be.revertedWithCustomError(token, "RailsZeroAmount");
      await expect(
        token
          .connect(compliance)
          ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, bob.address, 1n, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(token, "DepositZeroReference");
      await expect(
        token
          .connect(compliance)
          ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, bob.address, HKD(1001), ref("COURT")),
      )
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, HKD(1000), HKD(1001));
      await expect(
        token
          .connect(freezer)
          ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, bob.address, 1n, ref("COURT")),
      )
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(freezer.address);
    });

    it("leaves no bypass behind: the next ordinary transfer from a frozen sender fails again", async function () {
      const { token, compliance, freezer, alice, bob } = await loadFixture(deployDeposit);
      await token.connect(freezer).freeze(alice.address);
      await token
        .connect(compliance)
        ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, bob.address, 1n, ref("COURT"));
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "DepositAccountFrozen")
        .withArgs(alice.address);
    });

    it("recovery from a revoked holder: forced transfer to the bank, then the bank burns with its reference", async function () {
      const { token, registry, registrar, compliance, burner, bank, bob } = await loadFixture(deployDeposit);
      await registry.connect(registrar).revoke(bob.address);
      await token
        .connect(compliance)
        ["forcedTransfer(address,address,uint256,bytes32)"](bob.address, bank.address, HKD(500), ref("OFFBOARD"));
      await expect(token.connect(burner).burn(bank.address, HKD(500), ref("CBS-OFFBOARD")))
        .to.emit(token, "Burned")
        .withArgs(bank.address, HKD(500), ref("CBS-OFFBOARD"), burner.address);
      expect(await token.totalSupply()).to.equal(HKD(1000));
    });
  });

  describe("money held for others: no forced transfer or burn out of a settlement or custody contract", function () {
    /** A settlement contract and a custody account (the relayer signer, so that it can act itself), each funded. */
    async function withCustodians() {
      const f = await deployDeposit();
      const settlement = ethers.Wallet.createRandom().address;
      await f.register(settlement, Kind.SETTLEMENT);
      await f.register(f.relayer.address, Kind.CUSTODY);
      await f.token.connect(f.alice).transfer(settlement, HKD(300));
      await f.token.connect(f.alice).transfer(f.relayer.address, HKD(200));
      return { ...f, settlement, custodian: f.relayer };
    }

    it("refuses a forced transfer out of either kind with DepositCustodianAccount(account), moving nothing", async function () {
      const { token, compliance, settlement, custodian, carol } = await loadFixture(withCustodians);
      for (const from of [settlement, custodian.address]) {
        const before = await token.balanceOf(from);
        await expect(
          token
            .connect(compliance)
            ["forcedTransfer(address,address,uint256,bytes32)"](from, carol.address, 1n, ref("COURT")),
        )
          .to.be.revertedWithCustomError(token, "DepositCustodianAccount")
          .withArgs(from);
        expect(await token.balanceOf(from)).to.equal(before);
      }
      expect(await token.balanceOf(carol.address)).to.equal(0n);
    });

    it("refuses a bank burn out of either kind with DepositCustodianAccount(account), the supply unchanged", async function () {
      const { token, burner, settlement, custodian } = await loadFixture(withCustodians);
      const supply = await token.totalSupply();
      for (const from of [settlement, custodian.address]) {
        await expect(token.connect(burner).burn(from, 1n, ref("CBS-RED")))
          .to.be.revertedWithCustomError(token, "DepositCustodianAccount")
          .withArgs(from);
      }
      expect(await token.totalSupply()).to.equal(supply);
    });

    it("keeps refusing after the custodian is revoked or lapses: it still owes its clients", async function () {
      const { token, registry, registrar, compliance, burner, settlement, carol } = await loadFixture(withCustodians);
      await registry.connect(registrar).revoke(settlement);
      await expect(
        token
          .connect(compliance)
          ["forcedTransfer(address,address,uint256,bytes32)"](settlement, carol.address, 1n, ref("COURT")),
      )
        .to.be.revertedWithCustomError(token, "DepositCustodianAccount")
        .withArgs(settlement);
      // a bank burn needs a verified holder in any case
      await expect(token.connect(burner).burn(settlement, 1n, ref("CBS-RED")))
        .to.be.revertedWithCustomError(token, "RailsNotVerified")
        .withArgs(settlement);
      await registry.connect(registrar).register(settlement, {
        kinds: Kind.SETTLEMENT,
        jurisdiction: "0x484b",
        validUntil: (await time.latest()) + 3600,
        kycReference: ethers.id("kyc:settlement"),
      });
      await time.increase(7200);
      await expect(
        token
          .connect(compliance)
          ["forcedTransfer(address,address,uint256,bytes32)"](settlement, carol.address, 1n, ref("COURT")),
      )
        .to.be.revertedWithCustomError(token, "DepositCustodianAccount")
        .withArgs(settlement);
      expect(await token.balanceOf(settlement)).to.equal(HKD(300));
    });

    it("leaves the custodian's own movements alone: transfers out, forced transfers in, its own redemption", async function () {
      const { token, compliance, custodian, alice, bob } = await loadFixture(withCustodians);
      await expect(token.connect(custodian).transfer(bob.address, HKD(50)))
        .to.emit(token, "Transfer")
        .withArgs(custodian.address, bob.address, HKD(50));
      await expect(
        token
          .connect(compliance)
          ["forcedTransfer(address,address,uint256,bytes32)"](alice.address, custodian.address, HKD(10), ref("COURT")),
      )
        .to.emit(token, "ForcedTransfer(address,address,uint256,bytes32,address)")
        .withArgs(alice.address, custodian.address, HKD(10), ref("COURT"), compliance.address);
      await expect(token.connect(custodian).requestRedemption(HKD(160), ref("PAYOUT")))
        .to.emit(token, "RedemptionRequested")
        .withArgs(1n, custodian.address, HKD(160), ref("PAYOUT"));
      expect(await token.balanceOf(custodian.address)).to.equal(0n);
    });

    it("acts again once the registrar takes the custodian kind away (a second authority, visible in the register)", async function () {
      const { token, registry, registrar, compliance, burner, custodian, carol, validUntil } =
        await loadFixture(withCustodians);
      await registry.connect(registrar).update(custodian.address, {
        kinds: Kind.BANK,
        jurisdiction: "0x484b",
        validUntil,
        kycReference: ethers.id("kyc:custodian"),
      });
      await expect(
        token
          .connect(compliance)
          ["forcedTransfer(address,address,uint256,bytes32)"](custodian.address, carol.address, HKD(150), ref("COURT")),
      )
        .to.emit(token, "ForcedTransfer(address,address,uint256,bytes32,address)")
        .withArgs(custodian.address, carol.address, HKD(150), ref("COURT"), compliance.address);
      await expect(token.connect(burner).burn(custodian.address, HKD(50), ref("CBS-RED")))
        .to.emit(token, "Burned")
        .withArgs(custodian.address, HKD(50), ref("CBS-RED"), burner.address);
      expect(await token.balanceOf(custodian.address)).to.equal(0n);
    });
  });

  describe("participant checks on ordinary transfers", function () {
    it("refuses a sender whose verification was revoked; renewal restores it", async function () {
      const { token, registry, registrar, alice, bob } = await loadFixture(deployDeposit);
      await registry.connect(registrar).revoke(bob.address);
      await expect(token.connect(bob).transfer(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "RailsNotVerified")
        .withArgs(bob.address);
      await registry.connect(registrar).register(bob.address, {
        kinds: Kind.TRADER,
        jurisdiction: "0x484b",
        validUntil: (await time.latest()) + 3600,
        kycReference: ethers.ZeroHash,
      });
      await token.connect(bob).transfer(alice.address, 1n);
    });

    const moves = {
      transfer: (f: Deposit, to: string) => f.token.connect(f.alice).transfer(to, 1n),
      transferFrom: (f: Deposit, to: string) => f.token.connect(f.bob).transferFrom(f.alice.address, to, 1n),
    };
    for (const [name, move] of Object.entries(moves)) {
      describe(`${name}: only verified participants may receive`, function () {
        shouldRefuseUnverifiedReceivers(
          async () => {
            const f = await loadFixture(deployDeposit);
            await f.token.connect(f.alice).approve(f.bob.address, HKD(1));
            return {
              contract: f.token,
              participants: f.registry,
              registrar: f.registrar,
              receiver: f.carol.address,
              stranger: f.mallory.address,
              move: (to) => move(f, to),
              balanceOf: (account) => f.token.balanceOf(account),
              error: "RailsNotVerified",
              time,
            };
          },
          { zeroAddressError: "ERC20InvalidReceiver" },
        );
      });
    }
  });

  describe("a registry that fails the pair query of a transfer", function () {
    /** The fixture's token configuration on the faulty registry, alice holding 1 000 HKD. */
    async function onFaultyRegistry() {
      const { config, manager, admin, minter, alice, bob } = await deployDeposit();
      const registry = await ethers.deployContract("FaultyParticipantRegistry");
      const token = await ethers.deployContract("TokenizedDeposit", [
        { ...config, registry: await registry.getAddress() },
      ]);
      // Another HKD token: the same roles (the fixture's minter already holds HKD MINTER), its functions assigned.
      await wire(manager, admin, { deposit: "HKD" }, await token.getAddress());
      await token.connect(minter).mint(alice.address, HKD(1000), ref("DEP-1"));
      return { registry, token, alice, bob };
    }

    it("moves the amount while the registry answers both parties", async function () {
      const { token, alice, bob } = await loadFixture(onFaultyRegistry);
      await expect(token.connect(alice).transfer(bob.address, HKD(1))).to.changeTokenBalances(
        ethers,
        token,
        [alice, bob],
        [-HKD(1), HKD(1)],
      );
    });

    it("passes the registry's revert on unchanged, and moves nothing", async function () {
      const { registry, token, alice, bob } = await loadFixture(onFaultyRegistry);
      await registry.setFault(1); // Fault.Revert
      await expect(token.connect(alice).transfer(bob.address, HKD(1))).to.be.revertedWithCustomError(
        registry,
        "RegistryUnavailable",
      );
      expect(await token.balanceOf(alice.address)).to.equal(HKD(1000));
    });

    it("refuses an answer shorter than two words with DepositInvalidRegistry, and moves nothing", async function () {
      const { registry, token, alice, bob } = await loadFixture(onFaultyRegistry);
      await registry.setFault(2); // Fault.ShortAnswer
      await expect(token.connect(alice).transfer(bob.address, HKD(1))).to.be.revertedWithCustomError(
        token,
        "DepositInvalidRegistry",
      );
      expect(await token.balanceOf(bob.address)).to.equal(0n);
    });
  });

  describe("roles in the access manager", function () {
    it("the bank's admin grants and revokes each operational role; roles are separate", async function () {
      const { token, manager, admin, minter, carol } = await loadFixture(deployDeposit);
      expect((await manager.hasRole(ROLES.MINTER, minter.address))[0]).to.equal(true);
      expect((await manager.hasRole(ROLES.BURNER, minter.address))[0]).to.equal(false);
      for (const line of functionRoles({ deposit: "HKD" })) {
        for (const selector of line.selectors) {
          expect(await manager.getTargetFunctionRole(await token.getAddress(), selector)).to.equal(line.roleId);
        }
        expect(await manager.getRoleAdmin(line.roleId), line.label).to.equal(ROLES.ADMIN);
      }
      await expect(manager.connect(admin).revokeRole(ROLES.MINTER, minter.address))
        .to.emit(manager, "RoleRevoked")
        .withArgs(ROLES.MINTER, minter.address);
      await expect(token.connect(minter).mint(carol.address, 1n, ref("X")))
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(minter.address);
    });

    it("a minter granted with an execution delay must schedule: refused before the delay, minted after", async function () {
      const { token, manager, admin, carol, alice } = await loadFixture(deployDeposit);
      await grant(manager, admin, ROLES.MINTER, carol.address, 3600);
      const data = token.interface.encodeFunctionData("mint", [alice.address, 7n, ref("DELAYED")]);
      const target = await token.getAddress();
      await expect(token.connect(carol).mint(alice.address, 7n, ref("DELAYED"))).to.be.revertedWithCustomError(
        manager,
        "AccessManagerNotScheduled",
      );
      await manager.connect(carol).schedule(target, data, 0);
      await expect(manager.connect(carol).execute(target, data)).to.be.revertedWithCustomError(
        manager,
        "AccessManagerNotReady",
      );
      await time.increase(3600);
      await expect(manager.connect(carol).execute(target, data)).to.changeTokenBalance(ethers, token, alice, 7n);
    });
  });

  describe("one bank's roles are out of reach of another bank and of the manager's admin", function () {
    /** A second bank's CNH token on the same manager, its admin role held by `bank`. */
    async function twoBanks() {
      const f = await deployDeposit();
      const cnh = await ethers.deployContract("TokenizedDeposit", [
        { ...f.config, name: "CNH Deposit", symbol: "CNH", currency: ethers.hexlify(ethers.toUtf8Bytes("CNH")) },
      ]);
      await wire(f.manager, f.admin, { deposit: "CNH" }, await cnh.getAddress(), f.bank.address);
      const cnhAdmin = depositRole("CNH", "ADMIN");
      await f.manager.connect(f.admin).setRoleAdmin(cnhAdmin, cnhAdmin);
      return { ...f, cnh };
    }

    it("the HKD bank's admin cannot grant itself the CNH minter role", async function () {
      const { manager, admin } = await loadFixture(twoBanks);
      await expect(manager.connect(admin).grantRole(depositRole("CNH", "MINTER"), admin.address, 0))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(admin.address, depositRole("CNH", "ADMIN"));
    });

    it("the HKD minter cannot mint CNH", async function () {
      const { cnh, minter, alice } = await loadFixture(twoBanks);
      await expect(cnh.connect(minter).mint(alice.address, 1n, ref("X")))
        .to.be.revertedWithCustomError(cnh, "AccessManagedUnauthorized")
        .withArgs(minter.address);
    });

    it("the CNH bank grants its own roles", async function () {
      const { cnh, manager, bank, alice } = await loadFixture(twoBanks);
      await manager.connect(bank).grantRole(depositRole("CNH", "MINTER"), bank.address, 0);
      await expect(cnh.connect(bank).mint(alice.address, 5n, ref("X"))).to.changeTokenBalance(ethers, cnh, alice, 5n);
    });
  });

  describe("admin powers refused to everyone else", function () {
    it("refuses a role grant to an account that does not hold the token's admin role", async function () {
      const { manager, carol } = await loadFixture(deployDeposit);
      await expect(manager.connect(carol).grantRole(ROLES.MINTER, carol.address, 0))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(carol.address, ROLES.ADMIN);
    });

    it("refuses a revocation to an account that does not hold the token's admin role", async function () {
      const { manager, carol, minter } = await loadFixture(deployDeposit);
      await expect(manager.connect(carol).revokeRole(ROLES.MINTER, minter.address))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(carol.address, ROLES.ADMIN);
      expect((await manager.hasRole(ROLES.MINTER, minter.address))[0]).to.equal(true);
    });

    it("refuses setAuthority to anyone but the manager itself (AccessManagedUnauthorized)", async function () {
      const { token, admin } = await loadFixture(deployDeposit);
      await expect(token.connect(admin).setAuthority(admin.address))
        .to.be.revertedWithCustomError(token, "AccessManagedUnauthorized")
        .withArgs(admin.address);
    });
  });
});
