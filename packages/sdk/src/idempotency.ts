import type { AppRouter } from "@tradecloud/api";
import type { TRPCLink } from "@trpc/client";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** A random UUID v4: `crypto.randomUUID` where it exists (Node ≥ 20, browsers on https). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Gives every mutation an idempotency key once, before the retry link, so each retry of one call
 * sends the same key and the server does the work at most once (it replays its stored answer).
 * A key passed as `context: { idempotencyKey }` is used instead, e.g. one derived from your own
 * order number, to stay safe across process restarts too. Queries get none.
 */
export function idempotencyLink(): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) => {
      if (op.type !== "mutation") return next(op);
      const given = op.context.idempotencyKey;
      const idempotencyKey = typeof given === "string" && given !== "" ? given : newIdempotencyKey();
      return next({ ...op, context: { ...op.context, idempotencyKey } });
    };
}
