import { expect } from "chai";
import { network } from "hardhat";

import { roleId } from "../../sdk/src/index.js";
import { deployManager, grant, wire } from "../helpers/access.js";
import { ALL_KINDS, Kind, ONE_YEAR, jurisdiction, registration } from "../helpers/participants.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

const REGISTRAR = roleId({ contract: "participants", name: "REGISTRAR" });

/** The register under its access manager: `admin` administers the manager, `registrar` holds the registrar role. */
async function deployRegistry() {
  const [admin, registrar, stranger, carrier, trader, bank, newAdmin] = await ethers.getSigners();
  const manager = await deployManager(ethers, admin);
  const registry = await ethers.deployContract("ParticipantRegistry", [await manager.getAddress()]);
  await wire(manager, admin, "participants", await registry.getAddress());
  await grant(manager, admin, REGISTRAR, registrar.address);
  const now = BigInt(await time.latest());
  return { manager, registry, admin, registrar, stranger, carrier, trader, bank, newAdmin, now };
}

/** The record as the contract stores it, in the order of its struct fields. */
function record(active: boolean, kinds: bigint, country: string, validUntil: bigint, kycReference: string) {
  return [active, kinds, jurisdiction(country), validUntil, kycReference];
}

const ZERO_RECORD = [false, 0n, "0x0000", 0n, ethers.ZeroHash];

