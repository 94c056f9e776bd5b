/**
 * `npm run data-provider`: starts the data provider from its configuration (see config.ts and README.md) and stops
 * it gracefully on SIGINT / SIGTERM.
 */

import { ConfigError, loadConfig } from "./config.js";
import { createDataProvider } from "./provider.js";

let config;
try {
  config = await loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`data-provider: ${error.message}`);
  process.exit(2);
}

const provider = await createDataProvider(config);
const url = await provider.start();
console.log(
  `data-provider: listening on ${url} (chain ${config.chainId}, provider ${provider.chain.provider}, consent ${config.consentRegistry}, documents ${config.tradeDocumentRegistry}, database ${config.database})`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log(`data-provider: ${signal}, stopping`);
    provider.stop().then(
      () => {
        console.log("data-provider: stopped");
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
