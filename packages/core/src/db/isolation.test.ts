import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createListing, createStorefront } from "../modules/catalog/index.js";
import { catalogImports, categories } from "../modules/catalog/tables.js";
import { emitEvent } from "../modules/events/index.js";
import { idempotentRequests } from "../modules/integrations/tables.js";
import { postDemand, postQuoteMessage, submitQuote, updateMatchingSettings } from "../modules/matching/index.js";
import { createApiKey, inviteMember, resolveApiKey, resolveSession, signIn } from "../modules/tenancy/index.js";
import { createEndpoint, relayTenantOutbox, updateWebhookSettings } from "../modules/webhooks/index.js";
import { webhookAttempts, webhookDeliveries } from "../modules/webhooks/tables.js";
import {
  asActor,
  createTestDatabase,
  createTestTenant,
  TEST_PASSWORD,
  type TestDatabase,
  type TestTenant,
  userActor,
} from "../testing/index.js";
import { withoutTenant, withTenant } from "./tenant.js";
import { listTenantTables } from "./tenant-rules.js";

let db: TestDatabase;
let a: TestTenant;
let b: TestTenant;
const secrets: Record<string, { session: string; apiKey: string }> = {};

/** Puts at least one row in every tenant table for `tenant`, through the services. */
async function fill(tenant: TestTenant) {
  const org = tenant.orgs.merchant;
  if (!org) throw new Error("fixture needs a merchant");
  const session = await asActor(db, tenant, { type: "anonymous" }, (ctx) =>
    signIn({ ctx, input: { email: org.ownerEmail, password: TEST_PASSWORD } }),
  );
  const apiKey = await asActor(db, tenant, userActor(org), (ctx) =>
    createApiKey({ ctx, input: { name: "k", scopes: ["catalog:read"] } }),
  );
  await asActor(db, tenant, userActor(org), async (ctx) => {
    await inviteMember({ ctx, input: { email: `new@${tenant.slug}.test` } });
    await emitEvent(ctx, { type: "test.happened", payload: { tenant: tenant.slug } });
    await ctx.tx
      .insert(categories)
      .values({ tenantId: tenant.id, code: "toys", nameZh: "玩具", nameEn: "Toys", depth: 0 });
    const booth = { district: "一区", gate: "1", street: "1", booth: "1" };
    const shop = await createStorefront({ ctx, input: { nameZh: "店", nameEn: "Shop", booth } });
    await createListing({
      ctx,
      input: {
        storefrontId: shop.id,
        sku: "S1",
        titleEn: "Toy",
        categoryCode: "toys",
        unit: "pcs",
        moq: 1,
        priceTiers: [{ minQuantity: 1, unitPriceMinor: 100 }],
        currency: "CNY",
        leadTimeDays: 1,
        status: "active",
      },
    });
    await ctx.tx.insert(catalogImports).values({
      tenantId: tenant.id,
      storefrontId: shop.id,
      organisationId: org.id,
      format: "csv",
      mode: "all-or-nothing",
      file: Buffer.from("sku"),
    });
  });
  const buyer = tenant.orgs.buyer;
  const operator = tenant.orgs.operator;
  if (!buyer || !operator) throw new Error("fixture needs a buyer and an operator");
  const { demand } = await asActor(db, tenant, userActor(buyer), (ctx) =>
    postDemand({
      ctx,
      input: {
        titleEn: "Toy",
        categoryCode: "toys",
        quantity: 10,
        unit: "pcs",
        currency: "CNY",
        requiredBy: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        destination: { country: "DE" },
        inviteSupplierIds: [org.id],
      },
    }),
  );
  const quote = await asActor(db, tenant, userActor(org), (ctx) =>
    submitQuote({
      ctx,
      input: {
        demandId: demand.id,
        unitPriceMinor: 100,
        currency: "CNY",
        quantity: 10,
        leadTimeDays: 5,
        incoterm: "EXW",
        validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      },
    }),
  );
  await asActor(db, tenant, userActor(org), (ctx) =>
    postQuoteMessage({ ctx, input: { quoteId: quote.id, body: "hi" } }),
  );
  await asActor(db, tenant, userActor(operator), (ctx) =>
    updateMatchingSettings({ ctx, input: { maxQuotesPerDemand: 5 } }),
  );
  // Webhooks: an endpoint, a delivery relayed from the outbox, one attempt; and a stored idempotent answer.
  await asActor(db, tenant, userActor(operator), (ctx) =>
    updateWebhookSettings({ ctx, input: { allowLocalTargets: true } }),
  );
  await asActor(db, tenant, userActor(org), (ctx) =>
    createEndpoint({ ctx, input: { url: "http://127.0.0.1:9/hook" } }),
  );
  const noJobs = { send: async () => null, sendMany: async () => {} };
  await relayTenantOutbox(db.db, tenant.id, () => noJobs);
  await asActor(db, tenant, userActor(org), async (ctx) => {
    const [delivery] = await ctx.tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries).limit(1);
    await ctx.tx.insert(webhookAttempts).values({
      tenantId: tenant.id,
      deliveryId: delivery?.id ?? "",
      attempt: 1,
      url: "http://127.0.0.1:9/hook",
      statusCode: 200,
      latencyMs: 3,
      succeeded: true,
    });
    await ctx.tx.insert(idempotentRequests).values({
      tenantId: tenant.id,
      caller: `user:${org.ownerId}`,
      key: "k-1",
      procedure: "catalog.createListing",
      inputHash: "h",
    });
  });
  secrets[tenant.slug] = { session: session.token.split(".")[1] ?? "", apiKey: apiKey.key };
}

