import { hexToString, isHex, stringToBytes, toHex, type Hex } from "viem";

import { InvalidArgumentError } from "./errors.js";

/**
 * Encodes an off-chain reference as the `bytes32` the contracts store (a bank reference, a payout reference, a
 * legal-hold or forced-transfer reason code):
 * - `0x` followed by 64 hex digits is taken as is;
 * - any other string is UTF-8 text, left-aligned and zero-padded (at most 32 bytes), like Solidity's
 *   `bytes32("DEP-0001")`.
 *
 * @param value The reference.
 * @param argument The argument's name, for the error message.
 * @throws {InvalidArgumentError} When the text is empty or longer than 32 bytes.
 *
 * @example
 * ```ts
 * encodeReference("DEP-2026-0001"); // 0x4445502d323032362d30303031000000…
 * ```
 */
export function encodeReference(value: string, argument = "reference"): Hex {
  if (typeof value === "string" && value.length === 66 && isHex(value, { strict: true })) {
    return value.toLowerCase() as Hex;
  }
  if (typeof value !== "string" || value.length === 0 || stringToBytes(value).length > 32) {
    throw new InvalidArgumentError(
      argument,
      value,
      "a non-empty text of at most 32 UTF-8 bytes, or 0x followed by 64 hex digits",
    );
  }
  return toHex(stringToBytes(value), { size: 32 }).padEnd(66, "0") as Hex;
}

/**
 * Decodes a `bytes32` reference written by {@link encodeReference} from text: the text without its zero padding, or
 * the hex itself when the bytes are not printable text.
 *
 * @param value The stored bytes32.
 */
export function decodeReference(value: Hex): string {
  const trimmed = value.replace(/(00)+$/, "");
  if (trimmed.length <= 2) return value;
  const text = hexToString(trimmed as Hex);
  // Control characters or replacement characters mean the bytes are not text.
  return /^[^\u0000-\u001f\ufffd]+$/u.test(text) ? text : value;
}
