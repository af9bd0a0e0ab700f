import { describe, expect, it } from "vitest";
import { HttpResponse, http, inTurn, procedureUrl, server, testClient, trpcResult, useFakeApi } from "./testing.js";

useFakeApi();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const listing = { id: "0190a1b2-0000-7000-8000-000000000001", sku: "LED-100", version: 1 };
const newListing = {
  storefrontId: "0190a1b2-0000-7000-8000-00000000000a",
  sku: "LED-100",
  titleEn: "LED strip, 5 m",
  categoryCode: "lighting.led",
  unit: "pcs" as const,
  moq: 100,
  priceTiers: [{ minQuantity: 100, unitPriceMinor: 350 }],
  currency: "CNY",
  leadTimeDays: 7,
};
const unavailable = () => new HttpResponse("busy", { status: 503, headers: { "content-type": "text/plain" } });
const keyOf = (request: Request) => request.headers.get("idempotency-key");

describe("idempotency keys", () => {
  it("sends a fresh random key with each mutation, and none with queries", async () => {
    const creates = inTurn(() => trpcResult(listing));
    const reads = inTurn(() => trpcResult(listing));
    server.use(http.post(procedureUrl("catalog.createListing"), creates.resolver));
    server.use(http.get(procedureUrl("catalog.getListing"), reads.resolver));
    const { client } = testClient();

    await client.catalog.createListing.mutate(newListing);
    await client.catalog.createListing.mutate({ ...newListing, sku: "LED-200" });
    await client.catalog.getListing.query({ listingId: listing.id });

    const [first, second] = creates.requests.map(keyOf);
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(first).not.toBe(second);
    expect(keyOf(reads.requests[0] as Request)).toBeNull();
  });

  it("keeps the same key on every retry of one call, so the server does the work once", async () => {
    const creates = inTurn(
      unavailable,
      () => HttpResponse.error(),
      () => trpcResult(listing),
    );
    server.use(http.post(procedureUrl("catalog.createListing"), creates.resolver));
    const { client } = testClient();

    await expect(client.catalog.createListing.mutate(newListing)).resolves.toMatchObject({ sku: "LED-100" });
    expect(creates.requests).toHaveLength(3);
    const keys = new Set(creates.requests.map(keyOf));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(UUID);
  });

  it("uses your own key when the call passes one", async () => {
    const creates = inTurn(unavailable, () => trpcResult(listing));
    server.use(http.post(procedureUrl("catalog.createListing"), creates.resolver));
    const { client } = testClient();

    await client.catalog.createListing.mutate(newListing, { context: { idempotencyKey: "erp-order-4711-line-1" } });
    expect(creates.requests.map(keyOf)).toEqual(["erp-order-4711-line-1", "erp-order-4711-line-1"]);
  });
});
