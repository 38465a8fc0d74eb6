import { and, eq, lte, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { enrollments } from "../../mechanisms/db/schema.ts";
import type { Config } from "../../mechanisms/lib/config.ts";
import { DEFAULT_TIME_ZONE, slotAfterLesson, weekdayIn } from "../../mechanisms/lib/reader-time.ts";
import { MAX_BATCH } from "../../mechanisms/mail/transport.ts";
import { type Claim, type ClaimedMail, insertBatch } from "../../mechanisms/sending/batches.ts";
import { type Advance, advanceStatements } from "./advance.ts";
import { findSeries, nextLesson } from "./course.ts";
import type { Series } from "./course-schema.ts";
import type { CourseLesson } from "./lesson-schema.ts";
import { beginAgain, receivedOf, rhythmOf } from "./progress.ts";

/**
 * Her answer to the lesson before `lesson` in `series`, in today's order, when `lesson` opens
 * with a line for it (`after`); undefined otherwise, so she gets the lesson as it is.
 */
function answerBefore(series: Series, lesson: CourseLesson, answered: Record<string, string>): string | undefined {
  const before = series.lessons[series.lessons.indexOf(lesson) - 1];
  const key = before ? answered[before.question.id] : undefined;
  return key !== undefined && lesson.after && Object.hasOwn(lesson.after, key) ? key : undefined;
}

/** Readers claimed per page of a send run; one page becomes one send batch, sent with one Resend call. */
const CLAIM_PAGE = MAX_BATCH;

/**
 * The statement that enrolls a confirmed reader, or resumes one who left: the next lesson is due
 * at once, and the weekday of today is theirs from now on. A reader already enrolled and active is left as is.
 */
export function enrollStatement(db: Database, subscriberId: string, now: number) {
  const weekday = weekdayIn(now, DEFAULT_TIME_ZONE);
  return db
    .insert(enrollments)
    .values({ subscriberId, state: "active", nextSendAt: now, weekday, createdAt: now })
    .onConflictDoUpdate({
      target: enrollments.subscriberId,
      set: { state: "active", nextSendAt: now, pausedAt: null },
      where: sql`${enrollments.state} = 'stopped'`,
    });
}

/**
 * The statement that begins a returning reader's series again at lesson 1 (after
 * `enrollStatement`, in the same D1 batch): the lessons of that series are forgotten, and a
 * new round makes each lesson a new mail with links of its own.
 */
export function restartStatement(db: Database, enrollment: typeof enrollments.$inferSelect, now: number) {
  return db
    .update(enrollments)
    .set({ ...beginAgain(enrollment, findSeries(enrollment.series)), state: "active", nextSendAt: now, pausedAt: null })
    .where(eq(enrollments.subscriberId, enrollment.subscriberId));
}

/**
 * Claims the next mail of up to `limit` readers whose lesson is due at `now`, as one send
 * batch: for each, the first lesson of their series, in the course's order of today, that they
 * have not had (opened by the line for her answer to the lesson before it, if it has one), or
 * the series' closing mail once they have had them all. In one D1 batch: the
 * batch row, the deliveries (a second claim of the same mail conflicts on the primary key and
 * inserts nothing), and each reader's advance, guarded by the lessons they had, so a concurrent
 * run cannot advance them twice. Returns null when nobody is due.
 */
export async function claimDue(
  db: Database,
  cfg: Config,
  now: number,
  options: { limit?: number; subscriberId?: string } = {},
): Promise<Claim | null> {
  const due = await db
    .select({
      subscriberId: enrollments.subscriberId,
      series: enrollments.series,
      received: enrollments.received,
      nextSendAt: enrollments.nextSendAt,
      sendHour: enrollments.sendHour,
      weekday: enrollments.weekday,
      timeZone: enrollments.timeZone,
      pace: enrollments.pace,
      round: enrollments.round,
      answered: enrollments.answered,
    })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.state, "active"),
        lte(enrollments.nextSendAt, now),
        options.subscriberId ? eq(enrollments.subscriberId, options.subscriberId) : undefined,
      ),
    )
    // Longest due first (the index's own order): readers a quota held back go first when there is room.
    .orderBy(enrollments.nextSendAt)
    .limit(options.limit ?? CLAIM_PAGE)
    .all();
  if (due.length === 0) return null;

  const rows: ClaimedMail[] = [];
  const advances: Advance[] = [];
  // Readers of one rhythm claimed at one moment are due again at one moment: computed once a page, not once a reader.
  const slots = new Map<string, number>();
  for (const reader of due) {
    const completed = { subscriberId: reader.subscriberId, had: reader.received, completed: true as const };
    const series = findSeries(reader.series);
    // A series the author took out of the course: the reader has had all of it there is.
    if (!series) {
      advances.push(completed);
      continue;
    }
    const received = receivedOf(reader);
    const lesson = nextLesson(series, received);
    const dueAt = reader.nextSendAt!;
    if (!lesson) {
      rows.push({ subscriberId: reader.subscriberId, kind: "closing", ref: series.id, round: reader.round, dueAt });
      advances.push(completed);
      continue;
    }
    const madeWith = answerBefore(series, lesson, reader.answered);
    rows.push({
      subscriberId: reader.subscriberId,
      kind: "lesson",
      ref: lesson.slug,
      round: reader.round,
      dueAt,
      madeWith,
    });
    const rhythm = rhythmOf(reader);
    const key = `${rhythm.weekday} ${rhythm.sendHour} ${rhythm.pace} ${rhythm.timeZone}`;
    const nextSendAt = slots.get(key) ?? slotAfterLesson(rhythm, now);
    slots.set(key, nextSendAt);
    advances.push({
      subscriberId: reader.subscriberId,
      had: reader.received,
      received: JSON.stringify([...received, lesson.slug]),
      nextSendAt,
    });
  }
  return insertBatch(db, cfg, rows, now, advanceStatements(db, advances, now));
}
