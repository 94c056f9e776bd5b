/**
 * Negative-test matrix for the access and pause modifiers: every external/public state-changing function of the
 * deployable contracts (inherited ones included) that is guarded by `restricted` (the access manager decides),
 * `onlyRole`, `whenNotPaused` or `whenPaused` must have a test that asserts the corresponding refusal:
 *
 * | modifier        | refusal asserted                      |
 * | --------------- | ------------------------------------- |
 * | `restricted`    | `AccessManagedUnauthorized`           |
 * | `onlyRole`      | `AccessControlUnauthorizedAccount`    |
 * | `whenNotPaused` | `EnforcedPause`                       |
 * | `whenPaused`    | `ExpectedPause`                       |
 *
 * Guards are read from the compiler's AST (the Hardhat build info): the modifiers on the function and on every
 * internal function or modifier it reaches (virtual calls resolved to the most derived override, `super` followed),
 * so `pause()` → `_pause()` → `whenNotPaused` and `pause()` → `restricted` count.
 *
 * Heuristic for "a test asserts the refusal" (static, on the TypeScript tests): in a test file of the contract's
 * folder (see TEST_DIRS), one `expect(...)` whose argument calls the function by name (`.name(` or
 * `["name(types)"](`) and whose matcher chain (up to the end of the statement) is
 * `.revertedWithCustomError(<contract>, "<Error>")`. The call must be written inside the `expect(...)`: a
 * transaction stored in a variable first is not seen. Overloads share their name.
 *
 * Usage: `npx tsx scripts/audit/modifier-coverage.ts` prints the gaps and writes docs/audit/negative-tests.md;
 * `--check` fails when a gap exists or the committed matrix is stale. test/audit/ModifierCoverage.ts runs the same
 * checks in `npm test`.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = path.join(ROOT, "docs/audit/negative-tests.md");

/** The deployable contracts and the test folders whose files test each of them. */
export const TEST_DIRS: Record<string, string[]> = {
  ParticipantRegistry: ["test/access"],
  BillOfLadingRegistry: ["test/ebl", "test/crosschain"],
  TokenizedDeposit: ["test/deposits"],
  SignedSettlement: ["test/settlement"],
  EscrowedDeals: ["test/settlement"],
  DepositRail: ["test/settlement"],
  CrossBankSettlement: ["test/interbank"],
  InterbankPayments: ["test/interbank"],
  WholesaleReserve: ["test/interbank"],
  HyperlaneTransport: ["test/crosschain"],
  EblGateway: ["test/crosschain"],
  PlatformGateway: ["test/crosschain"],
  TradeDocumentRegistry: ["test/documents"],
  DocumentsCondition: ["test/documents"],
  ConsentRegistry: ["test/consent"],
  TrustReceipts: ["test/finance"],
  PaymentObligations: ["test/finance"],
  DocumentsAgainstAcceptance: ["test/finance"],
  DocumentaryCredits: ["test/finance"],
};

export const GUARDS: Record<string, string> = {
  restricted: "AccessManagedUnauthorized",
  onlyRole: "AccessControlUnauthorizedAccount",
  whenNotPaused: "EnforcedPause",
  whenPaused: "ExpectedPause",
};

/** solc's AST is untyped JSON. */
type AstNode = any;

export interface Guarded {
  contract: string;
  fn: string;
  signature: string;
  modifier: string;
  error: string;
}

export interface Refusal {
  fn: string;
  error: string;
  /** `file: "title of the it(...) block"`. */
  where: string;
}

// ------------------------------------------------------------------------------------------ guards from the AST

function loadSources(): Record<string, { ast: AstNode }>[] {
  const dir = path.join(ROOT, "artifacts/build-info");
  if (!existsSync(dir)) throw new Error("no artifacts/build-info: run `npx hardhat build` first");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".output.json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")).output.sources ?? {})
    .filter((sources) => Object.keys(sources).some((s) => contractOf(s) !== undefined));
}

