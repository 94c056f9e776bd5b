import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { AbiCoder, keccak256 as ethersKeccak256, solidityPackedKeccak256, toUtf8Bytes } from "ethers";

import {
  AmountPrecisionError,
  assertAddress,
  CargoRailsError,
  decodeJurisdiction,
  decodeKinds,
  eblTokenId,
  encodeJurisdiction,
  encodeKinds,
  formatAmount,
  InvalidAddressError,
  InvalidAmountError,
  InvalidArgumentError,
  parseAmount,
  SDK_VERSION,
  settlementFromJson,
  settlementToJson,
  type SettlementSubmission,
} from "../../sdk/src/index.js";
import { addressesFromIgnition, IgnitionAddressesError } from "../../sdk/src/node.js";
import { repoRoot } from "./helpers.js";

const CARRIER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

describe("SDK: eblTokenId", function () {
  it("is the issuer in the top 160 bits and the low 96 bits of keccak256(reference), computed independently with ethers", function () {
    const low96 = (1n << 96n) - 1n;
    for (const reference of ["HHL71800000", "X", "参考-ü-😀", "a".repeat(20)]) {
      const expected = (BigInt(CARRIER) << 96n) | (BigInt(ethersKeccak256(toUtf8Bytes(reference))) & low96);
      expect(eblTokenId(CARRIER, reference)).to.equal(expected);
      expect(eblTokenId(CARRIER, reference) >> 96n).to.equal(BigInt(CARRIER), "the issuer reads back from the id");
    }
  });

  it("hashes the reference's bytes (not an ABI encoding) and depends on both issuer and reference", function () {
    const id = eblTokenId(CARRIER, "HHL71800000");
    expect(id).to.not.equal(BigInt(solidityPackedKeccak256(["address", "string"], [CARRIER, "HHL71800000"])));
    expect(id).to.not.equal(
      BigInt(ethersKeccak256(AbiCoder.defaultAbiCoder().encode(["address", "string"], [CARRIER, "HHL71800000"]))),
    );
    expect(eblTokenId(CARRIER, "HHL71800001")).to.not.equal(id);
    expect(eblTokenId("0x90F79bf6EB2c4f870365E785982E1f101E93b906", "HHL71800000")).to.not.equal(id);
    // Case of the address does not matter: it is the same issuer.
    expect(eblTokenId(CARRIER.toLowerCase(), "HHL71800000")).to.equal(id);
  });

  it("refuses a malformed issuer and an empty reference", function () {
    expect(() => eblTokenId("0x1234", "HHL71800000")).to.throw(InvalidAddressError, /issuer/);
    expect(() => eblTokenId(CARRIER, "")).to.throw(InvalidArgumentError, /transportDocumentReference/);
    // What the registry refuses to issue: more than 20 bytes (not characters), whitespace at either end.
    for (const reference of ["a".repeat(21), "参考参考参考参", " HHL", "HHL\r"]) {
      expect(() => eblTokenId(CARRIER, reference), reference).to.throw(InvalidArgumentError, /20 bytes/);
    }
  });
});

