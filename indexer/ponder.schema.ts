/**
 * The indexer's tables (Ponder `onchainTable`s). Addresses are stored checksummed as the chain reads return them;
 * amounts, token ids and block numbers as bigints; one row per chain object, and one row per registry action.
 */
import { index, onchainTable, primaryKey } from "ponder";

/** One eBL of the registry: its state after the last indexed action. */
export const ebl = onchainTable(
  "ebl",
  (t) => ({
    tokenId: t.bigint().primaryKey(),
    /** The chain the registry is on. */
    chainId: t.integer().notNull(),
    /** The registry holding the record. */
    registry: t.hex().notNull(),
    issuer: t.hex().notNull(),
    kind: t.text().notNull(),
    status: t.text().notNull(),
    onLegalHold: t.boolean().notNull(),
    holder: t.hex(),
    titleHolder: t.hex(),
    version: t.integer().notNull(),
    documentHash: t.hex().notNull(),
    transportDocumentReference: t.text().notNull(),
    /** Where the eBL lives: this chain while live here, the destination chain id while exported (when known). */
    livesOnChainId: t.integer(),
    /** The other eBL platform's PINT code (e.g. "CARX") while exported there through the platform gateway; else null. */
    livesOnPlatform: t.text(),
    /** The number of chain entries. */
    actions: t.integer().notNull(),
    issuedAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
    /** The registry events of this eBL, kept to rebuild its chain when a later action reveals a custodian. */
    events: t.json().notNull(),
  }),
  (table) => ({
    holderIndex: index().on(table.holder),
    titleHolderIndex: index().on(table.titleHolder),
    issuerIndex: index().on(table.issuer),
  }),
);

/** One registry action of one eBL, as `ebl.history` returns it (`seq` is its position, from 0). */
export const chainEntry = onchainTable(
  "chain_entry",
  (t) => ({
    tokenId: t.bigint().notNull(),
    seq: t.integer().notNull(),
    action: t.text().notNull(),
    eventName: t.text().notNull(),
    actor: t.hex().notNull(),
    operator: t.hex(),
    from: t.hex(),
    to: t.hex(),
    holder: t.hex(),
    titleHolder: t.hex(),
    /** The keccak-256 of the remark text when the actor gave one (the text stays off chain). */
    remarkHash: t.hex(),
    /** The DCSA reason code given with the action (a surrender for amendment, a switch to paper), when one was. */
    reasonCode: t.hex(),
    /** What the action carries beyond the common fields (kind, documentHash, version, reasonCode, ...), as JSON. */
    details: t.json().notNull(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.tokenId, table.seq] }),
    actorIndex: index().on(table.actor),
    timeIndex: index().on(table.blockTimestamp),
  }),
);

/** One participant of the register. */
export const participant = onchainTable("participant", (t) => ({
  account: t.hex().primaryKey(),
  active: t.boolean().notNull(),
  /** The kinds bit set, as on chain. */
  kinds: t.integer().notNull(),
  /** ISO 3166-1 alpha-2, as text. */
  jurisdiction: t.text().notNull(),
  validUntil: t.bigint().notNull(),
  kycReference: t.hex().notNull(),
  updatedBy: t.hex().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** One account's balance of one tokenized deposit. */
export const depositBalance = onchainTable(
  "deposit_balance",
  (t) => ({
    token: t.hex().notNull(),
    account: t.hex().notNull(),
    balance: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.token, table.account] }), accountIndex: index().on(table.account) }),
);

