/**
 * Compiles the project for `npm run demo` without printing what a successful build prints: solc's warnings about
 * dependencies (OpenZeppelin's TransientSlot uses transient storage, which solc warns about) would otherwise open
 * the demo's output. A failed build prints everything the compiler said and fails. The project's own builds
 * (`npx hardhat build`, `npm test`) still print every warning.
 *
 *   tsx scripts/quiet-build.ts        then: hardhat run --no-compile scripts/demo.ts
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

// Hardhat's command line, as `npx hardhat` runs it (its package's `bin`).
const manifest = createRequire(import.meta.url).resolve("hardhat/package.json");
const hardhat = path.join(path.dirname(manifest), "dist", "src", "cli.js");
const result = spawnSync(process.execPath, [hardhat, "build", "--quiet"], { encoding: "utf8" });
if (result.status !== 0) {
  process.stdout.write(result.stdout ?? "");
  process.stderr.write(result.stderr ?? "");
  process.stderr.write(`\nThe build failed (${result.error?.message ?? `exit code ${result.status}`}).\n`);
  process.exit(result.status ?? 1);
}
