import type { RailsEventDecoder } from "../receiptEvents.js";

/**
 * @internal What a client made by `createCargoRails` keeps for the entries that bind to it (`tradeFinance(rails)` of
 * `@cargo-rails/sdk/trade-finance`) beyond its public `config`: its decoder of a receipt's events over every contract
 * it was configured with, so that their writes' `wait()` decode the core contracts' events as the client's own do.
 */
export const boundDecoders = new WeakMap<object, RailsEventDecoder>();
