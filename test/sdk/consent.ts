/**
 * The SDK's `consent` namespace against the real ConsentRegistry on Hardhat's in-process network: grants by
 * transaction and by signature (a local key, a custody platform's callback), revocations, coverage with each reason,
 * data requests whose off-chain digest equals the contract's, recorded accesses and the access log, prepared writes.
 */
import { expect } from "chai";
import {
  encodeAbiParameters,
  keccak256,
  recoverAddress,
  recoverTypedDataAddress,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

import {
  CONSENT_DOMAIN_NAME,
  CONSENT_DOMAIN_VERSION,
  ContractNotConfiguredError,
  ContractRevertError,
  InvalidArgumentError,
  WalletRequiredError,
  consentGrantTypes,
  consentRegistryAbi,
  createCargoRails,
  dataRequestTypes,
  grantIdOf,
  hashConsentGrant,
  hashDataRequest,
  type ConsentRefusal,
  type ConsentTermsInput,
  type TypedDataToSign,
} from "../../sdk/src/index.js";
import { rejects } from "./helpers.js";
import { HARDHAT_KEYS } from "./system.js";
import { createTradeChain, invoice } from "./tradeSystem.js";

const chain = await createTradeChain();
const { publicClient } = chain;
const { exporter, importer, bank, cnBank, relayer, provider, stranger, registrar } = chain.accounts;
const { loadFixture, time } = chain.connection.networkHelpers;
const keyOf = (account: Address) => privateKeyToAccount(HARDHAT_KEYS[Object.values(chain.accounts).indexOf(account)]!);

const DAY = 24n * 3600n;

/** The trade system with the exporter's invoice and packing list on its eBL, and a certificate of origin elsewhere. */
async function consented() {
  const sys = await chain.tradeSystem();
  const register = async (
    as: Address,
    documentType: "COMMERCIAL_INVOICE" | "PACKING_LIST",
    number: string,
    tokenId = sys.tokenId,
  ) => {
    const r = await sys.as(as).documents.register({
      documentType,
      number,
      owner: exporter,
      subject: { tokenId },
      document: { json: invoice(number) },
    });
    await r.wait();
    return r.documentId;
  };
  const invoiceId = await register(exporter, "COMMERCIAL_INVOICE", "INV-2026-0042");
  const packingListId = await register(exporter, "PACKING_LIST", "PL-77");
  const otherBillInvoiceId = await register(exporter, "COMMERCIAL_INVOICE", "INV-2026-0099", sys.tokenId + 1n);
  const now = BigInt((await publicClient.getBlock()).timestamp);
  const terms: ConsentTermsInput = {
    grantee: bank,
    scope: { kind: "billDocuments", tokenId: sys.tokenId },
    documentTypes: ["COMMERCIAL_INVOICE"],
    purpose: "financing",
    expiresAt: now + 30n * DAY,
  };
  // The exporter grants the bank its invoice of this eBL, for financing, by transaction.
  const granted = await sys.as(exporter).consent.grant(terms);
  const { grantId } = await granted.wait();
  return { ...sys, invoiceId, packingListId, otherBillInvoiceId, terms, grantId, now };
}

describe("SDK: consent.grant (by transaction)", function () {
  it("grants: wait() gives the id keccak256(abi.encode(owner, nonce)); grantOf, isLive and nonces read it", async function () {
    const f = await loadFixture(consented);
    const independent = keccak256(encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [exporter, 0n]));
    expect(f.grantId).to.equal(independent);
    expect(grantIdOf(exporter, 0n)).to.equal(independent);
    const consent = f.as(undefined).consent;
    const grant = await consent.grantOf(f.grantId);
    expect(grant).to.deep.include({ grantId: f.grantId, owner: exporter, revoked: false, documentTypes: [1] });
    expect(grant!.terms).to.deep.equal({
      grantee: bank,
      scopeKind: "billDocuments",
      documentTypes: 0b10n,
      target: f.eblRegistry,
      targetId: f.tokenId,
      purpose: "financing",
      expiresAt: Number(f.now + 30n * DAY),
    });
    expect(grant!.expiresAt.getTime()).to.equal(Number(f.now + 30n * DAY) * 1000);
    expect(await consent.isLive(f.grantId)).to.equal(true);
    expect(await consent.nonces(exporter)).to.equal(1n);
    expect(await f.as(exporter).consent.nonces()).to.equal(1n);
    expect(await consent.grantOf(keccak256("0x01"))).to.equal(null);
  });

  it("grants an owner's documents and a provider's feed (their targets as the contract wants them)", async function () {
    const f = await loadFixture(consented);
    const consent = f.as(exporter).consent;
    const owner = await (await consent.grant({ ...f.terms, scope: { kind: "ownerDocuments" } })).wait();
    expect((await consent.grantOf(owner.grantId))?.terms).to.deep.include({
      scopeKind: "ownerDocuments",
      target: zeroAddress,
      targetId: 0n,
    });
    const feed = await (await consent.grant({ ...f.terms, scope: { kind: "providerFeed", provider } })).wait();
    expect((await consent.grantOf(feed.grantId))?.terms).to.deep.include({
      scopeKind: "providerFeed",
      target: provider,
    });
  });

  it("prepares a grant for an owner signing elsewhere (a Safe, a custody platform)", async function () {
    const f = await loadFixture(consented);
    const prepared = await f.as(undefined).consent.grant.prepare(f.terms, { account: exporter });
    expect(prepared).to.include({ operation: "consent.grant", from: exporter, to: f.consentRegistry });
    expect(prepared.result).to.equal(grantIdOf(exporter, 1n));
  });

  const refusals: {
    name: string;
    as: Address;
    terms: (f: Awaited<ReturnType<typeof consented>>) => ConsentTermsInput;
    error: string;
    arg?: string;
  }[] = [
    { name: "an owner who is not verified", as: stranger, terms: (f) => f.terms, error: "RailsNotVerified" },
    {
      name: "the owner as grantee",
      as: exporter,
      terms: (f) => ({ ...f.terms, grantee: exporter }),
      error: "ConsentInvalidTerms",
      arg: "grantee",
    },
    {
      name: "a grantee who is not verified",
      as: exporter,
      terms: (f) => ({ ...f.terms, grantee: stranger }),
      error: "RailsNotVerified",
    },
    {
      name: "an expiry in the past",
      as: exporter,
      terms: (f) => ({ ...f.terms, expiresAt: f.now - 1n }),
      error: "ConsentInvalidTerms",
      arg: "expiresAt",
    },
    {
      name: "a feed of a provider who is not verified",
      as: exporter,
      terms: (f) => ({ ...f.terms, scope: { kind: "providerFeed", provider: stranger } }),
      error: "RailsNotVerified",
    },
  ];
  for (const r of refusals) {
    it(`refuses ${r.name} with ${r.error}, before sending`, async function () {
      const f = await loadFixture(consented);
      const error = await rejects(f.as(r.as).consent.grant(r.terms(f)), ContractRevertError);
      expect(error.errorName).to.equal(r.error);
      if (r.arg !== undefined) expect(error.args).to.deep.equal([r.arg]);
      expect(await f.as(undefined).consent.nonces(r.as)).to.equal(r.as === exporter ? 1n : 0n);
    });
  }

  for (const [what, change, argument] of [
    ["no document types", { documentTypes: [] }, "documentTypes"],
    ["purpose none", { purpose: "none" }, "purpose"],
    ["a scope of no kind", { scope: { kind: "everything" } }, "scope"],
    ["an expiry as a number", { expiresAt: 1_900_000_000 }, "expiresAt"],
  ] as const) {
    it(`refuses ${what} before anything reaches the chain`, async function () {
      const f = await loadFixture(consented);
      await rejects(
        f.as(exporter).consent.grant({ ...f.terms, ...(change as object) }),
        InvalidArgumentError,
        argument,
      );
    });
  }
});

