/**
 * Two platforms exchange an eBL through their PINT services over loopback HTTP: platform A exports one of its eBLs
 * to platform B (lock on A's gateway, envelope, RECE, export completed on A, import on B), B sends it back, a re-sent
 * accepted envelope is a DUPE that changes nothing, and a refusal (DISE) unlocks the eBL on the sending side.
 */
import { expect } from "chai";

import { createWorld, party, pint, type World } from "./world.js";
import { verifyResponse } from "../../sdk/src/pint/index.js";

describe("PINT service: an eBL between two platforms", function () {
  this.timeout(120_000);
  let w: World;

  before(async function () {
    w = await createWorld();
    await w.start(w.a, { CRLB: w.peerOf(w.b) });
    await w.start(w.b, { CRLA: w.peerOf(w.a) });
  });
  after(async function () {
    await w?.cleanUp();
  });

  /** Issues on A to the exporter, blank endorses (title travels with possession), locks for B, exports. */
  async function exportToB() {
    const { tokenId, document } = await w.issue(w.a);
    await (await w.a.as(w.exporter).ebl.blankEndorse({ tokenId })).wait();
    await w.lock(w.a, w.exporter, tokenId, "CRLB");
    const view = await w.a.service!.sender.export({
      tokenId,
      transportDocument: document,
      recipient: party("CRLB", w.importer),
      supportingDocuments: [
        {
          name: "invoice.json",
          mediaType: "application/json",
          content: new TextEncoder().encode('{"invoice":"INV-1"}'),
        },
      ],
    });
    return { tokenId, document, view };
  }

  it("exports an eBL to the other platform: RECE, the export completed on A, the eBL live on B with the importer", async function () {
    const { tokenId, view } = await exportToB();
    expect(view.step).to.equal("completed");
    expect(view.responseCode).to.equal("RECE");
    expect((await w.a.as(w.exporter).ebl.bill(tokenId)).status).to.equal("exported");
    const onB = await w.b.as(w.importer).ebl.bill(tokenId);
    expect(onB.status).to.equal("issued");
    expect(onB.holder).to.equal(w.importer);
    expect(onB.titleHolder).to.equal(null); // blank endorsed: the holder has title
    // B's signed RECE verifies against B's published keys and names A's last chain entry.
    const answer = await verifyResponse(view.response!, { keys: { keys: [w.b.key.publicJwk] } });
    expect(answer.ok && answer.response.lastEnvelopeTransferChainEntrySignedContentChecksum).to.equal(
      view.lastEntryChecksum,
    );
  });

  it("sends the eBL back from B to A: the chain grows by B's entry, A imports it for the exporter", async function () {
    const { tokenId, document } = await exportToB();
    await w.lock(w.b, w.importer, tokenId, "CRLA");
    const back = await w.b.service!.sender.export({
      tokenId,
      transportDocument: document,
      recipient: party("CRLA", w.exporter),
      supportingDocuments: [],
    });
    const why =
      back.response === null ? back.lastError : Buffer.from(back.response.split(".")[1]!, "base64url").toString();
    expect(back.step, why ?? "").to.equal("completed");
    expect(back.responseCode).to.equal("RECE");
    const onA = await w.a.as(w.exporter).ebl.bill(tokenId);
    expect(onA.status).to.equal("issued");
    expect(onA.holder).to.equal(w.exporter);
    expect((await w.b.as(w.importer).ebl.bill(tokenId)).status).to.equal("exported");
    const envelope = JSON.parse(w.b.service!.store.export(tokenId.toString())!.envelope) as {
      envelopeTransferChain: string[];
    };
    expect(envelope.envelopeTransferChain).to.have.length(2); // A's entry, then B's
  });

  it("answers a re-sent accepted envelope with a signed DUPE and changes nothing", async function () {
    const { tokenId } = await exportToB();
    const sent = w.a.service!.store.export(tokenId.toString())!;
    const before = await w.b.as(w.importer).ebl.bill(tokenId);
    const blockBefore = await w.head();
    const again = await pint(w.b.url, "POST", "/v3/envelopes", sent.envelope);
    expect(again.status).to.equal(200);
    expect(again.apiVersion).to.equal("3.0.0");
    const answer = await verifyResponse(again.body as string, { keys: { keys: [w.b.key.publicJwk] } });
    expect(answer.ok && answer.response.responseCode).to.equal("DUPE");
    expect(answer.ok && answer.response.duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent).to.equal(
      (JSON.parse(sent.envelope) as { envelopeTransferChain: string[] }).envelopeTransferChain.at(-1),
    );
    expect(await w.logsSince(w.b, blockBefore)).to.deep.equal([]);
    expect(await w.b.as(w.importer).ebl.bill(tokenId)).to.deep.equal(before);
  });

  it("cancels the export on a signed DISE (the eBL is live on the receiving registry): the holder has it back", async function () {
    const { tokenId, document } = await w.issue(w.a);
    // The same B/L is live on B's registry already (issued there by the carrier).
    await (await w.b.as(w.carrier).ebl.issue({ document, shipper: w.exporter })).wait();
    const onBBefore = await w.b.as(w.exporter).ebl.bill(tokenId);
    await (await w.a.as(w.exporter).ebl.blankEndorse({ tokenId })).wait();
    await w.lock(w.a, w.exporter, tokenId, "CRLB");
    const view = await w.a.service!.sender.export({
      tokenId,
      transportDocument: document,
      recipient: party("CRLB", w.importer),
      supportingDocuments: [],
    });
    expect(view.step).to.equal("cancelled");
    expect(view.responseCode).to.equal("DISE");
    const onA = await w.a.as(w.exporter).ebl.bill(tokenId);
    expect(onA.status).to.equal("issued");
    expect(onA.holder).to.equal(w.exporter);
    expect(await w.b.as(w.exporter).ebl.bill(tokenId)).to.deep.equal(onBBefore);
  });

  it("refuses to export an eBL that its holder did not lock (409, nothing sent)", async function () {
    const { tokenId, document } = await w.issue(w.a);
    const response = await fetch(`${w.a.url}/admin/exports`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        tokenId: tokenId.toString(),
        transportDocument: document,
        recipient: party("CRLB", w.importer),
      }),
    });
    expect(response.status).to.equal(409);
    const body = (await response.json()) as { statusCodeMessage: string };
    expect(body.statusCodeMessage).to.match(/not locked for an export/);
    expect(w.a.service!.store.export(tokenId.toString())).to.equal(undefined);
  });

  it("publishes its signing key at /.well-known/jwks.json", async function () {
    const response = await fetch(`${w.a.url}/.well-known/jwks.json`);
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ keys: [w.a.key.publicJwk] });
  });
});
