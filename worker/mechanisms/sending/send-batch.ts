import { type Database, database } from "../db/client.ts";
import { config } from "../lib/config.ts";
import { type MailTransport, RetryableSendError } from "../mail/transport.ts";
import { completeBatch, type DeliveryOutcome, freezeBatch, markRefused } from "./attempts.ts";
import { type BatchDelivery, findSendBatch, loadBatchDeliveries, type SendBatch } from "./batches.ts";
import type { Composers } from "./composer.ts";

/**
 * Who this attempt goes to. The first attempt freezes the readers the mail still goes to
 * (skipping who left since the claim, or, for a confirmation, who confirmed already).
 * A retry sends that same set under the same key, so Resend replays instead of sending
 * again, unless every earlier attempt was refused outright: then nothing went out, and a
 * reader who left meanwhile is left out, as a new generation of the batch under a new key.
 * Null when another consumer froze the batch at the same moment.
 */
async function attemptSet(db: Database, composers: Composers, batch: SendBatch, all: BatchDelivery[]) {
  const eligible = all.filter((d) => composers[d.kind].sendsTo === d.subscriberStatus);
  if (batch.attemptedIds !== null && batch.mayHaveSent) {
    const frozen = new Set(batch.attemptedIds);
    return { sendable: all.filter((d) => frozen.has(d.id)), generation: batch.generation };
  }
  let ids = eligible.map((d) => d.id);
  let generation = 0;
  if (batch.attemptedIds !== null) {
    const frozen = new Set(batch.attemptedIds);
    ids = ids.filter((id) => frozen.has(id));
    generation = ids.length === frozen.size ? batch.generation : batch.generation + 1;
  }
  if (!(await freezeBatch(db, batch, ids, generation))) return null;
  const chosen = new Set(ids);
  return { sendable: eligible.filter((d) => chosen.has(d.id)), generation };
}

/**
 * Sends one send batch with one transport call, exactly once however often it runs:
 * a completed batch is left alone, and each attempt goes to the set `attemptSet` decides,
 * under a key that is the same whenever the payload is. A retryable transport failure
 * propagates and leaves the batch open; one refused outright is recorded as such.
 */
export async function sendBatch(
  env: Env,
  composers: Composers,
  transport: MailTransport,
  batchKey: string,
  now: number,
  db: Database = database(env),
): Promise<DeliveryOutcome[]> {
  const cfg = config(env);
  const batch = await findSendBatch(db, batchKey);
  if (!batch || batch.completedAt !== null) return [];
  const attempt = await attemptSet(db, composers, batch, await loadBatchDeliveries(db, batchKey));
  if (!attempt) throw new RetryableSendError("another consumer is sending this batch", 5);
  const { sendable, generation } = attempt;
  const mails = await Promise.all(
    sendable.map(async (delivery) => ({
      ...(await composers[delivery.kind].compose(cfg, delivery, db)),
      idempotencyKey: `delivery/${delivery.id}${generation ? `/${generation}` : ""}`,
    })),
  );
  let results: Awaited<ReturnType<MailTransport["sendBatch"]>> = [];
  try {
    if (mails.length > 0)
      results = await transport.sendBatch(mails, `batch/${batchKey}${generation ? `/${generation}` : ""}`);
  } catch (error) {
    if (error instanceof RetryableSendError && !error.mayHaveSent) await markRefused(db, { key: batchKey, generation });
    throw error;
  }
  const outcomes = results.map((result, index): DeliveryOutcome => {
    const id = sendable[index]!.id;
    return result.ok
      ? { id, status: "sent", providerId: result.id }
      : { id, status: "failed", error: result.error.slice(0, 500) };
  });
  await completeBatch(db, batchKey, outcomes, now);
  return outcomes;
}
