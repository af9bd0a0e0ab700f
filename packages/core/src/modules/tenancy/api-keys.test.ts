import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultRows } from "../../db/client.js";
import { inSandbox, withTenant } from "../../db/tenant.js";
import { DomainError } from "../../shared/errors.js";
import {
  asActor,
  createTestDatabase,
  createTestSandbox,
  createTestTenant,
  type TestDatabase,
  type TestTenant,
  userActor,
} from "../../testing/index.js";
import { createApiKey, listApiKeys, resolveApiKey, revokeApiKey, rotateApiKey } from "./api-keys.js";
import { organisations } from "./tables.js";

let db: TestDatabase;
let live: TestTenant;
let sandbox: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  db = await createTestDatabase();
  live = await createTestTenant(db, "yiwu", { merchant: ["merchant"], buyer: ["buyer"] });
  sandbox = await createTestSandbox(db, live);
  other = await createTestTenant(db, "keqiao", { merchant: ["merchant"] });
});
afterAll(() => db.destroy());

const merchant = () => userActor(live.orgs.merchant ?? raise());
function raise(): never {
  throw new Error("fixture missing");
}
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
  );
const tenantIdIn = async (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) =>
  resultRows<{ t: string }>(await tx.execute(sql`select current_setting('app.tenant_id', true) as t`))[0]?.t;

