DROP INDEX "listings_category_path";--> statement-breakpoint
DROP INDEX "listings_attributes";--> statement-breakpoint
DROP INDEX "listings_search";--> statement-breakpoint
CREATE INDEX "search_words_prefix" ON "search_words" USING btree ("tenant_id","word" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "storefronts_closed" ON "storefronts" USING btree ("tenant_id","id") WHERE "storefronts"."status" <> 'active';--> statement-breakpoint
CREATE INDEX "listings_search" ON "listings" USING gin ("search_vector","attributes" jsonb_path_ops,"category_path");--> statement-breakpoint
-- Hand-written: the candidate query reads the combined index above and asks whether a match's
-- storefront is closed (an anti-join on the small partial index) instead of joining every match's
-- storefront through its key: 10 of 27 ms for "LED toys" (2,711 matches) at 1M listings.
-- work_mem: a bitmap of 100k matches outgrew the default 4 MB and went lossy, rechecking every
-- row of 4,710 pages (lights in red under ¥5.40: 133 against 45 ms).
-- CREATE OR REPLACE resets the function's settings, so 0013's and 0022's are restated here.
CREATE OR REPLACE FUNCTION search_listing_candidates(
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
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
SET jit = off
SET enable_hashjoin = off
SET enable_mergejoin = off
SET max_parallel_workers_per_gather = 0
SET work_mem = '32MB'
AS $fn$
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
      FROM listings l
      WHERE l.tenant_id = $11 AND l.status = ''active''
        AND NOT EXISTS (SELECT 1 FROM storefronts s
          WHERE s.tenant_id = $11 AND s.id = l.storefront_id AND s.status <> ''active'')';
  IF p_tsquery IS NOT NULL THEN query := query || ' AND l.search_vector @@ to_tsquery(''simple'', $1)'; END IF;
  IF p_category IS NOT NULL THEN query := query || ' AND l.category_path @> ARRAY[$2]'; END IF;
  IF p_quantity IS NOT NULL THEN query := query || ' AND l.moq <= $3'; END IF;
  IF p_max_lead_days IS NOT NULL THEN query := query || ' AND l.lead_time_days <= $4'; END IF;
  IF p_currency IS NOT NULL THEN query := query || ' AND l.currency = $5'; END IF;
  IF p_storefront IS NOT NULL THEN query := query || ' AND l.storefront_id = $6'; END IF;
  IF p_attributes IS NOT NULL THEN query := query || ' AND l.attributes @> $7'; END IF;
  -- Unit prices lie between the last tier's (floor) and the first's (base): most rows are settled
  -- on those two columns, and only the rest look up their tier.
  IF p_min_price IS NOT NULL THEN
    query := query || ' AND l.base_price_minor >= $8 AND (l.floor_price_minor >= $8
      OR coalesce(listing_price_at(l.price_tiers, $3), l.base_price_minor) >= $8)';
  END IF;
  IF p_max_price IS NOT NULL THEN
    query := query || ' AND l.floor_price_minor <= $9 AND (l.base_price_minor <= $9
      OR coalesce(listing_price_at(l.price_tiers, $3), l.base_price_minor) <= $9)';
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
