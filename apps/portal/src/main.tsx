import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
// The ES modules: the bundle got the CommonJS antd/locale/* wrong, and antd's own words stayed English.
import enUS from "antd/es/locale/en_US";
import zhCN from "antd/es/locale/zh_CN";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { useTranslation } from "react-i18next";
import { RouterProvider } from "react-router";
import "./i18n";
import { router } from "./router";
import { queryClient, TRPCProvider, trpcClient } from "./trpc";

function Root() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === "zh-CN" ? zhCN : enUS} theme={{ token: { colorPrimary: "#c8102e" } }}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

const container = document.getElementById("root");
if (!container) throw new Error("#root missing");
createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <Root />
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);
