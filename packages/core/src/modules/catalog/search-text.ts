import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";

let jieba: Jieba | undefined;
const segmenter = () => {
  jieba ??= Jieba.withDict(dict);
  return jieba;
};

/**
 * Loads jieba's dictionary (~0.15 s). The API calls it before it serves, so neither the first
 * search nor the first import waits for it; otherwise the first segmentation loads it.
 */
export function loadSearchSegmenter(): void {
  segmenter();
}

const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_ONLY = /^\p{ASCII}*$/u;
// What jieba makes of ASCII text: runs of letters and digits, with decimals split at the point
// (1.5m → 1, 5, m). A test holds the two to the same words.
const ASCII_WORD = /\d+(?:\.\d+)+|[a-z0-9]+/g;

/** Words of ASCII-only text without jieba: a regex is ~20× faster and gives the same words. */
function asciiWords(normalized: string): string[] {
  const words: string[] = [];
  for (const match of normalized.match(ASCII_WORD) ?? []) {
    if (match.includes(".")) words.push(...match.split("."));
    else words.push(match);
  }
  return words;
}

/**
 * Words of bilingual text, lower-cased. Chinese is segmented by jieba: for the index in search
 * mode (毛绒玩具 → 毛绒, 玩具, 毛绒玩具) so a shorter query word still matches; for a query in
 * precise mode, so its words are few and each must match. Latin text splits on non-letters.
 */
export function searchWords(text: string, mode: "index" | "query"): string[] {
  const normalized = text.normalize("NFKC").toLowerCase();
  if (!normalized.trim()) return [];
  if (ASCII_ONLY.test(normalized)) return asciiWords(normalized);
  const pieces = mode === "index" ? segmenter().cutForSearch(normalized, true) : segmenter().cut(normalized, true);
  // One pass over the pieces joined by spaces: a word cannot span two pieces, and one match is
  // cheaper than one per piece.
  return pieces.join(" ").match(WORD) ?? [];
}

// Text that many listings share (category paths; attribute values such as colours, materials,
// sizes) is segmented once. jieba segments the text between two spaces on its own, so a value's
// words are the same alone as in a line of values (a test holds this).
const sharedTextWords = new Map<string, readonly string[]>();

/** The index words of text many listings share, from a bounded cache. Shared: never change them. */
function sharedWords(text: string): readonly string[] {
  let words = sharedTextWords.get(text);
  if (!words) {
    // A market has hundreds of categories and a few thousand distinct values; the bound only
    // keeps a long-running API's cache small.
    if (sharedTextWords.size >= 20_000) sharedTextWords.clear();
    words = searchWords(text, "index");
    sharedTextWords.set(text, words);
  }
  return words;
}

// An import's rows share their resolved category's names array: found by identity first.
const categoryWordsByNames = new WeakMap<readonly string[], readonly string[]>();

/** A category path's words: every listing of a category has the same, so they are segmented once. */
function categoryWords(names: readonly string[]): readonly string[] {
  let words = categoryWordsByNames.get(names);
  if (!words) {
    words = sharedWords(names.join(" "));
    categoryWordsByNames.set(names, words);
  }
  return words;
}

/** The words a listing (or demand) is found by, in its three weighted parts, in order. */
export interface SearchDocument {
  /** Titles: weight A. */
  titles: string[];
  /** Category names, own and ancestors', both languages: weight B. Shared: never change it. */
  categories: readonly string[];
  /** Attribute values and SKU: weight C. */
  details: string[];
  /** Latin words of four letters or more, once: the vocabulary typos are corrected against. */
  vocabulary: string[];
}

const VOCABULARY_WORD = /^[a-z]{4,}$/;

/** Whether a word belongs in the market's vocabulary, the words typos are corrected against. */
export const isVocabularyWord = (word: string) => VOCABULARY_WORD.test(word);

