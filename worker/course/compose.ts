import type { Config } from "../config.ts";
import { envelope, footerUrls, linkToken, listUnsubscribeHeaders, readerTokens } from "../mail/links.ts";
import type { OutgoingMail } from "../mail/transport.ts";
import type { BatchDelivery } from "../sending/batches.ts";
import { answerScope } from "./claim.ts";
import { personalisedMail, subjectFor } from "./lesson-mail.ts";

/** The reader's three link tokens for one delivery. */
export async function personalTokens(cfg: Config, delivery: Pick<BatchDelivery, "subscriberId" | "lessonSlug">) {
  const [answerToken, tokens] = await Promise.all([
    linkToken(cfg, "answer", answerScope(delivery.subscriberId, delivery.lessonSlug)),
    readerTokens(cfg, delivery.subscriberId),
  ]);
  return { answerToken, ...tokens };
}

/** A lesson or the closing mail, addressed to one reader, with their own links. */
export async function composeCourseMail(cfg: Config, delivery: BatchDelivery): Promise<OutgoingMail> {
  const tokens = await personalTokens(cfg, delivery);
  const { html, text } = await personalisedMail(cfg, delivery.lessonSlug, {
    firstName: delivery.firstName ?? undefined,
    ...tokens,
  });
  return {
    ...envelope(cfg, delivery.email, subjectFor(delivery.lessonSlug)),
    html,
    text,
    headers: listUnsubscribeHeaders(footerUrls(cfg, tokens).unsubscribeUrl),
    idempotencyKey: `delivery/${delivery.id}`,
  };
}
