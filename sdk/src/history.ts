import { getAddress, numberToHex, type Address, type Hex } from "viem";

import { type BillKind } from "./enums.js";

/**
 * How {@link EblNamespace.history} reads the logs. Block ranges are inclusive. Without `limit` one call reads the
 * whole range; with it, the call returns a page and the result's `cursor` (or `nextBlock`) reads the next one.
 */
export interface HistoryOptions {
  /**
   * First block to read (default: the client's `deploymentBlock`, else `addresses.deployBlocks.eblRegistry` as
   * `addressesFromIgnition` reads it, else 0). Ignored with a `cursor`.
   */
  fromBlock?: bigint | undefined;
  /** Last block to read (default: the latest block, fixed by the first page). Ignored with a `cursor`. */
  toBlock?: bigint | undefined;
  /** Blocks per `eth_getLogs` request (default 10 000, which public RPC providers accept). */
  blockRange?: bigint | undefined;
  /**
   * The most entries a page holds: reading stops after the block range in which it is reached, and the page ends
   * with the last whole block that keeps it at or under `limit` (a page never splits a block, so a single block with
   * more entries than `limit` is returned whole). Default: no limit (one page to `toBlock`).
   */
  limit?: number | undefined;
  /** The `cursor` of the previous page: reads the next page, with the holder state the previous pages built. */
  cursor?: EblHistoryCursor | undefined;
}

/**
 * Where the next page of an eBL's history starts, and what the pages before it established (the holder, the title
 * holder, the custody contracts and their principals) so that the next page's entries are the ones a single read
 * would give. Pass it back as `history(tokenId, { cursor })`; it is plain data (bigints and addresses).
 */
export interface EblHistoryCursor {
  /** The eBL. */
  tokenId: bigint;
  /** The first block not read yet. */
  nextBlock: bigint;
  /** The last block the pages read (fixed by the first page). */
  toBlock: bigint;
  /** The blocks per `eth_getLogs` request. */
  blockRange: bigint;
  /** The most entries a page holds. */
  limit: number | undefined;
  /** The holder after the last entry read. */
  holder: Address | null;
  /** The title holder after the last entry read (`undefined` before the issue was read). */
  titleHolder: Address | null | undefined;
  /** The custody and settlement contracts recognised so far. */
  custodians: Address[];
  /** Each custodian holding the eBL, with the principal it holds it for. */
  principals: [custodian: Address, principal: Address][];
}

/** The registry's domain events that make up an eBL's history, in the SDK's words. */
export type EblAction =
  | "ISSUE"
  | "TRANSFER"
  | "ENDORSE"
  | "BLANK_ENDORSE"
  | "SURRENDER_FOR_DELIVERY"
  | "SURRENDER_FOR_AMENDMENT"
  | "SURRENDER_ACCEPTED"
  | "SURRENDER_REJECTED"
  | "AMENDMENT_ISSUED"
  | "SWITCH_TO_PAPER_REQUESTED"
  | "SWITCH_TO_PAPER_CANCELLED"
  | "SWITCHED_TO_PAPER"
  | "LEGAL_HOLD_PLACED"
  | "LEGAL_HOLD_LIFTED"
  | "EXPORT"
  | "IMPORT"
  | "SIGN"
  | "TRANSFER_REJECTED";

