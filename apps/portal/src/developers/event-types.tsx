import { useQuery } from "@tanstack/react-query";
import { Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc";

/** The webhook event types with their descriptions in the page's language. */
export function useEventTypes() {
  const { i18n } = useTranslation();
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.webhooks.listEventTypes.queryOptions(), staleTime: Number.POSITIVE_INFINITY });
  const describe = (type: string) => {
    const found = query.data?.find((e) => e.type === type);
    if (!found) return type;
    return i18n.language === "zh-CN" ? found.zh : found.en;
  };
  const options = (query.data ?? []).map((e) => ({
    value: e.type,
    label: e.type,
    description: i18n.language === "zh-CN" ? e.zh : e.en,
  }));
  return { isLoading: query.isLoading, describe, options };
}

/** An event type as a tag, its description on hover. */
export function EventTypeTag({ type, describe }: { type: string; describe: (type: string) => string }) {
  return (
    <Tooltip title={describe(type)}>
      <Tag>
        <Typography.Text style={{ fontSize: 12 }}>{type}</Typography.Text>
      </Tag>
    </Tooltip>
  );
}
