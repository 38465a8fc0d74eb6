import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { deliveries, enrollments } from "../worker/mechanisms/db/schema.ts";
import {
  db,
  enrollmentOf,
  postForm,
  readerWhoAnswered,
  readerWithLesson,
  request,
  runCron,
  waitForMails,
} from "./helpers.ts";

const [first, second] = defaultSeries.lessons;

describe("the reader's journal, 'Mijn reflecties'", () => {
  it("shows every question they answered in course order, with their answer, words and whether they shared them", async () => {
    const reader = await readerWhoAnswered({ note: "Vooral 's avonds & in het weekend.", share: true });
    await runCron((await enrollmentOf(reader.subscriber.id))!.nextSendAt!);
    const [lesson2] = await db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.subscriberId, reader.subscriber.id), eq(deliveries.ref, second!.slug)))
      .all();
    expect(lesson2).toBeDefined();
    const mine = await request(reader.preferences);
    expect(await mine.text()).toContain(`href="${reader.preferences}/reflecties"`);

    const response = await request(`${reader.preferences}/reflecties`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const body = await response.text();
    expect(body).toContain("<h1>Mijn reflecties</h1>");
    expect(body).toContain(first!.title);
    expect(body).toContain(first!.question.prompt.replace(/'/g, "&#39;"));
    expect(body).toContain(`Je antwoord: <strong>${first!.question.answers[0]!.label}</strong>`);
    expect(body).toContain("Vooral &#39;s avonds &amp; in het weekend.");
    expect(body).toContain("Gedeeld met de schrijver");
    expect(body).toContain(`href="/reflectie/${reader.answerToken}"`);
    expect(body).toContain("@media print");
    // Lesson 2 came, but was not answered: it is not in the journal.
    expect(body).not.toContain(second!.question.prompt.replace(/'/g, "&#39;"));
  });

  it("dates each mail on the reader's own calendar", async () => {
    const reader = await readerWhoAnswered();
    // Tuesday 8 December, 07:00 in Sydney, is still Monday 7 December in UTC.
    await db
      .update(deliveries)
      .set({ dueAt: Date.parse("2026-12-07T20:00Z") })
      .where(and(eq(deliveries.subscriberId, reader.subscriber.id), eq(deliveries.ref, first!.slug)));
    await db
      .update(enrollments)
      .set({ timeZone: "Australia/Sydney" })
      .where(eq(enrollments.subscriberId, reader.subscriber.id));
    const body = await (await request(`${reader.preferences}/reflecties`)).text();
    expect(body).toContain("8 december 2026");
    expect(body).not.toContain("7 december 2026");
  });

  it("lets the reader change an answer from there, and shows the change", async () => {
    const reader = await readerWhoAnswered({ note: "Eerst dit.", share: false });
    const journal = await (await request(`${reader.preferences}/reflecties`)).text();
    expect(journal).toContain("Alleen voor jou.");
    const change = /href="(\/reflectie\/[^"]+)"/.exec(journal)![1]!;
    await postForm(`${change}/2`, { van: "pagina" });
    await postForm(change, { notitie: "Nu anders." });
    const after = await (await request(`${reader.preferences}/reflecties`)).text();
    expect(after).toContain(`Je antwoord: <strong>${first!.question.answers[1]!.label}</strong>`);
    expect(after).toContain("Nu anders.");
  });

  it("is where the closing mail points: it gives the number of answers, never the answers", async () => {
    const reader = await readerWhoAnswered({ note: "Alleen voor mij.", share: false });
    for (let week = 1; week <= defaultSeries.lessons.length; week++)
      await runCron((await enrollmentOf(reader.subscriber.id))!.nextSendAt!);
    const mails = await waitForMails(reader.email, defaultSeries.lessons.length + 3);
    const closing = mails.find((mail) => mail.subject === "Je hebt de hele reeks gelezen")!;
    expect(closing.text).toContain(`Je gaf een antwoord bij 1 van de ${defaultSeries.lessons.length} vragen.`);
    expect(closing.text).toContain(`${reader.preferences}/reflecties`);
    expect(closing.text).not.toContain("Alleen voor mij.");
    expect(closing.text).not.toContain(first!.question.prompt);
  });

  it("says kindly that there is nothing yet, and opens for nobody without the reader's link", async () => {
    const reader = await readerWithLesson();
    expect(await (await request(`${reader.preferences}/reflecties`)).text()).toContain(
      "Je hebt nog geen vraag beantwoord",
    );
    expect((await request(`/voorkeuren/${"x".repeat(43)}/reflecties`)).status).toBe(404);
    expect((await request(`${reader.unsubscribe.replace("/afmelden/", "/voorkeuren/")}/reflecties`)).status).toBe(404);
  });
});
