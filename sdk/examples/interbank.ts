// Across banks and currencies: an FX dealer quotes HKD → CNH, an importer at a Hong Kong bank pays an exporter at a
// Chinese bank with it, and the same quote prices a cross-bank settlement of an eBL. Each party signs on its own
// machine; what travels between them is JSON text. Reserves, bank accounts and markets are set up beforehand
// (see sdk/docs/interbank.md).
import type { Address } from "viem";

import {
  crossBankFromJson,
  crossBankToJson,
  fxQuoteFromJson,
  fxQuoteToJson,
  isContractRevert,
  interbankPaymentsAbi,
  type CargoRails,
} from "@cargo-rails/sdk";

/** The parties' clients: each a `createCargoRails` (or `connectCargoRails`) with the party's own walletClient. */
export interface Parties {
  dealer: CargoRails;
  exporter: CargoRails;
  importer: CargoRails;
  relayer: CargoRails;
}

/**
 * The dealer quotes the importer: HKD 1 = CNH 0.9234, up to HKD 50,000, for ten minutes. Returns the signed quote as
 * JSON.
 */
export async function quote(dealer: CargoRails, importer: Address): Promise<string> {
  const quote = await dealer.fx.quote({
    pay: "HKD", // currencies of addresses.reserves (or the reserves' addresses)
    receive: "CNH",
    taker: importer, // made out to the importer: nobody else who sees the quote can take it
    rate: "0.9234", // CNH per HKD, a decimal string: no floating point
    maxPayAmount: "50000.00", // in HKD
    expiry: new Date(Date.now() + 10 * 60 * 1000),
  });
  return fxQuoteToJson(await dealer.fx.signQuote(quote));
}

/** The importer pays the exporter HKD 1,000.33 from its HKD bank; the exporter's bank credits CNH. */
export async function pay(importer: CargoRails, quoteJson: string, exporter: Address) {
  const signed = fxQuoteFromJson(quoteJson);
  if (!(await importer.fx.verifyQuote(signed))) throw new Error("not the dealer's quote");
  console.log("seconds left:", await importer.fx.secondsLeft(signed.quote));
  // What the exporter receives: HKD 1,000.33 at 0.9234 is CNH 923.704722, rounded down as the contract does.
  console.log("CNH to the exporter:", await importer.fx.quotedAmount(signed.quote, "1000.33")); // "923.70"
  try {
    const { wait } = await importer.interbank.pay({
      payerToken: "HKD", // labels of addresses.deposits: each bank's deposit token
      payeeToken: "CNH",
      payee: exporter,
      amount: "1000.33",
      paymentId: "INV-2026-0042", // the end-to-end reference in every event of the payment
      quote: signed,
    });
    const { events } = await wait();
    for (const event of events) {
      if (event.contract === "InterbankPayments" && event.eventName === "InterbankPaid") {
        console.log(`paid HKD ${event.args.payAmount}, credited CNH ${event.args.receiveAmount}`);
      }
    }
  } catch (error) {
    // The write is simulated first: a quote already taken is refused before anything is sent.
    if (isContractRevert(error, interbankPaymentsAbi, "InterbankQuoteUsed")) {
      console.error(`quote ${error.args[1]} of ${error.args[0]} is used: ${error.hint}`);
    } else throw error;
  }
}

/** The exporter sells a to-order eBL for HKD 25,000 paid at the importer's bank, credited in CNH at its own. */
export async function settle(
  parties: Parties,
  tokenId: bigint,
  quoteJson: string,
  exporter: Address,
  importer: Address,
) {
  const signed = fxQuoteFromJson(quoteJson);
  const terms = await parties.exporter.crossBank.prepare({
    tokenId,
    paymentToken: "HKD", // the buyer's bank's deposit token, and the price in it
    amount: "25000.00",
    seller: exporter,
    buyer: importer,
    payeeToken: "CNH", // the seller's bank's deposit token: CNH 23,085.00 from the quote
    quote: signed.quote, // the terms' deadline defaults to the quote's expiry
  });
  // Seller → buyer → relayer, as JSON text.
  const seller = await parties.exporter.crossBank.signAsSeller(terms); // its consent and an eBL permit
  const toBuyer = crossBankToJson({ terms, ...seller, dealerSignature: signed.signature });
  const atBuyer = crossBankFromJson(toBuyer);
  const buyer = await parties.importer.crossBank.signAsBuyer(atBuyer.terms); // its consent: no allowance needed
  const toRelayer = crossBankToJson({ ...atBuyer, ...buyer });
  const { wait } = await parties.relayer.crossBank.settle(crossBankFromJson(toRelayer));
  await wait();
  const termsHash = await parties.relayer.crossBank.hashTerms(terms); // also the payment id of every event
  console.log(await parties.relayer.crossBank.status(termsHash)); // "settled"
}
