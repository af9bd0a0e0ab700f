import { serialize } from "hono/utils/cookie";
import { SESSION_COOKIE } from "./trpc.js";

/** The session cookie: httpOnly (scripts never see it), SameSite=Lax, Secure behind HTTPS. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: "/",
    expires: expiresAt,
  });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, "", { httpOnly: true, sameSite: "Lax", secure, path: "/", maxAge: 0 });
}
