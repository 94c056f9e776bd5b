import { expect } from "chai";
import hre from "hardhat";

import {
  RUNTIME_GATE,
  contractSizes,
  docIsCurrent,
  overGate,
  renderTable,
} from "../../scripts/audit/contract-sizes.js";

/**
 * Size gate: every deployable contract's runtime code stays at or below 23 000 bytes (EIP-170 allows 24 576), and
 * docs/architecture.md lists the current sizes. Sizes come from the build the test run just made.
 */
describe("Audit gate: contract sizes", function () {
  const sizes = contractSizes();

  before(function () {
    // `--coverage` builds instrumented code into the same artifacts: not the code that is deployed.
    if (hre.globalOptions.coverage) this.skip();
    console.log(`\n      Contract sizes (runtime gate ${RUNTIME_GATE} bytes):`);
    for (const s of sizes) {
      console.log(
        `        ${s.contract.padEnd(72)} runtime ${String(s.runtime).padStart(6)}   init ${String(s.init).padStart(6)}`,
      );
    }
  });

  it("finds every deployable contract and nothing that is not deployed", function () {
    // Guards the gate itself: a walk that finds nothing would pass everything.
    const names = sizes.map((s) => s.contract.split(":")[1]);
    expect(names).to.include.members([
      "BillOfLadingRegistry",
      "DepositRail",
      "EscrowedDeals",
      "ParticipantRegistry",
      "SignedSettlement",
      "TokenizedDeposit",
    ]);
    for (const s of sizes)
      expect(s.contract, "test-only or interface").to.not.match(/^contracts\/(testing|interfaces)\//);
    // Abstract contracts and libraries have no deployable code of their own.
    expect(names).to.not.include.members([
      "ERC3009Authorization",
      "SignatureVerification",
      "ParticipantKinds",
      "SettlementCore",
    ]);
  });

  it(`keeps every deployable contract's runtime code at or below ${RUNTIME_GATE} bytes`, function () {
    const over = overGate(sizes);
    expect(over, `contracts above the size gate:\n  ${over.join("\n  ")}`).to.deep.equal([]);
  });

  it("reports a contract above the gate, and by how much", function () {
    const over = overGate([{ contract: "contracts/x/Big.sol:Big", runtime: RUNTIME_GATE + 7, init: 1 }]);
    expect(over).to.deep.equal([
      `contracts/x/Big.sol:Big: ${RUNTIME_GATE + 7} bytes, 7 over the ${RUNTIME_GATE}-byte gate`,
    ]);
    expect(overGate([{ contract: "contracts/x/Edge.sol:Edge", runtime: RUNTIME_GATE, init: 1 }])).to.deep.equal([]);
  });

  it("keeps the size table in docs/architecture.md current (`npm run audit:sizes`)", function () {
    expect(
      docIsCurrent(sizes),
      `run \`npm run audit:sizes\` and commit docs/architecture.md; expected:\n${renderTable(sizes)}`,
    ).to.equal(true);
  });
});
