import { expect } from "chai";
import { createPublicClient, http } from "viem";

import {
  CargoRailsError,
  ContractNotConfiguredError,
  createCargoRails,
  watchDepositEvents,
  watchEblEvents,
  watchSettlementEvents,
  type CargoRails,
  type DepositEvent,
  type EblEvent,
  type SettlementEvent,
  type Unwatch,
} from "../../sdk/src/index.js";
import { createSystemChain, toOrderDocument } from "./system.js";

const chain = await createSystemChain();
const { carrier, exporter, importer, bank, relayer } = chain.accounts;
const { loadFixture } = chain.connection.networkHelpers;

/** The system with a to-order eBL issued to the exporter. */
async function trade() {
  const sys = await chain.system();
  const { tokenId, wait } = await sys
    .as(carrier)
    .ebl.issue({ document: toOrderDocument("SHA2HKG000888"), shipper: exporter });
  await wait();
  return { ...sys, tokenId };
}

/**
 * Starts a watcher with an `onLogs` that collects what it delivers; `until(n)` waits until at least n events came
 * (or fails after 5 s), `quiet()` lets the watcher poll a few more times and returns what came.
 */
function collect<T>(start: (onLogs: (events: T[]) => void) => Unwatch) {
  const events: T[] = [];
  const batches: number[] = [];
  const unwatch = start((batch) => {
    batches.push(batch.length);
    events.push(...batch);
  });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  return {
    events,
    unwatch,
    async until(count: number) {
      for (let waited = 0; events.length < count; waited += 10) {
        if (waited > 5_000) throw new Error(`expected ${count} events, got ${events.length}`);
        await sleep(10);
      }
      return events;
    },
    async quiet() {
      await sleep(150);
      return events;
    },
  };
}

