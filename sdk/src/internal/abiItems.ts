/**
 * The constructors of ABI entries the generated ABIs (sdk/src/abi, scripts/generate-abis.ts) are written with:
 * `view("balanceOf", [account], [amount])` builds `{ inputs, name, outputs, stateMutability: "view", type:
 * "function" }`, the compiler's entry with its keys in the compiler's order, typed as exactly as the `as const`
 * literal it replaces (the `const` type parameters keep every name and parameter literal). In a minified browser
 * bundle a call costs a few bytes where the literal repeated `stateMutability`, `type` and the key names in each of
 * the hundreds of entries (see sdk/README.md, "Bundle size").
 */

/** A function entry of the given state mutability. */
const fn =
  <const TMutability extends "pure" | "view" | "nonpayable" | "payable">(stateMutability: TMutability) =>
  <const TName extends string, const TInputs extends readonly unknown[], const TOutputs extends readonly unknown[]>(
    name: TName,
    inputs: TInputs,
    outputs: TOutputs,
  ) =>
    ({ inputs, name, outputs, stateMutability, type: "function" }) as const;

/** @internal A `view` function: `{ inputs, name, outputs, stateMutability: "view", type: "function" }`. */
export const view = /* @__PURE__ */ fn("view");
/** @internal A `pure` function: `{ inputs, name, outputs, stateMutability: "pure", type: "function" }`. */
export const pure = /* @__PURE__ */ fn("pure");
/** @internal A `nonpayable` function: `{ inputs, name, outputs, stateMutability: "nonpayable", type: "function" }`. */
export const nonpayable = /* @__PURE__ */ fn("nonpayable");
/** @internal A `payable` function: `{ inputs, name, outputs, stateMutability: "payable", type: "function" }`. */
export const payable = /* @__PURE__ */ fn("payable");

/** @internal A custom error: `{ inputs, name, type: "error" }`. */
export const abiError = <const TName extends string, const TInputs extends readonly unknown[]>(
  name: TName,
  inputs: TInputs,
) => ({ inputs, name, type: "error" }) as const;

/** @internal A non-anonymous event: `{ anonymous: false, inputs, name, type: "event" }`. */
export const abiEvent = <const TName extends string, const TInputs extends readonly unknown[]>(
  name: TName,
  inputs: TInputs,
) => ({ anonymous: false, inputs, name, type: "event" }) as const;
