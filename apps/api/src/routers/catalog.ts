import { catalog } from "@tradecloud/core";
import { z } from "zod";
import { marketProcedure, router } from "../trpc.js";

interface CategoryNodeOutput {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  children: CategoryNodeOutput[];
}
const CategoryNode: z.ZodType<CategoryNodeOutput> = z.lazy(() =>
  z.object({
    id: z.string(),
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    children: z.array(CategoryNode),
  }),
);

export const catalogRouter = router({
  categoryTree: marketProcedure
    .meta({ openapi: { method: "GET", path: "/categories", tags: ["catalog"], summary: "The market's category tree" } })
    .input(z.object({}).optional())
    .output(z.array(CategoryNode))
    .query(({ ctx }) => catalog.listCategoryTree(ctx)),
});
