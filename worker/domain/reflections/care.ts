import { and, count, eq, inArray, or } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { answers } from "../../mechanisms/db/schema.ts";
import { course } from "../course/course.ts";

/** The answers the author marked as heavy (`care: true`), by question id. */
function careAnswers(): Map<string, string[]> {
  const marked = new Map<string, string[]>();
  for (const lesson of course.series.flatMap((series) => series.lessons)) {
    const keys = lesson.question.answers.filter((answer) => answer.care).map((answer) => answer.key);
    if (keys.length > 0) marked.set(lesson.question.id, keys);
  }
  return marked;
}

/**
 * For each lesson question with a heavy answer, how many readers now give one of them: a
 * count only, never who, so the author knows where her course weighs without seeing anyone.
 * Questions without a heavy answer are left out. One query, over the answers' own index.
 */
export async function careCounts(db: Database): Promise<Map<string, number>> {
  const marked = careAnswers();
  const counts = new Map<string, number>([...marked.keys()].map((id) => [id, 0]));
  if (marked.size === 0) return counts;
  const rows = await db
    .select({ questionId: answers.questionId, n: count() })
    .from(answers)
    .where(
      or(
        ...[...marked].map(([questionId, keys]) =>
          and(eq(answers.questionId, questionId), inArray(answers.answerKey, keys)),
        ),
      ),
    )
    .groupBy(answers.questionId)
    .all();
  for (const row of rows) counts.set(row.questionId, row.n);
  return counts;
}