/** One tokenized deposit's supply. */
export const depositSupply = onchainTable("deposit_supply", (t) => ({
  token: t.hex().primaryKey(),
  totalSupply: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** One movement of a tokenized deposit: every ERC-20 Transfer. */
export const depositMovement = onchainTable(
  "deposit_movement",
  (t) => ({
    id: t.text().primaryKey(),
    token: t.hex().notNull(),
    from: t.hex().notNull(),
    to: t.hex().notNull(),
    amount: t.bigint().notNull(),
    /** mint, burn or transfer. */
    kind: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({
    tokenTime: index().on(table.token, table.blockTimestamp),
    fromIndex: index().on(table.from),
    toIndex: index().on(table.to),
  }),
);

/** One delivery-versus-payment settlement (signed, escrowed or cross-bank). */
export const settlement = onchainTable(
  "settlement",
  (t) => ({
    termsHash: t.hex().primaryKey(),
    /** The contract that settled it. */
    contract: t.hex().notNull(),
    seller: t.hex().notNull(),
    buyer: t.hex().notNull(),
    registry: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    paymentToken: t.hex().notNull(),
    amount: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ timeIndex: index().on(table.blockTimestamp), tokenIndex: index().on(table.tokenId) }),
);

/** One escrowed deal and where it stands. */
export const deal = onchainTable("deal", (t) => ({
  dealId: t.hex().primaryKey(),
  creator: t.hex().notNull(),
  seller: t.hex().notNull(),
  buyer: t.hex().notNull(),
  registry: t.hex().notNull(),
  tokenId: t.bigint().notNull(),
  paymentToken: t.hex().notNull(),
  amount: t.bigint().notNull(),
  deadline: t.bigint().notNull(),
  eblDeposited: t.boolean().notNull(),
  paid: t.bigint().notNull(),
  /** open, settled, cancelled. */
  status: t.text().notNull(),
  createdAt: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** A bank reference on a tokenized deposit: a mint's or burn's booking, a redemption's payout, a forced transfer's reason. */
export const depositReference = onchainTable(
  "deposit_reference",
  (t) => ({
    id: t.text().primaryKey(),
    token: t.hex().notNull(),
    /** Minted, Burned, RedemptionRequested, ForcedTransfer, PaymentReference. */
    eventName: t.text().notNull(),
    /** The account whose balance the event names: the payer of a payment reference. */
    account: t.hex().notNull(),
    amount: t.bigint().notNull(),
    reference: t.hex().notNull(),
    /** The other side of a movement (the payee of a payment reference, the receiver of a forced transfer), if any. */
    counterparty: t.hex(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ referenceIndex: index().on(table.reference), tokenIndex: index().on(table.token) }),
);

/** The latest export of one eBL to another eBL platform through the platform gateway (as its `exportOf` returns it). */
export const platformExport = onchainTable(
  "platform_export",
  (t) => ({
    tokenId: t.bigint().primaryKey(),
    /** The holder that locked it: it gets the eBL back on a cancel or a reclaim. */
    holder: t.hex().notNull(),
    /** The title holder when it was locked (the zero address if blank endorsed). */
    titleHolder: t.hex().notNull(),
    /** The receiving platform's PINT code, decoded from its ASCII bytes32 (e.g. "CARX"). */
    platform: t.text().notNull(),
    envelopeReference: t.hex().notNull(),
    /** locked, completed, cancelled or returned (the SDK's `pintGateway.exportOf` names). */
    status: t.text().notNull(),
    /** SHA-256 of the receiver's signed response that completed or cancelled it; null while locked or after a reclaim. */
    responseHash: t.hex(),
    lockedAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ holderIndex: index().on(table.holder), statusIndex: index().on(table.status) }),
);

/** One import of an eBL from another eBL platform through the platform gateway, by its last chain entry's checksum. */
export const platformImport = onchainTable(
  "platform_import",
  (t) => ({
    /** SHA-256 of the last entry of the accepted envelope's transfer chain (the gateway's `importedUnder` key). */
    lastChainEntryChecksum: t.hex().primaryKey(),
    tokenId: t.bigint().notNull(),
    holder: t.hex().notNull(),
    /** The sending platform's PINT code, decoded. */
    platform: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ tokenIndex: index().on(table.tokenId) }),
);
