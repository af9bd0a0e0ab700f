import { ReloadOutlined } from "@ant-design/icons";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@tradecloud/api";
import { App, Button, Card, Descriptions, Drawer, Popconfirm, Select, Space, Spin, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc";
import { EventTypeTag, useEventTypes } from "./event-types";
import { formatTime } from "./format";

type Delivery = RouterOutputs["webhooks"]["listDeliveries"]["items"][number];
type DeliveryStatus = Delivery["status"];
const STATUSES: DeliveryStatus[] = ["pending", "succeeded", "failed"];
const STATUS_COLORS: Record<DeliveryStatus, string> = { pending: "processing", succeeded: "success", failed: "error" };
/** While any delivery on screen is still pending, the log refreshes this often (ms). */
const PENDING_REFRESH_MS = 3000;

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="delivery-status">
      {t(`deliveries.statuses.${status}`)}
    </Tag>
  );
}

/** The webhook delivery log: newest first, filtered by endpoint and status, a page at a time. */
export function DeliveriesPanel({
  endpointId,
  onEndpointChange,
}: {
  endpointId: string | null;
  onEndpointChange: (endpointId: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const eventTypes = useEventTypes();
  const endpoints = useQuery(trpc.webhooks.listEndpoints.queryOptions());
  const input = { limit: 20, ...(endpointId ? { endpointId } : {}), ...(status ? { status } : {}) };
  const deliveries = useInfiniteQuery(
    trpc.webhooks.listDeliveries.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor,
      refetchInterval: (query) =>
        query.state.data?.pages.some((page) => page.items.some((d) => d.status === "pending"))
          ? PENDING_REFRESH_MS
          : false,
    }),
  );
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];
  const anyPending = items.some((d) => d.status === "pending");
  const when = (date: Date | null) => formatTime(date, i18n.language) ?? "—";

  return (
    <Card
      title={t("deliveries.title")}
      extra={
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void deliveries.refetch()}
          loading={deliveries.isRefetching && !deliveries.isFetchingNextPage}
          data-testid="deliveries-refresh"
        >
          {t("deliveries.refresh")}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ minWidth: 320 }}
          placeholder={t("deliveries.allEndpoints")}
          value={endpointId ?? undefined}
          onChange={(value?: string) => onEndpointChange(value ?? null)}
          options={(endpoints.data ?? []).map((e) => ({ value: e.id, label: e.url }))}
          data-testid="deliveries-endpoint-filter"
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t("deliveries.allStatuses")}
          value={status ?? undefined}
          onChange={(value?: DeliveryStatus) => setStatus(value ?? null)}
          options={STATUSES.map((s) => ({ value: s, label: t(`deliveries.statuses.${s}`) }))}
          data-testid="deliveries-status-filter"
        />
        {anyPending ? (
          <Typography.Text type="secondary" data-testid="deliveries-auto-refresh">
            <Spin size="small" style={{ marginRight: 8 }} />
            {t("deliveries.autoRefresh")}
          </Typography.Text>
        ) : null}
      </Space>
      <Table
        data-testid="deliveries-table"
        rowKey="id"
        loading={deliveries.isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t("deliveries.empty") }}
        onRow={(delivery) => ({ onClick: () => setSelected(delivery.id), style: { cursor: "pointer" } })}
        columns={[
          { title: t("deliveries.time"), render: (_, d) => when(d.createdAt) },
          {
            title: t("deliveries.eventType"),
            render: (_, d) => (
              <Space size={4}>
                <EventTypeTag type={d.eventType} describe={eventTypes.describe} />
                {d.replayOf ? <Tag color="geekblue">{t("deliveries.replay")}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t("deliveries.endpoint"),
            render: (_, d) => (
              <Typography.Text style={{ maxWidth: 320 }} ellipsis={{ tooltip: d.url }}>
                {d.url}
              </Typography.Text>
            ),
          },
          {
            title: t("deliveries.status"),
            render: (_, d) => (
              <Space size={4}>
                <DeliveryStatusTag status={d.status} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("deliveries.attemptsCount", { count: d.attempts })}
                  {d.lastStatusCode !== null ? ` · HTTP ${d.lastStatusCode}` : ""}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t("deliveries.nextAttempt"),
            render: (_, d) => (d.status === "pending" ? when(d.nextAttemptAt) : "—"),
          },
        ]}
      />
      {deliveries.hasNextPage ? (
        <div style={{ textAlign: "center", marginTop: 16 }}>
          <Button
            onClick={() => void deliveries.fetchNextPage()}
            loading={deliveries.isFetchingNextPage}
            data-testid="deliveries-load-more"
          >
            {t("deliveries.loadMore")}
          </Button>
        </div>
      ) : null}
      <DeliveryDrawer deliveryId={selected} onClose={() => setSelected(null)} onReplayed={setSelected} />
    </Card>
  );
}

