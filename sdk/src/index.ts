/**
 * @packageDocumentation
 * `@cargo-rails/sdk`: typed access to the Cargo Rails contracts (participants, eBLs, tokenized deposits, settlement).
 */

/** The SDK's version, kept equal to the package version. */
export const SDK_VERSION = "0.1.0";