describe("SDK: typed event watchers", function () {
  let watchers: Unwatch[] = [];
  afterEach(() => {
    for (const unwatch of watchers) unwatch();
    watchers = [];
  });
  /** Registers the watcher to be stopped after the test, whatever happens. */
  function track<T>(collector: ReturnType<typeof collect<T>>) {
    watchers.push(collector.unwatch);
    return collector;
  }

  it("delivers the registry's events decoded: an endorsement with its arguments, in chain order", async function () {
    const sys = await loadFixture(trade);
    const reader = sys.as(undefined);
    const seen = track(collect<EblEvent>((onLogs) => watchEblEvents(reader, { onLogs, pollingInterval: 10 })));
    const { hash, wait } = await sys.as(exporter).ebl.endorseAndDeliver({ tokenId: sys.tokenId, endorsee: importer });
    const receipt = await wait();

    // A filter may also deliver the block it was created at; this transaction's events are the ones to check: the
    // receipt's, in its order (endorse and deliver: the ERC-721 Transfer of the delivery and the Endorsed event).
    await seen.until(receipt.events.length);
    const events = (await seen.quiet()).filter((e) => e.transactionHash === hash);
    expect(events.map((e) => e.eventName)).to.deep.equal(receipt.events.map((e) => e.eventName));
    expect(events.map((e) => e.eventName)).to.include.members(["Endorsed", "Transfer"]);
    expect(events.map((e) => e.logIndex)).to.deep.equal([...events.map((e) => e.logIndex)].sort((a, b) => a - b));
    const endorsed = events.find((e) => e.eventName === "Endorsed");
    if (endorsed?.eventName !== "Endorsed") throw new Error("no Endorsed event");
    expect(endorsed.args).to.deep.equal({
      tokenId: sys.tokenId,
      holder: exporter,
      endorsee: importer,
      previousTitleHolder: exporter,
      actor: exporter,
      delivered: true,
    });
    expect(endorsed.address).to.equal(sys.eblRegistry);
    expect(typeof endorsed.blockNumber).to.equal("bigint");
  });

  it("names the B/L kind of an issue as the reads do, and filters by event name and indexed argument", async function () {
    const sys = await loadFixture(trade);
    const reader = sys.as(undefined);
    const issued = track(
      collect<EblEvent<"BillIssued">>((onLogs) =>
        watchEblEvents(reader, { eventName: "BillIssued", args: { holder: importer }, onLogs, pollingInterval: 10 }),
      ),
    );
    // To the exporter: filtered out by `args`. To the importer: delivered.
    await (await sys.as(carrier).ebl.issue({ document: toOrderDocument("SHA2HKG000889"), shipper: exporter })).wait();
    const { tokenId, wait } = await sys
      .as(carrier)
      .ebl.issue({ document: toOrderDocument("SHA2HKG000890"), shipper: importer });
    await wait();

    const [event, ...rest] = await issued.until(1);
    await issued.quiet();
    expect(rest).to.have.length(0);
    expect(event!.eventName).to.equal("BillIssued");
    expect(event!.args.tokenId).to.equal(tokenId);
    expect(event!.args.kind).to.equal("toOrder");
    expect(event!.args.holder).to.equal(importer);
  });

  it("delivers a deposit transfer with the amount in token units, and filters on the recipient", async function () {
    const sys = await loadFixture(trade);
    const reader = sys.as(undefined);
    const toExporter = track(
      collect<DepositEvent<"Transfer">>((onLogs) =>
        watchDepositEvents(reader, "HKD", {
          eventName: "Transfer",
          args: { to: exporter },
          onLogs,
          pollingInterval: 10,
        }),
      ),
    );
    const minted = track(
      collect<DepositEvent<"Minted">>((onLogs) =>
        watchDepositEvents(reader, "HKD", { eventName: "Minted", onLogs, pollingInterval: 10 }),
      ),
    );
    await (await sys.as(importer).deposits.HKD.transfer({ to: bank, amount: "1.00" })).wait();
    await (await sys.as(importer).deposits.HKD.transfer({ to: exporter, amount: "1250.50" })).wait();
    await (await sys.as(bank).deposits.HKD.mint({ to: exporter, amount: "7.25", bankReference: "DEP-0002" })).wait();

    // The mint is a Transfer from the zero address to the exporter too; the transfer to the bank is filtered out.
    const [transfer, mintTransfer] = await toExporter.until(2);
    const [mint] = await minted.until(1);
    expect(mintTransfer!.args.value).to.equal("7.25");
    expect(transfer!.args).to.deep.equal({ from: importer, to: exporter, value: "1250.50" });
    expect(transfer!.address).to.equal(sys.hkd);
    expect(mint!.args).to.deep.include({ to: exporter, amount: "7.25", bankReference: "DEP-0002" });
  });

  it("delivers a settlement with its way and its price in the payment token's units", async function () {
    const sys = await loadFixture(trade);
    const reader = sys.as(undefined);
    const settled = track(
      collect<SettlementEvent<"Settled">>((onLogs) =>
        watchSettlementEvents(reader, { eventName: "Settled", onLogs, pollingInterval: 10 }),
      ),
    );
    const registryEvents = track(
      collect<EblEvent<"Endorsed">>((onLogs) =>
        watchEblEvents(reader, { eventName: "Endorsed", args: { tokenId: sys.tokenId }, onLogs, pollingInterval: 10 }),
      ),
    );
    const terms = await reader.settlement.prepare({
      tokenId: sys.tokenId,
      paymentToken: "HKD",
      amount: "1000.00",
      seller: exporter,
      buyer: importer,
    });
    const seller = await sys.as(exporter).settlement.signAsSeller(terms);
    const buyer = await sys.as(importer).settlement.signAsBuyer(terms);
    await (await sys.as(relayer).settlement.settle({ terms, ...seller, ...buyer })).wait();

    const [event] = await settled.until(1);
    expect(event!.way).to.equal("signed");
    expect(event!.address).to.equal(sys.signedSettlement);
    expect(event!.args).to.deep.include({
      seller: exporter,
      buyer: importer,
      tokenId: sys.tokenId,
      paymentToken: sys.hkd,
      amount: "1000.00",
    });
    const [endorsed] = await registryEvents.until(1);
    expect(endorsed!.args).to.deep.include({ actor: sys.signedSettlement, endorsee: importer, delivered: true });
  });

  it("watches only the way asked for, and refuses a way whose contract was not given", async function () {
    const sys = await loadFixture(trade);
    const reader = sys.as(undefined);
    const escrowedOnly = track(
      collect<SettlementEvent<"TermsCancelled">>((onLogs) =>
        watchSettlementEvents(reader, { way: "escrowed", eventName: "TermsCancelled", onLogs, pollingInterval: 10 }),
      ),
    );
    const both = track(
      collect<SettlementEvent<"TermsCancelled">>((onLogs) =>
        watchSettlementEvents(reader, { eventName: "TermsCancelled", onLogs, pollingInterval: 10 }),
      ),
    );
    const terms = await reader.settlement.prepare({
      tokenId: sys.tokenId,
      paymentToken: "HKD",
      amount: "1000.00",
      seller: exporter,
      buyer: importer,
    });
    await (await sys.as(exporter).settlement.cancelTerms(terms, { way: "signed" })).wait();
    const [cancelled] = await both.until(1);
    expect(cancelled).to.deep.include({ way: "signed", eventName: "TermsCancelled" });
    expect(cancelled!.args.by).to.equal(exporter);
    expect(await escrowedOnly.quiet()).to.have.length(0);

    const signedOnly: CargoRails = createCargoRails({
      publicClient: chain.publicClient,
      addresses: { participantRegistry: sys.participantRegistry, signedSettlement: sys.signedSettlement },
    });
    expect(() => watchSettlementEvents(signedOnly, { way: "escrowed", onLogs: () => undefined })).to.throw(
      ContractNotConfiguredError,
    );
  });

  it("stops delivering once unwatched", async function () {
    const sys = await loadFixture(trade);
    const seen = collect<DepositEvent<"Transfer">>((onLogs) =>
      watchDepositEvents(sys.as(undefined), "HKD", { eventName: "Transfer", onLogs, pollingInterval: 10 }),
    );
    watchers.push(seen.unwatch);
    await (await sys.as(importer).deposits.HKD.transfer({ to: exporter, amount: "1.00" })).wait();
    await seen.until(1);
    seen.unwatch();
    await (await sys.as(importer).deposits.HKD.transfer({ to: exporter, amount: "2.00" })).wait();
    expect((await seen.quiet()).map((e) => e.args.value)).to.deep.equal(["1.00"]);
  });

  it("reports a failing poll to onError as a CargoRailsError, and goes on polling", async function () {
    const sys = await loadFixture(trade);
    const unreachable = createCargoRails({
      publicClient: createPublicClient({ transport: http("http://127.0.0.1:9", { retryCount: 0 }) }),
      addresses: sys.addresses,
    });
    const errors: Error[] = [];
    watchers.push(
      watchEblEvents(unreachable, { onLogs: () => undefined, onError: (e) => errors.push(e), pollingInterval: 10 }),
    );
    for (let waited = 0; errors.length < 2 && waited < 5_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(errors).to.have.length.of.at.least(2);
    expect(errors[0]).to.be.instanceOf(CargoRailsError);
  });
});
