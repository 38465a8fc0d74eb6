import { TZDateMini } from "@date-fns/tz";

export const TIME_ZONE = "Europe/Amsterdam";

/**
 * The instant at which Amsterdam's clocks show `hour`:`minute` on the given calendar day
 * (a day past the month's end rolls over, as with Date). @date-fns/tz does the
 * zone arithmetic, daylight saving included.
 */
export function amsterdamTime(year: number, month: number, day: number, hour: number, minute = 0): number {
  return new TZDateMini(year, month - 1, day, hour, minute, 0, 0, TIME_ZONE).getTime();
}

/** Amsterdam's wall-clock time at `ms` as `YYYY-MM-DDTHH:MM`, the value of a datetime-local field. */
export function amsterdamLocal(ms: number): string {
  const date = new TZDateMini(ms, TIME_ZONE);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** How the author reads a moment: "di 1 december 2026, 09:30" on Amsterdam's clock. */
export function amsterdamLabel(ms: number): string {
  return new Intl.DateTimeFormat("nl-NL", {
    timeZone: TIME_ZONE,
    weekday: "short",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(ms);
}

/** The calendar day Amsterdam's clocks show at `ms`. */
export function amsterdamDay(ms: number): { year: number; month: number; day: number } {
  const date = new TZDateMini(ms, TIME_ZONE);
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

const dutchDateTime = new Intl.DateTimeFormat("nl-NL", {
  timeZone: TIME_ZONE,
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** An instant as the author reads it: Amsterdam's clock, in Dutch ("ma 23 nov 2026, 07:00"). */
export function formatAmsterdam(ms: number): string {
  return dutchDateTime.format(ms);
}
