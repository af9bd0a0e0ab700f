import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { REPO_ROOT } from "./server";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Whether the browser suite can run here. In CI a missing Chromium fails the suite instead. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`CI=true but Chromium is missing at ${CHROMIUM_PATH}: install Debian's chromium`);
  console.warn(`Chromium not found at ${CHROMIUM_PATH}: browser journeys not run (apt-get install chromium)`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const SCREENSHOTS = join(REPO_ROOT, "artifacts/screenshots");

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export const DEMO_PASSWORD = "tradecloud-demo";

/** Opens the sign-in page in a fresh browser context with the given language. */
export async function openSignIn(browser: Browser, baseUrl: string, language: "en" | "zh-CN"): Promise<Page> {
  const context = await browser.newContext({ locale: language, viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByTestId("sign-in-form").waitFor();
  return page;
}

/**
 * Waits until no dialog or popconfirm is still zooming in. Playwright waits for a button's box to
 * hold still over two frames, but on a starved CPU two frames can agree mid-animation and the click
 * lands beside the button: the dialog then stays open. Call before clicking inside a new overlay.
 */
export async function overlaysSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll(".ant-modal, .ant-popover")].some((overlay) =>
        /-(appear|enter)(-|\s|$)/.test(overlay.className),
      ),
    undefined,
    { timeout: 10_000 },
  );
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId("email").fill(email);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("sign-in-submit").click();
}
