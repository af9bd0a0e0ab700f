import type { OrganisationKind } from "../../modules/tenancy/tables.js";

export interface OrganisationSeed {
  key: string;
  nameZh: string;
  nameEn: string;
  kinds: OrganisationKind[];
  /** ISO 3166-1 alpha-2. */
  country: string;
  city: string;
  /** Top-level category codes a merchant's storefront sells in (demo listings are drawn from them). */
  industries?: string[];
  /** Demo listings for this merchant, when not the market's usual number. */
  listings?: number;
}

// The first organisation of each kind is the one the demo person of that kind belongs to.
export const yiwuOrganisations: OrganisationSeed[] = [
  {
    key: "chenguang-jewelry",
    nameZh: "义乌市晨光饰品有限公司",
    nameEn: "Yiwu Chenguang Jewelry Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Yiwu",
    industries: ["jewelry", "hair"],
  },
  {
    key: "xingyue-toys",
    nameZh: "义乌市星月玩具厂",
    nameEn: "Yiwu Xingyue Toy Factory",
    kinds: ["merchant"],
    country: "CN",
    city: "Yiwu",
    industries: ["toys"],
  },
  {
    key: "hongyun-christmas",
    nameZh: "义乌市鸿运圣诞工艺品有限公司",
    nameEn: "Yiwu Hongyun Christmas Crafts Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Yiwu",
    industries: ["festive", "flowers"],
  },
  {
    key: "jinhua-hardware",
    nameZh: "金华市永固五金工具有限公司",
    nameEn: "Jinhua Yonggu Hardware Tools Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Jinhua",
    industries: ["hardware"],
  },
  {
    key: "mingde-stationery",
    nameZh: "义乌市明德文具有限公司",
    nameEn: "Yiwu Mingde Stationery Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Yiwu",
    industries: ["stationery"],
  },
  {
    key: "datang-socks",
    nameZh: "诸暨市大唐袜业有限公司",
    nameEn: "Zhuji Datang Hosiery Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Zhuji",
    industries: ["hosiery", "garments"],
  },
  {
    key: "tianyu-umbrella",
    nameZh: "义乌市天雨伞业有限公司",
    nameEn: "Yiwu Tianyu Umbrella Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Yiwu",
    industries: ["umbrellas", "bags"],
  },
  {
    key: "lanting-crafts",
    nameZh: "义乌市兰亭工艺品有限公司",
    nameEn: "Yiwu Lanting Arts & Crafts Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Yiwu",
    industries: ["crafts", "flowers"],
  },
  {
    key: "guangming-lighting",
    nameZh: "宁波光明照明电器有限公司",
    nameEn: "Ningbo Guangming Lighting Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Ningbo",
    industries: ["lighting", "electronics"],
  },
  {
    key: "meijia-kitchen",
    nameZh: "永康市美佳厨具有限公司",
    nameEn: "Yongkang Meijia Kitchenware Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Yongkang",
    industries: ["kitchen", "daily"],
  },
  {
    key: "fangcao-flowers",
    nameZh: "义乌市芳草仿真花有限公司",
    nameEn: "Yiwu Fangcao Artificial Flowers Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Yiwu",
    industries: ["flowers", "festive"],
  },
  {
    key: "haina-trading",
    nameZh: "义乌市海纳进出口有限公司",
    nameEn: "Yiwu Haina Import & Export Co., Ltd.",
    kinds: ["merchant", "buyer"],
    country: "CN",
    city: "Yiwu",
    industries: [
      "daily",
      "cosmetics",
      "pets",
      "auto",
      "baby",
      "packaging",
      "sports",
      "eyewear",
      "watches",
      "footwear",
      "home-textiles",
    ],
  },
  {
    key: "al-noor-trading",
    nameZh: "迪拜光明贸易有限责任公司",
    nameEn: "Al Noor General Trading LLC",
    kinds: ["buyer"],
    country: "AE",
    city: "Dubai",
  },
  {
    key: "lagos-home",
    nameZh: "拉各斯家居百货有限公司",
    nameEn: "Lagos Home Essentials Ltd.",
    kinds: ["buyer"],
    country: "NG",
    city: "Lagos",
  },
  {
    key: "volga-import",
    nameZh: "伏尔加进口有限责任公司",
    nameEn: "Volga Import LLC",
    kinds: ["buyer"],
    country: "RU",
    city: "Moscow",
  },
  {
    key: "iberia-bazar",
    nameZh: "伊比利亚百货批发公司",
    nameEn: "Bazar Iberia Mayorista S.L.",
    kinds: ["buyer"],
    country: "ES",
    city: "Madrid",
  },
  {
    key: "andes-distribuidora",
    nameZh: "安第斯分销有限公司",
    nameEn: "Distribuidora Andes SpA",
    kinds: ["buyer"],
    country: "CL",
    city: "Santiago",
  },
  {
    key: "nusantara-retail",
    nameZh: "努山塔拉零售有限公司",
    nameEn: "PT Nusantara Retail Indonesia",
    kinds: ["buyer"],
    country: "ID",
    city: "Jakarta",
  },
  {
    key: "yiwu-port-logistics",
    nameZh: "义乌港国际物流有限公司",
    nameEn: "Yiwu Port International Logistics Co., Ltd.",
    kinds: ["logistics"],
    country: "CN",
    city: "Yiwu",
  },
  {
    key: "yixinou-rail",
    nameZh: "义乌天盟义新欧班列物流有限公司",
    nameEn: "Yiwu Tianmeng Yixinou Rail Freight Co., Ltd.",
    kinds: ["logistics"],
    country: "CN",
    city: "Yiwu",
  },
  {
    key: "swift-express",
    nameZh: "浙江速通国际快递有限公司",
    nameEn: "Zhejiang Swift International Express Co., Ltd.",
    kinds: ["logistics"],
    country: "CN",
    city: "Hangzhou",
  },
  {
    key: "chouzhou-bank",
    nameZh: "浙江稠州商业银行",
    nameEn: "Zhejiang Chouzhou Commercial Bank",
    kinds: ["lender"],
    country: "CN",
    city: "Yiwu",
  },
  {
    key: "shangcheng-finance",
    nameZh: "义乌商城供应链金融服务有限公司",
    nameEn: "Yiwu Shangcheng Supply Chain Finance Co., Ltd.",
    kinds: ["lender"],
    country: "CN",
    city: "Yiwu",
  },
  {
    key: "ccc-group",
    nameZh: "浙江中国小商品城集团股份有限公司",
    nameEn: "Zhejiang China Commodities City Group Co., Ltd.",
    kinds: ["operator"],
    country: "CN",
    city: "Yiwu",
  },
];

