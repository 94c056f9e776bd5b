/**
 * An eBL across two real chains: two anvil processes on 127.0.0.1, "Shanghai" (chain id 7777) and "Hong Kong" (8888),
 * each with Hyperlane's real core (Mailbox, MerkleTreeHook, a message-id multisig ISM of three validators, threshold
 * two) and the rails deployed with the Ignition module over HTTP, the gateways' Hyperlane adapters enrolled both ways,
 * all by scripts/lib/crosschain.ts (as `npm run hyperlane:local` does). The TypeScript relayer carries the messages
 * with the validators' signatures; its cursor lives in a temporary directory. Every party acts through the SDK, one
 * CargoRails client per chain over HTTP. The nodes are stopped afterwards and the Ignition deployment folders removed.
 *
 * The story, in order (the tests share the chains): the carrier issues on Shanghai, its home chain; the exporter sends
 * the eBL to itself on Hong Kong, the relayer stops after the dispatch and a new one resumes from the cursor; on Hong
 * Kong the importer buys it (a signed DvP settlement in HKD); the importer brings it back to Shanghai and surrenders it
 * there to the carrier. Then a refusal over the real transport: a receiver Hong Kong does not know.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import hre from "hardhat";
import { getAddress, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { loadDeploymentPlan, type DeploymentPlan } from "../../ignition/plan.js";
import {
  crossChainHistory,
  decodeRevertData,
  eblGatewayAbi,
  followTransfer,
  whereIs,
  type CrossChainHistoryEntry,
} from "../../sdk/src/index.js";
import { startAnvil, type AnvilNode } from "../../scripts/lib/anvil.js";
import { connectSides, createRelayer, deploySide, railsOn, type CrossChainSide } from "../../scripts/lib/crosschain.js";
import { mailboxAbi } from "../../scripts/lib/hyperlane/message.js";
import { readCursorFile } from "../../scripts/lib/hyperlane/relayer.js";
import { devPrivateKey } from "../../scripts/lib/hyperlane/validator.js";
import { REPO_ROOT } from "../helpers/dcsa.js";

const SHANGHAI = 7777;
const HONG_KONG = 8888;
/** The hash of the B/L's transport document (its content does not matter here). */
const DOCUMENT = `0x${"5a".repeat(32)}` as Hex;

/** Anvil's development accounts as ignition/parameters/localhost.json casts them (see scripts/lib/story.ts). */
const account = (index: number) => privateKeyToAccount(devPrivateKey(index)).address;
const cast = {
  carrier: account(2),
  exporter: account(3), // Shanghai Silk Export, verified on both chains
  importer: account(4), // Kowloon Trading, verified on both chains
  hkBank: account(5), // issues the HKD deposits
  settlementRelayer: account(8), // submits the signed settlement
  unknown: account(12), // verified on neither chain
};

/**
 * The plan of each side: localhost's participants (verified on both chains) and deposits, without the interbank
 * contracts' reserves, which these tests do not use. The carrier is an issuer on its home chain only (Shanghai); on
 * Hong Kong it is a verified carrier that can accept surrenders but not issue the same B/L a second time.
 */
function sidePlan(home: boolean): DeploymentPlan {
  const plan = loadDeploymentPlan("localhost");
  const { reserves, fxDealer, ...rest } = plan;
  void reserves;
  void fxDealer;
  return {
    ...rest,
    carriers: home ? plan.carriers : [],
    deposits: plan.deposits.map(({ interbank, ...deposit }) => (void interbank, deposit)),
  };
}

