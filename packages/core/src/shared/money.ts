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

const DECIMAL = /^(\d{1,13})(?:\.(\d+))?$/;

/**
 * Parses a plain non-negative decimal ("2.50", "12", "0.5") scaled by 10^digits into an integer,
 * without floating point: parseScaledDecimal("12.5", 3) = 12500. Null when it is not such a number
 * or has more fraction digits than `digits`.
 */
export function parseScaledDecimal(text: string, digits: number): number | null {
  const match = DECIMAL.exec(text.trim());
  if (!match?.[1]) return null;
  const fraction = match[2] ?? "";
  let significant = fraction.length;
  while (significant > 0 && fraction[significant - 1] === "0") significant--;
  if (significant > digits) return null;
  // A string of digits is read exactly up to MAX_SAFE_INTEGER; anything larger reads as an unsafe
  // integer and is refused. (BigInt did the same at 5× the cost, which an import pays per cell.)
  const scaled = Number(match[1] + fraction.slice(0, significant).padEnd(digits, "0"));
  return Number.isSafeInteger(scaled) ? scaled : null;
}

/** Parses a decimal price text into the currency's minor units ("2.50" CNY = 250); null if not one. */
export function parseMoney(text: string, currency: string): number | null {
  return parseScaledDecimal(text, currencyExponent(currency));
}

/** An integer scaled by 10^digits back to plain decimal text: formatScaled(12500, 3) = "12.5". */
export function formatScaled(value: number, digits: number): string {
  if (digits === 0) return String(value);
  const sign = value < 0 ? "-" : "";
  const text = String(Math.abs(value)).padStart(digits + 1, "0");
  const fraction = text.slice(-digits).replace(/0+$/, "");
  return `${sign}${text.slice(0, -digits)}${fraction ? `.${fraction}` : ""}`;
}

/** Minor units back to a plain decimal string: formatMoney(250, "CNY") = "2.50". */
export function formatMoney(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? "-" : "";
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, "0");
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
