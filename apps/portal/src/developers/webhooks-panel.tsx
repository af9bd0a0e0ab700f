import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@tradecloud/api";
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrorsOf, useTRPC } from "../trpc";
import { EventTypeTag, useEventTypes } from "./event-types";
import { errorsByField, formatTime } from "./format";

type Endpoint = RouterOutputs["webhooks"]["listEndpoints"][number];
interface EndpointForm {
  url: string;
  description?: string;
  eventTypes: string[];
}
const FORM_FIELDS = ["url", "description", "eventTypes"] as const;

/** Why a secret is on screen: just created, asked for, or just replaced. */
type ShownSecret = { kind: "created" | "shown" | "rotated"; url: string; secret: string };

function EndpointStatus({ endpoint }: { endpoint: Endpoint }) {
  const { t, i18n } = useTranslation();
  if (!endpoint.enabled && endpoint.disabledReason) {
    return (
      <Space direction="vertical" size={2} data-testid="endpoint-status">
        <Tag color="red">{t("webhooks.status.disabledByPlatform")}</Tag>
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {endpoint.disabledReason}
        </Typography.Text>
      </Space>
    );
  }
  if (!endpoint.enabled) {
    return <Tag data-testid="endpoint-status">{t("webhooks.status.disabled")}</Tag>;
  }
  if (endpoint.failingSince) {
    return (
      <Space direction="vertical" size={2} data-testid="endpoint-status">
        <Tag color="orange">{t("webhooks.status.failing")}</Tag>
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t("webhooks.failingSince", { time: formatTime(endpoint.failingSince, i18n.language) })}
        </Typography.Text>
      </Space>
    );
  }
  return (
    <Tag color="green" data-testid="endpoint-status">
      {t("webhooks.status.enabled")}
    </Tag>
  );
}

