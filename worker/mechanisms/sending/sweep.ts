import type { Database } from "../db/client.ts";
import { config } from "../lib/config.ts";
import { batchDeliveryIds, staleBatches } from "./batches.ts";
import { planProfile } from "./plan.ts";
import { enqueue } from "./queue.ts";

/** A batch still open this long after its claim has lost its queue messages (or used up their retries). */
export const STALE_AFTER_MS = 30 * 60_000;

/**
 * Puts batches that are still open long after their claim back on the queue
 * (lost messages, an enqueue that failed after the claim, an exhausted retry
 * budget, a quota pause), so no claimed mail is lost; sending them stays exactly-once.
 */
export async function requeueStale(env: Env, db: Database, now: number, staleAfter = STALE_AFTER_MS): Promise<number> {
  const stale = await staleBatches(db, now - staleAfter, planProfile(config(env)).sweepBatches);
  for (const { key } of stale) await enqueue(env, { batchKey: key, deliveryIds: await batchDeliveryIds(db, key) });
  return stale.length;
}
