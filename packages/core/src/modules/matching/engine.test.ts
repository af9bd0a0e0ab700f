import { describe, expect, it } from "vitest";
import { demandWords, latinForms } from "./engine.js";

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
