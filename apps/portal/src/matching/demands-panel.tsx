import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@tradecloud/api";
import {
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { decimalToMinor, formatPrice } from "../catalog/money";
import { localName, localTitle } from "../i18n";
import { fieldErrorsOf, useTRPC } from "../trpc";
import { QuoteThread } from "./quote-thread";
import { ReasonTags, StatusTag } from "./reasons";

type Demand = RouterOutputs["matching"]["listMyDemands"]["items"][number];
type CategoryNode = RouterOutputs["catalog"]["categoryTree"][number];
interface DemandForm {
  titleZh?: string;
  titleEn?: string;
  descriptionZh?: string;
  descriptionEn?: string;
  categoryCode?: string;
  quantity: number;
  unit: string;
  targetPrice?: string;
  currency: string;
  requiredBy: string;
  country: string;
  port?: string;
  visibility: "matched" | "invited";
}

const UNITS = ["pcs", "dozen", "pair", "set", "box", "carton", "kg", "m"];
/** The buyer's demands (RFQs): post one, see matched suppliers and why, compare quotes, accept one. */
export function DemandsPanel() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [posting, setPosting] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [form] = Form.useForm<DemandForm>();
  const demands = useQuery(trpc.matching.listMyDemands.queryOptions({ limit: 50 }));
  const tree = useQuery(trpc.catalog.categoryTree.queryOptions());
  const toTree = (nodes: CategoryNode[]): object[] =>
    nodes.map((n) => ({ value: n.code, title: localName(n, i18n.language), children: toTree(n.children) }));
  const post = useMutation(
    trpc.matching.postDemand.mutationOptions({
      onSuccess: async ({ demand }) => {
        setPosting(false);
        form.resetFields();
        await queryClient.invalidateQueries(trpc.matching.listMyDemands.queryFilter());
        setOpenId(demand.id);
      },
      onError: (error) => {
        const fields = fieldErrorsOf(error);
        form.setFields(
          Object.entries(fields).map(([path, errors]) => ({
            name: (path === "targetPriceMinor"
              ? ["targetPrice"]
              : path.startsWith("destination.")
                ? [path === "destination.country" ? "country" : "port"]
                : path.split(".")) as never,
            errors,
          })),
        );
      },
    }),
  );
  const submit = (values: DemandForm) => {
    const target = values.targetPrice?.trim() ? decimalToMinor(values.targetPrice, values.currency) : null;
    if (values.targetPrice?.trim() && target === null) {
      form.setFields([{ name: "targetPrice", errors: [t("matching.badPrice")] }]);
      return;
    }
    post.mutate({
      titleZh: values.titleZh ?? "",
      titleEn: values.titleEn ?? "",
      descriptionZh: values.descriptionZh ?? "",
      descriptionEn: values.descriptionEn ?? "",
      categoryCode: values.categoryCode ?? null,
      quantity: values.quantity,
      unit: values.unit as never,
      targetPriceMinor: target,
      currency: values.currency,
      requiredBy: values.requiredBy,
      destination: { country: values.country, ...(values.port ? { port: values.port } : {}) },
      visibility: values.visibility,
    });
  };

  return (
    <Card
      title={t("matching.myDemands")}
      extra={
        <Button type="primary" data-testid="demand-new" onClick={() => setPosting(true)}>
          {t("matching.postDemand")}
        </Button>
      }
    >
      <Table<Demand>
        rowKey="id"
        size="small"
        loading={demands.isLoading}
        dataSource={demands.data?.items ?? []}
        pagination={false}
        onRow={(d) => ({ onClick: () => setOpenId(d.id), style: { cursor: "pointer" } })}
        columns={[
          { title: t("matching.demand"), render: (_, d) => localTitle(d, i18n.language) },
          { title: t("matching.quantity"), render: (_, d) => `${d.quantity.toLocaleString()} ${d.unit}` },
          {
            title: t("matching.target"),
            render: (_, d) =>
              d.targetPriceMinor === null ? "—" : formatPrice(d.targetPriceMinor, d.currency, i18n.language),
          },
          { title: t("matching.requiredBy"), dataIndex: "requiredBy" },
          { title: t("matching.quotes"), render: (_, d) => `${d.quoteCount} / ${d.maxQuotes}` },
          { title: t("matching.status"), render: (_, d) => <StatusTag status={d.status} /> },
        ]}
      />
      <Modal
        open={posting}
        title={t("matching.postDemand")}
        onCancel={() => setPosting(false)}
        onOk={() => form.submit()}
        okText={t("matching.post")}
        okButtonProps={{ loading: post.isPending, "data-testid": "demand-submit" } as never}
        width={640}
        destroyOnHidden
      >
        <Form<DemandForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ unit: "pcs", currency: "CNY", visibility: "matched", country: "DE" }}
        >
          <Space.Compact block>
            <Form.Item name="titleZh" label={t("matching.titleZh")} style={{ flex: 1 }}>
              <Input data-testid="demand-title-zh" />
            </Form.Item>
            <Form.Item name="titleEn" label={t("matching.titleEn")} style={{ flex: 1 }}>
              <Input data-testid="demand-title-en" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="descriptionEn" label={t("matching.description")}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="categoryCode" label={t("catalog.category")}>
            <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeData={toTree(tree.data ?? [])} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="quantity" label={t("matching.quantity")} rules={[{ required: true }]}>
              <InputNumber data-testid="demand-quantity" />
            </Form.Item>
            <Form.Item name="unit" label={t("matching.unit")}>
              <Select style={{ width: 100 }} options={UNITS.map((u) => ({ value: u, label: u }))} />
            </Form.Item>
            <Form.Item name="targetPrice" label={t("matching.targetPrice")}>
              <Input style={{ width: 120 }} data-testid="demand-target" />
            </Form.Item>
            <Form.Item name="currency" label={t("matching.currency")}>
              <Select style={{ width: 100 }} options={["CNY", "USD", "EUR"].map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="requiredBy" label={t("matching.requiredBy")} rules={[{ required: true }]}>
              <Input type="date" data-testid="demand-required-by" />
            </Form.Item>
            <Form.Item name="country" label={t("matching.country")}>
              <Input style={{ width: 80 }} maxLength={2} />
            </Form.Item>
            <Form.Item name="port" label={t("matching.port")}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="visibility" label={t("matching.visibility")}>
              <Select
                style={{ width: 200 }}
                options={[
                  { value: "matched", label: t("matching.visibleMatched") },
                  { value: "invited", label: t("matching.visibleInvited") },
                ]}
              />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      <Drawer open={openId !== null} onClose={() => setOpenId(null)} width={980} destroyOnHidden>
        {openId ? <DemandDetail demandId={openId} /> : null}
      </Drawer>
    </Card>
  );
}

