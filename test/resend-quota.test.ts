import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { sendQuota } from "../worker/mechanisms/db/schema.ts";
import { resendTransport } from "../worker/mechanisms/mail/resend.ts";
import { type OutgoingMail, QuotaExceededError, RetryableSendError } from "../worker/mechanisms/mail/transport.ts";
import { quotaPause } from "../worker/mechanisms/sending/quota.ts";
import { authorSession } from "./author-session.ts";
import { db, request } from "./helpers.ts";
import { overDays } from "./quota-days.ts";
import { fakeResend } from "./resend-spec.ts";

const mail = (n: number): OutgoingMail => ({
  to: `lezer${n}@voorbeeld.nl`,
  from: "Rust en richting <lessen@rustenrichting.nl>",
  subject: `Les ${n}`,
  html: `<p>Les ${n}</p>`,
  text: `Les ${n}`,
  headers: {},
  idempotencyKey: `delivery/${n}`,
});

afterEach(async () => {
  vi.useRealTimers();
  await db.delete(sendQuota);
});

describe("Resend's quota answers", () => {
  it("stops at a used-up daily quota without trying again, until midnight UTC", async () => {
    const now = Date.UTC(2030, 4, 17, 9, 30);
    const fake = fakeResend({ quota: { daily: 2, now: () => now } });
    const transport = resendTransport({
      apiKey: "re_test_key",
      fetch: fake.fetch,
      sleep: async () => {},
      now: () => now,
    });
    await transport.sendBatch([mail(1), mail(2)], "batch/a");
    const refused = await transport.sendBatch([mail(3), mail(4)], "batch/b").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(QuotaExceededError);
    expect(refused).toMatchObject({ quota: "daily", resumeAt: Date.UTC(2030, 4, 18), mayHaveSent: false });
    expect(fake.requests).toBe(2);
    expect(fake.accepted).toHaveLength(2);
  });

  it("stops at a used-up monthly quota until the first of the next month, or Resend's retry-after", async () => {
    const now = Date.UTC(2030, 11, 31, 23, 0);
    const fake = fakeResend({ quota: { monthly: 1, now: () => now } });
    const transport = resendTransport({
      apiKey: "re_test_key",
      fetch: fake.fetch,
      sleep: async () => {},
      now: () => now,
    });
    await transport.send(mail(1));
    await expect(transport.send(mail(2))).rejects.toMatchObject({ quota: "monthly", resumeAt: Date.UTC(2031, 0, 1) });

    const withRetryAfter = resendTransport({
      apiKey: "re_test_key",
      fetch: async () =>
        Response.json(
          { statusCode: 429, name: "daily_quota_exceeded", message: "quota" },
          { status: 429, headers: { "retry-after": "3600" } },
        ),
      sleep: async () => {},
      now: () => now,
    });
    await expect(withRetryAfter.send(mail(3))).rejects.toMatchObject({ quota: "daily", resumeAt: now + 3_600_000 });
  });

  it("still treats a 429 for the rate as a rate: retried, then handed back as retryable", async () => {
    const fake = fakeResend({ fault: () => ({ status: 429, retryAfter: "0" }) });
    const transport = resendTransport({ apiKey: "re_test_key", fetch: fake.fetch, sleep: async () => {}, attempts: 3 });
    const error = await transport.send(mail(1)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetryableSendError);
    expect(error).not.toBeInstanceOf(QuotaExceededError);
    expect(fake.requests).toBe(3);
  });

  it("tells what was used in its quota headers", async () => {
    const fake = fakeResend({ quota: { daily: 100, monthly: 3000 } });
    const response = await fake.fetch("https://api.resend.com/emails/batch", {
      method: "POST",
      headers: { authorization: "Bearer re_test_key", "content-type": "application/json", "idempotency-key": "k1" },
      body: JSON.stringify([1, 2, 3].map((n) => ({ ...mail(n), to: [mail(n).to], idempotencyKey: undefined }))),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-resend-daily-quota")).toBe("3");
    expect(response.headers.get("x-resend-monthly-quota")).toBe("3");
  });
});

const titles = defaultSeries.lessons.map((lesson) => lesson.title);

describe("sending within Resend's quota", () => {
  it("pauses at a used-up quota and sends every mail once, in order, over the next days", async () => {
    const { fake, byReader, deadLettered, pauses } = await overDays(fakeResend, "quotum", 10);
    expect(fake.problems).toEqual([]);
    expect(deadLettered).toBe(0);
    // Lesson 1 over three days (100 a day), lesson 2 a week after each claim, again over three days.
    expect(pauses.length).toBeGreaterThanOrEqual(4);
    for (const [email, subjects] of byReader) {
      expect(subjects, email).toEqual(titles.slice(0, 2));
    }
    expect(await quotaPause(db)).toBeNull();
  }, 120_000);

  it("plans within RESEND_DAILY_QUOTA: those who do not fit go first the next day, and Resend refuses nothing", async () => {
    const { fake, byReader, deadLettered, pauses } = await overDays(fakeResend, "gepland", 3, {
      RESEND_DAILY_QUOTA: "100",
    });
    expect(fake.problems).toEqual([]);
    expect(deadLettered).toBe(0);
    expect(pauses).toEqual([]);
    const counts = [...byReader.values()].map((subjects) => subjects.length);
    expect(counts.every((count) => count === 1)).toBe(true);
    expect(fake.accepted).toHaveLength(300);
  }, 120_000);

  it("says on the status page that sending waits for the quota, and until when", async () => {
    const until = Date.now() + 5 * 3_600_000;
    await db
      .insert(sendQuota)
      .values({ provider: "resend", pausedFor: "daily", pausedAt: Date.now(), pausedUntil: until });
    const response = await request("/beheer/status", { headers: { cookie: await authorSession() } });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain("Het versturen wacht op het dagquotum van Resend, tot");
    expect(body).not.toContain("Alles loopt.");

    await db.delete(sendQuota);
    const after = await (await request("/beheer/status", { headers: { cookie: await authorSession() } })).text();
    expect(after).toContain("Het versturen wacht niet op een quotum van Resend.");
  });
});
