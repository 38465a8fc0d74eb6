import { and, asc, eq, isNull, lt, lte, sql } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { type BatchOutcomes, deliveries, enrollments, sendBatches, subscribers } from "../db/schema.ts";
import { nextWeeklySend } from "../lib/amsterdam-time.ts";
import { hashToken, randomId } from "../lib/tokens.ts";
import { linkToken } from "../mail/links.ts";
import { COURSE_COMPLETE, slugAtPosition } from "./course.ts";

/** Readers claimed per page of a send run; one page becomes one send batch (Resend takes 100 per call). */
export const CLAIM_PAGE = 100;
/** D1 binds at most 100 parameters per statement; a delivery row takes 6. */
const ROWS_PER_INSERT = 16;

/** The scope of a reader's answer link for one lesson; its token's hash is the delivery's id. */
export function answerScope(subscriberId: string, lessonSlug: string): string {
  return `${subscriberId}:${lessonSlug}`;
}

export async function deliveryId(cfg: Config, subscriberId: string, lessonSlug: string): Promise<string> {
  return hashToken(await linkToken(cfg, "answer", answerScope(subscriberId, lessonSlug)));
}

/**
 * The statement that enrolls a confirmed reader, or resumes one who left: the next lesson is due at once.
 * A reader already enrolled and active is left as is.
 */
export function enrollStatement(db: Database, subscriberId: string, now: number) {
  return db
    .insert(enrollments)
    .values({ subscriberId, state: "active", position: 0, nextSendAt: now, createdAt: now })
    .onConflictDoUpdate({
      target: enrollments.subscriberId,
      set: { state: "active", nextSendAt: now, pausedAt: null },
      where: sql`${enrollments.state} = 'stopped'`,
    });
}

export type Claim = { batchKey: string; deliveryIds: string[] };

/**
 * Claims the next mail of up to `limit` readers whose lesson is due at `now`,
 * as one send batch. In one D1 batch: the batch row, the deliveries (a second
 * claim of the same lesson conflicts on the primary key and inserts nothing),
 * and each reader's advance, guarded by their position so a concurrent run
 * cannot advance them twice. Returns null when nobody is due.
 */
export async function claimDue(
  db: Database,
  cfg: Config,
  now: number,
  options: { limit?: number; subscriberId?: string } = {},
): Promise<Claim | null> {
  const due = await db
    .select({
      subscriberId: enrollments.subscriberId,
      position: enrollments.position,
      nextSendAt: enrollments.nextSendAt,
      sendHour: enrollments.sendHour,
    })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.state, "active"),
        lte(enrollments.nextSendAt, now),
        options.subscriberId ? eq(enrollments.subscriberId, options.subscriberId) : undefined,
      ),
    )
    .limit(options.limit ?? CLAIM_PAGE)
    .all();
  if (due.length === 0) return null;

  const batchKey = randomId();
  const rows: (typeof deliveries.$inferInsert)[] = [];
  const advances = [];
  for (const reader of due) {
    const slug = slugAtPosition(reader.position);
    const guard = and(eq(enrollments.subscriberId, reader.subscriberId), eq(enrollments.position, reader.position));
    if (slug === null) {
      advances.push(db.update(enrollments).set({ state: "completed", nextSendAt: null }).where(guard));
      continue;
    }
    const id = await deliveryId(cfg, reader.subscriberId, slug);
    rows.push({
      id,
      subscriberId: reader.subscriberId,
      lessonSlug: slug,
      batchKey,
      dueAt: reader.nextSendAt!,
      claimedAt: now,
    });
    const advance =
      slug === COURSE_COMPLETE
        ? { position: reader.position + 1, state: "completed" as const, nextSendAt: null }
        : { position: reader.position + 1, nextSendAt: nextWeeklySend(reader.nextSendAt!, reader.sendHour, now) };
    advances.push(db.update(enrollments).set(advance).where(guard));
  }

  const inserts = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    inserts.push(
      db
        .insert(deliveries)
        .values(rows.slice(start, start + ROWS_PER_INSERT))
        .onConflictDoNothing(),
    );
  }
  const results = await db.batch([
    db.insert(sendBatches).values({ key: batchKey, createdAt: now }),
    ...inserts,
    ...advances,
  ] as [never]);
  const inserted = (results as D1Result[])
    .slice(1, 1 + inserts.length)
    .reduce((sum, result) => sum + result.meta.changes, 0);
  // Only a concurrent run for the same readers makes a claim conflict; then ask which rows are this batch's.
  const claimed = inserted === rows.length ? rows.map((row) => row.id) : await batchDeliveryIds(db, batchKey);
  if (claimed.length === 0) await db.update(sendBatches).set({ completedAt: now }).where(eq(sendBatches.key, batchKey));
  return { batchKey, deliveryIds: claimed };
}

