import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { inject, it } from "vitest";
import { defaultSeries } from "../../worker/domain/course/course.ts";
import { mailElement } from "../../worker/domain/mails/course-templates.ts";
import { composers } from "../../worker/domain/mails/index.ts";
import { createIssue } from "../../worker/domain/newsletter/issues.ts";
import { app } from "../../worker/doors/app.ts";
import { database } from "../../worker/mechanisms/db/client.ts";
import { amsterdamTime } from "../../worker/mechanisms/lib/amsterdam-time.ts";
import { config } from "../../worker/mechanisms/lib/config.ts";
import { renderMail } from "../../worker/mechanisms/mail/render.ts";
import { deliveryId, personalTokens } from "../../worker/mechanisms/sending/delivery-id.ts";
import { SimulatedQueue, stopReaders } from "../send-harness.ts";
import { invocation } from "./measure.ts";
import { pendingReader } from "./pending-reader.ts";
import { claimFigures, sendRun } from "./send-run.ts";

const NAIVE_SAMPLE = 100;
const ONCE_SAMPLE = 5000;
/** Consumer invocations running at once (BENCH_CONSUMERS, 4 unless set): the pacer is shared by all, as on the platform. */
const CONSUMERS = inject("benchConsumers");
const CLICKS = 20;
/** Readers of the sequential run that measures CPU: one consumer at a time, so no invocation's time holds another's work. */
const CPU_SAMPLE = 2000;

type Stats = { calls: number; accepted: number; rateLimited: number };
async function resendStats(): Promise<Stats> {
  return (await fetch(`${env.RESEND_BASE_URL}/__stats`)).json();
}

/** CPU per mail of composing a lesson mail, tokens included: a full React render per reader, or the Worker's own way. */
async function renderCosts() {
  const cfg = config(env);
  const db = database(env);
  // Each with its real id, as a claimed delivery has: its links then need no search through older keys.
  const readers = await Promise.all(
    Array.from({ length: ONCE_SAMPLE }, async (_, i) => {
      const key = {
        subscriberId: `cost-${i}`,
        kind: "lesson" as const,
        ref: defaultSeries.lessons[i % defaultSeries.lessons.length]!.slug,
      };
      return {
        ...key,
        id: await deliveryId(cfg, key),
        email: `cost-${i}@lezers.test`,
        firstName: i % 3 ? `Lezer ${i}` : null,
        subscriberStatus: "active" as const,
        round: null,
      };
    }),
  );
  let start = performance.now();
  for (const reader of readers.slice(0, NAIVE_SAMPLE)) {
    const tokens = await personalTokens(cfg, reader);
    await renderMail(mailElement(cfg, reader.ref, { ...tokens, firstName: reader.firstName ?? undefined }));
  }
  const naive = (performance.now() - start) / NAIVE_SAMPLE;
  start = performance.now();
  for (const reader of readers) await composers.lesson.compose(cfg, reader, db);
  const once = (performance.now() - start) / ONCE_SAMPLE;
  return { naive, once };
}

/**
 * The heaviest of `CLICKS` confirmation clicks (of new signups) and answer clicks (of readers
 * `${readers}-0…` who got the lesson at `answerSlug`), each a single request to the Worker.
 */
async function clickCosts(readers: string, answerSlug: string) {
  const cfg = config(env);
  const _db = database(env);
  const now = Date.now();
  let confirmMs = 0;
  let answerMs = 0;
  for (let i = 0; i < CLICKS; i++) {
    const id = `klik-${i}`;
    const token = await pendingReader(id, `${id}@lezers.test`, `nonce-${i}`, now);
    for (const [path, kind] of [
      [`/bevestig/${token}`, "confirm"],
      [
        `/reflectie/${(await personalTokens(cfg, { kind: "lesson", subscriberId: `${readers}-${i}`, ref: answerSlug })).answerToken}/1`,
        "answer",
      ],
    ] as const) {
      const ctx = createExecutionContext();
      const { result, cpuMs } = await invocation(new SimulatedQueue(), async (workerEnv) =>
        app.fetch(new Request(`${cfg.PUBLIC_URL}${path}`, { method: "POST" }), workerEnv, ctx),
      );
      await waitOnExecutionContext(ctx);
      const status = (result as Response).status;
      if (status !== 200 && status !== 303) throw new Error(`${kind} click answered ${status}`);
      if (kind === "confirm") confirmMs = Math.max(confirmMs, cpuMs);
      else answerMs = Math.max(answerMs, cpuMs);
    }
  }
  return { confirmMs, answerMs };
}

