import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { answers, deliveries, subscribers } from "../../mechanisms/db/schema.ts";
import type { Config } from "../../mechanisms/lib/config.ts";
import { storedTokenHash } from "../../mechanisms/lib/tokens.ts";
import { acceptedSecrets } from "../../mechanisms/mail/links.ts";
import { lessonByQuestion, lessonBySlug } from "../course/course.ts";
import type { Question } from "../course/lesson-schema.ts";
import { findIssue, issueQuestionId } from "../newsletter/issues.ts";

export type Answer = typeof answers.$inferSelect;

/** What an answer link points at: one reader and the question of one lesson or newsletter issue they were sent. */
export type AnswerContext = { subscriberId: string; question: Question };

/** The question a delivery asked: its lesson's, or its newsletter issue's if that had one. */
async function questionOf(db: Database, delivery: { kind: string; ref: string }): Promise<Question | null> {
  if (delivery.kind === "lesson") return lessonBySlug(delivery.ref)?.question ?? null;
  if (delivery.kind !== "newsletter") return null;
  const issue = await findIssue(db, delivery.ref);
  return issue?.question ? { id: issueQuestionId(issue), ...issue.question } : null;
}

/**
 * The question and reader behind an answer link, while that reader is still subscribed and the
 * link's key still accepted: a reader who left or was erased answers nothing.
 */
export async function findAnswerContext(db: Database, cfg: Config, token: string): Promise<AnswerContext | null> {
  const id = await storedTokenHash(token, acceptedSecrets(cfg));
  if (!id) return null;
  const delivery = await db
    .select({ subscriberId: deliveries.subscriberId, kind: deliveries.kind, ref: deliveries.ref })
    .from(deliveries)
    .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .where(and(eq(deliveries.id, id), eq(subscribers.status, "active")))
    .get();
  const question = delivery ? await questionOf(db, delivery) : null;
  return delivery && question ? { subscriberId: delivery.subscriberId, question } : null;
}

/**
 * The answer a stored key stands for in the course as it is now. Answers are
 * stored by key, never by label, so an author may reword a label freely; a key
 * that is no longer in the content finds nothing.
 */
export function answerFor(question: Question, answerKey: string | undefined) {
  return question.answers.find((answer) => answer.key === answerKey) ?? null;
}

/**
 * The answer a link's last segment names: its number in the question (1, 2, ...), as links
 * carry it since answer keys were taken out of URLs and request logs, or its key, as older
 * mails have it. Keys are never plain numbers (the lesson schema forbids it), so the two never meet.
 */
export function answerInLink(question: Question, segment: string) {
  const byKey = answerFor(question, segment);
  if (byKey) return byKey;
  return /^[1-9]$/.test(segment) ? (question.answers[Number(segment) - 1] ?? null) : null;
}

/** The path that picks `key` for the question behind `token`: by number, never by key. */
export function answerPath(token: string, question: Question, key: string): string {
  return `/reflectie/${token}/${question.answers.findIndex((answer) => answer.key === key) + 1}`;
}

/** A stored answer's question as the author worded it, or its id when the content no longer has it. */
export function questionPrompt(questionId: string): string {
  return lessonByQuestion(questionId)?.question.prompt ?? questionId;
}

/** The words the author wrote for a stored answer, or its key when the content no longer has it. */
export function answerLabel(questionId: string, answerKey: string): string {
  const lesson = lessonByQuestion(questionId);
  return (lesson && answerFor(lesson.question, answerKey)?.label) ?? answerKey;
}

export async function findAnswer(db: Database, subscriberId: string, questionId: string): Promise<Answer | null> {
  return (
    (await db
      .select()
      .from(answers)
      .where(and(eq(answers.subscriberId, subscriberId), eq(answers.questionId, questionId)))
      .get()) ?? null
  );
}

/** Stores the reader's choice on our own page; a later choice replaces it (one answer per reader per question). */
export async function saveAnswer(
  db: Database,
  subscriberId: string,
  questionId: string,
  answerKey: string,
  now: number,
): Promise<void> {
  await db
    .insert(answers)
    .values({ subscriberId, questionId, answerKey, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [answers.subscriberId, answers.questionId],
      // Chosen by the person on our page: nothing before it is left for a sweep to restore.
      set: { answerKey, previousAnswerKey: null, updatedAt: now },
    });
}

/** Adds or changes the reader's own words to an answer they gave; false when there is no answer yet. */
export async function saveNote(
  db: Database,
  subscriberId: string,
  questionId: string,
  note: string | null,
  shareNote: boolean,
  now: number,
): Promise<boolean> {
  const updated = await db
    .update(answers)
    .set({ note, shareNote, updatedAt: sql`${now}` })
    .where(and(eq(answers.subscriberId, subscriberId), eq(answers.questionId, questionId)))
    .returning({ id: answers.id });
  return updated.length > 0;
}

/** How many of `questionIds` the reader answered: a closing mail's look back gives the number, never the answers. */
export async function answeredAmong(db: Database, subscriberId: string, questionIds: string[]): Promise<number> {
  if (questionIds.length === 0) return 0;
  const row = await db
    .select({ n: count() })
    .from(answers)
    .where(and(eq(answers.subscriberId, subscriberId), inArray(answers.questionId, questionIds)))
    .get();
  return row?.n ?? 0;
}
