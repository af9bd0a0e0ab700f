import { sql } from "drizzle-orm";
import { pgArray, resultRows } from "../../db/client.js";
import type { ServiceContext } from "../../shared/context.js";
import { buildSearchDocument, categories, categoryPath, searchWords } from "../catalog/index.js";
import { supplierReliability } from "./reliability.js";
import { type DemandTerms, type ListingTerms, type ScoredMatch, scoreMatch, type TextFit } from "./scoring.js";
import { type MatchingSettings, readMatchingSettings } from "./settings.js";

/** Listings with every demand word, newest first, at most this many; and as many near misses. */
const ALL_WORDS_CAP = 300;
/** Newest listings of each recognised leaf category. */
const LEAF_CAP = 100;
/** Open demands per retrieval path when a listing looks for demands. */
const DEMAND_CAP = 300;
/** Words of a demand used to find listings; the rest still count in the text score. */
const MAX_WORDS = 8;
/** A listing → demand match is stored (and its merchant told) from this score on. */
export const LISTING_MATCH_THRESHOLD = 0.6;

/**
 * Words a buyer writes that say nothing about the product: "求购", "looking for", "pcs". Numbers
 * go too (quantities and sizes are fields of their own).
 */
const STOPWORDS = new Set(
  [
    "求购",
    "采购",
    "需要",
    "寻找",
    "找",
    "求",
    "购买",
    "供应商",
    "厂家",
    "工厂",
    "一批",
    "大量",
    "个",
    "件",
    "只",
    "套",
    "的",
    "和",
    "与",
    "及",
    "用",
    "用于",
    "要",
    "a",
    "an",
    "and",
    "the",
    "of",
    "for",
    "to",
    "in",
    "on",
    "with",
    "we",
    "our",
    "need",
    "needed",
    "want",
    "looking",
    "seeking",
    "buy",
    "buying",
    "supplier",
    "suppliers",
    "factory",
    "wholesale",
    "rfq",
    "quote",
    "please",
    "pcs",
    "pieces",
    "units",
    "sets",
  ].map((w) => w.normalize("NFKC")),
);
const isMeaningful = (w: string) =>
  !STOPWORDS.has(w) && !/^\d+$/.test(w) && !/^\d+[a-z]{1,3}$/.test(w) && !/^[a-z]$/.test(w);

type DemandText = { titleZh: string; titleEn: string; attributes: Record<string, string> };
const textOf = (demand: DemandText) =>
  `${demand.titleZh} ${demand.titleEn} ${Object.values(demand.attributes).join(" ")}`;

/** The words a demand is matched by: its titles and stated attribute values, once each. */
export function demandWords(demand: DemandText): string[] {
  return [...new Set(searchWords(textOf(demand), "query").filter(isMeaningful))];
}

/** The same text cut for the index (毛绒玩具 → 毛绒, 玩具, 毛绒玩具): what category names are fitted against. */
export function demandIndexWords(demand: DemandText): string[] {
  return [...new Set(searchWords(textOf(demand), "index"))];
}

const isLatin = (w: string) => /^[a-z]{3,}$/.test(w);
/**
 * The forms a Latin buyer word matches, so singular and plural meet: peony and peonies, tree and
 * trees, box and boxes, glass and glasses. Exact forms rather than a prefix: GIN intersects exact
 * lexemes with skipping, while a prefix (`tree:*`) decodes every posting list it expands to
 * (88 ms against 4 ms for one demand at 1M listings).
 */
