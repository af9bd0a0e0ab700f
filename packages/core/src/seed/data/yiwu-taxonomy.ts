import { type CategorySeed, type CategoryTuple, expandTaxonomy } from "./taxonomy-format.js";

export type { CategorySeed };

// The trades of Yiwu International Trade City, grouped as its districts group them.
const tree: CategoryTuple[] = [
  [
    "jewelry",
    "饰品",
    "Jewellery",
    [
      [
        "fashion",
        "时尚饰品",
        "Fashion jewellery",
        [
          ["necklaces", "项链", "Necklaces"],
          ["earrings", "耳环", "Earrings"],
          ["bracelets", "手链", "Bracelets"],
          ["rings", "戒指", "Rings"],
          ["anklets", "脚链", "Anklets"],
          ["brooches", "胸针", "Brooches"],
        ],
      ],
      [
        "fine",
        "银饰与珍珠",
        "Silver & pearl",
        [
          ["silver-925", "925银饰", "925 silver jewellery"],
          ["pearl", "珍珠饰品", "Pearl jewellery"],
          ["stainless", "不锈钢饰品", "Stainless steel jewellery"],
          ["crystal", "水晶饰品", "Crystal jewellery"],
        ],
      ],
      [
        "packaging",
        "饰品包装",
        "Jewellery packaging",
        [
          ["boxes", "首饰盒", "Jewellery boxes"],
          ["display", "饰品展架", "Jewellery displays"],
          ["pouches", "首饰袋", "Jewellery pouches"],
        ],
      ],
    ],
  ],
  [
    "hair",
    "发饰",
    "Hair accessories",
    [
      [
        "clips",
        "发夹类",
        "Clips & pins",
        [
          ["hair-clips", "发夹", "Hair clips"],
          ["claw-clips", "抓夹", "Claw clips"],
          ["bobby-pins", "一字夹", "Bobby pins"],
          ["barrettes", "弹簧夹", "Barrettes"],
        ],
      ],
      [
        "bands",
        "发圈发箍",
        "Bands & headbands",
        [
          ["scrunchies", "大肠发圈", "Scrunchies"],
          ["headbands", "发箍", "Headbands"],
          ["elastic-ties", "皮筋", "Elastic hair ties"],
          ["wigs", "假发", "Wigs & hairpieces"],
        ],
      ],
      [
        "bridal",
        "婚庆头饰",
        "Bridal headwear",
        [
          ["tiaras", "皇冠", "Tiaras"],
          ["veils", "头纱", "Veils"],
          ["hair-combs", "发梳", "Hair combs"],
        ],
      ],
    ],
  ],
  [
    "toys",
    "玩具",
    "Toys",
    [
      [
        "plush",
        "毛绒玩具",
        "Plush toys",
        [
          ["teddy-bears", "泰迪熊", "Teddy bears"],
          ["stuffed-animals", "毛绒动物", "Stuffed animals"],
          ["plush-keychains", "毛绒挂件", "Plush keychains"],
          ["cushion-toys", "抱枕公仔", "Cushion toys"],
        ],
      ],
      [
        "rc",
        "遥控玩具",
        "Remote-control toys",
        [
          ["rc-cars", "遥控车", "RC cars"],
          ["drones", "遥控飞机", "RC aircraft & drones"],
          ["rc-boats", "遥控船", "RC boats"],
          ["robots", "机器人玩具", "Robot toys"],
        ],
      ],
      [
        "educational",
        "益智玩具",
        "Educational toys",
        [
          ["building-blocks", "积木", "Building blocks"],
          ["puzzles", "拼图", "Jigsaw puzzles"],
          ["stem-kits", "科教玩具", "STEM kits"],
          ["wooden-toys", "木制玩具", "Wooden toys"],
          ["magnetic-tiles", "磁力片", "Magnetic tiles"],
        ],
      ],
      [
        "outdoor",
        "户外玩具",
        "Outdoor toys",
        [
          ["bubble", "泡泡玩具", "Bubble toys"],
          ["water-guns", "水枪", "Water guns"],
          ["kites", "风筝", "Kites"],
          ["balls", "玩具球", "Toy balls"],
          ["sand-toys", "沙滩玩具", "Sand & beach toys"],
        ],
      ],
      [
        "novelty",
        "新奇玩具",
        "Novelty toys",
        [
          ["fidget", "解压玩具", "Fidget toys"],
          ["slime", "史莱姆", "Slime & putty"],
          ["blind-boxes", "盲盒", "Blind boxes"],
          ["dolls", "娃娃", "Dolls"],
          ["toy-guns", "玩具枪", "Toy guns"],
        ],
      ],
    ],
  ],
  [
    "festive",
    "节庆用品",
    "Festive & party",
    [
      [
        "christmas",
        "圣诞用品",
        "Christmas",
        [
          ["trees", "圣诞树", "Christmas trees"],
          ["ornaments", "圣诞挂件", "Christmas ornaments"],
          ["balls", "圣诞球", "Christmas balls"],
          ["stockings", "圣诞袜", "Christmas stockings"],
          ["santa-hats", "圣诞帽", "Santa hats"],
          ["wreaths", "圣诞花环", "Wreaths & garlands"],
        ],
      ],
      [
        "halloween",
        "万圣节用品",
        "Halloween",
        [
          ["masks", "面具", "Masks"],
          ["costumes", "节日服装", "Costumes"],
          ["decorations", "万圣节装饰", "Halloween decorations"],
        ],
      ],
      [
        "party",
        "派对用品",
        "Party supplies",
        [
          ["balloons", "气球", "Balloons"],
          ["banners", "拉旗横幅", "Banners & bunting"],
          ["tableware", "派对餐具", "Party tableware"],
          ["confetti", "彩屑礼花", "Confetti & poppers"],
          ["candles", "蜡烛", "Candles"],
        ],
      ],
      [
        "holiday",
        "其他节日",
        "Other holidays",
        [
          ["easter", "复活节用品", "Easter supplies"],
          ["ramadan", "斋月装饰", "Ramadan decorations"],
          ["spring-festival", "春节用品", "Chinese New Year supplies"],
          ["flags", "旗帜", "Flags"],
        ],
      ],
    ],
  ],
  [
    "crafts",
    "工艺品",
    "Arts & crafts",
    [
      [
        "resin",
        "树脂工艺品",
        "Resin crafts",
        [
          ["figurines", "树脂摆件", "Resin figurines"],
          ["religious", "宗教工艺品", "Religious crafts"],
          ["photo-frames", "相框", "Photo frames"],
        ],
      ],
      [
        "ceramic-glass",
        "陶瓷玻璃工艺",
        "Ceramic & glass crafts",
        [
          ["vases", "花瓶", "Vases"],
          ["ceramic-ornaments", "陶瓷摆件", "Ceramic ornaments"],
          ["crystal-crafts", "水晶工艺品", "Crystal crafts"],
        ],
      ],
      [
        "diy",
        "手工DIY",
        "DIY supplies",
        [
          ["beads", "串珠", "Beads"],
          ["ribbons", "丝带", "Ribbons"],
          ["stickers", "贴纸", "Stickers"],
          ["painting-kits", "数字油画", "Paint-by-number kits"],
          ["embroidery-kits", "十字绣", "Cross-stitch kits"],
        ],
      ],
      [
        "souvenirs",
        "旅游纪念品",
        "Souvenirs",
        [
          ["fridge-magnets", "冰箱贴", "Fridge magnets"],
          ["keychains", "钥匙扣", "Keychains"],
          ["snow-globes", "水晶球", "Snow globes"],
        ],
      ],
    ],
  ],
  [
    "flowers",
    "假花",
    "Artificial flowers",
    [
      [
        "stems",
        "仿真花",
        "Artificial stems",
        [
          ["roses", "仿真玫瑰", "Artificial roses"],
          ["peonies", "仿真牡丹", "Artificial peonies"],
          ["orchids", "仿真兰花", "Artificial orchids"],
          ["sunflowers", "仿真向日葵", "Artificial sunflowers"],
        ],
      ],
      [
        "plants",
        "仿真植物",
        "Artificial plants",
        [
          ["green-walls", "植物墙", "Green walls"],
          ["potted", "仿真盆栽", "Potted artificial plants"],
          ["vines", "藤条", "Vines & leaves"],
        ],
      ],
      [
        "arrangements",
        "花艺配件",
        "Floral supplies",
        [
          ["bouquets", "花束", "Bouquets"],
          ["floral-foam", "花泥", "Floral foam"],
          ["dried", "干花", "Dried flowers"],
        ],
      ],
    ],
  ],
  [
    "daily",
    "日用百货",
    "Daily necessities",
    [
      [
        "cleaning",
        "清洁用品",
        "Cleaning supplies",
        [
          ["mops", "拖把", "Mops"],
          ["brooms", "扫帚", "Brooms"],
          ["sponges", "海绵百洁布", "Sponges & scourers"],
          ["trash-bags", "垃圾袋", "Trash bags"],
          ["gloves", "家务手套", "Household gloves"],
        ],
      ],
      [
        "storage",
        "收纳用品",
        "Storage",
        [
          ["boxes", "收纳盒", "Storage boxes"],
          ["hangers", "衣架", "Clothes hangers"],
          ["hooks", "挂钩", "Hooks"],
          ["vacuum-bags", "真空压缩袋", "Vacuum storage bags"],
        ],
      ],
      [
        "bathroom",
        "卫浴用品",
        "Bathroom",
        [
          ["towels", "毛巾", "Towels"],
          ["toothbrushes", "牙刷", "Toothbrushes"],
          ["shower-caps", "浴帽", "Shower caps"],
          ["soap-dishes", "皂盒", "Soap dishes"],
          ["bath-mats", "地垫", "Bath mats"],
        ],
      ],
      [
        "disposables",
        "一次性用品",
        "Disposables",
        [
          ["paper-cups", "纸杯", "Paper cups"],
          ["straws", "吸管", "Straws"],
          ["tissues", "纸巾", "Tissues"],
          ["wet-wipes", "湿巾", "Wet wipes"],
        ],
      ],
    ],
  ],
  [
    "kitchen",
    "厨具",
    "Kitchenware",
    [
      [
        "cookware",
        "锅具",
        "Cookware",
        [
          ["woks", "炒锅", "Woks"],
          ["frying-pans", "平底锅", "Frying pans"],
          ["pressure-cookers", "压力锅", "Pressure cookers"],
          ["steamers", "蒸锅", "Steamers"],
        ],
      ],
      [
        "drinkware",
        "杯壶",
        "Drinkware",
        [
          ["vacuum-flasks", "保温杯", "Vacuum flasks"],
          ["water-bottles", "水杯", "Water bottles"],
          ["mugs", "马克杯", "Mugs"],
          ["glassware", "玻璃杯", "Glassware"],
          ["teapots", "茶壶", "Teapots"],
        ],
      ],
      [
        "tableware",
        "餐具",
        "Tableware",
        [
          ["chopsticks", "筷子", "Chopsticks"],
          ["cutlery", "刀叉勺", "Cutlery"],
          ["plates", "盘子", "Plates"],
          ["bowls", "碗", "Bowls"],
          ["lunch-boxes", "饭盒", "Lunch boxes"],
        ],
      ],
      [
        "tools",
        "厨房小工具",
        "Kitchen gadgets",
        [
          ["knives", "厨房刀具", "Kitchen knives"],
          ["cutting-boards", "砧板", "Cutting boards"],
          ["peelers", "削皮器", "Peelers & graters"],
          ["baking", "烘焙工具", "Baking tools"],
          ["silicone", "硅胶厨具", "Silicone utensils"],
        ],
      ],
    ],
  ],
  [
    "hardware",
    "五金工具",
    "Hardware & tools",
    [
      [
        "hand-tools",
        "手动工具",
        "Hand tools",
        [
          ["pliers", "钳子", "Pliers"],
          ["screwdrivers", "螺丝刀", "Screwdrivers"],
          ["wrenches", "扳手", "Wrenches"],
          ["hammers", "锤子", "Hammers"],
          ["tape-measures", "卷尺", "Tape measures"],
          ["tool-sets", "工具套装", "Tool sets"],
        ],
      ],
      [
        "power-tools",
        "电动工具",
        "Power tools",
        [
          ["drills", "电钻", "Electric drills"],
          ["angle-grinders", "角磨机", "Angle grinders"],
          ["glue-guns", "热熔胶枪", "Glue guns"],
        ],
      ],
      [
        "fasteners",
        "紧固件",
        "Fasteners",
        [
          ["screws", "螺丝", "Screws"],
          ["nails", "钉子", "Nails"],
          ["bolts-nuts", "螺栓螺母", "Bolts & nuts"],
          ["hinges", "合页", "Hinges"],
        ],
      ],
      [
        "locks",
        "锁具",
        "Locks",
        [
          ["padlocks", "挂锁", "Padlocks"],
          ["door-locks", "门锁", "Door locks"],
          ["smart-locks", "智能锁", "Smart locks"],
        ],
      ],
      [
        "safety",
        "劳保用品",
        "Safety gear",
        [
          ["work-gloves", "劳保手套", "Work gloves"],
          ["safety-vests", "反光背心", "Safety vests"],
          ["helmets", "安全帽", "Safety helmets"],
        ],
      ],
    ],
  ],
  [
    "electronics",
    "电子电器",
    "Electronics",
    [
      [
        "phone-accessories",
        "手机配件",
        "Phone accessories",
        [
          ["cases", "手机壳", "Phone cases"],
          ["chargers", "充电器", "Chargers"],
          ["cables", "数据线", "Charging cables"],
          ["power-banks", "充电宝", "Power banks"],
          ["screen-protectors", "钢化膜", "Screen protectors"],
          ["holders", "手机支架", "Phone holders"],
        ],
      ],
      [
        "audio",
        "音频设备",
        "Audio",
        [
          ["earphones", "耳机", "Earphones"],
          ["bluetooth-speakers", "蓝牙音箱", "Bluetooth speakers"],
          ["microphones", "麦克风", "Microphones"],
        ],
      ],
      [
        "small-appliances",
        "小家电",
        "Small appliances",
        [
          ["fans", "电风扇", "Electric fans"],
          ["kettles", "电热水壶", "Electric kettles"],
          ["hair-dryers", "吹风机", "Hair dryers"],
          ["blenders", "榨汁机", "Blenders"],
          ["irons", "电熨斗", "Irons"],
        ],
      ],
      [
        "batteries",
        "电池",
        "Batteries",
        [
          ["alkaline", "碱性电池", "Alkaline batteries"],
          ["rechargeable", "充电电池", "Rechargeable batteries"],
          ["button-cells", "纽扣电池", "Button cells"],
        ],
      ],
    ],
  ],
  [
    "lighting",
    "LED照明",
    "Lighting",
    [
      [
        "led",
        "LED灯具",
        "LED lamps",
        [
          ["bulbs", "LED灯泡", "LED bulbs"],
          ["strips", "LED灯带", "LED strip lights"],
          ["panels", "面板灯", "Panel lights"],
          ["spotlights", "射灯", "Spotlights"],
        ],
      ],
      [
        "decorative",
        "装饰灯",
        "Decorative lights",
        [
          ["string-lights", "灯串", "String lights"],
          ["night-lights", "小夜灯", "Night lights"],
          ["neon-signs", "霓虹灯", "Neon signs"],
          ["lanterns", "灯笼", "Lanterns"],
        ],
      ],
      [
        "outdoor",
        "户外照明",
        "Outdoor lighting",
        [
          ["solar-lights", "太阳能灯", "Solar lights"],
          ["flashlights", "手电筒", "Flashlights"],
          ["headlamps", "头灯", "Headlamps"],
          ["camping-lights", "露营灯", "Camping lights"],
        ],
      ],
    ],
  ],
  [
    "bags",
    "箱包",
    "Bags & luggage",
    [
      [
        "handbags",
        "女包",
        "Handbags",
        [
          ["totes", "托特包", "Tote bags"],
          ["shoulder-bags", "单肩包", "Shoulder bags"],
          ["clutches", "手拿包", "Clutches"],
          ["crossbody", "斜挎包", "Crossbody bags"],
        ],
      ],
      [
        "backpacks",
        "背包",
        "Backpacks",
        [
          ["school-bags", "书包", "School bags"],
          ["laptop-backpacks", "电脑包", "Laptop backpacks"],
          ["hiking-packs", "登山包", "Hiking backpacks"],
        ],
      ],
      [
        "travel",
        "旅行箱包",
        "Travel",
        [
          ["suitcases", "拉杆箱", "Suitcases"],
          ["duffels", "旅行袋", "Duffel bags"],
          ["toiletry-bags", "洗漱包", "Toiletry bags"],
        ],
      ],
      [
        "small-goods",
        "小皮具",
        "Small leather goods",
        [
          ["wallets", "钱包", "Wallets"],
          ["coin-purses", "零钱包", "Coin purses"],
          ["card-holders", "卡包", "Card holders"],
        ],
      ],
      [
        "shopping",
        "购物袋",
        "Shopping bags",
        [
          ["non-woven", "无纺布袋", "Non-woven bags"],
          ["canvas", "帆布袋", "Canvas bags"],
          ["foldable", "折叠购物袋", "Foldable shopping bags"],
        ],
      ],
    ],
  ],
  [
    "umbrellas",
    "雨具",
    "Umbrellas & rainwear",
    [
      [
        "umbrellas",
        "雨伞",
        "Umbrellas",
        [
          ["folding", "折叠伞", "Folding umbrellas"],
          ["straight", "直杆伞", "Straight umbrellas"],
          ["golf", "高尔夫伞", "Golf umbrellas"],
          ["kids", "儿童伞", "Children's umbrellas"],
          ["parasols", "太阳伞", "Parasols"],
        ],
      ],
      [
        "rainwear",
        "雨衣雨鞋",
        "Rainwear",
        [
          ["raincoats", "雨衣", "Raincoats"],
          ["ponchos", "雨披", "Rain ponchos"],
          ["rain-boots", "雨靴", "Rain boots"],
        ],
      ],
    ],
  ],
  [
    "stationery",
    "文具",
    "Stationery & office",
    [
      [
        "writing",
        "书写工具",
        "Writing instruments",
        [
          ["ballpoint", "圆珠笔", "Ballpoint pens"],
          ["gel-pens", "中性笔", "Gel pens"],
          ["markers", "马克笔", "Markers"],
          ["pencils", "铅笔", "Pencils"],
          ["highlighters", "荧光笔", "Highlighters"],
        ],
      ],
      [
        "paper",
        "纸品本册",
        "Paper products",
        [
          ["notebooks", "笔记本", "Notebooks"],
          ["sticky-notes", "便利贴", "Sticky notes"],
          ["envelopes", "信封", "Envelopes"],
          ["a4-paper", "复印纸", "Copy paper"],
        ],
      ],
      [
        "office",
        "办公用品",
        "Office supplies",
        [
          ["staplers", "订书机", "Staplers"],
          ["files", "文件夹", "Files & folders"],
          ["calculators", "计算器", "Calculators"],
          ["tape", "胶带", "Adhesive tape"],
          ["scissors", "剪刀", "Scissors"],
        ],
      ],
      [
        "art",
        "美术用品",
        "Art supplies",
        [
          ["watercolours", "水彩颜料", "Watercolours"],
          ["crayons", "蜡笔", "Crayons"],
          ["brushes", "画笔", "Paint brushes"],
          ["sketchbooks", "素描本", "Sketchbooks"],
        ],
      ],
      [
        "school",
        "学生用品",
        "School supplies",
        [
          ["pencil-cases", "笔袋", "Pencil cases"],
          ["erasers", "橡皮", "Erasers"],
          ["rulers", "尺子", "Rulers"],
          ["sharpeners", "卷笔刀", "Pencil sharpeners"],
        ],
      ],
    ],
  ],
  [
    "sports",
    "体育用品",
    "Sports & outdoor",
    [
      [
        "fitness",
        "健身器材",
        "Fitness",
        [
          ["yoga-mats", "瑜伽垫", "Yoga mats"],
          ["dumbbells", "哑铃", "Dumbbells"],
          ["resistance-bands", "弹力带", "Resistance bands"],
          ["jump-ropes", "跳绳", "Jump ropes"],
        ],
      ],
      [
        "ball-sports",
        "球类",
        "Ball sports",
        [
          ["footballs", "足球", "Footballs"],
          ["basketballs", "篮球", "Basketballs"],
          ["badminton", "羽毛球用品", "Badminton"],
          ["table-tennis", "乒乓球用品", "Table tennis"],
        ],
      ],
      [
        "camping",
        "户外露营",
        "Camping",
        [
          ["tents", "帐篷", "Tents"],
          ["sleeping-bags", "睡袋", "Sleeping bags"],
          ["folding-chairs", "折叠椅", "Folding chairs"],
          ["coolers", "保温箱", "Coolers"],
        ],
      ],
      [
        "fishing",
        "渔具",
        "Fishing",
        [
          ["rods", "鱼竿", "Fishing rods"],
          ["lures", "鱼饵", "Lures"],
          ["fishing-line", "鱼线", "Fishing line"],
        ],
      ],
      [
        "cycling",
        "骑行用品",
        "Cycling",
        [
          ["bike-lights", "车灯", "Bike lights"],
          ["bike-locks", "车锁", "Bike locks"],
          ["cycling-gloves", "骑行手套", "Cycling gloves"],
        ],
      ],
    ],
  ],
  [
    "cosmetics",
    "化妆品",
    "Cosmetics & beauty",
    [
      [
        "makeup",
        "彩妆",
        "Make-up",
        [
          ["lipsticks", "口红", "Lipsticks"],
          ["eyeshadow", "眼影", "Eyeshadow"],
          ["mascara", "睫毛膏", "Mascara"],
          ["foundation", "粉底", "Foundation"],
          ["nail-polish", "指甲油", "Nail polish"],
        ],
      ],
      [
        "tools",
        "美妆工具",
        "Beauty tools",
        [
          ["brushes", "化妆刷", "Make-up brushes"],
          ["sponges", "美妆蛋", "Beauty sponges"],
          ["false-lashes", "假睫毛", "False eyelashes"],
          ["mirrors", "化妆镜", "Make-up mirrors"],
          ["nail-art", "美甲用品", "Nail art supplies"],
        ],
      ],
      [
        "skincare",
        "护肤",
        "Skincare",
        [
          ["face-masks", "面膜", "Face masks"],
          ["creams", "面霜", "Face creams"],
          ["sunscreen", "防晒霜", "Sunscreen"],
        ],
      ],
    ],
  ],
  [
    "hosiery",
    "针织袜业",
    "Socks & hosiery",
    [
      [
        "socks",
        "袜子",
        "Socks",
        [
          ["cotton-socks", "棉袜", "Cotton socks"],
          ["sports-socks", "运动袜", "Sports socks"],
          ["ankle-socks", "船袜", "Ankle socks"],
          ["kids-socks", "儿童袜", "Children's socks"],
          ["compression", "压力袜", "Compression socks"],
        ],
      ],
      [
        "hosiery",
        "丝袜",
        "Tights & stockings",
        [
          ["pantyhose", "连裤袜", "Pantyhose"],
          ["stockings", "长筒袜", "Stockings"],
          ["leggings", "打底裤", "Leggings"],
        ],
      ],
      [
        "knitwear",
        "针织配饰",
        "Knitted accessories",
        [
          ["gloves", "针织手套", "Knitted gloves"],
          ["beanies", "针织帽", "Beanies"],
          ["scarves", "围巾", "Scarves"],
        ],
      ],
    ],
  ],
  [
    "garments",
    "服装",
    "Garments",
    [
      [
        "womens",
        "女装",
        "Womenswear",
        [
          ["dresses", "连衣裙", "Dresses"],
          ["blouses", "衬衫", "Blouses"],
          ["skirts", "半身裙", "Skirts"],
          ["abayas", "长袍", "Abayas"],
        ],
      ],
      [
        "mens",
        "男装",
        "Menswear",
        [
          ["t-shirts", "T恤", "T-shirts"],
          ["jeans", "牛仔裤", "Jeans"],
          ["jackets", "夹克", "Jackets"],
          ["shirts", "衬衣", "Shirts"],
        ],
      ],
      [
        "kids",
        "童装",
        "Childrenswear",
        [
          ["baby-rompers", "婴儿连体衣", "Baby rompers"],
          ["kids-sets", "儿童套装", "Children's sets"],
          ["school-uniforms", "校服", "School uniforms"],
        ],
      ],
      [
        "underwear",
        "内衣",
        "Underwear & sleepwear",
        [
          ["bras", "文胸", "Bras"],
          ["briefs", "内裤", "Briefs"],
          ["pajamas", "睡衣", "Pyjamas"],
        ],
      ],
      [
        "accessories",
        "服饰配件",
        "Apparel accessories",
        [
          ["belts", "皮带", "Belts"],
          ["ties", "领带", "Ties"],
          ["hats", "帽子", "Hats & caps"],
          ["gloves", "手套", "Gloves"],
        ],
      ],
    ],
  ],
  [
    "footwear",
    "鞋",
    "Footwear",
    [
      [
        "casual",
        "休闲鞋",
        "Casual shoes",
        [
          ["sneakers", "运动鞋", "Sneakers"],
          ["canvas-shoes", "帆布鞋", "Canvas shoes"],
          ["loafers", "乐福鞋", "Loafers"],
        ],
      ],
      [
        "sandals",
        "凉拖鞋",
        "Sandals & slippers",
        [
          ["slippers", "拖鞋", "Slippers"],
          ["flip-flops", "人字拖", "Flip-flops"],
          ["sandals", "凉鞋", "Sandals"],
          ["home-slippers", "棉拖鞋", "Home slippers"],
        ],
      ],
      [
        "shoe-care",
        "鞋材鞋护",
        "Shoe accessories",
        [
          ["insoles", "鞋垫", "Insoles"],
          ["laces", "鞋带", "Shoelaces"],
          ["shoe-polish", "鞋油", "Shoe polish"],
        ],
      ],
    ],
  ],
  [
    "home-textiles",
    "家纺",
    "Home textiles",
    [
      [
        "bedding",
        "床上用品",
        "Bedding",
        [
          ["sheets", "床单", "Bed sheets"],
          ["duvet-covers", "被套", "Duvet covers"],
          ["pillows", "枕头", "Pillows"],
          ["blankets", "毛毯", "Blankets"],
        ],
      ],
      [
        "curtains",
        "窗帘布艺",
        "Curtains",
        [
          ["blackout", "遮光窗帘", "Blackout curtains"],
          ["sheer", "纱帘", "Sheer curtains"],
          ["curtain-rods", "窗帘杆", "Curtain rods"],
        ],
      ],
      [
        "decor",
        "家居布艺",
        "Soft furnishings",
        [
          ["cushion-covers", "抱枕套", "Cushion covers"],
          ["tablecloths", "桌布", "Tablecloths"],
          ["rugs", "地毯", "Rugs"],
          ["sofa-covers", "沙发套", "Sofa covers"],
        ],
      ],
    ],
  ],
  [
    "eyewear",
    "眼镜",
    "Eyewear",
    [
      [
        "sunglasses",
        "太阳镜",
        "Sunglasses",
        [
          ["fashion", "时尚太阳镜", "Fashion sunglasses"],
          ["polarized", "偏光镜", "Polarised sunglasses"],
          ["kids", "儿童墨镜", "Children's sunglasses"],
        ],
      ],
      [
        "optical",
        "光学眼镜",
        "Optical",
        [
          ["frames", "眼镜架", "Spectacle frames"],
          ["reading", "老花镜", "Reading glasses"],
          ["blue-light", "防蓝光眼镜", "Blue-light glasses"],
        ],
      ],
      [
        "accessories",
        "眼镜配件",
        "Eyewear accessories",
        [
          ["cases", "眼镜盒", "Glasses cases"],
          ["cloths", "眼镜布", "Lens cloths"],
          ["chains", "眼镜链", "Glasses chains"],
        ],
      ],
    ],
  ],
  [
    "watches",
    "钟表",
    "Watches & clocks",
    [
      [
        "watches",
        "手表",
        "Watches",
        [
          ["quartz", "石英表", "Quartz watches"],
          ["digital", "电子表", "Digital watches"],
          ["smart", "智能手表", "Smart watches"],
          ["kids", "儿童手表", "Children's watches"],
        ],
      ],
      [
        "clocks",
        "钟",
        "Clocks",
        [
          ["wall-clocks", "挂钟", "Wall clocks"],
          ["alarm-clocks", "闹钟", "Alarm clocks"],
          ["desk-clocks", "座钟", "Desk clocks"],
        ],
      ],
      [
        "parts",
        "钟表配件",
        "Watch parts",
        [
          ["straps", "表带", "Watch straps"],
          ["movements", "机芯", "Movements"],
        ],
      ],
    ],
  ],
  [
    "pets",
    "宠物用品",
    "Pet supplies",
    [
      [
        "dog",
        "狗用品",
        "Dog supplies",
        [
          ["collars", "项圈", "Collars"],
          ["leashes", "牵引绳", "Leashes"],
          ["dog-beds", "狗窝", "Dog beds"],
          ["chew-toys", "磨牙玩具", "Chew toys"],
        ],
      ],
      [
        "cat",
        "猫用品",
        "Cat supplies",
        [
          ["scratchers", "猫抓板", "Cat scratchers"],
          ["litter-boxes", "猫砂盆", "Litter boxes"],
          ["cat-toys", "逗猫棒", "Cat toys"],
        ],
      ],
      [
        "general",
        "宠物通用",
        "General pet supplies",
        [
          ["bowls", "宠物碗", "Pet bowls"],
          ["grooming", "美容工具", "Grooming tools"],
          ["carriers", "宠物包", "Pet carriers"],
          ["pet-clothes", "宠物服装", "Pet clothing"],
        ],
      ],
    ],
  ],
  [
    "auto",
    "汽车用品",
    "Auto accessories",
    [
      [
        "interior",
        "汽车内饰",
        "Interior",
        [
          ["seat-covers", "座套", "Seat covers"],
          ["floor-mats", "脚垫", "Floor mats"],
          ["steering-covers", "方向盘套", "Steering wheel covers"],
          ["air-fresheners", "车载香薰", "Car air fresheners"],
        ],
      ],
      [
        "electronics",
        "车载电子",
        "Car electronics",
        [
          ["car-chargers", "车载充电器", "Car chargers"],
          ["dash-cams", "行车记录仪", "Dash cams"],
          ["phone-mounts", "车载支架", "Car phone mounts"],
        ],
      ],
      [
        "care",
        "汽车养护",
        "Car care",
        [
          ["wash-tools", "洗车工具", "Car wash tools"],
          ["sunshades", "遮阳挡", "Sunshades"],
          ["emergency-kits", "应急工具", "Emergency kits"],
        ],
      ],
    ],
  ],
  [
    "packaging",
    "包装材料",
    "Packaging",
    [
      [
        "boxes",
        "纸盒",
        "Boxes",
        [
          ["cartons", "瓦楞纸箱", "Corrugated cartons"],
          ["gift-boxes", "礼品盒", "Gift boxes"],
          ["paper-bags", "纸袋", "Paper bags"],
        ],
      ],
      [
        "plastic",
        "塑料包装",
        "Plastic packaging",
        [
          ["poly-mailers", "快递袋", "Poly mailers"],
          ["bubble-wrap", "气泡膜", "Bubble wrap"],
          ["zip-bags", "自封袋", "Zip-lock bags"],
          ["stretch-film", "缠绕膜", "Stretch film"],
        ],
      ],
      [
        "labels",
        "标签吊牌",
        "Labels & tags",
        [
          ["hang-tags", "吊牌", "Hang tags"],
          ["barcode-labels", "条码标签", "Barcode labels"],
          ["packing-tape", "封箱胶带", "Packing tape"],
        ],
      ],
    ],
  ],
  [
    "baby",
    "母婴用品",
    "Baby & maternity",
    [
      [
        "feeding",
        "喂养用品",
        "Feeding",
        [
          ["bottles", "奶瓶", "Baby bottles"],
          ["pacifiers", "安抚奶嘴", "Pacifiers"],
          ["bibs", "围兜", "Bibs"],
          ["sippy-cups", "学饮杯", "Sippy cups"],
        ],
      ],
      [
        "care",
        "婴儿护理",
        "Baby care",
        [
          ["diapers", "纸尿裤", "Diapers"],
          ["baby-wipes", "婴儿湿巾", "Baby wipes"],
          ["bath-tubs", "婴儿浴盆", "Baby bath tubs"],
        ],
      ],
      [
        "gear",
        "婴童出行",
        "Baby gear",
        [
          ["strollers", "婴儿推车", "Strollers"],
          ["carriers", "背带", "Baby carriers"],
          ["playmats", "爬行垫", "Play mats"],
        ],
      ],
    ],
  ],
];

export const yiwuTaxonomy: CategorySeed[] = expandTaxonomy(tree);
