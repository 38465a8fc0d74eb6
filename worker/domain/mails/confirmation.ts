import type { Database } from "../../mechanisms/db/client.ts";
import type { Config } from "../../mechanisms/lib/config.ts";
import type { Signer } from "../../mechanisms/lib/tokens.ts";
import { envelope, linkToken } from "../../mechanisms/mail/links.ts";
import type { ComposedMail } from "../../mechanisms/mail/transport.ts";
import type { BatchDelivery } from "../../mechanisms/sending/batches.ts";
import { signerForDelivery } from "../../mechanisms/sending/delivery-id.ts";
import { hasHadLessons } from "../course/progress.ts";
import { personalise } from "./templates.ts";

/** The subject of the double opt-in mail. */
export const CONFIRM_SUBJECT = "Bevestig je inschrijving";

/**
 * The token of one signup's confirmation link, made again from reader and the signup's
 * nonce with the key the signup used: a retried confirmation mail carries the very link
 * whose hash was stored, also after a rotation.
 */
export function confirmationToken(signer: Signer, subscriberId: string, nonce: string): Promise<string> {
  return linkToken(signer, "confirm", `${subscriberId}:${nonce}`);
}

/** The double opt-in mail of the signup a confirmation delivery names (its `ref` is the signup's nonce). */
export async function composeConfirmation(cfg: Config, delivery: BatchDelivery, db: Database): Promise<ComposedMail> {
  const token = await confirmationToken(await signerForDelivery(cfg, delivery), delivery.subscriberId, delivery.ref);
  const returning = await hasHadLessons(db, delivery.subscriberId);
  const mail = personalise(returning ? "confirmation/terug" : "confirmation", {
    url: cfg.PUBLIC_URL,
    firstName: delivery.firstName ?? undefined,
    confirmToken: token,
  });
  return { ...envelope(cfg, delivery.email, CONFIRM_SUBJECT), ...mail, headers: {} };
}