export function latinForms(word: string): string[] {
  const forms = new Set([word]);
  const stem =
    word.length >= 5 && word.endsWith("ies")
      ? `${word.slice(0, -3)}y`
      : word.length >= 5 && word.endsWith("es") && /(s|x|z|ch|sh)es$/.test(word)
        ? word.slice(0, -2)
        : word.length >= 4 && word.endsWith("s") && !word.endsWith("ss")
          ? word.slice(0, -1)
          : word;
  forms.add(stem);
  if (stem.endsWith("y") && !/[aeiou]y$/.test(stem)) forms.add(`${stem.slice(0, -1)}ies`);
  else if (/(s|x|z|ch|sh)$/.test(stem)) forms.add(`${stem}es`);
  else forms.add(`${stem}s`);
  return [...forms];
}
// Matching compares thousands of word pairs per demand: each word's forms are worked out once.
const formCache = new Map<string, string[]>();
function formsOf(word: string): string[] {
  let forms = formCache.get(word);
  if (!forms) {
    forms = isLatin(word) ? latinForms(word) : [word];
    if (formCache.size > 100_000) formCache.clear();
    formCache.set(word, forms);
  }
  return forms;
}
const group = (forms: string[], weight = "") =>
  forms.length === 1 ? `${forms[0]}${weight}` : `(${forms.map((f) => `${f}${weight}`).join(" | ")})`;
const atom = (w: string) => group(formsOf(w), "");
const titleAtom = (w: string) => group(formsOf(w), ":A");
/** As to_tsquery('simple', atom(q)) matches a document word. */
const wordMatches = (query: string, word: string) =>
  word === query || (isLatin(query) && formsOf(query).includes(word));

/** Segmented category names, kept: a market's few thousand names are cut by jieba once. */
const nameWordCache = new Map<string, string[]>();
function nameWords(name: string): string[] {
  let words = nameWordCache.get(name);
  if (!words) {
    words = searchWords(name, "query").filter(isMeaningful);
    if (nameWordCache.size > 50_000) nameWordCache.clear();
    nameWordCache.set(name, words);
  }
  return words;
}

/**
 * How much of a category's own name (either language) the buyer's words use: "PVC christmas tree"
 * uses all of "Christmas trees" (tree is a prefix of trees) and all of 圣诞树.
 */
function categoryNameFit(
  names: readonly string[],
  buyerWords: ReadonlySet<string>,
  // Passed in when many categories are fitted against the same buyer words.
  buyerForms: ReadonlySet<string> = new Set([...buyerWords].flatMap(formsOf)),
): number {
  // A name word is used when it is one of a buyer word's forms, or a buyer word is one of its
  // forms (wordMatches both ways), looked up in sets rather than compared pair by pair.
  let best = 0;
  for (const name of names) {
    const words = nameWords(name);
    if (words.length === 0) continue;
    const used = words.filter((lw) => buyerForms.has(lw) || formsOf(lw).some((f) => buyerWords.has(f)));
    best = Math.max(best, used.length / words.length);
  }
  return best;
}

/** Leaf categories whose whole name the buyer used (at most five): where to look. */
const INFERRED_CATEGORIES = 5;

/** A market's categories as matching reads them: each with its name words, and which are leaves. */
interface MarketCategories {
  version: string;
  names: Map<string, readonly string[]>;
  leaves: Set<string>;
  /** Every form of every name word → the categories whose name has it. */
  byWord: Map<string, string[]>;
}
// The tree changes rarely and has hundreds of rows: kept per market and checked by a digest of
// codes and names on each use (one row back instead of the tree), so a new or renamed category
// is seen by the very next demand, in its own transaction too. Each row goes in as a record
// (quoted, so moving a word from one name to the next changes it too), in table order rather
// than sorted (twice as fast): rows that merely move only cause a reload.
const marketCategories = new Map<string, MarketCategories>();

async function readMarketCategories(ctx: Pick<ServiceContext, "tx">): Promise<MarketCategories> {
  const [current] = resultRows<{ tenant: string; version: string }>(
    await ctx.tx.execute(sql`
      select current_setting('app.tenant_id', true) as tenant,
        count(*) || ':' || coalesce(md5(string_agg((code, name_zh, name_en)::text, ',')), '') as version
      from categories`),
  );
  const tenant = current?.tenant ?? "";
  const cached = marketCategories.get(tenant);
  if (cached && cached.version === current?.version) return cached;
  const tree = await ctx.tx
    .select({ code: categories.code, nameZh: categories.nameZh, nameEn: categories.nameEn })
    .from(categories);
  const parents = new Set(tree.flatMap((c) => categoryPath(c.code).slice(0, -1)));
  const byWord = new Map<string, string[]>();
  for (const c of tree) {
    for (const word of new Set([...nameWords(c.nameZh), ...nameWords(c.nameEn)].flatMap(formsOf))) {
      const codes = byWord.get(word);
      if (codes) codes.push(c.code);
      else byWord.set(word, [c.code]);
    }
  }
  const loaded: MarketCategories = {
    version: current?.version ?? "",
    names: new Map(tree.map((c) => [c.code, [c.nameZh, c.nameEn]])),
    leaves: new Set(tree.map((c) => c.code).filter((code) => !parents.has(code))),
    byWord,
  };
  if (marketCategories.size >= 1000) marketCategories.clear();
  marketCategories.set(tenant, loaded);
  return loaded;
}

