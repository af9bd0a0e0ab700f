import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@tradecloud/api";
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { decimalToMinor, formatPrice } from "../catalog/money";
import { localName, localTitle } from "../i18n";
import { fieldErrorsOf, useTRPC } from "../trpc";
import { ReasonTags, StatusTag } from "./reasons";

type InboxItem = RouterOutputs["matching"]["inbox"]["items"][number];
interface QuoteForm {
  unitPrice: string;
  currency: string;
  quantity: number;
  leadTimeDays: number;
  incoterm: string;
  incotermPlace?: string;
  validUntil: string;
  notes?: string;
}
const INCOTERMS = ["EXW", "FCA", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DDP"];
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The merchant's inbox: demands matched to its listings (or inviting it), why, and a quote form. */
export function InboxPanel() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [quoting, setQuoting] = useState<InboxItem | null>(null);
  const [form] = Form.useForm<QuoteForm>();
  const inbox = useQuery(trpc.matching.inbox.queryOptions({ limit: 50 }));
  const submit = useMutation(
    trpc.matching.submitQuote.mutationOptions({
      onSuccess: async () => {
        setQuoting(null);
        await queryClient.invalidateQueries(trpc.matching.inbox.queryFilter());
      },
      onError: (error) =>
        form.setFields(
          Object.entries(fieldErrorsOf(error)).map(([path, errors]) => ({
            name: (path === "unitPriceMinor" ? ["unitPrice"] : path.split(".")) as never,
            errors,
          })),
        ),
    }),
  );
  const open = (item: InboxItem) => {
    setQuoting(item);
    form.setFieldsValue({
      unitPrice: "",
      currency: item.demand.currency,
      quantity: item.demand.quantity,
      leadTimeDays: 15,
      incoterm: "FOB",
      incotermPlace: "Ningbo",
      validUntil: inDays(14),
    });
  };
  const send = (values: QuoteForm) => {
    if (!quoting) return;
    const price = decimalToMinor(values.unitPrice, values.currency);
    if (price === null) {
      form.setFields([{ name: "unitPrice", errors: [t("matching.badPrice")] }]);
      return;
    }
    submit.mutate({
      demandId: quoting.demand.id,
      listingId: quoting.bestMatch?.listingId ?? null,
      unitPriceMinor: price,
      currency: values.currency,
      quantity: values.quantity,
      leadTimeDays: values.leadTimeDays,
      incoterm: values.incoterm as never,
      incotermPlace: values.incotermPlace ?? "",
      validUntil: values.validUntil,
      notes: values.notes ?? "",
    });
  };

  return (
    <Card title={t("matching.inbox")}>
      <Table<InboxItem>
        rowKey={(i) => i.demand.id}
        size="small"
        data-testid="inbox"
        loading={inbox.isLoading}
        dataSource={inbox.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t("matching.inboxEmpty") }}
        columns={[
          {
            title: t("matching.demand"),
            render: (_, i) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{localTitle(i.demand, i18n.language)}</Typography.Text>
                <Typography.Text type="secondary">
                  {localName(i.buyer, i18n.language)} · {i.demand.destination.country}
                  {i.demand.destination.port ? ` ${i.demand.destination.port}` : ""}
                </Typography.Text>
                {i.invited ? <Tag color="purple">{t("matching.invitedYou")}</Tag> : null}
              </Space>
            ),
          },
          { title: t("matching.quantity"), render: (_, i) => `${i.demand.quantity.toLocaleString()} ${i.demand.unit}` },
          {
            title: t("matching.target"),
            render: (_, i) =>
              i.demand.targetPriceMinor === null
                ? "—"
                : formatPrice(i.demand.targetPriceMinor, i.demand.currency, i18n.language),
          },
          { title: t("matching.requiredBy"), render: (_, i) => i.demand.requiredBy },
          {
            title: t("matching.whyMatched"),
            render: (_, i) =>
              i.bestMatch ? (
                <Space direction="vertical" size={2}>
                  <Typography.Text>
                    {Math.round(i.bestMatch.score * 100)} · {localTitle(i.bestMatch, i18n.language)}
                  </Typography.Text>
                  <ReasonTags reasons={i.bestMatch.reasons} />
                </Space>
              ) : (
                "—"
              ),
          },
          {
            title: "",
            render: (_, i) =>
              i.myQuote ? (
                <StatusTag status={i.myQuote.status} />
              ) : (
                <Button type="primary" size="small" data-testid="inbox-quote" onClick={() => open(i)}>
                  {t("matching.quote")}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={quoting !== null}
        title={quoting ? `${t("matching.quote")}: ${localTitle(quoting.demand, i18n.language)}` : ""}
        onCancel={() => setQuoting(null)}
        onOk={() => form.submit()}
        okText={t("matching.sendQuote")}
        okButtonProps={{ loading: submit.isPending, "data-testid": "quote-submit" } as never}
        destroyOnHidden
      >
        {submit.error && Object.keys(fieldErrorsOf(submit.error)).length === 0 ? (
          <Typography.Text type="danger">{submit.error.message}</Typography.Text>
        ) : null}
        <Form<QuoteForm> form={form} layout="vertical" onFinish={send}>
          <Space wrap>
            <Form.Item name="unitPrice" label={t("matching.unitPrice")} rules={[{ required: true }]}>
              <Input style={{ width: 120 }} data-testid="quote-price" />
            </Form.Item>
            <Form.Item name="currency" label={t("matching.currency")}>
              <Select style={{ width: 100 }} options={["CNY", "USD", "EUR"].map((c) => ({ value: c, label: c }))} />
            </Form.Item>
            <Form.Item name="quantity" label={t("matching.quantity")}>
              <InputNumber min={1} />
            </Form.Item>
            <Form.Item name="leadTimeDays" label={t("matching.leadTimeDays")}>
              <InputNumber min={0} max={365} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="incoterm" label={t("matching.incoterm")}>
              <Select style={{ width: 100 }} options={INCOTERMS.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
            <Form.Item name="incotermPlace" label={t("matching.place")}>
              <Input style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="validUntil" label={t("matching.validUntil")}>
              <Input type="date" />
            </Form.Item>
          </Space>
          <Form.Item name="notes" label={t("matching.notes")}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
