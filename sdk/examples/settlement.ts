// Cash against documents, gasless: the exporter sells a to-order eBL to the importer for HKD tokenized deposits.
// Each party signs on its own machine with its own account; a relayer submits one transaction that endorses and
// delivers the eBL and pays the exporter, or does nothing at all.
import type { Address } from "viem";

import type { CargoRails } from "@cargo-rails/sdk";

/** The parties' clients: each a `createCargoRails` (or `connectCargoRails`) with the party's own walletClient. */
export interface Parties {
  exporter: CargoRails;
  importer: CargoRails;
  relayer: CargoRails;
}

export async function cashAgainstDocuments(parties: Parties, tokenId: bigint, exporter: Address, importer: Address) {
  // The terms: the eBL's current document version, recipients, a deadline 24 hours ahead and a random salt are
  // filled in. The price is a decimal string in HKD; the terms carry it in base units, as signed.
  const terms = await parties.relayer.settlement.prepare({
    tokenId,
    paymentToken: "HKD", // a label of addresses.deposits, or the token's address
    amount: "25000.00",
    seller: exporter,
    buyer: importer, // also, by default, the eBL's recipient and (to-order B/L) its endorsee
  });

  // 1. The seller signs the terms and an ERC-4494 permit of its eBL to SignedSettlement (no gas).
  const seller = await parties.exporter.settlement.signAsSeller(terms);
  // 2. The buyer signs the terms and an EIP-3009 authorization to the market's payment rail (no gas).
  const buyer = await parties.importer.settlement.signAsBuyer(terms);
  // 3. Anyone submits. The write is simulated first: a refusal throws a typed ContractRevertError, nothing is sent.
  const { hash, wait } = await parties.relayer.settlement.settle({ terms, ...seller, ...buyer });
  const { events } = await wait();

  for (const event of events) {
    if (event.eventName === "Settled") {
      // Amounts in events are decimal strings in the token's units, as the reads give them.
      console.log(`settled in ${hash}: HKD ${event.args.amount}`);
    }
  }
  console.log("title with the importer:", (await parties.relayer.ebl.titleHolder(tokenId)) === importer);
  console.log("exporter's HKD:", await parties.relayer.deposit("HKD").balanceOf(exporter));
}
