import { amsterdamDay, amsterdamTime, formatAmsterdam } from "./amsterdam-time.ts";

const DAY = 86_400_000;

/** One ISO week as Amsterdam's calendar has it: Monday 00:00 up to the next Monday 00:00, local time. */
export type AmsterdamWeek = { year: number; week: number; start: number; end: number };

/** The ISO year and week number of a calendar day (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(year: number, month: number, day: number): { year: number; week: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides the ISO year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const isoYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(isoYear, 0, 1)) / DAY + 1) / 7);
  return { year: isoYear, week };
}

/** The Amsterdam ISO week that holds the instant `ms`; a week across a clock change is 167 or 169 hours long. */
export function amsterdamWeek(ms: number): AmsterdamWeek {
  const { year, month, day } = amsterdamDay(ms);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
  const monday = day - (weekday - 1);
  return {
    ...isoWeekOf(year, month, day),
    start: amsterdamTime(year, month, monday, 0),
    end: amsterdamTime(year, month, monday + 7, 0),
  };
}

/** The last `count` Amsterdam weeks up to and including the one holding `now`, oldest first. */
export function recentWeeks(now: number, count: number): AmsterdamWeek[] {
  const weeks = [amsterdamWeek(now)];
  while (weeks.length < count) weeks.unshift(amsterdamWeek(weeks[0]!.start - 1));
  return weeks;
}

/** A week's name on a chart's axis: "wk 7". */
export function shortWeekLabel(week: AmsterdamWeek): string {
  return `wk ${week.week}`;
}

/** A week's name in full, in Dutch: "week 7 van 2025 (vanaf 10 feb)". */
export function weekLabel(week: AmsterdamWeek): string {
  return `week ${week.week} van ${week.year} (vanaf ${formatAmsterdam(week.start, "dayMonth")})`;
}
