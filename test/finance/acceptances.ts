/**
 * Documents against acceptance (DocumentsAgainstAcceptance): the eBL reaches the drawee only in the transaction that
 * issues its accepted bill as a payment obligation to the lodger; every other path takes the eBL back to the lodger.
 * Each refusal is its own test and checks that nothing moved.
 */
import { expect } from "chai";

import { addressesFromIgnition } from "../../sdk/src/node.js";

import {
  ALLOWANCE,
  AMOUNT,
  BillKind,
  CollectionStatus,
  DAY,
  ObligationStatus,
  PaymentMethod,
  TENOR,
  deployAcceptances,
  ethers,
  networkHelpers,
  type Acceptances,
} from "./acceptancesFixture.js";

const { loadFixture, time } = networkHelpers;

async function lodged() {
  const f = await deployAcceptances();
  const collectionId = await f.lodge();
  return { ...f, collectionId };
}

describe("DocumentsAgainstAcceptance", function () {
  describe("deployment", function () {
    it("keeps the registry, the participants and the obligations token it was given", async function () {
      const f = await loadFixture(deployAcceptances);
      expect(await f.da.registry()).to.equal(await f.ebl.getAddress());
      expect(await f.da.participants()).to.equal(await f.participants.getAddress());
      expect(await f.da.obligations()).to.equal(f.obligationsAddress);
    });

    it("the SDK reads both addresses from an Ignition deployment (paymentObligations, documentsAgainstAcceptance)", async function () {
      const a = (n: number) => ethers.getAddress(`0x${n.toString(16).padStart(40, "0")}`);
      const addresses = await addressesFromIgnition({
        "CargoRails#ParticipantRegistry": a(1),
        "CargoRails#PaymentObligations": a(2),
        "CargoRails#DocumentsAgainstAcceptance": a(3),
      });
      expect(addresses).to.deep.equal({
        participantRegistry: a(1),
        paymentObligations: a(2),
        documentsAgainstAcceptance: a(3),
      });
    });

    it("refuses a zero address (RailsZeroAddress)", async function () {
      const f = await loadFixture(deployAcceptances);
      await expect(
        ethers.deployContract("DocumentsAgainstAcceptance", [
          await f.ebl.getAddress(),
          await f.participants.getAddress(),
          ethers.ZeroAddress,
          await f.manager.getAddress(),
        ]),
      ).to.be.revertedWithCustomError(f.da, "RailsZeroAddress");
    });
  });

  describe("lodging", function () {
    it("takes the eBL into custody for its title holder and records the instruction", async function () {
      const f = await loadFixture(deployAcceptances);
      const ins = await f.instruction();
      await f.ebl.connect(f.exporter).approve(f.daAddress, f.tokenId);
      const chainId = (await ethers.provider.getNetwork()).chainId;
      const expectedId = ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["uint256", "address", "uint256"], [chainId, f.daAddress, 1n]),
      );
      await expect(f.da.connect(f.exporter).lodge(ins))
        .to.emit(f.da, "CollectionLodged")
        .withArgs(expectedId, f.exporter.address, f.importer.address, f.tokenId, Object.values(ins));
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.daAddress);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.exporter.address);
      expect((await f.ebl.billOf(f.tokenId)).custodyForTitle).to.equal(true);
      const c = await f.da.collection(expectedId);
      expect(c.lodger).to.equal(f.exporter.address);
      expect(c.status).to.equal(CollectionStatus.Lodged);
      expect(c.amount).to.equal(AMOUNT);
      expect(c.obligationId).to.equal(0n);
    });

    it("takes a blank-endorsed eBL from the bank holding it", async function () {
      const f = await loadFixture(deployAcceptances);
      await f.ebl.connect(f.exporter).blankEndorse(f.tokenId);
      await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, f.hkBank.address, f.tokenId);
      const collectionId = await f.lodge({}, f.hkBank);
      await f.acceptWithAllowance(collectionId);
      const obligationId = await f.obligationIdOf(collectionId);
      expect(await f.obligations.ownerOf(obligationId)).to.equal(f.hkBank.address);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
    });
  });

  describe("acceptance", function () {
    it("issues the obligation to the lodger and endorses and delivers the eBL to the drawee, in one transaction", async function () {
      const f = await loadFixture(lodged);
      const obligationId = await f.obligationIdOf(f.collectionId);
      await f.hkd.connect(f.importer).approve(f.obligationsAddress, AMOUNT);
      const tx = await f.da.connect(f.importer).accept(f.collectionId, ALLOWANCE);
      const maturity = BigInt(await time.latest()) + TENOR;
      await expect(tx)
        .to.emit(f.da, "CollectionAccepted")
        .withArgs(f.collectionId, obligationId, f.importer.address, maturity);
      await expect(tx).to.emit(f.obligations, "ObligationIssued");
      await expect(tx)
        .to.emit(f.obligations, "Transfer")
        .withArgs(ethers.ZeroAddress, f.exporter.address, obligationId);
      await expect(tx)
        .to.emit(f.ebl, "Endorsed")
        .withArgs(f.tokenId, f.daAddress, f.importer.address, f.exporter.address, f.daAddress, true);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.obligations.ownerOf(obligationId)).to.equal(f.exporter.address);
      const c = await f.da.collection(f.collectionId);
      expect(c.status).to.equal(CollectionStatus.Accepted);
      expect(c.obligationId).to.equal(obligationId);
      const o = await f.obligations.obligation(obligationId);
      expect(o.drawer).to.equal(f.exporter.address);
      expect(o.drawee).to.equal(f.importer.address);
      expect(o.amount).to.equal(AMOUNT);
      expect(o.maturity).to.equal(maturity);
      expect(o.status).to.equal(ObligationStatus.Outstanding);
      expect(o.registry).to.equal(await f.ebl.getAddress());
      expect(o.eblTokenId).to.equal(f.tokenId);
      expect(o.arrangement.method).to.equal(PaymentMethod.Allowance);
    });

    it("with an EIP-3009 authorisation: the maturity is its validAfter + 1, and the authorisation is stored", async function () {
      const f = await loadFixture(lodged);
      const obligationId = await f.obligationIdOf(f.collectionId);
      const maturity = BigInt(await time.latest()) + TENOR + DAY; // a day of margin for the acceptance's block
      const auth = await f.authorization(obligationId, maturity);
      await expect(f.da.connect(f.importer).accept(f.collectionId, auth))
        .to.emit(f.da, "CollectionAccepted")
        .withArgs(f.collectionId, obligationId, f.importer.address, maturity);
      const o = await f.obligations.obligation(obligationId);
      expect(o.maturity).to.equal(maturity);
      expect(o.arrangement.method).to.equal(PaymentMethod.Authorization);
      expect(o.arrangement.validAfter).to.equal(maturity - 1n);
      expect(o.arrangement.signature).to.equal(auth.signature);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.importer.address);
    });
  });

  describe("the ways back to the lodger", function () {
    it("the lodger withdraws before acceptance: the eBL comes back with its title", async function () {
      const f = await loadFixture(lodged);
      await expect(f.da.connect(f.exporter).withdraw(f.collectionId))
        .to.emit(f.da, "CollectionWithdrawn")
        .withArgs(f.collectionId, f.exporter.address);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.exporter.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.exporter.address);
      expect((await f.da.collection(f.collectionId)).status).to.equal(CollectionStatus.Withdrawn);
      expect(await f.obligations.balanceOf(f.exporter.address)).to.equal(0n);
    });

    it("the drawee refuses, with its reason: the eBL goes back", async function () {
      const f = await loadFixture(lodged);
      const reason = ethers.encodeBytes32String("GOODS NOT AS ORDERED");
      await expect(f.da.connect(f.importer).refuse(f.collectionId, reason))
        .to.emit(f.da, "CollectionRefused")
        .withArgs(f.collectionId, f.importer.address, reason);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.exporter.address);
      expect((await f.da.collection(f.collectionId)).status).to.equal(CollectionStatus.Refused);
    });

    it("after the acceptance deadline anyone returns the unaccepted eBL", async function () {
      const f = await loadFixture(lodged);
      await time.increaseTo((await f.da.collection(f.collectionId)).acceptBy + 1n);
      await expect(f.da.connect(f.stranger).returnUnaccepted(f.collectionId))
        .to.emit(f.da, "CollectionReturned")
        .withArgs(f.collectionId, f.exporter.address, f.stranger.address);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.exporter.address);
      expect((await f.da.collection(f.collectionId)).status).to.equal(CollectionStatus.Returned);
    });

    it("an eBL on legal hold waits in custody and goes back once the hold is lifted", async function () {
      const f = await loadFixture(lodged);
      const reason = ethers.encodeBytes32String("COURT ORDER");
      await f.ebl.connect(f.regulator).placeLegalHold(f.tokenId, reason);
      await expect(f.da.connect(f.exporter).withdraw(f.collectionId)).to.be.revertedWithCustomError(
        f.ebl,
        "EblOnLegalHold",
      );
      await f.ebl.connect(f.regulator).liftLegalHold(f.tokenId, reason);
      await f.da.connect(f.exporter).withdraw(f.collectionId);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.exporter.address);
    });
  });

  describe("refusals (nothing moves)", function () {
    type Refusal = {
      name: string;
      setup?: (f: Acceptances & { collectionId: string }) => Promise<void>;
      act: (f: Acceptances & { collectionId: string }) => Promise<unknown>;
      error: string;
      on?: "da" | "obligations";
    };
    const refusals: Refusal[] = [
      {
        name: "a lodging with a zero drawee",
        act: async (f) => f.da.connect(f.exporter).lodge(await f.instruction({ drawee: ethers.ZeroAddress })),
        error: "RailsZeroAddress",
      },
      {
        name: "a lodging of a zero amount",
        act: async (f) => f.da.connect(f.exporter).lodge(await f.instruction({ amount: 0n })),
        error: "RailsZeroAmount",
      },
      {
        name: "a lodging with a zero tenor (a sight draft)",
        act: async (f) => f.da.connect(f.exporter).lodge(await f.instruction({ tenor: 0n })),
        error: "CollectionInvalidTenor",
      },
      {
        name: "a lodging whose acceptance deadline has passed",
        act: async (f) => f.da.connect(f.exporter).lodge(await f.instruction({ acceptBy: (await f.now()) - 1n })),
        error: "RailsExpired",
      },
      {
        name: "a lodging naming a bank as drawee",
        act: async (f) => f.da.connect(f.exporter).lodge(await f.instruction({ drawee: f.hkBank.address })),
        error: "CollectionDraweeNotTrader",
      },
      {
        name: "a lodging by someone who does not hold the eBL",
        act: async (f) => f.da.connect(f.outsider).lodge(await f.instruction()),
        error: "CollectionNotHolder",
      },
      {
        name: "a lodging of a straight B/L",
        setup: async (f) => {
          await f.ebl
            .connect(f.carrier)
            .issue(f.exporter.address, "STRAIGHT-1", BillKind.Straight, f.importer.address, ethers.id("straight"));
        },
        act: async (f) =>
          f.da
            .connect(f.exporter)
            .lodge(await f.instruction({ eblTokenId: await f.ebl.tokenIdOf(f.carrier.address, "STRAIGHT-1") })),
        error: "CollectionBillNotEndorsable",
      },
      {
        name: "an acceptance by someone other than the drawee",
        act: (f) => f.da.connect(f.exporter).accept(f.collectionId, ALLOWANCE),
        error: "CollectionNotDrawee",
      },
      {
        name: "an acceptance after the deadline",
        setup: async (f) => {
          await time.increaseTo((await f.da.collection(f.collectionId)).acceptBy + 1n);
        },
        act: (f) => f.da.connect(f.importer).accept(f.collectionId, ALLOWANCE),
        error: "RailsExpired",
      },
      {
        name: "an acceptance of a withdrawn collection",
        setup: async (f) => {
          await f.da.connect(f.exporter).withdraw(f.collectionId);
        },
        act: (f) => f.da.connect(f.importer).accept(f.collectionId, ALLOWANCE),
        error: "CollectionNotLodged",
      },
      {
        name: "an authorisation whose maturity is earlier than the tenor allows",
        act: async (f) =>
          f.da
            .connect(f.importer)
            .accept(
              f.collectionId,
              await f.authorization(await f.obligationIdOf(f.collectionId), (await f.now()) + TENOR - DAY),
            ),
        error: "CollectionInvalidMaturity",
      },
      {
        name: "an authorisation whose maturity is later than acceptBy + tenor",
        act: async (f) =>
          f.da
            .connect(f.importer)
            .accept(
              f.collectionId,
              await f.authorization(
                await f.obligationIdOf(f.collectionId),
                (await f.da.collection(f.collectionId)).acceptBy + TENOR + 1n,
              ),
            ),
        error: "CollectionInvalidMaturity",
      },
      {
        name: "an authorisation that expires too soon after maturity",
        act: async (f) => {
          const maturity = (await f.now()) + TENOR + DAY;
          return f.da
            .connect(f.importer)
            .accept(
              f.collectionId,
              await f.authorization(await f.obligationIdOf(f.collectionId), maturity, { validBefore: maturity + DAY }),
            );
        },
        error: "ObligationAuthorizationMismatch",
        on: "obligations",
      },
      {
        name: "an authorisation not signed by the drawee",
        act: async (f) =>
          f.da.connect(f.importer).accept(
            f.collectionId,
            await f.authorization(await f.obligationIdOf(f.collectionId), (await f.now()) + TENOR + DAY, {
              signer: f.outsider,
            }),
          ),
        error: "RailsInvalidSignature",
        on: "obligations",
      },
      {
        name: "an authorisation for less than the amount",
        act: async (f) => {
          const maturity = (await f.now()) + TENOR + DAY;
          const auth = await f.authorization(await f.obligationIdOf(f.collectionId), maturity, {
            value: AMOUNT - 1n,
          });
          return f.da.connect(f.importer).accept(f.collectionId, auth);
        },
        error: "RailsInvalidSignature",
        on: "obligations",
      },
      {
        name: "a permit as the payment arrangement",
        act: (f) => f.da.connect(f.importer).accept(f.collectionId, { ...ALLOWANCE, method: PaymentMethod.Permit }),
        error: "ObligationUnsupportedArrangement",
        on: "obligations",
      },
      {
        name: "a refusal by someone other than the drawee",
        act: (f) => f.da.connect(f.exporter).refuse(f.collectionId, ethers.ZeroHash),
        error: "CollectionNotDrawee",
      },
      {
        name: "a withdrawal by someone other than the lodger",
        act: (f) => f.da.connect(f.importer).withdraw(f.collectionId),
        error: "CollectionNotLodger",
      },
      {
        name: "a return before the acceptance deadline",
        act: (f) => f.da.connect(f.stranger).returnUnaccepted(f.collectionId),
        error: "CollectionAcceptancePeriodOpen",
      },
      {
        name: "a second acceptance",
        setup: async (f) => {
          await f.acceptWithAllowance(f.collectionId);
        },
        act: (f) => f.da.connect(f.importer).accept(f.collectionId, ALLOWANCE),
        error: "CollectionNotLodged",
      },
      {
        name: "a return after acceptance",
        setup: async (f) => {
          await f.acceptWithAllowance(f.collectionId);
          await time.increase(8n * DAY);
        },
        act: (f) => f.da.connect(f.stranger).returnUnaccepted(f.collectionId),
        error: "CollectionNotLodged",
      },
    ];
    for (const r of refusals) {
      it(`refuses ${r.name} (${r.error})`, async function () {
        const f = await loadFixture(lodged);
        await r.setup?.(f);
        const before = await f.snapshot({ collectionId: f.collectionId });
        const target = r.on === "obligations" ? f.obligations : f.da;
        await expect(r.act(f)).to.be.revertedWithCustomError(target, r.error);
        expect(await f.snapshot({ collectionId: f.collectionId })).to.equal(before);
      });
    }
  });
});

