/**
 * Parties and the record an arriving eBL gets on our registry, read from its PINT transfer chain.
 *
 * Our accounts appear in PINT as parties with `eblPlatform` = this platform's code and an identifying code
 * `{ codeListProvider: "W3C", partyCode: "did:pkh:eip155:<chainId>:<address>" }` (the SDK's convention). A carrier
 * of an eBL issued elsewhere is found through the configured `carriers` table (party code → address on our
 * participant register).
 */
import type { Address, Hex } from "viem";

import { addressOfPintParty, type PintParty, type PintTransaction } from "../../../sdk/src/pint/index.js";
import { eblTokenId } from "../../../sdk/src/tokenId.js";

export type { PintParty };

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

/** The address of a party of ours (on `platform`, with a W3C `did:pkh` code of `chainId`), or undefined. */
export function ourAddress(party: PintParty | undefined, platform: string, chainId: number): Address | undefined {
  if (party === undefined || party.eblPlatform !== platform) return undefined;
  return addressOfPintParty(party, chainId) ?? undefined;
}

/**
 * What our registry records for an arriving eBL: the carrier (a party of ours, or one named in `carriers`), the
 * token id from it and the transport document reference, the holder (the last transaction's recipient, which must be
 * a party of ours), the kind, version (one per ISSUE: an amendment is re-issued), title holder and shipper.
 */
export function importPlanOf(
  transportDocument: { readonly [key: string]: unknown },
  transportDocumentChecksum: string,
  transactions: readonly PintTransaction[],
  context: { platform: string; chainId: number; carriers: Record<string, Address> },
): ImportPlan {
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
