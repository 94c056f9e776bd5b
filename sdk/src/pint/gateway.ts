/**
 * The platform gateway (PlatformGateway, DCSA PINT): typed reads, writes and prepared writes, and the explanations of
 * its custom errors. Part of the `@cargo-rails/sdk/pint` entry, not of `createCargoRails`'s bundle.
 *
 * A holder locks its eBL for an export to another platform (`lockForExport`); the platform's PINT service (the
 * `PINT OPERATOR` role) completes the export on the receiver's signed RECE / DUPE (`completeExport`), cancels it on a
 * refusal (`cancelExport`), and records eBLs whose envelopes it accepted (`importFromPlatform`). The holder takes a
 * locked eBL back after `EXPORT_TIMEOUT` if nobody answered (`reclaimExport`).
 */
import {
  hexToString,
  parseEventLogs,
  stringToHex,
  zeroAddress,
  type Address,
  type Hex,
  type ParseEventLogsReturnType,
} from "viem";

import { platformGatewayAbi } from "../abi/index.js";
import { type CargoRails } from "../client.js";
import {
  accessManagedErrors,
  addErrorExplanations,
  eblGatewayErrors,
  railsErrors,
  type ErrorTable,
} from "../contractErrors.js";
import { ContractNotConfiguredError } from "../addresses.js";
import { billKinds, enumName, type BillKind } from "../enums.js";
import { InvalidArgumentError } from "../errors.js";
import { assertAddress, assertBytes32 } from "../guards.js";
import { boundDecoders } from "../internal/bound.js";
import {
  action,
  extendWait,
  readContract,
  writeContract,
  type ContractContext,
  type WriteAction,
  type WriteResult,
} from "../internal/contract.js";

/** Where an export is (IPlatformGateway.ExportStatus), by name. */
export const exportStatuses = ["none", "locked", "completed", "cancelled", "returned"] as const;
/** `"locked"` while the envelope travels; `"completed"` once the registry exported it; `"returned"` once back. */
export type ExportStatus = (typeof exportStatuses)[number];

/** An event of the platform gateway, as the ABI types it. */
export type PlatformGatewayEvent = ParseEventLogsReturnType<typeof platformGatewayAbi, undefined, true>[number];

/** A write's result: `wait()` adds the gateway's own events (`gatewayEvents`) to the rails' decoded events. */
export type PintGatewayWriteResult = WriteResult<typeof platformGatewayAbi, { gatewayEvents: PlatformGatewayEvent[] }>;

/** The export record of one eBL, as `exportOf` reads it. */
export interface PlatformExport {
  /** The eBL. */
  tokenId: bigint;
  /** Where the export is (`"none"`: never locked here). */
  status: ExportStatus;
  /** The holder that locked it, which gets it back on a cancel or a reclaim. */
  holder: Address;
  /** The title holder when it was locked (zero address if blank endorsed). */
  titleHolder: Address;
  /** When it was locked, Unix seconds. */
  lockedAt: bigint;
  /** When the holder may reclaim it (`lockedAt + EXPORT_TIMEOUT`), while it is locked; `null` otherwise. */
  reclaimableAt: bigint | null;
  /** The receiving platform's PINT code, e.g. `"CARX"`. */
  platform: string;
  /** The sender's reference of the transfer. */
  envelopeReference: Hex;
  /** SHA-256 of the signed response that completed or cancelled it; `null` while locked or after a reclaim. */
  responseHash: Hex | null;
}

/** The record of an eBL arriving from another platform (IBillOfLadingRegistry.ImportedBill). */
export interface ImportedBillInput {
  /** Straight or to order. */
  kind: BillKind;
  /** The document version (1 at issuance, +1 per amendment). */
  version: number;
  /** The title holder here; the zero address while blank endorsed. */
  titleHolder: Address;
  /** The shipper of a straight B/L (ignored for to order; default the zero address). */
  shipper?: Address | undefined;
  /** The DCSA checksum of the transport document (bytes32 hex). */
  documentHash: Hex;
  /** Whether the party that sent it had title, so that a custody holder here holds for title (default false). */
  custodyForTitle?: boolean | undefined;
}

