import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { deliveries, enrollments } from "../worker/mechanisms/db/schema.ts";
import { db, enrollmentOf, postForm, readerWithLesson, runCron } from "./helpers.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TUESDAY = "2";

/**
 * Tuesday 07:00 on the reader's own clock, the week before and the week after a clock change,
 * as UTC instants written out by hand from each zone's rules (an independent check on the code).
 */
const cases: { zone: string; change: string; before: string; after: string }[] = [
  { zone: "Europe/Amsterdam", change: "spring 2026", before: "2026-03-24T06:00Z", after: "2026-03-31T05:00Z" },
  { zone: "Europe/Amsterdam", change: "autumn 2026", before: "2026-10-20T05:00Z", after: "2026-10-27T06:00Z" },
  { zone: "Europe/Amsterdam", change: "spring 2027", before: "2027-03-23T06:00Z", after: "2027-03-30T05:00Z" },
  { zone: "Europe/Amsterdam", change: "autumn 2027", before: "2027-10-26T05:00Z", after: "2027-11-02T06:00Z" },
  { zone: "Europe/Brussels", change: "spring 2026", before: "2026-03-24T06:00Z", after: "2026-03-31T05:00Z" },
  { zone: "Europe/Brussels", change: "autumn 2027", before: "2027-10-26T05:00Z", after: "2027-11-02T06:00Z" },
  { zone: "America/New_York", change: "spring 2026", before: "2026-03-03T12:00Z", after: "2026-03-10T11:00Z" },
  { zone: "America/New_York", change: "autumn 2026", before: "2026-10-27T11:00Z", after: "2026-11-03T12:00Z" },
  { zone: "America/New_York", change: "spring 2027", before: "2027-03-09T12:00Z", after: "2027-03-16T11:00Z" },
  { zone: "America/New_York", change: "autumn 2027", before: "2027-11-02T11:00Z", after: "2027-11-09T12:00Z" },
  {
    zone: "Asia/Kolkata",
    change: "Europe's spring 2026 (none of its own)",
    before: "2026-03-24T01:30Z",
    after: "2026-03-31T01:30Z",
  },
  {
    zone: "Asia/Kolkata",
    change: "New York's autumn 2027 (none of its own)",
    before: "2027-11-02T01:30Z",
    after: "2027-11-09T01:30Z",
  },
  { zone: "Australia/Sydney", change: "April 2026", before: "2026-03-30T20:00Z", after: "2026-04-06T21:00Z" },
  { zone: "Australia/Sydney", change: "October 2026", before: "2026-09-28T21:00Z", after: "2026-10-05T20:00Z" },
  { zone: "Australia/Sydney", change: "April 2027", before: "2027-03-29T20:00Z", after: "2027-04-05T21:00Z" },
  { zone: "Australia/Sydney", change: "October 2027", before: "2027-09-27T21:00Z", after: "2027-10-04T20:00Z" },
  { zone: "Pacific/Chatham", change: "April 2026", before: "2026-03-30T17:15Z", after: "2026-04-06T18:15Z" },
  { zone: "Pacific/Chatham", change: "September 2026", before: "2026-09-21T18:15Z", after: "2026-09-28T17:15Z" },
  { zone: "Pacific/Chatham", change: "April 2027", before: "2027-03-29T17:15Z", after: "2027-04-05T18:15Z" },
  { zone: "Pacific/Chatham", change: "September 2027", before: "2027-09-20T18:15Z", after: "2027-09-27T17:15Z" },
];

/** A reader whose lessons come on Tuesday at 07:00 in `zone`, the next one at `next`, the last a week before it. */
async function tuesdayReader(zone: string, next: number, pace = "1") {
  const reader = await readerWithLesson();
  const response = await postForm(reader.preferences, {
    actie: "ritme",
    dag: TUESDAY,
    uur: "7",
    tempo: pace,
    tijdzone: zone,
  });
  expect(response.status).toBe(200);
  await db
    .update(enrollments)
    .set({ nextSendAt: next, lastLessonAt: next - 7 * DAY })
    .where(eq(enrollments.subscriberId, reader.subscriber.id));
  return reader;
}

