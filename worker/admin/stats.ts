import { and, count, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { answers, enrollments, subscribers } from "../db/schema.ts";

/** What the author's dashboard shows; no addresses or names, and words only where the reader chose to share them. */
export async function dashboardStats(db: Database) {
  const week = sql<string>`strftime('%Y-%W', ${subscribers.confirmedAt} / 1000, 'unixepoch')`;
  const [byStatus, byWeek, byPosition, byAnswer, shared] = await Promise.all([
    db.select({ status: subscribers.status, n: count() }).from(subscribers).groupBy(subscribers.status).all(),
    db
      .select({ week, n: count() })
      .from(subscribers)
      .where(isNotNull(subscribers.confirmedAt))
      .groupBy(week)
      .orderBy(desc(week))
      .limit(12)
      .all(),
    db
      .select({ state: enrollments.state, position: enrollments.position, n: count() })
      .from(enrollments)
      .groupBy(enrollments.state, enrollments.position)
      .all(),
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
  return { byStatus, byWeek: byWeek.reverse(), byPosition, byAnswer, shared };
}

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
