// npm run bench:search -- --listings N [--queries 200] [--rebuild] [--recall [N]]
// Builds a Yiwu-like catalogue of N listings (about 13 per storefront, so ~75,000 storefronts at
// 1M) on DATABASE_URL, then times 200 mixed queries through the real search service against the
// naive ILIKE '%…%' approach on the same data. Last line: JSON with the figures.
import { sql } from "drizzle-orm";
import { resultRows } from "../src/db/client.js";
import { withTenant } from "../src/db/tenant.js";
import { catalog } from "../src/index.js";
import { yiwuTaxonomy } from "../src/seed/data/yiwu-taxonomy.js";
import { createRandom, leavesOf, type Random } from "../src/seed/listing-generator.js";
import { ensureBenchCatalogue } from "./catalogue.js";
import { args, benchDatabase, percentile, time, warmTables } from "./support.js";

const opts = args();
const N = Number(opts.get("listings") ?? 1_000_000);
const QUERIES = Number(opts.get("queries") ?? 200);
const db = await benchDatabase(`tc_bench_search_${N}`);
const log = (...m: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...m);

const tenantId = await ensureBenchCatalogue(db, N, opts.has("rebuild"));

// 200 queries as buyers type them: leaf names in Chinese and English, generic words, mixed
// text, typos; a third with filters (category, quantity and price, attributes, lead time).
const leaves = leavesOf(yiwuTaxonomy);
const GENERIC = ["批发", "wholesale", "LED", "圣诞", "玩具", "新款", "christmas", "plastic"];
const typo = (word: string) => (word.length > 5 ? word.slice(0, 2) + word.slice(3) : word);
const generateQueries = (random: Random) =>
  Array.from({ length: QUERIES }, (_, i) => {
    const { leaf, industry } = random.pick(leaves);
    const kind = i % 6;
    const q =
      kind === 0
        ? leaf.nameZh
        : kind === 1
          ? leaf.nameEn.toLowerCase()
          : kind === 2
            ? random.pick(GENERIC)
            : kind === 3
              ? `${random.pick(["LED", "不锈钢", "PVC", "cotton"])} ${leaf.nameZh}`
              : kind === 4
                ? typo(leaf.nameEn.toLowerCase().split(" ").pop() ?? "")
                : `${random.pick(GENERIC)} ${leaf.nameEn.toLowerCase().split(" ").pop()}`;
    const filters: Partial<catalog.SearchInput> =
      i % 3 === 0
        ? { categoryCode: industry }
        : i % 3 === 1
          ? {
              quantity: random.pick([100, 500, 1000]),
              maxPriceMinor: random.int(500, 5000),
              attributes: random.next() < 0.5 ? { color: "red" } : undefined,
            }
          : { maxLeadTimeDays: random.pick([7, 15, 30]) };
    return { q, ...filters } as catalog.SearchInput;
  });
const queries = generateQueries(createRandom(7));

const ctxFor = (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => ({
  tx,
  tenantId,
  actor: { type: "anonymous" as const },
  requestId: "bench",
  locale: "en" as const,
});
// Warm the caches and jieba's dictionary, as a running server would be: the tables read once, and
// as many queries as there are probes, drawn the same way but not among them.
await warmTables(db, tenantId, ["listings", "storefronts"]);
for (const q of generateQueries(createRandom(8)))
  await withTenant(db.db, tenantId, (tx) => catalog.searchListings({ ctx: ctxFor(tx), input: q }));

const ours: number[] = [];
let capped = 0;
for (const q of queries) {
  const [result, ms] = await time(() =>
    withTenant(db.db, tenantId, (tx) => catalog.searchListings({ ctx: ctxFor(tx), input: q })),
  );
  ours.push(ms);
  if (result.capped) capped++;
}

// The naive approach: ILIKE on the titles with the same filters, newest first, one page.
const baseline: number[] = [];
for (const q of queries) {
  const pattern = `%${q.q}%`;
  const [, ms] = await time(() =>
    withTenant(db.db, tenantId, (tx) =>
      tx.execute(sql`select l.id, l.title_zh, l.title_en from listings l
        where l.status = 'active' and (l.title_zh ilike ${pattern} or l.title_en ilike ${pattern})
        ${q.categoryCode ? sql`and l.category_code like ${`${q.categoryCode}.%`}` : sql``}
        ${q.quantity ? sql`and l.moq <= ${q.quantity} and listing_price_at(l.price_tiers, ${q.quantity}) <= ${q.maxPriceMinor ?? 1e12}` : sql``}
        ${q.maxLeadTimeDays !== undefined ? sql`and l.lead_time_days <= ${q.maxLeadTimeDays}` : sql``}
        order by l.created_at desc limit 20`),
    ),
  );
  baseline.push(ms);
}

// What the cap costs: for the probes that hit it (text and filters as timed), the share of the
// exact top 20 (the same candidate function without a cap, so every match that passes the filters
// is ranked; equal scores newest first) that the capped ranking also returns. Opt-in: it ranks
// every match.
let recallAt20: number | null = null;
if (opts.has("recall")) {
  const sample = queries.filter((q) => q.q).slice(0, Number(opts.get("recall") || 200));
  const overlaps: number[] = [];
  for (const q of sample) {
    const capped = await withTenant(db.db, tenantId, (tx) =>
      catalog.searchListings({ ctx: ctxFor(tx), input: { ...q, limit: 20, sort: "relevance" } }),
    );
    if (!capped.capped || capped.fuzzy) continue;
    // The tsquery the service ran, so only the cap differs.
    const tsq = await withTenant(db.db, tenantId, (tx) => catalog.searchTsQuery(tx, q.q ?? ""));
    if (!tsq) continue;
    const every = resultRows<{ id: string; score: number }>(
      await withTenant(db.db, tenantId, (tx) =>
        tx.execute(sql`select id, score from search_listing_candidates(
          ${tsq}::text, ${q.categoryCode ?? null}::text, ${q.quantity ?? null}::integer,
          ${q.maxLeadTimeDays ?? null}::integer, null::text, null::uuid,
          ${q.attributes ? JSON.stringify(q.attributes) : null}::jsonb, null::bigint,
          ${q.maxPriceMinor ?? null}::bigint, ${2 ** 31 - 1}::integer)`),
      ),
    );
    const exact = every
      .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, 20)
      .map((r) => r.id);
    const ours20 = new Set(capped.items.map((i) => i.id));
    overlaps.push(exact.filter((id) => ours20.has(id)).length / Math.max(1, exact.length));
  }
  recallAt20 = overlaps.length ? Math.round((overlaps.reduce((a, b) => a + b, 0) / overlaps.length) * 100) / 100 : null;
  log(`recall@20 over ${overlaps.length} capped queries: ${recallAt20}`);
}

ours.sort((a, b) => a - b);
baseline.sort((a, b) => a - b);
await db.drop();
console.log(
  JSON.stringify({
    listings: N,
    queries: QUERIES,
    p50_ms: percentile(ours, 50),
    p95_ms: percentile(ours, 95),
    p99_ms: percentile(ours, 99),
    baseline_p50_ms: percentile(baseline, 50),
    baseline_p95_ms: percentile(baseline, 95),
    baseline_p99_ms: percentile(baseline, 99),
    speedup_p95: Math.round((percentile(baseline, 95) / percentile(ours, 95)) * 10) / 10,
    capped_queries: capped,
    ...(recallAt20 === null ? {} : { capped_recall_at_20: recallAt20 }),
    candidate_cap: catalog.CANDIDATE_CAP,
  }),
);
