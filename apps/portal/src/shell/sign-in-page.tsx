import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { localName } from "../i18n";
import { fieldErrorsOf, requestState, useTRPC } from "../trpc";
import { LanguageSwitch } from "./language-switch";

interface SignInForm {
  tenant: string;
  email: string;
  password: string;
}

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<SignInForm>();
  const [error, setError] = useState<string | null>(null);
  const markets = useQuery(trpc.tenancy.listTenants.queryOptions());
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: async () => {
        await queryClient.resetQueries();
        navigate("/");
      },
      onError: (failure) => {
        setError(failure.message);
        const fields = fieldErrorsOf(failure);
        form.setFields(
          (["tenant", "email", "password"] as const).map((name) => ({ name, errors: fields[name] ?? [] })),
        );
      },
    }),
  );

  return (
    <div style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "#f5f5f5" }}>
      <Card style={{ width: 420 }} data-testid="sign-in-form">
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <Space style={{ width: "100%", justifyContent: "space-between" }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t("app.name")}
            </Typography.Title>
            <LanguageSwitch />
          </Space>
          <Typography.Text type="secondary">{t("signIn.title")}</Typography.Text>
          {error && <Alert type="error" showIcon message={error} data-testid="sign-in-error" />}
          <Form<SignInForm>
            form={form}
            layout="vertical"
            initialValues={{ tenant: "yiwu" }}
            onFinish={(values) => {
              setError(null);
              requestState.market = values.tenant;
              signIn.mutate(values);
            }}
          >
            <Form.Item
              name="tenant"
              label={t("signIn.market")}
              rules={[{ required: true, message: t("signIn.required") }]}
            >
              <Select
                data-testid="market-select"
                loading={markets.isLoading}
                options={(markets.data ?? []).map((market) => ({
                  value: market.slug,
                  label: localName(market, i18n.language),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="email"
              label={t("signIn.email")}
              rules={[{ required: true, message: t("signIn.required") }]}
            >
              <Input data-testid="email" autoComplete="username" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t("signIn.password")}
              rules={[{ required: true, message: t("signIn.required") }]}
            >
              <Input.Password data-testid="password" autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={signIn.isPending} data-testid="sign-in-submit">
              {t("signIn.submit")}
            </Button>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("signIn.demoHint")}
          </Typography.Text>
        </Space>
      </Card>
    </div>
  );
}
