import { config } from "../config.ts";
import { database } from "../db/client.ts";
import { MAX_BATCH } from "../mail/transport.ts";
import { claimDue } from "./deliveries.ts";

export type DeliveryMessage = { deliveryId: string };

/**
 * One send run. The clock is the schedule's: who is due is decided by
 * `scheduledTime`, so a late or replayed run does exactly the same work,
 * and a run repeated for the same time finds nothing left to claim.
 */
export async function runSchedule(env: Env, scheduledTime: number): Promise<number> {
  const cfg = config(env);
  const db = database(env);
  let claimed = 0;
  for (;;) {
    const ids = await claimDue(db, cfg, scheduledTime);
    if (ids.length === 0) break;
    claimed += ids.length;
    for (let start = 0; start < ids.length; start += MAX_BATCH) {
      await env.DELIVERIES.sendBatch(ids.slice(start, start + MAX_BATCH).map((deliveryId) => ({ body: { deliveryId } satisfies DeliveryMessage })));
    }
  }
  return claimed;
}
