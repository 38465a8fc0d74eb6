import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { claimDue } from "../worker/domain/course/claim.ts";
import { course, defaultSeries } from "../worker/domain/course/course.ts";
import { composers } from "../worker/domain/mails/index.ts";
import { saveAnswer } from "../worker/domain/reflections/answers.ts";
import { answers, enrollments, sendBatches } from "../worker/mechanisms/db/schema.ts";
import { amsterdamTime } from "../worker/mechanisms/lib/amsterdam-time.ts";
import { config } from "../worker/mechanisms/lib/config.ts";
import { resendTransport } from "../worker/mechanisms/mail/resend.ts";
import { sendBatch } from "../worker/mechanisms/sending/send-batch.ts";
import { deployCourse } from "./deployable-course.ts";
import { db, enrollmentOf, postForm, readerWithLesson, request, runCron, waitForMails } from "./helpers.ts";
import { fakeResend } from "./resend-spec.ts";
import { diesAfterSending, seedReaders } from "./send-harness.ts";

/** The course as the file began: a test below deploys another. */
const before = course;
/** The fixture's second lesson opens with a line for "ja" and one for "nog-niet" to the first; none for "weet-niet". */
const [first, second] = defaultSeries.lessons;
const lines = second!.after!;
const answerNumber = (key: string) => first!.question.answers.findIndex((answer) => answer.key === key) + 1;

/** A reader with lesson 1 who gave `answers` in turn (the first from the mail, the rest on the page), then lesson 2. */
async function readerWhoAnswered(...answers: string[]) {
  const reader = await readerWithLesson();
  for (const [index, key] of answers.entries()) {
    const response =
      index === 0
        ? await request(`/reflectie/${reader.answerToken}/${answerNumber(key)}`, { method: "POST" })
        : await postForm(`/reflectie/${reader.answerToken}/${answerNumber(key)}`, { van: "pagina" });
    expect(response.status).toBe(303);
  }
  return reader;
}

async function secondLesson(email: string) {
  const mails = await waitForMails(email, 4);
  const lesson = mails.find((mail) => mail.subject === second!.title);
  expect(lesson).toBeDefined();
  return lesson!;
}

describe("next week remembers", () => {
  it("opens the next lesson with the line for the answer she gave, and only for her", async () => {
    expect(Object.keys(lines).sort()).toEqual(["ja", "nog-niet"]);
    const yes = await readerWhoAnswered("ja");
    const notYet = await readerWhoAnswered("nog-niet");
    const unsure = await readerWhoAnswered("weet-niet");
    const silent = await readerWhoAnswered();
    const changed = await readerWhoAnswered("nog-niet", "weet-niet");
    const readers = [yes, notYet, unsure, silent, changed];
    const due = Math.max(
      ...(await Promise.all(readers.map(async (r) => (await enrollmentOf(r.subscriber.id))!.nextSendAt!))),
    );
    await runCron(due);

    const [forYes, forNotYet, forUnsure, forSilent, forChanged] = await Promise.all(
      readers.map((reader) => secondLesson(reader.email)),
    );
    expect(forYes!.html).toContain(lines.ja);
    expect(forYes!.text).toContain(lines.ja);
    expect(forYes!.html).not.toContain(lines["nog-niet"]);
    expect(forNotYet!.html).toContain(lines["nog-niet"]);
    expect(forNotYet!.text).toContain(lines["nog-niet"]);
    expect(forNotYet!.html).not.toContain(lines.ja);
    // The line stands between the greeting and the lesson.
    expect(forNotYet!.text.indexOf("Hoi Anna,")).toBeLessThan(forNotYet!.text.indexOf(lines["nog-niet"]!));
    for (const lesson of [forUnsure!, forSilent!, forChanged!])
      for (const line of Object.values(lines)) {
        expect(lesson.html).not.toContain(line);
        expect(lesson.text).not.toContain(line);
      }
    for (const lesson of [forYes!, forNotYet!, forUnsure!, forSilent!, forChanged!])
      expect(lesson.html).toContain(second!.question.prompt);
  });
});

