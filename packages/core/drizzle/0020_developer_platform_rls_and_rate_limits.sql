-- Hand-written: forced RLS for the developer platform's tables, and the token buckets of the
-- API rate limiter.
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE webhook_attempts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE webhook_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE idempotent_requests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- One bucket per API key and per client address, shared by every API process. Unlogged: losing
-- the buckets in a crash only refills them, and every request writes here.
CREATE UNLOGGED TABLE rate_limit_buckets (
  key text PRIMARY KEY,
  tokens double precision NOT NULL,
  refilled_at timestamptz NOT NULL
);
--> statement-breakpoint
-- Takes one token from the bucket `p_key` (capacity p_capacity, refilled at p_per_second), under
-- the row lock of the upsert, so concurrent requests on many processes count exactly.
CREATE FUNCTION take_rate_limit_token(p_key text, p_capacity integer, p_per_second double precision)
RETURNS TABLE (allowed boolean, remaining integer, retry_after_ms integer, reset_ms integer)
LANGUAGE plpgsql AS $$
DECLARE
  at timestamptz := clock_timestamp();
  level double precision;
BEGIN
  INSERT INTO rate_limit_buckets AS b (key, tokens, refilled_at) VALUES (p_key, p_capacity, at)
  ON CONFLICT (key) DO UPDATE
    SET tokens = least(p_capacity, b.tokens + greatest(0, extract(epoch FROM at - b.refilled_at)) * p_per_second),
        refilled_at = at
  RETURNING b.tokens INTO level;
  allowed := level >= 1;
  IF allowed THEN
    level := level - 1;
    UPDATE rate_limit_buckets SET tokens = level WHERE key = p_key;
  END IF;
  remaining := floor(level)::integer;
  retry_after_ms := CASE WHEN allowed THEN 0 ELSE ceil((1 - level) / p_per_second * 1000)::integer END;
  reset_ms := ceil((p_capacity - level) / p_per_second * 1000)::integer;
  RETURN NEXT;
END
$$;
