/**
 * Hyperlane end to end on two real nodes: two anvil processes, "Shanghai" (chain id 7777) and "Hong Kong" (8888),
 * each with Hyperlane's real core deployed by scripts/lib/hyperlane/deploy.ts (Mailbox, MerkleTreeHook, zero
 * ProtocolFee, a static message-id multisig ISM of 3 validators with threshold 2), an adapter (HyperlaneTransport) and
 * a test gateway (TransportProbeGateway). The TypeScript relayer (scripts/lib/hyperlane/relayer.ts) carries messages
 * with the validators' signatures; its cursor file lives in a temporary directory. The tests share the two chains
 * and one cursor, in order, and check each message by its id.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import hre from "hardhat";
import {
  createPublicClient,
  createWalletClient,
  decodeEventLog,
  defineChain,
  http,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { startAnvil, type AnvilNode } from "../../scripts/lib/anvil.js";
import {
  deployHyperlaneCore,
  deployHyperlaneTransport,
  readArtifact,
  type ChainClients,
  type Deployer,
  type HyperlaneCoreDeployment,
} from "../../scripts/lib/hyperlane/deploy.js";
import { addressToBytes32, mailboxAbi, merkleTreeHookAbi, messageId } from "../../scripts/lib/hyperlane/message.js";
import { Relayer, readCursorFile, type RelayChain } from "../../scripts/lib/hyperlane/relayer.js";
import {
  Validator,
  devPrivateKey,
  rawMessageIdMultisigMetadata,
  type Checkpoint,
} from "../../scripts/lib/hyperlane/validator.js";

const SHANGHAI = 7777;
const HONG_KONG = 8888;

const probeArtifact = readArtifact("contracts/testing/TransportProbeGateway.sol", "TransportProbeGateway");
const transportArtifact = readArtifact("contracts/crosschain/transport/HyperlaneTransport.sol", "HyperlaneTransport");
const managerArtifact = readArtifact("contracts/access/RailsAccessManager.sol", "RailsAccessManager");

/** A validator whose node is down: it signs nothing. */
class OfflineValidator extends Validator {
  override async signCheckpoint(): Promise<Hex> {
    throw new Error("validator offline");
  }
}

interface Side {
  name: string;
  chainId: number;
  node: AnvilNode;
  clients: ChainClients;
  relayerWallet: Deployer;
  core: HyperlaneCoreDeployment;
  transport: Address;
  probe: Address;
}

