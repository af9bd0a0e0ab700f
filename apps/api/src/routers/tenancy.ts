import { tenancy } from "@tradecloud/core";
import { z } from "zod";
import { marketProcedure, memberProcedure, operatorProcedure, publicProcedure, router } from "../trpc.js";

const TenantOutput = z.object({
  id: z.string(),
  slug: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  defaultCurrency: z.string(),
  defaultLocale: z.string(),
  sandbox: z.boolean(),
});
const OrganisationOutput = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  kinds: z.array(z.string()),
  country: z.string(),
  city: z.string(),
});
const ApiKeyOutput = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  mode: z.enum(["live", "test"]),
  scopes: z.array(z.string()),
  organisationId: z.string(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  /** The key this one replaced, when it came from a rotation. */
  rotatedFrom: z.string().nullable(),
  createdAt: z.date(),
});
const admins = tenancy.API_KEY_MANAGERS;
/** Managing people and organisations is for people in the portal: no API key scope covers it. */
const people = { peopleOnly: true } as const;

// Portal-only, tRPC only (API keys are refused or never reach them): listOrganisations,
// createOrganisation, listMembers, inviteMember (peopleOnly) and acceptInvitation (an invitee
// signing up). Everything an API key can call is also on REST.
export const tenancyRouter = router({
  listTenants: publicProcedure
    .meta({
      openapi: { method: "GET", path: "/tenants", tags: ["tenancy"], summary: "List markets", protect: false },
    })
    .input(z.object({}).optional())
    .output(z.array(TenantOutput))
    .query(({ ctx }) => tenancy.listTenants(ctx.db)),

  listOrganisations: operatorProcedure
    .output(z.array(OrganisationOutput.extend({ members: z.number() })))
    .query(({ ctx }) => tenancy.listOrganisations(ctx)),

  createOrganisation: memberProcedure({ kinds: ["operator"], roles: ["owner", "admin"], ...people })
    .input(tenancy.CreateOrganisationInput)
    .output(OrganisationOutput)
    .mutation(({ ctx, input }) => tenancy.createOrganisation({ ctx, input })),

  listMembers: memberProcedure(people)
    .output(z.array(z.object({ userId: z.string(), email: z.string(), name: z.string(), role: z.string() })))
    .query(({ ctx }) => tenancy.listMembers(ctx)),

  inviteMember: memberProcedure({ roles: ["owner", "admin"], ...people })
    .input(tenancy.InviteMemberInput)
    .mutation(({ ctx, input }) => tenancy.inviteMember({ ctx, input })),

  acceptInvitation: marketProcedure
    .input(tenancy.AcceptInvitationInput.extend({ tenant: tenancy.TenantSlugSchema.optional() }))
    .mutation(({ ctx, input }) => tenancy.acceptInvitation({ ctx, input })),

  listApiKeyScopes: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/api-keys/scopes",
        tags: ["api keys"],
        summary: "Every API key scope",
        protect: false,
      },
    })
    .input(z.object({}).optional())
    .output(z.array(z.enum(tenancy.API_KEY_SCOPES)))
    .query(() => [...tenancy.API_KEY_SCOPES]),

  createApiKey: memberProcedure(admins)
    .meta({
      returnsSecret: true,
      openapi: {
        method: "POST",
        path: "/api-keys",
        tags: ["api keys"],
        summary: "Create an API key (secret shown once)",
        description:
          "`mode: test` creates a key for this market's sandbox (`tc_test_<market>-sandbox_…`), which acts on " +
          "demo data as your organisation's mirror there and never sees the live market.",
      },
    })
    .input(tenancy.CreateApiKeyInput)
    .output(ApiKeyOutput.extend({ key: z.string() }))
    .mutation(({ ctx, input }) => tenancy.createApiKey({ ctx, input })),

  listApiKeys: memberProcedure(admins)
    .meta({ openapi: { method: "GET", path: "/api-keys", tags: ["api keys"], summary: "List API keys" } })
    .input(z.object({}).optional())
    .output(z.array(ApiKeyOutput))
    .query(({ ctx }) => tenancy.listApiKeys(ctx)),

  revokeApiKey: memberProcedure(admins)
    .meta({
      openapi: {
        method: "POST",
        path: "/api-keys/{apiKeyId}/revoke",
        tags: ["api keys"],
        summary: "Revoke an API key",
      },
    })
    .input(tenancy.ApiKeyIdInput)
    .output(ApiKeyOutput)
    .mutation(({ ctx, input }) => tenancy.revokeApiKey({ ctx, input })),

  rotateApiKey: memberProcedure(admins)
    .meta({
      returnsSecret: true,
      openapi: {
        method: "POST",
        path: "/api-keys/{apiKeyId}/rotate",
        tags: ["api keys"],
        summary: "Rotate an API key (new secret shown once)",
        description:
          "Creates a replacement with the same name, scopes, mode and expiry; the old key keeps working for " +
          "`graceHours` (default 24, 0 ends it now) so you can roll your deploys over.",
      },
    })
    .input(tenancy.RotateApiKeyInput)
    .output(ApiKeyOutput.extend({ key: z.string(), previousKeyExpiresAt: z.date() }))
    .mutation(({ ctx, input }) => tenancy.rotateApiKey({ ctx, input })),
});
