export {
  cancelDemand,
  closeDemand,
  type DemandView,
  effectiveDemandStatus,
  getDemand,
  inviteSuppliers,
  listDemandMatches,
  listMyDemands,
  MATCHES_PER_DEMAND,
  postDemand,
  requireTransition,
  type SupplierMatchView,
} from "./demands.js";
export {
  type DemandForMatching,
  type DemandMatch,
  demandIndexWords,
  demandWords,
  forDemand,
  forListing,
  LISTING_MATCH_THRESHOLD,
  type ListingForMatching,
  type ListingMatch,
} from "./engine.js";
export { type InboxItem, listInbox } from "./inbox.js";
export { LISTING_MATCHING_QUEUE, type ListingMatchingJob, runListingMatching } from "./listing-matching.js";
export {
  acceptQuote,
  compareQuotes,
  effectiveQuoteStatus,
  listMyQuotes,
  listQuoteMessages,
  postQuoteMessage,
  type QuoteComparison,
  type QuoteView,
  rejectQuote,
  submitQuote,
} from "./quotes.js";
export {
  type FulfilmentHistory,
  RELIABILITY_PRIOR,
  reliabilityScore,
  type SupplierReliability,
  supplierReliability,
} from "./reliability.js";
export * from "./schemas.js";
export { type DemandTerms, explain, type ListingTerms, scoreMatch, type TextFit } from "./scoring.js";
export {
  convertMinor,
  DEFAULT_MATCHING_SETTINGS,
  getMatchingSettings,
  type MatchingSettings,
  readMatchingSettings,
  updateMatchingSettings,
} from "./settings.js";
export {
  DEMAND_STATUSES,
  DEMAND_VISIBILITIES,
  type Demand,
  type DemandStatus,
  demandInvitations,
  demandMatches,
  demands,
  INCOTERMS,
  type MatchParts,
  type MatchReason,
  type MatchWeights,
  matchingSettings,
  QUOTE_STATUSES,
  type Quote,
  quoteMessages,
  quotes,
} from "./tables.js";
