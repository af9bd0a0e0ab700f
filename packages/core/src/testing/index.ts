import { randomBytes } from "node:crypto";
import type { SQL } from "drizzle-orm";
import postgres from "postgres";
import type { Transaction } from "../db/client.js";
import { createDatabase, type DatabaseHandle } from "../db/client.js";
import { newId } from "../db/columns.js";
import { migrateDatabase } from "../db/migrate.js";
import { withTenant } from "../db/tenant.js";
import { hashPassword } from "../modules/tenancy/passwords.js";
import {
  type MembershipRole,
  memberships,
  type OrganisationKind,
  organisations,
  tenants,
  users,
} from "../modules/tenancy/tables.js";
import type { Actor, ServiceContext } from "../shared/context.js";

export interface TestDatabase extends DatabaseHandle {
  /** Drops the database (server) or closes it (PGlite). */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a new database on the server at DATABASE_URL
 * when it is set, else an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await createDatabase({ dataDir: "memory://" });
    await migrateDatabase(handle);
    return { ...handle, destroy: () => handle.close() };
  }
  const name = `tc_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const handle = await createDatabase({ url: testUrl.toString(), max: 4 });
  await migrateDatabase(handle);
  return {
    ...handle,
    destroy: async () => {
      await handle.close();
      await dropDatabase(admin, name);
      await admin.end();
    },
  };
}

/**
 * Drops a test database, retrying briefly: a backend that ran as another role (a parallel worker
 * started inside withTenant()) can outlive its connection's close by a moment, and FORCE may not
 * terminate it for us.
 */
export async function dropDatabase(admin: postgres.Sql, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The server URL for suites that need a real PostgreSQL server (races); fails under CI without one. */
export function serverDatabaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL ?? process.env.TRADECLOUD_TEST_PG_URL;
  if (!url && process.env.CI) {
    throw new Error("CI=true but neither DATABASE_URL nor TRADECLOUD_TEST_PG_URL is set: this suite needs PostgreSQL");
  }
  return url;
}

export interface TestOrganisation {
  id: string;
  kinds: OrganisationKind[];
  /** The owner's user id and email (password: {@link TEST_PASSWORD}). */
  ownerId: string;
  ownerEmail: string;
}

export interface TestTenant {
  id: string;
  slug: string;
  orgs: Record<string, TestOrganisation>;
}

export const TEST_PASSWORD = "correct horse battery staple";
let cachedHash: Promise<string> | undefined;

/**
 * Creates a market with one organisation (and its owner) per entry of `orgs`, e.g.
 * `{ acme: ["merchant"], importer: ["buyer"] }`.
 */
export async function createTestTenant(
  handle: DatabaseHandle,
  slug: string,
  orgs: Record<string, OrganisationKind[]> = { merchant: ["merchant"], buyer: ["buyer"], operator: ["operator"] },
  options: { sandbox?: boolean; sandboxOf?: string } = {},
): Promise<TestTenant> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await cachedHash;
  const id = newId();
  await handle.db.insert(tenants).values({
    id,
    slug,
    nameZh: `${slug} 市场`,
    nameEn: `${slug} market`,
    defaultCurrency: "CNY",
    defaultLocale: "zh-CN",
    sandbox: options.sandbox ?? Boolean(options.sandboxOf),
    sandboxOf: options.sandboxOf ?? null,
  });
  const result: TestTenant = { id, slug, orgs: {} };
  await withTenant(handle.db, id, async (tx) => {
    for (const [key, kinds] of Object.entries(orgs)) {
      const orgId = newId();
      const ownerId = newId();
      const ownerEmail = `${key}@${slug}.test`;
      await tx
        .insert(organisations)
        .values({ tenantId: id, id: orgId, nameZh: key, nameEn: key, kinds, country: "CN" });
      await tx
        .insert(users)
        .values({ tenantId: id, id: ownerId, email: ownerEmail, name: key, locale: "en", passwordHash });
      await tx.insert(memberships).values({ tenantId: id, userId: ownerId, organisationId: orgId, role: "owner" });
      result.orgs[key] = { id: orgId, kinds, ownerId, ownerEmail };
    }
  });
  return result;
}

/**
 * Creates the sandbox market of `live` (slug `<live>-sandbox`), where test keys of `live`'s
 * organisations act, with one organisation per entry of `orgs` as {@link createTestTenant} does.
 */
export function createTestSandbox(
  handle: DatabaseHandle,
  live: TestTenant,
  orgs: Record<string, OrganisationKind[]> = {},
): Promise<TestTenant> {
  return createTestTenant(handle, `${live.slug}-sandbox`, orgs, { sandboxOf: live.id });
}

/** A user actor acting for `org` with `role`. */
export function userActor(org: TestOrganisation, role: MembershipRole = "owner"): Actor {
  return { type: "user", userId: org.ownerId, organisationId: org.id, role, kinds: org.kinds };
}

/** Runs `fn` as a service would run inside a request for `tenant`, acting as `actor`. */
export function asActor<T>(
  handle: DatabaseHandle,
  tenant: TestTenant,
  actor: Actor,
  fn: (ctx: ServiceContext & { tx: Transaction }) => Promise<T>,
): Promise<T> {
  return withTenant(handle.db, tenant.id, (tx) =>
    fn({ tx, tenantId: tenant.id, actor, requestId: `test-${newId()}`, locale: "en" }),
  );
}

/**
 * Runs one SQL statement inside `tenantId`'s withTenant() transaction: how tests reach rows that
 * row-level security hides from the bare connection (on a server even the table owner is bound).
 */
export function tenantSql(handle: DatabaseHandle, tenantId: string, query: SQL): Promise<unknown> {
  return withTenant(handle.db, tenantId, (tx) => tx.execute(query));
}
