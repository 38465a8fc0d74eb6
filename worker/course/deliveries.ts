import { and, asc, eq, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { deliveries, enrollments, sendBatches, subscribers } from "../db/schema.ts";
import { nextWeeklySend } from "../lib/amsterdam-time.ts";
import { hashToken, randomId } from "../lib/tokens.ts";
import { linkToken } from "../mail/links.ts";
import { COURSE_COMPLETE, slugAtPosition } from "./course.ts";

/** Readers claimed per page of a send run; one page becomes one send batch (Resend takes 100 per call). */
export const CLAIM_PAGE = 100;
/** D1 binds at most 100 parameters per statement; a delivery row takes 7. */
const ROWS_PER_INSERT = 14;

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
export async function claimDue(db: Database, cfg: Config, now: number, options: { limit?: number; subscriberId?: string } = {}): Promise<Claim | null> {
  const due = await db
    .select({ subscriberId: enrollments.subscriberId, position: enrollments.position, nextSendAt: enrollments.nextSendAt, sendHour: enrollments.sendHour })
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
    rows.push({ id, subscriberId: reader.subscriberId, lessonSlug: slug, batchKey, dueAt: reader.nextSendAt!, status: "claimed", claimedAt: now });
    const advance =
      slug === COURSE_COMPLETE
        ? { position: reader.position + 1, state: "completed" as const, nextSendAt: null }
        : { position: reader.position + 1, nextSendAt: nextWeeklySend(reader.nextSendAt!, reader.sendHour, now) };
    advances.push(db.update(enrollments).set(advance).where(guard));
  }

  const inserts = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    inserts.push(db.insert(deliveries).values(rows.slice(start, start + ROWS_PER_INSERT)).onConflictDoNothing().returning({ id: deliveries.id }));
  }
  const results = await db.batch([db.insert(sendBatches).values({ key: batchKey, createdAt: now }), ...inserts, ...advances] as [never]);
  const claimed = (results as unknown[]).slice(1, 1 + inserts.length).flatMap((result) => (result as { id: string }[]).map((row) => row.id));
  if (claimed.length === 0) await db.update(sendBatches).set({ completedAt: now }).where(eq(sendBatches.key, batchKey));
  return { batchKey, deliveryIds: claimed };
}

export type SendBatch = typeof sendBatches.$inferSelect;

export async function findSendBatch(db: Database, key: string): Promise<SendBatch | null> {
  return (await db.select().from(sendBatches).where(eq(sendBatches.key, key)).get()) ?? null;
}

export type BatchDelivery = { id: string; lessonSlug: string; subscriberId: string; email: string; firstName: string | null; subscriberStatus: string; status: string };

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
      status: deliveries.status,
    })
    .from(deliveries)
    .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .where(eq(deliveries.batchKey, batchKey))
    .orderBy(asc(deliveries.id))
    .all();
}

/** Freezes who a batch goes to, and skips the readers who left since the claim, before the first attempt. */
export async function freezeBatch(db: Database, batchKey: string, attemptedIds: string[], skippedIds: string[]): Promise<void> {
  await db.batch([
    db.update(sendBatches).set({ attemptedIds }).where(and(eq(sendBatches.key, batchKey), isNull(sendBatches.attemptedIds))),
    ...(skippedIds.length > 0 ? [db.update(deliveries).set({ status: "skipped" }).where(and(inArray(deliveries.id, skippedIds), eq(deliveries.status, "claimed")))] : []),
  ]);
}

export type DeliveryOutcome = { id: string; status: "sent" | "failed"; providerId?: string; error?: string };

/** Records what became of each delivery and closes the batch, in one D1 batch. */
export async function completeBatch(db: Database, batchKey: string, outcomes: DeliveryOutcome[], now: number): Promise<void> {
  await db.batch([
    ...outcomes.map((outcome) =>
      db
        .update(deliveries)
        .set({ status: outcome.status, providerId: outcome.providerId ?? null, error: outcome.error ?? null, sentAt: outcome.status === "sent" ? now : null })
        .where(and(eq(deliveries.id, outcome.id), eq(deliveries.status, "claimed"))),
    ),
    db.update(sendBatches).set({ completedAt: now }).where(eq(sendBatches.key, batchKey)),
  ] as [never]);
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
