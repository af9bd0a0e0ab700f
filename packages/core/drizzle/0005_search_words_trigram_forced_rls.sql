-- Hand-written: trigram index for correcting misspelt query words, and forced RLS.
CREATE INDEX IF NOT EXISTS search_words_trgm ON search_words USING gin (word gin_trgm_ops);
--> statement-breakpoint
ALTER TABLE search_words FORCE ROW LEVEL SECURITY;
