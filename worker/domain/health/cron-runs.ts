import { desc, eq, lte, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { cronRuns } from "../../mechanisms/db/schema.ts";

/** How many send runs the health page can look back on (a day and a half at one run per 15 minutes). */
export const KEPT_RUNS = 144;

export type CronRun = typeof cronRuns.$inferSelect;

/** Notes what one send run did, and forgets runs beyond the last `KEPT_RUNS`, in one D1 batch. */
export async function recordCronRun(
  db: Database,
  run: { scheduledAt: number; claimed: number; swept: number },
): Promise<void> {
  await db.batch([
    db.insert(cronRuns).values(run),
    db.delete(cronRuns).where(lte(cronRuns.id, sql`(select max(${cronRuns.id}) from ${cronRuns}) - ${KEPT_RUNS}`)),
  ]);
}

/**
 * Adds what a later turn of the run of `scheduledAt` claimed (claim-chain.ts) to that run's
 * note, so the health page counts the whole run. The cron notes its run before it hands on.
 */
export async function addClaimed(db: Database, scheduledAt: number, claimed: number): Promise<void> {
  await db
    .update(cronRuns)
    .set({ claimed: sql`${cronRuns.claimed} + ${claimed}` })
    .where(
      eq(
        cronRuns.id,
        sql`(select max(${cronRuns.id}) from ${cronRuns} where ${cronRuns.scheduledAt} = ${scheduledAt})`,
      ),
    );
}

/** The most recent send runs, newest first. */
export function recentCronRuns(db: Database, limit = 10): Promise<CronRun[]> {
  return db.select().from(cronRuns).orderBy(desc(cronRuns.id)).limit(limit).all();
}
