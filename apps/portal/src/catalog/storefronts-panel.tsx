import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@tradecloud/api";
import { Button, Card, Descriptions, Form, Input, Modal, Select, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { localName } from "../i18n";
import { fieldErrorsOf, useTRPC } from "../trpc";

type Storefront = RouterOutputs["catalog"]["listMyStorefronts"][number];
interface StorefrontForm {
  nameZh: string;
  nameEn: string;
  descriptionZh?: string;
  descriptionEn?: string;
  booth: { district: string; gate?: string; street?: string; booth: string };
  status: "active" | "closed";
}

/** The merchant's storefronts with their booth addresses, and an editor for them. */
export function StorefrontsPanel() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Storefront | "new" | null>(null);
  const [form] = Form.useForm<StorefrontForm>();
  const storefronts = useQuery(trpc.catalog.listMyStorefronts.queryOptions());
  const onError = (error: unknown) => {
    const fields = fieldErrorsOf(error);
    form.setFields(Object.entries(fields).map(([path, errors]) => ({ name: path.split(".") as never, errors })));
  };
  const onSuccess = async () => {
    setEditing(null);
    await queryClient.invalidateQueries(trpc.catalog.listMyStorefronts.queryFilter());
  };
  const create = useMutation(trpc.catalog.createStorefront.mutationOptions({ onSuccess, onError }));
  const update = useMutation(trpc.catalog.updateStorefront.mutationOptions({ onSuccess, onError }));
  const open = (storefront: Storefront | "new") => {
    setEditing(storefront);
    form.setFieldsValue(
      storefront === "new"
        ? { status: "active", booth: { district: "", booth: "" } }
        : { ...storefront, booth: storefront.booth },
    );
  };

  return (
    <Card
      title={t("catalog.storefronts")}
      extra={
        <Button type="primary" onClick={() => open("new")} data-testid="storefront-new">
          {t("catalog.newStorefront")}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        {(storefronts.data ?? []).map((s) => (
          <Descriptions
            key={s.id}
            bordered
            size="small"
            column={3}
            title={
              <Space>
                {localName(s, i18n.language)}
                <Tag color={s.status === "active" ? "green" : "default"}>
                  {t(`catalog.storefrontStatus.${s.status}`)}
                </Tag>
              </Space>
            }
            extra={<Button onClick={() => open(s)}>{t("catalog.edit")}</Button>}
            items={[
              {
                key: "booth",
                label: t("catalog.booth"),
                children: [s.booth.district, s.booth.gate, s.booth.street, s.booth.booth].filter(Boolean).join(" · "),
              },
              {
                key: "categories",
                label: t("catalog.mainCategories"),
                children: s.mainCategoryCodes.join(", ") || "—",
              },
              { key: "contact", label: t("catalog.contact"), children: s.contact.phone ?? s.contact.email ?? "—" },
            ]}
          />
        ))}
      </Space>
      <Modal
        open={editing !== null}
        title={editing === "new" ? t("catalog.newStorefront") : t("catalog.editStorefront")}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending || update.isPending}
        width={640}
      >
        <Form<StorefrontForm>
          form={form}
          layout="vertical"
          onFinish={(values) =>
            editing === "new" || editing === null
              ? create.mutate(values)
              : update.mutate({ ...values, storefrontId: editing.id })
          }
        >
          <Space.Compact block>
            <Form.Item name="nameZh" label={t("catalog.nameZh")} rules={[{ required: true }]} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
            <Form.Item name="nameEn" label={t("catalog.nameEn")} rules={[{ required: true }]} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
          </Space.Compact>
          <Space.Compact block>
            <Form.Item name={["booth", "district"]} label={t("catalog.district")} rules={[{ required: true }]}>
              <Input placeholder="二区" />
            </Form.Item>
            <Form.Item name={["booth", "gate"]} label={t("catalog.gate")}>
              <Input placeholder="7号门" />
            </Form.Item>
            <Form.Item name={["booth", "street"]} label={t("catalog.street")}>
              <Input placeholder="3街" />
            </Form.Item>
            <Form.Item name={["booth", "booth"]} label={t("catalog.boothNumber")} rules={[{ required: true }]}>
              <Input placeholder="12345" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="descriptionZh" label={t("catalog.descriptionZh")}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="descriptionEn" label={t("catalog.descriptionEn")}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="status" label={t("catalog.status")}>
            <Select
              options={(["active", "closed"] as const).map((v) => ({
                value: v,
                label: t(`catalog.storefrontStatus.${v}`),
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
