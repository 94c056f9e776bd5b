/**
 * The data provider's HTTP API (Fastify), version 1:
 *
 * - `GET  /v1/health`: the node answers on the configured chain; the provider's address and contracts.
 * - `PUT  /v1/documents/:documentId`: upload the bytes of a document's current version, signed by its issuer or
 *   owner (EIP-712 `DocumentUpload`, headers `x-upload-signature` and `x-upload-deadline`); the body is the document,
 *   its `content-type` kept. Accepted only if the bytes hash to the registry's current version.
 * - `POST /v1/requests`: `{ request, signature }`, a grantee-signed `DataRequest` (IConsentRegistry); answers the
 *   document's bytes once the consent is checked on chain, the stored bytes checked against the registry's hash, and
 *   the access recorded on chain (`recordAccess`, receipt awaited).
 *
 * Every refusal is a JSON body `{ error, message }` with the status of refusals.ts. See README.md.
 */
import { createHash } from "node:crypto";

import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from "fastify";
import type { Address, Hex } from "viem";

import { ChainAccess, type DataRequest } from "./chain.js";
import { Refusal, jsonArgs, refusalFromChain } from "./refusals.js";
import type { Store } from "./store.js";

/** ITradeDocumentRegistry.DocumentStatus. */
const DocumentStatus = { None: 0, Issued: 1, Superseded: 2, Revoked: 3 } as const;

const BYTES32 = "^0x[0-9a-fA-F]{64}$";
const HEX = "^0x([0-9a-fA-F]{2})+$";
const UINT = "^[0-9]{1,78}$";

export interface ServerOptions {
  chain: ChainAccess;
  store: Store;
  /** Largest document accepted, in bytes (default 10 MiB). */
  maxDocumentBytes?: number;
  /** Largest JSON body, in bytes (default 16 KiB). */
  maxJsonBytes?: number;
  /** Fastify's logger: `false` (default) or a pino level. */
  logLevel?: string | false;
}

interface ReleaseBody {
  request: { grantId: string; documentId: string; purpose: number; nonce: string; deadline: string | number };
  signature: string;
}

const sha256 = (bytes: Uint8Array): Hex => `0x${createHash("sha256").update(bytes).digest("hex")}`;

