/**
 * The trade documents on top of the settlement system: the registry (with the seven standard types) and the
 * documents condition, wired to the rails' access manager, with an inspection body, an insurer, an origin authority
 * and a freight agent registered as participants.
 */
import type { Signer } from "ethers";

import { Kinds } from "../helpers/participants.js";
import { grant, wire } from "../helpers/access.js";
import { deploySystem, ethers } from "../settlement/fixture.js";

/** The seven standard document types (ITradeDocumentRegistry, defined at deployment). */
export const DocType = {
  COMMERCIAL_INVOICE: 1,
  PACKING_LIST: 2,
  CERTIFICATE_OF_ORIGIN: 3,
  INSURANCE_CERTIFICATE: 4,
  INSPECTION_CERTIFICATE: 5,
  CUSTOMS_DECLARATION: 6,
  SEA_WAYBILL: 7,
} as const;

/** ITradeDocumentRegistry.DocumentStatus */
export const DocStatus = { None: 0n, Issued: 1n, Superseded: 2n, Revoked: 3n } as const;

/** The hash of an issuer's own document number: what the registry calls the document reference. */
export const reference = (documentNumber: string) => ethers.keccak256(ethers.toUtf8Bytes(documentNumber));

/** A stand-in for the SHA-256 of a document's bytes (the registry never sees the bytes). */
export const sha256Of = (content: string) => ethers.sha256(ethers.toUtf8Bytes(content));

/** `keccak256(abi.encode(issuer, documentType, documentReference))`, computed independently of the contract. */
export const documentIdOf = (issuer: string, documentType: number, documentReference: string) =>
  ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(
      ["address", "uint8", "bytes32"],
      [issuer, documentType, documentReference],
    ),
  );

export interface RequiredDocument {
  documentType: number;
  documentId: string;
}

/** `keccak256(abi.encode(entries))`, the requirement's id, computed independently of the contract. */
export const requirementIdOf = (entries: RequiredDocument[]) =>
  ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(
      ["tuple(uint8 documentType, bytes32 documentId)[]"],
      [entries.map((e) => [e.documentType, e.documentId])],
    ),
  );

export async function deployDocuments() {
  const f = await deploySystem();
  const [, , , , , , , , , , , inspector, insurer, authority, agent] = await ethers.getSigners();
  const documents = await ethers.deployContract("TradeDocumentRegistry", [
    await f.manager.getAddress(),
    await f.participants.getAddress(),
  ]);
  const condition = await ethers.deployContract("DocumentsCondition", [await documents.getAddress()]);
  await wire(f.manager, f.admin, "documents", await documents.getAddress());
  await grant(f.manager, f.admin, { contract: "documents", name: "ADMIN" }, f.admin.address);
  await f.register(inspector!.address, Kinds.INSPECTOR);
  await f.register(insurer!.address, Kinds.INSURER);
  await f.register(authority!.address, Kinds.AUTHORITY, "CN");
  await f.register(agent!.address, Kinds.AGENT);
  const eblAddress = await f.ebl.getAddress();

  /**
   * Registers a document issued by `issuer`, owned by the exporter and bound to the fixture's eBL unless told
   * otherwise; returns its id and hash.
   */
  async function registerDocument(
    issuer: Signer,
    documentType: number,
    documentNumber: string,
    opts: { owner?: string; subjectContract?: string; subjectId?: bigint; content?: string } = {},
  ) {
    const ref = reference(documentNumber);
    const hash = sha256Of(opts.content ?? `${documentNumber}: content`);
    await documents
      .connect(issuer)
      .register(
        documentType,
        ref,
        opts.owner ?? f.exporter.address,
        opts.subjectContract ?? eblAddress,
        opts.subjectId ?? f.tokenId,
        hash,
      );
    return { id: documentIdOf(await issuer.getAddress(), documentType, ref), hash, ref };
  }

  return {
    ...f,
    documents,
    condition,
    inspector: inspector!,
    insurer: insurer!,
    authority: authority!,
    agent: agent!,
    eblAddress,
    registerDocument,
  };
}
