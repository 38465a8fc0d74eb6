import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { answerSweeps, answers } from "../../mechanisms/db/schema.ts";

/**
 * Different answers to one question arriving from the links of one mail within this long of
 * each other are a scanner fetching every link, not a person: a person picks one.
 */
const SWEEP_MS = 10_000;

/**
 * Stores an answer that came from a link in a mail, unless it is part of a sweep. The first
 * link of a sweep cannot be told from a person's click, so when the second arrives the
 * question goes back to what it was before (the person's answer, or none), and for
 * `SWEEP_MS` after the last link of the sweep, mail links change nothing. Every step is one
 * guarded statement, so links fetched in parallel are caught as well.
 */
export async function answerFromMailLink(
  db: Database,
  subscriberId: string,
  questionId: string,
  answerKey: string,
  now: number,
): Promise<"stored" | "sweep"> {
  const stored = await db.all<{ id: number }>(sql`
    insert into ${answers} (subscriber_id, question_id, answer_key, previous_answer_key, created_at, updated_at)
    select ${subscriberId}, ${questionId}, ${answerKey}, null, ${now}, ${now}
    where not exists (select 1 from ${answerSweeps}
      where subscriber_id = ${subscriberId} and question_id = ${questionId} and until > ${now})
    on conflict (subscriber_id, question_id) do update set
      previous_answer_key = case when answers.answer_key = excluded.answer_key
        then answers.previous_answer_key else answers.answer_key end,
      answer_key = excluded.answer_key, updated_at = excluded.updated_at
    where answers.answer_key = excluded.answer_key or answers.updated_at <= ${now - SWEEP_MS}
    returning id`);
  if (stored.length > 0) return "stored";

  const mine = and(eq(answers.subscriberId, subscriberId), eq(answers.questionId, questionId));
  const current = await db.select().from(answers).where(mine).get();
  const sweeping = await db
    .select()
    .from(answerSweeps)
    .where(
      and(
        eq(answerSweeps.subscriberId, subscriberId),
        eq(answerSweeps.questionId, questionId),
        gt(answerSweeps.until, now),
      ),
    )
    .get();
  if (!sweeping && current?.answerKey === answerKey) return "stored";

  const changedBySweep = and(mine, gt(answers.updatedAt, now - SWEEP_MS));
  await db.batch([
    db
      .insert(answerSweeps)
      .values({ subscriberId, questionId, until: now + SWEEP_MS })
      .onConflictDoUpdate({
        target: [answerSweeps.subscriberId, answerSweeps.questionId],
        set: { until: now + SWEEP_MS },
      }),
    // Undo the sweep's first link: back to the answer before it, or to none.
    db
      .update(answers)
      .set({ answerKey: sql`${answers.previousAnswerKey}`, previousAnswerKey: null })
      .where(and(changedBySweep, isNotNull(answers.previousAnswerKey))),
    // An answer the sweep itself created (there was none before it) goes.
    db.delete(answers).where(and(mine, gt(answers.createdAt, now - SWEEP_MS), isNull(answers.note))),
  ]);
  return "sweep";
}