/** What every entry of an eBL's history has, whatever its action. */
export interface EblHistoryEntryBase {
  /**
   * The legal actor: the party whose act it is in law, whose title or possession passes. ISSUE and the carrier's
   * answers: the carrier; legal holds: the authority; ENDORSE and BLANK_ENDORSE: the title holder before (for a
   * blank-endorsed eBL, the holder, or the principal of a custodian holding it); TRANSFER, SURRENDER_* and
   * SWITCH_TO_PAPER_*: the holder, or the principal of a custodian holding it; EXPORT: the holder that exported it
   * (or the principal of a custodian holding it); IMPORT: the gateway that re-created it here. A settlement or custody contract is
   * the actor only of its own acts: handing an eBL back to its principal (a cancelled or expired deal), where
   * `operator` is null; when it acts for someone else it is the {@link EblHistoryEntryBase.operator}.
   */
  actor: Address;
  /**
   * The account that submitted the action to the registry (the caller) when it is not the
   * {@link EblHistoryEntryBase.actor}: an operator the holder approved (SignedSettlement in a signed
   * settlement), or a custodian holding the eBL for its principal (EscrowedDeals in an escrowed deal).
   * `null` when the actor acted itself.
   */
  operator: Address | null;
  /** The party the action comes from, if any (see the README's table: the holder, surrenderer or carrier). */
  from: Address | null;
  /** The party the action goes to (the DCSA recipient), if any. */
  to: Address | null;
  /** The holder after the action (`null` once burned). */
  holder: Address | null;
  /** The title holder after the action (`null` while blank endorsed or once burned). */
  titleHolder: Address | null;
  /** The block number. */
  blockNumber: bigint;
  /** The block's Unix timestamp in seconds. */
  blockTimestamp: bigint;
  /** The block time as a Date. */
  time: Date;
  /** The transaction's hash. */
  transactionHash: Hex;
  /** The log's index in its block. */
  logIndex: number;
  /**
   * keccak-256 of the remark given with the action through `ebl.act` (event `Remarked`; the text is off chain: check
   * it with `remarkHash(text)`); absent when none.
   */
  remarkHash?: Hex;
  /** The DCSA reason code given with the action (e.g. `COD`, `SWTP`), as text when it is text; absent when none. */
  reasonCode?: string;
}

/** An entry of one action, from one registry event, with what that action carries. */
export type EblHistoryVariant<
  A extends EblAction,
  E extends EblHistoryEventName,
  Carries = unknown,
> = EblHistoryEntryBase & {
  /** What happened. */
  action: A;
  /** The registry event it comes from, e.g. `"Endorsed"`. */
  eventName: E;
} & Carries;

/**
 * One action in an eBL's history: one domain event of the registry, discriminated by `action` (each action has one
 * event). `actor` is the legal actor, `operator` the account that submitted it for the actor (if another), `from`
 * and `to` the parties, `holder` and `titleHolder` the state after it.
 */
export type EblHistoryEntry =
  | EblHistoryVariant<
      "ISSUE",
      "BillIssued",
      {
        /** The kind of B/L. */
        kind: BillKind;
        /** The document hash of version 1. */
        documentHash: Hex;
        /** Always 1. */
        version: number;
        /** The carrier's B/L number. */
        transportDocumentReference: string;
      }
    >
  | EblHistoryVariant<"TRANSFER", "PossessionTransferred">
  | EblHistoryVariant<
      "ENDORSE",
      "Endorsed",
      {
        /** True when possession moved to the endorsee in the same action (endorse and deliver). */
        delivered: boolean;
        /** The title holder before (`null` when the eBL was blank endorsed). */
        previousTitleHolder: Address | null;
      }
    >
  | EblHistoryVariant<
      "BLANK_ENDORSE",
      "BlankEndorsed",
      {
        /** The title holder before (`null` when the eBL was already blank endorsed). */
        previousTitleHolder: Address | null;
      }
    >
  | EblHistoryVariant<"SURRENDER_FOR_DELIVERY", "Surrendered">
  | EblHistoryVariant<"SURRENDER_FOR_AMENDMENT", "Surrendered">
  | EblHistoryVariant<"SURRENDER_ACCEPTED", "SurrenderAccepted">
  | EblHistoryVariant<
      "SURRENDER_REJECTED",
      "SurrenderRejected",
      {
        /** Whether the rejected surrender was for amendment. */
        forAmendment: boolean;
      }
    >
  | EblHistoryVariant<
      "AMENDMENT_ISSUED",
      "AmendmentIssued",
      {
        /** The document hash of the new version. */
        documentHash: Hex;
        /** The document hash of the version it replaces. */
        previousDocumentHash: Hex;
        /** The new version. */
        version: number;
      }
    >
  | EblHistoryVariant<"SWITCH_TO_PAPER_REQUESTED", "SwitchToPaperRequested">
  | EblHistoryVariant<"SWITCH_TO_PAPER_CANCELLED", "SwitchToPaperCancelled">
  | EblHistoryVariant<"SWITCHED_TO_PAPER", "SwitchedToPaper">
  | EblHistoryVariant<
      "LEGAL_HOLD_PLACED",
      "LegalHoldPlaced",
      {
        /** The reason code, as text when it is text (see {@link decodeReference}). */
        reasonCode: string;
      }
    >
  | EblHistoryVariant<
      "LEGAL_HOLD_LIFTED",
      "LegalHoldLifted",
      {
        /** The reason code, as text when it is text (see {@link decodeReference}). */
        reasonCode: string;
      }
    >
  | EblHistoryVariant<
      "EXPORT",
      "BillExported",
      {
        /**
         * The rails' gateway that took the eBL off this chain (`to`); its `BillSent` in the same transaction names
         * the transfer, the destination chain and the receiver (`crossChainHistory` links them).
         */
        gateway: Address;
      }
    >
  | EblHistoryVariant<
      "IMPORT",
      "BillImported",
      {
        /**
         * The rails' gateway that re-created the eBL here (the actor and `from`): its `BillReceived` (arrived from
         * another chain) or `BillRestored` (a refused export given back) in the same transaction names the transfer.
         */
        gateway: Address;
        /** The document hash of the current version, as on the other chain. */
        documentHash: Hex;
        /** The document version, as on the other chain. */
        version: number;
      }
    >
  | EblHistoryVariant<"SIGN", "Signed">
  | EblHistoryVariant<"TRANSFER_REJECTED", "TransferRejected">;

