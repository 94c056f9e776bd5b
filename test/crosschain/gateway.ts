/**
 * EblGateway between two chains (Shanghai 7777, Hong Kong 8888, test/crosschain/fixture.ts): an export burns the eBL
 * on one side and the import re-creates it on the other; a refusal there brings it back to its holder; replays,
 * forged refusals, starved deliveries and untrusted callers change nothing; fees, transports and the admin functions.
 */
import { expect } from "chai";

import { grant, wire } from "../helpers/access.js";
import * as settlement from "../settlement/fixture.js";
import {
  BillKind,
  HONG_KONG,
  Inbound,
  Kinds,
  Outbound,
  SHANGHAI,
  Status,
  deliver,
  ethers,
  expectNothingChanged,
  hasPending,
  inHongKong,
  issuedInShanghai,
  lastTransfer,
  loadFixture,
  pendingIndex,
  worldState,
  type Side,
  type TwoChains,
} from "./fixture.js";

const HOLD = ethers.encodeBytes32String("COURT-ORDER-2026-17");
const coder = ethers.AbiCoder.defaultAbiCoder();

/** The loopback transport's message id of message `index` sent from `side`. */
const messageId = (side: Side, index: bigint) =>
  ethers.keccak256(coder.encode(["uint64", "uint256"], [side.chainId, index]));

/** A gateway message: `abi.encode(uint8 kind, bytes32 transferId, bytes payload)`. */
const message = (kind: number, transferId: string, payload = "0x") =>
  coder.encode(["uint8", "bytes32", "bytes"], [kind, transferId, payload]);
const REFUSAL = 2;

type Issued = Awaited<ReturnType<typeof issuedInShanghai>>;

/** The shipper exports its eBL from Shanghai to `receiver` in Hong Kong; returns the transfer id. */
async function exportToHongKong(f: Issued, receiver: string) {
  await f.shanghai.gateway.connect(f.shipper).exportBill(f.id, HONG_KONG, receiver);
  return lastTransfer(f.shanghai, f.id);
}

/** The record fields a crossing must preserve. */
async function carried(side: Side, id: bigint) {
  const b = await side.ebl.billOf(id);
  return {
    issuer: b.issuer,
    kind: b.kind,
    titleHolder: b.titleHolder,
    documentHash: b.documentHash,
    version: b.version,
  };
}

/** A transfer to an account registered only in Shanghai, refused by Hong Kong, the refusal not yet delivered. */
async function refusedInHongKong() {
  const f = await issuedInShanghai();
  const transferId = await exportToHongKong(f, f.shanghaiOnly.address);
  await deliver(f.shanghai);
  return { ...f, transferId };
}

/** As {@link refusedInHongKong}, the shipper's verification revoked in Shanghai and the refusal delivered. */
async function restoreFailed() {
  const f = await refusedInHongKong();
  await f.shanghai.participants.connect(f.registrar).revoke(f.shipper.address);
  await deliver(f.hongKong);
  return f;
}

/** An account trusted by the Shanghai gateway as a second transport, to hand it crafted messages. */
async function withCraftingTransport() {
  const f = await issuedInShanghai();
  const crafter = f.relayer;
  const loopback = await f.shanghai.transport.getAddress();
  await f.shanghai.gateway.connect(f.admin).setTransport(crafter.address);
  await f.shanghai.gateway.connect(f.admin).setTransport(loopback);
  return { ...f, crafter };
}

