/**
 * The Hyperlane adapter (HyperlaneTransport) on the in-process network, against Hyperlane's real Mailbox,
 * MerkleTreeHook, zero ProtocolFee and static message-id multisig ISM (2 of 3 validators). Two adapters on the same
 * Mailbox, each enrolled as the other's remote for this chain, stand for the two chains: a message from one is
 * delivered to the other by `Mailbox.process` with validator-signed metadata, as the relayer builds it
 * (scripts/lib/hyperlane/). The two-chain run with the relayer is test/crosschain/hyperlane.ts.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import type { BaseContract, ContractTransactionResponse } from "ethers";
import { network } from "hardhat";
import { generatePrivateKey } from "viem/accounts";
import type { Address, Hex } from "viem";

import { IncrementalMerkleTree } from "../../scripts/lib/hyperlane/merkle.js";
import { addressToBytes32, messageId } from "../../scripts/lib/hyperlane/message.js";
import {
  Validator,
  messageIdMultisigMetadata,
  rawMessageIdMultisigMetadata,
  type Checkpoint,
} from "../../scripts/lib/hyperlane/validator.js";

const { ethers, networkHelpers } = await network.create();
const { loadFixture } = networkHelpers;

const CHAIN_ID = 31337n;
const BODY = "0xb1e55ed0";

// Plain ethers contracts: the Hyperlane artifacts live outside contracts/ and get no generated types.
type Any = BaseContract & Record<string, (...args: never[]) => Promise<never>>;

async function fixture() {
  const [admin, stranger] = await ethers.getSigners();
  const validators = [0, 1, 2].map(() => new Validator(generatePrivateKey()));
  const manager = await ethers.deployContract("RailsAccessManager", [admin!.address]);
  const mailbox = (await ethers.deployContract("hyperlane/Mailbox.sol:Mailbox", [CHAIN_ID])) as unknown as Any;
  const hook = (await ethers.deployContract("MerkleTreeHook", [await mailbox.getAddress()])) as unknown as Any;
  const fee = await ethers.deployContract("ProtocolFee", [0n, 0n, admin!.address, admin!.address]);
  const factory = (await ethers.deployContract("StaticMessageIdMultisigIsmFactory")) as unknown as Any;
  const deployIsm = async (set: Validator[], threshold: number) => {
    const addresses = set.map((v) => v.address);
    const ism = (await factory.getFunction("getAddress(address[],uint8)")(addresses, threshold)) as string;
    await (await factory.getFunction("deploy(address[],uint8)")(addresses, threshold)).wait();
    return ism;
  };
  const ism = await deployIsm(validators, 2);
  await (
    await mailbox.getFunction("initialize")(admin!.address, ism, await fee.getAddress(), await hook.getAddress())
  ).wait();

  const probeA = await ethers.deployContract("TransportProbeGateway");
  const probeB = await ethers.deployContract("TransportProbeGateway");
  const deployTransport = async (probe: BaseContract) =>
    ethers.deployContract("HyperlaneTransport", [
      await mailbox.getAddress(),
      await probe.getAddress(),
      ism,
      await manager.getAddress(),
    ]);
  const a = await deployTransport(probeA);
  const b = await deployTransport(probeB);
  await (await probeA.setTransport(await a.getAddress())).wait();
  await (await probeB.setTransport(await b.getAddress())).wait();
  await (await a.enrollRemote(CHAIN_ID, addressToBytes32((await b.getAddress()) as Address))).wait();
  await (await b.enrollRemote(CHAIN_ID, addressToBytes32((await a.getAddress()) as Address))).wait();
  return {
    admin: admin!,
    stranger: stranger!,
    validators,
    manager,
    mailbox,
    hook,
    fee,
    factory,
    deployIsm,
    ism,
    probeA,
    probeB,
    a,
    b,
  };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

/** The Dispatch of `tx` (message and id) and the checkpoint of its insertion into the tree. */
async function dispatched(f: Fixture, tx: ContractTransactionResponse) {
  const receipt = (await tx.wait())!;
  const mailboxAddress = await f.mailbox.getAddress();
  const hookAddress = await f.hook.getAddress();
  let message: Hex | undefined;
  let index: number | undefined;
  for (const log of receipt.logs) {
    if (log.address === mailboxAddress) {
      const parsed = f.mailbox.interface.parseLog(log);
      if (parsed?.name === "Dispatch") message = parsed.args.message as Hex;
    }
    if (log.address === hookAddress) {
      const parsed = f.hook.interface.parseLog(log);
      if (parsed?.name === "InsertedIntoTree") index = Number(parsed.args.index);
    }
  }
  if (message === undefined || index === undefined) throw new Error("no Dispatch / InsertedIntoTree in the receipt");
  const checkpoint: Checkpoint = {
    origin: Number(CHAIN_ID),
    merkleTreeHook: hookAddress as Address,
    root: (await f.hook.getFunction("root")()) as Hex,
    index,
    messageId: messageId(message),
  };
  return { message, checkpoint };
}

