import type { Config } from "../lib/config.ts";
import { hashToken, provingToken, randomToken, type Signer, signerOf, storedToken } from "../lib/tokens.ts";
import type { OutgoingMail } from "./transport.ts";

/** Every key whose links are still accepted: the current one (TOKEN_SECRET) first, then TOKEN_SECRET_PREVIOUS. */
export function acceptedSecrets(cfg: Config): string[] {
  return [cfg.TOKEN_SECRET, ...cfg.TOKEN_SECRET_PREVIOUS];
}

/** The signer of new links: the current key. */
export function currentSigner(cfg: Config): Promise<Signer> {
  return signerOf(cfg.TOKEN_SECRET);
}

/** A token of a link found by its stored hash: an answer or a confirmation. */
export function linkToken(signer: Signer, purpose: "answer" | "confirm", scope: string): Promise<string> {
  return storedToken(signer, purpose, scope);
}

/** A reader's own two tokens: the same in every mail made with one key. */
export type ReaderTokens = { unsubscribeToken: string; preferencesToken: string };

/** The reader's own tokens; they prove themselves (see `provingToken`), so nothing is stored for them. */
export async function readerTokens(signer: Signer, subscriberId: string): Promise<ReaderTokens> {
  const [unsubscribeToken, preferencesToken] = await Promise.all([
    provingToken(signer, "unsubscribe", subscriberId),
    provingToken(signer, "preferences", subscriberId),
  ]);
  return { unsubscribeToken, preferencesToken };
}

/**
 * What a new reader's unsubscribe and preferences hash columns hold: hashes of tokens nobody
 * has. Those columns find only the bare links mailed before key ids; a new reader's links
 * prove themselves, so a dropped key cannot make them again.
 */
export async function unusedLinkHashes() {
  const [unsubscribeTokenHash, preferencesTokenHash] = await Promise.all([
    hashToken(randomToken()),
    hashToken(randomToken()),
  ]);
  return { unsubscribeTokenHash, preferencesTokenHash };
}

/** The links every mail to a subscriber carries at its foot; the help page and the privacy statement are the same for everyone. */
export function footerUrls(cfg: Config, tokens: ReaderTokens) {
  return {
    unsubscribeUrl: `${cfg.PUBLIC_URL}/afmelden/${tokens.unsubscribeToken}`,
    preferencesUrl: `${cfg.PUBLIC_URL}/voorkeuren/${tokens.preferencesToken}`,
    helpUrl: `${cfg.PUBLIC_URL}/hulp`,
    privacyUrl: privacyUrl(cfg),
  };
}

/** The privacy statement, linked from every mail, the confirmation too. */
export function privacyUrl(cfg: Pick<Config, "PUBLIC_URL">): string {
  return `${cfg.PUBLIC_URL}/privacy`;
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
