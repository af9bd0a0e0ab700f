import { tenancy } from "@tradecloud/core";
import { type TestTenant, tenantSql } from "@tradecloud/core/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./router.js";
import { createTestApp, createTestTenant, signedInClient, type TestApp } from "./testing.js";

type Scope = tenancy.ApiKeyScope;
interface ProcedureInfo {
  path: string;
  type: "query" | "mutation";
  scope?: Scope;
  apiKeys?: boolean;
  openapi?: { method: string; path: string };
}

/** Every procedure with what its builder recorded: the scope a key needs, whether keys may call it. */
const procedures: ProcedureInfo[] = Object.entries(appRouter._def.procedures).map(([path, procedure]) => {
  const def = (procedure as unknown as { _def: { type: ProcedureInfo["type"]; meta?: Omit<ProcedureInfo, "path"> } })
    ._def;
  return { path, type: def.type, ...def.meta };
});
const scopeOf = (scope: Scope) => procedures.filter((p) => p.scope === scope);

/**
 * Scopes no procedure requires yet. When one starts to, this test fails until it leaves this list,
 * and then every procedure needing it is checked below, and a success case must be added.
 */
const NOT_YET_USED: Scope[] = ["orders:read", "orders:write", "logistics:write", "credit:read", "credit:write"];
const USED = tenancy.API_KEY_SCOPES.filter((scope) => !NOT_YET_USED.includes(scope));

let t: TestApp;
let market: TestTenant;
let importerClient: Awaited<ReturnType<typeof signedInClient>>["client"];
/** A key per scope, holding every scope but that one; and one holding all. */
const without = {} as Record<Scope, string>;
let all = "";
const DUMMY_ID = "01a210e6-34bb-72ad-89f8-1944390d5d7b";

beforeAll(async () => {
  t = await createTestApp();
  // One organisation of every kind, so no procedure refuses a key for its organisation's kind.
  market = await createTestTenant(t.database, "scopes", {
    everything: ["merchant", "buyer", "logistics", "lender", "operator"],
    importer: ["buyer"],
  });
  const { client } = await signedInClient(t.app, market, market.orgs.everything?.ownerEmail ?? "");
  all = (await client.tenancy.createApiKey.mutate({ name: "all", scopes: [...tenancy.API_KEY_SCOPES] })).key;
  for (const scope of tenancy.API_KEY_SCOPES) {
    const scopes = tenancy.API_KEY_SCOPES.filter((s) => s !== scope);
    without[scope] = (await client.tenancy.createApiKey.mutate({ name: `without ${scope}`, scopes })).key;
  }
  importerClient = (await signedInClient(t.app, market, market.orgs.importer?.ownerEmail ?? "")).client;
});
afterAll(() => t.destroy());

interface Answer {
  status: number;
  code?: string;
  message?: string;
  data?: unknown;
}

