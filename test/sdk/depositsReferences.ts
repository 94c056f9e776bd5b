import { createHash } from "node:crypto";

import { expect } from "chai";

import { CanonicalJsonError } from "../../sdk/src/index.js";
import {
  PaymentReferencePayloadError,
  paymentReference,
  paymentReferencePreimage,
  verifyPaymentReference,
  type PaymentReferenceErrorReason,
  type PaymentReferencePayload,
} from "../../sdk/src/paymentReferences.js";

/** The remittance of a pacs.008 credit transfer paying one invoice, as a bank's payment hub writes it. */
const PACS_008 = `<?xml version="1.0" encoding="UTF-8"?>
<!-- FI to FI customer credit transfer -->
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
  <FIToFICstmrCdtTrf>
    <GrpHdr><MsgId>HBHK-20261204-0001</MsgId><NbOfTxs>1</NbOfTxs></GrpHdr>
    <CdtTrfTxInf>
      <PmtId><EndToEndId>E2E-INV-2026-0042</EndToEndId></PmtId>
      <IntrBkSttlmAmt Ccy="HKD">1250.50</IntrBkSttlmAmt>
      <RmtInf>
        <Ustrd>Invoice INV-2026-0042 &amp; freight</Ustrd>
        <Strd>
          <RfrdDocInf>
            <Tp><CdOrPrtry><Cd>CINV</Cd></CdOrPrtry></Tp>
            <Nb>INV-2026-0042</Nb>
            <RltdDt>2026-11-30</RltdDt>
          </RfrdDocInf>
          <RfrdDocAmt><DuePyblAmt Ccy="HKD">1250.50</DuePyblAmt></RfrdDocAmt>
        </Strd>
      </RmtInf>
    </CdtTrfTxInf>
  </FIToFICstmrCdtTrf>
</Document>`;

/** The same remittance as an object: member order, one-element lists and `{ "#text" }` do not matter. */
const REMITTANCE = {
  Strd: [
    {
      RfrdDocAmt: { DuePyblAmt: { "#text": "1250.50", "@Ccy": "HKD" } },
      RfrdDocInf: { RltdDt: "2026-11-30", Nb: { "#text": "INV-2026-0042" }, Tp: { CdOrPrtry: { Cd: ["CINV"] } } },
    },
  ],
  Ustrd: "Invoice INV-2026-0042 & freight",
};

const IVMS101 = {
  originator: {
    originatorPersons: [
      {
        legalPerson: {
          name: {
            nameIdentifier: [{ legalPersonName: "Pearl River Importers Ltd", legalPersonNameIdentifierType: "LEGL" }],
          },
        },
      },
    ],
    accountNumber: ["0x90F79bf6EB2c4f870365E785982E1f101E93b906"],
  },
  beneficiary: {
    beneficiaryPersons: [
      {
        legalPerson: {
          name: {
            nameIdentifier: [{ legalPersonName: "Kowloon Exporters Ltd", legalPersonNameIdentifierType: "LEGL" }],
          },
        },
      },
    ],
    accountNumber: ["0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"],
  },
  originatingVASP: { legalPerson: { nationalIdentification: { nationalIdentifier: "HARBOURBANKHK0001" } } },
};

function refusal(payload: unknown, reason: PaymentReferenceErrorReason, path?: string): PaymentReferencePayloadError {
  try {
    paymentReference(payload as PaymentReferencePayload);
  } catch (error) {
    expect(error).to.be.instanceOf(PaymentReferencePayloadError);
    const e = error as PaymentReferencePayloadError;
    expect(e.reason, e.message).to.equal(reason);
    if (path !== undefined) expect(e.path).to.equal(path);
    expect(e.hint).to.be.a("string").and.not.equal("");
    return e;
  }
  return expect.fail(`expected a PaymentReferencePayloadError (${reason})`);
}

