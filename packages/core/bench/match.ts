// npm run bench:match -- --listings N [--demands 100000] [--queries 200]
// On DATABASE_URL: the bench catalogue of N listings (shared with bench:search, built once) and
// 100,000 open demands. Times demand → top 20 listings (forDemand) and listing → open demands
// (forListing) against the naive approach (rank every text match, no caps) on the same data, and
// measures precision@5 and nDCG@10 on the labelled set's reporting half over the demo catalogue.
// Last line: JSON with the figures.
import { sql } from "drizzle-orm";
import { resultRows } from "../src/db/client.js";
import { newId } from "../src/db/columns.js";
import { withTenant } from "../src/db/tenant.js";
import { catalog, matching } from "../src/index.js";
import { evaluateRelevance } from "../src/modules/matching/relevance.js";
import { organisations, tenants as tenantTable } from "../src/modules/tenancy/index.js";
import { yiwuTaxonomy } from "../src/seed/data/yiwu-taxonomy.js";
import { seedDemoData } from "../src/seed/index.js";
import { createRandom, leavesOf, type Random } from "../src/seed/listing-generator.js";
import { ensureBenchCatalogue } from "./catalogue.js";
import { args, benchDatabase, percentile, time, warmTables } from "./support.js";

const opts = args();
const N = Number(opts.get("listings") ?? 1_000_000);
const DEMANDS = Number(opts.get("demands") ?? 100_000);
const QUERIES = Number(opts.get("queries") ?? 200);
const log = (...m: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...m);
const db = await benchDatabase(`tc_bench_search_${N}`);
const tenantId = await ensureBenchCatalogue(db, N);
const leaves = leavesOf(yiwuTaxonomy);

const MATERIALS = [
  ["塑料", "plastic"],
  ["不锈钢", "stainless steel"],
  ["纯棉", "cotton"],
  ["木质", "wooden"],
  ["硅胶", "silicone"],
  ["PVC", "PVC"],
] as const;
const COLOURS = [
  ["红色", "red"],
  ["黑色", "black"],
  ["白色", "white"],
  ["金色", "gold"],
] as const;

/** A demand as buyers write them: leaf names with a material or colour, zh, en or mixed. */
function generateDemand(random: Random, i: number): matching.DemandForMatching {
  const { leaf } = random.pick(leaves);
  const material = random.pick(MATERIALS);
  const colour = random.pick(COLOURS);
  const mode = i % 3;
  const titleZh = mode === 1 ? "" : `${random.next() < 0.5 ? "求购" : ""}${material[0]}${leaf.nameZh} ${colour[0]}`;
  const titleEn = mode === 0 ? "" : `${material[1]} ${leaf.nameEn.toLowerCase()} ${colour[1]}`;
  const parts = leaf.code.split(".");
  const categoryCode = random.next() < 0.5 ? null : random.next() < 0.5 ? leaf.code : parts.slice(0, 2).join(".");
  return {
    titleZh,
    titleEn,
    attributes: random.next() < 0.5 ? { material: material[1] } : {},
    categoryCode,
    quantity: random.pick([100, 300, 500, 1000, 2000, 5000, 10000]),
    unit: "pcs",
    targetPriceMinor: random.next() < 0.3 ? null : random.int(50, 5000),
    currency: "CNY",
    postedOn: "2026-11-25",
    requiredBy: `2027-0${random.int(1, 3)}-1${random.int(0, 9)}`,
  };
}

