import { TZDateMini } from "@date-fns/tz";

const DAY = 86_400_000;

/** Where a reader lives until they say otherwise. */
export const DEFAULT_TIME_ZONE = "Europe/Amsterdam";

/** When a reader wants their lessons: a weekday (1 is Monday, 7 Sunday) at an hour, in their zone, every `pace` weeks. */
export type Rhythm = { weekday: number; sendHour: number; timeZone: string; pace: number };

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

/** The weekday (1 is Monday) the clocks of `timeZone` show at `ms`. */
export function weekdayIn(ms: number, timeZone: string): number {
  return new TZDateMini(ms, timeZone).getDay() || 7;
}

/**
 * The first of the reader's slots (their weekday at their hour on their own clock) at or after
 * `from`. Daylight saving moves the instant, never the hour on the reader's clock.
 */
export function slotFrom(rhythm: Rhythm, from: number): number {
  const local = new TZDateMini(from, rhythm.timeZone);
  for (let days = 0; days <= 8; days++) {
    const date = new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate() + days));
    if ((date.getUTCDay() || 7) !== rhythm.weekday) continue;
    const slot = new TZDateMini(
      date.getUTCFullYear(),
      date.getUTCMonth(),
      date.getUTCDate(),
      rhythm.sendHour,
      0,
      0,
      0,
      rhythm.timeZone,
    ).getTime();
    if (slot >= from) return slot;
  }
  throw new Error("no slot within eight days");
}

/**
 * When the lesson after one claimed at `lastLessonAt` is due: the first slot at least a day
 * later, plus a week for each week of pace beyond one. Computed from the last lesson, not from
 * the old due time, so a change of zone, weekday or hour never brings two lessons within a
 * day, nor leaves a week out: a slot that has just passed in the new zone is due at once.
 */
export function slotAfterLesson(rhythm: Rhythm, lastLessonAt: number): number {
  return slotFrom(rhythm, lastLessonAt + DAY + 7 * DAY * (rhythm.pace - 1));
}

/** A moment on the reader's own clock, in Dutch: "dinsdag 1 december om 07:00". */
export function readerDateLabel(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("nl-NL", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")} ${part("day")} ${part("month")} om ${part("hour")}:${part("minute")}`;
}
