/** A date and time in the page's language, or null when there is none. */
export function formatTime(date: Date | string | null | undefined, language: string): string | null {
  return date ? new Date(date).toLocaleString(language) : null;
}

/** An API's field errors ("eventTypes.0" → problems) keyed by the form field they belong to. */
export function errorsByField(fields: Record<string, string[]>): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const [path, errors] of Object.entries(fields)) {
    const name = path.split(".")[0] ?? path;
    byField[name] = [...(byField[name] ?? []), ...errors];
  }
  return byField;
}
