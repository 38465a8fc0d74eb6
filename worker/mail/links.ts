import type { Config } from "../config.ts";
import { deriveToken } from "../lib/tokens.ts";

/** The link purposes; a token made for one is worthless for another. */
export type LinkPurpose = "unsubscribe" | "preferences" | "answer";

export function linkToken(cfg: Config, purpose: LinkPurpose, scope: string): Promise<string> {
  return deriveToken(cfg.TOKEN_SECRET, purpose, scope);
}

/** The links every mail to a subscriber carries at its foot. */
export async function readerLinks(cfg: Config, subscriberId: string) {
  const [unsubscribe, preferences] = await Promise.all([linkToken(cfg, "unsubscribe", subscriberId), linkToken(cfg, "preferences", subscriberId)]);
  return { unsubscribeUrl: `${cfg.PUBLIC_URL}/afmelden/${unsubscribe}`, preferencesUrl: `${cfg.PUBLIC_URL}/voorkeuren/${preferences}` };
}

/** RFC 8058 one-click unsubscribe headers (and RFC 2369's List-Unsubscribe). */
export function listUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/** Subjects and names never carry a line break into a mail header. */
export function headerSafe(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, " ").trim();
}
