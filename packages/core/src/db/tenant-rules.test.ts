import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/index.js";
import { findTenantRuleViolations, listTenantTables } from "./tenant-rules.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

describe("tenant rules in the migrated schema", () => {
  it("covers the tenant tables we know of", async () => {
    const tables = await listTenantTables(db);
    expect(tables).toEqual(expect.arrayContaining(["organisations", "users", "sessions", "api_keys", "outbox_events"]));
  });

  it("every table with tenant_id keeps every rule", async () => {
    expect(await findTenantRuleViolations(db)).toEqual([]);
  });

  it("reports a table that breaks each rule", async () => {
    // A table written the way a future migration might forget to: no RLS, bare primary key,
    // and a foreign key to a tenant table without tenant_id.
    await db.query(`create table careless (
      id uuid primary key, tenant_id uuid not null, user_id uuid, user_tenant uuid,
      foreign key (user_tenant, user_id) references users (tenant_id, id))`);
    await db.query(`create table half_done (tenant_id uuid, id uuid, primary key (tenant_id, id))`);
    await db.query(`alter table half_done enable row level security`);
    await db.query(`create policy p on half_done using (true)`);
    try {
      const found = (await findTenantRuleViolations(db)).map((v) => `${v.table}:${v.rule}`);
      expect(found.sort()).toEqual(
        [
          "careless:primary-key",
          "careless:rls-enabled",
          "careless:rls-forced",
          "careless:policy",
          "careless:foreign-key",
          "half_done:rls-forced",
          "half_done:policy",
        ].sort(),
      );
    } finally {
      await db.query("drop table careless");
      await db.query("drop table half_done");
    }
  });
});
