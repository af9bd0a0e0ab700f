import { compileErrors, validate } from "@readme/openapi-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { buildOpenApiDocument, OPENAPI_TAGS, REQUEST_EXAMPLES } from "./openapi.js";
import { appRouter } from "./router.js";
import { createTestApp, type TestApp } from "./testing.js";

interface ProcedureInfo {
  path: string;
  type: "query" | "mutation";
  inputs: z.ZodType[];
  meta: { apiKeys?: boolean; scope?: string; openapi?: { method: string; path: string } };
}
const procedures: ProcedureInfo[] = Object.entries(appRouter._def.procedures).map(([path, procedure]) => {
  const def = (procedure as unknown as { _def: Omit<ProcedureInfo, "path"> })._def;
  return { path, type: def.type, inputs: def.inputs, meta: def.meta ?? {} };
});

/**
 * tRPC only, for people in the portal: signing in and the session, accepting an invitation, and
 * the procedures API keys are refused (peopleOnly). Anything else must be on REST.
 */
const PORTAL_ONLY = [
  "auth.signIn",
  "auth.signOut",
  "auth.me",
  "auth.switchOrganisation",
  "tenancy.acceptInvitation",
  "tenancy.listOrganisations",
  "tenancy.createOrganisation",
  "tenancy.listMembers",
  "tenancy.inviteMember",
  "catalog.createCategory",
  "catalog.renameCategory",
  "matching.updateSettings",
  "webhooks.getSettings",
  "webhooks.updateSettings",
];

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { $ref?: string; in?: string; name?: string }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { $ref?: string; headers?: Json }>;
}

const doc = buildOpenApiDocument() as unknown as {
  openapi: string;
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: Json & { responses: Record<string, Json & { headers: Json; content: Json }> };
};
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
);
const procedureOf = (operationId: string) => procedures.find((p) => p.path.replace(/\./g, "-") === operationId);
/** Follows a local `$ref` ("#/components/…"). */
const resolve = <T>(value: T & { $ref?: string }): T =>
  value.$ref
    ? (value.$ref
        .slice(2)
        .split("/")
        .reduce<unknown>((node, key) => (node as Json)[key], doc) as T)
    : value;

