import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { config } from "../config.ts";
import { constantTimeEqual, sha256 } from "../lib/tokens.ts";
import { verifyAccessJwt } from "./access-jwt.ts";

const COOKIE = "beheer";
const SESSION_MS = 12 * 3_600_000;

/** Compares the typed password with ADMIN_PASSWORD in constant time (both hashed first, so length says nothing). */
export async function passwordMatches(env: Env, typed: string): Promise<boolean> {
  const expected = config(env).ADMIN_PASSWORD;
  if (!expected) return false;
  return constantTimeEqual(await sha256(typed), await sha256(expected));
}

/** Starts a signed session: HttpOnly, Secure, SameSite=Strict, only sent to /beheer. */
export async function startSession(c: Context<{ Bindings: Env }>, now: number): Promise<void> {
  await setSignedCookie(c, COOKIE, String(now + SESSION_MS), config(c.env).TOKEN_SECRET, {
    path: "/beheer",
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    maxAge: SESSION_MS / 1000,
  });
}

export function endSession(c: Context<{ Bindings: Env }>): void {
  deleteCookie(c, COOKIE, { path: "/beheer", secure: true });
}

/** Who may see /beheer: a valid Cloudflare Access JWT when Access is configured, else a valid session cookie. */
export async function isAuthor(c: Context<{ Bindings: Env }>, now: number): Promise<boolean> {
  const cfg = config(c.env);
  if (cfg.ACCESS_TEAM_DOMAIN && cfg.ACCESS_AUD) {
    const jwt = c.req.header("cf-access-jwt-assertion");
    return jwt ? verifyAccessJwt(jwt, cfg.ACCESS_TEAM_DOMAIN, cfg.ACCESS_AUD, now) : false;
  }
  const expires = await getSignedCookie(c, cfg.TOKEN_SECRET, COOKIE);
  return typeof expires === "string" && Number(expires) > now;
}

/** Lets only the author through; everyone else is sent to the login page. */
export const requireAuthor: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  if (!(await isAuthor(c, Date.now()))) return c.redirect("/beheer/inloggen", 303);
  await next();
};
