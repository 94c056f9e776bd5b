import { expect } from "chai";
import type { BaseContract } from "ethers";

import { roleId } from "../../sdk/src/index.js";

import { BillKind, Kinds } from "../ebl/helpers.js";
import { RECEIVER_MISBEHAVIOURS } from "../helpers/adversaries.js";
import { TermsStatus, ethers, networkHelpers } from "../settlement/fixture.js";
import {
  CROSS_BANK_DOMAIN,
  CROSS_BANK_TERMS_TYPES,
  HKD,
  NO_QUOTE,
  deployInterbank,
  type CrossBankTerms,
} from "./fixture.js";

const { loadFixture, time } = networkHelpers;

/** The interbank system with the exporter's eBL approved to the cross-bank settlement contract. */
async function approved() {
  const f = await deployInterbank();
  await f.ebl.connect(f.exporter).approve(await f.crossBank.getAddress(), f.tokenId);
  return f;
}

describe("CrossBankSettlement", function () {
  describe("deployment and hashing", function () {
    it("deploys with an EIP-712 domain whose name fits OpenZeppelin's short string (31 bytes)", async function () {
      const f = await loadFixture(deployInterbank);
      const domain = await f.crossBank.eip712Domain();
      expect(domain.name).to.equal(CROSS_BANK_DOMAIN.name);
      expect(domain.version).to.equal(CROSS_BANK_DOMAIN.version);
      expect(ethers.toUtf8Bytes(domain.name).length).to.be.at.most(31);
      expect(await f.crossBank.DOMAIN_SEPARATOR()).to.equal(ethers.TypedDataEncoder.hashDomain(f.domains.crossBank));
    });

    it("hashCrossBankTerms is the EIP-712 hash of the nested CrossBankTerms(Terms, payee token and amount, Quote)", async function () {
      const f = await loadFixture(deployInterbank);
      const c = await f.crossBankTerms();
      expect(await f.crossBank.hashCrossBankTerms(c)).to.equal(
        ethers.TypedDataEncoder.hash(f.domains.crossBank, CROSS_BANK_TERMS_TYPES, c),
      );
      expect(await f.crossBank.CROSS_BANK_TERMS_TYPEHASH()).to.equal(
        ethers.id(ethers.TypedDataEncoder.from(CROSS_BANK_TERMS_TYPES).encodeType("CrossBankTerms")),
      );
      // Distinct from the single-bank terms hash of the same eBL leg: a signature for one never settles the other.
      expect(await f.crossBank.hashCrossBankTerms(c)).to.not.equal(await f.crossBank.hashTerms(c.terms));
    });
  });

  describe("settleCrossBank", function () {
    it("HKD at Harbour Bank against CNH at Pudong Bank: the eBL and title to the importer, every payment event under the terms' hash", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms();
      const { terms } = c;
      const hash = await f.crossBank.hashCrossBankTerms(c);
      const ib = await f.interbank.getAddress();
      const before = await f.snapshot();

      const tx = f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c));
      await expect(tx)
        .to.emit(f.crossBank, "Settled")
        .withArgs(
          hash,
          f.exporter.address,
          f.importer.address,
          terms.registry,
          f.tokenId,
          terms.paymentToken,
          terms.amount,
        );
      await expect(tx).to.emit(f.hkd, "Burned").withArgs(f.importer.address, terms.amount, hash, ib);
      await expect(tx)
        .to.emit(f.rHKD, "ReservesSettled")
        .withArgs(hash, f.hkBank.address, f.dealer.address, terms.amount, ib);
      await expect(tx)
        .to.emit(f.rCNH, "ReservesSettled")
        .withArgs(hash, f.dealer.address, f.cnBank.address, c.payeeAmount, ib);
      await expect(tx).to.emit(f.cnh, "Minted").withArgs(f.exporter.address, c.payeeAmount, hash, ib);
      await expect(tx)
        .to.emit(f.interbank, "InterbankPaid")
        .withArgs(
          hash,
          terms.paymentToken,
          c.payeeToken,
          f.importer.address,
          f.exporter.address,
          terms.amount,
          c.payeeAmount,
          f.dealer.address,
        );

      const after = await f.snapshot();
      expect(after.ebl).to.deep.equal({ holder: f.importer.address, titleHolder: f.importer.address });
      expect(after.hkd.importer).to.equal(before.hkd.importer - terms.amount);
      expect(after.cnh.exporter).to.equal(before.cnh.exporter + c.payeeAmount);
      expect(after.rHKD.hkBank).to.equal(before.rHKD.hkBank - terms.amount);
      expect(after.rHKD.dealer).to.equal(before.rHKD.dealer + terms.amount);
      expect(after.rCNH.dealer).to.equal(before.rCNH.dealer - c.payeeAmount);
      expect(after.rCNH.cnBank).to.equal(before.rCNH.cnBank + c.payeeAmount);
      expect(after.supply.hkd).to.equal(before.supply.hkd - terms.amount);
      expect(after.supply.cnh).to.equal(before.supply.cnh + c.payeeAmount);
      expect(await f.crossBank.statusOf(hash)).to.equal(BigInt(TermsStatus.Settled));
      // The settlement keeps its payment ids unique (the terms settle once); the interbank contract records only
      // direct payments' ids.
      expect(await f.interbank.isPaymentIdUsed(hash)).to.equal(false);
      expect(await f.hkd.balanceOf(await f.crossBank.getAddress())).to.equal(0n);
    });

    it("in one currency: HKD at Harbour Bank against HKD at Kowloon Bank, reserves straight between the banks, no quote", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms({
        payeeToken: await f.kbHkd.getAddress(),
        payeeAmount: HKD(25_000),
        quote: NO_QUOTE,
      });
      const hash = await f.crossBank.hashCrossBankTerms(c);
      const tx = f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c));
      await expect(tx)
        .to.emit(f.rHKD, "ReservesSettled")
        .withArgs(hash, f.hkBank.address, f.kowloonBank.address, HKD(25_000), await f.interbank.getAddress());
      await expect(tx).to.changeTokenBalances(ethers, f.kbHkd, [f.exporter], [HKD(25_000)]);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.importer.address);
    });

    it("the title outcome is the single-bank one: delivered to a pledgee bank, possession and title with the bank", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms({
        terms: { eblRecipient: f.hkBank.address, titleRecipient: f.hkBank.address },
      });
      await f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c));
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.hkBank.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.hkBank.address);
    });

    it("a bearer outcome: title recipient zero, the eBL blank endorsed to the importer", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms({ terms: { titleRecipient: ethers.ZeroAddress } });
      await f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c));
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(ethers.ZeroAddress);
    });

    it("refuses a title it cannot give, before any payment leg (SettlementTitleNotDeliverable)", async function () {
      const f = await loadFixture(deployInterbank);
      const straight = await f.issueBill("SHA2HKG000777", BillKind.Straight, f.importer.address);
      await f.ebl.connect(f.exporter).approve(await f.crossBank.getAddress(), straight.id);
      const c = await f.crossBankTerms({
        terms: { tokenId: straight.id, documentHash: straight.hash, titleRecipient: f.hkBank.address },
      });
      const before = await f.snapshot();
      await expect(f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c)))
        .to.be.revertedWithCustomError(f.crossBank, "SettlementTitleNotDeliverable")
        .withArgs(straight.id, f.hkBank.address, f.importer.address);
      await f.expectNothingMoved(before, await f.crossBank.hashCrossBankTerms(c));
    });

    it("a buyer submitting itself needs no signature of its own", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms();
      await expect(
        f.crossBank.connect(f.importer).settleCrossBank(await f.crossBankSettlement(c, { buyer: null })),
      ).to.emit(f.crossBank, "Settled");
    });

    it("refuses terms without the buyer's signature (RailsInvalidSignature)", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms();
      await expect(f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c, { buyer: null })))
        .to.be.revertedWithCustomError(f.crossBank, "RailsInvalidSignature")
        .withArgs(f.importer.address);
    });

    it("refuses a payee amount changed after the parties signed (RailsInvalidSignature)", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms();
      const s = await f.crossBankSettlement(c);
      const altered = { ...s, terms: { ...c, payeeAmount: c.payeeAmount - 1n } };
      await expect(f.crossBank.connect(f.relayer).settleCrossBank(altered))
        .to.be.revertedWithCustomError(f.crossBank, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
    });

    it("settles once: the same terms again are refused (SettlementTermsUsed)", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms();
      const s = await f.crossBankSettlement(c);
      await f.crossBank.connect(f.relayer).settleCrossBank(s);
      await expect(f.crossBank.connect(f.relayer).settleCrossBank(s))
        .to.be.revertedWithCustomError(f.crossBank, "SettlementTermsUsed")
        .withArgs(await f.crossBank.hashCrossBankTerms(c), TermsStatus.Settled);
    });

    it("refuses a closed market (SettlementMarketClosed)", async function () {
      const f = await loadFixture(approved);
      await f.crossBank
        .connect(f.admin)
        .setMarket(await f.ebl.getAddress(), await f.hkd.getAddress(), ethers.ZeroAddress);
      const c = await f.crossBankTerms();
      const before = await f.snapshot();
      await expect(f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c)))
        .to.be.revertedWithCustomError(f.crossBank, "SettlementMarketClosed")
        .withArgs(await f.ebl.getAddress(), await f.hkd.getAddress());
      await f.expectNothingMoved(before);
    });

    it("a market routed to a rail that pays nobody cannot release the eBL: the payee's credit is measured (SettlementPayeeShortPaid)", async function () {
      const f = await loadFixture(approved);
      const rogue = await (await ethers.getContractFactory("NonPayingInterbank")).deploy();
      await f.crossBank
        .connect(f.admin)
        .setMarket(await f.ebl.getAddress(), await f.hkd.getAddress(), await rogue.getAddress());
      const c = await f.crossBankTerms();
      const before = await f.snapshot();
      await expect(f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c)))
        .to.be.revertedWithCustomError(f.crossBank, "SettlementPayeeShortPaid")
        .withArgs(c.payeeAmount, 0n);
      await f.expectNothingMoved(before);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.exporter.address);
    });

    it("refuses terms past their deadline (RailsExpired)", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms();
      const s = await f.crossBankSettlement(c);
      await time.increaseTo(c.terms.deadline);
      await expect(f.crossBank.connect(f.relayer).settleCrossBank(s))
        .to.be.revertedWithCustomError(f.crossBank, "RailsExpired")
        .withArgs(c.terms.deadline, c.terms.deadline + 1n);
    });

    it("refuses while paused (EnforcedPause)", async function () {
      const f = await loadFixture(approved);
      await f.crossBank.connect(f.admin).pause();
      const c = await f.crossBankTerms();
      await expect(
        f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c)),
      ).to.be.revertedWithCustomError(f.crossBank, "EnforcedPause");
    });
  });

  describe("the eBL moves only if every payment leg succeeds", function () {
    /** Asserts that settling `c` fails with `error` of `contract` and leaves the eBL with the seller and every balance. */
    async function refused(
      f: Awaited<ReturnType<typeof approved>>,
      c: CrossBankTerms,
      contract: BaseContract,
      error: string,
      args: unknown[],
      dealerSignature?: string,
    ) {
      const hash = await f.crossBank.hashCrossBankTerms(c);
      const before = await f.snapshot();
      expect(before.ebl.holder).to.equal(f.exporter.address);
      await expect(f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c, { dealerSignature })))
        .to.be.revertedWithCustomError(contract, error)
        .withArgs(...args);
      await f.expectNothingMoved(before, hash);
      expect(await f.crossBank.statusOf(hash)).to.equal(BigInt(TermsStatus.None));
      expect(await f.interbank.isQuoteUsed(c.quote.dealer, c.quote.nonce)).to.equal(false);
    }

    it("buyer frozen at its bank: DepositAccountFrozen from the buyer's deposit token", async function () {
      const f = await loadFixture(approved);
      await f.hkd.connect(f.hkBank).freeze(f.importer.address);
      await refused(f, await f.crossBankTerms(), f.hkd, "DepositAccountFrozen", [f.importer.address]);
    });

    it("payee no longer verified: RailsNotVerified from the payee's deposit token", async function () {
      const f = await loadFixture(approved);
      const registration = await f.participants.participant(f.exporter.address);
      // The exporter's verification lapses; the eBL leg (checked later) is not reached.
      await f.participants.connect(f.registrar).update(f.exporter.address, {
        kinds: registration.kinds,
        jurisdiction: registration.jurisdiction,
        validUntil: BigInt(await time.latest()) + 2n,
        kycReference: registration.kycReference,
      });
      await time.increase(5);
      const c = await f.crossBankTerms();
      const s = await f.crossBankSettlement(c);
      const before = await f.snapshot();
      await expect(f.crossBank.connect(f.relayer).settleCrossBank(s))
        .to.be.revertedWithCustomError(f.cnh, "RailsNotVerified")
        .withArgs(f.exporter.address);
      await f.expectNothingMoved(before, await f.crossBank.hashCrossBankTerms(c));
    });

    it("buyer's bank short of reserves: ERC20InsufficientBalance from the HKD reserves", async function () {
      const f = await loadFixture(approved);
      await f.rHKD.connect(f.hkdCentralBank).redeem(f.hkBank.address, HKD(990_000), ethers.id("RTGS"));
      await refused(f, await f.crossBankTerms(), f.rHKD, "ERC20InsufficientBalance", [
        f.hkBank.address,
        HKD(10_000),
        HKD(25_000),
      ]);
    });

    it("the payee's bank reached its inflow capacity: InterbankInflowCapacityExceeded", async function () {
      const f = await loadFixture(approved);
      await f.interbank.connect(f.cnBank).setBankAccount(await f.cnh.getAddress(), await f.rCNH.getAddress(), 1n, 1n);
      const c = await f.crossBankTerms();
      await refused(f, c, f.interbank, "InterbankInflowCapacityExceeded", [
        await f.cnh.getAddress(),
        1n,
        c.payeeAmount,
      ]);
    });

    it("the dealer's quote expired: RailsExpired from the interbank contract", async function () {
      const f = await loadFixture(approved);
      const expiry = BigInt(await time.latest()) + 10n;
      const c = await f.crossBankTerms({ quote: await f.quote({ expiry }) });
      const s = await f.crossBankSettlement(c);
      await time.increaseTo(expiry);
      const before = await f.snapshot();
      await expect(f.crossBank.connect(f.relayer).settleCrossBank(s))
        .to.be.revertedWithCustomError(f.interbank, "RailsExpired")
        .withArgs(expiry, expiry + 1n);
      await f.expectNothingMoved(before, await f.crossBank.hashCrossBankTerms(c));
    });

    it("a payee amount above the quote's rounded-down amount: InterbankQuoteRateExceeded", async function () {
      const f = await loadFixture(approved);
      const q = await f.quote();
      const floor = f.quoted(q, HKD(25_000));
      const c = await f.crossBankTerms({ quote: q, payeeAmount: floor + 1n });
      await refused(f, c, f.interbank, "InterbankQuoteRateExceeded", [floor, floor + 1n]);
    });

    it("a dealer's signature that is not the dealer's: RailsInvalidSignature from the interbank contract", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms();
      await refused(
        f,
        c,
        f.interbank,
        "RailsInvalidSignature",
        [f.dealer.address],
        await f.signQuote(c.quote, f.importer),
      );
    });

    it("the dealer's quote taken by another payment first: InterbankQuoteUsed, the settlement fails whole", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms();
      await f.interbank
        .connect(f.importer)
        .pay(await f.fxPayment({ payAmount: HKD(100), receiveAmount: 1n }), c.quote, await f.signQuote(c.quote));
      const hash = await f.crossBank.hashCrossBankTerms(c);
      const before = await f.snapshot();
      await expect(f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c)))
        .to.be.revertedWithCustomError(f.interbank, "InterbankQuoteUsed")
        .withArgs(f.dealer.address, c.quote.nonce);
      await f.expectNothingMoved(before, hash);
    });

    it("the interbank contract paused: EnforcedPause from it", async function () {
      const f = await loadFixture(approved);
      await f.interbank.connect(f.admin).pause();
      const c = await f.crossBankTerms();
      const before = await f.snapshot();
      await expect(
        f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c)),
      ).to.be.revertedWithCustomError(f.interbank, "EnforcedPause");
      await f.expectNothingMoved(before, await f.crossBank.hashCrossBankTerms(c));
    });

    it("the settlement contract without the interbank settler role: AccessManagedUnauthorized from the interbank contract", async function () {
      const f = await loadFixture(approved);
      await f.manager
        .connect(f.admin)
        .revokeRole(roleId({ contract: "interbank", name: "SETTLER" }), await f.crossBank.getAddress());
      await refused(f, await f.crossBankTerms(), f.interbank, "AccessManagedUnauthorized", [
        await f.crossBank.getAddress(),
      ]);
    });
  });

  describe("every payment leg is undone if the eBL leg fails after it", function () {
    it("an eBL recipient that refuses the eBL: its error, and the burn, reserves and mint all rolled back", async function () {
      const f = await loadFixture(approved);
      const receiver = await ethers.deployContract("MisbehavingEblReceiver");
      const receiverAddress = await receiver.getAddress();
      await f.registerParticipant(receiverAddress, Kinds.TRADER, "HK");
      await receiver.setBehaviour(
        RECEIVER_MISBEHAVIOURS.find((m) => m.surfaces === "MisbehavingEblReceiverRefused")!.behaviour,
        0,
      );
      const c = await f.crossBankTerms({ terms: { eblRecipient: receiverAddress, titleRecipient: receiverAddress } });
      const hash = await f.crossBank.hashCrossBankTerms(c);
      const before = await f.snapshot();
      await expect(f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c)))
        .to.be.revertedWithCustomError(receiver, "MisbehavingEblReceiverRefused")
        .withArgs(f.tokenId);
      await f.expectNothingMoved(before, hash);
      expect(await f.interbank.isQuoteUsed(f.dealer.address, c.quote.nonce)).to.equal(false);
      expect(await f.crossBank.statusOf(hash)).to.equal(BigInt(TermsStatus.None));
    });
  });

  describe("cancelCrossBankTerms", function () {
    it("the buyer cancels (TermsCancelled); the terms can then never settle (SettlementTermsUsed)", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms();
      const hash = await f.crossBank.hashCrossBankTerms(c);
      await expect(f.crossBank.connect(f.importer).cancelCrossBankTerms(c))
        .to.emit(f.crossBank, "TermsCancelled")
        .withArgs(hash, f.importer.address);
      expect(await f.crossBank.statusOf(hash)).to.equal(BigInt(TermsStatus.Cancelled));
      await expect(f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c)))
        .to.be.revertedWithCustomError(f.crossBank, "SettlementTermsUsed")
        .withArgs(hash, TermsStatus.Cancelled);
    });

    it("the seller cancels (TermsCancelled)", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms();
      await expect(f.crossBank.connect(f.exporter).cancelCrossBankTerms(c))
        .to.emit(f.crossBank, "TermsCancelled")
        .withArgs(await f.crossBank.hashCrossBankTerms(c), f.exporter.address);
    });

    it("refuses a cancellation by anyone but the parties, the dealer included (SettlementNotParty)", async function () {
      const f = await loadFixture(approved);
      await expect(f.crossBank.connect(f.dealer).cancelCrossBankTerms(await f.crossBankTerms()))
        .to.be.revertedWithCustomError(f.crossBank, "SettlementNotParty")
        .withArgs(f.dealer.address);
    });

    it("refuses cancelling settled terms (SettlementTermsUsed)", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms();
      await f.crossBank.connect(f.relayer).settleCrossBank(await f.crossBankSettlement(c));
      await expect(f.crossBank.connect(f.importer).cancelCrossBankTerms(c))
        .to.be.revertedWithCustomError(f.crossBank, "SettlementTermsUsed")
        .withArgs(await f.crossBank.hashCrossBankTerms(c), TermsStatus.Settled);
    });

    it("refuses cancelTerms with single-bank terms: it would cancel a hash no cross-bank settlement uses (SettlementCrossBankTermsRequired)", async function () {
      const f = await loadFixture(approved);
      const c = await f.crossBankTerms();
      await expect(f.crossBank.connect(f.importer).cancelTerms(c.terms)).to.be.revertedWithCustomError(
        f.crossBank,
        "SettlementCrossBankTermsRequired",
      );
    });
  });

  describe("admin", function () {
    it("refuses setMarket by anyone without the settlement admin role (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(
        f.crossBank
          .connect(f.hkBank)
          .setMarket(await f.ebl.getAddress(), await f.cnh.getAddress(), await f.interbank.getAddress()),
      )
        .to.be.revertedWithCustomError(f.crossBank, "AccessManagedUnauthorized")
        .withArgs(f.hkBank.address);
    });

    it("refuses a pause by anyone without the settlement pauser role (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.crossBank.connect(f.hkBank).pause())
        .to.be.revertedWithCustomError(f.crossBank, "AccessManagedUnauthorized")
        .withArgs(f.hkBank.address);
    });

    it("refuses an unpause by anyone without the settlement pauser role (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deployInterbank);
      await f.crossBank.connect(f.admin).pause();
      await expect(f.crossBank.connect(f.hkBank).unpause())
        .to.be.revertedWithCustomError(f.crossBank, "AccessManagedUnauthorized")
        .withArgs(f.hkBank.address);
    });

    it("refuses a second pause (EnforcedPause)", async function () {
      const f = await loadFixture(deployInterbank);
      await f.crossBank.connect(f.admin).pause();
      await expect(f.crossBank.connect(f.admin).pause()).to.be.revertedWithCustomError(f.crossBank, "EnforcedPause");
    });

    it("refuses an unpause while not paused (ExpectedPause)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.crossBank.connect(f.admin).unpause()).to.be.revertedWithCustomError(f.crossBank, "ExpectedPause");
    });

    it("refuses recoverStrayToken by anyone without the settlement admin role (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.crossBank.connect(f.hkBank).recoverStrayToken(await f.hkd.getAddress(), f.hkBank.address, 1n))
        .to.be.revertedWithCustomError(f.crossBank, "AccessManagedUnauthorized")
        .withArgs(f.hkBank.address);
    });

    it("refuses recoverStrayEbl by anyone without the settlement admin role (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.crossBank.connect(f.hkBank).recoverStrayEbl(await f.ebl.getAddress(), f.tokenId, f.hkBank.address))
        .to.be.revertedWithCustomError(f.crossBank, "AccessManagedUnauthorized")
        .withArgs(f.hkBank.address);
    });
  });
});
