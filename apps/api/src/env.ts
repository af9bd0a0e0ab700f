import { z } from "zod";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Origins allowed to make cookie-authenticated requests, comma-separated; same-origin always is. */
  TRADECLOUD_ALLOWED_ORIGINS: z.string().default(""),
  /** Seed the demo markets into an empty database at start. */
  TRADECLOUD_SEED: z.enum(["auto", "never"]).default("auto"),
  NODE_ENV: z.string().default("development"),
  /** How often the outbox relay looks for new events to deliver as webhooks, in ms. */
  TRADECLOUD_OUTBOX_RELAY_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Rate limits on /trpc and /api/v1 (rate-limit.ts has the reasons for the defaults); `off` disables them. */
  TRADECLOUD_RATE_LIMITS: z.enum(["on", "off"]).default("on"),
  /** Requests an API key may make at once, and its refill per second. */
  TRADECLOUD_RATE_LIMIT_KEY_BURST: z.coerce.number().int().min(1).default(100),
  TRADECLOUD_RATE_LIMIT_KEY_PER_SECOND: z.coerce.number().positive().default(20),
  /** Requests one client address may make at once, and its refill per second. */
  TRADECLOUD_RATE_LIMIT_IP_BURST: z.coerce.number().int().min(1).default(300),
  TRADECLOUD_RATE_LIMIT_IP_PER_SECOND: z.coerce.number().positive().default(50),
  /**
   * How many proxies in front of the API append to X-Forwarded-For. 0 (default): the client is the
   * connection's peer and the header is ignored, since anyone can send it.
   */
  TRADECLOUD_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
});

export type ApiEnv = z.infer<typeof EnvSchema>;

/** The API's environment, read and checked once at start. */
export function readApiEnv(env: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}