const count = (rows: unknown): number => {
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { n: number }[];
  return Number(list[0]?.n ?? -1);
};

beforeAll(async () => {
  db = await createTestDatabase();
  a = await createTestTenant(db, "market-a");
  b = await createTestTenant(db, "market-b");
  await fill(a);
  await fill(b);
});
afterAll(() => db.destroy());

describe("tenant isolation in the database", () => {
  it("each tenant sees its own rows and none of the other's, in every tenant table", async () => {
    const tables = await listTenantTables(db);
    expect(tables.length).toBeGreaterThanOrEqual(8);
    for (const table of tables) {
      const t = sql.identifier(table);
      const own = await withTenant(db.db, a.id, (tx) => tx.execute(sql`select count(*)::int as n from ${t}`));
      expect(count(own), `${table} has rows for A (else this test proves nothing)`).toBeGreaterThan(0);
      const leaked = await withTenant(db.db, b.id, (tx) =>
        tx.execute(sql`select count(*)::int as n from ${t} where tenant_id = ${a.id}`),
      );
      expect(count(leaked), `${table}: B sees A's rows`).toBe(0);
      const unset = await withoutTenant(db.db, (tx) => tx.execute(sql`select count(*)::int as n from ${t}`));
      expect(count(unset), `${table}: rows visible with no tenant set`).toBe(0);
    }
  });

  it("refuses to write a row into another tenant, and cannot change or delete the other's rows", async () => {
    await expect(
      withTenant(db.db, b.id, (tx) =>
        tx.insert(categories).values({ tenantId: a.id, code: "smuggled", nameZh: "x", nameEn: "x", depth: 0 }),
      ),
    ).rejects.toSatisfy((error: Error) => /row-level security/.test(String((error.cause as Error)?.message)));
    for (const table of await listTenantTables(db)) {
      const t = sql.identifier(table);
      const updated = await withTenant(db.db, b.id, (tx) =>
        tx.execute(sql`with u as (update ${t} set tenant_id = tenant_id where tenant_id = ${a.id} returning 1)
                       select count(*)::int as n from u`),
      );
      expect(count(updated), `${table}: B updated A's rows`).toBe(0);
      const deleted = await withTenant(db.db, b.id, (tx) =>
        tx.execute(
          sql`with d as (delete from ${t} where tenant_id = ${a.id} returning 1) select count(*)::int as n from d`,
        ),
      );
      expect(count(deleted), `${table}: B deleted A's rows`).toBe(0);
    }
  });

  it("does not accept A's session or API key inside B", async () => {
    const aSecrets = secrets[a.slug];
    if (!aSecrets) throw new Error("fixture missing");
    await withTenant(db.db, a.id, async (tx) => {
      expect(await resolveSession(tx, aSecrets.session)).not.toBeNull();
      expect(await resolveApiKey(tx, aSecrets.apiKey)).not.toBeNull();
    });
    await withTenant(db.db, b.id, async (tx) => {
      expect(await resolveSession(tx, aSecrets.session)).toBeNull();
      expect(await resolveApiKey(tx, aSecrets.apiKey)).toBeNull();
    });
  });

  it("B's users cannot sign in to A with B's credentials", async () => {
    const bOwner = b.orgs.merchant?.ownerEmail ?? "";
    await expect(
      asActor(db, a, { type: "anonymous" }, (ctx) =>
        signIn({ ctx, input: { email: bOwner, password: TEST_PASSWORD } }),
      ),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
