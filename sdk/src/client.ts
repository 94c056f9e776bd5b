import { type PublicClient, type WalletClient } from "viem";

import { participantRegistryAbi } from "./abi/index.js";
import { type CargoRailsAddresses } from "./addresses.js";
import { InvalidArgumentError } from "./errors.js";
import { assertAddress } from "./guards.js";
import { createParticipants, type ParticipantsNamespace } from "./participants.js";

/** What {@link createCargoRails} needs. */
export interface CargoRailsConfig {
  /** A viem PublicClient for reads, simulations and receipts. */
  publicClient: PublicClient;
  /** A viem WalletClient with an account, for writes. Without it the client is read-only. */
  walletClient?: WalletClient | undefined;
  /** The deployed contracts, e.g. from {@link addressesFromIgnition}. */
  addresses: CargoRailsAddresses;
}

/** The SDK's entry point: one namespace per group of contracts. */
export interface CargoRails {
  /** The register of verified participants. */
  readonly participants: ParticipantsNamespace;
  /** The clients and addresses this instance was created with. */
  readonly config: Readonly<CargoRailsConfig>;
}

/**
 * Creates the SDK client.
 *
 * Reads go through `publicClient`. Writes are signed by `walletClient`'s account; each write is first simulated,
 * so a revert throws a typed {@link ContractRevertError} before any transaction is sent, and returns
 * `{ hash, wait() }` where `wait()` resolves to the receipt with the decoded events.
 *
 * @throws {InvalidAddressError} When an address in `addresses` is malformed.
 *
 * @example
 * ```ts
 * const rails = createCargoRails({ publicClient, walletClient, addresses });
 * const { hash, wait } = await rails.participants.register({ account, kinds: ["carrier"], jurisdiction: "HK", validUntil, kycReference });
 * const { receipt, events } = await wait();
 * ```
 */
export function createCargoRails(config: CargoRailsConfig): CargoRails {
  if (typeof config !== "object" || config === null || config.publicClient === undefined) {
    throw new InvalidArgumentError("config", config, "{ publicClient, walletClient?, addresses }");
  }
  if (typeof config.addresses !== "object" || config.addresses === null) {
    throw new InvalidArgumentError("addresses", config.addresses, "{ participantRegistry: Address, ... }");
  }
  // Each namespace is a factory over a ContractContext (clients, address, generated ABI); see internal/contract.ts.
  // The eBL registry and the settlement contract add one such call each; deposits one per currency, e.g.
  // Object.fromEntries(Object.entries(addresses.deposits).map(([currency, address]) => [currency, createDeposits(...)])).
  const { publicClient, walletClient } = config;
  const participants = createParticipants({
    publicClient,
    walletClient,
    address: assertAddress(config.addresses.participantRegistry, "addresses.participantRegistry"),
    abi: participantRegistryAbi,
  });
  return { participants, config: Object.freeze({ ...config }) };
}
