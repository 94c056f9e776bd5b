/**
 * `npm run sdk:build`: builds the SDK package (`sdk/dist`) unless its build is already newer than its sources, so the
 * scripts that need it (test, demo, coverage, gas, lint) can all ask for it and only the first one pays.
 */
import { execSync } from "node:child_process";

import { sdkBuildIsCurrent } from "./lib/sdk-build.js";

if (sdkBuildIsCurrent()) {
  console.log("sdk/dist is current");
} else {
  execSync("npm run build --workspace sdk --silent", { stdio: "inherit" });
}
