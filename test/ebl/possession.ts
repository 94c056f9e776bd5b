/** Transfer of possession (transferFrom / safeTransferFrom): who may move an eBL, to whom, and when not. */
import { expect } from "chai";

import { shouldRefuseUnverifiedReceivers } from "../helpers/behaviours.js";
import {
  HOLD_REASON,
  Status,
  billState,
  ethers,
  expectUnchanged,
  fixture,
  issued,
  loadFixture,
  networkHelpers,
} from "./fixture.js";

describe("BillOfLadingRegistry — transfer of possession (transferFrom / safeTransferFrom)", function () {
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

  describe("refusals", function () {
    it("stops honouring an approval once the operator is no longer a verified custodian", async function () {
      const { ebl, participants, registrar, shipper, bankA, custodian, id } = await loadFixture(issued);
      await ebl.connect(shipper).approve(custodian.address, id);
      await participants.connect(registrar).revoke(custodian.address);
      const before = await billState(ebl, id);
      await expect(ebl.connect(custodian).transferFrom(shipper.address, bankA.address, id))
        .to.be.revertedWithCustomError(ebl, "ERC721InsufficientApproval")
        .withArgs(custodian.address, id);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a caller that is neither holder nor approved", async function () {
      const { ebl, shipper, bankA, id, before } = await loadFixture(issued);
      await expect(ebl.connect(bankA).transferFrom(shipper.address, bankA.address, id))
        .to.be.revertedWithCustomError(ebl, "ERC721InsufficientApproval")
        .withArgs(bankA.address, id);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a wrong `from` (ERC721IncorrectOwner)", async function () {
      const { ebl, shipper, bankA, id, before } = await loadFixture(issued);
      await expect(ebl.connect(shipper).transferFrom(bankA.address, bankA.address, id))
        .to.be.revertedWithCustomError(ebl, "ERC721IncorrectOwner")
        .withArgs(bankA.address, id, shipper.address);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a token that does not exist", async function () {
      const { ebl, shipper, bankA } = await loadFixture(fixture);
      await expect(ebl.connect(shipper).transferFrom(shipper.address, bankA.address, 42n))
        .to.be.revertedWithCustomError(ebl, "ERC721NonexistentToken")
        .withArgs(42n);
    });

    it("refuses to move a surrendered eBL (status not Issued), even for the carrier holding it", async function () {
      const { ebl, carrier, shipper, id } = await loadFixture(issued);
      await ebl.connect(shipper).surrenderForDelivery(id);
      const before = await billState(ebl, id);
      await expect(ebl.connect(carrier).transferFrom(carrier.address, shipper.address, id))
        .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
        .withArgs(id, Status.SurrenderedForDelivery);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses while on legal hold", async function () {
      const { ebl, regulator, shipper, bankA, id } = await loadFixture(issued);
      await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
      const before = await billState(ebl, id);
      await expect(ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id))
        .to.be.revertedWithCustomError(ebl, "EblOnLegalHold")
        .withArgs(id);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses while paused", async function () {
      const { ebl, admin, shipper, bankA, id, before } = await loadFixture(issued);
      await ebl.connect(admin).pause();
      await expect(ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id)).to.be.revertedWithCustomError(
        ebl,
        "EnforcedPause",
      );
      await expectUnchanged(ebl, id, before);
    });

    it("refuses a contract receiver that does not accept ERC-721 tokens (safeTransferFrom)", async function () {
      const { ebl, shipper, bankAccount, id, before } = await loadFixture(issued);
      await bankAccount.setAcceptsTokens(false);
      const account = await bankAccount.getAddress();
      await expect(ebl.connect(shipper)["safeTransferFrom(address,address,uint256)"](shipper.address, account, id))
        .to.be.revertedWithCustomError(ebl, "ERC721InvalidReceiver")
        .withArgs(account);
      await expectUnchanged(ebl, id, before);
    });
  });

  const moves = {
    transferFrom: "transferFrom",
    safeTransferFrom: "safeTransferFrom(address,address,uint256)",
  } as const;
  for (const [name, method] of Object.entries(moves)) {
    describe(`${name}: only verified participants may receive`, function () {
      shouldRefuseUnverifiedReceivers(
        async () => {
          const { ebl, participants, registrar, shipper, bankA, outsider, id } = await loadFixture(issued);
          return {
            contract: ebl,
            participants,
            registrar,
            receiver: bankA.address,
            stranger: outsider.address,
            move: (to) => ebl.connect(shipper)[method](shipper.address, to, id),
            balanceOf: (account) => ebl.balanceOf(account),
            error: "RailsNotVerified",
            time: networkHelpers.time,
          };
        },
        { zeroAddressError: "ERC721InvalidReceiver" },
      );
    });
  }

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
      const before = await billState(ebl, id);
      await expect(ebl.connect(shipper).transferFrom(shipper.address, buyer.address, id))
        .to.be.revertedWithCustomError(ebl, "EblStraightRecipientNotAllowed")
        .withArgs(id, buyer.address);
      await expectUnchanged(ebl, id, before);
    });

    it("refuses an unverified receiver before the straight rule", async function () {
      const { ebl, shipper, outsider, issueStraight } = await loadFixture(fixture);
      const id = await issueStraight();
      const before = await billState(ebl, id);
      await expect(ebl.connect(shipper).transferFrom(shipper.address, outsider.address, id))
        .to.be.revertedWithCustomError(ebl, "RailsNotVerified")
        .withArgs(outsider.address);
      await expectUnchanged(ebl, id, before);
    });
  });
});
