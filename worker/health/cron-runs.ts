import { desc, lte, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { cronRuns } from "../db/schema.ts";

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

/** The most recent send runs, newest first. */
export function recentCronRuns(db: Database, limit = 10): Promise<CronRun[]> {
  return db.select().from(cronRuns).orderBy(desc(cronRuns.id)).limit(limit).all();
}
