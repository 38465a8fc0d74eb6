import { and, count, desc, eq, gte, isNotNull, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Database } from "../../mechanisms/db/client.ts";
import { answers, enrollments, subscribers, suppressions } from "../../mechanisms/db/schema.ts";
import type { AmsterdamWeek } from "../../mechanisms/lib/amsterdam-weeks.ts";
import { course, findSeries, lessonsHad } from "../course/course.ts";
import { receivedOf } from "../course/progress.ts";

/**
 * The index of the week an instant falls in: -1 before the first, the number of weeks after
 * the last (a clock running ahead), null for no instant. The
 * bounds are our own integers, written into the SQL rather than bound, so a query stays far
 * under D1's limit of bound parameters however many weeks it covers.
 */
function weekIndex(column: SQLiteColumn, weeks: AmsterdamWeek[]): SQL<number | null> {
  const bound = (ms: number) => {
    if (!Number.isSafeInteger(ms)) throw new Error("a week bound must be a whole number of milliseconds");
    return sql.raw(String(ms));
  };
  const cases = weeks.map((week, index) => sql`WHEN ${column} < ${bound(week.end)} THEN ${sql.raw(String(index))}`);
  return sql<
    number | null
  >`CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} < ${bound(weeks[0]!.start)} THEN -1 ${sql.join(cases, sql` `)} ELSE ${sql.raw(String(weeks.length))} END`;
}

/** One figure per week, from rows that say which week (index) they belong to. */
function perWeek(rows: { week: number | null; n: number }[], weeks: number): number[] {
  const values = Array<number>(weeks).fill(0);
  for (const row of rows) if (row.week !== null && row.week >= 0 && row.week < weeks) values[row.week]! += row.n;
  return values;
}

/**
 * Readers over the given weeks, from one pass over the subscribers grouped in SQL by status and
 * by the week each confirmed and left (an unsubscribe, bounce or complaint sets `unsubscribedAt`):
 * however many readers there are, at most a few hundred groups come back.
 */
async function readerWeeks(db: Database, weeks: AmsterdamWeek[]) {
  const rows = await db
    .select({
      status: subscribers.status,
      confirmedWeek: weekIndex(subscribers.confirmedAt, weeks),
      leftWeek: weekIndex(subscribers.unsubscribedAt, weeks),
      n: count(),
    })
    .from(subscribers)
    .groupBy(sql`1, 2, 3`)
    .all();
  const sum = (keep: (row: (typeof rows)[number]) => boolean) =>
    rows.filter(keep).reduce((total, row) => total + row.n, 0);
  const confirmedBy = (i: number) => (row: (typeof rows)[number]) =>
    row.confirmedWeek !== null && row.confirmedWeek <= i;
  const leftBy = (i: number) => (row: (typeof rows)[number]) => row.leftWeek !== null && row.leftWeek <= i;
  return {
    signedUp: sum(() => true),
    confirmed: sum((row) => row.confirmedWeek !== null),
    byStatus: {
      pending: sum((row) => row.status === "pending"),
      active: sum((row) => row.status === "active"),
      unsubscribed: sum((row) => row.status === "unsubscribed"),
      suppressed: sum((row) => row.status === "suppressed"),
    },
    confirmedPerWeek: perWeek(
      rows.map((row) => ({ week: row.confirmedWeek, n: row.n })),
      weeks.length,
    ),
    // Bounces and complaints are counted from the suppressions; here only those who left by their own choice.
    unsubscribedPerWeek: perWeek(
      rows.filter((row) => row.status === "unsubscribed").map((row) => ({ week: row.leftWeek, n: row.n })),
      weeks.length,
    ),
    activeAtWeekEnd: weeks.map((_, i) => sum((row) => confirmedBy(i)(row) && !leftBy(i)(row))),
  };
}

/** Hard bounces and complaints per week, from the suppressions (which keep no address, only a hash). */
async function suppressionWeeks(db: Database, weeks: AmsterdamWeek[]) {
  const rows = await db
    .select({ reason: suppressions.reason, week: weekIndex(suppressions.createdAt, weeks), n: count() })
    .from(suppressions)
    .where(gte(suppressions.createdAt, weeks[0]!.start))
    .groupBy(sql`1, 2`)
    .all();
  return {
    bouncesPerWeek: perWeek(
      rows.filter((row) => row.reason === "bounce"),
      weeks.length,
    ),
    complaintsPerWeek: perWeek(
      rows.filter((row) => row.reason === "complaint"),
      weeks.length,
    ),
  };
}

/**
 * How far readers got, per series: for each lesson, the readers it was claimed for, and the
 * readers who had them all. Read from one row per reader (the lessons each has had) rather than
 * one per delivery, grouped in SQL first: readers who had the same lessons share one row.
 */
async function courseProgress(db: Database) {
  const rows = await db
    .select({ series: enrollments.series, state: enrollments.state, received: enrollments.received, n: count() })
    .from(enrollments)
    .groupBy(enrollments.series, enrollments.state, enrollments.received)
    .all();
  const had = rows.map((row) => ({ n: row.n, had: lessonsHad(receivedOf(row)) }));
  const readersWho = (test: (lessons: Set<string>) => boolean) =>
    had.filter((row) => test(row.had)).reduce((sum, row) => sum + row.n, 0);
  return course.series.map((series) => {
    const mine = rows.filter((row) => findSeries(row.series) === series);
    return {
      series,
      sentPerLesson: series.lessons.map((lesson) => readersWho((lessons) => lessons.has(lesson.slug))),
      started: mine.reduce((sum, row) => sum + row.n, 0),
      finished: readersWho((lessons) => series.lessons.every((lesson) => lessons.has(lesson.slug))),
    };
  });
}

/**
 * What the author's dashboard shows over the given Amsterdam weeks: counts only, grouped in SQL;
 * no addresses or names, and words only where the reader chose to share them.
 */
export async function dashboardStats(db: Database, weeks: AmsterdamWeek[]) {
  const [readers, suppressed, progress, byAnswer, shared] = await Promise.all([
    readerWeeks(db, weeks),
    suppressionWeeks(db, weeks),
    courseProgress(db),
    db
      .select({ questionId: answers.questionId, answerKey: answers.answerKey, n: count() })
      .from(answers)
      .groupBy(answers.questionId, answers.answerKey)
      .all(),
    db
      .select({
        questionId: answers.questionId,
        answerKey: answers.answerKey,
        note: answers.note,
        updatedAt: answers.updatedAt,
      })
      .from(answers)
      .where(and(eq(answers.shareNote, true), isNotNull(answers.note)))
      .orderBy(desc(answers.updatedAt))
      .limit(200)
      .all(),
  ]);
  return { readers, ...suppressed, progress, byAnswer, shared };
}

/** Everything the dashboard shows, as `dashboardStats` returns it. */
export type DashboardStats = Awaited<ReturnType<typeof dashboardStats>>;

/** Every answer, for the CSV export: the reader's words only where they chose to share them. */
export function allAnswers(db: Database) {
  return db
    .select({
      questionId: answers.questionId,
      answerKey: answers.answerKey,
      note: sql<string | null>`CASE WHEN ${answers.shareNote} THEN ${answers.note} END`,
      updatedAt: answers.updatedAt,
    })
    .from(answers)
    .orderBy(answers.questionId, answers.updatedAt)
    .all();
}
