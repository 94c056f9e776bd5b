import { keccak256, stringToBytes, zeroAddress, zeroHash, type Address, type Hex } from "viem";

import { billOfLadingRegistryAbi, eblLensAbi } from "./abi/index.js";
import { ContractNotConfiguredError } from "./addresses.js";
import { parseJsonText } from "./canonicalJson.js";
import { documentChecksum } from "./checksum.js";
import { billKinds, billStatuses, enumName, type BillKind, type BillStatus } from "./enums.js";
import { InvalidArgumentError } from "./errors.js";
import { assertAddress, assertBytes32, toUnixSeconds } from "./guards.js";
import { type EblHistory, type HistoryOptions } from "./history.js";
import { type EblHoldingsPage, type HeldByOptions } from "./indexerTypes.js";
import {
  action,
  chainTime,
  eip712DomainReader,
  readContract,
  senderOf,
  walletAccount,
  writeContract,
  type ContractContext,
  type WriteAction,
  type WriteCall,
  type WriteResult,
} from "./internal/contract.js";
import { encodeReference } from "./references.js";
import { signEblPermit } from "./signing.js";
import { assertTransportDocumentReference, eblTokenId } from "./tokenId.js";
import { validateTransportDocument, type TransportDocument } from "./transportDocument.js";

/** The result of a write on the eBL registry. */
export type EblWriteResult = WriteResult<typeof billOfLadingRegistryAbi>;

/** Everything the registry knows about an eBL, decoded. Addresses that are zero on chain are `null`. */
export interface EblBill {
  /** The token id. */
  tokenId: bigint;
  /** The issuing carrier; `null` if never issued. */
  issuer: Address | null;
  /** `straight` or `toOrder`. */
  kind: BillKind;
  /** The lifecycle status by name (`none` if never issued). */
  status: BillStatus;
  /** True while a legal hold freezes it. */
  onLegalHold: boolean;
  /** True while its holder is a custody / settlement contract exercising the title of the party it came from. */
  custodyForTitle: boolean;
  /** The document version: 1 at issuance, +1 per amendment. */
  version: number;
  /** The holder (party in exclusive control); `null` once burned or if never issued. */
  holder: Address | null;
  /** The title holder (consignee or last endorsee); `null` while blank endorsed or if never issued. */
  titleHolder: Address | null;
  /** The shipper of a straight B/L; `null` for to-order B/Ls. */
  shipper: Address | null;
  /** The DCSA checksum of the current document version. */
  documentHash: Hex;
  /** True for a live to-order eBL endorsed in blank (a bearer document). */
  isBlankEndorsed: boolean;
}

/** Issue an eBL from a DCSA eBL 3.0 transport document: reference, kind and checksum are taken from it. */
export interface EblIssueFromDocument {
  /**
   * The DCSA transport document, parsed or as its JSON text (parsed first, as {@link documentChecksum} and
   * `ebl.verifyDocument` take it), validated with {@link validateTransportDocument} before anything is sent.
   */
  document: unknown;
  /** The first holder: the shipper's address. */
  shipper: Address;
  /**
   * The initial title holder. To order: defaults to the shipper ("to order of shipper"); pass a bank for "to
   * order of" a bank. Straight: required, the consignee's address.
   */
  titleHolder?: Address | undefined;
}

/** Issue an eBL from explicit fields. */
export interface EblIssueExplicit {
  /** The first holder: the shipper's address. */
  shipper: Address;
  /** The carrier's B/L number: 1–20 bytes, no surrounding whitespace. */
  transportDocumentReference: string;
  /** `straight` or `toOrder`. */
  kind: BillKind;
  /** The consignee (straight) or the party to whose order it is made out (to order). */
  titleHolder: Address;
  /** The DCSA checksum of the transport document. */
  documentHash: Hex;
}

/** What `ebl.issue` returns: the write, plus the token id and document hash known before mining. */
export interface EblIssueResult extends EblWriteResult {
  /** The new eBL's token id (`eblTokenId(carrier, reference)`). */
  tokenId: bigint;
  /** The document hash stored. */
  documentHash: Hex;
}

