import { useQuery } from "@tanstack/react-query";
import { Empty, Select, Space, Tabs } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ImportPanel } from "../catalog/import-panel";
import { ListingsPanel } from "../catalog/listings-panel";
import { StorefrontsPanel } from "../catalog/storefronts-panel";
import { localName } from "../i18n";
import { InboxPanel } from "../matching/inbox-panel";
import { useTRPC } from "../trpc";
import { SectionOverview } from "./section-overview";

export function MerchantSection() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const storefronts = useQuery(trpc.catalog.listMyStorefronts.queryOptions());
  const [chosen, setChosen] = useState<string | null>(null);
  const storefrontId = chosen ?? storefronts.data?.[0]?.id ?? null;
  const picker =
    (storefronts.data?.length ?? 0) > 1 ? (
      <Select
        value={storefrontId}
        onChange={setChosen}
        style={{ minWidth: 260 }}
        options={(storefronts.data ?? []).map((s) => ({ value: s.id, label: localName(s, i18n.language) }))}
      />
    ) : null;
  const needsStorefront = <Empty description={t("catalog.noStorefront")} />;
  return (
    <div data-testid="section-merchant">
      <Tabs
        defaultActiveKey="listings"
        tabBarExtraContent={picker}
        items={[
          {
            key: "listings",
            label: t("catalog.listings"),
            children: storefrontId ? <ListingsPanel storefrontId={storefrontId} /> : needsStorefront,
          },
          {
            key: "import",
            label: t("catalog.importExport"),
            children: storefrontId ? <ImportPanel storefrontId={storefrontId} /> : needsStorefront,
          },
          { key: "inbox", label: t("matching.inbox"), children: <InboxPanel /> },
          { key: "storefronts", label: t("catalog.storefronts"), children: <StorefrontsPanel /> },
          {
            key: "overview",
            label: t("catalog.overview"),
            children: (
              <Space direction="vertical" style={{ width: "100%" }}>
                <SectionOverview kind="merchant" />
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
