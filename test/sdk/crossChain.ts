/**
 * The SDK's `crossChain` namespace and its multi-chain helpers on Hardhat's in-process network. Two "chains" share
 * the one EVM: each side has its own eBL registry, EblGateway and LoopbackTransport (TEST ONLY), the loopback standing
 * for a chain id (SHANGHAI, HONG_KONG); both sides share the participant register and the access manager. A message
 * waits in its side's outbox until the test delivers it (`deliver(i)`). Since both sides answer `eth_chainId` with
 * the node's id, the helpers are given each side as `{ rails, chainId }`: the chain its loopback stands for.
 */
import { expect } from "chai";
import { encodeAbiParameters, getAddress, keccak256, zeroAddress, type Address } from "viem";

import {
  ContractNotConfiguredError,
  ContractRevertError,
  InvalidArgumentError,
  TransferTimeoutError,
  createCargoRails,
  crossChainHistory,
  followTransfer,
  toDcsaTransactionsByEntry,
  waitForTransfer,
  watchCrossChainEvents,
  whereIs,
  type CargoRailsAddresses,
  type CrossChainEvent,
} from "../../sdk/src/index.js";
import { addressesFromIgnition } from "../../sdk/src/node.js";
import { grant, wire } from "../helpers/access.js";
import { entryOf, rejects } from "./helpers.js";
import { createSystemChain, toOrderDocument } from "./system.js";

const SHANGHAI = 7777;
const HONG_KONG = 8888;

const chain = await createSystemChain();
const { publicClient, wallet } = chain;
const { admin, carrier, exporter, importer, stranger } = chain.accounts;
const { loadFixture } = chain.connection.networkHelpers;

/** The system of test/sdk/system.ts (participants, roles, the Shanghai registry) plus a Hong Kong registry and a gateway on each side. */
async function twoChains() {
  const sys = await chain.system();
  const { ethers } = chain.connection;
  const adminSigner = await ethers.getSigner(admin);
  const manager = await ethers.getContractAt("RailsAccessManager", sys.addresses.accessManager, adminSigner);
  const deploy = async (name: string, args: unknown[]) =>
    (await (await ethers.deployContract(name, args, adminSigner)).getAddress()) as Address;
  const side = async (chainId: number, eblRegistry: Address) => {
    const eblGateway = await deploy("EblGateway", [eblRegistry, sys.addresses.accessManager]);
    const loopback = await ethers.getContractAt(
      "LoopbackTransport",
      await deploy("LoopbackTransport", [chainId]),
      adminSigner,
    );
    await (await loopback.setGateway(eblGateway)).wait();
    await wire(manager, adminSigner, "crossChain", eblGateway);
    await grant(manager, adminSigner, { contract: "ebl", name: "GATEWAY" }, eblGateway);
    const addresses: CargoRailsAddresses = { ...sys.addresses, eblRegistry, eblGateway };
    const as = (account: Address | undefined) =>
      createCargoRails({
        publicClient,
        walletClient: account === undefined ? undefined : wallet(account),
        addresses,
      });
    return { chainId, eblRegistry, eblGateway, loopback, as };
  };
  const hongKongRegistry = await deploy("BillOfLadingRegistry", [
    sys.addresses.participantRegistry,
    sys.addresses.accessManager,
  ]);
  await wire(manager, adminSigner, "ebl", hongKongRegistry);
  const shanghai = await side(SHANGHAI, sys.eblRegistry);
  const hongKong = await side(HONG_KONG, hongKongRegistry);
  // `connect` is also ethers' Contract method: call the loopback's through getFunction.
  await (await shanghai.loopback.getFunction("connect")(await hongKong.loopback.getAddress())).wait();
  await (await hongKong.loopback.getFunction("connect")(await shanghai.loopback.getAddress())).wait();
  await grant(manager, adminSigner, { contract: "crossChain", name: "ADMIN" }, admin);
  await grant(manager, adminSigner, { contract: "crossChain", name: "PAUSER" }, admin);
  for (const s of [shanghai, hongKong]) {
    await (await s.as(admin).crossChain.setTransport({ transport: (await s.loopback.getAddress()) as Address })).wait();
  }
  const { tokenId, wait } = await shanghai
    .as(carrier)
    .ebl.issue({ document: toOrderDocument("SHA2HKG000920"), shipper: exporter });
  await wait();
  return { sys, shanghai, hongKong, tokenId };
}

