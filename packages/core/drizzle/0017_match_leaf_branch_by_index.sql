-- Hand-written: inferred leaf categories are read without the subtree predicate, which made the
-- planner sort the whole category (47 ms at 1M) instead of walking listings_category_newest.
CREATE OR REPLACE FUNCTION match_listing_candidates(
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
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET jit = off AS $fn$
DECLARE
  tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  n integer := coalesce(array_length(p_atoms, 1), 0);
  queries text[] := '{}';
  base text;
  leaf_base text;
  parts text[] := '{}';
  query text;
  found uuid[] := '{}';
BEGIN
  IF tenant IS NULL OR (n = 0 AND p_category IS NULL AND coalesce(array_length(p_inferred, 1), 0) = 0) THEN
    RETURN;
  END IF;
  base := 'SELECT l.id FROM listings l JOIN storefronts s ON s.tenant_id = l.tenant_id AND s.id = l.storefront_id
    WHERE l.tenant_id = $4 AND s.tenant_id = $4 AND l.status = ''active'' AND s.status = ''active''';
  leaf_base := base;
  IF p_category IS NOT NULL THEN base := base || ' AND l.category_path @> ARRAY[$3]'; END IF;
  queries := array_append(queries, array_to_string(p_atoms, ' & '));
  IF n > 0 THEN
    EXECUTE 'SELECT coalesce(array_agg(id), ''{}'') FROM (' || base
      || ' AND l.search_vector @@ to_tsquery(''simple'', $6[1]) ORDER BY l.id DESC LIMIT $5) x'
      INTO found USING p_atoms, p_title_atoms, p_category, tenant, p_cap, queries, p_sub_cap, p_inferred;
  END IF;
  -- A page (20) of listings with every word is enough text evidence: skip the all-but-one queries.
  IF n > 1 AND coalesce(array_length(found, 1), 0) < 20 THEN
    FOR i IN 1..n LOOP
      queries := array_append(queries, array_to_string(p_atoms[1:i-1] || p_atoms[i+1:n], ' & '));
      -- Only integers generated here join the text; words stay parameters.
      parts := array_append(parts, '(' || base || ' AND l.search_vector @@ to_tsquery(''simple'', $6['
        || (i + 1) || ']) ORDER BY l.id DESC LIMIT $7)');
    END LOOP;
  END IF;
  -- Inferred categories are leaves: their newest listings come straight from
  -- listings_category_newest, without visiting the rest of the category.
  -- Without the subtree predicate (the caller infers leaves inside it), so the planner walks
  -- listings_category_newest in order instead of sorting the whole category.
  FOR i IN 1..coalesce(array_length(p_inferred, 1), 0) LOOP
    parts := array_append(parts, '(' || leaf_base || ' AND l.category_code = $8[' || i || ']
      ORDER BY l.id DESC LIMIT $7)');
  END LOOP;
  -- The named subtree's newest, only when no leaf inside it was recognised (sorting a whole
  -- subtree is the expensive branch).
  IF p_category IS NOT NULL AND coalesce(array_length(p_inferred, 1), 0) = 0 THEN
    parts := array_append(parts, '(' || base || ' ORDER BY l.id DESC LIMIT $5)');
  END IF;
  query := 'SELECT l.id, l.organisation_id, l.category_code, l.unit, l.moq, l.price_tiers, l.currency,
      l.lead_time_days,
      ARRAY(SELECT i::integer FROM generate_subscripts($1, 1) AS i
            WHERE l.search_vector @@ to_tsquery(''simple'', $1[i])),
      ARRAY(SELECT i::integer FROM generate_subscripts($2, 1) AS i
            WHERE l.search_vector @@ to_tsquery(''simple'', $2[i]))
    FROM (' || array_to_string(array_prepend('SELECT unnest($9) AS id', parts), ' UNION ') || ') c
    JOIN listings l ON l.tenant_id = $4 AND l.id = c.id';
  RETURN QUERY EXECUTE query USING p_atoms, p_title_atoms, p_category, tenant, p_cap, queries, p_sub_cap, p_inferred, found;
END
$fn$;
