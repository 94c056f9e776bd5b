/**
 * The SDK's platform gateway wrapper (`pintGateway`, sdk/src/pint/gateway.ts) against a live PlatformGateway on the
 * in-process network (test/sdk/system.ts): typed reads, writes whose `wait()` carries the gateway's events, prepared
 * forms, platform codes, and the gateway's reverts as typed errors with a sentence and a hint.
 */
import { expect } from "chai";
import { zeroAddress, type Address } from "viem";

import { ContractRevertError, InvalidArgumentError } from "../../sdk/src/index.js";
import { platformCode, platformCodeOf, pintGateway } from "../../sdk/src/pint/gateway.js";
import { grant, wire } from "../helpers/access.js";
import { rejects } from "../sdk/helpers.js";
import { createSystemChain, toOrderDocument } from "../sdk/system.js";

const chain = await createSystemChain();
const { admin, registrar, carrier, exporter, importer, relayer, stranger } = chain.accounts;
const { loadFixture } = chain.connection.networkHelpers;
const ENVELOPE = `0x${"ab".repeat(32)}` as const;
const RECE = `0x${"cd".repeat(32)}` as const;

/** Expects a ContractRevertError named `name` with a hint; returns it. */
async function reverts(fn: () => Promise<unknown>, name: string): Promise<ContractRevertError> {
  const error = await rejects(fn, ContractRevertError);
  expect(error.errorName, error.message).to.equal(name);
  expect(error.hint, `${name} has a hint`).to.be.a("string").and.not.equal("");
  return error;
}

/** The system plus a PlatformGateway (custody participant, EBL GATEWAY; `relayer` its operator) and an issued eBL. */
async function withGateway() {
  const sys = await chain.system();
  const { ethers } = chain.connection;
  const adminSigner = await ethers.getSigner(admin);
  const manager = await ethers.getContractAt("RailsAccessManager", sys.addresses.accessManager, adminSigner);
  const gateway = (await (
    await ethers.deployContract("PlatformGateway", [sys.eblRegistry, sys.addresses.accessManager], adminSigner)
  ).getAddress()) as Address;
  await wire(manager, adminSigner, "pint", gateway);
  await wire(manager, adminSigner, "platformGateway", gateway);
  await grant(manager, adminSigner, { contract: "ebl", name: "GATEWAY" }, gateway);
  await grant(manager, adminSigner, { contract: "pint", name: "OPERATOR" }, relayer);
  const validUntil = BigInt(Math.floor(Date.now() / 1000)) + 5n * 365n * 24n * 3600n;
  await (
    await sys.as(registrar).participants.register({
      account: gateway,
      kinds: ["custody"],
      jurisdiction: "HK",
      validUntil,
      kycReference: `0x${"00".repeat(32)}`,
    })
  ).wait();
  const { tokenId, wait } = await sys
    .as(carrier)
    .ebl.issue({ document: toOrderDocument("SHA2HKG-PINT-1"), shipper: exporter });
  await wait();
  await (await sys.as(exporter).ebl.approve({ tokenId, operator: gateway })).wait();
  const at = (account: Address | undefined) => pintGateway(sys.as(account), gateway);
  return { sys, gateway, tokenId, at };
}

