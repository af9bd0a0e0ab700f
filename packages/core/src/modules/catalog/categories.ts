import { asc } from "drizzle-orm";
import type { ServiceContext } from "../../shared/context.js";
import { categories } from "./tables.js";

export interface CategoryNode {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  children: CategoryNode[];
}

/** The market's category tree, roots first, each level in its sort order. Anyone in the market. */
export async function listCategoryTree(ctx: Pick<ServiceContext, "tx">): Promise<CategoryNode[]> {
  const rows = await ctx.tx
    .select({
      id: categories.id,
      parentId: categories.parentId,
      code: categories.code,
      nameZh: categories.nameZh,
      nameEn: categories.nameEn,
    })
    .from(categories)
    .orderBy(asc(categories.depth), asc(categories.sortOrder), asc(categories.code));
  const byId = new Map<string, CategoryNode>();
  const roots: CategoryNode[] = [];
  for (const row of rows) {
    const node: CategoryNode = { id: row.id, code: row.code, nameZh: row.nameZh, nameEn: row.nameEn, children: [] };
    byId.set(row.id, node);
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
