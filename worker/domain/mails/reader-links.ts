import type { Config } from "../../mechanisms/lib/config.ts";
import { envelope, footerUrls, listUnsubscribeHeaders } from "../../mechanisms/mail/links.ts";
import type { ComposedMail } from "../../mechanisms/mail/transport.ts";
import type { BatchDelivery } from "../../mechanisms/sending/batches.ts";
import { personalTokens } from "../../mechanisms/sending/delivery-id.ts";
import { personalise } from "./templates.ts";

/** The subject of the mail a subscribed reader gets when she signs up again. */
export const READER_LINKS_SUBJECT = "Je eigen links voor Rust en richting";

/** A subscribed reader's own links, for her page, her journal and leaving: the answer to signing up again. */
export async function composeReaderLinks(cfg: Config, delivery: BatchDelivery): Promise<ComposedMail> {
  const tokens = await personalTokens(cfg, delivery);
  const mail = personalise("links", { url: cfg.PUBLIC_URL, firstName: delivery.firstName ?? undefined, ...tokens });
  return {
    ...envelope(cfg, delivery.email, READER_LINKS_SUBJECT),
    ...mail,
    headers: listUnsubscribeHeaders(footerUrls(cfg, tokens).unsubscribeUrl),
  };
}
