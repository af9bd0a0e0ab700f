import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@tradecloud/api";
import { Alert, Button, Card, Progress, Radio, Space, Table, Typography, Upload } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { trpcClient, useTRPC } from "../trpc";

type Report = RouterOutputs["catalog"]["importListings"];
/** Files above this size are imported by a background job with progress. */
const BACKGROUND_OVER_BYTES = 512 * 1024;

function download(file: { filename: string; contentBase64: string }) {
  const bytes = Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes]));
  const link = Object.assign(document.createElement("a"), { href: url, download: file.filename });
  link.click();
  URL.revokeObjectURL(url);
}

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

/** Import a CSV/XLSX catalogue with a per-row error report to fix and retry; export and template. */
export function ImportPanel({ storefrontId }: { storefrontId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"all-or-nothing" | "skip-invalid">("all-or-nothing");
  const [report, setReport] = useState<Report | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const importFile = useMutation(
    trpc.catalog.importListings.mutationOptions({
      onSuccess: async (result) => {
        setReport(result);
        await queryClient.invalidateQueries(trpc.catalog.listMyListings.queryFilter());
      },
    }),
  );

  // Large files run as a background job; its progress is polled until it is done.
  const [importId, setImportId] = useState<string | null>(null);
  const progress = useQuery({
    ...trpc.catalog.getImport.queryOptions({ importId: importId ?? "" }),
    enabled: importId !== null,
    refetchInterval: (query) =>
      query.state.data?.status === "done" || query.state.data?.status === "failed" ? false : 1000,
  });
  const startImport = useMutation(
    trpc.catalog.startImport.mutationOptions({ onSuccess: (r) => setImportId(r.importId) }),
  );
  const finished = progress.data?.status === "done" ? progress.data.report : null;
  useEffect(() => {
    if (!finished) return;
    setReport(finished);
    void queryClient.invalidateQueries(trpc.catalog.listMyListings.queryFilter());
  }, [finished, queryClient, trpc]);

  const upload = async (file: File) => {
    setReport(null);
    setImportId(null);
    setFileName(file.name);
    const format = file.name.toLowerCase().endsWith(".xlsx") ? "xlsx" : "csv";
    const input = { storefrontId, format, mode, contentBase64: await toBase64(file) } as const;
    if (file.size > BACKGROUND_OVER_BYTES) startImport.mutate(input);
    else importFile.mutate(input);
    return false;
  };
  const running = importId !== null && progress.data?.status !== "done" && progress.data?.status !== "failed";

  return (
    <Card title={t("catalog.importExport")}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Paragraph type="secondary">{t("catalog.importHint")}</Typography.Paragraph>
        <Space wrap>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} data-testid="import-mode">
            <Radio.Button value="all-or-nothing">{t("catalog.allOrNothing")}</Radio.Button>
            <Radio.Button value="skip-invalid">{t("catalog.skipInvalid")}</Radio.Button>
          </Radio.Group>
          <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={upload}>
            <Button
              type="primary"
              icon={<UploadOutlined />}
              loading={importFile.isPending || startImport.isPending || running}
              data-testid="import-upload"
            >
              {t("catalog.importFile")}
            </Button>
          </Upload>
          <Button
            icon={<DownloadOutlined />}
            onClick={async () => download(await trpcClient.catalog.importTemplate.query({ format: "csv" }))}
          >
            {t("catalog.template")}
          </Button>
          {(["csv", "xlsx"] as const).map((format) => (
            <Button
              key={format}
              icon={<DownloadOutlined />}
              onClick={async () => download(await trpcClient.catalog.exportListings.query({ storefrontId, format }))}
              data-testid={`export-${format}`}
            >
              {t("catalog.export", { format: format.toUpperCase() })}
            </Button>
          ))}
        </Space>
        {importFile.isPending && <Progress percent={99} status="active" showInfo={false} />}
        {running && (
          <Progress
            data-testid="import-progress"
            status="active"
            percent={
              progress.data?.totalRows ? Math.floor((progress.data.processedRows / progress.data.totalRows) * 100) : 0
            }
            format={() =>
              t("catalog.rowsDone", { done: progress.data?.processedRows ?? 0, total: progress.data?.totalRows ?? "…" })
            }
          />
        )}
        {importFile.error && <Alert type="error" showIcon message={importFile.error.message} />}
        {report && (
          <Space direction="vertical" style={{ width: "100%" }} data-testid="import-report">
            <Alert
              showIcon
              type={report.committed ? (report.errors.length ? "warning" : "success") : "error"}
              message={
                report.committed
                  ? t("catalog.importDone", {
                      file: fileName,
                      created: report.created,
                      updated: report.updated,
                      skipped: report.skipped,
                    })
                  : t("catalog.importRejected", {
                      file: fileName,
                      errors: report.errors.length,
                      rows: report.totalRows,
                    })
              }
            />
            {report.errors.length > 0 && (
              <Table
                size="small"
                rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
                dataSource={report.errors}
                pagination={{ pageSize: 10 }}
                data-testid="import-errors"
                columns={[
                  { title: t("catalog.row"), dataIndex: "row", width: 80 },
                  { title: t("catalog.column"), dataIndex: "column", width: 160 },
                  { title: t("catalog.problem"), dataIndex: "message" },
                ]}
              />
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}