describe("SDK: consent by signature (signGrant, grantWithSignature)", function () {
  it("the owner signs the design's EIP-712 ConsentGrant with a local key; a relayer grants; the id is as predicted", async function () {
    const f = await loadFixture(consented);
    const owner = f.as(exporter, true);
    const signed = await owner.consent.signGrant(f.terms);
    expect(signed).to.deep.include({ owner: exporter, nonce: 1n, grantId: grantIdOf(exporter, 1n) });
    const domain = await owner.consent.domain();
    expect(domain).to.deep.include({
      name: CONSENT_DOMAIN_NAME,
      version: CONSENT_DOMAIN_VERSION,
      verifyingContract: f.consentRegistry,
    });
    // The design's type string, independently: ConsentGrant(...)ConsentTerms(...).
    const typeString =
      "ConsentGrant(address owner,ConsentTerms terms,uint256 nonce,uint256 deadline)ConsentTerms(address grantee,uint8 scopeKind,uint256 documentTypes,address target,uint256 targetId,uint8 purpose,uint40 expiresAt)";
    const encoded = `ConsentGrant(${consentGrantTypes.ConsentGrant.map((p) => `${p.type} ${p.name}`).join(",")})ConsentTerms(${consentGrantTypes.ConsentTerms.map((p) => `${p.type} ${p.name}`).join(",")})`;
    expect(encoded).to.equal(typeString);
    const digest = hashConsentGrant({ domain, ...signed });
    const recovered = await recoverTypedDataAddress({
      domain,
      types: consentGrantTypes,
      primaryType: "ConsentGrant",
      message: {
        owner: exporter,
        terms: { ...signed.terms, scopeKind: 1, purpose: 1 },
        nonce: 1n,
        deadline: signed.deadline,
      },
      signature: signed.signature,
    });
    expect(recovered).to.equal(exporter);
    expect(await recoverAddress({ hash: digest, signature: signed.signature })).to.equal(exporter);
    const { grantId, events } = await (await f.as(relayer).consent.grantWithSignature(signed)).wait();
    expect(grantId).to.equal(signed.grantId);
    expect(events.find((e) => e.eventName === "ConsentGranted")?.args).to.deep.include({
      owner: exporter,
      grantee: bank,
    });
    expect(await f.as(undefined).consent.isLive(grantId)).to.equal(true);
  });

  it("signs through a custody platform's callback ({ address, signTypedData }), relayed by anyone", async function () {
    const f = await loadFixture(consented);
    const key = keyOf(exporter);
    const asked: TypedDataToSign[] = [];
    const custody = createCargoRails({
      publicClient,
      signer: {
        address: exporter,
        signTypedData: async (typedData: TypedDataToSign) => {
          asked.push(typedData);
          return key.signTypedData(typedData as never);
        },
      },
      addresses: f.addresses,
    });
    const signed = await custody.consent.signGrant(f.terms);
    expect(asked.map((t) => t.primaryType)).to.deep.equal(["ConsentGrant"]);
    const { grantId } = await (await f.as(relayer).consent.grantWithSignature(signed)).wait();
    expect((await f.as(undefined).consent.grantOf(grantId))?.owner).to.equal(exporter);
    const revocation = await custody.consent.signRevocation(grantId);
    await (await f.as(relayer).consent.revokeWithSignature(revocation)).wait();
    expect(await f.as(undefined).consent.isLive(grantId)).to.equal(false);
  });

  it("prepares a relayed grant", async function () {
    const f = await loadFixture(consented);
    const signed = await f.as(exporter).consent.signGrant(f.terms);
    const prepared = await f.as(undefined).consent.grantWithSignature.prepare(signed, { account: relayer });
    expect(prepared).to.include({ operation: "consent.grantWithSignature", from: relayer, result: signed.grantId });
  });

  it("refuses a grant signed by another account than the owner named with RailsInvalidSignature(owner)", async function () {
    const f = await loadFixture(consented);
    const signed = await f.as(importer).consent.signGrant(f.terms, { nonce: 1n });
    const error = await rejects(
      f.as(relayer).consent.grantWithSignature({ ...signed, owner: exporter }),
      ContractRevertError,
    );
    expect(error.errorName).to.equal("RailsInvalidSignature");
    expect(error.args).to.deep.equal([exporter]);
  });

  it("refuses a signature past its deadline with RailsExpired", async function () {
    const f = await loadFixture(consented);
    const signed = await f.as(exporter).consent.signGrant(f.terms, { deadline: f.now + 60n });
    await time.increaseTo(f.now + 120n);
    const error = await rejects(f.as(relayer).consent.grantWithSignature(signed), ContractRevertError);
    expect(error.errorName).to.equal("RailsExpired");
  });

  it("refuses a replayed signed grant with ConsentInvalidNonce", async function () {
    const f = await loadFixture(consented);
    const signed = await f.as(exporter).consent.signGrant(f.terms);
    await (await f.as(relayer).consent.grantWithSignature(signed)).wait();
    const error = await rejects(f.as(relayer).consent.grantWithSignature(signed), ContractRevertError);
    expect(error.errorName).to.equal("ConsentInvalidNonce");
    expect(error.args).to.deep.equal([exporter, 1n]);
  });

  it("refuses signed terms someone changed (another grantee) with RailsInvalidSignature", async function () {
    const f = await loadFixture(consented);
    const signed = await f.as(exporter).consent.signGrant(f.terms);
    const error = await rejects(
      f.as(relayer).consent.grantWithSignature({ ...signed, terms: { ...signed.terms, grantee: cnBank } }),
      ContractRevertError,
    );
    expect(error.errorName).to.equal("RailsInvalidSignature");
  });

  it("refuses a malformed signed grant before sending", async function () {
    const f = await loadFixture(consented);
    const signed = await f.as(exporter).consent.signGrant(f.terms);
    await rejects(
      f
        .as(relayer)
        .consent.grantWithSignature({ ...signed, terms: { ...signed.terms, purpose: "curiosity" as never } }),
      InvalidArgumentError,
      "terms.purpose",
    );
  });
});

