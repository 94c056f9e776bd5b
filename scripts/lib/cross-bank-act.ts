/**
 * The demo's third act: the eBL against a payment across two banks and two currencies, in one transaction. The
 * Shanghai exporter banks with Pudong Bank in CNH, the Hong Kong importer pays HKD at Harbour Bank; an FX dealer
 * quotes HKD/CNH (a signed EIP-712 quote); CrossBankSettlement.settleCrossBank then moves the eBL to the importer,
 * burns the importer's HKD at Harbour Bank, moves HKD reserves from Harbour Bank to the dealer and CNH reserves from
 * the dealer to Pudong Bank, and mints CNH to the exporter at Pudong Bank.
 *
 * Written with viem and the contracts' ABIs (the SDK has no interbank namespace yet); the eBL issue and the HKD
 * credit go through the SDK, and the eBL permit is signed with the SDK's `signEblPermit`.
 */
import {
  formatUnits,
  keccak256,
  parseEventLogs,
  toHex,
  zeroAddress,
  zeroHash,
  type Address,
  type Hash,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
} from "viem";

import { createCargoRails, settlementTermsTypes, signEblPermit, type CargoRailsAddresses } from "@cargo-rails/sdk";
// The interbank ABIs are generated into the SDK's sources but not yet exported by its public entry.
import {
  billOfLadingRegistryAbi,
  crossBankSettlementAbi,
  interbankPaymentsAbi,
  tokenizedDepositAbi,
  wholesaleReserveAbi,
} from "../../sdk/src/abi/index.js";
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

const PAY = 50_000_000n; // HKD 500,000.00
/** 0.9215 CNH per HKD, scaled by InterbankPayments.RATE_SCALE (1e18). */
const RATE = 921_500_000_000_000_000n;
const RATE_SCALE = 10n ** 18n;

const quoteFields = [
  { name: "dealer", type: "address" },
  { name: "taker", type: "address" },
  { name: "payReserve", type: "address" },
  { name: "receiveReserve", type: "address" },
  { name: "rate", type: "uint256" },
  { name: "maxPayAmount", type: "uint256" },
  { name: "expiry", type: "uint256" },
  { name: "nonce", type: "uint256" },
] as const;
/** The dealer's quote (InterbankPayments.QUOTE_TYPEHASH). */
const quoteTypes = { Quote: quoteFields } as const;
/** Cross-bank terms (CrossBankSettlement.CROSS_BANK_TERMS_TYPEHASH): the settlement terms, the payee's side, the quote. */
const crossBankTermsTypes = {
  CrossBankTerms: [
    { name: "terms", type: "Terms" },
    { name: "payeeToken", type: "address" },
    { name: "payeeAmount", type: "uint256" },
    { name: "quote", type: "Quote" },
  ],
  Quote: quoteFields,
  Terms: settlementTermsTypes.Terms,
} as const;

/** Base units of a 2-decimal token as "1,234.50"; with `signed`, a leading "+" or "-" (and "0" for nothing). */
function money(units: bigint, signed = false): string {
  if (signed && units === 0n) return "0";
  const [whole, fraction = ""] = formatUnits(units < 0n ? -units : units, 2).split(".");
  const text = `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction.padEnd(2, "0")}`;
  return units < 0n ? `-${text}` : signed ? `+${text}` : text;
}

/** A contract's EIP-712 domain as it reports it (ERC-5267), so the act signs whatever name and version it has. */
async function domainOf(publicClient: PublicClient, address: Address) {
  const [, name, version, chainId, verifyingContract] = await publicClient.readContract({
    address,
    abi: crossBankSettlementAbi,
    functionName: "eip712Domain",
  });
  return { name, version, chainId, verifyingContract };
}

