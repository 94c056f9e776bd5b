import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";

import { ALLOWANCE, HKD, NO_EBL_AUTH, deploySystem, ethers, networkHelpers } from "./fixture.js";

const { loadFixture } = networkHelpers;

/**
 * Gas of the settlement paths, from transaction receipts, printed as the table in docs/gas.md (section Settlement).
 * Each path starts from the same fixture: the exporter holds the eBL and no HKD, the importer holds HKD 100 000.
 * Run with `npx hardhat test mocha test/settlement/gas.ts`.
 */
describe("Settlement gas", function () {
  const rows: { path: string; gas: bigint }[] = [];

  async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
    const receipt = await (await tx).wait();
    expect(receipt?.status).to.equal(1);
    return receipt!.gasUsed;
  }

  after(function () {
    const width = Math.max(...rows.map((r) => r.path.length));
    console.log(`\n      | ${"path".padEnd(width)} |       gas |`);
    console.log(`      | ${"-".repeat(width)} | --------: |`);
    for (const r of rows) console.log(`      | ${r.path.padEnd(width)} | ${r.gas.toString().padStart(9)} |`);
  });

  it("signed settlement with prior approvals", async function () {
    const f = await loadFixture(deploySystem);
    const t = await f.terms();
    const eblApprove = await gasOf(f.ebl.connect(f.exporter).approve(await f.settlement.getAddress(), f.tokenId));
    const hkdApprove = await gasOf(f.hkd.connect(f.importer).approve(await f.rail.getAddress(), t.amount));
    const gas = await gasOf(f.settlement.connect(f.relayer).settle(await f.signed(t)));
    rows.push(
      { path: "prior approval: eBL approve (seller)", gas: eblApprove },
      { path: "prior approval: HKD approve of the rail (buyer)", gas: hkdApprove },
      { path: "settle: signed, prior approvals", gas },
    );
    expect(gas).to.be.lessThan(300_000n);
  });

  it("signed settlement with an eBL permit and an EIP-2612 permit in the same call", async function () {
    const f = await loadFixture(deploySystem);
    const t = await f.terms();
    const s = await f.signed(t, {
      eblAuth: await f.eblPermit(f.exporter),
      paymentAuth: await f.paymentPermit(f.importer, t.amount),
    });
    const gas = await gasOf(f.settlement.connect(f.relayer).settle(s));
    rows.push({ path: "settle: signed, eBL permit + EIP-2612 permit", gas });
    expect(gas).to.be.lessThan(350_000n);
  });

  it("signed settlement with an eBL permit and an EIP-3009 authorization in the same call", async function () {
    const f = await loadFixture(deploySystem);
    const t = await f.terms();
    const s = await f.signed(t, {
      eblAuth: await f.eblPermit(f.exporter),
      paymentAuth: await f.paymentAuthorization(f.importer, t.amount, await f.settlement.hashTerms(t)),
    });
    const gas = await gasOf(f.settlement.connect(f.relayer).settle(s));
    rows.push({ path: "settle: signed, eBL permit + EIP-3009 authorization", gas });
    expect(gas).to.be.lessThan(350_000n);
  });

  it("escrowed deal: createDeal, depositEbl, depositPayment that settles, and the total", async function () {
    const f = await loadFixture(deploySystem);
    const t = await f.terms();
    await f.approveBoth(HKD(25_000), await f.escrow.getAddress());
    const create = await gasOf(f.escrow.connect(f.exporter).createDeal(t, "0x"));
    const ebl = await gasOf(f.escrow.connect(f.exporter).depositEbl(t, "0x", NO_EBL_AUTH));
    const pay = await gasOf(f.escrow.connect(f.importer).depositPayment(t, t.amount, "0x", ALLOWANCE));
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
    rows.push(
      { path: "escrow: createDeal", gas: create },
      { path: "escrow: depositEbl (prior approval)", gas: ebl },
      { path: "escrow: depositPayment, settling (allowance)", gas: pay },
      { path: "escrow: total of the three", gas: create + ebl + pay },
    );
    expect(create + ebl + pay).to.be.lessThan(500_000n);
  });

  it("batch settlement of 5 items with prior approvals, total and per item", async function () {
    const f = await loadFixture(deploySystem);
    const items = [await f.signed(await f.terms())];
    for (let i = 2; i <= 5; i++) {
      const bill = await f.issueBill(`GAS-BATCH-000${i}`);
      items.push(await f.signed(await f.terms({ tokenId: bill.id, documentHash: bill.hash, salt: ethers.id(`${i}`) })));
    }
    await f.ebl.connect(f.exporter).setApprovalForAll(await f.settlement.getAddress(), true);
    await f.hkd.connect(f.hkBank).transfer(f.importer.address, HKD(50_000));
    await f.hkd.connect(f.importer).approve(await f.rail.getAddress(), HKD(125_000));
    const gas = await gasOf(f.settlement.connect(f.relayer).settleBatch(items));
    expect(await f.ebl.balanceOf(f.importer.address)).to.equal(5n);
    rows.push(
      { path: "settleBatch: 5 items, total", gas },
      { path: "settleBatch: per item (total / 5)", gas: gas / 5n },
    );
    expect(gas / 5n).to.be.lessThan(300_000n);
  });
});
