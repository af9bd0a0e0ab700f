ALTER TABLE "listings" DROP CONSTRAINT "listings_tenant_id_tenants_id_fk";