/** The history entry of one action, e.g. `EblHistoryEntryOf<"ENDORSE">`. */
export type EblHistoryEntryOf<A extends EblAction> = Extract<EblHistoryEntry, { action: A }>;

/** An eBL's history: every action from issuance, in chain order. */
export interface EblHistory {
  /** The eBL. */
  tokenId: bigint;
  /** The registry it was read from. */
  registry: Address;
  /** The chain id. */
  chainId: number;
  /** The first block read (inclusive). */
  fromBlock: bigint;
  /** The last block read (inclusive): `nextBlock - 1` for a page that is not the last, else the range's end. */
  toBlock: bigint;
  /** The actions, oldest first. */
  entries: EblHistoryEntry[];
  /** The first block not read yet, or `null` when the range up to `toBlock` is read completely. */
  nextBlock: bigint | null;
  /** What reads the next page (`history(tokenId, { cursor })`), or `null` when done. */
  cursor: EblHistoryCursor | null;
}

/** The registry events an eBL's history is rebuilt from, one per action (the ERC-721 `Transfer` is not among them). */
export type EblHistoryEventName =
  | "BillIssued"
  | "PossessionTransferred"
  | "Endorsed"
  | "BlankEndorsed"
  | "Surrendered"
  | "SurrenderAccepted"
  | "SurrenderRejected"
  | "AmendmentIssued"
  | "SwitchToPaperRequested"
  | "SwitchToPaperCancelled"
  | "SwitchedToPaper"
  | "LegalHoldPlaced"
  | "LegalHoldLifted"
  | "BillExported"
  | "BillImported"
  | "Signed"
  | "TransferRejected";

/** @internal The issuing carrier encoded in a token id's top 160 bits (see `eblTokenId`). */
export function issuerOfTokenId(tokenId: bigint): Address {
  return getAddress(numberToHex(tokenId >> 96n, { size: 20 }));
}

// ---------------------------------------------------------------- DCSA export

/** A party in DCSA's PINT 3.0 `Transaction` (`ActorParty` / `RecipientParty`). */
export interface DcsaParty {
  /** Name of the party (at most 70 characters). */
  partyName: string;
  /** The party's eBL platform code (at most 4 characters). */
  eblPlatform: string;
  /** At least one identifying code. */
  identifyingCodes: { codeListProvider: string; partyCode: string; codeListName?: string }[];
  [key: string]: unknown;
}

/** DCSA's endorsement-chain action codes (PINT 3.0 `Transaction.actionCode`) the SDK produces. */
export type DcsaActionCode =
  | "ISSUE"
  | "TRANSFER"
  | "ENDORSE"
  | "ENDORSE_TO_ORDER"
  | "BLANK_ENDORSE"
  | "SURRENDER_FOR_DELIVERY"
  | "SURRENDER_FOR_AMENDMENT"
  | "SACC"
  | "SREJ"
  | "SIGN";

