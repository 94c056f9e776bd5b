import { expect } from "chai";

import {
  DAY,
  DocType,
  Purpose,
  ScopeKind,
  TOKEN_A,
  deployConsent,
  ethers,
  networkHelpers,
  typesOf,
  type DataRequest,
} from "./fixture.js";
import { refusedUnchanged } from "./helpers.js";

const { loadFixture, time } = networkHelpers;

/**
 * The exporter has granted the bank three consents, each for its invoices and packing lists, for financing, 30 days:
 * all its documents (`owner`), those of eBL A (`bill`), and those the first data provider holds (`feed`).
 */
async function granted() {
  const f = await deployConsent();
  const owner = await f.grantBy(f.exporter, await f.terms());
  const bill = await f.grantBy(
    f.exporter,
    await f.terms({ scopeKind: ScopeKind.BillDocuments, target: f.eblAddress, targetId: TOKEN_A }),
  );
  const feed = await f.grantBy(
    f.exporter,
    await f.terms({ scopeKind: ScopeKind.ProviderFeed, target: f.provider.address }),
  );
  /** Records `r` signed by the bank, as the provider; returns the transaction. */
  const record = async (r: DataRequest) =>
    f.consent.connect(f.provider).recordAccess(r, await f.signRequest(f.bank, r));
  return { ...f, grants: { owner, bill, feed }, record };
}