describe("SDK: amounts", function () {
  it("parses decimal strings in token units into base units without floating point", function () {
    expect(parseAmount("1250.50", 2)).to.equal(125050n);
    expect(parseAmount("1250.5", 2)).to.equal(125050n);
    expect(parseAmount("1250", 2)).to.equal(125000n);
    expect(parseAmount("0.01", 2)).to.equal(1n);
    expect(parseAmount("0", 6)).to.equal(0n);
    expect(parseAmount("1.10", 1)).to.equal(11n); // trailing zeros beyond the precision are harmless
    expect(parseAmount("7", 0)).to.equal(7n);
    // 0.1 + 0.2 style inputs stay exact at 18 decimals
    expect(parseAmount("0.300000000000000001", 18)).to.equal(300000000000000001n);
    expect(parseAmount("123456789012345678901234567890.123456789012345678", 18)).to.equal(
      123456789012345678901234567890123456789012345678n,
    );
  });

  it('refuses a bigint: base units are not an amount (100n would be HKD 1.00, "100" is HKD 100.00)', function () {
    try {
      parseAmount(125050n as unknown as string, 2);
      expect.fail("expected a throw");
    } catch (error) {
      expect(error).to.be.instanceOf(InvalidAmountError);
      const e = error as InvalidAmountError;
      expect(e.value).to.equal(125050n);
      expect(e.shortMessage).to.contain("decimal strings in the token's units");
      expect(e.hint).to.contain("formatAmount(125050n, decimals)");
    }
    // The conversion the hint names gives what parseAmount takes.
    expect(parseAmount(formatAmount(125050n, 2), 2)).to.equal(125050n);
  });

  it("refuses more decimals than the token has, saying its decimals", function () {
    try {
      parseAmount("1250.505", 2);
      expect.fail("expected a throw");
    } catch (error) {
      expect(error).to.be.instanceOf(AmountPrecisionError);
      const e = error as AmountPrecisionError;
      expect(e.decimals).to.equal(2);
      expect(e.value).to.equal("1250.505");
      expect(e.shortMessage).to.contain("more than 2 decimal places");
      expect(e.hint).to.contain("2 decimal places");
    }
    expect(() => parseAmount("1.5", 0)).to.throw(AmountPrecisionError);
  });

  it("refuses numbers, amounts beyond a uint256, and strings that are not plain decimals", function () {
    expect(() => parseAmount(1250.5 as unknown as string, 2)).to.throw(InvalidAmountError, /numbers/);
    expect(() => parseAmount((1n << 256n).toString(), 0)).to.throw(InvalidAmountError, /uint256/);
    expect(() => parseAmount(formatAmount(1n << 256n, 2), 2)).to.throw(InvalidAmountError, /uint256/);
    expect(parseAmount(((1n << 256n) - 1n).toString(), 0)).to.equal((1n << 256n) - 1n);
    for (const bad of ["-1", "+1", "1,000.00", "1e3", " 1", "1.", ".5", "", "0x10", "1.2.3", "NaN"]) {
      expect(() => parseAmount(bad, 2), JSON.stringify(bad)).to.throw(InvalidAmountError);
    }
    expect(() => parseAmount("1", 1.5)).to.throw(InvalidArgumentError, /decimals/);
    expect(() => parseAmount("1", -1)).to.throw(InvalidArgumentError, /decimals/);
  });

  it("formats base units as token units, exactly, and round-trips with parseAmount", function () {
    expect(formatAmount(125050n, 2)).to.equal("1250.5");
    expect(formatAmount(125050n, 2, { minimumFractionDigits: 2 })).to.equal("1250.50");
    expect(formatAmount(125000n, 2)).to.equal("1250");
    expect(formatAmount(1n, 2)).to.equal("0.01");
    expect(formatAmount(0n, 2)).to.equal("0");
    expect(formatAmount(7n, 0)).to.equal("7");
    expect(formatAmount(-5n, 2)).to.equal("-0.05");
    expect(formatAmount(1n, 18)).to.equal("0.000000000000000001");
    for (const units of [0n, 1n, 99n, 100n, 123456789n, 10n ** 30n + 7n]) {
      expect(parseAmount(formatAmount(units, 6), 6)).to.equal(units);
    }
    expect(() => formatAmount(1 as unknown as bigint, 2)).to.throw(InvalidAmountError);
  });
});

