/**
 * The demo's trade, told through the SDK only: a Shanghai exporter sells silk garments to a Hong Kong importer who
 * pays in HKD tokenized deposits, delivery versus payment; then a bank finances a second shipment holding the eBL as
 * a pledge, and the importer repays it in a second DvP; then (given the interbank contracts) a third shipment settles
 * across two banks and two currencies (scripts/lib/cross-bank-act.ts). Used by `npm run demo` (in-process or any network) and by
 * the end-to-end test on a real node, which checks every outcome it returns.
 *
 * The story's chain is the Hong Kong chain. Given the carrier's home chain (`originChain`, the Shanghai chain), every
 * eBL is issued there, where the carrier holds the issuer role, and the shipper moves it to the Hong Kong chain
 * (`crossChain.exportBill`, carried by the relayer) before it is traded and settled there; the story prints both
 * chains' ids and the eBL's state on each (`whereIs`) after each move and at the end. Without it, the carrier issues
 * on the story's chain.
 */
import {
  keccak256,
  toHex,
  type Address,
  type Hash,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
} from "viem";

import {
  createCargoRails,
  crossChainHistory,
  toDcsaTransactionsByEntry,
  whereIs,
  type CargoRails,
  type CargoRailsAddresses,
  type DcsaTransactionsOfEntry,
  type EblHistory,
} from "@cargo-rails/sdk";
import type { DeploymentPlan } from "../../ignition/plan.js";
import {
  CROSS_BANK_STEPS,
  runCrossBankAct,
  type CrossBankAddresses,
  type CrossBankOutcome,
  type CrossBankParties,
} from "./cross-bank-act.js";
import {
  DOCUMENTS_STEPS,
  revokeConsentAndTryAgain,
  runDocumentsAct,
  type DataProviderEndpoint,
  type DocumentsOutcome,
  type DocumentsParties,
} from "./documents-act.js";
import {
  runTradeFinanceAct,
  TRADE_FINANCE_ISSUANCES,
  TRADE_FINANCE_STEPS,
  type TradeFinanceAddresses,
  type TradeFinanceOutcome,
} from "./trade-finance-act.js";
import { assertSdkBuildCurrent } from "./sdk-build.js";
import { demoTransportDocument } from "./transport-document.js";

// The story runs the built package; a build older than the SDK's sources would run yesterday's SDK without saying so.
assertSdkBuildCurrent();

/** The cast, by role. */
export interface StoryParties {
  registrar: Address;
  carrier: Address;
  exporter: Address;
  importer: Address;
  hkBank: Address;
  relayer: Address;
}

/**
 * The carrier's home chain, where the story's eBLs are issued (ignition/parameters/shanghai.json): its clients, its
 * rails (with the eBL gateway, connected to the story's chain) and a relayer between the two.
 */
export interface OriginChain {
  /** Its name in the narrative, e.g. "Shanghai". */
  name: string;
  publicClient: PublicClient;
  /** A wallet client for one of the parties' addresses on that chain. */
  walletFor(account: Address): WalletClient;
  addresses: CargoRailsAddresses & { eblRegistry: Address; eblGateway: Address };
  /** Carries the messages waiting between the two chains (one relayer round); says which it delivered. */
  relay(): Promise<{ delivered: readonly Hash[] }>;
}

export interface StoryEnvironment {
  publicClient: PublicClient;
  /** A wallet client for one of the parties' addresses. */
  walletFor(account: Address): WalletClient;
  addresses: CargoRailsAddresses & { deposits: { HKD: Address } };
  parties: StoryParties;
  /** Receives the narrative, line by line. */
  log(line: string): void;
  /** Receives progress: step `done` of `total`, and what is going on. */
  progress?(done: number, total: number, label: string): void;
  /** The shipment date printed in the documents. */
  shippedOnBoardDate?: string;
  /** The interbank contracts and the parties of the cross-bank act; without them the story ends after act 2. */
  crossBank?: { addresses: CrossBankAddresses; parties: CrossBankParties };
  /** With it, the trade-finance act after the cross-bank act: a credit, a trust receipt, a discounted D/A bill. */
  tradeFinance?: { addresses: TradeFinanceAddresses; discounter: Address };
  /**
   * The carrier's home chain: the eBLs are issued there and moved to the story's chain (which needs `eblGateway` in
   * `addresses`). Without it, the carrier issues on the story's chain.
   */
  originChain?: OriginChain;
  /** The story's chain in the narrative (default "Hong Kong"). */
  chainName?: string;
  /**
   * The trade documents and consent of the financing act (scripts/lib/documents-act.ts): the origin authority, a
   * running data provider, and the document and consent contracts (in `addresses`). Without it, act 2 has no documents.
   */
  documents?: { parties: DocumentsParties; dataProvider: DataProviderEndpoint };
}

