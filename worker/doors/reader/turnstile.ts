import type { Config } from "../../mechanisms/lib/config.ts";

const SITEVERIFY = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

/** The widget's script origin, allowed by the signup page's CSP only while Turnstile is on. */
export const TURNSTILE_ORIGIN = "https://challenges.cloudflare.com";

/** Turnstile is on only when both keys are configured: then the widget shows, the CSP allows it and signups need it. */
export function turnstileKeys(cfg: Config): { siteKey: string; secretKey: string } | null {
  return cfg.TURNSTILE_SITE_KEY && cfg.TURNSTILE_SECRET_KEY
    ? { siteKey: cfg.TURNSTILE_SITE_KEY, secretKey: cfg.TURNSTILE_SECRET_KEY }
    : null;
}

/**
 * Asks Cloudflare whether a Turnstile token is genuine. A missing token, a
 * refusal or an unreachable siteverify all count as not verified.
 */
export async function verifyTurnstile(
  secret: string,
  token: string | undefined,
  ip: string | undefined,
): Promise<boolean> {
  if (!token || token.length > 2048) return false;
  const body = new URLSearchParams({ secret, response: token });
  if (ip) body.set("remoteip", ip);
  try {
    const response = await fetch(SITEVERIFY, { method: "POST", body, signal: AbortSignal.timeout(5000) });
    const result = (await response.json()) as { success?: boolean };
    return result.success === true;
  } catch {
    return false;
  }
}
