import type { Config } from "../config.ts";
import type { deliveries } from "../db/schema.ts";
import { hashToken } from "../lib/tokens.ts";
import { linkToken, readerTokens } from "../mail/links.ts";

/** What a delivery is: one kind of mail, of one thing (`ref`), for one reader. */
export type DeliveryKey = Pick<typeof deliveries.$inferSelect, "kind" | "subscriberId" | "ref"> &
  Partial<Pick<typeof deliveries.$inferSelect, "round">>;

/**
 * The scope of a delivery's own link token. Lessons and the closing mail keep the scope
 * they had before there were kinds (reader and slug), so their ids, and the answer links
 * in mails already sent, stay what they were; slugs never hold a "/" or "#", so the scopes of
 * other kinds and of later rounds never meet theirs.
 */
function scope({ kind, subscriberId, ref, round }: DeliveryKey): string {
  const again = round && round > 1 ? `#${round}` : "";
  return kind === "lesson" || kind === "closing" ? `${subscriberId}:${ref}${again}` : `${subscriberId}:${kind}/${ref}`;
}

/** The delivery's own link token: the reader's answer link when the mail asks a question. */
export function deliveryToken(cfg: Config, delivery: DeliveryKey): Promise<string> {
  return linkToken(cfg, "answer", scope(delivery));
}

/** The delivery's id: the hash of its token, so a second claim of the same mail conflicts and an answer link finds it. */
export async function deliveryId(cfg: Config, delivery: DeliveryKey): Promise<string> {
  return hashToken(await deliveryToken(cfg, delivery));
}

/** A reader's link tokens for one delivery: its answer link's, and their own two for the footer. */
export async function personalTokens(cfg: Config, delivery: DeliveryKey) {
  const [answerToken, tokens] = await Promise.all([
    deliveryToken(cfg, delivery),
    readerTokens(cfg, delivery.subscriberId),
  ]);
  return { answerToken, ...tokens };
}
