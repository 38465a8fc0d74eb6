import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { withText } from "../worker/domain/course/lesson-text.ts";
import { answers, deliveries, enrollments } from "../worker/mechanisms/db/schema.ts";
import { weekdayIn } from "../worker/mechanisms/lib/reader-time.ts";
import { deliveryStatus } from "../worker/mechanisms/sending/batches.ts";
import { clockChanges } from "./fixtures/clock-changes.ts";
import {
  allLinks,
  db,
  enrollmentOf,
  lessonsReceived,
  mailsTo,
  request,
  runCron,
  subscribeAndConfirm,
  waitForMails,
} from "./helpers.ts";

/** The fixture course's first series, where every reader starts. */
const course = defaultSeries.lessons.map(withText);

const WEEK = 7 * 86_400_000;

describe("weekly lessons", () => {
  it("sends nothing before the reader's time and the next lesson at it", async () => {
    const { email, subscriber } = await subscribeAndConfirm("Chris");
    const due = (await enrollmentOf(subscriber.id))!.nextSendAt!;

    await runCron(due - 15 * 60_000);
    expect(
      await db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.subscriberId, subscriber.id), eq(deliveries.kind, "lesson")))
        .all(),
    ).toHaveLength(1);

    await runCron(due);
    const [lesson] = await waitForMails(email, 4);
    expect(lesson!.subject).toBe(course[1]!.title);
    expect(lesson!.html).toContain("Hoi Chris,");
    expect(lesson!.html).toContain(course[1]!.question.prompt);
    expect(lesson!.html).toContain(course[1]!.preheader);
    expect(lesson!.html).toContain(">Afmelden</a>");
    expect(lesson!.text).toContain(course[1]!.question.prompt);

    const unsubscribe = allLinks(lesson!.text, "/afmelden/");
    expect(unsubscribe).toHaveLength(1);
    expect(lesson!.headers["List-Unsubscribe"]).toBe(`<https://rustenrichting.test${unsubscribe[0]}>`);
    expect(lesson!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");

    const answerLinks = allLinks(lesson!.text, "/reflectie/");
    // Answers by number, never by key: the key would tell request logs what the reader chose.
    expect(answerLinks.map((link) => link.split("/").pop())).toEqual(
      course[1]!.question.answers.map((_, index) => String(index + 1)),
    );

    expect(await lessonsReceived(subscriber.id)).toEqual([course[0]!.slug, course[1]!.slug]);
    expect((await enrollmentOf(subscriber.id))!.nextSendAt).toBe(due + WEEK);
  });

  it("sends nothing twice when a run is repeated for the same time", async () => {
    const { email, subscriber } = await subscribeAndConfirm();
    const due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
    await runCron(due);
    await waitForMails(email, 4);
    await runCron(due);
    await runCron(due + 60_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await mailsTo(email)).toHaveLength(4);
    const rows = await db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.subscriberId, subscriber.id), eq(deliveries.kind, "lesson")))
      .all();
    expect(await Promise.all(rows.map((row) => deliveryStatus(db, row.id)))).toEqual(["sent", "sent"]);
  });

  it("keeps a late run from sending a backlog: one lesson, then the rhythm resumes", async () => {
    const { email, subscriber } = await subscribeAndConfirm();
    const due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
    await runCron(due + 3 * WEEK);
    await waitForMails(email, 4);
    expect(await lessonsReceived(subscriber.id)).toHaveLength(2);
    expect((await enrollmentOf(subscriber.id))!.nextSendAt).toBe(due + 4 * WEEK);
  });

  it("walks the whole course, then sends the closing mail and stops the lessons", async () => {
    const { email, subscriber } = await subscribeAndConfirm();
    let due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
    for (let lesson = 2; lesson <= course.length; lesson++) {
      await runCron(due);
      due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
    }
    // She answered one question on the way: the closing mail looks back on it.
    const [first] = course;
    await db.insert(answers).values({
      subscriberId: subscriber.id,
      questionId: first!.question.id,
      answerKey: first!.question.answers[0]!.key,
    });
    await runCron(due);
    const mails = await waitForMails(email, course.length + 3);
    expect(mails[0]!.subject).toBe("Je hebt de hele reeks gelezen");
    // A look back: the journal, behind the reader's own link; no answers in the mail itself.
    const journal = allLinks(mails[0]!.text, "/voorkeuren/").find((link) => link.endsWith("/reflecties"));
    expect(journal).toBe(`${allLinks(mails[0]!.text, "/voorkeuren/")[0]!.replace(/\/reflecties$/, "")}/reflecties`);
    expect((await request(journal!)).status).toBe(200);
    expect(
      mails
        .map((mail) => mail.subject)
        .reverse()
        .slice(2, -1),
    ).toEqual(course.map((lesson) => lesson.title));
    const enrollment = (await enrollmentOf(subscriber.id))!;
    expect(enrollment.state).toBe("completed");
    expect(enrollment.nextSendAt).toBeNull();
    await runCron(due + WEEK);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await mailsTo(email)).toHaveLength(course.length + 3);
  });

  for (const { change, due, next } of clockChanges) {
    it(`sends at 07:00 Amsterdam time on both sides of the ${change} clock change`, async () => {
      const { email, subscriber } = await subscribeAndConfirm();
      await db
        .update(enrollments)
        .set({ nextSendAt: Date.parse(due), weekday: weekdayIn(Date.parse(due), "Europe/Amsterdam") })
        .where(eq(enrollments.subscriberId, subscriber.id));
      await runCron(Date.parse(due));
      await runCron(Date.parse(next) - 15 * 60_000);
      expect((await enrollmentOf(subscriber.id))!.nextSendAt).toBe(Date.parse(next));
      await runCron(Date.parse(next));
      await waitForMails(email, 5);
      const rows = await db
        .select({ dueAt: deliveries.dueAt })
        .from(deliveries)
        .where(and(eq(deliveries.subscriberId, subscriber.id), eq(deliveries.kind, "lesson")))
        .all();
      expect(
        rows
          .map((row) => new Date(row.dueAt).toISOString())
          .slice(1)
          .sort(),
      ).toEqual([due, next]);
    });
  }
});
