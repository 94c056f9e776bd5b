/**
 * Documents against acceptance and digital payment obligations, deployed as Ignition deploys them: the participant
 * register, the eBL registry, an HKD tokenized deposit, PaymentObligations and DocumentsAgainstAcceptance (both
 * verified custody participants; the D/A contract holds the OBLIGATION ISSUER role). A Shanghai exporter holds a
 * to-order eBL with title; a Hong Kong importer holds HKD 100 000; two banks hold HKD 1 000 000 each.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { network } from "hardhat";

import { ONE_YEAR, sampleDocument } from "../ebl/helpers.js";
import { deployManager, depositRole, grant, wire } from "../helpers/access.js";
import { BillKind, CollectionStatus, ObligationStatus, PaymentMethod } from "../helpers/enums.js";
import { Kinds } from "../helpers/participants.js";

export const connection = await network.create();
export const { ethers, networkHelpers } = connection;

export { BillKind, CollectionStatus, ObligationStatus, PaymentMethod };

export const HKD = (units: number | bigint) => BigInt(units) * 100n; // 2 decimals
export const DAY = 24n * 3600n;
export const TENOR = 90n * DAY;
export const AMOUNT = HKD(25_000);

export interface PaymentAuth {
  method: number;
  validAfter: bigint;
  deadline: bigint;
  nonce: string;
  signature: string;
}

export const ALLOWANCE: PaymentAuth = {
  method: PaymentMethod.Allowance,
  validAfter: 0n,
  deadline: 0n,
  nonce: ethers.ZeroHash,
  signature: "0x",
};

export const DISCOUNT_TYPES = {
  Discount: [
    { name: "obligationId", type: "uint256" },
    { name: "buyer", type: "address" },
    { name: "price", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

const RECEIVE_TYPES = {
  ReceiveWithAuthorization: [
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "validAfter", type: "uint256" },
    { name: "validBefore", type: "uint256" },
    { name: "nonce", type: "bytes32" },
  ],
};

export async function deployAcceptances() {
  const [admin, registrar, carrier, exporter, importer, hkBank, cnBank, agent, outsider, regulator, issuer, stranger] =
    await ethers.getSigners();
  const manager = await deployManager(ethers, admin);
  const authority = await manager.getAddress();
  const participants = await ethers.deployContract("ParticipantRegistry", [authority]);
  const ebl = await ethers.deployContract("BillOfLadingRegistry", [await participants.getAddress(), authority]);
  const obligations = await ethers.deployContract("PaymentObligations", [await participants.getAddress(), authority]);
  const da = await ethers.deployContract("DocumentsAgainstAcceptance", [
    await ebl.getAddress(),
    await participants.getAddress(),
    await obligations.getAddress(),
    authority,
  ]);
  await wire(manager, admin, "participants", await participants.getAddress());
  await wire(manager, admin, "ebl", await ebl.getAddress());
  await wire(manager, admin, "obligations", await obligations.getAddress());
  await grant(manager, admin, { contract: "participants", name: "REGISTRAR" }, registrar.address);
  await grant(manager, admin, { contract: "ebl", name: "ISSUER" }, carrier.address);
  await grant(manager, admin, { contract: "ebl", name: "LEGAL_HOLD" }, regulator.address);
  await grant(manager, admin, { contract: "obligations", name: "ISSUER" }, await da.getAddress());
  // The recovery of stray assets, as Ignition wires it: TRADE FINANCE ADMIN (held here by the manager's admin).
  await wire(manager, admin, "tradeFinance", await da.getAddress());
  await wire(manager, admin, "tradeFinance", await obligations.getAddress());
  await grant(manager, admin, { contract: "tradeFinance", name: "ADMIN" }, admin.address);

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
  await register(agent.address, Kinds.AGENT);
  await register(regulator.address, Kinds.REGULATOR);
  await register(await obligations.getAddress(), Kinds.CUSTODY);
  await register(await da.getAddress(), Kinds.CUSTODY);

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
  for (const role of ["MINTER", "FREEZER", "PAUSER"] as const) {
    await grant(manager, admin, depositRole("HKD", role), hkBank.address);
  }
  await hkd.connect(hkBank).mint(importer.address, HKD(100_000), ethers.encodeBytes32String("DEP-1"));
  await hkd.connect(hkBank).mint(hkBank.address, HKD(1_000_000), ethers.encodeBytes32String("DEP-2"));
  await hkd.connect(hkBank).mint(cnBank.address, HKD(1_000_000), ethers.encodeBytes32String("DEP-3"));

  const doc = sampleDocument("SHA2HKG000777");
  await ebl.connect(carrier).issue(exporter.address, doc.reference, BillKind.ToOrder, exporter.address, doc.hash);
  const tokenId = await ebl.tokenIdOf(carrier.address, doc.reference);

  const chainId = (await ethers.provider.getNetwork()).chainId;
  const domains = {
    obligations: {
      name: "Cargo Rails Payment Obligations",
      version: "1",
      chainId,
      verifyingContract: await obligations.getAddress(),
    },
    hkd: { name: await hkd.name(), version: "1", chainId, verifyingContract: await hkd.getAddress() },
  };
  const daAddress = await da.getAddress();
  const obligationsAddress = await obligations.getAddress();
  const now = async () => BigInt(await networkHelpers.time.latest());

  /** The exporter's instruction: the importer accepts HKD 25 000 at 90 days, within a week. */
  async function instruction(overrides: Record<string, unknown> = {}) {
    return {
      eblTokenId: tokenId,
      drawee: importer.address,
      token: await hkd.getAddress(),
      amount: AMOUNT,
      tenor: TENOR,
      acceptBy: (await now()) + 7n * DAY,
      ...overrides,
    };
  }

  /** The exporter approves the D/A contract and lodges; returns the collection id. */
  async function lodge(overrides: Record<string, unknown> = {}, lodger: HardhatEthersSigner = exporter) {
    const ins = await instruction(overrides);
    await ebl.connect(lodger).approve(daAddress, ins.eblTokenId);
    const receipt = await (await da.connect(lodger).lodge(ins)).wait();
    const log = receipt!.logs.map((l) => da.interface.parseLog(l)).find((l) => l?.name === "CollectionLodged");
    return log!.args.collectionId as string;
  }

  /** The id of the obligation an acceptance of `collectionId` issues. */
  const obligationIdOf = (collectionId: string) => obligations.obligationIdOf(daAddress, collectionId);

  /** The importer approves the obligations contract for the amount and accepts; returns the obligation id. */
  async function acceptWithAllowance(collectionId: string, amount = AMOUNT) {
    await hkd.connect(importer).approve(obligationsAddress, amount);
    await da.connect(importer).accept(collectionId, ALLOWANCE);
    return obligationIdOf(collectionId);
  }

  /**
   * The drawee's EIP-3009 `ReceiveWithAuthorization` to the obligations contract for `obligationId`, valid from
   * `maturity` (validAfter = maturity - 1) to `validBefore` (default maturity + 30 days).
   */
  async function authorization(
    obligationId: bigint,
    maturity: bigint,
    options: {
      value?: bigint;
      validBefore?: bigint;
      validAfter?: bigint;
      salt?: string;
      signer?: HardhatEthersSigner;
      to?: string;
    } = {},
  ): Promise<PaymentAuth> {
    const salt = options.salt ?? ethers.id("acceptance-1");
    const validAfter = options.validAfter ?? maturity - 1n;
    const validBefore = options.validBefore ?? maturity + 30n * DAY;
    const signer = options.signer ?? importer;
    const signature = await signer.signTypedData(domains.hkd, RECEIVE_TYPES, {
      from: importer.address,
      to: options.to ?? obligationsAddress,
      value: options.value ?? AMOUNT,
      validAfter,
      validBefore,
      nonce: ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [ethers.toBeHex(obligationId, 32), salt]),
      ),
    });
    return { method: PaymentMethod.Authorization, validAfter, deadline: validBefore, nonce: salt, signature };
  }

  /** The holder's signed discount offer of `obligationId` to `buyer` at `price`. */
  async function discountOffer(
    holder: HardhatEthersSigner,
    obligationId: bigint,
    buyer: string,
    price: bigint,
    overrides: { nonce?: bigint; deadline?: bigint } = {},
  ) {
    const offer = {
      obligationId,
      buyer,
      price,
      nonce: overrides.nonce ?? (await obligations.nonces(holder.address)),
      deadline: overrides.deadline ?? (await now()) + DAY,
    };
    return { offer, signature: await holder.signTypedData(domains.obligations, DISCOUNT_TYPES, offer) };
  }

  const parties = [exporter, importer, hkBank, cnBank, agent, outsider];

  /**
   * Everything a refusal must leave as it was: the eBL's holder and title holder, every party's deposit balance and
   * obligation count, the two contracts' balances, and the records asked for.
   */
  async function snapshot(ids: { collectionId?: string; obligationId?: bigint } = {}) {
    const state = {
      eblHolder: await ebl.holderOf(tokenId),
      eblTitle: await ebl.titleHolderOf(tokenId),
      deposits: await Promise.all(
        [...parties.map((p) => p.address), obligationsAddress, daAddress].map((a) => hkd.balanceOf(a)),
      ),
      dpos: await Promise.all(parties.map((p) => obligations.balanceOf(p.address))),
      nonces: await Promise.all(parties.map((p) => obligations.nonces(p.address))),
      collection: ids.collectionId === undefined ? null : await da.collection(ids.collectionId),
      obligation: ids.obligationId === undefined ? null : await obligations.obligation(ids.obligationId),
    };
    return JSON.stringify(state, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  }

  return {
    admin,
    registrar,
    carrier,
    exporter,
    importer,
    hkBank,
    cnBank,
    agent,
    outsider,
    regulator,
    issuer,
    stranger,
    manager,
    participants,
    ebl,
    hkd,
    obligations,
    da,
    tokenId,
    doc,
    domains,
    daAddress,
    obligationsAddress,
    now,
    register,
    instruction,
    lodge,
    obligationIdOf,
    acceptWithAllowance,
    authorization,
    discountOffer,
    snapshot,
  };
}

export type Acceptances = Awaited<ReturnType<typeof deployAcceptances>>;
