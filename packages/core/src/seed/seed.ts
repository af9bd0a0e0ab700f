import type { DatabaseHandle, Transaction } from "../db/client.js";
import { newId } from "../db/columns.js";
import { withTenant } from "../db/tenant.js";
import {
  categories,
  categoryPath,
  listingRow,
  listings,
  type ResolvedCategory,
  recordSearchWords,
  storefronts,
} from "../modules/catalog/index.js";
import { hashPassword } from "../modules/tenancy/passwords.js";
import { memberships, type OrganisationKind, organisations, tenants, users } from "../modules/tenancy/tables.js";
import { clearTenantCache } from "../modules/tenancy/tenants.js";
import { keqiaoTaxonomy } from "./data/keqiao-taxonomy.js";
import {
  industryTraders,
  keqiaoOrganisations,
  type OrganisationSeed,
  yiwuOrganisations,
} from "./data/organisations.js";
import type { CategorySeed } from "./data/taxonomy-format.js";
import { yiwuTaxonomy } from "./data/yiwu-taxonomy.js";
import { seedDemands } from "./demands.js";
import { createRandom, generateListing, leavesOf } from "./listing-generator.js";

/** Every demo account's password (README lists the accounts). */
export const DEMO_PASSWORD = "tradecloud-demo";
const DEMO_ROLES: OrganisationKind[] = ["merchant", "buyer", "logistics", "lender", "operator"];

interface MarketSeed {
  slug: string;
  nameZh: string;
  nameEn: string;
  currency: string;
  taxonomy: CategorySeed[];
  organisations: OrganisationSeed[];
  /** Demo listings per merchant storefront. */
  listingsPerStorefront: number;
  /** Share of those listings (and of organisations' own counts) to seed; 1 unless smaller. */
  listingShare?: number;
  /** Where the goods ship from, for the generated descriptions. */
  origin: { zh: string; en: string };
  /** Seed of the listing generator: the same seed and counts give the same listings. */
  randomSeed: number;
  /** Buyers' open demands, with quotes on them. */
  demands: boolean;
  /** For a sandbox: the slug of the live market (seeded before it) whose test keys act here. */
  sandboxOf?: string;
}

const yiwu: MarketSeed = {
  slug: "yiwu",
  nameZh: "义乌国际商贸城",
  nameEn: "Yiwu International Trade City",
  currency: "CNY",
  taxonomy: yiwuTaxonomy,
  organisations: [...yiwuOrganisations, ...industryTraders(yiwuTaxonomy)],
  listingsPerStorefront: 250,
  origin: { zh: "义乌", en: "Yiwu" },
  randomSeed: 2026,
  demands: true,
};

export const MARKETS: MarketSeed[] = [
  yiwu,
  {
    slug: "keqiao",
    nameZh: "柯桥中国轻纺城",
    nameEn: "Keqiao China Textile City",
    currency: "CNY",
    taxonomy: keqiaoTaxonomy,
    organisations: keqiaoOrganisations,
    listingsPerStorefront: 100,
    origin: { zh: "柯桥", en: "Keqiao" },
    randomSeed: 1688,
    demands: false,
  },
  // Yiwu's sandbox, where integrators' test keys act: the same taxonomy, organisations, demo
  // people, demands and quotes, with a fifth of the listings (every storefront keeps some) to keep
  // start-up quick.
  {
    ...yiwu,
    slug: "yiwu-sandbox",
    nameZh: "义乌国际商贸城（沙盒）",
    nameEn: "Yiwu International Trade City (sandbox)",
    listingShare: 0.2,
    sandboxOf: "yiwu",
  },
];

/** `merchant@yiwu.example`, … one per organisation kind and market. */
export const demoEmail = (kind: OrganisationKind, slug: string) => `${kind}@${slug}.example`;

export interface SeedResult {
  seeded: boolean;
  tenants: {
    slug: string;
    id: string;
    categories: number;
    organisations: number;
    users: number;
    listings: number;
    demands: number;
  }[];
}

