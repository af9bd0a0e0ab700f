-- Hand-written: the candidate functions' final queries carry a per-row subquery that makes the
-- planner's cost estimate large enough to trigger JIT compilation, which costs 50–100 ms per call
-- while the query itself runs in a few. They plan small bounded sets: no JIT.
ALTER FUNCTION match_listing_candidates(text[], text[], text, text[], integer, integer) SET jit = off;
--> statement-breakpoint
ALTER FUNCTION match_demand_candidates(text[], text[], date, integer) SET jit = off;
--> statement-breakpoint
ALTER FUNCTION search_listing_candidates(text, text, integer, integer, text, uuid, jsonb, bigint, bigint, integer) SET jit = off;
