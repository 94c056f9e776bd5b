/**
 * The PINT service's HTTP API (Fastify):
 *
 * PINT 3.0 (DCSA EBL_PINT_v3.0.0.yaml), for other platforms:
 * - `POST /v3/envelopes`: start an envelope transfer. 201 `EnvelopeTransferStartedResponse` (unsigned) with the
 *   documents still missing; 200 a signed RECE (nothing missing) or DUPE (accepted before); 422 a signed BSIG / BENV;
 *   409 a signed DISE.
 * - `PUT /v3/envelopes/{envelopeReference}/additional-documents/{documentChecksum}`: one declared document, the body
 *   a JSON string of its base64. 204 stored; 409 a signed INCD (checksum or size does not match the manifest).
 * - `PUT /v3/envelopes/{envelopeReference}/finish-transfer`: 200 a signed RECE (the eBL is recorded on our
 *   registry); 409 a signed MDOC (with the missing checksums) or DISE; 422 a signed BSIG / BENV.
 * - `POST /v3/receiver-validation`: is a W3C `did:pkh` code an account this platform accepts eBLs for.
 * - `GET /.well-known/jwks.json`: the keys this platform signs with (current and retired).
 *
 * Signed answers are the JWS compact string as a JSON string; everything else PINT leaves unsigned is an
 * `ErrorResponse`. Every response carries `API-Version: 3.0.0`.
 *
 * Administration, answered on loopback only (127.0.0.1 / ::1):
 * - `POST /admin/exports`: send one of our eBLs, locked on the platform gateway, to the platform it was locked for.
 * - `GET /admin/exports/{tokenId}`: where that export stands.
 * - `GET /health`: the node answers on the configured chain.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";

import type { ChainAccess } from "./chain.js";
import { ExportRefused, type Sender } from "./sender.js";
import { NotFound, type Receiver, type Signed } from "./receiver.js";
import type { PublicJwk } from "./keys.js";
import { ourAddress, type PintParty } from "./parties.js";
import type { Store } from "./store.js";

export const API_VERSION = "3.0.0";
const CHECKSUM = "^[0-9a-f]{64}$";

export interface ServerOptions {
  receiver: Receiver;
  sender: Sender;
  chain: ChainAccess;
  store: Store;
  platform: string;
  jwks: { keys: PublicJwk[] };
  maxDocumentBytes: number;
  /** Largest envelope (JSON), in bytes (default 4 MiB). */
  maxEnvelopeBytes?: number;
  logLevel?: string | false;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** PINT's unsigned `ErrorResponse`. */
function errorResponse(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  message: string,
  errorCode?: number,
) {
  return reply
    .code(status)
    .header("API-Version", API_VERSION)
    .send({
      httpMethod: request.method,
      requestUri: request.url.split("?")[0],
      statusCode: status,
      statusCodeText: STATUS_TEXT[status] ?? "Error",
      statusCodeMessage: message.slice(0, 200),
      errorDateTime: new Date().toISOString(),
      errors: [
        {
          ...(errorCode === undefined ? {} : { errorCode }),
          errorCodeText: STATUS_TEXT[status] ?? "Error",
          errorCodeMessage: message.slice(0, 5000),
        },
      ],
    });
}

function signed(reply: FastifyReply, answer: Signed) {
  return reply
    .code(answer.status)
    .header("API-Version", API_VERSION)
    .header("content-type", "application/json; charset=utf-8")
    .send(JSON.stringify(answer.jws));
}

const isLoopback = (ip: string) => ip === "127.0.0.1" || ip === "::1" || ip === "::ffff:127.0.0.1";

