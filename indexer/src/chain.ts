/**
 * An eBL's chain of custody from its registry events, entry for entry what the SDK's `ebl.history` reads from the
 * chain (the correctness tests compare the two for every eBL): the legal actor, the operator that submitted the
 * action for it, the parties, and the holder and title holder after each action.
 *
 * The settlement and custody contracts among the holders are recognised from the registry's rules alone (an
 * account acting on an eBL another holds is an approved operator; a holder acting on title it is not named for has
 * the custody title right), so a later action can reveal a custodian that changes who the actor of an earlier one
 * was for: the chain is rebuilt from all of the eBL's events on each new one (a chain has tens of entries).
 */
import { decodeReference, billKinds } from "@cargo-rails/sdk";
import { getAddress, numberToHex, zeroAddress, type Address, type Hex } from "viem";

/** A registry event of one eBL as the indexer keeps it (JSON: no bigints; the token id is the row's). */
export interface StoredEvent {
  eventName: string;
  args: Record<string, string | number | boolean>;
  blockNumber: string;
  blockTimestamp: string;
  transactionHash: Hex;
  logIndex: number;
  /** The keccak-256 of the remark given with the action, when one was (the registry's `Remarked`). */
  remarkHash?: Hex | undefined;
  /** The DCSA reason code given with the action, when one was (the registry's `Remarked`). */
  reasonCode?: Hex | undefined;
}

/** One chain entry: the columns of `chain_entry` but the token id and position. */
export interface ChainEntryRow {
  action: string;
  eventName: string;
  actor: Address;
  operator: Address | null;
  from: Address | null;
  to: Address | null;
  holder: Address | null;
  titleHolder: Address | null;
  remarkHash: Hex | null;
  reasonCode: Hex | null;
  details: Record<string, string | number | boolean | null>;
  blockNumber: bigint;
  blockTimestamp: bigint;
  transactionHash: Hex;
  logIndex: number;
}

/** The arguments of the registry's events, by name (each event has some of them). */
interface EventArgs {
  issuer: Address;
  holder: Address;
  titleHolder: Address;
  kind: number;
  documentHash: Hex;
  previousDocumentHash: Hex;
  version: number;
  transportDocumentReference: string;
  from: Address;
  to: Address;
  actor: Address;
  endorsee: Address;
  previousTitleHolder: Address;
  delivered: boolean;
  surrenderer: Address;
  carrier: Address;
  forAmendment: boolean;
  authority: Address;
  reasonCode: Hex;
  gateway: Address;
  returnedTo: Address;
}

const orNull = (address: string | undefined): Address | null =>
  address === undefined || address === zeroAddress ? null : (address as Address);

/** The issuing carrier encoded in a token id's top 160 bits. */
export const issuerOfTokenId = (tokenId: bigint): Address => getAddress(numberToHex(tokenId >> 96n, { size: 20 }));

