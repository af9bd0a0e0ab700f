import { ERROR_CODES } from "@tradecloud/core";
import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { appRouter } from "./router.js";

/*
 * Every procedure an API key can call is on REST (openapi.test.ts checks it). tRPC only, for the
 * portal: auth.* (sign-in, session, switching organisation), tenancy.acceptInvitation, and the
 * people-only procedures API keys are refused (managing people and organisations, and the market
 * operator's taxonomy and settings: tenancy.listOrganisations, createOrganisation, listMembers,
 * inviteMember, catalog.createCategory, renameCategory, matching.updateSettings,
 * webhooks.getSettings, updateSettings).
 */

/** The document's tags, one per module, in the order the reference shows them. */
export const OPENAPI_TAGS = [
  { name: "tenancy", description: "Markets on the platform. Each market is a tenant; an API key belongs to one." },
  {
    name: "api keys",
    description:
      "Keys for integrations: `tc_live_<market>_…` act on the market, `tc_test_<market>-sandbox_…` on its " +
      "sandbox of demo data. Scoped, expiring, revocable and rotatable; the secret is shown once.",
  },
  { name: "catalog", description: "Categories, storefronts and listings; catalogue import and export." },
  { name: "matching", description: "Buyers' demands (RFQs), matched suppliers, quotes and their threads." },
  {
    name: "webhooks",
    description: "Endpoints that receive signed events (Standard Webhooks), with a delivery log and replay.",
  },
] as const;

/** The headers the rate limiter sets on every answer (IETF draft RateLimit header fields). */
const RATE_LIMIT_HEADERS = {
  "RateLimit-Limit": { $ref: "#/components/headers/RateLimitLimit" },
  "RateLimit-Remaining": { $ref: "#/components/headers/RateLimitRemaining" },
  "RateLimit-Reset": { $ref: "#/components/headers/RateLimitReset" },
  "RateLimit-Policy": { $ref: "#/components/headers/RateLimitPolicy" },
};

/** Error responses, each `{ code, message, fieldErrors?, requestId }`, keyed by HTTP status. */
const ERROR_RESPONSES: Record<number, { name: string; code: keyof typeof ERROR_CODES; description: string }> = {
  400: { name: "BadRequest", code: "VALIDATION", description: "Invalid input: `fieldErrors` names each field" },
  401: { name: "Unauthorized", code: "UNAUTHENTICATED", description: "No, an unknown, a revoked or an expired key" },
  403: {
    name: "Forbidden",
    code: "FORBIDDEN",
    description: "Not allowed: the message names what is missing (the key's scope, the organisation's kind)",
  },
  404: { name: "NotFound", code: "NOT_FOUND", description: "No such market, or no such row visible to you" },
  409: {
    name: "Conflict",
    code: "CONFLICT",
    description: "Conflicts with the current state (a stale version), or an Idempotency-Key reused for another request",
  },
  412: { name: "PreconditionFailed", code: "PRECONDITION_FAILED", description: "The row's state does not allow this" },
  413: { name: "PayloadTooLarge", code: "PAYLOAD_TOO_LARGE", description: "The request body is over the limit" },
  429: {
    name: "TooManyRequests",
    code: "RATE_LIMITED",
    description: "Rate limited: retry after `Retry-After` seconds",
  },
  500: {
    name: "InternalError",
    code: "INTERNAL",
    description: "Something went wrong on our side; quote the requestId",
  },
};

/** Request bodies to show, by procedure; openapi.test.ts checks each against the input schema. */
export const REQUEST_EXAMPLES: Record<string, unknown> = {
  "tenancy.createApiKey": { name: "ERP sync", scopes: ["catalog:read", "catalog:write"], expiresInDays: 365 },
  "tenancy.rotateApiKey": { graceHours: 24 },
  "catalog.createStorefront": {
    nameZh: "晨光饰品",
    nameEn: "Chenguang Jewelry",
    booth: { district: "一区", gate: "3号门", street: "12街", booth: "10235" },
    mainCategoryCodes: ["jewelry"],
  },
  "catalog.createListing": {
    storefrontId: "01a2102c-7d3e-7b4e-9a6f-2f1c3b5d7e90",
    sku: "CG-00017",
    titleZh: "合金发夹 抓夹",
    titleEn: "Alloy hair claw clip",
    categoryCode: "hair.clips",
    unit: "pcs",
    moq: 120,
    priceTiers: [
      { minQuantity: 120, unitPriceMinor: 180 },
      { minQuantity: 1200, unitPriceMinor: 150 },
    ],
    currency: "CNY",
    leadTimeDays: 7,
    status: "active",
  },
  "catalog.setListingStatus": { listingIds: ["01a2102c-7d3e-7b4e-9a6f-2f1c3b5d7e91"], status: "archived" },
  "catalog.search": { q: "hair claw clip 发夹", limit: 20 },
  "matching.postDemand": {
    titleEn: "PVC christmas tree 150cm",
    titleZh: "PVC加密圣诞树 1.5米",
    quantity: 2000,
    unit: "pcs",
    targetPriceMinor: 3800,
    currency: "CNY",
    requiredBy: "2026-12-01",
    destination: { country: "DE", port: "Hamburg" },
  },
  "matching.submitQuote": {
    unitPriceMinor: 3650,
    currency: "CNY",
    quantity: 2000,
    leadTimeDays: 20,
    incoterm: "FOB",
    incotermPlace: "Ningbo",
    validUntil: "2026-11-01",
  },
  "matching.postQuoteMessage": { body: "Can you print our logo on the colour box?" },
  "webhooks.createEndpoint": {
    url: "https://erp.example.com/tradecloud/webhooks",
    description: "ERP",
    eventTypes: ["quote.accepted", "listing.updated"],
  },
};

