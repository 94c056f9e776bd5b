/**
 * A PINT service from its configuration: the store opened, the keys read, the chain access, the receiving and
 * sending sides, the HTTP server. `start()` listens and resumes the exports a previous run left under way; `stop()`
 * stops accepting, lets requests in flight finish and closes the store.
 */
import type { FastifyInstance } from "fastify";
import type { Transport } from "viem";

import { ChainAccess } from "./chain.js";
import type { PintConfig } from "./config.js";
import { loadSigningKey, peerKeys, publishedJwks, type SigningKey } from "./keys.js";
import { Receiver } from "./receiver.js";
import { Sender } from "./sender.js";
import { buildServer } from "./server.js";
import { openStore, type Store } from "./store.js";

export interface PintService {
  app: FastifyInstance;
  store: Store;
  chain: ChainAccess;
  sender: Sender;
  receiver: Receiver;
  key: SigningKey;
  config: PintConfig;
  /** Listens on the configured host and port; resolves with the base URL. Resumes unfinished exports. */
  start(): Promise<string>;
  /** Graceful stop: no new connections, requests in flight answered, the database closed. */
  stop(): Promise<void>;
}

/**
 * @param config The configuration ({@link loadConfig}).
 * @param options `transport`: reach the node through this viem transport instead of `config.rpcUrl`; `sender`:
 * retry settings of the sending side.
 */
export async function createPintService(
  config: PintConfig,
  options: { transport?: Transport; attempts?: number; backoffMs?: number } = {},
): Promise<PintService> {
  const key = loadSigningKey(config.signingKeyFile, config.signingKeyId);
  const jwks = publishedJwks(key, config.retiredKeysFile);
  const store = await openStore(config.database);
  const chain = new ChainAccess({
    ...config,
    ...(options.transport === undefined ? {} : { transport: options.transport }),
  });
  const receiver = new Receiver({
    store,
    chain,
    key,
    platform: config.platform,
    // Our own entries come back in the chains of eBLs that return: our published keys verify them.
    peerKeys: { ...peerKeys(config.peers), [config.platform]: jwks },
    carriers: config.carriers,
    maxDocumentBytes: config.maxDocumentBytes,
  });
  const sender = new Sender({
    store,
    chain,
    key,
    platform: config.platform,
    peers: config.peers,
    ...(options.attempts === undefined ? {} : { attempts: options.attempts }),
    ...(options.backoffMs === undefined ? {} : { backoffMs: options.backoffMs }),
  });
  const app = buildServer({
    receiver,
    sender,
    chain,
    store,
    platform: config.platform,
    jwks,
    maxDocumentBytes: config.maxDocumentBytes,
    logLevel: config.logLevel === "silent" ? false : config.logLevel,
  });
  let stopping: Promise<void> | undefined;
  let resuming: Promise<void> | undefined;
  return {
    app,
    store,
    chain,
    sender,
    receiver,
    key,
    config,
    async start() {
      const url = await app.listen({ host: config.host, port: config.port });
      resuming = sender.resumeAll();
      return url;
    },
    stop() {
      stopping ??= (async () => {
        await app.close();
        await resuming;
        store.close();
      })();
      return stopping;
    },
  };
}
