import { afterEach, describe, expect, it, vi } from "vitest";
import { NetworkError, RateLimitError, ServerError, ValidationError } from "./errors.js";
import { retryDelayMs } from "./retry.js";
import { parseRetryAfter } from "./retry-after.js";
import {
  HttpResponse,
  http,
  inTurn,
  procedureUrl,
  server,
  testClient,
  trpcError,
  trpcResult,
  useFakeApi,
} from "./testing.js";

useFakeApi();

const searchUrl = procedureUrl("catalog.search");
const page = { items: [], nextCursor: null, candidateCount: 0, capped: false, fuzzy: false, facets: {} };
const rateLimited = (retryAfter: string) => () =>
  trpcError("catalog.search", { code: "RATE_LIMITED", message: "Too many requests" }, { "retry-after": retryAfter });

describe("retries", () => {
  it("waits as long as Retry-After says on a 429, then succeeds", async () => {
    const api = inTurn(rateLimited("2"), () => trpcResult(page));
    // The backoff alone would be at most 250 ms: only Retry-After explains a 2 s wait.
    server.use(http.get(searchUrl, api.resolver));
    const { client, waits } = testClient();

    await expect(client.catalog.search.query({ q: "LED" })).resolves.toMatchObject({ items: [] });
    expect(api.requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
  });

  it("reads Retry-After as an HTTP date too", async () => {
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 5000);
    server.use(http.get(searchUrl, inTurn(rateLimited(at.toUTCString()), () => trpcResult(page)).resolver));
    const { client, waits } = testClient();

    await client.catalog.search.query({});
    expect(waits[0]).toBeGreaterThanOrEqual(4000);
    expect(waits[0]).toBeLessThanOrEqual(6000);
  });

  it("backs off exponentially on 503 from a load balancer's HTML page, then succeeds", async () => {
    const unavailable = () =>
      new HttpResponse("<h1>503 Service Unavailable</h1>", { status: 503, headers: { "content-type": "text/html" } });
    const api = inTurn(unavailable, unavailable, () => trpcResult(page));
    server.use(http.get(searchUrl, api.resolver));
    const { client, waits } = testClient({ retryBaseMs: 100 });

    await client.catalog.search.query({});
    expect(api.requests).toHaveLength(3);
    // Equal jitter: between half and all of 100 ms, then of 200 ms.
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[0]).toBeLessThanOrEqual(100);
    expect(waits[1]).toBeGreaterThanOrEqual(100);
    expect(waits[1]).toBeLessThanOrEqual(200);
  });

  it("retries when the network fails (fetch throws), then succeeds", async () => {
    const api = inTurn(
      () => HttpResponse.error(),
      () => trpcResult(page),
    );
    server.use(http.get(searchUrl, api.resolver));
    const { client } = testClient();

    await expect(client.catalog.search.query({})).resolves.toMatchObject({ nextCursor: null });
    expect(api.requests).toHaveLength(2);
  });

  it("retries a fetch that rejects the way Node does on ECONNREFUSED", async () => {
    let calls = 0;
    const refusing: typeof fetch = async (input, init) => {
      calls += 1;
      if (calls === 1)
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) });
      return fetch(input, init);
    };
    server.use(http.get(searchUrl, () => trpcResult(page)));
    const { client } = testClient({ fetch: refusing });

    await client.catalog.search.query({});
    expect(calls).toBe(2);
  });

  it("gives up after maxRetries with a typed error carrying retryAfterMs", async () => {
    const api = inTurn(rateLimited("1"));
    server.use(http.get(searchUrl, api.resolver));
    const { client, waits } = testClient({ maxRetries: 2 });

    const error = await client.catalog.search.query({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: "RATE_LIMITED", httpStatus: 429, retryAfterMs: 1000 });
    expect(api.requests).toHaveLength(3);
    expect(waits).toHaveLength(2);
  });

  it("gives up on a network failure that lasts, with a NetworkError", async () => {
    const api = inTurn(() => HttpResponse.error());
    server.use(http.get(searchUrl, api.resolver));
    const { client } = testClient();

    const error = await client.catalog.search.query({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: "NETWORK", httpStatus: 0 });
    expect(api.requests).toHaveLength(4);
  });

  it("does not retry when maxRetries is 0, for the client or for one call", async () => {
    const api = inTurn(rateLimited("1"));
    server.use(http.get(searchUrl, api.resolver));

    await expect(testClient({ maxRetries: 0 }).client.catalog.search.query({})).rejects.toBeInstanceOf(RateLimitError);
    expect(api.requests).toHaveLength(1);

    const { client } = testClient();
    await expect(client.catalog.search.query({}, { context: { maxRetries: 0 } })).rejects.toBeInstanceOf(
      RateLimitError,
    );
    expect(api.requests).toHaveLength(2);
  });

  it("does not retry answers that would come out the same: 400, 404, 500", async () => {
    const api = inTurn(() =>
      trpcError("catalog.search", {
        code: "VALIDATION",
        message: "Invalid input",
        fieldErrors: { limit: ["too big"] },
      }),
    );
    server.use(http.get(searchUrl, api.resolver));
    await expect(testClient().client.catalog.search.query({ limit: 500 })).rejects.toBeInstanceOf(ValidationError);
    expect(api.requests).toHaveLength(1);

    const failing = inTurn(() => trpcError("catalog.search", { code: "INTERNAL", message: "Something went wrong" }));
    server.use(http.get(searchUrl, failing.resolver));
    await expect(testClient().client.catalog.search.query({})).rejects.toBeInstanceOf(ServerError);
    expect(failing.requests).toHaveLength(1);
  });

  it("stops at once when Retry-After is longer than maxRetryWaitMs allows", async () => {
    const api = inTurn(rateLimited("3600"));
    server.use(http.get(searchUrl, api.resolver));
    const { client, waits } = testClient({ maxRetryWaitMs: 30_000 });

    const error = await client.catalog.search.query({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(api.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});

describe("waiting with the default sleep", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("uses setTimeout, so fake timers control the wait", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const api = inTurn(rateLimited("3"), () => trpcResult(page));
    server.use(http.get(searchUrl, api.resolver));
    const { client } = testClient({ sleep: undefined });

    const call = client.catalog.search.query({});
    await vi.advanceTimersByTimeAsync(2_999);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toMatchObject({ items: [] });
    expect(api.requests).toHaveLength(2);
  });

  it("stops waiting when the caller aborts", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const api = inTurn(rateLimited("60"));
    server.use(http.get(searchUrl, api.resolver));
    const { client } = testClient({ sleep: undefined });
    const controller = new AbortController();

    const call = client.catalog.search.query({}, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    const error = await call;
    expect((error as Error).cause).toMatchObject({ name: "AbortError" });
    expect(api.requests).toHaveLength(1);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-03-01T08:00:00Z");

  it("reads seconds and HTTP dates, and ignores what it cannot read", () => {
    expect(parseRetryAfter("30", now)).toBe(30_000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Sun, 01 Mar 2026 08:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Sun, 01 Mar 2026 07:59:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("retryDelayMs", () => {
  const error = new RateLimitError("slow down", { code: "RATE_LIMITED", httpStatus: 429 });

  it("doubles the backoff each retry, jittered between half and all of it", () => {
    expect(retryDelayMs(error, 0, 250, () => 0)).toBe(125);
    expect(retryDelayMs(error, 0, 250, () => 0.999999)).toBe(250);
    expect(retryDelayMs(error, 2, 250, () => 0)).toBe(500);
    expect(retryDelayMs(error, 2, 250, () => 0.999999)).toBe(1000);
  });

  it("never waits less than Retry-After", () => {
    const told = new RateLimitError("slow down", { code: "RATE_LIMITED", httpStatus: 429, retryAfterMs: 5000 });
    expect(retryDelayMs(told, 0, 250, () => 0.5)).toBe(5000);
  });
});