/** Builds the server (not listening yet). */
export function buildServer(options: ServerOptions): FastifyInstance {
  const { chain, store } = options;
  const maxDocumentBytes = options.maxDocumentBytes ?? 10 * 1024 * 1024;
  const app = Fastify({
    logger: options.logLevel ? { level: options.logLevel } : false,
    bodyLimit: options.maxJsonBytes ?? 16 * 1024,
    // Recording an access waits for a block: allow for it, but not forever.
    requestTimeout: 120_000,
    return503OnClosing: true,
    // Refuse what the schemas do not allow rather than strip or coerce it.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  });

  app.setErrorHandler((error: FastifyError | Refusal, request, reply) => {
    if (error instanceof Refusal) return send(reply, error);
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      return send(reply, new Refusal("MalformedRequest", `Malformed request: ${fastifyError.message}.`));
    }
    if (fastifyError.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return send(
        reply,
        new Refusal("PayloadTooLarge", "The body is larger than this server accepts.", { limit: fastifyError.message }),
      );
    }
    if (fastifyError.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      return send(reply, new Refusal("UnsupportedMediaType", "Send the request as application/json."));
    }
    if (fastifyError.statusCode !== undefined && fastifyError.statusCode < 500) {
      return send(reply, new Refusal("MalformedRequest", `Malformed request: ${fastifyError.message}.`));
    }
    request.log.error(error);
    return send(reply, new Refusal("InternalError", "The data provider failed; nothing was released."));
  });
  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      new Refusal("RouteNotFound", `No route ${request.method} ${request.url.split("?")[0]} (this is API v1).`),
    ),
  );

  app.get("/v1/health", async (_request, reply) => {
    try {
      const [nodeChainId, head] = await Promise.all([chain.nodeChainId(), chain.head()]);
      if (nodeChainId !== chain.chainId) {
        throw new Refusal(
          "ChainUnavailable",
          `The node is on chain ${nodeChainId}, not the configured ${chain.chainId}.`,
        );
      }
      return reply.send({
        status: "ok",
        chainId: chain.chainId,
        blockNumber: head.number.toString(),
        provider: chain.provider,
        consentRegistry: chain.consentRegistry,
        tradeDocumentRegistry: chain.tradeDocumentRegistry,
        documentsHeld: store.documentCount(),
      });
    } catch (error) {
      throw asRefusal(error);
    }
  });

  // Uploads: the body is the document itself, any content type, up to maxDocumentBytes.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: maxDocumentBytes }, (_request, body, done) =>
      done(null, body),
    );
    scope.put<{ Params: { documentId: string } }>(
      "/v1/documents/:documentId",
      {
        schema: {
          params: { type: "object", properties: { documentId: { type: "string", pattern: BYTES32 } } },
          headers: {
            type: "object",
            required: ["content-type", "x-upload-signature", "x-upload-deadline"],
            properties: {
              "content-type": { type: "string", minLength: 1, maxLength: 255 },
              "x-upload-signature": { type: "string", pattern: HEX, maxLength: 4096 },
              "x-upload-deadline": { type: "string", pattern: UINT },
            },
          },
        },
      },
      async (request, reply) => {
        const documentId = request.params.documentId.toLowerCase() as Hex;
        const content = request.body as Buffer | undefined;
        if (!Buffer.isBuffer(content) || content.length === 0) {
          throw new Refusal("MalformedRequest", "The body must be the document's bytes (not empty).");
        }
        const contentType = request.headers["content-type"]!;
        const signature = request.headers["x-upload-signature"] as Hex;
        const deadline = BigInt(request.headers["x-upload-deadline"] as string);
        const hash = sha256(content);
        try {
          const [head, doc] = await Promise.all([chain.head(), chain.document(documentId)]);
          if (deadline < head.timestamp) {
            throw new Refusal(
              "RequestExpired",
              `The upload's deadline ${deadline} has passed (chain time ${head.timestamp}).`,
            );
          }
          if (doc.status === DocumentStatus.None) {
            throw new Refusal("DocumentNotFound", `The registry has no document ${documentId}.`);
          }
          const upload = { provider: chain.provider, documentId, sha256Hash: hash, contentType, deadline };
          let signer: Address | undefined;
          for (const candidate of [doc.issuer, doc.owner]) {
            if (await chain.verifyUpload(candidate, upload, signature)) {
              signer = candidate;
              break;
            }
          }
          if (signer === undefined) {
            throw new Refusal(
              "InvalidSignature",
              `The upload is not signed by the document's issuer ${doc.issuer} or owner ${doc.owner} (DocumentUpload for provider ${chain.provider}, this content type and these bytes' SHA-256).`,
            );
          }
          if (doc.status === DocumentStatus.Revoked) {
            throw new Refusal("DocumentRevoked", `Document ${documentId} is revoked (version ${doc.version}).`, {
              currentVersion: doc.version,
            });
          }
          if (hash !== doc.sha256Hash.toLowerCase()) {
            throw new Refusal(
              "DocumentHashMismatch",
              `The bytes hash to ${hash}, not to the registry's version ${doc.version} (${doc.sha256Hash}).`,
              { sha256: hash, currentVersion: doc.version, registrySha256: doc.sha256Hash },
            );
          }
          store.putDocument({
            documentId,
            version: doc.version,
            sha256: hash,
            contentType,
            content,
            uploadedBy: signer,
            uploadedAt: Date.now(),
          });
          return reply.code(201).send({
            documentId,
            version: doc.version,
            sha256: hash,
            contentType,
            size: content.length,
            uploadedBy: signer,
          });
        } catch (error) {
          throw asRefusal(error);
        }
      },
    );
  });

  app.post<{ Body: ReleaseBody }>(
    "/v1/requests",
    {
      schema: {
        body: {
          type: "object",
          required: ["request", "signature"],
          additionalProperties: false,
          properties: {
            request: {
              type: "object",
              required: ["grantId", "documentId", "purpose", "nonce", "deadline"],
              additionalProperties: false,
              properties: {
                grantId: { type: "string", pattern: BYTES32 },
                documentId: { type: "string", pattern: BYTES32 },
                purpose: { type: "integer", minimum: 0, maximum: 3 },
                nonce: { type: "string", pattern: BYTES32 },
                deadline: {
                  anyOf: [
                    { type: "string", pattern: UINT },
                    { type: "integer", minimum: 0 },
                  ],
                },
              },
            },
            signature: { type: "string", pattern: HEX, maxLength: 4096 },
          },
        },
      },
    },
    async (http, reply) => {
      const body = http.body;
      const request: DataRequest = {
        grantId: body.request.grantId.toLowerCase() as Hex,
        documentId: body.request.documentId.toLowerCase() as Hex,
        purpose: body.request.purpose,
        nonce: body.request.nonce.toLowerCase() as Hex,
        deadline: BigInt(body.request.deadline),
      };
      const signature = body.signature as Hex;
      let claimed: Hex | undefined;
      try {
        const [head, grant] = await Promise.all([chain.head(), chain.grant(request.grantId)]);
        if (request.deadline < head.timestamp) {
          throw new Refusal(
            "RequestExpired",
            `The request's deadline ${request.deadline} has passed (chain time ${head.timestamp}): sign a new one.`,
          );
        }
        if (grant.owner === "0x0000000000000000000000000000000000000000") {
          throw new Refusal("ConsentNotFound", `There is no grant ${request.grantId}.`, { args: [request.grantId] });
        }
        const requestHash = await chain.hashDataRequest(request);
        if (!(await chain.verifyHash(grant.grantee, requestHash, signature))) {
          throw new Refusal(
            "InvalidSignature",
            `The request is not signed by the grant's grantee ${grant.grantee} (EIP-712 DataRequest of the consent registry ${chain.consentRegistry}).`,
            { expectedSigner: grant.grantee },
          );
        }
        if (store.access(requestHash) !== undefined || (await chain.isRecorded(requestHash))) {
          throw replayed(requestHash);
        }
        try {
          await chain.covers(request, grant.grantee);
        } catch (error) {
          throw await consentRefusal(error, request.documentId);
        }
        const doc = await chain.document(request.documentId);
        const stored = await heldVersion(request.documentId, doc.version);
        const hash = sha256(stored.content);
        if (hash !== doc.sha256Hash.toLowerCase()) {
          throw new Refusal(
            "StoredDocumentMismatch",
            `The bytes held for document ${request.documentId} version ${doc.version} hash to ${hash}, not to the registry's ${doc.sha256Hash}: they are not released. The issuer or owner must upload the document again.`,
            { currentVersion: doc.version },
          );
        }
        if (
          !store.claimAccess({
            ...request,
            requestHash,
            grantee: grant.grantee,
            version: doc.version,
            requestedAt: Date.now(),
          })
        ) {
          throw replayed(requestHash);
        }
        claimed = requestHash;
        let recorded: { hash: Hex; blockNumber: bigint; success: boolean };
        try {
          recorded = await chain.recordAccess(request, signature, (tx) => store.accessSent(requestHash, tx));
        } catch (error) {
          throw await consentRefusal(error, request.documentId);
        }
        claimed = undefined; // the transaction went out: the log keeps the entry whatever happened
        store.accessSettled(requestHash, recorded.success ? "recorded" : "failed", Date.now());
        if (!recorded.success) {
          throw new Refusal(
            "AccessNotRecorded",
            `The recording transaction ${recorded.hash} reverted (the consent changed meanwhile?): nothing was released.`,
            { transactionHash: recorded.hash },
          );
        }
        http.log.info({ requestHash, tx: recorded.hash }, "access recorded, document released");
        return reply
          .code(200)
          .header("content-type", stored.contentType)
          .header("cache-control", "no-store")
          .header("x-document-id", request.documentId)
          .header("x-document-version", String(doc.version))
          .header("x-document-sha256", hash)
          .header("x-request-hash", requestHash)
          .header("x-access-transaction", recorded.hash)
          .header("x-access-block", recorded.blockNumber.toString())
          .send(Buffer.from(stored.content));
      } catch (error) {
        if (claimed !== undefined) store.releaseClaim(claimed);
        throw asRefusal(error);
      }
    },
  );

  /** The stored bytes of the registry's current version, or why there are none. */
  async function heldVersion(documentId: Hex, currentVersion: number) {
    const stored = store.document(documentId, currentVersion);
    if (stored !== undefined) return stored;
    const latest = store.latestDocument(documentId);
    if (latest !== undefined) {
      throw new Refusal(
        "DocumentSuperseded",
        `This provider holds version ${latest.version} of document ${documentId}, superseded by version ${currentVersion} in the registry; the issuer or owner must upload version ${currentVersion}.`,
        { currentVersion, heldVersion: latest.version },
      );
    }
    throw new Refusal("DocumentNotHeld", `This provider holds no bytes of document ${documentId}.`);
  }

  /** A revert of `covers` / `recordAccess` as a refusal; an unavailable document said precisely (404 or 410). */
  async function consentRefusal(error: unknown, documentId: Hex): Promise<Refusal> {
    const refusal = refusalFromChain(error);
    if (refusal instanceof Refusal) return refusal;
    const doc = await chain.document(documentId);
    if (doc.status === DocumentStatus.Revoked) {
      return new Refusal(
        "DocumentRevoked",
        `Document ${documentId} is revoked by its issuer (version ${doc.version}).`,
        {
          currentVersion: doc.version,
        },
      );
    }
    return new Refusal("DocumentNotFound", `The registry has no document ${documentId}.`, {
      args: jsonArgs(refusal.args),
    });
  }

  return app;
}

function replayed(requestHash: Hex): Refusal {
  return new Refusal(
    "ConsentRequestReplayed",
    `Request ${requestHash} was served already (or is being served): sign a new request with a fresh nonce.`,
    { requestHash },
  );
}

/** Refusals pass; chain failures become 503 or the registry's reason; the rest goes to the error handler. */
function asRefusal(error: unknown): unknown {
  if (error instanceof Refusal) return error;
  try {
    const refusal = refusalFromChain(error);
    return refusal instanceof Refusal ? refusal : error;
  } catch (other) {
    return other;
  }
}

function send(reply: FastifyReply, refusal: Refusal) {
  return reply.code(refusal.status).header("cache-control", "no-store").send(refusal.body());
}
