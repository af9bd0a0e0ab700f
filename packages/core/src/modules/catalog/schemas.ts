import { z } from "zod";
import { bilingual } from "../../shared/i18n.js";
import { isCurrency } from "../../shared/money.js";
import { LISTING_STATUSES, UNITS } from "./tables.js";

export const IdSchema = z.uuid();
export const CurrencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrency, { error: bilingual("not an ISO 4217 currency code", "不是有效的 ISO 4217 货币代码") });
export const CategoryCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, { error: bilingual("not a category code", "不是有效的类目代码") });
export const SkuSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/, {
    error: bilingual("letters, digits and . _ - / only, at most 64", "仅限字母、数字及 . _ - /，最多 64 个字符"),
  });

const text = (max: number) => z.string().trim().max(max);

export const BoothSchema = z.object({
  district: text(40).min(1),
  gate: text(40).default(""),
  street: text(40).default(""),
  booth: text(40).min(1),
});

export const StorefrontInput = z.object({
  nameZh: text(120).min(1),
  nameEn: text(120).min(1),
  descriptionZh: text(5000).default(""),
  descriptionEn: text(5000).default(""),
  booth: BoothSchema,
  logoUrl: z.url().max(500).nullish(),
  mainCategoryCodes: z.array(CategoryCodeSchema).max(10).default([]),
  contact: z
    .object({
      name: text(80).optional(),
      phone: text(40).optional(),
      email: z.email().optional(),
      wechat: text(60).optional(),
    })
    .default({}),
  status: z.enum(["active", "closed"]).default("active"),
});
export type StorefrontInput = z.input<typeof StorefrontInput>;
export const UpdateStorefrontInput = StorefrontInput.partial().extend({ storefrontId: IdSchema });

export const PriceTierSchema = z.object({
  minQuantity: z.number().int().min(1).max(100_000_000),
  unitPriceMinor: z.number().int().min(0).max(1_000_000_000_000),
});

export const CartonSchema = z.object({
  pcsPerCarton: z.number().int().min(1).max(1_000_000),
  lengthCm: z.number().positive().max(1000),
  widthCm: z.number().positive().max(1000),
  heightCm: z.number().positive().max(1000),
  grossGrams: z.number().int().min(1).max(10_000_000),
});

/** Typed attributes (material=PVC, color=red) of listings and demands. */
export const AttributesSchema = z
  .record(
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, {
        error: bilingual("attribute names are a-z, 0-9, _", "属性名仅限 a-z、0-9、_"),
      }),
    text(100).min(1),
  )
  .refine((a) => Object.keys(a).length <= 20, { error: bilingual("at most 20 attributes", "最多 20 个属性") });

// Fields without defaults: an update must tell "not given" from "set empty".
const listingFields = {
  sku: SkuSchema,
  titleZh: text(200),
  titleEn: text(200),
  descriptionZh: text(5000),
  descriptionEn: text(5000),
  categoryCode: CategoryCodeSchema,
  attributes: AttributesSchema,
  imageUrls: z.array(z.url().max(500)).max(10),
  unit: z.enum(UNITS),
  moq: z
    .number()
    .int()
    .min(1, { error: bilingual("MOQ must be at least 1", "起订量至少为 1") })
    .max(100_000_000),
  priceTiers: z.array(PriceTierSchema).min(1).max(10),
  currency: CurrencySchema,
  stock: z.number().int().min(0).nullish(),
  leadTimeDays: z.number().int().min(0).max(365),
  carton: CartonSchema.nullish(),
  hsCode: z
    .string()
    .trim()
    .regex(/^\d{6,10}$/, { error: bilingual("6 to 10 digits", "6 到 10 位数字") })
    .nullish(),
  status: z.enum(LISTING_STATUSES),
};

type TierCheck = {
  titleZh?: string;
  titleEn?: string;
  moq?: number;
  priceTiers?: { minQuantity: number; unitPriceMinor: number }[];
};