/** A signed ERC-4494 permit for an eBL, ready for `ebl.permit` or a settlement. */
export interface EblPermit {
  /** The account allowed to move the eBL (a verified settlement or custody contract). */
  spender: Address;
  /** The eBL. */
  tokenId: bigint;
  /** The permit nonce it was signed with (the token's `nonces(tokenId)`). */
  nonce: bigint;
  /** Unix seconds after which the permit is refused. */
  deadline: bigint;
  /** The holder's signature. */
  signature: Hex;
}

/** What {@link EblNamespace.verifyDocument} found. */
export interface DocumentVerification {
  /** True when the document's checksum is the eBL's current document hash. */
  matches: boolean;
  /** The hash stored on chain (current version). */
  onChainHash: Hex;
  /** The checksum of the document given. */
  documentHash: Hex;
  /** The current version number on chain (0 if never issued). */
  version: number;
}

/** A token id argument. */
export interface TokenIdArg {
  /** The eBL's token id. */
  tokenId: bigint;
}

/** The holder actions of the registry's `act` entry, in the contract's order (`IBillOfLadingRegistry.HolderAction`). */
export const holderActions = [
  "transfer",
  "endorse",
  "blankEndorse",
  "endorseAndDeliver",
  "surrenderForDelivery",
  "surrenderForAmendment",
  "requestSwitchToPaper",
  "cancelSwitchToPaper",
  "sign",
  "rejectTransfer",
] as const;
/** A holder action of `ebl.act`. */
export type HolderAction = (typeof holderActions)[number];

/**
 * The hash the registry records for a remark (DCSA `comments`): keccak-256 of the text's UTF-8 bytes. The text must be
 * 1 to 255 characters without leading or trailing whitespace and without line breaks (DCSA pattern `^\S(?:.*\S)?$`);
 * it stays off chain, with whoever must read it.
 */
export function remarkHash(text: string): Hex {
  if (typeof text !== "string" || [...text].length > 255 || !/^\S(?:.*\S)?$/u.test(text)) {
    throw new InvalidArgumentError(
      "remark",
      text,
      "1 to 255 characters without leading or trailing whitespace or line breaks (DCSA comments)",
    );
  }
  return keccak256(stringToBytes(text));
}

/** Parameters of `ebl.act`. */
export interface EblActParams extends TokenIdArg {
  /** The action. */
  action: HolderAction;
  /** The receiver (`transfer`) or endorsee (`endorse`, `endorseAndDeliver`); unused otherwise. */
  party?: Address | undefined;
  /** The remark's text (hashed with {@link remarkHash}; the text is not sent). */
  remark?: string | undefined;
  /**
   * DCSA reason code: `COD` (change of destination), `SWI` (switch B/L) or `SWTP` (switch to paper) for a surrender
   * for amendment, `SWTP` for a switch to paper; any text of at most 32 bytes, or 32 bytes of hex.
   */
  reasonCode?: string | undefined;
}

/** The last delivery of an eBL its receiver may still reject (`ebl.rejectTransfer`), as the registry records it. */
export interface EblHandover {
  /** The holder that delivered, to whom a rejection returns the eBL. */
  from: Address;
  /** Last second (unix) of the rejection window. */
  deadline: bigint;
  /** The token's nonce right after the delivery: a later movement or permit ends the right to reject. */
  nonce: bigint;
  /** Whether the title moved too (endorse and deliver) and goes back on rejection. */
  titleMoved: boolean;
  /** Whether the title goes back to blank (the eBL was blank endorsed). */
  wasBlankEndorsed: boolean;
}

/** The `ebl` namespace: the registry of electronic bills of lading. */
export interface EblNamespace {
  /** The registry's address. */
  readonly address: Address;

