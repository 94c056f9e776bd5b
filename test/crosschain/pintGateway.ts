/**
 * PlatformGateway (DCSA PINT) on the two registries of test/crosschain/fixture.ts (Shanghai and Hong Kong stand for
 * two eBL platforms here): a holder locks its eBL for an export, the operator completes it on the receiver's RECE
 * (registry status Exported) or cancels it on a refusal (the eBL back with its holder), the holder reclaims it after
 * the timeout if nobody answers; an accepted envelope is imported with its transfer chain's last checksum; retries
 * are no-ops; a live id, an id exported by the cross-chain gateway, and callers without the role are refused; and an
 * eBL goes out to the other platform and comes back in.
 */
import { expect } from "chai";

import { crossChainTargets, platformRoles } from "../../sdk/src/index.js";
import type { PlatformGateway } from "../../types/ethers-contracts/index.js";
import { grant, wire } from "../helpers/access.js";
import {
  BillKind,
  HONG_KONG,
  Kinds,
  Status,
  ethers,
  loadFixture,
  networkHelpers,
  twoChains,
  type Side,
} from "./fixture.js";

/** IPlatformGateway.ExportStatus. */
const Export = { None: 0n, Locked: 1n, Completed: 2n, Cancelled: 3n, Returned: 4n } as const;
const CARX = ethers.encodeBytes32String("CARX");
const WAVE = ethers.encodeBytes32String("WAVE");
const ENVELOPE = ethers.id("envelope manifest signed content");
const RECE = ethers.id("RECE response JWS");
const BSIG = ethers.id("BSIG response JWS");
const LAST_ENTRY = ethers.id("last transfer chain entry JWS");
const SEVEN_DAYS = 7 * 24 * 3600;
const coder = ethers.AbiCoder.defaultAbiCoder();

/** A PlatformGateway on `side`: EBL GATEWAY on its registry, a verified CUSTODY participant, `operator` its operator. */
async function platformGateway(f: Awaited<ReturnType<typeof twoChains>>, side: Side, operator: string) {
  const gateway = (await ethers.deployContract("PlatformGateway", [
    await side.ebl.getAddress(),
    await side.manager.getAddress(),
  ])) as unknown as PlatformGateway;
  const address = await gateway.getAddress();
  await wire(side.manager, f.admin, "pint", address);
  await wire(side.manager, f.admin, "platformGateway", address);
  await grant(side.manager, f.admin, { contract: "ebl", name: "GATEWAY" }, address);
  await grant(side.manager, f.admin, { contract: "pint", name: "OPERATOR" }, operator);
  await side.register(address, Kinds.CUSTODY);
  return gateway;
}

/** Both platforms with a PlatformGateway (operator: `relayer`), and a to-order eBL issued in Shanghai to the shipper. */
async function pint() {
  const f = await twoChains();
  const operator = f.relayer;
  const sh = await platformGateway(f, f.shanghai, operator.address);
  const hk = await platformGateway(f, f.hongKong, operator.address);
  const id = await f.issueToOrder();
  return { ...f, operator, sh, hk, id };
}

/** The shipper's eBL locked in Shanghai's gateway for an export to CARX (approve, then lock). */
async function locked() {
  const f = await pint();
  await f.shanghai.ebl.connect(f.shipper).approve(await f.sh.getAddress(), f.id);
  await f.sh.connect(f.shipper).lockForExport(f.id, CARX, ENVELOPE);
  return f;
}

/** The export completed: status Exported in Shanghai. */
async function exported() {
  const f = await locked();
  await f.sh.connect(f.operator).completeExport(f.id, RECE);
  return f;
}

/** What the Shanghai registry had for the eBL at export, as an import needs it. */
async function importedBill(side: Side, id: bigint) {
  const b = await side.ebl.billOf(id);
  return {
    kind: b.kind,
    version: b.version,
    titleHolder: b.titleHolder,
    shipper: b.shipper,
    documentHash: b.documentHash,
    custodyForTitle: false,
  };
}

