import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asActor,
  createTestDatabase,
  createTestTenant,
  type TestDatabase,
  type TestTenant,
  userActor,
} from "../../testing/index.js";
import { type CreateListingInput, categories, createListing, createStorefront } from "../catalog/index.js";
import { outboxEvents } from "../events/tables.js";
import {
  acceptQuote,
  cancelDemand,
  closeDemand,
  compareQuotes,
  forDemand,
  getDemand,
  inviteSuppliers,
  listDemandMatches,
  listInbox,
  listQuoteMessages,
  type PostDemandInput,
  postDemand,
  postQuoteMessage,
  rejectQuote,
  runListingMatching,
  type SubmitQuoteInput,
  submitQuote,
  updateMatchingSettings,
} from "./index.js";
import { demands, quotes } from "./tables.js";

let db: TestDatabase;
let yiwu: TestTenant;
const shops: Record<string, string> = {};
const ids: Record<string, string> = {};

const org = (key: string) => {
  const found = yiwu.orgs[key];
  if (!found) throw new Error(`fixture has no ${key}`);
  return found;
};
const as = <T>(key: string, fn: Parameters<typeof asActor<T>>[3]) => asActor(db, yiwu, userActor(org(key)), fn);
const dayFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const TREE = [
  ["festive", "节庆用品", "Festive & party", null],
  ["festive.christmas", "圣诞用品", "Christmas", "festive"],
  ["festive.christmas.trees", "圣诞树", "Christmas trees", "festive.christmas"],
  ["festive.christmas.balls", "圣诞球", "Christmas balls", "festive.christmas"],
  ["toys", "玩具", "Toys", null],
  ["toys.plush", "毛绒玩具", "Plush toys", "toys"],
] as const;

const listing = (merchant: string, over: Partial<CreateListingInput>): CreateListingInput => ({
  storefrontId: shops[merchant] ?? "",
  sku: "SKU",
  titleZh: "",
  titleEn: "",
  categoryCode: "festive.christmas.trees",
  unit: "pcs",
  moq: 500,
  priceTiers: [
    { minQuantity: 500, unitPriceMinor: 2500 },
    { minQuantity: 1000, unitPriceMinor: 2200 },
  ],
  currency: "CNY",
  leadTimeDays: 15,
  status: "active",
  ...over,
});

const demand = (over: Partial<PostDemandInput> = {}): PostDemandInput => ({
  titleZh: "PVC圣诞树",
  titleEn: "PVC christmas tree",
  categoryCode: "festive.christmas",
  quantity: 1000,
  unit: "pcs",
  targetPriceMinor: 2400,
  currency: "CNY",
  requiredBy: dayFromNow(30),
  destination: { country: "DE", port: "Hamburg" },
  ...over,
});

const quote = (demandId: string, over: Partial<SubmitQuoteInput> = {}): SubmitQuoteInput => ({
  demandId,
  unitPriceMinor: 2300,
  currency: "CNY",
  quantity: 1000,
  leadTimeDays: 20,
  incoterm: "FOB",
  incotermPlace: "Ningbo",
  validUntil: dayFromNow(14),
  ...over,
});

