import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { catalog, integrations, jobSender, matching, startJobQueue, webhooks } from "@tradecloud/core";
import { migrateDatabase, openConfiguredDatabase } from "@tradecloud/core/db";
import { seedDemoData } from "@tradecloud/core/seed";
import { createApp } from "./app.js";
import { readApiEnv } from "./env.js";
import { createLogger } from "./logger.js";
import { rateLimitsFromEnv } from "./rate-limit.js";

const env = readApiEnv();
const logger = createLogger(env.LOG_LEVEL);
const database = await openConfiguredDatabase();
let ready = false;

// Migrate and seed before listening, so the first request finds a working database.
await migrateDatabase(database);
if (env.TRADECLOUD_SEED === "auto") {
  const seeded = await seedDemoData(database);
  if (seeded.seeded) logger.info({ tenants: seeded.tenants }, "seeded demo markets");
}
catalog.loadSearchSegmenter();
// Jobs run in this process too; more workers scale by running more API processes.
const jobQueue = await startJobQueue(database);
await jobQueue.work<{ tenantId: string; importId: string }>("catalog.import", async ([job]) => {
  if (!job) return;
  const report = await catalog.runCatalogueImport(database.db, job.data, (tx) => jobSender(jobQueue, tx));
  logger.info(
    { importId: job.data.importId, created: report.created, updated: report.updated },
    "catalogue import done",
  );
});

await jobQueue.work<matching.ListingMatchingJob>(matching.LISTING_MATCHING_QUEUE, async ([job]) => {
  if (!job) return;
  const result = await matching.runListingMatching(database.db, job.data);
  logger.info({ tenantId: job.data.tenantId, ...result }, "listings matched to open demands");
});

// Webhooks: the relay turns committed outbox events into deliveries; each attempt is a job.
const jobsFor = (tx: Parameters<typeof jobSender>[1]) => jobSender(jobQueue, tx);
await jobQueue.work<webhooks.WebhookDeliveryJob>(
  webhooks.WEBHOOK_DELIVERY_QUEUE,
  { batchSize: 5, pollingIntervalSeconds: 0.5 },
  async (jobs) => {
    await Promise.all(
      jobs.map(async (job) => {
        const result = await webhooks.deliverWebhook(database.db, job.data, jobsFor);
        if (result.outcome !== "succeeded") logger.info({ ...job.data, ...result }, "webhook attempt failed");
      }),
    );
  },
);
const relay = webhooks.startOutboxRelay(database.db, jobsFor, {
  intervalMs: env.TRADECLOUD_OUTBOX_RELAY_MS,
  onError: (error) => logger.error({ err: error }, "outbox relay failed"),
});

// Idempotent answers expire after a day, idle rate-limit buckets after an hour.
const maintenance = setInterval(() => {
  integrations.deleteExpiredRequestState(database.db).then(
    (deleted) => logger.debug(deleted, "expired request state deleted"),
    (error: unknown) => logger.error({ err: error }, "deleting expired request state failed"),
  );
}, 10 * 60_000);

const app = createApp({
  database,
  logger,
  portalDir: fileURLToPath(new URL("../../portal/dist", import.meta.url)),
  allowedOrigins: env.TRADECLOUD_ALLOWED_ORIGINS.split(",").filter(Boolean),
  isReady: () => ready,
  jobQueue,
  rateLimits: rateLimitsFromEnv(env),
  trustProxy: env.TRADECLOUD_TRUST_PROXY,
});
ready = true;

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  logger.info({ port: info.port, database: database.kind }, `Tradecloud listening on http://localhost:${info.port}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  ready = false;
  // Stop accepting connections, let in-flight requests finish, then close the database.
  server.close(async () => {
    clearInterval(maintenance);
    await relay.stop();
    await jobQueue.stop({ graceful: true, wait: true, timeout: 5000 });
    await database.close();
    logger.info("stopped");
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