/** Calls a procedure over tRPC with `key`, as raw HTTP so the status and message show. */
async function overTrpc(p: ProcedureInfo, key: string, input: unknown, locale = "en"): Promise<Answer> {
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json", "accept-language": locale };
  const response =
    p.type === "query"
      ? await t.app.request(`/trpc/${p.path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers })
      : await t.app.request(`/trpc/${p.path}`, { method: "POST", headers, body: JSON.stringify({ json: input }) });
  const body = (await response.json()) as {
    result?: { data: { json: unknown } };
    error?: { json: { message: string; data: { code: string } } };
  };
  return {
    status: response.status,
    code: body.error?.json.data.code,
    message: body.error?.json.message,
    data: body.result?.data.json,
  };
}

/** Calls a procedure's REST operation with `key`: path parameters from `input`, the rest as query or body. */
async function overRest(p: ProcedureInfo, key: string, input: Record<string, unknown>, locale = "en") {
  if (!p.openapi) throw new Error(`${p.path} is not on REST`);
  const rest = { ...input };
  const path = p.openapi.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = String(rest[name] ?? DUMMY_ID);
    delete rest[name];
    return value;
  });
  const hasBody = ["POST", "PATCH", "PUT"].includes(p.openapi.method);
  const query = hasBody ? "" : `?${new URLSearchParams(rest as Record<string, string>)}`;
  const response = await t.app.request(`/api/v1${path}${query}`, {
    method: p.openapi.method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "accept-language": locale },
    ...(hasBody ? { body: JSON.stringify(rest) } : {}),
  });
  const body = (await response.json()) as { code?: string; message?: string };
  return { status: response.status, code: body.code, message: body.message, data: body } satisfies Answer;
}

/** An input that names every path parameter (the scope is checked before the input is). */
const dummyInput = (p: ProcedureInfo) =>
  Object.fromEntries([...(p.openapi?.path.matchAll(/\{(\w+)\}/g) ?? [])].map(([, name]) => [name, DUMMY_ID]));

describe("API key scopes", () => {
  it("are each required by some procedure, or listed as not used yet", () => {
    for (const scope of tenancy.API_KEY_SCOPES) {
      expect(scopeOf(scope).length > 0, `${scope}: used, or in NOT_YET_USED, not both`).toBe(
        !NOT_YET_USED.includes(scope),
      );
    }
    expect(USED).toEqual([
      "catalog:read",
      "catalog:write",
      "demands:read",
      "demands:write",
      "quotes:write",
      "webhooks:manage",
    ]);
  });

  for (const scope of USED) {
    it(`${scope}: every procedure needing it refuses a key without it with 403 naming it, over tRPC and REST`, async () => {
      for (const p of scopeOf(scope)) {
        for (const locale of ["en", "zh-CN"]) {
          const trpc = await overTrpc(p, without[scope], dummyInput(p), locale);
          expect(trpc, `${p.path} over tRPC (${locale})`).toMatchObject({ status: 403, code: "FORBIDDEN" });
          expect(trpc.message, `${p.path} over tRPC (${locale})`).toContain(scope);
          if (locale === "zh-CN") expect(trpc.message).toMatch(/[\u4e00-\u9fff]/);
          const rest = await overRest(p, without[scope], dummyInput(p), locale);
          expect(rest, `${p.openapi?.method} ${p.openapi?.path} (${locale})`).toMatchObject({
            status: 403,
            code: "FORBIDDEN",
          });
          expect(rest.message, `${p.path} over REST (${locale})`).toContain(scope);
        }
        // With the scope, the same call gets past the check (to its input, or a missing row).
        for (const answer of [await overTrpc(p, all, dummyInput(p)), await overRest(p, all, dummyInput(p))]) {
          expect([401, 403], `${p.path} with every scope: ${answer.message}`).not.toContain(answer.status);
        }
      }
    });
  }

  /** For each used scope, a call that needs it and succeeds; `fresh` gives a new input per call. */
  const successes: Record<string, { procedure: string; fresh: () => Promise<Record<string, unknown>> }> = {
    "catalog:read": { procedure: "catalog.listMyStorefronts", fresh: async () => ({}) },
    "catalog:write": {
      procedure: "catalog.createStorefront",
      fresh: async () => ({ nameZh: "店", nameEn: "Shop", booth: { district: "一区", booth: "8" } }),
    },
    "demands:read": { procedure: "matching.listMyDemands", fresh: async () => ({}) },
    "demands:write": {
      procedure: "matching.postDemand",
      fresh: async () => ({
        titleEn: "Ceramic mugs",
        quantity: 500,
        unit: "pcs",
        currency: "CNY",
        requiredBy: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        destination: { country: "DE" },
      }),
    },
    "quotes:write": {
      procedure: "matching.submitQuote",
      // Another buyer's demand that invites this organisation to quote.
      fresh: async () => {
        const { demand } = await importerClient.matching.postDemand.mutate({
          titleEn: "Glass vases",
          quantity: 100,
          unit: "pcs",
          currency: "CNY",
          requiredBy: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
          destination: { country: "FR" },
        });
        await importerClient.matching.inviteSuppliers.mutate({
          demandId: demand.id,
          supplierIds: [market.orgs.everything?.id ?? ""],
        });
        return {
          demandId: demand.id,
          unitPriceMinor: 1200,
          currency: "CNY",
          quantity: 100,
          leadTimeDays: 10,
          incoterm: "FOB",
          validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
        };
      },
    },
    "webhooks:manage": { procedure: "tenancy.listApiKeys", fresh: async () => ({}) },
  };

  it("has a success case for every used scope", () => {
    expect(Object.keys(successes).sort()).toEqual([...USED].sort());
    for (const [scope, { procedure }] of Object.entries(successes)) {
      expect(procedures.find((p) => p.path === procedure)?.scope, procedure).toBe(scope);
    }
  });

  for (const scope of USED) {
    it(`${scope}: a key with it succeeds, over tRPC and REST`, async () => {
      const success = successes[scope];
      const p = procedures.find((procedure) => procedure.path === success?.procedure);
      if (!success || !p) throw new Error(`no success case for ${scope}`);
      // Only this scope: nothing else lets it through.
      const { client } = await signedInClient(t.app, market, market.orgs.everything?.ownerEmail ?? "");
      const { key } = await client.tenancy.createApiKey.mutate({ name: `only ${scope}`, scopes: [scope] });
      const trpc = await overTrpc(p, key, await success.fresh());
      expect(trpc.status, `${p.path} over tRPC: ${trpc.message}`).toBe(200);
      const rest = await overRest(p, key, await success.fresh());
      expect(rest.status, `${p.path} over REST: ${rest.message}`).toBe(200);
    });
  }

  it("people-only procedures refuse every API key, even one with every scope", async () => {
    const peopleOnly = procedures.filter((p) => p.apiKeys === false);
    expect(peopleOnly.map((p) => p.path)).toEqual(
      expect.arrayContaining(["tenancy.inviteMember", "tenancy.listMembers", "tenancy.createOrganisation"]),
    );
    for (const p of peopleOnly) {
      const answer = await overTrpc(p, all, {});
      expect(answer, p.path).toMatchObject({ status: 403, code: "FORBIDDEN" });
      expect(answer.message).toContain("API keys cannot");
    }
  });
});

describe("keys that are not valid", () => {
  const listKeys = () => procedures.find((p) => p.path === "tenancy.listApiKeys") as ProcedureInfo;

  it("are rejected with 401 over tRPC and REST: revoked, expired, rotated out, or with a wrong secret", async () => {
    const { client } = await signedInClient(t.app, market, market.orgs.everything?.ownerEmail ?? "");
    const make = (name: string, expiresInDays?: number) =>
      client.tenancy.createApiKey.mutate({
        name,
        scopes: ["webhooks:manage"],
        ...(expiresInDays ? { expiresInDays } : {}),
      });
    const revoked = await make("revoked");
    const expired = await make("expired", 1);
    const rotatedOut = await make("rotated out");
    const valid = await make("valid");
    // Each works until it is not.
    for (const key of [revoked, expired, rotatedOut]) {
      expect((await overRest(listKeys(), key.key, {})).status).toBe(200);
    }
    await client.tenancy.revokeApiKey.mutate({ apiKeyId: revoked.id });
    await tenantSql(
      t.database,
      market.id,
      sql`update api_keys set expires_at = now() - interval '1 second' where id = ${expired.id}`,
    );
    await client.tenancy.rotateApiKey.mutate({ apiKeyId: rotatedOut.id, graceHours: 0 });
    const wrongSecret = `${valid.prefix}_${"A".repeat(valid.key.length - valid.prefix.length - 1)}`;
    expect(wrongSecret).not.toBe(valid.key);
    expect(tenancy.parseApiKey(wrongSecret)?.prefix).toBe(valid.prefix);

    for (const [what, key] of [
      ["revoked", revoked.key],
      ["expired", expired.key],
      ["rotated out", rotatedOut.key],
      ["wrong secret", wrongSecret],
    ]) {
      for (const locale of ["en", "zh-CN"]) {
        const trpc = await overTrpc(listKeys(), key ?? "", {}, locale);
        expect(trpc, `${what} over tRPC`).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
        const rest = await overRest(listKeys(), key ?? "", {}, locale);
        expect(rest, `${what} over REST`).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
        if (locale === "zh-CN") expect(rest.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    // The valid key still works.
    expect((await overTrpc(listKeys(), valid.key, {})).status).toBe(200);
  });
});