type Chains = Awaited<ReturnType<typeof twoChains>>;
type Side = Chains["shanghai"];

/** Each side as the helpers take it: the client and the chain its loopback stands for. */
const sides = (f: Chains) => ({
  source: { rails: f.shanghai.as(undefined), chainId: SHANGHAI },
  destination: { rails: f.hongKong.as(undefined), chainId: HONG_KONG },
});
const both = (f: Chains) => [sides(f).source, sides(f).destination];

/** Exports from `from` as `holder` and returns the transfer id from `wait()`. */
async function exportFrom(from: Side, holder: Address, tokenId: bigint, to: number, receiver: Address) {
  const result = await from.as(holder).crossChain.exportBill({ tokenId, destinationChainId: to, receiver });
  return (await result.wait()).transferId;
}

/** Delivers the oldest undelivered message of a side's outbox. */
async function deliverNext(from: Side) {
  const count = await from.loopback.outboxLength();
  for (let i = 0n; i < count; i++) {
    if (!(await from.loopback.envelope(i)).delivered) {
      await (await from.loopback.deliver(i)).wait();
      return;
    }
  }
  throw new Error("nothing to deliver");
}

describe("SDK: crossChain (an eBL exported to another chain's registry)", function () {
  it("exportBill's wait() gives the transfer id and the transport's message id from BillSent", async function () {
    const f = await loadFixture(twoChains);
    const { wait } = await f.shanghai
      .as(exporter)
      .crossChain.exportBill({ tokenId: f.tokenId, destinationChainId: HONG_KONG, receiver: importer });
    const { transferId, messageId, events, ...rest } = await wait();
    // transferId = keccak256(abi.encode(chainid, gateway, nonce)); the loopback's id = keccak256(abi.encode(chainId, index)).
    const node = await publicClient.getChainId();
    expect(transferId).to.equal(
      keccak256(
        encodeAbiParameters(
          [{ type: "uint256" }, { type: "address" }, { type: "uint256" }],
          [BigInt(node), f.shanghai.eblGateway, 1n],
        ),
      ),
    );
    expect(messageId).to.equal(
      keccak256(encodeAbiParameters([{ type: "uint64" }, { type: "uint256" }], [BigInt(SHANGHAI), 0n])),
    );
    expect(rest).to.include({
      tokenId: f.tokenId,
      destinationChainId: HONG_KONG,
      holder: exporter,
      receiver: importer,
    });
    expect(events.map((e) => `${e.contract}.${e.eventName}`)).to.include.members([
      "BillOfLadingRegistry.BillExported",
      "EblGateway.BillSent",
    ]);
    expect(await f.shanghai.as(undefined).crossChain.lastExportOf(f.tokenId)).to.equal(transferId);
    expect(await f.shanghai.as(undefined).ebl.status(f.tokenId)).to.equal("exported");
  });

  it("quoteExport gives the transport's fee, which exportBill pays by default", async function () {
    const f = await loadFixture(twoChains);
    await (await f.shanghai.loopback.setFee(1234n)).wait();
    const input = { tokenId: f.tokenId, destinationChainId: HONG_KONG, receiver: importer };
    const rails = f.shanghai.as(exporter);
    expect(await rails.crossChain.quoteExport(input)).to.equal(1234n);
    const loopback = (await f.shanghai.loopback.getAddress()) as Address;
    const before = await publicClient.getBalance({ address: loopback });
    await (await rails.crossChain.exportBill(input)).wait();
    expect((await publicClient.getBalance({ address: loopback })) - before).to.equal(1234n);
  });

  it("exportBill.prepare returns the transaction unsent, with the fee as its value", async function () {
    const f = await loadFixture(twoChains);
    await (await f.shanghai.loopback.setFee(99n)).wait();
    const tx = await f.shanghai
      .as(undefined)
      .crossChain.exportBill.prepare(
        { tokenId: f.tokenId, destinationChainId: HONG_KONG, receiver: importer },
        { account: exporter },
      );
    expect(tx).to.include({
      operation: "crossChain.exportBill",
      to: f.shanghai.eblGateway,
      from: exporter,
      value: 99n,
    });
    expect(await f.shanghai.as(undefined).ebl.status(f.tokenId)).to.equal("issued");
  });

  it("an export with too little value is refused before sending, with the gateway's error", async function () {
    const f = await loadFixture(twoChains);
    await (await f.shanghai.loopback.setFee(50n)).wait();
    const error = await rejects(
      f.shanghai
        .as(exporter)
        .crossChain.exportBill({ tokenId: f.tokenId, destinationChainId: HONG_KONG, receiver: importer, value: 49n }),
      ContractRevertError,
    );
    expect(error.errorName).to.equal("GatewayInsufficientFee");
  });

  for (const [name, destinationChainId] of [
    ["zero", 0],
    ["negative", -1],
    ["fractional", 1.5],
    ["string", "8888"],
  ] as const) {
    it(`refuses a ${name} destination chain id before sending`, async function () {
      const f = await loadFixture(twoChains);
      await rejects(
        f.shanghai.as(exporter).crossChain.exportBill({
          tokenId: f.tokenId,
          destinationChainId: destinationChainId as number,
          receiver: importer,
        }),
        InvalidArgumentError,
        "destinationChainId",
      );
      expect(await f.shanghai.as(undefined).ebl.status(f.tokenId)).to.equal("issued");
    });
  }

  it("refuses the zero address as receiver before sending", async function () {
    const f = await loadFixture(twoChains);
    await rejects(
      f.shanghai
        .as(exporter)
        .crossChain.exportBill({ tokenId: f.tokenId, destinationChainId: HONG_KONG, receiver: zeroAddress }),
      InvalidArgumentError,
      "receiver",
    );
  });

  it("reads the gateway: registry, transport, trust, transfers unknown as status none", async function () {
    const f = await loadFixture(twoChains);
    const gateway = f.shanghai.as(undefined).crossChain;
    const loopback = getAddress(await f.shanghai.loopback.getAddress());
    expect(await gateway.registry()).to.equal(f.shanghai.eblRegistry);
    expect(await gateway.transport()).to.equal(loopback);
    expect(await gateway.isTrustedTransport(loopback)).to.equal(true);
    expect(await gateway.isTrustedTransport(stranger)).to.equal(false);
    expect(await gateway.lastExportOf(f.tokenId)).to.equal(null);
    const unknown = keccak256("0x01");
    expect(await gateway.outboundTransfer(unknown)).to.deep.equal({
      transferId: unknown,
      status: "none",
      tokenId: 0n,
      holder: null,
      destinationChainId: 0,
      custodyForTitle: false,
    });
    expect((await gateway.inboundTransfer(unknown)).status).to.equal("none");
  });

  it("admin writes: pause and unpause, revoke a former transport, withdraw fees (each with its role)", async function () {
    const f = await loadFixture(twoChains);
    const adminGateway = f.shanghai.as(admin).crossChain;
    await (await adminGateway.pause()).wait();
    expect(await adminGateway.paused()).to.equal(true);
    await (await adminGateway.unpause()).wait();
    expect(await adminGateway.paused()).to.equal(false);
    const old = (await f.shanghai.loopback.getAddress()) as Address;
    const next = (await f.hongKong.loopback.getAddress()) as Address; // any other address stands for a new transport
    await (await adminGateway.setTransport({ transport: next })).wait();
    await (await adminGateway.revokeTransport({ transport: old })).wait();
    expect(await adminGateway.isTrustedTransport(old)).to.equal(false);
    const funded = await wallet(admin).sendTransaction({
      account: admin,
      to: f.shanghai.eblGateway,
      value: 1000n,
      chain: null,
    });
    await publicClient.waitForTransactionReceipt({ hash: funded });
    const { events } = await (await adminGateway.withdrawFees({ to: stranger, amount: 400n })).wait();
    expect(events.find((e) => e.eventName === "FeesWithdrawn")?.args).to.deep.equal({ to: stranger, amount: 400n });
    const refused = await rejects(f.shanghai.as(exporter).crossChain.pause(), ContractRevertError);
    expect(refused.errorName).to.equal("AccessManagedUnauthorized");
    await rejects(adminGateway.withdrawFees({ to: stranger, amount: 0n }), InvalidArgumentError, "amount");
  });

  it("addressesFromIgnition reads the gateway's future id (CargoRails#EblGateway) into addresses.eblGateway", async function () {
    const a = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
    const addresses = await addressesFromIgnition({
      "CargoRails#ParticipantRegistry": a(1),
      "CargoRails#BillOfLadingRegistry": a(2),
      "CargoRails#EblGateway": a(3),
    });
    expect(addresses).to.deep.equal({
      participantRegistry: getAddress(a(1)),
      eblRegistry: getAddress(a(2)),
      eblGateway: getAddress(a(3)),
    });
  });

  it("a client without addresses.eblGateway throws ContractNotConfiguredError on crossChain", async function () {
    const f = await loadFixture(twoChains);
    const rails = createCargoRails({ publicClient, addresses: { participantRegistry: f.sys.participantRegistry } });
    expect(() => rails.crossChain).to.throw(ContractNotConfiguredError, "addresses.eblGateway");
  });
});

