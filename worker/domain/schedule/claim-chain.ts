import * as z from "zod/mini";
import { type Database, database } from "../../mechanisms/db/client.ts";
import { type Config, config } from "../../mechanisms/lib/config.ts";
import { MAX_BATCH, type MailTransport } from "../../mechanisms/mail/transport.ts";
import { planProfile } from "../../mechanisms/sending/plan.ts";
import { consumeDeliveries, type DeliveryMessage, enqueue } from "../../mechanisms/sending/queue.ts";
import { claimedInPeriod, countClaimed, quotaPause } from "../../mechanisms/sending/quota.ts";
import { claimDue } from "../course/claim.ts";
import { addClaimed } from "../health/cron-runs.ts";
import { composers } from "../mails/index.ts";
import { claimNewsletters } from "../newsletter/claim.ts";
import { housekeep, housekeepingMessage } from "./housekeeping.ts";

/** The queue that carries a send run's claiming from one invocation to the next (wrangler.toml). */
export const CLAIM_QUEUE = "send-claims";

/** "Go on claiming for the run of `scheduledTime`": the only message on the claim queue. */
const claimMessage = z.object({ kind: z.literal("claim"), scheduledTime: z.int().check(z.nonnegative()) });
/** A send batch to send, as on the send queue: on Workers Free sending goes through this queue too (see enqueue). */
const deliveryMessage = z.object({ batchKey: z.string().check(z.minLength(1)), deliveryId: z.string() });
export type ClaimMessage = z.infer<typeof claimMessage>;

/**
 * What one invocation may spend on claims, in subrequests: a lesson page costs the due query,
 * the claim batch and the enqueue (3), an issue page also finds its issue (4). Lessons take at
 * most `lessonPages` pages of 100; newsletter issues get what they leave (25 pages at least),
 * so an issue keeps its turn however many lessons are due.
 */
export type ClaimBudget = { subrequests: number; lessonPages: number; pageSize?: number };
export const CLAIM_BUDGET: ClaimBudget = { subrequests: 400, lessonPages: 100 };

/** The budget of a claim turn on this Worker's plan (`PLAN`, see mechanisms/sending/plan.ts): `CLAIM_BUDGET` on Workers Paid. */
export function claimBudget(cfg: Config): ClaimBudget {
  const plan = planProfile(cfg);
  return { subrequests: plan.claimSubrequests, lessonPages: plan.lessonPages, pageSize: plan.pageSize };
}
const LESSON_PAGE_COST = 3;
const ISSUE_PAGE_COST = 4;
/**
 * Delivery messages a second a run's claims may put on the send queue: Queues accepts 5,000 a
 * second per queue (and throws beyond); the rest is left for signups and the sweep.
 */
const ENQUEUED_PER_SECOND = 4000;

/** Waits, if need be, until `enqueued` messages since `since` are within the queue's rate. */
async function keepToQueueRate(since: number, enqueued: number): Promise<void> {
  // performance.now, not Date.now: a simulated calendar (the bench's years) sets the date, not the pace.
  const ahead = (enqueued / ENQUEUED_PER_SECOND) * 1000 - (performance.now() - since);
  if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
}

/**
 * How many more mails the send runs may claim today and this month (UTC, as Resend counts):
 * RESEND_DAILY_QUOTA and RESEND_MONTHLY_QUOTA less what they claimed already; unbounded
 * without either. Readers who do not fit stay due, and go first when there is room again.
 */
