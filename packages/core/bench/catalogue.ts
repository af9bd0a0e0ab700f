import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../src/db/client.js";
import { newId } from "../src/db/columns.js";
import { withTenant } from "../src/db/tenant.js";
import { catalog } from "../src/index.js";
import { listingRow, type ResolvedCategory, recordSearchWords } from "../src/modules/catalog/index.js";
import { organisations, tenants } from "../src/modules/tenancy/index.js";
import type { CategorySeed } from "../src/seed/data/taxonomy-format.js";
import { yiwuTaxonomy } from "../src/seed/data/yiwu-taxonomy.js";
import { createRandom, generateListing, leavesOf } from "../src/seed/listing-generator.js";

const PER_STOREFRONT = 13;
const log = (...m: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...m);

/**
 * The `bench` market with a Yiwu-like catalogue of N listings (about 13 per storefront, so
 * ~75,000 storefronts at 1M), built once and kept: benchmarks reuse it. Returns the tenant id.
 */
export async function ensureBenchCatalogue(db: DatabaseHandle, N: number, rebuild = false): Promise<string> {
  const [existing] = await db.query<{ id: string }>("select id from tenants where slug = 'bench'");
  let tenantId = existing?.id ?? "";
  const counted = tenantId
    ? ((await withTenant(db.db, tenantId, (tx) =>
        tx.execute(sql`select count(*)::int as n from listings`),
      )) as unknown as { n: number }[])
    : [];
  if (!tenantId || rebuild || Number(counted[0]?.n ?? 0) !== N) {
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
      const rows: {
        code: string;
        id: string;
        parentId: string | null;
        nameZh: string;
        nameEn: string;
        depth: number;
      }[] = [];
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
  return tenantId;
}
