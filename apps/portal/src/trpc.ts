import { QueryClient } from "@tanstack/react-query";
import type { AppRouter } from "@tradecloud/api";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import i18n from "./i18n";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/** What every request carries besides the cookie: language, CSRF token, and the market before sign-in. */
export const requestState: { csrfToken: string | null; market: string | null } = { csrfToken: null, market: null };

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (count, error) => !(error instanceof TRPCClientError && error.data?.httpStatus < 500) && count < 2,
    },
  },
});

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: "/trpc",
      transformer: superjson,
      maxItems: 10,
      headers: () => ({
        "accept-language": i18n.language,
        ...(requestState.csrfToken ? { "x-csrf-token": requestState.csrfToken } : {}),
        ...(requestState.market ? { "x-tenant": requestState.market } : {}),
      }),
    }),
  ],
});

/** Field errors of a failed call (path → problems), for forms. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  if (error instanceof TRPCClientError) return (error.data?.fieldErrors as Record<string, string[]>) ?? {};
  return {};
}
