export { type CategoryNode, createCategory, listCategoryTree, renameCategory } from "./categories.js";
export { categoryPath, type ResolvedCategory, resolveCategories } from "./category-lookup.js";
export { IMPORT_COLUMNS, parseCatalogueFile, writeCatalogueFile } from "./import-format.js";
export {
  catalogueTemplate,
  ExportListingsInput,
  exportListings,
  getCatalogueImport,
  ImportIdInput,
  ImportListingsInput,
  type ImportReport,
  type ImportRowError,
  importListings,
  listingRecord,
  runCatalogueImport,
  startCatalogueImport,
} from "./import-listings.js";
export { type ListingValues, listingRow, recordSearchWords, searchVectorSql } from "./listing-rows.js";
export {
  createListing,
  getListing,
  type ListingView,
  listMyListings,
  setListingStatus,
  updateListing,
} from "./listings.js";
export { priceAtQuantity } from "./pricing.js";
export * from "./schemas.js";
export { CANDIDATE_CAP, type SearchHit, type SearchResult, searchListings, searchTsQuery } from "./search.js";
export { buildSearchDocument, buildTsQuery, loadSearchSegmenter, searchWords } from "./search-text.js";
export { createStorefront, getStorefront, listMyStorefronts, updateStorefront } from "./storefronts.js";
export {
  catalogImports,
  categories,
  IMPORT_STATUSES,
  LISTING_STATUSES,
  type Listing,
  type ListingStatus,
  listings,
  type PriceTier,
  type Storefront,
  searchWords as searchVocabulary,
  storefronts,
  UNITS,
  type Unit,
} from "./tables.js";
