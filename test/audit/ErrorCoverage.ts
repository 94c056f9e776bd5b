import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { assertedErrorNames, declaredErrors, uncoveredErrors } from "../../scripts/audit/uncovered-errors.js";

describe("Audit gate: every custom error is asserted by a test", function () {
  it("finds the custom errors declared in contracts/", function () {
    // Guards the gate itself: a broken parser that finds nothing would pass everything.
    expect(declaredErrors().map((e) => e.name)).to.include("ParticipantNotRegistered");
  });

  it("counts the entries of a table of refusals only in a file that asserts them through the table", function () {
    const root = mkdtempSync(path.join(tmpdir(), "error-coverage-"));
    try {
      mkdirSync(path.join(root, "test"));
      const table = `const refusals = [{ name: "x", error: "TableError" }];\n`;
      writeFileSync(
        path.join(root, "test", "asserts.ts"),
        `${table}for (const r of refusals) expect(r).to.be.revertedWithCustomError(f.c, r.error);\n`,
      );
      writeFileSync(path.join(root, "test", "lists.ts"), `const other = [{ error: "ListedOnly" }];\n`);
      const names = assertedErrorNames(root);
      expect(names.has("TableError")).to.equal(true);
      expect(names.has("ListedOnly")).to.equal(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("has no custom error in contracts/ that no test expects", function () {
    const missing = uncoveredErrors().map((e) => `${e.file}: ${e.name}`);
    expect(missing, `custom errors no test asserts:\n  ${missing.join("\n  ")}`).to.deep.equal([]);
  });
});
