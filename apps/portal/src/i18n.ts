import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./locales/en.json";
import zhCN from "./locales/zh-CN.json";

export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "tradecloud.language";

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === "zh-CN" || saved === "en") return saved;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
  lng: initialLanguage(),
  fallbackLng: "en",
  interpolation: { escapeValue: false },
});

i18n.on("languageChanged", (language) => {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
});

/** Picks the Chinese or English form of a bilingual name for the current language. */
export const localName = (item: { nameZh: string; nameEn: string }, language: string) =>
  language === "zh-CN" ? item.nameZh : item.nameEn;

/** A bilingual title in the reader's language, else the other one (either may be empty). */
export const localTitle = (item: { titleZh: string; titleEn: string }, language: string) =>
  language === "zh-CN" ? item.titleZh || item.titleEn : item.titleEn || item.titleZh;

export default i18n;
