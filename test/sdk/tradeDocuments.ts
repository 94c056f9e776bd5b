/**
 * The SDK's `documents` namespace against the real TradeDocumentRegistry and DocumentsCondition on Hardhat's
 * in-process network: off-chain hashes and ids equal the contracts', every write (sent and prepared), every read,
 * the verification of a document in hand and its typed errors, requirements and their checks.
 */
import { createHash } from "node:crypto";

import { expect } from "chai";
import { encodeAbiParameters, keccak256, numberToHex, stringToBytes, zeroAddress, type Hex } from "viem";

import {
  ContractNotConfiguredError,
  ContractRevertError,
  DocumentMismatchError,
  DocumentNotCurrentError,
  InvalidArgumentError,
  canonicalJson,
  createCargoRails,
  decodeDocumentTypes,
  documentIdOf,
  documentReferenceOf,
  documentTypeId,
  documentTypeIssuers,
  documentTypeLabel,
  documentTypeName,
  documentTypeNames,
  documentTypes,
  encodeDocumentTypes,
  encodeKinds,
  hashDocumentFile,
  hashDocumentJson,
  requirementIdOf,
  tradeDocumentRegistryAbi,
} from "../../sdk/src/index.js";
import { rejects } from "./helpers.js";
import { createTradeChain, invoice } from "./tradeSystem.js";

const chain = await createTradeChain();
const { publicClient } = chain;
const { admin, carrier, exporter, importer, bank, authority, inspector, stranger } = chain.accounts;
const { loadFixture } = chain.connection.networkHelpers;

const PACKING_LIST = new TextEncoder().encode("PACKING LIST PL-77\n100 cartons, machine parts, 2 400 kg\n");

/** The trade system with an invoice (JSON) and a packing list (file) of the exporter, bound to the eBL. */
async function documented() {
  const sys = await chain.tradeSystem();
  const exporterRails = sys.as(exporter);
  const inv = await exporterRails.documents.register({
    documentType: "COMMERCIAL_INVOICE",
    number: "INV-2026-0042",
    owner: exporter,
    subject: { tokenId: sys.tokenId },
    document: { json: invoice("INV-2026-0042") },
  });
  const invWait = await inv.wait();
  const pl = await exporterRails.documents.register({
    documentType: "PACKING_LIST",
    number: "PL-77",
    owner: exporter,
    subject: { tokenId: sys.tokenId },
    document: { file: PACKING_LIST },
  });
  await pl.wait();
  return { ...sys, invoiceId: inv.documentId, invoiceHash: inv.sha256Hash, invWait, packingListId: pl.documentId };
}

const registry = (f: Awaited<ReturnType<typeof documented>>) => ({
  read: <T>(functionName: string, args: readonly unknown[]) =>
    publicClient.readContract({
      address: f.tradeDocumentRegistry,
      abi: tradeDocumentRegistryAbi,
      functionName,
      args,
    } as never) as Promise<T>,
});

describe("SDK: document types", function () {
  it("names the seven types of the registry's constructor, with the issuer kinds the registry has", async function () {
    const f = await loadFixture(documented);
    expect(documentTypeNames).to.have.length(7);
    for (const name of documentTypeNames) {
      const onChain = await registry(f).read<number>("issuerKindsOf", [documentTypes[name]]);
      expect(onChain, name).to.equal(encodeKinds(documentTypeIssuers[name]));
      expect(await f.as(undefined).documents.issuerKindsOf(name)).to.deep.equal(documentTypeIssuers[name]);
    }
    expect(await registry(f).read<number>("issuerKindsOf", [8])).to.equal(0);
  });

  it("converts names, ids, labels and consent bitmasks", function () {
    expect(documentTypeId("CERTIFICATE_OF_ORIGIN")).to.equal(3);
    expect(documentTypeId(200)).to.equal(200);
    expect(documentTypeName(7)).to.equal("SEA_WAYBILL");
    expect(documentTypeName(9)).to.equal(null);
    expect(documentTypeLabel("PACKING_LIST")).to.equal("Packing list");
    expect(documentTypeLabel(9)).to.equal("Type 9");
    expect(encodeDocumentTypes(["COMMERCIAL_INVOICE", "PACKING_LIST"])).to.equal(0b110n);
    expect(decodeDocumentTypes(0b1000_0111n)).to.deep.equal([1, 2, 7]);
  });

  for (const [what, value] of [
    ["an unknown name", "BILL_OF_EXCHANGE"],
    ["type 0", 0],
    ["an id above 255", 256],
    ["a fraction", 1.5],
  ] as const) {
    it(`refuses ${what} as a document type`, function () {
      expect(() => documentTypeId(value as never)).to.throw(InvalidArgumentError, /documentType/);
    });
  }

  it("refuses an empty list of types for a consent", function () {
    expect(() => encodeDocumentTypes([])).to.throw(InvalidArgumentError, /non-empty/);
  });
});