describe("a lesson's opening line in a batch that is tried again", () => {
  it("stays what it was when the mail was first made, so a retry carries the very same payload", async () => {
    const due = amsterdamTime(2024, 4, 2, 7);
    const emails = await seedReaders(env, "na-een-week", 3, due);
    const ids = emails.map((email) => email.split("@")[0]!);
    await db
      .update(enrollments)
      .set({ received: JSON.stringify([first!.slug]) })
      .where(inArray(enrollments.subscriberId, ids));
    await saveAnswer(db, ids[0]!, first!.question.id, "ja", due - 86_400_000);
    await saveAnswer(db, ids[1]!, first!.question.id, "nog-niet", due - 86_400_000);
    const claim = (await claimDue(db, config(env), due))!;
    expect(claim.deliveryIds).toHaveLength(3);
    await db.update(enrollments).set({ state: "paused" }).where(inArray(enrollments.subscriberId, ids));

    const fake = fakeResend();
    const inner = resendTransport({ apiKey: "re_test_key", fetch: fake.fetch, sleep: async () => {}, attempts: 1 });
    await expect(sendBatch(env, composers, diesAfterSending(inner), claim.batchKey, Date.now())).rejects.toThrow(
      "consumer died",
    );
    // She changes her answer while the batch waits for its retry: the mail she may already have stays as it was.
    await saveAnswer(db, ids[0]!, first!.question.id, "nog-niet", Date.now());
    const outcomes = await sendBatch(env, composers, inner, claim.batchKey, Date.now());
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["sent", "sent", "sent"]);
    expect(fake.problems).toEqual([]);
    const mailTo = (email: string) => fake.accepted.filter((mail) => mail.to[0] === email);
    expect(mailTo(emails[0]!)).toHaveLength(1);
    expect(mailTo(emails[0]!)[0]!.html).toContain(lines.ja);
    expect(mailTo(emails[1]!)[0]!.html).toContain(lines["nog-niet"]);
    for (const line of Object.values(lines)) expect(mailTo(emails[2]!)[0]!.html).not.toContain(line);
    // Once the batch is complete, what its mails were made from is no longer kept.
    const batch = await db.select().from(sendBatches).where(eq(sendBatches.key, claim.batchKey)).get();
    expect(batch!.completedAt).not.toBeNull();
    expect(batch!.madeWith).toBeNull();
  });
});

describe("a lesson's opening line after the lesson before it changed", () => {
  afterAll(() => deployCourse(before));

  it("follows only an answer to the lesson now before it, not to one retired in its place", async () => {
    const [oldFirst, lesson2, ...rest] = before.series[0]!.lessons;
    const newFirst = { ...oldFirst!, slug: "een-ander-begin", question: { ...oldFirst!.question, id: "ander-begin" } };
    deployCourse({
      ...before,
      series: [{ ...before.series[0]!, lessons: [newFirst, lesson2!, ...rest] }, ...before.series.slice(1)],
      retired: [...before.retired, { ...oldFirst!, retired: true }],
    });
    const due = amsterdamTime(2024, 5, 7, 7);
    const ids = (await seedReaders(env, "voorganger", 2, due)).map((email) => email.split("@")[0]!);
    const [answeredOld, answeredNew] = ids as [string, string];
    await db
      .update(enrollments)
      .set({ received: JSON.stringify([newFirst.slug]) })
      .where(inArray(enrollments.subscriberId, ids));
    await saveAnswer(db, answeredOld, oldFirst!.question.id, "ja", Date.now());
    await saveAnswer(db, answeredNew, "ander-begin", "ja", Date.now());
    const claims = [
      (await claimDue(db, config(env), due, { subscriberId: answeredOld }))!,
      (await claimDue(db, config(env), due, { subscriberId: answeredNew }))!,
    ];
    const batches = await db
      .select({ key: sendBatches.key, madeWith: sendBatches.madeWith })
      .from(sendBatches)
      .where(
        inArray(
          sendBatches.key,
          claims.map((claim) => claim.batchKey),
        ),
      )
      .all();
    const madeWith = (claim: (typeof claims)[number]) =>
      batches.find((batch) => batch.key === claim.batchKey)!.madeWith;
    expect(madeWith(claims[0]!)).toBeNull();
    expect(madeWith(claims[1]!)).toEqual({ [claims[1]!.deliveryIds[0]!]: "ja" });
  });
});

describe("her answers kept on her enrollment for the claim", () => {
  it("follow every change she makes, and keep nothing a link scanner's sweep chose", async () => {
    const reader = await readerWhoAnswered("ja");
    const question = first!.question.id;
    const answered = async () => (await enrollmentOf(reader.subscriber.id))!.answered;
    expect(await answered()).toEqual({ [question]: "ja" });
    await postForm(`/reflectie/${reader.answerToken}/${answerNumber("nog-niet")}`, { van: "pagina" });
    expect(await answered()).toEqual({ [question]: "nog-niet" });

    const scanned = await readerWithLesson("Bram");
    const fetches = first!.question.answers.map((_, index) =>
      request(`/reflectie/${scanned.answerToken}/${index + 1}`, { method: "POST" }),
    );
    for (const response of await Promise.all(fetches)) expect(response.status).toBe(303);
    expect(await db.select().from(answers).where(eq(answers.subscriberId, scanned.subscriber.id)).all()).toEqual([]);
    expect((await enrollmentOf(scanned.subscriber.id))!.answered).toEqual({});
  });
});
