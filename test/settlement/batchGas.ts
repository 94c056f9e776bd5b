import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import type { ContractTransactionReceipt, ContractTransactionResponse } from "ethers";
import hre from "hardhat";

import { Kinds } from "../ebl/helpers.js";
import {
  ALLOWANCE,
  HKD,
  NO_EBL_AUTH,
  TermsStatus,
  deploySystem,
  ethers,
  networkHelpers,
  type Settlement,
  type Terms,
} from "./fixture.js";

const { loadFixture, time } = networkHelpers;

type System = Awaited<ReturnType<typeof deploySystem>>;

/** The gas limit of the batches below: the most one transaction may use since EIP-7825 (2^24), half a 30M block. */
const BLOCK_GAS = 16_000_000n;

/** The gas a transaction pays before its first opcode: 21 000 and its calldata (EIP-2028). */
function intrinsicGas(data: string): bigint {
  let gas = 21_000n;
  for (const byte of ethers.getBytes(data)) gas += byte === 0 ? 4n : 16n;
  return gas;
}

/** What a mined transaction spent on execution: its gas used minus the intrinsic gas. */
async function executionGas(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const response = await tx;
  const receipt = await response.wait();
  expect(receipt?.status).to.equal(1);
  return receipt!.gasUsed - intrinsicGas(response.data);
}

/** The decoded logs of `name` from the settlement contract in a receipt. */
function eventsNamed(f: System, receipt: ContractTransactionReceipt, name: string) {
  return receipt.logs.map((l) => f.settlement.interface.parseLog(l)).filter((l) => l?.name === name);
}

/**
 * 20 honest signed settlements (the exporter sells 20 eBLs to the importer, HKD 1 000 each, prior approvals) and
 * room for one more, whose eBL `greedyBill` the test sells to an attacker.
 */
async function twentyHonestItems() {
  const f = await deploySystem();
  const settlementAddress = await f.settlement.getAddress();
  const honest: Settlement[] = [];
  for (let i = 1; i <= 20; i++) {
    const bill = await f.issueBill(`GRIEF-${String(i).padStart(4, "0")}`);
    const t = await f.terms({ tokenId: bill.id, documentHash: bill.hash, amount: HKD(1_000), salt: ethers.id(`${i}`) });
    honest.push(await f.signed(t));
  }
  const greedyBill = await f.issueBill("GRIEF-GREEDY");
  await f.ebl.connect(f.exporter).setApprovalForAll(settlementAddress, true);
  await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), HKD(21_000));
  return { f, honest, greedyBill };
}

/** The greedy item: the 21st eBL sold to `party`, a registered contract that is the buyer and the eBL recipient. */
async function greedyItem(
  f: System,
  bill: { id: bigint; hash: string },
  party: string,
  opts: { buyer?: string; signature?: string } = {},
): Promise<Settlement> {
  await f.register(party, Kinds.TRADER);
  const t = await f.terms({
    tokenId: bill.id,
    documentHash: bill.hash,
    amount: HKD(1_000),
    buyer: opts.buyer ?? f.importer.address,
    eblRecipient: party,
    titleRecipient: party,
    salt: ethers.id("greedy"),
  });
  const signed = await f.signed(t);
  return opts.signature === undefined ? signed : { ...signed, buyerSignature: opts.signature };
}

/** Checks that the 20 honest items settled, each to the importer, and the greedy item at index 0 did not. */
async function expectHonestSettled(f: System, receipt: ContractTransactionReceipt, honest: Settlement[]) {
  expect(eventsNamed(f, receipt, "Settled")).to.have.length(20);
  for (const item of honest) expect(await f.ebl.ownerOf(item.terms.tokenId)).to.equal(f.importer.address);
  expect(await f.hkd.balanceOf(f.exporter.address)).to.equal(HKD(20_000));
}

/** An escrowed deal holding both legs (the eBL and HKD 10 000 of HKD 25 000), deadline in one day. */
async function dealHoldingBothLegs() {
  const f = await deploySystem();
  const t: Terms = await f.terms({ deadline: BigInt(await time.latest()) + 86_400n });
  await f.approveBoth(HKD(25_000), await f.escrow.getAddress());
  await f.escrow.connect(f.exporter).createDeal(t, "0x");
  await f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH);
  await f.escrow.connect(f.importer).depositPayment(t, HKD(10_000), "0x", ALLOWANCE);
  return { f, t, dealId: await f.escrow.hashTerms(t) };
}

