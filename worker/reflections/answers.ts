import { and, eq, sql } from "drizzle-orm";
import { lessonByQuestion, lessonBySlug } from "../course/course.ts";
import type { Lesson, Question } from "../course/lesson-schema.ts";
import type { Database } from "../db/client.ts";
import { answers, deliveries } from "../db/schema.ts";
import { lookupHash } from "../lib/tokens.ts";

export type Answer = typeof answers.$inferSelect;

/** What an answer link points at: one reader and the question of one lesson they were sent. */
export type AnswerContext = { subscriberId: string; lesson: Lesson };

export async function findAnswerContext(db: Database, token: string): Promise<AnswerContext | null> {
  const id = await lookupHash(token);
  if (!id) return null;
  const delivery = await db
    .select({ subscriberId: deliveries.subscriberId, lessonSlug: deliveries.lessonSlug })
    .from(deliveries)
    .where(eq(deliveries.id, id))
    .get();
  const lesson = delivery ? lessonBySlug(delivery.lessonSlug) : null;
  return delivery && lesson ? { subscriberId: delivery.subscriberId, lesson } : null;
}

/**
 * The answer a stored key stands for in the course as it is now. Answers are
 * stored by key, never by label, so an author may reword a label freely; a key
 * that is no longer in the content finds nothing.
 */
export function answerFor(question: Question, answerKey: string | undefined) {
  return question.answers.find((answer) => answer.key === answerKey) ?? null;
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

/** Stores the reader's choice; a later choice replaces it (one answer per reader per question). */
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
    .onConflictDoUpdate({ target: [answers.subscriberId, answers.questionId], set: { answerKey, updatedAt: now } });
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
