/**
 * The PINT service's configuration: a JSON file (optional) overridden by environment variables, with defaults for a
 * local node, as the data provider's. The registry's and the platform gateway's addresses default to the Ignition
 * deployment `npm run deploy` writes for the chain. See README.md for the table.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { createPublicClient, getAddress, http, isAddress, isHex, type Address, type Hex } from "viem";

import { addressesFromIgnition } from "../../../sdk/src/node.js";
import type { PintJwk, PintJwks } from "../../../sdk/src/pint/index.js";

/** A platform this one exchanges eBLs with. */
export interface PeerPlatform {
  /** Its PINT base URL (`https://pint.example.com`), where this platform sends exports; optional for a sender only. */
  url?: string;
  /** Its published keys: a JWKS (`{ keys: [...] }`) inline, or a file holding one (`jwksFile`). */
  jwks: PintJwks;
}

export interface PintConfig {
  rpcUrl: string;
  chainId: number;
  eblRegistry: Address;
  platformGateway: Address;
  /** The service's account (PINT OPERATOR on the gateway): it sends the gateway's transactions. */
  privateKey: Hex;
  /** This platform's code in PINT (`eblPlatform`, at most 4 characters). */
  platform: string;
  /** The platform's signing key: a private JWK (JSON) or PEM (PKCS#8) file. */
  signingKeyFile: string;
  /** The key id (`kid`) the signatures carry and the published JWKS names; default: the key's RFC 7638 thumbprint. */
  signingKeyId?: string;
  /** Keys this platform published before a rotation, kept in the published JWKS (public JWKs, a JSON file). */
  retiredKeysFile?: string;
  /** The other platforms, by code. */
  peers: Record<string, PeerPlatform>;
  /** Carriers of eBLs that arrive: PINT party code (e.g. an LEI or a DID) → the carrier's address on our register. */
  carriers: Record<string, Address>;
  host: string;
  port: number;
  /** The SQLite file. */
  database: string;
  /** Largest additional document accepted, in bytes (decoded). */
  maxDocumentBytes: number;
  /** A pino level, or `silent`. */
  logLevel: string;
}

/** The keys of the JSON file and the environment variable that overrides each. */
export const CONFIG_ENV = {
  rpcUrl: "PINT_RPC_URL",
  chainId: "PINT_CHAIN_ID",
  eblRegistry: "PINT_EBL_REGISTRY",
  platformGateway: "PINT_PLATFORM_GATEWAY",
  privateKey: "PINT_PRIVATE_KEY",
  platform: "PINT_PLATFORM",
  signingKeyFile: "PINT_SIGNING_KEY_FILE",
  signingKeyId: "PINT_SIGNING_KEY_ID",
  retiredKeysFile: "PINT_RETIRED_KEYS_FILE",
  peers: "PINT_PEERS",
  carriers: "PINT_CARRIERS",
  host: "PINT_HOST",
  port: "PINT_PORT",
  database: "PINT_DATABASE",
  maxDocumentBytes: "PINT_MAX_DOCUMENT_BYTES",
  logLevel: "PINT_LOG_LEVEL",
  deployment: "PINT_DEPLOYMENT",
} as const;

/** Where the JSON file is named: `--config <file>` or this variable. */
export const CONFIG_FILE_ENV = "PINT_CONFIG";

export const DEFAULTS = {
  rpcUrl: "http://127.0.0.1:8545",
  host: "127.0.0.1",
  port: 8788,
  database: ".pint/pint.sqlite",
  maxDocumentBytes: 10 * 1024 * 1024,
  logLevel: "info",
} as const;

