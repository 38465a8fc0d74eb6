import { type Database, database } from "../../mechanisms/db/client.ts";
import { type Config, config } from "../../mechanisms/lib/config.ts";
import { planProfile } from "../../mechanisms/sending/plan.ts";
import { endQuotaPause, quotaPause } from "../../mechanisms/sending/quota.ts";
import { requeueStale } from "../../mechanisms/sending/sweep.ts";
import { recordCronRun } from "../health/cron-runs.ts";
import { type ClaimBudget, claimBudget, claimTurn, handOn } from "./claim-chain.ts";
import { housekeepOrHandOn } from "./housekeeping.ts";

/**
 * One send run: due lessons, then newsletter issues whose time has come. The clock is the
 * schedule's: who is due is decided by `scheduledTime`, so a late or replayed run does exactly the same work,
 * and a run repeated for the same time finds nothing left to claim. The cron claims what fits
 * in its budget (`CLAIM_BUDGET`) and, when more is due, hands the rest on through the claim
 * queue, one invocation after another, so every reader due now is claimed now, however long the list.
 * It also re-enqueues batches whose messages were lost, so no due lesson is; then it notes what
 * it did for the health page, hands on, and last does the housekeeping (./housekeeping.ts), on
 * Workers Free in an invocation of its own.
 * While Resend's quota is used up it claims and re-sends nothing (see `sendAndClaim`).
 */
export async function runSchedule(
  env: Env,
  scheduledTime: number,
  budget?: ClaimBudget,
): Promise<{ claimed: number; swept: number; more: boolean }> {
  const cfg = config(env);
  const db = database(env);
  const { claimed, more, swept } = await sendAndClaim(env, db, cfg, scheduledTime, budget ?? claimBudget(cfg));
  // Noted before handing on, so the next turns find the run to add their claims to.
  await recordCronRun(db, { scheduledAt: scheduledTime, claimed, swept });
  if (more) await handOn(env, scheduledTime);
  await housekeepOrHandOn(env, db, cfg, scheduledTime);
  return { claimed, swept, more };
}

/**
 * The run's sending: claim, then put lost batches back on the queue. While a pause for Resend's
 * quota lasts, neither: readers stay due, and what was claimed waits, open. Once it is over,
 * every batch still open goes back on the queue first, oldest first, a sweep a run, and
 * claiming resumes in the run after the last of them, so each reader's lessons keep their
 * order and their rhythm starts again from the lesson that waited.
 */
async function sendAndClaim(env: Env, db: Database, cfg: Config, scheduledTime: number, budget: ClaimBudget) {
  const pause = await quotaPause(db);
  if (pause && pause.until > scheduledTime) return { claimed: 0, more: false, swept: 0 };
  if (pause) {
    const swept = await requeueStale(env, db, scheduledTime, 0);
    // Fewer than a full sweep: all that waited is back on its way (a batch stuck for another reason holds nothing up).
    if (swept < planProfile(cfg).sweepBatches) await endQuotaPause(db, scheduledTime);
    return { claimed: 0, more: false, swept };
  }
  const turn = await claimTurn(env, db, cfg, scheduledTime, budget);
  return { ...turn, swept: await requeueStale(env, db, scheduledTime) };
}
