import { expect } from "chai";
import { network } from "hardhat";

import { BillKind, HOLD_REASON, Status, canonicalize, dcsaChecksum, deployEbl, readDcsaFixture } from "./helpers.js";

const { ethers, networkHelpers } = await network.create();
const { loadFixture } = networkHelpers;

async function fixture() {
  return deployEbl({ ethers, networkHelpers } as Parameters<typeof deployEbl>[0]);
}

type Registry = Awaited<ReturnType<typeof fixture>>["ebl"];

interface ChainEntry {
  action: string;
  actor: string;
  from?: string;
  to?: string;
}

/**
 * Rebuilds the DCSA endorsement chain of one eBL from the registry's domain events alone, the way the SDK does:
 * one entry per event, in log order.
 */
async function endorsementChain(ebl: Registry, tokenId: bigint): Promise<ChainEntry[]> {
  const logs = await ethers.provider.getLogs({
    address: await ebl.getAddress(),
    fromBlock: 0,
    toBlock: "latest",
  });
  const chain: ChainEntry[] = [];
  for (const log of logs) {
    const ev = ebl.interface.parseLog(log);
    if (ev === null || ev.args[0] !== tokenId) continue;
    const a = ev.args;
    switch (ev.name) {
      case "BillIssued":
        chain.push({ action: "ISSUE", actor: a.issuer, to: a.holder });
        break;
      case "PossessionTransferred":
        chain.push({
          action: "TRANSFER",
          actor: a.actor,
          from: a.from,
          to: a.to,
        });
        break;
      case "Endorsed":
        chain.push({
          action: a.delivered ? "ENDORSE+DELIVER" : "ENDORSE",
          actor: a.actor,
          from: a.holder,
          to: a.endorsee,
        });
        break;
      case "BlankEndorsed":
        chain.push({ action: "BLANK_ENDORSE", actor: a.actor, from: a.holder });
        break;
      case "Surrendered":
        chain.push({
          action: a.forAmendment ? "SURRENDER_FOR_AMENDMENT" : "SURRENDER_FOR_DELIVERY",
          actor: a.actor,
          from: a.surrenderer,
          to: a.carrier,
        });
        break;
      case "SurrenderAccepted":
        chain.push({
          action: "SURRENDER_ACCEPTED",
          actor: a.carrier,
          from: a.surrenderer,
        });
        break;
      case "SurrenderRejected":
        chain.push({
          action: "SURRENDER_REJECTED",
          actor: a.carrier,
          to: a.surrenderer,
        });
        break;
      case "AmendmentIssued":
        chain.push({
          action: "AMENDMENT_ISSUED",
          actor: a.carrier,
          to: a.holder,
        });
        break;
      case "SwitchToPaperRequested":
        chain.push({
          action: "SWITCH_TO_PAPER_REQUESTED",
          actor: a.actor,
          from: a.holder,
        });
        break;
      case "SwitchedToPaper":
        chain.push({
          action: "SWITCH_TO_PAPER",
          actor: a.carrier,
          from: a.holder,
        });
        break;
      case "LegalHoldPlaced":
        chain.push({ action: "LEGAL_HOLD", actor: a.authority });
        break;
      case "LegalHoldLifted":
        chain.push({ action: "LEGAL_HOLD_LIFTED", actor: a.authority });
        break;
    }
  }
  return chain;
}