/** The words a listing is found by, built in the application so Chinese is segmented by jieba. */
export function buildSearchDocument(input: {
  titleZh: string;
  titleEn: string;
  categoryNames: readonly string[];
  attributes: Record<string, string>;
  sku?: string;
}): SearchDocument {
  // Apart, so an English title (ASCII) skips jieba; a space separates jieba's blocks anyway.
  const titles = searchWords(input.titleZh, "index");
  for (const word of searchWords(input.titleEn, "index")) titles.push(word);
  const categories = categoryWords(input.categoryNames);
  const details: string[] = [];
  for (const key in input.attributes) {
    for (const word of sharedWords(input.attributes[key] ?? "")) details.push(word);
  }
  for (const word of searchWords(input.sku ?? "", "index")) details.push(word);
  const vocabulary = new Set<string>();
  for (const part of [titles, categories, details]) {
    for (const word of part) if (isVocabularyWord(word)) vocabulary.add(word);
  }
  return { titles, categories, details, vocabulary: [...vocabulary] };
}

const NEEDS_QUOTING = /['\\]/;

/**
 * A listing's tsvector as text (`'cup':1A 'tray':2A 'cup':4B`), which PostgreSQL reads into exactly
 * what `setweight(to_tsvector('simple', titles), 'A') || … 'B' || … 'C'` makes of the same words (a
 * test holds the two equal): it reads the literal in a fraction of the time its text parser takes,
 * which was a quarter of an import's database work.
 */
export function searchVectorText(doc: Pick<SearchDocument, "titles" | "categories" | "details">): string {
  // One entry per word and position (`'cup':2B`): PostgreSQL merges a repeated word's positions as
  // it reads the literal, so no map of seen words is kept here.
  const parts = new Array<string>(doc.titles.length + doc.categories.length + doc.details.length);
  let position = 0;
  for (const word of doc.titles) parts[position] = `'${lexeme(word)}':${++position}A`;
  for (const word of doc.categories) parts[position] = `'${lexeme(word)}':${++position}B`;
  for (const word of doc.details) parts[position] = `'${lexeme(word)}':${++position}C`;
  return parts.join(" ");
}

// Words are letters and digits, so quoting is only a guard for text from elsewhere.
const lexeme = (word: string) => (NEEDS_QUOTING.test(word) ? word.replace(/['\\]/g, "$&$&") : word);

/** Query words that also match as prefixes. */
export const PREFIXABLE = /^[a-z]{3,}$/;

/** How a query's words are rewritten before they become a tsquery (typo correction, prefixes). */
export interface QueryWordChanges {
  /** Misspelt words replaced by the market's own (typo correction). */
  corrections?: ReadonlyMap<string, string>;
  /**
   * Known words a Latin word may stand for as a prefix (`chris` → christmas, christmastree): the
   * query then needs one of them exactly. A word without an entry matches as a prefix in the index.
   */
  prefixes?: ReadonlyMap<string, readonly string[]>;
}

/**
 * A `to_tsquery('simple', …)` string that needs every query word. Words are letters and digits
 * only, so no tsquery syntax can get in; it is still passed as a bound parameter. Latin words of
 * three letters or more also match as prefixes (`chris` finds `christmas`): as the words `prefixes`
 * lists when given, else as a tsquery prefix. Exact words are what makes a generic word cheap:
 * GIN skips through an exact word's postings while another word or filter drives the scan, but it
 * reads every posting of a prefix (`led:*`, 200k listings) into a bitmap first.
 */
export function buildTsQuery(query: string, changes: QueryWordChanges = {}): string | null {
  const words = [...new Set(searchWords(query, "query").map((w) => changes.corrections?.get(w) ?? w))];
  if (words.length === 0) return null;
  return words
    .map((w) => {
      if (!PREFIXABLE.test(w)) return w;
      const known = changes.prefixes?.get(w);
      if (!known) return `${w}:*`;
      const alternatives = [...new Set([w, ...known])];
      return alternatives.length === 1 ? w : `(${alternatives.join(" | ")})`;
    })
    .join(" & ");
}