function contractOf(sourceName: string): string | undefined {
  const rel = sourceName.replace(/^project\//, "");
  const dirs = [
    "contracts/access/",
    "contracts/ebl/",
    "contracts/deposits/",
    "contracts/settlement/",
    "contracts/interbank/",
    "contracts/crosschain/",
    "contracts/finance/",
  ];
  return dirs.some((d) => rel.startsWith(d)) ? rel : undefined;
}

function signatureOf(fn: AstNode): string {
  const params = (fn.parameters?.parameters ?? []).map((p: AstNode) => p.typeDescriptions?.typeString ?? "?");
  return `${fn.name}(${params.join(",")})`;
}

/** Every guarded external/public state-changing function of every deployable contract, sorted. */
export function guardedFunctions(): Guarded[] {
  const result = new Map<string, Guarded>();
  for (const sources of loadSources()) {
    const nodes = new Map<number, AstNode>();
    const contracts = new Map<number, AstNode>();
    const owner = new Map<number, AstNode>();
    const visit = (n: AstNode, parent?: AstNode) => {
      if (Array.isArray(n)) return n.forEach((x) => visit(x, parent));
      if (n === null || typeof n !== "object") return;
      if (typeof n.id === "number" && typeof n.nodeType === "string") {
        nodes.set(n.id, n);
        if (parent) owner.set(n.id, parent);
      }
      if (n.nodeType === "ContractDefinition") {
        contracts.set(n.id, n);
        for (const child of n.nodes) visit(child, n);
        return;
      }
      for (const v of Object.values(n)) if (v !== null && typeof v === "object") visit(v, parent);
    };
    for (const s of Object.values(sources)) visit(s.ast);

    for (const [source, { ast }] of Object.entries(sources)) {
      if (contractOf(source) === undefined) continue;
      for (const contract of ast.nodes) {
        if (contract.nodeType !== "ContractDefinition" || contract.contractKind !== "contract" || contract.abstract) {
          continue;
        }
        const linearized: AstNode[] = contract.linearizedBaseContracts.map((id: number) => contracts.get(id));
        const derived = new Map<string, AstNode>();
        for (const base of [...linearized].reverse()) {
          for (const n of base.nodes) {
            if ((n.nodeType === "FunctionDefinition" || n.nodeType === "ModifierDefinition") && n.body) {
              derived.set(`${n.nodeType}:${signatureOf(n)}`, n);
            }
          }
        }
        const resolve = (decl: AstNode, viaSuper: boolean): AstNode => {
          if (viaSuper || owner.get(decl.id)?.contractKind === "library") return decl;
          return derived.get(`${decl.nodeType}:${signatureOf(decl)}`) ?? decl;
        };
        const memo = new Map<number, Set<string>>();
        const guardsOf = (fn: AstNode, stack: Set<number>): Set<string> => {
          if (memo.has(fn.id)) return memo.get(fn.id)!;
          const found = new Set<string>();
          if (stack.has(fn.id)) return found;
          stack.add(fn.id);
          const walk = (n: AstNode) => {
            if (Array.isArray(n)) return n.forEach(walk);
            if (n === null || typeof n !== "object") return;
            if (n.nodeType === "ModifierInvocation") {
              const name = n.modifierName?.name ?? n.modifierName?.namePath;
              if (GUARDS[name]) found.add(name);
              const decl = nodes.get(n.modifierName?.referencedDeclaration);
              if (decl?.nodeType === "ModifierDefinition")
                for (const g of guardsOf(resolve(decl, false), stack)) found.add(g);
            }
            if (n.nodeType === "FunctionCall") {
              const e = n.expression;
              const decl = nodes.get(e?.referencedDeclaration);
              const external = /\bexternal\b/.test(e?.typeDescriptions?.typeString ?? "");
              if (decl?.nodeType === "FunctionDefinition" && decl.body && !external) {
                const viaSuper = e?.nodeType === "MemberAccess" && e.expression?.name === "super";
                for (const g of guardsOf(resolve(decl, viaSuper), stack)) found.add(g);
              }
            }
            for (const v of Object.values(n)) if (v !== null && typeof v === "object") walk(v);
          };
          walk(fn.modifiers ?? []);
          walk(fn.body);
          stack.delete(fn.id);
          memo.set(fn.id, found);
          return found;
        };
        for (const fn of derived.values()) {
          if (fn.nodeType !== "FunctionDefinition" || fn.kind !== "function") continue;
          if (fn.visibility !== "external" && fn.visibility !== "public") continue;
          if (fn.stateMutability === "view" || fn.stateMutability === "pure") continue;
          for (const modifier of guardsOf(fn, new Set())) {
            const key = `${contract.name}:${signatureOf(fn)}:${modifier}`;
            result.set(key, {
              contract: contract.name,
              fn: fn.name,
              signature: signatureOf(fn),
              modifier,
              error: GUARDS[modifier]!,
            });
          }
        }
      }
    }
  }
  return [...result.values()].sort(
    (a, b) =>
      a.contract.localeCompare(b.contract) ||
      a.signature.localeCompare(b.signature) ||
      a.modifier.localeCompare(b.modifier),
  );
}

// ------------------------------------------------------------------------------------------ refusals in the tests

/** Strips comments, keeping line breaks so that line numbers stay right. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " ")).replace(/\/\/.*$/gm, "");
}

/** Index just past the parenthesis that closes the one opened at `open`. */
function closing(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
    else if (c === '"' || c === "'" || c === "`") {
      const quote = c;
      for (i++; i < source.length && source[i] !== quote; i++) if (source[i] === "\\") i++;
    }
  }
  return source.length;
}

