import { env } from "cloudflare:workers";
import { inject, it } from "vitest";
import { config } from "../../worker/config.ts";
import { defaultSeries } from "../../worker/course/course.ts";
import { mailElement, personalisedMail } from "../../worker/course/lesson-mail.ts";
import { runSchedule } from "../../worker/course/scheduled.ts";
import { amsterdamTime } from "../../worker/lib/amsterdam-time.ts";
import { mailTransport } from "../../worker/mail/index.ts";
import { renderMail } from "../../worker/mail/render.ts";
import { personalTokens } from "../../worker/sending/delivery-id.ts";
import { envWithQueue, SimulatedQueue, seedReaders } from "../send-harness.ts";
import { type D1Meter, meteredD1 } from "./metered-d1.ts";

const NAIVE_SAMPLE = 100;
const ONCE_SAMPLE = 5000;

async function resendStats(): Promise<{ calls: number; accepted: number }> {
  return (await fetch(`${env.RESEND_BASE_URL}/__stats`)).json();
}

/** CPU per mail of composing a lesson mail: a full render per reader, or the render-once template filled in. */
async function renderCosts() {
  const cfg = config(env);
  const readers = Array.from({ length: ONCE_SAMPLE }, (_, i) => ({
    subscriberId: `cost-${i}`,
    kind: "lesson" as const,
    ref: defaultSeries.lessons[i % defaultSeries.lessons.length]!.slug,
    firstName: i % 3 ? `Lezer ${i}` : undefined,
  }));
  const tokens = await Promise.all(readers.map((reader) => personalTokens(cfg, reader)));
  let start = performance.now();
  for (let i = 0; i < NAIVE_SAMPLE; i++)
    await renderMail(mailElement(cfg, readers[i]!.ref, { ...tokens[i]!, firstName: readers[i]!.firstName }));
  const naive = (performance.now() - start) / NAIVE_SAMPLE;
  start = performance.now();
  for (let i = 0; i < ONCE_SAMPLE; i++)
    await personalisedMail(cfg, readers[i]!.ref, { ...tokens[i]!, firstName: readers[i]!.firstName });
  const once = (performance.now() - start) / ONCE_SAMPLE;
  return { naive, once };
}

it("measures a weekly send run", async () => {
  const costs = await renderCosts();
  const sizes = inject("benchSizes");
  for (const [index, readers] of sizes.entries()) {
    const due = amsterdamTime(2030 + index, 1, 8, 7);
    const prefix = `bench${index}`;
    await seedReaders(env, prefix, readers, due);

    const meter: D1Meter = { rowsRead: 0, rowsWritten: 0, waitMs: 0, meteringMs: 0 };
    const queue = new SimulatedQueue();
    const workerEnv = envWithQueue(queue, { DB: meteredD1(env.DB, meter) });
    const transport = mailTransport(workerEnv);
    let resendWaitMs = 0;
    const timedTransport = {
      send: transport.send,
      async sendBatch(...args: Parameters<typeof transport.sendBatch>) {
        const start = performance.now();
        try {
          return await transport.sendBatch(...args);
        } finally {
          resendWaitMs += performance.now() - start;
        }
      },
    };
    const before = await resendStats();
    const start = performance.now();
    // A run claims at most MAX_LESSON_PAGES pages of lessons; the platform's next runs (every 15 minutes) take the rest.
    let claimed = 0;
    for (let run = await runSchedule(workerEnv, due); run.claimed > 0; run = await runSchedule(workerEnv, due)) {
      claimed += run.claimed;
      await queue.drain(workerEnv, timedTransport);
    }
    const wallMs = performance.now() - start - meter.meteringMs;
    const after = await resendStats();
    const sent = after.accepted - before.accepted;
    if (claimed !== readers || sent !== readers)
      throw new Error(`expected ${readers} mails, claimed ${claimed}, Resend accepted ${sent}`);

    const figures = {
      readers,
      wallSeconds: wallMs / 1000,
      mailsPerSecond: readers / (wallMs / 1000),
      cpuMsPerMailNaive: costs.naive,
      cpuMsPerMailRenderOnce: costs.once,
      renderSpeedup: costs.naive / costs.once,
      pipelineCpuMsPerMail: (wallMs - meter.waitMs - resendWaitMs) / readers,
      d1RowsReadPerMail: meter.rowsRead / readers,
      d1RowsWrittenPerMail: meter.rowsWritten / readers,
      resendCallsPer100: ((after.calls - before.calls) / readers) * 100,
    };
    console.log(`BENCH ${JSON.stringify(figures)}`);
    // The next size measures only its own readers.
    await env.DB.prepare("UPDATE enrollments SET state = 'stopped' WHERE subscriber_id LIKE ?")
      .bind(`${prefix}-%`)
      .run();
  }
});
