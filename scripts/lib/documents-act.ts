/**
 * The story's trade documents and consent, inside its financing act: the exporter's commercial invoice and packing
 * list and the origin authority's certificate of origin are registered for the financed eBL and deposited with a data
 * provider; the exporter consents, by signature, to Harbour Bank reading them for financing; the bank reads them
 * through the provider (consent checked on chain, each access recorded, each file checked against the registry); the
 * authority revokes its certificate and the settlement that requires it is refused; a corrected certificate lets the
 * financing settle (the story's next step); and a revoked consent stops the bank's next read.
 */
import {
  createCargoRails,
  createDataProviderClient,
  ContractRevertError,
  DataProviderError,
  canonicalJson,
  type CargoRailsAddresses,
} from "@cargo-rails/sdk";
import { keccak256, toHex, type Address, type Hash, type Hex, type PublicClient, type WalletClient } from "viem";

/** The act's cast besides the story's. */
export interface DocumentsParties {
  /** The origin authority that certifies the goods' origin (a verified `authority` participant). */
  originAuthority: Address;
}

/** The data provider the exporter deposits its documents with: its URL and its account (which records accesses). */
export interface DataProviderEndpoint {
  url: string;
  account: Address;
}

/** What the act lends the story: the documents' requirement for the financing's terms, and what it left behind. */
export interface DocumentsOutcome {
  /** What the financing's terms name to require the three documents (the corrected certificate). */
  condition: { condition: Address; conditionData: Hex };
  /** The documents, by name. */
  documentIds: { invoice: Hex; packingList: Hex; revokedCertificate: Hex; certificate: Hex };
  /** The consent the bank read under. */
  grantId: Hex;
  /** The transactions that recorded the bank's three reads. */
  accessTransactions: Hash[];
  /** The error the settlement requiring the revoked certificate was refused with. */
  refusal: string;
}

export interface DocumentsActEnvironment {
  publicClient: PublicClient;
  walletFor(account: Address): WalletClient;
  addresses: CargoRailsAddresses & {
    eblRegistry: Address;
    tradeDocumentRegistry: Address;
    documentsCondition: Address;
    consentRegistry: Address;
  };
  parties: { registrar: Address; exporter: Address; importer: Address; hkBank: Address; relayer: Address };
  documentsParties: DocumentsParties;
  dataProvider: DataProviderEndpoint;
  names: Map<string, string>;
  log(line: string): void;
  begin(label: string): void;
  /** Waits for a write, logs its hash and gas, and counts the gas. */
  done(write: Promise<{ hash: Hash; wait(): Promise<{ receipt: { gasUsed: bigint } }> }>): Promise<Hash>;
  /** The financed eBL and the advance it secures. */
  tokenId: bigint;
  amount: string;
  /** The B/L number, printed in the documents. */
  billNumber: string;
}

/** Steps the act adds to the story. */
export const DOCUMENTS_STEPS = 7;

const utf8 = (text: string) => new TextEncoder().encode(text);

