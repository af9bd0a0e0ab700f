import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../shared/context.js";
import { DomainError } from "../../shared/errors.js";
import {
  asActor,
  createTestDatabase,
  createTestTenant,
  type TestDatabase,
  type TestTenant,
  tenantSql,
  userActor,
} from "../../testing/index.js";
import {
  claimIdempotencyKey,
  deleteExpiredIdempotentRequests,
  hashRequestInput,
  type IdempotentRequest,
  parseIdempotencyKey,
  saveIdempotentResponse,
} from "./idempotency.js";
import { deleteExpiredRequestState } from "./maintenance.js";

let db: TestDatabase;
let market: TestTenant;
let other: TestTenant;
let buyer: Actor;
const apiKey: Actor = {
  type: "apiKey",
  apiKeyId: "0190c7a0-0000-7000-8000-000000000001",
  organisationId: "x",
  kinds: [],
  scopes: [],
};

beforeAll(async () => {
  db = await createTestDatabase();
  market = await createTestTenant(db, "idem", { buyer: ["buyer"] });
  other = await createTestTenant(db, "idem-other", { buyer: ["buyer"] });
  const org = market.orgs.buyer;
  if (!org) throw new Error("fixture has no buyer");
  buyer = userActor(org);
});
afterAll(() => db?.destroy());

/** Claims the key, and when it is ours runs `work` and stores its answer, as transport does. */
const once = (tenant: TestTenant, actor: Actor, request: IdempotentRequest, work: () => unknown = () => ({ n: 1 })) =>
  asActor(db, tenant, actor, async (ctx) => {
    const claim = await claimIdempotencyKey({ ctx, input: request });
    if (claim.status !== "claimed") return claim;
    const response = await work();
    await saveIdempotentResponse({ ctx, input: { caller: claim.caller, key: claim.key, response } });
    return { status: "ran" as const, response };
  });

const rowCount = async (tenant: TestTenant) => {
  const result = await tenantSql(db, tenant.id, sql`select count(*)::int as n from idempotent_requests`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return rows[0]?.n ?? 0;
};

describe("idempotency keys", () => {
  it("runs the first request and replays its stored answer for the same key and input", async () => {
    const request = { key: "order-1", procedure: "catalog.createListing", input: { a: 1, b: [1, 2] } };
    expect(await once(market, buyer, request, () => ({ id: "L1" }))).toEqual({ status: "ran", response: { id: "L1" } });
    // Same input with its keys in another order is the same request.
    const again = await once(market, buyer, { ...request, input: { b: [1, 2], a: 1 } }, () => {
      throw new Error("must not run twice");
    });
    expect(again).toEqual({ status: "replay", response: { id: "L1" } });
  });

  it("refuses the key with another input or another procedure, naming the header", async () => {
    const request = { key: "order-2", procedure: "catalog.createListing", input: { a: 1 } };
    await once(market, buyer, request);
    for (const changed of [
      { ...request, input: { a: 2 } },
      { ...request, procedure: "catalog.updateListing" },
    ]) {
      const error = await once(market, buyer, changed).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("CONFLICT");
      expect((error as DomainError).messages.en).toContain("Idempotency-Key");
      expect((error as DomainError).messages.zh).toContain("Idempotency-Key");
    }
  });

  it("frees the key when the work fails and its transaction rolls back", async () => {
    const request = { key: "order-3", procedure: "matching.postDemand", input: { q: 1 } };
    await expect(
      once(market, buyer, request, () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await once(market, buyer, { ...request, input: { q: 2 } })).toMatchObject({ status: "ran" });
  });

  it("keeps callers apart: one caller's key is invisible to another", async () => {
    const request = { key: "shared-name", procedure: "catalog.createListing", input: { a: 1 } };
    expect(await once(market, buyer, request)).toMatchObject({ status: "ran" });
    expect(await once(market, apiKey, { ...request, input: { a: 99 } })).toMatchObject({ status: "ran" });
  });

  it("cannot touch another tenant's rows", async () => {
    const request = { key: "cross-market", procedure: "catalog.createListing", input: { a: 1 } };
    await once(market, buyer, request);
    // The same caller id and key in another market is a different key, and that market sees none of ours.
    expect(await once(other, buyer, { ...request, input: { a: 2 } })).toMatchObject({ status: "ran" });
    const otherRows = await tenantSql(db, other.id, sql`select key from idempotent_requests`);
    const keys = ((Array.isArray(otherRows) ? otherRows : (otherRows as { rows: unknown[] }).rows) as { key: string }[])
      .map((r) => r.key)
      .sort();
    expect(keys).toEqual(["cross-market"]);
  });

  it("treats a row older than 24 hours as absent, and the cleanup deletes only such rows", async () => {
    const request = { key: "old", procedure: "catalog.createListing", input: { a: 1 } };
    await once(market, buyer, request);
    await tenantSql(
      db,
      market.id,
      sql`update idempotent_requests set created_at = now() - interval '25 hours' where key = 'old'`,
    );
    // A different input would be refused within the day; after it the key starts over.
    expect(await once(market, buyer, { ...request, input: { a: 2 } })).toMatchObject({ status: "ran" });

    await tenantSql(
      db,
      market.id,
      sql`update idempotent_requests set created_at = now() - interval '25 hours' where key = 'old'`,
    );
    const before = await rowCount(market);
    expect(await deleteExpiredIdempotentRequests(db.db, market.id)).toBe(1);
    expect(await rowCount(market)).toBe(before - 1);
    expect(await deleteExpiredIdempotentRequests(db.db, market.id)).toBe(0);

    // The API's periodic sweep does the same for every market.
    await once(market, buyer, { ...request, key: "older" });
    await tenantSql(
      db,
      market.id,
      sql`update idempotent_requests set created_at = now() - interval '25 hours' where key = 'older'`,
    );
    expect((await deleteExpiredRequestState(db.db)).idempotentRequests).toBe(1);
    expect(await rowCount(market)).toBe(before - 1);
  });

  it("does not cover anonymous callers", async () => {
    const claim = await asActor(db, market, { type: "anonymous" }, (ctx) =>
      claimIdempotencyKey({ ctx, input: { key: "k", procedure: "auth.signIn", input: {} } }),
    );
    expect(claim).toEqual({ status: "uncovered" });
  });
});

describe("key format and input hash", () => {
  it("accepts 1–255 visible ASCII characters and refuses anything else, naming the header", () => {
    expect(parseIdempotencyKey("a")).toBe("a");
    expect(parseIdempotencyKey("9f1c-4b2e_~!")).toBe("9f1c-4b2e_~!");
    expect(parseIdempotencyKey("x".repeat(255))).toHaveLength(255);
    for (const bad of ["", " ", "has space", "x".repeat(256), "键", "tab\tkey"]) {
      expect(() => parseIdempotencyKey(bad)).toThrow(/Idempotency-Key/);
    }
  });

  it("hashes canonical JSON: key order does not matter, values and Dates do", () => {
    expect(hashRequestInput({ a: 1, b: { c: 2, d: 3 } })).toBe(hashRequestInput({ b: { d: 3, c: 2 }, a: 1 }));
    expect(hashRequestInput({ a: 1 })).not.toBe(hashRequestInput({ a: 2 }));
    expect(hashRequestInput([1, 2])).not.toBe(hashRequestInput([2, 1]));
    const at = new Date("2025-01-02T03:04:05.000Z");
    expect(hashRequestInput({ at })).toBe(hashRequestInput({ at: at.toISOString() }));
    expect(hashRequestInput(undefined)).toBe(hashRequestInput(null));
  });
});
