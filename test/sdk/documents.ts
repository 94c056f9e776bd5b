import { createHash } from "node:crypto";

import { expect } from "chai";

import {
  canonicalJson,
  CanonicalJsonError,
  documentChecksum,
  transportDocumentIssues,
  TransportDocumentValidationError,
  validateTransportDocument,
} from "../../sdk/src/index.js";
import { clone, readFixture } from "./helpers.js";

type Json = Record<string, unknown>;

const pintText = readFixture("pint-3.0.0-transport-document.json");
const pintDocument = JSON.parse(pintText) as Json;
const issuanceRequest = JSON.parse(readFixture("eblissuance-v3.0.0-request.json")) as Json;
const issuanceDocument = issuanceRequest.document as Json;

/**
 * The DCSA fixtures publish no checksum of these documents (the only `documentChecksum` value in
 * EBL_ISS_v3.0.0.yaml sits in an example JWS for a document that is not among the samples), so the expected values
 * are the SHA-256 of the samples' canonical form, computed outside this code base with Python's json module
 * (`json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` after turning integral floats such
 * as 12000.0 into ints, which is the JCS form for these all-ASCII documents) and hashlib.sha256.
 */
const INDEPENDENT_CHECKSUMS = {
  pint: "0x40dd07b76cdab39a9057425789eaac97b9ccd9f205b8a7f687d3bcdf08fa900a",
  issuance: "0x4c81042bc2561c816c82b0777ecf82248c7b1699f8e907032a25b93b490383ba",
};

/** The samples are templates: DCSA's conformance tool fills the placeholders before sending them. */
function filled(document: Json): Json {
  return { ...clone(document), transportDocumentReference: "HHL71800000" };
}

async function issuesOf(document: unknown) {
  try {
    await validateTransportDocument(document);
  } catch (error) {
    expect(error).to.be.instanceOf(TransportDocumentValidationError);
    return (error as TransportDocumentValidationError).issues;
  }
  return [];
}

