import { type SQL, sql } from "drizzle-orm";
import ipaddr from "ipaddr.js";
import { type Queryable, resultRows } from "../../db/client.js";
import { sha256 } from "../../shared/crypto.js";
import { parseApiKey } from "../tenancy/index.js";

/** A token bucket: up to `capacity` requests at once, refilled at `perSecond` tokens a second. */
export interface RateLimit {
  capacity: number;
  perSecond: number;
}

/** What one bucket said about one request. */
export interface RateLimitDecision {
  key: string;
  limit: RateLimit;
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Until one token is back (0 when allowed). */
  retryAfterMs: number;
  /** Until the bucket is full again. */
  resetMs: number;
}

interface BucketRow {
  i: number;
  allowed: boolean;
  remaining: number;
  retry_after_ms: number;
  reset_ms: number;
}

/**
 * Takes one token from each bucket in one round trip, through the SQL function
 * `take_rate_limit_token` (migration 0020), so every API process shares the same buckets. Buckets
 * are taken in the order given, each under its row lock for the statement; callers always give
 * them in the same order (address before key), so two statements never wait on each other in a
 * cycle. Runs outside any tenant: the buckets are global.
 */
export async function takeRateLimitTokens(
  db: Queryable,
  buckets: { key: string; limit: RateLimit }[],
): Promise<RateLimitDecision[]> {
  if (buckets.length === 0) return [];
  const calls: SQL[] = buckets.map(
    ({ key, limit }, i) =>
      sql`select ${i}::integer as i, * from take_rate_limit_token(${key}::text, ${Math.max(1, Math.floor(limit.capacity))}::integer, ${limit.perSecond}::double precision)`,
  );
  const rows = resultRows<BucketRow>(await db.execute(sql.join(calls, sql` union all `)));
  return buckets.map(({ key, limit }, i) => {
    const row = rows.find((r) => Number(r.i) === i);
    if (!row) throw new Error(`take_rate_limit_token returned no row for ${key}`);
    return {
      key,
      limit,
      allowed: row.allowed,
      remaining: Number(row.remaining),
      retryAfterMs: Number(row.retry_after_ms),
      resetMs: Number(row.reset_ms),
    };
  });
}

/** Takes one token from the bucket `key`; see {@link takeRateLimitTokens}. */
export async function takeRateLimitToken(db: Queryable, key: string, limit: RateLimit): Promise<RateLimitDecision> {
  const [decision] = await takeRateLimitTokens(db, [{ key, limit }]);
  if (!decision) throw new Error("takeRateLimitTokens returned nothing");
  return decision;
}

/**
 * Deletes buckets untouched for `idleMs` (default an hour): by then any bucket with a sane refill
 * rate is full again, which is what a missing row means. For a periodic job; returns the count.
 */
export async function deleteIdleRateLimitBuckets(db: Queryable, idleMs = 60 * 60 * 1000): Promise<number> {
  const rows = resultRows<{ key: string }>(
    await db.execute(
      sql`delete from rate_limit_buckets where refilled_at < now() - make_interval(secs => ${idleMs / 1000}) returning key`,
    ),
  );
  return rows.length;
}

/**
 * The bucket name for an API key sent as a bearer token, without reading the key table: its
 * visible prefix (which names the key) plus a short hash of the whole token. The prefix alone is
 * not secret (it is shown in the portal and in logs), so a bucket by prefix could be drained by
 * anyone who saw it, locking the real key out; with the hash only the key's holder spends its
 * bucket, and made-up secrets fall to the address bucket. Null when the token is not an API key.
 */
export function apiKeyBucketKey(token: string): string | null {
  const parsed = parseApiKey(token);
  return parsed ? `key:${parsed.prefix}:${sha256(token).slice(0, 16)}` : null;
}

/**
 * The bucket name for a client address: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 by its
 * /64 network (one subscriber usually holds a whole /64 and can change addresses inside it at will).
 * Null when `address` is not an IP address.
 */
export function addressBucketKey(address: string | null | undefined): string | null {
  // Some proxies write `1.2.3.4:5678` or `[2001:db8::1]:443`; the port is not part of the client.
  const trimmed = (address?.trim() ?? "").replace(/^\[([^\]]+)\](?::\d+)?$/, "$1").replace(/^([\d.]+):\d+$/, "$1");
  // Drop a zone (`fe80::1%eth0`) before parsing.
  const bare = trimmed.split("%")[0] ?? "";
  if (!ipaddr.isValid(bare)) return null;
  // process() turns IPv4-mapped IPv6 into the IPv4 address it carries.
  const parsed = ipaddr.process(bare);
  if (parsed.kind() === "ipv4") return `ip:${parsed.toString()}`;
  const network = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `ip:${network.join(":")}::/64`;
}
