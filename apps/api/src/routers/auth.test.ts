import { type TestTenant, tenantSql } from "@tradecloud/core/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  createTestClient,
  createTestTenant,
  failure,
  signedInClient,
  TEST_PASSWORD,
  type TestApp,
} from "../testing.js";

let t: TestApp;
let yiwu: TestTenant;
beforeAll(async () => {
  t = await createTestApp();
  yiwu = await createTestTenant(t.database, "yiwu", {
    merchant: ["merchant"],
    trader: ["merchant", "buyer"],
  });
});
afterAll(() => t.destroy());

describe("portal sessions", () => {
  it("signs in with a httpOnly SameSite cookie and shows who acts for which organisation", async () => {
    const response = await t.app.request("/trpc/auth.signIn", {
      method: "POST",
      headers: { "content-type": "application/json", "x-tenant": "yiwu" },
      body: JSON.stringify({
        json: { tenant: "yiwu", email: yiwu.orgs.merchant?.ownerEmail, password: TEST_PASSWORD },
      }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^tc_session=[0-9a-f-]{36}\.[\w-]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");

    const { me } = await signedInClient(t.app, yiwu, yiwu.orgs.merchant?.ownerEmail ?? "");
    expect(me.tenant.slug).toBe("yiwu");
    expect(me.user.email).toBe(yiwu.orgs.merchant?.ownerEmail);
    expect(me.activeOrganisationId).toBe(yiwu.orgs.merchant?.id);
    expect(me.organisations.map((o) => o.role)).toEqual(["owner"]);
    expect(me.csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    const { client } = createTestClient(t.app, { tenant: "yiwu" });
    const unknown = await failure(
      client.auth.signIn.mutate({ tenant: "yiwu", email: "nobody@x.test", password: "whatever" }),
    );
    const wrong = await failure(
      client.auth.signIn.mutate({
        tenant: "yiwu",
        email: yiwu.orgs.merchant?.ownerEmail ?? "",
        password: "wrong-password",
      }),
    );
    expect(unknown.data.code).toBe("UNAUTHENTICATED");
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.data.httpStatus).toBe(401);
  });

  it("answers in Chinese when the caller asks for it", async () => {
    const { client } = createTestClient(t.app, { tenant: "yiwu", locale: "zh-CN" });
    const error = await failure(client.auth.signIn.mutate({ tenant: "yiwu", email: "nobody@x.test", password: "x" }));
    expect(error.message).toBe("邮箱或密码不正确");
  });

  it("refuses a cookie-authenticated mutation without the CSRF token", async () => {
    const { client, state } = await signedInClient(t.app, yiwu, yiwu.orgs.merchant?.ownerEmail ?? "");
    state.csrfToken = undefined;
    const error = await failure(client.auth.signOut.mutate());
    expect(error.data.code).toBe("FORBIDDEN");
    state.csrfToken = "forged-token-forged-token";
    expect((await failure(client.auth.signOut.mutate())).data.code).toBe("FORBIDDEN");
  });

  it("refuses a cross-site form post by its Origin", async () => {
    const response = await t.app.request("http://tradecloud.test/trpc/auth.signOut", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: "a=1",
    });
    expect(response.status).toBe(403);
  });

  it("switches between the organisations a person belongs to, and no others", async () => {
    const owner = yiwu.orgs.trader?.ownerEmail ?? "";
    const { client } = await signedInClient(t.app, yiwu, owner);
    // Make the trader's owner a member of the merchant organisation too.
    await tenantSql(
      t.database,
      yiwu.id,
      sql`insert into memberships (tenant_id, user_id, organisation_id, role)
          values (${yiwu.id}, ${yiwu.orgs.trader?.ownerId}, ${yiwu.orgs.merchant?.id}, 'member')`,
    );
    await client.auth.switchOrganisation.mutate({ organisationId: yiwu.orgs.merchant?.id ?? "" });
    const me = await client.auth.me.query();
    expect(me.activeOrganisationId).toBe(yiwu.orgs.merchant?.id);
    expect(me.organisations).toHaveLength(2);

    const stranger = await createTestTenant(t.database, "stranger", { other: ["buyer"] });
    const error = await failure(
      client.auth.switchOrganisation.mutate({ organisationId: stranger.orgs.other?.id ?? "" }),
    );
    expect(error.data.code).toBe("FORBIDDEN");
  });

  it("signs out: the cookie is cleared and the session no longer works", async () => {
    const { client, state } = await signedInClient(t.app, yiwu, yiwu.orgs.merchant?.ownerEmail ?? "");
    const cookie = state.cookie;
    await client.auth.signOut.mutate();
    expect(state.cookie).toBe("tc_session=");
    state.cookie = cookie;
    expect((await failure(client.auth.me.query())).data.code).toBe("UNAUTHENTICATED");
  });

  it("expires sessions", async () => {
    const { client } = await signedInClient(t.app, yiwu, yiwu.orgs.merchant?.ownerEmail ?? "");
    await tenantSql(t.database, yiwu.id, sql`update sessions set expires_at = now() - interval '1 second'`);
    expect((await failure(client.auth.me.query())).data.httpStatus).toBe(401);
  });
});