/** Builds the server (not listening yet). */
export function buildServer(options: ServerOptions): FastifyInstance {
  const { receiver, sender, chain, platform } = options;
  const app = Fastify({
    logger: options.logLevel ? { level: options.logLevel } : false,
    bodyLimit: options.maxEnvelopeBytes ?? 4 * 1024 * 1024,
    requestTimeout: 180_000,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  });

  // JSON bodies; an empty one (finish-transfer sent with a content type) is no body rather than an error.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    if (body === "") return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      (error as FastifyError).statusCode = 400;
      done(error as Error, undefined);
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof NotFound) return errorResponse(reply, request, 404, error.message);
    if (error instanceof ExportRefused) return errorResponse(reply, request, error.status, error.message);
    if (error.validation) return errorResponse(reply, request, 400, `Malformed request: ${error.message}.`, 7003);
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
      return errorResponse(reply, request, 413, "The body is larger than this platform accepts.");
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
      return errorResponse(reply, request, 415, "Send the request as application/json.");
    if (error.statusCode !== undefined && error.statusCode < 500)
      return errorResponse(reply, request, 400, `Malformed request: ${error.message}.`, 7003);
    request.log.error(error);
    return errorResponse(reply, request, 500, "The receiving platform failed; retry the request.");
  });
  app.setNotFoundHandler((request, reply) =>
    errorResponse(reply, request, 404, `No route ${request.method} ${request.url.split("?")[0]}.`),
  );

  // Administration is for the operator on this machine only.
  app.addHook("onRequest", async (request, reply) => {
    if ((request.url.startsWith("/admin/") || request.url === "/health") && !isLoopback(request.ip)) {
      return errorResponse(reply, request, 403, "Administration is answered on loopback only.");
    }
  });

  app.get("/.well-known/jwks.json", async (_request, reply) =>
    reply.header("cache-control", "max-age=300").send(options.jwks),
  );

  app.post("/v3/envelopes", { schema: { body: { type: "object" } } }, async (request, reply) => {
    const answer = await receiver.start(request.body);
    if (answer.kind === "signed") return signed(reply, answer);
    return reply.code(201).header("API-Version", API_VERSION).send(answer.body);
  });

  // Documents: a JSON string (base64), up to the decoded limit.
  app.register(async (scope) => {
    scope.removeContentTypeParser("application/json");
    scope.addContentTypeParser(
      "application/json",
      { parseAs: "string", bodyLimit: Math.ceil((options.maxDocumentBytes * 4) / 3) + 1024 },
      (_request, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch (error) {
          (error as FastifyError).statusCode = 400;
          done(error as Error, undefined);
        }
      },
    );
    scope.put<{ Params: { envelopeReference: string; documentChecksum: string }; Body: string }>(
      "/v3/envelopes/:envelopeReference/additional-documents/:documentChecksum",
      {
        schema: {
          params: {
            type: "object",
            properties: {
              envelopeReference: { type: "string", maxLength: 100 },
              documentChecksum: { type: "string", pattern: CHECKSUM },
            },
          },
          body: { type: "string", pattern: "^[A-Za-z0-9+/]*={0,2}$" },
        },
      },
      async (request, reply) => {
        const content = Buffer.from(request.body, "base64");
        const answer = await receiver.document(
          request.params.envelopeReference,
          request.params.documentChecksum,
          content,
        );
        if (answer.kind === "signed") return signed(reply, answer);
        return reply.code(204).header("API-Version", API_VERSION).send();
      },
    );
  });

  app.put<{ Params: { envelopeReference: string } }>(
    "/v3/envelopes/:envelopeReference/finish-transfer",
    { schema: { params: { type: "object", properties: { envelopeReference: { type: "string", maxLength: 100 } } } } },
    async (request, reply) => signed(reply, await receiver.finish(request.params.envelopeReference)),
  );

  app.post<{ Body: { codeListProvider: string; partyCode: string } }>(
    "/v3/receiver-validation",
    {
      schema: {
        body: {
          type: "object",
          required: ["codeListProvider", "partyCode"],
          properties: {
            codeListProvider: { type: "string", maxLength: 100 },
            partyCode: { type: "string", maxLength: 150 },
          },
        },
      },
    },
    async (request, reply) => {
      const account = ourAddress(
        { partyName: request.body.partyCode, eblPlatform: platform, identifyingCodes: [request.body] },
        platform,
        chain.chainId,
      );
      if (account === undefined || !(await chain.acceptsEbls(account))) {
        return errorResponse(reply, request, 404, "No account of this platform accepts eBLs under that code.");
      }
      return reply.header("API-Version", API_VERSION).send({ partyName: account });
    },
  );

  app.get("/health", async (_request, reply) => {
    const nodeChainId = await chain.nodeChainId();
    return reply.code(nodeChainId === chain.chainId ? 200 : 503).send({
      status: nodeChainId === chain.chainId ? "ok" : "wrong chain",
      chainId: chain.chainId,
      nodeChainId,
      platform,
      eblRegistry: chain.eblRegistry,
      platformGateway: chain.platformGateway,
      operator: chain.operator.address,
    });
  });

  app.post<{
    Body: {
      tokenId: string;
      transportDocument: Record<string, unknown>;
      recipient: PintParty;
      supportingDocuments?: { name: string; mediaType: string; content: string }[];
    };
  }>(
    "/admin/exports",
    {
      schema: {
        body: {
          type: "object",
          required: ["tokenId", "transportDocument", "recipient"],
          additionalProperties: false,
          properties: {
            tokenId: { type: "string", pattern: "^[0-9]{1,78}$" },
            transportDocument: { type: "object" },
            recipient: {
              type: "object",
              required: ["partyName", "eblPlatform", "identifyingCodes"],
              properties: {
                partyName: { type: "string", minLength: 1, maxLength: 70 },
                eblPlatform: { type: "string", minLength: 1, maxLength: 4 },
                identifyingCodes: { type: "array", minItems: 1 },
              },
            },
            supportingDocuments: {
              type: "array",
              maxItems: 100,
              items: {
                type: "object",
                required: ["name", "mediaType", "content"],
                additionalProperties: false,
                properties: {
                  name: { type: "string", minLength: 1, maxLength: 255 },
                  mediaType: { type: "string", minLength: 1, maxLength: 100 },
                  content: { type: "string" },
                },
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const result = await sender.export({
        tokenId: BigInt(request.body.tokenId),
        transportDocument: request.body.transportDocument,
        recipient: request.body.recipient,
        supportingDocuments: (request.body.supportingDocuments ?? []).map((d) => ({
          name: d.name,
          mediaType: d.mediaType,
          content: new Uint8Array(Buffer.from(d.content, "base64")),
        })),
      });
      return reply.code(200).send(result);
    },
  );

  app.get<{ Params: { tokenId: string } }>(
    "/admin/exports/:tokenId",
    { schema: { params: { type: "object", properties: { tokenId: { type: "string", pattern: "^[0-9]{1,78}$" } } } } },
    async (request, reply) => {
      const entry = options.store.export(request.params.tokenId);
      if (entry === undefined) throw new NotFound(`No export of token ${request.params.tokenId}.`);
      return reply.send(sender.view(entry));
    },
  );

  return app;
}
