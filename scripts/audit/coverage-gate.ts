/**
 * Fails when line coverage of contracts/ (test-only contracts excluded) is below the threshold.
 * Reads coverage/lcov.info, written by `hardhat test --coverage`; `npm run coverage` runs both.
 *
 * Usage: tsx scripts/audit/coverage-gate.ts [minimumPercent=95]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const minimum = Number(process.argv[2] ?? 95);

interface FileCoverage {
  file: string;
  found: number;
  hit: number;
}

const records: FileCoverage[] = [];
let current: FileCoverage | undefined;
for (const line of readFileSync(path.join(ROOT, "coverage/lcov.info"), "utf8").split("\n")) {
  if (line.startsWith("SF:")) {
    const file = path.relative(ROOT, path.resolve(ROOT, line.slice(3)));
    current = { file, found: 0, hit: 0 };
  } else if (line.startsWith("LF:") && current) current.found = Number(line.slice(3));
  else if (line.startsWith("LH:") && current) current.hit = Number(line.slice(3));
  else if (line === "end_of_record" && current) {
    if (current.file.startsWith("contracts/") && !current.file.startsWith("contracts/testing/")) records.push(current);
    current = undefined;
  }
}

if (records.length === 0) {
  console.error("coverage gate: no contracts/ files in coverage/lcov.info; run `hardhat test --coverage` first");
  process.exit(1);
}

const found = records.reduce((sum, r) => sum + r.found, 0);
const hit = records.reduce((sum, r) => sum + r.hit, 0);
const percent = found === 0 ? 100 : (100 * hit) / found;
for (const r of records) {
  const p = r.found === 0 ? 100 : (100 * r.hit) / r.found;
  console.log(`${p.toFixed(2).padStart(7)}%  ${r.hit}/${r.found}  ${r.file}`);
}
console.log(`${percent.toFixed(2).padStart(7)}%  ${hit}/${found}  contracts/ (minimum ${minimum}%)`);
if (percent < minimum) {
  console.error(`coverage gate: line coverage ${percent.toFixed(2)}% is below ${minimum}%`);
  process.exit(1);
}
