import { useQuery } from "@tanstack/react-query";
import { Card, Descriptions, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { localName } from "../i18n";
import { useTRPC } from "../trpc";
import { SearchPage } from "./search-page";

/** A storefront as buyers see it: booth, description and its active listings. */
export function StorefrontPage() {
  const { storefrontId = "" } = useParams();
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const storefront = useQuery(trpc.catalog.getStorefront.queryOptions({ storefrontId }));
  const s = storefront.data;
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Card loading={storefront.isLoading} data-testid="storefront-page">
        {s && (
          <>
            <Typography.Title level={3}>{localName(s, i18n.language)}</Typography.Title>
            <Descriptions
              size="small"
              items={[
                {
                  key: "booth",
                  label: t("catalog.booth"),
                  children: [s.booth.district, s.booth.gate, s.booth.street, s.booth.booth].filter(Boolean).join(" · "),
                },
                { key: "contact", label: t("catalog.contact"), children: s.contact.phone ?? s.contact.email ?? "—" },
              ]}
            />
            <Typography.Paragraph type="secondary">
              {i18n.language === "zh-CN" ? s.descriptionZh : s.descriptionEn}
            </Typography.Paragraph>
          </>
        )}
      </Card>
      <SearchPage key={storefrontId} storefrontId={storefrontId} />
    </Space>
  );
}
