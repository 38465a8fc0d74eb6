import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { course, defaultSeries } from "../worker/domain/course/course.ts";
import { deliveries } from "../worker/mechanisms/db/schema.ts";
import {
  db,
  enrollmentOf,
  lessonsReceived,
  postForm,
  readerWithLesson,
  request,
  runCron,
  waitForMails,
} from "./helpers.ts";

const other = course.series[1]!;

/** The lessons claimed for a reader, oldest first, as (slug, round). */
async function claimed(subscriberId: string) {
  return db
    .select({ ref: deliveries.ref, round: deliveries.round, id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.subscriberId, subscriberId), eq(deliveries.kind, "lesson")))
    .orderBy(deliveries.claimedAt)
    .all();
}

/** Runs the cron at the reader's next due time; returns that time. */
async function nextWeek(subscriberId: string): Promise<number> {
  const due = (await enrollmentOf(subscriberId))!.nextSendAt!;
  await runCron(due);
  return due;
}

describe("series", () => {
  it("starts every new reader in the first series and lists the others on their page", async () => {
    const { subscriber, preferences } = await readerWithLesson();
    expect((await enrollmentOf(subscriber.id))!.series).toBeNull();
    const body = await (await request(preferences)).text();
    expect(body).toContain(`<strong>${defaultSeries.name}</strong> (je reeks)`);
    expect(body).toContain(`<strong>${other.name}</strong>: ${other.description}`);
  });

  it("offers to go on only with a series the reader started, and to begin the others", async () => {
    const { subscriber, preferences } = await readerWithLesson();
    const buttonFor = (page: string, series: { id: string }) =>
      page.match(new RegExp(`name="reeks" value="${series.id}"[\\s\\S]*?<button[^>]*>([^<]+)</button>`))?.[1];
    const fresh = await (await request(preferences)).text();
    expect(buttonFor(fresh, other)).toBe("Begin aan deze reeks");
    expect(fresh).not.toContain("Ga verder met deze reeks");

    await postForm(preferences, { actie: "reeks", reeks: other.id });
    await nextWeek(subscriber.id);
    expect(await lessonsReceived(subscriber.id)).toContain(other.lessons[0]!.slug);
    const back = await (await postForm(preferences, { actie: "reeks", reeks: defaultSeries.id })).text();
    expect(buttonFor(back, other)).toBe("Ga verder met deze reeks");
  });

  it("moves a reader to another series instead of this one: its first lesson next, the lessons had kept", async () => {
    const { subscriber, preferences } = await readerWithLesson();
    const response = await postForm(preferences, { actie: "reeks", reeks: other.id });
    expect(await response.text()).toContain(`Je volgende les komt uit ${other.name}.`);
    await nextWeek(subscriber.id);
    expect(await lessonsReceived(subscriber.id)).toEqual([defaultSeries.lessons[0]!.slug, other.lessons[0]!.slug]);
  });

  it("after the last lesson offers another series, and begins one again with new mails of its own", async () => {
    const { subscriber, preferences } = await readerWithLesson();
    for (let week = 1; week <= defaultSeries.lessons.length; week++) await nextWeek(subscriber.id);
    expect((await enrollmentOf(subscriber.id))!.state).toBe("completed");
    const finished = await (await request(preferences)).text();
    expect(finished).toContain("Hoe verder?");
    expect(finished).toContain("Begin aan deze reeks");
    expect(finished).toContain("Begin opnieuw bij les 1");
    expect(finished).toContain("Mijn reflecties");

    await postForm(preferences, { actie: "reeks", reeks: defaultSeries.id, opnieuw: "ja" });
    const again = (await enrollmentOf(subscriber.id))!;
    expect(again).toMatchObject({ state: "active", round: 2, series: defaultSeries.id });
    await nextWeek(subscriber.id);
    const rows = await claimed(subscriber.id);
    const repeat = rows.at(-1)!;
    expect(repeat).toMatchObject({ ref: defaultSeries.lessons[0]!.slug, round: 2 });
    // A delivery of its own: new links, and the first round's answer links still work.
    expect(rows.filter((row) => row.ref === repeat.ref).map((row) => row.id)).toHaveLength(2);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
  });

  it("ends each series with a mail that names it and offers the next, the last series offering the first", async () => {
    const { subscriber, email, preferences } = await readerWithLesson();
    for (let week = 1; week <= defaultSeries.lessons.length; week++) await nextWeek(subscriber.id);
    const closing = (mails: { subject: string; text: string }[], series: string) =>
      mails.find((mail) => mail.subject === "Je hebt de hele reeks gelezen" && mail.text.includes(`‘${series}’.`))!;
    const first = closing(await waitForMails(email, defaultSeries.lessons.length + 3), defaultSeries.name);
    expect(first.text).toContain(`Hier stoppen de lessen van ‘${defaultSeries.name}’.`);
    expect(first.text).toContain(`De volgende reeks is ‘${other.name}’: ${other.description}`);
    expect(first.text).toMatch(new RegExp(`Kies hoe je verder gaat\\nhttps://\\S+${preferences}#reeksen\\n`));
    expect(await (await request(preferences)).text()).toContain('<h2 id="reeksen">Hoe verder?</h2>');

    await postForm(preferences, { actie: "reeks", reeks: other.id });
    for (let week = 0; week <= other.lessons.length; week++) await nextWeek(subscriber.id);
    const last = closing(
      await waitForMails(email, defaultSeries.lessons.length + other.lessons.length + 4),
      other.name,
    );
    expect(last.text).toContain(`Hier stoppen de lessen van ‘${other.name}’.`);
    expect(last.text).toContain(`De volgende reeks is ‘${defaultSeries.name}’`);
  });

  it("refuses a series that does not exist, and changes nothing", async () => {
    const { subscriber, preferences } = await readerWithLesson();
    const before = await enrollmentOf(subscriber.id);
    const response = await postForm(preferences, { actie: "reeks", reeks: "bestaat-niet" });
    expect(await response.text()).toContain("er is niets veranderd");
    expect(await enrollmentOf(subscriber.id)).toEqual(before);
  });
});
