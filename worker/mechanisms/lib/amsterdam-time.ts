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

/** The calendar day Amsterdam's clocks show at `ms`. */
export function amsterdamDay(ms: number): { year: number; month: number; day: number } {
  const date = new TZDateMini(ms, TIME_ZONE);
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

/** The Dutch ways an Amsterdam instant is shown, each formatter made once. */
const formats = {
  /** "ma 23 nov 2026, 07:00": a moment, for the author and in a reader's own data. */
  moment: { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
  /** "23 november 2026": a day, as the archive dates an issue. */
  day: { day: "numeric", month: "long", year: "numeric" },
  /** "23 nov": a day in a short line, as the dashboard starts a week. */
  dayMonth: { day: "numeric", month: "short" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map(
  Object.entries(formats).map(([name, options]) => [
    name,
    new Intl.DateTimeFormat("nl-NL", { ...options, timeZone: TIME_ZONE }),
  ]),
);

/** An instant as Amsterdam's clock and calendar show it, in Dutch: a moment unless another format is named. */
export function formatAmsterdam(ms: number, format: keyof typeof formats = "moment"): string {
  return formatters.get(format)!.format(ms);
}
