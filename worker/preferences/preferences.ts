import { eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { enrollments, subscribers } from "../db/schema.ts";
import { amsterdamDay, amsterdamTime } from "../lib/amsterdam-time.ts";

export type Enrollment = typeof enrollments.$inferSelect;

export async function findEnrollment(db: Database, subscriberId: string): Promise<Enrollment | null> {
  return (await db.select().from(enrollments).where(eq(enrollments.subscriberId, subscriberId)).get()) ?? null;
}

/** The first moment at `hour`:00 Amsterdam time after `now`. */
export function nextAtHour(now: number, hour: number): number {
  const today = amsterdamDay(now);
  const candidate = amsterdamTime(today.year, today.month, today.day, hour);
  return candidate > now ? candidate : amsterdamTime(today.year, today.month, today.day + 1, hour);
}

/** "Nu even niet": no lessons until the reader resumes; their place in the course is kept. */
export async function pause(db: Database, subscriberId: string, now: number): Promise<void> {
  await db
    .update(enrollments)
    .set({ state: "paused", pausedAt: now })
    .where(eq(enrollments.subscriberId, subscriberId));
}

/** Picks up where the reader left off: the next lesson comes at their next send hour. */
export async function resume(db: Database, enrollment: Enrollment, now: number): Promise<void> {
  if (enrollment.state !== "paused") return;
  await db
    .update(enrollments)
    .set({ state: "active", pausedAt: null, nextSendAt: nextAtHour(now, enrollment.sendHour) })
    .where(eq(enrollments.subscriberId, enrollment.subscriberId));
}

/** Moves the reader's lessons to another hour of the day, keeping the day of the next one. */
export async function setSendHour(db: Database, enrollment: Enrollment, hour: number, now: number): Promise<void> {
  let nextSendAt = enrollment.nextSendAt;
  if (nextSendAt !== null) {
    const day = amsterdamDay(nextSendAt);
    nextSendAt = amsterdamTime(day.year, day.month, day.day, hour);
    if (nextSendAt <= now) nextSendAt = nextAtHour(now, hour);
  }
  await db
    .update(enrollments)
    .set({ sendHour: hour, nextSendAt })
    .where(eq(enrollments.subscriberId, enrollment.subscriberId));
}

/** What a reader wants from us while subscribed: the course's lessons, the newsletter, or both. */
export type MailChoices = { lessons: boolean; newsletter: boolean };

/**
 * Stores the reader's choices. Lessons off stops the course where it is (a pause that
 * needs no return); lessons on again picks it up at the next send hour. A finished
 * course stays finished.
 */
export async function setMailChoices(
  db: Database,
  subscriberId: string,
  enrollment: Enrollment | null,
  choices: MailChoices,
  now: number,
): Promise<void> {
  const course =
    enrollment && enrollment.state !== "completed"
      ? choices.lessons
        ? enrollment.state === "stopped"
          ? { state: "active" as const, pausedAt: null, nextSendAt: nextAtHour(now, enrollment.sendHour) }
          : null
        : enrollment.state === "stopped"
          ? null
          : { state: "stopped" as const, pausedAt: null, nextSendAt: null }
      : null;
  await db.batch([
    db.update(subscribers).set({ newsletter: choices.newsletter }).where(eq(subscribers.id, subscriberId)),
    ...(course ? [db.update(enrollments).set(course).where(eq(enrollments.subscriberId, subscriberId))] : []),
  ]);
}
