import { count, gte, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { answers, sendBatches } from "../../mechanisms/db/schema.ts";
import type { AmsterdamWeek } from "../../mechanisms/lib/amsterdam-weeks.ts";
import type { MailMode } from "../../mechanisms/mail/index.ts";
import { needsAttention, sendHealth } from "../health/send-health.ts";

/**
 * What went out and came back in one week: mails sent (from the batches completed in it,
 * compacted or not) and answers given (a changed answer is not a new one).
 */
async function weekActivity(db: Database, week: AmsterdamWeek) {
  const [sent, answered] = await Promise.all([
    db
      .select({
        n: sql<number>`coalesce(sum(coalesce(${sendBatches.sentCount}, (select count(*) from json_each(${sendBatches.outcomes}, '$.sent')))), 0)`,
      })
      .from(sendBatches)
      .where(sql`${sendBatches.completedAt} >= ${week.start} and ${sendBatches.completedAt} < ${week.end}`)
      .get(),
    db.select({ n: count() }).from(answers).where(gte(answers.createdAt, week.start)).get(),
  ]);
  return { sent: sent?.n ?? 0, answers: answered?.n ?? 0 };
}

/**
 * The first screen of the author's overview: this week's mails and answers, and what needs her
 * now, in the same sentences the status page uses (none when all runs as it should).
 */
export async function thisWeek(db: Database, week: AmsterdamWeek, mail: MailMode, now: number) {
  const [activity, health] = await Promise.all([weekActivity(db, week), sendHealth(db, mail, now)]);
  return { ...activity, attention: needsAttention(health, now) };
}

/** What `thisWeek` tells. */
export type ThisWeek = Awaited<ReturnType<typeof thisWeek>>;
