import { createElement } from "react";
import { WelcomeEmail } from "../../emails/welcome-email.tsx";
import type { Config } from "../config.ts";
import { envelope, footerUrls, listUnsubscribeHeaders } from "../mail/links.ts";
import { renderMail } from "../mail/render.ts";
import type { ComposedMail } from "../mail/transport.ts";
import type { BatchDelivery } from "../sending/batches.ts";
import { personalTokens } from "../sending/delivery-id.ts";

/** The subject of the mail that welcomes a reader who just confirmed. */
export const WELCOME_SUBJECT = "Welkom bij Rust en richting";

/** The welcome mail, with the reader's own footer links. */
export async function composeWelcome(cfg: Config, delivery: BatchDelivery): Promise<ComposedMail> {
  const links = footerUrls(cfg, await personalTokens(cfg, delivery));
  const mail = await renderMail(createElement(WelcomeEmail, { firstName: delivery.firstName ?? undefined, ...links }));
  return {
    ...envelope(cfg, delivery.email, WELCOME_SUBJECT),
    ...mail,
    headers: listUnsubscribeHeaders(links.unsubscribeUrl),
  };
}
