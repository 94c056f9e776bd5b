import { expect } from "chai";
import { keccak256, toHex, zeroAddress, type Hex } from "viem";

import {
  AmountPrecisionError,
  ContractRevertError,
  decodeRevertData,
  InvalidAddressError,
  InvalidAmountError,
  InvalidArgumentError,
} from "../../sdk/src/index.js";
import { rejects } from "./helpers.js";
import { createSystemChain } from "./system.js";

const chain = await createSystemChain();
const { accounts, publicClient } = chain;
const { admin, bank, exporter, importer, relayer, stranger, cnBank } = accounts;
const { loadFixture, time } = chain.connection.networkHelpers;

const deployed = () => chain.system();

async function reverts(fn: () => Promise<unknown>, name: string): Promise<ContractRevertError> {
  const error = await rejects(fn, ContractRevertError);
  expect(error.errorName, error.message).to.equal(name);
  expect(error.hint, `${name} has a hint`).to.be.a("string").and.not.equal("");
  return error;
}

/** Deploys a TokenizedDeposit with `change` applied to a valid config; expects the SDK to decode `name`. */
async function deployReverts(change: Record<string, unknown>, name: string): Promise<void> {
  const { participantRegistry, addresses } = await loadFixture(deployed);
  const accessManager = addresses.accessManager;
  const config = {
    name: "Bad HKD",
    symbol: "bHKD",
    decimals: 2,
    currency: toHex("HKD"),
    registry: participantRegistry,
    issuer: bank,
    issuerId: toHex("LEI", { size: 32 }),
    supplyCap: 0n,
    authority: accessManager,
    ...change,
  };
  const signer = await chain.connection.ethers.getSigner(admin);
  const error = await chain.connection.ethers.deployContract("TokenizedDeposit", [config], signer).then(
    () => expect.fail(`deploying with ${JSON.stringify(Object.keys(change))} should revert`),
    (e: { data?: Hex }) => e,
  );
  const decoded = decodeRevertData(error.data ?? "0x");
  expect(decoded.errorName).to.equal(name);
  expect(decoded.hint).to.be.a("string").and.not.equal("");
}