describe("ConsentRegistry: access", function () {
  describe("covers", function () {
    it("an OwnerDocuments grant covers the owner's documents of the granted types on any eBL, from any provider", async function () {
      const f = await loadFixture(granted);
      for (const doc of [f.docs.invoice, f.docs.packingList, f.docs.invoiceOfB]) {
        for (const provider of [f.provider.address, f.otherProvider.address]) {
          expect(await f.consent.covers(f.grants.owner, f.bank.address, doc, Purpose.Financing, provider)).to.equal(
            true,
          );
        }
      }
    });

    it("a BillDocuments grant covers the owner's documents of the granted types bound to its eBL", async function () {
      const f = await loadFixture(granted);
      for (const doc of [f.docs.invoice, f.docs.packingList]) {
        expect(
          await f.consent.covers(f.grants.bill, f.bank.address, doc, Purpose.Financing, f.otherProvider.address),
        ).to.equal(true);
      }
    });

    it("a ProviderFeed grant covers the owner's documents of the granted types served by its provider", async function () {
      const f = await loadFixture(granted);
      for (const doc of [f.docs.invoice, f.docs.packingList, f.docs.invoiceOfB]) {
        expect(
          await f.consent.covers(f.grants.feed, f.bank.address, doc, Purpose.Financing, f.provider.address),
        ).to.equal(true);
      }
    });

    it("refuses anyone but the grantee (ConsentNotGrantee)", async function () {
      const f = await loadFixture(granted);
      await expect(
        f.consent.covers(f.grants.owner, f.otherBank.address, f.docs.invoice, Purpose.Financing, f.provider.address),
      )
        .to.be.revertedWithCustomError(f.consent, "ConsentNotGrantee")
        .withArgs(f.grants.owner, f.otherBank.address);
    });

    it("refuses an unknown grant", async function () {
      const f = await loadFixture(granted);
      const unknown = ethers.id("no such grant");
      await expect(f.consent.covers(unknown, f.bank.address, f.docs.invoice, Purpose.Financing, f.provider.address))
        .to.be.revertedWithCustomError(f.consent, "ConsentNotFound")
        .withArgs(unknown);
    });
  });

  describe("recordAccess", function () {
    it("records the provider's access on the bank's signed request, with the EIP-712 digest of the request", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.owner);
      const digest = f.requestDigest(r);
      const signature = await f.signRequest(f.bank, r);
      expect(await f.consent.connect(f.provider).recordAccess.staticCall(r, signature)).to.equal(digest);

      await expect(f.consent.connect(f.provider).recordAccess(r, signature))
        .to.emit(f.consent, "AccessRecorded")
        .withArgs(f.grants.owner, f.bank.address, f.docs.invoice, digest, Purpose.Financing, f.provider.address);
      expect(await f.consent.isRecorded(digest)).to.equal(true);
    });

    it("the grantee may record its own request (the recorder is then the grantee)", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.bill, { documentId: f.docs.packingList });
      await expect(f.consent.connect(f.bank).recordAccess(r, await f.signRequest(f.bank, r)))
        .to.emit(f.consent, "AccessRecorded")
        .withArgs(
          f.grants.bill,
          f.bank.address,
          f.docs.packingList,
          f.requestDigest(r),
          Purpose.Financing,
          f.bank.address,
        );
    });

    it("records under a ProviderFeed grant when its provider records", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.feed);
      await expect(f.record(r))
        .to.emit(f.consent, "AccessRecorded")
        .withArgs(
          f.grants.feed,
          f.bank.address,
          f.docs.invoice,
          f.requestDigest(r),
          Purpose.Financing,
          f.provider.address,
        );
    });

    it("records the request of an ERC-1271 grantee signed by its key", async function () {
      const f = await loadFixture(granted);
      // The wallet (a verified trader) is granted the exporter's invoices for trade verification.
      const grantId = await f.grantBy(
        f.exporter,
        await f.terms({ grantee: f.walletAddress, purpose: Purpose.TradeVerification }),
      );
      const r = await f.request(grantId, { purpose: Purpose.TradeVerification });
      await expect(f.consent.connect(f.provider).recordAccess(r, await f.signRequest(f.walletKey, r)))
        .to.emit(f.consent, "AccessRecorded")
        .withArgs(
          grantId,
          f.walletAddress,
          f.docs.invoice,
          f.requestDigest(r),
          Purpose.TradeVerification,
          f.provider.address,
        );
    });

    it("records until the last second before expiry", async function () {
      const f = await loadFixture(granted);
      const expiresAt = (await f.consent.grantOf(f.grants.owner)).terms.expiresAt;
      const r = await f.request(f.grants.owner, { deadline: expiresAt + DAY });
      const signature = await f.signRequest(f.bank, r);
      await time.setNextBlockTimestamp(expiresAt - 1n);
      await expect(f.consent.connect(f.provider).recordAccess(r, signature)).to.emit(f.consent, "AccessRecorded");
    });
  });

  describe("recordAccesses", function () {
    it("records a provider's batch, one event per request, and returns the digests", async function () {
      const f = await loadFixture(granted);
      const requests = [
        await f.request(f.grants.owner),
        await f.request(f.grants.bill, { documentId: f.docs.packingList }),
        await f.request(f.grants.feed, { documentId: f.docs.invoiceOfB }),
      ];
      const signatures = await Promise.all(requests.map((r) => f.signRequest(f.bank, r)));
      const digests = requests.map(f.requestDigest);
      expect(await f.consent.connect(f.provider).recordAccesses.staticCall(requests, signatures)).to.deep.equal(
        digests,
      );

      const tx = f.consent.connect(f.provider).recordAccesses(requests, signatures);
      for (const [i, r] of requests.entries()) {
        await expect(tx)
          .to.emit(f.consent, "AccessRecorded")
          .withArgs(r.grantId, f.bank.address, r.documentId, digests[i], Purpose.Financing, f.provider.address);
      }
      for (const d of digests) expect(await f.consent.isRecorded(d)).to.equal(true);
    });

    it("records nothing when one request of the batch is refused (all or nothing)", async function () {
      const f = await loadFixture(granted);
      const good = await f.request(f.grants.owner);
      const outOfScope = await f.request(f.grants.owner, { documentId: f.docs.origin });
      const requests = [good, outOfScope];
      const signatures = await Promise.all(requests.map((r) => f.signRequest(f.bank, r)));
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.provider).recordAccesses(requests, signatures))
            .to.be.revertedWithCustomError(f.consent, "ConsentOutOfScope")
            .withArgs(f.grants.owner, f.docs.origin),
        { requests: [f.requestDigest(good)] },
      );
      expect(await f.consent.isRecorded(f.requestDigest(good))).to.equal(false);
    });

    it("refuses a batch that holds the same request twice", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.owner);
      const signature = await f.signRequest(f.bank, r);
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.provider).recordAccesses([r, r], [signature, signature]))
            .to.be.revertedWithCustomError(f.consent, "ConsentRequestReplayed")
            .withArgs(f.requestDigest(r)),
        { requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a batch with more requests than signatures", async function () {
      const f = await loadFixture(granted);
      const requests = [await f.request(f.grants.owner), await f.request(f.grants.bill)];
      const signature = await f.signRequest(f.bank, requests[0]!);
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.provider).recordAccesses(requests, [signature]))
            .to.be.revertedWithCustomError(f.consent, "ConsentBatchLengthMismatch")
            .withArgs(2n, 1n),
        { requests: requests.map(f.requestDigest) },
      );
    });
  });

  describe("refusals of recordAccess", function () {
    it("refuses a replayed request (same digest)", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.owner);
      const signature = await f.signRequest(f.bank, r);
      await (await f.consent.connect(f.provider).recordAccess(r, signature)).wait();
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.otherProvider).recordAccess(r, signature))
            .to.be.revertedWithCustomError(f.consent, "ConsentRequestReplayed")
            .withArgs(f.requestDigest(r)),
        { grants: [f.grants.owner], requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a request after its deadline", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.owner, { deadline: (await f.now()) + 60n });
      const signature = await f.signRequest(f.bank, r);
      await time.increase(120);
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.provider).recordAccess(r, signature))
            .to.be.revertedWithCustomError(f.consent, "RailsExpired")
            .withArgs(r.deadline, (v: bigint) => v > r.deadline),
        { requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a request signed by someone other than the grantee", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.owner);
      const signature = await f.signRequest(f.otherBank, r);
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.provider).recordAccess(r, signature))
            .to.be.revertedWithCustomError(f.consent, "RailsInvalidSignature")
            .withArgs(f.bank.address),
        { requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a request whose fields differ from those the grantee signed", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.owner);
      const signature = await f.signRequest(f.bank, r);
      const other = { ...r, documentId: f.docs.packingList };
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.provider).recordAccess(other, signature))
            .to.be.revertedWithCustomError(f.consent, "RailsInvalidSignature")
            .withArgs(f.bank.address),
        { requests: [f.requestDigest(r), f.requestDigest(other)] },
      );
    });

    it("refuses a request under an unknown grant", async function () {
      const f = await loadFixture(granted);
      const unknown = ethers.id("no such grant");
      const r = await f.request(unknown);
      await refusedUnchanged(
        f,
        () => expect(f.record(r)).to.be.revertedWithCustomError(f.consent, "ConsentNotFound").withArgs(unknown),
        { requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a request under a revoked grant", async function () {
      const f = await loadFixture(granted);
      await (await f.consent.connect(f.exporter).revoke(f.grants.owner)).wait();
      const r = await f.request(f.grants.owner);
      await refusedUnchanged(
        f,
        () =>
          expect(f.record(r)).to.be.revertedWithCustomError(f.consent, "ConsentRevokedGrant").withArgs(f.grants.owner),
        { grants: [f.grants.owner], requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a request under an expired grant (time passed)", async function () {
      const f = await loadFixture(granted);
      const expiresAt = (await f.consent.grantOf(f.grants.owner)).terms.expiresAt;
      await time.increaseTo(expiresAt);
      const r = await f.request(f.grants.owner);
      await refusedUnchanged(
        f,
        () =>
          expect(f.record(r))
            .to.be.revertedWithCustomError(f.consent, "ConsentExpired")
            .withArgs(f.grants.owner, expiresAt, (v: bigint) => v >= expiresAt),
        { grants: [f.grants.owner], requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a request whose owner's verification lapsed", async function () {
      const f = await loadFixture(granted);
      await f.lapse(f.exporter.address);
      const r = await f.request(f.grants.owner);
      await refusedUnchanged(
        f,
        () =>
          expect(f.record(r)).to.be.revertedWithCustomError(f.consent, "RailsNotVerified").withArgs(f.exporter.address),
        { grants: [f.grants.owner], requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a request of a grantee whose verification lapsed", async function () {
      const f = await loadFixture(granted);
      await f.lapse(f.bank.address);
      const r = await f.request(f.grants.owner);
      await refusedUnchanged(
        f,
        () => expect(f.record(r)).to.be.revertedWithCustomError(f.consent, "RailsNotVerified").withArgs(f.bank.address),
        { grants: [f.grants.owner], requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a request of a grantee whose participant record was revoked", async function () {
      const f = await loadFixture(granted);
      await (await f.participants.connect(f.registrar).revoke(f.bank.address)).wait();
      const r = await f.request(f.grants.owner);
      await refusedUnchanged(
        f,
        () => expect(f.record(r)).to.be.revertedWithCustomError(f.consent, "RailsNotVerified").withArgs(f.bank.address),
        { grants: [f.grants.owner], requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a request for another purpose than the grant's", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.owner, { purpose: Purpose.Compliance });
      await refusedUnchanged(
        f,
        () =>
          expect(f.record(r))
            .to.be.revertedWithCustomError(f.consent, "ConsentWrongPurpose")
            .withArgs(f.grants.owner, Purpose.Financing, Purpose.Compliance),
        { requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a revoked document", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.owner, { documentId: f.docs.revoked });
      await refusedUnchanged(
        f,
        () =>
          expect(f.record(r))
            .to.be.revertedWithCustomError(f.consent, "ConsentDocumentUnavailable")
            .withArgs(f.docs.revoked),
        { requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a document revoked after the grant", async function () {
      const f = await loadFixture(granted);
      await (await f.documents.connect(f.exporter).revoke(f.docs.invoice, "wrong amount")).wait();
      const r = await f.request(f.grants.bill);
      await refusedUnchanged(
        f,
        () =>
          expect(f.record(r))
            .to.be.revertedWithCustomError(f.consent, "ConsentDocumentUnavailable")
            .withArgs(f.docs.invoice),
        { requests: [f.requestDigest(r)] },
      );
    });

    it("refuses an unknown document", async function () {
      const f = await loadFixture(granted);
      const unknown = ethers.id("no such document");
      const r = await f.request(f.grants.owner, { documentId: unknown });
      await refusedUnchanged(
        f,
        () =>
          expect(f.record(r)).to.be.revertedWithCustomError(f.consent, "ConsentDocumentUnavailable").withArgs(unknown),
        { requests: [f.requestDigest(r)] },
      );
    });

    it("refuses another owner's document (out of scope)", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.owner, { documentId: f.docs.importerInvoice });
      await refusedUnchanged(
        f,
        () =>
          expect(f.record(r))
            .to.be.revertedWithCustomError(f.consent, "ConsentOutOfScope")
            .withArgs(f.grants.owner, f.docs.importerInvoice),
        { requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a document of a type the grant does not name (out of scope)", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.owner, { documentId: f.docs.origin });
      await refusedUnchanged(
        f,
        () =>
          expect(f.record(r))
            .to.be.revertedWithCustomError(f.consent, "ConsentOutOfScope")
            .withArgs(f.grants.owner, f.docs.origin),
        { requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a document of another eBL under a BillDocuments grant (out of scope)", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.bill, { documentId: f.docs.invoiceOfB });
      await refusedUnchanged(
        f,
        () =>
          expect(f.record(r))
            .to.be.revertedWithCustomError(f.consent, "ConsentOutOfScope")
            .withArgs(f.grants.bill, f.docs.invoiceOfB),
        { requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a document of the same token id in another registry under a BillDocuments grant (out of scope)", async function () {
      const f = await loadFixture(granted);
      // A packing list bound to token A of another contract (a second eBL registry).
      const otherRegistry = await ethers.deployContract("BillOfLadingRegistry", [
        await f.participants.getAddress(),
        await f.participants.getAddress(),
      ]);
      const elsewhere = await f.registerDocument(
        f.exporter,
        DocType.PACKING_LIST,
        "PL-ELSEWHERE",
        f.exporter.address,
        TOKEN_A,
        await otherRegistry.getAddress(),
      );
      const r = await f.request(f.grants.bill, { documentId: elsewhere });
      await refusedUnchanged(
        f,
        () =>
          expect(f.record(r))
            .to.be.revertedWithCustomError(f.consent, "ConsentOutOfScope")
            .withArgs(f.grants.bill, elsewhere),
        { requests: [f.requestDigest(r)] },
      );
    });

    it("refuses a ProviderFeed access recorded by another provider (out of scope)", async function () {
      const f = await loadFixture(granted);
      const r = await f.request(f.grants.feed);
      const signature = await f.signRequest(f.bank, r);
      await refusedUnchanged(
        f,
        () =>
          expect(f.consent.connect(f.otherProvider).recordAccess(r, signature))
            .to.be.revertedWithCustomError(f.consent, "ConsentOutOfScope")
            .withArgs(f.grants.feed, f.docs.invoice),
        { requests: [f.requestDigest(r)] },
      );
    });

    it("a grant for other types does not reach a document the owner did not grant (types are a bitmask)", async function () {
      const f = await loadFixture(granted);
      const originOnly = await f.grantBy(
        f.exporter,
        await f.terms({ documentTypes: typesOf(DocType.CERTIFICATE_OF_ORIGIN) }),
      );
      expect(
        await f.consent.covers(originOnly, f.bank.address, f.docs.origin, Purpose.Financing, f.provider.address),
      ).to.equal(true);
      await expect(
        f.consent.covers(originOnly, f.bank.address, f.docs.invoice, Purpose.Financing, f.provider.address),
      ).to.be.revertedWithCustomError(f.consent, "ConsentOutOfScope");
    });
  });
});