describe("EblGateway", function () {
  describe("a crossing", function () {
    it("exports from Shanghai and imports in Hong Kong the same B/L, for the receiver named", async function () {
      const f = await loadFixture(issuedInShanghai);
      const sent = await carried(f.shanghai, f.id);
      const index = await f.shanghai.transport.outboxLength();
      const tx = f.shanghai.gateway.connect(f.shipper).exportBill(f.id, HONG_KONG, f.buyer.address);
      const transferId = ethers.keccak256(
        coder.encode(
          ["uint256", "address", "uint256"],
          [(await ethers.provider.getNetwork()).chainId, await f.shanghai.gateway.getAddress(), 1n],
        ),
      );
      await expect(tx)
        .to.emit(f.shanghai.gateway, "BillSent")
        .withArgs(transferId, f.id, HONG_KONG, f.shipper.address, f.buyer.address, messageId(f.shanghai, index))
        .and.to.emit(f.shanghai.ebl, "BillExported")
        .withArgs(f.id, f.shipper.address, await f.shanghai.gateway.getAddress(), f.shipper.address);
      expect(await lastTransfer(f.shanghai, f.id)).to.equal(transferId);
      expect(await f.shanghai.gateway.outboundTransfer(transferId)).to.deep.equal([
        f.id,
        f.shipper.address,
        HONG_KONG,
        Outbound.Sent,
        true,
      ]);
      // In flight: live on neither side.
      expect((await f.shanghai.ebl.billOf(f.id)).status).to.equal(BigInt(Status.Exported));
      expect((await f.hongKong.ebl.billOf(f.id)).status).to.equal(BigInt(Status.None));

      await expect(deliver(f.shanghai))
        .to.emit(f.hongKong.gateway, "BillReceived")
        .withArgs(transferId, f.id, SHANGHAI, f.buyer.address)
        .and.to.emit(f.hongKong.ebl, "BillImported")
        .withArgs(f.id, f.buyer.address, await f.hongKong.gateway.getAddress(), f.shipper.address, f.doc.hash, 1n);
      expect(await carried(f.hongKong, f.id)).to.deep.equal(sent);
      expect(await f.hongKong.ebl.ownerOf(f.id)).to.equal(f.buyer.address);
      expect((await f.hongKong.ebl.billOf(f.id)).status).to.equal(BigInt(Status.Issued));
      expect(await f.hongKong.gateway.inboundTransfer(transferId)).to.deep.equal([f.id, SHANGHAI, Inbound.Imported]);
      expect(await f.shanghai.gateway.outboundTransfer(transferId)).to.deep.equal([
        f.id,
        f.shipper.address,
        HONG_KONG,
        Outbound.Sent,
        true,
      ]);
      expect(await hasPending(f.hongKong)).to.equal(false); // no answer to a successful import
    });

    it("carries a straight B/L with its shipper and consignee", async function () {
      const f = await loadFixture(issuedInShanghai);
      const id = await f.issueStraight();
      const sent = await carried(f.shanghai, id);
      await f.shanghai.gateway.connect(f.shipper).exportBill(id, HONG_KONG, f.consignee.address);
      await deliver(f.shanghai);
      expect(await carried(f.hongKong, id)).to.deep.equal(sent);
      const b = await f.hongKong.ebl.billOf(id);
      expect([b.kind, b.shipper, b.holder]).to.deep.equal([
        BigInt(BillKind.Straight),
        f.shipper.address,
        f.consignee.address,
      ]);
    });

    it("lets the holder with title act on the imported eBL in Hong Kong", async function () {
      const f = await loadFixture(inHongKong);
      expect(await f.hongKong.ebl.canEndorse(f.id, f.shipper.address)).to.equal(true);
      await f.hongKong.ebl.connect(f.shipper).endorseAndDeliver(f.id, f.hongKongOnly.address);
      expect(await f.hongKong.ebl.ownerOf(f.id)).to.equal(f.hongKongOnly.address);
    });

    it("lets an approved custodian operator export for the holder", async function () {
      const f = await loadFixture(issuedInShanghai);
      await f.shanghai.ebl.connect(f.shipper).approve(f.custodian.address, f.id);
      await expect(f.shanghai.gateway.connect(f.custodian).exportBill(f.id, HONG_KONG, f.buyer.address))
        .to.emit(f.shanghai.ebl, "BillExported")
        .withArgs(f.id, f.shipper.address, await f.shanghai.gateway.getAddress(), f.custodian.address);
      await deliver(f.shanghai);
      expect(await f.hongKong.ebl.ownerOf(f.id)).to.equal(f.buyer.address);
      // The transfer records the holder, not the operator: a refusal would give it back to the holder.
      expect((await f.shanghai.gateway.outboundTransfer(await lastTransfer(f.shanghai, f.id))).holder).to.equal(
        f.shipper.address,
      );
    });

    it("comes back to Shanghai after an endorsement and an amendment in Hong Kong, then is surrendered and accomplished in Shanghai", async function () {
      const f = await loadFixture(inHongKong);
      const hk = f.hongKong.ebl;
      await hk.connect(f.shipper).endorseAndDeliver(f.id, f.buyer.address);
      await hk.connect(f.buyer).surrenderForAmendment(f.id);
      await hk.connect(f.carrier).issueAmendment(f.id, f.amended);
      const there = await carried(f.hongKong, f.id);
      expect([there.titleHolder, there.documentHash, there.version]).to.deep.equal([f.buyer.address, f.amended, 2n]);
      const nonce = await f.shanghai.ebl.nonces(f.id);

      await f.hongKong.gateway.connect(f.buyer).exportBill(f.id, SHANGHAI, f.buyer.address);
      const back = await lastTransfer(f.hongKong, f.id);
      await expect(deliver(f.hongKong))
        .to.emit(f.shanghai.gateway, "BillReceived")
        .withArgs(back, f.id, HONG_KONG, f.buyer.address);
      expect(await carried(f.shanghai, f.id)).to.deep.equal(there);
      expect(await f.shanghai.ebl.ownerOf(f.id)).to.equal(f.buyer.address);
      expect(await f.shanghai.ebl.nonces(f.id)).to.equal(nonce);
      expect((await f.hongKong.ebl.billOf(f.id)).status).to.equal(BigInt(Status.Exported));

      await f.shanghai.ebl.connect(f.buyer).surrenderForDelivery(f.id);
      await f.shanghai.ebl.connect(f.carrier).acceptSurrender(f.id);
      expect((await f.shanghai.ebl.billOf(f.id)).status).to.equal(BigInt(Status.Accomplished));
      expect((await f.hongKong.ebl.billOf(f.id)).status).to.equal(BigInt(Status.Exported));
    });

    it("is surrendered and accomplished in Hong Kong, where it lives; Shanghai keeps it as exported", async function () {
      const f = await loadFixture(inHongKong);
      await f.hongKong.ebl.connect(f.shipper).surrenderForDelivery(f.id);
      await f.hongKong.ebl.connect(f.carrier).acceptSurrender(f.id);
      expect((await f.hongKong.ebl.billOf(f.id)).status).to.equal(BigInt(Status.Accomplished));
      expect((await f.shanghai.ebl.billOf(f.id)).status).to.equal(BigInt(Status.Exported));
      await expect(
        f.shanghai.ebl
          .connect(f.carrier)
          .issue(f.shipper.address, f.doc.reference, BillKind.ToOrder, f.shipper.address, f.doc.hash),
      ).to.be.revertedWithCustomError(f.shanghai.ebl, "EblAlreadyIssued");
    });
  });

  describe("a refusal at the destination", function () {
    const causes: {
      name: string;
      receiver: (f: Issued) => string;
      setup?: (f: Issued) => Promise<unknown>;
      error: string;
    }[] = [
      {
        name: "the receiver is not verified there",
        receiver: (f) => f.shanghaiOnly.address,
        error: "RailsNotVerified",
      },
      {
        name: "the registry there is paused",
        receiver: (f) => f.buyer.address,
        setup: (f) => f.hongKong.ebl.connect(f.admin).pause(),
        error: "EnforcedPause",
      },
      {
        name: "the B/L is already live there",
        receiver: (f) => f.buyer.address,
        setup: (f) =>
          f.hongKong.ebl
            .connect(f.carrier)
            .issue(f.consignee.address, f.doc.reference, BillKind.ToOrder, f.consignee.address, f.doc.hash),
        error: "EblAlreadyIssued",
      },
    ];
    for (const c of causes) {
      it(`refuses when ${c.name}, and the eBL comes back to the holder that exported it`, async function () {
        const f = await loadFixture(issuedInShanghai);
        if (c.setup) await c.setup(f);
        const before = await f.shanghai.ebl.billOf(f.id);
        const hongKongBefore = await worldState(f, f.id).then((w) => w.hongKong.record);
        const transferId = await exportToHongKong(f, c.receiver(f));
        const refusalIndex = await f.hongKong.transport.outboxLength();
        await expect(deliver(f.shanghai))
          .to.emit(f.hongKong.gateway, "TransferRefused")
          .withArgs(
            transferId,
            f.id,
            SHANGHAI,
            (reason: string) => {
              expect(f.hongKong.ebl.interface.parseError(reason)?.name).to.equal(c.error);
              return true;
            },
            messageId(f.hongKong, refusalIndex),
          );
        expect(await f.hongKong.gateway.inboundTransfer(transferId)).to.deep.equal([f.id, SHANGHAI, Inbound.Refused]);
        expect((await worldState(f, f.id)).hongKong.record).to.deep.equal(hongKongBefore);

        await expect(deliver(f.hongKong))
          .to.emit(f.shanghai.gateway, "RefusalReceived")
          .and.to.emit(f.shanghai.gateway, "BillRestored")
          .withArgs(transferId, f.id, f.shipper.address)
          .and.to.emit(f.shanghai.ebl, "BillImported");
        const after = await f.shanghai.ebl.billOf(f.id);
        expect(after).to.deep.equal(before);
        expect(await f.shanghai.ebl.ownerOf(f.id)).to.equal(f.shipper.address);
        expect((await f.shanghai.gateway.outboundTransfer(transferId)).status).to.equal(Outbound.Restored);
      });
    }

    it("refuses a contract receiver whose onERC721Received refuses; the eBL comes back", async function () {
      const f = await loadFixture(issuedInShanghai);
      const account = await ethers.deployContract("TestSmartAccount", [f.bankHk.address]);
      await account.setAcceptsTokens(false);
      await f.hongKong.register(await account.getAddress(), Kinds.BANK);
      const transferId = await exportToHongKong(f, await account.getAddress());
      await expect(deliver(f.shanghai)).to.emit(f.hongKong.gateway, "TransferRefused");
      await expect(deliver(f.hongKong))
        .to.emit(f.shanghai.gateway, "BillRestored")
        .withArgs(transferId, f.id, f.shipper.address);
      expect(await f.shanghai.ebl.ownerOf(f.id)).to.equal(f.shipper.address);
    });

    it("carries at most 260 bytes of a long refusal reason back (a receiver reverting with 10 000 bytes), and the eBL still comes back", async function () {
      const f = await loadFixture(issuedInShanghai);
      const receiver = await ethers.deployContract("MisbehavingEblReceiver");
      await receiver.setBehaviour(5, 10_000); // RevertHuge: MisbehavingEblReceiverBlob(10 000 zero bytes)
      await f.hongKong.register(await receiver.getAddress(), Kinds.BANK);
      const transferId = await exportToHongKong(f, await receiver.getAddress());
      const refusal = await (await deliver(f.shanghai)).wait();
      const [event] = await f.hongKong.gateway.queryFilter(
        f.hongKong.gateway.filters.TransferRefused(transferId),
        refusal!.blockNumber,
      );
      const reason = ethers.getBytes(event!.args.reason);
      expect(reason.length).to.equal(Number(await f.hongKong.gateway.MAX_REASON_LENGTH()));
      // what is left starts with the receiver's error, so the SDK can still name it
      expect(ethers.hexlify(reason.slice(0, 4))).to.equal(
        receiver.interface.getError("MisbehavingEblReceiverBlob")!.selector,
      );
      await expect(deliver(f.hongKong))
        .to.emit(f.shanghai.gateway, "BillRestored")
        .withArgs(transferId, f.id, f.shipper.address);
    });

    it("keeps the eBL for a later restore when its holder is not verified at the source any more (RestoreFailed)", async function () {
      const f = await loadFixture(refusedInHongKong);
      await f.shanghai.participants.connect(f.registrar).revoke(f.shipper.address);
      await expect(deliver(f.hongKong))
        .to.emit(f.shanghai.gateway, "RestoreFailed")
        .withArgs(
          f.transferId,
          f.id,
          f.shanghai.ebl.interface.encodeErrorResult("RailsNotVerified", [f.shipper.address]),
        )
        .and.not.to.emit(f.shanghai.gateway, "BillRestored");
      expect((await f.shanghai.gateway.outboundTransfer(f.transferId)).status).to.equal(Outbound.Refused);
      expect((await f.shanghai.ebl.billOf(f.id)).status).to.equal(BigInt(Status.Exported));
    });

    it("refuses restore while the holder is still not verified", async function () {
      const f = await loadFixture(restoreFailed);
      const before = await worldState(f, f.id);
      await expect(f.shanghai.gateway.connect(f.stranger).restore(f.transferId))
        .to.be.revertedWithCustomError(f.shanghai.ebl, "RailsNotVerified")
        .withArgs(f.shipper.address);
      await expectNothingChanged(f, f.id, before);
    });

    it("restores to the holder once it is verified again, whoever calls restore", async function () {
      const f = await loadFixture(restoreFailed);
      await f.shanghai.register(f.shipper.address, Kinds.TRADER);
      await expect(f.shanghai.gateway.connect(f.stranger).restore(f.transferId))
        .to.emit(f.shanghai.gateway, "BillRestored")
        .withArgs(f.transferId, f.id, f.shipper.address);
      expect(await f.shanghai.ebl.ownerOf(f.id)).to.equal(f.shipper.address);
      expect((await f.shanghai.gateway.outboundTransfer(f.transferId)).status).to.equal(Outbound.Restored);
    });

    it("restores later when the source registry was paused on arrival of the refusal", async function () {
      const f = await loadFixture(refusedInHongKong);
      await f.shanghai.ebl.connect(f.admin).pause();
      await expect(deliver(f.hongKong)).to.emit(f.shanghai.gateway, "RestoreFailed");
      await f.shanghai.ebl.connect(f.admin).unpause();
      await expect(f.shanghai.gateway.restore(f.transferId)).to.emit(f.shanghai.gateway, "BillRestored");
      expect(await f.shanghai.ebl.ownerOf(f.id)).to.equal(f.shipper.address);
    });

    const nothingToRestore: {
      name: string;
      transferId: (f: Awaited<ReturnType<typeof refusedInHongKong>>) => Promise<string>;
    }[] = [
      { name: "a transfer still in flight (sent, not refused)", transferId: async (f) => f.transferId },
      { name: "an unknown transfer id", transferId: async () => ethers.id("no such transfer") },
      {
        name: "a transfer restored already",
        transferId: async (f) => {
          await deliver(f.hongKong);
          return f.transferId;
        },
      },
    ];
    for (const c of nothingToRestore) {
      it(`refuses restore of ${c.name} (GatewayNothingToRestore)`, async function () {
        const f = await loadFixture(refusedInHongKong);
        const transferId = await c.transferId(f);
        const before = await worldState(f, f.id);
        await expect(f.shanghai.gateway.restore(transferId))
          .to.be.revertedWithCustomError(f.shanghai.gateway, "GatewayNothingToRestore")
          .withArgs(transferId);
        await expectNothingChanged(f, f.id, before);
      });
    }
  });

  describe("messages processed once, from trusted transports only", function () {
    it("refuses a replayed transfer (GatewayTransferReplayed); nothing changes", async function () {
      const f = await loadFixture(inHongKong);
      await f.hongKong.ebl.connect(f.shipper).transferFrom(f.shipper.address, f.buyer.address, f.id);
      const before = await worldState(f, f.id);
      await expect(f.shanghai.transport.replay(0n, { gasLimit: 2_000_000n }))
        .to.be.revertedWithCustomError(f.hongKong.gateway, "GatewayTransferReplayed")
        .withArgs(f.transferId);
      await expectNothingChanged(f, f.id, before);
    });

    it("refuses a replayed transfer that was refused (GatewayTransferReplayed); nothing changes", async function () {
      const f = await loadFixture(refusedInHongKong);
      await deliver(f.hongKong);
      await f.hongKong.register(f.shanghaiOnly.address, Kinds.TRADER); // would be accepted now
      const before = await worldState(f, f.id);
      await expect(f.shanghai.transport.replay(0n, { gasLimit: 2_000_000n }))
        .to.be.revertedWithCustomError(f.hongKong.gateway, "GatewayTransferReplayed")
        .withArgs(f.transferId);
      await expectNothingChanged(f, f.id, before);
    });

    it("refuses a refusal answered twice (GatewayUnknownTransfer); nothing changes", async function () {
      const f = await loadFixture(refusedInHongKong);
      const index = await pendingIndex(f.hongKong);
      await deliver(f.hongKong);
      const before = await worldState(f, f.id);
      await expect(f.hongKong.transport.replay(index, { gasLimit: 2_000_000n }))
        .to.be.revertedWithCustomError(f.shanghai.gateway, "GatewayUnknownTransfer")
        .withArgs(f.transferId, HONG_KONG);
      await expectNothingChanged(f, f.id, before);
    });

    it("refuses a forged refusal of an unknown transfer id (GatewayUnknownTransfer)", async function () {
      const f = await loadFixture(withCraftingTransport);
      const forged = ethers.id("forged transfer");
      const before = await worldState(f, f.id);
      await expect(f.shanghai.gateway.connect(f.crafter).receiveMessage(HONG_KONG, message(REFUSAL, forged)))
        .to.be.revertedWithCustomError(f.shanghai.gateway, "GatewayUnknownTransfer")
        .withArgs(forged, HONG_KONG);
      await expectNothingChanged(f, f.id, before);
    });

    it("refuses a refusal of a real transfer from a chain it was not sent to (GatewayUnknownTransfer)", async function () {
      const f = await loadFixture(withCraftingTransport);
      const transferId = await exportToHongKong(f, f.buyer.address);
      const before = await worldState(f, f.id);
      await expect(f.shanghai.gateway.connect(f.crafter).receiveMessage(9999n, message(REFUSAL, transferId)))
        .to.be.revertedWithCustomError(f.shanghai.gateway, "GatewayUnknownTransfer")
        .withArgs(transferId, 9999n);
      await expectNothingChanged(f, f.id, before);
      expect((await f.shanghai.gateway.outboundTransfer(transferId)).status).to.equal(Outbound.Sent);
    });

    it("refuses a message of an unknown kind (GatewayUnknownMessage)", async function () {
      const f = await loadFixture(withCraftingTransport);
      await expect(f.shanghai.gateway.connect(f.crafter).receiveMessage(HONG_KONG, message(3, ethers.ZeroHash)))
        .to.be.revertedWithCustomError(f.shanghai.gateway, "GatewayUnknownMessage")
        .withArgs(3);
    });

    it("refuses a caller of receiveMessage that is not a trusted transport (GatewayUnauthorizedTransport)", async function () {
      const f = await loadFixture(refusedInHongKong);
      const before = await worldState(f, f.id);
      await expect(f.shanghai.gateway.connect(f.stranger).receiveMessage(HONG_KONG, message(REFUSAL, f.transferId)))
        .to.be.revertedWithCustomError(f.shanghai.gateway, "GatewayUnauthorizedTransport")
        .withArgs(f.stranger.address);
      await expectNothingChanged(f, f.id, before);
    });

    it("refuses a delivery with too little gas (GatewayInsufficientGas); the message stays deliverable", async function () {
      const f = await loadFixture(issuedInShanghai);
      await exportToHongKong(f, f.buyer.address);
      const before = await worldState(f, f.id);
      await expect(f.shanghai.transport.deliver(0n, { gasLimit: 500_000n })).to.be.revertedWithCustomError(
        f.hongKong.gateway,
        "GatewayInsufficientGas",
      );
      await expectNothingChanged(f, f.id, before);
      expect((await f.shanghai.transport.envelope(0n)).delivered).to.equal(false);
      await deliver(f.shanghai);
      expect(await f.hongKong.ebl.ownerOf(f.id)).to.equal(f.buyer.address);
    });

    it("refuses a message handed over by a trusted transport while the gateway is paused (EnforcedPause)", async function () {
      const f = await loadFixture(withCraftingTransport);
      await f.shanghai.gateway.connect(f.admin).pause();
      await expect(
        f.shanghai.gateway.connect(f.crafter).receiveMessage(HONG_KONG, message(REFUSAL, ethers.ZeroHash)),
      ).to.be.revertedWithCustomError(f.shanghai.gateway, "EnforcedPause");
    });

    it("holds deliveries while the destination gateway is paused, and delivers them after", async function () {
      const f = await loadFixture(issuedInShanghai);
      await exportToHongKong(f, f.buyer.address);
      await f.hongKong.gateway.connect(f.admin).pause();
      await expect(deliver(f.shanghai)).to.be.revertedWithCustomError(f.hongKong.gateway, "EnforcedPause");
      await f.hongKong.gateway.connect(f.admin).unpause();
      await deliver(f.shanghai);
      expect(await f.hongKong.ebl.ownerOf(f.id)).to.equal(f.buyer.address);
    });
  });

  describe("exports refused at the source", function () {
    it("refuses an export while the gateway is paused (EnforcedPause); nothing changes", async function () {
      const f = await loadFixture(issuedInShanghai);
      await f.shanghai.gateway.connect(f.admin).pause();
      const before = await worldState(f, f.id);
      await expect(
        f.shanghai.gateway.connect(f.shipper).exportBill(f.id, HONG_KONG, f.buyer.address),
      ).to.be.revertedWithCustomError(f.shanghai.gateway, "EnforcedPause");
      await expectNothingChanged(f, f.id, before);
    });

    const refusals: {
      name: string;
      setup?: (f: Issued) => Promise<unknown>;
      act: (f: Issued) => Promise<unknown>;
      error: string;
      on: "ebl" | "gateway";
    }[] = [
      {
        name: "an eBL on legal hold",
        setup: (f) => f.shanghai.ebl.connect(f.regulator).placeLegalHold(f.id, HOLD),
        act: (f) => f.shanghai.gateway.connect(f.shipper).exportBill(f.id, HONG_KONG, f.buyer.address),
        error: "EblOnLegalHold",
        on: "ebl",
      },
      {
        name: "a paused registry",
        setup: (f) => f.shanghai.ebl.connect(f.admin).pause(),
        act: (f) => f.shanghai.gateway.connect(f.shipper).exportBill(f.id, HONG_KONG, f.buyer.address),
        error: "EnforcedPause",
        on: "ebl",
      },
      {
        name: "an eBL surrendered for delivery",
        setup: (f) => f.shanghai.ebl.connect(f.shipper).surrenderForDelivery(f.id),
        act: (f) => f.shanghai.gateway.connect(f.carrier).exportBill(f.id, HONG_KONG, f.buyer.address),
        error: "EblInvalidStatus",
        on: "ebl",
      },
      {
        name: "an eBL exported already (in flight)",
        setup: (f) => f.shanghai.gateway.connect(f.shipper).exportBill(f.id, HONG_KONG, f.buyer.address),
        act: (f) => f.shanghai.gateway.connect(f.shipper).exportBill(f.id, HONG_KONG, f.buyer.address),
        error: "EblInvalidStatus",
        on: "ebl",
      },
      {
        name: "a caller that is neither holder nor operator",
        act: (f) => f.shanghai.gateway.connect(f.buyer).exportBill(f.id, HONG_KONG, f.buyer.address),
        error: "EblNotHolder",
        on: "ebl",
      },
      {
        name: "a zero receiver",
        act: (f) => f.shanghai.gateway.connect(f.shipper).exportBill(f.id, HONG_KONG, ethers.ZeroAddress),
        error: "RailsZeroAddress",
        on: "gateway",
      },
    ];
    for (const r of refusals) {
      it(`refuses ${r.name}; nothing changes`, async function () {
        const f = await loadFixture(issuedInShanghai);
        if (r.setup) await r.setup(f);
        const before = await worldState(f, f.id);
        await expect(r.act(f)).to.be.revertedWithCustomError(
          r.on === "ebl" ? f.shanghai.ebl : f.shanghai.gateway,
          r.error,
        );
        await expectNothingChanged(f, f.id, before);
      });
    }

    it("refuses a destination the transport does not know; nothing changes", async function () {
      const f = await loadFixture(issuedInShanghai);
      const before = await worldState(f, f.id);
      await expect(
        f.shanghai.gateway.connect(f.shipper).exportBill(f.id, 9999n, f.buyer.address),
      ).to.be.revertedWithCustomError(f.shanghai.transport, "LoopbackUnknownChain");
      await expectNothingChanged(f, f.id, before);
    });

    it("refuses the seller's export of an eBL deposited in an open escrowed deal; nothing changes", async function () {
      const s = await settlement.networkHelpers.loadFixture(escrowedDealWithGateway);
      const before = [await s.ebl.billOf(s.tokenId), await s.ebl.nonces(s.tokenId)];
      await expect(
        s.gateway.connect(s.exporter).exportBill(s.tokenId, HONG_KONG, s.importer.address),
      ).to.be.revertedWithCustomError(s.ebl, "EblNotHolder");
      expect([await s.ebl.billOf(s.tokenId), await s.ebl.nonces(s.tokenId)]).to.deep.equal(before);
      expect(await s.ebl.ownerOf(s.tokenId)).to.equal(await s.escrow.getAddress());
      expect(await s.transport.outboxLength()).to.equal(0n);
    });
  });

  describe("fees", function () {
    /** Shanghai's transport charges 1 000 wei a message, Hong Kong's 500. */
    async function withFees() {
      const f = await issuedInShanghai();
      await f.shanghai.transport.setFee(1_000n);
      await f.hongKong.transport.setFee(500n);
      return f;
    }

    it("quotes the transport's fee for an export", async function () {
      const f = await loadFixture(withFees);
      expect(await f.shanghai.gateway.quoteExport(f.id, HONG_KONG, f.buyer.address)).to.equal(1_000n);
    });

    it("refuses an export paying less than the fee (GatewayInsufficientFee); nothing changes", async function () {
      const f = await loadFixture(withFees);
      const before = await worldState(f, f.id);
      await expect(f.shanghai.gateway.connect(f.shipper).exportBill(f.id, HONG_KONG, f.buyer.address, { value: 999n }))
        .to.be.revertedWithCustomError(f.shanghai.gateway, "GatewayInsufficientFee")
        .withArgs(1_000n, 999n);
      await expectNothingChanged(f, f.id, before);
    });

    it("pays the transport the fee and refunds an overpayment to the caller", async function () {
      const f = await loadFixture(withFees);
      const gateway = await f.shanghai.gateway.getAddress();
      const transport = await f.shanghai.transport.getAddress();
      const shipperBefore = await ethers.provider.getBalance(f.shipper.address);
      const tx = await f.shanghai.gateway
        .connect(f.shipper)
        .exportBill(f.id, HONG_KONG, f.buyer.address, { value: 5_000n });
      const receipt = await tx.wait();
      const gas = receipt!.gasUsed * receipt!.gasPrice;
      expect(await ethers.provider.getBalance(f.shipper.address)).to.equal(shipperBefore - gas - 1_000n);
      expect(await ethers.provider.getBalance(transport)).to.equal(1_000n);
      expect(await ethers.provider.getBalance(gateway)).to.equal(0n);
    });

    it("refuses to deliver a transfer it must refuse while its balance cannot pay the refusal; delivers it once funded", async function () {
      const f = await loadFixture(withFees);
      await f.shanghai.gateway
        .connect(f.shipper)
        .exportBill(f.id, HONG_KONG, f.shanghaiOnly.address, { value: 1_000n });
      const before = await worldState(f, f.id);
      await expect(deliver(f.shanghai))
        .to.be.revertedWithCustomError(f.hongKong.gateway, "GatewayInsufficientFee")
        .withArgs(500n, 0n);
      await expectNothingChanged(f, f.id, before);
      expect((await f.shanghai.transport.envelope(0n)).delivered).to.equal(false);

      await f.admin.sendTransaction({ to: await f.hongKong.gateway.getAddress(), value: 500n });
      await expect(deliver(f.shanghai)).to.emit(f.hongKong.gateway, "TransferRefused");
      expect(await ethers.provider.getBalance(await f.hongKong.gateway.getAddress())).to.equal(0n);
      expect(await ethers.provider.getBalance(await f.hongKong.transport.getAddress())).to.equal(500n);
      await expect(deliver(f.hongKong)).to.emit(f.shanghai.gateway, "BillRestored");
    });

    it("lets the cross-chain admin withdraw the gateway's balance (FeesWithdrawn)", async function () {
      const f = await loadFixture(withFees);
      const gateway = await f.hongKong.gateway.getAddress();
      await f.admin.sendTransaction({ to: gateway, value: 2_000n });
      await expect(f.hongKong.gateway.connect(f.admin).withdrawFees(f.bankHk.address, 1_500n))
        .to.emit(f.hongKong.gateway, "FeesWithdrawn")
        .withArgs(f.bankHk.address, 1_500n);
      expect(await ethers.provider.getBalance(gateway)).to.equal(500n);
    });

    it("refuses a withdrawal to a contract that refuses payment (GatewayPaymentFailed)", async function () {
      const f = await loadFixture(withFees);
      const gateway = await f.hongKong.gateway.getAddress();
      const registry = await f.hongKong.ebl.getAddress(); // no receive function
      await f.admin.sendTransaction({ to: gateway, value: 2_000n });
      await expect(f.hongKong.gateway.connect(f.admin).withdrawFees(registry, 1n))
        .to.be.revertedWithCustomError(f.hongKong.gateway, "GatewayPaymentFailed")
        .withArgs(registry, 1n);
      expect(await ethers.provider.getBalance(gateway)).to.equal(2_000n);
    });

    const withdrawals: { name: string; to: (f: TwoChains) => Promise<string>; amount: bigint; error: string }[] = [
      { name: "to the zero address", to: async () => ethers.ZeroAddress, amount: 1n, error: "RailsZeroAddress" },
      { name: "of nothing", to: async (f) => f.bankHk.address, amount: 0n, error: "RailsZeroAmount" },
      {
        name: "of more than the balance",
        to: async (f) => f.bankHk.address,
        amount: 2_001n,
        error: "GatewayPaymentFailed",
      },
    ];
    for (const w of withdrawals) {
      it(`refuses a withdrawal ${w.name} (${w.error})`, async function () {
        const f = await loadFixture(withFees);
        const gateway = await f.hongKong.gateway.getAddress();
        await f.admin.sendTransaction({ to: gateway, value: 2_000n });
        await expect(
          f.hongKong.gateway.connect(f.admin).withdrawFees(await w.to(f), w.amount),
        ).to.be.revertedWithCustomError(f.hongKong.gateway, w.error);
        expect(await ethers.provider.getBalance(gateway)).to.equal(2_000n);
      });
    }
  });

  describe("transports", function () {
    it("sets a new transport that sends; the former one still delivers until revoked", async function () {
      const f = await loadFixture(issuedInShanghai);
      const old = await f.hongKong.transport.getAddress();
      const next = await ethers.deployContract("LoopbackTransport", [HONG_KONG]);
      await expect(f.hongKong.gateway.connect(f.admin).setTransport(await next.getAddress()))
        .to.emit(f.hongKong.gateway, "TransportSet")
        .withArgs(await next.getAddress());
      expect(await f.hongKong.gateway.transport()).to.equal(await next.getAddress());
      expect(await f.hongKong.gateway.isTrustedTransport(old)).to.equal(true);
      await exportToHongKong(f, f.buyer.address);
      await deliver(f.shanghai); // through the former Hong Kong loopback
      expect(await f.hongKong.ebl.ownerOf(f.id)).to.equal(f.buyer.address);
    });

    it("refuses deliveries by a revoked transport; the message waits", async function () {
      const f = await loadFixture(issuedInShanghai);
      const old = await f.hongKong.transport.getAddress();
      const next = await ethers.deployContract("LoopbackTransport", [HONG_KONG]);
      await f.hongKong.gateway.connect(f.admin).setTransport(await next.getAddress());
      await expect(f.hongKong.gateway.connect(f.admin).revokeTransport(old))
        .to.emit(f.hongKong.gateway, "TransportRevoked")
        .withArgs(old);
      expect(await f.hongKong.gateway.isTrustedTransport(old)).to.equal(false);
      await exportToHongKong(f, f.buyer.address);
      const before = await worldState(f, f.id);
      await expect(deliver(f.shanghai))
        .to.be.revertedWithCustomError(f.hongKong.gateway, "GatewayUnauthorizedTransport")
        .withArgs(old);
      await expectNothingChanged(f, f.id, before);
    });

    it("refuses to revoke the transport that sends (GatewayTransportInUse)", async function () {
      const f = await loadFixture(issuedInShanghai);
      const current = await f.hongKong.transport.getAddress();
      await expect(f.hongKong.gateway.connect(f.admin).revokeTransport(current))
        .to.be.revertedWithCustomError(f.hongKong.gateway, "GatewayTransportInUse")
        .withArgs(current);
      expect(await f.hongKong.gateway.isTrustedTransport(current)).to.equal(true);
    });

    it("refuses a zero transport (RailsZeroAddress)", async function () {
      const f = await loadFixture(issuedInShanghai);
      await expect(f.hongKong.gateway.connect(f.admin).setTransport(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        f.hongKong.gateway,
        "RailsZeroAddress",
      );
    });

    /** A second Shanghai gateway with the gateway role and no transport set. */
    async function gatewayWithoutTransport() {
      const f = await issuedInShanghai();
      const bare = await ethers.deployContract("EblGateway", [
        await f.shanghai.ebl.getAddress(),
        await f.shanghai.manager.getAddress(),
      ]);
      await wire(f.shanghai.manager, f.admin, "crossChain", await bare.getAddress());
      await grant(f.shanghai.manager, f.admin, { contract: "ebl", name: "GATEWAY" }, await bare.getAddress());
      return { ...f, bare };
    }

    it("refuses an export through a gateway without transport (GatewayNoTransport); nothing changes", async function () {
      const f = await loadFixture(gatewayWithoutTransport);
      const before = await worldState(f, f.id);
      await expect(
        f.bare.connect(f.shipper).exportBill(f.id, HONG_KONG, f.buyer.address),
      ).to.be.revertedWithCustomError(f.bare, "GatewayNoTransport");
      await expectNothingChanged(f, f.id, before);
    });

    it("cannot quote without a transport (GatewayNoTransport)", async function () {
      const f = await loadFixture(gatewayWithoutTransport);
      await expect(f.bare.quoteExport(f.id, HONG_KONG, f.buyer.address)).to.be.revertedWithCustomError(
        f.bare,
        "GatewayNoTransport",
      );
    });

    it("refuses a zero registry at deployment (RailsZeroAddress)", async function () {
      const f = await loadFixture(issuedInShanghai);
      const factory = await ethers.getContractFactory("EblGateway");
      await expect(
        factory.deploy(ethers.ZeroAddress, await f.shanghai.manager.getAddress()),
      ).to.be.revertedWithCustomError(f.shanghai.gateway, "RailsZeroAddress");
    });
  });

  describe("administration", function () {
    // One `it` per gated function, each calling it inside `expect` (scripts/audit/modifier-coverage.ts reads them).
    it("refuses setTransport without the cross-chain admin role (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(issuedInShanghai);
      await expect(
        f.hongKong.gateway.connect(f.stranger).setTransport(f.stranger.address),
      ).to.be.revertedWithCustomError(f.hongKong.gateway, "AccessManagedUnauthorized");
      expect(await f.hongKong.gateway.isTrustedTransport(f.stranger.address)).to.equal(false);
    });

    it("refuses revokeTransport without the cross-chain admin role (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(issuedInShanghai);
      const next = await ethers.deployContract("LoopbackTransport", [HONG_KONG]);
      const old = await f.hongKong.transport.getAddress();
      await f.hongKong.gateway.connect(f.admin).setTransport(await next.getAddress());
      await expect(f.hongKong.gateway.connect(f.stranger).revokeTransport(old)).to.be.revertedWithCustomError(
        f.hongKong.gateway,
        "AccessManagedUnauthorized",
      );
      expect(await f.hongKong.gateway.isTrustedTransport(old)).to.equal(true);
    });

    it("refuses withdrawFees without the cross-chain admin role (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(issuedInShanghai);
      const gateway = await f.hongKong.gateway.getAddress();
      await f.admin.sendTransaction({ to: gateway, value: 1_000n });
      await expect(
        f.hongKong.gateway.connect(f.stranger).withdrawFees(f.stranger.address, 1n),
      ).to.be.revertedWithCustomError(f.hongKong.gateway, "AccessManagedUnauthorized");
      expect(await ethers.provider.getBalance(gateway)).to.equal(1_000n);
    });

    it("refuses pause without the cross-chain pauser role (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(issuedInShanghai);
      await expect(f.hongKong.gateway.connect(f.stranger).pause()).to.be.revertedWithCustomError(
        f.hongKong.gateway,
        "AccessManagedUnauthorized",
      );
      expect(await f.hongKong.gateway.paused()).to.equal(false);
    });

    it("refuses unpause without the cross-chain pauser role (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(issuedInShanghai);
      await f.hongKong.gateway.connect(f.admin).pause();
      await expect(f.hongKong.gateway.connect(f.stranger).unpause()).to.be.revertedWithCustomError(
        f.hongKong.gateway,
        "AccessManagedUnauthorized",
      );
      expect(await f.hongKong.gateway.paused()).to.equal(true);
    });

    it("refuses pause when paused already (EnforcedPause)", async function () {
      const f = await loadFixture(issuedInShanghai);
      await f.hongKong.gateway.connect(f.admin).pause();
      await expect(f.hongKong.gateway.connect(f.admin).pause()).to.be.revertedWithCustomError(
        f.hongKong.gateway,
        "EnforcedPause",
      );
    });

    it("refuses unpause when not paused (ExpectedPause)", async function () {
      const f = await loadFixture(issuedInShanghai);
      await expect(f.hongKong.gateway.connect(f.admin).unpause()).to.be.revertedWithCustomError(
        f.hongKong.gateway,
        "ExpectedPause",
      );
    });

    it("pauses and unpauses with the cross-chain pauser role", async function () {
      const f = await loadFixture(issuedInShanghai);
      await expect(f.hongKong.gateway.connect(f.admin).pause()).to.emit(f.hongKong.gateway, "Paused");
      expect(await f.hongKong.gateway.paused()).to.equal(true);
      await expect(f.hongKong.gateway.connect(f.admin).unpause()).to.emit(f.hongKong.gateway, "Unpaused");
    });
  });
});

