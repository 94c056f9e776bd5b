import { expect } from "chai";
import { type Address } from "viem";

import {
  InvalidArgumentError,
  createCargoRails,
  toDcsaEndorsementChain,
  toDcsaTransactionsByEntry,
  type EblHistory,
  type SettlementTerms,
  type TermsInput,
} from "../../sdk/src/index.js";
import { entryOf } from "./helpers.js";
import { createSystemChain, toOrderDocument } from "./system.js";

const chain = await createSystemChain();
const { carrier, exporter, importer, bank, relayer } = chain.accounts;
const { loadFixture } = chain.connection.networkHelpers;

/** The system, with a to-order eBL held by the exporter (title with itself), and the bank funded to pay. */
async function trade() {
  const sys = await chain.system();
  const { tokenId, wait } = await sys
    .as(carrier)
    .ebl.issue({ document: toOrderDocument("SHA2HKG000777"), shipper: exporter });
  await wait();
  await (await sys.as(bank).deposits.HKD.mint({ to: bank, amount: "100000.00", bankReference: "FIN-0001" })).wait();
  return { ...sys, tokenId };
}

type System = Awaited<ReturnType<typeof trade>>;

/** Settles signed terms: both parties sign off-chain, the relayer submits. */
async function settleSigned(sys: System, input: Omit<TermsInput, "tokenId" | "paymentToken">) {
  const terms = await sys.as(undefined).settlement.prepare({ tokenId: sys.tokenId, paymentToken: "HKD", ...input });
  const seller = await sys.as(terms.seller).settlement.signAsSeller(terms);
  const buyer = await sys.as(terms.buyer).settlement.signAsBuyer(terms);
  await (await sys.as(relayer).settlement.settle({ terms, ...seller, ...buyer })).wait();
}

/** Opens an escrowed deal by the seller's own calls and deposits the eBL (EscrowedDeals pulls it). */
async function escrow(sys: System, terms: SettlementTerms) {
  const seller = sys.as(terms.seller);
  await (await seller.settlement.createDeal(terms)).wait();
  await (await seller.ebl.approve({ tokenId: sys.tokenId, operator: sys.escrowedDeals })).wait();
  await (await seller.settlement.depositEbl(terms)).wait();
}

/** The history as [action, actor, operator, from, to] rows. */
const rows = (history: EblHistory) => history.entries.map((e) => [e.action, e.actor, e.operator, e.from, e.to]);

