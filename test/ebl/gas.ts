/**
 * Gas of the registry's transfer, endorsement and surrender paths, from transaction receipts, each from the same
 * fixture, printed as a table. A bound per path fails the test when a change makes a path dearer than the bound; the
 * registry is optimised for 1 000 runs (hardhat.config.ts), which costs up to about 100 gas per path; the
 * bounds sit a little above the figures of docs/architecture.md ("Registry as a title ledger").
 * Run with `npx hardhat test mocha test/ebl/gas.ts`.
 */
import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import hre from "hardhat";

import { fixture, loadFixture } from "./fixture.js";

describe("BillOfLadingRegistry — gas", function () {
  before(function () {
    // coverage instrumentation adds gas to every call: bounds are meaningless there
    if (hre.globalOptions.coverage) this.skip();
  });

  const rows: { path: string; gas: bigint }[] = [];

  async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
    const receipt = await (await tx).wait();
    expect(receipt?.status).to.equal(1);
    return receipt!.gasUsed;
  }

  function row(path: string, gas: bigint, bound: bigint) {
    rows.push({ path, gas });
    expect(gas).to.be.lessThanOrEqual(bound, path);
  }

  after(function () {
    if (rows.length === 0) return; // skipped (under --coverage)
    const width = Math.max(...rows.map((r) => r.path.length));
    console.log(`\n      | ${"path".padEnd(width)} |       gas |`);
    console.log(`      | ${"-".repeat(width)} | --------: |`);
    for (const r of rows) console.log(`      | ${r.path.padEnd(width)} | ${r.gas.toString().padStart(9)} |`);
  });

  it("issue, transfer of possession, blank endorse, endorse-and-deliver and endorse of a to-order B/L", async function () {
    const { ebl, carrier, shipper, bankA, buyer, doc } = await loadFixture(fixture);
    const first = await ebl.tokenIdOf(carrier.address, "GAS-0001");
    row(
      "issue: to order, shipper holds none",
      await gasOf(ebl.connect(carrier).issue(shipper.address, "GAS-0001", 1, shipper.address, doc.hash)),
      // issue is restricted: it pays one call to the access manager (about 9 100 gas; docs/gas.md, Permissions).
      146_100n,
    );
    row(
      "issue: to order, shipper holds one",
      await gasOf(ebl.connect(carrier).issue(shipper.address, "GAS-0002", 1, shipper.address, doc.hash)),
      129_000n,
    );
    const second = await ebl.tokenIdOf(carrier.address, "GAS-0002");
    row(
      "transferFrom: to a bank holding none",
      await gasOf(ebl.connect(shipper).transferFrom(shipper.address, bankA.address, first)),
      76_700n,
    );
    row("blankEndorse: by the holder with title", await gasOf(ebl.connect(shipper).blankEndorse(second)), 34_700n);
    row(
      "endorseAndDeliver: bearer holder, endorsee holds none",
      await gasOf(ebl.connect(shipper).endorseAndDeliver(second, buyer.address)),
      76_400n,
    );
    row("endorse: by the holder with title", await gasOf(ebl.connect(buyer).endorse(second, bankA.address)), 41_600n);
  });

  it("transfer of possession of a straight B/L to its consignee", async function () {
    const { ebl, shipper, consignee, issueStraight } = await loadFixture(fixture);
    const id = await issueStraight();
    row(
      "transferFrom: straight, to the consignee",
      await gasOf(ebl.connect(shipper).transferFrom(shipper.address, consignee.address, id)),
      72_200n,
    );
  });

  it("surrender for delivery and its acceptance", async function () {
    const { ebl, carrier, shipper, issueToOrder } = await loadFixture(fixture);
    const id = await issueToOrder();
    row("surrenderForDelivery", await gasOf(ebl.connect(shipper).surrenderForDelivery(id)), 94_900n);
    row("acceptSurrender", await gasOf(ebl.connect(carrier).acceptSurrender(id)), 42_200n);
  });
});
