/**
 * The PINT service's state, in one SQLite file through Node's built-in `node:sqlite` (the data provider's way):
 *
 * - `transfers`: envelope transfers this platform receives, one row per envelope reference we handed out: the
 *   envelope as received, its checksums, the sending platform, the state (`open` until finished, then `accepted` or
 *   `rejected`) and the signed response that closed it;
 * - `transfer_documents`: the additional documents each transfer's manifest declares (checksum, size, media type) and
 *   the bytes once received;
 * - `exports`: the eBLs this platform sends to another platform, one row per token: the receiver, the envelope built
 *   for it, where the transfer stands (`step`) and what the receiver answered, so that a restart resumes it.
 *
 * Checksums are lower-case hex without `0x` (PINT's form); token ids decimal text.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { DatabaseSync } from "node:sqlite";

export type TransferState = "open" | "accepted" | "rejected";

/** A transfer this platform receives. */
export interface IncomingTransfer {
  envelopeReference: string;
  /** SHA-256 of the last transfer chain entry (JWS compact), hex: what identifies the envelope. */
  lastEntryChecksum: string;
  transportDocumentChecksum: string;
  /** The sending platform's code (the last chain entry's `eblPlatform`). */
  senderPlatform: string;
  /** The envelope as received (JSON text). */
  envelope: string;
  state: TransferState;
  /** The last signed response sent for it (JWS compact), once finished. */
  response: string | null;
  responseCode: string | null;
  /** The token id recorded on our registry, once imported. */
  tokenId: string | null;
  /** The import transaction, once sent. */
  importTx: string | null;
  /** Unix milliseconds. */
  startedAt: number;
  finishedAt: number | null;
}

/** One additional document a transfer's manifest declares. */
export interface TransferDocument {
  checksum: string;
  name: string;
  size: number;
  mediaType: string;
  /** True for the carrier's visualisation (`eBLVisualisationByCarrier`), false for a supporting document. */
  visualisation: boolean;
  received: boolean;
}

/** Where an export stands, in order. */
export const exportSteps = ["locked", "started", "finishing", "accepted", "refused", "completed", "cancelled"] as const;
export type ExportStep = (typeof exportSteps)[number];

/** An eBL this platform sends to another platform. */
export interface OutgoingExport {
  tokenId: string;
  receiverUrl: string;
  receiverPlatform: string;
  /** The envelope sent (JSON text) and its documents (JSON text: `[{checksum, size, mediaType, name, content}]`). */
  envelope: string;
  documents: string;
  lastEntryChecksum: string;
  /** The receiver's envelope reference, once it started the transfer. */
  envelopeReference: string | null;
  step: ExportStep;
  /** The receiver's last signed response (JWS compact) and its code. */
  response: string | null;
  responseCode: string | null;
  /** The transaction that completed or cancelled the export on chain. */
  settleTx: string | null;
  /** The last error met while sending (kept for the operator; the export is retried). */
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS transfers (
  envelope_reference TEXT PRIMARY KEY,
  last_entry_checksum TEXT NOT NULL,
  transport_document_checksum TEXT NOT NULL,
  sender_platform TEXT NOT NULL,
  envelope TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'rejected')),
  response TEXT,
  response_code TEXT,
  token_id TEXT,
  import_tx TEXT,
  started_at INTEGER NOT NULL,
  finished_at INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS transfers_by_last_entry ON transfers (last_entry_checksum);
