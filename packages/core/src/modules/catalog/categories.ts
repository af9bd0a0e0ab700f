import { asc, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { ServiceCall, ServiceContext } from "../../shared/context.js";
import { fieldError, notFound, parseInput } from "../../shared/errors.js";
import { emitEvent } from "../events/index.js";
import { requireOrganisation } from "../tenancy/index.js";
import { CreateCategoryInput, RenameCategoryInput } from "./schemas.js";
import { categories, listings } from "./tables.js";

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

/**
 * Adds a category under `parentCode` (or at the root). Market operators only. A parent that has
 * listings cannot get children, since listings attach to leaves.
 */
export async function createCategory({ ctx, input }: ServiceCall<z.input<typeof CreateCategoryInput>>) {
  requireOrganisation(ctx, { kinds: ["operator"], roles: ["owner", "admin"] });
  const { parentCode, segment, nameZh, nameEn } = parseInput(CreateCategoryInput, input);
  let parent: { id: string; depth: number } | undefined;
  if (parentCode) {
    [parent] = await ctx.tx
      .select({ id: categories.id, depth: categories.depth })
      .from(categories)
      .where(eq(categories.code, parentCode));
    if (!parent)
      throw fieldError("parentCode", { en: `unknown category ${parentCode}`, zh: `类目不存在：${parentCode}` });
    const [used] = await ctx.tx
      .select({ id: listings.id })
      .from(listings)
      .where(eq(listings.categoryId, parent.id))
      .limit(1);
    if (used) {
      throw fieldError("parentCode", {
        en: `${parentCode} has listings: move them before adding sub-categories`,
        zh: `${parentCode} 下已有商品，请先移走再添加子类目`,
      });
    }
  }
  const code = parentCode ? `${parentCode}.${segment}` : segment;
  // New categories go after their siblings.
  const [last] = await ctx.tx
    .select({ sortOrder: sql<number>`coalesce(max(${categories.sortOrder}), -1)::int` })
    .from(categories)
    .where(parent ? eq(categories.parentId, parent.id) : isNull(categories.parentId));
  const [row] = await ctx.tx
    .insert(categories)
    .values({
      tenantId: ctx.tenantId,
      parentId: parent?.id ?? null,
      code,
      nameZh,
      nameEn,
      depth: parent ? parent.depth + 1 : 0,
      sortOrder: (last?.sortOrder ?? -1) + 1,
    })
    .onConflictDoNothing()
    .returning({ id: categories.id, code: categories.code, nameZh: categories.nameZh, nameEn: categories.nameEn });
  if (!row) throw fieldError("segment", { en: `${code} already exists`, zh: `${code} 已存在` });
  await emitEvent(ctx, { type: "category.created", payload: { category: row } });
  return row;
}

/** Renames a category in both languages; its code stays, so listings and links keep working. Operators. */
export async function renameCategory({ ctx, input }: ServiceCall<z.input<typeof RenameCategoryInput>>) {
  requireOrganisation(ctx, { kinds: ["operator"], roles: ["owner", "admin"] });
  const { code, nameZh, nameEn } = parseInput(RenameCategoryInput, input);
  const [row] = await ctx.tx
    .update(categories)
    .set({ nameZh, nameEn })
    .where(eq(categories.code, code))
    .returning({ id: categories.id, code: categories.code, nameZh: categories.nameZh, nameEn: categories.nameEn });
  if (!row) throw notFound({ en: `Category ${code}`, zh: `类目 ${code}` });
  await emitEvent(ctx, { type: "category.updated", payload: { category: row } });
  return row;
}
