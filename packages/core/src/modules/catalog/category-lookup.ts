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

/**
 * Resolves category codes with their ancestry in two queries, however many codes: imports of
 * thousands of rows look categories up once.
 */
export async function resolveCategories(tx: Transaction, codes: string[]): Promise<Map<string, ResolvedCategory>> {
  const wanted = [...new Set(codes)];
  const result = new Map<string, ResolvedCategory>();
  if (wanted.length === 0) return result;
  const all = [...new Set(wanted.flatMap(categoryPath))];
  const rows = await tx
    .select({
      id: categories.id,
      code: categories.code,
      parentId: categories.parentId,
      nameZh: categories.nameZh,
      nameEn: categories.nameEn,
    })
    .from(categories)
    .where(inArray(categories.code, all));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const childOf = await tx
    .select({ parentId: categories.parentId })
    .from(categories)
    .where(
      inArray(
        categories.parentId,
        rows.map((r) => r.id).length ? rows.map((r) => r.id) : ["00000000-0000-0000-0000-000000000000"],
      ),
    );
  const parents = new Set(childOf.map((r) => r.parentId));
  for (const code of wanted) {
    const own = byCode.get(code);
    if (!own) continue;
    const path = categoryPath(code);
    const names = path.flatMap((c) => {
      const row = byCode.get(c);
      return row ? [row.nameZh, row.nameEn] : [];
    });
    result.set(code, { id: own.id, code, path, names, isLeaf: !parents.has(own.id) });
  }
  return result;
}
