import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { claimDue } from "../worker/domain/course/claim.ts";
import { course, lessonBySlug } from "../worker/domain/course/course.ts";
import type { BuiltCourse } from "../worker/domain/course/course-schema.ts";
import type { CourseLesson } from "../worker/domain/course/lesson-schema.ts";
import { deliveries, enrollments } from "../worker/mechanisms/db/schema.ts";
import { config } from "../worker/mechanisms/lib/config.ts";
import { personalTokens } from "../worker/mechanisms/sending/delivery-id.ts";
import { deployCourse } from "./deployable-course.ts";
import { db, enrollmentOf, request, subscribeAndConfirm } from "./helpers.ts";

const cfg = config(env);
const WEEK = 7 * 86_400_000;
const before = course;
afterAll(() => deployCourse(before));

const [first, second, third, fourth] = before.series[0]!.lessons as [
  CourseLesson,
  CourseLesson,
  CourseLesson,
  CourseLesson,
];

/** A new lesson as an author would add it: its own slug and question. */
function newLesson(slug: string, order: number): CourseLesson {
  return {
    ...first,
    slug,
    order,
    title: `Nieuw: ${slug}`,
    question: { ...first.question, id: `${slug}-vraag` },
  };
}

/**
 * The same course, changed every way an author might at once: a lesson inserted before
 * readers' place, two lessons swapped, one retired, one added at the end, and one renamed with
 * its old slug kept as an alias.
 */
const changed: BuiltCourse = {
  series: [
    {
      ...before.series[0]!,
      lessons: [
        { ...first, slug: "een-nieuw-begin", aliases: [first.slug], order: 1 },
        newLesson("tussendoor", 2),
        { ...fourth, order: 3 },
        { ...third, order: 4 },
        newLesson("tot-slot", 5),
      ],
    },
    ...before.series.slice(1),
  ],
  retired: [{ ...second, retired: true }],
};

/** The lessons claimed for a reader, by what they are now called. */
async function lessonsOf(subscriberId: string): Promise<string[]> {
  const rows = await db
    .select({ ref: deliveries.ref })
    .from(deliveries)
    .where(and(eq(deliveries.subscriberId, subscriberId), eq(deliveries.kind, "lesson")))
    .orderBy(deliveries.dueAt, deliveries.claimedAt)
    .all();
  return rows.map((row) => lessonBySlug(row.ref)?.slug ?? row.ref);
}

/** Claims what is due for one reader at `time`, as the cron does; returns how many mails that was. */
async function week(subscriberId: string, time: number): Promise<number> {
  return (await claimDue(db, cfg, time, { subscriberId }))?.deliveryIds.length ?? 0;
}

