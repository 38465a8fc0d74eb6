import { eq } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { enrollments, subscribers } from "../../mechanisms/db/schema.ts";
import { type Rhythm, slotAfterLesson, slotFrom } from "../../mechanisms/lib/reader-time.ts";
import type { Series } from "../course/course-schema.ts";
import { beginAgain, rhythmOf } from "../course/progress.ts";

export type Enrollment = typeof enrollments.$inferSelect;

const DAY = 86_400_000;

export async function findEnrollment(db: Database, subscriberId: string): Promise<Enrollment | null> {
  return (await db.select().from(enrollments).where(eq(enrollments.subscriberId, subscriberId)).get()) ?? null;
}

/**
 * The first of the reader's own slots that has not passed, a day or more (a pace or more) after
 * their last lesson, and never sooner than the lesson they were waiting for, if that is still ahead.
 */
function nextSlot(enrollment: Enrollment, rhythm: Rhythm, now: number): number {
  const afterLast = enrollment.lastLessonAt === null ? now : slotAfterLesson(rhythm, enrollment.lastLessonAt);
  return slotFrom(rhythm, Math.max(now, afterLast, enrollment.nextSendAt ?? now));
}

function update(db: Database, enrollment: Enrollment, set: Partial<Enrollment>) {
  return db.update(enrollments).set(set).where(eq(enrollments.subscriberId, enrollment.subscriberId));
}

/** "Nu even niet": no lessons until the reader resumes; their place in the course and their next slot are kept. */
export async function pause(db: Database, subscriberId: string, now: number): Promise<void> {
  await db
    .update(enrollments)
    .set({ state: "paused", pausedAt: now })
    .where(eq(enrollments.subscriberId, subscriberId));
}

/** Picks up where the reader left off, on their own weekday and hour (see nextSlot). */
export async function resume(db: Database, enrollment: Enrollment, now: number): Promise<void> {
  if (enrollment.state !== "paused") return;
  await update(db, enrollment, {
    state: "active",
    pausedAt: null,
    nextSendAt: nextSlot(enrollment, rhythmOf(enrollment), now),
  });
}

/**
 * Stores when the reader wants their lessons. The next one moves to the first slot of the new
 * rhythm a day (or a pace) after the last lesson: if that slot has just passed, it comes at once,
 * so a change of zone never costs a week, and never brings two lessons within a day.
 */
export async function setRhythm(db: Database, enrollment: Enrollment, rhythm: Rhythm, now: number): Promise<void> {
  let nextSendAt = enrollment.nextSendAt;
  if (nextSendAt !== null && enrollment.lastLessonAt !== null)
    nextSendAt = slotAfterLesson(rhythm, enrollment.lastLessonAt);
  if (nextSendAt !== null && enrollment.state === "paused") nextSendAt = Math.max(nextSendAt, slotFrom(rhythm, now));
  await update(db, enrollment, { ...rhythm, nextSendAt });
}

/** "Sla een week over": the next lesson comes a week later than planned, on the same weekday and hour. */
export async function skipWeek(db: Database, enrollment: Enrollment): Promise<void> {
  if (enrollment.state !== "active" || enrollment.nextSendAt === null) return;
  await update(db, enrollment, { nextSendAt: slotFrom(rhythmOf(enrollment), enrollment.nextSendAt + DAY) });
}

/**
 * Moves the reader to `series` and their lessons on (choosing a series is asking for its lessons).
 * Lessons they had stay had; `fromStart` forgets the lessons of that series and begins a new
 * round, so each comes again as a new mail with links of its own. The next lesson comes at their next slot.
 */
export async function startSeries(
  db: Database,
  enrollment: Enrollment,
  series: Series,
  fromStart: boolean,
  now: number,
): Promise<void> {
  await update(db, enrollment, {
    series: series.id,
    ...(fromStart ? beginAgain(enrollment, series) : {}),
    state: "active",
    pausedAt: null,
    nextSendAt: nextSlot({ ...enrollment, nextSendAt: null }, rhythmOf(enrollment), now),
  });
}

/** What a reader wants from us while subscribed: the course's lessons, the newsletter, or both. */
export type MailChoices = { lessons: boolean; newsletter: boolean };

/**
 * Stores the reader's choices. Lessons off stops the course where it is (a pause that
 * needs no return); lessons on again picks it up at their next slot. A finished
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
          ? { state: "active" as const, pausedAt: null, nextSendAt: nextSlot(enrollment, rhythmOf(enrollment), now) }
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