describe("SDK: documentChecksum", function () {
  for (const [name, document, expected] of [
    ["the PINT transport document", pintDocument, INDEPENDENT_CHECKSUMS.pint],
    ["the issuance request's document", issuanceDocument, INDEPENDENT_CHECKSUMS.issuance],
  ] as const) {
    it(`hashes ${name} as SHA-256 of its canonical JSON, equal to an independent computation`, function () {
      const canonical = canonicalJson(document);
      const viaNode = "0x" + createHash("sha256").update(Buffer.from(canonical, "utf8")).digest("hex");
      expect(documentChecksum(document)).to.equal(viaNode);
      expect(documentChecksum(document)).to.equal(expected);
      expect(documentChecksum(document)).to.match(/^0x[0-9a-f]{64}$/);
    });
  }

  it("canonical form of a sample: parses back to the same document, no whitespace between tokens, keys sorted", function () {
    const canonical = canonicalJson(pintDocument);
    expect(JSON.parse(canonical)).to.deep.equal(pintDocument);
    const outsideStrings = canonical.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    expect(outsideStrings).to.not.match(/\s/);
    // Keys sorted at every level: the same as JSON.stringify over a copy rebuilt with sorted keys (ASCII keys here).
    const sortDeep = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sortDeep)
        : v !== null && typeof v === "object"
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sortDeep((v as Json)[k])]),
            )
          : v;
    expect(canonical).to.equal(JSON.stringify(sortDeep(pintDocument)));
    expect(canonical.startsWith('{"cargoMovementTypeAtDestination":')).to.equal(true);
    expect(canonical).to.contain('"cargoGrossWeight":12000,'); // 12000.0 in the sample: JCS writes 12000
    expect(canonical.length).to.be.lessThan(pintText.length);
  });

  it("accepts JSON text: formatting and member order do not change the checksum", function () {
    expect(documentChecksum(pintText)).to.equal(INDEPENDENT_CHECKSUMS.pint);
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(pintDocument).reverse()), null, 4);
    expect(documentChecksum(reordered)).to.equal(INDEPENDENT_CHECKSUMS.pint);
  });

  it("changes when any field changes, and is SHA-256 rather than keccak-256", function () {
    const changed = clone(pintDocument);
    (changed.transports as Json).plannedArrivalDate = "2023-12-22";
    expect(documentChecksum(changed)).to.not.equal(INDEPENDENT_CHECKSUMS.pint);
    // Known answer: SHA-256 of the 2 bytes "{}".
    expect(documentChecksum({})).to.equal("0x44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  });

  it("refuses text that is not JSON, and values that are not JSON, with a CanonicalJsonError", function () {
    expect(() => documentChecksum("{ not json")).to.throw(CanonicalJsonError, /not valid JSON/);
    expect(() => documentChecksum({ weight: NaN })).to.throw(CanonicalJsonError, /\$\.weight/);
  });
});

describe("SDK: validateTransportDocument (DCSA eBL 3.0)", function () {
  it("accepts both DCSA samples once their placeholder reference is filled in, and returns them unchanged", async function () {
    for (const sample of [pintDocument, issuanceDocument]) {
      const document = filled(sample);
      expect(await validateTransportDocument(document)).to.equal(document);
      expect(await transportDocumentIssues(document)).to.deep.equal([]);
    }
  });

  it("refuses the samples as shipped only for their placeholder reference, longer than DCSA's 20 characters", async function () {
    for (const sample of [pintDocument, issuanceDocument]) {
      const issues = await issuesOf(sample);
      expect(issues.map((i) => i.path)).to.deep.equal(["transportDocumentReference"]);
      expect(issues[0]!.message).to.match(/20/);
    }
  });

  const mutations: [string, (d: Json) => void, string][] = [
    ["a missing reference", (d) => delete d.transportDocumentReference, "transportDocumentReference"],
    [
      "a reference with trailing space",
      (d) => (d.transportDocumentReference = "HHL718 "),
      "transportDocumentReference",
    ],
    ["an unknown document type", (d) => (d.transportDocumentTypeCode = "HBL"), "transportDocumentTypeCode"],
    ["isToOrder as a string", (d) => (d.isToOrder = "false"), "isToOrder"],
    [
      "a shipper without a name",
      (d) => delete ((d.documentParties as Json).shipper as Json).partyName,
      "documentParties.shipper.partyName",
    ],
    [
      "a straight B/L without a consignee",
      (d) => delete (d.documentParties as Json).consignee,
      "documentParties.consignee",
    ],
    [
      "a consignee without identifying codes",
      (d) => (((d.documentParties as Json).consignee as Json).identifyingCodes = []),
      "documentParties.consignee.identifyingCodes",
    ],
    [
      "an endorsee on a straight B/L",
      (d) =>
        ((d.documentParties as Json).endorsee = {
          partyName: "Bank",
          identifyingCodes: [{ codeListProvider: "W3C", partyCode: "x" }],
        }),
      "documentParties.endorsee",
    ],
    [
      "an issuing carrier without an address",
      (d) => delete ((d.documentParties as Json).issuingParty as Json).address,
      "documentParties.issuingParty.address",
    ],
    [
      "an issuing carrier with a lower-case country",
      (d) => ((((d.documentParties as Json).issuingParty as Json).address as Json).countryCode = "kr"),
      "documentParties.issuingParty.address.countryCode",
    ],
    ["a carrier code of 5 characters", (d) => (d.carrierCode = "HMMXX"), "carrierCode"],
    ["an unknown carrier code list", (d) => (d.carrierCodeListProvider = "IATA"), "carrierCodeListProvider"],
    ["no shipped-on-board date", (d) => delete d.shippedOnBoardDate, "shippedOnBoardDate"],
    ["a date that is not ISO", (d) => (d.shippedOnBoardDate = "19/12/2023"), "shippedOnBoardDate"],
    ["an issue date that is not a date", (d) => (d.issueDate = "2023-02-30x"), "issueDate"],
    ["no goods", (d) => (d.consignmentItems = []), "consignmentItems"],
    [
      "goods without description",
      (d) => ((d.consignmentItems as Json[])[0]!.descriptionOfGoods = []),
      "consignmentItems[0].descriptionOfGoods",
    ],
    [
      "a cargo item with a weight unit DCSA does not know",
      (d) =>
        (((d.consignmentItems as Json[])[0]!.cargoItems as Json[])[0]!.cargoGrossWeight = { value: 1, unit: "TON" }),
      "consignmentItems[0].cargoItems[0].cargoGrossWeight.unit",
    ],
    [
      "a port of discharge that is not a UN/LOCODE",
      (d) => (((d.transports as Json).portOfDischarge as Json).UNLocationCode = "Bremerhaven"),
      "transports.portOfDischarge.UNLocationCode",
    ],
  ];
  for (const [what, mutate, path] of mutations) {
    it(`refuses ${what}, pointing at ${path}`, async function () {
      const document = filled(pintDocument);
      mutate(document);
      expect((await issuesOf(document)).map((i) => i.path)).to.deep.equal([path]);
    });
  }

  it("refuses a sea waybill issued to order, and a to-order B/L naming both consignee and endorsee", async function () {
    const swb = filled(pintDocument);
    swb.transportDocumentTypeCode = "SWB";
    swb.isToOrder = true;
    expect((await issuesOf(swb)).map((i) => i.path)).to.deep.equal(["isToOrder"]);

    const toOrder = filled(pintDocument);
    toOrder.isToOrder = true;
    (toOrder.documentParties as Json).endorsee = clone((toOrder.documentParties as Json).consignee);
    expect((await issuesOf(toOrder)).map((i) => i.path)).to.deep.equal(["documentParties.endorsee"]);
  });

  it("accepts a to-order B/L without consignee (blank endorsed) and one with an endorsee", async function () {
    const blank = filled(pintDocument);
    blank.isToOrder = true;
    delete (blank.documentParties as Json).consignee;
    await validateTransportDocument(blank); // resolves
    (blank.documentParties as Json).endorsee = {
      partyName: "Harbour Bank",
      identifyingCodes: [{ codeListProvider: "W3C", partyCode: "did:web:bank" }],
    };
    await validateTransportDocument(blank); // resolves
  });

  it("lists every problem at once, and says where in its message", async function () {
    const document = filled(pintDocument);
    delete document.carrierCode;
    ((document.documentParties as Json).shipper as Json).partyName = "";
    try {
      await validateTransportDocument(document);
      expect.fail("expected a throw");
    } catch (error) {
      const e = error as TransportDocumentValidationError;
      expect(e.issues.map((i) => i.path)).to.have.members(["carrierCode", "documentParties.shipper.partyName"]);
      expect(e.shortMessage).to.contain("2 problems");
      expect(e.details).to.contain("documentParties.shipper.partyName");
    }
  });

  it("refuses what is not an object at all", async function () {
    expect((await issuesOf(null)).map((i) => i.path)).to.deep.equal(["$"]);
    expect((await issuesOf("a string")).map((i) => i.path)).to.deep.equal(["$"]);
  });
});
