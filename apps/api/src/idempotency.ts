import { integrations, type ServiceContext } from "@tradecloud/core";
import superjson from "superjson";

export interface IdempotentCall {
  /** The market transaction and actor, with the request's headers and the response's. */
  ctx: ServiceContext & { headers: Headers; resHeaders: Headers };
  type: string;
  path: string;
  getRawInput: () => Promise<unknown>;
  /** The procedure's meta: `returnsSecret` procedures are never stored (see below). */
  meta?: { returnsSecret?: boolean } | undefined;
}

/**
 * Runs a mutation at most once per `Idempotency-Key` (IETF draft) and caller. Must run inside
 * the procedure's own withTenant() transaction, so the key, the work and the stored answer
 * commit together, and a failure (which rolls the transaction back) frees the key for a retry:
 *
 * - no header, not a mutation, or an anonymous caller: `run()` as usual;
 * - a procedure whose answer holds a secret shown once (a new API key, an endpoint's secret):
 *   `run()` as usual, because storing the answer would keep the secret readable for a day;
 * - first use of the key: `run()`, and store its output superjson-encoded (so Dates survive);
 * - the same procedure and input again: the stored output through `replay`, without running,
 *   and the response header `Idempotent-Replayed: true`;
 * - another procedure or input: CONFLICT naming the header (a malformed key: VALIDATION).
 *
 * A concurrent request with the same key waits on the first one's uncommitted row, then replays.
 */
export async function idempotently<R extends { ok: boolean; data?: unknown }>(
  call: IdempotentCall,
  run: () => Promise<R>,
  replay: (data: unknown) => R,
): Promise<R> {
  const key = call.ctx.headers.get(integrations.IDEMPOTENCY_KEY_HEADER);
  if (call.type !== "mutation" || key === null || call.meta?.returnsSecret) return run();
  const claim = await integrations.claimIdempotencyKey({
    ctx: call.ctx,
    input: { key, procedure: call.path, input: await call.getRawInput() },
  });
  if (claim.status === "uncovered") return run();
  if (claim.status === "replay") {
    call.ctx.resHeaders.set(integrations.IDEMPOTENT_REPLAYED_HEADER, "true");
    return replay(superjson.deserialize(claim.response as Parameters<typeof superjson.deserialize>[0]));
  }
  const result = await run();
  if (result.ok) {
    await integrations.saveIdempotentResponse({
      ctx: call.ctx,
      input: { caller: claim.caller, key: claim.key, response: superjson.serialize(result.data) },
    });
  }
  return result;
}
