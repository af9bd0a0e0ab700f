import type { DatabaseHandle } from "./client.js";

export interface TenantRuleViolation {
  table: string;
  rule: "primary-key" | "rls-enabled" | "rls-forced" | "policy" | "foreign-key";
  detail: string;
}

/**
 * Reads the catalogue and reports every table in `public` with a tenant_id column that breaks a
 * tenant rule: primary key starting with tenant_id, RLS enabled and forced, a policy on
 * app.tenant_id for reads and writes, and foreign keys to other tenant tables that include
 * tenant_id. These rules keep tenants apart now and keep tables co-located under Citus later.
 */
export async function findTenantRuleViolations(handle: DatabaseHandle): Promise<TenantRuleViolation[]> {
  const tables = await handle.query<{
    table: string;
    rls: boolean;
    forced: boolean;
    pk: string[] | null;
    policies:
      | { name: string; using: string | null; check: string | null; cmd: string; roles: string[] | null }[]
      | null;
  }>(`
    select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
      (select array_agg(a.attname::text order by k.ord)
         from pg_constraint p
         cross join lateral unnest(p.conkey) with ordinality as k(attnum, ord)
         join pg_attribute a on a.attrelid = p.conrelid and a.attnum = k.attnum
        where p.conrelid = c.oid and p.contype = 'p') as pk,
      (select json_agg(json_build_object(
                'name', pol.polname,
                'roles', (select array_agg(r.rolname) from pg_roles r where r.oid = any(pol.polroles)),
                'using', pg_get_expr(pol.polqual, pol.polrelid),
                'check', pg_get_expr(pol.polwithcheck, pol.polrelid),
                'cmd', pol.polcmd::text))
         from pg_policy pol where pol.polrelid = c.oid) as policies
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and exists (select 1 from pg_attribute a
                   where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
    order by c.relname`);
  const tenantTables = new Set(tables.map((t) => t.table));
  const violations: TenantRuleViolation[] = [];

  for (const t of tables) {
    if (t.pk?.[0] !== "tenant_id") {
      violations.push({
        table: t.table,
        rule: "primary-key",
        detail: `primary key is (${t.pk?.join(", ") ?? "none"})`,
      });
    }
    if (!t.rls) violations.push({ table: t.table, rule: "rls-enabled", detail: "row-level security is off" });
    if (!t.forced) violations.push({ table: t.table, rule: "rls-forced", detail: "row-level security is not forced" });
    const guards = (expr: string | null) =>
      expr !== null && /tenant_id = \(\s*SELECT\s+\(?NULLIF\(current_setting\('app\.tenant_id'/i.test(expr);
    // polcmd '*' is ALL; the policy must guard what is read (USING) and what is written (WITH CHECK).
    const ok = (t.policies ?? []).some((p) => p.cmd === "*" && guards(p.using) && guards(p.check));
    if (!ok)
      violations.push({
        table: t.table,
        rule: "policy",
        detail: "no FOR ALL policy on app.tenant_id (USING and WITH CHECK)",
      });
  }

  const fks = await handle.query<{
    table: string;
    name: string;
    target: string;
    cols: string[];
    targetCols: string[];
  }>(`
    select c.relname as table, p.conname as name, t.relname as target,
      (select array_agg(a.attname::text order by k.ord) from unnest(p.conkey) with ordinality k(attnum, ord)
         join pg_attribute a on a.attrelid = p.conrelid and a.attnum = k.attnum) as cols,
      (select array_agg(a.attname::text order by k.ord) from unnest(p.confkey) with ordinality k(attnum, ord)
         join pg_attribute a on a.attrelid = p.confrelid and a.attnum = k.attnum) as "targetCols"
    from pg_constraint p
    join pg_class c on c.oid = p.conrelid
    join pg_class t on t.oid = p.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where p.contype = 'f' and n.nspname = 'public'`);
  for (const fk of fks) {
    if (!tenantTables.has(fk.table) || !tenantTables.has(fk.target)) continue;
    const i = fk.cols.indexOf("tenant_id");
    if (i === -1 || fk.targetCols[i] !== "tenant_id") {
      violations.push({
        table: fk.table,
        rule: "foreign-key",
        detail: `${fk.name} → ${fk.target}(${fk.targetCols.join(", ")}) does not include tenant_id`,
      });
    }
  }
  return violations;
}

/** Every table in `public` that has a tenant_id column. */
export async function listTenantTables(handle: DatabaseHandle): Promise<string[]> {
  const rows = await handle.query<{ table: string }>(`
    select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
    order by 1`);
  return rows.map((r) => r.table);
}
