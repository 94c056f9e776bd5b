import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Signer, TypedDataDomain } from "ethers";
import { network } from "hardhat";

import { participantKinds } from "../../sdk/src/index.js";
import { deployManager, grant, wire } from "../helpers/access.js";
import type { ConsentRegistry, TradeDocumentRegistry } from "../../types/ethers-contracts/index.js";

/** One simulated network shared by the consent tests; `loadFixture` snapshots it. */
export const { ethers, networkHelpers } = await network.create();

/**
 * The EIP-712 domain name and types of the consent registry, written out here independently of the contract and the
 * SDK: the tests compute every digest from them and compare with what the contract computes and accepts.
 */
export const CONSENT_DOMAIN = { name: "Cargo Rails Consent", version: "1" } as const;
const CONSENT_TERMS_FIELDS = [
  { name: "grantee", type: "address" },
  { name: "scopeKind", type: "uint8" },
  { name: "documentTypes", type: "uint256" },
  { name: "target", type: "address" },
  { name: "targetId", type: "uint256" },
  { name: "purpose", type: "uint8" },
  { name: "expiresAt", type: "uint40" },
];
export const CONSENT_GRANT_TYPES = {
  ConsentGrant: [
    { name: "owner", type: "address" },
    { name: "terms", type: "ConsentTerms" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
  ConsentTerms: CONSENT_TERMS_FIELDS,
};
export const CONSENT_TERMS_TYPES = { ConsentTerms: CONSENT_TERMS_FIELDS };
export const CONSENT_REVOCATION_TYPES = {
  ConsentRevocation: [
    { name: "grantId", type: "bytes32" },
    { name: "deadline", type: "uint256" },
  ],
};
export const DATA_REQUEST_TYPES = {
  DataRequest: [
    { name: "grantId", type: "bytes32" },
    { name: "documentId", type: "bytes32" },
    { name: "purpose", type: "uint8" },
    { name: "nonce", type: "bytes32" },
    { name: "deadline", type: "uint256" },
  ],
};

/** IConsentRegistry.ScopeKind */
export const ScopeKind = { OwnerDocuments: 0, BillDocuments: 1, ProviderFeed: 2 } as const;
/** IConsentRegistry.Purpose */
export const Purpose = { None: 0, Financing: 1, Compliance: 2, TradeVerification: 3 } as const;

/** ITradeDocumentRegistry type ids (the registry's constructor defines them). */
export const DocType = {
  COMMERCIAL_INVOICE: 1,
  PACKING_LIST: 2,
  CERTIFICATE_OF_ORIGIN: 3,
} as const;

/** The `documentTypes` bitmask of a grant: bit `t` for type `t`. */
export const typesOf = (...types: number[]) => types.reduce((mask, t) => mask | (1n << BigInt(t)), 0n);

export interface ConsentTerms {
  grantee: string;
  scopeKind: number;
  documentTypes: bigint;
  target: string;
  targetId: bigint;
  purpose: number;
  expiresAt: bigint;
}

export interface DataRequest {
  grantId: string;
  documentId: string;
  purpose: number;
  nonce: string;
  deadline: bigint;
}

export const DAY = 24n * 60n * 60n;
/** The two eBLs (token ids of the registry below) the exporter's documents are bound to. */
export const TOKEN_A = 0xa11n;
export const TOKEN_B = 0xb22n;

/**
 * The rails with their consent registry, on the real participant and trade document registries:
 * - a Shanghai exporter (TRADER, the data owner), a Hong Kong importer (TRADER, another owner), a smart-account
 *   trader (ERC-1271 wallet whose key is `walletKey`), two banks (grantees), two data providers (AGENT), a chamber
 *   of commerce (AUTHORITY); a relayer and an outsider are not participants.
 * - documents in the trade document registry: the exporter's commercial invoice and packing list of eBL A, its
 *   invoice of eBL B, its certificate of origin (by the chamber) of eBL A, the importer's invoice of eBL A, the
 *   wallet's invoice of eBL A, and a revoked invoice of the exporter.
 */
export async function deployConsent() {
  const [
    admin,
    registrar,
    exporter,
    importer,
    bank,
    otherBank,
    provider,
    otherProvider,
    chamber,
    walletKey,
    relayer,
    outsider,
  ] = await ethers.getSigners();

  const manager = await deployManager(ethers, admin);
  const authority = await manager.getAddress();
  const participants = await ethers.deployContract("ParticipantRegistry", [authority]);
  await wire(manager, admin, "participants", await participants.getAddress());
  await grant(manager, admin, { contract: "participants", name: "REGISTRAR" }, registrar.address);
  const documents = (await ethers.deployContract("TradeDocumentRegistry", [
    authority,
    await participants.getAddress(),
  ])) as unknown as TradeDocumentRegistry;
  const consent = (await ethers.deployContract("ConsentRegistry", [
    await participants.getAddress(),
    await documents.getAddress(),
  ])) as unknown as ConsentRegistry;
  // The eBL registry the documents are bound to (only its address matters here).
  const ebl = await ethers.deployContract("BillOfLadingRegistry", [await participants.getAddress(), authority]);
  const eblAddress = await ebl.getAddress();
  const wallet = await ethers.deployContract("ERC1271WalletMock", [walletKey.address]);
  const walletAddress = await wallet.getAddress();

  const validUntil = BigInt(await networkHelpers.time.latest()) + 365n * DAY;
  const registrationOf = (kinds: number, country: string, until = validUntil) => ({
    kinds,
    jurisdiction: ethers.hexlify(ethers.toUtf8Bytes(country)),
    validUntil: until,
    kycReference: ethers.id(`kyc:${country}:${kinds}`),
  });
  const register = async (account: string, kinds: number, country = "HK") =>
    (await participants.connect(registrar).register(account, registrationOf(kinds, country))).wait();
  await register(exporter.address, participantKinds.trader, "CN");
  await register(importer.address, participantKinds.trader);
  await register(walletAddress, participantKinds.trader);
  await register(bank.address, participantKinds.bank);
  await register(otherBank.address, participantKinds.bank);
  await register(provider.address, participantKinds.agent);
  await register(otherProvider.address, participantKinds.agent);
  await register(chamber.address, participantKinds.authority, "CN");

  /** Registers a document issued by `issuer` for `owner`, bound to `tokenId` of `subject` (the eBL registry); returns its id. */
  const registerDocument = async (
    issuer: HardhatEthersSigner,
    type: number,
    number: string,
    owner: string,
    tokenId: bigint,
    subject: string = eblAddress,
  ) => {
    const reference = ethers.id(number);
    const sha256 = ethers.sha256(ethers.toUtf8Bytes(`document ${number}`));
    await (await documents.connect(issuer).register(type, reference, owner, subject, tokenId, sha256)).wait();
    return documents.documentIdOf(issuer.address, type, reference);
  };
  const docs = {
    invoice: await registerDocument(exporter, DocType.COMMERCIAL_INVOICE, "INV-2026-001", exporter.address, TOKEN_A),
    packingList: await registerDocument(exporter, DocType.PACKING_LIST, "PL-2026-001", exporter.address, TOKEN_A),
    invoiceOfB: await registerDocument(exporter, DocType.COMMERCIAL_INVOICE, "INV-2026-002", exporter.address, TOKEN_B),
    origin: await registerDocument(chamber, DocType.CERTIFICATE_OF_ORIGIN, "CO-88", exporter.address, TOKEN_A),
    importerInvoice: await registerDocument(
      importer,
      DocType.COMMERCIAL_INVOICE,
      "HK-INV-7",
      importer.address,
      TOKEN_A,
    ),
    walletInvoice: await registerDocument(exporter, DocType.COMMERCIAL_INVOICE, "INV-2026-W", walletAddress, TOKEN_A),
    revoked: await registerDocument(exporter, DocType.COMMERCIAL_INVOICE, "INV-2026-X", exporter.address, TOKEN_A),
  };
  await (await documents.connect(exporter).revoke(docs.revoked, "issued in error")).wait();

  const { chainId } = await ethers.provider.getNetwork();
  const domain: TypedDataDomain = { ...CONSENT_DOMAIN, chainId, verifyingContract: await consent.getAddress() };
  const now = async () => BigInt(await networkHelpers.time.latest());

  /** Terms the exporter grants by default: the bank reads its invoices and packing lists, for financing, 30 days. */
  const terms = async (overrides: Partial<ConsentTerms> = {}): Promise<ConsentTerms> => ({
    grantee: bank.address,
    scopeKind: ScopeKind.OwnerDocuments,
    documentTypes: typesOf(DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST),
    target: ethers.ZeroAddress,
    targetId: 0n,
    purpose: Purpose.Financing,
    expiresAt: (await now()) + 30n * DAY,
    ...overrides,
  });

  /** `owner` grants `t` by transaction; returns the grant id it got. */
  const grantBy = async (owner: Signer, t: ConsentTerms) => {
    const ownerAddress = await owner.getAddress();
    const grantId = ethers.keccak256(
      ethers.AbiCoder.defaultAbiCoder().encode(
        ["address", "uint256"],
        [ownerAddress, await consent.nonces(ownerAddress)],
      ),
    );
    await (await consent.connect(owner).grant(t)).wait();
    return grantId;
  };

  /** `signer`'s EIP-712 signature of a `ConsentGrant` of `owner` (default: the signer itself). */
  const signGrant = async (
    signer: Signer,
    t: ConsentTerms,
    { owner, nonce, deadline }: { owner?: string; nonce?: bigint; deadline?: bigint } = {},
  ) => {
    const ownerAddress = owner ?? (await signer.getAddress());
    const message = {
      owner: ownerAddress,
      terms: t,
      nonce: nonce ?? (await consent.nonces(ownerAddress)),
      deadline: deadline ?? (await now()) + DAY,
    };
    return { ...message, signature: await signer.signTypedData(domain, CONSENT_GRANT_TYPES, message) };
  };

  /** `signer`'s EIP-712 signature of a `ConsentRevocation`. */
  const signRevocation = async (signer: Signer, grantId: string, deadline?: bigint) => {
    const message = { grantId, deadline: deadline ?? (await now()) + DAY };
    return { ...message, signature: await signer.signTypedData(domain, CONSENT_REVOCATION_TYPES, message) };
  };

  /** A request under `grantId` for the exporter's invoice, for financing, valid one hour (fields overridable). */
  const request = async (grantId: string, overrides: Partial<DataRequest> = {}): Promise<DataRequest> => ({
    grantId,
    documentId: docs.invoice,
    purpose: Purpose.Financing,
    nonce: ethers.id(`request ${Math.random()}`),
    deadline: (await now()) + 3600n,
    ...overrides,
  });

  /** `signer`'s EIP-712 signature of a `DataRequest`. */
  const signRequest = (signer: Signer, r: DataRequest) => signer.signTypedData(domain, DATA_REQUEST_TYPES, r);

  /** The digest the grantee signs, computed here (not by the contract). */
  const requestDigest = (r: DataRequest) => ethers.TypedDataEncoder.hash(domain, DATA_REQUEST_TYPES, r);

  /** Lets `account`'s verification lapse: its registration ends in a minute, then two minutes pass. */
  const lapse = async (account: string) => {
    const record = await participants.participant(account);
    const until = (await now()) + 60n;
    await (
      await participants.connect(registrar).update(account, {
        kinds: record.kinds,
        jurisdiction: record.jurisdiction,
        validUntil: until,
        kycReference: record.kycReference,
      })
    ).wait();
    await networkHelpers.time.increase(120);
  };

  return {
    admin,
    registrar,
    exporter,
    importer,
    bank,
    otherBank,
    provider,
    otherProvider,
    chamber,
    walletKey,
    relayer,
    outsider,
    participants,
    documents,
    consent,
    eblAddress,
    wallet,
    walletAddress,
    docs,
    domain,
    now,
    terms,
    grantBy,
    signGrant,
    signRevocation,
    request,
    signRequest,
    requestDigest,
    lapse,
    registerDocument,
    registrationOf,
  };
}

export type ConsentFixture = Awaited<ReturnType<typeof deployConsent>>;

/** A grant as `grantOf` returns it, as plain values (for equality checks). */
export async function grantState(consent: ConsentRegistry, grantId: string) {
  const g = await consent.grantOf(grantId);
  return {
    owner: g.owner,
    revoked: g.revoked,
    terms: {
      grantee: g.terms.grantee,
      scopeKind: Number(g.terms.scopeKind),
      documentTypes: g.terms.documentTypes,
      target: g.terms.target,
      targetId: g.terms.targetId,
      purpose: Number(g.terms.purpose),
      expiresAt: g.terms.expiresAt,
    },
  };
}

/**
 * What a refusal must leave as it was: every owner's nonce, the grants asked about (and the next grant id of each
 * owner, which a refused grant must not have created), and whether the given request digests are recorded.
 */
export async function snapshot(f: ConsentFixture, grantIds: string[] = [], requestHashes: string[] = []) {
  const owners = [f.exporter.address, f.importer.address, f.walletAddress, f.bank.address, f.outsider.address];
  const nonces = await Promise.all(owners.map((o) => f.consent.nonces(o)));
  const next = owners.map((o, i) =>
    ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [o, nonces[i]])),
  );
  return {
    nonces,
    grants: await Promise.all([...grantIds, ...next].map((id) => grantState(f.consent, id))),
    recorded: await Promise.all(requestHashes.map((h) => f.consent.isRecorded(h))),
  };
}
