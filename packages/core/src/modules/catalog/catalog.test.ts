import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultRows } from "../../db/client.js";
import type { Actor } from "../../shared/context.js";
import {
  asActor,
  createTestDatabase,
  createTestTenant,
  type TestDatabase,
  type TestTenant,
  userActor,
} from "../../testing/index.js";
import { createCategory, listCategoryTree, renameCategory } from "./categories.js";
import { createListing, getListing, listMyListings, setListingStatus, updateListing } from "./listings.js";
import { priceAtQuantity } from "./pricing.js";
import type { CreateListingInput, SearchInput } from "./schemas.js";
import { searchListings } from "./search.js";
import { createStorefront, updateStorefront } from "./storefronts.js";
import { categories } from "./tables.js";

let db: TestDatabase;
let yiwu: TestTenant;
let other: TestTenant;
let shop = "";
let rivalShop = "";
const ids: Record<string, string> = {};

const anonymous: Actor = { type: "anonymous" };
const merchant = () => userActor(yiwu.orgs.merchant ?? raise());
const rival = () => userActor(yiwu.orgs.rival ?? raise());
function raise(): never {
  throw new Error("fixture missing");
}

const TREE = [
  ["festive", "节庆用品", "Festive & party", null],
  ["festive.christmas", "圣诞用品", "Christmas", "festive"],
  ["festive.christmas.trees", "圣诞树", "Christmas trees", "festive.christmas"],
  ["festive.christmas.balls", "圣诞球", "Christmas balls", "festive.christmas"],
  ["toys", "玩具", "Toys", null],
  ["toys.plush", "毛绒玩具", "Plush toys", "toys"],
  ["hair", "发饰", "Hair accessories", null],
  ["hair.clips", "发夹", "Hair clips", "hair"],
] as const;

async function seedCategories(tenant: TestTenant) {
  await asActor(db, tenant, { type: "system" }, async (ctx) => {
    const byCode = new Map<string, string>();
    for (const [code, nameZh, nameEn, parent] of TREE) {
      const [row] = await ctx.tx
        .insert(categories)
        .values({
          tenantId: tenant.id,
          code,
          nameZh,
          nameEn,
          depth: code.split(".").length - 1,
          parentId: parent ? (byCode.get(parent) ?? null) : null,
        })
        .returning({ id: categories.id });
      if (row) byCode.set(code, row.id);
    }
  });
}

const listing = (over: Partial<CreateListingInput>): CreateListingInput => ({
  storefrontId: shop,
  sku: "SKU",
  titleZh: "",
  titleEn: "",
  categoryCode: "festive.christmas.trees",
  unit: "pcs",
  moq: 100,
  priceTiers: [{ minQuantity: 100, unitPriceMinor: 250 }],
  currency: "CNY",
  leadTimeDays: 15,
  status: "active",
  ...over,
});

const search = (tenant: TestTenant, input: SearchInput) =>
  asActor(db, tenant, anonymous, (ctx) => searchListings({ ctx, input }));
const skus = (result: { items: { sku: string }[] }) => result.items.map((i) => i.sku);

