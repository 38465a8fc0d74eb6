import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { database } from "../../mechanisms/db/client.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { constantTimeEqual, sha256 } from "../../mechanisms/lib/tokens.ts";
import { verifyAccessJwt } from "./access-jwt.ts";
import { closeAllSessions, closeSession, openSession, SESSION_MS, sessionIsOpen } from "./sessions.ts";

const COOKIE = "beheer";

/** Compares the typed password with ADMIN_PASSWORD in constant time (both hashed first, so length says nothing). */
export async function passwordMatches(env: Env, typed: string): Promise<boolean> {
  const expected = config(env).ADMIN_PASSWORD;
  if (!expected) return false;
  return constantTimeEqual(await sha256(typed), await sha256(expected));
}

/**
 * Starts a session: a random token kept (hashed) in D1, in a cookie signed with SESSION_SECRET,
 * never with the readers' TOKEN_SECRET; HttpOnly, Secure, SameSite=Strict, only sent to /beheer.
 */
export async function startSession(c: Context<{ Bindings: Env }>, now: number): Promise<void> {
  const token = await openSession(database(c.env), now);
  await setSignedCookie(c, COOKIE, token, config(c.env).SESSION_SECRET, {
    path: "/beheer",
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    maxAge: SESSION_MS / 1000,
  });
}

/** The session token of this request's cookie, if its signature holds. */
async function sessionToken(c: Context<{ Bindings: Env }>): Promise<string | null> {
  const token = await getSignedCookie(c, config(c.env).SESSION_SECRET, COOKIE);
  return typeof token === "string" && token ? token : null;
}

/** Logs out: the session ends on the server, so a copy of the cookie opens nothing either. */
export async function endSession(c: Context<{ Bindings: Env }>): Promise<void> {
  const token = await sessionToken(c);
  if (token) await closeSession(database(c.env), token);
  deleteCookie(c, COOKIE, { path: "/beheer", secure: true });
}

/** Logs out everywhere: every session ends, on every device. */
export async function endAllSessions(c: Context<{ Bindings: Env }>): Promise<void> {
  await closeAllSessions(database(c.env));
  deleteCookie(c, COOKIE, { path: "/beheer", secure: true });
}

/**
 * Why the password form cannot let her in, in Dutch, or null when it can: Cloudflare Access
 * guards /beheer instead, or no ADMIN_PASSWORD is set at all (then every password would be "wrong").
 */
export function passwordLoginClosed(env: Env): string | null {
  const cfg = config(env);
  if (cfg.ACCESS_TEAM_DOMAIN && cfg.ACCESS_AUD)
    return "Je beheer is beveiligd met Cloudflare Access: je logt in via Access, niet met een wachtwoord. Open /beheer en Access vraagt je wie je bent.";
  if (!cfg.ADMIN_PASSWORD)
    return "Er is nog geen wachtwoord ingesteld (ADMIN_PASSWORD), dus inloggen kan nog niet. Op je eigen computer zet npm run dev er een in .dev.vars en laat het zien; online zet je het met wrangler secret put ADMIN_PASSWORD --env production.";
  return null;
}

/** Who may see /beheer: a valid Cloudflare Access JWT when Access is configured, else an open session. */
export async function isAuthor(c: Context<{ Bindings: Env }>, now: number): Promise<boolean> {
  const cfg = config(c.env);
  if (cfg.ACCESS_TEAM_DOMAIN && cfg.ACCESS_AUD) {
    const jwt = c.req.header("cf-access-jwt-assertion");
    return jwt ? verifyAccessJwt(jwt, cfg.ACCESS_TEAM_DOMAIN, cfg.ACCESS_AUD, now) : false;
  }
  const token = await sessionToken(c);
  return token !== null && (await sessionIsOpen(database(c.env), token, now));
}

/** Lets only the author through; everyone else is sent to the login page. */
export const requireAuthor: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  if (!(await isAuthor(c, Date.now()))) return c.redirect("/beheer/inloggen", 303);
  await next();
};
