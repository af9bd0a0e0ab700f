import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, openSignIn, overlaysSettled, screenshot, signIn } from "./browser";
import { type RunningApp, startApp } from "./server";

/** What a webhook receiver got: the headers and the raw body, exactly as sent. */
interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, unknown> };
}

/** A receiver on 127.0.0.1 that records every request and answers 200. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ path: request.url ?? "", headers: flatten(request.headers), body, json: JSON.parse(body) });
      response.writeHead(200, { "content-type": "text/plain" }).end("received");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tradecloud/hooks`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const flatten = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]],
    ),
  );

/** Waits for antd's messages to fade, so they do not cover what a screenshot is for. */
async function noToasts(page: Page) {
  await page.locator(".ant-message-notice").first().waitFor({ state: "detached", timeout: 10_000 });
}

/** Waits for closed dialogs to finish fading out. */
async function noDialogs(page: Page) {
  await expect
    .poll(() => page.locator(".ant-modal-wrap:visible, .ant-modal-mask:visible").count(), { timeout: 10_000 })
    .toBe(0);
}

/** Waits for antd's table loading blur to clear, so screenshots show loaded rows. */
async function settled(page: Page, testId: string) {
  await page.getByTestId(testId).locator(".ant-spin-blur").waitFor({ state: "detached" });
}

interface CategoryNode {
  code: string;
  children: CategoryNode[];
}
const firstLeaf = (nodes: CategoryNode[]): string | undefined => {
  for (const node of nodes) {
    const leaf = node.children.length ? firstLeaf(node.children) : node.code;
    if (leaf) return leaf;
  }
  return undefined;
};