async function quotaRoom(db: Database, cfg: Config, now: number): Promise<number> {
  const daily = cfg.RESEND_DAILY_QUOTA ?? Number.POSITIVE_INFINITY;
  const monthly = cfg.RESEND_MONTHLY_QUOTA ?? Number.POSITIVE_INFINITY;
  if (daily === Number.POSITIVE_INFINITY && monthly === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  const claimed = await claimedInPeriod(db, now);
  return Math.max(0, Math.min(daily - claimed.day, monthly - claimed.month));
}

/**
 * One turn of a send run's claiming: due lessons, then newsletter issues whose time has come,
 * as far as `budget` and the quotas' room (see `quotaRoom`) reach. Who is due is decided by the run's `scheduledTime`, never the
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
  const since = performance.now();
  const room = await quotaRoom(db, cfg, scheduledTime);
  let claimed = 0;
  let pages = 0;
  const done = async (more: boolean) => {
    if (room !== Number.POSITIVE_INFINITY && claimed > 0) await countClaimed(db, claimed, scheduledTime);
    return { claimed, more };
  };
  for (; pages < budget.lessonPages; pages++) {
    if (claimed >= room) return done(false);
    const claim = await claimDue(db, cfg, scheduledTime, {
      limit: Math.min(budget.pageSize ?? MAX_BATCH, room - claimed),
    });
    if (!claim) break;
    claimed += claim.deliveryIds.length;
    await enqueue(env, claim);
    await keepToQueueRate(since, claimed);
  }
  const issuePages = Math.max(1, Math.floor((budget.subrequests - pages * LESSON_PAGE_COST) / ISSUE_PAGE_COST));
  for (let page = 0; page < issuePages; page++) {
    if (claimed >= room) return done(false);
    const limit = Math.min(budget.pageSize ?? MAX_BATCH, room - claimed);
    const issues = await claimNewsletters(env, db, cfg, scheduledTime, 1, limit);
    claimed += issues.claimed;
    if (issues.done) return done(pages === budget.lessonPages);
    await keepToQueueRate(since, claimed);
  }
  return done(true);
}

/** Hands the rest of the run of `scheduledTime` on to the next invocation: one message on the claim queue. */
export async function handOn(env: Env, scheduledTime: number): Promise<void> {
  await env.CLAIMS.send({ kind: "claim", scheduledTime } satisfies ClaimMessage);
}

/**
 * Consumer of the claim queue: each message is one more turn of its run's claiming, within
 * this invocation's budget, handing on again while work is left. A duplicated or replayed
 * message claims nothing twice (every claim is guarded in D1) and, once the run is done, hands
 * nothing on. On Workers Free a message may name a send batch instead: it is sent as the send
 * queue's consumer would; or ask for a run's housekeeping (./housekeeping.ts). A message that is
 * none of these is acked and dropped: retrying cannot mend it. A turn that fails throws, so the
 * queue retries it; should it give up, the next cron run claims whoever is still due.
 */
export async function consumeClaims(
  batch: MessageBatch<unknown>,
  env: Env,
  budget?: ClaimBudget,
  transport?: MailTransport,
): Promise<void> {
  const cfg = config(env);
  const db = database(env);
  const sends = batch.messages.filter((message) => deliveryMessage.safeParse(message.body).success);
  if (sends.length > 0)
    await consumeDeliveries({ ...batch, messages: sends } as MessageBatch<DeliveryMessage>, env, composers, transport);
  for (const message of batch.messages) {
    if (sends.includes(message)) continue;
    const chore = housekeepingMessage.safeParse(message.body);
    if (chore.success) {
      await housekeep(db, cfg, chore.data.scheduledTime);
      message.ack();
      continue;
    }
    const parsed = claimMessage.safeParse(message.body);
    if (!parsed.success) {
      console.warn(JSON.stringify({ event: "claim_message_dropped", queue: batch.queue }));
      message.ack();
      continue;
    }
    const { scheduledTime } = parsed.data;
    // While Resend's quota is used up nothing more is claimed: the first run after it claims whoever is still due.
    if (((await quotaPause(db))?.until ?? 0) > scheduledTime) {
      message.ack();
      continue;
    }
    const turn = await claimTurn(env, db, cfg, scheduledTime, budget ?? claimBudget(cfg));
    if (turn.claimed > 0) await addClaimed(db, scheduledTime, turn.claimed);
    if (turn.more) await handOn(env, scheduledTime);
    message.ack();
  }
}
