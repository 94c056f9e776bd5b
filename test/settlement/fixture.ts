import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { BigNumberish, BytesLike, Signer } from "ethers";
import { network } from "hardhat";

import { EBL_REGISTRY_DOMAIN_NAME, settlementEblDepositTypes } from "../../sdk/src/index.js";
import { BillKind, Kinds, ONE_YEAR, dcsaChecksum, sampleDocument } from "../ebl/helpers.js";
import { deployManager, depositRole, grant, wire, wireSettlement } from "../helpers/access.js";
import { PaymentMethod, TermsStatus } from "../helpers/enums.js";

/** One simulated network shared by the settlement tests; `loadFixture` snapshots it. */
export const connection = await network.create();
export const { ethers, networkHelpers } = connection;

export const HKD = (units: number | bigint) => BigInt(units) * 100n; // 2 decimals
export { PaymentMethod, TermsStatus };
export const CancelReason = { Cancelled: 0, Expired: 1 } as const;

export interface Terms {
  registry: string;
  tokenId: bigint;
  documentHash: string;
  paymentToken: string;
  amount: bigint;
  seller: string;
  buyer: string;
  eblRecipient: string;
  titleRecipient: string;
  paymentRecipient: string;
  condition: string;
  conditionData: string;
  deadline: bigint;
  salt: string;
}

export interface PaymentAuth {
  method: number;
  validAfter: BigNumberish;
  deadline: BigNumberish;
  nonce: BytesLike;
  signature: BytesLike;
}

export interface EblAuth {
  deadline: BigNumberish;
  signature: BytesLike;
}

export const TERMS_TYPES = {
  Terms: [
    { name: "registry", type: "address" },
    { name: "tokenId", type: "uint256" },
    { name: "documentHash", type: "bytes32" },
    { name: "paymentToken", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "seller", type: "address" },
    { name: "buyer", type: "address" },
    { name: "eblRecipient", type: "address" },
    { name: "titleRecipient", type: "address" },
    { name: "paymentRecipient", type: "address" },
    { name: "condition", type: "address" },
    { name: "conditionData", type: "bytes32" },
    { name: "deadline", type: "uint256" },
    { name: "salt", type: "bytes32" },
  ],
};

/** EIP-712 types of a party's consent to an escrowed deal (`Deal(Terms terms)`), distinct from a settlement's. */
export const DEAL_TYPES = { Deal: [{ name: "terms", type: "Terms" }], ...TERMS_TYPES };

/** EIP-712 types of the seller's consent to someone else depositing its eBL into a deal, from the SDK. */
export const EBL_DEPOSIT_TYPES = {
  EblDeposit: [...settlementEblDepositTypes.EblDeposit],
  Terms: [...settlementEblDepositTypes.Terms],
};

export interface Settlement {
  terms: Terms;
  sellerSignature: BytesLike;
  buyerSignature: BytesLike;
  eblAuth: EblAuth;
  paymentAuth: PaymentAuth;
}

/** Order of the secp256k1 group: `s` above N / 2 makes the malleable twin of a signature. */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** The high-s twin of a 65-byte ECDSA signature: valid for ecrecover, refused by OpenZeppelin's ECDSA. */
export function toHighS(signature: string): string {
  const bytes = ethers.getBytes(signature);
  const r = ethers.hexlify(bytes.slice(0, 32));
  const s = BigInt(ethers.hexlify(bytes.slice(32, 64)));
  const v = bytes[64] === 27 ? 28 : 27;
  return ethers.concat([r, ethers.toBeHex(SECP256K1_N - s, 32), ethers.toBeHex(v, 1)]);
}

export const NO_EBL_AUTH: EblAuth = { deadline: 0, signature: "0x" };
export const ALLOWANCE: PaymentAuth = {
  method: PaymentMethod.Allowance,
  validAfter: 0,
  deadline: 0,
  nonce: ethers.ZeroHash,
  signature: "0x",
};