export async function runCrossBankAct(env: CrossBankActEnvironment): Promise<CrossBankOutcome> {
  const { publicClient, parties: p, crossBankParties: x, crossBank: c } = env;
  const reader = createCargoRails({ publicClient, addresses: env.addresses });
  const as = (account: Address) =>
    createCargoRails({ publicClient, walletClient: env.walletFor(account), addresses: env.addresses });
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
    reference: "OSLU26SHA0003",
    toOrder: true,
    shippedOnBoardDate: env.shippedOnBoardDate ?? "2026-11-20",
    container: "OSLU4471590",
    declaredValueHkd: "500,000.00",
  });
  env.begin("Orient Star Lines issues a to-order eBL, B/L OSLU26SHA0003, to the exporter");
  const issued = await as(p.carrier).ebl.issue({ document, shipper: p.exporter });
  await env.confirm(issued.hash);
  const tokenId = issued.tokenId;

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
  const now = (await publicClient.getBlock()).timestamp;
  const quote = {
    dealer: x.dealer,
    taker: p.importer,
    payReserve: c.reserves.HKD,
    receiveReserve: c.reserves.CNH,
    rate: RATE,
    maxPayAmount: PAY,
    expiry: now + 15n * 60n,
    nonce: 1n,
  };
  const interbankDomain = await domainOf(publicClient, c.interbankPayments);
  const dealerSignature = await env.walletFor(x.dealer).signTypedData({
    account: x.dealer,
    domain: interbankDomain,
    types: quoteTypes,
    primaryType: "Quote",
    message: quote,
  });
  const payeeAmount = (PAY * RATE) / RATE_SCALE; // what the quote gives, rounded down
  env.log(`  the quote gives CNH ${money(payeeAmount)} for HKD ${money(PAY)} (rounded down)`);
  env.log(`  quote signed by ${who(x.dealer)} under "${interbankDomain.name}" v${interbankDomain.version}`);

  env.begin("Exporter and importer sign the cross-bank terms; a relayer submits one transaction");
  const bill = await reader.ebl.bill(tokenId);
  const terms = {
    registry: env.addresses.eblRegistry,
    tokenId,
    documentHash: bill.documentHash,
    paymentToken: c.deposits.HKD,
    amount: PAY,
    seller: p.exporter,
    buyer: p.importer,
    eblRecipient: p.importer,
    titleRecipient: p.importer,
    paymentRecipient: p.exporter,
    condition: zeroAddress,
    conditionData: zeroHash,
    deadline: now + 24n * 3600n,
    salt: keccak256(toHex("PO-2026-0077")),
  };
  const crossBankTerms = { terms, payeeToken: c.deposits.CNH, payeeAmount, quote };
  const settlementDomain = await domainOf(publicClient, c.crossBankSettlement);
  const signTerms = (account: Address): Promise<Hex> =>
    env.walletFor(account).signTypedData({
      account,
      domain: settlementDomain,
      types: crossBankTermsTypes,
      primaryType: "CrossBankTerms",
      message: crossBankTerms,
    });
  const sellerSignature = await signTerms(p.exporter);
  const buyerSignature = await signTerms(p.importer);
  const permitNonce = await publicClient.readContract({
    address: env.addresses.eblRegistry,
    abi: billOfLadingRegistryAbi,
    functionName: "nonces",
    args: [tokenId],
  });
  const eblAuth = {
    deadline: terms.deadline,
    signature: await signEblPermit(env.walletFor(p.exporter), {
      domain: await domainOf(publicClient, env.addresses.eblRegistry),
      spender: c.crossBankSettlement,
      tokenId,
      nonce: permitNonce,
      deadline: terms.deadline,
    }),
  };
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

  const hash = await env.walletFor(p.relayer).writeContract({
    account: p.relayer,
    chain: null,
    address: c.crossBankSettlement,
    abi: crossBankSettlementAbi,
    functionName: "settleCrossBank",
    args: [{ terms: crossBankTerms, sellerSignature, buyerSignature, eblAuth, dealerSignature }],
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