/** One delivery: what was sent, every attempt, and a replay. */
function DeliveryDrawer({
  deliveryId,
  onClose,
  onReplayed,
}: {
  deliveryId: string | null;
  onClose: () => void;
  onReplayed: (deliveryId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const eventTypes = useEventTypes();
  const delivery = useQuery({
    ...trpc.webhooks.getDelivery.queryOptions({ deliveryId: deliveryId ?? "" }),
    enabled: deliveryId !== null,
    refetchInterval: (query) => (query.state.data?.status === "pending" ? PENDING_REFRESH_MS : false),
  });
  const replay = useMutation(
    trpc.webhooks.replayDelivery.mutationOptions({
      onSuccess: async (replayed) => {
        void message.success(t("deliveries.replayed"));
        await queryClient.invalidateQueries(trpc.webhooks.listDeliveries.pathFilter());
        onReplayed(replayed.deliveryId);
      },
      onError: (error) => void message.error(error.message),
    }),
  );
  const d = delivery.data;
  const when = (date: Date | null) => formatTime(date, i18n.language) ?? "—";

  return (
    <Drawer
      open={deliveryId !== null}
      onClose={onClose}
      width={760}
      title={t("deliveries.detailTitle")}
      extra={
        d ? (
          <Popconfirm title={t("deliveries.replayConfirm")} onConfirm={() => replay.mutate({ deliveryId: d.id })}>
            <Button type="primary" loading={replay.isPending} data-testid="delivery-replay">
              {t("deliveries.replayAction")}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      {!d ? (
        <Spin />
      ) : (
        <div data-testid="delivery-drawer">
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              {
                key: "type",
                label: t("deliveries.eventType"),
                children: (
                  <Space>
                    <EventTypeTag type={d.eventType} describe={eventTypes.describe} />
                    <Typography.Text type="secondary">{eventTypes.describe(d.eventType)}</Typography.Text>
                  </Space>
                ),
              },
              {
                key: "status",
                label: t("deliveries.status"),
                children: (
                  <Space>
                    <DeliveryStatusTag status={d.status} />
                    {d.status === "pending" && d.nextAttemptAt ? (
                      <Typography.Text type="secondary">
                        {t("deliveries.nextAttemptAt", { time: when(d.nextAttemptAt) })}
                      </Typography.Text>
                    ) : null}
                    {d.completedAt ? <Typography.Text type="secondary">{when(d.completedAt)}</Typography.Text> : null}
                  </Space>
                ),
              },
              {
                key: "endpoint",
                label: t("deliveries.endpoint"),
                children: <Typography.Text code>{d.url}</Typography.Text>,
              },
              {
                key: "event",
                label: t("deliveries.eventId"),
                children: (
                  <Typography.Text code copyable data-testid="delivery-event-id">
                    {d.eventId}
                  </Typography.Text>
                ),
              },
              { key: "created", label: t("deliveries.time"), children: when(d.createdAt) },
              ...(d.replayOf
                ? [
                    {
                      key: "replayOf",
                      label: t("deliveries.replayOf"),
                      children: <Typography.Text code>{d.replayOf}</Typography.Text>,
                    },
                  ]
                : []),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t("deliveries.attempts")}
          </Typography.Title>
          <Table
            data-testid="delivery-attempts"
            rowKey="attempt"
            size="small"
            pagination={false}
            dataSource={d.attempts}
            locale={{ emptyText: t("deliveries.noAttempts") }}
            columns={[
              { title: t("deliveries.attempt"), dataIndex: "attempt", width: 70 },
              {
                title: t("deliveries.statusCode"),
                width: 110,
                render: (_, a) => (
                  <Tag color={a.succeeded ? "success" : "error"}>{a.statusCode ?? t("deliveries.noResponse")}</Tag>
                ),
              },
              { title: t("deliveries.latency"), dataIndex: "latencyMs", width: 110 },
              {
                title: t("deliveries.response"),
                render: (_, a) =>
                  a.error ? (
                    <Typography.Text type="danger">{a.error}</Typography.Text>
                  ) : (
                    <Typography.Text code style={{ wordBreak: "break-all" }}>
                      {a.responseExcerpt || "—"}
                    </Typography.Text>
                  ),
              },
              { title: t("deliveries.time"), width: 180, render: (_, a) => when(a.createdAt) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t("deliveries.body")}
          </Typography.Title>
          <Typography.Paragraph copyable={{ text: JSON.stringify(d.body) }} style={{ marginBottom: 0 }}>
            <pre
              data-testid="delivery-body"
              style={{ maxHeight: 360, overflow: "auto", fontSize: 12, margin: 0, whiteSpace: "pre-wrap" }}
            >
              {JSON.stringify(d.body, null, 2)}
            </pre>
          </Typography.Paragraph>
        </div>
      )}
    </Drawer>
  );
}
