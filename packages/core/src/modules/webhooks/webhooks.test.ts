import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Transaction } from "../../db/client.js";
import { jobSender, type PgBoss, startJobQueue } from "../../jobs/index.js";
import type { Actor } from "../../shared/context.js";
import { DomainError } from "../../shared/errors.js";
import {
  asActor,
  createTestDatabase,
  createTestTenant,
  type TestDatabase,
  type TestTenant,
  userActor,
} from "../../testing/index.js";
import { createListing, createStorefront } from "../catalog/index.js";
import { categories } from "../catalog/tables.js";
import { emitEvent, outboxEvents } from "../events/index.js";
import { getDelivery, listDeliveries, replayDelivery, sendTestEvent } from "./deliveries.js";
import { type DeliveryOptions, deliverWebhook } from "./delivery.js";
import { createEndpoint, deleteEndpoint, listEndpoints, updateEndpoint, updateWebhookSettings } from "./endpoints.js";
import { relayOutbox, WEBHOOK_DELIVERY_QUEUE, type WebhookDeliveryJob } from "./relay.js";
import { webhookAttempts, webhookDeliveries } from "./tables.js";

/** A receiver on 127.0.0.1 that records what it gets and answers with `status()`. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
let receiver: Server;
let received: Received[] = [];
let status: () => number = () => 200;
let receiverUrl = "";

let db: TestDatabase;
let boss: PgBoss;
let market: TestTenant;
let other: TestTenant;
/** Fast retries so a test sees several attempts in seconds; real ones span three days. */
let deliveryOptions: DeliveryOptions = { retryScheduleSeconds: [0.2, 0.2, 0.2, 0.2, 0.2] };

const jobsFor = (tx: Transaction) => jobSender(boss, tx);
const org = (tenant: TestTenant, key: string) => {
  const found = tenant.orgs[key];
  if (!found) throw new Error(`fixture has no ${key}`);
  return found;
};
const as = <T>(tenant: TestTenant, actor: Actor, fn: Parameters<typeof asActor<T>>[3]) =>
  asActor(db, tenant, actor, (ctx) => fn({ ...ctx, jobs: jobSender(boss, ctx.tx) }));
const merchant = () => userActor(org(market, "merchant"));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const code = status();
      res.writeHead(code, { "content-type": "text/plain" }).end(code < 300 ? "thanks" : "down for maintenance");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  db = await createTestDatabase();
  boss = await startJobQueue(db);
  market = await createTestTenant(db, "hooks", { merchant: ["merchant"], rival: ["merchant"], operator: ["operator"] });
  other = await createTestTenant(db, "elsewhere", { merchant: ["merchant"], operator: ["operator"] });
  for (const tenant of [market, other]) {
    await as(tenant, userActor(org(tenant, "operator")), (ctx) =>
      updateWebhookSettings({ ctx, input: { allowLocalTargets: true } }),
    );
  }
  await boss.work<WebhookDeliveryJob>(
    WEBHOOK_DELIVERY_QUEUE,
    { pollingIntervalSeconds: 0.5, batchSize: 10 },
    async (jobs) => {
      for (const job of jobs) await deliverWebhook(db.db, job.data, jobsFor, deliveryOptions);
    },
  );
});

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await db?.destroy();
  await new Promise((resolve) => receiver?.close(resolve));
});

beforeEach(async () => {
  received = [];
  status = () => 200;
  deliveryOptions = { retryScheduleSeconds: [0.2, 0.2, 0.2, 0.2, 0.2] };
  // Each test starts from a drained outbox and its own endpoints.
  await relayOutbox(db.db, jobsFor);
  for (const [tenant, key] of [
    [market, "merchant"],
    [market, "rival"],
    [other, "merchant"],
  ] as const) {
    await as(tenant, userActor(org(tenant, key)), async (ctx) => {
      for (const endpoint of await listEndpoints(ctx)) {
        await updateEndpoint({ ctx, input: { endpointId: endpoint.id, enabled: false } });
      }
    });
  }
});

