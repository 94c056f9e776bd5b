/**
 * The demo's trade-finance act: the instruments banks use around a B/L, through `@cargo-rails/sdk/trade-finance`.
 * Harbour Bank, the importer's bank, issues a documentary credit in favour of the exporter, funded in escrow; the
 * exporter presents the eBL; the bank honours, paying the exporter and taking the eBL, in one transaction. The bank
 * then lets the importer take delivery under a trust receipt (the importer signs it off chain); the importer
 * surrenders the eBL to the carrier and repays. Last, a second shipment on documents against acceptance: the exporter
 * lodges the eBL, the importer accepts a 90-day bill and receives the eBL in the same transaction, Pudong Bank
 * discounts the accepted bill (the exporter's signed offer), and at maturity (the chain's clock moved 90 days on) the
 * bill is collected from the importer for Pudong Bank, once.
 *
 * Every step goes through the SDK as an integrator writes it; what a party signs off chain travels as JSON text.
 */
import type { Address, Hash, PublicClient, TransactionReceipt, WalletClient } from "viem";

import { createCargoRails, type CargoRailsAddresses } from "@cargo-rails/sdk";
import {
  acceptanceAuthorizationFromJson,
  acceptanceAuthorizationToJson,
  creditApplicationFromJson,
  creditApplicationToJson,
  discountOfferFromJson,
  discountOfferToJson,
  tradeFinance,
  trustReceiptFromJson,
  trustReceiptToJson,
} from "@cargo-rails/sdk/trade-finance";
import { demoTransportDocument } from "./transport-document.js";

/** The trade-finance contracts of a deployment (scripts/lib/deployment.ts). */
export interface TradeFinanceAddresses {
  trustReceipts: Address;
  paymentObligations: Address;
  documentsAgainstAcceptance: Address;
  documentaryCredits: Address;
}

/** What the story lends the act: its clients, its cast, and its way of numbering steps and counting gas. */
export interface TradeFinanceActEnvironment {
  publicClient: PublicClient;
  walletFor(account: Address): WalletClient;
  addresses: CargoRailsAddresses & { eblRegistry: Address; deposits: { HKD: Address } };
  tradeFinance: TradeFinanceAddresses;
  parties: { carrier: Address; exporter: Address; importer: Address; hkBank: Address };
  /** The bank that discounts the accepted bill (Pudong Bank). */
  discounter: Address;
  names: Map<string, string>;
  log(line: string): void;
  /** Starts a numbered step. */
  begin(label: string): void;
  /** Waits for a transaction, logs its hash and gas, and counts the gas. */
  confirm(hash: Hash): Promise<TransactionReceipt>;
  /** Issues an eBL to the exporter as the story does (see the cross-bank act). */
  issue?(document: ReturnType<typeof demoTransportDocument>, label: string): Promise<bigint>;
  shippedOnBoardDate?: string;
}

/** What the act leaves behind. */
export interface TradeFinanceOutcome {
  creditId: Hash;
  receiptId: Hash;
  obligationId: bigint;
  /** The eBLs: the credit's (then the trust receipt's) and the D/A collection's. */
  tokenIds: { credit: bigint; collection: bigint };
  /** HKD in the act, as decimal strings: what the exporter was paid and what Pudong Bank collected at maturity. */
  paid: { exporterUnderCredit: string; exporterByDiscount: string; discounterAtMaturity: string };
}

/** Steps the act adds to the story (without the origin chain's extra step per eBL issued). */
export const TRADE_FINANCE_STEPS = 13;
/** eBLs the act issues (each one more step when they are issued on another chain and moved). */
export const TRADE_FINANCE_ISSUANCES = 2;

const CREDIT = "250000.00";
const BILL = "120000.00";
const PRICE = "117600.00"; // 90 days at 8% a year, discounted
const DAY = 86_400n;

/** A decimal amount with thousands separators: "250000.00" → "250,000.00". */
const money = (amount: string) => amount.replace(/^(\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ","));