/** The chain entries of one eBL from all its stored events, oldest first. */
export function chainOf(tokenId: bigint, events: readonly StoredEvent[]): ChainEntryRow[] {
  const issuer = issuerOfTokenId(tokenId);
  const custodians = custodiansIn(events, issuer);
  const principals = new Map<Address, Address>();
  const legalHolder = (account: Address): Address =>
    custodians.has(account) ? (principals.get(account) ?? account) : account;
  const acts = (actor: Address, caller: Address) => ({ actor, operator: caller === actor ? null : caller });

  let holder: Address | null = null;
  let titleHolder: Address | null = null;
  const entries: ChainEntryRow[] = [];
  for (const stored of events) {
    const a = stored.args as unknown as EventArgs;
    let entry: Pick<ChainEntryRow, "action" | "actor" | "operator" | "from" | "to" | "details">;
    switch (stored.eventName) {
      case "BillIssued":
        holder = a.holder;
        titleHolder = orNull(a.titleHolder);
        entry = {
          action: "ISSUE",
          ...acts(a.issuer, a.issuer),
          from: null,
          to: a.holder,
          details: {
            kind: billKinds[a.kind]!,
            documentHash: a.documentHash,
            version: 1,
            transportDocumentReference: a.transportDocumentReference,
          },
        };
        break;
      case "PossessionTransferred": {
        const { from, to } = a;
        const principal = custodians.has(from) ? principals.get(from) : undefined;
        principals.delete(from);
        const actor = principal !== undefined && principal !== to ? principal : from;
        if (custodians.has(to) && principal !== to) principals.set(to, actor);
        holder = to;
        entry = { action: "TRANSFER", ...acts(actor, a.actor), from, to, details: {} };
        break;
      }
      case "Endorsed": {
        const previous = orNull(a.previousTitleHolder);
        titleHolder = a.endorsee;
        if (a.delivered) holder = a.endorsee;
        entry = {
          action: "ENDORSE",
          ...acts(previous ?? legalHolder(a.holder), a.actor),
          from: a.holder,
          to: a.endorsee,
          details: { delivered: a.delivered, previousTitleHolder: previous },
        };
        if (a.delivered) principals.delete(a.holder);
        break;
      }
      case "BlankEndorsed": {
        const previous = orNull(a.previousTitleHolder);
        titleHolder = null;
        entry = {
          action: "BLANK_ENDORSE",
          ...acts(previous ?? legalHolder(a.holder), a.actor),
          from: a.holder,
          to: null,
          details: { previousTitleHolder: previous },
        };
        break;
      }
      case "Surrendered":
        holder = a.carrier;
        entry = {
          action: a.forAmendment ? "SURRENDER_FOR_AMENDMENT" : "SURRENDER_FOR_DELIVERY",
          ...acts(legalHolder(a.surrenderer), a.actor),
          from: a.surrenderer,
          to: a.carrier,
          details: {},
        };
        break;
      case "SurrenderAccepted":
        holder = null;
        titleHolder = null;
        entry = {
          action: "SURRENDER_ACCEPTED",
          ...acts(a.carrier, a.carrier),
          from: a.carrier,
          to: a.surrenderer,
          details: {},
        };
        break;
      case "SurrenderRejected":
        holder = a.surrenderer;
        entry = {
          action: "SURRENDER_REJECTED",
          ...acts(a.carrier, a.carrier),
          from: a.carrier,
          to: a.surrenderer,
          details: { forAmendment: a.forAmendment },
        };
        break;
      case "AmendmentIssued":
        holder = a.holder;
        entry = {
          action: "AMENDMENT_ISSUED",
          ...acts(a.carrier, a.carrier),
          from: a.carrier,
          to: a.holder,
          details: { documentHash: a.documentHash, previousDocumentHash: a.previousDocumentHash, version: a.version },
        };
        break;
      case "SwitchToPaperRequested":
        entry = {
          action: "SWITCH_TO_PAPER_REQUESTED",
          ...acts(legalHolder(a.holder), a.actor),
          from: a.holder,
          to: null,
          details: {},
        };
        break;
      case "SwitchToPaperCancelled":
        entry = {
          action: "SWITCH_TO_PAPER_CANCELLED",
          ...acts(a.actor === issuer ? issuer : legalHolder(a.holder), a.actor),
          from: null,
          to: a.holder,
          details: {},
        };
        break;
      case "SwitchedToPaper":
        holder = null;
        titleHolder = null;
        entry = {
          action: "SWITCHED_TO_PAPER",
          ...acts(a.carrier, a.carrier),
          from: a.carrier,
          to: a.holder,
          details: {},
        };
        break;
      case "LegalHoldPlaced":
      case "LegalHoldLifted":
        entry = {
          action: stored.eventName === "LegalHoldPlaced" ? "LEGAL_HOLD_PLACED" : "LEGAL_HOLD_LIFTED",
          ...acts(a.authority, a.authority),
          from: null,
          to: null,
          details: { reasonCode: decodeReference(a.reasonCode) },
        };
        break;
      case "BillExported": {
        const from = a.holder;
        const actor = legalHolder(from);
        principals.delete(from);
        holder = null;
        titleHolder = null;
        entry = { action: "EXPORT", ...acts(actor, a.actor), from, to: a.gateway, details: { gateway: a.gateway } };
        break;
      }
      case "BillImported":
        holder = a.holder;
        titleHolder = orNull(a.titleHolder);
        entry = {
          action: "IMPORT",
          ...acts(a.gateway, a.gateway),
          from: a.gateway,
          to: a.holder,
          details: { gateway: a.gateway, documentHash: a.documentHash, version: a.version },
        };
        break;
      case "Signed":
        entry = { action: "SIGN", ...acts(legalHolder(a.holder), a.actor), from: a.holder, to: null, details: {} };
        break;
      case "TransferRejected":
        holder = a.returnedTo;
        titleHolder = orNull(a.titleHolder);
        entry = {
          action: "TRANSFER_REJECTED",
          ...acts(a.holder, a.actor),
          from: a.holder,
          to: a.returnedTo,
          details: {},
        };
        break;
      default:
        continue;
    }
    entries.push({
      ...entry,
      eventName: stored.eventName,
      holder,
      titleHolder,
      remarkHash: stored.remarkHash ?? null,
      reasonCode: stored.reasonCode ?? null,
      blockNumber: BigInt(stored.blockNumber),
      blockTimestamp: BigInt(stored.blockTimestamp),
      transactionHash: stored.transactionHash,
      logIndex: stored.logIndex,
    });
  }
  return entries;
}

/** The custody and settlement contracts among the eBL's holders (the rules in the module comment). */
function custodiansIn(events: readonly StoredEvent[], issuer: Address): Set<Address> {
  const custodians = new Set<Address>();
  const operator = (caller: Address, holder: Address) => {
    if (caller !== holder) custodians.add(caller);
  };
  let titleHolder: Address | null | undefined;
  const titleAct = (holder: Address, title: Address | null | undefined) => {
    if (title !== undefined && title !== null && holder !== title) custodians.add(holder);
  };
  for (const { eventName, args } of events) {
    const a = args as unknown as EventArgs;
    switch (eventName) {
      case "BillIssued":
        titleHolder = orNull(a.titleHolder);
        break;
      case "PossessionTransferred":
        operator(a.actor, a.from);
        break;
      case "Endorsed":
      case "BlankEndorsed":
        operator(a.actor, a.holder);
        titleAct(a.holder, orNull(a.previousTitleHolder));
        titleHolder = eventName === "Endorsed" ? a.endorsee : null;
        break;
      case "Surrendered":
        operator(a.actor, a.surrenderer);
        titleAct(a.surrenderer, titleHolder);
        break;
      case "SwitchToPaperRequested":
        operator(a.actor, a.holder);
        titleAct(a.holder, titleHolder);
        break;
      case "SwitchToPaperCancelled":
        if (a.actor !== issuer) operator(a.actor, a.holder);
        break;
      case "BillExported":
        operator(a.actor, a.holder);
        break;
      default:
        break;
    }
  }
  return custodians;
}