export async function runDocumentsAct(env: DocumentsActEnvironment): Promise<DocumentsOutcome> {
  const { parties: p, documentsParties: d, addresses } = env;
  const as = (account: Address) =>
    createCargoRails({ publicClient: env.publicClient, walletClient: env.walletFor(account), addresses });
  const reader = createCargoRails({ publicClient: env.publicClient, addresses });
  const exporter = as(p.exporter);
  const authority = as(d.originAuthority);
  const bank = as(p.hkBank);
  const relayer = as(p.relayer);
  const provider = createDataProviderClient({
    url: env.dataProvider.url,
    publicClient: env.publicClient,
    tradeDocumentRegistry: addresses.tradeDocumentRegistry,
    consentRegistry: addresses.consentRegistry,
  });
  env.names.set(d.originAuthority.toLowerCase(), "the Shanghai origin authority");
  env.names.set(env.dataProvider.account.toLowerCase(), "the data provider");
  const who = (account: Address | null) =>
    account === null ? "nobody" : (env.names.get(account.toLowerCase()) ?? account);
  const subject = { tokenId: env.tokenId, registry: addresses.eblRegistry };

  // The documents: two JSON documents (hashed in their RFC 8785 canonical form, deposited as that form) and a PDF.
  const invoice = {
    invoiceNumber: "SSE-INV-2026-0117",
    seller: "Shanghai Silk Export",
    buyer: "Kowloon Trading",
    transportDocumentReference: env.billNumber,
    currency: "HKD",
    lines: [{ description: "Silk fabric, 120 bolts", quantity: 120, unitPrice: "1500.00", amount: "180000.00" }],
    total: "180000.00",
    incoterms: "CIF Hong Kong",
  };
  const packingList = {
    packingListNumber: "SSE-PL-2026-0117",
    transportDocumentReference: env.billNumber,
    packages: [{ marks: "SSE/KT 1-40", kind: "cartons", count: 40, grossWeightKg: 1240, netWeightKg: 1180 }],
  };
  const certificatePdf = (number: string, criterion: string) =>
    utf8(
      `%PDF-1.4\n% Certificate of origin ${number}\n% Goods: silk fabric, 120 bolts (HS 5007.20), ` +
        `B/L ${env.billNumber}\n% Country of origin: China; origin criterion ${criterion}\n%%EOF\n`,
    );
  const files = {
    invoice: { content: utf8(canonicalJson(invoice)), contentType: "application/json" },
    packingList: { content: utf8(canonicalJson(packingList)), contentType: "application/json" },
  };

  env.begin("The registrar verifies the Shanghai origin authority (CN), which certifies where goods come from");
  const validUntil = (await env.publicClient.getBlock()).timestamp + 365n * 24n * 3600n;
  if (!(await reader.participants.isVerified(d.originAuthority))) {
    await env.done(
      as(p.registrar).participants.register({
        account: d.originAuthority,
        kinds: ["authority"],
        jurisdiction: "CN",
        validUntil,
        kycReference: keccak256(toHex("KYC file of the Shanghai origin authority")),
      }),
    );
  }

  env.begin(
    `The exporter registers its commercial invoice and packing list for B/L ${env.billNumber}; the authority its certificate of origin`,
  );
  const registeredInvoice = await exporter.documents.register({
    documentType: "COMMERCIAL_INVOICE",
    number: invoice.invoiceNumber,
    owner: p.exporter,
    subject,
    document: { json: invoice },
  });
  await env.done(Promise.resolve(registeredInvoice));
  const registeredPackingList = await exporter.documents.register({
    documentType: "PACKING_LIST",
    number: packingList.packingListNumber,
    owner: p.exporter,
    subject,
    document: { json: packingList },
  });
  await env.done(Promise.resolve(registeredPackingList));
  const firstCertificate = certificatePdf("SHCO-2026-88311", "WO");
  const registeredCertificate = await authority.documents.register({
    documentType: "CERTIFICATE_OF_ORIGIN",
    number: "SHCO-2026-88311",
    owner: p.exporter,
    subject,
    document: { file: firstCertificate },
  });
  await env.done(Promise.resolve(registeredCertificate));
  for (const [label, registered] of [
    ["commercial invoice   ", registeredInvoice],
    ["packing list         ", registeredPackingList],
    ["certificate of origin", registeredCertificate],
  ] as const) {
    env.log(`  ${label} ${registered.documentId.slice(0, 18)}…  SHA-256 ${registered.sha256Hash.slice(0, 18)}…`);
  }
  env.log("  on chain: type, issuer, owner (the exporter), the eBL, the SHA-256 and the version; never the content");

  env.begin(
    "The exporter deposits the three documents with the data provider (uploads it signs; each checked by hash)",
  );
  for (const [documentId, file] of [
    [registeredInvoice.documentId, files.invoice],
    [registeredPackingList.documentId, files.packingList],
    [registeredCertificate.documentId, { content: firstCertificate, contentType: "application/pdf" }],
  ] as const) {
    const upload = await provider.upload({ signer: env.walletFor(p.exporter), documentId, ...file });
    env.log(
      `  ${documentId.slice(0, 18)}…  ${upload.contentType.padEnd(16)} ${upload.size} bytes, version ${upload.version}`,
    );
  }

  env.begin(
    "The exporter consents, by signature, to Harbour Bank reading this eBL's documents for financing (30 days)",
  );
  const expiresAt = new Date(Number((await env.publicClient.getBlock()).timestamp + 30n * 24n * 3600n) * 1000);
  const signedGrant = await exporter.consent.signGrant({
    grantee: p.hkBank,
    scope: { kind: "billDocuments", tokenId: env.tokenId, registry: addresses.eblRegistry },
    documentTypes: ["COMMERCIAL_INVOICE", "PACKING_LIST", "CERTIFICATE_OF_ORIGIN"],
    purpose: "financing",
    expiresAt,
  });
  const granted = await relayer.consent.grantWithSignature(signedGrant);
  await env.done(Promise.resolve(granted));
  const { grantId } = await granted.wait();
  env.log(
    `  consent ${grantId.slice(0, 18)}… submitted by ${who(p.relayer)}; live: ${await reader.consent.isLive(grantId)}`,
  );

  env.begin("Harbour Bank reads the documents through the data provider before it finances");
  const accessTransactions: Hash[] = [];
  for (const [label, documentId] of [
    ["commercial invoice", registeredInvoice.documentId],
    ["packing list", registeredPackingList.documentId],
    ["certificate of origin", registeredCertificate.documentId],
  ] as const) {
    const released = await provider.requestDocument({
      signer: env.walletFor(p.hkBank),
      grantId,
      documentId,
      purpose: "financing",
    });
    accessTransactions.push(released.accessTransaction);
    env.log(
      `  ${label.padEnd(21)} ${released.content.length} bytes, SHA-256 matches the registry (version ${released.version}); access recorded in tx ${released.accessTransaction.slice(0, 18)}…`,
    );
  }
  const log = await reader.consent.accessLog({ owner: p.exporter });
  env.log(
    `  the exporter's audit trail: ${log.records.length} reads, all by ${who(p.hkBank)} for ${log.records[0]?.purpose}`,
  );

  env.begin("The authority revokes its certificate (wrong origin criterion); a settlement that requires it is refused");
  await env.done(
    authority.documents.revoke({
      documentId: registeredCertificate.documentId,
      reason: "origin criterion WO stated in error; PE applies",
    }),
  );
  /** The three documents the financing requires, with this certificate of origin. */
  const requiredWith = (certificate: Hex) =>
    [
      { documentType: "COMMERCIAL_INVOICE", documentId: registeredInvoice.documentId },
      { documentType: "PACKING_LIST", documentId: registeredPackingList.documentId },
      { documentType: "CERTIFICATE_OF_ORIGIN", documentId: certificate },
    ] as const;
  const firstRequirement = requiredWith(registeredCertificate.documentId);
  // The parties had agreed on these three documents; the requirement was defined when they did.
  await env.done(relayer.documents.defineRequirement(firstRequirement));
  const withRevoked = reader.documents.conditionFor(firstRequirement);
  const check = await reader.documents.checkRequirement(withRevoked.conditionData, subject);
  if (check.satisfied) throw new Error("a requirement naming a revoked certificate was satisfied");
  env.log(`  checked before signing: ${check.reason}, ${check.documentId?.slice(0, 18)}… (the certificate)`);
  let refusal = "none";
  const termsRefused = await relayer.settlement.prepare({
    tokenId: env.tokenId,
    paymentToken: "HKD",
    amount: env.amount,
    seller: p.exporter,
    buyer: p.hkBank,
    eblRecipient: p.hkBank,
    titleRecipient: p.importer,
    salt: "FIN-2026-0007-A",
    ...withRevoked,
  });
  const sellerRefused = await exporter.settlement.signAsSeller(termsRefused);
  const buyerRefused = await bank.settlement.signAsBuyer(termsRefused);
  try {
    await relayer.settlement.settle({ terms: termsRefused, ...sellerRefused, ...buyerRefused });
    throw new Error("the settlement requiring a revoked certificate went through");
  } catch (error) {
    if (!(error instanceof ContractRevertError) || error.errorName !== "DocumentsRevoked") throw error;
    refusal = `${error.errorName}(${String(error.args[0]).slice(0, 18)}…)`;
    env.log(`  refused before anything moved: ${refusal}, the certificate of origin`);
  }
  const eblAfterRefusal = await reader.ebl.bill(env.tokenId);
  env.log(`  the eBL is still held by ${who(eblAfterRefusal.holder)}; no HKD moved`);

  env.begin("The authority issues a corrected certificate; the financing's terms will require it instead");
  const correctedCertificate = certificatePdf("SHCO-2026-88312", "PE");
  const registeredCorrected = await authority.documents.register({
    documentType: "CERTIFICATE_OF_ORIGIN",
    number: "SHCO-2026-88312",
    owner: p.exporter,
    subject,
    document: { file: correctedCertificate },
  });
  await env.done(Promise.resolve(registeredCorrected));
  await provider.upload({
    signer: env.walletFor(d.originAuthority),
    documentId: registeredCorrected.documentId,
    content: correctedCertificate,
    contentType: "application/pdf",
  });
  const required = requiredWith(registeredCorrected.documentId);
  await env.done(relayer.documents.defineRequirement(required));
  const condition = reader.documents.conditionFor(required);
  const ready = await reader.documents.checkRequirement(condition.conditionData, subject);
  env.log(`  requirement ${condition.conditionData.slice(0, 18)}…: ${ready.satisfied ? "satisfied" : "not satisfied"}`);

  // After the financing: the exporter withdraws its consent, and the provider releases nothing more.
  return {
    condition,
    documentIds: {
      invoice: registeredInvoice.documentId,
      packingList: registeredPackingList.documentId,
      revokedCertificate: registeredCertificate.documentId,
      certificate: registeredCorrected.documentId,
    },
    grantId,
    accessTransactions,
    refusal,
  };
}

