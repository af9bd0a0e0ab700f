/**
 * Money is an integer count of the currency's minor units plus its ISO 4217 code; never a float.
 * The number of minor digits comes from the platform's ICU data (Intl), not a hand-kept table.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

const exponents = new Map<string, number>();

/** Minor digits of an ISO 4217 currency: CNY 2, JPY 0, KWD 3. Throws for an unknown code. */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  let exponent = exponents.get(code);
  if (exponent === undefined) {
    if (!/^[A-Z]{3}$/.test(code) || !Intl.supportedValuesOf("currency").includes(code)) {
      throw new RangeError(`Unknown currency ${currency}`);
    }
    exponent = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions()
      .maximumFractionDigits as number;
    exponents.set(code, exponent);
  }
  return exponent;
}

export function isCurrency(code: string): boolean {
  try {
    currencyExponent(code);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses a decimal string ("2.50", "1200", "0.5") into minor units without floating point.
 * Returns null for anything that is not a plain non-negative decimal with at most the currency's
 * minor digits.
 */
export function parseMoney(text: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  const match = text.trim().match(/^(\d{1,13})(?:\.(\d+))?$/);
  if (!match?.[1]) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > exponent) return null;
  const minor = BigInt(match[1]) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, "0") || "0");
  return minor > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(minor);
}

/** Minor units back to a plain decimal string: formatMoney(250, "CNY") = "2.50". */
export function formatMoney(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? "-" : "";
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, "0");
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
