/**
 * @internal The interbank namespaces' code (`reserves`, `interbank`, `fx`, `crossBank`), which `createCargoRails`
 * loads with `import()` on their first call (see {@link lazyNamespace}), and the conversion of their contracts' events.
 */
export { createCrossBank } from "../crossBankNamespace.js";
export { createFx } from "../fxNamespace.js";
export { createInterbank } from "../interbank.js";
export { createReserve } from "../reserves.js";
export { convertInterbankEventArgs } from "../interbankEvents.js";
