/**
 * Releasing a document over real HTTP on loopback, against a real anvil node: a bank with the exporter's consent gets
 * the invoice, and the access is recorded on chain (AccessRecorded) before the bytes go out. Every other request
 * gets nothing, the precise status and reason, and leaves no record on chain and no entry in the provider's log.
 */
import { expect } from "chai";
import hre from "hardhat";
import { bytesToHex, getAddress, sha256, type Hex } from "viem";

import { consentRegistryAbi, tradeDocumentRegistryAbi } from "../../sdk/src/abi/index.js";
import {
  DataProviderConsentRefusedError,
  DataProviderError,
  DataProviderGoneError,
  DataProviderIntegrityError,
  DataProviderNotFoundError,
  DataProviderUnauthorizedError,
  DataProviderUnavailableError,
  documentTypes,
  signDataRequest,
  type ConsentPurpose,
} from "../../sdk/src/index.js";
import type { DataProvider } from "../../services/data-provider/src/provider.js";
import { freePort } from "../../scripts/lib/anvil.js";
import {
  accessesRecorded,
  account,
  advanceTime,
  client,
  grantConsent,
  keys,
  post,
  purpose,
  scopeKind,
  registerDocument,
  startProvider,
  world,
  write,
  type World,
} from "./world.js";

describe("Data provider: releasing a document under consent", function () {
  this.timeout(240_000);

  let w: World;
  let provider: DataProvider;
  let url: string;
  /** The exporter's invoice, uploaded to the provider, and the bank's consent to read it for financing. */
  let invoice: Awaited<ReturnType<typeof registerDocument>>;
  let grantId: Hex;
  /** The block this file starts at: the other files' providers use the same account. */
  let firstBlock: bigint;

  before(async function () {
    if (hre.globalOptions.coverage) this.skip(); // a real node refuses the instrumented contracts (see AnvilNode.ts)
    w = await world();
    firstBlock = await w.publicClient.getBlockNumber();
    ({ provider, url } = await startProvider(w));
    invoice = await registerDocument(w);
    await uploadAsExporter(invoice);
    grantId = await grantConsent(w);
  });

  after(async function () {
    await provider?.stop();
  });

  const bank = () => account(keys.hkBank);
  /** The exporter deposits a registered JSON document with the provider. */
  const uploadAsExporter = (document: { documentId: Hex; content: Uint8Array }) =>
    client(w, url).upload({
      signer: account(keys.exporter),
      documentId: document.documentId,
      content: document.content,
      contentType: "application/json",
    });
  /** The bank asks the provider for a document: by default the invoice, under this file's grant, for financing. */
  const requestAsBank = (params: Partial<{ grantId: Hex; documentId: Hex; purpose: ConsentPurpose }> = {}) =>
    client(w, url).requestDocument({
      signer: bank(),
      grantId,
      documentId: invoice.documentId,
      purpose: "financing",
      ...params,
    });

  /** Runs `act`, expects the typed error with this status and reason, and that nothing was recorded or logged. */
  async function refused(
    act: () => Promise<unknown>,
    expected: { errorClass: typeof DataProviderError; status: number; reason: string },
  ): Promise<DataProviderError> {
    const [before, logBefore] = [(await accessesRecorded(w)).length, provider.store.accesses().length];
    const error = await act().then(
      () => expect.fail("the provider released the document"),
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(expected.errorClass);
    const refusal = error as DataProviderError;
    expect([refusal.status, refusal.reason]).to.deep.equal([expected.status, expected.reason]);
    expect((await accessesRecorded(w)).length, "an access was recorded on chain").to.equal(before);
    expect(provider.store.accesses().length, "the provider logged an access").to.equal(logBefore);
    return refusal;
  }

  /** The request the bank signs, signed by `signer`, as the SDK does (the consent registry's own domain). */
  async function signedRequest(overrides: Partial<{ purpose: ConsentPurpose }> = {}, signer = bank()) {
    const now = (await w.publicClient.getBlock()).timestamp;
    const request = {
      grantId,
      documentId: invoice.documentId,
      purpose: "financing" as ConsentPurpose,
      nonce: bytesToHex(crypto.getRandomValues(new Uint8Array(32))),
      deadline: now + 600n,
      ...overrides,
    };
    const [, name, version, chainId, verifyingContract] = await w.publicClient.readContract({
      address: w.consentRegistry,
      abi: consentRegistryAbi,
      functionName: "eip712Domain",
    });
    const signature = await signDataRequest(signer, { domain: { name, version, chainId, verifyingContract }, request });
    // The wire format: the contract's struct, purpose as its number, deadline as a decimal string.
    return {
      request: { ...request, purpose: purpose(request.purpose), deadline: request.deadline.toString() },
      signature,
    };
  }

  it("releases the invoice to the bank with consent, after recording the access on chain", async function () {
    const released = await requestAsBank();
    expect(bytesToHex(released.content)).to.equal(bytesToHex(invoice.content));
    expect([released.contentType, released.version, released.sha256]).to.deep.equal([
      "application/json",
      1,
      invoice.sha256Hash,
    ]);
    // The recording transaction was mined before the answer, with the request's digest.
    const receipt = await w.publicClient.getTransactionReceipt({ hash: released.accessTransaction });
    expect(receipt.status).to.equal("success");
    expect(receipt.blockNumber).to.equal(released.accessBlock);
    const recorded = (await accessesRecorded(w)).find((e) => e.transactionHash === released.accessTransaction);
    expect(recorded?.args).to.deep.include({
      grantId,
      grantee: bank().address,
      documentId: invoice.documentId,
      requestHash: released.requestHash,
      purpose: purpose("financing"),
      recorder: provider.chain.provider,
    });
    expect(provider.store.access(released.requestHash)).to.deep.include({
      status: "recorded",
      txHash: released.accessTransaction.toLowerCase(),
    });
  });

  it("refuses a replayed request (409 ConsentRequestReplayed)", async function () {
    const body = await signedRequest();
    expect((await post(url, body)).status).to.equal(200);
    const [chainBefore, logBefore] = [(await accessesRecorded(w)).length, provider.store.accesses().length];
    const replay = await post(url, body);
    expect([replay.status, replay.json.error]).to.deep.equal([409, "ConsentRequestReplayed"]);
    expect((await accessesRecorded(w)).length).to.equal(chainBefore);
    expect(provider.store.accesses().length).to.equal(logBefore);
  });

  it("refuses a request the grant's grantee did not sign (401 InvalidSignature)", async function () {
    const refusal = await refused(
      () =>
        client(w, url).requestDocument({
          signer: account(keys.cnBank),
          grantId,
          documentId: invoice.documentId,
          purpose: "financing",
        }),
      { errorClass: DataProviderUnauthorizedError, status: 401, reason: "InvalidSignature" },
    );
    expect(refusal.body.expectedSigner).to.equal(bank().address);
  });

  it("refuses a request whose deadline has passed (401 RequestExpired)", async function () {
    const now = (await w.publicClient.getBlock()).timestamp;
    await refused(
      () =>
        client(w, url).requestDocument({
          signer: bank(),
          grantId,
          documentId: invoice.documentId,
          purpose: "financing",
          deadline: now - 1n,
        }),
      { errorClass: DataProviderUnauthorizedError, status: 401, reason: "RequestExpired" },
    );
  });

  it("refuses a purpose the consent was not given for (403 ConsentWrongPurpose)", async function () {
    await refused(() => requestAsBank({ purpose: "compliance" }), {
      errorClass: DataProviderConsentRefusedError,
      status: 403,
      reason: "ConsentWrongPurpose",
    });
  });

  it("refuses a document type outside the consent's scope (403 ConsentOutOfScope)", async function () {
    const packingList = await registerDocument(w, { type: documentTypes.PACKING_LIST });
    await uploadAsExporter(packingList);
    await refused(() => requestAsBank({ documentId: packingList.documentId }), {
      errorClass: DataProviderConsentRefusedError,
      status: 403,
      reason: "ConsentOutOfScope",
    });
  });

  it("refuses a document of another eBL than the one consented to (403 ConsentOutOfScope)", async function () {
    const billGrant = await grantConsent(w, {
      scopeKind: scopeKind("billDocuments"),
      target: w.eblRegistry,
      targetId: 2n,
    });
    await refused(
      () =>
        client(w, url).requestDocument({
          signer: bank(),
          grantId: billGrant,
          documentId: invoice.documentId, // bound to token 1
          purpose: "financing",
        }),
      { errorClass: DataProviderConsentRefusedError, status: 403, reason: "ConsentOutOfScope" },
    );
  });

  it("refuses an unknown grant (403 ConsentNotFound)", async function () {
    await refused(() => requestAsBank({ grantId: `0x${"ab".repeat(32)}` }), {
      errorClass: DataProviderConsentRefusedError,
      status: 403,
      reason: "ConsentNotFound",
    });
  });

  it("refuses after the owner revoked the consent (403 ConsentRevokedGrant)", async function () {
    const revocable = await grantConsent(w);
    await write(w, keys.exporter, {
      address: w.consentRegistry,
      abi: consentRegistryAbi,
      functionName: "revoke",
      args: [revocable],
    });
    await refused(() => requestAsBank({ grantId: revocable }), {
      errorClass: DataProviderConsentRefusedError,
      status: 403,
      reason: "ConsentRevokedGrant",
    });
  });

  it("refuses after the consent expired (403 ConsentExpired)", async function () {
    const shortLived = await grantConsent(w, { validFor: 3_600n });
    const request = () => requestAsBank({ grantId: shortLived });
    expect((await request()).sha256).to.equal(invoice.sha256Hash); // live before the expiry
    await advanceTime(w, 3_601);
    await refused(request, { errorClass: DataProviderConsentRefusedError, status: 403, reason: "ConsentExpired" });
  });

  it("refuses an unknown document (404 DocumentNotFound)", async function () {
    await refused(() => requestAsBank({ documentId: `0x${"cd".repeat(32)}` }), {
      errorClass: DataProviderNotFoundError,
      status: 404,
      reason: "DocumentNotFound",
    });
  });

  it("refuses a registered document it holds no bytes of (404 DocumentNotHeld)", async function () {
    const notUploaded = await registerDocument(w);
    await refused(() => requestAsBank({ documentId: notUploaded.documentId }), {
      errorClass: DataProviderNotFoundError,
      status: 404,
      reason: "DocumentNotHeld",
    });
  });

  it("refuses a document its issuer revoked (410 DocumentRevoked)", async function () {
    const revoked = await registerDocument(w);
    await uploadAsExporter(revoked);
    await write(w, keys.exporter, {
      address: w.tradeDocumentRegistry,
      abi: tradeDocumentRegistryAbi,
      functionName: "revoke",
      args: [revoked.documentId, "issued in error"],
    });
    const refusal = await refused(() => requestAsBank({ documentId: revoked.documentId }), {
      errorClass: DataProviderGoneError,
      status: 410,
      reason: "DocumentRevoked",
    });
    expect((refusal as DataProviderGoneError).currentVersion).to.equal(1);
  });

  it("refuses a document superseded since its upload, naming the current version (410 DocumentSuperseded)", async function () {
    const corrected = await registerDocument(w);
    await uploadAsExporter(corrected);
    const version2 = new TextEncoder().encode(`${new TextDecoder().decode(corrected.content)} `);
    await write(w, keys.exporter, {
      address: w.tradeDocumentRegistry,
      abi: tradeDocumentRegistryAbi,
      functionName: "supersede",
      args: [corrected.documentId, sha256(version2)],
    });
    const request = () => requestAsBank({ documentId: corrected.documentId });
    const refusal = await refused(request, {
      errorClass: DataProviderGoneError,
      status: 410,
      reason: "DocumentSuperseded",
    });
    expect([(refusal as DataProviderGoneError).currentVersion, refusal.body.heldVersion]).to.deep.equal([2, 1]);
    // Once the current version is uploaded, it is served.
    await client(w, url).upload({
      signer: account(keys.exporter),
      documentId: corrected.documentId,
      content: version2,
      contentType: "application/json",
    });
    expect((await request()).version).to.equal(2);
  });

  it("detects a tampered file in its store by hash and refuses it (422 StoredDocumentMismatch)", async function () {
    const stored = provider.store.document(invoice.documentId, 1)!;
    const tampered = new TextEncoder().encode(
      new TextDecoder().decode(stored.content).replace("125000.00", "925000.00"),
    );
    expect(bytesToHex(tampered)).not.to.equal(bytesToHex(stored.content));
    // Change the row behind the service's back, as an intruder with access to the database file would.
    const { DatabaseSync } = await import("node:sqlite");
    const db = new DatabaseSync(provider.store.path);
    try {
      db.prepare("UPDATE documents SET content = ? WHERE document_id = ? AND version = 1").run(
        tampered,
        invoice.documentId.toLowerCase(),
      );
    } finally {
      db.close();
    }
    const request = () =>
      client(w, url).requestDocument({ signer: bank(), grantId, documentId: invoice.documentId, purpose: "financing" });
    await refused(request, { errorClass: DataProviderIntegrityError, status: 422, reason: "StoredDocumentMismatch" });
    // The issuer uploads the right bytes again: served again.
    await uploadAsExporter(invoice);
    expect(bytesToHex((await request()).content)).to.equal(bytesToHex(invoice.content));
  });

  it("refuses a malformed request (400 MalformedRequest)", async function () {
    const body = await signedRequest();
    const cases = [
      "{not json",
      { ...body, request: { ...body.request, grantId: "0x1234" } },
      { ...body, request: { ...body.request, purpose: 9 } },
      { request: body.request },
      { ...body, extra: true },
    ];
    for (const malformed of cases) {
      const answer = await post(url, malformed);
      expect([answer.status, answer.json.error], JSON.stringify(malformed)).to.deep.equal([400, "MalformedRequest"]);
      expect(answer.json.message).to.be.a("string").and.not.equal("");
    }
  });

  it("answers 503 ChainUnavailable when its chain node cannot be reached, and releases nothing", async function () {
    const dead = await startProvider(w, {
      rpcUrl: `http://127.0.0.1:${await freePort()}`,
      database: provider.store.path.replace(/\.sqlite$/, "-dead.sqlite"),
    });
    try {
      const answer = await post(dead.url, await signedRequest());
      expect([answer.status, answer.json.error]).to.deep.equal([503, "ChainUnavailable"]);
      const health = await fetch(`${dead.url}/v1/health`);
      expect(health.status).to.equal(503);
      const error = await client(w, dead.url)
        .requestDocument({ signer: bank(), grantId, documentId: invoice.documentId, purpose: "financing" })
        .catch((e: unknown) => e);
      // The SDK client reads the chain itself (its own node is up): the provider's 503 is what it reports.
      expect(error).to.be.instanceOf(DataProviderUnavailableError);
      expect((error as DataProviderError).reason).to.equal("ChainUnavailable");
    } finally {
      await dead.provider.stop();
    }
  });

  it("recorded on chain every access it served, and only those", async function () {
    const served = provider.store.accesses();
    expect(served.every((a) => a.status === "recorded")).to.equal(true);
    const onChain = (await accessesRecorded(w)).filter(
      (e) => e.blockNumber > firstBlock && getAddress(e.args.recorder) === provider.chain.provider,
    );
    expect(onChain.map((e) => e.args.requestHash.toLowerCase()).sort()).to.deep.equal(
      served.map((a) => a.requestHash).sort(),
    );
    expect(onChain.map((e) => e.transactionHash.toLowerCase()).sort()).to.deep.equal(
      served.map((a) => a.txHash).sort(),
    );
  });
});