type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { in: string; $ref?: string }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { description?: string; headers?: Record<string, unknown>; $ref?: string }>;
};

/** Each procedure's meta and type by operationId (trpc-to-openapi names them `module-procedure`). */
function proceduresByOperationId() {
  const out = new Map<string, { path: string; type: string; meta: Record<string, unknown> }>();
  for (const [path, procedure] of Object.entries(appRouter._def.procedures)) {
    const def = (procedure as unknown as { _def: { type: string; meta?: Record<string, unknown> } })._def;
    out.set(path.replace(/\./g, "-"), { path, type: def.type, meta: def.meta ?? {} });
  }
  return out;
}

/**
 * The REST contract, generated from the same router that serves tRPC, then completed with what
 * the generator does not know: the error responses and their shared `Error` schema, the rate
 * limit and idempotency headers, who may call each operation (and which scope a key needs), tags
 * with descriptions, and example bodies.
 */
export function buildOpenApiDocument(): OpenAPIObject {
  const generated = generateOpenApiDocument(appRouter, {
    title: "Tradecloud API",
    description:
      "REST surface of the Tradecloud trade cloud. Authenticate with `Authorization: Bearer tc_live_…` (or a " +
      "`tc_test_…` key for the market's sandbox of demo data); the key names the market. Every error body is " +
      "`{ code, message, fieldErrors?, requestId }`, in English or Chinese by `Accept-Language`. Every answer " +
      "carries `RateLimit-*` headers; a 429 says when to retry in `Retry-After`. Send an `Idempotency-Key` " +
      "with a write to retry it safely: the same key and body get the first answer again.",
    version: "1.0.0",
    baseUrl: "/api/v1",
    tags: OPENAPI_TAGS.map((tag) => tag.name),
    securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key: tc_live_… or tc_test_…" } },
  });
  // Plain JSON from here on (no undefined values), as it is served.
  const doc = JSON.parse(JSON.stringify(generated)) as OpenAPIObject;
  doc.tags = OPENAPI_TAGS.map((tag) => ({ ...tag }));

  doc.components ??= {};
  const components = doc.components;
  // The generator's own error schemas describe tRPC's shape, not ours: replaced below.
  for (const name of Object.keys(components.schemas ?? {})) {
    if (name.startsWith("error.")) delete components.schemas?.[name];
  }
  components.schemas = {
    ...components.schemas,
    Error: {
      type: "object",
      description: "Every error, from any operation.",
      required: ["code", "message", "requestId"],
      properties: {
        code: { type: "string", enum: Object.keys(ERROR_CODES), description: "Stable: branch on this" },
        message: { type: "string", description: "For people, in the language of Accept-Language" },
        fieldErrors: {
          type: "object",
          description: "Input problems by field path (`priceTiers.0.unitPriceMinor`), on VALIDATION",
          additionalProperties: { type: "array", items: { type: "string" } },
        },
        requestId: { type: "string", description: "Also in the x-request-id header; quote it to support" },
      },
      example: {
        code: "FORBIDDEN",
        message: "This API key lacks the scope catalog:write",
        requestId: "2f6c1e0a-6b1d-4c8e-9f57-0c2b8f3e4a11",
      },
    },
  };
  components.headers = {
    RateLimitLimit: { description: "Requests the bucket holds when full", schema: { type: "integer" } },
    RateLimitRemaining: { description: "Requests left in the bucket now", schema: { type: "integer" } },
    RateLimitReset: { description: "Seconds until the bucket is full again", schema: { type: "integer" } },
    RateLimitPolicy: { description: "The bucket: `<capacity>;w=<seconds to refill>`", schema: { type: "string" } },
    RetryAfter: { description: "Seconds to wait before retrying", schema: { type: "integer" } },
    IdempotentReplayed: {
      description: "`true` when this is the stored answer to an earlier request with the same Idempotency-Key",
      schema: { type: "string", enum: ["true"] },
    },
  };
  components.parameters = {
    IdempotencyKey: {
      in: "header",
      name: "Idempotency-Key",
      required: false,
      description:
        "Makes a write safe to retry: for 24 h, the same key with the same request returns the first answer " +
        "(with `Idempotent-Replayed: true`); with another request, 409.",
      schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7e]+$" },
      example: "4f8e2a1c-order-sync-2026-11-25",
    },
    Tenant: {
      in: "header",
      name: "x-tenant",
      required: false,
      description: "The market (e.g. `yiwu`) when no API key names it",
      schema: { type: "string" },
      example: "yiwu",
    },
    AcceptLanguage: {
      in: "header",
      name: "Accept-Language",
      required: false,
      description: "`zh-CN` for Chinese messages; English otherwise",
      schema: { type: "string" },
      example: "zh-CN",
    },
  };
  components.responses = Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([status, response]) => [
      response.name,
      {
        description: `${response.description} (code ${response.code})`,
        headers:
          status === "429"
            ? { ...RATE_LIMIT_HEADERS, "Retry-After": { $ref: "#/components/headers/RetryAfter" } }
            : RATE_LIMIT_HEADERS,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    ]),
  );

  const procedures = proceduresByOperationId();
  for (const item of Object.values(doc.paths ?? {})) {
    for (const [method, value] of Object.entries(item as Record<string, Operation>)) {
      const operation = value;
      const procedure = procedures.get(operation.operationId);
      if (!procedure) throw new Error(`openapi: no procedure for operation ${operation.operationId}`);
      const { meta, type, path } = procedure;
      const scope = typeof meta.scope === "string" ? meta.scope : undefined;
      // public: anyone, no market; market: any caller in a market (a key optional); member: a key or a person.
      const access = !operation.security ? "public" : meta.apiKeys ? "member" : "market";
      const mutation = type === "mutation";
      const hasBody = Boolean(operation.requestBody);
      const hasInput = hasBody || (operation.parameters ?? []).some((p) => p.in === "path" || p.in === "query");

      if (access === "market") operation.security = [{}, { apiKey: [] }];
      if (access === "member") {
        // OpenAPI 3.1: for a bearer scheme the list names the roles needed, here the key's scope.
        operation.security = [{ apiKey: scope ? [scope] : [] }];
        if (scope) {
          const needs = `Needs an API key with the scope \`${scope}\` (or a signed-in person).`;
          operation.description = operation.description ? `${operation.description}\n\n${needs}` : needs;
        }
      }
      operation.parameters = [
        ...(operation.parameters ?? []),
        { $ref: "#/components/parameters/AcceptLanguage" },
        ...(access === "market" ? [{ $ref: "#/components/parameters/Tenant" }] : []),
        // Idempotency keys cover writes (tRPC mutations) by a key or person; a search sent by POST is a read.
        ...(mutation && access !== "public" ? [{ $ref: "#/components/parameters/IdempotencyKey" }] : []),
      ] as Operation["parameters"];

      const example = REQUEST_EXAMPLES[path];
      const json = operation.requestBody?.content["application/json"];
      if (example !== undefined && json) json.example = example;

      const statuses = [
        ...(hasInput || access !== "public" ? [400] : []),
        ...(access !== "public" ? [401] : []),
        ...(access === "member" ? [403] : []),
        ...(access !== "public" ? [404] : []),
        ...(mutation && access !== "public" ? [409] : []),
        ...(mutation && access === "member" ? [412] : []),
        ...(hasBody ? [413] : []),
        429,
        500,
      ];
      const success: Operation["responses"][string] = operation.responses["200"] ?? {
        description: "Successful response",
      };
      success.headers = {
        ...success.headers,
        ...RATE_LIMIT_HEADERS,
        ...(mutation && access !== "public"
          ? { "Idempotent-Replayed": { $ref: "#/components/headers/IdempotentReplayed" } }
          : {}),
      };
      operation.responses = {
        "200": success,
        ...Object.fromEntries(
          statuses.map((status) => [
            String(status),
            { $ref: `#/components/responses/${ERROR_RESPONSES[status]?.name}` },
          ]),
        ),
      };
      (item as Record<string, Operation>)[method] = operation;
    }
  }
  return doc;
}
