/**
 * TrustReceipts: an import loan under a trust receipt. The importer's bank holds a to-order eBL with title, opens a
 * receipt the importer signed, and the eBL moves into the contract's custody for the bank. The importer, as trustee,
 * may only surrender it for delivery or return it to the bank; title passes to it on full repayment (in tokenized
 * deposits) or when the bank releases it; the bank recalls it in default, before surrender. Every refusal is asserted
 * with its error and with nothing moved (eBL, money, receipt, nonce).
 */
import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { BytesLike } from "ethers";
import { network } from "hardhat";

import { EBL_REGISTRY_DOMAIN_NAME } from "../../sdk/src/index.js";
import { BillKind, Kinds, ONE_YEAR, sampleDocument } from "../ebl/helpers.js";
import { deployManager, depositRole, grant, wire } from "../helpers/access.js";
import { PaymentMethod, Status, TrustReceiptStatus } from "../helpers/enums.js";
import type { TrustReceipts } from "../../types/ethers-contracts/index.js";

const { ethers, networkHelpers } = await network.create();
const { loadFixture, time } = networkHelpers;

const HKD = (units: number | bigint) => BigInt(units) * 100n;
const DAY = 24n * 3600n;
const TRUST_RECEIPTS_DOMAIN_NAME = "Cargo Rails Trust Receipts";
/** The EIP-712 type the importer signs, written out independently of the contract (its type hash is checked below). */
const TERMS_TYPE =
  "TrustReceiptTerms(address bank,address importer,address registry,uint256 tokenId,address token,uint256 amount," +
  "uint64 dueDate,bytes32 loanReference,uint256 nonce,uint256 deadline)";