/**
 * The name fit of every category sharing a word with the buyer (the others fit 0): looked up
 * through the word index rather than fitted across the whole tree for each demand.
 */
function nameFits(market: MarketCategories, buyerWords: ReadonlySet<string>): Map<string, number> {
  const touched = new Set<string>();
  for (const word of buyerWords) {
    for (const form of formsOf(word)) for (const code of market.byWord.get(form) ?? []) touched.add(code);
  }
  const buyerForms = new Set([...buyerWords].flatMap(formsOf));
  const fits = new Map<string, number>();
  for (const code of touched) {
    const fit = categoryNameFit(market.names.get(code) ?? [], buyerWords, buyerForms);
    if (fit > 0) fits.set(code, fit);
  }
  return fits;
}

/**
 * Listings that miss one word: the words naming a recognised leaf stay required, and of the other
 * words all but one must match, as one tsquery: `车灯 & ((红色 & plastic) | (塑料 & plastic) | …)`.
 * Null when there is nothing to leave out. Leaving out the product word found every listing of a
 * colour and a material and sorted thousands of them; the leaf's own listings are read anyway.
 */
export function nearMissQuery(words: readonly string[], productWords: ReadonlySet<string>): string | null {
  const kept = words.filter((w) => productWords.has(w)).map(atom);
  const others = words.filter((w) => !productWords.has(w)).map(atom);
  // With one other word, leaving it out leaves only the product words: the leaf branch's ground.
  if (others.length < 2) return null;
  const either = others.map((_, i) => `(${others.filter((__, k) => k !== i).join(" & ")})`).join(" | ");
  return kept.length ? `${kept.join(" & ")} & (${either})` : either;
}

/** A demand as the engine needs it. */
export interface DemandForMatching extends DemandTerms {
  titleZh: string;
  titleEn: string;
  attributes: Record<string, string>;
  categoryCode: string | null;
}

/** A listing as the engine needs it. */
export interface ListingForMatching extends ListingTerms {
  id: string;
  organisationId: string;
  titleZh: string;
  titleEn: string;
  attributes: Record<string, string>;
  categoryCode: string;
  categoryPath: string[];
}

export interface ListingMatch extends ScoredMatch {
  listingId: string;
  supplierOrganisationId: string;
  categoryCode: string;
}

interface ListingCandidate {
  id: string;
  organisation_id: string;
  category_code: string;
  unit: string;
  moq: number;
  price_tiers: { minQuantity: number; unitPriceMinor: number }[];
  currency: string;
  lead_time_days: number;
  matched: number[];
  title_matched: number[];
}