describe("SDK: document hashes and ids (off chain, as the contracts)", function () {
  it("hashDocumentFile is SHA-256 of the bytes, for a Uint8Array, a Buffer and an ArrayBuffer", function () {
    const expected = "0x" + createHash("sha256").update(PACKING_LIST).digest("hex");
    expect(hashDocumentFile(PACKING_LIST)).to.equal(expected);
    expect(hashDocumentFile(Buffer.from(PACKING_LIST))).to.equal(expected);
    expect(hashDocumentFile(PACKING_LIST.slice().buffer)).to.equal(expected);
    expect(() => hashDocumentFile("PACKING LIST" as never)).to.throw(InvalidArgumentError, /bytes/);
  });

  it("hashDocumentJson is SHA-256 of the RFC 8785 form: member order and formatting do not matter", function () {
    const doc = invoice("INV-1");
    const expected = "0x" + createHash("sha256").update(canonicalJson(doc), "utf8").digest("hex");
    expect(hashDocumentJson(doc)).to.equal(expected);
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    expect(hashDocumentJson(reordered)).to.equal(expected);
    expect(hashDocumentJson(JSON.stringify(doc, null, 2))).to.equal(expected);
    expect(hashDocumentJson({ ...doc, total: "25000.01" })).to.not.equal(expected);
  });

  it("documentReferenceOf is keccak256 of the number's UTF-8 bytes, exactly as written", function () {
    expect(documentReferenceOf("INV-2026-0042")).to.equal(keccak256(stringToBytes("INV-2026-0042")));
    expect(documentReferenceOf("INV-2026-0042 ")).to.not.equal(documentReferenceOf("INV-2026-0042"));
    expect(() => documentReferenceOf("")).to.throw(InvalidArgumentError, /number/);
  });

  it("documentIdOf equals the registry's documentIdOf and the id a registration gets", async function () {
    const f = await loadFixture(documented);
    const reference = documentReferenceOf("INV-2026-0042");
    const onChain = await registry(f).read<Hex>("documentIdOf", [exporter, 1, reference]);
    expect(documentIdOf(exporter, "COMMERCIAL_INVOICE", reference)).to.equal(onChain);
    expect(f.invoiceId).to.equal(onChain);
    const registered = f.invWait.events.find((e) => e.eventName === "DocumentRegistered");
    expect(registered?.args).to.include({
      documentId: onChain,
      sha256Hash: hashDocumentJson(invoice("INV-2026-0042")),
    });
  });

  it("requirementIdOf equals the id the DocumentsCondition gives (simulated and in its event)", async function () {
    const f = await loadFixture(documented);
    const list = [
      { documentType: "COMMERCIAL_INVOICE" as const, documentId: f.invoiceId },
      { documentType: 2, documentId: f.packingListId },
    ];
    const independent = keccak256(
      encodeAbiParameters(
        [{ type: "tuple[]", components: [{ type: "uint8" }, { type: "bytes32" }] }],
        [
          [
            [1, f.invoiceId],
            [2, f.packingListId],
          ] as never,
        ],
      ),
    );
    expect(requirementIdOf(list)).to.equal(independent);
    const prepared = await f.as(stranger).documents.defineRequirement.prepare(list);
    expect(prepared.result).to.equal(independent);
    const defined = await f.as(stranger).documents.defineRequirement(list);
    expect(defined.requirementId).to.equal(independent);
    const { events } = await defined.wait();
    expect(events.find((e) => e.eventName === "RequirementDefined")?.args).to.deep.include({
      requirementId: independent,
    });
  });
});

