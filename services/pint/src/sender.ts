/**
 * The sending side: one of our eBLs, locked on the platform gateway by its holder for another platform, goes there
 * as a PINT envelope. Steps (kept in the store, so a restart resumes where it stopped):
 *
 * `locked` (envelope built and stored) → POST /v3/envelopes → `started` (the receiver's reference) → the additional
 * documents, PUT one by one → `finishing` → PUT finish-transfer (MDOC: the missing documents again, then finish
 * again) → `accepted` on a signed RECE / DUPE, `refused` on a signed BSIG / BENV / DISE → on chain
 * `completeExport` (→ `completed`) or `cancelExport` (→ `cancelled`, the eBL back with its holder).
 *
 * Every request is safe to repeat: the receiver keeps one transfer per envelope, documents are idempotent, and
 * finish answers again what it answered. An unsigned answer, a signature that does not verify against the
 * receiver's published keys, or a network failure is retried with backoff and never acted on.
 */
import { sha256 } from "viem";

import type { ChainAccess } from "./chain.js";
import type { PeerPlatform } from "./config.js";
import { buildOutgoing, verifyAnswer, type FinishedResponse, type OutgoingDocument } from "./envelopes.js";
import type { SigningKey } from "./keys.js";
import type { PintParty } from "./parties.js";
import type { OutgoingExport, Store } from "./store.js";

/** An export this platform will not start: the message says why; `status` is the HTTP status of the refusal. */
export class ExportRefused extends Error {
  override name = "ExportRefused";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Where an export stands, as the admin API shows it. */
export interface ExportView {
  tokenId: string;
  receiverPlatform: string;
  receiverUrl: string;
  step: OutgoingExport["step"];
  envelopeReference: string | null;
  responseCode: string | null;
  response: string | null;
  settleTx: string | null;
  lastError: string | null;
  lastEntryChecksum: string;
}

export interface SenderOptions {
  store: Store;
  chain: ChainAccess;
  key: SigningKey;
  platform: string;
  peers: Record<string, PeerPlatform>;
  /** Attempts per request before the export is left for a later resume (default 5). */
  attempts?: number;
  /** First backoff in ms, doubled per attempt (default 250). */
  backoffMs?: number;
  /** Rounds of MDOC → documents → finish before giving up for now (default 3). */
  mdocRounds?: number;
}

/** A failure worth retrying: the network, a 5xx, an unsigned or unverifiable answer. */
class Retry extends Error {
  override name = "Retry";
}

interface Answer {
  status: number;
  /** The verified signed response, if the body is one. */
  response?: FinishedResponse;
  jws?: string;
  body?: unknown;
}

export class Sender {
  readonly #o: SenderOptions;
  readonly #running = new Map<string, Promise<ExportView>>();

  constructor(options: SenderOptions) {
    this.#o = options;
  }

  view(e: OutgoingExport): ExportView {
    return {
      tokenId: e.tokenId,
      receiverPlatform: e.receiverPlatform,
      receiverUrl: e.receiverUrl,
      step: e.step,
      envelopeReference: e.envelopeReference,
      responseCode: e.responseCode,
      response: e.response,
      settleTx: e.settleTx,
      lastError: e.lastError,
      lastEntryChecksum: e.lastEntryChecksum,
    };
  }

