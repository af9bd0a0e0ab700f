import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, tenantIsolation } from "../../db/columns.js";

export const ORGANISATION_KINDS = ["merchant", "buyer", "logistics", "lender", "operator"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const MEMBERSHIP_ROLES = ["owner", "admin", "member"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Settings read before a tenant is known (none yet). A module's own settings live in its
 * tenant-owned table under row-level security, e.g. matching_settings.
 */
export type TenantSettings = Record<string, unknown>;

/** A market. Global (not tenant-owned): every request must find its tenant before acting for it. */
export const tenants = pgTable("tenants", {
  id: id().primaryKey(),
  slug: text("slug").notNull().unique(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  defaultCurrency: text("default_currency").notNull(),
  defaultLocale: text("default_locale").$type<Locale>().notNull(),
  settings: jsonb("settings").$type<TenantSettings>().notNull().default({}),
  /** Sandbox tenants hold demo data for integrators' test keys. */
  sandbox: boolean("sandbox").notNull().default(false),
  /** For a sandbox: the live market whose integrators' test keys act here. */
  sandboxOf: uuid("sandbox_of"),
  createdAt: createdAt(),
});

export const organisations = pgTable(
  "organisations",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    kinds: text("kinds").array().$type<OrganisationKind[]>().notNull(),
    country: text("country").notNull(),
    city: text("city").notNull().default(""),
    /**
     * In a sandbox market: the live organisation (of the market it is the sandbox of) whose test
     * keys act as this one. An id only: nothing is read across markets through it.
     */
    mirrorOf: uuid("mirror_of"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("organisations_mirror_of").on(t.tenantId, t.mirrorOf),
    check(
      "organisations_kinds_known",
      sql`${t.kinds} <@ array['merchant','buyer','logistics','lender','operator']::text[] and cardinality(${t.kinds}) > 0`,
    ),
    tenantIsolation(),
  ],
);

export const users = pgTable(
  "users",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    /** Stored lower-cased; unique within the market. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    locale: text("locale").$type<Locale>().notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("users_tenant_email").on(t.tenantId, t.email),
    tenantIsolation(),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    tenantId: tenantId().references(() => tenants.id),
    userId: uuid("user_id").notNull(),
    organisationId: uuid("organisation_id").notNull(),
    role: text("role").$type<MembershipRole>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.organisationId] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete("cascade"),
    foreignKey({
      columns: [t.tenantId, t.organisationId],
      foreignColumns: [organisations.tenantId, organisations.id],
    }).onDelete("cascade"),
    index("memberships_organisation").on(t.tenantId, t.organisationId),
    check("memberships_role_known", sql`${t.role} in ('owner','admin','member')`),
    tenantIsolation(),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    organisationId: uuid("organisation_id").notNull(),
    email: text("email").notNull(),
    role: text("role").$type<MembershipRole>().notNull(),
    /** SHA-256 of the token sent to the invitee; the token itself is never stored. */
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("invitations_token").on(t.tenantId, t.tokenHash),
    foreignKey({
      columns: [t.tenantId, t.organisationId],
      foreignColumns: [organisations.tenantId, organisations.id],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.invitedBy], foreignColumns: [users.tenantId, users.id] }),
    check("invitations_role_known", sql`${t.role} in ('owner','admin','member')`),
    tenantIsolation(),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    userId: uuid("user_id").notNull(),
    /** SHA-256 of the cookie secret. */
    tokenHash: text("token_hash").notNull(),
    /** Sent back as a header on cookie-authenticated mutations (CSRF). */
    csrfToken: text("csrf_token").notNull(),
    activeOrganisationId: uuid("active_organisation_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("sessions_token").on(t.tenantId, t.tokenHash),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete("cascade"),
    foreignKey({
      columns: [t.tenantId, t.activeOrganisationId],
      foreignColumns: [organisations.tenantId, organisations.id],
    }).onDelete("set null"),
    tenantIsolation(),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    organisationId: uuid("organisation_id").notNull(),
    name: text("name").notNull(),
    /** `live` keys act on a market; `test` keys on its sandbox. */
    mode: text("mode").$type<"live" | "test">().notNull(),
    /** The visible part, e.g. `tc_live_yiwu_3kf9x2ab`; unique within the tenant. */
    prefix: text("prefix").notNull(),
    /** SHA-256 of the whole key. Keys are long random strings, so a fast hash is enough. */
    secretHash: text("secret_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    createdBy: uuid("created_by"),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** The key this one replaced when it was rotated. */
    rotatedFrom: uuid("rotated_from"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("api_keys_prefix").on(t.tenantId, t.prefix),
    foreignKey({
      columns: [t.tenantId, t.organisationId],
      foreignColumns: [organisations.tenantId, organisations.id],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [users.tenantId, users.id] }).onDelete("set null"),
    check("api_keys_mode_known", sql`${t.mode} in ('live','test')`),
    tenantIsolation(),
  ],
);

export type Tenant = typeof tenants.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
export type User = typeof users.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
