import { expect } from "chai";

import { deployConsent, ethers, grantState, networkHelpers } from "./fixture.js";
import { refusedUnchanged } from "./helpers.js";

const { loadFixture, time } = networkHelpers;

/** The exporter has granted the bank its invoices and packing lists for financing. */
async function granted() {
  const f = await deployConsent();
  const grantId = await f.grantBy(f.exporter, await f.terms());
  return { ...f, grantId };
}

describe("ConsentRegistry: revocation", function () {
  it("the owner revokes by transaction: at once, with ConsentRevoked; the grant stays on record as revoked", async function () {
    const f = await loadFixture(granted);
    const before = await grantState(f.consent, f.grantId);
    await expect(f.consent.connect(f.exporter).revoke(f.grantId))
      .to.emit(f.consent, "ConsentRevoked")
      .withArgs(f.grantId, f.exporter.address);
    expect(await grantState(f.consent, f.grantId)).to.deep.equal({ ...before, revoked: true });
    expect(await f.consent.isLive(f.grantId)).to.equal(false);
  });

  it("a relayer submits the owner's signed revocation", async function () {
    const f = await loadFixture(granted);
    const s = await f.signRevocation(f.exporter, f.grantId);
    await expect(f.consent.connect(f.relayer).revokeWithSignature(f.grantId, s.deadline, s.signature))
      .to.emit(f.consent, "ConsentRevoked")
      .withArgs(f.grantId, f.exporter.address);
    expect((await grantState(f.consent, f.grantId)).revoked).to.equal(true);
  });

  it("a relayer submits a wallet owner's revocation signed by the wallet's key (ERC-1271)", async function () {
    const f = await loadFixture(granted);
    const t = await f.terms();
    const s = await f.signGrant(f.walletKey, t, { owner: f.walletAddress });
    await (await f.consent.connect(f.relayer).grantWithSignature(s.owner, t, s.nonce, s.deadline, s.signature)).wait();
    const grantId = ethers.keccak256(
      ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [f.walletAddress, 0n]),
    );
    const r = await f.signRevocation(f.walletKey, grantId);
    await expect(f.consent.connect(f.relayer).revokeWithSignature(grantId, r.deadline, r.signature))
      .to.emit(f.consent, "ConsentRevoked")
      .withArgs(grantId, f.walletAddress);
  });

  it("an owner whose verification lapsed can still revoke", async function () {
    const f = await loadFixture(granted);
    await f.lapse(f.exporter.address);
    await expect(f.consent.connect(f.exporter).revoke(f.grantId)).to.emit(f.consent, "ConsentRevoked");
  });

  it("an expired grant can still be revoked", async function () {
    const f = await loadFixture(granted);
    await time.increase(31n * 24n * 3600n);
    await expect(f.consent.connect(f.exporter).revoke(f.grantId)).to.emit(f.consent, "ConsentRevoked");
  });

  describe("refusals", function () {
    it("refuses anyone but the owner (the grantee here)", async function () {
      const f = await loadFixture(granted);
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.bank).revoke(f.grantId))
            .to.be.revertedWithCustomError(f.consent, "ConsentNotOwner")
            .withArgs(f.grantId, f.bank.address),
        { grants: [f.grantId] },
      );
    });

    it("refuses to revoke twice", async function () {
      const f = await loadFixture(granted);
      await (await f.consent.connect(f.exporter).revoke(f.grantId)).wait();
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.exporter).revoke(f.grantId))
            .to.be.revertedWithCustomError(f.consent, "ConsentRevokedGrant")
            .withArgs(f.grantId),
        { grants: [f.grantId] },
      );
    });

    it("refuses an unknown grant", async function () {
      const f = await loadFixture(granted);
      const unknown = ethers.id("no such grant");
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.exporter).revoke(unknown))
            .to.be.revertedWithCustomError(f.consent, "ConsentNotFound")
            .withArgs(unknown),
        { grants: [f.grantId, unknown] },
      );
    });

    it("refuses a signed revocation of an unknown grant", async function () {
      const f = await loadFixture(granted);
      const unknown = ethers.id("no such grant");
      const s = await f.signRevocation(f.exporter, unknown);
      await refusedUnchanged(f, () =>
        expect(f.consent.connect(f.relayer).revokeWithSignature(unknown, s.deadline, s.signature))
          .to.be.revertedWithCustomError(f.consent, "ConsentNotFound")
          .withArgs(unknown),
      );
    });

    it("refuses a revocation signed by someone else than the owner (the grantee here)", async function () {
      const f = await loadFixture(granted);
      const s = await f.signRevocation(f.bank, f.grantId);
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.relayer).revokeWithSignature(f.grantId, s.deadline, s.signature))
            .to.be.revertedWithCustomError(f.consent, "RailsInvalidSignature")
            .withArgs(f.exporter.address),
        { grants: [f.grantId] },
      );
    });

    it("refuses a signed revocation after its deadline", async function () {
      const f = await loadFixture(granted);
      const s = await f.signRevocation(f.exporter, f.grantId, (await f.now()) + 60n);
      await time.increase(120);
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.relayer).revokeWithSignature(f.grantId, s.deadline, s.signature))
            .to.be.revertedWithCustomError(f.consent, "RailsExpired")
            .withArgs(s.deadline, (v: bigint) => v > s.deadline),
        { grants: [f.grantId] },
      );
    });

    it("refuses a replayed signed revocation", async function () {
      const f = await loadFixture(granted);
      const s = await f.signRevocation(f.exporter, f.grantId);
      await (await f.consent.connect(f.relayer).revokeWithSignature(f.grantId, s.deadline, s.signature)).wait();
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.relayer).revokeWithSignature(f.grantId, s.deadline, s.signature))
            .to.be.revertedWithCustomError(f.consent, "ConsentRevokedGrant")
            .withArgs(f.grantId),
        { grants: [f.grantId] },
      );
    });
  });
});
