/**
 * The demo's third act: the eBL against a payment across two banks and two currencies, in one transaction. The
 * Shanghai exporter banks with Pudong Bank in CNH, the Hong Kong importer pays HKD at Harbour Bank; an FX dealer
 * quotes HKD/CNH (a signed EIP-712 quote); CrossBankSettlement.settleCrossBank then moves the eBL to the importer,
 * burns the importer's HKD at Harbour Bank, moves HKD reserves from Harbour Bank to the dealer and CNH reserves from
 * the dealer to Pudong Bank, and mints CNH to the exporter at Pudong Bank.
 *
 * Every step goes through the SDK as an integrator writes it: the dealer's quote with `fx`, the terms, both parties'
 * consents and the submission with `crossBank`; the table reads balances with viem and the SDK's ABIs.
 */
import {
  formatUnits,
  parseEventLogs,
  type Address,
  type Hash,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
} from "viem";

import {
  createCargoRails,
  crossBankSettlementAbi,
  interbankPaymentsAbi,
  tokenizedDepositAbi,
  wholesaleReserveAbi,
  type CargoRailsAddresses,
} from "@cargo-rails/sdk";
import { demoTransportDocument } from "./transport-document.js";

/** The interbank contracts of a deployment (scripts/lib/deployment.ts), and the two currencies of the act. */
export interface CrossBankAddresses {
  interbankPayments: Address;
  crossBankSettlement: Address;
  deposits: { HKD: Address; CNH: Address };
  reserves: { HKD: Address; CNH: Address };
}

/** Who takes part besides the story's cast: the mainland bank and the dealer (ignition/parameters/localhost.json). */
export interface CrossBankParties {
  cnBank: Address;
  dealer: Address;
  hkCentralBank: Address;
  cnhOperator: Address;
}

/** The cross-bank parties on Hardhat's development accounts, as ignition/parameters/localhost.json assigns them. */
export function crossBankParties(accounts: readonly Address[]): CrossBankParties {
  const [, , , , , , cnBank, , , hkCentralBank, cnhOperator, dealer] = accounts;
  if (dealer === undefined) throw new Error("the cross-bank act needs 12 accounts (anvil: --accounts 20)");
  return { cnBank: cnBank!, dealer, hkCentralBank: hkCentralBank!, cnhOperator: cnhOperator! };
}

/** What the story lends the act: its clients, its cast, and its way of numbering steps and counting gas. */
export interface CrossBankActEnvironment {
  publicClient: PublicClient;
  walletFor(account: Address): WalletClient;
  addresses: CargoRailsAddresses & { eblRegistry: Address; deposits: { HKD: Address } };
  crossBank: CrossBankAddresses;
  parties: { carrier: Address; exporter: Address; importer: Address; hkBank: Address; relayer: Address };
  crossBankParties: CrossBankParties;
  names: Map<string, string>;
  log(line: string): void;
  /** Starts a numbered step. */
  begin(label: string): void;
  /** Waits for a transaction, logs its hash and gas, and counts the gas. */
  confirm(hash: Hash): Promise<TransactionReceipt>;
  /**
   * Issues the act's eBL to the exporter as the story does (on the carrier's home chain, then moved here), starting
   * its own steps with `label`; without it the carrier issues here in one step.
   */
  issue?(document: ReturnType<typeof demoTransportDocument>, label: string): Promise<bigint>;
  shippedOnBoardDate?: string;
}

/** What the act leaves behind. */
export interface CrossBankOutcome {
  tokenId: bigint;
  settlement: Hash;
  /** Base units before and after, by row label. */
  balances: { label: string; before: bigint; after: bigint }[];
}

/** Steps the act adds to the story. */
export const CROSS_BANK_STEPS = 5;

const PAY = "500000.00"; // HKD
/** CNH per HKD, as the dealer quotes it. */
const RATE = "0.9215";

/** Base units of a 2-decimal token as "1,234.50"; with `signed`, a leading "+" or "-" (and "0" for nothing). */
function money(units: bigint, signed = false): string {
  if (signed && units === 0n) return "0";
  const [whole, fraction = ""] = formatUnits(units < 0n ? -units : units, 2).split(".");
  const text = `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction.padEnd(2, "0")}`;
  return units < 0n ? `-${text}` : signed ? `+${text}` : text;
}

