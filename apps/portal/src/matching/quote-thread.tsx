import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Input, List, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc";

/** The question-and-answer thread on a quote, for its buyer and its supplier. */
export function QuoteThread({ quoteId }: { quoteId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const messages = useQuery(trpc.matching.listQuoteMessages.queryOptions({ quoteId }));
  const send = useMutation(
    trpc.matching.postQuoteMessage.mutationOptions({
      onSuccess: async () => {
        setBody("");
        await queryClient.invalidateQueries(trpc.matching.listQuoteMessages.queryFilter({ quoteId }));
      },
    }),
  );
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <List
        size="small"
        dataSource={messages.data ?? []}
        locale={{ emptyText: t("matching.noMessages") }}
        renderItem={(m) => <List.Item>{m.body}</List.Item>}
      />
      <Space.Compact style={{ width: "100%" }}>
        <Input value={body} onChange={(e) => setBody(e.target.value)} placeholder={t("matching.askQuestion")} />
        <Button disabled={!body.trim()} loading={send.isPending} onClick={() => send.mutate({ quoteId, body })}>
          {t("matching.send")}
        </Button>
      </Space.Compact>
    </Space>
  );
}
