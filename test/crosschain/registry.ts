/**
 * The registry's half of a crossing: `exportBill` (the token burned, status Exported, the record kept) and
 * `importBill` (the same B/L re-created under the same id), both restricted to the `EBL GATEWAY` role. Here a test
 * account (`gatewayRole`) holds that role on both registries, so each rule is tested at the registry itself; the
 * gateway's own tests are in gateway.ts.
 */
import { expect } from "chai";

import { grant } from "../helpers/access.js";
import {
  BillKind,
  Kinds,
  Status,
  billState,
  ethers,
  importRecordOf,
  loadFixture,
  twoChains,
  type Side,
  type TwoChains,
} from "./fixture.js";

const HOLD = ethers.encodeBytes32String("COURT-ORDER-2026-17");

/** The two chains, a to-order eBL in Shanghai with the shipper, and `gatewayRole` holding EBL GATEWAY on both sides. */
async function registries() {
  const f = await twoChains();
  const gatewayRole = f.relayer;
  for (const s of [f.shanghai, f.hongKong]) {
    await grant(s.manager, f.admin, { contract: "ebl", name: "GATEWAY" }, gatewayRole.address);
  }
  const id = await f.issueToOrder();
  return { ...f, gatewayRole, id };
}

type Registries = Awaited<ReturnType<typeof registries>>;

/** The registry's record of `id`, its holders' balances: what a refused call must leave as it was. */
async function snapshot(f: TwoChains, s: Side, id: bigint) {
  const accounts = [f.shipper, f.consignee, f.buyer, f.bankHk, f.custodian, f.carrier];
  return {
    record: await billState(s.ebl, id),
    balances: await Promise.all(accounts.map((a) => s.ebl.balanceOf(a.address))),
  };
}

/** What the gateway sends for `id` as Shanghai records it now (the import's `bill` argument). */
const recordOf = importRecordOf;

/** The eBL exported from Shanghai for the shipper (burned there, status Exported). */
async function exported() {
  const f = await registries();
  const bill = await recordOf(f.shanghai, f.id);
  await f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id, f.shipper.address);
  return { ...f, bill };
}

