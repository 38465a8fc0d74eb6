import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { enrollments } from "../../mechanisms/db/schema.ts";

/**
 * A claimed reader's step: from the lessons she had when the page was read (`had`, the guard)
 * to `received`, due again at `nextSendAt`; or, with `completed`, to the end of her series.
 */
export type Advance =
  | { subscriberId: string; had: string; received: string; nextSendAt: number }
  | { subscriberId: string; had: string; completed: true };

/**
 * The one statement that advances every reader of a claim page, each guarded by the lessons
 * she had when the page was read, so a concurrent run cannot advance her twice. One statement
 * for the page rather than one per reader: drizzle takes about a tenth of a millisecond to
 * build each, most of a claim turn's CPU on Workers Free (10 ms an invocation).
 */
export function advanceStatement(db: Database, advances: Advance[], now: number) {
  const steps = JSON.stringify(
    advances.map((step) =>
      "completed" in step
        ? [step.subscriberId, step.had, null, null, "completed"]
        : [step.subscriberId, step.had, step.received, step.nextSendAt, null],
    ),
  );
  return db
    .update(enrollments)
    .set({
      state: sql`coalesce(step_state, ${enrollments.state})`,
      received: sql`coalesce(step_received, ${enrollments.received})`,
      nextSendAt: sql`step_next_send_at`,
      lastLessonAt: now,
    })
    .from(
      sql`(select value ->> 0 as step_id, value ->> 1 as step_had, value ->> 2 as step_received,
        value ->> 3 as step_next_send_at, value ->> 4 as step_state from json_each(${steps}))`,
    )
    .where(and(eq(enrollments.subscriberId, sql`step_id`), eq(enrollments.received, sql`step_had`)));
}
