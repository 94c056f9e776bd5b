/**
 * EIP-712 types and domain names come from the SDK (`sdk/src/signing.ts`); this module only adapts them to ethers,
 * whose `signTypedData` wants mutable arrays where the SDK exports `as const` ones.
 */
import type { TypedDataField } from "ethers";

/** The SDK's EIP-712 types as ethers takes them (the same objects, typed as mutable). */
export const forEthers = (types: {
  readonly [name: string]: readonly { readonly name: string; readonly type: string }[];
}) => types as unknown as Record<string, TypedDataField[]>;
