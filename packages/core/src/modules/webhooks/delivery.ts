import http from "node:http";
import https from "node:https";
import { and, eq, sql } from "drizzle-orm";
import ipaddr from "ipaddr.js";
import { Webhook } from "standardwebhooks";
import type { Database } from "../../db/client.js";
import { withTenant } from "../../db/tenant.js";
import { emitEvent, outboxEvents } from "../events/index.js";
import { guardedLookup, isPublicAddress } from "./address-guard.js";
import { readWebhookSettings } from "./endpoints.js";
import { type JobsFor, WEBHOOK_DELIVERY_QUEUE, type WebhookDeliveryJob } from "./relay.js";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "./tables.js";

/**
 * Seconds to wait after each failed attempt: exponential from 5 s, capped at 12 h, 15 attempts
 * over about three days (75.7 h) before a delivery is given up. Each wait gets ±10% jitter so a
 * receiver coming back is not hit by every retry at once.
 */
export const RETRY_SCHEDULE_SECONDS: readonly number[] = [
  5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800, 43_200, 43_200, 43_200, 43_200, 43_200,
];

/** An endpoint whose attempts have all failed for this long is turned off, with a notice. */
export const DISABLE_AFTER_MS = 5 * 86_400_000;

export interface DeliveryOptions {
  retryScheduleSeconds?: readonly number[];
  disableAfterMs?: number;
  /** How long to wait for the receiver's answer. */
  timeoutMs?: number;
}

export interface AttemptResult {
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string;
  error: string | null;
}

/** Join conditions from a delivery to its endpoint and to its outbox event. */
export const deliveryEndpoint = and(
  eq(webhookEndpoints.tenantId, webhookDeliveries.tenantId),
  eq(webhookEndpoints.id, webhookDeliveries.endpointId),
);
export const deliveryEvent = and(
  eq(outboxEvents.tenantId, webhookDeliveries.tenantId),
  eq(outboxEvents.id, webhookDeliveries.eventId),
);

const EXCERPT_CHARS = 1000;
const MAX_READ_BYTES = 64 * 1024;

/**
 * The body every receiver gets: the Standard Webhooks shape. Tenant ids are internal (a key names
 * its market by slug), so they are left out wherever a payload's objects carry one.
 */
export function webhookBody(event: { type: string; occurredAt: Date; payload: Record<string, unknown> }): string {
  return JSON.stringify(
    { type: event.type, timestamp: event.occurredAt.toISOString(), data: event.payload },
    (key, value: unknown) => (key === "tenantId" ? undefined : value),
  );
}

/** `webhook-id`, `webhook-timestamp` and `webhook-signature`, per the Standard Webhooks spec. */
export function signWebhook(secret: string, messageId: string, at: Date, body: string): Record<string, string> {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(messageId, at, body),
  };
}

/**
 * POSTs one signed body. Redirects are not followed (a redirect could lead past the address
 * guard); anything but a 2xx answer is a failure.
 */
export function postWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  options: { allowLocalTargets: boolean; timeoutMs: number },
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(target);
  // Sockets skip `lookup` for literal addresses, so those are checked here.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!options.allowLocalTargets && ipaddr.isValid(host) && !isPublicAddress(host)) {
    return Promise.resolve({
      statusCode: null,
      latencyMs: 0,
      responseExcerpt: "",
      error: `refused: ${host} is a private, loopback or link-local address`,
    });
  }
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    let deadline: NodeJS.Timeout | undefined;
    const finish = (result: Omit<AttemptResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...result, latencyMs: elapsed() });
    };
    const request = transport.request(
      url,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "Tradecloud-Webhooks/1.0",
        },
        lookup: guardedLookup(options.allowLocalTargets),
        timeout: options.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let read = 0;
        const answered = () =>
          finish({
            statusCode: response.statusCode ?? null,
            responseExcerpt: Buffer.concat(chunks).toString("utf8").slice(0, EXCERPT_CHARS),
            error: null,
          });
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          read += chunk.length;
          // Enough for the excerpt: stop reading rather than take whatever the receiver sends.
          if (read >= MAX_READ_BYTES) {
            answered();
            response.destroy();
          }
        });
        response.on("end", answered);
        response.on("error", (error) =>
          finish({ statusCode: response.statusCode ?? null, responseExcerpt: "", error: error.message }),
        );
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    // One deadline for the whole attempt: the socket's timeout only notices silence, and a receiver
    // dripping bytes would hold a worker (and every market's deliveries queued behind it).
    deadline = setTimeout(
      () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.on("error", (error) => finish({ statusCode: null, responseExcerpt: "", error: error.message }));
    request.end(body);
  });
}

const succeeded = (result: AttemptResult) =>
  result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;

/** The wait before the next attempt after `attempt` failed, or null when the schedule is done. */
export function nextAttemptDelayMs(attempt: number, schedule: readonly number[], random = Math.random): number | null {
  const seconds = schedule[attempt - 1];
  if (seconds === undefined) return null;
  return Math.round(seconds * 1000 * (0.9 + 0.2 * random()));
}