describe("SDK: documents.register", function () {
  it("registers version 1 and reads it back (documentOf, versionOf, isCurrent, documentsOf, isIssuerQualified)", async function () {
    const f = await loadFixture(documented);
    const docs = f.as(undefined).documents;
    const doc = await docs.documentOf(f.invoiceId);
    expect(doc).to.deep.include({
      documentId: f.invoiceId,
      documentType: 1,
      typeName: "COMMERCIAL_INVOICE",
      status: "issued",
      version: 1,
      issuer: exporter,
      owner: exporter,
      subjectContract: f.eblRegistry,
      subjectId: f.tokenId,
      sha256Hash: hashDocumentJson(invoice("INV-2026-0042")),
    });
    expect(doc!.issuedAt).to.be.instanceOf(Date);
    expect(await docs.versionOf(f.invoiceId, 1)).to.deep.equal({ sha256Hash: f.invoiceHash, status: "issued" });
    expect(await docs.versionOf(f.invoiceId, 2)).to.deep.equal({ sha256Hash: null, status: "none" });
    expect(await docs.isCurrent(f.invoiceId, f.invoiceHash)).to.equal(true);
    expect(await docs.isIssuerQualified(f.invoiceId)).to.equal(true);
    expect(await docs.documentsOf({ tokenId: f.tokenId })).to.deep.equal([f.invoiceId, f.packingListId]);
    expect(await docs.documentsOf({ subjectContract: f.eblRegistry, subjectId: f.tokenId })).to.deep.equal([
      f.invoiceId,
      f.packingListId,
    ]);
    expect(await docs.documentOf(keccak256("0x01"))).to.equal(null);
  });

  it("binds a document to a deal: the EscrowedDeals contract and the deal id as a number", async function () {
    const f = await loadFixture(documented);
    const dealId = keccak256(stringToBytes("a deal"));
    const { documentId, wait } = await f.as(authority).documents.register({
      documentType: "CERTIFICATE_OF_ORIGIN",
      number: "CO-CN-2026-88",
      owner: exporter,
      subject: { dealId },
      document: { sha256Hash: hashDocumentFile(stringToBytes("certificate")) },
    });
    await wait();
    const doc = await f.as(undefined).documents.documentOf(documentId);
    expect(doc).to.deep.include({ subjectContract: f.escrowedDeals, subjectId: BigInt(dealId), issuer: authority });
    expect(await f.as(undefined).documents.documentsOf({ dealId })).to.deep.equal([documentId]);
  });

  it("prepares a registration for an account signing elsewhere; sent as prepared, it registers", async function () {
    const f = await loadFixture(documented);
    const params = {
      documentType: "INSPECTION_CERTIFICATE" as const,
      number: "SGS-2026-1",
      owner: exporter,
      subject: { tokenId: f.tokenId },
      document: { json: { result: "conforms" } },
    };
    const prepared = await f.as(undefined).documents.register.prepare(params, { account: inspector });
    const expectedId = documentIdOf(inspector, "INSPECTION_CERTIFICATE", documentReferenceOf("SGS-2026-1"));
    expect(prepared).to.include({ operation: "documents.register", from: inspector, to: f.tradeDocumentRegistry });
    expect(prepared.result).to.equal(expectedId);
    const hash = await chain.wallet(inspector).sendTransaction({
      account: inspector,
      chain: null,
      to: prepared.to,
      data: prepared.data,
      gas: prepared.gas,
    });
    const { events } = await f.as(undefined).waitForTransaction(hash);
    expect(events.map((e) => e.eventName)).to.deep.equal(["DocumentRegistered"]);
    expect((await f.as(undefined).documents.documentOf(expectedId))?.issuer).to.equal(inspector);
  });

  const refusals = [
    {
      name: "an issuer not of a kind that may issue the type (a carrier's invoice)",
      as: carrier,
      params: { documentType: "COMMERCIAL_INVOICE" },
      error: "DocumentIssuerNotQualified",
    },
    { name: "a type that is not defined", as: exporter, params: { documentType: 9 }, error: "DocumentUnknownType" },
    { name: "an owner who is not verified", as: exporter, params: { owner: stranger }, error: "RailsNotVerified" },
    {
      name: "a number registered before",
      as: exporter,
      params: { number: "INV-2026-0042" },
      error: "DocumentAlreadyRegistered",
    },
  ] as const;
  for (const r of refusals) {
    it(`refuses ${r.name} with ${r.error}, before sending`, async function () {
      const f = await loadFixture(documented);
      const before = await publicClient.getTransactionCount({ address: r.as });
      const error = await rejects(
        f.as(r.as).documents.register({
          documentType: "COMMERCIAL_INVOICE",
          number: "INV-NEW",
          owner: exporter,
          subject: { tokenId: f.tokenId },
          document: { json: invoice("INV-NEW") },
          ...r.params,
        }),
        ContractRevertError,
      );
      expect(error.errorName).to.equal(r.error);
      expect(error.hint ?? error.shortMessage).to.be.a("string");
      expect(await publicClient.getTransactionCount({ address: r.as })).to.equal(before);
    });
  }

  for (const [what, params, argument] of [
    ["an empty document number", { number: "" }, "number"],
    ["a zero SHA-256", { document: { sha256Hash: `0x${"0".repeat(64)}` } }, "document.sha256Hash"],
    ["a document that is neither bytes nor JSON nor a hash", { document: { text: "x" } }, "document"],
    ["a subject without a contract", { subject: { subjectId: 1n } }, "subject"],
  ] as const) {
    it(`refuses ${what} before anything reaches the chain`, async function () {
      const f = await loadFixture(documented);
      await rejects(
        f.as(exporter).documents.register({
          documentType: "COMMERCIAL_INVOICE",
          number: "INV-NEW",
          owner: exporter,
          subject: { tokenId: f.tokenId },
          document: { json: invoice("INV-NEW") },
          ...(params as object),
        }),
        InvalidArgumentError,
        argument,
      );
    });
  }
});

