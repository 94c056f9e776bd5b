/**
 * Prepared writes (validated and simulated, not sent), the send form's overrides, any viem account or a signing
 * callback as the signer, Safe transaction data, and the decoded events of a whole transaction.
 */
import { expect } from "chai";
import {
  concat,
  encodeAbiParameters,
  encodeFunctionData,
  getAddress,
  keccak256,
  toBytes,
  verifyTypedData,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount, toAccount } from "viem/accounts";

import {
  billOfLadingRegistryAbi,
  ContractRevertError,
  createCargoRails,
  depositPermitTypes,
  hashSafeTransaction,
  InvalidArgumentError,
  SAFE_TX_TYPEHASH,
  safeTransactionTypedData,
  signDepositPermit,
  toSafeTransaction,
  WalletRequiredError,
  type RailsEvent,
  type TypedDataSigner,
  type TypedDataToSign,
} from "../../sdk/src/index.js";
import { rejects } from "./helpers.js";
import { createSystemChain, HARDHAT_KEYS, toOrderDocument } from "./system.js";

const chain = await createSystemChain();
const { accounts, publicClient } = chain;
const { carrier, exporter, importer, bank, relayer, registrar } = accounts;
const { loadFixture } = chain.connection.networkHelpers;
const keyOf = (account: Address) => {
  const index = Object.values(accounts).indexOf(account);
  return privateKeyToAccount(HARDHAT_KEYS[index]!);
};

/** The system, with a to-order eBL held by the exporter. */
async function trade() {
  const sys = await chain.system();
  const { tokenId, wait } = await sys.as(carrier).ebl.issue({
    document: toOrderDocument("SHA2HKG000777"),
    shipper: exporter,
  });
  await wait();
  return { ...sys, tokenId };
}

/** `contract.eventName` of each event, in log order. */
const names = (events: readonly RailsEvent[]) => events.map((e) => `${e.contract}.${e.eventName}`);