/** What the story leaves behind, for the end-to-end test to check. */
export interface StoryOutcome {
  /** The cash-against-documents eBL and the financed one. */
  tokenIds: { cashAgainstDocuments: bigint; financed: bigint };
  /** Settlement transaction hashes. */
  settlements: Hash[];
  /** HKD balances (base units) at the end. */
  balances: { exporter: bigint; importer: bigint; hkBank: bigint };
  /** Each eBL's history, rebuilt from events. */
  histories: { cashAgainstDocuments: EblHistory; financed: EblHistory };
  /** Total gas of the story's transactions. */
  gasUsed: bigint;
  /** The cross-bank act's eBL, settlement and balances, when it ran. */
  crossBank?: CrossBankOutcome;
  tradeFinance?: TradeFinanceOutcome;
  /** The documents act's documents, consent, reads and refusals, when it ran. */
  documents?: DocumentsOutcome & { refusalAfterRevocation: string };
  /** With an origin chain: each eBL's transfer to the story's chain (by token id), and the chain ids. */
  crossChain?: { originChainId: number; chainId: number; transfers: Map<bigint, Hash> };
}

/** The deployment plan the story starts from: the platform with its carrier, banks and regulator; the traders are
 * verified by the registrar during the story. `carrierIssuesHere: false` (with an origin chain) leaves the carrier
 * without the issuer role. */
export function storyPlan(plan: DeploymentPlan, options: { carrierIssuesHere?: boolean } = {}): DeploymentPlan {
  return {
    ...plan,
    participants: plan.participants.filter((p) => !p.kinds.includes("trader")),
    // Home-chain policy (docs/deploying.md, "Across chains"): when the carrier issues on its home chain (the story's
    // origin chain), it stays a verified carrier here, without the issuer role.
    ...(options.carrierIssuesHere === false ? { carriers: [] } : {}),
  };
}

/** The cast on Hardhat's and anvil's development accounts, as ignition/parameters/localhost.json assigns them. */
export function storyParties(accounts: readonly Address[]): StoryParties {
  const [, registrar, carrier, exporter, importer, hkBank, , , relayer] = accounts;
  if (relayer === undefined) throw new Error("the story needs at least 9 accounts");
  return {
    registrar: registrar!,
    carrier: carrier!,
    exporter: exporter!,
    importer: importer!,
    hkBank: hkBank!,
    relayer,
  };
}