describe("SDK: documents.supersede and documents.revoke", function () {
  it("supersedes: wait() gives version 2, the old copy verifies as superseded(1), the new one as current", async function () {
    const f = await loadFixture(documented);
    const docs = f.as(exporter).documents;
    const corrected = invoice("INV-2026-0042", "24000.00");
    const result = await docs.supersede({ documentId: f.invoiceId, document: { json: corrected } });
    expect(result.sha256Hash).to.equal(hashDocumentJson(corrected));
    expect((await result.wait()).version).to.equal(2);
    expect(await docs.versionOf(f.invoiceId, 1)).to.deep.equal({ sha256Hash: f.invoiceHash, status: "superseded" });
    const old = await docs.verify(f.invoiceId, { json: invoice("INV-2026-0042") });
    expect(old).to.deep.include({ result: "superseded", version: 1 });
    expect(old.document?.version).to.equal(2);
    expect(await docs.verify(f.invoiceId, { json: corrected })).to.deep.include({ result: "current", version: 2 });
    const error = await rejects(
      docs.requireCurrent(f.invoiceId, { json: invoice("INV-2026-0042") }),
      DocumentNotCurrentError,
      "superseded by version 2",
    );
    expect(error.result).to.equal("superseded");
    expect((await docs.requireCurrent(f.invoiceId, { json: corrected })).version).to.equal(2);
  });

  it("prepares a supersede", async function () {
    const f = await loadFixture(documented);
    const prepared = await f.as(undefined).documents.supersede.prepare(
      { documentId: f.invoiceId, document: { sha256Hash: keccak256("0x02") } },
      {
        account: exporter,
      },
    );
    expect(prepared).to.include({ operation: "documents.supersede", from: exporter, result: 2 });
  });

  it("refuses a supersede by someone else than the issuer with DocumentNotIssuer", async function () {
    const f = await loadFixture(documented);
    const error = await rejects(
      f.as(importer).documents.supersede({ documentId: f.invoiceId, document: { sha256Hash: keccak256("0x02") } }),
      ContractRevertError,
    );
    expect(error.errorName).to.equal("DocumentNotIssuer");
  });

  it("refuses a supersede with the current hash with DocumentInvalidHash", async function () {
    const f = await loadFixture(documented);
    const error = await rejects(
      f.as(exporter).documents.supersede({ documentId: f.invoiceId, document: { json: invoice("INV-2026-0042") } }),
      ContractRevertError,
    );
    expect(error.errorName).to.equal("DocumentInvalidHash");
  });

  it("refuses a supersede of an unknown document with DocumentNotFound", async function () {
    const f = await loadFixture(documented);
    const error = await rejects(
      f
        .as(exporter)
        .documents.supersede({ documentId: keccak256("0x01"), document: { sha256Hash: keccak256("0x02") } }),
      ContractRevertError,
    );
    expect(error.errorName).to.equal("DocumentNotFound");
  });

  it("revokes with a reason: the copy verifies as revoked, isCurrent is false, requireCurrent throws", async function () {
    const f = await loadFixture(documented);
    const docs = f.as(exporter).documents;
    const { events } = await (await docs.revoke({ documentId: f.invoiceId, reason: "issued in error" })).wait();
    expect(events.find((e) => e.eventName === "DocumentRevoked")?.args).to.deep.include({
      documentId: f.invoiceId,
      version: 1,
      reason: "issued in error",
    });
    expect((await docs.documentOf(f.invoiceId))?.status).to.equal("revoked");
    expect(await docs.isCurrent(f.invoiceId, f.invoiceHash)).to.equal(false);
    expect(await docs.verify(f.invoiceId, { json: invoice("INV-2026-0042") })).to.deep.include({
      result: "revoked",
      version: 1,
    });
    const error = await rejects(
      docs.requireCurrent(f.invoiceId, { json: invoice("INV-2026-0042") }),
      DocumentNotCurrentError,
      "revoked",
    );
    expect(error.result).to.equal("revoked");
  });

  it("refuses to supersede a revoked document with DocumentIsRevoked", async function () {
    const f = await loadFixture(documented);
    await (await f.as(exporter).documents.revoke({ documentId: f.invoiceId, reason: "issued in error" })).wait();
    const error = await rejects(
      f.as(exporter).documents.supersede({ documentId: f.invoiceId, document: { sha256Hash: keccak256("0x02") } }),
      ContractRevertError,
    );
    expect(error.errorName).to.equal("DocumentIsRevoked");
  });

  for (const [what, reason] of [
    ["an empty reason", ""],
    ["a reason over 256 bytes", "é".repeat(129)],
  ] as const) {
    it(`refuses ${what} before sending`, async function () {
      const f = await loadFixture(documented);
      await rejects(
        f.as(exporter).documents.revoke({ documentId: f.invoiceId, reason }),
        InvalidArgumentError,
        "reason",
      );
    });
  }

  it("prepares a revocation", async function () {
    const f = await loadFixture(documented);
    const prepared = await f
      .as(undefined)
      .documents.revoke.prepare({ documentId: f.invoiceId, reason: "issued in error" }, { account: exporter });
    expect(prepared).to.include({ operation: "documents.revoke", from: exporter, to: f.tradeDocumentRegistry });
  });
});