describe("a course that changes under readers on their way", () => {
  it("gives every due reader exactly one mail a week, never a lesson twice, none skipped but the retired one", async () => {
    // Readers at every stage of the first series: lesson 1 came when they confirmed.
    const readers = await Promise.all([0, 1, 2, 3, 4].map(() => subscribeAndConfirm()));
    // The change is deployed after every lesson they had so far.
    const time = Date.now() + 10 * WEEK;
    for (const [stage, { subscriber }] of readers.entries()) {
      for (let had = 1; had < stage; had++) await week(subscriber.id, (await enrollmentOf(subscriber.id))!.nextSendAt!);
      // A reader confirmed, whose first lesson the next run will claim.
      if (stage === 0) {
        await db
          .delete(deliveries)
          .where(and(eq(deliveries.subscriberId, subscriber.id), eq(deliveries.kind, "lesson")));
        await db.update(enrollments).set({ received: "[]" }).where(eq(enrollments.subscriberId, subscriber.id));
      }
      await db.update(enrollments).set({ nextSendAt: time }).where(eq(enrollments.subscriberId, subscriber.id));
    }
    const oldLinks = await Promise.all(
      readers.map(async ({ subscriber }) =>
        db
          .select()
          .from(deliveries)
          .where(and(eq(deliveries.subscriberId, subscriber.id), eq(deliveries.kind, "lesson")))
          .all(),
      ),
    );

    deployCourse(changed);
    const now = ["een-nieuw-begin", "tussendoor", fourth.slug, third.slug, "tot-slot"];
    for (let weekNumber = 0; weekNumber < 7; weekNumber++) {
      for (const { subscriber } of readers) {
        const enrollment = (await enrollmentOf(subscriber.id))!;
        if (enrollment.state === "completed") continue;
        expect(await week(subscriber.id, enrollment.nextSendAt!), `week ${weekNumber}`).toBe(1);
        expect(await week(subscriber.id, enrollment.nextSendAt!), "the same week again").toBe(0);
      }
    }
    for (const [stage, { subscriber }] of readers.entries()) {
      const had = await lessonsOf(subscriber.id);
      expect(new Set(had).size, `stage ${stage}: no lesson twice`).toBe(had.length);
      expect(had.filter((slug) => slug !== second.slug).sort(), `stage ${stage}: none skipped`).toEqual(
        [...now].sort(),
      );
      expect(had.includes(second.slug), `stage ${stage}: the retired lesson only if had before`).toBe(stage >= 2);
      expect((await enrollmentOf(subscriber.id))!.state).toBe("completed");
    }
    // Those already past the insertion get the new lesson first, then go on where they were.
    expect(await lessonsOf(readers[3]!.subscriber.id)).toEqual(
      [first.slug, second.slug, third.slug, "tussendoor", fourth.slug, "tot-slot"].map(
        (slug) => lessonBySlug(slug)!.slug,
      ),
    );

    // Answer links in mails sent before the change still open their question, renamed and retired ones too.
    for (const row of oldLinks.flat()) {
      const token = (await personalTokens(cfg, row)).answerToken;
      const response = await request(`/reflectie/${token}`);
      expect(response.status, row.ref).toBe(200);
      expect(await response.text()).toContain(lessonBySlug(row.ref)!.question.prompt.replace(/'/g, "&#39;"));
    }
  });
});

describe("a lesson rewritten with a new question, in a series that got a new id", () => {
  it("counts the new lesson as had by whoever had the one it replaces, and keeps the old one's answer links", async () => {
    deployCourse(before);
    const old = before.series[0]!;
    const [ahead, behind] = [await subscribeAndConfirm(), await subscribeAndConfirm()];
    await week(ahead.subscriber.id, (await enrollmentOf(ahead.subscriber.id))!.nextSendAt!);
    const [secondLesson] = await db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.subscriberId, ahead.subscriber.id), eq(deliveries.ref, second.slug)))
      .all();
    const time = Date.now() + 10 * WEEK;
    for (const { subscriber } of [ahead, behind])
      await db
        .update(enrollments)
        .set({ series: old.id, nextSendAt: time })
        .where(eq(enrollments.subscriberId, subscriber.id));

    const renamed = "een-nieuwe-naam";
    const rewritten = { ...newLesson("herschreven", 2), series: renamed, replaces: [second.slug] };
    deployCourse({
      series: [
        {
          ...old,
          id: renamed,
          aliases: [old.id],
          lessons: [first, rewritten, third, fourth].map((lesson, at) => ({
            ...lesson,
            series: renamed,
            order: at + 1,
          })),
        },
        ...before.series.slice(1),
      ],
      retired: [{ ...second, series: renamed, retired: true }],
    });
    try {
      for (let weekNumber = 0; weekNumber < 4; weekNumber++)
        for (const { subscriber } of [ahead, behind]) {
          const enrollment = (await enrollmentOf(subscriber.id))!;
          if (enrollment.state !== "completed") await week(subscriber.id, enrollment.nextSendAt!);
        }
      expect(await lessonsOf(ahead.subscriber.id)).toEqual([first.slug, second.slug, third.slug, fourth.slug]);
      expect(await lessonsOf(behind.subscriber.id)).toEqual([first.slug, "herschreven", third.slug, fourth.slug]);

      const token = (await personalTokens(cfg, secondLesson!)).answerToken;
      const answer = await request(`/reflectie/${token}`);
      expect(answer.status).toBe(200);
      const page = await answer.text();
      expect(page).toContain(second.question.prompt.replace(/'/g, "&#39;"));
      expect(page).not.toContain(rewritten.title);
    } finally {
      deployCourse(before);
    }
  }, 60_000);
});