describe("ParticipantRegistry", function () {
  describe("deployment", function () {
    it("answers to its access manager, whose registrar role may call the registrar's functions", async function () {
      const { registry, manager, admin, registrar } = await loadFixture(deployRegistry);
      expect(await registry.authority()).to.equal(await manager.getAddress());
      expect((await manager.hasRole(REGISTRAR, registrar.address))[0]).to.equal(true);
      expect((await manager.hasRole(REGISTRAR, admin.address))[0]).to.equal(false);
      for (const name of ["register", "registerBatch", "update", "revoke"] as const) {
        const selector = registry.interface.getFunction(name).selector;
        expect(await manager.getTargetFunctionRole(await registry.getAddress(), selector), name).to.equal(REGISTRAR);
      }
    });

    it("refuses a manager that is not a contract (AccessManagedInvalidAuthority)", async function () {
      const [admin] = await ethers.getSigners();
      // The constructor takes any authority; setAuthority, which only the manager can call, refuses a non-contract.
      const registry = await ethers.deployContract("ParticipantRegistry", [admin.address]);
      await expect(registry.connect(admin).setAuthority(admin.address))
        .to.be.revertedWithCustomError(registry, "AccessManagedInvalidAuthority")
        .withArgs(admin.address);
    });
  });

  describe("register", function () {
    it("records a participant, makes it verified and emits the old and new record", async function () {
      const { registry, registrar, carrier, now } = await loadFixture(deployRegistry);
      const validUntil = now + ONE_YEAR;
      const kyc = ethers.id("LEI 5493001KJTIIGC8Y1R12");
      await expect(
        registry.connect(registrar).register(carrier.address, registration(Kind.CARRIER, "HK", validUntil, kyc)),
      )
        .to.emit(registry, "ParticipantChanged")
        .withArgs(carrier.address, ZERO_RECORD, record(true, Kind.CARRIER, "HK", validUntil, kyc), registrar.address);

      expect(await registry.isVerified(carrier.address)).to.equal(true);
      expect(await registry.isVerifiedAs(carrier.address, Kind.CARRIER)).to.equal(true);
      expect(await registry.isVerifiedAs(carrier.address, Kind.BANK | Kind.CARRIER)).to.equal(true);
      expect(await registry.isVerifiedAs(carrier.address, Kind.BANK)).to.equal(false);
      expect(await registry.participant(carrier.address)).to.deep.equal(
        record(true, Kind.CARRIER, "HK", validUntil, kyc),
      );
    });

    it("accepts several kinds at once", async function () {
      const { registry, registrar, bank, now } = await loadFixture(deployRegistry);
      await registry
        .connect(registrar)
        .register(bank.address, registration(Kind.BANK | Kind.AGENT, "CN", now + ONE_YEAR));
      expect(await registry.isVerifiedAs(bank.address, Kind.BANK)).to.equal(true);
      expect(await registry.isVerifiedAs(bank.address, Kind.AGENT)).to.equal(true);
      expect(await registry.isVerifiedAs(bank.address, Kind.TRADER)).to.equal(false);
    });

    it("accepts the two custodian kinds together, and refuses either with any other kind (ParticipantInvalidKinds)", async function () {
      const { registry, registrar, bank, trader, now } = await loadFixture(deployRegistry);
      await registry
        .connect(registrar)
        .register(trader.address, registration(Kind.SETTLEMENT | Kind.CUSTODY, "HK", now + ONE_YEAR));
      expect(await registry.isVerifiedAs(trader.address, Kind.CUSTODY)).to.equal(true);
      for (const kinds of [Kind.BANK | Kind.CUSTODY, Kind.TRADER | Kind.SETTLEMENT, Kind.CARRIER | Kind.CUSTODY]) {
        await expect(registry.connect(registrar).register(bank.address, registration(kinds, "HK", now + ONE_YEAR)))
          .to.be.revertedWithCustomError(registry, "ParticipantInvalidKinds")
          .withArgs(kinds);
      }
      // nor by an update of an existing custodian
      await expect(
        registry
          .connect(registrar)
          .update(trader.address, registration(Kind.CUSTODY | Kind.AGENT, "HK", now + ONE_YEAR)),
      )
        .to.be.revertedWithCustomError(registry, "ParticipantInvalidKinds")
        .withArgs(Kind.CUSTODY | Kind.AGENT);
    });

    it("re-registers a revoked participant, carrying the revoked record as the previous state", async function () {
      const { registry, registrar, trader, now } = await loadFixture(deployRegistry);
      await registry.connect(registrar).register(trader.address, registration(Kind.TRADER, "CN", now + ONE_YEAR));
      await registry.connect(registrar).revoke(trader.address);
      const validUntil = now + 2n * ONE_YEAR;
      const ref = "0x" + "11".repeat(32);
      await expect(registry.connect(registrar).register(trader.address, registration(Kind.TRADER, "HK", validUntil)))
        .to.emit(registry, "ParticipantChanged")
        .withArgs(
          trader.address,
          record(false, Kind.TRADER, "CN", now + ONE_YEAR, ref),
          record(true, Kind.TRADER, "HK", validUntil, ref),
          registrar.address,
        );
      expect(await registry.isVerified(trader.address)).to.equal(true);
    });

    it("reverts for anyone but a registrar", async function () {
      const { registry, admin, stranger, trader, now } = await loadFixture(deployRegistry);
      for (const caller of [stranger, admin]) {
        await expect(registry.connect(caller).register(trader.address, registration(Kind.TRADER, "HK", now + ONE_YEAR)))
          .to.be.revertedWithCustomError(registry, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });

    it("reverts for the zero address", async function () {
      const { registry, registrar, now } = await loadFixture(deployRegistry);
      await expect(
        registry.connect(registrar).register(ethers.ZeroAddress, registration(Kind.TRADER, "HK", now + ONE_YEAR)),
      ).to.be.revertedWithCustomError(registry, "RailsZeroAddress");
    });

    it("reverts when the participant is already registered", async function () {
      const { registry, registrar, trader, now } = await loadFixture(deployRegistry);
      await registry.connect(registrar).register(trader.address, registration(Kind.TRADER, "HK", now + ONE_YEAR));
      await expect(registry.connect(registrar).register(trader.address, registration(Kind.BANK, "HK", now + ONE_YEAR)))
        .to.be.revertedWithCustomError(registry, "ParticipantAlreadyRegistered")
        .withArgs(trader.address);
    });

    it("reverts when the participant is registered but lapsed: renewal goes through update", async function () {
      const { registry, registrar, trader, now } = await loadFixture(deployRegistry);
      await registry.connect(registrar).register(trader.address, registration(Kind.TRADER, "HK", now + 100n));
      await time.increaseTo(now + 200n);
      await expect(
        registry.connect(registrar).register(trader.address, registration(Kind.TRADER, "HK", now + ONE_YEAR)),
      )
        .to.be.revertedWithCustomError(registry, "ParticipantAlreadyRegistered")
        .withArgs(trader.address);
    });

    it("registers the kinds of document issuers (inspector, insurer, authority), the highest bits defined", async function () {
      const { registry, registrar, trader, now } = await loadFixture(deployRegistry);
      const issuerKinds = Kind.INSPECTOR | Kind.INSURER | Kind.AUTHORITY;
      expect(ALL_KINDS + 1n).to.equal(Kind.AUTHORITY << 1n); // no kind above the authority
      await registry.connect(registrar).register(trader.address, registration(issuerKinds, "HK", now + ONE_YEAR));
      expect(await registry.verifiedKinds(trader.address)).to.equal(issuerKinds);
      for (const kind of [Kind.INSPECTOR, Kind.INSURER, Kind.AUTHORITY]) {
        expect(await registry.isVerifiedAs(trader.address, kind)).to.equal(true);
      }
    });

    for (const kinds of [0n, ALL_KINDS + 1n, 1n << 31n]) {
      it(`reverts for kinds ${kinds} (empty or undefined bits)`, async function () {
        const { registry, registrar, trader, now } = await loadFixture(deployRegistry);
        await expect(registry.connect(registrar).register(trader.address, registration(kinds, "HK", now + ONE_YEAR)))
          .to.be.revertedWithCustomError(registry, "ParticipantInvalidKinds")
          .withArgs(kinds);
      });
    }

    for (const code of ["0x686b", "0x4831", "0x0000", "0x5b41", "0x4140"]) {
      it(`reverts for jurisdiction ${code}, which is not two upper-case letters`, async function () {
        const { registry, registrar, trader, now } = await loadFixture(deployRegistry);
        const bad = { ...registration(Kind.TRADER, "HK", now + ONE_YEAR), jurisdiction: code };
        await expect(registry.connect(registrar).register(trader.address, bad))
          .to.be.revertedWithCustomError(registry, "ParticipantInvalidJurisdiction")
          .withArgs(code);
      });
    }

    it("reverts when the expiry is not in the future", async function () {
      const { registry, registrar, trader } = await loadFixture(deployRegistry);
      const next = BigInt(await time.latest()) + 1n; // the timestamp the transaction will be mined at
      await time.setNextBlockTimestamp(next);
      await expect(registry.connect(registrar).register(trader.address, registration(Kind.TRADER, "HK", next)))
        .to.be.revertedWithCustomError(registry, "ParticipantExpiryNotInFuture")
        .withArgs(next, next);
    });
  });

  describe("registerBatch", function () {
    it("registers every account and emits one event each", async function () {
      const { registry, registrar, carrier, trader, bank, now } = await loadFixture(deployRegistry);
      const accounts = [carrier.address, trader.address, bank.address];
      const regs = [
        registration(Kind.CARRIER, "HK", now + ONE_YEAR),
        registration(Kind.TRADER, "CN", now + ONE_YEAR),
        registration(Kind.BANK, "HK", now + ONE_YEAR),
      ];
      const tx = registry.connect(registrar).registerBatch(accounts, regs);
      for (const [i, account] of accounts.entries()) {
        const r = regs[i]!;
        await expect(tx)
          .to.emit(registry, "ParticipantChanged")
          .withArgs(
            account,
            ZERO_RECORD,
            [true, r.kinds, r.jurisdiction, r.validUntil, r.kycReference],
            registrar.address,
          );
      }
      for (const account of accounts) expect(await registry.isVerified(account)).to.equal(true);
    });

    it("is all or nothing: one bad record reverts the whole batch", async function () {
      const { registry, registrar, carrier, trader, now } = await loadFixture(deployRegistry);
      await expect(
        registry
          .connect(registrar)
          .registerBatch(
            [carrier.address, trader.address],
            [registration(Kind.CARRIER, "HK", now + ONE_YEAR), registration(0n, "CN", now + ONE_YEAR)],
          ),
      ).to.be.revertedWithCustomError(registry, "ParticipantInvalidKinds");
      expect(await registry.isVerified(carrier.address)).to.equal(false);
    });

    it("reverts when the arrays differ in length or are empty", async function () {
      const { registry, registrar, carrier, now } = await loadFixture(deployRegistry);
      await expect(registry.connect(registrar).registerBatch([carrier.address], []))
        .to.be.revertedWithCustomError(registry, "ParticipantBatchLengthMismatch")
        .withArgs(1, 0);
      await expect(registry.connect(registrar).registerBatch([], []))
        .to.be.revertedWithCustomError(registry, "ParticipantBatchLengthMismatch")
        .withArgs(0, 0);
      await expect(
        registry.connect(registrar).registerBatch([], [registration(Kind.TRADER, "HK", now + ONE_YEAR)]),
      ).to.be.revertedWithCustomError(registry, "ParticipantBatchLengthMismatch");
    });

    it("reverts when the same account appears twice", async function () {
      const { registry, registrar, carrier, now } = await loadFixture(deployRegistry);
      const reg = registration(Kind.CARRIER, "HK", now + ONE_YEAR);
      await expect(registry.connect(registrar).registerBatch([carrier.address, carrier.address], [reg, reg]))
        .to.be.revertedWithCustomError(registry, "ParticipantAlreadyRegistered")
        .withArgs(carrier.address);
    });

    it("reverts for anyone but a registrar", async function () {
      const { registry, stranger, carrier, now } = await loadFixture(deployRegistry);
      await expect(
        registry.connect(stranger).registerBatch([carrier.address], [registration(Kind.CARRIER, "HK", now + ONE_YEAR)]),
      )
        .to.be.revertedWithCustomError(registry, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });
  });

  describe("update", function () {
    it("replaces the record and emits old and new", async function () {
      const { registry, registrar, trader, now } = await loadFixture(deployRegistry);
      const first = registration(Kind.TRADER, "CN", now + ONE_YEAR);
      await registry.connect(registrar).register(trader.address, first);
      const next = registration(Kind.TRADER | Kind.AGENT, "HK", now + 2n * ONE_YEAR, ethers.id("new KYC file"));
      await expect(registry.connect(registrar).update(trader.address, next))
        .to.emit(registry, "ParticipantChanged")
        .withArgs(
          trader.address,
          record(true, Kind.TRADER, "CN", now + ONE_YEAR, first.kycReference),
          record(true, Kind.TRADER | Kind.AGENT, "HK", now + 2n * ONE_YEAR, next.kycReference),
          registrar.address,
        );
      expect(await registry.isVerifiedAs(trader.address, Kind.AGENT)).to.equal(true);
    });

    it("renews a lapsed verification", async function () {
      const { registry, registrar, trader, now } = await loadFixture(deployRegistry);
      await registry.connect(registrar).register(trader.address, registration(Kind.TRADER, "HK", now + 100n));
      await time.increaseTo(now + 100n);
      expect(await registry.isVerified(trader.address)).to.equal(false);
      await registry.connect(registrar).update(trader.address, registration(Kind.TRADER, "HK", now + ONE_YEAR));
      expect(await registry.isVerified(trader.address)).to.equal(true);
    });

    it("reverts for an account never registered, or revoked", async function () {
      const { registry, registrar, trader, stranger, now } = await loadFixture(deployRegistry);
      const reg = registration(Kind.TRADER, "HK", now + ONE_YEAR);
      await expect(registry.connect(registrar).update(stranger.address, reg))
        .to.be.revertedWithCustomError(registry, "ParticipantNotRegistered")
        .withArgs(stranger.address);
      await registry.connect(registrar).register(trader.address, reg);
      await registry.connect(registrar).revoke(trader.address);
      await expect(registry.connect(registrar).update(trader.address, reg))
        .to.be.revertedWithCustomError(registry, "ParticipantNotRegistered")
        .withArgs(trader.address);
    });

    it("validates the new record like register does", async function () {
      const { registry, registrar, trader, now } = await loadFixture(deployRegistry);
      await registry.connect(registrar).register(trader.address, registration(Kind.TRADER, "HK", now + ONE_YEAR));
      await expect(
        registry.connect(registrar).update(trader.address, registration(Kind.TRADER, "HK", now - 1n)),
      ).to.be.revertedWithCustomError(registry, "ParticipantExpiryNotInFuture");
      await expect(
        registry.connect(registrar).update(trader.address, registration(0n, "HK", now + ONE_YEAR)),
      ).to.be.revertedWithCustomError(registry, "ParticipantInvalidKinds");
      await expect(
        registry
          .connect(registrar)
          .update(trader.address, { ...registration(Kind.TRADER, "HK", now + ONE_YEAR), jurisdiction: "0x686b" }),
      ).to.be.revertedWithCustomError(registry, "ParticipantInvalidJurisdiction");
    });

    it("reverts for anyone but a registrar", async function () {
      const { registry, registrar, stranger, trader, now } = await loadFixture(deployRegistry);
      const reg = registration(Kind.TRADER, "HK", now + ONE_YEAR);
      await registry.connect(registrar).register(trader.address, reg);
      await expect(registry.connect(stranger).update(trader.address, reg)).to.be.revertedWithCustomError(
        registry,
        "AccessManagedUnauthorized",
      );
    });
  });

  describe("revoke", function () {
    it("ends verification at once, keeps the record inactive, and emits old and new", async function () {
      const { registry, registrar, trader, now } = await loadFixture(deployRegistry);
      const reg = registration(Kind.TRADER, "HK", now + ONE_YEAR);
      await registry.connect(registrar).register(trader.address, reg);
      await expect(registry.connect(registrar).revoke(trader.address))
        .to.emit(registry, "ParticipantChanged")
        .withArgs(
          trader.address,
          record(true, Kind.TRADER, "HK", now + ONE_YEAR, reg.kycReference),
          record(false, Kind.TRADER, "HK", now + ONE_YEAR, reg.kycReference),
          registrar.address,
        );
      expect(await registry.isVerified(trader.address)).to.equal(false);
      expect(await registry.isVerifiedAs(trader.address, Kind.TRADER)).to.equal(false);
      expect((await registry.participant(trader.address)).kinds).to.equal(Kind.TRADER);
    });

    it("reverts for an account never registered or already revoked", async function () {
      const { registry, registrar, trader, now } = await loadFixture(deployRegistry);
      await expect(registry.connect(registrar).revoke(trader.address))
        .to.be.revertedWithCustomError(registry, "ParticipantNotRegistered")
        .withArgs(trader.address);
      await registry.connect(registrar).register(trader.address, registration(Kind.TRADER, "HK", now + ONE_YEAR));
      await registry.connect(registrar).revoke(trader.address);
      await expect(registry.connect(registrar).revoke(trader.address))
        .to.be.revertedWithCustomError(registry, "ParticipantNotRegistered")
        .withArgs(trader.address);
    });

    it("reverts for anyone but a registrar", async function () {
      const { registry, registrar, stranger, trader, now } = await loadFixture(deployRegistry);
      await registry.connect(registrar).register(trader.address, registration(Kind.TRADER, "HK", now + ONE_YEAR));
      await expect(registry.connect(stranger).revoke(trader.address)).to.be.revertedWithCustomError(
        registry,
        "AccessManagedUnauthorized",
      );
    });
  });

  describe("expiry", function () {
    it("is verified up to the second before validUntil and not from validUntil on", async function () {
      const { registry, registrar, trader, now } = await loadFixture(deployRegistry);
      const validUntil = now + 1000n;
      await registry.connect(registrar).register(trader.address, registration(Kind.TRADER, "HK", validUntil));
      await time.increaseTo(validUntil - 1n);
      expect(await registry.isVerified(trader.address)).to.equal(true);
      await time.increaseTo(validUntil);
      expect(await registry.isVerified(trader.address)).to.equal(false);
      expect(await registry.isVerifiedAs(trader.address, Kind.TRADER)).to.equal(false);
    });

    it("reports an unknown address as not verified", async function () {
      const { registry, stranger } = await loadFixture(deployRegistry);
      expect(await registry.isVerified(stranger.address)).to.equal(false);
      expect(await registry.isVerifiedAs(stranger.address, ALL_KINDS)).to.equal(false);
      expect(await registry.participant(stranger.address)).to.deep.equal(ZERO_RECORD);
    });
  });

  describe("verifiedKinds and verifiedKindsOfPair", function () {
    it("return the registered kinds while verified, alone or as a pair in either order", async function () {
      const { registry, registrar, trader, carrier, now } = await loadFixture(deployRegistry);
      await registry
        .connect(registrar)
        .register(trader.address, registration(Kind.TRADER | Kind.AGENT, "HK", now + ONE_YEAR));
      await registry.connect(registrar).register(carrier.address, registration(Kind.CARRIER, "CN", now + ONE_YEAR));
      expect(await registry.verifiedKinds(trader.address)).to.equal(Kind.TRADER | Kind.AGENT);
      expect(await registry.verifiedKindsOfPair(trader.address, carrier.address)).to.deep.equal([
        Kind.TRADER | Kind.AGENT,
        Kind.CARRIER,
      ]);
      expect(await registry.verifiedKindsOfPair(carrier.address, trader.address)).to.deep.equal([
        Kind.CARRIER,
        Kind.TRADER | Kind.AGENT,
      ]);
    });

    it("return zero for an unknown, a revoked and a lapsed account", async function () {
      const { registry, registrar, trader, carrier, stranger, now } = await loadFixture(deployRegistry);
      await registry.connect(registrar).register(trader.address, registration(Kind.TRADER, "HK", now + 1000n));
      await registry.connect(registrar).register(carrier.address, registration(Kind.CARRIER, "CN", now + ONE_YEAR));
      expect(await registry.verifiedKinds(stranger.address)).to.equal(0n);
      expect(await registry.verifiedKindsOfPair(stranger.address, carrier.address)).to.deep.equal([0n, Kind.CARRIER]);
      await registry.connect(registrar).revoke(carrier.address);
      expect(await registry.verifiedKinds(carrier.address)).to.equal(0n);
      expect(await registry.verifiedKindsOfPair(trader.address, carrier.address)).to.deep.equal([Kind.TRADER, 0n]);
      await time.increaseTo(now + 1000n);
      expect(await registry.verifiedKinds(trader.address)).to.equal(0n);
      expect(await registry.verifiedKindsOfPair(trader.address, carrier.address)).to.deep.equal([0n, 0n]);
    });
  });

  describe("roles", function () {
    it("the manager's admin grants and revokes registrars, and nobody else", async function () {
      const { registry, manager, admin, stranger, trader, now } = await loadFixture(deployRegistry);
      await expect(manager.connect(stranger).grantRole(REGISTRAR, stranger.address, 0))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(stranger.address, 0n);
      await manager.connect(admin).grantRole(REGISTRAR, stranger.address, 0);
      await registry.connect(stranger).register(trader.address, registration(Kind.TRADER, "HK", now + ONE_YEAR));
      await manager.connect(admin).revokeRole(REGISTRAR, stranger.address);
      await expect(registry.connect(stranger).revoke(trader.address))
        .to.be.revertedWithCustomError(registry, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });
  });

  describe("admin powers refused to everyone else", function () {
    it("refuses a revocation of a registrar to a non-admin", async function () {
      const { manager, registrar, stranger } = await loadFixture(deployRegistry);
      await expect(manager.connect(stranger).revokeRole(REGISTRAR, registrar.address))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(stranger.address, 0n);
    });

    it("refuses to reassign the register's functions to a non-admin", async function () {
      const { registry, manager, stranger } = await loadFixture(deployRegistry);
      const selector = registry.interface.getFunction("register").selector;
      await expect(
        manager.connect(stranger).setTargetFunctionRole(await registry.getAddress(), [selector], 2n ** 64n - 1n),
      )
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(stranger.address, 0n);
    });

    it("refuses setAuthority to anyone but the manager (AccessManagedUnauthorized)", async function () {
      const { registry, admin } = await loadFixture(deployRegistry);
      await expect(registry.connect(admin).setAuthority(admin.address))
        .to.be.revertedWithCustomError(registry, "AccessManagedUnauthorized")
        .withArgs(admin.address);
    });
  });
});
