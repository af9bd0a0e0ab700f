import { ApiOutlined, FileTextOutlined, LinkOutlined } from "@ant-design/icons";
import { Space, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ApiKeysPanel } from "../developers/api-keys-panel";
import { DeliveriesPanel } from "../developers/deliveries-panel";
import { WebhooksPanel } from "../developers/webhooks-panel";

const TABS = ["keys", "webhooks", "deliveries"] as const;
type Tab = (typeof TABS)[number];

/** Developers (owners and admins): API keys, webhook endpoints, the delivery log, and the API reference. */
export function DevelopersPage() {
  const { t } = useTranslation();
  // The tab and the delivery log's endpoint live in the address, so a reload or a shared link keeps them.
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((key) => key === params.get("tab")) ?? "keys";
  const endpointId = params.get("endpoint");
  const go = (next: Tab, endpoint: string | null = endpointId) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        updated.set("tab", next);
        if (endpoint) updated.set("endpoint", endpoint);
        else updated.delete("endpoint");
        return updated;
      },
      { replace: true },
    );

  return (
    <div data-testid="developers-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("developers.pageTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("developers.intro")}</Typography.Paragraph>
      <Space size="large" wrap style={{ marginBottom: 8 }} data-testid="developer-links">
        <a href="/docs" target="_blank" rel="noreferrer" data-testid="link-api-reference">
          <ApiOutlined /> {t("developers.reference")}
        </a>
        <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer" data-testid="link-openapi">
          <FileTextOutlined /> {t("developers.openapi")}
        </a>
        <a href="https://www.standardwebhooks.com/" target="_blank" rel="noreferrer">
          <LinkOutlined /> {t("developers.standardWebhooks")}
        </a>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(key) => go(key as Tab)}
        items={[
          { key: "keys", label: t("developers.tabs.keys"), children: <ApiKeysPanel /> },
          {
            key: "webhooks",
            label: t("developers.tabs.webhooks"),
            children: <WebhooksPanel onShowDeliveries={(endpoint) => go("deliveries", endpoint)} />,
          },
          {
            key: "deliveries",
            label: t("developers.tabs.deliveries"),
            children: (
              <DeliveriesPanel endpointId={endpointId} onEndpointChange={(endpoint) => go("deliveries", endpoint)} />
            ),
          },
        ]}
      />
    </div>
  );
}
