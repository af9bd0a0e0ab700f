export { type AccessRule, type OrganisationActor, requireOrganisation, requireUser } from "./access.js";
export {
  API_KEY_MANAGERS,
  type ApiKeyActor,
  createApiKey,
  listApiKeys,
  parseApiKey,
  resolveApiKey,
  revokeApiKey,
  rotateApiKey,
} from "./api-keys.js";
export { acceptInvitation, inviteMember } from "./invitations.js";
export { createOrganisation, listMembers, listOrganisations } from "./organisations.js";
export { hashPassword, verifyPassword } from "./passwords.js";
export * from "./schemas.js";
export {
  getMe,
  type Me,
  parseSessionToken,
  type ResolvedSession,
  resolveSession,
  SESSION_TTL_MS,
  type SignedIn,
  signIn,
  signOut,
  switchOrganisation,
} from "./sessions.js";
export {
  apiKeys,
  invitations,
  LOCALES,
  type Locale,
  MEMBERSHIP_ROLES,
  type MembershipRole,
  memberships,
  ORGANISATION_KINDS,
  type Organisation,
  type OrganisationKind,
  organisations,
  sessions,
  type Tenant,
  tenants,
  type User,
  users,
} from "./tables.js";
export { clearTenantCache, findTenant, listTenants, type PublicTenant } from "./tenants.js";
