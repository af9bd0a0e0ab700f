import type { AppRouter, RouterInputs, RouterOutputs } from "@tradecloud/api";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";

export type { AppRouter, RouterInputs, RouterOutputs };

export interface TradecloudClientOptions {
  /** Where the API runs, e.g. `https://yiwu.tradecloud.example`. */
  baseUrl: string;
  /** An API key: `tc_live_…` or `tc_test_…`. It also decides the market. */
  apiKey: string;
  /** Language of error messages: `en` (default) or `zh-CN`. */
  locale?: "en" | "zh-CN";
  fetch?: typeof fetch;
}

/** A client typed end to end from the API's router. */
export function createTradecloudClient(options: TradecloudClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${options.baseUrl.replace(/\/$/, "")}/trpc`,
        transformer: superjson,
        headers: () => ({ authorization: `Bearer ${options.apiKey}`, "accept-language": options.locale ?? "en" }),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
}
