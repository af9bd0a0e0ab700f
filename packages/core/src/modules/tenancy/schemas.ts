import { z } from "zod";
import { bilingual } from "../../shared/i18n.js";
import { LOCALES, MEMBERSHIP_ROLES, ORGANISATION_KINDS } from "./tables.js";

/** Every scope an API key can hold; a procedure names the one it needs. */
export const API_KEY_SCOPES = [
  "catalog:read",
  "catalog:write",
  "demands:read",
  "demands:write",
  "quotes:write",
  "orders:read",
  "orders:write",
  "logistics:write",
  "credit:read",
  "credit:write",
  "webhooks:manage",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const TenantSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { error: bilingual("not a market code", "不是有效的市场代码") });

export const EmailSchema = z.email().trim().toLowerCase().max(254);
export const PasswordSchema = z
  .string()
  .min(8, { error: bilingual("must be at least 8 characters", "至少 8 个字符") })
  .max(200);
export const LocaleSchema = z.enum(LOCALES);
export const OrganisationKindSchema = z.enum(ORGANISATION_KINDS);
export const MembershipRoleSchema = z.enum(MEMBERSHIP_ROLES);
export const IdSchema = z.uuid();

export const SignInInput = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(200),
});
export type SignInInput = z.input<typeof SignInInput>;

export const SwitchOrganisationInput = z.object({ organisationId: IdSchema });

export const CreateOrganisationInput = z.object({
  nameZh: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  kinds: z.array(OrganisationKindSchema).min(1).max(5),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { error: bilingual("must be a two-letter country code", "必须是两位国家代码") }),
  city: z.string().trim().max(100).default(""),
});
export type CreateOrganisationInput = z.input<typeof CreateOrganisationInput>;

export const InviteMemberInput = z.object({
  email: EmailSchema,
  role: MembershipRoleSchema.default("member"),
});

export const AcceptInvitationInput = z.object({
  token: z.string().min(20).max(200),
  name: z.string().trim().min(1).max(100),
  password: PasswordSchema,
  locale: LocaleSchema.default("zh-CN"),
});

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1),
  /** Days until it expires; none means until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
  /**
   * `test` keys act on the market's sandbox (demo data), `live` ones on the market. Defaults to
   * `live`, or `test` in a sandbox market, which has test keys only.
   */
  mode: z.enum(["live", "test"]).optional(),
});
export type CreateApiKeyInput = z.input<typeof CreateApiKeyInput>;

export const ApiKeyIdInput = z.object({ apiKeyId: IdSchema });

export const RotateApiKeyInput = ApiKeyIdInput.extend({
  /** Hours the old key keeps working, so deploys can roll over; 0 ends it now. */
  graceHours: z.number().int().min(0).max(168).default(24),
});
export type RotateApiKeyInput = z.input<typeof RotateApiKeyInput>;
