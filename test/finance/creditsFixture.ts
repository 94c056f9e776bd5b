/**
 * Letters of credit on top of the trade documents: DocumentaryCredits deployed on the participant registry, the eBL
 * registry and the documents condition, registered as a verified custody participant. The importer (applicant) applies
 * to Harbour Bank (issuing bank) for a credit in favour of the Shanghai exporter (beneficiary), with the Shanghai bank
 * nominated to examine; the credit requires a commercial invoice and a certificate of origin bound to the eBL.
 */
import type { Signer } from "ethers";

import { DocType, deployDocuments } from "../documents/fixture.js";
import { Kinds } from "../helpers/participants.js";
import { grant, wire } from "../helpers/access.js";
import { ALLOWANCE, HKD, PaymentMethod, ethers, networkHelpers, type PaymentAuth } from "../settlement/fixture.js";

export { ALLOWANCE, HKD, DocType };

export const DAY = 24n * 3600n;

/** IDocumentaryCredits.EblRecipient / CreditStatus / PresentationStatus / HonourBasis / ReturnReason */
export const EblRecipient = { IssuingBank: 0, Applicant: 1 } as const;
export const CreditStatus = { None: 0n, Issued: 1n, Closed: 2n } as const;
export const PresentationStatus = {
  None: 0n,
  Presented: 1n,
  Discrepant: 2n,
  Honoured: 3n,
  Refused: 4n,
  Withdrawn: 5n,
} as const;
export const HonourBasis = { Complying: 0n, Waiver: 1n, DeadlinePassed: 2n } as const;
export const ReturnReason = { Refused: 0n, WaiverRejected: 1n, WaiverLapsed: 2n, Withdrawn: 3n } as const;

export const CREDITS_DOMAIN_NAME = "Cargo Rails Documentary Credits";

