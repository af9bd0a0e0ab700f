import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { authRouter } from "./routers/auth.js";
import { catalogRouter } from "./routers/catalog.js";
import { matchingRouter } from "./routers/matching.js";
import { tenancyRouter } from "./routers/tenancy.js";
import { webhooksRouter } from "./routers/webhooks.js";
import { router } from "./trpc.js";

/** One router per domain module; the same procedures serve tRPC and REST. */
export const appRouter = router({
  auth: authRouter,
  tenancy: tenancyRouter,
  catalog: catalogRouter,
  matching: matchingRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