beforeAll(async () => {
  db = await createTestDatabase();
  yiwu = await createTestTenant(db, "yiwu", { merchant: ["merchant"], rival: ["merchant"], buyer: ["buyer"] });
  other = await createTestTenant(db, "other", { merchant: ["merchant"] });
  await seedCategories(yiwu);
  await seedCategories(other);
  const booth = { district: "二区", gate: "7号门", street: "3街", booth: "12345" };
  shop = (
    await asActor(db, yiwu, merchant(), (ctx) =>
      createStorefront({ ctx, input: { nameZh: "晨光圣诞", nameEn: "Chenguang Xmas", booth } }),
    )
  ).id;
  rivalShop = (
    await asActor(db, yiwu, rival(), (ctx) =>
      createStorefront({ ctx, input: { nameZh: "星月玩具", nameEn: "Xingyue Toys", booth } }),
    )
  ).id;
  const fixtures: [string, Partial<CreateListingInput>, Actor?][] = [
    ["TREE-ZH", { titleZh: "PVC圣诞树 1.8米 加密", attributes: { material: "PVC", color: "green" } }],
    [
      "TREE-EN",
      {
        titleEn: "Artificial Christmas tree with LED lights",
        attributes: { material: "PE", color: "green" },
        moq: 50,
        priceTiers: [
          { minQuantity: 50, unitPriceMinor: 4200 },
          { minQuantity: 500, unitPriceMinor: 3600 },
        ],
      },
    ],
    [
      "BALLS-BI",
      {
        titleZh: "圣诞球挂件 6厘米 24个装",
        titleEn: "Christmas balls ornament 6cm set of 24",
        categoryCode: "festive.christmas.balls",
        attributes: { material: "plastic", color: "red" },
        moq: 200,
        priceTiers: [
          { minQuantity: 200, unitPriceMinor: 900 },
          { minQuantity: 1000, unitPriceMinor: 780 },
          { minQuantity: 5000, unitPriceMinor: 650 },
        ],
        leadTimeDays: 30,
      },
    ],
    [
      "CLIP-ZH",
      {
        titleZh: "韩版珍珠发夹",
        categoryCode: "hair.clips",
        attributes: { material: "alloy", color: "gold" },
        leadTimeDays: 7,
      },
    ],
    [
      "BEAR-EN",
      {
        titleEn: "Plush teddy bear 30cm",
        categoryCode: "toys.plush",
        attributes: { material: "polyester", color: "brown" },
        currency: "USD",
        storefrontId: "",
      },
      undefined,
    ],
    ["TREE-DRAFT", { titleZh: "圣诞树 草稿", status: "draft" }],
    ["TREE-ARCHIVED", { titleZh: "圣诞树 已下架", status: "archived" }],
  ];
  for (const [sku, over] of fixtures) {
    const isRival = sku === "BEAR-EN";
    const created = await asActor(db, yiwu, isRival ? rival() : merchant(), (ctx) =>
      createListing({ ctx, input: listing({ sku, ...over, storefrontId: isRival ? rivalShop : shop }) }),
    );
    ids[sku] = created.id;
  }
  // Another market's listing that matches every query: it must never show in Yiwu.
  const otherShop = (
    await asActor(db, other, userActor(other.orgs.merchant ?? raise()), (ctx) =>
      createStorefront({ ctx, input: { nameZh: "别家", nameEn: "Elsewhere", booth } }),
    )
  ).id;
  await asActor(db, other, userActor(other.orgs.merchant ?? raise()), (ctx) =>
    createListing({
      ctx,
      input: {
        ...listing({ sku: "OTHER" }),
        storefrontId: otherShop,
        titleZh: "圣诞树 圣诞球 发夹",
        titleEn: "Christmas tree balls clip teddy",
      },
    }),
  );
});
afterAll(() => db.destroy());

describe("tier pricing", () => {
  const tiers = [
    { minQuantity: 100, unitPriceMinor: 250 },
    { minQuantity: 500, unitPriceMinor: 220 },
    { minQuantity: 1000, unitPriceMinor: 195 },
  ];
  it("charges the tier a quantity falls in", () => {
    expect(priceAtQuantity(tiers, 99)).toBeNull();
    expect(priceAtQuantity(tiers, 100)).toBe(250);
    expect(priceAtQuantity(tiers, 499)).toBe(250);
    expect(priceAtQuantity(tiers, 500)).toBe(220);
    expect(priceAtQuantity(tiers, 100_000)).toBe(195);
  });

  it("shows the price at the buyer's quantity in search, and hides listings whose MOQ is above it", async () => {
    const at1000 = await search(yiwu, { q: "圣诞球", quantity: 1000 });
    expect(at1000.items.find((i) => i.sku === "BALLS-BI")?.unitPriceMinor).toBe(780);
    const at100 = await search(yiwu, { q: "christmas balls", quantity: 100 });
    expect(skus(at100)).not.toContain("BALLS-BI");
  });
});

