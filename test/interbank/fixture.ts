/**
 * The interbank rails on top of the settlement tests' system (test/settlement/fixture.ts): tokenized reserves of HKD
 * and CNH issued by their central banks, three banks' deposit tokens (Harbour Bank HKD, Kowloon Bank HKD, Pudong Bank
 * CNH), an FX dealer bank holding reserves in both currencies, the interbank payments contract and the cross-bank
 * settlement contract, wired as a deployment would wire them.
 *
 * Role ids of deposit tokens are per currency (`(currency << 8) | offset`, sdk/src/roles.ts), so the two HKD tokens
 * share them: whoever holds "HKD MINTER" may mint on both. Here that is deliberate and limited: the interbank contract
 * holds HKD MINTER and BURNER (it must, for both HKD banks), Harbour Bank keeps the HKD roles the settlement fixture
 * gave it, and Kowloon Bank gets none (its customer's account starts empty).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import type { Signer } from "ethers";

import { ZERO_QUOTE, crossBankTermsTypes, interbankQuoteTypes } from "../../sdk/src/index.js";

import { Kinds, ONE_YEAR } from "../ebl/helpers.js";
import { depositRole, grant, wire, wireSettlement } from "../helpers/access.js";
import {
  HKD,
  NO_EBL_AUTH,
  deploySystem,
  ethers,
  networkHelpers,
  type EblAuth,
  type Terms,
} from "../settlement/fixture.js";

export { HKD };
/** CNH amounts in base units (2 decimals, as the HKD token). */
export const CNH = (units: number | bigint) => BigInt(units) * 100n;

/** The scale of a quote's rate (`InterbankPayments.RATE_SCALE`). */
export const RATE_SCALE = 10n ** 18n;
/** The dealer's HKD→CNH rate in the tests: 0.9173 CNH per HKD (both with 2 decimals, so per base unit too). */
export const HKD_CNH = 9173n * 10n ** 14n;

export interface Quote {
  dealer: string;
  taker: string;
  payReserve: string;
  receiveReserve: string;
  rate: bigint;
  maxPayAmount: bigint;
  expiry: bigint;
  nonce: bigint;
}

export interface Payment {
  payerToken: string;
  payer: string;
  payAmount: bigint;
  payeeToken: string;
  payee: string;
  receiveAmount: bigint;
  paymentId: string;
}

export interface CrossBankTerms {
  terms: Terms;
  payeeToken: string;
  payeeAmount: bigint;
  quote: Quote;
}

export interface CrossBankSettlementInput {
  terms: CrossBankTerms;
  sellerSignature: string;
  buyerSignature: string;
  eblAuth: EblAuth;
  dealerSignature: string;
}

/** The "no quote" of a payment in one currency: every field zero (the SDK's). */
export const NO_QUOTE: Quote = { ...ZERO_QUOTE };

/** EIP-712 types of a dealer's quote (InterbankPayments.QUOTE_TYPEHASH): the SDK's, as ethers takes them. */
export const QUOTE_TYPES = { Quote: [...interbankQuoteTypes.Quote] };

/** EIP-712 types of cross-bank terms (CrossBankSettlement.CROSS_BANK_TERMS_TYPEHASH): the SDK's. */
export const CROSS_BANK_TERMS_TYPES = Object.fromEntries(
  Object.entries(crossBankTermsTypes).map(([name, fields]) => [name, [...fields]]),
);

export const INTERBANK_DOMAIN = { name: "Cargo Rails Interbank Payments", version: "1" } as const;
export const CROSS_BANK_DOMAIN = { name: "Cargo Rails Cross-Bank DvP", version: "2" } as const;

/** What each bank lets flow out and in through the interbank contract when it opts in. */
export const CAPACITY = HKD(500_000);

/**
 * The settlement system of test/settlement/fixture.ts plus the interbank rails. Balances at the start: the importer
 * holds HKD 100 000 at Harbour Bank; the exporter (Shanghai) and the supplier (a Hong Kong customer of Kowloon Bank)
 * hold nothing. Reserves: Harbour Bank and Kowloon Bank HKD 1 000 000 each, Pudong Bank CNH 1 000 000, the dealer
 * HKD 5 000 000 and CNH 5 000 000. Every bank opted in with {@link CAPACITY} both ways.
 */
