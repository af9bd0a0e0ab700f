import { and, asc, eq, sql } from "drizzle-orm";
import type { ServiceCall, ServiceContext } from "../../shared/context.js";
import { DomainError, parseInput } from "../../shared/errors.js";
import { emitEvent } from "../events/index.js";
import { requireOrganisation } from "./access.js";
import { type CreateOrganisationInput as CreateInput, CreateOrganisationInput } from "./schemas.js";
import { memberships, type Organisation, organisations, users } from "./tables.js";

/**
 * Registers an organisation in the market. Market operators only (owner or admin).
 * Emits `organisation.created`.
 */
export async function createOrganisation({ ctx, input }: ServiceCall<CreateInput>): Promise<Organisation> {
  requireOrganisation(ctx, { kinds: ["operator"], roles: ["owner", "admin"] });
  const values = parseInput(CreateOrganisationInput, input);
  const [created] = await ctx.tx
    .insert(organisations)
    .values({ ...values, kinds: [...new Set(values.kinds)], tenantId: ctx.tenantId })
    .returning();
  if (!created) throw new DomainError("INTERNAL", { en: "Insert returned nothing", zh: "写入失败" });
  await emitEvent(ctx, {
    type: "organisation.created",
    organisationId: created.id,
    payload: { organisation: created },
  });
  return created;
}

/** Every organisation in the market with its member count. Market operators only. */
export async function listOrganisations(ctx: ServiceContext) {
  requireOrganisation(ctx, { kinds: ["operator"] });
  return ctx.tx
    .select({
      id: organisations.id,
      nameZh: organisations.nameZh,
      nameEn: organisations.nameEn,
      kinds: organisations.kinds,
      country: organisations.country,
      city: organisations.city,
      members: sql<number>`(select count(*)::int from ${memberships} m where m.organisation_id = ${organisations.id})`,
    })
    .from(organisations)
    .orderBy(asc(organisations.nameEn));
}

/** The members of the organisation the actor acts for. Any member. */
export async function listMembers(ctx: ServiceContext) {
  const { organisationId } = requireOrganisation(ctx);
  return ctx.tx
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(memberships.createdAt));
}