// 100,000 open demands from 1,000 buyers, inserted directly (posting each through the service
// would run forDemand 100,000 times).
const [counted] = resultRows<{ n: number }>(
  await withTenant(db.db, tenantId, (tx) => tx.execute(sql`select count(*)::int as n from demands`)),
);
if ((counted?.n ?? 0) !== DEMANDS) {
  log(`building ${DEMANDS} open demands`);
  await withTenant(db.db, tenantId, async (tx) => {
    await tx.execute(sql`delete from demand_matches`);
    await tx.execute(sql`delete from demands`);
  });
  const buyers = Array.from({ length: 1000 }, (_, i) => ({
    tenantId,
    id: newId(),
    nameZh: `采购商${i}`,
    nameEn: `Buyer ${i}`,
    kinds: ["buyer" as const],
    country: "DE",
  }));
  await withTenant(db.db, tenantId, (tx) => tx.insert(organisations).values(buyers));
  const codes = await withTenant(db.db, tenantId, (tx) =>
    tx.select({ code: catalog.categories.code, id: catalog.categories.id }).from(catalog.categories),
  );
  const categoryIds = new Map(codes.map((c) => [c.code, c.id]));
  const resolved = await withTenant(db.db, tenantId, (tx) => catalog.resolveCategories(tx, [...categoryIds.keys()]));
  const random = createRandom(99);
  for (let i = 0; i < DEMANDS; i += 2000) {
    const rows = Array.from({ length: Math.min(2000, DEMANDS - i) }, (_, k) => {
      const d = generateDemand(random, i + k);
      const doc = catalog.buildSearchDocument({
        titleZh: d.titleZh,
        titleEn: d.titleEn,
        categoryNames: d.categoryCode ? (resolved.get(d.categoryCode)?.names ?? []) : [],
        attributes: d.attributes,
      });
      return {
        tenantId,
        buyerOrganisationId: buyers[(i + k) % buyers.length]?.id ?? "",
        titleZh: d.titleZh,
        titleEn: d.titleEn,
        categoryId: d.categoryCode ? (categoryIds.get(d.categoryCode) ?? null) : null,
        categoryCode: d.categoryCode,
        quantity: d.quantity,
        unit: d.unit,
        targetPriceMinor: d.targetPriceMinor,
        currency: d.currency,
        postedOn: d.postedOn,
        requiredBy: d.requiredBy,
        destination: { country: "DE" },
        attributes: d.attributes,
        maxQuotes: 10,
        searchVector: catalog.searchVectorSql(doc) as unknown as string,
        matchWords: matching.demandWords(d),
        indexWords: matching.demandIndexWords(d),
      };
    });
    await withTenant(db.db, tenantId, (tx) => tx.insert(matching.demands).values(rows));
  }
  await db.query("vacuum analyze demands");
}

// Demand → listings: the engine, and the naive way (rank every listing matching any word).
const random = createRandom(2026);
const probes = Array.from({ length: QUERIES }, (_, i) => generateDemand(random, i));
const settings = matching.DEFAULT_MATCHING_SETTINGS;
// Warm the caches and jieba's dictionary, as a running server would be: the tables read once, and
// as many demands as there are probes that are not among them (the first call loaded the
// dictionary: ~350 ms).
await warmTables(db, tenantId, ["listings", "storefronts", "demands", "organisations"]);
const warmUp = createRandom(7);
for (let i = 0; i < QUERIES; i++) {
  await withTenant(db.db, tenantId, (tx) =>
    matching.forDemand({ tx }, generateDemand(warmUp, i), { limit: 20, settings }),
  );
}
const forward: number[] = [];
const forwardBaseline: number[] = [];
for (const demand of probes) {
  const [, ms] = await time(() =>
    withTenant(db.db, tenantId, (tx) => matching.forDemand({ tx }, demand, { limit: 20, settings })),
  );
  forward.push(ms);
}
const naive = async (query: () => ReturnType<typeof sql>) =>
  time(() =>
    db.db.transaction(async (tx) => {
      // As the read-only search role, so the naive query may use its GIN index too.
      await tx.execute(sql`select set_config('role', 'tradecloud_search', true)`);
      return tx.execute(query());
    }),
  );
for (const demand of probes) {
  const words = matching.demandWords(demand).map((w) => (/^[a-z]{3,}$/.test(w) ? `${w}:*` : w));
  const orQuery = words.join(" | ");
  const [, ms] = await naive(
    () => sql`select l.id, ts_rank_cd(l.search_vector, to_tsquery('simple', ${orQuery})) as rank
      from listings l where l.tenant_id = ${tenantId} and l.status = 'active'
        and l.search_vector @@ to_tsquery('simple', ${orQuery})
        ${demand.categoryCode ? sql`and l.category_path @> array[${demand.categoryCode}]` : sql``}
      order by rank desc limit 20`,
  );
  forwardBaseline.push(ms);
}
log("forward done");

