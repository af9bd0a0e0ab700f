import { type SQL, sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import { type DatabaseHandle, type Queryable, resultRows } from "../db/client.js";
import { APP_ROLE } from "../db/tenant.js";

export type { PgBoss };

/** Every job queue the platform runs; created at start so a send never finds a missing queue. */
export const QUEUES = ["catalog.import", "matching.listing", "webhooks.deliver"] as const;
export type QueueName = (typeof QUEUES)[number];

/** Enqueues jobs inside a transaction: the job exists exactly when the change that asked for it commits. */
export interface JobSender {
  send(name: QueueName, data: object, options?: PgBoss.SendOptions): Promise<string | null>;
  /** Many jobs of one queue in one insert. */
  sendMany(name: QueueName, jobs: { data: object; startAfter?: Date }[]): Promise<void>;
}

/**
 * pg-boss's positional SQL ($1, $2…) as a drizzle query with bound parameters. The text is
 * pg-boss's own constant SQL, never input; every value stays a bound parameter.
 */
function positional(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 0) chunks.push(sql.raw(part));
    else chunks.push(sql`${sql.param(bindable(values[Number(part) - 1]))}`);
  });
  return sql.join(chunks, sql``);
}

/** As node-postgres (pg-boss's own driver) would bind it: objects as JSON, undefined as NULL. */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return JSON.stringify(value);
  }
  return value;
}

/** A pg-boss connection adapter over a drizzle transaction (or database). */
export function drizzleAdapter(db: Queryable): PgBoss.Db {
  return {
    executeSql: async (text, values) => ({ rows: resultRows(await db.execute(positional(text, values ?? []))) }),
  };
}

/**
 * Starts pg-boss in the same database (PGlite or the server) through our own connection, creates
 * the queues, and lets request work (the tradecloud_app role) enqueue inside its transactions.
 */
export async function startJobQueue(handle: DatabaseHandle): Promise<PgBoss> {
  const boss = new PgBoss({
    // On a server pg-boss keeps its own small pool (its migrations run their own transactions);
    // PGlite has one connection, so pg-boss shares ours.
    ...(handle.url
      ? { connectionString: handle.url, max: 3 }
      : {
          db: {
            executeSql: async (text: string, values: unknown[]) => ({ rows: await handle.query(text, values ?? []) }),
          },
        }),
    // One process serves everything on PGlite; keep maintenance light.
    supervise: true,
    maintenanceIntervalSeconds: 120,
  });
  boss.on("error", (error) => console.error("pg-boss", error));
  await boss.start();
  for (const name of QUEUES) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, retryLimit: 3, retryBackoff: true });
  }
  // The app role may add jobs (inside tenant transactions) and nothing else in pg-boss's schema.
  await handle.query(`grant usage on schema pgboss to ${APP_ROLE}`);
  await handle.query(`grant select on all tables in schema pgboss to ${APP_ROLE}`);
  await handle.query(`grant insert on pgboss.job to ${APP_ROLE}`);
  return boss;
}

/** A sender bound to `tx`, for a ServiceContext. */
export function jobSender(boss: PgBoss, tx: Queryable): JobSender {
  const db = drizzleAdapter(tx);
  return {
    send: (name, data, options) => boss.send(name, data, { ...options, db }),
    sendMany: async (name, jobs) => {
      if (jobs.length > 0)
        await boss.insert(
          jobs.map((job) => ({ name, ...job })),
          { db },
        );
    },
  };
}