const TERMS_TYPES = {
  TrustReceiptTerms: [
    { name: "bank", type: "address" },
    { name: "importer", type: "address" },
    { name: "registry", type: "address" },
    { name: "tokenId", type: "uint256" },
    { name: "token", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "dueDate", type: "uint64" },
    { name: "loanReference", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

interface Terms {
  bank: string;
  importer: string;
  registry: string;
  tokenId: bigint;
  token: string;
  amount: bigint;
  dueDate: bigint;
  loanReference: string;
  nonce: bigint;
  deadline: bigint;
}

interface PaymentAuth {
  method: number;
  validAfter: bigint;
  deadline: bigint;
  nonce: BytesLike;
  signature: BytesLike;
}

const ALLOWANCE: PaymentAuth = {
  method: PaymentMethod.Allowance,
  validAfter: 0n,
  deadline: 0n,
  nonce: ethers.ZeroHash,
  signature: "0x",
};

/**
 * The rails with a trust receipts contract registered as a CUSTODY participant: a Shanghai exporter's to-order eBL
 * endorsed and delivered to the importer's Hong Kong bank (title with the bank, as after the bank paid under a credit
 * or financed the import), an importer with HKD 100 000, the bank's HKD deposit token.
 */
async function deploy() {
  const [admin, registrar, carrier, exporter, importer, bank, otherBank, buyer, outsider, regulator] =
    await ethers.getSigners();
  const manager = await deployManager(ethers, admin);
  const authority = await manager.getAddress();
  const participants = await ethers.deployContract("ParticipantRegistry", [authority]);
  const ebl = await ethers.deployContract("BillOfLadingRegistry", [await participants.getAddress(), authority]);
  await wire(manager, admin, "participants", await participants.getAddress());
  await wire(manager, admin, "ebl", await ebl.getAddress());
  await grant(manager, admin, { contract: "participants", name: "REGISTRAR" }, registrar.address);
  await grant(manager, admin, { contract: "ebl", name: "ISSUER" }, carrier.address);
  await grant(manager, admin, { contract: "ebl", name: "LEGAL_HOLD" }, regulator.address);
  const trustReceipts = (await ethers.deployContract("TrustReceipts", [
    await ebl.getAddress(),
    authority,
  ])) as TrustReceipts;
  const tr = await trustReceipts.getAddress();
  // The recovery of stray assets, as Ignition wires it: TRADE FINANCE ADMIN (held here by the manager's admin).
  await wire(manager, admin, "tradeFinance", tr);
  await grant(manager, admin, { contract: "tradeFinance", name: "ADMIN" }, admin.address);

  const validUntil = BigInt(await time.latest()) + BigInt(ONE_YEAR);
  const register = (account: string, kinds: number) =>
    participants.connect(registrar).register(account, {
      kinds,
      jurisdiction: ethers.hexlify(ethers.toUtf8Bytes("HK")),
      validUntil,
      kycReference: ethers.id(`kyc:${account}`),
    });
  await register(carrier.address, Kinds.CARRIER);
  for (const trader of [exporter, importer, buyer]) await register(trader.address, Kinds.TRADER);
  await register(bank.address, Kinds.BANK);
  await register(otherBank.address, Kinds.BANK);
  await register(regulator.address, Kinds.REGULATOR);
  await register(tr, Kinds.CUSTODY);

  const hkd = await ethers.deployContract("TokenizedDeposit", [
    {
      name: "Harbour Bank HKD Deposit",
      symbol: "hbHKD",
      decimals: 2,
      currency: ethers.hexlify(ethers.toUtf8Bytes("HKD")),
      registry: await participants.getAddress(),
      issuer: bank.address,
      issuerId: ethers.encodeBytes32String("LEI:HARBOURBANKHK0001"),
      supplyCap: 0n,
      authority,
    },
  ]);
  await wire(manager, admin, { deposit: "HKD" }, await hkd.getAddress());
  await grant(manager, admin, depositRole("HKD", "MINTER"), bank.address);
  await hkd.connect(bank).mint(importer.address, HKD(100_000), ethers.encodeBytes32String("DEP-0001"));
  await hkd.connect(bank).mint(buyer.address, HKD(100_000), ethers.encodeBytes32String("DEP-0002"));

  /** Issues a B/L to the exporter and, for a to-order one, endorses and delivers it to the bank (title with it). */
  async function bill(reference: string, kind: number = BillKind.ToOrder, consignee?: string): Promise<bigint> {
    const doc = sampleDocument(reference);
    await ebl.connect(carrier).issue(exporter.address, reference, kind, consignee ?? exporter.address, doc.hash);
    const id = await ebl.tokenIdOf(carrier.address, reference);
    if (kind === BillKind.ToOrder) await ebl.connect(exporter).endorseAndDeliver(id, bank.address);
    return id;
  }
  const tokenId = await bill("SHA2HKG000123");
  await ebl.connect(bank).setApprovalForAll(tr, true);

  const chainId = (await ethers.provider.getNetwork()).chainId;
  const domain = { name: TRUST_RECEIPTS_DOMAIN_NAME, version: "1", chainId, verifyingContract: tr };
  const hkdDomain = { name: await hkd.name(), version: "1", chainId, verifyingContract: await hkd.getAddress() };

  /** The loan: HKD 25 000 due in 90 days, on the bank's eBL, with the importer's current nonce. */
  async function terms(overrides: Partial<Terms> = {}): Promise<Terms> {
    const now = BigInt(await time.latest());
    const importerAddress = overrides.importer ?? importer.address;
    return {
      bank: bank.address,
      importer: importerAddress,
      registry: await ebl.getAddress(),
      tokenId,
      token: await hkd.getAddress(),
      amount: HKD(25_000),
      dueDate: now + 90n * DAY,
      loanReference: ethers.id("HB-IMPORT-LOAN-2026-0042"),
      nonce: await trustReceipts.nonces(importerAddress),
      deadline: now + DAY,
      ...overrides,
    };
  }
  const sign = (signer: HardhatEthersSigner, t: Terms) => signer.signTypedData(domain, TERMS_TYPES, t);

  /** Opens a receipt on `t` (default terms) signed by the importer; returns its id. */
  async function open(t?: Terms): Promise<string> {
    const tt = t ?? (await terms());
    await trustReceipts.connect(bank).open(tt, await sign(importer, tt));
    return ethers.TypedDataEncoder.hash(domain, TERMS_TYPES, tt);
  }

  /** The importer's EIP-3009 authorisation to the trust receipts contract, bound to `receiptId`. */
  async function authorization(payer: HardhatEthersSigner, value: bigint, receiptId: string, salt = ethers.id("r1")) {
    const validBefore = BigInt(await time.latest()) + 3600n;
    const nonce = ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [receiptId, salt]));
    const signature = await payer.signTypedData(
      hkdDomain,
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
      { from: payer.address, to: tr, value, validAfter: 0n, validBefore, nonce },
    );
    return { method: PaymentMethod.Authorization, validAfter: 0n, deadline: validBefore, nonce: salt, signature };
  }

  /** Everything a refusal must leave untouched. */
  async function state(receiptId: string = ethers.ZeroHash, id: bigint = tokenId) {
    const b = await ebl.billOf(id);
    const r = await trustReceipts.receiptOf(receiptId);
    return {
      holder: b.holder,
      titleHolder: b.titleHolder,
      billStatus: b.status,
      custodyForTitle: b.custodyForTitle,
      bank: await hkd.balanceOf(bank.address),
      importer: await hkd.balanceOf(importer.address),
      buyer: await hkd.balanceOf(buyer.address),
      status: r.status,
      repaid: r.repaid,
      nonce: await trustReceipts.nonces(importer.address),
      receiptOfEbl: await trustReceipts.receiptOfEbl(id),
    };
  }

  return {
    manager,
    ebl,
    hkd,
    participants,
    trustReceipts,
    tr,
    admin,
    carrier,
    exporter,
    importer,
    bank,
    otherBank,
    buyer,
    outsider,
    regulator,
    registrar,
    tokenId,
    domain,
    bill,
    terms,
    sign,
    open,
    authorization,
    state,
  };
}

type F = Awaited<ReturnType<typeof deploy>>;

/** A world with the default receipt open; `receiptId` is its id. */
async function opened() {
  const f = await deploy();
  const receiptId = await f.open();
  await f.hkd.connect(f.importer).approve(f.tr, HKD(100_000));
  return { ...f, receiptId };
}

/** The default receipt, surrendered for delivery by the importer (the carrier has not answered yet). */
async function surrendered() {
  const f = await opened();
  await f.trustReceipts.connect(f.importer).surrenderForDelivery(f.receiptId);
  return f;
}

/** Runs `refusal` (an assertion that a call reverts with a named error) and asserts that it changed nothing. */
async function nothingMoves(f: F, receiptId: string | undefined, refusal: () => Promise<unknown>) {
  const before = await f.state(receiptId);
  await refusal();
  expect(await f.state(receiptId)).to.deep.equal(before);
}

describe("TrustReceipts", function () {
  describe("deployment and the signed terms", function () {
    it("refuses a zero registry", async function () {
      const f = await loadFixture(deploy);
      const factory = await ethers.getContractFactory("TrustReceipts");
      await expect(factory.deploy(ethers.ZeroAddress, await f.manager.getAddress())).to.be.revertedWithCustomError(
        f.trustReceipts,
        "RailsZeroAddress",
      );
    });

    it("hashes the terms under the documented EIP-712 type, and the receipt id is their digest", async function () {
      const f = await loadFixture(deploy);
      expect(await f.trustReceipts.TERMS_TYPEHASH()).to.equal(ethers.id(TERMS_TYPE));
      const t = await f.terms();
      expect(await f.trustReceipts.hashTerms(t)).to.equal(ethers.TypedDataEncoder.hash(f.domain, TERMS_TYPES, t));
      const domain = await f.trustReceipts.eip712Domain();
      expect([domain.name, domain.version]).to.deep.equal([TRUST_RECEIPTS_DOMAIN_NAME, "1"]);
      expect(await f.trustReceipts.registry()).to.equal(await f.ebl.getAddress());
    });
  });

  describe("opening", function () {
    it("moves the bank's eBL into custody for the bank's title, records the receipt and consumes the importer's nonce", async function () {
      const f = await loadFixture(deploy);
      const t = await f.terms();
      const receiptId = await f.trustReceipts.hashTerms(t);
      await expect(f.trustReceipts.connect(f.bank).open(t, await f.sign(f.importer, t)))
        .to.emit(f.trustReceipts, "TrustReceiptOpened")
        .withArgs(
          receiptId,
          f.bank.address,
          f.importer.address,
          f.tokenId,
          t.token,
          t.amount,
          t.dueDate,
          t.loanReference,
        )
        .and.to.emit(f.ebl, "PossessionTransferred")
        .withArgs(f.tokenId, f.bank.address, f.tr, f.tr);
      const bill = await f.ebl.billOf(f.tokenId);
      expect([bill.holder, bill.titleHolder, bill.custodyForTitle]).to.deep.equal([f.tr, f.bank.address, true]);
      const r = await f.trustReceipts.receiptOf(receiptId);
      expect([r.bank, r.importer, r.token, r.tokenId, r.amount, r.repaid, r.dueDate, r.status]).to.deep.equal([
        f.bank.address,
        f.importer.address,
        t.token,
        f.tokenId,
        t.amount,
        0n,
        t.dueDate,
        BigInt(TrustReceiptStatus.Active),
      ]);
      expect(await f.trustReceipts.receiptOfEbl(f.tokenId)).to.equal(receiptId);
      expect(await f.trustReceipts.nonces(f.importer.address)).to.equal(1n);
    });

    it("opens on a blank-endorsed eBL the bank holds (bearer: the holder has title)", async function () {
      const f = await loadFixture(deploy);
      const doc = sampleDocument("SHA2HKG000200");
      await f.ebl
        .connect(f.carrier)
        .issue(f.exporter.address, doc.reference, BillKind.ToOrder, f.exporter.address, doc.hash);
      const id = await f.ebl.tokenIdOf(f.carrier.address, doc.reference);
      await f.ebl.connect(f.exporter).blankEndorse(id);
      await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, f.bank.address, id);
      const receiptId = await f.open(await f.terms({ tokenId: id }));
      const bill = await f.ebl.billOf(id);
      expect([bill.holder, bill.titleHolder, bill.custodyForTitle]).to.deep.equal([f.tr, ethers.ZeroAddress, true]);
      // Repaid in full, the bearer eBL is endorsed to the importer by name.
      await f.hkd.connect(f.importer).approve(f.tr, HKD(25_000));
      await f.trustReceipts.connect(f.importer).repay(receiptId, HKD(25_000), ALLOWANCE);
      expect([await f.ebl.holderOf(id), await f.ebl.titleHolderOf(id)]).to.deep.equal([
        f.importer.address,
        f.importer.address,
      ]);
    });

    it("accepts an importer that signs through a smart account (ERC-1271)", async function () {
      const f = await loadFixture(deploy);
      const account = await ethers.deployContract("TestSmartAccount", [f.importer.address]);
      const t = await f.terms({ importer: await account.getAddress() });
      await f.trustReceipts.connect(f.bank).open(t, await f.sign(f.importer, t));
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.tr);
      expect(await f.trustReceipts.nonces(await account.getAddress())).to.equal(1n);
    });

    const refusals: { name: string; error: string; act: (f: F) => Promise<unknown> }[] = [
      {
        name: "a caller other than the bank named in the terms",
        error: "TrustReceiptNotBank",
        act: async (f) => {
          const t = await f.terms();
          return f.trustReceipts.connect(f.importer).open(t, await f.sign(f.importer, t));
        },
      },
      {
        name: "terms naming another eBL registry",
        error: "TrustReceiptWrongRegistry",
        act: async (f) => {
          const t = await f.terms({ registry: f.outsider.address });
          return f.trustReceipts.connect(f.bank).open(t, await f.sign(f.importer, t));
        },
      },
      {
        name: "a zero importer",
        error: "RailsZeroAddress",
        act: async (f) => {
          const t = await f.terms({ importer: ethers.ZeroAddress });
          return f.trustReceipts.connect(f.bank).open(t, await f.sign(f.importer, t));
        },
      },
      {
        name: "a zero deposit token",
        error: "RailsZeroAddress",
        act: async (f) => {
          const t = await f.terms({ token: ethers.ZeroAddress });
          return f.trustReceipts.connect(f.bank).open(t, await f.sign(f.importer, t));
        },
      },
      {
        name: "a zero amount",
        error: "RailsZeroAmount",
        act: async (f) => {
          const t = await f.terms({ amount: 0n });
          return f.trustReceipts.connect(f.bank).open(t, await f.sign(f.importer, t));
        },
      },
      {
        name: "a due date that is not in the future",
        error: "TrustReceiptInvalidDueDate",
        act: async (f) => {
          const t = await f.terms({ dueDate: BigInt(await time.latest()) });
          return f.trustReceipts.connect(f.bank).open(t, await f.sign(f.importer, t));
        },
      },
      {
        name: "a signature past its deadline",
        error: "RailsExpired",
        act: async (f) => {
          const t = await f.terms({ deadline: BigInt(await time.latest()) });
          return f.trustReceipts.connect(f.bank).open(t, await f.sign(f.importer, t));
        },
      },
      {
        name: "terms not signed by the importer",
        error: "RailsInvalidSignature",
        act: async (f) => {
          const t = await f.terms();
          return f.trustReceipts.connect(f.bank).open(t, await f.sign(f.buyer, t));
        },
      },
      {
        name: "terms signed with a nonce that is not the importer's current one",
        error: "RailsInvalidSignature",
        act: async (f) => {
          const t = await f.terms({ nonce: 1n });
          return f.trustReceipts.connect(f.bank).open(t, await f.sign(f.importer, t));
        },
      },
      {
        name: "a straight B/L (only its consignee can surrender it; it cannot be endorsed)",
        error: "TrustReceiptStraightBill",
        act: async (f) => {
          const id = await f.bill("SHA2HKG000300", BillKind.Straight, f.bank.address);
          await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, f.bank.address, id);
          const t = await f.terms({ tokenId: id });
          return f.trustReceipts.connect(f.bank).open(t, await f.sign(f.importer, t));
        },
      },
      {
        name: "an eBL the bank does not hold",
        error: "TrustReceiptBankNotHolder",
        act: async (f) => {
          await f.ebl.connect(f.bank).transferFrom(f.bank.address, f.otherBank.address, f.tokenId);
          const t = await f.terms();
          return f.trustReceipts.connect(f.bank).open(t, await f.sign(f.importer, t));
        },
      },
      {
        name: "an eBL the bank holds without title (a pledge of the exporter's title)",
        error: "TrustReceiptNoTitle",
        act: async (f) => {
          const doc = sampleDocument("SHA2HKG000400");
          await f.ebl
            .connect(f.carrier)
            .issue(f.exporter.address, doc.reference, BillKind.ToOrder, f.exporter.address, doc.hash);
          const id = await f.ebl.tokenIdOf(f.carrier.address, doc.reference);
          await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, f.bank.address, id);
          const t = await f.terms({ tokenId: id });
          return f.trustReceipts.connect(f.bank).open(t, await f.sign(f.importer, t));
        },
      },
    ];
    for (const r of refusals) {
      it(`refuses ${r.name} (${r.error}), moving nothing`, async function () {
        const f = await loadFixture(deploy);
        const before = await f.state();
        const holders = [await f.ebl.holderOf(f.tokenId)];
        await expect(r.act(f)).to.be.revertedWithCustomError(f.trustReceipts, r.error);
        const after = await f.state();
        // The set-up of some cases moves an eBL first; the receipt side (nonce, custody, money) must not change.
        expect([after.nonce, after.receiptOfEbl, after.bank, after.importer]).to.deep.equal([
          before.nonce,
          before.receiptOfEbl,
          before.bank,
          before.importer,
        ]);
        expect(await f.ebl.balanceOf(f.tr)).to.equal(0n);
        if (r.error !== "TrustReceiptBankNotHolder") expect([await f.ebl.holderOf(f.tokenId)]).to.deep.equal(holders);
      });
    }

    it("refuses the same signed terms a second time (RailsInvalidSignature: the nonce was consumed)", async function () {
      const f = await loadFixture(deploy);
      const t = await f.terms();
      const signature = await f.sign(f.importer, t);
      const receiptId = await f.open(t);
      await f.trustReceipts.connect(f.importer).returnToBank(receiptId);
      await nothingMoves(f, receiptId, () =>
        expect(f.trustReceipts.connect(f.bank).open(t, signature)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "RailsInvalidSignature",
        ),
      );
    });
  });

  describe("the importer as trustee: surrender for delivery", function () {
    it("surrenders the eBL to the carrier for the importer; title stays with the bank and the debt remains", async function () {
      const f = await loadFixture(opened);
      await expect(f.trustReceipts.connect(f.importer).surrenderForDelivery(f.receiptId))
        .to.emit(f.trustReceipts, "TrustReceiptSurrendered")
        .withArgs(f.receiptId, f.importer.address, f.bank.address, f.tokenId)
        .and.to.emit(f.ebl, "Surrendered")
        .withArgs(f.tokenId, f.tr, f.carrier.address, false, f.tr);
      const bill = await f.ebl.billOf(f.tokenId);
      expect([bill.status, bill.titleHolder]).to.deep.equal([BigInt(Status.SurrenderedForDelivery), f.bank.address]);
      expect((await f.trustReceipts.receiptOf(f.receiptId)).status).to.equal(TrustReceiptStatus.Surrendered);

      // The carrier delivers the goods: the eBL is accomplished, the loan still outstanding and repayable.
      await f.ebl.connect(f.carrier).acceptSurrender(f.tokenId);
      expect((await f.ebl.billOf(f.tokenId)).status).to.equal(Status.Accomplished);
      await expect(f.trustReceipts.connect(f.importer).repay(f.receiptId, HKD(25_000), ALLOWANCE))
        .to.emit(f.trustReceipts, "TrustReceiptRepaid")
        .withArgs(f.receiptId, f.importer.address)
        .and.not.to.emit(f.trustReceipts, "TrustReceiptTitleDelivered");
      expect(await f.hkd.balanceOf(f.bank.address)).to.equal(HKD(25_000));
    });

    it("comes back into trust when the carrier rejects the surrender (resume, by anyone)", async function () {
      const f = await loadFixture(surrendered);
      await f.ebl.connect(f.carrier).rejectSurrender(f.tokenId);
      await expect(f.trustReceipts.connect(f.outsider).resume(f.receiptId))
        .to.emit(f.trustReceipts, "TrustReceiptResumed")
        .withArgs(f.receiptId, f.tokenId);
      expect((await f.trustReceipts.receiptOf(f.receiptId)).status).to.equal(TrustReceiptStatus.Active);
      expect((await f.ebl.billOf(f.tokenId)).custodyForTitle).to.equal(true);
      // Active again: the importer may surrender once more.
      await f.trustReceipts.connect(f.importer).surrenderForDelivery(f.receiptId);
      expect(await f.ebl.surrendererOf(f.tokenId)).to.equal(f.tr);
    });

    it("refuses a surrender by anyone but the importer (TrustReceiptNotImporter)", async function () {
      const f = await loadFixture(opened);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.bank).surrenderForDelivery(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptNotImporter",
        ),
      );
    });

    it("refuses a surrender by an importer in default (TrustReceiptInDefault)", async function () {
      const f = await loadFixture(opened);
      await time.increaseTo((await f.trustReceipts.receiptOf(f.receiptId)).dueDate + 1n);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.importer).surrenderForDelivery(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptInDefault",
        ),
      );
    });

    it("refuses a second surrender while the first is pending (TrustReceiptInvalidStatus)", async function () {
      const f = await loadFixture(surrendered);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.importer).surrenderForDelivery(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptInvalidStatus",
        ),
      );
    });

    it("refuses resume while the carrier has not answered (TrustReceiptEblNotBack)", async function () {
      const f = await loadFixture(surrendered);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.outsider).resume(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptEblNotBack",
        ),
      );
    });

    it("refuses resume after the carrier accepted the surrender (TrustReceiptEblNotBack)", async function () {
      const f = await loadFixture(surrendered);
      await f.ebl.connect(f.carrier).acceptSurrender(f.tokenId);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.outsider).resume(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptEblNotBack",
        ),
      );
    });

    it("refuses resume of a receipt that never left custody (TrustReceiptInvalidStatus)", async function () {
      const f = await loadFixture(opened);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.outsider).resume(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptInvalidStatus",
        ),
      );
    });
  });

  describe("no transfer, no endorsement under a trust receipt", function () {
    it("refuses the importer's transfer of the eBL at the registry: neither holder nor approved (ERC721InsufficientApproval)", async function () {
      const f = await loadFixture(opened);
      const before = await f.state(f.receiptId);
      await expect(
        f.ebl.connect(f.importer).transferFrom(f.tr, f.buyer.address, f.tokenId),
      ).to.be.revertedWithCustomError(f.ebl, "ERC721InsufficientApproval");
      expect(await f.state(f.receiptId)).to.deep.equal(before);
    });

    it("refuses the importer's endorsement of the eBL at the registry (EblNotHolder)", async function () {
      const f = await loadFixture(opened);
      const before = await f.state(f.receiptId);
      await expect(
        f.ebl.connect(f.importer).endorseAndDeliver(f.tokenId, f.buyer.address),
      ).to.be.revertedWithCustomError(f.ebl, "EblNotHolder");
      expect(await f.state(f.receiptId)).to.deep.equal(before);
    });

    it("refuses a transfer asked of the contract itself: it has no such function (TrustReceiptActionNotAllowed)", async function () {
      const f = await loadFixture(opened);
      const asRegistry = new ethers.Contract(f.tr, f.ebl.interface, f.importer);
      const selector = f.ebl.interface.getFunction("transferFrom")!.selector;
      const before = await f.state(f.receiptId);
      await expect(asRegistry.transferFrom(f.tr, f.buyer.address, f.tokenId))
        .to.be.revertedWithCustomError(f.trustReceipts, "TrustReceiptActionNotAllowed")
        .withArgs(selector);
      expect(await f.state(f.receiptId)).to.deep.equal(before);
    });

    it("refuses an endorsement asked of the contract itself (TrustReceiptActionNotAllowed)", async function () {
      const f = await loadFixture(opened);
      const asRegistry = new ethers.Contract(f.tr, f.ebl.interface, f.importer);
      const before = await f.state(f.receiptId);
      await expect(asRegistry.endorseAndDeliver(f.tokenId, f.buyer.address)).to.be.revertedWithCustomError(
        f.trustReceipts,
        "TrustReceiptActionNotAllowed",
      );
      expect(await f.state(f.receiptId)).to.deep.equal(before);
    });

    it("refuses an eBL sent to it by safeTransferFrom outside a receipt (TrustReceiptActionNotAllowed)", async function () {
      const f = await loadFixture(deploy);
      const before = await f.state();
      await expect(
        f.ebl.connect(f.bank)["safeTransferFrom(address,address,uint256)"](f.bank.address, f.tr, f.tokenId),
      ).to.be.revertedWithCustomError(f.trustReceipts, "TrustReceiptActionNotAllowed");
      expect(await f.state()).to.deep.equal(before);
    });
  });

  describe("repayment", function () {
    it("takes partial repayments, then on the last one passes title to the importer in the same transaction", async function () {
      const f = await loadFixture(opened);
      await expect(f.trustReceipts.connect(f.importer).repay(f.receiptId, HKD(10_000), ALLOWANCE))
        .to.emit(f.trustReceipts, "TrustReceiptRepayment")
        .withArgs(f.receiptId, f.importer.address, HKD(10_000), HKD(10_000))
        .and.not.to.emit(f.trustReceipts, "TrustReceiptRepaid");
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.tr);
      await expect(f.trustReceipts.connect(f.importer).repay(f.receiptId, HKD(15_000), ALLOWANCE))
        .to.emit(f.trustReceipts, "TrustReceiptRepaid")
        .withArgs(f.receiptId, f.importer.address)
        .and.to.emit(f.trustReceipts, "TrustReceiptTitleDelivered")
        .withArgs(f.receiptId, f.importer.address, f.tokenId)
        .and.to.emit(f.ebl, "Endorsed")
        .withArgs(f.tokenId, f.tr, f.importer.address, f.bank.address, f.tr, true);
      expect(await f.hkd.balanceOf(f.bank.address)).to.equal(HKD(25_000));
      expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(75_000));
      const bill = await f.ebl.billOf(f.tokenId);
      expect([bill.holder, bill.titleHolder, bill.custodyForTitle]).to.deep.equal([
        f.importer.address,
        f.importer.address,
        false,
      ]);
      const r = await f.trustReceipts.receiptOf(f.receiptId);
      expect([r.status, r.repaid]).to.deep.equal([BigInt(TrustReceiptStatus.Repaid), HKD(25_000)]);
      expect(await f.trustReceipts.receiptOfEbl(f.tokenId)).to.equal(ethers.ZeroHash);
    });

    it("takes a repayment from anyone for the importer (the goods' buyer), title still going to the importer", async function () {
      const f = await loadFixture(opened);
      await f.hkd.connect(f.buyer).approve(f.tr, HKD(25_000));
      await expect(f.trustReceipts.connect(f.buyer).repay(f.receiptId, HKD(25_000), ALLOWANCE))
        .to.emit(f.trustReceipts, "TrustReceiptRepayment")
        .withArgs(f.receiptId, f.buyer.address, HKD(25_000), HKD(25_000));
      expect(await f.hkd.balanceOf(f.buyer.address)).to.equal(HKD(75_000));
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.importer.address);
    });

    it("takes a repayment by EIP-3009 authorisation bound to the receipt", async function () {
      const f = await loadFixture(opened);
      await f.hkd.connect(f.importer).approve(f.tr, 0n);
      const auth = await f.authorization(f.importer, HKD(25_000), f.receiptId);
      await f.trustReceipts.connect(f.importer).repay(f.receiptId, HKD(25_000), auth);
      expect(await f.hkd.balanceOf(f.bank.address)).to.equal(HKD(25_000));
      expect(await f.hkd.balanceOf(f.tr)).to.equal(0n);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.importer.address);
    });

    it("repaid in full while the surrender is pending: a rejected surrender's eBL then goes to the importer", async function () {
      const f = await loadFixture(surrendered);
      await expect(f.trustReceipts.connect(f.importer).repay(f.receiptId, HKD(25_000), ALLOWANCE)).not.to.emit(
        f.trustReceipts,
        "TrustReceiptTitleDelivered",
      );
      await f.ebl.connect(f.carrier).rejectSurrender(f.tokenId);
      await expect(f.trustReceipts.connect(f.outsider).resume(f.receiptId))
        .to.emit(f.trustReceipts, "TrustReceiptTitleDelivered")
        .withArgs(f.receiptId, f.importer.address, f.tokenId);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
      expect((await f.trustReceipts.receiptOf(f.receiptId)).status).to.equal(TrustReceiptStatus.Repaid);
    });

    it("refuses a zero repayment (RailsZeroAmount)", async function () {
      const f = await loadFixture(opened);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.importer).repay(f.receiptId, 0n, ALLOWANCE)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "RailsZeroAmount",
        ),
      );
    });

    it("refuses a repayment above the outstanding (TrustReceiptOverpayment)", async function () {
      const f = await loadFixture(opened);
      await f.trustReceipts.connect(f.importer).repay(f.receiptId, HKD(20_000), ALLOWANCE);
      await expect(f.trustReceipts.connect(f.importer).repay(f.receiptId, HKD(5_001), ALLOWANCE))
        .to.be.revertedWithCustomError(f.trustReceipts, "TrustReceiptOverpayment")
        .withArgs(f.receiptId, HKD(5_000), HKD(5_001));
      await nothingMoves(f, f.receiptId, () =>
        expect(
          f.trustReceipts.connect(f.importer).repay(f.receiptId, HKD(5_001), ALLOWANCE),
        ).to.be.revertedWithCustomError(f.trustReceipts, "TrustReceiptOverpayment"),
      );
    });

    it("refuses a repayment of a receipt repaid in full (TrustReceiptInvalidStatus)", async function () {
      const f = await loadFixture(opened);
      await f.trustReceipts.connect(f.importer).repay(f.receiptId, HKD(25_000), ALLOWANCE);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.importer).repay(f.receiptId, 1n, ALLOWANCE)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptInvalidStatus",
        ),
      );
    });

    it("refuses a repayment of a receipt never opened (TrustReceiptInvalidStatus)", async function () {
      const f = await loadFixture(opened);
      await nothingMoves(f, f.receiptId, () =>
        expect(
          f.trustReceipts.connect(f.importer).repay(ethers.id("nothing"), 1n, ALLOWANCE),
        ).to.be.revertedWithCustomError(f.trustReceipts, "TrustReceiptInvalidStatus"),
      );
    });

    it("refuses a repayment in a token that pays the bank short (RailPaymentShortfall)", async function () {
      const f = await loadFixture(deploy);
      const liar = await ethers.deployContract("LyingPaymentToken");
      await liar.mint(f.importer.address, HKD(25_000));
      const receiptId = await f.open(await f.terms({ token: await liar.getAddress() }));
      await liar.connect(f.importer).approve(f.tr, HKD(25_000));
      await liar.setLie(4, ethers.ZeroAddress); // DebitWithoutCredit: the bank is credited nothing
      const before = await f.state(receiptId);
      await expect(
        f.trustReceipts.connect(f.importer).repay(receiptId, HKD(25_000), ALLOWANCE),
      ).to.be.revertedWithCustomError(f.trustReceipts, "RailPaymentShortfall");
      expect(await f.state(receiptId)).to.deep.equal(before);
      expect(await liar.balanceOf(f.importer.address)).to.equal(HKD(25_000));
    });
  });

  describe("release by the bank", function () {
    it("waives the security interest: title and the eBL pass to the importer at once", async function () {
      const f = await loadFixture(opened);
      await f.trustReceipts.connect(f.importer).repay(f.receiptId, HKD(5_000), ALLOWANCE);
      await expect(f.trustReceipts.connect(f.bank).release(f.receiptId))
        .to.emit(f.trustReceipts, "TrustReceiptReleased")
        .withArgs(f.receiptId, f.bank.address, HKD(20_000))
        .and.to.emit(f.trustReceipts, "TrustReceiptTitleDelivered")
        .withArgs(f.receiptId, f.importer.address, f.tokenId);
      expect([await f.ebl.holderOf(f.tokenId), await f.ebl.titleHolderOf(f.tokenId)]).to.deep.equal([
        f.importer.address,
        f.importer.address,
      ]);
      expect((await f.trustReceipts.receiptOf(f.receiptId)).status).to.equal(TrustReceiptStatus.Released);
    });

    it("released while the surrender is pending: a rejected surrender's eBL then goes to the importer", async function () {
      const f = await loadFixture(surrendered);
      await f.trustReceipts.connect(f.bank).release(f.receiptId);
      await f.ebl.connect(f.carrier).rejectSurrender(f.tokenId);
      await f.trustReceipts.connect(f.outsider).resume(f.receiptId);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.trustReceipts.receiptOfEbl(f.tokenId)).to.equal(ethers.ZeroHash);
    });

    it("refuses a release by anyone but the bank (TrustReceiptNotBank)", async function () {
      const f = await loadFixture(opened);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.importer).release(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptNotBank",
        ),
      );
    });

    it("refuses a release of a receipt that ended (TrustReceiptInvalidStatus)", async function () {
      const f = await loadFixture(opened);
      await f.trustReceipts.connect(f.importer).returnToBank(f.receiptId);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.bank).release(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptInvalidStatus",
        ),
      );
    });
  });

  describe("return to the bank", function () {
    it("gives the eBL back to the bank; the receipt ends with the outstanding recorded", async function () {
      const f = await loadFixture(opened);
      await f.trustReceipts.connect(f.importer).repay(f.receiptId, HKD(1_000), ALLOWANCE);
      await expect(f.trustReceipts.connect(f.importer).returnToBank(f.receiptId))
        .to.emit(f.trustReceipts, "TrustReceiptReturned")
        .withArgs(f.receiptId, f.importer.address, f.bank.address, HKD(24_000));
      const bill = await f.ebl.billOf(f.tokenId);
      expect([bill.holder, bill.titleHolder, bill.custodyForTitle]).to.deep.equal([
        f.bank.address,
        f.bank.address,
        false,
      ]);
      expect((await f.trustReceipts.receiptOf(f.receiptId)).status).to.equal(TrustReceiptStatus.Returned);
      expect(await f.trustReceipts.receiptOfEbl(f.tokenId)).to.equal(ethers.ZeroHash);
    });

    it("refuses a return by anyone but the importer (TrustReceiptNotImporter)", async function () {
      const f = await loadFixture(opened);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.bank).returnToBank(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptNotImporter",
        ),
      );
    });

    it("refuses a return while the eBL is with the carrier (TrustReceiptInvalidStatus)", async function () {
      const f = await loadFixture(surrendered);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.importer).returnToBank(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptInvalidStatus",
        ),
      );
    });
  });

  describe("recall in default", function () {
    it("gives the bank its eBL back after the due date, before surrender; the debt is recorded", async function () {
      const f = await loadFixture(opened);
      await f.trustReceipts.connect(f.importer).repay(f.receiptId, HKD(5_000), ALLOWANCE);
      await time.increaseTo((await f.trustReceipts.receiptOf(f.receiptId)).dueDate + 1n);
      await expect(f.trustReceipts.connect(f.bank).recall(f.receiptId))
        .to.emit(f.trustReceipts, "TrustReceiptRecalled")
        .withArgs(f.receiptId, f.bank.address, HKD(20_000));
      expect([await f.ebl.holderOf(f.tokenId), await f.ebl.titleHolderOf(f.tokenId)]).to.deep.equal([
        f.bank.address,
        f.bank.address,
      ]);
      expect((await f.trustReceipts.receiptOf(f.receiptId)).status).to.equal(TrustReceiptStatus.Recalled);
    });

    it("refuses a recall on the due date itself, before default (TrustReceiptNotInDefault)", async function () {
      const f = await loadFixture(opened);
      await time.setNextBlockTimestamp((await f.trustReceipts.receiptOf(f.receiptId)).dueDate);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.bank).recall(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptNotInDefault",
        ),
      );
    });

    it("refuses a recall by anyone but the bank (TrustReceiptNotBank)", async function () {
      const f = await loadFixture(opened);
      await time.increaseTo((await f.trustReceipts.receiptOf(f.receiptId)).dueDate + 1n);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.otherBank).recall(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptNotBank",
        ),
      );
    });

    it("refuses a recall after surrender (TrustReceiptInvalidStatus)", async function () {
      const f = await loadFixture(surrendered);
      await time.increaseTo((await f.trustReceipts.receiptOf(f.receiptId)).dueDate + 1n);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.connect(f.bank).recall(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptInvalidStatus",
        ),
      );
    });
  });

  describe("default after surrender", function () {
    it("records the default (anyone); late repayment still ends the receipt as Repaid", async function () {
      const f = await loadFixture(surrendered);
      await f.ebl.connect(f.carrier).acceptSurrender(f.tokenId);
      await time.increaseTo((await f.trustReceipts.receiptOf(f.receiptId)).dueDate + 1n);
      await expect(f.trustReceipts.connect(f.outsider).markDefaulted(f.receiptId))
        .to.emit(f.trustReceipts, "TrustReceiptDefaulted")
        .withArgs(f.receiptId, f.importer.address, HKD(25_000));
      expect((await f.trustReceipts.receiptOf(f.receiptId)).status).to.equal(TrustReceiptStatus.Defaulted);
      await f.trustReceipts.connect(f.importer).repay(f.receiptId, HKD(25_000), ALLOWANCE);
      expect((await f.trustReceipts.receiptOf(f.receiptId)).status).to.equal(TrustReceiptStatus.Repaid);
    });

    it("a defaulted receipt whose surrender the carrier rejects comes back Active, and the bank may recall", async function () {
      const f = await loadFixture(surrendered);
      await time.increaseTo((await f.trustReceipts.receiptOf(f.receiptId)).dueDate + 1n);
      await f.trustReceipts.markDefaulted(f.receiptId);
      await f.ebl.connect(f.carrier).rejectSurrender(f.tokenId);
      await f.trustReceipts.resume(f.receiptId);
      expect((await f.trustReceipts.receiptOf(f.receiptId)).status).to.equal(TrustReceiptStatus.Active);
      await f.trustReceipts.connect(f.bank).recall(f.receiptId);
      expect(await f.ebl.holderOf(f.tokenId)).to.equal(f.bank.address);
    });

    it("refuses to record a default before the due date has passed (TrustReceiptNotInDefault)", async function () {
      const f = await loadFixture(surrendered);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.markDefaulted(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptNotInDefault",
        ),
      );
    });

    it("refuses to record a default on a receipt whose eBL is still in custody (TrustReceiptInvalidStatus)", async function () {
      const f = await loadFixture(opened);
      await time.increaseTo((await f.trustReceipts.receiptOf(f.receiptId)).dueDate + 1n);
      await nothingMoves(f, f.receiptId, () =>
        expect(f.trustReceipts.markDefaulted(f.receiptId)).to.be.revertedWithCustomError(
          f.trustReceipts,
          "TrustReceiptInvalidStatus",
        ),
      );
    });
  });

  describe("the registry's controls apply", function () {
    it("a legal hold on the eBL stops the importer's surrender (the registry's EblOnLegalHold); lifted, it proceeds", async function () {
      const f = await loadFixture(opened);
      await f.ebl.connect(f.regulator).placeLegalHold(f.tokenId, ethers.id("ORDER-1"));
      const before = await f.state(f.receiptId);
      await expect(f.trustReceipts.connect(f.importer).surrenderForDelivery(f.receiptId)).to.be.revertedWithCustomError(
        f.ebl,
        "EblOnLegalHold",
      );
      expect(await f.state(f.receiptId)).to.deep.equal(before);
      await f.ebl.connect(f.regulator).liftLegalHold(f.tokenId, ethers.id("ORDER-1"));
      await f.trustReceipts.connect(f.importer).surrenderForDelivery(f.receiptId);
    });
  });
});