describe("SDK: consent.revoke and revokeWithSignature", function () {
  it("revokes at once: isLive false, ConsentRevoked in the receipt", async function () {
    const f = await loadFixture(consented);
    const { events } = await (await f.as(exporter).consent.revoke({ grantId: f.grantId })).wait();
    expect(events.map((e) => e.eventName)).to.deep.equal(["ConsentRevoked"]);
    expect(await f.as(undefined).consent.isLive(f.grantId)).to.equal(false);
    expect((await f.as(undefined).consent.grantOf(f.grantId))?.revoked).to.equal(true);
  });

  it("prepares a revocation", async function () {
    const f = await loadFixture(consented);
    const prepared = await f.as(undefined).consent.revoke.prepare({ grantId: f.grantId }, { account: exporter });
    expect(prepared).to.include({ operation: "consent.revoke", from: exporter });
  });

  it("refuses a revocation by someone else than the owner with ConsentNotOwner", async function () {
    const f = await loadFixture(consented);
    const error = await rejects(f.as(bank).consent.revoke({ grantId: f.grantId }), ContractRevertError);
    expect(error.errorName).to.equal("ConsentNotOwner");
  });

  it("refuses a second revocation with ConsentRevokedGrant", async function () {
    const f = await loadFixture(consented);
    await (await f.as(exporter).consent.revoke({ grantId: f.grantId })).wait();
    const error = await rejects(f.as(exporter).consent.revoke({ grantId: f.grantId }), ContractRevertError);
    expect(error.errorName).to.equal("ConsentRevokedGrant");
  });

  it("refuses the revocation of an unknown grant with ConsentNotFound", async function () {
    const f = await loadFixture(consented);
    const error = await rejects(f.as(exporter).consent.revoke({ grantId: keccak256("0x01") }), ContractRevertError);
    expect(error.errorName).to.equal("ConsentNotFound");
  });

  it("revokes on the owner's signature relayed by anyone; a revocation signed by another is RailsInvalidSignature", async function () {
    const f = await loadFixture(consented);
    const forged = await f.as(bank, true).consent.signRevocation(f.grantId);
    const error = await rejects(f.as(relayer).consent.revokeWithSignature(forged), ContractRevertError);
    expect(error.errorName).to.equal("RailsInvalidSignature");
    const signed = await f.as(exporter, true).consent.signRevocation(f.grantId);
    const prepared = await f.as(undefined).consent.revokeWithSignature.prepare(signed, { account: relayer });
    expect(prepared.operation).to.equal("consent.revokeWithSignature");
    await (await f.as(relayer).consent.revokeWithSignature(signed)).wait();
    expect(await f.as(undefined).consent.isLive(f.grantId)).to.equal(false);
  });
});

