import { database } from "../../mechanisms/db/client.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { requireMail } from "../../mechanisms/mail/index.ts";
import { enqueue } from "../../mechanisms/sending/queue.ts";
import { mailboxHash } from "./mailbox.ts";
import { requestSubscription, type Subscriber } from "./subscribers.ts";

/**
 * Sends a pending reader a fresh confirmation mail through the send queue, the way the signup
 * form does (the same per-mailbox throttle included), without recording a consent the reader
 * did not give again. False when a confirmation went to this mailbox moments ago.
 */
export async function resendConfirmation(env: Env, subscriber: Subscriber, now: number): Promise<boolean> {
  const cfg = config(env);
  requireMail(cfg);
  const { claim, requested } = await requestSubscription(
    database(env),
    cfg,
    {
      email: subscriber.email,
      voornaam: subscriber.firstName ?? undefined,
      bron: "formulier",
      ipHash: null,
      mailboxHash: await mailboxHash(cfg.TOKEN_SECRET, subscriber.email),
    },
    now,
    { newConsent: false },
  );
  if (!requested) return false;
  await enqueue(env, claim);
  return true;
}
