const DAY = 86_400_000;
const WEEK = 7 * DAY;
export const TIME_ZONE = "Europe/Amsterdam";

const formatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function wallClock(ms: number) {
  const parts = Object.fromEntries(formatter.formatToParts(ms).map((p) => [p.type, Number(p.value)]));
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function offsetAt(ms: number): number {
  const w = wallClock(ms);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (ms - (ms % 1000));
}

/** The instant at which Amsterdam's clocks show `hour`:00 on the given calendar day. */
export function amsterdamTime(year: number, month: number, day: number, hour: number): number {
  const naive = Date.UTC(year, month - 1, day, hour);
  let guess = naive - offsetAt(naive);
  guess = naive - offsetAt(guess);
  return guess;
}

/**
 * When the next weekly lesson is due: seven calendar days after `previousDue`
 * at the reader's send hour, Amsterdam time, so the hour holds across daylight
 * saving. If the run is late by more than a week, the first such slot after
 * `now` is taken, so a reader never gets a backlog of lessons at once.
 */
export function nextWeeklySend(previousDue: number, sendHour: number, now: number): number {
  const day = wallClock(previousDue);
  let weeks = 1;
  let next = amsterdamTime(day.year, day.month, day.day + 7, sendHour);
  while (next <= now) {
    weeks += Math.max(1, Math.floor((now - next) / WEEK));
    next = amsterdamTime(day.year, day.month, day.day + 7 * weeks, sendHour);
  }
  return next;
}
