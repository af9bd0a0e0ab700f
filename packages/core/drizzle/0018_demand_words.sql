ALTER TABLE "demands" ADD COLUMN "match_words" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "index_words" text[] DEFAULT '{}'::text[] NOT NULL;