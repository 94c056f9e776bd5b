/**
 * The indexing functions: each event updates the rows it changes. Registry events rebuild their eBL's chain (see
 * `chain.ts`) and write the entries that changed; deposit transfers move balances and supply; settlements and deals
 * are recorded as they happen.
 */
import { ponder, type Context, type Event } from "ponder:registry";
import {
  chainEntry,
  deal,
  depositBalance,
  depositMovement,
  depositReference,
  depositSupply,
  ebl,
  participant,
  platformExport,
  platformImport,
  settlement,
} from "ponder:schema";
import { getAddress, hexToString, zeroAddress, type Address, type Hex } from "viem";

import { chainOf, issuerOfTokenId, type ChainEntryRow, type StoredEvent } from "./chain.js";

const STATUS: Record<string, string | undefined> = {
  BillIssued: "issued",
  SurrenderAccepted: "accomplished",
  SurrenderRejected: "issued",
  AmendmentIssued: "issued",
  SwitchToPaperRequested: "switchToPaperRequested",
  SwitchToPaperCancelled: "issued",
  SwitchedToPaper: "switchedToPaper",
  BillExported: "exported",
  BillImported: "issued",
  TransferRejected: "issued",
};

const REGISTRY_EVENTS = [
  "BillIssued",
  "PossessionTransferred",
  "Endorsed",
  "BlankEndorsed",
  "Surrendered",
  "SurrenderAccepted",
  "SurrenderRejected",
  "AmendmentIssued",
  "SwitchToPaperRequested",
  "SwitchToPaperCancelled",
  "SwitchedToPaper",
  "LegalHoldPlaced",
  "LegalHoldLifted",
  "BillExported",
  "BillImported",
] as const;

type RegistryEventName = (typeof REGISTRY_EVENTS)[number] | "Signed" | "TransferRejected";
type RegistryEvent = Event<`Registry:${(typeof REGISTRY_EVENTS)[number]}`> | Event<"RegistryActs:Signed">;