const TRADER_NUMERALS = ["一", "二"] as const;

/**
 * Small trading houses, two per industry, so most products have several suppliers (as in the
 * real market) and matching has suppliers to choose between. Appended after the named companies,
 * so those keep their demo people and their listings.
 */
export function industryTraders(industries: readonly { code: string; nameZh: string; nameEn: string }[]) {
  return industries.flatMap((industry) =>
    TRADER_NUMERALS.map(
      (numeral, i): OrganisationSeed => ({
        key: `${industry.code}-trader-${i + 1}`,
        nameZh: `义乌市${industry.nameZh}商行（${numeral}）`,
        nameEn: `Yiwu ${industry.nameEn} Trading House ${i + 1}`,
        kinds: ["merchant"],
        country: "CN",
        city: "Yiwu",
        industries: [industry.code],
        listings: 40,
      }),
    ),
  );
}

export const keqiaoOrganisations: OrganisationSeed[] = [
  {
    key: "huafang-textile",
    nameZh: "绍兴华纺纺织有限公司",
    nameEn: "Shaoxing Huafang Textile Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Shaoxing",
    industries: ["fabric", "home-textiles"],
  },
  {
    key: "jinyu-silk",
    nameZh: "绍兴金羽丝绸有限公司",
    nameEn: "Shaoxing Jinyu Silk Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Shaoxing",
    industries: ["fabric"],
  },
  {
    key: "keqiao-denim",
    nameZh: "柯桥蓝海牛仔布业有限公司",
    nameEn: "Keqiao Blue Ocean Denim Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Shaoxing",
    industries: ["fabric", "yarn"],
  },
  {
    key: "runfa-trims",
    nameZh: "绍兴润发服装辅料有限公司",
    nameEn: "Shaoxing Runfa Garment Trims Co., Ltd.",
    kinds: ["merchant"],
    country: "CN",
    city: "Shaoxing",
    industries: ["trims", "nonwoven"],
  },
  {
    key: "dhaka-apparel",
    nameZh: "达卡服装制造有限公司",
    nameEn: "Dhaka Apparel Manufacturing Ltd.",
    kinds: ["buyer"],
    country: "BD",
    city: "Dhaka",
  },
  {
    key: "istanbul-moda",
    nameZh: "伊斯坦布尔时尚纺织公司",
    nameEn: "Istanbul Moda Tekstil A.Ş.",
    kinds: ["buyer"],
    country: "TR",
    city: "Istanbul",
  },
  {
    key: "keqiao-logistics",
    nameZh: "绍兴柯桥轻纺城物流有限公司",
    nameEn: "Keqiao Textile City Logistics Co., Ltd.",
    kinds: ["logistics"],
    country: "CN",
    city: "Shaoxing",
  },
  {
    key: "ruifeng-bank",
    nameZh: "浙江绍兴瑞丰农村商业银行",
    nameEn: "Zhejiang Shaoxing Ruifeng Rural Commercial Bank",
    kinds: ["lender"],
    country: "CN",
    city: "Shaoxing",
  },
  {
    key: "light-textile-group",
    nameZh: "浙江中国轻纺城集团股份有限公司",
    nameEn: "Zhejiang China Light & Textile Industrial City Group Co., Ltd.",
    kinds: ["operator"],
    country: "CN",
    city: "Shaoxing",
  },
];
