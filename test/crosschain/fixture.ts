/**
 * Two chains in one simulated network: Shanghai (chain id 7777) and Hong Kong (chain id 8888), each with its own access
 * manager, participant register, eBL registry, EblGateway and LoopbackTransport standing for the chain id. Each side
 * has its own manager (as two real chains would), wired from the SDK's table (`functionRoles("ebl")`,
 * `functionRoles("crossChain")`) with the same admin. The gateway holds `EBL GATEWAY` on its registry and is not a
 * registered participant: it never holds an eBL (the export burns it, the import mints it to the receiver).
 *
 * Who is registered where: the carrier, the shipper, the consignee and the two banks on both sides; `custodian` (a
 * custody participant, an EOA operator) on both; `shanghaiOnly` only in Shanghai and `hongKongOnly` only in Hong Kong,
 * for refusals; `stranger` nowhere. A message sent by a side waits in that side's transport until the test delivers it
 * (`deliver(f.shanghai)` delivers the oldest pending message sent from Shanghai).
 */
import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { network } from "hardhat";

import type { BillOfLadingRegistry, EblGateway, LoopbackTransport } from "../../types/ethers-contracts/index.js";
import { BillKind, Kinds, ONE_YEAR, sampleDocument, Status } from "../ebl/helpers.js";
import { deployManager, grant, wire, type Manager } from "../helpers/access.js";

export { BillKind, Kinds, Status };

export const { ethers, networkHelpers } = await network.create();
export const { loadFixture } = networkHelpers;

/** The chain ids the two loopback transports stand for. */
export const SHANGHAI = 7777n;
export const HONG_KONG = 8888n;

/** Gateway status enums (IEblGateway.OutboundStatus / InboundStatus). */
export const Outbound = { None: 0n, Sent: 1n, Refused: 2n, Restored: 3n } as const;
export const Inbound = { None: 0n, Imported: 1n, Refused: 2n } as const;

/** Gas for a relayer's delivery: enough for the import, the bookkeeping and a refusal. */
export const DELIVERY_GAS = 2_000_000n;

export interface Side {
  name: string;
  chainId: bigint;
  manager: Manager;
  participants: Awaited<ReturnType<typeof deployParticipants>>;
  ebl: BillOfLadingRegistry;
  gateway: EblGateway;
  transport: LoopbackTransport;
  /** Registers `account` here with `kinds` for a year. */
  register: (account: string, kinds: number) => Promise<unknown>;
}

async function deployParticipants(authority: string) {
  return ethers.deployContract("ParticipantRegistry", [authority]);
}

/**
 * The two sides, connected, and the cast. The shipper holds nothing yet: {@link issueToOrder} and
 * {@link issueStraight} issue in Shanghai.
 */
export async function twoChains() {
  const [
    admin,
    registrar,
    carrier,
    shipper,
    consignee,
    buyer,
    bankSh,
    bankHk,
    custodian,
    regulator,
    shanghaiOnly,
    hongKongOnly,
    stranger,
    relayer,
  ] = await ethers.getSigners();

  async function side(name: string, chainId: bigint): Promise<Side> {
    const manager = await deployManager(ethers, admin);
    const authority = await manager.getAddress();
    const participants = await deployParticipants(authority);
    const ebl = (await ethers.deployContract("BillOfLadingRegistry", [
      await participants.getAddress(),
      authority,
    ])) as unknown as BillOfLadingRegistry;
    const gateway = (await ethers.deployContract("EblGateway", [
      await ebl.getAddress(),
      authority,
    ])) as unknown as EblGateway;
    const transport = (await ethers.deployContract("LoopbackTransport", [chainId])) as unknown as LoopbackTransport;
    await wire(manager, admin, "participants", await participants.getAddress());
    await wire(manager, admin, "ebl", await ebl.getAddress());
    await wire(manager, admin, "crossChain", await gateway.getAddress());
    await grant(manager, admin, { contract: "participants", name: "REGISTRAR" }, registrar.address);
    await grant(manager, admin, { contract: "ebl", name: "ISSUER" }, carrier.address);
    await grant(manager, admin, { contract: "ebl", name: "LEGAL_HOLD" }, regulator.address);
    await grant(manager, admin, { contract: "ebl", name: "PAUSER" }, admin.address);
    await grant(manager, admin, { contract: "ebl", name: "GATEWAY" }, await gateway.getAddress());
    await grant(manager, admin, { contract: "crossChain", name: "ADMIN" }, admin.address);
    await grant(manager, admin, { contract: "crossChain", name: "PAUSER" }, admin.address);
    await transport.setGateway(await gateway.getAddress());
    await gateway.connect(admin).setTransport(await transport.getAddress());

    const validUntil = (await networkHelpers.time.latest()) + 10 * ONE_YEAR;
    const register = (account: string, kinds: number) =>
      participants.connect(registrar).register(account, {
        kinds,
        jurisdiction: name === "Shanghai" ? "0x434e" : "0x484b",
        validUntil,
        kycReference: ethers.ZeroHash,
      });
    await register(carrier.address, Kinds.CARRIER);
    await register(shipper.address, Kinds.TRADER);
    await register(consignee.address, Kinds.TRADER);
    await register(buyer.address, Kinds.TRADER);
    await register(bankSh.address, Kinds.BANK);
    await register(bankHk.address, Kinds.BANK);
    await register(custodian.address, Kinds.CUSTODY);
    return { name, chainId, manager, participants, ebl, gateway, transport, register };
  }

  const shanghai = await side("Shanghai", SHANGHAI);
  const hongKong = await side("Hong Kong", HONG_KONG);
  await shanghai.register(shanghaiOnly.address, Kinds.TRADER);
  await hongKong.register(hongKongOnly.address, Kinds.TRADER);
  // `connect` of LoopbackTransport, not ethers' `Contract.connect(runner)`.
  await shanghai.transport.getFunction("connect")(await hongKong.transport.getAddress());
  await hongKong.transport.getFunction("connect")(await shanghai.transport.getAddress());

  const doc = sampleDocument("SHA2HKG000777");
  const amended = ethers.id("transport document, amended");

  /** Issues a to-order B/L in Shanghai to the shipper, title with `titleHolder` (default: the shipper). */
  const issueToOrder = async (reference = doc.reference, titleHolder = shipper.address) => {
    await shanghai.ebl.connect(carrier).issue(shipper.address, reference, BillKind.ToOrder, titleHolder, doc.hash);
    return shanghai.ebl.tokenIdOf(carrier.address, reference);
  };
  /** Issues a straight B/L in Shanghai to the shipper, the consignee named (title holder). */
  const issueStraight = async (reference = "SHA2HKG-STRAIGHT-1") => {
    await shanghai.ebl
      .connect(carrier)
      .issue(shipper.address, reference, BillKind.Straight, consignee.address, doc.hash);
    return shanghai.ebl.tokenIdOf(carrier.address, reference);
  };

  return {
    shanghai,
    hongKong,
    admin,
    registrar,
    carrier,
    shipper,
    consignee,
    buyer,
    bankSh,
    bankHk,
    custodian,
    regulator,
    shanghaiOnly,
    hongKongOnly,
    stranger,
    relayer,
    doc,
    amended,
    issueToOrder,
    issueStraight,
  };
}