describe("SDK: documents.verify of a document in hand", function () {
  it("says current for the registered JSON (in any member order) and for the registered file", async function () {
    const f = await loadFixture(documented);
    const docs = f.as(undefined).documents;
    const reordered = Object.fromEntries(Object.entries(invoice("INV-2026-0042")).reverse());
    expect(await docs.verify(f.invoiceId, { json: reordered })).to.deep.include({ result: "current", version: 1 });
    expect(await docs.verify(f.packingListId, { file: PACKING_LIST })).to.deep.include({ result: "current" });
  });

  it("says mismatch for a tampered file, and requireCurrent throws a DocumentMismatchError", async function () {
    const f = await loadFixture(documented);
    const tampered = PACKING_LIST.slice();
    tampered[15] = "9".charCodeAt(0);
    const docs = f.as(undefined).documents;
    const v = await docs.verify(f.packingListId, { file: tampered });
    expect(v).to.deep.include({ result: "mismatch", version: null, sha256Hash: hashDocumentFile(tampered) });
    const error = await rejects(docs.requireCurrent(f.packingListId, { file: tampered }), DocumentMismatchError);
    expect(error.currentHash).to.equal(hashDocumentFile(PACKING_LIST));
    expect(error.sha256Hash).to.equal(hashDocumentFile(tampered));
  });

  it("says unknown for an id no document has, and requireCurrent throws a DocumentNotCurrentError", async function () {
    const f = await loadFixture(documented);
    const id = keccak256("0x01");
    const docs = f.as(undefined).documents;
    expect(await docs.verify(id, { file: PACKING_LIST })).to.deep.include({ result: "unknown", document: null });
    const error = await rejects(docs.requireCurrent(id, { file: PACKING_LIST }), DocumentNotCurrentError);
    expect(error.result).to.equal("unknown");
  });
});

