import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A URL-safe random token of `bytes` random bytes. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString("base64url");

/** For long random secrets (session tokens, API keys) a plain SHA-256 is enough; passwords use argon2. */
export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
