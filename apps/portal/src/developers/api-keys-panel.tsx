import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@tradecloud/api";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrorsOf, useTRPC } from "../trpc";
import { errorsByField, formatTime } from "./format";

type Scope = RouterOutputs["tenancy"]["listApiKeyScopes"][number];
type ApiKey = RouterOutputs["tenancy"]["listApiKeys"][number];
type Mode = "live" | "test";
interface CreateForm {
  name: string;
  mode: Mode;
  scopes: Scope[];
  expiresInDays?: number | null;
}

/** Hours the old key keeps working after a rotation; 0 retires it at once. */
const GRACE_HOURS = [0, 1, 24, 72, 168] as const;
const FORM_FIELDS = ["name", "mode", "scopes", "expiresInDays"] as const;

type KeyStatus = "revoked" | "expired" | "rotated" | "active";
const STATUS_COLORS: Record<KeyStatus, string | undefined> = {
  active: "green",
  rotated: "gold",
  expired: "orange",
  revoked: undefined,
};

/** Revoked or expired keys no longer work; a rotated one works until its grace period ends. */
function keyStatus(key: ApiKey, now: number, replaced: Set<string>): KeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return "expired";
  if (replaced.has(key.id)) return "rotated";
  return "active";
}

/** The organisation's API keys: create one (its secret shown once), rotate with a grace period, revoke. */
export function ApiKeysPanel() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateForm>();
  const [secret, setSecret] = useState<string | null>(null);
  const [rotating, setRotating] = useState<ApiKey | null>(null);
  const [graceHours, setGraceHours] = useState<number>(24);
  const [rotated, setRotated] = useState<{ key: string; previousKeyExpiresAt: Date } | null>(null);
  const keys = useQuery(trpc.tenancy.listApiKeys.queryOptions());
  const scopes = useQuery(trpc.tenancy.listApiKeyScopes.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.tenancy.listApiKeys.queryFilter());
  const create = useMutation(
    trpc.tenancy.createApiKey.mutationOptions({
      onSuccess: async (created) => {
        setSecret(created.key);
        form.resetFields();
        await refresh();
      },
      onError: (error) => {
        const fields = errorsByField(fieldErrorsOf(error));
        const known = FORM_FIELDS.some((name) => fields[name]);
        form.setFields(
          FORM_FIELDS.map((name) => ({
            name,
            errors: fields[name] ?? (!known && name === "scopes" ? [error.message] : []),
          })),
        );
      },
    }),
  );
  const rotate = useMutation(
    trpc.tenancy.rotateApiKey.mutationOptions({
      onSuccess: async (created) => {
        setRotated({ key: created.key, previousKeyExpiresAt: created.previousKeyExpiresAt });
        await refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.tenancy.revokeApiKey.mutationOptions({ onSuccess: refresh }));
  const when = (date: Date | null) => formatTime(date, i18n.language) ?? t("developers.never");
  const now = Date.now();
  const byId = new Map((keys.data ?? []).map((k) => [k.id, k]));
  const replaced = new Set((keys.data ?? []).flatMap((k) => (k.rotatedFrom ? [k.rotatedFrom] : [])));
  const closeRotation = () => {
    setRotating(null);
    setRotated(null);
    rotate.reset();
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Card title={t("developers.newKey")}>
        <Form<CreateForm>
          form={form}
          layout="vertical"
          initialValues={{ mode: "live", scopes: ["catalog:read"] }}
          onFinish={({ expiresInDays, ...values }) =>
            create.mutate({ ...values, ...(expiresInDays ? { expiresInDays } : {}) })
          }
        >
          <Space wrap size="large" align="start">
            <Form.Item name="name" label={t("developers.name")} rules={[{ required: true }]}>
              <Input style={{ width: 280 }} data-testid="api-key-name" />
            </Form.Item>
            <Form.Item name="mode" label={t("developers.mode")}>
              <Radio.Group data-testid="api-key-mode">
                <Radio.Button value="live">{t("developers.modes.live")}</Radio.Button>
                <Radio.Button value="test">{t("developers.modes.test")}</Radio.Button>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="expiresInDays" label={t("developers.expiresInDays")}>
              <InputNumber
                min={1}
                max={3650}
                precision={0}
                style={{ width: 200 }}
                placeholder={t("developers.noExpiry")}
                data-testid="api-key-expiry"
              />
            </Form.Item>
          </Space>
          <Form.Item noStyle shouldUpdate={(a, b) => a.mode !== b.mode}>
            {() => (
              <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
                {t(`developers.modeHint.${form.getFieldValue("mode") === "test" ? "test" : "live"}`)}
              </Typography.Paragraph>
            )}
          </Form.Item>
          <Form.Item name="scopes" label={t("developers.scopes")}>
            <Checkbox.Group
              data-testid="api-key-scopes"
              options={(scopes.data ?? []).map((scope) => ({ value: scope, label: scope }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="api-key-create">
            {t("developers.create")}
          </Button>
        </Form>
      </Card>
      <Card title={t("developers.keys")}>
        <Table
          data-testid="api-keys-table"
          rowKey="id"
          loading={keys.isLoading}
          dataSource={keys.data ?? []}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            {
              title: t("developers.name"),
              render: (_, k) => {
                const previous = k.rotatedFrom ? byId.get(k.rotatedFrom) : undefined;
                return (
                  <Space direction="vertical" size={0}>
                    {k.name}
                    {previous ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
                        {t("developers.replaces", { prefix: previous.prefix })}
                      </Typography.Text>
                    ) : null}
                  </Space>
                );
              },
            },
            {
              title: t("developers.prefix"),
              render: (_, k) => (
                <Typography.Text code style={{ whiteSpace: "nowrap" }}>
                  {k.prefix}…
                </Typography.Text>
              ),
            },
            {
              title: t("developers.mode"),
              render: (_, k) => (
                <Tag color={k.mode === "test" ? "orange" : "blue"}>{t(`developers.modes.${k.mode}`)}</Tag>
              ),
            },
            { title: t("developers.scopes"), render: (_, k) => k.scopes.map((s) => <Tag key={s}>{s}</Tag>) },
            { title: t("developers.lastUsed"), render: (_, k) => when(k.lastUsedAt) },
            { title: t("developers.expires"), render: (_, k) => (k.expiresAt ? when(k.expiresAt) : "—") },
            {
              title: t("developers.status"),
              render: (_, k) => {
                const status = keyStatus(k, now, replaced);
                return (
                  <Tag color={STATUS_COLORS[status]} data-testid="api-key-status">
                    {t(`developers.${status}`)}
                  </Tag>
                );
              },
            },
            {
              title: "",
              render: (_, k) => {
                const status = keyStatus(k, now, replaced);
                if (status === "revoked" || status === "expired") return null;
                return (
                  <Space>
                    {status === "active" ? (
                      <Button
                        size="small"
                        data-testid="api-key-rotate"
                        onClick={() => {
                          setGraceHours(24);
                          setRotating(k);
                        }}
                      >
                        {t("developers.rotate")}
                      </Button>
                    ) : null}
                    <Popconfirm
                      title={t("developers.revokeConfirm")}
                      onConfirm={() => revoke.mutate({ apiKeyId: k.id })}
                    >
                      <Button danger size="small" data-testid="api-key-revoke">
                        {t("developers.revoke")}
                      </Button>
                    </Popconfirm>
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      <Modal
        open={secret !== null}
        title={t("developers.secretTitle")}
        onOk={() => setSecret(null)}
        onCancel={() => setSecret(null)}
        cancelButtonProps={{ style: { display: "none" } }}
      >
        <Typography.Paragraph type="warning">{t("developers.secretHint")}</Typography.Paragraph>
        <Typography.Paragraph code copyable style={{ wordBreak: "break-all" }} data-testid="api-key-secret">
          {secret}
        </Typography.Paragraph>
      </Modal>
      <Modal
        open={rotating !== null}
        title={t("developers.rotateTitle", { name: rotating?.name ?? "" })}
        onCancel={closeRotation}
        footer={
          rotated
            ? [
                <Button key="ok" type="primary" onClick={closeRotation} data-testid="api-key-rotated-ok">
                  {t("common.ok")}
                </Button>,
              ]
            : [
                <Button key="cancel" onClick={closeRotation}>
                  {t("common.cancel")}
                </Button>,
                <Button
                  key="rotate"
                  type="primary"
                  danger
                  loading={rotate.isPending}
                  data-testid="api-key-rotate-confirm"
                  onClick={() => rotating && rotate.mutate({ apiKeyId: rotating.id, graceHours })}
                >
                  {t("developers.rotate")}
                </Button>,
              ]
        }
      >
        {rotated ? (
          <>
            <Typography.Paragraph type="warning">{t("developers.secretHint")}</Typography.Paragraph>
            <Typography.Paragraph code copyable style={{ wordBreak: "break-all" }} data-testid="api-key-rotated-secret">
              {rotated.key}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">
              {graceHours === 0
                ? t("developers.rotatedNow")
                : t("developers.rotatedGrace", { time: when(rotated.previousKeyExpiresAt) })}
            </Typography.Paragraph>
          </>
        ) : (
          <>
            <Typography.Paragraph>{t("developers.rotateHint")}</Typography.Paragraph>
            <Typography.Text strong>{t("developers.grace")}</Typography.Text>
            <Radio.Group
              style={{ display: "block", marginTop: 8 }}
              value={graceHours}
              onChange={(e) => setGraceHours(e.target.value)}
              data-testid="api-key-grace"
              options={GRACE_HOURS.map((hours) => ({
                value: hours,
                label: t(`developers.graceOptions.${hours}`),
              }))}
            />
            {rotate.error ? <Alert type="error" style={{ marginTop: 16 }} message={rotate.error.message} /> : null}
          </>
        )}
      </Modal>
    </Space>
  );
}
