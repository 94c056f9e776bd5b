import { expect } from "chai";

import { ALLOWANCE, HKD, NO_EBL_AUTH, TermsStatus, ethers, networkHelpers } from "../settlement/fixture.js";
import { DocType, deployDocuments, requirementIdOf, sha256Of, type RequiredDocument } from "./fixture.js";

const { loadFixture } = networkHelpers;

/**
 * The exporter's invoice, the authority's certificate of origin and the insurer's certificate, all bound to the
 * exporter's eBL; a requirement listing the three; approvals for both settlement contracts; terms naming the
 * condition with that requirement.
 */
async function withRequirement() {
  const f = await deployDocuments();
  const invoice = await f.registerDocument(f.exporter, DocType.COMMERCIAL_INVOICE, "INV-2026-0042");
  const origin = await f.registerDocument(f.authority, DocType.CERTIFICATE_OF_ORIGIN, "CO-SH-77");
  const insurance = await f.registerDocument(f.insurer, DocType.INSURANCE_CERTIFICATE, "POL-9");
  const required: RequiredDocument[] = [
    { documentType: DocType.COMMERCIAL_INVOICE, documentId: invoice.id },
    { documentType: DocType.CERTIFICATE_OF_ORIGIN, documentId: origin.id },
    { documentType: DocType.INSURANCE_CERTIFICATE, documentId: insurance.id },
  ];
  await f.condition.defineRequirement(required);
  const requirementId = requirementIdOf(required);
  await f.ebl.connect(f.exporter).setApprovalForAll(await f.settlement.getAddress(), true);
  await f.ebl.connect(f.exporter).setApprovalForAll(await f.escrow.getAddress(), true);
  await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), HKD(100_000));
  const t = await f.terms({ condition: await f.condition.getAddress(), conditionData: requirementId });
  return { ...f, invoice, origin, insurance, required, requirementId, t };
}

type System = Awaited<ReturnType<typeof withRequirement>>;

/** Defines a requirement and returns its id. */
async function define(f: System, required: RequiredDocument[]) {
  await f.condition.defineRequirement(required);
  return requirementIdOf(required);
}

/** What must not move when the condition refuses. */
async function holdings(f: System) {
  const accounts = [f.importer.address, f.exporter.address, await f.escrow.getAddress(), await f.rail.getAddress()];
  return {
    holder: await f.ebl.ownerOf(f.tokenId),
    title: await f.ebl.titleHolderOf(f.tokenId),
    hkd: await Promise.all(accounts.map((a) => f.hkd.balanceOf(a))),
  };
}

/**
 * Each way a required document fails, set up on the fixture; `error` names the document.
 * Each returns the terms to settle (the fixture's unless the requirement changed).
 */
const failures: {
  name: string;
  error: string;
  break: (f: System) => Promise<{ conditionData: string; args: unknown[] }>;
}[] = [
  {
    name: "a required document revoked by its issuer",
    error: "DocumentsRevoked",
    break: async (f) => {
      await f.documents.connect(f.authority).revoke(f.origin.id, "origin not confirmed");
      return { conditionData: f.requirementId, args: [f.origin.id] };
    },
  },
  {
    name: "a required document never registered",
    error: "DocumentsMissing",
    break: async (f) => {
      const ghost = ethers.id("packing list never registered");
      const id = await define(f, [...f.required, { documentType: DocType.PACKING_LIST, documentId: ghost }]);
      return { conditionData: id, args: [ghost] };
    },
  },
  {
    name: "a required document of another type than required",
    error: "DocumentsWrongType",
    break: async (f) => {
      const id = await define(f, [{ documentType: DocType.PACKING_LIST, documentId: f.invoice.id }]);
      return { conditionData: id, args: [f.invoice.id, DocType.PACKING_LIST, DocType.COMMERCIAL_INVOICE] };
    },
  },
  {
    name: "a required document bound to another eBL",
    error: "DocumentsNotBound",
    break: async (f) => {
      const other = await f.issueBill("SHA2HKG000999");
      const stray = await f.registerDocument(f.inspector, DocType.INSPECTION_CERTIFICATE, "INSP-OTHER", {
        subjectId: other.id,
      });
      const id = await define(f, [
        ...f.required,
        { documentType: DocType.INSPECTION_CERTIFICATE, documentId: stray.id },
      ]);
      return { conditionData: id, args: [stray.id, f.eblAddress, f.tokenId] };
    },
  },
  {
    name: "a required document whose issuer is no longer verified",
    error: "DocumentsIssuerNotQualified",
    break: async (f) => {
      await f.participants.connect(f.registrar).revoke(f.insurer.address);
      return { conditionData: f.requirementId, args: [f.insurance.id, f.insurer.address] };
    },
  },
  {
    name: "terms naming a requirement never defined",
    error: "DocumentsUnknownRequirement",
    break: async () => ({ conditionData: ethers.id("no such requirement"), args: [ethers.id("no such requirement")] }),
  },
];

