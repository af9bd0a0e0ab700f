import type { AppRouter } from "@tradecloud/api";
import { TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { parseRetryAfter } from "./retry-after.js";

/**
 * The server's domain error codes (one table on the server maps each to an HTTP status), plus
 * `NETWORK` when no answer came back at all. A code the server adds later still arrives as a string.
 */
export type KnownErrorCode =
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "RATE_LIMITED"
  | "INTERNAL"
  | "NETWORK";
export type ErrorCode = KnownErrorCode | (string & {});

/** Field path (`priceTiers.0.unitPriceMinor`) → what is wrong with it, in the client's locale. */
export type FieldErrors = Record<string, string[]>;

export interface TradecloudErrorDetails {
  code: ErrorCode;
  /** 0 when no answer came back (network failure). */
  httpStatus: number;
  fieldErrors?: FieldErrors | undefined;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
  /** The procedure called, e.g. `catalog.createListing`. */
  procedure?: string | undefined;
  /** The tRPC error this one replaces: its `shape`, `data`, `meta` and `cause` carry over. */
  from?: TRPCClientError<AppRouter> | undefined;
}

/**
 * Every error the client throws for a failed call. It is still a `TRPCClientError` (so tRPC
 * tooling keeps working); the subclasses say what kind of failure it was.
 */
export class TradecloudError extends TRPCClientError<AppRouter> {
  /** The server's domain code: `VALIDATION`, `NOT_FOUND`, `RATE_LIMITED`, … or `NETWORK`. */
  readonly code: ErrorCode;
  /** The HTTP status of the answer; 0 when there was none. */
  readonly httpStatus: number;
  /** Per-field problems (VALIDATION); empty otherwise. */
  readonly fieldErrors: Readonly<FieldErrors>;
  /** Quote this to Tradecloud support: it finds the request in the server's logs. */
  readonly requestId: string | undefined;
  /** How long the server asked to wait before trying again (`Retry-After`), if it said. */
  readonly retryAfterMs: number | undefined;
  /** The procedure called, e.g. `catalog.createListing`. */
  readonly procedure: string | undefined;

  constructor(message: string, details: TradecloudErrorDetails) {
    const from = details.from;
    super(message, {
      ...(from?.shape ? { result: { error: from.shape } } : {}),
      ...(from?.cause ? { cause: from.cause } : {}),
      ...(from?.meta ? { meta: from.meta } : {}),
    });
    // TRPCClientError's constructor pins its own prototype; put the subclass back so instanceof works.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = "TradecloudError";
    this.code = details.code;
    this.httpStatus = details.httpStatus;
    this.fieldErrors = details.fieldErrors ?? {};
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
    this.procedure = details.procedure;
  }
}

/** The input was refused (`VALIDATION`, HTTP 400); `fieldErrors` says which fields and why. */
export class ValidationError extends TradecloudError {
  constructor(message: string, details: TradecloudErrorDetails) {
    super(message, details);
    this.name = "ValidationError";
  }
}

/** The API key is missing, malformed, revoked or expired (`UNAUTHENTICATED`, HTTP 401). */
export class AuthenticationError extends TradecloudError {
  constructor(message: string, details: TradecloudErrorDetails) {
    super(message, details);
    this.name = "AuthenticationError";
  }
}

/** The key lacks the scope, or its organisation the role, for this call (`FORBIDDEN`, HTTP 403). */
export class PermissionError extends TradecloudError {
  constructor(message: string, details: TradecloudErrorDetails) {
    super(message, details);
    this.name = "PermissionError";
  }
}

/** No such listing, demand, … in this market, or not visible to you (`NOT_FOUND`, HTTP 404). */
export class NotFoundError extends TradecloudError {
  constructor(message: string, details: TradecloudErrorDetails) {
    super(message, details);
    this.name = "NotFoundError";
  }
}

/**
 * The data changed under you (`CONFLICT` 409, e.g. a duplicate SKU or a reused idempotency key
 * with another body; `PRECONDITION_FAILED` 412, e.g. a stale listing `expectedVersion`). Read
 * again, then decide.
 */
export class ConflictError extends TradecloudError {
  constructor(message: string, details: TradecloudErrorDetails) {
    super(message, details);
    this.name = "ConflictError";
  }
}

/** The body was over the server's size limit (`PAYLOAD_TOO_LARGE`, HTTP 413). */
export class PayloadTooLargeError extends TradecloudError {
  constructor(message: string, details: TradecloudErrorDetails) {
    super(message, details);
    this.name = "PayloadTooLargeError";
  }
}

/**
 * Too many requests (`RATE_LIMITED`, HTTP 429), still so after the client's own retries.
 * `retryAfterMs` says when the server will take the next one.
 */
export class RateLimitError extends TradecloudError {
  constructor(message: string, details: TradecloudErrorDetails) {
    super(message, details);
    this.name = "RateLimitError";
  }
}

/** The server failed or was unavailable (`INTERNAL`, HTTP 5xx). */
export class ServerError extends TradecloudError {
  constructor(message: string, details: TradecloudErrorDetails) {
    super(message, details);
    this.name = "ServerError";
  }
}

/** No answer came back: DNS, refused connection, TLS, a dropped socket. `httpStatus` is 0. */
export class NetworkError extends TradecloudError {
  constructor(message: string, details: TradecloudErrorDetails) {
    super(message, details);
    this.name = "NetworkError";
  }
}

type ErrorClass = new (message: string, details: TradecloudErrorDetails) => TradecloudError;

const CLASS_BY_CODE: Record<string, ErrorClass> = {
  VALIDATION: ValidationError,
  UNAUTHENTICATED: AuthenticationError,
  FORBIDDEN: PermissionError,
  NOT_FOUND: NotFoundError,
  CONFLICT: ConflictError,
  PRECONDITION_FAILED: ConflictError,
  PAYLOAD_TOO_LARGE: PayloadTooLargeError,
  RATE_LIMITED: RateLimitError,
  INTERNAL: ServerError,
  NETWORK: NetworkError,
};

/** For answers without a domain code (a proxy's HTML page, say): the code its status means. */
const CODE_BY_STATUS: Record<number, KnownErrorCode> = {
  400: "VALIDATION",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  412: "PRECONDITION_FAILED",
  413: "PAYLOAD_TOO_LARGE",
  429: "RATE_LIMITED",
};

/** Builds the error class that fits `details.code` (or the HTTP status, for 5xx). */
export function createTradecloudError(message: string, details: TradecloudErrorDetails): TradecloudError {
  const ErrorType =
    CLASS_BY_CODE[details.code] ?? (details.httpStatus >= 500 ? ServerError : undefined) ?? TradecloudError;
  return new ErrorType(message, details);
}

/**
 * What `fetch` answered when the body was not JSON (a load balancer's 503 page). tRPC's httpLink
 * would otherwise fail parsing it and lose the response, and with it the status and Retry-After.
 */
export class UnreadableResponseError extends Error {
  readonly response: Response;
  constructor(response: Response) {
    super(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
    this.name = "UnreadableResponseError";
    this.response = response;
  }
}

interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
}

function isResponseLike(value: unknown): value is ResponseLike {
  const candidate = value as ResponseLike | null | undefined;
  return typeof candidate?.status === "number" && typeof candidate.headers?.get === "function";
}

/** Errors the caller caused by aborting: passed on untouched, never retried. */
export function isAbortError(error: unknown): boolean {
  const cause = error instanceof TRPCClientError ? error.cause : error;
  return (cause as { name?: unknown } | undefined)?.name === "AbortError";
}

/** A JSON error body that is not tRPC's (the app's own middleware: body limit, CSRF, rate limit). */
interface PlainErrorBody {
  code: string;
  message?: string;
  fieldErrors?: FieldErrors;
  requestId?: string;
}

function plainErrorBody(json: unknown): PlainErrorBody | undefined {
  const body = json as Partial<PlainErrorBody> | null | undefined;
  return body && typeof body === "object" && typeof body.code === "string" ? (body as PlainErrorBody) : undefined;
}

/**
 * Turns the error tRPC's httpLink produced into the matching TradecloudError. Aborts stay as
 * they are (nothing went wrong on the wire).
 */
export function toTradecloudError(
  error: TRPCClientError<AppRouter>,
  procedure?: string,
): TradecloudError | TRPCClientError<AppRouter> {
  if (error instanceof TradecloudError) return error;
  if (isAbortError(error)) return error;

  const unreadable = error.cause instanceof UnreadableResponseError ? error.cause.response : undefined;
  const response = isResponseLike(error.meta?.response) ? error.meta.response : unreadable;
  if (!response) {
    const reason = error.cause?.message ?? error.message;
    return new NetworkError(`Could not reach Tradecloud: ${reason}`, {
      code: "NETWORK",
      httpStatus: 0,
      procedure,
      from: error,
    });
  }

  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
  const headerRequestId = response.headers.get("x-request-id") ?? undefined;
  const data = error.data as
    | {
        code?: unknown;
        fieldErrors?: FieldErrors | null;
        requestId?: string | null;
        path?: string;
      }
    | null
    | undefined;
  if (data && typeof data.code === "string") {
    return createTradecloudError(error.message, {
      code: data.code,
      // The server sets the status from data.httpStatus; a proxy in between may have changed it.
      httpStatus: response.status,
      fieldErrors: data.fieldErrors ?? undefined,
      requestId: data.requestId ?? headerRequestId,
      retryAfterMs,
      procedure: data.path ?? procedure,
      from: error,
    });
  }

  const plain = plainErrorBody(error.meta?.responseJSON);
  const code = plain?.code ?? CODE_BY_STATUS[response.status] ?? "INTERNAL";
  const message = plain?.message ?? (unreadable ? `Tradecloud answered ${unreadable.status}` : error.message);
  return createTradecloudError(message, {
    code,
    httpStatus: response.status,
    fieldErrors: plain?.fieldErrors,
    requestId: plain?.requestId ?? headerRequestId,
    retryAfterMs,
    procedure,
    from: error,
  });
}

/**
 * Sits next to httpLink and converts its errors, so the retry link above it can read status and
 * Retry-After, and the caller gets `instanceof ValidationError` and friends. Because these are
 * TRPCClientErrors already, the client's own `TRPCClientError.from()` passes them through as is.
 */
export function errorLink(): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) =>
        next(op).subscribe({
          next: (value) => observer.next(value),
          error: (error) => observer.error(toTradecloudError(error, op.path)),
          complete: () => observer.complete(),
        }),
      );
}
