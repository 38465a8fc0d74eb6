import { and, eq, or } from "drizzle-orm";
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

/** D1 binds at most 100 values to a query, two a pair. */
const PAIRS_PER_QUERY = 50;

/**
 * For each lesson mail whose lesson opens with a line for last week's answer, the key of the
 * answer its reader now gives to the lesson before it in her series, by delivery id: only
 * answers the lesson has a line for. A reader who did not answer that question (she skipped
 * it, or had a lesson since retired in its place) gets the lesson as it is. One query per 50
 * such mails, each an OR of (reader, question) pairs: D1 then reads only the answers it finds,
 * where an IN list or a join from JSON also counts a row for every pair it looks up.
 */
export async function previousAnswers(db: Database, deliveries: LessonDelivery[]): Promise<Record<string, string>> {
  const wanted = deliveries.flatMap((delivery) => {
    const asked = askedBefore(delivery.ref);
    return asked ? [{ delivery, ...asked }] : [];
  });
  const chunks = Array.from({ length: Math.ceil(wanted.length / PAIRS_PER_QUERY) }, (_, index) =>
    wanted.slice(index * PAIRS_PER_QUERY, (index + 1) * PAIRS_PER_QUERY),
  );
  const found = await Promise.all(
    chunks.map((chunk) =>
      db
        .select({ subscriberId: answers.subscriberId, questionId: answers.questionId, answerKey: answers.answerKey })
        .from(answers)
        .where(
          or(
            ...chunk.map(({ delivery, questionId }) =>
              and(eq(answers.subscriberId, delivery.subscriberId), eq(answers.questionId, questionId)),
            ),
          ),
        )
        .all(),
    ),
  );
  const given = new Map(found.flat().map((row) => [`${row.subscriberId}\n${row.questionId}`, row.answerKey]));
  const keys: Record<string, string> = {};
  for (const { delivery, questionId, lines } of wanted) {
    const key = given.get(`${delivery.subscriberId}\n${questionId}`);
    if (key !== undefined && Object.hasOwn(lines, key)) keys[delivery.id] = key;
  }
  return keys;
}