describe("An eBL across two anvil nodes with Hyperlane and the TypeScript relayer", function () {
  this.timeout(180_000);

  const dir = mkdtempSync(path.join(tmpdir(), "cargo-rails-crosschain-"));
  const cursorPath = path.join(dir, "relayer-cursor.json");
  const validators = [7, 8, 9].map(devPrivateKey);
  const nodes: AnvilNode[] = [];
  const deploymentIds: string[] = [];
  let shanghai: CrossChainSide;
  let hongKong: CrossChainSide;
  // The story's eBL and its two transfers, in the order the tests make them.
  let tokenId: bigint;
  let outbound: Hex; // Shanghai → Hong Kong
  let outboundMessage: Hex; // its Hyperlane message id
  let inbound: Hex; // Hong Kong → Shanghai

  const relayer = () => createRelayer([shanghai, hongKong], { validators, cursorPath, retryDelayMs: 0 });
  const delivered = (side: CrossChainSide, id: Hex) =>
    side.publicClient.readContract({
      address: side.hyperlane.mailbox,
      abi: mailboxAbi,
      functionName: "delivered",
      args: [id],
    });
  const progress = async (transferId: Hex, source: CrossChainSide, destination: CrossChainSide) =>
    (await followTransfer(transferId, { source: railsOn(source), destination: railsOn(destination) })).status;
  const liveOn = async (id: bigint) => (await whereIs(id, [railsOn(shanghai), railsOn(hongKong)])).liveOn;
  const steps = (entries: readonly CrossChainHistoryEntry[]) =>
    entries.map((e) => [e.chainId, e.action, e.holder, e.titleHolder]);

  before(async function () {
    // Coverage instruments the contracts beyond the size limit a real node enforces (see AnvilNode.ts).
    if (hre.globalOptions.coverage) this.skip();
    nodes.push(...(await Promise.all([SHANGHAI, HONG_KONG].map((chainId) => startAnvil({ chainId })))));
    const [sh, hk] = nodes as [AnvilNode, AnvilNode];
    deploymentIds.push(`e2e-shanghai-${sh.port}`, `e2e-hongkong-${hk.port}`);
    [shanghai, hongKong] = await Promise.all([
      deploySide(sh.url, {
        name: "Shanghai",
        plan: sidePlan(true),
        validators,
        threshold: 2,
        deploymentId: deploymentIds[0]!,
      }),
      deploySide(hk.url, {
        name: "Hong Kong",
        plan: sidePlan(false),
        validators,
        threshold: 2,
        deploymentId: deploymentIds[1]!,
      }),
    ]);
    await connectSides(shanghai, hongKong);
  });

  after(async function () {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(dir, { recursive: true, force: true });
    for (const id of deploymentIds)
      rmSync(path.join(REPO_ROOT, "ignition/deployments", id), { recursive: true, force: true });
  });

  it("deploys the rails and Hyperlane on both chains, connected, with the carrier an issuer on Shanghai only", async function () {
    for (const side of [shanghai, hongKong]) {
      const rails = railsOn(side);
      expect(await side.publicClient.getChainId()).to.equal(side.chainId);
      expect(await rails.crossChain.transport()).to.equal(getAddress(side.deployment.hyperlaneTransport));
      expect(await rails.crossChain.registry()).to.equal(side.addresses.eblRegistry);
      expect(await rails.participants.isVerifiedAs(cast.carrier, ["carrier"])).to.equal(true);
    }
    expect([shanghai.chainId, hongKong.chainId]).to.deep.equal([SHANGHAI, HONG_KONG]);
    // Home-chain policy: issuing on Hong Kong is refused (no EBL ISSUER role there).
    const refused = await railsOn(hongKong, cast.carrier)
      .ebl.issue({
        shipper: cast.exporter,
        transportDocumentReference: "OSLU26SHA2HKG01",
        kind: "toOrder",
        titleHolder: cast.exporter,
        documentHash: DOCUMENT,
      })
      .catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(Error);
    expect((refused as Error).message).to.include("AccessManagedUnauthorized");
  });

  it("issues on Shanghai and exports to Hong Kong: burned at the source, live nowhere while in flight", async function () {
    const carrier = railsOn(shanghai, cast.carrier);
    const issued = await carrier.ebl.issue({
      shipper: cast.exporter,
      transportDocumentReference: "OSLU26SHA2HKG01",
      kind: "toOrder",
      titleHolder: cast.exporter,
      documentHash: DOCUMENT,
    });
    await issued.wait();
    tokenId = issued.tokenId;
    expect(await liveOn(tokenId)).to.equal(SHANGHAI);

    const sent = await (
      await railsOn(shanghai, cast.exporter).crossChain.exportBill({
        tokenId,
        destinationChainId: HONG_KONG,
        receiver: cast.exporter,
      })
    ).wait();
    outbound = sent.transferId;
    outboundMessage = sent.messageId;
    expect(sent.holder).to.equal(cast.exporter);
    expect(sent.destinationChainId).to.equal(HONG_KONG);
    expect(await railsOn(shanghai).ebl.status(tokenId)).to.equal("exported");
    expect(await railsOn(hongKong).ebl.status(tokenId)).to.equal("none");
    expect(await progress(outbound, shanghai, hongKong)).to.equal("sent");
    expect(await liveOn(tokenId)).to.equal(null); // exactly one ledger at most: none while in flight
  });

  it("survives a relayer restart between the dispatch and the delivery, and delivers exactly once", async function () {
    // A relayer starts, and is asked to stop (as `npm run relay` is on Ctrl-C) before its first round ends: it scans
    // the dispatch, records it in its cursor file, and stops before delivering anything.
    const first = relayer();
    first.start(10);
    await first.stop();
    const queued = Object.values(readCursorFile(cursorPath).origins).flatMap((o) => o.queue.map((q) => q.id));
    expect(queued).to.deep.equal([outboundMessage]);
    expect(await delivered(hongKong, outboundMessage)).to.equal(false);
    expect(await progress(outbound, shanghai, hongKong)).to.equal("sent");

    // A new relayer on the same cursor file: it does not queue the message again, and delivers it.
    const resumed = await relayer().runOnce();
    expect(resumed.queued).to.deep.equal([]);
    expect(resumed.delivered).to.deep.equal([outboundMessage]);
    expect(await delivered(hongKong, outboundMessage)).to.equal(true);
    expect(await progress(outbound, shanghai, hongKong)).to.equal("delivered");
    expect(await liveOn(tokenId)).to.equal(HONG_KONG);

    // Nothing left to deliver; the eBL arrived once, the same B/L.
    const again = await relayer().runOnce();
    expect(again.delivered).to.deep.equal([]);
    const arrived = await railsOn(hongKong).ebl.bill(tokenId);
    const left = await railsOn(shanghai).ebl.bill(tokenId);
    expect([arrived.holder, arrived.titleHolder, arrived.status]).to.deep.equal([
      cast.exporter,
      cast.exporter,
      "issued",
    ]);
    expect([arrived.issuer, arrived.kind, arrived.documentHash, arrived.version, arrived.shipper]).to.deep.equal([
      left.issuer,
      left.kind,
      left.documentHash,
      left.version,
      left.shipper,
    ]);
    const imports = (await railsOn(hongKong).ebl.history(tokenId)).entries.filter((e) => e.action === "IMPORT");
    expect(imports).to.have.length(1);
  });

  it("trades it on Hong Kong: the importer buys it from the exporter in a signed DvP settlement in HKD", async function () {
    const bank = railsOn(hongKong, cast.hkBank);
    await (
      await bank.deposits.HKD!.mint({ to: cast.importer, amount: "1000.00", bankReference: "DEP-HK-0001" })
    ).wait();
    const relayer = railsOn(hongKong, cast.settlementRelayer);
    const terms = await relayer.settlement.prepare({
      tokenId,
      paymentToken: "HKD",
      amount: "1000.00",
      seller: cast.exporter,
      buyer: cast.importer,
    });
    const seller = await railsOn(hongKong, cast.exporter).settlement.signAsSeller(terms);
    const buyer = await railsOn(hongKong, cast.importer).settlement.signAsBuyer(terms);
    await (await relayer.settlement.settle({ terms, ...seller, ...buyer })).wait();
    const reader = railsOn(hongKong);
    expect(await reader.ebl.holder(tokenId)).to.equal(cast.importer);
    expect(await reader.ebl.titleHolder(tokenId)).to.equal(cast.importer);
    expect(await reader.deposits.HKD!.balanceOf(cast.exporter)).to.equal("1000.00");
    expect(await reader.deposits.HKD!.balanceOf(cast.importer)).to.equal("0.00");
  });

  it("returns to Shanghai with the importer as holder and title holder, and is surrendered to the carrier there", async function () {
    const sent = await (
      await railsOn(hongKong, cast.importer).crossChain.exportBill({
        tokenId,
        destinationChainId: SHANGHAI,
        receiver: cast.importer,
      })
    ).wait();
    inbound = sent.transferId;
    expect(await railsOn(hongKong).ebl.status(tokenId)).to.equal("exported");
    expect(await progress(inbound, hongKong, shanghai)).to.equal("sent");
    expect((await relayer().runOnce()).delivered).to.deep.equal([sent.messageId]);
    expect(await progress(inbound, hongKong, shanghai)).to.equal("delivered");
    expect(await liveOn(tokenId)).to.equal(SHANGHAI);
    const back = await railsOn(shanghai).ebl.bill(tokenId);
    expect([back.status, back.holder, back.titleHolder]).to.deep.equal(["issued", cast.importer, cast.importer]);

    // On its home chain the carrier accepts the surrender: the B/L is accomplished, live nowhere.
    await (await railsOn(shanghai, cast.importer).ebl.surrenderForDelivery({ tokenId })).wait();
    await (await railsOn(shanghai, cast.carrier).ebl.acceptSurrender({ tokenId })).wait();
    expect(await railsOn(shanghai).ebl.status(tokenId)).to.equal("accomplished");
    expect(await railsOn(hongKong).ebl.status(tokenId)).to.equal("exported");
    expect(await liveOn(tokenId)).to.equal(null);
  });

  it("tells the whole story across both chains in order, and each chain's own history agrees", async function () {
    const { entries, inFlight } = await crossChainHistory(tokenId, [railsOn(shanghai), railsOn(hongKong)]);
    expect(inFlight).to.equal(null);
    const { exporter: e, importer: i } = cast;
    expect(steps(entries)).to.deep.equal([
      [SHANGHAI, "ISSUE", e, e],
      [SHANGHAI, "EXPORT", null, null],
      [HONG_KONG, "IMPORT", e, e],
      [HONG_KONG, "ENDORSE", i, i], // the settlement: endorsed to the importer and delivered, against HKD
      [HONG_KONG, "EXPORT", null, null],
      [SHANGHAI, "IMPORT", i, i],
      [SHANGHAI, "SURRENDER_FOR_DELIVERY", cast.carrier, i],
      [SHANGHAI, "SURRENDER_ACCEPTED", null, null],
    ]);
    expect(entries.map((x) => x.transfer?.transferId ?? null)).to.deep.equal([
      null,
      outbound,
      outbound,
      null,
      inbound,
      inbound,
      null,
      null,
    ]);
    // Each chain's history is the same entries, in the same order.
    for (const chain of [shanghai, hongKong]) {
      const own = (await railsOn(chain).ebl.history(tokenId)).entries.map((x) => [x.action, x.transactionHash]);
      const walked = entries.filter((x) => x.chainId === chain.chainId).map((x) => [x.action, x.transactionHash]);
      expect(walked, chain.name).to.deep.equal(own);
    }
  });

  it("refuses a receiver Hong Kong has not verified, and gives the eBL back to its holder on Shanghai", async function () {
    const issued = await railsOn(shanghai, cast.carrier).ebl.issue({
      shipper: cast.exporter,
      transportDocumentReference: "OSLU26SHA2HKG02",
      kind: "toOrder",
      titleHolder: cast.exporter,
      documentHash: DOCUMENT,
    });
    await issued.wait();
    const id = issued.tokenId;
    const sent = await (
      await railsOn(shanghai, cast.exporter).crossChain.exportBill({
        tokenId: id,
        destinationChainId: HONG_KONG,
        receiver: cast.unknown,
      })
    ).wait();
    // The transfer reaches Hong Kong, which refuses it and sends the refusal back in the same transaction.
    const there = await relayer().runOnce();
    expect(there.delivered).to.deep.equal([sent.messageId]);
    expect(await progress(sent.transferId, shanghai, hongKong)).to.equal("refused");
    // Refused by Hong Kong's registry because the receiver is not verified there; the reason travels back.
    const [refusal] = await hongKong.publicClient.getContractEvents({
      address: hongKong.addresses.eblGateway,
      abi: eblGatewayAbi,
      eventName: "TransferRefused",
      args: { transferId: sent.transferId },
      fromBlock: 0n,
      strict: true,
    });
    const reason = decodeRevertData(refusal!.args.reason);
    expect([reason.errorName, reason.args]).to.deep.equal(["RailsNotVerified", [cast.unknown]]);
    expect(await railsOn(hongKong).ebl.status(id)).to.equal("none");
    expect(await liveOn(id)).to.equal(null);
    // The refusal comes back: the eBL is live again on Shanghai, with the holder that exported it.
    const back = await relayer().runOnce();
    expect(back.delivered).to.have.length(1);
    expect(await progress(sent.transferId, shanghai, hongKong)).to.equal("returned");
    expect(await liveOn(id)).to.equal(SHANGHAI);
    const bill = await railsOn(shanghai).ebl.bill(id);
    expect([bill.status, bill.holder, bill.titleHolder]).to.deep.equal(["issued", cast.exporter, cast.exporter]);
    const { entries } = await crossChainHistory(id, [railsOn(shanghai), railsOn(hongKong)]);
    expect(entries.map((x) => [x.chainId, x.action, x.transfer?.kind ?? null])).to.deep.equal([
      [SHANGHAI, "ISSUE", null],
      [SHANGHAI, "EXPORT", "sent"],
      [SHANGHAI, "IMPORT", "restored"],
    ]);
  });
});
