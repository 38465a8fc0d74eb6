import { config } from "../config.ts";
import { type Database, database } from "../db/client.ts";
import type { MailTransport } from "../mail/transport.ts";
import {
  type BatchDelivery,
  completeBatch,
  type DeliveryOutcome,
  findSendBatch,
  freezeBatch,
  loadBatchDeliveries,
} from "./batches.ts";
import { composers } from "./composers.ts";

/**
 * Sends one send batch with one transport call, exactly once however often it
 * runs: a completed batch is left alone; the first attempt freezes who it goes
 * to (skipping readers who left since the claim, or, for a confirmation, who
 * confirmed already), and every retry sends that
 * same set under the batch's key, so Resend replays instead of sending again.
 * A retryable transport failure propagates and leaves the batch open.
 */
export async function sendBatch(
  env: Env,
  transport: MailTransport,
  batchKey: string,
  now: number,
  db: Database = database(env),
): Promise<DeliveryOutcome[]> {
  const cfg = config(env);
  const batch = await findSendBatch(db, batchKey);
  if (!batch || batch.completedAt !== null) return [];
  const all = await loadBatchDeliveries(db, batchKey);
  let sendable: BatchDelivery[];
  if (batch.attemptedIds === null) {
    sendable = all.filter((d) => composers[d.kind].sendsTo === d.subscriberStatus);
    await freezeBatch(
      db,
      batchKey,
      sendable.map((d) => d.id),
    );
  } else {
    const frozen = new Set(batch.attemptedIds);
    sendable = all.filter((d) => frozen.has(d.id));
  }
  const mails = await Promise.all(
    sendable.map(async (delivery) => ({
      ...(await composers[delivery.kind].compose(cfg, delivery, db)),
      idempotencyKey: `delivery/${delivery.id}`,
    })),
  );
  const results = mails.length > 0 ? await transport.sendBatch(mails, `batch/${batchKey}`) : [];
  const outcomes = results.map((result, index): DeliveryOutcome => {
    const id = sendable[index]!.id;
    return result.ok
      ? { id, status: "sent", providerId: result.id }
      : { id, status: "failed", error: result.error.slice(0, 500) };
  });
  await completeBatch(db, batchKey, outcomes, now);
  return outcomes;
}