/** The EIP-712 domains of the two settlement contracts (each its own, so a terms hash differs between them). */
export const SIGNED_SETTLEMENT_DOMAIN = { name: "Cargo Rails Signed Settlement", version: "2" } as const;
export const ESCROWED_DEALS_DOMAIN = { name: "Cargo Rails Escrowed Deals", version: "2" } as const;

/**
 * The whole system, as the demo deploys it: participant register, eBL registry, an HKD tokenized deposit at a Hong
 * Kong bank, the two settlement contracts (signed settlement, escrowed deals) and their deposit rail, wired, with the
 * market (eBL registry, HKD) open on both through the rail. A Shanghai exporter holds a to-order eBL (title with
 * itself); a Hong Kong importer holds HKD 100 000.
 */
export async function deploySystem() {
  const [admin, registrar, carrier, exporter, importer, hkBank, cnBank, relayer, outsider, regulator, compliance] =
    await ethers.getSigners();

  // `admin` is the access manager's admin, the settlement admin and the HKD token's admin.
  const manager = await deployManager(ethers, admin);
  const authority = await manager.getAddress();
  const participants = await ethers.deployContract("ParticipantRegistry", [authority]);
  const ebl = await ethers.deployContract("BillOfLadingRegistry", [await participants.getAddress(), authority]);
  const settlement = await ethers.deployContract("SignedSettlement", [authority]);
  const escrow = await ethers.deployContract("EscrowedDeals", [authority]);
  const rail = await ethers.deployContract("DepositRail", [
    authority,
    await settlement.getAddress(),
    await escrow.getAddress(),
  ]);
  await wire(manager, admin, "participants", await participants.getAddress());
  await wire(manager, admin, "ebl", await ebl.getAddress());
  await wireSettlement(manager, admin, settlement);
  await wireSettlement(manager, admin, escrow);
  await wireSettlement(manager, admin, rail);
  await grant(manager, admin, { contract: "participants", name: "REGISTRAR" }, registrar.address);

  const validUntil = BigInt(await networkHelpers.time.latest()) + BigInt(ONE_YEAR);
  const register = (account: string, kinds: number, country = "HK") =>
    participants.connect(registrar).register(account, {
      kinds,
      jurisdiction: ethers.hexlify(ethers.toUtf8Bytes(country)),
      validUntil,
      kycReference: ethers.id(`kyc:${account}`),
    });
  await register(carrier.address, Kinds.CARRIER);
  await register(exporter.address, Kinds.TRADER, "CN");
  await register(importer.address, Kinds.TRADER);
  await register(hkBank.address, Kinds.BANK);
  await register(cnBank.address, Kinds.BANK, "CN");
  await register(regulator.address, Kinds.REGULATOR);
  // The rail receives deposit tokens on the EIP-3009 path, the settlement contracts eBLs and escrowed payments.
  await register(await settlement.getAddress(), Kinds.SETTLEMENT);
  await register(await escrow.getAddress(), Kinds.SETTLEMENT);
  await register(await rail.getAddress(), Kinds.SETTLEMENT);
  const lens = await ethers.deployContract("EblLens");

  const hkd = await ethers.deployContract("TokenizedDeposit", [
    {
      name: "Harbour Bank HKD Deposit",
      symbol: "hbHKD",
      decimals: 2,
      currency: ethers.hexlify(ethers.toUtf8Bytes("HKD")),
      registry: await participants.getAddress(),
      issuer: hkBank.address,
      issuerId: ethers.encodeBytes32String("LEI:HARBOURBANKHK0001"),
      supplyCap: 0n,
      authority,
    },
  ]);
  await wire(manager, admin, { deposit: "HKD" }, await hkd.getAddress());
  for (const role of ["MINTER", "BURNER", "PAUSER", "FREEZER"] as const) {
    await grant(manager, admin, depositRole("HKD", role), hkBank.address);
  }
  await grant(manager, admin, depositRole("HKD", "COMPLIANCE"), compliance.address);
  await hkd.connect(hkBank).mint(importer.address, HKD(100_000), ethers.encodeBytes32String("DEP-0001"));
  await hkd.connect(hkBank).mint(hkBank.address, HKD(1_000_000), ethers.encodeBytes32String("DEP-0002"));

  await grant(manager, admin, { contract: "ebl", name: "ISSUER" }, carrier.address);
  await grant(manager, admin, { contract: "ebl", name: "LEGAL_HOLD" }, regulator.address);
  await grant(manager, admin, { contract: "settlement", name: "ADMIN" }, admin.address);
  await grant(manager, admin, { contract: "settlement", name: "PAUSER" }, admin.address);
  await settlement.connect(admin).setMarket(await ebl.getAddress(), await hkd.getAddress(), await rail.getAddress());
  await escrow.connect(admin).setMarket(await ebl.getAddress(), await hkd.getAddress(), await rail.getAddress());

  const doc = sampleDocument("SHA2HKG000123");
  await ebl.connect(carrier).issue(exporter.address, doc.reference, BillKind.ToOrder, exporter.address, doc.hash);
  const tokenId = await ebl.tokenIdOf(carrier.address, doc.reference);

  const chainId = (await ethers.provider.getNetwork()).chainId;
  const domains = {
    settlement: { ...SIGNED_SETTLEMENT_DOMAIN, chainId, verifyingContract: await settlement.getAddress() },
    escrow: { ...ESCROWED_DEALS_DOMAIN, chainId, verifyingContract: await escrow.getAddress() },
    ebl: { name: EBL_REGISTRY_DOMAIN_NAME, version: "1", chainId, verifyingContract: await ebl.getAddress() },
    hkd: { name: await hkd.name(), version: "1", chainId, verifyingContract: await hkd.getAddress() },
  };

  /** Cash-against-documents terms: the importer pays HKD 25 000 to the exporter and receives title and possession. */
  async function terms(overrides: Partial<Terms> = {}): Promise<Terms> {
    return {
      registry: await ebl.getAddress(),
      tokenId,
      documentHash: doc.hash,
      paymentToken: await hkd.getAddress(),
      amount: HKD(25_000),
      seller: exporter.address,
      buyer: importer.address,
      eblRecipient: importer.address,
      titleRecipient: importer.address,
      paymentRecipient: exporter.address,
      condition: ethers.ZeroAddress,
      conditionData: ethers.ZeroHash,
      deadline: BigInt(await networkHelpers.time.latest()) + 7n * 24n * 3600n,
      salt: ethers.id("PO-2026-0042"),
      ...overrides,
    };
  }

  /** A party's signature of `t` for a signed settlement (SignedSettlement's domain). */
  const signTerms = (signer: Signer, t: Terms) => signer.signTypedData(domains.settlement, TERMS_TYPES, t);
  /** A party's consent to the escrowed deal on `t` (EscrowedDeals' domain). */
  const signDeal = (signer: Signer, t: Terms) => signer.signTypedData(domains.escrow, DEAL_TYPES, { terms: t });
  /** The seller's consent to someone else depositing its eBL into the deal on `t`. */
  const signEblDeposit = (signer: Signer, t: Terms) =>
    signer.signTypedData(domains.escrow, EBL_DEPOSIT_TYPES, { terms: t });

  /**
   * The seller's ERC-4494 permit for a settlement contract: `spender` is SignedSettlement unless another is given
   * (EscrowedDeals for a deposit into a deal).
   */
  async function eblPermit(
    seller: Signer,
    id: bigint = tokenId,
    deadline?: bigint,
    spender?: string,
  ): Promise<EblAuth> {
    const d = deadline ?? BigInt(await networkHelpers.time.latest()) + 3600n;
    const signature = await seller.signTypedData(
      domains.ebl,
      {
        Permit: [
          { name: "spender", type: "address" },
          { name: "tokenId", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      { spender: spender ?? (await settlement.getAddress()), tokenId: id, nonce: await ebl.nonces(id), deadline: d },
    );
    return { deadline: d, signature };
  }

  /** The buyer's EIP-2612 permit naming the rail (the payment leg's spender on both ways of settling). */
  async function paymentPermit(buyer: HardhatEthersSigner, value: bigint): Promise<PaymentAuth> {
    const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
    const signature = await buyer.signTypedData(
      domains.hkd,
      {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      {
        owner: buyer.address,
        spender: await rail.getAddress(),
        value,
        nonce: await hkd.nonces(buyer.address),
        deadline,
      },
    );
    return { method: PaymentMethod.Permit, validAfter: 0, deadline, nonce: ethers.ZeroHash, signature };
  }

  /**
   * The buyer's EIP-3009 `ReceiveWithAuthorization` to the rail, bound through its nonce to the payment id
   * `consentHash`: SignedSettlement's `hashTerms(terms)` for a signed settlement, EscrowedDeals' `hashDeal(terms)` for a
   * deal deposit.
   */
  async function paymentAuthorization(
    buyer: HardhatEthersSigner,
    value: bigint,
    consentHash: string,
    salt = ethers.id("auth-1"),
    window: { validAfter?: bigint; validBefore?: bigint } = {},
  ): Promise<PaymentAuth> {
    const validAfter = window.validAfter ?? 0n;
    const validBefore = window.validBefore ?? BigInt(await networkHelpers.time.latest()) + 3600n;
    const nonce = ethers.keccak256(
      ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [consentHash, salt]),
    );
    const signature = await buyer.signTypedData(
      domains.hkd,
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
      { from: buyer.address, to: await rail.getAddress(), value, validAfter, validBefore, nonce },
    );
    return { method: PaymentMethod.Authorization, validAfter, deadline: validBefore, nonce: salt, signature };
  }

  /**
   * A signed settlement of `t` with both parties' signatures (the seller's and buyer's keys unless other signers are
   * given), the eBL leg by prior approval and the payment by allowance unless other authorisations are given.
   */
  async function signed(
    t: Terms,
    opts: { eblAuth?: EblAuth; paymentAuth?: PaymentAuth; seller?: Signer | null; buyer?: Signer | null } = {},
  ): Promise<Settlement> {
    const sellerSigner = opts.seller === undefined ? exporter : opts.seller;
    const buyerSigner = opts.buyer === undefined ? importer : opts.buyer;
    return {
      terms: t,
      sellerSignature: sellerSigner === null ? "0x" : await signTerms(sellerSigner, t),
      buyerSignature: buyerSigner === null ? "0x" : await signTerms(buyerSigner, t),
      eblAuth: opts.eblAuth ?? NO_EBL_AUTH,
      paymentAuth: opts.paymentAuth ?? ALLOWANCE,
    };
  }

  /**
   * Prior approvals of both legs: the exporter approves its eBL to the settlement contract it sells through
   * (SignedSettlement unless another is given), the importer allows the rail `amount` (default the price).
   */
  async function approveBoth(amount: bigint = HKD(25_000), eblSpender?: string) {
    await ebl.connect(exporter).approve(eblSpender ?? (await settlement.getAddress()), tokenId);
    await hkd.connect(importer).approve(await rail.getAddress(), amount);
  }

  /** Issues another B/L by the carrier to `shipper` (default: the exporter), title with `titleHolder`. */
  async function issueBill(
    reference: string,
    kind: number = BillKind.ToOrder,
    titleHolder: string = exporter.address,
    shipper: string = exporter.address,
  ): Promise<{ id: bigint; hash: string }> {
    const d = sampleDocument(reference);
    await ebl.connect(carrier).issue(shipper, reference, kind, titleHolder, d.hash);
    return { id: await ebl.tokenIdOf(carrier.address, reference), hash: d.hash };
  }

  return {
    signed,
    approveBoth,
    issueBill,
    manager,
    participants,
    ebl,
    lens,
    hkd,
    settlement,
    escrow,
    rail,
    admin,
    registrar,
    carrier,
    exporter,
    importer,
    hkBank,
    cnBank,
    relayer,
    outsider,
    regulator,
    compliance,
    doc,
    tokenId,
    domains,
    register,
    terms,
    signTerms,
    signDeal,
    signEblDeposit,
    eblPermit,
    paymentPermit,
    paymentAuthorization,
    amendedHash: dcsaChecksum({ ...doc.document, declaredValue: 1 }),
  };
}