/** True when the database has no tenant yet. */
export async function isEmpty(handle: DatabaseHandle): Promise<boolean> {
  const rows = await handle.query<{ n: number }>("select count(*)::int as n from tenants");
  return (rows[0]?.n ?? 0) === 0;
}

/**
 * Seeds the demo markets. With `reset`, first empties every tenant table (TRUNCATE is not subject
 * to row-level security, and cascades from tenants to every table that references it).
 */
export async function seedDemoData(handle: DatabaseHandle, options: { reset?: boolean } = {}): Promise<SeedResult> {
  if (options.reset) {
    await handle.query("truncate table tenants cascade");
    clearTenantCache();
  } else if (!(await isEmpty(handle))) {
    return { seeded: false, tenants: [] };
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const result: SeedResult = { seeded: true, tenants: [] };
  for (const market of MARKETS) {
    const tenantId = newId();
    const sandboxOf = market.sandboxOf ? result.tenants.find((t) => t.slug === market.sandboxOf)?.id : undefined;
    if (market.sandboxOf && !sandboxOf) throw new Error(`seed: ${market.slug} needs ${market.sandboxOf} seeded first`);
    await handle.db.insert(tenants).values({
      id: tenantId,
      slug: market.slug,
      nameZh: market.nameZh,
      nameEn: market.nameEn,
      defaultCurrency: market.currency,
      defaultLocale: "zh-CN",
      sandbox: Boolean(sandboxOf),
      sandboxOf: sandboxOf ?? null,
    });
    const counts = await withTenant(handle.db, tenantId, async (tx) => {
      const categoryRows = flattenTaxonomy(tenantId, market.taxonomy);
      for (let i = 0; i < categoryRows.length; i += 500) {
        await tx.insert(categories).values(categoryRows.slice(i, i + 500));
      }
      const orgRows = market.organisations.map((org) => ({
        tenantId,
        id: newId(),
        nameZh: org.nameZh,
        nameEn: org.nameEn,
        kinds: org.kinds,
        country: org.country,
        city: org.city,
      }));
      await tx.insert(organisations).values(orgRows);
      // One demo person per kind, owner of the first organisation that is chiefly of that kind.
      const listingCount = await seedStorefronts(tx, tenantId, market, orgRows, categoryRows);
      let userCount = 0;
      const demoUsers: Partial<Record<OrganisationKind, string>> = {};
      for (const kind of DEMO_ROLES) {
        const index = market.organisations.findIndex((org) => org.kinds[0] === kind);
        const org = orgRows[index];
        if (!org) continue;
        const userId = newId();
        await tx.insert(users).values({
          tenantId,
          id: userId,
          email: demoEmail(kind, market.slug),
          name: DEMO_NAMES[kind],
          locale: kind === "buyer" ? "en" : "zh-CN",
          passwordHash,
        });
        await tx.insert(memberships).values({ tenantId, userId, organisationId: org.id, role: "owner" });
        demoUsers[kind] = userId;
        // The demo merchant also works for a company that both sells and buys, to show switching.
        const trader = orgRows[market.organisations.findIndex((o) => o.kinds.length > 1)];
        if (kind === "merchant" && trader) {
          await tx.insert(memberships).values({ tenantId, userId, organisationId: trader.id, role: "admin" });
        }
        userCount++;
      }
      const demandCount = market.demands
        ? await seedDemands(
            tx,
            tenantId,
            orgRows
              .filter((_, i) => market.organisations[i]?.kinds[0] === "buyer")
              .map((o) => ({ id: o.id, kinds: ["buyer"] })),
            demoUsers,
          )
        : 0;
      return {
        demands: demandCount,
        categories: categoryRows.length,
        organisations: orgRows.length,
        users: userCount,
        listings: listingCount,
      };
    });
    result.tenants.push({ slug: market.slug, id: tenantId, ...counts });
  }
  clearTenantCache();
  return result;
}

const DEMO_NAMES: Record<OrganisationKind, string> = {
  merchant: "陈晓明 Chen Xiaoming",
  buyer: "Omar Haddad",
  logistics: "王建国 Wang Jianguo",
  lender: "李婷 Li Ting",
  operator: "周敏 Zhou Min",
};

function flattenTaxonomy(tenantId: string, roots: CategorySeed[]) {
  const rows: (typeof categories.$inferInsert)[] = [];
  const walk = (nodes: CategorySeed[], parentId: string | null, depth: number) => {
    nodes.forEach((node, sortOrder) => {
      const id = newId();
      rows.push({
        tenantId,
        id,
        parentId,
        code: node.code,
        nameZh: node.nameZh,
        nameEn: node.nameEn,
        depth,
        sortOrder,
      });
      if (node.children?.length) walk(node.children, id, depth + 1);
    });
  };
  walk(roots, null, 0);
  return rows;
}

const DISTRICTS = ["一区", "二区", "三区", "四区", "五区"];

/**
 * A storefront per merchant with a booth in the market and demo listings drawn from its
 * industries, written in batches through the same row builder as real listings.
 */
async function seedStorefronts(
  tx: Transaction,
  tenantId: string,
  market: MarketSeed,
  orgRows: { id: string; nameZh: string; nameEn: string }[],
  categoryRows: (typeof categories.$inferInsert)[],
): Promise<number> {
  const random = createRandom(market.randomSeed);
  const names = new Map(categoryRows.map((c) => [c.code, c]));
  const resolved = (code: string): ResolvedCategory => {
    const path = categoryPath(code);
    return {
      id: names.get(code)?.id ?? "",
      code,
      path,
      names: path.flatMap((c) => [names.get(c)?.nameZh ?? "", names.get(c)?.nameEn ?? ""]),
      isLeaf: true,
    };
  };
  const leaves = leavesOf(market.taxonomy);
  let total = 0;
  for (const [index, org] of market.organisations.entries()) {
    const row = orgRows[index];
    if (!row || !org.industries?.length || !org.kinds.includes("merchant")) continue;
    const [storefront] = await tx
      .insert(storefronts)
      .values({
        tenantId,
        organisationId: row.id,
        nameZh: row.nameZh.replace(/有限公司|有限责任公司|股份有限公司/, ""),
        nameEn: row.nameEn.replace(/,? (Co\.|Ltd\.|Co\., Ltd\.)$/, ""),
        descriptionZh: `${row.nameZh}，欢迎来样定制、混批。`,
        descriptionEn: `${row.nameEn}. OEM welcome, mixed orders accepted.`,
        booth: {
          district: random.pick(DISTRICTS),
          gate: `${random.int(1, 12)}号门`,
          street: `${random.int(1, 30)}街`,
          booth: String(random.int(10000, 39999)),
        },
        mainCategoryCodes: org.industries,
        contact: { name: "销售部 Sales", phone: `+86 579 ${random.int(8000, 8999)} ${random.int(1000, 9999)}` },
      })
      .returning({ id: storefronts.id });
    if (!storefront) continue;
    const own = leaves.filter((l) => org.industries?.includes(l.industry));
    const vocabulary: string[] = [];
    const count = Math.max(1, Math.round((org.listings ?? market.listingsPerStorefront) * (market.listingShare ?? 1)));
    const rows = Array.from({ length: count }, (_, i) => {
      const { leaf, industry } = random.pick(own);
      const generated = generateListing(
        random,
        leaf,
        industry,
        `${org.key.slice(0, 3).toUpperCase()}-${String(i + 1).padStart(5, "0")}`,
      );
      const values = { ...generated, imageUrls: [], hsCode: null };
      const built = listingRow(tenantId, { id: storefront.id, organisationId: row.id }, values, resolved(leaf.code));
      vocabulary.push(...built.vocabulary);
      return built.row;
    });
    for (let i = 0; i < rows.length; i += 500) await tx.insert(listings).values(rows.slice(i, i + 500));
    await recordSearchWords(tx, tenantId, vocabulary);
    total += rows.length;
  }
  return total;
}
