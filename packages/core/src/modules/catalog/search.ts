import { and, eq, inArray, sql } from "drizzle-orm";
import { resultRows, type Transaction } from "../../db/client.js";
import type { ServiceCall } from "../../shared/context.js";
import { fieldError, parseInput } from "../../shared/errors.js";
import { type ListingView, listingViewColumns } from "./listings.js";
import { SearchInput, type SearchInput as SearchInputType } from "./schemas.js";
import { buildTsQuery, isVocabularyWord, PREFIXABLE, searchWords } from "./search-text.js";
import { listings, storefronts } from "./tables.js";

/**
 * Most listings a query looks at. Generic words (批发, LED, 圣诞) match a tenth of a large
 * catalogue; ranking every match is what makes the slow tail, so the newest CANDIDATE_CAP matches
 * that pass the filters are ranked and the rest are not. A filter few matches pass makes the walk
 * cap ÷ selectivity long: 500 rather than 2,000 took p95 from 80 to 47 ms at 1M listings and kept
 * 89 % of the exact top 20 against 96 % (docs/benchmarks.md).
 */
export const CANDIDATE_CAP = 500;
/** Below this many text matches, misspelt Latin query words are corrected against the vocabulary. */
const TYPO_FALLBACK_BELOW = 5;
/** A Latin prefix standing for more known words than this is left to the index's prefix match. */
const PREFIX_WORDS_MAX = 20;

interface Candidate {
  id: string;
  category_code: string;
  attributes: Record<string, string>;
  price: number | string | null;
  score: number | string;
}

export interface SearchHit extends ListingView {
  storefront: { id: string; nameZh: string; nameEn: string };
  /** Unit price at the asked quantity's tier (else at MOQ), minor units. */
  unitPriceMinor: number;
  score: number;
}

export interface SearchResult {
  items: SearchHit[];
  nextCursor: string | null;
  /** Matches ranked (at most CANDIDATE_CAP). */
  candidateCount: number;
  /** True when more matched than were ranked: narrow the query or filter by category. */
  capped: boolean;
  /** Were misspelt words corrected to find these results? */
  fuzzy: boolean;
  facets: {
    categories: { code: string; count: number }[];
    attributes: { key: string; value: string; count: number }[];
  };
}

/**
 * The tsquery search runs for a query: `corrections` applied, and each Latin word standing for the
 * vocabulary's words it begins (itself included when known), so the tsquery names exact words
 * rather than a prefix (see buildTsQuery). A word beginning more than PREFIX_WORDS_MAX known words
 * stays a prefix. The vocabulary holds Latin words of four letters or more; a token with digits
 * (smd5050) is found by its whole self, not by a letter prefix.
 */
export async function searchTsQuery(
  tx: Transaction,
  query: string,
  corrections?: ReadonlyMap<string, string>,
): Promise<string | null> {
  const words = [...new Set(searchWords(query, "query").map((w) => corrections?.get(w) ?? w))].filter((w) =>
    PREFIXABLE.test(w),
  );
  if (words.length === 0) return buildTsQuery(query, { corrections });
  // ~>=~ and ~<~ compare bytes, as the text_pattern_ops index does whatever the collation; the
  // words are a–z, so "{" (after "z") bounds every word that begins with q.w.
  const result = await tx.execute(sql`
    select q.w as word, array(
      select v.word from search_words v
      where v.word ~>=~ q.w and v.word ~<~ (q.w || '{')
      order by v.word collate "C" limit ${PREFIX_WORDS_MAX + 1}) as known
    from unnest(array[${sql.join(
      words.map((w) => sql`${w}`),
      sql`, `,
    )}]::text[]) as q(w)`);
  const rows = resultRows<{ word: string; known: string[] }>(result);
  const prefixes = new Map(rows.filter((r) => r.known.length <= PREFIX_WORDS_MAX).map((r) => [r.word, r.known]));
  return buildTsQuery(query, { corrections, prefixes });
}

const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const { o } = JSON.parse(Buffer.from(cursor, "base64url").toString()) as { o: unknown };
    if (typeof o === "number" && Number.isInteger(o) && o >= 0) return o;
  } catch {}
  throw fieldError("cursor", { en: "not a cursor from a previous page", zh: "不是有效的分页游标" });
}

/**
 * Searches the market's active listings in Chinese, English or both, with filters, facets and
 * cursor pages. Anyone in the market; never shows drafts, archived listings or closed storefronts.
 */