/** The DomainError a service call failed with; fails the test if it succeeded. */
async function rejection(call: Promise<unknown>): Promise<DomainError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected the call to fail, it succeeded");
}

const verify = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, {
    "webhook-id": String(r.headers["webhook-id"]),
    "webhook-timestamp": String(r.headers["webhook-timestamp"]),
    "webhook-signature": String(r.headers["webhook-signature"]),
  }) as { type: string; timestamp: string; data: Record<string, unknown> };

describe("webhook endpoints", () => {
  it("refuses a local URL until the market's operator allows local targets", async () => {
    const fresh = await createTestTenant(db, "strict", { merchant: ["merchant"] });
    const error = await rejection(
      as(fresh, userActor(org(fresh, "merchant")), (ctx) =>
        createEndpoint({ ctx, input: { url: "http://127.0.0.1:9/hook" } }),
      ),
    );
    expect(error.fieldErrors?.url?.[0]).toMatch(/127\.0\.0\.1.*loopback/);
  });

  it("gives each endpoint a whsec_ secret and refuses unknown event types, naming the field", async () => {
    const endpoint = await as(market, merchant(), (ctx) =>
      createEndpoint({ ctx, input: { url: receiverUrl, eventTypes: ["listing.created"] } }),
    );
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const error = await rejection(
      as(market, merchant(), (ctx) =>
        createEndpoint({ ctx, input: { url: receiverUrl, eventTypes: ["listing.exploded"] } }),
      ),
    );
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["eventTypes.0"]);
  });

  it("is managed by owners and admins (or a key with webhooks:manage), not plain members", async () => {
    const error = await rejection(
      as(market, userActor(org(market, "merchant"), "member"), (ctx) =>
        createEndpoint({ ctx, input: { url: receiverUrl } }),
      ),
    );
    expect(error.code).toBe("FORBIDDEN");
    const keyError = await rejection(
      as(
        market,
        { type: "apiKey", apiKeyId: "k", organisationId: org(market, "merchant").id, kinds: ["merchant"], scopes: [] },
        (ctx) => createEndpoint({ ctx, input: { url: receiverUrl } }),
      ),
    );
    expect(keyError.messages.en).toMatch(/webhooks:manage/);
  });
});

