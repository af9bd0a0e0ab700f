import type { ErrorCode as ServerErrorCode } from "@tradecloud/core";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  AuthenticationError,
  ConflictError,
  type KnownErrorCode,
  NetworkError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionError,
  RateLimitError,
  ServerError,
  TradecloudError,
  ValidationError,
} from "./errors.js";
import { HttpResponse, http, procedureUrl, server, testClient, trpcError, useFakeApi } from "./testing.js";

useFakeApi();

const createUrl = procedureUrl("catalog.createListing");
const getUrl = procedureUrl("catalog.getListing");
const listingId = "0190a1b2-0000-7000-8000-000000000001";
const { client } = testClient({ maxRetries: 0 });
const failure = (call: Promise<unknown>) =>
  call.then(
    () => expect.fail("expected the call to fail"),
    (e: unknown) => e,
  );

describe("typed errors", () => {
  it("turns VALIDATION into a ValidationError with field errors (the server's exact JSON)", async () => {
    // Copied from the real app's answer to catalog.createListing with moq 0.
    const body =
      '{"error":{"json":{"message":"Invalid input — moq: MOQ must be at least 1","code":-32600,"data":{"code":"VALIDATION","httpStatus":400,"path":"catalog.createListing","fieldErrors":{"moq":["MOQ must be at least 1"]},"requestId":"8b2c8094-7584-496b-a5da-c2c943e1632c"}}}}';
    server.use(
      http.post(
        createUrl,
        () => new HttpResponse(body, { status: 400, headers: { "content-type": "application/json" } }),
      ),
    );

    const error = await failure(client.catalog.createListing.mutate({} as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(TradecloudError);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect(error).toMatchObject({
      name: "ValidationError",
      code: "VALIDATION",
      httpStatus: 400,
      message: "Invalid input — moq: MOQ must be at least 1",
      fieldErrors: { moq: ["MOQ must be at least 1"] },
      requestId: "8b2c8094-7584-496b-a5da-c2c943e1632c",
      procedure: "catalog.createListing",
    });
    // tRPC's own view of it is still there.
    expect((error as ValidationError).data?.code).toBe("VALIDATION");
  });

  it("turns FORBIDDEN into a PermissionError", async () => {
    server.use(
      http.post(procedureUrl("matching.updateSettings"), () =>
        trpcError("matching.updateSettings", {
          code: "FORBIDDEN",
          message: "Only a operator organisation can do this",
        }),
      ),
    );
    const error = await failure(client.matching.updateSettings.mutate({} as never));
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ code: "FORBIDDEN", httpStatus: 403, fieldErrors: {} });
  });

  it("turns NOT_FOUND into a NotFoundError (superjson marks the absent fieldErrors)", async () => {
    const body =
      '{"error":{"json":{"message":"Listing not found","code":-32004,"data":{"code":"NOT_FOUND","httpStatus":404,"path":"catalog.getListing","fieldErrors":null,"requestId":"6bc9"}},"meta":{"values":{"data.fieldErrors":["undefined"]},"v":1}}}';
    server.use(
      http.get(getUrl, () => new HttpResponse(body, { status: 404, headers: { "content-type": "application/json" } })),
    );
    const error = await failure(client.catalog.getListing.query({ listingId }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ message: "Listing not found", httpStatus: 404, fieldErrors: {}, requestId: "6bc9" });
  });

  it("turns RATE_LIMITED into a RateLimitError that says when to come back", async () => {
    server.use(
      http.get(getUrl, () =>
        trpcError(
          "catalog.getListing",
          { code: "RATE_LIMITED", message: "Too many requests" },
          { "retry-after": "30" },
        ),
      ),
    );
    const error = await failure(client.catalog.getListing.query({ listingId }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: "RATE_LIMITED", httpStatus: 429, retryAfterMs: 30_000 });
  });

  it("maps the other codes to their classes", async () => {
    const cases = [
      ["UNAUTHENTICATED", AuthenticationError],
      ["CONFLICT", ConflictError],
      ["PRECONDITION_FAILED", ConflictError],
      ["INTERNAL", ServerError],
    ] as const;
    for (const [code, ErrorClass] of cases) {
      server.use(http.get(getUrl, () => trpcError("catalog.getListing", { code, message: code })));
      const error = await failure(client.catalog.getListing.query({ listingId }));
      expect(error, code).toBeInstanceOf(ErrorClass);
      expect((error as TradecloudError).code).toBe(code);
    }
  });

  it("reads the app's own JSON errors, e.g. the body limit's 413", async () => {
    server.use(
      http.post(createUrl, () =>
        HttpResponse.json(
          { code: "PAYLOAD_TOO_LARGE", message: "Request body over 1048576 bytes", requestId: "r-413" },
          { status: 413 },
        ),
      ),
    );
    const error = await failure(client.catalog.createListing.mutate({} as never));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ message: "Request body over 1048576 bytes", httpStatus: 413, requestId: "r-413" });
  });

  it("makes a ServerError of a proxy's 502 page, keeping the request id header", async () => {
    server.use(
      http.get(
        getUrl,
        () =>
          new HttpResponse("<h1>Bad Gateway</h1>", {
            status: 502,
            headers: { "content-type": "text/html", "x-request-id": "edge-77" },
          }),
      ),
    );
    const error = await failure(client.catalog.getListing.query({ listingId }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ code: "INTERNAL", httpStatus: 502, requestId: "edge-77" });
  });

  it("makes a NetworkError when nothing answers", async () => {
    server.use(http.get(getUrl, () => HttpResponse.error()));
    const error = await failure(client.catalog.getListing.query({ listingId }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: "NETWORK", httpStatus: 0 });
    expect((error as NetworkError).cause).toBeInstanceOf(TypeError);
  });

  it("asks for messages in the client's locale and sends the key", async () => {
    let seen: Headers | undefined;
    server.use(
      http.get(getUrl, ({ request }) => {
        seen = request.headers;
        return trpcError("catalog.getListing", { code: "NOT_FOUND", message: "未找到商品" });
      }),
    );
    const { client: chinese } = testClient({ locale: "zh-CN", headers: { Authorization: "ignored", "X-Trace": "t1" } });
    const error = await failure(chinese.catalog.getListing.query({ listingId }));
    expect((error as Error).message).toBe("未找到商品");
    expect(seen?.get("accept-language")).toBe("zh-CN");
    expect(seen?.get("authorization")).toMatch(/^Bearer tc_test_yiwu_/);
    expect(seen?.get("x-trace")).toBe("t1");
  });

  it("knows every code the server can send", () => {
    expectTypeOf<ServerErrorCode>().toExtend<KnownErrorCode>();
  });
});