describe("SDK: consent.covers and assertCovers", function () {
  it("covers the bank's read of the invoice for financing", async function () {
    const f = await loadFixture(consented);
    const query = { grantId: f.grantId, documentId: f.invoiceId, purpose: "financing" } as const;
    expect(await f.as(bank).consent.covers(query)).to.deep.equal({ covered: true });
    expect(await f.as(undefined).consent.covers({ ...query, grantee: bank })).to.deep.equal({ covered: true });
    await f.as(bank).consent.assertCovers(query);
  });

  const reasons: {
    reason: ConsentRefusal;
    error: string;
    setup?: (f: Awaited<ReturnType<typeof consented>>) => Promise<void>;
    query?: (f: Awaited<ReturnType<typeof consented>>) => Record<string, unknown>;
  }[] = [
    { reason: "notFound", error: "ConsentNotFound", query: () => ({ grantId: keccak256("0x01") }) },
    {
      reason: "revoked",
      error: "ConsentRevokedGrant",
      setup: async (f) => void (await (await f.as(exporter).consent.revoke({ grantId: f.grantId })).wait()),
    },
    { reason: "expired", error: "ConsentExpired", setup: async (f) => time.increaseTo(f.now + 31n * DAY) },
    {
      reason: "notVerified",
      error: "RailsNotVerified",
      setup: async (f) => {
        const r = createCargoRails({ publicClient, walletClient: chain.wallet(registrar), addresses: f.addresses });
        await (await r.participants.revoke({ account: bank })).wait();
      },
    },
    { reason: "notGrantee", error: "ConsentNotGrantee", query: () => ({ grantee: cnBank }) },
    { reason: "wrongPurpose", error: "ConsentWrongPurpose", query: () => ({ purpose: "compliance" }) },
    {
      reason: "documentUnavailable",
      error: "ConsentDocumentUnavailable",
      setup: async (f) =>
        void (await (await f.as(exporter).documents.revoke({ documentId: f.invoiceId, reason: "void" })).wait()),
    },
    { reason: "outOfScope", error: "ConsentOutOfScope", query: (f) => ({ documentId: f.packingListId }) },
  ];
  for (const r of reasons) {
    it(`says ${r.reason} (${r.error}); assertCovers throws it`, async function () {
      const f = await loadFixture(consented);
      await r.setup?.(f);
      const query = {
        grantId: f.grantId,
        grantee: bank,
        documentId: f.invoiceId,
        purpose: "financing" as const,
        ...r.query?.(f),
      };
      const coverage = await f.as(undefined).consent.covers(query);
      expect(coverage).to.deep.include({ covered: false, reason: r.reason });
      if (!coverage.covered) expect(coverage.error.errorName).to.equal(r.error);
      const error = await rejects(f.as(undefined).consent.assertCovers(query), ContractRevertError);
      expect(error.errorName).to.equal(r.error);
    });
  }

  it("says outOfScope for a document of another eBL, and for a feed served by another provider", async function () {
    const f = await loadFixture(consented);
    const consent = f.as(undefined).consent;
    const base = { grantee: bank, purpose: "financing" as const };
    expect(await consent.covers({ ...base, grantId: f.grantId, documentId: f.otherBillInvoiceId })).to.deep.include({
      reason: "outOfScope",
    });
    const { grantId } = await (
      await f.as(exporter).consent.grant({ ...f.terms, scope: { kind: "providerFeed", provider } })
    ).wait();
    expect(await consent.covers({ ...base, grantId, documentId: f.invoiceId, provider })).to.deep.equal({
      covered: true,
    });
    expect(await consent.covers({ ...base, grantId, documentId: f.invoiceId, provider: relayer })).to.deep.include({
      reason: "outOfScope",
    });
  });
});

