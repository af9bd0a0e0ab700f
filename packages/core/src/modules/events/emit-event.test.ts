import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asActor,
  createTestDatabase,
  createTestTenant,
  type TestDatabase,
  type TestTenant,
} from "../../testing/index.js";
import { emitEvent } from "./emit-event.js";
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
