import {
  bytesToHex,
  decodeEventLog,
  encodeEventTopics,
  hexToBigInt,
  numberToHex,
  pad,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";

import { consentRegistryAbi } from "./abi/index.js";
import {
  assertConsentTerms,
  assertDataRequest,
  consentPurposes,
  consentRefusals,
  grantIdOf,
  hashDataRequest,
  requestOnChain,
  signConsentGrant,
  signConsentRevocation,
  signDataRequest,
  termsFromChain,
  termsOnChain,
  toConsentTerms,
  type AccessLogCursor,
  type AccessLogQuery,
  type AccessRecord,
  type ConsentNamespace,
  type ConsentPurpose,
  type CoverageQuery,
  type SignedConsentGrant,
  type SignedDataRequest,
} from "./consent.js";
import { ContractRevertError } from "./contractErrors.js";
import { decodeDocumentTypes } from "./documentTypes.js";
import { enumName } from "./enums.js";
import { InvalidArgumentError } from "./errors.js";
import { assertAddress, assertBytes32, toUnixSeconds } from "./guards.js";
import { callsOf, cutPage, pageSettings } from "./internal/paging.js";
import {
  action,
  chainTime,
  eip712DomainReader,
  extendWait,
  readContract,
  senderOf,
  walletAccount,
  writeContract,
  type ContractContext,
  type WriteReceipt,
} from "./internal/contract.js";

/** @internal What the namespace needs from the rest of the client. */
export interface ConsentDependencies {
  /** The ConsentRegistry. */
  ctx: ContractContext<typeof consentRegistryAbi>;
  /** The configured eBL registry, if any (the default registry of a `billDocuments` scope). */
  eblRegistry: Address | undefined;
  /** Where `accessLog` starts by default. */
  fromBlock: bigint | undefined;
}

/** The `AccessRecorded` and `ConsentGranted` events of a receipt, from this registry. */
function eventsOf<TName extends "AccessRecorded" | "ConsentGranted">(
  { events }: WriteReceipt,
  address: Address,
  eventName: TName,
) {
  return events.filter(
    (e): e is Extract<typeof e, { contract: "ConsentRegistry"; eventName: TName }> =>
      e.contract === "ConsentRegistry" && e.eventName === eventName && e.address === address,
  );
}

/** @internal Builds the namespace; use {@link createCargoRails}. */
export function createConsent(deps: ConsentDependencies): ConsentNamespace {
  const { ctx } = deps;
  const domain = eip712DomainReader(ctx);
  const deadlineOf = async (deadline: bigint | Date | undefined, seconds: bigint, argument = "deadline") =>
    deadline === undefined ? (await chainTime(ctx.publicClient)) + seconds : toUnixSeconds(deadline, argument);
  const grantIdFrom = (receipt: WriteReceipt) => {
    const granted = eventsOf(receipt, ctx.address, "ConsentGranted")[0];
    // A successful grant always emits ConsentGranted.
    if (granted === undefined) {
      throw new InvalidArgumentError(
        "addresses.consentRegistry",
        ctx.address,
        "a ConsentRegistry (no ConsentGranted in the receipt)",
      );
    }
    return { grantId: granted.args.grantId };
  };
  const assertSigned = (signed: unknown): SignedDataRequest => {
    if (typeof signed !== "object" || signed === null) {
      throw new InvalidArgumentError("signed", signed, "a SignedDataRequest (from consent.signDataRequest)");
    }
    const s = signed as Record<string, unknown>;
    return {
      request: assertDataRequest(s.request),
      signature: assertSignature(s.signature),
      requestHash: assertBytes32(s.requestHash, "requestHash"),
    };
  };
  const coverageArgs = (query: CoverageQuery, operation: string) => {
    if (typeof query !== "object" || query === null) {
      throw new InvalidArgumentError("query", query, "{ grantId, documentId, purpose, grantee?, provider? }");
    }
    const purpose = consentPurposes.indexOf(query.purpose);
    if (purpose < 1) {
      throw new InvalidArgumentError("purpose", query.purpose, `a purpose: ${consentPurposes.slice(1).join(", ")}`);
    }
    const grantee =
      query.grantee !== undefined ? assertAddress(query.grantee, "grantee") : senderOf(ctx, `${operation} (grantee)`);
    const provider = query.provider === undefined ? zeroAddress : assertAddress(query.provider, "provider");
    return [
      assertBytes32(query.grantId, "grantId"),
      grantee,
      assertBytes32(query.documentId, "documentId"),
      purpose,
      provider,
    ] as const;
  };

  const ns: ConsentNamespace = {
    address: ctx.address,
    domain,

    grant: action(1, async (call, terms) => {
      const t = toConsentTerms(terms, deps.eblRegistry);
      const result = await writeContract(ctx, "consent.grant", "grant", [termsOnChain(t)], call);
      return extendWait(result, grantIdFrom);
    }),
    async signGrant(terms, options = {}) {
      const t = toConsentTerms(terms, deps.eblRegistry);
      const { wallet, account } = walletAccount(ctx, "consent.signGrant");
      const owner = account.address;
      const nonce = options.nonce ?? (await readContract(ctx, "nonces", [owner]));
      if (typeof nonce !== "bigint" || nonce < 0n) {
        throw new InvalidArgumentError("nonce", nonce, "the owner's grant nonce as a bigint");
      }
      const deadline = await deadlineOf(options.deadline, 3600n);
      const signature = await signConsentGrant(wallet, { domain: await domain(), owner, terms: t, nonce, deadline });
      return { owner, terms: t, nonce, deadline, signature, grantId: grantIdOf(owner, nonce) };
    },
    grantWithSignature: action(1, async (call, signed) => {
      const s = assertSignedGrant(signed);
      const result = await writeContract(
        ctx,
        "consent.grantWithSignature",
        "grantWithSignature",
        [s.owner, termsOnChain(s.terms), s.nonce, s.deadline, s.signature],
        call,
      );
      return extendWait(result, grantIdFrom);
    }),
    revoke: action(1, async (call, p) =>
      writeContract(ctx, "consent.revoke", "revoke", [assertBytes32(p?.grantId, "grantId")], call),
    ),
    async signRevocation(grantId, options = {}) {
      const id = assertBytes32(grantId, "grantId");
      const { wallet } = walletAccount(ctx, "consent.signRevocation");
      const deadline = await deadlineOf(options.deadline, 3600n);
      const signature = await signConsentRevocation(wallet, { domain: await domain(), grantId: id, deadline });
      return { grantId: id, deadline, signature };
    },
    revokeWithSignature: action(1, async (call, signed) => {
      if (typeof signed !== "object" || signed === null) {
        throw new InvalidArgumentError("signed", signed, "a SignedConsentRevocation (from consent.signRevocation)");
      }
      if (typeof signed.deadline !== "bigint" || signed.deadline < 0n) {
        throw new InvalidArgumentError("deadline", signed.deadline, "unix seconds as a bigint");
      }
      return writeContract(
        ctx,
        "consent.revokeWithSignature",
        "revokeWithSignature",
        [assertBytes32(signed.grantId, "grantId"), signed.deadline, assertSignature(signed.signature)],
        call,
      );
    }),

    async grantOf(grantId) {
      const id = assertBytes32(grantId, "grantId");
      const g = await readContract(ctx, "grantOf", [id]);
      if (g.owner === zeroAddress) return null;
      const terms = termsFromChain(g.terms);
      return {
        grantId: id,
        owner: g.owner,
        revoked: g.revoked,
        terms,
        documentTypes: decodeDocumentTypes(terms.documentTypes),
        expiresAt: new Date(terms.expiresAt * 1000),
      };
    },
    isLive: (grantId) => readContract(ctx, "isLive", [assertBytes32(grantId, "grantId")]),
    async covers(query) {
      const args = coverageArgs(query, "consent.covers");
      try {
        await readContract(ctx, "covers", args);
        return { covered: true };
      } catch (error) {
        const reason = error instanceof ContractRevertError ? consentRefusals[error.errorName] : undefined;
        if (reason === undefined) throw error;
        return { covered: false, reason, error: error as ContractRevertError };
      }
    },
    async assertCovers(query) {
      await readContract(ctx, "covers", coverageArgs(query, "consent.assertCovers"));
    },
    nonces: async (owner) =>
      readContract(ctx, "nonces", [
        owner === undefined ? senderOf(ctx, "consent.nonces (owner)") : assertAddress(owner, "owner"),
      ]),
    isRecorded: (requestHash) => readContract(ctx, "isRecorded", [assertBytes32(requestHash, "requestHash")]),

    async signDataRequest(params) {
      if (typeof params !== "object" || params === null) {
        throw new InvalidArgumentError("params", params, "{ grantId, documentId, purpose?, nonce?, deadline? }");
      }
      const grantId = assertBytes32(params.grantId, "grantId");
      const documentId = assertBytes32(params.documentId, "documentId");
      const { wallet } = walletAccount(ctx, "consent.signDataRequest");
      let purpose: ConsentPurpose | undefined = params.purpose;
      if (purpose === undefined) {
        const grant = await ns.grantOf(grantId);
        if (grant === null) {
          throw new InvalidArgumentError("grantId", grantId, "a grant (none has this id): or state the purpose");
        }
        purpose = grant.terms.purpose;
      }
      const nonce =
        params.nonce === undefined
          ? bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(32)))
          : assertBytes32(params.nonce, "nonce");
      const deadline = await deadlineOf(params.deadline, 600n);
      const request = assertDataRequest({ grantId, documentId, purpose, nonce, deadline });
      const d = await domain();
      const signature = await signDataRequest(wallet, { domain: d, request });
      return { request, signature, requestHash: hashDataRequest(request, d) };
    },
    hashDataRequest: async (request) => hashDataRequest(request, await domain()),
    recordAccess: action(1, async (call, signed) => {
      const s = assertSigned(signed);
      const result = await writeContract(
        ctx,
        "consent.recordAccess",
        "recordAccess",
        [requestOnChain(s.request), s.signature],
        call,
      );
      return extendWait(result, (receipt) => ({
        requestHashes: eventsOf(receipt, ctx.address, "AccessRecorded").map((e) => e.args.requestHash),
      }));
    }),
    recordAccesses: action(1, async (call, list) => {
      if (!Array.isArray(list) || list.length === 0) {
        throw new InvalidArgumentError("signed", list, "a non-empty list of signed data requests");
      }
      const checked = list.map(assertSigned);
      const result = await writeContract(
        ctx,
        "consent.recordAccesses",
        "recordAccesses",
        [checked.map((s) => requestOnChain(s.request)), checked.map((s) => s.signature)],
        call,
      );
      return extendWait(result, (receipt) => ({
        requestHashes: eventsOf(receipt, ctx.address, "AccessRecorded").map((e) => e.args.requestHash),
      }));
    }),
    accessLog: (query, options = {}) => readAccessLog(ctx, deps.fromBlock, query, options),
  };
  return ns;
}

