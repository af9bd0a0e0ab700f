-- Hand-written: trigram matching for typos, the price-at-quantity function search filters and
-- sorts with, and FORCE ROW LEVEL SECURITY for the catalogue's tables.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS listings_search_text_trgm ON listings USING gin (search_text gin_trgm_ops);
--> statement-breakpoint
-- Unit price (minor units) for buying `quantity`: the last tier whose min_quantity is not above it;
-- NULL under MOQ. Tiers are stored sorted by min_quantity.
CREATE OR REPLACE FUNCTION listing_price_at(tiers jsonb, quantity integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (t->>'unitPriceMinor')::bigint
  FROM jsonb_array_elements(tiers) AS t
  WHERE (t->>'minQuantity')::integer <= quantity
  ORDER BY (t->>'minQuantity')::integer DESC
  LIMIT 1
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION listing_price_at(jsonb, integer) TO tradecloud_app;
--> statement-breakpoint
ALTER TABLE storefronts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE listings FORCE ROW LEVEL SECURITY;
