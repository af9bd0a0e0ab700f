import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@tradecloud/api";
import { Alert, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, TreeSelect } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { localName } from "../i18n";
import { fieldErrorsOf, useTRPC } from "../trpc";
import { decimalToMinor, minorToDecimal } from "./money";

type Listing = RouterOutputs["catalog"]["listMyListings"]["items"][number];
type CategoryNode = RouterOutputs["catalog"]["categoryTree"][number];
const UNITS = ["pcs", "dozen", "pair", "set", "box", "carton", "kg", "m"] as const;

interface EditorForm {
  sku: string;
  titleZh?: string;
  titleEn?: string;
  descriptionZh?: string;
  descriptionEn?: string;
  categoryCode: string;
  unit: (typeof UNITS)[number];
  moq: number;
  currency: string;
  tiers: { minQuantity: number; price: string }[];
  attributes: { name: string; value: string }[];
  leadTimeDays: number;
  stock?: number | null;
  carton?: { pcsPerCarton?: number; lengthCm?: number; widthCm?: number; heightCm?: number; grossKg?: number };
  status: "draft" | "active" | "archived";
  hsCode?: string | null;
  /** One URL per line. */
  imageUrlText?: string;
}

/** Form field paths for the API's field-error paths (`priceTiers.1.unitPriceMinor` → tiers row 1). */
function formPath(path: string): (string | number)[] {
  const parts = path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] === "priceTiers")
    return ["tiers", parts[1] ?? 0, parts[2] === "unitPriceMinor" ? "price" : "minQuantity"];
  if (parts[0] === "imageUrls") return ["imageUrlText"];
  if (parts[0] === "carton") return ["carton", parts[1] === "grossGrams" ? "grossKg" : (parts[1] ?? "")];
  return parts;
}

