import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@tradecloud/api";
import { Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrorsOf, useTRPC } from "../trpc";

type Scope = RouterOutputs["tenancy"]["listApiKeyScopes"][number];
interface CreateForm {
  name: string;
  scopes: Scope[];
}

export function DevelopersPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateForm>();
  const [secret, setSecret] = useState<string | null>(null);
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
        const fields = fieldErrorsOf(error);
        form.setFields([
          { name: "name", errors: fields.name ?? [] },
          { name: "scopes", errors: fields.scopes ?? (fields.name ? [] : [error.message]) },
        ]);
      },
    }),
  );
  const revoke = useMutation(trpc.tenancy.revokeApiKey.mutationOptions({ onSuccess: refresh }));
  const when = (date: Date | null) => (date ? new Date(date).toLocaleString(i18n.language) : t("developers.never"));

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Card
        title={t("developers.title")}
        extra={
          <a href="/docs" target="_blank" rel="noreferrer">
            {t("developers.reference")}
          </a>
        }
      >
        <Form<CreateForm>
          form={form}
          layout="vertical"
          initialValues={{ scopes: ["catalog:read"] }}
          onFinish={(values) => create.mutate(values)}
        >
          <Form.Item name="name" label={t("developers.name")} rules={[{ required: true }]}>
            <Input style={{ maxWidth: 320 }} data-testid="api-key-name" />
          </Form.Item>
          <Form.Item name="scopes" label={t("developers.scopes")}>
            <Checkbox.Group options={(scopes.data ?? []).map((scope) => ({ value: scope, label: scope }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="api-key-create">
            {t("developers.create")}
          </Button>
        </Form>
      </Card>
      <Card>
        <Table
          rowKey="id"
          loading={keys.isLoading}
          dataSource={keys.data ?? []}
          pagination={false}
          columns={[
            { title: t("developers.name"), dataIndex: "name" },
            { title: t("developers.prefix"), render: (_, k) => <Typography.Text code>{k.prefix}…</Typography.Text> },
            { title: t("developers.scopes"), render: (_, k) => k.scopes.map((s) => <Tag key={s}>{s}</Tag>) },
            { title: t("developers.lastUsed"), render: (_, k) => when(k.lastUsedAt) },
            {
              title: t("developers.status"),
              render: (_, k) =>
                k.revokedAt ? <Tag>{t("developers.revoked")}</Tag> : <Tag color="green">{t("developers.active")}</Tag>,
            },
            {
              title: "",
              render: (_, k) =>
                k.revokedAt ? null : (
                  <Popconfirm title={t("developers.revokeConfirm")} onConfirm={() => revoke.mutate({ apiKeyId: k.id })}>
                    <Button danger size="small">
                      {t("developers.revoke")}
                    </Button>
                  </Popconfirm>
                ),
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
        <Typography.Paragraph code copyable data-testid="api-key-secret">
          {secret}
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
}
