import type { AppRouter } from "@tradecloud/api";
import { TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable, type Unsubscribable } from "@trpc/server/observable";
import { NetworkError, TradecloudError } from "./errors.js";

/** Waits `ms`; rejects with the signal's reason if it aborts first. Tests pass their own. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryOptions {
  /** Attempts after the first; 0 turns retrying off. Default 3. */
  maxRetries?: number | undefined;
  /** The first backoff; each retry doubles it, with jitter. Default 250 ms. */
  retryBaseMs?: number | undefined;
  /**
   * The most one call waits between attempts in total. A `Retry-After` that would go past it
   * ends the retries at once: the error then carries `retryAfterMs` for you to schedule with.
   * Default 60 000 ms.
   */
  maxRetryWaitMs?: number | undefined;
  sleep?: Sleep | undefined;
  /** Jitter source in [0, 1); tests pin it. */
  random?: (() => number) | undefined;
}

export const RETRY_DEFAULTS = { maxRetries: 3, retryBaseMs: 250, maxRetryWaitMs: 60_000 } as const;

/** Worth another try: the server is busy (429), unavailable (503), or did not answer at all. */
export function isRetryable(error: unknown): error is TradecloudError {
  if (error instanceof NetworkError) return true;
  return error instanceof TradecloudError && (error.httpStatus === 429 || error.httpStatus === 503);
}

/**
 * The wait before retry number `retry` (0 for the first): exponential backoff with "equal
 * jitter" (half fixed, half random, so clients that failed together do not retry together),
 * and never less than the server's `Retry-After`.
 */
export function retryDelayMs(error: TradecloudError, retry: number, baseMs: number, random = Math.random): number {
  const backoff = baseMs * 2 ** retry;
  const jittered = Math.round(backoff / 2 + random() * (backoff / 2));
  return Math.max(jittered, error.retryAfterMs ?? 0);
}

/** setTimeout-based, so `vi.useFakeTimers()` drives it too. */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

function abortError(reason: unknown): TRPCClientError<AppRouter> {
  const cause = reason instanceof Error ? reason : new DOMException(String(reason ?? "Aborted"), "AbortError");
  return TRPCClientError.from<AppRouter>(cause);
}

/**
 * Retries queries and mutations on 429, 503 and network failures. Mutations are safe to repeat
 * because the idempotency link above this one gave the operation its key once, and every
 * attempt reuses it. It is ours rather than tRPC's `retryLink` because that one sees only the
 * error, not the response headers, and so cannot honour `Retry-After`; here the error link below
 * has already read them into `retryAfterMs`. Per call, `context: { maxRetries }` overrides.
 */
export function retryLink(options: RetryOptions = {}): TRPCLink<AppRouter> {
  const maxRetries = options.maxRetries ?? RETRY_DEFAULTS.maxRetries;
  const baseMs = options.retryBaseMs ?? RETRY_DEFAULTS.retryBaseMs;
  const maxWaitMs = options.maxRetryWaitMs ?? RETRY_DEFAULTS.maxRetryWaitMs;
  const wait = options.sleep ?? sleep;
  const random = options.random ?? Math.random;

  return () =>
    ({ op, next }) =>
      observable((observer) => {
        const retries = typeof op.context.maxRetries === "number" ? op.context.maxRetries : maxRetries;
        // Ends a pending wait when the caller aborts or stops listening.
        const waiting = new AbortController();
        const onAbort = () => waiting.abort(op.signal?.reason);
        op.signal?.addEventListener("abort", onAbort, { once: true });
        let attempt: Unsubscribable | undefined;
        let retry = 0;
        let waitedMs = 0;

        const run = () => {
          attempt = next(op).subscribe({
            next: (value) => observer.next(value),
            complete: () => observer.complete(),
            error: (error) => {
              if (!isRetryable(error) || retry >= retries) {
                observer.error(error);
                return;
              }
              const delay = retryDelayMs(error, retry, baseMs, random);
              if (waitedMs + delay > maxWaitMs) {
                observer.error(error);
                return;
              }
              retry += 1;
              waitedMs += delay;
              wait(delay, waiting.signal).then(
                () => {
                  if (op.signal?.aborted) observer.error(abortError(op.signal.reason));
                  else if (!waiting.signal.aborted) run();
                },
                (reason: unknown) => {
                  if (op.signal?.aborted) observer.error(abortError(reason));
                },
              );
            },
          });
        };
        run();

        return () => {
          op.signal?.removeEventListener("abort", onAbort);
          waiting.abort();
          attempt?.unsubscribe();
        };
      });
}
