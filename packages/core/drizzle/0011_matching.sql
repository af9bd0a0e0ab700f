CREATE TABLE "demand_invitations" (
	"tenant_id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"supplier_organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demand_invitations_tenant_id_demand_id_supplier_organisation_id_pk" PRIMARY KEY("tenant_id","demand_id","supplier_organisation_id")
);
--> statement-breakpoint
ALTER TABLE "demand_invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "demand_matches" (
	"tenant_id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"supplier_organisation_id" uuid NOT NULL,
	"score" double precision NOT NULL,
	"parts" jsonb NOT NULL,
	"reasons" jsonb NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demand_matches_tenant_id_demand_id_listing_id_pk" PRIMARY KEY("tenant_id","demand_id","listing_id")
);
--> statement-breakpoint
ALTER TABLE "demand_matches" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "demands" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"buyer_organisation_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"title_zh" text DEFAULT '' NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"category_id" uuid,
	"category_code" text,
	"quantity" integer NOT NULL,
	"unit" text NOT NULL,
	"target_price_minor" bigint,
	"currency" text NOT NULL,
	"posted_on" date NOT NULL,
	"required_by" date NOT NULL,
	"destination" jsonb NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"image_urls" text[] DEFAULT '{}'::text[] NOT NULL,
	"visibility" text DEFAULT 'matched' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"status_reason" text,
	"max_quotes" integer NOT NULL,
	"quote_count" integer DEFAULT 0 NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demands_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "demands_status_known" CHECK ("demands"."status" in ('open','quoting','awarded','closed','expired','cancelled')),
	CONSTRAINT "demands_visibility_known" CHECK ("demands"."visibility" in ('matched','invited')),
	CONSTRAINT "demands_quantity_positive" CHECK ("demands"."quantity" > 0),
	CONSTRAINT "demands_has_title" CHECK ("demands"."title_zh" <> '' or "demands"."title_en" <> '')
);
--> statement-breakpoint
ALTER TABLE "demands" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "matching_settings" (
	"tenant_id" uuid NOT NULL,
	"weights" jsonb NOT NULL,
	"max_quotes_per_demand" integer NOT NULL,
	"listings_per_supplier" integer NOT NULL,
	"exchange_rates" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_settings_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
ALTER TABLE "matching_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "quote_messages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"author_organisation_id" uuid NOT NULL,
	"author_user_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quote_messages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "quote_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "quotes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"supplier_organisation_id" uuid NOT NULL,
	"listing_id" uuid,
	"unit_price_minor" bigint NOT NULL,
	"price_tiers" jsonb,
	"currency" text NOT NULL,
	"quantity" integer NOT NULL,
	"lead_time_days" integer NOT NULL,
	"incoterm" text NOT NULL,
	"incoterm_place" text DEFAULT '' NOT NULL,
	"valid_until" date NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quotes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "quotes_status_known" CHECK ("quotes"."status" in ('submitted','accepted','rejected','closed')),
	CONSTRAINT "quotes_quantity_positive" CHECK ("quotes"."quantity" > 0),
	CONSTRAINT "quotes_price_not_negative" CHECK ("quotes"."unit_price_minor" >= 0)
);
--> statement-breakpoint
ALTER TABLE "quotes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "demand_invitations" ADD CONSTRAINT "demand_invitations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_invitations" ADD CONSTRAINT "demand_invitations_tenant_id_demand_id_demands_tenant_id_id_fk" FOREIGN KEY ("tenant_id","demand_id") REFERENCES "public"."demands"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_invitations" ADD CONSTRAINT "demand_invitations_tenant_id_supplier_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","supplier_organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_matches" ADD CONSTRAINT "demand_matches_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_matches" ADD CONSTRAINT "demand_matches_tenant_id_demand_id_demands_tenant_id_id_fk" FOREIGN KEY ("tenant_id","demand_id") REFERENCES "public"."demands"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_matches" ADD CONSTRAINT "demand_matches_tenant_id_listing_id_listings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","listing_id") REFERENCES "public"."listings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_tenant_id_buyer_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","buyer_organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_tenant_id_category_id_categories_tenant_id_id_fk" FOREIGN KEY ("tenant_id","category_id") REFERENCES "public"."categories"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_tenant_id_created_by_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_settings" ADD CONSTRAINT "matching_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_messages" ADD CONSTRAINT "quote_messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_messages" ADD CONSTRAINT "quote_messages_tenant_id_quote_id_quotes_tenant_id_id_fk" FOREIGN KEY ("tenant_id","quote_id") REFERENCES "public"."quotes"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_tenant_id_demand_id_demands_tenant_id_id_fk" FOREIGN KEY ("tenant_id","demand_id") REFERENCES "public"."demands"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_tenant_id_supplier_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","supplier_organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_tenant_id_listing_id_listings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","listing_id") REFERENCES "public"."listings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demand_invitations_supplier" ON "demand_invitations" USING btree ("tenant_id","supplier_organisation_id");--> statement-breakpoint
CREATE INDEX "demand_matches_supplier" ON "demand_matches" USING btree ("tenant_id","supplier_organisation_id","demand_id");--> statement-breakpoint
CREATE INDEX "demands_buyer" ON "demands" USING btree ("tenant_id","buyer_organisation_id","id");--> statement-breakpoint
CREATE INDEX "demands_open_category" ON "demands" USING btree ("tenant_id","category_code","id") WHERE status in ('open', 'quoting');--> statement-breakpoint
CREATE INDEX "demands_search" ON "demands" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "quote_messages_quote" ON "quote_messages" USING btree ("tenant_id","quote_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_one_per_supplier" ON "quotes" USING btree ("tenant_id","demand_id","supplier_organisation_id");--> statement-breakpoint
CREATE INDEX "quotes_supplier" ON "quotes" USING btree ("tenant_id","supplier_organisation_id","id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "demand_invitations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "demand_matches" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "demands" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "matching_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "quote_messages" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "quotes" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));