import { resolve } from "node:path";
import { z } from "zod";

/** The environment, read and checked once. */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  TRADECLOUD_DATA_DIR: z.string().default("./.data"),
});

export type CoreEnv = z.infer<typeof EnvSchema>;

export function readCoreEnv(env: NodeJS.ProcessEnv = process.env): CoreEnv {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  // npm runs workspace scripts inside the workspace; a relative data directory means the one
  // where the command was typed (INIT_CWD), so `npm start` and `npm run seed` share it.
  return {
    ...parsed.data,
    TRADECLOUD_DATA_DIR: resolve(env.INIT_CWD ?? process.cwd(), parsed.data.TRADECLOUD_DATA_DIR),
  };
}