/** One demand: its matched suppliers with the reasons, and its quotes side by side. */
function DemandDetail({ demandId }: { demandId: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const demand = useQuery(trpc.matching.getDemand.queryOptions({ demandId }));
  const matches = useQuery(trpc.matching.listDemandMatches.queryOptions({ demandId }));
  const quotes = useQuery(trpc.matching.compareQuotes.queryOptions({ demandId }));
  const refresh = async () => {
    await queryClient.invalidateQueries(trpc.matching.pathFilter());
  };
  const invite = useMutation(trpc.matching.inviteSuppliers.mutationOptions({ onSuccess: refresh }));
  const accept = useMutation(trpc.matching.acceptQuote.mutationOptions({ onSuccess: refresh }));
  const reject = useMutation(trpc.matching.rejectQuote.mutationOptions({ onSuccess: refresh }));
  const zh = i18n.language === "zh-CN";
  const d = demand.data;
  const open = d?.status === "open" || d?.status === "quoting";

  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="demand-detail">
      {d ? (
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="demand-title">
          {localTitle(d, i18n.language)} <StatusTag status={d.status} />
        </Typography.Title>
      ) : null}
      {accept.error ? <Typography.Text type="danger">{accept.error.message}</Typography.Text> : null}
      <Card size="small" title={t("matching.quotesCompared")}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          data-testid="quote-comparison"
          dataSource={quotes.data ?? []}
          locale={{ emptyText: t("matching.noQuotes") }}
          expandable={{ expandedRowRender: (q) => <QuoteThread quoteId={q.id} /> }}
          columns={[
            { title: t("matching.supplier"), render: (_, q) => localName(q.supplier, i18n.language) },
            {
              title: t("matching.unitPrice"),
              render: (_, q) => (
                <Space direction="vertical" size={0}>
                  <span>
                    {q.unitPriceInDemandCurrencyMinor === null
                      ? "—"
                      : formatPrice(q.unitPriceInDemandCurrencyMinor, q.demandCurrency, i18n.language)}
                  </span>
                  {q.currency !== q.demandCurrency ? (
                    <Typography.Text type="secondary">
                      {formatPrice(q.unitPriceMinor, q.currency, i18n.language)}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t("matching.total"),
              render: (_, q) =>
                q.totalInDemandCurrencyMinor === null
                  ? "—"
                  : formatPrice(q.totalInDemandCurrencyMinor, q.demandCurrency, i18n.language),
            },
            { title: t("matching.leadTime"), render: (_, q) => t("matching.days", { days: q.leadTimeDays }) },
            { title: t("matching.incoterm"), render: (_, q) => `${q.incoterm} ${q.incotermPlace}` },
            {
              title: t("matching.reliability"),
              render: (_, q) => <Progress percent={Math.round(q.reliability * 100)} size="small" />,
            },
            {
              title: t("matching.matchScore"),
              render: (_, q) => (q.matchScore === null ? "—" : Math.round(q.matchScore * 100)),
            },
            { title: t("matching.validUntil"), dataIndex: "validUntil" },
            { title: t("matching.status"), render: (_, q) => <StatusTag status={q.status} /> },
            {
              title: "",
              render: (_, q) =>
                q.status === "submitted" && open ? (
                  <Space>
                    <Popconfirm title={t("matching.acceptConfirm")} onConfirm={() => accept.mutate({ quoteId: q.id })}>
                      <Button type="primary" size="small" data-testid="quote-accept">
                        {t("matching.accept")}
                      </Button>
                    </Popconfirm>
                    <Button size="small" onClick={() => reject.mutate({ quoteId: q.id })}>
                      {t("matching.reject")}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t("matching.matchedSuppliers")}>
        <List
          data-testid="matched-suppliers"
          loading={matches.isLoading}
          dataSource={matches.data ?? []}
          locale={{ emptyText: t("matching.noMatches") }}
          renderItem={(m) => (
            <List.Item
              extra={
                open && !m.invited && !m.quoted ? (
                  <Button
                    size="small"
                    onClick={() => invite.mutate({ demandId, supplierIds: [m.supplierOrganisationId] })}
                  >
                    {t("matching.invite")}
                  </Button>
                ) : m.quoted ? (
                  <Tag color="green">{t("matching.hasQuoted")}</Tag>
                ) : m.invited ? (
                  <Tag>{t("matching.invited")}</Tag>
                ) : null
              }
            >
              <List.Item.Meta
                avatar={<Progress type="circle" size={44} percent={Math.round(m.score * 100)} />}
                title={
                  <Space>
                    <span>{localTitle(m.listing, i18n.language)}</span>
                    <Typography.Text type="secondary">{localName(m.storefront, i18n.language)}</Typography.Text>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={2}>
                    <span data-testid="match-explanation">{zh ? m.explanation.zh : m.explanation.en}</span>
                    <ReasonTags reasons={m.reasons} />
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
