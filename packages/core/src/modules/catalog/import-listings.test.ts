import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultRows } from "../../db/client.js";
import {
  asActor,
  createTestDatabase,
  createTestTenant,
  type TestDatabase,
  type TestTenant,
  userActor,
} from "../../testing/index.js";
import { outboxEvents } from "../events/tables.js";
import { IMPORT_COLUMNS } from "./import-format.js";
import { exportListings, importListings } from "./import-listings.js";
import { searchVectorSql } from "./listing-rows.js";
import { listMyListings } from "./listings.js";
import { buildSearchDocument, searchVectorText } from "./search-text.js";
import { createStorefront } from "./storefronts.js";
import { categories, listings, searchWords } from "./tables.js";

let db: TestDatabase;
let market: TestTenant;
let shop = "";
const actor = () => {
  const org = market.orgs.merchant;
  if (!org) throw new Error("fixture");
  return userActor(org);
};

const HEADER = IMPORT_COLUMNS.join(",");
// sku,title_zh,title_en,category_code,unit,moq,price_tiers,currency,lead_time_days,stock,pcs_per_carton,carton_l_cm,carton_w_cm,carton_h_cm,carton_kg,attributes,image_urls,description_zh,description_en,status
const GOOD = [
  "XM-001,PVC圣诞树1.8米,PVC Christmas tree 1.8m,festive.trees,pcs,100,100:25.50;500:22.00;1000:19.80,CNY,20,5000,10,60,40,35,12.5,material=PVC;color=green,https://img.example/1.jpg https://img.example/2.jpg,加密款,Dense branches,active",
  'XM-002,圣诞球6厘米,"Christmas balls 6cm, set of 24",festive.balls,set,200,200:9.00;1000:7.80,CNY,30,,,,,,,color=red,,,,draft',
  "HC-001,珍珠发夹,,hair.clips,dozen,50,50:12,CNY,7,,,,,,,,,,,active",
];
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join("\n")).toString("base64");

const run = (
  content: string,
  mode: "all-or-nothing" | "skip-invalid" = "all-or-nothing",
  format: "csv" | "xlsx" = "csv",
) =>
  asActor(db, market, actor(), (ctx) =>
    importListings({ ctx, input: { storefrontId: shop, format, contentBase64: content, mode } }),
  );
const count = async () => (await asActor(db, market, actor(), (ctx) => listMyListings({ ctx, input: {} }))).total;

beforeAll(async () => {
  db = await createTestDatabase();
  market = await createTestTenant(db, "imports", { merchant: ["merchant"] });
  await asActor(db, market, { type: "system" }, async (ctx) => {
    const [festive] = await ctx.tx
      .insert(categories)
      .values({ tenantId: market.id, code: "festive", nameZh: "节庆用品", nameEn: "Festive", depth: 0 })
      .returning();
    const [hair] = await ctx.tx
      .insert(categories)
      .values({ tenantId: market.id, code: "hair", nameZh: "发饰", nameEn: "Hair", depth: 0 })
      .returning();
    await ctx.tx.insert(categories).values([
      {
        tenantId: market.id,
        code: "festive.trees",
        nameZh: "圣诞树",
        nameEn: "Christmas trees",
        depth: 1,
        parentId: festive?.id ?? null,
      },
      {
        tenantId: market.id,
        code: "festive.balls",
        nameZh: "圣诞球",
        nameEn: "Christmas balls",
        depth: 1,
        parentId: festive?.id ?? null,
      },
      {
        tenantId: market.id,
        code: "hair.clips",
        nameZh: "发夹",
        nameEn: "Hair clips",
        depth: 1,
        parentId: hair?.id ?? null,
      },
    ]);
  });
  shop = (
    await asActor(db, market, actor(), (ctx) =>
      createStorefront({
        ctx,
        input: { nameZh: "测试店", nameEn: "Test shop", booth: { district: "二区", booth: "1" } },
      }),
    )
  ).id;
});
afterAll(() => db.destroy());

