import type { Config } from "../config.ts";
import { hadLessonsBeforeConfirming } from "../course/progress.ts";
import type { Database } from "../db/client.ts";
import { envelope, footerUrls, listUnsubscribeHeaders } from "../mail/links.ts";
import { personalise } from "../mail/personalise.ts";
import type { ComposedMail } from "../mail/transport.ts";
import type { BatchDelivery } from "../sending/batches.ts";
import { personalTokens } from "../sending/delivery-id.ts";

/** The subject of the mail that welcomes a reader who just confirmed. */
export const WELCOME_SUBJECT = "Welkom bij Rust en richting";

/** The welcome mail, with the reader's own footer links, from its template. */
export async function composeWelcome(cfg: Config, delivery: BatchDelivery, db: Database): Promise<ComposedMail> {
  const tokens = await personalTokens(cfg, delivery);
  const mail = personalise(
    (await hadLessonsBeforeConfirming(db, delivery.subscriberId)) ? "welcome/terug" : "welcome",
    { url: cfg.PUBLIC_URL, firstName: delivery.firstName ?? undefined, ...tokens },
  );
  return {
    ...envelope(cfg, delivery.email, WELCOME_SUBJECT),
    ...mail,
    headers: listUnsubscribeHeaders(footerUrls(cfg, tokens).unsubscribeUrl),
  };
}