describe("search relevance", () => {
  it("finds Chinese listings by a Chinese query", async () => {
    expect(skus(await search(yiwu, { q: "圣诞树" }))).toEqual(expect.arrayContaining(["TREE-ZH"]));
    expect(skus(await search(yiwu, { q: "发夹" }))).toEqual(["CLIP-ZH"]);
  });

  it("finds English listings by an English query, prefixes included", async () => {
    expect(skus(await search(yiwu, { q: "teddy bear" }))).toEqual(["BEAR-EN"]);
    expect(skus(await search(yiwu, { q: "artificial christ" }))).toEqual(["TREE-EN"]);
  });

  it("finds a bilingual listing either way, and by its category's name in the other language", async () => {
    expect(skus(await search(yiwu, { q: "圣诞球" }))).toContain("BALLS-BI");
    expect(skus(await search(yiwu, { q: "ornament" }))).toContain("BALLS-BI");
    // TREE-EN has no Chinese title; its category 圣诞树 makes it findable in Chinese.
    expect(skus(await search(yiwu, { q: "圣诞树" }))).toEqual(expect.arrayContaining(["TREE-ZH", "TREE-EN"]));
  });

  it("handles mixed Chinese and English queries", async () => {
    expect(skus(await search(yiwu, { q: "圣诞树 LED" }))).toEqual(["TREE-EN"]);
  });

  it("tolerates a typo in an English query", async () => {
    const result = await search(yiwu, { q: "chrismas" });
    expect(result.fuzzy).toBe(true);
    expect(skus(result)).toEqual(expect.arrayContaining(["TREE-EN", "BALLS-BI"]));
  });

  it("ranks a title match above a category-only match", async () => {
    const result = await search(yiwu, { q: "christmas tree" });
    expect(skus(result)[0]).toBe("TREE-EN");
  });

  it("never shows drafts, archived listings or another market's listings", async () => {
    const all = [...skus(await search(yiwu, { q: "圣诞树" })), ...skus(await search(yiwu, {}))];
    expect(all).not.toContain("TREE-DRAFT");
    expect(all).not.toContain("TREE-ARCHIVED");
    expect(all).not.toContain("OTHER");
    expect(skus(await search(other, { q: "圣诞树" }))).toEqual(["OTHER"]);
  });

  it("hides a closed storefront's listings until it opens again", async () => {
    const setStatus = (status: "active" | "closed") =>
      asActor(db, yiwu, rival(), (ctx) => updateStorefront({ ctx, input: { storefrontId: rivalShop, status } }));
    await setStatus("closed");
    expect(skus(await search(yiwu, { q: "teddy bear" }))).toEqual([]);
    expect(skus(await search(yiwu, {}))).not.toContain("BEAR-EN");
    await setStatus("active");
    expect(skus(await search(yiwu, { q: "teddy bear" }))).toEqual(["BEAR-EN"]);
  });

  it("matches a Latin prefix through the market's known words, and an unknown one in the index", async () => {
    // "christ" stands for the known word christmas; "arti" for artificial; "bea" (three letters)
    // for bear; "tedd" for teddy. The vocabulary has no word starting "xyz".
    expect(skus(await search(yiwu, { q: "arti christ" }))).toEqual(["TREE-EN"]);
    expect(skus(await search(yiwu, { q: "tedd bea" }))).toEqual(["BEAR-EN"]);
    expect(skus(await search(yiwu, { q: "xyz teddy" }))).toEqual([]);
  });
});

describe("price at a quantity in SQL", () => {
  it("agrees with priceAtQuantity: null under MOQ, each tier from its quantity on, the last beyond", async () => {
    const tiers = [
      { minQuantity: 100, unitPriceMinor: 250 },
      { minQuantity: 500, unitPriceMinor: 220 },
      { minQuantity: 1000, unitPriceMinor: 195 },
    ];
    const quantities = [1, 99, 100, 101, 499, 500, 999, 1000, 100_000_000];
    const prices = await asActor(db, yiwu, anonymous, async (ctx) => {
      const rows = await ctx.tx.execute(sql`
        select q, listing_price_at(${JSON.stringify(tiers)}::jsonb, q) as price
        from unnest(${`{${quantities.join(",")}}`}::integer[]) with ordinality as x(q, i) order by i`);
      return resultRows<{ price: string | null }>(rows).map((r) => (r.price === null ? null : Number(r.price)));
    });
    expect(prices).toEqual(quantities.map((q) => priceAtQuantity(tiers, q)));
    expect(prices).toEqual([null, null, 250, 250, 250, 220, 220, 195, 195]);
  });
});