describe("SDK: eBL history names the legal actor and the operator that submitted", function () {
  it("a signed settlement: the seller endorses and delivers, the settlement contract submits", async function () {
    const sys = await loadFixture(trade);
    const { signedSettlement: settlement } = sys;
    await settleSigned(sys, { amount: "1000.00", seller: exporter, buyer: importer });

    const history = await sys.as(undefined).ebl.history(sys.tokenId);
    expect(rows(history)).to.deep.equal([
      ["ISSUE", carrier, null, null, exporter],
      ["ENDORSE", exporter, settlement, exporter, importer],
    ]);
    expect(entryOf(history.entries[1], "ENDORSE")).to.deep.include({ delivered: true, previousTitleHolder: exporter });

    // DCSA: the endorse-and-deliver is two transactions, both by the seller; the submitter is in the comments.
    const dcsa = toDcsaEndorsementChain(history);
    expect(dcsa.map((t) => [t.actionCode, t.actor.partyName, t.recipient?.partyName, t.comments])).to.deep.equal([
      ["ISSUE", carrier, exporter, undefined],
      ["ENDORSE", exporter, importer, `Submitted by ${settlement} for ${exporter}.`],
      ["TRANSFER", exporter, importer, `Submitted by ${settlement} for ${exporter}.`],
    ]);
  });

  it("a pledge: the seller endorses to the importer and delivers to the bank; the bank delivers on repayment", async function () {
    const sys = await loadFixture(trade);
    const { signedSettlement: settlement } = sys;
    // DvP 1: the bank advances, takes possession as pledgee; title goes to the importer.
    await settleSigned(sys, {
      amount: "1000.00",
      seller: exporter,
      buyer: bank,
      eblRecipient: bank,
      titleRecipient: importer,
    });
    // DvP 2: the importer repays the bank and receives the eBL.
    await settleSigned(sys, { amount: "1010.00", seller: bank, buyer: importer });

    const history = await sys.as(undefined).ebl.history(sys.tokenId);
    expect(rows(history)).to.deep.equal([
      ["ISSUE", carrier, null, null, exporter],
      ["ENDORSE", exporter, settlement, exporter, importer],
      ["TRANSFER", exporter, settlement, exporter, bank],
      ["TRANSFER", bank, settlement, bank, importer],
    ]);
    const dcsa = toDcsaEndorsementChain(history, { party: (address) => party(address, { [settlement]: "DvP" }) });
    expect(dcsa.map((t) => [t.actionCode, t.actor.partyName, t.recipient?.partyName, t.comments])).to.deep.equal([
      ["ISSUE", "carrier", "exporter", undefined],
      ["ENDORSE", "exporter", "importer", "Submitted by DvP for exporter."],
      ["TRANSFER", "exporter", "bank", "Submitted by DvP for exporter."],
      ["TRANSFER", "bank", "importer", "Submitted by DvP for bank."],
    ]);
  });

  it("an escrowed deal: the settlement contract holds for the seller, who endorses and delivers through it", async function () {
    const sys = await loadFixture(trade);
    const { escrowedDeals: settlement, depositRail } = sys;
    const terms = await sys.as(undefined).settlement.prepare({
      tokenId: sys.tokenId,
      paymentToken: "HKD",
      amount: "1000.00",
      seller: exporter,
      buyer: bank,
      eblRecipient: bank,
      titleRecipient: importer,
    });
    await escrow(sys, terms);
    await (await sys.as(bank).deposits.HKD.approve({ spender: depositRail, amount: "1000.00" })).wait();
    await (await sys.as(bank).settlement.depositPayment(terms, { amount: "1000.00" })).wait();
    expect(await sys.as(undefined).ebl.holder(sys.tokenId)).to.equal(bank);

    const history = await sys.as(undefined).ebl.history(sys.tokenId);
    expect(rows(history)).to.deep.equal([
      ["ISSUE", carrier, null, null, exporter],
      ["TRANSFER", exporter, settlement, exporter, settlement], // into custody
      ["ENDORSE", exporter, settlement, settlement, importer], // the seller's title passes, from custody
      ["TRANSFER", exporter, settlement, settlement, bank], // the custodian delivers for the seller
    ]);
    expect(entryOf(history.entries[2], "ENDORSE").previousTitleHolder).to.equal(exporter);
    expect(toDcsaEndorsementChain(history).map((t) => [t.actionCode, t.actor.partyName])).to.deep.equal([
      ["ISSUE", carrier],
      ["TRANSFER", exporter],
      ["ENDORSE", exporter],
      ["TRANSFER", exporter],
    ]);
  });

  it("a cancelled deal: the custodian hands the eBL back to the seller itself", async function () {
    const sys = await loadFixture(trade);
    const { escrowedDeals: settlement } = sys;
    const terms = await sys.as(undefined).settlement.prepare({
      tokenId: sys.tokenId,
      paymentToken: "HKD",
      amount: "1000.00",
      seller: exporter,
      buyer: importer,
    });
    await escrow(sys, terms);
    await (await sys.as(importer).settlement.cancelDeal(terms)).wait();

    const history = await sys.as(undefined).ebl.history(sys.tokenId);
    expect(rows(history).slice(1)).to.deep.equal([
      ["TRANSFER", exporter, settlement, exporter, settlement],
      ["TRANSFER", settlement, null, settlement, exporter],
    ]);
  });

  it("a blank-endorsed eBL endorsed by its custodian names the principal that deposited it", async function () {
    const sys = await loadFixture(trade);
    const { escrowedDeals: settlement, depositRail } = sys;
    await (await sys.as(exporter).ebl.blankEndorse({ tokenId: sys.tokenId })).wait();
    const terms = await sys.as(undefined).settlement.prepare({
      tokenId: sys.tokenId,
      paymentToken: "HKD",
      amount: "1000.00",
      seller: exporter,
      buyer: importer,
      titleRecipient: importer,
    });
    await escrow(sys, terms);
    await (await sys.as(importer).deposits.HKD.approve({ spender: depositRail, amount: "1000.00" })).wait();
    await (await sys.as(importer).settlement.depositPayment(terms, { amount: "1000.00" })).wait();

    const history = await sys.as(undefined).ebl.history(sys.tokenId);
    expect(rows(history)).to.deep.equal([
      ["ISSUE", carrier, null, null, exporter],
      ["BLANK_ENDORSE", exporter, null, exporter, null],
      ["TRANSFER", exporter, settlement, exporter, settlement],
      ["ENDORSE", exporter, settlement, settlement, importer], // a bearer eBL: no previous title holder to name
    ]);
    expect(entryOf(history.entries[3], "ENDORSE")).to.deep.include({ previousTitleHolder: null, delivered: true });

    // Entry by entry: the endorse-and-deliver is the one entry that becomes two DCSA transactions.
    const byEntry = toDcsaTransactionsByEntry(history);
    expect(
      byEntry.map(({ entry, transactions }) => [entry.action, transactions.map((t) => t.actionCode)]),
    ).to.deep.equal([
      ["ISSUE", ["ISSUE"]],
      ["BLANK_ENDORSE", ["BLANK_ENDORSE"]],
      ["TRANSFER", ["TRANSFER"]],
      ["ENDORSE", ["ENDORSE", "TRANSFER"]],
    ]);
    expect(byEntry[3]!.transactions.map((t) => t.actor.partyName)).to.deep.equal([exporter, exporter]);
  });
});