export async function searchListings({ ctx, input }: ServiceCall<SearchInputType>): Promise<SearchResult> {
  const p = parseInput(SearchInput, input);
  const offset = decodeCursor(p.cursor);
  const tsquery = p.q ? await searchTsQuery(ctx.tx, p.q) : null;
  const quantity = p.quantity ?? null;

  // Stage one runs in the database (search_listing_candidates, migration 0008): under row-level
  // security a text match could not use its GIN index otherwise.
  const candidates = async (tsq: string | null): Promise<Candidate[]> => {
    const result = await ctx.tx.execute(sql`
      select id, category_code, attributes, price, score from search_listing_candidates(
        ${tsq}::text, ${p.categoryCode ?? null}::text, ${quantity}::integer, ${p.maxLeadTimeDays ?? null}::integer,
        ${p.currency ?? null}::text, ${p.storefrontId ?? null}::uuid,
        ${p.attributes && Object.keys(p.attributes).length ? JSON.stringify(p.attributes) : null}::jsonb,
        ${p.minPriceMinor ?? null}::bigint, ${p.maxPriceMinor ?? null}::bigint, ${CANDIDATE_CAP}::integer)`);
    return resultRows<Candidate>(result);
  };

  let fuzzy = false;
  let found: Candidate[];
  if (tsquery) {
    found = await candidates(tsquery);
    if (found.length < TYPO_FALLBACK_BELOW) {
      const corrected = await correctTypos(p.q ?? "");
      if (corrected) {
        const retry = await candidates(corrected);
        if (retry.length > found.length) {
          found = retry;
          fuzzy = true;
        }
      }
    }
  } else {
    found = await candidates(null);
  }

  const priceOf = (c: Candidate) => (c.price === null ? Number.POSITIVE_INFINITY : Number(c.price));
  const byId = (a: Candidate, b: Candidate) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  const sorted = [...found].sort((a, b) => {
    if (p.sort === "price") return priceOf(a) - priceOf(b) || byId(a, b);
    if (p.sort === "relevance" && tsquery) return Number(b.score) - Number(a.score) || byId(a, b);
    return byId(a, b);
  });
  const page = sorted.slice(offset, offset + p.limit);
  const items = await loadHits(page);

  const categoryCounts = new Map<string, number>();
  const attributeCounts = new Map<string, number>();
  for (const c of found) {
    categoryCounts.set(c.category_code, (categoryCounts.get(c.category_code) ?? 0) + 1);
    for (const [key, value] of Object.entries(c.attributes ?? {})) {
      const k = `${key}\u0000${value}`;
      attributeCounts.set(k, (attributeCounts.get(k) ?? 0) + 1);
    }
  }
  return {
    items,
    nextCursor: offset + p.limit < sorted.length ? encodeCursor(offset + p.limit) : null,
    candidateCount: found.length,
    capped: found.length >= CANDIDATE_CAP,
    fuzzy,
    facets: {
      categories: [...categoryCounts]
        .map(([code, count]) => ({ code, count }))
        .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
        .slice(0, 30),
      attributes: [...attributeCounts]
        .map(([k, count]) => {
          const [key = "", value = ""] = k.split("\u0000");
          return { key, value, count };
        })
        .sort((a, b) => a.key.localeCompare(b.key) || b.count - a.count || a.value.localeCompare(b.value))
        .slice(0, 60),
    },
  };

  /**
   * Replaces Latin query words the market has never used with its closest known word (trigram
   * similarity over the small vocabulary table, not over listings). Null when nothing changes.
   */
  async function correctTypos(query: string): Promise<string | null> {
    const words = [...new Set(searchWords(query, "query"))].filter(isVocabularyWord);
    if (words.length === 0) return null;
    const result = await ctx.tx.execute(sql`
      select q.w as word,
        (select v.word from search_words v where v.word % q.w order by v.word <-> q.w, v.word limit 1) as best
      from unnest(array[${sql.join(
        words.map((w) => sql`${w}`),
        sql`, `,
      )}]::text[]) as q(w)`);
    const rows = resultRows<{ word: string; best: string | null }>(result);
    const corrections = new Map(rows.filter((r) => r.best && r.best !== r.word).map((r) => [r.word, r.best as string]));
    return corrections.size ? searchTsQuery(ctx.tx, query, corrections) : null;
  }

  async function loadHits(pageRows: Candidate[]): Promise<SearchHit[]> {
    if (pageRows.length === 0) return [];
    const rows = await ctx.tx
      .select({ ...listingViewColumns, storefrontNameZh: storefronts.nameZh, storefrontNameEn: storefronts.nameEn })
      .from(listings)
      .innerJoin(
        storefronts,
        and(eq(storefronts.tenantId, listings.tenantId), eq(storefronts.id, listings.storefrontId)),
      )
      .where(
        inArray(
          listings.id,
          pageRows.map((r) => r.id),
        ),
      );
    const byListing = new Map(rows.map((r) => [r.id, r]));
    return pageRows.flatMap((c) => {
      const row = byListing.get(c.id);
      if (!row) return [];
      const { storefrontNameZh, storefrontNameEn, ...listing } = row;
      return [
        {
          ...listing,
          storefront: { id: listing.storefrontId, nameZh: storefrontNameZh, nameEn: storefrontNameEn },
          unitPriceMinor: c.price === null ? listing.basePriceMinor : Number(c.price),
          score: Number(c.score),
        },
      ];
    });
  }
}