describe("Recovery of stray assets (TRADE FINANCE ADMIN)", function () {
  describe("DocumentsAgainstAcceptance", function () {
    it("sends back an eBL moved in with a plain transferFrom, for the role holder", async function () {
      const f = await loadFixture(deployAcceptances);
      const registry = await f.ebl.getAddress();
      await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, f.daAddress, f.tokenId);
      await expect(f.da.connect(f.admin).recoverStrayEbl(registry, f.tokenId, f.exporter.address))
        .to.emit(f.da, "StrayAssetRecovered")
        .withArgs(registry, f.exporter.address, f.tokenId);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
    });

    it("sends back deposits sent with a plain transfer: it never holds money, so the whole balance is stray", async function () {
      const f = await loadFixture(deployAcceptances);
      const token = await f.hkd.getAddress();
      await f.hkd.connect(f.importer).transfer(f.daAddress, AMOUNT);
      await expect(f.da.connect(f.admin).recoverStrayToken(token, f.importer.address, AMOUNT))
        .to.emit(f.da, "StrayAssetRecovered")
        .withArgs(token, f.importer.address, AMOUNT);
      expect(await f.hkd.balanceOf(f.daAddress)).to.equal(0n);
    });

    it("refuses recoverStrayToken to an account without TRADE FINANCE ADMIN (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deployAcceptances);
      await f.hkd.connect(f.importer).transfer(f.daAddress, AMOUNT);
      await expect(
        f.da.connect(f.importer).recoverStrayToken(await f.hkd.getAddress(), f.importer.address, AMOUNT),
      ).to.be.revertedWithCustomError(f.da, "AccessManagedUnauthorized");
      expect(await f.hkd.balanceOf(f.daAddress)).to.equal(AMOUNT);
    });

    it("refuses recoverStrayEbl to an account without TRADE FINANCE ADMIN (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deployAcceptances);
      await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, f.daAddress, f.tokenId);
      await expect(
        f.da.connect(f.exporter).recoverStrayEbl(await f.ebl.getAddress(), f.tokenId, f.exporter.address),
      ).to.be.revertedWithCustomError(f.da, "AccessManagedUnauthorized");
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.daAddress);
    });

    it("refuses the eBL of a Lodged collection (TradeFinanceAssetHeld), and nothing moves", async function () {
      const f = await loadFixture(deployAcceptances);
      const collectionId = await f.lodge();
      const registry = await f.ebl.getAddress();
      const before = await f.snapshot({ collectionId });
      await expect(f.da.connect(f.admin).recoverStrayEbl(registry, f.tokenId, f.exporter.address))
        .to.be.revertedWithCustomError(f.da, "TradeFinanceAssetHeld")
        .withArgs(registry, f.tokenId);
      expect(await f.snapshot({ collectionId })).to.equal(before);
    });

    it("recovers an eBL that came back by a plain transferFrom after its collection ended", async function () {
      const f = await loadFixture(deployAcceptances);
      const collectionId = await f.lodge();
      await f.da.connect(f.exporter).withdraw(collectionId);
      await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, f.daAddress, f.tokenId);
      await f.da.connect(f.admin).recoverStrayEbl(await f.ebl.getAddress(), f.tokenId, f.exporter.address);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
    });
  });

  describe("PaymentObligations", function () {
    it("sends back an eBL moved in with a plain transferFrom, for the role holder", async function () {
      const f = await loadFixture(deployAcceptances);
      const registry = await f.ebl.getAddress();
      await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, f.obligationsAddress, f.tokenId);
      await expect(f.obligations.connect(f.admin).recoverStrayEbl(registry, f.tokenId, f.exporter.address))
        .to.emit(f.obligations, "StrayAssetRecovered")
        .withArgs(registry, f.exporter.address, f.tokenId);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
    });

    it("sends back deposits sent with a plain transfer: payments pass through, so the whole balance is stray", async function () {
      const f = await loadFixture(deployAcceptances);
      const token = await f.hkd.getAddress();
      await f.hkd.connect(f.importer).transfer(f.obligationsAddress, AMOUNT);
      await expect(f.obligations.connect(f.admin).recoverStrayToken(token, f.importer.address, AMOUNT))
        .to.emit(f.obligations, "StrayAssetRecovered")
        .withArgs(token, f.importer.address, AMOUNT);
      expect(await f.hkd.balanceOf(f.obligationsAddress)).to.equal(0n);
    });

    it("refuses recoverStrayEbl to an account without TRADE FINANCE ADMIN (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deployAcceptances);
      await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, f.obligationsAddress, f.tokenId);
      await expect(
        f.obligations.connect(f.exporter).recoverStrayEbl(await f.ebl.getAddress(), f.tokenId, f.exporter.address),
      ).to.be.revertedWithCustomError(f.obligations, "AccessManagedUnauthorized");
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.obligationsAddress);
    });

    it("refuses recoverStrayToken to an account without TRADE FINANCE ADMIN (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deployAcceptances);
      const token = await f.hkd.getAddress();
      await f.hkd.connect(f.importer).transfer(f.obligationsAddress, AMOUNT);
      await expect(
        f.obligations.connect(f.importer).recoverStrayToken(token, f.importer.address, AMOUNT),
      ).to.be.revertedWithCustomError(f.obligations, "AccessManagedUnauthorized");
      expect(await f.hkd.balanceOf(f.obligationsAddress)).to.equal(AMOUNT);
    });
  });
});
