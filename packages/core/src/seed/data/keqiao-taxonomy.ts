import { type CategorySeed, type CategoryTuple, expandTaxonomy } from "./taxonomy-format.js";

// Keqiao China Textile City: fabrics, yarns and what garment makers buy with them.
const tree: CategoryTuple[] = [
  [
    "fabric",
    "面料",
    "Fabrics",
    [
      [
        "cotton",
        "棉布",
        "Cotton",
        [
          ["poplin", "府绸", "Poplin"],
          ["twill", "斜纹布", "Twill"],
          ["canvas", "帆布", "Canvas"],
          ["flannel", "法兰绒", "Flannel"],
          ["voile", "巴厘纱", "Voile"],
        ],
      ],
      [
        "polyester",
        "化纤面料",
        "Polyester & synthetics",
        [
          ["chiffon", "雪纺", "Chiffon"],
          ["satin", "色丁", "Satin"],
          ["oxford", "牛津布", "Oxford cloth"],
          ["microfiber", "超细纤维", "Microfibre"],
          ["taffeta", "塔夫绸", "Taffeta"],
        ],
      ],
      [
        "silk",
        "真丝",
        "Silk",
        [
          ["crepe-de-chine", "双绉", "Crêpe de Chine"],
          ["silk-satin", "真丝缎", "Silk satin"],
          ["organza", "欧根纱", "Organza"],
        ],
      ],
      [
        "linen",
        "麻类",
        "Linen & ramie",
        [
          ["pure-linen", "纯亚麻", "Pure linen"],
          ["cotton-linen", "棉麻", "Cotton-linen blends"],
          ["ramie", "苎麻", "Ramie"],
        ],
      ],
      [
        "knitted",
        "针织面料",
        "Knitted fabrics",
        [
          ["jersey", "汗布", "Single jersey"],
          ["rib", "罗纹", "Rib knit"],
          ["fleece", "卫衣布", "Fleece"],
          ["mesh", "网眼布", "Mesh"],
        ],
      ],
      [
        "denim",
        "牛仔布",
        "Denim",
        [
          ["stretch-denim", "弹力牛仔", "Stretch denim"],
          ["rigid-denim", "硬牛仔", "Rigid denim"],
          ["chambray", "青年布", "Chambray"],
        ],
      ],
      [
        "specialty",
        "特种面料",
        "Specialty fabrics",
        [
          ["lace", "蕾丝", "Lace"],
          ["velvet", "丝绒", "Velvet"],
          ["jacquard", "提花布", "Jacquard"],
          ["sequin", "亮片布", "Sequin fabric"],
          ["waterproof", "防水面料", "Waterproof fabric"],
        ],
      ],
    ],
  ],
  [
    "yarn",
    "纱线",
    "Yarns",
    [
      [
        "spun",
        "纺纱",
        "Spun yarn",
        [
          ["cotton-yarn", "棉纱", "Cotton yarn"],
          ["polyester-yarn", "涤纶纱", "Polyester yarn"],
          ["blended-yarn", "混纺纱", "Blended yarn"],
        ],
      ],
      [
        "filament",
        "长丝",
        "Filament",
        [
          ["poy", "预取向丝", "POY"],
          ["dty", "加弹丝", "DTY"],
          ["fdy", "全拉伸丝", "FDY"],
        ],
      ],
    ],
  ],
  [
    "home-textiles",
    "家纺面料",
    "Home-textile fabrics",
    [
      [
        "curtain",
        "窗帘面料",
        "Curtain fabrics",
        [
          ["blackout", "遮光布", "Blackout fabric"],
          ["sheer", "窗纱", "Sheer fabric"],
          ["embroidered", "绣花窗帘布", "Embroidered curtain fabric"],
        ],
      ],
      [
        "upholstery",
        "沙发布",
        "Upholstery",
        [
          ["chenille", "雪尼尔", "Chenille"],
          ["suede", "麂皮绒", "Suede"],
          ["leatherette", "人造革", "Leatherette"],
        ],
      ],
      [
        "bedding",
        "床品面料",
        "Bedding fabrics",
        [
          ["percale", "精梳棉", "Percale"],
          ["sateen", "贡缎", "Sateen"],
          ["brushed", "磨毛布", "Brushed fabric"],
        ],
      ],
    ],
  ],
  [
    "trims",
    "辅料",
    "Garment trims",
    [
      [
        "closures",
        "纽扣拉链",
        "Closures",
        [
          ["buttons", "纽扣", "Buttons"],
          ["zips", "拉链", "Zips"],
          ["snaps", "四合扣", "Snap fasteners"],
          ["velcro", "魔术贴", "Hook-and-loop tape"],
        ],
      ],
      [
        "labels",
        "商标",
        "Labels",
        [
          ["woven-labels", "织唛", "Woven labels"],
          ["printed-labels", "印唛", "Printed labels"],
          ["care-labels", "洗水唛", "Care labels"],
        ],
      ],
      [
        "tapes",
        "织带花边",
        "Tapes & trimmings",
        [
          ["elastic", "松紧带", "Elastic"],
          ["webbing", "织带", "Webbing"],
          ["trimming-lace", "花边", "Lace trimming"],
          ["thread", "缝纫线", "Sewing thread"],
        ],
      ],
    ],
  ],
  [
    "nonwoven",
    "无纺布",
    "Nonwovens",
    [
      [
        "spunbond",
        "纺粘",
        "Spunbond",
        [
          ["pp-spunbond", "丙纶纺粘", "PP spunbond"],
          ["interlining", "衬布", "Interlining"],
        ],
      ],
      [
        "felt",
        "毛毡",
        "Felt",
        [
          ["needle-felt", "针刺毡", "Needle felt"],
          ["craft-felt", "手工毡", "Craft felt"],
        ],
      ],
    ],
  ],
  [
    "services",
    "印染服务",
    "Dyeing & printing",
    [
      [
        "dyeing",
        "染色",
        "Dyeing",
        [
          ["piece-dyeing", "匹染", "Piece dyeing"],
          ["yarn-dyeing", "色织", "Yarn dyeing"],
        ],
      ],
      [
        "printing",
        "印花",
        "Printing",
        [
          ["digital-printing", "数码印花", "Digital printing"],
          ["rotary-printing", "圆网印花", "Rotary screen printing"],
          ["transfer-printing", "转移印花", "Transfer printing"],
        ],
      ],
      [
        "finishing",
        "后整理",
        "Finishing",
        [
          ["coating", "涂层", "Coating"],
          ["embroidery", "刺绣加工", "Embroidery"],
        ],
      ],
    ],
  ],
];

export const keqiaoTaxonomy: CategorySeed[] = expandTaxonomy(tree);
