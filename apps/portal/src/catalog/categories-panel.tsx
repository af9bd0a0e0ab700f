import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@tradecloud/api";
import { Alert, Button, Card, Col, Form, Input, Row, Space, Tree, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { localName } from "../i18n";
import { fieldErrorsOf, useTRPC } from "../trpc";

type CategoryNode = RouterOutputs["catalog"]["categoryTree"][number];
interface CategoryForm {
  segment?: string;
  nameZh: string;
  nameEn: string;
}

/** The market operator's category tree: add a sub-category under the selection, or rename it. */
export function CategoriesPanel() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tree = useQuery(trpc.catalog.categoryTree.queryOptions());
  const [selected, setSelected] = useState<CategoryNode | null>(null);
  const [addForm] = Form.useForm<CategoryForm>();
  const [renameForm] = Form.useForm<CategoryForm>();
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.catalog.categoryTree.queryFilter());
  const fail = (form: typeof addForm) => (error: unknown) => {
    setMessage(null);
    const fields = fieldErrorsOf(error);
    form.setFields(
      (["segment", "nameZh", "nameEn"] as const).map((name) => ({
        name,
        errors:
          fields[name] ??
          (name === "segment" && error instanceof Error && !Object.keys(fields).length ? [error.message] : []),
      })),
    );
  };
  const create = useMutation(
    trpc.catalog.createCategory.mutationOptions({
      onSuccess: async (created) => {
        setMessage(t("categories.added", { code: created.code }));
        addForm.resetFields();
        await refresh();
      },
      onError: fail(addForm),
    }),
  );
  const rename = useMutation(
    trpc.catalog.renameCategory.mutationOptions({
      onSuccess: async (renamed) => {
        setMessage(t("categories.renamed", { code: renamed.code }));
        await refresh();
      },
      onError: fail(renameForm),
    }),
  );
  const byKey = new Map<string, CategoryNode>();
  const toData = (nodes: CategoryNode[]): object[] =>
    nodes.map((n) => {
      byKey.set(n.code, n);
      return { key: n.code, title: `${localName(n, i18n.language)} · ${n.code}`, children: toData(n.children) };
    });
  const data = toData(tree.data ?? []);

  return (
    <Card title={t("categories.manage")} data-testid="categories-panel">
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Tree
            treeData={data}
            // Collapsed, the tree is a few dozen rows: render them all so every one can be picked.
            virtual={false}
            onSelect={(keys) => {
              const node = byKey.get(String(keys[0] ?? "")) ?? null;
              setSelected(node);
              if (node) renameForm.setFieldsValue({ nameZh: node.nameZh, nameEn: node.nameEn });
            }}
          />
        </Col>
        <Col xs={24} md={12}>
          <Space direction="vertical" style={{ width: "100%" }}>
            {message && <Alert type="success" showIcon message={message} />}
            <Typography.Text strong>
              {selected ? t("categories.under", { name: localName(selected, i18n.language) }) : t("categories.atRoot")}
            </Typography.Text>
            <Form<CategoryForm>
              form={addForm}
              layout="vertical"
              onFinish={(values) =>
                create.mutate({
                  parentCode: selected?.code ?? null,
                  segment: values.segment ?? "",
                  nameZh: values.nameZh,
                  nameEn: values.nameEn,
                })
              }
            >
              <Form.Item name="segment" label={t("categories.segment")} rules={[{ required: true }]}>
                <Input placeholder="led-candles" data-testid="category-segment" />
              </Form.Item>
              <Form.Item name="nameZh" label={t("catalog.nameZh")} rules={[{ required: true }]}>
                <Input placeholder="LED蜡烛" data-testid="category-name-zh" />
              </Form.Item>
              <Form.Item name="nameEn" label={t("catalog.nameEn")} rules={[{ required: true }]}>
                <Input placeholder="LED candles" data-testid="category-name-en" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="category-add">
                {t("categories.add")}
              </Button>
            </Form>
            {selected && (
              <Form<CategoryForm>
                form={renameForm}
                layout="inline"
                onFinish={(values) =>
                  rename.mutate({ code: selected.code, nameZh: values.nameZh, nameEn: values.nameEn })
                }
                style={{ marginTop: 24 }}
              >
                <Form.Item name="nameZh" rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="nameEn" rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Button htmlType="submit" loading={rename.isPending}>
                  {t("categories.rename")}
                </Button>
              </Form>
            )}
          </Space>
        </Col>
      </Row>
    </Card>
  );
}
