import { expect } from "chai";
import { network } from "hardhat";

import { BillKind, HOLD_REASON, Kinds, Status, deployEbl } from "./helpers.js";

const { ethers, networkHelpers } = await network.create();
const { loadFixture } = networkHelpers;

async function fixture() {
  return deployEbl({ ethers, networkHelpers } as Parameters<typeof deployEbl>[0]);
}

/** Signs an ERC-4494 permit for `tokenId` with `signer`. */
async function signPermit(
  ebl: Awaited<ReturnType<typeof fixture>>["ebl"],
  signer: Awaited<ReturnType<typeof ethers.getSigners>>[number],
  spender: string,
  tokenId: bigint,
  deadline: bigint,
  nonce?: bigint,
) {
  const { chainId } = await ethers.provider.getNetwork();
  const domain = {
    name: "Cargo Rails eBL Registry",
    version: "1",
    chainId,
    verifyingContract: await ebl.getAddress(),
  };
  const types = {
    Permit: [
      { name: "spender", type: "address" },
      { name: "tokenId", type: "uint256" },
      { name: "nonce", type: "uint256" },
      { name: "deadline", type: "uint256" },
    ],
  };
  return signer.signTypedData(domain, types, {
    spender,
    tokenId,
    nonce: nonce ?? (await ebl.nonces(tokenId)),
    deadline,
  });
}

