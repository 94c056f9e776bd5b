/**
 * A data provider from its configuration: the store opened, the chain access, the HTTP server; `start()` listens,
 * `stop()` stops accepting, lets requests in flight finish, and closes the store.
 */
import type { FastifyInstance } from "fastify";
import type { Transport } from "viem";

import { ChainAccess } from "./chain.js";
import type { DataProviderConfig } from "./config.js";
import { buildServer } from "./server.js";
import { openStore, type Store } from "./store.js";

export interface DataProvider {
  app: FastifyInstance;
  store: Store;
  chain: ChainAccess;
  config: DataProviderConfig;
  /** Listens on the configured host and port; resolves with the base URL (`http://127.0.0.1:8787`). */
  start(): Promise<string>;
  /** Graceful stop: no new connections, requests in flight answered, the database closed. */
  stop(): Promise<void>;
}

/**
 * @param config The configuration ({@link loadConfig}).
 * @param options `transport`: reach the node through this viem transport instead of `config.rpcUrl` (a provider in
 * the same process as an in-process chain, as the demo runs it).
 */
export async function createDataProvider(
  config: DataProviderConfig,
  options: { transport?: Transport } = {},
): Promise<DataProvider> {
  const store = await openStore(config.database);
  const chain = new ChainAccess({ ...config, ...options });
  const app = buildServer({
    chain,
    store,
    maxDocumentBytes: config.maxDocumentBytes,
    logLevel: config.logLevel === "silent" ? false : config.logLevel,
  });
  let stopping: Promise<void> | undefined;
  return {
    app,
    store,
    chain,
    config,
    async start() {
      const address = await app.listen({ host: config.host, port: config.port });
      return address;
    },
    stop() {
      stopping ??= (async () => {
        await app.close();
        store.close();
      })();
      return stopping;
    },
  };
}
