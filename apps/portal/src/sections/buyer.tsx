import { Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { SearchPage } from "../catalog/search-page";
import { DemandsPanel } from "../matching/demands-panel";

export function BuyerSection() {
  const { t } = useTranslation();
  return (
    <div data-testid="section-buyer">
      <Tabs
        defaultActiveKey="search"
        items={[
          { key: "search", label: t("search.search"), children: <SearchPage /> },
          { key: "demands", label: t("matching.myDemands"), children: <DemandsPanel /> },
        ]}
      />
    </div>
  );
}
