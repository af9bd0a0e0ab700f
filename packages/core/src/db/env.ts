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
  return parsed.data;
}