/** One link of a DCSA endorsement chain, shaped as PINT 3.0's `Transaction`. */
export interface DcsaTransaction {
  /** The DCSA action code. */
  actionCode: DcsaActionCode;
  /** The legal actor: the party whose act it is (see `EblHistoryEntry.actor`). */
  actor: DcsaParty;
  /** The designated recipient, when the action has one. */
  recipient?: DcsaParty;
  /** RFC 3339 UTC timestamp with milliseconds: the block time. */
  actionDateTime: string;
  /** DCSA reason of a SURRENDER_FOR_AMENDMENT: `SWTP` (switch to paper), or the reason code given with it. */
  reasonCode?: string;
  /** Free text; names the account that submitted the action when it is not the actor (at most 255 characters). */
  comments?: string;
  /** The transaction hash that recorded the action on chain. */
  auditReference: string;
}

/** Options of {@link toDcsaEndorsementChain}. */
export interface DcsaExportOptions {
  /**
   * Maps an address to its DCSA party (name, platform, codes); return `undefined` to use the default party: the
   * address as name, `eblPlatform`, and a W3C `did:pkh:eip155:<chainId>:<address>` identifying code.
   */
  party?: ((address: Address) => DcsaParty | undefined) | undefined;
  /** The eBL platform code of default parties (default `"ZZZ"`, DCSA's "mutually defined"). */
  eblPlatform?: string | undefined;
  /**
   * The action code of an endorsement to a named party. `"ENDORSE"` (default, the code the issue names) or
   * `"ENDORSE_TO_ORDER"`, DCSA's code for an endorsee that may endorse further, as an endorsee of a to-order eBL
   * here can.
   */
  endorseCode?: "ENDORSE" | "ENDORSE_TO_ORDER" | undefined;
}

/**
 * Exports an eBL's history as a DCSA endorsement chain: a list of PINT 3.0 `Transaction`s, oldest first.
 *
 * Mapping (following DCSA's `actionCode` definitions):
 * - ISSUE → `ISSUE` (carrier → shipper);
 * - TRANSFER → `TRANSFER`; ENDORSE → `ENDORSE` (or `ENDORSE_TO_ORDER`), and when delivered in the same action a
 *   `TRANSFER` to the endorsee follows; BLANK_ENDORSE → `BLANK_ENDORSE`;
 * - SURRENDER_FOR_DELIVERY / SURRENDER_FOR_AMENDMENT → the same codes (recipient: the carrier);
 * - the carrier's answers: SURRENDER_ACCEPTED → `SACC`, SURRENDER_REJECTED → `SREJ`; AMENDMENT_ISSUED → `SACC` of
 *   the surrender for amendment followed by `ISSUE` of the amended version (DCSA reissues an amended eBL);
 * - switch to paper, which DCSA treats as an amendment: the request → `SURRENDER_FOR_AMENDMENT` with reasonCode
 *   `SWTP` (recipient: the carrier), the carrier's confirmation → `SACC`, its refusal → `SREJ` (a withdrawal by the
 *   holder has no DCSA code and is left out);
 * - legal holds have no DCSA code and are left out;
 * - EXPORT and IMPORT (the eBL moving between the rails' registries on two chains) have no DCSA code and are left
 *   out: the record moves between two ledgers of one platform and no party acts in law (a receiver other than the
 *   exporting holder shows as the `holder` of the IMPORT in the other chain's history, not in this one).
 * So the chain has one transaction per history entry, except an endorse-and-deliver and an amendment (two each), and
 * a legal hold or a withdrawn switch to paper (none); {@link toDcsaTransactionsByEntry} shows the mapping entry by
 * entry.
 *
 * `actor` is the entry's legal actor (the party whose title or possession passes, never a contract acting for it);
 * DCSA has no field for the account that submitted the action, so when an operator submitted it for the actor,
 * `comments` says so ("Submitted by … for …"). `auditReference` is the transaction hash, `actionDateTime` the
 * block time.
 *
 * @param history What `ebl.history(tokenId)` returned.
 * @param options How to name parties and endorsements.
 */
export function toDcsaEndorsementChain(history: EblHistory, options: DcsaExportOptions = {}): DcsaTransaction[] {
  return toDcsaTransactionsByEntry(history, options).flatMap(({ transactions }) => transactions);
}

