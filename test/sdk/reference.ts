import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

import { expect } from "chai";
import hre from "hardhat";

import { repoRoot } from "./helpers.js";

const sdkDir = path.join(repoRoot, "sdk");

describe("SDK: the API reference", function () {
  this.timeout(120_000);

  it("builds with TypeDoc with every warning treated as an error (every export documented, every link resolved)", function () {
    // It exercises no contract: `npm run coverage` (which measures contracts/) skips it; `npm test` runs it.
    if (hre.globalOptions.coverage) this.skip();
    // The TypeDoc the workspace installs, run on sdk/typedoc.json without writing the pages.
    const manifest = createRequire(path.join(sdkDir, "package.json")).resolve("typedoc/package.json");
    const typedoc = path.join(path.dirname(manifest), "bin", "typedoc");
    let output = "";
    let failed = false;
    try {
      output = execFileSync(process.execPath, [typedoc, "--treatWarningsAsErrors", "--emit", "none"], {
        cwd: sdkDir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (error) {
      failed = true;
      const e = error as { stdout?: string; stderr?: string };
      output = `${e.stdout ?? ""}${e.stderr ?? ""}`;
    }
    expect(failed, output).to.equal(false);
  });
});
