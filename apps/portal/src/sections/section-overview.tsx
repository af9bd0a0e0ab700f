import { useQuery } from "@tanstack/react-query";
import { Card, Col, Row, Space, Statistic, Tag, Tree, Typography } from "antd";
import type { DataNode } from "antd/es/tree";
import { useTranslation } from "react-i18next";
import { localName } from "../i18n";
import { useActiveOrganisation } from "../shell/app-shell";
import { useTRPC } from "../trpc";

interface CategoryNode {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  children: CategoryNode[];
}

const countLeaves = (nodes: CategoryNode[]): number =>
  nodes.reduce((n, node) => n + (node.children.length ? countLeaves(node.children) : 1), 0);

/** The welcome card every role's section opens with: who acts, what this section is for, the market's categories. */
export function SectionOverview({ kind }: { kind: "merchant" | "buyer" | "logistics" | "lender" | "operator" }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const { me, active } = useActiveOrganisation();
  const tree = useQuery(trpc.catalog.categoryTree.queryOptions());
  const toData = (nodes: CategoryNode[]): DataNode[] =>
    nodes.map((node) => ({ key: node.code, title: localName(node, i18n.language), children: toData(node.children) }));

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid={`overview-${kind}`}>
      <Card>
        <Typography.Title level={3}>{t("sections.welcome", { name: me.data?.user.name ?? "" })}</Typography.Title>
        <Space wrap>
          <Typography.Text strong>{active ? localName(active, i18n.language) : ""}</Typography.Text>
          {active?.kinds.map((k) => (
            <Tag key={k} color="red">
              {t(`kinds.${k}`)}
            </Tag>
          ))}
          {active && <Tag>{t(`roles.${active.role}`)}</Tag>}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t(`sections.${kind}`)}
        </Typography.Paragraph>
      </Card>
      <Card title={t("categories.title")} loading={tree.isLoading}>
        {tree.data && (
          <Row gutter={24}>
            <Col xs={24} md={6}>
              <Statistic title={t("categories.industries")} value={tree.data.length} data-testid="industry-count" />
              <Typography.Text type="secondary">
                {t("categories.summary", { industries: tree.data.length, leaves: countLeaves(tree.data) })}
              </Typography.Text>
            </Col>
            <Col xs={24} md={18}>
              <Tree treeData={toData(tree.data)} height={360} />
            </Col>
          </Row>
        )}
      </Card>
    </Space>
  );
}
