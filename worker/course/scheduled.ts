import { config } from "../config.ts";
import { database } from "../db/client.ts";
import { recordCronRun } from "../health/cron-runs.ts";
import { clearUnconfirmed } from "../privacy/reader-data.ts";
import { enqueue } from "../sending/queue.ts";
import { requeueStale } from "../sending/sweep.ts";
import { pruneConfirmationSlots } from "../signup/throttle.ts";
import { pruneHandled } from "../webhooks/suppress.ts";
import { claimDue } from "./claim.ts";

/**
 * Claim pages per run. Each page costs three subrequests (the due query, the
 * claim batch, the enqueue), so a run stays well under the 1,000 a Worker may
 * make; readers left over are claimed by the next run, 15 minutes later.
 */
export const MAX_CLAIM_PAGES = 300;

/**
 * One send run. The clock is the schedule's: who is due is decided by
 * `scheduledTime`, so a late or replayed run does exactly the same work,
 * and a run repeated for the same time finds nothing left to claim.
 * It also re-enqueues batches whose messages were lost, so no due lesson is,
 * clears signups that were never confirmed, and forgets confirmation throttles
 * and webhook ids that no longer hold anything back; last, it notes what it did for the health page.
 */
export async function runSchedule(env: Env, scheduledTime: number): Promise<{ claimed: number; swept: number }> {
  const cfg = config(env);
  const db = database(env);
  let claimed = 0;
  for (let page = 0; page < MAX_CLAIM_PAGES; page++) {
    const claim = await claimDue(db, cfg, scheduledTime);
    if (!claim) break;
    claimed += claim.deliveryIds.length;
    await enqueue(env, claim);
  }
  const swept = await requeueStale(env, db, scheduledTime);
  await clearUnconfirmed(db, scheduledTime);
  await pruneConfirmationSlots(db, scheduledTime);
  await pruneHandled(db, scheduledTime);
  await recordCronRun(db, { scheduledAt: scheduledTime, claimed, swept });
  return { claimed, swept };
}
