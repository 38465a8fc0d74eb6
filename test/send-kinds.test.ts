import { describe, expect, inject, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { COURSE_COMPLETE_SUBJECT } from "../worker/domain/mails/course.ts";
import { runSchedule } from "../worker/domain/schedule/run.ts";
import { app } from "../worker/doors/app.ts";
import { enrollments } from "../worker/mechanisms/db/schema.ts";
import { resendTransport } from "../worker/mechanisms/mail/resend.ts";
import { STALE_AFTER_MS } from "../worker/mechanisms/sending/sweep.ts";
import { BASE, db } from "./helpers.ts";
import { fakeResend } from "./resend-spec.ts";
import { envWithQueue, flakySending, SimulatedQueue, tally } from "./send-harness.ts";

/** The fixture course's first series, where every reader starts. */
const course = defaultSeries.lessons;

const WEEK = 7 * 86_400_000;
/** Readers who sign up: `npm run fuzz` has 300 (vitest.fuzz.config.ts), the normal suite fewer. */
const READERS = inject("mailKindReaders") ?? 100;

function post(workerEnv: Env, path: string, fields: Record<string, string>, ip: string) {
  return app.fetch(
    new Request(`${BASE}${path}`, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { origin: BASE, "cf-connecting-ip": ip },
      redirect: "manual",
    }),
    workerEnv,
  );
}

describe("every kind of mail under faults", () => {
  it("sends each reader's confirmation, welcome, lessons and closing mail exactly once, whatever fails or repeats", async () => {
    const { fake, transport, queue, workerEnv } = flakySending(20261123);
    const emails = Array.from({ length: READERS }, (_, i) => `soort-${i}-${Date.now().toString(36)}@lezers.test`);
    const ip = (i: number) => `2001:db8:5:${i.toString(16)}::1`;

    for (const [i, email] of emails.entries())
      expect((await post(workerEnv, "/inschrijven", { email, voornaam: `Lezer ${i}` }, ip(i))).status).toBe(303);
    expect((await queue.drain(workerEnv, transport)).deadLettered).toBe(0);

    const confirmations = fake.accepted.filter((mail) => mail.subject === "Bevestig je inschrijving");
    for (const [i, email] of emails.entries()) {
      const mail = confirmations.find((m) => m.to[0] === email);
      const path = new URL(/https:\/\/\S+\/bevestig\/[\w-]+/.exec(mail!.text)![0]).pathname;
      // Every third reader clicks twice at once, as from two tabs.
      const clicks = i % 3 === 0 ? 2 : 1;
      const answers = await Promise.all(Array.from({ length: clicks }, () => post(workerEnv, path, {}, ip(i))));
      for (const answer of answers) expect(answer.status).toBe(200);
    }
    expect((await queue.drain(workerEnv, transport)).deadLettered).toBe(0);

    const due = Math.max(
      ...(await db.select({ at: enrollments.nextSendAt }).from(enrollments).all()).map((r) => r.at ?? 0),
    );
    for (let week = 0; week < course.length; week++) {
      await runSchedule(workerEnv, due + week * WEEK);
      await runSchedule(workerEnv, due + week * WEEK);
      expect((await queue.drain(workerEnv, transport)).deadLettered).toBe(0);
    }

    expect(fake.problems).toEqual([]);
    expect(fake.played.count).toBeGreaterThan(10);
    const expected = [
      "Bevestig je inschrijving",
      "Welkom bij Rust en richting",
      ...course.map((lesson) => lesson.title),
      COURSE_COMPLETE_SUBJECT,
    ];
    expect(tally(fake.accepted, emails)).toEqual({ duplicates: 0, total: READERS * expected.length });
    const subjects = fake.accepted.filter((mail) => mail.to[0] === emails[42]).map((mail) => mail.subject);
    expect(new Set(subjects)).toEqual(new Set(expected));
  }, 240_000);
});

describe("the reader's clicks while Resend is down", () => {
  it("answers the signup and the confirmation at once; the mails follow, once each, when Resend is back", async () => {
    const down = fakeResend({ fault: () => ({ status: 503 }) });
    const up = fakeResend();
    const transport = (fake: typeof up) =>
      resendTransport({ apiKey: "re_test_key", fetch: fake.fetch, sleep: async () => {}, attempts: 1 });
    const queue = new SimulatedQueue();
    const workerEnv = envWithQueue(queue);
    const email = `storing-${Date.now().toString(36)}@lezers.test`;

    expect((await post(workerEnv, "/inschrijven", { email }, "2001:db8:6::1")).status).toBe(303);
    expect((await queue.drain(workerEnv, transport(down), 3)).deadLettered).toBe(1);
    await runSchedule(workerEnv, Date.now() + STALE_AFTER_MS + 60_000);
    await queue.drain(workerEnv, transport(up));
    const [confirmation] = up.accepted;
    expect(confirmation?.subject).toBe("Bevestig je inschrijving");

    const path = new URL(/https:\/\/\S+\/bevestig\/[\w-]+/.exec(confirmation!.text)![0]).pathname;
    const confirmed = await post(workerEnv, path, {}, "2001:db8:6::1");
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain("Je bent ingeschreven");
    expect(queue.pending).toHaveLength(2);
    expect((await queue.drain(workerEnv, transport(down), 2)).deadLettered).toBe(2);
    expect(down.accepted).toEqual([]);

    await runSchedule(workerEnv, Date.now() + STALE_AFTER_MS + 60_000);
    await queue.drain(workerEnv, transport(up));
    expect(up.accepted.map((mail) => mail.subject)).toEqual([
      "Bevestig je inschrijving",
      "Welkom bij Rust en richting",
      course[0]!.title,
    ]);
  });
});
