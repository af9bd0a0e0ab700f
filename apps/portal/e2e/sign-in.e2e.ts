import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, openSignIn as openPage, screenshot, signIn } from "./browser";
import { type RunningApp, startApp } from "./server";

describe.skipIf(!browserAvailable())("signing in to the portal", () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const openSignIn = (language: "en" | "zh-CN") => openPage(browser, app.baseUrl, language);

  async function chooseMarket(page: Page, label: string) {
    await page.getByTestId("market-select").click();
    await page.locator(".ant-select-item-option", { hasText: label }).click();
  }

  it("a merchant signs in in English, sees market and organisation, and signs out", async () => {
    const page = await openSignIn("en");
    await expect(page.getByTestId("sign-in-submit").textContent()).resolves.toContain("Sign in");
    await screenshot(page, "sign-in-en");
    await signIn(page, "merchant@yiwu.example");
    await page.waitForURL("**/merchant");
    await expect(page.getByTestId("current-market").textContent()).resolves.toBe("Yiwu International Trade City");
    await expect(page.getByTestId("current-organisation").textContent()).resolves.toContain(
      "Yiwu Chenguang Jewelry Co., Ltd.",
    );
    // Wait for the rows and for antd's loading blur to clear, so the screenshot shows the loaded table.
    const listings = page.getByTestId("listings-table");
    await listings.locator("tbody tr.ant-table-row").first().waitFor();
    await listings.locator(".ant-spin-blur").waitFor({ state: "detached" });
    await screenshot(page, "home-merchant-en");

    // The merchant also works for a trading company that buys: switch to it and back.
    await page.getByTestId("current-organisation").click();
    await page.locator(".ant-select-item-option", { hasText: "Yiwu Haina Import & Export" }).click();
    await page.getByTestId("side-menu").getByText("Sourcing").waitFor();
    await expect(page.getByTestId("current-organisation").textContent()).resolves.toContain("Haina");
    await screenshot(page, "switched-organisation-en");
    await page.getByTestId("current-organisation").click();
    await page.locator(".ant-select-item-option", { hasText: "Chenguang" }).click();
    await expect.poll(() => page.getByTestId("side-menu").textContent()).not.toContain("Sourcing");
    await page.getByTestId("sign-out").click();
    await page.waitForURL("**/sign-in");
    await page.context().close();
  });

  it("a buyer signs in in Chinese and sees the market in Chinese", async () => {
    const page = await openSignIn("en");
    await page.getByTestId("language-switch").getByText("中文").click();
    await expect(page.getByTestId("sign-in-submit").textContent()).resolves.toMatch(/登\s*录/);
    await screenshot(page, "sign-in-zh");
    await signIn(page, "buyer@yiwu.example");
    await page.waitForURL("**/buyer");
    await expect(page.getByTestId("current-market").textContent()).resolves.toBe("义乌国际商贸城");
    await page.getByTestId("search-hit").first().waitFor();
    await screenshot(page, "home-buyer-zh");
    await page.context().close();
  });

  it("a wrong password is refused in the page's language", async () => {
    for (const [language, message] of [
      ["en", "Email or password is incorrect"],
      ["zh-CN", "邮箱或密码不正确"],
    ] as const) {
      const page = await openSignIn(language);
      await signIn(page, "merchant@yiwu.example", "not-the-password");
      await expect(page.getByTestId("sign-in-error").textContent()).resolves.toContain(message);
      await screenshot(page, `sign-in-error-${language}`);
      await page.context().close();
    }
  });

  it("each of Yiwu's demo people lands in their role's section", async () => {
    for (const role of ["merchant", "buyer", "logistics", "lender", "operator"]) {
      const page = await openSignIn("en");
      await signIn(page, `${role}@yiwu.example`);
      await page.waitForURL(`**/${role}`);
      await page.getByTestId(`section-${role}`).waitFor();
      if (role === "operator") {
        const rows = page.getByTestId("organisations-table").locator("tbody tr.ant-table-row");
        await rows.first().waitFor();
        expect(await rows.count()).toBeGreaterThan(5);
        await screenshot(page, "home-operator-en");
      }
      await page.context().close();
    }
  });

  it("Keqiao's merchant sees Keqiao and nothing of Yiwu", async () => {
    const page = await openSignIn("zh-CN");
    await chooseMarket(page, "柯桥中国轻纺城");
    await signIn(page, "merchant@keqiao.example");
    await page.waitForURL("**/merchant");
    await expect(page.getByTestId("current-market").textContent()).resolves.toBe("柯桥中国轻纺城");
    await page.getByTestId("listings-table").locator("tbody tr.ant-table-row").first().waitFor();
    const body = await page.locator("body").textContent();
    expect(body).not.toContain("义乌");
    await screenshot(page, "home-merchant-keqiao-zh");
    await page.context().close();
  });
});
