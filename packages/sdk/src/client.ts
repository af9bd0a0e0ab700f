import type { AppRouter } from "@tradecloud/api";
import { createTRPCClient, httpLink, type TRPCClient } from "@trpc/client";
import superjson from "superjson";
import { errorLink, UnreadableResponseError } from "./errors.js";
import { IDEMPOTENCY_HEADER, idempotencyLink } from "./idempotency.js";
import { retryLink, type Sleep } from "./retry.js";

export interface TradecloudClientOptions {
  /** Where the market's API runs, e.g. `https://yiwu.tradecloud.example`. */
  baseUrl: string;
  /** An API key: `tc_live_…` or `tc_test_…`. It also decides the market. */
  apiKey: string;
  /** Language of error messages: `en` (default) or `zh-CN`. */
  locale?: "en" | "zh-CN";
  /** A fetch to use instead of the global one (a proxy agent, a test double). */
  fetch?: typeof fetch;
  /** Extra headers sent with every request (a tracing id, say). They cannot replace the key. */
  headers?: Record<string, string>;
  /** Retries after the first attempt on 429, 503 and network failures; 0 turns them off. Default 3. */
  maxRetries?: number;
  /** The first backoff; it doubles on each retry, with jitter. Default 250 ms. */
  retryBaseMs?: number;
  /**
   * The most one call waits between attempts in total (default 60 000 ms). A `Retry-After` longer
   * than what is left ends the retries at once, with `retryAfterMs` on the error.
   */
  maxRetryWaitMs?: number;
  /** How to wait between attempts; tests pass one that records and returns at once. */
  sleep?: Sleep;
}

/** What `context` a call understands, e.g. `.mutate(input, { context: { idempotencyKey } })`. */
export interface TradecloudCallContext {
  /** Sent as `Idempotency-Key` on a mutation instead of a random one. */
  idempotencyKey?: string;
  /** Retries for this call only; 0 turns them off. */
  maxRetries?: number;
}

export type TradecloudClient = TRPCClient<AppRouter>;

/**
 * A client typed end to end from the API's router: `client.catalog.search.query({ q: "LED" })`.
 * Calls retry on 429, 503 and network failures, mutations carry an idempotency key, and failures
 * throw a TradecloudError subclass (ValidationError, NotFoundError, …).
 */
export function createTradecloudClient(options: TradecloudClientOptions): TradecloudClient {
  const { apiKey, locale = "en" } = options;
  const userFetch = options.fetch;
  // Lower-cased, so a caller's `Authorization` cannot sit beside ours and be merged into one.
  const extraHeaders = Object.fromEntries(
    Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return createTRPCClient<AppRouter>({
    links: [
      idempotencyLink(),
      retryLink({
        maxRetries: options.maxRetries,
        retryBaseMs: options.retryBaseMs,
        maxRetryWaitMs: options.maxRetryWaitMs,
        sleep: options.sleep,
      }),
      errorLink(),
      httpLink({
        url: `${options.baseUrl.replace(/\/+$/, "")}/trpc`,
        transformer: superjson,
        headers: ({ op }) => {
          const key = op.type === "mutation" ? op.context.idempotencyKey : undefined;
          return {
            ...extraHeaders,
            authorization: `Bearer ${apiKey}`,
            "accept-language": locale,
            ...(typeof key === "string" ? { [IDEMPOTENCY_HEADER.toLowerCase()]: key } : {}),
          };
        },
        // Looked up per request, not captured: test interceptors and polyfills install later.
        fetch: async (url, init) => {
          const response = await (userFetch ? userFetch(url, init) : globalThis.fetch(url, init));
          if (!response.ok && !(response.headers.get("content-type") ?? "").includes("json")) {
            throw new UnreadableResponseError(response);
          }
          return response;
        },
      }),
    ],
  });
}
