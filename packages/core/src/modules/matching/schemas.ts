import { z } from "zod";
import { bilingual } from "../../shared/i18n.js";
import {
  AttributesSchema,
  CategoryCodeSchema,
  CurrencySchema,
  IdSchema,
  PriceTierSchema,
  UNITS,
} from "../catalog/index.js";
import { DEMAND_VISIBILITIES, INCOTERMS } from "./tables.js";

const text = (max: number) => z.string().trim().max(max);
/** A calendar day, `2026-12-24`. */
export const DaySchema = z.iso.date({ error: bilingual("a date like 2026-12-24", "日期格式应为 2026-12-24") });

export const PostDemandInput = z
  .object({
    titleZh: text(200).default(""),
    titleEn: text(200).default(""),
    descriptionZh: text(5000).default(""),
    descriptionEn: text(5000).default(""),
    categoryCode: CategoryCodeSchema.nullish(),
    quantity: z
      .number()
      .int()
      .min(1, { error: bilingual("quantity must be at least 1", "数量至少为 1") })
      .max(100_000_000),
    unit: z.enum(UNITS),
    /** Per unit, in `currency`'s minor units (¥2.50 = 250). */
    targetPriceMinor: z
      .number()
      .int()
      .min(0, { error: bilingual("a target price cannot be negative", "目标价不能为负数") })
      .max(1_000_000_000_000)
      .nullish(),
    currency: CurrencySchema,
    requiredBy: DaySchema,
    destination: z.object({
      country: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, { error: bilingual("a two-letter country code (DE)", "两位国家代码（如 DE）") }),
      port: text(80).optional(),
      city: text(80).optional(),
    }),
    attributes: AttributesSchema.default({}),
    imageUrls: z.array(z.url().max(500)).max(10).default([]),
    visibility: z.enum(DEMAND_VISIBILITIES).default("matched"),
    /** Suppliers (merchant organisations) to invite at once. */
    inviteSupplierIds: z.array(IdSchema).max(50).default([]),
  })
  .superRefine((value, ctx) => {
    if (!value.titleZh && !value.titleEn) {
      ctx.addIssue({
        code: "custom",
        path: ["titleZh"],
        message: bilingual("a Chinese or English title is required", "中文或英文标题至少填写一个")(),
      });
    }
  });
export type PostDemandInput = z.input<typeof PostDemandInput>;

export const DemandIdInput = z.object({ demandId: IdSchema });
export const ChangeDemandInput = z.object({ demandId: IdSchema, reason: text(500).default("") });
export const InviteSuppliersInput = z.object({
  demandId: IdSchema,
  supplierIds: z.array(IdSchema).min(1).max(50),
});
export const ListDemandsInput = z.object({
  status: z.enum(["open", "quoting", "awarded", "closed", "expired", "cancelled"]).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: IdSchema.optional(),
});
export const InboxInput = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  cursor: IdSchema.optional(),
});

export const SubmitQuoteInput = z
  .object({
    demandId: IdSchema,
    listingId: IdSchema.nullish(),
    unitPriceMinor: z
      .number()
      .int()
      .min(0, { error: bilingual("a price cannot be negative", "价格不能为负数") })
      .max(1_000_000_000_000),
    priceTiers: z.array(PriceTierSchema).min(1).max(10).nullish(),
    currency: CurrencySchema,
    quantity: z
      .number()
      .int()
      .min(1, { error: bilingual("quantity must be at least 1", "数量至少为 1") })
      .max(100_000_000),
    leadTimeDays: z.number().int().min(0).max(365),
    incoterm: z.enum(INCOTERMS),
    incotermPlace: text(80).default(""),
    validUntil: DaySchema,
    notes: text(2000).default(""),
  })
  .superRefine((value, ctx) => {
    const tiers = value.priceTiers;
    tiers?.forEach((tier, i) => {
      const previous = tiers[i - 1];
      if (previous && (tier.minQuantity <= previous.minQuantity || tier.unitPriceMinor > previous.unitPriceMinor)) {
        ctx.addIssue({
          code: "custom",
          path: ["priceTiers", i],
          message: bilingual("tier quantities must rise and prices must not", "阶梯数量必须递增，单价不能上升")(),
        });
      }
    });
  });
export type SubmitQuoteInput = z.input<typeof SubmitQuoteInput>;

export const QuoteIdInput = z.object({ quoteId: IdSchema });
export const RejectQuoteInput = z.object({ quoteId: IdSchema, reason: text(500).default("") });
export const QuoteMessageInput = z.object({ quoteId: IdSchema, body: text(2000).min(1) });

const Weight = z.number().min(0).max(10);
export const MatchingSettingsInput = z.object({
  weights: z
    .object({
      text: Weight,
      category: Weight,
      price: Weight,
      moq: Weight,
      leadTime: Weight,
      reliability: Weight,
    })
    .partial()
    .optional(),
  maxQuotesPerDemand: z.number().int().min(1).max(100).optional(),
  listingsPerSupplier: z.number().int().min(1).max(10).optional(),
  /** Units of CNY per one unit of the currency, as decimal text: `{ "USD": "7.10" }`. */
  exchangeRates: z
    .record(
      CurrencySchema,
      z.string().regex(/^\d{1,6}(\.\d{1,6})?$/, {
        error: bilingual("a positive decimal like 7.10", "应为正小数，如 7.10"),
      }),
    )
    .optional(),
});
export type MatchingSettingsInput = z.input<typeof MatchingSettingsInput>;
