import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { course } from "../worker/course/course.ts";
import { runSchedule } from "../worker/course/scheduled.ts";
import { amsterdamTime } from "../worker/lib/amsterdam-time.ts";
import { resendTransport } from "../worker/mail/resend.ts";
import type { MailTransport } from "../worker/mail/transport.ts";
import { STALE_AFTER_MS } from "../worker/sending/sweep.ts";
import type { Fault } from "./fake-resend.ts";
import { fakeResend } from "./resend-spec.ts";
import { envWithQueue, SimulatedQueue, seededRandom, seedReaders } from "./send-harness.ts";

const WEEK = 7 * 86_400_000;

/** Counts what the fake accepted per reader and subject: every due lesson exactly once. */
function tally(accepted: { to: string[]; subject: string }[], emails: string[]) {
  const mine = new Set(emails);
  const counts = new Map<string, number>();
  for (const mail of accepted) {
    const to = mail.to[0]!;
    if (mine.has(to)) counts.set(`${to}|${mail.subject}`, (counts.get(`${to}|${mail.subject}`) ?? 0) + 1);
  }
  return { duplicates: [...counts.values()].filter((n) => n > 1).length, total: counts.size };
}

function flakyResend(random: () => number) {
  const faults: Fault[] = [{ status: 500 }, { status: 503 }, { status: 429, retryAfter: "0" }, "timeout", "drop"];
  const played = { count: 0 };
  const fake = fakeResend({
    fault: () => {
      if (random() >= 0.2) return null;
      played.count++;
      return faults[Math.floor(random() * faults.length)]!;
    },
  });
  return Object.assign(fake, { played });
}

/** A consumer that now and then dies right after Resend accepted a batch, before recording it. */
function crashingAfterSend(inner: MailTransport, random: () => number): MailTransport {
  return {
    send: (mail) => inner.send(mail),
    async sendBatch(mails, key) {
      const outcomes = await inner.sendBatch(mails, key);
      if (random() < 0.1) throw new Error("consumer died mid-batch");
      return outcomes;
    },
  };
}

describe("sending under faults", () => {
  it("delivers every due lesson exactly once to 2,000 readers over 4 weeks, whatever fails or repeats", async () => {
    const random = seededRandom(20261121);
    const fake = flakyResend(random);
    const transport = crashingAfterSend(
      resendTransport({ apiKey: "re_test_key", fetch: fake.fetch, sleep: async () => {}, attempts: 3, timeoutMs: 20 }),
      random,
    );
    const queue = new SimulatedQueue({ duplicate: true, random });
    const workerEnv = envWithQueue(queue);
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
});
