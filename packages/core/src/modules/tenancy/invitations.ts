import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { ServiceCall } from "../../shared/context.js";
import { randomToken, sha256 } from "../../shared/crypto.js";
import { DomainError, parseInput } from "../../shared/errors.js";
import { emitEvent } from "../events/index.js";
import { requireOrganisation, requireUser } from "./access.js";
import { hashPassword } from "./passwords.js";
import { AcceptInvitationInput, InviteMemberInput } from "./schemas.js";
import { invitations, memberships, users } from "./tables.js";

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Invites a person by email to the organisation the actor acts for. Owners and admins only;
 * only an owner may invite another owner. Returns the one-time token to send them.
 */
export async function inviteMember({
  ctx,
  input,
}: ServiceCall<{ email: string; role?: "owner" | "admin" | "member" }>): Promise<{
  invitationId: string;
  token: string;
  expiresAt: Date;
}> {
  const actor = requireOrganisation(ctx, { roles: ["owner", "admin"] });
  const invitedBy = requireUser(ctx);
  const { email, role } = parseInput(InviteMemberInput, input);
  if (role === "owner" && ctx.actor.type === "user" && ctx.actor.role !== "owner") {
    throw new DomainError("FORBIDDEN", { en: "Only an owner can invite an owner", zh: "只有所有者可以邀请所有者" });
  }
  const [existing] = await ctx.tx
    .select({ userId: users.id })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.tenantId, users.tenantId), eq(memberships.userId, users.id)))
    .where(and(eq(users.email, email), eq(memberships.organisationId, actor.organisationId)))
    .limit(1);
  if (existing) {
    throw new DomainError("CONFLICT", { en: `${email} is already a member`, zh: `${email} 已是成员` });
  }
  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const [row] = await ctx.tx
    .insert(invitations)
    .values({
      tenantId: ctx.tenantId,
      organisationId: actor.organisationId,
      email,
      role,
      tokenHash: sha256(token),
      invitedBy,
      expiresAt,
    })
    .returning({ id: invitations.id });
  if (!row) throw new DomainError("INTERNAL", { en: "Insert returned nothing", zh: "写入失败" });
  await emitEvent(ctx, {
    type: "member.invited",
    organisationId: actor.organisationId,
    payload: { invitationId: row.id, email, role },
  });
  return { invitationId: row.id, token, expiresAt };
}

/**
 * Accepts an invitation: creates the person's account in this market if they have none (with the
 * given name and password) and makes them a member. Anyone holding the token may call it once.
 */
export async function acceptInvitation({
  ctx,
  input,
}: ServiceCall<{ token: string; name: string; password: string; locale?: "zh-CN" | "en" }>): Promise<{
  userId: string;
  organisationId: string;
}> {
  const values = parseInput(AcceptInvitationInput, input);
  const [invitation] = await ctx.tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, sha256(values.token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .for("update")
    .limit(1);
  if (!invitation) {
    throw new DomainError("NOT_FOUND", {
      en: "This invitation is invalid, used or expired",
      zh: "邀请无效、已使用或已过期",
    });
  }
  let [user] = await ctx.tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email)).limit(1);
  if (!user) {
    [user] = await ctx.tx
      .insert(users)
      .values({
        tenantId: ctx.tenantId,
        email: invitation.email,
        name: values.name,
        locale: values.locale,
        passwordHash: await hashPassword(values.password),
      })
      .returning({ id: users.id });
  }
  if (!user) throw new DomainError("INTERNAL", { en: "Insert returned nothing", zh: "写入失败" });
  await ctx.tx
    .insert(memberships)
    .values({
      tenantId: ctx.tenantId,
      userId: user.id,
      organisationId: invitation.organisationId,
      role: invitation.role,
    })
    .onConflictDoNothing();
  await ctx.tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, invitation.id));
  return { userId: user.id, organisationId: invitation.organisationId };
}