describe("TrustReceipts: recovery of stray assets (TRADE FINANCE ADMIN)", function () {
  it("sends back an eBL moved in with a plain transferFrom, for the role holder", async function () {
    const f = await loadFixture(deploy);
    await f.ebl.connect(f.bank).transferFrom(f.bank.address, f.tr, f.tokenId);
    await expect(f.trustReceipts.connect(f.admin).recoverStrayEbl(await f.ebl.getAddress(), f.tokenId, f.bank.address))
      .to.emit(f.trustReceipts, "StrayAssetRecovered")
      .withArgs(await f.ebl.getAddress(), f.bank.address, f.tokenId);
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.bank.address);
  });

  it("sends back deposits sent with a plain transfer: repayments never stay, so the whole balance is stray", async function () {
    const f = await loadFixture(deploy);
    await f.hkd.connect(f.importer).transfer(f.tr, HKD(1_000));
    await expect(
      f.trustReceipts.connect(f.admin).recoverStrayToken(await f.hkd.getAddress(), f.importer.address, HKD(1_000)),
    )
      .to.emit(f.trustReceipts, "StrayAssetRecovered")
      .withArgs(await f.hkd.getAddress(), f.importer.address, HKD(1_000));
    expect(await f.hkd.balanceOf(f.tr)).to.equal(0n);
    expect(await f.hkd.balanceOf(f.importer.address)).to.equal(HKD(100_000));
  });

  it("refuses recoverStrayEbl to an account without TRADE FINANCE ADMIN (AccessManagedUnauthorized)", async function () {
    const f = await loadFixture(deploy);
    await f.ebl.connect(f.bank).transferFrom(f.bank.address, f.tr, f.tokenId);
    await expect(
      f.trustReceipts.connect(f.bank).recoverStrayEbl(await f.ebl.getAddress(), f.tokenId, f.bank.address),
    ).to.be.revertedWithCustomError(f.trustReceipts, "AccessManagedUnauthorized");
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.tr);
  });

  it("refuses recoverStrayToken to an account without TRADE FINANCE ADMIN (AccessManagedUnauthorized)", async function () {
    const f = await loadFixture(deploy);
    await f.hkd.connect(f.importer).transfer(f.tr, HKD(1_000));
    await expect(
      f.trustReceipts.connect(f.importer).recoverStrayToken(await f.hkd.getAddress(), f.importer.address, HKD(1_000)),
    ).to.be.revertedWithCustomError(f.trustReceipts, "AccessManagedUnauthorized");
    expect(await f.hkd.balanceOf(f.tr)).to.equal(HKD(1_000));
  });

  it("refuses the eBL of an open receipt (TradeFinanceAssetHeld), and nothing moves", async function () {
    const f = await loadFixture(deploy);
    const receiptId = await f.open();
    const registry = await f.ebl.getAddress();
    await nothingMoves(f, receiptId, () =>
      expect(f.trustReceipts.connect(f.admin).recoverStrayEbl(registry, f.tokenId, f.bank.address))
        .to.be.revertedWithCustomError(f.trustReceipts, "TradeFinanceAssetHeld")
        .withArgs(registry, f.tokenId),
    );
  });

  it("refuses the eBL of a surrendered receipt, which a rejected surrender brings back (TradeFinanceAssetHeld)", async function () {
    const f = await loadFixture(deploy);
    const receiptId = await f.open();
    await f.trustReceipts.connect(f.importer).surrenderForDelivery(receiptId);
    await f.ebl.connect(f.carrier).rejectSurrender(f.tokenId);
    const registry = await f.ebl.getAddress();
    await nothingMoves(f, receiptId, () =>
      expect(
        f.trustReceipts.connect(f.admin).recoverStrayEbl(registry, f.tokenId, f.bank.address),
      ).to.be.revertedWithCustomError(f.trustReceipts, "TradeFinanceAssetHeld"),
    );
  });
});