describe("importing a catalogue", () => {
  it("reports every bad row with row number, column and reason, and writes nothing", async () => {
    const bad = [
      "BAD-TIERS,坏阶梯,,festive.trees,pcs,100,100:2.50;50:2.00,CNY,10,,,,,,,,,,,active", // row 2: quantities fall
      "BAD-PRICE,涨价,,festive.trees,pcs,100,100:2.00;500:3.00,CNY,10,,,,,,,,,,,active", // row 3: price rises
      "BAD-CAT,未知类目,,festive.nothing,pcs,100,100:2,CNY,10,,,,,,,,,,,active", // row 4
      "BAD-PARENT,父类目,,festive,pcs,100,100:2,CNY,10,,,,,,,,,,,active", // row 5: not a leaf
      "BAD-NUM,负数,,festive.trees,pcs,100,100:2,CNY,-3,,,,,,,,,,,active", // row 6
      "BAD-NAN,非数字,,festive.trees,pcs,abc,100:2,CNY,10,,,,,,,,,,,active", // row 7
      "BAD-MOQ,起订量零,,festive.trees,pcs,0,0:2,CNY,10,,,,,,,,,,,active", // row 8
      "HC-DUP,重复一,,hair.clips,pcs,10,10:1,CNY,5,,,,,,,,,,,active", // row 9
      "HC-DUP,重复二,,hair.clips,pcs,10,10:1,CNY,5,,,,,,,,,,,active", // row 10: duplicate sku
      "NO-TITLE,,,hair.clips,pcs,10,10:1,CNY,5,,,,,,,,,,,active", // row 11: no title
      `LONG,${"长".repeat(201)},,hair.clips,pcs,10,10:1,CNY,5,,,,,,,,,,,active`, // row 12: over-long
      "BAD-FMT,格式,,hair.clips,pcs,10,10-1,CNY,5,,,,,,,,,,,active", // row 13: tier text
      "BAD-CARTON,箱规,,hair.clips,pcs,10,10:1,CNY,5,,20,60,,35,2,,,,,active", // row 14: carton width missing
    ];
    const before = await count();
    const report = await run(csv(...GOOD, ...bad));
    expect(report.committed).toBe(false);
    expect(report.created + report.updated).toBe(0);
    const problems = report.errors.map((e) => `${e.row}:${e.column}`);
    expect(problems).toEqual([
      "5:price_tiers",
      "6:price_tiers",
      "7:category_code",
      "8:category_code",
      "9:lead_time_days",
      "10:moq",
      "11:moq",
      "11:price_tiers",
      "13:sku",
      "14:title_zh",
      "15:title_zh",
      "16:price_tiers",
      "17:carton_w_cm",
    ]);
    expect(report.errors.find((e) => e.row === 7)?.message).toContain("festive.nothing");
    expect(report.errors.find((e) => e.row === 13)?.message).toContain("row 12");
    expect(await count()).toBe(before);
  });

  it("writes the good rows and reports the bad ones when told to skip invalid rows", async () => {
    const report = await run(csv(...GOOD, "BAD-CAT,未知,,nope,pcs,1,1:1,CNY,1,,,,,,,,,,,active"), "skip-invalid");
    expect(report).toMatchObject({ committed: true, created: 3, updated: 0, skipped: 1, totalRows: 4 });
    expect(report.errors).toEqual([{ row: 5, column: "category_code", message: expect.stringContaining("nope") }]);
    const listed = await asActor(db, market, actor(), (ctx) => listMyListings({ ctx, input: {} }));
    const tree = listed.items.find((l) => l.sku === "XM-001");
    expect(tree?.priceTiers).toEqual([
      { minQuantity: 100, unitPriceMinor: 2550 },
      { minQuantity: 500, unitPriceMinor: 2200 },
      { minQuantity: 1000, unitPriceMinor: 1980 },
    ]);
    expect(tree?.carton).toEqual({ pcsPerCarton: 10, lengthCm: 60, widthCm: 40, heightCm: 35, grossGrams: 12500 });
    expect(tree?.attributes).toEqual({ material: "PVC", color: "green" });
    const events = await asActor(db, market, actor(), (ctx) =>
      ctx.tx.select().from(outboxEvents).where(eq(outboxEvents.type, "listing.created")),
    );
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    expect(events.find((e) => e.payload.sku === "XM-001")).toMatchObject({
      organisationId: tree?.organisationId,
      payload: { listingId: tree?.id, sku: "XM-001", storefrontId: tree?.storefrontId, source: "import" },
    });
  });

  it("undoes batches already written when a later row is bad (all-or-nothing), keeps them when skipping", async () => {
    // 2,500 good rows are written in three batches before row 2,502 turns out bad. Only the last
    // batch's titles have the word "sparkly".
    const many = Array.from(
      { length: 2500 },
      (_, i) =>
        `BULK-${i},批量发夹${i},Bulk ${i < 2000 ? "hair" : "sparkly"} clip ${i},hair.clips,pcs,10,10:1.20;100:1.00,CNY,5,,,,,,,,,,,active`,
    );
    const bad = "BULK-BAD,坏行,,hair.clips,pcs,0,0:1,CNY,5,,,,,,,,,,,active";
    const bulkShop = await asActor(db, market, actor(), (ctx) =>
      createStorefront({
        ctx,
        input: { nameZh: "批量店", nameEn: "Bulk shop", booth: { district: "二区", booth: "2" } },
      }),
    );
    const runInBulkShop = (mode: "all-or-nothing" | "skip-invalid") =>
      asActor(db, market, actor(), (ctx) =>
        importListings({
          ctx,
          input: { storefrontId: bulkShop.id, format: "csv", contentBase64: csv(...many, bad), mode },
        }),
      );
    const inBulkShop = async () =>
      (await asActor(db, market, actor(), (ctx) => listMyListings({ ctx, input: { storefrontId: bulkShop.id } })))
        .total;
    const rejected = await runInBulkShop("all-or-nothing");
    expect(rejected).toMatchObject({ committed: false, created: 0, updated: 0, skipped: 1 });
    expect(rejected.errors.map((e) => `${e.row}:${e.column}`)).toEqual(["2502:moq", "2502:price_tiers"]);
    expect(await inBulkShop()).toBe(0);
    const events = await asActor(db, market, { type: "system" }, (ctx) =>
      ctx.tx.select().from(outboxEvents).where(eq(outboxEvents.type, "listing.created")),
    );
    expect(events.filter((e) => String(e.payload.sku).startsWith("BULK-"))).toHaveLength(0);
    const vocabulary = async () =>
      (await asActor(db, market, actor(), (ctx) => ctx.tx.select().from(searchWords))).map((w) => w.word);
    expect(await vocabulary()).not.toContain("sparkly");

    const skipped = await runInBulkShop("skip-invalid");
    expect(skipped).toMatchObject({ committed: true, created: 2500, skipped: 1 });
    expect(await inBulkShop()).toBe(2500);
    // Each batch sends only words no earlier batch sent: the first batch's and the last's all arrive.
    expect(await vocabulary()).toEqual(expect.arrayContaining(["bulk", "clip", "sparkly"]));
  });

  it("upserts by SKU: importing again updates instead of duplicating", async () => {
    // The HS code has no template column: set in the editor, a re-import must keep it.
    await asActor(db, market, actor(), (ctx) =>
      ctx.tx.update(listings).set({ hsCode: "9615110000" }).where(eq(listings.sku, "HC-001")),
    );
    const changed = GOOD[2]?.replace("50:12", "50:11.50") ?? "";
    const report = await run(csv(changed));
    expect(report).toMatchObject({ committed: true, created: 0, updated: 1 });
    const listed = await asActor(db, market, actor(), (ctx) => listMyListings({ ctx, input: { q: "HC-001" } }));
    expect(listed.items[0]?.priceTiers).toEqual([{ minQuantity: 50, unitPriceMinor: 1150 }]);
    expect(listed.items[0]?.version).toBe(2);
    expect(listed.items[0]?.hsCode).toBe("9615110000");
    const events = await asActor(db, market, actor(), (ctx) =>
      ctx.tx.select().from(outboxEvents).where(eq(outboxEvents.type, "listing.updated")),
    );
    expect(events.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ listingId: listed.items[0]?.id, sku: "HC-001", source: "import" }),
    );
  });

  it("reports a wrong header without reading rows", async () => {
    const report = await run(Buffer.from("sku,title\nA,B").toString("base64"));
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => e.message)).toContain("missing column price_tiers");
  });

  it("reads Excel's UTF-8 CSV: a byte-order mark, CRLF line ends and a quoted line break", async () => {
    const row = 'BOM-1,带BOM,"Saved by Excel,\nwith a line break",hair.clips,pcs,10,10:1,CNY,5,,,,,,,,,,,draft';
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\r\n${row}\r\n`)]);
    const report = await run(content.toString("base64"));
    expect(report).toMatchObject({ committed: true, totalRows: 1, created: 1, errors: [] });
    const listed = await asActor(db, market, actor(), (ctx) => listMyListings({ ctx, input: { q: "BOM-1" } }));
    expect(listed.items[0]?.titleEn).toBe("Saved by Excel,\nwith a line break");
  });

  it("keeps quotes, backslashes, braces and the word NULL exactly as written", async () => {
    const row = [
      "ESC-1",
      "引号\\反斜杠",
      '"12"" tray {big}, \\\\ ""NULL"""',
      "hair.clips",
      "pcs",
      "10",
      "10:1",
      "CNY",
      "5",
      ...Array(6).fill(""),
      '"material=PVC ""soft"";note={a,b}"',
      '"https://img.example/a.jpg?x=1,2 https://img.example/b.jpg"',
      "NULL",
      "",
      "draft",
    ].join(",");
    const report = await run(csv(row));
    expect(report.errors).toEqual([]);
    const listed = await asActor(db, market, actor(), (ctx) => listMyListings({ ctx, input: { q: "ESC-1" } }));
    expect(listed.items[0]).toMatchObject({
      titleZh: "引号\\反斜杠",
      titleEn: '12" tray {big}, \\\\ "NULL"',
      attributes: { material: 'PVC "soft"', note: "{a,b}" },
      imageUrls: ["https://img.example/a.jpg?x=1,2", "https://img.example/b.jpg"],
      descriptionZh: "NULL",
      descriptionEn: "",
    });
  });

  it("refuses a CSV with an unclosed quote, naming the file field and the row", async () => {
    const before = await count();
    const broken = csv('QT-1,引号,"never closed,hair.clips,pcs,10,10:1,CNY,5,,,,,,,,,,,active');
    const error = await run(broken).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        contentBase64: [expect.stringMatching(/cannot be read as CSV: row 2: Quoted field unterminated/)],
      },
    });
    expect(await count()).toBe(before);
  });

  it("writes nothing, in either mode, when a quote is left open after batches already written", async () => {
    // The file is read as it is written: 2,500 good rows go out in batches before the broken one.
    const good = Array.from(
      { length: 2500 },
      (_, i) => `LATE-${i},迟到的引号 ${"长".repeat(60)},Late quote ${i},hair.clips,pcs,10,10:1,CNY,5,,,,,,,,,,,active`,
    );
    const broken = csv(...good, 'LATE-X,引号,"never closed,hair.clips,pcs,10,10:1,CNY,5,,,,,,,,,,,active');
    const before = await count();
    for (const mode of ["all-or-nothing", "skip-invalid"] as const) {
      const error = await run(broken, mode).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: "VALIDATION",
        fieldErrors: { contentBase64: [expect.stringMatching(/row 2502: Quoted field unterminated/)] },
      });
      expect(await count()).toBe(before);
    }
  });

  for (const format of ["csv", "xlsx"] as const) {
    it(`round-trips through export and import unchanged (${format})`, async () => {
      const snapshot = async () =>
        (await asActor(db, market, actor(), (ctx) => listMyListings({ ctx, input: { storefrontId: shop } }))).items
          .map(({ version: _v, updatedAt: _u, createdAt: _c, ...rest }) => rest)
          .sort((a, b) => a.sku.localeCompare(b.sku));
      const before = await snapshot();
      const exported = await asActor(db, market, actor(), (ctx) =>
        exportListings({ ctx, input: { storefrontId: shop, format } }),
      );
      expect(exported.rows).toBe(before.length);
      const report = await run(exported.contentBase64, "all-or-nothing", format);
      expect(report.errors).toEqual([]);
      expect(report).toMatchObject({ committed: true, created: 0, updated: before.length });
      expect(await snapshot()).toEqual(before);
    });
  }
});

describe("search vectors built in the application", () => {
  it("equal what PostgreSQL's to_tsvector makes of the same words", async () => {
    const samples = [
      {
        titleZh: "PVC圣诞树1.8米",
        titleEn: "PVC Christmas tree 1.8m",
        names: ["节庆用品", "Festive", "圣诞树", "Christmas trees"],
      },
      { titleZh: "毛绒玩具泰迪熊 毛绒玩具", titleEn: "", names: ["玩具", "Toys"] },
      { titleZh: "", titleEn: "O'Brien's café 12PCS/set ½ inch", names: ["Hair", "发饰"] },
      { titleZh: "T恤 纯棉 XL码", titleEn: "Cotton T-shirts XL", names: [] },
    ];
    for (const sample of samples) {
      const doc = buildSearchDocument({
        titleZh: sample.titleZh,
        titleEn: sample.titleEn,
        categoryNames: sample.names,
        attributes: { material: "PVC", color: "绿色" },
        sku: "XM-001",
      });
      const [row] = resultRows<{ literal: string; parsed: string }>(
        await db.db.execute(
          sql`select ${searchVectorText(doc)}::tsvector::text as literal, (${searchVectorSql(doc)})::text as parsed`,
        ),
      );
      expect(row?.literal, sample.titleEn || sample.titleZh).toBe(row?.parsed);
    }
  });
});
