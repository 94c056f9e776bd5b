import { expect } from "chai";
import { createPublicClient, custom, keccak256, toHex, type Address, type Hex } from "viem";

import {
  billOfLadingRegistryAbi,
  CanonicalJsonError,
  ContractNotConfiguredError,
  decodeContractError,
  ContractRevertError,
  createCargoRails,
  decodeReference,
  documentChecksum,
  eblTokenId,
  InvalidArgumentError,
  toDcsaEndorsementChain,
  TransportDocumentValidationError,
  WalletRequiredError,
  type EblHistoryEntry,
} from "../../sdk/src/index.js";
import { entryOf, rejects } from "./helpers.js";
import { createSystemChain, straightDocument, toOrderDocument } from "./system.js";

const chain = await createSystemChain();
const { accounts, publicClient } = chain;
const { carrier, exporter, importer, bank, regulator, stranger, admin } = accounts;
const { loadFixture, mine } = chain.connection.networkHelpers;

/** A deployed system with a to-order eBL issued by the carrier to the exporter. */
async function issued() {
  const sys = await chain.system();
  const document = toOrderDocument("SHA2HKG000123");
  const { tokenId, wait } = await sys.as(carrier).ebl.issue({ document, shipper: exporter });
  await wait();
  return { ...sys, document, tokenId };
}

/** Expects a ContractRevertError named `name`; returns it. */
async function reverts(fn: () => Promise<unknown>, name: string): Promise<ContractRevertError> {
  const error = await rejects(fn, ContractRevertError);
  expect(error.errorName, error.message).to.equal(name);
  expect(error.name).to.equal("ContractRevertError");
  expect(error.hint, `${name} has a hint`).to.be.a("string").and.not.equal("");
  return error;
}