describe("SDK: data requests and recorded accesses", function () {
  it("the grantee signs a request (random nonce); the local digest equals the contract's hashDataRequest", async function () {
    const f = await loadFixture(consented);
    const grantee = f.as(bank, true).consent;
    const a = await grantee.signDataRequest({ grantId: f.grantId, documentId: f.invoiceId });
    const b = await grantee.signDataRequest({ grantId: f.grantId, documentId: f.invoiceId });
    expect(a.request.purpose).to.equal("financing"); // the grant's, read from the chain
    expect(a.request.nonce).to.match(/^0x[0-9a-f]{64}$/);
    expect(a.request.nonce).to.not.equal(b.request.nonce);
    const onChain = await publicClient.readContract({
      address: f.consentRegistry,
      abi: consentRegistryAbi,
      functionName: "hashDataRequest",
      args: [{ ...a.request, purpose: 1 }],
    });
    expect(a.requestHash).to.equal(onChain);
    expect(await grantee.hashDataRequest(a.request)).to.equal(onChain);
    expect(hashDataRequest(a.request, await grantee.domain())).to.equal(onChain);
    const recovered = await recoverTypedDataAddress({
      domain: await grantee.domain(),
      types: dataRequestTypes,
      primaryType: "DataRequest",
      message: { ...a.request, purpose: 1 },
      signature: a.signature,
    });
    expect(recovered).to.equal(bank);
  });

  it("the provider records the access: AccessRecorded with the request's digest; isRecorded; a replay is ConsentRequestReplayed", async function () {
    const f = await loadFixture(consented);
    const signed = await f.as(bank).consent.signDataRequest({ grantId: f.grantId, documentId: f.invoiceId });
    const { requestHashes, events } = await (await f.as(provider).consent.recordAccess(signed)).wait();
    expect(requestHashes).to.deep.equal([signed.requestHash]);
    expect(events.find((e) => e.eventName === "AccessRecorded")?.args).to.deep.include({
      grantId: f.grantId,
      grantee: bank,
      documentId: f.invoiceId,
      requestHash: signed.requestHash,
      recorder: provider,
    });
    expect(await f.as(undefined).consent.isRecorded(signed.requestHash)).to.equal(true);
    const error = await rejects(f.as(provider).consent.recordAccess(signed), ContractRevertError);
    expect(error.errorName).to.equal("ConsentRequestReplayed");
  });

  it("prepares a recording, and records a batch in one transaction", async function () {
    const f = await loadFixture(consented);
    const bankConsent = f.as(bank).consent;
    const one = await bankConsent.signDataRequest({ grantId: f.grantId, documentId: f.invoiceId });
    const two = await bankConsent.signDataRequest({ grantId: f.grantId, documentId: f.invoiceId });
    const prepared = await f.as(undefined).consent.recordAccess.prepare(one, { account: provider });
    expect(prepared).to.include({ operation: "consent.recordAccess", from: provider, result: one.requestHash });
    const { requestHashes } = await (await f.as(provider).consent.recordAccesses([one, two])).wait();
    expect(requestHashes).to.deep.equal([one.requestHash, two.requestHash]);
  });

  it("refuses a request signed by someone else than the grantee with RailsInvalidSignature(grantee)", async function () {
    const f = await loadFixture(consented);
    const forged = await f.as(cnBank).consent.signDataRequest({
      grantId: f.grantId,
      documentId: f.invoiceId,
      purpose: "financing",
    });
    const error = await rejects(f.as(provider).consent.recordAccess(forged), ContractRevertError);
    expect(error.errorName).to.equal("RailsInvalidSignature");
    expect(error.args).to.deep.equal([bank]);
  });

  it("refuses a request past its deadline with RailsExpired", async function () {
    const f = await loadFixture(consented);
    const signed = await f.as(bank).consent.signDataRequest({
      grantId: f.grantId,
      documentId: f.invoiceId,
      deadline: f.now + 60n,
    });
    await time.increaseTo(f.now + 120n);
    const error = await rejects(f.as(provider).consent.recordAccess(signed), ContractRevertError);
    expect(error.errorName).to.equal("RailsExpired");
  });

  it("refuses a request for a purpose the grant does not give with ConsentWrongPurpose", async function () {
    const f = await loadFixture(consented);
    const signed = await f.as(bank).consent.signDataRequest({
      grantId: f.grantId,
      documentId: f.invoiceId,
      purpose: "compliance",
    });
    const error = await rejects(f.as(provider).consent.recordAccess(signed), ContractRevertError);
    expect(error.errorName).to.equal("ConsentWrongPurpose");
  });

  it("refuses to sign a request under an unknown grant without a purpose, and a malformed request", async function () {
    const f = await loadFixture(consented);
    await rejects(
      f.as(bank).consent.signDataRequest({ grantId: keccak256("0x01"), documentId: f.invoiceId }),
      InvalidArgumentError,
      "grantId",
    );
    const signed = await f.as(bank).consent.signDataRequest({ grantId: f.grantId, documentId: f.invoiceId });
    await rejects(
      f.as(provider).consent.recordAccess({ ...signed, request: { ...signed.request, nonce: "0x01" as Hex } }),
      InvalidArgumentError,
      "request.nonce",
    );
  });
});