/** The first mail of a new newsletter issue in an isolate: it renders the issue once, for every later mail. */
async function issueFirstMailCost(prefix: string) {
  const cfg = config(env);
  const body = Array.from(
    { length: 40 },
    (_, i) =>
      `## Deel ${i + 1}\n\nEen alinea van een **lange** brief, met [een link](https://example.test/${i}). ${"Woorden ".repeat(40)}`,
  ).join("\n\n");
  const question = {
    prompt: "Wat neem je mee?",
    answers: ["een", "twee", "drie", "vier", "vijf"].map((key) => ({ key, label: `Antwoord ${key}` })),
  };
  const issue = await createIssue(
    database(env),
    { subject: `Nummer ${prefix}`, preheader: "Een lange brief.", body, question, public: false },
    Date.now(),
  );
  const key = { subscriberId: `${prefix}-0`, kind: "newsletter" as const, ref: issue.id };
  const delivery = {
    ...key,
    id: await deliveryId(cfg, key),
    email: `${prefix}-0@lezers.test`,
    firstName: "Lezer",
    subscriberStatus: "active" as const,
    round: null,
  };
  const { cpuMs } = await invocation(new SimulatedQueue(), (workerEnv) =>
    composers.newsletter.compose(cfg, delivery, database(workerEnv)),
  );
  return cpuMs;
}

/**
 * Resend's rate decides only how fast mails leave: measured once, on `BENCH_RATE_READERS`
 * readers (10,000 unless set) at `RESEND_MAX_RPS` through the shared pacer.
 */
async function atRate(readers: number) {
  const before = await resendStats();
  const { totals } = await sendRun("rate", readers, amsterdamTime(2028, 1, 10, 7), CONSUMERS);
  const after = await resendStats();
  const calls = after.calls - before.calls;
  if (after.accepted - before.accepted !== readers) throw new Error(`expected ${readers} mails at the rate`);
  return {
    readers,
    mailsPerSecondAtRate: readers / (totals.drainMs / 1000),
    rateLimitedShare: (after.rateLimited - before.rateLimited) / calls,
  };
}

/** `BENCH_CLAIM_READERS` readers (1,000,000 unless set; 0 skips) due at one instant, claimed only: how long until the last. */
async function claimOnly(readers: number) {
  const due = amsterdamTime(2027, 1, 11, 7);
  const { totals, heaviest, claimInvocations } = await sendRun("miljoen", readers, due, 0, { claimOnly: true });
  if (totals.claimed !== readers) throw new Error(`expected ${readers} claimed, claimed ${totals.claimed}`);
  return { readers, ...claimFigures(totals.claimMs, claimInvocations, heaviest) };
}

it("measures a weekly send run", async () => {
  const costs = await renderCosts();
  const cpu = await sendRun("cpu", CPU_SAMPLE, amsterdamTime(2029, 1, 8, 7), 1);
  const measured: Record<string, number>[] = [];
  const sizes = inject("benchSizes");
  for (const [index, readers] of sizes.entries()) {
    const before = await resendStats();
    // Resend answers at once here: what the rate decides was measured above.
    const { totals, heaviest, wallMs, claimInvocations } = await sendRun(
      `bench${index}`,
      readers,
      amsterdamTime(2030 + index, 1, 8, 7),
      CONSUMERS,
      { paced: false },
    );
    const after = await resendStats();
    const sent = after.accepted - before.accepted;
    if (totals.claimed !== readers || sent !== readers)
      throw new Error(`expected ${readers} mails, claimed ${totals.claimed}, Resend accepted ${sent}`);
    const calls = after.calls - before.calls;

    const figures = {
      readers,
      wallSeconds: wallMs / 1000,
      mailsPerSecond: readers / (wallMs / 1000),
      cpuMsPerMailNaive: costs.naive,
      cpuMsPerMailRenderOnce: costs.once,
      renderSpeedup: costs.naive / costs.once,
      pipelineCpuMsPerMail: cpu.totals.cpuMs / CPU_SAMPLE,
      d1RowsReadPerMail: totals.rowsRead / readers,
      d1RowsWrittenPerMail: totals.rowsWritten / readers,
      resendCallsPer100: (calls / readers) * 100,
      resendMaxRps: config(env).RESEND_MAX_RPS,
      heaviestCronCpuMs: heaviest.cronMs,
      heaviestConsumerBatchCpuMs: cpu.heaviest.consumerMs,
      ...claimFigures(totals.claimMs, claimInvocations, heaviest),
    };
    measured.push(figures);
  }
  // After the sizes, and dated before them: a later run's compaction would otherwise count this run's batches as its own reads.
  const rate = await atRate(inject("benchRateReaders"));
  for (const figures of measured)
    Object.assign(figures, {
      rateLimitedShare: rate.rateLimitedShare,
      mailsPerSecondAtRate: rate.mailsPerSecondAtRate,
      rateMeasuredWithReaders: rate.readers,
    });
  // Clicks last: their readers would otherwise be due, and their mails open, in the next size's run.
  const clicks = await clickCosts("bench0", defaultSeries.lessons[0]!.slug);
  const newsletterFirstMailCpuMs = await issueFirstMailCost("klik");
  for (const figures of measured)
    console.log(
      `BENCH ${JSON.stringify({
        ...figures,
        heaviestConfirmClickCpuMs: clicks.confirmMs,
        heaviestAnswerClickCpuMs: clicks.answerMs,
        newsletterFirstMailCpuMs,
      })}`,
    );
  const million = inject("benchClaimReaders");
  // The clicks' readers are due now: the claim-only run counts its own readers alone.
  await stopReaders(env, "klik");
  if (million > 0) console.log(`BENCH_CLAIM ${JSON.stringify(await claimOnly(million))}`);
});
