import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { deliveries, enrollments, subscribers } from "../db/schema.ts";
import { nextWeeklySend } from "../lib/amsterdam-time.ts";
import { linkToken } from "../mail/links.ts";
import { hashToken, randomId } from "../lib/tokens.ts";
import { COURSE_COMPLETE, slugAtPosition } from "./course.ts";

/** Readers claimed per page of a send run: two statements each in one D1 batch. */
export const CLAIM_PAGE = 100;

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
 * Claims the next mail of up to `limit` readers whose lesson is due at `now`.
 * Each claim inserts the delivery (unique per reader and lesson) and advances the
 * reader's place in the course in the same D1 batch, so a repeated or concurrent
 * run finds nothing left to claim. Returns the ids of the deliveries it created.
 */
export async function claimDue(db: Database, cfg: Config, now: number, options: { limit?: number; subscriberId?: string } = {}): Promise<string[]> {
  const due = await db
    .select({ subscriberId: enrollments.subscriberId, position: enrollments.position, nextSendAt: enrollments.nextSendAt, sendHour: enrollments.sendHour })
    .from(enrollments)
    .innerJoin(subscribers, eq(subscribers.id, enrollments.subscriberId))
    .where(
      and(
        eq(enrollments.state, "active"),
        lte(enrollments.nextSendAt, now),
        eq(subscribers.status, "active"),
        options.subscriberId ? eq(enrollments.subscriberId, options.subscriberId) : undefined,
      ),
    )
    .limit(options.limit ?? CLAIM_PAGE)
    .all();
  if (due.length === 0) return [];

  const statements = await Promise.all(
    due.map(async (reader) => {
      const slug = slugAtPosition(reader.position);
      const advance = db.update(enrollments);
      if (slug === null) {
        return [advance.set({ state: "completed", nextSendAt: null }).where(eq(enrollments.subscriberId, reader.subscriberId))];
      }
      const id = randomId();
      const answerTokenHash = await hashToken(await linkToken(cfg, "answer", id));
      const last = slug === COURSE_COMPLETE;
      return [
        db
          .insert(deliveries)
          .values({ id, subscriberId: reader.subscriberId, lessonSlug: slug, dueAt: reader.nextSendAt!, status: "claimed", answerTokenHash, claimedAt: now })
          .onConflictDoNothing()
          .returning({ id: deliveries.id }),
        advance
          .set({
            position: reader.position + 1,
            state: last ? "completed" : "active",
            nextSendAt: last ? null : nextWeeklySend(reader.nextSendAt!, reader.sendHour, now),
          })
          .where(and(eq(enrollments.subscriberId, reader.subscriberId), eq(enrollments.position, reader.position))),
      ];
    }),
  );
  const results = (await db.batch(statements.flat() as [never])) as unknown[];
  return results.flatMap((result) => (Array.isArray(result) ? (result as { id?: string }[]).flatMap((row) => (row.id ? [row.id] : [])) : []));
}

export type ClaimedDelivery = {
  id: string;
  lessonSlug: string;
  subscriberId: string;
  email: string;
  firstName: string | null;
  subscriberStatus: string;
};

/** The still-unsent deliveries among `ids`, with what is needed to address them. */
export function loadClaimed(db: Database, ids: string[]): Promise<ClaimedDelivery[]> {
  if (ids.length === 0) return Promise.resolve([]);
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
    .where(and(inArray(deliveries.id, ids), eq(deliveries.status, "claimed")))
    .all();
}

export type DeliveryOutcome = { id: string; status: "sent" | "skipped" | "failed"; providerId?: string; error?: string };

/** Records what became of each delivery; only a delivery still claimed changes. */
export async function recordOutcomes(db: Database, outcomes: DeliveryOutcome[], now: number): Promise<void> {
  if (outcomes.length === 0) return;
  await db.batch(
    outcomes.map((outcome) =>
      db
        .update(deliveries)
        .set({ status: outcome.status, providerId: outcome.providerId ?? null, error: outcome.error ?? null, sentAt: outcome.status === "sent" ? now : null })
        .where(and(eq(deliveries.id, outcome.id), eq(deliveries.status, "claimed"))),
    ) as [never],
  );
}
