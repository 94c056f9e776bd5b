/**
 * Uploading a document's bytes to the data provider over real HTTP, against a real anvil node: accepted only when
 * signed by the document's issuer or owner (EIP-712 `DocumentUpload`) and when the bytes hash to the registry's
 * current version; the content type is kept. Every other upload is refused with its status and stores nothing.
 */
import { expect } from "chai";
import hre from "hardhat";
import { bytesToHex, sha256, type Hex } from "viem";

import {
  DATA_PROVIDER_DOMAIN_NAME,
  DATA_PROVIDER_DOMAIN_VERSION,
  DataProviderError,
  DataProviderGoneError,
  DataProviderIntegrityError,
  DataProviderNotFoundError,
  DataProviderPayloadError,
  DataProviderUnauthorizedError,
  documentUploadTypes,
} from "../../sdk/src/index.js";
import { tradeDocumentRegistryAbi } from "../../sdk/src/abi/index.js";
import type { DataProvider } from "../../services/data-provider/src/provider.js";
import { CHAIN_ID, account, client, keys, registerDocument, startProvider, world, write, type World } from "./world.js";

describe("Data provider: uploading a document", function () {
  this.timeout(240_000);

  let w: World;
  let provider: DataProvider;
  let url: string;

  before(async function () {
    if (hre.globalOptions.coverage) this.skip(); // a real node refuses the instrumented contracts (see AnvilNode.ts)
    w = await world();
    ({ provider, url } = await startProvider(w, { maxDocumentBytes: 4096 }));
  });

  after(async function () {
    await provider?.stop();
  });

  /** Expects the upload to be refused with this status and reason, and nothing stored. */
  async function refused(
    documentId: Hex,
    act: () => Promise<unknown>,
    expected: { errorClass: typeof DataProviderError; status: number; reason: string },
  ): Promise<DataProviderError> {
    const error = await act().then(
      () => expect.fail("the upload was accepted"),
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(expected.errorClass);
    const refusal = error as DataProviderError;
    expect([refusal.status, refusal.reason]).to.deep.equal([expected.status, expected.reason]);
    expect(provider.store.latestDocument(documentId)).to.equal(undefined);
    return refusal;
  }

  it("stores the bytes of the current version signed by the issuer, with their content type", async function () {
    const doc = await registerDocument(w, {
      content: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]),
    });
    const answer = await client(w, url).upload({
      signer: account(keys.exporter),
      documentId: doc.documentId,
      content: doc.content,
      contentType: "application/pdf",
    });
    expect(answer).to.deep.include({ version: 1, sha256: doc.sha256Hash, contentType: "application/pdf", size: 8 });
    expect(answer.uploadedBy).to.equal(account(keys.exporter).address);
    const stored = provider.store.document(doc.documentId, 1)!;
    expect([bytesToHex(stored.content), stored.contentType]).to.deep.equal([
      bytesToHex(doc.content),
      "application/pdf",
    ]);
  });

  it("accepts the upload of the document's owner when the owner is not the issuer", async function () {
    const doc = await registerDocument(w, { owner: keys.importer });
    const answer = await client(w, url).upload({
      signer: account(keys.importer),
      documentId: doc.documentId,
      content: doc.content,
      contentType: "application/json",
    });
    expect(answer.uploadedBy).to.equal(account(keys.importer).address);
  });

  it("refuses an upload signed by neither the issuer nor the owner (401 InvalidSignature)", async function () {
    const doc = await registerDocument(w);
    await refused(
      doc.documentId,
      () =>
        client(w, url).upload({
          signer: account(keys.hkBank),
          documentId: doc.documentId,
          content: doc.content,
          contentType: "application/json",
        }),
      { errorClass: DataProviderUnauthorizedError, status: 401, reason: "InvalidSignature" },
    );
  });

  it("refuses an upload signed for other bytes than those sent (401 InvalidSignature)", async function () {
    const doc = await registerDocument(w);
    const deadline = (await w.publicClient.getBlock()).timestamp + 600n;
    const signature = await account(keys.exporter).signTypedData({
      domain: { name: DATA_PROVIDER_DOMAIN_NAME, version: DATA_PROVIDER_DOMAIN_VERSION, chainId: CHAIN_ID },
      types: documentUploadTypes,
      primaryType: "DocumentUpload",
      message: {
        provider: provider.chain.provider,
        documentId: doc.documentId,
        sha256Hash: sha256(new Uint8Array([1])),
        contentType: "application/json",
        deadline,
      },
    });
    const response = await fetch(`${url}/v1/documents/${doc.documentId}`, {
      method: "PUT",
      headers: {
        "content-type": "application/json",
        "x-upload-signature": signature,
        "x-upload-deadline": deadline.toString(),
      },
      body: doc.content,
    });
    expect([response.status, ((await response.json()) as { error: string }).error]).to.deep.equal([
      401,
      "InvalidSignature",
    ]);
    expect(provider.store.latestDocument(doc.documentId)).to.equal(undefined);
  });

  it("refuses bytes that are not the registry's current version (422 DocumentHashMismatch)", async function () {
    const doc = await registerDocument(w);
    await refused(
      doc.documentId,
      () =>
        client(w, url).upload({
          signer: account(keys.exporter),
          documentId: doc.documentId,
          content: new TextEncoder().encode("a different invoice"),
          contentType: "application/json",
        }),
      { errorClass: DataProviderIntegrityError, status: 422, reason: "DocumentHashMismatch" },
    );
  });

  it("refuses a document the registry does not know (404 DocumentNotFound)", async function () {
    const unknown = `0x${"ef".repeat(32)}` as Hex;
    await refused(
      unknown,
      () =>
        client(w, url).upload({
          signer: account(keys.exporter),
          documentId: unknown,
          content: new Uint8Array([1, 2, 3]),
          contentType: "application/octet-stream",
        }),
      { errorClass: DataProviderNotFoundError, status: 404, reason: "DocumentNotFound" },
    );
  });

  it("refuses a revoked document (410 DocumentRevoked)", async function () {
    const doc = await registerDocument(w);
    await write(w, keys.exporter, {
      address: w.tradeDocumentRegistry,
      abi: tradeDocumentRegistryAbi,
      functionName: "revoke",
      args: [doc.documentId, "cancelled sale"],
    });
    const refusal = await refused(
      doc.documentId,
      () =>
        client(w, url).upload({
          signer: account(keys.exporter),
          documentId: doc.documentId,
          content: doc.content,
          contentType: "application/json",
        }),
      { errorClass: DataProviderGoneError, status: 410, reason: "DocumentRevoked" },
    );
    expect((refusal as DataProviderGoneError).currentVersion).to.equal(1);
  });

  it("refuses an upload whose signature has expired (401 RequestExpired)", async function () {
    const doc = await registerDocument(w);
    const now = (await w.publicClient.getBlock()).timestamp;
    await refused(
      doc.documentId,
      () =>
        client(w, url).upload({
          signer: account(keys.exporter),
          documentId: doc.documentId,
          content: doc.content,
          contentType: "application/json",
          deadline: now - 1n,
        }),
      { errorClass: DataProviderUnauthorizedError, status: 401, reason: "RequestExpired" },
    );
  });

  it("refuses a body larger than its limit (413 PayloadTooLarge)", async function () {
    const big = new Uint8Array(4097).fill(0x41);
    const doc = await registerDocument(w, { content: big });
    await refused(
      doc.documentId,
      () =>
        client(w, url).upload({
          signer: account(keys.exporter),
          documentId: doc.documentId,
          content: big,
          contentType: "text/plain",
        }),
      { errorClass: DataProviderPayloadError, status: 413, reason: "PayloadTooLarge" },
    );
  });

  it("refuses an upload without its signature headers (400 MalformedRequest)", async function () {
    const doc = await registerDocument(w);
    const response = await fetch(`${url}/v1/documents/${doc.documentId}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: doc.content,
    });
    expect([response.status, ((await response.json()) as { error: string }).error]).to.deep.equal([
      400,
      "MalformedRequest",
    ]);
  });
});