export type TwoChains = Awaited<ReturnType<typeof twoChains>>;
export type Signer = HardhatEthersSigner;

/** The index of the oldest message sent from `from` that is still waiting (throws if none). */
export async function pendingIndex(from: Side): Promise<bigint> {
  const n = await from.transport.outboxLength();
  for (let i = 0n; i < n; ++i) if (!(await from.transport.envelope(i)).delivered) return i;
  throw new Error(`no message waits in ${from.name}'s transport`);
}

/** Whether a message sent from `from` is waiting. */
export async function hasPending(from: Side): Promise<boolean> {
  const n = await from.transport.outboxLength();
  for (let i = 0n; i < n; ++i) if (!(await from.transport.envelope(i)).delivered) return true;
  return false;
}

/** A relayer delivers the oldest message waiting in `from`'s transport, with ample gas. */
export async function deliver(from: Side, by?: Signer) {
  const index = await pendingIndex(from);
  const transport = by === undefined ? from.transport : from.transport.connect(by);
  return transport.deliver(index, { gasLimit: DELIVERY_GAS });
}

/** The transfer id of the last export of `tokenId` from `side`. */
export const lastTransfer = (side: Side, tokenId: bigint) => side.gateway.lastExportOf(tokenId);

/** Everything a registry records about `tokenId` (the bill and the permit nonce), to prove that nothing changed. */
export async function billState(ebl: BillOfLadingRegistry, tokenId: bigint) {
  const b = await ebl.billOf(tokenId);
  return {
    bill: {
      issuer: b.issuer,
      kind: b.kind,
      status: b.status,
      onLegalHold: b.onLegalHold,
      custodyForTitle: b.custodyForTitle,
      version: b.version,
      holder: b.holder,
      titleHolder: b.titleHolder,
      shipper: b.shipper,
      documentHash: b.documentHash,
    },
    nonce: await ebl.nonces(tokenId),
  };
}

/** What an import needs of `side`'s record of `id` now (`importBill`'s `bill`, custody for title false). */
export async function importRecordOf(side: Side, id: bigint) {
  const b = await side.ebl.billOf(id);
  return {
    kind: b.kind,
    version: b.version,
    titleHolder: b.titleHolder,
    shipper: b.shipper,
    documentHash: b.documentHash,
    custodyForTitle: false,
  };
}

/** Both sides' records of `tokenId`, the balances of the cast on both sides and the transports' outboxes. */
export async function worldState(f: TwoChains, tokenId: bigint) {
  const accounts = [f.shipper, f.consignee, f.buyer, f.bankSh, f.bankHk, f.custodian, f.shanghaiOnly, f.hongKongOnly];
  const side = async (s: Side) => ({
    record: await billState(s.ebl, tokenId),
    balances: await Promise.all(accounts.map((a) => s.ebl.balanceOf(a.address))),
    outbox: await s.transport.outboxLength(),
    lastExport: await s.gateway.lastExportOf(tokenId),
  });
  return { shanghai: await side(f.shanghai), hongKong: await side(f.hongKong) };
}

/** Asserts that nothing changed on either side since `before` (a {@link worldState}). */
export async function expectNothingChanged(
  f: TwoChains,
  tokenId: bigint,
  before: Awaited<ReturnType<typeof worldState>>,
) {
  expect(await worldState(f, tokenId)).to.deep.equal(before);
}

/** A to-order eBL issued in Shanghai to the shipper (title with it), and the world before anything else. */
export async function issuedInShanghai() {
  const f = await twoChains();
  const id = await f.issueToOrder();
  return { ...f, id };
}

/**
 * The to-order eBL exported from Shanghai by the shipper to itself in Hong Kong and imported there: live in Hong Kong
 * with the shipper as holder and title holder, exported in Shanghai.
 */
export async function inHongKong() {
  const f = await issuedInShanghai();
  await f.shanghai.gateway.connect(f.shipper).exportBill(f.id, HONG_KONG, f.shipper.address);
  const transferId = await lastTransfer(f.shanghai, f.id);
  await deliver(f.shanghai);
  return { ...f, transferId };
}
