import { inArray } from "drizzle-orm";
import type { Transaction } from "../../db/client.js";
import { categories } from "./tables.js";

export interface ResolvedCategory {
  id: string;
  code: string;
  /** Own code and every ancestor's. */
  path: string[];
  /** Names of the category and its ancestors, both languages, for the search text. */
  names: string[];
  isLeaf: boolean;
}

/** `toys.plush.teddy-bears` → `toys`, `toys.plush`, `toys.plush.teddy-bears`. */
export const categoryPath = (code: string): string[] =>
  code.split(".").map((_, i, parts) => parts.slice(0, i + 1).join("."));

const CATEGORY_FIELDS = {
  id: categories.id,
  code: categories.code,
  parentId: categories.parentId,
  nameZh: categories.nameZh,
  nameEn: categories.nameEn,
};
type CategoryRow = { id: string; code: string; parentId: string | null; nameZh: string; nameEn: string };

/**
 * Resolves codes against known category rows (each code's own and its ancestors'), each code once:
 * every listing of a category then shares one ResolvedCategory, and with it its search words.
 */
function categoryResolver(rows: CategoryRow[], parentIds: ReadonlySet<string | null>) {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const resolved = new Map<string, ResolvedCategory | undefined>();
  return (code: string): ResolvedCategory | undefined => {
    if (resolved.has(code)) return resolved.get(code);
    const own = byCode.get(code);
    let category: ResolvedCategory | undefined;
    if (own) {
      const path = categoryPath(code);
      const names = path.flatMap((c) => {
        const row = byCode.get(c);
        return row ? [row.nameZh, row.nameEn] : [];
      });
      category = { id: own.id, code, path, names, isLeaf: !parentIds.has(own.id) };
    }
    resolved.set(code, category);
    return category;
  };
}

/**
 * Resolves category codes with their ancestry in two queries, however many codes: imports of
 * thousands of rows look categories up once.
 */
export async function resolveCategories(tx: Transaction, codes: string[]): Promise<Map<string, ResolvedCategory>> {
  const wanted = [...new Set(codes)];
  const result = new Map<string, ResolvedCategory>();
  if (wanted.length === 0) return result;
  const all = [...new Set(wanted.flatMap(categoryPath))];
  const rows = await tx.select(CATEGORY_FIELDS).from(categories).where(inArray(categories.code, all));
  const ids = rows.map((r) => r.id);
  const childOf = ids.length
    ? await tx.select({ parentId: categories.parentId }).from(categories).where(inArray(categories.parentId, ids))
    : [];
  const resolve = categoryResolver(rows, new Set(childOf.map((r) => r.parentId)));
  for (const code of wanted) {
    const category = resolve(code);
    if (category) result.set(code, category);
  }
  return result;
}

/**
 * The market's whole taxonomy as a resolver, in one query. For a file read as it streams in: its
 * codes are not known up front, and a lookup per part would wait behind the batches being written.
 * A market has hundreds to a few thousand categories.
 */
export async function loadCategoryResolver(tx: Transaction): Promise<(code: string) => ResolvedCategory | undefined> {
  const rows = await tx.select(CATEGORY_FIELDS).from(categories);
  return categoryResolver(rows, new Set(rows.map((r) => r.parentId)));
}
