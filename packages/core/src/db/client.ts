import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema.js";

export type Schema = typeof schema;
/** Drizzle over either driver: services never know which one they run on. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a service may query through: the database or a transaction on it. */
export type Queryable = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  kind: "postgres" | "pglite";
  /** The server's URL (postgres only): for clients that need their own connections (pg-boss). */
  url?: string;
  /** Runs raw parameterised SQL; for pg-boss and the schema checks, not for services. */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL of a server. Without it an embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** Pool size for the server driver. */
  max?: number;
}

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connection: { application_name: "tradecloud" },
    });
    const db = drizzlePostgres({ client, schema }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      url: options.url,
      // Without parameters the simple protocol runs, which allows several statements (pg-boss's
      // schema migrations); with them, the extended protocol binds every value.
      query: async <Row>(text: string, params: unknown[] = []) =>
        (params.length
          ? await client.unsafe(text, params as never[])
          : await client.unsafe(text).simple()) as unknown as Row[],
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const client = await PGlite.create({ dataDir: options.dataDir ?? "memory://", extensions: { pg_trgm } });
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    query: async <Row>(text: string, params: unknown[] = []) => {
      if (params.length) return (await client.query<Row>(text, params)).rows;
      const results = await client.exec(text);
      return (results[results.length - 1]?.rows ?? []) as Row[];
    },
    close: () => client.close(),
  };
}

/** The rows of `db.execute()`: postgres.js returns them as the result, PGlite under `rows`. */
export function resultRows<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as Row[];
}

const ARRAY_ELEMENT_ESCAPE = /["\\]/;

/**
 * A PostgreSQL array literal (`{"a","b\"c",NULL,3}`) to bind as one text parameter and cast
 * (`$1::text[]`, `$1::uuid[]`). Drizzle binds a JS array element by element, and postgres.js
 * serialises arrays with a regex per element; a bulk write of many columns of a thousand values
 * each builds its literals here instead.
 */
export function pgArray(values: readonly (string | number | null | undefined)[]): string {
  // Parts joined once: a literal grown by += is a rope that the driver flattens again to send it.
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) parts[i] = "NULL";
    else if (typeof value === "number") parts[i] = String(value);
    else parts[i] = `"${ARRAY_ELEMENT_ESCAPE.test(value) ? value.replace(/["\\]/g, "\\$&") : value}"`;
  }
  return `{${parts.join(",")}}`;
}
