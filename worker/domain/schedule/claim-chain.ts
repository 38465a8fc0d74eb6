import * as z from "zod/mini";
import { type Database, database } from "../../mechanisms/db/client.ts";
import { type Config, config } from "../../mechanisms/lib/config.ts";
import { enqueue } from "../../mechanisms/sending/queue.ts";
import { claimDue } from "../course/claim.ts";
import { addClaimed } from "../health/cron-runs.ts";
import { claimNewsletters } from "../newsletter/claim.ts";

/** The queue that carries a send run's claiming from one invocation to the next (wrangler.toml). */
export const CLAIM_QUEUE = "send-claims";

/** "Go on claiming for the run of `scheduledTime`": the only message on the claim queue. */
const claimMessage = z.object({ kind: z.literal("claim"), scheduledTime: z.int().check(z.nonnegative()) });
export type ClaimMessage = z.infer<typeof claimMessage>;

/**
 * What one invocation may spend on claims, in subrequests: a lesson page costs the due query,
 * the claim batch and the enqueue (3), an issue page also finds its issue (4). Lessons take at
 * most `lessonPages` pages of 100; newsletter issues get what they leave (25 pages at least),
 * so an issue keeps its turn however many lessons are due.
 */
export type ClaimBudget = { subrequests: number; lessonPages: number };
export const CLAIM_BUDGET: ClaimBudget = { subrequests: 400, lessonPages: 100 };
const LESSON_PAGE_COST = 3;
const ISSUE_PAGE_COST = 4;
/**
 * Delivery messages a second a run's claims may put on the send queue: Queues accepts 5,000 a
 * second per queue (and throws beyond); the rest is left for signups and the sweep.
 */
const ENQUEUED_PER_SECOND = 4000;

/** Waits, if need be, until `enqueued` messages since `since` are within the queue's rate. */
async function keepToQueueRate(since: number, enqueued: number): Promise<void> {
  const ahead = (enqueued / ENQUEUED_PER_SECOND) * 1000 - (Date.now() - since);
  if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
}

/**
 * One turn of a send run's claiming: due lessons, then newsletter issues whose time has come,
 * as far as `budget` reaches. Who is due is decided by the run's `scheduledTime`, never the
 * wall clock, so every turn of a run does the run's work and a repeated turn finds nothing
 * left to claim. `more` says the budget ran out before the work did.
 */
export async function claimTurn(
  env: Env,
  db: Database,
  cfg: Config,
  scheduledTime: number,
  budget: ClaimBudget = CLAIM_BUDGET,
): Promise<{ claimed: number; more: boolean }> {
  const since = Date.now();
  let claimed = 0;
  let pages = 0;
  for (; pages < budget.lessonPages; pages++) {
    const claim = await claimDue(db, cfg, scheduledTime);
    if (!claim) break;
    claimed += claim.deliveryIds.length;
    await enqueue(env, claim);
    await keepToQueueRate(since, claimed);
  }
  const issuePages = Math.max(1, Math.floor((budget.subrequests - pages * LESSON_PAGE_COST) / ISSUE_PAGE_COST));
  for (let page = 0; page < issuePages; page++) {
    const issues = await claimNewsletters(env, db, cfg, scheduledTime, 1);
    claimed += issues.claimed;
    if (issues.done) return { claimed, more: pages === budget.lessonPages };
    await keepToQueueRate(since, claimed);
  }
  return { claimed, more: true };
}

/** Hands the rest of the run of `scheduledTime` on to the next invocation: one message on the claim queue. */
export async function handOn(env: Env, scheduledTime: number): Promise<void> {
  await env.CLAIMS.send({ kind: "claim", scheduledTime } satisfies ClaimMessage);
}

/**
 * Consumer of the claim queue: each message is one more turn of its run's claiming, within
 * this invocation's budget, handing on again while work is left. A duplicated or replayed
 * message claims nothing twice (every claim is guarded in D1) and, once the run is done, hands
 * nothing on. A message that is not a claim is acked and dropped: retrying cannot mend it. A
 * turn that fails throws, so the queue retries it; should it give up, the next cron run claims
 * whoever is still due.
 */
export async function consumeClaims(
  batch: MessageBatch<unknown>,
  env: Env,
  budget: ClaimBudget = CLAIM_BUDGET,
): Promise<void> {
  const cfg = config(env);
  const db = database(env);
  for (const message of batch.messages) {
    const parsed = claimMessage.safeParse(message.body);
    if (!parsed.success) {
      console.warn(JSON.stringify({ event: "claim_message_dropped", queue: batch.queue }));
      message.ack();
      continue;
    }
    const { scheduledTime } = parsed.data;
    const turn = await claimTurn(env, db, cfg, scheduledTime, budget);
    if (turn.claimed > 0) await addClaimed(db, scheduledTime, turn.claimed);
    if (turn.more) await handOn(env, scheduledTime);
    message.ack();
  }
}
