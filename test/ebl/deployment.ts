/** The eBL registry's deployment (its wiring and interfaces) and its token ids. */
import { expect } from "chai";

import { ethers, fixture, loadFixture } from "./fixture.js";

describe("BillOfLadingRegistry — deployment and token ids", function () {
  describe("deployment", function () {
    it("refuses a zero participant registry", async function () {
      const { ebl, manager } = await loadFixture(fixture);
      const factory = await ethers.getContractFactory("BillOfLadingRegistry");
      await expect(factory.deploy(ethers.ZeroAddress, await manager.getAddress())).to.be.revertedWithCustomError(
        ebl,
        "RailsZeroAddress",
      );
    });

    it("wires the participant registry, the name, the authority and the interfaces", async function () {
      const { ebl, participants, manager } = await loadFixture(fixture);
      expect(await ebl.participants()).to.equal(await participants.getAddress());
      expect(await ebl.name()).to.equal("Cargo Rails Electronic Bill of Lading");
      expect(await ebl.symbol()).to.equal("eBL");
      expect(await ebl.authority()).to.equal(await manager.getAddress());
      expect(await ebl.supportsInterface("0x80ac58cd")).to.equal(true, "ERC-721");
      expect(await ebl.supportsInterface("0x5604e225")).to.equal(true, "ERC-4494");
      expect(await ebl.supportsInterface("0x7965db0b")).to.equal(false, "AccessControl: roles live in the manager");
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
        "exportBill",
        "importBill",
        "act",
        "tokenIdOf",
        "billOf",
        "holderOf",
        "titleHolderOf",
        "kindOf",
        "documentOf",
        "isBlankEndorsed",
        "surrendererOf",
        "canEndorse",
        "handoverOf",
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
});