describe.skipIf(!browserAvailable())("developer journeys", () => {
  let app: RunningApp;
  let browser: Browser;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  // Shared by the journeys below, in order.
  let apiKey = "";
  let secret = "";
  let listingId = "";

  beforeAll(async () => {
    [app, browser, receiver] = await Promise.all([startApp(), launchBrowser(), startReceiver()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await receiver?.close();
  });

  const rest = async (key: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> & unknown[] };
  };

  it("the market operator allows local webhook targets", async () => {
    const page = await openSignIn(browser, app.baseUrl, "en");
    await signIn(page, "operator@yiwu.example");
    await page.waitForURL("**/operator");
    const toggle = page.getByTestId("allow-local-targets");
    await expect.poll(() => toggle.getAttribute("aria-checked")).toBe("false");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-checked"), { timeout: 10_000 }).toBe("true");
    await expect(page.getByTestId("webhook-settings").textContent()).resolves.toContain("Never turn this on");
    await page.getByTestId("webhook-settings").scrollIntoViewIfNeeded();
    await screenshot(page, "operator-webhook-settings-en");
    await page.context().close();
  });

  it("a merchant creates a key and an endpoint, triggers events, and sees the deliveries", async () => {
    const page = await openSignIn(browser, app.baseUrl, "en");
    await signIn(page, "merchant@yiwu.example");
    await page.waitForURL("**/merchant");
    await page.getByTestId("side-menu").getByText("Developers").click();
    await page.waitForURL("**/developers");
    await expect(page.getByTestId("link-api-reference").getAttribute("href")).resolves.toBe("/docs");
    await expect(page.getByTestId("link-openapi").getAttribute("href")).resolves.toBe("/api/v1/openapi.json");

    // An API key that may read and write the catalogue and manage webhooks; its secret is shown once.
    await page.getByTestId("api-key-name").fill("ERP sync");
    const scopes = page.getByTestId("api-key-scopes");
    await scopes.getByText("catalog:write", { exact: true }).click();
    await scopes.getByText("webhooks:manage", { exact: true }).click();
    await page.getByTestId("api-key-expiry").fill("90");
    await page.getByTestId("api-key-create").click();
    const shownKey = page.getByTestId("api-key-secret");
    await expect.poll(() => shownKey.textContent(), { timeout: 10_000 }).toMatch(/tc_live_yiwu_/);
    apiKey = ((await shownKey.textContent()) ?? "").trim();
    expect(apiKey).toMatch(/^tc_live_yiwu_[a-z0-9]{8}_[A-Za-z0-9_-]{32,64}$/);
    await screenshot(page, "developers-api-key-created-en");
    await overlaysSettled(page);
    await page.getByRole("dialog").getByRole("button", { name: "OK" }).click();
    const keyRow = page.getByTestId("api-keys-table").locator("tbody tr.ant-table-row", { hasText: "ERP sync" });
    await expect(keyRow.textContent()).resolves.toContain("webhooks:manage");
    await expect(keyRow.textContent()).resolves.toContain("Live");
    await expect(keyRow.getByTestId("api-key-status").textContent()).resolves.toBe("active");

    // A webhook endpoint: a bad address is refused on the field, then the receiver is added.
    await page.getByRole("tab", { name: "Webhooks" }).click();
    await page.getByTestId("endpoint-new").click();
    const form = page.getByTestId("endpoint-form");
    await page.getByTestId("endpoint-url-input").fill("ftp://erp.example.com/hooks");
    await overlaysSettled(page);
    await page.getByRole("dialog").getByRole("button", { name: "Add" }).click();
    await expect
      .poll(() => form.locator(".ant-form-item-explain-error").first().textContent(), { timeout: 10_000 })
      .toContain("must start with https:// or http://");
    await page.getByTestId("endpoint-url-input").fill(receiver.url);
    await page.getByTestId("endpoint-description-input").fill("ERP listing sync");
    const types = page.getByTestId("endpoint-event-types");
    for (const type of ["listing.created", "webhook.test"]) {
      await types.click();
      await types.locator("input").fill(type);
      await page.locator(".ant-select-item-option", { hasText: type }).first().click();
    }
    await screenshot(page, "developers-endpoint-form-en");
    await page.getByRole("dialog").locator(".ant-modal-title").click();
    await page.locator(".ant-select-dropdown").waitFor({ state: "hidden" });
    await overlaysSettled(page);
    await page.getByRole("dialog").getByRole("button", { name: "Add" }).click();
    const shownSecret = page.getByTestId("endpoint-secret");
    await expect.poll(() => shownSecret.textContent(), { timeout: 10_000 }).toMatch(/whsec_/);
    secret = ((await shownSecret.textContent()) ?? "").trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    await screenshot(page, "developers-endpoint-secret-en");
    await overlaysSettled(page);
    await page.getByRole("dialog").getByRole("button", { name: "OK" }).click();
    const endpointRow = page.getByTestId("endpoints-table").locator("tbody tr.ant-table-row", {
      hasText: receiver.url,
    });
    await endpointRow.waitFor();
    await expect(endpointRow.textContent()).resolves.toContain("listing.created");
    await expect(endpointRow.getByTestId("endpoint-status").textContent()).resolves.toBe("Enabled");

    // A real event: the key creates a listing over REST, as an integration would.
    const storefronts = await rest(apiKey, "GET", "/storefronts/mine");
    expect(storefronts.status).toBe(200);
    const storefrontId = (storefronts.json as unknown as { id: string }[])[0]?.id;
    const categories = await rest(apiKey, "GET", "/categories");
    const categoryCode = firstLeaf(categories.json as unknown as CategoryNode[]);
    expect(storefrontId && categoryCode).toBeTruthy();
    const created = await rest(apiKey, "POST", "/listings", {
      storefrontId,
      sku: "E2E-HOOK-1",
      titleEn: "Webhook journey vacuum flask",
      titleZh: "Webhook 测试保温杯",
      categoryCode,
      unit: "pcs",
      moq: 100,
      priceTiers: [{ minQuantity: 100, unitPriceMinor: 1250 }],
      currency: "CNY",
      leadTimeDays: 10,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    listingId = String(created.json.id);

    // And a test event from the portal.
    await endpointRow.getByTestId("endpoint-test").click();
    await page.getByText("Test event sent").waitFor();
    await settled(page, "endpoints-table");
    await noToasts(page);
    await noDialogs(page);
    await screenshot(page, "developers-webhooks-en");

    // The receiver gets both, signed with the secret the portal showed.
    const byType = (type: string) => receiver.received.filter((r) => r.json.type === type);
    await expect.poll(() => byType("listing.created").length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => byType("webhook.test").length, { timeout: 30_000 }).toBe(1);
    const listingEvent = byType("listing.created")[0] as Received;
    expect(listingEvent.path).toBe("/tradecloud/hooks");
    expect((listingEvent.json.data.listing as { id: string }).id).toBe(listingId);
    expect(listingEvent.json.data.listingId).toBe(listingId);
    const verified = new Webhook(secret).verify(listingEvent.body, listingEvent.headers) as Received["json"];
    expect(verified.type).toBe("listing.created");
    expect(() =>
      new Webhook(secret).verify(byType("webhook.test")[0]?.body ?? "", byType("webhook.test")[0]?.headers ?? {}),
    ).not.toThrow();
    expect(() =>
      new Webhook(secret).verify(listingEvent.body.replace(listingId, "tampered"), listingEvent.headers),
    ).toThrow();

    // The delivery log shows both succeeded, and one delivery's body and attempts.
    await page.getByRole("tab", { name: "Deliveries" }).click();
    const rows = page.getByTestId("deliveries-table").locator("tbody tr.ant-table-row");
    await expect.poll(() => rows.filter({ hasText: "Succeeded" }).count(), { timeout: 30_000, interval: 500 }).toBe(2);
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.filter({ hasText: "webhook.test" }).textContent()).resolves.toContain("1 attempt · HTTP 200");
    await settled(page, "deliveries-table");
    await noToasts(page);
    await screenshot(page, "developers-deliveries-en");

    await rows.filter({ hasText: "listing.created" }).click();
    const drawer = page.getByTestId("delivery-drawer");
    await drawer.waitFor();
    const attempt = drawer.getByTestId("delivery-attempts").locator("tbody tr.ant-table-row").first();
    await expect(attempt.locator("td").nth(0).textContent()).resolves.toBe("1");
    await expect(attempt.locator("td").nth(1).textContent()).resolves.toBe("200");
    await expect(drawer.getByTestId("delivery-body").textContent()).resolves.toContain(listingId);
    await expect(drawer.getByTestId("delivery-event-id").textContent()).resolves.toBe(
      listingEvent.headers["webhook-id"],
    );
    await screenshot(page, "developers-delivery-detail-en");

    // Replay: the same event again, as a new delivery with the same webhook-id.
    await page.getByTestId("delivery-replay").click();
    await overlaysSettled(page);
    await page.locator(".ant-popconfirm").getByRole("button", { name: "OK" }).click();
    await page.getByText("Replay queued").waitFor();
    await expect.poll(() => byType("listing.created").length, { timeout: 30_000 }).toBe(2);
    expect(byType("listing.created")[1]?.headers["webhook-id"]).toBe(listingEvent.headers["webhook-id"]);
    await expect.poll(() => rows.filter({ hasText: "Succeeded" }).count(), { timeout: 30_000, interval: 500 }).toBe(3);
    await expect(rows.filter({ hasText: "replay" }).count()).resolves.toBe(1);
    await page.context().close();
  });

  it("the developer pages read in Chinese, with field errors in Chinese", async () => {
    expect(apiKey && secret && listingId).toBeTruthy();
    const page = await openSignIn(browser, app.baseUrl, "zh-CN");
    await signIn(page, "merchant@yiwu.example");
    await page.waitForURL("**/merchant");
    await page.getByTestId("side-menu").getByText("开发者").click();
    await page.waitForURL("**/developers");
    const keyRow = page.getByTestId("api-keys-table").locator("tbody tr.ant-table-row", { hasText: "ERP sync" });
    await keyRow.waitFor();
    // The key was used over REST, so it is no longer "never used".
    await expect(keyRow.textContent()).resolves.not.toContain("从未");
    await expect(keyRow.textContent()).resolves.toContain("正式");
    // Rotate with a day's grace: the new key is shown once in the same dialog; both keys work.
    await keyRow.getByTestId("api-key-rotate").click();
    await overlaysSettled(page);
    await page.getByTestId("api-key-grace").getByText("24 小时").click();
    await page.getByTestId("api-key-rotate-confirm").click();
    const rotated = page.getByTestId("api-key-rotated-secret");
    await expect.poll(() => rotated.textContent(), { timeout: 10_000 }).toMatch(/tc_live_yiwu_/);
    const newKey = ((await rotated.textContent()) ?? "").trim();
    expect(newKey).not.toBe(apiKey);
    await expect(page.getByRole("dialog").textContent()).resolves.toContain("之前仍可使用");
    await screenshot(page, "developers-api-key-rotated-zh");
    await overlaysSettled(page);
    await page.getByTestId("api-key-rotated-ok").click();
    const erpRows = page.getByTestId("api-keys-table").locator("tbody tr.ant-table-row", { hasText: "ERP sync" });
    await expect
      .poll(() => erpRows.getByTestId("api-key-status").allTextContents())
      .toEqual(["有效", "已轮换（过渡期）"]);
    await expect(erpRows.first().textContent()).resolves.toContain("替代 tc_live_yiwu_");
    expect((await rest(newKey, "GET", "/storefronts/mine")).status).toBe(200);
    expect((await rest(apiKey, "GET", "/storefronts/mine")).status).toBe(200);

    // A test key, for the market's sandbox.
    await page.getByTestId("api-key-name").fill("沙箱试用");
    await page.getByTestId("api-key-mode").getByText("测试").click();
    await expect(page.getByTestId("developers-page").textContent()).resolves.toContain("测试密钥操作本市场的沙箱");
    await page.getByTestId("api-key-create").click();
    const testKey = page.getByTestId("api-key-secret");
    await expect.poll(() => testKey.textContent(), { timeout: 10_000 }).toMatch(/tc_test_/);
    const sandboxKey = ((await testKey.textContent()) ?? "").trim();
    await overlaysSettled(page);
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /确\s*定/ })
      .click();
    const testRow = page.getByTestId("api-keys-table").locator("tbody tr.ant-table-row", { hasText: "沙箱试用" });
    await expect(testRow.textContent()).resolves.toContain("测试");
    expect((await rest(sandboxKey, "GET", "/categories")).status).toBe(200);
    await noToasts(page);
    await noDialogs(page);
    await settled(page, "api-keys-table");
    await screenshot(page, "developers-api-keys-zh");

    await page.getByRole("tab", { name: "Webhook" }).click();
    const endpointRow = page.getByTestId("endpoints-table").locator("tbody tr.ant-table-row").first();
    await endpointRow.waitFor();
    await expect(endpointRow.getByTestId("endpoint-status").textContent()).resolves.toBe("已启用");
    await endpointRow.getByTestId("endpoint-show-secret").click();
    await expect.poll(() => page.getByTestId("endpoint-secret").textContent()).toBe(secret);
    await overlaysSettled(page);
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /确\s*定/ })
      .click();
    await settled(page, "endpoints-table");
    await noDialogs(page);
    await screenshot(page, "developers-webhooks-zh");

    await page.getByTestId("endpoint-new").click();
    await page.getByTestId("endpoint-url-input").fill("ftp://erp.example.com/hooks");
    await overlaysSettled(page);
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /添\s*加/ })
      .click();
    const form = page.getByTestId("endpoint-form");
    await expect
      .poll(() => form.locator(".ant-form-item-explain-error").first().textContent(), { timeout: 10_000 })
      .toContain("必须以 https:// 或 http:// 开头");
    await page.getByTestId("endpoint-event-types").click();
    await page.locator(".ant-select-item-option").first().waitFor();
    await screenshot(page, "developers-endpoint-error-zh");
    await page.getByRole("dialog").locator(".ant-modal-title").click();
    await page.locator(".ant-select-dropdown").waitFor({ state: "hidden" });
    await overlaysSettled(page);
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /取\s*消/ })
      .click();

    // Turned off, an endpoint takes no test events; turned on again, it does.
    await endpointRow.getByTestId("endpoint-enabled").click();
    await expect
      .poll(() => endpointRow.getByTestId("endpoint-status").textContent(), { timeout: 10_000 })
      .toBe("已停用");
    await expect(endpointRow.getByTestId("endpoint-test").isDisabled()).resolves.toBe(true);
    await endpointRow.getByTestId("endpoint-enabled").click();
    await expect
      .poll(() => endpointRow.getByTestId("endpoint-status").textContent(), { timeout: 10_000 })
      .toBe("已启用");

    // The row's link opens the delivery log filtered to the endpoint.
    await endpointRow.getByTestId("endpoint-deliveries").click();
    await expect.poll(() => page.getByRole("tab", { name: "投递记录" }).getAttribute("aria-selected")).toBe("true");
    await expect(page.getByTestId("deliveries-endpoint-filter").textContent()).resolves.toContain(receiver.url);
    const rows = page.getByTestId("deliveries-table").locator("tbody tr.ant-table-row");
    await expect.poll(() => rows.filter({ hasText: "成功" }).count(), { timeout: 30_000 }).toBe(3);
    await page.getByTestId("deliveries-status-filter").click();
    await page.locator(".ant-select-item-option", { hasText: "失败" }).click();
    await expect.poll(() => page.getByTestId("deliveries-table").textContent()).toContain("暂无投递记录");
    await page.getByTestId("deliveries-status-filter").locator(".ant-select-clear").click();
    await expect.poll(() => rows.count()).toBe(3);
    await settled(page, "deliveries-table");
    await screenshot(page, "developers-deliveries-zh");
    await rows.filter({ hasText: "webhook.test" }).click();
    const drawer = page.getByTestId("delivery-drawer");
    await drawer.waitFor();
    await expect(drawer.textContent()).resolves.toContain("从门户或 API 发送的测试事件");
    await screenshot(page, "developers-delivery-detail-zh");
    await page.context().close();
  });
});
