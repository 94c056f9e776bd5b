/** Issuing an eBL: who may issue, what a reference and a document hash must be, who may receive and hold title. */
import { expect } from "chai";

import { shouldRefuseUnverifiedReceivers } from "../helpers/behaviours.js";
import { BillKind, Status, ethers, fixture, loadFixture, networkHelpers } from "./fixture.js";

describe("BillOfLadingRegistry — issue", function () {
  it("issues a to-order B/L to the shipper with title to the named party, version 1", async function () {
    const { ebl, lens, carrier, shipper, bankA, doc } = await loadFixture(fixture);
    const id = await ebl.tokenIdOf(carrier.address, doc.reference);
    await expect(ebl.connect(carrier).issue(shipper.address, doc.reference, BillKind.ToOrder, bankA.address, doc.hash))
      .to.emit(ebl, "BillIssued")
      .withArgs(id, carrier.address, shipper.address, bankA.address, BillKind.ToOrder, doc.hash, doc.reference)
      .and.to.emit(ebl, "Transfer")
      .withArgs(ethers.ZeroAddress, shipper.address, id);
    expect(await ebl.ownerOf(id)).to.equal(shipper.address);
    expect(await ebl.holderOf(id)).to.equal(shipper.address);
    expect(await ebl.titleHolderOf(id)).to.equal(bankA.address);
    expect(await lens.statusOf(ebl, id)).to.equal(Status.Issued);
    expect(await ebl.kindOf(id)).to.equal(BillKind.ToOrder);
    expect(await lens.issuerOf(ebl, id)).to.equal(carrier.address);
    expect(await ebl.documentOf(id)).to.deep.equal([doc.hash, 1n]);
    expect(await ebl.isBlankEndorsed(id)).to.equal(false);
    expect(await lens.isOnLegalHold(ebl, id)).to.equal(false);
    expect(await ebl.nonces(id)).to.equal(0n);
    const bill = await ebl.billOf(id);
    expect(bill.shipper).to.equal(ethers.ZeroAddress, "shipper is stored for straight B/Ls only");
    expect(bill.holder).to.equal(shipper.address);
    expect(bill.version).to.equal(1n);
  });

  it("issues a straight B/L with the consignee as title holder and remembers the shipper", async function () {
    const { ebl, carrier, shipper, consignee, doc } = await loadFixture(fixture);
    const id = await ebl.tokenIdOf(carrier.address, doc.reference);
    await expect(
      ebl.connect(carrier).issue(shipper.address, doc.reference, BillKind.Straight, consignee.address, doc.hash),
    )
      .to.emit(ebl, "BillIssued")
      .withArgs(id, carrier.address, shipper.address, consignee.address, BillKind.Straight, doc.hash, doc.reference);
    const bill = await ebl.billOf(id);
    expect(bill.kind).to.equal(BillKind.Straight);
    expect(bill.titleHolder).to.equal(consignee.address);
    expect(bill.shipper).to.equal(shipper.address);
    expect(bill.issuer).to.equal(carrier.address);
    expect(bill.documentHash).to.equal(doc.hash);
  });

  it("accepts a 20-byte reference and a contract shipper that accepts ERC-721 tokens", async function () {
    const { ebl, carrier, bankAccount, doc } = await loadFixture(fixture);
    const ref = "ABCDEFGHIJ0123456789";
    const account = await bankAccount.getAddress();
    await ebl.connect(carrier).issue(account, ref, BillKind.ToOrder, account, doc.hash);
    expect(await ebl.ownerOf(await ebl.tokenIdOf(carrier.address, ref))).to.equal(account);
  });

  it("derives the issuer from the id: issuerOf and billOf read the top 160 bits, zero while never issued", async function () {
    const { ebl, lens, carrier, shipper, doc } = await loadFixture(fixture);
    const id = await ebl.tokenIdOf(carrier.address, doc.reference);
    expect(await lens.issuerOf(ebl, id)).to.equal(ethers.ZeroAddress, "not issued yet: no issuer");
    expect((await ebl.billOf(id)).issuer).to.equal(ethers.ZeroAddress);
    await ebl.connect(carrier).issue(shipper.address, doc.reference, BillKind.ToOrder, shipper.address, doc.hash);
    expect(await lens.issuerOf(ebl, id)).to.equal(ethers.getAddress(ethers.toBeHex(id >> 96n, 20)));
    expect(await lens.issuerOf(ebl, id)).to.equal(carrier.address);
    expect((await ebl.billOf(id)).issuer).to.equal(carrier.address);
    // A carrier's prefix with a reference it never issued has no issuer either: the carrier cannot act on it
    // (test/ebl/surrender.ts: "refuses an acceptance of a token id the carrier never issued").
    expect(await lens.issuerOf(ebl, await ebl.tokenIdOf(carrier.address, "NEVER-ISSUED"))).to.equal(ethers.ZeroAddress);
  });

  it("refuses to issue the same B/L twice, while the same reference from another carrier is another B/L", async function () {
    const { ebl, lens, carrier, carrier2, shipper, doc } = await loadFixture(fixture);
    await ebl.connect(carrier).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, doc.hash);
    const id = await ebl.tokenIdOf(carrier.address, "R1");
    await expect(ebl.connect(carrier).issue(shipper.address, "R1", BillKind.Straight, shipper.address, doc.hash))
      .to.be.revertedWithCustomError(ebl, "EblAlreadyIssued")
      .withArgs(id);
    await ebl.connect(carrier2).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, doc.hash);
    expect(await lens.issuerOf(ebl, await ebl.tokenIdOf(carrier2.address, "R1"))).to.equal(carrier2.address);
  });

  describe("refusals", function () {
    /** Asserts that the B/L "R1" of `issuer` was not issued. */
    async function expectNotIssued(ebl: Awaited<ReturnType<typeof fixture>>["ebl"], issuer: string) {
      expect((await ebl.billOf(await ebl.tokenIdOf(issuer, "R1"))).status).to.equal(Status.None);
    }

    it("refuses a caller without the issuer role", async function () {
      const { ebl, unroledCarrier, shipper, doc } = await loadFixture(fixture);
      await expect(
        ebl.connect(unroledCarrier).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, doc.hash),
      )
        .to.be.revertedWithCustomError(ebl, "AccessManagedUnauthorized")
        .withArgs(unroledCarrier.address);
      await expectNotIssued(ebl, unroledCarrier.address);
    });

    it("refuses an issuer-role holder that is not a verified carrier", async function () {
      const { ebl, outsider, shipper, doc } = await loadFixture(fixture);
      await expect(ebl.connect(outsider).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, doc.hash))
        .to.be.revertedWithCustomError(ebl, "EblIssuerNotVerifiedCarrier")
        .withArgs(outsider.address);
      await expectNotIssued(ebl, outsider.address);
    });

    it("refuses a carrier whose verification was revoked", async function () {
      const { ebl, participants, registrar, carrier, shipper, doc } = await loadFixture(fixture);
      await participants.connect(registrar).revoke(carrier.address);
      await expect(ebl.connect(carrier).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, doc.hash))
        .to.be.revertedWithCustomError(ebl, "EblIssuerNotVerifiedCarrier")
        .withArgs(carrier.address);
      await expectNotIssued(ebl, carrier.address);
    });

    for (const bad of ["", "ABCDEFGHIJ01234567890", " HHL1", "HHL1 ", "HHL1\t", "\nHHL1"]) {
      it(`refuses the reference ${JSON.stringify(bad)} (DCSA: 1-20 characters, no edge whitespace)`, async function () {
        const { ebl, carrier, shipper, doc } = await loadFixture(fixture);
        await expect(ebl.connect(carrier).issue(shipper.address, bad, BillKind.ToOrder, shipper.address, doc.hash))
          .to.be.revertedWithCustomError(ebl, "EblInvalidReference")
          .withArgs(bad);
        expect(await ebl.balanceOf(shipper.address)).to.equal(0n);
      });
    }

    it("refuses a zero document hash", async function () {
      const { ebl, carrier, shipper } = await loadFixture(fixture);
      await expect(
        ebl.connect(carrier).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(ebl, "EblInvalidDocumentHash");
      await expectNotIssued(ebl, carrier.address);
    });

    it("refuses an unverified title holder", async function () {
      const { ebl, carrier, shipper, outsider, doc } = await loadFixture(fixture);
      await expect(ebl.connect(carrier).issue(shipper.address, "R1", BillKind.Straight, outsider.address, doc.hash))
        .to.be.revertedWithCustomError(ebl, "EblInvalidTitleHolder")
        .withArgs(outsider.address);
      await expectNotIssued(ebl, carrier.address);
    });

    it("refuses the zero address as title holder", async function () {
      const { ebl, carrier, shipper, doc } = await loadFixture(fixture);
      await expect(ebl.connect(carrier).issue(shipper.address, "R1", BillKind.Straight, ethers.ZeroAddress, doc.hash))
        .to.be.revertedWithCustomError(ebl, "EblInvalidTitleHolder")
        .withArgs(ethers.ZeroAddress);
      await expectNotIssued(ebl, carrier.address);
    });

    it("refuses a custody-only participant as title holder", async function () {
      const { ebl, carrier, shipper, custodian, doc } = await loadFixture(fixture);
      await expect(ebl.connect(carrier).issue(shipper.address, "R1", BillKind.Straight, custodian.address, doc.hash))
        .to.be.revertedWithCustomError(ebl, "EblInvalidTitleHolder")
        .withArgs(custodian.address);
      await expectNotIssued(ebl, carrier.address);
    });

    it("refuses a contract shipper that does not accept ERC-721 tokens", async function () {
      const { ebl, carrier, bankAccount, doc } = await loadFixture(fixture);
      await bankAccount.setAcceptsTokens(false);
      const account = await bankAccount.getAddress();
      await expect(ebl.connect(carrier).issue(account, "R1", BillKind.ToOrder, account, doc.hash))
        .to.be.revertedWithCustomError(ebl, "ERC721InvalidReceiver")
        .withArgs(account);
      await expectNotIssued(ebl, carrier.address);
    });

    it("refuses while paused", async function () {
      const { ebl, admin, carrier, shipper, doc } = await loadFixture(fixture);
      await ebl.connect(admin).pause();
      await expect(
        ebl.connect(carrier).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, doc.hash),
      ).to.be.revertedWithCustomError(ebl, "EnforcedPause");
      await expectNotIssued(ebl, carrier.address);
    });
  });

  describe("to the shipper: only verified participants may receive", function () {
    shouldRefuseUnverifiedReceivers(
      async () => {
        const { ebl, participants, registrar, carrier, consignee, buyer, outsider, doc } = await loadFixture(fixture);
        let n = 0;
        return {
          contract: ebl,
          participants,
          registrar,
          receiver: buyer.address,
          stranger: outsider.address,
          move: (to) => ebl.connect(carrier).issue(to, `R${++n}`, BillKind.ToOrder, consignee.address, doc.hash),
          balanceOf: (account) => ebl.balanceOf(account),
          error: "RailsNotVerified",
          time: networkHelpers.time,
        };
      },
      { zeroAddressError: "ERC721InvalidReceiver" },
    );
  });
});