/**
 * Makes one attempt of a delivery (the `webhooks.deliver` job): reads it in one transaction, POSTs
 * outside any transaction, then records the attempt and schedules the next one (or gives up) in a
 * second. The `webhook-id` is the event's id on every attempt and replay, so receivers can drop
 * duplicates; the signature covers this attempt's timestamp.
 */
export async function deliverWebhook(
  db: Database,
  job: WebhookDeliveryJob,
  jobsFor: JobsFor,
  options: DeliveryOptions = {},
) {
  const prepared = await withTenant(db, job.tenantId, async (tx) => {
    const [row] = await tx
      .select({
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        endpointId: webhookEndpoints.id,
        url: webhookEndpoints.url,
        secret: webhookEndpoints.secret,
        enabled: webhookEndpoints.enabled,
        eventId: outboxEvents.id,
        type: outboxEvents.type,
        occurredAt: outboxEvents.occurredAt,
        payload: outboxEvents.payload,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, deliveryEndpoint)
      .innerJoin(outboxEvents, deliveryEvent)
      .where(eq(webhookDeliveries.id, job.deliveryId));
    return row ? { ...row, settings: await readWebhookSettings({ tx }) } : null;
  });
  // A job names the attempt it is for: a job retried after its attempt was recorded (and the next
  // one queued) stands down instead of starting a second chain of retries.
  const stale = job.attempt !== undefined && prepared?.attempts !== job.attempt - 1;
  if (prepared?.status !== "pending" || stale) return { outcome: "skipped" as const };
  const attempt = prepared.attempts + 1;
  const body = webhookBody(prepared);
  const result: AttemptResult = prepared.enabled
    ? await postWebhook(prepared.url, signWebhook(prepared.secret, prepared.eventId, new Date(), body), body, {
        allowLocalTargets: prepared.settings.allowLocalTargets,
        timeoutMs: options.timeoutMs ?? 10_000,
      })
    : { statusCode: null, latencyMs: 0, responseExcerpt: "", error: "endpoint is disabled" };
  const ok = succeeded(result);
  const delayMs =
    ok || !prepared.enabled
      ? null
      : nextAttemptDelayMs(attempt, options.retryScheduleSeconds ?? RETRY_SCHEDULE_SECONDS);
  const outcome = ok ? "succeeded" : delayMs === null ? "failed" : "retrying";

  await withTenant(db, job.tenantId, async (tx) => {
    // Claims this attempt number: if another worker already recorded it, this one stands down.
    const [claimed] = await tx
      .update(webhookDeliveries)
      .set({
        attempts: attempt,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        status: outcome === "retrying" ? "pending" : outcome,
        nextAttemptAt: delayMs === null ? null : new Date(Date.now() + delayMs),
        completedAt: outcome === "retrying" ? null : sql`now()`,
      })
      .where(
        and(
          eq(webhookDeliveries.id, job.deliveryId),
          eq(webhookDeliveries.attempts, attempt - 1),
          eq(webhookDeliveries.status, "pending"),
        ),
      )
      .returning({ organisationId: webhookDeliveries.organisationId });
    if (!claimed) return;
    await tx.insert(webhookAttempts).values({
      tenantId: job.tenantId,
      deliveryId: job.deliveryId,
      attempt,
      url: prepared.url,
      statusCode: result.statusCode,
      latencyMs: result.latencyMs,
      responseExcerpt: result.responseExcerpt,
      error: result.error,
      succeeded: ok,
    });
    if (delayMs !== null) {
      await jobsFor(tx).send(WEBHOOK_DELIVERY_QUEUE, { ...job, attempt: attempt + 1 } satisfies WebhookDeliveryJob, {
        startAfter: new Date(Date.now() + delayMs),
      });
    }
    if (ok) {
      await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, prepared.endpointId));
      return;
    }
    if (!prepared.enabled) return;
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` })
      .where(eq(webhookEndpoints.id, prepared.endpointId))
      .returning({ failingSince: webhookEndpoints.failingSince, enabled: webhookEndpoints.enabled });
    const disableAfterMs = options.disableAfterMs ?? DISABLE_AFTER_MS;
    if (endpoint?.enabled && endpoint.failingSince && Date.now() - endpoint.failingSince.getTime() >= disableAfterMs) {
      const days = Math.max(1, Math.round(disableAfterMs / 86_400_000));
      const reason = `Every attempt failed for ${days} day${days === 1 ? "" : "s"}; last: ${
        result.statusCode ? `HTTP ${result.statusCode}` : result.error
      }`;
      await tx
        .update(webhookEndpoints)
        .set({ enabled: false, disabledReason: reason, updatedAt: sql`now()` })
        .where(eq(webhookEndpoints.id, prepared.endpointId));
      await emitEvent(
        { tx, tenantId: job.tenantId, requestId: `job:${WEBHOOK_DELIVERY_QUEUE}` },
        {
          type: "webhook_endpoint.disabled",
          organisationId: claimed.organisationId,
          payload: { endpointId: prepared.endpointId, url: prepared.url, reason, failingSince: endpoint.failingSince },
        },
      );
    }
  });
  return { outcome, attempt, ...result };
}
