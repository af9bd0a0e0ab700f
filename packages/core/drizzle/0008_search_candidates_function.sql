-- Hand-written: stage one of catalogue search, inside the database.
--
-- Row-level security makes PostgreSQL evaluate the tenant policy before any qual whose function
-- is not LEAKPROOF, and tsvector @@, array @> and jsonb @> are not: under the policy a selective
-- text query cannot use the GIN index and scans every row of the table (550 ms at 1M listings).
-- Marking those operators LEAKPROOF needs a superuser. Instead this function runs as
-- tradecloud_search, a NOLOGIN role that may only SELECT listings and storefronts and whose
-- policy adds no security qual, and it filters by the current tenant itself. Request work calls
-- it as tradecloud_app; an unset tenant still matches nothing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tradecloud_search') THEN
    CREATE ROLE tradecloud_search NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
END
$$;
--> statement-breakpoint
GRANT tradecloud_search TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO tradecloud_search;
--> statement-breakpoint
GRANT SELECT ON listings, storefronts TO tradecloud_search;
--> statement-breakpoint
CREATE POLICY search_reader ON listings AS PERMISSIVE FOR SELECT TO tradecloud_search USING (true);
--> statement-breakpoint
CREATE POLICY search_reader ON storefronts AS PERMISSIVE FOR SELECT TO tradecloud_search USING (true);
--> statement-breakpoint
CREATE FUNCTION search_listing_candidates(
  p_tsquery text,
  p_category text,
  p_quantity integer,
  p_max_lead_days integer,
  p_currency text,
  p_storefront uuid,
  p_attributes jsonb,
  p_min_price bigint,
  p_max_price bigint,
  p_cap integer
) RETURNS TABLE (id uuid, category_code text, attributes jsonb, price bigint, score real)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  query text;
BEGIN
  IF tenant IS NULL THEN
    RETURN;
  END IF;
  -- Only fixed fragments join the text; every value is a parameter ($1 … $11), and EXECUTE plans
  -- each call for its own values (GIN for a rare word, newest-first for a generic one).
  query := 'WITH c AS MATERIALIZED (
      SELECT l.id, l.category_code, l.attributes, l.price_tiers, l.base_price_minor, l.search_vector
      FROM listings l JOIN storefronts s ON s.tenant_id = l.tenant_id AND s.id = l.storefront_id
      WHERE l.tenant_id = $11 AND s.tenant_id = $11 AND l.status = ''active'' AND s.status = ''active''';
  IF p_tsquery IS NOT NULL THEN query := query || ' AND l.search_vector @@ to_tsquery(''simple'', $1)'; END IF;
  IF p_category IS NOT NULL THEN query := query || ' AND l.category_path @> ARRAY[$2]'; END IF;
  IF p_quantity IS NOT NULL THEN query := query || ' AND l.moq <= $3'; END IF;
  IF p_max_lead_days IS NOT NULL THEN query := query || ' AND l.lead_time_days <= $4'; END IF;
  IF p_currency IS NOT NULL THEN query := query || ' AND l.currency = $5'; END IF;
  IF p_storefront IS NOT NULL THEN query := query || ' AND l.storefront_id = $6'; END IF;
  IF p_attributes IS NOT NULL THEN query := query || ' AND l.attributes @> $7'; END IF;
  IF p_min_price IS NOT NULL THEN
    query := query || ' AND coalesce(listing_price_at(l.price_tiers, $3), l.base_price_minor) >= $8';
  END IF;
  IF p_max_price IS NOT NULL THEN
    query := query || ' AND coalesce(listing_price_at(l.price_tiers, $3), l.base_price_minor) <= $9';
  END IF;
  query := query || ' ORDER BY l.id DESC LIMIT $10)
    SELECT c.id, c.category_code, c.attributes,
      CASE WHEN $3 IS NULL THEN c.base_price_minor ELSE listing_price_at(c.price_tiers, $3) END,
      CASE WHEN $1 IS NULL THEN 0::real ELSE ts_rank_cd(c.search_vector, to_tsquery(''simple'', $1)) END
    FROM c';
  RETURN QUERY EXECUTE query USING p_tsquery, p_category, p_quantity, p_max_lead_days, p_currency,
    p_storefront, p_attributes, p_min_price, p_max_price, p_cap, tenant;
END
$fn$;
--> statement-breakpoint
-- A new owner needs CREATE on the schema at the moment of the change, and not after it.
GRANT CREATE ON SCHEMA public TO tradecloud_search;
--> statement-breakpoint
ALTER FUNCTION search_listing_candidates(text, text, integer, integer, text, uuid, jsonb, bigint, bigint, integer)
  OWNER TO tradecloud_search;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM tradecloud_search;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION listing_price_at(jsonb, integer) TO tradecloud_search;
--> statement-breakpoint
REVOKE ALL ON FUNCTION search_listing_candidates(text, text, integer, integer, text, uuid, jsonb, bigint, bigint, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION search_listing_candidates(text, text, integer, integer, text, uuid, jsonb, bigint, bigint, integer) TO tradecloud_app;