describe("search filters, facets and pages", () => {
  it("filters by category subtree", async () => {
    expect(skus(await search(yiwu, { categoryCode: "festive" })).sort()).toEqual(["BALLS-BI", "TREE-EN", "TREE-ZH"]);
    expect(skus(await search(yiwu, { categoryCode: "festive.christmas.balls" }))).toEqual(["BALLS-BI"]);
  });

  it("filters by attributes, lead time, currency, storefront and price at quantity", async () => {
    expect(skus(await search(yiwu, { attributes: { color: "green" } })).sort()).toEqual(["TREE-EN", "TREE-ZH"]);
    expect(skus(await search(yiwu, { maxLeadTimeDays: 7 }))).toEqual(["CLIP-ZH"]);
    expect(skus(await search(yiwu, { currency: "USD" }))).toEqual(["BEAR-EN"]);
    expect(skus(await search(yiwu, { storefrontId: rivalShop }))).toEqual(["BEAR-EN"]);
    expect(skus(await search(yiwu, { quantity: 600, minPriceMinor: 3000, maxPriceMinor: 4000 }))).toEqual(["TREE-EN"]);
  });

  it("sorts by price at quantity and by newest", async () => {
    const byPrice = await search(yiwu, { categoryCode: "festive", quantity: 1000, sort: "price" });
    expect(byPrice.items.map((i) => i.unitPriceMinor)).toEqual([250, 780, 3600]);
    const newest = await search(yiwu, { sort: "newest" });
    expect(skus(newest)[0]).toBe("BEAR-EN");
  });

  it("counts categories and attribute values over the matches", async () => {
    const { facets } = await search(yiwu, { categoryCode: "festive" });
    expect(facets.categories).toEqual([
      { code: "festive.christmas.trees", count: 2 },
      { code: "festive.christmas.balls", count: 1 },
    ]);
    expect(facets.attributes).toContainEqual({ key: "color", value: "green", count: 2 });
  });

  it("pages with a cursor without repeating or skipping", async () => {
    const first = await search(yiwu, { limit: 2, sort: "newest" });
    expect(first.items).toHaveLength(2);
    const second = await search(yiwu, { limit: 2, sort: "newest", cursor: first.nextCursor ?? "" });
    const third = await search(yiwu, { limit: 2, sort: "newest", cursor: second.nextCursor ?? "" });
    const seen = [...skus(first), ...skus(second), ...skus(third)];
    expect(new Set(seen).size).toBe(5);
    expect(third.nextCursor).toBeNull();
    await expect(search(yiwu, { cursor: "garbage" })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("listings belong to their merchant", () => {
  it("lets a merchant edit only its own listings", async () => {
    await expect(
      asActor(db, yiwu, rival(), (ctx) =>
        updateListing({
          ctx,
          input: {
            listingId: ids["TREE-ZH"] ?? "",
            expectedVersion: 1,
            moq: 1,
            priceTiers: [{ minQuantity: 1, unitPriceMinor: 1 }],
          },
        }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      asActor(db, yiwu, rival(), (ctx) =>
        setListingStatus({ ctx, input: { listingIds: [ids["TREE-ZH"] ?? ""], status: "archived" } }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      asActor(db, yiwu, rival(), (ctx) =>
        createListing({ ctx, input: listing({ sku: "SNEAKY", titleEn: "x", storefrontId: shop }) }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const mine = await asActor(db, yiwu, rival(), (ctx) => listMyListings({ ctx, input: {} }));
    expect(mine.items.map((l) => l.sku)).toEqual(["BEAR-EN"]);
  });

  it("refuses a stale edit (optimistic concurrency) and bumps the version", async () => {
    const id = ids["CLIP-ZH"] ?? "";
    const updated = await asActor(db, yiwu, merchant(), (ctx) =>
      updateListing({ ctx, input: { listingId: id, expectedVersion: 1, titleEn: "Korean pearl hair clip" } }),
    );
    expect(updated.version).toBe(2);
    await expect(
      asActor(db, yiwu, merchant(), (ctx) =>
        updateListing({ ctx, input: { listingId: id, expectedVersion: 1, titleEn: "stale" } }),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(skus(await search(yiwu, { q: "pearl" }))).toEqual(["CLIP-ZH"]);
  });

  it("shows a draft to its owner but not to buyers", async () => {
    const id = ids["TREE-DRAFT"] ?? "";
    await expect(
      asActor(db, yiwu, merchant(), (ctx) => getListing({ ctx, input: { listingId: id } })),
    ).resolves.toMatchObject({ sku: "TREE-DRAFT" });
    await expect(
      asActor(db, yiwu, anonymous, (ctx) => getListing({ ctx, input: { listingId: id } })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("rejects bad listings naming the field, writing nothing", async () => {
    const cases: [Partial<CreateListingInput>, string][] = [
      [{ titleZh: "", titleEn: "" }, "titleZh"],
      [{ moq: 0, priceTiers: [{ minQuantity: 0, unitPriceMinor: 1 }] }, "moq"],
      [
        {
          priceTiers: [
            { minQuantity: 100, unitPriceMinor: 200 },
            { minQuantity: 50, unitPriceMinor: 100 },
          ],
        },
        "priceTiers.1.minQuantity",
      ],
      [
        {
          priceTiers: [
            { minQuantity: 100, unitPriceMinor: 200 },
            { minQuantity: 500, unitPriceMinor: 300 },
          ],
        },
        "priceTiers.1.unitPriceMinor",
      ],
      [{ priceTiers: [{ minQuantity: 10, unitPriceMinor: 200 }] }, "priceTiers.0.minQuantity"],
      [{ currency: "RMB" }, "currency"],
      [{ categoryCode: "festive.christmas" }, "categoryCode"],
      [{ categoryCode: "nope.nothing" }, "categoryCode"],
      [{ priceTiers: [{ minQuantity: 100, unitPriceMinor: -1 }] }, "priceTiers.0.unitPriceMinor"],
    ];
    const before = (await asActor(db, yiwu, merchant(), (ctx) => listMyListings({ ctx, input: {} }))).total;
    for (const [over, field] of cases) {
      const error = await asActor(db, yiwu, merchant(), (ctx) =>
        createListing({ ctx, input: listing({ sku: "BAD", titleEn: "bad", ...over }) }),
      ).catch((e: unknown) => e);
      expect(error, field).toMatchObject({ code: "VALIDATION" });
      expect(Object.keys((error as { fieldErrors: object }).fieldErrors), field).toContain(field);
    }
    expect((await asActor(db, yiwu, merchant(), (ctx) => listMyListings({ ctx, input: {} }))).total).toBe(before);
  });

  it("refuses a duplicate SKU in the same storefront", async () => {
    await expect(
      asActor(db, yiwu, merchant(), (ctx) =>
        createListing({ ctx, input: listing({ sku: "TREE-ZH", titleZh: "again" }) }),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("categories", () => {
  const operatorOf = async () => {
    const market = await createTestTenant(db, `ops-${Date.now()}`, { operator: ["operator"], merchant: ["merchant"] });
    return {
      market,
      operator: userActor(market.orgs.operator ?? raise()),
      merchant: userActor(market.orgs.merchant ?? raise()),
    };
  };

  it("lets the operator add categories after their siblings and rename them; nobody else", async () => {
    const { market, operator, merchant } = await operatorOf();
    const as = <T>(actor: Actor, fn: (ctx: Parameters<Parameters<typeof asActor>[3]>[0]) => Promise<T>) =>
      asActor(db, market, actor, fn);
    await as(operator, (ctx) => createCategory({ ctx, input: { segment: "toys", nameZh: "玩具", nameEn: "Toys" } }));
    await as(operator, (ctx) => createCategory({ ctx, input: { segment: "bags", nameZh: "箱包", nameEn: "Bags" } }));
    await as(operator, (ctx) =>
      createCategory({ ctx, input: { parentCode: "toys", segment: "plush", nameZh: "毛绒", nameEn: "Plush" } }),
    );
    await as(operator, (ctx) =>
      renameCategory({ ctx, input: { code: "toys", nameZh: "玩具礼品", nameEn: "Toys & gifts" } }),
    );
    const tree = await as(operator, (ctx) => listCategoryTree(ctx));
    expect(tree.map((n) => n.code)).toEqual(["toys", "bags"]);
    expect(tree[0]).toMatchObject({ nameEn: "Toys & gifts", children: [{ code: "toys.plush" }] });
    await expect(
      as(operator, (ctx) => createCategory({ ctx, input: { segment: "toys", nameZh: "x", nameEn: "x" } })),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { segment: [expect.stringContaining("already exists")] },
    });
    await expect(
      as(merchant, (ctx) => createCategory({ ctx, input: { segment: "mine", nameZh: "x", nameEn: "x" } })),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