/** What `importFromPlatform` takes. */
export interface PlatformImport {
  /** The token id: `ebl.tokenId(carrier, transportDocumentReference)` with the carrier's address here. */
  tokenId: bigint;
  /** The holder here (the envelope's last recipient). */
  holder: Address;
  /** The record. */
  bill: ImportedBillInput;
  /** The sending platform's PINT code, e.g. `"WAVE"`. */
  platform: string;
  /** SHA-256 of the envelope transfer chain's last entry (JWS compact), bytes32 hex. */
  lastChainEntryChecksum: Hex;
}

/** The platform gateway, bound to a client. */
export interface PintGateway {
  /** The PlatformGateway contract. */
  readonly address: Address;
  /** The export record of an eBL. */
  exportOf(tokenId: bigint): Promise<PlatformExport>;
  /** The eBL imported under a transfer chain's last entry, or `null`. */
  importedUnder(lastChainEntryChecksum: Hex): Promise<bigint | null>;
  /** How long after a lock the holder may reclaim it, in seconds (7 days). */
  exportTimeout(): Promise<bigint>;
  /** Whether locks and imports are paused. */
  paused(): Promise<boolean>;
  /**
   * The holder (or its approved operator) locks the eBL for an export to `platform`. The gateway must be approved
   * for the token on the registry first (`ebl.approve`).
   */
  lockForExport: WriteAction<
    [input: { tokenId: bigint; platform: string; envelopeReference: Hex }],
    PintGatewayWriteResult
  >;
  /** The holder that locked takes the eBL back once `reclaimableAt` has passed. */
  reclaimExport: WriteAction<[tokenId: bigint], PintGatewayWriteResult>;
  /** PINT OPERATOR: the receiver answered RECE / DUPE; the registry exports the eBL. A retry changes nothing. */
  completeExport: WriteAction<[input: { tokenId: bigint; responseHash: Hex }], PintGatewayWriteResult>;
  /** PINT OPERATOR: the receiver refused; the eBL goes back to its holder. A retry changes nothing. */
  cancelExport: WriteAction<[input: { tokenId: bigint; responseHash: Hex }], PintGatewayWriteResult>;
  /** PINT OPERATOR: records an eBL whose envelope was accepted. The same chain entry again changes nothing. */
  importFromPlatform: WriteAction<[input: PlatformImport], PintGatewayWriteResult>;
  /** PINT OPERATOR: sends away an eBL that reached the gateway by a plain transfer (never a locked one). */
  recoverStrayEbl: WriteAction<[input: { tokenId: bigint; to: Address }], PintGatewayWriteResult>;
}

/**
 * A PINT platform code (`eBLPlatform`, e.g. `"CARX"`) as the gateway stores it: ASCII, left-aligned in 32 bytes.
 * @throws {InvalidArgumentError} For an empty code, one longer than 32 characters, or one that is not printable ASCII.
 */
export function platformCode(code: string, argument = "platform"): Hex {
  if (typeof code !== "string" || !/^[\x21-\x7e]{1,32}$/.test(code)) {
    throw new InvalidArgumentError(
      argument,
      code,
      'a PINT platform code of 1..32 printable ASCII characters, e.g. "CARX"',
    );
  }
  return stringToHex(code, { size: 32 });
}

/** The platform code a bytes32 of the gateway holds (`""` for zero). */
export function platformCodeOf(value: Hex): string {
  return hexToString(value, { size: 32 }).replace(/\0+$/, "");
}

