/** A category in the seed: stable dot-path code, Chinese and English name, children. */
export interface CategorySeed {
  code: string;
  nameZh: string;
  nameEn: string;
  children?: CategorySeed[];
}

/** `[code segment, 中文, English, children?]`: compact to write, expanded by {@link expandTaxonomy}. */
export type CategoryTuple = [string, string, string, CategoryTuple[]?];

export function expandTaxonomy(tuples: CategoryTuple[], parentCode = ""): CategorySeed[] {
  return tuples.map(([segment, nameZh, nameEn, children]) => {
    const code = parentCode ? `${parentCode}.${segment}` : segment;
    return children?.length
      ? { code, nameZh, nameEn, children: expandTaxonomy(children, code) }
      : { code, nameZh, nameEn };
  });
}
