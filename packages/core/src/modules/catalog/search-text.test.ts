import { describe, expect, it } from "vitest";
import { buildSearchDocument, buildTsQuery, searchWords } from "./search-text.js";

describe("search words", () => {
  it("segments Chinese for the index so shorter words match too", () => {
    const words = searchWords("毛绒玩具泰迪熊", "index");
    expect(words).toEqual(expect.arrayContaining(["毛绒", "玩具", "毛绒玩具", "泰迪熊"]));
  });

  it("keeps a Chinese query in few precise words", () => {
    expect(searchWords("圣诞树LED灯串", "query")).toEqual(["圣诞树", "led", "灯串"]);
  });

  it("finds a phrase by its own query words: every query word is among its index words", () => {
    for (const phrase of ["圣诞球挂件", "义乌批发保温杯", "LED灯带 5米", "不锈钢饰品项链", "儿童雨伞"]) {
      const indexed = new Set(searchWords(phrase, "index"));
      expect(
        searchWords(phrase, "query").filter((w) => !indexed.has(w)),
        phrase,
      ).toEqual([]);
    }
  });

  it("lower-cases and splits Latin text, dropping punctuation", () => {
    expect(searchWords("Hair-Clips, 12PCS/set!", "query")).toEqual(["hair", "clips", "12pcs", "set"]);
  });

  it("builds a tsquery that needs every word and allows Latin prefixes", () => {
    expect(buildTsQuery("Christmas 圣诞树")).toBe("christmas:* & 圣诞树");
    expect(buildTsQuery("a & b | !c")).toBe("a & b & c");
    expect(buildTsQuery("  ,, ")).toBeNull();
  });

  it("names a prefix's known words exactly, keeping the index's prefix match for the rest", () => {
    const prefixes = new Map([
      ["chris", ["christmas", "christmastree"]],
      ["led", []],
      ["ball", ["ball", "balls"]],
    ]);
    expect(buildTsQuery("Chris LED balls ball 灯 pvc", { prefixes })).toBe(
      "(chris | christmas | christmastree) & led & balls:* & (ball | balls) & 灯 & pvc:*",
    );
    expect(buildTsQuery("chrismas", { corrections: new Map([["chrismas", "christmas"]]) })).toBe("christmas:*");
  });

  it("indexes titles, category names and attribute values", () => {
    const doc = buildSearchDocument({
      titleZh: "PVC圣诞树",
      titleEn: "PVC Christmas tree",
      categoryNames: ["节庆用品", "Festive & party", "圣诞树", "Christmas trees"],
      attributes: { material: "PVC", color: "绿色" },
    });
    expect(doc.titles).toEqual(expect.arrayContaining(["pvc", "圣诞树", "christmas", "tree"]));
    expect(doc.categories).toEqual(expect.arrayContaining(["节庆", "用品", "festive", "trees"]));
    expect(doc.details).toEqual(expect.arrayContaining(["pvc", "绿色"]));
  });

  it("segments attribute values one by one into the words they make together", () => {
    const attributes = { material: "PVC塑料", color: "深绿色", size: "1.8米", style: "北欧 ins风", note: "毛绒玩具" };
    const doc = buildSearchDocument({ titleZh: "", titleEn: "x", categoryNames: [], attributes, sku: "XM-001" });
    expect(doc.details).toEqual(searchWords(`${Object.values(attributes).join(" ")} XM-001`, "index"));
    // A second listing with the same values gets the same words (from the cache).
    const again = buildSearchDocument({ titleZh: "", titleEn: "y", categoryNames: [], attributes, sku: "XM-002" });
    expect(again.details).toEqual(searchWords(`${Object.values(attributes).join(" ")} XM-002`, "index"));
  });
});

describe("ASCII text without jieba", () => {
  it("gives exactly the words jieba gives, decimals and symbols included", async () => {
    const { Jieba } = await import("@node-rs/jieba");
    const { dict } = await import("@node-rs/jieba/dict");
    const jieba = Jieba.withDict(dict);
    const viaJieba = (text: string, mode: "index" | "query") => {
      const normalized = text.normalize("NFKC").toLowerCase();
      const pieces = mode === "index" ? jieba.cutForSearch(normalized, true) : jieba.cut(normalized, true);
      return pieces.flatMap((piece) => piece.match(/[\p{L}\p{N}]+/gu) ?? []);
    };
    const samples = [
      "Minimalist PU leather baby rompers pink 77cm",
      "1.5m cable",
      "C++ 3.5mm jack",
      "hair_clips 12pcs/set",
      "USB-C 2.0 100% cotton",
      "v2.3.1 x1.5 1..5 .5 5.",
      "12.5cm*3.2 ABC-1.5/2.5m",
      "1,000pcs R&D T-shirt N95 don't",
      "ＡＢＣ　１．５ｍ",
      "IMP-9000",
    ];
    for (const mode of ["index", "query"] as const) {
      for (const text of samples) expect(searchWords(text, mode), `${mode}: ${text}`).toEqual(viaJieba(text, mode));
    }
  });
});
