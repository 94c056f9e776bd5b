import { expect } from "chai";
import { decodeFunctionData, keccak256, toHex, zeroHash, type Hex } from "viem";

import {
  ContractRevertError,
  InvalidArgumentError,
  tokenizedDepositAbi,
  transferReferenceAuthorizationTypes,
} from "../../sdk/src/index.js";
import { paymentReference } from "../../sdk/src/paymentReferences.js";
import { rejects } from "./helpers.js";
import { createSystemChain } from "./system.js";

const chain = await createSystemChain();
const { accounts } = chain;
const { bank, exporter, importer, relayer, stranger } = accounts;
const { loadFixture } = chain.connection.networkHelpers;

const deployed = () => chain.system();

async function reverts(fn: () => Promise<unknown>, name: string): Promise<ContractRevertError> {
  const error = await rejects(fn, ContractRevertError);
  expect(error.errorName, error.message).to.equal(name);
  expect(error.hint, `${name} has a hint`).to.be.a("string").and.not.equal("");
  return error;
}

const REMITTANCE = "<RmtInf><Strd><RfrdDocInf><Nb>INV-2026-0042</Nb></RfrdDocInf></Strd></RmtInf>";

describe("SDK: deposit checks before signing (ERC-7943) and payment references (in-process network)", function () {
  it("canSend, canReceive and canTransfer answer what the transfer would do: unverified, frozen, frozen part, paused", async function () {
    const { as } = await loadFixture(deployed);
    const hkd = as(bank).deposits.HKD;
    expect(await hkd.canSend(importer)).to.equal(true);
    expect(await hkd.canReceive(exporter)).to.equal(true);
    expect(await hkd.canTransfer(importer, exporter, "100000.00")).to.equal(true);
    // More than the balance, or to an account never registered: the transfer would fail, and canTransfer says so.
    expect(await hkd.canTransfer(importer, exporter, "100000.01")).to.equal(false);
    expect(await hkd.canReceive(stranger)).to.equal(false);
    expect(await hkd.canTransfer(importer, stranger, "1.00")).to.equal(false);
    await reverts(() => as(importer).deposits.HKD.transfer({ to: stranger, amount: "1.00" }), "RailsNotVerified");

    await (await hkd.freezeAmount({ account: importer, amount: "40000" })).wait();
    expect(await hkd.canTransfer(importer, exporter, "60000.00")).to.equal(true);
    expect(await hkd.canTransfer(importer, exporter, "60000.01")).to.equal(false);
    await reverts(
      () => as(importer).deposits.HKD.transfer({ to: exporter, amount: "60000.01" }),
      "DepositFrozenAmountExceeded",
    );

    await (await hkd.freeze({ account: exporter })).wait();
    expect(await hkd.canReceive(exporter)).to.equal(false);
    expect(await hkd.canSend(exporter)).to.equal(false);
    expect(await hkd.canTransfer(importer, exporter, "1.00")).to.equal(false);
    await (await hkd.unfreeze({ account: exporter })).wait();

    await (await hkd.pause()).wait();
    expect(await hkd.canTransfer(importer, exporter, "1.00")).to.equal(false);
    await (await hkd.unpause()).wait();
    expect(await hkd.canTransfer(importer, exporter, "1.00")).to.equal(true);
  });

  it("setFrozenTokens sets the frozen part that freezeAmount adds to; frozenTokens reads it as frozenAmount does", async function () {
    const { as } = await loadFixture(deployed);
    const hkd = as(bank).deposits.HKD;
    await (await hkd.freezeAmount({ account: importer, amount: "1000" })).wait();
    await (await hkd.freezeAmount({ account: importer, amount: "500" })).wait();
    expect(await hkd.frozenTokens(importer)).to.equal("1500.00");
    const { events } = await (await hkd.setFrozenTokens({ account: importer, amount: "200" })).wait();
    expect(events.map((e) => e.eventName)).to.include.members(["FrozenAmountChanged", "Frozen"]);
    expect(await hkd.frozenTokens(importer)).to.equal("200.00");
    expect(await hkd.frozenAmount(importer)).to.equal("200.00");
    expect(await hkd.availableBalance(importer)).to.equal("99800.00");
    await reverts(() => hkd.setFrozenTokens({ account: importer, amount: "100000.01" }), "DepositFreezeExceedsBalance");
    await reverts(
      () => as(importer).deposits.HKD.setFrozenTokens({ account: importer, amount: "0" }),
      "AccessManagedUnauthorized",
    );
    await (await hkd.setFrozenTokens({ account: importer, amount: "0" })).wait();
    expect(await hkd.frozenTokens(importer)).to.equal("0.00");
  });

  it("transfer and transferFrom with { paymentReference } emit PaymentReference right after Transfer; the prepared form calls transferWithReference", async function () {
    const { as, hkd: token } = await loadFixture(deployed);
    const reference = paymentReference({ iso20022: REMITTANCE });
    const byImporter = as(importer).deposits.HKD;
    const prepared = await byImporter.transfer.prepare(
      { to: exporter, amount: "1250.50", paymentReference: reference },
      { account: importer },
    );
    expect(prepared.to).to.equal(token);
    expect(decodeFunctionData({ abi: tokenizedDepositAbi, data: prepared.data })).to.deep.include({
      functionName: "transferWithReference",
      args: [exporter, 125050n, reference],
    });

    const { events } = await (
      await byImporter.transfer({ to: exporter, amount: "1250.50", paymentReference: reference })
    ).wait();
    expect(events.map((e) => e.eventName)).to.deep.equal(["Transfer", "PaymentReference"]);
    expect(events[1]!.args).to.deep.include({ from: importer, to: exporter, paymentReference: reference });
    expect(await byImporter.balanceOf(exporter)).to.equal("1250.50");

    await (await byImporter.approve({ spender: relayer, amount: "100" })).wait();
    const other = keccak256(toHex("order PO-7781"));
    const pulled = await (
      await as(relayer).deposits.HKD.transferFrom({
        from: importer,
        to: exporter,
        amount: "60",
        paymentReference: other,
      })
    ).wait();
    expect(pulled.events.map((e) => e.eventName)).to.deep.equal(["Transfer", "PaymentReference"]);
    expect(pulled.events[1]!.args).to.deep.include({ from: importer, to: exporter, paymentReference: other });
    expect(await byImporter.allowance(importer, relayer)).to.equal("40.00");

    // Without a reference the plain transfer is sent: no PaymentReference event.
    const plain = await (await byImporter.transfer({ to: exporter, amount: "1" })).wait();
    expect(plain.events.map((e) => e.eventName)).to.deep.equal(["Transfer"]);
    // A malformed reference is refused before any request; a zero one by the token.
    await rejects(byImporter.transfer({ to: exporter, amount: "1", paymentReference: "0x1234" }), InvalidArgumentError);
    await reverts(
      () => byImporter.transfer({ to: exporter, amount: "1", paymentReference: zeroHash }),
      "DepositZeroReference",
    );
  });

  it("an EIP-3009 authorization signed with a paymentReference covers it: submitted with it, refused with another", async function () {
    const { as, hkd: token } = await loadFixture(deployed);
    const reference = paymentReference({ iso20022: REMITTANCE });
    const authorization = await as(importer, true).deposits.HKD.signTransferAuthorization({
      to: exporter,
      amount: "300",
      paymentReference: reference,
    });
    expect(authorization.paymentReference).to.equal(reference);
    // The signature is over the token's TransferWithReferenceAuthorization type.
    expect(transferReferenceAuthorizationTypes.TransferWithReferenceAuthorization.at(-1)).to.deep.equal({
      name: "paymentReference",
      type: "bytes32",
    });
    const relayed = as(relayer).deposits.HKD;
    // A relayer that swaps the reference gets a signature that does not match.
    const swapped = { ...authorization, paymentReference: keccak256(toHex("another invoice")) as Hex };
    await rejects(relayed.transferWithAuthorization(swapped), ContractRevertError);
    // Dropping the reference (a plain transferWithAuthorization) does not match either.
    const { paymentReference: _dropped, ...plain } = authorization;
    await rejects(relayed.transferWithAuthorization(plain), ContractRevertError);

    const prepared = await relayed.transferWithAuthorization.prepare(authorization, { account: relayer });
    expect(prepared.to).to.equal(token);
    expect(decodeFunctionData({ abi: tokenizedDepositAbi, data: prepared.data }).functionName).to.equal(
      "transferWithReferenceAuthorization",
    );
    const { events } = await (await relayed.transferWithAuthorization(authorization)).wait();
    expect(events.map((e) => e.eventName)).to.include.members(["AuthorizationUsed", "Transfer", "PaymentReference"]);
    expect(events.find((e) => e.eventName === "PaymentReference")!.args).to.deep.include({
      from: importer,
      to: exporter,
      paymentReference: reference,
    });
    expect(await relayed.authorizationUsed(importer, authorization.nonce)).to.equal(true);

    // The receive form: only the payee submits it.
    const receive = await as(importer).deposits.HKD.signReceiveAuthorization({
      to: exporter,
      amount: "5",
      paymentReference: reference,
    });
    await reverts(() => relayed.receiveWithAuthorization(receive), "ERC3009CallerNotPayee");
    const received = await (await as(exporter).deposits.HKD.receiveWithAuthorization(receive)).wait();
    expect(received.events.map((e) => e.eventName)).to.include("PaymentReference");
    expect(await relayed.balanceOf(exporter)).to.equal("305.00");
  });
});
