import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type BatchOutcomes, sendBatches } from "../db/schema.ts";
import { isStorageError } from "../lib/error-summary.ts";
import { RetryableSendError } from "../mail/transport.ts";
import type { SendBatch } from "./batches.ts";

/**
 * Freezes who a batch goes to before an attempt, and marks that it may now reach the
 * provider: the first time, or again after attempts that were all refused outright (then
 * perhaps without readers who left, as a new `generation`). The mails that could not be made
 * (`failed`, by delivery id, with the reason) are recorded with it, so a retry knows them.
 * Guarded by what it saw, so of two concurrent consumers only one freezes; false for the other.
 */
export async function freezeBatch(
  db: Database,
  batch: Pick<SendBatch, "key" | "generation" | "attemptedIds">,
  attemptedIds: string[],
  generation: number,
  failed: Record<string, string>,
): Promise<boolean> {
  const seen =
    batch.attemptedIds === null
      ? isNull(sendBatches.attemptedIds)
      : and(eq(sendBatches.generation, batch.generation), eq(sendBatches.mayHaveSent, false));
  // Counted from the write's own result: a RETURNING clause would cost D1 reads on every batch.
  const result = await db
    .update(sendBatches)
    .set({
      attemptedIds,
      generation,
      mayHaveSent: true,
      outcomes: { sent: {}, failed },
    })
    .where(and(eq(sendBatches.key, batch.key), isNull(sendBatches.completedAt), seen));
  return result.meta.changes > 0;
}

/** Records that an attempt was refused outright: nothing of it reached the provider. */
export async function markRefused(db: Database, batch: Pick<SendBatch, "key" | "generation">): Promise<void> {
  await db
    .update(sendBatches)
    .set({ mayHaveSent: false })
    .where(and(eq(sendBatches.key, batch.key), eq(sendBatches.generation, batch.generation)));
}

/** What became of one delivery of a batch: sent with the provider's id, or failed with the reason. */
export type DeliveryOutcome = { id: string; status: "sent" | "failed"; providerId?: string; error?: string };

/** Records what became of each delivery and closes the batch: one row write per batch. */
export async function completeBatch(
  db: Database,
  batchKey: string,
  results: DeliveryOutcome[],
  now: number,
): Promise<void> {
  const outcomes: BatchOutcomes = { sent: {}, failed: {} };
  for (const result of results) {
    if (result.status === "sent") outcomes.sent[result.id] = result.providerId ?? "";
    else outcomes.failed[result.id] = result.error ?? "";
  }
  await db
    .update(sendBatches)
    .set({ outcomes, completedAt: now, madeWith: null })
    .where(and(eq(sendBatches.key, batchKey), isNull(sendBatches.completedAt)));
}

/** Why an attempt failed: the provider would not take the mails, D1 failed, or our own code did. */
export type Failure = NonNullable<SendBatch["lastFailure"]>;

/** Notes on a batch still open that an attempt failed, and why, for the author's status and issue pages. */
export async function noteFailedAttempt(db: Database, batchKey: string, error: unknown, now: number): Promise<void> {
  const failure: Failure =
    error instanceof RetryableSendError ? "provider" : isStorageError(error) ? "storage" : "software";
  await db
    .update(sendBatches)
    .set({ lastFailedAt: now, lastFailure: failure })
    .where(and(eq(sendBatches.key, batchKey), isNull(sendBatches.completedAt)));
}