describe("SDK: documents.setDocumentType (document admin)", function () {
  it("defines a type and changes its issuers; issuerKindsOf follows", async function () {
    const f = await loadFixture(documented);
    await (
      await f.as(admin).documents.setDocumentType({ documentType: 8, issuerKinds: ["inspector", "authority"] })
    ).wait();
    expect(await f.as(undefined).documents.issuerKindsOf(8)).to.deep.equal(["inspector", "authority"]);
    await (await f.as(admin).documents.setDocumentType({ documentType: 8, issuerKinds: [] })).wait();
    expect(await f.as(undefined).documents.issuerKindsOf(8)).to.deep.equal([]);
  });

  it("refuses someone without DOCUMENT ADMIN with AccessManagedUnauthorized", async function () {
    const f = await loadFixture(documented);
    const error = await rejects(
      f.as(stranger).documents.setDocumentType({ documentType: 8, issuerKinds: ["inspector"] }),
      ContractRevertError,
    );
    expect(error.errorName).to.equal("AccessManagedUnauthorized");
  });

  it("prepares a type definition for the admin", async function () {
    const f = await loadFixture(documented);
    const prepared = await f
      .as(undefined)
      .documents.setDocumentType.prepare({ documentType: 8, issuerKinds: ["insurer"] }, { account: admin });
    expect(prepared).to.include({ operation: "documents.setDocumentType", from: admin });
  });
});

