import { generateOpenApiDocument } from "trpc-to-openapi";
import { appRouter } from "./router.js";

/** The REST contract, generated from the same router that serves tRPC. */
export function buildOpenApiDocument() {
  return generateOpenApiDocument(appRouter, {
    title: "Tradecloud API",
    description:
      "REST surface of the Tradecloud trade cloud. Authenticate with `Authorization: Bearer tc_live_…`; " +
      "every error body is `{ code, message, fieldErrors?, requestId }`.",
    version: "1.0.0",
    baseUrl: "/api/v1",
    securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key: tc_live_… or tc_test_…" } },
  });
}