describe("inSandbox", () => {
  it("acts for the sandbox inside the live market's transaction, then for the live market again", async () => {
    await withTenant(db.db, live.id, async (tx) => {
      const inside = await inSandbox(tx, sandbox.id, async (sandboxTx) => {
        const names = await sandboxTx.select({ id: organisations.id }).from(organisations);
        return { tenant: await tenantIdIn(sandboxTx), organisations: names.length };
      });
      // The sandbox has no organisations yet; the live market's two are invisible from there.
      expect(inside).toEqual({ tenant: sandbox.id, organisations: 0 });
      expect(await tenantIdIn(tx)).toBe(live.id);
      expect(await tx.select({ id: organisations.id }).from(organisations)).toHaveLength(2);
    });
  });

  it("undoes the sandbox's writes and setting when its work fails", async () => {
    await withTenant(db.db, live.id, async (tx) => {
      const failed = inSandbox(tx, sandbox.id, async (sandboxTx) => {
        await sandboxTx
          .insert(organisations)
          .values({ tenantId: sandbox.id, nameZh: "临时", nameEn: "Temp", kinds: ["buyer"], country: "CN" });
        throw new Error("boom");
      });
      await expect(failed).rejects.toThrow("boom");
      expect(await tenantIdIn(tx)).toBe(live.id);
      const count = await inSandbox(tx, sandbox.id, (sandboxTx) => sandboxTx.select().from(organisations));
      expect(count).toHaveLength(0);
    });
  });

  it("refuses a tenant that is not the current market's sandbox", async () => {
    await withTenant(db.db, live.id, async (tx) => {
      await expect(inSandbox(tx, other.id, async () => "reached")).rejects.toThrow(/not the current tenant's sandbox/);
    });
    // Nor can the sandbox reach back into its live market.
    await withTenant(db.db, sandbox.id, async (tx) => {
      await expect(inSandbox(tx, live.id, async () => "reached")).rejects.toThrow(/not the current tenant's sandbox/);
    });
  });
});

describe("test keys", () => {
  it("puts a test key in the sandbox, acting as a mirror of the organisation, and lists it beside live keys", async () => {
    const liveKey = await asActor(db, live, merchant(), (ctx) =>
      createApiKey({ ctx, input: { name: "live", scopes: ["catalog:read"] } }),
    );
    const testKey = await asActor(db, live, merchant(), (ctx) =>
      createApiKey({ ctx, input: { name: "test", scopes: ["catalog:read"], mode: "test" } }),
    );
    expect(liveKey.key).toMatch(/^tc_live_yiwu_/);
    expect(testKey.key).toMatch(/^tc_test_yiwu-sandbox_[a-z0-9]{8}_/);
    expect(testKey.mode).toBe("test");

    const actor = await withTenant(db.db, sandbox.id, (tx) => resolveApiKey(tx, testKey.key));
    expect(actor).toMatchObject({ type: "apiKey", kinds: ["merchant"], scopes: ["catalog:read"] });
    const mirror = await withTenant(db.db, sandbox.id, (tx) =>
      tx
        .select()
        .from(organisations)
        .where(sql`${organisations.id} = ${actor?.organisationId ?? null}`),
    );
    expect(mirror[0]).toMatchObject({ mirrorOf: live.orgs.merchant?.id, nameEn: "merchant", kinds: ["merchant"] });
    // The live market does not know the test key, nor the sandbox the live one.
    expect(await withTenant(db.db, live.id, (tx) => resolveApiKey(tx, testKey.key))).toBeNull();
    expect(await withTenant(db.db, sandbox.id, (tx) => resolveApiKey(tx, liveKey.key))).toBeNull();

    // A second test key reuses the mirror.
    await asActor(db, live, merchant(), (ctx) =>
      createApiKey({ ctx, input: { name: "test 2", scopes: ["catalog:write"], mode: "test" } }),
    );
    const mirrors = await withTenant(db.db, sandbox.id, (tx) => tx.select().from(organisations));
    expect(mirrors).toHaveLength(1);

    const listed = await asActor(db, live, merchant(), (ctx) => listApiKeys(ctx));
    expect(listed.map((k) => `${k.name}:${k.mode}`)).toEqual(["test 2:test", "test:test", "live:live"]);
    // The buyer organisation has none of them.
    expect(await asActor(db, live, userActor(live.orgs.buyer ?? raise()), (ctx) => listApiKeys(ctx))).toEqual([]);
  });

  it("refuses test keys where there is no sandbox, and live keys in a sandbox", async () => {
    const otherMerchant = userActor(other.orgs.merchant ?? raise());
    expect(
      await code(
        asActor(db, other, otherMerchant, (ctx) =>
          createApiKey({ ctx, input: { name: "t", scopes: ["catalog:read"], mode: "test" } }),
        ),
      ),
    ).toBe("PRECONDITION_FAILED");
    const sandboxOwner = await createTestTenant(db, "keqiao-sandbox", { shop: ["merchant"] }, { sandboxOf: other.id });
    const shop = userActor(sandboxOwner.orgs.shop ?? raise());
    const inSandboxMarket = await asActor(db, sandboxOwner, shop, (ctx) =>
      createApiKey({ ctx, input: { name: "t", scopes: ["catalog:read"] } }),
    );
    expect(inSandboxMarket.key).toMatch(/^tc_test_keqiao-sandbox_/);
    expect(
      await code(
        asActor(db, sandboxOwner, shop, (ctx) =>
          createApiKey({ ctx, input: { name: "t", scopes: ["catalog:read"], mode: "live" } }),
        ),
      ),
    ).toBe("PRECONDITION_FAILED");
  });

  it("revokes and rotates test keys from the live market, and nobody else's", async () => {
    const testKey = await asActor(db, live, merchant(), (ctx) =>
      createApiKey({ ctx, input: { name: "rotate me", scopes: ["catalog:read"], mode: "test", expiresInDays: 30 } }),
    );
    const rotated = await asActor(db, live, merchant(), (ctx) =>
      rotateApiKey({ ctx, input: { apiKeyId: testKey.id, graceHours: 0 } }),
    );
    expect(rotated).toMatchObject({
      name: "rotate me",
      mode: "test",
      rotatedFrom: testKey.id,
      scopes: ["catalog:read"],
    });
    expect(rotated.key).toMatch(/^tc_test_yiwu-sandbox_/);
    expect(rotated.expiresAt?.getTime()).toBe(testKey.expiresAt?.getTime());
    // Grace 0: the old key stops at once; the new one works in the sandbox.
    expect(await withTenant(db.db, sandbox.id, (tx) => resolveApiKey(tx, testKey.key))).toBeNull();
    expect(await withTenant(db.db, sandbox.id, (tx) => resolveApiKey(tx, rotated.key))).not.toBeNull();

    const buyer = userActor(live.orgs.buyer ?? raise());
    expect(await code(asActor(db, live, buyer, (ctx) => revokeApiKey({ ctx, input: { apiKeyId: rotated.id } })))).toBe(
      "NOT_FOUND",
    );
    const revoked = await asActor(db, live, merchant(), (ctx) =>
      revokeApiKey({ ctx, input: { apiKeyId: rotated.id } }),
    );
    expect(revoked.revokedAt).not.toBeNull();
    expect(await withTenant(db.db, sandbox.id, (tx) => resolveApiKey(tx, rotated.key))).toBeNull();
  });
});

describe("rotation", () => {
  it("keeps the old key for the grace period, and refuses revoked, expired and already rotated keys", async () => {
    const old = await asActor(db, live, merchant(), (ctx) =>
      createApiKey({ ctx, input: { name: "ERP", scopes: ["catalog:read", "catalog:write"] } }),
    );
    const before = Date.now();
    const rotated = await asActor(db, live, merchant(), (ctx) => rotateApiKey({ ctx, input: { apiKeyId: old.id } }));
    expect(rotated).toMatchObject({ name: "ERP", mode: "live", rotatedFrom: old.id, expiresAt: null });
    expect(rotated.scopes.sort()).toEqual(["catalog:read", "catalog:write"]);
    const grace = rotated.previousKeyExpiresAt.getTime() - before;
    expect(grace).toBeGreaterThan(23.9 * 3_600_000);
    expect(grace).toBeLessThan(24.1 * 3_600_000);
    // Both work during the grace period.
    expect(await withTenant(db.db, live.id, (tx) => resolveApiKey(tx, old.key))).not.toBeNull();
    expect(await withTenant(db.db, live.id, (tx) => resolveApiKey(tx, rotated.key))).not.toBeNull();

    const again = (apiKeyId: string) =>
      code(asActor(db, live, merchant(), (ctx) => rotateApiKey({ ctx, input: { apiKeyId } })));
    expect(await again(old.id)).toBe("PRECONDITION_FAILED");
    await asActor(db, live, merchant(), (ctx) => revokeApiKey({ ctx, input: { apiKeyId: rotated.id } }));
    expect(await again(rotated.id)).toBe("PRECONDITION_FAILED");
    const expiring = await asActor(db, live, merchant(), (ctx) =>
      createApiKey({ ctx, input: { name: "short", scopes: ["catalog:read"], expiresInDays: 1 } }),
    );
    await withTenant(db.db, live.id, (tx) =>
      tx.execute(sql`update api_keys set expires_at = now() - interval '1 minute' where id = ${expiring.id}`),
    );
    expect(await again(expiring.id)).toBe("PRECONDITION_FAILED");
    expect(await again("01a21100-0000-7000-8000-000000000000")).toBe("NOT_FOUND");
  });

  it("never lets the grace period outlast the old key's own expiry", async () => {
    const soon = await asActor(db, live, merchant(), (ctx) =>
      createApiKey({ ctx, input: { name: "soon", scopes: ["catalog:read"], expiresInDays: 1 } }),
    );
    const rotated = await asActor(db, live, merchant(), (ctx) =>
      rotateApiKey({ ctx, input: { apiKeyId: soon.id, graceHours: 168 } }),
    );
    expect(rotated.previousKeyExpiresAt.getTime()).toBe(soon.expiresAt?.getTime());
    expect(rotated.expiresAt?.getTime()).toBe(soon.expiresAt?.getTime());
  });

  it("takes 0 to 168 hours of grace", async () => {
    for (const graceHours of [-1, 169, 1.5]) {
      expect(
        await code(
          asActor(db, live, merchant(), (ctx) =>
            rotateApiKey({ ctx, input: { apiKeyId: "01a21100-0000-7000-8000-000000000000", graceHours } }),
          ),
        ),
      ).toBe("VALIDATION");
    }
  });
});
