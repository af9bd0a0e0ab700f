import { describe, expect, it } from "vitest";
import { explain, scoreMatch } from "./scoring.js";
import { convertMinor, DEFAULT_MATCHING_SETTINGS } from "./settings.js";

const demand = {
  quantity: 1000,
  unit: "pcs",
  targetPriceMinor: 240,
  currency: "CNY",
  postedOn: "2026-11-01",
  requiredBy: "2026-12-01",
};
const listing = {
  unit: "pcs",
  moq: 500,
  priceTiers: [
    { minQuantity: 500, unitPriceMinor: 250 },
    { minQuantity: 1000, unitPriceMinor: 220 },
  ],
  currency: "CNY",
  leadTimeDays: 15,
};
const perfectText = { coverage: 1, titleCoverage: 1, category: 1 };

describe("scoreMatch", () => {
  it("explains a good fit in English and Chinese", () => {
    const match = scoreMatch(demand, listing, perfectText, 0.7, DEFAULT_MATCHING_SETTINGS);
    expect(explain(match.reasons)).toEqual({
      en: "MOQ 500 ≤ 1,000 pcs; ¥2.20 at 1,000 pcs, 8% under target; ships in 15 days, needed in 30",
      zh: "起订量 500 ≤ 1,000 件；1,000 件单价 ¥2.20，低于目标价 8%；15 天发货，需求 30 天内",
    });
    expect(match.parts).toEqual({ text: 1, category: 1, price: 1, moq: 1, leadTime: 1, reliability: 0.7 });
    expect(match.reasons.every((r) => r.ok)).toBe(true);
  });

  it("keeps a near miss, lower, with the reason", () => {
    const small = { ...demand, quantity: 300 };
    const fit = scoreMatch(demand, listing, perfectText, 0.7, DEFAULT_MATCHING_SETTINGS);
    const miss = scoreMatch(small, listing, perfectText, 0.7, DEFAULT_MATCHING_SETTINGS);
    expect(miss.score).toBeLessThan(fit.score);
    expect(miss.score).toBeGreaterThan(0.5);
    expect(miss.parts.moq).toBe(0.6);
    expect(miss.reasons[0]).toMatchObject({ kind: "moq", ok: false, en: "MOQ 500 > your 300 pcs" });
    // Under MOQ the price is the first tier's.
    expect(miss.reasons[1]?.en).toBe("¥2.50 at 500 pcs, 4% over target");
  });

  it("scores price over target down, to nothing at 50% over", () => {
    const dear = { ...listing, priceTiers: [{ minQuantity: 500, unitPriceMinor: 360 }] };
    expect(scoreMatch(demand, dear, perfectText, 0.7, DEFAULT_MATCHING_SETTINGS).parts.price).toBe(0);
    const bit = { ...listing, priceTiers: [{ minQuantity: 500, unitPriceMinor: 264 }] };
    expect(scoreMatch(demand, bit, perfectText, 0.7, DEFAULT_MATCHING_SETTINGS).parts.price).toBe(0.8);
  });

  it("compares across currencies with the market's rates", () => {
    const inUsd = { ...demand, targetPriceMinor: 35, currency: "USD" };
    const match = scoreMatch(inUsd, listing, perfectText, 0.7, DEFAULT_MATCHING_SETTINGS);
    // ¥2.20 = $0.31 at 7.10, 11% under $0.35.
    expect(match.reasons[1]?.en).toBe("¥2.20 at 1,000 pcs, 11% under target");
    const noRate = scoreMatch({ ...inUsd, currency: "CHF" }, listing, perfectText, 0.7, DEFAULT_MATCHING_SETTINGS);
    expect(noRate.parts.price).toBe(0.5);
    expect(noRate.reasons[1]?.ok).toBe(false);
  });

  it("converts dozens and pieces, and flags units that do not convert", () => {
    const dozens = { ...listing, unit: "dozen", moq: 50, priceTiers: [{ minQuantity: 50, unitPriceMinor: 2640 }] };
    const match = scoreMatch(demand, dozens, perfectText, 0.7, DEFAULT_MATCHING_SETTINGS);
    // 1,000 pcs = 84 dozen; ¥26.40 a dozen = ¥2.20 a piece.
    expect(match.reasons[0]?.en).toBe("MOQ 50 ≤ 84 dozen");
    expect(match.reasons[1]?.en).toBe("¥26.40 at 84 dozen, 8% under target");
    const kg = scoreMatch(demand, { ...listing, unit: "kg" }, perfectText, 0.7, DEFAULT_MATCHING_SETTINGS);
    expect(kg.reasons[0]).toMatchObject({ kind: "unit", ok: false, en: "sold per kg, you asked in pcs" });
  });

  it("scores lead time past the date by how much of it fits", () => {
    const slow = scoreMatch(demand, { ...listing, leadTimeDays: 45 }, perfectText, 0.7, DEFAULT_MATCHING_SETTINGS);
    expect(slow.parts.leadTime).toBeCloseTo(30 / 45, 5);
    expect(slow.reasons[2]).toMatchObject({ ok: false, zh: "45 天发货，需求 30 天内" });
  });
});

describe("convertMinor", () => {
  it("converts through CNY in integers, rounding half up", () => {
    expect(convertMinor(100, "USD", "CNY", { USD: "7.10", CNY: "1" })).toBe(710);
    expect(convertMinor(710, "CNY", "USD", { USD: "7.10", CNY: "1" })).toBe(100);
    expect(convertMinor(1000, "CNY", "JPY", { JPY: "0.047", CNY: "1" })).toBe(213);
    expect(convertMinor(5, "CNY", "EUR", {})).toBeNull();
  });
});
