/**
 * What the indexer reads: the rails' contracts of one deployment on one chain.
 *
 * - `PONDER_RPC_URL`: the node (default `http://127.0.0.1:8545`); `CHAIN_ID` (default 31337).
 * - `CARGO_RAILS_DEPLOYMENT`: the Ignition deployment directory (default `ignition/deployments/chain-<CHAIN_ID>`):
 *   addresses from its `deployed_addresses.json`, start blocks from its journal; `START_BLOCK` overrides them.
 * - `DATABASE_URL`: Postgres; without it an embedded PGlite database in `PGLITE_DIRECTORY` (default `.ponder/pglite`).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import {
  billOfLadingRegistryAbi,
  crossBankSettlementAbi,
  eblGatewayAbi,
  escrowedDealsAbi,
  participantRegistryAbi,
  signedSettlementAbi,
  tokenizedDepositAbi,
} from "@cargo-rails/sdk";
import { addressesFromIgnition } from "@cargo-rails/sdk/node";
import { createConfig } from "ponder";
import { parseAbi, zeroAddress, type Address } from "viem";

const chainId = Number(process.env.CHAIN_ID ?? 31337);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const deployment = path.resolve(
  root,
  process.env.CARGO_RAILS_DEPLOYMENT ?? path.join("ignition/deployments", `chain-${chainId}`),
);
const addresses = await addressesFromIgnition(deployment);
const blocks = addresses.deployBlocks ?? {};
const startOf = (block: bigint | undefined) =>
  process.env.START_BLOCK !== undefined ? Number(process.env.START_BLOCK) : Number(block ?? 0n);
/** A contract the deployment lacks is watched at the zero address (no events). */
const at = (address: Address | undefined) => address ?? zeroAddress;
const deposits = Object.values(addresses.deposits ?? {});

/** The registry's holder-action events (remarks, SIGN, rejected deliveries), until the SDK's generated ABI has them. */
export const registryActsAbi = parseAbi([
  "event Remarked(uint256 indexed tokenId, address indexed actor, uint8 indexed action, bytes32 remarkHash, bytes32 reasonCode)",
  "event Signed(uint256 indexed tokenId, address indexed holder, address actor)",
  "event TransferRejected(uint256 indexed tokenId, address indexed holder, address indexed returnedTo, address titleHolder, address actor)",
]);

/** The platform gateway's (PlatformGateway, DCSA PINT) events: the SDK exports its ABI only through its `pint` wrapper. */
export const platformGatewayEventsAbi = parseAbi([
  "event ExportLocked(uint256 indexed tokenId, address indexed holder, bytes32 indexed platform, bytes32 envelopeReference, address titleHolder)",
  "event ExportCompleted(uint256 indexed tokenId, bytes32 indexed platform, bytes32 envelopeReference, bytes32 responseHash)",
  "event ExportCancelled(uint256 indexed tokenId, address indexed holder, bytes32 responseHash, address by)",
  "event ImportedFromPlatform(uint256 indexed tokenId, address indexed holder, bytes32 indexed platform, bytes32 lastChainEntryChecksum)",
]);

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.PGLITE_DIRECTORY ?? ".ponder/pglite" },
  ordering: "omnichain",
  chains: {
    rails: {
      id: chainId,
      rpc: process.env.PONDER_RPC_URL ?? "http://127.0.0.1:8545",
      pollingInterval: Number(process.env.PONDER_POLLING_INTERVAL ?? 1_000),
      disableCache: chainId === 31337,
    },
  },
  contracts: {
    Registry: {
      chain: "rails",
      abi: billOfLadingRegistryAbi,
      address: at(addresses.eblRegistry),
      startBlock: startOf(blocks.eblRegistry),
    },
    RegistryActs: {
      chain: "rails",
      abi: registryActsAbi,
      address: at(addresses.eblRegistry),
      startBlock: startOf(blocks.eblRegistry),
    },
    Participants: {
      chain: "rails",
      abi: participantRegistryAbi,
      address: addresses.participantRegistry,
      startBlock: startOf(blocks.participantRegistry),
    },
    Deposits: {
      chain: "rails",
      abi: tokenizedDepositAbi,
      address: deposits.length > 0 ? deposits : [zeroAddress],
      startBlock: startOf(blocks.participantRegistry),
    },
    SignedSettlement: {
      chain: "rails",
      abi: signedSettlementAbi,
      address: at(addresses.signedSettlement),
      startBlock: startOf(blocks.signedSettlement),
    },
    EscrowedDeals: {
      chain: "rails",
      abi: escrowedDealsAbi,
      address: at(addresses.escrowedDeals),
      startBlock: startOf(blocks.escrowedDeals),
    },
    CrossBankSettlement: {
      chain: "rails",
      abi: crossBankSettlementAbi,
      address: at(addresses.crossBankSettlement),
      startBlock: startOf(blocks.crossBankSettlement),
    },
    EblGateway: {
      chain: "rails",
      abi: eblGatewayAbi,
      address: at(addresses.eblGateway),
      startBlock: startOf(blocks.eblGateway),
    },
    PlatformGateway: {
      chain: "rails",
      abi: platformGatewayEventsAbi,
      address: at(addresses.platformGateway),
      startBlock: startOf(blocks.platformGateway),
    },
  },
});
