import { describe, expect, it } from "vitest";
import { course, defaultSeries } from "../worker/domain/course/course.ts";
import { rhythmWords, WEEKDAYS } from "../worker/domain/course/rhythm-words.ts";
import { enrollmentOf, readerWithLesson, runCron, waitForMails } from "./helpers.ts";

const WELCOME = "Welkom bij Rust en richting";
const CLOSING = "Je hebt de hele reeks gelezen";

/** A reader through every lesson of the first series, up to and with its closing mail. */
async function readerThroughTheSeries() {
  const reader = await readerWithLesson();
  for (let week = 1; week <= defaultSeries.lessons.length; week++)
    await runCron((await enrollmentOf(reader.subscriber.id))!.nextSendAt!);
  const mails = await waitForMails(reader.email, defaultSeries.lessons.length + 3);
  return { reader, closing: mails.find((mail) => mail.subject === CLOSING)! };
}

describe("the welcome mail", () => {
  it("names the weekday and hour her lessons come, as her page holds them", async () => {
    const { email, subscriber } = await readerWithLesson();
    const welcome = (await waitForMails(email, 3)).find((mail) => mail.subject === WELCOME)!;
    const { weekday, sendHour } = (await enrollmentOf(subscriber.id))!;
    expect(welcome.text).toContain(
      `Daarna krijg je elke week op ${WEEKDAYS[weekday - 1]} rond ${sendHour}:00 uur een nieuwe les.`,
    );
    expect(welcome.text).not.toContain("op dezelfde dag");
  });

  it("leaves how the mails work to the first lesson, which comes with it", async () => {
    const { email } = await readerWithLesson();
    const welcome = (await waitForMails(email, 3)).find((mail) => mail.subject === WELCOME)!;
    for (const told of ["één klik", "goed of fout", "één vraag", "pauzeren"]) expect(welcome.text).not.toContain(told);
  });

  it("says every other week, and a zone other than the Dutch one, in words", () => {
    expect(rhythmWords({ weekday: 2, sendHour: 7, timeZone: "Europe/Amsterdam", pace: 1 })).toBe(
      "elke week op dinsdag rond 7:00 uur",
    );
    expect(rhythmWords({ weekday: 7, sendHour: 20, timeZone: "America/New_York", pace: 2 })).toBe(
      "om de week op zondag rond 20:00 uur (tijd in America/New_York)",
    );
  });
});

describe("the closing mail", () => {
  it("keeps no score when she answered none of the questions", async () => {
    const { reader, closing } = await readerThroughTheSeries();
    expect(closing.text).not.toMatch(/Je gaf een antwoord bij \d+ van de \d+ vragen/);
    expect(closing.text).not.toContain(`${reader.preferences}/reflecties`);
    expect(closing.text).toContain(`Hier stoppen de lessen van ‘${defaultSeries.name}’.`);
  });

  it("looks back on the series she read, and speaks of the next one only in its offer", async () => {
    const { closing } = await readerThroughTheSeries();
    const next = course.series[1]!;
    const [lookBack, offer] = closing.text.split(`De volgende reeks is ‘${next.name}’`);
    expect(lookBack).toContain(`met de lessen van ‘${defaultSeries.name}’`);
    expect(lookBack).not.toContain("wat je geeft en wat je mag ontvangen");
    expect(lookBack).not.toContain(next.name);
    expect(offer).toContain(next.description);
  });
});
