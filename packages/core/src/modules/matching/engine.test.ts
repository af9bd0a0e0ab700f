import { describe, expect, it } from "vitest";
import { demandWords, latinForms, nearMissQuery } from "./engine.js";

describe("demand words", () => {
  it("keep what names the product and drop the filler, in both languages", () => {
    expect(demandWords({ titleZh: "求购PVC圣诞树 2000个", titleEn: "", attributes: {} })).toEqual(["pvc", "圣诞树"]);
    expect(
      demandWords({
        titleZh: "",
        titleEn: "Looking for 30cm teddy bears for Valentine's",
        attributes: { color: "blue" },
      }),
    ).toEqual(["teddy", "bears", "valentine", "blue"]);
  });

  it("match singular and plural forms of English words", () => {
    expect(latinForms("peony")).toEqual(["peony", "peonies"]);
    expect(latinForms("peonies")).toEqual(["peonies", "peony"]);
    expect(latinForms("trees")).toEqual(["trees", "tree"]);
    expect(latinForms("box")).toEqual(["box", "boxes"]);
    expect(latinForms("glasses")).toEqual(["glasses", "glass"]);
    expect(latinForms("glass")).toEqual(["glass", "glasses"]);
  });
});

describe("near misses", () => {
  it("keep the words naming the product and let one of the others go", () => {
    expect(nearMissQuery(["塑料", "车灯", "红色", "plastic"], new Set(["车灯"]))).toBe(
      "车灯 & ((红色 & (plastic | plastics)) | (塑料 & (plastic | plastics)) | (塑料 & 红色))",
    );
    // Without a recognised product, any one word may go.
    expect(nearMissQuery(["pvc", "drone"], new Set())).toBe("((drone | drones)) | ((pvc | pvcs))");
  });

  it("are not looked for when only the product words would remain", () => {
    expect(nearMissQuery(["pvc", "圣诞树"], new Set(["圣诞树"]))).toBeNull();
    expect(nearMissQuery(["圣诞树"], new Set())).toBeNull();
  });
});
