import { env } from "cloudflare:workers";
import { inject, it } from "vitest";
import { defaultSeries } from "../../worker/domain/course/course.ts";
import { saveAnswer } from "../../worker/domain/reflections/answers.ts";
import { database } from "../../worker/mechanisms/db/client.ts";
import { amsterdamTime } from "../../worker/mechanisms/lib/amsterdam-time.ts";
import { seedReaders } from "../send-harness.ts";
import { sendRun } from "./send-run.ts";

const WEEK = 7 * 86_400_000;
/** Answers stored at the same time while seeding. */
const ANSWERS_AT_ONCE = 50;

const [first, second, third] = defaultSeries.lessons;
if (!first || !second?.after || !third || third.after)
  throw new Error("the first series' lesson 2 should have after-lines and its lesson 3 none");
const lineKey = Object.keys(second.after)[0]!;
const plainKey = first.question.answers.map((answer) => answer.key).find((key) => !Object.hasOwn(second.after!, key))!;

/**
 * The cases measured, each on the same readers: lesson 2 of the first series, which opens with a
 * line for some answers to lesson 1, with lesson 1 answered by a third with such an answer, by a
 * third with one that has no line, by a third not at all (`withLines`); the same lesson and
 * readers with the same answers stored, but to another question than lesson 1's, so the claim
 * chooses no line and every mail is the lesson as it was before after-lines (`without`: storing
 * the answers leaves the isolate the same garbage to collect in both); and lesson 3, which has no
 * after-lines and so no line to choose (`otherLesson`).
 */
const cases = {
  withLines: { had: [first.slug], question: first.question.id, name: "met" },
  without: { had: [first.slug], question: third.question.id, name: "zonder" },
  otherLesson: { had: [first.slug, second.slug], question: first.question.id, name: "les3" },
} as const;
type Case = keyof typeof cases;

/** Readers due for the lesson after `had`, two in three with an answer to the case's question, as a reader's click stores it. */
async function seedCase(prefix: string, readers: number, due: number, which: Case) {
  await seedReaders(env, prefix, readers, due, { received: [...cases[which].had], lastLessonAt: due - WEEK });
  const { question } = cases[which];
  const db = database(env);
  const answering = Array.from({ length: readers }, (_, i) => i).filter((i) => i % 3 !== 2);
  for (let start = 0; start < answering.length; start += ANSWERS_AT_ONCE)
    await Promise.all(
      answering
        .slice(start, start + ANSWERS_AT_ONCE)
        .map((i) => saveAnswer(db, `${prefix}-${i}`, question, i % 3 === 0 ? lineKey : plainKey, due - WEEK)),
    );
}

/** The claim should have chosen the line for every reader of the first third, and for no one else. */
async function expectLines(readers: number) {
  const chosen = await env.DB.prepare(
    "SELECT count(*) AS n FROM send_batches, json_each(send_batches.made_with) WHERE completed_at IS NULL",
  ).first<number>("n");
  if (chosen !== Math.ceil(readers / 3)) throw new Error(`expected ${Math.ceil(readers / 3)} lines, found ${chosen}`);
}

type Figures = {
  cpuMsPerMail: number;
  d1RowsReadPerMail: number;
  d1RowsWrittenPerMail: number;
  queriesPerMail: number;
};

/** One run of `readers`, sent by one consumer at a time so no invocation's clock holds another's work. */
async function run(prefix: string, readers: number, due: number, which: Case): Promise<Figures> {
  const { totals } = await sendRun(prefix, readers, due, 1, {
    paced: false,
    seed: () => seedCase(prefix, readers, due, which),
    afterClaim: which === "withLines" ? () => expectLines(readers) : undefined,
  });
  if (totals.claimed !== readers) throw new Error(`expected ${readers} claimed, claimed ${totals.claimed}`);
  return {
    cpuMsPerMail: totals.cpuMs / readers,
    d1RowsReadPerMail: totals.rowsRead / readers,
    d1RowsWrittenPerMail: totals.rowsWritten / readers,
    queriesPerMail: totals.queries / readers,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * The medians of a case's rounds, and the least CPU of them beside: one round in five may run
 * a quarter faster or slower for every case alike, which moves the least and not the median.
 */
function summary(runs: Figures[]): Figures & { cpuMsPerMailLeast: number } {
  const of = (key: keyof Figures) => median(runs.map((figures) => figures[key]));
  return {
    cpuMsPerMail: of("cpuMsPerMail"),
    cpuMsPerMailLeast: Math.min(...runs.map((figures) => figures.cpuMsPerMail)),
    d1RowsReadPerMail: of("d1RowsReadPerMail"),
    d1RowsWrittenPerMail: of("d1RowsWrittenPerMail"),
    queriesPerMail: of("queriesPerMail"),
  };
}

const change = (now: number, before: number) => (now - before) / before;

it("measures what after-lines cost a send run", async () => {
  const readers = inject("benchAfterReaders");
  const rounds = inject("benchAfterRounds");
  const order = Object.keys(cases) as Case[];
  const runs: Record<Case, Figures[]> = { withLines: [], without: [], otherLesson: [] };
  let due = amsterdamTime(2040, 1, 7, 7);
  // Uncounted: the first runs in an isolate pay for compiling the Worker's code. And each run's cron compacts the
  // batches of the run before it (they completed in real time, long before any due date here): at full size, the
  // first counted run follows one as large as itself, as every later run does.
  for (const which of order) {
    due -= 2 * WEEK;
    await run(`warm${cases[which].name}`, readers, due, which);
  }
  for (let round = 0; round < rounds; round++)
    // Alternated, each round starting with another case, so a slow stretch of this busy machine falls on all alike.
    for (const which of [...order.slice(round % order.length), ...order.slice(0, round % order.length)]) {
      due -= 2 * WEEK;
      const figures = await run(`${cases[which].name}${round}`, readers, due, which);
      runs[which].push(figures);
      console.log(`after-lines round ${round} ${which}: ${JSON.stringify(figures)}`);
    }
  const [withLines, without, otherLesson] = order.map((which) => summary(runs[which])) as [
    ReturnType<typeof summary>,
    ReturnType<typeof summary>,
    ReturnType<typeof summary>,
  ];
  console.log(
    `BENCH_AFTER ${JSON.stringify({
      readers,
      rounds,
      withLines,
      without,
      otherLesson,
      rowsReadChange: change(withLines.d1RowsReadPerMail, without.d1RowsReadPerMail),
      cpuChange: change(withLines.cpuMsPerMail, without.cpuMsPerMail),
    })}`,
  );
});
