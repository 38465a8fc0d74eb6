import type { Database } from "../../mechanisms/db/client.ts";
import type { Config } from "../../mechanisms/lib/config.ts";
import { insertBatch } from "../../mechanisms/sending/batches.ts";
import { enqueue } from "../../mechanisms/sending/queue.ts";
import { claimDue, enrollStatement, restartStatement } from "../course/claim.ts";
import { progressOf, receivedOf } from "../course/progress.ts";
import { mailboxHash } from "./mailbox.ts";
import { type Enrollment, findEnrollment } from "./preferences.ts";
import { confirmStatement, findByConfirmToken, type Subscriber } from "./subscribers.ts";
import { releaseConfirmationSlot } from "./throttle.ts";

/**
 * Where a confirmation link stands: unknown, expired or another's; used already by a reader who
 * is subscribed; or waiting, with the lessons of a reader who had some before (`returning`).
 */
export type ConfirmLink =
  | { state: "invalid" }
  | { state: "confirmed"; subscriberId: string }
  | { state: "pending"; subscriber: Subscriber; returning: Enrollment | null };

/** What a returning reader chose: go on where they were, or begin again at lesson 1. */
export type ReturnChoice = "verder" | "opnieuw";

/** What comes next for a reader who just confirmed: a first lesson, their next one, lesson 1 again, or only the newsletter. */
export type AfterConfirming = "new" | ReturnChoice | "finished";

/** Looks up a confirmation link without changing anything (a scanner's GET may do this). */
export async function confirmLink(db: Database, cfg: Config, token: string, now: number): Promise<ConfirmLink> {
  const subscriber = await findByConfirmToken(db, cfg, token, now);
  if (subscriber?.status === "active") return { state: "confirmed", subscriberId: subscriber.id };
  if (subscriber?.status !== "pending") return { state: "invalid" };
  const enrollment = await findEnrollment(db, subscriber.id);
  return {
    state: "pending",
    subscriber,
    returning: enrollment && receivedOf(enrollment).length > 0 ? enrollment : null,
  };
}

/**
 * Confirms a pending reader: marks them active, enrols them (beginning their series again if a
 * returning reader chose so) and claims the welcome, all in one D1 batch, so the welcome is claimed
 * once per signup however often the button is pressed. The first to get through then frees the
 * mailbox's signup throttle and queues the welcome and lesson 1; should lesson 1 fail here, the
 * next cron run claims it, as it is due now.
 */
export async function confirmSubscription(
  env: Env,
  db: Database,
  cfg: Config,
  link: Extract<ConfirmLink, { state: "pending" }>,
  choice: ReturnChoice,
  now: number,
): Promise<AfterConfirming> {
  const { subscriber, returning } = link;
  const restart = returning && choice === "opnieuw" ? [restartStatement(db, returning, now)] : [];
  const welcome = await insertBatch(
    db,
    cfg,
    [{ subscriberId: subscriber.id, kind: "welcome", ref: subscriber.confirmTokenHash!, dueAt: now }],
    now,
    [confirmStatement(db, subscriber.id, now), enrollStatement(db, subscriber.id, now), ...restart],
  );
  if (welcome.deliveryIds.length > 0) {
    await releaseConfirmationSlot(db, await mailboxHash(cfg.TOKEN_SECRET, subscriber.email));
    await enqueue(env, welcome);
    const lesson = await claimDue(db, cfg, now, { subscriberId: subscriber.id });
    if (lesson) await enqueue(env, lesson);
  }
  if (!returning) return "new";
  return choice === "opnieuw" ? "opnieuw" : progressOf(returning).finished ? "finished" : "verder";
}
