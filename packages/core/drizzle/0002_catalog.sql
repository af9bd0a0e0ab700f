CREATE TABLE "listings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"storefront_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"title_zh" text DEFAULT '' NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"category_id" uuid NOT NULL,
	"category_code" text NOT NULL,
	"category_path" text[] NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"image_urls" text[] DEFAULT '{}'::text[] NOT NULL,
	"unit" text NOT NULL,
	"moq" integer NOT NULL,
	"price_tiers" jsonb NOT NULL,
	"base_price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"stock" integer,
	"lead_time_days" integer NOT NULL,
	"carton" jsonb,
	"hs_code" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"search_text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "listings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "listings_status_known" CHECK ("listings"."status" in ('draft','active','archived')),
	CONSTRAINT "listings_moq_positive" CHECK ("listings"."moq" > 0),
	CONSTRAINT "listings_has_title" CHECK ("listings"."title_zh" <> '' or "listings"."title_en" <> '')
);
--> statement-breakpoint
ALTER TABLE "listings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "storefronts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"booth" jsonb NOT NULL,
	"logo_url" text,
	"main_category_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"contact" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "storefronts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "storefronts_status_known" CHECK ("storefronts"."status" in ('active','closed'))
);
--> statement-breakpoint
ALTER TABLE "storefronts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_tenant_id_storefront_id_storefronts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","storefront_id") REFERENCES "public"."storefronts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_tenant_id_category_id_categories_tenant_id_id_fk" FOREIGN KEY ("tenant_id","category_id") REFERENCES "public"."categories"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storefronts" ADD CONSTRAINT "storefronts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storefronts" ADD CONSTRAINT "storefronts_tenant_id_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "listings_storefront_sku" ON "listings" USING btree ("tenant_id","storefront_id","sku");--> statement-breakpoint
CREATE INDEX "listings_search" ON "listings" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "listings_category_path" ON "listings" USING gin ("category_path");--> statement-breakpoint
CREATE INDEX "listings_storefront" ON "listings" USING btree ("tenant_id","storefront_id","status");--> statement-breakpoint
CREATE INDEX "listings_attributes" ON "listings" USING gin ("attributes");--> statement-breakpoint
CREATE INDEX "storefronts_organisation" ON "storefronts" USING btree ("tenant_id","organisation_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "listings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "storefronts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);