/** Higher score first; equal scores by id, so results never depend on row order. */
const byScore =
  <T extends { score: number }>(key: (m: T) => string) =>
  (a: T, b: T) =>
    b.score - a.score || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * The top listings for a demand, at most `listingsPerSupplier` per supplier, each scored with its
 * parts and reasons. Hard constraints (active listing and storefront, the named category's subtree)
 * filter in SQL on a bounded candidate set; MOQ, price and lead time only score.
 */
export async function forDemand(
  ctx: Pick<ServiceContext, "tx">,
  demand: DemandForMatching,
  options: { limit?: number; settings?: MatchingSettings } = {},
): Promise<ListingMatch[]> {
  const settings = options.settings ?? (await readMatchingSettings(ctx));
  const words = demandWords(demand);
  const retrieval = words.slice(0, MAX_WORDS);
  const buyerWords = new Set(demandIndexWords(demand));
  const market = await readMarketCategories(ctx);
  const nameFit = nameFits(market, buyerWords);
  const inside = (code: string) =>
    !demand.categoryCode || code === demand.categoryCode || code.startsWith(`${demand.categoryCode}.`);
  const inferred = [...nameFit]
    .filter(([code, fit]) => fit >= 0.99 && market.leaves.has(code) && inside(code))
    .sort(([a], [b]) => b.split(".").length - a.split(".").length || (a < b ? -1 : 1))
    .slice(0, INFERRED_CATEGORIES)
    .map(([code]) => code);
  // The demand's words that name a recognised leaf: what it is after, not how it should look.
  const inferredNames = inferred.flatMap((code) => (market.names.get(code) ?? []).flatMap(nameWords));
  const productWords = new Set(
    retrieval.filter((w) => inferredNames.some((nw) => wordMatches(w, nw) || wordMatches(nw, w))),
  );
  const result = await ctx.tx.execute(sql`
    select * from match_listing_candidates(
      ${pgArray(retrieval.map(atom))}::text[], ${pgArray(words.map(titleAtom))}::text[],
      ${nearMissQuery(retrieval, productWords)}::text, ${demand.categoryCode}::text, ${pgArray(inferred)}::text[],
      ${ALL_WORDS_CAP}::integer, ${LEAF_CAP}::integer)`);
  const candidates = resultRows<ListingCandidate>(result);
  if (candidates.length === 0) return [];
  const reliability = await supplierReliability(ctx, [...new Set(candidates.map((c) => c.organisation_id))]);

  const scoreOf = (c: ListingCandidate, explain: boolean) =>
    scoreMatch(
      demand,
      { unit: c.unit, moq: c.moq, priceTiers: c.price_tiers, currency: c.currency, leadTimeDays: c.lead_time_days },
      {
        coverage: words.length ? c.matched.length / Math.max(words.length, retrieval.length) : 0,
        titleCoverage: words.length ? c.title_matched.length / words.length : 0,
        category: categoryFit(demand.categoryCode, c.category_code, nameFit.get(c.category_code) ?? 0),
      },
      reliability.get(c.organisation_id)?.score ?? 0,
      settings,
      { explain },
    );
  const ranked = candidates.map((c) => ({ candidate: c, score: scoreOf(c, false).score }));
  ranked.sort(byScore((m) => m.candidate.id));
  const perSupplier = new Map<string, number>();
  const top: ListingMatch[] = [];
  // Only what is shown is scored again with its reasons written out.
  for (const { candidate: c } of ranked) {
    const n = perSupplier.get(c.organisation_id) ?? 0;
    if (n >= settings.listingsPerSupplier) continue;
    perSupplier.set(c.organisation_id, n + 1);
    top.push({
      ...scoreOf(c, true),
      listingId: c.id,
      supplierOrganisationId: c.organisation_id,
      categoryCode: c.category_code,
    });
    if (top.length >= (options.limit ?? 20)) break;
  }
  return top;
}

/** Inside a named category: 1 on the very category, else by how much of its name the buyer used. */
function categoryFit(demandCategory: string | null, listingCategory: string, nameFit: number): number {
  if (demandCategory === listingCategory) return 1;
  return demandCategory ? 0.6 + 0.4 * nameFit : nameFit;
}

export interface DemandMatch extends ScoredMatch {
  demandId: string;
  buyerOrganisationId: string;
}

interface OpenDemand extends DemandForMatching {
  id: string;
  buyerOrganisationId: string;
}

/**
 * Open demands a listing fits (new or changed): those in a category on its path, and those naming
 * no category whose words include its category's name. Each is scored exactly as forDemand would
 * score the listing for it; those from LISTING_MATCH_THRESHOLD on are returned.
 */
export async function forListing(
  ctx: Pick<ServiceContext, "tx">,
  listing: ListingForMatching,
  options: { today: string; settings?: MatchingSettings },
): Promise<DemandMatch[]> {
  const settings = options.settings ?? (await readMatchingSettings(ctx));
  // The listing's category and its ancestors' names, from the kept tree (as resolveCategories).
  const market = await readMarketCategories(ctx);
  const pathNames = market.names.has(listing.categoryCode)
    ? categoryPath(listing.categoryCode).flatMap((code) => market.names.get(code) ?? [])
    : [];
  const leafNames = pathNames.slice(-2);
  const nameQueries = leafNames
    .map((name) => searchWords(name, "query").filter(isMeaningful).map(atom).join(" & "))
    .filter(Boolean);
  // Candidates and their rows in one statement: the function picks (as the search role), the
  // rows are read under the tenant's own policy.
  const rows = resultRows<{
    id: string;
    buyer_organisation_id: string;
    title_zh: string;
    title_en: string;
    attributes: Record<string, string>;
    category_code: string | null;
    quantity: number;
    unit: string;
    target_price_minor: string | number | null;
    currency: string;
    posted_on: string | Date;
    required_by: string | Date;
    match_words: string[];
    index_words: string[];
  }>(
    await ctx.tx.execute(sql`
      select id, buyer_organisation_id, title_zh, title_en, attributes, category_code, quantity, unit,
        target_price_minor, currency, posted_on::text as posted_on, required_by::text as required_by,
        match_words, index_words
      from demands where id in (
        select c.id from match_demand_candidates(${pgArray(listing.categoryPath)}::text[],
          ${pgArray(nameQueries)}::text[], ${options.today}::date, ${DEMAND_CAP}::integer) c)`),
  );
  if (rows.length === 0) return [];
  const doc = buildSearchDocument({
    titleZh: listing.titleZh,
    titleEn: listing.titleEn,
    categoryNames: pathNames,
    attributes: listing.attributes,
  });
  const titleWords = new Set(doc.titles);
  const allWords = new Set([...doc.titles, ...doc.categories, ...doc.details]);
  // Hundreds of demands share a few hundred words: each is looked up in the listing once.
  const inTitle = new Map<string, boolean>();
  const inAll = new Map<string, boolean>();
  const has = (words: ReadonlySet<string>, seen: Map<string, boolean>, w: string) => {
    let found = seen.get(w);
    if (found === undefined) {
      // As wordMatches(w, word) for some word of the listing.
      found = formsOf(w).some((f) => words.has(f));
      seen.set(w, found);
    }
    return found;
  };
  const reliability = (await supplierReliability(ctx, [listing.organisationId])).get(listing.organisationId);

  const matches: DemandMatch[] = [];
  for (const row of rows) {
    const demand: OpenDemand = {
      id: row.id,
      buyerOrganisationId: row.buyer_organisation_id,
      titleZh: row.title_zh,
      titleEn: row.title_en,
      attributes: row.attributes,
      categoryCode: row.category_code,
      quantity: row.quantity,
      unit: row.unit,
      targetPriceMinor: row.target_price_minor === null ? null : Number(row.target_price_minor),
      currency: row.currency,
      postedOn: String(row.posted_on),
      requiredBy: String(row.required_by),
    };
    // Words stored when the demand was posted; older rows (none yet in production) are cut here.
    const words = row.match_words.length ? row.match_words : demandWords(demand);
    const buyerWords = new Set(row.index_words.length ? row.index_words : demandIndexWords(demand));
    const retrievalCount = Math.min(words.length, MAX_WORDS);
    const fit: TextFit = {
      coverage: words.length
        ? words.slice(0, MAX_WORDS).filter((w) => has(allWords, inAll, w)).length /
          Math.max(words.length, retrievalCount)
        : 0,
      titleCoverage: words.length ? words.filter((w) => has(titleWords, inTitle, w)).length / words.length : 0,
      category: categoryFit(demand.categoryCode, listing.categoryCode, categoryNameFit(leafNames, buyerWords)),
    };
    const scored = scoreMatch(demand, listing, fit, reliability?.score ?? 0, settings, { explain: false });
    if (scored.score >= LISTING_MATCH_THRESHOLD) {
      const { reasons } = scoreMatch(demand, listing, fit, reliability?.score ?? 0, settings);
      matches.push({ ...scored, reasons, demandId: demand.id, buyerOrganisationId: demand.buyerOrganisationId });
    }
  }
  return matches.sort(byScore((m) => m.demandId));
}
