import { type TestTenant, tenantSql } from "@tradecloud/core/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./router.js";
import { createTestApp, createTestClient, createTestTenant, failure, signedInClient, type TestApp } from "./testing.js";

let t: TestApp;
let yiwu: TestTenant;
beforeAll(async () => {
  t = await createTestApp({ maxBodyBytes: 64 * 1024, maxBatchSize: 5 });
  yiwu = await createTestTenant(t.database, "yiwu", {
    merchant: ["merchant"],
    operator: ["operator"],
    buyer: ["buyer"],
  });
});
afterAll(() => t.destroy());

describe("health", () => {
  it("answers /healthz after asking the database, and /readyz", async () => {
    const health = await t.app.request("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: t.database.kind });
    expect((await t.app.request("/readyz")).status).toBe(200);
  });
});

describe("request limits", () => {
  it("refuses a body over the cap with 413, with or without Content-Length", async () => {
    const big = JSON.stringify({ json: { tenant: "yiwu", email: "a@b.test", password: "x".repeat(70_000) } });
    const declared = await t.app.request("/trpc/auth.signIn", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { code: string }).code).toBe("PAYLOAD_TOO_LARGE");

    const bytes = new TextEncoder().encode(big);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
        controller.close();
      },
    });
    const streamed = await t.app.request("/trpc/auth.signIn", {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      body: chunked,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it("refuses a tRPC batch with more procedures than the cap", async () => {
    const paths = Array.from({ length: 6 }, () => "tenancy.listTenants").join(",");
    const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [i, {}]))));
    const response = await t.app.request(`/trpc/${paths}?batch=1&input=${input}`);
    expect(response.status).toBe(400);
  });
});

describe("errors", () => {
  it("gives a JSON 404 for unknown routes and never leaks internals", async () => {
    const response = await t.app.request("/api/v1/nothing-here");
    expect(response.status).toBe(404);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.code).toBe("NOT_FOUND");
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|stack|select |insert /i);
  });

  it("names an unknown market", async () => {
    const { client } = createTestClient(t.app, { tenant: "atlantis" });
    const error = await failure(client.catalog.categoryTree.query());
    expect(error.data.code).toBe("NOT_FOUND");
    expect(error.message).toContain("atlantis");
  });
});

const outboxCount = async (tenantId: string) => {
  const result = (await tenantSql(t.database, tenantId, sql`select count(*)::int as n from outbox_events`)) as
    | { n: number }[]
    | { rows: { n: number }[] };
  return Number((Array.isArray(result) ? result : result.rows)[0]?.n);
};

