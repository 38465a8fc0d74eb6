import { config } from "../config.ts";
import { database } from "../db/client.ts";
import { MAX_BATCH } from "../mail/transport.ts";
import { clearUnconfirmed } from "../privacy/reader-data.ts";
import { batchDeliveryIds, type Claim, claimDue, staleBatches } from "./deliveries.ts";

/** One queue message per claimed delivery; the consumer sends by batch. */
export type DeliveryMessage = { batchKey: string; deliveryId: string };

/** A batch still open this long after its claim has lost its queue messages (or used up their retries). */
export const STALE_AFTER_MS = 30 * 60_000;

/**
 * Claim pages per run. Each page costs three subrequests (the due query, the
 * claim batch, the enqueue), so a run stays well under the 1,000 a Worker may
 * make; readers left over are claimed by the next run, 15 minutes later.
 */
export const MAX_CLAIM_PAGES = 300;

/** Puts a claim's deliveries on the queue, at most 100 messages per call. */
export async function enqueue(env: Env, { batchKey, deliveryIds }: Claim): Promise<void> {
  for (let start = 0; start < deliveryIds.length; start += MAX_BATCH) {
    const messages = deliveryIds
      .slice(start, start + MAX_BATCH)
      .map((deliveryId) => ({ body: { batchKey, deliveryId } satisfies DeliveryMessage }));
    await env.DELIVERIES.sendBatch(messages);
  }
}

/**
 * One send run. The clock is the schedule's: who is due is decided by
 * `scheduledTime`, so a late or replayed run does exactly the same work,
 * and a run repeated for the same time finds nothing left to claim.
 * It also re-enqueues batches whose messages were lost, so no due lesson is,
 * and clears signups that were never confirmed.
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
  const stale = await staleBatches(db, scheduledTime - STALE_AFTER_MS);
  for (const { key } of stale) {
    await enqueue(env, { batchKey: key, deliveryIds: await batchDeliveryIds(db, key) });
  }
  await clearUnconfirmed(db, scheduledTime);
  return { claimed, swept: stale.length };
}
