/**
 * The service's use of the SDK's PINT entry (`@cargo-rails/sdk/pint`): verify an arriving envelope, sign and verify
 * the receiver's answers, build the envelope of an export from the eBL's on-chain history.
 */
import type { Address } from "viem";

import {
  buildEnvelope,
  signResponse,
  signedContentChecksum,
  verifyEnvelope,
  verifyResponse,
  type PintDocument,
  type PintFinishedResponse,
  type PintJwks,
  type PintKeyring,
  type PintParty,
  type PintResponseCode,
  type VerifiedEnvelope,
} from "../../../sdk/src/pint/index.js";
import type { ChainAccess } from "./chain.js";
import type { SigningKey } from "./keys.js";

export type ResponseCode = PintResponseCode;
export type FinishedResponse = PintFinishedResponse;
export type OutgoingDocument = Omit<PintDocument, "content">;

/** An envelope whose signatures, chain and manifest verified (the SDK's result). */
export type { VerifiedEnvelope };

export type Incoming =
  | { ok: true; envelope: VerifiedEnvelope; senderPlatform: string }
  | { ok: false; responseCode: "BSIG" | "BENV"; reason: string; lastEntryChecksum: string };

/** The checksum a refusal names: the last chain entry's when there is one, else the SHA-256 of what was sent. */
function lastChecksumOf(body: unknown): string {
  const chain = (body as { envelopeTransferChain?: unknown } | null)?.envelopeTransferChain;
  const last = Array.isArray(chain) ? chain.at(-1) : undefined;
  return signedContentChecksum(typeof last === "string" ? last : JSON.stringify(body ?? null));
}

/**
 * Verifies an arriving envelope against the peers' published keys, its last transaction addressed to `platform`
 * (never throws on bad input).
 */
export async function verifyIncoming(body: unknown, keys: PintKeyring, platform: string): Promise<Incoming> {
  const result = await verifyEnvelope(body, { keys, receivingPlatform: platform });
  if (!result.ok) {
    return {
      ok: false,
      responseCode: result.responseCode,
      reason: result.reason,
      lastEntryChecksum: lastChecksumOf(body),
    };
  }
  return { ok: true, envelope: result, senderPlatform: result.chain.at(-1)!.entry.eblPlatform };
}

/** Signs an answer with the platform's key (JWS compact). */
export function signAnswer(response: FinishedResponse, key: SigningKey): Promise<string> {
  return signResponse(response, key.signer);
}

/** Verifies a receiver's signed answer against its published keys. */
export async function verifyAnswer(
  jws: string,
  keys: PintJwks,
  lastEntryChecksum: string,
): Promise<{ ok: true; response: FinishedResponse } | { ok: false; reason: string }> {
  const result = await verifyResponse(jws, { keys, lastEntryChecksum });
  return result.ok ? { ok: true, response: result.response } : { ok: false, reason: result.reason };
}

/** Builds the envelope of an export: the eBL's history read from our registry, handed to `recipient`. */
export async function buildOutgoing(input: {
  chain: ChainAccess;
  tokenId: bigint;
  transportDocument: Record<string, unknown>;
  platform: string;
  actor: Address;
  recipient: PintParty;
  supportingDocuments: { name: string; mediaType: string; content: Uint8Array }[];
  key: SigningKey;
  previousChain?: readonly string[];
}): Promise<{ envelope: unknown; documents: PintDocument[]; lastEntryChecksum: string }> {
  const history = await input.chain.history(input.tokenId);
  const built = await buildEnvelope({
    platform: input.platform,
    transportDocument: input.transportDocument as never,
    history,
    signer: input.key.signer,
    // Dated now, but never before the last action on our chain nor the hand-over the eBL arrived with (the SDK's
    // default: block times and the other platform's clock may run ahead of ours).
    transfer: { recipient: input.recipient, actor: input.actor },
    supportingDocuments: input.supportingDocuments,
    ...(input.previousChain === undefined ? {} : { previousChain: input.previousChain }),
  });
  return { envelope: built.envelope, documents: built.documents, lastEntryChecksum: built.lastEntryChecksum };
}
