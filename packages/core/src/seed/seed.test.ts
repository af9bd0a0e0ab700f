import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Transaction } from "../db/client.js";
import { withoutTenant, withTenant } from "../db/tenant.js";
import { listCategoryTree, searchListings } from "../modules/catalog/index.js";
import { findTenant, listTenants, signIn, tenants } from "../modules/tenancy/index.js";
import { createTestDatabase, type TestDatabase } from "../testing/index.js";
import { DEMO_PASSWORD, demoEmail, isEmpty, seedDemoData } from "./seed.js";

let db: TestDatabase;
let result: Awaited<ReturnType<typeof seedDemoData>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

const countLeaves = (nodes: { children: unknown[] }[]): number =>
  nodes.reduce((n, node) => n + (node.children.length ? countLeaves(node.children as typeof nodes) : 1), 0);

describe("demo seed", () => {
  it("seeds Yiwu with a bilingual taxonomy of 20+ industries and 300+ leaves, and Keqiao beside it", async () => {
    expect(await isEmpty(db)).toBe(true);
    result = await seedDemoData(db);
    expect(result.tenants.map((t) => t.slug)).toEqual(["yiwu", "keqiao", "yiwu-sandbox"]);
    const yiwu = await findTenant(db.db, "yiwu");
    if (!yiwu) throw new Error("yiwu missing");
    expect(yiwu.nameZh).toBe("义乌国际商贸城");
    const tree = await withTenant(db.db, yiwu.id, (tx) => listCategoryTree({ tx }));
    expect(tree.length).toBeGreaterThanOrEqual(20);
    expect(countLeaves(tree)).toBeGreaterThanOrEqual(300);
    expect(tree.every((node) => node.nameZh && node.nameEn)).toBe(true);
  });

  it("seeds Yiwu's sandbox with its demo data, hidden from the market list", async () => {
    const [yiwu, sandbox] = await Promise.all([findTenant(db.db, "yiwu"), findTenant(db.db, "yiwu-sandbox")]);
    if (!yiwu || !sandbox) throw new Error("markets missing");
    expect(sandbox.sandbox).toBe(true);
    const [row] = await withoutTenant(db.db, (tx) =>
      tx.select({ sandboxOf: tenants.sandboxOf }).from(tenants).where(eq(tenants.id, sandbox.id)),
    );
    expect(row?.sandboxOf).toBe(yiwu.id);
    expect((await listTenants(db.db)).map((t) => t.slug)).toEqual(["yiwu", "keqiao"]);

    const ctx = (tx: Transaction) => ({
      tx,
      tenantId: sandbox.id,
      actor: { type: "anonymous" } as const,
      requestId: "seed-test",
      locale: "en" as const,
    });
    const tree = await withTenant(db.db, sandbox.id, (tx) => listCategoryTree({ tx }));
    expect(countLeaves(tree)).toBeGreaterThanOrEqual(300);
    const found = await withTenant(db.db, sandbox.id, (tx) =>
      searchListings({ ctx: ctx(tx), input: { q: "christmas tree" } }),
    );
    expect(found.items.length).toBeGreaterThan(0);
    // The demo buyer's demands, with quotes, as in Yiwu.
    const signedIn = await withTenant(db.db, sandbox.id, (tx) =>
      signIn({ ctx: ctx(tx), input: { email: demoEmail("buyer", "yiwu-sandbox"), password: DEMO_PASSWORD } }),
    );
    expect(signedIn.token.startsWith(sandbox.id)).toBe(true);
    const counts = result.tenants.find((t) => t.slug === "yiwu-sandbox");
    expect(counts?.demands).toBeGreaterThan(0);
    expect(counts?.listings).toBeGreaterThan(500);
  });

  it("does nothing on a database that already has markets", async () => {
    expect((await seedDemoData(db)).seeded).toBe(false);
  });

  it("gives every role a demo person who can sign in", async () => {
    for (const slug of ["yiwu", "keqiao"]) {
      const tenant = await findTenant(db.db, slug);
      if (!tenant) throw new Error(`${slug} missing`);
      for (const kind of ["merchant", "buyer", "logistics", "lender", "operator"] as const) {
        const signedIn = await withTenant(db.db, tenant.id, (tx) =>
          signIn({
            ctx: { tx, tenantId: tenant.id, actor: { type: "anonymous" }, requestId: "seed-test", locale: "en" },
            input: { email: demoEmail(kind, slug), password: DEMO_PASSWORD },
          }),
        );
        expect(signedIn.token.startsWith(tenant.id)).toBe(true);
      }
    }
  });

  it("resets and seeds again", async () => {
    const again = await seedDemoData(db, { reset: true });
    expect(again.seeded).toBe(true);
    expect((await findTenant(db.db, "yiwu"))?.id).toBe(again.tenants[0]?.id);
  });
});
