/**
 * The receiving side of PINT 3.0: start an envelope transfer, take its additional documents, finish it. Every
 * outcome that PINT signs (RECE, DUPE, BSIG, BENV, INCD, MDOC, DISE) is returned as a {@link Signed} answer with the
 * HTTP status the standard gives it; the transfer's state is in the store, so a restart between any two requests
 * resumes it.
 *
 * Refusals change nothing on chain: the only write is `importFromPlatform`, sent once every check has passed, and its
 * transaction hash is stored before it is awaited so that a restart waits for it rather than sending it twice.
 */
import { randomUUID } from "node:crypto";

import type { Address } from "viem";

import type { ChainAccess } from "./chain.js";
import { verifyAdditionalDocument } from "../../../sdk/src/pint/index.js";
import {
  signAnswer,
  verifyIncoming,
  type FinishedResponse,
  type ResponseCode,
  type VerifiedEnvelope,
} from "./envelopes.js";
import type { SigningKey } from "./keys.js";
import type { PintJwks } from "../../../sdk/src/pint/index.js";
import { importPlanOf, UnmappableEnvelope, type ImportPlan } from "./parties.js";
import type { IncomingTransfer, Store } from "./store.js";

/** A signed PINT answer: the JWS compact string and the HTTP status it is sent with. */
export interface Signed {
  kind: "signed";
  status: number;
  code: ResponseCode;
  jws: string;
}

/** The unsigned 201 of a started transfer. */
export interface Started {
  kind: "started";
  status: 201;
  body: {
    envelopeReference: string;
    transportDocumentChecksum: string;
    lastEnvelopeTransferChainEntrySignedContentChecksum: string;
    missingAdditionalDocumentChecksums: string[];
  };
}

/** A request PINT has no signed answer for (unknown envelope reference): an unsigned ErrorResponse. */
export class NotFound extends Error {
  override name = "NotFound";
}

/** HTTP status of each signed code (PINT 3.0: DISE and MDOC 409 "conflict", INCD 409, BSIG / BENV 422). */
const STATUS: Record<ResponseCode, number> = {
  RECE: 200,
  DUPE: 200,
  BSIG: 422,
  BENV: 422,
  INCD: 409,
  MDOC: 409,
  DISE: 409,
};

export interface ReceiverOptions {
  store: Store;
  chain: ChainAccess;
  key: SigningKey;
  platform: string;
  peerKeys: Record<string, PintJwks>;
  carriers: Record<string, Address>;
  maxDocumentBytes: number;
}

export class Receiver {
  readonly #o: ReceiverOptions;
  /** One request at a time per transport document / transfer: two finishes must not both import. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ReceiverOptions) {
    this.#o = options;
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #sign(
    code: ResponseCode,
    last: string,
    extra: Omit<FinishedResponse, "responseCode" | "lastEnvelopeTransferChainEntrySignedContentChecksum"> = {},
  ): Promise<Signed> {
    const response: FinishedResponse = {
      lastEnvelopeTransferChainEntrySignedContentChecksum: last,
      responseCode: code,
      ...extra,
      ...(extra.reason === undefined ? {} : { reason: extra.reason.slice(0, 255) }),
    };
    return { kind: "signed", status: STATUS[code], code, jws: await signAnswer(response, this.#o.key) };
  }

  /** POST /v3/envelopes. */
  start(body: unknown): Promise<Signed | Started> {
    return this.#serial(() => this.#start(body));
  }

