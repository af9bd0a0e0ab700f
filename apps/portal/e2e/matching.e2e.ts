import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, openSignIn, overlaysSettled, screenshot, signIn } from "./browser";
import { type RunningApp, startApp } from "./server";

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!browserAvailable())("matching journeys", () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("a buyer posts a demand and sees matched suppliers with the reasons", async () => {
    const page = await openSignIn(browser, app.baseUrl, "en");
    await signIn(page, "buyer@yiwu.example");
    await page.getByRole("tab", { name: "My demands" }).click();
    await page.getByTestId("demand-new").click();
    await page.getByTestId("demand-title-en").fill("Stainless steel vacuum flask 500ml");
    await page.getByTestId("demand-quantity").fill("0");
    await page.getByTestId("demand-target").fill("20.00");
    await page.getByTestId("demand-required-by").fill(inDays(30));
    await page.getByTestId("demand-submit").click();
    // Bad input comes back on the field, in the buyer's language, and nothing is posted.
    await expect.poll(() => page.locator(".ant-form-item-explain-error").first().textContent()).toContain("1");
    await page.getByTestId("demand-quantity").fill("1000");
    await page.getByTestId("demand-submit").click();

    const detail = page.getByTestId("demand-detail");
    await detail.waitFor();
    const suppliers = page.getByTestId("matched-suppliers");
    await expect.poll(() => suppliers.locator(".ant-list-item").count()).toBeGreaterThan(2);
    const first = await suppliers.getByTestId("match-explanation").first().textContent();
    expect(first).toMatch(/MOQ [\d,]+ [≤>] [\d,]+ (pcs|dozen)/);
    expect(first).toMatch(/at [\d,]+ (pcs|dozen)/);
    expect(first).toMatch(/ships in \d+ days, needed in 30/);
    await screenshot(page, "demand-matched-suppliers-en");
    await page.context().close();
  });

  it("a buyer compares quotes side by side and accepts one", async () => {
    const page = await openSignIn(browser, app.baseUrl, "en");
    await signIn(page, "buyer@yiwu.example");
    await page.getByRole("tab", { name: "My demands" }).click();
    await page.getByText("PVC christmas tree 150cm").click();
    const comparison = page.getByTestId("quote-comparison");
    await expect.poll(() => comparison.locator("tbody tr.ant-table-row").count()).toBe(3);
    // Cheapest first, in the demand's currency.
    const prices = await comparison.locator("tbody tr.ant-table-row td:nth-child(3)").allTextContents();
    const amounts = prices.map((p) => Number(p.replace(/[^\d.]/g, "")));
    expect([...amounts].sort((a, b) => a - b)).toEqual(amounts);
    await screenshot(page, "quotes-compared-en");
    await comparison.getByTestId("quote-accept").first().click();
    await overlaysSettled(page);
    await page.locator(".ant-popconfirm").getByRole("button", { name: "OK" }).click();
    await expect.poll(() => page.getByTestId("demand-title").textContent()).toContain("Awarded");
    await expect.poll(() => comparison.textContent()).toContain("Accepted");
    await expect(comparison.textContent()).resolves.toContain("Closed");
    await screenshot(page, "quote-accepted-en");
    await page.context().close();
  });

  it("a merchant finds a matched demand in the inbox, sees why, and quotes (in Chinese)", async () => {
    const page = await openSignIn(browser, app.baseUrl, "zh-CN");
    await signIn(page, "merchant@yiwu.example");
    await page.getByRole("tab", { name: "匹配的需求" }).click();
    const inbox = page.getByTestId("inbox");
    const row = inbox.locator("tbody tr.ant-table-row", { hasText: "合金发夹" });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/起订量 [\d,]+ [≤>]/);
    await screenshot(page, "merchant-inbox-zh");
    await row.getByTestId("inbox-quote").click();
    await page.getByTestId("quote-price").fill("1.75");
    await page.getByTestId("quote-submit").click();
    await expect.poll(() => row.textContent()).toContain("已提交");
    await page.context().close();
  });
});
