import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect } from "chai";

/**
 * No document content and no personal data on chain, from the compiler's own storage layout (solc's `storageLayout`
 * output for the build the artifact comes from, as scripts/audit/contract-docs.ts asks for it): every type the
 * registry can store, followed through mappings, arrays and structs, is a fixed-size value (an address, a number, a
 * hash, an enum), never a string or a byte array, which could hold text. test/solidity/DocumentStorage.t.sol checks
 * the words written.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

interface StorageType {
  encoding: "inplace" | "mapping" | "dynamic_array" | "bytes";
  label: string;
  numberOfBytes: string;
  key?: string;
  value?: string;
  base?: string;
  members?: StorageEntry[];
}
interface StorageEntry {
  label: string;
  slot: string;
  offset: number;
  type: string;
}
interface Layout {
  storage: StorageEntry[];
  types: Record<string, StorageType>;
}

/** The compiler's storage layout of `source:name`, compiled again from the artifact's build input. */
function storageLayout(source: string, name: string): Layout {
  const artifact = JSON.parse(readFileSync(path.join(ROOT, "artifacts", source, `${name}.json`), "utf8")) as {
    buildInfoId: string;
    inputSourceName: string;
  };
  const build = JSON.parse(
    readFileSync(path.join(ROOT, "artifacts/build-info", `${artifact.buildInfoId}.json`), "utf8"),
  ) as { input: { settings: Record<string, unknown> } };
  const input = structuredClone(build.input);
  input.settings.optimizer = { enabled: false };
  input.settings.outputSelection = { [artifact.inputSourceName]: { [name]: ["storageLayout"] } };
  const solc = createRequire(import.meta.url)("solc");
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === "error");
  expect(errors, JSON.stringify(errors)).to.deep.equal([]);
  return output.contracts[artifact.inputSourceName][name].storageLayout as Layout;
}

/**
 * The types a contract's storage can hold, as leaves (value types), and the byte-array types (string, bytes) met on
 * the way, each with the path to it from a state variable.
 */
function storedTypes(layout: Layout): { leaves: Map<string, string>; byteArrays: string[] } {
  const leaves = new Map<string, string>();
  const byteArrays: string[] = [];
  const visit = (typeId: string, where: string): void => {
    const t = layout.types[typeId]!;
    if (t.encoding === "bytes") byteArrays.push(`${where}: ${t.label}`);
    else if (t.encoding === "mapping") {
      visit(t.key!, `${where}[key]`);
      visit(t.value!, `${where}[value]`);
    } else if (t.encoding === "dynamic_array") visit(t.base!, `${where}[]`);
    else if (t.members !== undefined) for (const m of t.members) visit(m.type, `${where}.${m.label}`);
    else if (t.base !== undefined)
      visit(t.base, `${where}[]`); // a fixed-size array
    else leaves.set(t.label, where);
  };
  for (const entry of layout.storage) visit(entry.type, entry.label);
  return { leaves, byteArrays };
}

/** The value types a document's record and the registry's indexes may use: hashes, addresses, numbers, the status. */
const ALLOWED = new Set([
  "address",
  "bool",
  "bytes32",
  "uint8",
  "uint32",
  "uint40",
  "uint256",
  "enum ITradeDocumentRegistry.DocumentStatus",
]);

describe("TradeDocumentRegistry: the compiler's storage layout", function () {
  this.timeout(120_000);
  let layout: Layout;

  before(function () {
    layout = storageLayout("contracts/documents/TradeDocumentRegistry.sol", "TradeDocumentRegistry");
  });

  it("stores no string and no byte array anywhere (followed through mappings, arrays and structs)", function () {
    const { leaves, byteArrays } = storedTypes(layout);
    expect(byteArrays).to.deep.equal([]);
    const outside = [...leaves].filter(([label]) => !ALLOWED.has(label)).map(([label, where]) => `${where}: ${label}`);
    expect(outside).to.deep.equal([]);
  });

  it("stores a document as the interface's nine fields, in the five words of the layout table", function () {
    const documents = layout.storage.find((s) => s.label === "_documents")!;
    const record = layout.types[layout.types[documents.type]!.value!]!;
    expect(record.label).to.equal("struct ITradeDocumentRegistry.Document");
    expect(record.numberOfBytes).to.equal(String(5 * 32));
    expect(record.members!.map((m) => [m.label, Number(m.slot), m.offset, layout.types[m.type]!.label])).to.deep.equal([
      ["documentType", 0, 0, "uint8"],
      ["status", 0, 1, "enum ITradeDocumentRegistry.DocumentStatus"],
      ["version", 0, 2, "uint32"],
      ["issuedAt", 0, 6, "uint40"],
      ["issuer", 0, 11, "address"],
      ["owner", 1, 0, "address"],
      ["subjectContract", 2, 0, "address"],
      ["subjectId", 3, 0, "uint256"],
      ["sha256Hash", 4, 0, "bytes32"],
    ]);
  });

  it("has the state variables test/solidity/DocumentStorage.t.sol reads, at its slots", function () {
    expect(layout.storage.map((s) => [s.label, Number(s.slot)])).to.deep.equal([
      ["_authority", 0],
      ["_consumingSchedule", 0],
      ["_issuerKinds", 1],
      ["_documents", 2],
      ["_previousHashes", 3],
      ["_subjects", 4],
    ]);
  });

  it("the check finds a string where there is one (the eBL registry's EIP-712 name fallback): it can fail", function () {
    const ebl = storageLayout("contracts/ebl/BillOfLadingRegistry.sol", "BillOfLadingRegistry");
    expect(storedTypes(ebl).byteArrays).to.include("_nameFallback: string");
  });
});
