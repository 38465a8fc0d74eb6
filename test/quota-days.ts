import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { runSchedule } from "../worker/domain/schedule/run.ts";
import { database } from "../worker/mechanisms/db/client.ts";
import { amsterdamTime } from "../worker/mechanisms/lib/amsterdam-time.ts";
import { resendTransport } from "../worker/mechanisms/mail/resend.ts";
import { quotaPause } from "../worker/mechanisms/sending/quota.ts";
import type { createFakeResend, FakeResendOptions } from "./fake-resend.ts";
import { envWithQueue, SimulatedQueue, seedReaders, stopReaders } from "./send-harness.ts";

const DAY = 86_400_000;
const QUARTER = 15 * 60_000;

/**
 * 300 readers due at once (`fakeResend` makes the Resend they meet) against Resend's free daily quota of 100: the real cron, consumer and
 * transport on a simulated calendar, a run at midnight UTC and two after it each day, and one at
 * the readers' hour. What each reader got, in order, and what was dead-lettered.
 */
export async function overDays(
  fakeResend: (options: FakeResendOptions) => ReturnType<typeof createFakeResend>,
  prefix: string,
  days: number,
  settings: Partial<Env> = {},
) {
  const firstDue = amsterdamTime(2033, 3, 7, 7);
  const emails = await seedReaders(env, prefix, 300, firstDue);
  let clock = firstDue;
  const fake = fakeResend({ quota: { daily: 100, monthly: 3000, now: () => clock } });
  const transport = resendTransport({
    apiKey: "re_test_key",
    fetch: fake.fetch,
    sleep: async () => {},
    now: () => clock,
  });
  const queue = new SimulatedQueue();
  const workerEnv = envWithQueue(queue, settings);
  const pauses: number[] = [];
  let deadLettered = 0;
  vi.useFakeTimers({ toFake: ["Date"] });
  const midnight = Date.UTC(2033, 2, 7);
  const sentBy: number[] = [];
  for (let day = 0; day < days; day++) {
    const runs = [0, QUARTER, 2 * QUARTER, firstDue - midnight].map((offset) => midnight + day * DAY + offset);
    for (const at of runs) {
      clock = at;
      vi.setSystemTime(at);
      await runSchedule(workerEnv, at);
      deadLettered += (await queue.drain(workerEnv, transport)).deadLettered;
      const pause = await quotaPause(database(env));
      if (pause && pause.until > at && !pauses.includes(pause.until)) pauses.push(pause.until);
    }
    sentBy.push(fake.accepted.length);
  }
  vi.useRealTimers();
  await stopReaders(env, prefix);
  const byReader = new Map(emails.map((email) => [email, [] as string[]]));
  for (const sent of fake.accepted) byReader.get(sent.to[0]!)?.push(sent.subject);
  return { fake, byReader, deadLettered, pauses, sentBy };
}