export async function deployInterbank() {
  const f = await deploySystem();
  const { manager, participants, admin, registrar, hkBank, cnBank } = f;
  const [hkdCentralBank, cnhCentralBank, dealer, kowloonBank, supplier, dealerKey] = (await ethers.getSigners()).slice(
    11,
  );
  const authority = await manager.getAddress();
  const registryAddress = await participants.getAddress();

  const validUntil = BigInt(await networkHelpers.time.latest()) + BigInt(ONE_YEAR);
  const register = (account: string, kinds: number, country: string) =>
    participants.connect(registrar).register(account, {
      kinds,
      jurisdiction: ethers.hexlify(ethers.toUtf8Bytes(country)),
      validUntil,
      kycReference: ethers.id(`kyc:${account}`),
    });
  await register(hkdCentralBank.address, Kinds.CENTRAL_BANK, "HK");
  await register(cnhCentralBank.address, Kinds.CENTRAL_BANK, "HK");
  await register(dealer.address, Kinds.BANK, "HK");
  await register(kowloonBank.address, Kinds.BANK, "HK");
  await register(supplier.address, Kinds.TRADER, "HK");

  // ------------------------------------------------------------------ reserves
  const currency = (code: string) => ethers.hexlify(ethers.toUtf8Bytes(code));
  const rHKD = await ethers.deployContract("WholesaleReserve", [
    "HKD Wholesale Reserve",
    "rHKD",
    currency("HKD"),
    2,
    registryAddress,
    hkdCentralBank.address,
  ]);
  const rCNH = await ethers.deployContract("WholesaleReserve", [
    "CNH Wholesale Reserve",
    "rCNH",
    currency("CNH"),
    2,
    registryAddress,
    cnhCentralBank.address,
  ]);
  const booking = (n: number) => ethers.encodeBytes32String(`RTGS-${n}`);
  await rHKD.connect(hkdCentralBank).issue(hkBank.address, HKD(1_000_000), booking(1));
  await rHKD.connect(hkdCentralBank).issue(kowloonBank.address, HKD(1_000_000), booking(2));
  await rHKD.connect(hkdCentralBank).issue(dealer.address, HKD(5_000_000), booking(3));
  await rCNH.connect(cnhCentralBank).issue(cnBank.address, CNH(1_000_000), booking(4));
  await rCNH.connect(cnhCentralBank).issue(dealer.address, CNH(5_000_000), booking(5));

  // ------------------------------------------------------------------ deposit tokens
  const depositToken = async (name: string, symbol: string, code: string, issuer: HardhatEthersSigner) => {
    const token = await ethers.deployContract("TokenizedDeposit", [
      {
        name,
        symbol,
        decimals: 2,
        currency: currency(code),
        registry: registryAddress,
        issuer: issuer.address,
        issuerId: ethers.encodeBytes32String(`LEI:${symbol}`),
        supplyCap: 0n,
        authority,
      },
    ]);
    await wire(manager, admin, { deposit: code }, await token.getAddress());
    return token;
  };
  const hkd = f.hkd;
  // Kowloon Bank's HKD token shares the HKD role ids with Harbour Bank's (see the header).
  const kbHkd = await depositToken("Kowloon Bank HKD Deposit", "kbHKD", "HKD", kowloonBank);
  const cnh = await depositToken("Pudong Bank CNH Deposit", "pdCNH", "CNH", cnBank);
  for (const role of ["MINTER", "BURNER", "PAUSER", "FREEZER"] as const) {
    await grant(manager, admin, depositRole("CNH", role), cnBank.address);
  }

  // ------------------------------------------------------------------ interbank payments
  const interbank = await ethers.deployContract("InterbankPayments", [authority]);
  const interbankAddress = await interbank.getAddress();
  await wire(manager, admin, "interbank", interbankAddress);
  await grant(manager, admin, { contract: "interbank", name: "PAUSER" }, admin.address);
  for (const code of ["HKD", "CNH"]) {
    await grant(manager, admin, depositRole(code, "MINTER"), interbankAddress);
    await grant(manager, admin, depositRole(code, "BURNER"), interbankAddress);
  }
  await rHKD.connect(hkdCentralBank).setSettlementAgent(interbankAddress, true);
  await rCNH.connect(cnhCentralBank).setSettlementAgent(interbankAddress, true);
  await interbank.connect(hkBank).setBankAccount(await hkd.getAddress(), await rHKD.getAddress(), CAPACITY, CAPACITY);
  await interbank
    .connect(kowloonBank)
    .setBankAccount(await kbHkd.getAddress(), await rHKD.getAddress(), CAPACITY, CAPACITY);
  await interbank.connect(cnBank).setBankAccount(await cnh.getAddress(), await rCNH.getAddress(), CAPACITY, CAPACITY);

  // ------------------------------------------------------------------ cross-bank settlement
  const crossBank = await ethers.deployContract("CrossBankSettlement", [authority]);
  const crossBankAddress = await crossBank.getAddress();
  await wireSettlement(manager, admin, crossBank);
  await register(crossBankAddress, Kinds.SETTLEMENT, "HK");
  await grant(manager, admin, { contract: "interbank", name: "SETTLER" }, crossBankAddress);
  await crossBank.connect(admin).setMarket(await f.ebl.getAddress(), await hkd.getAddress(), interbankAddress);

  const chainId = (await ethers.provider.getNetwork()).chainId;
  const domains = {
    ...f.domains,
    interbank: { ...INTERBANK_DOMAIN, chainId, verifyingContract: interbankAddress },
    crossBank: { ...CROSS_BANK_DOMAIN, chainId, verifyingContract: crossBankAddress },
  };

  /** The dealer's quote for the importer, taking HKD and giving CNH at {@link HKD_CNH}, up to HKD 100 000, for ten
   * minutes. */
  async function quote(overrides: Partial<Quote> = {}): Promise<Quote> {
    return {
      dealer: dealer.address,
      taker: f.importer.address,
      payReserve: await rHKD.getAddress(),
      receiveReserve: await rCNH.getAddress(),
      rate: HKD_CNH,
      maxPayAmount: HKD(100_000),
      expiry: BigInt(await networkHelpers.time.latest()) + 600n,
      nonce: 1n,
      ...overrides,
    };
  }

  /** `signer`'s EIP-712 signature of `q` (the dealer's key unless another is given). */
  const signQuote = (q: Quote, signer: Signer = dealer) => signer.signTypedData(domains.interbank, QUOTE_TYPES, q);

  /** What `q` gives for `payAmount`, rounded down (as the contract computes it). */
  const quoted = (q: Quote, payAmount: bigint) => (payAmount * q.rate) / RATE_SCALE;

  /** The importer pays the exporter HKD 25 000 at Harbour Bank, received as CNH at Pudong Bank at the quote's rate. */
  async function fxPayment(overrides: Partial<Payment> = {}): Promise<Payment> {
    const payAmount = overrides.payAmount ?? HKD(25_000);
    return {
      payerToken: await hkd.getAddress(),
      payer: f.importer.address,
      payAmount,
      payeeToken: await cnh.getAddress(),
      payee: f.exporter.address,
      receiveAmount: (payAmount * HKD_CNH) / RATE_SCALE,
      paymentId: ethers.id("E2E-FX-0001"),
      ...overrides,
    };
  }

  /** The importer pays the supplier HKD 10 000 from Harbour Bank to Kowloon Bank (one currency, no quote). */
  async function hkdPayment(overrides: Partial<Payment> = {}): Promise<Payment> {
    return {
      payerToken: await hkd.getAddress(),
      payer: f.importer.address,
      payAmount: HKD(10_000),
      payeeToken: await kbHkd.getAddress(),
      payee: supplier.address,
      receiveAmount: HKD(10_000),
      paymentId: ethers.id("E2E-HKD-0001"),
      ...overrides,
    };
  }

  /**
   * Cross-bank terms of the settlement fixture's trade: the importer pays HKD 25 000 at Harbour Bank, the exporter
   * receives CNH at Pudong Bank at the dealer's quote (the most the quote gives), the eBL goes to the importer.
   */
  async function crossBankTerms(
    overrides: Partial<Omit<CrossBankTerms, "terms">> & { terms?: Partial<Terms> } = {},
  ): Promise<CrossBankTerms> {
    const terms = await f.terms({ salt: ethers.id("PO-2026-0042-XB"), ...overrides.terms });
    const q = overrides.quote ?? (await quote());
    return {
      terms,
      payeeToken: overrides.payeeToken ?? (await cnh.getAddress()),
      payeeAmount: overrides.payeeAmount ?? quoted(q, terms.amount),
      quote: q,
    };
  }

  /** A party's EIP-712 signature of cross-bank terms. */
  const signCrossBank = (signer: Signer, c: CrossBankTerms) =>
    signer.signTypedData(domains.crossBank, CROSS_BANK_TERMS_TYPES, c);

  /**
   * A cross-bank settlement of `c` signed by the exporter and the importer (unless other signers, or none, are given),
   * the quote by the dealer (empty when the quote has no dealer), the eBL leg by prior approval.
   */
  async function crossBankSettlement(
    c: CrossBankTerms,
    opts: { seller?: Signer | null; buyer?: Signer | null; dealerSignature?: string; eblAuth?: EblAuth } = {},
  ): Promise<CrossBankSettlementInput> {
    const seller = opts.seller === undefined ? f.exporter : opts.seller;
    const buyer = opts.buyer === undefined ? f.importer : opts.buyer;
    return {
      terms: c,
      sellerSignature: seller === null ? "0x" : await signCrossBank(seller, c),
      buyerSignature: buyer === null ? "0x" : await signCrossBank(buyer, c),
      eblAuth: opts.eblAuth ?? NO_EBL_AUTH,
      dealerSignature:
        opts.dealerSignature ?? (c.quote.dealer === ethers.ZeroAddress ? "0x" : await signQuote(c.quote)),
    };
  }

  /**
   * Everything a payment can move, in one object: the customers' deposits, the banks' and the dealer's reserves, the
   * supplies of every token, the eBL's holder and title holder. A refused payment leaves it equal.
   */
  async function snapshot() {
    const accounts = { importer: f.importer.address, exporter: f.exporter.address, supplier: supplier.address };
    const banks = {
      hkBank: hkBank.address,
      kowloonBank: kowloonBank.address,
      cnBank: cnBank.address,
      dealer: dealer.address,
    };
    const balances = async (token: { balanceOf(a: string): Promise<bigint> }, of: Record<string, string>) =>
      Object.fromEntries(await Promise.all(Object.entries(of).map(async ([k, a]) => [k, await token.balanceOf(a)])));
    return {
      hkd: await balances(hkd, accounts),
      kbHkd: await balances(kbHkd, accounts),
      cnh: await balances(cnh, accounts),
      rHKD: await balances(rHKD, banks),
      rCNH: await balances(rCNH, banks),
      supply: {
        hkd: await hkd.totalSupply(),
        kbHkd: await kbHkd.totalSupply(),
        cnh: await cnh.totalSupply(),
        rHKD: await rHKD.totalSupply(),
        rCNH: await rCNH.totalSupply(),
      },
      capacities: await Promise.all(
        [hkd, kbHkd, cnh].map(async (t) => {
          const a = await interbank.bankAccountOf(await t.getAddress());
          return [a.outflowCapacity, a.inflowCapacity];
        }),
      ),
      ebl: { holder: await f.ebl.holderOf(f.tokenId), titleHolder: await f.ebl.titleHolderOf(f.tokenId) },
    };
  }

  /**
   * Asserts that a refused payment left everything as `before` (a {@link snapshot}) and, when given, did not use up
   * `paymentId`.
   */
  async function expectNothingMoved(before: Awaited<ReturnType<typeof snapshot>>, paymentId?: string) {
    expect(await snapshot()).to.deep.equal(before);
    if (paymentId !== undefined) expect(await interbank.isPaymentIdUsed(paymentId)).to.equal(false);
  }

  return {
    ...f,
    hkdCentralBank,
    cnhCentralBank,
    dealer,
    dealerKey,
    kowloonBank,
    supplier,
    rHKD,
    rCNH,
    kbHkd,
    cnh,
    interbank,
    crossBank,
    domains,
    quote,
    signQuote,
    quoted,
    fxPayment,
    hkdPayment,
    crossBankTerms,
    signCrossBank,
    crossBankSettlement,
    snapshot,
    expectNothingMoved,
    registerParticipant: register,
  };
}

export type InterbankSystem = Awaited<ReturnType<typeof deployInterbank>>;