/** The applicant's EIP-712 `CreditApplication` (the terms' fields in order, then nonce and deadline). */
export const CREDIT_APPLICATION_TYPES = {
  CreditApplication: [
    { name: "issuingBank", type: "address" },
    { name: "applicant", type: "address" },
    { name: "beneficiary", type: "address" },
    { name: "nominatedBank", type: "address" },
    { name: "token", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "expiry", type: "uint64" },
    { name: "latestPresentation", type: "uint64" },
    { name: "examinationPeriod", type: "uint64" },
    { name: "partialDrawings", type: "bool" },
    { name: "eblRecipient", type: "uint8" },
    { name: "requiredDocumentTypes", type: "uint256" },
    { name: "creditReference", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

export interface CreditTerms {
  issuingBank: string;
  applicant: string;
  beneficiary: string;
  nominatedBank: string;
  token: string;
  amount: bigint;
  expiry: bigint;
  latestPresentation: bigint;
  examinationPeriod: bigint;
  partialDrawings: boolean;
  eblRecipient: number;
  requiredDocumentTypes: bigint;
  creditReference: string;
}

/** Bit `t` for each document type `t`. */
export const typesMask = (...types: number[]) => types.reduce((mask, t) => mask | (1n << BigInt(t)), 0n);

export async function deployCredits() {
  const f = await deployDocuments();
  const credits = await ethers.deployContract("DocumentaryCredits", [
    await f.participants.getAddress(),
    await f.ebl.getAddress(),
    await f.condition.getAddress(),
    await f.manager.getAddress(),
  ]);
  const creditsAddress = await credits.getAddress();
  // The recovery of stray assets, as Ignition wires it: TRADE FINANCE ADMIN (held here by the manager's admin).
  await wire(f.manager, f.admin, "tradeFinance", creditsAddress);
  await grant(f.manager, f.admin, { contract: "tradeFinance", name: "ADMIN" }, f.admin.address);
  await f.register(creditsAddress, Kinds.CUSTODY);
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const domain = { name: CREDITS_DOMAIN_NAME, version: "1", chainId, verifyingContract: creditsAddress };

  const invoice = await f.registerDocument(f.exporter, DocType.COMMERCIAL_INVOICE, "INV-2026-0042");
  const origin = await f.registerDocument(f.authority, DocType.CERTIFICATE_OF_ORIGIN, "CO-SH-77");
  const documentIds = [invoice.id, origin.id];

  // The exporter lets the credits contract take its eBLs; the bank funds, the importer reimburses by allowance.
  await f.ebl.connect(f.exporter).setApprovalForAll(creditsAddress, true);
  await f.hkd.connect(f.hkBank).approve(creditsAddress, HKD(1_000_000));

  /** Terms of a credit of HKD 50 000, partial drawings allowed, the eBL to the issuing bank at honour. */
  async function creditTerms(overrides: Partial<CreditTerms> = {}): Promise<CreditTerms> {
    const now = BigInt(await networkHelpers.time.latest());
    return {
      issuingBank: f.hkBank.address,
      applicant: f.importer.address,
      beneficiary: f.exporter.address,
      nominatedBank: f.cnBank.address,
      token: await f.hkd.getAddress(),
      amount: HKD(50_000),
      expiry: now + 30n * DAY,
      latestPresentation: now + 21n * DAY,
      examinationPeriod: 5n * DAY,
      partialDrawings: true,
      eblRecipient: EblRecipient.IssuingBank,
      requiredDocumentTypes: typesMask(DocType.COMMERCIAL_INVOICE, DocType.CERTIFICATE_OF_ORIGIN),
      creditReference: ethers.id("LC-HB-2026-0007"),
      ...overrides,
    };
  }

  /** The applicant's signature of the application (its current nonce unless told). */
  async function signApplication(signer: Signer, t: CreditTerms, deadline: bigint, nonce?: bigint) {
    const n = nonce ?? (await credits.nonces(t.applicant));
    return signer.signTypedData(domain, CREDIT_APPLICATION_TYPES, { ...t, nonce: n, deadline });
  }

  /** The credit id: the EIP-712 digest of the application, computed independently of the contract. */
  const creditIdOf = (t: CreditTerms, nonce: bigint, deadline: bigint) =>
    ethers.TypedDataEncoder.hash(domain, CREDIT_APPLICATION_TYPES, { ...t, nonce, deadline });

  /** `keccak256(abi.encode(creditId, number))`. */
  const presentationIdOf = (creditId: string, number: bigint) =>
    ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "uint256"], [creditId, number]));

  /** Issues a credit on `t` (the fixture's terms unless given), signed by the importer, funded by allowance. */
  async function issueCredit(overrides: Partial<CreditTerms> = {}) {
    const t = await creditTerms(overrides);
    const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
    const nonce = await credits.nonces(t.applicant);
    const signature = await signApplication(f.importer, t, deadline);
    await credits.connect(f.hkBank).issue(t, deadline, signature, ALLOWANCE);
    return { t, creditId: creditIdOf(t, nonce, deadline) };
  }

  /** The applicant's EIP-3009 authorisation to the credits contract, bound to `paymentId` through its nonce. */
  async function authorization(payer: Signer, value: bigint, paymentId: string, salt = ethers.id("reimb-1")) {
    const validBefore = BigInt(await networkHelpers.time.latest()) + 3600n;
    const nonce = ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [paymentId, salt]));
    const signature = await payer.signTypedData(
      f.domains.hkd,
      {
        ReceiveWithAuthorization: [
          { name: "from", type: "address" },
          { name: "to", type: "address" },
          { name: "value", type: "uint256" },
          { name: "validAfter", type: "uint256" },
          { name: "validBefore", type: "uint256" },
          { name: "nonce", type: "bytes32" },
        ],
      },
      { from: await payer.getAddress(), to: creditsAddress, value, validAfter: 0n, validBefore, nonce },
    );
    const auth: PaymentAuth = {
      method: PaymentMethod.Authorization,
      validAfter: 0n,
      deadline: validBefore,
      nonce: salt,
      signature,
    };
    return auth;
  }

  return {
    ...f,
    credits,
    creditsAddress,
    domain,
    invoice,
    origin,
    documentIds,
    creditTerms,
    signApplication,
    creditIdOf,
    presentationIdOf,
    issueCredit,
    authorization,
  };
}

export type CreditsSystem = Awaited<ReturnType<typeof deployCredits>>;