export async function runTradeFinanceAct(env: TradeFinanceActEnvironment): Promise<TradeFinanceOutcome> {
  const { publicClient, parties: p } = env;
  const addresses = { ...env.addresses, ...env.tradeFinance } satisfies CargoRailsAddresses;
  const as = (account: Address) => createCargoRails({ publicClient, walletClient: env.walletFor(account), addresses });
  const tf = (account: Address) => tradeFinance(as(account));
  const reader = createCargoRails({ publicClient, addresses });
  const hkd = reader.deposits.HKD;
  for (const [account, name] of [
    [env.discounter, "Pudong Bank"],
    [env.tradeFinance.documentaryCredits, "the documentary credits contract"],
    [env.tradeFinance.trustReceipts, "the trust receipts contract"],
    [env.tradeFinance.documentsAgainstAcceptance, "the D/A collection contract"],
    [env.tradeFinance.paymentObligations, "the payment obligations contract"],
  ] as const) {
    env.names.set(account.toLowerCase(), name);
  }
  const who = (account: Address | null) =>
    account === null ? "nobody" : (env.names.get(account.toLowerCase()) ?? account);
  const state = async (tokenId: bigint) => {
    const bill = await reader.ebl.bill(tokenId);
    env.log(`  eBL: ${bill.status}, held by ${who(bill.holder)}, title with ${who(bill.titleHolder)}`);
  };
  const now = async () => (await publicClient.getBlock()).timestamp;
  const issue = async (reference: string, value: string, label: string) => {
    const document = demoTransportDocument({
      reference,
      toOrder: true,
      shippedOnBoardDate: env.shippedOnBoardDate ?? "2026-11-20",
      container: reference === "OSLU26SHA0021" ? "OSLU4471601" : "OSLU4471602",
      declaredValueHkd: value,
    });
    if (env.issue !== undefined) return env.issue(document, label);
    env.begin(label);
    const issued = await as(p.carrier).ebl.issue({ document, shipper: p.exporter });
    await env.confirm(issued.hash);
    return issued.tokenId;
  };

  env.log(
    "\nAct 4. Trade finance: a documentary credit, a trust receipt, and documents against acceptance with a " +
      "digital payment obligation discounted by a bank.",
  );

  // ------------------------------------------------------------------ the documentary credit
  const creditToken = await issue(
    "OSLU26SHA0021",
    "250,000.00",
    "Orient Star Lines issues a to-order eBL, B/L OSLU26SHA0021, to the exporter",
  );

  env.begin("The importer applies for a credit of HKD 250,000.00; Harbour Bank issues it, funded in escrow (UCP 600)");
  const importerTf = tf(p.importer);
  const application = await importerTf.credits.prepare({
    issuingBank: p.hkBank,
    applicant: p.importer,
    beneficiary: p.exporter,
    token: "HKD",
    amount: CREDIT,
    expiry: (await now()) + 60n * DAY,
    eblRecipient: "issuingBank",
    reference: "LC-HB-2026-0042",
  });
  const applicationJson = creditApplicationToJson({
    application,
    applicantSignature: await importerTf.credits.sign(application),
  });
  env.log(`  the importer's signed application travels as JSON (${applicationJson.length} bytes) to the bank`);
  const bankTf = tf(p.hkBank);
  // The bank funds the escrow from its own HKD: its treasury's deposit account, credited from its books.
  await env.confirm(
    (await as(p.hkBank).deposits.HKD.mint({ to: p.hkBank, amount: CREDIT, bankReference: "LC-COVER-2026-0042" })).hash,
  );
  await env.confirm(
    (await as(p.hkBank).deposits.HKD.approve({ spender: env.tradeFinance.documentaryCredits, amount: CREDIT })).hash,
  );
  const issued = await bankTf.credits.issue(creditApplicationFromJson(applicationJson));
  await env.confirm(issued.hash);
  const { creditId } = await issued.wait();
  const credit = await reader.deposits.HKD.balanceOf(env.tradeFinance.documentaryCredits);
  env.log(
    `  credit ${creditId.slice(0, 18)}…: HKD ${money(CREDIT)}, expires in 60 days; escrow holds HKD ${money(credit)}`,
  );

  env.begin("The exporter presents the eBL under the credit (the eBL into the credit's custody)");
  const exporterTf = tf(p.exporter);
  await env.confirm(
    (await as(p.exporter).ebl.approve({ tokenId: creditToken, operator: env.tradeFinance.documentaryCredits })).hash,
  );
  const presented = await exporterTf.credits.present({ creditId, tokenId: creditToken, amount: CREDIT });
  await env.confirm(presented.hash);
  const { presentationId } = await presented.wait();
  const presentation = await bankTf.credits.presentation(presentationId);
  env.log(
    `  presentation ${presentationId.slice(0, 18)}…: examination until ${new Date(Number(presentation.deadline) * 1000).toISOString().slice(0, 10)}`,
  );
  await state(creditToken);

  env.begin("Harbour Bank examines and honours: the exporter is paid and the eBL goes to the bank, in one transaction");
  const exporterBefore = await hkd.parse(await hkd.balanceOf(p.exporter));
  await env.confirm((await bankTf.credits.honour(presentationId)).hash);
  const exporterUnderCredit = await hkd.format((await hkd.parse(await hkd.balanceOf(p.exporter))) - exporterBefore);
  env.log(`  the exporter received HKD ${money(exporterUnderCredit)} from the escrow`);
  await state(creditToken);

  // ------------------------------------------------------------------ the trust receipt
  env.begin("The importer signs a trust receipt for HKD 250,000.00 due in 90 days (EIP-712, as JSON to the bank)");
  const terms = await bankTf.trustReceipts.prepare({
    importer: p.importer,
    tokenId: creditToken,
    token: "HKD",
    amount: CREDIT,
    dueDate: (await now()) + 90n * DAY,
    reference: "TR-HB-2026-0042",
  });
  const receiptJson = trustReceiptToJson({ terms, importerSignature: await importerTf.trustReceipts.sign(terms) });
  env.log(
    "  the importer holds the eBL in trust for the bank: it may surrender it to the carrier or return it, nothing else",
  );

  env.begin("Harbour Bank opens the trust receipt: the eBL into its custody, title stays with the bank");
  await env.confirm(
    (await as(p.hkBank).ebl.approve({ tokenId: creditToken, operator: env.tradeFinance.trustReceipts })).hash,
  );
  const open = await bankTf.trustReceipts.open(trustReceiptFromJson(receiptJson));
  await env.confirm(open.hash);
  const { receiptId } = await open.wait();
  env.log(`  trust receipt ${receiptId.slice(0, 18)}… (the digest of the terms the importer signed)`);
  await state(creditToken);

  env.begin("The importer surrenders the eBL to the carrier for delivery; Orient Star Lines accepts it");
  await env.confirm((await importerTf.trustReceipts.surrenderForDelivery(receiptId)).hash);
  await env.confirm((await as(p.carrier).ebl.acceptSurrender({ tokenId: creditToken })).hash);
  const surrendered = await bankTf.trustReceipts.get(receiptId);
  env.log(`  goods delivered; the receipt is ${surrendered.status}, HKD ${money(surrendered.outstanding)} outstanding`);

  env.begin("The importer sells the goods and repays HKD 250,000.00 by an EIP-3009 authorisation bound to the receipt");
  await env.confirm(
    (await as(p.hkBank).deposits.HKD.mint({ to: p.importer, amount: CREDIT, bankReference: "SALE-2026-0042" })).hash,
  );
  const repayment = await importerTf.trustReceipts.signRepayment({ receiptId, amount: CREDIT });
  await env.confirm((await importerTf.trustReceipts.repay({ receiptId, amount: CREDIT, payment: repayment })).hash);
  const repaid = await bankTf.trustReceipts.get(receiptId);
  env.log(`  the receipt is ${repaid.status}: HKD ${money(repaid.repaid)} repaid to Harbour Bank`);

  // ------------------------------------------------------------------ documents against acceptance
  const collectionToken = await issue(
    "OSLU26SHA0022",
    "120,000.00",
    "Orient Star Lines issues a to-order eBL, B/L OSLU26SHA0022, to the exporter (second shipment)",
  );

  env.begin("The exporter lodges the eBL for collection against acceptance of a 90-day bill of HKD 120,000.00");
  await env.confirm(
    (
      await as(p.exporter).ebl.approve({
        tokenId: collectionToken,
        operator: env.tradeFinance.documentsAgainstAcceptance,
      })
    ).hash,
  );
  const lodged = await exporterTf.acceptances.lodge({
    tokenId: collectionToken,
    drawee: p.importer,
    token: "HKD",
    amount: BILL,
    tenor: 90 * 86_400,
    acceptBy: (await now()) + 7n * DAY,
  });
  await env.confirm(lodged.hash);
  const { collectionId } = await lodged.wait();
  await state(collectionToken);

  env.begin("The importer accepts the bill with an EIP-3009 authorisation for maturity and receives the eBL");
  const authorizationJson = acceptanceAuthorizationToJson(
    await importerTf.acceptances.signAcceptance({ collectionId }),
  );
  const accepted = await importerTf.acceptances.accept({
    collectionId,
    authorization: acceptanceAuthorizationFromJson(authorizationJson),
  });
  await env.confirm(accepted.hash);
  const { obligationId, maturity } = await accepted.wait();
  const obligation = await exporterTf.acceptances.obligation(obligationId);
  env.log(
    `  payment obligation (DPO token) ${`0x${obligationId.toString(16)}`.slice(0, 18)}… held by ${who(obligation.holder)}, ` +
      `HKD ${money(obligation.amount)} payable ${new Date(Number(maturity) * 1000).toISOString().slice(0, 10)} by ${who(obligation.drawee)}`,
  );
  await state(collectionToken);

  env.begin("Pudong Bank discounts the bill: it pays the exporter HKD 117,600.00 and takes the obligation, atomically");
  await env.confirm(
    (await as(p.hkBank).deposits.HKD.mint({ to: env.discounter, amount: PRICE, bankReference: "NOSTRO-PD-0007" })).hash,
  );
  const offer = await exporterTf.acceptances.prepareDiscount({ obligationId, buyer: env.discounter, price: PRICE });
  const offerJson = discountOfferToJson({ offer, holderSignature: await exporterTf.acceptances.signDiscount(offer) });
  const discounterTf = tf(env.discounter);
  const signedOffer = discountOfferFromJson(offerJson);
  const price = await discounterTf.acceptances.signDiscountPayment(signedOffer.offer);
  const exporterBeforeDiscount = await hkd.parse(await hkd.balanceOf(p.exporter));
  await env.confirm((await discounterTf.acceptances.discount({ ...signedOffer, payment: price })).hash);
  const exporterByDiscount = await hkd.format(
    (await hkd.parse(await hkd.balanceOf(p.exporter))) - exporterBeforeDiscount,
  );
  env.log(
    `  the exporter received HKD ${money(exporterByDiscount)}; the obligation is held by ${who((await discounterTf.acceptances.obligation(obligationId)).holder)}`,
  );

  env.begin("90 days later (the chain's clock moved on): the bill is collected from the importer for Pudong Bank");
  const wait = maturity - (await now());
  if (wait > 0n) {
    await publicClient.request({ method: "evm_increaseTime" as never, params: [Number(wait)] as never });
    await publicClient.request({ method: "evm_mine" as never, params: [] as never });
  }
  await env.confirm(
    (await as(p.hkBank).deposits.HKD.mint({ to: p.importer, amount: BILL, bankReference: "SALE-2026-0043" })).hash,
  );
  const discounterBefore = await hkd.parse(await hkd.balanceOf(env.discounter));
  await env.confirm((await exporterTf.acceptances.collect(obligationId)).hash);
  const discounterAtMaturity = await hkd.format(
    (await hkd.parse(await hkd.balanceOf(env.discounter))) - discounterBefore,
  );
  const paid = await discounterTf.acceptances.obligation(obligationId);
  env.log(`  Pudong Bank received HKD ${money(discounterAtMaturity)}; the obligation is ${paid.status}`);
  // A bill is paid once: a second collection is refused before anything is sent (simulated only).
  const again = await exporterTf.acceptances.collect.prepare(obligationId, { account: p.exporter }).then(
    () => undefined,
    (error: unknown) => error as { errorName?: string },
  );
  if (again?.errorName === undefined) throw new Error("a second collection of the bill was not refused");
  env.log(`  a second collection is refused: ${again.errorName}`);

  return {
    creditId,
    receiptId,
    obligationId,
    tokenIds: { credit: creditToken, collection: collectionToken },
    paid: { exporterUnderCredit, exporterByDiscount, discounterAtMaturity },
  };
}
