import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id floor (19 MiB, 2 passes); @node-rs/argon2 defaults to argon2id.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Verified against when the email is unknown, so a miss costs the same time as a wrong password. */
export const dummyPasswordHash = (): Promise<string> => {
  dummyHash ??= hashPassword("not-a-real-password-only-for-timing");
  return dummyHash;
};
