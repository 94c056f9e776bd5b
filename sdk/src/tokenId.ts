import { hexToBigInt, keccak256, stringToBytes } from "viem";

import { InvalidArgumentError } from "./errors.js";
import { assertAddress } from "./guards.js";

/** The low 96 bits of a token id: the reference's hash. The top 160 bits are the issuer. */
const REFERENCE_BITS = 96n;
const REFERENCE_MASK = (1n << REFERENCE_BITS) - 1n;

/**
 * The token id of an eBL, derived exactly as the eBL registry's `tokenIdOf(issuer, transportDocumentReference)`:
 * `(uint256(uint160(issuer)) << 96) | uint96(uint256(keccak256(bytes(transportDocumentReference))))`: the issuing
 * carrier's address in the top 160 bits, the low 96 bits of the keccak-256 of the reference's UTF-8 bytes below.
 *
 * The two must stay equal: the id is the B/L's stable identity (MLETR "identification"), known before the B/L is
 * issued. A test compares this function with the contract's `tokenIdOf` once the registry is deployed in tests.
 * The carrier can be read back from an id as `tokenId >> 96n` (the registry's `issuerOf` does so for issued ids).
 *
 * References the registry refuses to issue (see {@link assertTransportDocumentReference}) are refused here too:
 * no eBL can ever have such an id.
 *
 * @param issuer The carrier's address (the issuer of the B/L).
 * @param transportDocumentReference The DCSA `transportDocumentReference`, exactly as in the document.
 * @throws {InvalidAddressError} When `issuer` is not an address.
 * @throws {InvalidArgumentError} When the reference is not one the registry accepts.
 */
export function eblTokenId(issuer: string, transportDocumentReference: string): bigint {
  const address = assertAddress(issuer, "issuer");
  assertTransportDocumentReference(transportDocumentReference);
  const referenceHash = hexToBigInt(keccak256(stringToBytes(transportDocumentReference)));
  return (hexToBigInt(address) << REFERENCE_BITS) | (referenceHash & REFERENCE_MASK);
}

/** ASCII whitespace as the registry tests it: space, tab, line feed, vertical tab, form feed, carriage return. */
const isSpaceByte = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

/**
 * Checks a transport document reference exactly as the eBL registry does before issuing: 1 to 20 **bytes** of UTF-8
 * (DCSA's maxLength 20; a non-ASCII character counts for its bytes), and no ASCII whitespace at either end.
 *
 * @param reference The DCSA `transportDocumentReference`.
 * @returns The reference, unchanged.
 * @throws {InvalidArgumentError} When the registry would refuse it (`EblInvalidReference`).
 */
export function assertTransportDocumentReference(reference: unknown): string {
  const bytes = typeof reference === "string" ? stringToBytes(reference) : undefined;
  if (
    bytes === undefined ||
    bytes.length === 0 ||
    bytes.length > 20 ||
    isSpaceByte(bytes[0]!) ||
    isSpaceByte(bytes[bytes.length - 1]!)
  ) {
    throw new InvalidArgumentError(
      "transportDocumentReference",
      reference,
      "1 to 20 bytes of UTF-8 without leading or trailing whitespace (the DCSA transportDocumentReference)",
      "Use the carrier's B/L number exactly as in the transport document.",
    );
  }
  return reference as string;
}
