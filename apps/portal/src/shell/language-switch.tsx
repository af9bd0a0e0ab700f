import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "../i18n";

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <Segmented
      data-testid="language-switch"
      size="small"
      value={i18n.language}
      options={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      onChange={(language) => void i18n.changeLanguage(String(language))}
    />
  );
}
