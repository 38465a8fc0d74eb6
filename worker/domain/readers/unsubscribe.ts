import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { enrollments, subscribers } from "../../mechanisms/db/schema.ts";

/**
 * Stops all mail to a subscriber at once: the subscriber leaves and the course
 * stops. Deliveries already claimed are skipped when the queue reaches them,
 * because sending checks the subscriber's status. Unsubscribing twice is harmless.
 */
export async function unsubscribe(db: Database, subscriberId: string, now: number): Promise<void> {
  await db.batch([
    db
      .update(subscribers)
      .set({ status: "unsubscribed", unsubscribedAt: now })
      .where(and(eq(subscribers.id, subscriberId), inArray(subscribers.status, ["active", "pending"]))),
    stopCourses(db, [subscriberId]),
  ]);
}

/** The statement that stops these readers' lessons (a finished course stays finished). */
export function stopCourses(db: Database, subscriberIds: string[]) {
  return db
    .update(enrollments)
    .set({ state: "stopped" })
    .where(and(inArray(enrollments.subscriberId, subscriberIds), inArray(enrollments.state, ["active", "paused"])));
}