/** The organisation's webhook endpoints: add one (its signing secret shown), test, turn off, rotate, delete. */
export function WebhooksPanel({ onShowDeliveries }: { onShowDeliveries: (endpointId: string) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<EndpointForm>();
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const eventTypes = useEventTypes();
  const endpoints = useQuery(trpc.webhooks.listEndpoints.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.webhooks.listEndpoints.queryFilter());
  const failed = (error: { message: string }) => void message.error(error.message);

  const create = useMutation(
    trpc.webhooks.createEndpoint.mutationOptions({
      onSuccess: async (created) => {
        setAdding(false);
        form.resetFields();
        setShown({ kind: "created", url: created.url, secret: created.secret });
        await refresh();
      },
      onError: (error) => {
        const fields = errorsByField(fieldErrorsOf(error));
        const known = FORM_FIELDS.some((name) => fields[name]);
        form.setFields(
          FORM_FIELDS.map((name) => ({
            name,
            errors: fields[name] ?? (!known && name === "url" ? [error.message] : []),
          })),
        );
      },
    }),
  );
  const update = useMutation(trpc.webhooks.updateEndpoint.mutationOptions({ onSuccess: refresh, onError: failed }));
  const remove = useMutation(
    trpc.webhooks.deleteEndpoint.mutationOptions({
      onSuccess: async () => {
        await refresh();
        await queryClient.invalidateQueries(trpc.webhooks.listDeliveries.pathFilter());
      },
      onError: failed,
    }),
  );
  const sendTest = useMutation(
    trpc.webhooks.sendTestEvent.mutationOptions({
      onSuccess: async () => {
        void message.success(t("webhooks.testSent"));
        await queryClient.invalidateQueries(trpc.webhooks.listDeliveries.pathFilter());
      },
      onError: failed,
    }),
  );
  const rotate = useMutation(
    trpc.webhooks.rotateEndpointSecret.mutationOptions({
      onSuccess: (rotated) => {
        const endpoint = endpoints.data?.find((e) => e.id === rotated.endpointId);
        setShown({ kind: "rotated", url: endpoint?.url ?? "", secret: rotated.secret });
      },
      onError: failed,
    }),
  );
  const showSecret = async (endpoint: Endpoint) => {
    try {
      const { secret } = await queryClient.fetchQuery({
        ...trpc.webhooks.getEndpointSecret.queryOptions({ endpointId: endpoint.id }),
        staleTime: 0,
      });
      setShown({ kind: "shown", url: endpoint.url, secret });
    } catch (error) {
      failed(error as Error);
    }
  };
  const busy = (mutation: { isPending: boolean; variables?: { endpointId: string } }, id: string) =>
    mutation.isPending && mutation.variables?.endpointId === id;

  return (
    <Card
      title={t("webhooks.endpoints")}
      extra={
        <Button
          type="primary"
          data-testid="endpoint-new"
          onClick={() => {
            form.resetFields();
            setAdding(true);
          }}
        >
          {t("webhooks.addEndpoint")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t("webhooks.intro")}</Typography.Paragraph>
      <Table
        data-testid="endpoints-table"
        rowKey="id"
        loading={endpoints.isLoading}
        dataSource={endpoints.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t("webhooks.noEndpoints") }}
        columns={[
          {
            title: t("webhooks.url"),
            render: (_, e) => (
              <Space direction="vertical" size={0}>
                <Typography.Text code style={{ wordBreak: "break-all" }} data-testid="endpoint-url">
                  {e.url}
                </Typography.Text>
                {e.description ? <Typography.Text type="secondary">{e.description}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            title: t("webhooks.eventTypes"),
            render: (_, e) =>
              e.eventTypes.length === 0 ? (
                <Tag color="purple">{t("webhooks.allEvents")}</Tag>
              ) : (
                <Space size={[0, 4]} wrap>
                  {e.eventTypes.map((type) => (
                    <EventTypeTag key={type} type={type} describe={eventTypes.describe} />
                  ))}
                </Space>
              ),
          },
          { title: t("webhooks.statusTitle"), render: (_, e) => <EndpointStatus endpoint={e} /> },
          {
            title: t("webhooks.enabled"),
            render: (_, e) => (
              <Switch
                checked={e.enabled}
                loading={busy(update, e.id)}
                onChange={(enabled) => update.mutate({ endpointId: e.id, enabled })}
                data-testid="endpoint-enabled"
              />
            ),
          },
          {
            title: "",
            render: (_, e) => (
              <Space wrap size="small">
                <Tooltip title={e.enabled ? null : t("webhooks.testNeedsEnabled")}>
                  <Button
                    size="small"
                    disabled={!e.enabled}
                    loading={busy(sendTest, e.id)}
                    onClick={() => sendTest.mutate({ endpointId: e.id })}
                    data-testid="endpoint-test"
                  >
                    {t("webhooks.sendTest")}
                  </Button>
                </Tooltip>
                <Button size="small" onClick={() => void showSecret(e)} data-testid="endpoint-show-secret">
                  {t("webhooks.showSecret")}
                </Button>
                <Popconfirm
                  title={t("webhooks.rotateConfirm")}
                  onConfirm={() => rotate.mutate({ endpointId: e.id })}
                  okButtonProps={{ danger: true }}
                >
                  <Button size="small" loading={busy(rotate, e.id)} data-testid="endpoint-rotate-secret">
                    {t("webhooks.rotateSecret")}
                  </Button>
                </Popconfirm>
                <Button
                  size="small"
                  type="link"
                  onClick={() => onShowDeliveries(e.id)}
                  data-testid="endpoint-deliveries"
                >
                  {t("webhooks.viewDeliveries")}
                </Button>
                <Popconfirm
                  title={t("webhooks.deleteConfirm")}
                  onConfirm={() => remove.mutate({ endpointId: e.id })}
                  okButtonProps={{ danger: true }}
                >
                  <Button size="small" danger loading={busy(remove, e.id)} data-testid="endpoint-delete">
                    {t("webhooks.delete")}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t("webhooks.addEndpoint")}
        okText={t("webhooks.add")}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        confirmLoading={create.isPending}
        width={640}
        forceRender
      >
        <Form<EndpointForm>
          form={form}
          layout="vertical"
          initialValues={{ eventTypes: [] }}
          onFinish={(values) => create.mutate({ ...values, description: values.description ?? "" })}
          data-testid="endpoint-form"
        >
          <Form.Item name="url" label={t("webhooks.url")} rules={[{ required: true }]} extra={t("webhooks.urlHint")}>
            <Input placeholder="https://erp.example.com/tradecloud/hooks" data-testid="endpoint-url-input" />
          </Form.Item>
          <Form.Item name="description" label={t("webhooks.description")}>
            <Input maxLength={200} data-testid="endpoint-description-input" />
          </Form.Item>
          <Form.Item name="eventTypes" label={t("webhooks.eventTypes")} extra={t("webhooks.eventTypesHint")}>
            <Select
              mode="multiple"
              allowClear
              loading={eventTypes.isLoading}
              placeholder={t("webhooks.allEvents")}
              options={eventTypes.options}
              filterOption={(input, option) =>
                `${option?.value ?? ""} ${option?.description ?? ""}`.toLowerCase().includes(input.toLowerCase())
              }
              optionRender={(option) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text code>{option.data.value}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {option.data.description}
                  </Typography.Text>
                </Space>
              )}
              data-testid="endpoint-event-types"
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={shown !== null}
        title={shown ? t(`webhooks.secretTitle.${shown.kind}`) : ""}
        onOk={() => setShown(null)}
        onCancel={() => setShown(null)}
        cancelButtonProps={{ style: { display: "none" } }}
      >
        <Typography.Paragraph type="secondary" style={{ wordBreak: "break-all" }}>
          {shown?.url}
        </Typography.Paragraph>
        <Typography.Paragraph
          code
          copyable={{ text: shown?.secret ?? "" }}
          style={{ wordBreak: "break-all" }}
          data-testid="endpoint-secret"
        >
          {shown?.secret}
        </Typography.Paragraph>
        <Typography.Paragraph type="warning">{t("webhooks.secretHint")}</Typography.Paragraph>
      </Modal>
    </Card>
  );
}