  // ---------------------------------------------------------------- reads
  /** Everything about an eBL in one read. */
  bill(tokenId: bigint): Promise<EblBill>;
  /** The holder (party in exclusive control), `null` if never issued or burned. */
  holder(tokenId: bigint): Promise<Address | null>;
  /** The title holder, `null` while blank endorsed or if never issued. */
  titleHolder(tokenId: bigint): Promise<Address | null>;
  /** The lifecycle status by name. */
  status(tokenId: bigint): Promise<BillStatus>;
  /** The current document hash (DCSA checksum) and version. */
  document(tokenId: bigint): Promise<{ hash: Hex; version: number }>;
  /**
   * Whether `account` (holder or approved operator) could surrender the eBL now, as the EblLens answers it.
   * @throws {ContractNotConfiguredError} When `addresses.eblLens` was not given.
   */
  canSurrender(tokenId: bigint, account: Address): Promise<boolean>;
  /** Whether `account` could endorse the eBL now. */
  canEndorse(tokenId: bigint, account: Address): Promise<boolean>;
  /** The token id as the registry derives it (same as {@link eblTokenId}, read from the chain). */
  tokenIdOf(issuer: Address, transportDocumentReference: string): Promise<bigint>;
  /** The holder that surrendered the eBL while a surrender is pending, else `null`. */
  surrenderer(tokenId: bigint): Promise<Address | null>;
  /** The account approved for the eBL, or `null`. Reverts `ERC721NonexistentToken` if it does not exist. */
  getApproved(tokenId: bigint): Promise<Address | null>;
  /** Whether `operator` may move all of `holder`'s eBLs. */
  isApprovedForAll(holder: Address, operator: Address): Promise<boolean>;
  /** The nonce the next permit for `tokenId` must carry. */
  permitNonce(tokenId: bigint): Promise<bigint>;
  /** Whether the registry is paused. */
  paused(): Promise<boolean>;
  /**
   * Whether `document` (parsed, or as JSON text) is the eBL's current version: its DCSA checksum equals the hash on
   * chain. It is not validated: any JSON value is hashed.
   * @throws {CanonicalJsonError} When the document is not JSON (or the text does not parse).
   */
  verifyDocument(tokenId: bigint, document: unknown): Promise<DocumentVerification>;
  /**
   * The eBL's whole history rebuilt from the registry's events, read in block ranges (default 10 000 blocks) so
   * that public RPC providers accept the queries, from the client's `deploymentBlock` (or 0) unless `fromBlock` is
   * given. Export it with {@link toDcsaEndorsementChain}.
   */
  history(tokenId: bigint, options?: HistoryOptions): Promise<EblHistory>;
  /**
   * The eBLs `holder` holds, by token id, a page at a time. With `indexerUrl` configured it asks the indexer;
   * without, it scans the registry's `Transfer` logs to `holder` from the deployment block and reads each token's
   * record (fine on a local node, slow on a long public chain: configure an indexer there).
   */
  heldBy(holder: Address, options?: HeldByOptions): Promise<EblHoldingsPage>;

  // ---------------------------------------------------------------- carrier
  /**
   * Issues an eBL (version 1) to the shipper, from a DCSA transport document (parsed when given as JSON text;
   * validated; its checksum computed; its reference and kind taken from it) or from explicit fields. Carrier with
   * `ISSUER_ROLE` only.
   * @throws {TransportDocumentValidationError} When the document fails validation (nothing is sent).
   * @throws {CanonicalJsonError} When the document is text that is not JSON (nothing is sent).
   */
  issue: WriteAction<[params: EblIssueFromDocument | EblIssueExplicit], EblIssueResult>;
  /** Accepts a surrender for delivery: the eBL is accomplished and burned. Issuing carrier only. */
  acceptSurrender: WriteAction<[params: TokenIdArg], EblWriteResult>;
  /** Rejects a pending surrender: the eBL goes back to the surrenderer. Issuing carrier only. */
  rejectSurrender: WriteAction<[params: TokenIdArg], EblWriteResult>;
  /**
   * Answers a surrender for amendment with the amended document (parsed or as JSON text, validated like `issue`'s)
   * or its checksum: version + 1, back to the holder. Issuing carrier only.
   * @throws {TransportDocumentValidationError} When the document fails validation (nothing is sent).
   * @throws {CanonicalJsonError} When the document is text that is not JSON (nothing is sent).
   */
  issueAmendment: WriteAction<[params: TokenIdArg & ({ document: unknown } | { documentHash: Hex })], EblWriteResult>;
  /** Confirms a switch to paper: the eBL is burned for good. Issuing carrier only. */
  confirmSwitchToPaper: WriteAction<[params: TokenIdArg], EblWriteResult>;

