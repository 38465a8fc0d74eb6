import type { Config } from "../config.ts";
import { envelope, footerUrls, listUnsubscribeHeaders, readerTokens } from "../mail/links.ts";
import type { ComposedMail } from "../mail/transport.ts";
import type { BatchDelivery } from "../sending/batches.ts";
import { type DeliveryKey, deliveryToken } from "../sending/delivery-id.ts";
import { personalisedMail, subjectFor } from "./lesson-mail.ts";

/** The reader's three link tokens for one course delivery. */
export async function personalTokens(cfg: Config, delivery: DeliveryKey) {
  const [answerToken, tokens] = await Promise.all([
    deliveryToken(cfg, delivery),
    readerTokens(cfg, delivery.subscriberId),
  ]);
  return { answerToken, ...tokens };
}

/** A lesson or the closing mail, addressed to one reader, with their own links. */
export async function composeCourseMail(cfg: Config, delivery: BatchDelivery): Promise<ComposedMail> {
  const tokens = await personalTokens(cfg, delivery);
  const { html, text } = await personalisedMail(cfg, delivery.ref, {
    firstName: delivery.firstName ?? undefined,
    ...tokens,
  });
  return {
    ...envelope(cfg, delivery.email, subjectFor(delivery.ref)),
    html,
    text,
    headers: listUnsubscribeHeaders(footerUrls(cfg, tokens).unsubscribeUrl),
  };
}
