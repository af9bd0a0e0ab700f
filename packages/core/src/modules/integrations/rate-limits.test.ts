import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/index.js";
import {
  addressBucketKey,
  apiKeyBucketKey,
  deleteIdleRateLimitBuckets,
  takeRateLimitToken,
  takeRateLimitTokens,
} from "./rate-limits.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.destroy());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("token buckets", () => {
  it("allows a burst of `capacity`, then refuses with the time until the next token", async () => {
    const limit = { capacity: 3, perSecond: 0.5 };
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await takeRateLimitToken(db.db, "test:burst", limit));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([2, 1, 0, 0]);
    expect(decisions[0]?.retryAfterMs).toBe(0);
    // Empty at 0.5 tokens a second: about 2 s to the next token, 6 s to full.
    expect(decisions[3]?.retryAfterMs).toBeGreaterThan(1500);
    expect(decisions[3]?.retryAfterMs).toBeLessThanOrEqual(2000);
    expect(decisions[3]?.resetMs).toBeGreaterThan(5500);
    expect(decisions[3]?.resetMs).toBeLessThanOrEqual(6000);
  });

  it("refills at `perSecond`", async () => {
    // 5 a second: one token back every 200 ms, far slower than three takes in a row.
    const limit = { capacity: 2, perSecond: 5 };
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push((await takeRateLimitToken(db.db, "test:refill", limit)).allowed);
    expect(taken).toEqual([true, true, false]);
    await sleep(250);
    const refilled = await takeRateLimitToken(db.db, "test:refill", limit);
    expect(refilled.allowed).toBe(true);
    expect(refilled.remaining).toBe(0);
  });

  it("keeps buckets apart and takes several in one call, in order", async () => {
    const tight = { capacity: 1, perSecond: 0.01 };
    const [a1, b1] = await takeRateLimitTokens(db.db, [
      { key: "test:a", limit: tight },
      { key: "test:b", limit: { capacity: 5, perSecond: 1 } },
    ]);
    expect([a1?.key, a1?.allowed, b1?.key, b1?.allowed, b1?.remaining]).toEqual(["test:a", true, "test:b", true, 4]);
    const [a2, b2] = await takeRateLimitTokens(db.db, [
      { key: "test:a", limit: tight },
      { key: "test:b", limit: { capacity: 5, perSecond: 1 } },
    ]);
    expect(a2?.allowed).toBe(false);
    expect(b2?.allowed).toBe(true);
    expect(await takeRateLimitTokens(db.db, [])).toEqual([]);
  });

  it("counts exactly under concurrent takes", async () => {
    const limit = { capacity: 10, perSecond: 0.001 };
    const decisions = await Promise.all(
      Array.from({ length: 15 }, () => takeRateLimitToken(db.db, "test:concurrent", limit)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
  });

  it("forgets idle buckets", async () => {
    await takeRateLimitToken(db.db, "test:idle", { capacity: 1, perSecond: 1 });
    await db.query("update rate_limit_buckets set refilled_at = now() - interval '2 hours' where key = 'test:idle'");
    expect(await deleteIdleRateLimitBuckets(db.db)).toBe(1);
    expect(await db.query("select 1 from rate_limit_buckets where key = 'test:idle'")).toEqual([]);
  });
});

describe("bucket names", () => {
  it("names a client by its IPv4 address or its IPv6 /64", () => {
    expect(addressBucketKey("203.0.113.7")).toBe("ip:203.0.113.7");
    expect(addressBucketKey("::ffff:203.0.113.7")).toBe("ip:203.0.113.7");
    expect(addressBucketKey("2001:db8:1:2:aaaa::1")).toBe("ip:2001:db8:1:2::/64");
    expect(addressBucketKey("2001:0DB8:0001:0002:ffff:0:0:9")).toBe("ip:2001:db8:1:2::/64");
    expect(addressBucketKey("2001:db8::1")).toBe("ip:2001:db8:0:0::/64");
    expect(addressBucketKey("::1")).toBe("ip:0:0:0:0::/64");
    expect(addressBucketKey("fe80::1%eth0")).toBe("ip:fe80:0:0:0::/64");
    expect(addressBucketKey("64:ff9b::192.0.2.1")).toBe("ip:64:ff9b:0:0::/64");
    expect(addressBucketKey("203.0.113.7:5678")).toBe("ip:203.0.113.7");
    expect(addressBucketKey("[2001:db8:1:2::1]:443")).toBe("ip:2001:db8:1:2::/64");
    for (const bad of [undefined, null, "", "unknown", "300.1.1.1", "example.com"])
      expect(addressBucketKey(bad)).toBeNull();
  });

  it("names an API key by its visible prefix and a hash of the whole token", () => {
    const key = `tc_live_yiwu_ab12cd34_${"s".repeat(40)}`;
    const bucket = apiKeyBucketKey(key);
    expect(bucket).toMatch(/^key:tc_live_yiwu_ab12cd34:[0-9a-f]{16}$/);
    expect(apiKeyBucketKey(key)).toBe(bucket);
    // Someone who saw only the prefix gets a bucket of their own, not the key's.
    expect(apiKeyBucketKey(`tc_live_yiwu_ab12cd34_${"t".repeat(40)}`)).not.toBe(bucket);
    expect(apiKeyBucketKey("not-a-key")).toBeNull();
  });
});
