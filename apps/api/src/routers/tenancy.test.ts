import { type TestTenant, tenantSql } from "@tradecloud/core/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  createTestClient,
  createTestTenant,
  failure,
  signedInClient,
  type TestApp,
} from "../testing.js";

let t: TestApp;
let yiwu: TestTenant;
beforeAll(async () => {
  t = await createTestApp();
  yiwu = await createTestTenant(t.database, "yiwu", {
    merchant: ["merchant"],
    buyer: ["buyer"],
    operator: ["operator"],
  });
});
afterAll(() => t.destroy());

const owner = (key: string) => yiwu.orgs[key]?.ownerEmail ?? "";

describe("API keys", () => {
  it("shows the secret once, keeps only its prefix visible, and authenticates REST calls with it", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("merchant"));
    const created = await client.tenancy.createApiKey.mutate({
      name: "ERP sync",
      scopes: ["catalog:read", "webhooks:manage"],
    });
    expect(created.key).toMatch(/^tc_live_yiwu_[a-z0-9]{8}_[\w-]{32,}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);

    const listed = await client.tenancy.listApiKeys.query();
    expect(listed.map((k) => k.prefix)).toContain(created.prefix);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    const stored = JSON.stringify(
      await tenantSql(t.database, yiwu.id, sql`select * from api_keys where id = ${created.id}`),
    );
    expect(stored).toContain(created.prefix);
    expect(stored).not.toContain(created.key);

    const response = await t.app.request("/api/v1/api-keys", { headers: { authorization: `Bearer ${created.key}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { prefix: string; lastUsedAt: string | null }[];
    expect(body.map((k) => k.prefix)).toContain(created.prefix);
  });

  it("refuses a key without the scope, naming the scope", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("merchant"));
    const { key } = await client.tenancy.createApiKey.mutate({ name: "read only", scopes: ["catalog:read"] });
    const response = await t.app.request("/api/v1/api-keys", { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { code: string; message: string; requestId: string };
    expect(body.code).toBe("FORBIDDEN");
    expect(body.message).toContain("webhooks:manage");
    expect(body.requestId).toBeTruthy();
  });

  it("rejects revoked, expired and malformed keys with 401", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("merchant"));
    const revoked = await client.tenancy.createApiKey.mutate({ name: "old", scopes: ["webhooks:manage"] });
    await client.tenancy.revokeApiKey.mutate({ apiKeyId: revoked.id });
    const expired = await client.tenancy.createApiKey.mutate({
      name: "short",
      scopes: ["webhooks:manage"],
      expiresInDays: 1,
    });
    const before = await t.app.request("/api/v1/api-keys", { headers: { authorization: `Bearer ${expired.key}` } });
    expect(before.status).toBe(200);
    await tenantSql(
      t.database,
      yiwu.id,
      sql`update api_keys set expires_at = now() - interval '1 minute' where id = ${expired.id}`,
    );
    const keys = [revoked.key, expired.key, "tc_live_yiwu_deadbeef_notarealkeynotarealkeynotarealkey00", "sk_live_x"];
    for (const key of keys) {
      const response = await t.app.request("/api/v1/api-keys", { headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { code: string }).code).toBe("UNAUTHENTICATED");
    }
  });

  it("lets only owners and admins manage keys", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("buyer"));
    await tenantSql(
      t.database,
      yiwu.id,
      sql`update memberships set role = 'member' where organisation_id = ${yiwu.orgs.buyer?.id}`,
    );
    const error = await failure(client.tenancy.listApiKeys.query());
    expect(error.data.code).toBe("FORBIDDEN");
  });
});

describe("organisations and members", () => {
  it("lets the market operator register organisations, and nobody else", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("operator"));
    const created = await client.tenancy.createOrganisation.mutate({
      nameZh: "义乌市新星玩具厂",
      nameEn: "Yiwu Xinxing Toy Factory",
      kinds: ["merchant"],
      country: "cn",
    });
    expect(created.country).toBe("CN");
    const listed = await client.tenancy.listOrganisations.query();
    expect(listed.map((o) => o.id)).toContain(created.id);

    const { client: merchant } = await signedInClient(t.app, yiwu, owner("merchant"));
    const error = await failure(merchant.tenancy.listOrganisations.query());
    expect(error.data.code).toBe("FORBIDDEN");
  });

  it("invites a person who then signs in as a member", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("merchant"));
    const invitation = await client.tenancy.inviteMember.mutate({ email: "Sales@Chenguang.test", role: "member" });
    const { client: anonymous } = createTestClient(t.app, { tenant: "yiwu" });
    await anonymous.tenancy.acceptInvitation.mutate({
      token: invitation.token,
      name: "Li Na",
      password: "a-good-password",
    });
    const again = await failure(
      anonymous.tenancy.acceptInvitation.mutate({
        token: invitation.token,
        name: "Li Na",
        password: "a-good-password",
      }),
    );
    expect(again.data.code).toBe("NOT_FOUND");

    const members = await client.tenancy.listMembers.query();
    expect(members.find((m) => m.email === "sales@chenguang.test")?.role).toBe("member");
    const { client: newcomer } = createTestClient(t.app, { tenant: "yiwu" });
    await newcomer.auth.signIn.mutate({ tenant: "yiwu", email: "sales@chenguang.test", password: "a-good-password" });
    expect((await newcomer.auth.me.query()).activeOrganisationId).toBe(yiwu.orgs.merchant?.id);
  });
});