/** The rules that span fields: a title in some language, and tiers that start at MOQ and only get cheaper. */
export function checkListingRules(value: TierCheck, ctx: z.RefinementCtx): void {
  if (value.titleZh !== undefined && value.titleEn !== undefined && !value.titleZh && !value.titleEn) {
    ctx.addIssue({
      code: "custom",
      path: ["titleZh"],
      message: bilingual("a Chinese or English title is required", "中文或英文标题至少填写一个")(),
    });
  }
  const tiers = value.priceTiers;
  if (!tiers?.length) return;
  tiers.forEach((tier, i) => {
    const previous = tiers[i - 1];
    if (previous && tier.minQuantity <= previous.minQuantity) {
      ctx.addIssue({
        code: "custom",
        path: ["priceTiers", i, "minQuantity"],
        message: bilingual("tier quantities must rise", "阶梯数量必须递增")(),
      });
    }
    if (previous && tier.unitPriceMinor > previous.unitPriceMinor) {
      ctx.addIssue({
        code: "custom",
        path: ["priceTiers", i, "unitPriceMinor"],
        message: bilingual("a larger quantity cannot cost more per unit", "数量越大单价不能越高")(),
      });
    }
  });
  if (value.moq !== undefined && tiers[0] && tiers[0].minQuantity !== value.moq) {
    ctx.addIssue({
      code: "custom",
      path: ["priceTiers", 0, "minQuantity"],
      message: bilingual(
        `the first tier must start at the MOQ (${value.moq})`,
        `第一档数量必须等于起订量（${value.moq}）`,
      )(),
    });
  }
}

/** A whole listing, with defaults for what may be left out. */
export const ListingFields = z.object({
  ...listingFields,
  titleZh: listingFields.titleZh.default(""),
  titleEn: listingFields.titleEn.default(""),
  descriptionZh: listingFields.descriptionZh.default(""),
  descriptionEn: listingFields.descriptionEn.default(""),
  attributes: listingFields.attributes.default({}),
  imageUrls: listingFields.imageUrls.default([]),
  status: listingFields.status.default("draft"),
});
export const CreateListingInput = ListingFields.extend({ storefrontId: IdSchema }).superRefine(checkListingRules);
export type CreateListingInput = z.input<typeof CreateListingInput>;

export const UpdateListingInput = z
  .object(listingFields)
  .omit({ sku: true })
  .partial()
  .extend({
    listingId: IdSchema,
    /** The version the editor read; a newer one means someone else changed it first. */
    expectedVersion: z.number().int().min(1),
  })
  .superRefine(checkListingRules);
export type UpdateListingInput = z.input<typeof UpdateListingInput>;

export const SetListingStatusInput = z.object({
  listingIds: z.array(IdSchema).min(1).max(500),
  status: z.enum(LISTING_STATUSES),
});

export const CreateCategoryInput = z.object({
  parentCode: CategoryCodeSchema.nullish(),
  segment: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,40}$/, { error: bilingual("a-z, 0-9 and - only", "仅限 a-z、0-9 和 -") }),
  nameZh: text(60).min(1),
  nameEn: text(80).min(1),
});
export const RenameCategoryInput = z.object({
  code: CategoryCodeSchema,
  nameZh: text(60).min(1),
  nameEn: text(80).min(1),
});

export const SearchInput = z.object({
  q: text(200).optional(),
  categoryCode: CategoryCodeSchema.optional(),
  /** The quantity the buyer wants: prices are shown at its tier, and MOQ must not exceed it. */
  quantity: z.number().int().min(1).max(100_000_000).optional(),
  minPriceMinor: z.number().int().min(0).optional(),
  maxPriceMinor: z.number().int().min(0).optional(),
  currency: CurrencySchema.optional(),
  attributes: z.record(z.string(), z.string()).optional(),
  storefrontId: IdSchema.optional(),
  maxLeadTimeDays: z.number().int().min(0).max(365).optional(),
  sort: z.enum(["relevance", "price", "newest"]).default("relevance"),
  limit: z.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
});
export type SearchInput = z.input<typeof SearchInput>;
