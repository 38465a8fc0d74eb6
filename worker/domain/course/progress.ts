import { and, eq, lt, ne } from "drizzle-orm";
import * as z from "zod/mini";
import type { Database } from "../../mechanisms/db/client.ts";
import { deliveries, enrollments, subscribers } from "../../mechanisms/db/schema.ts";
import type { Rhythm } from "../../mechanisms/lib/reader-time.ts";
import { findSeries, lessonsHad, withoutSeries } from "./course.ts";
import type { Series } from "./course-schema.ts";

type EnrollmentRow = Pick<
  typeof enrollments.$inferSelect,
  "received" | "series" | "weekday" | "sendHour" | "timeZone" | "pace"
>;

const receivedSchema = z.array(z.string());

/** The slugs of the lessons a reader has had, as stored (a renamed lesson may appear under its old slug). */
export function receivedOf(enrollment: Pick<EnrollmentRow, "received">): string[] {
  try {
    return receivedSchema.parse(JSON.parse(enrollment.received));
  } catch {
    throw new Error("an enrollment's received lessons are not a list of slugs");
  }
}

/**
 * What beginning `series` again at lesson 1 changes: its lessons are forgotten (the others stay
 * had), and a new round makes each lesson a new mail with links of its own.
 */
export function beginAgain(
  enrollment: Pick<typeof enrollments.$inferSelect, "received" | "round">,
  series: Series | null,
) {
  return { received: JSON.stringify(withoutSeries(receivedOf(enrollment), series)), round: enrollment.round + 1 };
}

/** The reader's rhythm: when their lessons come. */
export function rhythmOf(enrollment: EnrollmentRow): Rhythm {
  const { weekday, sendHour, timeZone, pace } = enrollment;
  return { weekday, sendHour, timeZone, pace };
}

/**
 * How far a reader is in their series: the lessons of it they have had, of how many it has
 * now, and whether they are through it (the closing mail came, or every lesson did).
 */
export function progressOf(enrollment: EnrollmentRow & Pick<typeof enrollments.$inferSelect, "state">) {
  const series = findSeries(enrollment.series);
  const lessons = lessonsHad(receivedOf(enrollment));
  const had = series ? series.lessons.filter((lesson) => lessons.has(lesson.slug)).length : 0;
  const total = series?.lessons.length ?? 0;
  return { series, had, total, finished: enrollment.state === "completed" || had >= total };
}

/** Whether a reader had lessons before: a reader who comes back chooses to go on or begin again. */
export async function hasHadLessons(db: Database, subscriberId: string): Promise<boolean> {
  const row = await db
    .select({ id: enrollments.subscriberId })
    .from(enrollments)
    .where(and(eq(enrollments.subscriberId, subscriberId), ne(enrollments.received, "[]")))
    .get();
  return row !== undefined;
}

/** Whether a reader who just confirmed had lessons before this confirmation: then they are welcomed back, not welcomed. */
export async function hadLessonsBeforeConfirming(db: Database, subscriberId: string): Promise<boolean> {
  const row = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .where(
      and(
        eq(deliveries.subscriberId, subscriberId),
        eq(deliveries.kind, "lesson"),
        lt(deliveries.claimedAt, subscribers.confirmedAt),
      ),
    )
    .limit(1)
    .get();
  return row !== undefined;
}