describe("SDK: input guards and encodings", function () {
  it("checks addresses and returns them checksummed", function () {
    expect(assertAddress(CARRIER.toLowerCase())).to.equal(CARRIER);
    for (const bad of [
      "0x123",
      "3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
      "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bz",
      42,
      null,
    ]) {
      expect(() => assertAddress(bad, "account")).to.throw(InvalidAddressError, /account/);
    }
    // A mixed-case address with a wrong checksum is a typo, not an address.
    expect(() => assertAddress("0x3c44CdDdB6a900fa2b585dd299e03d12FA4293BC")).to.throw(InvalidAddressError);
  });

  it("encodes kinds by name as the contract's bit flags, and back", function () {
    expect(encodeKinds(["carrier"])).to.equal(1);
    expect(encodeKinds(["bank", "custody"])).to.equal(2 | 32);
    expect(encodeKinds("regulator")).to.equal(64);
    expect(decodeKinds(2 | 32)).to.deep.equal(["bank", "custody"]);
    expect(decodeKinds(0)).to.deep.equal([]);
    expect(encodeKinds(["inspector", "insurer", "authority"])).to.equal((1 << 8) | (1 << 9) | (1 << 10));
    expect(decodeKinds((1 << 11) - 1)).to.have.length(11); // ParticipantKinds.ALL
    expect(() => encodeKinds([])).to.throw(InvalidArgumentError, /kinds/);
    expect(() => encodeKinds(["shipowner" as never])).to.throw(InvalidArgumentError, /carrier, bank/);
    expect(() => encodeKinds(["toString" as never])).to.throw(InvalidArgumentError);
  });

  it("encodes jurisdictions as bytes2, and back", function () {
    expect(encodeJurisdiction("HK")).to.equal("0x484b");
    expect(decodeJurisdiction("0x434e")).to.equal("CN");
    expect(decodeJurisdiction("0x0000")).to.equal(null);
    for (const bad of ["hk", "HKG", "H", "", "Hk"]) {
      expect(() => encodeJurisdiction(bad), bad).to.throw(InvalidArgumentError, /jurisdiction/);
    }
  });

  it("errors carry shortMessage, hint and the SDK version", function () {
    const error = new InvalidAddressError("0x12", "issuer");
    expect(error).to.be.instanceOf(CargoRailsError);
    expect(error.name).to.equal("InvalidAddressError");
    expect(error.message).to.contain(error.shortMessage).and.to.contain(`Hint: ${error.hint}`);
    expect(error.version).to.equal(SDK_VERSION);
    const sdkPackage = JSON.parse(readFileSync(path.join(repoRoot, "sdk", "package.json"), "utf8")) as {
      version: string;
    };
    expect(SDK_VERSION).to.equal(sdkPackage.version);
  });
});