  // ---------------------------------------------------------------- holder
  /**
   * Transfers possession (DCSA TRANSFER); title does not move. `from` defaults to the current holder; `safe`
   * (default true) uses `safeTransferFrom`, which a contract receiver must accept.
   */
  transfer: WriteAction<
    [params: TokenIdArg & { to: Address; from?: Address | undefined; safe?: boolean }],
    EblWriteResult
  >;
  /** Endorses a to-order eBL to a named endorsee; the holder keeps possession. */
  endorse: WriteAction<[params: TokenIdArg & { endorsee: Address }], EblWriteResult>;
  /** Endorses a to-order eBL in blank: it becomes a bearer document. */
  blankEndorse: WriteAction<[params: TokenIdArg], EblWriteResult>;
  /** Endorses to `endorsee` and delivers possession to it in one transaction. */
  endorseAndDeliver: WriteAction<[params: TokenIdArg & { endorsee: Address }], EblWriteResult>;
  /** Surrenders the eBL to its carrier for delivery of the goods. */
  surrenderForDelivery: WriteAction<[params: TokenIdArg], EblWriteResult>;
  /** Surrenders the eBL to its carrier for an amendment. */
  surrenderForAmendment: WriteAction<[params: TokenIdArg], EblWriteResult>;
  /** Asks the carrier to switch the eBL to paper; it is frozen meanwhile. */
  requestSwitchToPaper: WriteAction<[params: TokenIdArg], EblWriteResult>;
  /** Withdraws (holder) or declines (carrier) a pending switch to paper. */
  cancelSwitchToPaper: WriteAction<[params: TokenIdArg], EblWriteResult>;
  /**
   * One holder action with a remark and a reason code (events as the named action, then `Remarked`). A `transfer` or
   * `endorseAndDeliver` the holder makes itself (not a custodian, not an operator) may be rejected by its receiver
   * within 7 days (`rejectTransfer`); the transfer is the plain `transferFrom` (no `onERC721Received`).
   */
  act: WriteAction<[params: EblActParams], EblWriteResult>;
  /** SIGN: the holder signs the eBL in its possession (event `Signed`). */
  sign: WriteAction<[params: TokenIdArg & { remark?: string | undefined }], EblWriteResult>;
  /** Rejects the last delivery within its window: the eBL (and the title if it moved) goes back to the sender. */
  rejectTransfer: WriteAction<[params: TokenIdArg & { remark?: string | undefined }], EblWriteResult>;
  /** The last rejectable delivery recorded for the eBL, or null if none ever was. */
  handover(tokenId: bigint): Promise<EblHandover | null>;
  /** Approves a verified settlement or custody contract for the eBL (`operator: null` clears the approval). */
  approve: WriteAction<[params: TokenIdArg & { operator: Address | null }], EblWriteResult>;
  /** Approves (or revokes) a verified settlement or custody contract for all of the caller's eBLs. */
  setApprovalForAll: WriteAction<[params: { operator: Address; approved: boolean }], EblWriteResult>;
  /**
   * Signs (off-chain, no gas) an ERC-4494 permit letting `spender` move the eBL; the wallet must be the holder's.
   * `deadline` defaults to one hour after the chain's current time.
   */
  signPermit(params: TokenIdArg & { spender: Address; deadline?: bigint | Date | undefined }): Promise<EblPermit>;
  /** Submits a signed permit (anyone may). */
  permit: WriteAction<[permit: EblPermit], EblWriteResult>;

  // ---------------------------------------------------------------- authorities
  /** Places a legal hold (`LEGAL_HOLD_ROLE`); `reasonCode` is text (≤ 32 bytes) or 32 bytes of hex. */
  placeLegalHold: WriteAction<[params: TokenIdArg & { reasonCode: string }], EblWriteResult>;
  /** Lifts a legal hold (`LEGAL_HOLD_ROLE`). */
  liftLegalHold: WriteAction<[params: TokenIdArg & { reasonCode: string }], EblWriteResult>;
  /** Pauses every movement and lifecycle action (`PAUSER_ROLE`). */
  pause: WriteAction<[], EblWriteResult>;
  /** Ends a pause (`PAUSER_ROLE`). */
  unpause: WriteAction<[], EblWriteResult>;
}

const orNull = (address: Address): Address | null => (address === zeroAddress ? null : address);

