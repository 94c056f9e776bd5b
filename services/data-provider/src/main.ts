/**
 * `npm run data-provider`: starts the data provider from its configuration (see config.ts and README.md) and stops
 * it gracefully on SIGINT / SIGTERM.
 */

// node:sqlite is stable enough for this store but still flagged experimental in Node 22: silence that one warning,
// and nothing else, before it is loaded (the modules below import it lazily).
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
  const text = typeof warning === "string" ? warning : warning.message;
  if (type === "ExperimentalWarning" && text.startsWith("SQLite is an experimental feature")) return;
  return (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

const { ConfigError, loadConfig } = await import("./config.js");
const { createDataProvider } = await import("./provider.js");

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
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
