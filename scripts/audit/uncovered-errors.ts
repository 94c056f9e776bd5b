/**
 * Lists the custom errors declared in contracts/ (test-only contracts excluded) that no test asserts.
 *
 * An error counts as covered when a test expects it by name: `revertedWithCustomError(contract, "Name")` in a
 * TypeScript test, or `Name.selector` in a Solidity test (the argument of `vm.expectRevert`). Asserting it is
 * stronger than merely hitting it: the test fails if the revert changes.
 *
 * Run directly (`npx tsx scripts/audit/uncovered-errors.ts`) to print the list; test/audit/ErrorCoverage.ts
 * runs it inside `npm test`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Directories of test-only contracts, whose errors need no test of their own. */
const EXCLUDED_CONTRACT_DIRS = ["contracts/testing"];

function walk(dir: string, extensions: string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...walk(full, extensions));
    else if (extensions.some((ext) => full.endsWith(ext))) out.push(full);
  }
  return out;
}

/** Strips // and /* *\/ comments so an error named in a comment does not count as declared or tested. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
}

export interface DeclaredError {
  name: string;
  file: string;
}

export function declaredErrors(root = ROOT): DeclaredError[] {
  const files = walk(path.join(root, "contracts"), [".sol"]).filter(
    (f) => !EXCLUDED_CONTRACT_DIRS.some((dir) => f.startsWith(path.join(root, dir) + path.sep)),
  );
  const errors: DeclaredError[] = [];
  for (const file of files) {
    for (const match of stripComments(readFileSync(file, "utf8")).matchAll(/\berror\s+(\w+)\s*\(/g)) {
      errors.push({ name: match[1]!, file: path.relative(root, file) });
    }
  }
  return errors;
}

export function assertedErrorNames(root = ROOT): Set<string> {
  const names = new Set<string>();
  for (const file of walk(path.join(root, "test"), [".ts", ".sol"])) {
    const source = stripComments(readFileSync(file, "utf8"));
    const patterns = file.endsWith(".sol")
      ? [/\b(\w+)\.selector\b/g]
      : [
          /revertedWithCustomError\(\s*[\w.]+\s*,\s*["'](\w+)["']/g,
          // The SDK tests assert the typed error the SDK raised from the live contract: reverts(fn, "Name").
          /\b(?:reverts|deployReverts)\([^;]*?,\s*["'](\w+)["']\s*,?\s*\)/g,
        ];
    for (const pattern of patterns) for (const match of source.matchAll(pattern)) names.add(match[1]!);
    // A table of refusals (one `it` each) asserts `revertedWithCustomError(contract, r.error)` on entries written
    // `error: "Name"`: the names of such a file's entries count, and only in a file that asserts them that way.
    if (!file.endsWith(".sol") && /revertedWithCustomError\(\s*[\w.]+\s*,\s*\w+\.error\s*\)/.test(source)) {
      for (const match of source.matchAll(/\berror:\s*["'](\w+)["']/g)) names.add(match[1]!);
    }
  }
  return names;
}

/** The declared errors that no test asserts, sorted by file then name. */
export function uncoveredErrors(root = ROOT): DeclaredError[] {
  const asserted = assertedErrorNames(root);
  return declaredErrors(root)
    .filter((e) => !asserted.has(e.name))
    .sort((a, b) => a.file.localeCompare(b.file) || a.name.localeCompare(b.name));
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const missing = uncoveredErrors();
  if (missing.length === 0) {
    console.log(`All ${declaredErrors().length} custom errors in contracts/ are asserted by a test.`);
  } else {
    for (const e of missing) console.log(`${e.file}: ${e.name}`);
    process.exitCode = 1;
  }
}
