/**
 * `npm run pint`: starts the PINT service from its configuration (see config.ts and README.md) and stops it
 * gracefully on SIGINT / SIGTERM.
 */
import { ConfigError, loadConfig } from "./config.js";
import { createPintService } from "./service.js";

let service;
try {
  service = await createPintService(await loadConfig());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`pint: ${error.message}`);
  process.exit(2);
}

const url = await service.start();
const { config } = service;
console.log(
  `pint: listening on ${url} (platform ${config.platform}, key ${service.key.kid}, chain ${config.chainId}, registry ${config.eblRegistry}, gateway ${config.platformGateway}, operator ${service.chain.operator.address}, database ${config.database})`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log(`pint: ${signal}, stopping`);
    service.stop().then(
      () => {
        console.log("pint: stopped");
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
