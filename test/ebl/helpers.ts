import { network } from "hardhat";

import { canonicalJson, documentChecksum, type JsonValue } from "../../sdk/src/index.js";
import { deployManager, grant, wire } from "../helpers/access.js";
import { readDcsaJson } from "../helpers/dcsa.js";
import { BillKind, Status } from "../helpers/enums.js";
import { Kinds } from "../helpers/participants.js";

/** Participant kinds, as in contracts/access/ParticipantKinds.sol. */
export { Kinds };

/** The eBL enums, from the SDK (test/helpers/enums.ts). */
export { BillKind, Status };

/** RFC 8785 (JCS) canonical JSON, as the SDK computes it. */
export const canonicalize = (value: unknown): string => canonicalJson(value as JsonValue);

/** DCSA document checksum (SHA-256 of the JCS canonical JSON, bytes32 hex), as the SDK computes it. */
export const dcsaChecksum = (document: unknown): string => documentChecksum(document as JsonValue);

/** Reads a DCSA sample JSON file (see test/helpers/dcsa.ts for where it is found). */
export const readDcsaFixture = (name: string): any => readDcsaJson(name);

/**
 * The PINT sample transport document (a straight B/L) with a real B/L number in place of the placeholder, and its
 * DCSA checksum.
 */
export function sampleDocument(reference = "HHL71800000"): {
  document: any;
  hash: string;
  reference: string;
} {
  const document = {
    ...readDcsaFixture("pint-3.0.0-transport-document.json"),
    transportDocumentReference: reference,
  };
  return { document, hash: dcsaChecksum(document), reference };
}

export const ONE_YEAR = 365 * 24 * 3600;
export const HOLD_REASON = "0x" + Buffer.from("COURT-ORDER-2026-17").toString("hex").padEnd(64, "0");

export type Connection = Awaited<ReturnType<typeof network.create>>;

/**
 * Deploys the participant registry and the eBL registry, registers the cast and grants roles.
 * Everyone except `outsider` is verified. Use through `networkHelpers.loadFixture(deployEbl)`.
 */
export async function deployEbl(connection: Connection) {
  const { ethers, networkHelpers } = connection;
  const [
    admin,
    registrar,
    carrier,
    carrier2,
    shipper,
    consignee,
    bankA,
    bankB,
    buyer,
    agent,
    custodian,
    regulator,
    outsider,
    unroledCarrier,
  ] = await ethers.getSigners();

  const manager = await deployManager(ethers, admin);
  const authority = await manager.getAddress();
  const participants = await ethers.deployContract("ParticipantRegistry", [authority]);
  const ebl = await ethers.deployContract("BillOfLadingRegistry", [await participants.getAddress(), authority]);
  await wire(manager, admin, "participants", await participants.getAddress());
  await wire(manager, admin, "ebl", await ebl.getAddress());
  await grant(manager, admin, { contract: "participants", name: "REGISTRAR" }, registrar.address);

  const now = await networkHelpers.time.latest();
  const validUntil = now + ONE_YEAR;
  const register = async (account: string, kinds: number) =>
    participants.connect(registrar).register(account, {
      kinds,
      jurisdiction: "0x484b",
      validUntil,
      kycReference: ethers.ZeroHash,
    });

  await register(carrier.address, Kinds.CARRIER);
  await register(carrier2.address, Kinds.CARRIER);
  await register(unroledCarrier.address, Kinds.CARRIER);
  await register(shipper.address, Kinds.TRADER);
  await register(consignee.address, Kinds.TRADER);
  await register(buyer.address, Kinds.TRADER);
  await register(bankA.address, Kinds.BANK);
  await register(bankB.address, Kinds.BANK);
  await register(agent.address, Kinds.AGENT);
  await register(custodian.address, Kinds.CUSTODY);
  await register(regulator.address, Kinds.REGULATOR);

  // A settlement contract (custodian) and a bank's smart account, both contracts.
  const settlement = await ethers.deployContract("TestSmartAccount", [admin.address]);
  const bankAccount = await ethers.deployContract("TestSmartAccount", [bankB.address]);
  await register(await settlement.getAddress(), Kinds.SETTLEMENT);
  await register(await bankAccount.getAddress(), Kinds.BANK);

  const issuer = { contract: "ebl", name: "ISSUER" } as const;
  await grant(manager, admin, issuer, carrier.address);
  await grant(manager, admin, issuer, carrier2.address);
  await grant(manager, admin, issuer, outsider.address); // role without verification
  await grant(manager, admin, { contract: "ebl", name: "LEGAL_HOLD" }, regulator.address);
  await grant(manager, admin, { contract: "ebl", name: "PAUSER" }, admin.address);

  const doc = sampleDocument();
  const amended = dcsaChecksum({
    ...doc.document,
    transportDocumentStatus: "ISSUED",
    declaredValue: 1,
  });
  const lens = await ethers.deployContract("EblLens");

  /** Issues a to-order B/L to the shipper, title with `titleHolder` (default: the shipper). */
  const issueToOrder = async (reference = "TO-ORDER-0001", titleHolder = shipper.address) => {
    await ebl.connect(carrier).issue(shipper.address, reference, BillKind.ToOrder, titleHolder, doc.hash);
    return ebl.tokenIdOf(carrier.address, reference);
  };
  /** Issues a straight B/L to the shipper with the consignee as title holder. */
  const issueStraight = async (reference = "STRAIGHT-0001") => {
    await ebl.connect(carrier).issue(shipper.address, reference, BillKind.Straight, consignee.address, doc.hash);
    return ebl.tokenIdOf(carrier.address, reference);
  };

  return {
    ethers,
    networkHelpers,
    manager,
    participants,
    ebl,
    lens,
    settlement,
    bankAccount,
    admin,
    registrar,
    carrier,
    carrier2,
    unroledCarrier,
    shipper,
    consignee,
    bankA,
    bankB,
    buyer,
    agent,
    custodian,
    regulator,
    outsider,
    doc,
    amended,
    issueToOrder,
    issueStraight,
    register,
  };
}