describe("webhook delivery", () => {
  it("delivers an organisation's events, signed per Standard Webhooks, to its subscribed endpoints only", async () => {
    const endpoint = await as(market, merchant(), (ctx) =>
      createEndpoint({ ctx, input: { url: receiverUrl, eventTypes: ["listing.created", "storefront.created"] } }),
    );
    // Another organisation's endpoint and another market's must not see this merchant's events.
    await as(market, userActor(org(market, "rival")), (ctx) =>
      createEndpoint({ ctx, input: { url: `${receiverUrl}?rival` } }),
    );
    await as(other, userActor(org(other, "merchant")), (ctx) =>
      createEndpoint({ ctx, input: { url: `${receiverUrl}?other` } }),
    );
    const listing = await as(market, merchant(), async (ctx) => {
      await ctx.tx
        .insert(categories)
        .values({ tenantId: market.id, code: "toys", nameZh: "玩具", nameEn: "Toys", depth: 0 })
        .onConflictDoNothing();
      const shop = await createStorefront({
        ctx,
        input: { nameZh: "店", nameEn: "Shop", booth: { district: "一区", booth: "1" } },
      });
      return createListing({
        ctx,
        input: {
          storefrontId: shop.id,
          sku: "HOOK-1",
          titleEn: "Yo-yo",
          categoryCode: "toys",
          unit: "pcs",
          moq: 100,
          priceTiers: [{ minQuantity: 100, unitPriceMinor: 120 }],
          currency: "CNY",
          leadTimeDays: 7,
          status: "active",
        },
      });
    });
    const relayed = await relayOutbox(db.db, jobsFor);
    expect(relayed.deliveries).toBe(2);

    await waitFor("two deliveries", async () => received.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(received).toHaveLength(2);
    expect(received.every((r) => r.headers["user-agent"] === "Tradecloud-Webhooks/1.0")).toBe(true);
    const events = received.map((r) => verify(endpoint.secret, r));
    expect(events.map((e) => e.type).sort()).toEqual(["listing.created", "storefront.created"]);
    const created = events.find((e) => e.type === "listing.created");
    expect(created?.data.listing).toMatchObject({ id: listing.id, sku: "HOOK-1" });
    expect(created?.data.listing).not.toHaveProperty("tenantId");

    // A tampered body, or another secret, does not verify.
    const first = received[0] as Received;
    expect(() => verify(endpoint.secret, { ...first, body: first.body.replace(`"type":"`, `"type":"x`) })).toThrow();
    expect(() => verify("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", first)).toThrow();
  });

  it("keeps retrying a receiver that is down; after it recovers it has every event, each with its original webhook-id", async () => {
    const endpoint = await as(market, merchant(), (ctx) => createEndpoint({ ctx, input: { url: receiverUrl } }));
    let requests = 0;
    status = () => (++requests <= 6 ? 503 : 200);
    const eventIds = await as(market, merchant(), async (ctx) => {
      const ids: string[] = [];
      for (const n of [1, 2, 3]) {
        ids.push(
          (await emitEvent(ctx, {
            type: "quote.message",
            organisationId: org(market, "merchant").id,
            payload: { n },
          })) as string,
        );
      }
      return ids;
    });
    await relayOutbox(db.db, jobsFor);

    const log = await waitFor("every delivery to succeed", async () => {
      const page = await as(market, merchant(), (ctx) => listDeliveries({ ctx, input: { endpointId: endpoint.id } }));
      return page.items.length === 3 && page.items.every((d) => d.status === "succeeded") && page.items;
    });
    expect(requests).toBeGreaterThan(6);
    const delivered = received.filter((r) => Number(r.headers["webhook-timestamp"]) > 0 && r.body.includes("quote"));
    const okIds = new Set(delivered.slice(6).map((r) => r.headers["webhook-id"]));
    expect([...okIds].sort()).toEqual([...eventIds].sort());
    // Every attempt of one event carried the same id: the receiver can drop duplicates.
    for (const id of eventIds) {
      const attempts = delivered.filter((r) => r.headers["webhook-id"] === id);
      expect(attempts.length).toBeGreaterThanOrEqual(1);
      for (const attempt of attempts) expect(verify(endpoint.secret, attempt).type).toBe("quote.message");
    }
    expect(log.reduce((sum, d) => sum + d.attempts, 0)).toBe(requests);

    // The delivery log shows each attempt: status, latency and what the receiver said.
    const retried = log.find((d) => d.attempts > 1);
    expect(retried).toBeDefined();
    const detail = await as(market, merchant(), (ctx) =>
      getDelivery({ ctx, input: { deliveryId: retried?.id ?? "" } }),
    );
    expect(detail.attempts[0]).toMatchObject({ attempt: 1, statusCode: 503, succeeded: false });
    expect(detail.attempts[0]?.responseExcerpt).toBe("down for maintenance");
    expect(detail.attempts.at(-1)).toMatchObject({ statusCode: 200, succeeded: true, responseExcerpt: "thanks" });
    expect(detail.attempts.every((a) => a.latencyMs >= 0)).toBe(true);
    expect(detail.body.type).toBe("quote.message");
  });

  it("gives a delivery up when the schedule runs out, and replays it on request with the same webhook-id", async () => {
    deliveryOptions = { retryScheduleSeconds: [0.1] };
    status = () => 500;
    const endpoint = await as(market, merchant(), (ctx) => createEndpoint({ ctx, input: { url: receiverUrl } }));
    const { deliveryId, eventId } = await as(market, merchant(), (ctx) =>
      sendTestEvent({ ctx, input: { endpointId: endpoint.id } }),
    );
    const failed = await waitFor("the delivery to fail", async () => {
      const d = await as(market, merchant(), (ctx) => getDelivery({ ctx, input: { deliveryId } }));
      return d.status === "failed" && d;
    });
    expect(failed.attempts.map((a) => a.statusCode)).toEqual([500, 500]);

    status = () => 204;
    const replay = await as(market, merchant(), (ctx) => replayDelivery({ ctx, input: { deliveryId } }));
    const done = await waitFor("the replay to succeed", async () => {
      const d = await as(market, merchant(), (ctx) => getDelivery({ ctx, input: { deliveryId: replay.deliveryId } }));
      return d.status === "succeeded" && d;
    });
    expect(done.replayOf).toBe(deliveryId);
    expect(done.eventId).toBe(eventId);
    expect(received.at(-1)?.headers["webhook-id"]).toBe(eventId);
  });

  it("turns off an endpoint that has failed for days, with a notice to its organisation", async () => {
    deliveryOptions = { retryScheduleSeconds: [], disableAfterMs: 0 };
    status = () => 410;
    const endpoint = await as(market, merchant(), (ctx) => createEndpoint({ ctx, input: { url: receiverUrl } }));
    await as(market, merchant(), (ctx) => sendTestEvent({ ctx, input: { endpointId: endpoint.id } }));
    const off = await waitFor("the endpoint to be disabled", async () => {
      const list = await as(market, merchant(), (ctx) => listEndpoints(ctx));
      const found = list.find((e) => e.id === endpoint.id);
      return found && !found.enabled && found;
    });
    expect(off.disabledReason).toMatch(/failed for 1 day; last: HTTP 410/);
    const notices = await as(market, merchant(), (ctx) =>
      ctx.tx
        .select({ organisationId: outboxEvents.organisationId, payload: outboxEvents.payload })
        .from(outboxEvents)
        .where(eq(outboxEvents.type, "webhook_endpoint.disabled")),
    );
    expect(notices).toContainEqual({
      organisationId: org(market, "merchant").id,
      payload: expect.objectContaining({ endpointId: endpoint.id, url: receiverUrl }),
    });
    // Turning it back on clears the reason.
    const on = await as(market, merchant(), (ctx) =>
      updateEndpoint({ ctx, input: { endpointId: endpoint.id, enabled: true } }),
    );
    expect(on).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it("deletes an endpoint with its delivery log", async () => {
    const endpoint = await as(market, merchant(), (ctx) => createEndpoint({ ctx, input: { url: receiverUrl } }));
    const { deliveryId } = await as(market, merchant(), (ctx) =>
      sendTestEvent({ ctx, input: { endpointId: endpoint.id } }),
    );
    await waitFor("the test delivery", async () => {
      const d = await as(market, merchant(), (ctx) => getDelivery({ ctx, input: { deliveryId } }));
      return d.status === "succeeded";
    });
    await as(market, merchant(), (ctx) => deleteEndpoint({ ctx, input: { endpointId: endpoint.id } }));
    const left = await as(market, merchant(), async (ctx) => ({
      deliveries: await ctx.tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)),
      attempts: await ctx.tx.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)),
    }));
    expect(left).toEqual({ deliveries: [], attempts: [] });
  });

  it("shows an organisation only its own deliveries", async () => {
    const endpoint = await as(market, merchant(), (ctx) => createEndpoint({ ctx, input: { url: receiverUrl } }));
    const { deliveryId } = await as(market, merchant(), (ctx) =>
      sendTestEvent({ ctx, input: { endpointId: endpoint.id } }),
    );
    const rivalPage = await as(market, userActor(org(market, "rival")), (ctx) => listDeliveries({ ctx, input: {} }));
    expect(rivalPage.items.map((d) => d.id)).not.toContain(deliveryId);
    const error = await rejection(
      as(market, userActor(org(market, "rival")), (ctx) => getDelivery({ ctx, input: { deliveryId } })),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});
