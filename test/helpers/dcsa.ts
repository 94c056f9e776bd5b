/**
 * Where the tests find the DCSA eBL 3.0 samples: `CARGO_RAILS_DCSA_FIXTURES` if set, else the shared copy next to
 * the repository (`../shared/fixtures/dcsa`), else the copy kept in `test/fixtures/dcsa` (see its SOURCE.md).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED_DCSA_DIR = path.resolve(REPO_ROOT, "../shared/fixtures/dcsa");
export const VENDORED_DCSA_DIR = path.join(REPO_ROOT, "test/fixtures/dcsa");

export const DCSA_DIR =
  process.env.CARGO_RAILS_DCSA_FIXTURES ?? (existsSync(SHARED_DCSA_DIR) ? SHARED_DCSA_DIR : VENDORED_DCSA_DIR);

/** The text of a DCSA sample file. */
export function readDcsaText(name: string): string {
  const file = path.join(DCSA_DIR, name);
  if (!existsSync(file)) {
    throw new Error(`DCSA sample ${file} is missing: set CARGO_RAILS_DCSA_FIXTURES to a directory of the samples`);
  }
  return readFileSync(file, "utf8");
}

/** A DCSA sample file, parsed. */
export function readDcsaJson<T = unknown>(name: string): T {
  return JSON.parse(readDcsaText(name)) as T;
}