  async #start(body: unknown): Promise<Signed | Started> {
    const checked = await verifyIncoming(body, this.#o.peerKeys, this.#o.platform);
    if (!checked.ok) return this.#sign(checked.responseCode, checked.lastEntryChecksum, { reason: checked.reason });
    const v = checked.envelope;
    const senderPlatform = checked.senderPlatform;
    const last = v.lastEntryChecksum;

    const accepted = this.#o.store.transferOfEnvelope(last, ["accepted"]);
    if (accepted !== undefined) return this.#duplicate(accepted, v);

    let plan: ImportPlan;
    try {
      plan = this.#plan(v);
    } catch (error) {
      if (error instanceof UnmappableEnvelope) return this.#sign("BENV", last, { reason: error.message });
      throw error;
    }
    const dispute = await this.#dispute(plan, v);
    if (dispute !== undefined) return this.#sign("DISE", last, { reason: dispute });

    // A retry of a transfer under way: the same envelope keeps its reference, another one replaces it.
    const open = this.#o.store.transferOfEnvelope(last, ["open"]);
    let reference: string;
    if (open !== undefined) {
      reference = open.envelopeReference;
    } else {
      reference = randomUUID();
      const visualisation = v.manifest.eBLVisualisationByCarrier?.documentChecksum;
      const documents = v.documents.map((d) => ({
        checksum: d.documentChecksum,
        name: d.name,
        size: d.size,
        mediaType: d.mediaType,
        visualisation: d.documentChecksum === visualisation,
      }));
      this.#o.store.atomically(() => {
        for (const stale of this.#o.store.openTransfersOfDocument(v.transportDocumentChecksum)) {
          this.#o.store.finishTransfer(stale.envelopeReference, {
            state: "rejected",
            response: "",
            responseCode: "SUPERSEDED",
            at: Date.now(),
          });
        }
      });
      this.#o.store.openTransfer(
        {
          envelopeReference: reference,
          lastEntryChecksum: last,
          transportDocumentChecksum: v.transportDocumentChecksum,
          senderPlatform,
          envelope: JSON.stringify(body),
          startedAt: Date.now(),
        },
        documents,
      );
      // Documents this platform holds already (from an earlier transfer of the eBL) need not be sent again.
      for (const d of documents) {
        const known = this.#o.store.documentContent(d.checksum);
        if (known !== undefined && known.length === d.size) this.#o.store.receiveDocument(reference, d.checksum, known);
      }
    }
    const missing = this.#missing(reference);
    if (missing.length === 0) return this.#accept(this.#o.store.transfer(reference)!, v, plan, senderPlatform);
    return {
      kind: "started",
      status: 201,
      body: {
        envelopeReference: reference,
        transportDocumentChecksum: v.transportDocumentChecksum,
        lastEnvelopeTransferChainEntrySignedContentChecksum: last,
        missingAdditionalDocumentChecksums: missing,
      },
    };
  }

  /** PUT /v3/envelopes/{ref}/additional-documents/{checksum}: `content` is the decoded document. */
  document(
    reference: string,
    checksum: string,
    content: Uint8Array,
  ): Promise<Signed | { kind: "stored"; status: 204 }> {
    return this.#serial(async () => {
      const transfer = this.#transfer(reference);
      const declared = this.#o.store.documents(reference);
      const checked = verifyAdditionalDocument(
        declared.map((d) => ({ name: d.name, size: d.size, mediaType: d.mediaType, documentChecksum: d.checksum })),
        checksum,
        content,
      );
      if (!checked.ok) return this.#sign("INCD", transfer.lastEntryChecksum, { reason: checked.reason });
      const known = declared.find((d) => d.checksum === checksum)!;
      if (transfer.state === "open" && !known.received) this.#o.store.receiveDocument(reference, checksum, content);
      return { kind: "stored", status: 204 };
    });
  }

  /** PUT /v3/envelopes/{ref}/finish-transfer. */
  finish(reference: string): Promise<Signed> {
    return this.#serial(async () => {
      const transfer = this.#transfer(reference);
      // A finished transfer answers what it answered (a retry of finish is idempotent).
      if (transfer.state !== "open" && transfer.response !== null && transfer.response !== "") {
        const code = transfer.responseCode as ResponseCode;
        return { kind: "signed", status: STATUS[code], code, jws: transfer.response };
      }
      if (transfer.state !== "open")
        throw new NotFound(`The transfer ${reference} was replaced by a newer start of the same eBL.`);
      const missing = this.#missing(reference);
      if (missing.length > 0) {
        return this.#sign("MDOC", transfer.lastEntryChecksum, {
          reason: `${missing.length} additional document(s) not received yet.`,
          missingAdditionalDocumentChecksums: missing,
        });
      }
      // The envelope was verified at the start; re-read it (a restart keeps only the store).
      const checked = await verifyIncoming(JSON.parse(transfer.envelope), this.#o.peerKeys, this.#o.platform);
      if (!checked.ok)
        return this.#close(
          transfer,
          await this.#sign(checked.responseCode, transfer.lastEntryChecksum, { reason: checked.reason }),
        );
      const v = checked.envelope;
      const plan = this.#plan(v);
      if (transfer.importTx === null) {
        const dispute = await this.#dispute(plan, v);
        if (dispute !== undefined)
          return this.#close(transfer, await this.#sign("DISE", transfer.lastEntryChecksum, { reason: dispute }));
      }
      return this.#accept(transfer, v, plan, checked.senderPlatform);
    });
  }

  /** What our registry records for the envelope's eBL ({@link importPlanOf}). */
  #plan(v: VerifiedEnvelope): ImportPlan {
    return importPlanOf(v.transportDocument, v.transportDocumentChecksum, v.transactions, {
      platform: this.#o.platform,
      chainId: this.#o.chain.chainId,
      carriers: this.#o.carriers,
    });
  }

  #transfer(reference: string): IncomingTransfer {
    const transfer = this.#o.store.transfer(reference);
    if (transfer === undefined) throw new NotFound(`No envelope transfer ${reference}.`);
    return transfer;
  }

  #missing(reference: string): string[] {
    return this.#o.store
      .documents(reference)
      .filter((d) => !d.received)
      .map((d) => d.checksum);
  }

  #received(reference: string): string[] {
    return this.#o.store
      .documents(reference)
      .filter((d) => d.received)
      .map((d) => d.checksum);
  }

  async #close(transfer: IncomingTransfer, answer: Signed): Promise<Signed> {
    this.#o.store.finishTransfer(transfer.envelopeReference, {
      state: answer.code === "RECE" || answer.code === "DUPE" ? "accepted" : "rejected",
      response: answer.jws,
      responseCode: answer.code,
      at: Date.now(),
    });
    return answer;
  }

  #duplicate(accepted: IncomingTransfer, v: VerifiedEnvelope): Promise<Signed> {
    return this.#sign("DUPE", v.lastEntryChecksum, {
      duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent: JSON.parse(
        accepted.envelope,
      ).envelopeTransferChain.at(-1),
      receivedAdditionalDocumentChecksums: this.#received(accepted.envelopeReference),
    });
  }

  /**
   * Why our registry contradicts the envelope (DISE), or undefined: the eBL is live or ended here; it left by another
   * route; it left through this platform but the arriving chain does not continue the one we sent; or an envelope of
   * this document was accepted here and the arriving chain does not continue it (a fork).
   */
  async #dispute(plan: ImportPlan, v: VerifiedEnvelope): Promise<string | undefined> {
    const checksums = new Set(v.chain.map((e) => e.checksum));
    const bill = await this.#o.chain.bill(plan.tokenId);
    if (bill.status !== "none" && bill.status !== "exported") {
      return `The eBL (token ${plan.tokenId}) is ${bill.status} on this platform's registry; it cannot arrive from another platform.`;
    }
    if (bill.status === "exported") {
      const sent = await this.#o.chain.exportOf(plan.tokenId);
      if (sent.status !== "completed") {
        return `The eBL (token ${plan.tokenId}) left this registry by another route (a transfer between chains), not to a PINT platform.`;
      }
      const ours = this.#o.store.export(plan.tokenId.toString());
      if (ours !== undefined && !checksums.has(ours.lastEntryChecksum)) {
        return `The transfer chain does not contain the entry this platform sent (${ours.lastEntryChecksum}): it contradicts our record.`;
      }
    }
    const before = this.#o.store.transferOfDocument(v.transportDocumentChecksum, ["accepted"]);
    if (before !== undefined && !checksums.has(before.lastEntryChecksum)) {
      return `The transfer chain forks from the one accepted here earlier (last entry ${before.lastEntryChecksum}).`;
    }
    return undefined;
  }

  /** Imports the eBL (once) and answers RECE; a refused import is a DISE. */
  async #accept(
    transfer: IncomingTransfer,
    v: VerifiedEnvelope,
    plan: ImportPlan,
    senderPlatform: string,
  ): Promise<Signed> {
    const chain = this.#o.chain;
    const imported = await chain.importedUnder(v.lastEntryChecksum);
    if (imported === 0n) {
      let hash = transfer.importTx as `0x${string}` | null;
      if (hash === null) {
        try {
          hash = await chain.sendImport(plan, senderPlatform, v.lastEntryChecksum);
        } catch (error) {
          const reason = (error as { shortMessage?: string }).shortMessage ?? (error as Error).message;
          // The simulation reverted: the registry or the gateway refuses this eBL here (live, exported elsewhere,
          // holder not verified): nothing was sent.
          return this.#close(
            transfer,
            await this.#sign("DISE", v.lastEntryChecksum, {
              reason: `Our registry refuses the eBL: ${reason.split("\n")[0]}`,
            }),
          );
        }
        this.#o.store.noteImport(transfer.envelopeReference, plan.tokenId.toString(), hash);
      }
      if (!(await chain.mined(hash)) && (await chain.importedUnder(v.lastEntryChecksum)) === 0n) {
        return this.#close(
          transfer,
          await this.#sign("DISE", v.lastEntryChecksum, {
            reason: "Our registry refused the eBL (the import reverted).",
          }),
        );
      }
    }
    return this.#close(
      transfer,
      await this.#sign("RECE", v.lastEntryChecksum, {
        receivedAdditionalDocumentChecksums: this.#received(transfer.envelopeReference),
      }),
    );
  }
}
