/**
 * A fake Tradecloud API for the SDK's tests: msw answers tRPC requests with the same JSON the
 * real server sends (checked against the app once; see errors.test.ts for the envelopes).
 */
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import superjson from "superjson";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createTradecloudClient, type TradecloudClientOptions } from "./client.js";
import type { FieldErrors, KnownErrorCode } from "./errors.js";

export const BASE_URL = "https://yiwu.tradecloud.test";
export const API_KEY = "tc_test_yiwu_a1b2c3d4_0123456789abcdefghijklmnopqrstuv";

export const server = setupServer();

/** Starts the fake API for the file's tests; anything not handled fails the test. */
export function useFakeApi() {
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

/** A client against the fake API whose waits are recorded instead of slept. */
export function testClient(options: Partial<TradecloudClientOptions> = {}) {
  const waits: number[] = [];
  const client = createTradecloudClient({
    baseUrl: BASE_URL,
    apiKey: API_KEY,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  return { client, waits };
}

/** The URL of a procedure, as httpLink calls it. */
export const procedureUrl = (path: string) => `${BASE_URL}/trpc/${path}`;

/** A successful answer, superjson-encoded like the server's. */
export function trpcResult(data: unknown, init?: ResponseInit) {
  return HttpResponse.json({ result: { data: superjson.serialize(data) } }, init);
}

const JSON_RPC_CODES: Record<KnownErrorCode, number> = {
  VALIDATION: -32600,
  UNAUTHENTICATED: -32001,
  FORBIDDEN: -32003,
  NOT_FOUND: -32004,
  CONFLICT: -32009,
  PRECONDITION_FAILED: -32012,
  PAYLOAD_TOO_LARGE: -32013,
  RATE_LIMITED: -32029,
  INTERNAL: -32603,
  NETWORK: -32603,
};
const HTTP_STATUS: Record<KnownErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NETWORK: 0,
};

/** An error answer shaped by the server's errorFormatter: `{ error: superjson({ message, code, data }) }`. */
export function trpcError(
  path: string,
  error: { code: KnownErrorCode; message: string; fieldErrors?: FieldErrors; requestId?: string; httpStatus?: number },
  headers?: Record<string, string>,
) {
  const httpStatus = error.httpStatus ?? HTTP_STATUS[error.code];
  const shape = {
    message: error.message,
    code: JSON_RPC_CODES[error.code],
    data: { code: error.code, httpStatus, path, fieldErrors: error.fieldErrors, requestId: error.requestId ?? "req-1" },
  };
  return HttpResponse.json({ error: superjson.serialize(shape) }, { status: httpStatus, headers });
}

/** The input a request carried: in `?input=` for queries, the body for mutations. */
export async function inputOf(request: Request): Promise<unknown> {
  const raw =
    request.method === "GET" ? new URL(request.url).searchParams.get("input") : ((await request.text()) ?? undefined);
  return raw ? superjson.deserialize(JSON.parse(raw)) : undefined;
}

/** Answers with each response in turn, and counts the requests. */
export function inTurn(...answers: ((request: Request) => Response | Promise<Response>)[]) {
  const requests: Request[] = [];
  const resolver = ({ request }: { request: Request }) => {
    requests.push(request.clone());
    const answer = answers[Math.min(requests.length, answers.length) - 1];
    if (!answer) throw new Error("inTurn() needs at least one answer");
    return answer(request);
  };
  return { resolver, requests };
}

export { HttpResponse, http };
