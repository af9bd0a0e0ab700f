import { useQuery } from "@tanstack/react-query";
import { Card, Space, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { CategoriesPanel } from "../catalog/categories-panel";
import { WebhookSettingsCard } from "../developers/webhook-settings-card";
import { localName } from "../i18n";
import { useActiveOrganisation } from "../shell/app-shell";
import { useTRPC } from "../trpc";
import { SectionOverview } from "./section-overview";

export function OperatorSection() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const organisations = useQuery(trpc.tenancy.listOrganisations.queryOptions());
  const { active } = useActiveOrganisation();
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="section-operator">
      <SectionOverview kind="operator" />
      <CategoriesPanel />
      <Card title={t("organisations.title")}>
        <Table
          data-testid="organisations-table"
          rowKey="id"
          loading={organisations.isLoading}
          dataSource={organisations.data ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t("organisations.name"), render: (_, o) => localName(o, i18n.language) },
            {
              title: t("organisations.kinds"),
              render: (_, o) => o.kinds.map((k) => <Tag key={k}>{t(`kinds.${k}`)}</Tag>),
            },
            { title: t("organisations.country"), dataIndex: "country" },
            { title: t("organisations.city"), dataIndex: "city" },
            { title: t("organisations.members"), dataIndex: "members" },
          ]}
        />
      </Card>
      <WebhookSettingsCard canChange={active?.role === "owner" || active?.role === "admin"} />
    </Space>
  );
}
