import { type Database, database } from "../db/client.ts";
import { type Config, config } from "../lib/config.ts";
import { type MailTransport, RetryableSendError } from "../mail/transport.ts";
import { completeBatch, type DeliveryOutcome, freezeBatch, markRefused } from "./attempts.ts";
import { type BatchDelivery, findSendBatch, loadBatchDeliveries, type SendBatch } from "./batches.ts";
import { composeEach } from "./compose.ts";
import type { Composers } from "./composer.ts";

/** Thrown when another consumer froze the batch at the same moment: it is sending it, and nothing failed. */
export class BatchInFlight extends RetryableSendError {
  constructor() {
    super("another consumer is sending this batch", 5);
    this.name = "BatchInFlight";
  }
}

/**
 * Who this attempt goes to, with their mails made. The first attempt freezes the readers the
 * mail still goes to (skipping who left since the claim, or, for a confirmation, who confirmed
 * already) whose mail could be made; one that could not is recorded as failed with the freeze.
 * A retry sends that same set under the same key, its mails made again as they were, so Resend
 * replays instead of sending again, unless every earlier attempt was refused outright: then
 * nothing went out, and a reader who left meanwhile is left out, as a new generation of the
 * batch under a new key. Null when another consumer froze the batch at the same moment.
 */
async function attempt(cfg: Config, db: Database, composers: Composers, batch: SendBatch, all: BatchDelivery[]) {
  const failed = batch.outcomes?.failed ?? {};
  const frozen = batch.attemptedIds === null ? null : new Set(batch.attemptedIds);
  if (frozen && batch.mayHaveSent) {
    const { made, unmade } = await composeEach(
      cfg,
      composers,
      all.filter((d) => frozen.has(d.id)),
      db,
      batch.madeWith ?? {},
    );
    // The first attempt may have reached Resend with this mail: only the very same payload may follow it.
    if (Object.keys(unmade).length > 0) throw new Error("a mail sent once could not be made again for its retry");
    return { made, failed, generation: batch.generation };
  }
  const eligible = all.filter(
    (d) =>
      composers[d.kind].sendsTo === d.subscriberStatus && failed[d.id] === undefined && (frozen?.has(d.id) ?? true),
  );
  const { made, unmade } = await composeEach(cfg, composers, eligible, db, batch.madeWith ?? {});
  const ids = made.map(({ delivery }) => delivery.id);
  const generation = frozen === null ? 0 : ids.length === frozen.size ? batch.generation : batch.generation + 1;
  const recorded = { ...failed, ...unmade };
  if (!(await freezeBatch(db, batch, ids, generation, recorded))) return null;
  return { made, failed: recorded, generation };
}

/**
 * Sends one send batch with one transport call, exactly once however often it runs:
 * a completed batch is left alone, and each attempt goes to the set `attempt` decides,
 * under a key that is the same whenever the payload is. A retryable transport failure
 * propagates and leaves the batch open; one refused outright is recorded as such. The
 * outcomes name every mail: sent, refused by the provider, or not made.
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
  const planned = await attempt(cfg, db, composers, batch, await loadBatchDeliveries(db, batchKey));
  if (!planned) throw new BatchInFlight();
  const { made, failed, generation } = planned;
  const mails = made.map(({ delivery, mail }) => ({
    ...mail,
    idempotencyKey: `delivery/${delivery.id}${generation ? `/${generation}` : ""}`,
  }));
  let results: Awaited<ReturnType<MailTransport["sendBatch"]>> = [];
  try {
    if (mails.length > 0)
      results = await transport.sendBatch(mails, `batch/${batchKey}${generation ? `/${generation}` : ""}`);
  } catch (error) {
    if (error instanceof RetryableSendError && !error.mayHaveSent) await markRefused(db, { key: batchKey, generation });
    throw error;
  }
  const outcomes = [
    ...results.map((result, index): DeliveryOutcome => {
      const id = made[index]!.delivery.id;
      return result.ok
        ? { id, status: "sent", providerId: result.id }
        : { id, status: "failed", error: result.error.slice(0, 500) };
    }),
    ...Object.entries(failed).map(([id, error]): DeliveryOutcome => ({ id, status: "failed", error })),
  ];
  await completeBatch(db, batchKey, outcomes, now);
  return outcomes;
}