describe("eBL scenarios", function () {
  describe("the document hash is DCSA's checksum", function () {
    it("canonicalises as RFC 8785 (the RFC's own example)", function () {
      const input = JSON.parse(
        '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
          '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
      );
      expect(canonicalize(input)).to.equal(
        '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
          '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
      );
    });

    it("stores SHA-256 of the canonical JSON, independent of member order, and a changed field changes it", async function () {
      const { ebl, carrier, shipper, consignee } = await loadFixture(fixture);
      const raw = readDcsaFixture("pint-3.0.0-transport-document.json");
      const document = { ...raw, transportDocumentReference: "HHL71800001" };
      const reordered = Object.fromEntries(Object.entries(document).reverse());
      const hash = dcsaChecksum(document);
      expect(dcsaChecksum(reordered)).to.equal(hash);
      expect(hash).to.not.equal(ethers.keccak256(ethers.toUtf8Bytes(canonicalize(document))), "not keccak");
      expect(dcsaChecksum({ ...document, isToOrder: true })).to.not.equal(hash);

      await ebl.connect(carrier).issue(shipper.address, "HHL71800001", BillKind.Straight, consignee.address, hash);
      const id = await ebl.tokenIdOf(carrier.address, "HHL71800001");
      expect((await ebl.documentOf(id))[0]).to.equal(ethers.sha256(ethers.toUtf8Bytes(canonicalize(reordered))));
    });
  });

  it("to-order B/L endorsed twice, then surrendered and accomplished", async function () {
    const { ebl, lens, carrier, shipper, bankA, buyer, doc } = await loadFixture(fixture);
    // Issued to order of the shipper; the shipper finances with bank A, bank A releases to the buyer on repayment.
    await ebl.connect(carrier).issue(shipper.address, doc.reference, BillKind.ToOrder, shipper.address, doc.hash);
    const id = await ebl.tokenIdOf(carrier.address, doc.reference);
    await ebl.connect(shipper).endorseAndDeliver(id, bankA.address);
    expect(await ebl.canEndorse(id, shipper.address)).to.equal(false, "the shipper is divested");
    await ebl.connect(bankA).endorseAndDeliver(id, buyer.address);
    expect([await ebl.ownerOf(id), await ebl.titleHolderOf(id)]).to.deep.equal([buyer.address, buyer.address]);
    await ebl.connect(buyer).surrenderForDelivery(id);
    await ebl.connect(carrier).acceptSurrender(id);
    expect(await lens.statusOf(ebl, id)).to.equal(Status.Accomplished);

    expect(await endorsementChain(ebl, id)).to.deep.equal([
      { action: "ISSUE", actor: carrier.address, to: shipper.address },
      {
        action: "ENDORSE+DELIVER",
        actor: shipper.address,
        from: shipper.address,
        to: bankA.address,
      },
      {
        action: "ENDORSE+DELIVER",
        actor: bankA.address,
        from: bankA.address,
        to: buyer.address,
      },
      {
        action: "SURRENDER_FOR_DELIVERY",
        actor: buyer.address,
        from: buyer.address,
        to: carrier.address,
      },
      {
        action: "SURRENDER_ACCEPTED",
        actor: carrier.address,
        from: buyer.address,
      },
    ]);
    // Singularity: the same B/L number of the same carrier can never be issued again.
    await expect(ebl.connect(carrier).issue(buyer.address, doc.reference, BillKind.ToOrder, buyer.address, doc.hash))
      .to.be.revertedWithCustomError(ebl, "EblAlreadyIssued")
      .withArgs(id);
  });

  it("straight B/L delivered to its consignee through the settlement contract", async function () {
    const { ebl, admin, carrier, shipper, consignee, buyer, settlement, doc } = await loadFixture(fixture);
    await ebl.connect(carrier).issue(shipper.address, doc.reference, BillKind.Straight, consignee.address, doc.hash);
    const id = await ebl.tokenIdOf(carrier.address, doc.reference);
    const s = await settlement.getAddress();
    const registry = await ebl.getAddress();

    // Shipper escrows the B/L with the settlement contract; a third trader can never receive it.
    await ebl.connect(shipper).transferFrom(shipper.address, s, id);
    const toBuyer = ebl.interface.encodeFunctionData("transferFrom", [s, buyer.address, id]);
    await expect(settlement.connect(admin).execute(registry, toBuyer))
      .to.be.revertedWithCustomError(ebl, "EblStraightRecipientNotAllowed")
      .withArgs(id, buyer.address);
    // Payment settled: the settlement contract delivers possession to the consignee.
    await settlement
      .connect(admin)
      .execute(registry, ebl.interface.encodeFunctionData("transferFrom", [s, consignee.address, id]));
    expect(await ebl.titleHolderOf(id)).to.equal(consignee.address);
    await ebl.connect(consignee).surrenderForDelivery(id);
    await ebl.connect(carrier).acceptSurrender(id);

    expect((await endorsementChain(ebl, id)).map((e) => e.action)).to.deep.equal([
      "ISSUE",
      "TRANSFER",
      "TRANSFER",
      "SURRENDER_FOR_DELIVERY",
      "SURRENDER_ACCEPTED",
    ]);
  });

  it("blank endorsement, then re-endorsement to a name", async function () {
    const { ebl, carrier, shipper, bankA, buyer, issueToOrder } = await loadFixture(fixture);
    const id = await issueToOrder();
    await ebl.connect(shipper).blankEndorse(id);
    await ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id);
    expect(await ebl.isBlankEndorsed(id)).to.equal(true);
    // As bearer, bank A has title and names the buyer.
    await ebl.connect(bankA).endorseAndDeliver(id, buyer.address);
    expect(await ebl.isBlankEndorsed(id)).to.equal(false);
    // The shipper, who once held it as bearer, cannot act anymore.
    await expect(ebl.connect(shipper).endorse(id, shipper.address))
      .to.be.revertedWithCustomError(ebl, "EblNotHolder")
      .withArgs(id, shipper.address);
    await ebl.connect(buyer).surrenderForDelivery(id);
    await ebl.connect(carrier).acceptSurrender(id);
    expect((await endorsementChain(ebl, id)).map((e) => e.action)).to.deep.equal([
      "ISSUE",
      "BLANK_ENDORSE",
      "TRANSFER",
      "ENDORSE+DELIVER",
      "SURRENDER_FOR_DELIVERY",
      "SURRENDER_ACCEPTED",
    ]);
  });

  it("amendment: surrender for amendment, amended version 2 back to the same holder and title holder", async function () {
    const { ebl, carrier, shipper, bankA, doc, issueToOrder } = await loadFixture(fixture);
    const id = await issueToOrder("AMEND-1", bankA.address);
    await ebl.connect(shipper).transferFrom(shipper.address, bankA.address, id);
    await ebl.connect(bankA).surrenderForAmendment(id);
    const issuance = readDcsaFixture("eblissuance-v3.0.0-request.json");
    const amended = dcsaChecksum({
      ...issuance.document,
      transportDocumentReference: "AMEND-1",
    });
    await ebl.connect(carrier).issueAmendment(id, amended);
    expect(await ebl.documentOf(id)).to.deep.equal([amended, 2n]);
    expect([await ebl.ownerOf(id), await ebl.titleHolderOf(id)]).to.deep.equal([bankA.address, bankA.address]);
    // The amended eBL lives on as before.
    await ebl.connect(bankA).surrenderForDelivery(id);
    await ebl.connect(carrier).acceptSurrender(id);
    const chain = (await endorsementChain(ebl, id)).map((e) => e.action);
    expect(chain).to.deep.equal([
      "ISSUE",
      "TRANSFER",
      "SURRENDER_FOR_AMENDMENT",
      "AMENDMENT_ISSUED",
      "SURRENDER_FOR_DELIVERY",
      "SURRENDER_ACCEPTED",
    ]);
    expect(doc.hash).to.not.equal(amended);
  });

  it("switch to paper: the token is voided for good and its identity never comes back", async function () {
    const { ebl, lens, carrier, shipper, buyer, regulator, doc, issueToOrder } = await loadFixture(fixture);
    const id = await issueToOrder("PAPER-1");
    await ebl.connect(shipper).endorseAndDeliver(id, buyer.address);
    await ebl.connect(buyer).requestSwitchToPaper(id);
    await ebl.connect(carrier).confirmSwitchToPaper(id);
    expect(await lens.statusOf(ebl, id)).to.equal(Status.SwitchedToPaper);
    await expect(ebl.connect(carrier).issue(buyer.address, "PAPER-1", BillKind.ToOrder, buyer.address, doc.hash))
      .to.be.revertedWithCustomError(ebl, "EblAlreadyIssued")
      .withArgs(id);
    await expect(ebl.connect(regulator).placeLegalHold(id, HOLD_REASON))
      .to.be.revertedWithCustomError(ebl, "EblInvalidStatus")
      .withArgs(id, Status.SwitchedToPaper);
    expect((await endorsementChain(ebl, id)).map((e) => e.action)).to.deep.equal([
      "ISSUE",
      "ENDORSE+DELIVER",
      "SWITCH_TO_PAPER_REQUESTED",
      "SWITCH_TO_PAPER",
    ]);
  });

  it("rejected surrender: back to the surrenderer, then surrendered again and accomplished", async function () {
    const { ebl, lens, carrier, shipper, buyer, issueToOrder } = await loadFixture(fixture);
    const id = await issueToOrder("REJ-1");
    await ebl.connect(shipper).endorseAndDeliver(id, buyer.address);
    await ebl.connect(buyer).surrenderForDelivery(id);
    await ebl.connect(carrier).rejectSurrender(id);
    expect([await ebl.ownerOf(id), await ebl.titleHolderOf(id)]).to.deep.equal([buyer.address, buyer.address]);
    expect(await lens.statusOf(ebl, id)).to.equal(Status.Issued);
    await ebl.connect(buyer).surrenderForDelivery(id);
    await ebl.connect(carrier).acceptSurrender(id);
    expect((await endorsementChain(ebl, id)).map((e) => e.action)).to.deep.equal([
      "ISSUE",
      "ENDORSE+DELIVER",
      "SURRENDER_FOR_DELIVERY",
      "SURRENDER_REJECTED",
      "SURRENDER_FOR_DELIVERY",
      "SURRENDER_ACCEPTED",
    ]);
  });

  it("legal hold in the middle of a flow freezes everything until lifted", async function () {
    const { ebl, carrier, shipper, bankA, buyer, regulator, issueToOrder } = await loadFixture(fixture);
    const id = await issueToOrder("HOLD-1");
    await ebl.connect(shipper).endorseAndDeliver(id, bankA.address);
    await ebl.connect(regulator).placeLegalHold(id, HOLD_REASON);
    // Each attempt is made (and refused) one after the other.
    const attempts = [
      () => ebl.connect(bankA).endorseAndDeliver(id, buyer.address),
      () => ebl.connect(bankA).endorse(id, buyer.address),
      () => ebl.connect(bankA).blankEndorse(id),
      () => ebl.connect(bankA).transferFrom(bankA.address, buyer.address, id),
      () => ebl.connect(bankA).surrenderForDelivery(id),
      () => ebl.connect(bankA).surrenderForAmendment(id),
      () => ebl.connect(bankA).requestSwitchToPaper(id),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).to.be.revertedWithCustomError(ebl, "EblOnLegalHold").withArgs(id);
    }
    expect(await ebl.canEndorse(id, bankA.address)).to.equal(false);
    await ebl.connect(regulator).liftLegalHold(id, ethers.encodeBytes32String("RELEASED"));
    await ebl.connect(bankA).endorseAndDeliver(id, buyer.address);
    await ebl.connect(buyer).surrenderForDelivery(id);
    await ebl.connect(carrier).acceptSurrender(id);
    expect((await endorsementChain(ebl, id)).map((e) => e.action)).to.deep.equal([
      "ISSUE",
      "ENDORSE+DELIVER",
      "LEGAL_HOLD",
      "LEGAL_HOLD_LIFTED",
      "ENDORSE+DELIVER",
      "SURRENDER_FOR_DELIVERY",
      "SURRENDER_ACCEPTED",
    ]);
  });

  it("DvP: the seller signs a permit for the settlement contract, which endorses and delivers to the buyer", async function () {
    const { ebl, lens, admin, shipper, buyer, settlement, issueToOrder } = await loadFixture(fixture);
    const id = await issueToOrder("DVP-1");
    const s = await settlement.getAddress();
    const { chainId } = await ethers.provider.getNetwork();
    const deadline = BigInt((await networkHelpers.time.latest()) + 3600);
    const sig = await shipper.signTypedData(
      {
        name: "Cargo Rails eBL Registry",
        version: "1",
        chainId,
        verifyingContract: await ebl.getAddress(),
      },
      {
        Permit: [
          { name: "spender", type: "address" },
          { name: "tokenId", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      { spender: s, tokenId: id, nonce: 0n, deadline },
    );
    await ebl.connect(buyer).permit(s, id, deadline, sig); // submitted by the buyer, no transaction from the seller
    await settlement
      .connect(admin)
      .execute(await ebl.getAddress(), ebl.interface.encodeFunctionData("endorseAndDeliver", [id, buyer.address]));
    expect([await ebl.ownerOf(id), await ebl.titleHolderOf(id)]).to.deep.equal([buyer.address, buyer.address]);
    expect(await endorsementChain(ebl, id)).to.deep.equal([
      { action: "ISSUE", actor: await lens.issuerOf(ebl, id), to: shipper.address },
      {
        action: "ENDORSE+DELIVER",
        actor: s,
        from: shipper.address,
        to: buyer.address,
      },
    ]);
  });
});
