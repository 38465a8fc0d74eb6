import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { answers, deliveries, newsletterIssues } from "../../mechanisms/db/schema.ts";
import type { Config } from "../../mechanisms/lib/config.ts";
import { personalTokens } from "../../mechanisms/sending/delivery-id.ts";
import { course, lessonByQuestion, lessonBySlug, lessonPlace, questionPlace } from "../course/course.ts";
import type { CourseLesson } from "../course/lesson-schema.ts";
import { issueQuestionId } from "../newsletter/issues.ts";
import { answerFor } from "./answers.ts";

/** One answered question in a reader's journal. */
export type JournalEntry = {
  /** The lesson's or the newsletter issue's title. */
  title: string;
  /** "Les 3 van Rust en richting", or "Nieuwsbrief". */
  from: string;
  /** When the mail that asked it came. */
  sentAt: number | null;
  prompt: string;
  answer: string;
  /** What the author wrote back to that answer in the lesson, if she did. */
  reply: string | null;
  note: string | null;
  shared: boolean;
  /** The token of the answer page where the reader can change it, while that mail's link still works. */
  answerToken: string | null;
};

/**
 * Every question the reader answered, in course order (series by series, then retired lessons,
 * then newsletter issues by date), with their answer and their own words. Questions whose
 * content is gone keep their stored key, so nothing a reader gave disappears from view.
 */
export async function readerJournal(db: Database, cfg: Config, subscriberId: string): Promise<JournalEntry[]> {
  const [given, sent, issues] = await Promise.all([
    db.select().from(answers).where(eq(answers.subscriberId, subscriberId)).all(),
    db
      .select({
        id: deliveries.id,
        kind: deliveries.kind,
        ref: deliveries.ref,
        round: deliveries.round,
        dueAt: deliveries.dueAt,
      })
      .from(deliveries)
      .where(and(eq(deliveries.subscriberId, subscriberId), inArray(deliveries.kind, ["lesson", "newsletter"])))
      .all(),
    // The issues of the reader's answers, not of her deliveries: an answer outlives its mail (mechanisms/sending/compact.ts).
    db
      .select()
      .from(newsletterIssues)
      .where(
        inArray(
          sql`${issueQuestionId({ id: "" })} || ${newsletterIssues.id}`,
          db.select({ id: answers.questionId }).from(answers).where(eq(answers.subscriberId, subscriberId)),
        ),
      )
      .all(),
  ]);
  const asked = new Map<string, (typeof sent)[number]>();
  for (const delivery of sent.sort((a, b) => a.dueAt - b.dueAt)) {
    const questionId =
      delivery.kind === "lesson" ? lessonBySlug(delivery.ref)?.question.id : issueQuestionId({ id: delivery.ref });
    if (questionId) asked.set(questionId, delivery);
  }
  const entries = await Promise.all(
    given.map(async (row) => {
      const delivery = asked.get(row.questionId);
      const lesson = delivery?.kind === "newsletter" ? null : lessonByQuestion(row.questionId);
      const issue = issues.find((candidate) => issueQuestionId(candidate) === row.questionId);
      const question = lesson?.question ?? (issue?.question ? { id: row.questionId, ...issue.question } : null);
      const entry: JournalEntry = {
        title: lesson?.title ?? issue?.subject ?? "Een vraag die niet meer in de lessen staat",
        from: lesson ? lessonFrom(lesson) : issue ? "Nieuwsbrief" : "",
        sentAt: delivery?.dueAt ?? issue?.sendAt ?? null,
        prompt: question?.prompt ?? row.questionId,
        answer: (question && answerFor(question, row.answerKey)?.label) ?? row.answerKey,
        reply: (lesson && answerFor(lesson.question, row.answerKey)?.reply) ?? null,
        note: row.note,
        shared: row.shareNote,
        answerToken: delivery ? (await personalTokens(cfg, { subscriberId, ...delivery })).answerToken : null,
      };
      // Newsletter questions come after the course's, by date.
      return { entry, order: questionPlace(row.questionId) ?? Number.MAX_SAFE_INTEGER / 2 + (entry.sentAt ?? 0) };
    }),
  );
  return entries.sort((a, b) => a.order - b.order).map(({ entry }) => entry);
}

function lessonFrom(lesson: CourseLesson): string {
  const place = lessonPlace(lesson);
  if (!place) return "Een eerdere les";
  return course.series.length > 1 ? `Les ${place.number} van ${place.series.name}` : `Les ${place.number}`;
}
