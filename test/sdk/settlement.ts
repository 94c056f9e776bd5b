import { expect } from "chai";
import { encodeErrorResult, keccak256, toHex, verifyTypedData, zeroAddress, type Abi, type Address } from "viem";

import {
  billOfLadingRegistryAbi,
  billOfLadingRegistryErrors,
  ContractRevertError,
  createCargoRails,
  decodeRevertData,
  depositPermitTypes,
  depositRailAbi,
  depositRailErrors,
  ESCROWED_DEALS_DOMAIN_NAME,
  escrowedDealsAbi,
  escrowedDealsErrors,
  hashSettlementDeal,
  hashSettlementEblDeposit,
  hashSettlementTerms,
  settlementFromJson,
  settlementToJson,
  InvalidAmountError,
  InvalidArgumentError,
  participantRegistryAbi,
  participantRegistryErrors,
  railsAccessManagerAbi,
  railsAccessManagerErrors,
  roleId,
  roleIdLabel,
  receiveAuthorizationTypes,
  roleOf,
  SIGNED_SETTLEMENT_DOMAIN_NAME,
  settlementAuthorizationNonce,
  signedSettlementAbi,
  signedSettlementErrors,
  tokenizedDepositAbi,
  tokenizedDepositErrors,
  type SettlementTerms,
} from "../../sdk/src/index.js";
import { rejects } from "./helpers.js";

type Hex = `0x${string}`;
const ZERO32: Hex = `0x${"00".repeat(32)}`;
import { createSystemChain, straightDocument, toOrderDocument } from "./system.js";

const chain = await createSystemChain();
const { accounts, publicClient } = chain;
const { admin, carrier, exporter, importer, bank, relayer, stranger } = accounts;
const { loadFixture, time } = chain.connection.networkHelpers;

/** The system, with a to-order eBL held by the exporter (title with itself). */
async function trade() {
  const sys = await chain.system();
  const document = toOrderDocument("SHA2HKG000123");
  const { tokenId, wait } = await sys.as(carrier).ebl.issue({ document, shipper: exporter });
  await wait();
  return { ...sys, document, tokenId };
}

async function reverts(fn: () => Promise<unknown>, name: string): Promise<ContractRevertError> {
  const error = await rejects(fn, ContractRevertError);
  expect(error.errorName, error.message).to.equal(name);
  expect(error.hint, `${name} has a hint`).to.be.a("string").and.not.equal("");
  return error;
}

