import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@tradecloud/api";
import { Button, Card, Input, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc";
import { ListingEditor } from "./listing-editor";
import { formatPrice } from "./money";

type Listing = RouterOutputs["catalog"]["listMyListings"]["items"][number];
const STATUS_COLOURS = { draft: "default", active: "green", archived: "orange" } as const;
const PAGE = 20;

/** The merchant's listings: search, filter by status, change many at once, open the editor. */
export function ListingsPanel({ storefrontId }: { storefrontId: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<Listing["status"] | undefined>();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState<Listing | "new" | null>(null);
  const listings = useQuery(
    trpc.catalog.listMyListings.queryOptions({
      storefrontId,
      q: q || undefined,
      status,
      limit: PAGE,
      offset: (page - 1) * PAGE,
    }),
  );
  const setStatusMany = useMutation(
    trpc.catalog.setListingStatus.mutationOptions({
      onSuccess: async () => {
        setSelected([]);
        await queryClient.invalidateQueries(trpc.catalog.listMyListings.queryFilter());
      },
    }),
  );

  return (
    <Card
      title={t("catalog.listings")}
      extra={
        <Button type="primary" onClick={() => setEditing("new")} data-testid="listing-new">
          {t("catalog.newListing")}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t("catalog.searchMine")}
          onSearch={(value) => {
            setQ(value);
            setPage(1);
          }}
          style={{ width: 280 }}
          data-testid="listings-search"
        />
        <Select
          allowClear
          placeholder={t("catalog.status")}
          style={{ width: 160 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={(["draft", "active", "archived"] as const).map((s) => ({
            value: s,
            label: t(`catalog.listingStatus.${s}`),
          }))}
        />
        {selected.length > 0 &&
          (["active", "archived", "draft"] as const).map((s) => (
            <Button
              key={s}
              onClick={() => setStatusMany.mutate({ listingIds: selected, status: s })}
              data-testid={`bulk-${s}`}
            >
              {t(`catalog.bulk.${s}`, { count: selected.length })}
            </Button>
          ))}
      </Space>
      <Table<Listing>
        rowKey="id"
        data-testid="listings-table"
        loading={listings.isLoading}
        dataSource={listings.data?.items ?? []}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: listings.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        onRow={(listing) => ({ onDoubleClick: () => setEditing(listing) })}
        columns={[
          { title: "SKU", dataIndex: "sku", width: 120 },
          {
            title: t("catalog.title"),
            render: (_, l) => (i18n.language === "zh-CN" ? l.titleZh || l.titleEn : l.titleEn || l.titleZh),
          },
          { title: t("catalog.moq"), render: (_, l) => `${l.moq} ${t(`catalog.units.${l.unit}`)}`, width: 110 },
          {
            title: t("catalog.priceFrom"),
            render: (_, l) => {
              const last = l.priceTiers[l.priceTiers.length - 1];
              return last ? formatPrice(last.unitPriceMinor, l.currency, i18n.language) : "—";
            },
            width: 110,
          },
          { title: t("catalog.leadTime"), dataIndex: "leadTimeDays", width: 90 },
          {
            title: t("catalog.status"),
            render: (_, l) => <Tag color={STATUS_COLOURS[l.status]}>{t(`catalog.listingStatus.${l.status}`)}</Tag>,
            width: 100,
          },
          {
            title: "",
            render: (_, l) => (
              <Button size="small" onClick={() => setEditing(l)}>
                {t("catalog.edit")}
              </Button>
            ),
            width: 80,
          },
        ]}
      />
      {editing && <ListingEditor storefrontId={storefrontId} listing={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
