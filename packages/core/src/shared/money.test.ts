import { describe, expect, it } from "vitest";
import { currencyExponent, formatMoney, parseMoney, parseScaledDecimal } from "./money.js";

describe("money in minor units", () => {
  it("knows each currency's minor digits", () => {
    expect(currencyExponent("CNY")).toBe(2);
    expect(currencyExponent("usd")).toBe(2);
    expect(currencyExponent("JPY")).toBe(0);
    expect(currencyExponent("KWD")).toBe(3);
    expect(() => currencyExponent("XYZ1")).toThrow(/Unknown currency/);
  });

  it("parses decimal text exactly, without floating point", () => {
    expect(parseMoney("2.50", "CNY")).toBe(250);
    expect(parseMoney("0.1", "CNY")).toBe(10);
    expect(parseMoney("1200", "JPY")).toBe(1200);
    expect(parseMoney("19.99", "USD")).toBe(1999);
    // 0.1 + 0.2 style errors cannot happen: digits are joined, never multiplied as floats.
    expect(parseMoney("4.35", "CNY")).toBe(435);
    expect(parseMoney("1.005", "CNY")).toBeNull();
    expect(parseMoney("-1", "CNY")).toBeNull();
    expect(parseMoney("abc", "CNY")).toBeNull();
    expect(parseMoney("1.5", "JPY")).toBeNull();
  });

  it("scales decimals to integers up to the largest safe one, and refuses beyond", () => {
    expect(parseScaledDecimal("12.5", 3)).toBe(12500);
    expect(parseScaledDecimal(" 1.230 ", 2)).toBe(123); // trailing zeros are not precision
    expect(parseScaledDecimal("007", 2)).toBe(700);
    expect(parseScaledDecimal("0.000", 0)).toBe(0);
    expect(parseScaledDecimal("9007199254740.991", 3)).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseScaledDecimal("9007199254740.992", 3)).toBeNull();
    expect(parseScaledDecimal("9999999999999.999", 3)).toBeNull();
    expect(parseScaledDecimal("12345678901234", 0)).toBeNull(); // more than 13 whole digits
    expect(parseScaledDecimal("1.", 2)).toBeNull();
    expect(parseScaledDecimal(".5", 2)).toBeNull();
  });

  it("formats minor units back to the same text", () => {
    expect(formatMoney(250, "CNY")).toBe("2.50");
    expect(formatMoney(5, "CNY")).toBe("0.05");
    expect(formatMoney(1200, "JPY")).toBe("1200");
    expect(formatMoney(1234, "KWD")).toBe("1.234");
  });
});
