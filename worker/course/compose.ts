import type { Config } from "../config.ts";
import { envelope, footerUrls, listUnsubscribeHeaders } from "../mail/links.ts";
import type { ComposedMail } from "../mail/transport.ts";
import type { BatchDelivery } from "../sending/batches.ts";
import { personalTokens } from "../sending/delivery-id.ts";
import { personalisedMail, subjectFor } from "./lesson-mail.ts";

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
