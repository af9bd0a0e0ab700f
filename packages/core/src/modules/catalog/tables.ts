import { foreignKey, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, tenantIsolation } from "../../db/columns.js";
import { tenants } from "../tenancy/tables.js";

/**
 * The market's category tree. `code` is the dot path from the root (`toys.plush.teddy-bears`),
 * so a subtree is `code = X or code like 'X.%'` on one B-tree index.
 */
export const categories = pgTable(
  "categories",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    parentId: uuid("parent_id"),
    code: text("code").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    depth: integer("depth").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("categories_code").on(t.tenantId, t.code),
    index("categories_parent").on(t.tenantId, t.parentId),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    tenantIsolation(),
  ],
);