export async function runTradeStory(env: StoryEnvironment): Promise<StoryOutcome> {
  const { parties: p, addresses } = env;
  const as = (account: Address): CargoRails<typeof addresses> =>
    createCargoRails({ publicClient: env.publicClient, walletClient: env.walletFor(account), addresses });
  const registrar = as(p.registrar);
  const carrier = as(p.carrier);
  const exporter = as(p.exporter);
  const importer = as(p.importer);
  const bank = as(p.hkBank);
  const relayer = as(p.relayer);
  const reader = createCargoRails({ publicClient: env.publicClient, addresses });
  const hkd = reader.deposits.HKD;

  const names = new Map<string, string>([
    [p.registrar.toLowerCase(), "the platform registrar"],
    [p.carrier.toLowerCase(), "Orient Star Lines"],
    [p.exporter.toLowerCase(), "Shanghai Silk Export"],
    [p.importer.toLowerCase(), "Kowloon Trading"],
    [p.hkBank.toLowerCase(), "Harbour Bank"],
    [p.relayer.toLowerCase(), "a relayer"],
    [addresses.signedSettlement!.toLowerCase(), "the settlement contract"],
  ]);
  const who = (account: Address | null | undefined) =>
    account === null || account === undefined ? "nobody (blank)" : (names.get(account.toLowerCase()) ?? account);

  // With an origin chain: one more step per eBL (the move) and a last one (where the eBLs live).
  const origin = env.originChain;
  const issuances =
    2 + (env.crossBank === undefined ? 0 : 1) + (env.tradeFinance === undefined ? 0 : TRADE_FINANCE_ISSUANCES);
  const STEPS =
    14 +
    (env.crossBank === undefined ? 0 : CROSS_BANK_STEPS) +
    (env.tradeFinance === undefined ? 0 : TRADE_FINANCE_STEPS) +
    (origin === undefined ? 0 : issuances + 1) +
    (env.documents === undefined ? 0 : DOCUMENTS_STEPS + 1);
  let step = 0;
  let gasUsed = 0n;
  const begin = (label: string) => {
    step += 1;
    env.progress?.(step - 1, STEPS, label);
    env.log(`\n▸ ${step}/${STEPS} ${label}`);
  };
  const done = async (write: Promise<{ hash: Hash; wait(): Promise<{ receipt: { gasUsed: bigint } }> }>) => {
    const { hash, wait } = await write;
    const { receipt } = await wait();
    gasUsed += receipt.gasUsed;
    env.log(`  tx ${hash.slice(0, 18)}…  gas ${receipt.gasUsed.toLocaleString("en-US")}`);
    return hash;
  };
  const confirm = async (hash: Hash): Promise<TransactionReceipt> => {
    const receipt = await env.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
    gasUsed += receipt.gasUsed;
    env.log(`  tx ${hash.slice(0, 18)}…  gas ${receipt.gasUsed.toLocaleString("en-US")}`);
    return receipt;
  };
  const state = async (tokenId: bigint) => {
    const bill = await reader.ebl.bill(tokenId);
    env.log(`  eBL: ${bill.status}, held by ${who(bill.holder)}, title with ${who(bill.titleHolder)}`);
  };

  // ------------------------------------------------------------------ issuing, on the carrier's home chain
  const here = env.chainName ?? "Hong Kong";
  const chainId = await env.publicClient.getChainId();
  const originRails =
    origin === undefined
      ? undefined
      : {
          chainId: await origin.publicClient.getChainId(),
          reader: createCargoRails({ publicClient: origin.publicClient, addresses: origin.addresses }),
          as: (account: Address) =>
            createCargoRails({
              publicClient: origin.publicClient,
              walletClient: origin.walletFor(account),
              addresses: origin.addresses,
            }),
        };
  if (origin !== undefined) names.set(origin.addresses.eblGateway.toLowerCase(), `the ${origin.name} gateway`);
  if (addresses.eblGateway !== undefined) names.set(addresses.eblGateway.toLowerCase(), `the ${here} gateway`);
  const chainLabel = (id: number) =>
    id === chainId
      ? `${here} (chain ${id})`
      : id === originRails?.chainId
        ? `${origin!.name} (chain ${id})`
        : `chain ${id}`;
  /** The eBL's state on both chains, by chain id (whereIs). */
  const whereabouts = async (tokenId: bigint, indent = "  ") => {
    const where = await whereIs(tokenId, [originRails!.reader, reader]);
    for (const c of where.chains) {
      const held = c.live ? `, held by ${who(c.holder)}, title with ${who(c.titleHolder)}` : "";
      const note =
        c.status === "exported"
          ? " (the token burned there, its record kept)"
          : c.status === "none"
            ? " (never there)"
            : "";
      env.log(`${indent}${`${chainLabel(c.chainId)}:`.padEnd(26)} ${c.status}${held}${note}`);
    }
    const ended = where.chains.find((c) => !["none", "exported"].includes(c.status));
    env.log(
      where.liveOn !== null
        ? `${indent}live on ${chainLabel(where.liveOn)} only`
        : `${indent}live nowhere: ${ended === undefined ? "in flight" : `${ended.status} on ${chainLabel(ended.chainId)}`}`,
    );
  };
  const transfers = new Map<bigint, Hash>();
  /**
   * The carrier issues `document` to the exporter: on its home chain, then the exporter moves it here (a step of its
   * own); without an origin chain, here.
   */
  const issueToExporter = async (
    document: ReturnType<typeof demoTransportDocument>,
    label: string,
  ): Promise<bigint> => {
    if (originRails === undefined) {
      begin(label);
      const issued = await carrier.ebl.issue({ document, shipper: p.exporter });
      await done(Promise.resolve(issued));
      return issued.tokenId;
    }
    begin(`${label}, on the ${origin!.name} chain (its home chain)`);
    const issued = await originRails.as(p.carrier).ebl.issue({ document, shipper: p.exporter });
    await done(Promise.resolve(issued));
    const tokenId = issued.tokenId;
    const bill = await originRails.reader.ebl.bill(tokenId);
    env.log(`  eBL on ${chainLabel(originRails.chainId)}: ${bill.status}, held by ${who(bill.holder)}`);

    begin(`The exporter moves the eBL to the ${here} chain: exported on ${origin!.name}, carried by Hyperlane`);
    const exported = await originRails.as(p.exporter).crossChain.exportBill({
      tokenId,
      destinationChainId: chainId,
      receiver: p.exporter,
    });
    const { transferId, messageId, receipt } = await exported.wait();
    gasUsed += receipt.gasUsed;
    env.log(`  tx ${exported.hash.slice(0, 18)}…  gas ${receipt.gasUsed.toLocaleString("en-US")}`);
    env.log(`  transfer ${transferId.slice(0, 18)}…, Hyperlane message ${messageId.slice(0, 18)}…`);
    const round = await origin!.relay();
    if (!round.delivered.includes(messageId)) throw new Error(`the relayer did not deliver message ${messageId}`);
    env.log(`  the relayer delivered it with the validators' signatures; the ${here} gateway re-created the eBL`);
    await whereabouts(tokenId);
    transfers.set(tokenId, transferId);
    return tokenId;
  };
  const balances = async () => {
    const [e, i, b] = await Promise.all([
      hkd.balanceOf(p.exporter),
      hkd.balanceOf(p.importer),
      hkd.balanceOf(p.hkBank),
    ]);
    env.log(`  HKD: exporter ${e}, importer ${i}, Harbour Bank ${b}`);
    return { exporter: await hkd.parse(e), importer: await hkd.parse(i), hkBank: await hkd.parse(b) };
  };

  // ------------------------------------------------------------------ act 1: cash against documents
  env.log("\nAct 1. Cash against documents: Shanghai exporter, Hong Kong importer, HKD tokenized deposits.");

  begin("The registrar verifies the exporter (CN) and the importer (HK)");
  const validUntil = (await env.publicClient.getBlock()).timestamp + 365n * 24n * 3600n;
  for (const [account, jurisdiction] of [
    [p.exporter, "CN"],
    [p.importer, "HK"],
  ] as const) {
    if (!(await reader.participants.isVerified(account))) {
      const kycReference = keccak256(toHex(`KYC file of ${who(account)}`));
      await done(
        registrar.participants.register({ account, kinds: ["trader"], jurisdiction, validUntil, kycReference }),
      );
    }
    env.log(`  ${who(account)} verified: ${await reader.participants.isVerified(account)}`);
  }

  const documentA = demoTransportDocument({
    reference: "OSLU26SHA0001",
    toOrder: true,
    shippedOnBoardDate: env.shippedOnBoardDate ?? "2026-11-20",
    container: "OSLU4471203",
    declaredValueHkd: "250,000.00",
  });
  const tokenA = await issueToExporter(
    documentA,
    "Orient Star Lines issues a to-order eBL for B/L OSLU26SHA0001 to the exporter",
  );
  const check = await reader.ebl.verifyDocument(tokenA, documentA);
  env.log(`  document checksum ${check.onChainHash} (DCSA: SHA-256 of the RFC 8785 form), matches: ${check.matches}`);
  await state(tokenA);

  begin("Harbour Bank issues HKD 250,000.00 of tokenized deposits to the importer");
  await done(bank.deposits.HKD.mint({ to: p.importer, amount: "250000.00", bankReference: "DEP-2026-0001" }));
  await balances();

  begin("Exporter and importer sign the terms; one transaction settles (submitted by a relayer)");
  const termsA = await relayer.settlement.prepare({
    tokenId: tokenA,
    paymentToken: "HKD",
    amount: "250000.00",
    seller: p.exporter,
    buyer: p.importer,
    salt: "PO-2026-0042",
  });
  const sellerA = await exporter.settlement.signAsSeller(termsA);
  const buyerA = await importer.settlement.signAsBuyer(termsA);
  env.log("  signed off-chain: terms + eBL permit (exporter), terms + EIP-3009 payment authorization (importer)");
  const rail = await reader.settlement.paymentRailOf("HKD");
  env.log(`  the importer's authorization names the HKD market's payment rail (DepositRail ${rail}) as payee`);
  const settlements: Hash[] = [await done(relayer.settlement.settle({ terms: termsA, ...sellerA, ...buyerA }))];
  await state(tokenA);
  await balances();

  begin("The goods arrive in Hong Kong: the importer surrenders the eBL to the carrier");
  await done(importer.ebl.surrenderForDelivery({ tokenId: tokenA }));
  await state(tokenA);

  begin("Orient Star Lines accepts the surrender and delivers the goods: the eBL is accomplished");
  await done(carrier.ebl.acceptSurrender({ tokenId: tokenA }));
  env.log(`  eBL status: ${await reader.ebl.status(tokenA)}`);

  // ------------------------------------------------------------------ act 2: financing with a pledge
  env.log(
    env.documents === undefined
      ? "\nAct 2. Bank financing: Harbour Bank pays the exporter and holds the eBL as a pledge; the importer repays."
      : "\nAct 2. Bank financing against documents: Harbour Bank reads the exporter's trade documents with its consent, pays the exporter and holds the eBL as a pledge; the importer repays.",
  );

  const documentB = demoTransportDocument({
    reference: "OSLU26SHA0002",
    toOrder: true,
    shippedOnBoardDate: env.shippedOnBoardDate ?? "2026-11-20",
    container: "OSLU4471388",
    declaredValueHkd: "180,000.00",
  });
  const tokenB = await issueToExporter(
    documentB,
    "Orient Star Lines issues a second to-order eBL, B/L OSLU26SHA0002, to the exporter",
  );
  await state(tokenB);

  begin("Harbour Bank funds its own HKD account for the advance");
  await done(bank.deposits.HKD.mint({ to: p.hkBank, amount: "180000.00", bankReference: "FIN-2026-0007" }));

  let documents: DocumentsOutcome | undefined;
  const documentsEnv =
    env.documents === undefined
      ? undefined
      : {
          publicClient: env.publicClient,
          walletFor: env.walletFor,
          addresses: requireDocumentAddresses(addresses),
          parties: p,
          documentsParties: env.documents.parties,
          dataProvider: env.documents.dataProvider,
          names,
          log: env.log,
          begin,
          done,
          tokenId: tokenB,
          amount: "180000.00",
          billNumber: "OSLU26SHA0002",
        };
  if (documentsEnv !== undefined) documents = await runDocumentsAct(documentsEnv);

  begin(
    documents === undefined
      ? "DvP 1: the bank pays the exporter HKD 180,000.00; it takes possession as pledgee, title goes to the importer"
      : "DvP 1, requiring the three documents: the bank pays the exporter HKD 180,000.00 and takes the eBL as pledgee",
  );
  const termsB1 = await relayer.settlement.prepare({
    tokenId: tokenB,
    paymentToken: "HKD",
    amount: "180000.00",
    seller: p.exporter,
    buyer: p.hkBank,
    eblRecipient: p.hkBank,
    titleRecipient: p.importer,
    salt: "FIN-2026-0007",
    ...(documents === undefined ? {} : documents.condition),
  });
  const sellerB1 = await exporter.settlement.signAsSeller(termsB1);
  const buyerB1 = await bank.settlement.signAsBuyer(termsB1);
  settlements.push(await done(relayer.settlement.settle({ terms: termsB1, ...sellerB1, ...buyerB1 })));
  await state(tokenB);
  await balances();

  begin("The importer's deposit account receives HKD 181,500.00 (repayment with interest)");
  await done(bank.deposits.HKD.mint({ to: p.importer, amount: "181500.00", bankReference: "DEP-2026-0002" }));

  begin("DvP 2: the importer repays the bank HKD 181,500.00 and receives the eBL (it already has title)");
  const termsB2 = await relayer.settlement.prepare({
    tokenId: tokenB,
    paymentToken: "HKD",
    amount: "181500.00",
    seller: p.hkBank,
    buyer: p.importer,
    // The title recipient defaults to the eBL recipient, the importer, who has title already: possession only.
    salt: "FIN-2026-0007-REPAY",
  });
  const sellerB2 = await bank.settlement.signAsSeller(termsB2);
  const buyerB2 = await importer.settlement.signAsBuyer(termsB2);
  settlements.push(await done(relayer.settlement.settle({ terms: termsB2, ...sellerB2, ...buyerB2 })));
  await state(tokenB);
  const finalBalances = await balances();

  const refusalAfterRevocation =
    documentsEnv === undefined || documents === undefined
      ? undefined
      : await revokeConsentAndTryAgain(documentsEnv, documents);

  begin("The importer surrenders the second eBL in Hong Kong");
  await done(importer.ebl.surrenderForDelivery({ tokenId: tokenB }));

  begin("Orient Star Lines accepts: the second shipment is delivered");
  await done(carrier.ebl.acceptSurrender({ tokenId: tokenB }));
  env.log(`  eBL status: ${await reader.ebl.status(tokenB)}`);

  begin("The endorsement chains, rebuilt from the registry's events");
  env.log("  Each line: the action, the party acting in law → the other party, and the contract that submitted it.");
  if (origin !== undefined) {
    env.log(
      `  The ${here} registry knows each eBL from its IMPORT on; its ISSUE and EXPORT are on the ${origin.name} chain (last step).`,
    );
  }
  const histories = {
    cashAgainstDocuments: await reader.ebl.history(tokenA),
    financed: await reader.ebl.history(tokenB),
  };
  for (const [label, history] of Object.entries(histories)) {
    env.log(`  ${label === "financed" ? "OSLU26SHA0002" : "OSLU26SHA0001"}:`);
    for (const entry of history.entries) {
      const action = entry.action === "ENDORSE" && entry.delivered ? "ENDORSE (and deliver)" : entry.action;
      const submitted = entry.operator === null ? "" : ` (submitted by ${who(entry.operator)})`;
      const time = entry.time.toISOString().slice(0, 19).replace("T", " ");
      env.log(`    ${time}  ${action.padEnd(23)} ${who(entry.actor)} → ${who(entry.to)}${submitted}`);
    }
    const byEntry = toDcsaTransactionsByEntry(history);
    const codes = byEntry.flatMap(({ transactions }) => transactions.map((t) => t.actionCode));
    env.log(`    DCSA endorsement chain: ${codes.join(" → ")}`);
    env.log(`    ${dcsaCount(byEntry)}`);
  }

  // ------------------------------------------------------------------ act 3: across banks and currencies
  let crossBank: CrossBankOutcome | undefined;
  if (env.crossBank !== undefined) {
    crossBank = await runCrossBankAct({
      publicClient: env.publicClient,
      walletFor: env.walletFor,
      addresses: { ...addresses, eblRegistry: addresses.eblRegistry! },
      crossBank: env.crossBank.addresses,
      parties: p,
      crossBankParties: env.crossBank.parties,
      names,
      log: env.log,
      begin,
      confirm,
      issue: issueToExporter,
      shippedOnBoardDate: env.shippedOnBoardDate,
    });
  }

  // ------------------------------------------------------------------ act 4: trade finance
  let tradeFinance: TradeFinanceOutcome | undefined;
  if (env.tradeFinance !== undefined) {
    tradeFinance = await runTradeFinanceAct({
      publicClient: env.publicClient,
      walletFor: env.walletFor,
      addresses: { ...addresses, eblRegistry: addresses.eblRegistry! },
      tradeFinance: env.tradeFinance.addresses,
      parties: p,
      discounter: env.tradeFinance.discounter,
      names,
      log: env.log,
      begin,
      confirm,
      issue: issueToExporter,
      shippedOnBoardDate: env.shippedOnBoardDate,
    });
  }

  // ------------------------------------------------------------------ where the eBLs live
  if (originRails !== undefined) {
    begin(`Where the eBLs live: ${origin!.name} (chain ${originRails.chainId}) and ${here} (chain ${chainId})`);
    const tokens: [string, bigint][] = [
      ["OSLU26SHA0001", tokenA],
      ["OSLU26SHA0002", tokenB],
      ...(crossBank === undefined ? [] : ([["OSLU26SHA0011", crossBank.tokenId]] as [string, bigint][])),
      ...(tradeFinance === undefined
        ? []
        : ([
            ["OSLU26SHA0021", tradeFinance.tokenIds.credit],
            ["OSLU26SHA0022", tradeFinance.tokenIds.collection],
          ] as [string, bigint][])),
    ];
    for (const [reference, tokenId] of tokens) {
      env.log(`  ${reference}:`);
      await whereabouts(tokenId, "    ");
    }
    env.log("  OSLU26SHA0001 across both chains, in order:");
    const across = await crossChainHistory(tokenA, [originRails.reader, reader]);
    for (const entry of across.entries) {
      const time = entry.time.toISOString().slice(0, 19).replace("T", " ");
      const chain = entry.chainId === chainId ? here : origin!.name;
      env.log(`    ${time}  ${chain.padEnd(10)} ${entry.action.padEnd(23)} ${who(entry.actor)} → ${who(entry.to)}`);
    }
  }
  env.progress?.(STEPS, STEPS, "done");
  env.log(`\nTotal gas of the story: ${gasUsed.toLocaleString("en-US")}`);

  return {
    tokenIds: { cashAgainstDocuments: tokenA, financed: tokenB },
    settlements,
    balances: finalBalances,
    histories,
    gasUsed,
    ...(crossBank === undefined ? {} : { crossBank }),
    ...(tradeFinance === undefined ? {} : { tradeFinance }),
    ...(documents === undefined
      ? {}
      : { documents: { ...documents, refusalAfterRevocation: refusalAfterRevocation! } }),
    ...(originRails === undefined ? {} : { crossChain: { originChainId: originRails.chainId, chainId, transfers } }),
  };
}

