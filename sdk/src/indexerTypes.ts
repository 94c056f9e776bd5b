import { type Address, type Hex } from "viem";

import { type BillKind, type BillStatus } from "./enums.js";
import { CargoRailsError } from "./errors.js";

/** Which page of {@link EblNamespace.heldBy} to read. */
export interface HeldByOptions {
  /** The page, from 0 (default 0). */
  page?: number | undefined;
  /** eBLs per page, 1 to 1000 (default 100). */
  pageSize?: number | undefined;
}

/** An eBL an account holds, as the indexer and the chain scan both return it. */
export interface EblHolding {
  /** The token id. */
  tokenId: bigint;
  /** The issuing carrier. */
  issuer: Address;
  /** `straight` or `toOrder`. */
  kind: BillKind;
  /** The lifecycle status by name. */
  status: BillStatus;
  /** True while a legal hold freezes it. */
  onLegalHold: boolean;
  /** The holder (the account asked about). */
  holder: Address;
  /** The title holder; `null` while blank endorsed. */
  titleHolder: Address | null;
  /** The document version: 1 at issuance, +1 per amendment. */
  version: number;
  /** The DCSA checksum of the current document version. */
  documentHash: Hex;
}

/** One page of the eBLs an account holds, by token id. */
export interface EblHoldingsPage {
  /** The eBLs on this page, by ascending token id. */
  items: EblHolding[];
  /** This page's number. */
  page: number;
  /** The next page's number, or `null` when this is the last. */
  nextPage: number | null;
  /** Where it was read: `"indexer"` or `"chain"` (a scan of the registry's Transfer logs). */
  source: "indexer" | "chain";
}

/** The indexer could not be read, or answered with something else than the rails' API. */
export class IndexerRequestError extends CargoRailsError {
  override name = "IndexerRequestError";
  /** The URL requested. */
  readonly url: string;
  /** The HTTP status, when the indexer answered. */
  readonly status: number | undefined;

  constructor(url: string, options: { status?: number | undefined; details?: string | undefined; cause?: unknown }) {
    super(
      `The indexer at ${url} could not be read${options.status === undefined ? "" : ` (HTTP ${options.status})`}.`,
      {
        details: options.details,
        hint: "Check that the indexer runs (`npm run indexer`) and `indexerUrl` points at it, or leave `indexerUrl` out to read the chain.",
        cause: options.cause,
      },
    );
    this.url = url;
    this.status = options.status;
  }
}
