/**
 * Generates docs/audit/storage-layout.md and docs/audit/external-calls.md for the deployable contracts, from the
 * compiler's own output, so an auditor sees where state lives and which calls leave each contract.
 *
 * - Storage layout: compiled again with the pinned solc (same input as the Hardhat build, `storageLayout` output).
 * - External calls: from the AST of the Hardhat build. For every external/public function, the external calls it can
 *   reach through internal calls and modifiers (virtual calls resolved to the most derived override), including
 *   calls made inside OpenZeppelin libraries (SafeERC20, SignatureChecker, ERC721Utils) that leave the contract.
 *
 * Usage: `npm run audit:docs` (after `hardhat build`); `--check` fails when the committed files are stale.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const OUT_DIR = path.join(ROOT, "docs/audit");
const DEPLOYABLE_DIRS = [
  "contracts/access/",
  "contracts/ebl/",
  "contracts/deposits/",
  "contracts/settlement/",
  "contracts/interbank/",
  "contracts/crosschain/",
  "contracts/documents/",
  "contracts/consent/",
  "contracts/finance/",
];
/** Library functions whose body makes a call that leaves the contract. */
const CALLING_LIBRARIES: Record<string, string> = {
  SafeERC20: "ERC-20 token (call)",
  SignatureChecker: "ERC-1271 signer (staticcall)",
  ERC721Utils: "ERC-721 receiver (onERC721Received)",
  Address: "arbitrary target (call)",
};

/** solc's AST is untyped JSON. */
type AstNode = any;

interface BuildInfo {
  id: string;
  input: { language: string; sources: Record<string, unknown>; settings: Record<string, any> };
  output: { sources: Record<string, { ast: AstNode; id: number }> };
  solcVersion: string;
}

/**
 * The build each current artifact comes from, by `source:contract` as the compiler names them. Older build infos left
 * in build-info are not among them, and neither is an older build that also compiled a contract as a dependency of
 * another one: after an incremental build, that copy describes the old code.
 */
function currentBuilds(): Map<string, string> {
  const byContract = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(".json")) {
        const artifact = JSON.parse(readFileSync(file, "utf8")) as {
          buildInfoId?: unknown;
          inputSourceName?: unknown;
          contractName?: unknown;
        };
        const { buildInfoId: id, inputSourceName: source, contractName: name } = artifact;
        if (typeof id === "string" && typeof source === "string" && typeof name === "string") {
          byContract.set(`${source}:${name}`, id);
        }
      }
    }
  };
  walk(path.join(ROOT, "artifacts/contracts"));
  return byContract;
}

const CURRENT_BUILDS = currentBuilds();

/**
 * Every Hardhat build info that compiled a deployable contract (Hardhat splits the build into several jobs), among
 * those the current artifacts point to: a stale build info from an earlier build would describe old code.
 */
function loadBuildInfos(): BuildInfo[] {
  const dir = path.join(ROOT, "artifacts/build-info");
  if (!existsSync(dir)) throw new Error("no artifacts/build-info: run `npx hardhat build` first");
  const current = new Set(CURRENT_BUILDS.values());
  const builds = readdirSync(dir)
    .filter((f) => f.endsWith(".output.json") && current.has(f.slice(0, -".output.json".length)))
    .sort()
    .map((f) => {
      const output = JSON.parse(readFileSync(path.join(dir, f), "utf8")).output;
      const input = JSON.parse(readFileSync(path.join(dir, f.replace(".output.json", ".json")), "utf8"));
      const id = f.slice(0, -".output.json".length);
      return { id, output, input: input.input, solcVersion: input.solcVersion } as BuildInfo;
    })
    .filter((b) => Object.keys(b.output.sources ?? {}).some((s) => isDeployable(s)));
  if (builds.length === 0) throw new Error("no build info holds contracts/; run `npx hardhat build`");
  return builds;
}

