/**
 * Milliseconds a `Retry-After` header asks for: delta-seconds (`"30"`) or an HTTP date
 * (`"Wed, 21 Oct 2026 07:28:00 GMT"`). Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
