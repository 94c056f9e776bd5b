import { expect } from "chai";

import { declaredErrors, uncoveredErrors } from "../../scripts/audit/uncovered-errors.js";

describe("Audit gate: every custom error is asserted by a test", function () {
  it("finds the custom errors declared in contracts/", function () {
    // Guards the gate itself: a broken parser that finds nothing would pass everything.
    expect(declaredErrors().map((e) => e.name)).to.include("ParticipantNotRegistered");
  });

  it("has no custom error in contracts/ that no test expects", function () {
    const missing = uncoveredErrors().map((e) => `${e.file}: ${e.name}`);
    expect(missing, `custom errors no test asserts:\n  ${missing.join("\n  ")}`).to.deep.equal([]);
  });
});
