// Trade finance around an eBL: a documentary credit, a trust receipt and documents against acceptance, each party
// on its own machine with its own client. What one party signs off chain travels to the next as JSON text. The
// contracts are those of an Ignition deployment (`addressesFromIgnition` reads their addresses); every party is a
// verified participant and the eBLs are to order (see sdk/docs/trade-finance.md).
import type { Address, Hex } from "viem";

import { isContractRevert, type CargoRails } from "@cargo-rails/sdk";
import {
  creditApplicationFromJson,
  creditApplicationToJson,
  discountOfferFromJson,
  discountOfferToJson,
  documentaryCreditsAbi,
  tradeFinance,
  trustReceiptFromJson,
  trustReceiptToJson,
} from "@cargo-rails/sdk/trade-finance";

/** The parties' clients: each a `createCargoRails` with the party's own walletClient and the deployment's addresses. */
export interface Parties {
  importer: CargoRails;
  exporter: CargoRails;
  /** The importer's bank: issues the credit, finances the importer under a trust receipt. */
  bank: CargoRails;
  /** A bank that discounts the exporter's accepted bill. */
  discounter: CargoRails;
}

/**
 * The importer applies for a credit in favour of the exporter (HKD 250,000, the eBL and a commercial invoice
 * required); the bank issues it, funding it in escrow. Returns the credit id.
 */
export async function issueCredit(p: Parties, exporter: Address, bank: Address): Promise<Hex> {
  const importer = tradeFinance(p.importer);
  const application = await importer.credits.prepare({
    issuingBank: bank,
    applicant: p.importer.config.walletClient!.account!.address,
    beneficiary: exporter,
    token: "HKD",
    amount: "250000.00",
    expiry: new Date(Date.now() + 60 * 86_400_000),
    requiredDocuments: ["COMMERCIAL_INVOICE"],
    eblRecipient: "issuingBank",
    reference: "LC-HB-2026-0042",
  });
  const text = creditApplicationToJson({ application, applicantSignature: await importer.credits.sign(application) });

  // The bank, on its own machine: reads the application, approves the escrow and issues.
  const banker = tradeFinance(p.bank);
  const signed = creditApplicationFromJson(text);
  await (await p.bank.deposit("HKD").approve({ spender: banker.credits.address, amount: "250000.00" })).wait();
  const { creditId } = await (await banker.credits.issue(signed)).wait();
  return creditId;
}

/** The exporter presents the eBL and its invoice; the bank honours: it pays the exporter and takes the eBL. */
export async function presentAndHonour(p: Parties, creditId: Hex, tokenId: bigint, invoice: Hex): Promise<void> {
  const exporter = tradeFinance(p.exporter);
  await (await p.exporter.ebl.approve({ tokenId, operator: exporter.credits.address })).wait();
  const { presentationId } = await (
    await exporter.credits.present({ creditId, tokenId, documentIds: [invoice], amount: "250000.00" })
  ).wait();
  try {
    await (await tradeFinance(p.bank).credits.honour(presentationId)).wait();
  } catch (error) {
    if (isContractRevert(error, documentaryCreditsAbi, "CreditExaminationPeriodOver")) {
      // UCP 600 art. 16(f): past the deadline the bank may no longer refuse; anyone may honour.
    }
    throw error;
  }
}

/**
 * The bank, holding the eBL with title, lets the importer take delivery under a trust receipt: the importer signs
 * the terms (sent as JSON), the bank opens the receipt, the importer surrenders the eBL to the carrier and repays.
 */
export async function trustReceipt(p: Parties, tokenId: bigint, importerAddress: Address): Promise<void> {
  const banker = tradeFinance(p.bank);
  const terms = await banker.trustReceipts.prepare({
    importer: importerAddress,
    tokenId,
    token: "HKD",
    amount: "250000.00",
    dueDate: new Date(Date.now() + 90 * 86_400_000),
    reference: "TR-HB-2026-0042",
  });
  // The importer signs on its machine.
  const importer = tradeFinance(p.importer);
  const text = trustReceiptToJson({ terms, importerSignature: await importer.trustReceipts.sign(terms) });

  await (await p.bank.ebl.approve({ tokenId, operator: banker.trustReceipts.address })).wait();
  const { receiptId } = await (await banker.trustReceipts.open(trustReceiptFromJson(text))).wait();
  await (await importer.trustReceipts.surrenderForDelivery(receiptId)).wait();
  // Repaid by an EIP-3009 authorisation bound to the receipt (or an allowance to the contract, the default).
  const payment = await importer.trustReceipts.signRepayment({ receiptId, amount: "250000.00" });
  await (await importer.trustReceipts.repay({ receiptId, amount: "250000.00", payment })).wait();
  console.log((await banker.trustReceipts.get(receiptId)).status); // "repaid"
}

/**
 * Documents against acceptance: the exporter lodges the eBL; the importer accepts a 90-day bill with an EIP-3009
 * authorisation for maturity; the exporter sells the obligation to a bank at a discount; at maturity anyone collects.
 */
export async function documentsAgainstAcceptance(p: Parties, tokenId: bigint, drawee: Address): Promise<bigint> {
  const exporter = tradeFinance(p.exporter);
  await (await p.exporter.ebl.approve({ tokenId, operator: exporter.acceptances.address })).wait();
  const { collectionId } = await (
    await exporter.acceptances.lodge({
      tokenId,
      drawee,
      token: "HKD",
      amount: "120000.00",
      tenor: 90 * 86_400,
      acceptBy: new Date(Date.now() + 7 * 86_400_000),
    })
  ).wait();

  const importer = tradeFinance(p.importer);
  const authorization = await importer.acceptances.signAcceptance({ collectionId });
  const { obligationId } = await (await importer.acceptances.accept({ collectionId, authorization })).wait();

  const discounter = tradeFinance(p.discounter);
  const offer = await exporter.acceptances.prepareDiscount({
    obligationId,
    buyer: p.discounter.config.walletClient!.account!.address,
    price: "118200.00",
  });
  const text = discountOfferToJson({ offer, holderSignature: await exporter.acceptances.signDiscount(offer) });
  const signed = discountOfferFromJson(text);
  const payment = await discounter.acceptances.signDiscountPayment(signed.offer);
  await (await discounter.acceptances.discount({ ...signed, payment })).wait();
  // At maturity: `await discounter.acceptances.collect(obligationId)` pays the discounter HKD 120,000.00.
  return obligationId;
}