/** The ids of a send batch's deliveries, from the covering index alone. */
export async function batchDeliveryIds(db: Database, batchKey: string): Promise<string[]> {
  return (await db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.batchKey, batchKey)).all()).map(
    (row) => row.id,
  );
}

export type SendBatch = typeof sendBatches.$inferSelect;

export async function findSendBatch(db: Database, key: string): Promise<SendBatch | null> {
  return (await db.select().from(sendBatches).where(eq(sendBatches.key, key)).get()) ?? null;
}

export type BatchDelivery = {
  id: string;
  lessonSlug: string;
  subscriberId: string;
  email: string;
  firstName: string | null;
  subscriberStatus: string;
};

/** The deliveries of a send batch with what is needed to address them, in a stable order. */
export async function loadBatchDeliveries(db: Database, batchKey: string): Promise<BatchDelivery[]> {
  return db
    .select({
      id: deliveries.id,
      lessonSlug: deliveries.lessonSlug,
      subscriberId: deliveries.subscriberId,
      email: subscribers.email,
      firstName: subscribers.firstName,
      subscriberStatus: subscribers.status,
    })
    .from(deliveries)
    .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .where(eq(deliveries.batchKey, batchKey))
    .orderBy(asc(deliveries.id))
    .all();
}

/** Freezes who a batch goes to before its first attempt; claimed readers left out are skipped. */
export async function freezeBatch(db: Database, batchKey: string, attemptedIds: string[]): Promise<void> {
  await db
    .update(sendBatches)
    .set({ attemptedIds })
    .where(and(eq(sendBatches.key, batchKey), isNull(sendBatches.attemptedIds)));
}

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
    .set({ outcomes, completedAt: now })
    .where(and(eq(sendBatches.key, batchKey), isNull(sendBatches.completedAt)));
}

/** Where one delivery stands: claimed (not yet sent), sent, failed (refused by the provider) or skipped (the reader had left). */
export async function deliveryStatus(
  db: Database,
  id: string,
): Promise<"claimed" | "sent" | "failed" | "skipped" | null> {
  const row = await db
    .select({ attemptedIds: sendBatches.attemptedIds, outcomes: sendBatches.outcomes })
    .from(deliveries)
    .innerJoin(sendBatches, eq(sendBatches.key, deliveries.batchKey))
    .where(eq(deliveries.id, id))
    .get();
  if (!row) return null;
  if (row.outcomes?.sent[id] !== undefined) return "sent";
  if (row.outcomes?.failed[id] !== undefined) return "failed";
  if (row.attemptedIds && !row.attemptedIds.includes(id)) return "skipped";
  return "claimed";
}

/** Batches claimed before `before` and still not completed: their queue messages were lost or exhausted. */
export function staleBatches(db: Database, before: number, limit = 50): Promise<{ key: string }[]> {
  return db
    .select({ key: sendBatches.key })
    .from(sendBatches)
    .where(and(isNull(sendBatches.completedAt), lt(sendBatches.createdAt, before)))
    .limit(limit)
    .all();
}
