import { catalog } from "@tradecloud/core";
import { z } from "zod";
import { marketProcedure, memberProcedure, operatorProcedure, router } from "../trpc.js";

interface CategoryNodeOutput {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  children: CategoryNodeOutput[];
}
const CategoryNode: z.ZodType<CategoryNodeOutput> = z.lazy(() =>
  z.object({
    id: z.string(),
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    children: z.array(CategoryNode),
  }),
);
const CategoryOutput = z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string() });

const StorefrontOutput = z.object({
  id: z.string(),
  organisationId: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  booth: z.object({ district: z.string(), gate: z.string(), street: z.string(), booth: z.string() }),
  logoUrl: z.string().nullable(),
  mainCategoryCodes: z.array(z.string()),
  contact: z.object({
    name: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    wechat: z.string().optional(),
  }),
  status: z.enum(["active", "closed"]),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const ListingOutput = z.object({
  id: z.string(),
  storefrontId: z.string(),
  organisationId: z.string(),
  sku: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  categoryCode: z.string(),
  attributes: z.record(z.string(), z.string()),
  imageUrls: z.array(z.string()),
  unit: z.enum(catalog.UNITS),
  moq: z.number().int(),
  priceTiers: z.array(catalog.PriceTierSchema),
  currency: z.string(),
  stock: z.number().int().nullable(),
  leadTimeDays: z.number().int(),
  carton: catalog.CartonSchema.nullable(),
  hsCode: z.string().nullable(),
  status: z.enum(catalog.LISTING_STATUSES),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const SearchOutput = z.object({
  items: z.array(
    ListingOutput.extend({
      storefront: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }),
      unitPriceMinor: z.number().int(),
      score: z.number(),
    }),
  ),
  nextCursor: z.string().nullable(),
  candidateCount: z.number().int(),
  capped: z.boolean(),
  fuzzy: z.boolean(),
  facets: z.object({
    categories: z.array(z.object({ code: z.string(), count: z.number().int() })),
    attributes: z.array(z.object({ key: z.string(), value: z.string(), count: z.number().int() })),
  }),
});

const ImportReportOutput = z.object({
  mode: z.enum(["all-or-nothing", "skip-invalid"]),
  totalRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  committed: z.boolean(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() })),
});
const FileOutput = z.object({ format: z.enum(["csv", "xlsx"]), filename: z.string(), contentBase64: z.string() });

const tags = ["catalog"];
const writers = { kinds: ["merchant"] as const, scope: "catalog:write" as const };
const readers = { kinds: ["merchant"] as const, scope: "catalog:read" as const };

