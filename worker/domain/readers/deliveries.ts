import { desc, eq } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { deliveries, sendBatches } from "../../mechanisms/db/schema.ts";
import { type DeliveryStatus, statusInBatch } from "../../mechanisms/sending/batches.ts";
import { composers } from "../mails/index.ts";

/** What became of one mail to a reader, as the author reads it. */
export type ReaderDelivery = {
  subject: string;
  dueAt: number;
  /** claimed: waiting in the queue; skipped: the reader had left (or had not confirmed) before it went. */
  status: DeliveryStatus;
  /** Resend's reason, for a failed mail. */
  reason: string | null;
  sentAt: number | null;
};

/**
 * A reader's mails of every kind, newest first, each with its outcome from its send batch (read
 * by `statusInBatch`, as `deliveryStatus` does, for all of a reader's
 * mails in one query rather than one per mail).
 */
export async function readerDeliveries(db: Database, subscriberId: string, limit = 50): Promise<ReaderDelivery[]> {
  const rows = await db
    .select({
      id: deliveries.id,
      kind: deliveries.kind,
      ref: deliveries.ref,
      dueAt: deliveries.dueAt,
      attemptedIds: sendBatches.attemptedIds,
      outcomes: sendBatches.outcomes,
      sentCount: sendBatches.sentCount,
      completedAt: sendBatches.completedAt,
    })
    .from(deliveries)
    .leftJoin(sendBatches, eq(sendBatches.key, deliveries.batchKey))
    .where(eq(deliveries.subscriberId, subscriberId))
    .orderBy(desc(deliveries.dueAt), desc(deliveries.claimedAt))
    .limit(limit)
    .all();
  return Promise.all(
    rows.map(async (row) => {
      const failed = row.outcomes?.failed[row.id];
      const status = statusInBatch(row.id, row);
      return {
        subject: await composers[row.kind].subject(row.ref, db),
        dueAt: row.dueAt,
        status,
        reason: failed ?? null,
        sentAt: status === "sent" ? row.completedAt : null,
      } as const;
    }),
  );
}
