import { env } from "cloudflare:workers";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { createIssue, scheduleIssue } from "../worker/domain/newsletter/issues.ts";
import { runSchedule } from "../worker/domain/schedule/run.ts";
import { subscribers } from "../worker/mechanisms/db/schema.ts";
import { amsterdamTime } from "../worker/mechanisms/lib/amsterdam-time.ts";
import { resendTransport } from "../worker/mechanisms/mail/resend.ts";
import { STALE_AFTER_MS } from "../worker/mechanisms/sending/sweep.ts";
import { db } from "./helpers.ts";
import { fakeResend } from "./resend-spec.ts";
import { envWithQueue, flakySending, SimulatedQueue, seedReaders, tally } from "./send-harness.ts";

/** The fixture course's first series, where every reader starts. */
const course = defaultSeries.lessons;

const WEEK = 7 * 86_400_000;

describe("sending under faults", () => {
  it("delivers every due lesson exactly once to 2,000 readers over 4 weeks, whatever fails or repeats", async () => {
    const { fake, transport, queue, workerEnv } = flakySending(20261122);
    const firstDue = amsterdamTime(2027, 1, 5, 7);
    const emails = await seedReaders(env, "fault", 2000, firstDue);

    for (let week = 0; week < 4; week++) {
      const slot = firstDue + week * WEEK;
      await runSchedule(workerEnv, slot);
      await runSchedule(workerEnv, slot);
      const { deadLettered } = await queue.drain(workerEnv, transport);
      expect(deadLettered).toBe(0);
    }

    expect(fake.problems).toEqual([]);
    expect(fake.played.count).toBeGreaterThan(20);
    const { duplicates, total } = tally(fake.accepted, emails);
    expect(duplicates).toBe(0);
    expect(total).toBe(2000 * 4);
    const subjects = new Set(fake.accepted.filter((m) => m.to[0] === emails[7]).map((m) => m.subject));
    expect([...subjects]).toEqual(course.slice(0, 4).map((lesson) => lesson.title));
  }, 180_000);

  it("recovers a claim whose enqueue failed: the next run re-enqueues it, and it is sent once", async () => {
    const fake = fakeResend();
    const transport = resendTransport({ apiKey: "re_test_key", fetch: fake.fetch, sleep: async () => {} });
    const queue = new SimulatedQueue();
    const workerEnv = envWithQueue(queue);
    // Earlier than any other test's readers, so this run claims only these.
    const due = amsterdamTime(2025, 6, 3, 7);
    const emails = await seedReaders(env, "enqueue", 150, due);

    queue.failSends = 1;
    await expect(runSchedule(workerEnv, due)).rejects.toThrow("queue unavailable");
    await runSchedule(workerEnv, due + 15 * 60_000);
    await queue.drain(workerEnv, transport);
    expect(tally(fake.accepted, emails).total).toBe(50);

    await runSchedule(workerEnv, due + STALE_AFTER_MS + 60_000);
    await queue.drain(workerEnv, transport);
    const { duplicates, total } = tally(fake.accepted, emails);
    expect({ duplicates, total }).toEqual({ duplicates: 0, total: 150 });
  }, 60_000);

  it("sends a newsletter issue to 2,000 readers exactly once each, and none to who opted out, whatever fails or repeats", async () => {
    const { fake, transport, queue, workerEnv } = flakySending(20261124);
    const sendAt = amsterdamTime(2025, 1, 7, 9);
    const emails = await seedReaders(env, "nieuwsbrief", 2000, amsterdamTime(2099, 1, 1, 7));
    const optedOut = emails.slice(0, 200).map((email) => email.split("@")[0]!);
    for (let start = 0; start < optedOut.length; start += 90)
      await db
        .update(subscribers)
        .set({ newsletter: false })
        .where(inArray(subscribers.id, optedOut.slice(start, start + 90)));
    const input = { subject: "Een brief in de winter", preheader: "", body: "Hoi.", question: null, public: false };
    const issue = await createIssue(db, input, sendAt - 86_400_000);
    await scheduleIssue(db, issue.id, sendAt, sendAt - 86_400_000);

    await Promise.all([runSchedule(workerEnv, sendAt), runSchedule(workerEnv, sendAt)]);
    await runSchedule(workerEnv, sendAt + 15 * 60_000);
    expect((await queue.drain(workerEnv, transport)).deadLettered).toBe(0);

    expect(fake.problems).toEqual([]);
    expect(fake.played.count).toBeGreaterThan(3);
    expect(tally(fake.accepted, emails.slice(200))).toEqual({ duplicates: 0, total: 1800 });
    expect(tally(fake.accepted, emails.slice(0, 200)).total).toBe(0);
  }, 120_000);
});
