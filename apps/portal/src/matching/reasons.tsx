import { Space, Tag } from "antd";
import { useTranslation } from "react-i18next";

interface Reason {
  kind: string;
  ok: boolean;
  en: string;
  zh: string;
}

/** Each reason of a match; near misses in orange, so a buyer sees at once what to adjust. */
export function ReasonTags({ reasons }: { reasons: Reason[] }) {
  const { i18n } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {reasons.map((r) => (
        <Tag key={r.kind} color={r.ok ? "green" : "orange"} data-testid={r.ok ? "reason-ok" : "reason-miss"}>
          {i18n.language === "zh-CN" ? r.zh : r.en}
        </Tag>
      ))}
    </Space>
  );
}

const COLOURS: Record<string, string> = {
  open: "blue",
  quoting: "processing",
  awarded: "green",
  accepted: "green",
  submitted: "blue",
  closed: "default",
  rejected: "red",
  cancelled: "default",
  expired: "orange",
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status] ?? "default"}>{t(`matching.statuses.${status}`)}</Tag>;
}