export const catalogRouter = router({
  categoryTree: marketProcedure
    .meta({ openapi: { method: "GET", path: "/categories", tags, summary: "The market's category tree" } })
    .input(z.object({}).optional())
    .output(z.array(CategoryNode))
    .query(({ ctx }) => catalog.listCategoryTree(ctx)),

  createCategory: operatorProcedure
    .input(catalog.CreateCategoryInput)
    .output(CategoryOutput)
    .mutation(({ ctx, input }) => catalog.createCategory({ ctx, input })),

  renameCategory: operatorProcedure
    .input(catalog.RenameCategoryInput)
    .output(CategoryOutput)
    .mutation(({ ctx, input }) => catalog.renameCategory({ ctx, input })),

  createStorefront: memberProcedure(writers)
    .meta({ openapi: { method: "POST", path: "/storefronts", tags, summary: "Open a storefront" } })
    .input(catalog.StorefrontInput)
    .output(StorefrontOutput)
    .mutation(({ ctx, input }) => catalog.createStorefront({ ctx, input })),

  updateStorefront: memberProcedure(writers)
    .meta({ openapi: { method: "PATCH", path: "/storefronts/{storefrontId}", tags, summary: "Change a storefront" } })
    .input(catalog.UpdateStorefrontInput)
    .output(StorefrontOutput)
    .mutation(({ ctx, input }) => catalog.updateStorefront({ ctx, input })),

  listMyStorefronts: memberProcedure(readers)
    .meta({
      openapi: { method: "GET", path: "/storefronts/mine", tags, summary: "The storefronts of your organisation" },
    })
    .input(z.object({}).optional())
    .output(z.array(StorefrontOutput))
    .query(({ ctx }) => catalog.listMyStorefronts(ctx)),

  getStorefront: marketProcedure
    .meta({
      openapi: { method: "GET", path: "/storefronts/{storefrontId}", tags, summary: "A storefront, as buyers see it" },
    })
    .input(z.object({ storefrontId: catalog.IdSchema }))
    .output(StorefrontOutput)
    .query(({ ctx, input }) => catalog.getStorefront({ ctx, input })),

  createListing: memberProcedure(writers)
    .meta({ openapi: { method: "POST", path: "/listings", tags, summary: "List a product" } })
    .input(catalog.CreateListingInput)
    .output(ListingOutput)
    .mutation(({ ctx, input }) => catalog.createListing({ ctx, input })),

  updateListing: memberProcedure(writers)
    .meta({
      openapi: {
        method: "PATCH",
        path: "/listings/{listingId}",
        tags,
        summary: "Change a listing (send the version you read)",
      },
    })
    .input(catalog.UpdateListingInput)
    .output(ListingOutput)
    .mutation(({ ctx, input }) => catalog.updateListing({ ctx, input })),

  setListingStatus: memberProcedure(writers)
    .meta({
      openapi: { method: "POST", path: "/listings/status", tags, summary: "Activate, archive or draft many listings" },
    })
    .input(catalog.SetListingStatusInput)
    .output(z.object({ updated: z.number().int() }))
    .mutation(({ ctx, input }) => catalog.setListingStatus({ ctx, input })),

  listMyListings: memberProcedure(readers)
    .meta({
      openapi: { method: "GET", path: "/listings/mine", tags, summary: "Your organisation's listings, any status" },
    })
    .input(
      z.object({
        storefrontId: catalog.IdSchema.optional(),
        status: z.enum(catalog.LISTING_STATUSES).optional(),
        q: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
    )
    .output(z.object({ items: z.array(ListingOutput), total: z.number().int() }))
    .query(({ ctx, input }) => catalog.listMyListings({ ctx, input })),

  search: marketProcedure
    .meta({ openapi: { method: "POST", path: "/listings/search", tags, summary: "Search the market's listings" } })
    .input(catalog.SearchInput)
    .output(SearchOutput)
    .query(({ ctx, input }) => catalog.searchListings({ ctx, input })),

  importListings: memberProcedure(writers)
    .meta({ openapi: { method: "POST", path: "/listings/import", tags, summary: "Import a CSV or XLSX catalogue" } })
    .input(catalog.ImportListingsInput)
    .output(ImportReportOutput)
    .mutation(({ ctx, input }) => catalog.importListings({ ctx, input })),

  startImport: memberProcedure(writers)
    .meta({
      openapi: {
        method: "POST",
        path: "/listings/imports",
        tags,
        summary: "Queue a large catalogue import (background job)",
      },
    })
    .input(catalog.ImportListingsInput)
    .output(z.object({ importId: z.string(), status: z.enum(catalog.IMPORT_STATUSES) }))
    .mutation(({ ctx, input }) => catalog.startCatalogueImport({ ctx, input })),

  getImport: memberProcedure(readers)
    .meta({
      openapi: { method: "GET", path: "/listings/imports/{importId}", tags, summary: "Progress of a queued import" },
    })
    .input(catalog.ImportIdInput)
    .output(
      z.object({
        id: z.string(),
        storefrontId: z.string(),
        status: z.enum(catalog.IMPORT_STATUSES),
        mode: z.enum(["all-or-nothing", "skip-invalid"]),
        totalRows: z.number().int().nullable(),
        processedRows: z.number().int(),
        report: ImportReportOutput.nullable(),
        createdAt: z.date(),
        updatedAt: z.date(),
      }),
    )
    .query(({ ctx, input }) => catalog.getCatalogueImport({ ctx, input })),

  exportListings: memberProcedure(readers)
    .meta({
      openapi: { method: "GET", path: "/listings/export", tags, summary: "Export a storefront in the import template" },
    })
    .input(catalog.ExportListingsInput)
    .output(FileOutput.extend({ rows: z.number().int() }))
    .query(({ ctx, input }) => catalog.exportListings({ ctx, input })),

  importTemplate: marketProcedure
    .meta({
      openapi: { method: "GET", path: "/listings/import-template", tags, summary: "The empty catalogue template" },
    })
    .input(z.object({ format: z.enum(["csv", "xlsx"]).default("csv") }))
    .output(FileOutput.extend({ columns: z.array(z.string()) }))
    .query(({ input }) => catalog.catalogueTemplate(input.format)),

  // Last: REST matches routes in this order, and /listings/{listingId} would take /listings/mine,
  // /listings/export and /listings/import-template (openapi.test.ts checks no route is shadowed).
  getListing: marketProcedure
    .meta({ openapi: { method: "GET", path: "/listings/{listingId}", tags, summary: "One listing" } })
    .input(z.object({ listingId: catalog.IdSchema }))
    .output(ListingOutput)
    .query(({ ctx, input }) => catalog.getListing({ ctx, input })),
});