CREATE INDEX IF NOT EXISTS transfers_by_document ON transfers (transport_document_checksum, state);
CREATE TABLE IF NOT EXISTS transfer_documents (
  envelope_reference TEXT NOT NULL REFERENCES transfers (envelope_reference),
  checksum TEXT NOT NULL,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  visualisation INTEGER NOT NULL,
  content BLOB,
  PRIMARY KEY (envelope_reference, checksum)
) STRICT;
CREATE TABLE IF NOT EXISTS exports (
  token_id TEXT PRIMARY KEY,
  receiver_url TEXT NOT NULL,
  receiver_platform TEXT NOT NULL,
  envelope TEXT NOT NULL,
  documents TEXT NOT NULL,
  last_entry_checksum TEXT NOT NULL,
  envelope_reference TEXT,
  step TEXT NOT NULL,
  response TEXT,
  response_code TEXT,
  settle_tx TEXT,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`;

type Row = Record<string, unknown>;
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const toTransfer = (row: Row): IncomingTransfer => ({
  envelopeReference: String(row.envelope_reference),
  lastEntryChecksum: String(row.last_entry_checksum),
  transportDocumentChecksum: String(row.transport_document_checksum),
  senderPlatform: String(row.sender_platform),
  envelope: String(row.envelope),
  state: row.state as TransferState,
  response: text(row.response),
  responseCode: text(row.response_code),
  tokenId: text(row.token_id),
  importTx: text(row.import_tx),
  startedAt: Number(row.started_at),
  finishedAt: row.finished_at === null ? null : Number(row.finished_at),
});

const toExport = (row: Row): OutgoingExport => ({
  tokenId: String(row.token_id),
  receiverUrl: String(row.receiver_url),
  receiverPlatform: String(row.receiver_platform),
  envelope: String(row.envelope),
  documents: String(row.documents),
  lastEntryChecksum: String(row.last_entry_checksum),
  envelopeReference: text(row.envelope_reference),
  step: row.step as ExportStep,
  response: text(row.response),
  responseCode: text(row.response_code),
  settleTx: text(row.settle_tx),
  lastError: text(row.last_error),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

/** The service's store. */
export class Store {
  readonly path: string;
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync, file: string) {
    this.#db = db;
    this.path = file;
    db.exec("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;");
    db.exec(SCHEMA);
  }

  /** Runs `fn` in one transaction (all of its writes or none). */
  atomically<T>(fn: () => T): T {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const result = fn();
      this.#db.exec("COMMIT");
      return result;
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  // ------------------------------------------------------------------ receiving

  /** Records a new open transfer and the documents its manifest declares. */
  openTransfer(
    transfer: Omit<IncomingTransfer, "state" | "response" | "responseCode" | "tokenId" | "importTx" | "finishedAt">,
    documents: readonly Omit<TransferDocument, "received">[],
  ): void {
    this.atomically(() => {
      this.#db
        .prepare(
          `INSERT INTO transfers (envelope_reference, last_entry_checksum, transport_document_checksum,
             sender_platform, envelope, state, started_at) VALUES (?, ?, ?, ?, ?, 'open', ?)`,
        )
        .run(
          transfer.envelopeReference,
          transfer.lastEntryChecksum,
          transfer.transportDocumentChecksum,
          transfer.senderPlatform,
          transfer.envelope,
          transfer.startedAt,
        );
      const insert = this.#db.prepare(
        `INSERT INTO transfer_documents (envelope_reference, checksum, name, size, media_type, visualisation)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      );
      for (const d of documents) {
        insert.run(transfer.envelopeReference, d.checksum, d.name, d.size, d.mediaType, d.visualisation ? 1 : 0);
      }
    });
  }

  transfer(envelopeReference: string): IncomingTransfer | undefined {
    const row = this.#db.prepare("SELECT * FROM transfers WHERE envelope_reference = ?").get(envelopeReference) as
      Row | undefined;
    return row === undefined ? undefined : toTransfer(row);
  }

  /** The transfer of an envelope (by its last chain entry's checksum) in one of `states`, the latest first. */
  transferOfEnvelope(lastEntryChecksum: string, states: readonly TransferState[]): IncomingTransfer | undefined {
    const row = this.#db
      .prepare(
        `SELECT * FROM transfers WHERE last_entry_checksum = ? AND state IN (${states.map(() => "?").join(", ")})
         ORDER BY started_at DESC, rowid DESC LIMIT 1`,
      )
      .get(lastEntryChecksum, ...states) as Row | undefined;
    return row === undefined ? undefined : toTransfer(row);
  }

  /** The latest transfer of a transport document in one of `states`. */
  transferOfDocument(
    transportDocumentChecksum: string,
    states: readonly TransferState[],
  ): IncomingTransfer | undefined {
    const row = this.#db
      .prepare(
        `SELECT * FROM transfers WHERE transport_document_checksum = ? AND state IN (${states.map(() => "?").join(", ")})
         ORDER BY finished_at DESC, rowid DESC LIMIT 1`,
      )
      .get(transportDocumentChecksum, ...states) as Row | undefined;
    return row === undefined ? undefined : toTransfer(row);
  }

  /** The envelope of the last accepted transfer that brought token `tokenId` here, if any. */
  acceptedEnvelopeOf(tokenId: string): { envelopeTransferChain: string[] } | undefined {
    const row = this.#db
      .prepare(
        "SELECT envelope FROM transfers WHERE token_id = ? AND state = 'accepted' ORDER BY finished_at DESC, rowid DESC LIMIT 1",
      )
      .get(tokenId) as Row | undefined;
    return row === undefined ? undefined : (JSON.parse(String(row.envelope)) as { envelopeTransferChain: string[] });
  }

  /** The open transfers of a transport document (a retry of a transfer replaces them). */
  openTransfersOfDocument(transportDocumentChecksum: string): IncomingTransfer[] {
    return (
      this.#db
        .prepare("SELECT * FROM transfers WHERE transport_document_checksum = ? AND state = 'open'")
        .all(transportDocumentChecksum) as Row[]
    ).map(toTransfer);
  }

  /** The documents a transfer's manifest declares, in the manifest's order of insertion. */
  documents(envelopeReference: string): TransferDocument[] {
    return (
      this.#db
        .prepare(
          `SELECT checksum, name, size, media_type, visualisation, content IS NOT NULL AS received
           FROM transfer_documents WHERE envelope_reference = ? ORDER BY rowid`,
        )
        .all(envelopeReference) as Row[]
    ).map((row) => ({
      checksum: String(row.checksum),
      name: String(row.name),
      size: Number(row.size),
      mediaType: String(row.media_type),
      visualisation: Number(row.visualisation) === 1,
      received: Number(row.received) === 1,
    }));
  }

  /** The bytes of a received document, if any (of any transfer: a document is known by its checksum). */
  documentContent(checksum: string): Uint8Array | undefined {
    const row = this.#db
      .prepare("SELECT content FROM transfer_documents WHERE checksum = ? AND content IS NOT NULL LIMIT 1")
      .get(checksum) as Row | undefined;
    return row === undefined ? undefined : (row.content as Uint8Array);
  }

  /** Stores a declared document's bytes. */
  receiveDocument(envelopeReference: string, checksum: string, content: Uint8Array): void {
    this.#db
      .prepare("UPDATE transfer_documents SET content = ? WHERE envelope_reference = ? AND checksum = ?")
      .run(content, envelopeReference, checksum);
  }

  /** Closes a transfer with its signed response. */
  finishTransfer(
    envelopeReference: string,
    outcome: { state: Exclude<TransferState, "open">; response: string; responseCode: string; at: number },
  ): void {
    this.#db
      .prepare(
        `UPDATE transfers SET state = ?, response = ?, response_code = ?, finished_at = ? WHERE envelope_reference = ?`,
      )
      .run(outcome.state, outcome.response, outcome.responseCode, outcome.at, envelopeReference);
  }

  /** Notes the import on our registry (token id and transaction) before it is awaited. */
  noteImport(envelopeReference: string, tokenId: string, importTx: string): void {
    this.#db
      .prepare("UPDATE transfers SET token_id = ?, import_tx = ? WHERE envelope_reference = ?")
      .run(tokenId, importTx, envelopeReference);
  }

  // ------------------------------------------------------------------ sending

  /** Records a new export (the eBL is locked on chain). False if one of this token is under way already. */
  createExport(
    entry: Omit<
      OutgoingExport,
      "envelopeReference" | "response" | "responseCode" | "settleTx" | "lastError" | "step" | "updatedAt"
    >,
  ): boolean {
    return this.atomically(() => {
      const existing = this.export(entry.tokenId);
      if (existing !== undefined && existing.step !== "completed" && existing.step !== "cancelled") return false;
      this.#db.prepare("DELETE FROM exports WHERE token_id = ?").run(entry.tokenId);
      this.#db
        .prepare(
          `INSERT INTO exports (token_id, receiver_url, receiver_platform, envelope, documents, last_entry_checksum,
             step, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'locked', ?, ?)`,
        )
        .run(
          entry.tokenId,
          entry.receiverUrl,
          entry.receiverPlatform,
          entry.envelope,
          entry.documents,
          entry.lastEntryChecksum,
          entry.createdAt,
          entry.createdAt,
        );
      return true;
    });
  }

  export(tokenId: string): OutgoingExport | undefined {
    const row = this.#db.prepare("SELECT * FROM exports WHERE token_id = ?").get(tokenId) as Row | undefined;
    return row === undefined ? undefined : toExport(row);
  }

  /** Exports not yet settled on chain (to resume after a restart). */
  pendingExports(): OutgoingExport[] {
    return (
      this.#db
        .prepare("SELECT * FROM exports WHERE step NOT IN ('completed', 'cancelled') ORDER BY created_at")
        .all() as Row[]
    ).map(toExport);
  }

  /** Moves an export on. */
  updateExport(
    tokenId: string,
    change: Partial<
      Pick<OutgoingExport, "step" | "envelopeReference" | "response" | "responseCode" | "settleTx" | "lastError">
    >,
  ): void {
    const columns: Record<string, string> = {
      step: "step",
      envelopeReference: "envelope_reference",
      response: "response",
      responseCode: "response_code",
      settleTx: "settle_tx",
      lastError: "last_error",
    };
    const keys = Object.keys(change) as (keyof typeof change)[];
    if (keys.length === 0) return;
    this.#db
      .prepare(
        `UPDATE exports SET ${keys.map((k) => `${columns[k]} = ?`).join(", ")}, updated_at = ? WHERE token_id = ?`,
      )
      .run(...keys.map((k) => change[k] ?? null), Date.now(), tokenId);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}

let warningSilenced = false;

/** `node:sqlite` is flagged experimental in Node 22 and says so on first load: that one warning is dropped. */
function silenceSqliteExperimentalWarning(): void {
  if (warningSilenced) return;
  warningSilenced = true;
  const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const message = typeof warning === "string" ? warning : warning.message;
    if (type === "ExperimentalWarning" && message.startsWith("SQLite is an experimental feature")) return;
    emitWarning(warning, ...rest);
  }) as typeof process.emitWarning;
}

/** Opens (creating if needed) the store at `file` (`:memory:` for a throw-away store). */
export async function openStore(file: string): Promise<Store> {
  silenceSqliteExperimentalWarning();
  const { DatabaseSync } = await import("node:sqlite");
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return new Store(new DatabaseSync(file), file);
}