/** Create or edit a listing: bilingual text, category, tier prices, attributes, carton. */
export function ListingEditor({
  storefrontId,
  listing,
  onClose,
}: {
  storefrontId: string;
  listing: Listing | "new";
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditorForm>();
  const [error, setError] = useState<string | null>(null);
  const tree = useQuery(trpc.catalog.categoryTree.queryOptions());
  const toTree = (nodes: CategoryNode[]): object[] =>
    nodes.map((n) => ({
      value: n.code,
      title: localName(n, i18n.language),
      selectable: n.children.length === 0,
      children: toTree(n.children),
    }));
  const done = async () => {
    await queryClient.invalidateQueries(trpc.catalog.listMyListings.queryFilter());
    onClose();
  };
  const onError = (failure: unknown) => {
    setError(failure instanceof Error ? failure.message : String(failure));
    form.setFields(
      Object.entries(fieldErrorsOf(failure)).map(([path, errors]) => ({ name: formPath(path) as never, errors })),
    );
  };
  const create = useMutation(trpc.catalog.createListing.mutationOptions({ onSuccess: done, onError }));
  const update = useMutation(trpc.catalog.updateListing.mutationOptions({ onSuccess: done, onError }));

  const initial: Partial<EditorForm> =
    listing === "new"
      ? {
          unit: "pcs",
          currency: "CNY",
          status: "draft",
          tiers: [{ minQuantity: 100, price: "" }],
          attributes: [],
          leadTimeDays: 15,
          moq: 100,
        }
      : {
          ...listing,
          tiers: listing.priceTiers.map((tier) => ({
            minQuantity: tier.minQuantity,
            price: minorToDecimal(tier.unitPriceMinor, listing.currency),
          })),
          attributes: Object.entries(listing.attributes).map(([name, value]) => ({ name, value })),
          imageUrlText: listing.imageUrls.join("\n"),
          carton: listing.carton ? { ...listing.carton, grossKg: listing.carton.grossGrams / 1000 } : undefined,
        };

  const submit = (values: EditorForm) => {
    setError(null);
    const priceTiers = values.tiers.map((tier, i) => {
      const unitPriceMinor = decimalToMinor(tier.price ?? "", values.currency);
      if (unitPriceMinor === null) form.setFields([{ name: ["tiers", i, "price"], errors: [t("catalog.badPrice")] }]);
      return { minQuantity: tier.minQuantity, unitPriceMinor: unitPriceMinor ?? -1 };
    });
    if (priceTiers.some((tier) => tier.unitPriceMinor < 0)) return;
    const c = values.carton;
    const carton =
      c?.pcsPerCarton && c.lengthCm && c.widthCm && c.heightCm && c.grossKg
        ? {
            pcsPerCarton: c.pcsPerCarton,
            lengthCm: c.lengthCm,
            widthCm: c.widthCm,
            heightCm: c.heightCm,
            grossGrams: Math.round(c.grossKg * 1000),
          }
        : null;
    const body = {
      titleZh: values.titleZh ?? "",
      titleEn: values.titleEn ?? "",
      descriptionZh: values.descriptionZh ?? "",
      descriptionEn: values.descriptionEn ?? "",
      categoryCode: values.categoryCode,
      unit: values.unit,
      moq: values.moq,
      currency: values.currency,
      priceTiers,
      attributes: Object.fromEntries(values.attributes.filter((a) => a.name).map((a) => [a.name, a.value])),
      leadTimeDays: values.leadTimeDays,
      stock: values.stock ?? null,
      carton,
      status: values.status,
      hsCode: values.hsCode?.trim() ? values.hsCode.trim() : null,
      imageUrls: (values.imageUrlText ?? "").split(/\s+/).filter(Boolean),
    };
    if (listing === "new") create.mutate({ ...body, storefrontId, sku: values.sku });
    else update.mutate({ ...body, listingId: listing.id, expectedVersion: listing.version });
  };

  return (
    <Drawer
      open
      width={760}
      title={listing === "new" ? t("catalog.newListing") : `${t("catalog.editListing")} · ${listing.sku}`}
      onClose={onClose}
      extra={
        <Button
          type="primary"
          onClick={() => form.submit()}
          loading={create.isPending || update.isPending}
          data-testid="listing-save"
        >
          {t("catalog.save")}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form<EditorForm> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="sku" label="SKU" rules={[{ required: true }]}>
              <Input disabled={listing !== "new"} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="categoryCode" label={t("catalog.category")} rules={[{ required: true }]}>
              <TreeSelect showSearch treeNodeFilterProp="title" treeData={toTree(tree.data ?? [])} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="titleZh" label={t("catalog.titleZh")}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="titleEn" label={t("catalog.titleEn")}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="unit" label={t("catalog.unit")}>
              <Select options={UNITS.map((u) => ({ value: u, label: t(`catalog.units.${u}`) }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="moq" label={t("catalog.moq")} rules={[{ required: true }]}>
              <InputNumber min={1} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="currency" label={t("catalog.currency")}>
              <Select options={["CNY", "USD", "EUR", "AED", "RUB"].map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="leadTimeDays" label={t("catalog.leadTime")}>
              <InputNumber min={0} max={365} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="tiers">
          {(fields, { add, remove }) => (
            <Form.Item label={t("catalog.priceTiers")} required>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, "minQuantity"]} rules={[{ required: true }]}>
                    <InputNumber min={1} addonBefore="≥" placeholder={t("catalog.quantity")} />
                  </Form.Item>
                  <Form.Item name={[field.name, "price"]} rules={[{ required: true }]}>
                    <Input placeholder="2.50" addonAfter={t("catalog.perUnit")} style={{ width: 200 }} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} disabled={fields.length >= 10}>
                {t("catalog.addTier")}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.List name="attributes">
          {(fields, { add, remove }) => (
            <Form.Item label={t("catalog.attributes")}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, "name"]}>
                    <Input placeholder="material" />
                  </Form.Item>
                  <Form.Item name={[field.name, "value"]}>
                    <Input placeholder="PVC" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ name: "", value: "" })} icon={<PlusOutlined />}>
                {t("catalog.addAttribute")}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item label={t("catalog.carton")}>
          <Space wrap>
            <Form.Item name={["carton", "pcsPerCarton"]} noStyle>
              <InputNumber min={1} addonAfter={t("catalog.pcsPerCarton")} />
            </Form.Item>
            <Form.Item name={["carton", "lengthCm"]} noStyle>
              <InputNumber min={1} addonBefore="L" addonAfter="cm" />
            </Form.Item>
            <Form.Item name={["carton", "widthCm"]} noStyle>
              <InputNumber min={1} addonBefore="W" addonAfter="cm" />
            </Form.Item>
            <Form.Item name={["carton", "heightCm"]} noStyle>
              <InputNumber min={1} addonBefore="H" addonAfter="cm" />
            </Form.Item>
            <Form.Item name={["carton", "grossKg"]} noStyle>
              <InputNumber min={0.001} step={0.1} addonAfter="kg" />
            </Form.Item>
          </Space>
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="stock" label={t("catalog.stock")}>
              <InputNumber min={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="status" label={t("catalog.status")}>
              <Select
                options={(["draft", "active", "archived"] as const).map((s) => ({
                  value: s,
                  label: t(`catalog.listingStatus.${s}`),
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="hsCode" label={t("catalog.hsCode")}>
              <Input placeholder="950510" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="imageUrlText" label={t("catalog.imageUrls")}>
              <Input.TextArea rows={2} placeholder="https://…" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="descriptionZh" label={t("catalog.descriptionZh")}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="descriptionEn" label={t("catalog.descriptionEn")}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
