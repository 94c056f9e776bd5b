/**
 * The data provider's configuration: a JSON file (optional) overridden by environment variables, with defaults for
 * a local node. The registries' addresses default to the Ignition deployment `npm run deploy` writes for the chain
 * (`ignition/deployments/cargo-rails-<chainId>/deployed_addresses.json`). See README.md for the table.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { createPublicClient, http, isAddress, isHex, getAddress, type Address, type Hex } from "viem";

import { addressesFromIgnition } from "../../../sdk/src/node.js";

export interface DataProviderConfig {
  rpcUrl: string;
  chainId: number;
  consentRegistry: Address;
  tradeDocumentRegistry: Address;
  /** The provider's key: it signs the `recordAccess` transactions (and pays their gas). */
  privateKey: Hex;
  host: string;
  port: number;
  /** The SQLite file. */
  database: string;
  /** Largest document accepted, in bytes. */
  maxDocumentBytes: number;
  /** A pino level, or `silent`. */
  logLevel: string;
}

/** The keys of the JSON file and the environment variable that overrides each. */
export const CONFIG_ENV = {
  rpcUrl: "DATA_PROVIDER_RPC_URL",
  chainId: "DATA_PROVIDER_CHAIN_ID",
  consentRegistry: "DATA_PROVIDER_CONSENT_REGISTRY",
  tradeDocumentRegistry: "DATA_PROVIDER_TRADE_DOCUMENT_REGISTRY",
  privateKey: "DATA_PROVIDER_PRIVATE_KEY",
  host: "DATA_PROVIDER_HOST",
  port: "DATA_PROVIDER_PORT",
  database: "DATA_PROVIDER_DATABASE",
  maxDocumentBytes: "DATA_PROVIDER_MAX_DOCUMENT_BYTES",
  logLevel: "DATA_PROVIDER_LOG_LEVEL",
  deployment: "DATA_PROVIDER_DEPLOYMENT",
} as const;

/** Where the JSON file is named: `--config <file>` or this variable. */
export const CONFIG_FILE_ENV = "DATA_PROVIDER_CONFIG";

export const DEFAULTS = {
  rpcUrl: "http://127.0.0.1:8545",
  host: "127.0.0.1",
  port: 8787,
  database: ".data-provider/provider.sqlite",
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
): Promise<DataProviderConfig> {
  const at = argv.indexOf("--config");
  const file = at >= 0 ? argv[at + 1] : env[CONFIG_FILE_ENV];
  let raw: Raw = {};
  if (file !== undefined && file !== "") {
    const full = path.resolve(cwd, file);
    try {
      raw = JSON.parse(readFileSync(full, "utf8")) as Raw;
    } catch (error) {
      throw new ConfigError(`Cannot read the configuration file ${full}: ${(error as Error).message}`);
    }
    const unknown = Object.keys(raw).filter((k) => !(k in CONFIG_ENV));
    if (unknown.length > 0) throw new ConfigError(`Unknown keys in ${full}: ${unknown.join(", ")}.`);
  }
  for (const [key, name] of Object.entries(CONFIG_ENV)) {
    const value = env[name];
    if (value !== undefined && value !== "") (raw as Record<string, unknown>)[key] = value;
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

  let consentRegistry = raw.consentRegistry;
  let tradeDocumentRegistry = raw.tradeDocumentRegistry;
  if (consentRegistry === undefined || tradeDocumentRegistry === undefined) {
    const deployment = path.resolve(
      cwd,
      str(raw.deployment, "deployment") ?? `ignition/deployments/cargo-rails-${chainId}/deployed_addresses.json`,
    );
    const found = await readDeployment(deployment);
    consentRegistry ??= found.consentRegistry;
    tradeDocumentRegistry ??= found.tradeDocumentRegistry;
  }

  const privateKey = str(raw.privateKey, "privateKey");
  if (privateKey === undefined) {
    throw new ConfigError(`No private key: set ${CONFIG_ENV.privateKey} (the account that records accesses on chain).`);
  }
  if (!isHex(privateKey) || privateKey.length !== 66) {
    throw new ConfigError(`${CONFIG_ENV.privateKey} must be 32 bytes of 0x-hex.`);
  }

  return {
    rpcUrl,
    chainId,
    consentRegistry: address(consentRegistry, "consentRegistry"),
    tradeDocumentRegistry: address(tradeDocumentRegistry, "tradeDocumentRegistry"),
    privateKey,
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

/** The two registries' addresses in an Ignition deployment, as the SDK reads it; none when there is no file. */
async function readDeployment(file: string): Promise<{ consentRegistry?: string; tradeDocumentRegistry?: string }> {
  if (!existsSync(file)) return {};
  try {
    const addresses = await addressesFromIgnition(file);
    return { consentRegistry: addresses.consentRegistry, tradeDocumentRegistry: addresses.tradeDocumentRegistry };
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
