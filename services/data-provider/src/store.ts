/**
 * The data provider's state, in one SQLite file through Node's built-in `node:sqlite` (no native package): the
 * documents it holds (bytes, content type and the SHA-256 they had when accepted, one row per document version) and
 * its audit log of the accesses it served (request hash, recording transaction, times).
 *
 * `node:sqlite` is imported lazily by {@link openStore}, once its ExperimentalWarning is silenced.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { DatabaseSync } from "node:sqlite";

import type { Hex } from "viem";

/** One stored version of a document. */
export interface StoredDocument {
  documentId: Hex;
  version: number;
  /** SHA-256 of the bytes when they were accepted (the registry's hash of that version). */
  sha256: Hex;
  contentType: string;
  content: Uint8Array;
  /** Who signed the upload (the document's issuer or owner). */
  uploadedBy: Hex;
  /** Unix milliseconds. */
  uploadedAt: number;
}

/** One access in the audit log. */
export interface AccessEntry {
  requestHash: Hex;
  grantId: Hex;
  grantee: Hex;
  documentId: Hex;
  version: number;
  purpose: number;
  /** `pending` while the recording transaction is under way, `recorded` once mined, `failed` if it reverted. */
  status: "pending" | "recorded" | "failed";
  txHash: Hex | null;
  /** Unix milliseconds. */
  requestedAt: number;
  recordedAt: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  document_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content_type TEXT NOT NULL,
  content BLOB NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  PRIMARY KEY (document_id, version)
) STRICT;
CREATE TABLE IF NOT EXISTS accesses (
  request_hash TEXT PRIMARY KEY,
  grant_id TEXT NOT NULL,
  grantee TEXT NOT NULL,
  document_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  purpose INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'recorded', 'failed')),
  tx_hash TEXT,
  requested_at INTEGER NOT NULL,
  recorded_at INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS accesses_by_document ON accesses (document_id);
`;

type Row = Record<string, unknown>;

const toDocument = (row: Row): StoredDocument => ({
  documentId: row.document_id as Hex,
  version: Number(row.version),
  sha256: row.sha256 as Hex,
  contentType: row.content_type as string,
  content: row.content as Uint8Array,
  uploadedBy: row.uploaded_by as Hex,
  uploadedAt: Number(row.uploaded_at),
});

const toAccess = (row: Row): AccessEntry => ({
  requestHash: row.request_hash as Hex,
  grantId: row.grant_id as Hex,
  grantee: row.grantee as Hex,
  documentId: row.document_id as Hex,
  version: Number(row.version),
  purpose: Number(row.purpose),
  status: row.status as AccessEntry["status"],
  txHash: (row.tx_hash as Hex | null) ?? null,
  requestedAt: Number(row.requested_at),
  recordedAt: row.recorded_at === null ? null : Number(row.recorded_at),
});

/** The provider's store. Ids and hashes are kept as lower-case 0x-hex text. */
export class Store {
  readonly path: string;
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync, file: string) {
    this.#db = db;
    this.path = file;
    db.exec("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;");
    db.exec(SCHEMA);
  }

  /** Stores (or replaces) one version of a document. */
  putDocument(doc: StoredDocument): void {
    this.#db
      .prepare(
        `INSERT INTO documents (document_id, version, sha256, content_type, content, uploaded_by, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (document_id, version) DO UPDATE SET sha256 = excluded.sha256,
           content_type = excluded.content_type, content = excluded.content, uploaded_by = excluded.uploaded_by,
           uploaded_at = excluded.uploaded_at`,
      )
      .run(
        doc.documentId.toLowerCase(),
        doc.version,
        doc.sha256.toLowerCase(),
        doc.contentType,
        doc.content,
        doc.uploadedBy.toLowerCase(),
        doc.uploadedAt,
      );
  }

  /** One version of a document, if held. */
  document(documentId: Hex, version: number): StoredDocument | undefined {
    const row = this.#db
      .prepare("SELECT * FROM documents WHERE document_id = ? AND version = ?")
      .get(documentId.toLowerCase(), version) as Row | undefined;
    return row === undefined ? undefined : toDocument(row);
  }

  /** The latest version held of a document, if any. */
  latestDocument(documentId: Hex): StoredDocument | undefined {
    const row = this.#db
      .prepare("SELECT * FROM documents WHERE document_id = ? ORDER BY version DESC LIMIT 1")
      .get(documentId.toLowerCase()) as Row | undefined;
    return row === undefined ? undefined : toDocument(row);
  }

  /** How many document versions are held. */
  documentCount(): number {
    return Number((this.#db.prepare("SELECT count(*) AS n FROM documents").get() as Row).n);
  }

  /**
   * Claims a request for serving: inserts it as `pending`. False if the request is in the log already (being served,
   * served, or failed), so that two copies of one request sent at once are not both served.
   */
  claimAccess(entry: Omit<AccessEntry, "status" | "txHash" | "recordedAt">): boolean {
    const result = this.#db
      .prepare(
        `INSERT INTO accesses (request_hash, grant_id, grantee, document_id, version, purpose, status, requested_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (request_hash) DO NOTHING`,
      )
      .run(
        entry.requestHash.toLowerCase(),
        entry.grantId.toLowerCase(),
        entry.grantee.toLowerCase(),
        entry.documentId.toLowerCase(),
        entry.version,
        entry.purpose,
        entry.requestedAt,
      );
    return Number(result.changes) === 1;
  }

  /** Forgets a claim that was refused before any transaction was sent (the request may be sent again). */
  releaseClaim(requestHash: Hex): void {
    this.#db
      .prepare("DELETE FROM accesses WHERE request_hash = ? AND status = 'pending' AND tx_hash IS NULL")
      .run(requestHash.toLowerCase());
  }

  /** Notes the recording transaction once sent. */
  accessSent(requestHash: Hex, txHash: Hex): void {
    this.#db
      .prepare("UPDATE accesses SET tx_hash = ? WHERE request_hash = ?")
      .run(txHash.toLowerCase(), requestHash.toLowerCase());
  }

  /** Marks the access recorded on chain (`recorded`) or its transaction reverted (`failed`). */
  accessSettled(requestHash: Hex, status: "recorded" | "failed", at: number): void {
    this.#db
      .prepare("UPDATE accesses SET status = ?, recorded_at = ? WHERE request_hash = ?")
      .run(status, at, requestHash.toLowerCase());
  }

  /** One entry of the audit log. */
  access(requestHash: Hex): AccessEntry | undefined {
    const row = this.#db.prepare("SELECT * FROM accesses WHERE request_hash = ?").get(requestHash.toLowerCase()) as
      Row | undefined;
    return row === undefined ? undefined : toAccess(row);
  }

  /** The audit log, oldest first. */
  accesses(): AccessEntry[] {
    return (this.#db.prepare("SELECT * FROM accesses ORDER BY requested_at, rowid").all() as Row[]).map(toAccess);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}

let warningSilenced = false;

/**
 * `node:sqlite` is still flagged experimental in Node 22 and says so on first load: that one warning, and nothing
 * else, is dropped.
 */
function silenceSqliteExperimentalWarning(): void {
  if (warningSilenced) return;
  warningSilenced = true;
  const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const text = typeof warning === "string" ? warning : warning.message;
    if (type === "ExperimentalWarning" && text.startsWith("SQLite is an experimental feature")) return;
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
