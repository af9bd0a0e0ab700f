-- Hand-written: the all-but-one queries (one per word left out, 0016) become one near-miss query,
-- built by the engine: the words naming a recognised leaf stay required, and of the others all
-- but one must match. Leaving out the product word ("车灯" of 塑料车灯 红色) matched every red
-- plastic listing and sorted thousands of them (70–100 ms at 1M) to find candidates that only
-- share a colour and a material; that leaf's own listings come from the leaf branch anyway.
-- All branches now run as one statement whose rows carry what scoring needs, so candidates are not
-- looked up again by id, and each word's tsquery is parsed once rather than once per candidate
-- and word (20 of 25 ms for 400 candidates).
-- The queries are bounded (a few hundred listings), but the planner overestimates OR-ed words and
-- then hashed all 77k storefronts (68 ms) to check a few hundred listings' storefronts: the
-- function plans with nested loops only.
-- New signature (p_near), so the old function goes; owner, grants and jit = off as in 0012/0013.
DROP FUNCTION match_listing_candidates(text[], text[], text, text[], integer, integer);
--> statement-breakpoint
CREATE FUNCTION match_listing_candidates(
  p_atoms text[],
  p_title_atoms text[],
  p_near text,
  p_category text,
  p_inferred text[],
  p_cap integer,
  p_sub_cap integer
) RETURNS TABLE (
  id uuid, organisation_id uuid, category_code text, unit text, moq integer, price_tiers jsonb,
  currency text, lead_time_days integer, matched integer[], title_matched integer[]
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET jit = off
  SET enable_hashjoin = off SET enable_mergejoin = off AS $fn$
DECLARE
  tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  n integer := coalesce(array_length(p_atoms, 1), 0);
  base text;
  leaf_base text;
  every text;
  parts text[] := '{}';
BEGIN
  IF tenant IS NULL OR (n = 0 AND p_category IS NULL AND coalesce(array_length(p_inferred, 1), 0) = 0) THEN
    RETURN;
  END IF;
  base := 'SELECT l.id, l.organisation_id, l.category_code, l.unit, l.moq, l.price_tiers, l.currency,
      l.lead_time_days, l.search_vector
    FROM listings l JOIN storefronts s ON s.tenant_id = l.tenant_id AND s.id = l.storefront_id
    WHERE l.tenant_id = $4 AND s.tenant_id = $4 AND l.status = ''active'' AND s.status = ''active''';
  leaf_base := base;
  IF p_category IS NOT NULL THEN base := base || ' AND l.category_path @> ARRAY[$5]'; END IF;
  -- Listings with every word, newest first.
  IF n > 0 THEN
    every := base || ' AND l.search_vector @@ to_tsquery(''simple'', $9) ORDER BY l.id DESC LIMIT $6';
  ELSE
    every := base || ' AND false';
  END IF;
  parts := array_append(parts, 'SELECT * FROM every');
  -- Near misses only when every word found less than a page (20): the count is a one-time
  -- filter, so otherwise the near-miss scan does not run at all.
  IF p_near IS NOT NULL THEN
    parts := array_append(parts, '(' || base || ' AND (SELECT count(*) FROM every) < 20
      AND l.search_vector @@ to_tsquery(''simple'', $3) ORDER BY l.id DESC LIMIT $6)');
  END IF;
  -- Inferred leaves (inside the named subtree, the caller sees to it) walk
  -- listings_category_newest in order, without the subtree predicate (0017).
  FOR i IN 1..coalesce(array_length(p_inferred, 1), 0) LOOP
    parts := array_append(parts, '(' || leaf_base || ' AND l.category_code = $8[' || i || ']
      ORDER BY l.id DESC LIMIT $7)');
  END LOOP;
  -- The named subtree's newest, only when no leaf inside it was recognised.
  IF p_category IS NOT NULL AND coalesce(array_length(p_inferred, 1), 0) = 0 THEN
    parts := array_append(parts, '(' || base || ' ORDER BY l.id DESC LIMIT $6)');
  END IF;
  RETURN QUERY EXECUTE 'WITH every AS MATERIALIZED (' || every || ')
    SELECT c.id, c.organisation_id, c.category_code, c.unit, c.moq, c.price_tiers, c.currency, c.lead_time_days,
      ARRAY(SELECT w.i::integer FROM unnest(q.words) WITH ORDINALITY AS w(query, i) WHERE c.search_vector @@ w.query),
      ARRAY(SELECT w.i::integer FROM unnest(q.titles) WITH ORDINALITY AS w(query, i) WHERE c.search_vector @@ w.query)
    FROM (SELECT DISTINCT ON (x.id) x.* FROM (' || array_to_string(parts, ' UNION ALL ') || ') x ORDER BY x.id) c
    CROSS JOIN (SELECT
      ARRAY(SELECT to_tsquery(''simple'', a) FROM unnest($1) WITH ORDINALITY AS x(a, i) ORDER BY i) AS words,
      ARRAY(SELECT to_tsquery(''simple'', a) FROM unnest($2) WITH ORDINALITY AS x(a, i) ORDER BY i) AS titles) q'
    USING p_atoms, p_title_atoms, p_near, tenant, p_category, p_cap, p_sub_cap, p_inferred,
      array_to_string(p_atoms, ' & ');
END
$fn$;
--> statement-breakpoint
-- A new owner needs CREATE on the schema at the moment of the change, and not after it.
GRANT CREATE ON SCHEMA public TO tradecloud_search;
--> statement-breakpoint
ALTER FUNCTION match_listing_candidates(text[], text[], text, text, text[], integer, integer) OWNER TO tradecloud_search;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM tradecloud_search;
--> statement-breakpoint
REVOKE ALL ON FUNCTION match_listing_candidates(text[], text[], text, text, text[], integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION match_listing_candidates(text[], text[], text, text, text[], integer, integer) TO tradecloud_app;
