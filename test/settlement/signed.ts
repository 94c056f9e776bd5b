import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";

import { BillKind } from "../ebl/helpers.js";
import {
  DEAL_TYPES,
  HKD,
  NO_EBL_AUTH,
  TERMS_TYPES,
  TermsStatus,
  connection,
  deploySystem,
  ethers,
  networkHelpers,
  toHighS,
  type Settlement,
} from "./fixture.js";

const { loadFixture, time } = networkHelpers;

/** The exporter has opened a deal selling its eBL to the Hong Kong bank (nothing deposited yet). */
async function dealWithTheBank() {
  const f = await deploySystem();
  const deal = await f.terms({
    buyer: f.hkBank.address,
    eblRecipient: f.hkBank.address,
    titleRecipient: f.hkBank.address,
    salt: ethers.id("deal"),
  });
  await f.escrow.connect(f.exporter).createDeal(deal, "0x");
  return { f, deal };
}

describe("SignedSettlement", function () {
  describe("settle", function () {
    it("settles signed terms submitted by a relayer with prior approvals: both legs move straight between the parties", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const hash = await f.settlement.hashTerms(t);
      await f.approveBoth();

      const tx = f.settlement.connect(f.relayer).settle(await f.signed(t));
      await expect(tx)
        .to.emit(f.settlement, "Settled")
        .withArgs(hash, f.exporter.address, f.importer.address, t.registry, f.tokenId, t.paymentToken, t.amount);
      await expect(tx)
        .to.emit(f.ebl, "Endorsed")
        .withArgs(
          f.tokenId,
          f.exporter.address,
          f.importer.address,
          f.exporter.address,
          await f.settlement.getAddress(),
          true,
        );
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.importer, f.exporter, f.settlement, f.rail],
        [-t.amount, t.amount, 0n, 0n],
      );
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.settlement.statusOf(hash)).to.equal(BigInt(TermsStatus.Settled));
      expect(await f.hkd.allowance(f.importer.address, await f.rail.getAddress())).to.equal(0n);
    });

    it("settles in one transaction with an eBL permit and an EIP-2612 permit, submitted by a relayer with no prior approval", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      expect(await f.ebl.getApproved(f.tokenId)).to.equal(ethers.ZeroAddress);
      expect(await f.hkd.allowance(f.importer.address, await f.rail.getAddress())).to.equal(0n);
      const s = await f.signed(t, {
        eblAuth: await f.eblPermit(f.exporter),
        paymentAuth: await f.paymentPermit(f.importer, t.amount),
      });

      const tx = f.settlement.connect(f.relayer).settle(s);
      await expect(tx).to.emit(f.settlement, "Settled");
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.importer, f.exporter], [-t.amount, t.amount]);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.hkd.nonces(f.importer.address)).to.equal(1n);
      expect(await f.hkd.allowance(f.importer.address, await f.rail.getAddress())).to.equal(0n);
    });

    it("settles in one transaction with an eBL permit and an EIP-3009 authorization bound to the terms; the contract keeps nothing", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const hash = await f.settlement.hashTerms(t);
      const auth = await f.paymentAuthorization(f.importer, t.amount, hash);
      const s = await f.signed(t, { eblAuth: await f.eblPermit(f.exporter), paymentAuth: auth });

      const tx = f.settlement.connect(f.relayer).settle(s);
      await expect(tx)
        .to.emit(f.settlement, "Settled")
        .withArgs(hash, anyValue, anyValue, anyValue, anyValue, anyValue, t.amount);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.importer, f.exporter, f.settlement, f.rail],
        [-t.amount, t.amount, 0n, 0n],
      );
      const boundNonce = ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [hash, auth.nonce]),
      );
      expect(await f.hkd.authorizationState(f.importer.address, boundNonce)).to.equal(true);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.hkd.balanceOf(await f.rail.getAddress())).to.equal(0n);
    });

    it("lets the seller submit without its own signature", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.approveBoth();
      await expect(f.settlement.connect(f.exporter).settle(await f.signed(t, { seller: null }))).to.emit(
        f.settlement,
        "Settled",
      );
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
    });

    it("lets the buyer submit without its own signature", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.approveBoth();
      await expect(f.settlement.connect(f.importer).settle(await f.signed(t, { buyer: null }))).to.emit(
        f.settlement,
        "Settled",
      );
      expect(await f.hkd.balanceOf(f.exporter.address)).to.equal(t.amount);
    });

    it("refuses a relayer's submission that lacks the seller's or the buyer's signature", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.approveBoth();
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t, { seller: null })))
        .to.be.revertedWithCustomError(f.settlement, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t, { buyer: null })))
        .to.be.revertedWithCustomError(f.settlement, "RailsInvalidSignature")
        .withArgs(f.importer.address);
    });

    it("refuses a signature made by the wrong key", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.approveBoth();
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t, { seller: f.outsider })))
        .to.be.revertedWithCustomError(f.settlement, "RailsInvalidSignature")
        .withArgs(f.exporter.address);
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t, { buyer: f.exporter })))
        .to.be.revertedWithCustomError(f.settlement, "RailsInvalidSignature")
        .withArgs(f.importer.address);
    });

    it("refuses the high-s malleable twin of a valid signature", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.approveBoth();
      const s = await f.signed(t);
      const malleable: Settlement = { ...s, buyerSignature: toHighS(ethers.hexlify(s.buyerSignature)) };
      expect(ethers.hexlify(malleable.buyerSignature)).not.to.equal(ethers.hexlify(s.buyerSignature));
      await expect(f.settlement.connect(f.relayer).settle(malleable))
        .to.be.revertedWithCustomError(f.settlement, "RailsInvalidSignature")
        .withArgs(f.importer.address);
      await expect(f.settlement.connect(f.relayer).settle(s)).to.emit(f.settlement, "Settled");
    });

    it("refuses signatures made for another chain id or another settlement contract (domain binding)", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.approveBoth();
      const otherChain = { ...f.domains.settlement, chainId: f.domains.settlement.chainId + 1n };
      const otherContract = { ...f.domains.settlement, verifyingContract: f.relayer.address };
      // EscrowedDeals' domain: a signature for one settlement contract never acts on the other.
      for (const domain of [otherChain, otherContract, f.domains.escrow]) {
        const s = await f.signed(t);
        s.sellerSignature = await f.exporter.signTypedData(domain, TERMS_TYPES, t);
        await expect(f.settlement.connect(f.relayer).settle(s))
          .to.be.revertedWithCustomError(f.settlement, "RailsInvalidSignature")
          .withArgs(f.exporter.address);
      }
    });

    it("refuses terms that already settled (replay) and terms that were cancelled", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const hash = await f.settlement.hashTerms(t);
      await f.approveBoth();
      const s = await f.signed(t);
      await f.settlement.connect(f.relayer).settle(s);
      // Give the eBL and the money back so that only the replay rule can stop a second settlement.
      await f.ebl.connect(f.importer).endorseAndDeliver(f.tokenId, f.exporter.address);
      await f.hkd.connect(f.exporter).transfer(f.importer.address, t.amount);
      await f.approveBoth();
      await expect(f.settlement.connect(f.relayer).settle(s))
        .to.be.revertedWithCustomError(f.settlement, "SettlementTermsUsed")
        .withArgs(hash, TermsStatus.Settled);

      const t2 = await f.terms({ salt: ethers.id("PO-2026-0043") });
      await f.settlement.connect(f.importer).cancelTerms(t2);
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t2)))
        .to.be.revertedWithCustomError(f.settlement, "SettlementTermsUsed")
        .withArgs(await f.settlement.hashTerms(t2), TermsStatus.Cancelled);
    });

    it("pledge terms: endorses title to the importer and delivers possession to the financing bank", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms({
        buyer: f.hkBank.address,
        eblRecipient: f.hkBank.address,
        titleRecipient: f.importer.address,
      });
      await f.ebl.connect(f.exporter).approve(await f.settlement.getAddress(), f.tokenId);
      await f.hkd.connect(f.hkBank).approve(await f.rail.getAddress(), t.amount);
      const settlementAddress = await f.settlement.getAddress();

      const tx = f.settlement.connect(f.relayer).settle(await f.signed(t, { buyer: f.hkBank }));
      await expect(tx)
        .to.emit(f.ebl, "Endorsed")
        .withArgs(f.tokenId, f.exporter.address, f.importer.address, f.exporter.address, settlementAddress, false);
      await expect(tx)
        .to.emit(f.ebl, "PossessionTransferred")
        .withArgs(f.tokenId, f.exporter.address, f.hkBank.address, settlementAddress);
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.hkBank, f.exporter], [-t.amount, t.amount]);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.hkBank.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
    });

    it("a straight B/L to its consignee (the title recipient, unchanged): delivers possession only, without endorsing", async function () {
      const f = await loadFixture(deploySystem);
      const bill = await f.issueBill("STRAIGHT-0001", BillKind.Straight, f.importer.address);
      expect(await f.ebl.kindOf(bill.id)).to.equal(BigInt(BillKind.Straight));
      const t = await f.terms({ tokenId: bill.id, documentHash: bill.hash, titleRecipient: f.importer.address });
      await f.ebl.connect(f.exporter).approve(await f.settlement.getAddress(), bill.id);
      await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), t.amount);

      const tx = f.settlement.connect(f.relayer).settle(await f.signed(t));
      await expect(tx).to.emit(f.settlement, "Settled");
      await expect(tx).not.to.emit(f.ebl, "Endorsed");
      expect(await f.ebl.ownerOf(bill.id)).to.equal(f.importer.address);
      expect(await f.ebl.titleHolderOf(bill.id)).to.equal(f.importer.address);
    });

    it("accepts ERC-1271 smart accounts as seller and buyer (terms signatures and the eBL permit)", async function () {
      const f = await loadFixture(deploySystem);
      const [sellerKey, buyerKey] = [f.cnBank, f.outsider];
      const sellerAccount = await ethers.deployContract("TestSmartAccount", [sellerKey.address]);
      const buyerAccount = await ethers.deployContract("TestSmartAccount", [buyerKey.address]);
      const [sellerAddr, buyerAddr] = [await sellerAccount.getAddress(), await buyerAccount.getAddress()];
      await f.register(sellerAddr, 4 /* TRADER */, "CN");
      await f.register(buyerAddr, 4 /* TRADER */);
      const bill = await f.issueBill("SMART-0001", BillKind.ToOrder, sellerAddr, sellerAddr);
      await f.hkd.connect(f.hkBank).mint(buyerAddr, HKD(30_000), ethers.encodeBytes32String("DEP-SA"));
      const t = await f.terms({
        tokenId: bill.id,
        documentHash: bill.hash,
        seller: sellerAddr,
        buyer: buyerAddr,
        eblRecipient: buyerAddr,
        titleRecipient: buyerAddr,
        paymentRecipient: sellerAddr,
      });
      await buyerAccount
        .connect(buyerKey)
        .execute(t.paymentToken, f.hkd.interface.encodeFunctionData("approve", [await f.rail.getAddress(), t.amount]));

      const s = await f.signed(t, {
        seller: sellerKey,
        buyer: buyerKey,
        eblAuth: await f.eblPermit(sellerKey, bill.id),
      });
      await expect(f.settlement.connect(f.relayer).settle(s)).to.emit(f.settlement, "Settled");
      expect(await f.ebl.ownerOf(bill.id)).to.equal(buyerAddr);
      expect(await f.ebl.titleHolderOf(bill.id)).to.equal(buyerAddr);
      expect(await f.hkd.balanceOf(sellerAddr)).to.equal(t.amount);

      // The same key signing for an account it does not control is refused.
      const t2 = await f.terms({ seller: sellerAddr, buyer: buyerAddr, salt: ethers.id("other") });
      const wrong = await f.signed(t2, { seller: buyerKey, buyer: buyerKey });
      await expect(f.settlement.connect(f.relayer).settle(wrong))
        .to.be.revertedWithCustomError(f.settlement, "RailsInvalidSignature")
        .withArgs(sellerAddr);
    });

    it("fails with SettlementDocumentChanged when the eBL was amended after the buyer agreed", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.ebl.connect(f.exporter).surrenderForAmendment(f.tokenId);
      await f.ebl.connect(f.carrier).issueAmendment(f.tokenId, f.amendedHash);
      await f.approveBoth();
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.be.revertedWithCustomError(f.settlement, "SettlementDocumentChanged")
        .withArgs(f.doc.hash, f.amendedHash);
      // Terms on the amended version settle.
      const t2 = await f.terms({ documentHash: f.amendedHash });
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t2))).to.emit(f.settlement, "Settled");
    });

    it("fails with SettlementSellerNotHolder when the seller does not hold the eBL", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms({ seller: f.cnBank.address });
      await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), t.amount);
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t, { seller: f.cnBank })))
        .to.be.revertedWithCustomError(f.settlement, "SettlementSellerNotHolder")
        .withArgs(f.cnBank.address, f.exporter.address);
    });

    it("fails with SettlementEblNotAuthorized without approval, or with a permit signed by someone else", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), t.amount);
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.be.revertedWithCustomError(f.settlement, "SettlementEblNotAuthorized")
        .withArgs(f.tokenId);
      const forged = await f.signed(t, { eblAuth: await f.eblPermit(f.importer) });
      await expect(f.settlement.connect(f.relayer).settle(forged))
        .to.be.revertedWithCustomError(f.settlement, "SettlementEblNotAuthorized")
        .withArgs(f.tokenId);
    });

    it("still settles when a front-runner submitted the eBL permit and the deposit permit first", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const settlementAddress = await f.settlement.getAddress();
      const railAddress = await f.rail.getAddress();
      const eblAuth = await f.eblPermit(f.exporter);
      const paymentAuth = await f.paymentPermit(f.importer, t.amount);
      const s = await f.signed(t, { eblAuth, paymentAuth });
      await f.ebl.connect(f.outsider).permit(settlementAddress, f.tokenId, eblAuth.deadline, eblAuth.signature);
      await f.hkd
        .connect(f.outsider)
        ["permit(address,address,uint256,uint256,bytes)"](
          f.importer.address,
          railAddress,
          t.amount,
          paymentAuth.deadline,
          paymentAuth.signature,
        );
      // The permits are now spent: submitting them again fails on the registry and on the token.
      await expect(
        f.ebl.connect(f.outsider).permit(settlementAddress, f.tokenId, eblAuth.deadline, eblAuth.signature),
      ).to.be.revertedWithCustomError(f.ebl, "RailsInvalidSignature");
      await expect(
        f.hkd
          .connect(f.outsider)
          ["permit(address,address,uint256,uint256,bytes)"](
            f.importer.address,
            railAddress,
            t.amount,
            paymentAuth.deadline,
            paymentAuth.signature,
          ),
      ).to.be.revertedWithCustomError(f.hkd, "RailsInvalidSignature");

      await expect(f.settlement.connect(f.relayer).settle(s)).to.emit(f.settlement, "Settled");
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
    });

    it("refuses to settle an eBL that a deal holds in custody (no double sale): the seller no longer holds it", async function () {
      const { f, deal } = await loadFixture(dealWithTheBank);
      const t = await f.terms();
      await f.approveBoth(HKD(25_000), await f.escrow.getAddress());
      await f.escrow.connect(f.exporter).depositEbl(deal, "0x", NO_EBL_AUTH);
      await f.ebl.connect(f.exporter).setApprovalForAll(await f.settlement.getAddress(), true);
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.be.revertedWithCustomError(f.settlement, "SettlementSellerNotHolder")
        .withArgs(f.exporter.address, await f.escrow.getAddress());
      // Once the deal is cancelled and the eBL is back with the seller, the signed settlement goes through.
      await f.escrow.connect(f.exporter).cancelDeal(deal);
      await f.ebl.connect(f.exporter).approve(await f.settlement.getAddress(), f.tokenId);
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t))).to.emit(f.settlement, "Settled");
    });

    it("settles an eBL named by an open deal it was never deposited into; that deal can then never get it", async function () {
      const { f, deal } = await loadFixture(dealWithTheBank);
      const t = await f.terms();
      await f.approveBoth();
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t))).to.emit(f.settlement, "Settled");
      await expect(f.escrow.connect(f.exporter).depositEbl(deal, "0x", NO_EBL_AUTH))
        .to.be.revertedWithCustomError(f.escrow, "SettlementSellerNotHolder")
        .withArgs(f.exporter.address, f.importer.address);
    });

    it("refuses terms whose payment or eBL goes to the settlement contract itself (SettlementInvalidParties)", async function () {
      const f = await loadFixture(deploySystem);
      const settlementAddress = await f.settlement.getAddress();
      await f.approveBoth();
      for (const override of [{ paymentRecipient: settlementAddress }, { eblRecipient: settlementAddress }]) {
        const t = await f.terms(override);
        await expect(f.settlement.connect(f.relayer).settle(await f.signed(t))).to.be.revertedWithCustomError(
          f.settlement,
          "SettlementInvalidParties",
        );
      }
    });

    it("refuses an EIP-3009 authorization bound to other terms", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const other = await f.terms({ salt: ethers.id("another trade") });
      const auth = await f.paymentAuthorization(f.importer, t.amount, await f.settlement.hashTerms(other));
      const s = await f.signed(t, { eblAuth: await f.eblPermit(f.exporter), paymentAuth: auth });
      await expect(f.settlement.connect(f.relayer).settle(s)).to.be.revertedWithCustomError(
        f.hkd,
        "ERC3009InvalidSignature",
      );
    });

    it("fails when the buyer's allowance or balance is short, moving nothing", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.approveBoth(t.amount - 1n);
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t))).to.be.revertedWithCustomError(
        f.hkd,
        "ERC20InsufficientAllowance",
      );
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
    });

    it("refuses expired terms", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.approveBoth();
      const s = await f.signed(t);
      await time.setNextBlockTimestamp(t.deadline + 1n);
      await expect(f.settlement.connect(f.relayer).settle(s))
        .to.be.revertedWithCustomError(f.settlement, "RailsExpired")
        .withArgs(t.deadline, t.deadline + 1n);
    });

    it("settles at the deadline second itself", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.approveBoth();
      const s = await f.signed(t);
      await time.setNextBlockTimestamp(t.deadline);
      await expect(f.settlement.connect(f.relayer).settle(s)).to.emit(f.settlement, "Settled");
    });

    it("refuses a zero amount", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms({ amount: 0n });
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t))).to.be.revertedWithCustomError(
        f.settlement,
        "RailsZeroAmount",
      );
    });

    it("refuses an amount above 2^128 - 1", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms({ amount: 1n << 128n });
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.be.revertedWithCustomError(f.settlement, "SettlementInvalidAmount")
        .withArgs(1n << 128n);
    });

    it("refuses zero parties, seller = buyer, eBL back to the seller and payment back to the buyer", async function () {
      const f = await loadFixture(deploySystem);
      const Z = ethers.ZeroAddress;
      const cases = [
        { seller: Z },
        { buyer: Z },
        { eblRecipient: Z },
        { paymentRecipient: Z },
        { buyer: f.exporter.address },
        { eblRecipient: f.exporter.address },
        { paymentRecipient: f.importer.address },
      ];
      for (const c of cases) {
        const t = await f.terms(c);
        await expect(f.settlement.connect(f.exporter).settle(await f.signed(t))).to.be.revertedWithCustomError(
          f.settlement,
          "SettlementInvalidParties",
        );
      }
    });

    it("refuses a registry for which no market is open (SettlementMarketClosed)", async function () {
      const f = await loadFixture(deploySystem);
      const t1 = await f.terms({ registry: f.outsider.address });
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t1)))
        .to.be.revertedWithCustomError(f.settlement, "SettlementMarketClosed")
        .withArgs(f.outsider.address, t1.paymentToken);
    });

    it("refuses a payment token for which no market is open (SettlementMarketClosed)", async function () {
      const f = await loadFixture(deploySystem);
      const t2 = await f.terms({ paymentToken: f.outsider.address });
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t2)))
        .to.be.revertedWithCustomError(f.settlement, "SettlementMarketClosed")
        .withArgs(t2.registry, f.outsider.address);
    });

    describe("failure rules (nothing moves, with a clear error)", function () {
      it("the buyer's account is frozen: DepositAccountFrozen", async function () {
        const f = await loadFixture(deploySystem);
        await f.approveBoth();
        await f.hkd.connect(f.hkBank).freeze(f.importer.address);
        await expect(f.settlement.connect(f.relayer).settle(await f.signed(await f.terms())))
          .to.be.revertedWithCustomError(f.hkd, "DepositAccountFrozen")
          .withArgs(f.importer.address);
        expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
      });

      it("the payment recipient's account is frozen: DepositAccountFrozen", async function () {
        const f = await loadFixture(deploySystem);
        await f.approveBoth();
        await f.hkd.connect(f.hkBank).freeze(f.exporter.address);
        await expect(f.settlement.connect(f.relayer).settle(await f.signed(await f.terms())))
          .to.be.revertedWithCustomError(f.hkd, "DepositAccountFrozen")
          .withArgs(f.exporter.address);
      });

      it("part of the buyer's balance is frozen: DepositFrozenAmountExceeded", async function () {
        const f = await loadFixture(deploySystem);
        await f.approveBoth();
        await f.hkd.connect(f.hkBank).freezeAmount(f.importer.address, HKD(80_000));
        await expect(f.settlement.connect(f.relayer).settle(await f.signed(await f.terms())))
          .to.be.revertedWithCustomError(f.hkd, "DepositFrozenAmountExceeded")
          .withArgs(f.importer.address, HKD(20_000), HKD(25_000));
      });

      it("the deposit token is paused: EnforcedPause", async function () {
        const f = await loadFixture(deploySystem);
        await f.approveBoth();
        await f.hkd.connect(f.hkBank).pause();
        expect(await f.settlement.paused()).to.equal(false); // the token's pause, not the settlement's, refuses
        await expect(
          f.settlement.connect(f.relayer).settle(await f.signed(await f.terms())),
        ).to.be.revertedWithCustomError(f.hkd, "EnforcedPause");
      });

      it("the eBL to be endorsed is on legal hold: SettlementTitleNotDeliverable before anything moves", async function () {
        const f = await loadFixture(deploySystem);
        await f.approveBoth();
        await f.ebl.connect(f.regulator).placeLegalHold(f.tokenId, ethers.id("court"));
        await expect(f.settlement.connect(f.relayer).settle(await f.signed(await f.terms())))
          .to.be.revertedWithCustomError(f.settlement, "SettlementTitleNotDeliverable")
          .withArgs(f.tokenId, f.importer.address, f.exporter.address);
        expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
      });

      it("a bearer eBL sold as bearer is on legal hold: EblOnLegalHold, and the payment that moved first is rolled back", async function () {
        const f = await loadFixture(deploySystem);
        await f.approveBoth();
        await f.ebl.connect(f.exporter).blankEndorse(f.tokenId);
        await f.ebl.connect(f.regulator).placeLegalHold(f.tokenId, ethers.id("court"));
        const t = await f.terms({ titleRecipient: ethers.ZeroAddress });
        await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
          .to.be.revertedWithCustomError(f.ebl, "EblOnLegalHold")
          .withArgs(f.tokenId);
        expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
      });

      it("the buyer's verification was revoked: RailsNotVerified", async function () {
        const f = await loadFixture(deploySystem);
        await f.approveBoth();
        await f.participants.connect(f.registrar).revoke(f.importer.address);
        await expect(f.settlement.connect(f.relayer).settle(await f.signed(await f.terms())))
          .to.be.revertedWithCustomError(f.hkd, "RailsNotVerified")
          .withArgs(f.importer.address);
      });

      it("the eBL recipient is not verified: RailsNotVerified", async function () {
        const f = await loadFixture(deploySystem);
        await f.approveBoth();
        const t = await f.terms({ eblRecipient: f.relayer.address, titleRecipient: ethers.ZeroAddress });
        await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
          .to.be.revertedWithCustomError(f.ebl, "RailsNotVerified")
          .withArgs(f.relayer.address);
      });
    });
  });

  describe("cancelTerms", function () {
    it("lets the seller cancel signed terms: they can then never settle here; EscrowedDeals is not affected", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const hash = await f.settlement.hashTerms(t);
      await expect(f.settlement.connect(f.exporter).cancelTerms(t))
        .to.emit(f.settlement, "TermsCancelled")
        .withArgs(hash, f.exporter.address);
      expect(await f.settlement.statusOf(hash)).to.equal(BigInt(TermsStatus.Cancelled));
      await f.approveBoth();
      await expect(f.settlement.connect(f.relayer).settle(await f.signed(t)))
        .to.be.revertedWithCustomError(f.settlement, "SettlementTermsUsed")
        .withArgs(hash, TermsStatus.Cancelled);
      // Each contract cancels in its own domain only: the same terms are another hash there, still unused.
      const dealId = await f.escrow.hashTerms(t);
      expect(dealId).not.to.equal(hash);
      expect(await f.escrow.statusOf(dealId)).to.equal(BigInt(TermsStatus.None));
    });

    it("lets the buyer cancel, even while the contract is paused", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.settlement.connect(f.admin).pause();
      await expect(f.settlement.connect(f.importer).cancelTerms(t))
        .to.emit(f.settlement, "TermsCancelled")
        .withArgs(await f.settlement.hashTerms(t), f.importer.address);
    });

    it("refuses anyone but the seller or the buyer", async function () {
      const f = await loadFixture(deploySystem);
      await expect(f.settlement.connect(f.relayer).cancelTerms(await f.terms()))
        .to.be.revertedWithCustomError(f.settlement, "SettlementNotParty")
        .withArgs(f.relayer.address);
    });

    it("refuses terms already settled or already cancelled; EscrowedDeals refuses terms open as a deal", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      await f.approveBoth();
      await f.settlement.connect(f.relayer).settle(await f.signed(t));
      await expect(f.settlement.connect(f.importer).cancelTerms(t))
        .to.be.revertedWithCustomError(f.settlement, "SettlementTermsUsed")
        .withArgs(await f.settlement.hashTerms(t), TermsStatus.Settled);

      const t2 = await f.terms({ salt: ethers.id("2") });
      await f.settlement.connect(f.importer).cancelTerms(t2);
      await expect(f.settlement.connect(f.exporter).cancelTerms(t2))
        .to.be.revertedWithCustomError(f.settlement, "SettlementTermsUsed")
        .withArgs(await f.settlement.hashTerms(t2), TermsStatus.Cancelled);

      const bill = await f.issueBill("DEAL-0001");
      const t3 = await f.terms({ tokenId: bill.id, documentHash: bill.hash });
      await f.escrow.connect(f.exporter).createDeal(t3, "0x");
      await expect(f.escrow.connect(f.exporter).cancelTerms(t3))
        .to.be.revertedWithCustomError(f.escrow, "SettlementTermsUsed")
        .withArgs(await f.escrow.hashTerms(t3), TermsStatus.Open);
    });
  });

  describe("settleBatch", function () {
    async function threeBills() {
      const f = await deploySystem();
      const b2 = await f.issueBill("BATCH-0002");
      const b3 = await f.issueBill("BATCH-0003");
      const ts = [
        await f.terms(),
        await f.terms({ tokenId: b2.id, documentHash: b2.hash, salt: ethers.id("2") }),
        await f.terms({ tokenId: b3.id, documentHash: b3.hash, salt: ethers.id("3") }),
      ];
      await f.ebl.connect(f.exporter).setApprovalForAll(await f.settlement.getAddress(), true);
      await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), HKD(75_000));
      return { f, ts };
    }

    it("settles the good items and reports the failing middle item with its decoded reason", async function () {
      const { f, ts } = await loadFixture(threeBills);
      const items = [await f.signed(ts[0]!), await f.signed(ts[1]!, { buyer: f.outsider }), await f.signed(ts[2]!)];
      const hashes = await Promise.all(ts.map((t) => f.settlement.hashTerms(t)));

      expect(await f.settlement.connect(f.relayer).settleBatch.staticCall(items)).to.deep.equal([true, false, true]);
      const tx = f.settlement.connect(f.relayer).settleBatch(items);
      const reason = f.settlement.interface.encodeErrorResult("RailsInvalidSignature", [f.importer.address]);
      await expect(tx).to.emit(f.settlement, "BatchItemFailed").withArgs(1n, hashes[1], reason);
      await expect(tx)
        .to.emit(f.settlement, "Settled")
        .withArgs(hashes[0], anyValue, anyValue, anyValue, ts[0]!.tokenId, anyValue, anyValue);
      await expect(tx)
        .to.emit(f.settlement, "Settled")
        .withArgs(hashes[2], anyValue, anyValue, anyValue, ts[2]!.tokenId, anyValue, anyValue);
      await expect(tx).to.changeTokenBalance(ethers, f.hkd, f.exporter, HKD(50_000));

      const receipt = await (await tx).wait();
      const failed = receipt!.logs
        .map((l) => f.settlement.interface.parseLog(l))
        .filter((l) => l?.name === "BatchItemFailed");
      expect(failed).to.have.length(1);
      expect(f.settlement.interface.parseError(failed[0]!.args.reason)?.name).to.equal("RailsInvalidSignature");

      expect(await f.ebl.ownerOf(ts[0]!.tokenId)).to.equal(f.importer.address);
      expect(await f.ebl.ownerOf(ts[1]!.tokenId)).to.equal(f.exporter.address);
      expect(await f.ebl.ownerOf(ts[2]!.tokenId)).to.equal(f.importer.address);
      expect(await f.settlement.statusOf(hashes[1]!)).to.equal(BigInt(TermsStatus.None));
    });

    it("reports an item refused by the token with the token's error, and settles the rest", async function () {
      const { f, ts } = await loadFixture(threeBills);
      await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), HKD(50_000)); // enough for two
      const items = await Promise.all(ts.map((t) => f.signed(t)));
      const tx = f.settlement.connect(f.relayer).settleBatch(items);
      const reason = f.hkd.interface.encodeErrorResult("ERC20InsufficientAllowance", [
        await f.rail.getAddress(),
        0n,
        HKD(25_000),
      ]);
      await expect(tx)
        .to.emit(f.settlement, "BatchItemFailed")
        .withArgs(2n, await f.settlement.hashTerms(ts[2]!), reason);
      expect(await f.hkd.balanceOf(f.exporter.address)).to.equal(HKD(50_000));
    });

    it("lets the submitting seller stand in for its own signature in every item", async function () {
      const { f, ts } = await loadFixture(threeBills);
      const items = await Promise.all(ts.map((t) => f.signed(t, { seller: null })));
      expect(await f.settlement.connect(f.exporter).settleBatch.staticCall(items)).to.deep.equal([true, true, true]);
      expect(await f.settlement.connect(f.relayer).settleBatch.staticCall(items)).to.deep.equal([false, false, false]);
      await f.settlement.connect(f.exporter).settleBatch(items);
      expect(await f.ebl.balanceOf(f.importer.address)).to.equal(3n);
    });

    it("returns an empty list for an empty batch", async function () {
      const { f } = await loadFixture(threeBills);
      expect(await f.settlement.settleBatch.staticCall([])).to.deep.equal([]);
    });

    it("refuses settleBatchItem called from outside, even by a party (SettlementOnlySelf)", async function () {
      const { f, ts } = await loadFixture(threeBills);
      const item = await f.signed(ts[0]!);
      for (const caller of [f.outsider, f.exporter]) {
        await expect(f.settlement.connect(caller).settleBatchItem(item, caller.address)).to.be.revertedWithCustomError(
          f.settlement,
          "SettlementOnlySelf",
        );
      }
    });

    it("is refused while the contract is paused", async function () {
      const { f, ts } = await loadFixture(threeBills);
      await f.settlement.connect(f.admin).pause();
      await expect(f.settlement.settleBatch([await f.signed(ts[0]!)])).to.be.revertedWithCustomError(
        f.settlement,
        "EnforcedPause",
      );
    });
  });

  describe("views", function () {
    it("hashTerms equals the EIP-712 hash ethers computes under the contract's domain", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      expect(await f.settlement.hashTerms(t)).to.equal(
        ethers.TypedDataEncoder.hash(f.domains.settlement, TERMS_TYPES, t),
      );
      expect(await f.settlement.hashTerms({ ...t, salt: ethers.id("x") })).not.to.equal(
        await f.settlement.hashTerms(t),
      );
    });

    it("hashDeal equals the EIP-712 hash of Deal(Terms terms) and differs from hashTerms", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      expect(await f.escrow.hashDeal(t)).to.equal(
        ethers.TypedDataEncoder.hash(f.domains.escrow, DEAL_TYPES, { terms: t }),
      );
      expect(await f.escrow.hashDeal(t)).not.to.equal(await f.escrow.hashTerms(t));
      expect(await f.escrow.hashDeal({ ...t, amount: t.amount + 1n })).not.to.equal(await f.escrow.hashDeal(t));
    });

    it("DOMAIN_SEPARATOR is bound to this chain id and this contract; the two settlement contracts have their own", async function () {
      const f = await loadFixture(deploySystem);
      expect(await f.settlement.DOMAIN_SEPARATOR()).to.equal(ethers.TypedDataEncoder.hashDomain(f.domains.settlement));
      expect(await f.escrow.DOMAIN_SEPARATOR()).to.equal(ethers.TypedDataEncoder.hashDomain(f.domains.escrow));
      expect(f.domains.settlement.chainId).to.equal((await connection.ethers.provider.getNetwork()).chainId);
      const [, name, version] = await f.settlement.eip712Domain();
      expect([name, version]).to.deep.equal(["Cargo Rails Signed Settlement", "2"]);
      const [, escrowName, escrowVersion] = await f.escrow.eip712Domain();
      expect([escrowName, escrowVersion]).to.deep.equal(["Cargo Rails Escrowed Deals", "2"]);
      const t = await f.terms();
      expect(await f.settlement.hashTerms(t)).not.to.equal(await f.escrow.hashTerms(t));
    });

    it("TERMS_TYPEHASH is the hash of the documented type string", async function () {
      const f = await loadFixture(deploySystem);
      expect(await f.settlement.TERMS_TYPEHASH()).to.equal(
        ethers.id(ethers.TypedDataEncoder.from(TERMS_TYPES).encodeType("Terms")),
      );
    });

    it("DEAL_TYPEHASH is the hash of the documented type string", async function () {
      const f = await loadFixture(deploySystem);
      expect(await f.escrow.DEAL_TYPEHASH()).to.equal(
        ethers.id(ethers.TypedDataEncoder.from(DEAL_TYPES).encodeType("Deal")),
      );
    });

    it("statusOf and dealOf are empty for unknown terms; paymentRailOf answers per market", async function () {
      const f = await loadFixture(deploySystem);
      expect(await f.settlement.statusOf(ethers.id("unknown"))).to.equal(BigInt(TermsStatus.None));
      expect(await f.escrow.dealOf(ethers.id("unknown"))).to.deep.equal([0n, false, 0n]);
      const [ebl, hkd, rail] = [await f.ebl.getAddress(), await f.hkd.getAddress(), await f.rail.getAddress()];
      for (const contract of [f.settlement, f.escrow]) {
        expect(await contract.paymentRailOf(ebl, hkd)).to.equal(rail);
        expect(await contract.paymentRailOf(f.outsider.address, hkd)).to.equal(ethers.ZeroAddress);
        expect(await contract.paymentRailOf(ebl, ebl)).to.equal(ethers.ZeroAddress);
      }
      expect(await f.escrow.openDealOf(await f.ebl.getAddress(), f.tokenId)).to.equal(ethers.ZeroHash);
      expect(await f.escrow.escrowedBalance(await f.hkd.getAddress())).to.equal(0n);
    });
  });
});
