import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { RouterInputs, RouterOutputs } from "@tradecloud/api";
import {
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Input,
  InputNumber,
  List,
  Row,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { localName, localTitle } from "../i18n";
import { useTRPC } from "../trpc";
import { decimalToMinor, formatPrice } from "./money";

type SearchInput = RouterInputs["catalog"]["search"];
type Hit = RouterOutputs["catalog"]["search"]["items"][number];
type CategoryNode = RouterOutputs["catalog"]["categoryTree"][number];

/** Buyer search: Chinese or English text, filters, facets, prices at the buyer's quantity. */
export function SearchPage({ storefrontId }: { storefrontId?: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [filters, setFilters] = useState<Omit<SearchInput, "cursor">>({ sort: "relevance", limit: 20, storefrontId });
  const [cursors, setCursors] = useState<string[]>([]);
  const [open, setOpen] = useState<Hit | null>(null);
  const [maxPrice, setMaxPrice] = useState("");
  const tree = useQuery(trpc.catalog.categoryTree.queryOptions());
  const input = { ...filters, cursor: cursors[cursors.length - 1] };
  const results = useQuery({ ...trpc.catalog.search.queryOptions(input), placeholderData: keepPreviousData });
  const names = new Map<string, string>();
  const walk = (nodes: CategoryNode[]) =>
    nodes.forEach((n) => {
      names.set(n.code, localName(n, i18n.language));
      walk(n.children);
    });
  walk(tree.data ?? []);
  const toTree = (nodes: CategoryNode[]): object[] =>
    nodes.map((n) => ({ value: n.code, title: localName(n, i18n.language), children: toTree(n.children) }));
  const update = (change: Partial<SearchInput>) => {
    setCursors([]);
    setFilters((f) => ({ ...f, ...change }));
  };
  const currency = filters.currency ?? "CNY";

  return (
    <Row gutter={16}>
      <Col xs={24} lg={6}>
        <Card size="small" title={t("search.filters")}>
          <Space direction="vertical" style={{ width: "100%" }}>
            <TreeSelect
              allowClear
              showSearch
              treeNodeFilterProp="title"
              placeholder={t("catalog.category")}
              style={{ width: "100%" }}
              value={filters.categoryCode}
              treeData={toTree(tree.data ?? [])}
              onChange={(code) => update({ categoryCode: code || undefined })}
            />
            <InputNumber
              min={1}
              style={{ width: "100%" }}
              placeholder={t("search.quantity")}
              addonBefore={t("search.quantity")}
              value={filters.quantity}
              onChange={(quantity) => update({ quantity: quantity ?? undefined })}
              data-testid="search-quantity"
            />
            <Input
              allowClear
              placeholder="10.00"
              addonBefore={t("search.maxPrice")}
              value={maxPrice}
              onChange={(e) => {
                setMaxPrice(e.target.value);
                update({ maxPriceMinor: decimalToMinor(e.target.value, currency) ?? undefined });
              }}
            />
            <Select
              allowClear
              style={{ width: "100%" }}
              placeholder={t("search.maxLeadTime")}
              value={filters.maxLeadTimeDays}
              onChange={(days) => update({ maxLeadTimeDays: days })}
              options={[7, 15, 30, 45].map((d) => ({ value: d, label: t("search.withinDays", { days: d }) }))}
            />
          </Space>
        </Card>
        {results.data && (
          <Card size="small" title={t("search.facets")} style={{ marginTop: 16 }} data-testid="search-facets">
            <Typography.Text strong>{t("catalog.category")}</Typography.Text>
            <List
              size="small"
              dataSource={results.data.facets.categories.slice(0, 10)}
              renderItem={(f) => (
                <List.Item onClick={() => update({ categoryCode: f.code })} style={{ cursor: "pointer" }}>
                  {names.get(f.code) ?? f.code} <Tag>{f.count}</Tag>
                </List.Item>
              )}
            />
            <Typography.Text strong>{t("catalog.attributes")}</Typography.Text>
            <Space wrap style={{ marginTop: 8 }}>
              {results.data.facets.attributes.slice(0, 24).map((f) => (
                <Tag
                  key={`${f.key}=${f.value}`}
                  color={filters.attributes?.[f.key] === f.value ? "red" : undefined}
                  style={{ cursor: "pointer" }}
                  onClick={() => update({ attributes: { ...filters.attributes, [f.key]: f.value } })}
                >
                  {f.key}: {f.value} ({f.count})
                </Tag>
              ))}
            </Space>
            {(filters.attributes || filters.categoryCode) && (
              <Button type="link" onClick={() => update({ attributes: undefined, categoryCode: undefined })}>
                {t("search.clearFilters")}
              </Button>
            )}
          </Card>
        )}
      </Col>
      <Col xs={24} lg={18}>
        <Space style={{ width: "100%", marginBottom: 16 }} wrap>
          <Input.Search
            enterButton={t("search.search")}
            size="large"
            style={{ width: 480 }}
            placeholder={t("search.placeholder")}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(q) => update({ q: q || undefined })}
            data-testid="search-input"
          />
          <Select
            value={filters.sort}
            style={{ width: 180 }}
            onChange={(sort) => update({ sort })}
            options={(["relevance", "price", "newest"] as const).map((s) => ({
              value: s,
              label: t(`search.sort.${s}`),
            }))}
          />
        </Space>
        {results.data?.fuzzy && <Typography.Paragraph type="warning">{t("search.corrected")}</Typography.Paragraph>}
        <List
          data-testid="search-results"
          loading={results.isFetching}
          locale={{ emptyText: <Empty description={t("search.nothing")} /> }}
          dataSource={results.data?.items ?? []}
          renderItem={(hit) => (
            <List.Item
              key={hit.id}
              onClick={() => setOpen(hit)}
              style={{ cursor: "pointer" }}
              data-testid="search-hit"
              extra={
                <Space direction="vertical" align="end">
                  <Typography.Text strong style={{ fontSize: 18, color: "#c8102e" }}>
                    {formatPrice(hit.unitPriceMinor, hit.currency, i18n.language)}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t("search.perUnit", { unit: t(`catalog.units.${hit.unit}`) })}
                  </Typography.Text>
                </Space>
              }
            >
              <List.Item.Meta
                title={localTitle(hit, i18n.language)}
                description={
                  <Space wrap>
                    <Link to={`/storefronts/${hit.storefront.id}`} onClick={(e) => e.stopPropagation()}>
                      {localName(hit.storefront, i18n.language)}
                    </Link>
                    <Tag>{t("search.moq", { moq: hit.moq, unit: t(`catalog.units.${hit.unit}`) })}</Tag>
                    <Tag>{t("search.leadTime", { days: hit.leadTimeDays })}</Tag>
                    <Tag>{names.get(hit.categoryCode) ?? hit.categoryCode}</Tag>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
        <Space style={{ marginTop: 16 }}>
          <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t("search.previous")}
          </Button>
          <Button
            disabled={!results.data?.nextCursor}
            onClick={() => results.data?.nextCursor && setCursors((c) => [...c, results.data.nextCursor as string])}
            data-testid="search-next"
          >
            {t("search.next")}
          </Button>
          {results.data && (
            <Typography.Text type="secondary">
              {t(results.data.capped ? "search.countCapped" : "search.count", { count: results.data.candidateCount })}
            </Typography.Text>
          )}
        </Space>
      </Col>
      {open && <ListingDrawer hit={open} onClose={() => setOpen(null)} quantity={filters.quantity} />}
    </Row>
  );
}

function ListingDrawer({ hit, onClose, quantity }: { hit: Hit; onClose: () => void; quantity?: number | undefined }) {
  const { t, i18n } = useTranslation();
  return (
    <Drawer open width={620} title={localTitle(hit, i18n.language)} onClose={onClose} data-testid="listing-drawer">
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          {
            key: "t2",
            label: t("catalog.titleOther"),
            children: i18n.language === "zh-CN" ? hit.titleEn : hit.titleZh,
          },
          {
            key: "store",
            label: t("catalog.storefront"),
            children: <Link to={`/storefronts/${hit.storefront.id}`}>{localName(hit.storefront, i18n.language)}</Link>,
          },
          { key: "sku", label: "SKU", children: hit.sku },
          { key: "moq", label: t("catalog.moq"), children: `${hit.moq} ${t(`catalog.units.${hit.unit}`)}` },
          { key: "lead", label: t("catalog.leadTime"), children: t("search.leadTime", { days: hit.leadTimeDays }) },
          {
            key: "attrs",
            label: t("catalog.attributes"),
            children: Object.entries(hit.attributes).map(([k, v]) => <Tag key={k}>{`${k}: ${v}`}</Tag>),
          },
          {
            key: "carton",
            label: t("catalog.carton"),
            children: hit.carton
              ? `${hit.carton.pcsPerCarton} / ${hit.carton.lengthCm}×${hit.carton.widthCm}×${hit.carton.heightCm} cm / ${hit.carton.grossGrams / 1000} kg`
              : "—",
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t("catalog.priceTiers")}
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="minQuantity"
        dataSource={hit.priceTiers}
        rowClassName={(tier, i) => {
          const next = hit.priceTiers[i + 1];
          return quantity && quantity >= tier.minQuantity && (!next || quantity < next.minQuantity)
            ? "ant-table-row-selected"
            : "";
        }}
        columns={[
          { title: t("catalog.quantity"), render: (_, tier) => `≥ ${tier.minQuantity}` },
          {
            title: t("catalog.unitPrice"),
            render: (_, tier) => formatPrice(tier.unitPriceMinor, hit.currency, i18n.language),
          },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {i18n.language === "zh-CN" ? hit.descriptionZh || hit.descriptionEn : hit.descriptionEn || hit.descriptionZh}
      </Typography.Paragraph>
    </Drawer>
  );
}
