import { existsSync, readFileSync } from "node:fs";

import { expect } from "chai";

/**
 * The audit documents point from each threat and property to the test that covers it, as
 * `file` › "title of the it block" (TypeScript) or `file` › `function` (Solidity). This gate checks that every such
 * reference names an existing file and a test that exists in it, so the documents cannot drift from the suite.
 */
const DOCS = ["docs/threat-model.md", "docs/properties.md"];
const REFERENCE = /`(test\/[\w./-]+\.(?:ts|sol))`\s*›\s*(?:"((?:[^"\\]|\\.)+)"|`(\w+)`)/g;

const root = new URL("../../", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), "utf8");
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function brokenReferences(markdown: string): { refs: number; broken: string[] } {
  const broken: string[] = [];
  let refs = 0;
  // A reference may wrap across lines in the Markdown source.
  for (const m of markdown.replace(/\s*\n\s*/g, " ").matchAll(REFERENCE)) {
    refs++;
    const [, file, title, fn] = m;
    if (!existsSync(new URL(file!, root))) {
      broken.push(`${file}: no such file`);
      continue;
    }
    const source = read(file!);
    const found = title
      ? new RegExp(`\\bit\\(\\s*(["'\`])${escape(title)}\\1`).test(source)
      : new RegExp(`\\bfunction\\s+${fn}\\s*\\(`).test(source);
    if (!found) broken.push(`${file}: no test ${title ? `"${title}"` : fn}`);
  }
  return { refs, broken };
}

describe("Audit gate: the threat model and the properties name tests that exist", function () {
  for (const doc of DOCS) {
    it(`every test referenced by ${doc} exists`, function () {
      const { refs, broken } = brokenReferences(read(doc));
      expect(refs, `${doc} references no test`).to.be.greaterThan(20);
      expect(broken, `broken references in ${doc}:\n  ${broken.join("\n  ")}`).to.deep.equal([]);
    });
  }

  it("reports a reference to a missing test or file", function () {
    const { refs, broken } = brokenReferences(
      [
        '`test/audit/DocReferences.ts` › "reports a reference to a missing test or file"',
        '`test/audit/DocReferences.ts` › "a test that does not exist"',
        "`test/solidity/SystemInvariant.t.sol` › `invariant_noSuchProperty`",
        '`test/nowhere.ts` › "anything"',
      ].join("\n"),
    );
    expect(refs).to.equal(4);
    expect(broken).to.have.length(3);
  });
});
