// An eBL crosses chains: issued on the Shanghai chain, exported to the Hong Kong chain for the importer, followed
// until it arrives, then its history read across both chains. One client per chain, each connected to its own node
// (with `eblRegistry` and `eblGateway` in its addresses); the transport's relayer carries the message in between
// (see sdk/docs/cross-chain.md).
import type { Address, Hex } from "viem";

import {
  TransferTimeoutError,
  crossChainHistory,
  waitForTransfer,
  whereIs,
  type CargoRails,
  type CrossChainHistory,
} from "@cargo-rails/sdk";

/** The exporter's client on each chain: `createCargoRails` with that chain's publicClient and walletClient. */
export interface Chains {
  shanghai: CargoRails;
  hongKong: CargoRails;
}

/**
 * The exporter (the eBL's holder on the Shanghai chain) sends it to the Hong Kong chain for the importer, and waits
 * until it is live there. Returns the transfer's id.
 */
export async function moveToHongKong(chains: Chains, tokenId: bigint, importer: Address): Promise<Hex> {
  const hongKongChainId = await chains.hongKong.config.publicClient.getChainId();
  const input = { tokenId, destinationChainId: hongKongChainId, receiver: importer };
  const fee = await chains.shanghai.crossChain.quoteExport(input); // in wei, for the transport (Hyperlane)
  const { transferId, messageId } = await (
    await chains.shanghai.crossChain.exportBill({ ...input, value: fee })
  ).wait();
  console.log(`transfer ${transferId} sent as message ${messageId}`);

  try {
    const { status } = await waitForTransfer(
      transferId,
      { source: chains.shanghai, destination: chains.hongKong },
      { timeout: 10 * 60 * 1000 },
    );
    // "delivered": live in Hong Kong for the importer; "returned": refused there, back with the exporter.
    console.log(`transfer ${transferId}: ${status}`);
  } catch (error) {
    if (!(error instanceof TransferTimeoutError)) throw error;
    // Still "sent" (the relayer has not carried it yet) or "refused" (the refusal is on its way back).
    console.log(`transfer ${transferId} still ${error.progress.status}: ${error.hint}`);
  }
  return transferId;
}

/** Where the eBL lives now, and its history across both chains, oldest first. */
export async function report(chains: Chains, tokenId: bigint): Promise<CrossChainHistory> {
  const where = await whereIs(tokenId, [chains.shanghai, chains.hongKong]);
  for (const chain of where.chains) console.log(`chain ${chain.chainId}: ${chain.status}, held by ${chain.holder}`);
  console.log(where.liveOn === null ? "in flight" : `live on chain ${where.liveOn}`);

  const history = await crossChainHistory(tokenId, [chains.shanghai, chains.hongKong]);
  for (const entry of history.entries) {
    const transfer = entry.transfer === null ? "" : ` (transfer ${entry.transfer.transferId}, ${entry.transfer.kind})`;
    console.log(`${entry.time.toISOString()} chain ${entry.chainId}: ${entry.action} by ${entry.actor}${transfer}`);
  }
  return history;
}
