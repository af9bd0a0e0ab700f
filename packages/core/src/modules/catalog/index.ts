export { type CategoryNode, listCategoryTree } from "./categories.js";
export { categories } from "./tables.js";
