import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Card, Space, Switch, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc";

/** The market operator's webhook rules: whether endpoints may point at local addresses. */
export function WebhookSettingsCard({ canChange }: { canChange: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.webhooks.getSettings.queryOptions());
  const update = useMutation(
    trpc.webhooks.updateSettings.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.webhooks.getSettings.queryKey(), saved),
    }),
  );
  const allowed = settings.data?.allowLocalTargets ?? false;

  return (
    <Card title={t("webhookSettings.title")} data-testid="webhook-settings">
      <Space direction="vertical" style={{ width: "100%" }}>
        <Space>
          <Switch
            checked={allowed}
            loading={settings.isLoading || update.isPending}
            disabled={!canChange}
            onChange={(allowLocalTargets) => update.mutate({ allowLocalTargets })}
            data-testid="allow-local-targets"
          />
          <Typography.Text>{t("webhookSettings.allowLocal")}</Typography.Text>
        </Space>
        <Alert
          type={allowed ? "error" : "warning"}
          showIcon
          message={allowed ? t("webhookSettings.onWarning") : t("webhookSettings.offNote")}
        />
        {update.error ? <Alert type="error" message={update.error.message} /> : null}
      </Space>
    </Card>
  );
}