describe("SDK: settlement namespace (in-process network)", function () {
  it("prepares terms with defaults, and hashes them locally exactly as each contract does, under its own domain", async function () {
    const { as, tokenId, document, signedSettlement, escrowedDeals, eblRegistry, hkd } = await loadFixture(trade);
    const rails = as(exporter);
    const terms = await rails.settlement.prepare({
      tokenId,
      paymentToken: "HKD",
      amount: "25000.00",
      seller: exporter,
      buyer: importer,
      salt: "PO-2026-0042",
    });
    const now = BigInt(await time.latest());
    expect(terms).to.deep.include({
      registry: eblRegistry,
      tokenId,
      paymentToken: hkd,
      amount: 2_500_000n,
      seller: exporter,
      buyer: importer,
      eblRecipient: importer,
      titleRecipient: importer,
      paymentRecipient: exporter,
      condition: zeroAddress,
      conditionData: ZERO32,
      salt: keccak256(toHex("PO-2026-0042")),
    });
    expect((await rails.ebl.verifyDocument(tokenId, document)).onChainHash).to.equal(terms.documentHash);
    expect(terms.deadline).to.equal(now + 24n * 3600n);

    const read = (address: Address, abi: typeof signedSettlementAbi | typeof escrowedDealsAbi, name: string) =>
      publicClient.readContract({ address, abi, functionName: name, args: [terms] } as never) as Promise<Hex>;
    const onChain = await read(signedSettlement, signedSettlementAbi, "hashTerms");
    expect(await rails.settlement.hashTerms(terms)).to.equal(onChain);
    const domain = {
      name: SIGNED_SETTLEMENT_DOMAIN_NAME,
      version: "2",
      chainId: 31337,
      verifyingContract: signedSettlement,
    };
    const dealsDomain = {
      name: ESCROWED_DEALS_DOMAIN_NAME,
      version: "2",
      chainId: 31337,
      verifyingContract: escrowedDeals,
    };
    expect(hashSettlementTerms(terms, domain)).to.equal(onChain);
    // The deal id is the terms' hash under EscrowedDeals: another domain, another hash.
    const dealId = await read(escrowedDeals, escrowedDealsAbi, "hashTerms");
    expect(await rails.settlement.hashTerms(terms, { way: "escrowed" })).to.equal(dealId);
    expect(hashSettlementTerms(terms, dealsDomain)).to.equal(dealId);
    expect(dealId).not.to.equal(onChain);
    const dealOnChain = await read(escrowedDeals, escrowedDealsAbi, "hashDeal");
    expect(hashSettlementDeal(terms, dealsDomain)).to.equal(dealOnChain);
    expect(await rails.settlement.hashDeal(terms)).to.equal(dealOnChain);
    expect(dealOnChain).not.to.be.oneOf([onChain, dealId]);
    const depositOnChain = await read(escrowedDeals, escrowedDealsAbi, "hashEblDeposit");
    expect(hashSettlementEblDeposit(terms, dealsDomain)).to.equal(depositOnChain);
    expect(await rails.settlement.hashEblDeposit(terms)).to.equal(depositOnChain);
    expect(depositOnChain).not.to.be.oneOf([onChain, dealOnChain, dealId]);
    expect(await rails.settlement.domain()).to.deep.equal(domain);
    expect(await rails.settlement.domain("escrowed")).to.deep.equal(dealsDomain);
    for (const change of [
      { amount: 1n },
      { titleRecipient: zeroAddress },
      { salt: keccak256(toHex("other")) },
      { condition: importer },
      { conditionData: keccak256(toHex("bill of lading, invoice")) },
    ]) {
      const other: SettlementTerms = { ...terms, ...change };
      const hash = hashSettlementTerms(other, domain);
      expect(hash).to.not.equal(onChain);
      expect(hash).to.equal(
        await publicClient.readContract({
          address: signedSettlement,
          abi: signedSettlementAbi,
          functionName: "hashTerms",
          args: [other],
        }),
      );
    }
    await rejects(
      rails.settlement.prepare({ tokenId, paymentToken: "HKD", amount: "1", seller: exporter, buyer: exporter }),
      InvalidArgumentError,
      "parties",
    );
    await rejects(
      rails.settlement.prepare({ tokenId, paymentToken: "USD", amount: "1", seller: exporter, buyer: importer }),
      InvalidArgumentError,
      "HKD",
    );
  });

  it("refuses a price, a part payment or a recovery given in base units (a bigint), naming formatAmount", async function () {
    const { as, tokenId } = await loadFixture(trade);
    const input = { tokenId, paymentToken: "HKD", seller: exporter, buyer: importer };
    const error = await rejects(
      as(undefined).settlement.prepare({ ...input, amount: 2_500_000n as never }),
      InvalidAmountError,
    );
    expect(error.hint).to.include("formatAmount(2500000n, decimals)");
    const terms = await as(undefined).settlement.prepare({ ...input, amount: "25000.00" });
    await rejects(as(importer).settlement.depositPayment(terms, { amount: 40000n as never }), InvalidAmountError);
    await rejects(as(importer).settlement.signPayment(terms, { amount: 40000n as never }), InvalidAmountError);
    await rejects(
      as(admin).settlement.recoverStrayToken({ from: "signed", token: "HKD", to: admin, amount: 1n as never }),
      InvalidAmountError,
    );
  });

  it("settles gaslessly in one transaction: seller signs, buyer signs, anyone submits", async function () {
    const { as, tokenId } = await loadFixture(trade);
    const terms = await as(undefined).settlement.prepare({
      tokenId,
      paymentToken: "HKD",
      amount: "25000.00",
      seller: exporter,
      buyer: importer,
    });
    const nonces = async () =>
      Promise.all([exporter, importer].map((address) => publicClient.getTransactionCount({ address })));
    const before = await nonces();

    // The three calls: each party signs off-chain (local accounts here), a relayer submits. The parts travel between
    // the parties as JSON text (settlementToJson / settlementFromJson), as they would over a network.
    const seller = await as(exporter, true).settlement.signAsSeller(terms);
    const fromSeller = settlementFromJson(settlementToJson({ terms, ...seller }));
    const buyer = await as(importer, true).settlement.signAsBuyer(fromSeller.terms);
    const toRelayer = settlementToJson({ ...fromSeller, ...buyer });
    const { wait } = await as(relayer).settlement.settle(settlementFromJson(toRelayer));

    const { events, receipt } = await wait();
    expect(await nonces()).to.deep.equal(before); // neither party sent a transaction
    const settled = events.find((e) => e.eventName === "Settled");
    expect(settled?.args).to.deep.include({ seller: exporter, buyer: importer, amount: "25000.00" });
    const reader = as(undefined);
    // The receipt's Settled events say which contract settled.
    expect(reader.settlement.settledEvents(receipt)).to.deep.equal([
      {
        way: "signed",
        address: reader.settlement.signedSettlement,
        termsHash: await reader.settlement.hashTerms(terms),
        seller: exporter,
        buyer: importer,
        registry: terms.registry,
        tokenId,
        paymentToken: terms.paymentToken,
        amountBaseUnits: 2_500_000n,
        transactionHash: receipt.transactionHash,
        logIndex: settled!.logIndex,
      },
    ]);
    expect(await reader.ebl.holder(tokenId)).to.equal(importer);
    expect(await reader.ebl.titleHolder(tokenId)).to.equal(importer);
    expect(await reader.deposits.HKD.balanceOf(exporter)).to.equal("25000.00");
    const termsHash = await reader.settlement.hashTerms(terms);
    expect(await reader.settlement.status(termsHash)).to.equal("settled");
    expect(await reader.settlement.status(termsHash, { way: "escrowed" })).to.equal("none");
    await reverts(() => as(relayer).settlement.settle({ terms, ...seller, ...buyer }), "SettlementTermsUsed");
    // The eBL's history names the seller as endorser, and the settlement contract as the operator that submitted.
    const history = await reader.ebl.history(tokenId);
    expect(history.entries.at(-1)).to.deep.include({
      action: "ENDORSE",
      actor: exporter,
      operator: reader.settlement.signedSettlement,
      delivered: true,
    });
  });

  it("settles with a payment permit and JSON-RPC accounts, or with prior approvals and the parties' own calls", async function () {
    const { as, tokenId, signedSettlement, depositRail } = await loadFixture(trade);
    const input = { tokenId, paymentToken: "HKD", amount: "100", seller: exporter, buyer: importer } as const;
    const terms = await as(undefined).settlement.prepare(input);
    const seller = await as(exporter).settlement.signAsSeller(terms);
    const buyer = await as(importer).settlement.signAsBuyer(terms, { method: "permit" });
    expect(buyer.payment.method).to.equal("permit");
    await (await as(relayer).settlement.settle({ terms, ...seller, ...buyer })).wait();
    expect(await as(undefined).ebl.holder(tokenId)).to.equal(importer);

    // Back the other way with allowances: the importer sells to the exporter, the buyer submits itself.
    const back = await as(undefined).settlement.prepare({ ...input, seller: importer, buyer: exporter, amount: "50" });
    expect(back.amount).to.equal(5000n);
    await (await as(importer).ebl.approve({ tokenId, operator: signedSettlement })).wait();
    const sellerSignature = await as(importer).settlement.signTerms(back);
    // The buyer approves the market's payment rail, not the settlement contract: an allowance to the latter pays nothing.
    await (await as(exporter).deposits.HKD.approve({ spender: signedSettlement, amount: "50" })).wait();
    const error = await reverts(
      () => as(exporter).settlement.settle({ terms: back, sellerSignature }),
      "ERC20InsufficientAllowance",
    );
    expect(error.args[0]).to.equal(depositRail);
    await (await as(exporter).deposits.HKD.approve({ spender: depositRail, amount: "50" })).wait();
    await (await as(exporter).settlement.settle({ terms: back, sellerSignature })).wait();
    expect(await as(undefined).ebl.holder(tokenId)).to.equal(exporter);
  });

  it("names the market's payment rail, found on chain, in the buyer's permit and authorizations (both ways)", async function () {
    const { as, tokenId, signedSettlement, escrowedDeals, depositRail, hkd, addresses } = await loadFixture(trade);
    const reader = as(undefined).settlement;
    expect(await reader.paymentRailOf("HKD")).to.equal(depositRail);
    expect(await reader.paymentRailOf(hkd, { way: "escrowed" })).to.equal(depositRail);
    const terms = await reader.prepare({
      tokenId,
      paymentToken: "HKD",
      amount: "100",
      seller: exporter,
      buyer: importer,
    });
    const buyer = as(importer, true).settlement;
    const tokenDomain = await as(undefined).deposits.HKD.domain();
    const nonce = await as(undefined).deposits.HKD.permitNonce(importer);

    const permit = await buyer.signPayment(terms, { method: "permit" });
    if (permit.method !== "permit") throw new Error("expected a permit");
    const permitBy = (spender: Address) =>
      verifyTypedData({
        address: importer,
        domain: tokenDomain,
        types: depositPermitTypes,
        primaryType: "Permit",
        message: { owner: importer, spender, value: 10000n, nonce, deadline: permit.deadline },
        signature: permit.signature,
      });
    expect(await permitBy(depositRail)).to.equal(true);
    expect(await permitBy(signedSettlement)).to.equal(false);

    for (const way of ["signed", "escrowed"] as const) {
      const auth = await buyer.signPayment(terms, { way });
      if (auth.method !== "authorization") throw new Error("expected an authorization");
      const paymentId = way === "signed" ? await reader.hashTerms(terms) : await reader.hashDeal(terms);
      const authorizedTo = (to: Address) =>
        verifyTypedData({
          address: importer,
          domain: tokenDomain,
          types: receiveAuthorizationTypes,
          primaryType: "ReceiveWithAuthorization",
          message: {
            from: importer,
            to,
            value: 10000n,
            validAfter: auth.validAfter,
            validBefore: auth.validBefore,
            nonce: settlementAuthorizationNonce(paymentId, auth.salt),
          },
          signature: auth.signature,
        });
      expect(await authorizedTo(depositRail), way).to.equal(true);
      expect(await authorizedTo(way === "signed" ? signedSettlement : escrowedDeals), way).to.equal(false);
    }
    // The permit pays: the rail spends it.
    const seller = await as(exporter).settlement.signAsSeller(terms);
    const buyerSignature = await as(importer).settlement.signTerms(terms);
    await (await as(relayer).settlement.settle({ terms, ...seller, buyerSignature, payment: permit })).wait();
    expect(await as(undefined).deposits.HKD.balanceOf(exporter)).to.equal("100.00");

    // A rail given in the addresses is used as it is, without asking the chain.
    const configured = createCargoRails({
      publicClient,
      walletClient: chain.localWallet(importer),
      addresses: { ...addresses, depositRail: stranger },
    });
    await (await as(admin).settlement.setMarket({ way: "signed", token: "HKD", rail: null })).wait();
    const viaConfigured = await configured.settlement.signPayment(terms, { method: "permit" });
    if (viaConfigured.method !== "permit") throw new Error("expected a permit");
    const nextNonce = await as(undefined).deposits.HKD.permitNonce(importer);
    expect(
      await verifyTypedData({
        address: importer,
        domain: tokenDomain,
        types: depositPermitTypes,
        primaryType: "Permit",
        message: {
          owner: importer,
          spender: stranger,
          value: 10000n,
          nonce: nextNonce,
          deadline: viaConfigured.deadline,
        },
        signature: viaConfigured.signature,
      }),
    ).to.equal(true);
  });

  it("refuses a closed market with the typed SettlementMarketClosed, before signing and at settlement", async function () {
    const { as, tokenId, depositRail, eblRegistry, hkd } = await loadFixture(trade);
    const terms = await as(undefined).settlement.prepare({
      tokenId,
      paymentToken: "HKD",
      amount: "10",
      seller: exporter,
      buyer: importer,
    });
    const sigs = {
      ...(await as(exporter).settlement.signAsSeller(terms)),
      ...(await as(importer).settlement.signAsBuyer(terms)),
    };
    const byAdmin = as(admin).settlement;
    const { events } = await (await byAdmin.setMarket({ way: "signed", token: "HKD", rail: null })).wait();
    expect(events.map((e) => e.eventName)).to.deep.equal(["MarketSet"]);
    expect(await byAdmin.paymentRailOf("HKD")).to.equal(null);
    expect(await byAdmin.paymentRailOf("HKD", { way: "escrowed" })).to.equal(depositRail); // each contract its own
    const closed = await reverts(() => as(relayer).settlement.settle({ terms, ...sigs }), "SettlementMarketClosed");
    expect(closed.args).to.deep.equal([eblRegistry, hkd]);
    const early = await rejects(as(importer).settlement.signPayment(terms), ContractRevertError);
    expect([early.errorName, early.args]).to.deep.equal(["SettlementMarketClosed", [eblRegistry, hkd]]);
    expect(early.hint).to.include("setMarket");
    // Reopened, the same signatures settle.
    await (await byAdmin.setMarket({ way: "signed", token: "HKD", rail: depositRail })).wait();
    await (await as(relayer).settlement.settle({ terms, ...sigs })).wait();
    expect(await as(undefined).ebl.holder(tokenId)).to.equal(importer);
  });

  it("carries a settlement condition through prepare, JSON and both signatures; the condition decides", async function () {
    const { as, tokenId } = await loadFixture(trade);
    const deployer = await chain.connection.ethers.getSigner(admin);
    const condition = await chain.connection.ethers.deployContract("SwitchableCondition", [], deployer);
    const conditionAddress = (await condition.getAddress()) as Address;
    const conditionData = keccak256(toHex("documents: commercial invoice, packing list"));
    const terms = await as(undefined).settlement.prepare({
      tokenId,
      paymentToken: "HKD",
      amount: "10",
      seller: exporter,
      buyer: importer,
      condition: conditionAddress,
      conditionData,
    });
    expect([terms.condition, terms.conditionData]).to.deep.equal([conditionAddress, conditionData]);
    await rejects(
      as(undefined).settlement.prepare({ ...terms, paymentToken: "HKD", amount: "10", conditionData: "0x12" }),
      InvalidArgumentError,
      "conditionData",
    );
    const seller = await as(exporter).settlement.signAsSeller(terms);
    const text = settlementToJson({ terms, ...seller });
    const json = JSON.parse(text) as { version: number; way: string; terms: Record<string, string> };
    expect([json.version, json.way, json.terms.condition, json.terms.conditionData]).to.deep.equal([
      3,
      "signed",
      conditionAddress,
      conditionData,
    ]);
    const received = settlementFromJson(text);
    expect(received.terms).to.deep.equal(terms);
    const buyer = await as(importer).settlement.signAsBuyer(received.terms);
    // The signatures cover the condition: dropping it breaks them.
    await reverts(
      () =>
        as(relayer).settlement.settle({
          ...received,
          ...buyer,
          terms: { ...terms, condition: zeroAddress, conditionData: ZERO32 },
        }),
      "RailsInvalidSignature",
    );
    await (await condition.getFunction("setMode")(2)).wait(); // answers with the wrong selector
    const refused = await reverts(
      () => as(relayer).settlement.settle({ ...received, ...buyer }),
      "SettlementConditionRefused",
    );
    expect(refused.args).to.deep.equal([conditionAddress]);
    await (await condition.getFunction("setMode")(0)).wait();
    const { events } = await (await as(relayer).settlement.settle({ ...received, ...buyer })).wait();
    expect(events.map((e) => e.eventName)).to.include("Settled");
    expect(await as(undefined).ebl.holder(tokenId)).to.equal(importer);
  });

  it("settles a batch and reports each failed item with its typed error", async function () {
    const { as, tokenId } = await loadFixture(trade);
    const second = await as(carrier).ebl.issue({ document: toOrderDocument("SHA2HKG000124"), shipper: exporter });
    await second.wait();
    const prepare = (id: bigint) =>
      as(undefined).settlement.prepare({
        tokenId: id,
        paymentToken: "HKD",
        amount: "10",
        seller: exporter,
        buyer: importer,
      });
    const [good, bad] = [await prepare(tokenId), await prepare(second.tokenId)];
    const sign = async (terms: SettlementTerms) => ({
      terms,
      ...(await as(exporter).settlement.signAsSeller(terms)),
      ...(await as(importer).settlement.signAsBuyer(terms)),
    });
    const items = [await sign(good), { ...(await sign(bad)), sellerSignature: (await sign(good)).sellerSignature }];
    const { results, events } = await (await as(relayer).settlement.settleBatch(items)).wait();
    expect(results.map((r) => r.settled)).to.deep.equal([true, false]);
    const failed = results[1]!;
    if (failed.settled) throw new Error("unreachable");
    expect(failed.error).to.be.instanceOf(ContractRevertError);
    expect(failed.error.errorName).to.equal("RailsInvalidSignature");
    expect(failed.error.args).to.deep.equal([exporter]);
    expect(failed.termsHash).to.equal(await as(undefined).settlement.hashTerms(bad));
    expect(events.map((e) => e.eventName)).to.include("BatchItemFailed");
    await rejects(as(relayer).settlement.settleBatch([]), InvalidArgumentError);
  });

  it('prepare states the title outcome: "bearer" for a to-order B/L; a straight B/L\'s consignee, never bearer; null refused', async function () {
    const { as, tokenId } = await loadFixture(trade);
    const base = { paymentToken: "HKD", amount: "10", seller: exporter, buyer: importer };
    const bearer = await as(undefined).settlement.prepare({ ...base, tokenId, titleRecipient: "bearer" });
    expect(bearer.titleRecipient).to.equal(zeroAddress);
    // null once meant "possession only"; it is refused rather than read as bearer.
    const nullRefused = await rejects(
      () => as(undefined).settlement.prepare({ ...base, tokenId, titleRecipient: null as unknown as "bearer" }),
      InvalidArgumentError,
    );
    expect(nullRefused.hint).to.include("possession only");
    const issued = await as(carrier).ebl.issue({
      document: straightDocument("SHA2HKG-STR-9"),
      shipper: exporter,
      titleHolder: importer,
    });
    await issued.wait();
    const straight = await as(undefined).settlement.prepare({ ...base, tokenId: issued.tokenId, eblRecipient: bank });
    expect(straight.titleRecipient).to.equal(importer);
    const refused = await rejects(
      () => as(undefined).settlement.prepare({ ...base, tokenId: issued.tokenId, titleRecipient: "bearer" }),
      InvalidArgumentError,
    );
    expect(refused.message).to.include("titleRecipient");
  });

  it("runs an escrowed deal: create, deposit the eBL with a permit, pay in two parts by authorization", async function () {
    const { as, tokenId } = await loadFixture(trade);
    const terms = await as(undefined).settlement.prepare({
      tokenId,
      paymentToken: "HKD",
      amount: "1000",
      seller: exporter,
      buyer: importer,
      eblRecipient: bank,
      titleRecipient: bank,
    });
    // A signature of the terms (a settle consent) does not open a deal; the seller's deal signature does.
    await reverts(
      async () =>
        as(relayer).settlement.createDeal(terms, { sellerSignature: await as(exporter).settlement.signTerms(terms) }),
      "RailsInvalidSignature",
    );
    const sellerSignature = await as(exporter).settlement.signDeal(terms);
    const { dealId, wait } = await as(relayer).settlement.createDeal(terms, { sellerSignature });
    await wait();
    expect(dealId).to.equal(await as(undefined).settlement.hashTerms(terms, { way: "escrowed" }));
    // nothing is bound to the deal before the eBL is deposited
    expect(await as(undefined).settlement.openDealOf(tokenId)).to.equal(null);
    await reverts(() => as(relayer).settlement.createDeal(terms, { sellerSignature }), "SettlementTermsUsed");

    // The relayer needs the seller's consent to this deposit: neither the permit nor the public deal signature is one.
    // A permit names the contract that moves the eBL: one for SignedSettlement does not let EscrowedDeals take it.
    const forSettle = await as(exporter).settlement.signEblPermit(terms);
    const depositConsentFirst = await as(exporter).settlement.signEblDeposit(terms);
    await reverts(
      () => as(relayer).settlement.depositEbl(terms, { sellerSignature: depositConsentFirst, eblPermit: forSettle }),
      "SettlementEblNotAuthorized",
    );
    const eblPermit = await as(exporter).settlement.signEblPermit(terms, { way: "escrowed" });
    await reverts(() => as(relayer).settlement.depositEbl(terms, { eblPermit }), "RailsInvalidSignature");
    await reverts(
      () => as(relayer).settlement.depositEbl(terms, { sellerSignature, eblPermit }),
      "RailsInvalidSignature",
    );
    await (await as(relayer).settlement.depositEbl(terms, { sellerSignature: depositConsentFirst, eblPermit })).wait();
    expect(await as(undefined).settlement.deal(dealId)).to.deep.equal({
      status: "open",
      eblHeld: true,
      paidBaseUnits: 0n,
    });
    expect(await as(undefined).settlement.openDealOf(tokenId)).to.equal(dealId);
    await reverts(() => as(relayer).settlement.depositEbl(terms), "SettlementEblAlreadyDeposited");

    // Part payments by EIP-3009, bound to the deal consent by the nonce; anyone submits them. One signed for a
    // signed settlement of the same terms is refused.
    const paymentForSettle = await as(importer, true).settlement.signPayment(terms, { amount: "400" });
    await reverts(
      () => as(relayer).settlement.depositPayment(terms, { amount: "400", payment: paymentForSettle }),
      "ERC3009InvalidSignature",
    );
    const wrongWay = await rejects(
      () => as(importer, true).settlement.signPayment(terms, { way: "deal" as "escrowed", amount: "400" }),
      InvalidArgumentError,
    );
    expect(wrongWay.message).to.include("way");
    const part = await as(importer, true).settlement.signPayment(terms, { way: "escrowed", amount: "400" });
    if (part.method !== "authorization") throw new Error("expected an authorization");
    const hkd = as(undefined).deposits.HKD;
    const consent = await as(undefined).settlement.hashDeal(terms);
    expect(await hkd.authorizationUsed(importer, settlementAuthorizationNonce(consent, part.salt))).to.equal(false);
    await (await as(relayer).settlement.depositPayment(terms, { amount: "400", payment: part })).wait();
    expect(await hkd.authorizationUsed(importer, settlementAuthorizationNonce(consent, part.salt))).to.equal(true);
    expect(await as(undefined).settlement.escrowedBalance("HKD")).to.equal("400.00");
    expect((await as(undefined).settlement.deal(dealId)).paidBaseUnits).to.equal(40000n);
    await reverts(
      () => as(relayer).settlement.depositPayment(terms, { amount: "700", payment: part }),
      "SettlementOverpayment",
    );
    const rest = await as(importer).settlement.signPayment(terms, { way: "escrowed", amount: "600" });
    const { events, receipt } = await (
      await as(relayer).settlement.depositPayment(terms, { amount: "600", payment: rest })
    ).wait();
    expect(events.map((e) => e.eventName)).to.include.members(["PaymentDeposited", "Settled"]);
    expect(
      as(undefined)
        .settlement.settledEvents(receipt)
        .map((e) => [e.way, e.termsHash]),
    ).to.deep.equal([["escrowed", dealId]]);
    expect(await as(undefined).ebl.holder(tokenId)).to.equal(bank);
    expect(await as(undefined).ebl.titleHolder(tokenId)).to.equal(bank);
    expect(await as(undefined).settlement.openDealOf(tokenId)).to.equal(null);
    expect(await hkd.balanceOf(exporter)).to.equal("1000.00");
  });

  it("cancels terms and deals, refunds an expired deal, and refuses what the contract refuses", async function () {
    const { as, tokenId, eblRegistry, escrowedDeals, depositRail } = await loadFixture(trade);
    const prepare = (extra: object = {}) =>
      as(undefined).settlement.prepare({
        tokenId,
        paymentToken: "HKD",
        amount: "10",
        seller: exporter,
        buyer: importer,
        ...extra,
      });

    const cancelled = await prepare();
    await reverts(() => as(stranger).settlement.cancelTerms(cancelled), "SettlementNotParty");
    await (await as(importer).settlement.cancelTerms(cancelled)).wait();
    const seller = await as(exporter).settlement.signAsSeller(cancelled);
    const buyer = await as(importer).settlement.signAsBuyer(cancelled);
    await reverts(
      () => as(relayer).settlement.settle({ terms: cancelled, ...seller, ...buyer }),
      "SettlementTermsUsed",
    );

    // A deal cancelled by a party returns the deposited eBL.
    const deal = await prepare();
    await (await as(exporter).settlement.createDeal(deal)).wait();
    await (await as(exporter).ebl.approve({ tokenId, operator: escrowedDeals })).wait();
    await (await as(exporter).settlement.depositEbl(deal)).wait();
    expect(await as(undefined).ebl.holder(tokenId)).to.equal(escrowedDeals);
    const fresh = await prepare();
    const freshSigs = {
      ...(await as(exporter).settlement.signAsSeller(fresh)),
      ...(await as(importer).settlement.signAsBuyer(fresh)),
    };
    // SignedSettlement never holds eBLs: to it, the seller of an eBL in escrow is simply not its holder.
    const notHeld = await reverts(
      () => as(relayer).settlement.settle({ terms: fresh, ...freshSigs }),
      "SettlementSellerNotHolder",
    );
    expect(notHeld.args).to.deep.equal([exporter, escrowedDeals]);
    await reverts(() => as(relayer).settlement.refund(deal), "SettlementNotExpired");
    await (await as(importer).settlement.cancelDeal(deal)).wait();
    expect(await as(undefined).ebl.holder(tokenId)).to.equal(exporter);
    await reverts(() => as(importer).settlement.cancelDeal(deal), "SettlementDealNotOpen");
    await reverts(() => as(relayer).settlement.refund(deal), "SettlementNothingToRefund");

    // An expired deal with a payment in it: anyone refunds.
    const expiring = await prepare({ deadline: BigInt(await time.latest()) + 100n });
    await (await as(exporter).settlement.createDeal(expiring)).wait();
    await (await as(importer).deposits.HKD.approve({ spender: depositRail, amount: "5" })).wait();
    await (await as(importer).settlement.depositPayment(expiring, { amount: "5" })).wait();
    await time.increase(200);
    await reverts(() => as(importer).settlement.depositPayment(expiring, { amount: "5" }), "RailsExpired");
    const refunded = await (await as(stranger).settlement.refund(expiring)).wait();
    // The whole transaction's events: the escrow's, and the deposit token's refund transfer between them.
    expect(refunded.events.map((e) => `${e.contract}.${e.eventName}`)).to.deep.equal([
      "EscrowedDeals.DealCancelled",
      "TokenizedDeposit.Transfer",
      "EscrowedDeals.PaymentReturned",
    ]);

    // Other refusals, each a typed error.
    const terms = await prepare();
    const sigs = {
      ...(await as(exporter).settlement.signAsSeller(terms)),
      ...(await as(importer).settlement.signAsBuyer(terms)),
    };
    await reverts(() => as(relayer).settlement.settle({ terms: { ...terms, amount: 0n }, ...sigs }), "RailsZeroAmount");
    await reverts(
      () => as(relayer).settlement.settle({ terms: { ...terms, buyer: exporter }, ...sigs }),
      "SettlementInvalidParties",
    );
    await reverts(
      () => as(relayer).settlement.settle({ terms, ...sigs, eblPermit: undefined }),
      "SettlementEblNotAuthorized",
    );
    await reverts(
      () => as(relayer).settlement.settle({ terms: { ...terms, documentHash: keccak256(toHex("v0")) }, ...sigs }),
      "RailsInvalidSignature",
    );
    const changed = await prepare({ documentHash: keccak256(toHex("v0")) });
    await reverts(
      () =>
        as(exporter)
          .settlement.createDeal(changed)
          .then(async (r) => {
            await r.wait();
            return as(exporter).settlement.depositEbl(changed);
          }),
      "SettlementDocumentChanged",
    );
    await (await as(exporter).settlement.cancelDeal(changed)).wait();
    const notHolder = await prepare({
      seller: importer,
      buyer: exporter,
      paymentRecipient: importer,
      eblRecipient: exporter,
    });
    await reverts(
      () =>
        as(importer)
          .settlement.createDeal(notHolder)
          .then(() => as(importer).settlement.depositEbl(notHolder)),
      "SettlementSellerNotHolder",
    );

    await (await as(importer).settlement.cancelDeal(notHolder)).wait();
    const byAdmin = as(admin).settlement;
    await reverts(
      () => byAdmin.setMarket({ way: "signed", token: "HKD", rail: depositRail, registry: zeroAddress }),
      "RailsZeroAddress",
    );
    await (await byAdmin.pause("signed")).wait();
    expect(await byAdmin.paused("signed")).to.equal(true);
    expect(await byAdmin.paused("escrowed")).to.equal(false);
    await reverts(() => as(relayer).settlement.settle({ terms, ...sigs }), "EnforcedPause");
    await (await byAdmin.unpause("signed")).wait();
    await reverts(() => as(stranger).settlement.pause("signed"), "AccessManagedUnauthorized");
    await reverts(() => as(stranger).settlement.pause("escrowed"), "AccessManagedUnauthorized");
    for (const way of ["signed", "escrowed"] as const) {
      await reverts(
        () => byAdmin.recoverStrayToken({ from: way, token: "HKD", to: admin, amount: "1" }),
        "SettlementAssetInEscrow",
      );
      await reverts(() => byAdmin.recoverStrayEbl({ way, tokenId, to: exporter }), "ERC721InsufficientApproval");
    }
    // Tokens sent to the rail by mistake: the settlement admin recovers them from it.
    await (await as(importer).deposits.HKD.transfer({ to: depositRail, amount: "3" })).wait();
    await reverts(
      () => byAdmin.recoverStrayToken({ from: "rail", token: "HKD", to: importer, amount: "4" }),
      "ERC20InsufficientBalance",
    );
    await (await byAdmin.recoverStrayToken({ from: "rail", token: "HKD", to: importer, amount: "3" })).wait();
    expect(await as(undefined).deposits.HKD.balanceOf(depositRail)).to.equal("0.00");
    // An eBL pushed to the settlement contract outside a deposit is refused by the contract's receiver hook,
    // and the registry's call bubbles the settlement's error up, decoded.
    await reverts(() => as(exporter).ebl.transfer({ tokenId, to: escrowedDeals }), "SettlementUnsolicitedEbl");
    // A revert inside the eBL registry comes back decoded too (a straight recipient rule, a token rule...).
    await (await as(importer).deposits.HKD.approve({ spender: depositRail, amount: "10" })).wait();
    await (await as(bank).deposits.HKD.freeze({ account: importer })).wait();
    await reverts(() => as(relayer).settlement.settle({ terms, ...sigs }), "DepositAccountFrozen");
  });

  it("administers the settlement's roles through the access namespace, and refuses an eBL role as a deposit role", async function () {
    const { as } = await loadFixture(trade);
    const access = as(admin).access;
    const pauser = { contract: "settlement", name: "PAUSER" } as const;
    expect((await access.hasRole(pauser, admin)).isMember).to.equal(true);
    await (await access.revokeRole({ role: pauser, account: admin })).wait();
    await reverts(() => as(admin).settlement.pause("escrowed"), "AccessManagedUnauthorized");
    await (await access.grantRole({ role: pauser, account: admin })).wait();
    await (await as(admin).access.renounceRole({ role: pauser })).wait();
    expect((await access.hasRole(pauser, admin)).isMember).to.equal(false);
    // @ts-expect-error: the settlement contract has no minter; a deposit role names its currency
    expect(() => roleId({ contract: "settlement", name: "MINTER" })).to.throw(InvalidArgumentError);
    expect(() => roleId({ contract: "deposit", currency: "hkd", name: "MINTER" })).to.throw(InvalidArgumentError);
    expect(roleId({ contract: "deposit", currency: "HKD", name: "MINTER" })).to.not.equal(
      roleId({ contract: "deposit", currency: "CNH", name: "MINTER" }),
    );
    expect(roleOf(roleId({ contract: "deposit", currency: "CNH", name: "CAP_MANAGER" }))).to.deep.equal({
      contract: "deposit",
      currency: "CNH",
      name: "CAP_MANAGER",
    });
    expect(roleIdLabel(roleId({ contract: "deposit", currency: "HKD", name: "CAP_MANAGER" }))).to.equal(
      "HKD CAP MANAGER",
    );
    expect(roleIdLabel(roleId({ contract: "ebl", name: "LEGAL_HOLD" }))).to.equal("EBL LEGAL HOLD");
  });

  it("explains every custom error of every contract with a sentence and a hint", function () {
    const tables: [Abi, Record<string, { message: (args: never) => string; hint: string }>][] = [
      [participantRegistryAbi, participantRegistryErrors],
      [billOfLadingRegistryAbi, billOfLadingRegistryErrors],
      [tokenizedDepositAbi, tokenizedDepositErrors],
      [signedSettlementAbi, signedSettlementErrors],
      [escrowedDealsAbi, escrowedDealsErrors],
      [depositRailAbi, depositRailErrors],
      [railsAccessManagerAbi, railsAccessManagerErrors],
    ];
    const sample = (type: string): unknown => {
      if (type === "address") return exporter;
      if (type === "string") return "X";
      if (type === "bool") return true;
      if (type.startsWith("bytes")) return `0x${"11".repeat(Number(type.slice(5)))}`;
      return 1n;
    };
    let count = 0;
    for (const [abi, table] of tables) {
      for (const item of abi) {
        if (item.type !== "error") continue;
        const data = encodeErrorResult({
          abi: [item],
          errorName: item.name,
          args: item.inputs.map((input) => sample(input.type)),
        } as never);
        const error = decodeRevertData(data);
        expect(error.errorName).to.equal(item.name);
        expect(error.shortMessage, item.name).to.not.match(/^The contract reverted with|\[object/);
        expect(table[item.name]?.hint, item.name).to.match(/\w+/);
        count += 1;
      }
    }
    expect(count).to.be.greaterThan(100);
    expect(decodeRevertData("0x").errorName).to.equal("UnknownRevert");
  });
});
