import * as z from "zod/mini";
import type { Database } from "../../mechanisms/db/client.ts";
import type { Config } from "../../mechanisms/lib/config.ts";
import { compactSent } from "../../mechanisms/sending/compact.ts";
import { planProfile } from "../../mechanisms/sending/plan.ts";
import { clearUnconfirmed } from "../readers/reader-data.ts";
import { pruneHandled } from "../readers/suppression.ts";
import { pruneConfirmationSlots } from "../readers/throttle.ts";

/** "Do the housekeeping of the run of `scheduledTime`": on Workers Free, a message on the claim queue (see `housekeepApart`). */
export const housekeepingMessage = z.object({
  kind: z.literal("housekeeping"),
  scheduledTime: z.int().check(z.nonnegative()),
});
export type HousekeepingMessage = z.infer<typeof housekeepingMessage>;

/**
 * What a send run does besides sending: clears signups that were never confirmed, forgets
 * confirmation throttles and webhook ids that no longer hold anything back, and compacts what
 * was sent long ago (mechanisms/sending/compact.ts). Every part is guarded by the time, so a
 * repeated or late run changes nothing more.
 */
export async function housekeep(db: Database, cfg: Config, scheduledTime: number): Promise<void> {
  await clearUnconfirmed(db, scheduledTime);
  await pruneConfirmationSlots(db, scheduledTime);
  await pruneHandled(db, scheduledTime);
  await compactSent(db, scheduledTime, planProfile(cfg).compactBatches);
}

/**
 * The run's housekeeping, in the cron's own invocation on Workers Paid; on Workers Free handed
 * to an invocation of its own (the claim queue's consumer), as cron and housekeeping together
 * come near Free's 10 ms of CPU.
 */
export async function housekeepOrHandOn(env: Env, db: Database, cfg: Config, scheduledTime: number): Promise<void> {
  if (!planProfile(cfg).housekeepApart) return housekeep(db, cfg, scheduledTime);
  await env.CLAIMS.send({ kind: "housekeeping", scheduledTime } satisfies HousekeepingMessage);
}