/** Metadata signed by `signers`, for an ISM listing `listed` with `threshold`. */
async function metadataFor(checkpoint: Checkpoint, signers: Validator[], listed: Validator[], threshold = 2) {
  const signatures = await Promise.all(
    signers.map(async (v) => ({ validator: v.address, signature: await v.signCheckpoint(checkpoint) })),
  );
  return messageIdMultisigMetadata(
    checkpoint,
    signatures,
    listed.map((v) => v.address),
    threshold,
  );
}

/** Sends BODY from probe A through adapter A; returns the message and its checkpoint. */
async function sendAtoB(f: Fixture) {
  return dispatched(f, await f.probeA.send(CHAIN_ID, BODY));
}

describe("HyperlaneTransport", function () {
  describe("deployment", function () {
    it("records its Mailbox, gateway and ISM, and announces the ISM", async function () {
      const f = await loadFixture(fixture);
      expect(await f.a.mailbox()).to.equal(await f.mailbox.getAddress());
      expect(await f.a.gateway()).to.equal(await f.probeA.getAddress());
      expect(await f.a.interchainSecurityModule()).to.equal(f.ism);
      expect(await f.a.authority()).to.equal(await f.manager.getAddress());
      await expect(f.a.deploymentTransaction()).to.emit(f.a, "InterchainSecurityModuleSet").withArgs(f.ism);
    });

    it("refuses a zero Mailbox (RailsZeroAddress)", async function () {
      const f = await loadFixture(fixture);
      const factory = await ethers.getContractFactory("HyperlaneTransport");
      await expect(
        factory.deploy(ethers.ZeroAddress, await f.probeA.getAddress(), f.ism, await f.manager.getAddress()),
      ).to.be.revertedWithCustomError(f.a, "RailsZeroAddress");
    });

    it("refuses a zero gateway (RailsZeroAddress)", async function () {
      const f = await loadFixture(fixture);
      const factory = await ethers.getContractFactory("HyperlaneTransport");
      await expect(
        factory.deploy(await f.mailbox.getAddress(), ethers.ZeroAddress, f.ism, await f.manager.getAddress()),
      ).to.be.revertedWithCustomError(f.a, "RailsZeroAddress");
    });

    it("refuses a Mailbox whose domain is not this chain's id (HyperlaneTransportDomainMismatch)", async function () {
      const f = await loadFixture(fixture);
      const otherDomain = await ethers.deployContract("hyperlane/Mailbox.sol:Mailbox", [7777]);
      const factory = await ethers.getContractFactory("HyperlaneTransport");
      await expect(
        factory.deploy(
          await otherDomain.getAddress(),
          await f.probeA.getAddress(),
          f.ism,
          await f.manager.getAddress(),
        ),
      )
        .to.be.revertedWithCustomError(f.a, "HyperlaneTransportDomainMismatch")
        .withArgs(7777, CHAIN_ID);
    });

    it("refuses an ISM without code (HyperlaneTransportInvalidIsm)", async function () {
      const f = await loadFixture(fixture);
      const factory = await ethers.getContractFactory("HyperlaneTransport");
      await expect(
        factory.deploy(
          await f.mailbox.getAddress(),
          await f.probeA.getAddress(),
          f.stranger.address,
          await f.manager.getAddress(),
        ),
      )
        .to.be.revertedWithCustomError(f.a, "HyperlaneTransportInvalidIsm")
        .withArgs(f.stranger.address);
    });
  });

  describe("enrolment", function () {
    it("enrols the adapter of another chain, and un-enrols it with zero", async function () {
      const f = await loadFixture(fixture);
      const remote = addressToBytes32(f.stranger.address as Address);
      await expect(f.a.enrollRemote(8888n, remote)).to.emit(f.a, "RemoteEnrolled").withArgs(8888n, remote);
      expect(await f.a.remoteAdapter(8888n)).to.equal(remote);
      await expect(f.a.enrollRemote(8888n, ethers.ZeroHash))
        .to.emit(f.a, "RemoteEnrolled")
        .withArgs(8888n, ethers.ZeroHash);
      expect(await f.a.remoteAdapter(8888n)).to.equal(ethers.ZeroHash);
    });

    it("refuses an account the access manager does not allow (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(fixture);
      await expect(f.a.connect(f.stranger).enrollRemote(8888n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.a, "AccessManagedUnauthorized")
        .withArgs(f.stranger.address);
    });

    it("refuses a chain id above 2^32 - 1 (HyperlaneTransportInvalidDomain)", async function () {
      const f = await loadFixture(fixture);
      await expect(f.a.enrollRemote(2n ** 32n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.a, "HyperlaneTransportInvalidDomain")
        .withArgs(2n ** 32n);
    });

    it("refuses chain id 0 (HyperlaneTransportInvalidDomain)", async function () {
      const f = await loadFixture(fixture);
      await expect(f.a.enrollRemote(0n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.a, "HyperlaneTransportInvalidDomain")
        .withArgs(0n);
    });
  });

  describe("sending", function () {
    it("dispatches the gateway's message to the enrolled adapter and returns the Mailbox's message id", async function () {
      const f = await loadFixture(fixture);
      const id = await f.probeA.send.staticCall(CHAIN_ID, BODY);
      const { message, checkpoint } = await sendAtoB(f);
      expect(checkpoint.messageId).to.equal(id);
      // version 3, nonce 0, origin, sender adapter A, destination, recipient adapter B, body
      const expected = ethers.solidityPacked(
        ["uint8", "uint32", "uint32", "bytes32", "uint32", "bytes32", "bytes"],
        [
          3,
          0,
          CHAIN_ID,
          addressToBytes32((await f.a.getAddress()) as Address),
          CHAIN_ID,
          addressToBytes32((await f.b.getAddress()) as Address),
          BODY,
        ],
      );
      expect(message).to.equal(expected);
    });

    it("quotes the Mailbox's fee: zero with the zero ProtocolFee as default hook", async function () {
      const f = await loadFixture(fixture);
      const recipient = addressToBytes32((await f.b.getAddress()) as Address);
      const mailboxQuote = await f.mailbox.getFunction("quoteDispatch(uint32,bytes32,bytes)")(
        CHAIN_ID,
        recipient,
        BODY,
      );
      expect(await f.a.quoteSend(CHAIN_ID, BODY)).to.equal(mailboxQuote);
      expect(mailboxQuote).to.equal(0n);
    });

    it("refuses a caller other than its gateway (TransportNotGateway)", async function () {
      const f = await loadFixture(fixture);
      await expect(f.a.connect(f.stranger).sendMessage(CHAIN_ID, BODY))
        .to.be.revertedWithCustomError(f.a, "TransportNotGateway")
        .withArgs(f.stranger.address);
    });

    it("refuses a chain with no enrolled adapter (TransportUnknownChain)", async function () {
      const f = await loadFixture(fixture);
      await expect(f.probeA.send(8888n, BODY))
        .to.be.revertedWithCustomError(f.a, "TransportUnknownChain")
        .withArgs(8888n);
    });

    it("refuses to quote for a chain with no enrolled adapter (TransportUnknownChain)", async function () {
      const f = await loadFixture(fixture);
      await expect(f.a.quoteSend(8888n, BODY)).to.be.revertedWithCustomError(f.a, "TransportUnknownChain");
    });

    it("refuses a payment above the quote: the hook's refund to the adapter fails, nothing is dispatched", async function () {
      const f = await loadFixture(fixture);
      await expect(f.probeA.send(CHAIN_ID, BODY, { value: 1n })).to.be.revertedWith(
        "Address: unable to send value, recipient may have reverted",
      );
      expect(await f.mailbox.getFunction("nonce")()).to.equal(0n);
    });
  });

  describe("receiving", function () {
    it("hands a message verified by 2 of the 3 validators to its gateway", async function () {
      const f = await loadFixture(fixture);
      const { message, checkpoint } = await sendAtoB(f);
      const metadata = await metadataFor(checkpoint, [f.validators[0]!, f.validators[2]!], f.validators);
      await expect(f.mailbox.getFunction("process")(metadata, message))
        .to.emit(f.probeB, "ProbeReceived")
        .withArgs(CHAIN_ID, BODY);
      expect(await f.mailbox.getFunction("delivered")(checkpoint.messageId)).to.equal(true);
    });

    it("refuses a second delivery of the same message (the Mailbox's `delivered`)", async function () {
      const f = await loadFixture(fixture);
      const { message, checkpoint } = await sendAtoB(f);
      const metadata = await metadataFor(checkpoint, f.validators, f.validators);
      await (await f.mailbox.getFunction("process")(metadata, message)).wait();
      await expect(f.mailbox.getFunction("process")(metadata, message)).to.be.revertedWith(
        "Mailbox: already delivered",
      );
      expect(await f.probeB.deliveryCount()).to.equal(1n);
    });

    it("refuses metadata with one validator's signature where two are needed", async function () {
      const f = await loadFixture(fixture);
      const { message, checkpoint } = await sendAtoB(f);
      const one = rawMessageIdMultisigMetadata(checkpoint, [await f.validators[0]!.signCheckpoint(checkpoint)]);
      // The ISM reads a second signature past the end of the metadata: a bare revert.
      await expect(f.mailbox.getFunction("process")(one, message)).to.be.revertedWithoutReason(ethers);
      expect(await f.mailbox.getFunction("delivered")(checkpoint.messageId)).to.equal(false);
    });

    it("refuses a signature by a key that is not a validator (!threshold)", async function () {
      const f = await loadFixture(fixture);
      const { message, checkpoint } = await sendAtoB(f);
      const outsider = new Validator(generatePrivateKey());
      const forged = rawMessageIdMultisigMetadata(checkpoint, [
        await f.validators[0]!.signCheckpoint(checkpoint),
        await outsider.signCheckpoint(checkpoint),
      ]);
      await expect(f.mailbox.getFunction("process")(forged, message)).to.be.revertedWith("!threshold");
      expect(await f.probeB.deliveryCount()).to.equal(0n);
    });

    it("refuses a call that does not come from the Mailbox (HyperlaneTransportNotMailbox)", async function () {
      const f = await loadFixture(fixture);
      const sender = addressToBytes32((await f.a.getAddress()) as Address);
      await expect(f.b.connect(f.stranger).handle(CHAIN_ID, sender, BODY))
        .to.be.revertedWithCustomError(f.b, "HyperlaneTransportNotMailbox")
        .withArgs(f.stranger.address);
    });

    it("refuses a verified message from a sender that is not the enrolled adapter (HyperlaneTransportUnknownSender)", async function () {
      const f = await loadFixture(fixture);
      // Anyone can dispatch on a Mailbox, and the validators sign every dispatched message.
      const recipient = addressToBytes32((await f.b.getAddress()) as Address);
      const tx = await f.mailbox.connect(f.stranger).getFunction("dispatch(uint32,bytes32,bytes)")(
        CHAIN_ID,
        recipient,
        BODY,
      );
      const { message, checkpoint } = await dispatched(f, tx);
      const metadata = await metadataFor(checkpoint, f.validators, f.validators);
      await expect(f.mailbox.getFunction("process")(metadata, message))
        .to.be.revertedWithCustomError(f.b, "HyperlaneTransportUnknownSender")
        .withArgs(CHAIN_ID, addressToBytes32(f.stranger.address as Address));
      expect(await f.mailbox.getFunction("delivered")(checkpoint.messageId)).to.equal(false);
    });

    it("refuses a delivery that carries value (HyperlaneTransportValueNotAccepted)", async function () {
      const f = await loadFixture(fixture);
      const { message, checkpoint } = await sendAtoB(f);
      const metadata = await metadataFor(checkpoint, f.validators, f.validators);
      await expect(f.mailbox.getFunction("process")(metadata, message, { value: 1n }))
        .to.be.revertedWithCustomError(f.b, "HyperlaneTransportValueNotAccepted")
        .withArgs(1n);
    });

    it("leaves a message the gateway refuses undelivered, and delivers it once the gateway accepts", async function () {
      const f = await loadFixture(fixture);
      const { message, checkpoint } = await sendAtoB(f);
      const metadata = await metadataFor(checkpoint, f.validators, f.validators);
      await (await f.probeB.setRefusing(true)).wait();
      await expect(f.mailbox.getFunction("process")(metadata, message)).to.be.revertedWithCustomError(
        f.probeB,
        "ProbeRefused",
      );
      expect(await f.mailbox.getFunction("delivered")(checkpoint.messageId)).to.equal(false);
      await (await f.probeB.setRefusing(false)).wait();
      await expect(f.mailbox.getFunction("process")(metadata, message)).to.emit(f.probeB, "ProbeReceived");
    });
  });

  describe("rotating the validators", function () {
    it("verifies with the new ISM only: the old validators' signatures are refused, the new ones' accepted", async function () {
      const f = await loadFixture(fixture);
      const next = [0, 1, 2].map(() => new Validator(generatePrivateKey()));
      const ism = await f.deployIsm(next, 2);
      await expect(f.b.setInterchainSecurityModule(ism)).to.emit(f.b, "InterchainSecurityModuleSet").withArgs(ism);
      expect(await f.b.interchainSecurityModule()).to.equal(ism);
      const { message, checkpoint } = await sendAtoB(f);
      const old = await metadataFor(checkpoint, f.validators, f.validators);
      await expect(f.mailbox.getFunction("process")(old, message)).to.be.revertedWith("!threshold");
      const fresh = await metadataFor(checkpoint, next, next);
      await expect(f.mailbox.getFunction("process")(fresh, message)).to.emit(f.probeB, "ProbeReceived");
    });

    it("refuses an account the access manager does not allow (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(fixture);
      await expect(f.b.connect(f.stranger).setInterchainSecurityModule(f.ism))
        .to.be.revertedWithCustomError(f.b, "AccessManagedUnauthorized")
        .withArgs(f.stranger.address);
    });

    it("refuses an ISM without code (HyperlaneTransportInvalidIsm)", async function () {
      const f = await loadFixture(fixture);
      await expect(f.b.setInterchainSecurityModule(f.stranger.address))
        .to.be.revertedWithCustomError(f.b, "HyperlaneTransportInvalidIsm")
        .withArgs(f.stranger.address);
    });
  });

  describe("the relayer's Merkle tree", function () {
    it("has the root of the MerkleTreeHook after each of five insertions", async function () {
      const f = await loadFixture(fixture);
      const tree = new IncrementalMerkleTree();
      expect(tree.root()).to.equal(await f.hook.getFunction("root")());
      for (let i = 0; i < 5; i++) {
        const { checkpoint } = await sendAtoB(f);
        tree.insert(checkpoint.messageId);
        expect(tree.root()).to.equal(checkpoint.root);
        expect(tree.count).to.equal(i + 1);
      }
    });
  });
});

export type { HardhatEthersSigner };