describe("the OpenAPI document", () => {
  it("has every procedure an API key can call, and leaves out only portal procedures", () => {
    const documented = new Set(operations.map((o) => o.operation.operationId));
    for (const p of procedures.filter((p) => p.meta.apiKeys)) {
      expect(documented.has(p.path.replace(/\./g, "-")), `${p.path} is callable with an API key`).toBe(true);
    }
    const undocumented = procedures.filter((p) => !p.meta.openapi).map((p) => p.path);
    expect(undocumented.sort()).toEqual([...PORTAL_ONLY].sort());
    for (const path of PORTAL_ONLY) {
      expect(procedures.find((p) => p.path === path)?.meta.apiKeys, `${path} must refuse API keys`).not.toBe(true);
    }
  });

  it("tags, summarises and documents the errors of every operation, with the Error schema", () => {
    const tagNames = doc.tags.map((t) => t.name);
    expect(tagNames).toEqual(OPENAPI_TAGS.map((t) => t.name));
    expect(doc.tags.every((t) => t.description.length > 0)).toBe(true);
    const errorSchema = (doc.components.schemas as Json).Error as { required: string[]; properties: Json };
    expect(errorSchema.required).toEqual(["code", "message", "requestId"]);
    expect(Object.keys(errorSchema.properties)).toEqual(["code", "message", "fieldErrors", "requestId"]);

    for (const { path, method, operation } of operations) {
      const name = `${method} ${path}`;
      expect(operation.tags?.length, `${name} has a tag`).toBeGreaterThan(0);
      for (const tag of operation.tags ?? []) expect(tagNames, `${name}'s tag`).toContain(tag);
      expect(operation.summary, `${name} has a summary`).toBeTruthy();
      const statuses = Object.keys(operation.responses);
      expect(
        statuses.some((s) => s.startsWith("4")),
        `${name} documents 4xx`,
      ).toBe(true);
      expect(statuses, `${name} documents 500`).toContain("500");
      expect(statuses, `${name} documents 429`).toContain("429");
      for (const [status, ref] of Object.entries(operation.responses)) {
        const response = resolve(ref) as { headers?: Json; content?: Record<string, { schema: { $ref?: string } }> };
        expect(Object.keys(response.headers ?? {}), `${name} ${status} rate-limit headers`).toEqual(
          expect.arrayContaining(["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]),
        );
        if (status === "200") continue;
        expect(response.content?.["application/json"]?.schema.$ref, `${name} ${status}`).toBe(
          "#/components/schemas/Error",
        );
        if (status === "429") expect(Object.keys(response.headers ?? {})).toContain("Retry-After");
      }
    }
  });

  it("says who may call each operation: the scope a key needs, and 401/403 where auth applies", () => {
    for (const { path, method, operation } of operations) {
      const procedure = procedureOf(operation.operationId);
      if (!procedure) throw new Error(`no procedure for ${operation.operationId}`);
      const name = `${method} ${path}`;
      if (procedure.meta.apiKeys) {
        expect(operation.security, name).toEqual([{ apiKey: procedure.meta.scope ? [procedure.meta.scope] : [] }]);
        expect(Object.keys(operation.responses), name).toEqual(expect.arrayContaining(["401", "403"]));
      }
    }
  });

  it("takes an Idempotency-Key on every write, and documents 409 for it", () => {
    for (const { path, method, operation } of operations) {
      const procedure = procedureOf(operation.operationId);
      const refs = (operation.parameters ?? []).map((p) => p.$ref);
      const takesKey = refs.includes("#/components/parameters/IdempotencyKey");
      const name = `${method} ${path}`;
      if (["POST", "PATCH", "DELETE"].includes(method) && procedure?.type === "mutation") {
        expect(takesKey, name).toBe(true);
        expect(Object.keys(operation.responses), name).toContain("409");
      } else {
        // A read sent by POST (search) is not deduplicated, so the header would be a false promise.
        expect(takesKey, name).toBe(false);
      }
    }
    const parameter = (doc.components.parameters as Record<string, { in: string; name: string }>).IdempotencyKey;
    expect(parameter).toMatchObject({ in: "header", name: "Idempotency-Key" });
  });

  it("has example bodies that the procedures accept", () => {
    expect(Object.keys(REQUEST_EXAMPLES).length).toBeGreaterThan(5);
    for (const [path, example] of Object.entries(REQUEST_EXAMPLES)) {
      const procedure = procedures.find((p) => p.path === path);
      const operation = operations.find((o) => o.operation.operationId === path.replace(/\./g, "-"));
      expect(operation?.operation.requestBody?.content["application/json"]?.example, path).toEqual(example);
      // Path parameters come from the URL, not the body.
      const params = Object.fromEntries(
        [...(procedure?.meta.openapi?.path.matchAll(/\{(\w+)\}/g) ?? [])].map(([, name]) => [
          name,
          "01a210e6-34bb-72ad-89f8-1944390d5d7b",
        ]),
      );
      for (const input of procedure?.inputs ?? []) {
        const parsed = input.safeParse({ ...(example as Json), ...params });
        expect(parsed.success, `${path}: ${parsed.error?.message}`).toBe(true);
      }
    }
  });

  it("has no route hidden behind an earlier one (REST matches routes in router order)", () => {
    const routes = procedures.flatMap((p) => (p.meta.openapi ? [{ procedure: p.path, ...p.meta.openapi }] : []));
    routes.forEach((later, j) => {
      const concrete = later.path.replace(/\{\w+\}/g, "x0");
      for (const earlier of routes.slice(0, j)) {
        if (earlier.method !== later.method) continue;
        const pattern = new RegExp(`^${earlier.path.replace(/\{\w+\}/g, "[^/]+")}$`);
        expect(pattern.test(concrete), `${later.method} ${later.path} is taken by ${earlier.path}`).toBe(false);
      }
    });
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  it("fails validation when broken, so the check above means something", async () => {
    const broken = structuredClone(doc);
    const first = Object.values(broken.paths)[0] as Record<string, Operation>;
    const operation = Object.values(first)[0] as Operation;
    operation.responses["400"] = { $ref: "#/components/responses/NoSuchResponse" };
    expect((await validate(broken as never)).valid).toBe(false);
  });
});

describe("the served document", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.destroy());

  it("is the one built here", async () => {
    const response = await t.app.request("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
