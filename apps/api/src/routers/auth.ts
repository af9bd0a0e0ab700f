import { tenancy } from "@tradecloud/core";
import { z } from "zod";
import { clearedSessionCookie, sessionCookie } from "../cookies.js";
import { marketProcedure, router, userProcedure } from "../trpc.js";

const MeOutput = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), locale: z.enum(["zh-CN", "en"]) }),
  tenant: z.object({
    id: z.string(),
    slug: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    defaultCurrency: z.string(),
  }),
  organisations: z.array(
    z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), kinds: z.array(z.string()), role: z.string() }),
  ),
  activeOrganisationId: z.string().nullable(),
  /** Echo it in the x-csrf-token header on every cookie-authenticated mutation. */
  csrfToken: z.string().nullable(),
});

const isSecure = (headers: Headers) => headers.get("x-forwarded-proto") === "https";

// Portal sign-in: sessions are for people in a browser; integrations use API keys.
export const authRouter = router({
  signIn: marketProcedure
    .input(tenancy.SignInInput.extend({ tenant: tenancy.TenantSlugSchema }))
    .mutation(async ({ ctx, input }) => {
      const signedIn = await tenancy.signIn({ ctx, input });
      ctx.resHeaders.append("set-cookie", sessionCookie(signedIn.token, signedIn.expiresAt, isSecure(ctx.headers)));
      return { expiresAt: signedIn.expiresAt };
    }),

  signOut: userProcedure.mutation(async ({ ctx }) => {
    if (ctx.session) await tenancy.signOut({ ctx, input: { sessionId: ctx.session.id } });
    ctx.resHeaders.append("set-cookie", clearedSessionCookie(isSecure(ctx.headers)));
    return { ok: true };
  }),

  me: userProcedure.output(MeOutput).query(async ({ ctx }) => ({
    ...(await tenancy.getMe(ctx)),
    csrfToken: ctx.session?.csrfToken ?? null,
  })),

  switchOrganisation: userProcedure.input(tenancy.SwitchOrganisationInput).mutation(async ({ ctx, input }) => {
    if (!ctx.session) return { ok: false };
    await tenancy.switchOrganisation({ ctx, input: { ...input, sessionId: ctx.session.id } });
    return { ok: true };
  }),
});