describe("BillOfLadingRegistry across chains", function () {
  describe("exportBill", function () {
    it("burns the holder's eBL, keeps the record with status Exported, bumps the nonce and emits BillExported", async function () {
      const f = await loadFixture(registries);
      const before = await billState(f.shanghai.ebl, f.id);
      await expect(f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id, f.shipper.address))
        .to.emit(f.shanghai.ebl, "BillExported")
        .withArgs(f.id, f.shipper.address, f.gatewayRole.address, f.shipper.address)
        .and.to.emit(f.shanghai.ebl, "Transfer")
        .withArgs(f.shipper.address, ethers.ZeroAddress, f.id);
      const after = await billState(f.shanghai.ebl, f.id);
      expect(after.bill).to.deep.equal({
        ...before.bill,
        status: BigInt(Status.Exported),
        holder: ethers.ZeroAddress,
      });
      expect(after.nonce).to.equal(before.nonce + 1n);
      expect(await f.shanghai.ebl.balanceOf(f.shipper.address)).to.equal(0n);
    });

    it("exports for an approved custodian operator of the holder", async function () {
      const f = await loadFixture(registries);
      await f.shanghai.ebl.connect(f.shipper).approve(f.custodian.address, f.id);
      await expect(f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id, f.custodian.address))
        .to.emit(f.shanghai.ebl, "BillExported")
        .withArgs(f.id, f.shipper.address, f.gatewayRole.address, f.custodian.address);
      expect((await f.shanghai.ebl.billOf(f.id)).status).to.equal(BigInt(Status.Exported));
    });

    it("refuses a caller without the gateway role (the holder itself), changing nothing", async function () {
      const f = await loadFixture(registries);
      const before = await snapshot(f, f.shanghai, f.id);
      await expect(f.shanghai.ebl.connect(f.shipper).exportBill(f.id, f.shipper.address)).to.be.revertedWithCustomError(
        f.shanghai.ebl,
        "AccessManagedUnauthorized",
      );
      expect(await snapshot(f, f.shanghai, f.id)).to.deep.equal(before);
    });

    const refusals: {
      name: string;
      setup?: (f: Registries) => Promise<unknown>;
      act: (f: Registries) => Promise<unknown>;
      error: string;
      on?: "ebl" | "manager";
    }[] = [
      {
        name: "an actor that is neither holder nor operator",
        act: (f) => f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id, f.buyer.address),
        error: "EblNotHolder",
      },
      {
        name: "an approved operator no longer verified",
        setup: async (f) => {
          await f.shanghai.ebl.connect(f.shipper).approve(f.custodian.address, f.id);
          await f.shanghai.participants.connect(f.registrar).revoke(f.custodian.address);
        },
        act: (f) => f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id, f.custodian.address),
        error: "EblNotHolder",
      },
      {
        name: "an id never issued",
        act: (f) => f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id + 1n, f.shipper.address),
        error: "EblInvalidStatus",
      },
      {
        name: "an eBL surrendered for delivery",
        setup: (f) => f.shanghai.ebl.connect(f.shipper).surrenderForDelivery(f.id),
        act: (f) => f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id, f.carrier.address),
        error: "EblInvalidStatus",
      },
      {
        name: "an eBL surrendered for amendment",
        setup: (f) => f.shanghai.ebl.connect(f.shipper).surrenderForAmendment(f.id),
        act: (f) => f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id, f.carrier.address),
        error: "EblInvalidStatus",
      },
      {
        name: "an eBL whose switch to paper is requested",
        setup: (f) => f.shanghai.ebl.connect(f.shipper).requestSwitchToPaper(f.id),
        act: (f) => f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id, f.carrier.address),
        error: "EblInvalidStatus",
      },
      {
        name: "an accomplished eBL",
        setup: async (f) => {
          await f.shanghai.ebl.connect(f.shipper).surrenderForDelivery(f.id);
          await f.shanghai.ebl.connect(f.carrier).acceptSurrender(f.id);
        },
        act: (f) => f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id, f.shipper.address),
        error: "EblInvalidStatus",
      },
      {
        name: "an eBL exported already",
        setup: (f) => f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id, f.shipper.address),
        act: (f) => f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id, f.shipper.address),
        error: "EblInvalidStatus",
      },
      {
        name: "an eBL on legal hold",
        setup: (f) => f.shanghai.ebl.connect(f.regulator).placeLegalHold(f.id, HOLD),
        act: (f) => f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id, f.shipper.address),
        error: "EblOnLegalHold",
      },
      {
        name: "a paused registry",
        setup: (f) => f.shanghai.ebl.connect(f.admin).pause(),
        act: (f) => f.shanghai.ebl.connect(f.gatewayRole).exportBill(f.id, f.shipper.address),
        error: "EnforcedPause",
      },
    ];
    for (const r of refusals) {
      it(`refuses ${r.name}, changing nothing`, async function () {
        const f = await loadFixture(registries);
        if (r.setup) await r.setup(f);
        const before = await snapshot(f, f.shanghai, f.id);
        await expect(r.act(f)).to.be.revertedWithCustomError(f.shanghai.ebl, r.error);
        expect(await snapshot(f, f.shanghai, f.id)).to.deep.equal(before);
      });
    }
  });

  describe("an exported eBL", function () {
    it("is visible in billOf as Exported, without holder, with its record kept", async function () {
      const f = await loadFixture(exported);
      const b = await f.shanghai.ebl.billOf(f.id);
      expect(b.status).to.equal(BigInt(Status.Exported));
      expect(b.holder).to.equal(ethers.ZeroAddress);
      expect([b.issuer, b.kind, b.titleHolder, b.documentHash, b.version]).to.deep.equal([
        f.carrier.address,
        BigInt(BillKind.ToOrder),
        f.shipper.address,
        f.doc.hash,
        1n,
      ]);
      expect(await f.shanghai.ebl.holderOf(f.id)).to.equal(ethers.ZeroAddress);
    });

    it("has no owner (ownerOf reverts)", async function () {
      const f = await loadFixture(exported);
      await expect(f.shanghai.ebl.ownerOf(f.id))
        .to.be.revertedWithCustomError(f.shanghai.ebl, "ERC721NonexistentToken")
        .withArgs(f.id);
    });

    it("cannot be endorsed by its former holder (canEndorse is false)", async function () {
      const f = await loadFixture(exported);
      expect(await f.shanghai.ebl.canEndorse(f.id, f.shipper.address)).to.equal(false);
    });

    const refusals: {
      name: string;
      act: (f: Awaited<ReturnType<typeof exported>>) => Promise<unknown>;
      error: string;
    }[] = [
      {
        name: "a legal hold",
        act: (f) => f.shanghai.ebl.connect(f.regulator).placeLegalHold(f.id, HOLD),
        error: "EblInvalidStatus",
      },
      {
        name: "the carrier issuing the id again",
        act: (f) =>
          f.shanghai.ebl
            .connect(f.carrier)
            .issue(f.shipper.address, f.doc.reference, BillKind.ToOrder, f.shipper.address, f.doc.hash),
        error: "EblAlreadyIssued",
      },
      {
        name: "a transfer",
        act: (f) => f.shanghai.ebl.connect(f.shipper).transferFrom(f.shipper.address, f.buyer.address, f.id),
        error: "ERC721NonexistentToken",
      },
      {
        name: "an endorsement",
        act: (f) => f.shanghai.ebl.connect(f.shipper).endorse(f.id, f.buyer.address),
        error: "EblInvalidStatus",
      },
      {
        name: "an endorsement with delivery",
        act: (f) => f.shanghai.ebl.connect(f.shipper).endorseAndDeliver(f.id, f.buyer.address),
        error: "EblInvalidStatus",
      },
      {
        name: "a surrender for delivery",
        act: (f) => f.shanghai.ebl.connect(f.shipper).surrenderForDelivery(f.id),
        error: "EblInvalidStatus",
      },
      {
        name: "a surrender for amendment",
        act: (f) => f.shanghai.ebl.connect(f.shipper).surrenderForAmendment(f.id),
        error: "EblInvalidStatus",
      },
      {
        name: "an amendment by the carrier",
        act: (f) => f.shanghai.ebl.connect(f.carrier).issueAmendment(f.id, f.amended),
        error: "EblInvalidStatus",
      },
      {
        name: "a switch to paper",
        act: (f) => f.shanghai.ebl.connect(f.shipper).requestSwitchToPaper(f.id),
        error: "EblInvalidStatus",
      },
    ];
    for (const r of refusals) {
      it(`refuses ${r.name}, changing nothing`, async function () {
        const f = await loadFixture(exported);
        const before = await snapshot(f, f.shanghai, f.id);
        await expect(r.act(f)).to.be.revertedWithCustomError(f.shanghai.ebl, r.error);
        expect(await snapshot(f, f.shanghai, f.id)).to.deep.equal(before);
      });
    }
  });

  describe("importBill", function () {
    it("creates a B/L never issued here under the same id, for the holder named, and emits BillImported", async function () {
      const f = await loadFixture(exported);
      await expect(f.hongKong.ebl.connect(f.gatewayRole).importBill(f.id, f.buyer.address, f.bill))
        .to.emit(f.hongKong.ebl, "BillImported")
        .withArgs(f.id, f.buyer.address, f.gatewayRole.address, f.shipper.address, f.doc.hash, 1n)
        .and.to.emit(f.hongKong.ebl, "Transfer")
        .withArgs(ethers.ZeroAddress, f.buyer.address, f.id);
      const b = await f.hongKong.ebl.billOf(f.id);
      expect([b.issuer, b.kind, b.status, b.holder, b.titleHolder, b.documentHash, b.version]).to.deep.equal([
        f.carrier.address,
        BigInt(BillKind.ToOrder),
        BigInt(Status.Issued),
        f.buyer.address,
        f.shipper.address,
        f.doc.hash,
        1n,
      ]);
      expect(await f.hongKong.ebl.ownerOf(f.id)).to.equal(f.buyer.address);
      expect(await f.hongKong.ebl.nonces(f.id)).to.equal(0n);
    });

    it("brings an exported eBL back: title holder, version and document hash overwrite the kept record; the nonce is not reset", async function () {
      const f = await loadFixture(exported);
      const nonce = await f.shanghai.ebl.nonces(f.id);
      const back = { ...f.bill, titleHolder: f.buyer.address, version: 2, documentHash: f.amended };
      await expect(f.shanghai.ebl.connect(f.gatewayRole).importBill(f.id, f.buyer.address, back))
        .to.emit(f.shanghai.ebl, "BillImported")
        .withArgs(f.id, f.buyer.address, f.gatewayRole.address, f.buyer.address, f.amended, 2n);
      const b = await f.shanghai.ebl.billOf(f.id);
      expect([b.status, b.holder, b.titleHolder, b.documentHash, b.version]).to.deep.equal([
        BigInt(Status.Issued),
        f.buyer.address,
        f.buyer.address,
        f.amended,
        2n,
      ]);
      expect(await f.shanghai.ebl.nonces(f.id)).to.equal(nonce);
      expect(await f.shanghai.ebl.canEndorse(f.id, f.buyer.address)).to.equal(true);
    });

    it("keeps a straight B/L's shipper and applies the straight rule: the shipper may hold it", async function () {
      const f = await loadFixture(registries);
      const id = await f.issueStraight();
      const bill = await recordOf(f.shanghai, id);
      await f.hongKong.ebl.connect(f.gatewayRole).importBill(id, f.shipper.address, bill);
      const b = await f.hongKong.ebl.billOf(id);
      expect([b.kind, b.shipper, b.holder, b.titleHolder]).to.deep.equal([
        BigInt(BillKind.Straight),
        f.shipper.address,
        f.shipper.address,
        f.consignee.address,
      ]);
    });

    it("lets a straight B/L arrive for its consignee", async function () {
      const f = await loadFixture(registries);
      const id = await f.issueStraight();
      await f.hongKong.ebl.connect(f.gatewayRole).importBill(id, f.consignee.address, await recordOf(f.shanghai, id));
      expect(await f.hongKong.ebl.ownerOf(id)).to.equal(f.consignee.address);
    });

    it("sets the custody flag only when the sender held for title and the holder is a custodian", async function () {
      const f = await loadFixture(exported);
      const cases: [boolean, Side, string, boolean][] = [
        [true, f.hongKong, f.custodian.address, true],
        [false, f.shanghai, f.custodian.address, false],
      ];
      for (const [flag, s, holder, expected] of cases) {
        await s.ebl.connect(f.gatewayRole).importBill(f.id, holder, { ...f.bill, custodyForTitle: flag });
        expect((await s.ebl.billOf(f.id)).custodyForTitle).to.equal(expected);
      }
    });

    it("does not set the custody flag for a holder that is not a custodian", async function () {
      const f = await loadFixture(exported);
      await f.hongKong.ebl
        .connect(f.gatewayRole)
        .importBill(f.id, f.buyer.address, { ...f.bill, custodyForTitle: true });
      expect((await f.hongKong.ebl.billOf(f.id)).custodyForTitle).to.equal(false);
    });

    it("refuses a caller without the gateway role, changing nothing", async function () {
      const f = await loadFixture(exported);
      const before = await snapshot(f, f.hongKong, f.id);
      await expect(
        f.hongKong.ebl.connect(f.shipper).importBill(f.id, f.shipper.address, f.bill),
      ).to.be.revertedWithCustomError(f.hongKong.ebl, "AccessManagedUnauthorized");
      expect(await snapshot(f, f.hongKong, f.id)).to.deep.equal(before);
    });

    type Exported = Awaited<ReturnType<typeof exported>>;
    /** The carrier issues the same B/L (the same reference, so the same id) on Hong Kong too, to the buyer. */
    const issueInHongKong = (f: Exported) =>
      f.hongKong.ebl
        .connect(f.carrier)
        .issue(f.buyer.address, f.doc.reference, BillKind.ToOrder, f.buyer.address, f.doc.hash);
    /** The gateway's import of the exported record for the shipper. */
    const importForShipper = (f: Exported) =>
      f.hongKong.ebl.connect(f.gatewayRole).importBill(f.id, f.shipper.address, f.bill);
    const refusals: {
      name: string;
      setup?: (f: Exported) => Promise<unknown>;
      side?: "shanghai";
      act: (f: Exported) => Promise<unknown>;
      error: string;
    }[] = [
      {
        name: "a B/L live here",
        setup: issueInHongKong,
        act: importForShipper,
        error: "EblAlreadyIssued",
      },
      {
        name: "a B/L surrendered here (live, with its carrier)",
        setup: async (f) => {
          await issueInHongKong(f);
          await f.hongKong.ebl.connect(f.buyer).surrenderForDelivery(f.id);
        },
        act: importForShipper,
        error: "EblAlreadyIssued",
      },
      {
        name: "a B/L accomplished here",
        setup: async (f) => {
          await issueInHongKong(f);
          await f.hongKong.ebl.connect(f.buyer).surrenderForDelivery(f.id);
          await f.hongKong.ebl.connect(f.carrier).acceptSurrender(f.id);
        },
        act: importForShipper,
        error: "EblAlreadyIssued",
      },
      {
        name: "a B/L switched to paper here",
        setup: async (f) => {
          await issueInHongKong(f);
          await f.hongKong.ebl.connect(f.buyer).requestSwitchToPaper(f.id);
          await f.hongKong.ebl.connect(f.carrier).confirmSwitchToPaper(f.id);
        },
        act: importForShipper,
        error: "EblAlreadyIssued",
      },
      {
        name: "a zero document hash",
        act: (f) =>
          f.hongKong.ebl
            .connect(f.gatewayRole)
            .importBill(f.id, f.shipper.address, { ...f.bill, documentHash: ethers.ZeroHash }),
        error: "EblInvalidDocumentHash",
      },
      {
        name: "a zero holder",
        act: (f) => f.hongKong.ebl.connect(f.gatewayRole).importBill(f.id, ethers.ZeroAddress, f.bill),
        error: "ERC721InvalidReceiver",
      },
      {
        name: "a holder not verified here (registered only in Shanghai)",
        act: (f) => f.hongKong.ebl.connect(f.gatewayRole).importBill(f.id, f.shanghaiOnly.address, f.bill),
        error: "RailsNotVerified",
      },
      {
        name: "a straight B/L for a third party",
        act: (f) =>
          f.hongKong.ebl.connect(f.gatewayRole).importBill(f.id, f.buyer.address, {
            ...f.bill,
            kind: BillKind.Straight,
            titleHolder: f.consignee.address,
          }),
        error: "EblStraightRecipientNotAllowed",
      },
      {
        name: "a paused registry",
        setup: (f) => f.hongKong.ebl.connect(f.admin).pause(),
        act: importForShipper,
        error: "EnforcedPause",
      },
      {
        name: "a contract holder whose onERC721Received refuses",
        setup: async (f) => {
          const account = await ethers.deployContract("TestSmartAccount", [f.bankHk.address]);
          await account.setAcceptsTokens(false);
          await f.hongKong.register(await account.getAddress(), Kinds.BANK);
          (f as Exported & { account?: string }).account = await account.getAddress();
        },
        act: (f) =>
          f.hongKong.ebl.connect(f.gatewayRole).importBill(f.id, (f as Exported & { account: string }).account, f.bill),
        error: "ERC721InvalidReceiver",
      },
    ];
    for (const r of refusals) {
      it(`refuses ${r.name}, changing nothing`, async function () {
        const f = { ...(await loadFixture(exported)) };
        if (r.setup) await r.setup(f);
        const before = await snapshot(f, f.hongKong, f.id);
        await expect(r.act(f)).to.be.revertedWithCustomError(f.hongKong.ebl, r.error);
        expect(await snapshot(f, f.hongKong, f.id)).to.deep.equal(before);
      });
    }
  });
});
