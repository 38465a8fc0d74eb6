import { desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { database } from "../../mechanisms/db/client.ts";
import { deadLetters, sendBatches } from "../../mechanisms/db/schema.ts";
import type { DeliveryMessage } from "../../mechanisms/sending/queue.ts";

/** The queue whose messages used up their retries on the delivery queue (wrangler.toml's dead_letter_queue). */
export const DEAD_LETTER_QUEUE = "lesson-deliveries-dead";

/** Dead letters older than this are forgotten: by then the sweep has long re-sent their batches. */
export const DEAD_LETTERS_KEPT_MS = 30 * 86_400_000;

/** D1 binds at most 100 parameters per statement; a dead-letter row takes 5. */
const ROWS_PER_INSERT = 20;

/**
 * Consumer of the dead-letter queue: messages the delivery queue gave up on. Each is noted
 * once (by its message id, so a redelivery changes nothing) and acked; sending them again is
 * left to the cron's sweep, which re-enqueues every batch still open.
 */
export async function consumeDeadLetters(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  const db = database(env);
  const now = Date.now();
  const rows = batch.messages.map((message) => ({
    messageId: message.id,
    batchKey: String(message.body?.batchKey ?? ""),
    deliveryId: String(message.body?.deliveryId ?? ""),
    attempts: message.attempts,
    receivedAt: now,
  }));
  const inserts = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
    inserts.push(
      db
        .insert(deadLetters)
        .values(rows.slice(start, start + ROWS_PER_INSERT))
        .onConflictDoNothing(),
    );
  await db.batch([db.delete(deadLetters).where(lt(deadLetters.receivedAt, now - DEAD_LETTERS_KEPT_MS)), ...inserts]);
  console.warn(JSON.stringify({ event: "dead_letters", count: rows.length }));
  batch.ackAll();
}

export type DeadBatch = {
  batchKey: string;
  messages: number;
  attempts: number;
  firstAt: number;
  /** When the batch was sent after all (by the sweep), or null while it is still open. */
  completedAt: number | null;
};

/** Dead letters received since `since`, one row per send batch, newest first, with whether that batch has since gone out. */
export function deadBatchesSince(db: Database, since: number, limit = 50): Promise<DeadBatch[]> {
  return db
    .select({
      batchKey: deadLetters.batchKey,
      messages: sql<number>`count(*)`,
      attempts: sql<number>`max(${deadLetters.attempts})`,
      firstAt: sql<number>`min(${deadLetters.receivedAt})`,
      completedAt: sendBatches.completedAt,
    })
    .from(deadLetters)
    .leftJoin(sendBatches, eq(sendBatches.key, deadLetters.batchKey))
    .where(gte(deadLetters.receivedAt, since))
    .groupBy(deadLetters.batchKey)
    .orderBy(desc(sql`min(${deadLetters.receivedAt})`))
    .limit(limit)
    .all();
}
