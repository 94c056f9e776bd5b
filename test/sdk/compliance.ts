import { expect } from "chai";
import { decodeFunctionData, toFunctionSelector, toHex, type Address } from "viem";

import { ContractRevertError, InvalidArgumentError, roleId } from "../../sdk/src/index.js";
import { transferPolicyRoles } from "../../sdk/src/roles.js";
import {
  compliance,
  DailyLimitExceededError,
  JurisdictionPairNotPermittedError,
  PolicyRefusalError,
  policyRefusalOf,
  SanctionedAccountError,
  TransferLimitExceededError,
  TransferPolicyNotSetError,
  transferPolicyAbi,
} from "../../sdk/src/compliance/index.js";
import { rejects } from "./helpers.js";
import { createSystemChain } from "./system.js";

const chain = await createSystemChain();
const { accounts } = chain;
const { admin, bank, exporter, importer, relayer, stranger } = accounts;
const { loadFixture, time } = chain.connection.networkHelpers;

/** The system of test/sdk/system.ts as it is: no transfer policy. */
const withoutPolicy = () => chain.system();

/**
 * The system of test/sdk/system.ts with a TransferPolicy for its HKD token, wired as the deployment wires it (its
 * functions to the token's POLICY ADMIN and SANCTIONS roles, both granted to the bank) and set on the token.
 */
async function withPolicy() {
  const system = await chain.system();
  const policy = await deployPolicy(system.hkd, system.addresses.accessManager);
  const { ethers } = chain.connection;
  const manager = await ethers.getContractAt(
    "RailsAccessManager",
    system.addresses.accessManager,
    await ethers.getSigner(admin),
  );
  for (const [name, signatures] of Object.entries(transferPolicyRoles)) {
    const role = { contract: "deposit", currency: "HKD", name: name as keyof typeof transferPolicyRoles } as const;
    await (
      await manager.setTargetFunctionRole(
        policy,
        signatures.map((s) => toFunctionSelector(`function ${s}`)),
        roleId(role),
      )
    ).wait();
    await (await system.as(admin).access.grantRole({ role, account: bank })).wait();
  }
  await (await system.as(bank).deposits.HKD.setTransferPolicy({ policy })).wait();
  return { ...system, policy };
}

async function deployPolicy(token: Address, authority: Address): Promise<Address> {
  const signer = await chain.connection.ethers.getSigner(admin);
  const contract = await chain.connection.ethers.deployContract("TransferPolicy", [token, authority], signer);
  return (await contract.getAddress()) as Address;
}

/** A second deposit token (CNH of the same bank) on the same register. */
async function otherToken(addresses: { participantRegistry: Address; accessManager: Address }): Promise<Address> {
  const signer = await chain.connection.ethers.getSigner(admin);
  const config = {
    name: "Harbour Bank CNH Deposit",
    symbol: "hbCNH",
    decimals: 2,
    currency: toHex("CNH"),
    registry: addresses.participantRegistry,
    issuer: bank,
    issuerId: toHex("LEI:HARBOURBANKHK0001", { size: 32 }),
    supplyCap: 0n,
    authority: addresses.accessManager,
  };
  const token = await chain.connection.ethers.deployContract("TokenizedDeposit", [config], signer);
  return (await token.getAddress()) as Address;
}

async function reverts(fn: () => Promise<unknown>, name: string): Promise<ContractRevertError> {
  const error = await rejects(fn, ContractRevertError);
  expect(error.errorName, error.message).to.equal(name);
  expect(error.hint, `${name} has a hint`).to.be.a("string").and.not.equal("");
  return error;
}

