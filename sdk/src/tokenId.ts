import { encodeAbiParameters, hexToBigInt, keccak256 } from "viem";

import { InvalidArgumentError } from "./errors.js";
import { assertAddress } from "./guards.js";

/**
 * The token id of an eBL, derived exactly as the eBL registry's `tokenIdOf(issuer, transportDocumentReference)`:
 * `uint256(keccak256(abi.encode(issuer, transportDocumentReference)))`, the issuer an `address` and the reference
 * a `string` (ABI-encoded with offset and length, not packed).
 *
 * The two must stay equal: the id is the B/L's stable identity (MLETR "identification"), known before the B/L is
 * issued. A test compares this function with the contract's `tokenIdOf` once the registry is deployed in tests.
 *
 * @param issuer The carrier's address (the issuer of the B/L).
 * @param transportDocumentReference The DCSA `transportDocumentReference`, exactly as in the document.
 * @throws {InvalidAddressError} When `issuer` is not an address.
 * @throws {InvalidArgumentError} When the reference is not a non-empty string.
 */
export function eblTokenId(issuer: string, transportDocumentReference: string): bigint {
  const address = assertAddress(issuer, "issuer");
  if (typeof transportDocumentReference !== "string" || transportDocumentReference.length === 0) {
    throw new InvalidArgumentError(
      "transportDocumentReference",
      transportDocumentReference,
      "a non-empty string (the DCSA transportDocumentReference)",
    );
  }
  return hexToBigInt(
    keccak256(encodeAbiParameters([{ type: "address" }, { type: "string" }], [address, transportDocumentReference])),
  );
}
