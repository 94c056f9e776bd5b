/**
 * What the SDK's paged log readers (`ebl.history`, `consent.accessLog`) share: the block range and page size of a read,
 * and the wrapping of their RPC calls' errors.
 */
import { hexToBigInt, type Abi, type Hex } from "viem";

import { InvalidArgumentError } from "../errors.js";
import { toCargoRailsError } from "./contract.js";

/**
 * @internal The block range and page size of a paged read: the cursor's when it continues a read, else the options'
 * (default range 10 000 blocks, no page limit); `unit` names what the limit counts ("entries", "records").
 */
export function pageSettings(
  cursor: { blockRange: bigint; limit: number | undefined } | undefined,
  options: { blockRange?: bigint | undefined; limit?: number | undefined },
  unit: string,
): { blockRange: bigint; limit: number | undefined } {
  const blockRange = cursor?.blockRange ?? options.blockRange ?? 10_000n;
  if (typeof blockRange !== "bigint" || blockRange < 1n) {
    throw new InvalidArgumentError("blockRange", blockRange, "a positive bigint number of blocks");
  }
  const limit = cursor !== undefined ? cursor.limit : options.limit;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit > 0)) {
    throw new InvalidArgumentError("limit", limit, `a positive integer number of ${unit}`);
  }
  return { blockRange, limit };
}

/** @internal Runs the RPC calls of `operation`, turning their errors into the SDK's typed errors. */
export function callsOf(ctx: { abi: Abi }, operation: string): <T>(fn: () => Promise<T>) => Promise<T> {
  return async (fn) => {
    try {
      return await fn();
    } catch (error) {
      throw toCargoRailsError(error, { abi: ctx.abi, operation });
    }
  };
}

/**
 * @internal The logs of a page in chain order, cut to `limit` at a block boundary: the page ends with the last whole
 * block that keeps it within the limit (its first block whole, whatever its size). Returns the logs kept and the last
 * block the page covers.
 */
export function cutPage<TLog extends { blockNumber: Hex; logIndex: Hex }>(
  logs: TLog[],
  limit: number | undefined,
  readTo: bigint,
): { logs: TLog[]; readTo: bigint } {
  const sorted = [...logs].sort((a, b) => {
    const byBlock = hexToBigInt(a.blockNumber) - hexToBigInt(b.blockNumber);
    return byBlock !== 0n ? (byBlock < 0n ? -1 : 1) : Number(hexToBigInt(a.logIndex) - hexToBigInt(b.logIndex));
  });
  if (limit === undefined || sorted.length <= limit) return { logs: sorted, readTo };
  const firstBlockOver = hexToBigInt(sorted[limit]!.blockNumber);
  const cutAt = hexToBigInt(sorted[0]!.blockNumber) < firstBlockOver ? firstBlockOver : firstBlockOver + 1n;
  return { logs: sorted.filter((log) => hexToBigInt(log.blockNumber) < cutAt), readTo: cutAt - 1n };
}
