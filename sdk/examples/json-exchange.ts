// The same settlement when the parties are on different machines: each step passes JSON text to the next (a
// message queue, an API, an e-mail). settlementFromJson checks every field before anything is signed or sent.
import type { Address, Hash } from "viem";

import { settlementFromJson, settlementToJson, type CargoRails } from "@cargo-rails/sdk";

/** The exporter's machine: prepares the terms, signs its part, and hands on the JSON text. */
export async function exporterSigns(
  exporter: CargoRails,
  seller: Address,
  buyer: Address,
  tokenId: bigint,
): Promise<string> {
  const terms = await exporter.settlement.prepare({ tokenId, paymentToken: "HKD", amount: "25000.00", seller, buyer });
  const signed = await exporter.settlement.signAsSeller(terms);
  // Bigints as decimal strings; the price as terms.amountBaseUnits ("2500000"), the base units signed.
  return settlementToJson({ terms, ...signed });
}

/** The importer's machine: reads the offer, checks what it pays for, signs its part. */
export async function importerSigns(importer: CargoRails, text: string): Promise<string> {
  const offer = settlementFromJson(text); // InvalidArgumentError naming the first malformed field
  const price = await importer.deposit(offer.terms.paymentToken).format(offer.terms.amount);
  if (price !== "25000.00") throw new Error(`not the agreed price: HKD ${price}`);
  const buyer = await importer.settlement.signAsBuyer(offer.terms);
  return settlementToJson({ ...offer, ...buyer });
}

/** The relayer's machine: submits the complete submission; it needs no role and no funds but gas. */
export async function relayerSettles(relayer: CargoRails, text: string): Promise<Hash> {
  const { hash, wait } = await relayer.settlement.settle(settlementFromJson(text));
  await wait();
  return hash;
}
