import { config } from "../config.ts";
import { database } from "../db/client.ts";
import { recordCronRun } from "../health/cron-runs.ts";
import { claimNewsletters } from "../newsletter/claim.ts";
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
 * Lessons may use most of them; newsletter issues get what lessons leave, and
 * never less than a third.
 */
export const MAX_CLAIM_PAGES = 300;
const MAX_LESSON_PAGES = 200;

/**
 * One send run: due lessons, then newsletter issues whose time has come. The clock is the schedule's: who is due is decided by
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
  let pages = 0;
  for (; pages < MAX_LESSON_PAGES; pages++) {
    const claim = await claimDue(db, cfg, scheduledTime);
    if (!claim) break;
    claimed += claim.deliveryIds.length;
    await enqueue(env, claim);
  }
  claimed += await claimNewsletters(env, db, cfg, scheduledTime, MAX_CLAIM_PAGES - pages);
  const swept = await requeueStale(env, db, scheduledTime);
  await clearUnconfirmed(db, scheduledTime);
  await pruneConfirmationSlots(db, scheduledTime);
  await pruneHandled(db, scheduledTime);
  await recordCronRun(db, { scheduledAt: scheduledTime, claimed, swept });
  return { claimed, swept };
}