describe("BillOfLadingRegistry", function () {
  describe("deployment", function () {
    it("refuses a zero participant registry", async function () {
      const { ebl, admin } = await loadFixture(fixture);
      const factory = await ethers.getContractFactory("BillOfLadingRegistry");
      await expect(factory.deploy(ethers.ZeroAddress, 0, admin.address)).to.be.revertedWithCustomError(
        ebl,
        "EblZeroRegistry",
      );
    });

    it("wires the participant registry, the name, the admin and the interfaces", async function () {
      const { ebl, participants, admin } = await loadFixture(fixture);
      expect(await ebl.participants()).to.equal(await participants.getAddress());
      expect(await ebl.name()).to.equal("Cargo Rails Electronic Bill of Lading");
      expect(await ebl.symbol()).to.equal("eBL");
      expect(await ebl.defaultAdmin()).to.equal(admin.address);
      expect(await ebl.supportsInterface("0x80ac58cd")).to.equal(true, "ERC-721");
      expect(await ebl.supportsInterface("0x5604e225")).to.equal(true, "ERC-4494");
      expect(await ebl.supportsInterface("0x7965db0b")).to.equal(true, "AccessControl");
      expect(await ebl.supportsInterface("0xffffffff")).to.equal(false);
    });

    it("advertises the IBillOfLadingRegistry interface id (XOR of its own selectors)", async function () {
      const { ebl } = await loadFixture(fixture);
      const own = [
        "issue",
        "acceptSurrender",
        "rejectSurrender",
        "issueAmendment",
        "confirmSwitchToPaper",
        "endorse",
        "blankEndorse",
        "endorseAndDeliver",
        "surrenderForDelivery",
        "surrenderForAmendment",
        "requestSwitchToPaper",
        "cancelSwitchToPaper",
        "placeLegalHold",
        "liftLegalHold",
        "tokenIdOf",
        "billOf",
        "holderOf",
        "titleHolderOf",
        "statusOf",
        "kindOf",
        "issuerOf",
        "documentOf",
        "isBlankEndorsed",
        "isOnLegalHold",
        "surrendererOf",
        "canSurrender",
        "canEndorse",
      ] as const;
      let id = 0;
      for (const name of own) id ^= Number.parseInt(ebl.interface.getFunction(name)!.selector.slice(2), 16);
      expect(await ebl.supportsInterface("0x" + (id >>> 0).toString(16).padStart(8, "0"))).to.equal(true);
    });
  });

  describe("tokenIdOf", function () {
    it("is the issuer in the top 160 bits and the low 96 bits of keccak256(reference), so the SDK can compute it", async function () {
      const { ebl, carrier } = await loadFixture(fixture);
      const id = await ebl.tokenIdOf(carrier.address, "HHL71800000");
      expect(id >> 96n).to.equal(BigInt(carrier.address), "top 160 bits: the issuer");
      const referenceHash = BigInt(ethers.keccak256(ethers.toUtf8Bytes("HHL71800000")));
      expect(id & ((1n << 96n) - 1n)).to.equal(referenceHash & ((1n << 96n) - 1n), "low 96 bits: the reference");
      expect(id).to.equal((BigInt(carrier.address) << 96n) | (referenceHash & ((1n << 96n) - 1n)));
    });

    it("differs by issuer and by reference", async function () {
      const { ebl, carrier, carrier2 } = await loadFixture(fixture);
      const a = await ebl.tokenIdOf(carrier.address, "REF1");
      expect(await ebl.tokenIdOf(carrier2.address, "REF1")).to.not.equal(a);
      expect(await ebl.tokenIdOf(carrier.address, "REF2")).to.not.equal(a);
    });
  });

  describe("issue", function () {
    it("issues a to-order B/L to the shipper with title to the named party, version 1", async function () {
      const { ebl, carrier, shipper, bankA, doc } = await loadFixture(fixture);
      const id = await ebl.tokenIdOf(carrier.address, doc.reference);
      await expect(
        ebl.connect(carrier).issue(shipper.address, doc.reference, BillKind.ToOrder, bankA.address, doc.hash),
      )
        .to.emit(ebl, "BillIssued")
        .withArgs(id, carrier.address, shipper.address, bankA.address, BillKind.ToOrder, doc.hash, doc.reference)
        .and.to.emit(ebl, "Transfer")
        .withArgs(ethers.ZeroAddress, shipper.address, id);
      expect(await ebl.ownerOf(id)).to.equal(shipper.address);
      expect(await ebl.holderOf(id)).to.equal(shipper.address);
      expect(await ebl.titleHolderOf(id)).to.equal(bankA.address);
      expect(await ebl.statusOf(id)).to.equal(Status.Issued);
      expect(await ebl.kindOf(id)).to.equal(BillKind.ToOrder);
      expect(await ebl.issuerOf(id)).to.equal(carrier.address);
      expect(await ebl.documentOf(id)).to.deep.equal([doc.hash, 1n]);
      expect(await ebl.isBlankEndorsed(id)).to.equal(false);
      expect(await ebl.isOnLegalHold(id)).to.equal(false);
      expect(await ebl.nonces(id)).to.equal(0n);
      const bill = await ebl.billOf(id);
      expect(bill.shipper).to.equal(ethers.ZeroAddress, "shipper is stored for straight B/Ls only");
      expect(bill.holder).to.equal(shipper.address);
      expect(bill.version).to.equal(1n);
    });

    it("issues a straight B/L with the consignee as title holder and remembers the shipper", async function () {
      const { ebl, carrier, shipper, consignee, doc } = await loadFixture(fixture);
      const id = await ebl.tokenIdOf(carrier.address, doc.reference);
      await expect(
        ebl.connect(carrier).issue(shipper.address, doc.reference, BillKind.Straight, consignee.address, doc.hash),
      )
        .to.emit(ebl, "BillIssued")
        .withArgs(id, carrier.address, shipper.address, consignee.address, BillKind.Straight, doc.hash, doc.reference);
      const bill = await ebl.billOf(id);
      expect(bill.kind).to.equal(BillKind.Straight);
      expect(bill.titleHolder).to.equal(consignee.address);
      expect(bill.shipper).to.equal(shipper.address);
      expect(bill.issuer).to.equal(carrier.address);
      expect(bill.documentHash).to.equal(doc.hash);
    });

    it("accepts a 20-byte reference and a contract shipper that accepts ERC-721 tokens", async function () {
      const { ebl, carrier, bankAccount, doc } = await loadFixture(fixture);
      const ref = "ABCDEFGHIJ0123456789";
      const account = await bankAccount.getAddress();
      await ebl.connect(carrier).issue(account, ref, BillKind.ToOrder, account, doc.hash);
      expect(await ebl.ownerOf(await ebl.tokenIdOf(carrier.address, ref))).to.equal(account);
    });

    it("refuses a caller without ISSUER_ROLE", async function () {
      const { ebl, unroledCarrier, shipper, doc } = await loadFixture(fixture);
      await expect(
        ebl.connect(unroledCarrier).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, doc.hash),
      )
        .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
        .withArgs(unroledCarrier.address, await ebl.ISSUER_ROLE());
    });

    it("refuses an ISSUER_ROLE holder that is not a verified carrier", async function () {
      const { ebl, outsider, shipper, doc } = await loadFixture(fixture);
      await expect(ebl.connect(outsider).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, doc.hash))
        .to.be.revertedWithCustomError(ebl, "EblIssuerNotVerifiedCarrier")
        .withArgs(outsider.address);
    });

    it("refuses a carrier whose verification was revoked", async function () {
      const { ebl, participants, registrar, carrier, shipper, doc } = await loadFixture(fixture);
      await participants.connect(registrar).revoke(carrier.address);
      await expect(ebl.connect(carrier).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, doc.hash))
        .to.be.revertedWithCustomError(ebl, "EblIssuerNotVerifiedCarrier")
        .withArgs(carrier.address);
    });

    for (const bad of ["", "ABCDEFGHIJ01234567890", " HHL1", "HHL1 ", "HHL1\t", "\nHHL1"]) {
      it(`refuses the reference ${JSON.stringify(bad)} (DCSA: 1-20 characters, no edge whitespace)`, async function () {
        const { ebl, carrier, shipper, doc } = await loadFixture(fixture);
        await expect(ebl.connect(carrier).issue(shipper.address, bad, BillKind.ToOrder, shipper.address, doc.hash))
          .to.be.revertedWithCustomError(ebl, "EblInvalidReference")
          .withArgs(bad);
      });
    }

    it("refuses a zero document hash", async function () {
      const { ebl, carrier, shipper } = await loadFixture(fixture);
      await expect(
        ebl.connect(carrier).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(ebl, "EblInvalidDocumentHash");
    });

    it("refuses a title holder that is unverified, zero, or a custody-only participant", async function () {
      const { ebl, carrier, shipper, outsider, custodian, doc } = await loadFixture(fixture);
      for (const t of [outsider.address, ethers.ZeroAddress, custodian.address]) {
        await expect(ebl.connect(carrier).issue(shipper.address, "R1", BillKind.Straight, t, doc.hash))
          .to.be.revertedWithCustomError(ebl, "EblInvalidTitleHolder")
          .withArgs(t);
      }
    });

    it("refuses an unverified or zero shipper", async function () {
      const { ebl, carrier, shipper, outsider, doc } = await loadFixture(fixture);
      await expect(ebl.connect(carrier).issue(outsider.address, "R1", BillKind.ToOrder, shipper.address, doc.hash))
        .to.be.revertedWithCustomError(ebl, "EblNotVerified")
        .withArgs(outsider.address);
      await expect(ebl.connect(carrier).issue(ethers.ZeroAddress, "R1", BillKind.ToOrder, shipper.address, doc.hash))
        .to.be.revertedWithCustomError(ebl, "ERC721InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
    });

    it("refuses a contract shipper that does not accept ERC-721 tokens", async function () {
      const { ebl, carrier, bankAccount, doc } = await loadFixture(fixture);
      await bankAccount.setAcceptsTokens(false);
      const account = await bankAccount.getAddress();
      await expect(ebl.connect(carrier).issue(account, "R1", BillKind.ToOrder, account, doc.hash))
        .to.be.revertedWithCustomError(ebl, "ERC721InvalidReceiver")
        .withArgs(account);
    });

    it("refuses to issue the same B/L twice, while the same reference from another carrier is another B/L", async function () {
      const { ebl, carrier, carrier2, shipper, doc } = await loadFixture(fixture);
      await ebl.connect(carrier).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, doc.hash);
      const id = await ebl.tokenIdOf(carrier.address, "R1");
      await expect(ebl.connect(carrier).issue(shipper.address, "R1", BillKind.Straight, shipper.address, doc.hash))
        .to.be.revertedWithCustomError(ebl, "EblAlreadyIssued")
        .withArgs(id);
      await ebl.connect(carrier2).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, doc.hash);
      expect(await ebl.issuerOf(await ebl.tokenIdOf(carrier2.address, "R1"))).to.equal(carrier2.address);
    });

    it("derives the issuer from the id: issuerOf and billOf read the top 160 bits, zero while never issued", async function () {
      const { ebl, carrier, shipper, doc } = await loadFixture(fixture);
      const id = await ebl.tokenIdOf(carrier.address, doc.reference);
      expect(await ebl.issuerOf(id)).to.equal(ethers.ZeroAddress, "not issued yet: no issuer");
      expect((await ebl.billOf(id)).issuer).to.equal(ethers.ZeroAddress);
      await ebl.connect(carrier).issue(shipper.address, doc.reference, BillKind.ToOrder, shipper.address, doc.hash);
      expect(await ebl.issuerOf(id)).to.equal(ethers.getAddress(ethers.toBeHex(id >> 96n, 20)));
      expect(await ebl.issuerOf(id)).to.equal(carrier.address);
      expect((await ebl.billOf(id)).issuer).to.equal(carrier.address);
      // A carrier's prefix with a reference it never issued has no issuer either: the carrier cannot act on it.
      const never = await ebl.tokenIdOf(carrier.address, "NEVER-ISSUED");
      expect(await ebl.issuerOf(never)).to.equal(ethers.ZeroAddress);
      for (const answer of [ebl.connect(carrier).acceptSurrender(never), ebl.connect(carrier).rejectSurrender(never)]) {
        await expect(answer).to.be.revertedWithCustomError(ebl, "EblNotIssuer").withArgs(never, carrier.address);
      }
    });

    it("refuses while paused", async function () {
      const { ebl, admin, carrier, shipper, doc } = await loadFixture(fixture);
      await ebl.connect(admin).pause();
      await expect(
        ebl.connect(carrier).issue(shipper.address, "R1", BillKind.ToOrder, shipper.address, doc.hash),
      ).to.be.revertedWithCustomError(ebl, "EnforcedPause");
    });
  });

  describe("transfer of possession (transferFrom / safeTransferFrom)", function () {
    it("moves possession, not title, of a to-order B/L and emits PossessionTransferred with the actor", async function () {
      const { ebl, shipper, bankA, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id))
        .to.emit(ebl, "PossessionTransferred")
        .withArgs(id, shipper.address, bankA.address, shipper.address)
        .and.to.emit(ebl, "Transfer")
        .withArgs(shipper.address, bankA.address, id);
      expect(await ebl.ownerOf(id)).to.equal(bankA.address);
      expect(await ebl.titleHolderOf(id)).to.equal(shipper.address);
      expect(await ebl.nonces(id)).to.equal(1n, "a transfer increases the permit nonce");
    });

    it("lets an approved custody operator transfer, and names it as actor", async function () {
      const { ebl, shipper, bankA, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).approve(custodian.address, id);
      await expect(ebl.connect(custodian).transferFrom(shipper.address, bankA.address, id))
        .to.emit(ebl, "PossessionTransferred")
        .withArgs(id, shipper.address, bankA.address, custodian.address);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress, "the approval is cleared by the move");
    });

    it("lets an operator for all transfer through safeTransferFrom", async function () {
      const { ebl, shipper, bankA, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).setApprovalForAll(custodian.address, true);
      await expect(
        ebl.connect(custodian)["safeTransferFrom(address,address,uint256)"](shipper.address, bankA.address, id),
      )
        .to.emit(ebl, "PossessionTransferred")
        .withArgs(id, shipper.address, bankA.address, custodian.address);
    });

    it("stops honouring an approval once the operator is no longer a verified custodian", async function () {
      const { ebl, participants, registrar, shipper, bankA, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).approve(custodian.address, id);
      await participants.connect(registrar).revoke(custodian.address);
      await expect(ebl.connect(custodian).transferFrom(shipper.address, bankA.address, id))
        .to.be.revertedWithCustomError(ebl, "ERC721InsufficientApproval")
        .withArgs(custodian.address, id);
    });

    it("refuses a caller that is neither holder nor approved", async function () {
      const { ebl, shipper, bankA, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(bankA).transferFrom(shipper.address, bankA.address, id))
        .to.be.revertedWithCustomError(ebl, "ERC721InsufficientApproval")
        .withArgs(bankA.address, id);
    });

    it("refuses an unverified receiver, the zero address, and a wrong `from`", async function () {
      const { ebl, shipper, bankA, outsider, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(shipper).transferFrom(shipper.address, outsider.address, id))
        .to.be.revertedWithCustomError(ebl, "EblNotVerified")
        .withArgs(outsider.address);
      await expect(ebl.connect(shipper).transferFrom(shipper.address, ethers.ZeroAddress, id))
        .to.be.revertedWithCustomError(ebl, "ERC721InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
      await expect(ebl.connect(shipper).transferFrom(bankA.address, bankA.address, id))
        .to.be.revertedWithCustomError(ebl, "ERC721IncorrectOwner")
        .withArgs(bankA.address, id, shipper.address);
    });

    it("refuses a receiver whose verification lapsed", async function () {
      const { ebl, shipper, bankA, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await networkHelpers.time.increase(366 * 24 * 3600);
      await expect(ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id))
        .to.be.revertedWithCustomError(ebl, "EblNotVerified")
        .withArgs(bankA.address);
    });

    it("refuses a token that does not exist", async function () {
      const { ebl, shipper, bankA } = await loadFixture(fixture);
      await expect(ebl.connect(shipper).transferFrom(shipper.address, bankA.address, 42n))
        .to.be.revertedWithCustomError(ebl, "ERC721NonexistentToken")
        .withArgs(42n);
    });

    it("refuses to move a surrendered eBL (status not Issued), even for the carrier holding it", async function () {
      const { ebl, carrier, shipper, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).surrenderForDelivery(id);
      await expect(ebl.connect(carrier).transferFrom(carrier.address, shipper.address, id))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.SurrenderedForDelivery);
    });

    it("refuses while on legal hold and while paused", async function () {
      const { ebl, admin, regulator, shipper, bankA, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      await expect(ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
      await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id)).to.be.revertedWithCustomError(
        ebl,
        "EnforcedPause",
      );
    });

    it("refuses a contract receiver that does not accept ERC-721 tokens (safeTransferFrom)", async function () {
      const { ebl, shipper, bankAccount, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await bankAccount.setAcceptsTokens(false);
      const account = await bankAccount.getAddress();
      await expect(ebl.connect(shipper)["safeTransferFrom(address,address,uint256)"](shipper.address, account, id))
        .to.be.revertedWithCustomError(ebl, "ERC721InvalidReceiver")
        .withArgs(account);
    });

    describe("straight B/L possession rule", function () {
      it("lets possession pass to the consignee, a bank, an agent, a custodian and back to the shipper", async function () {
        const { ebl, shipper, consignee, bankA, agent, custodian, issueStraight } = await loadFixture(fixture);
        const id = await issueStraight();
        await ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id);
        await ebl.connect(bankA).transferFrom(bankA.address, agent.address, id);
        await ebl.connect(agent).transferFrom(agent.address, custodian.address, id);
        await ebl.connect(custodian).transferFrom(custodian.address, shipper.address, id);
        await ebl.connect(shipper).transferFrom(shipper.address, consignee.address, id);
        expect(await ebl.ownerOf(id)).to.equal(consignee.address);
        expect(await ebl.titleHolderOf(id)).to.equal(consignee.address, "the consignee stays title holder for good");
      });

      it("lets possession pass to its issuing carrier (read from the id), not to another carrier", async function () {
        const { ebl, carrier, carrier2, shipper, issueStraight } = await loadFixture(fixture);
        const id = await issueStraight();
        await expect(ebl.connect(shipper).transferFrom(shipper.address, carrier2.address, id))
          .to.be.revertedWithCustomError(ebl, "EblStraightRecipientNotAllowed")
          .withArgs(id, carrier2.address);
        await expect(ebl.connect(shipper).transferFrom(shipper.address, carrier.address, id))
          .to.emit(ebl, "PossessionTransferred")
          .withArgs(id, shipper.address, carrier.address, shipper.address);
        await ebl.connect(carrier).transferFrom(carrier.address, shipper.address, id);
        expect(await ebl.ownerOf(id)).to.equal(shipper.address);
      });

      it("refuses a verified trader that is neither shipper nor consignee", async function () {
        const { ebl, shipper, buyer, issueStraight } = await loadFixture(fixture);
        const id = await issueStraight();
        await expect(ebl.connect(shipper).transferFrom(shipper.address, buyer.address, id))
          .to.be.revertedWithCustomError(ebl, "EblStraightRecipientNotAllowed")
          .withArgs(id, buyer.address);
      });

      it("refuses an unverified receiver before the straight rule", async function () {
        const { ebl, shipper, outsider, issueStraight } = await loadFixture(fixture);
        const id = await issueStraight();
        await expect(ebl.connect(shipper).transferFrom(shipper.address, outsider.address, id))
          .to.be.revertedWithCustomError(ebl, "EblNotVerified")
          .withArgs(outsider.address);
      });
    });
  });

  describe("approvals (restricted to verified settlement / custody participants)", function () {
    it("approves a verified custody participant and a settlement contract", async function () {
      const { ebl, shipper, custodian, settlement, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(shipper).approve(custodian.address, id))
        .to.emit(ebl, "Approval")
        .withArgs(shipper.address, custodian.address, id);
      const s = await settlement.getAddress();
      await ebl.connect(shipper).approve(s, id);
      expect(await ebl.getApproved(id)).to.equal(s);
    });

    it("refuses to approve a trader, a bank or an unverified account (exclusive control)", async function () {
      const { ebl, shipper, buyer, bankA, outsider, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      for (const who of [buyer.address, bankA.address, outsider.address]) {
        await expect(ebl.connect(shipper).approve(who, id))
          .to.be.revertedWithCustomError(ebl, "EblOperatorNotCustodian")
          .withArgs(who);
      }
    });

    it("clears an approval with the zero address", async function () {
      const { ebl, shipper, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).approve(custodian.address, id);
      await expect(ebl.connect(shipper).approve(ethers.ZeroAddress, id))
        .to.emit(ebl, "Approval")
        .withArgs(shipper.address, ethers.ZeroAddress, id);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress);
    });

    it("lets an operator for all approve a custodian, but not once it is no longer a verified custodian itself", async function () {
      const { ebl, participants, registrar, shipper, custodian, settlement, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      const other = await settlement.getAddress();
      await ebl.connect(shipper).setApprovalForAll(custodian.address, true);
      await expect(ebl.connect(custodian).approve(other, id))
        .to.emit(ebl, "Approval")
        .withArgs(shipper.address, other, id);
      await ebl.connect(shipper).approve(ethers.ZeroAddress, id);
      await participants.connect(registrar).revoke(custodian.address);
      await expect(ebl.connect(custodian).approve(other, id))
        .to.be.revertedWithCustomError(ebl, "EblOperatorNotCustodian")
        .withArgs(custodian.address);
      expect(await ebl.getApproved(id)).to.equal(ethers.ZeroAddress);
    });

    it("refuses approve by someone else than the holder", async function () {
      const { ebl, bankA, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(bankA).approve(custodian.address, id))
        .to.be.revertedWithCustomError(ebl, "ERC721InvalidApprover")
        .withArgs(bankA.address);
    });

    it("sets an operator for all only for a custodian; revoking is always allowed", async function () {
      const { ebl, shipper, custodian, bankA } = await loadFixture(fixture);
      await expect(ebl.connect(shipper).setApprovalForAll(custodian.address, true))
        .to.emit(ebl, "ApprovalForAll")
        .withArgs(shipper.address, custodian.address, true);
      expect(await ebl.isApprovedForAll(shipper.address, custodian.address)).to.equal(true);
      await expect(ebl.connect(shipper).setApprovalForAll(bankA.address, true))
        .to.be.revertedWithCustomError(ebl, "EblOperatorNotCustodian")
        .withArgs(bankA.address);
      await expect(ebl.connect(shipper).setApprovalForAll(bankA.address, false))
        .to.emit(ebl, "ApprovalForAll")
        .withArgs(shipper.address, bankA.address, false);
    });
    it("refuses a zero operator with OpenZeppelin's ERC721InvalidOperator(0), before the custodian rule", async function () {
      const { ebl, shipper } = await loadFixture(fixture);
      await expect(ebl.connect(shipper).setApprovalForAll(ethers.ZeroAddress, true))
        .to.be.revertedWithCustomError(ebl, "ERC721InvalidOperator")
        .withArgs(ethers.ZeroAddress);
    });

    it("refuses to approve a nonexistent token with ERC721NonexistentToken, before the custodian rule", async function () {
      const { ebl, shipper, buyer, carrier } = await loadFixture(fixture);
      const missing = await ebl.tokenIdOf(carrier.address, "NEVER-ISSUED");
      await expect(ebl.connect(shipper).approve(buyer.address, missing))
        .to.be.revertedWithCustomError(ebl, "ERC721NonexistentToken")
        .withArgs(missing);
    });

    it("refuses approve by a non-holder with ERC721InvalidApprover, before the custodian rule", async function () {
      const { ebl, bankA, buyer, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(bankA).approve(buyer.address, id))
        .to.be.revertedWithCustomError(ebl, "ERC721InvalidApprover")
        .withArgs(bankA.address);
    });
  });

  describe("permit (ERC-4494)", function () {
    it("exposes the EIP-712 domain separator", async function () {
      const { ebl } = await loadFixture(fixture);
      const { chainId } = await ethers.provider.getNetwork();
      expect(await ebl.DOMAIN_SEPARATOR()).to.equal(
        ethers.TypedDataEncoder.hashDomain({
          name: "Cargo Rails eBL Registry",
          version: "1",
          chainId,
          verifyingContract: await ebl.getAddress(),
        }),
      );
    });

    it("approves the settlement contract from the holder's EOA signature, submitted by anyone, once", async function () {
      const { ebl, shipper, outsider, settlement, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      const s = await settlement.getAddress();
      const deadline = BigInt((await networkHelpers.time.latest()) + 3600);
      const sig = await signPermit(ebl, shipper, s, id, deadline);
      await expect(ebl.connect(outsider).permit(s, id, deadline, sig))
        .to.emit(ebl, "Approval")
        .withArgs(shipper.address, s, id);
      expect(await ebl.getApproved(id)).to.equal(s);
      expect(await ebl.nonces(id)).to.equal(1n);
      await expect(ebl.connect(outsider).permit(s, id, deadline, sig))
        .to.be.revertedWithCustomError(ebl, "EblInvalidPermitSignature")
        .withArgs(id, shipper.address);
    });

    it("accepts an ERC-1271 signature of a bank's smart account and refuses a wrong one", async function () {
      const { ebl, carrier, bankAccount, bankA, bankB, custodian, doc } = await loadFixture(fixture);
      const account = await bankAccount.getAddress();
      await ebl.connect(carrier).issue(account, "SA-1", BillKind.ToOrder, account, doc.hash);
      const id = await ebl.tokenIdOf(carrier.address, "SA-1");
      const deadline = BigInt((await networkHelpers.time.latest()) + 3600);
      const bad = await signPermit(ebl, bankA, custodian.address, id, deadline);
      await expect(ebl.permit(custodian.address, id, deadline, bad))
        .to.be.revertedWithCustomError(ebl, "EblInvalidPermitSignature")
        .withArgs(id, account);
      const good = await signPermit(ebl, bankB, custodian.address, id, deadline);
      await expect(ebl.permit(custodian.address, id, deadline, good))
        .to.emit(ebl, "Approval")
        .withArgs(account, custodian.address, id);
    });

    it("refuses an expired permit", async function () {
      const { ebl, shipper, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      const deadline = BigInt((await networkHelpers.time.latest()) + 10);
      const sig = await signPermit(ebl, shipper, custodian.address, id, deadline);
      await networkHelpers.time.increase(20);
      await expect(ebl.permit(custodian.address, id, deadline, sig))
        .to.be.revertedWithCustomError(ebl, "EblPermitExpired")
        .withArgs(deadline);
    });

    it("refuses a signature by someone other than the holder, and a malformed signature", async function () {
      const { ebl, shipper, bankA, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      const deadline = BigInt((await networkHelpers.time.latest()) + 3600);
      const sig = await signPermit(ebl, bankA, custodian.address, id, deadline);
      await expect(ebl.permit(custodian.address, id, deadline, sig))
        .to.be.revertedWithCustomError(ebl, "EblInvalidPermitSignature")
        .withArgs(id, shipper.address);
      await expect(ebl.permit(custodian.address, id, deadline, "0x1234"))
        .to.be.revertedWithCustomError(ebl, "EblInvalidPermitSignature")
        .withArgs(id, shipper.address);
    });

    it("refuses a permit naming a non-custodian spender", async function () {
      const { ebl, shipper, buyer, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      const deadline = BigInt((await networkHelpers.time.latest()) + 3600);
      const sig = await signPermit(ebl, shipper, buyer.address, id, deadline);
      await expect(ebl.permit(buyer.address, id, deadline, sig))
        .to.be.revertedWithCustomError(ebl, "EblOperatorNotCustodian")
        .withArgs(buyer.address);
    });

    it("refuses a permit signed before a transfer, even once the eBL is back with the signer", async function () {
      const { ebl, shipper, bankA, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      const deadline = BigInt((await networkHelpers.time.latest()) + 3600);
      const sig = await signPermit(ebl, shipper, custodian.address, id, deadline);
      await ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id);
      await ebl.connect(bankA).transferFrom(bankA.address, shipper.address, id);
      await expect(ebl.permit(custodian.address, id, deadline, sig))
        .to.be.revertedWithCustomError(ebl, "EblInvalidPermitSignature")
        .withArgs(id, shipper.address);
    });

    it("refuses a token that does not exist", async function () {
      const { ebl, shipper, custodian } = await loadFixture(fixture);
      const deadline = BigInt((await networkHelpers.time.latest()) + 3600);
      const sig = await signPermit(ebl, shipper, custodian.address, 7n, deadline);
      await expect(ebl.permit(custodian.address, 7n, deadline, sig))
        .to.be.revertedWithCustomError(ebl, "ERC721NonexistentToken")
        .withArgs(7n);
    });
  });

  describe("endorse", function () {
    it("lets the holder with title name a new title holder; possession stays", async function () {
      const { ebl, shipper, buyer, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      expect(await ebl.canEndorse(id, shipper.address)).to.equal(true);
      await expect(ebl.connect(shipper).endorse(id, buyer.address))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, shipper.address, buyer.address, shipper.address, shipper.address, false);
      expect(await ebl.titleHolderOf(id)).to.equal(buyer.address);
      expect(await ebl.ownerOf(id)).to.equal(shipper.address);
      expect(await ebl.canEndorse(id, shipper.address)).to.equal(false, "the holder gave up title");
    });

    it("lets an approved custody operator endorse on the holder's behalf", async function () {
      const { ebl, shipper, buyer, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).approve(custodian.address, id);
      await expect(ebl.connect(custodian).endorse(id, buyer.address))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, shipper.address, buyer.address, shipper.address, custodian.address, false);
    });

    it("refuses a straight B/L", async function () {
      const { ebl, consignee, buyer, shipper, issueStraight } = await loadFixture(fixture);
      const id = await issueStraight();
      await ebl.connect(shipper).transferFrom(shipper.address, consignee.address, id);
      await expect(ebl.connect(consignee).endorse(id, buyer.address))
        .to.be.revertedWithCustomError(ebl, "EblStraightNotEndorsable")
        .withArgs(id);
    });

    it("refuses a caller that is neither holder nor approved operator", async function () {
      const { ebl, buyer, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(buyer).endorse(id, buyer.address))
        .to.be.revertedWithCustomError(ebl, "EblNotHolder")
        .withArgs(id, buyer.address);
    });

    it("refuses a holder without title (made out to the order of a bank)", async function () {
      const { ebl, shipper, buyer, bankA, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder("TO-BANK", bankA.address);
      await expect(ebl.connect(shipper).endorse(id, buyer.address))
        .to.be.revertedWithCustomError(ebl, "EblNoTitle")
        .withArgs(id, shipper.address);
    });

    it("refuses an endorsee that is unverified or custody-only", async function () {
      const { ebl, shipper, outsider, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      for (const who of [outsider.address, custodian.address]) {
        await expect(ebl.connect(shipper).endorse(id, who))
          .to.be.revertedWithCustomError(ebl, "EblInvalidTitleHolder")
          .withArgs(who);
      }
    });

    it("refuses a token never issued, surrendered, on hold, or while paused", async function () {
      const { ebl, admin, regulator, shipper, buyer, issueToOrder } = await loadFixture(fixture);
      await expect(ebl.connect(shipper).endorse(99n, buyer.address))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(99n, Status.None);
      const id = await issueToOrder();
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      await expect(ebl.connect(shipper).endorse(id, buyer.address))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
      await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(shipper).endorse(id, buyer.address)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
      await ebl.connect(admin).unpause();
      await ebl.connect(shipper).surrenderForAmendment(id);
      await expect(ebl.connect(shipper).endorse(id, buyer.address))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.SurrenderedForAmendment);
    });
  });

  describe("blankEndorse", function () {
    it("makes the eBL a bearer document: the next holder has title", async function () {
      const { ebl, shipper, bankA, buyer, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(shipper).blankEndorse(id))
        .to.emit(ebl, "BlankEndorsed")
        .withArgs(id, shipper.address, shipper.address, shipper.address);
      expect(await ebl.isBlankEndorsed(id)).to.equal(true);
      expect(await ebl.titleHolderOf(id)).to.equal(ethers.ZeroAddress);
      await ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id);
      expect(await ebl.canEndorse(id, bankA.address)).to.equal(true);
      expect(await ebl.canSurrender(id, bankA.address)).to.equal(true);
      await expect(ebl.connect(bankA).endorse(id, buyer.address))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, bankA.address, buyer.address, ethers.ZeroAddress, bankA.address, false);
      expect(await ebl.isBlankEndorsed(id)).to.equal(false);
    });

    it("lets an approved operator endorse in blank", async function () {
      const { ebl, shipper, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).setApprovalForAll(custodian.address, true);
      await expect(ebl.connect(custodian).blankEndorse(id))
        .to.emit(ebl, "BlankEndorsed")
        .withArgs(id, shipper.address, shipper.address, custodian.address);
    });

    it("refuses a straight B/L, a non-holder, a holder without title, a hold and a pause", async function () {
      const { ebl, admin, regulator, shipper, consignee, bankA, issueToOrder, issueStraight } =
        await loadFixture(fixture);
      const straight = await issueStraight();
      await expect(ebl.connect(shipper).blankEndorse(straight))
        .to.be.revertedWithCustomError(ebl, "EblStraightNotEndorsable")
        .withArgs(straight);
      const id = await issueToOrder("TO-BANK", bankA.address);
      await expect(ebl.connect(consignee).blankEndorse(id))
        .to.be.revertedWithCustomError(ebl, "EblNotHolder")
        .withArgs(id, consignee.address);
      await expect(ebl.connect(shipper).blankEndorse(id))
        .to.be.revertedWithCustomError(ebl, "EblNoTitle")
        .withArgs(id, shipper.address);
      const own = await issueToOrder();
      await ebl.connect(regulator).placeLegalHold(own, HOLD_REASON);
      await expect(ebl.connect(shipper).blankEndorse(own))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(own);
      await ebl.connect(regulator).liftLegalHold(own, HOLD_REASON);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(shipper).blankEndorse(own)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
    });
  });

  describe("endorseAndDeliver", function () {
    it("moves title and possession to the endorsee in one call", async function () {
      const { ebl, shipper, bankA, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(shipper).endorseAndDeliver(id, bankA.address))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, shipper.address, bankA.address, shipper.address, shipper.address, true)
        .and.to.emit(ebl, "Transfer")
        .withArgs(shipper.address, bankA.address, id);
      expect(await ebl.ownerOf(id)).to.equal(bankA.address);
      expect(await ebl.titleHolderOf(id)).to.equal(bankA.address);
      expect(await ebl.canEndorse(id, bankA.address)).to.equal(true);
    });

    it("lets the approved settlement contract endorse and deliver on the holder's behalf", async function () {
      const { ebl, admin, shipper, buyer, settlement, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      const s = await settlement.getAddress();
      await ebl.connect(shipper).approve(s, id);
      const call = ebl.interface.encodeFunctionData("endorseAndDeliver", [id, buyer.address]);
      await expect(settlement.connect(admin).execute(await ebl.getAddress(), call))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, shipper.address, buyer.address, shipper.address, s, true);
      expect(await ebl.ownerOf(id)).to.equal(buyer.address);
    });

    it("lets a settlement contract holding possession for the title holder endorse as holder, never taking title", async function () {
      const { ebl, admin, shipper, buyer, settlement, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      const s = await settlement.getAddress();
      await ebl.connect(shipper)["safeTransferFrom(address,address,uint256)"](shipper.address, s, id);
      expect(await ebl.titleHolderOf(id)).to.equal(shipper.address, "custody moves possession only");
      expect((await ebl.billOf(id)).custodyForTitle).to.equal(true);
      expect(await ebl.canEndorse(id, s)).to.equal(true);
      const call = ebl.interface.encodeFunctionData("endorseAndDeliver", [id, buyer.address]);
      await expect(settlement.connect(admin).execute(await ebl.getAddress(), call))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, s, buyer.address, shipper.address, s, true);
      expect(await ebl.ownerOf(id)).to.equal(buyer.address);
      expect(await ebl.titleHolderOf(id)).to.equal(buyer.address);
      expect((await ebl.billOf(id)).custodyForTitle).to.equal(false);
    });

    it("does not give a custodian title it was not given: deposited by a holder without title", async function () {
      const { ebl, admin, shipper, buyer, bankA, settlement, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder("TO-BANK", bankA.address);
      const s = await settlement.getAddress();
      await ebl.connect(shipper).transferFrom(shipper.address, s, id);
      expect((await ebl.billOf(id)).custodyForTitle).to.equal(false);
      const call = ebl.interface.encodeFunctionData("endorseAndDeliver", [id, buyer.address]);
      await expect(settlement.connect(admin).execute(await ebl.getAddress(), call))
        .to.be.revertedWithCustomError(ebl, "EblNoTitle")
        .withArgs(id, s);
    });

    it("refuses a straight B/L, a non-holder, no title, a bad endorsee, a refusing contract, a hold and a pause", async function () {
      const { ebl, admin, regulator, shipper, buyer, bankA, outsider, bankAccount, issueToOrder, issueStraight } =
        await loadFixture(fixture);
      const straight = await issueStraight();
      await expect(ebl.connect(shipper).endorseAndDeliver(straight, buyer.address))
        .to.be.revertedWithCustomError(ebl, "EblStraightNotEndorsable")
        .withArgs(straight);
      const toBank = await issueToOrder("TO-BANK", bankA.address);
      await expect(ebl.connect(shipper).endorseAndDeliver(toBank, buyer.address))
        .to.be.revertedWithCustomError(ebl, "EblNoTitle")
        .withArgs(toBank, shipper.address);
      const id = await issueToOrder();
      await expect(ebl.connect(buyer).endorseAndDeliver(id, buyer.address))
        .to.be.revertedWithCustomError(ebl, "EblNotHolder")
        .withArgs(id, buyer.address);
      await expect(ebl.connect(shipper).endorseAndDeliver(id, outsider.address))
        .to.be.revertedWithCustomError(ebl, "EblInvalidTitleHolder")
        .withArgs(outsider.address);
      await bankAccount.setAcceptsTokens(false);
      const account = await bankAccount.getAddress();
      await expect(ebl.connect(shipper).endorseAndDeliver(id, account))
        .to.be.revertedWithCustomError(ebl, "ERC721InvalidReceiver")
        .withArgs(account);
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      await expect(ebl.connect(shipper).endorseAndDeliver(id, buyer.address))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
      await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(shipper).endorseAndDeliver(id, buyer.address)).to.be.revertedWithCustomError(
        ebl,
        "EnforcedPause",
      );
    });

    it("keeps state consistent when a contract endorsee reenters from onERC721Received", async function () {
      const { ebl, shipper, bankAccount, bankA, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      const account = await bankAccount.getAddress();
      // On receipt, the smart account passes the eBL straight on to bank A (it is holder and title holder by then).
      await bankAccount.setHook(
        await ebl.getAddress(),
        ebl.interface.encodeFunctionData("endorseAndDeliver", [id, bankA.address]),
      );
      await expect(ebl.connect(shipper).endorseAndDeliver(id, account))
        .to.emit(ebl, "Endorsed")
        .withArgs(id, account, bankA.address, account, account, true);
      expect(await ebl.ownerOf(id)).to.equal(bankA.address);
      expect(await ebl.titleHolderOf(id)).to.equal(bankA.address);
      expect(await ebl.balanceOf(account)).to.equal(0n);
    });
  });

  describe("surrender for delivery / for amendment", function () {
    it("hands a to-order eBL from the holder with title to the carrier", async function () {
      const { ebl, carrier, shipper, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      expect(await ebl.canSurrender(id, shipper.address)).to.equal(true);
      await expect(ebl.connect(shipper).surrenderForDelivery(id))
        .to.emit(ebl, "Surrendered")
        .withArgs(id, shipper.address, carrier.address, false, shipper.address)
        .and.to.emit(ebl, "Transfer")
        .withArgs(shipper.address, carrier.address, id);
      expect(await ebl.ownerOf(id)).to.equal(carrier.address);
      expect(await ebl.statusOf(id)).to.equal(Status.SurrenderedForDelivery);
      expect(await ebl.surrendererOf(id)).to.equal(shipper.address);
      expect(await ebl.titleHolderOf(id)).to.equal(shipper.address);
      expect(await ebl.canSurrender(id, carrier.address)).to.equal(false);
    });

    it("surrenders for amendment, by an approved operator", async function () {
      const { ebl, carrier, shipper, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).approve(custodian.address, id);
      expect(await ebl.canSurrender(id, custodian.address)).to.equal(true);
      await expect(ebl.connect(custodian).surrenderForAmendment(id))
        .to.emit(ebl, "Surrendered")
        .withArgs(id, shipper.address, carrier.address, true, custodian.address);
      expect(await ebl.statusOf(id)).to.equal(Status.SurrenderedForAmendment);
    });

    it("lets only the consignee surrender a straight B/L, not the shipper holding it", async function () {
      const { ebl, carrier, shipper, consignee, issueStraight } = await loadFixture(fixture);
      const id = await issueStraight();
      expect(await ebl.canSurrender(id, shipper.address)).to.equal(false);
      await expect(ebl.connect(shipper).surrenderForDelivery(id))
        .to.be.revertedWithCustomError(ebl, "EblNoTitle")
        .withArgs(id, shipper.address);
      await ebl.connect(shipper).transferFrom(shipper.address, consignee.address, id);
      await expect(ebl.connect(consignee).surrenderForDelivery(id))
        .to.emit(ebl, "Surrendered")
        .withArgs(id, consignee.address, carrier.address, false, consignee.address);
    });

    it("refuses a non-holder, a second surrender, a hold, a pause and an unverified carrier", async function () {
      const { ebl, participants, registrar, admin, regulator, shipper, bankA, carrier, issueToOrder } =
        await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(bankA).surrenderForDelivery(id))
        .to.be.revertedWithCustomError(ebl, "EblNotHolder")
        .withArgs(id, bankA.address);
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      await expect(ebl.connect(shipper).surrenderForDelivery(id))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
      await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(shipper).surrenderForAmendment(id)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
      await ebl.connect(admin).unpause();
      await participants.connect(registrar).revoke(carrier.address);
      await expect(ebl.connect(shipper).surrenderForDelivery(id))
        .to.be.revertedWithCustomError(ebl, "EblNotVerified")
        .withArgs(carrier.address);
      await participants.connect(registrar).register(carrier.address, {
        kinds: Kinds.CARRIER,
        jurisdiction: "0x484b",
        validUntil: (await networkHelpers.time.latest()) + 1000,
        kycReference: ethers.ZeroHash,
      });
      await ebl.connect(shipper).surrenderForDelivery(id);
      await expect(ebl.connect(carrier).surrenderForDelivery(id))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.SurrenderedForDelivery);
    });

    it("refuses a holder without title", async function () {
      const { ebl, shipper, bankA, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder("TO-BANK", bankA.address);
      await expect(ebl.connect(shipper).surrenderForAmendment(id))
        .to.be.revertedWithCustomError(ebl, "EblNoTitle")
        .withArgs(id, shipper.address);
    });

    it("refuses a surrender for amendment by a holder that could not take the eBL back; for delivery it may", async function () {
      const { ebl, participants, registrar, carrier, shipper, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await participants.connect(registrar).revoke(shipper.address);
      // an amendment (or a rejection) would hand the eBL back to an unverified party: it would stay with the carrier
      await expect(ebl.connect(shipper).surrenderForAmendment(id))
        .to.be.revertedWithCustomError(ebl, "EblNotVerified")
        .withArgs(shipper.address);
      expect(await ebl.ownerOf(id)).to.equal(shipper.address);
      await expect(ebl.connect(shipper).surrenderForDelivery(id))
        .to.emit(ebl, "Surrendered")
        .withArgs(id, shipper.address, carrier.address, false, shipper.address);
    });

    it("gives the custody title right back only to a surrenderer that is still a verified custodian", async function () {
      const { ebl, participants, registrar, carrier, shipper, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).transferFrom(shipper.address, custodian.address, id);
      expect((await ebl.billOf(id)).custodyForTitle).to.equal(true);
      await ebl.connect(custodian).surrenderForAmendment(id);
      const record = await participants.participant(custodian.address);
      await participants.connect(registrar).update(custodian.address, {
        kinds: Kinds.AGENT,
        jurisdiction: record.jurisdiction,
        validUntil: record.validUntil,
        kycReference: record.kycReference,
      });
      await ebl.connect(carrier).issueAmendment(id, ethers.id("amended document"));
      expect(await ebl.ownerOf(id)).to.equal(custodian.address);
      expect((await ebl.billOf(id)).custodyForTitle).to.equal(false);
      expect(await ebl.canSurrender(id, custodian.address)).to.equal(false);
      expect(await ebl.titleHolderOf(id)).to.equal(shipper.address);
    });
  });

  describe("acceptSurrender", function () {
    it("burns the eBL as accomplished; it can never be issued again", async function () {
      const { ebl, carrier, shipper, doc, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).surrenderForDelivery(id);
      await expect(ebl.connect(carrier).acceptSurrender(id))
        .to.emit(ebl, "SurrenderAccepted")
        .withArgs(id, carrier.address, shipper.address)
        .and.to.emit(ebl, "Transfer")
        .withArgs(carrier.address, ethers.ZeroAddress, id);
      expect(await ebl.statusOf(id)).to.equal(Status.Accomplished);
      expect(await ebl.holderOf(id)).to.equal(ethers.ZeroAddress);
      expect(await ebl.balanceOf(carrier.address)).to.equal(0n);
      expect(await ebl.surrendererOf(id)).to.equal(ethers.ZeroAddress);
      await expect(ebl.ownerOf(id)).to.be.revertedWithCustomError(ebl, "ERC721NonexistentToken").withArgs(id);
      await expect(
        ebl.connect(carrier).issue(shipper.address, "TO-ORDER-0001", BillKind.ToOrder, shipper.address, doc.hash),
      )
        .to.be.revertedWithCustomError(ebl, "EblAlreadyIssued")
        .withArgs(id);
    });

    it("refuses another carrier, the wrong status, a hold and a pause", async function () {
      const { ebl, admin, regulator, carrier, carrier2, shipper, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(carrier).acceptSurrender(id))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.Issued);
      await ebl.connect(shipper).surrenderForAmendment(id);
      await expect(ebl.connect(carrier).acceptSurrender(id))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.SurrenderedForAmendment);
      await ebl.connect(carrier).rejectSurrender(id);
      await ebl.connect(shipper).surrenderForDelivery(id);
      await expect(ebl.connect(carrier2).acceptSurrender(id))
        .to.be.revertedWithCustomError(ebl, "EblNotIssuer")
        .withArgs(id, carrier2.address);
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      await expect(ebl.connect(carrier).acceptSurrender(id))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
      await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(carrier).acceptSurrender(id)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
    });
  });

  describe("rejectSurrender", function () {
    for (const forAmendment of [false, true]) {
      it(`returns the eBL to the surrenderer with nothing else changed (for ${forAmendment ? "amendment" : "delivery"})`, async function () {
        const { ebl, carrier, shipper, doc, issueToOrder } = await loadFixture(fixture);
        const id = await issueToOrder();
        const before = await ebl.billOf(id);
        await (forAmendment
          ? ebl.connect(shipper).surrenderForAmendment(id)
          : ebl.connect(shipper).surrenderForDelivery(id));
        await expect(ebl.connect(carrier).rejectSurrender(id))
          .to.emit(ebl, "SurrenderRejected")
          .withArgs(id, carrier.address, shipper.address, forAmendment)
          .and.to.emit(ebl, "Transfer")
          .withArgs(carrier.address, shipper.address, id);
        const after = await ebl.billOf(id);
        expect(after.holder).to.equal(shipper.address);
        expect(after.status).to.equal(Status.Issued);
        expect(after.titleHolder).to.equal(before.titleHolder);
        expect(after.documentHash).to.equal(doc.hash);
        expect(after.version).to.equal(1n);
        expect(await ebl.surrendererOf(id)).to.equal(ethers.ZeroAddress);
      });
    }

    it("restores a custodian's title right when it surrendered on behalf of the title holder", async function () {
      const { ebl, admin, carrier, shipper, settlement, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      const s = await settlement.getAddress();
      await ebl.connect(shipper).transferFrom(shipper.address, s, id);
      await settlement
        .connect(admin)
        .execute(await ebl.getAddress(), ebl.interface.encodeFunctionData("surrenderForDelivery", [id]));
      await ebl.connect(carrier).rejectSurrender(id);
      expect(await ebl.ownerOf(id)).to.equal(s);
      expect((await ebl.billOf(id)).custodyForTitle).to.equal(true);
      expect(await ebl.canSurrender(id, s)).to.equal(true);
    });

    it("refuses another carrier, the wrong status, an unverified surrenderer, a hold and a pause", async function () {
      const { ebl, participants, registrar, admin, regulator, carrier, carrier2, shipper, issueToOrder } =
        await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(carrier).rejectSurrender(id))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.Issued);
      await ebl.connect(shipper).surrenderForDelivery(id);
      await expect(ebl.connect(carrier2).rejectSurrender(id))
        .to.be.revertedWithCustomError(ebl, "EblNotIssuer")
        .withArgs(id, carrier2.address);
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      await expect(ebl.connect(carrier).rejectSurrender(id))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
      await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(carrier).rejectSurrender(id)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
      await ebl.connect(admin).unpause();
      await participants.connect(registrar).revoke(shipper.address);
      await expect(ebl.connect(carrier).rejectSurrender(id))
        .to.be.revertedWithCustomError(ebl, "EblNotVerified")
        .withArgs(shipper.address);
    });
  });

  describe("issueAmendment", function () {
    it("reissues under the same id with the new hash and version + 1, to the same holder and title holder", async function () {
      const { ebl, carrier, shipper, bankA, doc, amended, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder("TO-BANK", bankA.address);
      await ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id);
      await ebl.connect(bankA).surrenderForAmendment(id);
      await expect(ebl.connect(carrier).issueAmendment(id, amended))
        .to.emit(ebl, "AmendmentIssued")
        .withArgs(id, carrier.address, bankA.address, doc.hash, amended, 2n)
        .and.to.emit(ebl, "Transfer")
        .withArgs(carrier.address, bankA.address, id);
      expect(await ebl.documentOf(id)).to.deep.equal([amended, 2n]);
      expect(await ebl.ownerOf(id)).to.equal(bankA.address);
      expect(await ebl.titleHolderOf(id)).to.equal(bankA.address);
      expect(await ebl.statusOf(id)).to.equal(Status.Issued);
    });

    it("refuses another carrier, a delivery surrender, a zero or unchanged hash, and a hold", async function () {
      const { ebl, regulator, carrier, carrier2, shipper, doc, amended, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).surrenderForDelivery(id);
      await expect(ebl.connect(carrier).issueAmendment(id, amended))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.SurrenderedForDelivery);
      await ebl.connect(carrier).rejectSurrender(id);
      await ebl.connect(shipper).surrenderForAmendment(id);
      await expect(ebl.connect(carrier2).issueAmendment(id, amended))
        .to.be.revertedWithCustomError(ebl, "EblNotIssuer")
        .withArgs(id, carrier2.address);
      await expect(ebl.connect(carrier).issueAmendment(id, ethers.ZeroHash)).to.be.revertedWithCustomError(
        ebl,
        "EblInvalidDocumentHash",
      );
      await expect(ebl.connect(carrier).issueAmendment(id, doc.hash))
        .to.be.revertedWithCustomError(ebl, "EblDocumentHashUnchanged")
        .withArgs(id, doc.hash);
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      await expect(ebl.connect(carrier).issueAmendment(id, amended))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
    });
  });

  describe("switch to paper", function () {
    it("freezes the eBL on request; the carrier's confirmation burns it for good", async function () {
      const { ebl, carrier, shipper, bankA, doc, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(shipper).requestSwitchToPaper(id))
        .to.emit(ebl, "SwitchToPaperRequested")
        .withArgs(id, shipper.address, shipper.address);
      expect(await ebl.statusOf(id)).to.equal(Status.SwitchToPaperRequested);
      await expect(ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.SwitchToPaperRequested);
      await expect(ebl.connect(carrier).confirmSwitchToPaper(id))
        .to.emit(ebl, "SwitchedToPaper")
        .withArgs(id, carrier.address, shipper.address)
        .and.to.emit(ebl, "Transfer")
        .withArgs(shipper.address, ethers.ZeroAddress, id);
      expect(await ebl.statusOf(id)).to.equal(Status.SwitchedToPaper);
      expect(await ebl.holderOf(id)).to.equal(ethers.ZeroAddress);
      await expect(
        ebl.connect(carrier).issue(shipper.address, "TO-ORDER-0001", BillKind.ToOrder, shipper.address, doc.hash),
      )
        .to.be.revertedWithCustomError(ebl, "EblAlreadyIssued")
        .withArgs(id);
    });

    it("lets an approved operator request", async function () {
      const { ebl, shipper, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).approve(custodian.address, id);
      await expect(ebl.connect(custodian).requestSwitchToPaper(id))
        .to.emit(ebl, "SwitchToPaperRequested")
        .withArgs(id, shipper.address, custodian.address);
    });

    it("refuses a request from a non-holder, a holder without title, a wrong status, a hold and a pause", async function () {
      const { ebl, admin, regulator, shipper, bankA, issueToOrder, issueStraight } = await loadFixture(fixture);
      const straight = await issueStraight();
      await expect(ebl.connect(shipper).requestSwitchToPaper(straight))
        .to.be.revertedWithCustomError(ebl, "EblNoTitle")
        .withArgs(straight, shipper.address);
      const id = await issueToOrder();
      await expect(ebl.connect(bankA).requestSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblNotHolder")
        .withArgs(id, bankA.address);
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      await expect(ebl.connect(shipper).requestSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
      await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(shipper).requestSwitchToPaper(id)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
      await ebl.connect(admin).unpause();
      await ebl.connect(shipper).requestSwitchToPaper(id);
      await expect(ebl.connect(shipper).requestSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.SwitchToPaperRequested);
    });

    it("is withdrawn by the holder or declined by the carrier", async function () {
      const { ebl, carrier, shipper, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).requestSwitchToPaper(id);
      await expect(ebl.connect(shipper).cancelSwitchToPaper(id))
        .to.emit(ebl, "SwitchToPaperCancelled")
        .withArgs(id, shipper.address, shipper.address);
      expect(await ebl.statusOf(id)).to.equal(Status.Issued);
      await ebl.connect(shipper).requestSwitchToPaper(id);
      await expect(ebl.connect(carrier).cancelSwitchToPaper(id))
        .to.emit(ebl, "SwitchToPaperCancelled")
        .withArgs(id, shipper.address, carrier.address);
      expect(await ebl.statusOf(id)).to.equal(Status.Issued);
    });

    it("refuses a cancel without a request, from a stranger, on hold, or while paused", async function () {
      const { ebl, admin, regulator, carrier2, shipper, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(shipper).cancelSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.Issued);
      await ebl.connect(shipper).requestSwitchToPaper(id);
      await expect(ebl.connect(carrier2).cancelSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblNotHolder")
        .withArgs(id, carrier2.address);
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      await expect(ebl.connect(shipper).cancelSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
      await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(shipper).cancelSwitchToPaper(id)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
    });

    it("refuses a confirmation from another carrier, without a request, on hold, or while paused", async function () {
      const { ebl, admin, regulator, carrier, carrier2, shipper, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await expect(ebl.connect(carrier).confirmSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.Issued);
      await ebl.connect(shipper).requestSwitchToPaper(id);
      await expect(ebl.connect(carrier2).confirmSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblNotIssuer")
        .withArgs(id, carrier2.address);
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      await expect(ebl.connect(carrier).confirmSwitchToPaper(id))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
      await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(carrier).confirmSwitchToPaper(id)).to.be.revertedWithCustomError(ebl, "EnforcedPause");
    });
  });

  describe("legal hold", function () {
    it("is placed and lifted by the legal hold role with a reason code, also while paused", async function () {
      const { ebl, admin, regulator, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(admin).pause();
      await expect(ebl.connect(regulator).placeLegalHold(id, HOLD_REASON))
        .to.emit(ebl, "LegalHoldPlaced")
        .withArgs(id, regulator.address, HOLD_REASON);
      expect(await ebl.isOnLegalHold(id)).to.equal(true);
      expect((await ebl.billOf(id)).onLegalHold).to.equal(true);
      const release = ethers.encodeBytes32String("RELEASED");
      await expect(ebl.connect(regulator).liftLegalHold(id, release))
        .to.emit(ebl, "LegalHoldLifted")
        .withArgs(id, regulator.address, release);
      expect(await ebl.isOnLegalHold(id)).to.equal(false);
    });

    it("refuses accounts without the role", async function () {
      const { ebl, carrier, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      const role = await ebl.LEGAL_HOLD_ROLE();
      await expect(ebl.connect(carrier).placeLegalHold(id, HOLD_REASON))
        .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
        .withArgs(carrier.address, role);
      await expect(ebl.connect(carrier).liftLegalHold(id, HOLD_REASON))
        .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
        .withArgs(carrier.address, role);
    });

    it("refuses a token never issued or burned, a second hold, and lifting without a hold", async function () {
      const { ebl, regulator, carrier, shipper, issueToOrder } = await loadFixture(fixture);
      await expect(ebl.connect(regulator).placeLegalHold(5n, HOLD_REASON))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(5n, Status.None);
      const id = await issueToOrder();
      await expect(ebl.connect(regulator).liftLegalHold(id, HOLD_REASON))
        .to.be.revertedWithCustomError(ebl, "EblNotOnLegalHold")
        .withArgs(id);
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      await expect(ebl.connect(regulator).placeLegalHold(id, HOLD_REASON))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
      await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
      await ebl.connect(shipper).surrenderForDelivery(id);
      await ebl.connect(carrier).acceptSurrender(id);
      await expect(ebl.connect(regulator).placeLegalHold(id, HOLD_REASON))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.Accomplished);
    });

    it("can freeze a surrendered eBL in the carrier's hands", async function () {
      const { ebl, regulator, shipper, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      await ebl.connect(shipper).surrenderForDelivery(id);
      await expect(ebl.connect(regulator).placeLegalHold(id, HOLD_REASON)).to.emit(ebl, "LegalHoldPlaced");
    });
  });

  describe("pause", function () {
    it("is switched by the pauser role only and leaves approvals working", async function () {
      const { ebl, admin, carrier, shipper, custodian, issueToOrder } = await loadFixture(fixture);
      const id = await issueToOrder();
      const role = await ebl.PAUSER_ROLE();
      await expect(ebl.connect(carrier).pause())
        .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
        .withArgs(carrier.address, role);
      await expect(ebl.connect(admin).pause()).to.emit(ebl, "Paused").withArgs(admin.address);
      expect(await ebl.canSurrender(id, shipper.address)).to.equal(false);
      await expect(ebl.connect(shipper).approve(custodian.address, id)).to.emit(ebl, "Approval");
      await expect(ebl.connect(carrier).unpause())
        .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
        .withArgs(carrier.address, role);
      await expect(ebl.connect(admin).unpause()).to.emit(ebl, "Unpaused").withArgs(admin.address);
      expect(await ebl.canSurrender(id, shipper.address)).to.equal(true);
    });
  });

  describe("views", function () {
    it("return zeros for a token never issued", async function () {
      const { ebl } = await loadFixture(fixture);
      const bill = await ebl.billOf(1n);
      expect(bill.issuer).to.equal(ethers.ZeroAddress);
      expect(bill.status).to.equal(Status.None);
      expect(bill.holder).to.equal(ethers.ZeroAddress);
      expect(await ebl.holderOf(1n)).to.equal(ethers.ZeroAddress);
      expect(await ebl.issuerOf(1n)).to.equal(ethers.ZeroAddress);
      expect(await ebl.documentOf(1n)).to.deep.equal([ethers.ZeroHash, 0n]);
      expect(await ebl.isBlankEndorsed(1n)).to.equal(false);
      expect(await ebl.canSurrender(1n, ethers.ZeroAddress)).to.equal(false);
      expect(await ebl.canEndorse(1n, ethers.ZeroAddress)).to.equal(false);
    });

    it("canSurrender / canEndorse follow holder, operator, title, kind, hold and operator verification", async function () {
      const {
        ebl,
        participants,
        registrar,
        regulator,
        shipper,
        consignee,
        custodian,
        buyer,
        issueToOrder,
        issueStraight,
      } = await loadFixture(fixture);
      const id = await issueToOrder();
      expect(await ebl.canEndorse(id, buyer.address)).to.equal(false, "stranger");
      await ebl.connect(shipper).approve(custodian.address, id);
      expect(await ebl.canEndorse(id, custodian.address)).to.equal(true, "approved custodian");
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      expect(await ebl.canSurrender(id, shipper.address)).to.equal(false, "on hold");
      await ebl.connect(regulator).liftLegalHold(id, HOLD_REASON);
      await participants.connect(registrar).revoke(custodian.address);
      expect(await ebl.canEndorse(id, custodian.address)).to.equal(false, "operator no longer verified");
      const straight = await issueStraight();
      await ebl.connect(shipper).transferFrom(shipper.address, consignee.address, straight);
      expect(await ebl.canSurrender(straight, consignee.address)).to.equal(true, "consignee of a straight B/L");
      expect(await ebl.canEndorse(straight, consignee.address)).to.equal(false, "straight B/L");
    });
  });

  describe("admin powers refused to everyone else", function () {
    it("refuses role changes and every step of the admin handover to a non-admin (AccessControlUnauthorizedAccount)", async function () {
      const { ebl, admin, carrier } = await loadFixture(fixture);
      const role = ethers.id("ANY_ROLE");
      await expect(ebl.connect(carrier).grantRole(role, carrier.address))
        .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
        .withArgs(carrier.address, ethers.ZeroHash);
      await expect(ebl.connect(carrier).revokeRole(role, admin.address))
        .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
        .withArgs(carrier.address, ethers.ZeroHash);
      await expect(ebl.connect(carrier).beginDefaultAdminTransfer(carrier.address))
        .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
        .withArgs(carrier.address, ethers.ZeroHash);
      await ebl.connect(admin).beginDefaultAdminTransfer(carrier.address);
      await expect(ebl.connect(carrier).cancelDefaultAdminTransfer())
        .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
        .withArgs(carrier.address, ethers.ZeroHash);
      await expect(ebl.connect(carrier).changeDefaultAdminDelay(0n))
        .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
        .withArgs(carrier.address, ethers.ZeroHash);
      await expect(ebl.connect(carrier).rollbackDefaultAdminDelay())
        .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
        .withArgs(carrier.address, ethers.ZeroHash);
      expect(await ebl.defaultAdmin()).to.equal(admin.address);
    });

    it("refuses a second pause (EnforcedPause) and an unpause when not paused (ExpectedPause)", async function () {
      const { ebl, admin } = await loadFixture(fixture);
      await expect(ebl.connect(admin).unpause()).to.be.revertedWithCustomError(ebl, "ExpectedPause");
      await ebl.connect(admin).pause();
      await expect(ebl.connect(admin).pause()).to.be.revertedWithCustomError(ebl, "EnforcedPause");
    });
  });
});