/**
 * The settlement tests' system (test/settlement/fixture.ts) with a gateway on its eBL registry and a loopback standing
 * for Shanghai connected to one for Hong Kong, and an escrowed deal holding the exporter's eBL.
 */
async function escrowedDealWithGateway() {
  const { ethers: e } = settlement;
  const f = await settlement.deploySystem();
  const authority = await f.manager.getAddress();
  const gateway = await e.deployContract("EblGateway", [await f.ebl.getAddress(), authority]);
  const transport = await e.deployContract("LoopbackTransport", [SHANGHAI]);
  const peer = await e.deployContract("LoopbackTransport", [HONG_KONG]);
  await wire(f.manager, f.admin, "crossChain", await gateway.getAddress());
  await grant(f.manager, f.admin, { contract: "ebl", name: "GATEWAY" }, await gateway.getAddress());
  await grant(f.manager, f.admin, { contract: "crossChain", name: "ADMIN" }, f.admin.address);
  await transport.setGateway(await gateway.getAddress());
  await transport.getFunction("connect")(await peer.getAddress());
  await gateway.connect(f.admin).setTransport(await transport.getAddress());

  const t = await f.terms();
  await f.escrow.connect(f.exporter).createDeal(t, "0x");
  await f.approveBoth(settlement.HKD(25_000), await f.escrow.getAddress());
  await f.escrow.connect(f.exporter).depositEbl(t, "0x", settlement.NO_EBL_AUTH);
  return { ...f, gateway, transport };
}
