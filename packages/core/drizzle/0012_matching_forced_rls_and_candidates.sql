-- Hand-written: forced RLS for the matching tables, and stage one of matching inside the database.
ALTER TABLE demands FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE demand_invitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE demand_matches FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE quotes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE quote_messages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE matching_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- As for search (0008): under the tenant policy a text match could not use its GIN index, so the
-- candidate functions run as tradecloud_search (read-only) and filter by the current tenant.
GRANT SELECT ON demands TO tradecloud_search;
--> statement-breakpoint
CREATE POLICY search_reader ON demands AS PERMISSIVE FOR SELECT TO tradecloud_search USING (true);
--> statement-breakpoint
-- Demand → listings. p_atoms are the demand's words as tsquery atoms (`christmas:*`, `圣诞树`);
-- p_title_atoms the same restricted to titles (`christmas:*A`). Candidates are bounded: listings
-- with every word, listings with all words but one (one capped query per word left out), the
-- newest of each category whose name the demand uses (p_inferred), and, when the demand names a
-- category, the newest of that subtree. For each, which words it has.
CREATE FUNCTION match_listing_candidates(
  p_atoms text[],
  p_title_atoms text[],
  p_category text,
  p_inferred text[],
  p_cap integer,
  p_sub_cap integer
) RETURNS TABLE (
  id uuid, organisation_id uuid, category_code text, unit text, moq integer, price_tiers jsonb,
  currency text, lead_time_days integer, matched integer[], title_matched integer[]
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  n integer := coalesce(array_length(p_atoms, 1), 0);
  queries text[] := '{}';
  base text;
  parts text[] := '{}';
  query text;
BEGIN
  IF tenant IS NULL OR (n = 0 AND p_category IS NULL AND coalesce(array_length(p_inferred, 1), 0) = 0) THEN
    RETURN;
  END IF;
  base := 'SELECT l.id FROM listings l JOIN storefronts s ON s.tenant_id = l.tenant_id AND s.id = l.storefront_id
    WHERE l.tenant_id = $4 AND s.tenant_id = $4 AND l.status = ''active'' AND s.status = ''active''';
  IF p_category IS NOT NULL THEN base := base || ' AND l.category_path @> ARRAY[$3]'; END IF;
  IF n > 0 THEN
    queries := array_append(queries, array_to_string(p_atoms, ' & '));
    parts := array_append(parts, '(' || base || ' AND l.search_vector @@ to_tsquery(''simple'', $6[1])
      ORDER BY l.id DESC LIMIT $5)');
  END IF;
  IF n > 1 THEN
    FOR i IN 1..n LOOP
      queries := array_append(queries, array_to_string(p_atoms[1:i-1] || p_atoms[i+1:n], ' & '));
      -- Only integers generated here join the text; words stay parameters.
      parts := array_append(parts, '(' || base || ' AND l.search_vector @@ to_tsquery(''simple'', $6['
        || (i + 1) || ']) ORDER BY l.id DESC LIMIT $7)');
    END LOOP;
  END IF;
  FOR i IN 1..coalesce(array_length(p_inferred, 1), 0) LOOP
    parts := array_append(parts, '(' || base || ' AND l.category_path @> ARRAY[$8[' || i || ']]
      ORDER BY l.id DESC LIMIT $7)');
  END LOOP;
  IF p_category IS NOT NULL THEN
    parts := array_append(parts, '(' || base || ' ORDER BY l.id DESC LIMIT $5)');
  END IF;
  query := 'SELECT l.id, l.organisation_id, l.category_code, l.unit, l.moq, l.price_tiers, l.currency,
      l.lead_time_days,
      ARRAY(SELECT i::integer FROM generate_subscripts($1, 1) AS i
            WHERE l.search_vector @@ to_tsquery(''simple'', $1[i])),
      ARRAY(SELECT i::integer FROM generate_subscripts($2, 1) AS i
            WHERE l.search_vector @@ to_tsquery(''simple'', $2[i]))
    FROM (' || array_to_string(parts, ' UNION ') || ') c
    JOIN listings l ON l.tenant_id = $4 AND l.id = c.id';
  RETURN QUERY EXECUTE query USING p_atoms, p_title_atoms, p_category, tenant, p_cap, queries, p_sub_cap, p_inferred;
END
$fn$;
--> statement-breakpoint
-- Listing → open demands: those in a category on the listing's path, and those naming no category
-- whose words include one of p_name_queries (the listing's category name, in each language).
CREATE FUNCTION match_demand_candidates(
  p_category_path text[],
  p_name_queries text[],
  p_today date,
  p_cap integer
) RETURNS TABLE (id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  base text;
  parts text[] := '{}';
BEGIN
  IF tenant IS NULL THEN
    RETURN;
  END IF;
  base := 'SELECT d.id FROM demands d WHERE d.tenant_id = $1 AND d.status IN (''open'', ''quoting'')
    AND d.required_by >= $4';
  parts := array_append(parts, '(' || base || ' AND d.category_code = ANY($2) ORDER BY d.id DESC LIMIT $5)');
  FOR i IN 1..coalesce(array_length(p_name_queries, 1), 0) LOOP
    parts := array_append(parts, '(' || base || ' AND d.category_code IS NULL
      AND d.search_vector @@ to_tsquery(''simple'', $3[' || i || ']) ORDER BY d.id DESC LIMIT $5)');
  END LOOP;
  RETURN QUERY EXECUTE array_to_string(parts, ' UNION ')
    USING tenant, p_category_path, p_name_queries, p_today, p_cap;
END
$fn$;
--> statement-breakpoint
-- A new owner needs CREATE on the schema at the moment of the change, and not after it.
GRANT CREATE ON SCHEMA public TO tradecloud_search;
--> statement-breakpoint
ALTER FUNCTION match_listing_candidates(text[], text[], text, text[], integer, integer) OWNER TO tradecloud_search;
--> statement-breakpoint
ALTER FUNCTION match_demand_candidates(text[], text[], date, integer) OWNER TO tradecloud_search;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM tradecloud_search;
--> statement-breakpoint
REVOKE ALL ON FUNCTION match_listing_candidates(text[], text[], text, text[], integer, integer) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION match_demand_candidates(text[], text[], date, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION match_listing_candidates(text[], text[], text, text[], integer, integer) TO tradecloud_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION match_demand_candidates(text[], text[], date, integer) TO tradecloud_app;
