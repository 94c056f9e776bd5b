/**
 * `@cargo-rails/sdk/pint` against a real deployment (the rails deployed on Hardhat's in-process network): the
 * envelope of an eBL issued and endorsed on the registry, built from its on-chain history and verified as a receiving
 * platform would, and every refusal PINT 3.0 names (BSIG, BENV, INCD, MDOC) on a tampered copy of it. The transport
 * document is DCSA's PINT sample (read from the shared DCSA fixtures at test time).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import { sha256, stringToBytes, type Address } from "viem";

import { InvalidArgumentError, type EblHistory } from "../../sdk/src/index.js";
import {
  addressOfPintParty,
  buildEnvelope,
  DCSA_PINT_VERSION,
  generatePintKeyPair,
  missingDocuments,
  PintBuildError,
  PintKeyError,
  pintActionsFromHistory,
  registryActionOf,
  signedContentChecksum,
  signJws,
  signResponse,
  validatePintSchema,
  verifyAdditionalDocument,
  verifyEnvelope,
  verifyResponse,
  type BuiltEnvelope,
  type EnvelopeVerification,
  type PintEnvelope,
  type PintFinishedResponse,
  type PintKeyPair,
  type PintParty,
  type PintResponseCode,
  type PintTransferChainEntry,
  type PintTransportDocument,
  type VerifiedEnvelope,
} from "../../sdk/src/pint/index.js";
import { pintSchemaModule } from "../../scripts/pint-schema.js";
import { DCSA_DIR, REPO_ROOT } from "../helpers/dcsa.js";
import { createSystemChain, toOrderDocument } from "./system.js";

const chain = await createSystemChain();
const { carrier, exporter, importer } = chain.accounts;
const { loadFixture } = chain.connection.networkHelpers;

const US = "CRLS"; // our platform's code in these tests
const THEM = "BPLT"; // the receiving platform's
const keyA: PintKeyPair = await generatePintKeyPair({ kid: "crls-2026-12" });
const keyB: PintKeyPair = await generatePintKeyPair({ kid: "bplt-1" });
const stranger: PintKeyPair = await generatePintKeyPair({ kid: "crls-2026-12" }); // same kid, other key
const keys = { [US]: { keys: [keyA.publicJwk] }, [THEM]: { keys: [keyB.publicJwk] } };
const recipient: PintParty = {
  partyName: "Kowloon Imports Ltd",
  eblPlatform: THEM,
  identifyingCodes: [{ codeListProvider: "ZZZ", partyCode: "KOWLOON-IMPORTS" }],
};
const invoice = { name: "invoice.pdf", mediaType: "application/pdf", content: stringToBytes("%PDF-1.7 invoice 42") };
const packingList = { name: "packing-list.pdf", mediaType: "application/pdf", content: stringToBytes("%PDF packing") };

/** A to-order eBL issued to the exporter, endorsed and delivered to the importer, and its history read back. */
async function endorsed() {
  const sys = await chain.system();
  const document = toOrderDocument("PINT0000001") as PintTransportDocument;
  const { tokenId, wait } = await sys.as(carrier).ebl.issue({ document, shipper: exporter });
  await wait();
  await (await sys.as(exporter).ebl.endorseAndDeliver({ tokenId, endorsee: importer })).wait();
  const history = await sys.as(undefined).ebl.history(tokenId);
  const built = await buildEnvelope({
    transportDocument: document,
    history,
    platform: US,
    signer: keyA.signer,
    transfer: { recipient },
    supportingDocuments: [invoice, packingList],
  });
  return { sys, document, tokenId, history, built };
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const refused = (result: EnvelopeVerification) => (result.ok ? "accepted" : result.responseCode);
/** The JWS with one character of its payload (`part` 1) or signature (`part` 2) changed. */
function tamper(jws: string, part: 1 | 2): string {
  const parts = jws.split(".");
  const text = parts[part]!;
  const at = Math.floor(text.length / 2);
  parts[part] = text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
  return parts.join(".");
}
/** A manifest for `chain` over `document`, signed by `key` (what a sending platform would sign). */
async function sealed(
  document: PintTransportDocument,
  transferChain: string[],
  key: PintKeyPair,
  checksum: string,
): Promise<PintEnvelope> {
  const manifest = {
    transportDocumentChecksum: checksum,
    lastEnvelopeTransferChainEntrySignedContentChecksum: signedContentChecksum(transferChain.at(-1)!),
  };
  return {
    transportDocument: document,
    envelopeManifestSignedContent: await signJws(manifest, key.signer),
    envelopeTransferChain: transferChain,
  };
}
/** The payload of a JWS (unverified). */
const payloadOf = (jws: string) =>
  JSON.parse(Buffer.from(jws.split(".")[1]!, "base64url").toString("utf8")) as PintTransferChainEntry;
/** Platform B's entry appended to `built`'s chain: B's party transfers the eBL back to the importer here. */
async function appendedByB(built: BuiltEnvelope, previous = built.lastEntryChecksum) {
  const entry: PintTransferChainEntry = {
    eblPlatform: THEM,
    transportDocumentChecksum: built.transportDocumentChecksum,
    previousEnvelopeTransferChainEntrySignedContentChecksum: previous,
    transactions: [
      {
        actionCode: "TRANSFER",
        actor: recipient,
        recipient: built.entry.transactions.at(-2)!.recipient!,
        actionDateTime: new Date(Date.parse(built.entry.transactions.at(-1)!.actionDateTime) + 1000).toISOString(),
      },
    ],
  };
  return signJws(entry, keyB.signer);
}

describe("SDK pint: an envelope built from an eBL's on-chain history verifies", function () {
  it("round trip: the envelope of an issued, endorsed and delivered eBL verifies with the sender's published keys", async function () {
    const { sys, built, tokenId, history } = await loadFixture(endorsed);
    const result = await verifyEnvelope(built.envelope, { keys, receivingPlatform: THEM });
    expect(refused(result)).to.equal("accepted");
    const verified = result as VerifiedEnvelope;
    // The document checksum is the registry's document hash; every entry and the manifest name it.
    expect(`0x${verified.transportDocumentChecksum}`).to.equal((await sys.as(undefined).ebl.document(tokenId)).hash);
    expect(verified.chain).to.have.length(1);
    expect(verified.chain[0]!.kid).to.equal("crls-2026-12");
    expect(verified.transactions.map((t) => t.actionCode)).to.deep.equal([
      "ISSUE",
      "ENDORSE_TO_ORDER",
      "TRANSFER",
      "TRANSFER",
    ]);
    // Parties: our accounts by W3C did:pkh, the receiver's party as given; audit references are the transactions.
    expect(verified.transactions.map((t) => addressOfPintParty(t.actor, history.chainId))).to.deep.equal([
      carrier,
      exporter,
      exporter,
      importer,
    ]);
    expect(verified.transactions[0]!.recipient!.identifyingCodes[0]!.partyCode).to.equal(
      `did:pkh:eip155:${history.chainId}:${exporter}`,
    );
    expect(verified.transactions.at(-1)!.recipient).to.deep.equal(recipient);
    expect(verified.transactions[0]!.auditReference).to.equal(history.entries[0]!.transactionHash);
    // The checksum chain: the manifest names the SHA-256 of the last JWS compact string.
    expect(verified.lastEntryChecksum).to.equal(
      sha256(stringToBytes(built.envelope.envelopeTransferChain[0]!)).slice(2),
    );
    expect(verified.manifest.lastEnvelopeTransferChainEntrySignedContentChecksum).to.equal(built.lastEntryChecksum);
    expect(verified.documents.map((d) => [d.name, d.size, d.documentChecksum])).to.deep.equal([
      ["invoice.pdf", invoice.content.byteLength, sha256(invoice.content).slice(2)],
      ["packing-list.pdf", packingList.content.byteLength, sha256(packingList.content).slice(2)],
    ]);
    expect(built.documents.map((d) => d.content)).to.deep.equal([invoice.content, packingList.content]);
    expect(await validatePintSchema("EblEnvelope", built.envelope)).to.equal(null);
  });

  it("envelopes signed with RS256 and PS256 keys, and with a private JWK, verify as well", async function () {
    const { document, history } = await loadFixture(endorsed);
    for (const alg of ["RS256", "PS256"] as const) {
      const pair = await generatePintKeyPair({ kid: `rsa-${alg}`, alg });
      const { envelope } = await buildEnvelope({
        transportDocument: document,
        history,
        platform: US,
        signer: pair.signer,
        transfer: { recipient },
      });
      const result = await verifyEnvelope(envelope, { keys: { [US]: { keys: [pair.publicJwk] } } });
      expect(refused(result), alg).to.equal("accepted");
    }
    const jwkSigner = { kid: keyA.signer.kid, privateKey: keyA.privateJwk };
    const { envelope } = await buildEnvelope({
      transportDocument: document,
      history,
      platform: US,
      signer: jwkSigner,
      transfer: { recipient },
    });
    expect(refused(await verifyEnvelope(envelope, { keys }))).to.equal("accepted");
  });

  it("a chain another platform appended to verifies with both platforms' keys", async function () {
    const { built, document } = await loadFixture(endorsed);
    const chainOfTwo = [...built.envelope.envelopeTransferChain, await appendedByB(built)];
    const envelope = await sealed(document, chainOfTwo, keyB, built.transportDocumentChecksum);
    const result = await verifyEnvelope(envelope, { keys, receivingPlatform: US });
    expect(refused(result)).to.equal("accepted");
    expect((result as VerifiedEnvelope).chain.map((entry) => entry.entry.eblPlatform)).to.deep.equal([US, THEM]);
  });

  it("the supporting documents: the right bytes pass, other bytes or sizes are INCD, the ones not sent yet are MDOC", async function () {
    const { built } = await loadFixture(endorsed);
    const result = (await verifyEnvelope(built.envelope, { keys })) as VerifiedEnvelope;
    const [first, second] = result.documents as [(typeof result.documents)[0], (typeof result.documents)[0]];
    expect(verifyAdditionalDocument(result.documents, first.documentChecksum, invoice.content).ok).to.equal(true);
    expect(verifyAdditionalDocument(result.documents, first.documentChecksum, packingList.content)).to.include({
      ok: false,
      responseCode: "INCD",
    });
    expect(
      verifyAdditionalDocument(result.documents, sha256(stringToBytes("x")).slice(2), stringToBytes("x")),
    ).to.include({ ok: false, responseCode: "INCD" });
    const shorter = { ...first, size: first.size - 1 };
    expect(verifyAdditionalDocument([shorter], first.documentChecksum, invoice.content)).to.include({
      responseCode: "INCD",
    });
    expect(missingDocuments(result.documents, [])).to.deep.equal([first.documentChecksum, second.documentChecksum]);
    expect(missingDocuments(result.documents, [second.documentChecksum])).to.deep.equal([first.documentChecksum]);
    expect(missingDocuments(result.documents, [first.documentChecksum, second.documentChecksum])).to.deep.equal([]);
  });
});

describe("SDK pint: buildEnvelope refuses what cannot make a valid envelope", function () {
  it("a transport document other than the version on the registry: PintBuildError document-mismatch", async function () {
    const { history, document } = await loadFixture(endorsed);
    const other = { ...document, transportDocumentReference: "PINT0000002" };
    const error = await buildEnvelope({ transportDocument: other, history, platform: US, signer: keyA.signer }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(PintBuildError).and.to.have.property("reason", "document-mismatch");
  });

  it("a history without the issue: PintBuildError no-issue; a previous chain for an eBL never imported: previous-chain", async function () {
    const { history, document, built } = await loadFixture(endorsed);
    const partial: EblHistory = { ...history, entries: history.entries.slice(1) };
    const noIssue = await buildEnvelope({
      transportDocument: document,
      history: partial,
      platform: US,
      signer: keyA.signer,
    }).catch((e: unknown) => e);
    expect(noIssue).to.be.instanceOf(PintBuildError).and.to.have.property("reason", "no-issue");
    const notImported = await buildEnvelope({
      transportDocument: document,
      history,
      platform: US,
      signer: keyA.signer,
      previousChain: built.envelope.envelopeTransferChain,
    }).catch((e: unknown) => e);
    expect(notImported).to.be.instanceOf(PintBuildError).and.to.have.property("reason", "previous-chain");
  });

  it("dates the actions after an import no earlier than the hand-over that brought the eBL, though the blocks are earlier", async function () {
    const { history, document, built } = await loadFixture(endorsed);
    const arrived = built.envelope.envelopeTransferChain;
    const payloadOf = (jws: string) =>
      JSON.parse(Buffer.from(jws.split(".")[1]!, "base64url").toString("utf8")) as {
        transactions: { actionCode: string; actionDateTime: string }[];
      };
    const handOver = Date.parse(payloadOf(arrived.at(-1)!).transactions.at(-1)!.actionDateTime);
    // The receiving platform's chain runs an hour behind the sender's clock: its import and the holder's
    // transfer after it are dated by its blocks, before the hand-over.
    const last = history.entries.at(-1)!;
    type Entry = EblHistory["entries"][number];
    const back: EblHistory = {
      ...history,
      entries: [
        ...history.entries,
        { ...history.entries[0]!, action: "IMPORT", time: new Date(handOver - 3_600_000) } as Entry,
        { ...last, action: "TRANSFER", to: exporter, time: new Date(handOver - 3_500_000) } as Entry,
      ],
    };
    const grown = await buildEnvelope({
      transportDocument: document,
      history: back,
      platform: US,
      signer: keyA.signer,
      transfer: { recipient },
      previousChain: arrived,
    });
    const added = payloadOf(grown.envelope.envelopeTransferChain.at(-1)!).transactions;
    expect(added.map((t) => t.actionCode)).to.deep.equal(["TRANSFER", "TRANSFER"]);
    expect(added[0]!.actionDateTime).to.equal(new Date(handOver).toISOString()); // floored at the hand-over
    expect(Date.parse(added[1]!.actionDateTime)).to.be.at.least(handOver);
  });

  it("a key that cannot sign: PintKeyError", async function () {
    const { history, document } = await loadFixture(endorsed);
    const wrong = { kid: "k", alg: "RS256" as const, privateKey: keyA.privateJwk }; // an EC key for RS256
    const error = await buildEnvelope({ transportDocument: document, history, platform: US, signer: wrong }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(PintKeyError).and.to.have.property("kid", "k");
    const publicOnly = { kid: "k", privateKey: keyA.publicJwk };
    expect(
      await buildEnvelope({ transportDocument: document, history, platform: US, signer: publicOnly }).catch(
        (e: unknown) => e,
      ),
    ).to.be.instanceOf(PintKeyError);
  });
});

describe("SDK pint: verifyEnvelope refuses with the code PINT names, and never throws", function () {
  it("a tampered byte in a chain entry's payload or signature, or in the manifest: BSIG", async function () {
    const { built } = await loadFixture(endorsed);
    for (const part of [1, 2] as const) {
      const envelope = copy(built.envelope);
      envelope.envelopeTransferChain[0] = tamper(envelope.envelopeTransferChain[0]!, part);
      expect(refused(await verifyEnvelope(envelope, { keys })), `entry part ${part}`).to.equal("BSIG");
      const manifest = copy(built.envelope);
      manifest.envelopeManifestSignedContent = tamper(manifest.envelopeManifestSignedContent, part);
      expect(refused(await verifyEnvelope(manifest, { keys })), `manifest part ${part}`).to.equal("BSIG");
    }
  });

  it("an unknown key: a kid the sender does not publish, the same kid with another key, an unknown platform: BSIG", async function () {
    const { built, document, history } = await loadFixture(endorsed);
    expect(refused(await verifyEnvelope(built.envelope, { keys: { [US]: { keys: [keyB.publicJwk] } } }))).to.equal(
      "BSIG",
    );
    expect(refused(await verifyEnvelope(built.envelope, { keys: { [US]: { keys: [stranger.publicJwk] } } }))).to.equal(
      "BSIG",
    );
    expect(refused(await verifyEnvelope(built.envelope, { keys: { [THEM]: { keys: [keyA.publicJwk] } } }))).to.equal(
      "BSIG",
    );
    expect(refused(await verifyEnvelope(built.envelope, { keys: () => undefined }))).to.equal("BSIG");
    // The issuance manifest signed by a carrier key the receiver does not know.
    const carrierKey = await generatePintKeyPair({ kid: "carrier-1" });
    const { envelope } = await buildEnvelope({
      transportDocument: document,
      history,
      platform: US,
      signer: keyA.signer,
      issuer: carrierKey.signer,
      transfer: { recipient },
    });
    expect(refused(await verifyEnvelope(envelope, { keys }))).to.equal("BSIG");
    expect(refused(await verifyEnvelope(envelope, { keys, issuerKeys: { keys: [carrierKey.publicJwk] } }))).to.equal(
      "accepted",
    );
  });

  it("a broken link, entries out of order, a fork, a first entry that names a previous one: BENV", async function () {
    const { built, document, history } = await loadFixture(endorsed);
    const [ours] = built.envelope.envelopeTransferChain as [string];
    const theirs = await appendedByB(built);
    const checksum = built.transportDocumentChecksum;
    // Out of order.
    expect(refused(await verifyEnvelope(await sealed(document, [theirs, ours], keyA, checksum), { keys }))).to.equal(
      "BENV",
    );
    // A fork: B's entry hangs off another envelope of the same eBL (built again, signed again: another JWS).
    const { envelope: sibling } = await buildEnvelope({
      transportDocument: document,
      history,
      platform: US,
      signer: keyA.signer,
      transfer: { recipient },
    });
    const fork = await appendedByB(built, signedContentChecksum(sibling.envelopeTransferChain[0]!));
    expect(refused(await verifyEnvelope(await sealed(document, [ours, fork], keyB, checksum), { keys }))).to.equal(
      "BENV",
    );
    // A broken link: an entry without its previous checksum after the first.
    const unlinked = payloadOf(theirs);
    delete unlinked.previousEnvelopeTransferChainEntrySignedContentChecksum;
    const loose = await signJws(unlinked, keyB.signer);
    expect(refused(await verifyEnvelope(await sealed(document, [ours, loose], keyB, checksum), { keys }))).to.equal(
      "BENV",
    );
    // The same entry twice.
    expect(refused(await verifyEnvelope(await sealed(document, [ours, ours], keyA, checksum), { keys }))).to.equal(
      "BENV",
    );
  });

  it("a transport document checksum other than the chain's or the manifest's: BENV", async function () {
    const { built, document } = await loadFixture(endorsed);
    // The document changed in transit (still valid against DCSA's schema).
    const changed = copy(built.envelope);
    (changed.transportDocument as Record<string, unknown>).transportDocumentReference = "PINT0000009";
    expect(await validatePintSchema("EblEnvelope", changed)).to.equal(null);
    expect(refused(await verifyEnvelope(changed, { keys }))).to.equal("BENV");
    // A correctly signed entry and manifest naming another document.
    const entry = payloadOf(built.envelope.envelopeTransferChain[0]!);
    const otherChecksum = "0".repeat(64);
    const resigned = await signJws({ ...entry, transportDocumentChecksum: otherChecksum }, keyA.signer);
    const result = await verifyEnvelope(await sealed(document, [resigned], keyA, built.transportDocumentChecksum), {
      keys,
    });
    expect(result).to.deep.include({ ok: false, responseCode: "BENV" });
    expect((result as { reason: string }).reason).to.match(/chain entry 0 names another transport document/);
    // The manifest naming another document, or another last entry.
    expect(
      refused(
        await verifyEnvelope(await sealed(document, [...built.envelope.envelopeTransferChain], keyA, otherChecksum), {
          keys,
        }),
      ),
    ).to.equal("BENV");
    const wrongLast = copy(built.envelope);
    wrongLast.envelopeManifestSignedContent = await signJws(
      {
        transportDocumentChecksum: built.transportDocumentChecksum,
        lastEnvelopeTransferChainEntrySignedContentChecksum: otherChecksum,
      },
      keyA.signer,
    );
    expect(refused(await verifyEnvelope(wrongLast, { keys }))).to.equal("BENV");
  });

  it("a schema violation: BENV, whatever the input, without throwing", async function () {
    const { built } = await loadFixture(endorsed);
    const noCarrier = copy(built.envelope);
    delete (noCarrier.transportDocument as Record<string, unknown>).carrierCode;
    const result = await verifyEnvelope(noCarrier, { keys });
    expect(result).to.deep.include({ ok: false, responseCode: "BENV" });
    expect((result as { reason: string }).reason).to.match(/EblEnvelope schema.*carrierCode/);
    const noChain = { ...copy(built.envelope), envelopeTransferChain: [] };
    const notJws = { ...copy(built.envelope), envelopeManifestSignedContent: "not a JWS" };
    for (const input of [noChain, notJws, null, "x", 42, [], {}, { ...built.envelope, transportDocument: [] }]) {
      expect(refused(await verifyEnvelope(input, { keys })), JSON.stringify(input)?.slice(0, 40)).to.equal("BENV");
    }
    // A signed entry whose payload breaks DCSA's schema (no transactions).
    const entry = payloadOf(built.envelope.envelopeTransferChain[0]!);
    const empty = await signJws({ ...entry, transactions: [] }, keyA.signer);
    expect(
      refused(
        await verifyEnvelope(
          await sealed(built.envelope.transportDocument, [empty], keyA, built.transportDocumentChecksum),
          { keys },
        ),
      ),
    ).to.equal("BENV");
  });

  it("a chain that does not start with the one ISSUE, goes on after an SACC, runs backwards in time, or ends on another platform: BENV", async function () {
    const { built } = await loadFixture(endorsed);
    const entry = payloadOf(built.envelope.envelopeTransferChain[0]!);
    const variants: [string, PintTransferChainEntry][] = [
      ["no ISSUE first", { ...entry, transactions: entry.transactions.slice(1) }],
      ["two ISSUEs", { ...entry, transactions: [...entry.transactions, entry.transactions[0]!] }],
      [
        "after SACC",
        {
          ...entry,
          transactions: [
            entry.transactions[0]!,
            { ...entry.transactions[1]!, actionCode: "SACC" },
            entry.transactions[2]!,
          ],
        },
      ],
      [
        "backwards",
        {
          ...entry,
          transactions: [
            ...entry.transactions.slice(0, -1),
            { ...entry.transactions.at(-1)!, actionDateTime: "2001-01-01T00:00:00.000Z" },
          ],
        },
      ],
      [
        "future",
        {
          ...entry,
          transactions: [
            ...entry.transactions.slice(0, -1),
            { ...entry.transactions.at(-1)!, actionDateTime: "2999-01-01T00:00:00.000Z" },
          ],
        },
      ],
    ];
    for (const [what, variant] of variants) {
      const signed = await signJws(variant, keyA.signer);
      const envelope = await sealed(built.envelope.transportDocument, [signed], keyA, built.transportDocumentChecksum);
      expect(refused(await verifyEnvelope(envelope, { keys })), what).to.equal("BENV");
    }
    expect(refused(await verifyEnvelope(built.envelope, { keys, receivingPlatform: "WAVE" }))).to.equal("BENV");
  });
});

describe("SDK pint: the receiver's signed responses", function () {
  const checksum = "ab".repeat(32);
  const responses: Record<PintResponseCode, PintFinishedResponse> = {
    RECE: {
      lastEnvelopeTransferChainEntrySignedContentChecksum: checksum,
      responseCode: "RECE",
      receivedAdditionalDocumentChecksums: [checksum],
    },
    DUPE: {
      lastEnvelopeTransferChainEntrySignedContentChecksum: checksum,
      responseCode: "DUPE",
      duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent: "a.b.c",
    },
    BSIG: {
      lastEnvelopeTransferChainEntrySignedContentChecksum: checksum,
      responseCode: "BSIG",
      reason: "unknown signing key",
    },
    BENV: {
      lastEnvelopeTransferChainEntrySignedContentChecksum: checksum,
      responseCode: "BENV",
      reason: "broken chain",
    },
    INCD: {
      lastEnvelopeTransferChainEntrySignedContentChecksum: checksum,
      responseCode: "INCD",
      reason: "size differs",
    },
    MDOC: {
      lastEnvelopeTransferChainEntrySignedContentChecksum: checksum,
      responseCode: "MDOC",
      missingAdditionalDocumentChecksums: [checksum],
    },
    DISE: {
      lastEnvelopeTransferChainEntrySignedContentChecksum: checksum,
      responseCode: "DISE",
      reason: "we hold it already",
    },
  };

  it("every response code signs and verifies with the receiver's published keys", async function () {
    for (const response of Object.values(responses)) {
      const signed = await signResponse(response, keyB.signer);
      const result = await verifyResponse(signed, { keys: { keys: [keyB.publicJwk] }, lastEntryChecksum: checksum });
      expect(result, response.responseCode).to.deep.equal({ ok: true, response, kid: "bplt-1" });
    }
  });

  it("a tampered response, an unknown key, or a response to another envelope does not verify", async function () {
    const signed = await signResponse(responses.RECE, keyB.signer);
    const published = { keys: [keyB.publicJwk] };
    expect(await verifyResponse(tamper(signed, 1), { keys: published })).to.have.property("ok", false);
    expect(await verifyResponse(tamper(signed, 2), { keys: published })).to.have.property("ok", false);
    expect(await verifyResponse(signed, { keys: { keys: [keyA.publicJwk] } })).to.deep.include({
      ok: false,
      reason: 'unknown signing key "bplt-1"',
    });
    expect(await verifyResponse(signed, { keys: published, lastEntryChecksum: "cd".repeat(32) })).to.have.property(
      "ok",
      false,
    );
    expect(await verifyResponse(42, { keys: published })).to.have.property("ok", false);
    // Signed by the right key but not a response.
    const notAResponse = await signJws({ responseCode: "OKAY" }, keyB.signer);
    expect(await verifyResponse(notAResponse, { keys: published })).to.have.property("ok", false);
  });

  it("signResponse refuses a response its code does not allow: InvalidArgumentError", async function () {
    const wrong: PintFinishedResponse[] = [
      { ...responses.MDOC, missingAdditionalDocumentChecksums: [] },
      { ...responses.RECE, missingAdditionalDocumentChecksums: [checksum] },
      { ...responses.BENV, duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent: "a.b.c" },
      { ...responses.RECE, reason: "fine" },
      { ...responses.BSIG, receivedAdditionalDocumentChecksums: [checksum] },
      { ...responses.RECE, lastEnvelopeTransferChainEntrySignedContentChecksum: "not hex" },
    ];
    for (const response of wrong) {
      expect(await signResponse(response, keyB.signer).catch((e: unknown) => e)).to.be.instanceOf(InvalidArgumentError);
    }
  });
});

describe("SDK pint: PINT actions and the registry's, both ways", function () {
  it("each history entry maps to PINT transactions that map back to its registry action", async function () {
    const { history } = await loadFixture(endorsed);
    const transactions = pintActionsFromHistory(history, { platform: US });
    // The endorse-and-deliver is one registry action and two PINT transactions (ENDORSE_TO_ORDER, TRANSFER).
    expect(history.entries.map((e) => e.action)).to.deep.equal(["ISSUE", "ENDORSE"]);
    expect(transactions.map((t) => t.actionCode)).to.deep.equal(["ISSUE", "ENDORSE_TO_ORDER", "TRANSFER"]);
    expect(transactions.map((t) => registryActionOf(t))).to.deep.equal(["ISSUE", "ENDORSE", "TRANSFER"]);
    expect(pintActionsFromHistory(history, { platform: US, endorseCode: "ENDORSE" })[1]!.actionCode).to.equal(
      "ENDORSE",
    );
  });

  it("registryActionOf: every PINT action code", function () {
    const cases: [string, string | undefined, boolean, string | null][] = [
      ["ISSUE", undefined, false, "ISSUE"],
      ["TRANSFER", undefined, false, "TRANSFER"],
      ["ENDORSE", undefined, false, "ENDORSE"],
      ["ENDORSE_TO_ORDER", undefined, false, "ENDORSE"],
      ["BLANK_ENDORSE", undefined, false, "BLANK_ENDORSE"],
      ["SURRENDER_FOR_DELIVERY", undefined, false, "SURRENDER_FOR_DELIVERY"],
      ["SURRENDER_FOR_AMENDMENT", undefined, false, "SURRENDER_FOR_AMENDMENT"],
      ["SURRENDER_FOR_AMENDMENT", "SWTP", false, "SWITCH_TO_PAPER_REQUESTED"],
      ["SACC", undefined, false, "SURRENDER_ACCEPTED"],
      ["SACC", undefined, true, "SWITCHED_TO_PAPER"],
      ["SREJ", undefined, false, "SURRENDER_REJECTED"],
      ["SREJ", undefined, true, "SWITCH_TO_PAPER_CANCELLED"],
      ["SIGN", undefined, false, "SIGN"],
      ["NOT_A_CODE", undefined, false, null],
    ];
    for (const [actionCode, reasonCode, afterSwitchToPaper, expected] of cases) {
      expect(registryActionOf({ actionCode, reasonCode }, afterSwitchToPaper), `${actionCode} ${reasonCode}`).to.equal(
        expected,
      );
    }
  });

  it("addressOfPintParty reads our did:pkh parties and nothing else", function () {
    const party = {
      partyName: "x",
      eblPlatform: US,
      identifyingCodes: [{ codeListProvider: "W3C", partyCode: `did:pkh:eip155:31337:${exporter.toLowerCase()}` }],
    };
    expect(addressOfPintParty(party, 31337)).to.equal(exporter as Address);
    expect(addressOfPintParty(party, 1)).to.equal(null);
    expect(addressOfPintParty(recipient, 31337)).to.equal(null);
    expect(addressOfPintParty(null, 31337)).to.equal(null);
  });
});

describe("SDK pint: DCSA's schema shipped as package data", function () {
  const shipped = path.join(REPO_ROOT, "sdk/data/dcsa/EBL_PINT_v3.0.0.yaml");

  it("the shipped specification is DCSA's, byte for byte, when the DCSA fixtures at hand hold it", function () {
    const shared = path.join(DCSA_DIR, "EBL_PINT_v3.0.0.yaml");
    if (!existsSync(shared)) this.skip(); // test/fixtures/dcsa keeps the samples only, not the specifications
    expect(readFileSync(shipped)).to.deep.equal(readFileSync(shared));
    expect(readFileSync(path.join(REPO_ROOT, "sdk/data/dcsa/NOTICE"), "utf8")).to.match(/Apache License/);
  });

  it("the schema module the entry validates with is the shipped specification's, converted unchanged", function () {
    const generated = readFileSync(path.join(REPO_ROOT, "sdk/src/pint/dcsaSchemas.generated.ts"), "utf8");
    expect(generated).to.equal(pintSchemaModule(readFileSync(shipped, "utf8")));
    expect(generated).to.contain(`DCSA_PINT_VERSION = "${DCSA_PINT_VERSION}"`);
  });

  it("DCSA's sample transport document conforms to the TransportDocument schema; without a required member it does not", async function () {
    const sample = toOrderDocument("PINT0000003");
    expect(await validatePintSchema("TransportDocument", sample)).to.equal(null);
    const { carrierCode: _carrierCode, ...withoutCarrier } = sample as Record<string, unknown>;
    expect(await validatePintSchema("TransportDocument", withoutCarrier)).to.match(/carrierCode/);
  });
});
