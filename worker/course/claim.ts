import { and, eq, lte, sql } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { enrollments } from "../db/schema.ts";
import { nextWeeklySend } from "../lib/amsterdam-time.ts";
import { MAX_BATCH } from "../mail/transport.ts";
import { type Claim, insertBatch, type NewDelivery } from "../sending/batches.ts";
import { COURSE_COMPLETE, slugAtPosition } from "./course.ts";

/** Readers claimed per page of a send run; one page becomes one send batch, sent with one Resend call. */
export const CLAIM_PAGE = MAX_BATCH;

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

  const rows: NewDelivery[] = [];
  const advances = [];
  for (const reader of due) {
    const slug = slugAtPosition(reader.position);
    const guard = and(eq(enrollments.subscriberId, reader.subscriberId), eq(enrollments.position, reader.position));
    if (slug === null) {
      advances.push(db.update(enrollments).set({ state: "completed", nextSendAt: null }).where(guard));
      continue;
    }
    rows.push({
      subscriberId: reader.subscriberId,
      kind: slug === COURSE_COMPLETE ? "closing" : "lesson",
      ref: slug,
      dueAt: reader.nextSendAt!,
    });
    const advance =
      slug === COURSE_COMPLETE
        ? { position: reader.position + 1, state: "completed" as const, nextSendAt: null }
        : { position: reader.position + 1, nextSendAt: nextWeeklySend(reader.nextSendAt!, reader.sendHour, now) };
    advances.push(db.update(enrollments).set(advance).where(guard));
  }
  return insertBatch(db, cfg, rows, now, advances);
}