describe("SDK: document requirements (DocumentsCondition)", function () {
  const listOf = (f: Awaited<ReturnType<typeof documented>>) => [
    { documentType: "COMMERCIAL_INVOICE" as const, documentId: f.invoiceId },
    { documentType: "PACKING_LIST" as const, documentId: f.packingListId },
  ];
  async function defined() {
    const f = await loadFixture(documented);
    const { requirementId, wait } = await f.as(stranger).documents.defineRequirement(listOf(f));
    await wait();
    return { ...f, requirementId };
  }

  it("reads a requirement back, and conditionFor gives what settlement terms name", async function () {
    const f = await defined();
    const docs = f.as(undefined).documents;
    expect(await docs.requirementOf(f.requirementId)).to.deep.equal([
      { documentType: 1, documentId: f.invoiceId },
      { documentType: 2, documentId: f.packingListId },
    ]);
    expect(await docs.requirementOf(keccak256("0x01"))).to.deep.equal([]);
    expect(docs.requirementIdOf(listOf(f))).to.equal(f.requirementId);
    expect(docs.conditionFor(listOf(f))).to.deep.equal({
      condition: f.documentsCondition,
      conditionData: f.requirementId,
    });
  });

  it("checkRequirement: satisfied while every document is issued, of its type and bound to the eBL", async function () {
    const f = await defined();
    expect(await f.as(undefined).documents.checkRequirement(f.requirementId, { tokenId: f.tokenId })).to.deep.equal({
      satisfied: true,
      requirementId: f.requirementId,
    });
  });

  it("checkRequirement: revoked, naming the revoked document", async function () {
    const f = await defined();
    await (await f.as(exporter).documents.revoke({ documentId: f.packingListId, reason: "wrong weights" })).wait();
    const check = await f.as(undefined).documents.checkRequirement(f.requirementId, { tokenId: f.tokenId });
    expect(check).to.deep.include({ satisfied: false, reason: "revoked", documentId: f.packingListId });
    if (!check.satisfied) expect(check.error.errorName).to.equal("DocumentsRevoked");
  });

  it("checkRequirement: notBound for another eBL", async function () {
    const f = await defined();
    const check = await f.as(undefined).documents.checkRequirement(f.requirementId, { tokenId: f.tokenId + 1n });
    expect(check).to.deep.include({ satisfied: false, reason: "notBound", documentId: f.invoiceId });
  });

  it("checkRequirement: wrongType when the requirement names another type", async function () {
    const f = await loadFixture(documented);
    const docs = f.as(stranger).documents;
    const list = [{ documentType: "SEA_WAYBILL" as const, documentId: f.invoiceId }];
    await (await docs.defineRequirement(list)).wait();
    const check = await docs.checkRequirement(docs.requirementIdOf(list), { tokenId: f.tokenId });
    expect(check).to.deep.include({ satisfied: false, reason: "wrongType", documentId: f.invoiceId });
  });

  it("checkRequirement: missing for a document never registered", async function () {
    const f = await loadFixture(documented);
    const docs = f.as(stranger).documents;
    const list = [{ documentType: 1, documentId: keccak256("0x01") }];
    await (await docs.defineRequirement(list)).wait();
    const check = await docs.checkRequirement(docs.requirementIdOf(list), { tokenId: f.tokenId });
    expect(check).to.deep.include({ satisfied: false, reason: "missing", documentId: keccak256("0x01") });
  });

  it("checkRequirement: issuerNotQualified once the issuer's verification is revoked", async function () {
    const f = await defined();
    const registrar = createCargoRails({
      publicClient,
      walletClient: chain.wallet(chain.accounts.registrar),
      addresses: f.addresses,
    });
    await (await registrar.participants.revoke({ account: exporter })).wait();
    const check = await f.as(undefined).documents.checkRequirement(f.requirementId, { tokenId: f.tokenId });
    expect(check).to.deep.include({ satisfied: false, reason: "issuerNotQualified", documentId: f.invoiceId });
  });

  it("checkRequirement: unknownRequirement (no document named) for a requirement never defined", async function () {
    const f = await loadFixture(documented);
    const check = await f.as(undefined).documents.checkRequirement(keccak256("0x01"), { tokenId: f.tokenId });
    expect(check).to.deep.include({ satisfied: false, reason: "unknownRequirement", documentId: null });
  });

  for (const [what, list] of [
    ["an empty requirement", []],
    ["a document twice", "twice"],
    ["seventeen documents", "seventeen"],
  ] as const) {
    it(`refuses ${what} before sending`, async function () {
      const f = await loadFixture(documented);
      const entry = { documentType: 1, documentId: f.invoiceId };
      const documents =
        list === "twice"
          ? [entry, entry]
          : list === "seventeen"
            ? Array.from({ length: 17 }, (_, i) => ({ documentType: 1, documentId: numberToHex(i + 1, { size: 32 }) }))
            : [];
      await rejects(f.as(stranger).documents.defineRequirement(documents), InvalidArgumentError, "documents");
    });
  }
});

describe("SDK: documents without their contracts", function () {
  it("rails.documents throws a ContractNotConfiguredError without addresses.tradeDocumentRegistry", function () {
    const rails = createCargoRails({ publicClient, addresses: { participantRegistry: zeroAddress } });
    expect(() => rails.documents).to.throw(ContractNotConfiguredError, "tradeDocumentRegistry");
  });

  it("requirements need addresses.documentsCondition", async function () {
    const f = await loadFixture(documented);
    const { documentsCondition: _, ...addresses } = f.addresses;
    const rails = createCargoRails({ publicClient, walletClient: chain.wallet(stranger), addresses });
    const list = [{ documentType: 1, documentId: f.invoiceId }];
    expect(() => rails.documents.conditionFor(list)).to.throw(ContractNotConfiguredError, "documentsCondition");
    await rejects(rails.documents.defineRequirement(list), ContractNotConfiguredError, "documentsCondition");
  });
});
