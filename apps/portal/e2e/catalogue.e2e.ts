import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, openSignIn, screenshot, signIn } from "./browser";
import { type RunningApp, startApp } from "./server";

const HEADER =
  "sku,title_zh,title_en,category_code,unit,moq,price_tiers,currency,lead_time_days,stock,pcs_per_carton,carton_l_cm,carton_w_cm,carton_h_cm,carton_kg,attributes,image_urls,description_zh,description_en,status";
const good = (sku: string, zh: string, en: string) =>
  `${sku},${zh},${en},jewelry.fashion.necklaces,pcs,120,120:3.20;600:2.90,CNY,10,,100,40,30,20,8.5,material=alloy;color=gold,,,,active`;
const csv = (rows: string[]) => Buffer.from([HEADER, ...rows].join("\n"));

describe.skipIf(!browserAvailable())("catalogue journeys", () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("a merchant imports a file with one bad row, fixes it, and sees the listings", async () => {
    const page = await openSignIn(browser, app.baseUrl, "en");
    await signIn(page, "merchant@yiwu.example");
    await page.getByTestId("listings-table").waitFor();
    await page.getByRole("tab", { name: "Import & export" }).click();

    const rows = [
      good("E2E-NECK-1", "复古珍珠项链", "Vintage pearl necklace"),
      good("E2E-NECK-2", "锁骨链", "Dainty clavicle chain"),
      // Row 4: tier quantities fall.
      "E2E-NECK-3,双层项链,Layered necklace,jewelry.fashion.necklaces,pcs,100,100:2.50;50:2.00,CNY,10,,,,,,,,,,,active",
    ];
    await page
      .locator("input[type=file]")
      .setInputFiles({ name: "necklaces.csv", mimeType: "text/csv", buffer: csv(rows) });
    const errors = page.getByTestId("import-errors");
    await errors.waitFor();
    await expect(errors.textContent()).resolves.toContain("price_tiers");
    await expect(errors.locator("tbody tr").first().textContent()).resolves.toMatch(/^4/);
    await screenshot(page, "import-error-report-en");

    rows[2] = good("E2E-NECK-3", "双层项链", "Layered necklace");
    await page
      .locator("input[type=file]")
      .setInputFiles({ name: "necklaces-fixed.csv", mimeType: "text/csv", buffer: csv(rows) });
    await expect.poll(() => page.getByTestId("import-report").textContent()).toContain("3 added");

    await page.getByRole("tab", { name: "Listings" }).click();
    await page.getByTestId("listings-search").fill("E2E-NECK");
    await page.getByTestId("listings-search").press("Enter");
    const table = page.getByTestId("listings-table");
    await expect.poll(() => table.locator("tbody tr.ant-table-row").count()).toBe(3);
    await expect(table.textContent()).resolves.toContain("Vintage pearl necklace");
    await screenshot(page, "imported-listings-en");
    await page.context().close();
  });

  it("a buyer searches in Chinese and in English and sees prices at their quantity", async () => {
    const page = await openSignIn(browser, app.baseUrl, "zh-CN");
    await signIn(page, "buyer@yiwu.example");
    await page.getByTestId("search-hit").first().waitFor();

    await page.getByTestId("search-input").fill("圣诞树");
    await page.getByTestId("search-input").press("Enter");
    await expect.poll(() => page.getByTestId("search-hit").first().textContent()).toContain("圣诞树");
    await screenshot(page, "search-zh");

    await page.getByTestId("language-switch").getByText("English").click();
    await page.getByTestId("search-input").fill("vacuum flask");
    await page.getByTestId("search-input").press("Enter");
    await expect.poll(() => page.getByTestId("search-hit").first().textContent()).toMatch(/vacuum flask/i);
    await page.getByTestId("search-quantity").fill("1000");
    await page.getByTestId("search-quantity").press("Tab");
    await expect.poll(() => page.getByTestId("search-hit").count()).toBeGreaterThan(0);
    const hits = await page.getByTestId("search-hit").allTextContents();
    expect(hits.every((hit) => /vacuum flask/i.test(hit))).toBe(true);
    await page.getByTestId("search-hit").first().click();
    await page.getByTestId("listing-drawer").waitFor();
    await screenshot(page, "search-en-listing");
    await page.context().close();
  });

  it("the market operator adds an industry and a category under it, and duplicates are refused", async () => {
    const page = await openSignIn(browser, app.baseUrl, "en");
    await signIn(page, "operator@yiwu.example");
    const panel = page.getByTestId("categories-panel");
    await panel.waitFor();
    const add = async (segment: string, zh: string, en: string) => {
      await page.getByTestId("category-segment").fill(segment);
      await page.getByTestId("category-name-zh").fill(zh);
      await page.getByTestId("category-name-en").fill(en);
      await page.getByTestId("category-add").click();
    };
    await add("smart-home", "智能家居", "Smart home");
    await expect.poll(() => panel.textContent()).toContain("Added smart-home");
    await panel.getByText("Smart home · smart-home").click();
    await add("plugs", "智能插座", "Smart plugs");
    await expect.poll(() => panel.textContent()).toContain("Added smart-home.plugs");
    await add("plugs", "智能插座", "Smart plugs");
    await expect.poll(() => panel.textContent()).toContain("smart-home.plugs already exists");
    await screenshot(page, "operator-categories-en");
    await page.context().close();
  });

  it("a merchant edits a listing's tier prices and carton in the editor", async () => {
    const page = await openSignIn(browser, app.baseUrl, "en");
    await signIn(page, "merchant@yiwu.example");
    const table = page.getByTestId("listings-table");
    await table.locator("tbody tr.ant-table-row").first().waitFor();
    await page.getByTestId("listings-search").fill("CHE-00001");
    await page.getByTestId("listings-search").press("Enter");
    await expect.poll(() => table.locator("tbody tr.ant-table-row").count()).toBe(1);
    await table.getByRole("button", { name: "Edit" }).click();
    const drawer = page.locator(".ant-drawer-content");
    await drawer.getByText("Tier prices").waitFor();
    // Replace the tiers with two: 300 pcs at 1.80 and 3,000 pcs at 1.25 (MOQ follows).
    await drawer.locator("#moq").fill("300");
    const quantities = drawer.locator("input[placeholder='Quantity']");
    const prices = drawer.locator("input[placeholder='2.50']");
    const removeTier = drawer.locator(".ant-space:has(input[placeholder='Quantity']) .anticon-minus-circle");
    while ((await quantities.count()) > 1) await removeTier.last().click();
    await quantities.first().fill("300");
    await prices.first().fill("1.80");
    await drawer.getByRole("button", { name: "Add a tier" }).click();
    await quantities.nth(1).fill("3000");
    await prices.nth(1).fill("1.25");
    await drawer.locator("#carton_pcsPerCarton").fill("200");
    await screenshot(page, "listing-editor-en");
    await page.getByTestId("listing-save").click();
    await drawer.waitFor({ state: "detached" });
    await expect.poll(() => table.textContent()).toContain("300 pcs");
    await expect(table.textContent()).resolves.toMatch(/¥1\.25/);
    await page.context().close();
  });
});
