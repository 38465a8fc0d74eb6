import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { answers } from "../../mechanisms/db/schema.ts";
import { lessonBySlug, lessonPlace } from "../course/course.ts";

/** A lesson mail to make: whose it is, and which lesson. */
type LessonDelivery = { id: string; ref: string; subscriberId: string };

/**
 * The question of the lesson before the one at `slug` in its series, when that lesson opens
 * with a line for an answer to it (`after`); null otherwise, and for the first lesson.
 */
function askedBefore(slug: string): { questionId: string; lines: Record<string, string> } | null {
  const lesson = lessonBySlug(slug);
  const place = lesson?.after && lessonPlace(lesson);
  const previous = place ? place.series.lessons[place.number - 2] : undefined;
  return previous && lesson?.after ? { questionId: previous.question.id, lines: lesson.after } : null;
}

/**
 * For each lesson mail whose lesson opens with a line for last week's answer, the key of the
 * answer its reader now gives to the lesson before it in her series, by delivery id: only
 * answers the lesson has a line for. A reader who did not answer that question (she skipped
 * it, or had a lesson since retired in its place) gets the lesson as it is. One query for the
 * whole batch, whatever its size: the pairs go in as one JSON parameter.
 */
export async function previousAnswers(db: Database, deliveries: LessonDelivery[]): Promise<Record<string, string>> {
  const wanted = deliveries.flatMap((delivery) => {
    const asked = askedBefore(delivery.ref);
    return asked ? [{ delivery, ...asked }] : [];
  });
  if (wanted.length === 0) return {};
  const pairs = JSON.stringify(wanted.map(({ delivery, questionId }) => [delivery.subscriberId, questionId]));
  // From the pairs into the (reader, question) index: one look-up per pair. D1 counts every row
  // an IN list or a second pass over the pairs reads, so this form reads the fewest.
  const rows = await db
    .select({ subscriberId: answers.subscriberId, questionId: answers.questionId, answerKey: answers.answerKey })
    .from(sql`json_each(${pairs}) as pair`)
    .innerJoin(
      answers,
      and(eq(answers.subscriberId, sql`pair.value ->> 0`), eq(answers.questionId, sql`pair.value ->> 1`)),
    )
    .all();
  const given = new Map(rows.map((row) => [`${row.subscriberId}\n${row.questionId}`, row.answerKey]));
  const found: Record<string, string> = {};
  for (const { delivery, questionId, lines } of wanted) {
    const key = given.get(`${delivery.subscriberId}\n${questionId}`);
    if (key !== undefined && Object.hasOwn(lines, key)) found[delivery.id] = key;
  }
  return found;
}