  /**
   * Exports `tokenId` (locked on the gateway by its holder for a configured platform) and drives it as far as it goes
   * now; an export of it under way is resumed instead.
   */
  async export(request: {
    tokenId: bigint;
    transportDocument: Record<string, unknown>;
    recipient: PintParty;
    supportingDocuments: { name: string; mediaType: string; content: Uint8Array }[];
  }): Promise<ExportView> {
    const id = request.tokenId.toString();
    const existing = this.#o.store.export(id);
    if (existing !== undefined && existing.step !== "completed" && existing.step !== "cancelled")
      return this.resume(id);

    const chain = this.#o.chain;
    const lock = await chain.exportOf(request.tokenId);
    if (lock.status !== "locked") {
      throw new ExportRefused(
        409,
        `Token ${id} is not locked for an export (gateway status ${lock.status}): its holder locks it first with lockForExport(tokenId, platform, reference) on the platform gateway.`,
      );
    }
    const peer = this.#o.peers[lock.platform];
    if (peer?.url === undefined) {
      throw new ExportRefused(
        422,
        `The eBL is locked for platform "${lock.platform}", which is not a configured peer with a url.`,
      );
    }
    if (request.recipient.eblPlatform !== lock.platform) {
      throw new ExportRefused(
        422,
        `The recipient's eblPlatform must be "${lock.platform}", the platform the eBL is locked for.`,
      );
    }
    const previous = this.#o.store.acceptedEnvelopeOf(request.tokenId.toString());
    let built;
    try {
      built = await buildOutgoing({
        chain,
        tokenId: request.tokenId,
        transportDocument: request.transportDocument,
        platform: this.#o.platform,
        actor: lock.holder,
        recipient: request.recipient,
        supportingDocuments: request.supportingDocuments,
        key: this.#o.key,
        ...(previous === undefined ? {} : { previousChain: previous.envelopeTransferChain }),
      });
    } catch (error) {
      throw new ExportRefused(422, `The envelope cannot be built: ${(error as Error).message}`);
    }
    const created = this.#o.store.createExport({
      tokenId: id,
      receiverUrl: peer.url,
      receiverPlatform: lock.platform,
      envelope: JSON.stringify(built.envelope),
      documents: JSON.stringify(
        built.documents.map((d) => ({ ...d, content: Buffer.from(d.content).toString("base64") })),
      ),
      lastEntryChecksum: built.lastEntryChecksum,
      createdAt: Date.now(),
    });
    if (!created) return this.resume(id);
    return this.resume(id);
  }

  /** Resumes every export not settled yet (at start-up). */
  async resumeAll(): Promise<void> {
    for (const e of this.#o.store.pendingExports()) await this.resume(e.tokenId).catch(() => undefined);
  }

  /** Drives one export as far as it goes now (one run per token at a time). */
  resume(tokenId: string): Promise<ExportView> {
    const running = this.#running.get(tokenId);
    if (running !== undefined) return running;
    const run = this.#drive(tokenId).finally(() => this.#running.delete(tokenId));
    this.#running.set(tokenId, run);
    return run;
  }

  async #drive(tokenId: string): Promise<ExportView> {
    const store = this.#o.store;
    try {
      for (;;) {
        const e = store.export(tokenId)!;
        if (e.step === "completed" || e.step === "cancelled") break;
        await this.#step(e);
      }
      store.updateExport(tokenId, { lastError: null });
    } catch (error) {
      if (!(error instanceof Retry)) throw error;
      store.updateExport(tokenId, { lastError: error.message });
    }
    return this.view(store.export(tokenId)!);
  }

  async #step(e: OutgoingExport): Promise<void> {
    const store = this.#o.store;
    switch (e.step) {
      case "locked": {
        const answer = await this.#call(e, "POST", "/v3/envelopes", e.envelope);
        if (answer.status === 201) {
          const body = answer.body as { envelopeReference?: unknown };
          if (typeof body?.envelopeReference !== "string")
            throw new Retry("The receiver's 201 has no envelopeReference.");
          store.updateExport(e.tokenId, { step: "started", envelopeReference: body.envelopeReference });
          return;
        }
        return this.#settle(e, answer);
      }
      case "started": {
        await this.#sendDocuments(e, undefined);
        store.updateExport(e.tokenId, { step: "finishing" });
        return;
      }
      case "finishing": {
        for (let round = 0; ; round++) {
          const answer = await this.#call(
            e,
            "PUT",
            `/v3/envelopes/${encodeURIComponent(e.envelopeReference!)}/finish-transfer`,
          );
          if (answer.response?.responseCode !== "MDOC") return this.#settle(e, answer);
          if (round >= (this.#o.mdocRounds ?? 3))
            throw new Retry("The receiver still misses documents after they were sent again.");
          await this.#sendDocuments(e, answer.response.missingAdditionalDocumentChecksums ?? []);
        }
      }
      case "accepted":
      case "refused": {
        const kind = e.step === "accepted" ? "completeExport" : "cancelExport";
        const target = e.step === "accepted" ? "completed" : "cancelled";
        const chain = this.#o.chain;
        const lock = await chain.exportOf(BigInt(e.tokenId));
        if (lock.status !== target) {
          let hash = e.settleTx as `0x${string}` | null;
          if (hash === null || !(await chain.mined(hash))) {
            hash = await chain.sendSettle(kind, BigInt(e.tokenId), sha256(new TextEncoder().encode(e.response!)));
            store.updateExport(e.tokenId, { settleTx: hash });
            if (!(await chain.mined(hash))) throw new Retry(`${kind} reverted (transaction ${hash}).`);
          }
        }
        store.updateExport(e.tokenId, { step: target });
        return;
      }
      default:
        return;
    }
  }

  /** Acts on a signed final answer: RECE / DUPE → accepted; BSIG / BENV / DISE → refused; anything else → retry. */
  #settle(e: OutgoingExport, answer: Answer): void {
    const code = answer.response?.responseCode;
    if (code === "RECE" || code === "DUPE") {
      this.#o.store.updateExport(e.tokenId, { step: "accepted", response: answer.jws!, responseCode: code });
    } else if (code === "BSIG" || code === "BENV" || code === "DISE") {
      this.#o.store.updateExport(e.tokenId, { step: "refused", response: answer.jws!, responseCode: code });
    } else {
      throw new Retry(
        `The receiver answered HTTP ${answer.status}${code === undefined ? "" : ` ${code}`}; retrying later.`,
      );
    }
  }

  /** Sends the documents (all of them, or those named), each until stored. */
  async #sendDocuments(e: OutgoingExport, only: readonly string[] | undefined): Promise<void> {
    const documents = JSON.parse(e.documents) as (OutgoingDocument & { content: string })[];
    for (const d of documents) {
      if (only !== undefined && !only.includes(d.documentChecksum)) continue;
      const answer = await this.#call(
        e,
        "PUT",
        `/v3/envelopes/${encodeURIComponent(e.envelopeReference!)}/additional-documents/${d.documentChecksum}`,
        JSON.stringify(d.content),
      );
      if (answer.status === 204) continue;
      if (answer.response !== undefined && ["BSIG", "BENV", "DISE"].includes(answer.response.responseCode)) {
        this.#settle(e, answer);
        throw new Retry("refused while sending documents");
      }
      throw new Retry(
        `The receiver did not store document ${d.documentChecksum} (HTTP ${answer.status} ${answer.response?.responseCode ?? ""}).`,
      );
    }
  }

  /** One request with retries; a signed body is verified against the receiver's keys and our last entry. */
  async #call(e: OutgoingExport, method: "POST" | "PUT", path: string, body?: string): Promise<Answer> {
    const peer = this.#o.peers[e.receiverPlatform];
    const attempts = this.#o.attempts ?? 5;
    let lastError = "";
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, (this.#o.backoffMs ?? 250) * 2 ** (attempt - 1)));
      let response: Response;
      try {
        response = await fetch(`${e.receiverUrl}${path}`, {
          method,
          headers: { "content-type": "application/json", "API-Version": "3" },
          ...(body === undefined ? {} : { body }),
          signal: AbortSignal.timeout(120_000),
        });
      } catch (error) {
        lastError = `${method} ${path}: ${(error as Error).message}`;
        continue;
      }
      const text = await response.text();
      if (response.status === 204) return { status: 204 };
      let parsed: unknown;
      try {
        parsed = text === "" ? undefined : JSON.parse(text);
      } catch {
        lastError = `${method} ${path}: HTTP ${response.status}, not JSON`;
        continue;
      }
      if (response.status === 201) return { status: 201, body: parsed };
      if (typeof parsed === "string" && peer !== undefined) {
        const verified = await verifyAnswer(parsed, peer.jwks, e.lastEntryChecksum);
        if (verified.ok) return { status: response.status, response: verified.response, jws: parsed };
        lastError = `${method} ${path}: HTTP ${response.status} with a signed answer that does not verify (${verified.reason})`;
        continue;
      }
      lastError = `${method} ${path}: HTTP ${response.status} unsigned`;
      if (response.status < 500 && response.status !== 404) break;
    }
    throw new Retry(lastError);
  }
}