describe("SDK: deposits namespace (in-process network)", function () {
  it("decodes the deployment refusals of a deposit token", async function () {
    await deployReverts({ decimals: 19 }, "DepositInvalidDecimals");
    await deployReverts({ currency: toHex("hkd") }, "DepositInvalidCurrency");
    await deployReverts({ registry: zeroAddress }, "RailsZeroAddress");
    await deployReverts({ issuer: exporter }, "DepositInvalidIssuer");
  });

  it("reads metadata once and balances in token units; formats and parses base units only when asked", async function () {
    const { as, hkd } = await loadFixture(deployed);
    const token = as(undefined).deposits.HKD;
    expect(token.address).to.equal(hkd);
    expect(await token.metadata()).to.deep.equal({
      address: hkd,
      name: "Harbour Bank HKD Deposit",
      symbol: "hbHKD",
      decimals: 2,
      currency: "HKD",
      issuer: bank,
      issuerId: "LEI:HARBOURBANKHK0001",
    });
    // Reads are in token units, in the same form as the amounts the client takes.
    expect(await token.balanceOf(importer)).to.equal("100000.00");
    expect(await token.format(10_000_000n)).to.equal("100000.00");
    expect(await token.parse("1250.5")).to.equal(125050n);
    expect(await token.availableBalance(importer)).to.equal("100000.00");
    expect(await token.frozenAmount(importer)).to.equal("0.00");
    expect(await token.isFrozen(importer)).to.equal(false);
    expect(await token.totalSupply()).to.equal("100000.00");
    expect(await token.supplyCap()).to.equal("0.00");
    expect(await token.paused()).to.equal(false);
    expect(
      (await as(undefined).access.hasRole({ contract: "deposit", currency: "HKD", name: "MINTER" }, bank)).isMember,
    ).to.equal(true);
    const rails = as(undefined);
    expect(rails.deposit(hkd)).to.equal(rails.deposits.HKD);
    expect(rails.deposit("HKD")).to.equal(rails.deposits.HKD);
    // An unknown label (e.g. one an Ignition deployment lacks) throws a typed error that names the labels configured.
    expect(() => rails.deposit("USD")).to.throw(InvalidArgumentError, /deposit label \(HKD\)/);
  });

  it("refuses an amount with too many decimals before any transaction (nonce unchanged)", async function () {
    const { as } = await loadFixture(deployed);
    const token = as(importer).deposits.HKD;
    const nonce = await publicClient.getTransactionCount({ address: importer });
    const error = await rejects(token.transfer({ to: exporter, amount: "1250.505" }), AmountPrecisionError);
    expect(error.decimals).to.equal(2);
    await rejects(token.transfer({ to: exporter, amount: 12.5 as never }), InvalidAmountError);
    await rejects(token.approve({ spender: exporter, amount: "1,000" }), InvalidAmountError);
    await rejects(token.transfer({ to: "0x1234", amount: "1" }), InvalidAddressError);
    await rejects(as(bank).deposits.HKD.mint({ to: exporter, amount: "1", bankReference: "" }), InvalidArgumentError);
    await rejects(
      as(bank).deposits.HKD.mint({ to: exporter, amount: "1", bankReference: "x".repeat(33) }),
      InvalidArgumentError,
    );
    expect(await publicClient.getTransactionCount({ address: importer })).to.equal(nonce);
  });

  it("refuses base units given as a bigint (100n is not HKD 100), naming formatAmount, before any transaction", async function () {
    const { as } = await loadFixture(deployed);
    const token = as(importer).deposits.HKD;
    const nonce = await publicClient.getTransactionCount({ address: importer });
    const error = await rejects(token.transfer({ to: exporter, amount: 100n as never }), InvalidAmountError);
    expect(error.value).to.equal(100n);
    expect(error.hint).to.include("formatAmount(100n, decimals)");
    expect(await token.balanceOf(exporter)).to.equal("0.00");
    expect(await publicClient.getTransactionCount({ address: importer })).to.equal(nonce);
  });

  it("takes back what it reads: a balance read passes unchanged as an amount", async function () {
    const { as } = await loadFixture(deployed);
    const token = as(importer).deposits.HKD;
    await (await token.transfer({ to: exporter, amount: await token.balanceOf(importer) })).wait();
    expect(await token.balanceOf(exporter)).to.equal("100000.00");
    expect(await token.balanceOf(importer)).to.equal("0.00");
  });

  it("transfers, approves, spends an allowance, redeems; the bank mints, burns, freezes and recovers", async function () {
    const { as } = await loadFixture(deployed);
    const [byImporter, byExporter, byBank, byRelayer] = [as(importer), as(exporter), as(bank), as(relayer)];
    const { events } = await (await byImporter.deposits.HKD.transfer({ to: exporter, amount: "1250.50" })).wait();
    expect(events.map((e) => e.eventName)).to.deep.equal(["Transfer"]);
    expect(await byImporter.deposits.HKD.balanceOf(exporter)).to.equal("1250.50");

    await (await byExporter.deposits.HKD.approve({ spender: relayer, amount: "100" })).wait();
    expect(await byExporter.deposits.HKD.allowance(exporter, relayer)).to.equal("100.00");
    await (await byRelayer.deposits.HKD.transferFrom({ from: exporter, to: relayer, amount: "25" })).wait();
    expect(await byExporter.deposits.HKD.balanceOf(relayer)).to.equal("25.00");
    await reverts(
      () => byRelayer.deposits.HKD.transferFrom({ from: exporter, to: relayer, amount: "1000" }),
      "ERC20InsufficientAllowance",
    );

    const redemption = await (
      await byExporter.deposits.HKD.requestRedemption({ amount: "50", payoutReference: "HK-ACC-0042" })
    ).wait();
    const requested = redemption.events.find((e) => e.eventName === "RedemptionRequested");
    expect(requested?.args).to.deep.include({ requestId: 1n, holder: exporter, amount: "50.00" });

    const minted = await (
      await byBank.deposits.HKD.mint({ to: exporter, amount: "10", bankReference: "DEP-0002" })
    ).wait();
    const mintedEvent = minted.events.find((e) => e.eventName === "Minted");
    expect(mintedEvent?.args).to.deep.include({
      to: exporter,
      amount: "10.00",
      bankReference: "DEP-0002", // as text, as the watchers give it
    });
    const reference = keccak256(toHex("core-banking booking 77"));
    await (await byBank.deposits.HKD.burn({ from: exporter, amount: "10", bankReference: reference })).wait();

    await (await byBank.deposits.HKD.freezeAmount({ account: importer, amount: "1000" })).wait();
    expect(await byBank.deposits.HKD.frozenAmount(importer)).to.equal("1000.00");
    await reverts(
      () => byImporter.deposits.HKD.transfer({ to: exporter, amount: "98000" }),
      "DepositFrozenAmountExceeded",
    );
    await reverts(
      () => byBank.deposits.HKD.unfreezeAmount({ account: importer, amount: "2000" }),
      "DepositUnfreezeExceedsFrozen",
    );
    await (await byBank.deposits.HKD.unfreezeAmount({ account: importer, amount: "1000" })).wait();
    await reverts(
      () => byBank.deposits.HKD.freezeAmount({ account: importer, amount: "1000000" }),
      "DepositFreezeExceedsBalance",
    );
    await reverts(() => byBank.deposits.HKD.freezeAmount({ account: importer, amount: "0" }), "RailsZeroAmount");

    await (await byBank.deposits.HKD.freeze({ account: importer })).wait();
    expect(await byBank.deposits.HKD.isFrozen(importer)).to.equal(true);
    expect(await byBank.deposits.HKD.availableBalance(importer)).to.equal("0.00");
    await reverts(() => byImporter.deposits.HKD.transfer({ to: exporter, amount: "1" }), "DepositAccountFrozen");
    await reverts(() => byBank.deposits.HKD.freeze({ account: importer }), "DepositAccountFrozen");
    const forced = await (
      await byBank.deposits.HKD.forcedTransfer({ from: importer, to: exporter, amount: "1", reasonCode: "COURT-17" })
    ).wait();
    expect(forced.events.map((e) => e.eventName)).to.include("ForcedTransfer");
    await (await byBank.deposits.HKD.unfreeze({ account: importer })).wait();
    await reverts(() => byBank.deposits.HKD.unfreeze({ account: importer }), "DepositAccountNotFrozen");

    await (await byBank.deposits.HKD.setSupplyCap({ cap: "1" })).wait();
    expect(await byBank.deposits.HKD.supplyCap()).to.equal("1.00");
    await reverts(
      () => byBank.deposits.HKD.mint({ to: exporter, amount: "1", bankReference: "DEP-0003" }),
      "DepositSupplyCapExceeded",
    );
    await (await byBank.deposits.HKD.setSupplyCap({ cap: "0" })).wait();
    await reverts(
      () => byBank.deposits.HKD.mint({ to: exporter, amount: "1", bankReference: `0x${"00".repeat(32)}` }),
      "DepositZeroReference",
    );
    await reverts(
      () => byBank.deposits.HKD.mint({ to: stranger, amount: "1", bankReference: "DEP-4" }),
      "RailsNotVerified",
    );
    await reverts(
      () => byImporter.deposits.HKD.transfer({ to: exporter, amount: "1000000" }),
      "ERC20InsufficientBalance",
    );
    await reverts(
      () => byImporter.deposits.HKD.mint({ to: importer, amount: "1", bankReference: "DEP-5" }),
      "AccessManagedUnauthorized",
    );

    await (await byBank.deposits.HKD.pause()).wait();
    expect(await byBank.deposits.HKD.paused()).to.equal(true);
    await reverts(() => byImporter.deposits.HKD.transfer({ to: exporter, amount: "1" }), "EnforcedPause");
    await (await byBank.deposits.HKD.unpause()).wait();

    const byAdmin = as(admin);
    const hkdMinter = { contract: "deposit", currency: "HKD", name: "MINTER" } as const;
    await (await byAdmin.access.grantRole({ role: hkdMinter, account: cnBank })).wait();
    await (await byAdmin.access.revokeRole({ role: hkdMinter, account: cnBank })).wait();
    expect((await byAdmin.access.hasRole(hkdMinter, cnBank)).isMember).to.equal(false);
  });

  it("pays gaslessly: permit, transfer and receive authorizations, cancellation (local and JSON-RPC accounts)", async function () {
    const { as } = await loadFixture(deployed);
    const importerLocal = as(importer, true).deposits.HKD;
    const byRelayer = as(relayer).deposits.HKD;

    const permit = await importerLocal.signPermit({ spender: relayer, amount: "300" });
    expect(permit).to.include({ owner: importer, spender: relayer, value: 30000n });
    await (await byRelayer.permit(permit)).wait();
    expect(await byRelayer.allowance(importer, relayer)).to.equal("300.00");
    await reverts(() => byRelayer.permit(permit), "RailsInvalidSignature"); // nonce used
    await reverts(() => byRelayer.permit({ ...permit, deadline: 1n }), "ERC2612ExpiredSignature");

    const transfer = await as(importer).deposits.HKD.signTransferAuthorization({ to: exporter, amount: "12.34" });
    const relayerNonce = await publicClient.getTransactionCount({ address: relayer });
    await (await byRelayer.transferWithAuthorization(transfer)).wait();
    expect(await publicClient.getTransactionCount({ address: relayer })).to.equal(relayerNonce + 1);
    expect(await byRelayer.balanceOf(exporter)).to.equal("12.34");
    expect(await byRelayer.authorizationUsed(importer, transfer.nonce)).to.equal(true);
    await reverts(() => byRelayer.transferWithAuthorization(transfer), "ERC3009UsedAuthorization");
    await reverts(
      () => byRelayer.transferWithAuthorization({ ...transfer, nonce: keccak256(toHex("other")) }),
      "ERC3009InvalidSignature",
    );

    const receive = await importerLocal.signReceiveAuthorization({ to: exporter, amount: "1" });
    await reverts(() => byRelayer.receiveWithAuthorization(receive), "ERC3009CallerNotPayee");
    await (await as(exporter).deposits.HKD.receiveWithAuthorization(receive)).wait();

    const now = BigInt(await time.latest());
    const later = await importerLocal.signTransferAuthorization({ to: exporter, amount: "1", validAfter: now + 1000n });
    await reverts(() => byRelayer.transferWithAuthorization(later), "ERC3009AuthorizationNotYetValid");
    const expired = await importerLocal.signTransferAuthorization({ to: exporter, amount: "1", validBefore: now });
    await reverts(() => byRelayer.transferWithAuthorization(expired), "ERC3009AuthorizationExpired");

    const nonce: Hex = keccak256(toHex("cancel me"));
    const cancelled = await importerLocal.signTransferAuthorization({ to: exporter, amount: "1", nonce });
    const cancellation = await importerLocal.signCancelAuthorization({ nonce });
    await (await byRelayer.cancelAuthorization(cancellation)).wait();
    await reverts(() => byRelayer.transferWithAuthorization(cancelled), "ERC3009UsedAuthorization");
  });
});