describe("SDK: prepared writes, overrides, signers and whole-transaction events (in-process network)", function () {
  it("prepares a write without a wallet: the simulated request, to, data, value, gas, chainId and from", async function () {
    const { as, tokenId, eblRegistry } = await loadFixture(trade);
    const reader = as(undefined); // no walletClient at all
    const nonce = await publicClient.getTransactionCount({ address: exporter });
    const prepared = await reader.ebl.endorse.prepare({ tokenId, endorsee: importer }, { account: exporter });

    expect(prepared.operation).to.equal("ebl.endorse");
    expect(prepared.chainId).to.equal(await publicClient.getChainId());
    expect(prepared.from).to.equal(exporter);
    expect(prepared.to).to.equal(eblRegistry);
    expect(prepared.value).to.equal(0n);
    expect(prepared.data).to.equal(
      encodeFunctionData({ abi: billOfLadingRegistryAbi, functionName: "endorse", args: [tokenId, importer] }),
    );
    expect(prepared.gas > 21_000n).to.equal(true);
    expect(prepared.request).to.deep.include({ address: eblRegistry, functionName: "endorse" });
    expect(prepared.request.account).to.deep.include({ address: exporter }); // viem's parsed account
    expect(prepared.request.args).to.deep.equal([tokenId, importer]);
    expect(await publicClient.getTransactionCount({ address: exporter })).to.equal(nonce); // nothing was sent
    expect(await reader.ebl.titleHolder(tokenId)).to.equal(exporter);

    // Whoever holds the key sends the transaction as prepared; the client decodes what it did.
    const hash = await chain.wallet(exporter).sendTransaction({
      to: prepared.to,
      data: prepared.data,
      value: prepared.value,
      gas: prepared.gas,
      account: exporter,
      chain: null,
    });
    const { events } = await reader.waitForTransaction(hash);
    expect(names(events)).to.deep.equal(["BillOfLadingRegistry.Endorsed"]);
    expect(await reader.ebl.titleHolder(tokenId)).to.equal(importer);
  });

  it("refuses to prepare without an account to simulate from", async function () {
    const { as, tokenId } = await loadFixture(trade);
    const error = await rejects(
      () => as(undefined).ebl.endorse.prepare({ tokenId, endorsee: importer }),
      WalletRequiredError,
    );
    expect(error.message).to.include("ebl.endorse");
  });

  it("throws the contract's typed error when the prepared call would revert", async function () {
    const { as, tokenId } = await loadFixture(trade);
    const error = await rejects(
      () => as(undefined).ebl.endorse.prepare({ tokenId, endorsee: importer }, { account: importer }),
      ContractRevertError,
    );
    expect(error.errorName).to.equal("EblNotHolder");
  });

  it("sends with the overrides given: nonce, gas and fees", async function () {
    const { as } = await loadFixture(trade);
    const nonce = await publicClient.getTransactionCount({ address: importer });
    const overrides = { nonce, gas: 150_000n, maxFeePerGas: 40_000_000_000n, maxPriorityFeePerGas: 2_000_000_000n };
    const { hash, wait } = await as(importer).deposits.HKD.transfer({ to: exporter, amount: "10" }, overrides);
    await wait();
    const tx = await publicClient.getTransaction({ hash });
    expect({
      nonce: tx.nonce,
      gas: tx.gas,
      maxFeePerGas: tx.maxFeePerGas,
      maxPriorityFeePerGas: tx.maxPriorityFeePerGas,
    }).to.deep.equal(overrides);
  });

  it("sends from a custom toAccount signer whose signing is a callback (a KMS)", async function () {
    const { addresses } = await loadFixture(trade);
    const key = keyOf(importer);
    const signed: Hex[] = [];
    const kms = toAccount({
      address: importer,
      async signTransaction(transaction) {
        const raw = await key.signTransaction(transaction); // the KMS's remote call
        signed.push(raw);
        return raw;
      },
      signMessage: (params) => key.signMessage(params),
      signTypedData: (params) => key.signTypedData(params),
    });
    // The walletClient has no account: the KMS account is given per call.
    const rails = createCargoRails({ publicClient, walletClient: chain.wallet(relayer), addresses });
    const { hash, wait } = await rails.deposits.HKD.transfer({ to: exporter, amount: "12.50" }, { account: kms });
    const { events } = await wait();
    expect(signed).to.have.length(1);
    expect(keccak256(signed[0]!)).to.equal(hash);
    expect((await publicClient.getTransaction({ hash })).from).to.equal(importer.toLowerCase());
    expect(names(events)).to.deep.equal(["TokenizedDeposit.Transfer"]);
    const [transfer] = events;
    if (transfer?.contract !== "TokenizedDeposit" || transfer.eventName !== "Transfer") throw new Error("no Transfer");
    expect(transfer.args).to.deep.equal({ from: importer, to: exporter, value: "12.50" });
  });

  it("signs terms, permits and authorizations with a typed-data callback (an HSM), without any walletClient", async function () {
    const { addresses, as, tokenId } = await loadFixture(trade);
    const calls: string[] = [];
    const hsm = (account: Address): TypedDataSigner => ({
      address: account,
      signTypedData: async (typedData: TypedDataToSign) => {
        calls.push(`${account}:${typedData.primaryType}`);
        return keyOf(account).signTypedData(typedData as Parameters<ReturnType<typeof keyOf>["signTypedData"]>[0]);
      },
    });
    const seller = createCargoRails({ publicClient, signer: hsm(exporter), addresses });
    const buyer = createCargoRails({ publicClient, signer: hsm(importer), addresses });
    const terms = await seller.settlement.prepare({
      tokenId,
      paymentToken: "HKD",
      amount: "2500.00",
      seller: exporter,
      buyer: importer,
    });
    const fromSeller = await seller.settlement.signAsSeller(terms); // terms + eBL permit
    const fromBuyer = await buyer.settlement.signAsBuyer(terms, { method: "permit" }); // terms + EIP-2612 permit
    const authorization = await buyer.deposits.HKD.signTransferAuthorization({ to: exporter, amount: "1" });
    expect(calls).to.deep.equal([
      `${exporter}:Terms`,
      `${exporter}:Permit`,
      `${importer}:Terms`,
      `${importer}:Permit`,
      `${importer}:TransferWithAuthorization`,
    ]);
    const { wait } = await as(relayer).settlement.settle({ terms, ...fromSeller, ...fromBuyer });
    const { events } = await wait();
    expect(names(events)).to.include("SignedSettlement.Settled");
    await (await as(relayer).deposits.HKD.transferWithAuthorization(authorization)).wait();

    // The pure helpers take the same signers.
    const domain = await as(undefined).deposits.HKD.domain();
    const message = { owner: importer, spender: relayer, value: 5n, nonce: 9n, deadline: 1n };
    const signature = await signDepositPermit(hsm(importer), { domain, ...message });
    expect(
      await verifyTypedData({
        address: importer,
        domain,
        types: depositPermitTypes,
        primaryType: "Permit",
        message,
        signature,
      }),
    ).to.equal(true);
  });

  it("lets a contract account (ERC-1271) buy: its owner signs for it, and runs the prepared approval through it", async function () {
    const { addresses, as, tokenId, depositRail } = await loadFixture(trade);
    const { ethers } = chain.connection;
    const owner = keyOf(relayer);
    const smart = await ethers.deployContract("TestSmartAccount", [relayer], await ethers.getSigner(relayer));
    const account = (await smart.getAddress()) as Address;
    const registrarRails = createCargoRails({ publicClient, walletClient: chain.wallet(registrar), addresses });
    await (
      await registrarRails.participants.register({
        account,
        kinds: ["trader"],
        jurisdiction: "HK",
        validUntil: BigInt(Math.floor(Date.now() / 1000)) + 86_400n * 365n,
        kycReference: keccak256(toBytes("kyc:smart-account")),
      })
    ).wait();
    await (await as(bank).deposits.HKD.mint({ to: account, amount: "3000", bankReference: "DEP-SA" })).wait();

    // The account's writes are prepared for it and executed by its owner through the account.
    const smartRails = createCargoRails({
      publicClient,
      addresses,
      signer: {
        address: account,
        signTypedData: (typedData: TypedDataToSign) => owner.signTypedData(typedData as never),
      },
    });
    const approval = await smartRails.deposits.HKD.approve.prepare(
      { spender: depositRail, amount: "3000" },
      { account },
    );
    expect(approval.from).to.equal(account);
    const hash = await chain.wallet(relayer).writeContract({
      address: account,
      abi: [
        {
          type: "function",
          name: "execute",
          stateMutability: "nonpayable",
          inputs: [
            { name: "target", type: "address" },
            { name: "data", type: "bytes" },
          ],
          outputs: [{ name: "result", type: "bytes" }],
        },
      ] as const,
      functionName: "execute",
      args: [approval.to, approval.data],
      account: relayer,
      chain: null,
    });
    const approved = await smartRails.waitForTransaction(hash);
    expect(names(approved.events)).to.deep.equal(["TokenizedDeposit.Approval"]);

    const terms = await smartRails.settlement.prepare({
      tokenId,
      paymentToken: "HKD",
      amount: "3000",
      seller: exporter,
      buyer: account,
    });
    const buyerSignature = await smartRails.settlement.signTerms(terms); // the owner's key, valid for the account
    const fromSeller = await as(exporter).settlement.signAsSeller(terms);
    await (await as(importer).settlement.settle({ terms, ...fromSeller, buyerSignature })).wait();
    expect(await as(undefined).ebl.holder(tokenId)).to.equal(account);
    expect(await as(undefined).deposits.HKD.balanceOf(account)).to.equal("0.00");
  });

  it("turns a prepared write into Safe transaction data and hashes it per the Safe's EIP-712 spec", async function () {
    const { as, tokenId } = await loadFixture(trade);
    const safe = getAddress("0x5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe"); // a Safe holding the eBL would prepare for itself
    const prepared = await as(undefined).ebl.endorse.prepare({ tokenId, endorsee: importer }, { account: exporter });
    const tx = toSafeTransaction(prepared, { nonce: 7n });
    expect(tx).to.deep.equal({
      to: prepared.to,
      value: 0n,
      data: prepared.data,
      operation: 0,
      safeTxGas: 0n,
      baseGas: 0n,
      gasPrice: 0n,
      gasToken: zeroAddress,
      refundReceiver: zeroAddress,
      nonce: 7n,
    });
    // The type hash, by hand from the Safe contract's type string.
    const typeString =
      "SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,uint256 baseGas,uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)";
    expect(keccak256(toBytes(typeString))).to.equal(SAFE_TX_TYPEHASH);
    expect(SAFE_TX_TYPEHASH).to.equal("0xbb8310d486368db6bd6f849402fdd73ad53d316b5a4b2644ad6efe0f941286d8");
    // The hash as the Safe contract's getTransactionHash computes it (Safe v1.3.0+: domain {chainId, verifyingContract}).
    const domainSeparator = keccak256(
      encodeAbiParameters(
        [{ type: "bytes32" }, { type: "uint256" }, { type: "address" }],
        [keccak256(toBytes("EIP712Domain(uint256 chainId,address verifyingContract)")), 31337n, safe],
      ),
    );
    const structHash = keccak256(
      encodeAbiParameters(
        [
          { type: "bytes32" },
          { type: "address" },
          { type: "uint256" },
          { type: "bytes32" },
          { type: "uint8" },
          { type: "uint256" },
          { type: "uint256" },
          { type: "uint256" },
          { type: "address" },
          { type: "address" },
          { type: "uint256" },
        ],
        [SAFE_TX_TYPEHASH, tx.to, 0n, keccak256(tx.data), 0, 0n, 0n, 0n, zeroAddress, zeroAddress, 7n],
      ),
    );
    const expected = keccak256(concat(["0x1901", domainSeparator, structHash]));
    expect(hashSafeTransaction(tx, { safe, chainId: 31337 })).to.equal(expected);
    // An owner signs the typed data; the signature recovers to the owner over that hash.
    const owner = keyOf(exporter);
    const typedData = safeTransactionTypedData(tx, { safe, chainId: 31337 });
    const signature = await owner.signTypedData(typedData);
    expect(await verifyTypedData({ address: exporter, ...typedData, signature })).to.equal(true);
  });

  it("refuses a Safe nonce that is not a non-negative bigint", async function () {
    const { as, tokenId } = await loadFixture(trade);
    const prepared = await as(undefined).ebl.endorse.prepare({ tokenId, endorsee: importer }, { account: exporter });
    const error = await rejects(
      async () => toSafeTransaction(prepared, { nonce: 7 as unknown as bigint }),
      InvalidArgumentError,
    );
    expect(error.message).to.include("nonce");
  });

  it("wait() after settle returns the events of every contract: Settled, the registry's Endorsed and Transfer, the token's Transfer", async function () {
    const { as, tokenId, signedSettlement, eblRegistry, hkd, depositRail } = await loadFixture(trade);
    const terms = await as(undefined).settlement.prepare({
      tokenId,
      paymentToken: "HKD",
      amount: "25000.00",
      seller: exporter,
      buyer: importer,
    });
    const fromSeller = await as(exporter).settlement.signAsSeller(terms);
    const fromBuyer = await as(importer).settlement.signAsBuyer(terms);
    const { events } = await (await as(relayer).settlement.settle({ terms, ...fromSeller, ...fromBuyer })).wait();
    expect(names(events)).to.include.members([
      "SignedSettlement.Settled",
      "BillOfLadingRegistry.Transfer",
      "BillOfLadingRegistry.Endorsed",
      "TokenizedDeposit.Transfer",
    ]);
    const byName = (contract: RailsEvent["contract"], eventName: string) =>
      events.filter((e) => e.contract === contract && e.eventName === eventName);
    expect(byName("SignedSettlement", "Settled")[0]).to.deep.include({ address: signedSettlement });
    expect(byName("SignedSettlement", "Settled")[0]!.args).to.deep.include({ tokenId, amount: "25000.00" });
    expect(byName("BillOfLadingRegistry", "Transfer")[0]).to.deep.include({ address: eblRegistry });
    expect(byName("BillOfLadingRegistry", "Transfer")[0]!.args).to.deep.equal({
      from: exporter,
      to: importer,
      tokenId,
    });
    const payment = byName("TokenizedDeposit", "Transfer").map((e) => [e.address, e.args]);
    // The payment goes through the market's rail: buyer to rail, rail to seller, in the token's units.
    expect(payment).to.deep.equal([
      [hkd, { from: importer, to: depositRail, value: "25000.00" }],
      [hkd, { from: depositRail, to: exporter, value: "25000.00" }],
    ]);
    // Log order is kept.
    expect(events.map((e) => e.logIndex)).to.deep.equal([...events.map((e) => e.logIndex)].sort((a, b) => a - b));
  });

  it("wait() after an escrowed payment that settles returns the deal's, the registry's and the token's events", async function () {
    const { as, tokenId, depositRail, escrowedDeals } = await loadFixture(trade);
    const terms = await as(undefined).settlement.prepare({
      tokenId,
      paymentToken: "HKD",
      amount: "900.00",
      seller: exporter,
      buyer: importer,
    });
    await (await as(exporter).settlement.createDeal(terms)).wait();
    const eblPermit = await as(exporter).settlement.signEblPermit(terms, { way: "escrowed" });
    await (await as(exporter).settlement.depositEbl(terms, { eblPermit })).wait();
    await (await as(importer).deposits.HKD.approve({ spender: depositRail, amount: "900" })).wait();
    const { events } = await (await as(importer).settlement.depositPayment(terms)).wait();
    expect(names(events)).to.include.members([
      "EscrowedDeals.PaymentDeposited",
      "EscrowedDeals.Settled",
      "BillOfLadingRegistry.Transfer",
      "TokenizedDeposit.Transfer",
    ]);
    const settled = events.find((e) => e.contract === "EscrowedDeals" && e.eventName === "Settled");
    expect(settled?.address).to.equal(escrowedDeals);
    expect(settled?.args).to.deep.include({ seller: exporter, buyer: importer, amount: "900.00" });
    const deposited = events.find((e) => e.contract === "EscrowedDeals" && e.eventName === "PaymentDeposited");
    // The event names no token: base units, under the name deal() uses (as the watchers give it).
    expect(deposited?.args).to.deep.include({ amountBaseUnits: 90_000n, totalPaidBaseUnits: 90_000n });
    expect(deposited?.args).to.not.have.property("amount");
    const transfers = events.filter((e) => e.contract === "TokenizedDeposit" && e.eventName === "Transfer");
    expect(transfers.map((e) => e.args)).to.deep.include({ from: escrowedDeals, to: exporter, value: "900.00" });
  });

  it("wait() after a mint returns Minted and Transfer in the token's units", async function () {
    const { as, hkd } = await loadFixture(trade);
    const { events } = await (
      await as(bank).deposits.HKD.mint({ to: exporter, amount: "1250.5", bankReference: "DEP-0042" })
    ).wait();
    expect(names(events)).to.deep.equal(["TokenizedDeposit.Transfer", "TokenizedDeposit.Minted"]);
    expect(events.map((e) => e.address)).to.deep.equal([hkd, hkd]);
    expect(events[0]!.args).to.deep.equal({ from: zeroAddress, to: exporter, value: "1250.50" });
    expect(events[1]!.args).to.deep.include({ to: exporter, amount: "1250.50", operator: bank });
  });
});
