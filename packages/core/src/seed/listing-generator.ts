import type { CategorySeed } from "./data/taxonomy-format.js";

/** A small seeded PRNG (mulberry32), so seeds and benchmarks build the same catalogue every time. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, int, pick };
}
export type Random = ReturnType<typeof createRandom>;

type Pair = readonly [zh: string, en: string];

const STYLES: Pair[] = [
  ["新款", "New"],
  ["热销", "Best-selling"],
  ["韩版", "Korean-style"],
  ["卡通", "Cartoon"],
  ["创意", "Creative"],
  ["简约", "Minimalist"],
  ["复古", "Vintage"],
  ["豪华", "Deluxe"],
  ["迷你", "Mini"],
  ["便携", "Portable"],
  ["批发", "Wholesale"],
  ["外贸爆款", "Export hot-selling"],
  ["工厂直销", "Factory direct"],
  ["ins风", "Instagram-style"],
];
const MATERIALS: Pair[] = [
  ["塑料", "plastic"],
  ["PVC", "PVC"],
  ["不锈钢", "stainless steel"],
  ["合金", "alloy"],
  ["纯棉", "cotton"],
  ["涤纶", "polyester"],
  ["木质", "wooden"],
  ["硅胶", "silicone"],
  ["陶瓷", "ceramic"],
  ["玻璃", "glass"],
  ["皮革", "PU leather"],
  ["亚克力", "acrylic"],
  ["竹制", "bamboo"],
  ["铁艺", "iron"],
];
const COLOURS: Pair[] = [
  ["红色", "red"],
  ["绿色", "green"],
  ["蓝色", "blue"],
  ["黑色", "black"],
  ["白色", "white"],
  ["金色", "gold"],
  ["银色", "silver"],
  ["粉色", "pink"],
  ["黄色", "yellow"],
  ["多色", "multicolour"],
];
const FEATURES: Pair[] = [
  ["LED发光", "LED light-up"],
  ["防水", "waterproof"],
  ["可折叠", "foldable"],
  ["环保", "eco-friendly"],
  ["带包装", "gift-boxed"],
  ["可定制logo", "custom logo"],
  ["圣诞节", "Christmas"],
  ["儿童", "kids"],
];
const UNITS_BY_INDUSTRY: Record<string, string> = { hosiery: "pair", fabric: "m", yarn: "kg", packaging: "pcs" };
const MOQS = [12, 24, 50, 60, 100, 120, 200, 300, 500, 1000];

export interface GeneratedListing {
  sku: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  categoryCode: string;
  attributes: Record<string, string>;
  unit: "pcs" | "dozen" | "pair" | "set" | "box" | "carton" | "kg" | "m";
  moq: number;
  priceTiers: { minQuantity: number; unitPriceMinor: number }[];
  currency: string;
  stock: number | null;
  leadTimeDays: number;
  carton: { pcsPerCarton: number; lengthCm: number; widthCm: number; heightCm: number; grossGrams: number } | null;
  status: "active" | "draft";
}

/** Every leaf of a taxonomy with its top-level industry code. */
export function leavesOf(tree: CategorySeed[]): { leaf: CategorySeed; industry: string }[] {
  const out: { leaf: CategorySeed; industry: string }[] = [];
  const walk = (nodes: CategorySeed[], industry: string | null) => {
    for (const node of nodes) {
      const top = industry ?? node.code;
      if (node.children?.length) walk(node.children, top);
      else out.push({ leaf: node, industry: top });
    }
  };
  walk(tree, null);
  return out;
}

/** A realistic bilingual wholesale listing for a leaf category, as Yiwu merchants title them. */
export function generateListing(
  random: Random,
  leaf: CategorySeed,
  industry: string,
  sku: string,
  origin: { zh: string; en: string } = { zh: "义乌", en: "Yiwu" },
): GeneratedListing {
  const style = random.pick(STYLES);
  const material = random.pick(MATERIALS);
  const colour = random.pick(COLOURS);
  const withFeature = random.next() < 0.35 ? random.pick(FEATURES) : null;
  const size = random.int(3, 120);
  const moq = random.pick(MOQS);
  // Yiwu small commodities: mostly under ¥50 a unit, a long tail up to ¥500.
  const base = random.next() < 0.85 ? random.int(30, 5000) : random.int(5000, 50000);
  const tiers = [
    { minQuantity: moq, unitPriceMinor: base },
    { minQuantity: moq * 5, unitPriceMinor: Math.round(base * 0.92) },
    { minQuantity: moq * 10, unitPriceMinor: Math.round(base * 0.85) },
  ].slice(0, random.int(1, 3));
  const pcsPerCarton = random.pick([24, 48, 60, 100, 144, 200, 240, 500]);
  return {
    sku,
    titleZh: `${style[0]}${withFeature ? withFeature[0] : ""}${material[0]}${leaf.nameZh} ${colour[0]} ${size}厘米`,
    titleEn: `${style[1]} ${withFeature ? `${withFeature[1]} ` : ""}${material[1]} ${leaf.nameEn.toLowerCase()} ${colour[1]} ${size}cm`,
    descriptionZh: `${leaf.nameZh}，${material[0]}材质，${colour[0]}，支持混批，${origin.zh}现货。`,
    descriptionEn: `${leaf.nameEn} in ${material[1]}, ${colour[1]}. Mixed orders welcome, ships from ${origin.en}.`,
    categoryCode: leaf.code,
    attributes: { material: material[1], color: colour[1], size: `${size}cm` },
    unit: (UNITS_BY_INDUSTRY[industry] ?? (random.next() < 0.1 ? "dozen" : "pcs")) as GeneratedListing["unit"],
    moq,
    priceTiers: tiers,
    currency: "CNY",
    stock: random.next() < 0.6 ? random.int(0, 50000) : null,
    leadTimeDays: random.pick([3, 5, 7, 10, 15, 20, 30, 45]),
    carton: {
      pcsPerCarton,
      lengthCm: random.int(30, 80),
      widthCm: random.int(25, 60),
      heightCm: random.int(20, 60),
      grossGrams: random.int(3000, 25000),
    },
    status: random.next() < 0.95 ? "active" : "draft",
  };
}
