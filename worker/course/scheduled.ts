import { config } from "../config.ts";
import { database } from "../db/client.ts";
import { recordCronRun } from "../health/cron-runs.ts";
import { claimNewsletters } from "../newsletter/claim.ts";
import { clearUnconfirmed } from "../privacy/reader-data.ts";
import { compactSent } from "../sending/compact.ts";
import { enqueue } from "../sending/queue.ts";
import { requeueStale } from "../sending/sweep.ts";
import { pruneConfirmationSlots } from "../signup/throttle.ts";
import { pruneHandled } from "../webhooks/suppress.ts";
import { claimDue } from "./claim.ts";

/**
 * Subrequests a run's claims may make, of the 1,000 a Worker invocation may: the sweep of lost
 * batches (at most 101) and the housekeeping after it keep the rest. Readers left over are
 * claimed by the next run, 15 minutes later.
 */
const CLAIM_SUBREQUESTS = 880;
/** A lesson page costs the due query, the claim batch and the enqueue; an issue page also finds its issue. */
const LESSON_PAGE_COST = 3;
const ISSUE_PAGE_COST = 4;
/** Lessons may take at most this many pages of 100; newsletter issues get what they leave (70 pages at least). */
const MAX_LESSON_PAGES = 200;

/**
 * One send run: due lessons, then newsletter issues whose time has come. The clock is the
 * schedule's: who is due is decided by `scheduledTime`, so a late or replayed run does exactly the same work,
 * and a run repeated for the same time finds nothing left to claim.
 * It also re-enqueues batches whose messages were lost, so no due lesson is,
 * clears signups that were never confirmed, and forgets confirmation throttles
 * and webhook ids that no longer hold anything back, compacts what was sent long ago (sending/compact.ts);
 * last, it notes what it did for the health page.
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
  const issuePages = Math.floor((CLAIM_SUBREQUESTS - pages * LESSON_PAGE_COST) / ISSUE_PAGE_COST);
  claimed += await claimNewsletters(env, db, cfg, scheduledTime, issuePages);
  const swept = await requeueStale(env, db, scheduledTime);
  await clearUnconfirmed(db, scheduledTime);
  await pruneConfirmationSlots(db, scheduledTime);
  await pruneHandled(db, scheduledTime);
  await compactSent(db, scheduledTime);
  await recordCronRun(db, { scheduledAt: scheduledTime, claimed, swept });
  return { claimed, swept };
}