/** Explanations of every custom error of the PlatformGateway. */
export const platformGatewayErrors: ErrorTable<typeof platformGatewayAbi> = {
  ...accessManagedErrors,
  ...railsErrors,
  EnforcedPause: eblGatewayErrors.EnforcedPause,
  ExpectedPause: eblGatewayErrors.ExpectedPause,
  ReentrancyGuardReentrantCall: eblGatewayErrors.ReentrancyGuardReentrantCall,
  PintNotHolder: {
    message: ([tokenId, account]) =>
      `${account} may not lock eBL ${tokenId} for an export: it is neither the holder nor an operator the holder approved.`,
    hint: "Lock from the holder's account (after ebl.approve of the gateway), or by safeTransferFrom to the gateway.",
  },
  PintInvalidExportStatus: {
    message: ([tokenId, status]) =>
      `The export of eBL ${tokenId} is ${enumName(exportStatuses, status)}, which does not allow this.`,
    hint: "Read pintGateway.exportOf(tokenId): only a locked export is completed, cancelled or reclaimed, and an eBL is locked once at a time.",
  },
  PintInvalidReference: {
    message: () => "A platform code, envelope reference, response hash or chain checksum is zero.",
    hint: "Pass the platform's PINT code and the SHA-256 the PINT exchange gave (bytes32 hex, not zero).",
  },
  PintTimeoutNotReached: {
    message: ([tokenId, reclaimableAt]) =>
      `eBL ${tokenId} can be reclaimed only from ${new Date(Number(reclaimableAt) * 1000).toISOString()}.`,
    hint: "Wait for the timeout, or ask the platform operator to cancel the export (cancelExport) on the receiver's refusal.",
  },
  PintNotLocker: {
    message: ([tokenId, account]) =>
      `${account} did not lock eBL ${tokenId}; only the holder that locked it reclaims it.`,
    hint: "Reclaim from the account that locked it (pintGateway.exportOf(tokenId).holder).",
  },
  PintExportedElsewhere: {
    message: ([tokenId]) =>
      `eBL ${tokenId} left this registry for another chain of the rails, not for another platform: it is live there.`,
    hint: "Refuse the envelope (BENV): the eBL cannot come back from a platform it never went to.",
  },
  PintUnexpectedToken: {
    message: ([token]) => `The gateway takes eBLs only from its registry, with a lock's data; ${token} sent one.`,
    hint: "Lock with lockForExport, or safeTransferFrom on the registry with abi.encode(platform, envelopeReference).",
  },
  PintEblLocked: {
    message: ([tokenId]) => `eBL ${tokenId} is locked for an export; a stray recovery may not take it.`,
    hint: "A locked eBL leaves only by completeExport, cancelExport or the holder's reclaimExport.",
  },
};

let explained = false;

/**
 * The platform gateway of a client: `addresses.platformGateway` unless `address` is given. Adds the gateway's error
 * explanations to the client's decoding (once).
 * @throws {ContractNotConfiguredError} When neither gives an address.
 */
export function pintGateway(rails: CargoRails, address?: Address): PintGateway {
  if (!explained) {
    addErrorExplanations(platformGatewayErrors, platformGatewayAbi);
    explained = true;
  }
  const configured = address ?? (rails.config.addresses as { platformGateway?: Address }).platformGateway;
  if (configured === undefined) throw new ContractNotConfiguredError("pintGateway", "PlatformGateway");
  const { publicClient, walletClient, signer } = rails.config;
  const ctx: ContractContext<typeof platformGatewayAbi> = {
    publicClient,
    walletClient,
    signer,
    events: boundDecoders.get(rails),
    address: assertAddress(configured, "addresses.platformGateway"),
    abi: platformGatewayAbi,
  };
  return createPintGateway(ctx);
}

