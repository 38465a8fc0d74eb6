import { env } from "cloudflare:workers";
import { and, eq, inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { sendHealth } from "../worker/domain/health/send-health.ts";
import { findIssue, issueFigures } from "../worker/domain/newsletter/issues.ts";
import { readerDeliveries } from "../worker/domain/readers/deliveries.ts";
import { readerJournal } from "../worker/domain/reflections/journal.ts";
import { database } from "../worker/mechanisms/db/client.ts";
import { answers, deadLetters, deliveries, newsletterIssues, sendBatches } from "../worker/mechanisms/db/schema.ts";
import { config } from "../worker/mechanisms/lib/config.ts";
import { deliveryStatus } from "../worker/mechanisms/sending/batches.ts";
import {
  COMPACT_AFTER_MS,
  COMPACT_BATCHES,
  compactSent,
  EXPIRE_DELIVERIES,
  NEWSLETTER_LINKS_MS,
} from "../worker/mechanisms/sending/compact.ts";
import { requeueStale } from "../worker/mechanisms/sending/sweep.ts";
import { authorSession } from "./author-session.ts";
import { allLinks, db, mailsTo, postForm, readerWithLesson, request, runCron, subscriberByEmail } from "./helpers.ts";
import { envWithQueue, SimulatedQueue } from "./send-harness.ts";

const DAY = 86_400_000;

/** Runs compaction as the cron does at `now` until it finds nothing more to compact; the last run also expires links. */
async function compactAll(now: number) {
  for (let runs = 0; runs < 1000; runs++) if ((await compactSent(db, now)).batches === 0) return;
  throw new Error("compaction did not finish");
}

const rowsOf = (subscriberId: string) =>
  db
    .select({ id: deliveries.id, kind: deliveries.kind, batchKey: deliveries.batchKey })
    .from(deliveries)
    .where(eq(deliveries.subscriberId, subscriberId))
    .all();

/** Writes and sends an issue through the author's pages and the cron; returns it as stored. */
async function sendIssue(cookie: string, subject: string, question?: string[]) {
  const written = await postForm(
    "/beheer/nieuwsbrief/nieuw",
    {
      onderwerp: subject,
      voorvertoning: "Een korte brief.",
      tekst: "Een paar woorden over rust.",
      ...(question ? { vraag: "Wat neem je mee?", antwoorden: question.join("\n") } : {}),
    },
    { cookie },
  );
  expect(written.status).toBe(303);
  const id = written.headers.get("location")!.split("/").pop()!.split("?")[0]!;
  expect((await postForm(`/beheer/nieuwsbrief/${id}/versturen`, { zeker: "ja" }, { cookie })).status).toBe(303);
  await runCron(Date.now());
  return (await findIssue(db, id))!;
}

/** A D1 binding that counts the calls made through it (each one a subrequest of the invocation). */
function countingD1(calls: { n: number }): D1Database {
  const statement = (inner: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(inner, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (key === "bind") return (...args: unknown[]) => statement(target.bind(...args));
        if (["all", "run", "first", "raw"].includes(String(key)))
          return (...args: unknown[]) => {
            calls.n++;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return new Proxy(env.DB, {
    get(target, key) {
      if (key === "prepare") return (query: string) => statement(target.prepare(query));
      if (key === "batch")
        return (statements: D1PreparedStatement[]) => {
          calls.n++;
          return target.batch(statements);
        };
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** `count` send batches completed at `completedAt`, each with one welcome and one lesson delivery, one of them refused. */
async function oldBatches(prefix: string, count: number, completedAt: number) {
  for (let i = 0; i < count; i++) {
    const key = `${prefix}-${i}`;
    const [welcome, lesson] = [`${key}-w`, `${key}-l`];
    await db.batch([
      db.insert(sendBatches).values({
        key,
        createdAt: completedAt - 60_000,
        completedAt,
        attemptedIds: [welcome, lesson],
        outcomes: { sent: { [welcome]: crypto.randomUUID() }, failed: { [lesson]: "Ongeldig adres." } },
        mayHaveSent: true,
      }),
      db.insert(deliveries).values([
        {
          id: welcome,
          subscriberId: key,
          kind: "welcome",
          ref: key,
          batchKey: key,
          dueAt: completedAt,
          claimedAt: completedAt,
        },
        {
          id: lesson,
          subscriberId: key,
          kind: "lesson",
          ref: "les",
          batchKey: key,
          dueAt: completedAt,
          claimedAt: completedAt,
        },
      ]),
    ]);
  }
}

describe("compacting what was sent long ago", () => {
  it("keeps every answer link of a compacted lesson working, and the reader's mails as the author saw them", async () => {
    const reader = await readerWithLesson("Noor");
    const before = await readerDeliveries(db, reader.subscriber.id);
    expect(before.map((mail) => mail.status)).toEqual(["sent", "sent", "sent"]);

    await compactAll(Date.now() + COMPACT_AFTER_MS + DAY);

    const rows = await rowsOf(reader.subscriber.id);
    expect(rows.map((row) => row.kind)).toEqual(["lesson"]);
    const batch = (await db.select().from(sendBatches).where(eq(sendBatches.key, rows[0]!.batchKey)).get())!;
    expect(batch).toMatchObject({ sentCount: 1, failedCount: 0, skippedCount: 0, attemptedIds: null });
    expect(batch.outcomes).toEqual({ sent: {}, failed: {}, skipped: [] });
    expect(await deliveryStatus(db, rows[0]!.id)).toBe("sent");
    const lesson = defaultSeries.lessons[0]!;
    expect(await readerDeliveries(db, reader.subscriber.id)).toEqual(
      before.filter((mail) => mail.subject === lesson.title),
    );

    expect(reader.answerLinks).toHaveLength(lesson.question.answers.length);
    for (const [index, link] of reader.answerLinks.entries()) {
      const page = await request(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(lesson.question.prompt);
      const chosen = await request(link, { method: "POST", body: new URLSearchParams({ van: "pagina" }) });
      expect(chosen.status).toBe(303);
      const stored = await db.select().from(answers).where(eq(answers.subscriberId, reader.subscriber.id)).all();
      expect(stored.map((answer) => answer.answerKey)).toEqual([lesson.question.answers[index]!.key]);
    }
  });

  it("lets the export and erasure complete after compaction", async () => {
    const reader = await readerWithLesson("Sem");
    expect((await request(reader.answerLinks[0]!, { method: "POST" })).status).toBe(303);
    await compactAll(Date.now() + COMPACT_AFTER_MS + DAY);

    const exported = await postForm(reader.preferences, { actie: "exporteren" });
    expect(exported.status).toBe(200);
    const data = (await exported.json()) as { mails: { kind: string }[]; answers: unknown[] };
    expect(data.mails.map((mail) => mail.kind)).toEqual(["lesson"]);
    expect(data.answers).toHaveLength(1);

    const erased = await postForm(reader.preferences, { actie: "verwijderen", zeker: "ja" });
    expect(erased.status).toBe(200);
    expect(await rowsOf(reader.subscriber.id)).toEqual([]);
    expect(await subscriberByEmail(reader.email)).toBeUndefined();
  });

  it("keeps an issue's figures, and its answer links for a year: then they expire by design, the answer stays", async () => {
    const cookie = await authorSession();
    const reader = await readerWithLesson("Lotte");
    const stamp = Date.now().toString(36);
    const plain = await sendIssue(cookie, `Zonder vraag ${stamp}`);
    const asking = await sendIssue(cookie, `Met vraag ${stamp}`, ["Rust", "Nu even niet"]);
    const mails = await mailsTo(reader.email);
    const links = allLinks(mails.find((mail) => mail.subject === asking.subject)!.text, "/reflectie/");
    expect((await request(links[1]!, { method: "POST" })).status).toBe(303);
    const figures = await Promise.all(
      [plain, asking].map(async (issue) => issueFigures(db, (await findIssue(db, issue.id))!)),
    );
    expect(figures.map((f) => [f.sent, f.failed, f.openBatches])).toEqual([
      [plain.claimed, 0, 0],
      [asking.claimed, 0, 0],
    ]);

    await compactAll(Date.now() + COMPACT_AFTER_MS + DAY);
    const issueRows = () =>
      db
        .select({ ref: deliveries.ref })
        .from(deliveries)
        .where(and(eq(deliveries.subscriberId, reader.subscriber.id), eq(deliveries.kind, "newsletter")))
        .all();
    expect(await issueRows()).toEqual([{ ref: asking.id }]);
    for (const [index, issue] of [plain, asking].entries()) {
      const now = (await findIssue(db, issue.id))!;
      expect(await issueFigures(db, now)).toEqual(figures[index]);
    }
    const changed = await request(links[0]!, { method: "POST", body: new URLSearchParams({ van: "pagina" }) });
    expect(changed.status).toBe(303);
    const author = await (await request(`/beheer/nieuwsbrief/${asking.id}`, { headers: { cookie } })).text();
    expect(author).toContain("Rust: 1");

    await compactAll(Date.now() + NEWSLETTER_LINKS_MS + DAY);
    expect(await issueRows()).toEqual([]);
    const expired = await request(links[1]!, { method: "POST" });
    expect(expired.status).toBe(404);
    expect(await expired.text()).toContain("Deze link werkt niet (meer)");
    const answer = await db
      .select({ key: answers.answerKey })
      .from(answers)
      .where(and(eq(answers.subscriberId, reader.subscriber.id), eq(answers.questionId, `nieuwsbrief-${asking.id}`)))
      .get();
    expect(answer).toEqual({ key: "antwoord-1" });
    const journal = await readerJournal(db, config(env), reader.subscriber.id);
    expect(journal).toContainEqual(
      expect.objectContaining({ title: asking.subject, from: "Nieuwsbrief", answer: "Rust", answerToken: null }),
    );
    expect(await issueFigures(db, (await findIssue(db, asking.id))!)).toEqual({
      ...figures[1],
      answers: [{ key: "antwoord-1", n: 1 }],
    });
  });

  it("leaves the status page's counts as they were", async () => {
    const now = Date.now();
    const old = now - COMPACT_AFTER_MS - 5 * DAY;
    await oldBatches(`status-old-${now}`, 2, old);
    await oldBatches(`status-new-${now}`, 2, now - 2 * DAY);
    await db.insert(sendBatches).values({ key: `status-open-${now}`, createdAt: old });
    await db.insert(deliveries).values({
      id: `status-open-${now}-l`,
      subscriberId: `status-open-${now}`,
      kind: "lesson",
      ref: "les",
      batchKey: `status-open-${now}`,
      dueAt: old,
      claimedAt: old,
    });
    await db.insert(deadLetters).values({
      messageId: `dead-${now}`,
      batchKey: `status-old-${now}-0`,
      deliveryId: `status-old-${now}-0-l`,
      attempts: 10,
      receivedAt: now - 3 * DAY,
    });
    const before = await sendHealth(db, "resend", now);
    expect(before.failed.count).toBeGreaterThanOrEqual(2);

    await compactAll(now);

    expect(await sendHealth(db, "resend", now)).toEqual(before);
    const open = (await db
      .select()
      .from(sendBatches)
      .where(eq(sendBatches.key, `status-open-${now}`))
      .get())!;
    expect(open).toMatchObject({ completedAt: null, sentCount: null });
    const queue = new SimulatedQueue();
    expect(await requeueStale(envWithQueue(queue), db, now)).toBeGreaterThanOrEqual(1);
    expect(queue.pending.map((message) => message.body.batchKey)).toContain(`status-open-${now}`);
  });

  it("compacts a bounded number of batches per run in four D1 calls, changes nothing when repeated, and nothing young", async () => {
    const now = Date.now();
    const prefix = `bound-${now}`;
    await oldBatches(`${prefix}-old`, COMPACT_BATCHES + 5, now - COMPACT_AFTER_MS - DAY);
    await oldBatches(`${prefix}-young`, 3, now - COMPACT_AFTER_MS + DAY);
    const mine = like(sendBatches.key, `${prefix}-%`);

    const calls = { n: 0 };
    const counted = database({ ...env, DB: countingD1(calls) });
    expect((await compactSent(counted, now)).batches).toBe(COMPACT_BATCHES);
    expect(calls.n).toBeLessThanOrEqual(4);
    await compactAll(now);

    const snapshot = async () => ({
      batches: await db.select().from(sendBatches).where(mine).orderBy(sendBatches.key).all(),
      rows: await db
        .select()
        .from(deliveries)
        .where(like(deliveries.batchKey, `${prefix}-%`))
        .orderBy(deliveries.id)
        .all(),
    });
    const compacted = await snapshot();
    const old = compacted.batches.filter((batch) => batch.key.startsWith(`${prefix}-old`));
    expect(old).toHaveLength(COMPACT_BATCHES + 5);
    for (const batch of old) {
      expect(batch).toMatchObject({ sentCount: 1, failedCount: 1, skippedCount: 0, attemptedIds: null });
      expect(batch.outcomes).toEqual({ sent: {}, failed: { [`${batch.key}-l`]: "Ongeldig adres." }, skipped: [] });
    }
    expect(compacted.rows.filter((row) => row.batchKey.startsWith(`${prefix}-old`)).map((row) => row.kind)).toEqual(
      Array(COMPACT_BATCHES + 5).fill("lesson"),
    );
    expect(await deliveryStatus(db, `${prefix}-old-0-l`)).toBe("failed");

    const young = compacted.batches.filter((batch) => batch.key.startsWith(`${prefix}-young`));
    expect(young.map((batch) => [batch.sentCount, batch.attemptedIds?.length])).toEqual([
      [null, 2],
      [null, 2],
      [null, 2],
    ]);
    expect(compacted.rows.filter((row) => row.batchKey.startsWith(`${prefix}-young`))).toHaveLength(6);

    await compactSent(db, now);
    expect(await snapshot()).toEqual(compacted);
  });

  it("expires at most a bounded number of old newsletter deliveries per run, and only of compacted batches", async () => {
    const now = Date.now();
    const key = `expire-${now}`;
    const claimedAt = now - NEWSLETTER_LINKS_MS - DAY;
    const issue = `issue-${now}`;
    await db.insert(newsletterIssues).values({
      id: issue,
      slug: issue,
      subject: "Oud",
      preheader: "Oud",
      body: "Oud",
      question: {
        prompt: "Ja?",
        answers: [
          { key: "ja", label: "Ja" },
          { key: "nee", label: "Nee" },
        ],
      },
      status: "sent",
      sendAt: claimedAt,
      sentAt: claimedAt,
      createdAt: claimedAt,
      updatedAt: claimedAt,
    });
    const ids = Array.from({ length: EXPIRE_DELIVERIES + 10 }, (_, i) => `${key}-${i}`);
    await db.insert(sendBatches).values([
      { key, createdAt: claimedAt, completedAt: claimedAt, attemptedIds: ids, outcomes: { sent: {}, failed: {} } },
      { key: `${key}-open`, createdAt: claimedAt },
    ]);
    for (let start = 0; start < ids.length; start += 12)
      await db.insert(deliveries).values(
        ids.slice(start, start + 12).map((id) => ({
          id,
          subscriberId: id,
          kind: "newsletter" as const,
          ref: issue,
          batchKey: key,
          dueAt: claimedAt,
          claimedAt,
        })),
      );
    await db.insert(deliveries).values({
      id: `${key}-unsent`,
      subscriberId: `${key}-unsent`,
      kind: "newsletter",
      ref: issue,
      batchKey: `${key}-open`,
      dueAt: claimedAt,
      claimedAt,
    });
    const left = async () =>
      (
        await db
          .select({ id: deliveries.id })
          .from(deliveries)
          .where(like(deliveries.id, `${key}-%`))
          .all()
      ).length;

    // The oldest batch is compacted first; its deliveries may expire from the next run on.
    await compactSent(db, now);
    expect(await left()).toBe(ids.length + 1);
    await compactSent(db, now);
    expect(await left()).toBe(ids.length + 1 - EXPIRE_DELIVERIES);
    await compactAll(now);
    expect(
      await db
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(inArray(deliveries.id, [`${key}-unsent`, ids[0]!]))
        .all(),
    ).toEqual([{ id: `${key}-unsent` }]);
  });
});
