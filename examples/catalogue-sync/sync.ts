/**
 * An integrator's script: keeps a storefront's catalogue in step with a CSV file through the
 * Tradecloud SDK, then listens for the market's webhooks (listings, demands, quotes) and verifies
 * every one before trusting it.
 *
 *   TRADECLOUD_URL=http://localhost:3000 TRADECLOUD_API_KEY=tc_test_… npx tsx sync.ts --csv catalogue.csv
 *
 * See README.md beside this file.
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { createTradecloudClient, paginate, TradecloudError, verifyWebhook } from "@tradecloud/sdk";
import { parse } from "csv-parse/sync";

const { values: args } = parseArgs({
  options: {
    csv: { type: "string", default: new URL("catalogue.csv", import.meta.url).pathname },
    storefront: { type: "string" },
    listen: { type: "string", default: "4010" },
    "public-url": { type: "string" },
    "exit-after": { type: "string" },
  },
});

const baseUrl = process.env.TRADECLOUD_URL ?? "http://localhost:3000";
const apiKey = process.env.TRADECLOUD_API_KEY;
if (!apiKey) {
  console.error("Set TRADECLOUD_API_KEY (create one on the portal's Developers page).");
  process.exit(2);
}
const tradecloud = createTradecloudClient({ baseUrl, apiKey });

/** The events this merchant integration cares about. */
const EVENT_TYPES = [
  "listing.created",
  "listing.updated",
  "demand.matched",
  "demand.invited",
  "quote.accepted",
  "quote.message",
  "webhook.test",
];

async function syncCatalogue() {
  const storefrontId = args.storefront ?? (await tradecloud.catalog.listMyStorefronts.query())[0]?.id;
  if (!storefrontId) throw new Error("This key's organisation has no storefront; open one in the portal first.");

  // Check the file against the market's template before sending it: a wrong header is our bug.
  const file = await readFile(args.csv);
  const rows = parse(file, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  const template = await tradecloud.catalog.importTemplate.query({ format: "csv" });
  const expected = Buffer.from(template.contentBase64, "base64")
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trim();
  const header = Object.keys(rows[0] ?? {}).join(",");
  if (header !== expected.split(/\r?\n/)[0]) throw new Error(`${args.csv}: header differs from the template`);

  // One call upserts every row by SKU; bad rows are reported and skipped, good ones land.
  const report = await tradecloud.catalog.importListings.mutate({
    storefrontId,
    format: "csv",
    mode: "skip-invalid",
    contentBase64: file.toString("base64"),
  });
  console.log(
    `synced ${rows.length} rows: ${report.created} created, ${report.updated} updated, ${report.skipped} skipped`,
  );
  for (const problem of report.errors) console.log(`  row ${problem.row} ${problem.column ?? ""}: ${problem.message}`);

  // Read the storefront back page by page: the SDK follows the pages.
  const byStatus = new Map<string, number>();
  for await (const listing of paginate(tradecloud.catalog.listMyListings, { storefrontId, limit: 100 })) {
    byStatus.set(listing.status, (byStatus.get(listing.status) ?? 0) + 1);
  }
  console.log(`storefront now has ${[...byStatus].map(([status, n]) => `${n} ${status}`).join(", ")}`);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

const seen = new Set<string>();
// `--exit-after 4` counts every event; `--exit-after 4:listing.created` only that type.
const [exitCount, exitType] = (args["exit-after"] ?? "").split(":");
const exitAfter = exitCount ? Number(exitCount) : Number.POSITIVE_INFINITY;
let counted = 0;
let synced = false;
/** With --exit-after, stops once the sync is done and that many distinct events came. */
function exitWhenDone() {
  if (synced && counted >= exitAfter) process.exit(0);
}

async function listenForWebhooks(port: number) {
  let secret = "";
  const server = createServer(async (request, response) => {
    // Verify against the raw body, exactly as sent: re-serialised JSON would not match.
    const body = await readBody(request);
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, String(value ?? "")]),
    );
    let event: ReturnType<typeof verifyWebhook>;
    try {
      event = verifyWebhook(body, headers, secret);
    } catch (error) {
      console.log(`✗ refused a delivery: ${(error as Error).message}`);
      response.writeHead(401).end();
      return;
    }
    response.writeHead(204).end();
    // At least once: the same webhook-id may come again after a retry or a replay.
    const id = headers["webhook-id"] ?? "";
    if (seen.has(id)) return;
    seen.add(id);
    if (!exitType || event.type === exitType) counted += 1;
    // Every listing event names its listing; imports and edits also name the SKU.
    const sku = typeof event.data.sku === "string" ? ` (${event.data.sku})` : "";
    console.log(`✓ ${event.type} ${id}${sku}`);
    exitWhenDone();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = args["public-url"] ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;

  // Reuse the endpoint registered by an earlier run, else register one.
  const existing = (await tradecloud.webhooks.listEndpoints.query()).find((e) => e.url === url);
  if (existing) {
    if (!existing.enabled) await tradecloud.webhooks.updateEndpoint.mutate({ endpointId: existing.id, enabled: true });
    secret = (await tradecloud.webhooks.getEndpointSecret.query({ endpointId: existing.id })).secret;
  } else {
    const created = await tradecloud.webhooks.createEndpoint.mutate({
      url,
      description: "catalogue-sync example",
      eventTypes: EVENT_TYPES,
    });
    secret = created.secret;
  }
  console.log(`listening for webhooks on ${url}`);
  return server;
}

try {
  const listen = Number(args.listen);
  // Listen first, so the events this sync causes are caught too.
  if (listen >= 0 && args.listen !== "off") await listenForWebhooks(listen);
  await syncCatalogue();
  synced = true;
  if (args.listen === "off") process.exit(0);
  exitWhenDone();
} catch (error) {
  if (error instanceof TradecloudError) {
    console.error(`Tradecloud said ${error.code}: ${error.message}`);
    for (const [field, problems] of Object.entries(error.fieldErrors ?? {})) {
      console.error(`  ${field}: ${problems.join(", ")}`);
    }
  } else console.error(error);
  process.exit(1);
}