describe("SDK: settlementToJson / settlementFromJson", function () {
  const terms = {
    registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    tokenId: (BigInt(CARRIER) << 96n) | 12345n,
    documentHash: `0x${"ab".repeat(32)}`,
    paymentToken: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    amount: 2_500_000n,
    seller: CARRIER,
    buyer: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
    eblRecipient: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
    titleRecipient: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
    paymentRecipient: CARRIER,
    condition: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
    conditionData: `0x${"cd".repeat(32)}`,
    deadline: 2_000_000_000n,
    salt: `0x${"01".repeat(32)}`,
  } as const;
  const signature = `0x${"11".repeat(65)}` as const;
  const payments: SettlementSubmission["payment"][] = [
    undefined,
    { method: "allowance" },
    { method: "permit", deadline: 2_000_000_100n, signature },
    { method: "authorization", validAfter: 0n, validBefore: 2_000_000_100n, salt: `0x${"02".repeat(32)}`, signature },
  ];

  it("round-trips terms (the condition too), signatures, the eBL permit, the way and every payment method, bigints exactly", function () {
    for (const payment of payments) {
      const submission: SettlementSubmission = {
        terms,
        way: payment?.method === "authorization" ? "escrowed" : "signed",
        sellerSignature: signature,
        buyerSignature: signature,
        eblPermit: { deadline: 2n ** 255n, signature },
        ...(payment === undefined ? {} : { payment }),
      };
      const text = settlementToJson(submission);
      const json = JSON.parse(text);
      expect(json.terms.tokenId, "bigints are decimal strings").to.equal(terms.tokenId.toString());
      expect(json.terms.amountBaseUnits, "the price says it is in base units").to.equal("2500000");
      expect(json.terms, "no ambiguous `amount`").not.to.have.property("amount");
      expect([json.version, json.way]).to.deep.equal([3, submission.way]);
      expect([json.terms.condition, json.terms.conditionData]).to.deep.equal([terms.condition, terms.conditionData]);
      expect(settlementFromJson(text)).to.deep.equal(submission);
    }
    // Without a way, the submission is for SignedSettlement, and says so once read back.
    expect(settlementFromJson(settlementToJson({ terms }))).to.deep.equal({ terms, way: "signed" });
  });

  it("refuses text that is not JSON, another version, and every malformed field, naming it", function () {
    const good = JSON.parse(settlementToJson({ terms, sellerSignature: signature, payment: payments[3]! }));
    const refused = (mutate: (json: any) => void, argument: string) => {
      const json = structuredClone(good);
      mutate(json);
      const error = (() => {
        try {
          settlementFromJson(JSON.stringify(json));
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      // An address gets the SDK's InvalidAddressError, every other field InvalidArgumentError; both name the field.
      expect(error, argument).to.be.instanceOf(
        argument === "terms.seller" || argument === "terms.condition" ? InvalidAddressError : InvalidArgumentError,
      );
      expect((error as InvalidArgumentError).argument).to.equal(argument);
    };
    expect(() => settlementFromJson("{not json")).to.throw(InvalidArgumentError, "json");
    refused((j) => (j.version = 2), "json.version");
    refused((j) => (j.way = "both"), "json.way");
    refused((j) => delete j.way, "json.way");
    refused((j) => (j.terms.condition = "0x12"), "terms.condition");
    refused((j) => delete j.terms.conditionData, "terms.conditionData");
    refused((j) => (j.terms.amountBaseUnits = "1e6"), "terms.amountBaseUnits");
    refused((j) => (j.terms.amountBaseUnits = "-1"), "terms.amountBaseUnits");
    refused((j) => (j.terms.amountBaseUnits = "25000.00"), "terms.amountBaseUnits");
    refused((j) => (j.terms.amountBaseUnits = 2500000), "terms.amountBaseUnits");
    refused((j) => (j.terms.tokenId = (2n ** 256n).toString()), "terms.tokenId");
    refused((j) => (j.terms.deadline = "007"), "terms.deadline");
    refused((j) => (j.terms.seller = "0x1234"), "terms.seller");
    refused((j) => (j.terms.salt = "0x01"), "terms.salt");
    refused((j) => (j.sellerSignature = "0xzz"), "sellerSignature");
    refused((j) => (j.payment.method = "cash"), "payment.method");
    refused((j) => (j.payment.validBefore = "soon"), "payment.validBefore");
    refused((j) => (j.payment.salt = "0x02"), "payment.salt");
    refused((j) => delete j.terms, "terms");
  });

  it("refuses the earlier forms (no condition, no way), saying what changed", function () {
    const { amountBaseUnits, condition, conditionData, ...rest } = JSON.parse(settlementToJson({ terms })).terms;
    void [condition, conditionData];
    for (const old of [
      { version: 1, terms: { ...rest, amount: amountBaseUnits } },
      { version: 2, terms: { ...rest, amountBaseUnits } },
    ]) {
      expect(() => settlementFromJson(JSON.stringify(old)))
        .to.throw(InvalidArgumentError, "json.version")
        .with.property("hint")
        .that.contains("condition");
    }
  });

  it("refuses to write a submission with a malformed part", function () {
    expect(() => settlementToJson({ terms: { ...terms, amount: -1n } })).to.throw(InvalidArgumentError, "terms.amount");
    expect(() => settlementToJson({ terms, eblPermit: { deadline: 1n, signature: "0x1" } })).to.throw(
      InvalidArgumentError,
      "eblPermit.signature",
    );
    expect(() => settlementToJson({ terms, way: "deal" as "escrowed" })).to.throw(InvalidArgumentError, "way");
  });
});

describe("SDK: addressesFromIgnition", function () {
  const registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  const deployed = { "ParticipantRegistry#ParticipantRegistry": registry.toLowerCase() };

  it("reads the parsed file, its JSON text, the file path and the deployment directory", async function () {
    const dir = mkdtempSync(path.join(tmpdir(), "cargo-rails-ignition-"));
    const deployment = path.join(dir, "chain-31337");
    mkdirSync(deployment);
    writeFileSync(path.join(deployment, "deployed_addresses.json"), JSON.stringify(deployed, null, 2));
    for (const source of [
      deployed,
      JSON.stringify(deployed),
      path.join(deployment, "deployed_addresses.json"),
      deployment,
    ]) {
      expect(await addressesFromIgnition(source)).to.deep.equal({ participantRegistry: registry });
    }
  });

  it("finds a contract by its future id whatever the module is called", async function () {
    expect(
      await addressesFromIgnition({ "CargoRails#ParticipantRegistry": registry, "Other#Thing": registry }),
    ).to.deep.equal({
      participantRegistry: registry,
    });
  });

  it("reads the eBL registry, both settlement contracts, the rail and one deposit token per TokenizedDeposit_<LABEL>", async function () {
    const [ebl, signed, escrowed, rail, hkd, cnh] = [
      "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
      "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
      "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707",
      "0x0165878A594ca255338adfa4d48449f69242Eb8F",
      "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
      "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
    ];
    expect(
      await addressesFromIgnition({
        "CargoRails#ParticipantRegistry": registry,
        "CargoRails#BillOfLadingRegistry": ebl.toLowerCase(),
        "CargoRails#SignedSettlement": signed,
        "CargoRails#EscrowedDeals": escrowed,
        "CargoRails#DepositRail": rail,
        "CargoRails#TokenizedDeposit_HKD": hkd,
        "CargoRails#TokenizedDeposit_CNH": cnh,
      }),
    ).to.deep.equal({
      participantRegistry: registry,
      eblRegistry: ebl,
      signedSettlement: signed,
      escrowedDeals: escrowed,
      depositRail: rail,
      deposits: { HKD: hkd, CNH: cnh },
    });
    await addressesFromIgnition({ "A#ParticipantRegistry": registry, "A#TokenizedDeposit_HKD": "0x12" }).then(
      () => expect.fail("expected a rejection"),
      (error: unknown) => expect(error).to.be.instanceOf(InvalidAddressError),
    );
  });

  it("refuses a deployment without the contract, with two of them, or with a malformed address", async function () {
    const refusal = async (source: Parameters<typeof addressesFromIgnition>[0]) => {
      try {
        await addressesFromIgnition(source);
      } catch (error) {
        return error;
      }
      expect.fail("expected a rejection");
    };
    const missing = await refusal({ "Other#Thing": registry });
    expect(missing).to.be.instanceOf(IgnitionAddressesError);
    expect((missing as IgnitionAddressesError).details).to.contain("Other#Thing");
    expect(await refusal({ "A#ParticipantRegistry": registry, "B#ParticipantRegistry": registry })).to.be.instanceOf(
      IgnitionAddressesError,
    );
    expect(await refusal({ "A#ParticipantRegistry": "0x1234" })).to.be.instanceOf(InvalidAddressError);
    expect(await refusal("/nonexistent/deployed_addresses.json")).to.be.instanceOf(IgnitionAddressesError);
    expect(await refusal("{ broken")).to.be.instanceOf(IgnitionAddressesError);
    expect(await refusal("[1]")).to.be.instanceOf(IgnitionAddressesError);
  });
});
