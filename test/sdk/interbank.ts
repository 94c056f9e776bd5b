import { expect } from "chai";
import { getAddress, keccak256, toHex, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import {
  ContractNotConfiguredError,
  CROSS_BANK_SETTLEMENT_DOMAIN_NAME,
  INTERBANK_PAYMENTS_DOMAIN_NAME,
  INTERBANK_PAYMENTS_DOMAIN_VERSION,
  ContractRevertError,
  createCargoRails,
  crossBankFromJson,
  crossBankSettlementAbi,
  crossBankToJson,
  formatRate,
  functionRoles,
  fxQuoteFromJson,
  fxQuoteToJson,
  hashCrossBankTerms,
  hashInterbankQuote,
  interbankPaymentsAbi,
  InvalidArgumentError,
  isContractRevert,
  isQuoteExpired,
  parseRate,
  quotedBaseUnits,
  quoteSecondsLeft,
  watchCrossBankEvents,
  watchInterbankEvents,
  watchReserveEvents,
  type CrossBankEvent,
  type InterbankEvent,
  type InterbankQuote,
  type RailsEvent,
  type CargoRailsAddresses,
  type ReserveEvent,
  type TypedDataToSign,
} from "../../sdk/src/index.js";
import { addressesFromIgnition } from "../../sdk/src/node.js";
import { wire } from "../helpers/access.js";
import { rejects } from "./helpers.js";
import { createSystemChain, HARDHAT_KEYS, toOrderDocument } from "./system.js";

const chain = await createSystemChain();
const { accounts, publicClient, wallet } = chain;
// The system's unregistered stranger is the FX dealer here: a local key, to sign with a callback as well.
const { admin, registrar, carrier, exporter, importer, bank, cnBank, relayer, stranger: dealer } = accounts;
const { loadFixture, time } = chain.connection.networkHelpers;
const [hkma, pboc, kowloonBank] = (await chain.connection.ethers.getSigners())
  .slice(10, 13)
  .map((signer) => getAddress(signer.address)) as [Address, Address, Address];

/**
 * The system of test/sdk/system.ts plus the interbank rails: HKD and CNH reserves of two central banks, a CNH deposit
 * of the Chinese bank and a second HKD deposit of another Hong Kong bank, InterbankPayments (admitted by both central
 * banks, minter and burner of the three deposits) and CrossBankSettlement (its settler), every bank opted in, the
 * dealer holding reserves in both currencies, and the HKD market of the cross-bank settlement open.
 */
async function interbankSystem() {
  const sys = await chain.system();
  const { ethers } = chain.connection;
  const adminSigner = await ethers.getSigner(admin);
  const manager = await ethers.getContractAt("RailsAccessManager", sys.addresses.accessManager, adminSigner);
  const deploy = async (name: string, args: unknown[]) =>
    (await (await ethers.deployContract(name, args, adminSigner)).getAddress()) as Address;
  const registrarRails = sys.as(registrar);
  const validUntil = BigInt(await time.latest()) + 10n ** 8n;
  const entry = (account: Address, kinds: ("bank" | "centralBank" | "settlement")[], jurisdiction: string) => ({
    account,
    kinds,
    jurisdiction,
    validUntil,
    kycReference: keccak256(toHex(`kyc:${account}`)),
  });
  const interbankPayments = await deploy("InterbankPayments", [sys.addresses.accessManager]);
  await (
    await registrarRails.participants.registerBatch([
      entry(hkma, ["centralBank"], "HK"),
      entry(pboc, ["centralBank"], "CN"),
      entry(dealer, ["bank"], "HK"),
      entry(kowloonBank, ["bank"], "HK"),
    ])
  ).wait();
  const reserve = (currency: string, centralBank: Address) =>
    deploy("WholesaleReserve", [
      `${currency} Wholesale Reserve`,
      `r${currency}`,
      toHex(currency),
      2,
      sys.participantRegistry,
      centralBank,
    ]);
  const depositToken = async (currency: string, name: string, issuer: Address) => {
    const token = await deploy("TokenizedDeposit", [
      {
        name,
        symbol: name.slice(0, 4),
        decimals: 2,
        currency: toHex(currency),
        registry: sys.participantRegistry,
        issuer,
        issuerId: toHex(`LEI:${name}`.slice(0, 32), { size: 32 }),
        supplyCap: 0n,
        authority: sys.addresses.accessManager,
      },
    ]);
    await wire(manager, adminSigner, { deposit: currency }, token);
    return token;
  };
  const addresses = {
    ...sys.addresses,
    deposits: {
      HKD: sys.hkd,
      CNH: await depositToken("CNH", "Pearl Bank CNH Deposit", cnBank),
      HKD_KOWLOON: await depositToken("HKD", "Kowloon Bank HKD Deposit", kowloonBank),
    },
    reserves: { HKD: await reserve("HKD", hkma), CNH: await reserve("CNH", pboc) },
    interbankPayments,
  };
  await wire(manager, adminSigner, "interbank", interbankPayments);
  const as = clientsOf(addresses);
  const adminRails = as(admin);
  for (const role of [
    { contract: "deposit", currency: "HKD", name: "MINTER" },
    { contract: "deposit", currency: "HKD", name: "BURNER" },
    { contract: "deposit", currency: "CNH", name: "MINTER" },
    { contract: "deposit", currency: "CNH", name: "BURNER" },
  ] as const) {
    await (await adminRails.access.grantRole({ role, account: interbankPayments })).wait();
  }
  await (await adminRails.access.grantRole({ role: { contract: "interbank", name: "PAUSER" }, account: admin })).wait();
  for (const [centralBank, currency] of [
    [hkma, "HKD"],
    [pboc, "CNH"],
  ] as const) {
    const reserves = as(centralBank).reserve(currency);
    await (await reserves.setSettlementAgent({ agent: interbankPayments, admitted: true })).wait();
  }
  const issue = async (centralBank: Address, currency: string, to: Address, amount: string) =>
    (
      await as(centralBank)
        .reserve(currency)
        .issue({ bank: to, amount, bookingReference: `RTGS-${to}`.slice(0, 32) })
    ).wait();
  await issue(hkma, "HKD", bank, "1000000.00");
  await issue(hkma, "HKD", dealer, "500000.00");
  await issue(pboc, "CNH", dealer, "1000000.00");
  for (const [issuer, token, currency] of [
    [bank, "HKD", "HKD"],
    [cnBank, "CNH", "CNH"],
    [kowloonBank, "HKD_KOWLOON", "HKD"],
  ] as const) {
    await (
      await as(issuer).interbank.setBankAccount({
        token,
        reserve: currency,
        outflowCapacity: "200000.00",
        inflowCapacity: "300000.00",
      })
    ).wait();
  }
  return { ...sys, addresses, as, interbankPayments, manager, deploy, entry };
}

/** Each party's client on `addresses`: `as(account)`, or `as(undefined)` read-only. */
function clientsOf<const TAddresses extends CargoRailsAddresses>(addresses: TAddresses) {
  return (account: Address | undefined) =>
    createCargoRails({ publicClient, walletClient: account === undefined ? undefined : wallet(account), addresses });
}

/**
 * The interbank system plus CrossBankSettlement: a verified settlement participant holding the interbank settler
 * role, its HKD market open through InterbankPayments.
 */
async function crossBankSystem() {
  const sys = await interbankSystem();
  const crossBankSettlement = await sys.deploy("CrossBankSettlement", [sys.addresses.accessManager]);
  await (await sys.as(registrar).participants.register(sys.entry(crossBankSettlement, ["settlement"], "HK"))).wait();
  for (const line of functionRoles("crossBankSettlement")) {
    await (await sys.manager.setTargetFunctionRole(crossBankSettlement, line.selectors, line.roleId)).wait();
  }
  const addresses = { ...sys.addresses, crossBankSettlement };
  const as = clientsOf(addresses);
  const role = { contract: "interbank", name: "SETTLER" } as const;
  await (await as(admin).access.grantRole({ role, account: crossBankSettlement })).wait();
  await (await as(admin).crossBank.setMarket({ token: "HKD" })).wait();
  return { ...sys, addresses, as, crossBankSettlement };
}

/** The interbank system with a quote of the dealer: HKD → CNH at 0.9234, up to HKD 50,000, for ten minutes. */
async function fxSystem() {
  return withQuote(await loadFixture(interbankSystem));
}

/** `sys` with the dealer's quote (see {@link fxSystem}), signed. */
async function withQuote<TSystem extends Awaited<ReturnType<typeof interbankSystem>>>(sys: TSystem) {
  const dealerRails = sys.as(dealer);
  const quote = await dealerRails.fx.quote({
    pay: "HKD",
    receive: "CNH",
    rate: "0.9234",
    maxPayAmount: "50000.00",
    taker: importer,
    expiry: BigInt(await time.latest()) + 600n,
    nonce: 7n,
  });
  return { ...sys, dealerRails, quote, signed: await dealerRails.fx.signQuote(quote) };
}

async function reverts(fn: () => Promise<unknown>, name: string): Promise<ContractRevertError> {
  const error = await rejects(fn, ContractRevertError);
  expect(error.errorName, error.message).to.equal(name);
  expect(error.hint, `${name} has a hint`).to.be.a("string").and.not.equal("");
  return error;
}

function eventsOf<C extends RailsEvent["contract"], N extends string>(events: RailsEvent[], contract: C, name: N) {
  return events.filter(
    (e): e is Extract<RailsEvent, { contract: C; eventName: N }> => e.contract === contract && e.eventName === name,
  );
}

describe("SDK: FX rates and quotes without a chain", function () {
  it("converts a decimal rate to the contract's base-unit rate with both currencies' decimals, and back", function () {
    expect(parseRate("0.9234", { payDecimals: 2, receiveDecimals: 2 })).to.equal(923_400_000_000_000_000n);
    // HKD cents into yen (no decimals): 1 HKD = 20.5 JPY is 0.205 yen per cent.
    expect(parseRate("20.5", { payDecimals: 2, receiveDecimals: 0 })).to.equal(205_000_000_000_000_000n);
    // Yen into 6-decimal units: 1 JPY = 0.0487 of a unit is 48,700 base units per yen.
    expect(parseRate("0.0487", { payDecimals: 0, receiveDecimals: 6 })).to.equal(48_700n * 10n ** 18n);
    for (const [rate, decimals] of [
      ["0.9234", { payDecimals: 2, receiveDecimals: 2 }],
      ["20.5", { payDecimals: 2, receiveDecimals: 0 }],
      ["7.123456789", { payDecimals: 6, receiveDecimals: 18 }],
    ] as const) {
      expect(formatRate(parseRate(rate, decimals), decimals)).to.equal(rate);
    }
  });

  it("refuses a rate it would have to round, and what is not a positive decimal string", function () {
    // 18 pay decimals into 0: the base-unit rate carries no fraction digit of the decimal rate.
    expect(() => parseRate("1.5", { payDecimals: 18, receiveDecimals: 0 })).to.throw(InvalidArgumentError, /rate/);
    for (const bad of ["0", "0.000", "-1", "1e3", "1,5", " 1", ""]) {
      expect(() => parseRate(bad, { payDecimals: 2, receiveDecimals: 2 }), bad).to.throw(InvalidArgumentError);
    }
    expect(() => parseRate("1", { payDecimals: 19, receiveDecimals: 2 })).to.throw(InvalidArgumentError, /payDecimals/);
  });

  it("gives what a quote gives rounded down, and tells expiry by the clock given", function () {
    const quote = { rate: 923_400_000_000_000_000n, expiry: 1_000n };
    expect(quotedBaseUnits(quote, 100_033n)).to.equal(92_370n); // 92,370.4722 base units: the payee bears the 0.47
    expect(quotedBaseUnits(quote, 0n)).to.equal(0n);
    expect(quoteSecondsLeft(quote, 990n)).to.equal(10n);
    expect(quoteSecondsLeft(quote, 1_000n)).to.equal(0n);
    expect(isQuoteExpired(quote, 1_000n), "still takeable in a block at its expiry").to.equal(false);
    expect(isQuoteExpired(quote, 1_001n)).to.equal(true);
    expect(isQuoteExpired(quote, new Date(1_001_000))).to.equal(true);
    expect(quoteSecondsLeft(quote, 2_000n)).to.equal(0n);
  });

  it("reads the interbank contracts' Ignition future ids into the addresses", async function () {
    const a = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
    const addresses = await addressesFromIgnition({
      "ParticipantRegistry#ParticipantRegistry": a(1),
      "Interbank#InterbankPayments": a(2),
      "Interbank#CrossBankSettlement": a(3),
      "Interbank#WholesaleReserve_HKD": a(4),
      "Interbank#WholesaleReserve_CNH": a(5),
      "Deposits#TokenizedDeposit_HKD": a(6),
    });
    expect(addresses).to.deep.equal({
      participantRegistry: getAddress(a(1)),
      interbankPayments: getAddress(a(2)),
      crossBankSettlement: getAddress(a(3)),
      reserves: { HKD: getAddress(a(4)), CNH: getAddress(a(5)) },
      deposits: { HKD: getAddress(a(6)) },
    });
  });
});

describe("SDK: reserves, interbank payments, FX quotes and cross-bank settlement (in-process network)", function () {
  it("reads each currency's reserves in its units, and decodes issue and redemption in wait()", async function () {
    const { as, addresses, interbankPayments } = await loadFixture(interbankSystem);
    const rails = as(undefined);
    await rails.verify(); // every configured address, the new contracts included, holds code
    const hkd = rails.reserves.HKD;
    expect(await hkd.metadata()).to.deep.equal({
      address: addresses.reserves.HKD,
      name: "HKD Wholesale Reserve",
      symbol: "rHKD",
      decimals: 2,
      currency: "HKD",
    });
    expect(await rails.reserve("CNH").currency()).to.equal("CNH");
    expect(await hkd.centralBank()).to.equal(hkma);
    expect(await hkd.balanceOf(bank)).to.equal("1000000.00");
    expect(await hkd.totalSupply()).to.equal("1500000.00");
    expect(await hkd.isSettlementAgent(interbankPayments)).to.equal(true);
    expect(await hkd.isSettlementAgent(relayer)).to.equal(false);
    expect(await hkd.paused()).to.equal(false);

    const { events } = await (
      await as(hkma).reserves.HKD.redeem({ bank, amount: "2500.50", bookingReference: "RTGS-OUT-0001" })
    ).wait();
    const [redeemed] = eventsOf(events, "WholesaleReserve", "ReservesRedeemed");
    expect(redeemed?.args).to.deep.equal({ bank, amount: "2500.50", bookingReference: "RTGS-OUT-0001" });
    expect(eventsOf(events, "WholesaleReserve", "Transfer")[0]?.args.value).to.equal("2500.50");
    expect(await hkd.balanceOf(bank)).to.equal("997499.50");
  });

  it("prepares a central bank's issue for its own signing, and refuses a bank's as the typed OwnableUnauthorizedAccount", async function () {
    const { as, addresses } = await loadFixture(interbankSystem);
    const prepared = await as(undefined).reserves.HKD.issue.prepare(
      { bank, amount: "10.00", bookingReference: "RTGS-IN-0002" },
      { account: hkma },
    );
    expect(prepared).to.include({ operation: "reserves.HKD.issue", from: hkma, to: addresses.reserves.HKD });
    const error = await reverts(
      () => as(bank).reserves.HKD.issue({ bank, amount: "10.00", bookingReference: "RTGS-IN-0002" }),
      "OwnableUnauthorizedAccount",
    );
    expect(error.args).to.deep.equal([bank]);
    await rejects(
      () => as(hkma).reserves.HKD.issue({ bank, amount: 1000n as unknown as string, bookingReference: "X" }),
      Error,
      "bigint",
    );
  });

  it("reads and changes a bank's participation with capacities in the token's units, and closes it", async function () {
    const { as, addresses } = await loadFixture(interbankSystem);
    expect(await as(undefined).interbank.bankAccount("CNH")).to.deep.equal({
      token: addresses.deposits.CNH,
      bank: cnBank,
      reserve: addresses.reserves.CNH,
      outflowCapacity: "200000.00",
      inflowCapacity: "300000.00",
    });
    const { events } = await (
      await as(cnBank).interbank.setBankAccount({
        token: "CNH",
        reserve: null,
        outflowCapacity: "5.00",
        inflowCapacity: "5.00",
      })
    ).wait();
    expect(eventsOf(events, "InterbankPayments", "BankAccountSet")[0]?.args).to.deep.include({
      reserve: "0x0000000000000000000000000000000000000000",
      outflowCapacity: "0.00",
      inflowCapacity: "0.00",
    });
    expect(await as(undefined).interbank.bankAccount("CNH")).to.deep.include({ reserve: null, inflowCapacity: "0.00" });
    await reverts(
      () =>
        as(bank).interbank.setBankAccount({ token: "CNH", reserve: "CNH", outflowCapacity: "1", inflowCapacity: "1" }),
      "InterbankNotIssuer",
    );
  });

  it("pays between two banks in one currency: burn, reserves, mint, one payment id in every event", async function () {
    const { as, addresses } = await loadFixture(interbankSystem);
    const rails = as(importer);
    const { events } = await (
      await rails.interbank.pay({
        payerToken: "HKD",
        payeeToken: "HKD_KOWLOON",
        payee: exporter,
        amount: "1000.25",
        paymentId: "E2E-2026-0001",
      })
    ).wait();
    expect(await rails.deposits.HKD.balanceOf(importer)).to.equal("98999.75");
    expect(await rails.deposits.HKD_KOWLOON.balanceOf(exporter)).to.equal("1000.25");
    expect(await rails.reserves.HKD.balanceOf(kowloonBank)).to.equal("1000.25");
    const [paid] = eventsOf(events, "InterbankPayments", "InterbankPaid");
    expect(paid?.args).to.deep.equal({
      paymentId: "E2E-2026-0001",
      payerToken: addresses.deposits.HKD,
      payeeToken: addresses.deposits.HKD_KOWLOON,
      payer: importer,
      payee: exporter,
      payAmount: "1000.25",
      receiveAmount: "1000.25",
      dealer: "0x0000000000000000000000000000000000000000",
    });
    expect(eventsOf(events, "WholesaleReserve", "ReservesSettled")[0]?.args).to.deep.include({
      paymentId: "E2E-2026-0001",
      from: bank,
      to: kowloonBank,
      amount: "1000.25",
    });
    expect(eventsOf(events, "TokenizedDeposit", "Burned")[0]?.args.bankReference).to.equal("E2E-2026-0001");
    expect(eventsOf(events, "TokenizedDeposit", "Minted")[0]?.args.amount).to.equal("1000.25");
    expect(await rails.interbank.isPaymentIdUsed("E2E-2026-0001")).to.equal(true);
    expect(await rails.interbank.isPaymentIdUsed("E2E-2026-0002")).to.equal(false);
    await reverts(
      () =>
        rails.interbank.pay({
          payerToken: "HKD",
          payeeToken: "HKD_KOWLOON",
          payee: exporter,
          amount: "1.00",
          paymentId: "E2E-2026-0001",
        }),
      "InterbankPaymentIdUsed",
    );
  });

  it("delivers interbank, reserve and cross-bank events to watchers in the types wait() gives them", async function () {
    const { as, addresses } = await loadFixture(crossBankSystem);
    const rails = as(importer);
    const paid: InterbankEvent<"InterbankPaid">[] = [];
    const settled: ReserveEvent<"ReservesSettled">[] = [];
    const markets: CrossBankEvent<"MarketSet">[] = [];
    const unwatch = [
      watchInterbankEvents(rails, { eventName: "InterbankPaid", onLogs: (events) => paid.push(...events) }),
      watchReserveEvents(rails, "HKD", { eventName: "ReservesSettled", onLogs: (events) => settled.push(...events) }),
      watchCrossBankEvents(rails, { eventName: "MarketSet", onLogs: (events) => markets.push(...events) }),
    ];
    await (
      await rails.interbank.pay({
        payerToken: "HKD",
        payeeToken: "HKD_KOWLOON",
        payee: exporter,
        amount: "12.30",
        paymentId: "E2E-WATCHED",
      })
    ).wait();
    await (await as(admin).crossBank.setMarket({ token: "HKD_KOWLOON" })).wait();
    const kowloon = () => markets.find((e) => e.args.paymentToken === addresses.deposits.HKD_KOWLOON);
    for (let waited = 0; paid.length === 0 || settled.length === 0 || kowloon() === undefined; waited += 10) {
      if (waited > 5_000) throw new Error(`events missing: ${paid.length}, ${settled.length}, ${markets.length}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const stop of unwatch) stop();
    expect(paid[0]?.args).to.deep.include({ paymentId: "E2E-WATCHED", payAmount: "12.30", receiveAmount: "12.30" });
    expect(settled[0]?.args).to.deep.include({ paymentId: "E2E-WATCHED", amount: "12.30", from: bank });
    expect(kowloon()?.args.rail).to.equal(rails.interbank.address);
  });

  it("hashes a quote locally exactly as the contract, and verifies its dealer's signature (and no other)", async function () {
    const { as, quote, signed, interbankPayments, dealerRails } = await fxSystem();
    const contractHash = await publicClient.readContract({
      address: interbankPayments,
      abi: interbankPaymentsAbi,
      functionName: "hashQuote",
      args: [quote],
    });
    expect(await dealerRails.fx.hashQuote(quote)).to.equal(contractHash);
    expect(hashInterbankQuote(quote, await dealerRails.fx.domain())).to.equal(contractHash);
    expect(await dealerRails.fx.domain()).to.include({
      name: INTERBANK_PAYMENTS_DOMAIN_NAME,
      version: INTERBANK_PAYMENTS_DOMAIN_VERSION,
    });
    expect(quote).to.deep.include({ dealer, rate: 923_400_000_000_000_000n, maxPayAmount: 5_000_000n, nonce: 7n });
    expect(await dealerRails.fx.rate(quote)).to.equal("0.9234");

    const rails = as(undefined);
    expect(await rails.fx.verifyQuote(signed)).to.equal(true);
    expect(
      await rails.fx.verifyQuote({ quote: { ...quote, rate: quote.rate + 1n }, signature: signed.signature }),
    ).to.equal(false);
    const otherSigned = await as(relayer).fx.signQuote({ ...quote, dealer: relayer });
    expect(await rails.fx.verifyQuote({ quote, signature: otherSigned.signature })).to.equal(false);
    await rejects(() => as(relayer).fx.signQuote(quote), InvalidArgumentError, "quote.dealer");

    // The same quote signed through a signing callback (an HSM) gives the same signature as the wallet.
    const key = privateKeyToAccount(HARDHAT_KEYS[9]!);
    expect(key.address).to.equal(dealer);
    const hsm = createCargoRails({
      publicClient,
      signer: {
        address: dealer,
        signTypedData: (typedData: TypedDataToSign) =>
          key.signTypedData(typedData as Parameters<typeof key.signTypedData>[0]),
      },
      addresses: { participantRegistry: rails.config.addresses.participantRegistry, interbankPayments },
    });
    expect((await hsm.fx.signQuote(quote)).signature).to.equal(signed.signature);
  });

  it("verifies the quote of a dealer that is a contract account by its ERC-1271 answer, as the contract does", async function () {
    const { quote, addresses } = await fxSystem();
    const { ethers } = chain.connection;
    // A smart-account dealer whose owner's key (the relayer's) signs for it, through a signing callback.
    const wallet = (await (
      await ethers.deployContract("ERC1271WalletMock", [relayer], await ethers.getSigner(admin))
    ).getAddress()) as Address;
    const owner = privateKeyToAccount(HARDHAT_KEYS[7]!);
    expect(owner.address).to.equal(relayer);
    const dealerAccount = createCargoRails({
      publicClient,
      signer: {
        address: wallet,
        signTypedData: (typedData: TypedDataToSign) =>
          owner.signTypedData(typedData as Parameters<typeof owner.signTypedData>[0]),
      },
      addresses,
    });
    const signed = await dealerAccount.fx.signQuote({ ...quote, dealer: wallet });
    expect(await dealerAccount.fx.verifyQuote(signed)).to.equal(true);
    expect(await dealerAccount.fx.verifyQuote({ ...signed, quote: { ...signed.quote, nonce: 8n } })).to.equal(false);
  });

  it("computes what a quote gives, rounded down, exactly as the contract's quotedAmount", async function () {
    const { quote, dealerRails, interbankPayments } = await fxSystem();
    expect(await dealerRails.fx.quotedAmount(quote, "1000.33")).to.equal("923.70"); // 923.704722 rounded down
    const rates = [1n, 923_400_000_000_000_000n, 10n ** 18n - 1n, 7_777_777_777_777_777_777n, 3n * 10n ** 35n];
    const amounts = [0n, 1n, 3n, 100_033n, 999_999_999n, 10n ** 24n + 7n];
    for (const rate of rates) {
      for (const amount of amounts) {
        const q: InterbankQuote = { ...quote, rate };
        const onChain = await publicClient.readContract({
          address: interbankPayments,
          abi: interbankPaymentsAbi,
          functionName: "quotedAmount",
          args: [q, amount],
        });
        expect(quotedBaseUnits(q, amount), `${amount} at ${rate}`).to.equal(onChain);
      }
    }
  });

  it("tells a quote's expiry by the chain's clock or the one given", async function () {
    const { quote, dealerRails } = await fxSystem();
    const now = BigInt(await time.latest());
    expect(await dealerRails.fx.secondsLeft(quote)).to.equal(quote.expiry - now);
    expect(await dealerRails.fx.isExpired(quote)).to.equal(false);
    expect(await dealerRails.fx.isExpired(quote, quote.expiry + 1n)).to.equal(true);
    await time.increaseTo(quote.expiry + 1n);
    expect(await dealerRails.fx.isExpired(quote)).to.equal(true);
    expect(await dealerRails.fx.secondsLeft(quote)).to.equal(0n);
    await reverts(
      () =>
        dealerRails.interbank.pay.prepare(
          {
            payerToken: "HKD",
            payeeToken: "CNH",
            payee: exporter,
            amount: "10.00",
            paymentId: "E2E-LATE",
            quote: { quote, signature: "0x" },
          },
          { account: importer },
        ),
      "RailsExpired",
    );
  });

  it("pays across currencies through the dealer's quote, and the quote fills once (typed InterbankQuoteUsed)", async function () {
    const { as, signed, quote, addresses } = await fxSystem();
    const rails = as(importer);
    // The payer receives the dealer's quote as JSON text.
    const received = fxQuoteFromJson(fxQuoteToJson(signed));
    expect(received).to.deep.equal(signed);
    const payment = {
      payerToken: "HKD",
      payeeToken: "CNH",
      payee: exporter,
      amount: "1000.33",
      paymentId: "E2E-FX-0001",
      quote: received,
    };
    const prepared = await as(undefined).interbank.pay.prepare(payment, { account: importer });
    expect(prepared).to.include({ operation: "interbank.pay", from: importer, to: addresses.interbankPayments });
    const { events } = await (await rails.interbank.pay(payment)).wait();
    expect(await rails.deposits.HKD.balanceOf(importer)).to.equal("98999.67");
    expect(await rails.deposits.CNH.balanceOf(exporter)).to.equal("923.70");
    expect(await rails.reserves.HKD.balanceOf(dealer)).to.equal("501000.33");
    expect(await rails.reserves.CNH.balanceOf(dealer)).to.equal("999076.30");
    expect(await rails.reserves.CNH.balanceOf(cnBank)).to.equal("923.70");
    expect(eventsOf(events, "InterbankPayments", "InterbankPaid")[0]?.args).to.deep.include({
      payAmount: "1000.33",
      receiveAmount: "923.70",
      dealer,
    });
    expect(eventsOf(events, "WholesaleReserve", "ReservesSettled").map((e) => [e.args.from, e.args.to])).to.deep.equal([
      [bank, dealer],
      [dealer, cnBank],
    ]);
    expect(await rails.interbank.isQuoteUsed(dealer, quote.nonce)).to.equal(true);
    const error = await reverts(
      () => rails.interbank.pay({ ...payment, paymentId: "E2E-FX-0002" }),
      "InterbankQuoteUsed",
    );
    expect(error.args).to.deep.equal([dealer, 7n]);
    expect(error.hint).to.match(/new quote/);
    if (!isContractRevert(error, interbankPaymentsAbi, "InterbankQuoteUsed")) throw new Error("not narrowed");
    expect(error.args[1]).to.equal(7n);
  });

  it("refuses to pay the payee more than the quote gives (typed InterbankQuoteRateExceeded)", async function () {
    const { as, signed } = await fxSystem();
    const error = await reverts(
      () =>
        as(importer).interbank.pay({
          payerToken: "HKD",
          payeeToken: "CNH",
          payee: exporter,
          amount: "1000.33",
          receiveAmount: "923.71",
          paymentId: "E2E-FX-0003",
          quote: signed,
        }),
      "InterbankQuoteRateExceeded",
    );
    expect(error.args).to.deep.equal([92_370n, 92_371n]);
  });

  it("lets the dealer withdraw a quote before it is taken", async function () {
    const { as, signed, dealerRails, quote } = await fxSystem();
    const { events } = await (await dealerRails.interbank.cancelQuote({ nonce: quote.nonce })).wait();
    expect(eventsOf(events, "InterbankPayments", "QuoteCancelled")[0]?.args).to.deep.equal({ dealer, nonce: 7n });
    expect(await dealerRails.interbank.isQuoteUsed(dealer, 7n)).to.equal(true);
    await reverts(
      () =>
        as(importer).interbank.pay({
          payerToken: "HKD",
          payeeToken: "CNH",
          payee: exporter,
          amount: "1.00",
          paymentId: "E2E-FX-0004",
          quote: signed,
        }),
      "InterbankQuoteUsed",
    );
  });

  it("settles an eBL against a cross-currency payment: terms hashed locally as the contract, exchanged as JSON, submitted by a relayer", async function () {
    const { as, quote, signed, crossBankSettlement, addresses } = await withQuote(await loadFixture(crossBankSystem));
    const { tokenId, wait } = await as(carrier).ebl.issue({
      document: toOrderDocument("SHA2HKG0XB001"),
      shipper: exporter,
    });
    await wait();
    const exporterRails = as(exporter);
    const terms = await exporterRails.crossBank.prepare({
      tokenId,
      paymentToken: "HKD",
      amount: "25000.00",
      seller: exporter,
      buyer: importer,
      payeeToken: "CNH",
      quote: signed.quote,
      salt: "PO-2026-XB-1",
    });
    expect(terms).to.deep.include({ payeeToken: addresses.deposits.CNH, payeeAmount: 2_308_500n, quote });
    expect(terms.terms).to.deep.include({ amount: 2_500_000n, deadline: quote.expiry, paymentRecipient: exporter });
    const contractHash = await publicClient.readContract({
      address: crossBankSettlement,
      abi: crossBankSettlementAbi,
      functionName: "hashCrossBankTerms",
      args: [terms],
    });
    const termsHash = await exporterRails.crossBank.hashTerms(terms);
    expect(termsHash).to.equal(contractHash);
    expect(hashCrossBankTerms(terms, await exporterRails.crossBank.domain())).to.equal(contractHash);
    expect(await exporterRails.crossBank.domain()).to.include({
      name: CROSS_BANK_SETTLEMENT_DOMAIN_NAME,
      version: "2",
    });

    // Seller → buyer → relayer, as JSON text.
    const seller = await exporterRails.crossBank.signAsSeller(terms);
    const toBuyer = crossBankToJson({ terms, ...seller, dealerSignature: signed.signature });
    const atBuyer = crossBankFromJson(toBuyer);
    const { deadline, signature } = seller.eblPermit;
    expect(atBuyer).to.deep.equal({
      terms,
      sellerSignature: seller.sellerSignature,
      eblPermit: { deadline, signature },
      dealerSignature: signed.signature,
    });
    const buyer = await as(importer).crossBank.signAsBuyer(atBuyer.terms);
    const toRelayer = crossBankToJson({ ...atBuyer, ...buyer });
    const submission = crossBankFromJson(toRelayer);
    expect(crossBankToJson(submission)).to.equal(toRelayer);

    const relayerRails = as(relayer);
    expect(await relayerRails.crossBank.status(termsHash)).to.equal("none");
    const { events } = await (await relayerRails.crossBank.settle(submission)).wait();
    expect(await relayerRails.crossBank.status(termsHash)).to.equal("settled");
    expect((await relayerRails.ebl.bill(tokenId)).holder).to.equal(importer);
    expect(await relayerRails.deposits.CNH.balanceOf(exporter)).to.equal("23085.00");
    expect(await relayerRails.deposits.HKD.balanceOf(importer)).to.equal("75000.00");
    expect(eventsOf(events, "CrossBankSettlement", "Settled")[0]?.args).to.deep.include({
      termsHash,
      amount: "25000.00",
    });
    // The terms' hash is the payment id of the whole payment (it is no text, so it stays hex).
    expect(eventsOf(events, "InterbankPayments", "InterbankPaid")[0]?.args.paymentId).to.equal(termsHash);
    // The settlement keeps it unique (its terms settle once): only direct payments' ids are recorded.
    expect(await relayerRails.interbank.isPaymentIdUsed(termsHash)).to.equal(false);
    expect(await relayerRails.crossBank.status(termsHash)).to.equal("settled");
  });

  it("settles in one currency across banks with no quote, and cancels terms before they settle", async function () {
    const { as } = await loadFixture(crossBankSystem);
    const issued = await as(carrier).ebl.issue({ document: toOrderDocument("SHA2HKG0XB002"), shipper: exporter });
    await issued.wait();
    const input = {
      tokenId: issued.tokenId,
      paymentToken: "HKD",
      amount: "500.00",
      seller: exporter,
      buyer: importer,
      payeeToken: "HKD_KOWLOON",
    };
    const terms = await as(exporter).crossBank.prepare(input);
    expect(terms.payeeAmount).to.equal(50_000n);
    expect(terms.quote.dealer).to.equal("0x0000000000000000000000000000000000000000");
    const { sellerSignature, eblPermit } = await as(exporter).crossBank.signAsSeller(terms);
    const { events } = await (await as(importer).crossBank.settle({ terms, sellerSignature, eblPermit })).wait();
    expect(eventsOf(events, "InterbankPayments", "InterbankPaid")[0]?.args.receiveAmount).to.equal("500.00");
    expect(await as(undefined).deposits.HKD_KOWLOON.balanceOf(exporter)).to.equal("500.00");

    const other = await as(exporter).crossBank.prepare({ ...input, salt: "PO-2" });
    const otherHash = await as(exporter).crossBank.hashTerms(other);
    await (await as(importer).crossBank.cancelTerms(other)).wait();
    expect(await as(undefined).crossBank.status(otherHash)).to.equal("cancelled");
    await reverts(
      () => as(relayer).crossBank.settle({ terms: other, sellerSignature, eblPermit }),
      "SettlementTermsUsed",
    );
  });

  it("refuses cross-bank terms that cannot settle before anything is signed", async function () {
    const { as, quote } = await withQuote(await loadFixture(crossBankSystem));
    const { tokenId, wait } = await as(carrier).ebl.issue({
      document: toOrderDocument("SHA2HKG0XB003"),
      shipper: exporter,
    });
    await wait();
    const rails = as(exporter);
    const base = { tokenId, paymentToken: "HKD", amount: "100.00", seller: exporter, buyer: importer };
    await rejects(() => rails.crossBank.prepare({ ...base, payeeToken: "CNH" }), InvalidArgumentError, "quote");
    await rejects(
      () => rails.crossBank.prepare({ ...base, payeeToken: "CNH", quote, payeeAmount: "92.35" }),
      InvalidArgumentError,
      "92.34",
    );
    await rejects(
      () => rails.crossBank.prepare({ ...base, payeeToken: "CNH", quote, amount: "50000.01" }),
      InvalidArgumentError,
      "maxPayAmount",
    );
    await rejects(() => rails.crossBank.prepare({ ...base, payeeToken: "HKD" }), InvalidArgumentError, "payeeToken");
  });

  it("refuses malformed JSON of a cross-bank submission or a quote, naming the field", async function () {
    const { signed } = await fxSystem();
    const text = fxQuoteToJson(signed);
    await rejects(
      async () => fxQuoteFromJson(text.replace('"version":1', '"version":2')),
      InvalidArgumentError,
      "json.version",
    );
    await rejects(
      async () => fxQuoteFromJson(text.replace(/"rateScaled":"\d+"/, '"rateScaled":"1e18"')),
      InvalidArgumentError,
      "quote.rateScaled",
    );
    await rejects(async () => crossBankFromJson(text), InvalidArgumentError, "json.kind");
  });

  it("says which address is missing when the interbank contracts are not configured", async function () {
    const { addresses } = await loadFixture(interbankSystem);
    const rails = createCargoRails({ publicClient, addresses: { participantRegistry: addresses.participantRegistry } });
    expect(() => rails.interbank).to.throw(ContractNotConfiguredError, "addresses.interbankPayments");
    expect(() => rails.fx).to.throw(ContractNotConfiguredError, "addresses.interbankPayments");
    expect(() => rails.crossBank).to.throw(ContractNotConfiguredError, "addresses.crossBankSettlement");
    expect(() => rails.reserve("HKD")).to.throw(InvalidArgumentError, "none configured");
  });
});
