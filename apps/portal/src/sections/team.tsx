import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useActiveOrganisation } from "../shell/app-shell";
import { fieldErrorsOf, useTRPC } from "../trpc";

interface InviteForm {
  email: string;
  role: "owner" | "admin" | "member";
}

export function TeamPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { active } = useActiveOrganisation();
  const [form] = Form.useForm<InviteForm>();
  const [invited, setInvited] = useState<{ email: string; token: string } | null>(null);
  const members = useQuery(trpc.tenancy.listMembers.queryOptions());
  const invite = useMutation(
    trpc.tenancy.inviteMember.mutationOptions({
      onSuccess: async (result, variables) => {
        setInvited({ email: variables.email, token: result.token });
        form.resetFields();
        await queryClient.invalidateQueries(trpc.tenancy.listMembers.queryFilter());
      },
      onError: (error) => {
        const fields = fieldErrorsOf(error);
        form.setFields([{ name: "email", errors: fields.email ?? [error.message] }]);
      },
    }),
  );
  const canInvite = active?.role === "owner" || active?.role === "admin";

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Card title={t("team.title")}>
        <Table
          rowKey="userId"
          loading={members.isLoading}
          dataSource={members.data ?? []}
          pagination={false}
          columns={[
            { title: t("team.name"), dataIndex: "name" },
            { title: t("team.email"), dataIndex: "email" },
            { title: t("team.role"), render: (_, m) => t(`roles.${m.role}`) },
          ]}
        />
      </Card>
      {canInvite && (
        <Card title={t("team.inviteTitle")}>
          {invited && (
            <Alert
              type="success"
              style={{ marginBottom: 16 }}
              message={t("team.invited", { email: invited.email })}
              description={<Typography.Text copyable>{invited.token}</Typography.Text>}
            />
          )}
          <Form<InviteForm>
            form={form}
            layout="inline"
            initialValues={{ role: "member" }}
            onFinish={(values) => invite.mutate(values)}
          >
            <Form.Item name="email" label={t("team.email")} rules={[{ required: true }]}>
              <Input style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="role" label={t("team.role")}>
              <Select
                style={{ width: 140 }}
                options={["member", "admin", "owner"].map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={invite.isPending}>
              {t("team.invite")}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
