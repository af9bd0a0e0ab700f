ALTER TABLE "listings" ADD COLUMN "floor_price_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing listings: the last tier's price.
UPDATE listings SET floor_price_minor = (price_tiers->-1->>'unitPriceMinor')::bigint;