/** A configuration that cannot be used: the message says which setting and how to fix it. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

type Raw = Partial<Record<keyof typeof CONFIG_ENV, unknown>>;

/** The configuration from `argv` (`--config <file>`), the environment and the files they name. */
export async function loadConfig(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): Promise<PintConfig> {
  const at = argv.indexOf("--config");
  const file = at >= 0 ? argv[at + 1] : env[CONFIG_FILE_ENV];
  let raw: Raw = {};
  let base = cwd;
  if (file !== undefined && file !== "") {
    const full = path.resolve(cwd, file);
    raw = readJson(full, "the configuration file") as Raw;
    const unknown = Object.keys(raw).filter((k) => !(k in CONFIG_ENV));
    if (unknown.length > 0) throw new ConfigError(`Unknown keys in ${full}: ${unknown.join(", ")}.`);
    base = path.dirname(full);
  }
  for (const [key, name] of Object.entries(CONFIG_ENV)) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    // PINT_PEERS / PINT_CARRIERS carry JSON (or name a JSON file).
    (raw as Record<string, unknown>)[key] = key === "peers" || key === "carriers" ? jsonOrFile(value, key, cwd) : value;
  }

  const rpcUrl = str(raw.rpcUrl, "rpcUrl") ?? DEFAULTS.rpcUrl;
  const chainId =
    raw.chainId !== undefined
      ? int(raw.chainId, "chainId", 1)
      : await askChainId(rpcUrl).catch((error: Error) => {
          throw new ConfigError(
            `No chain id configured (${CONFIG_ENV.chainId}) and the node at ${rpcUrl} did not answer: ${error.message.split("\n")[0]}`,
          );
        });

  let eblRegistry = raw.eblRegistry;
  let platformGateway = raw.platformGateway;
  if (eblRegistry === undefined || platformGateway === undefined) {
    const deployment = path.resolve(
      cwd,
      str(raw.deployment, "deployment") ?? `ignition/deployments/cargo-rails-${chainId}/deployed_addresses.json`,
    );
    const found = await readDeployment(deployment);
    eblRegistry ??= found.eblRegistry;
    platformGateway ??= found.platformGateway;
  }

  const privateKey = str(raw.privateKey, "privateKey");
  if (privateKey === undefined) {
    throw new ConfigError(`No private key: set ${CONFIG_ENV.privateKey} (the PINT OPERATOR account on the gateway).`);
  }
  if (!isHex(privateKey) || privateKey.length !== 66) {
    throw new ConfigError(`${CONFIG_ENV.privateKey} must be 32 bytes of 0x-hex.`);
  }
  const platform = str(raw.platform, "platform");
  if (platform === undefined || !/^\S{1,4}$/.test(platform)) {
    throw new ConfigError(`${CONFIG_ENV.platform} must be this platform's PINT code (1 to 4 characters, e.g. CRLS).`);
  }
  const signingKeyFile = str(raw.signingKeyFile, "signingKeyFile");
  if (signingKeyFile === undefined) {
    throw new ConfigError(`No signing key: set ${CONFIG_ENV.signingKeyFile} to a private JWK or PEM file.`);
  }
  const retiredKeysFile = str(raw.retiredKeysFile, "retiredKeysFile");

  return {
    rpcUrl,
    chainId,
    eblRegistry: address(eblRegistry, "eblRegistry"),
    platformGateway: address(platformGateway, "platformGateway"),
    privateKey,
    platform,
    signingKeyFile: path.resolve(base, signingKeyFile),
    ...(raw.signingKeyId === undefined ? {} : { signingKeyId: str(raw.signingKeyId, "signingKeyId")! }),
    ...(retiredKeysFile === undefined ? {} : { retiredKeysFile: path.resolve(base, retiredKeysFile) }),
    peers: peers(raw.peers ?? {}, base),
    carriers: carriers(raw.carriers ?? {}),
    host: str(raw.host, "host") ?? DEFAULTS.host,
    port: raw.port === undefined ? DEFAULTS.port : int(raw.port, "port", 0, 65_535),
    database: path.resolve(cwd, str(raw.database, "database") ?? DEFAULTS.database),
    maxDocumentBytes:
      raw.maxDocumentBytes === undefined
        ? DEFAULTS.maxDocumentBytes
        : int(raw.maxDocumentBytes, "maxDocumentBytes", 1, 1024 * 1024 * 1024),
    logLevel: str(raw.logLevel, "logLevel") ?? DEFAULTS.logLevel,
  };
}

