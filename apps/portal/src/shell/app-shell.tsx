import {
  ApiOutlined,
  BankOutlined,
  CarOutlined,
  GlobalOutlined,
  SearchOutlined,
  ShopOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Layout, Menu, Select, Space, Spin, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { localName } from "../i18n";
import { useTRPC } from "../trpc";
import { LanguageSwitch } from "./language-switch";
import { useMe } from "./use-me";

const KIND_ICONS: Record<string, ReactNode> = {
  merchant: <ShopOutlined />,
  buyer: <SearchOutlined />,
  logistics: <CarOutlined />,
  lender: <BankOutlined />,
  operator: <GlobalOutlined />,
};
const KIND_ORDER = ["operator", "merchant", "buyer", "logistics", "lender"];

/** The organisation the signed-in person acts for now, with its kinds and their role in it. */
export function useActiveOrganisation() {
  const me = useMe();
  const active = me.data?.organisations.find((o) => o.id === me.data?.activeOrganisationId) ?? null;
  return { me, active };
}

export function AppShell() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { me, active } = useActiveOrganisation();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled: async () => {
        queryClient.clear();
        navigate("/sign-in");
      },
    }),
  );
  const switchOrganisation = useMutation(
    trpc.auth.switchOrganisation.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        navigate("/");
      },
    }),
  );

  if (me.isLoading) return <Spin fullscreen />;
  if (!me.data) return <Navigate to="/sign-in" replace />;

  const kinds = [...(active?.kinds ?? [])].sort((a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b));
  const canManage = active?.role === "owner" || active?.role === "admin";
  const items = [
    ...kinds.map((kind) => ({ key: `/${kind}`, icon: KIND_ICONS[kind], label: t(`nav.${kind}`) })),
    { key: "/team", icon: <TeamOutlined />, label: t("nav.team") },
    ...(canManage ? [{ key: "/developers", icon: <ApiOutlined />, label: t("nav.developers") }] : []),
  ];

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light">
        <Typography.Title level={4} style={{ padding: "16px 24px", margin: 0 }}>
          {t("app.name")}
        </Typography.Title>
        <Menu
          mode="inline"
          selectedKeys={[location.pathname]}
          items={items}
          onClick={({ key }) => navigate(key)}
          data-testid="side-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: "#fff", display: "flex", alignItems: "center", justifyContent: "space-between" }}
        >
          <Space size="large">
            <Typography.Text strong data-testid="current-market">
              {localName(me.data.tenant, i18n.language)}
            </Typography.Text>
            <Space>
              <Typography.Text type="secondary">{t("shell.actingFor")}</Typography.Text>
              {me.data.organisations.length > 1 ? (
                <Select
                  data-testid="current-organisation"
                  style={{ minWidth: 300 }}
                  value={me.data.activeOrganisationId ?? undefined}
                  options={me.data.organisations.map((o) => ({ value: o.id, label: localName(o, i18n.language) }))}
                  onChange={(organisationId: string) => switchOrganisation.mutate({ organisationId })}
                />
              ) : (
                <Typography.Text data-testid="current-organisation">
                  {active ? localName(active, i18n.language) : "—"}
                </Typography.Text>
              )}
            </Space>
          </Space>
          <Space>
            <Typography.Text>{me.data.user.name}</Typography.Text>
            <LanguageSwitch />
            <Button onClick={() => signOut.mutate()} loading={signOut.isPending} data-testid="sign-out">
              {t("shell.signOut")}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** `/` goes to the section of the active organisation's first kind. */
export function HomeRedirect() {
  const { active } = useActiveOrganisation();
  const first = [...(active?.kinds ?? [])].sort((a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b))[0];
  return <Navigate to={first ? `/${first}` : "/team"} replace />;
}
