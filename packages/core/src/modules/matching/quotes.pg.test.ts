import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asActor,
  createTestDatabase,
  createTestTenant,
  serverDatabaseUrl,
  type TestDatabase,
  type TestTenant,
  userActor,
} from "../../testing/index.js";
import { categories } from "../catalog/index.js";
import { postDemand } from "./demands.js";
import { acceptQuote, submitQuote } from "./quotes.js";
import { updateMatchingSettings } from "./settings.js";
import { demands, quotes } from "./tables.js";

// Races need real concurrent connections: PostgreSQL server only (PGlite has one connection).
const url = serverDatabaseUrl();
if (!url) console.warn("quotes.pg.test.ts: no DATABASE_URL or TRADECLOUD_TEST_PG_URL, race tests not run");

const SUPPLIERS = Array.from({ length: 8 }, (_, i) => `supplier${i}`);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!url)("quote races on a PostgreSQL server", () => {
  let db: TestDatabase;
  let market: TestTenant;
  const org = (key: string) => {
    const found = market.orgs[key];
    if (!found) throw new Error(`fixture has no ${key}`);
    return found;
  };
  beforeAll(async () => {
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    db = await createTestDatabase();
    process.env.DATABASE_URL = previous;
    market = await createTestTenant(db, "race", {
      buyer: ["buyer"],
      operator: ["operator"],
      ...Object.fromEntries(SUPPLIERS.map((s) => [s, ["merchant" as const]])),
    });
    await asActor(db, market, { type: "system" }, (ctx) =>
      ctx.tx.insert(categories).values({ tenantId: market.id, code: "toys", nameZh: "玩具", nameEn: "Toys", depth: 0 }),
    );
  });
  afterAll(() => db?.destroy());

  const post = () =>
    asActor(db, market, userActor(org("buyer")), (ctx) =>
      postDemand({
        ctx,
        input: {
          titleEn: "toy car",
          quantity: 100,
          unit: "pcs",
          currency: "CNY",
          requiredBy: inDays(30),
          destination: { country: "DE" },
          visibility: "invited",
          inviteSupplierIds: SUPPLIERS.map((s) => org(s).id),
        },
      }),
    );
  const quoteAs = (supplier: string, demandId: string) =>
    asActor(db, market, userActor(org(supplier)), (ctx) =>
      submitQuote({
        ctx,
        input: {
          demandId,
          unitPriceMinor: 100,
          currency: "CNY",
          quantity: 100,
          leadTimeDays: 5,
          incoterm: "EXW",
          validUntil: inDays(7),
        },
      }),
    );

  it("takes no more quotes than the cap when suppliers quote at the same moment", async () => {
    await asActor(db, market, userActor(org("operator")), (ctx) =>
      updateMatchingSettings({ ctx, input: { maxQuotesPerDemand: 3 } }),
    );
    const { demand } = await post();
    const attempts = await Promise.allSettled(SUPPLIERS.map((s) => quoteAs(s, demand.id)));
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(3);
    const [row] = await asActor(db, market, userActor(org("buyer")), (ctx) =>
      ctx.tx.select().from(demands).where(eq(demands.id, demand.id)),
    );
    expect(row?.quoteCount).toBe(3);
  });

  it("awards a demand once when the buyer accepts two quotes at the same moment", async () => {
    await asActor(db, market, userActor(org("operator")), (ctx) =>
      updateMatchingSettings({ ctx, input: { maxQuotesPerDemand: 10 } }),
    );
    const { demand } = await post();
    const a = await quoteAs("supplier0", demand.id);
    const b = await quoteAs("supplier1", demand.id);
    const attempts = await Promise.allSettled(
      [a, b].map((q) =>
        asActor(db, market, userActor(org("buyer")), (ctx) => acceptQuote({ ctx, input: { quoteId: q.id } })),
      ),
    );
    expect(attempts.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rows = await asActor(db, market, userActor(org("buyer")), (ctx) =>
      ctx.tx.select().from(quotes).where(eq(quotes.demandId, demand.id)),
    );
    expect(rows.map((q) => q.status).sort()).toEqual(["accepted", "closed"]);
  });
});
