// Money in the portal stays in integer minor units; it becomes text only to show or to type.
const digitsOf = (currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** 250 CNY → "2.50", without dividing a float. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = digitsOf(currency);
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${minor < 0 ? "-" : ""}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** "2.5" CNY → 250; null when it is not a plain amount with at most the currency's digits. */
export function decimalToMinor(text: string, currency: string): number | null {
  const digits = digitsOf(currency);
  const match = text.trim().match(/^(\d{1,12})(?:\.(\d*))?$/);
  if (!match?.[1] || (match[2]?.length ?? 0) > digits) return null;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? "").padEnd(digits, "0") || 0);
}

/** ¥2.50 / CN¥2.50, in the reader's locale; Intl takes the decimal string as is. */
export function formatPrice(minor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(
    minorToDecimal(minor, currency) as unknown as number,
  );
}
