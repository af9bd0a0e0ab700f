-- Hand-written: search's candidate query keeps to plans whose work is bounded by the cap.
-- A price ceiling at a quantity (bags ≤ ¥39.39 at 100) was planned as a parallel hash join that
-- read all 77k storefronts to check 7k listings' (30 of 130 ms at 1M); with nested loops the few
-- storefronts are looked up through their key, as match_listing_candidates does since 0021. On a
-- two-core server a parallel plan also takes the core another query would use.
-- The price at a quantity is one jsonpath expression the planner inlines, instead of a query
-- per call (1.9 against 8.8 µs a listing). Tiers are stored in ascending quantity (the listing
-- rules refuse anything else), so the last tier at or below the quantity is the price; null below
-- the first. jsonb_object rather than jsonb_build_object, which is only stable: an immutable
-- function calling it is not inlined (3.1 µs).
CREATE OR REPLACE FUNCTION listing_price_at(tiers jsonb, quantity integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (jsonb_path_query_array(tiers, '$[*] ? (@.minQuantity <= $q.double()).unitPriceMinor',
    jsonb_object(ARRAY['q', quantity::text])) ->> -1)::bigint
$$;
--> statement-breakpoint
ALTER FUNCTION search_listing_candidates(text, text, integer, integer, text, uuid, jsonb, bigint, bigint, integer)
  SET enable_hashjoin = off;
--> statement-breakpoint
ALTER FUNCTION search_listing_candidates(text, text, integer, integer, text, uuid, jsonb, bigint, bigint, integer)
  SET enable_mergejoin = off;
--> statement-breakpoint
ALTER FUNCTION search_listing_candidates(text, text, integer, integer, text, uuid, jsonb, bigint, bigint, integer)
  SET max_parallel_workers_per_gather = 0;
