import { expect } from "chai";

import {
  CONSENT_GRANT_TYPES,
  CONSENT_REVOCATION_TYPES,
  CONSENT_TERMS_TYPES,
  DAY,
  DATA_REQUEST_TYPES,
  DocType,
  Purpose,
  ScopeKind,
  TOKEN_A,
  deployConsent,
  ethers,
  grantState,
  networkHelpers,
  typesOf,
  type ConsentFixture,
  type ConsentTerms,
} from "./fixture.js";
import { refusedUnchanged } from "./helpers.js";

const { loadFixture, time } = networkHelpers;

const grantIdOf = (owner: string, nonce: bigint) =>
  ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [owner, nonce]));

describe("ConsentRegistry: grants", function () {
  describe("deployment", function () {
    it("binds the participant and document registries and refuses a zero address for either", async function () {
      const f = await loadFixture(deployConsent);
      expect(await f.consent.participants()).to.equal(await f.participants.getAddress());
      expect(await f.consent.documents()).to.equal(await f.documents.getAddress());
      const factory = await ethers.getContractFactory("ConsentRegistry");
      await expect(factory.deploy(ethers.ZeroAddress, await f.documents.getAddress())).to.be.revertedWithCustomError(
        f.consent,
        "RailsZeroAddress",
      );
      await expect(factory.deploy(await f.participants.getAddress(), ethers.ZeroAddress)).to.be.revertedWithCustomError(
        f.consent,
        "RailsZeroAddress",
      );
    });
  });

  describe("EIP-712", function () {
    it("binds signatures to the domain Cargo Rails Consent, version 1, this chain and this contract", async function () {
      const f = await loadFixture(deployConsent);
      expect(await f.consent.DOMAIN_SEPARATOR()).to.equal(ethers.TypedDataEncoder.hashDomain(f.domain));
      const domain = await f.consent.eip712Domain();
      expect([domain.name, domain.version]).to.deep.equal(["Cargo Rails Consent", "1"]);
    });

    it("type hashes are the hashes of the documented type strings", async function () {
      const f = await loadFixture(deployConsent);
      const terms =
        "ConsentTerms(address grantee,uint8 scopeKind,uint256 documentTypes,address target,uint256 targetId," +
        "uint8 purpose,uint40 expiresAt)";
      expect(ethers.TypedDataEncoder.from(CONSENT_GRANT_TYPES).encodeType("ConsentGrant")).to.equal(
        "ConsentGrant(address owner,ConsentTerms terms,uint256 nonce,uint256 deadline)" + terms,
      );
      expect(await f.consent.CONSENT_TERMS_TYPEHASH()).to.equal(ethers.id(terms));
      expect(await f.consent.CONSENT_GRANT_TYPEHASH()).to.equal(
        ethers.id("ConsentGrant(address owner,ConsentTerms terms,uint256 nonce,uint256 deadline)" + terms),
      );
      expect(await f.consent.CONSENT_REVOCATION_TYPEHASH()).to.equal(
        ethers.id(ethers.TypedDataEncoder.from(CONSENT_REVOCATION_TYPES).encodeType("ConsentRevocation")),
      );
      expect(await f.consent.DATA_REQUEST_TYPEHASH()).to.equal(
        ethers.id("DataRequest(bytes32 grantId,bytes32 documentId,uint8 purpose,bytes32 nonce,uint256 deadline)"),
      );
      expect(ethers.TypedDataEncoder.from(DATA_REQUEST_TYPES).encodeType("DataRequest")).to.equal(
        "DataRequest(bytes32 grantId,bytes32 documentId,uint8 purpose,bytes32 nonce,uint256 deadline)",
      );
      expect(ethers.TypedDataEncoder.from(CONSENT_TERMS_TYPES).encodeType("ConsentTerms")).to.equal(terms);
    });

    it("hashDataRequest is the EIP-712 digest computed independently", async function () {
      const f = await loadFixture(deployConsent);
      const r = await f.request(ethers.id("any grant"), { purpose: Purpose.TradeVerification });
      expect(await f.consent.hashDataRequest(r)).to.equal(f.requestDigest(r));
      expect(await f.consent.hashDataRequest({ ...r, nonce: ethers.id("other") })).to.not.equal(f.requestDigest(r));
    });
  });

  describe("grant by transaction", function () {
    it("records the owner's grant under keccak256(owner, nonce), emits ConsentGranted and uses the nonce", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms();
      const grantId = grantIdOf(f.exporter.address, 0n);
      expect(await f.consent.connect(f.exporter).grant.staticCall(t)).to.equal(grantId);

      await expect(f.consent.connect(f.exporter).grant(t))
        .to.emit(f.consent, "ConsentGranted")
        .withArgs(grantId, f.exporter.address, f.bank.address, Object.values(t));
      expect(await grantState(f.consent, grantId)).to.deep.equal({
        owner: f.exporter.address,
        revoked: false,
        terms: t,
      });
      expect(await f.consent.nonces(f.exporter.address)).to.equal(1n);
      expect(await f.consent.isLive(grantId)).to.equal(true);
      // The next grant gets the next nonce.
      expect(await f.consent.connect(f.exporter).grant.staticCall(t)).to.equal(grantIdOf(f.exporter.address, 1n));
    });

    it("records a BillDocuments grant with its eBL and a ProviderFeed grant with its provider", async function () {
      const f = await loadFixture(deployConsent);
      const bill = await f.terms({ scopeKind: ScopeKind.BillDocuments, target: f.eblAddress, targetId: TOKEN_A });
      const feed = await f.terms({
        scopeKind: ScopeKind.ProviderFeed,
        target: f.provider.address,
        purpose: Purpose.Compliance,
      });
      const billId = await f.grantBy(f.exporter, bill);
      const feedId = await f.grantBy(f.exporter, feed);
      expect((await grantState(f.consent, billId)).terms).to.deep.equal(bill);
      expect((await grantState(f.consent, feedId)).terms).to.deep.equal(feed);
    });

    it("isLive is false for an unknown grant, and grantOf all zero", async function () {
      const f = await loadFixture(deployConsent);
      const unknown = ethers.id("no such grant");
      expect(await f.consent.isLive(unknown)).to.equal(false);
      expect((await grantState(f.consent, unknown)).owner).to.equal(ethers.ZeroAddress);
    });
  });

  describe("grant by signature", function () {
    it("records a grant the owner signed and a third party relays", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms();
      const s = await f.signGrant(f.exporter, t);
      const grantId = grantIdOf(f.exporter.address, 0n);

      await expect(f.consent.connect(f.relayer).grantWithSignature(s.owner, t, s.nonce, s.deadline, s.signature))
        .to.emit(f.consent, "ConsentGranted")
        .withArgs(grantId, f.exporter.address, f.bank.address, Object.values(t));
      expect((await grantState(f.consent, grantId)).owner).to.equal(f.exporter.address);
      expect(await f.consent.nonces(f.exporter.address)).to.equal(1n);
    });

    it("records a grant of a contract owner (ERC-1271 wallet) signed by the wallet's key", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms();
      const s = await f.signGrant(f.walletKey, t, { owner: f.walletAddress });
      const grantId = grantIdOf(f.walletAddress, 0n);

      await expect(f.consent.connect(f.relayer).grantWithSignature(s.owner, t, s.nonce, s.deadline, s.signature))
        .to.emit(f.consent, "ConsentGranted")
        .withArgs(grantId, f.walletAddress, f.bank.address, Object.values(t));
      expect(await f.consent.isLive(grantId)).to.equal(true);
    });

    it("shares one nonce counter with grants by transaction", async function () {
      const f = await loadFixture(deployConsent);
      await f.grantBy(f.exporter, await f.terms());
      const t = await f.terms({ purpose: Purpose.Compliance });
      const s = await f.signGrant(f.exporter, t);
      expect(s.nonce).to.equal(1n);
      await (
        await f.consent.connect(f.relayer).grantWithSignature(s.owner, t, s.nonce, s.deadline, s.signature)
      ).wait();
      expect((await grantState(f.consent, grantIdOf(f.exporter.address, 1n))).terms.purpose).to.equal(
        Purpose.Compliance,
      );
    });

    it("refuses a grant signed by someone else than the owner", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms();
      const s = await f.signGrant(f.importer, t, { owner: f.exporter.address });
      await refusedUnchanged(f, () =>
        expect(f.consent.connect(f.relayer).grantWithSignature(s.owner, t, s.nonce, s.deadline, s.signature))
          .to.be.revertedWithCustomError(f.consent, "RailsInvalidSignature")
          .withArgs(f.exporter.address),
      );
    });

    it("refuses a wallet owner's grant signed by a key the wallet does not accept", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms();
      const s = await f.signGrant(f.exporter, t, { owner: f.walletAddress });
      await refusedUnchanged(f, () =>
        expect(f.consent.connect(f.relayer).grantWithSignature(s.owner, t, s.nonce, s.deadline, s.signature))
          .to.be.revertedWithCustomError(f.consent, "RailsInvalidSignature")
          .withArgs(f.walletAddress),
      );
    });

    it("refuses signed terms that differ from the terms submitted", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms();
      const s = await f.signGrant(f.exporter, t);
      const wider = { ...t, documentTypes: typesOf(DocType.COMMERCIAL_INVOICE, DocType.CERTIFICATE_OF_ORIGIN) };
      await refusedUnchanged(f, () =>
        expect(f.consent.connect(f.relayer).grantWithSignature(s.owner, wider, s.nonce, s.deadline, s.signature))
          .to.be.revertedWithCustomError(f.consent, "RailsInvalidSignature")
          .withArgs(f.exporter.address),
      );
    });

    it("refuses a replayed signed grant (its nonce is used)", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms();
      const s = await f.signGrant(f.exporter, t);
      await (
        await f.consent.connect(f.relayer).grantWithSignature(s.owner, t, s.nonce, s.deadline, s.signature)
      ).wait();
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.relayer).grantWithSignature(s.owner, t, s.nonce, s.deadline, s.signature))
            .to.be.revertedWithCustomError(f.consent, "ConsentInvalidNonce")
            .withArgs(f.exporter.address, 0n),
        { grants: [grantIdOf(f.exporter.address, 0n)] },
      );
    });

    it("refuses a signed grant with a nonce not yet reached", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms();
      const s = await f.signGrant(f.exporter, t, { nonce: 1n });
      await refusedUnchanged(f, () =>
        expect(f.consent.connect(f.relayer).grantWithSignature(s.owner, t, s.nonce, s.deadline, s.signature))
          .to.be.revertedWithCustomError(f.consent, "ConsentInvalidNonce")
          .withArgs(f.exporter.address, 1n),
      );
    });

    it("refuses a signed grant after its deadline", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms();
      const s = await f.signGrant(f.exporter, t, { deadline: (await f.now()) + 60n });
      await time.increase(120);
      await refusedUnchanged(f, () =>
        expect(f.consent.connect(f.relayer).grantWithSignature(s.owner, t, s.nonce, s.deadline, s.signature))
          .to.be.revertedWithCustomError(f.consent, "RailsExpired")
          .withArgs(s.deadline, (v: bigint) => v > s.deadline),
      );
    });

    it("refuses a validly signed grant of an owner who is not a verified participant", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms();
      const s = await f.signGrant(f.outsider, t);
      await refusedUnchanged(f, () =>
        expect(f.consent.connect(f.relayer).grantWithSignature(s.owner, t, s.nonce, s.deadline, s.signature))
          .to.be.revertedWithCustomError(f.consent, "RailsNotVerified")
          .withArgs(f.outsider.address),
      );
    });
  });

  describe("refusals of grant", function () {
    const grantAs = (f: ConsentFixture, t: ConsentTerms) => f.consent.connect(f.exporter).grant(t);

    it("refuses an owner who is not a verified participant", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms();
      await refusedUnchanged(f, () =>
        expect(f.consent.connect(f.outsider).grant(t))
          .to.be.revertedWithCustomError(f.consent, "RailsNotVerified")
          .withArgs(f.outsider.address),
      );
    });

    it("refuses an owner whose verification lapsed", async function () {
      const f = await loadFixture(deployConsent);
      await f.lapse(f.exporter.address);
      const t = await f.terms();
      await refusedUnchanged(f, () =>
        expect(grantAs(f, t)).to.be.revertedWithCustomError(f.consent, "RailsNotVerified").withArgs(f.exporter.address),
      );
    });

    it("refuses a grantee who is not a verified participant", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms({ grantee: f.outsider.address });
      await refusedUnchanged(f, () =>
        expect(grantAs(f, t)).to.be.revertedWithCustomError(f.consent, "RailsNotVerified").withArgs(f.outsider.address),
      );
    });

    it("refuses a grantee whose participant record was revoked", async function () {
      const f = await loadFixture(deployConsent);
      await (await f.participants.connect(f.registrar).revoke(f.bank.address)).wait();
      const t = await f.terms();
      await refusedUnchanged(f, () =>
        expect(grantAs(f, t)).to.be.revertedWithCustomError(f.consent, "RailsNotVerified").withArgs(f.bank.address),
      );
    });

    it("refuses a ProviderFeed whose provider is not a verified participant", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms({ scopeKind: ScopeKind.ProviderFeed, target: f.outsider.address });
      await refusedUnchanged(f, () =>
        expect(grantAs(f, t)).to.be.revertedWithCustomError(f.consent, "RailsNotVerified").withArgs(f.outsider.address),
      );
    });

    const invalid: { name: string; field: string; terms: (f: ConsentFixture) => Promise<ConsentTerms> }[] = [
      { name: "the owner as grantee", field: "grantee", terms: (f) => f.terms({ grantee: f.exporter.address }) },
      { name: "a zero grantee", field: "grantee", terms: (f) => f.terms({ grantee: ethers.ZeroAddress }) },
      { name: "no document type", field: "documentTypes", terms: (f) => f.terms({ documentTypes: 0n }) },
      {
        name: "bit 0 in the document types (no type has id 0)",
        field: "documentTypes",
        terms: (f) => f.terms({ documentTypes: 1n | typesOf(DocType.COMMERCIAL_INVOICE) }),
      },
      {
        name: "a target in an OwnerDocuments grant",
        field: "target",
        terms: (f) => f.terms({ target: f.eblAddress }),
      },
      { name: "a target id in an OwnerDocuments grant", field: "targetId", terms: (f) => f.terms({ targetId: 1n }) },
      {
        name: "a BillDocuments grant without an eBL registry",
        field: "target",
        terms: (f) => f.terms({ scopeKind: ScopeKind.BillDocuments, targetId: TOKEN_A }),
      },
      {
        name: "a ProviderFeed grant without a provider",
        field: "target",
        terms: (f) => f.terms({ scopeKind: ScopeKind.ProviderFeed }),
      },
      {
        name: "a target id in a ProviderFeed grant",
        field: "targetId",
        terms: (f) => f.terms({ scopeKind: ScopeKind.ProviderFeed, target: f.provider.address, targetId: 1n }),
      },
      { name: "purpose None", field: "purpose", terms: (f) => f.terms({ purpose: Purpose.None }) },
      {
        name: "an expiry not in the future",
        field: "expiresAt",
        // The block of the grant is one second later than now: an expiry of now + 1 is not after it.
        terms: async (f) => f.terms({ expiresAt: (await f.now()) + 1n }),
      },
    ];
    for (const c of invalid) {
      it(`refuses ${c.name} (ConsentInvalidTerms "${c.field}")`, async function () {
        const f = await loadFixture(deployConsent);
        const t = await c.terms(f);
        await refusedUnchanged(f, () =>
          expect(grantAs(f, t)).to.be.revertedWithCustomError(f.consent, "ConsentInvalidTerms").withArgs(c.field),
        );
      });
    }

    it("accepts an expiry one second after the grant's block (the bound of the refusal above)", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms({ expiresAt: (await f.now()) + 2n });
      await expect(grantAs(f, t)).to.emit(f.consent, "ConsentGranted");
    });
  });

  describe("expiry", function () {
    it("a grant is live until its expiry and not from then on", async function () {
      const f = await loadFixture(deployConsent);
      const t = await f.terms({ expiresAt: (await f.now()) + DAY });
      const grantId = await f.grantBy(f.exporter, t);
      await time.increaseTo(t.expiresAt - 1n);
      expect(await f.consent.isLive(grantId)).to.equal(true);
      await time.increaseTo(t.expiresAt);
      expect(await f.consent.isLive(grantId)).to.equal(false);
    });

    it("a grant is not live while its owner's or grantee's verification has lapsed", async function () {
      const f = await loadFixture(deployConsent);
      const byExporter = await f.grantBy(f.exporter, await f.terms({ expiresAt: (await f.now()) + 400n * DAY }));
      const toOtherBank = await f.grantBy(f.importer, await f.terms({ grantee: f.otherBank.address }));
      await (await f.participants.connect(f.registrar).revoke(f.otherBank.address)).wait();
      expect(await f.consent.isLive(toOtherBank)).to.equal(false);
      expect(await f.consent.isLive(byExporter)).to.equal(true);
      await f.lapse(f.exporter.address);
      expect(await f.consent.isLive(byExporter)).to.equal(false);
    });
  });
});