describe("SDK: following an eBL across chains", function () {
  it("followTransfer: sent, then delivered once the destination imported it", async function () {
    const f = await loadFixture(twoChains);
    const transferId = await exportFrom(f.shanghai, exporter, f.tokenId, HONG_KONG, importer);
    const sent = await followTransfer(transferId, sides(f));
    expect(sent).to.include({
      transferId,
      status: "sent",
      tokenId: f.tokenId,
      sourceChainId: SHANGHAI,
      destinationChainId: HONG_KONG,
      holder: exporter,
    });
    expect(sent.inbound.status).to.equal("none");
    await deliverNext(f.shanghai);
    const delivered = await followTransfer(transferId, sides(f));
    expect(delivered.status).to.equal("delivered");
    expect(delivered.inbound).to.deep.equal({
      transferId,
      status: "imported",
      tokenId: f.tokenId,
      originChainId: SHANGHAI,
    });
    expect(await f.hongKong.as(undefined).ebl.holder(f.tokenId)).to.equal(importer);
  });

  it("followTransfer: sent, refused (refusal on its way back), then returned to the holder", async function () {
    const f = await loadFixture(twoChains);
    // The stranger is not a verified participant: the Hong Kong registry refuses the import.
    const transferId = await exportFrom(f.shanghai, exporter, f.tokenId, HONG_KONG, stranger);
    await deliverNext(f.shanghai);
    const refused = await followTransfer(transferId, sides(f));
    expect(refused.status).to.equal("refused");
    expect(refused.outbound.status).to.equal("sent");
    expect(refused.inbound.status).to.equal("refused");
    await deliverNext(f.hongKong); // the refusal goes back; the Shanghai gateway restores the eBL
    const returned = await followTransfer(transferId, sides(f));
    expect(returned.status).to.equal("returned");
    expect(returned.outbound.status).to.equal("restored");
    expect(await f.shanghai.as(undefined).ebl.holder(f.tokenId)).to.equal(exporter);
  });

  it("restore: a refused eBL whose restore failed on arrival (registry paused) is given back by crossChain.restore", async function () {
    const f = await loadFixture(twoChains);
    const transferId = await exportFrom(f.shanghai, exporter, f.tokenId, HONG_KONG, stranger);
    await deliverNext(f.shanghai);
    await (await f.shanghai.as(admin).ebl.pause()).wait();
    await deliverNext(f.hongKong); // RestoreFailed: the Shanghai registry is paused
    const waiting = await followTransfer(transferId, sides(f));
    expect(waiting.status).to.equal("refused");
    expect(waiting.outbound.status).to.equal("refused");
    await (await f.shanghai.as(admin).ebl.unpause()).wait();
    const tx = await f.shanghai.as(undefined).crossChain.restore.prepare({ transferId }, { account: stranger });
    expect(tx).to.include({ operation: "crossChain.restore", to: f.shanghai.eblGateway, value: 0n });
    const { events } = await (await f.shanghai.as(stranger).crossChain.restore({ transferId })).wait();
    expect(events.some((e) => e.eventName === "BillRestored")).to.equal(true);
    expect((await followTransfer(transferId, sides(f))).status).to.equal("returned");
    const again = await rejects(f.shanghai.as(stranger).crossChain.restore({ transferId }), ContractRevertError);
    expect(again.errorName).to.equal("GatewayNothingToRestore");
  });

  it("followTransfer refuses an unknown transfer and a destination of another chain", async function () {
    const f = await loadFixture(twoChains);
    await rejects(followTransfer(keccak256("0x02"), sides(f)), InvalidArgumentError, "transferId");
    const transferId = await exportFrom(f.shanghai, exporter, f.tokenId, HONG_KONG, importer);
    const { source } = sides(f);
    await rejects(
      followTransfer(transferId, { source, destination: { ...source } }),
      InvalidArgumentError,
      "destination",
    );
  });

  it("waitForTransfer resolves once delivered, and throws TransferTimeoutError while it is not", async function () {
    const f = await loadFixture(twoChains);
    const transferId = await exportFrom(f.shanghai, exporter, f.tokenId, HONG_KONG, importer);
    const timeout = await rejects(
      waitForTransfer(transferId, sides(f), { timeout: 50, pollingInterval: 10 }),
      TransferTimeoutError,
      "still sent",
    );
    expect(timeout.progress.status).to.equal("sent");
    const waiting = waitForTransfer(transferId, sides(f), { timeout: 10_000, pollingInterval: 10 });
    await deliverNext(f.shanghai);
    expect((await waiting).status).to.equal("delivered");
  });

  it("whereIs: live on the source, on no chain while in flight, then live on the destination", async function () {
    const f = await loadFixture(twoChains);
    const before = await whereIs(f.tokenId, both(f));
    expect(before.liveOn).to.equal(SHANGHAI);
    expect(before.chains.map((c) => [c.chainId, c.status, c.holder])).to.deep.equal([
      [SHANGHAI, "issued", exporter],
      [HONG_KONG, "none", null],
    ]);
    await exportFrom(f.shanghai, exporter, f.tokenId, HONG_KONG, importer);
    const inFlight = await whereIs(f.tokenId, both(f));
    expect(inFlight.liveOn).to.equal(null);
    expect(inFlight.chains.map((c) => [c.status, c.holder])).to.deep.equal([
      ["exported", null],
      ["none", null],
    ]);
    await deliverNext(f.shanghai);
    const after = await whereIs(f.tokenId, both(f));
    expect(after.liveOn).to.equal(HONG_KONG);
    expect(after.chains.map((c) => [c.status, c.holder, c.titleHolder])).to.deep.equal([
      ["exported", null, null],
      ["issued", importer, exporter], // to order of the shipper: title stays with the exporter
    ]);
  });

  it("ebl.history: EXPORT on the source (the holder acts, to the gateway) and IMPORT at the destination (the gateway, to the receiver)", async function () {
    const f = await loadFixture(twoChains);
    await exportFrom(f.shanghai, exporter, f.tokenId, HONG_KONG, importer);
    await deliverNext(f.shanghai);
    const source = await f.shanghai.as(undefined).ebl.history(f.tokenId);
    expect(source.entries.map((e) => e.action)).to.deep.equal(["ISSUE", "EXPORT"]);
    const exported = entryOf(source.entries[1], "EXPORT");
    expect(exported).to.include({
      eventName: "BillExported",
      actor: exporter,
      operator: null,
      from: exporter,
      to: f.shanghai.eblGateway,
      gateway: f.shanghai.eblGateway,
      holder: null,
      titleHolder: null,
    });
    const destination = await f.hongKong.as(undefined).ebl.history(f.tokenId);
    const imported = entryOf(destination.entries[0], "IMPORT");
    const bill = await f.hongKong.as(undefined).ebl.bill(f.tokenId);
    expect(imported).to.include({
      eventName: "BillImported",
      actor: f.hongKong.eblGateway,
      operator: null,
      from: f.hongKong.eblGateway,
      to: importer,
      holder: importer,
      titleHolder: exporter,
      documentHash: bill.documentHash,
      version: 1,
    });
    // DCSA has no action code for a move between the rails' ledgers: both are left out of the endorsement chain.
    expect(toDcsaTransactionsByEntry(source)[1]!.transactions).to.deep.equal([]);
    expect(toDcsaTransactionsByEntry(destination)[0]!.transactions).to.deep.equal([]);
  });

  it("crossChainHistory across a return journey (and a refusal) is each chain's history, in causal order", async function () {
    const f = await loadFixture(twoChains);
    // Shanghai → Hong Kong, refused (stranger), restored; Shanghai → Hong Kong (importer); back to Shanghai (exporter).
    const refusedId = await exportFrom(f.shanghai, exporter, f.tokenId, HONG_KONG, stranger);
    await deliverNext(f.shanghai);
    await deliverNext(f.hongKong);
    const outId = await exportFrom(f.shanghai, exporter, f.tokenId, HONG_KONG, importer);
    await deliverNext(f.shanghai);
    const backId = await exportFrom(f.hongKong, importer, f.tokenId, SHANGHAI, exporter);
    await deliverNext(f.hongKong);

    const history = await crossChainHistory(f.tokenId, both(f));
    const source = (await f.shanghai.as(undefined).ebl.history(f.tokenId)).entries;
    const destination = (await f.hongKong.as(undefined).ebl.history(f.tokenId)).entries;
    // Shanghai: ISSUE, EXPORT (refused), IMPORT (restored), EXPORT | Hong Kong: IMPORT, EXPORT | Shanghai: IMPORT.
    const expected = [
      ...source.slice(0, 4).map((e) => ({ ...e, chainId: SHANGHAI })),
      ...destination.map((e) => ({ ...e, chainId: HONG_KONG })),
      ...source.slice(4).map((e) => ({ ...e, chainId: SHANGHAI })),
    ];
    expect(history.entries.map(({ transfer: _t, registry: _r, ...e }) => e)).to.deep.equal(expected);
    expect(
      history.entries.map((e) => [e.chainId, e.action, e.transfer?.kind ?? null, e.transfer?.transferId ?? null]),
    ).to.deep.equal([
      [SHANGHAI, "ISSUE", null, null],
      [SHANGHAI, "EXPORT", "sent", refusedId],
      [SHANGHAI, "IMPORT", "restored", refusedId],
      [SHANGHAI, "EXPORT", "sent", outId],
      [HONG_KONG, "IMPORT", "received", outId],
      [HONG_KONG, "EXPORT", "sent", backId],
      [SHANGHAI, "IMPORT", "received", backId],
    ]);
    expect(history.entries[2]!.transfer).to.deep.equal({
      transferId: refusedId,
      kind: "restored",
      sourceChainId: SHANGHAI,
      destinationChainId: HONG_KONG,
    });
    expect(history.entries[1]!.transfer?.receiver).to.equal(stranger);
    expect(history.inFlight).to.equal(null);
  });

  it("crossChainHistory ends at a transfer in flight, and needs the chain holding the ISSUE", async function () {
    const f = await loadFixture(twoChains);
    const transferId = await exportFrom(f.shanghai, exporter, f.tokenId, HONG_KONG, importer);
    const history = await crossChainHistory(f.tokenId, both(f));
    expect(history.entries.map((e) => e.action)).to.deep.equal(["ISSUE", "EXPORT"]);
    expect(history.inFlight).to.equal(transferId);
    await rejects(crossChainHistory(f.tokenId, [sides(f).destination]), InvalidArgumentError, "issued");
  });

  it("watchCrossChainEvents delivers the gateway's events as they happen", async function () {
    const f = await loadFixture(twoChains);
    const seen: CrossChainEvent<"BillReceived">[] = [];
    const unwatch = watchCrossChainEvents(f.hongKong.as(undefined), {
      eventName: "BillReceived",
      pollingInterval: 10,
      onLogs: (events) => seen.push(...events),
    });
    try {
      const transferId = await exportFrom(f.shanghai, exporter, f.tokenId, HONG_KONG, importer);
      await deliverNext(f.shanghai);
      for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(seen.map((e) => [e.eventName, e.args.transferId, e.args.receiver])).to.deep.equal([
        ["BillReceived", transferId, importer],
      ]);
    } finally {
      unwatch();
    }
  });
});
