import { getAddress, isAddress, isHex, type Address, type Hex } from "viem";

import { InvalidAddressError, InvalidArgumentError } from "./errors.js";

/**
 * Checks that `value` is an address and returns it in EIP-55 checksummed form.
 * Lower- or upper-case hex is accepted; mixed case must carry a valid checksum.
 *
 * @param value The value to check.
 * @param argument The argument's name, for the error message.
 * @throws {InvalidAddressError} When `value` is not an address.
 */
export function assertAddress(value: unknown, argument = "address"): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: true })) {
    throw new InvalidAddressError(value, argument);
  }
  return getAddress(value);
}

/** @internal Checks a 32-byte hex value. */
export function assertBytes32(value: unknown, argument: string): Hex {
  if (typeof value !== "string" || !isHex(value, { strict: true }) || value.length !== 66) {
    throw new InvalidArgumentError(argument, value, "a 0x-prefixed 32-byte hex string (64 hex digits)");
  }
  return value.toLowerCase() as Hex;
}