/** A DCSA party named by role, for readable expectations. */
function party(address: Address, extra: Record<string, string> = {}) {
  const names: Record<string, string> = {
    [carrier]: "carrier",
    [exporter]: "exporter",
    [importer]: "importer",
    [bank]: "bank",
    ...extra,
  };
  const partyName = names[address] ?? address;
  return { partyName, eblPlatform: "ZZZ", identifyingCodes: [{ codeListProvider: "ZZZ", partyCode: address }] };
}

describe("SDK: eBL history in pages (cursor)", function () {
  /** The eBL endorsed and delivered back and forth `times` times: 1 + times entries, one block each. */
  async function passedAround(times: number) {
    const sys = await loadFixture(trade);
    for (let i = 0; i < times; i++) {
      const [from, to] = i % 2 === 0 ? [exporter, importer] : [importer, exporter];
      await (await sys.as(from).ebl.endorseAndDeliver({ tokenId: sys.tokenId, endorsee: to })).wait();
    }
    return sys;
  }

  /** Reads every page of `limit` entries with the cursor; returns the pages. */
  async function pages(sys: System, options: { limit: number; blockRange?: bigint }) {
    const reader = sys.as(undefined).ebl;
    const read: EblHistory[] = [await reader.history(sys.tokenId, options)];
    while (read.at(-1)!.cursor !== null) {
      read.push(await reader.history(sys.tokenId, { cursor: read.at(-1)!.cursor! }));
      if (read.length > 100) throw new Error("the cursor does not end");
    }
    return read;
  }

  it("pages a history of 8 entries by 3 without gaps or repeats; the last page's nextBlock is null", async function () {
    const sys = await passedAround(7);
    const whole = await sys.as(undefined).ebl.history(sys.tokenId);
    expect(whole.entries).to.have.length(8);
    expect(whole.nextBlock).to.equal(null);
    expect(whole.cursor).to.equal(null);

    const read = await pages(sys, { limit: 3 });
    expect(read.map((page) => page.entries.length)).to.deep.equal([3, 3, 2]);
    expect(read.flatMap((page) => page.entries)).to.deep.equal(whole.entries);
    // Each page starts where the one before ended; block ranges are inclusive and nextBlock is the first unread one.
    for (let i = 1; i < read.length; i++) {
      expect(read[i]!.fromBlock).to.equal(read[i - 1]!.nextBlock);
      expect(read[i]!.fromBlock).to.equal(read[i - 1]!.toBlock + 1n);
      expect(read[i - 1]!.entries.at(-1)!.blockNumber).to.be.at.most(read[i - 1]!.toBlock);
    }
    expect(read.at(-1)!.nextBlock).to.equal(null);
    expect(read.at(-1)!.toBlock).to.equal(whole.toBlock);
  });

  it("pages the same with one block per log query", async function () {
    const sys = await passedAround(4);
    const whole = await sys.as(undefined).ebl.history(sys.tokenId);
    const read = await pages(sys, { limit: 2, blockRange: 1n });
    expect(read.flatMap((page) => page.entries)).to.deep.equal(whole.entries);
    expect(read.map((page) => page.entries.length)).to.deep.equal([2, 2, 1]);
  });

  it("carries the custody state across pages: an escrowed deal read one entry at a time names the same actors", async function () {
    const sys = await loadFixture(trade);
    const { depositRail } = sys;
    const terms = await sys.as(undefined).settlement.prepare({
      tokenId: sys.tokenId,
      paymentToken: "HKD",
      amount: "1000.00",
      seller: exporter,
      buyer: bank,
      eblRecipient: bank,
      titleRecipient: importer,
    });
    await escrow(sys, terms);
    await (await sys.as(bank).deposits.HKD.approve({ spender: depositRail, amount: "1000.00" })).wait();
    await (await sys.as(bank).settlement.depositPayment(terms, { amount: "1000.00" })).wait();

    const whole = await sys.as(undefined).ebl.history(sys.tokenId);
    const read = await pages(sys, { limit: 1 });
    // The endorsement and the delivery are in one block: a page never splits a block.
    expect(read.map((page) => page.entries.length)).to.deep.equal([1, 1, 2]);
    expect(read.flatMap((page) => page.entries)).to.deep.equal(whole.entries);
  });

  it("refuses a limit that is not a positive integer and a cursor of another eBL", async function () {
    const sys = await passedAround(2);
    const reader = sys.as(undefined).ebl;
    await expectRejection(reader.history(sys.tokenId, { limit: 0 }), "limit");
    const first = await reader.history(sys.tokenId, { limit: 1 });
    await expectRejection(reader.history(sys.tokenId + 1n, { cursor: first.cursor! }), "cursor");
  });

  it("starts at the registry's deployment block from addresses.deployBlocks, unless the client's deploymentBlock says otherwise", async function () {
    const sys = await passedAround(1);
    const whole = await sys.as(undefined).ebl.history(sys.tokenId);
    const issuedAt = whole.entries[0]!.blockNumber;
    const withBlocks = createCargoRails({
      publicClient: chain.publicClient,
      addresses: { ...sys.addresses, deployBlocks: { eblRegistry: issuedAt } },
    });
    const history = await withBlocks.ebl.history(sys.tokenId);
    expect(history.fromBlock).to.equal(issuedAt);
    expect(history.entries).to.deep.equal(whole.entries);
    const overridden = createCargoRails({
      publicClient: chain.publicClient,
      addresses: { ...sys.addresses, deployBlocks: { eblRegistry: issuedAt } },
      deploymentBlock: issuedAt + 1n,
    });
    expect((await overridden.ebl.history(sys.tokenId)).entries.map((e) => e.action)).to.deep.equal(["ENDORSE"]);
  });
});

/** Expects `promise` to reject with an InvalidArgumentError about `argument`. */
async function expectRejection(promise: Promise<unknown>, argument: string) {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidArgumentError);
    expect((error as Error).message).to.contain(argument);
    return;
  }
  expect.fail(`expected a rejection about ${argument}`);
}