const sameEntry = (a: ChainEntryRow, b: ChainEntryRow) =>
  JSON.stringify(a, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ===
  JSON.stringify(b, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/** Writes the entries of `after` that differ from `before` (a rebuilt chain changes only entries it reinterprets). */
async function writeChain(context: Context, tokenId: bigint, before: ChainEntryRow[], after: ChainEntryRow[]) {
  for (const [seq, entry] of after.entries()) {
    const previous = before[seq];
    if (previous !== undefined && sameEntry(previous, entry)) continue;
    await context.db
      .insert(chainEntry)
      .values({ tokenId, seq, ...entry })
      .onConflictDoUpdate({ ...entry });
  }
}

/** Event arguments as the SDK reads them: addresses checksummed (Ponder's are lower case). */
const checksummed = (args: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(args).map(([key, value]) => [
      key,
      typeof value === "string" && /^0x[0-9a-f]{40}$/.test(value) ? getAddress(value) : value,
    ]),
  ) as Record<string, string | number | boolean>;

async function onRegistryEvent(
  eventName: RegistryEventName,
  { event, context }: { event: RegistryEvent; context: Context },
) {
  const { tokenId, ...rest } = event.args as { tokenId: bigint } & Record<string, unknown>;
  const stored: StoredEvent = {
    eventName,
    args: checksummed(rest),
    blockNumber: event.block.number.toString(),
    blockTimestamp: event.block.timestamp.toString(),
    transactionHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  };
  const row = await context.db.find(ebl, { tokenId });
  const events = [...((row?.events as StoredEvent[] | undefined) ?? []), stored];
  const before = row === null ? [] : chainOf(tokenId, events.slice(0, -1));
  const after = chainOf(tokenId, events);
  await writeChain(context, tokenId, before, after);
  const last = after[after.length - 1]!;
  const a = stored.args as Record<string, unknown>;
  const status =
    eventName === "Surrendered"
      ? a.forAmendment
        ? "surrenderedForAmendment"
        : "surrenderedForDelivery"
      : STATUS[eventName];
  const update = {
    holder: last.holder,
    titleHolder: last.titleHolder,
    actions: after.length,
    updatedAt: event.block.timestamp,
    updatedBlock: event.block.number,
    events,
    ...(status === undefined ? {} : { status }),
    ...(eventName === "LegalHoldPlaced" ? { onLegalHold: true } : {}),
    ...(eventName === "LegalHoldLifted" ? { onLegalHold: false } : {}),
    ...(eventName === "AmendmentIssued" || eventName === "BillImported"
      ? { documentHash: a.documentHash as Hex, version: a.version as number }
      : {}),
    ...(eventName === "BillImported" ? { livesOnChainId: context.chain.id, livesOnPlatform: null } : {}),
  };
  if (row === null) {
    const issued = eventName === "BillIssued";
    await context.db.insert(ebl).values({
      tokenId,
      chainId: context.chain.id,
      registry: event.log.address,
      issuer: issued ? (a.issuer as Address) : issuerOfTokenId(tokenId),
      kind: issued ? (last.details.kind as string) : "toOrder",
      status: "issued",
      onLegalHold: false,
      version: issued ? 1 : 0,
      documentHash: (a.documentHash as Hex | undefined) ?? "0x",
      transportDocumentReference: issued ? (a.transportDocumentReference as string) : "",
      livesOnChainId: context.chain.id,
      issuedAt: event.block.timestamp,
      ...update,
    });
  } else {
    await context.db.update(ebl, { tokenId }).set(update);
  }
}

const issuerOf = (tokenId: bigint): Address => `0x${(tokenId >> 96n).toString(16).padStart(40, "0")}` as Address;

for (const name of REGISTRY_EVENTS) {
  ponder.on(`Registry:${name}`, ((args: { event: RegistryEvent; context: Context }) =>
    onRegistryEvent(name, args)) as never);
}

for (const name of ["Signed", "TransferRejected"] as const) {
  ponder.on(`RegistryActs:${name}`, ((args: { event: RegistryEvent; context: Context }) =>
    onRegistryEvent(name, args)) as never);
}

// A remark (and reason code) belongs to the action its transaction just recorded for the eBL.
ponder.on("RegistryActs:Remarked", async ({ event, context }) => {
  const { tokenId, remarkHash, reasonCode } = event.args;
  const row = await context.db.find(ebl, { tokenId });
  if (row === null) return;
  const events = structuredClone(row.events as StoredEvent[]);
  const acted = events.findLast((e) => e.transactionHash === event.transaction.hash && e.logIndex < event.log.logIndex);
  if (acted === undefined) return;
  const zero = (value: Hex) => /^0x0*$/.test(value);
  acted.remarkHash = zero(remarkHash) ? undefined : remarkHash;
  acted.reasonCode = zero(reasonCode) ? undefined : reasonCode;
  await writeChain(context, tokenId, chainOf(tokenId, row.events as StoredEvent[]), chainOf(tokenId, events));
  await context.db.update(ebl, { tokenId }).set({ events });
});

// The gateway's BillSent names where an exported eBL went.
ponder.on("EblGateway:BillSent", async ({ event, context }) => {
  const row = await context.db.find(ebl, { tokenId: event.args.tokenId });
  if (row !== null) {
    await context.db
      .update(ebl, { tokenId: event.args.tokenId })
      .set({ livesOnChainId: Number(event.args.destinationChainId) });
  }
});

/** A PINT platform code (ASCII, left-aligned, zero padded) as text. */
const platformCode = (code: Hex) => hexToString(code).replace(/\0/g, "");
const responseOf = (hash: Hex) => (/^0x0*$/.test(hash) ? null : hash);

// The platform gateway (DCSA PINT): an export's record as `exportOf` holds it, and where the eBL lives.
ponder.on("PlatformGateway:ExportLocked", async ({ event, context }) => {
  const { tokenId, holder, platform, envelopeReference, titleHolder } = event.args;
  const values = {
    holder,
    titleHolder,
    platform: platformCode(platform),
    envelopeReference,
    status: "locked",
    responseHash: null,
    lockedAt: event.block.timestamp,
    updatedAt: event.block.timestamp,
  };
  // A new lock overwrites a closed export, as on chain.
  await context.db
    .insert(platformExport)
    .values({ tokenId, ...values })
    .onConflictDoUpdate(values);
});
ponder.on("PlatformGateway:ExportCompleted", async ({ event, context }) => {
  const { tokenId, platform, responseHash } = event.args;
  await context.db
    .update(platformExport, { tokenId })
    .set({ status: "completed", responseHash: responseOf(responseHash), updatedAt: event.block.timestamp });
  // The registry's BillExported came first in the same transaction: the eBL now lives on the other platform.
  if ((await context.db.find(ebl, { tokenId })) !== null) {
    await context.db.update(ebl, { tokenId }).set({ livesOnChainId: null, livesOnPlatform: platformCode(platform) });
  }
});
ponder.on("PlatformGateway:ExportCancelled", async ({ event, context }) => {
  const { tokenId, responseHash } = event.args;
  await context.db
    .update(platformExport, { tokenId })
    .set({ status: "cancelled", responseHash: responseOf(responseHash), updatedAt: event.block.timestamp });
});
ponder.on("PlatformGateway:ImportedFromPlatform", async ({ event, context }) => {
  const { tokenId, holder, platform, lastChainEntryChecksum } = event.args;
  await context.db.insert(platformImport).values({
    lastChainEntryChecksum,
    tokenId,
    holder,
    platform: platformCode(platform),
    blockNumber: event.block.number,
    blockTimestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  });
  // An eBL this gateway exported comes back: its export is Returned (the registry's BillImported set where it lives).
  const exported = await context.db.find(platformExport, { tokenId });
  if (exported?.status === "completed") {
    await context.db.update(platformExport, { tokenId }).set({ status: "returned", updatedAt: event.block.timestamp });
  }
});

ponder.on("Participants:ParticipantChanged", async ({ event, context }) => {
  const { account, current, operator } = event.args;
  const values = {
    active: current.active,
    kinds: current.kinds,
    jurisdiction: hexToString(current.jurisdiction).replace(/\0/g, ""),
    validUntil: current.validUntil,
    kycReference: current.kycReference,
    updatedBy: operator,
    updatedAt: event.block.timestamp,
  };
  await context.db
    .insert(participant)
    .values({ account, ...values })
    .onConflictDoUpdate(values);
});

ponder.on("Deposits:Transfer", async ({ event, context }) => {
  const { from, to, value } = event.args;
  const token = event.log.address;
  const at = event.block.timestamp;
  const move = async (account: Address, delta: bigint) => {
    await context.db
      .insert(depositBalance)
      .values({ token, account, balance: delta, updatedAt: at })
      .onConflictDoUpdate((row) => ({ balance: row.balance + delta, updatedAt: at }));
  };
  if (from !== zeroAddress) await move(from, -value);
  if (to !== zeroAddress) await move(to, value);
  if (from === zeroAddress || to === zeroAddress) {
    const delta = from === zeroAddress ? value : -value;
    await context.db
      .insert(depositSupply)
      .values({ token, totalSupply: delta, updatedAt: at })
      .onConflictDoUpdate((row) => ({ totalSupply: row.totalSupply + delta, updatedAt: at }));
  }
  await context.db.insert(depositMovement).values({
    id: `${event.transaction.hash}-${event.log.logIndex}`,
    token,
    from,
    to,
    amount: value,
    kind: from === zeroAddress ? "mint" : to === zeroAddress ? "burn" : "transfer",
    blockNumber: event.block.number,
    blockTimestamp: at,
    transactionHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  });
});

const reference = async (
  eventName: string,
  event: {
    log: { address: Address; logIndex: number };
    block: { number: bigint; timestamp: bigint };
    transaction: { hash: Hex };
  },
  context: Context,
  account: Address,
  amount: bigint,
  value: Hex,
  counterparty?: Address,
) => {
  await context.db.insert(depositReference).values({
    id: `${event.transaction.hash}-${event.log.logIndex}`,
    token: event.log.address,
    eventName,
    account,
    amount,
    reference: value,
    counterparty: counterparty ?? null,
    blockNumber: event.block.number,
    blockTimestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  });
};

ponder.on("Deposits:Minted", ({ event, context }) =>
  reference("Minted", event, context, event.args.to, event.args.amount, event.args.bankReference),
);
ponder.on("Deposits:Burned", ({ event, context }) =>
  reference("Burned", event, context, event.args.from, event.args.amount, event.args.bankReference),
);
ponder.on("Deposits:RedemptionRequested", ({ event, context }) =>
  reference("RedemptionRequested", event, context, event.args.holder, event.args.amount, event.args.payoutReference),
);
// ForcedTransfer is overloaded (the token's own event and ERC-7943's): Ponder names an overloaded event by its
// signature. The token's own carries the reason code; ERC-7943's, emitted beside it, adds nothing to index.
ponder.on(
  "Deposits:ForcedTransfer(address indexed from, address indexed to, uint256 amount, bytes32 indexed reasonCode, address operator)",
  ({ event, context }) =>
    reference(
      "ForcedTransfer",
      event,
      context,
      event.args.from,
      event.args.amount,
      event.args.reasonCode,
      event.args.to,
    ),
);
// A payment reference (the hash of an ISO 20022 remittance or an IVMS101 payload, or a settlement's id), what a
// bank's reconciliation matches a payment by: the payer as the account, the payee as the counterparty.
ponder.on("Deposits:PaymentReference", ({ event, context }) =>
  reference(
    "PaymentReference",
    event,
    context,
    event.args.from,
    event.args.amount,
    event.args.paymentReference,
    event.args.to,
  ),
);

const onSettled = async ({ event, context }: { event: Event<"SignedSettlement:Settled">; context: Context }) => {
  const a = event.args;
  await context.db.insert(settlement).values({
    termsHash: a.termsHash,
    contract: event.log.address,
    seller: a.seller,
    buyer: a.buyer,
    registry: a.registry,
    tokenId: a.tokenId,
    paymentToken: a.paymentToken,
    amount: a.amount,
    blockNumber: event.block.number,
    blockTimestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  });
  const open = await context.db.find(deal, { dealId: a.termsHash });
  if (open !== null) {
    await context.db.update(deal, { dealId: a.termsHash }).set({ status: "settled", updatedAt: event.block.timestamp });
  }
};
ponder.on("SignedSettlement:Settled", onSettled);
ponder.on("EscrowedDeals:Settled", onSettled as never);
ponder.on("CrossBankSettlement:Settled", onSettled as never);

ponder.on("EscrowedDeals:DealCreated", async ({ event, context }) => {
  const { dealId, terms, creator } = event.args;
  await context.db.insert(deal).values({
    dealId,
    creator,
    seller: terms.seller,
    buyer: terms.buyer,
    registry: terms.registry,
    tokenId: terms.tokenId,
    paymentToken: terms.paymentToken,
    amount: terms.amount,
    deadline: terms.deadline,
    eblDeposited: false,
    paid: 0n,
    status: "open",
    createdAt: event.block.timestamp,
    updatedAt: event.block.timestamp,
  });
});
ponder.on("EscrowedDeals:EblDeposited", async ({ event, context }) => {
  await context.db
    .update(deal, { dealId: event.args.dealId })
    .set({ eblDeposited: true, updatedAt: event.block.timestamp });
});
ponder.on("EscrowedDeals:PaymentDeposited", async ({ event, context }) => {
  await context.db
    .update(deal, { dealId: event.args.dealId })
    .set({ paid: event.args.totalPaid, updatedAt: event.block.timestamp });
});
ponder.on("EscrowedDeals:DealCancelled", async ({ event, context }) => {
  await context.db
    .update(deal, { dealId: event.args.dealId })
    .set({ status: "cancelled", updatedAt: event.block.timestamp });
});
