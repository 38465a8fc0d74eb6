import { env } from "cloudflare:workers";
import { it } from "vitest";
import { defaultSeries } from "../../worker/domain/course/course.ts";
import { overDays } from "../quota-days.ts";
import { fakeResend } from "../resend-spec.ts";

/**
 * Resend's free daily quota (100 mails) against 300 readers due at once, over ten simulated
 * days: every mail sent exactly once, each reader's lessons in order, nothing dead-lettered,
 * and on which day the last of the first lessons went.
 */
it("measures a quota of 100 a day against 300 due readers", async () => {
  // Only these readers: others left due by earlier bench files would share the quota.
  await env.DB.prepare("UPDATE enrollments SET state = 'stopped' WHERE state = 'active'").run();
  const { fake, byReader, deadLettered, sentBy } = await overDays(fakeResend, "quotabench", 10);
  const titles = defaultSeries.lessons.map((lesson) => lesson.title);
  const inOrder = [...byReader.values()].every((subjects) =>
    subjects.every((subject, index) => subject === titles[index]),
  );
  const duplicates = [...byReader.values()].filter((subjects) => new Set(subjects).size < subjects.length).length;
  const figures = {
    due: byReader.size,
    sentOnce: [...byReader.values()].filter((subjects) => subjects.filter((s) => s === titles[0]).length === 1).length,
    duplicates,
    deadLettered,
    inOrder,
    days: sentBy.findIndex((sent) => sent >= byReader.size) + 1,
    mailsByDay: sentBy,
    problems: fake.problems.length,
  };
  console.log(`BENCH_QUOTA ${JSON.stringify(figures)}`);
});
