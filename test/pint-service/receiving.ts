/**
 * The receiving side of PINT 3.0 on platform B, driven over loopback HTTP as another platform sends: envelopes built
 * with the SDK from an eBL's history on platform A and signed with A's key (or tampered with, or signed with a key B
 * does not know). Every refusal is a signed answer with the status PINT names, and leaves B's registry unchanged.
 */
import { generateKeyPairSync } from "node:crypto";

import { expect } from "chai";
import type { Address } from "viem";

import { buildEnvelope, verifyResponse, type PintSigner } from "../../sdk/src/pint/index.js";
import { signingKeyOf } from "../../services/pint/src/keys.js";
import { createWorld, party, pint, type Json, type World } from "./world.js";

describe("PINT service: receiving envelopes", function () {
  this.timeout(120_000);
  let w: World;

  before(async function () {
    w = await createWorld();
    await w.start(w.b, { CRLA: w.peerOf(w.a) });
  });
  after(async function () {
    await w?.cleanUp();
  });

  const invoice = new TextEncoder().encode('{"invoice":"INV-77","amount":"125000.00"}');

  /** An eBL issued on A and blank endorsed, and its envelope to the importer on B, signed by `signer` (A's key). */
  async function envelope(options: { signer?: PintSigner; documents?: Uint8Array } = {}) {
    const { tokenId, document } = await w.issue(w.a);
    await (await w.a.as(w.exporter).ebl.blankEndorse({ tokenId })).wait();
    const history = await w.a.as(w.exporter).ebl.history(tokenId);
    const built = await buildEnvelope({
      platform: "CRLA",
      transportDocument: document as never,
      history,
      signer: options.signer ?? w.a.key.signer,
      transfer: { recipient: party("CRLB", w.importer), actionDateTime: history.entries.at(-1)!.time },
      ...(options.documents === undefined
        ? {}
        : {
            supportingDocuments: [{ name: "invoice.json", mediaType: "application/json", content: options.documents }],
          }),
    });
    return { tokenId, document, built };
  }

  /** The signed answer's payload, verified against B's published key. */
  async function answer(body: unknown) {
    const result = await verifyResponse(body as string, { keys: { keys: [w.b.key.publicJwk] } });
    if (!result.ok) throw new Error(`B's answer does not verify: ${result.reason}`);
    return result.response;
  }

  async function statusOnB(tokenId: bigint) {
    return (await w.b.as(w.importer).ebl.bill(tokenId)).status;
  }

  it("accepts an envelope without documents at the start: 200 RECE, the eBL live on B with the importer", async function () {
    const { tokenId, built } = await envelope();
    const started = await pint(w.b.url, "POST", "/v3/envelopes", built.envelope);
    const response = await answer(started.body);
    expect([started.status, response.reason]).to.deep.equal([200, undefined]);
    expect(response.responseCode).to.equal("RECE");
    expect(response.lastEnvelopeTransferChainEntrySignedContentChecksum).to.equal(built.lastEntryChecksum);
    const bill = await w.b.as(w.importer).ebl.bill(tokenId);
    expect(bill.status).to.equal("issued");
    expect(bill.holder).to.equal(w.importer);
  });

  it("refuses a transport document with one byte changed: 422 BENV, nothing on chain", async function () {
    const { tokenId, built } = await envelope();
    const tampered = {
      ...built.envelope,
      transportDocument: {
        ...(built.envelope.transportDocument as Json),
        transportDocumentReference: `${(built.envelope.transportDocument as Json).transportDocumentReference as string}Y`,
      },
    };
    const blockBefore = await w.head();
    const response = await pint(w.b.url, "POST", "/v3/envelopes", tampered);
    expect(response.status).to.equal(422);
    expect((await answer(response.body)).responseCode).to.equal("BENV");
    expect(await w.logsSince(w.b, blockBefore)).to.deep.equal([]);
    expect(await statusOnB(tokenId)).to.equal("none");
  });

  it("refuses a chain entry whose signature has one byte changed: 422 BSIG, nothing on chain", async function () {
    const { tokenId, built } = await envelope();
    const chain = [...built.envelope.envelopeTransferChain];
    const last = chain.at(-1)!;
    const flip = last.length - 5;
    chain[chain.length - 1] = `${last.slice(0, flip)}${last[flip] === "A" ? "B" : "A"}${last.slice(flip + 1)}`;
    const response = await pint(w.b.url, "POST", "/v3/envelopes", { ...built.envelope, envelopeTransferChain: chain });
    expect(response.status).to.equal(422);
    expect((await answer(response.body)).responseCode).to.equal("BSIG");
    expect(await statusOnB(tokenId)).to.equal("none");
  });

  it("refuses an envelope signed with a key the sending platform never published: 422 BSIG", async function () {
    const stranger = signingKeyOf(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey, "crla-unknown");
    const { tokenId, built } = await envelope({ signer: stranger.signer });
    const response = await pint(w.b.url, "POST", "/v3/envelopes", built.envelope);
    expect(response.status).to.equal(422);
    const refusal = await answer(response.body);
    expect(refusal.responseCode).to.equal("BSIG");
    expect(refusal.reason).to.match(/crla-unknown/);
    expect(await statusOnB(tokenId)).to.equal("none");
  });

  it("answers MDOC with the missing checksum until the document is sent, INCD for wrong bytes, then RECE", async function () {
    const { tokenId, built } = await envelope({ documents: invoice });
    const checksum = built.documents[0]!.documentChecksum;
    const started = await pint(w.b.url, "POST", "/v3/envelopes", built.envelope);
    expect(started.status).to.equal(201);
    const { envelopeReference, missingAdditionalDocumentChecksums } = started.body as {
      envelopeReference: string;
      missingAdditionalDocumentChecksums: string[];
    };
    expect(missingAdditionalDocumentChecksums).to.deep.equal([checksum]);

    const early = await pint(w.b.url, "PUT", `/v3/envelopes/${envelopeReference}/finish-transfer`);
    expect(early.status).to.equal(409);
    const mdoc = await answer(early.body);
    expect(mdoc.responseCode).to.equal("MDOC");
    expect(mdoc.missingAdditionalDocumentChecksums).to.deep.equal([checksum]);
    expect(await statusOnB(tokenId)).to.equal("none");

    const wrong = await pint(
      w.b.url,
      "PUT",
      `/v3/envelopes/${envelopeReference}/additional-documents/${checksum}`,
      Buffer.from("not the invoice").toString("base64"),
    );
    expect(wrong.status).to.equal(409);
    expect((await answer(wrong.body)).responseCode).to.equal("INCD");
    expect(
      (await answer((await pint(w.b.url, "PUT", `/v3/envelopes/${envelopeReference}/finish-transfer`)).body))
        .responseCode,
    ).to.equal("MDOC");

    const sent = await pint(
      w.b.url,
      "PUT",
      `/v3/envelopes/${envelopeReference}/additional-documents/${checksum}`,
      Buffer.from(invoice).toString("base64"),
    );
    expect(sent.status).to.equal(204);
    const finished = await pint(w.b.url, "PUT", `/v3/envelopes/${envelopeReference}/finish-transfer`);
    expect(finished.status).to.equal(200);
    const rece = await answer(finished.body);
    expect(rece.responseCode).to.equal("RECE");
    expect(rece.receivedAdditionalDocumentChecksums).to.deep.equal([checksum]);
    expect(await statusOnB(tokenId)).to.equal("issued");
  });

  it("resumes a transfer after a restart in the middle: the new process finishes it from the database", async function () {
    const packingList = new TextEncoder().encode('{"packingList":"PL-9","cartons":120}');
    const { tokenId, built } = await envelope({ documents: packingList });
    const checksum = built.documents[0]!.documentChecksum;
    const started = await pint(w.b.url, "POST", "/v3/envelopes", built.envelope);
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    const { envelopeReference } = started.body as { envelopeReference: string };
    await w.stop(w.b);
    await w.start(w.b, { CRLA: w.peerOf(w.a) });
    const sent = await pint(
      w.b.url,
      "PUT",
      `/v3/envelopes/${envelopeReference}/additional-documents/${checksum}`,
      Buffer.from(packingList).toString("base64"),
    );
    expect(sent.status).to.equal(204);
    const finished = await pint(w.b.url, "PUT", `/v3/envelopes/${envelopeReference}/finish-transfer`);
    expect((await answer(finished.body)).responseCode).to.equal("RECE");
    expect(await statusOnB(tokenId)).to.equal("issued");
    // A repeated finish answers the same signed RECE, and imports nothing twice.
    const again = await pint(w.b.url, "PUT", `/v3/envelopes/${envelopeReference}/finish-transfer`);
    expect(again.body).to.equal(finished.body);
  });

  it("does not ask again for a document it received in an earlier transfer: RECE at the start", async function () {
    const { tokenId, built } = await envelope({ documents: invoice }); // the MDOC test's invoice, received then
    const started = await pint(w.b.url, "POST", "/v3/envelopes", built.envelope);
    expect(started.status).to.equal(200);
    expect((await answer(started.body)).receivedAdditionalDocumentChecksums).to.deep.equal([
      built.documents[0]!.documentChecksum,
    ]);
    expect(await statusOnB(tokenId)).to.equal("issued");
  });

  it("answers DISE when the eBL is live on B's registry already, and changes nothing", async function () {
    const { tokenId, document, built } = await envelope();
    await (await w.b.as(w.carrier).ebl.issue({ document, shipper: w.exporter })).wait();
    const before = await w.b.as(w.exporter).ebl.bill(tokenId);
    const blockBefore = await w.head();
    const response = await pint(w.b.url, "POST", "/v3/envelopes", built.envelope);
    expect(response.status).to.equal(409);
    const dise = await answer(response.body);
    expect(dise.responseCode).to.equal("DISE");
    expect(dise.reason).to.match(/issued on this platform's registry/);
    expect(await w.logsSince(w.b, blockBefore)).to.deep.equal([]);
    expect(await w.b.as(w.exporter).ebl.bill(tokenId)).to.deep.equal(before);
  });

  it("refuses an envelope whose last transaction is not addressed to a party of B: 422 BENV", async function () {
    const { tokenId, document } = await w.issue(w.a);
    await (await w.a.as(w.exporter).ebl.blankEndorse({ tokenId })).wait();
    const history = await w.a.as(w.exporter).ebl.history(tokenId);
    const built = await buildEnvelope({
      platform: "CRLA",
      transportDocument: document as never,
      history,
      signer: w.a.key.signer,
      transfer: { recipient: party("CARX", w.importer as Address), actionDateTime: history.entries.at(-1)!.time },
    });
    const response = await pint(w.b.url, "POST", "/v3/envelopes", built.envelope);
    expect(response.status).to.equal(422);
    const benv = await answer(response.body);
    expect(benv.responseCode).to.equal("BENV");
    expect(benv.reason).to.match(/recipient/);
  });

  it("answers an unknown envelope reference with an unsigned 404 ErrorResponse", async function () {
    const response = await pint(w.b.url, "PUT", "/v3/envelopes/no-such-transfer/finish-transfer");
    expect(response.status).to.equal(404);
    expect((response.body as { statusCode: number; errors: unknown[] }).statusCode).to.equal(404);
  });
});