/** The exporter revokes its consent; the bank's next read is refused by the provider (printed with its status). */
export async function revokeConsentAndTryAgain(
  env: DocumentsActEnvironment,
  outcome: DocumentsOutcome,
): Promise<string> {
  const { parties: p, addresses } = env;
  const exporter = createCargoRails({
    publicClient: env.publicClient,
    walletClient: env.walletFor(p.exporter),
    addresses,
  });
  const provider = createDataProviderClient({
    url: env.dataProvider.url,
    publicClient: env.publicClient,
    tradeDocumentRegistry: addresses.tradeDocumentRegistry,
    consentRegistry: addresses.consentRegistry,
  });
  env.begin("The loan is repaid: the exporter revokes its consent, and the bank's next read is refused");
  await env.done(exporter.consent.revoke({ grantId: outcome.grantId }));
  try {
    await provider.requestDocument({
      signer: env.walletFor(p.hkBank),
      grantId: outcome.grantId,
      documentId: outcome.documentIds.invoice,
      purpose: "financing",
    });
  } catch (error) {
    if (!(error instanceof DataProviderError)) throw error;
    const answer = `HTTP ${error.status} ${error.reason}`;
    env.log(`  the data provider answers ${answer}; nothing released, nothing recorded`);
    return answer;
  }
  throw new Error("the data provider released a document under a revoked consent");
}