export async function runCrossBankAct(env: CrossBankActEnvironment): Promise<CrossBankOutcome> {
  const { publicClient, parties: p, crossBankParties: x, crossBank: c } = env;
  const addresses = {
    ...env.addresses,
    deposits: { ...env.addresses.deposits, CNH: c.deposits.CNH },
    reserves: c.reserves,
    interbankPayments: c.interbankPayments,
    crossBankSettlement: c.crossBankSettlement,
  } satisfies CargoRailsAddresses;
  const reader = createCargoRails({ publicClient, addresses });
  const as = (account: Address) => createCargoRails({ publicClient, walletClient: env.walletFor(account), addresses });
  for (const [account, name] of [
    [x.cnBank, "Pudong Bank"],
    [x.dealer, "Lantau FX Bank (dealer)"],
    [x.hkCentralBank, "the Hong Kong central bank"],
    [x.cnhOperator, "the CNH settlement operator"],
    [c.crossBankSettlement, "the cross-bank settlement contract"],
  ] as const) {
    env.names.set(account.toLowerCase(), name);
  }
  const who = (account: Address) => env.names.get(account.toLowerCase()) ?? account;
  const balanceOf = (token: Address, account: Address) =>
    publicClient.readContract({ address: token, abi: tokenizedDepositAbi, functionName: "balanceOf", args: [account] });
  const supplyOf = (token: Address) =>
    publicClient.readContract({ address: token, abi: tokenizedDepositAbi, functionName: "totalSupply" });

  env.log(
    "\nAct 3. Across banks and currencies: the exporter banks with Pudong Bank in CNH, the importer pays HKD at " +
      "Harbour Bank; a dealer converts between the two central banks' tokenized reserves, in the same transaction.",
  );
  const reserveOf = (currency: "HKD" | "CNH") =>
    publicClient.readContract({
      address: c.interbankPayments,
      abi: interbankPaymentsAbi,
      functionName: "bankAccountOf",
      args: [c.deposits[currency]],
    });
  for (const currency of ["HKD", "CNH"] as const) {
    const [account, owner] = await Promise.all([
      reserveOf(currency),
      publicClient.readContract({ address: c.reserves[currency], abi: wholesaleReserveAbi, functionName: "owner" }),
    ]);
    env.log(
      `  ${currency} reserves issued by ${who(owner)}; ${who(account.bank)} settles its ${currency} deposits in them ` +
        `(interbank capacity out ${money(account.outflowCapacity)}, in ${money(account.inflowCapacity)})`,
    );
  }

  // ------------------------------------------------------------------ the eBL and the money
  const document = demoTransportDocument({
    reference: "OSLU26SHA0011",
    toOrder: true,
    shippedOnBoardDate: env.shippedOnBoardDate ?? "2026-11-20",
    container: "OSLU4471590",
    declaredValueHkd: "500,000.00",
  });
  const label = "Orient Star Lines issues a to-order eBL, B/L OSLU26SHA0011, to the exporter";
  let tokenId: bigint;
  if (env.issue !== undefined) {
    tokenId = await env.issue(document, label);
  } else {
    env.begin(label);
    const issued = await as(p.carrier).ebl.issue({ document, shipper: p.exporter });
    await env.confirm(issued.hash);
    tokenId = issued.tokenId;
  }

  env.begin("Harbour Bank credits the importer HKD 500,000.00 (the importer banks in HKD)");
  const minted = await as(p.hkBank).deposits.HKD.mint({
    to: p.importer,
    amount: "500000.00",
    bankReference: "DEP-2026-0031",
  });
  await env.confirm(minted.hash);

  // ------------------------------------------------------------------ the quote and the terms
  env.begin(
    "Lantau FX Bank quotes the importer HKD/CNH 0.9215 for up to HKD 500,000.00, firm for 15 minutes (signed EIP-712)",
  );
  const dealer = as(x.dealer);
  const quote = await dealer.fx.quote({
    pay: "HKD",
    receive: "CNH",
    rate: RATE,
    maxPayAmount: PAY,
    taker: p.importer, // made out to the importer: nobody else who sees it can take it
    nonce: 1n,
  }); // firm for 15 minutes of chain time
  const { signature: dealerSignature } = await dealer.fx.signQuote(quote);
  const payeeAmount = await reader.fx.quotedAmount(quote, PAY);
  env.log(`  the quote gives CNH ${payeeAmount} for HKD ${PAY} (rounded down)`);
  env.log(`  quote signed by ${who(x.dealer)} under "${(await reader.fx.domain()).name}"`);

  env.begin("Exporter and importer sign the cross-bank terms; a relayer submits one transaction");
  const terms = await as(p.exporter).crossBank.prepare({
    tokenId,
    paymentToken: "HKD",
    amount: PAY,
    seller: p.exporter,
    buyer: p.importer,
    payeeToken: "CNH", // the exporter is paid at its own bank, in CNH, what the quote gives
    quote,
    salt: "PO-2026-0077",
  });
  const { sellerSignature, eblPermit } = await as(p.exporter).crossBank.signAsSeller(terms);
  const { buyerSignature } = await as(p.importer).crossBank.signAsBuyer(terms);
  env.log("  signed off-chain: the terms and an eBL permit (exporter), the terms (importer), the quote (dealer)");
  env.log("  the importer's HKD is burned at its bank by the interbank contract: no allowance, no transfer to sign");

  const rows: { label: string; read: () => Promise<bigint> }[] = [
    { label: "Kowloon Trading (importer), HKD at Harbour Bank", read: () => balanceOf(c.deposits.HKD, p.importer) },
    { label: "Shanghai Silk Export (exporter), CNH at Pudong Bank", read: () => balanceOf(c.deposits.CNH, p.exporter) },
    { label: "Harbour Bank, HKD reserves", read: () => balanceOf(c.reserves.HKD, p.hkBank) },
    { label: "Pudong Bank, CNH reserves", read: () => balanceOf(c.reserves.CNH, x.cnBank) },
    { label: "Lantau FX Bank (dealer), HKD reserves", read: () => balanceOf(c.reserves.HKD, x.dealer) },
    { label: "Lantau FX Bank (dealer), CNH reserves", read: () => balanceOf(c.reserves.CNH, x.dealer) },
    { label: "supply: HKD deposits (Harbour Bank)", read: () => supplyOf(c.deposits.HKD) },
    { label: "supply: CNH deposits (Pudong Bank)", read: () => supplyOf(c.deposits.CNH) },
    { label: "supply: HKD reserves", read: () => supplyOf(c.reserves.HKD) },
    { label: "supply: CNH reserves", read: () => supplyOf(c.reserves.CNH) },
  ];
  const before = await Promise.all(rows.map((r) => r.read()));

  const { hash } = await as(p.relayer).crossBank.settle({
    terms,
    sellerSignature,
    buyerSignature,
    eblPermit,
    dealerSignature,
  });
  const receipt = await env.confirm(hash);
  const [paid] = parseEventLogs({ abi: interbankPaymentsAbi, eventName: "InterbankPaid", logs: receipt.logs });
  const settled = parseEventLogs({ abi: crossBankSettlementAbi, eventName: "Settled", logs: receipt.logs });
  const reserveMoves = parseEventLogs({ abi: wholesaleReserveAbi, eventName: "ReservesSettled", logs: receipt.logs });
  env.log(`  payment id ${paid!.args.paymentId} (the terms' hash) in every event of the transaction:`);
  env.log(`    Settled (${settled.length}), InterbankPaid, ${reserveMoves.length} ReservesSettled:`);
  for (const move of reserveMoves) {
    const currency = move.address.toLowerCase() === c.reserves.HKD.toLowerCase() ? "HKD" : "CNH";
    env.log(
      `      ${currency} ${money(move.args.amount).padStart(10)} reserves ${who(move.args.from)} → ${who(move.args.to)}`,
    );
  }
  const after = await Promise.all(rows.map((r) => r.read()));

  env.begin("Who holds what: the eBL with the importer, the money at each bank and the central banks' reserves");
  const eblAfter = await reader.ebl.bill(tokenId);
  env.log(`  eBL: ${eblAfter.status}, held by ${who(eblAfter.holder!)}, title with ${who(eblAfter.titleHolder!)}`);
  const width = Math.max(...rows.map((r) => r.label.length));
  env.log(`  ${"".padEnd(width)}  ${"before".padStart(16)}  ${"after".padStart(16)}  ${"change".padStart(15)}`);
  rows.forEach((row, i) => {
    const change = after[i]! - before[i]!;
    env.log(
      `  ${row.label.padEnd(width)}  ${money(before[i]!).padStart(16)}  ${money(after[i]!).padStart(16)}  ` +
        `${money(change, true).padStart(15)}`,
    );
  });

  return {
    tokenId,
    settlement: hash,
    balances: rows.map((r, i) => ({ label: r.label, before: before[i]!, after: after[i]! })),
  };
}