describe("SDK: payment references (ISO 20022 remittance, IVMS101)", function () {
  it("is SHA-256 of the RFC 8785 preimage {content, scheme}, which a bank recomputes without an Ethereum library", function () {
    const preimage = paymentReferencePreimage({ iso20022: { Ustrd: "INV-2026-0042" } });
    expect(preimage).to.equal('{"content":{"Ustrd":"INV-2026-0042"},"scheme":"iso20022:RmtInf"}');
    const sha = `0x${createHash("sha256").update(preimage, "utf8").digest("hex")}`;
    expect(paymentReference({ iso20022: { Ustrd: "INV-2026-0042" } })).to.equal(sha);
  });

  it("gives the XML of a pacs.008 and the object form of its RmtInf the same reference", function () {
    const fromXml = paymentReferencePreimage({ iso20022: PACS_008 });
    expect(fromXml).to.equal(paymentReferencePreimage({ iso20022: REMITTANCE }));
    expect(JSON.parse(fromXml)).to.deep.equal({
      scheme: "iso20022:RmtInf",
      content: {
        Strd: {
          RfrdDocAmt: { DuePyblAmt: { "#text": "1250.50", "@Ccy": "HKD" } },
          RfrdDocInf: { Nb: "INV-2026-0042", RltdDt: "2026-11-30", Tp: { CdOrPrtry: { Cd: "CINV" } } },
        },
        Ustrd: "Invoice INV-2026-0042 & freight",
      },
    });
    // The RmtInf element alone, with a namespace prefix, CDATA and a character reference, is the same remittance.
    const alone = `<ns:RmtInf xmlns:ns="urn:iso:std:iso:20022:tech:xsd:remt.001.001.05"><ns:Ustrd><![CDATA[Invoice INV-2026-0042 & freight]]></ns:Ustrd><ns:Strd><ns:RfrdDocAmt><ns:DuePyblAmt Ccy='HKD'>1250&#46;50</ns:DuePyblAmt></ns:RfrdDocAmt><ns:RfrdDocInf><ns:Nb>INV-2026-0042</ns:Nb><ns:RltdDt>2026-11-30</ns:RltdDt><ns:Tp><ns:CdOrPrtry><ns:Cd>CINV</ns:Cd></ns:CdOrPrtry></ns:Tp></ns:RfrdDocInf></ns:Strd></ns:RmtInf>`;
    expect(paymentReference({ iso20022: alone })).to.equal(paymentReference({ iso20022: PACS_008 }));
  });

  it("changes with any value of the remittance: the amount, the invoice number, a repeated element's order", function () {
    const base = paymentReference({ iso20022: PACS_008 });
    expect(
      paymentReference({ iso20022: PACS_008.replace("1250.50</DuePyblAmt>", "1250.5</DuePyblAmt>") }),
    ).not.to.equal(base);
    expect(paymentReference({ iso20022: PACS_008.replace("<Nb>INV-2026-0042", "<Nb>INV-2026-0043") })).not.to.equal(
      base,
    );
    expect(
      paymentReference({ iso20022: PACS_008.replace('Ccy="HKD">1250.50</Due', 'Ccy="CNH">1250.50</Due') }),
    ).not.to.equal(base);
    const two = paymentReference({ iso20022: { Ustrd: ["first", "second"] } });
    expect(paymentReference({ iso20022: { Ustrd: ["second", "first"] } })).not.to.equal(two);
    expect(paymentReference({ iso20022: "<RmtInf><Ustrd>first</Ustrd><Ustrd>second</Ustrd></RmtInf>" })).to.equal(two);
  });

  it("hashes an IVMS101 payload as canonical JSON, text or object, under its own scheme", function () {
    const reference = paymentReference({ ivms101: IVMS101 });
    expect(paymentReference({ ivms101: JSON.stringify(IVMS101, null, 2) })).to.equal(reference);
    expect(paymentReferencePreimage({ ivms101: IVMS101 })).to.match(/^\{"content":\{"beneficiary":/);
    expect(paymentReferencePreimage({ ivms101: IVMS101 })).to.match(/"scheme":"ivms101"\}$/);
    // The same content under the other scheme is another reference: the preimage names what it is.
    expect(paymentReference({ iso20022: { Ustrd: "x" } })).not.to.equal(
      paymentReference({ ivms101: { originator: {}, beneficiary: {}, payloadMetadata: { Ustrd: "x" } } }),
    );
    expect(verifyPaymentReference({ ivms101: IVMS101 }, reference)).to.equal(true);
    expect(
      verifyPaymentReference({ ivms101: IVMS101 }, reference.toUpperCase().replace("0X", "0x") as `0x${string}`),
    ).to.equal(true);
    expect(verifyPaymentReference({ ivms101: { ...IVMS101, originatingVASP: {} } }, reference)).to.equal(false);
  });

  it("refuses payloads that would make a reference ambiguous, each with its reason and where", function () {
    refusal({ remittance: "x" }, "unknown-scheme", "$");
    refusal({ iso20022: "x", ivms101: IVMS101 }, "unknown-scheme");
    refusal({ iso20022: "<RmtInf><Ustrd>a</Ustrd>" }, "invalid-xml");
    refusal({ iso20022: "<RmtInf><Ustrd>a</Nb></RmtInf>" }, "invalid-xml");
    refusal({ iso20022: '<!DOCTYPE x [<!ENTITY e "boom">]><RmtInf><Ustrd>&e;</Ustrd></RmtInf>' }, "invalid-xml");
    refusal({ iso20022: "<RmtInf><Ustrd>&e;</Ustrd></RmtInf>" }, "invalid-xml");
    refusal({ iso20022: "<RmtInf/><RmtInf/>" }, "invalid-xml");
    refusal({ iso20022: "<Document><GrpHdr/></Document>" }, "no-remittance");
    refusal({ iso20022: "<Document><Tx><RmtInf/></Tx><Tx><RmtInf/></Tx></Document>" }, "several-remittances");
    refusal({ iso20022: "<RmtInf>text<Ustrd>a</Ustrd></RmtInf>" }, "mixed-content", "RmtInf");
    refusal(
      { iso20022: { Strd: { RfrdDocAmt: { DuePyblAmt: 1250.5 } } } },
      "invalid-value",
      "$.Strd.RfrdDocAmt.DuePyblAmt",
    );
    refusal({ iso20022: { Ustrd: [] } }, "invalid-value", "$.Ustrd");
    refusal({ iso20022: { Ustrd: [["a"]] } }, "invalid-value", "$.Ustrd[0]");
    refusal({ iso20022: { "ns:Ustrd": "a" } }, "invalid-value");
    refusal({ iso20022: { Strd: { "#text": "a", Nb: "b" } } }, "mixed-content", "$.Strd");
    refusal({ ivms101: { originator: {} } }, "invalid-ivms101", "$.beneficiary");
    refusal({ ivms101: { IdentityPayload: IVMS101 } }, "invalid-ivms101", "$.IdentityPayload");
    refusal({ ivms101: [] }, "invalid-ivms101", "$");
    expect(() => paymentReference({ ivms101: "{not json" })).to.throw(CanonicalJsonError);
    expect(() => paymentReference({ ivms101: { originator: { n: 1n }, beneficiary: {} } as never })).to.throw(
      CanonicalJsonError,
    );
  });
});
