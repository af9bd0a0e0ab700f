import type { z } from "zod";
import { type Bilingual, type Locale, pick } from "./i18n.js";

/**
 * The closed set of domain error codes, each mapped once to a tRPC code and an HTTP status.
 * Transport converts; services only throw DomainError.
 */
export const ERROR_CODES = {
  VALIDATION: { trpc: "BAD_REQUEST", http: 400 },
  UNAUTHENTICATED: { trpc: "UNAUTHORIZED", http: 401 },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403 },
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  CONFLICT: { trpc: "CONFLICT", http: 409 },
  PRECONDITION_FAILED: { trpc: "PRECONDITION_FAILED", http: 412 },
  PAYLOAD_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE", http: 413 },
  RATE_LIMITED: { trpc: "TOO_MANY_REQUESTS", http: 429 },
  INTERNAL: { trpc: "INTERNAL_SERVER_ERROR", http: 500 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
/** Field path (`tiers.0.price`) → problems with it, in the caller's language. */
export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly messages: Bilingual;
  readonly fieldErrors: FieldErrors | undefined;

  constructor(code: ErrorCode, message: Bilingual, options?: { fieldErrors?: FieldErrors; cause?: unknown }) {
    super(message.en, { cause: options?.cause });
    this.name = "DomainError";
    this.code = code;
    this.messages = message;
    this.fieldErrors = options?.fieldErrors;
  }

  localized(locale?: Locale): string {
    return pick(this.messages, locale);
  }
}

/** A single-field validation error, as if the schema had caught it. */
export function fieldError(path: string, message: Bilingual): DomainError {
  return new DomainError(
    "VALIDATION",
    { en: `${path}: ${message.en}`, zh: `${path}：${message.zh}` },
    {
      fieldErrors: { [path]: [pick(message)] },
    },
  );
}

export const notFound = (what: Bilingual) =>
  new DomainError("NOT_FOUND", { en: `${what.en} not found`, zh: `未找到${what.zh}` });

export const forbidden = () =>
  new DomainError("FORBIDDEN", {
    en: "You are not allowed to do this",
    zh: "您无权执行此操作",
  });

/** Turns zod issues into field errors keyed by dotted path (`""` for the input as a whole). */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    const list = out[key] ?? [];
    list.push(issue.message);
    out[key] = list;
  }
  return out;
}

export function validationError(error: z.ZodError): DomainError {
  const fieldErrors = zodFieldErrors(error);
  const summary = Object.entries(fieldErrors)
    .map(([path, problems]) => `${path || "input"}: ${problems.join(", ")}`)
    .join("; ");
  return new DomainError(
    "VALIDATION",
    { en: `Invalid input — ${summary}`, zh: `输入无效 — ${summary}` },
    {
      fieldErrors,
      cause: error,
    },
  );
}

/** Parses a service's input with its schema; a failure is a VALIDATION error naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