/** A transport document given parsed or as JSON text, validated (text is parsed first, as documentChecksum does). */
async function validDocument(document: unknown): Promise<TransportDocument> {
  return validateTransportDocument(typeof document === "string" ? parseJsonText(document) : document);
}

/** @internal Checks a token id argument. */
export function assertTokenId(value: unknown, argument = "tokenId"): bigint {
  if (typeof value !== "bigint" || value < 0n || value >= 1n << 256n) {
    throw new InvalidArgumentError(argument, value, "a uint256 token id as a bigint");
  }
  return value;
}

function tokenIdOfParams(params: TokenIdArg | undefined): bigint {
  if (typeof params !== "object" || params === null) {
    throw new InvalidArgumentError("params", params, "an object { tokenId, ... }");
  }
  return assertTokenId(params.tokenId);
}

/** @internal Builds the namespace; use {@link createCargoRails}. */
export function createEbl(
  ctx: ContractContext<typeof billOfLadingRegistryAbi>,
  defaults: { historyFromBlock?: bigint | undefined; lens?: Address | undefined; indexerUrl?: string | undefined } = {},
): EblNamespace {
  const domain = eip712DomainReader(ctx);
  const simple = (
    name:
      | "acceptSurrender"
      | "rejectSurrender"
      | "confirmSwitchToPaper"
      | "blankEndorse"
      | "surrenderForDelivery"
      | "surrenderForAmendment"
      | "requestSwitchToPaper"
      | "cancelSwitchToPaper",
  ) =>
    action(1, async (call, params: TokenIdArg) =>
      writeContract(ctx, `ebl.${name}`, name, [tokenIdOfParams(params)], call),
    );

  const act = async (call: WriteCall, params: EblActParams) => {
    const tokenId = tokenIdOfParams(params);
    const index = holderActions.indexOf(params.action);
    if (index < 0) throw new InvalidArgumentError("action", params.action, `one of ${holderActions.join(", ")}`);
    const party = params.party === undefined ? zeroAddress : assertAddress(params.party, "party");
    const reason = params.reasonCode === undefined ? zeroHash : encodeReference(params.reasonCode, "reasonCode");
    const remark = params.remark === undefined ? zeroHash : remarkHash(params.remark);
    return writeContract(ctx, `ebl.${params.action}`, "act", [tokenId, index, party, reason, remark], call);
  };

  const ns: EblNamespace = {
    address: ctx.address,

    async bill(tokenId) {
      const id = assertTokenId(tokenId);
      const b = await readContract(ctx, "billOf", [id]);
      const kind = enumName(billKinds, b.kind);
      const status = enumName(billStatuses, b.status);
      const live =
        status !== "none" && status !== "accomplished" && status !== "switchedToPaper" && status !== "exported";
      return {
        tokenId: id,
        issuer: orNull(b.issuer),
        kind,
        status,
        onLegalHold: b.onLegalHold,
        custodyForTitle: b.custodyForTitle,
        version: b.version,
        holder: orNull(b.holder),
        titleHolder: orNull(b.titleHolder),
        shipper: orNull(b.shipper),
        documentHash: b.documentHash,
        isBlankEndorsed: live && kind === "toOrder" && b.titleHolder === zeroAddress,
      };
    },
    holder: async (tokenId) => orNull(await readContract(ctx, "holderOf", [assertTokenId(tokenId)])),
    titleHolder: async (tokenId) => orNull(await readContract(ctx, "titleHolderOf", [assertTokenId(tokenId)])),
    status: async (tokenId) =>
      enumName(billStatuses, (await readContract(ctx, "billOf", [assertTokenId(tokenId)])).status),
    async document(tokenId) {
      const [hash, version] = await readContract(ctx, "documentOf", [assertTokenId(tokenId)]);
      return { hash, version };
    },
    canSurrender: async (tokenId, account) => {
      const args = [ctx.address, assertTokenId(tokenId), assertAddress(account, "account")] as const;
      if (defaults.lens === undefined) {
        throw new ContractNotConfiguredError("ebl.canSurrender", "eBL lens (addresses.eblLens)");
      }
      return readContract({ ...ctx, address: defaults.lens, abi: eblLensAbi }, "canSurrender", args);
    },
    canEndorse: async (tokenId, account) =>
      readContract(ctx, "canEndorse", [assertTokenId(tokenId), assertAddress(account, "account")]),
    tokenIdOf: async (issuer, reference) =>
      readContract(ctx, "tokenIdOf", [assertAddress(issuer, "issuer"), reference]),
    surrenderer: async (tokenId) => orNull(await readContract(ctx, "surrendererOf", [assertTokenId(tokenId)])),
    getApproved: async (tokenId) => orNull(await readContract(ctx, "getApproved", [assertTokenId(tokenId)])),
    isApprovedForAll: async (holder, operator) =>
      readContract(ctx, "isApprovedForAll", [assertAddress(holder, "holder"), assertAddress(operator, "operator")]),
    permitNonce: async (tokenId) => readContract(ctx, "nonces", [assertTokenId(tokenId)]),
    paused: async () => readContract(ctx, "paused", []),

    async verifyDocument(tokenId, document) {
      const documentHash = documentChecksum(document);
      const { hash, version } = await ns.document(tokenId);
      return { matches: version > 0 && hash === documentHash, onChainHash: hash, documentHash, version };
    },
    // The history's reader is loaded on first use (`import()`): a browser bundle carries it in a chunk of its own.
    // With an indexer, a whole history (no range, page or cursor) is read from it; both readers load on first use.
    history: async (tokenId, options) =>
      defaults.indexerUrl !== undefined && Object.values(options ?? {}).every((v) => v === undefined)
        ? (await import("./indexer.js")).historyFromIndexer(defaults.indexerUrl, ctx, assertTokenId(tokenId), defaults)
        : (await import("./internal/historyReader.js")).readEblHistory(ctx, assertTokenId(tokenId), {
            ...options,
            fromBlock: options?.fromBlock ?? defaults.historyFromBlock,
          }),
    heldBy: async (holder, options) => (await import("./indexer.js")).heldBy(ctx, ns.bill, defaults, holder, options),

    issue: action(1, async (call, params) => {
      if (typeof params !== "object" || params === null) {
        throw new InvalidArgumentError("params", params, "{ document, shipper, titleHolder? } or explicit fields");
      }
      const account = senderOf(ctx, "ebl.issue", call);
      const shipper = assertAddress(params.shipper, "shipper");
      let reference: string;
      let kind: BillKind;
      let titleHolder: Address;
      let documentHash: Hex;
      if ("document" in params) {
        const document = await validDocument(params.document);
        reference = document.transportDocumentReference;
        kind = document.isToOrder ? "toOrder" : "straight";
        if (params.titleHolder === undefined && kind === "straight") {
          throw new InvalidArgumentError(
            "titleHolder",
            undefined,
            "the consignee's address for a straight B/L",
            "A straight B/L names its consignee for good: pass the address of the document's consignee.",
          );
        }
        titleHolder = assertAddress(params.titleHolder ?? shipper, "titleHolder");
        documentHash = documentChecksum(document);
      } else {
        reference = params.transportDocumentReference;
        kind = params.kind;
        if (!billKinds.includes(kind)) throw new InvalidArgumentError("kind", kind, '"straight" or "toOrder"');
        titleHolder = assertAddress(params.titleHolder, "titleHolder");
        documentHash = assertBytes32(params.documentHash, "documentHash");
      }
      assertTransportDocumentReference(reference);
      const result = await writeContract(
        ctx,
        "ebl.issue",
        "issue",
        [shipper, reference, billKinds.indexOf(kind), titleHolder, documentHash],
        call,
      );
      return { ...result, tokenId: eblTokenId(account, reference), documentHash };
    }),
    acceptSurrender: simple("acceptSurrender"),
    rejectSurrender: simple("rejectSurrender"),
    issueAmendment: action(1, async (call, params) => {
      const tokenId = tokenIdOfParams(params);
      const hash =
        "document" in params
          ? documentChecksum(await validDocument(params.document))
          : assertBytes32(params.documentHash, "documentHash");
      return writeContract(ctx, "ebl.issueAmendment", "issueAmendment", [tokenId, hash], call);
    }),
    confirmSwitchToPaper: simple("confirmSwitchToPaper"),

    transfer: action(1, async (call, params) => {
      const tokenId = tokenIdOfParams(params);
      const to = assertAddress(params.to, "to");
      let from: Address;
      if (params.from !== undefined) {
        from = assertAddress(params.from, "from");
      } else {
        senderOf(ctx, "ebl.transfer", call);
        const holder = await ns.holder(tokenId);
        if (holder === null) throw new InvalidArgumentError("tokenId", tokenId, "a live eBL (it has no holder)");
        from = holder;
      }
      return params.safe === false
        ? writeContract(ctx, "ebl.transfer", "transferFrom", [from, to, tokenId], call)
        : writeContract(ctx, "ebl.transfer", "safeTransferFrom", [from, to, tokenId], call);
    }),
    endorse: action(1, async (call, params) =>
      writeContract(
        ctx,
        "ebl.endorse",
        "endorse",
        [tokenIdOfParams(params), assertAddress(params.endorsee, "endorsee")],
        call,
      ),
    ),
    blankEndorse: simple("blankEndorse"),
    endorseAndDeliver: action(1, async (call, params) =>
      writeContract(
        ctx,
        "ebl.endorseAndDeliver",
        "endorseAndDeliver",
        [tokenIdOfParams(params), assertAddress(params.endorsee, "endorsee")],
        call,
      ),
    ),
    surrenderForDelivery: simple("surrenderForDelivery"),
    surrenderForAmendment: simple("surrenderForAmendment"),
    requestSwitchToPaper: simple("requestSwitchToPaper"),
    cancelSwitchToPaper: simple("cancelSwitchToPaper"),
    act: action(1, act),
    sign: action(1, async (call, params) => act(call, { ...params, action: "sign" })),
    rejectTransfer: action(1, async (call, params) => act(call, { ...params, action: "rejectTransfer" })),
    async handover(tokenId) {
      const h = await readContract(ctx, "handoverOf", [assertTokenId(tokenId)]);
      if (h.deadline === 0) return null;
      return { ...h, deadline: BigInt(h.deadline), nonce: BigInt(h.nonce) };
    },
    approve: action(1, async (call, params) =>
      writeContract(
        ctx,
        "ebl.approve",
        "approve",
        [
          params?.operator === null ? zeroAddress : assertAddress(params?.operator, "operator"),
          tokenIdOfParams(params),
        ],
        call,
      ),
    ),
    setApprovalForAll: action(1, async (call, params) => {
      if (typeof params?.approved !== "boolean") {
        throw new InvalidArgumentError("approved", params?.approved, "a boolean");
      }
      return writeContract(
        ctx,
        "ebl.setApprovalForAll",
        "setApprovalForAll",
        [assertAddress(params.operator, "operator"), params.approved],
        call,
      );
    }),
    async signPermit(params) {
      const tokenId = tokenIdOfParams(params);
      const spender = assertAddress(params.spender, "spender");
      const { wallet } = walletAccount(ctx, "ebl.signPermit");
      const deadline =
        params.deadline === undefined
          ? (await chainTime(ctx.publicClient)) + 3600n
          : toUnixSeconds(params.deadline, "deadline");
      const nonce = await ns.permitNonce(tokenId);
      const signature = await signEblPermit(wallet, { domain: await domain(), spender, tokenId, nonce, deadline });
      return { spender, tokenId, nonce, deadline, signature };
    },
    permit: action(1, async (call, permit) =>
      writeContract(
        ctx,
        "ebl.permit",
        "permit",
        [assertAddress(permit?.spender, "spender"), tokenIdOfParams(permit), permit.deadline, permit.signature],
        call,
      ),
    ),

    placeLegalHold: action(1, async (call, params) =>
      writeContract(
        ctx,
        "ebl.placeLegalHold",
        "placeLegalHold",
        [tokenIdOfParams(params), encodeReference(params.reasonCode, "reasonCode")],
        call,
      ),
    ),
    liftLegalHold: action(1, async (call, params) =>
      writeContract(
        ctx,
        "ebl.liftLegalHold",
        "liftLegalHold",
        [tokenIdOfParams(params), encodeReference(params.reasonCode, "reasonCode")],
        call,
      ),
    ),
    pause: action(0, async (call) => writeContract(ctx, "ebl.pause", "pause", [], call)),
    unpause: action(0, async (call) => writeContract(ctx, "ebl.unpause", "unpause", [], call)),
  };
  return ns;
}
