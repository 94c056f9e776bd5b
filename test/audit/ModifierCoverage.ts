import { readFileSync } from "node:fs";

import { expect } from "chai";

import { guardedFunctions, matrix, refusalsIn, render, type Guarded } from "../../scripts/audit/modifier-coverage.js";

describe("Audit gate: every restricted / whenNotPaused / whenPaused function has a refusal test", function () {
  const guarded = guardedFunctions();

  it("finds the guarded functions in the compiler's AST, through internal calls and overrides", function () {
    // Guards the gate itself: a broken AST walk that finds nothing would pass everything.
    const keys = guarded.map((g) => `${g.contract}.${g.fn}:${g.modifier}`);
    expect(keys).to.include.members([
      "BillOfLadingRegistry.issue:restricted",
      "BillOfLadingRegistry.endorse:whenNotPaused",
      "SignedSettlement.settle:whenNotPaused",
      "TokenizedDeposit.mint:restricted",
      "ParticipantRegistry.register:restricted",
      // pause() reaches whenNotPaused through _pause()
      "WholesaleReserve.pause:whenNotPaused",
      "WholesaleReserve.unpause:whenPaused",
      "EscrowedDeals.setMarket:restricted",
      "DepositRail.recoverStrayToken:restricted",
    ]);
    // Functions that no modifier guards are not listed.
    expect(keys).to.not.include("EscrowedDeals.cancelDeal:whenNotPaused");
    expect(keys).to.not.include("BillOfLadingRegistry.transferFrom:whenNotPaused");
  });

  it("has no guarded function whose refusal no test asserts", function () {
    const gaps = matrix(guarded)
      .filter((r) => r.tests.length === 0)
      .map((r) => `${r.contract}.${r.signature}: ${r.modifier} → ${r.error}`);
    expect(gaps, `guarded functions without a refusal test:\n  ${gaps.join("\n  ")}`).to.deep.equal([]);
  });

  it("keeps docs/audit/negative-tests.md current", function () {
    const committed = readFileSync(new URL("../../docs/audit/negative-tests.md", import.meta.url), "utf8");
    expect(committed === render(matrix(guarded)), "run `npx tsx scripts/audit/modifier-coverage.ts`").to.equal(true);
  });

  it("fails for a guarded function that no test refuses", function () {
    const untested: Guarded = {
      contract: "TokenizedDeposit",
      fn: "mintWithoutTest",
      signature: "mintWithoutTest(address)",
      modifier: "restricted",
      error: "AccessManagedUnauthorized",
    };
    expect(matrix([untested])[0]!.tests).to.deep.equal([]);
  });

  it("counts a call asserted with the modifier's error inside expect(...), and nothing else", function () {
    const source = `
      await expect(token.connect(x).pause()).to.be.revertedWithCustomError(token, "EnforcedPause");
      await expect(token.connect(x).mint(a, 1n, ref)).to.be.revertedWithCustomError(token, "RailsZeroAmount");
      // await expect(token.connect(x).burn(a, 1n, ref)).to.be.revertedWithCustomError(token, "AccessManagedUnauthorized");
      const tx = token.connect(x).freeze(a);
      await expect(tx).to.be.revertedWithCustomError(token, "AccessManagedUnauthorized");
      await expect(ebl.connect(x)["safeTransferFrom(address,address,uint256)"](a, b, 1n))
        .to.be.revertedWithCustomError(ebl, "EnforcedPause")
        .withArgs();
    `;
    const found = refusalsIn(source).map((r) => `${r.fn}:${r.error}`);
    expect(found).to.include("pause:EnforcedPause");
    expect(found).to.include("safeTransferFrom:EnforcedPause");
    expect(found).to.include("mint:RailsZeroAmount"); // another error: does not count for onlyRole
    expect(found).to.not.include("mint:AccessManagedUnauthorized");
    expect(found).to.not.include("burn:AccessManagedUnauthorized"); // commented out
    expect(found).to.not.include("freeze:AccessManagedUnauthorized"); // call outside expect(...)
  });
});