describe("SDK: ebl namespace (in-process network)", function () {
  it("issues from a DCSA document: reference, kind and checksum taken from it, token id known before mining", async function () {
    const { as, document, tokenId } = await loadFixture(issued);
    const reader = as(undefined);
    expect(tokenId).to.equal(eblTokenId(carrier, "SHA2HKG000123"));
    const bill = await reader.ebl.bill(tokenId);
    expect(bill).to.deep.equal({
      tokenId,
      issuer: carrier,
      kind: "toOrder",
      status: "issued",
      onLegalHold: false,
      custodyForTitle: false,
      version: 1,
      holder: exporter,
      titleHolder: exporter,
      shipper: null,
      documentHash: documentChecksum(document),
      isBlankEndorsed: false,
    });
    expect(await reader.ebl.holder(tokenId)).to.equal(exporter);
    expect(await reader.ebl.titleHolder(tokenId)).to.equal(exporter);
    expect(await reader.ebl.status(tokenId)).to.equal("issued");
    expect(await reader.ebl.document(tokenId)).to.deep.equal({ hash: documentChecksum(document), version: 1 });
    expect(await reader.ebl.canEndorse(tokenId, exporter)).to.equal(true);
    expect(await reader.ebl.canSurrender(tokenId, importer)).to.equal(false);
    expect(await reader.ebl.status(12345n)).to.equal("none");
    expect(await reader.ebl.holder(12345n)).to.equal(null);
    expect(await reader.ebl.paused()).to.equal(false);
    expect((await reader.access.hasRole({ contract: "ebl", name: "ISSUER" }, carrier)).isMember).to.equal(true);
  });

  it("issues a straight B/L from explicit fields, and refuses bad input before sending", async function () {
    const { as } = await loadFixture(issued);
    const rails = as(carrier);
    const documentHash = documentChecksum(straightDocument("HHL71800001"));
    const { tokenId, wait } = await rails.ebl.issue({
      shipper: exporter,
      transportDocumentReference: "HHL71800001",
      kind: "straight",
      titleHolder: importer,
      documentHash,
    });
    await wait();
    const bill = await rails.ebl.bill(tokenId);
    expect([bill.kind, bill.shipper, bill.titleHolder]).to.deep.equal(["straight", exporter, importer]);

    const nonce = await publicClient.getTransactionCount({ address: carrier });
    const bad = straightDocument("HHL71800002");
    delete (bad.documentParties as Record<string, unknown>).consignee;
    await rejects(rails.ebl.issue({ document: bad, shipper: exporter }), TransportDocumentValidationError, "consignee");
    await rejects(
      rails.ebl.issue({ document: straightDocument("HHL71800002"), shipper: exporter }),
      InvalidArgumentError,
      "titleHolder",
    );
    await rejects(
      rails.ebl.issue({
        ...({ shipper: exporter, kind: "straight", titleHolder: importer, documentHash } as const),
        transportDocumentReference: " HHL1",
      }),
      InvalidArgumentError,
      "transportDocumentReference",
    );
    await rejects(as(undefined).ebl.issue({ document: bad, shipper: exporter }), WalletRequiredError);
    expect(await publicClient.getTransactionCount({ address: carrier })).to.equal(nonce);
  });

  it("takes the document as JSON text too, parsed then validated, as documentChecksum and verifyDocument take it", async function () {
    const { as } = await loadFixture(issued);
    const [byCarrier, byExporter] = [as(carrier), as(exporter)];
    const document = toOrderDocument("SHA2HKG000456");
    const text = JSON.stringify(document, null, 2);
    const { tokenId, documentHash, wait } = await byCarrier.ebl.issue({ document: text, shipper: exporter });
    await wait();
    expect(tokenId).to.equal(eblTokenId(carrier, "SHA2HKG000456"));
    expect(documentHash).to.equal(documentChecksum(document));
    expect(documentHash).to.equal(documentChecksum(text));
    expect(await byCarrier.ebl.bill(tokenId)).to.include({ kind: "toOrder", titleHolder: exporter, documentHash });
    expect((await byCarrier.ebl.verifyDocument(tokenId, text)).matches).to.equal(true);

    await (await byExporter.ebl.surrenderForAmendment({ tokenId })).wait();
    const amended = { ...document, declaredValue: 3 };
    await (await byCarrier.ebl.issueAmendment({ tokenId, document: JSON.stringify(amended) })).wait();
    expect(await byCarrier.ebl.document(tokenId)).to.deep.equal({ hash: documentChecksum(amended), version: 2 });

    // Text that is not JSON is refused as documentChecksum refuses it; JSON that is not a DCSA document as a value is.
    const nonce = await publicClient.getTransactionCount({ address: carrier });
    await rejects(
      byCarrier.ebl.issue({ document: "{ not json", shipper: exporter }),
      CanonicalJsonError,
      "not valid JSON",
    );
    const notDcsa = JSON.stringify({ ...toOrderDocument("SHA2HKG000457"), isToOrder: "yes" });
    await rejects(
      byCarrier.ebl.issue({ document: notDcsa, shipper: exporter }),
      TransportDocumentValidationError,
      "isToOrder",
    );
    await (await byExporter.ebl.surrenderForAmendment({ tokenId })).wait(); // the exporter's, not the carrier's
    await rejects(byCarrier.ebl.issueAmendment({ tokenId, document: "[" }), CanonicalJsonError, "not valid JSON");
    await rejects(
      byCarrier.ebl.issueAmendment({
        tokenId,
        document: JSON.stringify({ ...amended, transportDocumentReference: "" }),
      }),
      TransportDocumentValidationError,
      "transportDocumentReference",
    );
    expect(await publicClient.getTransactionCount({ address: carrier })).to.equal(nonce); // nothing sent
  });

  it("derives the same token id as the contract, and mirrors its reference rule", async function () {
    const { as } = await loadFixture(issued);
    const reader = as(undefined);
    for (const reference of ["HHL71800000", "X", "参考-ü-😀", "a".repeat(20), "ünïcödé-ref-12"]) {
      expect(eblTokenId(carrier, reference), reference).to.equal(await reader.ebl.tokenIdOf(carrier, reference));
    }
    // 20 characters but 21 bytes; whitespace at either end (ASCII whitespace as the contract tests it).
    for (const reference of ["ü".repeat(10) + "a", " HHL", "HHL\t", "\nHHL", "", "a".repeat(21)]) {
      expect(() => eblTokenId(carrier, reference), JSON.stringify(reference)).to.throw(InvalidArgumentError);
    }
    // The registry refuses what the SDK refuses (called around the SDK, decoded by it).
    const error = await publicClient
      .simulateContract({
        address: as(carrier).ebl.address,
        abi: billOfLadingRegistryAbi,
        functionName: "issue",
        args: [exporter, "ü".repeat(10) + "a", 1, exporter, keccak256(toHex("x"))],
        account: carrier,
      })
      .then(
        () => null,
        (e: unknown) => decodeContractError(e, billOfLadingRegistryAbi),
      );
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).to.equal("EblInvalidReference");
  });

  it("verifies a document against the current version", async function () {
    const { as, document, tokenId } = await loadFixture(issued);
    const reader = as(undefined);
    expect(await reader.ebl.verifyDocument(tokenId, document)).to.deep.equal({
      matches: true,
      onChainHash: documentChecksum(document),
      documentHash: documentChecksum(document),
      version: 1,
    });
    const altered = { ...document, declaredValue: 1 };
    const check = await reader.ebl.verifyDocument(tokenId, altered);
    expect(check.matches).to.equal(false);
    expect(check.documentHash).to.equal(documentChecksum(altered));
    expect((await reader.ebl.verifyDocument(999n, document)).matches).to.equal(false);
  });

  it("runs the whole lifecycle, and rebuilds it from events in small block ranges, exportable to DCSA", async function () {
    const { as, document, tokenId, addresses } = await loadFixture(issued);
    const [byCarrier, byExporter, byImporter, byBank] = [as(carrier), as(exporter), as(importer), as(bank)];
    const step = async (p: Promise<{ wait: () => Promise<unknown> }>) => (await p).wait();

    await step(byExporter.ebl.transfer({ tokenId, to: bank })); // TRANSFER (pledge)
    await step(byBank.ebl.transfer({ tokenId, to: exporter, safe: false })); // TRANSFER back
    await step(byExporter.ebl.endorse({ tokenId, endorsee: bank })); // ENDORSE (no delivery)
    await step(byExporter.ebl.transfer({ tokenId, to: bank })); // TRANSFER to the endorsee
    await step(byBank.ebl.blankEndorse({ tokenId })); // BLANK_ENDORSE
    expect((await byBank.ebl.bill(tokenId)).isBlankEndorsed).to.equal(true);
    await step(byBank.ebl.endorseAndDeliver({ tokenId, endorsee: importer })); // re-endorse: ENDORSE + delivery
    await step(byImporter.ebl.surrenderForDelivery({ tokenId }));
    expect(await byImporter.ebl.surrenderer(tokenId)).to.equal(importer);
    await step(byCarrier.ebl.rejectSurrender({ tokenId }));
    await step(byImporter.ebl.surrenderForAmendment({ tokenId }));
    const amended = { ...document, declaredValue: 2 };
    await step(byCarrier.ebl.issueAmendment({ tokenId, document: amended }));
    expect(await byImporter.ebl.document(tokenId)).to.deep.equal({ hash: documentChecksum(amended), version: 2 });
    await mine(30); // empty blocks between actions exercise the paging
    await step(byImporter.ebl.surrenderForDelivery({ tokenId }));
    await step(byCarrier.ebl.acceptSurrender({ tokenId }));
    expect(await byCarrier.ebl.status(tokenId)).to.equal("accomplished");

    const history = await as(undefined).ebl.history(tokenId, { blockRange: 3n });
    const summary = history.entries.map((e: EblHistoryEntry) => [e.action, e.actor, e.from, e.to]);
    expect(summary).to.deep.equal([
      ["ISSUE", carrier, null, exporter],
      ["TRANSFER", exporter, exporter, bank],
      ["TRANSFER", bank, bank, exporter],
      ["ENDORSE", exporter, exporter, bank],
      ["TRANSFER", exporter, exporter, bank],
      ["BLANK_ENDORSE", bank, bank, null],
      ["ENDORSE", bank, bank, importer],
      ["SURRENDER_FOR_DELIVERY", importer, importer, carrier],
      ["SURRENDER_REJECTED", carrier, carrier, importer],
      ["SURRENDER_FOR_AMENDMENT", importer, importer, carrier],
      ["AMENDMENT_ISSUED", carrier, carrier, importer],
      ["SURRENDER_FOR_DELIVERY", importer, importer, carrier],
      ["SURRENDER_ACCEPTED", carrier, carrier, importer],
    ]);
    expect(history.entries.map((e) => [e.holder, e.titleHolder])).to.deep.equal([
      [exporter, exporter],
      [bank, exporter],
      [exporter, exporter],
      [exporter, bank],
      [bank, bank],
      [bank, null],
      [importer, importer],
      [carrier, importer],
      [importer, importer],
      [carrier, importer],
      [importer, importer],
      [carrier, importer],
      [null, null],
    ]);
    // Every holder acted itself here: no operator.
    expect(history.entries.map((e) => e.operator)).to.deep.equal(history.entries.map(() => null));
    const first = entryOf(history.entries[0], "ISSUE");
    expect(first.kind).to.equal("toOrder");
    expect(first.transportDocumentReference).to.equal("SHA2HKG000123");
    expect(first.documentHash).to.equal(documentChecksum(document));
    expect(entryOf(history.entries[6], "ENDORSE")).to.deep.include({ delivered: true, previousTitleHolder: null });
    expect(entryOf(history.entries[3], "ENDORSE")).to.deep.include({ delivered: false, previousTitleHolder: exporter });
    const amendment = entryOf(history.entries[10], "AMENDMENT_ISSUED");
    expect(amendment).to.deep.include({ version: 2, previousDocumentHash: documentChecksum(document) });
    const receipt = await publicClient.getTransactionReceipt({ hash: first.transactionHash });
    expect(first.blockNumber).to.equal(receipt.blockNumber);
    const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
    expect(first.blockTimestamp).to.equal(block.timestamp);
    expect(first.time.getTime()).to.equal(Number(block.timestamp) * 1000);
    // Paging: one eth_getLogs per range of 3 blocks, counted on the transport.
    let getLogs = 0;
    const counting = createPublicClient({
      transport: custom({
        request: async (args: { method: string; params?: unknown }) => {
          if (args.method === "eth_getLogs") getLogs += 1;
          return chain.provider.request(args as never);
        },
      }),
    });
    const paged = await createCargoRails({ publicClient: counting, addresses: { ...addresses } }).ebl.history(tokenId, {
      blockRange: 3n,
    });
    expect(paged.entries).to.deep.equal(history.entries);
    expect(getLogs).to.equal(Number((paged.toBlock - paged.fromBlock) / 3n + 1n));
    expect(getLogs).to.be.greaterThan(10);
    // The same history read in one range.
    expect((await as(undefined).ebl.history(tokenId)).entries).to.deep.equal(history.entries);
    // A range that starts after the issue sees only later actions.
    const late = await as(undefined).ebl.history(tokenId, { fromBlock: history.entries[12]!.blockNumber });
    expect(late.entries.map((e) => e.action)).to.deep.equal(["SURRENDER_ACCEPTED"]);
    // A client told its deployment block starts there by default (fewer log queries); fromBlock still wins.
    getLogs = 0;
    const fromDeployment = createCargoRails({
      publicClient: counting,
      addresses: { ...addresses },
      deploymentBlock: history.entries[0]!.blockNumber,
    });
    const short = await fromDeployment.ebl.history(tokenId, { blockRange: 3n });
    expect(short.fromBlock).to.equal(history.entries[0]!.blockNumber);
    expect(short.entries).to.deep.equal(history.entries);
    expect(getLogs).to.equal(Number((short.toBlock - short.fromBlock) / 3n + 1n));
    expect(getLogs).to.be.lessThan(Number((paged.toBlock - paged.fromBlock) / 3n + 1n));
    expect((await fromDeployment.ebl.history(tokenId, { fromBlock: 0n })).fromBlock).to.equal(0n);
    expect(() =>
      createCargoRails({ publicClient: counting, addresses: { ...addresses }, deploymentBlock: -1n }),
    ).to.throw(InvalidArgumentError, "deploymentBlock");

    const dcsa = toDcsaEndorsementChain(history);
    expect(dcsa.map((t) => t.actionCode)).to.deep.equal([
      "ISSUE",
      "TRANSFER",
      "TRANSFER",
      "ENDORSE",
      "TRANSFER",
      "BLANK_ENDORSE",
      "ENDORSE",
      "TRANSFER",
      "SURRENDER_FOR_DELIVERY",
      "SREJ",
      "SURRENDER_FOR_AMENDMENT",
      "SACC",
      "ISSUE",
      "SURRENDER_FOR_DELIVERY",
      "SACC",
    ]);
    const issue = dcsa[0]!;
    expect(issue.actor).to.deep.equal({
      partyName: carrier,
      eblPlatform: "ZZZ",
      identifyingCodes: [
        { codeListProvider: "W3C", partyCode: `did:pkh:eip155:31337:${carrier}`, codeListName: "DID" },
      ],
    });
    expect(issue.recipient?.partyName).to.equal(exporter);
    expect(issue.actionDateTime).to.equal(first.time.toISOString());
    expect(issue.auditReference).to.equal(first.transactionHash);
    expect(dcsa[5]!.recipient).to.equal(undefined);
    const named = toDcsaEndorsementChain(history, {
      endorseCode: "ENDORSE_TO_ORDER",
      eblPlatform: "BOLE",
      party: (address: Address) =>
        address === carrier
          ? {
              partyName: "Pacific Lines",
              eblPlatform: "BOLE",
              identifyingCodes: [{ codeListProvider: "SMDG", partyCode: "PCL" }],
            }
          : undefined,
    });
    expect(named[0]!.actor.partyName).to.equal("Pacific Lines");
    expect(named[3]!.actionCode).to.equal("ENDORSE_TO_ORDER");
    expect(named[1]!.actor.eblPlatform).to.equal("BOLE");
  });

  it("switches to paper (request, cancel, request, confirm) and exports it as DCSA does", async function () {
    const { as, tokenId } = await loadFixture(issued);
    const [byCarrier, byExporter] = [as(carrier), as(exporter)];
    await (await byExporter.ebl.requestSwitchToPaper({ tokenId })).wait();
    expect(await byExporter.ebl.status(tokenId)).to.equal("switchToPaperRequested");
    await (await byCarrier.ebl.cancelSwitchToPaper({ tokenId })).wait();
    await (await byExporter.ebl.requestSwitchToPaper({ tokenId })).wait();
    await (await byExporter.ebl.cancelSwitchToPaper({ tokenId })).wait();
    await (await byExporter.ebl.requestSwitchToPaper({ tokenId })).wait();
    await (await byCarrier.ebl.confirmSwitchToPaper({ tokenId })).wait();
    expect(await byCarrier.ebl.status(tokenId)).to.equal("switchedToPaper");
    const history = await byCarrier.ebl.history(tokenId);
    expect(history.entries.map((e) => e.action)).to.deep.equal([
      "ISSUE",
      "SWITCH_TO_PAPER_REQUESTED",
      "SWITCH_TO_PAPER_CANCELLED",
      "SWITCH_TO_PAPER_REQUESTED",
      "SWITCH_TO_PAPER_CANCELLED",
      "SWITCH_TO_PAPER_REQUESTED",
      "SWITCHED_TO_PAPER",
    ]);
    const dcsa = toDcsaEndorsementChain(history);
    expect(dcsa.map((t) => [t.actionCode, t.reasonCode])).to.deep.equal([
      ["ISSUE", undefined],
      ["SURRENDER_FOR_AMENDMENT", "SWTP"],
      ["SREJ", undefined],
      ["SURRENDER_FOR_AMENDMENT", "SWTP"],
      ["SURRENDER_FOR_AMENDMENT", "SWTP"],
      ["SACC", undefined],
    ]);
    expect(dcsa[1]!.recipient?.partyName).to.equal(carrier);
  });

  it("places and lifts legal holds, pauses, approves and permits", async function () {
    const { as, tokenId, signedSettlement: settlement } = await loadFixture(issued);
    const [byRegulator, byExporter, byAdmin, byStranger] = [as(regulator), as(exporter), as(admin), as(stranger)];
    await (await byRegulator.ebl.placeLegalHold({ tokenId, reasonCode: "COURT-ORDER-2026-17" })).wait();
    expect((await byExporter.ebl.bill(tokenId)).onLegalHold).to.equal(true);
    await reverts(() => byExporter.ebl.endorse({ tokenId, endorsee: importer }), "EblOnLegalHold");
    await reverts(() => byRegulator.ebl.placeLegalHold({ tokenId, reasonCode: "AGAIN" }), "EblOnLegalHold");
    await (await byRegulator.ebl.liftLegalHold({ tokenId, reasonCode: "RELEASED" })).wait();
    await reverts(() => byRegulator.ebl.liftLegalHold({ tokenId, reasonCode: "RELEASED" }), "EblNotOnLegalHold");
    const history = await byExporter.ebl.history(tokenId);
    expect(history.entries).to.have.length(3);
    const [placed, lifted] = [
      entryOf(history.entries[1], "LEGAL_HOLD_PLACED"),
      entryOf(history.entries[2], "LEGAL_HOLD_LIFTED"),
    ];
    expect([placed.actor, placed.operator, placed.reasonCode]).to.deep.equal([regulator, null, "COURT-ORDER-2026-17"]);
    expect([lifted.actor, lifted.operator, lifted.reasonCode]).to.deep.equal([regulator, null, "RELEASED"]);
    expect(toDcsaEndorsementChain(history)).to.have.length(1); // holds have no DCSA code
    expect(decodeReference(`0x${"ff".repeat(32)}` as Hex)).to.equal(`0x${"ff".repeat(32)}`);

    await (await byAdmin.ebl.pause()).wait();
    expect(await byAdmin.ebl.paused()).to.equal(true);
    await reverts(() => byExporter.ebl.blankEndorse({ tokenId }), "EnforcedPause");
    await (await byAdmin.ebl.unpause()).wait();
    await reverts(() => byAdmin.ebl.unpause(), "ExpectedPause");

    // Approvals only to verified custodians.
    await reverts(() => byExporter.ebl.approve({ tokenId, operator: importer }), "EblOperatorNotCustodian");
    await (await byExporter.ebl.approve({ tokenId, operator: settlement })).wait();
    expect(await byExporter.ebl.getApproved(tokenId)).to.equal(settlement);
    await (await byExporter.ebl.approve({ tokenId, operator: null })).wait();
    expect(await byExporter.ebl.getApproved(tokenId)).to.equal(null);
    await (await byExporter.ebl.setApprovalForAll({ operator: settlement, approved: true })).wait();
    expect(await byExporter.ebl.isApprovedForAll(exporter, settlement)).to.equal(true);
    await (await byExporter.ebl.setApprovalForAll({ operator: settlement, approved: false })).wait();

    // A permit signed off-chain by the holder (a local account), submitted by anyone.
    const permit = await as(exporter, true).ebl.signPermit({ tokenId, spender: settlement });
    expect(permit.nonce).to.equal(await byExporter.ebl.permitNonce(tokenId));
    await (await byStranger.ebl.permit(permit)).wait();
    expect(await byExporter.ebl.getApproved(tokenId)).to.equal(settlement);
    await reverts(() => byStranger.ebl.permit(permit), "RailsInvalidSignature"); // nonce moved on
    const stale = await byExporter.ebl.signPermit({ tokenId, spender: settlement, deadline: 1n });
    await reverts(() => byStranger.ebl.permit(stale), "RailsExpired");

    await reverts(
      () => byStranger.access.grantRole({ role: { contract: "ebl", name: "ISSUER" }, account: stranger }),
      "AccessManagerUnauthorizedAccount",
    );
    const legalHold = { contract: "ebl", name: "LEGAL_HOLD" } as const;
    await (await byAdmin.access.grantRole({ role: legalHold, account: bank })).wait();
    expect((await byAdmin.access.hasRole(legalHold, bank)).isMember).to.equal(true);
    await (await byAdmin.access.revokeRole({ role: legalHold, account: bank })).wait();
    expect((await byAdmin.access.hasRole(legalHold, bank)).isMember).to.equal(false);
  });

  it("turns every refusal of the registry into a typed error with a hint", async function () {
    const { as, tokenId, document } = await loadFixture(issued);
    const [byCarrier, byExporter, byImporter, byStranger] = [as(carrier), as(exporter), as(importer), as(stranger)];
    await reverts(() => byCarrier.ebl.issue({ document, shipper: exporter }), "EblAlreadyIssued");
    await reverts(
      () => byExporter.ebl.issue({ document: toOrderDocument("X1"), shipper: exporter }),
      "AccessManagedUnauthorized",
    );
    await reverts(
      () => byCarrier.ebl.issue({ document: toOrderDocument("X2"), shipper: stranger, titleHolder: exporter }),
      "RailsNotVerified",
    );
    await reverts(
      () => byCarrier.ebl.issue({ document: toOrderDocument("X3"), shipper: exporter, titleHolder: carrier }),
      "EblInvalidTitleHolder",
    );
    await reverts(
      () =>
        byCarrier.ebl.issue({
          shipper: exporter,
          transportDocumentReference: "X4",
          kind: "toOrder",
          titleHolder: exporter,
          documentHash: `0x${"00".repeat(32)}`,
        }),
      "EblInvalidDocumentHash",
    );
    await reverts(() => byImporter.ebl.endorse({ tokenId, endorsee: importer }), "EblNotHolder");
    await reverts(() => byCarrier.ebl.acceptSurrender({ tokenId }), "EblInvalidStatus").then((e) =>
      expect(e.shortMessage).to.include("is issued"),
    );
    await reverts(() => byImporter.ebl.acceptSurrender({ tokenId }), "EblNotIssuer");
    await reverts(() => byExporter.ebl.transfer({ tokenId, to: importer, from: importer }), "ERC721IncorrectOwner");
    await reverts(
      () => byStranger.ebl.transfer({ tokenId, to: importer, from: exporter }),
      "ERC721InsufficientApproval",
    );
    await reverts(() => byStranger.ebl.getApproved(424242n), "ERC721NonexistentToken");
    await (await byExporter.ebl.endorse({ tokenId, endorsee: importer })).wait();
    await reverts(() => byExporter.ebl.surrenderForDelivery({ tokenId }), "EblNoTitle");
    await (await byExporter.ebl.transfer({ tokenId, to: importer })).wait();
    await (await byImporter.ebl.surrenderForAmendment({ tokenId })).wait();
    await reverts(() => byCarrier.ebl.issueAmendment({ tokenId, document }), "EblDocumentHashUnchanged");

    const straight = await byCarrier.ebl.issue({
      document: straightDocument("STR1"),
      shipper: exporter,
      titleHolder: importer,
    });
    await straight.wait();
    await reverts(
      () => byExporter.ebl.endorse({ tokenId: straight.tokenId, endorsee: bank }),
      "EblStraightNotEndorsable",
    );
    await reverts(
      () => byExporter.ebl.transfer({ tokenId: straight.tokenId, to: regulator }),
      "EblStraightRecipientNotAllowed",
    );

    // The registrar revokes the carrier: still an issuer-role holder, no longer a verified carrier.
    await (await as(accounts.registrar).participants.revoke({ account: carrier })).wait();
    await reverts(
      () => byCarrier.ebl.issue({ document: toOrderDocument("X5"), shipper: exporter }),
      "EblIssuerNotVerifiedCarrier",
    );
  });

  it("says which contract is missing when a namespace has no address", async function () {
    const rails = createCargoRails({ publicClient, addresses: { participantRegistry: exporter } });
    expect(() => rails.ebl).to.throw(ContractNotConfiguredError, "eblRegistry");
    expect(() => rails.settlement).to.throw(ContractNotConfiguredError, "settlement");
    // One settlement contract configured: the other way's calls name the missing address.
    const escrowOnly = createCargoRails({
      publicClient,
      addresses: { participantRegistry: exporter, escrowedDeals: importer },
    });
    expect(escrowOnly.settlement.escrowedDeals).to.equal(importer);
    await rejects(escrowOnly.settlement.domain("signed"), ContractNotConfiguredError, "addresses.signedSettlement");
    expect(rails.deposits).to.deep.equal({});
    expect(() => rails.deposit("HKD")).to.throw(InvalidArgumentError, "none configured");
  });

  it("says that canSurrender needs the lens when no lens address was given", async function () {
    const rails = createCargoRails({
      publicClient,
      addresses: { participantRegistry: exporter, eblRegistry: exporter },
    });
    let error: unknown;
    await rails.ebl.canSurrender(1n, exporter).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ContractNotConfiguredError);
    expect((error as Error).message).to.contain("eblLens");
  });
});
