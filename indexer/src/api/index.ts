/**
 * The indexer's HTTP API on 127.0.0.1: GraphQL at `/graphql`, Ponder's SQL over HTTP at `/sql/*`, and the two reads
 * the SDK makes (`ebl.heldBy`, `ebl.history` with `indexerUrl`) as plain JSON at `/rails/*`. Amounts, token ids and
 * block numbers are decimal strings in JSON.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { and, asc, client, count, eq, graphql } from "ponder";

const app = new Hono();
app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

const json = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as unknown;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const UINT = /^[0-9]{1,78}$/;

/** The eBLs `address` holds, by token id, one page at a time: `?page=0&pageSize=100` (at most 1000). */
app.get("/rails/held-by/:address", async (c) => {
  const address = c.req.param("address");
  const page = Number(c.req.query("page") ?? 0);
  const pageSize = Number(c.req.query("pageSize") ?? 100);
  if (!ADDRESS.test(address)) return c.json({ error: "address: a 0x-prefixed 20-byte hex address" }, 400);
  if (!Number.isSafeInteger(page) || page < 0) return c.json({ error: "page: an integer from 0" }, 400);
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    return c.json({ error: "pageSize: an integer from 1 to 1000" }, 400);
  }
  const holder = address.toLowerCase() as `0x${string}`;
  const rows = await db
    .select()
    .from(schema.ebl)
    .where(eq(schema.ebl.holder, holder))
    .orderBy(asc(schema.ebl.tokenId))
    .limit(pageSize + 1)
    .offset(page * pageSize);
  const [{ total }] = (await db.select({ total: count() }).from(schema.ebl).where(eq(schema.ebl.holder, holder))) as [
    { total: number },
  ];
  return c.json(
    json({
      items: rows.slice(0, pageSize).map(({ events: _events, ...row }) => row),
      total,
      nextPage: rows.length > pageSize ? page + 1 : null,
    }),
  );
});

/** One eBL's chain of entries, oldest first, and the block the indexer has read to. */
app.get("/rails/history/:tokenId", async (c) => {
  const tokenId = c.req.param("tokenId");
  if (!UINT.test(tokenId)) return c.json({ error: "tokenId: a decimal uint256" }, 400);
  const entries = await db
    .select()
    .from(schema.chainEntry)
    .where(and(eq(schema.chainEntry.tokenId, BigInt(tokenId))))
    .orderBy(asc(schema.chainEntry.seq));
  const bill = await db
    .select()
    .from(schema.ebl)
    .where(eq(schema.ebl.tokenId, BigInt(tokenId)));
  return c.json(json({ registry: bill[0]?.registry ?? null, chainId: bill[0]?.chainId ?? null, entries }));
});

export default app;