/** The peers: `{ CODE: { url?, jwks } | { url?, jwksFile } }`. */
function peers(value: unknown, base: string): Record<string, PeerPlatform> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(`peers (${CONFIG_ENV.peers}) must be an object of platforms by code.`);
  }
  const out: Record<string, PeerPlatform> = {};
  for (const [code, peer] of Object.entries(value as Record<string, unknown>)) {
    if (!/^\S{1,4}$/.test(code))
      throw new ConfigError(`peers: ${code} is not a PINT platform code (1 to 4 characters).`);
    const p = peer as { url?: unknown; jwks?: unknown; jwksFile?: unknown };
    const url = p.url === undefined ? undefined : str(p.url, "peers");
    if (url !== undefined && !/^https?:\/\//.test(url))
      throw new ConfigError(`peers.${code}.url must be an http(s) URL.`);
    const jwks =
      p.jwksFile !== undefined ? readJson(path.resolve(base, String(p.jwksFile)), `peers.${code}.jwksFile`) : p.jwks;
    const keys = (jwks as { keys?: unknown } | undefined)?.keys;
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== "object" || k === null)) {
      throw new ConfigError(`peers.${code} needs its published keys: jwks { keys: [...] } or jwksFile.`);
    }
    out[code] = { ...(url === undefined ? {} : { url: url.replace(/\/+$/, "") }), jwks: { keys: keys as PintJwk[] } };
  }
  return out;
}

function carriers(value: unknown): Record<string, Address> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(`carriers (${CONFIG_ENV.carriers}) must be an object: party code → address.`);
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([code, a]) => [code, address(a, "carriers")]),
  );
}

function jsonOrFile(value: string, key: string, cwd: string): unknown {
  if (value.trimStart().startsWith("{")) {
    try {
      return JSON.parse(value);
    } catch (error) {
      throw new ConfigError(`${envName(key)} is not JSON: ${(error as Error).message}`);
    }
  }
  return readJson(path.resolve(cwd, value), envName(key));
}

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`Cannot read ${what} ${file}: ${(error as Error).message}`);
  }
}

/** The registry's and the gateway's addresses in an Ignition deployment; none when there is no file. */
async function readDeployment(file: string): Promise<{ eblRegistry?: string; platformGateway?: string }> {
  if (!existsSync(file)) return {};
  try {
    const addresses = (await addressesFromIgnition(file)) as { eblRegistry?: string; platformGateway?: string };
    return { eblRegistry: addresses.eblRegistry, platformGateway: addresses.platformGateway };
  } catch (error) {
    throw new ConfigError(`Cannot read the deployment ${file}: ${(error as Error).message.split("\n")[0]}`);
  }
}

async function askChainId(rpcUrl: string): Promise<number> {
  return createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 5_000 }) }).getChainId();
}

function envName(key: string): string {
  return CONFIG_ENV[key as keyof typeof CONFIG_ENV];
}

function str(value: unknown, key: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") throw new ConfigError(`${key} (${envName(key)}) must be a string.`);
  return value;
}

function int(value: unknown, key: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new ConfigError(`${key} (${envName(key)}) must be an integer from ${min} to ${max}, not ${String(value)}.`);
  }
  return n;
}

function address(value: unknown, key: string): Address {
  if (value === undefined) {
    throw new ConfigError(
      `No ${key} address: set ${envName(key)}, or deploy the rails (\`npm run deploy -- --network localhost\`) so that the Ignition deployment names it, or point ${CONFIG_ENV.deployment} at a deployed_addresses.json.`,
    );
  }
  if (typeof value !== "string" || !isAddress(value, { strict: false })) {
    throw new ConfigError(`${key} (${envName(key)}) is not an address: ${String(value)}.`);
  }
  return getAddress(value);
}