beforeAll(async () => {
  db = await createTestDatabase();
  yiwu = await createTestTenant(db, "yiwu", {
    evergreen: ["merchant"],
    festival: ["merchant"],
    plushco: ["merchant"],
    importer: ["buyer"],
    retailer: ["buyer"],
    operator: ["operator"],
  });
  await asActor(db, yiwu, { type: "system" }, async (ctx) => {
    const byCode = new Map<string, string>();
    for (const [code, nameZh, nameEn, parent] of TREE) {
      const [row] = await ctx.tx
        .insert(categories)
        .values({
          tenantId: yiwu.id,
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
  const booth = { district: "一区", gate: "1", street: "1", booth: "1" };
  for (const merchant of ["evergreen", "festival", "plushco"]) {
    const shop = await as(merchant, (ctx) =>
      createStorefront({ ctx, input: { nameZh: `${merchant}店`, nameEn: merchant, booth } }),
    );
    shops[merchant] = shop.id;
  }
  const make = async (key: string, merchant: string, over: Partial<CreateListingInput>) => {
    const row = await as(merchant, (ctx) => createListing({ ctx, input: listing(merchant, { sku: key, ...over }) }));
    ids[key] = row.id;
  };
  // Evergreen: a perfect fit, a second and a third tree, and a fourth (one too many for one supplier).
  await make("perfect", "evergreen", { titleZh: "PVC圣诞树 绿色 150厘米", titleEn: "PVC christmas tree green 150cm" });
  await make("tree2", "evergreen", {
    titleZh: "PVC圣诞树 白色",
    titleEn: "PVC christmas tree white",
    leadTimeDays: 20,
  });
  await make("tree3", "evergreen", { titleZh: "PVC圣诞树 金色", titleEn: "PVC christmas tree gold", leadTimeDays: 25 });
  await make("tree4", "evergreen", {
    titleZh: "PVC圣诞树 银色",
    titleEn: "PVC christmas tree silver",
    leadTimeDays: 30,
  });
  // Festival: the right tree, but MOQ 2,000 (a near miss for 1,000 pcs).
  await make("bigMoq", "festival", {
    titleZh: "PVC圣诞树 豪华",
    titleEn: "PVC christmas tree deluxe",
    moq: 2000,
    priceTiers: [{ minQuantity: 2000, unitPriceMinor: 1900 }],
  });
  await make("balls", "festival", {
    titleZh: "圣诞球 塑料",
    titleEn: "christmas balls plastic",
    categoryCode: "festive.christmas.balls",
  });
  // Plushco: a PVC toy outside the demanded category; a draft tree never matches.
  await make("pvcToy", "plushco", { titleZh: "PVC玩具", titleEn: "PVC toy tree", categoryCode: "toys.plush" });
  await make("draftTree", "plushco", { titleZh: "PVC圣诞树", titleEn: "PVC christmas tree", status: "draft" });
}, 60_000);

afterAll(async () => {
  await db?.destroy();
});

describe("posting a demand", () => {
  it("finds suppliers at once, best first, with parts and reasons in both languages", async () => {
    const { demand: posted, matchCount } = await as("importer", (ctx) => postDemand({ ctx, input: demand() }));
    ids.demand = posted.id;
    expect(posted.status).toBe("open");
    expect(matchCount).toBeGreaterThan(0);
    const matches = await as("importer", (ctx) => listDemandMatches({ ctx, input: { demandId: posted.id } }));
    const order = matches.map((m) => Object.entries(ids).find(([, v]) => v === m.listingId)?.[0]);
    expect(order[0]).toBe("perfect");
    expect(matches[0]?.explanation.en).toBe(
      "MOQ 500 ≤ 1,000 pcs; ¥22.00 at 1,000 pcs, 8% under target; ships in 15 days, needed in 30",
    );
    expect(matches[0]?.explanation.zh).toContain("起订量 500 ≤ 1,000 件");
    expect(Object.keys(matches[0]?.parts ?? {}).sort()).toEqual([
      "category",
      "leadTime",
      "moq",
      "price",
      "reliability",
      "text",
    ]);
    // The near miss still shows, ranked below the fits, with its reason.
    const near = matches.find((m) => m.listingId === ids.bigMoq);
    expect(near?.explanation.en).toContain("MOQ 2,000 > your 1,000 pcs");
    expect(matches.indexOf(near as never)).toBeGreaterThan(matches.findIndex((m) => m.listingId === ids.tree2));
    // Hard constraints: outside the category subtree, and drafts, never match.
    expect(order).not.toContain("pvcToy");
    expect(order).not.toContain("draftTree");
    // At most three listings per supplier (the market's setting).
    expect(matches.filter((m) => m.supplierOrganisationId === org("evergreen").id)).toHaveLength(3);
    expect(order).not.toContain("tree4");
  });

  it("ranks the same way every time", async () => {
    const run = () =>
      as("retailer", async (ctx) => {
        const { demand: d } = await postDemand({ ctx, input: demand({ titleEn: "christmas tree", titleZh: "" }) });
        return (await listDemandMatches({ ctx, input: { demandId: d.id } })).map((m) => [m.listingId, m.score]);
      });
    expect(await run()).toEqual(await run());
  });

  it("writes demand.created and one demand.matched per supplier", async () => {
    const events = await as("importer", (ctx) =>
      ctx.tx
        .select()
        .from(outboxEvents)
        .where(sql`${outboxEvents.payload}->>'demandId' = ${ids.demand ?? ""}`),
    );
    const told = events.filter((e) => e.type === "demand.matched").map((e) => e.organisationId);
    expect(new Set(told)).toEqual(new Set([org("evergreen").id, org("festival").id]));
    expect(told).toHaveLength(2);
  });

  it("refuses bad input with the field named, and writes nothing", async () => {
    const cases: [Partial<PostDemandInput>, string][] = [
      [{ quantity: 0 }, "quantity"],
      [{ targetPriceMinor: -1 }, "targetPriceMinor"],
      [{ requiredBy: dayFromNow(-1) }, "requiredBy"],
      [{ categoryCode: "festive.nope" }, "categoryCode"],
      [{ titleZh: "", titleEn: "" }, "titleZh"],
      [{ inviteSupplierIds: [org("retailer").id] }, "inviteSupplierIds"],
    ];
    const before = await as("importer", (ctx) => ctx.tx.select({ n: sql<number>`count(*)::int` }).from(demands));
    for (const [over, field] of cases) {
      const error = await as("importer", (ctx) => postDemand({ ctx, input: demand(over) })).catch((e) => e);
      expect(error, field).toMatchObject({ code: "VALIDATION" });
      expect(Object.keys(error.fieldErrors), field).toContain(field);
    }
    const after = await as("importer", (ctx) => ctx.tx.select({ n: sql<number>`count(*)::int` }).from(demands));
    expect(after).toEqual(before);
  });

  it("is only for buyers", async () => {
    await expect(as("evergreen", (ctx) => postDemand({ ctx, input: demand() }))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("the merchant's inbox", () => {
  it("shows matched demands with the best listing and why", async () => {
    const inbox = await as("evergreen", (ctx) => listInbox({ ctx, input: {} }));
    const item = inbox.items.find((i) => i.demand.id === ids.demand);
    expect(item?.bestMatch?.listingId).toBe(ids.perfect);
    expect(item?.bestMatch?.explanation.en).toContain("8% under target");
    expect(item?.buyer.id).toBe(org("importer").id);
    // Plushco was not matched: the demand is not in its inbox, and it cannot read it.
    const other = await as("plushco", (ctx) => listInbox({ ctx, input: {} }));
    expect(other.items.map((i) => i.demand.id)).not.toContain(ids.demand);
    await expect(
      as("plushco", (ctx) => getDemand({ ctx, input: { demandId: ids.demand ?? "" } })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("shows invited-only demands to invited suppliers only", async () => {
    const { demand: secret } = await as("importer", (ctx) =>
      postDemand({ ctx, input: demand({ visibility: "invited", inviteSupplierIds: [org("plushco").id] }) }),
    );
    const inboxOf = async (key: string) =>
      (await as(key, (ctx) => listInbox({ ctx, input: {} }))).items.map((i) => i.demand.id);
    expect(await inboxOf("plushco")).toContain(secret.id);
    expect(await inboxOf("evergreen")).not.toContain(secret.id);
    // The buyer still sees who matched, and can invite them.
    const matched = await as("importer", (ctx) => listDemandMatches({ ctx, input: { demandId: secret.id } }));
    expect(matched.some((m) => m.supplierOrganisationId === org("evergreen").id)).toBe(true);
    await as("importer", (ctx) =>
      inviteSuppliers({ ctx, input: { demandId: secret.id, supplierIds: [org("evergreen").id] } }),
    );
    expect(await inboxOf("evergreen")).toContain(secret.id);
  });

  it("gets demands a newly activated listing fits (listing → demands job)", async () => {
    const { demand: plush } = await as("retailer", (ctx) =>
      postDemand({
        ctx,
        input: demand({ titleZh: "毛绒玩具 泰迪熊", titleEn: "plush teddy bear", categoryCode: "toys.plush" }),
      }),
    );
    const before = await as("plushco", (ctx) => listInbox({ ctx, input: {} }));
    expect(before.items.map((i) => i.demand.id)).toContain(plush.id); // its PVC toy is in toys.plush
    const bear = await as("plushco", (ctx) =>
      createListing({
        ctx,
        input: listing("plushco", {
          sku: "bear",
          titleZh: "毛绒泰迪熊",
          titleEn: "plush teddy bear brown",
          categoryCode: "toys.plush",
        }),
      }),
    );
    const result = await runListingMatching(db.db, { tenantId: yiwu.id, listingIds: [bear.id] });
    expect(result).toMatchObject({ listings: 1 });
    expect(result.matched).toBeGreaterThanOrEqual(1);
    const after = await as("plushco", (ctx) => listInbox({ ctx, input: {} }));
    expect(after.items.find((i) => i.demand.id === plush.id)?.bestMatch?.listingId).toBe(bear.id);
  });
});

describe("quotes", () => {
  it("moves the demand to quoting; a second quote from the same merchant is refused", async () => {
    const submitted = await as("evergreen", (ctx) =>
      submitQuote({ ctx, input: quote(ids.demand ?? "", { listingId: ids.perfect }) }),
    );
    ids.quoteEvergreen = submitted.id;
    expect(submitted.status).toBe("submitted");
    expect((await as("importer", (ctx) => getDemand({ ctx, input: { demandId: ids.demand ?? "" } }))).status).toBe(
      "quoting",
    );
    await expect(as("evergreen", (ctx) => submitQuote({ ctx, input: quote(ids.demand ?? "") }))).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("refuses a listing that is not the merchant's, and a validity date in the past", async () => {
    const cases: [Partial<SubmitQuoteInput>, string][] = [
      [{ listingId: ids.perfect }, "listingId"],
      [{ validUntil: dayFromNow(-1) }, "validUntil"],
      [{ unitPriceMinor: -5 }, "unitPriceMinor"],
      [{ quantity: 0 }, "quantity"],
    ];
    for (const [over, field] of cases) {
      const error = await as("festival", (ctx) => submitQuote({ ctx, input: quote(ids.demand ?? "", over) })).catch(
        (e) => e,
      );
      expect(Object.keys(error.fieldErrors ?? {}), field).toContain(field);
    }
  });

  it("compares quotes in the buyer's currency, with reliability and match score", async () => {
    const usd = await as("festival", (ctx) =>
      submitQuote({ ctx, input: quote(ids.demand ?? "", { unitPriceMinor: 300, currency: "USD", leadTimeDays: 35 }) }),
    );
    ids.quoteFestival = usd.id;
    const compared = await as("importer", (ctx) => compareQuotes({ ctx, input: { demandId: ids.demand ?? "" } }));
    expect(compared.map((q) => q.id)).toEqual([ids.quoteFestival, ids.quoteEvergreen]);
    expect(compared[0]).toMatchObject({
      currency: "USD",
      unitPriceInDemandCurrencyMinor: 2130, // $3.00 at 7.10
      totalInDemandCurrencyMinor: 2_130_000,
      demandCurrency: "CNY",
      reliability: 0.7,
    });
    expect(compared[1]?.matchScore).toBeGreaterThan(0.9);
  });

  it("carries a question-and-answer thread between the two parties only", async () => {
    const quoteId = ids.quoteEvergreen ?? "";
    await as("importer", (ctx) => postQuoteMessage({ ctx, input: { quoteId, body: "Can you do red?" } }));
    await as("evergreen", (ctx) => postQuoteMessage({ ctx, input: { quoteId, body: "Yes, same price." } }));
    const thread = await as("importer", (ctx) => listQuoteMessages({ ctx, input: { quoteId } }));
    expect(thread.map((m) => m.body)).toEqual(["Can you do red?", "Yes, same price."]);
    await expect(as("festival", (ctx) => listQuoteMessages({ ctx, input: { quoteId } }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("refuses an expired quote", async () => {
    await as("festival", (ctx) =>
      ctx.tx
        .update(quotes)
        .set({ validUntil: dayFromNow(-1) })
        .where(eq(quotes.id, ids.quoteFestival ?? "")),
    );
    const error = await as("importer", (ctx) =>
      acceptQuote({ ctx, input: { quoteId: ids.quoteFestival ?? "" } }),
    ).catch((e) => e);
    expect(error).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(error.message).toContain("expired");
    const [still] = await as("importer", (ctx) =>
      ctx.tx
        .select()
        .from(demands)
        .where(eq(demands.id, ids.demand ?? "")),
    );
    expect(still?.status).toBe("quoting");
  });

  it("accepting one awards the demand and closes the others with a reason", async () => {
    const third = await as("importer", (ctx) => postDemand({ ctx, input: demand() }));
    const a = await as("evergreen", (ctx) => submitQuote({ ctx, input: quote(third.demand.id) }));
    const b = await as("festival", (ctx) =>
      submitQuote({ ctx, input: quote(third.demand.id, { unitPriceMinor: 2100 }) }),
    );
    const result = await as("importer", (ctx) => acceptQuote({ ctx, input: { quoteId: b.id } }));
    expect(result).toMatchObject({ closedQuotes: 1, orderDraft: null });
    expect(result.demand.status).toBe("awarded");
    const [other] = await as("importer", (ctx) => ctx.tx.select().from(quotes).where(eq(quotes.id, a.id)));
    expect(other).toMatchObject({ status: "closed", statusReason: "another quote was accepted" });
    // Quoting on an awarded demand, and cancelling it, are refused.
    await expect(as("plushco", (ctx) => submitQuote({ ctx, input: quote(third.demand.id) }))).rejects.toMatchObject({
      code: expect.stringMatching(/NOT_FOUND|PRECONDITION_FAILED/),
    });
    await expect(
      as("importer", (ctx) => cancelDemand({ ctx, input: { demandId: third.demand.id } })),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    const closed = await as("importer", (ctx) => closeDemand({ ctx, input: { demandId: third.demand.id } }));
    expect(closed.status).toBe("closed");
    const accepted = await as("importer", (ctx) =>
      ctx.tx.select().from(outboxEvents).where(eq(outboxEvents.type, "quote.accepted")),
    );
    expect(accepted.map((e) => e.organisationId)).toContain(org("festival").id);
  });

  it("refuses quotes on a cancelled demand, and closing one still open", async () => {
    const { demand: d } = await as("importer", (ctx) => postDemand({ ctx, input: demand() }));
    await expect(as("importer", (ctx) => closeDemand({ ctx, input: { demandId: d.id } }))).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    await as("importer", (ctx) => cancelDemand({ ctx, input: { demandId: d.id, reason: "bought elsewhere" } }));
    const error = await as("evergreen", (ctx) => submitQuote({ ctx, input: quote(d.id) })).catch((e) => e);
    expect(error).toMatchObject({ code: "PRECONDITION_FAILED" });
    const written = await as("evergreen", (ctx) => ctx.tx.select().from(quotes).where(eq(quotes.demandId, d.id)));
    expect(written).toHaveLength(0);
  });

  it("stops at the market's quote cap", async () => {
    await as("operator", (ctx) => updateMatchingSettings({ ctx, input: { maxQuotesPerDemand: 1 } }));
    const { demand: d } = await as("importer", (ctx) => postDemand({ ctx, input: demand() }));
    await as("evergreen", (ctx) => submitQuote({ ctx, input: quote(d.id) }));
    const error = await as("festival", (ctx) => submitQuote({ ctx, input: quote(d.id) })).catch((e) => e);
    expect(error).toMatchObject({ code: "CONFLICT" });
    expect(error.message).toContain("1 quotes");
    await as("operator", (ctx) => updateMatchingSettings({ ctx, input: { maxQuotesPerDemand: 10 } }));
  });

  it("lets the buyer reject a quote with a reason", async () => {
    const { demand: d } = await as("importer", (ctx) => postDemand({ ctx, input: demand() }));
    const q = await as("evergreen", (ctx) => submitQuote({ ctx, input: quote(d.id) }));
    const rejected = await as("importer", (ctx) => rejectQuote({ ctx, input: { quoteId: q.id, reason: "too slow" } }));
    expect(rejected).toMatchObject({ status: "rejected", statusReason: "too slow" });
    await expect(as("importer", (ctx) => acceptQuote({ ctx, input: { quoteId: q.id } }))).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
  });
});

describe("the category tree the engine keeps", () => {
  it("sees a renamed category at the next demand", async () => {
    const [toys] = await as("operator", (ctx) =>
      ctx.tx.select({ id: categories.id }).from(categories).where(eq(categories.code, "toys")),
    );
    await asActor(db, yiwu, { type: "system" }, (ctx) =>
      ctx.tx.insert(categories).values({
        tenantId: yiwu.id,
        code: "toys.aircraft",
        nameZh: "遥控飞机",
        nameEn: "RC aircraft",
        depth: 1,
        parentId: toys?.id ?? null,
      }),
    );
    const quadcopter = await as("plushco", (ctx) =>
      createListing({
        ctx,
        input: listing("plushco", {
          sku: "quad",
          titleZh: "遥控飞机 四轴",
          titleEn: "RC quadcopter",
          categoryCode: "toys.aircraft",
        }),
      }),
    );
    // 无人机 is in no listing's text: only the category's name can lead the engine there.
    const drones = {
      titleZh: "无人机",
      titleEn: "",
      attributes: {},
      categoryCode: null,
      quantity: 1000,
      unit: "pcs",
      targetPriceMinor: null,
      currency: "CNY",
      postedOn: dayFromNow(0),
      requiredBy: dayFromNow(30),
    };
    const found = () => as("importer", async (ctx) => (await forDemand(ctx, drones)).map((m) => m.listingId));
    expect(await found()).not.toContain(quadcopter.id);
    await asActor(db, yiwu, { type: "system" }, (ctx) =>
      ctx.tx.update(categories).set({ nameZh: "无人机", nameEn: "Drones" }).where(eq(categories.code, "toys.aircraft")),
    );
    expect(await found()).toContain(quadcopter.id);
  });
});
