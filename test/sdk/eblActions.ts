/**
 * SDK: the registry's holder-action entry through `ebl.act`, `ebl.sign`, `ebl.rejectTransfer` and `ebl.handover`:
 * remarks hashed by `remarkHash` (DCSA comments rule), reason codes, their place in the history and in the DCSA chain,
 * prepared forms, and the typed errors of a refused rejection.
 */
import { expect } from "chai";
import { keccak256, stringToHex } from "viem";

import {
  ContractRevertError,
  InvalidArgumentError,
  remarkHash,
  toDcsaEndorsementChain,
  type EblHistoryEntry,
} from "../../sdk/src/index.js";
import { rejects } from "./helpers.js";
import { createSystemChain, toOrderDocument } from "./system.js";

const chain = await createSystemChain();
const { accounts } = chain;
const { carrier, exporter, importer, bank } = accounts;
const { loadFixture, time } = chain.connection.networkHelpers;

async function issued() {
  const sys = await chain.system();
  const { tokenId, wait } = await sys
    .as(carrier)
    .ebl.issue({ document: toOrderDocument("ACT0000001"), shipper: exporter });
  await wait();
  return { ...sys, tokenId };
}

const step = async (p: Promise<{ wait: () => Promise<unknown> }>) => (await p).wait();

describe("SDK: ebl holder actions with remarks (act, sign, rejectTransfer)", function () {
  it("hashes a remark as keccak-256 of its UTF-8 text, and refuses what DCSA comments refuse", function () {
    expect(remarkHash("Delivered to the bank")).to.equal(keccak256(stringToHex("Delivered to the bank")));
    expect(remarkHash("Zoll geprüft ✓")).to.equal(keccak256(stringToHex("Zoll geprüft ✓")));
    expect(remarkHash("x".repeat(255))).to.match(/^0x[0-9a-f]{64}$/);
    for (const bad of ["", " leading", "trailing ", "two\nlines", "x".repeat(256)]) {
      expect(() => remarkHash(bad), JSON.stringify(bad)).to.throw(InvalidArgumentError);
    }
  });

  it("records remarks and reason codes in the history and the DCSA chain; SIGN and a rejection too", async function () {
    const { as, tokenId } = await loadFixture(issued);
    const byExporter = as(exporter);
    await step(
      byExporter.ebl.act({ tokenId, action: "endorseAndDeliver", party: importer, remark: "Sold, CIF Hamburg" }),
    );
    expect((await byExporter.ebl.handover(tokenId))?.from).to.equal(exporter);
    await step(as(importer).ebl.rejectTransfer({ tokenId, remark: "Not the goods ordered" }));
    expect(await byExporter.ebl.holder(tokenId)).to.equal(exporter);
    expect(await byExporter.ebl.titleHolder(tokenId)).to.equal(exporter);
    await step(byExporter.ebl.sign({ tokenId }));
    await step(byExporter.ebl.act({ tokenId, action: "surrenderForAmendment", reasonCode: "COD" }));

    const history = await as(undefined).ebl.history(tokenId);
    const summary = history.entries.map((e: EblHistoryEntry) => [e.action, e.actor, e.from, e.to, e.titleHolder]);
    expect(summary).to.deep.equal([
      ["ISSUE", carrier, null, exporter, exporter],
      ["ENDORSE", exporter, exporter, importer, importer],
      ["TRANSFER_REJECTED", importer, importer, exporter, exporter],
      ["SIGN", exporter, exporter, null, exporter],
      ["SURRENDER_FOR_AMENDMENT", exporter, exporter, carrier, exporter],
    ]);
    expect(history.entries[1]!.remarkHash).to.equal(remarkHash("Sold, CIF Hamburg"));
    expect(history.entries[2]!.remarkHash).to.equal(remarkHash("Not the goods ordered"));
    expect(history.entries[3]!.remarkHash).to.equal(undefined, "no remark given");
    expect(history.entries[4]!.reasonCode).to.equal("COD");

    const chainLinks = toDcsaEndorsementChain(history).map((t) => [t.actionCode, t.reasonCode]);
    expect(chainLinks).to.deep.include(["SIGN", undefined]);
    expect(chainLinks).to.deep.include(["SURRENDER_FOR_AMENDMENT", "COD"]);
  });

  it("prepares an act unsent, from the given account", async function () {
    const { as, tokenId } = await loadFixture(issued);
    const prepared = await as(undefined).ebl.act.prepare(
      { tokenId, action: "transfer", party: bank, remark: "For collection" },
      { account: exporter },
    );
    expect(prepared.to).to.equal(as(undefined).ebl.address);
    expect(await as(undefined).ebl.holder(tokenId)).to.equal(exporter, "nothing sent");
  });

  it("refuses a bad action or remark before sending, and explains a refused rejection", async function () {
    const { as, tokenId } = await loadFixture(issued);
    const byExporter = as(exporter);
    await rejects(() => byExporter.ebl.act({ tokenId, action: "steal" as never }), InvalidArgumentError);
    await rejects(() => byExporter.ebl.sign({ tokenId, remark: " padded" }), InvalidArgumentError);

    await step(byExporter.ebl.transfer({ tokenId, to: bank }));
    const notRejectable = await rejects(() => as(bank).ebl.rejectTransfer({ tokenId }), ContractRevertError);
    expect(notRejectable.errorName).to.equal("EblNotRejectable");
    expect(notRejectable.hint).to.be.a("string").and.not.equal("");

    await step(as(bank).ebl.act({ tokenId, action: "transfer", party: exporter }));
    const handover = await byExporter.ebl.handover(tokenId);
    expect(handover?.from).to.equal(bank);
    await time.increaseTo(handover!.deadline + 1n);
    const closed = await rejects(() => byExporter.ebl.rejectTransfer({ tokenId }), ContractRevertError);
    expect(closed.errorName).to.equal("EblRejectionWindowClosed");
    expect(closed.message).to.contain(new Date(Number(handover!.deadline) * 1000).toISOString());
  });
});
