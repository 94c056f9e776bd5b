import { expect } from "chai";

import { Kinds } from "../helpers/participants.js";
import { ethers, networkHelpers } from "../settlement/fixture.js";
import { DocStatus, DocType, deployDocuments, documentIdOf, reference, sha256Of } from "./fixture.js";

const { loadFixture, time } = networkHelpers;

type Fixture = Awaited<ReturnType<typeof deployDocuments>>;

/** The fixture with the exporter's commercial invoice registered for its eBL. */
async function withInvoice() {
  const f = await deployDocuments();
  const invoice = await f.registerDocument(f.exporter, DocType.COMMERCIAL_INVOICE, "INV-2026-0042");
  return { ...f, invoice };
}

/** ... and superseded once (a corrected invoice). */
async function withCorrectedInvoice() {
  const f = await withInvoice();
  const corrected = sha256Of("INV-2026-0042: corrected");
  await f.documents.connect(f.exporter).supersede(f.invoice.id, corrected);
  return { ...f, corrected };
}

describe("TradeDocumentRegistry", function () {
  describe("deployment", function () {
    it("defines the seven standard document types with their issuer kinds, one DocumentTypeSet each", async function () {
      const f = await loadFixture(deployDocuments);
      const expected: [number, number][] = [
        [DocType.COMMERCIAL_INVOICE, Kinds.TRADER],
        [DocType.PACKING_LIST, Kinds.TRADER],
        [DocType.CERTIFICATE_OF_ORIGIN, Kinds.AUTHORITY],
        [DocType.INSURANCE_CERTIFICATE, Kinds.INSURER],
        [DocType.INSPECTION_CERTIFICATE, Kinds.INSPECTOR],
        [DocType.CUSTOMS_DECLARATION, Kinds.TRADER | Kinds.AGENT],
        [DocType.SEA_WAYBILL, Kinds.CARRIER],
      ];
      for (const [type, kinds] of expected) expect(await f.documents.issuerKindsOf(type), String(type)).to.equal(kinds);
      expect(await f.documents.issuerKindsOf(0)).to.equal(0n);
      expect(await f.documents.issuerKindsOf(8)).to.equal(0n);
      const events = await f.documents.queryFilter(f.documents.filters.DocumentTypeSet());
      expect(events.map((e) => [Number(e.args.documentType), Number(e.args.issuerKinds)])).to.deep.equal(expected);
      expect(await f.documents.participants()).to.equal(await f.participants.getAddress());
    });

    it("refuses a zero participant register (RailsZeroAddress)", async function () {
      const f = await loadFixture(deployDocuments);
      const factory = await ethers.getContractFactory("TradeDocumentRegistry");
      await expect(factory.deploy(await f.manager.getAddress(), ethers.ZeroAddress)).to.be.revertedWithCustomError(
        f.documents,
        "RailsZeroAddress",
      );
    });
  });

  describe("register", function () {
    it("records version 1 bound to the eBL, under the id derived from issuer, type and reference", async function () {
      const f = await loadFixture(deployDocuments);
      const ref = reference("INV-2026-0042");
      const hash = sha256Of("invoice");
      const id = documentIdOf(f.exporter.address, DocType.COMMERCIAL_INVOICE, ref);
      expect(await f.documents.documentIdOf(f.exporter.address, DocType.COMMERCIAL_INVOICE, ref)).to.equal(id);
      await expect(
        f.documents
          .connect(f.exporter)
          .register(DocType.COMMERCIAL_INVOICE, ref, f.exporter.address, f.eblAddress, f.tokenId, hash),
      )
        .to.emit(f.documents, "DocumentRegistered")
        .withArgs(
          id,
          DocType.COMMERCIAL_INVOICE,
          f.exporter.address,
          f.exporter.address,
          f.eblAddress,
          f.tokenId,
          hash,
        );
      const now = BigInt(await time.latest());
      expect(await f.documents.documentOf(id)).to.deep.equal([
        BigInt(DocType.COMMERCIAL_INVOICE),
        DocStatus.Issued,
        1n,
        now,
        f.exporter.address,
        f.exporter.address,
        f.eblAddress,
        f.tokenId,
        hash,
      ]);
      expect(await f.documents.versionOf(id, 1)).to.deep.equal([hash, DocStatus.Issued]);
      expect(await f.documents.isCurrent(id, hash)).to.equal(true);
      expect(await f.documents.isIssuerQualified(id)).to.equal(true);
      expect(await f.documents.documentsOf(f.eblAddress, f.tokenId)).to.deep.equal([id]);
    });

    it("lets each kind issue its own types: authority, insurer, inspector, agent, carrier", async function () {
      const f = await loadFixture(deployDocuments);
      const issued = [
        await f.registerDocument(f.authority, DocType.CERTIFICATE_OF_ORIGIN, "CO-1"),
        await f.registerDocument(f.insurer, DocType.INSURANCE_CERTIFICATE, "POL-1"),
        await f.registerDocument(f.inspector, DocType.INSPECTION_CERTIFICATE, "INSP-1"),
        await f.registerDocument(f.agent, DocType.CUSTOMS_DECLARATION, "CD-1"),
        await f.registerDocument(f.exporter, DocType.CUSTOMS_DECLARATION, "CD-2"),
        await f.registerDocument(f.carrier, DocType.SEA_WAYBILL, "SWB-1"),
      ];
      expect(await f.documents.documentsOf(f.eblAddress, f.tokenId)).to.deep.equal(issued.map((d) => d.id));
      for (const d of issued) expect(await f.documents.isIssuerQualified(d.id)).to.equal(true);
    });

    it("binds a document to a deal (the deal contract and the deal id as a number)", async function () {
      const f = await loadFixture(deployDocuments);
      const dealId = BigInt(ethers.id("a deal"));
      const escrow = await f.escrow.getAddress();
      const d = await f.registerDocument(f.exporter, DocType.PACKING_LIST, "PL-1", {
        subjectContract: escrow,
        subjectId: dealId,
      });
      expect(await f.documents.documentsOf(escrow, dealId)).to.deep.equal([d.id]);
      expect(await f.documents.documentsOf(f.eblAddress, f.tokenId)).to.deep.equal([]);
    });

    it("gives two issuers using the same document number two documents: nobody takes another's id", async function () {
      const f = await loadFixture(deployDocuments);
      const mine = await f.registerDocument(f.exporter, DocType.COMMERCIAL_INVOICE, "INV-1");
      const theirs = await f.registerDocument(f.importer, DocType.COMMERCIAL_INVOICE, "INV-1");
      expect(mine.id).to.not.equal(theirs.id);
      expect((await f.documents.documentOf(mine.id)).issuer).to.equal(f.exporter.address);
      expect((await f.documents.documentOf(theirs.id)).issuer).to.equal(f.importer.address);
    });

    const ref = reference("X-1");
    const hash = sha256Of("x");
    const refusals: {
      name: string;
      act: (f: Fixture) => Promise<unknown>;
      error: string;
      args: (f: Fixture) => unknown[];
    }[] = [
      {
        name: "an undefined type (8)",
        act: (f) => f.documents.connect(f.exporter).register(8, ref, f.exporter, f.eblAddress, f.tokenId, hash),
        error: "DocumentUnknownType",
        args: () => [8],
      },
      {
        name: "type 0",
        act: (f) => f.documents.connect(f.exporter).register(0, ref, f.exporter, f.eblAddress, f.tokenId, hash),
        error: "DocumentUnknownType",
        args: () => [0],
      },
      {
        name: "an issuer of the wrong kind (a carrier's certificate of origin)",
        act: (f) =>
          f.documents
            .connect(f.carrier)
            .register(DocType.CERTIFICATE_OF_ORIGIN, ref, f.exporter, f.eblAddress, f.tokenId, hash),
        error: "DocumentIssuerNotQualified",
        args: (f) => [f.carrier.address, DocType.CERTIFICATE_OF_ORIGIN],
      },
      {
        name: "an issuer that is not a participant",
        act: (f) =>
          f.documents
            .connect(f.outsider)
            .register(DocType.COMMERCIAL_INVOICE, ref, f.exporter, f.eblAddress, f.tokenId, hash),
        error: "DocumentIssuerNotQualified",
        args: (f) => [f.outsider.address, DocType.COMMERCIAL_INVOICE],
      },
      {
        name: "a zero owner",
        act: (f) =>
          f.documents
            .connect(f.exporter)
            .register(DocType.COMMERCIAL_INVOICE, ref, ethers.ZeroAddress, f.eblAddress, f.tokenId, hash),
        error: "RailsZeroAddress",
        args: () => [],
      },
      {
        name: "an owner that is not a verified participant",
        act: (f) =>
          f.documents
            .connect(f.exporter)
            .register(DocType.COMMERCIAL_INVOICE, ref, f.outsider, f.eblAddress, f.tokenId, hash),
        error: "RailsNotVerified",
        args: (f) => [f.outsider.address],
      },
      {
        name: "no subject (zero contract)",
        act: (f) =>
          f.documents
            .connect(f.exporter)
            .register(DocType.COMMERCIAL_INVOICE, ref, f.exporter, ethers.ZeroAddress, f.tokenId, hash),
        error: "DocumentNoSubject",
        args: () => [],
      },
      {
        name: "a zero SHA-256",
        act: (f) =>
          f.documents
            .connect(f.exporter)
            .register(DocType.COMMERCIAL_INVOICE, ref, f.exporter, f.eblAddress, f.tokenId, ethers.ZeroHash),
        error: "DocumentInvalidHash",
        args: () => [ethers.ZeroHash],
      },
    ];
    for (const r of refusals) {
      it(`refuses ${r.name} (${r.error}); nothing is recorded`, async function () {
        const f = await loadFixture(deployDocuments);
        await expect(r.act(f))
          .to.be.revertedWithCustomError(f.documents, r.error)
          .withArgs(...r.args(f));
        expect(await f.documents.documentsOf(f.eblAddress, f.tokenId)).to.deep.equal([]);
      });
    }

    it("refuses an id registered before, even with other fields (DocumentAlreadyRegistered)", async function () {
      const f = await loadFixture(withInvoice);
      await expect(
        f.documents
          .connect(f.exporter)
          .register(DocType.COMMERCIAL_INVOICE, f.invoice.ref, f.importer, f.eblAddress, 7n, sha256Of("other")),
      )
        .to.be.revertedWithCustomError(f.documents, "DocumentAlreadyRegistered")
        .withArgs(f.invoice.id);
      expect((await f.documents.documentOf(f.invoice.id)).sha256Hash).to.equal(f.invoice.hash);
    });

    it("refuses to reuse the id of a revoked document (DocumentAlreadyRegistered)", async function () {
      const f = await loadFixture(withInvoice);
      await f.documents.connect(f.exporter).revoke(f.invoice.id, "issued in error");
      await expect(
        f.documents
          .connect(f.exporter)
          .register(DocType.COMMERCIAL_INVOICE, f.invoice.ref, f.exporter, f.eblAddress, f.tokenId, sha256Of("new")),
      )
        .to.be.revertedWithCustomError(f.documents, "DocumentAlreadyRegistered")
        .withArgs(f.invoice.id);
    });
  });

  describe("supersede", function () {
    it("records version 2; version 1 becomes Superseded and keeps its hash", async function () {
      const f = await loadFixture(withInvoice);
      const corrected = sha256Of("corrected");
      await time.increase(3600);
      await expect(f.documents.connect(f.exporter).supersede(f.invoice.id, corrected))
        .to.emit(f.documents, "DocumentSuperseded")
        .withArgs(f.invoice.id, 2n, corrected);
      const d = await f.documents.documentOf(f.invoice.id);
      expect([d.version, d.status, d.sha256Hash, d.issuedAt]).to.deep.equal([
        2n,
        DocStatus.Issued,
        corrected,
        BigInt(await time.latest()),
      ]);
      expect(await f.documents.versionOf(f.invoice.id, 1)).to.deep.equal([f.invoice.hash, DocStatus.Superseded]);
      expect(await f.documents.versionOf(f.invoice.id, 2)).to.deep.equal([corrected, DocStatus.Issued]);
      expect(await f.documents.versionOf(f.invoice.id, 3)).to.deep.equal([ethers.ZeroHash, DocStatus.None]);
      expect(await f.documents.versionOf(f.invoice.id, 0)).to.deep.equal([ethers.ZeroHash, DocStatus.None]);
      expect(await f.documents.isCurrent(f.invoice.id, f.invoice.hash)).to.equal(false);
      expect(await f.documents.isCurrent(f.invoice.id, corrected)).to.equal(true);
      // still one document of the eBL
      expect(await f.documents.documentsOf(f.eblAddress, f.tokenId)).to.deep.equal([f.invoice.id]);
    });

    it("keeps every version's hash through several supersessions, and may return to an earlier content", async function () {
      const f = await loadFixture(withInvoice);
      const hashes = [f.invoice.hash, sha256Of("v2"), sha256Of("v3"), f.invoice.hash];
      for (const h of hashes.slice(1)) await f.documents.connect(f.exporter).supersede(f.invoice.id, h);
      for (const [i, h] of hashes.entries()) {
        expect(await f.documents.versionOf(f.invoice.id, i + 1)).to.deep.equal([
          h,
          i === hashes.length - 1 ? DocStatus.Issued : DocStatus.Superseded,
        ]);
      }
    });

    const refusals: {
      name: string;
      setup?: (f: Fixture & { invoice: { id: string; hash: string } }) => Promise<unknown>;
      act: (f: Fixture & { invoice: { id: string; hash: string } }) => Promise<unknown>;
      error: string;
      args: (f: Fixture & { invoice: { id: string; hash: string } }) => unknown[];
    }[] = [
      {
        name: "an unknown document",
        act: (f) => f.documents.connect(f.exporter).supersede(ethers.id("nothing"), sha256Of("v2")),
        error: "DocumentNotFound",
        args: () => [ethers.id("nothing")],
      },
      {
        name: "a caller that is not the issuer (the owner of another's document)",
        act: (f) => f.documents.connect(f.importer).supersede(f.invoice.id, sha256Of("v2")),
        error: "DocumentNotIssuer",
        args: (f) => [f.invoice.id, f.importer.address],
      },
      {
        name: "a revoked document",
        setup: (f) => f.documents.connect(f.exporter).revoke(f.invoice.id, "withdrawn"),
        act: (f) => f.documents.connect(f.exporter).supersede(f.invoice.id, sha256Of("v2")),
        error: "DocumentIsRevoked",
        args: (f) => [f.invoice.id],
      },
      {
        name: "an issuer no longer verified",
        setup: (f) => f.participants.connect(f.registrar).revoke(f.exporter.address),
        act: (f) => f.documents.connect(f.exporter).supersede(f.invoice.id, sha256Of("v2")),
        error: "DocumentIssuerNotQualified",
        args: (f) => [f.exporter.address, DocType.COMMERCIAL_INVOICE],
      },
      {
        name: "a type disabled since registration",
        setup: (f) => f.documents.connect(f.admin).setDocumentType(DocType.COMMERCIAL_INVOICE, 0),
        act: (f) => f.documents.connect(f.exporter).supersede(f.invoice.id, sha256Of("v2")),
        error: "DocumentUnknownType",
        args: () => [DocType.COMMERCIAL_INVOICE],
      },
      {
        name: "a zero hash",
        act: (f) => f.documents.connect(f.exporter).supersede(f.invoice.id, ethers.ZeroHash),
        error: "DocumentInvalidHash",
        args: () => [ethers.ZeroHash],
      },
      {
        name: "the current version's hash",
        act: (f) => f.documents.connect(f.exporter).supersede(f.invoice.id, f.invoice.hash),
        error: "DocumentInvalidHash",
        args: (f) => [f.invoice.hash],
      },
    ];
    for (const r of refusals) {
      it(`refuses ${r.name} (${r.error}); the document is unchanged`, async function () {
        const f = await loadFixture(withInvoice);
        await r.setup?.(f);
        const before = await f.documents.documentOf(f.invoice.id);
        await expect(r.act(f))
          .to.be.revertedWithCustomError(f.documents, r.error)
          .withArgs(...r.args(f));
        expect(await f.documents.documentOf(f.invoice.id)).to.deep.equal(before);
      });
    }
  });

  describe("revoke", function () {
    it("ends the document with the reason in the event; the hash is no longer current", async function () {
      const f = await loadFixture(withInvoice);
      await expect(f.documents.connect(f.exporter).revoke(f.invoice.id, "goods not shipped"))
        .to.emit(f.documents, "DocumentRevoked")
        .withArgs(f.invoice.id, 1n, "goods not shipped");
      const d = await f.documents.documentOf(f.invoice.id);
      expect([d.status, d.version, d.sha256Hash]).to.deep.equal([DocStatus.Revoked, 1n, f.invoice.hash]);
      expect(await f.documents.versionOf(f.invoice.id, 1)).to.deep.equal([f.invoice.hash, DocStatus.Revoked]);
      expect(await f.documents.isCurrent(f.invoice.id, f.invoice.hash)).to.equal(false);
      // listed still: the subject's history keeps it
      expect(await f.documents.documentsOf(f.eblAddress, f.tokenId)).to.deep.equal([f.invoice.id]);
    });

    it("after a supersession: the current version is Revoked, earlier ones stay Superseded", async function () {
      const f = await loadFixture(withCorrectedInvoice);
      await expect(f.documents.connect(f.exporter).revoke(f.invoice.id, "cancelled"))
        .to.emit(f.documents, "DocumentRevoked")
        .withArgs(f.invoice.id, 2n, "cancelled");
      expect(await f.documents.versionOf(f.invoice.id, 1)).to.deep.equal([f.invoice.hash, DocStatus.Superseded]);
      expect(await f.documents.versionOf(f.invoice.id, 2)).to.deep.equal([f.corrected, DocStatus.Revoked]);
    });

    it("lets an issuer whose verification lapsed still revoke what it issued", async function () {
      const f = await loadFixture(withInvoice);
      await f.participants.connect(f.registrar).revoke(f.exporter.address);
      await expect(f.documents.connect(f.exporter).revoke(f.invoice.id, "company closed")).to.emit(
        f.documents,
        "DocumentRevoked",
      );
    });

    it("accepts a reason of 256 bytes", async function () {
      const f = await loadFixture(withInvoice);
      await expect(f.documents.connect(f.exporter).revoke(f.invoice.id, "x".repeat(256))).to.emit(
        f.documents,
        "DocumentRevoked",
      );
    });

    const refusals: {
      name: string;
      setup?: (f: Fixture & { invoice: { id: string } }) => Promise<unknown>;
      act: (f: Fixture & { invoice: { id: string } }) => Promise<unknown>;
      error: string;
      args: (f: Fixture & { invoice: { id: string } }) => unknown[];
    }[] = [
      {
        name: "an unknown document",
        act: (f) => f.documents.connect(f.exporter).revoke(ethers.id("nothing"), "reason"),
        error: "DocumentNotFound",
        args: () => [ethers.id("nothing")],
      },
      {
        name: "a caller that is not the issuer",
        act: (f) => f.documents.connect(f.admin).revoke(f.invoice.id, "reason"),
        error: "DocumentNotIssuer",
        args: (f) => [f.invoice.id, f.admin.address],
      },
      {
        name: "a document revoked already",
        setup: (f) => f.documents.connect(f.exporter).revoke(f.invoice.id, "first"),
        act: (f) => f.documents.connect(f.exporter).revoke(f.invoice.id, "second"),
        error: "DocumentIsRevoked",
        args: (f) => [f.invoice.id],
      },
      {
        name: "an empty reason",
        act: (f) => f.documents.connect(f.exporter).revoke(f.invoice.id, ""),
        error: "DocumentInvalidReason",
        args: () => [],
      },
      {
        name: "a reason of 257 bytes",
        act: (f) => f.documents.connect(f.exporter).revoke(f.invoice.id, "x".repeat(257)),
        error: "DocumentInvalidReason",
        args: () => [],
      },
    ];
    for (const r of refusals) {
      it(`refuses ${r.name} (${r.error}); the document is unchanged`, async function () {
        const f = await loadFixture(withInvoice);
        await r.setup?.(f);
        const before = await f.documents.documentOf(f.invoice.id);
        await expect(r.act(f))
          .to.be.revertedWithCustomError(f.documents, r.error)
          .withArgs(...r.args(f));
        expect(await f.documents.documentOf(f.invoice.id)).to.deep.equal(before);
      });
    }
  });

  describe("document types (DOCUMENT ADMIN)", function () {
    it("defines a new type (8: a phytosanitary certificate, from an authority or an inspector)", async function () {
      const f = await loadFixture(deployDocuments);
      await expect(f.documents.connect(f.admin).setDocumentType(8, Kinds.AUTHORITY | Kinds.INSPECTOR))
        .to.emit(f.documents, "DocumentTypeSet")
        .withArgs(8, Kinds.AUTHORITY | Kinds.INSPECTOR);
      expect(await f.documents.issuerKindsOf(8)).to.equal(Kinds.AUTHORITY | Kinds.INSPECTOR);
      await f.registerDocument(f.inspector, 8, "PHYTO-1");
    });

    it("changing a type's issuers leaves its documents registered, but their issuers' qualification follows", async function () {
      const f = await loadFixture(withInvoice);
      await f.documents.connect(f.admin).setDocumentType(DocType.COMMERCIAL_INVOICE, Kinds.AGENT);
      expect(await f.documents.isIssuerQualified(f.invoice.id)).to.equal(false);
      expect((await f.documents.documentOf(f.invoice.id)).status).to.equal(DocStatus.Issued);
      await f.documents.connect(f.admin).setDocumentType(DocType.COMMERCIAL_INVOICE, Kinds.TRADER);
      expect(await f.documents.isIssuerQualified(f.invoice.id)).to.equal(true);
    });

    it("refuses a caller without DOCUMENT ADMIN (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deployDocuments);
      await expect(f.documents.connect(f.exporter).setDocumentType(8, Kinds.TRADER))
        .to.be.revertedWithCustomError(f.documents, "AccessManagedUnauthorized")
        .withArgs(f.exporter.address);
      expect(await f.documents.issuerKindsOf(8)).to.equal(0n);
    });

    it("refuses type 0 (DocumentUnknownType)", async function () {
      const f = await loadFixture(deployDocuments);
      await expect(f.documents.connect(f.admin).setDocumentType(0, Kinds.TRADER))
        .to.be.revertedWithCustomError(f.documents, "DocumentUnknownType")
        .withArgs(0);
    });
  });

  describe("views", function () {
    it("an unknown document: all zero, no version, not current, issuer not qualified", async function () {
      const f = await loadFixture(deployDocuments);
      const id = ethers.id("unknown");
      const d = await f.documents.documentOf(id);
      expect([d.status, d.version, d.issuer, d.sha256Hash]).to.deep.equal([
        DocStatus.None,
        0n,
        ethers.ZeroAddress,
        ethers.ZeroHash,
      ]);
      expect(await f.documents.versionOf(id, 1)).to.deep.equal([ethers.ZeroHash, DocStatus.None]);
      expect(await f.documents.isCurrent(id, ethers.ZeroHash)).to.equal(false);
      expect(await f.documents.isIssuerQualified(id)).to.equal(false);
    });

    it("isIssuerQualified follows the issuer's verification: false once it lapses, true once renewed", async function () {
      const f = await loadFixture(withInvoice);
      const record = await f.participants.participant(f.exporter.address);
      await time.increaseTo(record.validUntil);
      expect(await f.documents.isIssuerQualified(f.invoice.id)).to.equal(false);
      expect(await f.documents.isCurrent(f.invoice.id, f.invoice.hash)).to.equal(true); // the document itself stands
      await f.participants.connect(f.registrar).update(f.exporter.address, {
        kinds: Kinds.TRADER,
        jurisdiction: record.jurisdiction,
        validUntil: record.validUntil + 3600n * 24n * 365n,
        kycReference: record.kycReference,
      });
      expect(await f.documents.isIssuerQualified(f.invoice.id)).to.equal(true);
    });

    it("isCurrent is false for a zero hash and for another document's hash", async function () {
      const f = await loadFixture(withInvoice);
      expect(await f.documents.isCurrent(f.invoice.id, ethers.ZeroHash)).to.equal(false);
      expect(await f.documents.isCurrent(f.invoice.id, sha256Of("something else"))).to.equal(false);
    });
  });
});