/** One history entry and the DCSA transactions it becomes (none, one or two). */
export interface DcsaTransactionsOfEntry {
  /** The history entry. */
  entry: EblHistoryEntry;
  /** Its DCSA transactions, in order (empty for an action DCSA has no code for). */
  transactions: DcsaTransaction[];
}

/**
 * The DCSA export of {@link toDcsaEndorsementChain}, entry by entry: which history entry became which DCSA
 * transactions, to explain why the chain is longer or shorter than the history.
 *
 * @param history What `ebl.history(tokenId)` returned.
 * @param options How to name parties and endorsements.
 */
export function toDcsaTransactionsByEntry(
  history: EblHistory,
  options: DcsaExportOptions = {},
): DcsaTransactionsOfEntry[] {
  const platform = options.eblPlatform ?? "ZZZ";
  const endorseCode = options.endorseCode ?? "ENDORSE";
  const party = (address: Address): DcsaParty =>
    options.party?.(address) ?? {
      partyName: address,
      eblPlatform: platform,
      identifyingCodes: [
        { codeListProvider: "W3C", partyCode: `did:pkh:eip155:${history.chainId}:${address}`, codeListName: "DID" },
      ],
    };
  const issuer = issuerOfTokenId(history.tokenId);
  return history.entries.map((entry) => {
    const transactions: DcsaTransaction[] = [];
    const submitted =
      entry.operator === null
        ? undefined
        : `Submitted by ${party(entry.operator).partyName} for ${party(entry.actor).partyName}.`;
    const link = (actionCode: DcsaActionCode, recipient: Address | null, extra: Partial<DcsaTransaction> = {}) => {
      const comments = [extra.comments, submitted].filter((text) => text !== undefined).join(" ");
      transactions.push({
        actionCode,
        actor: party(entry.actor),
        ...(recipient === null ? {} : { recipient: party(recipient) }),
        actionDateTime: entry.time.toISOString(),
        ...extra,
        ...(comments === "" ? {} : { comments: comments.slice(0, 255).trim() }),
        auditReference: entry.transactionHash,
      });
    };
    switch (entry.action) {
      case "ISSUE":
      case "TRANSFER":
        link(entry.action, entry.to);
        break;
      case "ENDORSE":
        link(endorseCode, entry.to);
        if (entry.delivered) link("TRANSFER", entry.to);
        break;
      case "BLANK_ENDORSE":
        link("BLANK_ENDORSE", null);
        break;
      case "SURRENDER_FOR_DELIVERY":
        link(entry.action, entry.to);
        break;
      case "SURRENDER_FOR_AMENDMENT":
        link(entry.action, entry.to, entry.reasonCode === undefined ? {} : { reasonCode: entry.reasonCode });
        break;
      case "SIGN":
        link("SIGN", null);
        break;
      case "TRANSFER_REJECTED":
        // DCSA has no code for a rejected delivery: the eBL (and the title, if it had moved) goes back to the sender.
        link("TRANSFER", entry.to, { comments: "Delivery rejected by the receiver; returned to the sender." });
        break;
      case "SURRENDER_ACCEPTED":
        link("SACC", entry.to);
        break;
      case "SURRENDER_REJECTED":
        link("SREJ", entry.to);
        break;
      case "AMENDMENT_ISSUED":
        link("SACC", entry.to, { comments: "Surrender for amendment accepted." });
        link("ISSUE", entry.to, { comments: `Amended version ${entry.version} issued.` });
        break;
      case "SWITCH_TO_PAPER_REQUESTED":
        link("SURRENDER_FOR_AMENDMENT", issuer, { reasonCode: "SWTP" });
        break;
      case "SWITCHED_TO_PAPER":
        link("SACC", entry.to, { comments: "Switch to paper confirmed." });
        break;
      case "SWITCH_TO_PAPER_CANCELLED":
        // Declined by the carrier: SREJ. Withdrawn by the holder: DCSA has no code for a withdrawal; left out.
        if (entry.actor === issuer) link("SREJ", entry.to, { comments: "Switch to paper declined." });
        break;
      case "LEGAL_HOLD_PLACED":
      case "LEGAL_HOLD_LIFTED":
      case "EXPORT":
      case "IMPORT":
        break; // no DCSA action code
    }
    return { entry, transactions };
  });
}
