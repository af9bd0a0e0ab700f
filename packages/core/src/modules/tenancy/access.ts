import type { Actor, ServiceContext } from "../../shared/context.js";
import { DomainError } from "../../shared/errors.js";
import type { ApiKeyScope } from "./schemas.js";
import type { MembershipRole, OrganisationKind } from "./tables.js";

export interface AccessRule {
  /** The organisation must be one of these kinds (a company may be several). */
  kinds?: readonly OrganisationKind[];
  /** A signed-in user must hold one of these roles in it. */
  roles?: readonly MembershipRole[];
  /** An API key must carry this scope. */
  scope?: ApiKeyScope;
  /** People only: API keys are refused (work no scope covers, such as managing people). */
  peopleOnly?: boolean;
}

export interface OrganisationActor {
  organisationId: string;
  kinds: OrganisationKind[];
  /** The user, when a person acts; null for an API key. */
  userId: string | null;
}

/**
 * Checks that the actor acts for an organisation that satisfies `rule` and returns it.
 * Throws UNAUTHENTICATED for nobody, FORBIDDEN naming what is missing otherwise.
 */
export function requireOrganisation(ctx: Pick<ServiceContext, "actor">, rule: AccessRule = {}): OrganisationActor {
  const actor: Actor = ctx.actor;
  if (actor.type === "anonymous" || actor.type === "system") {
    throw new DomainError("UNAUTHENTICATED", { en: "Sign in first", zh: "请先登录" });
  }
  if (actor.organisationId === null) {
    throw new DomainError("FORBIDDEN", {
      en: "Choose an organisation to act for",
      zh: "请先选择所代表的机构",
    });
  }
  if (rule.kinds && !rule.kinds.some((kind) => actor.kinds.includes(kind))) {
    throw new DomainError("FORBIDDEN", {
      en: `Only a ${rule.kinds.join(" or ")} organisation can do this`,
      zh: `只有${rule.kinds.map((k) => KIND_ZH[k]).join("或")}机构可以执行此操作`,
    });
  }
  if (actor.type === "user") {
    if (rule.roles && (actor.role === null || !rule.roles.includes(actor.role))) {
      throw new DomainError("FORBIDDEN", {
        en: `Needs the ${rule.roles.join(" or ")} role in this organisation`,
        zh: `需要本机构的${rule.roles.map((r) => ROLE_ZH[r]).join("或")}角色`,
      });
    }
  } else if (rule.peopleOnly) {
    throw new DomainError("FORBIDDEN", {
      en: "API keys cannot do this; sign in to the portal",
      zh: "API 密钥不能执行此操作，请登录门户",
    });
  } else if (rule.scope && !actor.scopes.includes(rule.scope)) {
    throw new DomainError("FORBIDDEN", {
      en: `This API key lacks the scope ${rule.scope}`,
      zh: `此 API 密钥缺少权限范围 ${rule.scope}`,
    });
  }
  return {
    organisationId: actor.organisationId,
    kinds: actor.kinds,
    userId: actor.type === "user" ? actor.userId : null,
  };
}

/** Checks that a person (not an API key) is signed in; returns the user id. */
export function requireUser(ctx: Pick<ServiceContext, "actor">): string {
  if (ctx.actor.type !== "user") {
    throw new DomainError("UNAUTHENTICATED", { en: "Sign in first", zh: "请先登录" });
  }
  return ctx.actor.userId;
}

export const KIND_ZH: Record<OrganisationKind, string> = {
  merchant: "商户",
  buyer: "采购商",
  logistics: "物流商",
  lender: "金融机构",
  operator: "市场运营方",
};
const ROLE_ZH: Record<MembershipRole, string> = { owner: "所有者", admin: "管理员", member: "成员" };