/** @internal Checks a signature's shape (65 bytes, or any non-empty bytes for an ERC-1271 account). */
function assertSignature(value: unknown): Hex {
  if (typeof value !== "string" || !/^0x([0-9a-fA-F]{2})+$/.test(value)) {
    throw new InvalidArgumentError("signature", value, "the signature as 0x-prefixed hex bytes");
  }
  return value as Hex;
}

/** @internal Checks a signed grant given by a caller (relayed, or from JSON). */
function assertSignedGrant(signed: unknown): SignedConsentGrant {
  if (typeof signed !== "object" || signed === null) {
    throw new InvalidArgumentError("signed", signed, "a SignedConsentGrant (from consent.signGrant)");
  }
  const s = signed as Record<string, unknown>;
  for (const key of ["nonce", "deadline"] as const) {
    if (typeof s[key] !== "bigint" || (s[key] as bigint) < 0n) {
      throw new InvalidArgumentError(key, s[key], "a uint256 as a bigint");
    }
  }
  const owner = assertAddress(s.owner, "owner");
  return {
    owner,
    terms: assertConsentTerms(s.terms),
    nonce: s.nonce as bigint,
    deadline: s.deadline as bigint,
    signature: assertSignature(s.signature),
    grantId: grantIdOf(owner, s.nonce as bigint),
  };
}

