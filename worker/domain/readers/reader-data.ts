import { and, asc, eq, isNotNull, isNull, lt } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { answers, consents, deliveries, enrollments, outbox, subscribers } from "../../mechanisms/db/schema.ts";
import { lessonBySlug } from "../course/course.ts";
import { progressOf, receivedOf } from "../course/progress.ts";
import { composers } from "../mails/index.ts";
import { answerLabel, questionPrompt } from "../reflections/answers.ts";

/** Everything held about one reader, for "download my data" (the machine's file) and its readable page. */
export async function exportReaderData(db: Database, subscriberId: string) {
  const subscriber = await db.select().from(subscribers).where(eq(subscribers.id, subscriberId)).get();
  if (!subscriber) return null;
  const [consentRows, enrollment, deliveryRows, answerRows] = await Promise.all([
    db.select().from(consents).where(eq(consents.subscriberId, subscriberId)).all(),
    db.select().from(enrollments).where(eq(enrollments.subscriberId, subscriberId)).get(),
    db.select().from(deliveries).where(eq(deliveries.subscriberId, subscriberId)).orderBy(asc(deliveries.dueAt)).all(),
    db.select().from(answers).where(eq(answers.subscriberId, subscriberId)).all(),
  ]);
  const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);
  return {
    exportedAt: new Date().toISOString(),
    subscriber: {
      email: subscriber.email,
      firstName: subscriber.firstName,
      status: subscriber.status,
      createdAt: iso(subscriber.createdAt),
      confirmedAt: iso(subscriber.confirmedAt),
      unsubscribedAt: iso(subscriber.unsubscribedAt),
      newsletter: subscriber.newsletter,
    },
    consents: consentRows.map((c) => ({
      givenAt: iso(c.createdAt),
      source: c.source,
      privacyTextVersion: c.privacyVersion,
      ipAddressHash: c.ipHash,
    })),
    course: enrollment
      ? {
          state: enrollment.state,
          series: progressOf(enrollment).series?.name ?? null,
          lessonsReceived: receivedOf(enrollment).map((slug) => lessonBySlug(slug)?.title ?? slug),
          sendHour: enrollment.sendHour,
          weekday: enrollment.weekday,
          timeZone: enrollment.timeZone,
          everyWeeks: enrollment.pace,
          nextLessonAt: iso(enrollment.nextSendAt),
          pausedAt: iso(enrollment.pausedAt),
          startedAt: iso(enrollment.createdAt),
        }
      : null,
    mails: await Promise.all(
      deliveryRows.map(async (d) => ({
        kind: d.kind,
        subject: await composers[d.kind].subject(d.ref, db),
        dueAt: iso(d.dueAt),
      })),
    ),
    answers: answerRows.map((a) => ({
      question: questionPrompt(a.questionId),
      answer: answerLabel(a.questionId, a.answerKey),
      yourWords: a.note,
      sharedWithAuthor: a.shareNote,
      answeredAt: iso(a.createdAt),
      changedAt: iso(a.updatedAt),
    })),
  };
}

/** What `exportReaderData` finds about a reader who is there. */
export type ReaderData = NonNullable<Awaited<ReturnType<typeof exportReaderData>>>;

/**
 * Erases a reader: their row with consents, course and answers (by cascade),
 * their deliveries and any outbox copies. A suppressed address survives only
 * as the hash already kept in `suppressions`.
 */
export async function deleteReader(db: Database, subscriberId: string): Promise<boolean> {
  const subscriber = await db
    .select({ email: subscribers.email })
    .from(subscribers)
    .where(eq(subscribers.id, subscriberId))
    .get();
  if (!subscriber) return false;
  await db.batch([
    db.delete(deliveries).where(eq(deliveries.subscriberId, subscriberId)),
    db.delete(outbox).where(eq(outbox.to, subscriber.email)),
    db.delete(subscribers).where(eq(subscribers.id, subscriberId)),
  ]);
  return true;
}

/**
 * Unconfirmed signups whose link has expired: a new address is deleted with
 * its consent record; a former reader who signed up again but did not confirm
 * goes back to unsubscribed.
 */
export async function clearUnconfirmed(db: Database, now: number): Promise<void> {
  const expired = and(eq(subscribers.status, "pending"), lt(subscribers.confirmExpiresAt, now));
  await db.batch([
    db.delete(subscribers).where(and(expired, isNull(subscribers.confirmedAt))),
    db
      .update(subscribers)
      .set({ status: "unsubscribed", confirmTokenHash: null })
      .where(and(expired, isNotNull(subscribers.confirmedAt))),
  ]);
}
