// npm run bench:search -- --listings N [--queries 200] [--rebuild] [--recall 40]
// Builds a Yiwu-like catalogue of N listings (about 13 per storefront, so ~75,000 storefronts at
// 1M) on DATABASE_URL, then times 200 mixed queries through the real search service against the
// naive ILIKE '%…%' approach on the same data. Last line: JSON with the figures.
import { sql } from "drizzle-orm";
import { newId } from "../src/db/columns.js";
import { withTenant } from "../src/db/tenant.js";
import { catalog } from "../src/index.js";
import { listingRow, type ResolvedCategory, recordSearchWords } from "../src/modules/catalog/index.js";
import { organisations, tenants } from "../src/modules/tenancy/index.js";
import type { CategorySeed } from "../src/seed/data/taxonomy-format.js";
import { yiwuTaxonomy } from "../src/seed/data/yiwu-taxonomy.js";
import { createRandom, generateListing, leavesOf } from "../src/seed/listing-generator.js";
import { args, benchDatabase, percentile, time } from "./support.js";

const opts = args();
const N = Number(opts.get("listings") ?? 1_000_000);
const QUERIES = Number(opts.get("queries") ?? 200);
const PER_STOREFRONT = 13;
const db = await benchDatabase(`tc_bench_search_${N}`);
const log = (...m: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...m);

const [existing] = await db.query<{ id: string }>("select id from tenants where slug = 'bench'");
let tenantId = existing?.id ?? "";
const counted = tenantId
  ? ((await withTenant(db.db, tenantId, (tx) =>
      tx.execute(sql`select count(*)::int as n from listings`),
    )) as unknown as { n: number }[])
  : [];
if (!tenantId || opts.has("rebuild") || Number(counted[0]?.n ?? 0) !== N) {
  if (tenantId) await db.query("truncate tenants cascade");
  tenantId = newId();
  await build(tenantId);
}

async function build(id: string) {
  const started = performance.now();
  await db.db.insert(tenants).values({
    id,
    slug: "bench",
    nameZh: "基准市场",
    nameEn: "Bench market",
    defaultCurrency: "CNY",
    defaultLocale: "zh-CN",
  });
  const random = createRandom(42);
  const leaves = leavesOf(yiwuTaxonomy);
  const resolved = new Map<string, ResolvedCategory>();
  await withTenant(db.db, id, async (tx) => {
    const rows: { code: string; id: string; parentId: string | null; nameZh: string; nameEn: string; depth: number }[] =
      [];
    const walk = (nodes: CategorySeed[], parent: string | null, depth: number, names: string[]) => {
      for (const node of nodes) {
        const cid = newId();
        rows.push({ code: node.code, id: cid, parentId: parent, nameZh: node.nameZh, nameEn: node.nameEn, depth });
        const own = [...names, node.nameZh, node.nameEn];
        if (node.children?.length) walk(node.children, cid, depth + 1, own);
        else
          resolved.set(node.code, {
            id: cid,
            code: node.code,
            path: catalog.categoryPath(node.code),
            names: own,
            isLeaf: true,
          });
      }
    };
    walk(yiwuTaxonomy, null, 0, []);
    await tx.insert(catalog.categories).values(rows.map((r) => ({ ...r, tenantId: id })));
  });
  // Bulk load without the search indexes, then build them once (as one would for a migration).
  await db.query("drop index if exists listings_search, listings_attributes, listings_category_path");
  const storefrontCount = Math.ceil(N / PER_STOREFRONT);
  const merchants = Math.ceil(storefrontCount / 2);
  log(`building ${N} listings in ${storefrontCount} storefronts of ${merchants} merchants`);
  const orgIds: string[] = [];
  for (let i = 0; i < merchants; i += 2000) {
    const batch = Array.from({ length: Math.min(2000, merchants - i) }, (_, k) => ({
      tenantId: id,
      id: newId(),
      nameZh: `义乌商户${i + k}`,
      nameEn: `Yiwu merchant ${i + k}`,
      kinds: ["merchant" as const],
      country: "CN",
    }));
    await withTenant(db.db, id, (tx) => tx.insert(organisations).values(batch));
    orgIds.push(...batch.map((b) => b.id));
  }
  const shops: { id: string; organisationId: string }[] = [];
  for (let i = 0; i < storefrontCount; i += 2000) {
    const batch = Array.from({ length: Math.min(2000, storefrontCount - i) }, (_, k) => ({
      tenantId: id,
      id: newId(),
      organisationId: orgIds[(i + k) % orgIds.length] ?? "",
      nameZh: `店铺${i + k}`,
      nameEn: `Shop ${i + k}`,
      booth: { district: "二区", gate: "7号门", street: "3街", booth: String(10000 + i + k) },
    }));
    await withTenant(db.db, id, (tx) => tx.insert(catalog.storefronts).values(batch));
    shops.push(...batch.map((b) => ({ id: b.id, organisationId: b.organisationId })));
  }
  const BATCH = 2000;
  const vocabulary = new Set<string>();
  for (let i = 0; i < N; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => {
      const n = i + k;
      const { leaf, industry } = random.pick(leaves);
      const shop = shops[Math.floor(n / PER_STOREFRONT)] ?? shops[0];
      const g = generateListing(random, leaf, industry, `B-${n}`);
      const category = resolved.get(leaf.code);
      if (!shop || !category) throw new Error("bench fixture");
      const values = { ...g, status: "active" as const, imageUrls: [], hsCode: null };
      const built = listingRow(id, shop, values, category);
      for (const w of built.vocabulary) vocabulary.add(w);
      return built.row;
    });
    await withTenant(db.db, id, (tx) => tx.insert(catalog.listings).values(rows));
    if ((i / BATCH) % 50 === 0) log(`${i + rows.length} listings`);
  }
  await withTenant(db.db, id, (tx) => recordSearchWords(tx, id, vocabulary));
  log("building indexes");
  await db.query("create index listings_search on listings using gin (search_vector)");
  await db.query("create index listings_attributes on listings using gin (attributes)");
  await db.query("create index listings_category_path on listings using gin (category_path)");
  await db.query("vacuum analyze listings");
  log(`built in ${Math.round((performance.now() - started) / 1000)} s`);
}

