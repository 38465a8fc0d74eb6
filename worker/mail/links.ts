import type { Config } from "../config.ts";
import { deriveToken } from "../lib/tokens.ts";
import type { OutgoingMail } from "./transport.ts";

/** The link purposes; a token made for one is worthless for another. */
export type LinkPurpose = "unsubscribe" | "preferences" | "answer" | "confirm";

export function linkToken(cfg: Config, purpose: LinkPurpose, scope: string): Promise<string> {
  return deriveToken(cfg.TOKEN_SECRET, purpose, scope);
}

/** A reader's own two tokens: the same in every mail they get. */
export type ReaderTokens = { unsubscribeToken: string; preferencesToken: string };

export async function readerTokens(cfg: Config, subscriberId: string): Promise<ReaderTokens> {
  const [unsubscribeToken, preferencesToken] = await Promise.all([
    linkToken(cfg, "unsubscribe", subscriberId),
    linkToken(cfg, "preferences", subscriberId),
  ]);
  return { unsubscribeToken, preferencesToken };
}

/** The links every mail to a subscriber carries at its foot; the help page is the same for everyone. */
export function footerUrls(cfg: Config, tokens: ReaderTokens) {
  return {
    unsubscribeUrl: `${cfg.PUBLIC_URL}/afmelden/${tokens.unsubscribeToken}`,
    preferencesUrl: `${cfg.PUBLIC_URL}/voorkeuren/${tokens.preferencesToken}`,
    helpUrl: `${cfg.PUBLIC_URL}/hulp`,
  };
}

/** Who a mail is from and to, with a subject that cannot break a header. */
export function envelope(
  cfg: Config,
  to: string,
  subject: string,
): Pick<OutgoingMail, "to" | "from" | "replyTo" | "subject"> {
  return {
    to,
    from: cfg.MAIL_FROM,
    ...(cfg.MAIL_REPLY_TO ? { replyTo: cfg.MAIL_REPLY_TO } : {}),
    subject: headerSafe(subject),
  };
}

/** RFC 8058 one-click unsubscribe headers (and RFC 2369's List-Unsubscribe). */
export function listUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/** Subjects and names never carry a line break into a mail header. */
function headerSafe(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, " ").trim();
}
