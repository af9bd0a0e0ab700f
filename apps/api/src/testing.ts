import { catalog, startJobQueue } from "@tradecloud/core";
import {
  createTestDatabase,
  createTestTenant,
  TEST_PASSWORD,
  type TestDatabase,
  type TestTenant,
} from "@tradecloud/core/testing";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import pino from "pino";
import superjson from "superjson";
import { type AppDeps, createApp } from "./app.js";
import type { AppRouter } from "./router.js";

export { TEST_PASSWORD };

export interface TestApp {
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  destroy(): Promise<void>;
}

/** The real app on a fresh database, served in-process through app.request(). */
export async function createTestApp(overrides: Partial<AppDeps> & { jobs?: boolean } = {}): Promise<TestApp> {
  const { jobs, ...deps } = overrides;
  const database = await createTestDatabase();
  // A job queue only where a test needs one: pg-boss polls, and most suites do not queue jobs.
  const jobQueue = jobs ? await startJobQueue(database) : undefined;
  if (jobQueue) {
    await jobQueue.work<{ tenantId: string; importId: string }>("catalog.import", async ([job]) => {
      if (job) await catalog.runCatalogueImport(database.db, job.data);
    });
  }
  // No rate limits unless a test asks for them (rate-limit.test.ts): suites fire requests in bursts.
  const app = createApp({
    database,
    logger: pino({ level: "silent" }),
    rateLimits: false,
    ...(jobQueue ? { jobQueue } : {}),
    ...deps,
  });
  return {
    app,
    database,
    destroy: async () => {
      await jobQueue?.stop({ graceful: false, wait: true });
      await database.destroy();
    },
  };
}

export interface TestClientOptions {
  tenant?: string;
  apiKey?: string;
  locale?: "en" | "zh-CN";
  /** More request headers, read per request (e.g. `Idempotency-Key`). */
  headers?: () => Record<string, string>;
}

/**
 * A typed tRPC client over the in-process app. It keeps the session cookie and sends the CSRF
 * token on mutations once `me` has been read, as the portal does.
 */
export function createTestClient(app: TestApp["app"], options: TestClientOptions = {}) {
  const state: { cookie?: string; csrfToken?: string } = {};
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "http://tradecloud.test/trpc",
        transformer: superjson,
        headers: () => ({
          ...(options.tenant ? { "x-tenant": options.tenant } : {}),
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          ...(options.locale ? { "accept-language": options.locale } : {}),
          ...(state.cookie ? { cookie: state.cookie } : {}),
          ...(state.csrfToken ? { "x-csrf-token": state.csrfToken } : {}),
          ...options.headers?.(),
        }),
        fetch: async (url, init) => {
          const response = await app.request(String(url), init as RequestInit);
          const setCookie = response.headers.get("set-cookie");
          if (setCookie) state.cookie = setCookie.split(";")[0];
          return response;
        },
      }),
    ],
  });
  return { client, state };
}

/** Signs in as `email` in `tenant` and reads `me`, so the client holds cookie and CSRF token. */
export async function signedInClient(app: TestApp["app"], tenant: TestTenant, email: string) {
  const { client, state } = createTestClient(app, { tenant: tenant.slug });
  await client.auth.signIn.mutate({ tenant: tenant.slug, email, password: TEST_PASSWORD });
  const me = await client.auth.me.query();
  state.csrfToken = me.csrfToken ?? undefined;
  return { client, state, me };
}

/** The error a tRPC call failed with, for assertions; fails the test if it succeeded. */
export async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      return error as TRPCClientError<AppRouter> & {
        data: { code: string; httpStatus: number; fieldErrors?: Record<string, string[]>; requestId?: string };
      };
    }
    throw error;
  }
  throw new Error("expected the call to fail, it succeeded");
}

export { createTestTenant };
