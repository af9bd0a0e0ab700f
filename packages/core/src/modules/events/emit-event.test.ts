import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asActor,
  createTestDatabase,
  createTestTenant,
  type TestDatabase,
  type TestTenant,
} from "../../testing/index.js";
import { emitEvent, insertEventsSql } from "./emit-event.js";
import { outboxEvents } from "./tables.js";

let db: TestDatabase;
let market: TestTenant;
beforeAll(async () => {
  db = await createTestDatabase();
  market = await createTestTenant(db, "events");
});
afterAll(() => db.destroy());

describe("emitEvent", () => {
  it("writes the event in the caller's transaction, with the request id", async () => {
    const id = await asActor(db, market, { type: "system" }, (ctx) =>
      emitEvent(ctx, { type: "listing.created", payload: { listingId: "L1", at: new Date("2026-01-01T00:00:00Z") } }),
    );
    const [event] = await asActor(db, market, { type: "system" }, (ctx) => ctx.tx.select().from(outboxEvents));
    expect(event?.id).toBe(id);
    expect(event?.type).toBe("listing.created");
    // Stored as a receiver will see it: dates as ISO strings.
    expect(event?.payload).toEqual({ listingId: "L1", at: "2026-01-01T00:00:00.000Z" });
    expect(event?.requestId).toMatch(/^test-/);
  });

  it("is rolled back with the change it describes", async () => {
    await expect(
      asActor(db, market, { type: "system" }, async (ctx) => {
        await emitEvent(ctx, { type: "quote.accepted", payload: {} });
        throw new Error("the change failed after the event was written");
      }),
    ).rejects.toThrow("the change failed");
    const types = await asActor(db, market, { type: "system" }, (ctx) =>
      ctx.tx.select({ type: outboxEvents.type }).from(outboxEvents),
    );
    expect(types.map((e) => e.type)).not.toContain("quote.accepted");
  });
});

describe("insertEventsSql", () => {
  it("writes one event per row of the rows it is given, in the same statement, each with its own id", async () => {
    await asActor(db, market, { type: "system" }, (ctx) =>
      ctx.tx.execute(sql`
        with changed as (select * from (values ('B-1'), ('B-2'), ('B-3')) as v(sku)),
        events as (${insertEventsSql(
          ctx,
          3,
          sql`select 'bulk.changed' as type, null::uuid as organisation_id, jsonb_build_object('sku', sku) as payload
            from changed`,
        )})
        select 1`),
    );
    const events = await asActor(db, market, { type: "system" }, (ctx) =>
      ctx.tx.select().from(outboxEvents).where(eq(outboxEvents.type, "bulk.changed")),
    );
    expect(events.map((e) => e.payload.sku).sort()).toEqual(["B-1", "B-2", "B-3"]);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    expect(events.every((e) => e.tenantId === market.id && /^test-/.test(e.requestId ?? ""))).toBe(true);
  });

  it("fails rather than write an event without an id when given more rows than it was told", async () => {
    const failure = await asActor(db, market, { type: "system" }, (ctx) =>
      ctx.tx.execute(
        insertEventsSql(
          ctx,
          1,
          sql`select 'bulk.too_many' as type, null::uuid as organisation_id, '{}'::jsonb as payload
            from generate_series(1, 2)`,
        ),
      ),
    ).catch((error: unknown) => error);
    // Drizzle wraps the driver's error; the database's own reason is its cause.
    expect(String((failure as Error).cause)).toMatch(/null value in column "id"/);
  });
});
