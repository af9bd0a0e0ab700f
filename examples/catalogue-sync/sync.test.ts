import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../apps/portal/e2e/server";

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());

/** Signs a demo person in over tRPC's HTTP protocol and calls one mutation as them. */
async function asDemoPerson(email: string, path: string, input: unknown) {
  const signIn = await fetch(`${app.baseUrl}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { tenant: "yiwu", email, password: "tradecloud-demo" } }),
  });
  expect(signIn.status).toBe(200);
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const me = (await (await fetch(`${app.baseUrl}/trpc/auth.me`, { headers: { cookie } })).json()) as {
    result: { data: { json: { csrfToken: string } } };
  };
  const response = await fetch(`${app.baseUrl}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": me.result.data.json.csrfToken },
    body: JSON.stringify({ json: input }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: unknown } } }).result.data.json;
}

function runSync(env: Record<string, string>, args: string[]) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "sync.ts", ...args], {
      cwd: fileURLToPath(new URL(".", import.meta.url)),
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGTERM"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("the catalogue-sync example", () => {
  it("imports the CSV through the SDK, then receives and verifies the webhooks it caused", async () => {
    await asDemoPerson("operator@yiwu.example", "webhooks.updateSettings", { allowLocalTargets: true });
    const { key } = (await asDemoPerson("merchant@yiwu.example", "tenancy.createApiKey", {
      name: "catalogue-sync",
      scopes: ["catalog:read", "catalog:write", "webhooks:manage"],
    })) as { key: string };
    const env = { TRADECLOUD_URL: app.baseUrl, TRADECLOUD_API_KEY: key };

    // New active listings also match open demands, so demand.matched events come too.
    const first = await runSync(env, ["--listen", "0", "--exit-after", "4:listing.created"]);
    expect(first.output).toContain("synced 4 rows: 4 created, 0 updated, 0 skipped");
    expect(first.output).toMatch(/storefront now has \d+ active/);
    for (const sku of ["XMAS-TREE-180", "XMAS-BALL-8", "XMAS-HAT-KID", "TEDDY-30"]) {
      expect(first.output).toMatch(new RegExp(`✓ listing\\.created \\S+ \\(${sku}\\)`));
    }
    expect(first.code, first.output).toBe(0);

    // Run again without listening: the same rows now update, nothing is duplicated.
    const second = await runSync(env, ["--listen", "off"]);
    expect(second.output).toContain("synced 4 rows: 0 created, 4 updated, 0 skipped");
    expect(second.code, second.output).toBe(0);
  });
});
