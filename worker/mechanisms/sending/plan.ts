import type { Config } from "../lib/config.ts";
import { MAX_BATCH } from "../mail/transport.ts";
import { COMPACT_BATCHES } from "./compact.ts";

/**
 * How much one invocation may take on, by Workers plan (`PLAN`). Workers Free allows 10 ms of
 * CPU, 50 subrequests and 50 D1 queries per invocation, and 10,000 queue operations a day
 * (https://developers.cloudflare.com/workers/platform/limits/,
 * https://developers.cloudflare.com/d1/platform/limits/,
 * https://developers.cloudflare.com/queues/platform/pricing/): there a claim page and a send
 * batch are small, a claim turn claims one page, a send batch is one queue message (not one per
 * mail) and goes through the claim queue, which hands each invocation one message, and the
 * cron's housekeeping (clean-ups and compaction) has an invocation of its own.
 */
export type PlanProfile = {
  /** Readers claimed per page, and so mails per send batch (one Resend call). */
  pageSize: number;
  /** Lesson pages one claim turn may claim. */
  lessonPages: number;
  /** Subrequests one claim turn may spend on claims (see claim-chain.ts). */
  claimSubrequests: number;
  /** Open batches the cron's sweep puts back on the queue per run. */
  sweepBatches: number;
  /** Send batches a run's housekeeping compacts (see compact.ts). */
  compactBatches: number;
  /** One queue message per send batch, on the claim queue, instead of one per mail on the send queue. */
  messagePerBatch: boolean;
  /** The cron's housekeeping in an invocation of its own, one message on the claim queue, instead of in the cron's. */
  housekeepApart: boolean;
};

const PAID: PlanProfile = {
  pageSize: MAX_BATCH,
  lessonPages: 100,
  claimSubrequests: 400,
  sweepBatches: 50,
  compactBatches: COMPACT_BATCHES,
  messagePerBatch: false,
  housekeepApart: false,
};

/** Sized with `npm run bench` (its Free-plan table): there each kind's median CPU is 1 to 5 ms, its 99th percentile under 10. */
const FREE: PlanProfile = {
  pageSize: 10,
  lessonPages: 1,
  claimSubrequests: 7,
  sweepBatches: 5,
  // 96 runs a day compact 1,920 batches of 10: more than the 100,000 rows D1 writes a day can send.
  compactBatches: 20,
  messagePerBatch: true,
  housekeepApart: true,
};

/** The profile of the plan this Worker runs on. */
export function planProfile(cfg: Pick<Config, "PLAN">): PlanProfile {
  return cfg.PLAN === "free" ? FREE : PAID;
}
