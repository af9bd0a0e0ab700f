import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant.js";
import { jobSender, type PgBoss, startJobQueue } from "../../jobs/index.js";
import {
  asActor,
  createTestDatabase,
  createTestTenant,
  type TestDatabase,
  type TestTenant,
  userActor,
} from "../../testing/index.js";
import { IMPORT_COLUMNS } from "./import-format.js";
import { getCatalogueImport, runCatalogueImport, startCatalogueImport } from "./import-listings.js";
import { listMyListings } from "./listings.js";
import { createStorefront } from "./storefronts.js";
import { categories } from "./tables.js";

let db: TestDatabase;
let boss: PgBoss;
let market: TestTenant;
let shop = "";
const ROWS = 2500;
const actor = () =>
  userActor(
    market.orgs.merchant ??
      (() => {
        throw new Error("fixture");
      })(),
  );

beforeAll(async () => {
  db = await createTestDatabase();
  boss = await startJobQueue(db);
  market = await createTestTenant(db, "bulk", { merchant: ["merchant"] });
  await asActor(db, market, { type: "system" }, (ctx) =>
    ctx.tx.insert(categories).values({ tenantId: market.id, code: "toys", nameZh: "玩具", nameEn: "Toys", depth: 0 }),
  );
  shop = (
    await asActor(db, market, actor(), (ctx) =>
      createStorefront({ ctx, input: { nameZh: "大店", nameEn: "Big", booth: { district: "一区", booth: "9" } } }),
    )
  ).id;
  await boss.work<{ tenantId: string; importId: string }>("catalog.import", async ([job]) => {
    if (job) await runCatalogueImport(db.db, job.data);
  });
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await db?.destroy();
});

const file = (rows: number, bad?: number) =>
  Buffer.from(
    [
      IMPORT_COLUMNS.join(","),
      ...Array.from({ length: rows }, (_, i) =>
        i === bad
          ? `T-${i},坏行,,toys,pcs,10,10:2;5:1,CNY,3,,,,,,,,,,,active`
          : `T-${i},玩具${i},Toy ${i},toys,pcs,10,10:1.50;100:1.20,CNY,3,,,,,,,color=red,,,,active`,
      ),
    ].join("\n"),
  ).toString("base64");

async function finished(importId: string) {
  for (let i = 0; i < 300; i++) {
    const state = await asActor(db, market, actor(), (ctx) => getCatalogueImport({ ctx, input: { importId } }));
    if (state.status === "done" || state.status === "failed") return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("import did not finish in 30 s");
}

describe("background catalogue imports (pg-boss)", () => {
  it("queues the job in the same transaction and reports progress to done", async () => {
    const { importId, status } = await withTenant(db.db, market.id, (tx) =>
      startCatalogueImport({
        ctx: { tx, tenantId: market.id, actor: actor(), requestId: "t", locale: "en", jobs: jobSender(boss, tx) },
        input: { storefrontId: shop, format: "csv", contentBase64: file(ROWS) },
      }),
    );
    expect(status).toBe("queued");
    const state = await finished(importId);
    expect(state).toMatchObject({ status: "done", totalRows: ROWS, processedRows: ROWS });
    expect(state.report).toMatchObject({ committed: true, created: ROWS, errors: [] });
    const listed = await asActor(db, market, actor(), (ctx) => listMyListings({ ctx, input: { limit: 1 } }));
    expect(listed.total).toBe(ROWS);
  });

  it("writes nothing when one row is bad in all-or-nothing mode", async () => {
    const { importId } = await withTenant(db.db, market.id, (tx) =>
      startCatalogueImport({
        ctx: { tx, tenantId: market.id, actor: actor(), requestId: "t", locale: "en", jobs: jobSender(boss, tx) },
        input: { storefrontId: shop, format: "csv", contentBase64: file(ROWS, 1234) },
      }),
    );
    const state = await finished(importId);
    expect(state.report).toMatchObject({ committed: false, created: 0, updated: 0 });
    expect(state.report?.errors).toEqual([{ row: 1236, column: "price_tiers", message: expect.any(String) }]);
  });

  it("ends an unreadable file's import with the reason instead of retrying it", async () => {
    const broken = `${IMPORT_COLUMNS.join(",")}\nQ-1,"引号,,toys,pcs,10,10:1,CNY,3,,,,,,,,,,,active`;
    const { importId } = await withTenant(db.db, market.id, (tx) =>
      startCatalogueImport({
        ctx: { tx, tenantId: market.id, actor: actor(), requestId: "t", locale: "en", jobs: jobSender(boss, tx) },
        input: { storefrontId: shop, format: "csv", contentBase64: Buffer.from(broken).toString("base64") },
      }),
    );
    const state = await finished(importId);
    expect(state).toMatchObject({ status: "done", report: { committed: false, created: 0 } });
    expect(state.report?.errors).toEqual([
      { row: 1, column: null, message: expect.stringContaining("Quoted field unterminated") },
    ]);
  });

  it("never enqueues a job for a rolled-back request", async () => {
    const before = await boss.getQueueSize("catalog.import");
    await expect(
      withTenant(db.db, market.id, async (tx) => {
        await startCatalogueImport({
          ctx: { tx, tenantId: market.id, actor: actor(), requestId: "t", locale: "en", jobs: jobSender(boss, tx) },
          input: { storefrontId: shop, format: "csv", contentBase64: file(3) },
        });
        throw new Error("the request failed after queueing");
      }),
    ).rejects.toThrow("the request failed");
    expect(await boss.getQueueSize("catalog.import")).toBe(before);
  });
});