/** The concrete contracts defined in the deployable folders, each with the build that compiled it. */
function deployableContracts(builds: BuildInfo[]): { source: string; contract: AstNode; build: BuildInfo }[] {
  const found = new Map<string, { source: string; contract: AstNode; build: BuildInfo }>();
  for (const build of builds) {
    for (const [source, { ast }] of Object.entries(build.output.sources)) {
      if (!isDeployable(source)) continue;
      for (const node of ast.nodes) {
        if (node.nodeType !== "ContractDefinition" || node.contractKind !== "contract" || node.abstract) continue;
        const key = `${source}:${node.name}`;
        if (CURRENT_BUILDS.get(key) === build.id) found.set(key, { source, contract: node, build });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.contract.name.localeCompare(b.contract.name));
}

function isDeployable(sourceName: string): boolean {
  const rel = sourceName.replace(/^project\//, "");
  return DEPLOYABLE_DIRS.some((d) => rel.startsWith(d));
}

// ------------------------------------------------------------------------------------------ storage layout

type Layout = { label: string; slot: string; offset: number; type: string }[];

/** Compiles each build's input again, asking only for the storage layout of the deployable contracts. */
function storageLayouts(builds: BuildInfo[]): Map<string, Layout> {
  const require = createRequire(import.meta.url);
  const solc = require("solc");
  const wanted = new Set(deployableContracts(builds).map((d) => `${d.source}:${d.contract.name}`));
  const layouts = new Map<string, Layout>();
  for (const build of builds) {
    const input = structuredClone(build.input);
    input.settings.optimizer = { enabled: false };
    input.settings.outputSelection = {};
    for (const source of Object.keys(input.sources)) {
      if (isDeployable(source)) input.settings.outputSelection[source] = { "*": ["storageLayout"] };
    }
    const output = JSON.parse(solc.compile(JSON.stringify(input)));
    const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === "error");
    if (errors.length > 0)
      throw new Error(errors.map((e: { formattedMessage: string }) => e.formattedMessage).join("\n"));
    for (const [source, contracts] of Object.entries<Record<string, any>>(output.contracts ?? {})) {
      for (const [name, c] of Object.entries<any>(contracts)) {
        const key = `${source}:${name}`;
        if (!wanted.has(key) || CURRENT_BUILDS.get(key) !== build.id) continue;
        const layout = c.storageLayout;
        layouts.set(
          key,
          layout.storage.map((s: any) => ({
            label: s.label,
            slot: s.slot,
            offset: s.offset,
            type: layout.types[s.type]?.label ?? s.type,
          })),
        );
      }
    }
  }
  return layouts;
}

function renderStorage(layouts: Map<string, Layout>, solcVersion: string): string {
  const lines = [
    "# Storage layout",
    "",
    `Generated by \`npm run audit:docs\` from solc ${solcVersion}'s \`storageLayout\` output; do not edit by hand.`,
    "Slots of OpenZeppelin's ERC-7201 namespaced storage (none of our contracts use namespaces) would not appear here.",
    "",
  ];
  for (const [key, slots] of [...layouts].sort(([a], [b]) => a.localeCompare(b))) {
    const [source, contract] = key.replace(/^project\//, "").split(":");
    lines.push(`## ${contract} (${source})`, "", "| slot | offset | variable | type |", "| --- | --- | --- | --- |");
    for (const s of slots) lines.push(`| ${s.slot} | ${s.offset} | \`${s.label}\` | \`${s.type}\` |`);
    lines.push("");
  }
  return lines.join("\n");
}

// ------------------------------------------------------------------------------------------ external calls

interface Index {
  nodes: Map<number, AstNode>;
  contracts: Map<number, AstNode>;
}

function indexAst(build: BuildInfo): Index {
  const nodes = new Map<number, AstNode>();
  const contracts = new Map<number, AstNode>();
  const visit = (n: AstNode) => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (n === null || typeof n !== "object") return;
    if (typeof n.id === "number" && typeof n.nodeType === "string") nodes.set(n.id, n);
    if (n.nodeType === "ContractDefinition") contracts.set(n.id, n);
    for (const v of Object.values(n)) if (v !== null && typeof v === "object") visit(v);
  };
  for (const s of Object.values(build.output.sources)) visit(s.ast);
  return { nodes, contracts };
}

function signature(fn: AstNode): string {
  const params = (fn.parameters?.parameters ?? []).map((p: AstNode) => p.typeDescriptions?.typeString ?? "?");
  return `${fn.name}(${params.join(",")})`;
}

function parentContract(index: Index, id: number): AstNode | undefined {
  for (const c of index.contracts.values()) if (c.nodes.some((n: AstNode) => n.id === id)) return c;
  return undefined;
}

/** Calls `onNode` on every object node of a (Solidity or Yul) AST, depth first. */
function forEachNode(n: AstNode, onNode: (node: AstNode) => void): void {
  if (Array.isArray(n)) return n.forEach((child) => forEachNode(child, onNode));
  if (n === null || typeof n !== "object") return;
  onNode(n);
  for (const v of Object.values(n)) if (v !== null && typeof v === "object") forEachNode(v, onNode);
}

/** The opcodes of inline assembly that call another contract, as they appear in a Yul AST. */
function assemblyCalls(yul: AstNode): string[] {
  const found: string[] = [];
  forEachNode(yul, (n) => {
    const name: string | undefined = n.nodeType === "YulFunctionCall" ? n.functionName?.name : undefined;
    if (name !== undefined && ["call", "staticcall", "delegatecall", "callcode"].includes(name)) found.push(name);
  });
  return found;
}

/**
 * The `X.f.selector` expressions of a function body, as `X.f`: what a hand-encoded call in the same function calls
 * (e.g. the deposit token's registry query). Empty when the body names no selector.
 */
function selectorsUsed(body: AstNode): string[] {
  const found = new Set<string>();
  forEachNode(body, (n) => {
    if (n.nodeType === "MemberAccess" && n.memberName === "selector" && n.expression?.nodeType === "MemberAccess") {
      const owner = n.expression.expression?.name;
      if (owner !== undefined) found.add(`${owner}.${n.expression.memberName}`);
    }
  });
  return [...found];
}

/** The external calls each external/public function of `contract` can reach. */
function externalCalls(index: Index, contract: AstNode): Map<string, Set<string>> {
  const linearized: AstNode[] = contract.linearizedBaseContracts.map((id: number) => index.contracts.get(id));
  // Most derived implementation per signature, for virtual dispatch.
  const bySignature = new Map<string, AstNode>();
  for (const base of [...linearized].reverse()) {
    for (const n of base.nodes) {
      if ((n.nodeType === "FunctionDefinition" || n.nodeType === "ModifierDefinition") && n.body) {
        bySignature.set(`${n.nodeType}:${signature(n)}`, n);
      }
    }
  }
  const resolve = (decl: AstNode, viaSuper: boolean): AstNode => {
    if (viaSuper || !decl || decl.nodeType === undefined) return decl;
    const owner = parentContract(index, decl.id);
    if (owner?.contractKind === "library") return decl;
    return bySignature.get(`${decl.nodeType}:${signature(decl)}`) ?? decl;
  };

  const memo = new Map<number, Set<string>>();
  const reach = (fn: AstNode, stack: Set<number>): Set<string> => {
    if (memo.has(fn.id)) return memo.get(fn.id)!;
    const found = new Set<string>();
    if (stack.has(fn.id)) return found;
    stack.add(fn.id);
    const visit = (n: AstNode) => {
      if (Array.isArray(n)) return n.forEach(visit);
      if (n === null || typeof n !== "object") return;
      if (n.nodeType === "ModifierInvocation") {
        const decl = index.nodes.get(n.modifierName?.referencedDeclaration);
        if (decl?.nodeType === "ModifierDefinition") for (const c of reach(resolve(decl, false), stack)) found.add(c);
      }
      if (n.nodeType === "InlineAssembly") {
        for (const op of assemblyCalls(n.AST)) {
          const named = selectorsUsed(fn.body);
          if (named.length === 0) found.add(`inline assembly ${op} in ${fn.name}`);
          for (const target of named) found.add(`${target} (inline assembly ${op})`);
        }
      }
      if (n.nodeType === "FunctionCall") {
        // `target.f{value: v}(...)`: the call options wrap the member access.
        const e = n.expression?.nodeType === "FunctionCallOptions" ? n.expression.expression : n.expression;
        const type: string = e?.typeDescriptions?.typeString ?? "";
        if (e?.nodeType === "MemberAccess" && /\bexternal\b/.test(type)) {
          const target = (e.expression?.typeDescriptions?.typeString ?? "").replace(/^contract /, "");
          found.add(`${target}.${e.memberName}`);
        } else {
          const declId = e?.referencedDeclaration;
          const decl = declId !== undefined ? index.nodes.get(declId) : undefined;
          if (decl?.nodeType === "FunctionDefinition") {
            const owner = parentContract(index, decl.id);
            if (owner?.contractKind === "library" && CALLING_LIBRARIES[owner.name] && decl.body) {
              const inner = reach(decl, stack);
              if (inner.size > 0 || /call/.test(JSON.stringify(decl.body).slice(0, 100_000))) {
                found.add(`${owner.name}.${decl.name} → ${CALLING_LIBRARIES[owner.name]}`);
              }
            } else if (decl.body) {
              const viaSuper = e?.nodeType === "MemberAccess" && e.expression?.name === "super";
              for (const c of reach(resolve(decl, viaSuper), stack)) found.add(c);
            }
          }
        }
      }
      for (const v of Object.values(n)) if (v !== null && typeof v === "object") visit(v);
    };
    visit(fn.modifiers ?? []);
    visit(fn.body);
    stack.delete(fn.id);
    memo.set(fn.id, found);
    return found;
  };

  const result = new Map<string, Set<string>>();
  for (const fn of bySignature.values()) {
    if (fn.nodeType !== "FunctionDefinition") continue;
    if (fn.visibility !== "external" && fn.visibility !== "public") continue;
    if (fn.stateMutability === "view" || fn.stateMutability === "pure") continue;
    if (fn.kind === "constructor") continue;
    result.set(signature(fn), reach(fn, new Set()));
  }
  return result;
}

function renderCalls(builds: BuildInfo[]): string {
  const lines = [
    "# External calls",
    "",
    "Generated by `npm run audit:docs` from the compiler's AST; do not edit by hand. For every state-changing external",
    "or public function of each deployable contract (inherited ones included), the calls to other contracts it can",
    "make, through internal calls and modifiers. Views are left out (they only read). `X.f` is a call to function `f`",
    "through interface or contract type `X`; `X.f (inline assembly staticcall)` is the same call encoded by hand (the",
    "function names `X.f.selector`); `Library.f → target` is a library function that calls out.",
    "",
  ];
  const indexes = new Map<BuildInfo, Index>();
  for (const { contract, build } of deployableContracts(builds)) {
    if (!indexes.has(build)) indexes.set(build, indexAst(build));
    const calls = externalCalls(indexes.get(build)!, contract);
    const targets = new Map<string, string>();
    lines.push(`## ${contract.name}`, "", "| function | external calls |", "| --- | --- |");
    for (const [fn, set] of [...calls].sort(([a], [b]) => a.localeCompare(b))) {
      const list = [...set].sort();
      for (const call of list) {
        const [via, target] = call.split(" → ");
        const node = via!.split(".")[0]!;
        targets.set(node, target ? `${target} via ${node}` : node);
      }
      lines.push(`| \`${fn}\` | ${list.length === 0 ? "none" : list.map((c) => `\`${c}\``).join(", ")} |`);
    }
    lines.push("", "```mermaid", "flowchart LR");
    for (const [node, label] of [...targets].sort(([a], [b]) => a.localeCompare(b))) {
      if (node === contract.name) continue; // a self-call (batch items) stays inside the contract
      lines.push(`  ${contract.name} --> ${node}["${label}"]`);
    }
    if ([...targets.keys()].every((t) => t === contract.name)) lines.push(`  ${contract.name}`);
    lines.push("```", "");
  }
  return lines.join("\n");
}

// ------------------------------------------------------------------------------------------ main

const builds = loadBuildInfos();
const files = {
  "storage-layout.md": renderStorage(storageLayouts(builds), builds[0]!.solcVersion),
  "external-calls.md": renderCalls(builds),
};
const check = process.argv.includes("--check");
let stale = 0;
mkdirSync(OUT_DIR, { recursive: true });
for (const [name, content] of Object.entries(files)) {
  const file = path.join(OUT_DIR, name);
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (current === content) continue;
  if (check) {
    console.error(`docs/audit/${name} is stale: run \`npm run audit:docs\` and commit it`);
    stale++;
  } else {
    writeFileSync(file, content);
    console.log(`wrote docs/audit/${name}`);
  }
}
if (stale > 0) process.exit(1);