/** The title of the last `it("...")` that opens before `index` (the test the assertion belongs to). */
function titleBefore(code: string, index: number): string {
  let title = "?";
  for (const m of code.slice(0, index).matchAll(/\bit\(\s*(["'`])((?:\\.|(?!\1)[^\\])*)\1/g)) title = m[2]!;
  return title;
}

/** The refusals asserted in one TypeScript test source: which function's call, which error, at which line. */
export function refusalsIn(source: string, file = "<source>"): Refusal[] {
  const code = stripComments(source);
  const found: Refusal[] = [];
  for (const m of code.matchAll(/\bexpect\s*\(/g)) {
    const open = m.index! + m[0].length - 1;
    const end = closing(code, open);
    const argument = code.slice(open + 1, end - 1);
    const statementEnd = code.indexOf(";", end);
    const chain = code.slice(end, statementEnd === -1 ? code.length : statementEnd);
    const errors = [...chain.matchAll(/^\s*(?:\.\w+)*\.revertedWithCustomError\(\s*[\w.[\]]+\s*,\s*["'](\w+)["']/g)];
    if (errors.length === 0) continue;
    const names = new Set<string>();
    for (const call of argument.matchAll(/\.(\w+)\s*\(/g)) names.add(call[1]!);
    for (const call of argument.matchAll(/\[\s*["'](\w+)\(/g)) names.add(call[1]!);
    const where = `${file}: "${titleBefore(code, m.index!)}"`;
    for (const name of names) found.push({ fn: name, error: errors[0]![1]!, where });
  }
  return found;
}

function testFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).flatMap((entry) => {
    const p = path.join(full, entry);
    if (statSync(p).isDirectory()) return testFiles(path.join(dir, entry));
    return p.endsWith(".ts") ? [path.join(dir, entry)] : [];
  });
}

export interface MatrixRow extends Guarded {
  tests: string[];
}

/** Each guarded function with the tests that assert its refusal (empty: a gap). */
export function matrix(guarded = guardedFunctions()): MatrixRow[] {
  const byContract = new Map<string, Refusal[]>();
  for (const [contract, dirs] of Object.entries(TEST_DIRS)) {
    byContract.set(
      contract,
      dirs.flatMap(testFiles).flatMap((f) => refusalsIn(readFileSync(path.join(ROOT, f), "utf8"), f)),
    );
  }
  return guarded.map((g) => ({
    ...g,
    tests: [
      ...new Set(
        (byContract.get(g.contract) ?? []).filter((r) => r.fn === g.fn && r.error === g.error).map((r) => r.where),
      ),
    ],
  }));
}

export function render(rows: MatrixRow[]): string {
  const lines = [
    "# Negative tests of the access and pause modifiers",
    "",
    "Generated by `npx tsx scripts/audit/modifier-coverage.ts` from the compiler's AST and the TypeScript tests; do not",
    "edit by hand (`npm test` fails when it is stale or has a gap). Every external or public state-changing function",
    "of each deployable contract (inherited ones included) that is guarded by `restricted` (the access manager),",
    "`whenNotPaused` or `whenPaused`, directly or through an internal function it calls, with the tests that assert the",
    "refusal (`AccessManagedUnauthorized`, `EnforcedPause`, `ExpectedPause`): an `expect(...)` that calls the function",
    'and is matched with `revertedWithCustomError(..., "<Error>")`, in a test file of the contract\'s folder. The',
    "custom errors of our own contracts are covered by the separate gate `npm run audit:errors`.",
    "",
  ];
  let contract = "";
  for (const r of rows) {
    if (r.contract !== contract) {
      contract = r.contract;
      lines.push(`## ${contract}`, "", "| function | modifier | refusal | asserted in |", "| --- | --- | --- | --- |");
    }
    const tests = r.tests.length === 0 ? "**none**" : r.tests.map((t) => `\`${t}\``).join(", ");
    lines.push(`| \`${r.signature}\` | \`${r.modifier}\` | \`${r.error}\` | ${tests} |`);
    const next = rows[rows.indexOf(r) + 1];
    if (!next || next.contract !== contract) lines.push("");
  }
  return lines.join("\n");
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = matrix();
  const gaps = rows.filter((r) => r.tests.length === 0);
  for (const g of gaps) console.log(`no refusal test: ${g.contract}.${g.signature} (${g.modifier} → ${g.error})`);
  const content = render(rows);
  const current = existsSync(OUT) ? readFileSync(OUT, "utf8") : "";
  if (process.argv.includes("--check")) {
    if (current !== content)
      console.error("docs/audit/negative-tests.md is stale: run `npx tsx scripts/audit/modifier-coverage.ts`");
    if (current !== content || gaps.length > 0) process.exitCode = 1;
  } else {
    if (current !== content) writeFileSync(OUT, content);
    console.log(
      `${rows.length} guarded functions, ${gaps.length} without a refusal test; wrote docs/audit/negative-tests.md`,
    );
    if (gaps.length > 0) process.exitCode = 1;
  }
}
