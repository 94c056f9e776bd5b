/**
 * Parties and the record an arriving eBL gets on our registry, read from its PINT transfer chain.
 *
 * Our accounts appear in PINT as parties with `eblPlatform` = this platform's code and an identifying code
 * `{ codeListProvider: "W3C", partyCode: "did:pkh:eip155:<chainId>:<address>" }` (the SDK's convention). A carrier
 * of an eBL issued elsewhere is found through the configured `carriers` table (party code → address on our
 * participant register).
 */
import { getAddress, isAddress, type Address, type Hex } from "viem";

import { eblTokenId } from "../../../sdk/src/tokenId.js";

/** A PINT party (ActorParty / RecipientParty), the fields this service reads. */
export interface PintParty {
  partyName?: string;
  eblPlatform?: string;
  identifyingCodes?: { codeListProvider?: string; partyCode?: string; codeListName?: string }[];
}

/** A PINT transaction, the fields this service reads. */
export interface PintTransaction {
  actionCode: string;
  actor: PintParty;
  recipient?: PintParty;
  actionDateTime: string;
}

/** A decoded transfer chain entry (the JWS payload). */
export interface PintChainEntry {
  eblPlatform: string;
  transportDocumentChecksum: string;
  previousEnvelopeTransferChainEntrySignedContentChecksum?: string;
  transactions: PintTransaction[];
}

/** The record `importFromPlatform` takes (IBillOfLadingRegistry.ImportedBill), and where it goes. */
export interface ImportPlan {
  tokenId: bigint;
  carrier: Address;
  holder: Address;
  bill: {
    kind: number;
    version: number;
    titleHolder: Address;
    shipper: Address;
    documentHash: Hex;
    custodyForTitle: boolean;
  };
}

/** Why an arriving chain cannot be recorded here: the envelope is refused with BENV and this reason. */
export class UnmappableEnvelope extends Error {
  override name = "UnmappableEnvelope";
}

const ZERO = "0x0000000000000000000000000000000000000000" as Address;
/** IBillOfLadingRegistry.BillKind. */
const BillKind = { straight: 0, toOrder: 1 } as const;

/** The `did:pkh` code of an account of ours on `chainId`. */
export function didOf(chainId: number, address: Address): string {
  return `did:pkh:eip155:${chainId}:${getAddress(address)}`;
}

/** Our party for `address`, as PINT names it. */
export function ourParty(platform: string, chainId: number, address: Address, name?: string): PintParty & { partyName: string } {
  return {
    partyName: name ?? getAddress(address),
    eblPlatform: platform,
    identifyingCodes: [{ codeListProvider: "W3C", partyCode: didOf(chainId, address), codeListName: "DID" }],
  };
}

/** The address of a party of ours on `chainId` (on `platform`), or undefined. */
export function ourAddress(party: PintParty | undefined, platform: string, chainId: number): Address | undefined {
  if (party === undefined || party.eblPlatform !== platform) return undefined;
  const prefix = `did:pkh:eip155:${chainId}:`;
  for (const code of party.identifyingCodes ?? []) {
    if (code.codeListProvider !== "W3C" || typeof code.partyCode !== "string") continue;
    if (!code.partyCode.startsWith(prefix)) continue;
    const candidate = code.partyCode.slice(prefix.length);
    if (isAddress(candidate, { strict: false })) return getAddress(candidate);
  }
  return undefined;
}

/**
 * What our registry records for an arriving eBL: the carrier (a party of ours, or one named in `carriers`), the
 * token id from it and the transport document reference, the holder (the last transaction's recipient, which must be
 * a party of ours), the kind, version (one per ISSUE: an amendment is re-issued), title holder and shipper.
 */
export function importPlanOf(
  transportDocument: Record<string, unknown>,
  transportDocumentChecksum: string,
  chain: readonly PintChainEntry[],
  context: { platform: string; chainId: number; carriers: Record<string, Address> },
): ImportPlan {
  const transactions = chain.flatMap((entry) => entry.transactions);
  const issue = transactions[0];
  if (issue?.actionCode !== "ISSUE") throw new UnmappableEnvelope("The transfer chain does not start with ISSUE.");
  const mine = (party: PintParty | undefined) => ourAddress(party, context.platform, context.chainId);
  let carrier = mine(issue.actor);
  for (const code of issue.actor.identifyingCodes ?? []) {
    if (carrier !== undefined) break;
    if (code.partyCode !== undefined) carrier = context.carriers[code.partyCode];
  }
  if (carrier === undefined) {
    throw new UnmappableEnvelope(
      `The issuing carrier ${issue.actor.partyName ?? "(unnamed)"} is not known to this platform (no identifying code of it is configured).`,
    );
  }
  const reference = transportDocument.transportDocumentReference;
  if (typeof reference !== "string" || reference === "") {
    throw new UnmappableEnvelope("The transport document has no transportDocumentReference.");
  }
  const last = transactions[transactions.length - 1]!;
  const holder = mine(last.recipient);
  if (holder === undefined) {
    throw new UnmappableEnvelope(
      `The last transaction (${last.actionCode}) is not addressed to a party of this platform (${context.platform}, a W3C did:pkh code on chain ${context.chainId}).`,
    );
  }
  const toOrder = transportDocument.isToOrder === true;
  // PINT moves title with possession between platforms: the title holder after the chain (the ISSUE's recipient,
  // then each endorsee; nobody after a blank endorsement) must be a party of ours, or nobody.
  let titleHolder: Address | undefined = holder;
  let titleAt = issue;
  if (toOrder) {
    titleHolder = mine(issue.recipient);
    for (const t of transactions) {
      if (t.actionCode === "BLANK_ENDORSE") titleHolder = ZERO;
      if (t.actionCode === "ENDORSE" || t.actionCode === "ENDORSE_TO_ORDER") {
        titleHolder = mine(t.recipient);
        titleAt = t;
      }
    }
  }
  if (titleHolder === undefined) {
    throw new UnmappableEnvelope(
      `The title holder (the recipient of ${titleAt.actionCode} at ${titleAt.actionDateTime}) is not a party of this platform: endorse the eBL to the receiving party, or in blank, before it crosses.`,
    );
  }
  return {
    tokenId: eblTokenId(carrier, reference),
    carrier,
    holder,
    bill: {
      kind: toOrder ? BillKind.toOrder : BillKind.straight,
      version: transactions.filter((t) => t.actionCode === "ISSUE").length,
      titleHolder,
      shipper: toOrder ? ZERO : (mine(issue.recipient) ?? holder),
      documentHash: `0x${transportDocumentChecksum}`,
      custodyForTitle: false,
    },
  };
}