/** The document and consent contracts' addresses, which the documents act needs. */
function requireDocumentAddresses<T extends CargoRailsAddresses>(
  addresses: T,
): T & { eblRegistry: Address; tradeDocumentRegistry: Address; documentsCondition: Address; consentRegistry: Address } {
  const { eblRegistry, tradeDocumentRegistry, documentsCondition, consentRegistry } = addresses;
  if (!eblRegistry || !tradeDocumentRegistry || !documentsCondition || !consentRegistry) {
    throw new Error("the documents act needs the eBL, document, condition and consent contracts' addresses");
  }
  return { ...addresses, eblRegistry, tradeDocumentRegistry, documentsCondition, consentRegistry };
}

/**
 * Why the DCSA chain has as many actions as the history has events, or not: which events became two DCSA actions,
 * which none, and which one under another name.
 */
function dcsaCount(byEntry: DcsaTransactionsOfEntry[]): string {
  const name = (t: DcsaTransactionsOfEntry) =>
    t.entry.action === "ENDORSE" && t.entry.delivered ? "the endorse-and-deliver" : t.entry.action;
  const codes = (t: DcsaTransactionsOfEntry) => t.transactions.map((x) => x.actionCode).join(" + ");
  const two = byEntry.filter((t) => t.transactions.length > 1).map((t) => `${name(t)} is two (${codes(t)})`);
  const none = byEntry.filter((t) => t.transactions.length === 0).map((t) => `${name(t)} has no DCSA action`);
  const renamed = [
    ...new Set(
      byEntry
        .filter((t) => t.transactions.length === 1 && t.transactions[0]!.actionCode !== t.entry.action)
        .map((t) => `${t.entry.action} is ${codes(t)}`),
    ),
  ];
  const total = byEntry.reduce((n, t) => n + t.transactions.length, 0);
  const one = two.length + none.length > 0 ? "every other event is one action" : "one action per event";
  const others = `${one}${renamed.length > 0 ? ` (${renamed.join(", ")})` : ""}`;
  return `${byEntry.length} registry events, ${total} DCSA actions: ${[...two, ...none, others].join("; ")}.`;
}