/** @internal The namespace on a contract context. */
export function createPintGateway(ctx: ContractContext<typeof platformGatewayAbi>): PintGateway {
  const withEvents = (result: WriteResult<typeof platformGatewayAbi>): PintGatewayWriteResult =>
    extendWait(result, ({ receipt }) => ({
      gatewayEvents: parseEventLogs({
        abi: platformGatewayAbi,
        logs: receipt.logs.filter((log) => log.address.toLowerCase() === ctx.address.toLowerCase()),
        strict: true,
      }) as PlatformGatewayEvent[],
    }));
  const op = (name: string) => `pintGateway.${name}`;
  const id = (value: unknown, argument: string): bigint => {
    if (typeof value === "bigint" && value >= 0n && value < 1n << 256n) return value;
    throw new InvalidArgumentError(argument, value, "a token id as a non-negative bigint");
  };
  const answer = (name: "completeExport" | "cancelExport") =>
    action<[{ tokenId: bigint; responseHash: Hex }], PintGatewayWriteResult>(1, async (call, input) => {
      const args = [id(input?.tokenId, "tokenId"), assertBytes32(input?.responseHash, "responseHash")] as const;
      return withEvents(await writeContract(ctx, op(name), name, args, call));
    });

  return {
    address: ctx.address,
    async exportOf(tokenId) {
      const e = await readContract(ctx, "exportOf", [id(tokenId, "tokenId")]);
      const status = enumName(exportStatuses, e.status);
      const timeout = status === "locked" ? await readContract(ctx, "EXPORT_TIMEOUT", []) : 0n;
      return {
        tokenId,
        status,
        holder: e.holder,
        titleHolder: e.titleHolder,
        lockedAt: e.lockedAt,
        reclaimableAt: status === "locked" ? e.lockedAt + timeout : null,
        platform: platformCodeOf(e.platform),
        envelopeReference: e.envelopeReference,
        responseHash: /^0x0{64}$/.test(e.responseHash) ? null : e.responseHash,
      };
    },
    async importedUnder(lastChainEntryChecksum) {
      const tokenId = await readContract(ctx, "importedUnder", [
        assertBytes32(lastChainEntryChecksum, "lastChainEntryChecksum"),
      ]);
      return tokenId === 0n ? null : tokenId;
    },
    exportTimeout: () => readContract(ctx, "EXPORT_TIMEOUT", []),
    paused: () => readContract(ctx, "paused", []),
    lockForExport: action(1, async (call, input) => {
      const reference = assertBytes32(input?.envelopeReference, "envelopeReference");
      const args = [id(input?.tokenId, "tokenId"), platformCode(input?.platform), reference] as const;
      return withEvents(await writeContract(ctx, op("lockForExport"), "lockForExport", args, call));
    }),
    reclaimExport: action(1, async (call, tokenId) =>
      withEvents(await writeContract(ctx, op("reclaimExport"), "reclaimExport", [id(tokenId, "tokenId")], call)),
    ),
    completeExport: answer("completeExport"),
    cancelExport: answer("cancelExport"),
    importFromPlatform: action(1, async (call, input) => {
      const bill = input?.bill;
      if (typeof bill !== "object" || bill === null || !billKinds.includes(bill.kind)) {
        throw new InvalidArgumentError(
          "bill",
          bill,
          '{ kind: "straight" | "toOrder", version, titleHolder, documentHash }',
        );
      }
      if (!Number.isInteger(bill.version) || bill.version < 1 || bill.version > 0xffffffff) {
        throw new InvalidArgumentError("bill.version", bill.version, "a document version from 1 (uint32)");
      }
      const record = {
        kind: billKinds.indexOf(bill.kind),
        version: bill.version,
        titleHolder: assertAddress(bill.titleHolder, "bill.titleHolder"),
        shipper: bill.shipper === undefined ? zeroAddress : assertAddress(bill.shipper, "bill.shipper"),
        documentHash: assertBytes32(bill.documentHash, "bill.documentHash"),
        custodyForTitle: bill.custodyForTitle === true,
      };
      const checksum = input.lastChainEntryChecksum;
      const args = [
        id(input.tokenId, "tokenId"),
        assertAddress(input.holder, "holder"),
        record,
        platformCode(input.platform),
        assertBytes32(checksum, "lastChainEntryChecksum"),
      ] as const;
      return withEvents(await writeContract(ctx, op("importFromPlatform"), "importFromPlatform", args, call));
    }),
    recoverStrayEbl: action(1, async (call, input) => {
      const args = [id(input?.tokenId, "tokenId"), assertAddress(input?.to, "to")] as const;
      return withEvents(await writeContract(ctx, op("recoverStrayEbl"), "recoverStrayEbl", args, call));
    }),
  };
}
