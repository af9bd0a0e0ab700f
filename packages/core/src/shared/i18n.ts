import { AsyncLocalStorage } from "node:async_hooks";
import { z } from "zod";
import { en, zhCN } from "zod/locales";
import type { Locale } from "../modules/tenancy/tables.js";

export type { Locale };

/** A message in both languages the portal shows. */
export interface Bilingual {
  en: string;
  zh: string;
}

const requestLocale = new AsyncLocalStorage<Locale>();

/** Runs `fn` with `locale` as the language of every message produced inside it. */
export function runWithLocale<T>(locale: Locale, fn: () => T): T {
  return requestLocale.run(locale, fn);
}

export function currentLocale(): Locale {
  return requestLocale.getStore() ?? "en";
}

export function pick(message: Bilingual, locale: Locale = currentLocale()): string {
  return locale === "zh-CN" ? message.zh : message.en;
}

/** Picks the caller's language from an Accept-Language header; English unless Chinese comes first. */
export function localeFromHeader(header: string | null | undefined): Locale {
  if (!header) return "en";
  const first = header.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("zh") ? "zh-CN" : "en";
}

const zhErrors = zhCN().localeError;
const enErrors = en().localeError;
// Zod's own messages follow the request's language: one global map that asks which one it is.
z.config({
  localeError: (issue) => (currentLocale() === "zh-CN" ? zhErrors(issue) : enErrors(issue)),
});

/** A zod custom error in both languages: `z.string().min(8, { error: bilingual(…) })`. */
export const bilingual = (en: string, zh: string) => () => pick({ en, zh });
