import { eq } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { enrollments } from "../../mechanisms/db/schema.ts";
import { DEFAULT_TIME_ZONE, type Rhythm } from "../../mechanisms/lib/reader-time.ts";

/** The weekdays as readers read them, Monday (1) first. */
export const WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];

/**
 * When a reader's lessons come, as a welcome mail says it: "elke week op dinsdag rond 7:00 uur",
 * with her time zone named when it is not the Dutch one.
 */
export function rhythmWords({ weekday, sendHour, timeZone, pace }: Rhythm): string {
  const often = pace === 1 ? "elke week" : "om de week";
  const zone = timeZone === DEFAULT_TIME_ZONE ? "" : ` (tijd in ${timeZone})`;
  return `${often} op ${WEEKDAYS[weekday - 1] ?? "dezelfde dag"} rond ${sendHour}:00 uur${zone}`;
}

/**
 * The rhythm previews and tests are made with: every reader has her own from the moment she
 * confirms (her weekday is the day she confirmed), so only a sample reader is without one.
 */
export const SAMPLE_RHYTHM: Rhythm = { weekday: 1, sendHour: 7, timeZone: DEFAULT_TIME_ZONE, pace: 1 };

/** The reader's rhythm as her enrolment holds it, or null when she has none. */
export async function readerRhythm(db: Database, subscriberId: string): Promise<Rhythm | null> {
  const row = await db
    .select({
      weekday: enrollments.weekday,
      sendHour: enrollments.sendHour,
      timeZone: enrollments.timeZone,
      pace: enrollments.pace,
    })
    .from(enrollments)
    .where(eq(enrollments.subscriberId, subscriberId))
    .get();
  return row ?? null;
}
