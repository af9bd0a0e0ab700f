// npm run bench:import -- [--rows 50000] [--baseline-rows 2000]
// Generates an N-row catalogue CSV and imports it through the real import path (parse, validate,
// upsert) on a fresh database at DATABASE_URL; the baseline lists the same kind of rows one by
// one through createListing. Last line: JSON with the figures.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { resultRows } from "../src/db/client.js";
import { newId } from "../src/db/columns.js";
import { withTenant } from "../src/db/tenant.js";
import { catalog } from "../src/index.js";
import { memberships, organisations, tenants, users } from "../src/modules/tenancy/index.js";
import type { CategorySeed } from "../src/seed/data/taxonomy-format.js";
import { yiwuTaxonomy } from "../src/seed/data/yiwu-taxonomy.js";
import { createRandom, generateListing, leavesOf } from "../src/seed/listing-generator.js";
import type { ServiceContext } from "../src/shared/context.js";
import { args, benchDatabase, time } from "./support.js";

/** User + system CPU seconds of a local process, from /proc; null where it cannot be read. */
function backendCpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

const opts = args();
const ROWS = Number(opts.get("rows") ?? 50_000);
const BASELINE_ROWS = Number(opts.get("baseline-rows") ?? 2000);

const random = createRandom(99);
const leaves = leavesOf(yiwuTaxonomy);
const generated = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => {
    const { leaf, industry } = random.pick(leaves);
    return generateListing(random, leaf, industry, `${prefix}-${i}`);
  });
const records = generated(ROWS, "IMP").map((g) => catalog.listingRecord({ ...g, imageUrls: [], hsCode: null }));
const file = await catalog.writeCatalogueFile(records, "csv");
console.error(`CSV of ${ROWS} rows: ${(file.length / 1e6).toFixed(1)} MB`);
// One request carries the whole file, so it must fit the import's own limit (~60,000 rows of these).
const maxBase64 = catalog.ImportListingsInput.shape.contentBase64.maxLength ?? Number.POSITIVE_INFINITY;
if (Math.ceil(file.length / 3) * 4 > maxBase64)
  throw new Error(`--rows ${ROWS} makes a file over one import's limit (${maxBase64} base64 characters)`);

const db = await benchDatabase(null);

const tenantId = newId();
const orgId = newId();
const userId = newId();
await db.db.insert(tenants).values({
  id: tenantId,
  slug: "bench",
  nameZh: "基准",
  nameEn: "Bench",
  defaultCurrency: "CNY",
  defaultLocale: "zh-CN",
});
await withTenant(db.db, tenantId, async (tx) => {
  await tx
    .insert(organisations)
    .values({ tenantId, id: orgId, nameZh: "商户", nameEn: "Merchant", kinds: ["merchant"], country: "CN" });
  await tx
    .insert(users)
    .values({ tenantId, id: userId, email: "m@bench.test", name: "M", locale: "en", passwordHash: "x" });
  await tx.insert(memberships).values({ tenantId, userId, organisationId: orgId, role: "owner" });
  const rows: (typeof catalog.categories.$inferInsert)[] = [];
  const walk = (nodes: CategorySeed[], parentId: string | null, depth: number) => {
    for (const node of nodes) {
      const id = newId();
      rows.push({ tenantId, id, parentId, code: node.code, nameZh: node.nameZh, nameEn: node.nameEn, depth });
      if (node.children) walk(node.children, id, depth + 1);
    }
  };
  walk(yiwuTaxonomy, null, 0);
  await tx.insert(catalog.categories).values(rows);
});
const actor = {
  type: "user" as const,
  userId,
  organisationId: orgId,
  role: "owner" as const,
  kinds: ["merchant" as const],
};
const asMerchant = <T>(fn: (ctx: ServiceContext) => Promise<T>) =>
  withTenant(db.db, tenantId, (tx) => fn({ tx, tenantId, actor, requestId: "bench", locale: "en" }));
const shop = await asMerchant((ctx) =>
  catalog.createStorefront({
    ctx,
    input: { nameZh: "基准店", nameEn: "Bench shop", booth: { district: "二区", booth: "1" } },
  }),
);
const shop2 = await asMerchant((ctx) =>
  catalog.createStorefront({
    ctx,
    input: { nameZh: "对照店", nameEn: "Baseline shop", booth: { district: "二区", booth: "2" } },
  }),
);

// The API loads jieba's dictionary as it starts (catalog.loadSearchSegmenter), not in an import.
catalog.searchWords("义乌小商品", "index");

// CPU seconds of each side, to show which one bounds the import: this process (all its threads),
// and the server backend running the import's transaction when the server is on this machine.
let serverCpuS: number | null = null;
const clientCpu = process.cpuUsage();
// The main thread's idle time: where the application waited for PostgreSQL.
const clientLoop = performance.eventLoopUtilization();
const [report, ms] = await time(() =>
  asMerchant(async (ctx) => {
    const [backend] = resultRows<{ pid: number }>(await ctx.tx.execute(sql`select pg_backend_pid() as pid`));
    const serverCpuBefore = backendCpuSeconds(backend?.pid);
    const imported = await catalog.importListings({
      ctx,
      input: { storefrontId: shop.id, format: "csv", contentBase64: file.toString("base64") },
    });
    const serverCpuAfter = backendCpuSeconds(backend?.pid);
    if (serverCpuBefore !== null && serverCpuAfter !== null) serverCpuS = serverCpuAfter - serverCpuBefore;
    return imported;
  }),
);
const clientCpuUsed = process.cpuUsage(clientCpu);
const clientLoopUsed = performance.eventLoopUtilization(clientLoop);
if (!report.committed || report.created !== ROWS)
  throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);

// Baseline: the same kind of rows, one createListing (one transaction) each.
const baselineRows = generated(BASELINE_ROWS, "ONE");
const [, baselineMs] = await time(async () => {
  for (const g of baselineRows) {
    await asMerchant((ctx) => catalog.createListing({ ctx, input: { ...g, storefrontId: shop2.id } }));
  }
});
if (!process.env.KEEP) await db.drop();
const rowsPerS = Math.round(ROWS / (ms / 1000));
const baselinePerS = Math.round(BASELINE_ROWS / (baselineMs / 1000));
console.log(
  JSON.stringify({
    rows: ROWS,
    seconds: Math.round(ms / 100) / 10,
    rows_per_s: rowsPerS,
    baseline_rows: BASELINE_ROWS,
    baseline_rows_per_s: baselinePerS,
    speedup: Math.round((rowsPerS / baselinePerS) * 10) / 10,
    client_cpu_s: Math.round((clientCpuUsed.user + clientCpuUsed.system) / 1e5) / 10,
    server_cpu_s: serverCpuS === null ? null : Math.round(serverCpuS * 10) / 10,
    client_idle_s: Math.round(clientLoopUsed.idle / 100) / 10,
  }),
);
