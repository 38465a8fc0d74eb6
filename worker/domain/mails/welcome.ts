import type { Database } from "../../mechanisms/db/client.ts";
import type { Config } from "../../mechanisms/lib/config.ts";
import { envelope, footerUrls, listUnsubscribeHeaders } from "../../mechanisms/mail/links.ts";
import type { ComposedMail } from "../../mechanisms/mail/transport.ts";
import type { BatchDelivery } from "../../mechanisms/sending/batches.ts";
import { personalTokens } from "../../mechanisms/sending/delivery-id.ts";
import { hadLessonsBeforeConfirming } from "../course/progress.ts";
import { readerRhythm, rhythmWords, SAMPLE_RHYTHM } from "../course/rhythm-words.ts";
import { personalise } from "./templates.ts";

/** The subject of the mail that welcomes a reader who just confirmed. */
export const WELCOME_SUBJECT = "Welkom bij Rust en richting";

/** The welcome mail, with the reader's own footer links, from its template. */
export async function composeWelcome(cfg: Config, delivery: BatchDelivery, db: Database): Promise<ComposedMail> {
  const tokens = await personalTokens(cfg, delivery);
  const [returning, rhythm] = await Promise.all([
    hadLessonsBeforeConfirming(db, delivery.subscriberId),
    readerRhythm(db, delivery.subscriberId),
  ]);
  const mail = personalise(returning ? "welcome/terug" : "welcome", {
    url: cfg.PUBLIC_URL,
    firstName: delivery.firstName ?? undefined,
    rhythm: rhythmWords(rhythm ?? SAMPLE_RHYTHM),
    ...tokens,
  });
  return {
    ...envelope(cfg, delivery.email, WELCOME_SUBJECT),
    ...mail,
    headers: listUnsubscribeHeaders(footerUrls(cfg, tokens).unsubscribeUrl),
  };
}