// 200 queries as buyers type them: leaf names in Chinese and English, generic words, mixed
// text, typos; a third with filters (category, quantity and price, attributes, lead time).
const random = createRandom(7);
const leaves = leavesOf(yiwuTaxonomy);
const GENERIC = ["批发", "wholesale", "LED", "圣诞", "玩具", "新款", "christmas", "plastic"];
const typo = (word: string) => (word.length > 5 ? word.slice(0, 2) + word.slice(3) : word);
const queries = Array.from({ length: QUERIES }, (_, i) => {
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

const ctxFor = (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => ({
  tx,
  tenantId,
  actor: { type: "anonymous" as const },
  requestId: "bench",
  locale: "en" as const,
});
// Warm the caches and jieba's dictionary, as a running server would be.
for (const q of queries.slice(0, 20))
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

// What the cap costs: for capped text queries, the share of the exact top 20 (ts_rank_cd over
// every match, no cap) that the capped ranking also returns. Opt-in: it ranks every match.
let recallAt20: number | null = null;
if (opts.has("recall")) {
  const sample = queries.filter((q) => q.q).slice(0, Number(opts.get("recall") || 40));
  const overlaps: number[] = [];
  for (const q of sample) {
    const tsq = catalog.buildTsQuery(q.q ?? "");
    const capped = await withTenant(db.db, tenantId, (tx) =>
      catalog.searchListings({ ctx: ctxFor(tx), input: { q: q.q, limit: 20 } }),
    );
    if (!tsq || !capped.capped) continue;
    const exact = (await withTenant(db.db, tenantId, (tx) =>
      tx.execute(sql`select id from listings where status = 'active' and search_vector @@ to_tsquery('simple', ${tsq})
        order by ts_rank_cd(search_vector, to_tsquery('simple', ${tsq})) desc, id desc limit 20`),
    )) as unknown as { id: string }[];
    const ours20 = new Set(capped.items.map((i) => i.id));
    overlaps.push(exact.filter((r) => ours20.has(r.id)).length / Math.max(1, exact.length));
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
