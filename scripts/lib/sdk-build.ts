/**
 * The demo and the end-to-end test use the SDK as an integrator does: the built package, imported as
 * `@cargo-rails/sdk` (its `dist/`, through the workspace). `npm test`, `npm run demo`, `npm run coverage` and
 * `npm run lint` build it first when it is not current (`npm run sdk:build`); this check stops a direct `npx hardhat …` run from using a
 * build older than the SDK's sources, which would test yesterday's SDK without saying so.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SDK = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../sdk");

function newest(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((file) => statSync(path.join(dir, file)))
    .filter((stat) => stat.isFile())
    .reduce((latest, stat) => Math.max(latest, stat.mtimeMs), 0);
}

/** Whether `sdk/dist` exists and is newer than every file of `sdk/src` (and the SDK's package and build configs). */
export function sdkBuildIsCurrent(): boolean {
  const built = path.join(SDK, "dist/index.js");
  if (!existsSync(built)) return false;
  const sources = Math.max(
    newest(path.join(SDK, "src")),
    ...["package.json", "tsconfig.build.json", "tsconfig.cjs.json"].map((f) => statSync(path.join(SDK, f)).mtimeMs),
  );
  return statSync(built).mtimeMs >= sources;
}

/** Throws unless the SDK's build is current ({@link sdkBuildIsCurrent}). */
export function assertSdkBuildCurrent(): void {
  if (!sdkBuildIsCurrent()) {
    throw new Error(
      "The SDK's build (sdk/dist) is missing or older than sdk/src: run `npm run sdk:build` " +
        "(npm test, npm run demo and npm run coverage do it first).",
    );
  }
}
