// Trade documents and consent: the exporter registers its commercial invoice against the eBL (only the invoice's
// SHA-256 goes on chain), grants the importer's bank access to it for financing by an EIP-712 signature that a relayer
// submits, and the bank checks its consent, signs a request for the data provider and verifies the bytes it gets back
// against the registry (see sdk/docs/documents-and-consent.md). Each party has its own client.
import type { Address, Hex } from "viem";

import {
  DocumentMismatchError,
  DocumentNotCurrentError,
  hashDocumentJson,
  type CargoRails,
  type SignedDataRequest,
  type TradeDocument,
} from "@cargo-rails/sdk";

/** The exporter (a verified trader) registers its invoice, bound to the eBL; returns the document's id. */
export async function registerInvoice(exporter: CargoRails, tokenId: bigint, invoice: object): Promise<Hex> {
  const owner = exporter.config.walletClient!.account!.address; // the exporter is also the data owner
  const { documentId, sha256Hash, wait } = await exporter.documents.register({
    documentType: "COMMERCIAL_INVOICE",
    number: "INV-2026-0042", // the exporter's own invoice number: hashed, it makes the id
    owner,
    subject: { tokenId },
    document: { json: invoice }, // SHA-256 of its RFC 8785 canonical JSON, as hashDocumentJson(invoice)
  });
  await wait();
  console.log(`invoice ${documentId} registered with SHA-256 ${sha256Hash}`);
  return documentId;
}

/**
 * The exporter signs a consent (no gas, with its wallet, a custody platform or an HSM): the bank may read the
 * eBL's commercial invoices for financing for 30 days. A relayer submits it. Returns the grant's id.
 */
export async function grantBySignature(
  exporter: CargoRails,
  relayer: CargoRails,
  bank: Address,
  tokenId: bigint,
): Promise<Hex> {
  const signed = await exporter.consent.signGrant({
    grantee: bank,
    scope: { kind: "billDocuments", tokenId },
    documentTypes: ["COMMERCIAL_INVOICE"],
    purpose: "financing",
    expiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000),
  });
  // `signed` is plain data: hand it to the relayer (its id is known before it is submitted).
  const { grantId } = await (await relayer.consent.grantWithSignature(signed)).wait();
  console.log(grantId === signed.grantId); // true
  return grantId;
}

/**
 * The bank checks that its consent covers the invoice, and signs the request it sends to the data provider (which
 * records the access on chain with `consent.recordAccess` before it answers).
 */
export async function requestInvoice(bank: CargoRails, grantId: Hex, documentId: Hex): Promise<SignedDataRequest> {
  const coverage = await bank.consent.covers({ grantId, documentId, purpose: "financing" });
  if (!coverage.covered) {
    // "revoked", "expired", "wrongPurpose", "outOfScope"...: the contract's error says more.
    throw new Error(`no consent: ${coverage.reason} (${coverage.error.shortMessage})`);
  }
  return bank.consent.signDataRequest({ grantId, documentId }); // purpose: the grant's; nonce: random
}

/** The bank checks the bytes it received against the registry before it relies on them. */
export async function checkReceived(bank: CargoRails, documentId: Hex, received: Uint8Array): Promise<TradeDocument> {
  const invoice: unknown = JSON.parse(new TextDecoder().decode(received));
  try {
    // Throws unless the invoice hashes to the current, issued version.
    return await bank.documents.requireCurrent(documentId, { json: invoice });
  } catch (error) {
    if (error instanceof DocumentMismatchError) console.log(`tampered: ${hashDocumentJson(invoice)} is not on chain`);
    if (error instanceof DocumentNotCurrentError) console.log(`not current: ${error.result}`);
    throw error;
  }
}