/** The refusal a transfer throws, as the rule's class. */
async function refusedBy<T extends PolicyRefusalError>(
  fn: () => Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T> {
  const error = await rejects(fn, ContractRevertError);
  const refusal = policyRefusalOf(error, 2);
  expect(refusal, error.message).to.be.instanceOf(type);
  expect(refusal!.cause).to.equal(error);
  expect(refusal!.hint).to.be.a("string").and.not.equal("");
  return refusal as T;
}

describe("SDK: compliance entry, the transfer policy (in-process network)", function () {
  it("binds to the token's policy once set: TransferPolicyNotSetError before, 'unlimited' defaults after", async function () {
    const system = await loadFixture(withoutPolicy);
    await rejects(compliance(system.as(undefined)).policy("HKD"), TransferPolicyNotSetError);
    expect(await system.as(undefined).deposits.HKD.transferPolicy()).to.equal(undefined);

    const { as, policy: address } = await loadFixture(withPolicy);
    expect(await as(undefined).deposits.HKD.transferPolicy()).to.equal(address);
    const policy = await compliance(as(undefined)).policy("HKD");
    expect(policy.address).to.equal(address);
    expect(await policy.defaultLimits()).to.deep.equal({ perTransfer: "unlimited", daily: "unlimited" });
    expect(await policy.limitsOf(importer)).to.deep.equal({ perTransfer: "unlimited", daily: "unlimited" });
    expect(await policy.spentToday(importer)).to.equal("0.00");
    expect(await policy.jurisdictionPairsEnforced()).to.equal(false);
    expect(await policy.check(importer, exporter, "1000.00")).to.equal(undefined);
    // Removing it: the token has none again.
    await (await as(bank).deposits.HKD.setTransferPolicy({ policy: undefined })).wait();
    await rejects(compliance(as(undefined)).policy("HKD"), TransferPolicyNotSetError);
  });

  it("per-transfer and daily limits: check names the rule before signing, the transfer's revert becomes the same class", async function () {
    const { as } = await loadFixture(withPolicy);
    const policy = await compliance(as(bank)).policy("HKD");
    await (await policy.setAccountLimits({ account: importer, perTransfer: "1000.00", daily: "2500.00" })).wait();
    expect(await policy.limitsOf(importer)).to.deep.equal({ perTransfer: "1000.00", daily: "2500.00" });
    expect(await policy.limitsOf(exporter)).to.deep.equal({ perTransfer: "unlimited", daily: "unlimited" });

    const tooBig = await policy.check(importer, exporter, "1000.01");
    expect(tooBig).to.be.instanceOf(TransferLimitExceededError);
    expect(tooBig).to.deep.include({ rule: "transfer-limit", account: importer, limit: "1000.00", amount: "1000.01" });
    expect(await as(undefined).deposits.HKD.canTransfer(importer, exporter, "1000.01")).to.equal(false);
    await refusedBy(
      () => as(importer).deposits.HKD.transfer({ to: exporter, amount: "1000.01" }),
      TransferLimitExceededError,
    );

    // Splitting a payment does not escape the daily limit.
    const hkd = as(importer).deposits.HKD;
    await (await hkd.transfer({ to: exporter, amount: "1000" })).wait();
    await (await hkd.transfer({ to: exporter, amount: "1000" })).wait();
    expect(await policy.spentToday(importer)).to.equal("2000.00");
    const daily = await refusedBy(() => hkd.transfer({ to: exporter, amount: "500.01" }), DailyLimitExceededError);
    expect(daily).to.deep.include({ account: importer, limit: "2500.00", spentToday: "2000.00", amount: "500.01" });
    const explained = await compliance(as(undefined)).explainTransfer("HKD", {
      from: importer,
      to: exporter,
      amount: "500.01",
    });
    expect(explained).to.be.instanceOf(DailyLimitExceededError);
    await (await hkd.transfer({ to: exporter, amount: "500" })).wait();

    // The next UTC day the count starts again.
    const now = BigInt(await time.latest());
    await time.increaseTo(now - (now % 86_400n) + 86_400n + 60n);
    expect(await policy.spentToday(importer)).to.equal("0.00");
    await (await hkd.transfer({ to: exporter, amount: "1000" })).wait();

    // Clearing the account's limits brings the defaults back.
    await (await policy.setDefaultLimits({ perTransfer: "5000.00", daily: "unlimited" })).wait();
    await (await policy.clearAccountLimits({ account: importer })).wait();
    expect(await policy.limitsOf(importer)).to.deep.equal({ perTransfer: "5000.00", daily: "unlimited" });
  });

  it("jurisdiction pairs: refused with both codes until the pair is permitted; malformed codes never reach the chain", async function () {
    const { as } = await loadFixture(withPolicy);
    const policy = await compliance(as(bank)).policy("HKD");
    await (await policy.setJurisdictionPair({ from: "HK", to: "HK", permitted: true })).wait();
    await (await policy.setJurisdictionPairsEnforced({ enforced: true })).wait();
    expect(await policy.isPermittedPair("HK", "CN")).to.equal(false);
    // The importer is in HK, the exporter in CN (test/sdk/system.ts).
    const refusal = await policy.check(importer, exporter, "10.00");
    expect(refusal).to.be.instanceOf(JurisdictionPairNotPermittedError);
    expect(refusal).to.deep.include({ from: importer, to: exporter, fromJurisdiction: "HK", toJurisdiction: "CN" });
    await refusedBy(
      () => as(importer).deposits.HKD.transfer({ to: exporter, amount: "10" }),
      JurisdictionPairNotPermittedError,
    );
    await (await policy.setJurisdictionPair({ from: "HK", to: "CN", permitted: true })).wait();
    expect(await policy.isPermittedPair("HK", "CN")).to.equal(true);
    expect(await policy.check(importer, exporter, "10.00")).to.equal(undefined);
    await (await as(importer).deposits.HKD.transfer({ to: exporter, amount: "10" })).wait();
    // The direction matters: CN -> HK is another pair.
    expect(await policy.check(exporter, importer, "1.00")).to.be.instanceOf(JurisdictionPairNotPermittedError);

    await rejects(policy.setJurisdictionPair({ from: "hk", to: "CN", permitted: true }), InvalidArgumentError);
    await rejects(policy.isPermittedPair("HKG", "CN"), InvalidArgumentError);
    await rejects(
      policy.setJurisdictionPair({ from: "HK", to: "CN", permitted: "yes" as never }),
      InvalidArgumentError,
    );
    await reverts(
      () => policy.setJurisdictionPair({ from: "XX", to: "CN", permitted: true }),
      "PolicyInvalidJurisdiction",
    );
  });

  it("sanctions: a listed sender or recipient is refused by name, canSend / canReceive say so; the listing lifts", async function () {
    const { as } = await loadFixture(withPolicy);
    const policy = await compliance(as(bank)).policy("HKD");
    const { events } = await (await policy.setSanctioned({ account: exporter, sanctioned: true })).wait();
    expect(events.map((e) => e.eventName)).to.deep.equal(["SanctionChanged"]);
    expect(events[0]!.args).to.deep.include({ account: exporter, sanctioned: true, operator: bank });
    expect(await policy.isSanctioned(exporter)).to.equal(true);
    const hkd = as(undefined).deposits.HKD;
    expect(await hkd.canReceive(exporter)).to.equal(false);
    expect(await hkd.canSend(exporter)).to.equal(false);
    const refusal = await refusedBy(
      () => as(importer).deposits.HKD.transfer({ to: exporter, amount: "1" }),
      SanctionedAccountError,
    );
    expect(refusal.account).to.equal(exporter);
    expect(refusal.rule).to.equal("sanctions");
    await (await policy.setSanctioned({ account: exporter, sanctioned: false })).wait();
    expect(await hkd.canReceive(exporter)).to.equal(true);
    await (await as(importer).deposits.HKD.transfer({ to: exporter, amount: "1" })).wait();
  });

  it("refuses a zero limit, a non-admin and another token's policy by name; the prepared forms target the policy", async function () {
    const { as, policy: address, addresses } = await loadFixture(withPolicy);
    const policy = await compliance(as(bank)).policy("HKD");
    await reverts(() => policy.setDefaultLimits({ perTransfer: "0", daily: "unlimited" }), "PolicyInvalidLimit");
    await reverts(
      () => policy.setAccountLimits({ account: importer, perTransfer: "1", daily: "0" }),
      "PolicyInvalidLimit",
    );
    await rejects(policy.setDefaultLimits({ perTransfer: "none", daily: "1" }), InvalidArgumentError);
    const byStranger = await compliance(as(stranger)).policy("HKD");
    await reverts(() => byStranger.setSanctioned({ account: importer, sanctioned: true }), "AccessManagedUnauthorized");
    await reverts(
      () => byStranger.setAccountLimits({ account: stranger, perTransfer: "unlimited", daily: "unlimited" }),
      "AccessManagedUnauthorized",
    );
    await reverts(() => as(stranger).deposits.HKD.setTransferPolicy({ policy: address }), "AccessManagedUnauthorized");
    // A policy made for another token is refused by the HKD token (any contract with a registry() stands in for one).
    const foreign = await deployPolicy(await otherToken(addresses), addresses.accessManager);
    await reverts(() => as(bank).deposits.HKD.setTransferPolicy({ policy: foreign }), "DepositPolicyTokenMismatch");

    const prepared = await byStranger.setAccountLimits.prepare(
      { account: relayer, perTransfer: "100.00", daily: "unlimited" },
      { account: bank },
    );
    expect(prepared.to).to.equal(address);
    expect(decodeFunctionData({ abi: transferPolicyAbi, data: prepared.data })).to.deep.include({
      functionName: "setAccountLimits",
      args: [relayer, 10_000n, 2n ** 256n - 1n],
    });
    // explainTransfer reports the token's own refusals too, as the token's typed revert.
    await (await as(bank).deposits.HKD.freeze({ account: importer })).wait();
    const frozen = await compliance(as(undefined)).explainTransfer("HKD", {
      from: importer,
      to: exporter,
      amount: "1",
    });
    expect(frozen).to.be.instanceOf(ContractRevertError);
    expect((frozen as ContractRevertError).errorName).to.equal("DepositAccountFrozen");
  });
});
