import { env } from "cloudflare:workers";
import { inject, it, vi } from "vitest";
import { course, defaultSeries } from "../../worker/domain/course/course.ts";
import { createIssue, issueQuestionId, scheduleIssue } from "../../worker/domain/newsletter/issues.ts";
import { runSchedule } from "../../worker/domain/schedule/run.ts";
import { database } from "../../worker/mechanisms/db/client.ts";
import { amsterdamTime } from "../../worker/mechanisms/lib/amsterdam-time.ts";
import type { MailTransport } from "../../worker/mechanisms/mail/transport.ts";
import { envWithQueue, SimulatedQueue, seedReaders } from "../send-harness.ts";

const WEEK = 7 * 86_400_000;
const QUARTER = 15 * 60_000;
/** Cron runs per simulated week: the platform makes 672; these few leave the housekeeping a bound per run, as there. */
const RUNS_PER_WEEK = 8;
/** A newsletter issue every this many weeks; every other one asks a question. */
const ISSUE_EVERY = 4;

/**
 * Resend as far as storage sees it: every mail accepted with an id of Resend's length, one in
 * 200 refused with a reason, so the send batches hold what they hold in production.
 */
const storageTransport: MailTransport = {
  send: async () => ({ ok: true, id: crypto.randomUUID() }),
  sendBatch: async (mails) =>
    mails.map((_, index) =>
      index % 200 === 199
        ? { ok: false as const, error: "The `to` field must be a valid email address." }
        : { ok: true as const, id: crypto.randomUUID() },
    ),
};

/**
 * D1's file: its page size, and its pages from the size D1 reports after a statement
 * (`meta.size_after`, what D1 counts against its 10 GB), since D1 refuses `PRAGMA page_count`.
 */
async function pages() {
  const result = await env.DB.prepare("PRAGMA page_size").all<{ page_size: number }>();
  const pageSize = result.results[0]!.page_size;
  const bytes = (result.meta as { size_after: number }).size_after;
  return { pageSize, pageCount: bytes / pageSize, bytes };
}

/** How many rows the tables the sending grows hold. */
async function rowCounts() {
  const counts: Record<string, number> = {};
  for (const table of ["deliveries", "send_batches", "answers", "newsletter_issues"])
    counts[table] = Number((await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first("n")) ?? 0);
  return counts;
}

/** Three in ten readers answer what they were asked this week, one in ten with words of their own. */
async function answerThisWeek(prefix: string, claimedAt: number, issueQuestion: string | null) {
  const share = `substr(subscriber_id, -1) IN ('0', '1', '2')`;
  const note = `CASE WHEN substr(subscriber_id, -1) = '0' THEN 'Wat ik hiervan meeneem is dat ik vaker even stil mag staan bij wat ik zelf nodig heb.' END`;
  const statements = course.series
    .flatMap((series) => series.lessons)
    .map((lesson) =>
      env.DB.prepare(
        `INSERT OR IGNORE INTO answers (subscriber_id, question_id, answer_key, note, created_at, updated_at)
         SELECT subscriber_id, ?, ?, ${note}, ?, ? FROM deliveries
         WHERE kind = 'lesson' AND ref = ? AND claimed_at = ? AND subscriber_id LIKE ? AND ${share}`,
      ).bind(
        lesson.question.id,
        lesson.question.answers[0]!.key,
        claimedAt,
        claimedAt,
        lesson.slug,
        claimedAt,
        `${prefix}-%`,
      ),
    );
  if (issueQuestion)
    statements.push(
      env.DB.prepare(
        `INSERT OR IGNORE INTO answers (subscriber_id, question_id, answer_key, created_at, updated_at)
         SELECT id, ?, 'ja', ?, ? FROM subscribers WHERE id LIKE ? AND status = 'active' AND substr(id, -1) = '3'`,
      ).bind(issueQuestion, claimedAt, claimedAt, `${prefix}-%`),
    );
  await env.DB.batch(statements);
}

/**
 * `BENCH_STORAGE_READERS` readers (10,000 unless set; 0 skips) through `BENCH_STORAGE_WEEKS`
 * weeks (104 unless set) of the real cron and consumer: a lesson a week until their series ends,
 * a newsletter issue every four weeks, answers from a share of them. D1's pages are read before,
 * after the first year and at the end, so the second year shows whether storage stays bounded.
 */
it("measures what a year of sending leaves in D1", async () => {
  const readers = inject("benchStorageReaders");
  const weeks = inject("benchStorageWeeks");
  if (readers === 0) return;
  const prefix = "jaar";
  const start = amsterdamTime(2040, 1, 2, 12);
  const db = database(env);
  const wall = performance.now();
  const before = await pages();
  await seedReaders(env, prefix, readers, amsterdamTime(2040, 1, 2, 7));
  const seeded = await pages();
  const snapshots: { week: number; pages: Awaited<ReturnType<typeof pages>>; rows: Record<string, number> }[] = [];
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    for (let week = 0; week < weeks; week++) {
      const now = start + week * WEEK;
      vi.setSystemTime(now);
      let issueQuestion: string | null = null;
      if (week % ISSUE_EVERY === ISSUE_EVERY - 1) {
        const asks = Math.floor(week / ISSUE_EVERY) % 2 === 0;
        const issue = await createIssue(
          db,
          {
            subject: `Nieuwsbrief ${week}`,
            preheader: "Wat er deze maand speelt.",
            body: `Een brief van een paar alinea's.\n\n${"Woorden die er toe doen. ".repeat(60)}`,
            question: asks
              ? {
                  prompt: "Herken je dit?",
                  answers: [
                    { key: "ja", label: "Ja" },
                    { key: "nee", label: "Nee" },
                  ],
                }
              : null,
            public: false,
          },
          now,
        );
        await scheduleIssue(db, issue.id, now, now);
        if (asks) issueQuestion = issueQuestionId(issue);
      }
      for (let run = 0; run < RUNS_PER_WEEK; run++) {
        const queue = new SimulatedQueue();
        const at = now + run * QUARTER;
        vi.setSystemTime(at);
        await runSchedule(envWithQueue(queue), at);
        await queue.drain(envWithQueue(queue), storageTransport);
      }
      await answerThisWeek(prefix, now, issueQuestion);
      if (week + 1 === 52 || week + 1 === weeks)
        snapshots.push({ week: week + 1, pages: await pages(), rows: await rowCounts() });
    }
  } finally {
    vi.useRealTimers();
  }
  const yearOne = snapshots[0]!;
  const last = snapshots.at(-1)!;
  const years = (last.week - yearOne.week) / 52;
  const figures = {
    readers,
    weeks,
    lessonsInSeries: defaultSeries.lessons.length,
    pageSize: before.pageSize,
    pageCountBefore: seeded.pageCount,
    pageCountAfterYear: yearOne.pages.pageCount,
    pageCountAtEnd: last.pages.pageCount,
    bytesPerReaderYear: (yearOne.pages.bytes - seeded.bytes) / readers,
    bytesPerReaderLaterYear: years > 0 ? (last.pages.bytes - yearOne.pages.bytes) / readers / years : null,
    bytesPerReaderAtEnd: (last.pages.bytes - before.bytes) / readers,
    rowsAfterYear: yearOne.rows,
    rowsAtEnd: last.rows,
    storageWallSeconds: (performance.now() - wall) / 1000,
  };
  console.log(`BENCH_STORAGE ${JSON.stringify(figures)}`);
});