describe("SDK: consent.accessLog", function () {
  async function accessed() {
    const f = await loadFixture(consented);
    const second = await (
      await f.as(exporter).consent.grant({ ...f.terms, grantee: cnBank, purpose: "compliance" })
    ).wait();
    const reads: Hex[] = [];
    for (const [grantee, grantId] of [
      [bank, f.grantId],
      [cnBank, second.grantId],
      [bank, f.grantId],
    ] as const) {
      const signed = await f.as(grantee).consent.signDataRequest({ grantId, documentId: f.invoiceId });
      await (await f.as(provider).consent.recordAccess(signed)).wait();
      reads.push(signed.requestHash);
    }
    return { ...f, second: second.grantId, reads };
  }

  it("lists one grant's accesses, oldest first, with who read what, why and when", async function () {
    const f = await accessed();
    const log = await f.as(undefined).consent.accessLog({ grantId: f.grantId });
    expect(log.records.map((r) => r.requestHash)).to.deep.equal([f.reads[0], f.reads[2]]);
    expect(log.records[0]).to.deep.include({
      grantId: f.grantId,
      grantee: bank,
      documentId: f.invoiceId,
      purpose: "financing",
      recorder: provider,
    });
    expect(log.records[0]!.time).to.be.instanceOf(Date);
    expect(log.cursor).to.equal(null);
  });

  it("lists every access under an owner's grants, and pages them with a cursor", async function () {
    const f = await accessed();
    const consent = f.as(undefined).consent;
    const all = await consent.accessLog({ owner: exporter });
    expect(all.records.map((r) => r.requestHash)).to.deep.equal(f.reads);
    expect(all.records.map((r) => r.purpose)).to.deep.equal(["financing", "compliance", "financing"]);
    const first = await consent.accessLog({ owner: exporter }, { limit: 2, blockRange: 1n });
    expect(first.records.map((r) => r.requestHash)).to.deep.equal(f.reads.slice(0, 2));
    expect(first.cursor).to.not.equal(null);
    const rest = await consent.accessLog({ owner: exporter }, { cursor: first.cursor! });
    expect(rest.records.map((r) => r.requestHash)).to.deep.equal(f.reads.slice(2));
    expect(rest.cursor).to.equal(null);
    expect((await consent.accessLog({ owner: importer })).records).to.deep.equal([]);
  });

  it("finds an owner's accesses from a fromBlock after the grant (the grant is looked up before it)", async function () {
    const f = await accessed();
    const firstRecord = (await f.as(undefined).consent.accessLog({ grantId: f.grantId })).records[0]!;
    const log = await f.as(undefined).consent.accessLog({ owner: exporter }, { fromBlock: firstRecord.blockNumber });
    expect(log.records.map((r) => r.requestHash)).to.deep.equal(f.reads);
  });

  it("refuses a cursor of another query", async function () {
    const f = await accessed();
    const consent = f.as(undefined).consent;
    const first = await consent.accessLog({ owner: exporter }, { limit: 1, blockRange: 1n });
    await rejects(consent.accessLog({ grantId: f.grantId }, { cursor: first.cursor! }), InvalidArgumentError, "cursor");
  });
});

describe("SDK: consent without its contract", function () {
  it("rails.consent throws a ContractNotConfiguredError without addresses.consentRegistry", function () {
    const rails = createCargoRails({ publicClient, addresses: { participantRegistry: zeroAddress } });
    expect(() => rails.consent).to.throw(ContractNotConfiguredError, "consentRegistry");
  });

  it("signing needs a wallet or a signer", async function () {
    const f = await loadFixture(consented);
    await rejects(f.as(undefined).consent.signGrant(f.terms), WalletRequiredError, "consent.signGrant");
  });
});