describe("PlatformGateway (PINT)", function () {
  describe("lock for export", function () {
    it("takes the eBL into custody for its holder, status Issued, and records the export", async function () {
      const f = await loadFixture(pint);
      const gateway = await f.sh.getAddress();
      await f.shanghai.ebl.connect(f.shipper).approve(gateway, f.id);
      await expect(f.sh.connect(f.shipper).lockForExport(f.id, CARX, ENVELOPE))
        .to.emit(f.sh, "ExportLocked")
        .withArgs(f.id, f.shipper.address, CARX, ENVELOPE, f.shipper.address);
      const bill = await f.shanghai.ebl.billOf(f.id);
      expect(bill.holder).to.equal(gateway);
      expect(bill.status).to.equal(Status.Issued);
      // The shipper had title, so the gateway holds for it.
      expect(bill.custodyForTitle).to.equal(true);
      const e = await f.sh.exportOf(f.id);
      expect([e.holder, e.titleHolder, e.status, e.platform, e.envelopeReference, e.responseHash]).to.deep.equal([
        f.shipper.address,
        f.shipper.address,
        Export.Locked,
        CARX,
        ENVELOPE,
        ethers.ZeroHash,
      ]);
      expect(e.lockedAt).to.equal(BigInt(await networkHelpers.time.latest()));
    });

    it("locks in one call by safeTransferFrom with the platform and reference as data, without an approval", async function () {
      const f = await loadFixture(pint);
      const data = coder.encode(["bytes32", "bytes32"], [CARX, ENVELOPE]);
      await expect(
        f.shanghai.ebl
          .connect(f.shipper)
          ["safeTransferFrom(address,address,uint256,bytes)"](f.shipper.address, await f.sh.getAddress(), f.id, data),
      )
        .to.emit(f.sh, "ExportLocked")
        .withArgs(f.id, f.shipper.address, CARX, ENVELOPE, f.shipper.address);
      expect((await f.sh.exportOf(f.id)).status).to.equal(Export.Locked);
    });

    it("refuses a safeTransferFrom without a lock's data", async function () {
      const f = await loadFixture(pint);
      await expect(
        f.shanghai.ebl
          .connect(f.shipper)
          ["safeTransferFrom(address,address,uint256)"](f.shipper.address, await f.sh.getAddress(), f.id),
      ).to.be.revertedWithCustomError(f.sh, "PintUnexpectedToken");
    });

    it("refuses an ERC-721 delivery from a contract that is not the registry", async function () {
      const f = await loadFixture(pint);
      const data = coder.encode(["bytes32", "bytes32"], [CARX, ENVELOPE]);
      await expect(f.sh.connect(f.shipper).onERC721Received(f.shipper.address, f.shipper.address, f.id, data))
        .to.be.revertedWithCustomError(f.sh, "PintUnexpectedToken")
        .withArgs(f.shipper.address);
    });

    it("refuses a caller that is neither the holder nor its approved operator", async function () {
      const f = await loadFixture(pint);
      await f.shanghai.ebl.connect(f.shipper).approve(await f.sh.getAddress(), f.id);
      await expect(f.sh.connect(f.buyer).lockForExport(f.id, CARX, ENVELOPE))
        .to.be.revertedWithCustomError(f.sh, "PintNotHolder")
        .withArgs(f.id, f.buyer.address);
    });

    it("refuses a zero platform code or envelope reference", async function () {
      const f = await loadFixture(pint);
      await f.shanghai.ebl.connect(f.shipper).approve(await f.sh.getAddress(), f.id);
      await expect(
        f.sh.connect(f.shipper).lockForExport(f.id, ethers.ZeroHash, ENVELOPE),
      ).to.be.revertedWithCustomError(f.sh, "PintInvalidReference");
      await expect(f.sh.connect(f.shipper).lockForExport(f.id, CARX, ethers.ZeroHash)).to.be.revertedWithCustomError(
        f.sh,
        "PintInvalidReference",
      );
    });

    it("refuses to lock an eBL that is locked already", async function () {
      const f = await loadFixture(locked);
      // The gateway's own holding cannot be locked again (by an operator the gateway never approves: nobody).
      const data = coder.encode(["bytes32", "bytes32"], [WAVE, ENVELOPE]);
      await expect(
        f.sh
          .connect(await ethers.getImpersonatedSigner(await f.shanghai.ebl.getAddress()))
          .onERC721Received(f.shipper.address, f.shipper.address, f.id, data, { gasPrice: 0 }),
      )
        .to.be.revertedWithCustomError(f.sh, "PintInvalidExportStatus")
        .withArgs(f.id, Export.Locked);
    });

    it("is stopped by a pause, and works again once unpaused", async function () {
      const f = await loadFixture(pint);
      await grant(f.shanghai.manager, f.admin, { contract: "crossChain", name: "PAUSER" }, f.admin.address);
      await f.shanghai.ebl.connect(f.shipper).approve(await f.sh.getAddress(), f.id);
      await f.sh.connect(f.admin).pause();
      await expect(f.sh.connect(f.shipper).lockForExport(f.id, CARX, ENVELOPE)).to.be.revertedWithCustomError(
        f.sh,
        "EnforcedPause",
      );
      await f.sh.connect(f.admin).unpause();
      await expect(f.sh.connect(f.shipper).lockForExport(f.id, CARX, ENVELOPE)).to.emit(f.sh, "ExportLocked");
    });
  });

  describe("complete", function () {
    it("exports the eBL from the registry on the receiver's RECE: status Exported, token burned", async function () {
      const f = await loadFixture(locked);
      await expect(f.sh.connect(f.operator).completeExport(f.id, RECE))
        .to.emit(f.sh, "ExportCompleted")
        .withArgs(f.id, CARX, ENVELOPE, RECE)
        .and.to.emit(f.shanghai.ebl, "BillExported");
      const bill = await f.shanghai.ebl.billOf(f.id);
      expect(bill.status).to.equal(Status.Exported);
      expect(bill.holder).to.equal(ethers.ZeroAddress);
      const e = await f.sh.exportOf(f.id);
      expect([e.status, e.responseHash]).to.deep.equal([Export.Completed, RECE]);
    });

    it("is idempotent: a retry returns false and changes nothing", async function () {
      const f = await loadFixture(exported);
      expect(await f.sh.connect(f.operator).completeExport.staticCall(f.id, RECE)).to.equal(false);
      await expect(f.sh.connect(f.operator).completeExport(f.id, RECE)).not.to.emit(f.sh, "ExportCompleted");
      expect((await f.sh.exportOf(f.id)).status).to.equal(Export.Completed);
    });

    it("refuses an export that is not locked", async function () {
      const f = await loadFixture(pint);
      await expect(f.sh.connect(f.operator).completeExport(f.id, RECE))
        .to.be.revertedWithCustomError(f.sh, "PintInvalidExportStatus")
        .withArgs(f.id, Export.None);
    });

    it("refuses to complete a cancelled export", async function () {
      const f = await loadFixture(locked);
      await f.sh.connect(f.operator).cancelExport(f.id, BSIG);
      await expect(f.sh.connect(f.operator).completeExport(f.id, RECE))
        .to.be.revertedWithCustomError(f.sh, "PintInvalidExportStatus")
        .withArgs(f.id, Export.Cancelled);
    });

    it("refuses a zero response hash", async function () {
      const f = await loadFixture(locked);
      await expect(f.sh.connect(f.operator).completeExport(f.id, ethers.ZeroHash)).to.be.revertedWithCustomError(
        f.sh,
        "PintInvalidReference",
      );
    });

    it("works while the gateway is paused (an envelope already sent must be answered)", async function () {
      const f = await loadFixture(locked);
      await grant(f.shanghai.manager, f.admin, { contract: "crossChain", name: "PAUSER" }, f.admin.address);
      await f.sh.connect(f.admin).pause();
      await expect(f.sh.connect(f.operator).completeExport(f.id, RECE)).to.emit(f.sh, "ExportCompleted");
    });
  });

  describe("cancel and reclaim", function () {
    it("gives the eBL back to its holder on a refusal, title unchanged", async function () {
      const f = await loadFixture(locked);
      await expect(f.sh.connect(f.operator).cancelExport(f.id, BSIG))
        .to.emit(f.sh, "ExportCancelled")
        .withArgs(f.id, f.shipper.address, BSIG, f.operator.address);
      const bill = await f.shanghai.ebl.billOf(f.id);
      expect([bill.holder, bill.titleHolder, bill.status]).to.deep.equal([
        f.shipper.address,
        f.shipper.address,
        Status.Issued,
      ]);
      const e = await f.sh.exportOf(f.id);
      expect([e.status, e.responseHash]).to.deep.equal([Export.Cancelled, BSIG]);
    });

    it("is idempotent: a retried cancel returns false and changes nothing", async function () {
      const f = await loadFixture(locked);
      await f.sh.connect(f.operator).cancelExport(f.id, BSIG);
      expect(await f.sh.connect(f.operator).cancelExport.staticCall(f.id, BSIG)).to.equal(false);
      await expect(f.sh.connect(f.operator).cancelExport(f.id, BSIG)).not.to.emit(f.sh, "ExportCancelled");
      expect(await f.shanghai.ebl.ownerOf(f.id)).to.equal(f.shipper.address);
    });

    it("refuses to cancel a completed export", async function () {
      const f = await loadFixture(exported);
      await expect(f.sh.connect(f.operator).cancelExport(f.id, BSIG))
        .to.be.revertedWithCustomError(f.sh, "PintInvalidExportStatus")
        .withArgs(f.id, Export.Completed);
    });

    it("lets the holder lock again after a cancel", async function () {
      const f = await loadFixture(locked);
      await f.sh.connect(f.operator).cancelExport(f.id, BSIG);
      await f.shanghai.ebl.connect(f.shipper).approve(await f.sh.getAddress(), f.id);
      await expect(f.sh.connect(f.shipper).lockForExport(f.id, WAVE, ENVELOPE))
        .to.emit(f.sh, "ExportLocked")
        .withArgs(f.id, f.shipper.address, WAVE, ENVELOPE, f.shipper.address);
    });

    it("lets the holder reclaim after the timeout when the operator never answered", async function () {
      const f = await loadFixture(locked);
      const lockedAt = (await f.sh.exportOf(f.id)).lockedAt;
      expect(await f.sh.EXPORT_TIMEOUT()).to.equal(BigInt(SEVEN_DAYS));
      await networkHelpers.time.setNextBlockTimestamp(lockedAt + BigInt(SEVEN_DAYS));
      await expect(f.sh.connect(f.shipper).reclaimExport(f.id))
        .to.emit(f.sh, "ExportCancelled")
        .withArgs(f.id, f.shipper.address, ethers.ZeroHash, f.shipper.address);
      expect(await f.shanghai.ebl.ownerOf(f.id)).to.equal(f.shipper.address);
      expect((await f.sh.exportOf(f.id)).status).to.equal(Export.Cancelled);
    });

    it("refuses a reclaim before the timeout", async function () {
      const f = await loadFixture(locked);
      const lockedAt = (await f.sh.exportOf(f.id)).lockedAt;
      await networkHelpers.time.setNextBlockTimestamp(lockedAt + BigInt(SEVEN_DAYS) - 1n);
      await expect(f.sh.connect(f.shipper).reclaimExport(f.id))
        .to.be.revertedWithCustomError(f.sh, "PintTimeoutNotReached")
        .withArgs(f.id, lockedAt + BigInt(SEVEN_DAYS));
    });

    it("refuses a reclaim by anyone but the holder that locked", async function () {
      const f = await loadFixture(locked);
      await networkHelpers.time.increase(SEVEN_DAYS);
      await expect(f.sh.connect(f.buyer).reclaimExport(f.id))
        .to.be.revertedWithCustomError(f.sh, "PintNotLocker")
        .withArgs(f.id, f.buyer.address);
    });

    it("refuses a reclaim of a completed export", async function () {
      const f = await loadFixture(exported);
      await networkHelpers.time.increase(SEVEN_DAYS);
      await expect(f.sh.connect(f.shipper).reclaimExport(f.id))
        .to.be.revertedWithCustomError(f.sh, "PintInvalidExportStatus")
        .withArgs(f.id, Export.Completed);
    });

    it("cancels and reclaims while the gateway is paused", async function () {
      const f = await loadFixture(locked);
      await grant(f.shanghai.manager, f.admin, { contract: "crossChain", name: "PAUSER" }, f.admin.address);
      await f.sh.connect(f.admin).pause();
      await networkHelpers.time.increase(SEVEN_DAYS);
      await expect(f.sh.connect(f.shipper).reclaimExport(f.id)).to.emit(f.sh, "ExportCancelled");
    });
  });

  describe("import", function () {
    it("re-creates an eBL from another platform for its holder and links the transfer chain", async function () {
      const f = await loadFixture(exported);
      const bill = await importedBill(f.shanghai, f.id);
      await expect(f.hk.connect(f.operator).importFromPlatform(f.id, f.consignee.address, bill, CARX, LAST_ENTRY))
        .to.emit(f.hongKong.ebl, "BillImported")
        .and.to.emit(f.hk, "ImportedFromPlatform")
        .withArgs(f.id, f.consignee.address, CARX, LAST_ENTRY);
      const b = await f.hongKong.ebl.billOf(f.id);
      expect([b.status, b.holder, b.titleHolder, b.documentHash, b.kind]).to.deep.equal([
        Status.Issued,
        f.consignee.address,
        f.shipper.address,
        f.doc.hash,
        BillKind.ToOrder,
      ]);
      expect(await f.hk.importedUnder(LAST_ENTRY)).to.equal(f.id);
    });

    it("emits ImportedFromPlatform after the registry's BillImported, in the same transaction", async function () {
      const f = await loadFixture(exported);
      const tx = await f.hk
        .connect(f.operator)
        .importFromPlatform(f.id, f.consignee.address, await importedBill(f.shanghai, f.id), CARX, LAST_ENTRY);
      const receipt = (await tx.wait())!;
      const names = receipt.logs
        .map((log) => f.hongKong.ebl.interface.parseLog(log)?.name ?? f.hk.interface.parseLog(log)?.name)
        .filter((name) => name === "BillImported" || name === "ImportedFromPlatform");
      expect(names).to.deep.equal(["BillImported", "ImportedFromPlatform"]);
    });

    it("is idempotent: the same chain entry again returns false and changes nothing", async function () {
      const f = await loadFixture(exported);
      const bill = await importedBill(f.shanghai, f.id);
      await f.hk.connect(f.operator).importFromPlatform(f.id, f.consignee.address, bill, CARX, LAST_ENTRY);
      expect(
        await f.hk.connect(f.operator).importFromPlatform.staticCall(f.id, f.buyer.address, bill, CARX, LAST_ENTRY),
      ).to.equal(false);
      await expect(
        f.hk.connect(f.operator).importFromPlatform(f.id, f.buyer.address, bill, CARX, LAST_ENTRY),
      ).not.to.emit(f.hk, "ImportedFromPlatform");
      expect(await f.hongKong.ebl.ownerOf(f.id)).to.equal(f.consignee.address);
    });

    it("refuses an id that is live here (the registry's EblAlreadyIssued), changing nothing", async function () {
      const f = await loadFixture(pint);
      const bill = await importedBill(f.shanghai, f.id);
      await expect(
        f.sh.connect(f.operator).importFromPlatform(f.id, f.buyer.address, bill, CARX, LAST_ENTRY),
      ).to.be.revertedWithCustomError(f.shanghai.ebl, "EblAlreadyIssued");
      expect(await f.shanghai.ebl.ownerOf(f.id)).to.equal(f.shipper.address);
      expect(await f.sh.importedUnder(LAST_ENTRY)).to.equal(0n);
    });

    it("refuses an id the cross-chain gateway exported (live on another chain of the rails)", async function () {
      const f = await loadFixture(pint);
      const bill = await importedBill(f.shanghai, f.id);
      await f.shanghai.gateway.connect(f.shipper).exportBill(f.id, HONG_KONG, f.shipper.address);
      await expect(f.sh.connect(f.operator).importFromPlatform(f.id, f.buyer.address, bill, CARX, LAST_ENTRY))
        .to.be.revertedWithCustomError(f.sh, "PintExportedElsewhere")
        .withArgs(f.id);
    });

    it("refuses a zero platform code or chain checksum", async function () {
      const f = await loadFixture(exported);
      const bill = await importedBill(f.shanghai, f.id);
      await expect(
        f.hk.connect(f.operator).importFromPlatform(f.id, f.buyer.address, bill, ethers.ZeroHash, LAST_ENTRY),
      ).to.be.revertedWithCustomError(f.hk, "PintInvalidReference");
      await expect(
        f.hk.connect(f.operator).importFromPlatform(f.id, f.buyer.address, bill, CARX, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(f.hk, "PintInvalidReference");
    });

    it("refuses a holder that is not verified here (the registry's RailsNotVerified)", async function () {
      const f = await loadFixture(exported);
      const bill = await importedBill(f.shanghai, f.id);
      await expect(
        f.hk.connect(f.operator).importFromPlatform(f.id, f.stranger.address, bill, CARX, LAST_ENTRY),
      ).to.be.revertedWithCustomError(f.hongKong.ebl, "RailsNotVerified");
    });
  });

  describe("round trip between two platforms", function () {
    it("goes out to the other platform and comes back, one live token at every step", async function () {
      const f = await loadFixture(exported);
      // Hong Kong's operator records the accepted envelope; the consignee holds it there.
      const bill = await importedBill(f.shanghai, f.id);
      await f.hk.connect(f.operator).importFromPlatform(f.id, f.consignee.address, bill, CARX, LAST_ENTRY);
      expect((await f.shanghai.ebl.billOf(f.id)).status).to.equal(Status.Exported);
      // Back: the consignee locks in Hong Kong, the Shanghai platform answers RECE.
      await f.hongKong.ebl.connect(f.consignee).approve(await f.hk.getAddress(), f.id);
      await f.hk.connect(f.consignee).lockForExport(f.id, WAVE, ENVELOPE);
      await f.hk.connect(f.operator).completeExport(f.id, RECE);
      expect((await f.hongKong.ebl.billOf(f.id)).status).to.equal(Status.Exported);
      const back = ethers.id("last entry, way back");
      await expect(
        f.sh
          .connect(f.operator)
          .importFromPlatform(f.id, f.consignee.address, await importedBill(f.hongKong, f.id), WAVE, back),
      )
        .to.emit(f.sh, "ImportedFromPlatform")
        .withArgs(f.id, f.consignee.address, WAVE, back);
      expect(await f.shanghai.ebl.ownerOf(f.id)).to.equal(f.consignee.address);
      expect((await f.sh.exportOf(f.id)).status).to.equal(Export.Returned);
    });
  });

  describe("stray eBLs", function () {
    it("sends away an eBL moved in by a plain transferFrom", async function () {
      const f = await loadFixture(pint);
      const gateway = await f.sh.getAddress();
      await f.shanghai.ebl.connect(f.shipper).transferFrom(f.shipper.address, gateway, f.id);
      await expect(f.sh.connect(f.operator).recoverStrayEbl(f.id, f.shipper.address))
        .to.emit(f.sh, "StrayEblRecovered")
        .withArgs(f.id, f.shipper.address);
      expect(await f.shanghai.ebl.ownerOf(f.id)).to.equal(f.shipper.address);
    });

    it("never takes a locked eBL", async function () {
      const f = await loadFixture(locked);
      await expect(f.sh.connect(f.operator).recoverStrayEbl(f.id, f.buyer.address))
        .to.be.revertedWithCustomError(f.sh, "PintEblLocked")
        .withArgs(f.id);
    });

    it("refuses the zero address as recipient", async function () {
      const f = await loadFixture(pint);
      await expect(f.sh.connect(f.operator).recoverStrayEbl(f.id, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        f.sh,
        "RailsZeroAddress",
      );
    });
  });

  describe("roles and pause", function () {
    const bill = {
      kind: 0,
      version: 1,
      titleHolder: ethers.ZeroAddress,
      shipper: ethers.ZeroAddress,
      documentHash: ethers.ZeroHash,
      custodyForTitle: false,
    };

    it("refuses completeExport without PINT OPERATOR", async function () {
      const f = await loadFixture(locked);
      await expect(f.sh.connect(f.shipper).completeExport(f.id, RECE)).to.be.revertedWithCustomError(
        f.sh,
        "AccessManagedUnauthorized",
      );
    });

    it("refuses cancelExport without PINT OPERATOR", async function () {
      const f = await loadFixture(locked);
      await expect(f.sh.connect(f.shipper).cancelExport(f.id, BSIG)).to.be.revertedWithCustomError(
        f.sh,
        "AccessManagedUnauthorized",
      );
    });

    it("refuses importFromPlatform without PINT OPERATOR", async function () {
      const f = await loadFixture(exported);
      await expect(
        f.hk.connect(f.shipper).importFromPlatform(f.id, f.shipper.address, bill, CARX, LAST_ENTRY),
      ).to.be.revertedWithCustomError(f.hk, "AccessManagedUnauthorized");
    });

    it("refuses recoverStrayEbl without PINT OPERATOR", async function () {
      const f = await loadFixture(pint);
      await expect(f.sh.connect(f.shipper).recoverStrayEbl(f.id, f.shipper.address)).to.be.revertedWithCustomError(
        f.sh,
        "AccessManagedUnauthorized",
      );
    });

    it("refuses pause and unpause without CROSS-CHAIN PAUSER (the operator included)", async function () {
      const f = await loadFixture(pint);
      await expect(f.sh.connect(f.operator).pause()).to.be.revertedWithCustomError(f.sh, "AccessManagedUnauthorized");
      await grant(f.shanghai.manager, f.admin, { contract: "crossChain", name: "PAUSER" }, f.admin.address);
      await f.sh.connect(f.admin).pause();
      await expect(f.sh.connect(f.operator).unpause()).to.be.revertedWithCustomError(f.sh, "AccessManagedUnauthorized");
    });

    it("refuses a second pause, and an unpause when not paused", async function () {
      const f = await loadFixture(pint);
      await grant(f.shanghai.manager, f.admin, { contract: "crossChain", name: "PAUSER" }, f.admin.address);
      await expect(f.sh.connect(f.admin).unpause()).to.be.revertedWithCustomError(f.sh, "ExpectedPause");
      await f.sh.connect(f.admin).pause();
      await expect(f.sh.connect(f.admin).pause()).to.be.revertedWithCustomError(f.sh, "EnforcedPause");
    });

    it("refuses imports and safeTransferFrom locks while paused", async function () {
      const f = await loadFixture(exported);
      await grant(f.hongKong.manager, f.admin, { contract: "crossChain", name: "PAUSER" }, f.admin.address);
      await f.hk.connect(f.admin).pause();
      await expect(
        f.hk.connect(f.operator).importFromPlatform(f.id, f.consignee.address, bill, CARX, LAST_ENTRY),
      ).to.be.revertedWithCustomError(f.hk, "EnforcedPause");
      const data = coder.encode(["bytes32", "bytes32"], [CARX, ENVELOPE]);
      const registry = await ethers.getImpersonatedSigner(await f.hongKong.ebl.getAddress());
      await networkHelpers.setBalance(await f.hongKong.ebl.getAddress(), 10n ** 18n);
      await expect(
        f.hk.connect(registry).onERC721Received(f.shipper.address, f.shipper.address, f.id, data),
      ).to.be.revertedWithCustomError(f.hk, "EnforcedPause");
    });

    it("the SDK's table gives PINT OPERATOR (15) the gateway's operator functions, by their real selectors", async function () {
      const f = await loadFixture(pint);
      expect(platformRoles.pint.OPERATOR.id).to.equal(15n);
      const gateway = await f.sh.getAddress();
      for (const name of platformRoles.pint.OPERATOR.functions) {
        const selector = f.sh.interface.getFunction(name)!.selector;
        expect(await f.shanghai.manager.getTargetFunctionRole(gateway, selector)).to.equal(15n);
      }
      for (const name of crossChainTargets.platformGateway.PAUSER) {
        const selector = f.sh.interface.getFunction(name)!.selector;
        expect(await f.shanghai.manager.getTargetFunctionRole(gateway, selector)).to.equal(
          platformRoles.crossChain.PAUSER.id,
        );
      }
    });
  });
});