describe("SDK: pintGateway (PlatformGateway)", function () {
  it("encodes PINT platform codes left-aligned in 32 bytes, and reads them back", function () {
    expect(platformCode("CARX")).to.equal(`0x43415258${"0".repeat(56)}`);
    expect(platformCodeOf(platformCode("WAVE"))).to.equal("WAVE");
    for (const bad of ["", "with space", "x".repeat(33)]) {
      expect(() => platformCode(bad)).to.throw(InvalidArgumentError);
    }
  });

  it("locks, reads the export back by name, and completes; wait() carries the gateway's events", async function () {
    const f = await loadFixture(withGateway);
    const locked = await (
      await f.at(exporter).lockForExport({ tokenId: f.tokenId, platform: "CARX", envelopeReference: ENVELOPE })
    ).wait();
    expect(locked.gatewayEvents.map((e) => e.eventName)).to.deep.equal(["ExportLocked"]);
    const e = await f.at(undefined).exportOf(f.tokenId);
    expect(e).to.include({ status: "locked", holder: exporter, platform: "CARX", envelopeReference: ENVELOPE });
    expect(e.responseHash).to.equal(null);
    expect(e.reclaimableAt).to.equal(e.lockedAt + (await f.at(undefined).exportTimeout()));

    const done = await (await f.at(relayer).completeExport({ tokenId: f.tokenId, responseHash: RECE })).wait();
    expect(done.gatewayEvents.map((x) => x.eventName)).to.deep.equal(["ExportCompleted"]);
    expect(done.events.map((x) => x.eventName)).to.include("BillExported");
    const after = await f.at(undefined).exportOf(f.tokenId);
    expect(after).to.include({ status: "completed", responseHash: RECE, reclaimableAt: null });
    expect(await f.sys.as(undefined).ebl.status(f.tokenId)).to.equal("exported");
  });

  it("prepares an operator write unsent, for a multisig or a remote signer", async function () {
    const f = await loadFixture(withGateway);
    await (
      await f.at(exporter).lockForExport({ tokenId: f.tokenId, platform: "CARX", envelopeReference: ENVELOPE })
    ).wait();
    const prepared = await f
      .at(undefined)
      .cancelExport.prepare({ tokenId: f.tokenId, responseHash: RECE }, { account: relayer });
    expect(prepared).to.include({ operation: "pintGateway.cancelExport", from: relayer, to: f.gateway });
    expect((await f.at(undefined).exportOf(f.tokenId)).status).to.equal("locked");
  });

  it("imports under a chain checksum and finds the eBL by it", async function () {
    const f = await loadFixture(withGateway);
    await (
      await f.at(exporter).lockForExport({ tokenId: f.tokenId, platform: "CARX", envelopeReference: ENVELOPE })
    ).wait();
    await (await f.at(relayer).completeExport({ tokenId: f.tokenId, responseHash: RECE })).wait();
    const bill = await f.sys.as(undefined).ebl.bill(f.tokenId);
    const checksum = `0x${"ef".repeat(32)}` as const;
    expect(await f.at(undefined).importedUnder(checksum)).to.equal(null);
    const { gatewayEvents } = await (
      await f.at(relayer).importFromPlatform({
        tokenId: f.tokenId,
        holder: importer,
        bill: { kind: "toOrder", version: 1, titleHolder: importer, documentHash: bill.documentHash },
        platform: "WAVE",
        lastChainEntryChecksum: checksum,
      })
    ).wait();
    expect(gatewayEvents.map((e) => e.eventName)).to.deep.equal(["ImportedFromPlatform"]);
    expect(await f.at(undefined).importedUnder(checksum)).to.equal(f.tokenId);
    expect((await f.at(undefined).exportOf(f.tokenId)).status).to.equal("returned");
  });

  it("turns the gateway's reverts into typed errors with a hint", async function () {
    const f = await loadFixture(withGateway);
    const error = await reverts(
      () => f.at(stranger).lockForExport({ tokenId: f.tokenId, platform: "CARX", envelopeReference: ENVELOPE }),
      "PintNotHolder",
    );
    expect(error.shortMessage).to.contain(stranger);
    await reverts(
      () => f.at(relayer).completeExport({ tokenId: f.tokenId, responseHash: RECE }),
      "PintInvalidExportStatus",
    );
    await reverts(() => f.at(relayer).recoverStrayEbl({ tokenId: f.tokenId, to: zeroAddress }), "RailsZeroAddress");
  });

  it("refuses bad input before sending", async function () {
    const f = await loadFixture(withGateway);
    await rejects(
      () =>
        f
          .at(exporter)
          .lockForExport({ tokenId: f.tokenId, platform: "CARX", envelopeReference: "0x12" as `0x${string}` }),
      InvalidArgumentError,
    );
    await rejects(
      () =>
        f.at(relayer).importFromPlatform({
          tokenId: f.tokenId,
          holder: importer,
          bill: { kind: "bearer" as "toOrder", version: 1, titleHolder: importer, documentHash: RECE },
          platform: "WAVE",
          lastChainEntryChecksum: RECE,
        }),
      InvalidArgumentError,
    );
  });
});