describe("Hyperlane between two anvil nodes", function () {
  this.timeout(120_000);

  const dir = mkdtempSync(path.join(tmpdir(), "cargo-rails-hyperlane-"));
  const cursorPath = path.join(dir, "relayer-cursor.json");
  const validatorKeys = [devPrivateKey(7), devPrivateKey(8), devPrivateKey(9)];
  let shanghai: Side;
  let hongKong: Side;
  let validators: Validator[];
  const log: string[] = [];

  async function startSide(name: string, chainId: number): Promise<Side> {
    const node = await startAnvil({ chainId });
    const chain = defineChain({
      id: chainId,
      name,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [node.url] } },
    });
    const transport = http(node.url, { retryCount: 0 });
    const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 }) as PublicClient;
    const wallet = (index: number) =>
      createWalletClient({ chain, transport, account: privateKeyToAccount(devPrivateKey(index)), pollingInterval: 50 });
    const clients: ChainClients = { publicClient, walletClient: wallet(0) };
    const core = await deployHyperlaneCore(clients, {
      validators: validatorKeys.map((k) => privateKeyToAccount(k).address),
      threshold: 2,
    });
    const deployer = clients.walletClient;
    const deploy = async (artifact: typeof probeArtifact, args: unknown[]) => {
      const hash = await deployer.deployContract({ ...artifact, args, account: deployer.account, chain });
      return (await publicClient.waitForTransactionReceipt({ hash })).contractAddress!;
    };
    const manager = await deploy(managerArtifact, [deployer.account.address]);
    const probe = await deploy(probeArtifact, []);
    const adapter = await deployHyperlaneTransport(clients, {
      mailbox: core.mailbox,
      gateway: probe,
      ism: core.ism,
      authority: manager,
    });
    await write({ publicClient, walletClient: deployer }, probe, probeArtifact.abi, "setTransport", [adapter]);
    return { name, chainId, node, clients, relayerWallet: wallet(1), core, transport: adapter, probe };
  }

  async function write(
    clients: ChainClients,
    address: Address,
    abi: typeof probeArtifact.abi,
    fn: string,
    args: unknown[],
  ) {
    const hash = await clients.walletClient.writeContract({
      address,
      abi,
      functionName: fn,
      args,
      account: clients.walletClient.account,
      chain: clients.walletClient.chain ?? null,
    });
    const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).to.equal("success");
    return receipt;
  }

  const relayChain = (s: Side): RelayChain => ({
    name: s.name,
    domain: s.chainId,
    publicClient: s.clients.publicClient,
    walletClient: s.relayerWallet,
    mailbox: s.core.mailbox,
    merkleTreeHook: s.core.merkleTreeHook,
    fromBlock: s.core.deployBlock,
  });

  function relayer(signers: Validator[] = validators) {
    return new Relayer({
      chains: [relayChain(shanghai), relayChain(hongKong)],
      validators: signers,
      cursorPath,
      retryDelayMs: 0,
      errorAbi: probeArtifact.abi,
      log: (line) => log.push(line),
    });
  }

  /** Sends `body` from `from`'s gateway to `to`; returns the message, its id and its checkpoint. */
  async function send(from: Side, to: Side, body: Hex) {
    const receipt = await write(from.clients, from.probe, probeArtifact.abi, "send", [BigInt(to.chainId), body]);
    let message: Hex | undefined;
    let index: number | undefined;
    for (const l of receipt.logs) {
      if (l.address.toLowerCase() === from.core.mailbox.toLowerCase() && l.topics[0] !== undefined) {
        const event = decodeEventLog({ abi: mailboxAbi, data: l.data, topics: l.topics as [Hex, ...Hex[]] });
        if (event.eventName === "Dispatch") message = event.args.message;
      }
      if (l.address.toLowerCase() === from.core.merkleTreeHook.toLowerCase()) {
        const event = decodeEventLog({ abi: merkleTreeHookAbi, data: l.data, topics: l.topics as [Hex, ...Hex[]] });
        index = event.args.index;
      }
    }
    const root = await from.clients.publicClient.readContract({
      address: from.core.merkleTreeHook,
      abi: merkleTreeHookAbi,
      functionName: "root",
    });
    const checkpoint: Checkpoint = {
      origin: from.chainId,
      merkleTreeHook: from.core.merkleTreeHook,
      root,
      index: index!,
      messageId: messageId(message!),
    };
    return { message: message!, id: checkpoint.messageId, checkpoint };
  }

  const delivered = (s: Side, id: Hex) =>
    s.clients.publicClient.readContract({
      address: s.core.mailbox,
      abi: mailboxAbi,
      functionName: "delivered",
      args: [id],
    });
  const deliveries = async (s: Side) =>
    (await s.clients.publicClient.readContract({
      address: s.probe,
      abi: probeArtifact.abi,
      functionName: "deliveryCount",
    })) as bigint;
  const lastDelivery = async (s: Side) =>
    (await s.clients.publicClient.readContract({
      address: s.probe,
      abi: probeArtifact.abi,
      functionName: "delivery",
      args: [(await deliveries(s)) - 1n],
    })) as { originChainId: bigint; message: Hex };

  /** Calls `Mailbox.process` on `s` directly (as a relayer would) and returns the revert reason, or "" if it passed. */
  async function processDirectly(s: Side, metadata: Hex, message: Hex): Promise<string> {
    try {
      await s.clients.publicClient.simulateContract({
        address: s.core.mailbox,
        abi: mailboxAbi,
        functionName: "process",
        args: [metadata, message],
        account: s.relayerWallet.account,
      });
      return "";
    } catch (error) {
      return (error as Error).message;
    }
  }

  before(async function () {
    if (hre.globalOptions.coverage) this.skip();
    [shanghai, hongKong] = await Promise.all([startSide("Shanghai", SHANGHAI), startSide("Hong Kong", HONG_KONG)]);
    validators = validatorKeys.map(
      (k) =>
        new Validator(k, { [SHANGHAI]: shanghai.clients.publicClient, [HONG_KONG]: hongKong.clients.publicClient }),
    );
    for (const [here, there] of [
      [shanghai, hongKong],
      [hongKong, shanghai],
    ] as const) {
      await write(here.clients, here.transport, transportArtifact.abi, "enrollRemote", [
        BigInt(there.chainId),
        addressToBytes32(there.transport),
      ]);
    }
  });

  after(async function () {
    await Promise.all([shanghai?.node.stop(), hongKong?.node.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("deploys the Mailbox of each chain with the chain id as its domain, owned by the deployer, no proxy", async function () {
    for (const s of [shanghai, hongKong]) {
      const read = (functionName: "localDomain" | "owner" | "defaultIsm" | "requiredHook" | "defaultHook") =>
        s.clients.publicClient.readContract({ address: s.core.mailbox, abi: mailboxAbi, functionName });
      expect(await read("localDomain")).to.equal(s.chainId);
      expect(await read("owner")).to.equal(s.clients.walletClient.account.address);
      expect(await read("defaultIsm")).to.equal(s.core.ism);
      expect(await read("requiredHook")).to.equal(s.core.merkleTreeHook);
      expect(await read("defaultHook")).to.equal(s.core.protocolFee);
    }
  });

  it("delivers a message Shanghai → Hong Kong with 2 of the 3 validators' signatures (one validator offline)", async function () {
    const before = await deliveries(hongKong);
    const { id } = await send(shanghai, hongKong, "0x5348");
    const round = await relayer([new OfflineValidator(validatorKeys[0]!), validators[1]!, validators[2]!]).runOnce();
    expect(round.queued).to.deep.equal([id]);
    expect(round.delivered).to.deep.equal([id]);
    expect(await delivered(hongKong, id)).to.equal(true);
    expect(await deliveries(hongKong)).to.equal(before + 1n);
    const last = await lastDelivery(hongKong);
    expect(last.originChainId).to.equal(BigInt(SHANGHAI));
    expect(last.message).to.equal("0x5348");
  });

  it("delivers a message Hong Kong → Shanghai", async function () {
    const { id } = await send(hongKong, shanghai, "0x484b");
    const round = await relayer().runOnce();
    expect(round.delivered).to.deep.equal([id]);
    expect((await lastDelivery(shanghai)).originChainId).to.equal(BigInt(HONG_KONG));
  });

  it("does not deliver with one validator's signature: the relayer cannot, and the ISM refuses such metadata", async function () {
    const { id, message, checkpoint } = await send(shanghai, hongKong, "0x01");
    const round = await relayer([validators[0]!, new OfflineValidator(validatorKeys[1]!)]).runOnce();
    expect(round.delivered).to.deep.equal([]);
    expect(round.failed.map((f) => f.id)).to.deep.equal([id]);
    const one = rawMessageIdMultisigMetadata(checkpoint, [
      await new Validator(validatorKeys[0]!).signCheckpoint(checkpoint),
    ]);
    expect(await processDirectly(hongKong, one, message)).to.not.equal("");
    expect(await delivered(hongKong, id)).to.equal(false);
    // Left for the next test's relayer, which delivers it with a quorum.
  }).timeout(30_000);

  it("refuses metadata with a signature by a key that is not a validator (the ISM: !threshold)", async function () {
    const { id, message, checkpoint } = await send(shanghai, hongKong, "0x02");
    const outsider = new Validator(generatePrivateKey());
    const forged = rawMessageIdMultisigMetadata(checkpoint, [
      await new Validator(validatorKeys[0]!).signCheckpoint(checkpoint),
      await outsider.signCheckpoint(checkpoint),
    ]);
    expect(await processDirectly(hongKong, forged, message)).to.contain("!threshold");
    expect(await delivered(hongKong, id)).to.equal(false);
    // With a quorum, the relayer delivers this one and the one the previous test left, once each.
    const before = await deliveries(hongKong);
    const round = await relayer().runOnce();
    expect(round.delivered).to.include(id);
    expect(await deliveries(hongKong)).to.equal(before + BigInt(round.delivered.length));
  });

  it("does not deliver a message from a sender that is not the enrolled adapter (HyperlaneTransportUnknownSender)", async function () {
    // Anyone may dispatch on a Mailbox, to any recipient; the validators sign it like any other message.
    const stranger = createWalletClient({
      chain: shanghai.clients.walletClient.chain,
      transport: http(shanghai.node.url),
      account: privateKeyToAccount(devPrivateKey(5)),
    });
    const hash = await stranger.writeContract({
      address: shanghai.core.mailbox,
      abi: [
        {
          type: "function",
          name: "dispatch",
          stateMutability: "payable",
          inputs: [
            { name: "destination", type: "uint32" },
            { name: "recipient", type: "bytes32" },
            { name: "body", type: "bytes" },
          ],
          outputs: [{ name: "", type: "bytes32" }],
        },
      ],
      functionName: "dispatch",
      args: [HONG_KONG, addressToBytes32(hongKong.transport), "0xbad0"],
      chain: null,
    });
    await shanghai.clients.publicClient.waitForTransactionReceipt({ hash });
    const before = await deliveries(hongKong);
    const round = await relayer().runOnce();
    expect(round.queued).to.have.length(1);
    const id = round.queued[0]!;
    const failure = round.failed.find((f) => f.id === id);
    expect(failure?.error).to.match(/^HyperlaneTransportUnknownSender\(7777, 0x0+[0-9a-f]{40}\)$/);
    expect(await delivered(hongKong, id)).to.equal(false);
    expect(await deliveries(hongKong)).to.equal(before);
  });

  it("resumes from its cursor after a restart in the middle of a transfer and delivers exactly once", async function () {
    const before = await deliveries(hongKong);
    const { id } = await send(shanghai, hongKong, "0x0003");
    // The first relayer sees the dispatch but no validator answers; it stops with the message queued.
    const first = relayer(validatorKeys.map((k) => new OfflineValidator(k)));
    const seen = await first.runOnce();
    expect(seen.queued).to.deep.equal([id]);
    expect(await delivered(hongKong, id)).to.equal(false);
    const onDisk = Object.values(readCursorFile(cursorPath).origins).flatMap((o) => o.queue.map((q) => q.id));
    expect(onDisk).to.include(id);
    // A new relayer on the same cursor file: it does not scan the message again, and delivers it.
    const second = relayer();
    const resumed = await second.runOnce();
    expect(resumed.queued).to.deep.equal([]);
    expect(resumed.delivered).to.deep.equal([id]);
    expect(await deliveries(hongKong)).to.equal(before + 1n);
    const again = await relayer().runOnce();
    expect(again.delivered).to.deep.equal([]);
    expect(await deliveries(hongKong)).to.equal(before + 1n);
  });

  it("does not deliver twice when it stopped after a delivery but before saving its cursor", async function () {
    const saved = readFileSync(cursorPath, "utf8");
    const before = await deliveries(hongKong);
    const { id, message, checkpoint } = await send(shanghai, hongKong, "0x0004");
    expect((await relayer().runOnce()).delivered).to.deep.equal([id]);
    writeFileSync(cursorPath, saved); // the cursor as it was before that round
    const restarted = await relayer().runOnce();
    expect(restarted.queued).to.deep.equal([id]);
    expect(restarted.alreadyDelivered).to.deep.equal([id]);
    expect(restarted.delivered).to.deep.equal([]);
    expect(await deliveries(hongKong)).to.equal(before + 1n);
    // And the Mailbox itself refuses a second delivery, whatever the metadata.
    const signed = await Promise.all(validatorKeys.map(async (k) => new Validator(k).signCheckpoint(checkpoint)));
    const metadata = rawMessageIdMultisigMetadata(checkpoint, signed.slice(0, 2));
    expect(await processDirectly(hongKong, metadata, message)).to.contain("Mailbox: already delivered");
  });

  it("retries a delivery the gateway refused, and delivers it once the gateway accepts", async function () {
    await write(hongKong.clients, hongKong.probe, probeArtifact.abi, "setRefusing", [true]);
    const { id } = await send(shanghai, hongKong, "0x0005");
    const refused = await relayer().runOnce();
    expect(refused.failed.find((f) => f.id === id)?.error).to.equal("ProbeRefused()");
    expect(await delivered(hongKong, id)).to.equal(false);
    await write(hongKong.clients, hongKong.probe, probeArtifact.abi, "setRefusing", [false]);
    const retried = await relayer().runOnce();
    expect(retried.delivered).to.deep.equal([id]);
  });

  it("relays continuously until stopped (npm run relay)", async function () {
    const r = relayer();
    r.start(50);
    try {
      const { id } = await send(hongKong, shanghai, "0x0006");
      const deadline = Date.now() + 20_000;
      while (!(await delivered(shanghai, id))) {
        if (Date.now() > deadline) throw new Error(`not delivered: ${log.slice(-5).join(" | ")}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await r.stop();
    }
  });
});
