import { expect } from "chai";

import { Kinds } from "../ebl/helpers.js";
import { grant } from "../helpers/access.js";
import { ethers, networkHelpers } from "../settlement/fixture.js";
import {
  CAPACITY,
  CNH,
  HKD,
  HKD_CNH,
  NO_QUOTE,
  QUOTE_TYPES,
  RATE_SCALE,
  deployInterbank,
  type Payment,
} from "./fixture.js";

const { loadFixture, time } = networkHelpers;
const REF = ethers.encodeBytes32String("RTGS-9002");

/** The arguments `InterbankPaid` carries for payment `p` through `dealer` (zero in one currency), in its order. */
const paidArgs = (p: Payment, dealer: string) =>
  [p.paymentId, p.payerToken, p.payeeToken, p.payer, p.payee, p.payAmount, p.receiveAmount, dealer] as const;

describe("InterbankPayments", function () {
  describe("bank accounts", function () {
    it("a bank opens its deposit token: BankAccountSet, and bankAccountOf shows its reserves and capacities", async function () {
      const f = await loadFixture(deployInterbank);
      const token = await f.hkd.getAddress();
      await expect(f.interbank.connect(f.hkBank).setBankAccount(token, await f.rHKD.getAddress(), HKD(7), HKD(9)))
        .to.emit(f.interbank, "BankAccountSet")
        .withArgs(token, f.hkBank.address, await f.rHKD.getAddress(), HKD(7), HKD(9));
      const account = await f.interbank.bankAccountOf(token);
      expect([...account]).to.deep.equal([f.hkBank.address, await f.rHKD.getAddress(), HKD(7), HKD(9)]);
    });

    it("closing (reserve zero) zeroes both capacities, and the bank's customers can no longer pay (InterbankBankNotOpen)", async function () {
      const f = await loadFixture(deployInterbank);
      const token = await f.hkd.getAddress();
      await expect(f.interbank.connect(f.hkBank).setBankAccount(token, ethers.ZeroAddress, HKD(7), HKD(9)))
        .to.emit(f.interbank, "BankAccountSet")
        .withArgs(token, f.hkBank.address, ethers.ZeroAddress, 0n, 0n);
      const p = await f.hkdPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.interbank, "InterbankBankNotOpen")
        .withArgs(token);
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("refuses a payment to a bank that has not opted in (InterbankBankNotOpen)", async function () {
      const f = await loadFixture(deployInterbank);
      await f.interbank.connect(f.kowloonBank).setBankAccount(await f.kbHkd.getAddress(), ethers.ZeroAddress, 0, 0);
      const p = await f.hkdPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.interbank, "InterbankBankNotOpen")
        .withArgs(await f.kbHkd.getAddress());
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("refuses a bank account set by anyone but the token's issuer, another bank included (InterbankNotIssuer)", async function () {
      const f = await loadFixture(deployInterbank);
      const token = await f.hkd.getAddress();
      await expect(
        f.interbank.connect(f.kowloonBank).setBankAccount(token, await f.rHKD.getAddress(), CAPACITY, CAPACITY),
      )
        .to.be.revertedWithCustomError(f.interbank, "InterbankNotIssuer")
        .withArgs(token, f.kowloonBank.address);
    });

    it("refuses reserves of another currency (InterbankReserveMismatch)", async function () {
      const f = await loadFixture(deployInterbank);
      const token = await f.hkd.getAddress();
      await expect(f.interbank.connect(f.hkBank).setBankAccount(token, await f.rCNH.getAddress(), CAPACITY, CAPACITY))
        .to.be.revertedWithCustomError(f.interbank, "InterbankReserveMismatch")
        .withArgs(token, await f.rCNH.getAddress());
    });

    it("refuses reserves of the same currency with other decimals (InterbankReserveMismatch)", async function () {
      const f = await loadFixture(deployInterbank);
      const token = await f.hkd.getAddress();
      const sixDecimals = await ethers.deployContract("WholesaleReserve", [
        "HKD Wholesale Reserve (6)",
        "rHKD6",
        ethers.hexlify(ethers.toUtf8Bytes("HKD")),
        6,
        await f.participants.getAddress(),
        f.hkdCentralBank.address,
      ]);
      await expect(
        f.interbank.connect(f.hkBank).setBankAccount(token, await sixDecimals.getAddress(), CAPACITY, CAPACITY),
      )
        .to.be.revertedWithCustomError(f.interbank, "InterbankReserveMismatch")
        .withArgs(token, await sixDecimals.getAddress());
    });
  });

  describe("pay in one currency", function () {
    it("burns at the payer's bank, moves reserves to the payee's bank, mints at the payee's bank, with one payment id in every event", async function () {
      const f = await loadFixture(deployInterbank);
      const p = await f.hkdPayment();
      const ib = await f.interbank.getAddress();
      const before = await f.snapshot();

      const tx = f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x");
      await expect(tx).to.emit(f.hkd, "Burned").withArgs(f.importer.address, p.payAmount, p.paymentId, ib);
      await expect(tx)
        .to.emit(f.rHKD, "ReservesSettled")
        .withArgs(p.paymentId, f.hkBank.address, f.kowloonBank.address, p.payAmount, ib);
      await expect(tx).to.emit(f.kbHkd, "Minted").withArgs(f.supplier.address, p.receiveAmount, p.paymentId, ib);
      await expect(tx)
        .to.emit(f.interbank, "InterbankPaid")
        .withArgs(...paidArgs(p, ethers.ZeroAddress));

      const after = await f.snapshot();
      expect(after.hkd.importer).to.equal(before.hkd.importer - HKD(10_000));
      expect(after.kbHkd.supplier).to.equal(before.kbHkd.supplier + HKD(10_000));
      expect(after.rHKD.hkBank).to.equal(before.rHKD.hkBank - HKD(10_000));
      expect(after.rHKD.kowloonBank).to.equal(before.rHKD.kowloonBank + HKD(10_000));
      expect(after.rHKD.dealer).to.equal(before.rHKD.dealer);
      expect(after.supply.hkd).to.equal(before.supply.hkd - HKD(10_000));
      expect(after.supply.kbHkd).to.equal(before.supply.kbHkd + HKD(10_000));
      // Reserves only change hands: each bank's deposits moved by what its reserves moved.
      expect(after.supply.rHKD).to.equal(before.supply.rHKD);
      expect(after.capacities[0]).to.deep.equal([CAPACITY - HKD(10_000), CAPACITY]);
      expect(after.capacities[1]).to.deep.equal([CAPACITY, CAPACITY - HKD(10_000)]);
      expect(await f.interbank.isPaymentIdUsed(p.paymentId)).to.equal(true);
    });

    it("refuses a payment by anyone but the payer (InterbankNotPayer)", async function () {
      const f = await loadFixture(deployInterbank);
      const p = await f.hkdPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.relayer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.interbank, "InterbankNotPayer")
        .withArgs(f.relayer.address, f.importer.address);
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("refuses a zero amount (RailsZeroAmount)", async function () {
      const f = await loadFixture(deployInterbank);
      const p = await f.hkdPayment({ payAmount: 0n, receiveAmount: 0n });
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x")).to.be.revertedWithCustomError(
        f.interbank,
        "RailsZeroAmount",
      );
    });

    it("refuses a payment within one deposit token: it is a plain transfer (InterbankSameToken)", async function () {
      const f = await loadFixture(deployInterbank);
      const p = await f.hkdPayment({ payeeToken: await f.hkd.getAddress(), payee: f.hkBank.address });
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.interbank, "InterbankSameToken")
        .withArgs(await f.hkd.getAddress());
    });

    it("refuses a payment id used before (InterbankPaymentIdUsed)", async function () {
      const f = await loadFixture(deployInterbank);
      const p = await f.hkdPayment();
      await f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x");
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.interbank, "InterbankPaymentIdUsed")
        .withArgs(p.paymentId);
      await f.expectNothingMoved(before);
    });

    it("refuses a zero payment id (InterbankPaymentIdUsed)", async function () {
      const f = await loadFixture(deployInterbank);
      const p = await f.hkdPayment({ paymentId: ethers.ZeroHash });
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.interbank, "InterbankPaymentIdUsed")
        .withArgs(ethers.ZeroHash);
    });

    it("refuses receiving other than what is paid in one currency (InterbankAmountMismatch)", async function () {
      const f = await loadFixture(deployInterbank);
      const p = await f.hkdPayment({ receiveAmount: HKD(10_000) + 1n });
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.interbank, "InterbankAmountMismatch")
        .withArgs(p.payAmount, p.receiveAmount);
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("refuses a dealer's quote in one currency (InterbankQuoteNotExpected)", async function () {
      const f = await loadFixture(deployInterbank);
      const p = await f.hkdPayment();
      const q = await f.quote({ receiveReserve: await f.rHKD.getAddress() });
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, q, await f.signQuote(q)))
        .to.be.revertedWithCustomError(f.interbank, "InterbankQuoteNotExpected")
        .withArgs(f.dealer.address);
      await f.expectNothingMoved(before, p.paymentId);
      expect(await f.interbank.isQuoteUsed(f.dealer.address, q.nonce)).to.equal(false);
    });

    it("refuses more than the payer's bank lets out (InterbankOutflowCapacityExceeded)", async function () {
      const f = await loadFixture(deployInterbank);
      await f.interbank
        .connect(f.hkBank)
        .setBankAccount(await f.hkd.getAddress(), await f.rHKD.getAddress(), HKD(9_999), CAPACITY);
      const p = await f.hkdPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.interbank, "InterbankOutflowCapacityExceeded")
        .withArgs(await f.hkd.getAddress(), HKD(9_999), HKD(10_000));
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("refuses more than the payee's bank takes in (InterbankInflowCapacityExceeded)", async function () {
      const f = await loadFixture(deployInterbank);
      await f.interbank
        .connect(f.kowloonBank)
        .setBankAccount(await f.kbHkd.getAddress(), await f.rHKD.getAddress(), CAPACITY, HKD(9_999));
      const p = await f.hkdPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.interbank, "InterbankInflowCapacityExceeded")
        .withArgs(await f.kbHkd.getAddress(), HKD(9_999), HKD(10_000));
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("capacity is spent by each payment: the payment that would pass what is left is refused (InterbankOutflowCapacityExceeded)", async function () {
      const f = await loadFixture(deployInterbank);
      await f.interbank
        .connect(f.hkBank)
        .setBankAccount(await f.hkd.getAddress(), await f.rHKD.getAddress(), HKD(15_000), CAPACITY);
      await f.interbank.connect(f.importer).pay(await f.hkdPayment(), NO_QUOTE, "0x");
      const second = await f.hkdPayment({ paymentId: ethers.id("E2E-HKD-0002") });
      await expect(f.interbank.connect(f.importer).pay(second, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.interbank, "InterbankOutflowCapacityExceeded")
        .withArgs(await f.hkd.getAddress(), HKD(5_000), HKD(10_000));
    });
  });

  describe("a refusal by any contract of the payment undoes every leg, with that contract's error", function () {
    it("payer frozen at its bank: DepositAccountFrozen from the payer's deposit token", async function () {
      const f = await loadFixture(deployInterbank);
      await f.hkd.connect(f.hkBank).freeze(f.importer.address);
      const p = await f.hkdPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.hkd, "DepositAccountFrozen")
        .withArgs(f.importer.address);
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("payer short of deposits: ERC20InsufficientBalance from the payer's deposit token", async function () {
      const f = await loadFixture(deployInterbank);
      const p = await f.hkdPayment({ payAmount: HKD(100_001), receiveAmount: HKD(100_001) });
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.hkd, "ERC20InsufficientBalance")
        .withArgs(f.importer.address, HKD(100_000), HKD(100_001));
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("payee not verified at its bank: RailsNotVerified from the payee's deposit token", async function () {
      const f = await loadFixture(deployInterbank);
      await f.participants.connect(f.registrar).revoke(f.supplier.address);
      const p = await f.hkdPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.kbHkd, "RailsNotVerified")
        .withArgs(f.supplier.address);
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("payer's bank short of reserves: ERC20InsufficientBalance from the reserves, no overdraft", async function () {
      const f = await loadFixture(deployInterbank);
      await f.rHKD.connect(f.hkdCentralBank).redeem(f.hkBank.address, HKD(995_000), REF);
      const p = await f.hkdPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.rHKD, "ERC20InsufficientBalance")
        .withArgs(f.hkBank.address, HKD(5_000), HKD(10_000));
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("payer's deposit token paused: EnforcedPause from that token", async function () {
      const f = await loadFixture(deployInterbank);
      await f.hkd.connect(f.hkBank).pause();
      const p = await f.hkdPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x")).to.be.revertedWithCustomError(
        f.hkd,
        "EnforcedPause",
      );
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("payee's deposit token paused: EnforcedPause from that token, the payer's burn undone", async function () {
      const f = await loadFixture(deployInterbank);
      await f.cnh.connect(f.cnBank).pause();
      const q = await f.quote();
      const p = await f.fxPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, q, await f.signQuote(q))).to.be.revertedWithCustomError(
        f.cnh,
        "EnforcedPause",
      );
      await f.expectNothingMoved(before, p.paymentId);
      expect(await f.interbank.isQuoteUsed(f.dealer.address, q.nonce)).to.equal(false);
    });

    it("reserves paused by their central bank: EnforcedPause from the reserves", async function () {
      const f = await loadFixture(deployInterbank);
      await f.rHKD.connect(f.hkdCentralBank).pause();
      const p = await f.hkdPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x")).to.be.revertedWithCustomError(
        f.rHKD,
        "EnforcedPause",
      );
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("the interbank contract no longer an agent of the reserves: ReserveUnauthorizedAgent from the reserves", async function () {
      const f = await loadFixture(deployInterbank);
      await f.rHKD.connect(f.hkdCentralBank).setSettlementAgent(await f.interbank.getAddress(), false);
      const p = await f.hkdPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.rHKD, "ReserveUnauthorizedAgent")
        .withArgs(await f.interbank.getAddress());
      await f.expectNothingMoved(before, p.paymentId);
    });
  });

  describe("pay in two currencies through a dealer's quote", function () {
    it("payment versus payment: HKD burned, HKD reserves to the dealer, CNH reserves from the dealer, CNH minted, one payment id everywhere", async function () {
      const f = await loadFixture(deployInterbank);
      const q = await f.quote();
      const p = await f.fxPayment();
      const ib = await f.interbank.getAddress();
      const cny = (HKD(25_000) * HKD_CNH) / RATE_SCALE;
      expect(p.receiveAmount).to.equal(cny);
      expect(cny).to.equal(CNH(22_932) + 50n); // 25 000.00 HKD at 0.9173: CNH 22 932.50, exact
      const before = await f.snapshot();

      const tx = f.interbank.connect(f.importer).pay(p, q, await f.signQuote(q));
      await expect(tx).to.emit(f.hkd, "Burned").withArgs(f.importer.address, p.payAmount, p.paymentId, ib);
      await expect(tx)
        .to.emit(f.rHKD, "ReservesSettled")
        .withArgs(p.paymentId, f.hkBank.address, f.dealer.address, p.payAmount, ib);
      await expect(tx)
        .to.emit(f.rCNH, "ReservesSettled")
        .withArgs(p.paymentId, f.dealer.address, f.cnBank.address, p.receiveAmount, ib);
      await expect(tx).to.emit(f.cnh, "Minted").withArgs(f.exporter.address, p.receiveAmount, p.paymentId, ib);
      await expect(tx)
        .to.emit(f.interbank, "InterbankPaid")
        .withArgs(...paidArgs(p, f.dealer.address));

      const after = await f.snapshot();
      expect(after.hkd.importer).to.equal(before.hkd.importer - p.payAmount);
      expect(after.cnh.exporter).to.equal(before.cnh.exporter + p.receiveAmount);
      expect(after.rHKD.hkBank).to.equal(before.rHKD.hkBank - p.payAmount);
      expect(after.rHKD.dealer).to.equal(before.rHKD.dealer + p.payAmount);
      expect(after.rCNH.dealer).to.equal(before.rCNH.dealer - p.receiveAmount);
      expect(after.rCNH.cnBank).to.equal(before.rCNH.cnBank + p.receiveAmount);
      expect(after.supply.hkd).to.equal(before.supply.hkd - p.payAmount);
      expect(after.supply.cnh).to.equal(before.supply.cnh + p.receiveAmount);
      expect(after.supply.rHKD).to.equal(before.supply.rHKD);
      expect(after.supply.rCNH).to.equal(before.supply.rCNH);
      expect(after.capacities[0]).to.deep.equal([CAPACITY - p.payAmount, CAPACITY]);
      expect(after.capacities[2]).to.deep.equal([CAPACITY, CAPACITY - p.receiveAmount]);
      expect(await f.interbank.isQuoteUsed(f.dealer.address, q.nonce)).to.equal(true);
    });

    it("rounds down: HKD 25 000.01 at 0.9173 gives CNH 22 932.50 (of 22 932.509173); the payee bears less than one base unit", async function () {
      const f = await loadFixture(deployInterbank);
      const q = await f.quote();
      const payAmount = HKD(25_000) + 1n;
      const floor = (payAmount * HKD_CNH) / RATE_SCALE;
      expect(floor).to.equal(2_293_250n);
      expect(payAmount * HKD_CNH - floor * RATE_SCALE).to.be.greaterThan(0n); // not exact: there is a remainder
      expect(await f.interbank.quotedAmount(q, payAmount)).to.equal(floor);
      const p = await f.fxPayment({ payAmount, receiveAmount: floor });
      await expect(f.interbank.connect(f.importer).pay(p, q, await f.signQuote(q))).to.changeTokenBalances(
        ethers,
        f.rCNH,
        [f.dealer, f.cnBank],
        [-floor, floor],
      );
      expect(await f.cnh.balanceOf(f.exporter.address)).to.equal(floor);
    });

    it("refuses one base unit above the rounded-down amount (InterbankQuoteRateExceeded)", async function () {
      const f = await loadFixture(deployInterbank);
      const q = await f.quote();
      const payAmount = HKD(25_000) + 1n;
      const floor = (payAmount * HKD_CNH) / RATE_SCALE;
      const p = await f.fxPayment({ payAmount, receiveAmount: floor + 1n });
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, q, await f.signQuote(q)))
        .to.be.revertedWithCustomError(f.interbank, "InterbankQuoteRateExceeded")
        .withArgs(floor, floor + 1n);
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("refuses an expired quote (RailsExpired)", async function () {
      const f = await loadFixture(deployInterbank);
      const q = await f.quote();
      const signature = await f.signQuote(q);
      await time.increaseTo(q.expiry); // the payment's block is one second later
      const p = await f.fxPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, q, signature))
        .to.be.revertedWithCustomError(f.interbank, "RailsExpired")
        .withArgs(q.expiry, q.expiry + 1n);
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("refuses a quote altered after the dealer signed it: a better rate (RailsInvalidSignature)", async function () {
      const f = await loadFixture(deployInterbank);
      const q = await f.quote();
      const signature = await f.signQuote(q);
      const altered = { ...q, rate: q.rate + 10n ** 15n };
      const p = await f.fxPayment({ receiveAmount: (HKD(25_000) * altered.rate) / RATE_SCALE });
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, altered, signature))
        .to.be.revertedWithCustomError(f.interbank, "RailsInvalidSignature")
        .withArgs(f.dealer.address);
      await f.expectNothingMoved(before, p.paymentId);
      expect(await f.interbank.isQuoteUsed(f.dealer.address, q.nonce)).to.equal(false);
    });

    it("refuses a quote signed by someone other than the dealer it names (RailsInvalidSignature)", async function () {
      const f = await loadFixture(deployInterbank);
      const q = await f.quote();
      const p = await f.fxPayment();
      await expect(f.interbank.connect(f.importer).pay(p, q, await f.signQuote(q, f.importer)))
        .to.be.revertedWithCustomError(f.interbank, "RailsInvalidSignature")
        .withArgs(f.dealer.address);
    });

    it("refuses a quote made out to another payer: nobody who sees a quote can take it first (InterbankQuoteTakerMismatch)", async function () {
      const f = await loadFixture(deployInterbank);
      const q = await f.quote({ taker: f.exporter.address });
      await expect(f.interbank.connect(f.importer).pay(await f.fxPayment(), q, await f.signQuote(q)))
        .to.be.revertedWithCustomError(f.interbank, "InterbankQuoteTakerMismatch")
        .withArgs(f.exporter.address, f.importer.address);
      expect(await f.interbank.isQuoteUsed(f.dealer.address, q.nonce)).to.equal(false);
    });

    it("a quote with no taker named is a firm offer to whoever presents it first", async function () {
      const f = await loadFixture(deployInterbank);
      const q = await f.quote({ taker: ethers.ZeroAddress });
      const p = await f.fxPayment();
      await expect(f.interbank.connect(f.importer).pay(p, q, await f.signQuote(q)))
        .to.emit(f.interbank, "InterbankPaid")
        .withArgs(...paidArgs(p, f.dealer.address));
    });

    it("refuses a payment larger than the quote takes (InterbankQuoteSizeExceeded)", async function () {
      const f = await loadFixture(deployInterbank);
      const q = await f.quote({ maxPayAmount: HKD(20_000) });
      const p = await f.fxPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, q, await f.signQuote(q)))
        .to.be.revertedWithCustomError(f.interbank, "InterbankQuoteSizeExceeded")
        .withArgs(HKD(20_000), HKD(25_000));
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("refuses a quote taken before: a quote fills once (InterbankQuoteUsed)", async function () {
      const f = await loadFixture(deployInterbank);
      const q = await f.quote();
      const signature = await f.signQuote(q);
      await f.interbank
        .connect(f.importer)
        .pay(await f.fxPayment({ payAmount: HKD(1_000), receiveAmount: 1n }), q, signature);
      const p = await f.fxPayment({ paymentId: ethers.id("E2E-FX-0002"), payAmount: HKD(1_000), receiveAmount: 1n });
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, q, signature))
        .to.be.revertedWithCustomError(f.interbank, "InterbankQuoteUsed")
        .withArgs(f.dealer.address, q.nonce);
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("the dealer cancels a quote before it is taken (QuoteCancelled); taking it is then refused (InterbankQuoteUsed)", async function () {
      const f = await loadFixture(deployInterbank);
      const q = await f.quote({ nonce: 300n });
      const signature = await f.signQuote(q);
      await expect(f.interbank.connect(f.dealer).cancelQuote(300n))
        .to.emit(f.interbank, "QuoteCancelled")
        .withArgs(f.dealer.address, 300n);
      expect(await f.interbank.isQuoteUsed(f.dealer.address, 300n)).to.equal(true);
      expect(await f.interbank.isQuoteUsed(f.dealer.address, 299n)).to.equal(false);
      const p = await f.fxPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, q, signature))
        .to.be.revertedWithCustomError(f.interbank, "InterbankQuoteUsed")
        .withArgs(f.dealer.address, 300n);
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("refuses cancelling a quote twice (InterbankQuoteUsed)", async function () {
      const f = await loadFixture(deployInterbank);
      await f.interbank.connect(f.dealer).cancelQuote(7n);
      await expect(f.interbank.connect(f.dealer).cancelQuote(7n))
        .to.be.revertedWithCustomError(f.interbank, "InterbankQuoteUsed")
        .withArgs(f.dealer.address, 7n);
    });

    it("refuses a quote for the reverse pair (InterbankQuotePairMismatch)", async function () {
      const f = await loadFixture(deployInterbank);
      const q = await f.quote({ payReserve: await f.rCNH.getAddress(), receiveReserve: await f.rHKD.getAddress() });
      const p = await f.fxPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, q, await f.signQuote(q)))
        .to.be.revertedWithCustomError(f.interbank, "InterbankQuotePairMismatch")
        .withArgs(await f.rCNH.getAddress(), await f.rHKD.getAddress());
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("refuses a payment in two currencies without a quote (InterbankQuotePairMismatch)", async function () {
      const f = await loadFixture(deployInterbank);
      const p = await f.fxPayment();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.interbank, "InterbankQuotePairMismatch")
        .withArgs(ethers.ZeroAddress, ethers.ZeroAddress);
    });

    it("dealer short of CNH reserves: ERC20InsufficientBalance from the CNH reserves, and the HKD leg is undone too", async function () {
      const f = await loadFixture(deployInterbank);
      await f.rCNH.connect(f.cnhCentralBank).redeem(f.dealer.address, CNH(5_000_000) - CNH(1), REF);
      const q = await f.quote();
      const p = await f.fxPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, q, await f.signQuote(q)))
        .to.be.revertedWithCustomError(f.rCNH, "ERC20InsufficientBalance")
        .withArgs(f.dealer.address, CNH(1), p.receiveAmount);
      await f.expectNothingMoved(before, p.paymentId);
      expect(await f.interbank.isQuoteUsed(f.dealer.address, q.nonce)).to.equal(false);
    });

    it("a dealer that is a contract account signs by ERC-1271", async function () {
      const f = await loadFixture(deployInterbank);
      const wallet = await ethers.deployContract("ERC1271WalletMock", [f.dealerKey.address]);
      const dealer = await wallet.getAddress();
      await f.registerParticipant(dealer, Kinds.BANK, "HK");
      await f.rCNH.connect(f.cnhCentralBank).issue(dealer, CNH(100_000), REF);
      const q = await f.quote({ dealer });
      const p = await f.fxPayment();
      await expect(f.interbank.connect(f.importer).pay(p, q, await f.signQuote(q, f.dealerKey)))
        .to.emit(f.interbank, "InterbankPaid")
        .withArgs(...paidArgs(p, dealer));
      expect(await f.rHKD.balanceOf(dealer)).to.equal(p.payAmount);
      expect(await f.rCNH.balanceOf(dealer)).to.equal(CNH(100_000) - p.receiveAmount);
    });

    it("refuses a contract dealer's quote its key did not sign (RailsInvalidSignature)", async function () {
      const f = await loadFixture(deployInterbank);
      const wallet = await ethers.deployContract("ERC1271WalletMock", [f.dealerKey.address]);
      const dealer = await wallet.getAddress();
      await f.registerParticipant(dealer, Kinds.BANK, "HK");
      const q = await f.quote({ dealer });
      await expect(f.interbank.connect(f.importer).pay(await f.fxPayment(), q, await f.signQuote(q, f.dealer)))
        .to.be.revertedWithCustomError(f.interbank, "RailsInvalidSignature")
        .withArgs(dealer);
    });

    it("hashQuote and DOMAIN_SEPARATOR are the EIP-712 hash and domain the dealer signs", async function () {
      const f = await loadFixture(deployInterbank);
      const q = await f.quote();
      expect(await f.interbank.DOMAIN_SEPARATOR()).to.equal(ethers.TypedDataEncoder.hashDomain(f.domains.interbank));
      expect(await f.interbank.hashQuote(q)).to.equal(
        ethers.TypedDataEncoder.hash(f.domains.interbank, QUOTE_TYPES, q),
      );
    });
  });

  describe("payFor", function () {
    it("refuses a caller without the interbank settler role, even the payer (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deployInterbank);
      const p = await f.hkdPayment();
      await expect(f.interbank.connect(f.importer).payFor(p, NO_QUOTE, "0x"))
        .to.be.revertedWithCustomError(f.interbank, "AccessManagedUnauthorized")
        .withArgs(f.importer.address);
    });

    it("a holder of the settler role pays for the payer without the payer's call", async function () {
      const f = await loadFixture(deployInterbank);
      await grant(f.manager, f.admin, { contract: "interbank", name: "SETTLER" }, f.relayer.address);
      const p = await f.hkdPayment();
      await expect(f.interbank.connect(f.relayer).payFor(p, NO_QUOTE, "0x")).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.importer],
        [-p.payAmount],
      );
      expect(await f.kbHkd.balanceOf(f.supplier.address)).to.equal(p.receiveAmount);
    });

    it("refuses payFor while paused (EnforcedPause)", async function () {
      const f = await loadFixture(deployInterbank);
      await grant(f.manager, f.admin, { contract: "interbank", name: "SETTLER" }, f.relayer.address);
      await f.interbank.connect(f.admin).pause();
      await expect(
        f.interbank.connect(f.relayer).payFor(await f.hkdPayment(), NO_QUOTE, "0x"),
      ).to.be.revertedWithCustomError(f.interbank, "EnforcedPause");
    });
  });

  describe("pause", function () {
    it("the interbank pauser stops and resumes payments (Paused, Unpaused)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.interbank.connect(f.admin).pause()).to.emit(f.interbank, "Paused").withArgs(f.admin.address);
      await expect(f.interbank.connect(f.admin).unpause()).to.emit(f.interbank, "Unpaused").withArgs(f.admin.address);
      await expect(f.interbank.connect(f.importer).pay(await f.hkdPayment(), NO_QUOTE, "0x")).to.emit(
        f.interbank,
        "InterbankPaid",
      );
    });

    it("refuses pay while paused (EnforcedPause)", async function () {
      const f = await loadFixture(deployInterbank);
      await f.interbank.connect(f.admin).pause();
      const p = await f.hkdPayment();
      const before = await f.snapshot();
      await expect(f.interbank.connect(f.importer).pay(p, NO_QUOTE, "0x")).to.be.revertedWithCustomError(
        f.interbank,
        "EnforcedPause",
      );
      await f.expectNothingMoved(before, p.paymentId);
    });

    it("refuses a pause by anyone without the interbank pauser role (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.interbank.connect(f.hkBank).pause())
        .to.be.revertedWithCustomError(f.interbank, "AccessManagedUnauthorized")
        .withArgs(f.hkBank.address);
    });

    it("refuses an unpause by anyone without the interbank pauser role (AccessManagedUnauthorized)", async function () {
      const f = await loadFixture(deployInterbank);
      await f.interbank.connect(f.admin).pause();
      await expect(f.interbank.connect(f.hkBank).unpause())
        .to.be.revertedWithCustomError(f.interbank, "AccessManagedUnauthorized")
        .withArgs(f.hkBank.address);
    });

    it("refuses a second pause (EnforcedPause)", async function () {
      const f = await loadFixture(deployInterbank);
      await f.interbank.connect(f.admin).pause();
      await expect(f.interbank.connect(f.admin).pause()).to.be.revertedWithCustomError(f.interbank, "EnforcedPause");
    });

    it("refuses an unpause while not paused (ExpectedPause)", async function () {
      const f = await loadFixture(deployInterbank);
      await expect(f.interbank.connect(f.admin).unpause()).to.be.revertedWithCustomError(f.interbank, "ExpectedPause");
    });
  });
});
