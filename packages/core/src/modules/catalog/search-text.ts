import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";

let jieba: Jieba | undefined;
const segmenter = () => {
  jieba ??= Jieba.withDict(dict);
  return jieba;
};

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Words of bilingual text, lower-cased. Chinese is segmented by jieba: for the index in search
 * mode (毛绒玩具 → 毛绒, 玩具, 毛绒玩具) so a shorter query word still matches; for a query in
 * precise mode, so its words are few and each must match. Latin text splits on non-letters.
 */
export function searchWords(text: string, mode: "index" | "query"): string[] {
  const normalized = text.normalize("NFKC").toLowerCase();
  if (!normalized.trim()) return [];
  const pieces = mode === "index" ? segmenter().cutForSearch(normalized, true) : segmenter().cut(normalized, true);
  const words: string[] = [];
  for (const piece of pieces) for (const word of piece.match(WORD) ?? []) words.push(word);
  return words;
}

export interface SearchDocument {
  /** Titles: weight A. */
  titles: string;
  /** Category names, own and ancestors', both languages: weight B. */
  categories: string;
  /** Attribute values and description: weight C. */
  details: string;
  /** Latin words of four letters or more, once: the vocabulary typos are corrected against. */
  vocabulary: string[];
}

/** The words a listing is found by, built in the application so Chinese is segmented by jieba. */
export function buildSearchDocument(input: {
  titleZh: string;
  titleEn: string;
  categoryNames: string[];
  attributes: Record<string, string>;
  sku?: string;
}): SearchDocument {
  const titles = searchWords(`${input.titleZh} ${input.titleEn}`, "index");
  const categories = searchWords(input.categoryNames.join(" "), "index");
  const details = searchWords(`${Object.values(input.attributes).join(" ")} ${input.sku ?? ""}`, "index");
  return {
    titles: titles.join(" "),
    categories: categories.join(" "),
    details: details.join(" "),
    vocabulary: [...new Set([...titles, ...categories, ...details])].filter((w) => /^[a-z]{4,}$/.test(w)),
  };
}

/**
 * A `to_tsquery('simple', …)` string that needs every query word. Words are letters and digits
 * only, so no tsquery syntax can get in; it is still passed as a bound parameter. Latin words of
 * three letters or more also match as prefixes (`chris` finds `christmas`). `corrections` replaces
 * misspelt words with the market's own (typo correction).
 */
export function buildTsQuery(query: string, corrections: ReadonlyMap<string, string> = new Map()): string | null {
  const words = [...new Set(searchWords(query, "query").map((w) => corrections.get(w) ?? w))];
  if (words.length === 0) return null;
  return words.map((w) => (/^[a-z]{3,}$/.test(w) ? `${w}:*` : w)).join(" & ");
}