describe("bad input to every procedure: 400 naming the field, nothing written", () => {
  // Each mutation and input-taking query with one bad field, and the field the error must name.
  const cases: {
    procedure: string;
    as: "anonymous" | "merchant" | "operator" | "buyer";
    input: unknown;
    field: string;
  }[] = [
    {
      procedure: "auth.signIn",
      as: "anonymous",
      input: { tenant: "yiwu", email: "not-an-email", password: "x" },
      field: "email",
    },
    { procedure: "auth.switchOrganisation", as: "merchant", input: { organisationId: "42" }, field: "organisationId" },
    {
      procedure: "tenancy.createOrganisation",
      as: "operator",
      input: { nameZh: "新公司", nameEn: "New Co", kinds: ["merchant"], country: "China" },
      field: "country",
    },
    {
      procedure: "tenancy.createOrganisation",
      as: "operator",
      input: { nameZh: "新公司", nameEn: "New Co", kinds: ["smuggler"], country: "CN" },
      field: "kinds.0",
    },
    { procedure: "tenancy.inviteMember", as: "merchant", input: { email: "nobody", role: "member" }, field: "email" },
    { procedure: "tenancy.inviteMember", as: "merchant", input: { email: "a@b.test", role: "king" }, field: "role" },
    {
      procedure: "tenancy.acceptInvitation",
      as: "anonymous",
      input: { tenant: "yiwu", token: "x".repeat(40), name: "Li", password: "short" },
      field: "password",
    },
    {
      procedure: "tenancy.createApiKey",
      as: "merchant",
      input: { name: "k", scopes: ["everything"] },
      field: "scopes.0",
    },
    { procedure: "tenancy.createApiKey", as: "merchant", input: { name: "", scopes: ["catalog:read"] }, field: "name" },
    {
      procedure: "tenancy.createApiKey",
      as: "merchant",
      input: { name: "k", scopes: ["catalog:read"], expiresInDays: -1 },
      field: "expiresInDays",
    },
    { procedure: "tenancy.revokeApiKey", as: "merchant", input: { apiKeyId: "not-a-uuid" }, field: "apiKeyId" },
    { procedure: "tenancy.rotateApiKey", as: "merchant", input: { apiKeyId: "not-a-uuid" }, field: "apiKeyId" },
    {
      procedure: "tenancy.rotateApiKey",
      as: "merchant",
      input: { apiKeyId: "01a210e6-34bb-72ad-89f8-1944390d5d7b", graceHours: 169 },
      field: "graceHours",
    },
    {
      procedure: "catalog.createCategory",
      as: "operator",
      input: { segment: "Bad Code!", nameZh: "坏", nameEn: "Bad" },
      field: "segment",
    },
    {
      procedure: "catalog.renameCategory",
      as: "operator",
      input: { code: "toys", nameZh: "", nameEn: "Toys" },
      field: "nameZh",
    },
    {
      procedure: "catalog.createStorefront",
      as: "merchant",
      input: { nameZh: "店", nameEn: "Shop", booth: { district: "二区" } },
      field: "booth.booth",
    },
    { procedure: "catalog.updateStorefront", as: "merchant", input: { storefrontId: "x" }, field: "storefrontId" },
    { procedure: "catalog.getStorefront", as: "anonymous", input: { storefrontId: "x" }, field: "storefrontId" },
    {
      procedure: "catalog.createListing",
      as: "merchant",
      input: {
        storefrontId: "01a210e6-34bb-72ad-89f8-1944390d5d7b",
        sku: "A1",
        titleEn: "x",
        categoryCode: "toys",
        unit: "pcs",
        moq: 0,
        priceTiers: [{ minQuantity: 1, unitPriceMinor: 1 }],
        currency: "CNY",
        leadTimeDays: 1,
      },
      field: "moq",
    },
    {
      procedure: "catalog.updateListing",
      as: "merchant",
      input: { listingId: "01a210e6-34bb-72ad-89f8-1944390d5d7b", titleEn: "x" },
      field: "expectedVersion",
    },
    {
      procedure: "catalog.setListingStatus",
      as: "merchant",
      input: { listingIds: [], status: "active" },
      field: "listingIds",
    },
    { procedure: "catalog.getListing", as: "anonymous", input: { listingId: "42" }, field: "listingId" },
    { procedure: "catalog.listMyListings", as: "merchant", input: { status: "sold" }, field: "status" },
    { procedure: "catalog.search", as: "anonymous", input: { quantity: -5 }, field: "quantity" },
    {
      procedure: "catalog.importListings",
      as: "merchant",
      input: { storefrontId: "01a210e6-34bb-72ad-89f8-1944390d5d7b", format: "pdf", contentBase64: "AA==" },
      field: "format",
    },
    {
      procedure: "catalog.exportListings",
      as: "merchant",
      input: { storefrontId: "01a210e6-34bb-72ad-89f8-1944390d5d7b", format: "doc" },
      field: "format",
    },
    { procedure: "catalog.importTemplate", as: "anonymous", input: { format: "numbers" }, field: "format" },
    {
      procedure: "catalog.startImport",
      as: "merchant",
      input: { storefrontId: "01a210e6-34bb-72ad-89f8-1944390d5d7b", format: "csv", contentBase64: "" },
      field: "contentBase64",
    },
    { procedure: "catalog.getImport", as: "merchant", input: { importId: "nope" }, field: "importId" },
    {
      procedure: "matching.postDemand",
      as: "buyer",
      input: {
        titleEn: "Mugs",
        quantity: 0,
        unit: "pcs",
        currency: "CNY",
        requiredBy: "2099-01-01",
        destination: { country: "DE" },
      },
      field: "quantity",
    },
    { procedure: "matching.listMyDemands", as: "buyer", input: { status: "lost" }, field: "status" },
    { procedure: "matching.getDemand", as: "buyer", input: { demandId: "7" }, field: "demandId" },
    { procedure: "matching.listDemandMatches", as: "buyer", input: { demandId: "7" }, field: "demandId" },
    {
      procedure: "matching.inviteSuppliers",
      as: "buyer",
      input: { demandId: "7", supplierIds: [] },
      field: "supplierIds",
    },
    { procedure: "matching.cancelDemand", as: "buyer", input: { demandId: "7" }, field: "demandId" },
    { procedure: "matching.closeDemand", as: "buyer", input: { demandId: "7" }, field: "demandId" },
    { procedure: "matching.inbox", as: "merchant", input: { limit: 0 }, field: "limit" },
    {
      procedure: "matching.submitQuote",
      as: "merchant",
      input: {
        demandId: "00000000-0000-4000-8000-000000000000",
        unitPriceMinor: -1,
        currency: "CNY",
        quantity: 1,
        leadTimeDays: 1,
        incoterm: "FOB",
        validUntil: "2099-01-01",
      },
      field: "unitPriceMinor",
    },
    { procedure: "matching.compareQuotes", as: "buyer", input: { demandId: "7" }, field: "demandId" },
    { procedure: "matching.acceptQuote", as: "buyer", input: { quoteId: "7" }, field: "quoteId" },
    { procedure: "matching.rejectQuote", as: "buyer", input: { quoteId: "7" }, field: "quoteId" },
    { procedure: "matching.postQuoteMessage", as: "buyer", input: { quoteId: "7", body: "" }, field: "quoteId" },
    { procedure: "matching.listQuoteMessages", as: "buyer", input: { quoteId: "7" }, field: "quoteId" },
    {
      procedure: "matching.updateSettings",
      as: "operator",
      input: { maxQuotesPerDemand: 0 },
      field: "maxQuotesPerDemand",
    },
    { procedure: "webhooks.createEndpoint", as: "merchant", input: { url: "ftp://example.com/x" }, field: "url" },
    { procedure: "webhooks.updateEndpoint", as: "merchant", input: { endpointId: "7" }, field: "endpointId" },
    { procedure: "webhooks.deleteEndpoint", as: "merchant", input: { endpointId: "7" }, field: "endpointId" },
    { procedure: "webhooks.getEndpointSecret", as: "merchant", input: { endpointId: "7" }, field: "endpointId" },
    { procedure: "webhooks.rotateEndpointSecret", as: "merchant", input: { endpointId: "7" }, field: "endpointId" },
    { procedure: "webhooks.sendTestEvent", as: "merchant", input: { endpointId: "7" }, field: "endpointId" },
    { procedure: "webhooks.listDeliveries", as: "merchant", input: { limit: 0 }, field: "limit" },
    { procedure: "webhooks.getDelivery", as: "merchant", input: { deliveryId: "7" }, field: "deliveryId" },
    { procedure: "webhooks.replayDelivery", as: "merchant", input: { deliveryId: "7" }, field: "deliveryId" },
    {
      procedure: "webhooks.updateSettings",
      as: "operator",
      input: { allowLocalTargets: "yes" },
      field: "allowLocalTargets",
    },
  ];

  it("covers every procedure that takes input", () => {
    const withInput = Object.entries(appRouter._def.procedures)
      .filter(([, p]) => (p as unknown as { _def: { inputs: unknown[] } })._def.inputs.length > 0)
      .map(([path]) => path)
      .filter(
        (path) =>
          // These take an optional empty object: there is nothing to get wrong.
          ![
            "tenancy.listTenants",
            "tenancy.listApiKeys",
            "tenancy.listApiKeyScopes",
            "catalog.categoryTree",
            "catalog.listMyStorefronts",
            "matching.listMyQuotes",
            "matching.getSettings",
            "webhooks.listEventTypes",
            "webhooks.listEndpoints",
            "webhooks.getSettings",
          ].includes(path),
      );
    expect([...new Set(cases.map((c) => c.procedure))].sort()).toEqual(withInput.sort());
  });

  for (const c of cases) {
    it(`${c.procedure} names ${c.field}, in English and Chinese`, async () => {
      for (const locale of ["en", "zh-CN"] as const) {
        const who = c.as === "anonymous" ? null : yiwu.orgs[c.as];
        const session = who ? await signedInClient(t.app, yiwu, who.ownerEmail) : null;
        const headers: Record<string, string> = {
          "content-type": "application/json",
          "x-tenant": "yiwu",
          "accept-language": locale,
          ...(session?.state.cookie ? { cookie: session.state.cookie } : {}),
          ...(session?.state.csrfToken ? { "x-csrf-token": session.state.csrfToken } : {}),
        };
        const before = await outboxCount(yiwu.id);
        const procedure = (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)[
          c.procedure
        ];
        const response =
          procedure?._def.type === "query"
            ? await t.app.request(
                `/trpc/${c.procedure}?input=${encodeURIComponent(JSON.stringify({ json: c.input }))}`,
                {
                  headers,
                },
              )
            : await t.app.request(`/trpc/${c.procedure}`, {
                method: "POST",
                headers,
                body: JSON.stringify({ json: c.input }),
              });
        expect(response.status).toBe(400);
        const body = (await response.json()) as {
          error: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> } } };
        };
        expect(body.error.json.data.code).toBe("VALIDATION");
        expect(Object.keys(body.error.json.data.fieldErrors)).toContain(c.field);
        expect(body.error.json.message).toContain(c.field);
        if (locale === "zh-CN") expect(body.error.json.message).toMatch(/[\u4e00-\u9fff]/);
        expect(await outboxCount(yiwu.id)).toBe(before);
      }
    });
  }
});

describe("REST mirrors the procedures", () => {
  it("publishes an OpenAPI 3 document with the REST procedures", async () => {
    const response = await t.app.request("/api/v1/openapi.json");
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/tenants", "/api-keys", "/categories"]));
  });

  it("returns { code, message, fieldErrors, requestId } for bad REST input", async () => {
    const { client } = await signedInClient(t.app, yiwu, yiwu.orgs.merchant?.ownerEmail ?? "");
    const { key } = await client.tenancy.createApiKey.mutate({ name: "rest", scopes: ["webhooks:manage"] });
    const response = await t.app.request("/api/v1/api-keys", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "accept-language": "zh-CN" },
      body: JSON.stringify({ name: "x", scopes: ["root"] }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; fieldErrors: Record<string, string[]>; requestId: string };
    expect(body.code).toBe("VALIDATION");
    expect(Object.keys(body.fieldErrors)).toEqual(["scopes.0"]);
    expect(body.requestId).toBe(response.headers.get("x-request-id"));
  });
});