describe("DocumentsCondition", function () {
  describe("requirements", function () {
    it("defines a requirement under keccak256(abi.encode(entries)), with RequirementDefined, readable back", async function () {
      const f = await loadFixture(withRequirement);
      const required = [{ documentType: DocType.PACKING_LIST, documentId: ethers.id("pl") }];
      const id = requirementIdOf(required);
      expect(await f.condition.defineRequirement.staticCall(required)).to.equal(id);
      await expect(f.condition.connect(f.outsider).defineRequirement(required))
        .to.emit(f.condition, "RequirementDefined")
        .withArgs(id, [[BigInt(DocType.PACKING_LIST), ethers.id("pl")]]);
      expect(await f.condition.requirementOf(id)).to.deep.equal([[BigInt(DocType.PACKING_LIST), ethers.id("pl")]]);
      expect(await f.condition.requirementOf(f.requirementId)).to.deep.equal(
        f.required.map((r) => [BigInt(r.documentType), r.documentId]),
      );
    });

    it("defining the same requirement again returns its id and emits nothing", async function () {
      const f = await loadFixture(withRequirement);
      expect(await f.condition.defineRequirement.staticCall(f.required)).to.equal(f.requirementId);
      await expect(f.condition.defineRequirement(f.required)).to.not.emit(f.condition, "RequirementDefined");
    });

    it("accepts MAX_DOCUMENTS (16) documents", async function () {
      const f = await loadFixture(withRequirement);
      expect(await f.condition.MAX_DOCUMENTS()).to.equal(16n);
      const sixteen = Array.from({ length: 16 }, (_, i) => ({ documentType: 1, documentId: ethers.id(`d${i}`) }));
      await expect(f.condition.defineRequirement(sixteen)).to.emit(f.condition, "RequirementDefined");
    });

    const invalid: { name: string; entries: () => RequiredDocument[] }[] = [
      { name: "no document", entries: () => [] },
      {
        name: "17 documents",
        entries: () => Array.from({ length: 17 }, (_, i) => ({ documentType: 1, documentId: ethers.id(`d${i}`) })),
      },
      {
        name: "the same document twice",
        entries: () => [
          { documentType: 1, documentId: ethers.id("a") },
          { documentType: 2, documentId: ethers.id("b") },
          { documentType: 1, documentId: ethers.id("a") },
        ],
      },
      { name: "type 0", entries: () => [{ documentType: 0, documentId: ethers.id("a") }] },
      { name: "a zero document id", entries: () => [{ documentType: 1, documentId: ethers.ZeroHash }] },
    ];
    for (const r of invalid) {
      it(`refuses ${r.name} (DocumentsInvalidRequirement); nothing is defined`, async function () {
        const f = await loadFixture(withRequirement);
        await expect(f.condition.defineRequirement(r.entries())).to.be.revertedWithCustomError(
          f.condition,
          "DocumentsInvalidRequirement",
        );
        expect(await f.condition.requirementOf(requirementIdOf(r.entries()))).to.deep.equal([]);
      });
    }

    it("refuses a zero document registry at deployment (RailsZeroAddress)", async function () {
      const f = await loadFixture(withRequirement);
      const factory = await ethers.getContractFactory("DocumentsCondition");
      await expect(factory.deploy(ethers.ZeroAddress)).to.be.revertedWithCustomError(f.condition, "RailsZeroAddress");
      expect(await f.condition.documents()).to.equal(await f.documents.getAddress());
    });
  });

  describe("check", function () {
    it("passes when every document is live, of its type, from a qualified issuer and bound to the eBL", async function () {
      const f = await loadFixture(withRequirement);
      await f.condition.check(f.requirementId, f.eblAddress, f.tokenId); // no revert
    });

    it("a superseded document counts with its newest version", async function () {
      const f = await loadFixture(withRequirement);
      await f.documents.connect(f.exporter).supersede(f.invoice.id, sha256Of("corrected invoice"));
      await f.condition.check(f.requirementId, f.eblAddress, f.tokenId);
    });

    it("names the first document that fails, in the requirement's order", async function () {
      const f = await loadFixture(withRequirement);
      await f.documents.connect(f.insurer).revoke(f.insurance.id, "policy cancelled");
      await f.documents.connect(f.authority).revoke(f.origin.id, "origin not confirmed");
      await expect(f.condition.check(f.requirementId, f.eblAddress, f.tokenId))
        .to.be.revertedWithCustomError(f.condition, "DocumentsRevoked")
        .withArgs(f.origin.id);
    });

    it("refuses the same documents checked against another eBL (DocumentsNotBound, naming the first)", async function () {
      const f = await loadFixture(withRequirement);
      await expect(f.condition.check(f.requirementId, f.eblAddress, f.tokenId + 1n))
        .to.be.revertedWithCustomError(f.condition, "DocumentsNotBound")
        .withArgs(f.invoice.id, f.eblAddress, f.tokenId + 1n);
    });
  });

  describe("signed settlement", function () {
    it("settles when all required documents are live: the buyer gets the eBL with title, the seller the price", async function () {
      const f = await loadFixture(withRequirement);
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(f.t))).to.emit(f.settlement, "Settled");
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.hkd.balanceOf(f.exporter.address)).to.equal(f.t.amount);
    });

    for (const failure of failures) {
      it(`refuses ${failure.name} (${failure.error}); nothing moves, the terms stay unused`, async function () {
        const f = await loadFixture(withRequirement);
        const { conditionData, args } = await failure.break(f);
        const t = { ...f.t, conditionData };
        const before = await holdings(f);
        await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
          .to.be.revertedWithCustomError(f.condition, failure.error)
          .withArgs(...args);
        expect(await holdings(f)).to.deep.equal(before);
        expect(await f.settlement.statusOf(await f.settlement.hashTerms(t))).to.equal(BigInt(TermsStatus.None));
      });
    }

    it("a revoked certificate replaced by a new one under a new requirement: the new terms settle", async function () {
      const f = await loadFixture(withRequirement);
      await f.documents.connect(f.authority).revoke(f.origin.id, "wrong consignee");
      const reissued = await f.registerDocument(f.authority, DocType.CERTIFICATE_OF_ORIGIN, "CO-SH-77-R1");
      const id = await define(f, [
        f.required[0]!,
        { documentType: DocType.CERTIFICATE_OF_ORIGIN, documentId: reissued.id },
        f.required[2]!,
      ]);
      const t = { ...f.t, conditionData: id };
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t))).to.emit(f.settlement, "Settled");
    });
  });

  describe("escrowed deal", function () {
    /** An open deal on the terms, holding the eBL and HKD 5 000 of the price. */
    async function openDeal(f: System, conditionData: string) {
      const t = { ...f.t, conditionData };
      await f.escrow.connect(f.exporter).createDeal(t, "0x");
      await f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH);
      await f.escrow.connect(f.importer).depositPayment(t, HKD(5_000), "0x", ALLOWANCE);
      return { t, dealId: await f.escrow.hashTerms(t) };
    }

    it("the completing payment settles the deal when all required documents are live", async function () {
      const f = await loadFixture(withRequirement);
      const { t } = await openDeal(f, f.requirementId);
      await expect(f.escrow.connect(f.importer).depositPayment(t, HKD(20_000), "0x", ALLOWANCE)).to.emit(
        f.escrow,
        "Settled",
      );
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
    });

    it("a certificate revoked while the deal is open refuses the completing payment (DocumentsRevoked); the deal stays open", async function () {
      const f = await loadFixture(withRequirement);
      const { t, dealId } = await openDeal(f, f.requirementId);
      await f.documents.connect(f.authority).revoke(f.origin.id, "origin not confirmed");
      const before = await holdings(f);
      await expect(f.escrow.connect(f.importer).depositPayment(t, HKD(20_000), "0x", ALLOWANCE))
        .to.be.revertedWithCustomError(f.condition, "DocumentsRevoked")
        .withArgs(f.origin.id);
      expect(await holdings(f)).to.deep.equal(before);
      expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Open), true, HKD(5_000)]);
    });

    it("an issuer that lapses while the deal is open refuses the completion (DocumentsIssuerNotQualified); cancelling returns both legs", async function () {
      const f = await loadFixture(withRequirement);
      const { t, dealId } = await openDeal(f, f.requirementId);
      await f.participants.connect(f.registrar).revoke(f.authority.address);
      await expect(f.escrow.connect(f.importer).depositPayment(t, HKD(20_000), "0x", ALLOWANCE))
        .to.be.revertedWithCustomError(f.condition, "DocumentsIssuerNotQualified")
        .withArgs(f.origin.id, f.authority.address);
      await expect(f.escrow.connect(f.importer).cancelDeal(t))
        .to.emit(f.escrow, "PaymentReturned")
        .withArgs(dealId, f.importer.address, HKD(5_000));
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
    });
  });
});