interface RawLog {
  topics: [Hex, ...Hex[]];
  data: Hex;
  blockNumber: Hex;
  transactionHash: Hex;
  logIndex: Hex;
}

/** @internal Reads a page of `AccessRecorded` events of one grant, or of every grant of an owner. */
async function readAccessLog(
  ctx: ContractContext<typeof consentRegistryAbi>,
  defaultFromBlock: bigint | undefined,
  query: AccessLogQuery,
  options: {
    fromBlock?: bigint | undefined;
    toBlock?: bigint | undefined;
    blockRange?: bigint | undefined;
    limit?: number | undefined;
    cursor?: AccessLogCursor | undefined;
  },
) {
  const { cursor } = options;
  let q: AccessLogQuery;
  if (typeof query === "object" && query !== null && "grantId" in query) {
    q = { grantId: assertBytes32(query.grantId, "query.grantId") };
  } else if (typeof query === "object" && query !== null && "owner" in query) {
    q = { owner: assertAddress(query.owner, "query.owner") };
  } else {
    throw new InvalidArgumentError("query", query, "{ grantId } or { owner }");
  }
  if (
    cursor !== undefined &&
    (typeof cursor !== "object" || cursor === null || JSON.stringify(cursor.query) !== JSON.stringify(q))
  ) {
    throw new InvalidArgumentError("cursor", cursor, "the cursor of a previous page of this access log");
  }
  const { blockRange, limit } = pageSettings(cursor, options, "records");
  const client = ctx.publicClient;
  const call = callsOf(ctx, "consent.accessLog");
  // Uncached: viem caches the block number for the polling interval, which would cut off the latest accesses.
  const latest =
    cursor !== undefined || options.toBlock !== undefined
      ? 0n
      : await call(() => client.getBlockNumber({ cacheTime: 0 }));
  const fromBlock = cursor?.nextBlock ?? options.fromBlock ?? defaultFromBlock ?? 0n;
  const toBlock = cursor?.toBlock ?? options.toBlock ?? latest;
  if (fromBlock < 0n || toBlock < fromBlock) {
    throw new InvalidArgumentError("fromBlock", fromBlock, `a block number from 0 to toBlock (${toBlock})`);
  }
  const topic = (eventName: "AccessRecorded" | "ConsentGranted") =>
    encodeEventTopics({ abi: consentRegistryAbi, eventName } as never)[0] as Hex;
  const getLogs = (start: bigint, end: bigint, topics: (Hex | Hex[] | null)[]) =>
    call(
      async () =>
        (await client.request({
          method: "eth_getLogs",
          params: [{ address: ctx.address, fromBlock: numberToHex(start), toBlock: numberToHex(end), topics }],
        })) as unknown as RawLog[],
    );
  const grantIds = new Set<Hex>("grantId" in q ? [q.grantId] : cursor?.grantIds);
  const ownerGrants = async (start: bigint, end: bigint, owner: Address) => {
    for (const log of await getLogs(start, end, [topic("ConsentGranted"), null, pad(owner.toLowerCase() as Hex)])) {
      grantIds.add(log.topics[1]!);
    }
  };
  const base = defaultFromBlock ?? 0n;
  if ("owner" in q && cursor === undefined && fromBlock > base) {
    // The owner's grants before the first block read: their accesses may fall in the blocks read.
    for (let start = base; start < fromBlock; start += blockRange) {
      await ownerGrants(start, start + blockRange - 1n < fromBlock ? start + blockRange - 1n : fromBlock - 1n, q.owner);
    }
  }
  let logs: RawLog[] = [];
  let readTo = fromBlock - 1n;
  for (let start = fromBlock; start <= toBlock; start += blockRange) {
    const end = start + blockRange - 1n < toBlock ? start + blockRange - 1n : toBlock;
    // The owner's grants of this range first: an access is never recorded before its grant.
    if ("owner" in q) await ownerGrants(start, end, q.owner);
    if (grantIds.size > 0) logs.push(...(await getLogs(start, end, [topic("AccessRecorded"), [...grantIds]])));
    readTo = end;
    if (limit !== undefined && logs.length >= limit) break;
  }
  ({ logs, readTo } = cutPage(logs, limit, readTo));
  const nextBlock = readTo < toBlock ? readTo + 1n : null;
  const timestamps = new Map<string, bigint>(
    await call(() =>
      Promise.all(
        [...new Set(logs.map((log) => log.blockNumber))].map(
          async (n) => [n, (await client.getBlock({ blockNumber: hexToBigInt(n) })).timestamp] as [string, bigint],
        ),
      ),
    ),
  );
  const records: AccessRecord[] = logs.map((log) => {
    const { args } = decodeEventLog({
      abi: consentRegistryAbi,
      eventName: "AccessRecorded",
      topics: log.topics,
      data: log.data,
      strict: true,
    });
    const blockTimestamp = timestamps.get(log.blockNumber)!;
    return {
      grantId: args.grantId,
      grantee: args.grantee,
      documentId: args.documentId,
      requestHash: args.requestHash,
      purpose: enumName(consentPurposes, args.purpose) as ConsentPurpose,
      recorder: args.recorder,
      blockNumber: hexToBigInt(log.blockNumber),
      blockTimestamp,
      time: new Date(Number(blockTimestamp) * 1000),
      transactionHash: log.transactionHash,
      logIndex: Number(hexToBigInt(log.logIndex)),
    };
  });
  return {
    records,
    fromBlock,
    toBlock: nextBlock === null ? toBlock : nextBlock - 1n,
    cursor:
      nextBlock === null
        ? null
        : { query: q, nextBlock, toBlock, blockRange, limit, grantIds: "owner" in q ? [...grantIds] : [] },
  };
}