// Listing → open demands, for listings as merchants activate them.
const sample = resultRows<{
  id: string;
  organisation_id: string;
  title_zh: string;
  title_en: string;
  attributes: Record<string, string>;
  category_code: string;
  category_path: string[];
  unit: string;
  moq: number;
  price_tiers: { minQuantity: number; unitPriceMinor: number }[];
  currency: string;
  lead_time_days: number;
}>(
  await withTenant(db.db, tenantId, (tx) =>
    // Ordered: without it the limit took whichever sampled rows a synchronised scan of the large
    // table reached first, so each run timed different listings.
    tx.execute(sql`select id, organisation_id, title_zh, title_en, attributes, category_code, category_path, unit,
      moq, price_tiers, currency, lead_time_days from listings
      tablesample bernoulli (${Math.min(100, (QUERIES * 300) / N)}) repeatable (7) order by id limit ${QUERIES}`),
  ),
);
const reverse: number[] = [];
const reverseBaseline: number[] = [];
let reverseMatched = 0;
for (const l of sample) {
  const listing: matching.ListingForMatching = {
    id: l.id,
    organisationId: l.organisation_id,
    titleZh: l.title_zh,
    titleEn: l.title_en,
    attributes: l.attributes,
    categoryCode: l.category_code,
    categoryPath: l.category_path,
    unit: l.unit,
    moq: l.moq,
    priceTiers: l.price_tiers,
    currency: l.currency,
    leadTimeDays: l.lead_time_days,
  };
  const [found, ms] = await time(() =>
    withTenant(db.db, tenantId, (tx) => matching.forListing({ tx }, listing, { today: "2026-11-25", settings })),
  );
  reverse.push(ms);
  reverseMatched += found.length;
  const words = catalog.searchWords(`${l.title_zh} ${l.title_en}`, "query").filter((w) => !/^\d/.test(w));
  const orQuery = [...new Set(words)].map((w) => (/^[a-z]{3,}$/.test(w) ? `${w}:*` : w)).join(" | ");
  const [, baselineMs] = await naive(
    () => sql`select d.id, ts_rank_cd(d.search_vector, to_tsquery('simple', ${orQuery})) as rank
      from demands d where d.tenant_id = ${tenantId} and d.status in ('open', 'quoting')
        and d.search_vector @@ to_tsquery('simple', ${orQuery})
      order by rank desc limit 100`,
  );
  reverseBaseline.push(baselineMs);
}
log(`reverse done: ${reverseMatched} matches for ${sample.length} listings`);

// Relevance over the demo catalogue (a fresh database, seeded), on the reporting half.
const demo = await benchDatabase(null);
await seedDemoData(demo);
const [yiwu] = await demo.db.select({ id: tenantTable.id }).from(tenantTable).where(sql`slug = 'yiwu'`);
const relevance = await evaluateRelevance(demo.db, yiwu?.id ?? "", "report");
await demo.drop();
await db.drop();

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
console.log(
  JSON.stringify({
    listings: N,
    open_demands: DEMANDS,
    queries: probes.length,
    p50_ms: percentile(sorted(forward), 50),
    p95_ms: percentile(sorted(forward), 95),
    p99_ms: percentile(sorted(forward), 99),
    baseline_p95_ms: percentile(sorted(forwardBaseline), 95),
    reverse_p50_ms: percentile(sorted(reverse), 50),
    reverse_p95_ms: percentile(sorted(reverse), 95),
    reverse_baseline_p95_ms: percentile(sorted(reverseBaseline), 95),
    precision_at_5: relevance.precisionAt5,
    ndcg_at_10: relevance.ndcgAt10,
    relevance_demands: relevance.demands,
  }),
);
