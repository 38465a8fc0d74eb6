import { createElement } from "react";
import { ConfirmEmail } from "../../emails/confirm-email.tsx";
import { config } from "../config.ts";
import { database } from "../db/client.ts";
import { mailTransport } from "../mail/index.ts";
import { envelope } from "../mail/links.ts";
import { renderMail } from "../mail/render.ts";
import { mailboxHash } from "../signup/mailbox.ts";
import { requestSubscription, type Subscriber } from "../signup/subscribers.ts";
import { releaseConfirmationSlot } from "../signup/throttle.ts";

/**
 * Sends a pending reader a fresh confirmation mail, the way the signup form does (the same
 * per-mailbox throttle included). False when a confirmation went to this mailbox moments ago.
 */
export async function resendConfirmation(env: Env, subscriber: Subscriber, now: number): Promise<boolean> {
  const cfg = config(env);
  const db = database(env);
  const mailbox = await mailboxHash(cfg.TOKEN_SECRET, subscriber.email);
  const pending = await requestSubscription(
    db,
    cfg,
    {
      email: subscriber.email,
      voornaam: subscriber.firstName ?? undefined,
      bron: "formulier",
      ipHash: null,
      mailboxHash: mailbox,
    },
    now,
  );
  if (!pending) return false;
  const mail = await renderMail(
    createElement(ConfirmEmail, {
      firstName: pending.subscriber.firstName ?? undefined,
      confirmUrl: `${cfg.PUBLIC_URL}/bevestig/${pending.confirmToken}`,
    }),
  );
  try {
    await mailTransport(env).send({
      ...envelope(cfg, subscriber.email, "Bevestig je inschrijving"),
      ...mail,
      headers: {},
      idempotencyKey: `confirm/${subscriber.id}/${now}`,
    });
  } catch (error) {
    await releaseConfirmationSlot(db, mailbox);
    throw error;
  }
  return true;
}