/** When the reader's lessons were due, oldest first, leaving out the first: it came at signup, today. */
async function lessonTimes(subscriberId: string): Promise<string[]> {
  const rows = await db
    .select({ dueAt: deliveries.dueAt, ref: deliveries.ref })
    .from(deliveries)
    .where(and(eq(deliveries.subscriberId, subscriberId), eq(deliveries.kind, "lesson")))
    .orderBy(deliveries.dueAt)
    .all();
  return rows
    .filter((row) => row.ref !== defaultSeries.lessons[0]!.slug)
    .map((row) => new Date(row.dueAt).toISOString().replace(":00.000Z", "Z"));
}

describe("lessons on the reader's own clock, through the cron", () => {
  for (const { zone, change, before, after } of cases) {
    it(`${zone}: Tuesday 07:00 on both sides of ${change}`, async () => {
      const { subscriber } = await tuesdayReader(zone, Date.parse(before));
      await runCron(Date.parse(before) - 15 * MINUTE);
      await runCron(Date.parse(before));
      expect((await enrollmentOf(subscriber.id))!.nextSendAt).toBe(Date.parse(after));
      await runCron(Date.parse(after) - 15 * MINUTE);
      await runCron(Date.parse(after));
      expect(await lessonTimes(subscriber.id)).toEqual([before, after]);
    });
  }
});

describe("a reader who moves to another time zone between two lessons", () => {
  // Tuesday 1 December 2026, 07:00 in Amsterdam: the lesson before the move.
  const last = Date.parse("2026-12-01T06:00Z");

  async function movedReader(zone: string) {
    const reader = await tuesdayReader("Europe/Amsterdam", last);
    await runCron(last);
    await postForm(reader.preferences, { actie: "ritme", dag: TUESDAY, uur: "7", tempo: "1", tijdzone: zone });
    return reader;
  }

  it("to Sydney, whose Tuesday begins first: the next lesson on her own Tuesday, not a week later", async () => {
    const { subscriber } = await movedReader("Australia/Sydney");
    // Tuesday 8 December, 07:00 in Sydney (summer time, +11).
    expect((await enrollmentOf(subscriber.id))!.nextSendAt).toBe(Date.parse("2026-12-07T20:00Z"));
    // She changed it late, after that moment had passed: it comes with the next run.
    await runCron(Date.parse("2026-12-07T21:00Z"));
    expect(await lessonTimes(subscriber.id)).toEqual(["2026-12-01T06:00Z", "2026-12-07T20:00Z"]);
    expect((await enrollmentOf(subscriber.id))!.nextSendAt).toBe(Date.parse("2026-12-14T20:00Z"));
  });

  it("to New York on the day of a lesson: never a second lesson the same day", async () => {
    const { subscriber } = await movedReader("America/New_York");
    // Tuesday 07:00 in New York is six hours after the Amsterdam lesson: the week after, not that day.
    expect((await enrollmentOf(subscriber.id))!.nextSendAt).toBe(Date.parse("2026-12-08T12:00Z"));
    await runCron(Date.parse("2026-12-01T12:00Z"));
    await runCron(Date.parse("2026-12-08T12:00Z"));
    expect(await lessonTimes(subscriber.id)).toEqual(["2026-12-01T06:00Z", "2026-12-08T12:00Z"]);
  });

  it("every two weeks: the lesson after next comes a fortnight later, on the same weekday and hour", async () => {
    const { subscriber } = await tuesdayReader("Europe/Amsterdam", last, "2");
    await runCron(last);
    expect((await enrollmentOf(subscriber.id))!.nextSendAt).toBe(Date.parse("2026-12-15T06:00Z"));
  });
});
