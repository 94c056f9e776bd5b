/**
 * A prepared write as a Safe (Safe{Wallet}, formerly Gnosis Safe) transaction: the data the Safe's owners sign and
 * the Safe transaction hash, computed per the Safe's EIP-712 scheme (contracts v1.3.0 and later), so that a Safe
 * can be a party of the rails without this SDK depending on the Safe's own kit.
 */
import { hashTypedData, zeroAddress, type Address, type Hex } from "viem";

import { InvalidArgumentError } from "./errors.js";
import { assertAddress } from "./guards.js";
import { type PreparedWrite } from "./internal/contract.js";

/** The Safe's EIP-712 `SafeTx` type. */
export const safeTxTypes = {
  SafeTx: [
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "data", type: "bytes" },
    { name: "operation", type: "uint8" },
    { name: "safeTxGas", type: "uint256" },
    { name: "baseGas", type: "uint256" },
    { name: "gasPrice", type: "uint256" },
    { name: "gasToken", type: "address" },
    { name: "refundReceiver", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

/** The keccak256 of the `SafeTx(...)` type string, as the Safe contract's `SAFE_TX_TYPEHASH`. */
export const SAFE_TX_TYPEHASH: Hex = "0xbb8310d486368db6bd6f849402fdd73ad53d316b5a4b2644ad6efe0f941286d8";

/** A Safe transaction's fields, as the Safe's `execTransaction` and its transaction service take them. */
export interface SafeTransactionData {
  /** The contract called. */
  to: Address;
  /** Wei sent. */
  value: bigint;
  /** The call. */
  data: Hex;
  /** `0`: a call (a rails write is never a delegate call). */
  operation: 0;
  /** Zero: all the gas is forwarded (the Safe requires nothing else without a refund). */
  safeTxGas: bigint;
  /** Zero: no refund. */
  baseGas: bigint;
  /** Zero: no refund. */
  gasPrice: bigint;
  /** The zero address: no refund token. */
  gasToken: Address;
  /** The zero address: no refund receiver. */
  refundReceiver: Address;
  /** The Safe's nonce for this transaction (its `nonce()`, or the next one the transaction service expects). */
  nonce: bigint;
}

/** Where a Safe transaction is valid: the Safe and its chain (its EIP-712 domain). */
export interface SafeContext {
  /** The Safe's address (the account the write was prepared for). */
  safe: Address;
  /** The chain id. */
  chainId: number;
}

/**
 * The Safe transaction that executes a prepared write: `to`, `value` and `data` of the write, a plain call with no
 * gas refund, and the Safe's `nonce`. Prepare the write for the Safe (`{ account: safeAddress }`) so that its
 * simulation ran as the Safe.
 *
 * @throws {InvalidArgumentError} When `nonce` is not a non-negative bigint.
 *
 * @example
 * ```ts
 * const prepared = await rails.ebl.endorse.prepare({ tokenId, endorsee }, { account: safe });
 * const safeTx = toSafeTransaction(prepared, { nonce: await safeNonce() });
 * const safeTxHash = hashSafeTransaction(safeTx, { safe, chainId: prepared.chainId });
 * ```
 */
export function toSafeTransaction(
  prepared: Pick<PreparedWrite, "to" | "value" | "data">,
  options: { nonce: bigint },
): SafeTransactionData {
  if (typeof options?.nonce !== "bigint" || options.nonce < 0n) {
    throw new InvalidArgumentError("nonce", options?.nonce, "the Safe's nonce as a non-negative bigint");
  }
  return {
    to: assertAddress(prepared?.to, "to"),
    value: prepared.value,
    data: prepared.data,
    operation: 0,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken: zeroAddress,
    refundReceiver: zeroAddress,
    nonce: options.nonce,
  };
}

/**
 * The EIP-712 typed data of a Safe transaction, for an owner to sign (`signTypedData`, or any
 * {@link TypedDataSigner}): domain `{ chainId, verifyingContract: safe }`, primary type `SafeTx`.
 */
export function safeTransactionTypedData(transaction: SafeTransactionData, context: SafeContext) {
  return {
    domain: { chainId: context.chainId, verifyingContract: assertAddress(context.safe, "safe") },
    types: safeTxTypes,
    primaryType: "SafeTx" as const,
    message: transaction,
  };
}

/** The Safe transaction hash (`getTransactionHash` of the Safe contract): what the owners' signatures are over. */
export function hashSafeTransaction(transaction: SafeTransactionData, context: SafeContext): Hex {
  return hashTypedData(safeTransactionTypedData(transaction, context));
}
