import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { createDatabase, type DatabaseHandle } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { withTenant } from "../src/db/tenant.js";
import { dropDatabase } from "../src/testing/index.js";

/** `--name value` pairs from the command line. */
export function args(): Map<string, string> {
  const out = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (key?.startsWith("--")) out.set(key.slice(2), argv[i + 1] ?? "");
  }
  return out;
}

/**
 * A database on the server at DATABASE_URL for a benchmark: `name` is kept between runs so a large
 * catalogue is built once; `fresh` makes a throwaway one.
 */
export async function benchDatabase(name: string | null): Promise<DatabaseHandle & { drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Benchmarks run on a PostgreSQL server: set DATABASE_URL");
  const database = name ?? `tc_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = ${database}`;
  if (!exists) await admin.unsafe(`create database ${database}`);
  const target = new URL(url);
  target.pathname = `/${database}`;
  const handle = await createDatabase({ url: target.toString(), max: 4 });
  await migrateDatabase(handle);
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      if (!name) await dropDatabase(admin, database);
      await admin.end();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

export async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, performance.now() - started];
}

/**
 * Reads each table's heap once, as a server that has been running holds its working set in memory
 * (1.8 GB at 1M listings, on a 23 GB machine). After a restart the first pass of probes read from
 * disk: p95 204 ms against 31 ms for the next pass, so runs timed the machine's history.
 * Sequential scans fill the OS cache; indexes warm with a pass of queries that are not probes.
 */
export async function warmTables(db: DatabaseHandle, tenantId: string, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
    await withTenant(db.db, tenantId, async (tx) => {
      await tx.execute(sql.raw("set local enable_indexscan = off"));
      await tx.execute(sql.raw("set local enable_indexonlyscan = off"));
      await tx.execute(sql.raw("set local enable_bitmapscan = off"));
      await tx.execute(sql.raw(`select count(*) from ${table}`));
    });
  }
}