/** The `needed` a return reports: called with a gas limit far below it, the error names what it needs. */
async function returnGasNeeded(f: System, call: (gasLimit: bigint) => Promise<unknown>): Promise<bigint> {
  try {
    await call(150_000n);
  } catch (e) {
    const data = (e as { data?: string }).data;
    const parsed = data === undefined ? null : f.escrow.interface.parseError(data);
    if (parsed?.name === "SettlementReturnGasTooLow") return parsed.args.needed as bigint;
    throw e;
  }
  throw new Error("the call did not revert with a low gas limit");
}

describe("Settlement: gas bounds of batch items and returns", function () {
  describe("settleBatch: one item's party code cannot sink the batch", function () {
    it("settles 20 honest items around an eBL recipient whose onERC721Received burns all gas, reporting that item failed", async function () {
      const { f, honest, greedyBill } = await loadFixture(twentyHonestItems);
      const receiver = await ethers.deployContract("GasBurningReceiver", [0]);
      const greedy = await greedyItem(f, greedyBill, await receiver.getAddress());
      const items = [greedy, ...honest];

      const tx = await f.settlement.connect(f.relayer).settleBatch(items, { gasLimit: BLOCK_GAS });
      const receipt = (await tx.wait())!;
      // The registry gets the item's leftover after the receiver burned its share, and reports the refusal.
      const reason = f.ebl.interface.encodeErrorResult("ERC721InvalidReceiver", [await receiver.getAddress()]);
      await expect(tx)
        .to.emit(f.settlement, "BatchItemFailed")
        .withArgs(0n, await f.settlement.hashTerms(greedy.terms), reason);
      await expectHonestSettled(f, receipt, honest);
      expect(await f.ebl.ownerOf(greedyBill.id)).to.equal(f.exporter.address);
      // The greedy item cost the batch at most its allowance; an honest item in a batch costs about 115 000.
      expect(receipt.gasUsed).to.be.lessThan((await f.settlement.BATCH_ITEM_GAS()) + 20n * 150_000n);
    });

    it("settles 20 honest items around a party whose ERC-1271 isValidSignature burns all gas, reporting that item failed", async function () {
      const { f, honest, greedyBill } = await loadFixture(twentyHonestItems);
      const signer = await ethers.deployContract("GasBurningSigner");
      const signerAddress = await signer.getAddress();
      // The signer is the buyer: no key recovers to it, so its isValidSignature is asked.
      const greedy = await greedyItem(f, greedyBill, signerAddress, { buyer: signerAddress, signature: "0x01" });
      const items = [greedy, ...honest];

      const tx = await f.settlement.connect(f.relayer).settleBatch(items, { gasLimit: BLOCK_GAS });
      const receipt = (await tx.wait())!;
      const reason = f.settlement.interface.encodeErrorResult("RailsInvalidSignature", [signerAddress]);
      await expect(tx)
        .to.emit(f.settlement, "BatchItemFailed")
        .withArgs(0n, await f.settlement.hashTerms(greedy.terms), reason);
      await expectHonestSettled(f, receipt, honest);
      expect(receipt.gasUsed).to.be.lessThan((await f.settlement.BATCH_ITEM_GAS()) + 20n * 150_000n);
    });

    it("reports a huge revert reason cut to its first 260 bytes", async function () {
      const { f, honest, greedyBill } = await loadFixture(twentyHonestItems);
      const receiver = await ethers.deployContract("GasBurningReceiver", [10_000]);
      const greedy = await greedyItem(f, greedyBill, await receiver.getAddress());

      const tx = await f.settlement.connect(f.relayer).settleBatch([greedy, honest[0]!]);
      const receipt = (await tx.wait())!;
      const full = receiver.interface.encodeErrorResult("GasBurningReceiverBomb", [new Uint8Array(10_000).fill(0xab)]);
      expect(ethers.dataLength(full)).to.be.greaterThan(10_000);
      const [failed] = eventsNamed(f, receipt, "BatchItemFailed");
      expect(failed!.args.index).to.equal(0n);
      expect(failed!.args.reason).to.equal(ethers.dataSlice(full, 0, 260));
      expect(eventsNamed(f, receipt, "Settled")).to.have.length(1);
    });

    it("refuses a batch sent with too little gas to give the next item its allowance (SettlementBatchGasTooLow), settling nothing", async function () {
      const { f, honest } = await loadFixture(twentyHonestItems);
      const items = honest.slice(0, 3);
      const allowance = await f.settlement.BATCH_ITEM_GAS();
      const data = f.settlement.interface.encodeFunctionData("settleBatch", [items]);
      // Enough for the first item's check and the first item, not for the second item's check: with all gas passed
      // on (before), the second item would run out and be reported failed although it is valid.
      const gasLimit = intrinsicGas(data) + allowance + allowance / 63n + 80_000n;

      const tx = f.settlement.connect(f.relayer).settleBatch(items, { gasLimit });
      await expect(tx)
        .to.be.revertedWithCustomError(f.settlement, "SettlementBatchGasTooLow")
        .withArgs(1n, anyValue, anyValue);
      for (const item of items) expect(await f.ebl.ownerOf(item.terms.tokenId)).to.equal(f.exporter.address);
      expect(await f.hkd.balanceOf(f.exporter.address)).to.equal(0n);

      const done = await (await f.settlement.connect(f.relayer).settleBatch(items)).wait();
      expect(eventsNamed(f, done!, "Settled")).to.have.length(3);
    });
  });

  describe("cancelDeal and refund: a low gas limit is refused, never reported as a failed return", function () {
    it("refuses refund with too little gas for the returns (SettlementReturnGasTooLow): nothing returned, the deal unchanged", async function () {
      const { f, t, dealId } = await loadFixture(dealHoldingBothLegs);
      await time.increaseTo(t.deadline + 1n);
      const send = (gasLimit: bigint) => f.escrow.connect(f.outsider).refund(t, { gasLimit });
      const needed = await returnGasNeeded(f, (gasLimit) =>
        f.escrow.connect(f.outsider).refund.staticCall(t, { gasLimit }),
      );
      expect(needed).to.be.greaterThan(await f.escrow.RETURN_GAS());

      // Enough for the eBL's return, not for the payment's: the eBL's return is rolled back with the rest. The gas
      // left at the refusal is far below what the first check saw, so it was the payment's check that refused.
      const data = f.escrow.interface.encodeFunctionData("refund", [t]);
      await expect(send(intrinsicGas(data) + needed + 40_000n))
        .to.be.revertedWithCustomError(f.escrow, "SettlementReturnGasTooLow")
        .withArgs(needed, (left: bigint) => left < needed - 20_000n);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(await f.escrow.getAddress());
      expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Open), true, HKD(10_000)]);
      expect(await f.escrow.escrowedBalance(t.paymentToken)).to.equal(HKD(10_000));

      const tx = f.escrow.connect(f.outsider).refund(t);
      await expect(tx).to.emit(f.escrow, "EblReturned").withArgs(dealId, f.exporter.address);
      await expect(tx).to.emit(f.escrow, "PaymentReturned").withArgs(dealId, f.importer.address, HKD(10_000));
      await expect(tx).not.to.emit(f.escrow, "ReturnFailed");
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
    });

    it("refuses cancelDeal with too little gas for the returns (SettlementReturnGasTooLow): nothing returned, the deal open", async function () {
      const { f, t, dealId } = await loadFixture(dealHoldingBothLegs);
      const send = (gasLimit: bigint) => f.escrow.connect(f.importer).cancelDeal(t, { gasLimit });
      const needed = await returnGasNeeded(f, (gasLimit) =>
        f.escrow.connect(f.importer).cancelDeal.staticCall(t, { gasLimit }),
      );

      // Enough for the eBL's return, not for the payment's (see the refund test).
      const data = f.escrow.interface.encodeFunctionData("cancelDeal", [t]);
      await expect(send(intrinsicGas(data) + needed + 40_000n))
        .to.be.revertedWithCustomError(f.escrow, "SettlementReturnGasTooLow")
        .withArgs(needed, (left: bigint) => left < needed - 20_000n);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(await f.escrow.getAddress());
      expect(await f.escrow.dealOf(dealId)).to.deep.equal([BigInt(TermsStatus.Open), true, HKD(10_000)]);

      const tx = f.escrow.connect(f.importer).cancelDeal(t);
      await expect(tx).to.emit(f.escrow, "EblReturned").withArgs(dealId, f.exporter.address);
      await expect(tx).to.emit(f.escrow, "PaymentReturned").withArgs(dealId, f.importer.address, HKD(10_000));
      await expect(tx).not.to.emit(f.escrow, "ReturnFailed");
    });
  });

  describe("sizing: the allowances leave a wide margin over the heaviest honest calls", function () {
    before(function () {
      // coverage instrumentation adds gas to every call: the measured margins are meaningless there
      if (hre.globalOptions.coverage) this.skip();
    });

    const rows: { path: string; gas: bigint }[] = [];

    after(function () {
      for (const r of rows) console.log(`      ${r.path}: ${r.gas}`);
    });

    it("a first trade with an eBL permit and an EIP-3009 authorization uses under half of BATCH_ITEM_GAS", async function () {
      const f = await loadFixture(deploySystem);
      const t = await f.terms();
      const s = await f.signed(t, {
        eblAuth: await f.eblPermit(f.exporter),
        paymentAuth: await f.paymentAuthorization(f.importer, t.amount, await f.settlement.hashTerms(t)),
      });
      const gas = await executionGas(f.settlement.connect(f.relayer).settle(s));
      rows.push({ path: "settle execution, first trade, eBL permit + EIP-3009", gas });
      expect(gas).to.be.lessThan((await f.settlement.BATCH_ITEM_GAS()) / 2n);
    });

    it("a trade between two ERC-1271 smart accounts, with a split endorsement, uses under half of BATCH_ITEM_GAS", async function () {
      const f = await loadFixture(deploySystem);
      const settlementAddress = await f.settlement.getAddress();
      const seller = await ethers.deployContract("TestSmartAccount", [f.exporter.address]);
      const buyer = await ethers.deployContract("TestSmartAccount", [f.importer.address]);
      const [sellerAddress, buyerAddress] = [await seller.getAddress(), await buyer.getAddress()];
      await f.register(sellerAddress, Kinds.TRADER, "CN");
      await f.register(buyerAddress, Kinds.TRADER);
      const bill = await f.issueBill("SMART-0001", undefined, sellerAddress, sellerAddress);
      await f.hkd.connect(f.hkBank).mint(buyerAddress, HKD(25_000), ethers.encodeBytes32String("DEP-SMART"));
      const ebl = await f.ebl.getAddress();
      await seller
        .connect(f.exporter)
        .execute(ebl, f.ebl.interface.encodeFunctionData("setApprovalForAll", [settlementAddress, true]));
      await buyer
        .connect(f.importer)
        .execute(
          await f.hkd.getAddress(),
          f.hkd.interface.encodeFunctionData("approve", [await f.rail.getAddress(), HKD(25_000)]),
        );
      const t = await f.terms({
        tokenId: bill.id,
        documentHash: bill.hash,
        seller: sellerAddress,
        buyer: buyerAddress,
        eblRecipient: buyerAddress,
        titleRecipient: f.cnBank.address,
        paymentRecipient: sellerAddress,
      });
      // Each account accepts its owner key's signature of the terms through ERC-1271.
      const gas = await executionGas(f.settlement.connect(f.relayer).settle(await f.signed(t)));
      expect(await f.ebl.ownerOf(bill.id)).to.equal(buyerAddress);
      rows.push({ path: "settle execution, two ERC-1271 smart accounts, split endorsement", gas });
      expect(gas).to.be.lessThan((await f.settlement.BATCH_ITEM_GAS()) / 2n);
    });

    for (const leg of ["eBL", "payment"] as const) {
      it(`the return of the ${leg} leg uses under a quarter of RETURN_GAS`, async function () {
        const f = await loadFixture(deploySystem);
        const t = await f.terms();
        await f.approveBoth(HKD(25_000), await f.escrow.getAddress());
        await f.escrow.connect(f.exporter).createDeal(t, "0x");
        if (leg === "eBL") await f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH);
        else await f.escrow.connect(f.importer).depositPayment(t, HKD(10_000), "0x", ALLOWANCE);
        // cancelDeal's execution is the return and the cancellation around it: a bound on the return.
        const gas = await executionGas(f.escrow.connect(f.importer).cancelDeal(t));
        rows.push({ path: `cancelDeal execution, ${leg} leg returned`, gas });
        expect(gas).to.be.lessThan((await f.escrow.RETURN_GAS()) / 4n);
      });
    }
  });
});
