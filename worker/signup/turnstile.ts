const SITEVERIFY = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

/** The widget's script origin, allowed by the signup page's CSP only while Turnstile is on. */
export const TURNSTILE_ORIGIN = "https://challenges.cloudflare.com";

/**
 * Asks Cloudflare whether a Turnstile token is genuine. A missing token, a
 * refusal or an unreachable siteverify all count as not verified.
 */
export async function verifyTurnstile(secret: string, token: string | undefined, ip: string | undefined): Promise<boolean> {
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
